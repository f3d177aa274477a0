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
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <uapi/linux/persist_e820.h>

#include <asm/e820/api.h>
#include <asm/e820/persist.h>
#include <asm/sections.h>

static_assert(PERSIST_E820_TYPE == E820_TYPE_PERSIST);

/**
 * struct persist_range - one entry of the registry
 * @list: in persist_ranges, sorted by @start
 * @start: physical start, page aligned
 * @end: physical end (exclusive), page aligned
 * @flags: PERSIST_E820_F_*
 * @users: open files bound to the range plus live mappings of it
 * @name: unique name
 * @owner: who registered it ("user" for the device)
 */
struct persist_range {
	struct list_head list;
	u64 start;
	u64 end;
	u32 flags;
	unsigned int users;
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
static unsigned int persist_nr;
static u64 persist_generation = 1;

/* What /sys/firmware/memmap shows now, once we have changed it. */
static struct e820_entry *fw_published;
static int fw_nr_published;

static struct persist_range *persist_find(const char *name)
{
	struct persist_range *r;

	list_for_each_entry(r, &persist_ranges, list)
		if (!strcmp(r->name, name))
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
 * The registry as sorted spans, adjacent ranges merged. Caller holds the
 * kexec lock or persist_lock. Returns the number of spans (*spans is NULL
 * for none), or -ENOMEM.
 */
static int persist_spans(struct e820_persist_span **spans)
{
	struct e820_persist_span *s;
	struct persist_range *r;
	int n = 0;

	*spans = NULL;
	if (!persist_nr)
		return 0;
	s = kvmalloc_array(persist_nr, sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	list_for_each_entry(r, &persist_ranges, list) {
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

/*
 * e820_persist_build - @table split around the persisted ranges
 *
 * Returns the number of entries stored in a new *entries (kvfree() it), or
 * a negative errno.
 */
static int e820_persist_build(const struct e820_table *table,
			      const struct e820_persist_span *spans, int nr_spans,
			      struct e820_entry **entries)
{
	struct e820_entry *e;
	int n, ret;

	n = e820__persist_split(table->entries, table->nr_entries, spans,
				nr_spans, E820_TYPE_PERSIST, NULL, 0);
	if (n < 0)
		return n;
	e = kvmalloc_array(max(n, 1), sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	ret = e820__persist_split(table->entries, table->nr_entries, spans,
				  nr_spans, E820_TYPE_PERSIST, e, n);
	if (ret < 0) {
		kvfree(e);
		return ret;
	}
	*entries = e;
	return ret;
}

static const char *fw_type_name(const struct e820_entry *e)
{
	switch (e->type) {
	case E820_TYPE_RAM:
	case E820_TYPE_RESERVED_KERN:
		return "System RAM";
	case E820_TYPE_PERSIST:
		return PERSIST_E820_TYPE_NAME;
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

	nr_spans = persist_spans(&spans);
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

/* Put @r into the registry, which stays sorted by start. */
static void persist_insert(struct persist_range *r)
{
	struct persist_range *pos;

	list_for_each_entry(pos, &persist_ranges, list)
		if (pos->start > r->start)
			break;
	list_add_tail(&r->list, &pos->list);
	persist_nr++;
}

static bool persist_name_valid(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < len && name[i]; i++)
		if (name[i] < 0x21 || name[i] > 0x7e)
			return false;
	return i > 0 && i < len;
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
		       name, start, end - 1, r->name);
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

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	r->start = start;
	r->end = end;
	r->flags = flags;
	strscpy(r->name, name, sizeof(r->name));
	strscpy(r->owner, owner, sizeof(r->owner));

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

	persist_insert(r);
	ret = fw_memmap_sync();
	if (ret) {
		pr_err("%s: cannot update /sys/firmware/memmap: %d\n", name, ret);
		goto out_del;
	}
	persist_generation++;
	mutex_unlock(&persist_lock);
	return 0;

out_del:
	list_del(&r->list);
	persist_nr--;
out_free:
	mutex_unlock(&persist_lock);
	kfree(r);
	return ret;
}

/* Caller holds the kexec lock and persist_lock. */
static int persist_del(struct persist_range *r)
{
	int ret;

	if (r->users)
		return -EBUSY;
	list_del(&r->list);
	persist_nr--;
	ret = fw_memmap_sync();
	if (ret) {
		persist_insert(r);
		return ret;
	}
	persist_generation++;
	return 0;
}

/* ---- kexec ------------------------------------------------------------- */

/* Does the EFI memory map already carry @s as a reserved descriptor? */
static bool efi_has_span(const struct e820_persist_span *s)
{
	efi_memory_desc_t *md;

	for_each_efi_memory_desc(md) {
		if (md->type == PERSIST_E820_EFI_TYPE && md->phys_addr == s->start &&
		    md->num_pages == (s->end - s->start) >> EFI_PAGE_SHIFT)
			return true;
	}
	return false;
}

/*
 * Drop from @spans those the EFI memory map already carries (a map inherited
 * from the previous kernel may). Returns how many are left.
 */
static int efi_missing_spans(struct e820_persist_span *spans, int nr)
{
	int i, n = 0;

	if (!efi_enabled(EFI_MEMMAP))
		return nr;
	for (i = 0; i < nr; i++)
		if (!efi_has_span(&spans[i]))
			spans[n++] = spans[i];
	return n;
}

/**
 * e820__persist_handover_init() - the maps handed to a kexec_file image
 * @h: filled in; release with e820__persist_handover_free()
 *
 * Splits e820_table_kexec around the persisted ranges and keeps, in
 * @h->spans, those the EFI memory map does not describe yet. The caller holds
 * the kexec lock, so the registry cannot change until the image is loaded.
 *
 * Return: 0, or -ENOMEM.
 */
int e820__persist_handover_init(struct e820_persist_handover *h)
{
	int ret;

	memset(h, 0, sizeof(*h));
	ret = persist_spans(&h->spans);
	if (ret < 0)
		return ret;
	h->nr_spans = ret;

	ret = e820_persist_build(e820_table_kexec, h->spans, h->nr_spans,
				 &h->entries);
	if (ret < 0) {
		pr_err("cannot build the e820 table for kexec: %d\n", ret);
		kvfree(h->spans);
		return ret;
	}
	h->nr_entries = ret;
	h->nr_spans = efi_missing_spans(h->spans, h->nr_spans);
	/*
	 * A kernel like this one keeps E820_MAX_ENTRIES and drops the rest:
	 * holes, never RAM, but the memory is lost to it. Say so.
	 */
	if (h->nr_entries > E820_MAX_ENTRIES)
		pr_warn("the next kernel gets %d e820 entries; one like this keeps only %d, the rest become holes\n",
			h->nr_entries, E820_MAX_ENTRIES);
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
 * e820__persist_nr_ranges() - how many ranges are persisted
 *
 * The caller holds the kexec lock.
 *
 * Return: the number of ranges in the registry.
 */
int e820__persist_nr_ranges(void)
{
	return persist_nr;
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
 * e820__persist_efi_fill() - append reserved EFI descriptors for the ranges
 * @h: the handover
 * @buf: where the descriptors go, or NULL to count the bytes only
 * @desc_size: descriptor size of the EFI memory map handed over
 *
 * One EfiReservedMemoryType descriptor per span of @h (those the EFI map
 * does not carry yet), with virt_addr = phys_addr (the next kernel maps every
 * descriptor at its virt_addr) and the WB attribute.
 *
 * Return: bytes written (or needed).
 */
size_t e820__persist_efi_fill(const struct e820_persist_handover *h, void *buf,
			      unsigned long desc_size)
{
	size_t off = 0;
	int i;

	if (desc_size < sizeof(efi_memory_desc_t))
		return 0;
	for (i = 0; i < h->nr_spans; i++) {
		const struct e820_persist_span *s = &h->spans[i];
		efi_memory_desc_t *md = buf + off;

		if (buf) {
			memset(md, 0, desc_size);
			md->type = PERSIST_E820_EFI_TYPE;
			md->phys_addr = s->start;
			md->virt_addr = s->start;
			md->num_pages = (s->end - s->start) >> EFI_PAGE_SHIFT;
			md->attribute = EFI_MEMORY_WB;
		}
		off += desc_size;
	}
	return off;
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
			       mstart, mend - 1, r->name, r->start, r->end - 1);
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

/*
 * Allocated ranges stay above PERSIST_ALLOC_FLOOR. An older kernel's
 * kexec_file_load puts the next kernel at the top of the first RAM region
 * that fits; if a persisted range ends that region below 16 MiB + the
 * kernel's init_size, the kernel lands under its preferred address, and
 * its decompressor moves up to that address and runs over the range.
 */
#define PERSIST_ALLOC_FLOOR	SZ_256M
/* Allocations to hold on to (below the floor, or kexec destinations) */
#define PERSIST_ALLOC_TRIES	64

static void persist_free_pages(u64 start, u64 end)
{
	free_contig_range(PHYS_PFN(start), PHYS_PFN(end - start));
}

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

static int persist_alloc(u64 length, const char *name, u64 *phys)
{
	unsigned long nr_pages = length >> PAGE_SHIFT;
	struct page *page, *next;
	LIST_HEAD(rejected);
	int i, ret = -ENOMEM;

	if (length > (u64)totalram_pages() << PAGE_SHIFT)
		return -ENOMEM;

	for (i = 0; i < PERSIST_ALLOC_TRIES; i++) {
		unsigned long p;
		u64 start;

		page = persist_alloc_pages(nr_pages);
		if (!page) {
			ret = -ENOMEM;
			break;
		}
		start = page_to_phys(page);
		if (start < PERSIST_ALLOC_FLOOR) {
			list_add(&page->lru, &rejected);
			continue;
		}
		for (p = 0; p < nr_pages; p++)
			clear_highpage(page + p);

		ret = persist_add(start, start + length, name, "user",
				  PERSIST_E820_F_ALLOCATED);
		if (!ret) {
			*phys = start;
			break;
		}
		/*
		 * -EBUSY: the pages are a destination of the loaded kexec
		 * image. Hold on to them so that the next try gets others.
		 */
		if (ret != -EBUSY) {
			persist_free_pages(start, start + length);
			break;
		}
		list_add(&page->lru, &rejected);
	}
	if (i == PERSIST_ALLOC_TRIES)
		pr_warn("%s: no %llu bytes free above %#x\n", name, length,
			PERSIST_ALLOC_FLOOR);
	list_for_each_entry_safe(page, next, &rejected, lru) {
		list_del(&page->lru);
		persist_free_pages(page_to_phys(page),
				   page_to_phys(page) + length);
	}
	return ret;
}

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

static long persist_ioc_alloc(struct file *file, void __user *uarg)
{
	struct persist_e820_alloc a;
	u64 phys;
	int ret;

	ret = persist_copy_arg(&a, sizeof(a), uarg);
	if (ret)
		return ret;
	if (a.flags || !persist_zero(a.__reserved, sizeof(a.__reserved)) ||
	    a.phys_addr || !persist_name_valid(a.name, sizeof(a.name)) ||
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
		ret = persist_alloc(a.length, a.name, &phys);
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
	    !persist_name_valid(n->name, sizeof(n->name)))
		return -EINVAL;
	return 0;
}

static long persist_ioc_release(void __user *uarg)
{
	struct persist_e820_name n;
	struct persist_range *r;
	u64 start, end;
	int ret;

	ret = persist_get_name(&n, uarg);
	if (ret)
		return ret;
	if (!kexec_trylock())
		return -EBUSY;
	mutex_lock(&persist_lock);
	r = persist_find(n.name);
	ret = r ? persist_del(r) : -ENOENT;
	mutex_unlock(&persist_lock);
	kexec_unlock();
	if (ret)
		return ret;

	start = r->start;
	end = r->end;
	if (r->flags & PERSIST_E820_F_ALLOCATED)
		persist_free_pages(start, end);
	kfree(r);
	return 0;
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
	else if (!(r->flags & PERSIST_E820_F_ALLOCATED))
		ret = -EPERM;	/* not ours to map until its owner adopts it */
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

static int __init persist_e820_init(void)
{
	return misc_register(&persist_dev);
}
device_initcall(persist_e820_init);
