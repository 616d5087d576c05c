#!/bin/bash
# examples/run_demo.sh [ARGS] - build the runtime (make) and the demo
# guests into build/examples/, then run the demo:
#
#   build/wasixrt run --mapdir /bin::build/examples/bin \
#       build/examples/demo.wasm [LIMIT [WORKERS]]
#
# demo.wasm forks workers and vfork+execs /bin/report (examples/report.c);
# both are plain wasi-libc programs linked with guest/wasix.c.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/build/examples
WASMCC="clang --target=wasm32-wasi --sysroot=/usr -O2 -std=c11 -Wall -Wextra -I$ROOT/guest"

make -s -C "$ROOT" build/wasixrt
mkdir -p "$OUT/bin"
$WASMCC -o "$OUT/demo.wasm" "$ROOT/examples/demo.c" "$ROOT/guest/wasix.c"
$WASMCC -o "$OUT/bin/report" "$ROOT/examples/report.c" "$ROOT/guest/wasix.c"
echo "+ wasixrt run --mapdir /bin::build/examples/bin build/examples/demo.wasm $*"
exec "$ROOT/build/wasixrt" run --mapdir "/bin::$OUT/bin" "$OUT/demo.wasm" "$@"
