// SPDX-License-Identifier: GPL-2.0
/*
 * persist_memmap.efi's result, checked from its bytes alone: the header,
 * and each entry's range. Whether the memory maps show a range reserved
 * by the app is e820_persist_efi.c's to check.
 *
 * The result lies in firmware memory that the app wrote and that a
 * kexec hands on, so it is untrusted input. This file is pure: no
 * allocation, no locking, no printing, no __init; the fuzz target
 * tests/fuzz/fuzz_efi_result.c compiles it unchanged.
 */

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/persist_e820/abi/efi.h>
#include <linux/persist_e820_registry.h>
#include <linux/string.h>
#include <uapi/linux/persist_e820.h>

#include <asm/e820/persist.h>
#include <asm/page_types.h>

/* What early_memremap() maps at once covers 32 + 2048 * 64 bytes */
#define PERSIST_EFI_MAX_ENTRY_SIZE	64

/**
 * e820__persist_efi_result_check() - the result's header, checked
 * @res: the header, as read from firmware memory
 * @table: its physical address
 * @size: set to the bytes of the header and its entries, on success
 *
 * Return: 0; -ENOENT if a kernel took the result before (it cleared the
 * compatible string); -EINVAL if it is not a result this kernel reads
 * (another compatible string, an entry size below the one it knows, above
 * 64 bytes or not a multiple of 8, more than PERSIST_E820_MAX_RANGES
 * entries); -EFAULT if the table or the record wraps, or the record
 * overlaps the table.
 */
int e820__persist_efi_result_check(const struct persist_e820_efi_result *res,
				   u64 table, u64 *size)
{
	u64 rec = res->record, rec_size = res->record_size, n;

	if (!memchr_inv(res->compatible, 0, sizeof(res->compatible)))
		return -ENOENT;
	if (persist_e820_compatible(res->compatible,
				    PERSIST_E820_RESULT_COMPATIBLE) ||
	    res->entry_size < sizeof(struct persist_e820_efi_range) ||
	    res->entry_size > PERSIST_EFI_MAX_ENTRY_SIZE ||
	    res->entry_size % 8 || res->nr_entries > PERSIST_E820_MAX_RANGES)
		return -EINVAL;
	n = sizeof(*res) + (u64)res->nr_entries * res->entry_size;
	if (table + n < table || rec + rec_size < rec ||
	    (table < rec + rec_size && rec < table + n))
		return -EFAULT;
	*size = n;
	return 0;
}

/**
 * e820__persist_efi_range_ok() - an entry's range, checked
 * @start: its physical start
 * @len: its length
 *
 * Return: whether it is not empty, page aligned and does not wrap.
 */
bool e820__persist_efi_range_ok(u64 start, u64 len)
{
	return len && start + len > start && !((start | len) & (PAGE_SIZE - 1));
}
