// SPDX-License-Identifier: GPL-2.0
/*
 * Persisted memory in /sys/firmware/memmap, for kexec_load
 *
 * kexec-tools builds the memory map of a kexec_load image from
 * /sys/firmware/memmap (e820_table_firmware as published at boot). So that
 * every kexec-tools, stock or not, sees each persisted range as a non-RAM
 * entry of its own, the entries there are split around the ranges whenever
 * the registry changes: E820_TYPE_PERSIST ("Persisted Memory") and
 * E820_TYPE_PERSIST_RECORD for the record of names.
 */

#define pr_fmt(fmt) "e820: persist: " fmt

#include <linux/firmware-map.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/persist_e820_registry.h>
#include <linux/slab.h>

#include <asm/e820/api.h>
#include <asm/e820/persist.h>

/* What /sys/firmware/memmap shows now, once we have changed it. */
static struct e820_entry *fw_published;
static int fw_nr_published;
/* firmware_memmap_init() has run: /sys/firmware/memmap can be changed */
static bool fw_ready;

static const char *fw_type_name(const struct e820_entry *e)
{
	switch (e->type) {
	case E820_TYPE_RAM:
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

/* e820_table_firmware split around the registry, in a new *entries */
static int fw_build(struct e820_entry **entries)
{
	struct persist_e820_span *spans, rec;
	struct e820_entry *e = NULL, *tmp;
	int nr_spans, n = 0, ret;
	bool has_rec;

	spans = kvmalloc_array(PERSIST_E820_MAX_RANGES + 1, sizeof(*spans),
			       GFP_KERNEL);
	if (!spans)
		return -ENOMEM;
	has_rec = persist_e820_record_span(&rec);
	nr_spans = persist_e820_spans(spans, PERSIST_E820_MAX_RANGES + 1, false);
	ret = nr_spans;
	if (ret < 0)
		goto out;
	ret = e820__persist_split(e820_table_firmware->entries,
				  e820_table_firmware->nr_entries, spans,
				  nr_spans, E820_TYPE_PERSIST, NULL, 0);
	if (ret < 0)
		goto out;
	n = ret;
	ret = -ENOMEM;
	e = kvmalloc_array(max(n + 2, 1), sizeof(*e), GFP_KERNEL);
	tmp = kvmalloc_array(max(n, 1), sizeof(*tmp), GFP_KERNEL);
	if (!e || !tmp) {
		kvfree(tmp);
		goto out;
	}
	n = e820__persist_split(e820_table_firmware->entries,
				e820_table_firmware->nr_entries, spans, nr_spans,
				E820_TYPE_PERSIST, has_rec ? tmp : e, n);
	if (n >= 0 && has_rec)
		n = e820__persist_split(tmp, n, &rec, 1, E820_TYPE_PERSIST_RECORD,
					e, n + 2);
	kvfree(tmp);
	ret = n;
out:
	kvfree(spans);
	if (ret < 0) {
		kvfree(e);
		return ret;
	}
	*entries = e;
	return ret;
}

static int fw_snapshot(void)
{
	int nr = e820_table_firmware->nr_entries;

	if (fw_published)
		return 0;
	fw_published = kvmalloc_array(max(nr, 1), sizeof(*fw_published),
				      GFP_KERNEL);
	if (!fw_published)
		return -ENOMEM;
	memcpy(fw_published, e820_table_firmware->entries,
	       nr * sizeof(*fw_published));
	fw_nr_published = nr;
	return 0;
}

/*
 * Make /sys/firmware/memmap show the current split. New entries are added
 * before stale ones are removed, so the map never shows a range as RAM.
 */
static int __ref fw_memmap_sync(void)
{
	struct e820_entry *next;
	int nr, i, ret;

	lockdep_assert_held(&persist_e820_mutex);
	ret = fw_snapshot();
	if (ret)
		return ret;
	nr = fw_build(&next);
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

/**
 * arch_persist_e820_changed() - the registry changed: update /sys/firmware/memmap
 */
void arch_persist_e820_changed(void)
{
	int ret;

	lockdep_assert_held(&persist_e820_mutex);
	if (!fw_ready)
		return;
	ret = fw_memmap_sync();
	if (ret)
		pr_err("cannot update /sys/firmware/memmap: %d\n", ret);
}

/**
 * e820__persist_memmap_publish_boot() - remember /sys/firmware/memmap at boot
 *
 * Called before the boot code turns the inherited entries of
 * e820_table_firmware into RAM: the map published at boot still shows them.
 */
void __init e820__persist_memmap_publish_boot(void)
{
	if (fw_snapshot())
		pr_err("no memory to follow /sys/firmware/memmap\n");
}

/* /sys/firmware/memmap exists now (firmware_memmap_init): show the split */
static int __init persist_e820_memmap_init(void)
{
	mutex_lock(&persist_e820_mutex);
	fw_ready = true;
	if (persist_e820_nr_ranges() || fw_published)
		fw_memmap_sync();
	mutex_unlock(&persist_e820_mutex);
	return 0;
}
late_initcall_sync(persist_e820_memmap_init);
