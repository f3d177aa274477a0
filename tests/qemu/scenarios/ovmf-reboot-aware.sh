# SPDX-License-Identifier: GPL-2.0
# As ovmf-reboot-stock, but the app boots our kernel after the reboot: it
# finds the app's result, takes both ranges back by name (the app's record
# becomes its record of names), with their bytes, and says so. Then it
# kexecs into our kernel again, which finds the same configuration table
# (a kexec hands it on): taken, it is left alone, and nothing is reported
# lost; the ranges arrive by name, as after any kexec. The table's page is
# RAM in no kernel, so no one gets it to write; root, through /dev/mem
# (iomem=relaxed), can, and plants a result there naming EFI runtime
# memory, MMIO, ACPI NVS, the kernel's own RAM and a range that wraps, each
# "intact": the kernel after the next kexec refuses it (whole: the EFI map
# a kexec hands on shows no page the app reserved), takes none of them and
# keeps the names.
. "${SCENARIO_DIR:-/scenarios}/ovmf-reboot-stock.sh"

STARTUP_NSH=$(echo "$STARTUP_NSH" | sed 's/\\vmlinuz-6.1/\\bzImage/')

stage_2() {
	pe_hop bzImage
	pe_find_known
	pe_check "bzImage: found both ranges after the reboot" \
		sh -c '[ "$(cut -d" " -f1 /state/ranges | sort | tr "\n" " ")" = "guest-ram iommu-pt " ]'
	pe_check "bzImage: says the firmware kept 2 of 2" \
		sh -c 'dmesg | grep -q "efi: the firmware kept 2 of 2 persisted ranges across the reboot"'
	pe_check "bzImage: the kernel user's range was not handed to the firmware" \
		pe_fails test -e /sys/kernel/persist_e820/test_register
	pe_check_persisted
	pe_check_named
	pe_kexec kexec -s bzImage iomem=relaxed
}

stage_3() {
	pe_expect_kernel bzImage
	pe_check "bzImage after kexec: the app's result was taken by the kernel before" \
		sh -c 'dmesg | grep -q "the result of persist_memmap.efi was taken by an earlier kernel"'
	pe_check "bzImage after kexec: no range reported lost, not taken or refused" \
		pe_fails sh -c 'dmesg | grep "persist: efi: .*\(lost\|not taken\|refused\)"'
	pe_check_named
	pe_plant
	pe_kexec kexec -s bzImage
}

# "START LENGTH" of the first page of a top-level /proc/iomem entry NAME
pe_iomem_page() {
	pe_map_iomem | while read -r s e t; do
		[ "$t" = "$1" ] && echo "$s 4096" && break
	done
}

pe_plant() {
	local table

	table=$(dmesg | sed -n 's/.*PersistE820=\(0x[0-9a-f]*\).*/\1/p' | head -n 1)
	pe_check "bzImage after kexec: the app's result ($table) lies in no System RAM" \
		pe_not_ram pe_map_iomem "System RAM" $((table & ~4095)) 4096
	# runtime data, MMIO, ACPI NVS, kernel RAM, a wrap
	set -- $(pe_efi_page 6) $(pe_efi_page 11) \
		$(pe_iomem_page "ACPI Non-volatile Storage") \
		$(sed -n 's/^  *\([0-9a-f]*\)-[0-9a-f]* : Kernel data$/\1/p' /proc/iomem |
			while read -r k; do printf '%#x 4096' $((0x$k & ~4095)); done) \
		0xfffffffffffff000 0x2000
	echo "$@" | awk '{ for (i = 1; i < NF; i += 2) print $i, $(i + 1) }' > /state/planted
	pe_check "bzImage after kexec: five ranges to plant ($*)" \
		[ "$(grep -c . /state/planted)" = 5 ]
	pe_check "bzImage after kexec: root plants a result naming them at $table" \
		pe-handoff plant "$table" "$@"
}

# The whole result refused (a kexec hands on the EFI runtime map alone: it
# shows no page the app reserved), or each entry of it
pe_refused_planted() {
	local s l

	dmesg | grep -q 'persist: efi: result of persist_memmap.efi refused' && return
	while read -r s l; do
		dmesg | grep -q "persist: efi: \[mem $(printf '%#018x' "$s")-.*not reserved by the firmware: not taken" ||
			return 1
	done < /state/planted
}

stage_4() {
	local s l

	pe_expect_kernel bzImage
	pe_check "bzImage: refused the planted result ($(dmesg | grep -m1 'persist: efi: .*refused' | sed 's/^\[[^]]*\] //'))" \
		pe_refused_planted
	while read -r s l; do
		pe_check "bzImage: no persisted range starts at $s" \
			pe_fails grep -qx "$(printf '%#x' "$s")" /sys/kernel/persist_e820/*/start
	done < /state/planted
	pe_check "bzImage: guest-ram and iommu-pt alone are persisted" \
		sh -c '[ "$(ls /sys/kernel/persist_e820 | tr "\n" " ")" = "guest-ram iommu-pt " ]'
	pe_check_named
}
