/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stub of the kernel's <linux/crc32.h>: crc32_le() bit by bit, the
 * kernel's definition (reflected polynomial 0xedb88320, no inversion).
 * Tests check it against zlib's crc32(), an implementation we did not write.
 */
#ifndef _KSTUBS_LINUX_CRC32_H
#define _KSTUBS_LINUX_CRC32_H

#include <linux/types.h>

static inline u32 crc32_le(u32 crc, const void *p, size_t len)
{
	const u8 *b = p;
	int k;

	while (len--) {
		crc ^= *b++;
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320U & -(crc & 1));
	}
	return crc;
}

#endif /* _KSTUBS_LINUX_CRC32_H */
