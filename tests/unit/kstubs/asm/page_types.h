/* SPDX-License-Identifier: GPL-2.0 */
/* Host stub of the kernel's <asm/page_types.h>: x86's 4 KiB pages. */
#ifndef _KSTUBS_ASM_PAGE_TYPES_H
#define _KSTUBS_ASM_PAGE_TYPES_H

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)

#endif /* _KSTUBS_ASM_PAGE_TYPES_H */
