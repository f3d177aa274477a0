/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DOC: persist_e820 record ABI
 *
 * How an aware kernel finds the names of the persisted ranges after kexec.
 *
 * Whenever ranges are persisted, the kernel keeps a record of them in
 * persisted memory of its own, handed to the next kernel as one e820 entry
 * of type PERSIST_E820_RECORD_TYPE (and a reserved EFI descriptor). The
 * next kernel finds it by that type, without reading any range, and names
 * the ranges of type PERSIST_E820_TYPE from it. Kernels that do not know
 * the type keep it reserved and pass it on like the ranges, so names
 * survive a kernel in between that knows nothing of them.
 * persist_memmap.efi writes one too, for the ranges it kept across a
 * firmware reboot.
 *
 * Layout, little endian: struct persist_e820_record, then @nr_entries
 * struct persist_e820_record_entry of @entry_size bytes each, starting
 * @header_size bytes from the record's start, sorted by start, not
 * overlapping, with unique names, together covering exactly the
 * PERSIST_E820_TYPE entries of the e820 map.
 *
 * This interface is a contract between kernels, and with the firmware
 * application. A reader accepts only the compatible string it knows,
 * PERSIST_E820_RECORD_COMPATIBLE, with @header_size and @entry_size at
 * least the sizes it knows (it ignores the bytes past them): appending a
 * field to the header or to an entry grows the size fields and keeps the
 * string; any other change (a field changing meaning, size or place, an
 * entry flag a reader must honour) is a breaking change and increments
 * the version number in the compatible string. A reader that refuses a
 * record keeps every range reserved and unnamed; it never frees memory a
 * record describes.
 *
 * The types are those of <linux/types.h> that user space has too: the
 * firmware application and the tests build this header unchanged.
 */
#ifndef _LINUX_PERSIST_E820_ABI_RECORD_H
#define _LINUX_PERSIST_E820_ABI_RECORD_H

#include <linux/types.h>
#include <uapi/linux/persist_e820.h>

/* Room for a compatible string, NUL-padded */
#define PERSIST_E820_COMPATIBLE_LEN	32

/* The compatible string of the record */
#define PERSIST_E820_RECORD_COMPATIBLE	"persist-e820-record-v1"

/**
 * struct persist_e820_record - the record's header
 * @compatible: PERSIST_E820_RECORD_COMPATIBLE, NUL-padded
 * @header_size: bytes from the start of the record to the first entry
 * @entry_size: bytes per entry
 * @nr_entries: number of entries, at most PERSIST_E820_MAX_RANGES
 * @checksum: CRC-32 (the one of zlib's crc32() and Ethernet) of the @size
 *	bytes of the record, this field counted as 0
 * @size: @header_size + @nr_entries * @entry_size
 * @__reserved: 0
 */
struct persist_e820_record {
	char compatible[PERSIST_E820_COMPATIBLE_LEN];
	__u32 header_size;
	__u32 entry_size;
	__u32 nr_entries;
	__u32 checksum;
	__u64 size;
	__u64 __reserved[2];
};

/**
 * struct persist_e820_record_entry - one range in the record
 * @start: physical start, page aligned
 * @length: bytes, page aligned, not 0
 * @flags: 0 in this version
 * @__pad: 0
 * @name: the range's name (rules in <uapi/linux/persist_e820.h>),
 *	NUL-terminated
 * @owner: its owner, NUL-terminated
 */
struct persist_e820_record_entry {
	__u64 start;
	__u64 length;
	__u32 flags;
	__u32 __pad;
	char name[PERSIST_E820_NAME_LEN];
	char owner[PERSIST_E820_OWNER_LEN];
};

#endif /* _LINUX_PERSIST_E820_ABI_RECORD_H */
