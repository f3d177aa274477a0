/* SPDX-License-Identifier: GPL-2.0 */
/* Host stub of the kernel's <linux/minmax.h>: min() and max(). */
#ifndef _KSTUBS_LINUX_MINMAX_H
#define _KSTUBS_LINUX_MINMAX_H

#include <linux/kernel.h>

#endif /* _KSTUBS_LINUX_MINMAX_H */
