#!/usr/bin/env bash
# bench/run.sh - build and run the wasixrt benchmark suite (`make bench`).
#
# For every program bench/NAME.c (fib nbody fannkuch sha256 matmul coremix
# minivm) this builds
#   native   gcc -O2 with bench/support/native_main.c,
#   wasm     clang --target=wasm32 -O2 -nostdlib -Wl,--no-entry,
#   wasm2c   the wasm through wabt's wasm2c, then cc -O2 with the wasm2c
#            runtime and bench/support/wasm2c_main.c,
# then runs native, wasixrt (build/wasixrt run --invoke run), node (V8,
# bench/node_run.js) and wasm2c in turn, round after round (A B C D A B C
# D ...), and takes each one's median whole-process wall time.  Every run's
# checksum must equal native's; a mismatch or a failed run makes the
# script exit 1 after it has written its tables.
#
# Two small extra tables:
#   startup  whole-process time and peak RSS of a tiny import-free module
#            with a _start (bench/support/hello_start.c) against a native
#            hello (bench/support/hello_native.c);
#   bigmod   decode + validation of a generated 10+ MB module
#            (bench/support/bigmod_gen.c): `wasixrt run --invoke nop`.
#
# Output: a table on stdout, build/bench/results.md, and (when gnuplot is
# there or can be installed) build/bench/chart.png.  Everything generated
# goes below build/bench/.
#
# Environment:
#   BENCH_ROUNDS=N      rounds (default 5)
#   BENCH_ONLY=a,b      only these of the benchmarks, startup and bigmod
#   BENCH_TIMEOUT=S     limit of one run in seconds (default 300)
#   WASIXRT=path        the runtime to measure (default build/wasixrt)
set -euo pipefail
export LC_ALL=C

cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/build/bench
ROUNDS=${BENCH_ROUNDS:-5}
ONLY=${BENCH_ONLY:-}
TIMEOUT=${BENCH_TIMEOUT:-300}
WASIXRT=${WASIXRT:-$ROOT/build/wasixrt}
BENCHES=(fib nbody fannkuch sha256 matmul coremix minivm)
STATUS=0

log() { printf '%s\n' "$*" >&2; }
die() {
	log "bench: $*"
	exit 1
}

case $ROUNDS in
'' | *[!0-9]* | 0) die "BENCH_ROUNDS must be a positive integer" ;;
esac

# Is $1 selected by BENCH_ONLY (everything when it is empty)?
selected() {
	[ -z "$ONLY" ] && return 0
	case ",$ONLY," in *",$1,"*) return 0 ;; esac
	return 1
}

if [ -n "$ONLY" ]; then
	for name in ${ONLY//,/ }; do
		case " ${BENCHES[*]} startup bigmod " in
		*" $name "*) ;;
		*) die "BENCH_ONLY: unknown benchmark '$name' (have: ${BENCHES[*]} startup bigmod)" ;;
		esac
	done
fi

# Installs Debian package $2 when command $1 is missing and we are root;
# returns whether the command is there afterwards.
APT_UPDATED=0
ensure() {
	command -v "$1" >/dev/null 2>&1 && return 0
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		log "bench: installing $2 (for $1)"
		if [ $APT_UPDATED = 0 ]; then
			apt-get update -qq >/dev/null 2>&1 || true
			APT_UPDATED=1
		fi
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" \
			>/dev/null 2>&1 || true
	fi
	command -v "$1" >/dev/null 2>&1
}

ensure gcc gcc || die "gcc is needed"
ensure clang clang || die "clang is needed"
ensure wasm-ld lld || die "wasm-ld (lld) is needed"
[ -x "$WASIXRT" ] || die "$WASIXRT is missing: run 'make' first"

# wasixrt-native: the same wasm compiled by `wasixrt compile` (the
# native tier, gcc -O2) into bench/wnat/NAME.so, run as a compiled object.
RUNTIMES=(native wasixrt wasixrt-native)
if ensure node nodejs; then
	RUNTIMES+=(node)
else
	log "bench: node is not available: no V8 column"
fi
W2C_RT=
if ensure wasm2c wabt; then
	for d in /usr/src/wasm2c /usr/share/wabt/wasm2c; do
		if [ -f "$d/wasm-rt-impl.c" ]; then
			W2C_RT=$d
			break
		fi
	done
fi
if [ -n "$W2C_RT" ]; then
	RUNTIMES+=(wasm2c)
else
	log "bench: wasm2c or its runtime sources are missing: no wasm2c column"
fi
HAVE_TIME=0
if ensure /usr/bin/time time; then HAVE_TIME=1; fi

mkdir -p "$OUT"/{native,wasm,w2c,wnat,runs,times}
rm -f "$OUT"/times/*

CFLAGS_NATIVE=(-std=c11 -O2 -Wall -Wextra)
# shellcheck disable=SC2054 # -Wl,--no-entry is one argument
CFLAGS_WASM=(--target=wasm32 -O2 -nostdlib -Wl,--no-entry -std=c11 -Wall -Wextra)
# The wasm2c output is not warning-clean; its runtime needs -lm.
CFLAGS_W2C=(-O2 -w -I"$W2C_RT" -I/usr/include)

# ---- build ----------------------------------------------------------------

# The return type of bench/$1.c's run(), from its BENCH_EXPORT line.
result_type() {
	local t
	t=$(sed -n 's/^BENCH_EXPORT \([a-z0-9_]*\) run(.*/\1/p' "bench/$1.c")
	[ -n "$t" ] || die "bench/$1.c: no 'BENCH_EXPORT <type> run(void)' line"
	printf '%s\n' "$t"
}

# wasm2c-translates $1.wasm and compiles it with the harness into $2;
# extra compiler flags follow.
build_w2c() {
	local wasm=$1 exe=$2 base
	shift 2
	base=$OUT/w2c/$(basename "$exe")
	wasm2c -n bench "$wasm" -o "$base.c"
	cc "${CFLAGS_W2C[@]}" "$@" -include "$base.h" -o "$exe" \
		"$base.c" "$W2C_RT/wasm-rt-impl.c" bench/support/wasm2c_main.c -lm
}

SELECTED=()
for b in "${BENCHES[@]}"; do
	selected "$b" && SELECTED+=("$b")
done

for b in "${SELECTED[@]}"; do
	log "bench: building $b"
	gcc "${CFLAGS_NATIVE[@]}" -DBENCH_RESULT="$(result_type "$b")" \
		-o "$OUT/native/$b" "bench/$b.c" bench/support/native_main.c -lm
	clang "${CFLAGS_WASM[@]}" -o "$OUT/wasm/$b.wasm" "bench/$b.c"
	if [ -n "$W2C_RT" ]; then
		build_w2c "$OUT/wasm/$b.wasm" "$OUT/w2c/$b"
	fi
	t0=$EPOCHREALTIME
	CC=gcc "$WASIXRT" compile -O2 "$OUT/wasm/$b.wasm" -o "$OUT/wnat/$b.so" ||
		die "wasixrt compile $b failed"
	t1=$EPOCHREALTIME
	awk -v a="$t0" -v b="$t1" -v n="$b" \
		'BEGIN { printf "%s %.2f\n", n, b - a }' >>"$OUT/times/compile"
done

# ---- measuring ------------------------------------------------------------

# The command line of runtime $1 for benchmark $2.
command_of() {
	case $1 in
	native) printf '%s\n' "$OUT/native/$2" ;;
	wasixrt) printf '%s\n' "$WASIXRT run --tier=interp --invoke run $OUT/wasm/$2.wasm" ;;
	wasixrt-native) printf '%s\n' "$WASIXRT run --invoke run $OUT/wnat/$2.so" ;;
	node) printf '%s\n' "node $ROOT/bench/node_run.js $OUT/wasm/$2.wasm" ;;
	wasm2c) printf '%s\n' "$OUT/w2c/$2" ;;
	esac
}

# Runs the rest of the line with stdout to $1 and stderr to $1.err; sets
# ELAPSED to the wall time in milliseconds.  Returns the command's status.
timed() {
	local out=$1 t0 t1 rc=0
	shift
	t0=$EPOCHREALTIME
	"$@" >"$out" 2>"$out.err" || rc=$?
	t1=$EPOCHREALTIME
	ELAPSED=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) * 1000 }')
	return $rc
}

# Median of the numbers in file $1 (one a line); empty if there are none.
median() {
	[ -s "$1" ] || return 0
	sort -g "$1" | awk '{ v[NR] = $1 }
		END { if (NR % 2) printf "%.1f", v[(NR + 1) / 2];
		      else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

declare -A EXPECT FAILED
if [ ${#SELECTED[@]} -gt 0 ]; then
	for b in "${SELECTED[@]}"; do
		EXPECT[$b]=$("$OUT/native/$b") || die "native $b failed"
	done
	for ((round = 1; round <= ROUNDS; round++)); do
		log "bench: round $round/$ROUNDS"
		for b in "${SELECTED[@]}"; do
			for rt in "${RUNTIMES[@]}"; do
				[ -n "${FAILED[$rt.$b]:-}" ] && continue
				out=$OUT/runs/$rt.$b.out
				# shellcheck disable=SC2046 # the command is split on purpose
				if ! timed "$out" timeout "$TIMEOUT" $(command_of "$rt" "$b"); then
					log "bench: FAIL $rt $b: exit status non-zero ($(head -c 300 "$out.err"))"
					FAILED[$rt.$b]="failed"
					STATUS=1
					continue
				fi
				got=$(head -n 1 "$out")
				if [ "$got" != "${EXPECT[$b]}" ]; then
					log "bench: FAIL $rt $b: checksum '$got', native '${EXPECT[$b]}'"
					FAILED[$rt.$b]="wrong checksum"
					STATUS=1
					continue
				fi
				echo "$ELAPSED" >>"$OUT/times/$rt.$b"
			done
		done
	done
fi

# ---- main table -----------------------------------------------------------

MD=$OUT/results.md
DAT=$OUT/chart.dat
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
{
	echo "# wasixrt benchmarks"
	echo
	echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit, ${cpu:-unknown CPU}" \
		"($(nproc) cores), $ROUNDS rounds, medians of whole-process wall time."
	tools="gcc $(gcc -dumpfullversion 2>/dev/null), $(clang --version | head -n 1)"
	command -v node >/dev/null && tools+=", node $(node --version)"
	command -v wasm2c >/dev/null && tools+=", wasm2c $(wasm2c --version)"
	echo "Tools: $tools."
	echo
} >"$MD"

geomean() { # ratios on stdin, one a line
	awk 'NF { s += log($1); n++ } END { if (n) printf "%.2f", exp(s / n) }'
}

if [ ${#SELECTED[@]} -gt 0 ]; then
	header="| benchmark | native ms"
	rule="|---|---:"
	for rt in "${RUNTIMES[@]}"; do
		[ "$rt" = native ] && continue
		header+=" | $rt ms | ×native"
		rule+="|---:|---:"
	done
	table="$header |"$'\n'"$rule|"$'\n'
	: >"$DAT"
	declare -A RATIOS
	for b in "${SELECTED[@]}"; do
		nat=$(median "$OUT/times/native.$b")
		row="| $b | ${nat:-FAIL}"
		dat="$b"
		for rt in "${RUNTIMES[@]}"; do
			[ "$rt" = native ] && continue
			m=$(median "$OUT/times/$rt.$b")
			if [ -n "${FAILED[$rt.$b]:-}" ] || [ -z "$m" ] || [ -z "$nat" ]; then
				row+=" | ${FAILED[$rt.$b]:-n/a} | "
				dat+=" ?"
				continue
			fi
			r=$(awk -v a="$m" -v b="$nat" 'BEGIN { printf "%.2f", a / b }')
			RATIOS[$rt]+="$r"$'\n'
			row+=" | $m | $r"
			dat+=" $r"
		done
		table+="$row |"$'\n'
		echo "$dat" >>"$DAT"
	done
	row="| **geomean** | "
	dat="geomean"
	for rt in "${RUNTIMES[@]}"; do
		[ "$rt" = native ] && continue
		g=$(printf '%s' "${RATIOS[$rt]:-}" | geomean)
		row+=" | | **${g:-n/a}**"
		dat+=" ${g:-?}"
	done
	table+="$row |"
	echo "$dat" >>"$DAT"
	{
		echo "## Workloads (ms, and time relative to native)"
		echo
		echo "$table"
		echo
		echo "Whole-process times: node's include node's own start-up (see the" \
			"start-up table) and V8's compilation; wasixrt's include decoding and" \
			"validation.  The native build is gcc -O2, which auto-vectorizes" \
			"(SSE2) where the wasm32 MVP builds cannot: matmul shows it most." \
			"wasixrt-native is the native tier: the module compiled once by" \
			"\`wasixrt compile\` (gcc -O2), then run from the compiled object."
		echo
		if [ -s "$OUT/times/compile" ]; then
			echo "| benchmark | wasixrt compile s |"
			echo "|---|---:|"
			awk '{ printf "| %s | %s |\n", $1, $2 }' "$OUT/times/compile"
			echo
		fi
	} >>"$MD"
	echo
	echo "$table"
	[ -s "$OUT/times/compile" ] && sed 's/^/compile s: /' "$OUT/times/compile"
fi

# ---- startup --------------------------------------------------------------

if selected startup; then
	log "bench: startup"
	clang "${CFLAGS_WASM[@]}" -o "$OUT/wasm/hello.wasm" bench/support/hello_start.c
	gcc "${CFLAGS_NATIVE[@]}" -o "$OUT/native/hello" bench/support/hello_native.c
	SRT=(native wasixrt)
	[[ " ${RUNTIMES[*]} " == *" node "* ]] && SRT+=(node)
	if [ -n "$W2C_RT" ]; then
		build_w2c "$OUT/wasm/hello.wasm" "$OUT/w2c/hello" -DW2C_START
		SRT+=(wasm2c)
	fi
	start_cmd() {
		case $1 in
		native) printf '%s\n' "$OUT/native/hello" ;;
		wasixrt) printf '%s\n' "$WASIXRT run $OUT/wasm/hello.wasm" ;;
		node) printf '%s\n' "node $ROOT/bench/node_run.js $OUT/wasm/hello.wasm _start" ;;
		wasm2c) printf '%s\n' "$OUT/w2c/hello" ;;
		esac
	}
	srounds=$((ROUNDS * 4))
	declare -A SFAIL
	for ((round = 1; round <= srounds; round++)); do
		for rt in "${SRT[@]}"; do
			[ -n "${SFAIL[$rt]:-}" ] && continue
			# shellcheck disable=SC2046
			if ! timed "$OUT/runs/start.$rt.out" $(start_cmd "$rt"); then
				log "bench: FAIL startup $rt ($(head -c 300 "$OUT/runs/start.$rt.out.err"))"
				SFAIL[$rt]=1
				STATUS=1
				continue
			fi
			echo "$ELAPSED" >>"$OUT/times/start.$rt"
		done
	done
	stable="| runtime | wall ms (median of $srounds) | peak RSS KiB |"$'\n'"|---|---:|---:|"$'\n'
	for rt in "${SRT[@]}"; do
		m=$(median "$OUT/times/start.$rt")
		rss=n/a
		if [ $HAVE_TIME = 1 ] && [ -z "${SFAIL[$rt]:-}" ]; then
			: >"$OUT/times/rss.$rt"
			for _ in 1 2 3; do
				# shellcheck disable=SC2046
				/usr/bin/time -f %M -o "$OUT/runs/rss.$rt" $(start_cmd "$rt") \
					>/dev/null 2>&1 || true
				tail -n 1 "$OUT/runs/rss.$rt" >>"$OUT/times/rss.$rt"
			done
			rss=$(median "$OUT/times/rss.$rt" | sed 's/\.0$//')
		fi
		[ -n "${SFAIL[$rt]:-}" ] && m=FAIL
		stable+="| $rt | ${m:-n/a} | ${rss:-n/a} |"$'\n'
	done
	{
		echo "## Start-up: a tiny module vs a native hello"
		echo
		printf '%s' "$stable"
		echo
		echo "The module (bench/support/hello_start.c) has a _start that runs a" \
			"1000-step hash loop and no imports at all, so it measures process" \
			"start, load and instantiation without depending on the WASI layer;" \
			"the native program runs the same loop and prints a line."
		echo
	} >>"$MD"
	echo
	printf '%s' "$stable"
fi

# ---- big module -----------------------------------------------------------

if selected bigmod; then
	log "bench: bigmod (generating)"
	gcc "${CFLAGS_NATIVE[@]}" -o "$OUT/native/bigmod_gen" bench/support/bigmod_gen.c
	"$OUT/native/bigmod_gen" "$OUT/wasm/big.wasm" 20000
	size=$(stat -c %s "$OUT/wasm/big.wasm")
	BRT=(wasixrt)
	[[ " ${RUNTIMES[*]} " == *" node "* ]] && BRT+=(node)
	command -v wasm-validate >/dev/null 2>&1 && BRT+=(wasm-validate)
	big_cmd() {
		case $1 in
		wasixrt) printf '%s\n' "$WASIXRT run --invoke nop $OUT/wasm/big.wasm" ;;
		node) printf '%s\n' "node $ROOT/bench/node_run.js $OUT/wasm/big.wasm nop" ;;
		wasm-validate) printf '%s\n' "wasm-validate $OUT/wasm/big.wasm" ;;
		esac
	}
	declare -A BFAIL
	for ((round = 1; round <= ROUNDS; round++)); do
		for rt in "${BRT[@]}"; do
			[ -n "${BFAIL[$rt]:-}" ] && continue
			out=$OUT/runs/big.$rt.out
			# shellcheck disable=SC2046
			if ! timed "$out" timeout "$TIMEOUT" $(big_cmd "$rt"); then
				log "bench: FAIL bigmod $rt ($(head -c 300 "$out.err"))"
				BFAIL[$rt]=failed
				STATUS=1
				continue
			fi
			if [ "$rt" != wasm-validate ] && [ "$(head -n 1 "$out")" != 0 ]; then
				log "bench: FAIL bigmod $rt: printed '$(head -c 100 "$out")', expected 0"
				BFAIL[$rt]="wrong result"
				STATUS=1
				continue
			fi
			echo "$ELAPSED" >>"$OUT/times/big.$rt"
		done
	done
	mb=$(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1048576 }')
	btable="| tool | wall ms (median of $ROUNDS) | MiB/s |"$'\n'"|---|---:|---:|"$'\n'
	for rt in "${BRT[@]}"; do
		m=$(median "$OUT/times/big.$rt")
		if [ -n "${BFAIL[$rt]:-}" ] || [ -z "$m" ]; then
			btable+="| $rt | ${BFAIL[$rt]:-n/a} | |"$'\n'
			continue
		fi
		rate=$(awk -v s="$size" -v t="$m" 'BEGIN { printf "%.1f", s / 1048576 / (t / 1000) }')
		btable+="| $rt | $m | $rate |"$'\n'
	done
	{
		echo "## Decode + validation of a $mb MiB module"
		echo
		printf '%s' "$btable"
		echo
		echo "bench/support/bigmod_gen.c writes 20000 functions with random," \
			"well-typed bodies and an export 'nop'; each tool loads the" \
			"whole module and calls nop (wasm-validate only validates)." \
			"node includes its own start-up and V8's (Liftoff) compilation."
		echo
	} >>"$MD"
	echo
	echo "big module: $mb MiB"
	printf '%s' "$btable"
fi

# ---- chart ----------------------------------------------------------------

if [ ${#SELECTED[@]} -gt 0 ]; then
	if ensure gnuplot gnuplot-nox; then
		term="pngcairo size 1000,560 font ',10'"
		gnuplot -e "set terminal pngcairo" >/dev/null 2>&1 || term="png size 1000,560"
		titles=()
		for rt in "${RUNTIMES[@]}"; do
			[ "$rt" = native ] || titles+=("$rt")
		done
		plot="plot '$DAT' using 2:xtic(1) title '${titles[0]}'"
		for ((i = 1; i < ${#titles[@]}; i++)); do
			plot+=", '' using $((i + 2)) title '${titles[i]}'"
		done
		plot+=", 1 with lines dashtype 2 lc rgb 'black' title 'native'"
		if gnuplot <<-EOF 2>"$OUT/gnuplot.err"; then
			set terminal $term
			set output '$OUT/chart.png'
			set title 'wasixrt benchmarks: wall time relative to native (log scale, lower is better)'
			set datafile missing '?'
			set style data histograms
			set style histogram clustered gap 1
			set style fill solid 0.85 border -1
			set boxwidth 0.9
			set logscale y
			set yrange [0.25:*]
			set grid ytics
			set ylabel 'time / native'
			set key top left
			$plot
		EOF
			log "bench: chart written to build/bench/chart.png"
		else
			log "bench: gnuplot failed ($(head -c 300 "$OUT/gnuplot.err")): no chart"
		fi
	else
		log "bench: gnuplot is not available: no chart"
	fi
fi

log "bench: results written to build/bench/results.md"
[ $STATUS = 0 ] || log "bench: FAILED (see the messages above)"
exit $STATUS
