# SPDX-License-Identifier: GPL-2.0
# Persisted entries from the previous kernel are checked, not trusted.
# A kernel without our option (bzImage-off: it hands a kexec_load image
# the e820 table kexec-tools built) loads our kernel with our kexec-tools
# from a memory map (a copy mounted over /sys/firmware/memmap) with two
# persisted entries no aware kernel writes: one over the last MiB of RAM
# and the reserved region after it (where SeaBIOS keeps the ACPI tables),
# one beyond the CPU's physical address width. Our kernel boots; the
# reserved region stays reserved (a persisted entry loses to firmware
# memory where they overlap: before, its type outranked every other, and
# user space could have released the ACPI tables); the entry beyond the
# address width is refused with a message and never memory (before, it
# went into memblock); neither becomes a range user space can release.
# The MiB of RAM stays persisted, unnamed: nothing is freed. A third entry
# covers the first 64 KiB, which every x86 kernel reserves for itself
# before it looks at the map (the BIOS data area, the first page): it is
# refused with a message and stays this kernel's, never a range.
FIRMWARE=seabios
TIMEOUT=240
KERNEL=bzImage-off
KERNELS="bzImage-off bzImage"

stage_1() {
	local bits res far

	pe_expect_kernel bzImage-off
	bits=$(sed -n 's/^address sizes.* \([0-9]*\) bits physical.*/\1/p' /proc/cpuinfo |
		head -n 1)
	# the reserved entry right after the highest RAM entry below 4 GiB
	res=$(pe_map_firmware | awk "$PE_AWK_HEX"'
		{ t = $0; sub(/^[^ ]+ [^ ]+ /, "", t); a[hex($1)] = $1 " " $2; ty[hex($1)] = t
		  if (t == "System RAM" && hex($2) < 4294967296 && hex($2) > top) top = hex($2) }
		END { if (ty[top + 1] == "Reserved") print a[top + 1] }')
	if [ -z "$res" ] || [ -z "$bits" ]; then
		pe_fail "a reserved entry after the top of RAM, the address width" \
			"'$res', '$bits' bits"
		return
	fi
	set -- $res
	far=$(printf '0x%016x' $((1 << bits)))
	pe_ok "reserved [$1-$2] after the top of RAM; $bits address bits"
	mkdir -p /state
	echo "$1 $2 $far" > /state/stray
	{
		pe_map_firmware | sed 's/ /\t/; s/ /\t/'
		printf '0x%016x\t%s\tPersisted Memory\n' $(($1 - (1 << 20))) "$2"
		printf '%s\t0x%016x\tPersisted Memory\n' "$far" $((far + (4 << 20) - 1))
		printf '0x%016x\t0x%016x\tPersisted Memory\n' 0 $(((64 << 10) - 1))
	} | pe_mount_memmap
	pe_kexec kexec -l bzImage
}

# stray_range RS RE FAR: a registered range starts at FAR or overlaps
# [RS, RE]
stray_range() {
	local d s n

	for d in /sys/kernel/persist_e820/*/; do
		[ -f "$d/start" ] || continue
		s=$(cat "$d/start") n=$(cat "$d/size")
		[ $((s)) = $(($3)) ] && return 0
		[ $((s)) -le $(($2)) ] && [ $((s + n - 1)) -ge $(($1)) ] && return 0
	done
	return 1
}

# in_iomem ADDR: a top-level entry of /proc/iomem covers ADDR
in_iomem() {
	pe_map_iomem | awk -v x="$(($1))" "$PE_AWK_HEX"'
		hex($1) <= x && hex($2) >= x { f = 1 }
		END { exit !f }'
}

stage_2() {
	local rs re far

	# not pe_hop: the table it received overlaps, on purpose
	pe_expect_kernel bzImage
	read -r rs re far < /state/stray
	pe_check "bzImage: [$rs-$re] is still Reserved in /proc/iomem" \
		pe_cover pe_map_iomem "Persisted Memory" Reserved "$rs" $((re - rs + 1))
	pe_check "bzImage: the MiB of RAM before it is persisted (unnamed)" \
		pe_cover pe_map_iomem "System RAM" "Persisted Memory" $((rs - (1 << 20))) $((1 << 20))
	pe_check "bzImage: says the entry at $far is beyond the address width" \
		sh -c "dmesg | grep -q 'e820: \[mem $far-.*\] persisted beyond the CPU.s physical address width'"
	pe_check "bzImage: no range at $far or over [$rs-$re]" \
		pe_fails stray_range "$rs" "$re" "$far"
	pe_check "bzImage: says the entry over its own first 64 KiB is refused" \
		sh -c "dmesg | grep -q 'e820: \[mem 0x0000000000000000-0x000000000000ffff\] persisted over memory this kernel uses: refused, kept reserved'"
	pe_check "bzImage: no range in the first 64 KiB" \
		pe_fails stray_range 0x0 0xffff 0x0
	pe_check "bzImage: $far is not memory (nothing there in /proc/iomem)" \
		pe_fails in_iomem "$far"
}
