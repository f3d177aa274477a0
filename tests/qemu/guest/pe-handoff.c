// SPDX-License-Identifier: GPL-2.0
/*
 * pe-handoff: write the PersistE820Handoff EFI variable by hand, as the
 * kernel writes it on reboot, to hand persist_memmap.efi ranges the
 * kernel could not be made to persist (e.g. in memory the firmware
 * allocates while it boots).
 *
 *   pe-handoff crc                    CRC-32 (zlib's) of stdin, as 0x%08x
 *   pe-handoff write NAME START LENGTH CRC [NAME START LENGTH CRC...]
 *                                     write the variable through efivarfs,
 *                                     one entry per range (owner "user",
 *                                     or OWNER for NAME/OWNER: '/' is in
 *                                     no name), in the order given
 *   pe-handoff plant TABLE START LENGTH [START LENGTH...]
 *                                     write a result of persist_memmap.efi
 *                                     over the one at TABLE through
 *                                     /dev/mem (iomem=relaxed), each range
 *                                     "intact", the record's place kept:
 *                                     what root could plant for the next
 *                                     kernel, which must refuse it
 *
 * Numbers in C notation. Reboot with "echo b > /proc/sysrq-trigger"
 * afterwards: a reboot(2) runs the kernel's reboot notifier, which writes
 * its own handoff over this one when something is persisted.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/persist_e820/abi/efi.h>

#define EFIVARS	"/sys/firmware/efi/efivars/"
#define VAR	EFIVARS PERSIST_E820_EFI_HANDOFF_VAR "-" PERSIST_E820_EFI_GUID_STR
/* non-volatile, boot service and runtime access */
#define ATTRS	0x7U

static uint32_t crc32_update(uint32_t crc, const unsigned char *p, size_t n)
{
	int k;

	crc = ~crc;
	while (n--) {
		crc ^= *p++;
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xEDB88320U & -(crc & 1));
	}
	return ~crc;
}

static uint64_t num(const char *s)
{
	char *end;
	uint64_t v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || !*s || *end) {
		fprintf(stderr, "pe-handoff: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

static int usage(void)
{
	fprintf(stderr, "usage: pe-handoff crc < DATA\n"
		"       pe-handoff write NAME[/OWNER] START LENGTH CRC [...]\n"
		"       pe-handoff plant TABLE START LENGTH [...]\n");
	return 2;
}

static int do_crc(void)
{
	unsigned char buf[65536];
	uint32_t crc = 0;
	ssize_t n;

	while ((n = read(0, buf, sizeof(buf))) > 0)
		crc = crc32_update(crc, buf, n);
	if (n < 0) {
		perror("pe-handoff: read");
		return 1;
	}
	printf("0x%08x\n", crc);
	return 0;
}

static int do_write(int argc, char **argv)
{
	struct persist_e820_handoff_entry *e;
	struct persist_e820_handoff *h;
	unsigned int i, nr = argc / 4;
	size_t size;
	uint8_t *buf;
	int fd;

	if (!nr || argc % 4)
		return usage();
	size = sizeof(*h) + nr * sizeof(*e);
	buf = calloc(1, 4 + size);
	if (!buf)
		return 1;
	memcpy(buf, &(uint32_t){ ATTRS }, 4);
	h = (void *)(buf + 4);
	e = (void *)(h + 1);
	for (i = 0; i < nr; i++, argv += 4) {
		char *owner = strchr(argv[0], '/');

		if (owner)
			*owner++ = 0;
		if (strlen(argv[0]) >= sizeof(e[i].name) ||
		    (owner && strlen(owner) >= sizeof(e[i].owner))) {
			fprintf(stderr, "pe-handoff: name or owner too long: %s\n",
				argv[0]);
			return 2;
		}
		strcpy(e[i].name, argv[0]);
		strcpy(e[i].owner, owner ? owner : "user");
		e[i].start = num(argv[1]);
		e[i].length = num(argv[2]);
		e[i].crc32 = num(argv[3]);
	}
	memcpy(h->compatible, PERSIST_E820_HANDOFF_COMPATIBLE,
	       sizeof(PERSIST_E820_HANDOFF_COMPATIBLE));
	h->header_size = sizeof(*h);
	h->entry_size = sizeof(*e);
	h->nr_entries = nr;
	h->size = size;
	h->checksum = crc32_update(0, (void *)h, size);

	/* efivarfs takes the attributes and the data in one write */
	fd = open(VAR, O_WRONLY | O_CREAT, 0644);
	if (fd < 0 || write(fd, buf, 4 + size) != (ssize_t)(4 + size) ||
	    close(fd)) {
		perror("pe-handoff: " VAR);
		return 1;
	}
	printf("wrote %u entries, %zu bytes\n", nr, size);
	return 0;
}

static int do_plant(int argc, char **argv)
{
	struct persist_e820_efi_result *res;
	struct persist_e820_efi_range *r;
	unsigned int i, nr = (argc - 1) / 2;
	long page = sysconf(_SC_PAGESIZE);
	uint64_t table;
	size_t size;
	void *map;
	int fd;

	if (!nr || argc % 2 != 1)
		return usage();
	table = num(argv[0]);
	size = sizeof(*res) + nr * sizeof(*r);
	if (table % page + size > (size_t)page) {
		fprintf(stderr, "pe-handoff: %u entries do not fit in the table's page\n", nr);
		return 2;
	}
	fd = open("/dev/mem", O_RDWR | O_SYNC);
	if (fd < 0) {
		perror("pe-handoff: /dev/mem");
		return 1;
	}
	map = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		   table - table % page);
	if (map == MAP_FAILED) {
		perror("pe-handoff: mmap /dev/mem");
		return 1;
	}
	res = (void *)((char *)map + table % page);
	r = (void *)(res + 1);
	for (i = 0; i < nr; i++) {
		r[i].start = num(argv[1 + 2 * i]);
		r[i].length = num(argv[2 + 2 * i]);
		r[i].status = PERSIST_E820_EFI_INTACT;
		r[i].__pad = 0;
	}
	res->entry_size = sizeof(*r);
	res->nr_entries = nr;
	memset(res->compatible, 0, sizeof(res->compatible));
	memcpy(res->compatible, PERSIST_E820_RESULT_COMPATIBLE,
	       sizeof(PERSIST_E820_RESULT_COMPATIBLE));
	munmap(map, page);
	close(fd);
	printf("planted %u entries at %#llx\n", nr, (unsigned long long)table);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "crc"))
		return do_crc();
	if (argc >= 2 && !strcmp(argv[1], "write"))
		return do_write(argc - 2, argv + 2);
	if (argc >= 2 && !strcmp(argv[1], "plant"))
		return do_plant(argc - 2, argv + 2);
	return usage();
}
