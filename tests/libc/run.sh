#!/usr/bin/env bash
# tests/libc/run.sh WASIXRT - the real-libc suite: C programs built with the
# real WASIX C library (../shared/wasix-sysroot, wasix-cc) and, where POSIX
# defines the behaviour, natively with the host's cc; both runs must give
# the same stdout and exit status.
#
#   tests/libc/t_*.c    the tests; each checks its own results too (exit
#                       non-zero and "FAIL ..." on stderr on a failure)
#   tests/libc/bin/*.c  helper programs the tests exec or spawn, built both
#                       ways into bin/ of each side (no .wasm suffix)
#
# Layout of a run (the test sees the same names on both sides):
#   wasm:   WASIXRT run --mapdir /bin::OUT/wasm/bin --mapdir /tmp::SCRATCH
#           --env PATH=/bin --env LIBC_BIN=/bin --env LIBC_TMP=/tmp t.wasm
#   native: env PATH=OUT/native/bin:$PATH LIBC_BIN=OUT/native/bin
#           LIBC_TMP=SCRATCH t
# A test whose first line is "// native: skip" runs only under wasixrt
# (behaviour POSIX leaves open, or wasixrt-only features); one with
# "// args: A B" gets those arguments on both sides; "// stdin: pipe" or
# "// stdin: file" makes stdin a pipe or a regular file holding the line
# "stdin data" (default: /dev/null); "// stdin: tty" runs the test in a
# pseudo-terminal (script(1)): stdin, stdout and stderr are the terminal,
# stderr goes to stdout, lines end in CR LF; a line "// wasixrt: OPTS"
# gives wasixrt extra options (--net, ...).  Every test runs in every
# flavour but those with a line "// eh: skip: REASON" in the eh and exnref
# flavours (fork() is not declared there: wasix-libc's fork needs
# asyncify; vfork, posix_spawn, exec, threads, signals and setjmp are);
# there LIBC_EH is defined for both builds (libc_test.h), and tests
# leave out their parts that need fork.
#
# Environment: WASIX_FLAVOUR (plain, eh, exnref; default plain),
# LIBC_ONLY (test names, comma-separated: run only those), LIBC_TIMEOUT (seconds per
# run, default 60), NATIVE_CC (default cc), LIBC_TIER (interp, the
# default, or native: every program is first compiled by `wasixrt compile`
# at -O0 into a cache under build/, then the tests run with --tier=native,
# so each program - and each one it execs - runs as native code, and a
# program the native tier refuses is listed and fails its test instead
# of running in the interpreter, unless the test has a line
# "// native tier: refused (WHY)"; LIBC_TIER=auto runs them with
# --tier=auto, the refused ones in the interpreter).
# Prints "libc: N passed, F failed, S skipped"; exits non-zero on failure.
set -u
if [ $# -lt 1 ]; then
	echo "usage: $0 WASIXRT" >&2
	exit 2
fi
WASIXRT=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SYSROOT=${WASIX_SYSROOT:-$ROOT/../shared/wasix-sysroot}
FLAVOUR=${WASIX_FLAVOUR:-plain}
OUT=$ROOT/build/libc/$FLAVOUR
TIMEOUT=${LIBC_TIMEOUT:-60}
ONLY=${LIBC_ONLY:-}
only() {
	case ",$ONLY," in *",$1,"*) return 0 ;; esac
	return 1
}
NATIVE_CC=${NATIVE_CC:-cc}
WASIXCC=("$SYSROOT/wasix-cc" "--flavour=$FLAVOUR")
CFLAGS=(-O1 -g0 -std=gnu11 -Wall -Wextra -Wno-unused-parameter -I"$HERE")
NFLAGS=(-O1 -std=gnu11 -Wall -Wextra -Wno-unused-parameter -I"$HERE"
	-D_GNU_SOURCE -pthread)
# No fork() in the EH flavours: both builds leave out what needs it.
if [ "$FLAVOUR" != plain ]; then
	CFLAGS+=(-DLIBC_EH)
	NFLAGS+=(-DLIBC_EH)
fi

pass=0
fail=0
skip=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

if [ ! -x "$SYSROOT/wasix-cc" ]; then
	echo "libc: no wasix-cc at $SYSROOT (set WASIX_SYSROOT)" >&2
	echo "libc: 0 passed, 1 failed"
	exit 1
fi
mkdir -p "$OUT/wasm/bin" "$OUT/native/bin" "$OUT/log"
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

# build SRC WASM_OUT NATIVE_OUT: both builds, newer than their source and
# header are kept.  A build error is a failure of that program.
build() {
	local src=$1 wout=$2 nout=$3 name
	name=$(basename "$src" .c)
	if [ ! "$wout" -nt "$src" ] || [ ! "$wout" -nt "$HERE/libc_test.h" ] ||
	   [ ! "$wout" -nt "$SYSROOT/wasix-cc" ]; then
		if ! "${WASIXCC[@]}" "${CFLAGS[@]}" -o "$wout" "$src" \
				>"$OUT/log/$name.wasm.log" 2>&1; then
			bad "build $name (wasm): $(grep -v 'deprecated' "$OUT/log/$name.wasm.log" | head -5)"
			rm -f "$wout"
			return 1
		fi
	fi
	if [ ! "$nout" -nt "$src" ] || [ ! "$nout" -nt "$HERE/libc_test.h" ]; then
		if ! $NATIVE_CC "${NFLAGS[@]}" -o "$nout" "$src" \
				>"$OUT/log/$name.native.log" 2>&1; then
			bad "build $name (native): $(head -5 "$OUT/log/$name.native.log")"
			rm -f "$nout"
			return 1
		fi
	fi
}

for c in "$HERE"/bin/*.c; do
	[ -e "$c" ] || continue
	b=$(basename "$c" .c)
	build "$c" "$OUT/wasm/bin/$b" "$OUT/native/bin/$b"
done

# Scripts for the #! tests, on both sides.
for s in "$HERE"/bin/*.sh; do
	[ -e "$s" ] || continue
	b=$(basename "$s" .sh)
	cp "$s" "$OUT/wasm/bin/$b" && chmod +x "$OUT/wasm/bin/$b"
	cp "$s" "$OUT/native/bin/$b" && chmod +x "$OUT/native/bin/$b"
done

# with_stdin KIND CMD...: run CMD with stdin a pipe, a regular file (both
# holding "stdin data\n"), a pseudo-terminal or /dev/null (KIND empty).
echo "stdin data" >"$SCRATCH/stdin"
with_stdin() {
	local kind=$1
	shift
	case $kind in
	pipe) cat "$SCRATCH/stdin" | "$@" ;;
	file) "$@" <"$SCRATCH/stdin" ;;
	tty) script -qec "$(printf '%q ' "$@")" /dev/null </dev/null ;;
	*) "$@" </dev/null ;;
	esac
}

TIER=${LIBC_TIER:-interp}
TIER_OPT=()
case $TIER in
interp) ;;
native | auto)
	# Build every test first, then compile them all, two at a time.
	for c in "$HERE"/t_*.c; do
		t=$(basename "$c" .c)
		[ -n "$ONLY" ] && ! only "$t" && continue
		# (the loop below skips these; a build error here counted)
		if [ "$FLAVOUR" != plain ] && head -3 "$c" | grep -q '^// eh: skip'; then
			continue
		fi
		build "$c" "$OUT/$t.wasm" "$OUT/native/$t" >/dev/null
	done
	export XDG_CACHE_HOME=$ROOT/build/native-cache
	export WASIXRT_NATIVE_OPT=${WASIXRT_NATIVE_OPT:--O0}
	# The selected tests (LIBC_ONLY) and every helper they may run.
	for w in "$OUT"/*.wasm "$OUT"/wasm/bin/*; do
		case $w in
		*.sh) ;;
		"$OUT"/wasm/bin/*) echo "$w" ;;
		*) { [ -z "$ONLY" ] || only "$(basename "$w" .wasm)"; } && echo "$w" ;;
		esac
	done |
		xargs -P "$(nproc)" -I{} sh -c \
		'"$1" compile $WASIXRT_NATIVE_OPT "$2" 2>/dev/null || echo "$2" >>"$3"' \
		- "$WASIXRT" {} "$SCRATCH/refused"
	if [ -s "$SCRATCH/refused" ]; then
		if [ "$TIER" = native ]; then
			echo "libc: the native tier refuses $(wc -l <"$SCRATCH/refused") programs (their tests fail unless they say so):"
		else
			echo "libc: the native tier refuses $(wc -l <"$SCRATCH/refused") programs (run in the interpreter):"
		fi
		xargs -n1 basename <"$SCRATCH/refused" | sort | tr '\n' ' ' | fold -w 76 | sed 's/^/    /'
		echo
	fi
	TIER_OPT=(--tier="$TIER")
	;;
*)
	echo "libc: LIBC_TIER '$TIER': expected interp, native or auto" >&2
	exit 2
	;;
esac

for c in "$HERE"/t_*.c; do
	t=$(basename "$c" .c)
	[ -n "$ONLY" ] && ! only "$t" && continue
	if [ "$FLAVOUR" != plain ] && head -3 "$c" | grep -q '^// eh: skip'; then
		skip=$((skip + 1))
		continue
	fi
	build "$c" "$OUT/$t.wasm" "$OUT/native/$t" || continue
	first=$(head -1 "$c")
	args=$(sed -n 's|^// args: ||p' "$c" | head -1)
	stdin=$(sed -n 's|^// stdin: ||p' "$c" | head -1)
	wopts=$(sed -n 's|^// wasixrt: ||p' "$c" | head -1)
	topt=("${TIER_OPT[@]}")
	if [ "$TIER" = native ] && grep -qx "$OUT/$t.wasm" "$SCRATCH/refused" 2>/dev/null; then
		# Only a test that says so may run in the interpreter.
		if grep -q '^// native tier: refused' "$c"; then
			topt=(--tier=auto)
		else
			bad "$t: the native tier refuses it"
			continue
		fi
	fi
	rm -rf "$SCRATCH/w" "$SCRATCH/n"
	mkdir -p "$SCRATCH/w" "$SCRATCH/n"
	# shellcheck disable=SC2086
	with_stdin "$stdin" sh -c 'cd "$1" && shift && exec "$@"' - \
		"$SCRATCH/w" timeout "$TIMEOUT" "$WASIXRT" run "${topt[@]}" \
		--mapdir "/bin::$OUT/wasm/bin" --mapdir "/tmp::$SCRATCH/w" \
		--env PATH=/bin --env LIBC_BIN=/bin --env LIBC_TMP=/tmp \
		$wopts "$OUT/$t.wasm" $args >"$SCRATCH/w.out" 2>"$SCRATCH/w.err"
	wst=$?
	if [ "$first" = "// native: skip" ]; then
		if [ "$wst" = 0 ]; then ok; else
			[ "$wst" = 124 ] && wst="$wst (timed out after ${TIMEOUT}s)"
			bad "$t: exit $wst"
			sed 's/^/    stdout: /' "$SCRATCH/w.out" | tail -8
			sed 's/^/    stderr: /' "$SCRATCH/w.err" | head -20
		fi
		continue
	fi
	# shellcheck disable=SC2086
	with_stdin "$stdin" sh -c 'cd "$1" && shift && exec "$@"' - \
		"$SCRATCH/n" env PATH="$OUT/native/bin:$PATH" \
		LIBC_BIN="$OUT/native/bin" LIBC_TMP="$SCRATCH/n" \
		timeout "$TIMEOUT" "$OUT/native/$t" $args \
		>"$SCRATCH/n.out" 2>"$SCRATCH/n.err"
	nst=$?
	if [ "$nst" != 0 ]; then
		bad "$t: the native build fails (exit $nst): the test is wrong"
		sed 's/^/    native stderr: /' "$SCRATCH/n.err" | head -10
	elif [ "$wst" != 0 ]; then
		[ "$wst" = 124 ] && wst="$wst (timed out after ${TIMEOUT}s)"
		bad "$t: exit $wst"
		sed 's/^/    stdout: /' "$SCRATCH/w.out" | tail -8
		sed 's/^/    stderr: /' "$SCRATCH/w.err" | head -20
	elif ! cmp -s "$SCRATCH/w.out" "$SCRATCH/n.out"; then
		bad "$t: stdout differs from the native build's"
		diff "$SCRATCH/n.out" "$SCRATCH/w.out" | head -20 | sed 's/^/    /'
	else
		ok
	fi
done

echo "libc: $pass passed, $fail failed, $skip skipped (tier $TIER)"
[ "$fail" -eq 0 ]
