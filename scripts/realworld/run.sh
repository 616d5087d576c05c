#!/usr/bin/env bash
# run.sh WASIXRT [SUITE...] - run the Debian programs built by build.sh
# under wasixrt and natively, and print per-program pass counts.
#
# Suites (default: all):
#   dash      tests/realworld/sh/*.sh under dash
#   bash      the same scripts under bash
#   lua       tests/realworld/lua/*.lua
#   sqlite3   tests/realworld/sql/*.sql (a fresh database file each)
#   pipe16m   16 MiB through `cat | cat` in a bash and a dash pipeline
#   busybox   busybox's own testsuite (testsuite/*.tests), per test case
#
# Each script runs twice with the same paths: natively (build/realworld/
# native/bin first on PATH) and under wasixrt (the guest sees build/
# realworld and /dev at their host paths, wasm/bin as /bin and on PATH).
# A script passes when stdout and exit status match the native run's; the
# native count is of scripts that ran to completion (exit status 0).
# busybox's testsuite judges itself: PASS lines on each side.
#
# Environment: RW_TIMEOUT (seconds per run, default 60), RW_VERBOSE=1
# (show the difference of each failure).
# Prints "realworld: PROGRAM: wasixrt P/N, native Q/N" per suite and a
# total; exits 1 when any wasixrt result differs from native's.
set -u
if [ $# -lt 1 ]; then
	echo "usage: $0 WASIXRT [dash|bash|lua|sqlite3|pipe16m|busybox]..." >&2
	exit 2
fi
WASIXRT=$(realpath "$1")
shift
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RW=$ROOT/build/realworld
T=$ROOT/tests/realworld
WBIN=$RW/wasm/bin
NBIN=$RW/native/bin
TIMEOUT=${RW_TIMEOUT:-60}
VERBOSE=${RW_VERBOSE:-0}
SUITES=("$@")
[ ${#SUITES[@]} -eq 0 ] && SUITES=(dash bash lua sqlite3 pipe16m busybox)

TMP=$RW/tmp
rm -rf "$TMP"
mkdir -p "$TMP"
OUT=$RW/out
mkdir -p "$OUT"

# The guest's view: build/realworld at its own path, /dev, and wasm/bin
# as /bin (popen and system run /bin/sh).
[ -e "$WBIN/sh" ] || ln -s dash "$WBIN/sh"
wasm_run() { # PROG ARGS... (stdin inherited)
	local prog=$1
	shift
	timeout "$TIMEOUT" "$WASIXRT" run --dir "$RW::$RW" --dir "$T::$T" --dir /dev::/dev \
		--dir "$WBIN::/bin" --env PATH="$WBIN" --env TMP="$CASE_TMP" \
		--env HOME="$CASE_TMP" --env LC_ALL=C --env TZ=UTC \
		--env DATA16M="$TMP/data16m" "$WBIN/$prog" "$@"
}
native_run() { # PROG ARGS...
	local prog=$1
	shift
	timeout "$TIMEOUT" env -i PATH="$NBIN:/usr/bin:/bin" TMP="$CASE_TMP" \
		HOME="$CASE_TMP" LC_ALL=C TZ=UTC DATA16M="$TMP/data16m" \
		"$NBIN/$prog" "$@"
}

total_fail=0
summary=()
# known SUITE CASE: the reason of a known difference (known-differences),
# or nothing.
known() {
	awk -F'\t' -v s="$1" -v c="$2" '$1 == s && $2 == c { print $3; exit }' \
		"$HERE/known-differences"
}
# compare SUITE NAME PROG ARGS... : one case, both sides, stdin from
# $CASE_IN (default /dev/null).
compare() {
	local suite=$1 name=$2 prog=$3
	shift 3
	local n=$OUT/$suite.$name.native w=$OUT/$suite.$name.wasm
	local in=${CASE_IN:-/dev/null}
	# @TMP@ in an argument is the run's own scratch directory.
	CASE_TMP=$TMP/$suite.$name.native
	mkdir -p "$CASE_TMP"
	(cd "$CASE_TMP" && native_run "$prog" "${@//@TMP@/$CASE_TMP}" <"$in" \
		>"$n.out" 2>"$n.err")
	echo "status $?" >>"$n.out"
	CASE_TMP=$TMP/$suite.$name.wasm
	mkdir -p "$CASE_TMP"
	# Guest paths differ from the host's only in the scratch dir name.
	(cd "$CASE_TMP" && wasm_run "$prog" "${@//@TMP@/$CASE_TMP}" <"$in" \
		>"$w.out" 2>"$w.err")
	echo "status $?" >>"$w.out"
	sed -i "s|$TMP/$suite.$name.wasm|$TMP/$suite.$name.native|g" "$w.out"
	if tail -1 "$n.out" | grep -qx 'status 0'; then
		s_nok=$((s_nok + 1))
	else
		echo "  native: $suite $name ended with $(tail -1 "$n.out")"
	fi
	s_n=$((s_n + 1))
	local why
	why=$(known "$suite" "$name")
	if cmp -s "$n.out" "$w.out"; then
		s_wok=$((s_wok + 1))
		[ -n "$why" ] && echo "  known difference gone: $suite $name (drop its line from known-differences)"
	elif [ -n "$why" ]; then
		s_known=$((s_known + 1))
		echo "  known: $suite $name: $why"
	else
		echo "  FAIL $suite $name (wasixrt output differs; $w.out)"
		if [ "$VERBOSE" = 1 ]; then
			diff "$n.out" "$w.out" | head -20 | sed 's/^/    /'
			head -5 "$w.err" | sed 's/^/    stderr: /'
		fi
	fi
}

suite_begin() { s_n=0 s_nok=0 s_wok=0 s_known=0 s_start=$(date +%s); }
suite_end() { # PROGRAM
	local line
	line=$(printf '%-8s wasixrt %3d/%-3d native %3d/%-3d (%d s)' "$1" \
		"$s_wok" "$s_n" "$s_nok" "$s_n" $(($(date +%s) - s_start)))
	[ "$s_known" -gt 0 ] && line="$line, $s_known known difference(s)"
	echo "realworld: $line"
	summary+=("$line")
	[ $((s_wok + s_known)) -eq "$s_n" ] || total_fail=1
}

need() { # PROG...: both builds present?
	local p
	for p in "$@"; do
		if [ ! -e "$WBIN/$p" ] || [ ! -e "$NBIN/$p" ]; then
			echo "realworld: $p not built (make realworld builds it)" >&2
			total_fail=1
			return 1
		fi
	done
}

shell_suite() { # SHELL
	need "$1" busybox || return 0
	suite_begin
	local f
	for f in "$T"/sh/*.sh; do
		[ "$(basename "$f")" = pipe16m.sh ] && continue
		compare "$1" "$(basename "$f" .sh)" "$1" "$f"
	done
	suite_end "$1"
}

lua_suite() {
	need lua busybox || return 0
	suite_begin
	local f
	for f in "$T"/lua/*.lua; do
		compare lua "$(basename "$f" .lua)" lua "$f"
	done
	suite_end lua
}

sqlite3_suite() {
	need sqlite3 || return 0
	suite_begin
	local f name
	for f in "$T"/sql/*.sql; do
		name=$(basename "$f" .sql)
		# No file locks in WASIX's libc: the unix-none VFS on both sides.
		CASE_IN=$f compare sqlite3 "$name" sqlite3 -batch -bail \
			-vfs unix-none @TMP@/test.db
	done
	suite_end sqlite3
}

pipe16m_suite() {
	need dash bash busybox || return 0
	suite_begin
	head -c 16777216 /dev/urandom >"$TMP/data16m"
	local want sh
	want="$(md5sum <"$TMP/data16m" | cut -c1-32)
16777216
status 0"
	for sh in bash dash; do
		compare pipe16m "$sh" "$sh" "$T/sh/pipe16m.sh"
		if [ "$(cat "$OUT/pipe16m.$sh.native.out")" != "$want" ]; then
			echo "  native pipe16m $sh: not the file's md5sum and size"
			total_fail=1
		fi
	done
	suite_end pipe16m
}

busybox_suite() {
	need busybox || return 0
	"$HERE/busybox_testsuite.sh" "$WASIXRT" || total_fail=1
}

start=$(date +%s)
for s in "${SUITES[@]}"; do
	case $s in
	dash | bash) shell_suite "$s" ;;
	lua) lua_suite ;;
	sqlite3) sqlite3_suite ;;
	pipe16m) pipe16m_suite ;;
	busybox) busybox_suite ;;
	*)
		echo "realworld: unknown suite $s" >&2
		exit 2
		;;
	esac
done
echo "realworld: ${SUITES[*]}: $(($(date +%s) - start)) s"
exit $total_fail
