// SPDX-License-Identifier: GPL-2.0
/*
 * End-to-end tests: run the built static persistctl binary (PERSISTCTL_BIN,
 * set by the Makefile) on fake memmap trees and check exit status, stdout
 * and stderr.  The driver commands are run against device paths that are
 * not the driver (missing, /dev/null): their argument checking and error
 * reporting; what they do with the real driver is tested in the VM.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"
#include "util.h"

#ifndef PERSISTCTL_BIN
#error "PERSISTCTL_BIN must name the persistctl binary under test"
#endif

#define MAX_ARGS	8
#define USAGE		"usage: persistctl [--help] COMMAND [ARGS]\n"
#define NO_DEVICE_MSG	"no such device: is the kernel built with CONFIG_PERSIST_E820?"

/*
 * PERSISTCTL_DEVICE for the commands run() starts: a path that does not
 * exist unless a test says otherwise, so that no test can reach a real
 * /dev/persist_e820 of the machine running the tests.
 */
static const char *device_env;

struct run {
	int status;		/* exit status, or 128 + signal */
	char *out;
	char *err;
};

/* Child side of run(): redirect, set the environment, exec. */
static _Noreturn void child(const char *memmap_dir, const char *out,
			    const char *err, char **argv)
{
	int ofd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int efd = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (ofd < 0 || efd < 0 || dup2(ofd, 1) < 0 || dup2(efd, 2) < 0)
		_exit(126);
	if (memmap_dir)
		setenv("PERSISTCTL_MEMMAP_DIR", memmap_dir, 1);
	else
		unsetenv("PERSISTCTL_MEMMAP_DIR");
	if (device_env)
		setenv("PERSISTCTL_DEVICE", device_env, 1);
	else
		unsetenv("PERSISTCTL_DEVICE");
	execv(argv[0], argv);
	_exit(127);
}

/*
 * Run persistctl with the NULL-terminated arguments after @stdout_path,
 * PERSISTCTL_MEMMAP_DIR=@memmap_dir (unset if NULL), stdout to
 * @stdout_path (NULL: a file in @tmp, captured in r->out).
 */
static void run(struct run *r, const char *tmp, const char *memmap_dir,
		const char *stdout_path, ...)
{
	char out[PATH_MAX], err[PATH_MAX];
	char *argv[MAX_ARGS + 2];
	int n = 0, wstatus;
	va_list ap;
	pid_t pid;

	argv[n++] = PERSISTCTL_BIN;
	va_start(ap, stdout_path);
	while ((argv[n] = va_arg(ap, char *)))
		assert_true(++n <= MAX_ARGS);
	va_end(ap);

	path_join(err, tmp, "stderr");
	if (!stdout_path)
		stdout_path = path_join(out, tmp, "stdout");

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid)
		child(memmap_dir, stdout_path, err, argv);

	assert_int_equal(waitpid(pid, &wstatus, 0), pid);
	r->status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus)
				       : 128 + WTERMSIG(wstatus);
	r->out = slurp(stdout_path == out ? out : "/dev/null");
	r->err = slurp(err);
}

static void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

/* A fake memmap tree at @tmp/memmap, named in @dir. */
static char *sample_dir(const char *tmp, char *dir)
{
	put_dir(tmp, "memmap");
	path_join(dir, tmp, "memmap");
	put_sample_tree(dir);
	return dir;
}

static void test_map_json(void **state)
{
	char dir[PATH_MAX];
	struct run r;

	run(&r, *state, sample_dir(*state, dir), NULL, "map", "--json", NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, sample_json);
	assert_string_equal(r.err, "");
	run_free(&r);
}

static void test_map_table(void **state)
{
	char dir[PATH_MAX];
	struct run r;

	run(&r, *state, sample_dir(*state, dir), NULL, "map", NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, sample_table);
	assert_string_equal(r.err, "");
	run_free(&r);
}

/* Each of these is a usage error: usage on stderr, nothing on stdout. */
static void test_usage_errors(void **state)
{
	static const char *const cases[][3] = {
		{ NULL },
		{ "--help" },
		{ "-h" },
		{ "help" },
		{ "frobnicate" },
		{ "--json" },
		{ "map", "--bogus" },
		{ "map", "-x" },
		{ "map", "extra" },
		{ "map", "--json", "extra" },
	};
	char dir[PATH_MAX];
	struct run r;
	size_t i;

	sample_dir(*state, dir);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		run(&r, *state, dir, NULL, cases[i][0], cases[i][1],
		    cases[i][2], NULL);
		if (r.status != 2 || *r.out || !strstr(r.err, USAGE))
			fail_msg("case %zu: status %d, stdout \"%s\", stderr \"%s\"",
				 i, r.status, r.out, r.err);
		run_free(&r);
	}
}

static void test_help_mentions_env(void **state)
{
	struct run r;

	run(&r, *state, NULL, NULL, "--help", NULL);
	assert_non_null(strstr(r.err, "PERSISTCTL_MEMMAP_DIR"));
	assert_non_null(strstr(r.err, "PERSISTCTL_DEVICE"));
	assert_non_null(strstr(r.err, "/dev/persist_e820"));
	assert_non_null(strstr(r.err, "map [--json]"));
	run_free(&r);
}

/* --help lists every command, each with a one-line description. */
static void test_help_lists_commands(void **state)
{
	static const char *const synopses[] = {
		"  map [--json]           print the firmware memory map\n",
		"  alloc NAME SIZE        allocate ",
		"  list [--json]          list the persisted ranges\n",
		"  release NAME           release range NAME",
		"  write NAME < FILE      copy stdin to the start of range NAME\n",
		"  read NAME > FILE       copy all of range NAME to stdout\n",
		"  help                   show this help\n",
	};
	const char *line, *end;
	struct run r;
	size_t i;

	run(&r, *state, NULL, NULL, "--help", NULL);
	assert_int_equal(r.status, 2);
	for (i = 0; i < ARRAY_SIZE(synopses); i++) {
		line = strstr(r.err, synopses[i]);
		if (!line)
			fail_msg("--help lacks \"%s\"", synopses[i]);
		end = strchr(line, '\n');
		assert_non_null(end);
		assert_true(end - line <= 79);
	}
	/* What write does with short and long input is documented. */
	assert_non_null(strstr(r.err, "shorter input leaves the rest of the range as it was"));
	run_free(&r);
}

/*
 * Usage errors of the driver commands: exit 2, the reason and the usage
 * on stderr, nothing on stdout, and the device is never opened (it does
 * not exist: opening it would be exit 1).
 */
static void test_device_usage_errors(void **state)
{
	static const struct {
		const char *argv[4];
		const char *msg;
	} cases[] = {
		{ { "alloc" }, "alloc: missing NAME" },
		{ { "alloc", "a" }, "alloc: missing SIZE" },
		{ { "alloc", "a", "4K", "x" }, "alloc: unexpected argument 'x'" },
		{ { "alloc", "-x", "4K" }, "alloc: invalid option '-x'" },
		{ { "alloc", "--json", "a", "4K" }, "alloc: invalid option '--json'" },
		{ { "alloc", "", "4K" }, "alloc: invalid name: name is empty" },
		{ { "alloc", "a b", "4K" }, "alloc: invalid name: name contains a space (byte 0x20 at offset 1)" },
		{ { "alloc", "a\tb", "4K" }, "alloc: invalid name: name contains a control character (byte 0x09 at offset 1)" },
		{ { "alloc", "a\x7f", "4K" }, "alloc: invalid name: name contains a control character (byte 0x7f at offset 1)" },
		{ { "alloc", "caf\xc3\xa9", "4K" }, "alloc: invalid name: name contains a non-ASCII byte (byte 0xc3 at offset 3)" },
		{ { "alloc", ".", "4K" }, "alloc: invalid name: name starts with '.'" },
		{ { "alloc", "..", "4K" }, "alloc: invalid name: name starts with '.'" },
		{ { "alloc", ".hidden", "4K" }, "alloc: invalid name: name starts with '.'" },
		{ { "alloc", "a/b", "4K" }, "alloc: invalid name: name contains a slash (byte 0x2f at offset 1)" },
		{ { "alloc", "a;b", "4K" }, "alloc: invalid name: name contains a character names cannot have (byte 0x3b at offset 1)" },
		{ { "alloc", "$(id)", "4K" }, "alloc: invalid name: name contains a character names cannot have (byte 0x24 at offset 0)" },
		{ { "alloc", "a*", "4K" }, "alloc: invalid name: name contains a character names cannot have (byte 0x2a at offset 1)" },
		{ { "alloc", "01234567890123456789012345678901", "4K" },
		  "alloc: invalid name: name is 32 characters long, at most 31 are allowed" },
		{ { "alloc", "a", "0" }, "alloc: invalid size '0'" },
		{ { "alloc", "a", "0K" }, "alloc: invalid size '0K'" },
		{ { "alloc", "a", "" }, "alloc: invalid size ''" },
		{ { "alloc", "a", "4X" }, "alloc: invalid size '4X'" },
		{ { "alloc", "a", "4KB" }, "alloc: invalid size '4KB'" },
		{ { "alloc", "a", "-4096" }, "alloc: invalid size '-4096'" },
		{ { "alloc", "a", "1" }, "alloc: size '1' is not a multiple of the page size" },
		{ { "alloc", "a", "4097" }, "alloc: size '4097' is not a multiple of the page size" },
		{ { "alloc", "a", "99999999999999999999" }, "alloc: size '99999999999999999999' does not fit in 64 bits" },
		{ { "alloc", "a", "17179869184G" }, "alloc: size '17179869184G' does not fit in 64 bits" },
		{ { "list", "extra" }, "list: unexpected argument 'extra'" },
		{ { "list", "--bogus" }, "list: invalid option '--bogus'" },
		{ { "list", "-j" }, "list: invalid option '-j'" },
		{ { "release" }, "release: missing NAME" },
		{ { "release", "a", "b" }, "release: unexpected argument 'b'" },
		{ { "release", "-a" }, "release: invalid option '-a'" },
		{ { "release", "" }, "release: invalid name: name is empty" },
		{ { "release", "a b" }, "release: invalid name: name contains a space" },
		{ { "write" }, "write: missing NAME" },
		{ { "write", "a", "b" }, "write: unexpected argument 'b'" },
		{ { "write", "--json", "a" }, "write: invalid option '--json'" },
		{ { "write", "\x01" }, "write: invalid name: name contains a control character" },
		{ { "read" }, "read: missing NAME" },
		{ { "read", "a", "b" }, "read: unexpected argument 'b'" },
		{ { "read", "01234567890123456789012345678901" }, "read: invalid name: name is 32 characters long" },
	};
	char dev[PATH_MAX], want[256];
	struct run r;
	size_t i;

	device_env = path_join(dev, *state, "persist_e820");
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		run(&r, *state, NULL, NULL, cases[i].argv[0], cases[i].argv[1],
		    cases[i].argv[2], cases[i].argv[3], NULL);
		snprintf(want, sizeof(want), "persistctl: %s", cases[i].msg);
		if (r.status != 2 || *r.out || strncmp(r.err, want, strlen(want)) ||
		    !strstr(r.err, USAGE))
			fail_msg("case %zu: status %d, stdout \"%s\", stderr \"%s\"",
				 i, r.status, r.out, r.err);
		run_free(&r);
	}
	device_env = NULL;
}

/* "--" lets a name start with '-': it then reaches the (missing) device. */
static void test_dash_name_after_double_dash(void **state)
{
	char dev[PATH_MAX], want[PATH_MAX + 128];
	struct run r;

	device_env = path_join(dev, *state, "persist_e820");
	run(&r, *state, NULL, NULL, "release", "--", "-a", NULL);
	snprintf(want, sizeof(want), "persistctl: %s: " NO_DEVICE_MSG "\n", dev);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, want);
	run_free(&r);
	device_env = NULL;
}

/*
 * Every driver command with PERSISTCTL_DEVICE naming a missing node: exit
 * 1, one line saying the kernel may lack the driver, nothing on stdout.
 */
static void test_missing_device(void **state)
{
	static const char *const cases[][3] = {
		{ "list" },
		{ "list", "--json" },
		{ "alloc", "guest-ram", "4M" },
		{ "release", "guest-ram" },
		{ "write", "guest-ram" },
		{ "read", "guest-ram" },
	};
	char dev[PATH_MAX], want[PATH_MAX + 128];
	struct run r;
	size_t i;

	device_env = path_join(dev, *state, "no-such-device");
	snprintf(want, sizeof(want), "persistctl: %s: " NO_DEVICE_MSG "\n", dev);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		run(&r, *state, NULL, NULL, cases[i][0], cases[i][1],
		    cases[i][2], NULL);
		if (r.status != 1 || *r.out || strcmp(r.err, want))
			fail_msg("case %zu: status %d, stdout \"%s\", stderr \"%s\"",
				 i, r.status, r.out, r.err);
		run_free(&r);
	}
	device_env = NULL;
}

/* An empty PERSISTCTL_DEVICE means the default, like an unset one. */
static void test_empty_device_env_is_default(void **state)
{
	struct run unset, empty;

	device_env = NULL;
	run(&unset, *state, NULL, NULL, "list", NULL);
	device_env = "";
	run(&empty, *state, NULL, NULL, "list", NULL);
	device_env = NULL;
	assert_int_equal(empty.status, unset.status);
	assert_string_equal(empty.out, unset.out);
	assert_string_equal(empty.err, unset.err);
	if (access("/dev/persist_e820", F_OK)) {
		assert_int_equal(unset.status, 1);
		assert_string_equal(unset.err,
				    "persistctl: /dev/persist_e820: " NO_DEVICE_MSG "\n");
	}
	run_free(&unset);
	run_free(&empty);
}

/*
 * Something that opens but is not the driver: each ioctl fails with
 * ENOTTY, reported as "<command> <name>: <meaning> (ENOTTY)".
 */
static void test_not_the_driver(void **state)
{
	static const struct {
		const char *argv[3];
		const char *what;
	} cases[] = {
		{ { "list" }, "list" },
		{ { "list", "--json" }, "list" },
		{ { "alloc", "guest-ram", "8K" }, "alloc guest-ram" },
		{ { "release", "guest-ram" }, "release guest-ram" },
		{ { "write", "guest-ram" }, "write guest-ram" },
		{ { "read", "guest-ram" }, "read guest-ram" },
	};
	char want[256];
	struct run r;
	size_t i;

	device_env = "/dev/null";
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		run(&r, *state, NULL, NULL, cases[i].argv[0], cases[i].argv[1],
		    cases[i].argv[2], NULL);
		snprintf(want, sizeof(want),
			 "persistctl: %s: not a persist_e820 device, or a kernel that does not match persistctl (ENOTTY)\n",
			 cases[i].what);
		if (r.status != 1 || *r.out || strcmp(r.err, want))
			fail_msg("case %zu: status %d, stdout \"%s\", stderr \"%s\"",
				 i, r.status, r.out, r.err);
		run_free(&r);
	}
	device_env = NULL;
}

static void test_unknown_command_named(void **state)
{
	struct run r;

	run(&r, *state, NULL, NULL, "frobnicate", NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err,
			       "persistctl: unknown command 'frobnicate'\n"));
	run_free(&r);
}

/* Runtime errors: "persistctl: <what>: <strerror>", exit 1, no stdout. */
static void expect_failure(const char *tmp, const char *dir,
			   const char *stdout_path, const char *want_err)
{
	struct run r;

	run(&r, tmp, dir, stdout_path, "map", "--json", NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, want_err);
	run_free(&r);
}

static void test_missing_dir(void **state)
{
	char dir[PATH_MAX], want[PATH_MAX + 64];

	path_join(dir, *state, "nope");
	snprintf(want, sizeof(want),
		 "persistctl: %s: No such file or directory\n", dir);
	expect_failure(*state, dir, NULL, want);
}

static void test_malformed_tree(void **state)
{
	char dir[PATH_MAX], entry[PATH_MAX], want[PATH_MAX + 128];

	sample_dir(*state, dir);
	put_str(path_join(entry, dir, "3"), "end", "0xbfffffffq\n");
	snprintf(want, sizeof(want),
		 "persistctl: %s/3/end: not a 0x-prefixed hex number: Invalid argument\n",
		 dir);
	expect_failure(*state, dir, NULL, want);
}

static void test_write_error(void **state)
{
	char dir[PATH_MAX];

	if (access("/dev/full", W_OK))
		skip();
	expect_failure(*state, sample_dir(*state, dir), "/dev/full",
		       "persistctl: writing output: No space left on device\n");
}

/* An empty PERSISTCTL_MEMMAP_DIR means the default, like an unset one. */
static void test_empty_env_is_default(void **state)
{
	struct run unset, empty;

	run(&unset, *state, NULL, NULL, "map", "--json", NULL);
	run(&empty, *state, "", NULL, "map", "--json", NULL);
	assert_int_equal(empty.status, unset.status);
	assert_string_equal(empty.out, unset.out);
	assert_string_equal(empty.err, unset.err);
	run_free(&unset);
	run_free(&empty);
}

#define TMP_TEST(fn) \
	cmocka_unit_test_setup_teardown(fn, tmpdir_setup, tmpdir_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TMP_TEST(test_map_json),
		TMP_TEST(test_map_table),
		TMP_TEST(test_usage_errors),
		TMP_TEST(test_help_mentions_env),
		TMP_TEST(test_help_lists_commands),
		TMP_TEST(test_device_usage_errors),
		TMP_TEST(test_dash_name_after_double_dash),
		TMP_TEST(test_missing_device),
		TMP_TEST(test_empty_device_env_is_default),
		TMP_TEST(test_not_the_driver),
		TMP_TEST(test_unknown_command_named),
		TMP_TEST(test_missing_dir),
		TMP_TEST(test_malformed_tree),
		TMP_TEST(test_write_error),
		TMP_TEST(test_empty_env_is_default),
	};

	return cmocka_run_group_tests_name("persistctl", tests, NULL, NULL);
}
