#!/bin/bash
# tests/wasi/run.sh WASIXRT - build the WASI guest tests into build/wasi/
# and run them under WASIXRT (e.g. build/san/wasixrt).
#
#   t_*.c        guests that check their own results (exit 0 = pass)
#   t_*.wat      hand-written modules (wasi_unstable layouts)
#   t_sandbox    run twice (openat2 and the component walk); afterwards the
#                canary directory next to the sandbox must be unchanged
#   diff_*.c     built natively with gcc too: stdout must be identical
#
# Prints "wasi: N passed, F failed" and exits non-zero on any failure.
set -u
if [ $# -lt 1 ]; then
	echo "usage: $0 WASIXRT" >&2
	exit 2
fi
WASIXRT=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SRC=$ROOT/tests/wasi
OUT=$ROOT/build/wasi
WASMCC="clang --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Wno-unused-result"
NATIVECC="gcc -O2 -Wall -Wno-unused-result"
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# build: compile every guest once (a compile error is a failure).
for c in "$SRC"/t_*.c "$SRC"/diff_*.c; do
	b=$(basename "$c" .c)
	if ! $WASMCC -o "$OUT/$b.wasm" "$c" 2>"$OUT/$b.build.log"; then
		bad "build $b.wasm: $(head -3 "$OUT/$b.build.log")"
		rm -f "$OUT/$b.wasm"
	fi
done
for c in "$SRC"/diff_*.c; do
	b=$(basename "$c" .c)
	$NATIVECC -o "$OUT/$b.native" "$c" 2>>"$OUT/$b.build.log" ||
		bad "build $b.native"
done
for w in "$SRC"/t_*.wat; do
	b=$(basename "$w" .wat)
	wat2wasm "$w" -o "$OUT/$b.wasm" 2>"$OUT/$b.build.log" ||
		bad "build $b.wasm"
done

# expect NAME WANT_STATUS CMD...: run CMD with stdout into a pipe (so the
# guests see a non-seekable stdout) and compare its exit status.
expect() {
	local name=$1 want=$2 got
	shift 2
	"$@" 2>"$TMP/stderr" | cat >"$TMP/stdout"
	got=${PIPESTATUS[0]}
	if [ "$got" = "$want" ]; then
		ok
	else
		bad "$name: exit $got, want $want"
		sed 's/^/    /' "$TMP/stderr" | head -20
	fi
}

run() { "$WASIXRT" run "$@"; }

# t_fd: fd_* on files, args, env, clocks, random
mkdir -p "$TMP/fd"
expect t_fd 0 run --dir "$TMP/fd::/sb" --env T_FD=yes "$OUT/t_fd.wasm" one two

# t_sandbox, once per resolver
make_tree() {
	local t=$1
	mkdir -p "$t/sb/dir" "$t/outside"
	echo canary >"$t/outside/canary.txt"
	(
		cd "$t/sb" || exit 1
		echo file >file.txt
		echo inner >dir/inner.txt
		ln -s .. dir/up
		ln -s ../.. dir/upup
		ln -s "$t/outside/canary.txt" abs_link
		ln -s / abs_dir
		ln -s ../outside/canary.txt rel_escape
		ln -s ../outside rel_escape_dir
		ln -s chain2 chain1
		ln -s chain3 chain2
		ln -s ../outside chain3
		ln -s loop2 loop1
		ln -s loop1 loop2
		ln -s self self
		ln -s dir/inner.txt ok_link
		ln -s dir ok_dir_link
		ln -s dir/../file.txt dotdot_ok
		ln -s file.txt file_link
	)
	cp -a "$t/outside" "$t/outside.orig"
}
for mode in openat2 walk; do
	t=$TMP/sandbox-$mode
	make_tree "$t"
	if [ $mode = walk ]; then
		expect "t_sandbox ($mode)" 0 env WASIXRT_NO_OPENAT2=1 \
			"$WASIXRT" run --dir "$t/sb::/sb" "$OUT/t_sandbox.wasm"
	else
		expect "t_sandbox ($mode)" 0 run --dir "$t/sb::/sb" \
			"$OUT/t_sandbox.wasm"
	fi
	if diff -r "$t/outside.orig" "$t/outside" >/dev/null &&
	   [ "$(cat "$t/outside/canary.txt")" = canary ]; then
		ok
	else
		bad "t_sandbox ($mode): the canary directory changed"
		diff -r "$t/outside.orig" "$t/outside" | head -5
	fi
done

# t_poll: clocks and fds (stdin is /dev/null)
mkdir -p "$TMP/poll"
expect t_poll 0 run --dir "$TMP/poll::/sb" "$OUT/t_poll.wasm" </dev/null

# t_unstable: snapshot0 layouts
mkdir -p "$TMP/unstable"
echo file >"$TMP/unstable/file.txt"
expect t_unstable 0 run --dir "$TMP/unstable::/sb" "$OUT/t_unstable.wasm"

# t_rights: a wasi_unstable program's rights checks on a preopen at "/"
mkdir -p "$TMP/rights"
echo file >"$TMP/rights/file.txt"
expect t_rights 0 run --mapdir "/::$TMP/rights" "$OUT/t_rights.wasm"
[ -d "$TMP/rights/test-dir" ] || bad "t_rights: /test-dir was not created"

# t_exit: exit statuses
mkdir -p "$TMP/exit"
E="--dir $TMP/exit::/sb $OUT/t_exit.wasm"
expect "proc_exit 7" 7 run $E exit 7
expect "proc_exit 0" 0 run $E exit 0
expect "proc_exit 300" 44 run $E exit 300
expect "return 3" 3 run $E return 3
expect "raise SIGTERM" 143 run $E raise 15
expect "raise SIGKILL" 137 run $E raise 9
expect "raise SIGCHLD (ignored)" 42 run $E raise 16
expect "raise 0" 0 run $E raise_bad 0
expect "raise 31" 0 run $E raise_bad 31
expect "sock_* on non-sockets" 0 run $E sock
expect "missing preopen" 1 run --dir "$TMP/does-not-exist" "$OUT/t_exit.wasm" exit 0

# t_sock: stdin is a connected stream socket (needs python3)
if command -v python3 >/dev/null; then
	got=$(python3 - "$WASIXRT" "$OUT/t_sock.wasm" <<'PY' 2>&1
import socket, subprocess, sys
a, b = socket.socketpair()
b.sendall(b"ping")
p = subprocess.run([sys.argv[1], "run", sys.argv[2]], stdin=a)
a.close()
print(p.returncode, b.recv(16).decode())
PY
)
	if [ "$got" = "0 pong" ]; then ok; else bad "t_sock: $got"; fi
fi

# differential tests: stdout must equal the native build's
printf 'the quick brown fox\njumps over\n\nthe lazy dog\n  spaced   out  \nzeta\nalpha beta\n' >"$TMP/input"
"$OUT/diff_stdio.native" "a b" c <"$TMP/input" >"$TMP/native.out" 2>/dev/null
expect diff_stdio 0 run "$OUT/diff_stdio.wasm" "a b" c <"$TMP/input"
if cmp -s "$TMP/native.out" "$TMP/stdout"; then ok; else
	bad "diff_stdio: stdout differs from the native build"
	diff "$TMP/native.out" "$TMP/stdout" | head -5
fi
mkdir -p "$TMP/dn" "$TMP/dw"
"$OUT/diff_files.native" "$TMP/dn" >"$TMP/native.out" 2>/dev/null
expect diff_files 0 run --dir "$TMP/dw::/work" "$OUT/diff_files.wasm" /work
if cmp -s "$TMP/native.out" "$TMP/stdout"; then ok; else
	bad "diff_files: stdout differs from the native build"
	diff "$TMP/native.out" "$TMP/stdout" | head -10
fi

echo "wasi: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
