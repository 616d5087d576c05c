#!/usr/bin/env bash
# run.sh WASIXRT - behaviour tests of the wasixrt command line: exit
# statuses, the one-line error messages, --invoke argument parsing and
# result printing.  The test modules are assembled at test time from the
# .wat files beside this script (wabt's wat2wasm) into build/cli-tests/.
# Prints "cli: N passed, F failed"; exits non-zero if anything failed.

set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 WASIXRT" >&2
	exit 2
fi
case $1 in
/*) RT=$1 ;;
*) RT=$PWD/$1 ;;
esac
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=$ROOT/build/cli-tests
mkdir -p "$OUT"

if [ ! -x "$RT" ]; then
	echo "cli: $RT is not an executable" >&2
	exit 1
fi
if ! command -v wat2wasm >/dev/null; then
	echo "cli: wat2wasm (wabt) is required" >&2
	exit 1
fi

pass=0
fail=0

# Assemble the modules.  Failing to assemble one is a test failure.
for wat in "$HERE"/*.wat; do
	name=$(basename "$wat" .wat)
	flags=
	[ "$name" = invalid ] && flags=--no-check
	[ "$name" = uncaught ] && flags=--enable-exceptions
	[ "$name" = legacy ] && flags="--enable-threads"
	[ "$name" = mem64_inspect ] && flags="--enable-memory64"
	[ "$name" = bound_envmem ] && flags="--enable-threads"
	case $name in deep_trap | printargs) flags=--debug-names ;; esac
	if ! wat2wasm $flags "$wat" -o "$OUT/$name.wasm" 2>"$OUT/$name.log"; then
		echo "FAIL assemble $name.wat:"
		sed 's/^/    /' "$OUT/$name.log"
		fail=$((fail + 1))
	fi
done
# Broken inputs made from good ones.
printf 'this is not a wasm module\n' >"$OUT/text.wasm"
: >"$OUT/empty.wasm"
head -c 20 "$OUT/invoke.wasm" >"$OUT/truncated.wasm"
printf '\0asm\2\0\0\0' >"$OUT/badversion.wasm"
cp "$OUT/ok.wasm" "$OUT/unreadable.wasm" 2>/dev/null &&
	chmod 000 "$OUT/unreadable.wasm"

# check NAME STATUS STDERR_REGEX STDOUT -- ARGS...
#   Runs WASIXRT ARGS (20 s limit) and checks: the exit status; stderr
#   against an extended regex ('' = must be empty); stdout exactly (lines
#   separated by \n in the string; '*' = not checked).  A failing run must
#   print exactly one "wasixrt:" line (usage errors add the help hint).
check() {
	local name=$1 want_rc=$2 want_err=$3 want_out=$4
	shift 5
	local rc out err why=
	timeout 20 "$RT" "$@" >"$OUT/stdout" 2>"$OUT/stderr"
	rc=$?
	out=$(cat "$OUT/stdout")
	err=$(cat "$OUT/stderr")
	if [ "$rc" != "$want_rc" ]; then
		why="exit status $rc, want $want_rc"
	elif [ -z "$want_err" ] && [ -n "$err" ]; then
		why="unexpected stderr"
	elif [ -n "$want_err" ] && ! grep -Eq -- "$want_err" "$OUT/stderr"; then
		why="stderr does not match /$want_err/"
	elif [ "$want_out" != '*' ] && [ "$out" != "$(printf '%b' "$want_out")" ]; then
		why="stdout differs; want:
$(printf '%b' "$want_out" | sed 's/^/    /')"
	elif [ "$rc" != 0 ]; then
		local lines
		lines=$(grep -c '^wasixrt: ' "$OUT/stderr")
		if [ "$lines" != 1 ]; then
			why="$lines 'wasixrt:' lines on stderr, want 1"
		elif [ "$rc" != 2 ] && [ "$(grep -vc '^    ' "$OUT/stderr")" != 1 ]; then
			# (indented lines: a trap's backtrace)
			why="stderr is not one line"
		fi
	fi
	if [ -z "$why" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name: $why"
		echo "    command: wasixrt $*"
		[ -n "$out" ] && printf '%s\n' "$out" | head -n 10 | sed 's/^/    stdout: /'
		[ -n "$err" ] && printf '%s\n' "$err" | head -n 10 | sed 's/^/    stderr: /'
	fi
}

W=$OUT
# ---- top level ----
check help 0 '' '*' -- --help
check help-short 0 '' '*' -- -h
check run-help 0 '' '*' -- run --help
check version 0 '' 'wasixrt 0.1.0' -- --version
check version-short 0 '' 'wasixrt 0.1.0' -- -V
if "$RT" --help | grep -q -- '--invoke NAME' &&
	"$RT" --help | grep -q -- '--mapdir GUEST::HOST' &&
	"$RT" --help | grep -q -- '--dir HOST\[::GUEST\]' &&
	"$RT" --help | grep -q -- '--env NAME\[=VALUE\]' &&
	"$RT" --help | grep -q -- '--timeout SECONDS'; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL help-lists-options: --help does not list every option"
fi

# ---- bad command lines: exit 2, error + hint ----
U='try wasixrt --help'
check no-args 2 "$U" '' --
check unknown-cmd 2 "unknown command or file 'frobnicate'" '' -- frobnicate
check unknown-opt 2 "unknown option '--frob'" '' -- run --frob "$W/ok.wasm"
check unknown-top-opt 2 "unknown option" '' -- --frob
check run-no-file 2 "no module file" '' -- run
check run-opts-no-file 2 "no module file" '' -- run --env A=1
check dir-no-value 2 "needs" '' -- run --dir
check env-empty-name 2 "NAME=VALUE" '' -- run --env =x "$W/ok.wasm"
check mapdir-no-sep 2 "GUEST::HOST or GUEST:HOST" '' -- run --mapdir /tmp "$W/ok.wasm"
check flag-with-value 2 "takes no value" '' -- run --help=yes
check invoke-twice 2 "more than once" '' -- run --invoke a --invoke b "$W/invoke.wasm"
check opt-before-run 0 '' '' -- --env A=1 run "$W/ok.wasm"
check cwd-relative 2 "--cwd 'tmp': expected an absolute guest path" '' -- run --cwd tmp "$W/cwd.wasm"

# ---- options accepted (their effect comes with WASI) ----
check opts-accepted 0 '' '' -- run --dir /tmp --dir=/tmp::/t --mapdir /g::/tmp --env A=1 --env=B= "$W/ok.wasm"
check dashdash 0 '' '' -- run -- "$W/ok.wasm" --not-an-option -x
check guest-args 0 '' '' -- run "$W/ok.wasm" --help a b c
check cwd-default 0 '' '/\n' -- run "$W/cwd.wasm"
check cwd-given 0 '' '/t/sub\n' -- run --mapdir /t::/tmp --cwd /t/sub "$W/cwd.wasm"

# ---- files that are not (valid) modules: exit 1, one line ----
check missing-file 1 "^wasixrt: cannot read $W/nope.wasm: No such file or directory$" '' -- run "$W/nope.wasm"
check directory 1 "^wasixrt: cannot read $W: Is a directory$" '' -- run "$W"
if [ "$(id -u)" != 0 ]; then
	check unreadable 1 "cannot read .*Permission denied" '' -- run "$W/unreadable.wasm"
fi
check not-wasm 1 "^wasixrt: $W/text.wasm: ." '' -- run "$W/text.wasm"
check empty 1 "^wasixrt: $W/empty.wasm: ." '' -- run "$W/empty.wasm"
check truncated 1 "^wasixrt: $W/truncated.wasm: ." '' -- run "$W/truncated.wasm"
check bad-version 1 "^wasixrt: $W/badversion.wasm: ." '' -- run "$W/badversion.wasm"
check invalid 1 "^wasixrt: $W/invalid.wasm: .*(type mismatch|invalid|expected)" '' -- run "$W/invalid.wasm"
check stdin-module 0 '' '' -- run - <"$W/ok.wasm"
# A module larger than the read buffers start (64 KiB): ok.wasm and a
# 300,000-byte custom section "pad" (section size 300,004 = LEB128 e4 a7
# 12), read from a file and through a pipe, where the buffer must grow.
{ cat "$W/ok.wasm"; printf '\000\344\247\022\003pad'; head -c 300000 /dev/zero; } >"$W/big_ok.wasm"
check big-module 0 '' '' -- run "$W/big_ok.wasm"
check big-module-stdin 0 '' '' -- run - < <(cat "$W/big_ok.wasm")
head -c 200000 "$W/big_ok.wasm" >"$W/big_cut.wasm"
# stdin a pipe or /dev/null is no terminal (libc's isatty() must say so,
# or shells and sqlite3 turn interactive and wait for a terminal).
check stdin-pipe-not-tty 0 '' '' -- run "$W/stdio_tty.wasm" < <(echo)
check stdin-devnull-not-tty 0 '' '' -- run "$W/stdio_tty.wasm" </dev/null
check big-module-cut 1 "^wasixrt: $W/big_cut.wasm: .*(out of bounds|unexpected end)" '' -- run "$W/big_cut.wasm"

# ---- linking ----
check unknown-import 1 "^wasixrt: $W/import.wasm: unknown import:? \"wasi_nowhere\" \"no_such_fn\"" '' -- run "$W/import.wasm"

# ---- running _start ----
check ok 0 '' '' -- run "$W/ok.wasm"
check trap-unreachable 134 '^wasixrt: trap: .*unreachable' '' -- run "$W/unreachable.wasm"
check trap-divzero 134 '^wasixrt: trap: .*integer divide by zero' '' -- run "$W/divzero.wasm"
check trap-oob 134 '^wasixrt: trap: .*out of bounds memory access' '' -- run "$W/oob.wasm"
check trap-stack 134 '^wasixrt: trap: .*(call stack exhausted|stack overflow)' '' -- run "$W/recurse.wasm"
check trap-start 134 "^wasixrt: trap: .*unreachable.* in pid 1, main thread, in the module's start function$" '' -- run "$W/start_trap.wasm"
check start-wasi 0 '' 'from start\nfrom _start' -- run "$W/start_wasi.wasm"
check trap-data-segment 134 '^wasixrt: trap: .*out of bounds' '' -- run "$W/data_oob.wasm"
check uncaught-exception 134 '^wasixrt: trap: uncaught exception' '' -- run "$W/uncaught.wasm"
check exception-caught 0 '' '42' -- run --invoke caught "$W/uncaught.wasm" 41
check no-start 1 "^wasixrt: $W/invoke.wasm: no export named \"_start\"$" '' -- run "$W/invoke.wasm"
check start-params 1 "_start takes 1 parameter" '' -- run "$W/params.wasm"

# ---- --invoke ----
I="$W/invoke.wasm"
check inv-add 0 '' '5' -- run --invoke add "$I" 2 3
check inv-add-eq 0 '' '5' -- run --invoke=add "$I" 2 3
check inv-add-neg 0 '' '-7' -- run --invoke add -- "$I" -3 -4
check inv-add-neg-noddash 0 '' '-7' -- run --invoke add "$I" -3 -4
check inv-add-wrap 0 '' '-2147483648' -- run --invoke add "$I" 2147483647 1
check inv-i32-unsigned 0 '' '-1' -- run --invoke id32 "$I" 4294967295
check inv-i32-hex 0 '' '255' -- run --invoke id32 "$I" 0xff
check inv-i32-hexmax 0 '' '-1' -- run --invoke id32 "$I" 0XFFFFFFFF
check inv-i32-min 0 '' '-2147483648' -- run --invoke id32 "$I" -2147483648
check inv-i32-hexneg 0 '' '-16' -- run --invoke id32 "$I" -0x10
check inv-i32-too-big 2 "not a valid i32" '' -- run --invoke id32 "$I" 4294967296
check inv-i32-too-small 2 "not a valid i32" '' -- run --invoke id32 "$I" -2147483649
check inv-i32-junk 2 "'12abc' is not a valid i32" '' -- run --invoke id32 "$I" 12abc
check inv-i32-empty 2 "not a valid i32" '' -- run --invoke id32 "$I" ''
check inv-i32-float 2 "not a valid i32" '' -- run --invoke id32 "$I" 1.5
check inv-i64-max 0 '' '9223372036854775807' -- run --invoke id64 "$I" 9223372036854775807
check inv-i64-min 0 '' '-9223372036854775808' -- run --invoke id64 "$I" -9223372036854775808
check inv-i64-unsigned 0 '' '-1' -- run --invoke id64 "$I" 18446744073709551615
check inv-i64-hex 0 '' '-9223372036854775808' -- run --invoke id64 "$I" 0x8000000000000000
check inv-i64-too-big 2 "not a valid i64" '' -- run --invoke id64 "$I" 18446744073709551616
check inv-add64 0 '' '-9223372036854775808' -- run --invoke add64 "$I" 9223372036854775807 1
check inv-fact 0 '' '2432902008176640000' -- run --invoke fact "$I" 20
check inv-fmul 0 '' '0.30000000000000004' -- run --invoke fmul "$I" 0.1 3
check inv-fmul-exp 0 '' '1.0000000000000002e+300' -- run --invoke fmul "$I" 1e150 1.0000000000000001e150
check inv-f64-inf 0 '' 'inf' -- run --invoke fmul "$I" inf 2
check inv-f64-neginf 0 '' '-inf' -- run --invoke fmul "$I" -inf 2
check inv-f64-nan 0 '' 'nan' -- run --invoke idf64 "$I" nan
check inv-f64-hex 0 '' '0.5' -- run --invoke idf64 "$I" 0x1p-1
check inv-f64-negzero 0 '' '-0' -- run --invoke idf64 "$I" -0.0
check inv-f64-junk 2 "not a valid f64" '' -- run --invoke idf64 "$I" 1.5x
check inv-f32 0 '' '0.333333343' -- run --invoke fdiv32 "$I" 1 3
check inv-f32-round 0 '' '0.100000001' -- run --invoke idf32 "$I" 0.1
check inv-f32-divzero 0 '' '-inf' -- run --invoke fdiv32 "$I" -1 0
check inv-multi 0 '' '-6\n-6\n-6\n-1.5' -- run --invoke multi "$I" -6
check inv-none 0 '' '' -- run --invoke none "$I"
check inv-nullref 0 '' 'null' -- run --invoke nullref "$I"
check inv-someref 0 '' 'ref' -- run --invoke someref "$I"
check inv-trap 134 '^wasixrt: trap: .*integer divide by zero' '' -- run --invoke div "$I" 1 0
check inv-overflow 134 '^wasixrt: trap: .*integer overflow' '' -- run --invoke div "$I" -2147483648 -1
check inv-too-few 2 "takes 2 arguments, 1 given" '' -- run --invoke add "$I" 1
check inv-too-many 2 "takes 2 arguments, 3 given" '' -- run --invoke add "$I" 1 2 3
check inv-missing 1 "^wasixrt: $I: no export named \"nope\"$" '' -- run --invoke nope "$I"
check inv-global 1 "^wasixrt: $I: export \"g\" is not a function$" '' -- run --invoke g "$I"
check inv-memory 1 "export \"mem\" is not a function" '' -- run --invoke mem "$I"
check inv-start-params 0 '' '' -- run --invoke _start "$W/params.wasm" 7

# ---- everyday habits (issue #16) ----
P=$W/printargs.wasm
check no-run-word 0 '' "arg:$P\narg:x" -- "$P" x
check no-run-opts 0 '' "arg:$P\nenv:A=1" -- --env A=1 "$P"
check no-run-dashdash 0 '' "arg:$P" -- -- "$P"
check verbatim-args 0 '' "arg:$P\narg:--env\narg:X=1\narg:--\narg:-v\narg:--timeout" -- "$P" --env X=1 -- -v --timeout
check run-verbatim-args 0 '' "arg:$P\narg:--help\narg:-V" -- run "$P" --help -V
export WX_CLI_INHERIT=from-host
check env-inherit 0 '' "arg:$P\nenv:WX_CLI_INHERIT=from-host\nenv:B=2" -- --env WX_CLI_INHERIT --env B=2 "$P"
unset WX_CLI_INHERIT
check env-inherit-unset 0 '' "arg:$P" -- --env WX_CLI_INHERIT "$P"
check env-value-eq 0 '' "arg:$P\nenv:K=a=b" -- --env K=a=b "$P"
check env-empty-name2 2 "NAME=VALUE or NAME" '' -- --env =x "$P"
mkdir -p "$OUT/mapdir"
check mapdir-one-colon 0 '' '' -- --mapdir /data:"$OUT/mapdir" "$W/ok.wasm"
check mapdir-two-colons 0 '' '' -- --mapdir /data::"$OUT/mapdir" "$W/ok.wasm"
check mapdir-one-colon-missing 1 "nonexistent" '' -- --mapdir /data:"$OUT/nonexistent" "$W/ok.wasm"
check file-named-run 1 "cannot read \./run" '' -- ./run
check validate-ok 0 '' '' -- validate "$W/invoke.wasm"
check validate-bad 1 "^wasixrt: $W/text.wasm: .*magic" '' -- validate "$W/text.wasm"
check validate-invalid 1 "^wasixrt: $W/invalid.wasm: ." '' -- validate "$W/invalid.wasm"
check validate-missing 1 "^wasixrt: cannot read $W/nope.wasm" '' -- validate "$W/nope.wasm"
check validate-usage 2 "usage: wasixrt validate FILE" '' -- validate
check validate-wat 1 "WebAssembly text.*wat2wasm" '' -- validate "$HERE/ok.wat"
check run-wat 1 "^wasixrt: $HERE/ok.wat: this is WebAssembly text.*wat2wasm" '' -- "$HERE/ok.wat"
check run-wat-run 1 "wat2wasm" '' -- run "$HERE/ok.wat"
check inspect-usage 2 "usage: wasixrt inspect FILE" '' -- inspect a b
check inspect-bad 1 "^wasixrt: $W/text.wasm: " '' -- inspect "$W/text.wasm"
# inspect: imports, exports, sections with sizes, features, the ABI.
inspect_has() { # NAME FILE REGEX...
	local name=$1 file=$2 re out
	shift 2
	out=$("$RT" inspect "$file" 2>&1)
	for re in "$@"; do
		if ! printf '%s\n' "$out" | grep -Eq -- "$re"; then
			fail=$((fail + 1))
			echo "FAIL $name: no line matching /$re/ in:"
			printf '%s\n' "$out" | sed 's/^/    /'
			return
		fi
	done
	pass=$((pass + 1))
}
inspect_has inspect-preview1 "$P" '^abi: WASI preview1 only$' \
	'^  wasi_snapshot_preview1\.fd_write: func \(i32, i32, i32, i32\) -> i32$' \
	'^  _start: func \(\)$' '^  memory: memory 4 pages$' \
	'^  code +[0-9]+ bytes$' '^  custom "name" +[0-9]+ bytes$' '^features: .*name section'
inspect_has inspect-wasix "$W/fork_spin.wasm" '^abi: wasix_32v1$' \
	'^  wasix_32v1\.proc_fork: func \(i32, i32\) -> i32$'
inspect_has inspect-legacy "$W/legacy.wasm" '^abi: wasix_32v1 with legacy shapes$' \
	'^  legacy shapes: proc_join\(ii\)i$' '^  not provided by this runtime: no_such_call\(\)$' \
	'^features: .*threads \(shared memory\)' '^features: .*multi-value' \
	'^features: .*bulk memory' '^  env\.memory: memory 1\.\.16 shared pages$'
inspect_has inspect-none "$W/invoke.wasm" '^abi: none' '^imports: 0$'
inspect_has inspect-mem64 "$W/mem64_inspect.wasm" '^  mem: memory i64 1\.\.4 pages$' \
	'^features: .*memory64'
check invoke-mem64 0 '' '42' -- --invoke peek "$W/mem64_inspect.wasm" 256
check invoke-mem64-oob 134 'out of bounds memory access' '' -- \
	--invoke peek "$W/mem64_inspect.wasm" 4294967552
check invoke-mem64-grow 0 '' '-1' -- --invoke grow "$W/mem64_inspect.wasm" 4
# --timeout: exit 124, one line, the whole process tree ended.
check timeout-start 124 "^wasixrt: $W/spin.wasm: timed out after 0.3 s$" '' -- --timeout 0.3 "$W/spin.wasm"
check timeout-invoke 124 "^wasixrt: $W/spin.wasm: timed out after 0.3 s$" '' -- --timeout 0.3 --invoke spin "$W/spin.wasm"
check timeout-not-reached 0 '' "arg:$P" -- --timeout 30 "$P"
timeout 20 "$RT" --timeout 30 "$W/exit3.wasm" 2>"$OUT/stderr"
rc=$?
if [ "$rc" = 3 ] && [ ! -s "$OUT/stderr" ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL timeout-exit-code: status $rc, want the guest's 3"
fi
check timeout-bad 2 "--timeout 'x'" '' -- --timeout x "$P"
check timeout-zero 2 "greater than 0" '' -- --timeout 0 "$P"
# A forked child keeps stdout open: the pipe closes only if it died too.
start=$(date +%s)
out=$(timeout 20 "$RT" --timeout 0.5 "$W/fork_spin.wasm" 2>/dev/null)
rc=$?
if [ "$rc" = 124 ] && [ $(($(date +%s) - start)) -lt 10 ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL timeout-fork: status $rc after $(($(date +%s) - start)) s"
fi
# A trap three calls deep: every frame by name, which pid.
check trap-backtrace 134 '^wasixrt: trap: integer divide by zero \(in function inner at byte offset 0x[0-9a-f]+\) in pid 1, main thread$' '' -- "$W/deep_trap.wasm"
if grep -q '^    #0 inner (function 0) at byte offset 0x' "$OUT/stderr" &&
	grep -q '^    #1 middle (function 1) at byte offset 0x' "$OUT/stderr" &&
	grep -q '^    #2 outer (function 2) at byte offset 0x' "$OUT/stderr" &&
	grep -q '^    #3 start (function 3) at byte offset 0x' "$OUT/stderr"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL trap-backtrace-frames:"
	sed 's/^/    /' "$OUT/stderr"
fi
check trap-backtrace-invoke 134 '^wasixrt: trap: integer divide by zero' '' -- --invoke _start "$W/deep_trap.wasm"
grep -q '^    #3 start (function 3)' "$OUT/stderr" && pass=$((pass + 1)) ||
	{ fail=$((fail + 1)); echo "FAIL trap-backtrace-invoke-frames"; }
check trap-recursion-folded 134 'call stack exhausted' '' -- "$W/recurse.wasm"
grep -Eq '^    #0-#31 (\S+ )?\(function 0\)' "$OUT/stderr" &&
	grep -q 'outer frames not shown' "$OUT/stderr" && pass=$((pass + 1)) ||
	{ fail=$((fail + 1)); echo "FAIL trap-recursion-folded-frames"; sed 's/^/    /' "$OUT/stderr"; }

# --trace and --report (programs built with the real WASIX libc)
. "$HERE/trace_run.sh"
# ---- bounds on what the guest controls (tests/cli/bound_checks.sh) ----
. "$HERE/bound_checks.sh"

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
