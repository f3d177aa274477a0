#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# fetch.sh BUILD: fetch every source and binary persist-e820 builds on, from
# Debian's archive only (through the private apt configuration of
# scripts/apt.sh), into BUILD/src. Idempotent: each step leaves a stamp.
# The bases come from the Makefile, one variable each:
#   LINUX_BASE        the aware kernel's source: linux-source-$LINUX_BASE
#   KEXEC_TOOLS_BASE  kexec-tools' source our patches apply to
#   STOCK_KERNELS     Debian's stock kernel series, e.g. "5.10 6.1 6.12 7.3"
#   STOCK_KEXEC_TOOLS kexec-tools of those releases, e.g. "2.0.20 2.0.25"
# When the archive no longer serves one, this stops and says what it does
# serve.
set -eu

BUILD=${1:?usage: fetch.sh BUILD}
: "${LINUX_BASE:?}" "${KEXEC_TOOLS_BASE:?}" "${STOCK_KERNELS:?}" "${STOCK_KEXEC_TOOLS:?}"
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$BUILD/src"
BUILD=$(cd "$BUILD" && pwd)
SRC=$BUILD/src
cd "$SRC"

die() { echo "fetch: $*" >&2; exit 1; }
apt() { "$top/scripts/apt.sh" "$BUILD" "$@"; }

# The source tree of the aware kernel: the tarball in linux-source-X.Y,
# downloaded and unpacked with dpkg-deb, never installed.
if [ ! -e "linux-$LINUX_BASE.stamp" ]; then
	pkg=linux-source-$LINUX_BASE
	rm -rf "$pkg" linux-source.deb linux-source
	echo "fetch: $pkg"
	(mkdir -p debs && cd debs && rm -f "$pkg"_*.deb &&
	 apt apt-get download -qq "$pkg" >/dev/null 2>&1) ||
		die "the archive has no $pkg; it serves: $(apt apt-cache pkgnames linux-source- |
			grep -E '^linux-source-[0-9.]+$' | sort -V | tr '\n' ' ')"
	dpkg-deb -x debs/"$pkg"_*.deb linux-source
	tar -xaf linux-source/usr/src/"$pkg".tar.* || die "cannot unpack $pkg"
	rm -rf linux-source
	[ -d "$pkg" ] || die "$pkg did not unpack to $pkg/"
	dpkg-deb -f debs/"$pkg"_*.deb Version > "linux-$LINUX_BASE.stamp"
fi

# "VERSION SUITE" of each amd64 binary package PKG the archive serves
binaries() {
	apt apt-cache madison "$1" | sed -n \
		's/^ *[^ ]* *| *\([^ ]*\) *| *[^ ]* \([^/ ]*\)\/[^ ]* amd64 Packages$/\1 \2/p'
}

# kexec-tools VERSION: Debian's source package of that upstream version
# (with Debian's patches), from whichever suite serves it, unpacked in
# kexec-tools-VERSION/ (scripts/build-kexec.sh builds it static).
kexec_tools_source() {
	v=$1
	[ -e "kexec-tools-$v.stamp" ] && return 0
	all=$(apt apt-cache showsrc kexec-tools | sed -n 's/^Version: //p' | sort -uV)
	ver=$(echo "$all" | grep -E "^([0-9]+:)?$v-" | tail -n 1)
	[ -n "$ver" ] || die "the archive has no kexec-tools $v source; it serves: $(echo "$all" |
		sed 's/^[0-9]*://; s/-[^-]*$//' | sort -uV | tr '\n' ' ')"
	echo "fetch: kexec-tools $ver (source)"
	rm -rf "kexec-tools-$v" "kexec-tools-$v.tmp" "kexec-tools-$v-deb"
	mkdir "kexec-tools-$v.tmp"
	note=
	if ! (cd "kexec-tools-$v.tmp" && apt apt-get source -qq "kexec-tools=$ver" \
		>/dev/null 2>apt-source.log); then
		orig=$(ls "kexec-tools-$v.tmp/kexec-tools_$v".orig.tar.* 2>/dev/null || true)
		if [ -z "$orig" ]; then
			# Seen with 2.0.20-2.1 (bullseye): the Sources index
			# lists it, the pool answers 404 for all of it.
			echo "fetch: the archive serves no part of the kexec-tools $ver source:" >&2
			sed -n 's/^E: Failed to fetch \([a-z]*:[^ ]*\) *\(.*\)/fetch:   \1: \2/p' \
				"kexec-tools-$v.tmp/apt-source.log" | sed 's/ \[IP:.*//' >&2
			kexec_tools_binary "$v"
			rm -rf "kexec-tools-$v.tmp"
			return 0
		fi
		# Seen with 2.0.32-3: the archive lists the Debian diff but
		# answers 404 for it. Build the upstream tarball it did serve.
		echo "fetch: the archive does not serve the Debian diff of kexec-tools $ver;" \
			"using its upstream tarball $(basename "$orig")" >&2
		tar --no-same-owner -xaf "$orig" -C "kexec-tools-$v.tmp"
		note=" (upstream tarball only: the Debian diff was not served)"
	fi
	mv "kexec-tools-$v.tmp/kexec-tools-$v" "kexec-tools-$v" ||
		die "kexec-tools $ver did not unpack to kexec-tools-$v/"
	rm -rf "kexec-tools-$v.tmp"
	echo "$ver$note" > "kexec-tools-$v.stamp"
}

# kexec-tools VERSION when its source is gone: Debian's binary package of
# that version and the libc6 of the same suite (its -security and -updates
# included: the newest), unpacked with dpkg-deb, never installed, in
# kexec-tools-VERSION-deb/ (scripts/build-kexec.sh --deb runs it with that
# libc's own loader). Only if its kexec needs nothing but libc.
kexec_tools_binary() {
	v=$1
	d=kexec-tools-$v-deb
	bins=$(binaries kexec-tools)
	line=$(echo "$bins" | grep -E "^([0-9]+:)?$v-" | sort -V | tail -n 1)
	[ -n "$line" ] || die "the archive serves neither source nor binary of kexec-tools $v;" \
		"binaries: $(echo "$bins" | sed 's/^[0-9]*://; s/ .*//' | sort -uV | tr '\n' ' ')"
	bver=${line% *} suite=${line#* }
	libc=$(binaries libc6 | awk -v s="$suite" \
		'$2 == s || $2 == s "-security" || $2 == s "-updates" { print $1 }' | sort -V | tail -n 1)
	[ -n "$libc" ] || die "the archive has kexec-tools $bver in $suite but no libc6 of $suite"
	echo "fetch: kexec-tools $bver and libc6 $libc ($suite binary packages)"
	rm -rf "$d" debs/"$d"
	mkdir -p debs/"$d"
	(cd debs/"$d" && apt apt-get download -qq "kexec-tools=$bver" "libc6=$libc" \
		>/dev/null 2>&1) ||
		die "apt-get download kexec-tools=$bver libc6=$libc failed; libc6 in $suite*: $(binaries libc6 |
			awk -v s="$suite" 'index($2, s) == 1 { print $1 }' | tr '\n' ' ')"
	for deb in debs/"$d"/*.deb; do
		dpkg-deb -x "$deb" "$d"
	done
	[ -f "$d/sbin/kexec" ] || die "kexec-tools $bver has no /sbin/kexec"
	needed=$(readelf -d "$d/sbin/kexec" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p' | tr '\n' ' ')
	[ "$needed" = "libc.so.6 " ] ||
		die "kexec-tools $bver's kexec needs $needed(more than libc) and its source is not served"
	echo "$bver (binary package only, with libc6 $libc of $suite: the source was not served)" \
		> "kexec-tools-$v.stamp"
}
for v in $KEXEC_TOOLS_BASE $STOCK_KEXEC_TOOLS; do
	kexec_tools_source "$v"
done

# Debian's stock kernel of series S (5.10, 6.1, ...): the newest
# linux-image-S.* that a linux-image-amd64 of some suite depends on,
# unpacked with dpkg-deb, never installed. Since 7.x vmlinuz is in
# linux-binary-VERSION, under usr/lib/modules/VERSION/.
stock_kernel() {
	s=$1
	[ -e "stock-$s.stamp" ] && return 0
	deps=$(apt apt-cache show linux-image-amd64 | sed -n 's/^Depends: //p' |
		tr ',' '\n' | sed -n 's/^ *\(linux-image-[0-9][^ ]*-amd64\).*/\1/p' | sort -uV)
	esc=$(echo "$s" | sed 's/\./\\./g')
	pkg=$(echo "$deps" | grep -E "^linux-image-$esc\.[0-9]" | tail -n 1)
	[ -n "$pkg" ] || die "the archive has no stock kernel of series $s; linux-image-amd64 gives: $(echo "$deps" |
		sed 's/^linux-image-\([0-9]*\.[0-9]*\).*/\1/' | sort -uV | tr '\n' ' ')"
	echo "fetch: $pkg"
	rm -rf "stock-$s" debs/stock-"$s"
	mkdir -p debs/stock-"$s"
	(cd debs/stock-"$s" && apt apt-get download -qq "$pkg" >/dev/null 2>&1) ||
		die "apt-get download $pkg failed"
	bin=$(apt apt-cache show "$pkg" | sed -n 's/^Depends: //p' | tr ',' '\n' |
		sed -n 's/^ *\(linux-binary-[^ ]*\).*/\1/p' | head -n 1)
	if [ -n "$bin" ]; then
		(cd debs/stock-"$s" && apt apt-get download -qq "$bin" >/dev/null 2>&1) ||
			die "apt-get download $bin failed"
	fi
	for d in debs/stock-"$s"/*.deb; do
		dpkg-deb -x "$d" "stock-$s"
	done
	k=$(find "stock-$s/boot" "stock-$s/usr/lib/modules" -name 'vmlinuz*' 2>/dev/null | head -n 1)
	[ -n "$k" ] || die "no vmlinuz in $pkg${bin:+ or $bin}"
	cp "$k" "vmlinuz-$s"
	echo "${pkg#linux-image-}" > "vmlinuz-$s.release"
	rm -rf "stock-$s"	# the modules: our initramfs boots without them
	echo "$pkg" > "stock-$s.stamp"
}
for s in $STOCK_KERNELS; do
	stock_kernel "$s"
done
