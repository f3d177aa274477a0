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
	name=$1
	shift
	pe_log "PE-RESULT: not ok $name # $*"
}

# pe_check NAME COMMAND...: ok if COMMAND succeeds
pe_check() {
	name=$1
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

# Which kernel is this? bzImage, bzImage-off or vmlinuz-stock, from the
# release strings recorded when the initramfs was built.
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
	k=$(pe_kernel)
	if [ "$k" = "$1" ]; then
		pe_ok "stage $PE_STAGE runs $1 ($(uname -r))"
	else
		pe_fail "stage $PE_STAGE runs $1" "running $k ($(uname -r))"
	fi
}

# The initramfs for the next kernel: this one's root, re-packed, plus the
# console node that devtmpfs hides.
pe_initrd() {
	[ -s /tmp/initrd.cpio ] && { echo /tmp/initrd.cpio; return; }
	mkdir -p /tmp/pe_dev/dev
	mknod /tmp/pe_dev/dev/console c 5 1
	(cd /tmp/pe_dev && echo dev/console | cpio -o -H newc 2>/dev/null) > /tmp/initrd.cpio
	# -xdev lists the mount points (proc, sys, dev, tmp) but not their content
	(cd / && find . -xdev | cpio -o -H newc 2>/dev/null) >> /tmp/initrd.cpio
	echo /tmp/initrd.cpio
}

# pe_kexec TOOL MODE KERNEL [EXTRA_CMDLINE]
#   TOOL: kexec (ours) or kexec-stock; MODE: -s (kexec_file_load) or -l
#   (kexec_load); KERNEL: bzImage, bzImage-off or vmlinuz-stock.
# Boots the next stage; returns only if kexec failed.
pe_kexec() {
	tool=$1 mode=$2 kernel=$3 extra=${4:-}
	next=$((PE_STAGE + 1))
	cmdline="$PE_BASE_CMDLINE pe.scenario=$PE_SCENARIO pe.stage=$next $extra"
	initrd=$(pe_initrd)
	pe_log "PE: stage $PE_STAGE: $tool $mode /boot/$kernel -> stage $next"
	load=-l
	[ "$mode" = -s ] && load="-s -l"
	if ! "$tool" $load /boot/"$kernel" --initrd="$initrd" \
			--command-line="$cmdline" > /tmp/kexec.out 2>&1; then
		pe_fail "load $kernel with $tool $mode" "$(tail -n 3 /tmp/kexec.out | tr '\n' ' ')"
		return 1
	fi
	pe_ok "load $kernel with $tool $mode"
	sync
	"$tool" -e > /tmp/kexec.out 2>&1
	pe_fail "exec $kernel with $tool" "kexec -e returned: $(tail -n 3 /tmp/kexec.out | tr '\n' ' ')"
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
	persistctl map
	echo "==== end of memory map ===="
}

# Checks any kernel can pass once it reached init: it booted with a sane map.
pe_check_memmap() {
	pe_check "$(pe_kernel): /sys/firmware/memmap lists System RAM" \
		grep -qx 'System RAM' /sys/firmware/memmap/*/type
	pe_check "$(pe_kernel): e820 log present" \
		sh -c 'dmesg | grep -q "BIOS-e820: \[mem"'
	pe_check "$(pe_kernel): persistctl map works" persistctl map
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
