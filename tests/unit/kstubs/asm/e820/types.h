/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stub of arch/x86/include/asm/e820/types.h (Linux 7.3 with the
 * persist patch): the same enum values and entry layout, without struct
 * e820_table (whose size depends on MAX_NUMNODES) and the legacy address
 * constants. Linux 7.3 has no E820_TYPE_RESERVED_KERN (128) any more, and
 * neither has this stub, so that the pure files cannot use it.
 */
#ifndef _ASM_E820_TYPES_H
#define _ASM_E820_TYPES_H

#include <linux/types.h>

enum e820_type {
	E820_TYPE_RAM		= 1,
	E820_TYPE_RESERVED	= 2,
	E820_TYPE_ACPI		= 3,
	E820_TYPE_NVS		= 4,
	E820_TYPE_UNUSABLE	= 5,
	E820_TYPE_PMEM		= 7,
	E820_TYPE_PRAM		= 12,
	E820_TYPE_SOFT_RESERVED	= 0xefffffff,
	E820_TYPE_PERSIST	= 0xe8200001,
	E820_TYPE_PERSIST_RECORD = 0xe8200002,
};

struct e820_entry {
	u64			addr;
	u64			size;
	enum e820_type		type;
} __attribute__((packed));

/* From uapi/asm/bootparam.h: entries that fit in the zeropage. */
#define E820_MAX_ENTRIES_ZEROPAGE 128

#endif /* _ASM_E820_TYPES_H */
