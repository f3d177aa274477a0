# SPDX-License-Identifier: GPL-2.0
# Harness self-test: a guest that powers off without finishing must fail.
FIRMWARE=seabios
KERNELS=bzImage
TIMEOUT=60
stage_1() { pe_ok "about to power off"; poweroff -f; }
