# SPDX-License-Identifier: GPL-2.0
# Persisted memory across a warm reboot through the firmware, into a kernel
# that knows nothing of it: OVMF's startup.nsh runs persist_memmap.efi
# keep; with no handoff it boots our kernel, which persists two ranges from
# user space and one of a kernel user (test_register), and reboots (QEMU
# keeps RAM across the reset). Then the app finds the handoff of the two
# user-space ranges only, reserves both and checks their CRC-32; the shell's own
# memmap shows them reserved; the app boots Debian's stock kernel, whose
# e820 shows them reserved, with their bytes.
FIRMWARE=ovmf
KERNEL=esp
REBOOT=1
TIMEOUT=300
KERNELS="bzImage vmlinuz-6.1"
ESP_FILES="bzImage vmlinuz-6.1 initramfs.cpio"
STARTUP_NSH="fs0:
persist_memmap.efi keep
if %lasterror% == 0 then
  memmap
  persist_memmap.efi dump
  persist_memmap.efi boot \\vmlinuz-6.1 initrd=\\initramfs.cpio ${SCENARIO_CMDLINE:-} pe.stage=2 iomem=relaxed
else
  persist_memmap.efi boot \\bzImage initrd=\\initramfs.cpio ${SCENARIO_CMDLINE:-} pe.stage=1
endif
reset -s"

stage_1() {
	pe_expect_kernel bzImage
	pe_persist guest-ram 16M known || return
	pe_persist iommu-pt 4M known || return
	# A kernel user's range: not handed to the firmware (2 of 2 below)
	pe_check "bzImage: a kernel user persists a range of its own (test_register)" \
		sh -c 'echo 16 > /sys/module/test_persist_e820/parameters/register &&
			test -d /sys/kernel/persist_e820/test_register'
	pe_log "PE: rebooting through the firmware"
	sync
	reboot -f
}
stage_2() {
	pe_hop vmlinuz-6.1
	pe_find_known
	pe_check "vmlinuz-6.1: found both ranges after the reboot" \
		sh -c '[ "$(cut -d" " -f1 /state/ranges | sort | tr "\n" " ")" = "guest-ram iommu-pt " ]'
	pe_check_e820_type reserved
	pe_check_persisted
}

# pe_fw_reserved LOG A B PATTERN: a line of LOG matching PATTERN (a memmap
# line: TYPE START-END ...) covers [A, B] (hex)
pe_fw_reserved() {
	grep -E "$4" "$1" | while read -r t range rest; do
		[ $((16#${range%-*})) -le $((16#$2)) ] &&
			[ $((16#${range#*-})) -ge $((16#$3)) ] && exit 0
	done
}

# The firmware's part, from the serial log: the app kept both, and the
# UEFI shell's own memmap shows each as Reserved.
host_verify() {
	local log=$1 name a b

	if grep -q 'PE-RESULT: not ok' "$log" || ! grep -q 'PE-DONE' "$log"; then
		echo "not ok the guest stages passed # see the log"
	else
		echo "ok the guest stages passed"
	fi
	if grep -q 'persist_memmap: kept 2 of 2 ranges' "$log"; then
		echo "ok persist_memmap.efi kept 2 of 2 ranges"
	else
		echo "not ok persist_memmap.efi kept 2 of 2 ranges # $(grep -m3 'persist_memmap:' "$log" | tr '\n' ' ')"
	fi
	for name in guest-ram iommu-pt; do
		set -- $(sed -n "s/^persist_memmap: $name \\[\\([0-9A-Fa-f]*\\)-\\([0-9A-Fa-f]*\\)\\]: intact.*/\\1 \\2/p" "$log")
		a=${1:-} b=${2:-}
		if [ -n "$a" ] && pe_fw_reserved "$log" "$a" "$b" '^Reserved +[0-9A-F]{16}-[0-9A-F]{16} [0-9A-F]{16} [0-9A-F]{16}$'; then
			echo "ok the shell's memmap shows $name [$a-$b] reserved"
		else
			echo "not ok the shell's memmap shows $name reserved # app said '$a-$b'"
		fi
		if [ -n "$a" ] && pe_fw_reserved "$log" "$a" "$b" '^Reserved +[0-9A-F]{16}-[0-9A-F]{16} .*<persist>'; then
			echo "ok persist_memmap.efi dump marks $name as ours"
		else
			echo "not ok persist_memmap.efi dump marks $name as ours"
		fi
	done
}
