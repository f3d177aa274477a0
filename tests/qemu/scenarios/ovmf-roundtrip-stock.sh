# SPDX-License-Identifier: GPL-2.0
# The round trip `make demo` shows: under OVMF our kernel kexecs into
# Debian's stock kernel (kexec_file_load), which kexecs back into our
# kernel with its own, unpatched kexec-tools; every kernel reports the
# memory map it received.
FIRMWARE=ovmf
TIMEOUT=200

stage_1() { pe_hop bzImage kexec -s vmlinuz-stock; }
stage_2() { pe_hop vmlinuz-stock kexec-stock -s bzImage; }
stage_3() { pe_hop bzImage; }
