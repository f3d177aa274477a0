# SPDX-License-Identifier: GPL-2.0
# Scale under SeaBIOS: 200 scattered 4 KiB ranges (two e820 entries each,
# past the 128 the zeropage holds: the rest goes in SETUP_E820_EXT) go from
# our kernel through our kernel (which carries them on without knowing
# them) into Debian's stock kernel with kexec -s, non-RAM in every map and
# with their bytes. The stock kernel's own kexec -s then truncates the map
# at 128 entries (Linux 6.1): the ranges it drops become holes in the next
# kernel, never RAM, and keep their bytes.
FIRMWARE=seabios
TIMEOUT=420
# 4 KiB allocations come from above 4 GiB (ZONE_NORMAL), far above the
# 256 MiB floor; in a 1 GiB VM most free 4 KiB pages lie below it.
MEM=3G
APPEND="log_buf_len=8M"

stage_1() {
	pe_expect_kernel bzImage
	pe_scatter 200 || return
	pe_check_scatter running 300
	pe_kexec kexec -s bzImage "iomem=relaxed log_buf_len=8M"
}
stage_2() {
	pe_hop bzImage
	pe_check_scatter "" 300
	pe_kexec kexec -s vmlinuz-6.1 "iomem=relaxed log_buf_len=8M"
}
stage_3() {
	pe_hop vmlinuz-6.1
	pe_check_scatter "" 300
	pe_kexec kexec-2.0.25 -s bzImage-off "iomem=relaxed log_buf_len=8M"
}
stage_4() {
	pe_hop bzImage-off
	pe_check_scatter holes-ok 0
	pe_check "bzImage-off: the stock kernel's kexec -s dropped entries past 128" \
		sh -c '[ "$(ls /sys/firmware/memmap | wc -l)" -le 128 ]'
}
