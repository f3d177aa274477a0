#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# demo.sh: what `make demo` shows. Runs the round-trip scenario in QEMU
# and prints, for each kernel of the chain, the memory map it saw, then the
# verdict. The whole serial log stays in build/logs/.
set -u -o pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
scenario=ovmf-roundtrip-stock
logs=build/logs
log=$logs/$scenario.log
# the harness makes build/logs/ too, but the verdict goes there first
mkdir -p "$logs"

cat <<'EOF'
persist-e820 demo (QEMU, OVMF): our Linux 7.3 kernel persists a 16 MiB range
of random bytes ("guest-ram") and kexecs (kexec -s) into Debian's stock 6.1
kernel, which has never heard of persisted memory and sees the range as an
unknown, reserved e820 type; the stock kernel kexecs back into ours with its
own kexec-tools (2.0.25, kexec -s), and ours takes the range back by name.
Each kernel prints the memory map it received and the range's sha256.
(about a minute under TCG)
EOF
tests/qemu/run "$scenario" > "$logs/demo.ktap"
rc=$?
# Each kernel's report sits between "==== " headers in the serial log.
sed -e 's/\x1b\[[0-9;?=]*[A-Za-z]//g' -e 's/\r//g' "$log" |
	awk '/PE: scenario .* stage /  { sub(/^\[[ 0-9.]*\] /, ""); print "\n### " $0 }
	     /^==== .* sha256 /         { print; show = 0; next }
	     /^==== /                   { show = !/end of memory map/; if (show) print; next }
	     show                       { print }
	     /PE: stage .*->/           { sub(/^\[[ 0-9.]*\] /, ""); print ">>> " $0 }'
echo
echo "### verdict (KTAP)"
cat "$logs/demo.ktap"
echo
echo "serial log: $log"
exit $rc
