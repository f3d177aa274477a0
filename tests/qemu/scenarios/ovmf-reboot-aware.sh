# SPDX-License-Identifier: GPL-2.0
# As ovmf-reboot-stock, but the app boots our kernel after the reboot: it
# finds the app's result, takes both ranges back by name (the app's record
# becomes its record of names), with their bytes, and says so. Then it
# kexecs into our kernel again, which finds the same configuration table
# (a kexec hands it on): taken, it is left alone, and nothing is reported
# lost; the ranges arrive by name, as after any kexec.
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
	pe_kexec kexec -s bzImage
}

stage_3() {
	pe_expect_kernel bzImage
	pe_check "bzImage after kexec: the app's result was taken by the kernel before" \
		sh -c 'dmesg | grep -q "the result of persist_memmap.efi was taken by an earlier kernel"'
	pe_check "bzImage after kexec: no range reported lost, not taken or refused" \
		pe_fails sh -c 'dmesg | grep "persist: efi: .*\(lost\|not taken\|refused\)"'
	pe_check_named
}
