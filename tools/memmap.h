/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reader for the firmware memory map the kernel publishes in sysfs
 * (/sys/firmware/memmap/N/{start,end,type}), plus table and JSON output.
 */
#ifndef PERSISTCTL_MEMMAP_H
#define PERSISTCTL_MEMMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define MEMMAP_DEFAULT_DIR	"/sys/firmware/memmap"
#define MEMMAP_MAX_ENTRIES	65536
#define MEMMAP_TYPE_LEN		64	/* longest type is 63 bytes, + NUL */
#define MEMMAP_NUM_LEN		32	/* longest start/end value, + NUL */
#define MEMMAP_ERR_LEN		512
#define MEMMAP_TYPE_RAM		"System RAM"

struct memmap_entry {
	uint64_t start;
	uint64_t end;			/* inclusive */
	char type[MEMMAP_TYPE_LEN];	/* printable ASCII, non-empty */
};

struct memmap {
	struct memmap_entry *entries;	/* sorted by start, then end */
	size_t nr;
	char err[MEMMAP_ERR_LEN];	/* what failed, after an error */
};

struct memmap_totals {
	uint64_t ram;			/* bytes of MEMMAP_TYPE_RAM */
	uint64_t other;			/* bytes of every other type */
};

/*
 * memmap_read() - read and validate a memmap sysfs directory
 * @dir: directory holding one numbered subdirectory per entry; entries
 *       whose name is not all digits are ignored
 * @map: filled in; on error it holds no entries and @map->err says which
 *       directory or file was at fault and why, for "<err>: <strerror>"
 *
 * Each N/start and N/end must be "0x" followed by hex digits and at most
 * one trailing newline; N/type must be 1 to MEMMAP_TYPE_LEN - 1 printable
 * ASCII characters (plus an optional newline).  An empty directory is a
 * valid, empty map.
 *
 * Return: 0 or a negative errno:
 *   -ENOENT     @dir, an entry file or an entry directory is missing
 *   -ENOTDIR    @dir or a numbered entry is not a directory
 *   -EISDIR     an entry file is a directory
 *   -EINVAL     malformed number, end < start, empty type, non-printable
 *               byte in type, NUL byte in a file, or a file that is not a
 *               regular file (FIFO, device, ...)
 *   -ERANGE     number wider than 64 bits, or a range covering the whole
 *               64-bit space (its size is not representable)
 *   -EOVERFLOW  value longer than its limit (type > MEMMAP_TYPE_LEN - 1,
 *               number > MEMMAP_NUM_LEN - 1 bytes)
 *   -E2BIG      more than MEMMAP_MAX_ENTRIES numbered entries
 *   -EAGAIN     entries appeared while the directory was being read
 *   -ENOMEM, or any other error from opendir(), readdir(), open(), read()
 */
int memmap_read(const char *dir, struct memmap *map);

/* memmap_read() with a different entry limit than MEMMAP_MAX_ENTRIES. */
int memmap_read_max(const char *dir, size_t max_entries, struct memmap *map);

/* Release the entries; safe on a map that failed to read or was freed. */
void memmap_free(struct memmap *map);

static inline uint64_t memmap_entry_size(const struct memmap_entry *e)
{
	return e->end - e->start + 1;
}

bool memmap_entry_is_ram(const struct memmap_entry *e);

/* Sum RAM and non-RAM sizes.  Return: 0, or -ERANGE if a sum overflows. */
int memmap_totals(const struct memmap *map, struct memmap_totals *totals);

/*
 * memmap_print_table() - human-readable table with a summary line
 * memmap_print_json() - stable JSON document:
 *   {"memmap": [{"start": N, "end": N, "size": N, "type": "..."}, ...],
 *    "total_ram": N, "total_non_ram": N}
 * All numbers are integers in bytes; "end" is inclusive.
 *
 * Return: 0, or -ERANGE (nothing printed) if memmap_totals() fails.
 * Write errors are left in ferror(@f) for the caller to check.
 */
int memmap_print_table(FILE *f, const struct memmap *map);
int memmap_print_json(FILE *f, const struct memmap *map);

#endif /* PERSISTCTL_MEMMAP_H */
