# SPDX-License-Identifier: GPL-2.0
# make bench (1), (5): kexec downtime against the number of persisted
# ranges. Our kernel kexecs into itself (kexec -s) RUNS times with each
# number of scattered 4 KiB ranges of POINTS persisted (pe-scatter; two
# e820 entries each), adding ranges as it goes: 1500 ranges are about 3000
# e820 entries, close to the 3200 the receiving kernel keeps. Every stage
# stamps the TSC first (pe_bench_up) and the previous one stamped it just
# before reboot(KEXEC): scripts/bench.sh turns the pairs into downtimes and
# reads the kernel's own timings (handover at load, take-over at boot).
# The Slab counter before and after each batch of ranges gives the
# registry's and sysfs's memory per range.
FIRMWARE=seabios
# 4 KiB allocations come from above 4 GiB (ZONE_NORMAL), as in the scale tests
MEM=3G
RUNS=${BENCH_RUNS:-3}
POINTS="0 1 128 1024 1500"
TIMEOUT=$((RUNS * 400 + 120))
APPEND="log_buf_len=8M pe.runs=$RUNS"

pe_slab() {
	sync
	echo 3 > /proc/sys/vm/drop_caches
	awk '/^Slab:/ { print $2 }' /proc/meminfo
}

bench_ranges() {
	local runs have want before after

	pe_bench_up
	runs=$(pe_arg pe.runs)
	# kexec number PE_STAGE has the (PE_STAGE - 1) / runs + 1-th point
	want=$(echo $POINTS | cut -d' ' -f$(((PE_STAGE - 1) / runs + 1)))
	[ -n "$want" ] || return 0
	have=0
	[ -s /state/scatter ] && have=$(wc -l < /state/scatter)
	if [ "$want" -gt "$have" ]; then
		before=$(pe_slab)
		mkdir -p /state
		pe-scatter make $((want - have)) "s$PE_STAGE" >> /state/scatter ||
			{ pe_fail "persist $((want - have)) more scattered ranges"; return 1; }
		after=$(pe_slab)
		pe_log "PE-BENCH: slab $have $before $want $after"
	fi
	pe_check "$want ranges persisted" \
		test "$(ls /sys/kernel/persist_e820 | wc -l)" = "$want"
	pe_bench_kexec "$want" "log_buf_len=8M pe.runs=$runs"
}

# One stage per kexec and a last one that only stamps (RUNS up to 12)
bench_stages() {
	local i

	for i in $(seq 1 64); do
		eval "stage_$i() { bench_ranges; }"
	done
}
bench_stages
