/* SPDX-License-Identifier: GPL-2.0 */
/* Host stub of the kernel's <linux/sizes.h>: the sizes our files use. */
#ifndef _KSTUBS_LINUX_SIZES_H
#define _KSTUBS_LINUX_SIZES_H

#define SZ_4K	0x00001000
#define SZ_1M	0x00100000

#endif /* _KSTUBS_LINUX_SIZES_H */
