// SPDX-License-Identifier: GPL-2.0
/*
 * e820__persist_split() and e820__persist_handover_limit() tests.  The
 * functions under test are the real arch/x86/kernel/e820_persist_table.c,
 * compiled unchanged against the stub kernel headers in kstubs/ (see the
 * Makefile); the header is the real arch/x86/include/asm/e820/persist.h.
 *
 * Hand-written cases, every -EINVAL case, the 128-entry zeropage boundary,
 * a randomized comparison against a page-granular model, and the handover
 * limit for the receiving kernels that matter.  The random
 * test prints its seed; E820_SPLIT_SEED=<n> and E820_SPLIT_ITERS=<n> in the
 * environment override it and the iteration count.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

#include <asm/e820/persist.h>

#define PT		0x50455253u	/* the persist type used here */
#define UNKNOWN		200u		/* a type the kernel does not know */
#define RAM		E820_TYPE_RAM
#define RES		E820_TYPE_RESERVED
/* E820_TYPE_RESERVED_KERN, which kernels before 6.15 have and treat as RAM */
#define RESK		128u
#define ACPI		E820_TYPE_ACPI
#define NVS		E820_TYPE_NVS
#define PMEM		E820_TYPE_PMEM
#define SOFTR		E820_TYPE_SOFT_RESERVED

#define PG		0x1000ULL
#define TOP		UINT64_MAX	/* last byte of the address space */
#define GUARD		8		/* sentinel entries after a result */

#define N(a)		((int)(sizeof(a) / sizeof((a)[0])))
#define ENT(a, s, t)	{ .addr = (a), .size = (s), .type = (t) }
#define SPAN(s, e)	{ .start = (s), .end = (e) }
/* A file-scope array literal and its length, for the case tables. */
#define ENTS(...)	(const struct e820_entry[]){ __VA_ARGS__ },	\
			N(((const struct e820_entry[]){ __VA_ARGS__ }))
#define SPANS(...)	(const struct persist_e820_span[]){ __VA_ARGS__ }, \
			N(((const struct persist_e820_span[]){ __VA_ARGS__ }))
#define NONE		NULL, 0

typedef struct e820_entry ent_t;
typedef struct persist_e820_span span_t;

static int split(const ent_t *src, int nr_src, const span_t *spans,
		 int nr_spans, ent_t *dst, int max_dst)
{
	return e820__persist_split(src, nr_src, spans, nr_spans, PT, dst,
				   max_dst);
}

static void dump(const char *what, const ent_t *e, int n)
{
	int i;

	print_message("# %s (%d):\n", what, n);
	for (i = 0; i < n; i++)
		print_message("#   [%#llx, +%#llx) type %#x\n",
			      (unsigned long long)e[i].addr,
			      (unsigned long long)e[i].size,
			      (unsigned int)e[i].type);
}

static void dump_spans(const span_t *s, int n)
{
	int i;

	print_message("# spans (%d):\n", n);
	for (i = 0; i < n; i++)
		print_message("#   [%#llx, %#llx)\n",
			      (unsigned long long)s[i].start,
			      (unsigned long long)s[i].end);
}

/* An array of @n entries plus GUARD sentinel entries. */
static ent_t *guarded(int n)
{
	ent_t *buf = test_malloc((size_t)(n + GUARD) * sizeof(*buf));

	memset(buf, 0xa5, (size_t)(n + GUARD) * sizeof(*buf));
	return buf;
}

static bool untouched(const ent_t *buf, int from, int to)
{
	const unsigned char *p = (const unsigned char *)&buf[from];
	size_t i;

	for (i = 0; i < (size_t)(to - from) * sizeof(*buf); i++)
		if (p[i] != 0xa5)
			return false;
	return true;
}

/* memcmp() of @n entries; either may be NULL when @n is 0. */
static bool same(const ent_t *a, const ent_t *b, int n)
{
	return !n || !memcmp(a, b, n * sizeof(*a));
}

/*
 * Properties every result must have, whatever the input: sorted, no
 * overlap, no empty entry, no two touching persist entries (they must have
 * been coalesced, unless together they would cover all of 2^64).
 */
static void check_shape(const ent_t *e, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (!e[i].size)
			fail_msg("entry %d is empty", i);
		/* the last byte may be 2^64 - 1, never beyond */
		if (e[i].addr + (e[i].size - 1) < e[i].addr)
			fail_msg("entry %d wraps past 2^64", i);
		if (!i)
			continue;
		if (e[i].addr <= e[i - 1].addr + (e[i - 1].size - 1))
			fail_msg("entry %d overlaps or precedes entry %d", i,
				 i - 1);
		if (e[i].type == PT && e[i - 1].type == PT &&
		    e[i - 1].addr + e[i - 1].size == e[i].addr &&
		    !(e[i - 1].addr == 0 && e[i].addr + e[i].size == 0))
			fail_msg("persist entries %d and %d touch", i - 1, i);
	}
}

/*
 * Check @src/@spans give exactly @exp, in count mode (whatever max_dst),
 * into a buffer of exactly the right size, into a larger one (nothing
 * written past the result), and into one entry too few (-E2BIG, nothing
 * written beyond it: the buffer is allocated at that size, so ASan
 * catches any write past it).
 */
static void check_split(const char *name, const ent_t *src, int nr_src,
			const span_t *spans, int nr_spans, const ent_t *exp,
			int nr_exp)
{
	ent_t *buf;
	int ret;

	ret = split(src, nr_src, spans, nr_spans, NULL, 0);
	if (ret != nr_exp) {
		dump("src", src, nr_src);
		dump_spans(spans, nr_spans);
		dump("expected", exp, nr_exp);
		fail_msg("%s: count mode returned %d, want %d", name, ret,
			 nr_exp);
	}
	assert_int_equal(split(src, nr_src, spans, nr_spans, NULL, -1), nr_exp);

	buf = guarded(nr_exp);
	ret = split(src, nr_src, spans, nr_spans, buf, nr_exp);
	if (ret != nr_exp || !same(buf, exp, nr_exp)) {
		dump("src", src, nr_src);
		dump_spans(spans, nr_spans);
		dump("expected", exp, nr_exp);
		dump("got", buf, ret < 0 ? 0 : ret);
		fail_msg("%s: returned %d, want %d and the table above", name,
			 ret, nr_exp);
	}
	check_shape(buf, nr_exp);
	if (!untouched(buf, nr_exp, nr_exp + GUARD))
		fail_msg("%s: wrote past the result", name);

	memset(buf, 0xa5, (nr_exp + GUARD) * sizeof(*buf));
	assert_int_equal(split(src, nr_src, spans, nr_spans, buf,
			       nr_exp + GUARD), nr_exp);
	assert_true(same(buf, exp, nr_exp));
	if (!untouched(buf, nr_exp, nr_exp + GUARD))
		fail_msg("%s: wrote past the result into a larger buffer",
			 name);
	test_free(buf);

	if (nr_exp) {
		/* + 1 byte: never NULL, which would mean count mode */
		buf = malloc((size_t)(nr_exp - 1) * sizeof(*buf) + 1);
		assert_non_null(buf);
		ret = split(src, nr_src, spans, nr_spans, buf, nr_exp - 1);
		free(buf);
		if (ret != -E2BIG)
			fail_msg("%s: max_dst %d returned %d, want -E2BIG",
				 name, nr_exp - 1, ret);
	}
}

struct split_case {
	const char *name;
	const ent_t *src;
	int nr_src;
	const span_t *spans;
	int nr_spans;
	const ent_t *exp;
	int nr_exp;
};

static const struct split_case split_cases[] = {
	{ "span in the middle of a RAM entry",
	  ENTS(ENT(0x100000, 0x100000, RAM)),
	  SPANS(SPAN(0x140000, 0x150000)),
	  ENTS(ENT(0x100000, 0x40000, RAM),
	       ENT(0x140000, 0x10000, PT),
	       ENT(0x150000, 0xb0000, RAM)) },
	{ "span at the start of an entry",
	  ENTS(ENT(0x100000, 0x100000, RAM)),
	  SPANS(SPAN(0x100000, 0x110000)),
	  ENTS(ENT(0x100000, 0x10000, PT),
	       ENT(0x110000, 0xf0000, RAM)) },
	{ "span at the end of an entry",
	  ENTS(ENT(0x100000, 0x100000, RAM)),
	  SPANS(SPAN(0x1f0000, 0x200000)),
	  ENTS(ENT(0x100000, 0xf0000, RAM),
	       ENT(0x1f0000, 0x10000, PT)) },
	{ "span equal to an entry, between other types",
	  ENTS(ENT(0, 0x9f000, RAM),
	       ENT(0x9f000, 0x1000, RES),
	       ENT(0x100000, 0x100000, RAM),
	       ENT(0x200000, 0x10000, ACPI)),
	  SPANS(SPAN(0x100000, 0x200000)),
	  ENTS(ENT(0, 0x9f000, RAM),
	       ENT(0x9f000, 0x1000, RES),
	       ENT(0x100000, 0x100000, PT),
	       ENT(0x200000, 0x10000, ACPI)) },
	{ "span equal to a RESERVED_KERN entry",
	  ENTS(ENT(0x100000, 0x100000, RESK)),
	  SPANS(SPAN(0x100000, 0x200000)),
	  ENTS(ENT(0x100000, 0x100000, PT)) },
	{ "two adjacent spans coalesce",
	  ENTS(ENT(0x100000, 0x100000, RAM)),
	  SPANS(SPAN(0x140000, 0x150000), SPAN(0x150000, 0x160000)),
	  ENTS(ENT(0x100000, 0x40000, RAM),
	       ENT(0x140000, 0x20000, PT),
	       ENT(0x160000, 0xa0000, RAM)) },
	{ "adjacent spans covering a whole entry",
	  ENTS(ENT(0x100000, 0x100000, RAM)),
	  SPANS(SPAN(0x100000, 0x101000), SPAN(0x101000, 0x180000),
		SPAN(0x180000, 0x200000)),
	  ENTS(ENT(0x100000, 0x100000, PT)) },
	{ "adjacent spans then a gap",
	  ENTS(ENT(0x100000, 0x100000, RAM)),
	  SPANS(SPAN(0x100000, 0x110000), SPAN(0x110000, 0x120000),
		SPAN(0x121000, 0x122000)),
	  ENTS(ENT(0x100000, 0x20000, PT),
	       ENT(0x120000, 0x1000, RAM),
	       ENT(0x121000, 0x1000, PT),
	       ENT(0x122000, 0xde000, RAM)) },
	{ "span crossing RAM | RESERVED_KERN",
	  ENTS(ENT(0x100000, 0x100000, RAM),
	       ENT(0x200000, 0x10000, RESK),
	       ENT(0x210000, 0xf0000, RAM)),
	  SPANS(SPAN(0x1f0000, 0x208000)),
	  ENTS(ENT(0x100000, 0xf0000, RAM),
	       ENT(0x1f0000, 0x18000, PT),
	       ENT(0x208000, 0x8000, RESK),
	       ENT(0x210000, 0xf0000, RAM)) },
	{ "span crossing RESERVED_KERN | RAM",
	  ENTS(ENT(0x100000, 0x100000, RESK),
	       ENT(0x200000, 0x100000, RAM)),
	  SPANS(SPAN(0x1ff000, 0x201000)),
	  ENTS(ENT(0x100000, 0xff000, RESK),
	       ENT(0x1ff000, 0x2000, PT),
	       ENT(0x201000, 0xff000, RAM)) },
	{ "span swallowing a RESERVED_KERN entry between RAM",
	  ENTS(ENT(0x100000, 0x100000, RAM),
	       ENT(0x200000, 0x10000, RESK),
	       ENT(0x210000, 0xf0000, RAM)),
	  SPANS(SPAN(0x1f0000, 0x220000)),
	  ENTS(ENT(0x100000, 0xf0000, RAM),
	       ENT(0x1f0000, 0x30000, PT),
	       ENT(0x220000, 0xe0000, RAM)) },
	{ "span crossing two boundaries, then a span in the third entry",
	  ENTS(ENT(0x100000, 0x1000, RAM),
	       ENT(0x101000, 0x1000, RESK),
	       ENT(0x102000, 0x4000, RAM)),
	  SPANS(SPAN(0x100000, 0x103000), SPAN(0x104000, 0x105000)),
	  ENTS(ENT(0x100000, 0x3000, PT),
	       ENT(0x103000, 0x1000, RAM),
	       ENT(0x104000, 0x1000, PT),
	       ENT(0x105000, 0x1000, RAM)) },
	{ "adjacent spans meeting on an entry boundary",
	  ENTS(ENT(0x100000, 0x100000, RAM),
	       ENT(0x200000, 0x100000, RESK)),
	  SPANS(SPAN(0x1f0000, 0x200000), SPAN(0x200000, 0x210000)),
	  ENTS(ENT(0x100000, 0xf0000, RAM),
	       ENT(0x1f0000, 0x20000, PT),
	       ENT(0x210000, 0xf0000, RESK)) },
	{ "spans in two different RAM entries",
	  ENTS(ENT(0, 0x9f000, RAM),
	       ENT(0x9f000, 0x1000, RES),
	       ENT(0xf0000, 0x10000, RES),
	       ENT(0x100000, 0x100000, RAM)),
	  SPANS(SPAN(0x10000, 0x20000), SPAN(0x180000, 0x190000)),
	  ENTS(ENT(0, 0x10000, RAM),
	       ENT(0x10000, 0x10000, PT),
	       ENT(0x20000, 0x7f000, RAM),
	       ENT(0x9f000, 0x1000, RES),
	       ENT(0xf0000, 0x10000, RES),
	       ENT(0x100000, 0x80000, RAM),
	       ENT(0x180000, 0x10000, PT),
	       ENT(0x190000, 0x70000, RAM)) },
	{ "other types pass through",
	  ENTS(ENT(0, 0x9f000, RAM),
	       ENT(0x9f000, 0x1000, RES),
	       ENT(0xf0000, 0x10000, RES),
	       ENT(0x100000, 0x7fe00000, RAM),
	       ENT(0x7ff00000, 0x10000, ACPI),
	       ENT(0x7ff10000, 0x10000, NVS),
	       ENT(0x7ff20000, 0x10000, UNKNOWN),
	       ENT(0x7ff30000, 0x10000, E820_TYPE_UNUSABLE),
	       ENT(0x80000000, 0x10000000, PMEM),
	       ENT(0x90000000, 0x10000000, E820_TYPE_PRAM),
	       ENT(0xa0000000, 0x10000000, SOFTR),
	       ENT(0xfffc0000, 0x40000, RES),
	       ENT(0x100000000, 0x80000000, RAM)),
	  SPANS(SPAN(0x1000000, 0x2000000), SPAN(0x100000000, 0x100001000)),
	  ENTS(ENT(0, 0x9f000, RAM),
	       ENT(0x9f000, 0x1000, RES),
	       ENT(0xf0000, 0x10000, RES),
	       ENT(0x100000, 0xf00000, RAM),
	       ENT(0x1000000, 0x1000000, PT),
	       ENT(0x2000000, 0x7df00000, RAM),
	       ENT(0x7ff00000, 0x10000, ACPI),
	       ENT(0x7ff10000, 0x10000, NVS),
	       ENT(0x7ff20000, 0x10000, UNKNOWN),
	       ENT(0x7ff30000, 0x10000, E820_TYPE_UNUSABLE),
	       ENT(0x80000000, 0x10000000, PMEM),
	       ENT(0x90000000, 0x10000000, E820_TYPE_PRAM),
	       ENT(0xa0000000, 0x10000000, SOFTR),
	       ENT(0xfffc0000, 0x40000, RES),
	       ENT(0x100000000, 0x1000, PT),
	       ENT(0x100001000, 0x7ffff000, RAM)) },
	{ "no spans: a copy",
	  ENTS(ENT(0, 0x9f000, RAM),
	       ENT(0x9f000, 0x1000, RES),
	       ENT(0x100000, 0x100000, RESK),
	       ENT(0x200000, 0x100000, RAM),
	       ENT(0x300000, 0x1000, UNKNOWN)),
	  NONE,
	  ENTS(ENT(0, 0x9f000, RAM),
	       ENT(0x9f000, 0x1000, RES),
	       ENT(0x100000, 0x100000, RESK),
	       ENT(0x200000, 0x100000, RAM),
	       ENT(0x300000, 0x1000, UNKNOWN)) },
	{ "empty table", NONE, NONE, NONE },
	{ "unmerged RAM | RAM: a span across still gives one entry",
	  ENTS(ENT(0x100000, 0x100000, RAM),
	       ENT(0x200000, 0x100000, RAM)),
	  SPANS(SPAN(0x180000, 0x280000)),
	  ENTS(ENT(0x100000, 0x80000, RAM),
	       ENT(0x180000, 0x100000, PT),
	       ENT(0x280000, 0x80000, RAM)) },
	{ "span next to an existing persist entry joins it",
	  ENTS(ENT(0x100000, 0x10000, PT),
	       ENT(0x110000, 0xf0000, RAM),
	       ENT(0x200000, 0x10000, PT)),
	  SPANS(SPAN(0x110000, 0x120000), SPAN(0x1f0000, 0x200000)),
	  ENTS(ENT(0x100000, 0x20000, PT),
	       ENT(0x120000, 0xd0000, RAM),
	       ENT(0x1f0000, 0x20000, PT)) },
	{ "existing persist entries not touching a span stay",
	  ENTS(ENT(0x100000, 0x10000, PT),
	       ENT(0x110000, 0xf0000, RAM),
	       ENT(0x300000, 0x10000, PT)),
	  SPANS(SPAN(0x111000, 0x112000)),
	  ENTS(ENT(0x100000, 0x10000, PT),
	       ENT(0x110000, 0x1000, RAM),
	       ENT(0x111000, 0x1000, PT),
	       ENT(0x112000, 0xee000, RAM),
	       ENT(0x300000, 0x10000, PT)) },
	{ "empty source entries are ignored",
	  ENTS(ENT(0x100000, 0x100000, RAM),
	       ENT(0, 0, 0),
	       ENT(0x150000, 0, RES),
	       ENT(0x200000, 0x100000, RAM),
	       ENT(0x200000, 0, RAM)),
	  SPANS(SPAN(0x140000, 0x160000)),
	  ENTS(ENT(0x100000, 0x40000, RAM),
	       ENT(0x140000, 0x20000, PT),
	       ENT(0x160000, 0xa0000, RAM),
	       ENT(0x200000, 0x100000, RAM)) },
	{ "spans need not be page aligned",
	  ENTS(ENT(0x100000, 0x1000, RAM)),
	  SPANS(SPAN(0x100001, 0x100002)),
	  ENTS(ENT(0x100000, 1, RAM),
	       ENT(0x100001, 1, PT),
	       ENT(0x100002, 0xffe, RAM)) },
	{ "entry ending at 2^64",
	  ENTS(ENT(0, 0x1000, RAM),
	       ENT(0 - 0x10000ULL, 0x10000, RAM)),
	  SPANS(SPAN(0 - 0x8000ULL, 0 - 0x4000ULL)),
	  ENTS(ENT(0, 0x1000, RAM),
	       ENT(0 - 0x10000ULL, 0x8000, RAM),
	       ENT(0 - 0x8000ULL, 0x4000, PT),
	       ENT(0 - 0x4000ULL, 0x4000, RAM)) },
	{ "span ending at 2^64 - 1",
	  ENTS(ENT(0 - 0x10000ULL, 0x10000, RAM)),
	  SPANS(SPAN(0 - 0x1001ULL, TOP)),
	  ENTS(ENT(0 - 0x10000ULL, 0xefff, RAM),
	       ENT(0 - 0x1001ULL, 0x1000, PT),
	       ENT(TOP, 1, RAM)) },
	{ "entry of size 2^64 - 1 at 1",
	  ENTS(ENT(1, TOP, RAM)),
	  SPANS(SPAN(1, 2)),
	  ENTS(ENT(1, 1, PT),
	       ENT(2, TOP - 1, RAM)) },
	{ "persist ranges covering all of 2^64 stay two entries",
	  ENTS(ENT(0, 0x1000, RAM),
	       ENT(0x1000, 0 - 0x1000ULL, PT)),
	  SPANS(SPAN(0, 0x1000)),
	  ENTS(ENT(0, 0x1000, PT),
	       ENT(0x1000, 0 - 0x1000ULL, PT)) },
};

static void test_cases(void **state)
{
	const struct split_case *c;

	(void)state;
	for (c = split_cases; c < split_cases + N(split_cases); c++)
		check_split(c->name, c->src, c->nr_src, c->spans, c->nr_spans,
			    c->exp, c->nr_exp);
}

/* The result does not depend on persist_type beyond its value. */
static void test_persist_type_limits(void **state)
{
	static const ent_t src[] = { ENT(0x100000, 0x100000, RAM) };
	static const span_t spans[] = { SPAN(0x140000, 0x150000) };
	static const u32 types[] = { RESK + 1, UNKNOWN,
				     0x7fffffff, 0x80000000, UINT32_MAX };
	ent_t out[4];
	int i;

	(void)state;
	for (i = 0; i < N(types); i++) {
		assert_int_equal(e820__persist_split(src, 1, spans, 1,
						     types[i], out, 4), 3);
		assert_int_equal(out[1].addr, 0x140000);
		assert_int_equal(out[1].size, 0x10000);
		assert_int_equal(out[1].type, types[i]);
		assert_int_equal(out[0].type, RAM);
		assert_int_equal(out[2].type, RAM);
	}
}

/* Nothing is written in count mode, and max_dst is ignored there. */
static void test_count_mode(void **state)
{
	static const ent_t src[] = {
		ENT(0, 0x9f000, RAM),
		ENT(0x9f000, 0x1000, RES),
		ENT(0x100000, 0x100000, RAM),
	};
	static const span_t spans[] = {
		SPAN(0x1000, 0x2000),
		SPAN(0x3000, 0x4000),
		SPAN(0x100000, 0x101000),
	};
	ent_t out[1];

	(void)state;
	assert_int_equal(split(src, 3, spans, 3, NULL, 0), 8);
	assert_int_equal(split(src, 3, spans, 3, NULL, 1), 8);
	assert_int_equal(split(src, 3, spans, 3, NULL, -5), 8);
	assert_int_equal(split(src, 3, NULL, 0, NULL, 0), 3);
	assert_int_equal(split(NULL, 0, NULL, 0, NULL, 0), 0);
	/* an empty output buffer is fine when nothing is needed */
	memset(out, 0xa5, sizeof(out));
	assert_int_equal(split(NULL, 0, NULL, 0, out, 0), 0);
	assert_true(untouched(out, 0, 1));
	/* ... and too small otherwise */
	assert_int_equal(split(src, 3, NULL, 0, out, 0), -E2BIG);
	assert_true(untouched(out, 0, 1));
}

struct einval_case {
	const char *name;
	const ent_t *src;
	int nr_src;
	const span_t *spans;
	int nr_spans;
};

/*
 * A table with a hole, RAM | RESERVED_KERN | RAM, ACPI, an unknown type,
 * an existing persist entry and RAM after a hole.
 */
#define STD_SRC ENTS(ENT(0, 0x9f000, RAM),				\
		     ENT(0x9f000, 0x1000, RES),				\
		     ENT(0xf0000, 0x10000, RES),			\
		     ENT(0x100000, 0x100000, RAM),			\
		     ENT(0x200000, 0x10000, RESK),			\
		     ENT(0x210000, 0xf0000, RAM),			\
		     ENT(0x300000, 0x10000, ACPI),			\
		     ENT(0x310000, 0x10000, UNKNOWN),			\
		     ENT(0x320000, 0x10000, PT),			\
		     ENT(0x330000, 0xd0000, RAM),			\
		     ENT(0x500000, 0x100000, RAM))

static const struct einval_case einval_cases[] = {
	/* the spans themselves */
	{ "empty span", STD_SRC, SPANS(SPAN(0x100000, 0x100000)) },
	{ "reversed span", STD_SRC, SPANS(SPAN(0x110000, 0x100000)) },
	{ "reversed span at 2^64", STD_SRC, SPANS(SPAN(0x110000, 0)) },
	{ "unsorted spans", STD_SRC,
	  SPANS(SPAN(0x180000, 0x190000), SPAN(0x100000, 0x110000)) },
	{ "overlapping spans", STD_SRC,
	  SPANS(SPAN(0x100000, 0x110000), SPAN(0x10f000, 0x118000)) },
	{ "duplicate spans", STD_SRC,
	  SPANS(SPAN(0x100000, 0x110000), SPAN(0x100000, 0x110000)) },
	{ "span inside another", STD_SRC,
	  SPANS(SPAN(0x100000, 0x110000), SPAN(0x101000, 0x102000)) },
	{ "unsorted spans in different entries", STD_SRC,
	  SPANS(SPAN(0x100000, 0x101000), SPAN(0x510000, 0x511000),
		SPAN(0x200000, 0x201000)) },
	{ "spans overlapping across an entry boundary", STD_SRC,
	  SPANS(SPAN(0x1f0000, 0x208000), SPAN(0x204000, 0x209000)) },
	{ "empty span after a valid one", STD_SRC,
	  SPANS(SPAN(0x100000, 0x101000), SPAN(0x102000, 0x102000)) },
	/* spans not covered by contiguous RAM-like entries */
	{ "span in a hole", STD_SRC, SPANS(SPAN(0xa0000, 0xb0000)) },
	{ "span from a hole into RESERVED", STD_SRC,
	  SPANS(SPAN(0xe0000, 0xf1000)) },
	{ "span from a hole into RAM", STD_SRC,
	  SPANS(SPAN(0x4ff000, 0x501000)) },
	{ "span from RAM into a hole", STD_SRC,
	  SPANS(SPAN(0x3ff000, 0x401000)) },
	{ "span over RAM | hole | RAM", STD_SRC,
	  SPANS(SPAN(0x3f0000, 0x510000)) },
	{ "span in RESERVED", STD_SRC, SPANS(SPAN(0xf0000, 0xf1000)) },
	{ "span from RAM into RESERVED", STD_SRC,
	  SPANS(SPAN(0x9e000, 0xa0000)) },
	{ "span from RESERVED into RAM", STD_SRC,
	  SPANS(SPAN(0xff000, 0x101000)) },
	{ "span from RAM into ACPI", STD_SRC,
	  SPANS(SPAN(0x2f0000, 0x301000)) },
	{ "span in ACPI", STD_SRC, SPANS(SPAN(0x300000, 0x310000)) },
	{ "span in an unknown type", STD_SRC,
	  SPANS(SPAN(0x311000, 0x312000)) },
	{ "span over an existing persist entry", STD_SRC,
	  SPANS(SPAN(0x320000, 0x330000)) },
	{ "span from a persist entry into RAM", STD_SRC,
	  SPANS(SPAN(0x32f000, 0x331000)) },
	{ "span before the table", ENTS(ENT(0x100000, 0x100000, RAM)),
	  SPANS(SPAN(0x10000, 0x20000)) },
	{ "span starting before the table", ENTS(ENT(0x100000, 0x100000, RAM)),
	  SPANS(SPAN(0xff000, 0x101000)) },
	{ "span after the table", STD_SRC, SPANS(SPAN(0x700000, 0x701000)) },
	{ "span at the end of the table", STD_SRC,
	  SPANS(SPAN(0x600000, 0x601000)) },
	{ "span running past the table", STD_SRC,
	  SPANS(SPAN(0x5ff000, 0x601000)) },
	{ "span with no table", NULL, 0, SPANS(SPAN(0x1000, 0x2000)) },
	{ "valid span, then one in a persist entry", STD_SRC,
	  SPANS(SPAN(0x100000, 0x101000), SPAN(0x320000, 0x321000)) },
	{ "valid span, then one after the table", STD_SRC,
	  SPANS(SPAN(0x100000, 0x101000), SPAN(0x5ff000, 0x600000),
		SPAN(0x600000, 0x601000)) },
	/* the source table */
	{ "unsorted source",
	  ENTS(ENT(0x100000, 0x100000, RAM), ENT(0, 0x1000, RAM)), NONE },
	{ "overlapping source",
	  ENTS(ENT(0, 0x2000, RAM), ENT(0x1000, 0x2000, RES)), NONE },
	{ "duplicate source entries",
	  ENTS(ENT(0, 0x2000, RAM), ENT(0, 0x2000, RAM)), NONE },
	{ "overlapping source, span elsewhere",
	  ENTS(ENT(0, 0x2000, RAM), ENT(0x1000, 0x2000, RES),
	       ENT(0x100000, 0x1000, RAM)),
	  SPANS(SPAN(0x100000, 0x101000)) },
	{ "overlapping source after a span",
	  ENTS(ENT(0, 0x2000, RAM), ENT(0x100000, 0x2000, RAM),
	       ENT(0x101000, 0x1000, RES)),
	  SPANS(SPAN(0x1000, 0x2000)) },
	{ "source entry beyond 2^64",
	  ENTS(ENT(0 - 0x1000ULL, 0x2000, RAM)), NONE },
	{ "source entry of size 2^64 - 1 at 2",
	  ENTS(ENT(2, TOP, RAM)), NONE },
	{ "source entry after one ending at 2^64",
	  ENTS(ENT(0 - 0x2000ULL, 0x2000, RAM), ENT(0 - 0x1000ULL, 0x1000, RES)),
	  NONE },
	{ "source wrapping to 0 after one ending at 2^64",
	  ENTS(ENT(0 - 0x2000ULL, 0x2000, RAM), ENT(0, 0x1000, RES)), NONE },
};

static void expect_einval(const char *name, const ent_t *src, int nr_src,
			  const span_t *spans, int nr_spans, u32 type)
{
	ent_t *buf;
	int ret, max;

	/* invalid input wins over a too small buffer */
	for (max = 0; max <= 64; max += 64) {
		buf = guarded(max);
		ret = e820__persist_split(src, nr_src, spans, nr_spans, type,
					  buf, max);
		if (ret != -EINVAL) {
			dump("src", src, nr_src);
			dump_spans(spans, nr_spans);
			fail_msg("%s: max_dst %d returned %d, want -EINVAL",
				 name, max, ret);
		}
		if (!untouched(buf, max, max + GUARD))
			fail_msg("%s: wrote past max_dst", name);
		test_free(buf);
	}
	ret = e820__persist_split(src, nr_src, spans, nr_spans, type, NULL, 0);
	if (ret != -EINVAL)
		fail_msg("%s: count mode returned %d, want -EINVAL", name, ret);
}

static void test_einval(void **state)
{
	const struct einval_case *c;

	(void)state;
	for (c = einval_cases; c < einval_cases + N(einval_cases); c++)
		expect_einval(c->name, c->src, c->nr_src, c->spans,
			      c->nr_spans, PT);
}

static void test_einval_args(void **state)
{
	static const ent_t src[] = { ENT(0x100000, 0x100000, RAM) };
	static const span_t spans[] = { SPAN(0x140000, 0x150000) };
	static const u32 bad_types[] = {
		0, E820_TYPE_RAM, E820_TYPE_RESERVED, E820_TYPE_ACPI,
		E820_TYPE_NVS, E820_TYPE_UNUSABLE, E820_TYPE_PMEM,
		E820_TYPE_PRAM, 127, RESK,
		E820_TYPE_SOFT_RESERVED,
	};
	ent_t out[4];
	int i;

	(void)state;
	for (i = 0; i < N(bad_types); i++) {
		expect_einval("bad persist type", src, 1, spans, 1,
			      bad_types[i]);
		/* checked even with nothing to split */
		expect_einval("bad persist type, empty input", NULL, 0, NULL,
			      0, bad_types[i]);
	}
	expect_einval("nr_src < 0", src, -1, spans, 1, PT);
	expect_einval("nr_src < 0, no spans", src, -1, NULL, 0, PT);
	expect_einval("nr_spans < 0", src, 1, spans, -1, PT);
	expect_einval("NULL src", NULL, 1, spans, 1, PT);
	expect_einval("NULL spans", src, 1, NULL, 1, PT);
	expect_einval("INT_MIN counts", src, INT32_MIN, spans, INT32_MIN, PT);
	assert_int_equal(split(src, 1, spans, 1, out, -1), -EINVAL);
	assert_int_equal(split(src, 1, spans, 1, out, INT32_MIN), -EINVAL);
	assert_int_equal(split(NULL, 0, NULL, 0, out, -1), -EINVAL);
}

/*
 * The zeropage holds E820_MAX_ENTRIES_ZEROPAGE (128) entries; the caller
 * sizes it (and any SETUP_E820_EXT overflow) from the count.  Tables that
 * need exactly 128 and 129 entries, reached through splitting and through
 * coalescing.
 */
static void check_boundary(const char *name, const ent_t *src, int nr_src,
			   const span_t *spans, int nr_spans, int need)
{
	ent_t *buf;
	int ret;

	ret = split(src, nr_src, spans, nr_spans, NULL, 0);
	if (ret != need)
		fail_msg("%s: count %d, want %d", name, ret, need);

	/* at the limit: fits */
	buf = malloc(need * sizeof(*buf));
	assert_non_null(buf);
	assert_int_equal(split(src, nr_src, spans, nr_spans, buf, need), need);
	check_shape(buf, need);
	free(buf);

	/* one below: -E2BIG, nothing written past the (exact size) buffer */
	buf = malloc((need - 1) * sizeof(*buf));
	assert_non_null(buf);
	assert_int_equal(split(src, nr_src, spans, nr_spans, buf, need - 1),
			 -E2BIG);
	free(buf);
}

static void test_zeropage_boundary(void **state)
{
	const int zp = E820_MAX_ENTRIES_ZEROPAGE;
	ent_t src[E820_MAX_ENTRIES_ZEROPAGE + 2];
	span_t spans[E820_MAX_ENTRIES_ZEROPAGE];
	ent_t out[E820_MAX_ENTRIES_ZEROPAGE + 1];
	int i, n;

	(void)state;
	assert_int_equal(zp, 128);

	/* one RAM entry, 64 one-page spans with gaps: 2 * 64 + 1 = 129 */
	src[0] = (ent_t)ENT(0x100000, 0x1000 * 1000, RAM);
	for (i = 0; i < 64; i++)
		spans[i] = (span_t)SPAN(0x100000 + (2 * i + 1) * PG,
					0x100000 + (2 * i + 2) * PG);
	check_boundary("64 spans inside", src, 1, spans, 64, zp + 1);
	assert_int_equal(split(src, 1, spans, 64, out, zp), -E2BIG);
	assert_int_equal(split(src, 1, spans, 64, out, zp + 1), zp + 1);

	/* the last span moved to the end of the entry: 128 */
	spans[63] = (span_t)SPAN(0x100000 + 999 * PG, 0x100000 + 1000 * PG);
	check_boundary("64 spans, last at the end", src, 1, spans, 64, zp);
	assert_int_equal(split(src, 1, spans, 64, out, zp), zp);

	/* 64 spans, every other one followed by an adjacent one: 129 */
	n = 0;
	for (i = 0; i < 64; i++) {
		spans[n++] = (span_t)SPAN(0x100000 + (4 * i + 1) * PG,
					  0x100000 + (4 * i + 2) * PG);
		if (i % 2)
			spans[n++] = (span_t)SPAN(0x100000 + (4 * i + 2) * PG,
						  0x100000 + (4 * i + 3) * PG);
	}
	check_boundary("96 spans, 32 coalesced", src, 1, spans, n, zp + 1);

	/*
	 * 130 contiguous entries alternating RAM / RESERVED_KERN; one span
	 * over the first two makes them one entry (129), over the first
	 * three one entry (128).
	 */
	for (i = 0; i < zp + 2; i++)
		src[i] = (ent_t)ENT(0x100000 + i * PG, PG, i % 2 ? RESK : RAM);
	assert_int_equal(split(src, zp + 2, NULL, 0, NULL, 0), zp + 2);
	spans[0] = (span_t)SPAN(0x100000, 0x100000 + 2 * PG);
	check_boundary("span over 2 entries", src, zp + 2, spans, 1, zp + 1);
	spans[0] = (span_t)SPAN(0x100000, 0x100000 + 3 * PG);
	check_boundary("span over 3 entries", src, zp + 2, spans, 1, zp);
	/* the same through three adjacent spans */
	for (i = 0; i < 3; i++)
		spans[i] = (span_t)SPAN(0x100000 + i * PG,
					0x100000 + (i + 1) * PG);
	check_boundary("3 adjacent spans over 3 entries", src, zp + 2, spans,
		       3, zp);
	/* pass-through alone: 129 entries, no spans */
	check_boundary("129 entries copied", src, zp + 1, NULL, 0, zp + 1);
	check_boundary("128 entries copied", src, zp, NULL, 0, zp);
}

/*
 * Randomized test against a page-granular model.  A small address space
 * of up to RPAGES pages, sometimes placed so that it ends exactly at 2^64,
 * holds a random table; each page has a source type (0: hole) and the
 * index of its source entry.  The expected result is derived page by page:
 * a new entry starts at a page after a hole, at a change of type, and at a
 * source entry boundary unless both sides are persisted.
 */
#define RPAGES		2048
#define NR_TYPES	8

static const u32 rand_types[NR_TYPES] = {
	RAM, RAM, RAM, RESK, RES, ACPI, UNKNOWN, PT,
};

struct model {
	int npages;
	u64 base;		/* address of page 0 */
	bool top;		/* the space ends at 2^64 */
	u32 type[RPAGES];	/* source type, 0 in a hole */
	int eid[RPAGES];	/* source entry, -1 in a hole */
	bool persist[RPAGES];
	ent_t src[RPAGES + 8];
	int nr_src;
	span_t spans[RPAGES + 8];
	int nr_spans;
	ent_t exp[RPAGES];
	int nr_exp;
	ent_t out[RPAGES + GUARD];
};

static u64 rng_state;

/* What the random cases covered, so a degenerate generator shows. */
static struct {
	int top, unmerged, empty_src;
	int spans, adjacent, crossing, joins_pt;
	int entries, bad_span, bad_spans, bad_src;
} cov;

static u64 rnd(void)
{
	/* splitmix64: same sequence everywhere */
	u64 z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int rnd_below(int n)
{
	return n > 0 ? (int)(rnd() % (u64)n) : 0;
}

static bool ram_like(u32 type)
{
	return type == RAM || type == RESK;
}

static u64 page_addr(const struct model *m, int p)
{
	return m->base + (u64)p * PG;
}

static void gen_table(struct model *m)
{
	bool merge = rnd_below(4) != 0;	/* 1 in 4: unsanitized neighbours */
	int p = 0, len, i, n;
	u32 type;

	m->npages = rnd_below(3) ? 1 + rnd_below(RPAGES) : 1 + rnd_below(32);
	m->top = !rnd_below(8);
	cov.top += m->top;
	cov.unmerged += !merge;
	if (m->top)
		m->base = 0 - (u64)m->npages * PG;
	else
		m->base = (1 + (u64)rnd_below(1 << 20)) * PG;

	m->nr_src = 0;
	while (p < m->npages) {
		len = rnd_below(4) ? 1 + rnd_below(16) :
				     1 + rnd_below(m->npages / 4 + 1);
		if (len > m->npages - p)
			len = m->npages - p;
		type = rnd_below(6) ? rand_types[rnd_below(NR_TYPES)] : 0;
		if (type && merge && p && m->type[p - 1] == type) {
			/* merge like a sanitized table */
			m->src[m->nr_src - 1].size += (u64)len * PG;
		} else if (type) {
			m->src[m->nr_src++] = (ent_t)ENT(page_addr(m, p),
							 (u64)len * PG, type);
		}
		for (i = p; i < p + len; i++) {
			m->type[i] = type;
			m->eid[i] = type ? m->nr_src - 1 : -1;
		}
		p += len;
	}

	/* sometimes empty entries anywhere: they must be ignored */
	if (!rnd_below(8)) {
		cov.empty_src++;
		n = 1 + rnd_below(3);
		for (i = 0; i < n; i++) {
			int at = rnd_below(m->nr_src + 1);

			memmove(&m->src[at + 1], &m->src[at],
				(m->nr_src - at) * sizeof(m->src[0]));
			m->src[at] = (ent_t)ENT(rnd(), 0,
						rand_types[rnd_below(NR_TYPES)]);
			m->nr_src++;
		}
	}
}

/* Random valid spans: inside runs of RAM-like pages, some adjacent. */
static void gen_spans(struct model *m)
{
	int last_ok = m->top ? m->npages - 1 : m->npages; /* end <= 2^64 - 1 */
	int density = 2 + rnd_below(8);
	bool chain = false;
	int p = 0, q, len;

	m->nr_spans = 0;
	memset(m->persist, 0, sizeof(m->persist));
	while (p < last_ok) {
		if (!ram_like(m->type[p]) || (!chain && rnd_below(density))) {
			chain = false;
			p++;
			continue;
		}
		for (q = p; q < last_ok && ram_like(m->type[q]); q++)
			;
		len = rnd_below(3) ? 1 + rnd_below(q - p < 8 ? q - p : 8) :
				     1 + rnd_below(q - p);
		m->spans[m->nr_spans++] = (span_t)SPAN(page_addr(m, p),
						       page_addr(m, p + len));
		cov.adjacent += p && m->persist[p - 1];
		cov.crossing += m->eid[p] != m->eid[p + len - 1];
		cov.joins_pt += (p && m->type[p - 1] == PT) ||
				(p + len < m->npages && m->type[p + len] == PT);
		for (q = p; q < p + len; q++)
			m->persist[q] = true;
		p += len;
		chain = !rnd_below(3);
	}
}

static void build_expected(struct model *m)
{
	u32 t, prev_t = 0;
	int p;

	m->nr_exp = 0;
	for (p = 0; p < m->npages; p++) {
		if (!m->type[p]) {
			prev_t = 0;
			continue;
		}
		t = m->persist[p] ? PT : m->type[p];
		if (prev_t == t &&
		    (t == PT || m->eid[p] == m->eid[p - 1])) {
			m->exp[m->nr_exp - 1].size += PG;
		} else {
			m->exp[m->nr_exp++] = (ent_t)ENT(page_addr(m, p), PG,
							 t);
		}
		prev_t = t;
	}
}

static void rand_fail(const struct model *m, u64 seed, int iter,
		      const char *what, int ret)
{
	print_message("# seed %#llx iteration %d: %s (returned %d)\n",
		      (unsigned long long)seed, iter, what, ret);
	dump("src", m->src, m->nr_src);
	dump_spans(m->spans, m->nr_spans);
	dump("expected", m->exp, m->nr_exp);
	if (ret > 0)
		dump("got", m->out, ret);
	fail_msg("random case %d failed: %s", iter, what);
}

/*
 * Independent of build_expected(): paint the result page by page and
 * compare it with the model.
 */
static bool paint_matches(const struct model *m, int n)
{
	static u32 painted[RPAGES];
	int i, p, first;

	memset(painted, 0, sizeof(painted));
	for (i = 0; i < n; i++) {
		const ent_t *e = &m->out[i];

		if (e->addr < m->base || (e->addr - m->base) % PG ||
		    e->size % PG || !e->size ||
		    (e->addr - m->base) / PG + e->size / PG > (u64)m->npages)
			return false;
		first = (int)((e->addr - m->base) / PG);
		for (p = first; p < first + (int)(e->size / PG); p++) {
			if (painted[p])
				return false;
			painted[p] = e->type;
		}
	}
	for (p = 0; p < m->npages; p++)
		if (painted[p] != (m->persist[p] ? PT : m->type[p]))
			return false;
	return true;
}

static void check_valid(struct model *m, u64 seed, int iter)
{
	int ret;

	ret = split(m->src, m->nr_src, m->spans, m->nr_spans, NULL, 0);
	if (ret != m->nr_exp)
		rand_fail(m, seed, iter, "count mode", ret);

	memset(m->out, 0xa5, sizeof(m->out));
	ret = split(m->src, m->nr_src, m->spans, m->nr_spans, m->out,
		    m->nr_exp);
	if (ret != m->nr_exp || !same(m->out, m->exp, m->nr_exp))
		rand_fail(m, seed, iter, "result differs from the model", ret);
	if (!untouched(m->out, m->nr_exp, m->nr_exp + GUARD))
		rand_fail(m, seed, iter, "wrote past the result", ret);
	if (!paint_matches(m, ret))
		rand_fail(m, seed, iter, "page types differ from the model",
			  ret);
	check_shape(m->out, ret);

	if (m->nr_exp && !rnd_below(4)) {
		memset(m->out, 0xa5, sizeof(m->out));
		ret = split(m->src, m->nr_src, m->spans, m->nr_spans, m->out,
			    m->nr_exp - 1);
		if (ret != -E2BIG)
			rand_fail(m, seed, iter, "one entry short", ret);
		if (!untouched(m->out, m->nr_exp - 1, m->nr_exp + GUARD))
			rand_fail(m, seed, iter, "wrote past max_dst", ret);
	}
}

static void expect_rand_einval(struct model *m, u64 seed, int iter,
			       const char *what)
{
	int ret;

	ret = split(m->src, m->nr_src, m->spans, m->nr_spans, NULL, 0);
	if (ret != -EINVAL)
		rand_fail(m, seed, iter, what, ret);
	ret = split(m->src, m->nr_src, m->spans, m->nr_spans, m->out, RPAGES);
	if (ret != -EINVAL)
		rand_fail(m, seed, iter, what, ret);
}

/*
 * Add a span over a page that is not RAM-like (a hole, another type, an
 * existing persist entry, or just outside the table), possibly reaching
 * into RAM-like pages around it, and drop the valid spans it overlaps.
 * Returns false if there is no such page to use.
 */
static bool add_bad_span(struct model *m)
{
	int lo = m->base >= PG ? -1 : 0;
	int hi = m->top ? m->npages - 2 : m->npages;	/* end <= 2^64 - 1 */
	int tries, q, a, b, i, n;
	span_t bad;

	for (tries = 0; tries < 16; tries++) {
		q = lo + rnd_below(hi - lo + 1);
		if (q < 0 || q >= m->npages || !ram_like(m->type[q]))
			break;
	}
	if (tries == 16)
		return false;

	a = q - (rnd_below(2) ? rnd_below(8) : 0);
	b = q + 1 + (rnd_below(2) ? rnd_below(8) : 0);
	if (a < lo)
		a = lo;
	if (b > hi + 1)
		b = hi + 1;
	/* page -1 is the page below base (base >= PG then) */
	bad = (span_t)SPAN(page_addr(m, a), page_addr(m, b));

	/* keep the valid spans it does not overlap; touching is fine */
	n = 0;
	for (i = 0; i < m->nr_spans; i++)
		if (m->spans[i].end <= bad.start || m->spans[i].start >= bad.end)
			m->spans[n++] = m->spans[i];
	m->nr_spans = n;
	for (i = 0; i < m->nr_spans && m->spans[i].start < bad.start; i++)
		;
	memmove(&m->spans[i + 1], &m->spans[i],
		(m->nr_spans - i) * sizeof(m->spans[0]));
	m->spans[i] = bad;
	m->nr_spans++;
	return true;
}

/* Break the span list: unsorted, overlapping or empty. */
static bool break_spans(struct model *m)
{
	span_t *s = m->spans, tmp;
	int i;

	if (!m->nr_spans)
		return false;
	i = rnd_below(m->nr_spans);
	switch (rnd_below(4)) {
	case 0:		/* swap with the next */
		if (i + 1 >= m->nr_spans)
			return false;
		tmp = s[i];
		s[i] = s[i + 1];
		s[i + 1] = tmp;
		return true;
	case 1:		/* reach into the next */
		if (i + 1 >= m->nr_spans)
			return false;
		s[i].end = s[i + 1].start + 1 + rnd_below(PG);
		return true;
	case 2:		/* empty */
		s[i].end = s[i].start;
		return true;
	default:	/* reversed */
		s[i].end = s[i].start - 1 - rnd_below(PG);
		return true;
	}
}

/* Break the source table: unsorted, overlapping or past 2^64. */
static bool break_src(struct model *m)
{
	ent_t *e = m->src, tmp;
	int i;

	if (m->top && m->type[m->npages - 1] && rnd_below(2)) {
		/* the entry ending at 2^64 grows past it */
		for (i = m->nr_src - 1; !e[i].size; i--)
			;
		e[i].size += 1 + rnd_below(PG);
		return true;
	}
	if (m->nr_src < 2)
		return false;
	i = rnd_below(m->nr_src - 1);
	if (!e[i].size || !e[i + 1].size)
		return false;
	if (rnd_below(2)) {
		tmp = e[i];
		e[i] = e[i + 1];
		e[i + 1] = tmp;
	} else {
		e[i].size = e[i + 1].addr - e[i].addr + 1 +
			    rnd() % e[i + 1].size;
	}
	return true;
}

static void test_random(void **state)
{
	struct model *m = test_calloc(1, sizeof(*m));
	const char *env_seed = getenv("E820_SPLIT_SEED");
	const char *env_iters = getenv("E820_SPLIT_ITERS");
	u64 seed = env_seed ? strtoull(env_seed, NULL, 0) : 0xe820c0ffee;
	int iters = env_iters ? atoi(env_iters) : 20000;
	int iter;

	(void)state;
	print_message("# random: seed %#llx, %d iterations "
		      "(E820_SPLIT_SEED, E820_SPLIT_ITERS)\n",
		      (unsigned long long)seed, iters);
	rng_state = seed;
	for (iter = 0; iter < iters; iter++) {
		gen_table(m);
		gen_spans(m);
		build_expected(m);
		check_valid(m, seed, iter);
		cov.entries += m->nr_exp;
		cov.spans += m->nr_spans;

		switch (rnd_below(3)) {
		case 0:
			if (!add_bad_span(m))
				break;
			expect_rand_einval(m, seed, iter,
					   "span over a non-RAM page");
			cov.bad_span++;
			break;
		case 1:
			if (!break_spans(m))
				break;
			expect_rand_einval(m, seed, iter, "broken spans");
			cov.bad_spans++;
			break;
		default:
			if (!break_src(m))
				break;
			expect_rand_einval(m, seed, iter, "broken source");
			cov.bad_src++;
			break;
		}
	}
	print_message("# random: %d valid tables (%d ending at 2^64, %d "
		      "unmerged, %d with empty entries), %d spans (%d adjacent, "
		      "%d crossing entries, %d touching a persist entry), %d "
		      "entries out\n", iters, cov.top, cov.unmerged,
		      cov.empty_src, cov.spans, cov.adjacent, cov.crossing,
		      cov.joins_pt, cov.entries);
	print_message("# random: -EINVAL cases: %d span over non-RAM, %d "
		      "broken span lists, %d broken tables\n", cov.bad_span,
		      cov.bad_spans, cov.bad_src);
	if (iters >= 1000)
		assert_true(cov.top && cov.unmerged && cov.empty_src &&
			    cov.adjacent && cov.crossing && cov.joins_pt &&
			    cov.bad_span > iters / 10 &&
			    cov.bad_spans > iters / 10 &&
			    cov.bad_src > iters / 10);
	test_free(m);
}

/*
 * E820_MAX_ENTRIES of a receiving kernel with CONFIG_NODES_SHIFT @shift
 * (MAX_NUMNODES = 1 << @shift): 0 without NUMA, 6 x86_64's default, 10
 * Debian's.
 */
#define MAX_ENTRIES(shift)	(128u + 3u * (1u << (shift)))

static void test_handover_limit_values(void **state)
{
	(void)state;
	assert_int_equal(MAX_ENTRIES(0), 131);
	assert_int_equal(MAX_ENTRIES(6), 320);
	assert_int_equal(MAX_ENTRIES(10), 3200);
	assert_int_equal(e820__persist_handover_limit(MAX_ENTRIES(0)), 99);
	assert_int_equal(e820__persist_handover_limit(MAX_ENTRIES(6)), 240);
	assert_int_equal(e820__persist_handover_limit(MAX_ENTRIES(10)), 3072);
}

/*
 * Every table gets a positive limit no larger than itself, a larger table
 * never a smaller limit, and from 131 entries (the smallest
 * E820_MAX_ENTRIES) on the receiver keeps at least 32 entries of room for
 * its own splits.
 */
static void test_handover_limit_headroom(void **state)
{
	static const unsigned int big[] = { 65535, 65536, 1u << 20,
					    INT32_MAX, UINT32_MAX };
	unsigned int n, lim, prev = 0;
	int i;

	(void)state;
	for (n = 1; n <= 4 * MAX_ENTRIES(10); n++) {
		lim = e820__persist_handover_limit(n);
		if (!lim || lim > n)
			fail_msg("limit(%u) = %u: not in [1, %u]", n, lim, n);
		if (n >= MAX_ENTRIES(0) && n - lim < 32)
			fail_msg("limit(%u) = %u: %u entries of headroom, want 32",
				 n, lim, n - lim);
		if (lim < prev)
			fail_msg("limit(%u) = %u < limit(%u) = %u", n, lim,
				 n - 1, prev);
		prev = lim;
	}
	for (i = 0; i <= 10; i++) {
		n = MAX_ENTRIES(i);
		lim = e820__persist_handover_limit(n);
		if (!lim || n - lim < 32)
			fail_msg("NODES_SHIFT %d: limit(%u) = %u", i, n, lim);
	}
	for (i = 0; i < N(big); i++) {
		lim = e820__persist_handover_limit(big[i]);
		assert_true(lim > 0 && lim <= big[i]);
		assert_true(big[i] - lim >= 32);
	}
}

/*
 * The receiver without NUMA (131 entries) still takes a typical OVMF map
 * (40 entries) with 20 persisted ranges scattered through RAM, each
 * splitting a RAM entry in three (2 more entries): 80 entries by count,
 * and, as e820__persist_split() counts it with the record of names as one
 * more span, 82.  A limit of max_entries - 128 (3) would refuse it.
 */
static void test_handover_limit_ovmf(void **state)
{
	static const u32 others[] = { RES, ACPI, NVS, RES };
	const int nr_src = 40, nr_ranges = 20;
	ent_t src[40];
	span_t spans[21];
	unsigned int lim = e820__persist_handover_limit(MAX_ENTRIES(0));
	int i, n = 0, need;

	(void)state;
	assert_true(lim >= (unsigned int)(nr_src + 2 * nr_ranges));

	/* 20 RAM entries of 256 MiB, each followed by a firmware entry */
	for (i = 0; i < nr_src; i++) {
		uint64_t base = (uint64_t)i * 0x10000000;

		src[i] = (ent_t)ENT(base, 0x10000000,
				    i % 2 ? others[i / 2 % N(others)] : RAM);
		if (i % 2)
			continue;
		/* a range of 1 MiB in the middle of each RAM entry... */
		spans[n++] = (span_t)SPAN(base + 0x1000000, base + 0x1100000);
		/* ...and the record, one page, in the first one */
		if (!i)
			spans[n++] = (span_t)SPAN(base + 0x4000000,
						  base + 0x4001000);
	}
	assert_int_equal(n, nr_ranges + 1);
	need = e820__persist_split(src, nr_src, spans, n, PT, NULL, 0);
	assert_int_equal(need, nr_src + 2 * n);
	if ((unsigned int)need > lim)
		fail_msg("a 40-entry map with %d ranges needs %d entries, the "
			 "limit for 131 is %u", nr_ranges, need, lim);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_persist_type_limits),
		cmocka_unit_test(test_count_mode),
		cmocka_unit_test(test_einval),
		cmocka_unit_test(test_einval_args),
		cmocka_unit_test(test_zeropage_boundary),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_handover_limit_values),
		cmocka_unit_test(test_handover_limit_headroom),
		cmocka_unit_test(test_handover_limit_ovmf),
	};

	return cmocka_run_group_tests_name("e820_split", tests, NULL, NULL);
}
