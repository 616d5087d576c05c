#!/bin/bash
# examples/run_demo.sh [ARGS] - build the runtime (make) and the demo
# guests into build/examples/, then run the two demos:
#
# 1. processes:
#      build/wasixrt run --mapdir /bin::build/examples/bin \
#          build/examples/demo.wasm [LIMIT [WORKERS]]
#    demo.wasm forks workers and vfork+execs /bin/report (examples/report.c);
#    both are plain wasi-libc programs linked with guest/wasix.c.
# 2. a server: examples/net_fileserver.c, a static file server built with
#    the real WASIX libc (../shared/wasix-sysroot, wasix-cc), serves
#    examples/www on 127.0.0.1 (a free port) to curl:
#      build/wasixrt run --net-listen '127.0.0.1:*' \
#          --mapdir /www::examples/www build/examples/net_fileserver.wasm /www 3
#    (skipped, with a note, when wasix-cc or curl is missing).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/build/examples
WASMCC="clang --target=wasm32-wasi --sysroot=/usr -O2 -std=c11 -Wall -Wextra -I$ROOT/guest"
WASIXCC=${WASIX_SYSROOT:-$ROOT/../shared/wasix-sysroot}/wasix-cc
RT=$ROOT/build/wasixrt

make -s -C "$ROOT" build/wasixrt
mkdir -p "$OUT/bin"
$WASMCC -o "$OUT/demo.wasm" "$ROOT/examples/demo.c" "$ROOT/guest/wasix.c"
$WASMCC -o "$OUT/bin/report" "$ROOT/examples/report.c" "$ROOT/guest/wasix.c"
echo "+ wasixrt run --mapdir /bin::build/examples/bin build/examples/demo.wasm $*"
"$RT" run --mapdir "/bin::$OUT/bin" "$OUT/demo.wasm" "$@"

echo
if [ ! -x "$WASIXCC" ] || ! command -v curl >/dev/null; then
	echo "(the server demo needs wasix-cc at $WASIXCC and curl: skipped)"
	exit 0
fi
"$WASIXCC" -O2 -Wall -Wextra -o "$OUT/net_fileserver.wasm" \
	"$ROOT/examples/net_fileserver.c" 2>&1 | grep -v deprecated || true
echo "+ wasixrt run --net-listen '127.0.0.1:*' --mapdir /www::examples/www build/examples/net_fileserver.wasm /www 3 &"
rm -f "$OUT/net_fileserver.out" # no address of an earlier run
"$RT" run --net-listen '127.0.0.1:*' --mapdir "/www::$ROOT/examples/www" \
	--timeout 60 "$OUT/net_fileserver.wasm" /www 3 >"$OUT/net_fileserver.out" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
url=
for _ in $(seq 1 100); do
	url=$(awk '/^listening on /{print $3; exit}' "$OUT/net_fileserver.out" \
		2>/dev/null || true)
	[ -n "$url" ] && break
	sleep 0.05
done
[ -n "$url" ] || { echo "net_fileserver did not start" >&2; exit 1; }
cat "$OUT/net_fileserver.out"
for path in "" hello.txt missing.html; do
	echo "+ curl -si ${url}$path"
	curl -si --max-time 10 "${url}$path" | tr -d '\r'
	echo
done
wait $server
trap - EXIT
echo "(the server has answered its 3 connections and exited)"
