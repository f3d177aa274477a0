// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for persist_memmap.efi's check of the handoff variable
 * the kernel leaves before a reboot: the real efi/handoff.c, built for the
 * host. pm_crc32(), the firmware's CalculateCrc32() in the app, is the
 * same CRC-32 here.
 *
 * Input: a control byte, then the variable's content. Control bit 0
 * recomputes the checksum first, so that the fuzzer gets past it; bit 1
 * sets the header's size to the input's.
 *
 * The oracle is an independent reading of the format
 * (<linux/persist_e820/abi/efi.h>): pm_check_handoff() must accept
 * exactly the sound handoffs, and leave an accepted one as it was;
 * pm_check_entry() must pass exactly the entries of a sound handoff the
 * kernel could have written (owner "user", a name of the kernel's rule
 * not seen before).
 * pm_compatible() is checked against the rule for both compatible
 * strings. A violation is __builtin_trap(). Built with -DFUZZ_SEED it
 * writes a good input to stdout instead.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/persist_e820/abi/efi.h>

#include "handoff.h"

#define CHECK(cond)	do { if (!(cond)) __builtin_trap(); } while (0)

uint32_t pm_crc32(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint32_t crc = ~0U;
	int k;

	while (len--) {
		crc ^= *b++;
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320U & -(crc & 1));
	}
	return ~crc;
}

/* 0: @want exactly; 1: another "...-v<N>" of the same stem; else -1 */
static int ref_compatible(const char *field, const char *want)
{
	size_t n = strlen(want), stem = strrchr(want, 'v') + 1 - want;
	char pad[PERSIST_E820_COMPATIBLE_LEN] = { 0 };

	memcpy(pad, want, n);
	if (!memcmp(field, pad, sizeof(pad)))
		return 0;
	return memcmp(field, want, stem) ? -1 : PM_OTHER_VERSION;
}

static bool ref_str(const char *s, size_t len, bool nonempty)
{
	return memchr(s, 0, len) && (!nonempty || s[0]);
}

static bool ref_handoff(const uint8_t *buf, size_t size)
{
	struct persist_e820_handoff h;
	struct persist_e820_handoff_entry e;
	uint64_t prev_end = 0;
	uint8_t *copy;
	uint32_t i, crc;

	if (size < sizeof(h))
		return false;
	memcpy(&h, buf, sizeof(h));
	if (ref_compatible(h.compatible, PERSIST_E820_HANDOFF_COMPATIBLE) ||
	    h.header_size < sizeof(h) || h.header_size % 8 ||
	    h.entry_size < sizeof(e) || h.entry_size % 8 ||
	    h.nr_entries > PERSIST_E820_MAX_RANGES ||
	    h.size != size || h.__reserved[0] || h.__reserved[1] ||
	    (size - h.header_size) / h.entry_size != h.nr_entries ||
	    (size - h.header_size) % h.entry_size || size < h.header_size)
		return false;
	copy = malloc(size);
	CHECK(copy);
	memcpy(copy, buf, size);
	memset(copy + offsetof(struct persist_e820_handoff, checksum), 0, 4);
	crc = pm_crc32(copy, size);
	free(copy);
	if (crc != h.checksum)
		return false;
	for (i = 0; i < h.nr_entries; i++) {
		memcpy(&e, buf + h.header_size + (size_t)i * h.entry_size,
		       sizeof(e));
		if (!e.length || e.start % PM_PAGE_SIZE ||
		    e.length % PM_PAGE_SIZE ||
		    (e.start && e.length >= -e.start) ||
		    e.flags || !ref_str(e.name, sizeof(e.name), true) ||
		    !ref_str(e.owner, sizeof(e.owner), false) ||
		    (i && e.start < prev_end))
			return false;
		prev_end = e.start + e.length;
	}
	return true;
}

/* The kernel's name rule, read from <linux/persist_e820.h> */
static bool ref_name(const char *s, size_t len)
{
	size_t n = strnlen(s, len), i;

	if (!n || n == len || s[0] == '.')
		return false;
	for (i = 0; i < n; i++)
		if (!(s[i] > 0 && isalnum((unsigned char)s[i])) &&
		    !strchr(PERSIST_E820_NAME_PUNCT, s[i]))
			return false;
	return true;
}

/* Entry @i of a sound handoff: user's, a valid name, not seen before */
static bool ref_entry(const uint8_t *buf, uint32_t i)
{
	const struct persist_e820_handoff *h = (const void *)buf;
	struct persist_e820_handoff_entry e, o;
	uint32_t j;

	memcpy(&e, buf + h->header_size + (size_t)i * h->entry_size, sizeof(e));
	if (strcmp(e.owner, "user") || !ref_name(e.name, sizeof(e.name)))
		return false;
	for (j = 0; j < i; j++) {
		memcpy(&o, buf + h->header_size + (size_t)j * h->entry_size,
		       sizeof(o));
		if (!strcmp(o.name, e.name))
			return false;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct persist_e820_handoff *h;
	const char *why;
	uint8_t *buf, *orig;
	bool sound;
	uint8_t ctl;

	if (!size)
		return 0;
	ctl = data[0];
	data++;
	size--;
	/* Exactly the variable's bytes, so ASan sees every overrun */
	buf = malloc(size ? size : 1);
	orig = malloc(size ? size : 1);
	CHECK(buf && orig);
	memcpy(buf, data, size);
	h = (void *)buf;
	if (size >= sizeof(*h)) {
		if (ctl & 2)
			h->size = size;
		if (ctl & 1) {
			h->checksum = 0;
			h->checksum = pm_crc32(buf, size);
		}
		CHECK(pm_compatible(h->compatible,
				    PERSIST_E820_HANDOFF_COMPATIBLE) ==
		      ref_compatible(h->compatible,
				     PERSIST_E820_HANDOFF_COMPATIBLE));
		CHECK(pm_compatible(h->compatible,
				    PERSIST_E820_RESULT_COMPATIBLE) ==
		      ref_compatible(h->compatible,
				     PERSIST_E820_RESULT_COMPATIBLE));
	}
	memcpy(orig, buf, size);
	sound = ref_handoff(buf, size);

	why = pm_check_handoff(buf, size);
	CHECK(!why == sound);
	CHECK(!sound || !memcmp(buf, orig, size));
	if (sound) {
		uint32_t i;

		for (i = 0; i < h->nr_entries; i++)
			CHECK(!pm_check_entry(buf, i) == ref_entry(buf, i));
	}
	free(orig);
	free(buf);
	return 0;
}

#ifdef FUZZ_SEED
/* A good input: two ranges, checksummed */
int main(void)
{
	static struct {
		struct persist_e820_handoff h;
		struct persist_e820_handoff_entry e[2];
	} v = {
		.h = {
			.compatible = PERSIST_E820_HANDOFF_COMPATIBLE,
			.header_size = sizeof(struct persist_e820_handoff),
			.entry_size = sizeof(struct persist_e820_handoff_entry),
			.nr_entries = 2,
			.size = sizeof(v),
		},
		.e = {
			{ 0x10000000, 0x200000, 0x12345678, 0, "vm0.ram", "user" },
			{ 0x10200000, 0x1000, 0x9abcdef0, 0, "log", "user" },
		},
	};
	uint8_t ctl = 0;

	v.h.checksum = pm_crc32(&v, sizeof(v));
	fwrite(&ctl, 1, 1, stdout);
	fwrite(&v, 1, sizeof(v), stdout);
	return 0;
}
#endif
