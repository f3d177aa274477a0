# SPDX-License-Identifier: GPL-2.0
# make bench (2), (3), (4): a hypervisor's deposits, through the pool of
# lib/test_persist_e820 (16 MiB chunks). First the deposit rate, pool
# against alloc_page() (bench=65536, RUNS times). Then, for 256 MiB and
# 1 GiB of deposited pages, RUNS cycles of: deposit them one page at a time
# (each filled), kexec with them persisted (the next kernel adopts the pool
# and checks every page), withdraw them all, kexec with nothing persisted.
# scripts/bench.sh compares the downtime with the pool persisted against
# withdrawing, the downtime without it and depositing again. The stage
# after a deposit also counts the e820 entries the pool costs.
FIRMWARE=seabios
MEM=3G
RUNS=${BENCH_RUNS:-3}
TIMEOUT=$((RUNS * 240 + 120))
APPEND="log_buf_len=8M pe.runs=$RUNS"
P=/sys/module/test_persist_e820/parameters

bench_deposit() {
	local runs n i

	pe_bench_up
	runs=$(pe_arg pe.runs)
	if [ "$PE_STAGE" = 1 ]; then
		for i in $(seq 1 "$runs"); do
			pe_check "bench 65536 deposits, pool and alloc_page" \
				sh -c "echo 65536 > $P/bench"
		done
		pe_bench_dmesg 's/^test_persist_e820: \(bench: .*\)/\1/p' | pe_bench_log
	fi
	# odd stages deposit, even ones withdraw; 2 * runs stages per size
	n=
	[ "$PE_STAGE" -le $((4 * runs)) ] && n=262144
	[ "$PE_STAGE" -le $((2 * runs)) ] && n=65536
	[ -n "$n" ] || return 0
	if [ $((PE_STAGE % 2)) = 1 ]; then
		pe_check "deposit $n pages" sh -c "echo $n > $P/deposit"
		pe_bench_dmesg 's/^test_persist_e820: \(deposited .*\)/\1/p' | tail -n 1 |
			pe_bench_log
		pe_bench_kexec "persist-$n" "log_buf_len=8M pe.runs=$runs"
	else
		pe_check "the pool adopted, every page intact" \
			sh -c "dmesg | grep -q 'adopted $n pages in [0-9]* chunks: $n good, 0 bad'"
		pe_check "withdraw $n pages" sh -c "echo 1 > $P/withdraw"
		pe_bench_dmesg 's/^test_persist_e820: \(withdrew .*\)/\1/p' | tail -n 1 |
			pe_bench_log
		pe_bench_kexec "empty" "log_buf_len=8M pe.runs=$runs"
	fi
}

# One stage per kexec and a last one that only stamps (RUNS up to 15)
bench_stages() {
	local i

	for i in $(seq 1 64); do
		eval "stage_$i() { bench_deposit; }"
	done
}
bench_stages
