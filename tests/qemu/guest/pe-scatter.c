// SPDX-License-Identifier: GPL-2.0
/*
 * pe-scatter: many small persisted ranges for the scale tests.
 *
 *   pe-scatter make N PREFIX      persist N ranges of 4 KiB named PREFIX-i,
 *                                 each filled with random bytes, kept apart
 *                                 by a pipe buffer page allocated between
 *                                 them (from the same per-cpu free list);
 *                                 prints "NAME START LEN HASH"
 *   pe-scatter verify FILE        every range of FILE (as printed by make)
 *                                 still hashes the same, read through
 *                                 /dev/mem (boot with iomem=relaxed)
 *   pe-scatter cover FILE RAM [holes-ok]
 *                                 stdin: a memory map as "START END TYPE"
 *                                 lines (hex, end inclusive); every range of
 *                                 FILE is covered by entries whose TYPE is
 *                                 not RAM, and no RAM entry touches it
 *                                 (holes-ok: it may also be left out)
 *
 *   pe-scatter e820               print the e820 table this kernel received
 *                                 (boot_params plus SETUP_E820_EXT nodes,
 *                                 from /sys/kernel/boot_params) as "START
 *                                 END TYPE" lines (TYPE in decimal); exit 1
 *                                 if it is unsorted or has overlaps
 *
 *   pe-scatter vmcore             print the physical ranges /proc/vmcore
 *                                 dumps (its PT_LOAD headers) as "START END
 *                                 LOAD" lines
 *
 * verify and cover print "ok: N ranges" or the first failures, and exit 1
 * if any range failed. HASH is 64-bit FNV-1a: this checks that bytes
 * survived, it is not a security property.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>
#include <elf.h>
#include <linux/persist_e820.h>

#define PAGE 4096UL

struct range {
	char name[PERSIST_E820_NAME_LEN];
	uint64_t start, len, hash;
};

struct entry {
	uint64_t start, end;
	int ram;
};

static uint64_t fnv(const unsigned char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (n--) {
		h ^= *p++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static int make(unsigned long n, const char *prefix)
{
	const char *dev = getenv("PERSISTCTL_DEVICE");
	static const char spacer[PAGE];
	unsigned long i;
	int pipefd[2];

	if (!dev || !*dev)
		dev = "/dev/persist_e820";
	/* Room for a page per range, unread until we exit. */
	if (pipe(pipefd) ||
	    fcntl(pipefd[1], F_SETPIPE_SZ, (int)((n + 16) * PAGE)) < 0) {
		fprintf(stderr, "pe-scatter: pipe: %s\n", strerror(errno));
		return 1;
	}
	for (i = 0; i < n; i++) {
		struct persist_e820_alloc a = { .size = sizeof(a), .length = PAGE };
		unsigned char *p;
		int fd = open(dev, O_RDWR);

		if (fd < 0) {
			fprintf(stderr, "pe-scatter: %s: %s\n", dev, strerror(errno));
			return 1;
		}
		snprintf(a.name, sizeof(a.name), "%s-%lu", prefix, i);
		if (ioctl(fd, PERSIST_E820_IOC_ALLOC, &a)) {
			fprintf(stderr, "pe-scatter: alloc %s: %s\n", a.name,
				strerror(errno));
			return 1;
		}
		p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (p == MAP_FAILED || getrandom(p, PAGE, 0) != (ssize_t)PAGE) {
			fprintf(stderr, "pe-scatter: fill %s: %s\n", a.name,
				strerror(errno));
			return 1;
		}
		printf("%s %#" PRIx64 " %lu %#" PRIx64 "\n", a.name, (uint64_t)a.phys_addr,
		       PAGE, fnv(p, PAGE));
		munmap(p, PAGE);
		close(fd);
		/*
		 * A pipe buffer is an unmovable page like ours: taking one now
		 * keeps the next range from being adjacent to this one.
		 */
		if (write(pipefd[1], spacer, PAGE) != (ssize_t)PAGE) {
			fprintf(stderr, "pe-scatter: pipe write: %s\n", strerror(errno));
			return 1;
		}
	}
	return fflush(stdout) ? 1 : 0;
}

static struct range *load(const char *file, size_t *nr)
{
	struct range *r = NULL;
	size_t n = 0, cap = 0;
	char line[256];
	FILE *f = fopen(file, "r");

	if (!f) {
		fprintf(stderr, "pe-scatter: %s: %s\n", file, strerror(errno));
		exit(1);
	}
	while (fgets(line, sizeof(line), f)) {
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			r = realloc(r, cap * sizeof(*r));
			if (!r)
				exit(1);
		}
		if (sscanf(line, "%31s %" SCNx64 " %" SCNu64 " %" SCNx64,
			   r[n].name, &r[n].start, &r[n].len, &r[n].hash) != 4) {
			fprintf(stderr, "pe-scatter: %s: bad line: %s", file, line);
			exit(1);
		}
		n++;
	}
	fclose(f);
	*nr = n;
	return r;
}

static int verify(const char *file)
{
	size_t i, n, bad = 0;
	struct range *r = load(file, &n);
	int fd = open("/dev/mem", O_RDONLY | O_SYNC);

	if (fd < 0) {
		perror("pe-scatter: /dev/mem");
		return 1;
	}
	for (i = 0; i < n; i++) {
		unsigned char *p = mmap(NULL, r[i].len, PROT_READ, MAP_SHARED,
					fd, r[i].start);
		uint64_t h;

		if (p == MAP_FAILED) {
			if (bad++ < 5)
				printf("%s: mmap %#" PRIx64 ": %s\n", r[i].name,
				       r[i].start, strerror(errno));
			continue;
		}
		h = fnv(p, r[i].len);
		munmap(p, r[i].len);
		if (h != r[i].hash && bad++ < 5)
			printf("%s at %#" PRIx64 ": hash %#" PRIx64 ", expected %#" PRIx64 "\n",
			       r[i].name, r[i].start, h, r[i].hash);
	}
	if (bad) {
		printf("%zu of %zu ranges changed\n", bad, n);
		return 1;
	}
	printf("ok: %zu ranges\n", n);
	return 0;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static int cover(const char *file, const char *ram, int holes_ok)
{
	size_t i, n, ne = 0, cap = 0, bad = 0;
	struct range *r = load(file, &n);
	struct entry *e = NULL;
	char line[512], type[256];

	while (fgets(line, sizeof(line), stdin)) {
		uint64_t s, t;
		int off;

		if (sscanf(line, "%" SCNx64 " %" SCNx64 " %n", &s, &t, &off) != 2)
			continue;
		snprintf(type, sizeof(type), "%s", line + off);
		type[strcspn(type, "\n")] = 0;
		if (ne == cap) {
			cap = cap ? 2 * cap : 1024;
			e = realloc(e, cap * sizeof(*e));
			if (!e)
				return 1;
		}
		e[ne].start = s;
		e[ne].end = t;
		e[ne].ram = !strcmp(type, ram);
		ne++;
	}
	qsort(e, ne, sizeof(*e), cmp_entry);
	for (i = 0; i < n; i++) {
		uint64_t s = r[i].start, t = r[i].start + r[i].len - 1, covered = 0;
		size_t lo = 0, hi = ne;
		int ram = 0;

		/* first entry that ends at or after s */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (e[mid].end < s)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < ne && e[lo].start <= t; lo++) {
			uint64_t a = e[lo].start > s ? e[lo].start : s;
			uint64_t b = e[lo].end < t ? e[lo].end : t;

			if (e[lo].end < s)
				continue;
			if (e[lo].ram)
				ram = 1;
			else
				covered += b - a + 1;
		}
		if ((ram || (covered != r[i].len && !(holes_ok && !covered))) &&
		    bad++ < 5)
			printf("%s [%#" PRIx64 "-%#" PRIx64 "]: %s, %" PRIu64 " of %" PRIu64 " bytes covered\n",
			       r[i].name, s, t, ram ? "touches RAM" : "not RAM",
			       covered, r[i].len);
	}
	if (bad) {
		printf("%zu of %zu ranges not covered by non-RAM entries (%zu entries)\n",
		       bad, n, ne);
		return 1;
	}
	printf("ok: %zu ranges in %zu entries\n", n, ne);
	return 0;
}

#define BP "/sys/kernel/boot_params"

static size_t slurp(const char *path, unsigned char **buf)
{
	size_t n = 0, cap = 0;
	FILE *f = fopen(path, "r");

	*buf = NULL;
	if (!f)
		return 0;
	for (;;) {
		size_t got;

		if (n == cap) {
			cap = cap ? 2 * cap : 65536;
			*buf = realloc(*buf, cap);
			if (!*buf)
				exit(1);
		}
		got = fread(*buf + n, 1, cap - n, f);
		if (!got)
			break;
		n += got;
	}
	fclose(f);
	return n;
}

/* boot_params: e820_entries (u8) at 0x1e8, the table (20-byte entries) at 0x2d0 */
static int e820_print(const unsigned char *p, size_t nr, uint64_t *last, int *bad)
{
	size_t i;

	for (i = 0; i < nr; i++, p += 20) {
		uint64_t addr, size;
		uint32_t type;

		memcpy(&addr, p, 8);
		memcpy(&size, p + 8, 8);
		memcpy(&type, p + 16, 4);
		if (!size || addr < *last || addr + size - 1 < addr)
			*bad = 1;
		*last = addr + size;
		printf("%#" PRIx64 " %#" PRIx64 " %" PRIu32 "\n", addr, addr + size - 1, type);
	}
	return 0;
}

static int e820(void)
{
	unsigned char *zp, *data;
	uint64_t last = 0;
	size_t n, i;
	int bad = 0;

	n = slurp(BP "/data", &zp);
	if (n < 0x2d0 + 128 * 20) {
		fprintf(stderr, "pe-scatter: " BP "/data: %zu bytes\n", n);
		return 1;
	}
	e820_print(zp + 0x2d0, zp[0x1e8], &last, &bad);
	for (i = 0; i < 4096; i++) {
		char path[128];
		unsigned char *type;

		snprintf(path, sizeof(path), BP "/setup_data/%zu/type", i);
		if (!slurp(path, &type))
			break;
		if (strtoul((char *)type, NULL, 0) == 1) {	/* SETUP_E820_EXT */
			snprintf(path, sizeof(path), BP "/setup_data/%zu/data", i);
			n = slurp(path, &data);
			e820_print(data, n / 20, &last, &bad);
			free(data);
		}
		free(type);
	}
	if (bad)
		fprintf(stderr, "pe-scatter: the received e820 table is unsorted or overlaps\n");
	return bad;
}

static int vmcore(void)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	int i, fd = open("/proc/vmcore", O_RDONLY);

	if (fd < 0 || pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) || eh.e_ident[EI_CLASS] != ELFCLASS64) {
		fprintf(stderr, "pe-scatter: /proc/vmcore: no ELF64 header\n");
		return 1;
	}
	for (i = 0; i < eh.e_phnum; i++) {
		if (pread(fd, &ph, sizeof(ph), eh.e_phoff + (off_t)i * eh.e_phentsize) !=
		    sizeof(ph))
			return 1;
		if (ph.p_type == PT_LOAD && ph.p_memsz)
			printf("%#" PRIx64 " %#" PRIx64 " LOAD\n", (uint64_t)ph.p_paddr,
			       (uint64_t)(ph.p_paddr + ph.p_memsz - 1));
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "vmcore"))
		return vmcore();
	if (argc == 2 && !strcmp(argv[1], "e820"))
		return e820();
	if (argc == 4 && !strcmp(argv[1], "make"))
		return make(strtoul(argv[2], NULL, 0), argv[3]);
	if (argc == 3 && !strcmp(argv[1], "verify"))
		return verify(argv[2]);
	if ((argc == 4 || (argc == 5 && !strcmp(argv[4], "holes-ok"))) &&
	    !strcmp(argv[1], "cover"))
		return cover(argv[2], argv[3], argc == 5);
	fprintf(stderr, "usage: pe-scatter make N PREFIX | verify FILE | cover FILE RAM [holes-ok] | e820 | vmcore\n");
	return 2;
}
