# SPDX-License-Identifier: GPL-2.0
# The EFI memory map follows the registry: our kernel persists two ranges
# and kexecs into itself (efi=debug prints the EFI map it receives): both
# are reserved there. It releases one and kexecs again: the next kernel's
# EFI map still reserves the kept range and no longer any byte of the
# released one, which its e820 map gives back as RAM.
FIRMWARE=ovmf
TIMEOUT=240
KERNELS=bzImage

# The EFI map this kernel booted with, as "START END TYPE" lines
pe_map_efi_boot() {
	dmesg | sed -n 's/.*efi: mem[0-9]*: \[\([A-Za-z][A-Za-z ]*[a-z]\) *|.*range=\[\(0x[0-9a-f]*\)-\(0x[0-9a-f]*\)\].*/\2 \3 \1/p'
}

# pe_no_reserved START LEN: no reserved EFI descriptor touches the range
pe_no_reserved() {
	pe_map_efi_boot | awk "$PE_AWK_HEX"'
		$3 == "Reserved" && hex($2) >= s && hex($1) <= e { n++ }
		END { exit n > 0 }' s="$(($1))" e="$(($1 + $2 - 1))"
}

stage_1() {
	pe_expect_kernel bzImage
	pe_persist keep 4M || return
	pe_persist drop 4M || return
	pe_kexec kexec -s bzImage "iomem=relaxed efi=debug"
}
stage_2() {
	local name start len sum

	pe_hop bzImage
	if [ "$(pe_map_efi_boot | wc -l)" -gt 2 ]; then
		pe_ok "bzImage: efi=debug printed the EFI map"
	else
		pe_fail "bzImage: efi=debug printed the EFI map" "no 'efi: memNN' lines"
	fi
	while read -r name start len sum; do
		pe_check "bzImage: $name reserved in the EFI map" \
			pe_cover pe_map_efi_boot "" Reserved "$start" "$len"
	done < /state/ranges
	pe_check_named
	pe_release drop
	pe_kexec kexec -s bzImage "iomem=relaxed efi=debug"
}
stage_3() {
	local name start len sum

	pe_hop bzImage
	read -r name start len sum < /state/ranges
	pe_check "bzImage: $name still reserved in the EFI map" \
		pe_cover pe_map_efi_boot "" Reserved "$start" "$len"
	read -r name start len < /state/released
	pe_check "bzImage: released $name no longer reserved in the EFI map" \
		pe_no_reserved "$start" "$len"
	pe_check_released
}
