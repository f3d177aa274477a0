# SPDX-License-Identifier: GPL-2.0
# A handoff that nothing takes: our kernel persists a range and reboots
# (its reboot notifier writes the handoff); the shell then starts our
# kernel directly, without persist_memmap.efi. That kernel finds the
# handoff still there, warns that its ranges are lost, deletes it, and
# does not have the range back. It reboots with nothing persisted, and
# the app, run on the third boot, finds no handoff: it was deleted, and
# not written again. A non-volatile shell variable (pephase) counts the
# boots (the shell keeps it from the OS: efivarfs does not show it).
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
  if x%pephase% == x1 then
    set pephase 2
    echo \"pe-boot-without-the-app\"
    bzImage initrd=\\initramfs.cpio ${SCENARIO_CMDLINE:-} pe.stage=2
    echo \"pe-kernel-returned %lasterror%\"
  else
    echo \"pe-third-boot\"
    persist_memmap.efi keep
    echo \"pe-keep-status %lasterror%\"
  endif
endif
reset -s"

PE_GLOBAL_GUID=8be4df61-93ca-11d2-aa0d-00e098032b8c

stage_1() {
	pe_expect_kernel bzImage
	pe_persist guest-ram 4M known || return
	pe_log "PE: rebooting through the firmware"
	sync
	reboot -f
}

stage_2() {
	local v=/sys/firmware/efi/efivars

	pe_hop bzImage
	pe_check "bzImage: warns that the handoff was never taken" \
		sh -c 'dmesg | grep -q "e820: persist: efi: a handoff of the previous boot was never taken (persist_memmap.efi did not run): its ranges are lost; deleting it"'
	pe_check "bzImage: efivarfs lists the firmware's variables (BootOrder)" \
		test -e "$v/BootOrder-$PE_GLOBAL_GUID"
	pe_check "bzImage: efivarfs shows no handoff" \
		pe_fails sh -c "ls $v | grep -q '^PersistE820Handoff-'"
	pe_check "bzImage: nothing taken from the firmware" \
		pe_fails sh -c 'dmesg | grep -q "the firmware kept"'
	pe_check "bzImage: guest-ram is not back" \
		pe_fails test -e /sys/kernel/persist_e820/guest-ram
	pe_check "bzImage: nothing persisted" \
		pe_fails grep -qx 'Persisted Memory' /sys/firmware/memmap/*/type
	pe_log "PE: stage 2 done, rebooting with nothing persisted"
	sync
	reboot -f
}

# The firmware's part, from the serial log.
host_verify() {
	local log=$1 out

	if grep -q 'PE-RESULT: not ok' "$log" ||
	   ! grep -q 'PE: stage 2 done, rebooting with nothing persisted' "$log"; then
		echo "not ok the guest stages passed # see the log"
	else
		echo "ok the guest stages passed"
	fi
	# the app ran once before the second boot's kernel, finding nothing
	out=$(sed -n '/^pe-boot-without-the-app$/,/PE: scenario/p' "$log" | grep '^persist_memmap:')
	if grep -q '^pe-boot-without-the-app$' "$log" && [ -z "$out" ]; then
		echo "ok the second boot starts our kernel without the app"
	else
		echo "not ok the second boot starts our kernel without the app # $out"
	fi
	out=$(sed -n '/^pe-third-boot$/,$p' "$log")
	if echo "$out" | grep -q '^persist_memmap: no handoff: nothing to keep$' &&
	   echo "$out" | grep -q '^pe-keep-status 0xE$'; then
		echo "ok the third boot's app finds no handoff"
	else
		echo "not ok the third boot's app finds no handoff # $(echo "$out" | grep 'persist_memmap:\|pe-keep' | tr '\n' ' ')"
	fi
}
