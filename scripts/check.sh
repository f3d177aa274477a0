#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh [SCENARIO...]: what `make check` runs.
#   no argument: host unit tests, the build, fuzzing, style and series
#   checks, then every VM scenario;
#   SCENARIO...: the build, then only those VM scenarios.
# Ends with one "N passed, N failed" line over everything that ran.
set -u -o pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
logs=build/logs
mkdir -p "$logs"
rm -f "$logs"/unit.tap "$logs"/fuzz.tap "$logs"/build.log "$logs"/lint.tap \
	"$logs"/vm.ktap "$logs"/selftest.ktap "$logs"/series.tap "$logs"/kseries.tap

for t in "$@"; do
	[ -f "tests/qemu/scenarios/$t.sh" ] && continue
	echo "check: unknown scenario '$t'; known scenarios:" >&2
	tests/qemu/run -l | sed 's/^/  /' >&2
	exit 2
done

phase() {
	local name=$1 start
	shift
	start=$(date +%s)
	echo "# == $name"
	"$@"
	local rc=$?
	echo "# == $name: $(( $(date +%s) - start ))s, exit $rc"
	return $rc
}

build_fail=0
if [ $# = 0 ]; then
	phase "host unit tests" make -s -C tests/unit OUT="$top/build" check \
		2>&1 | tee "$logs/unit.tap"
fi
# The build is one phase per component, so the times show where they go.
# The VM scenarios need our two kernels and Debian's stock ones
# (build/vmlinuz-X.Y), our kexec and each release's (build/kexec-X.Y.Z); the
# series come from the Makefile, which exports them.
stock= kexecs=
for v in ${STOCK_KERNELS:-5.10 6.1 6.12 7.3}; do stock="$stock build/vmlinuz-$v"; done
for v in ${STOCK_KEXEC_TOOLS:-2.0.20 2.0.25 2.0.29 2.0.32}; do kexecs="$kexecs build/kexec-$v"; done
for step in "fetch:setup fetch" "kernels:build/bzImage build/bzImage-off$stock" \
	    "kexec-tools:build/kexec$kexecs" "tools and initramfs:all"; do
	if ! phase "build ${step%%:*}" sh -c "make -s ${step#*:} >> $logs/build.log 2>&1"; then
		tail -n 30 "$logs/build.log"
		echo "not ok - build ${step%%:*} # see $logs/build.log"
		build_fail=1
		break
	fi
done
# Every libFuzzer target briefly (`make fuzz` runs them longer), one TAP
# line each; if they did not even build, one line says so. After the
# build: one target reads the memory map through our kexec-tools as built.
if [ $# = 0 ]; then
	if ! phase "fuzzing (${FUZZ_TIME:=8}s per target)" sh -c \
		"make -s -j$(nproc) -C tests/fuzz run OUT='$top/build' FUZZ_TIME=$FUZZ_TIME > $logs/fuzz.log 2>&1"; then
		tail -n 30 "$logs/fuzz.log"
		grep -q '^not ok ' "$logs/fuzz.log" ||
			echo "not ok - fuzz build # see $logs/fuzz.log" >> "$logs/fuzz.log"
	fi
	grep -E '^(not )?ok ' "$logs/fuzz.log" | tee "$logs/fuzz.tap"
fi
if [ $build_fail = 0 ]; then
	[ $# = 0 ] && phase "kernel style (checkpatch, kernel-doc, C90 UAPI)" \
		scripts/lint.sh | tee "$logs/lint.tap"
	[ $# = 0 ] && phase "kexec-tools series (each patch applies and builds)" \
		scripts/series-kexec-tools.sh --check build/src/kexec-tools-$KEXEC_TOOLS_BASE \
		build/series-kexec-tools | tee "$logs/series.tap"
	[ $# = 0 ] && phase "kernel series (each patch applies and builds, checkpatch)" \
		scripts/series-kernel.sh --check build/src/linux-source-$LINUX_BASE \
		build/series | tee "$logs/kseries.tap"
	phase "VM scenarios" tests/qemu/run "$@" | tee "$logs/vm.ktap"
	[ $# = 0 ] && phase "harness self-test" tests/qemu/selftest.sh |
		tee "$logs/selftest.ktap"
fi

results() {
	cat "$logs"/unit.tap "$logs"/fuzz.tap "$logs"/lint.tap "$logs"/series.tap "$logs"/kseries.tap \
		"$logs"/vm.ktap "$logs"/selftest.ktap 2>/dev/null
}
pass=$(results | grep -c '^ok ')
fail=$(results | grep -c '^not ok ')
fail=$((fail + build_fail))
[ -f "$logs/unit.tap" ] || [ $# -gt 0 ] || fail=$((fail + 1))
# A skip (a scenario whose premise was missing) passes, and is listed
results | grep '^ok .* # SKIP ' | sed 's/^/# skipped: /'
echo "$pass passed, $fail failed"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
