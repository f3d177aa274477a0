// SPDX-License-Identifier: GPL-2.0
/*
 * Persisted memory: physical ranges that survive kexec as a reserved e820 type
 *
 * A persisted range is RAM that this kernel has taken out of the page
 * allocator's hands (allocated, or registered by its owner) and that must
 * reach the next kernel untouched. It stays RAM for this kernel, but every
 * map this kernel hands on describes it as an e820 entry of type
 * E820_TYPE_PERSIST, with RAM split around it:
 *
 *  - kexec_file_load: the boot_params built at load time get a copy of
 *    e820_table_kexec split around the ranges (entries past 128 in a
 *    SETUP_E820_EXT node) and, on EFI boots, one EfiReservedMemoryType
 *    descriptor per range appended to the EFI memory map;
 *
 *  - kexec_load: user space builds the map from /sys/firmware/memmap, so the
 *    entries there (e820_table_firmware as published at boot) are split the
 *    same way whenever the registry changes.
 *
 * Any kernel treats an e820 type it does not know as reserved, so a kernel
 * that never heard of persisted memory leaves the ranges alone too.
 *
 * No kexec segment may land on a range: both syscalls pass through
 * sanity_check_segment_list(), which refuses an overlap, and kexec_file's
 * placement skips the ranges. The registry only changes under the kexec lock,
 * so it cannot change while an image is being loaded or executed; an image
 * loaded before a change is refused at exec time (it carries a stale map).
 *
 * Names travel in a record (<uapi/linux/persist_e820.h>) that this kernel
 * keeps up to date in pages of its own, handed over as one e820 entry of
 * type E820_TYPE_PERSIST_RECORD. A kernel with this code finds the record
 * by its type, checks it (e820_persist_record.c), and registers every range
 * again under its name before userspace runs: memblock has kept the ranges
 * reserved since the e820 setup. The ranges are then carried on by default
 * until released; a record that fails any check names nothing, and every
 * range stays reserved under a made-up name.
 */

#define pr_fmt(fmt) "e820: persist: " fmt

#include <linux/crash_core.h>
#include <linux/efi.h>
#include <linux/firmware-map.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/ioport.h>
#include <linux/kexec.h>
#include <linux/kobject.h>
#include <linux/math64.h>
#include <linux/sched/clock.h>
#include <linux/log2.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/persist_e820.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include <asm/e820/api.h>
#include <asm/e820/persist.h>
#include <asm/sections.h>

static_assert(PERSIST_E820_TYPE == E820_TYPE_PERSIST);
static_assert(PERSIST_E820_RECORD_TYPE == E820_TYPE_PERSIST_RECORD);

/**
 * struct persist_range - one entry of the registry
 * @list: in persist_ranges, sorted by @start
 * @kobj: /sys/kernel/persist_e820/<name>; holds the reference to the range
 * @res: inherited ranges: their own "Persisted Memory" resource
 * @start: physical start, page aligned
 * @end: physical end (exclusive), page aligned
 * @type: E820_TYPE_PERSIST, or E820_TYPE_PERSIST_RECORD for the record
 * @flags: PERSIST_E820_F_*
 * @users: open files bound to the range plus live mappings of it
 * @in_sysfs: @kobj has been added
 * @name: unique name (empty for the record)
 * @owner: who persisted it ("user" for the device)
 */
struct persist_range {
	struct list_head list;
	struct kobject kobj;
	struct resource *res;
	u64 start;
	u64 end;
	u32 type;
	u32 flags;
	unsigned int users;
	bool in_sysfs;
	char name[PERSIST_E820_NAME_LEN];
	char owner[PERSIST_E820_OWNER_LEN];
};

/*
 * The registry. Writers hold the kexec lock (so that no image is loaded or
 * executed meanwhile) and persist_lock; kexec paths hold the kexec lock and
 * read it without persist_lock; everybody else reads it under persist_lock.
 */
static LIST_HEAD(persist_ranges);
static DEFINE_MUTEX(persist_lock);
/* Orders ALLOC and OPEN, which bind a file to a range (taken first) */
static DEFINE_MUTEX(persist_bind_lock);
/* Named ranges in persist_ranges (the record is not counted) */
static unsigned int persist_nr;
static u64 persist_generation = 1;
/* The record of names, also in persist_ranges; NULL when nothing is persisted */
static struct persist_range *persist_record;
static struct kset *persist_kset;

/* What /sys/firmware/memmap shows now, once we have changed it. */
static struct e820_entry *fw_published;
static int fw_nr_published;
/* firmware_memmap_init() has run: /sys/firmware/memmap can be changed */
static bool fw_ready;
/* The ranges the previous kernel handed over are in the registry */
static bool persist_took_over;
/* e820__reserve_resources_late() has run: /proc/iomem can be changed */
static bool iomem_ready;

static struct persist_range *persist_find(const char *name)
{
	struct persist_range *r;

	list_for_each_entry(r, &persist_ranges, list)
		if (r->type == E820_TYPE_PERSIST && !strcmp(r->name, name))
			return r;
	return NULL;
}

static struct persist_range *persist_find_overlap(u64 start, u64 end)
{
	struct persist_range *r;

	list_for_each_entry(r, &persist_ranges, list) {
		if (r->start >= end)
			break;
		if (r->end > start)
			return r;
	}
	return NULL;
}

/*
 * The named ranges as sorted spans, adjacent ones merged; with @record,
 * the record's too (for the EFI map, where both are reserved). Caller
 * holds the kexec lock or persist_lock. Returns the number of spans
 * (*spans is NULL for none), or -ENOMEM.
 */
static int persist_spans(struct e820_persist_span **spans, bool record)
{
	struct e820_persist_span *s;
	struct persist_range *r;
	int n = 0;

	*spans = NULL;
	if (!persist_nr)
		return 0;
	s = kvmalloc_array(persist_nr + 1, sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	list_for_each_entry(r, &persist_ranges, list) {
		if (r->type != E820_TYPE_PERSIST && !record)
			continue;
		if (n && s[n - 1].end == r->start) {
			s[n - 1].end = r->end;
			continue;
		}
		s[n].start = r->start;
		s[n].end = r->end;
		n++;
	}
	*spans = s;
	return n;
}

/* @nr_src entries of @src split around @spans, in a new *entries */
static int e820_persist_split_alloc(const struct e820_entry *src, int nr_src,
				    const struct e820_persist_span *spans,
				    int nr_spans, u32 type,
				    struct e820_entry **entries)
{
	struct e820_entry *e;
	int n, ret;

	n = e820__persist_split(src, nr_src, spans, nr_spans, type, NULL, 0);
	if (n < 0)
		return n;
	e = kvmalloc_array(max(n, 1), sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	ret = e820__persist_split(src, nr_src, spans, nr_spans, type, e, n);
	if (ret < 0) {
		kvfree(e);
		return ret;
	}
	*entries = e;
	return ret;
}

/*
 * e820_persist_build - @table split around the persisted ranges (@spans,
 * from persist_spans() without the record), then around the record
 *
 * Returns the number of entries stored in a new *entries (kvfree() it), or
 * a negative errno.
 */
static int e820_persist_build(const struct e820_table *table,
			      const struct e820_persist_span *spans, int nr_spans,
			      struct e820_entry **entries)
{
	struct e820_persist_span rec;
	struct e820_entry *e;
	int n;

	n = e820_persist_split_alloc(table->entries, table->nr_entries, spans,
				     nr_spans, E820_TYPE_PERSIST, &e);
	if (n < 0 || !persist_record)
		goto out;
	rec.start = persist_record->start;
	rec.end = persist_record->end;
	n = e820_persist_split_alloc(e, n, &rec, 1, E820_TYPE_PERSIST_RECORD,
				     entries);
	kvfree(e);
	return n;
out:
	if (n >= 0)
		*entries = e;
	return n;
}

static const char *fw_type_name(const struct e820_entry *e)
{
	switch (e->type) {
	case E820_TYPE_RAM:
	case E820_TYPE_RESERVED_KERN:
		return "System RAM";
	case E820_TYPE_PERSIST:
		return PERSIST_E820_TYPE_NAME;
	case E820_TYPE_PERSIST_RECORD:
		return PERSIST_E820_RECORD_TYPE_NAME;
	default:
		return NULL;	/* never added or removed here */
	}
}

static bool e820_entry_eq(const struct e820_entry *a, const struct e820_entry *b)
{
	return a->addr == b->addr && a->size == b->size && a->type == b->type;
}

/* Is @e in the sorted array @set? */
static bool e820_entry_in(const struct e820_entry *e,
			  const struct e820_entry *set, int nr)
{
	int lo = 0, hi = nr;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (set[mid].addr < e->addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nr && e820_entry_eq(&set[lo], e);
}

/*
 * Remove from /sys/firmware/memmap the entries of @from that @to lacks.
 * firmware_map_add_hotplug() and firmware_map_remove() are __meminit, which
 * CONFIG_MEMORY_HOTPLUG (a dependency of ours) keeps after boot: __ref.
 */
static void __ref fw_remove_stale(const struct e820_entry *from, int nr_from,
				  const struct e820_entry *to, int nr_to)
{
	int i;

	for (i = 0; i < nr_from; i++) {
		const struct e820_entry *e = &from[i];
		const char *type = fw_type_name(e);

		if (type && !e820_entry_in(e, to, nr_to))
			firmware_map_remove(e->addr, e->addr + e->size, type);
	}
}

/*
 * Make /sys/firmware/memmap show the current split, so that kexec-tools
 * (stock or not) sees each range as a non-RAM entry of its own. New entries
 * are added before stale ones are removed, so the map never shows a range
 * as RAM. Caller holds the kexec lock and persist_lock.
 */
static int __ref fw_memmap_sync(void)
{
	struct e820_persist_span *spans;
	struct e820_entry *next;
	int nr_spans, nr, i;

	if (!fw_published) {
		nr = e820_table_firmware->nr_entries;
		fw_published = kvmalloc_array(max(nr, 1), sizeof(*fw_published),
					      GFP_KERNEL);
		if (!fw_published)
			return -ENOMEM;
		memcpy(fw_published, e820_table_firmware->entries,
		       nr * sizeof(*fw_published));
		fw_nr_published = nr;
	}

	nr_spans = persist_spans(&spans, false);
	if (nr_spans < 0)
		return nr_spans;
	nr = e820_persist_build(e820_table_firmware, spans, nr_spans, &next);
	kvfree(spans);
	if (nr < 0)
		return nr;

	for (i = 0; i < nr; i++) {
		const char *type = fw_type_name(&next[i]);

		if (!type || e820_entry_in(&next[i], fw_published, fw_nr_published))
			continue;
		if (firmware_map_add_hotplug(next[i].addr,
					     next[i].addr + next[i].size, type)) {
			/* Undo what was added: the old map stays whole. */
			fw_remove_stale(next, i, fw_published, fw_nr_published);
			kvfree(next);
			return -ENOMEM;
		}
	}
	fw_remove_stale(fw_published, fw_nr_published, next, nr);

	kvfree(fw_published);
	fw_published = next;
	fw_nr_published = nr;
	return 0;
}

/* ---- the registry -------------------------------------------------------- */

static const char *persist_origin(u32 flags)
{
	if (flags & PERSIST_E820_F_UNNAMED)
		return "unnamed";
	if (flags & PERSIST_E820_F_INHERITED)
		return "inherited";
	if (flags & PERSIST_E820_F_ALLOCATED)
		return "allocated";
	return "registered";
}

static struct persist_range *to_range(struct kobject *kobj)
{
	return container_of(kobj, struct persist_range, kobj);
}

static ssize_t start_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "%#llx\n", to_range(kobj)->start);
}

static ssize_t size_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	struct persist_range *r = to_range(kobj);

	return sysfs_emit(buf, "%llu\n", r->end - r->start);
}

static ssize_t owner_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "%s\n", to_range(kobj)->owner);
}

static ssize_t origin_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  persist_origin(READ_ONCE(to_range(kobj)->flags)));
}

static struct kobj_attribute persist_attr_start = __ATTR_RO(start);
static struct kobj_attribute persist_attr_size = __ATTR_RO(size);
static struct kobj_attribute persist_attr_owner = __ATTR_RO(owner);
static struct kobj_attribute persist_attr_origin = __ATTR_RO(origin);

static struct attribute *persist_range_attrs[] = {
	&persist_attr_start.attr,
	&persist_attr_size.attr,
	&persist_attr_owner.attr,
	&persist_attr_origin.attr,
	NULL,
};
ATTRIBUTE_GROUPS(persist_range);

static void persist_range_kobj_release(struct kobject *kobj)
{
	kfree(to_range(kobj));
}

static struct kobj_type persist_range_ktype = {
	.release = persist_range_kobj_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = persist_range_groups,
};

static struct persist_range *persist_range_new(u64 start, u64 end, u32 type,
					       u32 flags, const char *name,
					       const char *owner)
{
	struct persist_range *r = kzalloc(sizeof(*r), GFP_KERNEL);

	if (!r)
		return NULL;
	kobject_init(&r->kobj, &persist_range_ktype);
	r->start = start;
	r->end = end;
	r->type = type;
	r->flags = flags;
	strscpy(r->name, name, sizeof(r->name));
	strscpy(r->owner, owner, sizeof(r->owner));
	return r;
}

/* Drop a range that is no longer in the registry. */
static void persist_range_put(struct persist_range *r)
{
	if (r->in_sysfs)
		kobject_del(&r->kobj);
	kobject_put(&r->kobj);
}

/* Show @r under /sys/kernel/persist_e820/, once that exists. */
static void persist_range_publish(struct persist_range *r)
{
	int ret;

	if (!persist_kset || r->in_sysfs || r->type != E820_TYPE_PERSIST)
		return;
	r->kobj.kset = persist_kset;
	ret = kobject_add(&r->kobj, NULL, "%s", r->name);
	if (ret)
		pr_warn("%s: not listed in sysfs: %d\n", r->name, ret);
	else
		r->in_sysfs = true;
}

/* Put @r into the registry, which stays sorted by start. */
static void persist_insert(struct persist_range *r)
{
	struct persist_range *pos;

	list_for_each_entry(pos, &persist_ranges, list)
		if (pos->start > r->start)
			break;
	list_add_tail(&r->list, &pos->list);
	if (r->type == E820_TYPE_PERSIST)
		persist_nr++;
}

static void persist_unlink(struct persist_range *r)
{
	list_del(&r->list);
	if (r->type == E820_TYPE_PERSIST)
		persist_nr--;
}

/*
 * Allocated ranges and the record stay above PERSIST_ALLOC_FLOOR. An older
 * kernel's kexec_file_load puts the next kernel at the top of the first RAM
 * region that fits; if a persisted range ends that region below 16 MiB +
 * the kernel's init_size, the kernel lands under its preferred address, and
 * its decompressor moves up to that address and runs over the range.
 */
#define PERSIST_ALLOC_FLOOR	SZ_256M
/* Allocations to hold on to (below the floor, or kexec destinations) */
#define PERSIST_ALLOC_TRIES	64

/*
 * Physically contiguous, order-0 pages that free_contig_range() frees: from
 * the buddy allocator up to its largest order, above that by migrating
 * (alloc_contig_range() isolates whole pageblocks, which small ranges
 * would quickly use up).
 */
static struct page *persist_alloc_pages(unsigned long nr_pages)
{
	const gfp_t gfp = GFP_KERNEL | __GFP_NOWARN;
	void *p;

	if (nr_pages <= MAX_ORDER_NR_PAGES) {
		p = alloc_pages_exact(nr_pages << PAGE_SHIFT, gfp);
		return p ? virt_to_page(p) : NULL;
	}
	return alloc_contig_pages(nr_pages, gfp, numa_node_id(), NULL);
}

/*
 * @nr_pages contiguous pages above the floor that are no destination of the
 * loaded kexec image, carved from blocks of @block pages: the rest of the
 * block is freed. Blocks that do not qualify are held until the end, so
 * that each try gets another one; at most @tries of them.
 */
static struct page *persist_grab_from(unsigned long nr_pages,
				      unsigned long block, int tries)
{
	struct page *page = NULL, *p, *next;
	LIST_HEAD(rejected);

	while (tries--) {
		u64 start;

		page = persist_alloc_pages(block);
		if (!page)
			break;
		start = page_to_phys(page);
		if (start >= PERSIST_ALLOC_FLOOR &&
		    !(kexec_image &&
		      kimage_is_destination_range(kexec_image, start,
						  start + (nr_pages << PAGE_SHIFT) - 1)))
			break;
		list_add(&page->lru, &rejected);
		page = NULL;
	}
	list_for_each_entry_safe(p, next, &rejected, lru) {
		list_del(&p->lru);
		free_contig_range(page_to_pfn(p), block);
	}
	if (page && block > nr_pages)
		free_contig_range(page_to_pfn(page) + nr_pages, block - nr_pages);
	return page;
}

/*
 * @nr_pages zeroed contiguous pages above the floor that are no destination
 * of the loaded kexec image. Caller holds the kexec lock.
 *
 * The page allocator hands out its lowest free blocks first, so a small
 * request may take many tries to get above the floor: after
 * PERSIST_ALLOC_TRIES, it is carved from a block of the largest order
 * instead, of which fewer cover the memory below the floor.
 */
static struct page *persist_grab(unsigned long nr_pages, const char *name)
{
	struct page *page;
	unsigned long i;

	if (nr_pages > totalram_pages())
		return NULL;
	page = persist_grab_from(nr_pages, nr_pages, PERSIST_ALLOC_TRIES);
	if (!page && nr_pages < MAX_ORDER_NR_PAGES)
		page = persist_grab_from(nr_pages, MAX_ORDER_NR_PAGES,
					 2 * PERSIST_ALLOC_FLOOR /
					 (MAX_ORDER_NR_PAGES << PAGE_SHIFT));
	if (!page) {
		pr_warn("%s: no %lu pages free above %#x\n", name, nr_pages,
			PERSIST_ALLOC_FLOOR);
		return NULL;
	}
	for (i = 0; i < nr_pages; i++)
		clear_highpage(page + i);
	return page;
}

/* Show [start, end), handed over and then freed, as System RAM. */
static void persist_iomem_ram(u64 start, u64 end)
{
	struct resource *ram = kzalloc(sizeof(*ram), GFP_KERNEL);

	if (ram) {
		ram->name = "System RAM";
		ram->start = start;
		ram->end = end - 1;
		ram->flags = IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY;
		ram->desc = IORES_DESC_NONE;
		if (!insert_resource(&iomem_resource, ram))
			return;
		kfree(ram);
	}
	pr_warn("[mem %#018llx-%#018llx] freed, but not shown as System RAM\n",
		start, end - 1);
}

/*
 * The resource of an inherited range: "Persisted Memory" until it is
 * freed, then System RAM. Before e820__reserve_resources_late(), e820's
 * resources stand; persist_iomem_init() sorts them out.
 */
static void persist_iomem_to_ram(struct persist_range *r)
{
	if (!iomem_ready)
		return;
	if (r->res) {
		release_resource(r->res);
		kfree(r->res);
		r->res = NULL;
	}
	persist_iomem_ram(r->start, r->end);
}

/*
 * Give the pages of a range that left the registry back to the page
 * allocator, if they are persist_e820's to give: allocated here, or handed
 * over and reserved since boot. Registered ranges stay with their owner.
 */
static void persist_free_range(struct persist_range *r)
{
	unsigned long pfn;

	if (r->flags & PERSIST_E820_F_ALLOCATED) {
		free_contig_range(PHYS_PFN(r->start), PHYS_PFN(r->end - r->start));
	} else if (r->flags & PERSIST_E820_F_INHERITED) {
		for (pfn = PHYS_PFN(r->start); pfn < PHYS_PFN(r->end); pfn++) {
			free_reserved_page(pfn_to_page(pfn));
			if (!(pfn % 1024))
				cond_resched();
		}
		persist_iomem_to_ram(r);
	}
}

/*
 * Make room in the record for @nr ranges: a record too small is replaced
 * by a new one twice the size needed. Caller holds the kexec lock and
 * persist_lock.
 */
static int persist_record_reserve(unsigned int nr)
{
	size_t need = PAGE_ALIGN(e820__persist_record_size(nr));
	unsigned long pages = roundup_pow_of_two(need >> PAGE_SHIFT);
	struct persist_range *rec, *old = persist_record;
	struct page *page;
	u64 start;

	if (old && need <= old->end - old->start)
		return 0;
	page = persist_grab(pages, "record");
	if (!page)
		return -ENOMEM;
	start = page_to_phys(page);
	rec = persist_range_new(start, start + (pages << PAGE_SHIFT),
				E820_TYPE_PERSIST_RECORD,
				PERSIST_E820_F_ALLOCATED | PERSIST_E820_F_KERNEL,
				"", "persist_e820");
	if (!rec) {
		free_contig_range(page_to_pfn(page), pages);
		return -ENOMEM;
	}
	persist_insert(rec);
	persist_record = rec;
	if (old) {
		persist_unlink(old);
		persist_free_range(old);
		persist_range_put(old);
	}
	return 0;
}

/*
 * Write the record for the registry as it is (reserved large enough), or
 * drop it when nothing is persisted. Caller holds the kexec lock and
 * persist_lock.
 */
static void persist_record_write(void)
{
	struct persist_e820_record_entry *e;
	struct persist_e820_record *hdr;
	struct persist_range *r;
	unsigned int n = 0;

	if (!persist_record)
		return;
	if (!persist_nr) {
		r = persist_record;
		persist_record = NULL;
		persist_unlink(r);
		persist_free_range(r);
		persist_range_put(r);
		return;
	}
	hdr = phys_to_virt(persist_record->start);
	e = (void *)(hdr + 1);
	list_for_each_entry(r, &persist_ranges, list) {
		if (r->type != E820_TYPE_PERSIST)
			continue;
		memset(&e[n], 0, sizeof(e[n]));
		e[n].start = r->start;
		e[n].length = r->end - r->start;
		memcpy(e[n].name, r->name, sizeof(e[n].name));
		memcpy(e[n].owner, r->owner, sizeof(e[n].owner));
		n++;
	}
	e820__persist_record_seal(hdr, n);
}

/*
 * The registry changed: a new generation, the record rewritten, and
 * /sys/firmware/memmap updated. Caller holds the kexec lock and
 * persist_lock.
 */
static int persist_sync(void)
{
	int ret;

	persist_generation++;
	persist_record_write();
	if (!fw_ready)
		return 0;
	ret = fw_memmap_sync();
	if (ret)
		pr_err("cannot update /sys/firmware/memmap: %d\n", ret);
	return ret;
}

/*
 * Can [start, end) be persisted? Caller holds the kexec lock and
 * persist_lock. Returns 0 or a negative errno, with a message.
 */
static int persist_check_range(u64 start, u64 end, const char *name)
{
	u64 ktext = __pa_symbol(_text), kend = __pa_symbol(_end);
	struct persist_range *r;

	if (!PAGE_ALIGNED(start) || !PAGE_ALIGNED(end) || start >= end ||
	    start < SZ_1M) {
		pr_err("%s: [mem %#018llx-%#018llx] is not page aligned above 1 MiB\n",
		       name, start, end - 1);
		return -EINVAL;
	}
	if (region_intersects(start, end - start, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_INTERSECTS) {
		pr_err("%s: [mem %#018llx-%#018llx] is not all RAM\n",
		       name, start, end - 1);
		return -EINVAL;
	}
	if (start < kend && end > ktext) {
		pr_err("%s: [mem %#018llx-%#018llx] overlaps the kernel image\n",
		       name, start, end - 1);
		return -EINVAL;
	}
	if (crashk_res.end > crashk_res.start && start <= crashk_res.end &&
	    end > crashk_res.start) {
		pr_err("%s: [mem %#018llx-%#018llx] overlaps the crash kernel reservation\n",
		       name, start, end - 1);
		return -EINVAL;
	}
	r = persist_find_overlap(start, end);
	if (r) {
		pr_err("%s: [mem %#018llx-%#018llx] overlaps persisted range %s\n",
		       name, start, end - 1, r->name[0] ? r->name : "(record)");
		return -EBUSY;
	}
	if (kexec_image && kimage_is_destination_range(kexec_image, start, end - 1)) {
		pr_err("%s: [mem %#018llx-%#018llx] is a destination of the loaded kexec image\n",
		       name, start, end - 1);
		return -EBUSY;
	}
	return 0;
}

/*
 * persist_add - add a range to the registry
 *
 * Caller holds the kexec lock. On success the range is in every map handed
 * to the next kernel from now on.
 */
static int persist_add(u64 start, u64 end, const char *name, const char *owner,
		       u32 flags)
{
	struct persist_range *r;
	int ret;

	r = persist_range_new(start, end, E820_TYPE_PERSIST, flags, name, owner);
	if (!r)
		return -ENOMEM;

	mutex_lock(&persist_lock);
	if (persist_find(name)) {
		ret = -EEXIST;
		goto out_free;
	}
	if (persist_nr >= PERSIST_E820_MAX_RANGES) {
		pr_err("%s: the registry is full (%u ranges)\n", name, persist_nr);
		ret = -ENOSPC;
		goto out_free;
	}
	ret = persist_check_range(start, end, name);
	if (ret)
		goto out_free;
	ret = persist_record_reserve(persist_nr + 1);
	if (ret) {
		pr_err("%s: no memory for the record of names\n", name);
		goto out_free;
	}

	persist_insert(r);
	ret = persist_sync();
	if (ret)
		goto out_del;
	persist_range_publish(r);
	mutex_unlock(&persist_lock);
	return 0;

out_del:
	persist_unlink(r);
	persist_sync();
out_free:
	mutex_unlock(&persist_lock);
	persist_range_put(r);
	return ret;
}

/*
 * persist_del - take @r out of the registry and free what is ours to free
 *
 * Caller holds the kexec lock and persist_lock.
 */
static int persist_del(struct persist_range *r)
{
	int ret;

	if (r->users)
		return -EBUSY;
	persist_unlink(r);
	ret = persist_sync();
	if (ret) {
		/* the record may be gone with the last range: back, if we can */
		persist_insert(r);
		persist_record_reserve(persist_nr);
		persist_sync();
		return ret;
	}
	persist_free_range(r);
	persist_range_put(r);
	return 0;
}

/* ---- kexec ------------------------------------------------------------- */

/*
 * Is @md a reserved descriptor the previous kernel appended for a range it
 * persisted (one inside a persisted e820 entry this kernel received)? Such
 * descriptors give way to those of the ranges persisted now.
 */
static bool efi_desc_inherited(const efi_memory_desc_t *md)
{
	u64 start = md->phys_addr, end = start + (md->num_pages << EFI_PAGE_SHIFT);
	u64 run_end = 0;
	int i;

	if (md->type != PERSIST_E820_EFI_TYPE)
		return false;
	/* A run of touching persisted entries (ranges and record) holding it */
	for (i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		if (e->type != E820_TYPE_PERSIST &&
		    e->type != E820_TYPE_PERSIST_RECORD) {
			run_end = 0;
			continue;
		}
		if (!run_end || e->addr != run_end) {
			if (e->addr > start)
				return false;
		}
		run_end = e->addr + e->size;
		if (run_end >= end)
			return true;
	}
	return false;
}

/* Most e820 entries handed over: a receiver like this one adds its own */
#define PERSIST_HANDOVER_MAX_ENTRIES	(E820_MAX_ENTRIES - 128)

/**
 * e820__persist_handover_init() - the maps handed to a kexec_file image
 * @h: filled in; release with e820__persist_handover_free()
 *
 * Splits e820_table_kexec around the persisted ranges and keeps them, and
 * the record, in @h->spans for the EFI memory map. The caller holds the
 * kexec lock, so the registry cannot change until the image is loaded.
 *
 * Return: 0, -ENOMEM, or -E2BIG if the table would have more entries
 * than a kernel like this one keeps (less room for its own).
 */
int e820__persist_handover_init(struct e820_persist_handover *h)
{
	struct e820_persist_span *spans;
	u64 t0 = local_clock();
	int nr_spans, ret;

	memset(h, 0, sizeof(*h));
	nr_spans = persist_spans(&spans, false);
	if (nr_spans < 0)
		return nr_spans;
	ret = e820_persist_build(e820_table_kexec, spans, nr_spans, &h->entries);
	kvfree(spans);
	if (ret < 0) {
		pr_err("cannot build the e820 table for kexec: %d\n", ret);
		return ret;
	}
	h->nr_entries = ret;

	/* The EFI map gets a reserved descriptor for the record too */
	ret = persist_spans(&h->spans, true);
	if (ret < 0) {
		kvfree(h->entries);
		return ret;
	}
	h->nr_spans = ret;
	/*
	 * A kernel like this one keeps E820_MAX_ENTRIES and drops the rest,
	 * RAM included (where kexec may have put the initrd), and needs room
	 * for entries of its own: refuse, as kexec-tools does.
	 */
	if (h->nr_entries > PERSIST_HANDOVER_MAX_ENTRIES) {
		pr_err("the next kernel would get %d e820 entries; one like this keeps %d, with room for its own only up to %d: release or coalesce ranges\n",
		       h->nr_entries, E820_MAX_ENTRIES,
		       PERSIST_HANDOVER_MAX_ENTRIES);
		e820__persist_handover_free(h);
		return -E2BIG;
	}
	if (persist_nr)
		pr_info("kexec: %u ranges handed over in %d e820 entries, built in %llu us\n",
			persist_nr, h->nr_entries,
			div_u64(local_clock() - t0, NSEC_PER_USEC));
	return 0;
}

/**
 * e820__persist_handover_free() - release what e820__persist_handover_init() built
 * @h: the handover
 */
void e820__persist_handover_free(struct e820_persist_handover *h)
{
	kvfree(h->entries);
	kvfree(h->spans);
	memset(h, 0, sizeof(*h));
}

/**
 * e820__persist_user_ranges() - the ranges to keep across a firmware reboot
 * @out: room for e820__persist_nr_ranges() entries
 *
 * Only ranges user space persisted (owner "user") go through the firmware:
 * what kernel users hold (hypervisor deposits, IOMMU page tables) does not
 * outlive it, and their pages may fault when read for a checksum. Fills
 * start, length, name and owner of each. The caller holds the kexec lock.
 *
 * Return: the number of entries filled in.
 */
int e820__persist_user_ranges(struct persist_e820_record_entry *out)
{
	struct persist_range *r;
	int n = 0;

	list_for_each_entry(r, &persist_ranges, list) {
		if (r->type != E820_TYPE_PERSIST || r->flags & PERSIST_E820_F_KERNEL ||
		    strcmp(r->owner, "user"))
			continue;
		memset(&out[n], 0, sizeof(out[n]));
		out[n].start = r->start;
		out[n].length = r->end - r->start;
		memcpy(out[n].name, r->name, sizeof(out[n].name));
		memcpy(out[n].owner, r->owner, sizeof(out[n].owner));
		n++;
	}
	return n;
}

/**
 * e820__persist_nr_ranges() - how many ranges are persisted
 *
 * The caller holds the kexec lock.
 *
 * Return: the number of ranges in the registry, the record of names
 * included: what e820__persist_crash_exclude() may cut out.
 */
int e820__persist_nr_ranges(void)
{
	return persist_nr + !!persist_record;
}

/**
 * e820__persist_crash_exclude() - keep persisted ranges out of a vmcore
 * @cmem: the memory the crash kernel's ELF headers will describe
 *
 * @cmem needs room for one more range per persisted range (a range in the
 * middle of a RAM range splits it). The caller holds the kexec lock.
 *
 * Return: 0, or the error of crash_exclude_mem_range().
 */
int e820__persist_crash_exclude(struct crash_mem *cmem)
{
	struct persist_range *r;
	int ret;

	list_for_each_entry(r, &persist_ranges, list) {
		ret = crash_exclude_mem_range(cmem, r->start, r->end - 1);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * e820__persist_efi_fill() - the EFI memory map handed to the next kernel
 * @h: the handover
 * @map: a copy of this kernel's EFI memory map, with room after it for
 *	one descriptor per span of @h; or NULL to count that room
 * @map_size: bytes of descriptors at @map
 * @desc_size: their descriptor size
 *
 * Drops from @map the reserved descriptors the previous kernel appended for
 * its persisted ranges (released ones must not stay reserved), then appends
 * one EfiReservedMemoryType descriptor per span of @h: every range persisted
 * now and the record, with virt_addr = phys_addr (the next kernel maps
 * every descriptor at its virt_addr) and the WB attribute.
 *
 * Return: bytes of the resulting map; with @map NULL, bytes the appended
 * descriptors need.
 */
size_t e820__persist_efi_fill(const struct e820_persist_handover *h, void *map,
			      size_t map_size, unsigned long desc_size)
{
	size_t in, out = 0;
	int i;

	if (desc_size < sizeof(efi_memory_desc_t))
		return map_size;
	if (!map)
		return h->nr_spans * desc_size;
	for (in = 0; in + desc_size <= map_size; in += desc_size) {
		if (efi_desc_inherited(map + in))
			continue;
		if (out != in)
			memmove(map + out, map + in, desc_size);
		out += desc_size;
	}
	for (i = 0; i < h->nr_spans; i++) {
		const struct e820_persist_span *s = &h->spans[i];
		efi_memory_desc_t *md = map + out;

		memset(md, 0, desc_size);
		md->type = PERSIST_E820_EFI_TYPE;
		md->phys_addr = s->start;
		md->virt_addr = s->start;
		md->num_pages = (s->end - s->start) >> EFI_PAGE_SHIFT;
		md->attribute = EFI_MEMORY_WB;
		out += desc_size;
	}
	return out;
}

/**
 * arch_kexec_check_segments() - refuse kexec segments on persisted ranges
 * @image: the image being loaded (kexec_load or kexec_file_load)
 *
 * Called from sanity_check_segment_list(), with the kexec lock held, for
 * both syscalls. Records the registry generation the image was built for.
 *
 * Return: 0, or -EADDRNOTAVAIL if a segment overlaps a persisted range.
 */
int arch_kexec_check_segments(struct kimage *image)
{
	unsigned long i;

	for (i = 0; i < image->nr_segments; i++) {
		u64 mstart = image->segment[i].mem;
		u64 mend = mstart + image->segment[i].memsz;
		struct persist_range *r = persist_find_overlap(mstart, mend);

		if (r) {
			pr_err("kexec segment [mem %#018llx-%#018llx] overlaps persisted range %s [mem %#018llx-%#018llx]\n",
			       mstart, mend - 1, r->name[0] ? r->name : "(record)",
			       r->start, r->end - 1);
			return -EADDRNOTAVAIL;
		}
	}
	image->arch.persist_generation = persist_generation;
	return 0;
}

/**
 * arch_kexec_check_exec() - is @image's memory map still right?
 * @image: the image about to be executed, kexec lock held
 *
 * Return: 0, or -EBUSY if ranges were persisted or released since @image
 * was loaded (its map would hand them on wrong): load it again.
 */
int arch_kexec_check_exec(struct kimage *image)
{
	if (image->arch.persist_generation == persist_generation)
		return 0;
	pr_err("persisted ranges changed since the kexec image was loaded; load it again\n");
	return -EBUSY;
}

/*
 * Top-down or bottom-up search for kbuf inside [start, end], like
 * kexec_file's own, avoiding the image's other segments.
 */
static int persist_hole_in(u64 start, u64 end, struct kexec_buf *kbuf)
{
	u64 lo = max_t(u64, start, kbuf->buf_min);
	u64 hi = min_t(u64, end, kbuf->buf_max);
	u64 pos;

	if (hi < lo || hi - lo + 1 < kbuf->memsz)
		return 0;
	if (kbuf->top_down) {
		pos = ALIGN_DOWN(hi - kbuf->memsz + 1, kbuf->buf_align);
		while (pos >= lo && pos + kbuf->memsz - 1 <= hi) {
			if (!kimage_is_destination_range(kbuf->image, pos,
							 pos + kbuf->memsz - 1)) {
				kbuf->mem = pos;
				return 1;
			}
			if (pos < PAGE_SIZE)
				break;
			pos = ALIGN_DOWN(pos - PAGE_SIZE, kbuf->buf_align);
		}
	} else {
		pos = ALIGN(lo, kbuf->buf_align);
		while (pos + kbuf->memsz - 1 <= hi) {
			if (!kimage_is_destination_range(kbuf->image, pos,
							 pos + kbuf->memsz - 1)) {
				kbuf->mem = pos;
				return 1;
			}
			pos = ALIGN(pos + PAGE_SIZE, kbuf->buf_align);
		}
	}
	return 0;
}

/* For each System RAM resource: search the pieces between persisted ranges. */
static int persist_hole_cb(struct resource *res, void *arg)
{
	struct kexec_buf *kbuf = arg;
	u64 start = res->start, end = res->end;
	struct persist_range *r;

	if (res->flags & IORESOURCE_SYSRAM_DRIVER_MANAGED)
		return 0;
	list_for_each_entry(r, &persist_ranges, list) {
		if (r->end <= start)
			continue;
		if (r->start > end)
			break;
		if (r->start > start && persist_hole_in(start, r->start - 1, kbuf))
			return 1;
		start = r->end;
		if (start > end)
			return 0;
	}
	return persist_hole_in(start, end, kbuf);
}

/**
 * arch_kexec_locate_mem_hole() - place a kexec_file segment
 * @kbuf: the segment
 *
 * kexec_locate_mem_hole()'s policy (the first System RAM range that fits,
 * searched in the direction kbuf asks), except that persisted ranges are
 * holes. Crash images load into the crash kernel reservation, which holds
 * no persisted range.
 *
 * Return: 0 with kbuf->mem set, or -EADDRNOTAVAIL.
 */
int arch_kexec_locate_mem_hole(struct kexec_buf *kbuf)
{
	int ret;

	if (kbuf->mem != KEXEC_BUF_MEM_UNKNOWN)
		return 0;
	if (kbuf->image->type == KEXEC_TYPE_CRASH || list_empty(&persist_ranges))
		return kexec_locate_mem_hole(kbuf);
	ret = walk_system_ram_res(0, ULONG_MAX, kbuf, persist_hole_cb);
	return ret == 1 ? 0 : -EADDRNOTAVAIL;
}

/* ---- /dev/persist_e820 ------------------------------------------------- */

static int persist_open(struct inode *inode, struct file *file)
{
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	file->private_data = NULL;
	return 0;
}

static int persist_release(struct inode *inode, struct file *file)
{
	struct persist_range *r = file->private_data;

	if (r) {
		mutex_lock(&persist_lock);
		r->users--;
		mutex_unlock(&persist_lock);
	}
	return 0;
}

/* Copy in an argument that starts with its own size; check that size. */
static int persist_copy_arg(void *arg, size_t size, const void __user *uarg)
{
	u32 usize;

	if (get_user(usize, (const u32 __user *)uarg))
		return -EFAULT;
	if (usize != size)
		return -EINVAL;
	if (copy_from_user(arg, uarg, size))
		return -EFAULT;
	return 0;
}

static bool persist_zero(const void *p, size_t size)
{
	return !memchr_inv(p, 0, size);
}

/* Allocate and persist @length bytes; caller holds the kexec lock. */
static int persist_alloc(u64 length, const char *name, const char *owner,
			 u32 flags, u64 *phys)
{
	unsigned long nr_pages = length >> PAGE_SHIFT;
	struct page *page;
	u64 start;
	int ret;

	page = persist_grab(nr_pages, name);
	if (!page)
		return -ENOMEM;
	start = page_to_phys(page);
	ret = persist_add(start, start + length, name, owner, flags);
	if (ret) {
		free_contig_range(page_to_pfn(page), nr_pages);
		return ret;
	}
	*phys = start;
	return 0;
}

static long persist_ioc_alloc(struct file *file, void __user *uarg)
{
	struct persist_e820_alloc a;
	u64 phys;
	int ret;

	ret = persist_copy_arg(&a, sizeof(a), uarg);
	if (ret)
		return ret;
	if (a.flags || !persist_zero(a.__reserved, sizeof(a.__reserved)) ||
	    a.phys_addr || !e820__persist_name_valid(a.name, sizeof(a.name)) ||
	    !a.length || !PAGE_ALIGNED(a.length))
		return -EINVAL;
	mutex_lock(&persist_bind_lock);
	if (!kexec_trylock()) {
		mutex_unlock(&persist_bind_lock);
		return -EBUSY;
	}
	/* persist_add() checks again; this spares allocating for nothing */
	mutex_lock(&persist_lock);
	ret = file->private_data ? -EBUSY :
	      persist_find(a.name) ? -EEXIST :
	      persist_nr >= PERSIST_E820_MAX_RANGES ? -ENOSPC : 0;
	mutex_unlock(&persist_lock);
	if (!ret)
		ret = persist_alloc(a.length, a.name, "user",
				    PERSIST_E820_F_ALLOCATED, &phys);
	if (!ret) {
		mutex_lock(&persist_lock);
		file->private_data = persist_find(a.name);
		((struct persist_range *)file->private_data)->users++;
		mutex_unlock(&persist_lock);
	}
	kexec_unlock();
	mutex_unlock(&persist_bind_lock);
	if (ret)
		return ret;

	a.phys_addr = phys;
	if (copy_to_user(uarg, &a, sizeof(a)))
		return -EFAULT;
	return 0;
}

static long persist_ioc_list(void __user *uarg)
{
	struct persist_e820_range __user *out;
	struct persist_e820_range *buf;
	struct persist_e820_list l;
	struct persist_range *r;
	u32 n = 0, room;
	int ret;

	ret = persist_copy_arg(&l, sizeof(l), uarg);
	if (ret)
		return ret;
	if (l.flags || l.__pad || l.generation ||
	    !persist_zero(l.__reserved, sizeof(l.__reserved)))
		return -EINVAL;
	room = min_t(u32, l.count, PERSIST_E820_MAX_RANGES);
	out = u64_to_user_ptr(l.ranges_ptr);

	buf = kvcalloc(max_t(u32, room, 1), sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	mutex_lock(&persist_lock);
	list_for_each_entry(r, &persist_ranges, list) {
		if (r->type != E820_TYPE_PERSIST)
			continue;
		if (n < room) {
			buf[n].start = r->start;
			buf[n].length = r->end - r->start;
			buf[n].flags = r->flags;
			memcpy(buf[n].name, r->name, sizeof(buf[n].name));
			memcpy(buf[n].owner, r->owner, sizeof(buf[n].owner));
		}
		n++;
	}
	l.generation = persist_generation;
	mutex_unlock(&persist_lock);

	ret = 0;
	if (min(n, room) && copy_to_user(out, buf, min(n, room) * sizeof(*buf)))
		ret = -EFAULT;
	kvfree(buf);
	if (ret)
		return ret;
	l.count = n;
	if (copy_to_user(uarg, &l, sizeof(l)))
		return -EFAULT;
	return 0;
}

static int persist_get_name(struct persist_e820_name *n, void __user *uarg)
{
	int ret = persist_copy_arg(n, sizeof(*n), uarg);

	if (ret)
		return ret;
	if (n->flags || !persist_zero(n->__reserved, sizeof(n->__reserved)) ||
	    !e820__persist_name_valid(n->name, sizeof(n->name)))
		return -EINVAL;
	return 0;
}

/*
 * Userspace may release any range no kernel user holds: its own, and
 * inherited ones nobody adopted (named or not).
 */
static long persist_ioc_release(void __user *uarg)
{
	struct persist_e820_name n;
	struct persist_range *r;
	int ret;

	ret = persist_get_name(&n, uarg);
	if (ret)
		return ret;
	if (!kexec_trylock())
		return -EBUSY;
	mutex_lock(&persist_lock);
	r = persist_find(n.name);
	if (!r)
		ret = -ENOENT;
	else if (r->flags & PERSIST_E820_F_KERNEL)
		ret = -EPERM;
	else
		ret = persist_del(r);
	mutex_unlock(&persist_lock);
	kexec_unlock();
	return ret;
}

static long persist_ioc_open(struct file *file, void __user *uarg)
{
	struct persist_e820_name n;
	struct persist_range *r;
	int ret;

	ret = persist_get_name(&n, uarg);
	if (ret)
		return ret;
	mutex_lock(&persist_bind_lock);
	mutex_lock(&persist_lock);
	r = persist_find(n.name);
	if (!r)
		ret = -ENOENT;
	else if (file->private_data)
		ret = -EBUSY;
	else if (r->flags & (PERSIST_E820_F_KERNEL | PERSIST_E820_F_UNNAMED) ||
		 strcmp(r->owner, "user"))
		ret = -EPERM;	/* a kernel user's, or nobody knows whose */
	else
		r->users++;
	if (!ret)
		file->private_data = r;
	mutex_unlock(&persist_lock);
	mutex_unlock(&persist_bind_lock);
	return ret;
}

static long persist_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case PERSIST_E820_IOC_ALLOC:
		return persist_ioc_alloc(file, uarg);
	case PERSIST_E820_IOC_LIST:
		return persist_ioc_list(uarg);
	case PERSIST_E820_IOC_RELEASE:
		return persist_ioc_release(uarg);
	case PERSIST_E820_IOC_OPEN:
		return persist_ioc_open(file, uarg);
	default:
		return -ENOTTY;
	}
}

static void persist_vm_open(struct vm_area_struct *vma)
{
	struct persist_range *r = vma->vm_private_data;

	mutex_lock(&persist_lock);
	r->users++;
	mutex_unlock(&persist_lock);
}

static void persist_vm_close(struct vm_area_struct *vma)
{
	struct persist_range *r = vma->vm_private_data;

	mutex_lock(&persist_lock);
	r->users--;
	mutex_unlock(&persist_lock);
}

static const struct vm_operations_struct persist_vm_ops = {
	.open = persist_vm_open,
	.close = persist_vm_close,
};

static int persist_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct persist_range *r = file->private_data;
	unsigned long size = vma->vm_end - vma->vm_start;
	u64 len, off = (u64)vma->vm_pgoff << PAGE_SHIFT;
	int ret;

	if (!r)
		return -EINVAL;
	len = r->end - r->start;
	if (off >= len || size > len - off)
		return -EINVAL;
	ret = remap_pfn_range(vma, vma->vm_start, PHYS_PFN(r->start + off),
			      size, vma->vm_page_prot);
	if (ret)
		return ret;
	vma->vm_private_data = r;
	vma->vm_ops = &persist_vm_ops;
	persist_vm_open(vma);
	return 0;
}

static const struct file_operations persist_fops = {
	.owner = THIS_MODULE,
	.open = persist_open,
	.release = persist_release,
	.unlocked_ioctl = persist_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.mmap = persist_mmap,
	.fsync = noop_fsync,	/* msync(): the mapping is the memory */
	.llseek = noop_llseek,
};

static struct miscdevice persist_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "persist_e820",
	.fops = &persist_fops,
	.mode = 0600,
};

static int __init persist_e820_dev_init(void)
{
	return misc_register(&persist_dev);
}
device_initcall(persist_e820_dev_init);

/* ---- kernel users ------------------------------------------------------- */

static bool persist_args_valid(const char *name, const char *owner)
{
	return name && owner &&
	       e820__persist_name_valid(name, strnlen(name, PERSIST_E820_NAME_LEN) + 1) &&
	       e820__persist_owner_valid(owner, strnlen(owner, PERSIST_E820_OWNER_LEN) + 1);
}

/**
 * persist_e820_alloc() - allocate memory that survives kexec
 * @name: name of the new range, unique (see <uapi/linux/persist_e820.h>)
 * @owner: who adopts it after kexec
 * @size: bytes, a multiple of PAGE_SIZE
 * @start: out: physical address of the zeroed, contiguous range
 *
 * The range is persisted under @name until persist_e820_release(); its
 * pages belong to persist_e820, which frees them on release.
 *
 * Return: 0, -EINVAL (bad name, owner or size), -EEXIST (name taken),
 * -ENOSPC (registry full), -ENOMEM, or -EBUSY (a kexec load is running).
 */
int persist_e820_alloc(const char *name, const char *owner, size_t size,
		       phys_addr_t *start)
{
	u64 phys;
	int ret;

	if (!persist_args_valid(name, owner) || !size || !PAGE_ALIGNED(size))
		return -EINVAL;
	if (!kexec_trylock())
		return -EBUSY;
	ret = persist_alloc(size, name, owner,
			    PERSIST_E820_F_ALLOCATED | PERSIST_E820_F_KERNEL, &phys);
	kexec_unlock();
	if (!ret)
		*start = phys;
	return ret;
}
EXPORT_SYMBOL_GPL(persist_e820_alloc);

/**
 * persist_e820_register() - persist memory its owner already has
 * @name: name of the new range, unique
 * @owner: who adopts it after kexec
 * @start: physical start, page aligned, above 1 MiB
 * @size: bytes, a multiple of PAGE_SIZE
 *
 * For memory the caller allocated itself (IOMMU page tables, say): the
 * range must be System RAM outside the kernel image, the crash kernel
 * reservation, every persisted range and the loaded kexec image. The
 * caller keeps the pages; releasing the range does not free them.
 *
 * Return: 0, -EINVAL, -EEXIST, -ENOSPC, -ENOMEM, or -EBUSY (overlap, or a
 * kexec load is running).
 */
int persist_e820_register(const char *name, const char *owner,
			  phys_addr_t start, size_t size)
{
	int ret;

	if (!persist_args_valid(name, owner) || !size ||
	    start + size < start)
		return -EINVAL;
	if (!kexec_trylock())
		return -EBUSY;
	ret = persist_add(start, start + size, name, owner, PERSIST_E820_F_KERNEL);
	kexec_unlock();
	return ret;
}
EXPORT_SYMBOL_GPL(persist_e820_register);

/**
 * persist_e820_adopt() - take back a range the previous kernel persisted
 * @name: its name
 * @owner: its owner, as recorded
 * @start: out: physical start
 * @size: out: bytes
 *
 * The range stays persisted (it is handed on at the next kexec too) until
 * its owner calls persist_e820_release(); userspace can no longer release
 * it. Its pages are reserved, with struct pages, in the direct map.
 *
 * Return: 0, -ENOENT (no inherited range of that name), -EACCES (another
 * owner), or -EBUSY (adopted already, or mapped by userspace).
 */
int persist_e820_adopt(const char *name, const char *owner,
		       phys_addr_t *start, size_t *size)
{
	struct persist_range *r;
	int ret = 0;

	if (!persist_args_valid(name, owner))
		return -EINVAL;
	mutex_lock(&persist_lock);
	r = persist_find(name);
	if (!r || !(r->flags & PERSIST_E820_F_INHERITED))
		ret = -ENOENT;
	else if (strcmp(r->owner, owner))
		ret = -EACCES;
	else if (r->flags & PERSIST_E820_F_KERNEL || r->users)
		ret = -EBUSY;
	if (!ret) {
		WRITE_ONCE(r->flags, r->flags | PERSIST_E820_F_KERNEL);
		*start = r->start;
		*size = r->end - r->start;
	}
	mutex_unlock(&persist_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(persist_e820_adopt);

/**
 * persist_e820_release() - stop persisting a range
 * @name: its name
 * @owner: its owner
 *
 * The range is no longer handed to the next kernel. Pages that
 * persist_e820 allocated or inherited go back to the page allocator
 * (MemFree grows by their size); registered pages stay with the caller.
 *
 * Return: 0, -ENOENT, -EACCES (another owner), or -EBUSY (mapped by
 * userspace, or a kexec load is running).
 */
int persist_e820_release(const char *name, const char *owner)
{
	struct persist_range *r;
	int ret;

	if (!persist_args_valid(name, owner))
		return -EINVAL;
	if (!kexec_trylock())
		return -EBUSY;
	mutex_lock(&persist_lock);
	r = persist_find(name);
	if (!r)
		ret = -ENOENT;
	else if (strcmp(r->owner, owner))
		ret = -EACCES;
	else
		ret = persist_del(r);
	mutex_unlock(&persist_lock);
	kexec_unlock();
	return ret;
}
EXPORT_SYMBOL_GPL(persist_e820_release);

/* ---- the ranges handed over by the previous kernel ----------------------- */

static bool __init e820_persisted(const struct e820_entry *e)
{
	return e->type == E820_TYPE_PERSIST || e->type == E820_TYPE_PERSIST_RECORD;
}

/* Give an inherited range its own "Persisted Memory" resource. */
static void __init persist_own_resource(struct persist_range *r)
{
	struct resource *res = kzalloc(sizeof(*res), GFP_KERNEL);

	if (!res)
		return;
	res->name = PERSIST_E820_TYPE_NAME;
	res->start = r->start;
	res->end = r->end - 1;
	res->flags = IORESOURCE_MEM | IORESOURCE_BUSY;
	res->desc = IORES_DESC_NONE;
	if (insert_resource(&iomem_resource, res)) {
		kfree(res);
		return;
	}
	r->res = res;
}

/*
 * Register what the record names, or, without a valid record, every
 * persisted e820 entry (and a bad record's own) under a made-up name.
 * All or nothing: on failure the registry is left empty.
 */
static int __init persist_inherit_ranges(const struct persist_e820_record_entry *e,
					 int nr)
{
	const u32 unnamed = PERSIST_E820_F_INHERITED | PERSIST_E820_F_UNNAMED;
	struct persist_range *r, *tmp;
	char name[PERSIST_E820_NAME_LEN];
	int i;

	if (nr >= 0) {
		for (i = 0; i < nr; i++) {
			r = persist_range_new(e[i].start, e[i].start + e[i].length,
					      E820_TYPE_PERSIST,
					      PERSIST_E820_F_INHERITED,
					      e[i].name, e[i].owner);
			if (!r)
				goto undo;
			persist_insert(r);
		}
		return 0;
	}
	for (i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *m = &e820_table->entries[i];

		if (!e820_persisted(m))
			continue;
		snprintf(name, sizeof(name), "unnamed-%llx", m->addr);
		r = persist_range_new(m->addr, m->addr + m->size,
				      E820_TYPE_PERSIST, unnamed, name, "unknown");
		if (!r)
			goto undo;
		persist_insert(r);
	}
	return 0;
undo:
	list_for_each_entry_safe(r, tmp, &persist_ranges, list) {
		persist_unlink(r);
		persist_range_put(r);
	}
	return -ENOMEM;
}

/* The inherited ranges are in the registry now: RAM in these tables. */
static void __init persist_table_to_ram(struct e820_table *table)
{
	int i;

	for (i = 0; i < table->nr_entries; i++)
		if (e820_persisted(&table->entries[i]))
			table->entries[i].type = E820_TYPE_RAM;
	e820__update_table(table);
}

/*
 * Checks that make a map unusable as a whole: entries not page aligned.
 * Such a map is left as it is, unnamed and carried on by the e820 tables.
 */
static bool __init persist_map_aligned(void)
{
	int i;

	for (i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *m = &e820_table->entries[i];

		if (e820_persisted(m) &&
		    (!PAGE_ALIGNED(m->addr) || !PAGE_ALIGNED(m->size))) {
			pr_warn("[mem %#018llx-%#018llx] persisted but not page aligned: left reserved as it is\n",
				m->addr, m->addr + m->size - 1);
			return false;
		}
	}
	return true;
}

/*
 * Unlink e820's resource of each persisted entry (from memblock: not
 * freed); the registry's ranges get their own.
 */
static void __init persist_drop_e820_resources(void)
{
	int i;

	for (i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *m = &e820_table->entries[i];
		struct resource *res;

		if (!e820_persisted(m))
			continue;
		res = lookup_resource(&iomem_resource, m->addr);
		if (res && res->end == m->addr + m->size - 1 &&
		    (!strcmp(res->name, PERSIST_E820_TYPE_NAME) ||
		     !strcmp(res->name, PERSIST_E820_RECORD_TYPE_NAME)))
			remove_resource(res);
	}
}

/* Free the previous kernel's record, read and no longer needed. */
static void __init persist_free_old_record(const struct e820_entry *m)
{
	struct persist_range old = {
		.start = m->addr,
		.end = m->addr + m->size,
		.flags = PERSIST_E820_F_INHERITED,
		.name = "previous record",
	};

	persist_free_range(&old);
}

/*
 * /proc/iomem after the take-over: e820's resources of the persisted
 * entries give way to one "Persisted Memory" resource per inherited range
 * and System RAM for what is no longer persisted (the previous record,
 * ranges released already). Runs after e820__reserve_resources_late(),
 * which would insert e820's resources again.
 */
static void __init persist_iomem_init(void)
{
	struct persist_range *r;
	int i;

	iomem_ready = true;
	if (!persist_took_over)
		return;
	persist_drop_e820_resources();
	list_for_each_entry(r, &persist_ranges, list)
		if (r->flags & PERSIST_E820_F_INHERITED)
			persist_own_resource(r);
	for (i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *m = &e820_table->entries[i];
		u64 pos = m->addr, end = m->addr + m->size;

		if (!e820_persisted(m))
			continue;
		list_for_each_entry(r, &persist_ranges, list) {
			if (r->end <= pos || !(r->flags & PERSIST_E820_F_INHERITED))
				continue;
			if (r->start >= end)
				break;
			if (r->start > pos)
				persist_iomem_ram(pos, r->start);
			pos = r->end;
		}
		if (pos < end)
			persist_iomem_ram(pos, end);
	}
}

/*
 * Take over the ranges the previous kernel persisted: find its record by
 * type, check it, register every range under its name (or unnamed), list
 * them in sysfs, and make the e820 tables this kernel hands
 * on say RAM where the registry now decides. Runs before any driver or
 * userspace could ask for them; memblock has kept them reserved so far.
 */
static int __init persist_inherit(void)
{
	struct persist_e820_record_entry *ents = NULL;
	const struct e820_entry *rec = NULL;
	struct persist_range *r;
	const char *why = NULL;
	int i, nr_rec = 0, nr = -EINVAL, ret;
	bool any = false;

	for (i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *m = &e820_table->entries[i];

		any |= e820_persisted(m);
		if (m->type == E820_TYPE_PERSIST_RECORD) {
			rec = m;
			nr_rec++;
		}
	}
	if (!any || !persist_map_aligned())
		return 0;

	/* /sys/firmware/memmap shows the tables as they were at boot */
	fw_nr_published = e820_table_firmware->nr_entries;
	fw_published = kvmalloc_array(max(fw_nr_published, 1),
				      sizeof(*fw_published), GFP_KERNEL);
	if (fw_published)
		memcpy(fw_published, e820_table_firmware->entries,
		       fw_nr_published * sizeof(*fw_published));
	ents = kvmalloc_array(PERSIST_E820_MAX_RANGES, sizeof(*ents), GFP_KERNEL);
	if (!fw_published || !ents) {
		ret = -ENOMEM;
		goto fail;
	}

	if (nr_rec == 1)
		nr = e820__persist_record_parse(phys_to_virt(rec->addr), rec->size,
						e820_table->entries,
						e820_table->nr_entries, ents, &why);
	else
		why = nr_rec ? "more than one record" : "no record";
	if (nr < 0)
		pr_warn("record of names refused: %s (%d); persisted ranges stay reserved, unnamed\n",
			why, nr);

	ret = persist_inherit_ranges(ents, nr);
	if (ret)
		goto fail;
	list_for_each_entry(r, &persist_ranges, list)
		pr_debug("%s: [mem %#018llx-%#018llx] inherited, owner %s\n",
			 r->name, r->start, r->end - 1, r->owner);
	if (nr >= 0)
		persist_free_old_record(rec);
	persist_table_to_ram(e820_table_kexec);
	persist_table_to_ram(e820_table_firmware);
	persist_took_over = true;
	kvfree(ents);
	return 0;

fail:
	pr_err("cannot take over the persisted ranges (%d): left reserved, unnamed, carried on\n",
	       ret);
	kvfree(fw_published);
	fw_published = NULL;
	kvfree(ents);
	return ret;
}

/*
 * Take over what the previous kernel persisted and write this kernel's
 * record, before drivers (which may adopt ranges) and userspace run.
 */
static int __init persist_e820_init(void)
{
	u64 t0 = local_clock();	/* sched_clock: fine-grained this early */
	struct persist_range *r;

	persist_kset = kset_create_and_add("persist_e820", NULL, kernel_kobj);
	if (!persist_kset)
		pr_warn("no /sys/kernel/persist_e820\n");
	if (!kexec_trylock())
		return -EBUSY;
	mutex_lock(&persist_lock);
	persist_inherit();
	if (persist_took_over)
		pr_info("took over %u ranges from the previous kernel in %llu us\n",
			persist_nr, div_u64(local_clock() - t0, NSEC_PER_USEC));
	list_for_each_entry(r, &persist_ranges, list)
		persist_range_publish(r);
	if (persist_nr && persist_record_reserve(persist_nr))
		pr_err("no memory for the record of names: the next kernel gets the ranges unnamed\n");
	persist_sync();
	mutex_unlock(&persist_lock);
	kexec_unlock();
	return 0;
}
postcore_initcall(persist_e820_init);

/*
 * /sys/firmware/memmap exists now (firmware_memmap_init): show the split;
 * e820 is done with /proc/iomem (e820__reserve_resources_late): fix it.
 */
static int __init persist_e820_memmap_init(void)
{
	if (!kexec_trylock())	/* no userspace yet: cannot fail */
		return -EBUSY;
	mutex_lock(&persist_lock);
	persist_iomem_init();
	fw_ready = true;
	if (persist_nr || fw_published)
		fw_memmap_sync();
	mutex_unlock(&persist_lock);
	kexec_unlock();
	return 0;
}
late_initcall_sync(persist_e820_memmap_init);
