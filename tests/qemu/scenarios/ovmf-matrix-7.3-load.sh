# SPDX-License-Identifier: GPL-2.0
# Compatibility matrix (docs/compatibility.md), OVMF, next kernel vmlinuz-7.3 with
# the kexec-tools of its release, kexec-2.0.32, loading our kernel with kexec_load
# (kexec-2.0.32 -c -l): our kernel persists two ranges and kexecs (kexec -s) into
# vmlinuz-7.3, which shows them non-RAM with their bytes and loads ours with
# kexec_load: kexec-2.0.32 does not know our type string and hands the ranges
# on as type 2, reserved: never RAM, bytes intact through /dev/mem, no
# names.
FIRMWARE=ovmf
TIMEOUT=300
KERNELS="bzImage vmlinuz-7.3"
N=vmlinuz-7.3
K=kexec-2.0.32

stage_1() { pe_matrix_start $N; }
stage_2() { pe_matrix_next $N $K -l; }
stage_3() { pe_matrix_reserved; }
