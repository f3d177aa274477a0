/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stub of the kernel's <linux/mutex.h>: struct mutex as a complete
 * type; mutex_lock() and mutex_unlock() for one thread, which trap on a
 * lock taken twice or released free.
 */
#ifndef _KSTUBS_LINUX_MUTEX_H
#define _KSTUBS_LINUX_MUTEX_H

struct mutex {
	int locked;
};

/* One thread: taking a held lock, or releasing a free one, is a bug */
static inline void mutex_lock(struct mutex *m)
{
	if (m->locked++)
		__builtin_trap();
}

static inline void mutex_unlock(struct mutex *m)
{
	if (!m->locked--)
		__builtin_trap();
}

#endif /* _KSTUBS_LINUX_MUTEX_H */
