# SPDX-License-Identifier: GPL-2.0
# I1/I2/I3 under OVMF: our kernel persists two ranges (16 MiB, 4 MiB)
# of random bytes and kexecs into Debian's stock kernel with
# kexec_load with stock kexec-tools (`kexec -l`). The stock kernel shows both as
# non-RAM in its e820 log, /proc/iomem and /sys/firmware/memmap, with the
# same bytes, and hands them on with its own kexec-tools (-l) to our
# tree built without the feature, which sees the same. The stock kernel sees
# the type as 2, reserved: stock kexec-tools knows no better.
FIRMWARE=ovmf
TIMEOUT=240

stage_1() { pe_chain_start kexec-2.0.25 -l; }
stage_2() {
	pe_check_e820_type reserved
	pe_chain_hop vmlinuz-6.1 "" -l bzImage-off
}
stage_3() { pe_chain_hop bzImage-off ""; }
