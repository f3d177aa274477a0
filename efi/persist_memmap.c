// SPDX-License-Identifier: GPL-2.0
/*
 * persist_memmap.efi - UEFI application for the persist-e820 project.
 *
 * Modes:
 *
 *   dump                  print the UEFI memory map in the format of the
 *                         UEFI shell's "memmap" command, preceded by one
 *                         machine-parseable header line and followed by a
 *                         "dump done" marker line
 *   keep                  take over the ranges the kernel handed off in the
 *                         PersistE820Handoff variable before a reboot:
 *                         reserve each at its address, check its CRC-32,
 *                         delete the variable, and publish the verdict and
 *                         a record of the intact ranges for the next kernel
 *                         (include/linux/persist_e820/abi/efi.h)
 *   boot LOADER [ARGS]    keep, then start LOADER (a path on our own
 *                         device) with ARGS as its load options (a Linux
 *                         kernel's command line); back to the firmware if
 *                         it cannot be started
 *
 * Built against gnu-efi.  Calling convention: every firmware service is
 * called through uefi_call_wrapper() (the default gnu-efi x86_64 ABI, i.e.
 * no -DGNU_EFI_USE_MS_ABI).  efi_main() itself is a plain SysV function;
 * crt0-efi-x86_64.o converts from the MS ABI before calling it.
 *
 * The memory map handling follows the rules of the Linux EFI stub
 * (drivers/firmware/efi/libstub/mem.c): probe the size with a zero-sized
 * buffer, allocate with slack for EFI_MMAP_NR_SLACK_SLOTS extra
 * descriptors, retry while the firmware still says EFI_BUFFER_TOO_SMALL, and
 * walk the result by the DescriptorSize the firmware returned.
 */

#include <efi.h>
#include <efilib.h>

#include <linux/persist_e820/abi/efi.h>

#include "handoff.h"

#define PM_PREFIX		L"persist_memmap: "

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

/* Same slack as the Linux EFI stub (EFI_MMAP_NR_SLACK_SLOTS). */
#define PM_MMAP_NR_SLACK_SLOTS	8
/* Give up if the map keeps growing under us this many times. */
#define PM_MMAP_MAX_TRIES	8

/* Upper bound for load options we are willing to look at (bytes). */
#define PM_MAX_LOAD_OPTIONS	4096
#define PM_MAX_ARGS		64

/* Memory types newer than gnu-efi 3.0.15's EFI_MEMORY_TYPE enum. */
#define PM_EFI_PERSISTENT_MEMORY	14
#define PM_EFI_UNACCEPTED_MEMORY	15
#define PM_NR_STD_TYPES			16

/* Distinct OEM/OS/unknown types we total up individually in the summary. */
#define PM_MAX_OTHER_TYPES	16

/**
 * struct pm_mmap - a snapshot of the UEFI memory map
 * @map:	descriptor buffer (pool allocation, EfiLoaderData)
 * @buff_size:	size of the @map allocation in bytes
 * @map_size:	bytes of @map filled in by GetMemoryMap()
 * @map_key:	map key returned by GetMemoryMap()
 * @desc_size:	size of one descriptor as returned by the firmware; this is
 *		the stride for walking @map, NOT sizeof(EFI_MEMORY_DESCRIPTOR)
 * @desc_ver:	descriptor version returned by the firmware
 */
struct pm_mmap {
	EFI_MEMORY_DESCRIPTOR *map;
	UINTN buff_size;
	UINTN map_size;
	UINTN map_key;
	UINTN desc_size;
	UINT32 desc_ver;
};

/**
 * struct pm_args - command line taken from LoadedImage->LoadOptions
 * @buf:	NUL-terminated private copy of the options; @argv points in here
 * @argc:	number of arguments, image name already stripped
 * @argv:	the arguments
 */
struct pm_args {
	CHAR16 *buf;
	UINTN argc;
	CHAR16 *argv[PM_MAX_ARGS];
};

/**
 * struct pm_type_info - how one standard memory type is shown
 * @label:	shell "memmap" short name of the type, padded to 10
 *		characters: the first column of the descriptor lines and the
 *		label of the summary lines (gnu-efi's Print() has no "%-10s")
 * @in_total:	whether the shell counts this type in "Total Memory"
 */
struct pm_type_info {
	const CHAR16 *label;
	BOOLEAN in_total;
};

/*
 * Names and totals as printed by the EDK2 shell's memmap command
 * (ShellPkg/Library/UefiShellDebug1CommandsLib/MemMap.c).  Reserved, MMIO,
 * MMIO_Port and Unusable pages are not part of the shell's Total Memory.
 */
static const struct pm_type_info pm_types[PM_NR_STD_TYPES] = {
	[EfiReservedMemoryType]		= { L"Reserved  ", FALSE },
	[EfiLoaderCode]			= { L"LoaderCode", TRUE },
	[EfiLoaderData]			= { L"LoaderData", TRUE },
	[EfiBootServicesCode]		= { L"BS_Code   ", TRUE },
	[EfiBootServicesData]		= { L"BS_Data   ", TRUE },
	[EfiRuntimeServicesCode]	= { L"RT_Code   ", TRUE },
	[EfiRuntimeServicesData]	= { L"RT_Data   ", TRUE },
	[EfiConventionalMemory]		= { L"Available ", TRUE },
	[EfiUnusableMemory]		= { L"Unusable  ", FALSE },
	[EfiACPIReclaimMemory]		= { L"ACPI_Recl ", TRUE },
	[EfiACPIMemoryNVS]		= { L"ACPI_NVS  ", TRUE },
	[EfiMemoryMappedIO]		= { L"MMIO      ", FALSE },
	[EfiMemoryMappedIOPortSpace]	= { L"MMIO_Port ", FALSE },
	[EfiPalCode]			= { L"PalCode   ", TRUE },
	[PM_EFI_PERSISTENT_MEMORY]	= { L"Persistent", TRUE },
	[PM_EFI_UNACCEPTED_MEMORY]	= { L"Unaccepted", TRUE },
};

/* Order of the summary lines, same as the shell (Unusable handled apart). */
static const UINT32 pm_summary_order[] = {
	EfiReservedMemoryType,
	EfiLoaderCode,
	EfiLoaderData,
	EfiBootServicesCode,
	EfiBootServicesData,
	EfiRuntimeServicesCode,
	EfiRuntimeServicesData,
	EfiACPIReclaimMemory,
	EfiACPIMemoryNVS,
	EfiMemoryMappedIO,
	EfiMemoryMappedIOPortSpace,
	EfiPalCode,
	PM_EFI_UNACCEPTED_MEMORY,
	EfiConventionalMemory,
	PM_EFI_PERSISTENT_MEMORY,
};

/**
 * struct pm_other_total - page total of one OEM/OS/unknown memory type
 * @type:	the memory type value
 * @pages:	number of pages of that type
 */
struct pm_other_total {
	UINT32 type;
	UINT64 pages;
};

/**
 * struct pm_totals - per-type page counts for the dump summary
 * @std:	pages per standard type, indexed by type
 * @other:	OEM/OS/unknown types, sorted by type
 * @nr_other:	used entries in @other
 * @other_overflow: pages of further unknown types that did not fit @other
 * @total:	pages counted in "Total Memory" (the shell's rules)
 */
struct pm_totals {
	UINT64 std[PM_NR_STD_TYPES];
	struct pm_other_total other[PM_MAX_OTHER_TYPES];
	UINTN nr_other;
	UINT64 other_overflow;
	UINT64 total;
};

/* Modes understood on the command line. */
static const CHAR16 *const pm_commands[] = {
	L"dump",
	L"keep",
	L"boot",
};

/* PERSIST_E820_EFI_GUID_STR */
static EFI_GUID pm_guid = {
	0xd44c2f61, 0xcbba, 0x4d0d,
	{ 0x99, 0x16, 0x2d, 0xc7, 0xfa, 0x4c, 0x56, 0xaf }
};
#define PM_HANDOFF_VAR		L"PersistE820Handoff"

/* The verdict on the ranges we kept (NULL: none handed off) */
static struct persist_e820_efi_result *pm_result;

/**
 * pm_free() - free a pool allocation, complaining if the firmware refuses
 * @p:	pool buffer from BS->AllocatePool(), or NULL (ignored)
 */
static void pm_free(void *p)
{
	EFI_STATUS status;

	if (!p)
		return;
	status = uefi_call_wrapper(BS->FreePool, 1, p);
	if (EFI_ERROR(status))
		Print(PM_PREFIX L"FreePool(%lx) failed: %r\n", (UINT64)(UINTN)p,
		      status);
}

/**
 * pm_free_memory_map() - release the buffer of a memory map snapshot
 * @m:	snapshot filled in by pm_get_memory_map()
 */
static void pm_free_memory_map(struct pm_mmap *m)
{
	pm_free(m->map);
	m->map = NULL;
	m->buff_size = 0;
	m->map_size = 0;
}

/**
 * pm_get_memory_map() - take a snapshot of the UEFI memory map
 * @m:	snapshot to fill in; on success the caller owns @m->map and must
 *	release it with pm_free_memory_map()
 *
 * The first GetMemoryMap() call passes a zero-sized buffer and must fail
 * with EFI_BUFFER_TOO_SMALL, which tells us the current size and the
 * descriptor size.  We then allocate that plus room for
 * PM_MMAP_NR_SLACK_SLOTS more descriptors (the allocation itself may split
 * a descriptor) and call again.  If the map still grew past our buffer, free
 * it and start over, at most PM_MMAP_MAX_TRIES times.
 *
 * Return: EFI_SUCCESS, or the error from the firmware / a sanity check.
 *	   On error @m->map is NULL.
 */
static EFI_STATUS pm_get_memory_map(struct pm_mmap *m)
{
	EFI_STATUS status;
	UINTN tries;

	m->map = NULL;
	m->buff_size = 0;

	for (tries = 0; tries < PM_MMAP_MAX_TRIES; tries++) {
		m->map_size = 0;
		status = uefi_call_wrapper(BS->GetMemoryMap, 5, &m->map_size,
					   NULL, &m->map_key, &m->desc_size,
					   &m->desc_ver);
		if (status != EFI_BUFFER_TOO_SMALL) {
			Print(PM_PREFIX L"GetMemoryMap(size 0) returned %r, "
			      L"expected %r\n", status, EFI_BUFFER_TOO_SMALL);
			return EFI_ERROR(status) ? status : EFI_DEVICE_ERROR;
		}
		if (m->desc_size < sizeof(EFI_MEMORY_DESCRIPTOR)) {
			Print(PM_PREFIX L"bogus descriptor size %lu\n",
			      (UINT64)m->desc_size);
			return EFI_UNSUPPORTED;
		}

		m->buff_size = m->map_size +
			       m->desc_size * PM_MMAP_NR_SLACK_SLOTS;
		status = uefi_call_wrapper(BS->AllocatePool, 3, EfiLoaderData,
					   m->buff_size, (void **)&m->map);
		if (EFI_ERROR(status)) {
			Print(PM_PREFIX L"AllocatePool(%lu) for memory map "
			      L"failed: %r\n", (UINT64)m->buff_size, status);
			m->map = NULL;
			return status;
		}

		m->map_size = m->buff_size;
		status = uefi_call_wrapper(BS->GetMemoryMap, 5, &m->map_size,
					   m->map, &m->map_key, &m->desc_size,
					   &m->desc_ver);
		if (status == EFI_SUCCESS)
			break;

		pm_free_memory_map(m);
		if (status != EFI_BUFFER_TOO_SMALL) {
			Print(PM_PREFIX L"GetMemoryMap() failed: %r\n", status);
			return status;
		}
	}

	if (!m->map) {
		Print(PM_PREFIX L"memory map kept growing, gave up after "
		      L"%lu tries\n", (UINT64)PM_MMAP_MAX_TRIES);
		return EFI_BUFFER_TOO_SMALL;
	}

	if (m->desc_size < sizeof(EFI_MEMORY_DESCRIPTOR) ||
	    m->map_size > m->buff_size) {
		Print(PM_PREFIX L"inconsistent memory map: size %lu, "
		      L"buffer %lu, desc_size %lu\n", (UINT64)m->map_size,
		      (UINT64)m->buff_size, (UINT64)m->desc_size);
		pm_free_memory_map(m);
		return EFI_DEVICE_ERROR;
	}

	if (m->desc_ver != EFI_MEMORY_DESCRIPTOR_VERSION)
		Print(PM_PREFIX L"warning: descriptor version %u, expected %u\n",
		      m->desc_ver, EFI_MEMORY_DESCRIPTOR_VERSION);

	return EFI_SUCCESS;
}

/**
 * pm_desc() - the @i-th descriptor of a memory map snapshot
 * @m:	snapshot
 * @i:	index, must be below pm_nr_desc(@m)
 *
 * Return: pointer to the descriptor, stepping by the firmware's desc_size.
 */
static EFI_MEMORY_DESCRIPTOR *pm_desc(const struct pm_mmap *m, UINTN i)
{
	return (EFI_MEMORY_DESCRIPTOR *)((UINT8 *)m->map + i * m->desc_size);
}

static UINTN pm_nr_desc(const struct pm_mmap *m)
{
	return m->map_size / m->desc_size;
}

/**
 * persist_marker() - marker for ranges that belong to persist-e820
 * @desc:	memory descriptor about to be printed
 *
 * A reserved descriptor that lies inside a range "keep" kept intact (in
 * this run, or an earlier one that installed its result table) is ours:
 * " <persist>" is appended to its line in the dump.
 *
 * Return: marker string, never NULL; L"" means "not ours".
 */
static const CHAR16 *persist_marker(const EFI_MEMORY_DESCRIPTOR *desc)
{
	struct persist_e820_efi_range *r;
	UINT64 start = desc->PhysicalStart;
	UINT64 end = start + desc->NumberOfPages * PM_PAGE_SIZE;
	UINT32 i;

	/* Kept by "keep", in this run or an earlier one since the reset */
	if (!pm_result &&
	    EFI_ERROR(LibGetSystemConfigurationTable(&pm_guid,
						     (void **)&pm_result)))
		pm_result = NULL;
	if (!pm_result ||
	    pm_compatible(pm_result->compatible, PERSIST_E820_RESULT_COMPATIBLE) ||
	    desc->Type != EfiReservedMemoryType)
		return L"";
	r = (void *)(pm_result + 1);
	for (i = 0; i < pm_result->nr_entries; i++)
		if (r[i].status == PERSIST_E820_EFI_INTACT &&
		    start >= r[i].start && end <= r[i].start + r[i].length)
			return L" <persist>";
	return L"";
}

/**
 * pm_count_other() - add pages of an OEM/OS/unknown type to the totals
 * @t:		totals
 * @type:	memory type value (>= PM_NR_STD_TYPES)
 * @pages:	number of pages
 *
 * Keeps @t->other sorted by type, like the shell's summary.
 */
static void pm_count_other(struct pm_totals *t, UINT32 type, UINT64 pages)
{
	UINTN i, j;

	for (i = 0; i < t->nr_other && t->other[i].type < type; i++)
		;
	if (i < t->nr_other && t->other[i].type == type) {
		t->other[i].pages += pages;
		return;
	}
	if (t->nr_other == PM_MAX_OTHER_TYPES) {
		t->other_overflow += pages;
		return;
	}
	for (j = t->nr_other; j > i; j--)
		t->other[j] = t->other[j - 1];
	t->other[i].type = type;
	t->other[i].pages = pages;
	t->nr_other++;
}

/**
 * pm_print_desc() - print one descriptor line and account for it
 * @d:	descriptor
 * @t:	totals to update
 *
 * Line format matches the shell's memmap command:
 * "Type       Start            End              # Pages          Attributes"
 */
static void pm_print_desc(const EFI_MEMORY_DESCRIPTOR *d, struct pm_totals *t)
{
	UINT64 end = d->PhysicalStart + (d->NumberOfPages << EFI_PAGE_SHIFT) - 1;

	if (d->Type < PM_NR_STD_TYPES)
		Print(L"%s ", pm_types[d->Type].label);
	else
		Print(L"%08x   ", d->Type);
	Print(L"%016lx-%016lx %016lx %016lx%s\n", d->PhysicalStart, end,
	      d->NumberOfPages, d->Attribute, persist_marker(d));

	if (d->Type < PM_NR_STD_TYPES) {
		t->std[d->Type] += d->NumberOfPages;
		if (pm_types[d->Type].in_total)
			t->total += d->NumberOfPages;
	} else {
		pm_count_other(t, d->Type, d->NumberOfPages);
		t->total += d->NumberOfPages;
	}
}

static void pm_print_summary_line(const CHAR16 *label, UINT64 pages)
{
	Print(L"  %s: %,14ld Pages (%,ld Bytes)\n", label, pages,
	      pages << EFI_PAGE_SHIFT);
}

/**
 * pm_print_summary() - per-type page totals and total memory, shell style
 * @t:	totals collected by pm_print_desc()
 *
 * Unusable pages are only listed when there are some: the shell never
 * lists them, but hiding them silently would be worse.
 */
static void pm_print_summary(const struct pm_totals *t)
{
	UINTN i;

	Print(L"\n");
	for (i = 0; i < ARRAY_SIZE(pm_summary_order); i++) {
		UINT32 type = pm_summary_order[i];

		pm_print_summary_line(pm_types[type].label, t->std[type]);
	}
	if (t->std[EfiUnusableMemory])
		pm_print_summary_line(pm_types[EfiUnusableMemory].label,
				      t->std[EfiUnusableMemory]);
	for (i = 0; i < t->nr_other; i++)
		Print(L"  %08x  : %,14ld Pages (%,ld Bytes)\n",
		      t->other[i].type, t->other[i].pages,
		      t->other[i].pages << EFI_PAGE_SHIFT);
	if (t->other_overflow)
		pm_print_summary_line(L"(others)  ", t->other_overflow);
	Print(L"              -------------- \n");
	Print(L"Total Memory: %,14ld MB (%,ld Bytes)\n",
	      (t->total << EFI_PAGE_SHIFT) >> 20, t->total << EFI_PAGE_SHIFT);
}

/**
 * pm_dump() - the "dump" mode: print the memory map like the shell does
 *
 * Output: one machine-parseable header line, the shell-style table and
 * summary, then "persist_memmap: dump done".
 *
 * Return: EFI_SUCCESS or the error from pm_get_memory_map().
 */
static EFI_STATUS pm_dump(void)
{
	struct pm_totals *t = NULL;
	struct pm_mmap m;
	EFI_STATUS status;
	UINTN i, n;

	/* Allocate the totals before the snapshot so the map stays exact. */
	status = uefi_call_wrapper(BS->AllocatePool, 3, EfiLoaderData,
				   sizeof(*t), (void **)&t);
	if (EFI_ERROR(status)) {
		Print(PM_PREFIX L"AllocatePool(%lu) failed: %r\n",
		      (UINT64)sizeof(*t), status);
		return status;
	}
	uefi_call_wrapper(BS->SetMem, 3, t, sizeof(*t), 0);

	status = pm_get_memory_map(&m);
	if (EFI_ERROR(status))
		goto free_totals;

	n = pm_nr_desc(&m);
	Print(PM_PREFIX L"memory map: %lu descriptors, desc_size %lu, "
	      L"version %u\n", (UINT64)n, (UINT64)m.desc_size, m.desc_ver);
	Print(L"Type       Start            End              # Pages          "
	      L"Attributes\n");
	for (i = 0; i < n; i++)
		pm_print_desc(pm_desc(&m, i), t);
	pm_print_summary(t);
	Print(PM_PREFIX L"dump done\n");

	pm_free_memory_map(&m);
free_totals:
	pm_free(t);
	return status;
}


/* ---- keep: the ranges handed off by the kernel before a reboot ---------- */

uint32_t pm_crc32(const void *p, size_t len)
{
	UINT32 crc = 0;
	EFI_STATUS status;

	status = uefi_call_wrapper(BS->CalculateCrc32, 3, (void *)p, len, &crc);
	return EFI_ERROR(status) ? ~crc : crc;
}

/*
 * Read the handoff variable into a pool buffer. EFI_NOT_FOUND if there is
 * none.
 */
static EFI_STATUS pm_read_handoff(UINT8 **buf, UINTN *size)
{
	EFI_STATUS status;
	UINT32 attr;

	*buf = NULL;
	*size = 0;
	status = uefi_call_wrapper(RT->GetVariable, 5, PM_HANDOFF_VAR,
				   &pm_guid, &attr, size, NULL);
	if (status != EFI_BUFFER_TOO_SMALL)
		return status == EFI_SUCCESS ? EFI_NOT_FOUND : status;
	status = uefi_call_wrapper(BS->AllocatePool, 3, EfiLoaderData, *size,
				   (void **)buf);
	if (EFI_ERROR(status)) {
		*buf = NULL;
		return status;
	}
	status = uefi_call_wrapper(RT->GetVariable, 5, PM_HANDOFF_VAR,
				   &pm_guid, &attr, size, *buf);
	if (EFI_ERROR(status)) {
		pm_free(*buf);
		*buf = NULL;
	}
	return status;
}

/* The handoff is consumed once, whatever became of it. */
static void pm_delete_handoff(void)
{
	EFI_STATUS status;

	status = uefi_call_wrapper(RT->SetVariable, 5, PM_HANDOFF_VAR, &pm_guid,
				   0, 0, NULL);
	if (EFI_ERROR(status))
		Print(PM_PREFIX L"cannot delete the handoff: %r\n", status);
}

/* Reserve one range where it was and check it: PERSIST_E820_EFI_* */
static UINT32 pm_keep_range(const struct persist_e820_handoff_entry *e)
{
	EFI_PHYSICAL_ADDRESS addr = e->start;
	UINTN pages = e->length / PM_PAGE_SIZE;
	EFI_STATUS status;

	status = uefi_call_wrapper(BS->AllocatePages, 4, AllocateAddress,
				   EfiReservedMemoryType, pages, &addr);
	if (EFI_ERROR(status)) {
		Print(PM_PREFIX L"%a [%lx-%lx]: lost: the firmware uses it (%r)\n",
		      e->name, e->start, e->start + e->length - 1, status);
		return PERSIST_E820_EFI_IN_USE;
	}
	if (pm_crc32((void *)(UINTN)e->start, e->length) != e->crc32) {
		Print(PM_PREFIX L"%a [%lx-%lx]: lost: its content changed\n",
		      e->name, e->start, e->start + e->length - 1);
		uefi_call_wrapper(BS->FreePages, 2, addr, pages);
		return PERSIST_E820_EFI_CHANGED;
	}
	Print(PM_PREFIX L"%a [%lx-%lx]: intact, reserved\n", e->name, e->start,
	      e->start + e->length - 1);
	return PERSIST_E820_EFI_INTACT;
}

/* Reserve zeroed pages for @size bytes; on failure say what they were for */
static EFI_STATUS pm_reserve(UINTN size, const CHAR16 *what,
			     EFI_PHYSICAL_ADDRESS *addr, UINTN *pages)
{
	EFI_STATUS st;

	*pages = (size + PM_PAGE_SIZE - 1) / PM_PAGE_SIZE;
	st = uefi_call_wrapper(BS->AllocatePages, 4, AllocateAnyPages,
			       EfiReservedMemoryType, *pages, addr);
	if (EFI_ERROR(st)) {
		Print(PM_PREFIX L"cannot reserve %lu pages for %s: %r\n",
		      (UINT64)*pages, what, st);
		return st;
	}
	uefi_call_wrapper(BS->SetMem, 3, (void *)(UINTN)*addr,
			  *pages * PM_PAGE_SIZE, 0);
	return EFI_SUCCESS;
}

/*
 * Publish the verdict: a record of the intact ranges (the next kernel's
 * record of names) in pages reserved for it, and the result, installed as
 * the configuration table PERSIST_E820_EFI_GUID, in pages of its own: the
 * kernel that takes the record frees its pages, and the configuration
 * table must not point into freed memory.
 */
static EFI_STATUS pm_publish(const UINT8 *buf, const UINT32 *status)
{
	const struct persist_e820_handoff *h = (const void *)buf;
	EFI_PHYSICAL_ADDRESS addr, res_addr;
	struct persist_e820_record_entry *re;
	struct persist_e820_efi_range *rr;
	struct persist_e820_record *rec;
	UINTN rec_size, pages, res_pages;
	UINT32 i, n = 0;
	EFI_STATUS st;

	for (i = 0; i < h->nr_entries; i++)
		n += status[i] == PERSIST_E820_EFI_INTACT;
	rec_size = sizeof(*rec) + n * sizeof(*re);
	st = pm_reserve(rec_size, L"the record", &addr, &pages);
	if (EFI_ERROR(st))
		return st;
	st = pm_reserve(sizeof(*pm_result) + h->nr_entries * sizeof(*rr),
			L"the result", &res_addr, &res_pages);
	if (EFI_ERROR(st)) {
		uefi_call_wrapper(BS->FreePages, 2, addr, pages);
		return st;
	}
	rec = (void *)(UINTN)addr;
	re = (void *)(rec + 1);
	pm_result = (void *)(UINTN)res_addr;
	rr = (void *)(pm_result + 1);

	for (i = 0, n = 0; i < h->nr_entries; i++) {
		const struct persist_e820_handoff_entry *e = (const void *)(buf +
			h->header_size + (UINT64)i * h->entry_size);

		rr[i].start = e->start;
		rr[i].length = e->length;
		rr[i].status = status[i];
		if (status[i] != PERSIST_E820_EFI_INTACT)
			continue;
		re[n].start = e->start;
		re[n].length = e->length;
		uefi_call_wrapper(BS->CopyMem, 3, re[n].name, (void *)e->name,
				  sizeof(re[n].name));
		uefi_call_wrapper(BS->CopyMem, 3, re[n].owner, (void *)e->owner,
				  sizeof(re[n].owner));
		n++;
	}
	uefi_call_wrapper(BS->CopyMem, 3, rec->compatible,
			  (void *)PERSIST_E820_RECORD_COMPATIBLE,
			  sizeof(PERSIST_E820_RECORD_COMPATIBLE));
	rec->header_size = sizeof(*rec);
	rec->entry_size = sizeof(*re);
	rec->nr_entries = n;
	rec->size = rec_size;
	rec->checksum = pm_crc32(rec, rec_size);

	uefi_call_wrapper(BS->CopyMem, 3, pm_result->compatible,
			  (void *)PERSIST_E820_RESULT_COMPATIBLE,
			  sizeof(PERSIST_E820_RESULT_COMPATIBLE));
	pm_result->entry_size = sizeof(*rr);
	pm_result->nr_entries = h->nr_entries;
	pm_result->record = addr;
	pm_result->record_size = pages * PM_PAGE_SIZE;

	st = uefi_call_wrapper(BS->InstallConfigurationTable, 2, &pm_guid,
			       pm_result);
	if (EFI_ERROR(st)) {
		Print(PM_PREFIX L"cannot install the result table: %r\n", st);
		pm_result = NULL;
		uefi_call_wrapper(BS->FreePages, 2, res_addr, res_pages);
		uefi_call_wrapper(BS->FreePages, 2, addr, pages);
	}
	return st;
}

/**
 * pm_keep() - take over what the kernel handed off before the reboot
 *
 * No handoff: nothing to do. A handoff that fails pm_check_handoff() is
 * refused whole: nothing is reserved. An entry pm_check_entry() refuses is
 * not kept, and the others are. Every other range is reserved at its
 * address and checked; a range the firmware already uses, or whose content
 * changed, is lost and left (or given back) to the firmware. The
 * handoff is deleted in every case, so that it is consumed once.
 *
 * Return: EFI_SUCCESS (also when something was lost), EFI_NOT_FOUND if
 * there was no handoff (so that a startup.nsh can tell), or the error that
 * stopped us.
 */
static EFI_STATUS pm_keep(void)
{
	struct persist_e820_handoff *h;
	UINT32 *status = NULL, i, kept = 0;
	const char *why;
	EFI_STATUS st;
	UINT8 *buf;
	UINTN size;

	st = pm_read_handoff(&buf, &size);
	if (st == EFI_NOT_FOUND) {
		Print(PM_PREFIX L"no handoff: nothing to keep\n");
		return EFI_NOT_FOUND;
	}
	if (EFI_ERROR(st)) {
		Print(PM_PREFIX L"cannot read the handoff: %r\n", st);
		return st;
	}
	pm_delete_handoff();
	why = pm_check_handoff(buf, size);
	if (why) {
		Print(PM_PREFIX L"handoff refused: %a: nothing reserved\n", why);
		goto out;
	}
	h = (void *)buf;
	Print(PM_PREFIX L"handoff of %u ranges\n", h->nr_entries);
	if (!h->nr_entries)
		goto out;
	st = uefi_call_wrapper(BS->AllocatePool, 3, EfiLoaderData,
			       h->nr_entries * sizeof(*status), (void **)&status);
	if (EFI_ERROR(st)) {
		status = NULL;
		goto out;
	}
	for (i = 0; i < h->nr_entries; i++) {
		const struct persist_e820_handoff_entry *e = (void *)(buf +
			h->header_size + (UINT64)i * h->entry_size);

		why = pm_check_entry(buf, i);
		if (why) {
			Print(PM_PREFIX L"entry %u [%lx-%lx]: refused: %a: not kept\n",
			      i, e->start, e->start + e->length - 1, why);
			status[i] = PERSIST_E820_EFI_REFUSED;
			continue;
		}
		status[i] = pm_keep_range(e);
		kept += status[i] == PERSIST_E820_EFI_INTACT;
	}
	st = pm_publish(buf, status);
	Print(PM_PREFIX L"kept %u of %u ranges\n", EFI_ERROR(st) ? 0 : kept,
	      h->nr_entries);
out:
	pm_free(status);
	pm_free(buf);
	return st;
}

/* ---- boot: start the next loader ---------------------------------------- */

/**
 * pm_boot() - start @path from our own device with @args as load options
 * @image:	our image handle
 * @path:	file path of the next loader, e.g. \EFI\debian\vmlinuz.efi
 * @args:	its load options (a kernel's command line), or NULL
 *
 * Return: only if the loader could not be started or returned: its status
 * (an image that fails to start is unloaded).
 */
static EFI_STATUS pm_boot(EFI_HANDLE image, CHAR16 *path, CHAR16 *args)
{
	EFI_LOADED_IMAGE *self = NULL, *li = NULL;
	EFI_DEVICE_PATH *dp;
	EFI_HANDLE child = NULL;
	EFI_STATUS status;

	status = uefi_call_wrapper(BS->HandleProtocol, 3, image,
				   &LoadedImageProtocol, (void **)&self);
	if (EFI_ERROR(status))
		return status;
	dp = FileDevicePath(self->DeviceHandle, path);
	if (!dp)
		return EFI_OUT_OF_RESOURCES;
	status = uefi_call_wrapper(BS->LoadImage, 6, FALSE, image, dp, NULL, 0,
				   &child);
	pm_free(dp);
	if (EFI_ERROR(status)) {
		Print(PM_PREFIX L"cannot load %s: %r\n", path, status);
		return status;
	}
	status = uefi_call_wrapper(BS->HandleProtocol, 3, child,
				   &LoadedImageProtocol, (void **)&li);
	if (!EFI_ERROR(status) && args) {
		li->LoadOptions = args;
		li->LoadOptionsSize = (StrLen(args) + 1) * sizeof(CHAR16);
	}
	Print(PM_PREFIX L"starting %s %s\n", path, args ? args : L"");
	status = uefi_call_wrapper(BS->StartImage, 3, child, NULL, NULL);
	Print(PM_PREFIX L"%s returned: %r\n", path, status);
	if (EFI_ERROR(status))
		uefi_call_wrapper(BS->UnloadImage, 1, child);
	return status;
}

/* argv[from..] joined by blanks, in a new pool buffer (NULL: none) */
static CHAR16 *pm_join(struct pm_args *a, UINTN from)
{
	UINTN i, len = 0;
	CHAR16 *s;

	if (from >= a->argc)
		return NULL;
	for (i = from; i < a->argc; i++)
		len += StrLen(a->argv[i]) + 1;
	if (EFI_ERROR(uefi_call_wrapper(BS->AllocatePool, 3, EfiLoaderData,
					len * sizeof(CHAR16), (void **)&s)))
		return NULL;
	s[0] = L'\0';
	for (i = from; i < a->argc; i++) {
		if (i > from)
			StrCat(s, L" ");
		StrCat(s, a->argv[i]);
	}
	return s;
}

static void pm_usage(void)
{
	Print(L"usage: persist_memmap.efi <command>\n"
	      L"commands:\n"
	      L"  dump                print the UEFI memory map (like the shell's memmap)\n"
	      L"  keep                reserve the ranges the kernel handed off\n"
	      L"  boot LOADER [ARGS]  keep, then start LOADER with ARGS\n");
}

static BOOLEAN pm_is_space(CHAR16 c)
{
	return c == L' ' || c == L'\t' || c == L'\r' || c == L'\n';
}

static BOOLEAN pm_is_command(const CHAR16 *word)
{
	UINTN i;

	for (i = 0; i < ARRAY_SIZE(pm_commands); i++)
		if (!StrCmp(word, pm_commands[i]))
			return TRUE;
	return FALSE;
}

/**
 * pm_split_args() - split a command line into words, in place
 * @a:	args; @a->buf holds the NUL-terminated line on entry
 *
 * Words are separated by blanks; a double-quoted section may contain
 * blanks (the quotes themselves are dropped).  Words beyond PM_MAX_ARGS
 * are ignored with a warning.
 */
static void pm_split_args(struct pm_args *a)
{
	CHAR16 *src = a->buf, *dst;
	BOOLEAN quoted;

	a->argc = 0;
	for (;;) {
		while (pm_is_space(*src))
			src++;
		if (!*src)
			break;
		if (a->argc == PM_MAX_ARGS) {
			Print(PM_PREFIX L"too many arguments, ignoring \"%s\"\n",
			      src);
			break;
		}
		a->argv[a->argc++] = dst = src;
		quoted = FALSE;
		while (*src && (quoted || !pm_is_space(*src))) {
			if (*src == L'"')
				quoted = !quoted;
			else
				*dst++ = *src;
			src++;
		}
		if (*src)
			src++;
		*dst = L'\0';
	}
}

/**
 * pm_get_args() - get our arguments from LoadedImage->LoadOptions
 * @image:	our image handle
 * @a:		filled in; release @a->buf with pm_free() (NULL is fine)
 *
 * LoadOptions is UCS-2 text when we are started from the UEFI shell or a
 * Boot#### entry with a text argument, but may be NULL/empty (plain BDS
 * boot) or arbitrary binary data (a Boot#### entry's optional data).
 * Binary data is ignored, as if there were no options.
 *
 * The UEFI shell passes the whole command line, so the first word is the
 * image name as typed ("fs0:\persist_memmap.efi", "persist_memmap", ...).
 * Other loaders may or may not do that.  Rule: if the first word is not a
 * known command, it is taken to be the image name and dropped.
 *
 * Return: EFI_SUCCESS, or an error from HandleProtocol()/AllocatePool().
 */
static EFI_STATUS pm_get_args(EFI_HANDLE image, struct pm_args *a)
{
	EFI_LOADED_IMAGE *li = NULL;
	EFI_STATUS status;
	UINTN nchars, i;
	CHAR16 *opts;

	a->buf = NULL;
	a->argc = 0;

	status = uefi_call_wrapper(BS->HandleProtocol, 3, image,
				   &LoadedImageProtocol, (void **)&li);
	if (EFI_ERROR(status)) {
		Print(PM_PREFIX L"cannot get LoadedImage protocol: %r\n",
		      status);
		return status;
	}

	if (!li->LoadOptions || li->LoadOptionsSize < sizeof(CHAR16))
		return EFI_SUCCESS;
	if (li->LoadOptionsSize > PM_MAX_LOAD_OPTIONS ||
	    li->LoadOptionsSize % sizeof(CHAR16)) {
		Print(PM_PREFIX L"ignoring %u bytes of non-text load options\n",
		      li->LoadOptionsSize);
		return EFI_SUCCESS;
	}

	opts = li->LoadOptions;
	nchars = li->LoadOptionsSize / sizeof(CHAR16);
	for (i = 0; i < nchars && opts[i]; i++) {
		if (opts[i] < L' ' && !pm_is_space(opts[i])) {
			Print(PM_PREFIX L"ignoring non-text load options\n");
			return EFI_SUCCESS;
		}
	}
	nchars = i;

	status = uefi_call_wrapper(BS->AllocatePool, 3, EfiLoaderData,
				   (nchars + 1) * sizeof(CHAR16),
				   (void **)&a->buf);
	if (EFI_ERROR(status)) {
		Print(PM_PREFIX L"AllocatePool for load options failed: %r\n",
		      status);
		a->buf = NULL;
		return status;
	}
	uefi_call_wrapper(BS->CopyMem, 3, a->buf, opts,
			  nchars * sizeof(CHAR16));
	a->buf[nchars] = L'\0';

	pm_split_args(a);

	/* Drop the image name, if the loader (e.g. the shell) passed one. */
	if (a->argc && !pm_is_command(a->argv[0])) {
		for (i = 1; i < a->argc; i++)
			a->argv[i - 1] = a->argv[i];
		a->argc--;
	}

	return EFI_SUCCESS;
}

/**
 * efi_main() - entry point, called by gnu-efi's crt0 (SysV ABI)
 * @image:	our image handle
 * @systab:	the EFI system table
 *
 * Return: EFI_SUCCESS after a successful "dump", EFI_INVALID_PARAMETER
 *	   (after printing the usage) for no or unknown arguments, or the
 *	   firmware error that stopped us.
 */
EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	struct pm_args args;
	EFI_STATUS status;

	InitializeLib(image, systab);

	status = pm_get_args(image, &args);
	if (EFI_ERROR(status))
		goto free_args;

	if (args.argc == 1 && !StrCmp(args.argv[0], L"dump")) {
		status = pm_dump();
	} else if (args.argc == 1 && !StrCmp(args.argv[0], L"keep")) {
		status = pm_keep();
	} else if (args.argc >= 2 && !StrCmp(args.argv[0], L"boot")) {
		CHAR16 *opts = pm_join(&args, 2);

		/* What could not be kept is lost; the boot goes on */
		pm_keep();
		status = pm_boot(image, args.argv[1], opts);
		pm_free(opts);
	} else {
		if (args.argc)
			Print(PM_PREFIX L"unknown arguments: \"%s\"%s\n",
			      args.argv[0], args.argc > 1 ? L" ..." : L"");
		pm_usage();
		status = EFI_INVALID_PARAMETER;
	}

free_args:
	pm_free(args.buf);
	return status;
}
