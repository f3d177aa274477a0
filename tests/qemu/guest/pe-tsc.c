// SPDX-License-Identifier: GPL-2.0
/*
 * pe-tsc: time a kexec from inside the guest, for `make bench`.
 *
 *   pe-tsc up LABEL    log "PE-BENCH: tsc up LABEL <tsc>" to the kernel log
 *   pe-tsc exec LABEL  log "PE-BENCH: tsc exec LABEL <tsc>", then
 *                      reboot(LINUX_REBOOT_CMD_KEXEC): boot the image
 *                      loaded with kexec -l or -s (kexec -e does the same)
 *
 * The TSC keeps counting across kexec (no firmware runs in between), so
 * "up" in the first moments of the next kernel's /init minus "exec" in this
 * one is the downtime, in TSC cycles; the host divides by the TSC rate the
 * kernel logs ("tsc: Detected ... MHz processor"). The line goes to
 * /dev/kmsg, hence to the serial log, before the kexec starts.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/reboot.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <x86intrin.h>

static int stamp(const char *what, const char *label)
{
	char line[160];
	int fd = open("/dev/kmsg", O_WRONLY);
	int n;

	n = snprintf(line, sizeof(line), "PE-BENCH: tsc %s %s %llu\n", what, label,
		     (unsigned long long)__rdtsc());
	if (fd < 0 || n <= 0 || write(fd, line, (size_t)n) != n) {
		fprintf(stderr, "pe-tsc: /dev/kmsg: %s\n", strerror(errno));
		return 1;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "up"))
		return stamp("up", argv[2]);
	if (argc == 3 && !strcmp(argv[1], "exec")) {
		if (stamp("exec", argv[2]))
			return 1;
		syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
			LINUX_REBOOT_CMD_KEXEC, NULL);
		fprintf(stderr, "pe-tsc: reboot(KEXEC): %s\n", strerror(errno));
		return 1;
	}
	fprintf(stderr, "usage: pe-tsc up|exec LABEL\n");
	return 2;
}
