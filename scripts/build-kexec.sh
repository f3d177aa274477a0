#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build-kexec.sh WORKTREE OUTPUT
#
# Configure (once) and build kexec-tools statically linked; copy the binary to
# OUTPUT only when it changed.
set -eu

work=$1 out=$2
cd "$work"
if [ ! -e config.status ] || [ configure -nt config.status ]; then
	./configure -q --without-zlib --without-lzma --without-xen \
		LDFLAGS=-static CC="ccache gcc" > configure.log ||
		{ echo "build-kexec: configure failed in $work" >&2; exit 1; }
fi
make -s -j"$(nproc)" build/sbin/kexec > make.log 2>&1 ||
	{ cat make.log >&2; echo "build-kexec: build failed in $work" >&2; exit 1; }
cmp -s build/sbin/kexec "$OLDPWD/$out" 2>/dev/null || cp build/sbin/kexec "$OLDPWD/$out"
