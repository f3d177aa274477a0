# SPDX-License-Identifier: GPL-2.0
# What survives a stock `kexec -l` in the middle (docs/using.md): our
# kernel persists two ranges and kexecs into Debian's stock kernel with
# kexec -s, which hands them on with its own kexec-tools (-l) as type 2,
# reserved, record included. Our kernel after it keeps the bytes safe and
# reserved, but has nothing to recognise: no names, no ranges to release.
FIRMWARE=ovmf
TIMEOUT=240
KERNELS="bzImage vmlinuz-6.1"

stage_1() { pe_chain_start kexec -s; }
stage_2() { pe_chain_hop vmlinuz-6.1 "" -l bzImage; }
stage_3() {
	pe_chain_hop bzImage ""
	pe_check_e820_type reserved
	pe_check_unnamed
	pe_check "bzImage: nothing persisted by name" \
		sh -c '[ -z "$(ls /sys/kernel/persist_e820)" ]'
}
