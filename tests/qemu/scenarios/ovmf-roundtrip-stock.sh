# SPDX-License-Identifier: GPL-2.0
# The round trip `make demo` shows: under OVMF our 7.3 kernel persists a
# 16 MiB range of random bytes and kexecs into Debian's stock 6.1 kernel
# (kexec_file_load), which sees it as an unknown, reserved e820 type and
# kexecs back into our kernel with its own, unpatched kexec-tools (2.0.25,
# kexec -s); ours takes the range back by name. Every kernel reports the
# memory map it received and the range's checksum.
FIRMWARE=ovmf
TIMEOUT=240
KERNELS="bzImage vmlinuz-6.1"

stage_1() {
	pe_expect_kernel bzImage
	pe_persist guest-ram 16M || return
	pe_report_memmap
	pe_check_persisted running
	pe_kexec kexec -s vmlinuz-6.1 iomem=relaxed
}
stage_2() {
	pe_hop vmlinuz-6.1
	pe_check_persisted efi
	pe_check_e820_type "type 3894411265"
	pe_kexec kexec-2.0.25 -s bzImage iomem=relaxed
}
stage_3() {
	pe_hop bzImage
	pe_check_persisted efi
	pe_check_e820_type "persisted (type 0xe8200001)"
	pe_check_named
}
