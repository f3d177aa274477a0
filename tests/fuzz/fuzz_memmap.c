// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for memmap_read(), persistctl's reader of
 * /sys/firmware/memmap: the real tools/memmap.c, fed a fake sysfs tree
 * built from the input in a temporary directory (in /dev/shm when there
 * is one, for speed).
 *
 * Input: a control byte (the entry limit), then per entry a name byte, a
 * flag byte and three attributes (start, end, type), each a length byte
 * and as many bytes of content. The name is the decimal value of the name
 * byte; flag bit 0 prefixes a 0, bit 1 appends a letter (not an index:
 * ignored), bit 2 makes it a file instead of a directory. A length byte
 * of 0xff leaves the attribute out, 0xfe makes it a directory, 0xfd a
 * FIFO; else length % 160 bytes follow (the reader reads at most 128).
 *
 * The oracle is an independent reading of the same rules (memmap.h):
 * memmap_read() must succeed exactly when every entry is sound, and then
 * return exactly the entries written, sorted; on failure the map is empty
 * and says why. The totals and both printers run on every result.
 * Built with -DFUZZ_SEED it writes a good input to stdout instead.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memmap.h"

#define MAX_ENTRIES	32
#define LEN_MISSING	0xff
#define LEN_DIR		0xfe
#define LEN_FIFO	0xfd

#define CHECK(cond)	do { if (!(cond)) __builtin_trap(); } while (0)

struct want {
	bool ok;
	struct memmap_entry e;
};

static char root[64];
static char tree[96];
static FILE *devnull;

/* The rule for start and end, from memmap.h, written independently. */
static bool ref_num(const uint8_t *p, size_t len, uint64_t *val)
{
	size_t i;

	if (memchr(p, 0, len))
		return false;
	if (len && p[len - 1] == '\n')
		len--;
	if (len >= MEMMAP_NUM_LEN || len < 3 || p[0] != '0' ||
	    (p[1] != 'x' && p[1] != 'X'))
		return false;
	*val = 0;
	for (i = 2; i < len; i++) {
		unsigned int d;

		if (p[i] >= '0' && p[i] <= '9')
			d = p[i] - '0';
		else if ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'f')
			d = (p[i] | 0x20) - 'a' + 10;
		else
			return false;
		if (*val >> 60)
			return false;	/* wider than 64 bits */
		*val = *val << 4 | d;
	}
	return true;
}

static bool ref_type(const uint8_t *p, size_t len, char *type)
{
	size_t i;

	if (len && p[len - 1] == '\n')
		len--;
	if (!len || len >= MEMMAP_TYPE_LEN)
		return false;
	for (i = 0; i < len; i++)
		if (p[i] < 0x20 || p[i] > 0x7e)
			return false;
	memcpy(type, p, len);
	type[len] = 0;
	return true;
}

static bool put_file(const char *path, const uint8_t *p, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	bool ok;

	if (fd < 0)
		return false;
	ok = write(fd, p, len) == (ssize_t)len;
	close(fd);
	return ok;
}

/*
 * One attribute of entry directory @dir from the input at *@data; false
 * when the input ends. *@ok stays true only for a sound attribute, whose
 * value goes to @num or @type.
 */
static bool put_attr(const char *dir, const char *name, const uint8_t **data,
		     size_t *size, bool *ok, uint64_t *num, char *type)
{
	char path[160];
	uint8_t l;
	size_t len;

	if (!*size)
		return false;
	l = **data;
	(*data)++;
	(*size)--;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (l == LEN_MISSING) {
		*ok = false;
		return true;
	}
	if (l == LEN_DIR || l == LEN_FIFO) {
		CHECK(!(l == LEN_DIR ? mkdir(path, 0755) : mkfifo(path, 0644)));
		*ok = false;
		return true;
	}
	len = l % 160;
	if (len > *size)
		return false;
	CHECK(put_file(path, *data, len));
	if (!(type ? ref_type(*data, len, type) : ref_num(*data, len, num)))
		*ok = false;
	*data += len;
	*size -= len;
	return true;
}

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	return remove(path);
}

static int cmp_entry(const void *a, const void *b)
{
	const struct memmap_entry *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return strcmp(x->type, y->type);
}

static int cmp_want(const void *a, const void *b)
{
	return cmp_entry(&((const struct want *)a)->e,
			 &((const struct want *)b)->e);
}

static void check_result(const struct memmap *map, struct want *w, size_t nr)
{
	unsigned __int128 ram = 0, other = 0;
	struct memmap_totals t;
	size_t i;

	static struct memmap_entry got[MAX_ENTRIES];

	/* exactly the entries written (the order of equal ranges is free) */
	CHECK(map->nr == nr);
	if (nr)
		memcpy(got, map->entries, nr * sizeof(*got));
	qsort(got, nr, sizeof(*got), cmp_entry);
	for (i = 0; i < nr; i++) {
		const struct memmap_entry *e = &map->entries[i];

		CHECK(!cmp_entry(&got[i], &w[i].e));
		/* sorted by start, then end */
		CHECK(i == 0 || e->start > e[-1].start ||
		      (e->start == e[-1].start && e->end >= e[-1].end));
		if (memmap_entry_is_ram(e))
			ram += memmap_entry_size(e);
		else
			other += memmap_entry_size(e);
	}
	if (ram >> 64 || other >> 64) {
		CHECK(memmap_totals(map, &t) == -ERANGE);
		CHECK(memmap_print_table(devnull, map) == -ERANGE);
		CHECK(memmap_print_json(devnull, map) == -ERANGE);
		return;
	}
	CHECK(!memmap_totals(map, &t) && t.ram == ram && t.other == other);
	CHECK(!memmap_print_table(devnull, map));
	CHECK(!memmap_print_json(devnull, map));
}

static void cleanup(void)
{
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = access("/dev/shm", W_OK) ? getenv("TMPDIR") :
						     "/dev/shm";

	snprintf(root, sizeof(root), "%s/fuzz_memmap.XXXXXX",
		 tmp ? tmp : "/tmp");
	CHECK(mkdtemp(root));
	snprintf(tree, sizeof(tree), "%s/memmap", root);
	atexit(cleanup);
	devnull = fopen("/dev/null", "w");
	CHECK(devnull);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct want w[MAX_ENTRIES];
	bool sound = true;
	struct memmap map;
	size_t max, nr = 0, i;
	int ret;

	if (!size)
		return 0;
	max = 1 + data[0] % MAX_ENTRIES;
	data++;
	size--;

	nftw(tree, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	CHECK(!mkdir(tree, 0755));
	for (i = 0; i < MAX_ENTRIES && size >= 2; i++) {
		char name[16], dir[128];
		uint8_t flags = data[1];
		struct want *x = &w[nr];
		bool index = !(flags & 2);

		snprintf(name, sizeof(name), "%s%u%s", flags & 1 ? "0" : "",
			 data[0], index ? "" : "a");
		snprintf(dir, sizeof(dir), "%s/%s", tree, name);
		data += 2;
		size -= 2;
		if (flags & 4) {
			/* the name may be taken: then leave it as it is */
			if (put_file(dir, NULL, 0) && index) {
				sound = false;
				nr++;
			}
			continue;
		}
		if (mkdir(dir, 0755))
			continue;
		memset(x, 0, sizeof(*x));
		x->ok = true;
		if (!put_attr(dir, "start", &data, &size, &x->ok, &x->e.start,
			      NULL) ||
		    !put_attr(dir, "end", &data, &size, &x->ok, &x->e.end,
			      NULL) ||
		    !put_attr(dir, "type", &data, &size, &x->ok, NULL,
			      x->e.type))
			x->ok = false;
		if (x->e.end < x->e.start ||
		    (x->e.start == 0 && x->e.end == UINT64_MAX))
			x->ok = false;
		if (index) {
			sound &= x->ok;
			nr++;
		}
	}
	if (nr > max)
		sound = false;

	ret = memmap_read_max(tree, max, &map);
	if (sound) {
		CHECK(ret == 0);
		qsort(w, nr, sizeof(*w), cmp_want);
		check_result(&map, w, nr);
	} else {
		CHECK(ret < 0 && !map.nr && !map.entries && map.err[0]);
		CHECK(ret == -ENOENT || ret == -ENOTDIR || ret == -EISDIR ||
		      ret == -EINVAL || ret == -ERANGE || ret == -EOVERFLOW ||
		      ret == -E2BIG);
	}
	memmap_free(&map);
	return 0;
}

#ifdef FUZZ_SEED
static void put_entry(uint8_t name, const char *start, const char *end,
		      const char *type)
{
	const char *attr[] = { start, end, type };
	int i;

	putchar(name);
	putchar(0);
	for (i = 0; i < 3; i++) {
		putchar((int)strlen(attr[i]));
		fputs(attr[i], stdout);
	}
}

/* A good input: a small BIOS map with a persisted range. */
int main(void)
{
	putchar(15);
	put_entry(0, "0x0\n", "0x9fbff\n", "System RAM\n");
	put_entry(1, "0x9fc00\n", "0x9ffff\n", "Reserved\n");
	put_entry(2, "0x100000\n", "0xbffdffff\n", "System RAM\n");
	put_entry(3, "0xfeffc000\n", "0xfeffffff\n", "Reserved\n");
	put_entry(10, "0x100000000\n", "0x13fffffff\n", "Persisted Memory\n");
	put_entry(11, "0x140000000\n", "0x23fffffff\n", "System RAM\n");
	return 0;
}
#endif
