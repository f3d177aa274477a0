# SPDX-License-Identifier: GPL-2.0
# Names survive kexec (I4): our kernel persists two ranges and kexecs into
# itself with kexec -s, then with our kexec -l, then into Debian's stock
# kernel (kexec -s), which hands them back with its own kexec -s: each of
# our kernels finds both by name, with owner, origin and bytes, and reads
# them through the device. The stock kernel shows them and the record as
# unknown e820 types (0xe8200001, 0xe8200002) and passes both on verbatim.
FIRMWARE=seabios
TIMEOUT=300
KERNELS="bzImage vmlinuz-6.1"

stage_1() {
	pe_expect_kernel bzImage
	pe_persist guest-ram 16M || return
	pe_persist iommu-pt 4M || return
	pe_check "bzImage: the record is in /sys/firmware/memmap" \
		grep -qx "Persisted Memory Record" /sys/firmware/memmap/*/type
	pe_kexec kexec -s bzImage iomem=relaxed
}
stage_2() {
	pe_hop bzImage
	pe_check_e820_type "persisted (type 0xe8200001)"
	pe_check_persisted
	pe_check_named
	pe_kexec kexec -l bzImage iomem=relaxed
}
stage_3() {
	pe_hop bzImage
	pe_check_e820_type "persisted (type 0xe8200001)"
	pe_check_named
	pe_kexec kexec -s vmlinuz-6.1 iomem=relaxed
}
stage_4() {
	pe_hop vmlinuz-6.1
	pe_check_persisted
	pe_check "vmlinuz-6.1: the record is type 3894411266 in its e820 log" \
		sh -c 'dmesg | grep -q "BIOS-e820: .* type 3894411266"'
	pe_kexec kexec-2.0.25 -s bzImage iomem=relaxed
}
stage_5() {
	pe_hop bzImage
	pe_check_named
}
