# SPDX-License-Identifier: GPL-2.0
# A persisted entry that is not page aligned, which no aware kernel writes:
# a kernel without our option (bzImage-off) loads ours with our kexec-tools
# from a memory map (a copy mounted over /sys/firmware/memmap) with a 4 MiB
# persisted entry starting 2 KiB into a page of RAM. Our kernel boots, says
# the map is not page aligned and leaves it as it is: nothing becomes a
# range (none could be released), and the entry is not RAM anywhere.
FIRMWARE=seabios
TIMEOUT=240
KERNEL=bzImage-off
KERNELS="bzImage-off bzImage"

stage_1() {
	local top start

	pe_expect_kernel bzImage-off
	# 64 MiB below the end of the highest RAM entry below 4 GiB
	top=$(pe_map_firmware | awk "$PE_AWK_HEX"'
		{ t = $0; sub(/^[^ ]+ [^ ]+ /, "", t)
		  if (t == "System RAM" && hex($2) < 4294967296 && hex($2) > top) top = hex($2) }
		END { print top }')
	if [ -z "$top" ] || [ "$top" -lt $((256 << 20)) ]; then
		pe_fail "the top of RAM below 4 GiB" "'$top'"
		return
	fi
	start=$(((top + 1 - (64 << 20)) + 0x800))
	mkdir -p /state
	echo "$start" > /state/unaligned
	pe_ok "an unaligned persisted entry at $(printf '%#x' "$start")"
	{
		pe_map_firmware | sed 's/ /\t/; s/ /\t/'
		printf '0x%016x\t0x%016x\tPersisted Memory\n' "$start" $((start + (4 << 20) - 1))
	} | pe_mount_memmap
	pe_kexec kexec -l bzImage
}

stage_2() {
	local start

	pe_expect_kernel bzImage
	read -r start < /state/unaligned
	pe_check "bzImage: says the map is not page aligned and leaves it" \
		sh -c "dmesg | grep -q 'persist: \[mem $(printf '0x%016x' "$start")-.*\] persisted but not page aligned: left reserved as it is'"
	pe_check "bzImage: no range taken from that map" \
		pe_fails sh -c 'ls /sys/kernel/persist_e820/*/start'
	pe_check "bzImage: the entry is not RAM in /proc/iomem" \
		pe_not_ram pe_map_iomem "System RAM" "$start" $((4 << 20))
	pe_check "bzImage: nor in /sys/firmware/memmap" \
		pe_not_ram pe_map_firmware "System RAM" "$start" $((4 << 20))
}
