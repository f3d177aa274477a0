# SPDX-License-Identifier: GPL-2.0
# Hibernation keeps what is persisted and what was released (I7; issue 17,
# item 2). Our kernel persists two ranges and kexecs into itself, which
# inherits them, releases one (its pages go to the page allocator, and
# pe-hold takes and fills some of them), persists a third and hibernates to
# a virtio disk. A new VM, RAM fresh, boots our kernel with resume=: the
# kernel resumes, and the inherited range still held, the range persisted
# after the kexec and the pages of the released range hold their bytes.
# A last kexec hands both ranges on by name.
FIRMWARE=seabios
TIMEOUT=300
KERNELS=bzImage
DISK=1G

stage_1() {
	pe_expect_kernel bzImage
	pe_persist keep 32M || return
	pe_persist drop 64M || return
	pe_kexec kexec -s bzImage
}

stage_2() {
	local name start len pid i out

	pe_hop bzImage
	pe_check_named
	pe_release_frees drop
	pe_persist fresh 16M || return
	read -r name start len < /state/released
	pe-hold "$start" "$len" 512 > /tmp/hold.out 2>&1 &
	pid=$!
	for i in $(seq 1 120); do
		grep -q '^hold: ' /tmp/hold.out && break
		kill -0 $pid 2> /dev/null || break
		sleep 1
	done
	out=$(cat /tmp/hold.out)
	pe_check "bzImage: pages of the released range hold data ($out)" \
		grep -q '^hold: .*, [1-9][0-9]* in the range' /tmp/hold.out
	pe_hibernate || return
	kill -USR1 $pid
	wait $pid
	i=$?
	out=$(tail -n 1 /tmp/hold.out)
	pe_check "bzImage after resume: the pages of the released range kept their bytes ($out)" \
		[ $i = 0 ]
	pe_check_bytes "bytes intact after resume"
	pe_kexec kexec -s bzImage
}

stage_3() {
	pe_hop bzImage
	pe_check_named
	pe_check_released
}
