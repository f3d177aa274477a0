/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stub of the kernel's <linux/list.h>: struct list_head itself comes
 * from <linux/types.h>, as in the kernel; none of the list operations,
 * which the pure files do not use.
 */
#ifndef _KSTUBS_LINUX_LIST_H
#define _KSTUBS_LINUX_LIST_H

#include <linux/types.h>

#endif /* _KSTUBS_LINUX_LIST_H */
