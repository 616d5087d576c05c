#!/usr/bin/env bash
# feat.sh WASIXRT - the native tier's tail calls and exception handling
# (t_nat_feat.wat), multiple memories and memory64 (t_nat_mem.wat),
# where memory 0's guard-page faults are (t_nat_guard.wat), whole trap
# backtraces at every -O (t_nat_trace.wat): the
# same results, statuses and trap lines as the interpreter, 10 million
# tail calls in constant stack, an exception kept in a catch body across
# the collections of thousands of others, 64-bit addresses that overflow.
# Prints "native-feat: N passed, F failed"; exits non-zero on failure.
set -u
RT=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CACHE_HOME=$T/cache
export WASIXRT_NATIVE_OPT=${WASIXRT_NATIVE_OPT:--O1}
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
check() { if [ "$2" = "$3" ]; then ok; else bad "$1: expected [$2], got [$3]"; fi; }

wat2wasm --enable-all "$HERE/t_nat_feat.wat" -o "$T/feat.wasm" || exit 2
wat2wasm --enable-all "$HERE/t_nat_mem.wat" -o "$T/mem.wasm" || exit 2
wat2wasm --enable-all --debug-names "$HERE/t_nat_guard.wat" \
	-o "$T/guard.wasm" || exit 2
wat2wasm --enable-all --debug-names "$HERE/t_nat_trace.wat" \
	-o "$T/trace.wasm" || exit 2
"$RT" compile "$T/feat.wasm" || bad "compile feat"
"$RT" compile "$T/mem.wasm" || bad "compile mem"
"$RT" compile "$T/guard.wasm" || bad "compile guard"

# both MODULE "NAME ARGS... =EXPECTED": the native tier gives the
# interpreter's status and output (trap lines included) and, when given,
# the expected result
both() {
	local wasm=$T/$1.wasm inv want ist nst
	shift
	for inv in "$@"; do
		want=${inv##*=}
		set -- ${inv% =*}
		"$RT" run --tier=interp --invoke $1 "$wasm" "${@:2}" >"$T/i" 2>&1
		ist=$?
		# A small stack: 10 million frames could not fit in it.
		(ulimit -s 2048; "$RT" run --tier=native --invoke $1 "$wasm" \
			"${@:2}" >"$T/n" 2>&1)
		nst=$?
		check "$inv: status" "$ist" "$nst"
		check "$inv: output" "$(cat "$T/i")" "$(cat "$T/n")"
		[ -z "$want" ] || check "$inv: result" "$want" "$(cat "$T/n")"
	done
}
both feat "loop 10000000 0 =30000000" "even 10000001 =0" \
	"indirect 1000001 =1500001" "tail_try 5 =12" "many 5000 =12498500" \
	"legacy 2 =42" "trap_in_try =" "uncaught ="
both mem "wrap -8 =" "wrap 65520 =" "wrap 65516 =0" "store1 65532 7 =7" \
	"store1 65533 7 =" "grow1 2 =3" "grow1 9 =1" "copy =246" \
	"copy_oob 65528 =" "copy_oob 65529 =" "copy_oob -1 =" \
	"atomics =47" "unaligned ="
# In a callee: the whole backtrace, as the interpreter's.
both guard "inlined 65528 =" "inlined -8 =" "second 65528 =" \
	"second 65525 =" "inlined 65524 =1" "second 65524 =0" "loop 0 =" \
	"dropped 65529 =" "dropped 65528 =" "stores 65534 =" "stores 65530 ="
# Whole backtraces (t_nat_trace.wat), at each optimisation level: what
# the compiler inlines or splits must not show.
for o in -O0 -O1 -O2 -O3; do
	WASIXRT_NATIVE_OPT=$o both trace "deep 65528 =" "explicit 0 =" \
		"explicit 1 =" "explicit 2 =107" "indirect 65528 0 =" \
		"indirect 65528 1 =" "indirect 65528 5 =" "recurse 3 =" \
		"recurse 100 =" "overflow 0 =" "tail 65528 =" "tailbody 0 =" \
		"tailbody 65528 =" "intry 65528 =" "intry 0 =5" "pure 65527 ="
done
# (and the recursion's trace is the cut one, not an empty one)
"$RT" run --tier=native --invoke recurse "$T/trace.wasm" 100 >"$T/n" 2>&1
grep -q "^    #1-#31 rec (function 9) at byte offset 0x" "$T/n" &&
	grep -q "^    ... outer frames not shown" "$T/n" ||
	bad "no cut trace for recursion: $(cat "$T/n")"
# A trap in a signal handler, a host call's call back into wasm
# (t_nat_trace_sig.c, built with the real WASIX libc when it is there).
SYSROOT=${WASIX_SYSROOT:-$HERE/../../../shared/wasix-sysroot}
if [ -x "$SYSROOT/wasix-cc" ]; then
	if "$SYSROOT/wasix-cc" -O2 -o "$T/sig.wasm" \
		"$HERE/t_nat_trace_sig.c" 2>"$T/cc.log"; then
		"$RT" run --tier=interp "$T/sig.wasm" >"$T/i" 2>&1
		ist=$?
		"$RT" run --tier=native "$T/sig.wasm" >"$T/n" 2>&1
		check "signal handler trap: status" "$ist" "$?"
		check "signal handler trap: output" "$(cat "$T/i")" "$(cat "$T/n")"
		grep -q "^    #2 handler (function" "$T/n" ||
			bad "signal handler trap: no handler frame: $(cat "$T/n")"
	else
		bad "build t_nat_trace_sig.c: $(cat "$T/cc.log")"
	fi
else
	echo "native-feat: no wasix-cc at $SYSROOT: signal handler case skipped"
fi
"$RT" run --tier=native --invoke trap_in_try "$T/feat.wasm" >"$T/n" 2>&1
grep -q "^wasixrt: trap: unreachable (in function trap_in_try" "$T/n" ||
	bad "a trap in a try is not caught: $(head -1 "$T/n")"

echo "native-feat: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
