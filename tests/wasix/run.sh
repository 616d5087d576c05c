#!/bin/bash
# tests/wasix/run.sh WASIXRT - build the WASIX guest library, the /bin
# utilities, the test helpers, the shell and the t_*.c tests into
# build/wasix/, then run every test under WASIXRT.
#
#   build/wasix/bin/    echo cat wc true false sleep sh h_*   (guest /bin)
#   build/wasix/t_*.wasm                                      the tests
#
# Each test runs as
#   WASIXRT run --mapdir /bin::build/wasix/bin --mapdir /tmp::TMPDIR t.wasm
# and checks its own results (exit 0 = pass, "FAIL ..." on stderr).
# Prints "wasix: N passed, F failed" and exits non-zero on any failure.
# WASIX_TIMEOUT (seconds, default 120) bounds each test run,
# WASIX_SH_TIMEOUT (default 20) each shell case.
set -u
if [ $# -lt 1 ]; then
	echo "usage: $0 WASIXRT" >&2
	exit 2
fi
WASIXRT=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SRC=$ROOT/tests/wasix
OUT=$ROOT/build/wasix
TIMEOUT=${WASIX_TIMEOUT:-120}
SH_TIMEOUT=${WASIX_SH_TIMEOUT:-20}
WASMCC="clang --target=wasm32-wasi --sysroot=/usr -O2 -std=c11 -Wall -Wextra -I$ROOT/guest"
mkdir -p "$OUT/bin" "$OUT/obj"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# build NAME OUTFILE SRC...: a compile error is a failure.
build() {
	local name=$1 out=$2
	shift 2
	if ! $WASMCC -o "$out" "$@" "$OUT/obj/wasix.o" \
			2>"$OUT/obj/$name.log"; then
		bad "build $name: $(head -5 "$OUT/obj/$name.log")"
		rm -f "$out"
		return 1
	fi
	if [ -s "$OUT/obj/$name.log" ]; then
		echo "warnings building $name:"
		head -10 "$OUT/obj/$name.log"
	fi
}

if ! $WASMCC -c -o "$OUT/obj/wasix.o" "$ROOT/guest/wasix.c" \
		2>"$OUT/obj/wasix.log"; then
	cat "$OUT/obj/wasix.log"
	echo "wasix: 0 passed, 1 failed"
	exit 1
fi
for c in "$SRC"/bin/*.c "$SRC"/helpers/*.c; do
	b=$(basename "$c" .c)
	build "$b" "$OUT/bin/$b" "$c"
done
build sh "$OUT/bin/sh" "$SRC/sh.c"
for c in "$SRC"/t_*.c; do
	b=$(basename "$c" .c)
	build "$b" "$OUT/$b.wasm" "$c"
done

# expect NAME WANT_STATUS CMD...: run with a time limit; stdout and stderr
# are kept in $TMP/stdout and $TMP/stderr.
expect() {
	local name=$1 want=$2 got
	shift 2
	timeout "$TIMEOUT" "$@" >"$TMP/stdout" 2>"$TMP/stderr" </dev/null
	got=$?
	if [ "$got" = "$want" ]; then
		ok
	else
		[ "$got" = 124 ] && got="$got (timed out after ${TIMEOUT}s)"
		bad "$name: exit $got, want $want"
		sed 's/^/    stdout: /' "$TMP/stdout" | tail -8
		sed 's/^/    stderr: /' "$TMP/stderr" | head -20
	fi
}

mkdir -p "$TMP/tmp"
MAPS=(--mapdir "/bin::$OUT/bin" --mapdir "/tmp::$TMP/tmp")
RUN=("$WASIXRT" run "${MAPS[@]}")

for t in t_fork t_many t_nested t_vfork t_exec t_pipe t_spawn t_fd t_sigchild \
		t_spawn_legacy t_fchdir t_forkenv \
		t_badptr; do
	if [ -f "$OUT/$t.wasm" ]; then
		expect "$t" 0 "${RUN[@]}" "$OUT/$t.wasm"
	fi
done
for n in 4 9; do
	[ -f "$OUT/t_maxprocs.wasm" ] &&
		expect "t_maxprocs $n" 0 "$WASIXRT" run --max-procs "$n" \
			"${MAPS[@]}" "$OUT/t_maxprocs.wasm" "$n"
done

# exec from the run's first process: the pid stays 1 and the new
# program's exit status is the run's.
expect "exec in pid 1" 7 "${RUN[@]}" "$OUT/bin/h_exec" /bin/h_pid 7
if [ "$(cat "$TMP/stdout")" = "pid=1 ppid=0" ]; then ok; else
	bad "exec in pid 1: stdout '$(cat "$TMP/stdout")', want 'pid=1 ppid=0'"
fi
expect "exec chain" 0 "${RUN[@]}" "$OUT/bin/h_exec" /bin/h_exec /bin/h_exec \
	/bin/echo chained
if [ "$(cat "$TMP/stdout")" = "chained" ]; then ok; else
	bad "exec chain: stdout '$(cat "$TMP/stdout")', want 'chained'"
fi
expect "exec of a missing program from pid 1" 127 "${RUN[@]}" \
	"$OUT/bin/h_exec" /bin/nothing-here

# The shell: sh_case NAME WANT_STDOUT WANT_STATUS SCRIPT
sh_case() {
	local name=$1 want=$2 status=$3 script=$4
	TIMEOUT=$SH_TIMEOUT expect "sh: $name" "$status" "${RUN[@]}" "$OUT/bin/sh" ${SHOPT:-} -c "$script"
	if [ "$(cat "$TMP/stdout")" = "$want" ]; then
		ok
	else
		bad "sh: $name: stdout '$(head -c 300 "$TMP/stdout")', want '$want'"
		sed 's/^/    stderr: /' "$TMP/stderr" | head -10
	fi
}
if [ -f "$OUT/bin/sh" ]; then
	sh_case "pipeline" 6 0 'echo hello | cat | wc -c'
	sh_case "long pipeline" 3 0 \
		'echo a b c | cat | cat | cat | cat | wc -w'
	sh_case "redirect > and <" "one two" 0 \
		'echo one two > /tmp/sh_out; cat < /tmp/sh_out'
	sh_case "append >>" "2" 0 \
		'echo x > /tmp/sh_app; echo y >> /tmp/sh_app; wc -l < /tmp/sh_app'
	sh_case "false && echo" "" 1 'false && echo no'
	sh_case "true && echo" "ok" 0 'true && echo ok'
	sh_case "false || echo" "yes" 0 'false || echo yes'
	sh_case "true || echo" "" 0 'true || echo no'
	sh_case "last status" "" 1 'true; false'
	sh_case "pipeline status is the last's" "" 0 'false | true'
	sh_case "missing command" "after" 0 'nosuchcmd; echo after'
	sh_case "missing command status" "" 127 'nosuchcmd'
	sh_case "> file 2>&1" "1" 0 \
		'cat /tmp/missing-file > /tmp/sh_err 2>&1; wc -l < /tmp/sh_err'
	sh_case "stderr into a pipe" "1" 0 'cat /tmp/missing-file 2>&1 | wc -l'
	sh_case "exit builtin" "" 3 'exit 3; echo no'
	sh_case "cd builtin" "hi" 0 'echo hi > /tmp/sh_cd; cd /tmp && cat < sh_cd'
	SHOPT=-F sh_case "fork mode (-F) pipeline" 6 0 'echo hello | cat | wc -c'
	sh_case "quotes" "a  b|c" 0 "echo 'a  b|c'"
	printf 'echo line1\necho line2 | wc -c\nexit 4\necho never\n' >"$TMP/script"
	timeout "$SH_TIMEOUT" "$WASIXRT" run "${MAPS[@]}" "$OUT/bin/sh" \
		<"$TMP/script" >"$TMP/stdout" 2>"$TMP/stderr"
	got=$?
	if [ "$got" = 4 ] &&
	   [ "$(cat "$TMP/stdout")" = "$(printf 'line1\n6')" ]; then
		ok
	else
		bad "sh: commands from stdin: exit $got, stdout '$(cat "$TMP/stdout")'"
		sed 's/^/    stderr: /' "$TMP/stderr" | head -10
	fi
fi

echo "wasix: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
