# SPDX-License-Identifier: GPL-2.0
# 1500 scattered ranges through kexec_load: about 2800 e820 entries, more
# than the 2048 (MAX_MEMORY_RANGES) of stock kexec-tools, which falls back
# to /proc/iomem, where our kernel still shows the ranges as RAM. Our
# `kexec -l` takes up to 8192 and hands every entry on (those past 128 in
# SETUP_E820_EXT) to our kernel, which gets every range as non-RAM with its
# bytes.
FIRMWARE=seabios
TIMEOUT=420
KERNELS="bzImage vmlinuz-6.1"
# 4 KiB allocations come from above 4 GiB (ZONE_NORMAL), far above the
# 256 MiB floor; in a 1 GiB VM most free 4 KiB pages lie below it.
MEM=3G
APPEND="log_buf_len=8M"

stage_1() {
	pe_expect_kernel bzImage
	pe_scatter 1500 || return
	pe_check_scatter running 2049
	pe_check_stock_falls_back
	pe_kexec kexec -l bzImage "iomem=relaxed log_buf_len=8M"
}
stage_2() {
	pe_hop bzImage
	pe_check "bzImage received more than 2048 entries" \
		sh -c '[ "$(pe-scatter e820 | wc -l)" -gt 2048 ]'
	pe_check_scatter "" 2049
}
