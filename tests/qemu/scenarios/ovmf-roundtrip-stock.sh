# SPDX-License-Identifier: GPL-2.0
# The round trip `make demo` shows: under OVMF our kernel persists a 16 MiB
# range of random bytes and kexecs into Debian's stock kernel
# (kexec_file_load), which sees it as reserved and kexecs back into our
# kernel with its own, unpatched kexec-tools (kexec -s); every kernel
# reports the memory map it received and the range's checksum.
FIRMWARE=ovmf
TIMEOUT=240

stage_1() {
	pe_expect_kernel bzImage
	pe_persist guest-ram 16M || return
	pe_report_memmap
	pe_check_persisted running
	pe_kexec kexec -s vmlinuz-stock iomem=relaxed
}
stage_2() {
	pe_hop vmlinuz-stock
	pe_check_persisted efi
	pe_kexec kexec-stock -s bzImage iomem=relaxed
}
stage_3() {
	pe_hop bzImage
	pe_check_persisted efi
}
