# SPDX-License-Identifier: GPL-2.0
# A panic in the middle of a large ALLOC (issue 17) still gives a vmcore:
# the crash kernel, loaded with kexec -p -s after guest-ram was persisted,
# boots while another CPU is inside the ioctl, holding the registry's lock
# (nothing on the crash path waits for it). The vmcore reads, no
# PT_LOAD of it touches guest-ram, and guest-ram keeps its bytes.
. "${SCENARIO_DIR:-/scenarios}/seabios-kdump.sh"

# alloc_under_way PID: persistctl PID has the device open and no answer
alloc_under_way() {
	local f

	[ -s /tmp/alloc.out ] && return 1
	for f in /proc/"$1"/fd/*; do
		[ "$(readlink "$f" 2> /dev/null)" = /dev/persist_e820 ] && return 0
	done
	return 1
}

stage_1() {
	local pid i

	pe_expect_kernel bzImage
	pe_persist guest-ram 16M || return
	pe_load kexec "$KDUMP_LOAD" bzImage iomem=relaxed || return
	persistctl alloc big 256M > /tmp/alloc.out 2>&1 &
	pid=$!
	# persistctl opens the device, then calls the ioctl
	for i in $(seq 1 1000); do
		alloc_under_way "$pid" && break
	done
	pe_check "an ALLOC of 256M is under way (/dev/persist_e820 open, no answer yet: $(cat /tmp/alloc.out))" \
		alloc_under_way "$pid"
	echo c > /proc/sysrq-trigger
}

stage_2() {
	local size got name start len sum

	pe_check "the crash kernel has a vmcore" test -e /proc/vmcore
	pe_check "no PT_LOAD of the vmcore touches guest-ram" \
		sh -c 'pe-scatter vmcore | pe-scatter cover /state/ranges LOAD holes-ok'
	# all of it takes 100 s under TCG: its first and last 16 MiB
	size=$(stat -c %s /proc/vmcore)
	got=$(($(head -c $((16 << 20)) /proc/vmcore | wc -c) +
		$(tail -c $((16 << 20)) /proc/vmcore | wc -c)))
	pe_check "the vmcore reads: its first and last 16 MiB of $size bytes" \
		sh -c "[ $got = $((32 << 20)) ] && [ $size -gt $((1 << 30)) ]"
	read -r name start len sum < /state/ranges
	pe_check "crash kernel: $name bytes intact" \
		sh -c "[ \"\$(pe-memread $start $len | sha256sum | cut -d' ' -f1)\" = $sum ]"
}
