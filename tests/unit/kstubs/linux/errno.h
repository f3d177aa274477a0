/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stub of the kernel's <linux/errno.h>.  glibc's <errno.h> includes
 * <linux/errno.h> too, so this must stay a thin wrapper of the uapi header
 * (which defines the values, EINVAL, E2BIG, ...), not include <errno.h>.
 */
#ifndef _KSTUBS_LINUX_ERRNO_H
#define _KSTUBS_LINUX_ERRNO_H

#include_next <linux/errno.h>

#endif /* _KSTUBS_LINUX_ERRNO_H */
