# SPDX-License-Identifier: GPL-2.0
# Harness self-test: one failed check fails the scenario, whatever else passed.
FIRMWARE=seabios
KERNELS=bzImage
TIMEOUT=60
stage_1() { pe_ok "a check that passes"; pe_check "a check that fails" false; }
