#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kconfig.sh SRCTREE OBJDIR FRAGMENT...
#
# allnoconfig + fragments, then check every line of every fragment made it
# into the .config (a dependency we forgot shows up here, not at boot).
set -eu

src=$1 obj=$2
shift 2
mkdir -p "$obj"
cat "$@" > "$obj/fragment.config"
make -s -C "$src" O="$(cd "$obj" && pwd)" KCONFIG_ALLCONFIG="$(cd "$obj" && pwd)/fragment.config" \
	allnoconfig >/dev/null

bad=0
sed -n -e 's/^\(CONFIG_[A-Z0-9_]*\)=\(.*\)$/\1 \2/p' \
       -e 's/^# \(CONFIG_[A-Z0-9_]*\) is not set$/\1 n/p' "$obj/fragment.config" |
	awk '{ v[$1] = $2 } END { for (s in v) print s, v[s] }' > "$obj/fragment.want"
while read -r sym val; do
	if [ "$val" = n ]; then
		grep -q "^$sym=" "$obj/.config" || continue
		echo "kconfig: $sym should be off but is $(grep "^$sym=" "$obj/.config")" >&2
		bad=1
	elif ! grep -qx "$sym=$val" "$obj/.config"; then
		echo "kconfig: $sym=$val did not take (missing dependency?)" >&2
		bad=1
	fi
done < "$obj/fragment.want"
[ $bad = 0 ] || { rm -f "$obj/.config"; exit 1; }
