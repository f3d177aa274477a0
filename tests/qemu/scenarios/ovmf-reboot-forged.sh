# SPDX-License-Identifier: GPL-2.0
# A handoff root wrote itself (the variable is root's to write, under
# lockdown too) with entries the kernel never writes: a pool chunk of a
# kernel user under its owner, a name with a space, a name twice and a
# hidden name, beside an ordinary range. Each is a range persisted in this
# boot with its true CRC-32, so only the entry itself can make the app
# refuse it. persist_memmap.efi refuses those four alone and keeps the
# ordinary range; our kernel has it back under its name with its bytes,
# reports the four as not kept, and no driver adopts root's pages: the
# pool chunk is not persisted, let alone adopted. Before, the app kept
# all five and the kernel refused the record of names (a name with a
# space, a name twice): every range came back unnamed.
FIRMWARE=ovmf
KERNEL=esp
REBOOT=1
TIMEOUT=300
KERNELS=bzImage
ESP_FILES="bzImage initramfs.cpio"
STARTUP_NSH="fs0:
persist_memmap.efi keep
if %lasterror% == 0 then
  persist_memmap.efi boot \\bzImage initrd=\\initramfs.cpio ${SCENARIO_CMDLINE:-} pe.stage=2 iomem=relaxed
else
  persist_memmap.efi boot \\bzImage initrd=\\initramfs.cpio ${SCENARIO_CMDLINE:-} pe.stage=1
endif
reset -s"

# The handoff entries: "KERNEL-NAME HANDOFF-NAME[/OWNER]", the kernel's
# range whose place, length and CRC-32 the entry takes
FORGED="guest-ram guest-ram
forged-a test_deposit.0/test_persist
forged-b has_a_space
forged-c guest-ram
forged-d .hidden"

# copy_known NAME RANGE: RANGE (of NAME's length) gets NAME's known bytes
copy_known() {
	pe_known_content "$1" "$(awk -v n="$1" '$1 == n { print $3 }' /state/ranges)" |
		persistctl write "$2"
}

stage_1() {
	local k h start len crc

	pe_expect_kernel bzImage
	for k in $(echo "$FORGED" | cut -d' ' -f1); do
		pe_persist "$k" 1M known || return
	done
	# forged-c holds guest-ram's bytes too: of the two entries named
	# guest-ram, the app keeps whichever comes first by address (the
	# allocator decides), and either reads back as guest-ram
	pe_check "forged-c holds guest-ram's bytes" copy_known guest-ram forged-c
	# One entry per line, sorted by address as the app wants them (the
	# addresses are fixed-width hex); "has a space" is one argument.
	set --
	while read -r start len k h; do
		crc=$(persistctl read "$k" | pe-handoff crc)
		[ "$h" = has_a_space ] && h="has a space"
		set -- "$@" "$h" "$start" "$len" "$crc"
	done <<-EOF
	$(echo "$FORGED" | while read -r k h; do
		awk -v k="$k" -v h="$h" '$1 == k { print $2, $3, k, h }' /state/ranges
	done | sort)
	EOF
	pe_check "write a handoff of five ranges, four of them forged" \
		pe-handoff write "$@"
	pe_log "PE: rebooting through the firmware (sysrq b: no reboot notifier)"
	sync
	echo b > /proc/sysrq-trigger
}

stage_2() {
	local n a b

	pe_hop bzImage
	pe_check "bzImage: says the firmware kept 1 of 5" \
		sh -c 'dmesg | grep -q "efi: the firmware kept 1 of 5 persisted ranges across the reboot"'
	n=$(dmesg | grep -c 'persist: efi: \[mem .*\] not kept: persist_memmap.efi refused its entry$')
	if [ "$n" = 4 ]; then
		pe_ok "bzImage: reports the 4 forged entries not kept"
	else
		pe_fail "bzImage: reports the 4 forged entries not kept" \
			"$n such lines: $(dmesg | grep 'persist: efi:' | tr '\n' ' ')"
	fi
	pe_check "bzImage: took the record of names" \
		pe_fails sh -c 'dmesg | grep "record of names refused"'
	pe_check "bzImage: only guest-ram is persisted" \
		sh -c '[ "$(ls /sys/kernel/persist_e820 | tr "\n" " ")" = "guest-ram " ]'
	pe_check "bzImage: guest-ram's owner is user" \
		grep -qx user /sys/kernel/persist_e820/guest-ram/owner
	pe_check "bzImage: nothing adopted the pool chunk test_deposit.0" \
		pe_fails sh -c 'dmesg | grep "test_deposit: adopted [1-9]"'
	# /state is gone with the reboot: the refused places are in dmesg
	dmesg | sed -n 's/.*persist: efi: \[mem \(0x[0-9a-f]*\)-\(0x[0-9a-f]*\)\] not kept: .*/\1 \2/p' |
	while read -r a b; do
		pe_check "bzImage: the refused [$a-$b] is System RAM, not persisted" \
			pe_cover pe_map_iomem "Persisted Memory" "System RAM" "$a" $((b - a + 1))
	done
	pe_find_known
	pe_check "bzImage: found guest-ram, and only it, after the reboot" \
		sh -c '[ "$(cut -d" " -f1 /state/ranges | tr "\n" " ")" = "guest-ram " ]'
	pe_check_persisted
	pe_check_named
}

# The app's part, from the serial log.
host_verify() {
	local log=$1 want

	if grep -q 'PE-RESULT: not ok' "$log" || ! grep -q 'PE-DONE' "$log"; then
		echo "not ok the guest stages passed # see the log"
	else
		echo "ok the guest stages passed"
	fi
	while read -r want; do
		if grep -q "^persist_memmap: $want" "$log"; then
			echo "ok persist_memmap.efi: $want"
		else
			echo "not ok persist_memmap.efi: $want # $(grep 'persist_memmap: ' "$log" | tr '\n' ' ')"
		fi
	done <<-'EOF'
	handoff of 5 ranges$
	entry [0-4] \[.*\]: refused: owner is not user
	entry [0-4] \[.*\]: refused: a name the kernel refuses: not kept$
	entry [0-4] \[.*\]: refused: a name handed off twice: not kept$
	guest-ram \[.*\]: intact, reserved$
	kept 1 of 5 ranges$
	EOF
	if [ "$(grep -c '^persist_memmap: entry [0-4] \[.*\]: refused: ' "$log")" = 4 ]; then
		echo "ok persist_memmap.efi refused 4 entries"
	else
		echo "not ok persist_memmap.efi refused 4 entries # $(grep -c 'refused: ' "$log")"
	fi
}
