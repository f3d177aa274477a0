// SPDX-License-Identifier: GPL-2.0
/*
 * Persisted memory across a warm reboot through UEFI firmware.
 *
 * kexec skips the firmware; a reboot does not. On a platform that keeps RAM
 * across a warm reset, persisted ranges can survive that too, if the
 * firmware is told to leave them alone:
 *
 *  - on reboot (not kexec), this kernel writes the ranges user space
 *    persisted, with a CRC-32 of each one's content, to the non-volatile
 *    EFI variable PersistE820Handoff (<linux/persist_e820/abi/efi.h>); what
 *    kernel users hold (hypervisor deposits, IOMMU page tables) does not
 *    outlive the firmware, and may fault when read;
 *
 *  - persist_memmap.efi, run before the next loader, reserves them where
 *    they are (EfiReservedMemoryType: reserved e820 for any kernel), checks
 *    them, deletes the variable, and leaves its verdict, found through an
 *    EFI configuration table, and a record of the intact ranges, each in
 *    pages it reserved;
 *
 *  - a kernel with this code finds that table while it sets up e820 and
 *    turns the intact ranges into persisted memory and the record pages
 *    into its record of names, before memblock sees the map: from there on
 *    they are inherited ranges like those a kexec hands over. It says which
 *    ranges were lost. Only what both the e820 and the EFI memory map show
 *    as reserved by the app (EfiReservedMemoryType) is taken: nothing the
 *    firmware uses. The configuration table outlives the boot (a kexec
 *    hands it on), so the table's pages stay reserved and the kernel that
 *    takes it clears its compatible string: no later kernel takes the
 *    ranges again, or reads a table in memory someone else now owns.
 *
 * One more configuration table outlives the boot that used it: the EFI
 * stub's initrd table (LINUX_EFI_INITRD_MEDIA_GUID), in loader data that is
 * RAM once the kernel runs. Every kernel started after it, by kexec too,
 * clears the table's base and size at boot (efi_config_parse_tables()):
 * 16 bytes written into whatever the previous kernel put there, the next
 * kernel's initrd or a persisted range. This kernel keeps that page reserved
 * in each e820 table, so that no map it hands on offers it as RAM.
 */

#define pr_fmt(fmt) "e820: persist: efi: " fmt

#include <linux/crc32.h>
#include <linux/efi.h>
#include <linux/init.h>
#include <linux/io.h>
#include <linux/kexec.h>
#include <linux/kmsg_dump.h>
#include <linux/persist_e820/abi/efi.h>
#include <linux/persist_e820_registry.h>
#include <linux/reboot.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include <asm/e820/api.h>
#include <asm/e820/persist.h>
#include <asm/early_ioremap.h>

/* Set by efi_config_parse_tables() (arch_tables in platform/efi/efi.c) */
unsigned long e820__persist_efi_table __initdata = EFI_INVALID_TABLE_ADDR;

static efi_char16_t persist_handoff_var[] = L"PersistE820Handoff";

static const char *const persist_efi_status[] = {
	[PERSIST_E820_EFI_IN_USE] = "lost: the firmware had used it",
	[PERSIST_E820_EFI_CHANGED] = "lost: its content changed",
	[PERSIST_E820_EFI_REFUSED] = "not kept: persist_memmap.efi refused its entry",
};

/*
 * Is all of [start, start + len) EfiReservedMemoryType in the EFI memory
 * map, what persist_memmap.efi allocates? Runtime services memory, MMIO,
 * ACPI NVS are reserved in e820 too, and never persisted memory.
 */
static bool __init persist_efi_reserved(u64 start, u64 len)
{
	u64 end = start + len, covered = 0;
	efi_memory_desc_t *md;

	if (!efi_enabled(EFI_MEMMAP))
		return false;
	for_each_efi_memory_desc(md) {
		u64 s = md->phys_addr;
		u64 e = s + (md->num_pages << EFI_PAGE_SHIFT);

		if (e <= start || s >= end)
			continue;
		if (md->type != EFI_RESERVED_TYPE)
			return false;
		covered += min(e, end) - max(s, start);
	}
	return covered == len;
}

/*
 * Retype [start, start + len) from @from to @to in e820_table and in the
 * maps handed on: kexec_file's (e820_table_kexec) and kexec_load's (the
 * firmware map, /sys/firmware/memmap). The caller sanitizes the tables.
 */
static void __init persist_efi_retype(u64 start, u64 len, enum e820_type from,
				      enum e820_type to)
{
	e820__range_update_table(e820_table, start, len, from, to);
	e820__range_update_table(e820_table_kexec, start, len, from, to);
	e820__range_update_table(e820_table_firmware, start, len, from, to);
}

/* Sanitize the three tables after persist_efi_retype(), and say so. */
static void __init persist_efi_update(void)
{
	e820__update_table(e820_table_kexec);
	e820__update_table(e820_table_firmware);
	e820__update_table_print();
}

/*
 * Take one intact range (or the record's pages) from reserved to @type in
 * every e820 table. Refuse what the maps do not show as reserved by the app.
 */
static bool __init persist_efi_take(u64 start, u64 len, enum e820_type type)
{
	if (!e820__persist_efi_range_ok(start, len) ||
	    !e820__mapped_all(start, start + len, E820_TYPE_RESERVED) ||
	    !persist_efi_reserved(start, len)) {
		pr_err("[mem %#018llx-%#018llx] not reserved by the firmware: not taken\n",
		       start, start + len - 1);
		return false;
	}
	persist_efi_retype(start, len, E820_TYPE_RESERVED, type);
	return true;
}

/*
 * Keep the page(s) of the stub's initrd table out of RAM here and in the
 * maps handed on: the table is written at every boot, kexec'd ones
 * included.
 */
static void __init persist_efi_keep_initrd_table(void)
{
	u64 start, end;

	if (efi_initrd_table == EFI_INVALID_TABLE_ADDR)
		return;
	start = round_down(efi_initrd_table, PAGE_SIZE);
	end = round_up(efi_initrd_table + sizeof(struct linux_efi_initrd), PAGE_SIZE);
	if (!e820__mapped_any(start, end, E820_TYPE_RAM))
		return;		/* kept by the kernel before us */
	persist_efi_retype(start, end - start, E820_TYPE_RAM, E820_TYPE_RESERVED);
	persist_efi_update();
	pr_info("[mem %#018llx-%#018llx] reserved: the EFI initrd table, which every kernel started after this one writes at boot\n",
		start, end - 1);
}

/**
 * e820__persist_efi_intake() - take the ranges persist_memmap.efi kept
 *
 * Called by setup_arch() after efi_init() found the configuration tables
 * and before max_pfn and memblock are set up from e820; first keeps the
 * EFI initrd table's page reserved (persist_efi_keep_initrd_table()).
 * The table is the firmware app's and is checked like any input:
 * compatible string, sizes, count, alignment, and that it lies in pages of
 * its own the app reserved; a range is only taken if e820 and the EFI
 * memory map show it reserved by the app. A table taken, its compatible
 * string is cleared.
 */
void __init e820__persist_efi_intake(void)
{
	u64 table = e820__persist_efi_table;
	struct persist_e820_efi_result *res;
	struct persist_e820_efi_range *r;
	unsigned int i, kept = 0, nr, esz;
	u64 rec, rec_size, size;
	int ret;

	e820__persist_note_firmware();
	persist_efi_keep_initrd_table();
	if (table == EFI_INVALID_TABLE_ADDR)
		return;
	res = early_memremap(table, sizeof(*res));
	if (!res) {
		pr_err("cannot map the result of persist_memmap.efi: persisted ranges lost\n");
		return;
	}
	nr = res->nr_entries;
	esz = res->entry_size;
	rec = res->record;
	rec_size = res->record_size;
	ret = e820__persist_efi_result_check(res, table, &size);
	if (ret == -ENOENT)
		pr_info("the result of persist_memmap.efi was taken by an earlier kernel\n");
	else if (ret == -EINVAL)
		pr_err("result of persist_memmap.efi refused (%.*s, %u entries of %u bytes): persisted ranges lost\n",
		       (int)sizeof(res->compatible), res->compatible, nr, esz);
	early_memunmap(res, sizeof(*res));
	if (ret == -ENOENT || ret == -EINVAL)
		return;
	if (ret || !persist_efi_reserved(table, size)) {
		pr_err("result of persist_memmap.efi refused: not in pages of its own the app reserved: persisted ranges lost\n");
		return;
	}
	res = early_memremap(table, size);
	if (!res) {
		pr_err("cannot map the result of persist_memmap.efi (%llu bytes): persisted ranges lost\n",
		       size);
		return;
	}

	for (i = 0; i < nr; i++) {
		const char *why = "lost";

		r = (void *)res + sizeof(*res) + (size_t)i * esz;
		if (r->status == PERSIST_E820_EFI_INTACT &&
		    persist_efi_take(r->start, r->length, E820_TYPE_PERSIST)) {
			kept++;
			continue;
		}
		if (r->status == PERSIST_E820_EFI_IN_USE ||
		    r->status == PERSIST_E820_EFI_CHANGED ||
		    r->status == PERSIST_E820_EFI_REFUSED)
			why = persist_efi_status[r->status];
		pr_err("[mem %#018llx-%#018llx] %s\n", r->start,
		       r->start + r->length - 1, why);
	}
	if (kept && !persist_efi_take(rec, rec_size, E820_TYPE_PERSIST_RECORD))
		pr_err("no record of names: the kept ranges stay unnamed\n");
	e820__persist_from_firmware = kept;
	pr_info("the firmware kept %u of %u persisted ranges across the reboot\n",
		kept, nr);
	/* Taken: a kexec hands the table on, and no later kernel takes it */
	memset(res->compatible, 0, sizeof(res->compatible));
	early_memunmap(res, size);
	persist_efi_update();
}

/*
 * On a reboot through the firmware, hand user space's ranges to
 * persist_memmap.efi, each with the CRC-32 of its content.
 */
static int persist_efi_reboot(struct notifier_block *nb, unsigned long action,
			      void *cmd)
{
	struct persist_e820_record_entry *e = NULL;
	struct persist_e820_handoff_entry *he;
	struct persist_e820_handoff *h = NULL;
	efi_guid_t guid = LINUX_EFI_PERSIST_E820_GUID;
	int i, nr, max;
	efi_status_t st;
	size_t size;

	if (kexec_in_progress || action != SYS_RESTART ||
	    !efi_rt_services_supported(EFI_RT_SUPPORTED_SET_VARIABLE))
		return NOTIFY_DONE;
	mutex_lock(&persist_e820_mutex);
	max = persist_e820_nr_ranges();
	if (!max)
		goto out;
	size = sizeof(*h) + max * sizeof(*he);
	e = kvcalloc(max, sizeof(*e), GFP_KERNEL);
	h = kvzalloc(size, GFP_KERNEL);
	if (!e || !h) {
		pr_err("no memory for the handoff: persisted ranges lost at reboot\n");
		goto out;
	}
	nr = persist_e820_user_ranges(e, max);
	if (!nr)
		goto out;
	/* No write after its checksum, which would lose the range */
	persist_e820_dev_quiesce();
	size = sizeof(*h) + nr * sizeof(*he);
	he = (void *)(h + 1);
	for (i = 0; i < nr; i++) {
		he[i].start = e[i].start;
		he[i].length = e[i].length;
		he[i].crc32 = ~crc32_le(~0U, phys_to_virt(e[i].start), e[i].length);
		memcpy(he[i].name, e[i].name, sizeof(he[i].name));
		memcpy(he[i].owner, e[i].owner, sizeof(he[i].owner));
	}
	memcpy(h->compatible, PERSIST_E820_HANDOFF_COMPATIBLE,
	       sizeof(PERSIST_E820_HANDOFF_COMPATIBLE));
	h->header_size = sizeof(*h);
	h->entry_size = sizeof(*he);
	h->nr_entries = nr;
	h->size = size;
	h->checksum = ~crc32_le(~0U, (void *)h, size);

	st = efi.set_variable(persist_handoff_var, &guid,
			      EFI_VARIABLE_NON_VOLATILE |
			      EFI_VARIABLE_BOOTSERVICE_ACCESS |
			      EFI_VARIABLE_RUNTIME_ACCESS, size, h);
	if (st != EFI_SUCCESS)
		pr_err("cannot write the handoff (%lu bytes): %#lx: persisted ranges lost at reboot\n",
		       (unsigned long)size, st);
	else
		pr_info("%u ranges handed to the firmware for the reboot\n",
			h->nr_entries);
out:
	kvfree(h);
	kvfree(e);
	mutex_unlock(&persist_e820_mutex);
	return NOTIFY_DONE;
}

static struct notifier_block persist_efi_reboot_nb = {
	.notifier_call = persist_efi_reboot,
};

/*
 * An emergency restart (sysrq b, a panic with panic=N) runs no reboot
 * notifier, and nothing may be allocated or summed on its way: no handoff
 * is written. Say so on the console, the last thing the reboot lets out.
 */
static void persist_efi_emergency(struct kmsg_dumper *dumper,
				  struct kmsg_dump_detail *detail)
{
	struct persist_e820_record_entry e;
	int nr;

	if (detail->reason != KMSG_DUMP_EMERG)
		return;
	if (!mutex_trylock(&persist_e820_mutex)) {
		pr_emerg("emergency restart while the registry is busy: no handoff from this kernel to the firmware; ranges user space persisted are not kept across this reboot\n");
		return;
	}
	nr = persist_e820_user_ranges(&e, 1);
	mutex_unlock(&persist_e820_mutex);
	if (nr)
		pr_emerg("emergency restart: no handoff from this kernel to the firmware; ranges user space persisted are not kept across this reboot\n");
}

static struct kmsg_dumper persist_efi_dumper = {
	.dump = persist_efi_emergency,
	.max_reason = KMSG_DUMP_EMERG,
};

/*
 * A handoff still there at boot was never taken: the firmware app did not
 * run, so nothing kept those ranges. Say so, and delete it.
 */
static int __init persist_efi_init(void)
{
	efi_guid_t guid = LINUX_EFI_PERSIST_E820_GUID;
	unsigned long size = 0;
	efi_status_t st;

	if (!efi_rt_services_supported(EFI_RT_SUPPORTED_SET_VARIABLE |
				       EFI_RT_SUPPORTED_GET_VARIABLE))
		return 0;
	st = efi.get_variable(persist_handoff_var, &guid, NULL, &size, NULL);
	if (st == EFI_BUFFER_TOO_SMALL) {
		pr_warn("a handoff of the previous boot was never taken (persist_memmap.efi did not run): its ranges are lost; deleting it\n");
		efi.set_variable(persist_handoff_var, &guid, 0, 0, NULL);
	}
	if (kmsg_dump_register(&persist_efi_dumper))
		pr_warn("cannot watch for emergency restarts: one would lose the ranges without a word\n");
	return register_reboot_notifier(&persist_efi_reboot_nb);
}
late_initcall(persist_efi_init);
