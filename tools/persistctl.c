// SPDX-License-Identifier: GPL-2.0
/*
 * persistctl - user-space control tool for persist-e820.
 *
 * Commands live in the commands[] table: to add one, write a
 * "static int cmd_NAME(int argc, char **argv)" that gets the arguments
 * from its own name on and returns an exit status, and add a table entry.
 *
 * Exit status: 0 success, 1 runtime error, 2 usage error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memmap.h"
#include "util.h"

#define PROG			"persistctl"
#define EXIT_USAGE		2
#define MEMMAP_DIR_ENV		"PERSISTCTL_MEMMAP_DIR"

struct command {
	const char *name;
	const char *args;
	const char *help;
	int (*run)(int argc, char **argv);
};

static int cmd_map(int argc, char **argv);
static int cmd_help(int argc, char **argv);

static const struct command commands[] = {
	{ "map", "[--json]", "print the firmware memory map", cmd_map },
	{ "help", "", "show this help", cmd_help },
};

static int print_usage(void)
{
	const struct command *cmd;
	char synopsis[64];

	fprintf(stderr, "usage: " PROG " [--help] COMMAND [ARGS]\n\ncommands:\n");
	for (cmd = commands; cmd < commands + ARRAY_SIZE(commands); cmd++) {
		snprintf(synopsis, sizeof(synopsis), "%s %s", cmd->name,
			 cmd->args);
		fprintf(stderr, "  %-22s %s\n", synopsis, cmd->help);
	}
	fprintf(stderr,
		"\nenvironment:\n"
		"  " MEMMAP_DIR_ENV "  if set and non-empty, read the memory map from\n"
		"  %*s  this directory instead of " MEMMAP_DEFAULT_DIR "\n"
		"\nexit status: 0 success, 1 runtime error, 2 usage error\n",
		(int)strlen(MEMMAP_DIR_ENV), "");
	return EXIT_USAGE;
}

static int __printf(1, 2) usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs(PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return print_usage();
}

/* Report a runtime error as "persistctl: <what>: <strerror(err)>". */
static int __printf(2, 3) fail(int err, const char *fmt, ...)
{
	va_list ap;

	fputs(PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", strerror(err));
	return EXIT_FAILURE;
}

static int finish_output(void)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return EXIT_SUCCESS;
	return fail(errno ? errno : EIO, "writing output");
}

static const char *memmap_dir(void)
{
	const char *dir = getenv(MEMMAP_DIR_ENV);

	return dir && *dir ? dir : MEMMAP_DEFAULT_DIR;
}

/* Usage error for the option getopt_long() just rejected in @argv. */
static int bad_option(const char *cmd, char **argv)
{
	if (optopt)
		return usage_error("%s: invalid option '-%c'", cmd, optopt);
	return usage_error("%s: invalid option '%s'", cmd, argv[optind - 1]);
}

static int show_map(bool json)
{
	const char *dir = memmap_dir();
	struct memmap map;
	int ret;

	ret = memmap_read(dir, &map);
	if (ret)
		return fail(-ret, "%s", map.err);

	if (json)
		ret = memmap_print_json(stdout, &map);
	else
		ret = memmap_print_table(stdout, &map);
	memmap_free(&map);
	if (ret)
		return fail(-ret, "%s: summing entry sizes", dir);

	return finish_output();
}

static int cmd_map(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ }
	};
	bool json = false;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		if (c != 'j')
			return bad_option(argv[0], argv);
		json = true;
	}
	if (optind < argc)
		return usage_error("%s: unexpected argument '%s'", argv[0],
				   argv[optind]);

	return show_map(json);
}

static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return print_usage();
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	}
	return NULL;
}

int main(int argc, char **argv)
{
	const struct command *cmd;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return print_usage();

	cmd = find_command(argv[1]);
	if (!cmd)
		return usage_error("unknown command '%s'", argv[1]);

	return cmd->run(argc - 1, argv + 1);
}
