# SPDX-License-Identifier: GPL-2.0
# I1 under pressure: ranges persisted where `kexec-2.0.25 -l` would put the
# next kernel (the top of RAM) make it place its segments elsewhere, and
# every range reaches Debian's stock kernel intact. Without the placement
# change the load would overlap a range and be refused.
FIRMWARE=ovmf
TIMEOUT=300
KERNELS="bzImage vmlinuz-6.1"
# The kernel where the loader put it: with KASLR it may lie in the top
# 16 MiB, where pe_persist_top wants a range (not the only reason that
# it finds none free: it then skips)
APPEND=nokaslr

stage_1() {
	pe_expect_kernel bzImage
	pe_persist_top || return
	pe_check_persisted running
	pe_kexec kexec-2.0.25 -l vmlinuz-6.1 iomem=relaxed
}
stage_2() {
	pe_hop vmlinuz-6.1
	pe_check_persisted
}
