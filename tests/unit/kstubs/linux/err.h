/* SPDX-License-Identifier: GPL-2.0 */
/* Host stub of the kernel's <linux/err.h>: error values in pointers. */
#ifndef _KSTUBS_LINUX_ERR_H
#define _KSTUBS_LINUX_ERR_H

#include <stdbool.h>
#include <linux/errno.h>	/* as the kernel's includes it */

#define MAX_ERRNO	4095

static inline void *ERR_PTR(long error)
{
	return (void *)error;
}

static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}

static inline bool IS_ERR(const void *ptr)
{
	return (unsigned long)ptr >= (unsigned long)-MAX_ERRNO;
}

#endif /* _KSTUBS_LINUX_ERR_H */
