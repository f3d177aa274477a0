// SPDX-License-Identifier: GPL-2.0
/*
 * Persisted memory: the registry of ranges that survive kexec
 *
 * A persisted range is RAM that this kernel has taken out of the page
 * allocator's hands (allocated, or registered by its owner) and that must
 * reach the next kernel untouched. The architecture hands every range to
 * the next kernel in a form any kernel honours (on x86: an e820 entry of a
 * reserved type), so that a kernel that never heard of persisted memory
 * leaves the ranges alone too.
 *
 * Names travel in a record (<linux/persist_e820/abi/record.h>) that this kernel
 * keeps up to date in pages of its own, handed over like a range. A kernel
 * with this code finds the record, checks it (persist_e820_record.c), and
 * registers every range again under its name (persist_e820_inherit())
 * before drivers and user space run. The ranges are then carried on until
 * released.
 *
 * The registry has a lock of its own, persist_e820_mutex; the kexec paths
 * take it inside the kexec lock, never the other way around, and the crash
 * path never takes it.
 */

#define pr_fmt(fmt) "persist_e820: " fmt

#include <linux/crash_core.h>
#include <linux/crash_reserve.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/kexec_handover.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/persist_e820.h>
#include <linux/persist_e820_registry.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include <asm/sections.h>

/* The registry's lock: see <linux/persist_e820_registry.h> */
DEFINE_MUTEX(persist_e820_mutex);

static LIST_HEAD(persist_ranges);
/* Named ranges in persist_ranges (the record is not counted) */
static unsigned int persist_nr;
static u64 persist_generation = 1;
/* The record of names, also in persist_ranges; NULL when nothing is persisted */
static struct persist_e820_region *persist_record;

/**
 * persist_e820_generation() - the registry's generation
 *
 * Return: a number that changes with every change of the registry.
 */
u64 persist_e820_generation(void)
{
	lockdep_assert_held(&persist_e820_mutex);
	return persist_generation;
}

/**
 * persist_e820_nr_ranges() - how many ranges are persisted
 *
 * Return: the number of named ranges, the record not counted.
 */
unsigned int persist_e820_nr_ranges(void)
{
	lockdep_assert_held(&persist_e820_mutex);
	return persist_nr;
}

/**
 * persist_e820_find() - the range of a name
 * @name: its name
 *
 * Return: the range, or NULL.
 */
struct persist_e820_region *persist_e820_find(const char *name)
{
	struct persist_e820_region *r;

	lockdep_assert_held(&persist_e820_mutex);
	list_for_each_entry(r, &persist_ranges, list)
		if (!(r->flags & PERSIST_E820_F_RECORD) && !strcmp(r->name, name))
			return r;
	return NULL;
}

/**
 * persist_e820_find_overlap() - a range that overlaps [start, end)
 * @start: physical start
 * @end: physical end (exclusive)
 *
 * Return: the first such range (the record included), or NULL.
 */
struct persist_e820_region *persist_e820_find_overlap(u64 start, u64 end)
{
	struct persist_e820_region *r;

	lockdep_assert_held(&persist_e820_mutex);
	list_for_each_entry(r, &persist_ranges, list) {
		if (r->start >= end)
			break;
		if (r->end > start)
			return r;
	}
	return NULL;
}

/**
 * persist_e820_spans() - the persisted ranges as sorted spans
 * @spans: room for @room spans
 * @room: at least persist_e820_nr_ranges() + 1
 * @record: include the record's pages
 *
 * Adjacent ranges are merged into one span.
 *
 * Return: the number of spans, or -E2BIG if @room is too small.
 */
int persist_e820_spans(struct persist_e820_span *spans, unsigned int room,
		       bool record)
{
	struct persist_e820_region *r;
	unsigned int n = 0;

	lockdep_assert_held(&persist_e820_mutex);
	list_for_each_entry(r, &persist_ranges, list) {
		if ((r->flags & PERSIST_E820_F_RECORD) && !record)
			continue;
		if (n && spans[n - 1].end == r->start) {
			spans[n - 1].end = r->end;
			continue;
		}
		if (n == room)
			return -E2BIG;
		spans[n].start = r->start;
		spans[n].end = r->end;
		n++;
	}
	return n;
}

/**
 * persist_e820_record_span() - where the record of names lies
 * @span: filled in
 *
 * Return: true if there is a record (something is persisted).
 */
bool persist_e820_record_span(struct persist_e820_span *span)
{
	lockdep_assert_held(&persist_e820_mutex);
	if (!persist_record)
		return false;
	span->start = persist_record->start;
	span->end = persist_record->end;
	return true;
}

/**
 * persist_e820_user_ranges() - the ranges to keep across a firmware reboot
 * @out: room for @room entries
 * @room: entries at @out
 *
 * Only ranges user space persisted (owner "user") go through the firmware:
 * what kernel users hold (hypervisor deposits, IOMMU page tables) does not
 * outlive it, and their pages may fault when read for a checksum. Fills
 * start, length, name and owner of each.
 *
 * Return: the number of entries filled in.
 */
int persist_e820_user_ranges(struct persist_e820_record_entry *out,
			     unsigned int room)
{
	struct persist_e820_region *r;
	unsigned int n = 0;

	lockdep_assert_held(&persist_e820_mutex);
	list_for_each_entry(r, &persist_ranges, list) {
		if (r->flags & (PERSIST_E820_F_RECORD | PERSIST_E820_F_KERNEL) ||
		    strcmp(r->owner, "user"))
			continue;
		if (n == room)
			break;
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
 * persist_e820_list() - the named ranges, as user space lists them
 * @out: room for @room entries
 * @room: entries at @out
 *
 * Return: the number of named ranges, which may be more than @room.
 */
u32 persist_e820_list(struct persist_e820_range *out, u32 room)
{
	struct persist_e820_region *r;
	u32 n = 0;

	lockdep_assert_held(&persist_e820_mutex);
	list_for_each_entry(r, &persist_ranges, list) {
		if (r->flags & PERSIST_E820_F_RECORD)
			continue;
		if (n < room) {
			memset(&out[n], 0, sizeof(out[n]));
			out[n].start = r->start;
			out[n].length = r->end - r->start;
			out[n].flags = r->flags;
			memcpy(out[n].name, r->name, sizeof(out[n].name));
			memcpy(out[n].owner, r->owner, sizeof(out[n].owner));
		}
		n++;
	}
	return n;
}

/**
 * persist_e820_crash_exclude() - keep persisted ranges out of a vmcore
 * @cmem: the memory the crash kernel's ELF headers will describe, with room
 *	for one more range per persisted range (a range in the middle of a RAM
 *	range splits it) and for the record
 *
 * Return: 0, or the error of crash_exclude_mem_range().
 */
int persist_e820_crash_exclude(struct crash_mem *cmem)
{
	struct persist_e820_region *r;
	int ret = 0;

	if (!IS_ENABLED(CONFIG_CRASH_DUMP))
		return 0;
	mutex_lock(&persist_e820_mutex);
	list_for_each_entry(r, &persist_ranges, list) {
		ret = crash_exclude_mem_range(cmem, r->start, r->end - 1);
		if (ret)
			break;
	}
	mutex_unlock(&persist_e820_mutex);
	return ret;
}

static struct persist_e820_region *persist_range_new(u64 start, u64 end,
						     u32 flags, const char *name,
						     const char *owner)
{
	struct persist_e820_region *r = kzalloc_obj(*r);

	if (!r)
		return NULL;
	persist_e820_range_init(r);
	r->start = start;
	r->end = end;
	r->flags = flags;
	strscpy(r->name, name, sizeof(r->name));
	strscpy(r->owner, owner, sizeof(r->owner));
	return r;
}

/* Put @r into the registry, which stays sorted by start. */
static void persist_insert(struct persist_e820_region *r)
{
	struct persist_e820_region *pos;

	lockdep_assert_held(&persist_e820_mutex);
	list_for_each_entry(pos, &persist_ranges, list)
		if (pos->start > r->start)
			break;
	list_add_tail(&r->list, &pos->list);
	if (!(r->flags & PERSIST_E820_F_RECORD))
		persist_nr++;
}

static void persist_unlink(struct persist_e820_region *r)
{
	lockdep_assert_held(&persist_e820_mutex);
	list_del(&r->list);
	if (!(r->flags & PERSIST_E820_F_RECORD))
		persist_nr--;
}

/*
 * Allocated ranges and the record stay above PERSIST_ALLOC_FLOOR. An older
 * x86 kernel's kexec_file_load puts the next kernel at the top of the first
 * RAM region that fits; if a persisted range ends that region below 16 MiB
 * + the kernel's init_size, the kernel lands under its preferred address,
 * and its decompressor moves up to that address and runs over the range.
 */
#define PERSIST_ALLOC_FLOOR	SZ_256M
/* Allocations to hold on to (below the floor, or kexec destinations) */
#define PERSIST_ALLOC_TRIES	64

/*
 * Physically contiguous, order-0 pages that free_contig_range() frees: from
 * the buddy allocator up to its largest order, above that by migrating
 * (alloc_contig_range() isolates whole pageblocks, which small ranges
 * would quickly use up). Neither hands out KHO scratch, which is CMA.
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
 * @nr_pages contiguous pages above the floor that nothing will overwrite
 * (arch_persist_e820_busy(), @strict), carved from blocks of @block pages:
 * the rest of the block is freed. Blocks that do not qualify are held
 * until the end, so that each try gets another one; at most @tries of
 * them.
 */
static struct page *persist_grab_from(unsigned long nr_pages,
				      unsigned long block, int tries,
				      bool strict)
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
		    !arch_persist_e820_busy(start, start + (nr_pages << PAGE_SHIFT),
					    strict))
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
 * The page allocator hands out its lowest free blocks first, so a small
 * request may take many tries to get above the floor: after
 * PERSIST_ALLOC_TRIES, it is carved from a block of the largest order
 * instead, of which fewer cover the memory below the floor.
 */
static struct page *persist_grab_pass(unsigned long nr_pages, bool strict)
{
	struct page *page;

	page = persist_grab_from(nr_pages, nr_pages, PERSIST_ALLOC_TRIES,
				 strict);
	if (!page && nr_pages < MAX_ORDER_NR_PAGES)
		page = persist_grab_from(nr_pages, MAX_ORDER_NR_PAGES,
					 2 * PERSIST_ALLOC_FLOOR /
					 (MAX_ORDER_NR_PAGES << PAGE_SHIFT),
					 strict);
	return page;
}

/*
 * @nr_pages zeroed contiguous pages above the floor that nothing will
 * overwrite (arch_persist_e820_busy()); where they would likely be lost
 * later only if there are no others, and said so.
 */
static struct page *persist_grab(unsigned long nr_pages, const char *name)
{
	struct page *page;
	unsigned long i;

	lockdep_assert_held(&persist_e820_mutex);
	if (nr_pages > totalram_pages())
		return NULL;
	page = persist_grab_pass(nr_pages, true);
	if (!page) {
		page = persist_grab_pass(nr_pages, false);
		if (page)
			pr_warn("%s: [mem %#018llx-%#018llx]: no better place was free; it may be lost across a reboot through the firmware\n",
				name, (u64)page_to_phys(page),
				(u64)page_to_phys(page) + (nr_pages << PAGE_SHIFT) - 1);
	}
	if (!page) {
		pr_warn("%s: no %lu pages free above %#x\n", name, nr_pages,
			PERSIST_ALLOC_FLOOR);
		return NULL;
	}
	for (i = 0; i < nr_pages; i++)
		clear_highpage(page + i);
	return page;
}

/**
 * persist_e820_iomem_ram() - show [start, end), handed over and then freed,
 *	as System RAM in /proc/iomem
 * @start: physical start
 * @end: physical end (exclusive)
 */
void persist_e820_iomem_ram(u64 start, u64 end)
{
	struct resource *ram = kzalloc_obj(*ram);

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
 * A busy "Persisted Memory" resource for @r in /proc/iomem: in place of
 * e820's for an inherited range, inside System RAM for one persisted in
 * this boot (allocated, or registered by a kernel user), which kexec-tools
 * then leaves out of the ELF headers it makes for a crash kernel (kexec -p
 * without hotplug support), as it leaves out what is not RAM. Best
 * effort: a range across two resources gets none.
 */
static void persist_claim_iomem(struct persist_e820_region *r)
{
	struct resource *res = kzalloc_obj(*res);

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

/* Drop @r's resource; an inherited range's place becomes System RAM */
static void persist_unclaim_iomem(struct persist_e820_region *r)
{
	if (!r->res)
		return;
	release_resource(r->res);
	kfree(r->res);
	r->res = NULL;
	if (r->flags & PERSIST_E820_F_INHERITED)
		persist_e820_iomem_ram(r->start, r->end);
}

/**
 * persist_e820_claim_iomem() - give each inherited range its own resource
 *
 * For the architecture's boot code, once the firmware map's resources are
 * in place: a busy "Persisted Memory" resource per inherited range, which
 * becomes System RAM when the range is released.
 */
void persist_e820_claim_iomem(void)
{
	struct persist_e820_region *r;

	lockdep_assert_held(&persist_e820_mutex);
	list_for_each_entry(r, &persist_ranges, list)
		if ((r->flags & PERSIST_E820_F_INHERITED) && !r->res)
			persist_claim_iomem(r);
}

/*
 * Give the pages of a range that left the registry back to the page
 * allocator, if they are persist_e820's to give: allocated here, or handed
 * over and reserved since boot. Registered ranges stay with their owner.
 *
 * An inherited range is not RAM until then, so /dev/mem may map it (with
 * iomem=relaxed, or where it is not exclusive): those mappings go first,
 * or a process would go on reading and writing pages the allocator hands
 * out. User space, and with it any such mapping, exists once the system
 * runs (the iomem inode comes before, at fs_initcall).
 */
static void persist_free_range(struct persist_e820_region *r)
{
	unsigned long pfn;

	if (r->flags & PERSIST_E820_F_ALLOCATED) {
		free_contig_range(PHYS_PFN(r->start), PHYS_PFN(r->end - r->start));
	} else if (r->flags & PERSIST_E820_F_INHERITED) {
		if (system_state >= SYSTEM_RUNNING)
			unmap_mapping_range(iomem_get_mapping(), r->start,
					    r->end - r->start, 1);
		for (pfn = PHYS_PFN(r->start); pfn < PHYS_PFN(r->end); pfn++) {
			free_reserved_page(pfn_to_page(pfn));
			if (!(pfn % 1024))
				cond_resched();
		}
	}
	/* For an inherited range without a resource yet, e820's stands */
	persist_unclaim_iomem(r);
}

/*
 * Make room in the record for @nr ranges: a record too small is replaced
 * by a new one twice the size needed.
 */
static int persist_record_reserve(unsigned int nr)
{
	size_t need = PAGE_ALIGN(persist_e820_record_size(nr));
	unsigned long pages = roundup_pow_of_two(need >> PAGE_SHIFT);
	struct persist_e820_region *rec, *old = persist_record;
	struct page *page;
	u64 start;

	lockdep_assert_held(&persist_e820_mutex);
	if (old && need <= old->end - old->start)
		return 0;
	page = persist_grab(pages, "record");
	if (!page)
		return -ENOMEM;
	start = page_to_phys(page);
	rec = persist_range_new(start, start + (pages << PAGE_SHIFT),
				PERSIST_E820_F_RECORD | PERSIST_E820_F_ALLOCATED |
				PERSIST_E820_F_KERNEL, "", "persist_e820");
	if (!rec) {
		free_contig_range(page_to_pfn(page), pages);
		return -ENOMEM;
	}
	persist_insert(rec);
	persist_record = rec;
	if (old) {
		persist_unlink(old);
		persist_free_range(old);
		persist_e820_range_put(old);
	}
	return 0;
}

/*
 * Write the record for the registry as it is (reserved large enough), or
 * drop it when nothing is persisted.
 */
static void persist_record_write(void)
{
	struct persist_e820_record_entry *e;
	struct persist_e820_record *hdr;
	struct persist_e820_region *r;
	unsigned int n = 0;

	lockdep_assert_held(&persist_e820_mutex);
	if (!persist_record)
		return;
	if (!persist_nr) {
		r = persist_record;
		persist_record = NULL;
		persist_unlink(r);
		persist_free_range(r);
		persist_e820_range_put(r);
		return;
	}
	hdr = phys_to_virt(persist_record->start);
	e = (void *)(hdr + 1);
	list_for_each_entry(r, &persist_ranges, list) {
		if (r->flags & PERSIST_E820_F_RECORD)
			continue;
		memset(&e[n], 0, sizeof(e[n]));
		e[n].start = r->start;
		e[n].length = r->end - r->start;
		memcpy(e[n].name, r->name, sizeof(e[n].name));
		memcpy(e[n].owner, r->owner, sizeof(e[n].owner));
		n++;
	}
	persist_e820_record_seal(hdr, n);
}

/*
 * A crash kernel loaded with hotplug support leaves persisted memory out
 * of its vmcore as the registry stands: its ELF headers are prepared again
 * after every change, outside the registry lock (preparing them asks the
 * registry what to leave out), and a little later again while a kexec
 * operation holds its lock.
 */
static void persist_crash_update(struct work_struct *work)
{
	int ret = crash_hotplug_update();

	if (ret == -EBUSY)
		queue_delayed_work(system_dfl_wq, to_delayed_work(work), HZ / 10);
	else if (ret == -EOPNOTSUPP)
		pr_warn_ratelimited("the crash kernel was loaded without hotplug support: its vmcore does not follow persisted memory; load it with kexec -p -s or kexec -p --hotplug\n");
	else if (ret)
		pr_err("cannot update the crash kernel's view of persisted memory: %d\n",
		       ret);
}

static DECLARE_DELAYED_WORK(persist_crash_work, persist_crash_update);

/**
 * persist_e820_crash_refresh() - update the crash kernel's view of the registry
 *
 * Soon, in a work item: the crash kernel's ELF headers leave out what is
 * persisted by then. Called on every change, and when a crash kernel was
 * loaded by kexec_load (whose headers user space made from /proc/iomem).
 */
void persist_e820_crash_refresh(void)
{
	if (IS_ENABLED(CONFIG_CRASH_HOTPLUG))
		mod_delayed_work(system_dfl_wq, &persist_crash_work, 0);
}

/* The registry changed: a new generation, the record rewritten, the arch told. */
static void persist_sync(void)
{
	lockdep_assert_held(&persist_e820_mutex);
	persist_generation++;
	persist_record_write();
	arch_persist_e820_changed();
	persist_e820_crash_refresh();
}

/* Can [start, end) be persisted? Returns 0 or a negative errno, with a message. */
static int persist_check_range(u64 start, u64 end, const char *name)
{
	u64 ktext = __pa_symbol(_text), kend = __pa_symbol(_end);
	struct persist_e820_region *r;

	lockdep_assert_held(&persist_e820_mutex);
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
	if (IS_ENABLED(CONFIG_CRASH_RESERVE) && crashk_res.end > crashk_res.start &&
	    start <= crashk_res.end && end > crashk_res.start) {
		pr_err("%s: [mem %#018llx-%#018llx] overlaps the crash kernel reservation\n",
		       name, start, end - 1);
		return -EINVAL;
	}
	/* The next kernel adds KHO scratch as RAM and boots in it */
	if (kho_scratch_overlap(start, end - start)) {
		pr_err("%s: [mem %#018llx-%#018llx] overlaps KHO scratch memory\n",
		       name, start, end - 1);
		return -EINVAL;
	}
	r = persist_e820_find_overlap(start, end);
	if (r) {
		pr_err("%s: [mem %#018llx-%#018llx] overlaps persisted range %s\n",
		       name, start, end - 1, r->name[0] ? r->name : "(record)");
		return -EBUSY;
	}
	return arch_persist_e820_check(start, end);
}

/* Add a range to the registry: from now on every map handed over has it. */
static int persist_add(u64 start, u64 end, const char *name, const char *owner,
		       u32 flags)
{
	struct persist_e820_region *r;
	int ret;

	lockdep_assert_held(&persist_e820_mutex);
	if (persist_e820_find(name))
		return -EEXIST;
	if (persist_nr >= PERSIST_E820_MAX_RANGES) {
		pr_err("%s: the registry is full (%u ranges)\n", name, persist_nr);
		return -ENOSPC;
	}
	ret = persist_check_range(start, end, name);
	if (ret)
		return ret;
	r = persist_range_new(start, end, flags, name, owner);
	if (!r)
		return -ENOMEM;
	ret = persist_record_reserve(persist_nr + 1);
	if (ret) {
		pr_err("%s: no memory for the record of names\n", name);
		persist_e820_range_put(r);
		return ret;
	}
	persist_claim_iomem(r);
	persist_insert(r);
	persist_sync();
	persist_e820_sysfs_add(r);
	return 0;
}

/**
 * persist_e820_del() - take a range out of the registry
 * @r: the range
 *
 * Frees what is persist_e820's to free.
 *
 * Return: 0, or -EBUSY while user space has it open or mapped.
 */
int persist_e820_del(struct persist_e820_region *r)
{
	lockdep_assert_held(&persist_e820_mutex);
	if (r->users)
		return -EBUSY;
	persist_unlink(r);
	persist_sync();
	persist_free_range(r);
	persist_e820_range_put(r);
	return 0;
}

/**
 * persist_e820_alloc_range() - allocate and persist a range
 * @length: bytes, a multiple of PAGE_SIZE
 * @name: its name
 * @owner: its owner
 * @flags: PERSIST_E820_F_ALLOCATED, and PERSIST_E820_F_KERNEL for a kernel user
 * @phys: out: its physical start
 *
 * Return: 0, or a negative errno (see persist_e820_alloc()).
 */
int persist_e820_alloc_range(u64 length, const char *name, const char *owner,
			     u32 flags, u64 *phys)
{
	unsigned long nr_pages = length >> PAGE_SHIFT;
	struct page *page;
	u64 start;
	int ret;

	lockdep_assert_held(&persist_e820_mutex);
	/* Checked again by persist_add(): this spares allocating for nothing */
	if (persist_e820_find(name))
		return -EEXIST;
	if (persist_nr >= PERSIST_E820_MAX_RANGES)
		return -ENOSPC;
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

/**
 * persist_e820_inherit() - register a range the previous kernel handed over
 * @start: physical start, page aligned
 * @end: physical end (exclusive), page aligned
 * @name: its name (from the record, or one made up)
 * @owner: its owner
 * @flags: PERSIST_E820_F_INHERITED, and PERSIST_E820_F_UNNAMED without a
 *	valid record
 *
 * For the architecture's boot code, before drivers and user space run; the
 * range's pages are reserved. persist_e820_inherited() ends the take-over.
 *
 * Return: 0, or -ENOMEM.
 */
int persist_e820_inherit(u64 start, u64 end, const char *name,
			 const char *owner, u32 flags)
{
	struct persist_e820_region *r;

	lockdep_assert_held(&persist_e820_mutex);
	r = persist_range_new(start, end, flags, name, owner);
	if (!r)
		return -ENOMEM;
	persist_insert(r);
	return 0;
}

/**
 * persist_e820_inherited() - the previous kernel's ranges are registered
 *
 * Lists them in sysfs and writes this kernel's record of them.
 */
void persist_e820_inherited(void)
{
	struct persist_e820_region *r;

	lockdep_assert_held(&persist_e820_mutex);
	list_for_each_entry(r, &persist_ranges, list)
		persist_e820_sysfs_add(r);
	if (persist_nr && persist_record_reserve(persist_nr))
		pr_err("no memory for the record of names: the next kernel gets the ranges unnamed\n");
	persist_sync();
}

/* ---- kernel users ------------------------------------------------------- */

static bool persist_args_valid(const char *name, const char *owner)
{
	return name && owner &&
	       persist_e820_name_valid(name, strnlen(name, PERSIST_E820_NAME_LEN) + 1) &&
	       persist_e820_owner_valid(owner, strnlen(owner, PERSIST_E820_OWNER_LEN) + 1);
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
 * -ENOSPC (registry full), -ENOMEM, or -E2BIG (the maps handed to the next
 * kernel would be longer than it keeps).
 */
int persist_e820_alloc(const char *name, const char *owner, size_t size,
		       phys_addr_t *start)
{
	u64 phys;
	int ret;

	if (!persist_args_valid(name, owner) || !size || !PAGE_ALIGNED(size))
		return -EINVAL;
	mutex_lock(&persist_e820_mutex);
	ret = persist_e820_alloc_range(size, name, owner,
				       PERSIST_E820_F_ALLOCATED | PERSIST_E820_F_KERNEL,
				       &phys);
	mutex_unlock(&persist_e820_mutex);
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
 * reservation, KHO scratch, every persisted range and the loaded kexec
 * image. The caller keeps the pages; releasing the range does not free
 * them.
 *
 * Return: 0, -EINVAL, -EEXIST, -ENOSPC, -ENOMEM, -E2BIG, or -EBUSY (overlap
 * with a persisted range or a destination of the loaded kexec image).
 */
int persist_e820_register(const char *name, const char *owner,
			  phys_addr_t start, size_t size)
{
	int ret;

	if (!persist_args_valid(name, owner) || !size ||
	    start + size < start)
		return -EINVAL;
	mutex_lock(&persist_e820_mutex);
	ret = persist_add(start, start + size, name, owner, PERSIST_E820_F_KERNEL);
	mutex_unlock(&persist_e820_mutex);
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
 * its owner calls persist_e820_release(); user space can no longer release
 * it. Its pages are reserved, with struct pages, in the direct map.
 *
 * Return: 0, -ENOENT (no inherited range of that name), -EACCES (another
 * owner), or -EBUSY (adopted already, or mapped by user space).
 */
int persist_e820_adopt(const char *name, const char *owner,
		       phys_addr_t *start, size_t *size)
{
	struct persist_e820_region *r;
	int ret = 0;

	if (!persist_args_valid(name, owner))
		return -EINVAL;
	mutex_lock(&persist_e820_mutex);
	r = persist_e820_find(name);
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
	mutex_unlock(&persist_e820_mutex);
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
 * Return: 0, -ENOENT, -EACCES (another owner), or -EBUSY (mapped by user
 * space).
 */
int persist_e820_release(const char *name, const char *owner)
{
	struct persist_e820_region *r;
	int ret;

	if (!persist_args_valid(name, owner))
		return -EINVAL;
	mutex_lock(&persist_e820_mutex);
	r = persist_e820_find(name);
	if (!r)
		ret = -ENOENT;
	else if (strcmp(r->owner, owner))
		ret = -EACCES;
	else
		ret = persist_e820_del(r);
	mutex_unlock(&persist_e820_mutex);
	return ret;
}
EXPORT_SYMBOL_GPL(persist_e820_release);
