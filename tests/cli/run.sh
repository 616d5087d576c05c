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
		elif [ "$rc" != 2 ] && [ "$(wc -l <"$OUT/stderr")" != 1 ]; then
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
	"$RT" --help | grep -q -- '--env NAME=VALUE'; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL help-lists-options: --help does not list every option"
fi

# ---- bad command lines: exit 2, error + hint ----
U='try wasixrt --help'
check no-args 2 "$U" '' --
check unknown-cmd 2 "unknown command 'frobnicate'" '' -- frobnicate
check unknown-opt 2 "unknown option '--frob'" '' -- run --frob "$W/ok.wasm"
check unknown-top-opt 2 "unknown option" '' -- --frob
check run-no-file 2 "no module file" '' -- run
check run-opts-no-file 2 "no module file" '' -- run --env A=1
check dir-no-value 2 "needs" '' -- run --dir
check env-no-eq 2 "NAME=VALUE" '' -- run --env FOO "$W/ok.wasm"
check env-empty-name 2 "NAME=VALUE" '' -- run --env =x "$W/ok.wasm"
check mapdir-no-sep 2 "GUEST::HOST" '' -- run --mapdir /tmp "$W/ok.wasm"
check flag-with-value 2 "takes no value" '' -- run --help=yes
check invoke-twice 2 "more than once" '' -- run --invoke a --invoke b "$W/invoke.wasm"
check opt-before-run 2 "after 'run'" '' -- --env A=1 run "$W/ok.wasm"
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
check trap-start 134 '^wasixrt: trap: .*unreachable' '' -- run "$W/start_trap.wasm"
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

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
