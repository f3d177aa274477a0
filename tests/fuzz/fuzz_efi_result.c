// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the kernel's intake of persist_memmap.efi's result
 * (firmware memory the app wrote, handed on by every kexec): the real
 * arch/x86/kernel/e820_persist_efi_result.c, with the record's
 * persist_e820_compatible(), built against tests/unit/kstubs/.
 *
 * Input: the table's physical address (8 bytes), then the table: the
 * header (struct persist_e820_efi_result) and as many entry bytes as
 * given. The header check runs on a copy of exactly the header's bytes;
 * if it passes, each entry the input holds is checked as
 * e820__persist_efi_intake() walks them, entry_size bytes apart.
 *
 * The oracle reads the format on its own: the compatible string exactly
 * PERSIST_E820_RESULT_COMPATIBLE and NUL-padded, 24 <= entry_size <= 64
 * and a multiple of 8, at most PERSIST_E820_MAX_RANGES entries, neither
 * table nor record wrapping, the record not overlapping the table; and an
 * entry's range taken only if not empty, page aligned and not wrapping.
 * Any disagreement aborts. Built with -DFUZZ_SEED it writes a good input
 * to stdout instead.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/persist_e820/abi/efi.h>
#include <linux/persist_e820_registry.h>
#include <asm/e820/persist.h>

#define HDR	sizeof(struct persist_e820_efi_result)

/* What the kernel must answer for @res at @table, by the format alone */
static int oracle_header(const struct persist_e820_efi_result *res,
			 u64 table, u64 *size)
{
	static const char want[] = PERSIST_E820_RESULT_COMPATIBLE;
	char padded[PERSIST_E820_COMPATIBLE_LEN] = { 0 };
	unsigned __int128 end, rec_end;

	if (!memcmp(res->compatible, padded, sizeof(padded)))
		return -ENOENT;
	memcpy(padded, want, sizeof(want));
	if (memcmp(res->compatible, padded, sizeof(padded)) ||
	    res->entry_size < 24 || res->entry_size > 64 ||
	    res->entry_size % 8 || res->nr_entries > 2048)
		return -EINVAL;
	*size = HDR + (uint64_t)res->nr_entries * res->entry_size;
	end = (unsigned __int128)table + *size;
	rec_end = (unsigned __int128)res->record + res->record_size;
	if (end > UINT64_MAX || rec_end > UINT64_MAX ||
	    (table < rec_end && res->record < end))
		return -EFAULT;
	return 0;
}

static int oracle_range(uint64_t start, uint64_t len)
{
	return len && (unsigned __int128)start + len <= UINT64_MAX &&
	       !(start % 4096) && !(len % 4096);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct persist_e820_efi_result *res;
	u64 table, got = 0, want = 0;
	size_t i;
	int ret, exp;

	if (size < 8 + HDR)
		return 0;
	memcpy(&table, data, 8);
	data += 8;
	size -= 8;
	/* A copy of exactly the header, so ASan sees any read past it */
	res = malloc(HDR);
	if (!res)
		return 0;
	memcpy(res, data, HDR);
	ret = e820__persist_efi_result_check(res, table, &got);
	exp = oracle_header(res, table, &want);
	if (ret != exp || (!ret && got != want))
		abort();
	if (!ret) {
		for (i = 0; i < res->nr_entries; i++) {
			size_t off = HDR + i * res->entry_size;
			struct persist_e820_efi_range r;

			if (off + sizeof(r) > size)
				break;
			memcpy(&r, data + off, sizeof(r));
			if (e820__persist_efi_range_ok(r.start, r.length) !=
			    oracle_range(r.start, r.length))
				abort();
		}
	}
	free(res);
	return 0;
}

#ifdef FUZZ_SEED
/* A good input: the table at 0x7f000000, two ranges, the record apart. */
int main(void)
{
	struct persist_e820_efi_result h = {
		.compatible = PERSIST_E820_RESULT_COMPATIBLE,
		.entry_size = sizeof(struct persist_e820_efi_range),
		.nr_entries = 2,
		.record = 0x7f100000,
		.record_size = 0x1000,
	};
	struct persist_e820_efi_range r[2] = {
		{ .start = 0x10000000, .length = 0x400000, .status = PERSIST_E820_EFI_INTACT },
		{ .start = 0x12000000, .length = 0x1000000, .status = PERSIST_E820_EFI_CHANGED },
	};
	uint64_t table = 0x7f000000;

	fwrite(&table, 1, sizeof(table), stdout);
	fwrite(&h, 1, sizeof(h), stdout);
	fwrite(r, 1, sizeof(r), stdout);
	return 0;
}
#endif
