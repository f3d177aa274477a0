# SPDX-License-Identifier: GPL-2.0
#
# Guest side of the test harness: helpers every scenario stage may use.
# Sourced by /init; scenarios are /scenarios/NAME.sh with stage_N functions.

PE_BASE_CMDLINE=$(cat /lib/pe/cmdline)

# pe_arg KEY: value of KEY=... on the kernel command line
pe_arg() {
	tr ' ' '\n' < /proc/cmdline | sed -n "s/^$1=//p" | tail -n 1
}

pe_log() {
	echo "$*" > /dev/kmsg
}

pe_ok() {
	pe_log "PE-RESULT: ok $*"
}

# pe_fail NAME REASON...
pe_fail() {
	local name=$1
	shift
	pe_log "PE-RESULT: not ok $name # $*"
}

# pe_check NAME COMMAND...: ok if COMMAND succeeds
pe_check() {
	local name=$1
	shift
	if "$@" > /tmp/pe_check.out 2>&1; then
		pe_ok "$name"
	else
		pe_fail "$name" "'$*' failed: $(tail -n 3 /tmp/pe_check.out | tr '\n' ' ')"
	fi
}

pe_done() {
	pe_log "PE-DONE"
	sync
	poweroff -f
}

# Which kernel is this? bzImage, bzImage-off or vmlinuz-X.Y (Debian's stock
# 5.10, 6.1, 6.12, 7.3), from the release files (/boot/NAME.release) that
# the initramfs carries for each of the scenario's kernels.
pe_kernel() {
	for f in /boot/*.release; do
		if [ "$(cat "$f")" = "$(uname -r)" ]; then
			basename "$f" .release
			return
		fi
	done
	echo unknown
}

# pe_expect_kernel NAME: the scenario reached the kernel it meant to
pe_expect_kernel() {
	local k=$(pe_kernel)
	if [ "$k" = "$1" ]; then
		pe_ok "stage $PE_STAGE runs $1 ($(uname -r))"
	else
		pe_fail "stage $PE_STAGE runs $1" "running $k ($(uname -r))"
	fi
}

# The initramfs for the next kernel: this one's root, re-packed, plus the
# console node that devtmpfs hides.
# Files a stage leaves in /state (on the root, not /tmp) reach the next.
pe_initrd() {
	rm -rf /tmp/pe_dev /tmp/initrd.cpio
	mkdir -p /tmp/pe_dev/dev
	mknod /tmp/pe_dev/dev/console c 5 1
	(cd /tmp/pe_dev && echo dev/console | cpio -o -H newc 2>/dev/null) > /tmp/initrd.cpio
	# -xdev lists the mount points (proc, sys, dev, tmp) but not their content
	(cd / && find . -xdev | cpio -o -H newc 2>/dev/null) >> /tmp/initrd.cpio
	echo /tmp/initrd.cpio
}

# pe_load TOOL MODE KERNEL [EXTRA_CMDLINE]
#   TOOL: kexec (ours) or a release's stock kexec-X.Y.Z (kexec-2.0.20,
#   kexec-2.0.25, kexec-2.0.29, kexec-2.0.32); MODE: -s (kexec_file_load) or
#   -l (kexec_load: since 2.0.26 a plain "kexec -l" tries kexec_file_load
#   first, so this passes -c, which every version has), optionally followed
#   by more options ("-l --reuse-memmap"); any other MODE is passed as it
#   is ("-p -s": the crash kernel, which a panic starts);
#   KERNEL: bzImage, bzImage-off or vmlinuz-X.Y.
# Loads the next stage's kernel, with this root (and /state) as its initrd.
pe_load() {
	local tool=$1 mode=$2 kernel=$3 extra=${4:-} next cmdline initrd load

	next=$((PE_STAGE + 1))
	cmdline="$PE_BASE_CMDLINE pe.scenario=$PE_SCENARIO pe.stage=$next $extra"
	initrd=$(pe_initrd)
	load=$mode
	case $mode in
	-s*) load="-s -l${mode#-s}" ;;
	-l*) load="-c -l${mode#-l}" ;;
	esac
	pe_log "PE: stage $PE_STAGE: $tool $mode /boot/$kernel -> stage $next"
	if ! "$tool" $load /boot/"$kernel" --initrd="$initrd" \
			--command-line="$cmdline" > /tmp/kexec.out 2>&1; then
		pe_fail "load $kernel with $tool $mode" "$(tail -n 3 /tmp/kexec.out | tr '\n' ' ')"
		return 1
	fi
	pe_ok "load $kernel with $tool $mode"
}

# pe_kexec TOOL MODE KERNEL [EXTRA_CMDLINE]: pe_load, then boot the next
# stage; returns only if that failed.
pe_kexec() {
	pe_load "$@" || return 1
	sync
	"$1" -e > /tmp/kexec.out 2>&1
	pe_fail "exec $3 with $1" "kexec -e returned: $(tail -n 3 /tmp/kexec.out | tr '\n' ' ')"
	return 1
}

# ---- make bench (tests/bench/scenarios) ----------------------------------

# pe_bench_log: each line of stdin as "PE-BENCH: LINE" to the kernel log
pe_bench_log() {
	local l

	while IFS= read -r l; do
		pe_log "PE-BENCH: $l"
	done
}

# pe_bench_dmesg SED_SCRIPT: this kernel's log, without timestamps, through
# sed -n SED_SCRIPT
pe_bench_dmesg() {
	dmesg | sed 's/^\[[ 0-9.]*\] //' | sed -n "$1"
}

# pe_bench_up: the first thing a bench stage does: stamp the TSC (the end
# of the previous kexec) and log what the kernel timed at boot
pe_bench_up() {
	pe-tsc up "$PE_STAGE"
	pe_bench_dmesg 's/^e820: persist: \(took over .*\)/\1/p
		s/^test_persist_e820: \(adopted [0-9]* pages .*\)/\1/p' | pe_bench_log
}

# pe_bench_kexec LABEL [EXTRA_CMDLINE]: load our kernel as the next stage
# with kexec -s, log the entries of /sys/firmware/memmap, the handover line
# and this kernel's TSC rate, and boot it with pe-tsc, which stamps the TSC
# just before reboot(KEXEC); the next stage begins with "pe-tsc up"
# (scripts/bench.sh pairs the two).
pe_bench_kexec() {
	pe_log "PE-BENCH: memmap $(ls /sys/firmware/memmap | wc -l) entries," \
		"$(grep -lx 'Persisted Memory' /sys/firmware/memmap/*/type | wc -l) persisted"
	pe_load kexec -s bzImage "${2:-}" || return 1
	pe_bench_dmesg 's/^e820: persist: kexec: /handover /p' | tail -n 1 | pe_bench_log
	pe_bench_dmesg 's/^tsc: [A-Za-z ]*:* \([0-9.]*\) MHz.*/tsc-mhz \1/p' |
		tail -n 1 | pe_bench_log
	sync
	pe-tsc exec "$1"
	pe_fail "exec bzImage with pe-tsc" "reboot(KEXEC) returned"
	return 1
}

# What this kernel saw of the memory map: its e820 log, /proc/iomem's top
# level and /sys/firmware/memmap (through persistctl).
pe_report_memmap() {
	echo "==== $(pe_kernel) ($(uname -r)): e820 as booted ===="
	dmesg | sed -n 's/^\[[ 0-9.]*\] //; /BIOS-e820:\|^e820:\|extended physical RAM map/p'
	echo "==== $(pe_kernel): /proc/iomem (top level) ===="
	grep -v '^ ' /proc/iomem
	echo "==== $(pe_kernel): /sys/firmware/memmap ===="
	persistctl map | awk 'NR <= 64 { print } END { if (NR > 64) print "... " NR - 64 " more lines" }'
	echo "==== end of memory map ===="
}

# Checks any kernel can pass once it reached init: it booted with a sane map.
pe_check_memmap() {
	pe_check "$(pe_kernel): /sys/firmware/memmap lists System RAM" \
		grep -qx 'System RAM' /sys/firmware/memmap/*/type
	pe_check "$(pe_kernel): the e820 table it received is sorted, no overlaps" \
		sh -c 'pe-scatter e820 > /dev/null'
	pe_check "$(pe_kernel): persistctl map works" persistctl map
}

# ---- persisted ranges --------------------------------------------------

# pe_known_content NAME LEN: bytes any kernel can regenerate from the range
# itself: a "PE-RANGE NAME LEN" line, then NAME over and over
pe_known_content() {
	{ printf 'PE-RANGE %s %d\n' "$1" "$2"; yes "$1"; } | head -c "$2"
}

# pe_fill NAME START LENGTH [known]: fill the allocated range NAME with
# random (or known) bytes and record it in /state/ranges.
pe_fill() {
	local out sum

	if [ "${4:-}" = known ]; then
		out=$(pe_known_content "$1" "$3" | persistctl write "$1" 2>&1)
	else
		out=$(head -c "$3" /dev/urandom | persistctl write "$1" 2>&1)
	fi
	if [ $? != 0 ]; then
		pe_fail "persist $1" "write: $out"
		return 1
	fi
	sum=$(persistctl read "$1" | sha256sum | cut -d' ' -f1)
	mkdir -p /state
	echo "$1 $2 $3 $sum" >> /state/ranges
}

# pe_persist NAME SIZE [known]: allocate a persisted range through
# /dev/persist_e820, fill it with random bytes (known: pe_known_content, for
# checks after a firmware reboot, when /state is gone), and record "NAME
# START LENGTH SHA256" in /state/ranges for the kernels after this one.
pe_persist() {
	local out range start len sum

	if ! out=$(persistctl alloc "$1" "$2" 2>&1); then
		pe_fail "persist $1 ($2)" "$out"
		return 1
	fi
	range=$(echo "$out" | awk '{ print $2 }')
	start=${range%-*}
	len=$(( ${range#*-} - start + 1 ))
	pe_fill "$1" "$start" "$len" "${3:-}" || return 1
	# Allocations stay above 256 MiB (see PERSIST_ALLOC_FLOOR)
	if [ $((start)) -lt $((256 << 20)) ]; then
		pe_fail "persist $1 ($2)" "at $start, below 256 MiB"
		return 1
	fi
	pe_ok "persist $1 ($2 at $start)"
}

# The maps a kernel shows, as "START END TYPE" lines (hex, end inclusive).
# The e820 log's TYPE in the words of 6.1, whatever the kernel: 5.10 and 6.1
# print "] usable", "] reserved", "] type 3894411265"; 7.3 prints two spaces,
# "System RAM" and "device reserved" (and "[gap ...]" lines, skipped here),
# so "usable", "reserved" and "type N" mean the same in every kernel.
pe_map_e820() {
	local who=BIOS-e820

	# Entries past the zeropage's 128 come in SETUP_E820_EXT: the
	# kernel prints the whole table again as "extended".
	dmesg | grep -q 'extended: \[mem ' && who=extended
	dmesg | sed -n "s/.*$who: \\[mem \\(0x[0-9a-f]*\\)-\\(0x[0-9a-f]*\\)\\] *\\(.*\\)\$/\\1 \\2 \\3/p" |
		sed 's/ System RAM$/ usable/; s/ device reserved$/ reserved/'
}
pe_map_bootparams() {
	pe-scatter e820
}
pe_map_iomem() {
	grep -v '^ ' /proc/iomem | sed -n 's/^\([0-9a-f]*\)-\([0-9a-f]*\) : \(.*\)$/0x\1 0x\2 \3/p'
}
pe_map_firmware() {
	# one grep for all entries: thousands of them in the scale tests
	grep -H . /sys/firmware/memmap/*/start /sys/firmware/memmap/*/end \
		/sys/firmware/memmap/*/type | awk -F: '
		{ split($1, p, "/"); v[p[5] "," p[6]] = substr($0, length($1) + 2); n[p[5]] = 1 }
		END { for (i in n) print v[i ",start"], v[i ",end"], v[i ",type"] }'
}

# awk function hex(): "0x1f" -> 31 (busybox awk has no strtonum)
PE_AWK_HEX='
	function hex(x,  i, v) {
		v = 0
		x = tolower(x)
		sub(/^0x/, "", x)
		for (i = 1; i <= length(x); i++)
			v = v * 16 + index("0123456789abcdef", substr(x, i, 1)) - 1
		return v
	}'

# pe_persist_top: a 4 MiB range in the top 16 MiB of the largest RAM
# region, where both kexec_file_load (top of the lowest RAM region that
# fits) and kexec-tools (top of the highest) put the next kernel (Debian's
# needs 64 MiB, which only the largest region holds here) and its
# initramfs. Allocations start low and take any 4 MiB block that is free,
# so 4 MiB ranges are allocated until one lands there (or 96 MiB is all
# that is left free); the others are released again. The range is filled
# and recorded as by pe_persist; its name goes to /tmp/top-range. Boot
# with nokaslr: a kernel placed at random may lie there itself. When no
# block there is free, the check is reported skipped and it returns 1: the
# scenario ends there.
pe_persist_top() {
	local i n top out start hit= what
	top=$(pe_map_firmware | awk "$PE_AWK_HEX"'
		/ System RAM$/ {
			if (hex($2) - hex($1) > max) { max = hex($2) - hex($1); s = $2 }
		}
		END { print s }')
	what="a persisted range lies in the top 16 MiB of the largest RAM region (below $top)"
	for i in $(seq 1 256); do
		[ "$(pe_memfree)" -gt $((96 << 10)) ] || break
		out=$(persistctl alloc "top-$i" 4M 2>&1) || break
		start=$(echo "$out" | awk '{ print $2 }')
		start=$((${start%-*}))
		if [ $((start + (4 << 20) - 1)) -le $((top)) ] &&
		   [ $((start + (4 << 20) - 1)) -gt $((top - (16 << 20))) ]; then
			hit=top-$i
			break
		fi
	done
	for n in $(seq 1 "$i"); do
		[ "top-$n" = "$hit" ] && continue
		[ -d "/sys/kernel/persist_e820/top-$n" ] || continue
		if ! out=$(persistctl release "top-$n" 2>&1); then
			pe_fail "$what" "release top-$n: $out"
			return 1
		fi
	done
	# Whether a block there is free is up to what the kernel and the page
	# allocator did before (seen: none in 1 of 4 runs of 125 ranges): the
	# scenario's premise is then missing, which is a skip, not a pass
	if [ -z "$hit" ]; then
		pe_log "PE-RESULT: ok $what # SKIP no 4 MiB block there was free (tried $i)"
		return 1
	fi
	pe_fill "$hit" "$(printf '0x%x' "$start")" $((4 << 20)) || return 1
	pe_ok "$what: $hit at $(printf '0x%x' "$start")"
	echo "$hit" > /tmp/top-range
}

# pe_fake_memmap NAME: mount over /sys/firmware/memmap a copy in which the
# persisted range NAME also lies inside one RAM entry, from the RAM before it
# to the RAM after it, as a map that lists a reserved range twice would
# show it.
pe_fake_memmap() {
	local list=/tmp/fakemm.list start len

	start=$(awk -v n="$1" '$1 == n { print $2 }' /state/ranges)
	len=$(awk -v n="$1" '$1 == n { print $3 }' /state/ranges)
	pe_map_firmware | awk -v list="$list" -v s="$((start))" -v e="$((start + len - 1))" \
		"$PE_AWK_HEX"'
		{
			t = $0
			sub(/^[^ ]+ [^ ]+ /, "", t)
			a = hex($1); b = hex($2)
			# the nearest RAM on each side (the record, or another
			# range, may lie in between: it is then listed twice too)
			if (t == "System RAM" && b < s && (lob == "" || b > lob)) {
				lob = b
				lo = $1
			}
			if (t == "System RAM" && a > e && (hia == "" || a < hia)) {
				hia = a
				hi = $2
			}
			print $1 "\t" $2 "\t" t > list
		}
		END {
			if (lo == "" || hi == "")
				exit 1
			print lo "\t" hi "\tSystem RAM" > list
		}' || return 1
	pe_mount_memmap < "$list"
}

# pe_mount_memmap: mount over /sys/firmware/memmap a directory that lists
# the entries read from stdin, one "START<tab>END<tab>TYPE" line each, as
# the kernel lists its firmware memory map.
pe_mount_memmap() {
	local dir=/tmp/fakemm.d

	rm -rf "$dir"
	mkdir -p "$dir"
	awk -F '\t' -v dir="$dir" '{
		d = dir "/" NR - 1
		system("mkdir " d)
		print $1 > d "/start"; print $2 > d "/end"; print $3 > d "/type"
		close(d "/start"); close(d "/end"); close(d "/type")
	}' || return 1
	mount --bind "$dir" /sys/firmware/memmap
}

# pe_cover MAP RAM_NAME WANT START LENGTH: in MAP's lines, no RAM_NAME entry
# touches the range and entries of type WANT ("*": any other type) cover all
# of it (entries of one map never overlap, so the covered bytes add up).
pe_cover() {
	"$1" | awk -v s="$(($4))" -v e="$(($4 + $5 - 1))" -v ram="$2" -v want="$3" \
		"$PE_AWK_HEX"'
		{
			a = hex($1); b = hex($2); t = $0
			sub(/^[^ ]+ [^ ]+ /, "", t)
			if (b < s || a > e)
				next
			if (t == ram) {
				bad = bad " " $1 "-" $2 " is " t ";"
				next
			}
			if (want == "*" || t == want)
				covered += (b < e ? b : e) - (a > s ? a : s) + 1
		}
		END {
			if (bad != "" || covered != e - s + 1) {
				printf "%s covered %d of %d bytes\n", bad, covered, e - s + 1
				exit 1
			}
		}'
}

pe_not_ram() {
	pe_cover "$1" "$2" "*" "$3" "$4"
}

# pe_fails CMD...: CMD fails (proves a checker can say no)
pe_fails() {
	! "$@"
}

# EFI runtime map as "START END TYPE" lines
pe_map_efi() {
	for d in /sys/firmware/efi/runtime-map/*; do
		s=$(cat "$d/phys_addr")
		printf '%#x %#x %s\n' "$s" $((s + $(cat "$d/num_pages") * 4096 - 1)) \
			"$(cat "$d/type")"
	done
}

# pe_efi_page TYPE: "START LENGTH" of the first page of the first EFI
# runtime map descriptor of TYPE (6: runtime services data, 11: MMIO)
pe_efi_page() {
	pe_map_efi | while read -r s e t; do
		[ $((t)) = "$1" ] && echo "$s 4096" && break
	done
}

# pe_check_persisted [running|efi]: every range in /state/ranges is non-RAM
# in the maps of this kernel and holds its bytes. "running": this kernel
# persisted them itself, so only /sys/firmware/memmap (what kexec-tools
# reads) must show them as non-RAM (its own /proc/iomem still says RAM, which
# proves the checker can fail); the bytes are read through the device.
# "efi": also a reserved descriptor in the EFI runtime map.
pe_check_persisted() {
	local k=$(pe_kernel) name start len sum got

	if [ ! -s /state/ranges ]; then
		pe_fail "$k: persisted ranges recorded" "no /state/ranges"
		return
	fi
	while read -r name start len sum; do
		pe_check "$k: $name not RAM in /sys/firmware/memmap" \
			pe_not_ram pe_map_firmware "System RAM" "$start" "$len"
		if [ "${1:-}" = running ]; then
			pe_check "$k: $name is still RAM in its own /proc/iomem" \
				pe_fails pe_not_ram pe_map_iomem "System RAM" "$start" "$len"
			got=$(persistctl read "$name" | sha256sum | cut -d' ' -f1)
		else
			[ "${1:-}" = efi ] &&
				pe_check "$k: $name reserved in the EFI runtime map" \
					pe_cover pe_map_efi "" 0x0 "$start" "$len"
			pe_check "$k: $name not RAM in the e820 log" \
				pe_not_ram pe_map_e820 usable "$start" "$len"
			pe_check "$k: $name not RAM in /proc/iomem" \
				pe_not_ram pe_map_iomem "System RAM" "$start" "$len"
			got=$(pe-memread "$start" "$len" | sha256sum | cut -d' ' -f1)
		fi
		echo "==== $k: $name [$start +$len] sha256 $got (recorded $sum)"
		if [ "$got" = "$sum" ]; then
			pe_ok "$k: $name bytes intact"
		else
			pe_fail "$k: $name bytes intact" "sha256 $got, expected $sum"
		fi
	done < /state/ranges
}

# pe_scatter N: persist N scattered 4 KiB ranges of random bytes, listed
# in /state/scatter (see pe-scatter.c)
pe_scatter() {
	mkdir -p /state
	if pe-scatter make "$1" scat > /state/scatter 2> /tmp/scatter.err; then
		pe_ok "persist $1 scattered ranges"
	else
		pe_fail "persist $1 scattered ranges" "$(tail -n 2 /tmp/scatter.err | tr '\n' ' ')"
		return 1
	fi
}

pe_scatter_cover() {
	"$1" | pe-scatter cover /state/scatter "$2" $PE_HOLES_OK
}

# pe_check_stock_falls_back: stock kexec-tools (2.0.25, Debian 6.1's),
# which reads at most 2048 ranges, cannot take this /sys/firmware/memmap and
# falls back to /proc/iomem (where our kernel still shows persisted ranges
# as RAM): our kernel refuses the image with that map
pe_check_stock_falls_back() {
	kexec-2.0.25 -c -l /boot/vmlinuz-6.1 --command-line=x > /tmp/stock.out 2>&1
	kexec-2.0.25 -u > /dev/null 2>&1
	pe_check "stock kexec -l falls back to /proc/iomem with this map" \
		grep -q "Falling back to /proc/iomem" /tmp/stock.out
	pe_check "our kernel refuses the image: its map has persisted memory as RAM" \
		grep -q "Stale file handle" /tmp/stock.out
}

# pe_check_scatter [running|holes-ok] [MIN_ENTRIES]: the ranges of
# /state/scatter are non-RAM in /sys/firmware/memmap (and, after kexec,
# /proc/iomem and the e820 log) and hold their bytes; the firmware map has
# at least MIN_ENTRIES. holes-ok: a range may be missing from the maps
# (a hole), but never RAM.
pe_check_scatter() {
	local k=$(pe_kernel) n what="not RAM"

	PE_HOLES_OK=
	if [ "${1:-}" = holes-ok ]; then
		PE_HOLES_OK=holes-ok
		what="never RAM"
	fi
	pe_check "$k: scattered ranges $what in /sys/firmware/memmap" \
		pe_scatter_cover pe_map_firmware "System RAM"
	n=$(ls /sys/firmware/memmap | wc -l)
	if [ "$n" -ge "${2:-0}" ]; then
		pe_ok "$k: /sys/firmware/memmap has $n entries (>= ${2:-0})"
	else
		pe_fail "$k: /sys/firmware/memmap has >= ${2:-0} entries" "$n"
	fi
	[ "${1:-}" = running ] && return
	pe_check "$k: scattered ranges $what in /proc/iomem" \
		pe_scatter_cover pe_map_iomem "System RAM"
	pe_check "$k: scattered ranges $what in the e820 table it received" \
		pe_scatter_cover pe_map_bootparams 1
	pe_check "$k: scattered ranges hold their bytes" pe-scatter verify /state/scatter
}

# The chain of the *-persist-{file,load}-stock scenarios (I1/I2/I3):
# pe_chain_start TOOL MODE: our kernel persists a 16 MiB and a 4 MiB range
# of random bytes and kexecs into Debian's stock 6.1 with TOOL MODE.
pe_chain_start() {
	pe_expect_kernel bzImage
	pe_persist guest-ram 16M || return
	pe_persist iommu-pt 4M || return
	pe_check_persisted running
	pe_kexec "$1" "$2" vmlinuz-6.1 iomem=relaxed
}

# pe_find_known: after a firmware reboot (/state is gone), /state/ranges
# from the non-RAM e820 entries of this kernel that start with a PE-RANGE
# line (see pe_known_content); read with /dev/mem (iomem=relaxed)
pe_find_known() {
	local s e t hdr

	mkdir -p /state
	: > /state/ranges
	pe_map_e820 | while read -r s e t; do
		[ "$t" = usable ] && continue
		[ $((e - s + 1)) -le $((64 << 20)) ] || continue
		# touching ranges share an entry: one after the other
		while [ $((s)) -lt $((e)) ]; do
			hdr=$(pe-memread "$s" 4096 2> /dev/null | head -n 1)
			case $hdr in
			"PE-RANGE "*) ;;
			*) break ;;
			esac
			set -- $hdr
			echo "$2 $s $3 $(pe_known_content "$2" "$3" | sha256sum | cut -d' ' -f1)" \
				>> /state/ranges
			s=$(printf '%#x' $((s + $3)))
		done
	done
}

# pe_check_e820_type WHAT: every recorded range has e820 type WHAT in this
# kernel's e820 log, in pe_map_e820's words ("type 3894411265" in an
# unaware kernel, "reserved", "persisted (type 0xe8200001)" in ours)
pe_check_e820_type() {
	local k=$(pe_kernel) name start len sum

	while read -r name start len sum; do
		pe_check "$k: $name is '$1' in the e820 log" \
			pe_cover pe_map_e820 usable "$1" "$start" "$len"
	done < /state/ranges
}

# pe_chain_hop KERNEL CHECK [MODE NEXT]: KERNEL shows the ranges as non-RAM
# with their bytes (CHECK: "" or efi, see pe_check_persisted) and hands
# them on to NEXT with Debian 6.1's kexec-tools (2.0.25) in MODE.
pe_chain_hop() {
	pe_hop "$1"
	pe_check_persisted "$2"
	[ $# -ge 4 ] || return 0
	pe_kexec kexec-2.0.25 "$3" "$4" iomem=relaxed
}

# pe_check_bytes WHAT: each range in /state/ranges, read by name, holds the
# bytes recorded ("KERNEL: NAME WHAT")
pe_check_bytes() {
	local k=$(pe_kernel) name start len sum got

	while read -r name start len sum; do
		got=$(persistctl read "$name" | sha256sum | cut -d' ' -f1)
		if [ "$got" = "$sum" ]; then
			pe_ok "$k: $name $1"
		else
			pe_fail "$k: $name $1" "sha256 $got, expected $sum"
		fi
	done < /state/ranges
}

# pe_check_named: this aware kernel got every range of /state/ranges back
# under its name (I4): /sys/kernel/persist_e820/NAME says where and whose,
# and persistctl reads the recorded bytes through the device, by name.
pe_check_named() {
	local k=$(pe_kernel) name start len sum d got

	while read -r name start len sum; do
		d=/sys/kernel/persist_e820/$name
		got="$(cat "$d/start" "$d/size" "$d/owner" "$d/origin" 2>&1 | tr '\n' ' ')"
		if [ "$got" = "$(printf '%#x %d user inherited ' "$start" "$len")" ]; then
			pe_ok "$k: $name back under its name"
		else
			pe_fail "$k: $name back under its name" "sysfs says '$got'"
		fi
	done < /state/ranges
	pe_check_bytes "read by name, bytes intact"
}

# pe_check_unnamed: the ranges of /state/ranges are not known by name here
pe_check_unnamed() {
	local k=$(pe_kernel) name start len sum

	while read -r name start len sum; do
		pe_check "$k: $name has no name here" \
			pe_fails test -e "/sys/kernel/persist_e820/$name"
	done < /state/ranges
}

# pe_release NAME: release a range through the device; it moves from
# /state/ranges to /state/released
pe_release() {
	pe_check "release $1" persistctl release "$1"
	grep "^$1 " /state/ranges | cut -d' ' -f1-3 >> /state/released
	sed -i "/^$1 /d" /state/ranges
}

# pe_memfree: free memory in KiB: MemFree counts only the buddy lists, so
# the pages the per-CPU lists hold (a page freed goes there first, and they
# grow to several MiB) are added from /proc/zoneinfo
pe_memfree() {
	awk '/^MemFree:/ { free = $2 }
	     FILENAME ~ /zoneinfo/ && $1 == "count:" { pcp += $2 }
	     END { print free + pcp * 4 }' /proc/meminfo /proc/zoneinfo
}

# pe_release_frees NAME: releasing NAME gives its pages back (I5): free
# memory grows by its size (less 4 MiB for what the system does meanwhile),
# it leaves sysfs, and an inherited one is System RAM in /proc/iomem again.
pe_release_frees() {
	local k=$(pe_kernel) name=$1 start len sum before after origin

	read -r name start len sum <<-EOF
	$(grep "^$1 " /state/ranges)
	EOF
	sync
	echo 3 > /proc/sys/vm/drop_caches 2>/dev/null
	before=$(pe_memfree)
	origin=$(cat "/sys/kernel/persist_e820/$1/origin")
	pe_release "$1"
	after=$(pe_memfree)
	if [ $((after - before)) -ge $((len / 1024 - 4096)) ]; then
		pe_ok "$k: releasing $1 ($((len / 1024)) KiB) frees it: free memory $before -> $after KiB"
	else
		pe_fail "$k: releasing $1 ($((len / 1024)) KiB) frees it" "free memory $before -> $after KiB"
	fi
	pe_check "$k: $1 left /sys/kernel/persist_e820" \
		pe_fails test -e "/sys/kernel/persist_e820/$1"
	# an inherited range was "Persisted Memory" there until now
	[ "$origin" = inherited ] &&
		pe_check "$k: $1 is System RAM in /proc/iomem" \
			pe_cover pe_map_iomem "" "System RAM" "$start" "$len"
}

# pe_check_released: what an earlier kernel released is RAM in this one's
# e820 log
pe_check_released() {
	local k=$(pe_kernel) name start len

	while read -r name start len; do
		pe_check "$k: released $name is usable RAM in the e820 log" \
			pe_cover pe_map_e820 "" usable "$start" "$len"
	done < /state/released
}

# ---- hibernation (scenarios with DISK set, tests/qemu/run) ---------------

# pe_hibernate: hibernate to the scenario's disk (/dev/vda, all of it swap)
# and power off. tests/qemu/run then boots the scenario's first kernel in a
# new VM (fresh RAM) from the same disk with resume=/dev/vda, and checks
# that this stage goes on there: returns 0 in the resumed kernel, 1 (said)
# if the kernel refused to hibernate.
pe_hibernate() {
	local k=$(pe_kernel) out

	if ! out=$( { mkswap /dev/vda && swapon /dev/vda; } 2>&1); then
		pe_fail "$k: swap on /dev/vda" "$(echo "$out" | tail -n 2 | tr '\n' ' ')"
		return 1
	fi
	echo shutdown > /sys/power/disk
	pe_log "PE-HIBERNATE: stage $PE_STAGE on $k"
	sync
	if ! echo disk 2> /tmp/hibernate.err > /sys/power/state; then
		pe_fail "$k: hibernate" "$(cat /tmp/hibernate.err) $(dmesg | grep 'PM: ' | tail -n 2 | tr '\n' ' ')"
		return 1
	fi
	pe_log "PE: resumed from hibernation"
	swapoff /dev/vda
	return 0
}

# ---- the compatibility matrix (*-matrix-*.sh, docs/compatibility.md) ----
# Our kernel -> NEXT (kexec -s) -> ours (NEXT's kexec-tools, -s: names) ->
# NEXT (kexec -s) -> ours (NEXT's kexec-tools, kexec_load: type 2).

# pe_matrix_start NEXT: our kernel persists two ranges of random bytes and
# kexecs into NEXT with kexec_file_load
pe_matrix_start() {
	pe_expect_kernel bzImage
	pe_note_initrd_table || return
	pe_persist guest-ram 8M || return
	pe_persist iommu-pt 2M || return
	pe_kexec kexec -s "$1" iomem=relaxed
}

# pe_matrix_next NEXT TOOL MODE: NEXT, which knows nothing of us, shows each
# range as non-RAM ("type 3894411265" in its e820 log, whatever its format;
# under OVMF also a reserved EFI descriptor) with its bytes, the record as
# type 3894411266, and kexecs into our kernel with TOOL MODE. A scenario
# whose NEXT names the types otherwise says how in MATRIX_RANGE_TYPE and
# MATRIX_RECORD_TYPE.
pe_matrix_next() {
	local efi= range=${MATRIX_RANGE_TYPE:-type 3894411265}
	local record=${MATRIX_RECORD_TYPE:-type 3894411266}

	[ "${FIRMWARE:-}" = ovmf ] && efi=efi
	pe_hop "$1"
	pe_check_initrd_table
	pe_check_persisted $efi
	pe_check_e820_type "$range"
	pe_check "$1: the record is '$record' in its e820 log" \
		pe_e820_has "$record"
	pe_kexec "$2" "$3" bzImage iomem=relaxed
}

# pe_note_initrd_table: under OVMF, where the EFI stub's initrd table is
# (the INITRD= address of the first kernel's EFI log line) goes to
# /state/efi-initrd, and it is checked (pe_check_initrd_table)
pe_note_initrd_table() {
	local a

	[ "${FIRMWARE:-}" = ovmf ] || return 0
	a=$(dmesg | sed -n 's/.* INITRD=\(0x[0-9a-f]*\).*/\1/p' | head -n 1)
	if [ -z "$a" ]; then
		pe_fail "the EFI stub's initrd table" "no INITRD= in the EFI log"
		return 1
	fi
	mkdir -p /state
	echo "$a" > /state/efi-initrd
	pe_check_initrd_table
}

# pe_check_initrd_table: the page of the EFI stub's initrd table, which every
# kernel started after the first writes 16 bytes into at boot (it clears the
# table's base and size), is not RAM in this kernel's /proc/iomem and
# /sys/firmware/memmap: no kernel of a chain puts its initrd, or a persisted
# range, there
pe_check_initrd_table() {
	local k=$(pe_kernel) a

	[ -s /state/efi-initrd ] || return 0
	read -r a < /state/efi-initrd
	a=$(((a) & ~4095))
	pe_check "$k: the EFI initrd table's page is not RAM in /proc/iomem" \
		pe_not_ram pe_map_iomem "System RAM" "$a" 4096
	pe_check "$k: the EFI initrd table's page is not RAM in /sys/firmware/memmap" \
		pe_not_ram pe_map_firmware "System RAM" "$a" 4096
}

# pe_e820_has TYPE: an entry of this kernel's e820 log has TYPE (pe_map_e820)
pe_e820_has() {
	pe_map_e820 | grep -q " $1\$"
}

# pe_matrix_named NEXT: our kernel, after NEXT's kexec -s, has every range
# back by name with its bytes (and the exact type), and kexecs into NEXT
# again with kexec_file_load
pe_matrix_named() {
	pe_hop bzImage
	pe_check_initrd_table
	pe_check_e820_type "persisted (type 0xe8200001)"
	pe_check_named
	pe_kexec kexec -s "$1" iomem=relaxed
}

# pe_matrix_reserved: our kernel after NEXT's kexec_load: each range is
# type 2, reserved (stock kexec-tools know no other type), never RAM, with
# its bytes (read through /dev/mem), and no longer known by name
pe_matrix_reserved() {
	pe_hop bzImage
	pe_check_initrd_table
	pe_check_e820_type reserved
	pe_check_persisted
	pe_check_unnamed
}

# pe_hop KERNEL [TOOL MODE NEXT_KERNEL [EXTRA_CMDLINE]]
# One stage of a chain: check we run KERNEL, report and check its memory map,
# then kexec into NEXT_KERNEL with TOOL MODE (or end the scenario).
pe_hop() {
	pe_expect_kernel "$1"
	pe_report_memmap
	pe_check_memmap
	[ $# -ge 4 ] || return 0
	pe_kexec "$2" "$3" "$4" "${5:-}"
}

pe_main() {
	PE_SCENARIO=$(pe_arg pe.scenario)
	[ "$PE_SCENARIO" = probe ] && pe_done
	PE_STAGE=$(pe_arg pe.stage)
	: "${PE_STAGE:=1}"
	# tests/qemu/run booted this kernel to resume from hibernation
	if [ "$PE_STAGE" = resume ]; then
		pe_fail "$(pe_kernel): resume from hibernation" \
			"booted with resume=, found no image to resume: $(dmesg | grep 'PM: ' | tail -n 2 | tr '\n' ' ')"
		pe_done
	fi
	if [ -z "$PE_SCENARIO" ] || [ ! -f "/scenarios/$PE_SCENARIO.sh" ]; then
		pe_fail "scenario" "no such scenario: '$PE_SCENARIO'"
		pe_done
	fi
	. "/scenarios/$PE_SCENARIO.sh"
	pe_log "PE: scenario $PE_SCENARIO stage $PE_STAGE on $(pe_kernel) ($(uname -r))"
	if ! command -v "stage_$PE_STAGE" > /dev/null; then
		pe_fail "stage $PE_STAGE" "scenario $PE_SCENARIO has no stage_$PE_STAGE"
		pe_done
	fi
	"stage_$PE_STAGE"
	pe_done
}
