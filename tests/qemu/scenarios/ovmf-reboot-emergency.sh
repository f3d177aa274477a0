# SPDX-License-Identifier: GPL-2.0
# An emergency restart (sysrq b) runs no reboot notifier: no handoff is
# written and the ranges are not kept. Our kernel says so on the console
# before the reset (issue 17, item 4); the app then finds no handoff, and
# our kernel after it has nothing back and warns of nothing. Before, the
# ranges were lost without a word.
FIRMWARE=ovmf
KERNEL=esp
REBOOT=1
TIMEOUT=300
KERNELS=bzImage
ESP_FILES="bzImage initramfs.cpio"
STARTUP_NSH="fs0:
if x%pephase% == x then
  set pephase 1
  persist_memmap.efi boot \\bzImage initrd=\\initramfs.cpio ${SCENARIO_CMDLINE:-} pe.stage=1
else
  persist_memmap.efi boot \\bzImage initrd=\\initramfs.cpio ${SCENARIO_CMDLINE:-} pe.stage=2
endif
reset -s"

stage_1() {
	pe_expect_kernel bzImage
	pe_persist guest-ram 4M known || return
	pe_log "PE: emergency restart"
	sync
	echo b > /proc/sysrq-trigger
}

stage_2() {
	pe_expect_kernel bzImage
	pe_check "bzImage: guest-ram is not back" \
		pe_fails test -e /sys/kernel/persist_e820/guest-ram
	pe_check "bzImage: nothing taken from the firmware" \
		pe_fails sh -c 'dmesg | grep -q "the firmware kept"'
}

# The kernel's last words before the reset, and the app's, from the serial
# log.
host_verify() {
	local log=$1

	if grep -q 'PE-RESULT: not ok' "$log" || ! grep -q 'PE-DONE' "$log"; then
		echo "not ok the guest stages passed # see the log"
	else
		echo "ok the guest stages passed"
	fi
	if sed -n '/PE: emergency restart/,/persist_memmap:/p' "$log" |
			grep -q 'e820: persist: efi: emergency restart: no handoff from this kernel to the firmware; ranges user space persisted are not kept across this reboot'; then
		echo "ok the kernel says the emergency restart keeps nothing, before the reset"
	else
		echo "not ok the kernel says the emergency restart keeps nothing, before the reset"
	fi
	if grep -q '^persist_memmap: no handoff: nothing to keep' "$log"; then
		echo "ok persist_memmap.efi finds no handoff"
	else
		echo "not ok persist_memmap.efi finds no handoff"
	fi
}
