// SPDX-License-Identifier: GPL-2.0
/*
 * Persisted memory on x86: the memory map of a kexec_load image, checked
 *
 * kexec_load hands the next kernel the e820 table user space built, which
 * kexec-tools reads from /sys/firmware/memmap before it calls kexec_load.
 * A range persisted in between is RAM in that table, and the next kernel
 * would overwrite it; a range released in between is still persisted in
 * it, and an aware next kernel, finding a range its record does not name,
 * would refuse every name. So once the segments are loaded, the boot
 * parameters among them are read and the load is refused with -ESTALE
 * unless every e820 entry over persisted memory is persisted or reserved,
 * and every persisted entry is memory this kernel persists. A map the
 * next kernel would ignore, guessing its memory from alt_mem_k instead
 * (fewer than two zeropage entries, an entry that wraps), is refused with
 * -EINVAL. The image is user space's: the e820 entries, the setup_data
 * chain and its nodes are read only inside the segments that hold them,
 * and refused if they point outside. While nothing is persisted, nothing
 * is checked: a kexec_load behaves as without persisted memory.
 *
 * Persisted memory here is the registry (the record included) and what
 * this kernel carries on persisted without having taken it over (the
 * E820_TYPE_PERSIST entries left in e820_table_kexec): the same memory
 * /sys/firmware/memmap shows as persisted.
 */

#define pr_fmt(fmt) "e820: persist: " fmt

#include <linux/err.h>
#include <linux/kexec.h>
#include <linux/lockdep.h>
#include <linux/minmax.h>
#include <linux/mutex.h>
#include <linux/persist_e820_registry.h>
#include <linux/printk.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <linux/types.h>

#include <asm/bootparam.h>
#include <asm/e820/api.h>
#include <asm/e820/persist.h>
#include <asm/setup_data.h>

/* Larger segments are the kernel or an initrd: never boot parameters */
#define PERSIST_LOAD_MAX_SEGMENT	SZ_1M
/* Most setup_data nodes followed (as kexec-tools' --reuse-memmap reads) */
#define PERSIST_LOAD_MAX_NODES		256

struct persist_load {
	struct kimage *image;
	bool held;		/* anything is persisted */
	void *map[KEXEC_SEGMENT_MAX];
};

static bool persist_type(u32 type)
{
	return type == E820_TYPE_PERSIST || type == E820_TYPE_PERSIST_RECORD;
}

/*
 * Is @pos persisted memory? If so, *@end is where that stretch of it ends.
 * Reports the range's name in *@name (NULL if not the registry's).
 */
static bool persist_load_held(u64 pos, u64 *end, const char **name)
{
	struct persist_e820_region *r;
	u32 i;

	lockdep_assert_held(&persist_e820_mutex);
	r = persist_e820_find_overlap(pos, pos + 1);
	if (r) {
		*end = r->end;
		*name = r->name[0] ? r->name : "(record)";
		return true;
	}
	for (i = 0; i < e820_table_kexec->nr_entries; i++) {
		const struct e820_entry *e = &e820_table_kexec->entries[i];

		if (persist_type(e->type) && e->addr <= pos &&
		    pos - e->addr < e->size) {
			*end = e->addr + e->size;
			*name = NULL;
			return true;
		}
	}
	return false;
}

/* The first persisted byte in [start, end), if any, in *@pos */
static bool persist_load_overlap(u64 start, u64 end, u64 *pos,
				 const char **name)
{
	struct persist_e820_region *r;
	u64 first = U64_MAX;
	u32 i;

	lockdep_assert_held(&persist_e820_mutex);
	r = persist_e820_find_overlap(start, end);
	if (r) {
		first = max(r->start, start);
		*name = r->name[0] ? r->name : "(record)";
	}
	for (i = 0; i < e820_table_kexec->nr_entries; i++) {
		const struct e820_entry *e = &e820_table_kexec->entries[i];
		u64 s = max(e->addr, start);

		if (persist_type(e->type) && e->size &&
		    e->addr < end && e->addr + e->size > start && s < first) {
			first = s;
			*name = NULL;
		}
	}
	*pos = first;
	return first != U64_MAX;
}

/*
 * One e820 entry of the image's map: 0, -ESTALE or -EINVAL, having said
 * why. An entry that wraps makes a receiver ignore the zeropage map and
 * guess its memory from alt_mem_k, over persisted memory or not.
 */
static int persist_load_entry(const struct persist_load *pl,
			      const struct boot_e820_entry *e)
{
	u64 start = e->addr, end = e->addr + e->size, pos, next;
	const char *name;

	if (!e->size)
		return 0;
	if (end - 1 < start) {
		pr_err("kexec_load: the image's map has an entry at %#llx of %#llx bytes, which wraps\n",
		       start, e->size);
		return -EINVAL;
	}
	if (!end)		/* to the top of the address space */
		end = U64_MAX;
	if (persist_type(e->type)) {
		for (pos = start; pos < end; pos = next) {
			if (!persist_load_held(pos, &next, &name)) {
				pr_err("kexec_load: the image's map has [mem %#018llx-%#018llx] persisted, but nothing is persisted at %#llx; load it again\n",
				       start, end - 1, pos);
				return -ESTALE;
			}
		}
		return 0;
	}
	if (e->type == E820_TYPE_RESERVED ||
	    !persist_load_overlap(start, end, &pos, &name))
		return 0;
	pr_err("kexec_load: the image's map has [mem %#018llx-%#018llx] as type %u, over persisted memory at %#llx (%s); load it again\n",
	       start, end - 1, e->type, pos, name ?: "carried on");
	return -ESTALE;
}

/*
 * @len bytes at physical @addr, if one segment holds them: mapped, or an
 * ERR_PTR.
 */
static const void *persist_load_read(struct persist_load *pl, u64 addr,
				     u64 len)
{
	struct kimage *image = pl->image;
	unsigned long i;

	for (i = 0; i < image->nr_segments; i++) {
		u64 mem = image->segment[i].mem, memsz = image->segment[i].memsz;

		if (addr < mem || addr - mem >= memsz)
			continue;
		if (len > memsz - (addr - mem))
			return ERR_PTR(-EINVAL);
		if (memsz > PERSIST_LOAD_MAX_SEGMENT)
			return ERR_PTR(-EFBIG);
		if (!pl->map[i])
			pl->map[i] = kimage_map_segment(image, i);
		if (!pl->map[i])
			return ERR_PTR(-ENOMEM);
		return pl->map[i] + (addr - mem);
	}
	return ERR_PTR(-EINVAL);
}

/* The SETUP_E820_EXT nodes of the chain that starts at @addr */
static int persist_load_nodes(struct persist_load *pl, u64 addr)
{
	const struct boot_e820_entry *ext;
	const struct setup_data *sd;
	unsigned int n, i;
	int ret;

	for (n = 0; addr; n++) {
		struct setup_data hdr;

		if (n == PERSIST_LOAD_MAX_NODES) {
			pr_err("kexec_load: more than %u setup_data nodes in the image\n",
			       PERSIST_LOAD_MAX_NODES);
			return -E2BIG;
		}
		sd = persist_load_read(pl, addr, sizeof(*sd));
		if (IS_ERR(sd))
			goto outside;
		memcpy(&hdr, sd, sizeof(hdr));
		if (hdr.type == SETUP_E820_EXT) {
			if (hdr.len % sizeof(*ext)) {
				pr_err("kexec_load: a SETUP_E820_EXT node of %u bytes holds no whole number of entries\n",
				       hdr.len);
				return -EINVAL;
			}
			ext = persist_load_read(pl, addr, sizeof(*sd) + hdr.len);
			if (IS_ERR(ext))
				goto outside;
			ext = (const void *)ext + sizeof(*sd);
			for (i = 0; i < hdr.len / sizeof(*ext); i++) {
				struct boot_e820_entry e = ext[i];

				ret = persist_load_entry(pl, &e);
				if (ret)
					return ret;
			}
		}
		addr = hdr.next;
	}
	return 0;

outside:
	pr_err("kexec_load: a setup_data node at %#llx is not inside a segment of the image that can be checked\n",
	       addr);
	return -EINVAL;
}

/* The map of one boot_params: its 128 entries, then its setup_data chain */
static int persist_load_params(struct persist_load *pl,
			       const struct boot_params *bp)
{
	u8 nr = bp->e820_entries;
	unsigned int i;
	int ret;

	if (nr > E820_MAX_ENTRIES_ZEROPAGE) {
		pr_err("kexec_load: %u e820 entries in a zeropage of %u\n",
		       nr, E820_MAX_ENTRIES_ZEROPAGE);
		return -EINVAL;
	}
	/* A receiver ignores fewer than one (Linux 7.3) or two (6.1) */
	if (nr < 2) {
		pr_err("kexec_load: %u e820 entries in the zeropage: the next kernel would guess its memory instead\n",
		       nr);
		return -EINVAL;
	}
	for (i = 0; i < nr; i++) {
		struct boot_e820_entry e = bp->e820_table[i];

		ret = persist_load_entry(pl, &e);
		if (ret)
			return ret;
	}
	return persist_load_nodes(pl, bp->hdr.setup_data);
}

/*
 * Linux boot parameters: a setup header at its place in a zeropage (its
 * signature: kexec-tools copies no more of the header than that reliably)
 */
static bool persist_load_is_params(const struct boot_params *bp)
{
	return !memcmp(&bp->hdr.header, "HdrS", 4);
}

/**
 * e820__persist_check_load() - check a kexec_load image's map, loaded
 * @image: a kexec_load image, its segments loaded (machine_kexec_post_load())
 *
 * Checks the map of every set of Linux boot parameters among the segments
 * against what is persisted now, and records the registry's generation the
 * image was checked at: arch_kexec_begin_exec() refuses the image once the
 * registry changed. An image without Linux boot parameters (another OS, a
 * hand-made segment list) cannot be checked: that is said, and it loads.
 *
 * Return: 0, -ESTALE (the map is not the one of persisted memory now),
 * -EINVAL or -E2BIG (a map that cannot be read), or -ENOMEM.
 */
int e820__persist_check_load(struct kimage *image)
{
	struct persist_load pl = { .image = image };
	const struct boot_params *bp;
	bool found = false;
	const char *name;
	unsigned long i;
	int ret = 0;
	u64 pos;

	mutex_lock(&persist_e820_mutex);
	/* Nothing persisted: nothing to check, as without persisted memory */
	pl.held = persist_load_overlap(0, U64_MAX, &pos, &name);
	for (i = 0; pl.held && i < image->nr_segments && !ret; i++) {
		if (image->segment[i].memsz < sizeof(*bp) ||
		    image->segment[i].memsz > PERSIST_LOAD_MAX_SEGMENT)
			continue;
		bp = persist_load_read(&pl, image->segment[i].mem, sizeof(*bp));
		if (IS_ERR(bp)) {
			ret = PTR_ERR(bp);
			break;
		}
		if (!persist_load_is_params(bp))
			continue;
		found = true;
		ret = persist_load_params(&pl, bp);
	}
	if (!ret && !found && pl.held)
		pr_warn("kexec_load: an image without Linux boot parameters: its memory map cannot be checked against the persisted ranges\n");
	if (!ret)
		image->arch.persist_generation = persist_e820_generation();
	mutex_unlock(&persist_e820_mutex);

	for (i = 0; i < image->nr_segments; i++)
		if (pl.map[i])
			kimage_unmap_segment(pl.map[i]);
	return ret;
}
