# SPDX-License-Identifier: GPL-2.0
# Release gives memory back (I5): our kernel persists three ranges and
# kexecs into itself; there, releasing an inherited 64 MiB range raises
# free memory by 64 MiB and makes it System RAM in /proc/iomem, and releasing
# a range allocated in this boot frees it too. The next kernel gets both
# as usable RAM, and the kept range still by name. A /dev/mem mapping of
# the inherited range (iomem=relaxed) is taken away by its release: no
# process reads or writes pages the allocator hands out again.
FIRMWARE=seabios
TIMEOUT=240
KERNELS=bzImage

stage_1() {
	pe_expect_kernel bzImage
	pe_persist keep 8M || return
	pe_persist drop 64M || return
	pe_kexec kexec -s bzImage iomem=relaxed
}
stage_2() {
	local i

	pe_hop bzImage
	pe_check_named
	pe-memread --hold $(awk '$1 == "drop" { print $2, $3 }' /state/ranges) \
		/tmp/released > /tmp/hold.out 2>&1 &
	for i in $(seq 1 50); do
		grep -q mapped /tmp/hold.out && break
		sleep 0.2
	done
	pe_release_frees drop
	touch /tmp/released
	wait
	pe_check "bzImage: a /dev/mem mapping of drop is gone after its release ($(tail -n 1 /tmp/hold.out))" \
		grep -q 'pe-memread: revoked' /tmp/hold.out
	pe_persist fresh 32M || return
	pe_release_frees fresh
	pe_check "bzImage: keep still persisted in /sys/firmware/memmap" \
		pe_not_ram pe_map_firmware "System RAM" \
		"$(awk '$1 == "keep" { print $2 }' /state/ranges)" $((8 << 20))
	pe_kexec kexec -s bzImage iomem=relaxed
}
stage_3() {
	pe_hop bzImage
	pe_check_released
	pe_check_named
	pe_check "bzImage: only keep is persisted" \
		sh -c '[ "$(ls /sys/kernel/persist_e820)" = keep ]'
}
