# SPDX-License-Identifier: GPL-2.0
# 2000 scattered ranges: our kernel's /sys/firmware/memmap then lists
# about 3700 entries. No kernel keeps more than 3200 (E820_MAX_ENTRIES),
# and one that receives a full table drops the RAM it splits itself (Linux
# 6.1 then panics: "Cannot find place for new RAMDISK"). Our `kexec -l`
# reads the whole map (up to 8192 entries) and refuses to hand over more
# than 3072, clearly, loading nothing. Stock kexec-tools (2048 at most)
# instead falls back to /proc/iomem, where our kernel still shows the
# ranges as RAM. seabios-kexec-tools-scale-1500 hands over 2800 entries.
FIRMWARE=seabios
TIMEOUT=300
MEM=3G
APPEND="log_buf_len=8M"

stage_1() {
	pe_expect_kernel bzImage
	pe_scatter 2000 || return
	pe_check_scatter running 3201
	pe_check_stock_falls_back
	if kexec -l /boot/vmlinuz-stock --command-line=x > /tmp/load.out 2>&1; then
		pe_fail "our kexec -l refuses to hand over more than 3072 ranges" \
			"it loaded"
	else
		pe_check "our kexec -l refuses to hand over more than 3072 ranges" \
			grep -q "Cannot hand over [0-9]* memory ranges: no kernel keeps more than 3200" \
			/tmp/load.out
	fi
	pe_check "nothing is loaded" grep -qx 0 /sys/kernel/kexec_loaded
	cat /tmp/load.out
}
