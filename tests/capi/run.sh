#!/usr/bin/env bash
# run.sh REL_BUILD [SAN_BUILD] - tests of the embedding API and of the
# installed library:
#   1. api_test.c against SAN_BUILD/libwasixrt.a (ASan+UBSan), if given;
#   2. scripts/install.sh into a temporary prefix (and a DESTDIR staging
#      root), then the examples built with `pkg-config --cflags --libs
#      wasixrt` against it, linked both shared and static, and run;
#   3. only wasixrt_* symbols exported, soname, man page and .pc contents.
# The guest modules are the .wat files here (wat2wasm --debug-names).
# Prints "capi: N passed, F failed"; exits non-zero if anything failed.
set -u

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 REL_BUILD [SAN_BUILD]" >&2
	exit 2
fi
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
REL=$(abs "$1")
SAN=${2:+$(abs "$2")}
OUT=$ROOT/build/capi-tests
TMP=$(mktemp -d "${TMPDIR:-/tmp}/wasixrt-capi.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
CC=${CC:-cc}

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

# expect NAME WANT_RC WANT_STDOUT CMD... - run CMD (20 s limit), compare
# its exit status and stdout ('*' = stdout not checked).
expect() {
	local name=$1 want_rc=$2 want_out=$3 out rc
	shift 3
	out=$(timeout 20 "$@" 2>"$TMP/stderr")
	rc=$?
	if [ "$rc" != "$want_rc" ]; then
		bad "$name: exit status $rc, expected $want_rc"
		sed 's/^/    /' "$TMP/stderr"
	elif [ "$want_out" != '*' ] && [ "$out" != "$(printf "$want_out")" ]; then
		bad "$name: stdout was:"
		printf '%s\n' "$out" | sed 's/^/    /'
	else
		ok
	fi
}

for wat in "$HERE"/*.wat; do
	name=$(basename "$wat" .wat)
	if ! wat2wasm --debug-names "$wat" -o "$OUT/$name.wasm" 2>"$TMP/log"; then
		bad "assemble $name.wat: $(cat "$TMP/log")"
	fi
done

# 1. The API under the sanitizers.
if [ -n "$SAN" ]; then
	if $CC -std=gnu11 -Wall -Wextra -Werror -O1 -g \
		-fsanitize=address,undefined -fno-sanitize-recover=undefined \
		-I"$ROOT/include" "$HERE/api_test.c" "$SAN/libwasixrt.a" \
		-lpthread -lm -o "$OUT/api_test" 2>"$TMP/log"; then
		if "$OUT/api_test" "$OUT" >"$TMP/api.out" 2>&1; then
			ok
		else
			bad "api_test:"
		fi
		sed 's/^/    /' "$TMP/api.out"
	else
		bad "api_test does not build: $(cat "$TMP/log")"
	fi
fi

# 1b. Every function of wasm.h (the standard C API), under ASan.
if [ -n "$SAN" ]; then
	if $CC -std=gnu11 -Wall -Wextra -Werror -O1 -g \
		-fsanitize=address,undefined -fno-sanitize-recover=undefined \
		-I"$ROOT/include" "$HERE/t_emb_wasm_api.c" "$SAN/libwasixrt.a" \
		-lpthread -lm -o "$OUT/t_emb_wasm_api" 2>"$TMP/log"; then
		if "$OUT/t_emb_wasm_api" "$OUT" >"$TMP/wasm.out" 2>&1 &&
			grep -Eq '^wasm.h: [0-9]+ checks, 0 failed$' "$TMP/wasm.out"; then
			ok
		else
			bad "t_emb_wasm_api:"
		fi
		sed 's/^/    /' "$TMP/wasm.out"
	else
		bad "t_emb_wasm_api does not build: $(cat "$TMP/log")"
	fi
fi

# 2. Install, then build the examples the way an embedder would.
PREFIX=$TMP/prefix
if bash "$ROOT/scripts/install.sh" "" "$PREFIX" "$REL" 0 2>"$TMP/log"; then
	ok
else
	bad "install: $(cat "$TMP/log")"
fi
for f in bin/wasixrt lib/libwasixrt.a lib/libwasixrt.so.0 lib/libwasixrt.so \
	include/wasixrt.h include/wasixrt/wasm.h lib/pkgconfig/wasixrt.pc share/man/man1/wasixrt.1; do
	[ -e "$PREFIX/$f" ] && ok || bad "install: $f missing"
done
(cd "$ROOT" && bash scripts/install.sh "$TMP/stage" /opt/wx "$REL" 0) &&
	[ -x "$TMP/stage/opt/wx/bin/wasixrt" ] &&
	grep -qx 'prefix=/opt/wx' "$TMP/stage/opt/wx/lib/pkgconfig/wasixrt.pc" &&
	ok || bad "install with DESTDIR: staged files or .pc prefix wrong"

export PKG_CONFIG_PATH=$PREFIX/lib/pkgconfig
flags=$(pkg-config --cflags --libs wasixrt 2>"$TMP/log") || bad "pkg-config: $(cat "$TMP/log")"
[ "$(pkg-config --modversion wasixrt)" = "$("$PREFIX/bin/wasixrt" --version | cut -d' ' -f2)" ] &&
	ok || bad "pkg-config version differs from wasixrt --version"
for ex in embed run_wasix embed_wasm; do
	# shellcheck disable=SC2086
	if $CC -std=c99 -Wall -Wextra -Werror "$ROOT/examples/$ex.c" $flags \
		-Wl,-rpath,"$PREFIX/lib" -o "$TMP/$ex" 2>"$TMP/log"; then
		ok
	else
		bad "examples/$ex.c does not build: $(cat "$TMP/log")"
	fi
done
# The static library alone (no libwasixrt.so at run time).
# shellcheck disable=SC2086
$CC -std=c99 "$ROOT/examples/embed.c" $(pkg-config --cflags wasixrt) \
	"$PREFIX/lib/libwasixrt.a" -lpthread -o "$TMP/embed_static" 2>"$TMP/log" &&
	! readelf -d "$TMP/embed_static" | grep -q libwasixrt && ok ||
	bad "static link: $(cat "$TMP/log")"
# shellcheck disable=SC2086
$CC -std=c99 "$ROOT/examples/embed_wasm.c" $(pkg-config --cflags wasixrt) \
	"$PREFIX/lib/libwasixrt.a" -lpthread -lm -o "$TMP/embed_wasm_static" 2>"$TMP/log" &&
	ok || bad "static link of embed_wasm: $(cat "$TMP/log")"
readelf -d "$TMP/embed" 2>/dev/null | grep -q 'NEEDED.*libwasixrt.so.0' &&
	ok || bad "examples/embed is not linked against libwasixrt.so.0"

cat >"$TMP/guest.wat" <<'WAT'
(module
  (import "env" "host_log" (func $log (param i32)))
  (func $inner (param i32) (result i32) (i32.div_s (i32.const 100) (local.get 0)))
  (func $middle (param i32) (result i32) (call $inner (local.get 0)))
  (func (export "div100") (param i32) (result i32)
    (call $log (local.get 0))
    (call $middle (local.get 0)))
  (func (export "sum") (param i64 f64) (result f64)
    (f64.add (f64.convert_i64_s (local.get 0)) (local.get 1))))
WAT
wat2wasm --debug-names "$TMP/guest.wat" -o "$TMP/guest.wasm"
for e in embed embed_static; do
	expect "$e div100" 0 'host_log: 4\n25' "$TMP/$e" "$TMP/guest.wasm" div100 4
	expect "$e sum" 0 '5.5' "$TMP/$e" "$TMP/guest.wasm" sum 5 0.5
	expect "$e trap" 134 'host_log: 0' "$TMP/$e" "$TMP/guest.wasm" div100 0
	grep -q 'integer divide by zero' "$TMP/stderr" &&
		grep -q '#2 div100 (function 3)' "$TMP/stderr" &&
		ok || bad "$e trap: backtrace missing: $(cat "$TMP/stderr")"
	expect "$e missing export" 1 '' "$TMP/$e" "$TMP/guest.wasm" nope
	expect "$e bad module" 1 '' "$TMP/$e" "$HERE/run.sh" f
	grep -q '^embed: .*run.sh: .*magic' "$TMP/stderr" && ok ||
		bad "$e bad module message: $(cat "$TMP/stderr")"
done
# The program written only against wasm.h, shared and static.
for e in embed_wasm embed_wasm_static; do
	expect "$e div100" 0 'host_log: 4\n25' "$TMP/$e" "$TMP/guest.wasm" div100 4
	expect "$e sum" 0 '5.5' "$TMP/$e" "$TMP/guest.wasm" sum 5 0.5
	expect "$e trap" 134 'host_log: 0' "$TMP/$e" "$TMP/guest.wasm" div100 0
	grep -q 'trap: integer divide by zero' "$TMP/stderr" &&
		grep -q '#2 function 3 at 0x' "$TMP/stderr" &&
		ok || bad "$e trap: frames missing: $(cat "$TMP/stderr")"
	expect "$e missing export" 1 '' "$TMP/$e" "$TMP/guest.wasm" nope
done
# A WASIX process run from an embedder, in a child: output and status.
expect "run_wasix" 3 'hello, argc=3\nrun_wasix: exit status 3' \
	"$TMP/run_wasix" "$OUT/hello.wasm" a b

# 3. What the library exports, and the documents.
others=$(nm -D --defined-only "$PREFIX/lib/libwasixrt.so.0" |
	awk '{print $3}' | grep -v '^wasixrt_' | grep -v '^wasm_' | grep -v '^_' || true)
[ -z "$others" ] && ok || bad "libwasixrt.so exports non-API symbols: $others"
nm -D --defined-only "$PREFIX/lib/libwasixrt.so.0" | grep -q ' T wasixrt_run$' &&
	ok || bad "wasixrt_run is not exported"
# every function wasm.h declares is defined by the library
missing=
for fn in $(sed -n 's/^WASM_API_EXTERN [^(]*[ *]\(wasm_[a-z0-9_]*\)(.*/\1/p' "$ROOT/include/wasm.h"); do
	nm -D --defined-only "$PREFIX/lib/libwasixrt.so.0" | grep -q " T $fn\$" || missing="$missing $fn"
done
[ -z "$missing" ] && ok || bad "wasm.h functions not in the library:$missing"
readelf -d "$PREFIX/lib/libwasixrt.so.0" | grep -q 'SONAME.*\[libwasixrt.so.0\]' &&
	ok || bad "soname is not libwasixrt.so.0"
if command -v groff >/dev/null; then
	warn=$(groff -man -ww -z "$PREFIX/share/man/man1/wasixrt.1" 2>&1)
	[ -z "$warn" ] && ok || bad "man page warnings: $warn"
fi
grep -q '^\.TH WASIXRT 1' "$PREFIX/share/man/man1/wasixrt.1" && ok ||
	bad "man page has no .TH"

echo "capi: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
