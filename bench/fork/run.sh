#!/usr/bin/env bash
# bench/fork/run.sh - fork latency with 1, 64, 256 and 1024 MiB of touched
# memory, and vfork+exec (wasm) against posix_spawn (native), measured in
# one run, side by side (`make bench` runs it after the CPU benchmarks).
# Writes build/bench/fork.md.  FORK_ITERS sets the iterations (default 30).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
out=$root/build/bench/fork
rt=${WASIXRT:-$root/build/wasixrt}
iters=${FORK_ITERS:-30}
mkdir -p "$out"
gcc -O2 -o "$out/forkbench" bench/fork/forkbench.c
clang --target=wasm32-wasi --sysroot=/usr -O2 -o "$out/forkbench.wasm" \
	bench/fork/forkbench.c guest/wasix.c
med() { sed -n 's/^median_us=//p'; }
{
	echo "| what | native µs | wasixrt µs | wasixrt / native |"
	echo "|---|---:|---:|---:|"
	for mib in 1 64 256 1024; do
		n=$("$out/forkbench" fork "$mib" "$iters" | med)
		w=$("$rt" run "$out/forkbench.wasm" fork "$mib" "$iters" | med)
		echo "| fork+exit+wait, $mib MiB touched | $n | $w |" \
			"$(awk -v a="$w" -v b="$n" 'BEGIN{printf "%.2f", a/b}') |"
	done
	n=$("$out/forkbench" spawn "$out/forkbench" "$iters" | med)
	w=$("$rt" run --dir "$out::/b" "$out/forkbench.wasm" spawn \
		/b/forkbench.wasm "$iters" | med)
	echo "| start a program and wait (native posix_spawn; wasm vfork+exec) | $n | $w |" \
		"$(awk -v a="$w" -v b="$n" 'BEGIN{printf "%.2f", a/b}') |"
} | tee "$out/../fork.md"
