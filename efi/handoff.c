// SPDX-License-Identifier: GPL-2.0
/*
 * persist_memmap.efi's checks of the handoff the kernel left in an EFI
 * variable. Pure: no firmware call but pm_crc32(), no gnu-efi header, so
 * that the host fuzzer builds this file unchanged.
 */

#include <linux/persist_e820.h>
#include <linux/persist_e820/abi/efi.h>

#include "handoff.h"

#define PM_OWNER_USER		"user"

/**
 * pm_compatible() - is a compatible string the one this app speaks?
 * @field:	PERSIST_E820_COMPATIBLE_LEN bytes as found
 * @want:	"<name>-v<N>"
 *
 * The same rule as the kernel's persist_e820_compatible().
 *
 * Return: 0 if @field is @want, NUL-padded; PM_OTHER_VERSION if it is
 * another version of the same format; -1 otherwise.
 */
int pm_compatible(const char *field, const char *want)
{
	size_t n = 0, stem, i;
	int same = 1;

	while (want[n])
		n++;
	stem = n;
	while (stem && want[stem - 1] != 'v')
		stem--;
	for (i = 0; i < PERSIST_E820_COMPATIBLE_LEN; i++) {
		if (i < n ? field[i] != want[i] : field[i] != 0)
			same = 0;
	}
	if (same)
		return 0;
	for (i = 0; i < stem; i++)
		if (field[i] != want[i])
			return -1;
	return PM_OTHER_VERSION;
}

/* Is @s NUL-terminated within @len bytes? */
static int pm_terminated(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!s[i])
			return 1;
	return 0;
}

/**
 * pm_check_handoff() - is the handoff variable sound?
 * @buf:	its content
 * @size:	its size
 *
 * Same checks as the kernel's for its record: header (size, magic,
 * version, sizes, count, total size, reserved fields, CRC-32), then each
 * entry (page aligned, not empty, no wrap, flags 0, names terminated),
 * sorted and not overlapping.
 *
 * Return: NULL, or why the handoff is refused.
 */
const char *pm_check_handoff(uint8_t *buf, size_t size)
{
	struct persist_e820_handoff *h = (void *)buf;
	struct persist_e820_handoff_entry *e;
	uint32_t crc, i;
	uint64_t total;

	if (size < sizeof(*h))
		return "shorter than its header";
	switch (pm_compatible(h->compatible, PERSIST_E820_HANDOFF_COMPATIBLE)) {
	case 0:
		break;
	case PM_OTHER_VERSION:
		return "unknown version";
	default:
		return "not a handoff";
	}
	if (h->header_size < sizeof(*h) || h->header_size % 8 ||
	    h->entry_size < sizeof(*e) || h->entry_size % 8)
		return "bad header or entry size";
	if (h->nr_entries > PERSIST_E820_MAX_RANGES)
		return "too many entries";
	total = h->header_size + (uint64_t)h->nr_entries * h->entry_size;
	if (h->size != total || total != size)
		return "size does not match its entries or the variable";
	if (h->__reserved[0] || h->__reserved[1])
		return "reserved fields set";
	crc = h->checksum;
	h->checksum = 0;
	if (pm_crc32(buf, size) != crc)
		return "bad checksum";
	h->checksum = crc;

	for (i = 0; i < h->nr_entries; i++) {
		e = (void *)(buf + h->header_size + (uint64_t)i * h->entry_size);
		if (!e->length || (e->start | e->length) % PM_PAGE_SIZE ||
		    e->start + e->length < e->start)
			return "entry not page aligned, empty or wrapping";
		if (e->flags)
			return "entry flags set";
		if (!pm_terminated(e->name, sizeof(e->name)) || !e->name[0] ||
		    !pm_terminated(e->owner, sizeof(e->owner)))
			return "entry name or owner unterminated";
		if (i) {
			struct persist_e820_handoff_entry *p = (void *)((uint8_t *)e -
							h->entry_size);

			if (e->start < p->start + p->length)
				return "entries unsorted or overlapping";
		}
	}
	return NULL;
}

/* The kernel's rule (<linux/persist_e820.h>) for a name or an owner */
static int pm_name_valid(const char *s, size_t len)
{
	const char *punct = PERSIST_E820_NAME_PUNCT;
	size_t i, k;

	if (s[0] == '.')
		return 0;
	for (i = 0; i < len && s[i]; i++) {
		if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9'))
			continue;
		for (k = 0; punct[k] && punct[k] != s[i]; k++)
			;
		if (!punct[k])
			return 0;
	}
	return i > 0 && i < len;
}

static int pm_same(const char *a, const char *b, size_t len)
{
	size_t i;

	for (i = 0; i < len && (a[i] || b[i]); i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/**
 * pm_check_entry() - may entry @i of a sound handoff come back?
 * @buf:	a handoff pm_check_handoff() accepted
 * @i:		the entry, below its nr_entries
 *
 * The kernel hands off only user space's ranges, under names its rule
 * accepts, each name once. Anything else was written by someone else (the
 * variable is root's to write, also under lockdown): a kernel user's owner
 * would have a driver adopt pages it never wrote, an invalid or repeated
 * name would cost every range its name in the next kernel. Such an entry
 * is refused alone; the others come back under their names.
 *
 * Return: NULL, or why the entry is refused.
 */
const char *pm_check_entry(const uint8_t *buf, uint32_t i)
{
	const struct persist_e820_handoff *h = (const void *)buf;
	const struct persist_e820_handoff_entry *e, *o;
	uint32_t j;

	e = (const void *)(buf + h->header_size + (uint64_t)i * h->entry_size);
	if (!pm_same(e->owner, PM_OWNER_USER, sizeof(e->owner)))
		return "owner is not user: a kernel user's range never comes back through the firmware";
	if (!pm_name_valid(e->name, sizeof(e->name)))
		return "a name the kernel refuses";
	for (j = 0; j < i; j++) {
		o = (const void *)(buf + h->header_size + (uint64_t)j * h->entry_size);
		if (pm_same(o->name, e->name, sizeof(e->name)))
			return "a name handed off twice";
	}
	return NULL;
}
