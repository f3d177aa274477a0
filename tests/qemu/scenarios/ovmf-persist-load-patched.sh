# SPDX-License-Identifier: GPL-2.0
# kexec-tools with our patches hands persisted ranges on with their exact
# type: our kernel kexecs into Debian's stock kernel with our `kexec -l`,
# whose e820 log shows both ranges as type 3894411265 (0xe8200001), not
# 2. The stock kernel's own kexec -l then degrades them to type 2,
# "reserved" in the next kernel: still safe, no longer recognisable.
FIRMWARE=ovmf
TIMEOUT=240

stage_1() { pe_chain_start kexec -l; }
stage_2() {
	pe_check_e820_type "type 3894411265"
	pe_chain_hop vmlinuz-6.1 "" -l bzImage-off
}
stage_3() {
	pe_check_e820_type reserved
	pe_chain_hop bzImage-off ""
}
