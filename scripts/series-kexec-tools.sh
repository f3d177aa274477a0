#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# series-kexec-tools.sh [--check] SOURCE OUT
#
# Turn the quilt series in kexec-tools-patches/ into a mailing-list series:
# a throw-away git repository (OUT.git) holds SOURCE (Debian's kexec-tools
# source the series is based on, build/src/kexec-tools-$KEXEC_TOOLS_BASE, as
# scripts/fetch.sh unpacked it, without our patches) as one commit, then one
# commit per patch, `git am`ed from the patch file (its header is the commit
# message); `git format-patch --cover-letter` writes the series to OUT, the
# cover letter filled from kexec-tools-patches/cover-letter.
#
# The patch files name no author and carry no Signed-off-by: the commits,
# and so the series, are in the name of whoever runs this (git config
# user.name and user.email, or GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL), who
# adds the sign-offs when sending it (git format-patch -s, git send-email).
#
# --check: also build kexec-tools at the base and after every patch, and
# print TAP: one line per patch ("applies and builds, no new warning"),
# one for the format-patch output.
set -u -o pipefail

check=0
if [ "${1:-}" = --check ]; then
	check=1
	shift
fi
[ $# = 2 ] || { echo "usage: $0 [--check] SOURCE OUT" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
src=$(cd "$1" && pwd) || exit 2
out=$(mkdir -p "$2" && cd "$2" && pwd) || exit 2
repo=$out.git
patches=$top/kexec-tools-patches
n=0 failed=0
. "$top/scripts/series-lib.sh"

# The series goes out in the name of whoever makes it
name=${GIT_AUTHOR_NAME:-$(git -C "$top" config user.name || true)}
email=${GIT_AUTHOR_EMAIL:-$(git -C "$top" config user.email || true)}
if [ -z "$name" ] || [ -z "$email" ]; then
	if [ $check = 0 ]; then
		echo "series-kexec-tools: who sends this series? Set git config user.name" \
			"and user.email (or GIT_AUTHOR_NAME, GIT_AUTHOR_EMAIL)" >&2
		exit 2
	fi
	# --check throws its commits away: nobody's name goes on them
	name="series check" email=nobody@invalid
fi
export GIT_AUTHOR_NAME="$name" GIT_AUTHOR_EMAIL="$email" \
	GIT_COMMITTER_NAME="$name" GIT_COMMITTER_EMAIL="$email"

# build LOG: (re)build kexec; compiler warnings count as failure
build() {
	local zstd=
	if [ ! -e config.status ]; then
		grep -q -- --without-zstd configure && zstd=--without-zstd
		./configure -q --without-zlib --without-lzma $zstd --without-xen \
			CC="ccache gcc" > "$1" 2>&1 || return 1
	fi
	make -s -j"$(nproc)" build/sbin/kexec >> "$1" 2>&1 || return 1
	! grep 'warning:' "$1" | grep -v 'GNU-stack'
}

rm -rf "$repo" "$out"
mkdir -p "$out"
cp -r --preserve=mode,timestamps "$src" "$repo"	# owned by whoever runs this
cd "$repo" || exit 1
rm -rf .pc-persist-e820 .series-sum
git_ init -q -b master
printf '%s\n' /.pc/ > .git/info/exclude
git_ add -A
# "1:2.0.32-3 (upstream tarball only: ...)", as scripts/fetch.sh found it
version=$(cat "$src.stamp" 2>/dev/null || echo "source package")
git_ commit -q -m "$(basename "$src" | sed 's/-\([0-9]\)/ \1/') (Debian $version)"
base=$(git rev-parse HEAD)

log=$(mktemp)
if [ $check = 1 ]; then
	build "$log"
	result $? "kexec-tools builds without our patches" "$(cat "$log")"
fi

for p in $(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$patches/series"); do
	if ! { echo "From: $name <$email>"
	       echo "Date: ${GIT_AUTHOR_DATE:-2026-11-22T00:00:00Z}"
	       cat "$patches/$p"; } |
	     git_ am -q --whitespace=nowarn > "$log.am" 2>&1; then
		git_ am --abort > /dev/null 2>&1
		result 1 "$p applies" "$(cat "$log.am")"
		break
	fi
	if [ $check = 1 ]; then
		: > "$log"
		build "$log"
		result $? "$p applies and builds, no new warning" "$(cat "$log")"
	fi
done

git_ format-patch -q --cover-letter --base="$base" -o "$out" "$base"..HEAD > /dev/null
cover=$(ls "$out"/0000-*.patch 2>/dev/null)
if [ -n "$cover" ] && [ -f "$patches/cover-letter" ]; then
	fill_cover "$cover" "$patches/cover-letter"
fi
count=$(ls "$out" | grep -vc '^0000-')
want=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$patches/series" | wc -l)
if [ $check = 1 ]; then
	result "$([ "$count" = "$want" ] && [ -n "$cover" ] &&
		! grep -q '\*\*\*' "$cover"; echo $?)" \
		"format-patch wrote $count of $want patches and a filled-in cover letter"
	echo "1..$n"
else
	echo "series-kexec-tools: $count patches and a cover letter in $out"
fi
rm -f "$log" "$log.am"
[ $failed = 0 ] && [ "$count" = "$want" ]
