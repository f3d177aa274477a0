/* SPDX-License-Identifier: GPL-2.0 */
/* Host stub of the kernel's <linux/kernel.h>: only what our files use. */
#ifndef _KSTUBS_LINUX_KERNEL_H
#define _KSTUBS_LINUX_KERNEL_H

#include <limits.h>		/* INT_MAX */
#include <stdint.h>
#include <linux/types.h>

#define U64_MAX		((u64)~0ULL)

/* Like the kernel's: evaluates each argument once, both of one type. */
#define min(x, y) ({					\
	__typeof__(x) _min1 = (x);			\
	__typeof__(y) _min2 = (y);			\
	(void)(&_min1 == &_min2);			\
	_min1 < _min2 ? _min1 : _min2; })

#define max(x, y) ({					\
	__typeof__(x) _max1 = (x);			\
	__typeof__(y) _max2 = (y);			\
	(void)(&_max1 == &_max2);			\
	_max1 > _max2 ? _max1 : _max2; })

#endif /* _KSTUBS_LINUX_KERNEL_H */
