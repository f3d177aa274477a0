// SPDX-License-Identifier: GPL-2.0
/*
 * pe-memread START LENGTH: copy physical memory [START, START+LENGTH) from
 * /dev/mem to stdout, through mmap() so that it also works above the last
 * RAM address (read() on /dev/mem stops at high_memory). Used by the VM
 * tests to checksum persisted ranges in kernels that do not know them
 * (boot those with iomem=relaxed: the ranges are busy resources).
 *
 * pe-memread --hold START LENGTH FILE: map [START, START+LENGTH) from
 * /dev/mem, read a byte of each page, say "mapped", wait until FILE
 * exists, then read every page again: "revoked" (SIGBUS, exit 3) if the
 * kernel took the mapping away meanwhile, "still mapped" (exit 0) if not.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define CHUNK (1UL << 20)

static int parse(const char *s, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno || !*s || *end ? -1 : 0;
}

static void revoked(int sig)
{
	static const char msg[] = "pe-memread: revoked\n";

	(void)sig;
	if (write(1, msg, sizeof(msg) - 1) < 0)
		_exit(4);
	_exit(3);
}

static int hold(int fd, uint64_t start, uint64_t len, const char *file)
{
	long page = sysconf(_SC_PAGESIZE);
	volatile const char *p;
	unsigned int sum = 0;
	uint64_t off;

	p = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, start);
	if (p == MAP_FAILED) {
		fprintf(stderr, "pe-memread: mmap %#llx: %s\n",
			(unsigned long long)start, strerror(errno));
		return 1;
	}
	for (off = 0; off < len; off += page)
		sum += p[off];
	printf("pe-memread: mapped\n");
	fflush(stdout);
	while (access(file, F_OK))
		usleep(100000);
	signal(SIGBUS, revoked);
	for (off = 0; off < len; off += page)
		sum += p[off];
	printf("pe-memread: still mapped (%u)\n", sum & 1);
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t start, len, off;
	long page = sysconf(_SC_PAGESIZE);
	const char *file = NULL;
	int fd;

	if (argc == 5 && !strcmp(argv[1], "--hold")) {
		file = argv[4];
		argv++;
		argc = 3;
	}
	if (argc != 3 || parse(argv[1], &start) || parse(argv[2], &len) ||
	    start % page || len % page) {
		fprintf(stderr, "usage: pe-memread [--hold] START LENGTH [FILE]: page aligned, FILE with --hold\n");
		return 2;
	}
	fd = open("/dev/mem", O_RDONLY | O_SYNC);
	if (fd < 0) {
		perror("pe-memread: /dev/mem");
		return 1;
	}
	if (file)
		return hold(fd, start, len, file);
	for (off = 0; off < len; off += CHUNK) {
		size_t n = len - off < CHUNK ? len - off : CHUNK;
		const char *p = mmap(NULL, n, PROT_READ, MAP_SHARED, fd, start + off);
		size_t done = 0;

		if (p == MAP_FAILED) {
			fprintf(stderr, "pe-memread: mmap %#llx: %s\n",
				(unsigned long long)(start + off), strerror(errno));
			return 1;
		}
		while (done < n) {
			ssize_t w = write(1, p + done, n - done);

			if (w < 0) {
				perror("pe-memread: write");
				return 1;
			}
			done += w;
		}
		munmap((void *)p, n);
	}
	return 0;
}
