/* SPDX-License-Identifier: GPL-2.0 */
/* Host stub of the kernel's <linux/sort.h>: sort() as qsort(). */
#ifndef _KSTUBS_LINUX_SORT_H
#define _KSTUBS_LINUX_SORT_H

#include <stdlib.h>

#define sort(base, num, size, cmp, swap) \
	qsort((base), (num), (size), (cmp))

#endif /* _KSTUBS_LINUX_SORT_H */
