// SPDX-License-Identifier: GPL-2.0
/*
 * memmap reader and formatter tests against fake sysfs trees.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"
#include "memmap.h"
#include "util.h"

#define A8	"AAAAAAAA"
#define A63	"AAAAAAA" A8 A8 A8 A8 A8 A8 A8
#define A64	A8 A8 A8 A8 A8 A8 A8 A8
#define Z24	"000000000000000000000000"

/* Read @root, checking the error string on failure. */
static void read_expect(const char *root, struct memmap *map, int ret,
			const char *err_rel)
{
	char want[PATH_MAX];

	assert_int_equal(memmap_read(root, map), ret);
	if (!ret)
		return;
	assert_string_equal(map->err, err_rel ? path_join(want, root, err_rel)
					      : root);
	/* a failed read leaves an empty map that is safe to free */
	assert_null(map->entries);
	assert_int_equal(map->nr, 0);
	memmap_free(map);
}

static void test_sample_tree(void **state)
{
	const char *root = *state;
	struct memmap_totals totals;
	struct memmap map;

	put_sample_tree(root);
	read_expect(root, &map, 0, NULL);
	assert_int_equal(map.nr, 8);
	assert_int_equal(map.entries[0].start, 0);
	assert_int_equal(map.entries[0].end, 0x9fbff);
	assert_string_equal(map.entries[0].type, "System RAM");
	assert_true(memmap_entry_is_ram(&map.entries[0]));
	assert_int_equal(memmap_entry_size(&map.entries[1]), 385 << 10);
	assert_string_equal(map.entries[1].type, "Reserved");
	assert_false(memmap_entry_is_ram(&map.entries[1]));
	assert_string_equal(map.entries[6].type, "Persistent Memory (legacy)");
	assert_int_equal(memmap_entry_size(&map.entries[7]), 1);

	assert_int_equal(memmap_totals(&map, &totals), 0);
	assert_int_equal(totals.ram, 25769278464ULL);
	assert_int_equal(totals.other, 268964865ULL);
	memmap_free(&map);
	memmap_free(&map);
}

/* 13 entries: start order differs from both numeric and string name order. */
static void test_sorted_by_start(void **state)
{
	static const unsigned int slot[] = {
		7, 12, 0, 3, 10, 1, 11, 5, 9, 2, 8, 4, 6
	};
	const char *root = *state;
	char name[16], start[32], end[32], type[32];
	struct memmap map;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(slot); i++) {
		snprintf(name, sizeof(name), "%zu", i);
		snprintf(start, sizeof(start), "0x%x\n", slot[i] << 20);
		snprintf(end, sizeof(end), "0x%x\n", ((slot[i] + 1) << 20) - 1);
		snprintf(type, sizeof(type), "type of %zu\n", i);
		put_entry(root, name, start, end, type);
	}
	/* non-numeric names are ignored */
	put_str(root, "README", "not an entry\n");
	put_dir(root, "x1");

	read_expect(root, &map, 0, NULL);
	assert_int_equal(map.nr, ARRAY_SIZE(slot));
	for (i = 0; i < ARRAY_SIZE(slot); i++) {
		const struct memmap_entry *e = &map.entries[slot[i]];

		snprintf(type, sizeof(type), "type of %zu", i);
		assert_int_equal(e->start, (uint64_t)slot[i] << 20);
		assert_int_equal(memmap_entry_size(e), 1 << 20);
		assert_string_equal(e->type, type);
	}
	memmap_free(&map);
}

static void test_empty_dir(void **state)
{
	struct memmap map;

	read_expect(*state, &map, 0, NULL);
	assert_int_equal(map.nr, 0);
	memmap_free(&map);
}

static void test_missing_dir(void **state)
{
	char path[PATH_MAX];
	struct memmap map;

	read_expect(path_join(path, *state, "nope"), &map, -ENOENT, NULL);
}

static void test_dir_is_file(void **state)
{
	char path[PATH_MAX];
	struct memmap map;

	put_str(*state, "file", "0x0\n");
	read_expect(path_join(path, *state, "file"), &map, -ENOTDIR, NULL);
}

/* Entry "1" as given (NULL: file missing), next to a valid entry "0". */
struct bad_case {
	const char *start, *end, *type;
	int ret;
	const char *err;	/* map.err after "<dir>/" */
};

#define BAD_START(s, r, e)	{ s, "0x2fff\n", "Reserved\n", r, "1/start" e }
#define BAD_END(s, r, e)	{ "0x2000\n", s, "Reserved\n", r, "1/end" e }
#define BAD_TYPE(s, r, e)	{ "0x2000\n", "0x2fff\n", s, r, "1/type" e }
#define NOT_HEX			": not a 0x-prefixed hex number"
#define NOT_PRINTABLE		": non-printable character in type"

static const struct bad_case bad_cases[] = {
	BAD_START(NULL, -ENOENT, ""),
	BAD_END(NULL, -ENOENT, ""),
	BAD_TYPE(NULL, -ENOENT, ""),
	BAD_START("", -EINVAL, NOT_HEX),
	BAD_START("\n", -EINVAL, NOT_HEX),
	BAD_START("2000\n", -EINVAL, NOT_HEX),
	BAD_START("0x\n", -EINVAL, NOT_HEX),
	BAD_START("0xZZ\n", -EINVAL, NOT_HEX),
	BAD_START("0x2000 \n", -EINVAL, NOT_HEX),
	BAD_START(" 0x2000\n", -EINVAL, NOT_HEX),
	BAD_START("-0x2000\n", -EINVAL, NOT_HEX),
	BAD_START("+0x2000\n", -EINVAL, NOT_HEX),
	BAD_START("0x2000\n\n", -EINVAL, NOT_HEX),
	BAD_START("0x2000\r\n", -EINVAL, NOT_HEX),
	BAD_START("0x2K\n", -EINVAL, NOT_HEX),
	BAD_END("0x2fffz", -EINVAL, NOT_HEX),
	BAD_END("0x1ffffffffffffffffz\n", -EINVAL, NOT_HEX),
	BAD_END("0x10000000000000000\n", -ERANGE,
		": number wider than 64 bits"),
	BAD_START("0x" Z24 "000001\n", -EOVERFLOW, ": value too long"),
	BAD_TYPE("", -EINVAL, ": empty type"),
	BAD_TYPE("\n", -EINVAL, ": empty type"),
	BAD_TYPE("System\tRAM\n", -EINVAL, NOT_PRINTABLE),
	BAD_TYPE("Caf\xc3\xa9\n", -EINVAL, NOT_PRINTABLE),
	BAD_TYPE("DEL\x7f\n", -EINVAL, NOT_PRINTABLE),
	BAD_TYPE("two\nlines\n", -EINVAL, NOT_PRINTABLE),
	BAD_TYPE(A64, -EOVERFLOW, ": value too long"),
	BAD_TYPE(A64 "\n", -EOVERFLOW, ": value too long"),
	BAD_TYPE(A64 A64 A64 A64, -EOVERFLOW, ": value too long"),
	{ "0x2000\n", "0x1fff\n", "Reserved\n", -EINVAL,
	  "1: end is below start" },
	{ "0x0\n", "0xffffffffffffffff\n", "Reserved\n", -ERANGE,
	  "1: range covers the whole 64-bit space" },
};

/* Make @root/case<i>/ holding entry "0" (valid) and entry "1" from @c. */
static char *make_case_tree(const char *root, size_t i, const char *start,
			    const char *end, const char *type, char *dir)
{
	char name[32];

	snprintf(name, sizeof(name), "case%zu", i);
	put_dir(root, name);
	path_join(dir, root, name);
	put_entry(dir, "0", "0x0\n", "0xfff\n", "System RAM\n");
	put_entry(dir, "1", start, end, type);
	return dir;
}

static void test_malformed(void **state)
{
	char dir[PATH_MAX], want[PATH_MAX];
	const struct bad_case *c;
	struct memmap map;
	size_t i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(bad_cases); i++) {
		c = &bad_cases[i];
		make_case_tree(*state, i, c->start, c->end, c->type, dir);
		ret = memmap_read(dir, &map);
		path_join(want, dir, c->err);
		if (ret != c->ret || strcmp(map.err, want) || map.entries)
			fail_msg("case %zu: got %d \"%s\", want %d \"%s\"", i,
				 ret, map.err, c->ret, want);
		memmap_free(&map);
	}
}

struct good_case {
	const char *start, *end, *type;
	uint64_t want_start, want_end;
	const char *want_type;
};

static const struct good_case good_cases[] = {
	{ "0x2000", "0x2fff", "Reserved", 0x2000, 0x2fff, "Reserved" },
	{ "0X2000\n", "0xABCdef\n", "x\n", 0x2000, 0xabcdef, "x" },
	{ "0x" Z24 "00001\n", "0x1\n", "Soft Reserved\n", 1, 1,
	  "Soft Reserved" },
	{ "0x1\n", "0xffffffffffffffff\n", A63 "\n", 1, UINT64_MAX, A63 },
	{ "0x0\n", "0xfffffffffffffffe\n", A63, 0, UINT64_MAX - 1, A63 },
	{ "0x2000\n", "0x2000\n", "ACPI Non-volatile Storage\n", 0x2000, 0x2000,
	  "ACPI Non-volatile Storage" },
};

static void test_boundaries_accepted(void **state)
{
	const struct good_case *c;
	const struct memmap_entry *e;
	char dir[PATH_MAX];
	struct memmap map;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(good_cases); i++) {
		c = &good_cases[i];
		make_case_tree(*state, i, c->start, c->end, c->type, dir);
		if (memmap_read(dir, &map))
			fail_msg("case %zu: %s", i, map.err);
		assert_int_equal(map.nr, 2);
		/* a range may start at 0 too: take the one that is not "0" */
		e = strcmp(map.entries[0].type, "System RAM") ? &map.entries[0]
							       : &map.entries[1];
		assert_int_equal(e->start, c->want_start);
		assert_int_equal(e->end, c->want_end);
		assert_string_equal(e->type, c->want_type);
		memmap_free(&map);
	}
}

static void test_nul_byte(void **state)
{
	char dir[PATH_MAX];
	struct memmap map;

	put_entry(*state, "1", NULL, "0x2fff\n", "Reserved\n");
	path_join(dir, *state, "1");
	put_file(dir, "start", "0x2000\0\n", 8);
	read_expect(*state, &map, -EINVAL, "1/start: contains a NUL byte");
}

static void test_entry_not_dir(void **state)
{
	struct memmap map;

	put_entry(*state, "0", "0x0\n", "0xfff\n", "System RAM\n");
	put_str(*state, "1", "0x2000\n");
	read_expect(*state, &map, -ENOTDIR, "1");
}

static void test_attr_is_dir(void **state)
{
	char dir[PATH_MAX];
	struct memmap map;

	put_entry(*state, "1", "0x2000\n", NULL, "Reserved\n");
	put_dir(path_join(dir, *state, "1"), "end");
	read_expect(*state, &map, -EISDIR, "1/end");
}

/* A FIFO must be rejected without blocking in open() or read(). */
static void test_attr_fifo(void **state)
{
	char dir[PATH_MAX], path[PATH_MAX];
	struct memmap map;

	put_entry(*state, "1", "0x2000\n", "0x2fff\n", NULL);
	path_join(dir, *state, "1");
	assert_int_equal(mkfifo(path_join(path, dir, "type"), 0644), 0);
	read_expect(*state, &map, -EINVAL, "1/type: not a regular file");
}

static void put_n_entries(const char *root, size_t from, size_t to)
{
	char name[16], start[32], end[32];

	for (; from < to; from++) {
		snprintf(name, sizeof(name), "%zu", from);
		snprintf(start, sizeof(start), "0x%zx\n", from << 12);
		snprintf(end, sizeof(end), "0x%zx\n", (from << 12) + 0xfff);
		put_entry(root, name, start, end, "Reserved\n");
	}
}

static void test_entry_limit(void **state)
{
	const char *root = *state;
	struct memmap map;

	assert_int_equal(MEMMAP_MAX_ENTRIES, 65536);

	put_n_entries(root, 0, 16);
	assert_int_equal(memmap_read_max(root, 16, &map), 0);
	assert_int_equal(map.nr, 16);
	memmap_free(&map);

	put_n_entries(root, 16, 17);
	assert_int_equal(memmap_read_max(root, 16, &map), -E2BIG);
	assert_true(strstr(map.err, ": more than 16 entries") != NULL);
	assert_null(map.entries);
	memmap_free(&map);

	read_expect(root, &map, 0, NULL);
	assert_int_equal(map.nr, 17);
	memmap_free(&map);
}

/* Render @map with @print into a malloc()ed string. */
static char *render(int (*print)(FILE *f, const struct memmap *map),
		    const struct memmap *map, int want_ret)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(print(f, map), want_ret);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void check_render(const char *root,
			 int (*print)(FILE *f, const struct memmap *map),
			 const char *want)
{
	struct memmap map;
	char *out;

	read_expect(root, &map, 0, NULL);
	out = render(print, &map, 0);
	assert_string_equal(out, want);
	free(out);
	memmap_free(&map);
}

static void test_json_sample(void **state)
{
	put_sample_tree(*state);
	check_render(*state, memmap_print_json, sample_json);
}

static void test_table_sample(void **state)
{
	put_sample_tree(*state);
	check_render(*state, memmap_print_table, sample_table);
}

static void test_json_empty(void **state)
{
	check_render(*state, memmap_print_json,
		     "{\n  \"memmap\": [],\n  \"total_ram\": 0,\n"
		     "  \"total_non_ram\": 0\n}\n");
}

static void test_table_empty(void **state)
{
	check_render(*state, memmap_print_table,
		     "START              END                SIZE  TYPE\n"
		     "Total: RAM 0 (0 bytes), non-RAM 0 (0 bytes)\n");
}

static void test_json_escape(void **state)
{
	struct memmap_entry e = { .start = 1, .end = 2,
				  .type = "a\"b\\c\x01/" };
	struct memmap map = { .entries = &e, .nr = 1 };
	char *out;

	(void)state;
	out = render(memmap_print_json, &map, 0);
	assert_non_null(strstr(out, "\"type\": \"a\\\"b\\\\c\\u0001/\"}"));
	free(out);
}

static void test_totals_overflow(void **state)
{
	struct memmap_entry e[] = {
		{ 0, (1ULL << 63) - 1, MEMMAP_TYPE_RAM },
		{ 1ULL << 63, UINT64_MAX, MEMMAP_TYPE_RAM },
	};
	struct memmap map = { .entries = e, .nr = ARRAY_SIZE(e) };
	struct memmap_totals totals;
	char *out;

	(void)state;
	assert_int_equal(memmap_totals(&map, &totals), -ERANGE);
	out = render(memmap_print_json, &map, -ERANGE);
	assert_string_equal(out, "");
	free(out);
	out = render(memmap_print_table, &map, -ERANGE);
	assert_string_equal(out, "");
	free(out);
}

#define TMP_TEST(fn) \
	cmocka_unit_test_setup_teardown(fn, tmpdir_setup, tmpdir_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TMP_TEST(test_sample_tree),
		TMP_TEST(test_sorted_by_start),
		TMP_TEST(test_empty_dir),
		TMP_TEST(test_missing_dir),
		TMP_TEST(test_dir_is_file),
		TMP_TEST(test_malformed),
		TMP_TEST(test_boundaries_accepted),
		TMP_TEST(test_nul_byte),
		TMP_TEST(test_entry_not_dir),
		TMP_TEST(test_attr_is_dir),
		TMP_TEST(test_attr_fifo),
		TMP_TEST(test_entry_limit),
		TMP_TEST(test_json_sample),
		TMP_TEST(test_table_sample),
		TMP_TEST(test_json_empty),
		TMP_TEST(test_table_empty),
		cmocka_unit_test(test_json_escape),
		cmocka_unit_test(test_totals_overflow),
	};

	return cmocka_run_group_tests_name("memmap", tests, NULL, NULL);
}
