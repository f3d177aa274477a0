# SPDX-License-Identifier: GPL-2.0
# 20 kexec cycles from our kernel into itself (I4, I5), kexec -s and our
# kexec -l in turn. Each kernel finds every range under its name with its
# bytes, no more ranges than recorded (none leaked) and an e820 map no
# longer than the ranges need (they stay coalesced); then it releases up
# to two ranges and persists one or two new ones of random sizes, chosen
# by a random generator seeded with the stage number (so a failing stage
# can be replayed).
FIRMWARE=seabios
TIMEOUT=900
KERNELS=bzImage
CYCLES=20

# pe_rand N: a number in [0, N), the next of this stage's sequence
pe_rand() {
	PE_SEED=$((${PE_SEED:-$PE_STAGE} + 1))
	awk -v s="$((PE_STAGE * 1000 + PE_SEED))" -v n="$1" \
		'BEGIN { srand(s); print int(rand() * n) }'
}

pe_cycle_check() {
	local k=$(pe_kernel) nr base e820

	pe_check_named
	pe_check "$k: persisted exactly the recorded ranges (none leaked)" \
		sh -c '[ "$(ls /sys/kernel/persist_e820 | sort | tr "\n" " ")" = \
			"$(cut -d" " -f1 /state/ranges | sort | tr "\n" " ")" ]'
	nr=$(wc -l < /state/ranges)
	base=$(cat /state/base)
	e820=$(pe_map_e820 | wc -l)
	# each range splits RAM once at most, the record once more
	if [ "$e820" -le $((base + 2 * nr + 2)) ]; then
		pe_ok "$k: $e820 e820 entries for $nr ranges (at most $base + 2 x $nr + 2)"
	else
		pe_fail "$k: e820 entries stay coalesced" "$e820 entries for $nr ranges, base $base"
	fi
}

pe_cycle_change() {
	local i n name

	n=$(pe_rand 3)
	for i in $(seq 1 "$n"); do
		[ -s /state/ranges ] || break
		name=$(sed -n "$(($(pe_rand "$(wc -l < /state/ranges)") + 1))p" /state/ranges |
			cut -d' ' -f1)
		pe_release "$name"
	done
	n=$(($(pe_rand 2) + 1))
	for i in $(seq 1 "$n"); do
		set -- 4K 64K 1M 2M
		shift "$(pe_rand 4)"
		pe_persist "c$PE_STAGE-$i" "$1" || return 1
	done
}

pe_cycle_next() {
	if [ $((PE_STAGE % 2)) = 1 ]; then
		pe_kexec kexec -s bzImage iomem=relaxed
	else
		pe_kexec kexec -l bzImage iomem=relaxed
	fi
}

stage_1() {
	pe_expect_kernel bzImage
	mkdir -p /state
	pe_map_e820 | wc -l > /state/base
	pe_persist c1-1 1M || return
	pe_persist c1-2 4K || return
	pe_persist c1-3 2M || return
	pe_cycle_next
}

pe_cycle() {
	pe_expect_kernel bzImage
	pe_cycle_check
	[ "$PE_STAGE" -le "$CYCLES" ] || return 0
	pe_cycle_change || return
	pe_cycle_next
}

pe_define_stages() {
	local i

	for i in $(seq 2 $((CYCLES + 1))); do
		eval "stage_$i() { pe_cycle; }"
	done
}
pe_define_stages
