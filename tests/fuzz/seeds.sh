#!/usr/bin/env bash
# tests/fuzz/seeds.sh OUTDIR GEN_SEEDS - the fuzzers' seed corpora, made by
# the build (nothing binary is checked in):
#   OUTDIR/module/    modules for fuzz_decode and fuzz_run: every module
#                     of the spec suite's core/*.wast (wast2json; a spread
#                     of at most FUZZ_SPEC_SEEDS), FUZZ_TTF_SEEDS random
#                     valid modules from binaryen's `wasm-opt -ttf`, and
#                     the regression modules (GEN_SEEDS, from
#                     tests/unit/regress_modules.h)
#   OUTDIR/hostcall/  call sequences for fuzz_hostcall: random bytes with
#                     guest paths ("a", "d/b", "l", "up", "..") among them
# Spec suite from ../shared/spec-testsuite or $WASM_SPEC_TESTSUITE.
set -euo pipefail
out=$1
gen=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
spec=${WASM_SPEC_TESTSUITE:-$root/../shared/spec-testsuite}
nspec=${FUZZ_SPEC_SEEDS:-400}
nttf=${FUZZ_TTF_SEEDS:-60}

rm -rf "$out.tmp"
mkdir -p "$out.tmp/module" "$out.tmp/hostcall" "$out.tmp/json"
"$gen" "$out.tmp/module"

if command -v wast2json >/dev/null 2>&1 && [ -d "$spec/core" ]; then
	for w in "$spec"/core/*.wast; do
		n=$(basename "$w" .wast)
		case $n in simd_*) continue ;; esac
		wast2json --enable-threads -o "$out.tmp/json/$n.json" "$w" \
			>/dev/null 2>&1 || true
	done
	# A spread over the suite: every k-th module, k so that at most
	# $nspec are kept.
	mapfile -t all < <(ls "$out.tmp/json"/*.wasm 2>/dev/null | sort)
	k=$(((${#all[@]} + nspec - 1) / nspec))
	[ "$k" -ge 1 ] || k=1
	for ((i = 0; i < ${#all[@]}; i += k)); do
		cp "${all[$i]}" "$out.tmp/module/spec-$(basename "${all[$i]}")"
	done
else
	echo "seeds: no wast2json or spec suite; spec seeds skipped" >&2
fi

# Typed function references, rec groups, table initialisers and GC
# arrays: the modules of tests/interp/funcref.py (wast2json cannot write
# them).
if command -v python3 >/dev/null 2>&1 &&
   python3 "$root/tests/interp/funcref.py" "$out.tmp/json" >/dev/null 2>&1; then
	for f in "$out.tmp/json"/funcref.*.wasm; do
		cp "$f" "$out.tmp/module/typed-$(basename "$f")"
	done
fi

if command -v wasm-opt >/dev/null 2>&1; then
	for ((i = 0; i < nttf; i++)); do
		head -c $((256 + i * 97 % 4096)) /dev/urandom >"$out.tmp/r.dat"
		wasm-opt -ttf "$out.tmp/r.dat" -o "$out.tmp/module/ttf-$i.wasm" \
			>/dev/null 2>&1 || true
	done
else
	echo "seeds: no wasm-opt; -ttf seeds skipped" >&2
fi

for ((i = 0; i < 32; i++)); do
	{
		head -c $((16 + i * 7)) /dev/urandom
		printf 'a\0d/b\0l\0up\0..\0d\0new\0'
		head -c $((i * 5)) /dev/urandom
	} >"$out.tmp/hostcall/seed-$i"
done

rm -rf "$out.tmp/json" "$out.tmp/r.dat" "$out"
mv "$out.tmp" "$out"
echo "seeds: $(ls "$out/module" | wc -l) modules, $(ls "$out/hostcall" | wc -l) host-call inputs"
