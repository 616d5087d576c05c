#!/usr/bin/env bash
# tests/cxx/run.sh WASIXRT - programs built with Debian's clang-22 using the
# WebAssembly 3.0 features toolchains emit, run under wasixrt against the
# same source built natively (same stdout, same exit status):
#
#   eh_*.cpp    C++ exceptions (-fwasm-exceptions, Debian's libc++ for
#               wasi-libc), built twice: the legacy encoding (try/catch/
#               rethrow) and exnref (try_table/throw_ref); linked with
#               cxxabi_eh.c, the C++ exception runtime Debian's wasm32
#               libc++abi lacks (written here, see its header)
#   simd_*.c    wasm_simd128.h intrinsics and auto-vectorised loops
#               (-O3 -msimd128): the module must contain v128 code
#   tail_*.c    musttail calls (-mtail-call): the module must contain
#               return_call
#
# The native side: g++ -O2 for C++, clang -O2 for C (gcc 12 has no
# musttail).  Prints "cxx: N passed, F failed"; exits non-zero on failure.
# CXX_TIER=native|auto|interp (default interp): the tier wasixrt runs them in
# (CXX_ONLY=pattern: only the tests whose name matches).
set -u
if [ $# -lt 1 ]; then
	echo "usage: $0 WASIXRT" >&2
	exit 2
fi
WASIXRT=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=$ROOT/build/cxx
mkdir -p "$OUT"
# wasm32-wasi is where Debian puts wasi-libc and its libc++; clang-22 calls
# the triple deprecated.  --no-wasm-opt: Debian's binaryen cannot read
# exnref, and must not rewrite what the test means to run.
WASM=(--target=wasm32-wasi -Wno-deprecated -O2 -Wall -Wextra)
LINK=(--no-wasm-opt)
EXNREF=(-mllvm -wasm-use-legacy-eh=false)
TIMEOUT=${CXX_TIMEOUT:-120}
TIER=${CXX_TIER:-interp}
ONLY=${CXX_ONLY:-}

pass=0
fail=0
failed() {
	echo "FAIL $1: $2"
	fail=$((fail + 1))
}

# run NAME WASM NATIVE_EXE: same stdout and status
run() {
	local name=$1 wasm=$2 native=$3
	local want got ws ns
	want=$("$native" 2>/dev/null)
	ns=$?
	got=$(timeout "$TIMEOUT" "$WASIXRT" run --tier "$TIER" "$wasm" \
		2>"$OUT/$name.err")
	ws=$?
	if [ "$ws" != "$ns" ]; then
		failed "$name" "status $ws, native $ns ($(head -c 300 "$OUT/$name.err"))"
	elif [ "$got" != "$want" ]; then
		failed "$name" "output differs from native:
$(diff <(echo "$want") <(echo "$got") | head -20)"
	else
		pass=$((pass + 1))
	fi
}

# the module must use what the test is about
uses() {
	local name=$1 wasm=$2 what=$3
	if ! wasm-objdump -d "$wasm" 2>/dev/null | grep -q -E "$what"; then
		failed "$name" "the module has no instruction matching '$what'"
		return 1
	fi
}

build_support() {
	local v=$1
	shift
	clang-22 "${WASM[@]}" -fwasm-exceptions "$@" -c "$HERE/cxxabi_eh.c" \
		-o "$OUT/cxxabi_eh.$v.o" &&
		clang-22 --target=wasm32-wasi -Wno-deprecated -mexception-handling \
			-c "$HERE/cpp_exception_tag.S" -o "$OUT/cpp_exception_tag.o"
}

if ! build_support legacy || ! build_support exnref "${EXNREF[@]}"; then
	echo "cxx: cannot build the C++ exception runtime (clang-22, libc++-22-dev-wasm32?)"
	exit 1
fi

for src in "$HERE"/eh_*.cpp; do
	t=$(basename "$src" .cpp)
	[[ -z $ONLY || $t == $ONLY ]] || continue
	if ! g++ -O2 -Wall -Wextra "$src" -o "$OUT/$t.native" 2>"$OUT/$t.native.err"; then
		failed "$t" "native build: $(head -5 "$OUT/$t.native.err")"
		continue
	fi
	for v in legacy exnref; do
		flags=()
		[ "$v" = exnref ] && flags=("${EXNREF[@]}")
		if ! clang++-22 "${WASM[@]}" "${LINK[@]}" -fwasm-exceptions "${flags[@]}" "$src" \
			"$OUT/cxxabi_eh.$v.o" "$OUT/cpp_exception_tag.o" \
			-o "$OUT/$t.$v.wasm" 2>"$OUT/$t.$v.err"; then
			failed "$t.$v" "wasm build: $(head -5 "$OUT/$t.$v.err")"
			continue
		fi
		# wabt reads the legacy encoding only: check it there
		if [ "$v" = legacy ] && ! uses "$t.$v" "$OUT/$t.$v.wasm" ' try | catch | throw '; then
			continue
		fi
		run "$t.$v" "$OUT/$t.$v.wasm" "$OUT/$t.native"
	done
done

for src in "$HERE"/simd_*.c "$HERE"/tail_*.c; do
	t=$(basename "$src" .c)
	[[ -z $ONLY || $t == $ONLY ]] || continue
	case $t in
	simd_*) flags=(-O3 -msimd128) what='v128|i8x16|i16x8|i32x4|f32x4' ;;
	tail_*) flags=(-mtail-call) what='return_call' ;;
	esac
	if ! clang -O2 -Wall -Wextra "$src" -o "$OUT/$t.native" -lm 2>"$OUT/$t.native.err"; then
		failed "$t" "native build: $(head -5 "$OUT/$t.native.err")"
		continue
	fi
	if ! clang-22 "${WASM[@]}" "${LINK[@]}" "${flags[@]}" "$src" -o "$OUT/$t.wasm" -lm \
		2>"$OUT/$t.err"; then
		failed "$t" "wasm build: $(head -5 "$OUT/$t.err")"
		continue
	fi
	uses "$t" "$OUT/$t.wasm" "$what" || continue
	run "$t" "$OUT/$t.wasm" "$OUT/$t.native"
done

echo "cxx: $pass passed, $fail failed"
[ "$fail" = 0 ]
