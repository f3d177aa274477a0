// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for persist_e820_record_parse(), the parser of the
 * record a previous kernel leaves: the real kernel/liveupdate/
 * persist_e820_record.c, built against tests/unit/kstubs/.
 *
 * Input: one control byte, a map of up to 7 e820 entries (byte count,
 * then 20 bytes each), then the record. The parser gets the map's
 * persisted ranges as spans, derived as the kernel's boot code does
 * (arch/x86/kernel/e820_persist_boot.c): every entry of type
 * PERSIST_E820_TYPE with a nonzero size, in map order, is a span; so the
 * fuzzer also hands it unsorted, overlapping and wrapping spans, which
 * must not make it misbehave either. Control bit 0 recomputes the
 * record's checksum first, so that the fuzzer gets past it; bit 1 makes
 * the record's e820 entry shorter than the input.
 *
 * Whatever the parser accepts must keep its promises: entries sorted,
 * disjoint, page aligned, validly named, inside persisted runs of the map.
 * Built with -DFUZZ_SEED it writes a good input to stdout instead.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/crc32.h>
#include <linux/persist_e820_registry.h>
#include <asm/e820/types.h>

#define MAX_MAP		7
#define ENT_BYTES	20

static struct persist_e820_record_entry out[PERSIST_E820_MAX_RANGES];

/* The spans of @map, as the boot code derives them */
static unsigned int map_spans(const struct e820_entry *map, int nr_map,
			      struct persist_e820_span *spans)
{
	unsigned int n = 0;
	int i;

	for (i = 0; i < nr_map; i++) {
		if (map[i].type != PERSIST_E820_TYPE || !map[i].size)
			continue;
		spans[n].start = map[i].addr;
		spans[n].end = map[i].addr + map[i].size;
		n++;
	}
	return n;
}

static void check(const struct persist_e820_record_entry *e, int nr,
		  const struct e820_entry *map, int nr_map)
{
	int i, j;

	for (i = 0; i < nr; i++) {
		int inside = 0;

		if (!e[i].length || (e[i].start | e[i].length) & 0xfff ||
		    !persist_e820_name_valid(e[i].name, sizeof(e[i].name)) ||
		    (i && e[i].start < e[i - 1].start + e[i - 1].length))
			abort();
		for (j = 0; j < nr_map; j++)
			if (map[j].type == PERSIST_E820_TYPE &&
			    e[i].start >= map[j].addr &&
			    e[i].start - map[j].addr < map[j].size)
				inside = 1;
		if (!inside)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct e820_entry map[MAX_MAP];
	struct persist_e820_span all[MAX_MAP], *spans;
	unsigned int nr_spans;
	const char *why;
	uint8_t *rec;
	size_t len;
	int nr_map, ret;
	uint8_t ctl;

	if (size < 2)
		return 0;
	ctl = data[0];
	nr_map = data[1] % (MAX_MAP + 1);
	data += 2;
	size -= 2;
	if (size < (size_t)nr_map * ENT_BYTES)
		return 0;
	memcpy(map, data, (size_t)nr_map * ENT_BYTES);
	data += nr_map * ENT_BYTES;
	size -= nr_map * ENT_BYTES;

	/* A copy of exactly the record's bytes, so ASan sees every overrun */
	rec = malloc(size ? size : 1);
	if (!rec)
		return 0;
	memcpy(rec, data, size);
	len = size;
	if ((ctl & 1) && size >= sizeof(struct persist_e820_record)) {
		struct persist_e820_record *h = (void *)rec;

		if (h->size >= sizeof(*h) && h->size <= size) {
			h->checksum = 0;
			h->checksum = ~crc32_le(~0U, rec, h->size);
		}
	}
	if ((ctl & 2) && len)
		len -= data[0] % len;

	/* The spans too in a buffer of their exact size, for the same reason */
	nr_spans = map_spans(map, nr_map, all);
	spans = malloc(nr_spans ? nr_spans * sizeof(*spans) : 1);
	if (!spans) {
		free(rec);
		return 0;
	}
	memcpy(spans, all, nr_spans * sizeof(*spans));

	ret = persist_e820_record_parse(rec, len, spans, nr_spans, out, &why);
	if (ret >= 0)
		check(out, ret, map, nr_map);
	else if (!why)
		abort();
	free(spans);
	free(rec);
	return 0;
}

#ifdef FUZZ_SEED
/* A good input: two persisted runs, three named ranges, checksummed. */
int main(void)
{
	static const struct e820_entry map[] = {
		{ 0x100000, 0xff00000, E820_TYPE_RAM },
		{ 0x10000000, 0x200000, PERSIST_E820_TYPE },
		{ 0x10200000, 0x7e00000, E820_TYPE_RAM },
		{ 0x18000000, 0x100000, PERSIST_E820_TYPE },
	};
	static const struct { uint64_t start, len; const char *name, *owner; } r[] = {
		{ 0x10000000, 0x100000, "a", "user" },
		{ 0x10100000, 0x100000, "b", "mshv" },
		{ 0x18000000, 0x100000, "pool.0", "test" },
	};
	static uint8_t rec[sizeof(struct persist_e820_record) +
			   3 * sizeof(struct persist_e820_record_entry)];
	struct persist_e820_record_entry *e = (void *)(rec + sizeof(struct persist_e820_record));
	uint8_t head[2] = { 1, 4 };
	int i;

	for (i = 0; i < 3; i++) {
		e[i].start = r[i].start;
		e[i].length = r[i].len;
		strcpy(e[i].name, r[i].name);
		strcpy(e[i].owner, r[i].owner);
	}
	persist_e820_record_seal((void *)rec, 3);
	fwrite(head, 1, sizeof(head), stdout);
	for (i = 0; i < 4; i++)
		fwrite(&map[i], 1, ENT_BYTES, stdout);
	fwrite(rec, 1, sizeof(rec), stdout);
	return 0;
}
#endif
