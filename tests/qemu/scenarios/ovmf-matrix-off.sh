# SPDX-License-Identifier: GPL-2.0
# Compatibility matrix (docs/compatibility.md), OVMF, next kernel
# bzImage-off: our 7.3 tree built with the feature off, with the kexec-tools
# of its release, kexec-2.0.32. Our kernel persists two ranges of random
# bytes and kexecs (kexec -s) into bzImage-off, which shows them as non-RAM
# with their exact type (it still names it, "persisted (type 0xe8200001)"),
# bytes intact (I2), and kexecs back into ours with
# kexec-2.0.32 -s: ours gets them back by name, same bytes (I3, I4). Ours
# kexecs (-s) into bzImage-off again, which now loads ours with kexec-2.0.32
# -c -l (kexec_load): kexec-2.0.32 does not know our type string and hands
# the ranges on as type 2, reserved: never RAM, bytes intact through
# /dev/mem (iomem=relaxed), no names.
# Each kernel also shows the page of the EFI stub's initrd table as non-RAM:
# every kernel after the first writes 16 bytes there at boot.
FIRMWARE=ovmf
TIMEOUT=300
KERNELS="bzImage bzImage-off"
N=bzImage-off
K=kexec-2.0.32
# The tree without the option still names both types in its e820 log (the
# e820.c hunk of kernel-patches/ is not behind the option).
MATRIX_RANGE_TYPE="persisted (type 0xe8200001)"
MATRIX_RECORD_TYPE="persisted record (type 0xe8200002)"

stage_1() { pe_matrix_start $N; }
stage_2() { pe_matrix_next $N $K -s; }
stage_3() { pe_matrix_named $N; }
stage_4() { pe_matrix_next $N $K -l; }
stage_5() { pe_matrix_reserved; }
