#!/usr/bin/env bash
# cli.sh WASIXRT - the native tier's command line: compile, the cache,
# run --tier, run OUT.so and its refusals, and that a module gives the
# same results and trap lines in both tiers.
# Prints "native-cli: N passed, F failed"; exits non-zero on failure.
set -u
RT=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CACHE_HOME=$T/cache
export WASIXRT_NATIVE_OPT=-O1
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
# check NAME EXPECTED ACTUAL
check() { if [ "$2" = "$3" ]; then ok; else bad "$1: expected [$2], got [$3]"; fi; }

wat2wasm "$HERE/t_nat_add.wat" -o "$T/add.wasm" || exit 2
cp "$T/add.wasm" "$T/other.wasm"
printf '\0asm\1\0\0\0' >"$T/empty.wasm"

# Nothing cached: auto runs the interpreter and caches nothing.
"$RT" run --invoke add "$T/add.wasm" 2 3 >"$T/o" 2>&1
check "auto without cache" "5" "$(cat "$T/o")"
check "auto leaves the cache alone" "0" \
	"$(ls "$T/cache/wasixrt" 2>/dev/null | wc -l)"

# compile into the cache; then auto finds it (an entry exists, one .so).
"$RT" compile "$T/add.wasm" || bad "compile into the cache"
check "one cache entry" "1" "$(ls "$T/cache/wasixrt" | grep -c '\.so$')"
check "cache dir" "$T/cache/wasixrt" "$("$RT" cache dir)"

# Same results in both tiers, traps included (message, function, offset,
# the whole backtrace; a stack exhaustion blamed on the call).
for inv in "add 2 3" "add -1 1" "div 7 2" "div -2147483648 -1" "div 1 0" \
	   "grow 1" "load 65533" "load 65532" "fac 20" "deep 1"; do
	set -- $inv
	"$RT" run --tier=interp --invoke $1 "$T/add.wasm" "${@:2}" >"$T/i" 2>&1
	ist=$?
	"$RT" run --tier=native --invoke $1 "$T/add.wasm" "${@:2}" >"$T/n" 2>&1
	nst=$?
	check "$inv: status" "$ist" "$nst"
	check "$inv: output" "$(cat "$T/i")" "$(cat "$T/n")"
done

# The interrupt word reaches a native busy loop.
timeout 20 "$RT" run --tier=native --timeout 1 --invoke spin "$T/add.wasm" >/dev/null 2>&1
check "timeout stops a native loop" "124" "$?"

# compile -o: a self-contained object that runs alone.
"$RT" compile -O0 "$T/add.wasm" -o "$T/add.so" || bad "compile -o"
"$RT" run --invoke add "$T/add.so" 20 22 >"$T/o" 2>&1
check "run OUT.so" "42" "$(cat "$T/o")"
# A corrupted header, and a file that is no compiled module.
cp "$T/add.so" "$T/bad.so"
python3 - "$T/bad.so" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
i = b.find(b'wasixrt-native')
j = b.find(b'wasixrt-native', i + 1)
# the header's hash words follow the magic (16), abi and nfuncs (8)
k = i + 24
b[k] ^= 0xff
open(p, 'wb').write(bytes(b))
PY
"$RT" run --invoke add "$T/bad.so" 1 2 >"$T/o" 2>&1
st=$?
check "a mismatched object is refused" "1" "$st"
grep -q "does not match" "$T/o" || bad "mismatch message: $(cat "$T/o")"
printf '\177ELFjunk' >"$T/junk.so"
"$RT" run "$T/junk.so" >"$T/o" 2>&1
check "junk .so refused" "1" "$?"
[ "$(wc -l <"$T/o")" = 1 ] || bad "junk .so: one line expected: $(cat "$T/o")"

# --no-cache compiles without writing the cache.
"$RT" cache clear >/dev/null
"$RT" run --tier=native --no-cache --invoke add "$T/add.wasm" 1 1 >"$T/o" 2>&1
check "--no-cache runs" "2" "$(cat "$T/o")"
check "--no-cache writes nothing" "0" \
	"$(ls "$T/cache/wasixrt" | grep -c '\.so$')"
# cache clear removes entries.
"$RT" compile "$T/add.wasm"
check "cache clear" "removed 1 compiled module" "$("$RT" cache clear)"

# SIMD runs as native code.
cat >"$T/simd.wat" <<'W'
(module (func (export "f") (result i32)
  (i32x4.extract_lane 0 (v128.const i32x4 9 0 0 0))))
W
wat2wasm "$T/simd.wat" -o "$T/simd.wasm"
"$RT" run --tier=native --invoke f "$T/simd.wasm" >"$T/o" 2>&1
check "SIMD in the native tier" "9" "$(cat "$T/o")"

# Wide arithmetic (i64.add128, which wabt cannot write) runs natively:
# (1 + 2^64*0) + (2 + 2^64*0), low half.
printf '\0asm\1\0\0\0\1\5\1\x60\0\1\x7e\3\2\1\0\7\5\1\1f\0\0\n\x0f\1\x0d\0'\
'\x42\1\x42\0\x42\2\x42\0\xfc\x13\x1a\x0b' >"$T/wide.wasm"
"$RT" run --tier=native --invoke f "$T/wide.wasm" >"$T/o" 2>&1
check "wide arithmetic in the native tier" "3" "$(cat "$T/o")"

# A module the native tier cannot run (typed function references:
# br_on_null, which wabt cannot write): --tier=native says why, auto runs
# it in the interpreter.
printf '\0asm\1\0\0\0\1\5\1\x60\0\1\x7f\3\2\1\0\7\5\1\1f\0\0\n\x0e\1\x0c\0'\
'\x02\x40\xd0\x70\xd5\0\x1a\x0b\x41\3\x0b' >"$T/typed.wasm"
"$RT" run --tier=native --invoke f "$T/typed.wasm" >"$T/o" 2>&1
check "refused module: status" "1" "$?"
grep -q "native tier cannot run this module: .*typed function references" \
	"$T/o" || bad "refusal reason: $(cat "$T/o")"
"$RT" compile "$T/typed.wasm" 2>/dev/null
"$RT" run --invoke f "$T/typed.wasm" >"$T/o" 2>&1
check "auto falls back to the interpreter" "3" "$(cat "$T/o")"

# Address space too small for memory 0's guard region (8 GiB + 64 KiB)
# but enough for its maximum: the interpreter runs the module, native code
# refuses with one line instead of running unchecked.  (A sanitizer build
# cannot start under the limit at all: then there is nothing to check.)
"$RT" compile "$T/add.wasm" 2>/dev/null
if { (ulimit -v 6291456; "$RT" run --tier=interp --invoke add \
	"$T/add.wasm" 2 3) >"$T/o" 2>&1; } 2>/dev/null; then
	check "no guard region: the interpreter" "5" "$(cat "$T/o")"
	(ulimit -v 6291456; "$RT" run --tier=native --invoke add \
		"$T/add.wasm" 2 3) >"$T/o" 2>&1
	check "no guard region: native status" "134" "$?"
	grep -q "guard region" "$T/o" ||
		bad "no guard region: the reason: $(head -n 1 "$T/o")"
else
	echo "native-cli: no address-space limit check ($(head -n 1 "$T/o"))"
fi

echo "native-cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
