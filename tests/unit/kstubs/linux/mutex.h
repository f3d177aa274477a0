/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stub of the kernel's <linux/mutex.h>: struct mutex as a complete
 * type, and no operations: the pure files take no lock.
 */
#ifndef _KSTUBS_LINUX_MUTEX_H
#define _KSTUBS_LINUX_MUTEX_H

struct mutex {
	int locked;
};

#endif /* _KSTUBS_LINUX_MUTEX_H */
