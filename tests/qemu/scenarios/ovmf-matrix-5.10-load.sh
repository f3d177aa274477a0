# SPDX-License-Identifier: GPL-2.0
# Compatibility matrix (docs/compatibility.md), OVMF, next kernel vmlinuz-5.10 with
# the kexec-tools of its release, kexec-2.0.20, loading our kernel with kexec_load
# (kexec-2.0.20 -c -l): our kernel persists two ranges and kexecs (kexec -s) into
# vmlinuz-5.10, which shows them non-RAM with their bytes and loads ours with
# kexec_load: kexec-2.0.20 does not know our type string and hands the ranges
# on as type 2, reserved: never RAM, bytes intact through /dev/mem, no
# names.
FIRMWARE=ovmf
TIMEOUT=300
KERNELS="bzImage vmlinuz-5.10"
N=vmlinuz-5.10
K=kexec-2.0.20

stage_1() { pe_matrix_start $N; }
stage_2() { pe_matrix_next $N $K -l; }
stage_3() { pe_matrix_reserved; }
