/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stub of arch/x86/include/asm/e820/api.h: struct e820_table with
 * room for the zeropage's entries only, and e820_table_kexec, which the
 * test defines.
 */
#ifndef _ASM_E820_API_H
#define _ASM_E820_API_H

#include <asm/e820/types.h>

struct e820_table {
	u32 nr_entries;
	struct e820_entry entries[E820_MAX_ENTRIES_ZEROPAGE];
};

extern struct e820_table *e820_table_kexec;

#endif /* _ASM_E820_API_H */
