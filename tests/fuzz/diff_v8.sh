#!/usr/bin/env bash
# tests/fuzz/diff_v8.sh WASIXRT [N] - differential fuzzing against V8:
# N (default 50) random valid modules from binaryen's `wasm-opt -ttf`
# (imports removed), and every exported function of each with numeric
# parameters and results called with zero arguments, in wasixrt
# (`run --invoke`) and in node, each from a fresh instance; results and
# traps must agree (diff_v8.js compares).  A module that differs is kept
# in build/fuzz/diff/ with its name printed.
# DIFF_FEATURES adds binaryen feature flags (e.g. --enable-simd: v128
# code in the bodies; exported functions keep numeric signatures).
# Prints "diff-v8: M modules, C calls, D differences"; exits 1 if D > 0.
set -u
RT=$(realpath "$1")
N=${2:-50}
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(cd "$HERE/../.." && pwd)/build/fuzz/diff
mkdir -p "$OUT"
for tool in wasm-opt node; do
	if ! command -v $tool >/dev/null; then
		echo "diff-v8: $tool is missing" >&2
		exit 1
	fi
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mods=0
ncalls=0
ndiff=0
for ((i = 0; i < N; i++)); do
	head -c $((512 + RANDOM % 8192)) /dev/urandom >"$work/in.dat"
	# shellcheck disable=SC2086 # DIFF_FEATURES is a list of flags
	if ! wasm-opt -ttf ${DIFF_FEATURES:-} "$work/in.dat" --remove-imports -o "$work/m.wasm" \
		>/dev/null 2>&1; then
		continue
	fi
	mods=$((mods + 1))
	bad=0
	while read -r name np; do
		zeros=()
		for ((k = 0; k < np; k++)); do zeros+=(0); done
		timeout 20 "$RT" run --invoke "$name" "$work/m.wasm" \
			"${zeros[@]}" >"$work/out" 2>"$work/err"
		st=$?
		ncalls=$((ncalls + 1))
		if ! msg=$(timeout 20 node "$HERE/diff_v8.js" check "$work/m.wasm" \
			"$name" "$work/out" "$st" 2>&1); then
			keep="$OUT/diff-$(date +%s)-$i.wasm"
			cp "$work/m.wasm" "$keep"
			echo "$msg [$keep] $(head -c 200 "$work/err")"
			bad=1
		fi
	done < <(node "$HERE/diff_v8.js" list "$work/m.wasm")
	ndiff=$((ndiff + bad))
done
echo "diff-v8: $mods modules, $ncalls calls, $ndiff differences"
[ $ndiff = 0 ]
