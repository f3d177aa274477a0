// SPDX-License-Identifier: GPL-2.0
/*
 * pe-abi-test - /dev/persist_e820 against bad input, in a test VM, as root
 *
 *   pe-abi-test [DEVICE]	(default: $PERSISTCTL_DEVICE, else /dev/persist_e820)
 *
 * Built with: gcc -static -O2 -Wall -Wextra -I<repo>/include/uapi
 *
 * Prints one line per check, "ok <what>" or "not ok <what> # <what
 * happened>", then a "# ..." summary line; exits 0 if every check passed,
 * 1 if one failed, 2 if it could not start (not root, no device, LIST
 * broken).
 *
 * What it proves about the driver, for the ABI of <linux/persist_e820.h>:
 *  - Every documented bad input is refused with the documented errno and
 *    changes nothing: after each refused call the registry's LIST (count,
 *    generation and every entry) is what it was before.  Covered: ALLOC
 *    length 0, not a page multiple, huge (ENOMEM or EOVERFLOW), more than
 *    the VM's memory (ENOMEM); bad names (empty, 32 bytes without NUL,
 *    space, control characters, bytes >= 0x7f, slash, ".", "..", a leading
 *    dot, shell metacharacters) for ALLOC, RELEASE and OPEN; a duplicate name (EEXIST); unknown names (ENOENT); non-zero
 *    flags, __reserved[] words and LIST's __pad; size fields of size - 1
 *    and 0 (EINVAL), and size + 8 with the unknown field set (E2BIG), while
 *    a LIST of size + 8 with it zero works (a newer caller); NULL and
 *    kernel-space argument pointers (EFAULT);
 *    unknown ioctl numbers (ENOTTY).
 *  - Callers without CAP_SYS_ADMIN (uid/gid 65534, capabilities gone) are
 *    refused with EPERM or EACCES, also through a 0666 copy of the device
 *    node, so the refusal is the driver's and not the node's mode, and
 *    through files root opened and handed over: those map the range they
 *    are bound to and make no request (EPERM).
 *  - mmap() maps exactly the range the fd is bound to: not past its end,
 *    not at offset >= length, and nothing on an fd that is not bound (also
 *    after a failed ALLOC or OPEN); MAP_PRIVATE is refused (EINVAL), and
 *    PROT_EXEC (EPERM) and mprotect() to it (EACCES); a mapped range cannot
 *    be released (EBUSY); data written through one mapping reads back
 *    through another. A range's start address in sysfs is mode 0400, and
 *    so are the start and end of every /sys/firmware/memmap entry (the
 *    map shows where the ranges lie): uid 65534 cannot open them.
 *  - The registry holds exactly PERSIST_E820_MAX_RANGES ranges: the next
 *    ALLOC fails with ENOSPC (ENOMEM earlier is a failure), LIST returns
 *    them all, never writes more entries than it was given room for, and
 *    after they are all released LIST is back where it was.
 *  - ALLOC, LIST and RELEASE work: the test range "abi-dup" (8 KiB) is
 *    listed with the address ALLOC returned, as allocated, owned by
 *    "user", each add and release changes the generation, and at the end
 *    the registry holds the same ranges as at the start.
 *
 * Ranges it creates are named abi-*; any left by an interrupted run are
 * released first.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/persist_e820.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define __printf(a, b)	__attribute__((format(printf, a, b)))

#define PREFIX		"abi-"
#define DUP_NAME	"abi-dup"
#define DUP_LEN		8192ULL
#define NOBODY		65534
#define LIST_ROOM	(PERSIST_E820_MAX_RANGES + 64)
#define KERNEL_PTR	0xffff888000000000ULL	/* x86-64 direct map */
#define GiB		(1ULL << 30)
#define WHY_LEN		512

static const char *dev;
static int ctl = -1;		/* never bound: LIST and RELEASE only */
static uint64_t page;
static int checks, failures;
static struct {
	int checks, failures;
} *child_counts;		/* shared with the unprivileged child */
static bool have_dup;		/* abi-dup is allocated */
static uint64_t dup_phys;

/* ---- output ---- */

static const char *ename(int err)
{
	static const struct {
		int err;
		const char *name;
	} names[] = {
#define E(e) { e, #e }
		E(EPERM), E(ENOENT), E(EINTR), E(EIO), E(ENXIO), E(EBADF),
		E(EAGAIN), E(ENOMEM), E(EACCES), E(EFAULT), E(EBUSY),
		E(EEXIST), E(ENODEV), E(EINVAL), E(ENOTTY), E(ENOSPC),
		E(ERANGE), E(ENOSYS), E(EOVERFLOW), E(EOPNOTSUPP), E(E2BIG),
#undef E
	};
	static char buf[32];
	size_t i;

	if (!err)
		return "success";
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (names[i].err == err)
			return names[i].name;
	}
	snprintf(buf, sizeof(buf), "errno %d", err);
	return buf;
}

/* Reasons a check failed; empty: it passed. */
struct verdict {
	char why[WHY_LEN];
};

static void __printf(2, 3) vadd(struct verdict *v, const char *fmt, ...)
{
	size_t len = strlen(v->why);
	va_list ap;

	if (len && len < sizeof(v->why) - 2) {
		strcpy(v->why + len, "; ");
		len += 2;
	}
	va_start(ap, fmt);
	vsnprintf(v->why + len, sizeof(v->why) - len, fmt, ap);
	va_end(ap);
}

static void __printf(2, 3) verdict(const struct verdict *v, const char *fmt, ...)
{
	va_list ap;

	checks++;
	if (v->why[0]) {
		failures++;
		fputs("not ok ", stdout);
	} else {
		fputs("ok ", stdout);
	}
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (v->why[0])
		printf(" # %s", v->why);
	putchar('\n');
	fflush(stdout);
}

/* A check with a single condition. */
#define CHECK(cond, desc, ...)						\
	do {								\
		struct verdict v_ = { "" };				\
		if (!(cond))						\
			vadd(&v_, __VA_ARGS__);				\
		verdict(&v_, "%s", desc);				\
	} while (0)

/* ---- the device ---- */

static int dev_open(void)
{
	return open(dev, O_RDWR | O_CLOEXEC);
}

/* ioctl(): 0 or the errno. */
static int xioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? errno : 0;
}

static struct persist_e820_alloc alloc_arg(const char *name, uint64_t length)
{
	struct persist_e820_alloc a;

	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.length = length;
	memcpy(a.name, name, strnlen(name, sizeof(a.name)));
	return a;
}

static struct persist_e820_name name_arg(const char *name)
{
	struct persist_e820_name n;

	memset(&n, 0, sizeof(n));
	n.size = sizeof(n);
	memcpy(n.name, name, strnlen(name, sizeof(n.name)));
	return n;
}

static struct persist_e820_range list_buf[LIST_ROOM];

static struct persist_e820_list list_arg(void)
{
	struct persist_e820_list l;

	memset(&l, 0, sizeof(l));
	l.size = sizeof(l);
	l.count = LIST_ROOM;
	l.ranges_ptr = (uintptr_t)list_buf;
	return l;
}

/* ALLOC on a fresh fd, closed again (the range stays): 0 or errno. */
static int alloc_range(const char *name, uint64_t length, uint64_t *phys)
{
	struct persist_e820_alloc a = alloc_arg(name, length);
	int fd = dev_open(), err;

	if (fd < 0)
		return errno;
	err = xioctl(fd, PERSIST_E820_IOC_ALLOC, &a);
	close(fd);
	if (!err && phys)
		*phys = a.phys_addr;
	return err;
}

/* RELEASE of a name given as the 32 raw bytes of a listed range. */
static int release_raw(const char name[PERSIST_E820_NAME_LEN])
{
	struct persist_e820_name n;

	memset(&n, 0, sizeof(n));
	n.size = sizeof(n);
	memcpy(n.name, name, sizeof(n.name));
	return xioctl(ctl, PERSIST_E820_IOC_RELEASE, &n);
}

static int release_range(const char *name)
{
	struct persist_e820_name n = name_arg(name);

	return xioctl(ctl, PERSIST_E820_IOC_RELEASE, &n);
}

/* ---- registry snapshots ---- */

struct snap {
	int err;			/* LIST failed with this */
	uint32_t count;
	uint64_t generation;
	struct persist_e820_range *r;	/* count entries, sorted by name */
};

static struct snap base;	/* the registry as the checks expect it */

static int cmp_name(const void *a, const void *b)
{
	const struct persist_e820_range *x = a, *y = b;

	return memcmp(x->name, y->name, sizeof(x->name));
}

static void snap_free(struct snap *s)
{
	free(s->r);
	memset(s, 0, sizeof(*s));
}

static int snap_take(struct snap *s)
{
	struct persist_e820_list l = list_arg();

	memset(s, 0, sizeof(*s));
	memset(list_buf, 0, sizeof(list_buf));
	s->err = xioctl(ctl, PERSIST_E820_IOC_LIST, &l);
	if (!s->err && l.count > LIST_ROOM)
		s->err = E2BIG;
	if (s->err)
		return -1;
	s->count = l.count;
	s->generation = l.generation;
	s->r = calloc(s->count + 1, sizeof(*s->r));
	if (!s->r) {
		s->err = ENOMEM;
		return -1;
	}
	memcpy(s->r, list_buf, s->count * sizeof(*s->r));
	qsort(s->r, s->count, sizeof(*s->r), cmp_name);
	return 0;
}

static const struct persist_e820_range *snap_find(const struct snap *s,
						  const char *name)
{
	uint32_t i;

	for (i = 0; i < s->count; i++) {
		if (!strncmp(s->r[i].name, name, sizeof(s->r[i].name)))
			return &s->r[i];
	}
	return NULL;
}

/* A printable copy of a listed name, for messages. */
static const char *shown(const char name[PERSIST_E820_NAME_LEN])
{
	static char buf[PERSIST_E820_NAME_LEN * 4 + 1];
	size_t i, n = 0;

	for (i = 0; i < PERSIST_E820_NAME_LEN && name[i]; i++) {
		unsigned char c = name[i];

		if (c > 0x20 && c < 0x7f)
			buf[n++] = c;
		else
			n += sprintf(buf + n, "\\x%02x", c);
	}
	buf[n] = '\0';
	return buf;
}

/*
 * Add to @v how @after differs from @before: count, entries, and (if
 * @same_gen) the generation.
 */
static void snap_diff(struct verdict *v, const struct snap *before,
		      const struct snap *after, bool same_gen)
{
	uint32_t i;

	if (after->err) {
		vadd(v, "LIST failed afterwards with %s", ename(after->err));
		return;
	}
	if (after->count != before->count) {
		vadd(v, "registry changed from %u to %u ranges", before->count,
		     after->count);
		return;
	}
	if (same_gen && after->generation != before->generation)
		vadd(v, "generation changed from %" PRIu64 " to %" PRIu64,
		     (uint64_t)before->generation, (uint64_t)after->generation);
	for (i = 0; i < after->count; i++) {
		if (memcmp(&before->r[i], &after->r[i], sizeof(after->r[i]))) {
			vadd(v, "range %s changed", shown(after->r[i].name));
			return;
		}
	}
}

static void rebase(void)
{
	snap_free(&base);
	snap_take(&base);
}

/*
 * Put the registry back to @base after a call that should have changed
 * nothing did: release ranges that appeared, re-create abi-dup if it went.
 */
static void repair(const struct snap *now)
{
	uint32_t i;

	for (i = 0; i < now->count; i++) {
		if (!snap_find(&base, now->r[i].name))
			release_raw(now->r[i].name);
	}
	if (have_dup && !snap_find(now, DUP_NAME) &&
	    alloc_range(DUP_NAME, DUP_LEN, &dup_phys))
		have_dup = false;
	rebase();
}

/* Add to @v whether the registry still is @base; repair it if not. */
static void expect_unchanged(struct verdict *v)
{
	struct verdict diff = { "" };
	struct snap now;

	snap_take(&now);
	snap_diff(&diff, &base, &now, true);
	if (diff.why[0]) {
		vadd(v, "%s", diff.why);
		repair(&now);
	}
	snap_free(&now);
}

/* ---- checks ---- */

static void want_errno(struct verdict *v, int err, int want, int want2)
{
	if (!err)
		vadd(v, "succeeded");
	else if (err != want && (!want2 || err != want2))
		vadd(v, "failed with %s, want %s%s%s", ename(err), ename(want),
		     want2 ? " or " : "", want2 ? ename(want2) : "");
}

/*
 * @cmd with @arg on a fresh fd must fail with @want (or @want2, if not 0)
 * and leave the registry as it was.
 */
static void __printf(5, 6) bad_ioctl(unsigned long cmd, void *arg, int want,
				     int want2, const char *fmt, ...)
{
	struct verdict v = { "" };
	char desc[256];
	va_list ap;
	int fd, err;

	va_start(ap, fmt);
	vsnprintf(desc, sizeof(desc), fmt, ap);
	va_end(ap);

	fd = dev_open();
	if (fd < 0) {
		vadd(&v, "open %s: %s", dev, strerror(errno));
		verdict(&v, "%s", desc);
		return;
	}
	err = xioctl(fd, cmd, arg);
	close(fd);
	want_errno(&v, err, want, want2);
	expect_unchanged(&v);
	verdict(&v, "%s", desc);
}

/* mmap(@prot, @flags) of @fd must fail with @want or @want2, changing nothing. */
static void bad_mmap_as(int fd, size_t len, off_t off, int prot, int flags,
			int want, int want2, const char *desc)
{
	struct verdict v = { "" };
	void *p;

	p = mmap(NULL, len, prot, flags, fd, off);
	if (p != MAP_FAILED) {
		vadd(&v, "mapping %zu bytes at offset %lld succeeded", len,
		     (long long)off);
		munmap(p, len);
	} else {
		want_errno(&v, errno, want, want2);
	}
	expect_unchanged(&v);
	verdict(&v, "%s", desc);
}

/* mmap() of @fd must fail with EINVAL or ENXIO, changing nothing. */
static void bad_mmap(int fd, size_t len, off_t off, const char *desc)
{
	bad_mmap_as(fd, len, off, PROT_READ | PROT_WRITE, MAP_SHARED,
		    EINVAL, ENXIO, desc);
}

static bool name_valid(const char name[PERSIST_E820_NAME_LEN])
{
	size_t i, n = strnlen(name, PERSIST_E820_NAME_LEN);

	if (!n || n == PERSIST_E820_NAME_LEN)
		return false;
	if (name[0] == '.')
		return false;
	for (i = 0; i < n; i++) {
		if (!isalnum((unsigned char)name[i]) &&
		    !strchr(PERSIST_E820_NAME_PUNCT, name[i]))
			return false;
	}
	return true;
}

static bool tail_zero(const char *s, size_t len)
{
	size_t n = strnlen(s, len);

	for (; n < len; n++) {
		if (s[n])
			return false;
	}
	return true;
}

/* Every listed entry is well-formed and leaks nothing in its padding. */
static void check_entries(const struct snap *s, const char *when)
{
	struct verdict v = { "" };
	const struct persist_e820_range *r;
	uint32_t i;
	size_t j;

	for (i = 0; i < s->count && !v.why[0]; i++) {
		r = &s->r[i];
		if (!name_valid(r->name))
			vadd(&v, "entry %u: bad name \"%s\"", i, shown(r->name));
		else if (!tail_zero(r->name, sizeof(r->name)))
			vadd(&v, "%s: bytes after the name's NUL", r->name);
		else if (strnlen(r->owner, sizeof(r->owner)) == sizeof(r->owner))
			vadd(&v, "%s: owner without NUL", r->name);
		else if (!tail_zero(r->owner, sizeof(r->owner)))
			vadd(&v, "%s: bytes after the owner's NUL", r->name);
		else if (r->__pad)
			vadd(&v, "%s: __pad is %#x", r->name, r->__pad);
		else if (r->flags != PERSIST_E820_F_ALLOCATED &&
			 r->flags != PERSIST_E820_F_INHERITED)
			vadd(&v, "%s: flags %#x, want ALLOCATED or INHERITED",
			     r->name, r->flags);
		else if (!r->length || r->length % page || r->start % page)
			vadd(&v, "%s: start %#llx length %#llx not page multiples",
			     r->name, (unsigned long long)r->start,
			     (unsigned long long)r->length);
		for (j = 0; j < ARRAY_SIZE(r->__reserved) && !v.why[0]; j++) {
			if (r->__reserved[j])
				vadd(&v, "%s: __reserved[%zu] is %#llx", r->name,
				     j, (unsigned long long)r->__reserved[j]);
		}
	}
	verdict(&v, "LIST entries %s are well-formed (NUL-terminated valid names, zero padding, known flags, page multiples)",
		when);
}

/* ---- the checks, in order ---- */

static void check_list_basics(const struct snap *start)
{
	struct persist_e820_list l;
	struct snap again;
	struct verdict v = { "" };
	int err;

	memset(&l, 0, sizeof(l));
	l.size = sizeof(l);
	err = xioctl(ctl, PERSIST_E820_IOC_LIST, &l);
	if (err)
		vadd(&v, "failed with %s", ename(err));
	else if (l.count != start->count || l.generation != start->generation)
		vadd(&v, "count %u generation %llu, a full LIST said %u and %llu",
		     l.count, (unsigned long long)l.generation, start->count,
		     (unsigned long long)start->generation);
	verdict(&v, "LIST with count 0 and ranges_ptr 0 returns the count and the generation");

	snap_take(&again);
	v.why[0] = '\0';
	snap_diff(&v, start, &again, true);
	verdict(&v, "two LISTs without a change in between agree, generation included");
	snap_free(&again);

	check_entries(start, "at the start");
}

/* Release abi-* ranges an interrupted earlier run left behind. */
static void release_leftovers(void)
{
	struct verdict v = { "" };
	struct snap s;
	uint32_t i, n = 0;
	int err;

	snap_take(&s);
	for (i = 0; i < s.count; i++) {
		if (strncmp(s.r[i].name, PREFIX, strlen(PREFIX)))
			continue;
		err = release_raw(s.r[i].name);
		if (err)
			vadd(&v, "release %s: %s", shown(s.r[i].name), ename(err));
		n++;
	}
	snap_free(&s);
	verdict(&v, "no abi-* ranges left from an earlier run (%u released)", n);
}

static void check_alloc_dup(void)
{
	const struct persist_e820_range *r;
	struct verdict v = { "" };
	struct snap after;
	int err;

	err = alloc_range(DUP_NAME, DUP_LEN, &dup_phys);
	have_dup = !err;
	if (err)
		vadd(&v, "failed with %s", ename(err));
	else if (!dup_phys || dup_phys % page)
		vadd(&v, "phys_addr %#llx is not page-aligned",
		     (unsigned long long)dup_phys);
	verdict(&v, "ALLOC of an 8 KiB range \"" DUP_NAME "\" succeeds with a page-aligned phys_addr");

	snap_take(&after);
	v.why[0] = '\0';
	r = snap_find(&after, DUP_NAME);
	if (after.err)
		vadd(&v, "LIST failed with %s", ename(after.err));
	else if (!r)
		vadd(&v, "not listed");
	else if (r->start != dup_phys || r->length != DUP_LEN)
		vadd(&v, "listed at %#llx length %#llx, ALLOC said %#llx length %#llx",
		     (unsigned long long)r->start,
		     (unsigned long long)r->length,
		     (unsigned long long)dup_phys, DUP_LEN);
	else if (r->flags != PERSIST_E820_F_ALLOCATED)
		vadd(&v, "flags %#x, want PERSIST_E820_F_ALLOCATED", r->flags);
	else if (strncmp(r->owner, "user", sizeof(r->owner)))
		vadd(&v, "owner \"%.16s\", want \"user\"", r->owner);
	if (!after.err && after.count != base.count + 1)
		vadd(&v, "count went from %u to %u", base.count, after.count);
	if (!after.err && after.generation == base.generation)
		vadd(&v, "generation stayed %llu",
		     (unsigned long long)after.generation);
	if (have_dup)
		verdict(&v, "LIST shows \"" DUP_NAME "\" at phys_addr, 8 KiB, allocated, owner \"user\", one more range, new generation");
	snap_free(&after);
	rebase();
}

static void check_alloc_lengths(void)
{
	static const struct {
		uint64_t length;
		const char *what;
	} not_pages[] = {
		{ 1, "1" },
		{ 2048, "2048" },
		{ 4097, "4097" },
		{ 3 * 4096 + 512, "3 pages + 512" },
	}, huge[] = {
		{ 1ULL << 62, "1 << 62" },
		{ 1ULL << 63, "1 << 63" },
		{ UINT64_MAX, "UINT64_MAX rounded down to a page" },
	};
	struct persist_e820_alloc a;
	uint64_t total, big;
	struct sysinfo si;
	size_t i;

	a = alloc_arg(PREFIX "len", 0);
	bad_ioctl(PERSIST_E820_IOC_ALLOC, &a, EINVAL, 0,
		  "ALLOC with length 0 -> EINVAL, no change");

	for (i = 0; i < ARRAY_SIZE(not_pages); i++) {
		a = alloc_arg(PREFIX "len", not_pages[i].length);
		bad_ioctl(PERSIST_E820_IOC_ALLOC, &a, EINVAL, 0,
			  "ALLOC with length %s (not a page multiple) -> EINVAL, no change",
			  not_pages[i].what);
	}
	for (i = 0; i < ARRAY_SIZE(huge); i++) {
		a = alloc_arg(PREFIX "len", huge[i].length & ~(page - 1));
		bad_ioctl(PERSIST_E820_IOC_ALLOC, &a, ENOMEM, EOVERFLOW,
			  "ALLOC with length %s -> ENOMEM or EOVERFLOW, no change",
			  huge[i].what);
	}

	/* More than the VM has: at least 64 GiB, at least twice its RAM. */
	total = 0;
	if (!sysinfo(&si))
		total = (uint64_t)si.totalram * si.mem_unit;
	big = 64 * GiB;
	if (2 * total > big)
		big = (2 * total + GiB - 1) & ~(GiB - 1);
	a = alloc_arg(PREFIX "len", big);
	bad_ioctl(PERSIST_E820_IOC_ALLOC, &a, ENOMEM, 0,
		  "ALLOC of %llu GiB (more than the %llu MiB of RAM) -> ENOMEM, no change",
		  (unsigned long long)(big / GiB),
		  (unsigned long long)(total >> 20));
}

/* Names no ioctl may accept: 32 raw bytes each. */
static const struct {
	char name[PERSIST_E820_NAME_LEN];
	const char *what;
} bad_names[] = {
	{ "", "an empty name" },
	{ "", "a 32-byte name without NUL" },	/* filled in at run time */
	{ "abi-bad name", "a name with a space" },
	{ "abi-bad\tname", "a name with a tab" },
	{ "abi-bad\nname", "a name with a newline" },
	{ "abi-\x01", "a name with byte 0x01" },
	{ "abi-\x1f", "a name with byte 0x1f" },
	{ "abi-\x7f", "a name with byte 0x7f" },
	{ "abi-\x80", "a name with byte 0x80" },
	{ "abi-\xff", "a name with byte 0xff" },
	{ "abi-caf\xc3\xa9", "a name with UTF-8" },
	{ "abi-bad/name", "a name with a slash (a sysfs directory)" },
	{ "../abi-bad", "a name that climbs out of sysfs" },
	{ ".", "the name \".\"" },
	{ "..", "the name \"..\"" },
	{ ".abi-bad", "a hidden name (leading '.')" },
	{ "abi-$(id)", "a name with shell metacharacters" },
	{ "abi-bad;x", "a name with ';'" },
	{ "abi-bad~", "a name with '~'" },
	{ "abi-bad\\", "a name with a backslash" },
};

static void check_names(void)
{
	struct persist_e820_alloc a;
	struct persist_e820_name n;
	struct verdict v = { "" };
	char longest[PERSIST_E820_NAME_LEN];
	size_t i;
	int err;

	for (i = 0; i < ARRAY_SIZE(bad_names); i++) {
		char name[PERSIST_E820_NAME_LEN];

		memcpy(name, bad_names[i].name, sizeof(name));
		if (i == 1) {
			memset(name, 'a', sizeof(name));
			memcpy(name, PREFIX, strlen(PREFIX));
		}
		a = alloc_arg("", DUP_LEN);
		memcpy(a.name, name, sizeof(a.name));
		bad_ioctl(PERSIST_E820_IOC_ALLOC, &a, EINVAL, 0,
			  "ALLOC with %s -> EINVAL, no change", bad_names[i].what);

		memset(&n, 0, sizeof(n));
		n.size = sizeof(n);
		memcpy(n.name, name, sizeof(n.name));
		bad_ioctl(PERSIST_E820_IOC_RELEASE, &n, EINVAL, 0,
			  "RELEASE with %s -> EINVAL, no change", bad_names[i].what);
		bad_ioctl(PERSIST_E820_IOC_OPEN, &n, EINVAL, 0,
			  "OPEN with %s -> EINVAL, no change", bad_names[i].what);
	}

	/* The limit is 31, not less: a 31-character name works. */
	memset(longest, 'z', sizeof(longest));
	memcpy(longest, PREFIX, strlen(PREFIX));
	longest[PERSIST_E820_NAME_LEN - 1] = '\0';
	err = alloc_range(longest, page, NULL);
	if (err)
		vadd(&v, "ALLOC failed with %s", ename(err));
	else if ((err = release_range(longest)))
		vadd(&v, "RELEASE failed with %s", ename(err));
	verdict(&v, "ALLOC and RELEASE of a 31-character name succeed");
	rebase();

	/* Every punctuation character a name may have, and its sysfs mode */
	v.why[0] = '\0';
	snprintf(longest, sizeof(longest), PREFIX "%s9", PERSIST_E820_NAME_PUNCT);
	err = alloc_range(longest, page, NULL);
	if (err) {
		vadd(&v, "ALLOC of \"%s\" failed with %s", longest, ename(err));
	} else {
		char path[128];
		struct stat st;

		snprintf(path, sizeof(path), "/sys/kernel/persist_e820/%s/start",
			 longest);
		if (stat(path, &st))
			vadd(&v, "%s: %s", path, strerror(errno));
		else if ((st.st_mode & 07777) != 0400)
			vadd(&v, "%s is mode %04o, not 0400", path,
			     (unsigned int)(st.st_mode & 07777));
		if ((err = release_range(longest)))
			vadd(&v, "RELEASE failed with %s", ename(err));
	}
	verdict(&v, "a name with each of " PERSIST_E820_NAME_PUNCT
		" works, its start address in sysfs for root only (0400)");
	rebase();
}

static void check_existence(void)
{
	struct persist_e820_alloc a;
	struct persist_e820_name n;

	if (have_dup) {
		a = alloc_arg(DUP_NAME, DUP_LEN);
		bad_ioctl(PERSIST_E820_IOC_ALLOC, &a, EEXIST, 0,
			  "ALLOC of the existing name " DUP_NAME " -> EEXIST, no change");
		a = alloc_arg(DUP_NAME, page);
		bad_ioctl(PERSIST_E820_IOC_ALLOC, &a, EEXIST, 0,
			  "ALLOC of the existing name " DUP_NAME " with another length -> EEXIST, no change");
	}
	n = name_arg(PREFIX "nonexistent");
	bad_ioctl(PERSIST_E820_IOC_RELEASE, &n, ENOENT, 0,
		  "RELEASE of an unknown name -> ENOENT, no change");
	bad_ioctl(PERSIST_E820_IOC_OPEN, &n, ENOENT, 0,
		  "OPEN of an unknown name -> ENOENT, no change");
}

/* The name ioctls act on abi-dup if it exists, so a bug would show. */
static const char *target_name(void)
{
	return have_dup ? DUP_NAME : PREFIX "nonexistent";
}

static const struct {
	unsigned long cmd;
	const char *name;
} name_ioctls[] = {
	{ PERSIST_E820_IOC_RELEASE, "RELEASE" },
	{ PERSIST_E820_IOC_OPEN, "OPEN" },
};

static void check_flags_and_reserved(void)
{
	static const uint32_t flags[] = { 1, 0x80000000U };
	struct persist_e820_alloc a;
	struct persist_e820_list l;
	struct persist_e820_name n;
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(flags); i++) {
		a = alloc_arg(PREFIX "flags", DUP_LEN);
		a.flags = flags[i];
		bad_ioctl(PERSIST_E820_IOC_ALLOC, &a, EINVAL, 0,
			  "ALLOC with flags %#x -> EINVAL, no change", flags[i]);
		l = list_arg();
		l.flags = flags[i];
		bad_ioctl(PERSIST_E820_IOC_LIST, &l, EINVAL, 0,
			  "LIST with flags %#x -> EINVAL, no change", flags[i]);
		for (j = 0; j < ARRAY_SIZE(name_ioctls); j++) {
			n = name_arg(target_name());
			n.flags = flags[i];
			bad_ioctl(name_ioctls[j].cmd, &n, EINVAL, 0,
				  "%s %s with flags %#x -> EINVAL, no change",
				  name_ioctls[j].name, target_name(), flags[i]);
		}
	}

	for (i = 0; i < ARRAY_SIZE(a.__reserved); i++) {
		a = alloc_arg(PREFIX "rsv", DUP_LEN);
		a.__reserved[i] = 1ULL << (i * 16);
		bad_ioctl(PERSIST_E820_IOC_ALLOC, &a, EINVAL, 0,
			  "ALLOC with __reserved[%zu] non-zero -> EINVAL, no change", i);
	}
	for (i = 0; i < ARRAY_SIZE(l.__reserved); i++) {
		l = list_arg();
		l.__reserved[i] = 1ULL << 63;
		bad_ioctl(PERSIST_E820_IOC_LIST, &l, EINVAL, 0,
			  "LIST with __reserved[%zu] non-zero -> EINVAL, no change", i);
	}
	l = list_arg();
	l.__pad = 1;
	bad_ioctl(PERSIST_E820_IOC_LIST, &l, EINVAL, 0,
		  "LIST with __pad non-zero -> EINVAL, no change");
	for (j = 0; j < ARRAY_SIZE(name_ioctls); j++) {
		for (i = 0; i < ARRAY_SIZE(n.__reserved); i++) {
			n = name_arg(target_name());
			n.__reserved[i] = 0x100;
			bad_ioctl(name_ioctls[j].cmd, &n, EINVAL, 0,
				  "%s %s with __reserved[%zu] non-zero -> EINVAL, no change",
				  name_ioctls[j].name, target_name(), i);
		}
	}
}

/*
 * Arguments as a newer caller passes them: the structure this header
 * defines, then a field of a later version (@tail), the size field
 * covering both. Every structure's size is a multiple of 8: @tail follows
 * it at once.
 */
struct grown_alloc {
	struct persist_e820_alloc a;
	uint64_t tail;
};

struct grown_list {
	struct persist_e820_list l;
	uint64_t tail;
};

struct grown_name {
	struct persist_e820_name n;
	uint64_t tail;
};

/*
 * A newer caller's LIST, its later field zero, works like this header's:
 * the same count and generation, its size field kept, the tail untouched.
 */
static void check_grown_list(void)
{
	struct verdict v = { "" };
	struct grown_list g;
	int err;

	memset(&g, 0, sizeof(g));
	g.l = list_arg();
	g.l.size = sizeof(g);
	err = xioctl(ctl, PERSIST_E820_IOC_LIST, &g);
	if (err)
		vadd(&v, "LIST failed: %s", strerror(err));
	else if (g.l.count != base.count || g.l.generation != base.generation)
		vadd(&v, "count %u generation %llu, expected %u %llu", g.l.count,
		     (unsigned long long)g.l.generation, base.count,
		     (unsigned long long)base.generation);
	if (g.l.size != sizeof(g) || g.tail)
		vadd(&v, "size field %u or tail %llu changed", g.l.size,
		     (unsigned long long)g.tail);
	verdict(&v, "LIST with size %zu, its unknown field zero, lists the registry",
		sizeof(g));
}

static void check_size_fields(void)
{
	struct grown_alloc ga;
	struct grown_list gl;
	struct grown_name gn;
	uint32_t sizes[2];
	size_t i, j;

	_Static_assert(sizeof(ga) == sizeof(ga.a) + 8, "tail right after ALLOC's");
	_Static_assert(sizeof(gl) == sizeof(gl.l) + 8, "tail right after LIST's");
	_Static_assert(sizeof(gn) == sizeof(gn.n) + 8, "tail right after a name's");

	/* Smaller than the first version, or 0: EINVAL */
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		memset(&ga, 0, sizeof(ga));
		ga.a = alloc_arg(PREFIX "size", DUP_LEN);
		sizes[0] = ga.a.size - 1;
		sizes[1] = 0;
		ga.a.size = sizes[i];
		bad_ioctl(PERSIST_E820_IOC_ALLOC, &ga, EINVAL, 0,
			  "ALLOC with size field %u (sizeof is %zu) -> EINVAL, no change",
			  sizes[i], sizeof(ga.a));

		memset(&gl, 0, sizeof(gl));
		gl.l = list_arg();
		sizes[0] = gl.l.size - 1;
		gl.l.size = sizes[i];
		bad_ioctl(PERSIST_E820_IOC_LIST, &gl, EINVAL, 0,
			  "LIST with size field %u (sizeof is %zu) -> EINVAL, no change",
			  sizes[i], sizeof(gl.l));

		for (j = 0; j < ARRAY_SIZE(name_ioctls); j++) {
			memset(&gn, 0, sizeof(gn));
			gn.n = name_arg(target_name());
			sizes[0] = gn.n.size - 1;
			gn.n.size = sizes[i];
			bad_ioctl(name_ioctls[j].cmd, &gn, EINVAL, 0,
				  "%s %s with size field %u (sizeof is %zu) -> EINVAL, no change",
				  name_ioctls[j].name, target_name(), sizes[i],
				  sizeof(gn.n));
		}
	}

	/* Larger, with a later version's field this kernel does not know set */
	memset(&ga, 0, sizeof(ga));
	ga.a = alloc_arg(PREFIX "size", DUP_LEN);
	ga.a.size = sizeof(ga);
	ga.tail = 1;
	bad_ioctl(PERSIST_E820_IOC_ALLOC, &ga, E2BIG, 0,
		  "ALLOC with size %zu and an unknown field set -> E2BIG, no change",
		  sizeof(ga));
	memset(&gl, 0, sizeof(gl));
	gl.l = list_arg();
	gl.l.size = sizeof(gl);
	gl.tail = 1;
	bad_ioctl(PERSIST_E820_IOC_LIST, &gl, E2BIG, 0,
		  "LIST with size %zu and an unknown field set -> E2BIG, no change",
		  sizeof(gl));
	for (j = 0; j < ARRAY_SIZE(name_ioctls); j++) {
		memset(&gn, 0, sizeof(gn));
		gn.n = name_arg(target_name());
		gn.n.size = sizeof(gn);
		gn.tail = 1;
		bad_ioctl(name_ioctls[j].cmd, &gn, E2BIG, 0,
			  "%s %s with size %zu and an unknown field set -> E2BIG, no change",
			  name_ioctls[j].name, target_name(), sizeof(gn));
	}
	check_grown_list();
}

static void check_pointers(void)
{
	static const struct {
		unsigned long cmd;
		const char *name;
	} all[] = {
		{ PERSIST_E820_IOC_ALLOC, "ALLOC" },
		{ PERSIST_E820_IOC_LIST, "LIST" },
		{ PERSIST_E820_IOC_RELEASE, "RELEASE" },
		{ PERSIST_E820_IOC_OPEN, "OPEN" },
	};
	struct persist_e820_range sentinel[4];
	struct persist_e820_list l;
	struct verdict v = { "" };
	size_t i;
	int err;

	for (i = 0; i < ARRAY_SIZE(all); i++)
		bad_ioctl(all[i].cmd, NULL, EFAULT, 0,
			  "%s with a NULL argument pointer -> EFAULT, no change",
			  all[i].name);
	for (i = 0; i < ARRAY_SIZE(all); i++)
		bad_ioctl(all[i].cmd, (void *)(uintptr_t)KERNEL_PTR, EFAULT, 0,
			  "%s with a kernel-space argument pointer -> EFAULT, no change",
			  all[i].name);

	if (!base.count)
		return;
	/* The header does not say whether this is EFAULT or EINVAL. */
	l = list_arg();
	l.ranges_ptr = 0;
	bad_ioctl(PERSIST_E820_IOC_LIST, &l, EFAULT, EINVAL,
		  "LIST with room for %u entries at ranges_ptr 0 -> EFAULT or EINVAL, no change",
		  l.count);
	l = list_arg();
	l.ranges_ptr = KERNEL_PTR;
	bad_ioctl(PERSIST_E820_IOC_LIST, &l, EFAULT, 0,
		  "LIST with ranges_ptr in kernel space -> EFAULT, no change");

	/* Room for one: one entry written, the count of all returned. */
	memset(sentinel, 0xa5, sizeof(sentinel));
	memset(&l, 0, sizeof(l));
	l.size = sizeof(l);
	l.count = 1;
	l.ranges_ptr = (uintptr_t)sentinel;
	err = xioctl(ctl, PERSIST_E820_IOC_LIST, &l);
	if (err)
		vadd(&v, "failed with %s", ename(err));
	else if (l.count != base.count)
		vadd(&v, "count %u, want %u", l.count, base.count);
	for (i = 1; i < ARRAY_SIZE(sentinel) && !err; i++) {
		const unsigned char *p = (const void *)&sentinel[i];
		size_t k;

		for (k = 0; k < sizeof(sentinel[i]); k++) {
			if (p[k] != 0xa5) {
				vadd(&v, "entry %zu written", i);
				break;
			}
		}
	}
	if (!err && !snap_find(&base, sentinel[0].name))
		vadd(&v, "entry 0 is not a listed range");
	verdict(&v, "LIST with room for 1 of %u ranges writes one entry and returns the full count",
		base.count);
}

static void check_unknown_ioctls(void)
{
	static const struct {
		unsigned long cmd;
		const char *what;
	} cmds[] = {
		{ _IO(PERSIST_E820_IOC_MAGIC, 0x00), "nr 0x00" },
		{ _IOWR(PERSIST_E820_IOC_MAGIC, 0x05, struct persist_e820_alloc), "nr 0x05" },
		{ _IOWR(PERSIST_E820_IOC_MAGIC, 0xff, struct persist_e820_list), "nr 0xff" },
		{ _IOWR('x', 0x01, struct persist_e820_alloc), "ALLOC's nr with another magic" },
		{ _IOW(PERSIST_E820_IOC_MAGIC, 0x01, struct persist_e820_alloc), "ALLOC's nr as _IOW" },
		{ _IOWR(PERSIST_E820_IOC_MAGIC, 0x01, struct persist_e820_list), "ALLOC's nr with another size" },
		{ _IOR(PERSIST_E820_IOC_MAGIC, 0x03, struct persist_e820_name), "RELEASE's nr as _IOR" },
		{ _IOW(PERSIST_E820_IOC_MAGIC, 0x04, struct persist_e820_alloc), "OPEN's nr with another size" },
	};
	struct persist_e820_alloc a;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		/* A valid ALLOC argument: room enough for any of them. */
		a = alloc_arg(PREFIX "ioctl", DUP_LEN);
		bad_ioctl(cmds[i].cmd, &a, ENOTTY, 0,
			  "unknown ioctl %#lx (%s) -> ENOTTY, no change",
			  cmds[i].cmd, cmds[i].what);
	}
}

static void check_mmap(void)
{
	struct verdict v = { "" };
	struct persist_e820_name n;
	struct persist_e820_alloc a;
	unsigned char *p = NULL, *q;
	int fd, fd2, err;
	size_t i;

	/* Unbound fds: fresh, after a failed OPEN, after a failed ALLOC. */
	fd = dev_open();
	bad_mmap(fd, page, 0, "mmap on an fd not bound to a range fails with EINVAL or ENXIO");
	n = name_arg(PREFIX "nonexistent");
	xioctl(fd, PERSIST_E820_IOC_OPEN, &n);
	bad_mmap(fd, page, 0, "mmap after a failed OPEN (ENOENT) fails with EINVAL or ENXIO");
	close(fd);
	if (have_dup) {
		fd = dev_open();
		a = alloc_arg(DUP_NAME, DUP_LEN);
		err = xioctl(fd, PERSIST_E820_IOC_ALLOC, &a);
		if (err)
			bad_mmap(fd, page, 0, "mmap after a failed ALLOC (EEXIST) fails with EINVAL or ENXIO");
		close(fd);
		if (!err) {
			CHECK(false, "mmap after a failed ALLOC (EEXIST) fails with EINVAL or ENXIO",
			      "the second ALLOC of " DUP_NAME " succeeded");
			rebase();
		}
	}
	if (!have_dup) {
		CHECK(false, "mmap checks on " DUP_NAME, "skipped: " DUP_NAME " could not be allocated");
		return;
	}

	fd = dev_open();
	n = name_arg(DUP_NAME);
	err = xioctl(fd, PERSIST_E820_IOC_OPEN, &n);
	CHECK(!err, "OPEN of " DUP_NAME " succeeds", "failed with %s", ename(err));
	if (!err) {
		p = mmap(NULL, DUP_LEN, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		err = p == MAP_FAILED ? errno : 0;
		CHECK(!err, "mmap of all 8 KiB of the bound " DUP_NAME " succeeds",
		      "failed with %s", ename(err));
		if (err)
			p = NULL;
	}
	if (p) {
		for (i = 0; i < DUP_LEN; i++)
			p[i] = (unsigned char)(i * 131 + 7);

		n = name_arg(DUP_NAME);
		bad_ioctl(PERSIST_E820_IOC_RELEASE, &n, EBUSY, 0,
			  "RELEASE of the mapped " DUP_NAME " -> EBUSY, no change");
	}
	bad_mmap(fd, DUP_LEN + page, 0,
		 "mmap of length + 4096 of the bound range fails with EINVAL or ENXIO");
	bad_mmap(fd, page, DUP_LEN,
		 "mmap at offset length of the bound range fails with EINVAL or ENXIO");
	bad_mmap(fd, DUP_LEN, page,
		 "mmap of length bytes at offset 4096 of the bound range fails with EINVAL or ENXIO");
	bad_mmap_as(fd, DUP_LEN, 0, PROT_READ | PROT_WRITE, MAP_PRIVATE, EINVAL, 0,
		    "MAP_PRIVATE of the bound range fails with EINVAL (writes would not persist)");
	bad_mmap_as(fd, DUP_LEN, 0, PROT_READ, MAP_PRIVATE, EINVAL, 0,
		    "read-only MAP_PRIVATE of the bound range fails with EINVAL");
	bad_mmap_as(fd, DUP_LEN, 0, PROT_READ | PROT_EXEC, MAP_SHARED, EPERM, 0,
		    "PROT_EXEC mapping of the bound range fails with EPERM");
	if (p) {
		err = mprotect(p, page, PROT_READ | PROT_EXEC) ? errno : 0;
		CHECK(err == EACCES, "mprotect() of a mapping to PROT_EXEC fails with EACCES",
		      "%s", err ? ename(err) : "it succeeded");
	}
	if (p)
		munmap(p, DUP_LEN);
	close(fd);
	if (!p)
		return;

	/* What went in through one mapping comes out through another. */
	fd2 = dev_open();
	n = name_arg(DUP_NAME);
	err = xioctl(fd2, PERSIST_E820_IOC_OPEN, &n);
	q = MAP_FAILED;
	if (!err) {
		q = mmap(NULL, DUP_LEN, PROT_READ, MAP_SHARED, fd2, 0);
		if (q == MAP_FAILED)
			err = errno;
	}
	if (err) {
		vadd(&v, "OPEN or read-only mmap failed with %s", ename(err));
	} else {
		for (i = 0; i < DUP_LEN; i++) {
			if (q[i] != (unsigned char)(i * 131 + 7)) {
				vadd(&v, "byte %zu is %#x", i, q[i]);
				break;
			}
		}
		munmap(q, DUP_LEN);
	}
	close(fd2);
	verdict(&v, "data written through one mapping of " DUP_NAME " reads back through a read-only mapping of another fd");
}

#define USERS_NAME	PREFIX "users"

/* RELEASE of USERS_NAME while @what still maps it must be EBUSY */
static void busy_while(const char *what)
{
	struct verdict v = { "" };

	want_errno(&v, release_range(USERS_NAME), EBUSY, 0);
	verdict(&v, "RELEASE of " USERS_NAME " while %s maps it -> EBUSY", what);
}

/*
 * Mappings counted through what the kernel does to them: a fork (the
 * child's copy), a partial munmap (a split), an mremap that moves (a copy,
 * then the old one unmapped). While any part is mapped the range cannot
 * be released; once none is, it can; what went in through each mapping
 * is in the range.
 */
static void check_mapping_users(void)
{
	struct persist_e820_alloc a = alloc_arg(USERS_NAME, 2 * page);
	struct persist_e820_name n;
	struct verdict v = { "" };
	unsigned char *p, *q, *hole;
	int fd, err, status;
	size_t i;
	pid_t pid;

	fd = dev_open();
	err = xioctl(fd, PERSIST_E820_IOC_ALLOC, &a);
	p = err ? MAP_FAILED : mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
				   MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		err = err ? err : errno;
	close(fd);
	rebase();
	CHECK(!err, "ALLOC and mmap of " USERS_NAME " (8 KiB)", "%s", ename(err));
	if (err) {
		release_range(USERS_NAME);
		rebase();
		return;
	}

	fflush(stdout);
	pid = fork();
	if (!pid) {
		memset(p, 0xa5, page);		/* through the child's copy */
		_exit(0);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      !WEXITSTATUS(status), "a forked child writes through its copy of the mapping",
	      "fork or child failed");
	busy_while("the parent (after the child exited)");

	munmap(p + page, page);			/* splits the mapping */
	busy_while("the first page of a partly unmapped mapping");

	/* Move it: onto a reserved spot, so that it cannot stay put */
	hole = mmap(NULL, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	q = hole == MAP_FAILED ? MAP_FAILED :
	    mremap(p, page, page, MREMAP_MAYMOVE | MREMAP_FIXED, hole);
	err = q == MAP_FAILED ? errno : 0;
	CHECK(!err && q != p, "mremap moves the mapping", "%s", ename(err));
	if (err) {
		munmap(p, page);
		q = NULL;
	} else {
		busy_while("a moved mapping");
		q[page - 1] = 0x5a;		/* through the moved mapping */
		munmap(q, page);
	}

	/* What the child and the moved mapping wrote is in the range */
	fd = dev_open();
	n = name_arg(USERS_NAME);
	err = xioctl(fd, PERSIST_E820_IOC_OPEN, &n);
	p = err ? MAP_FAILED : mmap(NULL, page, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		vadd(&v, "OPEN or mmap: %s", ename(err ? err : errno));
	} else {
		for (i = 0; i < page - 1 && p[i] == 0xa5; i++)
			;
		if (i < page - 1)
			vadd(&v, "byte %zu is %#x, the child wrote 0xa5", i, p[i]);
		if (q && p[page - 1] != 0x5a)
			vadd(&v, "the last byte is %#x, the moved mapping wrote 0x5a",
			     p[page - 1]);
		munmap(p, page);
	}
	close(fd);
	verdict(&v, "the bytes written through the child's copy and the moved mapping are in the range");

	err = release_range(USERS_NAME);
	CHECK(!err, "RELEASE of " USERS_NAME " once nothing maps it succeeds",
	      "%s (a mapping still counted)", ename(err));
	rebase();
}

/* In a child: drop to uid/gid NOBODY, no capability left (else a failed check) */
static bool drop_to_nobody(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct caps[_LINUX_CAPABILITY_U32S_3];

	if (setgroups(0, NULL) || setgid(NOBODY) || setuid(NOBODY)) {
		CHECK(false, "drop to uid/gid 65534", "%s", strerror(errno));
		return false;
	}
	memset(caps, 0, sizeof(caps));
	if (syscall(SYS_capget, &hdr, caps) ||
	    caps[0].effective || caps[1].effective ||
	    caps[0].permitted || caps[1].permitted) {
		CHECK(false, "capabilities gone as uid 65534",
		      "capget: effective %#x %#x permitted %#x %#x",
		      caps[0].effective, caps[1].effective,
		      caps[0].permitted, caps[1].permitted);
		return false;
	}
	return true;
}

/* In the child: drop to uid/gid NOBODY, then try @node. */
static void unprivileged_child(const char *node, const char *what)
{
	struct persist_e820_alloc a;
	struct persist_e820_list l;
	struct persist_e820_name n;
	struct verdict v = { "" };
	int fd, err;
	void *p;

	if (!drop_to_nobody())
		return;

	fd = open(node, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		want_errno(&v, errno, EPERM, EACCES);
		verdict(&v, "uid 65534 without capabilities: open of %s fails with EPERM or EACCES",
			what);
		return;
	}

	a = alloc_arg(PREFIX "unpriv", DUP_LEN);
	want_errno(&v, xioctl(fd, PERSIST_E820_IOC_ALLOC, &a), EPERM, EACCES);
	verdict(&v, "uid 65534 without capabilities, %s opened: ALLOC fails with EPERM or EACCES",
		what);

	v.why[0] = '\0';
	l = list_arg();
	want_errno(&v, xioctl(fd, PERSIST_E820_IOC_LIST, &l), EPERM, EACCES);
	verdict(&v, "uid 65534 without capabilities, %s opened: LIST fails with EPERM or EACCES",
		what);

	v.why[0] = '\0';
	n = name_arg(target_name());
	want_errno(&v, xioctl(fd, PERSIST_E820_IOC_RELEASE, &n), EPERM, EACCES);
	verdict(&v, "uid 65534 without capabilities, %s opened: RELEASE %s fails with EPERM or EACCES",
		what, target_name());

	v.why[0] = '\0';
	err = xioctl(fd, PERSIST_E820_IOC_OPEN, &n);
	want_errno(&v, err, EPERM, EACCES);
	if (!err) {
		p = mmap(NULL, DUP_LEN, PROT_READ, MAP_SHARED, fd, 0);
		if (p != MAP_FAILED) {
			vadd(&v, "and mmap of it succeeded");
			munmap(p, DUP_LEN);
		}
	}
	verdict(&v, "uid 65534 without capabilities, %s opened: OPEN %s fails with EPERM or EACCES",
		what, target_name());
	close(fd);
}

/*
 * Files root opened, handed to a process without capabilities (as to a
 * sandboxed VMM): the bound one maps its range, neither makes a request.
 */
static void handed_child(int fd, int bound)
{
	struct persist_e820_alloc a;
	struct persist_e820_list l;
	struct persist_e820_name n;
	struct verdict v = { "" };
	void *p;

	if (setgroups(0, NULL) || setgid(NOBODY) || setuid(NOBODY)) {
		CHECK(false, "drop to uid/gid 65534", "%s", strerror(errno));
		return;
	}
	a = alloc_arg(PREFIX "handed", DUP_LEN);
	want_errno(&v, xioctl(fd, PERSIST_E820_IOC_ALLOC, &a), EPERM, 0);
	verdict(&v, "uid 65534 with a file root opened: ALLOC fails with EPERM");

	v.why[0] = '\0';
	l = list_arg();
	want_errno(&v, xioctl(fd, PERSIST_E820_IOC_LIST, &l), EPERM, 0);
	verdict(&v, "uid 65534 with a file root opened: LIST fails with EPERM");

	v.why[0] = '\0';
	n = name_arg(DUP_NAME);
	want_errno(&v, xioctl(fd, PERSIST_E820_IOC_RELEASE, &n), EPERM, 0);
	verdict(&v, "uid 65534 with a file root opened: RELEASE " DUP_NAME " fails with EPERM");

	v.why[0] = '\0';
	want_errno(&v, xioctl(bound, PERSIST_E820_IOC_RELEASE, &n), EPERM, 0);
	verdict(&v, "uid 65534 with the file bound to " DUP_NAME ": RELEASE fails with EPERM");

	v.why[0] = '\0';
	p = mmap(NULL, DUP_LEN, PROT_READ | PROT_WRITE, MAP_SHARED, bound, 0);
	if (p == MAP_FAILED)
		vadd(&v, "mmap failed with %s", ename(errno));
	else
		munmap(p, DUP_LEN);
	verdict(&v, "uid 65534 with the file bound to " DUP_NAME ": mmap of the range works");
}

/*
 * Run @fn(@arg) in a forked child whose checks count with ours; the
 * registry must be as it was afterwards ("@what changed nothing").
 */
static void run_child(void (*fn)(const void *arg), const void *arg,
		      const char *what)
{
	struct verdict v = { "" };
	pid_t pid;
	int status;

	memset(child_counts, 0, sizeof(*child_counts));
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		CHECK(false, "fork for the checks of a child", "%s", strerror(errno));
		return;
	}
	if (!pid) {
		checks = failures = 0;
		fn(arg);
		child_counts->checks = checks;
		child_counts->failures = failures;
		fflush(stdout);
		_exit(failures ? 1 : 0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		vadd(&v, "child did not exit normally (status %#x)", status);
	else if (WEXITSTATUS(status) != !!child_counts->failures)
		vadd(&v, "child exited with %d", WEXITSTATUS(status));
	checks += child_counts->checks;
	failures += child_counts->failures;
	expect_unchanged(&v);
	verdict(&v, "%s changed nothing", what);
}

struct node_arg {
	const char *node, *what;
};

static void unprivileged_run(const void *arg)
{
	const struct node_arg *a = arg;

	unprivileged_child(a->node, a->what);
}

static void run_unprivileged(const char *node, const char *what)
{
	struct node_arg a = { node, what };
	char desc[128];

	snprintf(desc, sizeof(desc), "unprivileged calls through %s", what);
	run_child(unprivileged_run, &a, desc);
}

static void check_unprivileged(void)
{
	char dir[] = "/tmp/pe-abi-test.XXXXXX", node[64];
	struct verdict v = { "" };
	struct stat st;
	int fd;

	run_unprivileged(dev, dev);

	/*
	 * The real node is probably 0600 root: a 0666 copy shows that the
	 * driver itself refuses, not the file mode.  Root must be able to
	 * open the copy (else /tmp is nodev and the check means nothing).
	 */
	if (stat(dev, &st) || !S_ISCHR(st.st_mode)) {
		CHECK(false, "make a 0666 copy of the device node",
		      "%s is not a character device", dev);
		return;
	}
	if (!mkdtemp(dir) || chmod(dir, 0755)) {
		CHECK(false, "make a 0666 copy of the device node", "mkdtemp: %s",
		      strerror(errno));
		return;
	}
	snprintf(node, sizeof(node), "%s/node", dir);
	if (mknod(node, S_IFCHR | 0666, st.st_rdev) || chmod(node, 0666)) {
		vadd(&v, "mknod: %s", strerror(errno));
	} else if ((fd = open(node, O_RDWR | O_CLOEXEC)) < 0) {
		vadd(&v, "root cannot open it: %s", strerror(errno));
	} else {
		close(fd);
	}
	verdict(&v, "a 0666 copy of the device node works for root");
	if (!v.why[0])
		run_unprivileged(node, "a 0666 copy of the node");
	unlink(node);
	rmdir(dir);
}

/* In the child, as uid NOBODY: the address file @arg cannot be read */
static void memmap_run(const void *arg)
{
	struct verdict v = { "" };
	int fd;

	if (!drop_to_nobody())
		return;
	fd = open(arg, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		vadd(&v, "it opened");
		close(fd);
	} else {
		want_errno(&v, errno, EACCES, 0);
	}
	verdict(&v, "uid 65534: open of %s fails with EACCES", (const char *)arg);
}

/*
 * /sys/firmware/memmap shows each persisted range split out of RAM: the
 * addresses of every entry are root's only (0400), as /proc/iomem's are.
 */
static void check_firmware_memmap(void)
{
	static const char *const files[] = { "start", "end" };
	static char first[300];
	struct verdict v = { "" };
	unsigned int f, n = 0;
	struct dirent *d;
	char path[300];
	struct stat st;
	DIR *dir;

	dir = opendir("/sys/firmware/memmap");
	if (!dir) {
		CHECK(false, "/sys/firmware/memmap is there", "%s", strerror(errno));
		return;
	}
	while ((d = readdir(dir))) {
		if (d->d_name[0] == '.')
			continue;
		for (f = 0; f < 2; f++) {
			snprintf(path, sizeof(path), "/sys/firmware/memmap/%s/%s",
				 d->d_name, files[f]);
			if (stat(path, &st))
				vadd(&v, "%s: %s", path, strerror(errno));
			else if ((st.st_mode & 07777) != 0400)
				vadd(&v, "%s is mode %04o", path,
				     (unsigned int)(st.st_mode & 07777));
			if (!n++)
				memcpy(first, path, sizeof(first));
		}
	}
	closedir(dir);
	if (!n)
		vadd(&v, "no entries");
	verdict(&v, "/sys/firmware/memmap: start and end of every entry are mode 0400");
	if (n)
		run_child(memmap_run, first, "an unprivileged read of /sys/firmware/memmap");
}

static void handed_run(const void *arg)
{
	const int *files = arg;

	handed_child(files[0], files[1]);
}

static void check_handed(void)
{
	struct persist_e820_name n;
	int fd, bound, err, files[2];

	if (!have_dup) {
		CHECK(false, "checks of handed-over files", "skipped: " DUP_NAME " could not be allocated");
		return;
	}
	fd = dev_open();
	bound = dev_open();
	n = name_arg(DUP_NAME);
	err = xioctl(bound, PERSIST_E820_IOC_OPEN, &n);
	CHECK(!err, "root OPENs " DUP_NAME " for a less privileged process",
	      "failed with %s", ename(err));
	files[0] = fd;
	files[1] = bound;
	run_child(handed_run, files, "requests through handed-over files");
	close(bound);
	close(fd);
}

static void check_registry_limit(void)
{
	struct verdict v = { "" };
	struct persist_e820_alloc a;
	struct persist_e820_list l;
	char name[PERSIST_E820_NAME_LEN];
	struct snap before, full;
	uint32_t want, done, i;
	int err = 0, release_errs = 0, first_err = 0;

	snap_take(&before);
	if (before.count >= PERSIST_E820_MAX_RANGES) {
		CHECK(false, "registry limit", "the registry already holds %u ranges",
		      before.count);
		snap_free(&before);
		return;
	}
	want = PERSIST_E820_MAX_RANGES - before.count;
	for (done = 0; done < want; done++) {
		snprintf(name, sizeof(name), PREFIX "lim-%u", done);
		err = alloc_range(name, page, NULL);
		if (err)
			break;
	}
	if (err)
		vadd(&v, "ALLOC of %s failed with %s with %u ranges in the registry",
		     name, ename(err), before.count + done);
	verdict(&v, "the registry takes ranges up to PERSIST_E820_MAX_RANGES (%u abi-lim-* of 4 KiB added to %u)",
		want, before.count);

	rebase();
	if (!err) {
		CHECK(base.count == PERSIST_E820_MAX_RANGES,
		      "LIST returns all PERSIST_E820_MAX_RANGES ranges",
		      "count %u err %s", base.count, ename(base.err));
		check_entries(&base, "of a full registry");

		snprintf(name, sizeof(name), PREFIX "lim-%u", done);
		a = alloc_arg(name, page);
		bad_ioctl(PERSIST_E820_IOC_ALLOC, &a, ENOSPC, 0,
			  "ALLOC beyond PERSIST_E820_MAX_RANGES -> ENOSPC, no change");

		/* Too little room: the full count comes back. */
		memset(&l, 0, sizeof(l));
		l.size = sizeof(l);
		l.count = 7;
		l.ranges_ptr = (uintptr_t)list_buf;
		err = xioctl(ctl, PERSIST_E820_IOC_LIST, &l);
		CHECK(!err && l.count == PERSIST_E820_MAX_RANGES,
		      "LIST with room for 7 returns the count of a full registry",
		      "err %s count %u", ename(err), l.count);
	}

	for (i = 0; i < done; i++) {
		snprintf(name, sizeof(name), PREFIX "lim-%u", i);
		err = release_range(name);
		if (err && !release_errs++)
			first_err = err;
	}
	v.why[0] = '\0';
	if (release_errs)
		vadd(&v, "%d releases failed, the first with %s", release_errs,
		     ename(first_err));
	snap_take(&full);
	snap_diff(&v, &before, &full, false);
	verdict(&v, "after releasing the %u abi-lim-* ranges LIST is back where it was",
		done);
	snap_free(&full);
	snap_free(&before);
	rebase();
}

static void check_final(const struct snap *start)
{
	struct persist_e820_name n;
	struct verdict v = { "" };
	uint64_t gen = base.generation;
	struct snap end;
	int err;

	if (have_dup) {
		err = release_range(DUP_NAME);
		if (err)
			vadd(&v, "failed with %s", ename(err));
		have_dup = !!err;
		rebase();
		if (!err && (base.err || snap_find(&base, DUP_NAME)))
			vadd(&v, "still listed (or LIST failed: %s)", ename(base.err));
		if (!err && !base.err && base.generation == gen)
			vadd(&v, "generation stayed %llu", (unsigned long long)gen);
		verdict(&v, "RELEASE of " DUP_NAME " succeeds, it is no longer listed, new generation");
		if (!err) {
			n = name_arg(DUP_NAME);
			bad_ioctl(PERSIST_E820_IOC_RELEASE, &n, ENOENT, 0,
				  "RELEASE of " DUP_NAME " again -> ENOENT, no change");
		}
	}
	v.why[0] = '\0';
	snap_take(&end);
	snap_diff(&v, start, &end, false);
	if (!end.err && end.generation == start->generation)
		vadd(&v, "generation still %llu after adds and releases",
		     (unsigned long long)end.generation);
	verdict(&v, "at the end LIST holds the same ranges as at the start, with a new generation");
	snap_free(&end);
}

int main(int argc, char **argv)
{
	struct snap start;
	const char *env = getenv("PERSISTCTL_DEVICE");

	setvbuf(stdout, NULL, _IOLBF, 0);
	dev = argc > 1 ? argv[1] : env && *env ? env : "/dev/persist_e820";
	page = (uint64_t)sysconf(_SC_PAGESIZE);

	if (geteuid()) {
		printf("not ok pe-abi-test runs as root # euid %u\n", geteuid());
		return 2;
	}
	child_counts = mmap(NULL, sizeof(*child_counts), PROT_READ | PROT_WRITE,
			    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (child_counts == MAP_FAILED) {
		printf("not ok pe-abi-test starts # mmap: %s\n", strerror(errno));
		return 2;
	}
	ctl = dev_open();
	if (ctl < 0) {
		printf("not ok open %s # %s\n", dev, strerror(errno));
		return 2;
	}
	CHECK(true, "open of the device as root", "-");

	release_leftovers();
	if (snap_take(&start)) {
		printf("not ok LIST works # %s\n", ename(start.err));
		return 2;
	}
	check_list_basics(&start);
	rebase();

	check_alloc_dup();
	check_alloc_lengths();
	check_names();
	check_existence();
	check_flags_and_reserved();
	check_size_fields();
	check_pointers();
	check_unknown_ioctls();
	check_mmap();
	check_mapping_users();
	check_unprivileged();
	check_firmware_memmap();
	check_handed();
	check_registry_limit();
	check_final(&start);

	snap_free(&start);
	snap_free(&base);
	close(ctl);
	printf("# pe-abi-test: %d checks, %d failed\n", checks, failures);
	return failures ? 1 : 0;
}
