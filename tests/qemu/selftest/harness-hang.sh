# SPDX-License-Identifier: GPL-2.0
# Harness self-test: a guest that hangs must fail at its timeout.
KERNELS=bzImage
TIMEOUT=25
stage_1() { pe_ok "about to hang"; sleep 3600; }
