/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Client side of the /dev/persist_e820 driver ABI (<linux/persist_e820.h>):
 * name validation, error messages, the LIST retry loop, stdin/stdout
 * copies to and from a mapped range, and table and JSON output of a list.
 *
 * Functions that can fail return 0 (or a non-negative value) or a negative
 * errno.  Every ioctl argument is zero-initialised with its size field set,
 * so that the kernel's reserved-field checks pass.
 */
#ifndef PERSISTCTL_PERSIST_H
#define PERSISTCTL_PERSIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/persist_e820.h>

#define PE_DEFAULT_DEVICE	"/dev/persist_e820"
#define PE_DEVICE_ENV		"PERSISTCTL_DEVICE"
#define PE_NAME_MAX		(PERSIST_E820_NAME_LEN - 1)	/* 31 */
#define PE_MSG_LEN		160	/* any pe_*_message() or name reason */

/* LIST retry loop: first guess at the number of ranges, and attempts. */
#define PE_LIST_GUESS		16
#define PE_LIST_ATTEMPTS	8

/* Bytes per read()/write() in pe_copy_in() and pe_copy_out(). */
#define PE_COPY_CHUNK		(1U << 20)

/* The device node: $PERSISTCTL_DEVICE if set and non-empty, else the default. */
const char *pe_device_path(void);

/*
 * pe_name_check() - validate a range name as the kernel does
 * @name: NUL-terminated candidate
 * @why:  on -EINVAL, a reason ("name is empty", ...), without the name
 *        itself (it may hold control characters); PE_MSG_LEN is enough
 *
 * A name is 1 to PE_NAME_MAX bytes of printable ASCII 0x21-0x7e except '/'.
 * Return: 0 or -EINVAL.
 */
int pe_name_check(const char *name, char *why, size_t len);

/* "EEXIST" for EEXIST, ...; NULL for an errno this table does not know. */
const char *pe_errno_name(int err);

/*
 * pe_error_message() - what a driver ioctl error means to a shell user,
 * followed by the errno name: "a range with that name exists (EEXIST)".
 * Errors the header does not document get strerror() and the name (or
 * "errno N").  Return: @buf.
 */
char *pe_error_message(int err, char *buf, size_t len);

/*
 * pe_open_error_message() - what a failed open() of the device node
 * means: "no such device: is the kernel built with CONFIG_PERSIST_E820?"
 * for ENOENT, ENODEV and ENXIO, "permission denied: needs CAP_SYS_ADMIN
 * (run as root)" for EACCES and EPERM, else strerror().  Return: @buf.
 */
char *pe_open_error_message(int err, char *buf, size_t len);

/* "allocated", "inherited", "unnamed" or "registered" (a kernel user's). */
const char *pe_origin(uint32_t flags);

/* A listed range; end is inclusive (start for a zero length). */
static inline uint64_t pe_range_end(const struct persist_e820_range *r)
{
	return r->length ? r->start + r->length - 1 : r->start;
}

/*
 * pe_range_str() - a name or owner field of a listed range as a C string:
 * at most @srclen bytes, stopping at NUL, each byte outside 0x20-0x7e
 * replaced by '?'.  @buf must hold @srclen + 1 bytes.  Return: @buf.
 */
char *pe_range_str(char *buf, const char *src, size_t srclen);

struct pe_ranges {
	struct persist_e820_range *ranges;
	size_t nr;
	uint64_t generation;
};

/* One PERSIST_E820_IOC_LIST call: 0 or a negative errno. */
typedef int (*pe_list_fn)(void *ctx, struct persist_e820_list *arg);

/*
 * pe_list_fetch() - list every range, however many there are
 * @list: makes one LIST call (the ioctl, or a fake in the unit tests)
 * @out:  on success the ranges (free with pe_ranges_free()), in the
 *        kernel's order, and the generation of the same call
 *
 * Calls @list with room for PE_LIST_GUESS entries, and again with room
 * for the returned count (plus slack, as ranges may be added in between)
 * until the count fits the room of the call that returned it.
 *
 * Return: 0, an error of @list, -ENOMEM, or -EAGAIN if the registry kept
 * growing for PE_LIST_ATTEMPTS calls.
 */
int pe_list_fetch(pe_list_fn list, void *ctx, struct pe_ranges *out);
void pe_ranges_free(struct pe_ranges *rs);

/* Sort by start address, then by name. */
void pe_ranges_sort(struct pe_ranges *rs);

/* The range named @name, or NULL. */
const struct persist_e820_range *pe_ranges_find(const struct pe_ranges *rs,
						const char *name);

/*
 * The ioctls on an open device fd.  @name must pass pe_name_check().
 * pe_alloc() and pe_bind() (PERSIST_E820_IOC_OPEN) bind @fd to the range.
 */
int pe_alloc(int fd, const char *name, uint64_t length, uint64_t *phys_addr);
int pe_release(int fd, const char *name);
int pe_bind(int fd, const char *name);
int pe_list(int fd, struct pe_ranges *out);

/*
 * pe_input_size() - bytes left to read on @fd if it is a regular file
 * Return: the count, or -ESPIPE if @fd is not a regular file (pipe,
 * terminal, ...) or its position cannot be read, or another -errno.
 */
int64_t pe_input_size(int fd);

struct pe_copy_result {
	uint64_t copied;	/* bytes stored at the start of dst */
	bool too_long;		/* @fd had more than @len bytes */
};

/*
 * pe_copy_in() - read @fd until EOF into @dst, at most @len bytes
 *
 * Reads through a bounce buffer (a direct read() into a device mapping
 * fails on file systems that pin user pages, such as 9p).  Bytes of @dst
 * past res->copied are not touched.  If @fd has more than @len bytes,
 * @dst holds the first @len and res->too_long is set; one more byte was
 * read to find out.  On a read error res->copied says how much was stored.
 *
 * Return: 0 (also when too long), or a negative errno from read().
 */
int pe_copy_in(int fd, void *dst, uint64_t len, struct pe_copy_result *res);

/* Write @len bytes of @src to @fd, through a bounce buffer.  0 or -errno. */
int pe_copy_out(int fd, const void *src, uint64_t len);

/*
 * pe_print_table() - one line per range under a header
 *   NAME START END SIZE OWNER ORIGIN
 * then "N ranges, generation G".  START and END (inclusive) are
 * 0x-prefixed 16-digit hex, SIZE as format_size().
 * pe_print_json() - the same as one JSON document:
 *   {"generation": G, "ranges": [{"name": "...", "start": N, "end": N,
 *    "size": N, "owner": "...", "origin": "..."}, ...]}
 * Ranges are printed in the order given.  Write errors are left in
 * ferror(@f) for the caller to check.
 */
void pe_print_table(FILE *f, const struct pe_ranges *rs);
void pe_print_json(FILE *f, const struct pe_ranges *rs);

#endif /* PERSISTCTL_PERSIST_H */
