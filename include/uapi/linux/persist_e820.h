/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * persist_e820: physical memory that survives kexec as a reserved e820 type
 *
 * A persisted range is handed to the next kernel as an e820 entry of type
 * PERSIST_E820_TYPE (and, on EFI boots, as a reserved EFI descriptor).
 * Kernels that do not know the type treat it as reserved, never as RAM.
 *
 * The user interface is the misc device /dev/persist_e820 (CAP_SYS_ADMIN).
 * Every ioctl argument starts with its own size in bytes (__u32 size),
 * which must equal the size of the structure this header defines, and
 * ends with reserved fields that must be zero. Errors:
 *
 *   EINVAL      bad size field, non-zero flags or reserved field, bad name,
 *               length zero or not a multiple of the page size
 *   EEXIST      a range with that name exists
 *   ENOENT      no range with that name
 *   ENOSPC      the registry is full (PERSIST_E820_MAX_RANGES)
 *   ENOMEM      no contiguous free memory of that length
 *   EOVERFLOW   length too large
 *   EBUSY       the range is mapped, or a kexec load is in progress
 *   EPERM       caller lacks CAP_SYS_ADMIN
 */
#ifndef _UAPI_LINUX_PERSIST_E820_H
#define _UAPI_LINUX_PERSIST_E820_H

#include <linux/types.h>
#include <linux/ioctl.h>

/*
 * The e820 type of a persisted range. Above 128 (E820_TYPE_RESERVED_KERN,
 * which Linux treats as RAM; on overlap the highest type wins), below
 * 0xefffffff (E820_TYPE_SOFT_RESERVED), far from ACPI's small values; the
 * digits spell e820. See docs/e820-type.md.
 */
#define PERSIST_E820_TYPE	0xe8200001U

/* The EFI memory type of the descriptor appended for it: EfiReservedMemoryType */
#define PERSIST_E820_EFI_TYPE	0

/* Type name in the e820 log, /proc/iomem and /sys/firmware/memmap */
#define PERSIST_E820_TYPE_NAME	"Persisted Memory"

/* Names: printable ASCII (0x21-0x7e), NUL-terminated, 1 to 31 characters */
#define PERSIST_E820_NAME_LEN	32
#define PERSIST_E820_OWNER_LEN	16

/* Most ranges the registry holds */
#define PERSIST_E820_MAX_RANGES	2048

/* struct persist_e820_range.flags */
#define PERSIST_E820_F_ALLOCATED	(1U << 0)	/* allocated in this boot */
#define PERSIST_E820_F_INHERITED	(1U << 1)	/* handed over by the previous kernel */

/**
 * struct persist_e820_alloc - PERSIST_E820_IOC_ALLOC argument
 * @size: sizeof(struct persist_e820_alloc)
 * @flags: must be 0
 * @length: bytes to allocate, a multiple of the page size
 * @name: NUL-terminated name of the new range
 * @phys_addr: out: physical address of the range
 * @__reserved: must be 0
 *
 * Allocates a physically contiguous range from the page allocator,
 * persists it under @name and binds the file descriptor to it, so that
 * mmap() on the same descriptor maps it.
 */
struct persist_e820_alloc {
	__u32 size;
	__u32 flags;
	__u64 length;
	char name[PERSIST_E820_NAME_LEN];
	__u64 phys_addr;
	__u64 __reserved[4];
};

/**
 * struct persist_e820_range - one persisted range, as listed
 * @start: physical start address
 * @length: bytes
 * @flags: PERSIST_E820_F_*
 * @__pad: 0
 * @name: NUL-terminated name
 * @owner: NUL-terminated owner (the kernel user or "user")
 * @__reserved: 0
 */
struct persist_e820_range {
	__u64 start;
	__u64 length;
	__u32 flags;
	__u32 __pad;
	char name[PERSIST_E820_NAME_LEN];
	char owner[PERSIST_E820_OWNER_LEN];
	__u64 __reserved[2];
};

/**
 * struct persist_e820_list - PERSIST_E820_IOC_LIST argument
 * @size: sizeof(struct persist_e820_list)
 * @flags: must be 0
 * @count: in: room at @ranges_ptr, in entries; out: number of ranges (may
 *	be larger than the room given: call again with more)
 * @__pad: must be 0
 * @generation: out: registry generation, changes with every add or release
 * @ranges_ptr: user pointer to @count struct persist_e820_range
 * @__reserved: must be 0
 */
struct persist_e820_list {
	__u32 size;
	__u32 flags;
	__u32 count;
	__u32 __pad;
	__u64 generation;
	__u64 ranges_ptr;
	__u64 __reserved[4];
};

/**
 * struct persist_e820_name - argument of the ioctls that take a name
 * @size: sizeof(struct persist_e820_name)
 * @flags: must be 0
 * @name: NUL-terminated name of an existing range
 * @__reserved: must be 0
 */
struct persist_e820_name {
	__u32 size;
	__u32 flags;
	char name[PERSIST_E820_NAME_LEN];
	__u64 __reserved[4];
};

#define PERSIST_E820_IOC_MAGIC	0xE8

/* Allocate and persist a named range; the fd then maps it */
#define PERSIST_E820_IOC_ALLOC \
	_IOWR(PERSIST_E820_IOC_MAGIC, 0x01, struct persist_e820_alloc)
/* List the persisted ranges */
#define PERSIST_E820_IOC_LIST \
	_IOWR(PERSIST_E820_IOC_MAGIC, 0x02, struct persist_e820_list)
/* Release a range: its pages go back to the page allocator */
#define PERSIST_E820_IOC_RELEASE \
	_IOW(PERSIST_E820_IOC_MAGIC, 0x03, struct persist_e820_name)
/* Bind the fd to an existing range, so that mmap() maps it */
#define PERSIST_E820_IOC_OPEN \
	_IOW(PERSIST_E820_IOC_MAGIC, 0x04, struct persist_e820_name)

#endif /* _UAPI_LINUX_PERSIST_E820_H */
