#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Fetch every source and binary persist-e820 builds on, from Debian's
# archive only, into $1 (build/src). Idempotent: each step leaves a stamp.
set -eu

SRC=${1:?usage: fetch.sh SRCDIR}
mkdir -p "$SRC"
SRC=$(cd "$SRC" && pwd)
cd "$SRC"

die() { echo "fetch: $*" >&2; exit 1; }

# Linux 6.1: the tarball shipped by linux-source-6.1.
if [ ! -e linux.stamp ]; then
	tarball=$(ls /usr/src/linux-source-6.1.tar.xz 2>/dev/null) ||
		die "linux-source-6.1 is not installed (run scripts/setup.sh)"
	echo "fetch: extracting $tarball"
	rm -rf linux-source-6.1
	tar -xJf "$tarball"
	dpkg-query -W -f='${Version}\n' linux-source-6.1 > linux.stamp
fi

# kexec-tools 2.0.25: Debian's source package (with Debian's patches).
if [ ! -e kexec-tools.stamp ]; then
	echo "fetch: apt-get source kexec-tools"
	rm -rf kexec-tools-2.0.25 kexec-tools_*
	apt-get source -qq -o APT::Sandbox::User=root kexec-tools >/dev/null 2>apt-source.log ||
		die "apt-get source kexec-tools failed (see $SRC/apt-source.log)"
	[ -d kexec-tools-2.0.25 ] || die "apt-get source did not give kexec-tools-2.0.25"
	ls kexec-tools_*.dsc > kexec-tools.stamp
fi

# The stock "old kernel": linux-image-amd64's current kernel, never installed.
if [ ! -e stock.stamp ]; then
	pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
	      sed -n 's/^ *Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -n 1)
	[ -n "$pkg" ] || die "cannot resolve linux-image-amd64 (apt-get update?)"
	echo "fetch: apt-get download $pkg"
	rm -rf stock linux-image-*.deb
	apt-get download -qq -o APT::Sandbox::User=root "$pkg" >/dev/null || die "apt-get download $pkg failed"
	dpkg-deb -x linux-image-*.deb stock
	ls stock/boot/vmlinuz-* >/dev/null || die "no vmlinuz in $pkg"
	echo "$pkg" > stock.stamp
fi
