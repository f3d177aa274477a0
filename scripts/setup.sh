#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Install what persist-e820 needs, from this machine's own Debian suite,
# idempotently. Nothing else on the machine changes: sources and stock
# kernels of other suites come through the private apt configuration of
# scripts/apt.sh, and are downloaded, never installed.
set -eu

PKGS="build-essential flex bison bc libelf-dev libssl-dev ccache quilt cpio
	kmod xz-utils zstd dpkg-dev git python3 qemu-system-x86 ovmf seabios
	gnu-efi busybox-static mtools dosfstools debian-archive-keyring
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

need_update=
[ -n "$missing" ] && need_update=1

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
