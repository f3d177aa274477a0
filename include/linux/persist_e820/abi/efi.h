/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DOC: persist_e820 EFI handoff ABI
 *
 * A warm reboot through the firmware: the handoff and the result.
 *
 * On a reboot (not kexec) with ranges persisted, the kernel writes the
 * ranges user space persisted, with a CRC-32 of each range's content, to
 * the non-volatile EFI variable PERSIST_E820_EFI_HANDOFF_VAR of
 * PERSIST_E820_EFI_GUID: a struct persist_e820_handoff, then @nr_entries
 * struct persist_e820_handoff_entry. persist_memmap.efi, run before the
 * next loader, reads and deletes it, reserves each range where it was
 * (EfiReservedMemoryType, which every kernel's EFI stub turns into reserved
 * e820), checks its CRC-32, and leaves for the next kernel its verdict on
 * every range (struct persist_e820_efi_result, found through the EFI
 * configuration table PERSIST_E820_EFI_GUID) and, at the start of other
 * pages it reserves, a record of the intact ranges
 * (<linux/persist_e820/abi/record.h>), which an aware kernel takes as the
 * record of names. The kernel that takes the result frees the record's
 * pages once read, keeps the result's reserved, and clears its compatible
 * string: the configuration table outlives the boot (a kexec hands it on),
 * and no later kernel takes the ranges again.
 *
 * This interface is a contract between the kernel and the firmware
 * application, versioned like the record: a reader accepts only the
 * compatible strings it knows (PERSIST_E820_HANDOFF_COMPATIBLE,
 * PERSIST_E820_RESULT_COMPATIBLE) with sizes at least those it knows;
 * appending a field grows the sizes, any other change increments the
 * version number in the string.
 */
#ifndef _LINUX_PERSIST_E820_ABI_EFI_H
#define _LINUX_PERSIST_E820_ABI_EFI_H

#include <linux/types.h>
#include <linux/persist_e820/abi/record.h>

#define PERSIST_E820_EFI_GUID_STR		"d44c2f61-cbba-4d0d-9916-2dc7fa4c56af"
#define PERSIST_E820_EFI_HANDOFF_VAR		"PersistE820Handoff"
#define PERSIST_E820_HANDOFF_COMPATIBLE		"persist-e820-handoff-v1"
#define PERSIST_E820_RESULT_COMPATIBLE		"persist-e820-result-v2"

/**
 * struct persist_e820_handoff - the handoff variable's header
 * @compatible: PERSIST_E820_HANDOFF_COMPATIBLE, NUL-padded
 * @header_size: bytes from the start to the first entry
 * @entry_size: bytes per entry
 * @nr_entries: number of entries, at most PERSIST_E820_MAX_RANGES
 * @checksum: CRC-32 of the @size bytes, this field counted as 0
 * @size: @header_size + @nr_entries * @entry_size: the variable's size
 * @__reserved: 0
 */
struct persist_e820_handoff {
	char compatible[PERSIST_E820_COMPATIBLE_LEN];
	__u32 header_size;
	__u32 entry_size;
	__u32 nr_entries;
	__u32 checksum;
	__u64 size;
	__u64 __reserved[2];
};

/**
 * struct persist_e820_handoff_entry - one range to keep across the reboot
 * @start: physical start, page aligned
 * @length: bytes, page aligned, not 0
 * @crc32: CRC-32 of the range's content when the kernel rebooted
 * @flags: 0
 * @name: its name, NUL-terminated
 * @owner: its owner, NUL-terminated
 */
struct persist_e820_handoff_entry {
	__u64 start;
	__u64 length;
	__u32 crc32;
	__u32 flags;
	char name[PERSIST_E820_NAME_LEN];
	char owner[PERSIST_E820_OWNER_LEN];
};

/* struct persist_e820_efi_range.status */
#define PERSIST_E820_EFI_INTACT		1	/* reserved, content as handed off */
#define PERSIST_E820_EFI_IN_USE		2	/* the firmware had used it: lost */
#define PERSIST_E820_EFI_CHANGED	3	/* its content changed: lost */
#define PERSIST_E820_EFI_REFUSED	4	/* not the kernel's: not kept */

/**
 * struct persist_e820_efi_result - persist_memmap.efi's verdict
 * @compatible: PERSIST_E820_RESULT_COMPATIBLE, NUL-padded
 * @entry_size: bytes per entry
 * @nr_entries: number of entries, one per range handed off
 * @record: physical address of the record of the intact ranges, page
 *	aligned
 * @record_size: bytes of the pages reserved for it; the result lies
 *	outside them
 *
 * Entries (struct persist_e820_efi_range) follow the header, in the order
 * of the handoff. Lost ranges are not reserved.
 */
struct persist_e820_efi_result {
	char compatible[PERSIST_E820_COMPATIBLE_LEN];
	__u32 entry_size;
	__u32 nr_entries;
	__u64 record;
	__u64 record_size;
};

/**
 * struct persist_e820_efi_range - the verdict on one range
 * @start: physical start
 * @length: bytes
 * @status: PERSIST_E820_EFI_*
 * @__pad: 0
 */
struct persist_e820_efi_range {
	__u64 start;
	__u64 length;
	__u32 status;
	__u32 __pad;
};

#endif /* _LINUX_PERSIST_E820_ABI_EFI_H */
