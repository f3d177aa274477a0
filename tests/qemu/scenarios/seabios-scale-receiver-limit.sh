# SPDX-License-Identifier: GPL-2.0
# Past what a receiver can take (I6): a kernel like ours or Debian's keeps
# 3200 e820 entries (E820_MAX_ENTRIES) and needs room for entries of its
# own. Our kernel refuses to persist the range that would make the table
# it hands over longer than 3072 entries (E2BIG, and says why): of 2040
# scattered ranges (two entries each) about 1530 go through, and stay
# persisted. kexec -s into Debian's stock kernel then carries every one of
# them, not RAM, with its bytes.
FIRMWARE=seabios
TIMEOUT=600
KERNELS="bzImage vmlinuz-6.1"
# 4 KiB allocations come from above 4 GiB (ZONE_NORMAL), far above the
# 256 MiB floor; in a 1 GiB VM most free 4 KiB pages lie below it.
MEM=3G
APPEND="log_buf_len=8M"

stage_1() {
	local n

	pe_expect_kernel bzImage
	mkdir -p /state
	if pe-scatter make 2040 scat > /state/scatter 2> /tmp/scatter.err; then
		pe_fail "persisting ranges past 3072 e820 entries is refused" \
			"all 2040 ranges went through"
		return
	fi
	n=$(wc -l < /state/scatter)
	pe_check "the refusal is E2BIG" grep -q "Argument list too long" /tmp/scatter.err
	pe_check "our kernel said why" \
		sh -c 'dmesg | grep -q "one like this keeps 3200 with room for its own, 3072: release or coalesce"'
	pe_check "$n ranges went through (1400 to 1560)" \
		sh -c "[ $n -ge 1400 ] && [ $n -le 1560 ]"
	pe_check "they are all still persisted" \
		sh -c "[ \"\$(persistctl list | grep -c '^scat-')\" = $n ]"
	pe_kexec kexec -s vmlinuz-6.1 "iomem=relaxed log_buf_len=8M"
}
stage_2() {
	pe_hop vmlinuz-6.1
	pe_check "vmlinuz-6.1 received more than 2800 entries, at most 3072" \
		sh -c 'n=$(pe-scatter e820 | wc -l); [ "$n" -gt 2800 ] && [ "$n" -le 3072 ]'
	pe_check_scatter "" 2800
}
