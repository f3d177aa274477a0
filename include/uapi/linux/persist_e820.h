/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * persist_e820: physical memory that survives kexec as a reserved e820 type
 *
 * A persisted range is handed to the next kernel as an e820 entry of type
 * PERSIST_E820_TYPE (and, on EFI boots, as a reserved EFI descriptor).
 * Kernels that do not know the type treat it as reserved, never as RAM.
 *
 * The user interface is the misc device /dev/persist_e820 (CAP_SYS_ADMIN).
 * Every ioctl argument starts with its own size in bytes (__u32 size): the
 * size of the structure as the caller knows it. The kernel reads the
 * smaller of that size and its own, requires every byte past what it knows
 * to be zero, and writes back the smaller of the two sizes. So a structure
 * may grow at its end: an older caller passes the size it knows, and a
 * newer caller's zeroed new fields are ignored by an older kernel. Every
 * structure ends with reserved fields that must be zero. Errors:
 *
 *   EINVAL      size field smaller than the structure of this header's
 *               first version, non-zero flags or reserved field, bad name,
 *               length zero or not a multiple of the page size
 *   E2BIG       (also) bytes past the structure the kernel knows are not
 *               zero
 *   EEXIST      a range with that name exists
 *   ENOENT      no range with that name
 *   ENOSPC      the registry is full (PERSIST_E820_MAX_RANGES)
 *   ENOMEM      no contiguous free memory of that length
 *   EOVERFLOW   length too large
 *   E2BIG       the e820 table handed to the next kernel would grow past
 *               what a kernel like the running one keeps
 *   EBUSY       the range is open or mapped; the machine is rebooting
 *               and the ranges were handed to the firmware
 *   EPERM       caller lacks CAP_SYS_ADMIN, or the range belongs to a
 *               kernel user (OPEN, RELEASE)
 *
 * Ioctl numbers: type 0xE8 (Documentation/userspace-api/ioctl/
 * ioctl-number.rst), commands 0x01-0x04, without the argument's size
 * (which the argument carries, as above); new commands take the next
 * number, an existing one never changes the meaning of its argument.
 */
#ifndef _UAPI_LINUX_PERSIST_E820_H
#define _UAPI_LINUX_PERSIST_E820_H

#include <linux/types.h>
#include <linux/ioctl.h>

/*
 * The e820 type of a persisted range. Above 128 (E820_TYPE_RESERVED_KERN of
 * older kernels, which treat it as RAM; on overlap the highest type wins), below
 * 0xefffffff (E820_TYPE_SOFT_RESERVED), far from ACPI's small values; the
 * digits spell e820.
 */
#define PERSIST_E820_TYPE	0xe8200001U

/* The EFI memory type of the descriptor appended for it: EfiReservedMemoryType */
#define PERSIST_E820_EFI_TYPE	0

/* Type name in the e820 log, /proc/iomem and /sys/firmware/memmap */
#define PERSIST_E820_TYPE_NAME	"Persisted Memory"

/*
 * Names: 1 to 31 characters, each an ASCII letter, digit or one of
 * PERSIST_E820_NAME_PUNCT, the first not '.', NUL-terminated. A name is
 * also a directory in /sys/kernel/persist_e820/ and a word in a shell
 * command line: no '/', no "." or "..", no hidden entries, no spaces or
 * shell metacharacters. Owners: 1 to 15 such characters.
 */
#define PERSIST_E820_NAME_LEN	32
#define PERSIST_E820_OWNER_LEN	16
#define PERSIST_E820_NAME_PUNCT	"+,-.:=@_"

/* Most ranges the registry holds */
#define PERSIST_E820_MAX_RANGES	2048

/* struct persist_e820_range.flags */
#define PERSIST_E820_F_ALLOCATED	(1U << 0)	/* allocated in this boot */
#define PERSIST_E820_F_INHERITED	(1U << 1)	/* handed over by the previous kernel */
#define PERSIST_E820_F_UNNAMED		(1U << 2)	/* inherited without a valid record */
#define PERSIST_E820_F_KERNEL		(1U << 3)	/* held by a kernel user */

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

/*
 * The e820 type of the record that names the persisted ranges (see
 * <linux/persist_e820/abi/record.h>): kernels that do not know it keep it
 * reserved and pass it on like the ranges.
 */
#define PERSIST_E820_RECORD_TYPE	0xe8200002U
#define PERSIST_E820_RECORD_TYPE_NAME	"Persisted Memory Record"

#define PERSIST_E820_IOC_MAGIC	0xE8

/* Allocate and persist a named range; the fd then maps it */
#define PERSIST_E820_IOC_ALLOC		_IO(PERSIST_E820_IOC_MAGIC, 0x01)
/* List the persisted ranges */
#define PERSIST_E820_IOC_LIST		_IO(PERSIST_E820_IOC_MAGIC, 0x02)
/* Release a range: its pages go back to the page allocator */
#define PERSIST_E820_IOC_RELEASE	_IO(PERSIST_E820_IOC_MAGIC, 0x03)
/* Bind the fd to an existing range, so that mmap() maps it */
#define PERSIST_E820_IOC_OPEN		_IO(PERSIST_E820_IOC_MAGIC, 0x04)

#endif /* _UAPI_LINUX_PERSIST_E820_H */
