# SPDX-License-Identifier: GPL-2.0
#
# series-lib.sh: what series-kernel.sh and series-kexec-tools.sh share.
# Sourced; expects $n and $failed (TAP counters) to be set.

# result RC NAME [DETAIL]: one TAP line; DETAIL (its end) as comments on failure
result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		[ -n "${3:-}" ] && printf '%s\n' "$3" | tail -n 20 | sed 's/^/# /'
		failed=$((failed + 1))
	fi
}

# git with reproducible dates. The callers export GIT_AUTHOR_NAME and
# friends (whoever runs them); the identity here only stands in where they
# do not, and is no person.
git_() {
	GIT_AUTHOR_DATE=${GIT_AUTHOR_DATE:-2026-11-22T00:00:00Z} \
	GIT_COMMITTER_DATE=${GIT_COMMITTER_DATE:-2026-11-22T00:00:00Z} \
	git -c user.name="persist-e820 series (set your identity)" -c user.email= \
		-c core.autocrlf=false -c advice.detachedHead=false "$@"
}

# fill_cover COVER TEMPLATE: put TEMPLATE's first line in the subject of
# format-patch's cover letter COVER, the rest (after a blank line) in its blurb
fill_cover() {
	local blurb
	blurb=$(mktemp)
	tail -n +3 "$2" > "$blurb"
	awk -v subj="$(head -n 1 "$2")" -v blurb="$blurb" '
		/\*\*\* SUBJECT HERE \*\*\*/ { sub(/\*\*\* SUBJECT HERE \*\*\*/, subj) }
		/^\*\*\* BLURB HERE \*\*\*$/ {
			while ((getline l < blurb) > 0) print l
			next
		}
		{ print }' "$1" > "$1.new" && mv "$1.new" "$1"
	rm -f "$blurb"
}
