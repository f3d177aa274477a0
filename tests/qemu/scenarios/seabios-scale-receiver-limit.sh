# SPDX-License-Identifier: GPL-2.0
# Past what a receiver can take (I6): 2040 scattered ranges make about
# 3700 e820 entries, more than the 3200 (E820_MAX_ENTRIES) a kernel like
# Debian's or ours keeps, less the room it needs for its own (128). Our
# kexec_file_load refuses with E2BIG and says why; after releasing 600
# ranges it loads, and the stock kernel gets every range, not RAM, with
# its bytes.
FIRMWARE=seabios
TIMEOUT=600
# 4 KiB allocations come from above 4 GiB (ZONE_NORMAL), far above the
# 256 MiB floor; in a 1 GiB VM most free 4 KiB pages lie below it.
MEM=3G
APPEND="log_buf_len=8M"

stage_1() {
	local i

	pe_expect_kernel bzImage
	pe_scatter 2040 || return
	pe_check "kexec -s of 2040 scattered ranges is refused" \
		pe_fails kexec -s -l /boot/vmlinuz-stock
	pe_check "our kernel said why" \
		sh -c 'dmesg | grep -q "one like this keeps 3200, with room for its own only up to 3072: release or coalesce"'
	for i in $(seq 1440 2039); do
		persistctl release "scat-$i" || break
	done
	sed -i '1441,$d' /state/scatter
	pe_check "1440 ranges left" \
		sh -c '[ "$(persistctl list | grep -c "^scat-")" = 1440 ]'
	pe_kexec kexec -s vmlinuz-stock "iomem=relaxed log_buf_len=8M"
}
stage_2() {
	pe_hop vmlinuz-stock
	pe_check "vmlinuz-stock received more than 2500 entries, at most 3072" \
		sh -c 'n=$(pe-scatter e820 | wc -l); [ "$n" -gt 2500 ] && [ "$n" -le 3072 ]'
	pe_check_scatter "" 2500
}
