#!/usr/bin/env bash
# bench/simd/run.sh - the same programs built for wasm with and without
# SIMD (clang -O3 -msimd128 against clang -O3), run under wasixrt (the
# interpreter), wasixrt's native tier (the module compiled once by
# `wasixrt compile`, gcc -O2, then run from the compiled object) and node
# side by side (`make bench` runs it after the CPU benchmarks), and the
# same C built natively by gcc -O3 without and with vectors
# (-fno-tree-vectorize against -msse4.2).  Rows: bench/matmul.c (f64x2),
# bench/sha256.c (byte work) and bench/simd/dotf32.c (f32x4).  Each round
# runs every build once in turn; the table shows medians of whole-process
# wall time, the SIMD build's speed-up and the SIMD build against native
# gcc -O3 -msse4.2.  Every wasm run's checksum must equal the scalar
# build's in wasixrt, the native SIMD build's the native scalar build's
# (native C may differ from wasm: dotf32 converts negative floats to
# unsigned, which C leaves undefined).  Writes build/bench/simd.md.
#
# Environment: SIMD_ROUNDS (default 5), WASIXRT (default build/wasixrt).
# The compiled objects are written next to the wasm (build/bench/simd/).
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../.."
root=$PWD
out=$root/build/bench/simd
rt=${WASIXRT:-$root/build/wasixrt}
rounds=${SIMD_ROUNDS:-5}
case $rounds in '' | *[!0-9]* | 0)
	echo "bench/simd: SIMD_ROUNDS must be a positive integer" >&2
	exit 1
	;;
esac
mkdir -p "$out/times"
rm -f "$out"/times/*
progs=(matmul:bench/matmul.c sha256:bench/sha256.c dotf32:bench/simd/dotf32.c)
flags=(--target=wasm32 -O3 -nostdlib -Wl,--no-entry -std=c11 -Wall -Wextra)
runtimes=(wasixrt wasixrt-native)
command -v node >/dev/null 2>&1 && runtimes+=(node)
runtimes+=(gcc)

for p in "${progs[@]}"; do
	name=${p%%:*} src=${p#*:}
	clang "${flags[@]}" -o "$out/$name.scalar.wasm" "$src"
	clang "${flags[@]}" -msimd128 -o "$out/$name.simd.wasm" "$src"
	# (the count, not grep -q: an early exit would fail the pipeline)
	if [ "$(wasm-objdump -d "$out/$name.simd.wasm" | grep -c -E 'v128|x2\.|x4\.|x8\.|x16\.')" = 0 ]; then
		echo "bench/simd: $name: the -msimd128 build has no SIMD instruction" >&2
		exit 1
	fi
	for v in scalar simd; do
		CC=gcc "$rt" compile -O2 "$out/$name.$v.wasm" -o "$out/$name.$v.so"
	done
	rtype=$(sed -n 's/^BENCH_EXPORT \([a-z0-9_]*\) run(.*/\1/p' "$src")
	gcc -std=c11 -O3 -fno-tree-vectorize -DBENCH_RESULT="$rtype" \
		-o "$out/$name.scalar.gcc" "$src" bench/support/native_main.c -lm
	gcc -std=c11 -O3 -msse4.2 -DBENCH_RESULT="$rtype" \
		-o "$out/$name.simd.gcc" "$src" bench/support/native_main.c -lm
done

cmd() { # runtime name variant
	case $1 in
	wasixrt) echo "$rt run --tier=interp --invoke run $out/$2.$3.wasm" ;;
	wasixrt-native) echo "$rt run --invoke run $out/$2.$3.so" ;;
	node) echo "node $root/bench/node_run.js $out/$2.$3.wasm" ;;
	gcc) echo "$out/$2.$3.gcc" ;;
	esac
}
status=0
for ((r = 1; r <= rounds; r++)); do
	echo "bench/simd: round $r/$rounds" >&2
	for p in "${progs[@]}"; do
		name=${p%%:*}
		want= want_gcc=
		for v in scalar simd; do
			for x in "${runtimes[@]}"; do
				t0=$EPOCHREALTIME
				# shellcheck disable=SC2046
				got=$($(cmd "$x" "$name" "$v") | head -n 1)
				t1=$EPOCHREALTIME
				if [ "$x" = gcc ]; then
					[ -z "$want_gcc" ] && want_gcc=$got
					exp=$want_gcc
				else
					[ -z "$want" ] && want=$got
					exp=$want
				fi
				if [ "$got" != "$exp" ]; then
					echo "bench/simd: $x $name $v: checksum $got, expected $exp" >&2
					status=1
				fi
				awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", (b - a) * 1000 }' \
					>>"$out/times/$x.$name.$v"
			done
		done
	done
done

med() { sort -g "$1" | awk '{ v[NR] = $1 } END { printf "%.1f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
table="| program | runtime | scalar ms | SIMD ms | SIMD speed-up | SIMD vs gcc -msse4.2 |"$'\n'"|---|---|---:|---:|---:|---:|"$'\n'
for p in "${progs[@]}"; do
	name=${p%%:*}
	g=$(med "$out/times/gcc.$name.simd")
	for x in "${runtimes[@]}"; do
		s=$(med "$out/times/$x.$name.scalar")
		v=$(med "$out/times/$x.$name.simd")
		label=$x
		[ "$x" = gcc ] && label="gcc -O3 (scalar: -fno-tree-vectorize; SIMD: -msse4.2)"
		table+="| $name | $label | $s | $v | $(awk -v a="$s" -v b="$v" 'BEGIN { printf "%.2fx", a / b }') | $(awk -v a="$v" -v b="$g" 'BEGIN { printf "%.2fx", a / b }') |"$'\n'
	done
done
{
	echo "## SIMD: the same program built with and without -msimd128"
	echo
	echo "clang -O3 for wasm32 (wasixrt-native: then \`wasixrt compile\`, gcc -O2);"
	echo "native gcc -O3; $rounds rounds, medians of whole-process wall time."
	echo
	printf '%s' "$table"
} >"$root/build/bench/simd.md"
echo
printf '%s' "$table"
exit $status
