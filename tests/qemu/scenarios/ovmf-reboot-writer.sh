# SPDX-License-Identifier: GPL-2.0
# A range user space is still writing when the machine reboots (a VMM whose
# guest runs on): the reboot notifier takes every mapping of the device
# away before it sums the ranges, so the writer gets SIGBUS and the sum is
# the range's last content. The app finds both ranges intact and our
# kernel has both back by name: the one nobody wrote with its bytes, the
# written one with the pass the writer stopped at on every page. Before,
# the writer went on after the sum and the app found the range changed:
# lost at the reboot.
FIRMWARE=ovmf
KERNEL=esp
REBOOT=1
TIMEOUT=300
KERNELS=bzImage
ESP_FILES="bzImage initramfs.cpio"
STARTUP_NSH="fs0:
persist_memmap.efi keep
if %lasterror% == 0 then
  persist_memmap.efi boot \\bzImage initrd=\\initramfs.cpio ${SCENARIO_CMDLINE:-} pe.stage=2
else
  persist_memmap.efi boot \\bzImage initrd=\\initramfs.cpio ${SCENARIO_CMDLINE:-} pe.stage=1
endif
reset -s"

stage_1() {
	local i

	pe_expect_kernel bzImage
	pe_persist idle 4M known || return
	pe_persist busy 16M known || return
	pe-scribble busy $((16 << 20)) > /tmp/scribble.out 2>&1 &
	for i in $(seq 1 60); do
		grep -q 'writing' /tmp/scribble.out && break
		sleep 1
	done
	pe_check "bzImage: pe-scribble writes busy ($(cat /tmp/scribble.out))" \
		grep -q 'pe-scribble: writing busy' /tmp/scribble.out
	pe_log "PE: rebooting through the firmware, busy being written"
	sync
	reboot -f
}

stage_2() {
	local want got

	pe_expect_kernel bzImage
	pe_check "bzImage: the firmware kept 2 of 2 ranges" \
		sh -c 'dmesg | grep -q "efi: the firmware kept 2 of 2 persisted ranges across the reboot"'
	want=$(pe_known_content idle $((4 << 20)) | sha256sum)
	got=$(persistctl read idle | sha256sum)
	pe_check "bzImage: idle back by name, its bytes intact" [ "$got" = "$want" ]
	# each page starts with the pass that last wrote it: the writer
	# stopped in pass N, so N and N - 1 at most
	got=$(persistctl read busy | od -An -tx8 -w4096 -v | awk '{ print $1 }' | sort -u | wc -l)
	pe_check "bzImage: busy back by name, as the writer left it ($got pass numbers)" \
		sh -c "[ $got -ge 1 ] && [ $got -le 2 ]"
}
