// SPDX-License-Identifier: GPL-2.0
/*
 * The record of persisted ranges: written by this kernel for the next one,
 * read back from the previous one.
 *
 * The record comes from a previous kernel, maybe an older or a different
 * one, through any number of kernels that knew nothing about it: every
 * field is checked before it is used, and a record that fails any check
 * names nothing. This file is pure (no allocation, no locking, no printing,
 * no __init), so that it can be compiled unchanged in a user-space test and
 * fuzzer.
 */

#include <linux/crc32.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/persist_e820_registry.h>
#include <asm/page_types.h>

#define RECORD_HDR	sizeof(struct persist_e820_record)
#define RECORD_ENT	sizeof(struct persist_e820_record_entry)

/**
 * persist_e820_record_size() - bytes of a record of @nr entries
 * @nr: number of entries
 *
 * Return: the size this kernel writes for @nr entries.
 */
size_t persist_e820_record_size(unsigned int nr)
{
	return RECORD_HDR + (size_t)nr * RECORD_ENT;
}

/**
 * persist_e820_compatible() - is a compatible string the one we speak?
 * @field: PERSIST_E820_COMPATIBLE_LEN bytes as found
 * @want: the compatible string this kernel speaks, "<name>-v<N>"
 *
 * Return: 0 if @field is @want, NUL-padded; -EPROTO if it is another
 * version of the same format ("<name>-v" then something else); -EINVAL
 * otherwise.
 */
int persist_e820_compatible(const char *field, const char *want)
{
	size_t n = strlen(want), stem = n;
	size_t i;

	while (stem && want[stem - 1] != 'v')
		stem--;
	for (i = n; i < PERSIST_E820_COMPATIBLE_LEN; i++)
		if (field[i])
			return strncmp(field, want, stem) ? -EINVAL : -EPROTO;
	if (!memcmp(field, want, n))
		return 0;
	return strncmp(field, want, stem) ? -EINVAL : -EPROTO;
}

/* CRC-32 of @size bytes at @rec, with the checksum field counted as 0. */
static u32 record_crc(const void *rec, u64 size)
{
	const size_t off = offsetof(struct persist_e820_record, checksum);
	static const u8 zero[sizeof(u32)];
	u32 crc = ~0U;

	crc = crc32_le(crc, rec, off);
	crc = crc32_le(crc, zero, sizeof(zero));
	crc = crc32_le(crc, (const u8 *)rec + off + sizeof(zero),
		       size - off - sizeof(zero));
	return ~crc;
}

/**
 * persist_e820_record_seal() - finish a record written in place
 * @rec: header followed by @nr entries (struct persist_e820_record_entry)
 * @nr: number of entries
 *
 * Fills in the header (compatible string, sizes, checksum); the entries
 * must already be in place.
 */
void persist_e820_record_seal(struct persist_e820_record *rec, unsigned int nr)
{
	memset(rec, 0, RECORD_HDR);
	memcpy(rec->compatible, PERSIST_E820_RECORD_COMPATIBLE,
	       sizeof(PERSIST_E820_RECORD_COMPATIBLE));
	rec->header_size = RECORD_HDR;
	rec->entry_size = RECORD_ENT;
	rec->nr_entries = nr;
	rec->size = persist_e820_record_size(nr);
	rec->checksum = record_crc(rec, rec->size);
}

/* An ASCII letter or digit, or one of PERSIST_E820_NAME_PUNCT */
static bool record_char_valid(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') ||
	       (c && strchr(PERSIST_E820_NAME_PUNCT, c));
}

/*
 * Is @s a NUL-terminated string of 1 to @len - 1 valid characters, the
 * first not '.'? The rule of <uapi/linux/persist_e820.h>, for names and
 * owners alike.
 */
static bool record_str_valid(const char *s, size_t len)
{
	size_t i;

	if (!len || s[0] == '.')
		return false;
	for (i = 0; i < len && s[i]; i++)
		if (!record_char_valid(s[i]))
			return false;
	return i > 0 && i < len;
}

/**
 * persist_e820_name_valid() - is @name a valid range name?
 * @name: at most @len bytes
 * @len: size of the buffer holding @name
 *
 * Return: true for 1 to PERSIST_E820_NAME_LEN - 1 ASCII letters, digits
 * and PERSIST_E820_NAME_PUNCT, not starting with '.', NUL-terminated
 * within @len.
 */
bool persist_e820_name_valid(const char *name, size_t len)
{
	return len <= PERSIST_E820_NAME_LEN && record_str_valid(name, len);
}

/**
 * persist_e820_owner_valid() - is @owner a valid owner?
 * @owner: at most @len bytes
 * @len: size of the buffer holding @owner
 *
 * Return: true for 1 to PERSIST_E820_OWNER_LEN - 1 characters as in a
 * name (persist_e820_name_valid()), NUL-terminated within @len.
 */
bool persist_e820_owner_valid(const char *owner, size_t len)
{
	return len <= PERSIST_E820_OWNER_LEN && record_str_valid(owner, len);
}

static int record_cmp_name(const void *a, const void *b)
{
	const struct persist_e820_record_entry *x = a, *y = b;

	return strncmp(x->name, y->name, PERSIST_E820_NAME_LEN);
}

static int record_cmp_start(const void *a, const void *b)
{
	const struct persist_e820_record_entry *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * Do the entries at @out (sorted, not overlapping) cover exactly the bytes
 * of @spans (the persisted ranges the architecture's map shows, sorted, not
 * overlapping)? Each entry must lie inside one run of touching spans, and
 * every byte of every run must be covered: since the entries do not
 * overlap, equal byte counts say so.
 */
static bool record_covers_spans(const struct persist_e820_record_entry *out,
				unsigned int nr,
				const struct persist_e820_span *spans,
				unsigned int nr_spans)
{
	u64 in_map = 0, in_record = 0, run_start = 0, run_end = 0;
	unsigned int i = 0, m = 0;

	while (m < nr_spans || i < nr) {
		/* The next run of touching spans */
		if (m < nr_spans) {
			run_start = spans[m].start;
			run_end = run_start;
			while (m < nr_spans && spans[m].start == run_end) {
				if (spans[m].end < spans[m].start)
					return false;
				run_end = spans[m].end;
				m++;
			}
			in_map += run_end - run_start;
		} else {
			run_start = 0;	/* no more runs */
			run_end = 0;
		}
		/* The entries that start before this run ends */
		while (i < nr && out[i].start < run_end) {
			if (out[i].start < run_start ||
			    out[i].start + out[i].length > run_end)
				return false;
			in_record += out[i].length;
			i++;
		}
		if (m >= nr_spans && i < nr)
			return false;	/* entries beyond the last run */
	}
	return in_map == in_record;
}

/**
 * persist_e820_record_parse() - check a record and copy out its entries
 * @rec: the record as found in memory
 * @len: bytes at @rec (the size of its e820 entry)
 * @spans: the persisted ranges of the map the record came with, sorted,
 *	not overlapping
 * @nr_spans: number of @spans
 * @out: room for PERSIST_E820_MAX_RANGES entries
 * @why: set to a short reason when the record is refused
 *
 * Checks the header (size, compatible string, header and entry size, count,
 * total size with overflow, reserved fields, checksum), then each entry
 * (page aligned, not empty, no wrap, flags and padding 0, name and owner
 * valid and terminated), then the entries together: sorted, not
 * overlapping, names unique, covering exactly the bytes of @spans.
 * Entries are copied to @out before they are checked, so that nothing at
 * @rec is read twice; @rec is never written.
 *
 * Return: the number of entries in @out, sorted by start, or -EINVAL
 * (a malformed record), -EBADMSG (checksum), -EPROTO (unknown version),
 * -E2BIG (more entries than PERSIST_E820_MAX_RANGES), with @why set.
 */
int persist_e820_record_parse(const void *rec, u64 len,
			      const struct persist_e820_span *spans,
			      unsigned int nr_spans,
			      struct persist_e820_record_entry *out,
			      const char **why)
{
	struct persist_e820_record hdr;
	unsigned int i, nr;
	u64 size;
	int ret;

	*why = NULL;
	if (!rec || len < RECORD_HDR || (nr_spans && !spans)) {
		*why = "shorter than its header";
		return -EINVAL;
	}
	memcpy(&hdr, rec, sizeof(hdr));
	ret = persist_e820_compatible(hdr.compatible, PERSIST_E820_RECORD_COMPATIBLE);
	if (ret) {
		*why = ret == -EPROTO ? "unknown version" : "not a record";
		return ret;
	}
	if (hdr.header_size < RECORD_HDR || hdr.header_size % 8 ||
	    hdr.entry_size < RECORD_ENT || hdr.entry_size % 8) {
		*why = "bad header or entry size";
		return -EINVAL;
	}
	if (hdr.nr_entries > PERSIST_E820_MAX_RANGES) {
		*why = "too many entries";
		return -E2BIG;
	}
	nr = hdr.nr_entries;
	/* At most 2^32 + 2^11 * 2^32: no overflow in 64 bits */
	size = hdr.header_size + (u64)nr * hdr.entry_size;
	if (hdr.size != size || size > len) {
		*why = "size does not match its entries or its e820 entry";
		return -EINVAL;
	}
	if (memchr_inv(hdr.__reserved, 0, sizeof(hdr.__reserved))) {
		*why = "reserved fields set";
		return -EINVAL;
	}
	if (record_crc(rec, size) != hdr.checksum) {
		*why = "bad checksum";
		return -EBADMSG;
	}

	for (i = 0; i < nr; i++) {
		struct persist_e820_record_entry *e = &out[i];

		memcpy(e, (const u8 *)rec + hdr.header_size +
		       (u64)i * hdr.entry_size, sizeof(*e));
		if (!e->length || (e->start | e->length) & (PAGE_SIZE - 1) ||
		    e->start + e->length < e->start) {
			*why = "entry not page aligned, empty or wrapping";
			return -EINVAL;
		}
		if (e->flags || e->__pad) {
			*why = "entry flags set";
			return -EINVAL;
		}
		if (!record_str_valid(e->name, sizeof(e->name)) ||
		    !record_str_valid(e->owner, sizeof(e->owner))) {
			*why = "entry name or owner invalid or unterminated";
			return -EINVAL;
		}
		if (i && e->start < out[i - 1].start + out[i - 1].length) {
			*why = "entries unsorted or overlapping";
			return -EINVAL;
		}
	}

	sort(out, nr, sizeof(*out), record_cmp_name, NULL);
	for (i = 1; i < nr; i++) {
		if (!record_cmp_name(&out[i - 1], &out[i])) {
			*why = "duplicate name";
			return -EINVAL;
		}
	}
	sort(out, nr, sizeof(*out), record_cmp_start, NULL);

	if (!record_covers_spans(out, nr, spans, nr_spans)) {
		*why = "entries do not cover the persisted ranges exactly";
		return -EINVAL;
	}
	return nr;
}
