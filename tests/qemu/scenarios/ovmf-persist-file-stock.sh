# SPDX-License-Identifier: GPL-2.0
# I1/I2/I3 under OVMF: our kernel persists two ranges (16 MiB, 4 MiB)
# of random bytes and kexecs into Debian's stock kernel with
# kexec_file_load (`kexec -s`). The stock kernel shows both as
# non-RAM in its e820 log, /proc/iomem and /sys/firmware/memmap, with the
# same bytes, and hands them on with its own kexec-tools (-s) to our
# tree built without the feature, which sees the same. The stock kernel sees
# the type as 0xe8200001 (3894411265).
# Each range also arrives as a reserved descriptor in the EFI runtime map,
# which the stock kernel carries on verbatim.
FIRMWARE=ovmf
TIMEOUT=240

stage_1() { pe_chain_start kexec -s; }
stage_2() {
	pe_check_e820_type "type 3894411265"
	pe_chain_hop vmlinuz-6.1 "efi" -s bzImage-off
}
stage_3() { pe_chain_hop bzImage-off "efi"; }
