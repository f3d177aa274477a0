// SPDX-License-Identifier: GPL-2.0
/*
 * pe-hold START LENGTH MAX_MIB: hold pages of ordinary memory that lie in
 * a physical range (one released to the page allocator) and check later
 * that their content survived (a hibernation, say).
 *
 * Allocates anonymous memory 2 MiB at a time, locked in RAM, until
 * 16 MiB of it lies in [START, START + LENGTH) (the PFNs from
 * /proc/self/pagemap: root) or MAX_MIB is allocated; keeps the chunks
 * that have a page there, fills them with a pattern and prints
 *   hold: N pages, H in the range
 * Then waits for SIGUSR1, checks every kept page and prints
 *   hold: N pages, B changed, H in the range
 * Exit status 0 if nothing changed and some page lay in the range, 1 if
 * something changed, 2 on error or if no page came from the range.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define CHUNK		(2UL << 20)
#define PAGE		4096UL
#define PAGES		(CHUNK / PAGE)
#define WANT_PAGES	((16UL << 20) / PAGE)
#define PFN_MASK	((UINT64_C(1) << 55) - 1)
#define PRESENT		(UINT64_C(1) << 63)

static int pagemap;
static uint64_t first_pfn, end_pfn;

/* How many of the chunk's pages lie in the range now. */
static unsigned long in_range(const char *chunk)
{
	uint64_t ent[PAGES];
	off_t off = (uintptr_t)chunk / PAGE * sizeof(uint64_t);
	unsigned long i, n = 0;

	if (pread(pagemap, ent, sizeof(ent), off) != (ssize_t)sizeof(ent)) {
		perror("pe-hold: /proc/self/pagemap");
		exit(2);
	}
	for (i = 0; i < PAGES; i++) {
		uint64_t pfn = ent[i] & PFN_MASK;

		if (!(ent[i] & PRESENT) || !pfn) {
			fprintf(stderr, "pe-hold: no PFN in /proc/self/pagemap (not root?)\n");
			exit(2);
		}
		n += pfn >= first_pfn && pfn < end_pfn;
	}
	return n;
}

static uint64_t pattern(unsigned long chunk, unsigned long word)
{
	return (chunk * CHUNK / 8 + word + 1) * UINT64_C(0x9e3779b97f4a7c15);
}

int main(int argc, char **argv)
{
	unsigned long max, nr = 0, kept = 0, hits = 0, bad = 0, i, w;
	uint64_t start, len;
	char **chunks;
	sigset_t set;
	int sig;

	if (argc != 4) {
		fprintf(stderr, "usage: pe-hold START LENGTH MAX_MIB\n");
		return 2;
	}
	start = strtoull(argv[1], NULL, 0);
	len = strtoull(argv[2], NULL, 0);
	max = strtoul(argv[3], NULL, 0) / 2;
	first_pfn = start / PAGE;
	end_pfn = (start + len) / PAGE;
	chunks = calloc(max, sizeof(*chunks));
	pagemap = open("/proc/self/pagemap", O_RDONLY);
	if (!chunks || pagemap < 0) {
		perror("pe-hold");
		return 2;
	}
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);

	while (nr < max && hits < WANT_PAGES) {
		char *c = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		unsigned long n;

		if (c == MAP_FAILED) {
			perror("pe-hold: mmap");
			return 2;
		}
		memset(c, 0xa5, CHUNK);
		if (mlock(c, CHUNK)) {
			perror("pe-hold: mlock");
			return 2;
		}
		n = in_range(c);
		hits += n;
		chunks[nr++] = n ? c : NULL;
		if (!n)
			munmap(c, CHUNK);
	}
	for (i = 0; i < nr; i++) {
		uint64_t *p = (uint64_t *)chunks[i];

		if (!p)
			continue;
		kept++;
		for (w = 0; w < CHUNK / 8; w++)
			p[w] = pattern(i, w);
	}
	printf("hold: %lu pages, %lu in the range (of %lu MiB allocated)\n",
	       kept * PAGES, hits, nr * 2);
	fflush(stdout);
	if (sigwait(&set, &sig))
		return 2;

	hits = 0;
	for (i = 0; i < nr; i++) {
		uint64_t *p = (uint64_t *)chunks[i];
		unsigned long page;

		if (!p)
			continue;
		hits += in_range(chunks[i]);
		for (page = 0; page < PAGES; page++)
			for (w = page * PAGE / 8; w < (page + 1) * PAGE / 8; w++)
				if (p[w] != pattern(i, w)) {
					bad++;
					break;
				}
	}
	printf("hold: %lu pages, %lu changed, %lu in the range\n",
	       kept * PAGES, bad, hits);
	if (bad)
		return 1;
	return kept ? 0 : 2;
}
