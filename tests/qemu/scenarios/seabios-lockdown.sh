# SPDX-License-Identifier: GPL-2.0
# Lockdown (lockdown=integrity, what Secure Boot gives Debian's kernel):
# kexec_load is refused everywhere (EPERM), our kernel (no KEXEC_SIG) still
# kexecs into the stock kernel with kexec_file_load, and the stock kernel
# keeps the range out of RAM; there the range cannot be read through
# /dev/mem, and an unsigned kernel cannot be kexec'd: the chain ends.
FIRMWARE=seabios
TIMEOUT=240
APPEND="lockdown=integrity"

fails_with() {
	local what=$1
	shift
	! "$@" > /tmp/out 2>&1 && grep -q "$what" /tmp/out
}

stage_1() {
	pe_expect_kernel bzImage
	pe_check "bzImage is locked down" sh -c 'dmesg | grep -q "Kernel is locked down"'
	pe_persist guest-ram 16M || return
	pe_check "kexec_load is refused under lockdown (EPERM)" \
		fails_with 'Operation not permitted' kexec -c -l /boot/vmlinuz-6.1 --command-line=x
	pe_kexec kexec -s vmlinuz-6.1 "lockdown=integrity iomem=relaxed"
}
stage_2() {
	pe_hop vmlinuz-6.1
	pe_check "vmlinuz-6.1 is locked down" sh -c 'dmesg | grep -q "Kernel is locked down"'
	while read -r name start len sum; do
		pe_check "vmlinuz-6.1: $name not RAM in the e820 log" \
			pe_not_ram pe_map_e820 usable "$start" "$len"
		pe_check "vmlinuz-6.1: $name not RAM in /proc/iomem" \
			pe_not_ram pe_map_iomem "System RAM" "$start" "$len"
		pe_check "vmlinuz-6.1: /dev/mem is closed under lockdown" \
			fails_with 'Operation not permitted' pe-memread "$start" 4096
	done < /state/ranges
	pe_check "vmlinuz-6.1: kexec_load is refused under lockdown" \
		fails_with 'Operation not permitted' kexec-2.0.25 -c -l /boot/bzImage-off --command-line=x
	pe_check "vmlinuz-6.1: an unsigned kernel is refused by kexec_file_load" \
		pe_fails kexec-2.0.25 -s -l /boot/bzImage-off --command-line=x
}
