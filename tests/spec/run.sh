#!/usr/bin/env bash
# run.sh - run the WebAssembly spec testsuite with the spec runner.
#
#   bash tests/spec/run.sh RUNNER
#
# Converts every core/*.wast and
# proposals/threads/*.wast (with --enable-threads) with wabt's wast2json
# into build/spec-json/<group>/<name>/<name>.json (cached: a file is
# reconverted only when its .wast is newer or comes from elsewhere), then
# runs RUNNER once per file, in parallel, and prints per-file results, the
# failures, a tally of skip reasons and the final line
# "spec: P passed, F failed, S skipped".  Assertions listed in
# tests/spec/skiplist.txt count as skipped, with the reason given there.
#
# WebAssembly 3.0: the testsuite's wasm-3.0/json/<name>/<name>.json (the
# official tests already converted, see its README) run next to the 2.0
# suite as group "wasm-3.0".  Each file belongs to one proposal
# (feature_of below); the files of proposals not implemented yet are not
# run, and each of their commands counts as skipped with the reason.  A
# line per proposal gives its counts.
#
# A runner that crashes or times out on a file does not hide anything: the
# commands it did not get to count as failures (the runner is run with
# SPEC_VERBOSE=1, so every pass/fail/skip is a line in the file's log).
#
# Environment:
#   WASM_SPEC_TESTSUITE  the testsuite (default: ../shared/spec-testsuite
#                        relative to the repository root)
#   SPEC_FILTER=name     run only this file ("address", "core/address",
#                        "threads/atomic"); a comma-separated list works too
#   SPEC_JOBS=n          parallel runner processes (default: nproc)
#   SPEC_FILE_TIMEOUT=s  wall-clock limit per file (default 900)
#   SPEC_MAX_FAILS=n     FAIL lines shown per file (default 40; all are in
#                        the log under build/spec-logs/)
# Exit status: 0 if nothing failed, 1 otherwise, 2 on a setup problem.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

if [ $# -ne 1 ]; then
	echo "usage: $0 RUNNER" >&2
	exit 2
fi
runner=$1
case $runner in
/*) ;;
*) runner=$PWD/$runner ;;
esac
if [ ! -x "$runner" ]; then
	echo "spec: runner '$runner' not found or not executable" >&2
	exit 2
fi

suite=${WASM_SPEC_TESTSUITE:-$root/../shared/spec-testsuite}
if [ ! -d "$suite/core" ]; then
	echo "spec: testsuite not found at '$suite' (no core/ directory)." >&2
	echo "spec: set WASM_SPEC_TESTSUITE to the spec testsuite checkout." >&2
	exit 2
fi
suite=$(cd "$suite" && pwd)
if ! command -v wast2json >/dev/null 2>&1; then
	echo "spec: wast2json (wabt) is not installed; run scripts/setup.sh" >&2
	exit 2
fi

skiplist=$root/tests/spec/skiplist.txt
jsondir=$root/build/spec-json
finallogs=$root/build/spec-logs
jobs=${SPEC_JOBS:-$(nproc 2>/dev/null || echo 2)}
file_timeout=${SPEC_FILE_TIMEOUT:-900}
max_fails=${SPEC_MAX_FAILS:-40}
filter=${SPEC_FILTER:-}

mkdir -p "$jsondir" "$finallogs"
# Logs are written to a private directory and moved into build/spec-logs at
# the end, so concurrent runs (several developers, one tree) do not mix.
logdir=$(mktemp -d "$root/build/spec-logs.XXXXXX") || exit 2
trap 'rm -rf "$logdir"' EXIT

# Does "group/name" pass SPEC_FILTER?
selected() {
	local id=$1 name=${1#*/} f
	[ -z "$filter" ] && return 0
	local IFS=,
	for f in $filter; do
		if [ "$f" = "$id" ] || [ "$f" = "$name" ] ||
		   [ "$f" = "$name.wast" ]; then
			return 0
		fi
	done
	return 1
}

# The work list: "group name wastfile flags" lines; skipped files apart.
tests=()
skipped_files=()
for w in "$suite"/core/*.wast; do
	[ -e "$w" ] || continue
	name=$(basename "$w" .wast)
	selected "core/$name" || continue
	tests+=("core|$name|$w|")
done
if [ -d "$suite/proposals/threads" ]; then
	for w in "$suite"/proposals/threads/*.wast; do
		[ -e "$w" ] || continue
		name=$(basename "$w" .wast)
		selected "threads/$name" || continue
		tests+=("threads|$name|$w|--enable-threads")
	done
fi

# The proposal a wasm-3.0 test file exercises (its README's table).
feature_of() {
	case $1 in
	simd_*) echo simd ;;
	*relaxed*) echo relaxed-simd ;;
	tag | throw | throw_ref | try_table | legacy_*) echo exceptions ;;
	return_call | return_call_indirect) echo tail-call ;;
	global | data | elem) echo extended-const ;;
	wide-arithmetic) echo wide-arithmetic ;;
	*64 | memory64*) echo memory64 ;;
	*) echo multi-memory ;;
	esac
}
# The 3.0 proposals wasixrt implements.
wasm3_features=" exceptions tail-call extended-const wide-arithmetic multi-memory simd relaxed-simd memory64 "
declare -A w3_feature w3_skipped_n
w3_skipped_total=0
w3_nfiles=0
w3dir=$suite/wasm-3.0/json
if [ -d "$w3dir" ]; then
	for d in "$w3dir"/*/; do
		name=$(basename "$d")
		json=$d$name.json
		[ -f "$json" ] || continue
		selected "wasm-3.0/$name" || continue
		feat=$(feature_of "$name")
		w3_feature[$name]=$feat
		w3_nfiles=$((w3_nfiles + 1))
		case $wasm3_features in
		*" $feat "*)
			tests+=("wasm-3.0|$name|$json|prebuilt")
			;;
		*)
			n=$(grep -cE '^ *\{"type": "(assert_[a-z_]+|action)"' "$json")
			w3_skipped_n[$feat]=$((${w3_skipped_n[$feat]:-0} + n))
			w3_skipped_total=$((w3_skipped_total + n))
			skipped_files+=("wasm-3.0/$name: $feat not implemented yet ($n commands skipped)")
			;;
		esac
	done
fi

if [ ${#tests[@]} -eq 0 ] && [ ${#skipped_files[@]} -eq 0 ]; then
	echo "spec: no test file matches SPEC_FILTER='$filter'" >&2
	exit 2
fi

# Convert (cached).  Each file is converted in a private directory that then
# replaces the cached one, so a concurrent run never sees half a conversion.
# A failed conversion leaves no .json behind, so it is retried next time.
runnable=()
for t in "${tests[@]}"; do
	IFS='|' read -r group name wast flags <<<"$t"
	if [ "$flags" = prebuilt ]; then # already in wast2json's form
		runnable+=("$group|$name|$wast")
		continue
	fi
	out=$jsondir/$group/$name
	json=$out/$name.json
	stamp="$wast $flags"
	if [ ! -f "$json" ] || [ "$wast" -nt "$json" ] ||
	   [ "$(cat "$out/source" 2>/dev/null)" != "$stamp" ]; then
		tmp=$out.tmp.$$
		rm -rf "$tmp"
		mkdir -p "$tmp"
		echo "$stamp" >"$tmp/source"
		# shellcheck disable=SC2086
		if ! wast2json $flags "$wast" -o "$tmp/$name.json" \
			>"$tmp/convert.err" 2>&1; then
			reason=$(grep -m1 -v '^[[:space:]]*$' "$tmp/convert.err" |
				 cut -c1-200)
			rm -rf "$tmp"
			skipped_files+=("$group/$name: wast2json failed: ${reason:-no message}")
			continue
		fi
		rm -rf "$out"
		mv -T "$tmp" "$out" 2>/dev/null || rm -rf "$tmp"
	fi
	runnable+=("$group|$name|$json")
done

# Run one file: its log and a one-line result "P F S note".
run_one() {
	local group=$1 name=$2 json=$3
	local log=$logdir/$group/$name.log res=$logdir/$group/$name.res
	local rc total p f s note=""

	mkdir -p "$logdir/$group"
	SPEC_VERBOSE=1 timeout -k 10 "$file_timeout" "$runner" \
		--skiplist "$skiplist" "$json" >"$log" 2>&1 </dev/null
	rc=$?
	p=$(grep -c '^PASS ' "$log")
	f=$(grep -c '^FAIL ' "$log")
	s=$(grep -c '^SKIP ' "$log")
	if [ $rc -gt 1 ] || ! tail -n 1 "$log" | grep -q '^spec: '; then
		# every counted command wast2json wrote: one per line
		total=$(grep -cE '^ *\{"type": "(assert_[a-z_]+|action)"' "$json")
		local missing=$((total - p - f - s))
		[ $missing -lt 1 ] && missing=1
		f=$((f + missing))
		if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
			note="TIMEOUT after ${file_timeout}s"
		elif [ $rc -gt 128 ]; then
			note="CRASH (signal $((rc - 128)))"
		else
			note="CRASH (exit status $rc)"
		fi
		note="$note: $missing commands not run counted as failed"
	fi
	echo "$p $f $s $note" >"$res"
}

i=0
for t in "${runnable[@]}"; do
	IFS='|' read -r group name json <<<"$t"
	rm -f "$logdir/$group/$name.res"
	run_one "$group" "$name" "$json" 2>/dev/null &
	i=$((i + 1))
	if [ $i -ge "$jobs" ]; then
		wait -n
		i=$((i - 1))
	fi
done
wait

P=0 F=0 S=0 crashed=0
declare -A fp fs ff
for t in "${runnable[@]}"; do
	IFS='|' read -r group name json <<<"$t"
	log=$logdir/$group/$name.log
	res=$logdir/$group/$name.res
	if [ ! -f "$res" ]; then
		echo "0 1 0 CRASH: no result recorded" >"$res"
	fi
	read -r p f s note <"$res"
	P=$((P + p)) F=$((F + f)) S=$((S + s))
	if [ "$group" = wasm-3.0 ]; then
		k=${w3_feature[$name]}
		fp[$k]=$((${fp[$k]:-0} + p))
		ff[$k]=$((${ff[$k]:-0} + f))
		fs[$k]=$((${fs[$k]:-0} + s))
	fi
	printf '%-32s %6d passed %6d failed %6d skipped%s\n' \
		"$group/$name" "$p" "$f" "$s" "${note:+  $note}"
	if [ -n "$note" ]; then
		crashed=1
	fi
	if [ "$f" -gt 0 ]; then
		grep '^FAIL ' "$log" | head -n "$max_fails" | sed 's/^/    /'
		n=$(grep -c '^FAIL ' "$log")
		if [ "$n" -gt "$max_fails" ]; then
			echo "    ... $((n - max_fails)) more in $finallogs/$group/$name.log"
		fi
		if [ -n "$note" ]; then
			grep -v -E '^(PASS|FAIL|SKIP|file|spec:) ' "$log" |
				tail -n 5 | sed 's/^/    | /'
		fi
	fi
done

if [ ${#skipped_files[@]} -gt 0 ]; then
	echo "skipped files:"
	for x in "${skipped_files[@]}"; do
		echo "    $x"
	done
fi
if [ $S -gt 0 ]; then
	echo "skip reasons:"
	for t in "${runnable[@]}"; do
		IFS='|' read -r group name json <<<"$t"
		grep '^SKIP ' "$logdir/$group/$name.log" 2>/dev/null
	done | sed -E 's/^SKIP [^ ]+: //; s/argument [0-9]+: //; s/result [0-9]+: //' |
		sort | uniq -c | sort -rn | head -n 10 | sed 's/^/  /'
fi

for t in "${runnable[@]}"; do
	IFS='|' read -r group name json <<<"$t"
	mkdir -p "$finallogs/$group"
	mv -f "$logdir/$group/$name.log" "$finallogs/$group/$name.log" \
		2>/dev/null
done

S=$((S + w3_skipped_total))
if [ "$w3_nfiles" -gt 0 ]; then
	echo "WebAssembly 3.0 by proposal:"
	for k in $(printf '%s\n' "${w3_feature[@]}" | sort -u); do
		printf '    %-16s %6d passed %6d failed %6d skipped%s\n' "$k" \
			"${fp[$k]:-0}" "${ff[$k]:-0}" \
			"$((${fs[$k]:-0} + ${w3_skipped_n[$k]:-0}))" \
			"$(case $wasm3_features in *" $k "*) ;; *) echo "  (not implemented yet)" ;; esac)"
	done
fi
echo "spec: $P passed, $F failed, $S skipped"
if [ $F -gt 0 ] || [ $crashed -ne 0 ]; then
	exit 1
fi
exit 0
