# SPDX-License-Identifier: GPL-2.0
# A map longer than any receiver keeps: no kernel keeps more than 3200 e820
# entries (E820_MAX_ENTRIES), and one that receives a full table drops the
# RAM it splits itself (Linux 6.1 then panics: "Cannot find place for new
# RAMDISK"). Our kernel never lists that many (it refuses to persist past
# 3072 entries: seabios-scale-receiver-limit), so a /sys/firmware/memmap of
# about 3700 entries, as 2000 scattered ranges would make, is mounted over
# the real one. Our `kexec -c -l` reads the whole map (up to 8192 entries)
# and refuses to hand over more than 3072, clearly, loading nothing; stock
# kexec-tools (2048 at most) instead falls back to /proc/iomem.
# seabios-kexec-tools-scale-1500 hands over 2800 real entries.
FIRMWARE=seabios
TIMEOUT=300
KERNELS="bzImage vmlinuz-6.1"

# pe_big_memmap N: a copy of /sys/firmware/memmap with N more entries of
# 4 KiB, persisted and RAM in turn, far above this VM's memory
pe_big_memmap() {
	local dir=/tmp/bigmm

	rm -rf "$dir"
	mkdir -p "$dir"
	pe_map_firmware | awk -v dir="$dir" -v n="$1" '
		{ print > dir "/list" }
		END {
			for (i = 0; i < n; i++) {
				a = 274877906944 + i * 4096	# 256 GiB up
				printf "0x%x\t0x%x\t%s\n", a, a + 4095,
					i % 2 ? "System RAM" : "Persisted Memory" > dir "/list"
			}
		}'
	awk -F '[\t ]' -v dir="$dir" '{
		d = dir "/" NR - 1
		t = $0
		sub(/^[^\t ]+[\t ]+[^\t ]+[\t ]+/, "", t)
		system("mkdir " d)
		print $1 > d "/start"; print $2 > d "/end"; print t > d "/type"
		close(d "/start"); close(d "/end"); close(d "/type")
	}' "$dir/list"
	rm "$dir/list"
	mount --bind "$dir" /sys/firmware/memmap
}

stage_1() {
	pe_expect_kernel bzImage
	pe_persist some-range 4M || return
	pe_big_memmap 3700
	pe_check "/sys/firmware/memmap now lists more than 3700 entries" \
		sh -c '[ "$(ls /sys/firmware/memmap | wc -l)" -gt 3700 ]'
	pe_check_stock_falls_back
	if kexec -c -l /boot/vmlinuz-6.1 --command-line=x > /tmp/load.out 2>&1; then
		pe_fail "our kexec -l refuses to hand over more than 3072 ranges" \
			"it loaded"
	else
		pe_check "our kexec -l refuses to hand over more than 3072 ranges" \
			grep -q "Cannot hand over [0-9]* memory ranges: no kernel keeps more than 3200" \
			/tmp/load.out
	fi
	pe_check "nothing is loaded" grep -qx 0 /sys/kernel/kexec_loaded
	cat /tmp/load.out
}
