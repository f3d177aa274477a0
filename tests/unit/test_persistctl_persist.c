// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of the driver client library (tools/persist.c, persist_fmt.c):
 * name validation, error messages, the LIST retry loop against a fake
 * driver, table and JSON output, and the copies behind "write" and "read".
 * None of them needs /dev/persist_e820.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "persist.h"
#include "util.h"

#define A	PERSIST_E820_F_ALLOCATED
#define I	PERSIST_E820_F_INHERITED

/* ---- names ---- */

static void expect_name_ok(const char *name)
{
	char why[PE_MSG_LEN] = "untouched";

	if (pe_name_check(name, why, sizeof(why)))
		fail_msg("\"%s\" rejected: %s", name, why);
}

static void expect_name_bad(const char *name, const char *want_why)
{
	char why[PE_MSG_LEN] = "";

	assert_int_equal(pe_name_check(name, why, sizeof(why)), -EINVAL);
	assert_string_equal(why, want_why);
}

/* The rule of <linux/persist_e820.h>, spelled out independently */
static bool spec_char_ok(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	       (c >= 'a' && c <= 'z') || c == '+' || c == ',' || c == '-' ||
	       c == '.' || c == ':' || c == '=' || c == '@' || c == '_';
}

static void test_name_valid(void **state)
{
	char name[4];
	int c;

	(void)state;
	expect_name_ok("a");
	expect_name_ok("guest-ram");
	expect_name_ok("vm1:ram@node0,part=2+x_y.z");
	expect_name_ok("-leading-dash");
	expect_name_ok("a.");
	expect_name_ok("0123456789012345678901234567890");	/* 31 */

	/* Every character the rule allows, first and in the middle */
	for (c = 1; c <= 0xff; c++) {
		if (!spec_char_ok(c))
			continue;
		snprintf(name, sizeof(name), "a%cb", c);
		expect_name_ok(name);
		if (c != '.') {
			snprintf(name, sizeof(name), "%cb", c);
			expect_name_ok(name);
		}
	}
}

#define ONLY "; only ASCII letters, digits and +,-.:=@_ are allowed"

static void test_name_invalid(void **state)
{
	char name[4];
	int c;

	(void)state;
	expect_name_bad("", "name is empty");
	expect_name_bad("01234567890123456789012345678901",
			"name is 32 characters long, at most 31 are allowed");
	expect_name_bad(".", "name starts with '.'");
	expect_name_bad("..", "name starts with '.'");
	expect_name_bad(".hidden", "name starts with '.'");
	expect_name_bad("a b", "name contains a space (byte 0x20 at offset 1)" ONLY);
	expect_name_bad("ab\t", "name contains a control character (byte 0x09 at offset 2)" ONLY);
	expect_name_bad("\x01", "name contains a control character (byte 0x01 at offset 0)" ONLY);
	expect_name_bad("a\x7f", "name contains a control character (byte 0x7f at offset 1)" ONLY);
	expect_name_bad("vm/ram", "name contains a slash (byte 0x2f at offset 2)" ONLY);
	expect_name_bad("\xc3\xa9t\xc3\xa9", "name contains a non-ASCII byte (byte 0xc3 at offset 0)" ONLY);
	expect_name_bad("a$b", "name contains a character names cannot have (byte 0x24 at offset 1)" ONLY);
	expect_name_bad("`x`", "name contains a character names cannot have (byte 0x60 at offset 0)" ONLY);

	/* Every byte the rule does not allow, in the middle of a name */
	for (c = 1; c <= 0xff; c++) {
		char why[PE_MSG_LEN];

		if (spec_char_ok(c))
			continue;
		snprintf(name, sizeof(name), "a%cb", c);
		assert_int_equal(pe_name_check(name, why, sizeof(why)), -EINVAL);
	}
}

/* ---- error messages ---- */

static void test_error_messages(void **state)
{
	static const struct {
		int err;
		const char *want;
	} cases[] = {
		{ EINVAL, "invalid request: bad name or size, or persistctl does not match the kernel (EINVAL)" },
		{ EEXIST, "a range with that name exists (EEXIST)" },
		{ ENOENT, "no range with that name (ENOENT)" },
		{ ENOSPC, "the registry is full: it holds at most 2048 ranges (ENOSPC)" },
		{ ENOMEM, "not enough contiguous free memory for that size (ENOMEM)" },
		{ EOVERFLOW, "size too large (EOVERFLOW)" },
		{ EBUSY, "the range is open or mapped (EBUSY)" },
		{ E2BIG, "the memory map handed to the next kernel would be longer than it keeps: release or coalesce ranges (E2BIG)" },
		{ EPERM, "needs CAP_SYS_ADMIN (run as root) (EPERM)" },
		{ EACCES, "needs CAP_SYS_ADMIN (run as root) (EACCES)" },
		{ ENOTTY, "not a persist_e820 device, or a kernel that does not match persistctl (ENOTTY)" },
		{ EIO, "Input/output error (EIO)" },
		{ EFAULT, "Bad address (EFAULT)" },
		{ 4095, "Unknown error 4095 (errno 4095)" },
	};
	char buf[PE_MSG_LEN];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		assert_string_equal(pe_error_message(cases[i].err, buf,
						     sizeof(buf)),
				    cases[i].want);
}

static void test_error_message_truncates(void **state)
{
	char buf[8];

	(void)state;
	assert_string_equal(pe_error_message(EEXIST, buf, sizeof(buf)),
			    "a range");
}

static void test_open_error_messages(void **state)
{
	static const struct {
		int err;
		const char *want;
	} cases[] = {
		{ ENOENT, "no such device: is the kernel built with CONFIG_PERSIST_E820?" },
		{ ENODEV, "no such device: is the kernel built with CONFIG_PERSIST_E820?" },
		{ ENXIO, "no such device: is the kernel built with CONFIG_PERSIST_E820?" },
		{ EACCES, "permission denied: needs CAP_SYS_ADMIN (run as root)" },
		{ EPERM, "permission denied: needs CAP_SYS_ADMIN (run as root)" },
		{ EISDIR, "Is a directory" },
		{ EMFILE, "Too many open files" },
	};
	char buf[PE_MSG_LEN];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		assert_string_equal(pe_open_error_message(cases[i].err, buf,
							  sizeof(buf)),
				    cases[i].want);
}

static void test_errno_names(void **state)
{
	(void)state;
	assert_string_equal(pe_errno_name(EEXIST), "EEXIST");
	assert_string_equal(pe_errno_name(EOVERFLOW), "EOVERFLOW");
	assert_string_equal(pe_errno_name(ENOTTY), "ENOTTY");
	assert_null(pe_errno_name(0));
	assert_null(pe_errno_name(4095));
	assert_null(pe_errno_name(-EEXIST));
}

static void test_origin(void **state)
{
	(void)state;
	assert_string_equal(pe_origin(A), "allocated");
	assert_string_equal(pe_origin(A | PERSIST_E820_F_KERNEL), "allocated");
	assert_string_equal(pe_origin(I), "inherited");
	assert_string_equal(pe_origin(I | PERSIST_E820_F_KERNEL), "inherited");
	assert_string_equal(pe_origin(I | PERSIST_E820_F_UNNAMED), "unnamed");
	assert_string_equal(pe_origin(PERSIST_E820_F_KERNEL), "registered");
	assert_string_equal(pe_origin(0), "registered");
	assert_string_equal(pe_origin(A | 0x100), "allocated");
}

static void test_device_path(void **state)
{
	(void)state;
	assert_int_equal(unsetenv(PE_DEVICE_ENV), 0);
	assert_string_equal(pe_device_path(), "/dev/persist_e820");
	assert_int_equal(setenv(PE_DEVICE_ENV, "", 1), 0);
	assert_string_equal(pe_device_path(), "/dev/persist_e820");
	assert_int_equal(setenv(PE_DEVICE_ENV, "/tmp/fake", 1), 0);
	assert_string_equal(pe_device_path(), "/tmp/fake");
	assert_int_equal(unsetenv(PE_DEVICE_ENV), 0);
}

/* ---- LIST retry loop against a fake driver ---- */

#define FAKE_CALLS	16

struct fake_driver {
	size_t counts[FAKE_CALLS];	/* ranges registered at call N */
	size_t nr_counts;		/* the last count repeats */
	bool grow_forever;		/* always one more than the room */
	int err;			/* returned instead, if non-zero */
	int calls;
	uint32_t rooms[FAKE_CALLS];	/* count passed in at call N */
};

static int fake_list(void *ctx, struct persist_e820_list *arg)
{
	struct fake_driver *drv = ctx;
	struct persist_e820_range *out;
	size_t i, actual;

	/* What pe_list_fetch() promises the kernel. */
	assert_int_equal(arg->size, sizeof(*arg));
	assert_int_equal(arg->flags, 0);
	assert_int_equal(arg->__pad, 0);
	assert_int_equal(arg->generation, 0);
	for (i = 0; i < ARRAY_SIZE(arg->__reserved); i++)
		assert_int_equal(arg->__reserved[i], 0);
	assert_true(arg->count > 0);
	assert_true(arg->ranges_ptr != 0);

	assert_true(drv->calls < FAKE_CALLS);
	drv->rooms[drv->calls] = arg->count;
	if (drv->err)
		return drv->err;

	if (drv->grow_forever)
		actual = (size_t)arg->count + 1;
	else
		actual = drv->counts[drv->calls < (int)drv->nr_counts ?
				    drv->calls : (int)drv->nr_counts - 1];
	out = (struct persist_e820_range *)(uintptr_t)arg->ranges_ptr;
	for (i = 0; i < actual && i < arg->count; i++) {
		/* The buffer comes zeroed. */
		assert_int_equal(out[i].start, 0);
		assert_int_equal(out[i].name[0], 0);
		out[i].start = (i + 1) << 12;
		out[i].length = 4096;
		out[i].flags = A;
		snprintf(out[i].name, sizeof(out[i].name), "r%zu", i);
		strcpy(out[i].owner, "user");
	}
	arg->count = (uint32_t)actual;
	arg->generation = 100 + drv->calls;
	drv->calls++;
	return 0;
}

static void check_fetched(const struct pe_ranges *rs, size_t nr)
{
	char name[PERSIST_E820_NAME_LEN];
	size_t i;

	assert_int_equal(rs->nr, nr);
	for (i = 0; i < nr; i++) {
		snprintf(name, sizeof(name), "r%zu", i);
		assert_string_equal(rs->ranges[i].name, name);
		assert_int_equal(rs->ranges[i].start, (i + 1) << 12);
	}
}

static void test_list_fits(void **state)
{
	struct fake_driver fd = { .counts = { 3 }, .nr_counts = 1 };
	struct pe_ranges rs;

	(void)state;
	assert_int_equal(pe_list_fetch(fake_list, &fd, &rs), 0);
	assert_int_equal(fd.calls, 1);
	assert_int_equal(fd.rooms[0], PE_LIST_GUESS);
	assert_int_equal(rs.generation, 100);
	check_fetched(&rs, 3);
	pe_ranges_free(&rs);
	assert_null(rs.ranges);
	assert_int_equal(rs.nr, 0);
}

static void test_list_empty(void **state)
{
	struct fake_driver fd = { .counts = { 0 }, .nr_counts = 1 };
	struct pe_ranges rs;

	(void)state;
	assert_int_equal(pe_list_fetch(fake_list, &fd, &rs), 0);
	assert_int_equal(fd.calls, 1);
	assert_int_equal(rs.nr, 0);
	pe_ranges_free(&rs);
}

static void test_list_exactly_the_guess(void **state)
{
	struct fake_driver fd = { .counts = { PE_LIST_GUESS }, .nr_counts = 1 };
	struct pe_ranges rs;

	(void)state;
	assert_int_equal(pe_list_fetch(fake_list, &fd, &rs), 0);
	assert_int_equal(fd.calls, 1);
	check_fetched(&rs, PE_LIST_GUESS);
	pe_ranges_free(&rs);
}

static void test_list_retries_with_room(void **state)
{
	struct fake_driver fd = { .counts = { 2048 }, .nr_counts = 1 };
	struct pe_ranges rs;

	(void)state;
	assert_int_equal(pe_list_fetch(fake_list, &fd, &rs), 0);
	assert_int_equal(fd.calls, 2);
	assert_true(fd.rooms[1] >= 2048);
	assert_int_equal(rs.generation, 101);
	check_fetched(&rs, 2048);
	pe_ranges_free(&rs);
}

/* Ranges added between the calls, more than the slack: a third call. */
static void test_list_grows_between_calls(void **state)
{
	struct fake_driver fd = { .counts = { 20, 60, 60 }, .nr_counts = 3 };
	struct pe_ranges rs;

	(void)state;
	assert_int_equal(pe_list_fetch(fake_list, &fd, &rs), 0);
	assert_int_equal(fd.calls, 3);
	assert_true(fd.rooms[1] >= 20 && fd.rooms[1] < 60);
	assert_true(fd.rooms[2] >= 60);
	assert_int_equal(rs.generation, 102);
	check_fetched(&rs, 60);
	pe_ranges_free(&rs);
}

/* A few ranges added in between fit in the slack: no third call. */
static void test_list_slack(void **state)
{
	struct fake_driver fd = { .counts = { 20, 22 }, .nr_counts = 2 };
	struct pe_ranges rs;

	(void)state;
	assert_int_equal(pe_list_fetch(fake_list, &fd, &rs), 0);
	assert_int_equal(fd.calls, 2);
	check_fetched(&rs, 22);
	pe_ranges_free(&rs);
}

static void test_list_shrinks_between_calls(void **state)
{
	struct fake_driver fd = { .counts = { 40, 5 }, .nr_counts = 2 };
	struct pe_ranges rs;

	(void)state;
	assert_int_equal(pe_list_fetch(fake_list, &fd, &rs), 0);
	assert_int_equal(fd.calls, 2);
	check_fetched(&rs, 5);
	pe_ranges_free(&rs);
}

static void test_list_gives_up(void **state)
{
	struct fake_driver fd = { .grow_forever = true };
	struct pe_ranges rs;

	(void)state;
	assert_int_equal(pe_list_fetch(fake_list, &fd, &rs), -EAGAIN);
	assert_int_equal(fd.calls, PE_LIST_ATTEMPTS);
	assert_null(rs.ranges);
	assert_int_equal(rs.nr, 0);
}

static void test_list_error(void **state)
{
	struct fake_driver fd = { .err = -EPERM };
	struct pe_ranges rs;

	(void)state;
	assert_int_equal(pe_list_fetch(fake_list, &fd, &rs), -EPERM);
	assert_null(rs.ranges);
	assert_int_equal(rs.nr, 0);
}

/* ---- the ioctls on something that is not the device ---- */

static void test_ioctls_on_dev_null(void **state)
{
	struct pe_ranges rs;
	uint64_t phys = 7;
	int fd;

	(void)state;
	fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(pe_alloc(fd, "x", 4096, &phys), -ENOTTY);
	assert_int_equal(phys, 7);
	assert_int_equal(pe_release(fd, "x"), -ENOTTY);
	assert_int_equal(pe_bind(fd, "x"), -ENOTTY);
	assert_int_equal(pe_list(fd, &rs), -ENOTTY);
	assert_null(rs.ranges);
	close(fd);
}

/* An over-long name never reaches the kernel (fd -1 would give EBADF). */
static void test_ioctls_check_name_length(void **state)
{
	static const char long_name[] = "01234567890123456789012345678901";
	uint64_t phys;

	(void)state;
	assert_int_equal(pe_alloc(-1, long_name, 4096, &phys), -EINVAL);
	assert_int_equal(pe_release(-1, long_name), -EINVAL);
	assert_int_equal(pe_bind(-1, long_name), -EINVAL);
	assert_int_equal(pe_release(-1, "ok"), -EBADF);
}

/* ---- sort, find, output ---- */

static const struct persist_e820_range sample[] = {
	{ .start = 0x100000000ULL, .length = 4ULL << 20, .flags = A,
	  .name = "guest-ram", .owner = "user" },
	{ .start = 0x7fe00000ULL, .length = 4096, .flags = I,
	  .name = "pstore-log", .owner = "pstore" },
	{ .start = 0x200000000ULL, .length = 2ULL << 30, .flags = A | I,
	  .name = "x", .owner = "kexec-handover12" },	/* owner fills 16 */
	{ .start = 0x300000000ULL, .length = 12288, .flags = 0,
	  .name = "q\"uote\\", .owner = "user" },
};

static const char sample_ranges_table[] =
	"NAME        START              END                SIZE  OWNER             ORIGIN\n"
	"guest-ram   0x0000000100000000 0x00000001003fffff   4M  user              allocated\n"
	"pstore-log  0x000000007fe00000 0x000000007fe00fff   4K  pstore            inherited\n"
	"x           0x0000000200000000 0x000000027fffffff   2G  kexec-handover12  inherited\n"
	"q\"uote\\     0x0000000300000000 0x0000000300002fff  12K  user              registered\n"
	"4 ranges, generation 42\n";

static const char sample_ranges_json[] =
	"{\n"
	"  \"generation\": 42,\n"
	"  \"ranges\": [\n"
	"    {\"name\": \"guest-ram\", \"start\": 4294967296, \"end\": 4299161599, \"size\": 4194304, \"owner\": \"user\", \"origin\": \"allocated\"},\n"
	"    {\"name\": \"pstore-log\", \"start\": 2145386496, \"end\": 2145390591, \"size\": 4096, \"owner\": \"pstore\", \"origin\": \"inherited\"},\n"
	"    {\"name\": \"x\", \"start\": 8589934592, \"end\": 10737418239, \"size\": 2147483648, \"owner\": \"kexec-handover12\", \"origin\": \"inherited\"},\n"
	"    {\"name\": \"q\\\"uote\\\\\", \"start\": 12884901888, \"end\": 12884914175, \"size\": 12288, \"owner\": \"user\", \"origin\": \"registered\"}\n"
	"  ]\n"
	"}\n";

static char *render(void (*print)(FILE *f, const struct pe_ranges *rs),
		    const struct persist_e820_range *ranges, size_t nr,
		    uint64_t generation)
{
	struct pe_ranges rs = {
		.ranges = (struct persist_e820_range *)ranges,
		.nr = nr,
		.generation = generation,
	};
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	f = open_memstream(&buf, &len);
	assert_non_null(f);
	print(f, &rs);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void check_render(void (*print)(FILE *f, const struct pe_ranges *rs),
			 const struct persist_e820_range *ranges, size_t nr,
			 uint64_t generation, const char *want)
{
	char *out = render(print, ranges, nr, generation);

	assert_string_equal(out, want);
	free(out);
}

static void test_table_sample(void **state)
{
	(void)state;
	check_render(pe_print_table, sample, ARRAY_SIZE(sample), 42,
		     sample_ranges_table);
}

static void test_json_sample(void **state)
{
	(void)state;
	check_render(pe_print_json, sample, ARRAY_SIZE(sample), 42,
		     sample_ranges_json);
}

static void test_table_empty(void **state)
{
	(void)state;
	check_render(pe_print_table, NULL, 0, 0,
		     "NAME  START              END                SIZE  OWNER  ORIGIN\n"
		     "0 ranges, generation 0\n");
}

static void test_json_empty(void **state)
{
	(void)state;
	check_render(pe_print_json, NULL, 0, 18446744073709551615ULL,
		     "{\n  \"generation\": 18446744073709551615,\n"
		     "  \"ranges\": []\n}\n");
}

static void test_table_one(void **state)
{
	(void)state;
	check_render(pe_print_table, &sample[1], 1, 1,
		     "NAME        START              END                SIZE  OWNER   ORIGIN\n"
		     "pstore-log  0x000000007fe00000 0x000000007fe00fff   4K  pstore  inherited\n"
		     "1 range, generation 1\n");
}

/*
 * What a broken kernel could hand back: fields without a NUL, bytes that
 * are not printable, a zero length.  Output stays bounded and printable.
 */
static void test_output_hostile_range(void **state)
{
	struct persist_e820_range r;
	char *out;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.start = 0x1000;
	memset(r.name, 'n', sizeof(r.name));
	memcpy(r.owner, "bad\x01\xff\"ownerXXXXXXXXXXX", sizeof(r.owner));
	r.flags = 0x100;

	out = render(pe_print_table, &r, 1, 3);
	assert_string_equal(out,
		"NAME                              START              END                SIZE  OWNER             ORIGIN\n"
		"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn  0x0000000000001000 0x0000000000001000    0  bad??\"ownerXXXXX  registered\n"
		"1 range, generation 3\n");
	free(out);

	out = render(pe_print_json, &r, 1, 3);
	assert_string_equal(out,
		"{\n  \"generation\": 3,\n  \"ranges\": [\n"
		"    {\"name\": \"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn\", \"start\": 4096, \"end\": 4096, \"size\": 0, "
		"\"owner\": \"bad??\\\"ownerXXXXX\", \"origin\": \"registered\"}\n  ]\n}\n");
	free(out);
}

static void test_range_str(void **state)
{
	char buf[8];

	(void)state;
	assert_string_equal(pe_range_str(buf, "abc\0def", 7), "abc");
	assert_string_equal(pe_range_str(buf, "abcdefg", 7), "abcdefg");
	assert_string_equal(pe_range_str(buf, "a b\t\x7f\x80", 6), "a b???");
	assert_string_equal(pe_range_str(buf, "", 0), "");
}

static void test_sort_and_find(void **state)
{
	struct persist_e820_range r[4];
	struct pe_ranges rs = { .ranges = r, .nr = ARRAY_SIZE(r) };

	(void)state;
	memset(r, 0, sizeof(r));
	r[0].start = 0x3000;
	strcpy(r[0].name, "c");
	r[1].start = 0x1000;
	strcpy(r[1].name, "b");
	r[2].start = 0x2000;
	strcpy(r[2].name, "z");
	r[3].start = 0x1000;
	strcpy(r[3].name, "a");

	pe_ranges_sort(&rs);
	assert_string_equal(r[0].name, "a");
	assert_string_equal(r[1].name, "b");
	assert_string_equal(r[2].name, "z");
	assert_string_equal(r[3].name, "c");

	assert_ptr_equal(pe_ranges_find(&rs, "z"), &r[2]);
	assert_ptr_equal(pe_ranges_find(&rs, "c"), &r[3]);
	assert_null(pe_ranges_find(&rs, "zz"));
	assert_null(pe_ranges_find(&rs, ""));
	assert_null(pe_ranges_find(&rs, "01234567890123456789012345678901x"));
}

/* Names that fill all 32 bytes (no NUL) only match themselves. */
static void test_find_full_name(void **state)
{
	struct persist_e820_range r;
	struct pe_ranges rs = { .ranges = &r, .nr = 1 };

	(void)state;
	memset(&r, 0, sizeof(r));
	memset(r.name, 'n', sizeof(r.name));
	assert_null(pe_ranges_find(&rs, "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"));
	r.name[PE_NAME_MAX] = '\0';
	assert_ptr_equal(pe_ranges_find(&rs, "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"),
			 &r);
}

/* ---- copies for write and read ---- */

/* A pipe holding @len bytes of @data, write end closed: the read end. */
static int pipe_with(const void *data, size_t len)
{
	int p[2];

	assert_true(len <= 65536);	/* fits a default pipe */
	assert_int_equal(pipe(p), 0);
	if (len)
		assert_int_equal(write(p[1], data, len), (ssize_t)len);
	close(p[1]);
	return p[0];
}

static void test_copy_in_short(void **state)
{
	struct pe_copy_result res;
	char dst[16];
	int fd;

	(void)state;
	memset(dst, 'x', sizeof(dst));
	fd = pipe_with("hello", 5);
	assert_int_equal(pe_copy_in(fd, dst, sizeof(dst), &res), 0);
	close(fd);
	assert_int_equal(res.copied, 5);
	assert_false(res.too_long);
	/* The rest of the range is left as it was. */
	assert_memory_equal(dst, "helloxxxxxxxxxxx", 16);
}

static void test_copy_in_exact(void **state)
{
	struct pe_copy_result res;
	char dst[16];
	int fd;

	(void)state;
	fd = pipe_with("0123456789abcdef", 16);
	assert_int_equal(pe_copy_in(fd, dst, sizeof(dst), &res), 0);
	close(fd);
	assert_int_equal(res.copied, 16);
	assert_false(res.too_long);
	assert_memory_equal(dst, "0123456789abcdef", 16);
}

static void test_copy_in_too_long(void **state)
{
	struct pe_copy_result res;
	char dst[17];
	int fd;

	(void)state;
	dst[16] = '!';
	fd = pipe_with("0123456789abcdefg", 17);
	assert_int_equal(pe_copy_in(fd, dst, 16, &res), 0);
	close(fd);
	assert_int_equal(res.copied, 16);
	assert_true(res.too_long);
	assert_memory_equal(dst, "0123456789abcdef!", 17);
}

static void test_copy_in_empty(void **state)
{
	struct pe_copy_result res;
	char dst[4] = "abc";
	int fd;

	(void)state;
	fd = pipe_with(NULL, 0);
	assert_int_equal(pe_copy_in(fd, dst, sizeof(dst), &res), 0);
	close(fd);
	assert_int_equal(res.copied, 0);
	assert_false(res.too_long);
	assert_string_equal(dst, "abc");

	fd = pipe_with("z", 1);
	assert_int_equal(pe_copy_in(fd, NULL, 0, &res), 0);
	close(fd);
	assert_int_equal(res.copied, 0);
	assert_true(res.too_long);
}

static void test_copy_in_read_error(void **state)
{
	struct pe_copy_result res;
	char dst[4];
	int fd;

	fd = open(*state, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(pe_copy_in(fd, dst, sizeof(dst), &res), -EISDIR);
	close(fd);
	assert_int_equal(res.copied, 0);
	assert_false(res.too_long);
}

/* More than one bounce buffer's worth, from a file and back to one. */
#define BIG_LEN		(3 * PE_COPY_CHUNK + 5)
#define BIG_RANGE	(4 * PE_COPY_CHUNK)

static void test_copy_big_round_trip(void **state)
{
	char path[PATH_MAX], *data, *range, *back;
	struct pe_copy_result res;
	struct stat st;
	size_t i;
	int fd;

	data = malloc(BIG_LEN);
	range = malloc(BIG_RANGE);
	assert_non_null(data);
	assert_non_null(range);
	for (i = 0; i < BIG_LEN; i++)
		data[i] = (char)(i * 7 + i / 4096);
	memset(range, 0xee, BIG_RANGE);
	put_file(*state, "in", data, BIG_LEN);

	fd = open(path_join(path, *state, "in"), O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(pe_input_size(fd), BIG_LEN);
	assert_int_equal(pe_copy_in(fd, range, BIG_RANGE, &res), 0);
	close(fd);
	assert_int_equal(res.copied, BIG_LEN);
	assert_false(res.too_long);
	assert_memory_equal(range, data, BIG_LEN);
	for (i = BIG_LEN; i < BIG_RANGE; i++)
		assert_int_equal((unsigned char)range[i], 0xee);

	fd = open(path_join(path, *state, "out"),
		  O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(pe_copy_out(fd, range, BIG_RANGE), 0);
	close(fd);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, BIG_RANGE);
	back = slurp(path);
	assert_memory_equal(back, range, BIG_RANGE);
	free(back);
	free(data);
	free(range);
}

static void test_copy_out_errors(void **state)
{
	char buf[64] = "data";
	int fd;

	(void)state;
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(pe_copy_out(fd, buf, sizeof(buf)), -EBADF);
	close(fd);

	if (access("/dev/full", W_OK))
		return;
	fd = open("/dev/full", O_WRONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(pe_copy_out(fd, buf, sizeof(buf)), -ENOSPC);
	assert_int_equal(pe_copy_out(fd, buf, 0), 0);
	close(fd);
}

static void test_input_size(void **state)
{
	char path[PATH_MAX], data[100];
	int fd, p[2];

	memset(data, 'd', sizeof(data));
	put_file(*state, "f", data, sizeof(data));
	fd = open(path_join(path, *state, "f"), O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(pe_input_size(fd), 100);
	assert_int_equal(lseek(fd, 30, SEEK_SET), 30);
	assert_int_equal(pe_input_size(fd), 70);
	assert_int_equal(lseek(fd, 200, SEEK_SET), 200);
	assert_int_equal(pe_input_size(fd), 0);
	close(fd);

	assert_int_equal(pipe(p), 0);
	assert_int_equal(pe_input_size(p[0]), -ESPIPE);
	close(p[0]);
	close(p[1]);

	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(pe_input_size(fd), -ESPIPE);
	close(fd);

	assert_int_equal(pe_input_size(-1), -EBADF);
}

#define TMP_TEST(fn) \
	cmocka_unit_test_setup_teardown(fn, tmpdir_setup, tmpdir_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_valid),
		cmocka_unit_test(test_name_invalid),
		cmocka_unit_test(test_error_messages),
		cmocka_unit_test(test_error_message_truncates),
		cmocka_unit_test(test_open_error_messages),
		cmocka_unit_test(test_errno_names),
		cmocka_unit_test(test_origin),
		cmocka_unit_test(test_device_path),
		cmocka_unit_test(test_list_fits),
		cmocka_unit_test(test_list_empty),
		cmocka_unit_test(test_list_exactly_the_guess),
		cmocka_unit_test(test_list_retries_with_room),
		cmocka_unit_test(test_list_grows_between_calls),
		cmocka_unit_test(test_list_slack),
		cmocka_unit_test(test_list_shrinks_between_calls),
		cmocka_unit_test(test_list_gives_up),
		cmocka_unit_test(test_list_error),
		cmocka_unit_test(test_ioctls_on_dev_null),
		cmocka_unit_test(test_ioctls_check_name_length),
		cmocka_unit_test(test_table_sample),
		cmocka_unit_test(test_json_sample),
		cmocka_unit_test(test_table_empty),
		cmocka_unit_test(test_json_empty),
		cmocka_unit_test(test_table_one),
		cmocka_unit_test(test_output_hostile_range),
		cmocka_unit_test(test_range_str),
		cmocka_unit_test(test_sort_and_find),
		cmocka_unit_test(test_find_full_name),
		cmocka_unit_test(test_copy_in_short),
		cmocka_unit_test(test_copy_in_exact),
		cmocka_unit_test(test_copy_in_too_long),
		cmocka_unit_test(test_copy_in_empty),
		TMP_TEST(test_copy_in_read_error),
		TMP_TEST(test_copy_big_round_trip),
		cmocka_unit_test(test_copy_out_errors),
		TMP_TEST(test_input_size),
	};

	return cmocka_run_group_tests_name("persist", tests, NULL, NULL);
}
