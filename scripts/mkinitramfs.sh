#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# mkinitramfs.sh BUILD: write BUILD/initramfs.cpio, the base of every test
# initramfs, without root, with the kernel's usr/gen_init_cpio: busybox,
# our tools, our kexec and each release's stock kexec (kexec-X.Y.Z, small
# static files), the guest harness and every scenario (make check's, the
# harness self-test's and make bench's). No kernel.
#
# mkinitramfs.sh BUILD --kernel NAME...: write BUILD/initramfs/NAME.cpio
# for each kernel NAME (bzImage, bzImage-off, vmlinuz-6.1, ...): /boot/NAME
# and /boot/NAME.release, nothing else; only when it is missing or older
# than the kernel. tests/qemu/run appends those a scenario needs (KERNELS)
# to the base: the kernel unpacks concatenated newc archives one after the
# other.
set -eu

build=$(cd "$1" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
shift
gen=$build/gen_init_cpio
[ -x "$gen" ] || { echo "mkinitramfs: $gen is missing (make $build/gen_init_cpio)" >&2; exit 1; }

if [ "${1:-}" = --kernel ]; then
	shift
	mkdir -p "$build/initramfs"
	for k in "$@"; do
		out=$build/initramfs/$k.cpio
		for f in "$build/$k" "$build/$k.release"; do
			[ -f "$f" ] || { echo "mkinitramfs: $f is missing" >&2; exit 1; }
		done
		[ -f "$out" ] && [ ! "$build/$k" -nt "$out" ] &&
			[ ! "$build/$k.release" -nt "$out" ] && continue
		printf '%s\n' "dir /boot 0755 0 0" \
			"file /boot/$k $build/$k 0644 0 0" \
			"file /boot/$k.release $build/$k.release 0644 0 0" > "$out.list"
		"$gen" "$out.list" > "$out.tmp"
		rm "$out.list"
		mv "$out.tmp" "$out"
	done
	exit 0
fi

list=$build/initramfs.list
stage=$build/initramfs-stage
rm -rf "$stage"
mkdir -p "$stage"

# busybox-static installs /bin/busybox (busybox, the dynamic one, too:
# then the initramfs would not run, so insist on the static package).
busybox=/bin/busybox
dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'ok installed' ||
	{ echo "mkinitramfs: busybox-static is not installed (scripts/setup.sh)" >&2; exit 1; }

# The programs in /bin, from build/: our kexec, every stock kexec-X.Y.Z,
# persistctl and every build/guest/ tool. Stripped copies keep the archive (and every
# re-pack in the guest) small; a program that is not ELF (a wrapper
# script) goes in as it is. A kexec-tools that is Debian's dynamic binary
# (2.0.20: scripts/build-kexec.sh --deb) is build/kexec-X.Y.Z, a wrapper,
# plus build/kexec-X.Y.Z.d/ (the binary, its libc and loader), which goes
# to /opt/kexec-X.Y.Z/ as it is.
# Those missing are left out: tests/qemu/run names what a scenario lacks.
bins=$(cd "$build" && for f in kexec kexec-[0-9]* persistctl guest/pe-*; do
	[ -f "$f" ] && echo "$f"; done)
for f in $bins; do
	if head -c 4 "$build/$f" | grep -q 'ELF'; then
		strip -o "$stage/${f#guest/}" "$build/$f"
	else
		cp "$build/$f" "$stage/${f#guest/}"
	fi
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
	echo "dir /opt 0755 0 0"
	for d in "$build"/kexec-*.d; do
		[ -d "$d" ] || continue
		o=/opt/$(basename "$d" .d)
		echo "dir $o 0755 0 0"
		for f in "$d"/*; do
			echo "file $o/$(basename "$f") $f $(stat -L -c %a "$f") 0 0"
		done
	done
	for s in "$top"/tests/qemu/scenarios/*.sh "$top"/tests/qemu/selftest/*.sh \
		 "$top"/tests/bench/scenarios/*.sh; do
		echo "file /scenarios/$(basename "$s") $s 0644 0 0"
	done
} > "$list"

"$gen" "$list" > "$build/initramfs.cpio.tmp"
mv "$build/initramfs.cpio.tmp" "$build/initramfs.cpio"
