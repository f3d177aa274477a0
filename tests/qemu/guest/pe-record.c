// SPDX-License-Identifier: GPL-2.0
/*
 * pe-record: find the record of persisted ranges in memory and break it,
 * as a buggy or hostile kernel in the middle of a chain could.
 *
 *   pe-record show            print the record's header and entries
 *   pe-record corrupt CASE    break it one way, then re-checksum it
 *                             (except for "checksum"), so that the next
 *                             kernel's check for exactly that case fires
 *
 * CASE: magic version size checksum outside overlap name count
 *
 * The record is the e820 entry of type PERSIST_E820_RECORD_TYPE in the map
 * this kernel booted with (/sys/kernel/boot_params/data), written through
 * /dev/mem: run it in a kernel that does not know the type (Debian's
 * stock kernel, booted with iomem=relaxed).
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/persist_e820/abi/record.h>

#define BP_E820_ENTRIES	0x1e8
#define BP_E820_TABLE	0x2d0
#define BP_SIZE		4096

struct e820e {
	uint64_t addr, size;
	uint32_t type;
} __attribute__((packed));

static void die(const char *what)
{
	perror(what);
	exit(2);
}

/* CRC-32 as zlib computes it, with the checksum field taken as 0 */
static uint32_t crc(const unsigned char *p, uint64_t len)
{
	const size_t off = offsetof(struct persist_e820_record, checksum);
	uint32_t c = ~0U;
	uint64_t i;
	int k;

	for (i = 0; i < len; i++) {
		c ^= (i >= off && i < off + 4) ? 0 : p[i];
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320U & -(c & 1));
	}
	return ~c;
}

/* The record's e820 entry in the map this kernel booted with */
static int find_record(struct e820e *rec)
{
	unsigned char bp[BP_SIZE];
	int fd, n, i;

	fd = open("/sys/kernel/boot_params/data", O_RDONLY);
	if (fd < 0)
		die("/sys/kernel/boot_params/data");
	if (read(fd, bp, sizeof(bp)) != sizeof(bp))
		die("read boot_params");
	close(fd);
	n = bp[BP_E820_ENTRIES];
	for (i = 0; i < n && i < 128; i++) {
		memcpy(rec, bp + BP_E820_TABLE + i * sizeof(*rec), sizeof(*rec));
		if (rec->type == PERSIST_E820_RECORD_TYPE)
			return 0;
	}
	fprintf(stderr, "pe-record: no e820 entry of type %#x\n",
		PERSIST_E820_RECORD_TYPE);
	return -1;
}

int main(int argc, char **argv)
{
	struct persist_e820_record_entry *e;
	struct persist_e820_record *h;
	struct e820e m;
	const char *what;
	unsigned char *p;
	uint32_t i;
	int fd;

	if (argc < 2 || find_record(&m))
		return 2;
	fd = open("/dev/mem", O_RDWR | O_SYNC);
	if (fd < 0)
		die("/dev/mem");
	p = mmap(NULL, m.size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, m.addr);
	if (p == MAP_FAILED)
		die("mmap /dev/mem");
	h = (void *)p;
	e = (void *)(p + h->header_size);

	if (!strcmp(argv[1], "show")) {
		printf("record at %#llx (%llu bytes): %.32s, %u entries, size %llu, checksum %#x (%s)\n",
		       (unsigned long long)m.addr, (unsigned long long)m.size,
		       h->compatible, h->nr_entries,
		       (unsigned long long)h->size, h->checksum,
		       h->size <= m.size && crc(p, h->size) == h->checksum ?
		       "good" : "bad");
		for (i = 0; i < h->nr_entries && i < 16 &&
		     h->header_size + (i + 1) * (uint64_t)h->entry_size <= m.size; i++)
			printf("  %#llx +%#llx %.31s (%.15s)\n",
			       (unsigned long long)e[i].start,
			       (unsigned long long)e[i].length, e[i].name, e[i].owner);
		return 0;
	}
	if (argc < 3 || strcmp(argv[1], "corrupt") || h->nr_entries < 2) {
		fprintf(stderr, "usage: pe-record show | corrupt CASE (record of >= 2 entries)\n");
		return 2;
	}
	what = argv[2];
	if (!strcmp(what, "magic"))		/* not a record at all */
		h->compatible[0] ^= 0x20;
	else if (!strcmp(what, "version"))	/* a later version of it */
		h->compatible[strlen(PERSIST_E820_RECORD_COMPATIBLE) - 1]++;
	else if (!strcmp(what, "size"))
		h->size += 8;
	else if (!strcmp(what, "checksum"))
		e[0].name[0] ^= 0x20;		/* no re-checksum below */
	else if (!strcmp(what, "outside"))
		e[0].start = 0x200000;		/* RAM, not persisted */
	else if (!strcmp(what, "overlap"))
		e[1].start = e[0].start;
	else if (!strcmp(what, "name"))
		memset(e[1].name, 'x', sizeof(e[1].name));
	else if (!strcmp(what, "count"))
		h->nr_entries = 0xffffffff;
	else {
		fprintf(stderr, "pe-record: unknown case %s\n", what);
		return 2;
	}
	if (strcmp(what, "checksum") && h->size <= m.size)
		h->checksum = crc(p, h->size);
	msync(p, m.size, MS_SYNC);
	printf("pe-record: record at %#llx: %s broken\n",
	       (unsigned long long)m.addr, what);
	return 0;
}
