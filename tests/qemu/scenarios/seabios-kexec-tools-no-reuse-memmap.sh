# SPDX-License-Identifier: GPL-2.0
# aware -> stock -> aware through kexec_load with our kexec-tools but
# without --reuse-memmap: the stock kernel shows the ranges only as
# "Unknown E820 type" in /sys/firmware/memmap, which kexec-tools reads, so
# it hands them on as type 2: our kernel at the end sees them as
# "reserved", not as persisted memory, and the record naming them goes the
# same way: no names. Safe (never RAM, bytes intact), but no longer
# recognisable; ovmf-kexec-tools-reuse-memmap keeps the type and names.
FIRMWARE=seabios
TIMEOUT=300
KERNELS="bzImage vmlinuz-6.1"

stage_1() { pe_chain_start kexec -l; }
stage_2() {
	pe_check_e820_type "type 3894411265"
	pe_check "vmlinuz-6.1: /sys/firmware/memmap calls them Unknown E820 type" \
		grep -qx 'Unknown E820 type' /sys/firmware/memmap/*/type
	pe_chain_hop vmlinuz-6.1 ""
	pe_kexec kexec -l bzImage iomem=relaxed
}
stage_3() {
	pe_check_e820_type reserved
	pe_chain_hop bzImage ""
	pe_check_unnamed
}
