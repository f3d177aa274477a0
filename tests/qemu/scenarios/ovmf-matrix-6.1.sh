# SPDX-License-Identifier: GPL-2.0
# Compatibility matrix (docs/compatibility.md), OVMF, next kernel
# vmlinuz-6.1: Debian's stock 6.1 (bookworm), with the kexec-tools of its
# release, kexec-2.0.25. Our kernel persists two ranges of random bytes and
# kexecs (kexec -s) into vmlinuz-6.1, which shows them as non-RAM, type
# 3894411265, bytes intact (I2), and kexecs back into ours with kexec-2.0.25
# -s: ours gets them back by name, same bytes (I3, I4). Ours kexecs (-s)
# into vmlinuz-6.1 again, which now loads ours with kexec-2.0.25 -c -l
# (kexec_load): kexec-2.0.25 does not know our type string and hands the
# ranges on as type 2, reserved: never RAM, bytes intact through /dev/mem
# (iomem=relaxed), no names.
# Each kernel also shows the page of the EFI stub's initrd table as non-RAM:
# every kernel after the first writes 16 bytes there at boot.
FIRMWARE=ovmf
TIMEOUT=300
KERNELS="bzImage vmlinuz-6.1"
N=vmlinuz-6.1
K=kexec-2.0.25

stage_1() { pe_matrix_start $N; }
stage_2() { pe_matrix_next $N $K -s; }
stage_3() { pe_matrix_named $N; }
stage_4() { pe_matrix_next $N $K -l; }
stage_5() { pe_matrix_reserved; }
