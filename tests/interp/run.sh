#!/usr/bin/env bash
# run.sh RUNNER - the interpreter's own .wast tests (tests/interp/*.wast):
# code shapes the function compiler translates specially (fused
# superinstructions, copies, branches), checked against what plain wasm
# semantics give.  Each file is converted with wast2json into
# build/interp-json/ and run by the spec runner.  A tests/interp/*.py
# script instead writes its script itself (NAME.py OUTDIR ->
# OUTDIR/NAME.json and its modules), for proposals wast2json cannot
# write yet (typed function references).  Prints
# "interp: P passed, F failed"; exits 1 if anything failed.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [ $# -ne 1 ] || [ ! -x "$1" ]; then
	echo "usage: $0 RUNNER (an executable spec runner)" >&2
	exit 2
fi
runner=$1
out=$root/build/interp-json
mkdir -p "$out"
P=0 F=0
for w in "$root"/tests/interp/*.wast "$root"/tests/interp/*.py; do
	[ -e "$w" ] || continue
	name=$(basename "$w")
	name=${name%.*}
	json=$out/$name.json
	if [ "${w##*.}" = py ]; then
		mkdir -p "$out/$name"
		json=$out/$name/$name.json
		if ! python3 "$w" "$out/$name" >"$out/$name.err" 2>&1; then
			echo "interp: $name.py failed: $(tail -n 1 "$out/$name.err")"
			F=$((F + 1))
			continue
		fi
	else
		# A file's ";; wast2json: FLAGS" line enables the proposals
		# it uses.
		flags=$(sed -n 's|^;; wast2json: ||p' "$w" | head -n 1)
		# shellcheck disable=SC2086
		if ! wast2json $flags "$w" -o "$json" >"$out/$name.err" 2>&1; then
			echo "interp: $name.wast: wast2json failed: $(head -n 1 "$out/$name.err")"
			F=$((F + 1))
			continue
		fi
	fi
	log=$(SPEC_VERBOSE=1 "$runner" "$json" 2>&1)
	rc=$?
	p=$(grep -c '^PASS ' <<<"$log")
	f=$(grep -c '^FAIL ' <<<"$log")
	grep '^FAIL ' <<<"$log"
	if [ $rc -gt 1 ] || ! tail -n 1 <<<"$log" | grep -q '^spec: '; then
		echo "interp: $(basename "$w"): runner exited with status $rc"
		f=$((f + 1))
	fi
	echo "interp: $(basename "$w"): $p passed, $f failed"
	P=$((P + p))
	F=$((F + f))
done
echo "interp: $P passed, $F failed"
[ "$F" -eq 0 ]
