# SPDX-License-Identifier: GPL-2.0
# I1/I6: a hand-written kexec_load segment list with a segment on a
# persisted range is refused (EADDRNOTAVAIL, the range named), the same
# list elsewhere is accepted; a range persisted after an image was loaded
# makes kexec -e fail (EBUSY: the image carries a stale map); after a
# reload the exec works and both ranges reach the stock kernel intact.
FIRMWARE=seabios
TIMEOUT=240

seg_at() { [ "$(pe-kexec-seg "$1")" = "$2" ]; }

stage_1() {
	pe_expect_kernel bzImage
	pe_persist before-load 4M || return
	start=$(awk '$1 == "before-load" { print $2 }' /state/ranges)
	pe_check "kexec_load segment on a persisted range: EADDRNOTAVAIL" \
		seg_at $((start + 0x100000)) EADDRNOTAVAIL
	pe_check "the refusal names the range" \
		sh -c 'dmesg | grep -q "overlaps persisted range before-load"'
	pe_check "the same segment list at 1 MiB is accepted" seg_at 0x100000 ok

	pe_load kexec -s vmlinuz-stock iomem=relaxed || return
	pe_persist after-load 4M || return
	kexec -e > /tmp/exec.out 2>&1
	pe_check "kexec -e after a persist fails with EBUSY" \
		grep -q 'Device or resource busy' /tmp/exec.out
	pe_check "the refusal says why" \
		sh -c 'dmesg | grep -q "persisted ranges changed since the kexec image was loaded"'
	pe_kexec kexec -s vmlinuz-stock iomem=relaxed
}
stage_2() {
	pe_hop vmlinuz-stock
	pe_check_persisted
}
