# SPDX-License-Identifier: GPL-2.0
# Compatibility matrix (docs/compatibility.md), OVMF, next kernel
# vmlinuz-6.1: Debian's stock 6.1 (bookworm), with the kexec-tools of its
# release, kexec-2.0.25. Our kernel persists two ranges of random bytes and
# kexecs (kexec -s) into vmlinuz-6.1, which shows them as non-RAM, type
# 3894411265, bytes intact (I2), and kexecs back into ours with kexec-2.0.25
# -s: ours gets them back by name, same bytes (I3, I4).
FIRMWARE=ovmf
# Under OVMF the kexec_load cell is its own chain (ovmf-matrix-6.1-load): our
# kernel, started by a stock one, does not always start it again
# (an open bug, docs/compatibility.md).
MATRIX_NAMED_LAST=1
TIMEOUT=300
KERNELS="bzImage vmlinuz-6.1"
N=vmlinuz-6.1
K=kexec-2.0.25

stage_1() { pe_matrix_start $N; }
stage_2() { pe_matrix_next $N $K -s; }
stage_3() { pe_matrix_named $N; }
