# SPDX-License-Identifier: GPL-2.0
# I1/I6 and the load-then-change trap: a hand-written kexec_load segment
# list with a segment on a persisted range is refused (EADDRNOTAVAIL, the
# range named), the same list elsewhere is accepted. A kexec_load image
# (kexec -c -l), whose map user space built, is refused at exec (EBUSY,
# and our kernel says why) once a range was persisted after the load. A
# kexec_file image (kexec -s) is not: a range persisted after its load is
# written into its boot parameters at exec, and Debian's stock kernel gets
# all three ranges, non-RAM, with their bytes (found by their content: the
# initramfs was packed before the last one existed).
FIRMWARE=seabios
TIMEOUT=240
KERNELS="bzImage vmlinuz-6.1"

seg_at() { [ "$(pe-kexec-seg "$1")" = "$2" ]; }

stage_1() {
	pe_expect_kernel bzImage
	pe_persist before-load 4M known || return
	start=$(awk '$1 == "before-load" { print $2 }' /state/ranges)
	pe_check "kexec_load segment on a persisted range: EADDRNOTAVAIL" \
		seg_at $((start + 0x100000)) EADDRNOTAVAIL
	pe_check "the refusal names the range" \
		sh -c 'dmesg | grep -q "overlaps persisted range before-load"'
	pe_check "the same segment list at 1 MiB is accepted" seg_at 0x100000 ok

	pe_load kexec -l vmlinuz-6.1 iomem=relaxed || return
	pe_persist after-load 4M known || return
	kexec -e > /tmp/exec.out 2>&1
	pe_check "kexec -e of a kexec_load image after a persist fails with EBUSY" \
		grep -q 'Device or resource busy' /tmp/exec.out
	pe_check "the refusal says why" \
		sh -c 'dmesg | grep -q "persisted ranges changed since the kexec_load image was loaded"'

	pe_load kexec -s vmlinuz-6.1 iomem=relaxed || return
	pe_persist after-file-load 4M known || return
	sync
	kexec -e > /tmp/exec.out 2>&1
	pe_fail "kexec -e of a kexec_file image after a persist" \
		"returned: $(tail -n 2 /tmp/exec.out | tr '\n' ' ')"
}
stage_2() {
	pe_hop vmlinuz-6.1
	pe_find_known
	pe_check "the stock kernel got the range persisted after the load" \
		grep -q "^after-file-load " /state/ranges
	pe_check "and both others" sh -c '[ "$(wc -l < /state/ranges)" = 3 ]'
	pe_check_persisted
}
