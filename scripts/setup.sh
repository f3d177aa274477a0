#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Install what persist-e820 needs from Debian's archive, idempotently.
# Adds the deb-src entries that `apt-get source kexec-tools` needs.
set -eu

PKGS="build-essential flex bison bc libelf-dev libssl-dev ccache quilt cpio
	kmod xz-utils zstd dpkg-dev git python3 qemu-system-x86 ovmf seabios
	gnu-efi busybox-static linux-source-6.1 mtools dosfstools
	libcmocka-dev zlib1g-dev clang gnuplot-nox"

SUDO=
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null ||
		{ echo "setup: not root and no sudo: cannot install packages" >&2; exit 1; }
	SUDO=sudo
fi

missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done

add_deb_src() {
	src=/etc/apt/sources.list.d/persist-e820-src.sources
	[ -e "$src" ] && return 1
	grep -rqs '^deb-src\|^Types:.*deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/ &&
		return 1
	if [ -s /etc/apt/sources.list.d/debian.sources ]; then
		sed 's/^Types:.*/Types: deb-src/' /etc/apt/sources.list.d/debian.sources |
			$SUDO tee "$src" >/dev/null
	elif grep -qs '^deb ' /etc/apt/sources.list; then
		grep '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' |
			$SUDO tee /etc/apt/sources.list.d/persist-e820-src.list >/dev/null
	else
		echo "setup: no Debian archive configured in /etc/apt" >&2
		exit 1
	fi
	echo "setup: added deb-src entries for apt-get source"
}

need_update=
add_deb_src && need_update=1
[ -n "$missing" ] && need_update=1
# apt-get source needs the source index even if nothing is missing
ls /var/lib/apt/lists/*_source_Sources* >/dev/null 2>&1 || need_update=1

if [ -n "$need_update" ]; then
	$SUDO apt-get update -qq ||
		{ echo "setup: apt-get update failed: no network to the Debian archive?" >&2; exit 1; }
fi
if [ -n "$missing" ]; then
	echo "setup: installing$missing"
	# shellcheck disable=SC2086
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends $missing >/dev/null ||
		{ echo "setup: could not install:$missing" >&2; exit 1; }
fi
