/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The registry of persisted ranges, as the files that implement it and the
 * architecture code that hands it to the next kernel see it. Drivers use
 * <linux/persist_e820.h> instead.
 */
#ifndef _LINUX_PERSIST_E820_REGISTRY_H
#define _LINUX_PERSIST_E820_REGISTRY_H

#include <linux/bits.h>
#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/persist_e820/abi/record.h>

struct crash_mem;
struct resource;

/* A persisted physical range: [start, end), page aligned. */
struct persist_e820_span {
	u64 start;
	u64 end;
};

/* Internal to the registry: the range is the record of names */
#define PERSIST_E820_F_RECORD	BIT(31)

/**
 * struct persist_e820_region - one range of the registry
 * @list: in the registry, sorted by @start
 * @kobj: /sys/kernel/persist_e820/<name>; holds the reference to the range
 * @res: its own "Persisted Memory" resource in /proc/iomem, if it has one
 * @start: physical start, page aligned
 * @end: physical end (exclusive), page aligned
 * @flags: PERSIST_E820_F_*
 * @users: open files bound to the range plus live mappings of it
 * @in_sysfs: @kobj has been added
 * @name: unique name (empty for the record)
 * @owner: who persisted it ("user" for the device)
 */
struct persist_e820_region {
	struct list_head list;
	struct kobject kobj;
	struct resource *res;
	u64 start;
	u64 end;
	u32 flags;
	unsigned int users;
	bool in_sysfs;
	char name[PERSIST_E820_NAME_LEN];
	char owner[PERSIST_E820_OWNER_LEN];
};

/*
 * Serializes every change of the registry and every reader that needs a
 * consistent view of it. Never taken in the crash path.
 */
extern struct mutex persist_e820_mutex;

/* The registry: persist_e820.c */
u64 persist_e820_generation(void);
unsigned int persist_e820_nr_ranges(void);
int persist_e820_spans(struct persist_e820_span *spans, unsigned int room,
		       bool record);
bool persist_e820_record_span(struct persist_e820_span *span);
struct persist_e820_region *persist_e820_find(const char *name);
struct persist_e820_region *persist_e820_find_overlap(u64 start, u64 end);
u32 persist_e820_list(struct persist_e820_range *out, u32 room);
int persist_e820_user_ranges(struct persist_e820_record_entry *out,
			     unsigned int room);
int persist_e820_alloc_range(u64 length, const char *name, const char *owner,
			     u32 flags, u64 *phys);
int persist_e820_del(struct persist_e820_region *r);
int persist_e820_inherit(u64 start, u64 end, const char *name,
			 const char *owner, u32 flags);
void persist_e820_inherited(void);
void persist_e820_iomem_ram(u64 start, u64 end);
void persist_e820_claim_iomem(void);
void persist_e820_crash_refresh(void);

/* User space's device: persist_e820_dev.c */
void persist_e820_dev_quiesce(void);

#if IS_ENABLED(CONFIG_PERSIST_E820)
int persist_e820_crash_exclude(struct crash_mem *cmem);
#else
static inline int persist_e820_crash_exclude(struct crash_mem *cmem)
{
	return 0;
}
#endif

/* sysfs: persist_e820_sysfs.c */
void persist_e820_range_init(struct persist_e820_region *r);
void persist_e820_sysfs_add(struct persist_e820_region *r);
void persist_e820_range_put(struct persist_e820_region *r);

/* The record of names: persist_e820_record.c (pure) */
int persist_e820_compatible(const char *field, const char *want);
size_t persist_e820_record_size(unsigned int nr);
void persist_e820_record_seal(struct persist_e820_record *rec, unsigned int nr);
bool persist_e820_name_valid(const char *name, size_t len);
bool persist_e820_owner_valid(const char *owner, size_t len);
int persist_e820_record_parse(const void *rec, u64 len,
			      const struct persist_e820_span *spans,
			      unsigned int nr_spans,
			      struct persist_e820_record_entry *out,
			      const char **why);

/*
 * What the architecture provides, called with persist_e820_mutex held:
 *
 * arch_persist_e820_check() - may [start, end) join the registry? Checks
 *	what only the architecture knows (a destination of a loaded kexec
 *	image, room in the maps handed over); returns 0 or a negative errno,
 *	having said why.
 * arch_persist_e820_busy() - would a range allocated in [start, end) be
 *	overwritten (x86: by a loaded kexec image at exec)? With @strict,
 *	also: might it be later, where the architecture knows it likely
 *	(x86: by the firmware on a warm reboot)? The allocator then tries
 *	other pages, and takes those of the second kind only when there are
 *	no others.
 * arch_persist_e820_changed() - the registry changed: update what shows
 *	it to user space tools that build maps (x86: /sys/firmware/memmap).
 */
int arch_persist_e820_check(u64 start, u64 end);
bool arch_persist_e820_busy(u64 start, u64 end, bool strict);
void arch_persist_e820_changed(void);

#endif /* _LINUX_PERSIST_E820_REGISTRY_H */
