// SPDX-License-Identifier: GPL-2.0
/*
 * Client side of the /dev/persist_e820 driver ABI: names, error messages,
 * the ioctls, and copies to and from a mapped range.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "persist.h"
#include "util.h"

#define STRINGIFY_(x)	#x
#define STRINGIFY(x)	STRINGIFY_(x)

const char *pe_device_path(void)
{
	const char *path = getenv(PE_DEVICE_ENV);

	return path && *path ? path : PE_DEFAULT_DEVICE;
}

static const char *name_byte_kind(unsigned char c)
{
	if (c == ' ')
		return "a space";
	if (c == '/')
		return "a slash";
	if (c < 0x20 || c == 0x7f)
		return "a control character";
	if (c > 0x7f)
		return "a non-ASCII byte";
	return "a character names cannot have";
}

/* The kernel's rule (<linux/persist_e820.h>): letters, digits, NAME_PUNCT */
static bool name_char_ok(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') ||
	       (c && strchr(PERSIST_E820_NAME_PUNCT, c));
}

int pe_name_check(const char *name, char *why, size_t len)
{
	size_t i, n = strlen(name);
	unsigned char c;

	if (!n) {
		snprintf(why, len, "name is empty");
		return -EINVAL;
	}
	if (n > PE_NAME_MAX) {
		snprintf(why, len,
			 "name is %zu characters long, at most %d are allowed",
			 n, PE_NAME_MAX);
		return -EINVAL;
	}
	if (name[0] == '.') {
		snprintf(why, len, "name starts with '.'");
		return -EINVAL;
	}
	for (i = 0; i < n; i++) {
		c = (unsigned char)name[i];
		if (!name_char_ok(c)) {
			snprintf(why, len,
				 "name contains %s (byte 0x%02x at offset %zu); only ASCII letters, digits and %s are allowed",
				 name_byte_kind(c), c, i, PERSIST_E820_NAME_PUNCT);
			return -EINVAL;
		}
	}
	return 0;
}

static const struct {
	int err;
	const char *name;
} errno_names[] = {
#define E(e) { e, #e }
	E(EPERM), E(ENOENT), E(EINTR), E(EIO), E(ENXIO), E(E2BIG),
	E(EBADF), E(EAGAIN), E(ENOMEM), E(EACCES), E(EFAULT), E(EBUSY),
	E(EEXIST), E(ENODEV), E(ENOTDIR), E(EISDIR), E(EINVAL), E(EMFILE),
	E(ENOTTY), E(EFBIG), E(ENOSPC), E(ESPIPE), E(EROFS), E(EPIPE),
	E(ERANGE), E(ENOSYS), E(EPROTO), E(EOVERFLOW), E(EOPNOTSUPP),
#undef E
};

const char *pe_errno_name(int err)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errno_names); i++) {
		if (errno_names[i].err == err)
			return errno_names[i].name;
	}
	return NULL;
}

/* What the driver means by @err; the header's list, plus ENOTTY. */
static const char *driver_error_text(int err)
{
	switch (err) {
	case EINVAL:
		return "invalid request: bad name or size, or persistctl does not match the kernel";
	case EEXIST:
		return "a range with that name exists";
	case ENOENT:
		return "no range with that name";
	case ENOSPC:
		return "the registry is full: it holds at most "
		       STRINGIFY(PERSIST_E820_MAX_RANGES) " ranges";
	case ENOMEM:
		return "not enough contiguous free memory for that size";
	case EOVERFLOW:
		return "size too large";
	case EBUSY:
		return "the range is open or mapped";
	case E2BIG:
		return "the memory map handed to the next kernel would be longer "
		       "than it keeps: release or coalesce ranges";
	case EPERM:
	case EACCES:
		return "needs CAP_SYS_ADMIN (run as root)";
	case ENOTTY:
		return "not a persist_e820 device, or a kernel that does not match persistctl";
	default:
		return strerror(err);
	}
}

char *pe_error_message(int err, char *buf, size_t len)
{
	const char *name = pe_errno_name(err);

	if (name)
		snprintf(buf, len, "%s (%s)", driver_error_text(err), name);
	else
		snprintf(buf, len, "%s (errno %d)", driver_error_text(err), err);
	return buf;
}

char *pe_open_error_message(int err, char *buf, size_t len)
{
	switch (err) {
	case ENOENT:
	case ENODEV:
	case ENXIO:
		snprintf(buf, len,
			 "no such device: is the kernel built with CONFIG_PERSIST_E820?");
		break;
	case EACCES:
	case EPERM:
		snprintf(buf, len,
			 "permission denied: needs CAP_SYS_ADMIN (run as root)");
		break;
	default:
		snprintf(buf, len, "%s", strerror(err));
		break;
	}
	return buf;
}

/* As the kernel's /sys/kernel/persist_e820/NAME/origin says it */
const char *pe_origin(uint32_t flags)
{
	if (flags & PERSIST_E820_F_UNNAMED)
		return "unnamed";
	if (flags & PERSIST_E820_F_INHERITED)
		return "inherited";
	if (flags & PERSIST_E820_F_ALLOCATED)
		return "allocated";
	return "registered";
}

char *pe_range_str(char *buf, const char *src, size_t srclen)
{
	size_t i;

	for (i = 0; i < srclen && src[i]; i++) {
		unsigned char c = (unsigned char)src[i];

		buf[i] = c >= 0x20 && c <= 0x7e ? (char)c : '?';
	}
	buf[i] = '\0';
	return buf;
}

int pe_list_fetch(pe_list_fn list, void *ctx, struct pe_ranges *out)
{
	struct persist_e820_range *buf;
	struct persist_e820_list arg;
	uint64_t room = PE_LIST_GUESS;
	int attempt, ret;

	memset(out, 0, sizeof(*out));
	for (attempt = 0; attempt < PE_LIST_ATTEMPTS; attempt++) {
		buf = calloc(room, sizeof(*buf));
		if (!buf)
			return -ENOMEM;

		memset(&arg, 0, sizeof(arg));
		arg.size = sizeof(arg);
		arg.count = (uint32_t)room;
		arg.ranges_ptr = (uintptr_t)buf;
		ret = list(ctx, &arg);
		if (ret) {
			free(buf);
			return ret;
		}
		if (arg.count <= room) {
			out->ranges = buf;
			out->nr = arg.count;
			out->generation = arg.generation;
			return 0;
		}

		/* More than there was room for: retry with slack for growth. */
		free(buf);
		room = (uint64_t)arg.count + arg.count / 8 + 4;
		if (room > UINT32_MAX)
			room = UINT32_MAX;
	}
	return -EAGAIN;
}

void pe_ranges_free(struct pe_ranges *rs)
{
	free(rs->ranges);
	memset(rs, 0, sizeof(*rs));
}

static int range_cmp(const void *a, const void *b)
{
	const struct persist_e820_range *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return strncmp(x->name, y->name, sizeof(x->name));
}

void pe_ranges_sort(struct pe_ranges *rs)
{
	if (rs->nr > 1)
		qsort(rs->ranges, rs->nr, sizeof(*rs->ranges), range_cmp);
}

const struct persist_e820_range *pe_ranges_find(const struct pe_ranges *rs,
						const char *name)
{
	size_t i;

	if (strlen(name) > PE_NAME_MAX)
		return NULL;
	for (i = 0; i < rs->nr; i++) {
		if (!strncmp(rs->ranges[i].name, name, PERSIST_E820_NAME_LEN))
			return &rs->ranges[i];
	}
	return NULL;
}

/* Copy a checked name into a zeroed name field. */
static int set_name(char dst[PERSIST_E820_NAME_LEN], const char *name)
{
	size_t n = strlen(name);

	if (n > PE_NAME_MAX)
		return -EINVAL;
	memcpy(dst, name, n);
	return 0;
}

int pe_alloc(int fd, const char *name, uint64_t length, uint64_t *phys_addr)
{
	struct persist_e820_alloc arg;

	memset(&arg, 0, sizeof(arg));
	arg.size = sizeof(arg);
	arg.length = length;
	if (set_name(arg.name, name))
		return -EINVAL;
	if (ioctl(fd, PERSIST_E820_IOC_ALLOC, &arg))
		return -errno;
	*phys_addr = arg.phys_addr;
	return 0;
}

static int name_ioctl(int fd, unsigned long cmd, const char *name)
{
	struct persist_e820_name arg;

	memset(&arg, 0, sizeof(arg));
	arg.size = sizeof(arg);
	if (set_name(arg.name, name))
		return -EINVAL;
	return ioctl(fd, cmd, &arg) ? -errno : 0;
}

int pe_release(int fd, const char *name)
{
	return name_ioctl(fd, PERSIST_E820_IOC_RELEASE, name);
}

int pe_bind(int fd, const char *name)
{
	return name_ioctl(fd, PERSIST_E820_IOC_OPEN, name);
}

static int ioctl_list(void *ctx, struct persist_e820_list *arg)
{
	return ioctl(*(int *)ctx, PERSIST_E820_IOC_LIST, arg) ? -errno : 0;
}

int pe_list(int fd, struct pe_ranges *out)
{
	return pe_list_fetch(ioctl_list, &fd, out);
}

int64_t pe_input_size(int fd)
{
	struct stat st;
	off_t pos;

	if (fstat(fd, &st))
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -ESPIPE;
	pos = lseek(fd, 0, SEEK_CUR);
	if (pos < 0)
		return -ESPIPE;
	return st.st_size > pos ? st.st_size - pos : 0;
}

/* read() that retries on EINTR: bytes read, 0 at EOF, or -errno. */
static ssize_t read_some(int fd, void *buf, size_t len)
{
	ssize_t n;

	do
		n = read(fd, buf, len);
	while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n;
}

int pe_copy_in(int fd, void *dst, uint64_t len, struct pe_copy_result *res)
{
	char *buf = malloc(PE_COPY_CHUNK);
	ssize_t n = 0;
	size_t want;

	res->copied = 0;
	res->too_long = false;
	if (!buf)
		return -ENOMEM;

	while (res->copied < len) {
		want = len - res->copied < PE_COPY_CHUNK ?
		       (size_t)(len - res->copied) : PE_COPY_CHUNK;
		n = read_some(fd, buf, want);
		if (n <= 0)
			break;
		memcpy((char *)dst + res->copied, buf, n);
		res->copied += n;
	}
	/* Full: is there more? */
	if (n >= 0 && res->copied == len) {
		n = read_some(fd, buf, 1);
		res->too_long = n > 0;
	}
	free(buf);
	return n < 0 ? (int)n : 0;
}

int pe_copy_out(int fd, const void *src, uint64_t len)
{
	char *buf = malloc(PE_COPY_CHUNK);
	uint64_t done = 0;
	size_t chunk, off;
	ssize_t n;
	int ret = 0;

	if (!buf)
		return -ENOMEM;

	while (!ret && done < len) {
		chunk = len - done < PE_COPY_CHUNK ? (size_t)(len - done)
						   : PE_COPY_CHUNK;
		memcpy(buf, (const char *)src + done, chunk);
		for (off = 0; off < chunk; off += n) {
			n = write(fd, buf + off, chunk - off);
			if (n < 0 && errno == EINTR) {
				n = 0;
				continue;
			}
			if (n <= 0) {
				ret = n < 0 ? -errno : -EIO;
				break;
			}
		}
		done += chunk;
	}
	free(buf);
	return ret;
}
