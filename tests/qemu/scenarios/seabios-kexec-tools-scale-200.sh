# SPDX-License-Identifier: GPL-2.0
# 200 scattered ranges through kexec_load: our kernel persists 200 4 KiB
# ranges (about 400 e820 entries) and loads Debian's stock kernel with our
# `kexec -l`, which puts the entries past the zeropage's 128 in a
# SETUP_E820_EXT node: the stock kernel prints the "extended" map and gets
# every range as non-RAM with its bytes. Its `kexec -l --reuse-memmap` reads
# that node back from /sys/kernel/boot_params/setup_data, and our kernel at
# the end sees every range as persisted (type 0xe8200001).
FIRMWARE=seabios
TIMEOUT=480
KERNELS="bzImage vmlinuz-6.1"
# 4 KiB allocations come from above 4 GiB (ZONE_NORMAL), far above the
# 256 MiB floor; in a 1 GiB VM most free 4 KiB pages lie below it.
MEM=3G
APPEND="log_buf_len=8M"

stage_1() {
	pe_expect_kernel bzImage
	pe_scatter 200 || return
	pe_check_scatter running 300
	pe_kexec kexec -l vmlinuz-6.1 "iomem=relaxed log_buf_len=8M"
}
stage_2() {
	pe_hop vmlinuz-6.1
	pe_check "vmlinuz-6.1 got more than 128 entries, the rest in SETUP_E820_EXT" \
		sh -c 'dmesg | grep -q "extended physical RAM map" &&
			[ "$(pe-scatter e820 | wc -l)" -gt 128 ]'
	pe_check_scatter "" 300
	pe_kexec kexec "-l --reuse-memmap" bzImage "iomem=relaxed log_buf_len=8M"
}
stage_3() {
	pe_hop bzImage
	pe_check_scatter "" 300
	pe_check "bzImage: every range is 'persisted (type 0xe8200001)' in the e820 log" \
		persisted_cover
}

# the ranges are covered by the e820 log's "persisted" entries alone
persisted_cover() {
	pe_map_e820 | grep 'persisted (type 0xe8200001)$' |
		pe-scatter cover /state/scatter usable
}
