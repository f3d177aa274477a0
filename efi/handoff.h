/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The checks persist_memmap.efi makes on what it reads (the handoff
 * variable, a result table), apart from the firmware so that the host
 * fuzzer (tests/fuzz/fuzz_efi_handoff.c) builds them unchanged.
 */
#ifndef PERSIST_MEMMAP_HANDOFF_H
#define PERSIST_MEMMAP_HANDOFF_H

#include <stddef.h>
#include <stdint.h>

#define PM_PAGE_SIZE		4096ULL
#define PM_OTHER_VERSION	1

/*
 * pm_crc32() - CRC-32 of @len bytes at @p (the firmware's CalculateCrc32()
 * in the app, the same CRC on the host)
 */
uint32_t pm_crc32(const void *p, size_t len);

int pm_compatible(const char *field, const char *want);
const char *pm_check_handoff(uint8_t *buf, size_t size);
const char *pm_check_entry(const uint8_t *buf, uint32_t i);

#endif /* PERSIST_MEMMAP_HANDOFF_H */
