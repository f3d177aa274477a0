/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stub of the kernel's <linux/kexec.h> (and the x86 struct kimage_arch
 * fields of <asm/kexec.h> with CONFIG_PERSIST_E820): the parts of struct
 * kimage our files read, not the kernel's layout. kimage_map_segment() and
 * kimage_unmap_segment() are the test's to define.
 */
#ifndef _KSTUBS_LINUX_KEXEC_H
#define _KSTUBS_LINUX_KEXEC_H

#include <linux/types.h>

#define KEXEC_SEGMENT_MAX	16
#define KEXEC_TYPE_DEFAULT	0
#define KEXEC_TYPE_CRASH	1

struct kexec_segment {
	const void *buf;
	size_t bufsz;
	unsigned long mem;
	size_t memsz;
};

struct kimage_arch {
	u64 persist_generation;
};

struct kimage {
	unsigned long nr_segments;
	struct kexec_segment segment[KEXEC_SEGMENT_MAX];
	unsigned int type : 1;
	unsigned int file_mode : 1;
	struct kimage_arch arch;
};

void *kimage_map_segment(struct kimage *image, int idx);
void kimage_unmap_segment(void *buffer);

#endif /* _KSTUBS_LINUX_KEXEC_H */
