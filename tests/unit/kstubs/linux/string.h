/* SPDX-License-Identifier: GPL-2.0 */
/* Host stub of the kernel's <linux/string.h>: libc's plus memchr_inv(). */
#ifndef _KSTUBS_LINUX_STRING_H
#define _KSTUBS_LINUX_STRING_H

#include <string.h>
#include <linux/types.h>

/* The first byte of @p that is not @c, or NULL. */
static inline void *memchr_inv(const void *p, int c, size_t n)
{
	const unsigned char *b = p;

	for (; n; n--, b++)
		if (*b != (unsigned char)c)
			return (void *)b;
	return NULL;
}

#endif /* _KSTUBS_LINUX_STRING_H */
