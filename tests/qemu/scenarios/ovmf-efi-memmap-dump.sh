# SPDX-License-Identifier: GPL-2.0
# Under OVMF, the UEFI shell runs persist_memmap.efi from the ESP: `dump`
# prints the UEFI memory map as the shell's own `memmap` does (same total),
# every descriptor is consistent, and without arguments the app prints its
# usage and fails. Judged from the serial log on the host (no Linux here).
FIRMWARE=ovmf
KERNEL=esp
KERNELS=
TIMEOUT=90
STARTUP_NSH=(
	'fs0:'
	'persist_memmap.efi dump'
	'memmap'
	'persist_memmap.efi'
	'echo "pe-usage-status %lasterror%"'
	'reset -s'
)

host_verify() {
	local log=$1 n lines bad=0 start end pages totals

	n=$(sed -n 's/^persist_memmap: memory map: \([0-9]*\) descriptors.*/\1/p' "$log")
	if [ -z "$n" ] || ! grep -q '^persist_memmap: dump done' "$log"; then
		echo "not ok dump ran # no header or no 'dump done' from persist_memmap.efi"
		return
	fi
	echo "ok dump ran ($n descriptors)"
	# Descriptor lines of our dump: between its header and "dump done".
	lines=$(sed -n '/^persist_memmap: memory map:/,/^persist_memmap: dump done/p' "$log" |
		grep -E '^[A-Za-z_0-9]+ +[0-9A-F]{16}-[0-9A-F]{16} [0-9A-F]{16} [0-9A-F]{16}')
	if [ "$(grep -c . <<< "$lines")" = "$n" ]; then
		echo "ok one line per descriptor"
	else
		echo "not ok one line per descriptor # $(grep -c . <<< "$lines") lines for $n"
	fi
	while read -r _ range pages _; do
		start=$((16#${range%-*})) end=$((16#${range#*-})) pages=$((16#$pages))
		[ $((start + pages * 4096 - 1)) = "$end" ] || bad=$((bad + 1))
	done <<< "$lines"
	if [ $bad = 0 ]; then
		echo "ok end = start + pages * 4096 - 1 for every descriptor"
	else
		echo "not ok end = start + pages * 4096 - 1 for every descriptor # $bad wrong"
	fi
	# Ours first, then the shell's memmap: the same memory in total.
	totals=$(grep -o 'Total Memory: .*' "$log" | sort -u | grep -c .)
	if [ "$(grep -c 'Total Memory:' "$log")" = 2 ] && [ "$totals" = 1 ]; then
		echo "ok total memory matches the shell's memmap"
	else
		echo "not ok total memory matches the shell's memmap # $(grep 'Total Memory:' "$log" | tr '\n' ' ')"
	fi
	if grep -q '^usage: persist_memmap.efi' "$log" &&
	   grep -q 'pe-usage-status 0x2$' "$log"; then
		echo "ok no arguments: usage and EFI_INVALID_PARAMETER"
	else
		echo "not ok no arguments: usage and EFI_INVALID_PARAMETER # $(grep pe-usage-status "$log")"
	fi
}
