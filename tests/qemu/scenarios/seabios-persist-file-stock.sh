# SPDX-License-Identifier: GPL-2.0
# I1/I2/I3 under SeaBIOS: our kernel persists two ranges (16 MiB, 4 MiB) of
# random bytes and kexecs into Debian's stock kernel with
# kexec_file_load (`kexec -s`). The stock kernel shows both as non-RAM in its e820 log,
# /proc/iomem and /sys/firmware/memmap, with the same bytes; it hands them
# on with its own kexec-tools (-s) to our tree built without the
# feature, which sees the same.
FIRMWARE=seabios
TIMEOUT=240

stage_1() {
	pe_expect_kernel bzImage
	pe_persist guest-ram 16M || return
	pe_persist iommu-pt 4M || return
	pe_check_persisted running
	pe_kexec kexec -s vmlinuz-stock iomem=relaxed
}
stage_2() {
	pe_hop vmlinuz-stock
	pe_check_persisted
	pe_kexec kexec-stock -s bzImage-off iomem=relaxed
}
stage_3() {
	pe_hop bzImage-off
	pe_check_persisted
}
