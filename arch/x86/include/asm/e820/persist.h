/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_E820_PERSIST_H
#define _ASM_E820_PERSIST_H

#include <linux/persist_e820_registry.h>
#include <linux/types.h>
#include <asm/e820/types.h>

struct boot_params;
struct kimage;

/* Pure table builder: e820_persist_table.c */
int e820__persist_split(const struct e820_entry *src, int nr_src,
			const struct persist_e820_span *spans, int nr_spans,
			u32 persist_type, struct e820_entry *dst, int max_dst);
unsigned int e820__persist_handover_limit(unsigned int max_entries);

/**
 * struct e820_persist_params - where a kexec_file image's maps are written
 * @params: the boot_params segment, mapped once it is loaded; NULL before
 * @segment: its index among the image's segments
 * @load_addr: its physical address in the next kernel
 * @ext_offset: offset of the room for a SETUP_E820_EXT node in it
 * @ext_linked: that node is in the setup_data list
 * @efi_map_offset: offset of the EFI memory map, 0 for none
 * @efi_map_room: bytes of room for the EFI memory map
 * @entries: room for the largest e820 table handed over
 * @tmp: as much again, to build it in
 * @spans: room for every persisted range and the record
 */
struct e820_persist_params {
	struct boot_params *params;
	int segment;
	unsigned long load_addr;
	unsigned int ext_offset;
	bool ext_linked;
	unsigned int efi_map_offset;
	unsigned int efi_map_room;
	struct e820_entry *entries;
	struct e820_entry *tmp;
	struct persist_e820_span *spans;
};

#ifdef CONFIG_PERSIST_E820
unsigned int e820__persist_ext_room(void);
unsigned int e820__persist_efi_room(void);
int e820__persist_params_init(struct kimage *image, unsigned long load_addr,
			      unsigned int ext_offset,
			      unsigned int efi_map_offset,
			      unsigned int efi_map_room);
int e820__persist_fill_e820(struct kimage *image, struct boot_params *params);
void e820__persist_fill_efi(struct kimage *image, struct boot_params *params);
int e820__persist_guard(struct kimage *image);
void e820__persist_unguard(struct kimage *image);
unsigned int e820__persist_crash_nr_ranges(void);

/* A kexec_load image's map, checked: e820_persist_load.c */
int e820__persist_check_load(struct kimage *image);
#else
static inline unsigned int e820__persist_ext_room(void)
{
	return 0;
}

static inline unsigned int e820__persist_efi_room(void)
{
	return 0;
}

static inline int e820__persist_params_init(struct kimage *image,
					    unsigned long load_addr,
					    unsigned int ext_offset,
					    unsigned int efi_map_offset,
					    unsigned int efi_map_room)
{
	return 0;
}

static inline int e820__persist_fill_e820(struct kimage *image,
					  struct boot_params *params)
{
	return 0;
}

static inline void e820__persist_fill_efi(struct kimage *image,
					  struct boot_params *params)
{
}

static inline int e820__persist_guard(struct kimage *image)
{
	return 0;
}

static inline void e820__persist_unguard(struct kimage *image)
{
}

static inline unsigned int e820__persist_crash_nr_ranges(void)
{
	return 0;
}
#endif

/* Set when the ranges came back through the firmware: e820_persist_efi.c */
extern bool e820__persist_from_firmware;

/* Where the firmware allocated while booting: e820_persist.c */
void e820__persist_note_firmware(void);

/* The maps shown to kexec_load users: e820_persist_memmap.c */
void e820__persist_memmap_publish_boot(void);

struct persist_e820_efi_result;

/* persist_memmap.efi's result, from its bytes: e820_persist_efi_result.c */
int e820__persist_efi_result_check(const struct persist_e820_efi_result *res,
				   u64 table, u64 *size);
bool e820__persist_efi_range_ok(u64 start, u64 len);

/* Across a firmware reboot: e820_persist_efi.c */
#if defined(CONFIG_PERSIST_E820) && defined(CONFIG_EFI)
extern unsigned long e820__persist_efi_table;
void e820__persist_efi_intake(void);
#else
static inline void e820__persist_efi_intake(void)
{
}
#endif

#endif /* _ASM_E820_PERSIST_H */
