// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for persistctl's command line: the real
 * tools/persistctl.c, its main() renamed persistctl_main() by the
 * Makefile, with the tools library. Whatever the arguments, it must
 * return 0, 1 or 2, and not crash, leak or read out of bounds.
 *
 * Input: the arguments after the program name, separated by NUL bytes
 * (at most 8). The device node is a path that does not exist and the
 * memory map an empty directory, so every command stops at the device or
 * prints an empty map: the parsing is what runs. Its output goes to
 * /dev/null (the FILE pointers stdout and stderr are swapped, so that
 * sanitizer reports still reach file descriptor 2).
 *
 * The oracle, for "alloc NAME SIZE" and "release NAME" without options:
 * usage error (2) exactly when the name breaks the rule of
 * <linux/persist_e820.h> (1 to 31 letters, digits and
 * PERSIST_E820_NAME_PUNCT, not starting with '.') or the size is not a
 * non-zero multiple of the page size that fits 64 bits; else the missing
 * device (1). Built with -DFUZZ_SEED it writes a good input to stdout
 * instead.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/persist_e820.h>

#include "util.h"

/* -Dmain=persistctl_main is for persistctl.c, not for the seed's main() */
#undef main

#define MAX_ARGS	8

#define CHECK(cond)	do { if (!(cond)) __builtin_trap(); } while (0)

int persistctl_main(int argc, char **argv);

static bool ref_name(const char *s)
{
	size_t n = strlen(s), i;

	if (!n || n >= PERSIST_E820_NAME_LEN || s[0] == '.')
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') ||
		      strchr(PERSIST_E820_NAME_PUNCT, s[i])))
			return false;
	return true;
}

static bool ref_size(const char *s)
{
	long page = sysconf(_SC_PAGESIZE);
	uint64_t v;

	return !parse_size(s, PARSE_SIZE_NONZERO, &v) && !(v % page);
}

/* An operand getopt would take for an option */
static bool is_option(const char *s)
{
	return s[0] == '-' && s[1];
}

static char dir[64], map[96];

static void cleanup(void)
{
	rmdir(map);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static char dev[96];
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/fuzz_persistctl.XXXXXX",
		 tmp ? tmp : "/tmp");
	CHECK(mkdtemp(dir));
	snprintf(dev, sizeof(dev), "%s/no-device", dir);
	snprintf(map, sizeof(map), "%s/memmap", dir);
	CHECK(!mkdir(map, 0755));
	atexit(cleanup);
	setenv("PERSISTCTL_DEVICE", dev, 1);
	setenv("PERSISTCTL_MEMMAP_DIR", map, 1);
	stdout = fopen("/dev/null", "w");
	stderr = fopen("/dev/null", "w");
	CHECK(stdout && stderr);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[MAX_ARGS + 2], *buf;
	int argc = 1, ret, want = -1;
	size_t i;

	/* A copy with a NUL after the last argument too */
	buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = 0;
	argv[0] = "persistctl";
	for (i = 0; i <= size && argc <= MAX_ARGS; i += strlen(buf + i) + 1)
		argv[argc++] = buf + i;
	argv[argc] = NULL;

	if (argc == 4 && !strcmp(argv[1], "alloc") && !is_option(argv[2]) &&
	    !is_option(argv[3]))
		want = ref_name(argv[2]) && ref_size(argv[3]) ? 1 : 2;
	if (argc == 3 && !strcmp(argv[1], "release") && !is_option(argv[2]))
		want = ref_name(argv[2]) ? 1 : 2;

	optind = 0;		/* glibc: start afresh, as in a new process */
	ret = persistctl_main(argc, argv);
	CHECK(ret >= 0 && ret <= 2);
	CHECK(want < 0 || ret == want);
	free(buf);
	return 0;
}

#ifdef FUZZ_SEED
/* A good input: allocate 16 KiB as "dump.0" */
int main(void)
{
	fwrite("alloc\0dump.0\0" "16K", 1, sizeof("alloc\0dump.0\0" "16K") - 1,
	       stdout);
	return 0;
}
#endif
