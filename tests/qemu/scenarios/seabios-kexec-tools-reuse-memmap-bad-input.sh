# SPDX-License-Identifier: GPL-2.0
# `kexec -l --reuse-memmap` on bad input: a copy of /sys/kernel/boot_params
# (the zeropage and the setup_data nodes), changed one way at a time, is
# mounted over the real one. Each change makes the load fail with a clear
# message, and nothing is loaded; the unchanged copy loads (so the copy is
# read at all), and so does the real directory. With -s, kexec says the
# kernel builds the map itself.
FIRMWARE=seabios
TIMEOUT=240
KERNELS="bzImage vmlinuz-6.1"

BP=/sys/kernel/boot_params

# fake_bp: /tmp/bp, a copy of $BP that a case then changes
fake_bp() {
	local d n

	rm -rf /tmp/bp
	mkdir -p /tmp/bp/setup_data
	cat $BP/data > /tmp/bp/data
	for d in $BP/setup_data/*; do
		[ -d "$d" ] || continue
		n=${d##*/}
		mkdir /tmp/bp/setup_data/$n
		cat "$d/type" > /tmp/bp/setup_data/$n/type
		cat "$d/data" > /tmp/bp/setup_data/$n/data
	done
}

# add_node TYPE: a new last setup_data node; prints its directory
add_node() {
	local d=/tmp/bp/setup_data/$(ls /tmp/bp/setup_data | wc -l)

	mkdir "$d"
	echo "$1" > "$d/type"
	: > "$d/data"
	echo "$d"
}

# load_with DIR [KEXEC_OPTION...]: kexec -l --reuse-memmap with DIR
# mounted over $BP; output in /tmp/load.out
load_with() {
	local dir=$1 rc

	shift
	kexec -u > /dev/null 2>&1
	mount --bind "$dir" $BP || return 2
	kexec -c -l --reuse-memmap "$@" /boot/vmlinuz-6.1 --command-line=x \
		> /tmp/load.out 2>&1
	rc=$?
	umount $BP
	echo "==== $dir $*: exit $rc: $(cat /tmp/load.out)"
	return $rc
}

# refused CASE PATTERN [KEXEC_OPTION...]: the load with /tmp/bp fails,
# saying PATTERN, and leaves nothing loaded
refused() {
	local name=$1 pattern=$2

	shift 2
	if load_with /tmp/bp "$@"; then
		pe_fail "$name: refused" "it loaded: $(tail -n 2 /tmp/load.out)"
	else
		pe_check "$name: refused, saying '$pattern'" \
			grep -q -- "$pattern" /tmp/load.out
	fi
	pe_check "$name: nothing is loaded" grep -qx 0 /sys/kernel/kexec_loaded
}

stage_1() {
	pe_expect_kernel bzImage

	fake_bp
	pe_check "an unchanged copy of boot_params loads" load_with /tmp/bp
	pe_check "the real boot_params loads" load_with $BP
	kexec -u

	rm -rf /tmp/bp
	mkdir /tmp/bp
	refused "no boot_params" "cannot open $BP/data"

	fake_bp
	head -c 3000 $BP/data > /tmp/bp/data
	refused "boot_params data truncated to 3000 bytes" "is truncated"

	fake_bp
	printf '\310' | dd of=/tmp/bp/data bs=1 seek=488 conv=notrunc 2> /dev/null
	refused "e820_entries = 200" "lists 200 e820 entries, more than the 128"

	fake_bp
	head -c 30 /dev/zero > "$(add_node 0x1)/data"
	refused "a SETUP_E820_EXT node of 30 bytes" "not a whole number of 20-byte"

	fake_bp
	dd if=$BP/data bs=1 skip=720 count=20 of="$(add_node 0x1)/data" 2> /dev/null
	refused "a SETUP_E820_EXT entry overlapping the zeropage's first" \
		"overlapping entries"

	fake_bp
	echo xyz > "$(add_node 0x1)/type"
	refused "a setup_data node whose type is not a number" "not a number"

	fake_bp
	for i in $(seq 0 256); do add_node 0x9 > /dev/null; done
	refused "257 setup_data nodes" "more than 256 setup_data nodes"

	fake_bp
	refused "-s --reuse-memmap" "the kernel builds the memory map" -s
}
