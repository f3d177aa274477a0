# SPDX-License-Identifier: GPL-2.0
# The vmcore follows the registry (issue 17, item 3): the crash kernel is
# loaded (KDUMP_LOAD: kexec -p -s here) while one range is persisted; then
# another is persisted, the test module's pool grows by 5000 deposited
# pages and the first range is released. After the crash, no PT_LOAD of the vmcore
# touches the new range or a pool chunk (reading a deposited page faults),
# and the released range, RAM again, is dumped. Before, the ELF headers
# were those of the load: the new range and the pool were in the dump and
# the released range was not.
FIRMWARE=seabios
TIMEOUT=300
KERNELS=bzImage
APPEND="crashkernel=256M"
MEM=2G
EXPECT_PANIC=1
KDUMP_LOAD="-p -s"

# The crash kernel's initramfs is the root as it was at the load: what
# changed after it goes through a range persisted before the load (read
# with /dev/mem there), as "keep|dump NAME START LENGTH" lines and "end".
stage_1() {
	local d

	pe_expect_kernel bzImage
	pe_persist mailbox 4K || return
	pe_persist before 16M || return
	pe_load kexec "$KDUMP_LOAD" bzImage iomem=relaxed || return
	pe_persist after 8M || return
	pe_check "bzImage: the test module deposits 5000 pages" \
		sh -c 'echo 5000 > /sys/module/test_persist_e820/parameters/deposit'
	# last: nothing allocated after it may take its pages
	pe_release before
	{
		for d in /sys/kernel/persist_e820/*; do
			echo "keep ${d##*/} $(cat "$d/start") $(cat "$d/size")"
		done
		sed 's/^/dump /' /state/released
		echo end
	} > /tmp/mailbox
	pe_check "bzImage: the pool has chunks" grep -q '^keep test_deposit' /tmp/mailbox
	pe_check "bzImage: the list goes to the mailbox" \
		sh -c 'persistctl write mailbox < /tmp/mailbox'
	# the crash kernel is updated in a work item: let it run
	sleep 1
	sync
	echo c > /proc/sysrq-trigger
}

vmcore_loads() {
	pe-scatter vmcore
}

stage_2() {
	local name start len sum what

	read -r name start len sum < /state/ranges
	pe-memread "$start" 4096 | sed '/^end$/q' > /tmp/mailbox
	pe_check "the crash kernel reads the mailbox" grep -qx end /tmp/mailbox
	pe_check "the crash kernel has a vmcore" test -e /proc/vmcore
	awk '$1 == "keep" { print $2, $3, $4, 0 }' /tmp/mailbox > /tmp/keep
	pe_check "no PT_LOAD of the vmcore touches a range persisted at the crash ($(cut -d' ' -f1 /tmp/keep | tr '\n' ' '))" \
		sh -c 'pe-scatter vmcore | pe-scatter cover /tmp/keep LOAD holes-ok'
	while read -r what name start len; do
		[ "$what" = dump ] || continue
		pe_check "the vmcore dumps $name, released after the load" \
			pe_cover vmcore_loads "" LOAD "$start" "$len"
	done < /tmp/mailbox
}
