// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for e820__persist_check_load(), which reads the memory
 * map of a kexec_load image, user space's bytes, from its segments: the
 * real arch/x86/kernel/e820_persist_load.c, built against
 * tests/unit/kstubs/, with a registry of persisted ranges and the
 * segments made up here.
 *
 * Input: a control byte (number of segments, 1 to 4), the number of
 * registered ranges (0 to 7) and of persisted entries left in
 * e820_table_kexec (0 to 3), then 4 bytes per range (gap and length in
 * pages, laid out one after the other; the first one is the record), 4
 * bytes per left entry (page and pages), 4 bytes per segment (page, and
 * a length in units of 5 pages, so that some are larger than the 1 MiB
 * the check reads), and the rest: the segments' content, one after the
 * other. Inputs with overlapping segments are dropped (the kernel never
 * gets that far with them).
 *
 * Whatever the check returns must be one of its errors, with the lock
 * released, every segment it mapped unmapped, and the generation recorded
 * only on success. When it accepts, an independent reading of every
 * zeropage map it could have read agrees, if anything is persisted: a
 * map the next kernel takes (two entries at least, none wrapping); no
 * entry but reserved or persisted touches persisted memory, and every
 * persisted entry lies on it. Out-of-bounds reads are AddressSanitizer's to find: each segment is
 * a buffer of exactly its size. A violation is __builtin_trap(). Built
 * with -DFUZZ_SEED it writes a good input to stdout instead.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <asm/bootparam.h>
#include <asm/e820/api.h>
#include <asm/e820/persist.h>
#include <linux/kexec.h>

#define MAX_SEGS	4
#define MAX_REGIONS	7
#define MAX_LEFT	3
#define PAGE		4096UL
#define SEG_UNIT	(5 * PAGE)
#define BIG		(1UL << 20)
#define GEN		42

#define CHECK(cond)	do { if (!(cond)) __builtin_trap(); } while (0)

struct mutex persist_e820_mutex;
static struct e820_table table_kexec;
struct e820_table *e820_table_kexec = &table_kexec;

static struct persist_e820_region regions[MAX_REGIONS];
static unsigned int nr_regions;
static uint8_t *seg_buf[MAX_SEGS];
static int mapped;

/* The registry, as persist_e820.c answers (a list sorted by start) */
struct persist_e820_region *persist_e820_find_overlap(u64 start, u64 end)
{
	unsigned int i;

	CHECK(persist_e820_mutex.locked);
	for (i = 0; i < nr_regions; i++) {
		if (regions[i].start >= end)
			break;
		if (regions[i].end > start)
			return &regions[i];
	}
	return NULL;
}

unsigned int persist_e820_nr_ranges(void)
{
	return nr_regions ? nr_regions - 1 : 0;	/* not the record */
}

u64 persist_e820_generation(void)
{
	CHECK(persist_e820_mutex.locked);
	return GEN;
}

void *kimage_map_segment(struct kimage *image, int idx)
{
	CHECK(idx >= 0 && (unsigned long)idx < image->nr_segments);
	mapped++;
	return seg_buf[idx];
}

void kimage_unmap_segment(void *buffer)
{
	CHECK(buffer);
	mapped--;
}

static uint32_t get(const uint8_t **p, const uint8_t *end, unsigned int n)
{
	uint32_t v = 0;

	while (n--)
		v = v << 8 | (*p < end ? *(*p)++ : 0);
	return v;
}

/* The oracle's own reading: is any byte of [s, e) held? Is all of it? */
static bool held_at(u64 a)
{
	unsigned int i;

	for (i = 0; i < nr_regions; i++)
		if (a >= regions[i].start && a < regions[i].end)
			return true;
	for (i = 0; i < table_kexec.nr_entries; i++)
		if (a >= table_kexec.entries[i].addr &&
		    a - table_kexec.entries[i].addr < table_kexec.entries[i].size)
			return true;
	return false;
}

static bool touches_held(u64 s, u64 e)
{
	unsigned int i;

	for (i = 0; i < nr_regions; i++)
		if (regions[i].start < e && regions[i].end > s)
			return true;
	for (i = 0; i < table_kexec.nr_entries; i++) {
		const struct e820_entry *t = &table_kexec.entries[i];

		if (t->addr < e && t->addr + t->size > s)
			return true;
	}
	return false;
}

/* Held memory comes in pages here: checking each page start suffices */
static bool all_held(u64 s, u64 e)
{
	u64 a;

	if (s >= e)		/* the last byte of the address space */
		return true;
	if (!held_at(s))
		return false;
	for (a = (s | (PAGE - 1)) + 1; a && a < e; a += PAGE)
		if (!held_at(a))
			return false;
	return true;
}

static void oracle(const struct kimage *image)
{
	unsigned long i;
	unsigned int j;

	if (!touches_held(0, UINT64_MAX))
		return;		/* nothing to check, nothing checked */

	for (i = 0; i < image->nr_segments; i++) {
		const struct boot_params *bp = (const void *)seg_buf[i];

		if (image->segment[i].memsz < sizeof(*bp) ||
		    image->segment[i].memsz > BIG ||
		    memcmp(&bp->hdr.header, "HdrS", 4))
			continue;
		CHECK(bp->e820_entries <= E820_MAX_ENTRIES_ZEROPAGE);
		/* else the next kernel guesses its memory from alt_mem_k */
		CHECK(bp->e820_entries >= 2);
		for (j = 0; j < bp->e820_entries; j++) {
			struct boot_e820_entry e = bp->e820_table[j];
			u64 end = e.addr + e.size;

			if (!e.size)
				continue;
			/* an entry that wraps: the same */
			CHECK(e.addr + (e.size - 1) >= e.addr);
			if (!end)
				end = UINT64_MAX;
			if (e.type == E820_TYPE_PERSIST ||
			    e.type == E820_TYPE_PERSIST_RECORD)
				CHECK(all_held(e.addr, end));
			else if (e.type != E820_TYPE_RESERVED)
				CHECK(!touches_held(e.addr, end));
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	static struct kimage image;
	unsigned int nr_segs, nr_left, i, j;
	u64 pos = 0;
	int ret;

	memset(&image, 0, sizeof(image));
	memset(regions, 0, sizeof(regions));
	memset(&table_kexec, 0, sizeof(table_kexec));
	nr_segs = (get(&p, end, 1) & 3) + 1;
	nr_regions = get(&p, end, 1) % (MAX_REGIONS + 1);
	nr_left = get(&p, end, 1) % (MAX_LEFT + 1);
	for (i = 0; i < nr_regions; i++) {
		pos += get(&p, end, 2) * PAGE;
		regions[i].start = pos;
		pos += (get(&p, end, 2) + 1) * PAGE;
		regions[i].end = pos;
		if (i)
			snprintf(regions[i].name, sizeof(regions[i].name), "r%u", i);
	}
	for (i = 0; i < nr_left; i++) {
		struct e820_entry *t = &table_kexec.entries[table_kexec.nr_entries++];

		t->addr = get(&p, end, 2) * PAGE;
		t->size = (get(&p, end, 2) + 1) * PAGE;
		t->type = E820_TYPE_PERSIST;
	}
	image.type = KEXEC_TYPE_DEFAULT;
	image.nr_segments = nr_segs;
	image.arch.persist_generation = 7;
	for (i = 0; i < nr_segs; i++) {
		image.segment[i].mem = get(&p, end, 2) * PAGE;
		image.segment[i].memsz = (get(&p, end, 2) % 256 + 1) * SEG_UNIT / 5;
		if (get(&p, end, 1) & 1)
			image.segment[i].memsz *= 5;
	}
	for (i = 0; i < nr_segs; i++)
		for (j = 0; j < i; j++)
			if (image.segment[i].mem < image.segment[j].mem + image.segment[j].memsz &&
			    image.segment[j].mem < image.segment[i].mem + image.segment[i].memsz)
				return 0;
	for (i = 0; i < nr_segs; i++) {
		size_t n = image.segment[i].memsz, have = end - p;

		seg_buf[i] = calloc(1, n);
		if (!seg_buf[i])
			abort();
		memcpy(seg_buf[i], p, have < n ? have : n);
		p += have < n ? have : n;
	}

	mapped = 0;
	ret = e820__persist_check_load(&image);
	CHECK(!persist_e820_mutex.locked);
	CHECK(!mapped);
	CHECK(ret == 0 || ret == -ESTALE || ret == -EINVAL || ret == -E2BIG ||
	      ret == -ENOMEM);
	CHECK(image.arch.persist_generation == (ret ? 7 : GEN));
	if (!ret)
		oracle(&image);
	for (i = 0; i < nr_segs; i++)
		free(seg_buf[i]);
	return 0;
}

#ifdef FUZZ_SEED
static void put(uint32_t v, unsigned int n)
{
	while (n--)
		putchar(v >> (8 * n) & 0xff);
}

/*
 * A good input: the record and two ranges at 128 MiB; two segments, the
 * first boot parameters whose zeropage map has RAM around the ranges and
 * a setup_data chain of one SETUP_E820_EXT node (in the second segment)
 * with the ranges persisted.
 */
int main(void)
{
	static struct boot_params bp;
	static uint8_t node[PAGE];
	struct setup_data *sd = (void *)node;
	struct boot_e820_entry *ext = (void *)(sd + 1);
	const u64 base = 0x8000000;

	put(1, 1);		/* two segments */
	put(3, 1);		/* the record and two ranges */
	put(0, 1);
	put(base / PAGE, 2);	/* the record: 1 page at 128 MiB */
	put(0, 2);
	put(0, 2);		/* a range right after it: 1024 pages */
	put(1023, 2);
	put(0, 2);		/* and another: 1024 pages */
	put(1023, 2);
	put(0x100, 2);		/* segment 0 at 1 MiB, 4 KiB */
	put(0, 2);
	put(0, 1);
	put(0x200, 2);		/* segment 1 at 2 MiB, 4 KiB */
	put(0, 2);
	put(0, 1);

	memcpy(&bp.hdr.header, "HdrS", 4);
	bp.e820_entries = 2;
	bp.e820_table[0] = (struct boot_e820_entry){ 0, base, E820_TYPE_RAM };
	bp.e820_table[1] = (struct boot_e820_entry){
		base + 2049 * PAGE, 0x10000000, E820_TYPE_RAM };
	bp.hdr.setup_data = 0x200 * PAGE;
	sd->type = SETUP_E820_EXT;
	sd->len = 2 * sizeof(*ext);
	ext[0] = (struct boot_e820_entry){ base, PAGE, E820_TYPE_PERSIST_RECORD };
	ext[1] = (struct boot_e820_entry){ base + PAGE, 2048 * PAGE, E820_TYPE_PERSIST };
	fwrite(&bp, 1, sizeof(bp), stdout);
	fwrite(node, 1, sizeof(node), stdout);
	return 0;
}
#endif
