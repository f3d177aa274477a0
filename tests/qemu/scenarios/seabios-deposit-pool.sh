# SPDX-License-Identifier: GPL-2.0
# A hypervisor's deposits (I4, the pool): lib/test_persist_e820 deposits
# 5000 pages one at a time through a persisted pool of 16 MiB chunks (2
# chunks, so 2 ranges however many pages), fills them, and after kexec
# adopts the pool by name and finds every page intact; then through
# Debian's stock kernel and back. Userspace may neither map nor release a
# kernel user's chunk. Withdrawing the pool frees its 32 MiB. Pages the
# test allocated itself and registered (as a driver would its IOMMU page
# tables) stay its own until it adopts them: left unadopted for a boot,
# user space cannot release them, and they come back intact through
# Debian's kernel.
FIRMWARE=seabios
TIMEOUT=300
KERNELS="bzImage vmlinuz-6.1"
P=/sys/module/test_persist_e820/parameters

pe_pool_chunks() {
	local k=$(pe_kernel) origin=$1 n

	for n in 0 1; do
		pe_check "$k: chunk test_deposit.$n is $origin, owner test_persist" \
			sh -c "[ \"\$(cat /sys/kernel/persist_e820/test_deposit.$n/origin \
				/sys/kernel/persist_e820/test_deposit.$n/owner | tr '\n' ' ')\" = '$origin test_persist ' ]"
	done
	pe_check "$k: the pool is 2 ranges" \
		sh -c '[ "$(ls -d /sys/kernel/persist_e820/test_deposit.* | wc -l)" = 2 ]'
}

pe_adopted() {
	pe_check "$(pe_kernel): the pool adopted, $1 pages intact" \
		sh -c "dmesg | grep -q 'test_persist_e820: adopted $1 pages in 2 chunks: $1 good, 0 bad, in'"
}

stage_1() {
	local n

	pe_expect_kernel bzImage
	pe_check "bzImage: deposit 5000 pages one at a time" sh -c "echo 5000 > $P/deposit"
	pe_check "bzImage: 5000 pages in 2 chunks" \
		sh -c "dmesg | grep -q 'deposited 5000 pages: 5000 in use in 2 chunks, in'"
	pe_pool_chunks allocated
	mkdir -p /state
	for n in 0 1; do
		echo "test_deposit.$n $(cat /sys/kernel/persist_e820/test_deposit.$n/start \
			/sys/kernel/persist_e820/test_deposit.$n/size | tr '\n' ' ')"
	done > /state/chunks
	pe_check "bzImage: the pool is 2 entries in /sys/firmware/memmap" \
		sh -c '[ "$(grep -lx "Persisted Memory" /sys/firmware/memmap/*/type | wc -l)" -le 2 ]'
	pe_check "bzImage: register 16 pages of its own (a driver's tables)" \
		sh -c "echo 16 > $P/register"
	pe_check "bzImage: test_register is registered, owner test_persist" \
		sh -c "[ \"\$(cat /sys/kernel/persist_e820/test_register/origin)\" = registered ]"
	pe_check "bzImage: userspace may not release a kernel user's chunk" \
		pe_fails persistctl release test_deposit.0
	pe_check "bzImage: nor read it" pe_fails persistctl read test_deposit.0
	pe_kexec kexec -s bzImage test_persist_e820.adopt_registered=0
}
stage_2() {
	pe_hop bzImage
	pe_adopted 5000
	pe_check "bzImage: test_register inherited, not adopted" \
		sh -c "[ \"\$(cat /sys/kernel/persist_e820/test_register/origin)\" = inherited ]"
	pe_check "bzImage: userspace may not release a kernel user's range before it adopts it" \
		pe_fails persistctl release test_register
	pe_check "bzImage: test_register still persisted" \
		test -d /sys/kernel/persist_e820/test_register
	pe_pool_chunks inherited
	pe_check "bzImage: deposit 100 more" sh -c "echo 100 > $P/deposit"
	pe_kexec kexec -s vmlinuz-6.1
}
stage_3() {
	pe_hop vmlinuz-6.1
	local name start len

	while read -r name start len; do
		pe_check "vmlinuz-6.1: $name not RAM in the e820 log" \
			pe_not_ram pe_map_e820 usable "$start" "$len"
		pe_check "vmlinuz-6.1: $name not RAM in /proc/iomem" \
			pe_not_ram pe_map_iomem "System RAM" "$start" "$len"
	done < /state/chunks
	pe_kexec kexec-2.0.25 -s bzImage
}
stage_4() {
	local before after

	pe_hop bzImage
	pe_adopted 5100
	pe_check "bzImage: the registered range adopted through 6.1, 16 pages intact" \
		sh -c "dmesg | grep -q 'adopted test_register: 16 pages, 16 good'"
	before=$(pe_memfree)
	pe_check "bzImage: withdraw every page, release the pool" sh -c "echo 1 > $P/withdraw"
	after=$(pe_memfree)
	# less 4 MiB: what the system does meanwhile
	if [ $((after - before)) -ge $((32768 - 4096)) ]; then
		pe_ok "bzImage: the pool's 32 MiB freed: free memory $before -> $after KiB"
	else
		pe_fail "bzImage: the pool's 32 MiB freed" "free memory $before -> $after KiB"
	fi
	pe_check "bzImage: no chunk left" \
		pe_fails sh -c 'ls -d /sys/kernel/persist_e820/test_deposit.* 2>/dev/null | grep -q .'
}
