# SPDX-License-Identifier: GPL-2.0
# Beside Kexec HandOver: our kernel runs with KHO on (its default) and
# lib/test_kho.c preserving folios at every boot. No persisted range
# overlaps KHO's scratch areas (the next kernel adds them as RAM and boots
# in them); one kexec_file_load into our kernel carries both: test_kho
# restores its folios ("KHO restore succeeded") and our ranges come back
# by name with their bytes. With the ranges released, the next kexec
# carries KHO alone (test_kho preserves only in a kernel KHO did not
# start: its metadata counts the second kexec).
FIRMWARE=ovmf
TIMEOUT=300
KERNELS=bzImage

kho_dir=/sys/kernel/debug/kho/out

# pe_off_scratch: no range of /state/ranges overlaps a KHO scratch area
pe_off_scratch() {
	paste "$kho_dir/scratch_phys" "$kho_dir/scratch_len" |
		while read -r s l; do
			echo "scratch $s $l"
		done > /tmp/scratch
	[ -s /tmp/scratch ] || { echo "no scratch areas"; return 1; }
	awk "$PE_AWK_HEX"'
		$1 == "scratch" { s[n] = hex($2); e[n] = hex($2) + hex($3); n++; next }
		{
			a = hex($2); b = a + $3
			for (i = 0; i < n; i++)
				if (a < e[i] && b > s[i]) {
					printf "%s overlaps scratch %x-%x\n", $1, s[i], e[i]
					bad = 1
				}
		}
		END { exit bad }' /tmp/scratch /state/ranges
}

pe_kho_restored() {
	pe_check "$(pe_kernel): KHO revived the previous kernel's state" \
		sh -c 'dmesg | grep -q "KHO: found kexec handover data"'
	pe_check "$(pe_kernel): test_kho restored its preserved folios" \
		sh -c 'dmesg | grep -q "test_kho: KHO restore succeeded"'
}

stage_1() {
	pe_expect_kernel bzImage
	mount -t debugfs debugfs /sys/kernel/debug
	pe_check "KHO is on, with scratch areas" grep -q . "$kho_dir/scratch_phys"
	pe_persist guest-ram 16M || return
	pe_persist iommu-pt 4M || return
	pe_check "no persisted range overlaps KHO scratch" pe_off_scratch
	pe_check_persisted running
	pe_kexec kexec -s bzImage
}
stage_2() {
	pe_expect_kernel bzImage
	pe_kho_restored
	pe_check_named
	pe_release guest-ram
	pe_release iommu-pt
	pe_kexec kexec -s bzImage
}
stage_3() {
	pe_expect_kernel bzImage
	pe_check "$(pe_kernel): KHO revived, counting two kexecs" \
		sh -c 'dmesg | grep -q "KHO: exec from: .* (count 2)"'
	pe_check "nothing is persisted any more" \
		sh -c '[ -z "$(ls /sys/kernel/persist_e820 2>/dev/null)" ]'
}
