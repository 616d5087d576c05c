#!/usr/bin/env bash
# run.sh WASIXRT - signals and setjmp/longjmp tests: builds the guest
# programs of this folder into build/signals/ and runs them under the
# given runtime.  Prints "signals: N passed, F failed".
set -euo pipefail
rt=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/build/signals"
mkdir -p "$out"
pass=0
fail=0
for src in "$here"/t_*.c; do
	name=$(basename "$src" .c)
	clang --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Werror \
		"$src" "$root/guest/wasix.c" -o "$out/$name.wasm"
	if timeout 120 "$rt" run --dir "$out::/t" "$out/$name.wasm" \
		>"$out/$name.log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name:"
		sed 's/^/    /' "$out/$name.log"
	fi
done
echo "signals: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
