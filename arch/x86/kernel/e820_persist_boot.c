// SPDX-License-Identifier: GPL-2.0
/*
 * Persisted memory on x86: taking over what the previous kernel handed over
 *
 * The previous kernel (or persist_memmap.efi, across a firmware reboot)
 * handed over E820_TYPE_PERSIST entries and one E820_TYPE_PERSIST_RECORD
 * entry holding the record of their names. e820__memblock_setup() has kept
 * them reserved, with struct pages, in the direct map. Before drivers and
 * user space run, this kernel finds the record by its type (reading no
 * range), checks it, and registers every range under its name; a record
 * that fails any check names nothing, and every range is registered under
 * a made-up name. From then on the registry decides: the e820 tables this
 * kernel hands on say RAM there, and the ranges are handed on as long as
 * they are persisted.
 */

#define pr_fmt(fmt) "e820: persist: " fmt

#include <linux/init.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/persist_e820_registry.h>
#include <linux/sched/clock.h>
#include <linux/slab.h>

#include <asm/e820/api.h>
#include <asm/e820/persist.h>

/* The ranges the previous kernel handed over are in the registry */
static bool persist_took_over;

/*
 * The persisted ranges came back through the firmware (persist_memmap.efi),
 * which only ever carries user space's: a record naming another owner is
 * forged, and no driver may adopt pages root wrote as its own.
 */
bool e820__persist_from_firmware __initdata;

static bool __init e820_persisted(const struct e820_entry *e)
{
	return e->size && (e->type == E820_TYPE_PERSIST ||
			   e->type == E820_TYPE_PERSIST_RECORD);
}

/* The E820_TYPE_PERSIST entries of e820_table, as spans */
static int __init persist_boot_spans(struct persist_e820_span *spans,
				     unsigned int room)
{
	unsigned int n = 0;
	u32 i;

	for (i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *m = &e820_table->entries[i];

		if (m->type != E820_TYPE_PERSIST || !m->size)
			continue;
		if (n == room)
			return -E2BIG;
		spans[n].start = m->addr;
		spans[n].end = m->addr + m->size;
		n++;
	}
	return n;
}

/*
 * Register what the record names, or, without a valid record, every
 * persisted e820 entry (and a bad record's own) under a made-up name.
 */
static int __init persist_boot_register(const struct persist_e820_record_entry *e,
					int nr)
{
	const u32 unnamed = PERSIST_E820_F_INHERITED | PERSIST_E820_F_UNNAMED;
	char name[PERSIST_E820_NAME_LEN];
	int i, ret;
	u32 m;

	for (i = 0; i < nr; i++) {
		ret = persist_e820_inherit(e[i].start, e[i].start + e[i].length,
					   e[i].name, e[i].owner,
					   PERSIST_E820_F_INHERITED);
		if (ret)
			return ret;
	}
	if (nr >= 0)
		return 0;
	for (m = 0; m < e820_table->nr_entries; m++) {
		const struct e820_entry *me = &e820_table->entries[m];

		if (!e820_persisted(me))
			continue;
		snprintf(name, sizeof(name), "unnamed-%llx", me->addr);
		ret = persist_e820_inherit(me->addr, me->addr + me->size, name,
					   "unknown", unnamed);
		if (ret)
			return ret;
	}
	return 0;
}

/* The inherited ranges are in the registry now: RAM in this table. */
static void __init persist_table_to_ram(struct e820_table *table)
{
	u32 i;

	for (i = 0; i < table->nr_entries; i++)
		if (e820_persisted(&table->entries[i]))
			table->entries[i].type = E820_TYPE_RAM;
	e820__update_table(table);
}

/*
 * Entries not page aligned make the map unusable as a whole: such a map
 * is left as it is, reserved, unnamed and carried on by the e820 tables.
 */
static bool __init persist_map_aligned(void)
{
	u32 i;

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

/* Free the previous kernel's record, read and no longer needed. */
static void __init persist_free_old_record(const struct e820_entry *m)
{
	unsigned long pfn;

	for (pfn = PHYS_PFN(m->addr); pfn < PHYS_PFN(m->addr + m->size); pfn++)
		free_reserved_page(pfn_to_page(pfn));
}

/*
 * Find the previous kernel's record, check it, and register its ranges.
 * Returns 0 if there was nothing to take over or it was taken over.
 */
static int __init persist_take_over(void)
{
	struct persist_e820_record_entry *ents = NULL;
	struct persist_e820_span *spans = NULL;
	const struct e820_entry *rec = NULL;
	const char *why = NULL;
	int i, nr_rec = 0, nr = -EINVAL, nr_spans, ret;
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

	ents = kvmalloc_array(PERSIST_E820_MAX_RANGES, sizeof(*ents), GFP_KERNEL);
	spans = kvmalloc_array(E820_MAX_ENTRIES, sizeof(*spans), GFP_KERNEL);
	ret = -ENOMEM;
	if (!ents || !spans)
		goto fail;

	nr_spans = persist_boot_spans(spans, E820_MAX_ENTRIES);
	if (nr_rec == 1 && nr_spans >= 0)
		nr = persist_e820_record_parse(phys_to_virt(rec->addr), rec->size,
					       spans, nr_spans, ents, &why);
	else
		why = nr_rec ? "more than one record" : "no record";
	for (i = 0; e820__persist_from_firmware && i < nr; i++) {
		if (strcmp(ents[i].owner, "user")) {
			why = "a range not user space's came through the firmware";
			nr = -EPERM;
		}
	}
	if (nr < 0)
		pr_warn("record of names refused: %s (%d); persisted ranges stay reserved, unnamed\n",
			why, nr);

	/* /sys/firmware/memmap keeps showing the map as it was at boot */
	e820__persist_memmap_publish_boot();
	ret = persist_boot_register(ents, nr);
	if (ret)
		goto fail;
	if (nr >= 0)
		persist_free_old_record(rec);
	persist_table_to_ram(e820_table_kexec);
	persist_table_to_ram(e820_table_firmware);
	persist_took_over = true;
	kvfree(spans);
	kvfree(ents);
	return 0;

fail:
	pr_err("cannot take over the persisted ranges (%d): left reserved, unnamed, carried on\n",
	       ret);
	kvfree(spans);
	kvfree(ents);
	return ret;
}

/*
 * Take over what the previous kernel persisted and write this kernel's
 * record, before drivers (which may adopt ranges) and user space run.
 */
static int __init persist_e820_boot_init(void)
{
	u64 t0 = local_clock();	/* sched_clock: fine-grained this early */

	mutex_lock(&persist_e820_mutex);
	if (!persist_take_over() && persist_took_over)
		pr_info("took over %u ranges from the previous kernel in %llu us\n",
			persist_e820_nr_ranges(),
			div_u64(local_clock() - t0, NSEC_PER_USEC));
	persist_e820_inherited();
	mutex_unlock(&persist_e820_mutex);
	return 0;
}
postcore_initcall(persist_e820_boot_init);

/*
 * Unlink e820's resource of each persisted entry (from memblock: not
 * freed); the registry's ranges get their own.
 */
static void __init persist_drop_e820_resources(void)
{
	u32 i;

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

/*
 * /proc/iomem after the take-over: e820's resources of the persisted
 * entries give way to one "Persisted Memory" resource per inherited range
 * and System RAM for what is no longer persisted (the previous record,
 * ranges released already). Runs after e820__reserve_resources_late(),
 * which would insert e820's resources again.
 */
static int __init persist_e820_iomem_init(void)
{
	struct persist_e820_span *spans;
	int i, n, s;

	if (!persist_took_over)
		return 0;
	spans = kvmalloc_array(PERSIST_E820_MAX_RANGES + 1, sizeof(*spans),
			       GFP_KERNEL);
	if (!spans)
		return -ENOMEM;
	mutex_lock(&persist_e820_mutex);
	persist_drop_e820_resources();
	n = persist_e820_spans(spans, PERSIST_E820_MAX_RANGES + 1, true);
	for (i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *m = &e820_table->entries[i];
		u64 pos = m->addr, end = m->addr + m->size;

		if (!e820_persisted(m))
			continue;
		for (s = 0; s < n && pos < end; s++) {
			if (spans[s].end <= pos)
				continue;
			if (spans[s].start >= end)
				break;
			if (spans[s].start > pos)
				persist_e820_iomem_ram(pos, spans[s].start);
			pos = spans[s].end;
		}
		if (pos < end)
			persist_e820_iomem_ram(pos, end);
	}
	persist_e820_claim_iomem();
	mutex_unlock(&persist_e820_mutex);
	kvfree(spans);
	return 0;
}
late_initcall_sync(persist_e820_iomem_init);
