// SPDX-License-Identifier: GPL-2.0
/*
 * Reader for /sys/firmware/memmap.  All input is treated as untrusted:
 * every value is bounded and validated before it is used.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memmap.h"
#include "util.h"

/* Longest file read at all; values are then checked against their limit. */
#define ATTR_READ_MAX	128

static void __printf(2, 3) set_err(struct memmap *map, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(map->err, sizeof(map->err), fmt, ap);
	va_end(ap);
}

/* Read until EOF or @size bytes; return the byte count or -errno. */
static ssize_t read_full(int fd, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;

	while (len < size) {
		n = read(fd, buf + len, size - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (!n)
			break;
		len += n;
	}
	return len;
}

static int check_regular(int fd, const char **why)
{
	struct stat st;

	if (fstat(fd, &st))
		return -errno;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	if (!S_ISREG(st.st_mode)) {
		*why = "not a regular file";
		return -EINVAL;
	}
	return 0;
}

/*
 * Read the small file @name under @dfd as a string of at most @size - 1
 * bytes, without its trailing newline.  O_NONBLOCK keeps a FIFO from
 * blocking the open; check_regular() then rejects it.
 */
static int read_attr(int dfd, const char *name, char *buf, size_t size,
		     const char **why)
{
	char raw[ATTR_READ_MAX];
	ssize_t len;
	int fd, ret;

	fd = openat(dfd, name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return -errno;

	ret = check_regular(fd, why);
	if (ret)
		goto out;

	len = read_full(fd, raw, sizeof(raw));
	if (len < 0) {
		ret = len;
		goto out;
	}
	if (memchr(raw, '\0', len)) {
		*why = "contains a NUL byte";
		ret = -EINVAL;
		goto out;
	}
	if (len && raw[len - 1] == '\n')
		len--;
	if ((size_t)len >= size) {
		*why = "value too long";
		ret = -EOVERFLOW;
		goto out;
	}
	memcpy(buf, raw, len);
	buf[len] = '\0';
out:
	close(fd);
	return ret;
}

static int read_num(int efd, const char *name, uint64_t *val,
		    const char **why)
{
	char buf[MEMMAP_NUM_LEN];
	const char *end;
	int ret;

	ret = read_attr(efd, name, buf, sizeof(buf), why);
	if (ret)
		return ret;

	ret = has_hex_prefix(buf) ? parse_u64(buf, &end, val) : -EINVAL;
	if (ret == -EINVAL || *end) {
		*why = "not a 0x-prefixed hex number";
		return -EINVAL;
	}
	if (ret)
		*why = "number wider than 64 bits";
	return ret;
}

static int read_type(int efd, char *type, const char **why)
{
	const unsigned char *p;
	int ret;

	ret = read_attr(efd, "type", type, MEMMAP_TYPE_LEN, why);
	if (ret)
		return ret;

	if (!*type) {
		*why = "empty type";
		return -EINVAL;
	}
	for (p = (const unsigned char *)type; *p; p++) {
		if (*p < 0x20 || *p > 0x7e) {
			*why = "non-printable character in type";
			return -EINVAL;
		}
	}
	return 0;
}

static int check_range(const struct memmap_entry *e, const char **why)
{
	if (e->end < e->start) {
		*why = "end is below start";
		return -EINVAL;
	}
	if (e->start == 0 && e->end == UINT64_MAX) {
		*why = "range covers the whole 64-bit space";
		return -ERANGE;
	}
	return 0;
}

/* Read entry directory @name under the memmap directory @dir (fd @dfd). */
static int read_entry(struct memmap *map, const char *dir, int dfd,
		      const char *name, struct memmap_entry *e)
{
	const char *attr = NULL, *why = NULL;
	int efd, ret;

	efd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (efd < 0) {
		ret = -errno;
		goto fail;
	}

	attr = "start";
	ret = read_num(efd, attr, &e->start, &why);
	if (ret)
		goto out;

	attr = "end";
	ret = read_num(efd, attr, &e->end, &why);
	if (ret)
		goto out;

	attr = "type";
	ret = read_type(efd, e->type, &why);
	if (ret)
		goto out;

	attr = NULL;
	ret = check_range(e, &why);
out:
	close(efd);
	if (!ret)
		return 0;
fail:
	set_err(map, "%s/%s%s%s%s%s", dir, name, attr ? "/" : "",
		attr ? attr : "", why ? ": " : "", why ? why : "");
	return ret;
}

static bool is_index(const char *name)
{
	if (!*name)
		return false;
	for (; *name; name++) {
		if (*name < '0' || *name > '9')
			return false;
	}
	return true;
}

/* Count numbered entries in @d, failing once there are more than @max. */
static int count_entries(DIR *d, size_t max, size_t *nr)
{
	struct dirent *de;
	size_t n = 0;

	errno = 0;
	while ((de = readdir(d))) {
		if (is_index(de->d_name) && ++n > max)
			return -E2BIG;
	}
	if (errno)
		return -errno;

	*nr = n;
	return 0;
}

/* Read up to *nr entries into @entries; *nr is updated to the count read. */
static int read_entries(struct memmap *map, const char *dir, DIR *d,
			struct memmap_entry *entries, size_t *nr)
{
	struct dirent *de;
	size_t i = 0;
	int ret;

	rewinddir(d);
	for (errno = 0; (de = readdir(d)); errno = 0) {
		if (!is_index(de->d_name))
			continue;
		if (i == *nr) {
			set_err(map, "%s: directory changed while reading", dir);
			return -EAGAIN;
		}
		ret = read_entry(map, dir, dirfd(d), de->d_name, &entries[i]);
		if (ret)
			return ret;
		i++;
	}
	if (errno) {
		ret = -errno;
		set_err(map, "%s", dir);
		return ret;
	}

	*nr = i;
	return 0;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct memmap_entry *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return 0;
}

int memmap_read_max(const char *dir, size_t max_entries, struct memmap *map)
{
	struct memmap_entry *entries = NULL;
	size_t nr = 0;
	DIR *d;
	int ret;

	memset(map, 0, sizeof(*map));

	d = opendir(dir);
	if (!d) {
		ret = -errno;
		set_err(map, "%s", dir);
		return ret;
	}

	ret = count_entries(d, max_entries, &nr);
	if (ret == -E2BIG)
		set_err(map, "%s: more than %zu entries", dir, max_entries);
	else if (ret)
		set_err(map, "%s", dir);
	if (ret)
		goto out_close;

	if (nr) {
		entries = calloc(nr, sizeof(*entries));
		if (!entries) {
			ret = -ENOMEM;
			set_err(map, "%s: %zu entries", dir, nr);
			goto out_close;
		}
	}

	ret = read_entries(map, dir, d, entries, &nr);
	if (ret)
		goto out_free;

	if (nr)
		qsort(entries, nr, sizeof(*entries), cmp_entry);
	map->entries = entries;
	map->nr = nr;
	closedir(d);
	return 0;

out_free:
	free(entries);
out_close:
	closedir(d);
	return ret;
}

int memmap_read(const char *dir, struct memmap *map)
{
	return memmap_read_max(dir, MEMMAP_MAX_ENTRIES, map);
}

void memmap_free(struct memmap *map)
{
	free(map->entries);
	map->entries = NULL;
	map->nr = 0;
}

bool memmap_entry_is_ram(const struct memmap_entry *e)
{
	return !strcmp(e->type, MEMMAP_TYPE_RAM);
}

int memmap_totals(const struct memmap *map, struct memmap_totals *totals)
{
	const struct memmap_entry *e;
	uint64_t *sum;
	size_t i;

	totals->ram = 0;
	totals->other = 0;
	for (i = 0; i < map->nr; i++) {
		e = &map->entries[i];
		sum = memmap_entry_is_ram(e) ? &totals->ram : &totals->other;
		if (__builtin_add_overflow(*sum, memmap_entry_size(e), sum))
			return -ERANGE;
	}
	return 0;
}
