#!/usr/bin/env bash
# tests/lifetime/run.sh WASIXRT - a run is a container of processes: when
# the first process exits or dies, or wasixrt gets SIGTERM, SIGINT or
# SIGHUP, no process of the run may remain once wasixrt has returned,
# whatever the guest did (lt_tree.c: children that ignore SIGHUP and
# SIGTERM, setsid, a double fork); --keep-daemons leaves them running.
#
# Every process of a run is a fork of wasixrt, so its command line holds
# the guest's arguments: each case passes a marker of its own and counts
# the live processes whose /proc/PID/cmdline contains it.
# Prints "lifetime: N passed, F failed"; exits non-zero on failure.
set -u
if [ $# -lt 1 ]; then
	echo "usage: $0 WASIXRT" >&2
	exit 2
fi
RT=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SYSROOT=${WASIX_SYSROOT:-$ROOT/../shared/wasix-sysroot}
OUT=$ROOT/build/lifetime
mkdir -p "$OUT"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

WASM=$OUT/lt_tree.wasm
if [ ! -f "$WASM" ] || [ "$HERE/lt_tree.c" -nt "$WASM" ]; then
	if ! "$SYSROOT/wasix-cc" -O1 -o "$WASM" "$HERE/lt_tree.c"; then
		echo "lifetime: cannot build lt_tree.c"
		echo "lifetime: 0 passed, 1 failed"
		exit 1
	fi
fi

# The pids of live (not zombie) processes whose command line holds $1.
run_pids() {
	local f pid st
	for f in /proc/[0-9]*/cmdline; do
		pid=${f#/proc/}
		pid=${pid%/cmdline}
		[ "$pid" = "$$" ] || [ "$pid" = "$BASHPID" ] && continue
		if { tr "\0" " " <"$f"; } 2>/dev/null | grep -q -- "$1"; then
			st=$(awk '{ sub(/.*\) /, ""); print $1 }' \
				"/proc/$pid/stat" 2>/dev/null)
			[ -n "$st" ] && [ "$st" != Z ] && echo "$pid"
		fi
	done
}

# Wait until $1 (a file) holds "ready", at most 20 s.
wait_ready() {
	local i
	for i in $(seq 200); do
		grep -q ready "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# End (by pid) whatever a failed case left behind.
sweep() {
	local p
	for p in $(run_pids "$1"); do
		kill -KILL "$p" 2>/dev/null
	done
}

# Nothing of the run is left and nothing writes to its stdout any more.
check_gone() { # NAME MARKER STDOUT
	local left size
	left=$(run_pids "$2" | tr '\n' ' ')
	if [ -n "$left" ]; then
		bad "$1: processes left after wasixrt returned: $left"
		sweep "$2"
		return 1
	fi
	size=$(stat -c %s "$3")
	sleep 0.5
	if [ "$(stat -c %s "$3")" != "$size" ]; then
		bad "$1: stdout still written after wasixrt returned"
		return 1
	fi
	return 0
}

# The first process exits (0) or traps (134) with 5 processes left.
for mode in exit trap; do
	want=0
	[ $mode = trap ] && want=134
	marker=lt-$mode-$$-$RANDOM
	t0=$(date +%s%N)
	timeout 30 "$RT" run --grace 1 "$WASM" $mode 30 "$marker" \
		>"$OUT/$mode.out" 2>"$OUT/$mode.err"
	got=$?
	ms=$((($(date +%s%N) - t0) / 1000000))
	if [ $got != $want ]; then
		bad "$mode: status $got, want $want ($(head -c 300 "$OUT/$mode.err"))"
		sweep "$marker"
	elif ! grep -q "ready 5" "$OUT/$mode.out"; then
		bad "$mode: the guest did not start its processes"
	elif [ $ms -gt 10000 ]; then
		bad "$mode: took $ms ms (grace 1 s)"
	elif check_gone "$mode" "$marker" "$OUT/$mode.out"; then
		ok
	fi
done

# wasixrt gets a terminating signal while every process runs: the run
# ends within the grace period, and wasixrt's status is the first
# process's (its handler exits with 100 + the signal's number).
for sig in TERM INT HUP; do
	marker=lt-$sig-$$-$RANDOM
	num=$(kill -l $sig)
	# Empty before the start: the background job truncates it only when
	# it runs, and wait_ready must not see the last suite run's "ready".
	: >"$OUT/$sig.out"
	"$RT" run --grace 1 "$WASM" wait 30 "$marker" \
		>"$OUT/$sig.out" 2>"$OUT/$sig.err" &
	rt=$!
	if ! wait_ready "$OUT/$sig.out"; then
		bad "SIG$sig: the guest did not start"
		kill -KILL $rt 2>/dev/null
		wait $rt 2>/dev/null
		sweep "$marker"
		continue
	fi
	before=$(run_pids "$marker" | wc -l)
	t0=$(date +%s%N)
	kill -$sig $rt
	# Bounded: a run that does not end is killed by pid after 15 s.
	( sleep 15; kill -KILL $rt 2>/dev/null ) &
	guard=$!
	wait $rt 2>/dev/null
	got=$?
	kill $guard 2>/dev/null
	wait $guard 2>/dev/null
	ms=$((($(date +%s%N) - t0) / 1000000))
	if [ "$before" -lt 6 ]; then
		bad "SIG$sig: only $before processes of the run seen (want 7)"
		sweep "$marker"
	elif [ $got != $((100 + num)) ]; then
		bad "SIG$sig: status $got, want $((100 + num))"
		sweep "$marker"
	elif [ $ms -gt 8000 ]; then
		bad "SIG$sig: the run took $ms ms to end (grace 1 s)"
		sweep "$marker"
	elif check_gone "SIG$sig" "$marker" "$OUT/$sig.out"; then
		ok
	fi
done

# The first process is killed (SIGKILL, from outside the run): the run
# ends, and wasixrt dies of the same signal.
marker=lt-kill-$$-$RANDOM
"$RT" run --grace 1 "$WASM" wait 30 "$marker" >"$OUT/kill.out" \
	2>"$OUT/kill.err" &
rt=$!
if wait_ready "$OUT/kill.out"; then
	first=$(for p in $(run_pids "$marker"); do
		[ "$(awk '{ sub(/.*\) /, ""); print $2 }' /proc/$p/stat)" = $rt ] &&
			echo $p
	done | head -1)
	kill -KILL "$first"
	( sleep 15; kill -KILL $rt 2>/dev/null ) &
	guard=$!
	wait $rt 2>/dev/null
	got=$?
	kill $guard 2>/dev/null
	wait $guard 2>/dev/null
	if [ $got != 137 ]; then
		bad "first process killed: status $got, want 137"
		sweep "$marker"
	elif check_gone "first process killed" "$marker" "$OUT/kill.out"; then
		ok
	fi
else
	bad "first process killed: the guest did not start"
	kill -KILL $rt 2>/dev/null
	wait $rt 2>/dev/null
	sweep "$marker"
fi

# --keep-daemons: the first process exits and wasixrt returns at once,
# the processes it left still running.
marker=lt-keep-$$-$RANDOM
t0=$(date +%s%N)
timeout 30 "$RT" run --keep-daemons "$WASM" exit 30 "$marker" \
	>"$OUT/keep.out" 2>"$OUT/keep.err"
got=$?
ms=$((($(date +%s%N) - t0) / 1000000))
left=$(run_pids "$marker" | wc -l)
sweep "$marker"
if [ $got != 0 ]; then
	bad "--keep-daemons: status $got, want 0"
elif [ "$left" != 5 ]; then
	bad "--keep-daemons: $left processes left running, want 5"
elif [ $ms -gt 5000 ]; then
	bad "--keep-daemons: took $ms ms"
else
	ok
fi

# A bad --grace is a usage error with one clear line.
"$RT" run --grace soon "$WASM" >/dev/null 2>"$OUT/grace.err"
got=$?
if [ $got = 2 ] && grep -q "^wasixrt: --grace 'soon'" "$OUT/grace.err"; then
	ok
else
	bad "--grace soon: status $got, $(head -1 "$OUT/grace.err")"
fi

echo "lifetime: $pass passed, $fail failed"
[ $fail = 0 ]
