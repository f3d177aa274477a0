# SPDX-License-Identifier: GPL-2.0
# A concurrency soak (issue 17): while user space allocates and releases
# ranges and the test module deposits pages through its pool (and gives
# the pool back every 500 steps), without a pause, our kernel loads and unloads a kexec image 100 times with
# kexec_file_load and 100 times with kexec_load. No kexec_file load fails;
# a kexec_load that meets a change is refused, saying why: its map went
# stale (ESTALE; our kexec-tools reads the map and loads again, three
# tries) or a segment lies on a range persisted meanwhile (EADDRNOTAVAIL);
# no allocation, release or deposit fails (no EBUSY to a depositor). Then, user space still allocating and
# releasing, kexec -s into our kernel: every range there is back under
# its name, the record accepted, the pool's pages intact.
FIRMWARE=seabios
TIMEOUT=600
KERNELS=bzImage
P=/sys/module/test_persist_e820/parameters

# pe_churn DEPOSITS: allocate and release 64 KiB ranges (four at a time
# held), and if DEPOSITS is 1 deposit 16 pages at each step and withdraw
# the pool every 500 steps, until /tmp/stop exists; failures go to
# /tmp/churn.fail
pe_churn() {
	local i=0

	while [ ! -e /tmp/stop ]; do
		i=$((i + 1))
		persistctl alloc "c$i" 64K > /dev/null 2>> /tmp/churn.fail ||
			echo "alloc c$i failed" >> /tmp/churn.fail
		if [ $i -gt 4 ] && ! persistctl release "c$((i - 4))" 2>> /tmp/churn.fail; then
			echo "release c$((i - 4)) failed" >> /tmp/churn.fail
		fi
		if [ "$1" = 1 ] && ! echo 16 2> /dev/null > $P/deposit; then
			echo "deposit at step $i failed" >> /tmp/churn.fail
		fi
		# the pool gives its chunks back now and then: it stays small
		if [ "$1" = 1 ] && [ $((i % 500)) = 0 ] &&
				! echo 1 2> /dev/null > $P/withdraw; then
			echo "withdraw at step $i failed" >> /tmp/churn.fail
		fi
	done
	echo "$i" > /tmp/churn.steps
}

stage_1() {
	local c sfail=0 lfail=0 stale=0 retried=0 pid

	pe_expect_kernel bzImage
	echo /dev/null | cpio -o -H newc > /tmp/tiny.cpio 2> /dev/null
	: > /tmp/churn.fail
	pe_churn 1 &
	pid=$!
	for c in $(seq 1 100); do
		kexec -s -l /boot/bzImage --initrd=/tmp/tiny.cpio --command-line=soak \
			> /tmp/load.out 2>&1 || sfail=$((sfail + 1))
		kexec -u
		if ! kexec -c -l /boot/bzImage --initrd=/tmp/tiny.cpio \
				--command-line=soak > /tmp/load.out 2>&1; then
			lfail=$((lfail + 1))
			# refused for a change: the map (ESTALE, after three
			# tries) or a segment on a range persisted meanwhile
			# (EADDRNOTAVAIL)
			if grep 'kexec_load failed' /tmp/load.out | tail -n 1 |
					grep -q 'the memory map changed\|Cannot assign requested address'; then
				stale=$((stale + 1))
			else
				grep 'failed' /tmp/load.out | tail -n 1 >> /tmp/load.fail
			fi
		fi
		retried=$((retried + $(grep -c 'loading again' /tmp/load.out)))
		kexec -u
	done
	touch /tmp/stop
	wait $pid
	rm -f /tmp/stop
	pe_log "PE: soak: $(cat /tmp/churn.steps) steps of allocation, release and deposit"
	pe_check "bzImage: 100 kexec_file loads while ranges change: none failed ($sfail)" \
		[ $sfail = 0 ]
	pe_check "bzImage: 100 kexec_load loads: each failed one was refused for a change ($lfail failed, $stale of them so; $retried loads again; $(sort /tmp/load.fail 2> /dev/null | uniq -c | head -n 4 | tr '\n' ' '))" \
		sh -c "[ $lfail = 0 ] || [ $stale -ge $lfail ]"
	pe_check "bzImage: no allocation, release or deposit failed ($(head -c 300 /tmp/churn.fail | tr '\n' ' '))" \
		test ! -s /tmp/churn.fail
	pe_check "bzImage: the pool takes deposits after the soak" \
		sh -c "echo 16 > $P/deposit && ls -d /sys/kernel/persist_e820/test_deposit.* > /dev/null"
	# the last load and exec while user space goes on changing ranges
	pe_churn 0 &
	pe_kexec kexec -s bzImage
}

stage_2() {
	pe_hop bzImage
	pe_check "bzImage: every range back under its name" \
		pe_fails sh -c 'ls /sys/kernel/persist_e820 | grep -v "^c[0-9]*$\|^test_deposit\.[0-9]*$"'
	pe_check "bzImage: the record accepted" \
		pe_fails sh -c 'dmesg | grep -q "record of names refused"'
	pe_check "bzImage: the pool adopted, no page bad" \
		sh -c 'dmesg | grep -q "test_persist_e820: adopted [0-9]* pages in [0-9]* chunks: [0-9]* good, 0 bad"'
}
