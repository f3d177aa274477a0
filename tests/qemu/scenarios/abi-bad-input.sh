# SPDX-License-Identifier: GPL-2.0
# I6 for /dev/persist_e820: pe-abi-test feeds the driver every bad input
# (sizes, names, duplicates, unknown names, reserved fields, struct sizes,
# unprivileged callers, mmap past the end, the registry limit) and checks
# the errno and that the registry did not change.
FIRMWARE=seabios
TIMEOUT=300
KERNELS=bzImage
# 4 KiB allocations come from above 4 GiB (ZONE_NORMAL), far above the
# 256 MiB floor; in a 1 GiB VM most free 4 KiB pages lie below it.
MEM=3G

stage_1() {
	pe_expect_kernel bzImage
	pe-abi-test > /tmp/abi.out 2>&1
	rc=$?
	grep -v '^#' /tmp/abi.out | while IFS= read -r line; do
		case $line in
		"ok "*) pe_ok "abi: ${line#ok }" ;;
		"not ok "*) pe_log "PE-RESULT: not ok abi: ${line#not ok }" ;;
		*) pe_fail "abi: output" "$line" ;;
		esac
	done
	[ $rc = 0 ] || pe_fail "pe-abi-test exit status" "$rc: $(tail -n 2 /tmp/abi.out | tr '\n' ' ')"
}
