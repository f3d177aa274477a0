# SPDX-License-Identifier: GPL-2.0
# Harness self-test: a guest kernel that panics must fail at once.
FIRMWARE=seabios
KERNELS=bzImage
TIMEOUT=60
stage_1() { pe_ok "about to panic"; echo c > /proc/sysrq-trigger; sleep 3600; }
