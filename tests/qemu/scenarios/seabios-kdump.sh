# SPDX-License-Identifier: GPL-2.0
# H8: a crash kernel loaded (KDUMP_LOAD: kexec -p -s here) after two
# ranges were persisted gets a vmcore that leaves them out (reading a
# deposited page faults), and the ranges keep their bytes through the
# crash.
FIRMWARE=seabios
TIMEOUT=300
KERNELS=bzImage
APPEND="crashkernel=256M"
# Room beside the 256 MiB the crash kernel takes (a CI run once ended with
# neither its own release file nor 16 MiB free; not reproduced here)
MEM=2G
EXPECT_PANIC=1
KDUMP_LOAD="-p -s"

stage_1() {
	pe_expect_kernel bzImage
	pe_persist guest-ram 16M || return
	pe_persist iommu-pt 4M || return
	pe_load kexec "$KDUMP_LOAD" bzImage iomem=relaxed || return
	echo c > /proc/sysrq-trigger
}
never_ram() {
	"$1" | pe-scatter cover /state/ranges "$2" holes-ok
}

vmcore_loads() {
	pe-scatter vmcore
}

stage_2() {
	pe_check "the crash kernel has a vmcore" test -e /proc/vmcore
	pe_check "the vmcore has PT_LOAD ranges" sh -c 'pe-scatter vmcore | grep -q LOAD'
	pe_check "no PT_LOAD of the vmcore touches a persisted range" \
		never_ram vmcore_loads LOAD
	# The crash kernel's map has only what crash_setup_memmap_entries()
	# gives it: the ranges are holes there, never RAM.
	pe_check "the ranges are never RAM in the crash kernel's /proc/iomem" \
		never_ram pe_map_iomem "System RAM"
	while read -r name start len sum; do
		got=$(pe-memread "$start" "$len" | sha256sum | cut -d' ' -f1)
		if [ "$got" = "$sum" ]; then
			pe_ok "crash kernel: $name bytes intact"
		else
			pe_fail "crash kernel: $name bytes intact" "sha256 $got, expected $sum"
		fi
	done < /state/ranges
}
