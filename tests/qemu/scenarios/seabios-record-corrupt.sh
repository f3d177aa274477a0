# SPDX-License-Identifier: GPL-2.0
# A record broken in memory by a kernel in the middle of the chain (I6):
# our kernel persists two ranges and kexecs into Debian's stock kernel,
# which breaks the record through /dev/mem one way (pe-record) and kexecs
# into our kernel. Ours warns once with the reason, boots, keeps every
# range reserved and unnamed, bytes intact, and hands them on; then the
# next case, for each way a record can be wrong.
FIRMWARE=seabios
TIMEOUT=600
KERNELS="bzImage vmlinuz-6.1"

# case:a word of the kernel's reason
CASES="magic:not.a.record version:version size:size checksum:checksum
	outside:cover overlap:overlapping name:name count:many"

pe_case() {
	echo $CASES | tr ' ' '\n' | sed -n "${1}p"
}

stage_1() {
	pe_expect_kernel bzImage
	pe_persist a 8M || return
	pe_persist b 4M || return
	pe_kexec kexec -s vmlinuz-6.1 iomem=relaxed
}

# Even stages: the stock kernel breaks the record for case N/2.
pe_break() {
	local c=$(pe_case $((PE_STAGE / 2)))

	pe_expect_kernel vmlinuz-6.1
	pe-record show
	pe_check "vmlinuz-6.1: break the record: ${c%%:*}" pe-record corrupt "${c%%:*}"
	pe-record show
	pe_kexec kexec-2.0.25 -s bzImage iomem=relaxed
}

# Odd stages: our kernel refused it, kept everything, and goes on.
pe_refused() {
	local c=$(pe_case $(((PE_STAGE - 1) / 2)))

	pe_hop bzImage
	pe_check "bzImage: warned once: record refused (${c#*:})" \
		sh -c "[ \"\$(dmesg | grep -c 'record of names refused: .*${c#*:}')\" = 1 ]"
	pe_check "bzImage: every range unnamed" \
		sh -c '! grep -vx unnamed /sys/kernel/persist_e820/*/origin'
	pe_check_unnamed
	pe_check_persisted
	[ -n "$(pe_case $(((PE_STAGE + 1) / 2)))" ] || return 0
	pe_kexec kexec -s vmlinuz-6.1 iomem=relaxed
}

pe_define_stages() {
	local i

	for i in $(seq 2 2 16); do
		eval "stage_$i() { pe_break; }"
		eval "stage_$((i + 1))() { pe_refused; }"
	done
}
pe_define_stages
