// SPDX-License-Identifier: GPL-2.0
/*
 * pe-kexec-seg ADDR: kexec_load() an image of one page whose only segment
 * is at physical address ADDR, as a hand-written segment list would, and
 * print "ok" or the errno name. Used by the VM tests to prove the kernel
 * refuses segments on persisted ranges whatever user space asks for.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/kexec.h>

int main(int argc, char **argv)
{
	static char page[4096] __attribute__((aligned(4096)));
	struct kexec_segment seg;
	unsigned long addr;
	char *end;

	if (argc != 2) {
		fprintf(stderr, "usage: pe-kexec-seg ADDR\n");
		return 2;
	}
	addr = strtoul(argv[1], &end, 0);
	if (*end || addr % sizeof(page)) {
		fprintf(stderr, "pe-kexec-seg: bad address %s\n", argv[1]);
		return 2;
	}
	seg.buf = page;
	seg.bufsz = sizeof(page);
	seg.mem = (void *)addr;
	seg.memsz = sizeof(page);
	if (syscall(SYS_kexec_load, addr, 1UL, &seg, KEXEC_ARCH_DEFAULT)) {
		const char *name = strerrorname_np(errno);

		printf("%s\n", name ? name : "?");
		return 1;
	}
	printf("ok\n");
	return 0;
}
