#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# mkinitramfs.sh BUILD: write BUILD/initramfs.cpio without root, with the
# kernel's usr/gen_init_cpio: busybox, our tools, both kexec builds, the
# three kernels as payload, the guest harness and every scenario (make
# check's, the harness self-test's and make bench's).
set -eu

build=$(cd "$1" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
list=$build/initramfs.list
stage=$build/initramfs-stage
mkdir -p "$stage"

# busybox-static installs /bin/busybox (busybox, the dynamic one, too:
# then the initramfs would not run, so insist on the static package).
busybox=/bin/busybox
dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'ok installed' ||
	{ echo "mkinitramfs: busybox-static is not installed (scripts/setup.sh)" >&2; exit 1; }

# The programs in /bin, from build/: every build/guest/ tool too.
# Stripped copies keep the archive (and every re-pack in the guest) small.
bins="kexec kexec-stock persistctl $(cd "$build" && ls guest/pe-*)"
for f in $bins; do
	strip -o "$stage/${f#guest/}" "$build/$f"
done

{
	for d in /bin /sbin /boot /dev /etc /lib /lib/pe /proc /sys /tmp /scenarios; do
		echo "dir $d 0755 0 0"
	done
	echo "nod /dev/console 0600 0 0 c 5 1"
	echo "file /bin/busybox $busybox 0755 0 0"
	echo "file /init $top/tests/qemu/guest/init 0755 0 0"
	echo "file /lib/pe/lib.sh $top/tests/qemu/guest/lib.sh 0644 0 0"
	echo "file /lib/pe/cmdline $top/tests/qemu/guest/cmdline 0644 0 0"
	for f in $bins; do
		echo "file /bin/${f#guest/} $stage/${f#guest/} 0755 0 0"
	done
	for k in bzImage bzImage-off vmlinuz-stock; do
		echo "file /boot/$k $build/$k 0644 0 0"
		echo "file /boot/$k.release $build/$k.release 0644 0 0"
	done
	for s in "$top"/tests/qemu/scenarios/*.sh "$top"/tests/qemu/selftest/*.sh \
		 "$top"/tests/bench/scenarios/*.sh; do
		echo "file /scenarios/$(basename "$s") $s 0644 0 0"
	done
} > "$list"

"$build/gen_init_cpio" "$list" > "$build/initramfs.cpio.tmp"
mv "$build/initramfs.cpio.tmp" "$build/initramfs.cpio"
