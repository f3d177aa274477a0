# SPDX-License-Identifier: GPL-2.0
# persist_memmap.efi and a broken handoff: the UEFI shell sets the
# PersistE820Handoff variable (setvar) to each kind of bad input in turn and
# runs the app, which refuses it with a clear message, reserves nothing and
# consumes the variable; a range in firmware-owned memory (MMIO) is lost,
# one whose CRC-32 does not match is lost and given back; an entry the
# kernel would never write (a kernel user's owner, a name it refuses, a
# name twice) is refused alone; a missing
# chain-load target is an error back to the shell, not a hang. Judged from
# the serial log on the host (no Linux here).
FIRMWARE=ovmf
KERNEL=esp
KERNELS=
TIMEOUT=120
GUID=d44c2f61-cbba-4d0d-9916-2dc7fa4c56af

# "case hexbytes" lines: handoff variables built by hand (see
# include/linux/persist_e820/abi/efi.h), with zlib's CRC-32
pe_bad_handoffs() {
	python3 - <<'PY'
import struct, zlib
HDR = struct.Struct('<32sIIIIQ16x')
ENT = struct.Struct('<QQII32s16s')
def handoff(entries, compat=b'persist-e820-handoff-v1', csum=None, trunc=None):
    ents = b''.join(ENT.pack(s, l, c, 0, e[3].encode(),
                             (e[4] if len(e) > 4 else 'user').encode())
                    for e in entries for s, l, c in [e[:3]])
    size = HDR.size + len(ents)
    data = HDR.pack(compat, HDR.size, ENT.size, len(entries), 0, size) + ents
    c = zlib.crc32(data) if csum is None else csum
    data = HDR.pack(compat, HDR.size, ENT.size, len(entries), c, size) + ents
    return data[:trunc].hex().upper() if trunc else data.hex().upper()
free = 0x20000000    # free RAM at the shell prompt in a 1 GiB VM
print('truncated', handoff([(free, 4096, 0, 'a')], trunc=20))
print('magic', handoff([(free, 4096, 0, 'a')], compat=b'not-a-handoff'))
print('version', handoff([(free, 4096, 0, 'a')], compat=b'persist-e820-handoff-v2'))
print('checksum', handoff([(free, 4096, 0, 'a')], csum=0x12345678))
print('overlap', handoff([(free, 8192, 0, 'a'), (free + 4096, 4096, 0, 'b')]))
print('unaligned', handoff([(free + 100, 4096, 0, 'a')]))
print('firmware', handoff([(0xB0000000, 4096, 0, 'mmio')]))
print('changed', handoff([(free, 4096, 0xDEADBEEF, 'stale')]))
# Sound as a whole, forged entries: refused alone, the others go on
print('forged', handoff([(free, 4096, 0xDEADBEEF, 'stale'),
                         (free + 0x1000, 4096, 0, 'deposit', 'mshv'),
                         (free + 0x2000, 4096, 0, 'has space'),
                         (free + 0x3000, 4096, 0, '..'),
                         (free + 0x4000, 4096, 0, 'stale')]))
PY
}

STARTUP_NSH=(
	'fs0:'
	'persist_memmap.efi boot \nope.efi console=ttyS0'
	'echo "pe-missing-target %lasterror%"'
)
while read -r c hex; do
	STARTUP_NSH+=(
		"echo \"pe-case $c\""
		"setvar PersistE820Handoff -guid $GUID -nv -bs -rt =H$hex"
		'persist_memmap.efi keep'
	)
done < <(pe_bad_handoffs)
STARTUP_NSH+=(
	'echo "pe-case again"'
	'persist_memmap.efi keep'
	'echo "pe-again-status %lasterror%"'
	'memmap'
	'reset -s'
)

# pe_after LOG CASE: the app's lines after "pe-case CASE", up to the next
pe_after() {
	sed -n "/^pe-case $2\$/,/^pe-case /p" "$1" | grep '^persist_memmap: '
}

host_verify() {
	local log=$1 c want out

	if grep -q '^persist_memmap: cannot load \\nope.efi: Not Found' "$log" &&
	   grep -q '^pe-missing-target 0x[1-9A-F]' "$log"; then
		echo "ok a missing chain-load target: an error back to the shell"
	else
		echo "not ok a missing chain-load target # $(grep -m2 'nope\|pe-missing' "$log" | tr '\n' ' ')"
	fi
	while read -r c want; do
		out=$(pe_after "$log" "$c")
		if grep -q "$want" <<< "$out"; then
			echo "ok handoff $c: $want"
		else
			echo "not ok handoff $c: $want # $(tr '\n' ' ' <<< "$out")"
		fi
	done <<-'EOF'
	truncated handoff refused: shorter than its header: nothing reserved
	magic handoff refused: not a handoff: nothing reserved
	version handoff refused: unknown version: nothing reserved
	checksum handoff refused: bad checksum: nothing reserved
	overlap handoff refused: entries unsorted or overlapping: nothing reserved
	unaligned handoff refused: entry not page aligned, empty or wrapping: nothing reserved
	firmware mmio \[B0000000-B0000FFF\]: lost: the firmware uses it
	firmware kept 0 of 1 ranges
	changed stale \[20000000-20000FFF\]: lost: its content changed
	changed kept 0 of 1 ranges
	forged stale \[20000000-20000FFF\]: lost: its content changed
	forged entry 1 \[20001000-20001FFF\]: refused: owner is not user
	forged entry 2 \[20002000-20002FFF\]: refused: a name the kernel refuses
	forged entry 3 \[20003000-20003FFF\]: refused: a name the kernel refuses
	forged entry 4 \[20004000-20004FFF\]: refused: a name handed off twice
	forged kept 0 of 5 ranges
	again no handoff: nothing to keep
	EOF
	if grep -q '^pe-again-status 0xE' "$log"; then
		echo "ok the handoff is consumed once: keep says EFI_NOT_FOUND after"
	else
		echo "not ok the handoff is consumed once # $(grep pe-again-status "$log")"
	fi
	# nothing reserved at the ranges of the bad handoffs
	if grep -Eq '^Reserved +00000000200[0-9A-F]{5}-' "$log"; then
		echo "not ok nothing reserved at 0x20000000 # $(grep -E '^Reserved +000000002' "$log")"
	else
		echo "ok nothing reserved at 0x20000000 in the shell's memmap"
	fi
}
