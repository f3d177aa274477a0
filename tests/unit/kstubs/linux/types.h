/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stub of the kernel's <linux/types.h>: the uapi one plus u8..u64,
 * and struct list_head, which the kernel defines here too.
 */
#ifndef _KSTUBS_LINUX_TYPES_H
#define _KSTUBS_LINUX_TYPES_H

#include_next <linux/types.h>	/* __u8..__u64 as the kernel defines them */
#include <stdbool.h>
#include <stddef.h>		/* size_t */

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s8 s8;
typedef __s16 s16;
typedef __s32 s32;
typedef __s64 s64;

struct list_head {
	struct list_head *next, *prev;
};

#endif /* _KSTUBS_LINUX_TYPES_H */
