# SPDX-License-Identifier: GPL-2.0
# Scale under OVMF: 1500 scattered 4 KiB ranges, about 3000 e820 entries (at least 2500 here)
# (Debian's kernel takes 3200, and so must ours), go from our kernel through
# our kernel into Debian's stock kernel with kexec -s, non-RAM in every map
# and with their bytes.
FIRMWARE=ovmf
TIMEOUT=600
KERNELS="bzImage vmlinuz-6.1"
# 4 KiB allocations come from above 4 GiB (ZONE_NORMAL), far above the
# 256 MiB floor; in a 1 GiB VM most free 4 KiB pages lie below it.
MEM=3G
APPEND="log_buf_len=8M"

stage_1() {
	pe_expect_kernel bzImage
	pe_scatter 1500 || return
	pe_check_scatter running 2500
	pe_kexec kexec -s bzImage "iomem=relaxed log_buf_len=8M"
}
stage_2() {
	pe_hop bzImage
	pe_check_scatter "" 2500
	pe_kexec kexec -s vmlinuz-6.1 "iomem=relaxed log_buf_len=8M"
}
stage_3() {
	pe_hop vmlinuz-6.1
	pe_check_scatter "" 2500
}
