// SPDX-License-Identifier: GPL-2.0
/*
 * pe-scribble NAME LENGTH: map the persisted range NAME (LENGTH bytes, as
 * persistctl lists it) and write to every page of it, pass after pass,
 * until the process dies: a VMM whose guest is still running when the
 * machine reboots. Prints "pe-scribble: writing NAME" after the first
 * pass; a SIGBUS (the kernel took the mapping away) ends it with
 * "pe-scribble: SIGBUS after N passes" and status 0.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/persist_e820.h>

static volatile uint64_t passes;

static void on_sigbus(int sig)
{
	char msg[64];
	int n;

	(void)sig;
	n = snprintf(msg, sizeof(msg), "pe-scribble: SIGBUS after %llu passes\n",
		     (unsigned long long)passes);
	write(STDOUT_FILENO, msg, n);
	_exit(0);
}

int main(int argc, char **argv)
{
	struct persist_e820_name n = { .size = sizeof(n) };
	volatile uint64_t *p;
	size_t len, off;
	int fd;

	if (argc != 3 || strlen(argv[1]) >= sizeof(n.name)) {
		fprintf(stderr, "usage: pe-scribble NAME LENGTH\n");
		return 2;
	}
	strcpy(n.name, argv[1]);
	len = strtoull(argv[2], NULL, 0);
	fd = open("/dev/persist_e820", O_RDWR);
	if (fd < 0 || ioctl(fd, PERSIST_E820_IOC_OPEN, &n)) {
		perror("pe-scribble: bind");
		return 2;
	}
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		perror("pe-scribble: mmap");
		return 2;
	}
	signal(SIGBUS, on_sigbus);
	for (;;) {
		for (off = 0; off < len / 8; off += 4096 / 8)
			p[off] = passes;
		if (!passes++) {
			printf("pe-scribble: writing %s\n", n.name);
			fflush(stdout);
		}
	}
}
