#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# apt.sh BUILD apt-get|apt-cache ARGS...
#
# Run apt-get or apt-cache against a private apt configuration in
# BUILD/apt: the suites persist-e820 takes sources and stock kernels from
# (bullseye to sid), with deb-src, from the Debian mirrors this machine's
# own apt sources name. The machine's apt sources and package database are
# never changed: nothing is installed from these suites, only downloaded.
# The indexes are fetched once (delete BUILD/apt/updated to refresh them).
set -eu

build=${1:?usage: apt.sh BUILD apt-get|apt-cache ARGS...}
shift
mkdir -p "$build/apt"
dir=$(cd "$build/apt" && pwd)

die() { echo "apt.sh: $*" >&2; exit 1; }

# The first deb URI of the machine's sources for the main archive and for
# the security archive (deb822 .sources files or one-line .list files).
mirror() {
	{
		for f in /etc/apt/sources.list.d/*.sources; do
			[ -e "$f" ] && sed -n 's/^URIs:[[:space:]]*//p' "$f"
		done
		cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
			sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]*\).*/\2/p'
	} | tr ' ' '\n' | grep -E "$1" | head -n 1
}

keyring=/usr/share/keyrings/debian-archive-keyring.gpg
if [ ! -e "$dir/sources.list" ]; then
	main=$(mirror '/debian/?$') || true
	sec=$(mirror '/debian-security/?$') || true
	[ -n "$main" ] || die "no Debian archive in this machine's apt sources"
	[ -n "$sec" ] || sec=${main%/debian*}/debian-security
	[ -r "$keyring" ] || die "$keyring is missing (package debian-archive-keyring)"
	{
		for s in bullseye bookworm trixie trixie-backports sid; do
			echo "deb [signed-by=$keyring] $main $s main"
			echo "deb-src [signed-by=$keyring] $main $s main"
		done
		echo "deb [signed-by=$keyring] $sec bullseye-security main"
		echo "deb-src [signed-by=$keyring] $sec bullseye-security main"
	} > "$dir/sources.list.tmp"
	mv "$dir/sources.list.tmp" "$dir/sources.list"
fi
mkdir -p "$dir/state/lists/partial" "$dir/cache/archives/partial"
touch "$dir/state/status"

cmd=${1:?usage: apt.sh BUILD apt-get|apt-cache ARGS...}
shift
case $cmd in apt-get|apt-cache) ;; *) die "not apt-get or apt-cache: $cmd" ;; esac
# run apt-get|apt-cache ARGS...: with the private configuration
run() {
	c=$1
	shift
	"$c" -o Dir::Etc::sourcelist="$dir/sources.list" -o Dir::Etc::sourceparts=- \
		-o Dir::State="$dir/state" -o Dir::State::status="$dir/state/status" \
		-o Dir::Cache="$dir/cache" -o APT::Sandbox::User=root \
		-o Debug::NoLocking=1 "$@"
}
if [ ! -e "$dir/updated" ]; then
	run apt-get -qq update >/dev/null 2>"$dir/update.log" ||
		die "apt-get update failed (see $dir/update.log)"
	touch "$dir/updated"
fi
run "$cmd" "$@"
