// SPDX-License-Identifier: GPL-2.0
/*
 * End-to-end tests: run the built static persistctl binary (PERSISTCTL_BIN,
 * set by the Makefile) on fake memmap trees and check exit status, stdout
 * and stderr.
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
	assert_non_null(strstr(r.err, "map [--json]"));
	run_free(&r);
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
		TMP_TEST(test_unknown_command_named),
		TMP_TEST(test_missing_dir),
		TMP_TEST(test_malformed_tree),
		TMP_TEST(test_write_error),
		TMP_TEST(test_empty_env_is_default),
	};

	return cmocka_run_group_tests_name("persistctl", tests, NULL, NULL);
}
