# SPDX-License-Identifier: GPL-2.0
# As seabios-stray-entries, under OVMF: a kernel without our option
# (bzImage-off) loads ours with our kexec-tools (kexec -c -l) from a
# memory map (a copy mounted over /sys/firmware/memmap) in which the
# reserved entry holding EFI runtime services data is "Persisted Memory",
# and so is 1 MiB of RAM. kexec-tools hands ours the EFI runtime map,
# which still says runtime data there. Our kernel refuses that entry with
# a message: it stays reserved, never memory, never a range anyone can
# release. The MiB of RAM is an unnamed range, as any entry without a
# record. Before, the runtime data became a range user space could
# release to the page allocator.
. "${SCENARIO_DIR:-/scenarios}/seabios-stray-entries.sh"

FIRMWARE=ovmf

stage_1() {
	local rt s e

	pe_expect_kernel bzImage-off
	set -- $(pe_efi_page 6)
	rt=${1:-}
	# the memmap entry that holds it, and 1 MiB of RAM at 512 MiB
	set -- $(pe_map_firmware | awk -v x="$((rt))" "$PE_AWK_HEX"'
		hex($1) <= x && hex($2) >= x { print $1, $2; exit }')
	s=${1:-} e=${2:-}
	if [ -z "$rt" ] || [ -z "$s" ]; then
		pe_fail "an EFI runtime data page and its memmap entry" "'$rt', '$s-$e'"
		return
	fi
	pe_ok "runtime data at $rt, in the memmap entry [$s-$e]"
	mkdir -p /state
	echo "$s $e" > /state/stray
	{
		pe_map_firmware | awk -v s="$s" '$1 != s' | sed 's/ /\t/; s/ /\t/'
		printf '%s\t%s\tPersisted Memory\n' "$s" "$e"
		printf '0x%016x\t0x%016x\tPersisted Memory\n' $((512 << 20)) $(((513 << 20) - 1))
	} | pe_mount_memmap
	pe_kexec kexec -l bzImage
}

stage_2() {
	local s e

	# not pe_hop: the table it received is stray, on purpose
	pe_expect_kernel bzImage
	read -r s e < /state/stray
	pe_check "bzImage: says the entry [$s-$e] is the firmware's" \
		sh -c "dmesg | grep -q 'e820: \[mem $(printf '%#018x' "$s")-$(printf '%#018x' "$e")\] persisted over memory the EFI memory map gives the firmware: refused, left reserved'"
	pe_check "bzImage: [$s-$e] is not persisted in /proc/iomem" \
		pe_cover pe_map_iomem "Persisted Memory" "*" "$s" $((e - s + 1))
	pe_check "bzImage: no range over [$s-$e]" \
		pe_fails stray_range "$s" "$e" "$s"
	pe_check "bzImage: the MiB of RAM is a range (unnamed)" \
		test -d /sys/kernel/persist_e820/unnamed-20000000
}

