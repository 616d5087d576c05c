#!/usr/bin/env bash
# bench/simd/run.sh - the same programs built for wasm with and without
# SIMD (clang -O3 -msimd128 against clang -O3), run under wasixrt and node
# side by side (`make bench` runs it after the CPU benchmarks).  Rows:
# bench/matmul.c (f64x2), bench/sha256.c (byte work) and bench/simd/
# dotf32.c (f32x4).  Each round runs every build once in turn; the table
# shows medians of whole-process wall time and the SIMD build's speed-up.
# Every run's checksum must equal the scalar build's.  Writes
# build/bench/simd.md.
#
# Environment: SIMD_ROUNDS (default 5), WASIXRT (default build/wasixrt).
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
runtimes=(wasixrt)
command -v node >/dev/null 2>&1 && runtimes+=(node)

for p in "${progs[@]}"; do
	name=${p%%:*} src=${p#*:}
	clang "${flags[@]}" -o "$out/$name.scalar.wasm" "$src"
	clang "${flags[@]}" -msimd128 -o "$out/$name.simd.wasm" "$src"
	# (the count, not grep -q: an early exit would fail the pipeline)
	if [ "$(wasm-objdump -d "$out/$name.simd.wasm" | grep -c -E 'v128|x2\.|x4\.|x8\.|x16\.')" = 0 ]; then
		echo "bench/simd: $name: the -msimd128 build has no SIMD instruction" >&2
		exit 1
	fi
done

cmd() { # runtime wasm
	case $1 in
	wasixrt) echo "$rt run --invoke run $2" ;;
	node) echo "node $root/bench/node_run.js $2" ;;
	esac
}
status=0
for ((r = 1; r <= rounds; r++)); do
	echo "bench/simd: round $r/$rounds" >&2
	for p in "${progs[@]}"; do
		name=${p%%:*}
		want=
		for v in scalar simd; do
			for x in "${runtimes[@]}"; do
				t0=$EPOCHREALTIME
				# shellcheck disable=SC2046
				got=$($(cmd "$x" "$out/$name.$v.wasm") | head -n 1)
				t1=$EPOCHREALTIME
				[ -z "$want" ] && want=$got
				if [ "$got" != "$want" ]; then
					echo "bench/simd: $x $name $v: checksum $got, expected $want" >&2
					status=1
				fi
				awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", (b - a) * 1000 }' \
					>>"$out/times/$x.$name.$v"
			done
		done
	done
done

med() { sort -g "$1" | awk '{ v[NR] = $1 } END { printf "%.1f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
table="| program | runtime | scalar ms | SIMD ms | SIMD speed-up |"$'\n'"|---|---|---:|---:|---:|"$'\n'
for p in "${progs[@]}"; do
	name=${p%%:*}
	for x in "${runtimes[@]}"; do
		s=$(med "$out/times/$x.$name.scalar")
		v=$(med "$out/times/$x.$name.simd")
		table+="| $name | $x | $s | $v | $(awk -v a="$s" -v b="$v" 'BEGIN { printf "%.2fx", a / b }') |"$'\n'
	done
done
{
	echo "## SIMD: the same program built with and without -msimd128"
	echo
	echo "clang -O3 for wasm32, $rounds rounds, medians of whole-process wall time."
	echo
	printf '%s' "$table"
} >"$root/build/bench/simd.md"
echo
printf '%s' "$table"
exit $status
