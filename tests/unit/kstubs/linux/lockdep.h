/* SPDX-License-Identifier: GPL-2.0 */
/* Host stub of the kernel's <linux/lockdep.h>: no lock is checked. */
#ifndef _KSTUBS_LINUX_LOCKDEP_H
#define _KSTUBS_LINUX_LOCKDEP_H

#define lockdep_assert_held(l)	((void)(l))

#endif /* _KSTUBS_LINUX_LOCKDEP_H */
