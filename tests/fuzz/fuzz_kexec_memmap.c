// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for our kexec-tools' readers of the memory map
 * (build/kexec-tools, patched: kexec-tools-patches/): get_memory_ranges()
 * as kexec_load uses it, i.e. the real kexec/firmware_memmap.c reading
 * /sys/firmware/memmap and, with --reuse-memmap, the real
 * kexec/arch/i386/kexec-x86-common.c reading the boot map from
 * /sys/kernel/boot_params (its zeropage's e820 table and SETUP_E820_EXT
 * nodes) and laying the current map over it.
 *
 * The paths are the programs' own: the harness is linked with --wrap for
 * open(), fopen(), stat() and opendir(), which move every path under
 * /sys/ or /proc/ into a fake tree built from the input in a temporary
 * directory (in /dev/shm when there is one). /proc/cmdline and
 * /proc/iomem do not exist there. What the readers say on stderr about
 * each input they refuse is formatted and dropped (fprintf(), perror()
 * wrapped too; built with -fno-builtin, so that no call becomes fwrite()).
 *
 * Input: a flag byte (bit 0: --reuse-memmap), then records, each a kind
 * byte, a length byte and as many bytes:
 *   kind 0: a /sys/firmware/memmap entry, "START\nEND\nTYPE" (its three
 *           attributes, split at the first two newlines);
 *   kind 1: /sys/kernel/boot_params/data, a zeropage: the first byte is
 *           its e820_entries, the next two (big-endian) the file's size
 *           modulo 4097, the rest its e820 table;
 *   kind 2: a setup_data node, "TYPE\n" then its data.
 * The oracle, besides the sanitizers: when get_memory_ranges() succeeds,
 * there are at most MAX_MEMORY_RANGES ranges; with --reuse-memmap, each
 * range is start <= end, and they are sorted, none overlapping the next.
 * Built with -DFUZZ_SEED it writes a good input to stdout instead.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <x86/x86-linux.h>

#include "kexec.h"
#include "kexec-x86.h"

#define CHECK(cond)	do { if (!(cond)) __builtin_trap(); } while (0)
#define MAX_RECORDS	64

/* What kexec-x86-common.c needs from the rest of kexec-tools */
struct arch_options_t arch_options;
int kexec_debug;
unsigned long long mem_min, mem_max = ULLONG_MAX;

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	CHECK(p);
	return p;
}

void dbgprint_mem_range(const char *prefix, struct memory_range *mr, int nr)
{
}

int xen_present(void)
{
	return 0;
}

const char *proc_iomem(void)
{
	return "/proc/iomem";
}

int get_bootparam(void *buf, off_t offset, size_t size)
{
	return -1;
}

int get_crash_kernel_load_range(uint64_t *start, uint64_t *end)
{
	return -1;
}

static char root[64];

/* /sys/... and /proc/... live under root */
static const char *moved(const char *path, char *buf, size_t size)
{
	if (strncmp(path, "/sys/", 5) && strncmp(path, "/proc/", 6))
		return path;
	snprintf(buf, size, "%s%s", root, path);
	return buf;
}

int __real_open(const char *path, int flags, ...);
FILE *__real_fopen(const char *path, const char *mode);
int __real_stat(const char *path, struct stat *st);
DIR *__real_opendir(const char *path);

int __wrap_open(const char *path, int flags, ...)
{
	char buf[PATH_MAX + 64];
	mode_t mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	return __real_open(moved(path, buf, sizeof(buf)), flags, mode);
}

FILE *__wrap_fopen(const char *path, const char *mode)
{
	char buf[PATH_MAX + 64];

	return __real_fopen(moved(path, buf, sizeof(buf)), mode);
}

int __wrap_stat(const char *path, struct stat *st)
{
	char buf[PATH_MAX + 64];

	return __real_stat(moved(path, buf, sizeof(buf)), st);
}

DIR *__wrap_opendir(const char *path)
{
	char buf[PATH_MAX + 64];

	return __real_opendir(moved(path, buf, sizeof(buf)));
}

int __wrap_fprintf(FILE *f, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = f == stderr ? vsnprintf(buf, sizeof(buf), fmt, ap) :
			  vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

void __wrap_perror(const char *s)
{
}

static void put(const char *dir, const char *name, const void *p, size_t n)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	CHECK(f);
	CHECK(fwrite(p, 1, n, f) == n || !n);
	CHECK(!fclose(f));
}

static void mkdirs(const char *path)
{
	char buf[256], *s;

	snprintf(buf, sizeof(buf), "%s", path);
	for (s = buf + strlen(root) + 1; (s = strchr(s, '/')); s++) {
		*s = 0;
		mkdir(buf, 0755);
		*s = '/';
	}
	mkdir(buf, 0755);
}

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	return remove(path);
}

static void cleanup(void)
{
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = access("/dev/shm", W_OK) ? getenv("TMPDIR") :
						     "/dev/shm";

	snprintf(root, sizeof(root), "%s/fuzz_kexec_memmap.XXXXXX",
		 tmp ? tmp : "/tmp");
	CHECK(mkdtemp(root));
	atexit(cleanup);
	return 0;
}

/* Split "START\nEND\nTYPE" into the entry's three attribute files */
static void put_entry(const char *dir, const uint8_t *p, size_t n)
{
	static const char *const attr[] = { "start", "end", "type" };
	const uint8_t *nl;
	int i;

	for (i = 0; i < 2; i++) {
		nl = memchr(p, '\n', n);
		if (!nl)
			break;
		put(dir, attr[i], p, nl - p + 1);
		n -= nl - p + 1;
		p = nl + 1;
	}
	put(dir, attr[i], p, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char sys[128], dir[192];
	static union {
		struct x86_linux_param_header h;
		uint8_t b[4096];
	} zp;
	struct memory_range *range;
	int nr_map = 0, nr_setup = 0, i, ranges, ret;

	if (!size)
		return 0;
	cleanup();
	CHECK(!mkdir(root, 0700));
	snprintf(sys, sizeof(sys), "%s/sys", root);
	snprintf(dir, sizeof(dir), "%s/firmware/memmap", sys);
	mkdirs(dir);
	arch_options.reuse_memmap = data[0] & 1;
	data++;
	size--;
	for (i = 0; i < MAX_RECORDS && size >= 2; i++) {
		uint8_t kind = data[0];
		size_t len = data[1];

		data += 2;
		size -= 2;
		if (len > size)
			len = size;
		switch (kind) {
		case 0:
			snprintf(dir, sizeof(dir), "%s/firmware/memmap/%d",
				 sys, nr_map++);
			mkdirs(dir);
			put_entry(dir, data, len);
			break;
		case 1:
			if (len < 3)
				break;
			memset(&zp, 0, sizeof(zp));
			zp.h.e820_map_nr = data[0];
			memcpy(zp.h.e820_map, data + 3, len - 3);
			snprintf(dir, sizeof(dir), "%s/kernel/boot_params", sys);
			mkdirs(dir);
			put(dir, "data", zp.b, (data[1] << 8 | data[2]) % 4097);
			break;
		case 2: {
			const uint8_t *nl = memchr(data, '\n', len);
			size_t tl = nl ? (size_t)(nl - data) + 1 : len;

			snprintf(dir, sizeof(dir),
				 "%s/kernel/boot_params/setup_data/%d", sys,
				 nr_setup++);
			mkdirs(dir);
			put(dir, "type", data, tl);
			put(dir, "data", data + tl, len - tl);
			break;
		}
		}
		data += len;
		size -= len;
	}

	ret = get_memory_ranges(&range, &ranges, 0);
	if (ret)
		return 0;
	CHECK(ranges >= 0 && ranges <= MAX_MEMORY_RANGES);
	/* The sysfs map is taken as it is, overlaps included */
	if (arch_options.reuse_memmap)
		for (i = 0; i < ranges; i++) {
			CHECK(range[i].start <= range[i].end);
			CHECK(i + 1 == ranges || range[i].end < range[i + 1].start);
		}
	return 0;
}

#ifdef FUZZ_SEED
static void record(uint8_t kind, const void *p, size_t n)
{
	putchar(kind);
	putchar(n);
	fwrite(p, 1, n, stdout);
}

static void entry(const char *text)
{
	record(0, text, strlen(text));
}

/*
 * A small map, and the boot map it came from, with a persisted range the
 * kernel now shows only as reserved and one SETUP_E820_EXT node.
 */
int main(void)
{
	struct e820entry map[3] = {
		{ 0, 0x9fc00, 1 },
		{ 0x100000, 0x1ff00000, 1 },
		{ 0x20000000, 0x1000000, 0xe8200001 },
	};
	struct e820entry ext = { 0x40000000, 0x100000, 0xe8200001 };
	uint8_t zp[3 + sizeof(map)], node[2 + sizeof(ext)];

	putchar(1);
	entry("0x0\n0x9fbff\nSystem RAM\n");
	entry("0x100000\n0x1fffffff\nSystem RAM\n");
	entry("0x20000000\n0x20ffffff\nUnknown E820 type\n");
	entry("0x40000000\n0x400fffff\nPersisted Memory\n");
	zp[0] = 3;
	zp[1] = 4096 >> 8;
	zp[2] = 4096 & 0xff;
	memcpy(zp + 3, map, sizeof(map));
	record(1, zp, sizeof(zp));
	node[0] = '1';
	node[1] = '\n';
	memcpy(node + 2, &ext, sizeof(ext));
	record(2, node, sizeof(node));
	return 0;
}
#endif
