// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for e820__persist_split(), which builds the table
 * handed to the next kernel from e820 and the persisted spans: the real
 * arch/x86/kernel/e820_persist_table.c, built against tests/unit/kstubs/.
 *
 * Input: a control byte, the number of entries and of spans, then per
 * entry a gap, a size (8 bytes each) and a type byte, then per span a gap
 * and a length (8 bytes each). Entries and spans are laid out one after
 * the other from the gaps (control bit 0: from absolute addresses
 * instead), so that most inputs are sorted tables the fuzzer can then
 * break; the arithmetic wraps freely. A type byte below 0xf0 picks one of
 * the types that matter, the others are types the kernel does not know.
 *
 * Whatever the split accepts must have the properties the unit test
 * (tests/unit/test_e820_split.c) checks: sorted, disjoint, no empty entry,
 * touching persist entries coalesced, the source's coverage and types
 * kept outside the spans, each span inside one persist entry, and no more
 * entries than it counted, nor than the source's plus two per span.
 * Count mode and a buffer of the exact size (and one too small) agree.
 * A violation is __builtin_trap(). Built with -DFUZZ_SEED it writes a
 * good input to stdout instead.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <asm/e820/persist.h>

#define MAX_SRC		32
#define MAX_SPANS	16
#define ENT_BYTES	17
#define SPAN_BYTES	16
#define PT		E820_TYPE_PERSIST

#define N(a)		(sizeof(a) / sizeof((a)[0]))
#define CHECK(cond)	do { if (!(cond)) __builtin_trap(); } while (0)

static const u32 types[] = {
	E820_TYPE_RAM, E820_TYPE_RAM, E820_TYPE_RESERVED, E820_TYPE_ACPI,
	E820_TYPE_NVS, 128 /* an older kernel's RESERVED_KERN */,
	E820_TYPE_PMEM, E820_TYPE_SOFT_RESERVED, PT, E820_TYPE_PERSIST_RECORD,
};

static u64 get64(const uint8_t *p)
{
	u64 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* Last byte of @e; the caller knows it does not wrap. */
static u64 last_of(const struct e820_entry *e)
{
	return e->addr + (e->size - 1);
}

static int contains(const struct e820_entry *e, u64 first, u64 last)
{
	return e->size && first >= e->addr && last <= last_of(e);
}

static void check_result(const struct e820_entry *src, int nr_src,
			 const struct persist_e820_span *spans, int nr_spans,
			 const struct e820_entry *out, int n)
{
	unsigned __int128 in_bytes = 0, out_bytes = 0;
	int i, j, nonempty = 0;

	for (i = 0; i < nr_src; i++) {
		in_bytes += src[i].size;
		nonempty += !!src[i].size;
	}
	CHECK(n <= nonempty + 2 * nr_spans);

	for (i = 0; i < n; i++) {
		const struct e820_entry *e = &out[i];

		CHECK(e->size && last_of(e) >= e->addr);
		out_bytes += e->size;
		if (i) {
			const struct e820_entry *p = &out[i - 1];

			CHECK(e->addr > last_of(p));
			/* touching persist entries coalesce, unless 2^64 */
			CHECK(!(e->type == PT && p->type == PT &&
				last_of(p) + 1 == e->addr &&
				!(p->addr == 0 && last_of(e) == UINT64_MAX)));
		}
		if (e->type == PT)
			continue;
		/* outside the spans, a piece of one source entry, its type */
		for (j = 0; j < nr_src; j++)
			if (contains(&src[j], e->addr, last_of(e)) &&
			    src[j].type == e->type)
				break;
		CHECK(j < nr_src);
		for (j = 0; j < nr_spans; j++)
			CHECK(spans[j].end <= e->addr ||
			      spans[j].start > last_of(e));
	}
	/* same coverage: disjoint output, each piece inside the source */
	CHECK(out_bytes == in_bytes);

	/* each span inside one persist entry (two when it is all of 2^64) */
	for (j = 0; j < nr_spans; j++) {
		for (i = 0; i < n; i++)
			if (out[i].type == PT &&
			    contains(&out[i], spans[j].start, spans[j].end - 1))
				break;
		CHECK(i < n || (n >= 2 && out[0].addr == 0 &&
				last_of(&out[n - 1]) == UINT64_MAX));
	}
}

static void check_limit(u32 n)
{
	unsigned int lim = e820__persist_handover_limit(n);

	CHECK(lim <= n && (!n || lim));
	CHECK(n < 131 || n - lim >= 32);
	CHECK(n == UINT32_MAX || e820__persist_handover_limit(n + 1) >= lim);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct e820_entry src[MAX_SRC];
	static struct persist_e820_span all[MAX_SPANS];
	struct persist_e820_span *spans;
	struct e820_entry *dst;
	int nr_src, nr_spans, ret, n, i;
	u64 pos = 0;
	uint8_t ctl;

	if (size < 3)
		return 0;
	ctl = data[0];
	nr_src = data[1] % (MAX_SRC + 1);
	nr_spans = data[2] % (MAX_SPANS + 1);
	data += 3;
	size -= 3;
	if (size < (size_t)nr_src * ENT_BYTES + (size_t)nr_spans * SPAN_BYTES)
		return 0;

	for (i = 0; i < nr_src; i++, data += ENT_BYTES) {
		u64 a = get64(data), s = get64(data + 8);
		uint8_t t = data[16];

		src[i].addr = ctl & 1 ? a : pos + a;
		src[i].size = s;
		src[i].type = t < 0xf0 ? types[t % N(types)] : t;
		pos = src[i].addr + s;
	}
	pos = nr_src ? src[0].addr : 0;
	for (i = 0; i < nr_spans; i++, data += SPAN_BYTES) {
		u64 a = get64(data), l = get64(data + 8);

		all[i].start = ctl & 1 ? a : pos + a;
		all[i].end = ctl & 1 ? l : all[i].start + l;
		pos = all[i].end;
	}
	/* The spans in a buffer of their exact size, so ASan sees overruns */
	spans = malloc(nr_spans * sizeof(*spans) + 1);
	if (!spans)
		return 0;
	memcpy(spans, all, nr_spans * sizeof(*spans));

	check_limit(nr_src ? (u32)src[0].size : ctl);

	ret = e820__persist_split(src, nr_src, spans, nr_spans, PT, NULL, 0);
	CHECK(ret >= 0 || ret == -EINVAL);
	if (ret < 0) {
		dst = malloc(sizeof(*dst) * 4);
		CHECK(dst);
		CHECK(e820__persist_split(src, nr_src, spans, nr_spans, PT,
					  dst, 4) == -EINVAL);
		goto out;
	}

	/* Exactly the room it counted, or (control bit 1) one entry less */
	n = ctl & 2 && ret ? ret - 1 : ret;
	dst = malloc(n * sizeof(*dst) + 1);
	CHECK(dst);
	i = e820__persist_split(src, nr_src, spans, nr_spans, PT, dst, n);
	if (n < ret) {
		CHECK(i == -E2BIG);
	} else {
		CHECK(i == ret);
		check_result(src, nr_src, spans, nr_spans, dst, ret);
	}
out:
	free(dst);
	free(spans);
	return 0;
}

#ifdef FUZZ_SEED
static void put(const void *p, size_t n)
{
	fwrite(p, 1, n, stdout);
}

/*
 * A good input: low RAM, a hole, reserved, RAM with two spans (one
 * crossing into the next RAM entry), ACPI, RAM touching an existing
 * persist entry with a span next to it.
 */
int main(void)
{
	static const struct { u64 gap, size; uint8_t type; } e[] = {
		{ 0, 0x9f000, 0 },		/* RAM */
		{ 0x61000, 0x100000, 2 },	/* reserved */
		{ 0, 0x3ff00000, 0 },		/* RAM */
		{ 0, 0x100000, 5 },		/* 128 */
		{ 0, 0x20000, 3 },		/* ACPI */
		{ 0, 0x1000000, 1 },		/* RAM */
		{ 0, 0x200000, 8 },		/* persist */
	};
	static const struct { u64 gap, len; } s[] = {
		{ 0x10000000, 0x200000 },
		{ 0x1000, 0x2fe00000 },		/* into the 128 entry */
		{ 0x40000, 0x1000 },		/* in the RAM after ACPI */
		{ 0xfbf000, 0x1000 },		/* touching the persist one */
	};
	uint8_t head[3] = { 0, N(e), N(s) };
	size_t i;

	put(head, sizeof(head));
	for (i = 0; i < N(e); i++) {
		put(&e[i].gap, 8);
		put(&e[i].size, 8);
		put(&e[i].type, 1);
	}
	for (i = 0; i < N(s); i++) {
		put(&s[i].gap, 8);
		put(&s[i].len, 8);
	}
	return 0;
}
#endif
