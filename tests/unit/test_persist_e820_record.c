// SPDX-License-Identifier: GPL-2.0
/*
 * persist_e820_record_parse() and persist_e820_record_seal() tests.  The
 * functions under test are the real kernel/liveupdate/persist_e820_record.c,
 * compiled unchanged against kstubs/ (see the Makefile).
 *
 * The parser takes the persisted ranges of the map as sorted spans; the
 * cases here describe e820 maps and derive the spans from them as the
 * kernel's boot code does (arch/x86/kernel/e820_persist_boot.c): every
 * entry of type PERSIST_E820_TYPE with a nonzero size is a span.
 *
 * Records are built here field by field, with zlib's crc32() as the
 * checksum (an implementation we did not write), then parsed: a good one
 * round-trips, and every way of breaking one is refused with its reason.
 * A randomized test flips bytes of good records and checks that whatever
 * the parser accepts still satisfies the promises it makes.
 * E820_RECORD_SEED=<n> and E820_RECORD_ITERS=<n> override the seed and
 * the iteration count.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "helpers.h"

#include <linux/crc32.h>
#include <linux/persist_e820_registry.h>
#include <asm/e820/types.h>

#define PT		E820_TYPE_PERSIST
#define RAM		E820_TYPE_RAM
#define RES		E820_TYPE_RESERVED
#define PG		0x1000ULL
#define HDR		sizeof(struct persist_e820_record)
#define ENT_SZ		sizeof(struct persist_e820_record_entry)
#define N(a)		((int)(sizeof(a) / sizeof((a)[0])))
#define MAXR		PERSIST_E820_MAX_RANGES

typedef struct persist_e820_record_entry rent_t;

static unsigned char buf[HDR + 64 + MAXR * (ENT_SZ + 64) + 4 * PG];
static rent_t out[MAXR];
static struct persist_e820_span spans[2 * MAXR + 1];

/* The map the good record comes with: two persisted runs, one of two entries */
static const struct e820_entry map[] = {
	{ 0, 0x9f000, RAM },
	{ 0x9f000, 0x1000, RES },
	{ 0x100000, 0xff00000, RAM },
	{ 0x10000000, 0x200000, PT },		/* a, b */
	{ 0x10200000, 0x7e00000, RAM },
	{ 0x18000000, 0x100000, PT },		/* c ... */
	{ 0x18100000, 0x100000, PT },		/* ... touching: one run */
	{ 0x18200000, 0x7e00000, RAM },
};

static rent_t ent(uint64_t start, uint64_t len, const char *name,
		  const char *owner)
{
	rent_t e;

	memset(&e, 0, sizeof(e));
	e.start = start;
	e.length = len;
	strncpy(e.name, name, sizeof(e.name));
	strncpy(e.owner, owner, sizeof(e.owner));
	return e;
}

static int good(rent_t *e)
{
	e[0] = ent(0x10000000, 0x100000, "a", "user");
	e[1] = ent(0x10100000, 0x100000, "b", "mshv");
	e[2] = ent(0x18000000, 0x200000, "c.0", "test_persist");
	return 3;
}

/* zlib's CRC-32 of the record with its checksum field taken as 0 */
static uint32_t zcrc(const unsigned char *rec, uint64_t size)
{
	struct persist_e820_record h;
	uLong c;

	memcpy(&h, rec, sizeof(h));
	h.checksum = 0;
	c = crc32(0L, Z_NULL, 0);
	c = crc32(c, (const Bytef *)&h, sizeof(h));
	c = crc32(c, rec + sizeof(h), (uInt)(size - sizeof(h)));
	return (uint32_t)c;
}

/*
 * Lay out a record by hand in buf: header of @hs bytes, @nr entries of @es
 * bytes each (the bytes past the known fields filled with 0x5a), a correct
 * size and checksum. Returns its size.
 */
static uint64_t build(unsigned int hs, unsigned int es, const rent_t *e, int nr)
{
	struct persist_e820_record h;
	uint64_t size = hs + (uint64_t)nr * es;
	int i;

	memset(buf, 0x5a, size);
	memset(&h, 0, sizeof(h));
	memcpy(h.compatible, PERSIST_E820_RECORD_COMPATIBLE,
	       sizeof(PERSIST_E820_RECORD_COMPATIBLE));
	h.header_size = hs;
	h.entry_size = es;
	h.nr_entries = nr;
	h.size = size;
	memcpy(buf, &h, sizeof(h));
	for (i = 0; i < nr; i++)
		memcpy(buf + hs + (uint64_t)i * es, &e[i], sizeof(e[i]));
	h.checksum = zcrc(buf, size);
	memcpy(buf, &h, sizeof(h));
	return size;
}

static struct persist_e820_record *hdr(void)
{
	return (struct persist_e820_record *)buf;
}

/*
 * Re-checksum the @size bytes built after editing them, as a careful
 * corrupter would (the size field itself may be what was edited).
 */
static void reseal(uint64_t size)
{
	hdr()->checksum = zcrc(buf, size);
}

/*
 * The spans of @m as the boot code derives them: one per entry of type
 * PERSIST_E820_TYPE with a nonzero size, in map order (a sanitized map is
 * sorted), touching ones not merged.
 */
static unsigned int map_spans(const struct e820_entry *m, int nr,
			      struct persist_e820_span *s)
{
	unsigned int n = 0;
	int i;

	for (i = 0; i < nr; i++) {
		if (m[i].type != PERSIST_E820_TYPE || !m[i].size)
			continue;
		assert_true(n < (unsigned int)N(spans));
		s[n].start = m[i].addr;
		s[n].end = m[i].addr + m[i].size;
		n++;
	}
	return n;
}

/* Parse @len bytes at @rec against the persisted ranges of the map @m. */
static int parse_map(const void *rec, uint64_t len, const struct e820_entry *m,
		     int nr_m, const char **why)
{
	unsigned int n = map_spans(m, nr_m, spans);

	return persist_e820_record_parse(rec, len, spans, n, out, why);
}

static int parse(uint64_t len, const char **why)
{
	return parse_map(buf, len, map, N(map), why);
}

static void test_crc_matches_zlib(void **state)
{
	unsigned char data[1000];
	size_t len;

	(void)state;
	srand(1);
	for (len = 0; len < sizeof(data); len += 37) {
		size_t i;

		for (i = 0; i < len; i++)
			data[i] = rand();
		assert_int_equal(~crc32_le(~0U, data, len),
				 (uint32_t)crc32(0L, data, (uInt)len));
	}
}

static void test_good_record_round_trips(void **state)
{
	rent_t e[3];
	const char *why = "unset";
	int nr = good(e), i;
	uint64_t size = build(HDR, ENT_SZ, e, nr);

	(void)state;
	assert_int_equal(parse(size, &why), nr);
	assert_null(why);
	for (i = 0; i < nr; i++)
		assert_memory_equal(&out[i], &e[i], sizeof(e[i]));
	/* the e820 entry may be larger than the record (whole pages) */
	assert_int_equal(parse(4 * PG, &why), nr);
}

/* What seal() writes is what build() (zlib, by hand) writes. */
static void test_seal_matches_hand_built(void **state)
{
	static unsigned char sealed[HDR + 3 * ENT_SZ];
	rent_t e[3];
	int nr = good(e);
	uint64_t size = build(HDR, ENT_SZ, e, nr);
	const char *why;

	(void)state;
	memset(sealed, 0xff, sizeof(sealed));
	memcpy(sealed + HDR, e, sizeof(e));
	persist_e820_record_seal((struct persist_e820_record *)sealed, nr);
	assert_int_equal(persist_e820_record_size(nr), size);
	assert_memory_equal(sealed, buf, size);
	assert_int_equal(parse_map(sealed, size, map, N(map), &why), nr);
}

/* Newer writers may append fields: sizes grow, the version does not. */
static void test_larger_header_and_entries(void **state)
{
	rent_t e[3];
	int nr = good(e), i;
	uint64_t size = build(HDR + 24, ENT_SZ + 40, e, nr);
	const char *why;

	(void)state;
	assert_int_equal(parse(size, &why), nr);
	for (i = 0; i < nr; i++)
		assert_memory_equal(&out[i], &e[i], sizeof(e[i]));
}

static void test_empty_record(void **state)
{
	static const struct e820_entry ram[] = { { 0x100000, 0x1000000, RAM } };
	uint64_t size = build(HDR, ENT_SZ, NULL, 0);
	const char *why;

	(void)state;
	assert_int_equal(parse_map(buf, size, ram, 1, &why), 0);
	/* but not when the map has persisted memory it does not name */
	assert_int_equal(parse(size, &why), -EINVAL);
}

struct bad_case {
	const char *name;
	int err;
	const char *why;		/* a word of the reason */
	void (*edit)(rent_t *e, int *nr, unsigned int *hs, unsigned int *es);
	void (*after)(void);		/* edits after building (then resealed) */
	bool keep_checksum;		/* do not reseal after @after */
};

static void e_unaligned(rent_t *e, int *n, unsigned int *h, unsigned int *s)
{
	(void)n; (void)h; (void)s;
	e[1].start += 0x800;
	e[1].length -= 0x800;
}

static void e_zero_len(rent_t *e, int *n, unsigned int *h, unsigned int *s)
{
	(void)n; (void)h; (void)s;
	e[2].length = 0;
}

static void e_wrap(rent_t *e, int *n, unsigned int *h, unsigned int *s)
{
	(void)n; (void)h; (void)s;
	e[2].length = 0 - e[2].start + PG;
}

static void e_flags(rent_t *e, int *n, unsigned int *h, unsigned int *s)
{
	(void)n; (void)h; (void)s;
	e[0].flags = 1;
}

static void e_pad(rent_t *e, int *n, unsigned int *h, unsigned int *s)
{
	(void)n; (void)h; (void)s;
	e[0].__pad = 1;
}

static void e_name_unterminated(rent_t *e, int *n, unsigned int *h, unsigned int *s)
{
	(void)n; (void)h; (void)s;
	memset(e[1].name, 'x', sizeof(e[1].name));
}

static void e_name_empty(rent_t *e, int *n, unsigned int *h, unsigned int *s)
{
	(void)n; (void)h; (void)s;
	memset(e[1].name, 0, sizeof(e[1].name));
}

static void e_name_slash(rent_t *e, int *n, unsigned int *h, unsigned int *s)
{
	(void)n; (void)h; (void)s;
	strcpy(e[1].name, "../b");
}

static void e_name_space(rent_t *e, int *n, unsigned int *h, unsigned int *s)
{
	(void)n; (void)h; (void)s;
	strcpy(e[1].name, "b c");
}

static void e_name_control(rent_t *e, int *n, unsigned int *h, unsigned int *s)
{
	(void)n; (void)h; (void)s;
	e[1].name[0] = '\n';
}

static void e_owner_unterminated(rent_t *e, int *n, unsigned int *h, unsigned int *s)
{
	(void)n; (void)h; (void)s;
	memset(e[0].owner, 'o', sizeof(e[0].owner));
}

static void e_owner_empty(rent_t *e, int *n, unsigned int *h, unsigned int *s)
{
	(void)n; (void)h; (void)s;
	e[0].owner[0] = 0;
}

static void e_unsorted(rent_t *e, int *n, unsigned int *h, unsigned int *s)
{
	rent_t t = e[0];

	(void)n; (void)h; (void)s;
	e[0] = e[1];
	e[1] = t;
}

static void e_overlap(rent_t *e, int *n, unsigned int *h, unsigned int *s)
{
	(void)n; (void)h; (void)s;
	e[0].length += PG;
}

static void e_duplicate(rent_t *e, int *n, unsigned int *h, unsigned int *s)
{
	(void)n; (void)h; (void)s;
	strcpy(e[2].name, "a");
}

static void e_outside(rent_t *e, int *n, unsigned int *h, unsigned int *s)
{
	(void)n; (void)h; (void)s;
	e[2] = ent(0x20000000, 0x200000, "c.0", "x");	/* RAM */
}

static void e_past_run(rent_t *e, int *n, unsigned int *h, unsigned int *s)
{
	(void)n; (void)h; (void)s;
	e[2].length += PG;
}

static void e_before_run(rent_t *e, int *n, unsigned int *h, unsigned int *s)
{
	(void)n; (void)h; (void)s;
	e[2].start -= PG;
}

static void e_not_covering(rent_t *e, int *n, unsigned int *h, unsigned int *s)
{
	(void)e; (void)h; (void)s;
	*n = 2;			/* "c.0" missing: its run unnamed */
}

static void e_partly_covering(rent_t *e, int *n, unsigned int *h, unsigned int *s)
{
	(void)n; (void)h; (void)s;
	e[2].length -= PG;
}

static void e_small_header(rent_t *e, int *n, unsigned int *h, unsigned int *s)
{
	(void)e; (void)n; (void)s;
	*h = HDR - 8;
}

static void e_odd_header(rent_t *e, int *n, unsigned int *h, unsigned int *s)
{
	(void)e; (void)n; (void)s;
	*h = HDR + 4;
}

static void e_small_entry(rent_t *e, int *n, unsigned int *h, unsigned int *s)
{
	(void)e; (void)n; (void)h;
	*s = ENT_SZ - 8;
}

static void a_magic(void)
{
	hdr()->compatible[0] ^= 1;
}

static void a_version(void)
{
	hdr()->compatible[strlen(PERSIST_E820_RECORD_COMPATIBLE) - 1]++;
}

/* "persist-e820-record-v1" followed by more than NULs: another version */
static void a_compat_tail(void)
{
	hdr()->compatible[sizeof(hdr()->compatible) - 1] = '0';
}

static void a_too_many(void)
{
	hdr()->nr_entries = MAXR + 1;
}

static void a_count_overflow(void)
{
	hdr()->nr_entries = 0xffffffffU;
	hdr()->size = HDR + 0xffffffffULL * ENT_SZ;
}

static void a_size_small(void)
{
	hdr()->size -= 8;
}

static void a_count_more(void)
{
	hdr()->nr_entries++;
}

static void a_reserved(void)
{
	hdr()->__reserved[1] = 1;
}

static void a_body_byte(void)
{
	buf[HDR + ENT_SZ + 20] ^= 0x20;		/* "b" -> "B" */
}

static void a_checksum(void)
{
	hdr()->checksum ^= 0x80000000U;
}

static const struct bad_case bad_cases[] = {
	{ "not a record", -EINVAL, "not a record", NULL, a_magic, false },
	{ "unknown version", -EPROTO, "version", NULL, a_version, false },
	{ "compatible string not NUL-padded", -EPROTO, "version", NULL,
	  a_compat_tail, false },
	{ "too many entries", -E2BIG, "many", NULL, a_too_many, false },
	{ "count that overflows", -E2BIG, "many", NULL, a_count_overflow, false },
	{ "size smaller than entries", -EINVAL, "size", NULL, a_size_small, false },
	{ "count beyond size", -EINVAL, "size", NULL, a_count_more, false },
	{ "reserved field", -EINVAL, "reserved", NULL, a_reserved, false },
	{ "byte changed, checksum kept", -EBADMSG, "checksum", NULL,
	  a_body_byte, true },
	{ "checksum changed", -EBADMSG, "checksum", NULL, a_checksum, true },
	{ "header size too small", -EINVAL, "size", e_small_header, NULL, false },
	{ "header size not 8-aligned", -EINVAL, "size", e_odd_header, NULL, false },
	{ "entry size too small", -EINVAL, "size", e_small_entry, NULL, false },
	{ "entry not page aligned", -EINVAL, "aligned", e_unaligned, NULL, false },
	{ "entry of length 0", -EINVAL, "empty", e_zero_len, NULL, false },
	{ "entry wrapping 2^64", -EINVAL, "wrapping", e_wrap, NULL, false },
	{ "entry flags", -EINVAL, "flags", e_flags, NULL, false },
	{ "entry padding", -EINVAL, "flags", e_pad, NULL, false },
	{ "name without NUL", -EINVAL, "name", e_name_unterminated, NULL, false },
	{ "empty name", -EINVAL, "name", e_name_empty, NULL, false },
	{ "name with /", -EINVAL, "name", e_name_slash, NULL, false },
	{ "name with space", -EINVAL, "name", e_name_space, NULL, false },
	{ "name with control char", -EINVAL, "name", e_name_control, NULL, false },
	{ "owner without NUL", -EINVAL, "owner", e_owner_unterminated, NULL, false },
	{ "empty owner", -EINVAL, "owner", e_owner_empty, NULL, false },
	{ "unsorted entries", -EINVAL, "unsorted", e_unsorted, NULL, false },
	{ "overlapping entries", -EINVAL, "overlapping", e_overlap, NULL, false },
	{ "duplicate names", -EINVAL, "duplicate", e_duplicate, NULL, false },
	{ "entry in RAM", -EINVAL, "cover", e_outside, NULL, false },
	{ "entry running past its run", -EINVAL, "cover", e_past_run, NULL, false },
	{ "entry starting before its run", -EINVAL, "cover", e_before_run, NULL, false },
	{ "persisted run not named", -EINVAL, "cover", e_not_covering, NULL, false },
	{ "persisted run partly named", -EINVAL, "cover", e_partly_covering, NULL, false },
};

static void test_bad_records(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < N(bad_cases); i++) {
		const struct bad_case *c = &bad_cases[i];
		unsigned int hs = HDR, es = ENT_SZ;
		const char *why = NULL;
		rent_t e[3];
		int nr = good(e), ret;
		uint64_t size;

		if (c->edit)
			c->edit(e, &nr, &hs, &es);
		size = build(hs, es, e, nr);
		if (c->after) {
			c->after();
			if (!c->keep_checksum)
				reseal(size);
		}
		ret = parse(4 * PG, &why);
		if (ret != c->err || !why || !strstr(why, c->why))
			fail_msg("%s: got %d (%s), want %d (%s)", c->name, ret,
				 why ? why : "no reason", c->err, c->why);
	}
}

/* The record or its e820 entry cut short. */
static void test_truncated(void **state)
{
	rent_t e[3];
	int nr = good(e);
	uint64_t size = build(HDR, ENT_SZ, e, nr), len;
	const char *why;

	(void)state;
	for (len = 0; len < size; len++)
		assert_true(parse(len, &why) < 0);
	assert_int_equal(parse(size, &why), nr);
	assert_int_equal(parse_map(NULL, size, map, N(map), &why), -EINVAL);
	/* spans counted but not given */
	assert_int_equal(persist_e820_record_parse(buf, size, NULL, 1, out,
						   &why), -EINVAL);
}

/* The largest record there can be, at the limits of names and owners. */
static void test_full_record(void **state)
{
	static struct e820_entry big[2 * MAXR + 1];
	static rent_t e[MAXR];
	const char *why;
	uint64_t size;
	int i, n = 0;

	(void)state;
	for (i = 0; i < MAXR; i++) {
		uint64_t a = 0x100000000ULL + (uint64_t)i * 2 * PG;
		char name[PERSIST_E820_NAME_LEN];

		snprintf(name, sizeof(name), "%031d", i);
		e[i] = ent(a, PG, name, "abcdefghijklmno");
		big[n++] = (struct e820_entry){ a, PG, PT };
		big[n++] = (struct e820_entry){ a + PG, PG, RAM };
	}
	size = build(HDR, ENT_SZ, e, MAXR);
	assert_int_equal(parse_map(buf, size, big, n, &why), MAXR);
	assert_memory_equal(out, e, sizeof(e));
}

static unsigned long env_ul(const char *name, unsigned long def)
{
	const char *v = getenv(name);

	return v ? strtoul(v, NULL, 0) : def;
}

/*
 * Flip random bytes of a good record, sometimes resealing it: whatever the
 * parser accepts is sorted, disjoint, named and inside the persisted runs.
 */
static void test_random_corruption(void **state)
{
	unsigned long seed = env_ul("E820_RECORD_SEED", 820);
	unsigned long iters = env_ul("E820_RECORD_ITERS", 20000), it;
	unsigned long accepted = 0;

	(void)state;
	printf("# seed %lu, %lu iterations\n", seed, iters);
	srand(seed);
	for (it = 0; it < iters; it++) {
		rent_t e[3];
		int nr = good(e), flips = 1 + rand() % 4, ret, i, j;
		uint64_t size = build(HDR, ENT_SZ, e, nr);
		const char *why;

		for (j = 0; j < flips; j++)
			buf[rand() % size] ^= 1u << (rand() % 8);
		if (rand() % 2)
			reseal(size);
		ret = parse(size, &why);
		if (ret < 0) {
			assert_non_null(why);
			continue;
		}
		accepted++;
		assert_int_equal(ret, 3);
		for (i = 0; i < ret; i++) {
			bool inside = false;

			assert_true(persist_e820_name_valid(out[i].name,
							    sizeof(out[i].name)));
			if (i)
				assert_true(out[i].start >=
					    out[i - 1].start + out[i - 1].length);
			for (j = 0; j < N(map); j++)
				if (map[j].type == PT &&
				    out[i].start >= map[j].addr &&
				    out[i].start < map[j].addr + map[j].size)
					inside = true;
			assert_true(inside);
		}
	}
	printf("# %lu of %lu accepted\n", accepted, iters);
}

/*
 * The spans as the parser takes them, without a map: touching spans are
 * one run whether they come merged or not; a gap, a span too many or too
 * few, or a span ending before it starts (an e820 entry wrapping 2^64) is
 * refused.
 */
static void test_spans(void **state)
{
	static const struct persist_e820_span merged[] = {
		{ 0x10000000, 0x10200000 }, { 0x18000000, 0x18200000 },
	};
	static const struct persist_e820_span pages[] = {
		{ 0x10000000, 0x10100000 }, { 0x10100000, 0x10101000 },
		{ 0x10101000, 0x10200000 }, { 0x18000000, 0x18200000 },
	};
	static const struct persist_e820_span gap[] = {
		{ 0x10000000, 0x10200000 }, { 0x18000000, 0x18100000 },
		{ 0x18101000, 0x18200000 },
	};
	static const struct persist_e820_span extra[] = {
		{ 0x10000000, 0x10200000 }, { 0x18000000, 0x18200000 },
		{ 0x20000000, 0x20001000 },
	};
	static const struct persist_e820_span wrap[] = {
		{ 0x10000000, 0x10200000 }, { 0x18000000, 0x18200000 },
		{ 0xfffffffffffff000ULL, 0x1000 },
	};
	rent_t e[3];
	int nr = good(e), i;
	uint64_t size = build(HDR, ENT_SZ, e, nr);
	const char *why;

	(void)state;
	assert_int_equal(persist_e820_record_parse(buf, size, merged,
						   N(merged), out, &why), nr);
	for (i = 0; i < nr; i++)
		assert_memory_equal(&out[i], &e[i], sizeof(e[i]));
	assert_int_equal(persist_e820_record_parse(buf, size, pages, N(pages),
						   out, &why), nr);
	assert_int_equal(persist_e820_record_parse(buf, size, gap, N(gap), out,
						   &why), -EINVAL);
	assert_non_null(strstr(why, "cover"));
	assert_int_equal(persist_e820_record_parse(buf, size, extra, N(extra),
						   out, &why), -EINVAL);
	assert_non_null(strstr(why, "cover"));
	assert_int_equal(persist_e820_record_parse(buf, size, merged, 1, out,
						   &why), -EINVAL);
	assert_non_null(strstr(why, "cover"));
	assert_int_equal(persist_e820_record_parse(buf, size, wrap, N(wrap),
						   out, &why), -EINVAL);
	assert_non_null(strstr(why, "cover"));
}

/* The rule of <uapi/linux/persist_e820.h>, spelled out independently */
static bool spec_char_ok(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	       (c >= 'a' && c <= 'z') || c == '+' || c == ',' || c == '-' ||
	       c == '.' || c == ':' || c == '=' || c == '@' || c == '_';
}

static void test_name_valid(void **state)
{
	char n[PERSIST_E820_NAME_LEN], s[4];
	int c;

	(void)state;
	assert_true(persist_e820_name_valid("vm-guest.ram_0", 15));
	assert_true(persist_e820_name_valid("a+b,c=d:e@f", 12));
	assert_true(persist_e820_name_valid("-x", 3));
	assert_false(persist_e820_name_valid("", 1));
	assert_false(persist_e820_name_valid(".", 2));
	assert_false(persist_e820_name_valid("..", 3));
	assert_false(persist_e820_name_valid(".x", 3));
	assert_false(persist_e820_name_valid("a/b", 4));
	assert_false(persist_e820_name_valid("a b", 4));
	assert_false(persist_e820_name_valid("\x7f", 2));
	memset(n, 'x', sizeof(n));
	assert_false(persist_e820_name_valid(n, sizeof(n)));
	n[sizeof(n) - 1] = 0;
	assert_true(persist_e820_name_valid(n, sizeof(n)));

	/* Every byte, in the middle of a name: valid exactly as the rule says */
	for (c = 1; c <= 0xff; c++) {
		s[0] = 'a';
		s[1] = (char)c;
		s[2] = 'b';
		s[3] = 0;
		if (persist_e820_name_valid(s, sizeof(s)) != spec_char_ok(c))
			fail_msg("byte 0x%02x: kernel says %d", c, !spec_char_ok(c));
	}
}

static void test_owner_valid(void **state)
{
	char o[PERSIST_E820_OWNER_LEN], big[PERSIST_E820_NAME_LEN];

	(void)state;
	assert_true(persist_e820_owner_valid("user", 5));
	assert_true(persist_e820_owner_valid("test_persist", 13));
	assert_false(persist_e820_owner_valid("a/b", 4));
	assert_false(persist_e820_owner_valid("", 1));
	assert_false(persist_e820_owner_valid(".x", 3));
	assert_false(persist_e820_owner_valid("a b", 4));
	assert_false(persist_e820_owner_valid("a;b", 4));
	memset(o, 'o', sizeof(o));
	assert_false(persist_e820_owner_valid(o, sizeof(o)));
	o[sizeof(o) - 1] = 0;
	assert_true(persist_e820_owner_valid(o, sizeof(o)));
	/* a name-sized buffer is too long for an owner */
	memset(big, 0, sizeof(big));
	strcpy(big, "user");
	assert_false(persist_e820_owner_valid(big, sizeof(big)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc_matches_zlib),
		cmocka_unit_test(test_good_record_round_trips),
		cmocka_unit_test(test_seal_matches_hand_built),
		cmocka_unit_test(test_larger_header_and_entries),
		cmocka_unit_test(test_empty_record),
		cmocka_unit_test(test_bad_records),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_full_record),
		cmocka_unit_test(test_random_corruption),
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_name_valid),
		cmocka_unit_test(test_owner_valid),
	};

	return cmocka_run_group_tests_name("persist_e820_record", tests, NULL, NULL);
}
