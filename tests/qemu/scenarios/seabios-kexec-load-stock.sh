# SPDX-License-Identifier: GPL-2.0
# Under SeaBIOS (legacy BIOS) our kernel kexecs into Debian's stock kernel with
# `kexec -l` (kexec_load); the stock kernel reaches init and reports the
# memory map it received.
FIRMWARE=seabios
TIMEOUT=150
KERNELS="bzImage vmlinuz-6.1"

stage_1() { pe_hop bzImage kexec -l vmlinuz-6.1; }
stage_2() { pe_hop vmlinuz-6.1; }
