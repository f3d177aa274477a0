# SPDX-License-Identifier: GPL-2.0
# A reboot while the registry's lock is held (issue 17, item 4): the test
# module holds it for 3 s (hold_lock, as a long change of the registry
# would) and the machine reboots meanwhile. The reboot notifier waits for
# the lock and hands the range to the firmware: the app keeps it and our
# kernel has it back by name, its bytes intact. A notifier that skipped
# the handoff when the lock was busy lost it without a word.
# ovmf-reboot-emergency's boots: stage 1, then stage 2 after the reboot;
# the emergency restart's checks of the serial log are not ours.
. "${SCENARIO_DIR:-/scenarios}/ovmf-reboot-emergency.sh"
unset -f host_verify

stage_1() {
	local i

	pe_expect_kernel bzImage
	pe_persist guest-ram 4M known || return
	echo 3000 > /sys/module/test_persist_e820/parameters/hold_lock &
	for i in $(seq 1 50); do
		dmesg | grep -q 'test_persist_e820: holding the registry lock' && break
		sleep 0.1
	done
	pe_check "bzImage: the test module holds the registry lock" \
		sh -c 'dmesg | grep -q "test_persist_e820: holding the registry lock"'
	pe_log "PE: rebooting through the firmware, the registry lock held"
	sync
	reboot -f
}

stage_2() {
	local want got

	pe_expect_kernel bzImage
	pe_check "bzImage: the firmware kept 1 of 1 ranges" \
		sh -c 'dmesg | grep -q "efi: the firmware kept 1 of 1 persisted ranges across the reboot"'
	want=$(pe_known_content guest-ram $((4 << 20)) | sha256sum)
	got=$(persistctl read guest-ram 2>&1 | sha256sum)
	pe_check "bzImage: guest-ram back by name, its bytes intact" [ "$got" = "$want" ]
}
