/* SPDX-License-Identifier: GPL-2.0 */
/* Host stub of the kernel's <linux/bits.h>: BIT() only. */
#ifndef _KSTUBS_LINUX_BITS_H
#define _KSTUBS_LINUX_BITS_H

#define BIT(nr)		(1UL << (nr))

#endif /* _KSTUBS_LINUX_BITS_H */
