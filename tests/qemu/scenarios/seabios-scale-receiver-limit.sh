# SPDX-License-Identifier: GPL-2.0
# Past what a receiver can take: 2040 scattered ranges make about 3700 e820
# entries, more than the 3200 (E820_MAX_ENTRIES) Debian's kernel keeps. Our
# kernel warns at load time; the stock kernel keeps 3200 and drops the rest
# ("too many entries; ignoring"), and the ranges it dropped are holes,
# never RAM, with their bytes intact.
FIRMWARE=seabios
TIMEOUT=600
# 4 KiB allocations come from above 4 GiB (ZONE_NORMAL), far above the
# 256 MiB floor; in a 1 GiB VM most free 4 KiB pages lie below it.
MEM=3G
APPEND="log_buf_len=8M"

stage_1() {
	pe_expect_kernel bzImage
	pe_scatter 2040 || return
	pe_load kexec -s vmlinuz-stock "iomem=relaxed log_buf_len=8M" || return
	pe_check "our kernel warned that the next one keeps only 3200 entries" \
		sh -c 'dmesg | grep -q "one like this keeps only 3200, the rest become holes"'
	sync
	kexec -e
	pe_fail "exec vmlinuz-stock" "kexec -e returned"
}
stage_2() {
	pe_hop vmlinuz-stock
	pe_check "vmlinuz-stock received more than 3200 entries" \
		sh -c '[ "$(pe-scatter e820 | wc -l)" -gt 3200 ]'
	pe_check "vmlinuz-stock kept at most 3200 of them" \
		sh -c '[ "$(ls /sys/firmware/memmap | wc -l)" -le 3200 ]'
	pe_check_scatter holes-ok 3000
}
