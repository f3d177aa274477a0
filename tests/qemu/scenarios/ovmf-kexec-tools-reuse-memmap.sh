# SPDX-License-Identifier: GPL-2.0
# aware -> stock -> aware through kexec_load, with our kexec-tools:
# our kernel persists two ranges and loads Debian's stock kernel with our
# `kexec -l`: the stock kernel's e820 log shows type 3894411265
# (0xe8200001), and its EFI runtime map a reserved descriptor for each
# range (kexec-tools adds them to the runtime-map descriptors it hands on).
# The stock kernel knows the type only as "Unknown E820 type"; with
# `kexec -l --reuse-memmap` it hands on the map it booted with, so our
# kernel at the end gets "persisted (type 0xe8200001)" again, not
# "reserved" (compare seabios-kexec-tools-no-reuse-memmap), the EFI
# descriptors (which the stock kernel's runtime map lists) and the bytes;
# and since the record (type 0xe8200002) comes back the same way, it finds
# both ranges by name.
FIRMWARE=ovmf
TIMEOUT=300
KERNELS="bzImage vmlinuz-6.1"

stage_1() { pe_chain_start kexec -l; }
stage_2() {
	pe_check_e820_type "type 3894411265"
	pe_chain_hop vmlinuz-6.1 efi
	pe_kexec kexec "-l --reuse-memmap" bzImage iomem=relaxed
}
stage_3() {
	pe_check_e820_type "persisted (type 0xe8200001)"
	pe_chain_hop bzImage efi
	pe_check_named
}
