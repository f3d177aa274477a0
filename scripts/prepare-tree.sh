#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# prepare-tree.sh PRISTINE WORKTREE PATCHDIR|- [OVERLAY_ROOT]
#
# Keep WORKTREE = PRISTINE + quilt series in PATCHDIR + (for the kernel) our
# new files from OVERLAY_ROOT, touching only what changed so that kbuild and
# make rebuild incrementally.
set -eu

pristine=$1 work=$2 patches=$3 overlay=${4:-}

copy_pristine() {
	echo "prepare: copying $pristine to $work"
	rm -rf "$work.tmp"
	cp -a "$pristine" "$work.tmp"
	mv "$work.tmp" "$work"
}
[ -d "$work" ] || copy_pristine

# Re-apply the series only when it changed ("-": no series).
[ "$patches" = - ] && exit 0
patches=$(cd "$patches" && pwd)
sum=$(cat "$patches"/series $(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' \
	-e "s|^|$patches/|" "$patches/series" 2>/dev/null) 2>/dev/null |
	sha256sum | cut -d' ' -f1)
# Our own .pc: a Debian source tree has one for debian/patches already.
export QUILT_PATCHES="$patches" QUILT_PC=.pc-persist-e820
if [ "$(cat "$work/.series-sum" 2>/dev/null)" != "$sum" ] &&
   [ -d "$work/.pc-persist-e820" ] &&
   ! (cd "$work" && quilt pop -a -q > /dev/null 2>&1); then
	# A patch changed in place no longer comes off: start again.
	echo "prepare: the old series does not come off $work cleanly"
	rm -rf "$work"
	copy_pristine
fi
if [ "$(cat "$work/.series-sum" 2>/dev/null)" != "$sum" ]; then
	(
		cd "$work"
		if [ -n "$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$patches/series")" ]; then
			quilt push -a -q --fuzz=0 ||
				{ echo "prepare: a patch in $patches does not apply" >&2; exit 1; }
		fi
	)
	echo "$sum" > "$work/.series-sum"
fi

# Overlay: new kernel files live at their kernel paths in the repository.
[ -n "$overlay" ] || exit 0
cd "$overlay"
for top in arch include lib kernel mm drivers Documentation; do
	[ -d "$top" ] || continue
	find "$top" -type f
done | while read -r f; do
	if ! cmp -s "$f" "$work/$f"; then
		mkdir -p "$work/$(dirname "$f")"
		cp "$f" "$work/$f"
	fi
done
