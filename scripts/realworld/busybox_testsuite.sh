#!/usr/bin/env bash
# busybox_testsuite.sh WASIXRT [APPLET...] - busybox's own testsuite
# (testsuite/runtest, run by the host's sh) against the native busybox
# and against the wasm one under wasixrt, each on a fresh copy of the
# testsuite.  On the wasm side "busybox" in bindir is wrapper.sh, which
# runs the applet under wasixrt in the caller's working directory.
# Prints per-side PASS/FAIL counts and the cases whose verdicts differ.
set -u
WASIXRT=$(realpath "$1")
shift
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RW=$ROOT/build/realworld
OUT=$RW/out
mkdir -p "$OUT"
start=$(date +%s)

# The applets the testsuite has tests for, of those we build.
applets=()
for a in $(grep -v '^#' "$HERE/busybox.applets" |
	sed -n 's/^CONFIG_\([A-Z0-9]*\)=y$/\1/p' | tr A-Z a-z | sort -u); do
	if [ -e "$RW/src/busybox/src/testsuite/$a.tests" ] ||
		[ -d "$RW/src/busybox/src/testsuite/$a" ]; then
		applets+=("$a")
	fi
done
[ $# -gt 0 ] && applets=("$@")

side() { # SIDE: run the testsuite, results in $OUT/busybox.SIDE.log
	local s=$1 d=$RW/bbtest/$1
	rm -rf "$d"
	mkdir -p "$d/bin"
	cp -a "$RW/src/busybox/src/testsuite" "$d/testsuite"
	# Some cases read busybox's sources (../scripts, ../Makefile, ...).
	local f
	for f in "$RW/src/busybox/src"/*; do
		[ -e "$d/${f##*/}" ] || ln -s "$f" "$d/${f##*/}"
	done
	cp "$RW/$s/build/busybox/.config" "$d/bin/.config"
	if [ "$s" = wasm ]; then
		sed -e "s|@WASIXRT@|$WASIXRT|" -e "s|@RW@|$RW|" \
			"$HERE/wrapper.sh" >"$d/bin/busybox"
		chmod +x "$d/bin/busybox"
	else
		ln -s "$RW/native/bin/busybox" "$d/bin/busybox"
	fi
	(cd "$d/testsuite" && env bindir="$d/bin" tsdir="$d/testsuite" \
		timeout "${RW_BB_TIMEOUT:-3600}" sh ./runtest "${applets[@]}" </dev/null \
		>"$OUT/busybox.$s.log" 2>&1)
}
# RW_BB_REUSE_NATIVE=1: keep the native log of an earlier run.
[ "${RW_BB_REUSE_NATIVE:-0}" = 1 ] && [ -s "$OUT/busybox.native.log" ] ||
	side native
side wasm

count() { grep -c "^$1: " "$OUT/busybox.$2.log"; }
# Test names may hold a tab (sed's "s with \t"): a space, for join.
verdicts() { grep -E '^(PASS|FAIL|SKIPPED|UNTESTED): ' "$OUT/busybox.$1.log" |
	tr '\t' ' ' | sed 's/^\([A-Z]*\): \(.*\)$/\2\t\1/' | sort; }
np=$(count PASS native)
nf=$(count FAIL native)
wp=$(count PASS wasm)
wf=$(count FAIL wasm)
n=$((np + nf))
# Differing verdicts; those listed in known-differences are reported with
# their reason and do not fail the run.
diffs=$(join -t "$(printf '\t')" <(verdicts native) <(verdicts wasm) |
	awk -F'\t' -v known="$HERE/known-differences" '
	BEGIN { while ((getline l < known) > 0) {
		if (l ~ /^#/) continue
		split(l, f, "\t"); if (f[1] == "busybox") why[f[2]] = f[3] } }
	$2 != $3 { k = ($1 in why) ? "known" : "new"
		print k "\t  " $2 " natively, " $3 " under wasixrt: " $1 \
			(k == "known" ? " (known: " why[$1] ")" : "") }')
nknown=0
if [ -n "$diffs" ]; then
	printf '%s\n' "$diffs" | cut -f2-
	nknown=$(printf '%s\n' "$diffs" | grep -c '^known' || true)
fi
line=$(printf 'realworld: %-8s wasixrt %3d/%-3d native %3d/%-3d (%d s)' busybox \
	"$wp" "$n" "$np" "$n" $(($(date +%s) - start)))
[ "$nknown" -gt 0 ] && line="$line, $nknown known difference(s)"
echo "$line"
! printf '%s\n' "$diffs" | grep -q '^new'
