# SPDX-License-Identifier: GPL-2.0
# kexec-tools carve-out: a range persisted where kexec -l puts the kernel
# (the top of RAM) is shown, through a /sys/firmware/memmap mounted over the
# real one, also inside a RAM entry. Stock kexec-tools cannot load with
# that map (it trips over the RAM it lists twice, or puts a segment on the
# range and the kernel refuses it); our kexec-tools cuts the range out of
# RAM first, loads elsewhere, and the range reaches the stock kernel intact.
# --mem-min/--mem-max pointing into the range fail clearly, nothing loaded.
FIRMWARE=seabios
TIMEOUT=300
KERNELS="bzImage vmlinuz-6.1"
# The kernel where the loader put it: with KASLR it may lie in the top
# 16 MiB, where pe_persist_top wants a range (not the only reason that
# it finds none free: it then skips)
APPEND=nokaslr

stage_1() {
	pe_expect_kernel bzImage
	pe_persist_top || return
	pe_check "a memory map listing $(cat /tmp/top-range) inside RAM" \
		pe_fake_memmap "$(cat /tmp/top-range)"
	if kexec-2.0.25 -c -l /boot/vmlinuz-6.1 --initrd="$(pe_initrd)" \
			--command-line=x > /tmp/stock.out 2>&1; then
		pe_fail "stock kexec -l cannot load with this map" "it loaded"
	else
		pe_ok "stock kexec -l cannot load with this map ($(tail -n 1 /tmp/stock.out))"
	fi
	mem_window_into "$(cat /tmp/top-range)"
	pe_kexec kexec -l vmlinuz-6.1 iomem=relaxed
}

# --mem-min/--mem-max inside the range: a clear refusal, nothing loaded.
mem_window_into() {
	local start len
	start=$(awk -v n="$1" '$1 == n { print $2 }' /state/ranges)
	len=$(awk -v n="$1" '$1 == n { print $3 }' /state/ranges)
	kexec -u > /dev/null 2>&1
	if kexec -c -l --mem-min="$start" --mem-max="$((start + len - 1))" \
			/boot/vmlinuz-6.1 --command-line=x > /tmp/win.out 2>&1; then
		pe_fail "--mem-min/--mem-max inside $1 is refused" "it loaded"
	else
		pe_check "--mem-min/--mem-max inside $1 is refused, naming it" \
			grep -q 'overlap persisted memory' /tmp/win.out
	fi
	pe_check "nothing is loaded after the refusal" \
		grep -qx 0 /sys/kernel/kexec_loaded
}
stage_2() {
	pe_hop vmlinuz-6.1
	pe_check_persisted
}
