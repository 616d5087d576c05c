#!/usr/bin/env bash
# run.sh WASIXRT - the legacy ABI shapes (src/wasix/wasix.def, "Legacy
# shapes"): each .wat here imports one generation's shape of a
# wasix_32v1 call and exits 0 when it behaved (another status names the
# failed check).  Assembled with wabt's wat2wasm into build/abi/.
# Prints "abi: N passed, F failed".
set -euo pipefail
rt=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/build/abi"
mkdir -p "$out"
export TSAN_OPTIONS="${TSAN_OPTIONS:-} die_after_fork=0"
pass=0
fail=0
for wat in "$here"/*.wat; do
	name=$(basename "$wat" .wat)
	got=0
	if ! wat2wasm --enable-threads "$wat" -o "$out/$name.wasm" \
		2>"$out/$name.log"; then
		got=assemble
	else
		timeout 60 "$rt" run "$out/$name.wasm" >"$out/$name.log" 2>&1 ||
			got=$?
	fi
	if [ "$got" = 0 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name: exit status $got, want 0"
		sed 's/^/    /' "$out/$name.log"
	fi
done
echo "abi: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
