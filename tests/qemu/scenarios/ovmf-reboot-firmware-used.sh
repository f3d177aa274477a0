# SPDX-License-Identifier: GPL-2.0
# A persisted range where the firmware itself allocates while it boots is
# lost across a warm reboot, and said so by the app and by our kernel;
# nothing of it is handed on as intact. Our kernel persists a range
# (guest-ram), finds the largest Boot Services Data descriptor of the EFI
# memory map it booted with (efi=debug; in OVMF 0x900000-0x14fffff,
# allocated again early in every boot) and hands both to the firmware: one
# handoff, written by hand through efivarfs (pe-handoff), as the kernel
# cannot be made to persist memory there. It reboots with sysrq b, so
# that its reboot notifier does not replace the handoff with one of
# guest-ram alone. After the reboot the shell's memmap shows that range
# allocated again before the app runs; the app reports it lost because
# the firmware uses it (AllocatePages failed: its CRC-32 is never looked
# at, and is 0 here, as Linux cannot read that RAM) and guest-ram intact,
# and boots our kernel, which reports the range lost, has guest-ram back
# by name with its bytes, and shows the lost range as plain RAM, in no
# way persisted.
FIRMWARE=ovmf
KERNEL=esp
REBOOT=1
TIMEOUT=300
KERNELS=bzImage
ESP_FILES="bzImage initramfs.cpio"
STARTUP_NSH="fs0:
echo \"pe-memmap-before-keep\"
memmap
persist_memmap.efi keep
if %lasterror% == 0 then
  persist_memmap.efi boot \\bzImage initrd=\\initramfs.cpio ${SCENARIO_CMDLINE:-} pe.stage=2 iomem=relaxed
else
  persist_memmap.efi boot \\bzImage initrd=\\initramfs.cpio ${SCENARIO_CMDLINE:-} pe.stage=1 efi=debug
endif
reset -s"

# pe_efi_boot_data: the largest Boot Services Data descriptor of the EFI
# memory map this kernel printed (efi=debug), as "START END" (hex)
pe_efi_boot_data() {
	dmesg | sed -n 's/.*efi: mem[0-9]*: \[Boot Data .*range=\[\(0x[0-9a-f]*\)-\(0x[0-9a-f]*\)\].*/\1 \2/p' |
		awk "$PE_AWK_HEX"'
		{
			n = hex($2) - hex($1) + 1
			if (n > max) { max = n; r = $1 " " $2 }
		}
		END { if (r == "") exit 1; print r }'
}

# pe_efi_fw_used: the Loader and Boot Services descriptors of the EFI
# memory map this kernel printed (efi=debug), as "START END" lines (hex):
# where the firmware allocated while it booted this kernel
pe_efi_fw_used() {
	dmesg | sed -n 's/.*efi: mem[0-9]*: \[\(Loader\|Boot\) \(Code\|Data\) .*range=\[\(0x[0-9a-f]*\)-\(0x[0-9a-f]*\)\].*/\3 \4/p'
}

# The allocator places a range where the firmware allocated while it
# booted this kernel (as it does again before the app runs) only when no
# other memory is free, and says so: every 4 MiB block the page allocator
# has free (up to 256 of them) is persisted; once one lies there, all
# later ones do, each with the kernel's warning; all are released.
pe_check_fills_avoid_firmware() {
	local n=0 out bad warned

	pe_efi_fw_used > /tmp/fw-used
	: > /tmp/fill
	while [ $n -lt 256 ] && out=$(persistctl alloc "fill$n" 4M 2>&1); do
		echo "$out" | awk '{ print $2 }' | tr '-' ' ' >> /tmp/fill
		n=$((n + 1))
	done
	# "in" or "out" of the firmware's memory, in the order allocated
	awk "$PE_AWK_HEX"'
		FNR == NR { s[NR] = hex($1); e[NR] = hex($2); nr = NR; next }
		{
			a = hex($1); b = hex($2); w = "out"
			for (i = 1; i <= nr; i++)
				if (a <= e[i] && b >= s[i])
					w = "in"
			print w, $1
		}' /tmp/fw-used /tmp/fill > /tmp/fill.where
	bad=$(awk '$1 == "in" { seen = 1 } $1 == "out" && seen { print $2 }' /tmp/fill.where | tr '\n' ' ')
	warned=$(dmesg | grep -c 'persist_e820: fill[0-9]*: \[mem .*no better place was free')
	pe_check "$n ranges of 4M allocated until '$out' ($(grep -c . /tmp/fw-used) firmware descriptors)" \
		sh -c "[ $n -ge 16 ] && [ -s /tmp/fw-used ]"
	pe_check "none where the firmware allocated while booting, until no other memory was free${bad:+: after one there, $bad}" \
		[ -z "$bad" ]
	pe_check "each one there said so ($(grep -c '^in' /tmp/fill.where) there, $warned warnings)" \
		[ "$(grep -c '^in' /tmp/fill.where)" = "$warned" ]
	while [ $n -gt 0 ]; do
		n=$((n - 1))
		persistctl release "fill$n" || return
	done
}

stage_1() {
	local s e a len name start blen sum crc

	pe_expect_kernel bzImage
	pe_check_fills_avoid_firmware || return
	pe_persist guest-ram 4M known || return
	set -- $(pe_efi_boot_data)
	if [ $# != 2 ] || [ $(($2 - $1 + 1)) -lt $((2 << 20)) ]; then
		pe_fail "a Boot Services Data descriptor of 2 MiB or more" \
			"$(dmesg | grep -c 'efi: mem') efi: mem lines, found '$*'"
		return
	fi
	s=$1 e=$2
	# 1 MiB in its middle
	a=$(printf '%#x' $(( (s + (e - s + 1) / 2) & ~0xfffff )))
	len=$((1 << 20))
	pe_ok "fw-used [$a +$len] in Boot Services Data [$s-$e]"
	read -r name start blen sum < /state/ranges
	crc=$(persistctl read guest-ram | pe-handoff crc)
	pe_check "write a handoff of fw-used and guest-ram (CRC-32 $crc)" \
		pe-handoff write fw-used "$a" "$len" 0 guest-ram "$start" "$blen" "$crc"
	pe_log "PE: rebooting through the firmware (sysrq b: no reboot notifier)"
	sync
	echo b > /proc/sysrq-trigger
}

stage_2() {
	local lost a b

	pe_hop bzImage
	lost=$(dmesg | sed -n 's/.*e820: persist: efi: \[mem \(0x[0-9a-f]*\)-\(0x[0-9a-f]*\)\] lost: the firmware had used it$/\1 \2/p')
	if [ "$(echo "$lost" | grep -c .)" = 1 ]; then
		pe_ok "bzImage: reports one range lost: the firmware had used it ($lost)"
	else
		pe_fail "bzImage: reports one range lost: the firmware had used it" \
			"$(dmesg | grep 'persist: efi:' | tr '\n' ' ')"
		lost="0x0 0x0"
	fi
	set -- $lost
	a=$(printf '%#x' "$1") b=$(( $2 - $1 + 1 ))
	pe_check "bzImage: says the firmware kept 1 of 2" \
		sh -c 'dmesg | grep -q "efi: the firmware kept 1 of 2 persisted ranges across the reboot"'
	# lost for the app's verdict, not only because e820 shows it as RAM
	pe_check "bzImage: tried to take no range the firmware had not reserved" \
		pe_fails sh -c 'dmesg | grep "persist: efi: .*not reserved by the firmware"'
	pe_check "bzImage: fw-used has no name here" \
		pe_fails test -e /sys/kernel/persist_e820/fw-used
	pe_check "bzImage: no persisted range starts at $a" \
		pe_fails grep -qx "$a" /sys/kernel/persist_e820/*/start
	pe_check "bzImage: the lost range is System RAM, not persisted, in /sys/firmware/memmap" \
		pe_cover pe_map_firmware "Persisted Memory" "System RAM" "$a" "$b"
	pe_check "bzImage: the lost range is System RAM, not persisted, in /proc/iomem" \
		pe_cover pe_map_iomem "Persisted Memory" "System RAM" "$a" "$b"
	pe_find_known
	pe_check "bzImage: found guest-ram, and only it, after the reboot" \
		sh -c '[ "$(cut -d" " -f1 /state/ranges | tr "\n" " ")" = "guest-ram " ]'
	pe_check_persisted
	pe_check_named
}

# pe_fw_covers FILE A B TYPES: a memmap line of FILE (TYPE START-END ...)
# whose type matches the extended regex TYPES covers [A, B] (hex)
pe_fw_covers() {
	grep -E "^($4) +[0-9A-F]{16}-[0-9A-F]{16} " "$1" | while read -r t range rest; do
		[ $((16#${range%-*})) -le $((16#$2)) ] &&
			[ $((16#${range#*-})) -ge $((16#$3)) ] && exit 0
	done
}

# The firmware's part, from the serial log.
host_verify() {
	local log=$1 a b pre=${1%.txt}.pre-keep k

	if grep -q 'PE-RESULT: not ok' "$log" || ! grep -q 'PE-DONE' "$log"; then
		echo "not ok the guest stages passed # see the log"
	else
		echo "ok the guest stages passed"
	fi
	if grep -q '^persist_memmap: handoff of 2 ranges$' "$log"; then
		echo "ok persist_memmap.efi got the handoff of 2 ranges"
	else
		echo "not ok persist_memmap.efi got the handoff of 2 ranges # $(grep -m3 'persist_memmap:' "$log" | tr '\n' ' ')"
	fi
	set -- $(sed -n 's/^persist_memmap: fw-used \[\([0-9A-F]*\)-\([0-9A-F]*\)\]: .*/\1 \2/p' "$log")
	a=${1:-} b=${2:-}
	if grep -q '^persist_memmap: fw-used \[[0-9A-F]*-[0-9A-F]*\]: lost: the firmware uses it (.*)$' "$log"; then
		echo "ok persist_memmap.efi: fw-used [$a-$b] lost: the firmware uses it"
	else
		echo "not ok persist_memmap.efi: fw-used lost: the firmware uses it # $(grep 'persist_memmap: fw-used' "$log")"
	fi
	if grep -q '^persist_memmap: guest-ram \[[0-9A-F]*-[0-9A-F]*\]: intact, reserved$' "$log" &&
	   grep -q '^persist_memmap: kept 1 of 2 ranges$' "$log"; then
		echo "ok persist_memmap.efi kept guest-ram, 1 of 2 ranges"
	else
		echo "not ok persist_memmap.efi kept guest-ram, 1 of 2 ranges # $(grep 'persist_memmap: \(guest-ram\|kept\)' "$log" | tr '\n' ' ')"
	fi
	# The shell's memmap of the second boot, just before the app ran:
	# the firmware had allocated the range again.
	awk '/^pe-memmap-before-keep$/ { n = 0; delete l; next }
	     { l[++n] = $0 }
	     /^persist_memmap: handoff of / { for (i = 1; i <= n; i++) print l[i]; exit }' \
		"$log" > "$pre"
	if [ -n "$a" ] && pe_fw_covers "$pre" "$a" "$b" 'BS_Data|BS_Code|RT_Data|RT_Code'; then
		echo "ok the shell's memmap before the app shows [$a-$b] allocated by the firmware: $(grep -E '^(BS|RT)_' "$pre" | while read -r t r rest; do
			[ $((16#${r%-*})) -le $((16#$a)) ] && [ $((16#${r#*-})) -ge $((16#$b)) ] && echo "$t $r"; done)"
	else
		echo "not ok the shell's memmap before the app shows [$a-$b] allocated by the firmware # $(wc -l < "$pre") lines"
	fi
	# our kernel named the same range
	k=$(printf '[mem %#018x-%#018x] lost: the firmware had used it' "0x${a:-0}" "0x${b:-0}")
	if [ -n "$a" ] && grep -qF "e820: persist: efi: $k" "$log"; then
		echo "ok our kernel reports the same range lost"
	else
		echo "not ok our kernel reports the same range lost # $(grep 'persist: efi:' "$log" | tr '\n' ' ')"
	fi
}
