// SPDX-License-Identifier: GPL-2.0
/*
 * persistctl - user-space control tool for persist-e820.
 *
 * "map" reads the firmware memory map from sysfs; the other commands talk
 * to the driver through /dev/persist_e820 (see <linux/persist_e820.h>).
 *
 * Commands live in the commands[] table: to add one, write a
 * "static int cmd_NAME(int argc, char **argv)" that gets the arguments
 * from its own name on and returns an exit status, and add a table entry.
 *
 * Exit status: 0 success, 1 runtime error, 2 usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "memmap.h"
#include "persist.h"
#include "util.h"

#define PROG			"persistctl"
#define EXIT_USAGE		2
#define MEMMAP_DIR_ENV		"PERSISTCTL_MEMMAP_DIR"
#define ENV_WIDTH		((int)strlen(MEMMAP_DIR_ENV))

struct command {
	const char *name;
	const char *args;
	const char *help;
	int (*run)(int argc, char **argv);
};

static int cmd_map(int argc, char **argv);
static int cmd_alloc(int argc, char **argv);
static int cmd_list(int argc, char **argv);
static int cmd_release(int argc, char **argv);
static int cmd_write(int argc, char **argv);
static int cmd_read(int argc, char **argv);
static int cmd_help(int argc, char **argv);

static const struct command commands[] = {
	{ "map", "[--json]", "print the firmware memory map", cmd_map },
	{ "alloc", "NAME SIZE", "allocate SIZE bytes (K/M/G) and persist them as NAME",
	  cmd_alloc },
	{ "list", "[--json]", "list the persisted ranges", cmd_list },
	{ "release", "NAME", "release range NAME: its memory goes back to Linux",
	  cmd_release },
	{ "write", "NAME < FILE", "copy stdin to the start of range NAME", cmd_write },
	{ "read", "NAME > FILE", "copy all of range NAME to stdout", cmd_read },
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
		"\nNAME: 1 to %d ASCII letters, digits and %s, not starting with '.'; put\n"
		"'--' before a NAME that starts with '-'.  SIZE: a multiple of the page size.\n"
		"write: shorter input leaves the rest of the range as it was; longer input\n"
		"is an error (exit 1) that writes nothing if stdin is a regular file, and\n"
		"otherwise leaves as much of the input in the range as fits.\n",
		PE_NAME_MAX, PERSIST_E820_NAME_PUNCT);
	fprintf(stderr,
		"\nenvironment:\n"
		"  %-*s  if set and non-empty, read the memory map from\n"
		"  %*s  this directory instead of " MEMMAP_DEFAULT_DIR "\n"
		"  %-*s  if set and non-empty, the device node to use\n"
		"  %*s  instead of " PE_DEFAULT_DEVICE "\n"
		"\nexit status: 0 success, 1 runtime error, 2 usage error\n",
		ENV_WIDTH, MEMMAP_DIR_ENV, ENV_WIDTH, "",
		ENV_WIDTH, PE_DEVICE_ENV, ENV_WIDTH, "");
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

/* Report a driver error as "persistctl: <what>: <meaning> (EXXX)". */
static int __printf(2, 3) kfail(int err, const char *fmt, ...)
{
	char msg[PE_MSG_LEN];
	va_list ap;

	fputs(PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", pe_error_message(err, msg, sizeof(msg)));
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

/*
 * Parse a command that takes no options and exactly the operands named in
 * the NULL-terminated @names.  Return: 0 with optind at the first operand,
 * or the usage error exit status.
 */
static int operands(int argc, char **argv, const char *const *names)
{
	static const struct option opts[] = { { } };
	int nr = 0;

	while (names[nr])
		nr++;
	opterr = 0;
	if (getopt_long(argc, argv, "+", opts, NULL) != -1)
		return bad_option(argv[0], argv);
	if (argc - optind < nr)
		return usage_error("%s: missing %s", argv[0],
				   names[argc - optind]);
	if (argc - optind > nr)
		return usage_error("%s: unexpected argument '%s'", argv[0],
				   argv[optind + nr]);
	return 0;
}

static const char *const name_operand[] = { "NAME", NULL };
static const char *const alloc_operands[] = { "NAME", "SIZE", NULL };

/* --json as the only option, no operands: 0 or the usage error status. */
static int json_option(int argc, char **argv, bool *json)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ }
	};
	int c;

	*json = false;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		if (c != 'j')
			return bad_option(argv[0], argv);
		*json = true;
	}
	if (optind < argc)
		return usage_error("%s: unexpected argument '%s'", argv[0],
				   argv[optind]);
	return 0;
}

/* Usage error unless @name is one the kernel accepts. */
static int check_name(const char *cmd, const char *name)
{
	char why[PE_MSG_LEN];

	if (pe_name_check(name, why, sizeof(why)))
		return usage_error("%s: invalid name: %s", cmd, why);
	return 0;
}

/* Open the device node; on failure say why and return -1. */
static int open_device(void)
{
	const char *path = pe_device_path();
	char msg[PE_MSG_LEN];
	int fd;

	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		fprintf(stderr, PROG ": %s: %s\n", path,
			pe_open_error_message(errno, msg, sizeof(msg)));
	return fd;
}

/* pe_list() with errors reported as "<what>: ..."; 0 or EXIT_FAILURE. */
static int list_ranges(int fd, const char *what, struct pe_ranges *rs)
{
	int ret = pe_list(fd, rs);

	if (ret == -ENOMEM)
		return fail(ENOMEM, "%s: listing the ranges", what);
	if (ret == -EAGAIN) {
		fprintf(stderr, PROG ": %s: ranges kept being added while listing them; try again\n",
			what);
		return EXIT_FAILURE;
	}
	if (ret)
		return kfail(-ret, "%s", what);
	return 0;
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
	bool json;
	int ret;

	ret = json_option(argc, argv, &json);
	if (ret)
		return ret;

	return show_map(json);
}

static int cmd_alloc(int argc, char **argv)
{
	char buf[SIZE_STR_MAX];
	const char *name, *arg;
	uint64_t size, phys;
	long page;
	int fd, ret;

	ret = operands(argc, argv, alloc_operands);
	if (ret)
		return ret;
	name = argv[optind];
	arg = argv[optind + 1];
	ret = check_name(argv[0], name);
	if (ret)
		return ret;

	ret = parse_size(arg, PARSE_SIZE_NONZERO, &size);
	if (ret == -ERANGE)
		return usage_error("%s: size '%s' does not fit in 64 bits",
				   argv[0], arg);
	if (ret)
		return usage_error("%s: invalid size '%s': want a non-zero number of bytes, optionally with K, M or G",
				   argv[0], arg);
	page = sysconf(_SC_PAGESIZE);
	if (page > 0 && size % page)
		return usage_error("%s: size '%s' is not a multiple of the page size (%ld bytes)",
				   argv[0], arg, page);

	fd = open_device();
	if (fd < 0)
		return EXIT_FAILURE;
	ret = pe_alloc(fd, name, size, &phys);
	/* The range stays persisted; only the binding of the fd goes. */
	close(fd);
	if (ret)
		return kfail(-ret, "alloc %s", name);

	printf("%s 0x%016" PRIx64 "-0x%016" PRIx64 " %s\n", name, phys,
	       phys + size - 1, format_size(size, buf, sizeof(buf)));
	return finish_output();
}

static int cmd_list(int argc, char **argv)
{
	struct pe_ranges rs;
	bool json;
	int fd, ret;

	ret = json_option(argc, argv, &json);
	if (ret)
		return ret;

	fd = open_device();
	if (fd < 0)
		return EXIT_FAILURE;
	ret = list_ranges(fd, argv[0], &rs);
	close(fd);
	if (ret)
		return ret;

	pe_ranges_sort(&rs);
	if (json)
		pe_print_json(stdout, &rs);
	else
		pe_print_table(stdout, &rs);
	pe_ranges_free(&rs);
	return finish_output();
}

static int cmd_release(int argc, char **argv)
{
	const char *name;
	int fd, ret;

	ret = operands(argc, argv, name_operand);
	if (ret)
		return ret;
	name = argv[optind];
	ret = check_name(argv[0], name);
	if (ret)
		return ret;

	fd = open_device();
	if (fd < 0)
		return EXIT_FAILURE;
	ret = pe_release(fd, name);
	close(fd);
	if (ret)
		return kfail(-ret, "release %s", name);
	return EXIT_SUCCESS;
}

/* A range bound to an open device fd. */
struct bound_range {
	int fd;
	uint64_t length;
};

/*
 * Open the device, look up the length of range @name with LIST, and bind
 * the fd to the range (PERSIST_E820_IOC_OPEN).  LIST comes first so that
 * only mmap() is asked of a bound fd.  Return: 0, or EXIT_FAILURE after
 * reporting the error (the device is closed then).
 */
static int bind_range(const char *cmd, const char *name, struct bound_range *b)
{
	char what[PE_NAME_MAX + 16];
	const struct persist_e820_range *r;
	struct pe_ranges rs;
	int ret;

	snprintf(what, sizeof(what), "%s %s", cmd, name);
	b->fd = open_device();
	if (b->fd < 0)
		return EXIT_FAILURE;
	ret = list_ranges(b->fd, what, &rs);
	if (ret)
		goto err;
	r = pe_ranges_find(&rs, name);
	b->length = r ? r->length : 0;
	pe_ranges_free(&rs);
	if (!r) {
		ret = kfail(ENOENT, "%s", what);
		goto err;
	}
	if (!b->length || b->length > SIZE_MAX) {
		ret = fail(EOVERFLOW, "%s: the kernel lists a length of %" PRIu64,
			   what, b->length);
		goto err;
	}
	ret = pe_bind(b->fd, name);
	if (ret) {
		ret = kfail(-ret, "%s", what);
		goto err;
	}
	return 0;
err:
	close(b->fd);
	return ret;
}

/*
 * A closed stdin or stdout would be reused by open_device(): copying
 * would then read or write the device node.  0, or EXIT_FAILURE.
 */
static int check_stdio(int fd, const char *cmd, const char *name)
{
	if (fcntl(fd, F_GETFD) < 0)
		return fail(errno, "%s %s: standard %s", cmd, name,
			    fd == STDIN_FILENO ? "input" : "output");
	return 0;
}

static void *map_range(const char *cmd, const char *name,
		       const struct bound_range *b, int prot)
{
	void *addr = mmap(NULL, b->length, prot, MAP_SHARED, b->fd, 0);

	if (addr == MAP_FAILED) {
		fail(errno, "%s %s: mapping %" PRIu64 " bytes", cmd, name,
		     b->length);
		return NULL;
	}
	return addr;
}

/*
 * The start of read and write: the NAME operand, checked, the standard
 * stream @fd the data goes through, and the device bound to the range.
 */
static int open_named(int argc, char **argv, int fd, const char **name,
		      struct bound_range *b)
{
	int ret = operands(argc, argv, name_operand);

	if (ret)
		return ret;
	*name = argv[optind];
	ret = check_name(argv[0], *name);
	if (ret)
		return ret;
	ret = check_stdio(fd, argv[0], *name);
	if (ret)
		return ret;
	return bind_range(argv[0], *name, b);
}

/*
 * write NAME: stdin goes to the start of the range.  Shorter input leaves
 * the rest of the range as it was.  Longer input is an error: checked up
 * front when stdin is a regular file (nothing written), else found at
 * the end (the range then holds the first length bytes of the input).
 */
static int cmd_write(int argc, char **argv)
{
	struct pe_copy_result res;
	struct bound_range b;
	int ret, sync_err = 0;
	const char *name;
	int64_t in_size;
	void *addr;

	ret = open_named(argc, argv, STDIN_FILENO, &name, &b);
	if (ret)
		return ret;

	in_size = pe_input_size(STDIN_FILENO);
	if (in_size < 0 && in_size != -ESPIPE) {
		close(b.fd);
		return fail((int)-in_size, "write %s: standard input", name);
	}
	if (in_size >= 0 && (uint64_t)in_size > b.length) {
		fprintf(stderr, PROG ": write %s: input is %" PRId64 " bytes, longer than the range (%" PRIu64 " bytes): nothing was written\n",
			name, in_size, b.length);
		close(b.fd);
		return EXIT_FAILURE;
	}

	addr = map_range(argv[0], name, &b, PROT_READ | PROT_WRITE);
	if (!addr) {
		close(b.fd);
		return EXIT_FAILURE;
	}
	ret = pe_copy_in(STDIN_FILENO, addr, b.length, &res);
	if (msync(addr, b.length, MS_SYNC))
		sync_err = errno;
	munmap(addr, b.length);
	close(b.fd);

	if (ret) {
		fprintf(stderr, PROG ": write %s: reading standard input: %s: the range holds the first %" PRIu64 " bytes read, the rest is as it was\n",
			name, strerror(-ret), res.copied);
		return EXIT_FAILURE;
	}
	if (res.too_long) {
		fprintf(stderr, PROG ": write %s: input is longer than the range (%" PRIu64 " bytes): the range holds the first %" PRIu64 " bytes of it\n",
			name, b.length, b.length);
		return EXIT_FAILURE;
	}
	if (sync_err)
		return fail(sync_err, "write %s: msync", name);
	return EXIT_SUCCESS;
}

static int cmd_read(int argc, char **argv)
{
	struct bound_range b;
	const char *name;
	void *addr;
	int ret;

	ret = open_named(argc, argv, STDOUT_FILENO, &name, &b);
	if (ret)
		return ret;
	addr = map_range(argv[0], name, &b, PROT_READ);
	if (!addr) {
		close(b.fd);
		return EXIT_FAILURE;
	}
	ret = pe_copy_out(STDOUT_FILENO, addr, b.length);
	munmap(addr, b.length);
	close(b.fd);
	if (ret)
		return fail(-ret, "read %s: writing output", name);
	return EXIT_SUCCESS;
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
