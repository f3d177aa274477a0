#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lint.sh: the checks a kernel reviewer runs first, as TAP. Needs the kernel
# tree in build/linux (make all). Each new kernel file and each patch must
# pass checkpatch.pl --strict; kernel-doc comments must parse without
# warnings; the UAPI header must compile on its own as C90.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
linux=build/linux
n=0 failed=0

result() {
	local name=$1 out=$2
	n=$((n + 1))
	if [ -z "$out" ]; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		printf '%s\n' "$out" | sed 's/^/# /'
		failed=$((failed + 1))
	fi
}

kfiles=$(git ls-files arch include kernel lib mm drivers | grep -E '\.[ch]$')
for f in $kfiles; do
	result "checkpatch --strict $f" "$(perl $linux/scripts/checkpatch.pl --no-tree \
		--strict --terse -f "$f" 2>&1 | grep -E 'ERROR|WARNING|CHECK')"
	result "kernel-doc $f" "$(perl $linux/scripts/kernel-doc -none "$f" 2>&1)"
done
# Ignored in the hook patches, each for a reason of the code they hook into:
# e820_print_type() prints every type with pr_cont(), and the cases a patch
# adds there do the same (LOGGING_CONTINUATION); kernel_kexec()'s labels are
# CamelCase (Unlock, Restore_console), and a patch that jumps to them names
# them (CAMELCASE); the sign-off is left to whoever submits the series
# (MISSING_SIGN_OFF: the patches carry no made-up identity).
# Run from outside the repository: inside a git tree, checkpatch reads a
# patch file as a source file.
for p in $(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' kernel-patches/series); do
	result "checkpatch --strict kernel-patches/$p" "$(cd / && perl "$top/$linux/scripts/checkpatch.pl" \
		--no-tree --strict --terse \
		--ignore LOGGING_CONTINUATION,CAMELCASE,MISSING_SIGN_OFF \
		"$top/kernel-patches/$p" 2>&1 | grep -E 'ERROR|WARNING|CHECK')"
done
for h in $(git ls-files include/uapi | grep '\.h$'); do
	result "$h compiles alone as C90" "$(printf '#include "%s"\nint main(void) { return 0; }\n' \
		"$top/$h" | gcc -std=c90 -pedantic -Wall -Wextra -Werror -fsyntax-only \
		-x c - 2>&1)"
done
echo "1..$n"
[ $failed = 0 ]
