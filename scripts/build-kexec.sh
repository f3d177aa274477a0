#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build-kexec.sh WORKTREE OUTPUT
#	Configure (once) and build the kexec-tools source in WORKTREE,
#	statically linked: it runs in a busybox initramfs without a libc.
#	OUTPUT is build/sbin/kexec, copied only when it changed.
#
# build-kexec.sh --deb ROOT OUTPUT
#	Debian's own binary, for a release whose source the archive no longer
#	serves: ROOT holds its kexec-tools and libc6 packages as
#	scripts/fetch.sh unpacked them. OUTPUT.d/ gets kexec, the libraries it
#	needs and that libc's own loader, for /opt/NAME/ in the initramfs
#	(NAME: OUTPUT's file name); OUTPUT is a wrapper for /bin/NAME that
#	runs /opt/NAME/kexec through that loader. Nothing of this machine's
#	libc is used.
set -eu

die() { echo "build-kexec: $*" >&2; exit 1; }

# in_root FILE: ROOT/FILE with its symbolic links, absolute ones too,
# resolved inside ROOT
in_root() {
	f=$1 n=0
	while [ -L "$root$f" ]; do
		t=$(readlink "$root$f")
		case $t in
		/*) f=$t ;;
		*) f=$(dirname "$f")/$t ;;
		esac
		n=$((n + 1))
		[ $n -lt 16 ] || die "$root$1: too many levels of symbolic links"
	done
	[ -f "$root$f" ] || die "$root$1 is missing"
	echo "$root$f"
}

if [ "${1:-}" = --deb ]; then
	root=${2:?} out=${3:?}
	name=$(basename "$out")
	exe=$root/sbin/kexec
	interp=$(readelf -l "$exe" | sed -n 's/.*interpreter: \(.*\)\]$/\1/p')
	[ -n "$interp" ] || die "$exe has no program interpreter (static? then copy it)"
	ld=$(basename "$interp")
	rm -rf "$out.d.tmp"
	mkdir -p "$out.d.tmp"
	cp "$exe" "$out.d.tmp/kexec"
	cp "$(in_root "$interp")" "$out.d.tmp/$ld"
	for lib in $(readelf -d "$exe" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'); do
		found=
		for dir in /lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu /lib64 /lib; do
			if [ -e "$root$dir/$lib" ] || [ -L "$root$dir/$lib" ]; then
				found=$(in_root "$dir/$lib")
				break
			fi
		done
		[ -n "$found" ] || die "$exe needs $lib, which is not in $root"
		cp "$found" "$out.d.tmp/$lib"
	done
	if diff -r "$out.d.tmp" "$out.d" > /dev/null 2>&1; then
		rm -rf "$out.d.tmp"
	else
		rm -rf "$out.d"
		mv "$out.d.tmp" "$out.d"
	fi
	stamp=${root%-deb}.stamp
	{
		echo '#!/bin/sh'
		echo "# Debian's kexec-tools $(cat "$stamp" 2>/dev/null || echo "from $(basename "$root")"),"
		echo "# run by the loader of its own libc (scripts/build-kexec.sh --deb)"
		echo "exec /opt/$name/$ld --library-path /opt/$name /opt/$name/kexec \"\$@\""
	} > "$out.tmp"
	chmod 755 "$out.tmp"
	if cmp -s "$out.tmp" "$out"; then
		rm "$out.tmp"
	else
		mv "$out.tmp" "$out"
	fi
	exit 0
fi

work=${1:?usage: build-kexec.sh WORKTREE OUTPUT | --deb ROOT OUTPUT} out=${2:?}
cd "$work"
if [ ! -e config.status ] || [ configure -nt config.status ]; then
	# zstd (2.0.32 has it, 2.0.29 not): left out like zlib and lzma
	zstd=
	grep -q -- --without-zstd configure && zstd=--without-zstd
	./configure -q --without-zlib --without-lzma $zstd --without-xen \
		LDFLAGS=-static CC="ccache gcc" > configure.log ||
		{ echo "build-kexec: configure failed in $work" >&2; exit 1; }
fi
make -s -j"$(nproc)" build/sbin/kexec > make.log 2>&1 ||
	{ cat make.log >&2; echo "build-kexec: build failed in $work" >&2; exit 1; }
cmp -s build/sbin/kexec "$OLDPWD/$out" 2>/dev/null || cp build/sbin/kexec "$OLDPWD/$out"
