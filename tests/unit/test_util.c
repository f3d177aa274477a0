// SPDX-License-Identifier: GPL-2.0
/*
 * parse_size(), parse_u64() and format_size*() tests.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "helpers.h"
#include "util.h"

#define SENTINEL	0x5a5a5a5a5a5a5a5aULL

struct size_case {
	const char *in;
	unsigned int flags;
	int ret;
	uint64_t val;		/* expected when ret == 0 */
};

static const struct size_case size_cases[] = {
	/* valid */
	{ "0", 0, 0, 0 },
	{ "1", 0, 0, 1 },
	{ "4096", 0, 0, 4096 },
	{ "00012", 0, 0, 12 },				/* decimal, not octal */
	{ "16K", 0, 0, 16ULL << 10 },
	{ "16k", 0, 0, 16ULL << 10 },
	{ "16M", 0, 0, 16ULL << 20 },
	{ "16m", 0, 0, 16ULL << 20 },
	{ "2G", 0, 0, 2ULL << 30 },
	{ "2g", 0, 0, 2ULL << 30 },
	{ "0x1000", 0, 0, 0x1000 },
	{ "0X1000", 0, 0, 0x1000 },
	{ "0xAbCdEf", 0, 0, 0xabcdef },
	{ "0x10K", 0, 0, 0x10ULL << 10 },
	{ "0x1g", 0, 0, 1ULL << 30 },
	{ "1", PARSE_SIZE_NONZERO, 0, 1 },
	{ "18446744073709551615", 0, 0, UINT64_MAX },
	{ "0xffffffffffffffff", 0, 0, UINT64_MAX },
	{ "0x0000000000000000000000000001", 0, 0, 1 },
	{ "18014398509481983K", 0, 0, UINT64_MAX - 1023 },
	{ "17592186044415M", 0, 0, UINT64_MAX - ((1ULL << 20) - 1) },
	{ "17179869183G", 0, 0, UINT64_MAX - ((1ULL << 30) - 1) },
	/* malformed */
	{ "", 0, -EINVAL, 0 },
	{ "K", 0, -EINVAL, 0 },
	{ "x", 0, -EINVAL, 0 },
	{ "0x", 0, -EINVAL, 0 },
	{ "0xg", 0, -EINVAL, 0 },
	{ "-1", 0, -EINVAL, 0 },
	{ "-0", 0, -EINVAL, 0 },
	{ "+1", 0, -EINVAL, 0 },
	{ " 1", 0, -EINVAL, 0 },
	{ "1 ", 0, -EINVAL, 0 },
	{ "1\n", 0, -EINVAL, 0 },
	{ "16KB", 0, -EINVAL, 0 },
	{ "16KiB", 0, -EINVAL, 0 },
	{ "1KK", 0, -EINVAL, 0 },
	{ "1T", 0, -EINVAL, 0 },
	{ "1.5G", 0, -EINVAL, 0 },
	{ "12abc", 0, -EINVAL, 0 },
	{ "0b101", 0, -EINVAL, 0 },
	{ "99999999999999999999x", 0, -EINVAL, 0 },	/* garbage wins */
	{ "0", PARSE_SIZE_NONZERO, -EINVAL, 0 },
	{ "0K", PARSE_SIZE_NONZERO, -EINVAL, 0 },
	{ "0x0", PARSE_SIZE_NONZERO, -EINVAL, 0 },
	/* overflow: first value past each boundary above */
	{ "18446744073709551616", 0, -ERANGE, 0 },
	{ "99999999999999999999999", 0, -ERANGE, 0 },
	{ "0x10000000000000000", 0, -ERANGE, 0 },
	{ "18014398509481984K", 0, -ERANGE, 0 },
	{ "17592186044416M", 0, -ERANGE, 0 },
	{ "17179869184G", 0, -ERANGE, 0 },
	{ "18446744073709551615K", 0, -ERANGE, 0 },
};

static void test_parse_size_table(void **state)
{
	const struct size_case *c;
	uint64_t val;
	int ret;

	(void)state;
	for (c = size_cases; c < size_cases + ARRAY_SIZE(size_cases); c++) {
		val = SENTINEL;
		ret = parse_size(c->in, c->flags, &val);
		/* the result is only written on success */
		if (ret != c->ret || val != (c->ret ? SENTINEL : c->val))
			fail_msg("parse_size(\"%s\", %u) = %d, %#" PRIx64
				 "; want %d, %#" PRIx64, c->in, c->flags, ret,
				 val, c->ret, c->ret ? SENTINEL : c->val);
	}
}

static void test_parse_size_null(void **state)
{
	uint64_t val = SENTINEL;

	(void)state;
	assert_int_equal(parse_size(NULL, 0, &val), -EINVAL);
	assert_int_equal(val, SENTINEL);
}

static void test_parse_u64_endp(void **state)
{
	const char *s = "0x1fz", *end = NULL;
	uint64_t val = 0;

	(void)state;
	assert_int_equal(parse_u64(s, &end, &val), 0);
	assert_int_equal(val, 0x1f);
	assert_ptr_equal(end, s + 4);

	s = "-5";
	assert_int_equal(parse_u64(s, &end, &val), -EINVAL);
	assert_ptr_equal(end, s);

	s = "123456789012345678901234 tail";
	assert_int_equal(parse_u64(s, &end, &val), -ERANGE);
	assert_string_equal(end, " tail");
}

struct fmt_case {
	uint64_t bytes;
	const char *exact;
	const char *approx;
};

static const struct fmt_case fmt_cases[] = {
	{ 0, "0", "0" },
	{ 1, "1", "1" },
	{ 1023, "1023", "1023" },
	{ 1024, "1K", "1.0K" },
	{ 1025, "1025", "1.0K" },
	{ 1536, "1536", "1.5K" },
	{ 654336, "639K", "639.0K" },
	{ 1023ULL << 20, "1023M", "1023.0M" },
	{ 2047ULL << 20, "2047M", "2.0G" },
	{ 1ULL << 30, "1G", "1.0G" },
	{ (1ULL << 30) - 1, "1073741823", "1024.0M" },
	{ 25769278464ULL, "25165311K", "24.0G" },
	{ UINT64_MAX, "18446744073709551615", "17179869184.0G" },
	{ UINT64_MAX - ((1ULL << 30) - 1), "17179869183G", "17179869183.0G" },
};

static void test_format_size(void **state)
{
	const struct fmt_case *c;
	char buf[SIZE_STR_MAX];
	uint64_t back;

	(void)state;
	for (c = fmt_cases; c < fmt_cases + ARRAY_SIZE(fmt_cases); c++) {
		assert_string_equal(format_size(c->bytes, buf, sizeof(buf)),
				    c->exact);
		/* exact sizes round-trip through parse_size() */
		assert_int_equal(parse_size(buf, 0, &back), 0);
		assert_int_equal(back, c->bytes);
		assert_string_equal(format_size_approx(c->bytes, buf,
						       sizeof(buf)),
				    c->approx);
	}
}

static void test_format_size_truncates(void **state)
{
	char buf[4];

	(void)state;
	assert_string_equal(format_size(UINT64_MAX, buf, sizeof(buf)), "184");
	assert_string_equal(format_size_approx(UINT64_MAX, buf, sizeof(buf)),
			    "171");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_size_table),
		cmocka_unit_test(test_parse_size_null),
		cmocka_unit_test(test_parse_u64_endp),
		cmocka_unit_test(test_format_size),
		cmocka_unit_test(test_format_size_truncates),
	};

	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
