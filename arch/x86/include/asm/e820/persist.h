/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_E820_PERSIST_H
#define _ASM_E820_PERSIST_H

#include <linux/types.h>
#include <uapi/linux/persist_e820.h>
#include <asm/e820/types.h>

/* A persisted physical range: [start, end), page aligned. */
struct e820_persist_span {
	u64 start;
	u64 end;
};

/* Pure table builder: e820_persist_table.c */
int e820__persist_split(const struct e820_entry *src, int nr_src,
			const struct e820_persist_span *spans, int nr_spans,
			u32 persist_type, struct e820_entry *dst, int max_dst);

/* The record of names: e820_persist_record.c, pure as well */
size_t e820__persist_record_size(unsigned int nr);
void e820__persist_record_seal(struct persist_e820_record *rec, unsigned int nr);
bool e820__persist_name_valid(const char *name, size_t len);
bool e820__persist_owner_valid(const char *owner, size_t len);
int e820__persist_record_parse(const void *rec, u64 len,
			       const struct e820_entry *map, int nr_map,
			       struct persist_e820_record_entry *out,
			       const char **why);

/* registry API: e820_persist.c */

/**
 * struct e820_persist_handover - what a kexec_file image gets
 * @entries: e820_table_kexec split around the persisted ranges
 * @nr_entries: number of @entries
 * @spans: the persisted ranges and the record (adjacent ones merged): each
 *	gets a reserved descriptor in the EFI memory map
 * @nr_spans: number of @spans
 */
struct e820_persist_handover {
	struct e820_entry *entries;
	int nr_entries;
	struct e820_persist_span *spans;
	int nr_spans;
};

struct crash_mem;

#ifdef CONFIG_E820_PERSIST
int e820__persist_user_ranges(struct persist_e820_record_entry *out);
int e820__persist_nr_ranges(void);
int e820__persist_crash_exclude(struct crash_mem *cmem);
int e820__persist_handover_init(struct e820_persist_handover *h);
void e820__persist_handover_free(struct e820_persist_handover *h);
size_t e820__persist_efi_fill(const struct e820_persist_handover *h, void *map,
			      size_t map_size, unsigned long desc_size);
#else
#include <asm/e820/api.h>

static inline int e820__persist_nr_ranges(void)
{
	return 0;
}

static inline int e820__persist_crash_exclude(struct crash_mem *cmem)
{
	return 0;
}

/* Nothing persisted: the next kernel gets e820_table_kexec as it is. */
static inline int e820__persist_handover_init(struct e820_persist_handover *h)
{
	h->entries = e820_table_kexec->entries;
	h->nr_entries = e820_table_kexec->nr_entries;
	h->spans = NULL;
	h->nr_spans = 0;
	return 0;
}

static inline void e820__persist_handover_free(struct e820_persist_handover *h)
{
}

static inline size_t e820__persist_efi_fill(const struct e820_persist_handover *h,
					    void *map, size_t map_size,
					    unsigned long desc_size)
{
	return map ? map_size : 0;
}
#endif

/* Across a firmware reboot: e820_persist_efi.c */
#if defined(CONFIG_E820_PERSIST) && defined(CONFIG_EFI)
extern unsigned long e820__persist_efi_table;
void e820__persist_efi_intake(void);
#else
static inline void e820__persist_efi_intake(void)
{
}
#endif

#endif /* _ASM_E820_PERSIST_H */
