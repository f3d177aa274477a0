// SPDX-License-Identifier: GPL-2.0
/*
 * Shared helpers for the cmocka unit tests.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "util.h"

int tmpdir_setup(void **state)
{
	const char *base = getenv("TMPDIR");
	char tmpl[PATH_MAX];
	char *dir;

	path_join(tmpl, base && *base ? base : "/tmp", "persistctl-unit.XXXXXX");
	dir = mkdtemp(tmpl);
	if (!dir)
		return -1;
	*state = strdup(dir);
	return *state ? 0 : -1;
}

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int tmpdir_teardown(void **state)
{
	int ret = nftw(*state, rm_one, 16, FTW_DEPTH | FTW_PHYS);

	free(*state);
	*state = NULL;
	return ret;
}

char *path_join(char *buf, const char *a, const char *b)
{
	int n = snprintf(buf, PATH_MAX, "%s/%s", a, b);

	assert_true(n > 0 && n < PATH_MAX);
	return buf;
}

void put_dir(const char *root, const char *rel)
{
	char path[PATH_MAX];

	assert_int_equal(mkdir(path_join(path, root, rel), 0755), 0);
}

void put_file(const char *root, const char *rel, const void *data, size_t len)
{
	char path[PATH_MAX];
	int fd;

	fd = open(path_join(path, root, rel),
		  O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
}

void put_str(const char *root, const char *rel, const char *data)
{
	put_file(root, rel, data, strlen(data));
}

void put_entry(const char *root, const char *name, const char *start,
	       const char *end, const char *type)
{
	char dir[PATH_MAX];

	put_dir(root, name);
	path_join(dir, root, name);
	if (start)
		put_str(dir, "start", start);
	if (end)
		put_str(dir, "end", end);
	if (type)
		put_str(dir, "type", type);
}

char *slurp(const char *path)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	ssize_t n;
	int fd;

	assert_non_null(buf);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	while ((n = read(fd, buf + len, cap - len - 1)) > 0) {
		len += n;
		if (len + 1 == cap) {
			cap *= 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
	}
	assert_true(n == 0);
	close(fd);
	buf[len] = '\0';
	return buf;
}

/* Values as the kernel prints them: "0x%llx\n" and "%s\n". */
void put_sample_tree(const char *root)
{
	static const char *const entries[][4] = {
		{ "0", "0x100000000\n", "0x63fffffff\n", "System RAM\n" },
		{ "1", "0xeec00000\n", "0xfebfffff\n", "Reserved\n" },
		{ "2", "0x100000\n", "0xbffdffff\n", "System RAM\n" },
		{ "3", "0xbffe0000\n", "0xbfffffff\n", "ACPI Tables\n" },
		{ "4", "0x9fc00\n", "0xfffff\n", "Reserved\n" },
		{ "5", "0x0\n", "0x9fbff\n", "System RAM\n" },
		{ "6", "0x640000000\n", "0x640000fff\n",
		  "Persistent Memory (legacy)\n" },
		{ "7", "0x640001000\n", "0x640001000\n", "Unknown E820 type\n" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(entries); i++)
		put_entry(root, entries[i][0], entries[i][1], entries[i][2],
			  entries[i][3]);
}

const char sample_json[] =
	"{\n"
	"  \"memmap\": [\n"
	"    {\"start\": 0, \"end\": 654335, \"size\": 654336, \"type\": \"System RAM\"},\n"
	"    {\"start\": 654336, \"end\": 1048575, \"size\": 394240, \"type\": \"Reserved\"},\n"
	"    {\"start\": 1048576, \"end\": 3221094399, \"size\": 3220045824, \"type\": \"System RAM\"},\n"
	"    {\"start\": 3221094400, \"end\": 3221225471, \"size\": 131072, \"type\": \"ACPI Tables\"},\n"
	"    {\"start\": 4005560320, \"end\": 4273995775, \"size\": 268435456, \"type\": \"Reserved\"},\n"
	"    {\"start\": 4294967296, \"end\": 26843545599, \"size\": 22548578304, \"type\": \"System RAM\"},\n"
	"    {\"start\": 26843545600, \"end\": 26843549695, \"size\": 4096, \"type\": \"Persistent Memory (legacy)\"},\n"
	"    {\"start\": 26843549696, \"end\": 26843549696, \"size\": 1, \"type\": \"Unknown E820 type\"}\n"
	"  ],\n"
	"  \"total_ram\": 25769278464,\n"
	"  \"total_non_ram\": 268964865\n"
	"}\n";

const char sample_table[] =
	"START              END                    SIZE  TYPE\n"
	"0x0000000000000000 0x000000000009fbff     639K  System RAM\n"
	"0x000000000009fc00 0x00000000000fffff     385K  Reserved\n"
	"0x0000000000100000 0x00000000bffdffff 3144576K  System RAM\n"
	"0x00000000bffe0000 0x00000000bfffffff     128K  ACPI Tables\n"
	"0x00000000eec00000 0x00000000febfffff     256M  Reserved\n"
	"0x0000000100000000 0x000000063fffffff      21G  System RAM\n"
	"0x0000000640000000 0x0000000640000fff       4K  Persistent Memory (legacy)\n"
	"0x0000000640001000 0x0000000640001000        1  Unknown E820 type\n"
	"Total: RAM 24.0G (25769278464 bytes), non-RAM 256.5M (268964865 bytes)\n";
