// SPDX-License-Identifier: GPL-2.0
/*
 * Build the e820 table handed to the next kernel: RAM split around every
 * persisted range, each persisted range carrying the persist e820 type.
 *
 * Used at kexec load time (kexec_file handover) and when updating
 * /sys/firmware/memmap, long after boot, so this file is pure: no
 * allocation, no locking, no printing, no __init; it can be compiled
 * unchanged in a user-space test.
 *
 * Addresses are handled as inclusive [first, last] pairs internally so
 * that an entry ending exactly at 2^64 needs no special casing.
 */

#include <linux/errno.h>
#include <linux/kernel.h>
#include <asm/e820/persist.h>

struct e820_split {
	/* input spans and the cursor into them */
	const struct persist_e820_span *spans;
	int nr_spans;
	int cur;			/* first span not fully emitted */
	bool in_span;			/* spans[cur] goes on past prev_last */
	u64 prev_last;			/* last byte of the previous entry */
	u32 persist_type;

	/* output */
	struct e820_entry *dst;		/* NULL: only count */
	int max;			/* capacity of @dst */
	int nr;				/* entries produced so far */
	u64 out_addr;			/* the last entry produced */
	u64 out_last;
	bool out_persist;
};

/*
 * Older kernels (6.1 among them) have E820_TYPE_RESERVED_KERN (128), which
 * they treat as RAM, and on overlap the larger type wins: a persisted type
 * is above it, and such entries in a table handed over by an older kernel
 * count as RAM here.
 */
#define E820_TYPE_OLD_RESERVED_KERN	128

static bool e820_ram_like(u32 type)
{
	return type == E820_TYPE_RAM || type == E820_TYPE_OLD_RESERVED_KERN;
}

/* The slot of output entry @idx, or NULL if it must not be written. */
static struct e820_entry *e820_split_slot(struct e820_split *st, int idx)
{
	if (!st->dst || idx >= st->max)
		return NULL;
	return &st->dst[idx];
}

/*
 * Append [addr, last] of @type to the output.  Addresses only ever increase.
 * A persist range touching the previous persist entry extends it, unless
 * the result would cover all 2^64 bytes (a size that cannot be expressed).
 * Past the capacity of @st->dst, entries are only counted.
 */
static int e820_split_emit(struct e820_split *st, u64 addr, u64 last,
			   u32 type)
{
	bool persist = type == st->persist_type;
	struct e820_entry *e;

	if (persist && st->out_persist && st->out_last + 1 == addr &&
	    last - st->out_addr != U64_MAX) {
		st->out_last = last;
		e = e820_split_slot(st, st->nr - 1);
		if (e)
			e->size = last - st->out_addr + 1;
		return 0;
	}

	if (st->nr == INT_MAX)
		return -E2BIG;

	e = e820_split_slot(st, st->nr);
	if (e) {
		e->addr = addr;
		e->size = last - addr + 1;
		e->type = type;
	}
	st->nr++;
	st->out_addr = addr;
	st->out_last = last;
	st->out_persist = persist;
	return 0;
}

/*
 * Split the RAM-like entry @e = [e->addr, last] around the spans that start
 * in it or continue into it from the previous entry.
 */
static int e820_split_ram(struct e820_split *st, const struct e820_entry *e,
			  u64 last)
{
	u64 pos = e->addr;		/* first byte not emitted yet */
	int ret;

	while (st->cur < st->nr_spans && st->spans[st->cur].start <= last) {
		const struct persist_e820_span *s = &st->spans[st->cur];
		u64 start = s->start, span_last = s->end - 1;

		if (st->in_span) {
			/* Continued from the previous entry: no hole. */
			if (e->addr != st->prev_last + 1)
				return -EINVAL;
			start = e->addr;
		} else {
			if (s->start >= s->end)
				return -EINVAL;
			/*
			 * @pos is never below the end of the previous span, so
			 * this rejects unsorted and overlapping spans as well
			 * as a span starting in the hole before @e.
			 */
			if (start < pos)
				return -EINVAL;
			if (start > pos) {
				ret = e820_split_emit(st, pos, start - 1,
						      e->type);
				if (ret)
					return ret;
			}
		}

		ret = e820_split_emit(st, start, min(span_last, last),
				      st->persist_type);
		if (ret)
			return ret;
		st->in_span = span_last > last;
		if (st->in_span)
			return 0;		/* @e used up, the span goes on */
		st->cur++;
		/* span_last <= 2^64 - 2, so this cannot wrap */
		pos = span_last + 1;
	}

	if (pos > last)
		return 0;
	return e820_split_emit(st, pos, last, e->type);
}

/**
 * e820__persist_split() - split an e820 table around persisted spans
 * @src: source table: @nr_src entries sorted by address, not overlapping
 *	(a sanitized table such as e820_table_kexec or e820_table_firmware).
 *	Types are taken as plain u32 values, unknown ones included.  Entries
 *	of size 0 are ignored.
 * @nr_src: number of entries in @src
 * @spans: @nr_spans persisted spans, sorted, not overlapping (they may
 *	touch), each with start < end
 * @nr_spans: number of entries in @spans
 * @persist_type: e820 type for the persisted bytes; must be above 128
 *	(so neither RAM-like nor a standard type) and not
 *	E820_TYPE_SOFT_RESERVED
 * @dst: output table, or NULL to only count the entries needed
 * @max_dst: capacity of @dst in entries (ignored when @dst is NULL)
 *
 * Produce in @dst a table with the same address coverage as @src, sorted
 * and not overlapping, in which every byte inside a span has
 * @persist_type and every other byte keeps its @src type.
 *
 * Each span must lie entirely inside "RAM-like" entries (E820_TYPE_RAM, or
 * the old E820_TYPE_RESERVED_KERN, 128) that are contiguous, with no hole
 * and no entry of another type in between; it may cross from one such
 * entry into the next.  The RAM-like bytes around a span keep their own type; pieces of
 * size 0 are never emitted.  Touching @persist_type ranges (adjacent spans,
 * a span crossing an entry boundary, a span next to an @src entry that
 * already has @persist_type) coalesce into a single entry.  Entries of
 * every other type are copied unchanged.
 *
 * Single pass, O(@nr_src + @nr_spans), no allocation, no locking: safe to
 * call from any context.  Span alignment is not checked here.
 *
 * Return: the number of entries of the result (written to @dst unless it
 * is NULL), -EINVAL if the input is invalid: a count below 0, a NULL array
 * with a non-zero count, a bad @persist_type, @src unsorted or overlapping
 * or with an entry whose end lies beyond 2^64, spans unsorted, overlapping
 * or empty (start >= end), or a span not covered by contiguous RAM-like
 * entries; -E2BIG if the input is valid but more than @max_dst entries are
 * needed.  Invalid input is always reported as -EINVAL, even when @dst is
 * also too small.  On error the contents of @dst are unspecified, but
 * nothing is ever written beyond @max_dst entries.
 */
int e820__persist_split(const struct e820_entry *src, int nr_src,
			const struct persist_e820_span *spans, int nr_spans,
			u32 persist_type, struct e820_entry *dst, int max_dst)
{
	struct e820_split st = {
		.spans = spans,
		.nr_spans = nr_spans,
		.persist_type = persist_type,
		.dst = dst,
		.max = max_dst,
	};
	bool have_prev = false;
	int i, ret;

	if (nr_src < 0 || nr_spans < 0 || (dst && max_dst < 0))
		return -EINVAL;
	if ((nr_src && !src) || (nr_spans && !spans))
		return -EINVAL;
	if (persist_type <= E820_TYPE_OLD_RESERVED_KERN ||
	    persist_type == E820_TYPE_SOFT_RESERVED)
		return -EINVAL;

	for (i = 0; i < nr_src; i++) {
		const struct e820_entry *e = &src[i];
		u64 last;

		if (!e->size)
			continue;
		last = e->addr + (e->size - 1);
		if (last < e->addr)
			return -EINVAL;		/* ends beyond 2^64 */
		if (have_prev && e->addr <= st.prev_last)
			return -EINVAL;		/* unsorted or overlapping */

		if (e820_ram_like(e->type)) {
			ret = e820_split_ram(&st, e, last);
		} else {
			/*
			 * The next span must start beyond @e: one continuing
			 * from RAM into @e, or starting in a hole before @e,
			 * or in @e, is not covered by RAM.
			 */
			if (st.cur < nr_spans && spans[st.cur].start <= last)
				return -EINVAL;
			ret = e820_split_emit(&st, e->addr, last, e->type);
		}
		if (ret)
			return ret;
		have_prev = true;
		st.prev_last = last;
	}

	/* A span running past the table, or starting after its end. */
	if (st.in_span || st.cur < nr_spans)
		return -EINVAL;

	if (dst && st.nr > max_dst)
		return -E2BIG;
	return st.nr;
}

/**
 * e820__persist_handover_limit() - most e820 entries to hand over
 * @max_entries: E820_MAX_ENTRIES of the receiving kernel (taken to be
 *	like this one): 128 + 3 * MAX_NUMNODES
 *
 * A receiving kernel keeps @max_entries entries and drops the rest, RAM
 * included (where kexec may have put the initrd); and it splits entries of
 * the table it was handed to reserve memory of its own (the first page,
 * the BIOS area, setup_data, EFI regions, memmap=): each such split costs
 * up to two entries. Leave it room for that: 128 entries, or a quarter of
 * a small table (131 entries without NUMA).
 *
 * Return: the number of entries a handed-over table may have.
 */
unsigned int e820__persist_handover_limit(unsigned int max_entries)
{
	return max_entries - min(128U, max_entries / 4);
}
