#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The harness judges itself: guests that hang, panic, stop without
# finishing or fail one check must each give "not ok" with the reason and
# the serial log's path, within their timeout; a hang while Debian's own
# kernel runs is booted once more, and said so, one of ours never; a bad
# scenario name is a usage error. Prints KTAP.
set -u

here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp)
trap 'rm -f "$out"' EXIT

SCENARIO_DIR=$here/selftest "$here/run" harness-hang harness-panic \
	harness-silent harness-failcheck harness-stock-hang > "$out" 2>&1
rc=$?
sed 's/^/# | /' "$out"

n=0 failed=0
expect() {
	local name=$1 pattern=$2
	n=$((n + 1))
	if grep -Eq "$pattern" "$out"; then
		echo "ok $n - harness: $name"
	else
		echo "not ok $n - harness: $name # no line matching '$pattern'"
		failed=$((failed + 1))
	fi
}

echo "KTAP version 1"
echo "1..9"
expect "a hanging guest fails at its timeout" \
	'^not ok [0-9]+ - harness-hang # timeout after 25s; log: .*/harness-hang\.log$'
expect "a panicking guest fails" \
	'^not ok [0-9]+ - harness-panic # kernel panic: .*; log: .*/harness-panic\.log$'
expect "a guest that stops early fails" \
	'^not ok [0-9]+ - harness-silent # guest never reported PE-DONE.*; log: .*harness-silent\.log$'
expect "one failed check fails the scenario" \
	'^not ok [0-9]+ - harness-failcheck # 1 of 2 checks failed; log: '
expect "a hang of Debian's kernel is booted once more, said so" \
	'^    # harness-stock-hang: 6\.1\.[^ ]* hung \(timeout after 40s\): tried again; first log: .*/harness-stock-hang\.log\.try1$'
expect "and still fails at its timeout" \
	'^not ok [0-9]+ - harness-stock-hang # timeout after 40s; log: '
n=$((n + 1))
if grep -q 'harness-hang: .* tried again' "$out"; then
	echo "not ok $n - harness: a hang of our kernel is not tried again"
	failed=$((failed + 1))
else
	echo "ok $n - harness: a hang of our kernel is not tried again"
fi
n=$((n + 1))
if [ $rc != 0 ]; then
	echo "ok $n - harness: exits non-zero when a scenario fails"
else
	echo "not ok $n - harness: exits non-zero when a scenario fails"
	failed=$((failed + 1))
fi
n=$((n + 1))
if "$here/run" no-such-scenario > "$out" 2>&1; then rc=0; else rc=$?; fi
if [ $rc = 2 ] && grep -q "unknown scenario 'no-such-scenario'" "$out"; then
	echo "ok $n - harness: an unknown scenario name is a usage error"
else
	echo "not ok $n - harness: an unknown scenario name is a usage error # exit $rc"
	failed=$((failed + 1))
fi
[ $failed = 0 ]
