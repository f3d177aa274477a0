# SPDX-License-Identifier: GPL-2.0
# Harness self-test: a guest that hangs while Debian's own kernel runs is
# booted once more (said so), then fails at its timeout.
KERNEL=vmlinuz-6.1
KERNELS=vmlinuz-6.1
TIMEOUT=40
stage_1() { pe_ok "about to hang on a stock kernel"; sleep 3600; }
