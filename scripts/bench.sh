#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh: what `make bench` runs once `make all` is done. Boots the VM
# scenarios of tests/bench/scenarios (BENCH_RUNS kexecs per point, 3 by
# default) with tests/qemu/run, then prints the table and writes
# build/bench/results.json, build/bench/table.txt and build/bench/bench.png.
# BENCH_NO_VM=1: only make the table again from the last serial logs.
#
# A TCG guest on a shared machine gives absolute times that mean little:
# what counts is each ratio within one run (downtime with N ranges against
# 0 in the same VM, pool against alloc_page in the same kernel), and the
# per-range cost the kernel measures itself. docs/performance.md explains
# each number.
set -u -o pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
out=build/bench
logs=build/logs
export BENCH_RUNS=${BENCH_RUNS:-3}
mkdir -p "$out"
start=$(date +%s)

if [ -z "${BENCH_NO_VM:-}" ]; then
	if ! SCENARIO_DIR=$top/tests/bench/scenarios tests/qemu/run \
			bench-ranges bench-deposit | tee "$out/vm.ktap"; then
		echo "bench: a bench scenario failed (see above): no results" >&2
		exit 1
	fi
fi
for s in bench-ranges bench-deposit; do
	[ -f "$logs/$s.log.txt" ] || { echo "bench: no $logs/$s.log.txt" >&2; exit 1; }
done

# The bytes of metadata, counted from the source for Linux 6.1 on x86_64
# (docs/performance.md says how): per range in slab, kmalloc size classes.
RANGE_SLAB=$((192 + 16))	# struct persist_range (168 B), its kobject name
SYSFS_SLAB=$((5 * 128 + 16))	# kernfs_node: the directory, 4 attributes; its name
RECORD_ENTRY=72			# struct persist_e820_record_entry, in persisted pages
INHERITED_RES=64		# struct resource of a range taken over at boot

# The guests' PE-BENCH lines, each after the scenario's letter
{
	sed -n 's/.*PE-BENCH: /R /p' "$logs/bench-ranges.log.txt"
	sed -n 's/.*PE-BENCH: /D /p' "$logs/bench-deposit.log.txt"
} > "$out/lines.txt"

awk -v runs="$BENCH_RUNS" -v accel="$(cat build/accel 2>/dev/null)" \
	-v date="$(date -u +%Y-%m-%dT%H:%MZ)" -v cpus="$(nproc)" \
	-v range_slab=$RANGE_SLAB -v sysfs_slab=$SYSFS_SLAB \
	-v record_entry=$RECORD_ENTRY -v inherited_res=$INHERITED_RES \
	-v json="$out/results.json" -v dat="$out/downtime.dat" '
function add(arr, k, v) {
	if (k in arr)	# not a ?: : mawk creates arr[k] first
		arr[k] = arr[k] " " v
	else
		arr[k] = v
}
function median(s,   a, n, i, j, t) {
	n = split(s, a, " ")
	if (n == 0)
		return -1
	for (i = 2; i <= n; i++) {
		t = a[i] + 0
		for (j = i - 1; j >= 1 && a[j] + 0 > t; j--)
			a[j + 1] = a[j]
		a[j + 1] = t
	}
	return n % 2 ? a[(n + 1) / 2] + 0 : (a[n / 2] + a[n / 2 + 1]) / 2
}
function jlist(s) { gsub(/ /, ", ", s); return "[" s "]" }
function r2(x) { return sprintf("%.2f", x) }
function r3(x) { return sprintf("%.3f", x) }
# growth exponent between two points: 1 is linear, 2 quadratic
function expo(t1, n1, t2, n2) {
	return (t1 > 0 && t2 > 0) ? log(t2 / t1) / log(n2 / n1) : -1
}
{ s = $1; $1 = ""; sub(/^ /, "") }
$1 == "tsc-mhz" { mhz = $2 }
$1 == "memmap" { mm_total = $2; mm_pers = $4 }
$1 == "tsc" && $2 == "exec" { pend = $3; pend_t = $4; memmap[s, pend] = mm_total " " mm_pers }
$1 == "tsc" && $2 == "up" && pend != "" {
	last = ($4 - pend_t) / mhz / 1000	# ms
	add(down, s SUBSEP pend, r3(last))
	prev = pend
	pend = ""
}
s == "R" && /^took over/ { add(boot, prev, $(NF - 1)) }
s == "R" && $1 == "handover" { add(load, $2, $(NF - 1)); ent[$2] = $7 }
s == "R" && $1 == "slab" && $4 > $2 { slab[$2 "-" $4] = ($5 - $3) * 1024 / ($4 - $2) }
s == "D" && $1 == "bench:" {
	sub(/,/, "")
	add(bpool, 1, $5); add(bplain, 1, $8); add(brate, 1, r3($8 / $5))
	bn = $2
}
s == "D" && $1 == "deposited" {
	add(dep, $2, $(NF - 1) / 1000); chunks[$2] = $8
}
s == "D" && $1 == "handover" { dent[$2] = $7 }
s == "D" && $1 == "withdrew" { add(wd, $2, $(NF - 1) / 1000) }
s == "D" && $1 == "adopted" {
	# the check of every page is the test module'"'"'s, not the handover'"'"'s
	add(adopt, $2, $(NF - 5) / 1000); add(check, $2, $(NF - 1) / 1000)
	add(dpersist, $2, r3(last - $(NF - 1) / 1000))
}
END {
	npts = split("0 1 128 1024 1500", pts, " ")
	d0 = median(down["R", 0])
	printf "(1) kexec downtime against persisted 4 KiB ranges: our kernel into itself, kexec -s, SeaBIOS, 3 GiB; median of %d\n", runs
	printf "%7s %8s %12s %8s %9s %8s %9s %8s\n", "ranges", "entries", "downtime ms", "vs 0", \
		"load us", "us/range", "boot us", "us/range"
	printf "" > dat
	for (i = 1; i <= npts; i++) {
		n = pts[i]
		d[n] = median(down["R", n])
		l[n] = median(load[n]); b[n] = median(boot[n])
		split(memmap["R", n], mm, " ")
		e = (n in ent) ? ent[n] : mm[1]
		printf "%7d %8s %12.1f %8.3f %9s %8s %9s %8s\n", n, e, d[n], d[n] / d0, \
			n ? l[n] : "-", n ? r2(l[n] / n) : "-", n ? b[n] : "-", n ? r2(b[n] / n) : "-"
		print n, d[n], (n ? l[n] / 1000 : 0), (n ? b[n] / 1000 : 0), down["R", n] >> dat
		rows = rows sprintf("%s\n    {\"ranges\": %d, \"e820_entries\": %d, \"downtime_ms\": %s, " \
			"\"downtime_ms_median\": %.3f, \"vs_0_ranges\": %.4f, \"load_us\": %s, " \
			"\"boot_us\": %s, \"load_us_per_range\": %s, \"boot_us_per_range\": %s}", \
			i > 1 ? "," : "", n, e, jlist(down["R", n]), d[n], d[n] / d0, \
			n ? jlist(load[n]) : "[]", n ? jlist(boot[n]) : "[]", \
			n ? r3(l[n] / n) : "null", n ? r3(b[n] / n) : "null")
	}
	big = pts[npts]
	xl = expo(l[128], 128, l[big], big); xb = expo(b[128], 128, b[big], big)
	# added downtime against 1 range: 0 ranges is the slower case here
	# (docs/performance.md), which would make small differences negative
	xd = expo(d[1024] - d[1], 1024, d[big] - d[1], big)
	add1024 = 100 * (d[1024] - d0) / d0
	printf "growth as ranges^x (1: linear, 2: quadratic), 128 to %d ranges: load x = %.2f, boot x = %.2f; downtime added to that of 1 range, 1024 to %d: x = %.2f\n", \
		big, xl, xb, big, xd
	printf "goal: 1024 ranges add < 1%% to the downtime of 0: %+.1f%%: %s\n", add1024, \
		(add1024 < 1 ? "met" : "NOT met")
	printf "goal: per-range cost grows linearly: load %s, boot %s\n", \
		(xl < 1.3 ? "yes" : "NO"), (xb < 1.3 ? "yes" : "NO")

	g = 262144
	split(memmap["D", "persist-" g], mm, " ")
	epr = ent[big] / big
	printf "\n(2) e820 entries for 1 GiB deposited one 4 KiB page at a time\n"
	printf "pool (16 MiB chunks): %d pages in %d chunks: %d persisted entries, %d e820 entries in all handed over\n", \
		g, chunks[g], mm[2], dent[chunks[g]]
	printf "one range per page: %d ranges, about %d entries (%.2f per scattered range, measured at %d); the registry holds at most 2048 ranges, the receiver 3200 entries\n", \
		g, g * epr, epr, big
	printf "goal: at most one entry per chunk: %s\n", (mm[2] <= chunks[g] ? "met" : "NOT met")

	rate = median(brate[1])
	printf "\n(3) deposit rate, %d pages, median of %d: pool %d ns/page, alloc_page %d ns/page: pool at %.2fx alloc_page'"'"'s rate (goal >= 0.8x): %s\n", \
		bn, runs, median(bpool[1]), median(bplain[1]), rate, (rate >= 0.8 ? "met" : "NOT met")

	te = median(down["D", "empty"])
	printf "\n(4) persist against withdraw and deposit again (medians of %d; ms)\n", runs
	printf "%8s %12s %9s %9s | %9s %12s %12s %12s | %6s\n", "deposit", "downtime", "adopt", "(check)", \
		"withdraw", "downtime 0", "deposit+fill", "alternative", "ratio"
	nsz = split("65536 262144", szs, " ")
	for (i = 1; i <= nsz; i++) {
		n = szs[i]
		tp = median(dpersist[n]); alt = median(wd[n]) + te + median(dep[n])
		printf "%4d MiB %12.1f %9.1f %9.1f | %9.1f %12.1f %12.1f %12.1f | %5.2fx\n", n / 256, tp, \
			median(adopt[n]), median(check[n]), median(wd[n]), te, median(dep[n]), alt, alt / tp
		prows = prows sprintf("%s\n    {\"pages\": %d, \"mib\": %d, \"downtime_ms\": %s, " \
			"\"adopt_ms\": %s, \"check_ms_excluded\": %s, \"withdraw_ms\": %s, " \
			"\"downtime_empty_ms\": %s, \"deposit_fill_ms\": %s, \"persist_ms\": %.3f, " \
			"\"alternative_ms\": %.3f, \"ratio\": %.3f}", i > 1 ? "," : "", n, n / 256, \
			jlist(dpersist[n]), jlist(adopt[n]), jlist(check[n]), jlist(wd[n]), \
			jlist(down["D", "empty"]), jlist(dep[n]), tp, alt, alt / tp)
	}
	printf "(downtime: pe-tsc exec to the next /init with the pool persisted, less the test module'"'"'s check of every page; alternative: withdraw + downtime with nothing persisted + deposit and fill)\n"

	per_range = range_slab + sysfs_slab
	sl = slab["128-1024"]
	gib_pool = chunks[g] * (4096 + per_range + record_entry)
	printf "\n(5) metadata\n"
	printf "per range: %d B in slab (struct persist_range %d, sysfs %d), %d B of record, %d B more once taken over (struct resource); measured: Slab grew %d B per range from 128 to 1024 ranges (with /sys/firmware/memmap)\n", \
		per_range, range_slab, sysfs_slab, record_entry, inherited_res, sl
	printf "per GiB: one range: %d B; deposited through the pool: %d chunks x (4096 B header page + %d B) = %d B (%.3f%%)\n", \
		per_range + record_entry, chunks[g], per_range + record_entry, gib_pool, 100 * gib_pool / 2^30

	printf "{\n  \"command\": \"make bench\",\n  \"date\": \"%s\",\n  \"accel\": \"%s\",\n  \"cpus\": %d,\n  \"runs\": %d,\n", \
		date, accel, cpus, runs > json
	printf "  \"downtime_vs_ranges\": [%s\n  ],\n", rows > json
	printf "  \"growth_exponent\": {\"load\": %.3f, \"boot\": %.3f, \"added_downtime\": %.3f},\n", xl, xb, xd > json
	printf "  \"downtime_added_by_1024_ranges_percent\": %.3f,\n", add1024 > json
	printf "  \"pool_entries\": {\"pages\": %d, \"chunk_mib\": 16, \"chunks\": %d, \"persisted_entries\": %d, " \
		"\"e820_entries\": %d, \"one_range_per_page_ranges\": %d, \"one_range_per_page_entries\": %d},\n", \
		g, chunks[g], mm[2], dent[chunks[g]], g, g * epr > json
	printf "  \"deposit_rate\": {\"pages\": %d, \"pool_ns_per_page\": %s, \"alloc_page_ns_per_page\": %s, " \
		"\"ratio\": %s, \"ratio_median\": %.3f},\n", bn, jlist(bpool[1]), jlist(bplain[1]), \
		jlist(brate[1]), rate > json
	printf "  \"persist_vs_redeposit\": [%s\n  ],\n", prows > json
	printf "  \"metadata_bytes\": {\"per_range_slab\": %d, \"per_range_record\": %d, " \
		"\"per_inherited_range_resource\": %d, \"measured_slab_per_range\": %d, " \
		"\"per_gib_one_range\": %d, \"per_gib_pool\": %d}\n}\n", per_range, record_entry, \
		inherited_res, sl, per_range + record_entry, gib_pool > json
}' "$out/lines.txt" > "$out/table.txt" || { echo "bench: awk failed" >&2; exit 1; }
cat "$out/table.txt"

gnuplot <<EOF
set terminal pngcairo size 1000,420 font ",10"
set output "$out/bench.png"
set multiplot layout 1,2 title "persist-e820: kexec -s of our kernel into itself (TCG guest, median of $BENCH_RUNS)"
set key top left
set grid
set xlabel "persisted 4 KiB ranges"
set ylabel "downtime (ms)"
set yrange [0:*]
plot "$out/downtime.dat" using 1:2 with linespoints pt 7 title "reboot(KEXEC) to next /init", \
     for [c=5:4+$BENCH_RUNS] "" using 1:c with points pt 1 lc rgb "gray" notitle
set ylabel "in-kernel time (ms)"
plot "$out/downtime.dat" using 1:3 with linespoints pt 7 title "map built at load", \
     "" using 1:4 with linespoints pt 5 title "ranges taken over at boot"
unset multiplot
EOF
echo "bench: $out/results.json, $out/table.txt, $out/bench.png ($(( $(date +%s) - start ))s)"
