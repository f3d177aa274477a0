// SPDX-License-Identifier: GPL-2.0
/*
 * Persisted memory on x86: the maps a kexec_file image hands to the next
 * kernel, and the kexec segments kept off persisted ranges
 *
 * Every persisted range (kernel/liveupdate/persist_e820.c) reaches the next
 * kernel as an e820 entry of type E820_TYPE_PERSIST, with RAM split around
 * it, and the record of names as one entry of E820_TYPE_PERSIST_RECORD:
 * any kernel treats an e820 type it does not know as reserved, so a kernel
 * that never heard of persisted memory leaves the ranges alone too.
 *
 *  - kexec_file_load: the boot_params segment gets e820_table_kexec split
 *    around the ranges (entries past the zeropage's 128 in a SETUP_E820_EXT
 *    node) and, on EFI boots, one EfiReservedMemoryType descriptor per range
 *    appended to the EFI memory map. Room for the largest maps a receiver
 *    keeps is set aside at load, and the maps are written again at exec if
 *    the registry changed since: the next kernel gets the registry as it is
 *    when it starts, and a change after the load never fails the exec. The
 *    segment is therefore left out of the purgatory's digest, like the
 *    elfcorehdr that crash hotplug rewrites.
 *
 *  - kexec_load: user space builds the maps from /sys/firmware/memmap,
 *    which e820_persist_memmap.c keeps split the same way. The map is
 *    checked once the segments are loaded (e820_persist_load.c): a map
 *    read before a range was persisted or released is refused. Such an
 *    image carries the registry as it was at the load, so it is refused at
 *    exec, loudly, if the registry changed since.
 *
 * No kexec segment lands on a persisted range: kexec_file placement skips
 * them (arch_check_excluded_range(), which keeps KHO's own placement in
 * force), every image is checked before it is prepared
 * (machine_kexec_prepare()), and from then until it is freed the allocator
 * does not hand out its destinations for persisting (arch_persist_e820_busy()).
 */

#define pr_fmt(fmt) "e820: persist: " fmt

#include <linux/efi.h>
#include <linux/kexec.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/persist_e820_registry.h>
#include <linux/sched/clock.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include <asm/bootparam.h>
#include <asm/e820/api.h>
#include <asm/e820/persist.h>
#include <asm/efi.h>

static_assert(PERSIST_E820_TYPE == E820_TYPE_PERSIST);
static_assert(PERSIST_E820_RECORD_TYPE == E820_TYPE_PERSIST_RECORD);

/* Most e820 entries handed over: what a receiver like this one keeps */
#define PERSIST_HANDOVER_MAX_ENTRIES	e820__persist_handover_limit(E820_MAX_ENTRIES)
/* Most spans: every range and the record */
#define PERSIST_MAX_SPANS		(PERSIST_E820_MAX_RANGES + 1)

/* Loaded kexec images whose destinations persisted memory must avoid */
static LIST_HEAD(persist_guarded);

/*
 * The spans of the registry: @spans without the record, then (if there is
 * one) the record's span in *@rec. Returns the number of spans or -E2BIG.
 */
static int persist_get_spans(struct persist_e820_span *spans,
			     struct persist_e820_span *rec, bool *has_rec)
{
	lockdep_assert_held(&persist_e820_mutex);
	*has_rec = persist_e820_record_span(rec);
	return persist_e820_spans(spans, PERSIST_MAX_SPANS, false);
}

/*
 * @table split around the persisted ranges, then around the record, into
 * @dst (room for @max), through @tmp (room for @max too). Returns the
 * number of entries or a negative errno (-E2BIG if they did not fit).
 * Allocates nothing: it runs at exec.
 */
static int persist_build(const struct e820_table *table,
			 struct persist_e820_span *spans,
			 struct e820_entry *tmp, struct e820_entry *dst, int max)
{
	struct persist_e820_span rec;
	bool has_rec;
	int nr_spans, n;

	lockdep_assert_held(&persist_e820_mutex);
	nr_spans = persist_get_spans(spans, &rec, &has_rec);
	if (nr_spans < 0)
		return nr_spans;
	n = e820__persist_split(table->entries, table->nr_entries, spans,
				nr_spans, E820_TYPE_PERSIST, has_rec ? tmp : dst,
				max);
	if (n < 0 || !has_rec)
		return n;
	return e820__persist_split(tmp, n, &rec, 1, E820_TYPE_PERSIST_RECORD,
				   dst, max);
}

/*
 * Where the firmware and its loaders allocated before this kernel ran: the
 * EFI memory map's loader and boot services descriptors, RAM once the
 * kernel runs. The firmware allocates there again early in the next boot,
 * before persist_memmap.efi (e820_persist_efi.c) can keep anything, so a
 * range persisted there would be lost across a warm reboot: the allocator
 * places one there only when no other memory is free
 * (arch_persist_e820_busy()). Touching descriptors are
 * merged; with no room left, the nearest span grows over a new one: a
 * little more RAM avoided, nothing the firmware used missed.
 */
#define PERSIST_FW_SPANS	32

static struct persist_e820_span persist_fw[PERSIST_FW_SPANS] __ro_after_init;
static unsigned int persist_fw_nr __ro_after_init;

static void __init persist_fw_add(u64 start, u64 end)
{
	struct persist_e820_span *s, *near = NULL;
	u64 gap, best = U64_MAX;
	unsigned int i;

	for (i = 0; i < persist_fw_nr; i++) {
		s = &persist_fw[i];
		if (start > s->end)
			gap = start - s->end;
		else if (end < s->start)
			gap = s->start - end;
		else
			gap = 0;
		if (gap < best) {
			best = gap;
			near = s;
		}
	}
	if (best && persist_fw_nr < PERSIST_FW_SPANS) {
		s = &persist_fw[persist_fw_nr++];
		s->start = start;
		s->end = end;
		return;
	}
	near->start = min(near->start, start);
	near->end = max(near->end, end);
}

/**
 * e820__persist_note_firmware() - note where the firmware allocated
 *
 * From the EFI memory map, right after efi_init(), before Linux frees the
 * boot services memory: see persist_fw.
 */
void __init e820__persist_note_firmware(void)
{
	efi_memory_desc_t *md;
	u64 end;

	if (!efi_enabled(EFI_MEMMAP))
		return;
	for_each_efi_memory_desc(md) {
		if (md->type != EFI_LOADER_CODE && md->type != EFI_LOADER_DATA &&
		    md->type != EFI_BOOT_SERVICES_CODE &&
		    md->type != EFI_BOOT_SERVICES_DATA)
			continue;
		if (!md->num_pages || md->num_pages > U64_MAX >> EFI_PAGE_SHIFT ||
		    check_add_overflow(md->phys_addr,
				       md->num_pages << EFI_PAGE_SHIFT, &end))
			continue;
		persist_fw_add(md->phys_addr, end);
	}
	if (persist_fw_nr)
		pr_info("ranges are allocated where the firmware allocated while booting (%u spans) only when no other memory is free\n",
			persist_fw_nr);
}

/* Does [start, end) meet memory the firmware allocated before this kernel? */
static bool persist_fw_used(u64 start, u64 end)
{
	unsigned int i;

	for (i = 0; i < persist_fw_nr; i++)
		if (start < persist_fw[i].end && end > persist_fw[i].start)
			return true;
	return false;
}

/* Is [start, end) a destination of a loaded (or loading) kexec image? */
static struct kimage *persist_guarded_image(u64 start, u64 end)
{
	struct kimage *image;

	lockdep_assert_held(&persist_e820_mutex);
	list_for_each_entry(image, &persist_guarded, arch.persist_guard)
		if (kimage_is_destination_range(image, start, end - 1))
			return image;
	return NULL;
}

/**
 * arch_persist_e820_busy() - is a range no place to allocate a range in?
 * @start: physical start
 * @end: physical end (exclusive)
 * @strict: also refuse where the range would likely be lost later
 *
 * Return: true if a range allocated in [@start, @end) would be overwritten
 * at exec, by a loaded kexec image; with @strict, also if it would likely
 * be on a warm reboot, by the firmware, which allocated there while it
 * booted this kernel.
 */
bool arch_persist_e820_busy(u64 start, u64 end, bool strict)
{
	return persist_guarded_image(start, end) ||
	       (strict && persist_fw_used(start, end));
}

/**
 * arch_persist_e820_check() - may a range be persisted on x86?
 * @start: physical start
 * @end: physical end (exclusive)
 *
 * Return: 0; -EBUSY if it is a destination of a loaded kexec image; -E2BIG
 * if the e820 table handed to the next kernel would grow past what a
 * kernel like this one keeps; -ENOMEM.
 */
int arch_persist_e820_check(u64 start, u64 end)
{
	struct persist_e820_span *spans;
	struct persist_e820_span rec;
	unsigned int limit = PERSIST_HANDOVER_MAX_ENTRIES;
	bool has_rec;
	int nr, n, i;

	lockdep_assert_held(&persist_e820_mutex);
	if (persist_guarded_image(start, end)) {
		pr_err("[mem %#018llx-%#018llx] is a destination of the loaded kexec image\n",
		       start, end - 1);
		return -EBUSY;
	}

	/* The registry's spans and the new one, sorted: count the entries */
	spans = kvmalloc_array(PERSIST_MAX_SPANS + 1, sizeof(*spans), GFP_KERNEL);
	if (!spans)
		return -ENOMEM;
	nr = persist_get_spans(spans, &rec, &has_rec);
	if (nr < 0)
		goto out;
	for (i = nr; i > 0 && spans[i - 1].start > start; i--)
		spans[i] = spans[i - 1];
	spans[i].start = start;
	spans[i].end = end;
	n = e820__persist_split(e820_table_kexec->entries,
				e820_table_kexec->nr_entries, spans, nr + 1,
				E820_TYPE_PERSIST, NULL, 0);
	/* the record costs at most two entries more */
	if (n >= 0 && n + 2 * has_rec > limit) {
		pr_err("[mem %#018llx-%#018llx]: the next kernel would get %d e820 entries; one like this keeps %d with room for its own, %u: release or coalesce ranges\n",
		       start, end - 1, n + 2 * has_rec, E820_MAX_ENTRIES, limit);
		nr = -E2BIG;
	}
out:
	kvfree(spans);
	return nr < 0 ? nr : 0;
}

/**
 * e820__persist_ext_room() - room for the SETUP_E820_EXT node
 *
 * Return: bytes a boot_params segment sets aside for the e820 entries past
 * the zeropage's, as many as a receiver like this one keeps.
 */
unsigned int e820__persist_ext_room(void)
{
	return sizeof(struct setup_data) +
	       (PERSIST_HANDOVER_MAX_ENTRIES - E820_MAX_ENTRIES_ZEROPAGE) *
	       sizeof(struct boot_e820_entry);
}

/**
 * e820__persist_efi_room() - room for the EFI descriptors of persisted ranges
 *
 * Return: bytes to set aside after a copy of the EFI runtime map, or 0 if
 * this boot has none.
 */
unsigned int e820__persist_efi_room(void)
{
	if (!efi_get_runtime_map_size())
		return 0;
	return min_t(unsigned int, PERSIST_MAX_SPANS, PERSIST_HANDOVER_MAX_ENTRIES) *
	       efi_get_runtime_map_desc_size();
}

static void persist_params_free(struct e820_persist_params *p)
{
	if (!p)
		return;
	if (p->params)
		kimage_unmap_segment(p->params);
	kvfree(p->entries);
	kvfree(p->tmp);
	kvfree(p->spans);
	kfree(p);
}

/**
 * e820__persist_params_init() - remember where an image's maps go
 * @image: a kexec_file image being loaded, its boot_params segment the last
 *	one added
 * @load_addr: that segment's physical address
 * @ext_offset: offset of the room for a SETUP_E820_EXT node in it
 *	(e820__persist_ext_room() bytes)
 * @efi_map_offset: offset of the EFI memory map in it
 * @efi_map_room: bytes there, e820__persist_efi_room() included; 0 for none
 *
 * The segment is left out of the purgatory's digest: it is written again
 * at exec when the registry has changed.
 *
 * Return: 0 or -ENOMEM.
 */
int e820__persist_params_init(struct kimage *image, unsigned long load_addr,
			      unsigned int ext_offset,
			      unsigned int efi_map_offset,
			      unsigned int efi_map_room)
{
	struct e820_persist_params *p;

	p = kzalloc_obj(*p);
	if (!p)
		return -ENOMEM;
	p->entries = kvmalloc_array(PERSIST_HANDOVER_MAX_ENTRIES,
				    sizeof(*p->entries), GFP_KERNEL);
	p->tmp = kvmalloc_array(PERSIST_HANDOVER_MAX_ENTRIES, sizeof(*p->tmp),
				GFP_KERNEL);
	p->spans = kvmalloc_array(PERSIST_MAX_SPANS, sizeof(*p->spans),
				  GFP_KERNEL);
	if (!p->entries || !p->tmp || !p->spans) {
		persist_params_free(p);
		return -ENOMEM;
	}
	p->segment = image->nr_segments - 1;
	p->load_addr = load_addr;
	p->ext_offset = ext_offset;
	p->efi_map_offset = efi_map_offset;
	p->efi_map_room = efi_map_room;
	persist_params_free(image->arch.persist_params);
	image->arch.persist_params = p;
	image->exec_rewrite_segments |= BIT(p->segment);
	return 0;
}

/*
 * Write the e820 table for the registry as it is into @params: the first
 * 128 entries in the zeropage, the rest in the SETUP_E820_EXT node.
 */
static int persist_write_e820(struct e820_persist_params *p,
			      struct boot_params *params)
{
	unsigned int limit = PERSIST_HANDOVER_MAX_ENTRIES;
	struct setup_data *sd = (void *)params + p->ext_offset;
	unsigned int nr_zp;
	int n;

	lockdep_assert_held(&persist_e820_mutex);
	n = persist_build(e820_table_kexec, p->spans, p->tmp, p->entries, limit);
	if (n == -E2BIG)
		pr_err("the next kernel would get more than %u e820 entries; one like this keeps %d with room for its own: release or coalesce ranges\n",
		       limit, E820_MAX_ENTRIES);
	if (n < 0)
		return n;
	nr_zp = min_t(unsigned int, n, E820_MAX_ENTRIES_ZEROPAGE);
	params->e820_entries = nr_zp;
	memcpy(params->e820_table, p->entries, nr_zp * sizeof(*p->entries));

	/* The rest where the boot protocol puts it: SETUP_E820_EXT */
	sd->type = SETUP_E820_EXT;
	sd->len = (n - nr_zp) * sizeof(struct boot_e820_entry);
	memcpy(sd->data, p->entries + nr_zp, sd->len);
	if (sd->len && !p->ext_linked) {
		sd->next = params->hdr.setup_data;
		params->hdr.setup_data = p->load_addr + p->ext_offset;
		p->ext_linked = true;
	}
	return n;
}

/*
 * Is @md a reserved descriptor the previous kernel appended for a range it
 * persisted (one inside a persisted e820 entry this kernel received)? Such
 * descriptors give way to those of the ranges persisted now.
 */
static bool efi_desc_inherited(const efi_memory_desc_t *md)
{
	u64 start = md->phys_addr, end = start + (md->num_pages << EFI_PAGE_SHIFT);
	u64 run_end = 0;
	u32 i;

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
		if ((!run_end || e->addr != run_end) && e->addr > start)
			return false;
		run_end = e->addr + e->size;
		if (run_end >= end)
			return true;
	}
	return false;
}

/*
 * The EFI memory map handed over: this boot's runtime map without the
 * previous kernel's descriptors for persisted ranges (released ones must
 * not stay reserved), then one EfiReservedMemoryType descriptor per span
 * persisted now, the record's included, with virt_addr = phys_addr (the
 * next kernel maps every descriptor at its virt_addr) and the WB attribute.
 */
static void persist_write_efi(struct e820_persist_params *p,
			      struct boot_params *params)
{
	unsigned long desc_size = efi_get_runtime_map_desc_size();
	void *map = (void *)params + p->efi_map_offset;
	size_t in, out = 0, size;
	int i, n;

	lockdep_assert_held(&persist_e820_mutex);
	if (!p->efi_map_room || !params->efi_info.efi_memmap_size ||
	    desc_size < sizeof(efi_memory_desc_t))
		return;
	size = min_t(size_t, efi_get_runtime_map_size(), p->efi_map_room);
	efi_runtime_map_copy(map, size);
	for (in = 0; in + desc_size <= size; in += desc_size) {
		if (efi_desc_inherited(map + in))
			continue;
		if (out != in)
			memmove(map + out, map + in, desc_size);
		out += desc_size;
	}
	n = persist_e820_spans(p->spans, PERSIST_MAX_SPANS, true);
	for (i = 0; i < n && out + desc_size <= p->efi_map_room; i++) {
		efi_memory_desc_t *md = map + out;

		memset(md, 0, desc_size);
		md->type = PERSIST_E820_EFI_TYPE;
		md->phys_addr = p->spans[i].start;
		md->virt_addr = p->spans[i].start;
		md->num_pages = (p->spans[i].end - p->spans[i].start) >> EFI_PAGE_SHIFT;
		md->attribute = EFI_MEMORY_WB;
		out += desc_size;
	}
	if (i < n)
		pr_err("no room for %d EFI descriptors of persisted ranges\n", n - i);
	params->efi_info.efi_memmap_size = out;
}

/**
 * e820__persist_fill_e820() - the e820 table a kexec_file image hands over
 * @image: the image being loaded, after e820__persist_params_init()
 * @params: its boot_params
 *
 * Records the registry's generation: e820__persist_fill_efi() follows.
 *
 * Return: 0, -E2BIG (more entries than a kernel like this one keeps), or
 * -ENOMEM.
 */
int e820__persist_fill_e820(struct kimage *image, struct boot_params *params)
{
	struct e820_persist_params *p = image->arch.persist_params;
	u64 t0 = local_clock();
	int n;

	if (WARN_ON_ONCE(!p))
		return -EINVAL;
	mutex_lock(&persist_e820_mutex);
	n = persist_write_e820(p, params);
	image->arch.persist_generation = persist_e820_generation();
	if (n >= 0 && persist_e820_nr_ranges())
		pr_info("kexec: %u ranges handed over in %d e820 entries, built in %llu us\n",
			persist_e820_nr_ranges(), n,
			div_u64(local_clock() - t0, NSEC_PER_USEC));
	mutex_unlock(&persist_e820_mutex);
	return n < 0 ? n : 0;
}

/**
 * e820__persist_fill_efi() - the EFI memory map a kexec_file image hands over
 * @image: the image being loaded
 * @params: its boot_params, EFI state set up
 */
void e820__persist_fill_efi(struct kimage *image, struct boot_params *params)
{
	struct e820_persist_params *p = image->arch.persist_params;

	if (!p)
		return;
	mutex_lock(&persist_e820_mutex);
	persist_write_efi(p, params);
	mutex_unlock(&persist_e820_mutex);
}

/**
 * arch_check_excluded_range() - keep a kexec_file segment off persisted memory
 * @image: the image being loaded
 * @start: first byte of a candidate destination
 * @end: last byte
 *
 * Return: nonzero if [@start, @end] holds persisted memory.
 */
int arch_check_excluded_range(struct kimage *image, unsigned long start,
			      unsigned long end)
{
	int ret;

	if (image->type == KEXEC_TYPE_CRASH)
		return 0;	/* the crash kernel reservation holds none */
	mutex_lock(&persist_e820_mutex);
	ret = !!persist_e820_find_overlap(start, end == ULONG_MAX ? U64_MAX :
					  (u64)end + 1);
	mutex_unlock(&persist_e820_mutex);
	return ret;
}

/**
 * e820__persist_guard() - check an image's segments and guard them
 * @image: an image about to be prepared (machine_kexec_prepare())
 *
 * From now until the image is freed, no memory it overwrites at exec is
 * persisted.
 *
 * Return: 0, or -EADDRNOTAVAIL if a segment lies on a persisted range.
 */
int e820__persist_guard(struct kimage *image)
{
	struct persist_e820_region *r;
	unsigned long i;

	if (image->type != KEXEC_TYPE_DEFAULT)
		return 0;
	mutex_lock(&persist_e820_mutex);
	for (i = 0; i < image->nr_segments; i++) {
		u64 mstart = image->segment[i].mem;
		u64 mend = mstart + image->segment[i].memsz;

		r = persist_e820_find_overlap(mstart, mend);
		if (r) {
			pr_err("kexec segment [mem %#018llx-%#018llx] overlaps persisted range %s [mem %#018llx-%#018llx]\n",
			       mstart, mend - 1, r->name[0] ? r->name : "(record)",
			       r->start, r->end - 1);
			mutex_unlock(&persist_e820_mutex);
			return -EADDRNOTAVAIL;
		}
	}
	/*
	 * An image whose maps are not ours to write again is handed over as
	 * of now; a kexec_load image's map is checked, and the generation
	 * recorded again, once its segments are loaded.
	 */
	if (!image->arch.persist_params)
		image->arch.persist_generation = persist_e820_generation();
	list_add(&image->arch.persist_guard, &persist_guarded);
	mutex_unlock(&persist_e820_mutex);
	return 0;
}

/**
 * e820__persist_unguard() - an image is freed
 * @image: the image (machine_kexec_cleanup())
 */
void e820__persist_unguard(struct kimage *image)
{
	mutex_lock(&persist_e820_mutex);
	if (image->arch.persist_guard.next)
		list_del(&image->arch.persist_guard);
	image->arch.persist_guard.next = NULL;
	mutex_unlock(&persist_e820_mutex);
	persist_params_free(image->arch.persist_params);
	image->arch.persist_params = NULL;
}

/**
 * machine_kexec_post_load() - an image's segments are loaded
 * @image: the image
 *
 * A kexec_load image's map is checked against persisted memory
 * (e820__persist_check_load()). A kexec_file image's boot_params are
 * mapped: the maps in them may have to be written again at exec, when
 * nothing may be allocated. A crash image loaded by kexec_load has ELF
 * headers user space made from /proc/iomem, where ranges persisted in
 * this boot are System RAM: they are prepared again once the load is
 * done (persist_e820_crash_refresh()).
 *
 * Return: 0, -ENOMEM, or the error of the check.
 */
int machine_kexec_post_load(struct kimage *image)
{
	struct e820_persist_params *p = image->arch.persist_params;

	if (!image->file_mode && image->type == KEXEC_TYPE_CRASH)
		persist_e820_crash_refresh();
	if (!image->file_mode && image->type == KEXEC_TYPE_DEFAULT)
		return e820__persist_check_load(image);
	if (!p)
		return 0;
	p->params = kimage_map_segment(image, p->segment);
	return p->params ? 0 : -ENOMEM;
}

/**
 * arch_kexec_begin_exec() - the maps the image hands over, as of now
 * @image: the image about to be executed, kexec lock held
 *
 * Holds the registry until arch_kexec_end_exec(), which only a failed or
 * returning kexec reaches: what is persisted from here on waits for the
 * next kernel. A kexec_file image whose maps are stale gets them written
 * again; a kexec_load image, whose maps user space built, is refused.
 *
 * Return: 0, or -EBUSY for a stale kexec_load image (or the error of
 * writing a kexec_file image's maps, which the registry's own checks make
 * impossible: nothing is then handed over wrong).
 */
int arch_kexec_begin_exec(struct kimage *image)
{
	struct e820_persist_params *p = image->arch.persist_params;
	u64 gen;
	int ret;

	mutex_lock(&persist_e820_mutex);
	gen = persist_e820_generation();
	if (image->arch.persist_generation == gen)
		return 0;
	if (!p || !p->params) {
		mutex_unlock(&persist_e820_mutex);
		pr_err("persisted ranges changed since the kexec_load image was loaded; load it again\n");
		return -EBUSY;
	}
	/* Cannot grow past the room: the registry refuses such ranges */
	ret = persist_write_e820(p, p->params);
	if (ret < 0) {
		mutex_unlock(&persist_e820_mutex);
		pr_err("cannot hand the persisted ranges to the next kernel: %d\n", ret);
		return ret;
	}
	persist_write_efi(p, p->params);
	image->arch.persist_generation = gen;
	pr_info("kexec: the registry changed since the load: %u ranges handed over\n",
		persist_e820_nr_ranges());
	return 0;
}

/**
 * arch_kexec_end_exec() - a kexec did not happen, or returned
 * @image: the image
 */
void arch_kexec_end_exec(struct kimage *image)
{
	mutex_unlock(&persist_e820_mutex);
}

/**
 * e820__persist_crash_nr_ranges() - ranges a vmcore may have to leave out
 *
 * Return: the number of persisted ranges and the record.
 */
unsigned int e820__persist_crash_nr_ranges(void)
{
	unsigned int n;

	mutex_lock(&persist_e820_mutex);
	n = persist_e820_nr_ranges() + 1;
	mutex_unlock(&persist_e820_mutex);
	return n;
}
