# SPDX-License-Identifier: GPL-2.0
# I1/I6, the kexec_load race: kexec-tools reads /sys/firmware/memmap, then
# calls kexec_load. Here the map read before a range was persisted (then
# before one was released) is mounted over the live one, so the race
# happens every time. A map with the new range as RAM is refused (ESTALE,
# our kernel names the range), with Debian's kexec-tools and with ours,
# which reads the map again, three times in all, and loads as soon as the
# map is current. A map still calling a released range persisted is
# refused as ours writes it (the exact type: the next kernel would drop
# every name); Debian's, which writes type 2, loads. With the live map the
# ranges reach the next kernel named and intact, the released one as RAM.
FIRMWARE=seabios
TIMEOUT=300
KERNELS=bzImage

stale_map() { mount --bind "$1" /sys/firmware/memmap; }
live_map() { umount /sys/firmware/memmap; }
nothing_loaded() { grep -qx 0 /sys/kernel/kexec_loaded; }

# try_load TOOL OUT: kexec_load of our kernel, TOOL's output in OUT
try_load() {
	"$1" -c -l /boot/bzImage --command-line=x > "$2" 2>&1
}

# changed OUT N: OUT says N times that the map changed under the load
changed() {
	[ "$(grep -c 'the memory map changed while it was being read' "$1")" = "$2" ]
}

stage_1() {
	local start len

	pe_expect_kernel bzImage
	pe_persist held 4M known || return
	cp -a /sys/firmware/memmap /tmp/map-before-late
	pe_persist late 4M known || return
	read -r _ start len _ <<-EOF
	$(grep '^late ' /state/ranges)
	EOF

	stale_map /tmp/map-before-late
	pe_check "the map read before late was persisted has it as RAM" \
		pe_cover pe_map_firmware "" "System RAM" "$start" "$len"
	pe_check "Debian's kexec -c -l with it is refused: ESTALE" \
		pe_fails try_load kexec-2.0.32 /tmp/stock.out
	pe_check "kexec-tools reports a stale map" grep -q 'Stale file handle' /tmp/stock.out
	pe_check "our kernel names the range the map has as RAM" \
		sh -c 'dmesg | grep -q "as type 1, over persisted memory at .* (late); load it again"'
	pe_check "nothing is loaded" nothing_loaded
	pe_check "our kexec -c -l with it is refused" \
		pe_fails try_load kexec /tmp/ours.out
	pe_check "after reading the map three times" changed /tmp/ours.out 3
	pe_check "nothing is loaded" nothing_loaded

	# The map becomes current while our kexec tries again: it loads
	rm -f /tmp/ours.out
	(
		i=0
		while ! grep -q 'loading again' /tmp/ours.out 2> /dev/null &&
				[ $i -lt 300 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		live_map
	) &
	if try_load kexec /tmp/ours.out; then
		pe_check "our kexec -c -l loads once the map is current" \
			grep -qx 1 /sys/kernel/kexec_loaded
	else
		pe_fail "our kexec -c -l loads once the map is current" \
			"$(tail -n 2 /tmp/ours.out | tr '\n' ' ')"
	fi
	wait
	pe_check "having been refused the stale map first" \
		grep -q 'the memory map changed while it was being read' /tmp/ours.out
	kexec -u

	cp -a /sys/firmware/memmap /tmp/map-before-release
	pe_release late
	stale_map /tmp/map-before-release
	pe_check "our kexec -c -l with a map read before a release is refused" \
		pe_fails try_load kexec /tmp/ours.out
	pe_check "after reading the map three times" changed /tmp/ours.out 3
	pe_check "our kernel says the map has memory persisted that is not" \
		sh -c 'dmesg | grep -q "persisted, but nothing is persisted at"'
	pe_check "Debian's kexec -c -l, which hands it on as reserved, loads" \
		try_load kexec-2.0.32 /tmp/stock.out
	kexec -u
	live_map

	pe_kexec kexec -l bzImage
}

stage_2() {
	pe_expect_kernel bzImage
	pe_check_named
	pe_check_released
}
