# SPDX-License-Identifier: GPL-2.0
# kexec-tools carve-out: a range persisted where kexec -l puts the kernel
# (the top of RAM) is shown, through a /sys/firmware/memmap mounted over the
# real one, also inside a RAM entry. Stock kexec-tools cannot load with
# that map (it trips over the RAM it lists twice, or puts a segment on the
# range and the kernel refuses it); our kexec-tools cuts the range out of
# RAM first, loads elsewhere, and the range reaches the stock kernel intact.
FIRMWARE=seabios
TIMEOUT=300

stage_1() {
	pe_expect_kernel bzImage
	pe_persist_top || return
	pe_check "a memory map listing $(cat /tmp/top-range) inside RAM" \
		pe_fake_memmap "$(cat /tmp/top-range)"
	if kexec-stock -l /boot/vmlinuz-stock --initrd="$(pe_initrd)" \
			--command-line=x > /tmp/stock.out 2>&1; then
		pe_fail "stock kexec -l cannot load with this map" "it loaded"
	else
		pe_ok "stock kexec -l cannot load with this map ($(tail -n 1 /tmp/stock.out))"
	fi
	pe_kexec kexec -l vmlinuz-stock iomem=relaxed
}
stage_2() {
	pe_hop vmlinuz-stock
	pe_check_persisted
}
