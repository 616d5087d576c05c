#!/usr/bin/env bash
# run.sh WASIXRT - differential tests: the same freestanding C programs
# compiled natively and to wasm32, and the results compared.
#
# For every program P named in cases.txt ("P FUNC ARGS..." per line):
#  - P.c is built to build/diff/P.O0.wasm and P.O2.wasm (clang
#    --target=wasm32, -nostdlib, exporting the functions the cases use);
#  - a native harness build/diff/P.native is generated from P.c and the
#    wasm signatures (gen_calls.awk, native.h, native_main.c), built with
#    UBSan so that undefined behaviour in P.c shows up instead of making
#    the two sides differ;
#  - each case runs `P.native FUNC ARGS` and `WASIXRT run --invoke FUNC
#    P.On.wasm ARGS` and the outputs must be identical.
# Conventions for P.c: only <stdint.h>; exported functions take and return
# int32_t, int64_t, float or double (never unsigned types or pointers);
# everything else is static; no UB (the native build checks it).
#
# Environment: CLANG (default clang), NATIVE_CC (default cc), DIFF_OPTS
# (default "O0 O2"), DIFF_ONLY (run only cases of this program).
# Prints "diff: N passed, F failed"; exits non-zero if anything failed.

set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 WASIXRT" >&2
	exit 2
fi
case $1 in
/*) RT=$1 ;;
*/*) RT=$PWD/$1 ;;
*) RT=$(command -v "$1") || RT=$1 ;;
esac
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=$ROOT/build/diff
CLANG=${CLANG:-clang}
NATIVE_CC=${NATIVE_CC:-cc}
OPTS=${DIFF_OPTS:-O0 O2}
ONLY=${DIFF_ONLY:-}
mkdir -p "$OUT"

pass=0
fail=0
failed_progs=

if [ ! -x "$RT" ]; then
	echo "diff: $RT is not an executable" >&2
	exit 1
fi
for tool in "$CLANG" wasm-objdump "$NATIVE_CC"; do
	if ! command -v "$tool" >/dev/null; then
		echo "diff: $tool is required" >&2
		exit 1
	fi
done

WASM_FLAGS="--target=wasm32 -ffreestanding -nostdlib -std=gnu11 -Wall -Wextra
	-Werror -Wl,--no-entry -Wl,-z,stack-size=1048576"
NATIVE_FLAGS="-std=gnu11 -O2 -g -ffp-contract=off -fno-builtin -Wall -Wextra
	-Wno-unused-function -fsanitize=undefined -fno-sanitize-recover=undefined"

cases=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$HERE/cases.txt")
progs=$(printf '%s\n' "$cases" | awk '{ print $1 }' | awk '!seen[$0]++')

# Build one program: wasm at each level, then the native harness.
# Prints nothing on success; on failure the compiler output.
build() {
	local p=$1 funcs exports o first=
	funcs=$(printf '%s\n' "$cases" | awk -v p="$p" '$1 == p { print $2 }' |
		awk '!seen[$0]++' | tr '\n' ' ')
	exports=
	for f in $funcs; do
		exports="$exports -Wl,--export=$f"
	done
	for o in $OPTS; do
		# shellcheck disable=SC2086
		"$CLANG" $WASM_FLAGS -$o $exports -o "$OUT/$p.$o.wasm" \
			"$HERE/$p.c" || return 1
		[ -n "$first" ] || first=$OUT/$p.$o.wasm
	done
	wasm-objdump -x "$first" >"$OUT/$p.objdump" || return 1
	awk -v prog="$HERE/$p.c" -v want="$funcs" -f "$HERE/gen_calls.awk" \
		"$OUT/$p.objdump" >"$OUT/${p}_calls.c" || return 1
	# shellcheck disable=SC2086
	"$NATIVE_CC" $NATIVE_FLAGS -I"$HERE" -o "$OUT/$p.native" \
		"$OUT/${p}_calls.c" "$HERE/native_main.c" -lm || return 1
}

for p in $progs; do
	[ -z "$ONLY" ] || [ "$p" = "$ONLY" ] || continue
	if [ ! -f "$HERE/$p.c" ]; then
		echo "FAIL build $p: no $p.c"
		fail=$((fail + 1))
		failed_progs="$failed_progs $p"
		continue
	fi
	if ! build "$p" >"$OUT/$p.build.log" 2>&1; then
		echo "FAIL build $p:"
		sed 's/^/    /' "$OUT/$p.build.log" | head -n 30
		fail=$((fail + 1))
		failed_progs="$failed_progs $p"
	fi
done

while read -r p f args; do
	[ -z "$ONLY" ] || [ "$p" = "$ONLY" ] || continue
	case " $failed_progs " in *" $p "*) continue ;; esac
	# shellcheck disable=SC2086
	want=$(timeout 60 "$OUT/$p.native" "$f" $args 2>"$OUT/native.err")
	rc=$?
	if [ $rc != 0 ]; then
		echo "FAIL $p $f $args: native harness exit $rc"
		sed 's/^/    /' "$OUT/native.err" | head -n 5
		fail=$((fail + 1))
		continue
	fi
	for o in $OPTS; do
		# shellcheck disable=SC2086
		got=$(timeout 60 "$RT" run --invoke "$f" "$OUT/$p.$o.wasm" \
			$args 2>"$OUT/wasm.err")
		rc=$?
		if [ $rc = 0 ] && [ "$got" = "$want" ]; then
			pass=$((pass + 1))
			continue
		fi
		fail=$((fail + 1))
		echo "FAIL $p.$o $f $args: exit $rc, got '$(echo $got)', want '$(echo $want)'"
		sed 's/^/    stderr: /' "$OUT/wasm.err" | head -n 5
	done
done <<<"$cases"

echo "diff: $pass passed, $fail failed"
[ "$fail" = 0 ]
