# SPDX-License-Identifier: GPL-2.0
# As ovmf-reboot-stock, but the app boots our kernel after the reboot: it
# finds the app's result, takes both ranges back by name (the app's record
# becomes its record of names), with their bytes, and says so.
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
}
