#!/usr/bin/env bash
# bench/fork/run.sh - fork latency with 1, 64, 256 and 1024 MiB of touched
# memory, and vfork+exec (wasm) against posix_spawn (native), measured in
# one run, side by side, in the interpreter and in the native tier (`make
# bench` runs it after the CPU benchmarks).
# Writes build/bench/fork.md.
#
# The project's rule for comparisons on a shared, noisy machine: alternate
# A B A B in one run and take medians.  So each row is FORK_ROUNDS rounds
# (default 5), and a round runs the native program and then wasixrt, each
# for FORK_ITERS iterations (default 20); every iteration's time of all
# rounds goes into one pool per side, and the row shows the two pools'
# medians.  A burst of load from elsewhere then hits both sides alike
# instead of one side's whole measurement.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../.."
root=$PWD
out=$root/build/bench/fork
rt=${WASIXRT:-$root/build/wasixrt}
iters=${FORK_ITERS:-20}
rounds=${FORK_ROUNDS:-5}
for v in "$iters" "$rounds"; do
	case $v in
	'' | *[!0-9]* | 0)
		echo "bench/fork: FORK_ITERS and FORK_ROUNDS must be" \
			"positive integers" >&2
		exit 1
		;;
	esac
done
mkdir -p "$out"
gcc -O2 -o "$out/forkbench" bench/fork/forkbench.c
clang --target=wasm32-wasi --sysroot=/usr -O2 -o "$out/forkbench.wasm" \
	bench/fork/forkbench.c guest/wasix.c
# The median as forkbench computes it: element n/2 (from 0) when sorted.
med() { sort -n "$1" | awk '{v[NR - 1] = $1} END {print v[int(NR / 2)]}'; }
ratio() { awk -v a="$2" -v b="$1" 'BEGIN{printf "%.2f", a/b}'; }
# The native tier's column: the module compiled once into a cache of
# this benchmark's own.
export XDG_CACHE_HOME=$out/cache
"$rt" compile "$out/forkbench.wasm"
# row LABEL NATIVE-COMMAND... -- WASIXRT-ARGS...: one table row; the
# wasixrt arguments run once with --tier=interp, once with --tier=native.
row() {
	local label=$1 r n w x
	local -a nat=() wasm=()
	shift
	while [ "$1" != -- ]; do
		nat+=("$1")
		shift
	done
	shift
	wasm=("$@")
	: >"$out/native.us"
	: >"$out/wasixrt.us"
	: >"$out/tier.us"
	for ((r = 0; r < rounds; r++)); do
		"${nat[@]}" | sed -n 's/^us=//p' >>"$out/native.us"
		"$rt" run --tier=interp "${wasm[@]}" |
			sed -n 's/^us=//p' >>"$out/wasixrt.us"
		"$rt" run --tier=native "${wasm[@]}" |
			sed -n 's/^us=//p' >>"$out/tier.us"
	done
	n=$(med "$out/native.us")
	w=$(med "$out/wasixrt.us")
	x=$(med "$out/tier.us")
	echo "| $label | $n | $w | $(ratio "$n" "$w") | $x | $(ratio "$n" "$x") |"
}
{
	echo "| what | native µs | wasixrt µs | ratio | native tier µs | ratio |"
	echo "|---|---:|---:|---:|---:|---:|"
	for mib in 1 64 256 1024; do
		row "fork+exit+wait, $mib MiB touched" \
			"$out/forkbench" fork "$mib" "$iters" -- \
			"$out/forkbench.wasm" fork "$mib" "$iters"
	done
	row "start a program and wait (native posix_spawn; wasm vfork+exec)" \
		"$out/forkbench" spawn "$out/forkbench" "$iters" -- \
		--dir "$out::/b" "$out/forkbench.wasm" spawn \
		/b/forkbench.wasm "$iters"
} | tee "$out/../fork.md"
