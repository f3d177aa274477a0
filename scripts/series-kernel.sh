#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# series-kernel.sh [--check] PRISTINE OUT
#
# The kernel side as the patch series for the mailing list, generated from
# the tree: the code exists once, in kernel-patches/ (the hooks into
# existing kernel files, each with its changelog as a header) and in our
# new files at their kernel paths (arch/ include/ kernel/ lib/ mm/ drivers/
# Documentation/). kernel-series/manifest says what makes each commit: one
# line per hook patch, in kernel-patches/series order, with the new files
# that commit adds whole.
#
# PRISTINE (Debian's linux-source-7.3 as scripts/fetch.sh unpacked it) is
# imported as one base commit, whose message says which Debian version it
# is, in a throw-away repository, build/series-tree/linux (kept between
# runs). For each manifest line the new files are copied in, the hook
# patch is applied (patch -p1 --fuzz=0) and the result committed with the
# patch's changelog. `git format-patch --cover-letter --base` writes the
# series to OUT, the cover letter filled from kernel-series/cover-letter.
#
# The commits are in the name of whoever runs this (GIT_AUTHOR_NAME and
# GIT_AUTHOR_EMAIL, or git config user.name and user.email). Without an
# identity they carry a placeholder that is no person, "persist-e820
# series (set your identity)" with an empty address: set yours and run
# again before sending. Nobody's Signed-off-by is added: the submitter
# adds theirs (git format-patch -s, or git send-email after review).
#
# --check: print TAP: the manifest covers every new file; after every
# commit the tree builds (bzImage, the config of build/kbuild-on plus
# olddefconfig, no compiler warning; commits before the option exists
# build without it); the series ends exactly at build/linux;
# checkpatch.pl --strict is silent on every patch; the cover letter has
# no placeholder left.
set -u -o pipefail

check=0
if [ "${1:-}" = --check ]; then
	check=1
	shift
fi
[ $# = 2 ] || { echo "usage: $0 [--check] PRISTINE OUT" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
src=$(cd "$1" && pwd) || exit 2
out=$(mkdir -p "$2" && cd "$2" && pwd) || exit 2
build=$(dirname "$out")
# Same depth as build/linux and build/kbuild-on: with CCACHE_BASEDIR at
# build/, both trees compile to the same relative paths and share ccache.
work=$build/series-tree
repo=$work/linux
obj=$work/kbuild-on
tree=$build/linux
config=$build/kbuild-on/.config
hooks=$top/kernel-patches
manifest=$top/kernel-series/manifest
cover_template=$top/kernel-series/cover-letter
n=0 failed=0
. "$top/scripts/series-lib.sh"

# --- who the commits are from ---------------------------------------------
name=${GIT_AUTHOR_NAME:-$(git -C "$top" config user.name || true)}
email=${GIT_AUTHOR_EMAIL:-$(git -C "$top" config user.email || true)}
if [ -z "$name" ] || [ -z "$email" ]; then
	name="persist-e820 series (set your identity)" email=
	echo "series-kernel: no git identity: the commits carry \"$name\";" \
		"set git config user.name and user.email before sending" >&2
fi
export GIT_AUTHOR_NAME="$name" GIT_AUTHOR_EMAIL="$email" \
	GIT_COMMITTER_NAME="$name" GIT_COMMITTER_EMAIL="$email"

# --- the manifest ---------------------------------------------------------
# Lines without comments; the hook patches in kernel-patches/series order
lines() { sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$1"; }

# manifest_problems: what is wrong with the manifest, one line each
manifest_problems() {
	local listed new
	diff <(lines "$hooks/series") <(lines "$manifest" | awk '{ print $1 }') \
		> /dev/null ||
		echo "the hook patches are not those of kernel-patches/series, in its order"
	listed=$(lines "$manifest" | awk '{ for (i = 2; i <= NF; i++) print $i }' | sort)
	printf '%s\n' "$listed" | uniq -d | sed 's/^/on more than one line: /'
	for f in $listed; do
		[ -f "$top/$f" ] || echo "listed, but not in the repository: $f"
	done
	# The new files as prepare-tree.sh copies them into build/linux
	new=$(cd "$top" && for d in arch include lib kernel mm drivers Documentation; do
		[ -d "$d" ] && find "$d" -type f
	done | sort)
	comm -23 <(printf '%s\n' "$new") <(printf '%s\n' "$listed" | sort -u) |
		sed 's/^/a new file on no line of the manifest: /'
}

problems=$(manifest_problems)
if [ -n "$problems" ]; then
	if [ $check = 1 ]; then
		result 1 "kernel-series/manifest lists every new file once" "$problems"
		echo "1..$n"
	else
		printf '%s\n' "$problems" | sed 's|^|series-kernel: kernel-series/manifest: |' >&2
	fi
	exit 1
fi
[ $check = 1 ] && result 0 "kernel-series/manifest lists every new file once"

# --- the base: Debian's source as one commit, kept between runs ----------
# The package version as scripts/fetch.sh found it ("7.3.4-1~bpo13+1"),
# the upstream one as the tree's Makefile says
pkg=$(basename "$src")
upstream=$(make -s -C "$src" kernelversion 2>/dev/null) || upstream=
version=$(cat "$(dirname "$src")/linux-${pkg#linux-source-}.stamp" 2>/dev/null) ||
	version="(version unknown)"
base_msg="Debian $pkg $version

Linux ${upstream:-(version unknown)} as Debian's $pkg package, version $version,
ships it (the upstream release with Debian's patches applied), imported
whole as one commit. This commit is in no upstream tree: the series is
based on, built and tested against this source."

if [ "$(git -C "$repo" log -1 --format=%B base 2>/dev/null)" != "$base_msg" ]; then
	echo "series-kernel: importing $src into $repo"
	rm -rf "$work"
	mkdir -p "$work"
	cp -a "$src" "$repo" || exit 1
	(
		cd "$repo" &&
		git_ init -q -b master &&
		git_ add -f -A . &&	# Debian's .gitignore ignores the top level
		git_ commit -q -m "$base_msg" &&
		git_ tag base
	) || exit 1
fi
cd "$repo" || exit 1
git_ checkout -q -f -B series base && git_ clean -q -f -d -x || exit 1

# --- the commits ----------------------------------------------------------
# build LOG: bzImage of the tree as it stands; a compiler warning fails.
# Niced, two jobs: other kernels may be building on the same machine.
build() {
	mkdir -p "$obj"
	cp "$config" "$obj/.config"
	CCACHE_BASEDIR=$build nice -n 10 make -s -C "$repo" O="$obj" \
		CC="ccache gcc" LOCALVERSION= -j"${JOBS:-2}" olddefconfig bzImage \
		> "$1" 2>&1 || return 1
	! grep -iE '\bwarning\b|error:' "$1"
}

# changelog PATCH: its header, the "Subject: " dropped, up to the "---"
changelog() {
	sed -n -e '/^---$/q' -e 's/^Subject: //' -e p "$1"
}

log=$(mktemp)
trap 'rm -f "$log"' EXIT
want=0
while read -r patch files; do
	want=$((want + 1))
	commit=${patch%.patch}
	for f in $files; do
		mkdir -p "$(dirname "$f")"
		cp "$top/$f" "$f"
	done
	if ! patch -p1 -s --fuzz=0 --no-backup-if-mismatch -i "$hooks/$patch" \
			> "$log" 2>&1; then
		result 1 "$commit applies" "$(cat "$log")"
		break
	fi
	git_ add -f -A . && git_ commit -q -F <(changelog "$hooks/$patch") || exit 1
	if [ $check = 1 ]; then
		if [ -f "$config" ]; then
			build "$log"
			result $? "$commit: the tree builds without a warning" "$(cat "$log")"
		else
			result 1 "$commit: the tree builds" "no $config: make first"
		fi
	fi
done < <(lines "$manifest")

rm -rf "$out"
mkdir -p "$out"
git_ format-patch -q --cover-letter --base=base -o "$out" base..HEAD > /dev/null
cover=$(ls "$out"/0000-*.patch 2>/dev/null)
[ -n "$cover" ] && fill_cover "$cover" "$cover_template"
count=$(ls "$out" | grep -vc '^0000-')

if [ $check = 1 ]; then
	# The series ends exactly at what we build: every file it touches is
	# as in build/linux, and it touches every file that kernel-patches/
	# does and every new file.
	ours=$( (sed -n 's|^+++ b/||p' $(lines "$hooks/series" | sed "s|^|$hooks/|") &&
		lines "$manifest" | awk '{ for (i = 2; i <= NF; i++) print $i }') | sort -u)
	touched=$(git diff --name-only base HEAD | sort)
	diffs=""
	for f in $touched; do
		cmp -s "$f" "$tree/$f" || diffs="$diffs $f"
	done
	missing=$(comm -13 <(printf '%s\n' "$touched") <(printf '%s\n' "$ours") | tr '\n' ' ')
	result "$([ -z "$diffs$missing" ]; echo $?)" \
		"the series ends exactly at $tree" \
		"differ from $tree:$diffs; not in the series: $missing"

	# checkpatch, run from outside any repository (inside one it reads a
	# patch file as a source file). Ignored, and why:
	# - LOGGING_CONTINUATION: e820_print_type() prints every type with
	#   pr_cont(); the new types' cases do the same.
	# - MISSING_SIGN_OFF: the Signed-off-by is the submitter's to add
	#   (see above); the series invents none.
	# - FILE_PATH_CHANGES ("does MAINTAINERS need updating?"): the
	#   MAINTAINERS section comes with the Documentation patch, the last;
	#   the test after this one proves it covers every file the series
	#   adds.
	# - CamelCase on kernel_kexec()'s labels only: that function's labels
	#   are CamelCase upstream (Unlock, Resume_devices, Enable_cpus, ...);
	#   the hook jumps to Unlock and adds End_exec in the same style.
	for p in "$out"/[0-9]*.patch; do
		msg=$(cd / && perl "$repo/scripts/checkpatch.pl" --strict --terse \
			--no-tree --ignore LOGGING_CONTINUATION,MISSING_SIGN_OFF,FILE_PATH_CHANGES \
			"$p" 2>&1 | grep -E 'ERROR|WARNING|CHECK' |
			grep -vE 'CHECK: Avoid CamelCase: <(Unlock|End_exec)>$')
		result "$([ -z "$msg" ]; echo $?)" "checkpatch --strict $(basename "$p")" "$msg"
	done

	# Every file the series adds is in a MAINTAINERS section the series
	# adds (get_maintainer.pl --sections), which names a list
	sections=$(git diff -U0 base HEAD -- MAINTAINERS |
		sed -n 's/^+\([A-Z0-9][^\t]*[^:]\)$/\1/p')
	unlisted=""
	for f in $(git diff --name-only --diff-filter=A base HEAD); do
		# (whole output first: grep -q would end the pipe early)
		found=$(perl scripts/get_maintainer.pl --no-git --no-git-fallback \
			--sections -f "$f" 2> /dev/null)
		grep -qxF "$sections" <<< "$found" || unlisted="$unlisted $f"
	done
	result "$([ -n "$sections" ] && [ -z "$unlisted" ] &&
		git diff base HEAD -- MAINTAINERS | grep -c '^+L:' > /dev/null; echo $?)" \
		"MAINTAINERS: a section with a list covers every file the series adds" \
		"sections added: ${sections:-none}; files outside them:$unlisted"

	# The cover letter: filled in, no placeholder of format-patch's or ours,
	# and it names the base's Debian version.
	: > "$log"
	[ -n "$cover" ] && grep -nE '\*\*\*|XXX|TODO|FIXME|<[A-Z_ ]+>' "$cover" > "$log"
	[ -n "$cover" ] && ! grep -qF "$version" "$cover" &&
		echo "the cover letter does not name the base, $pkg $version" >> "$log"
	result "$([ "$count" = "$want" ] && [ -n "$cover" ] && [ ! -s "$log" ]; echo $?)" \
		"format-patch wrote $count of $want patches and a filled-in cover letter" \
		"$(cat "$log")"
	echo "1..$n"
else
	echo "series-kernel: $count patches and a cover letter in $out"
fi
[ $failed = 0 ] && [ "$count" = "$want" ]
