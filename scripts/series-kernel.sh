#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# series-kernel.sh [--check|--refresh|--export] PRISTINE OUT
#
# The kernel side as the patch series it is on the mailing list: the
# patches in kernel-series/ (one logical change each, in the order upstream
# would take them) are `git am`ed onto PRISTINE (Debian's linux-source-6.1,
# imported as one commit) in a throw-away repository next to OUT, and
# `git format-patch --cover-letter --base` writes them to OUT, the cover
# letter filled from kernel-series/cover-letter.
#
# The tree we build and test is kernel-patches/ (quilt, hooks into 6.1 files)
# plus our new files at their kernel paths; kernel-series/ must end exactly
# there. Change the code there, then fold the change into the series:
#
# --refresh: every file that differs from build/linux goes, as a fixup,
# into the last patch that touches it; kernel-series/ is written again.
# Where a change belongs to an earlier patch, `git rebase -i base` in
# build/series-tree/linux, then --export.
# --export: write build/series-tree/linux's base..HEAD to kernel-series/.
#
# --check: print TAP: after every patch the tree builds (bzImage, the
# config of build/kbuild-on, no compiler warning); the series ends where
# build/linux is; checkpatch.pl --strict is silent on every patch; the
# cover letter is filled in.
set -u -o pipefail

check=0 mode=build
case "${1:-}" in
--check) check=1; shift ;;
--refresh|--export) mode=${1#--}; shift ;;
esac
[ $# = 2 ] || { echo "usage: $0 [--check|--refresh|--export] PRISTINE OUT" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
src=$(cd "$1" && pwd) || exit 2
out=$(mkdir -p "$2" && cd "$2" && pwd) || exit 2
build=$(dirname "$out")
# Same layout as build/linux and build/kbuild-on: with CCACHE_BASEDIR at
# build/, both trees compile to the same relative paths and share ccache.
work=$build/series-tree
repo=$work/linux
obj=$work/kbuild-on
tree=$build/linux
config=$build/kbuild-on/.config
patches=$top/kernel-series
n=0 failed=0
. "$top/scripts/series-lib.sh"

# build LOG: bzImage of the tree as it stands; a compiler warning fails
build() {
	mkdir -p "$obj"
	cp "$config" "$obj/.config"
	CCACHE_BASEDIR=$build make -s -C "$repo" O="$obj" CC="ccache gcc" \
		LOCALVERSION= -j"$(nproc)" olddefconfig bzImage > "$1" 2>&1 || return 1
	! grep -E 'warning:|error:' "$1"
}

# One commit for the pristine source, kept between runs.
if [ "$(git -C "$repo" log -1 --format=%s base 2>/dev/null)" != "$(basename "$src")" ]; then
	rm -rf "$work"
	mkdir -p "$work"
	cp -a "$src" "$repo"
	(
		cd "$repo" &&
		git_ init -q -b master &&
		git_ add -f -A . &&	# Debian's .gitignore ignores the top level
		git_ commit -q -m "$(basename "$src")" &&
		git_ tag base
	) || exit 1
fi
cd "$repo" || exit 1

# export: kernel-series/ from the repository as it is
export_series() {
	rm -f "$patches"/[0-9]*.patch
	git_ format-patch -q --zero-commit --no-signature -o "$patches" base..HEAD &&
		echo "series-kernel: $(git rev-list --count base..HEAD) patches written to $patches"
}
if [ $mode = export ]; then
	export_series
	exit
fi

git_ am --abort > /dev/null 2>&1
git_ checkout -q -f -B series base && git_ clean -q -f -d -x || exit 1

log=$(mktemp)
for p in "$patches"/[0-9]*.patch; do
	name=$(basename "$p" .patch)
	if ! git_ am -q --committer-date-is-author-date "$p" > "$log" 2>&1; then
		git_ am --abort > /dev/null 2>&1
		result 1 "$name applies" "$(cat "$log")"
		break
	fi
	if [ $check = 1 ]; then
		if [ -f "$config" ]; then
			build "$log"
			result $? "$name applies, the tree builds without a warning" "$(cat "$log")"
		else
			result 1 "$name applies, the tree builds" "no $config: make first"
		fi
	fi
done

# The files of kernel-patches/ and our new files, as build/linux has them
ours() {
	(cd "$top" && sed -n 's|^+++ b/||p' kernel-patches/*.patch &&
		git ls-files arch include kernel lib mm drivers Documentation) | sort -u
}

if [ $mode = refresh ]; then
	[ $failed = 0 ] || exit 1
	for f in $(ours); do
		cmp -s "$f" "$tree/$f" && continue
		last=$(git log -1 --format=%H base..HEAD -- "$f")
		if [ -z "$last" ]; then
			echo "series-kernel: no patch touches $f: add it to one (git rebase -i), then --export" >&2
			exit 1
		fi
		mkdir -p "$(dirname "$f")"
		cp "$tree/$f" "$f"
		git_ add -f "$f"
		git_ commit -q --fixup="$last" -- "$f"
		echo "series-kernel: $f -> $(git log -1 --format=%s "$last")"
	done
	GIT_SEQUENCE_EDITOR=: git_ rebase -q -i --autosquash base || exit 1
	export_series
	exit
fi

rm -rf "$out"
mkdir -p "$out"
git_ format-patch -q --cover-letter --base=base -o "$out" base..HEAD > /dev/null
cover=$(ls "$out"/0000-*.patch 2>/dev/null)
[ -n "$cover" ] && fill_cover "$cover" "$patches/cover-letter"
count=$(ls "$out" | grep -vc '^0000-')
want=$(ls "$patches" | grep -c '^[0-9].*\.patch$')

if [ $check = 1 ]; then
	# Every file the series touches is as in build/linux, and the series
	# touches every file that kernel-patches/ and our new files do.
	diffs=""
	for f in $(git diff --name-only base HEAD); do
		cmp -s "$f" "$tree/$f" || diffs="$diffs $f"
	done
	missing=$(comm -13 <(git diff --name-only base HEAD | sort) <(ours))
	result "$([ -z "$diffs$missing" ]; echo $?)" \
		"the series ends where kernel-patches/ and the new files do" \
		"differ from $tree:$diffs; not in the series: $missing"
	# Run from outside any repository: there checkpatch reads a patch file
	# as a source file. e820_print_type() prints every type with
	# pr_cont(); the new types' cases do the same.
	for p in "$out"/[0-9]*.patch; do
		msg=$(cd / && perl "$repo/scripts/checkpatch.pl" --strict --terse \
			--no-tree --ignore LOGGING_CONTINUATION "$p" 2>&1 |
			grep -E 'ERROR|WARNING|CHECK')
		result "$([ -z "$msg" ]; echo $?)" "checkpatch --strict $(basename "$p")" "$msg"
	done
	result "$([ "$count" = "$want" ] && [ -n "$cover" ] &&
		! grep -q '\*\*\*' "$cover"; echo $?)" \
		"format-patch wrote $count of $want patches and a filled-in cover letter"
	echo "1..$n"
else
	echo "series-kernel: $count patches and a cover letter in $out"
fi
rm -f "$log"
[ $failed = 0 ] && [ "$count" = "$want" ]
