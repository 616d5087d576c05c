#!/usr/bin/env bash
# bench/net/net_soak.sh - a 1,000-connection soak of the guest HTTP server
# (tests/net/httpd.c built with the real WASIX libc, under build/wasixrt;
# `make soak`, and `make bench` runs it last).  SOAK_PHASES phases
# (default 5) of `ab -k -c 1000 -n SOAK_REQUESTS` (default 100000) on
# 127.0.0.1; after each phase the guest process's RSS and open fds are
# read from /proc, and during each the most fds seen (1,000 connections
# open at once shows as about 1,000 more).  Passes when every request of
# every phase succeeded (complete, 0 failed, no non-2xx, all kept alive),
# the RSS after the last phase is within SOAK_RSS_SLACK_KB (default 1024)
# of the RSS after the first (memory is flat once the connections' memory
# exists), and the fds are back to where they started.  Writes
# build/bench/net-soak.md; exits non-zero on a failure.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../.."
root=$PWD
out=$root/build/bench/net
rt=${WASIXRT:-$root/build/wasixrt}
phases=${SOAK_PHASES:-5}
requests=${SOAK_REQUESTS:-100000}
slack=${SOAK_RSS_SLACK_KB:-1024}
conc=1000
sysroot=${WASIX_SYSROOT:-$root/../shared/wasix-sysroot}
mkdir -p "$out/www"
"$sysroot/wasix-cc" -O2 -o "$out/httpd.wasm" tests/net/httpd.c 2>&1 |
	grep -v deprecated || true
head -c 1024 /dev/urandom >"$out/www/f1k.bin"
# ab and the server each hold 1,000 sockets.
ulimit -n 4096 2>/dev/null || true

rm -f "$out/soak.port" # never read the port of an earlier run
"$rt" run --net-listen '127.0.0.1:*' --mapdir "/www::$out/www" \
	"$out/httpd.wasm" /www >"$out/soak.port" 2>"$out/soak.err" &
sup=$!
sampler=
trap 'kill $sampler 2>/dev/null || true; kill $sup 2>/dev/null || true' EXIT
port=
for _ in $(seq 1 100); do
	port=$(awk '/^port /{print $2; exit}' "$out/soak.port" 2>/dev/null || true)
	[ -n "$port" ] && break
	sleep 0.05
done
[ -n "$port" ] || { echo "net_soak: httpd did not start" >&2; exit 1; }
# wasixrt run is the supervisor; the guest process is its child.
guest=$(pgrep -P "$sup" | head -1)
[ -n "$guest" ] || { echo "net_soak: no guest process" >&2; exit 1; }
rss() { awk '/^VmRSS:/{print $2}' "/proc/$guest/status"; }
hwm() { awk '/^VmHWM:/{print $2}' "/proc/$guest/status"; }
nfds() { ls "/proc/$guest/fd" | wc -l; }
fds0=$(nfds)
rss0=$(rss)

fail=0
rows=()
first_rss=
for ph in $(seq 1 "$phases"); do
	# The most fds the guest has open during the phase.
	(
		max=0
		while kill -0 "$guest" 2>/dev/null; do
			n=$(ls "/proc/$guest/fd" 2>/dev/null | wc -l)
			[ "$n" -gt "$max" ] && echo "$n" >"$out/soak.maxfds" && max=$n
			sleep 0.2
		done
	) &
	sampler=$!
	echo 0 >"$out/soak.maxfds"
	t0=$(date +%s.%N)
	ab -q -s 30 -k -c $conc -n "$requests" \
		"http://127.0.0.1:$port/f1k.bin" >"$out/soak.ab" 2>&1 || true
	t1=$(date +%s.%N)
	kill $sampler 2>/dev/null || true
	wait $sampler 2>/dev/null || true
	sampler=
	sleep 0.5 # the server sees the last EOFs
	complete=$(awk '/^Complete requests/{print $3}' "$out/soak.ab")
	failed=$(awk '/^Failed requests/{print $3}' "$out/soak.ab")
	keep=$(awk '/^Keep-Alive requests/{print $3}' "$out/soak.ab")
	non2xx=$(awk '/^Non-2xx responses/{print $3}' "$out/soak.ab")
	rps=$(awk '/^Requests per second/{print $4}' "$out/soak.ab")
	r=$(rss)
	f=$(nfds)
	m=$(cat "$out/soak.maxfds")
	[ -z "$first_rss" ] && first_rss=$r
	ok=yes
	if [ "${complete:-0}" != "$requests" ] || [ "${failed:-x}" != 0 ] ||
		[ "${keep:-0}" != "$requests" ] || [ -n "$non2xx" ]; then
		ok=no
		grep -E 'apr_|Complete|Failed|Non-2xx|Keep-Alive' "$out/soak.ab" >&2 || true
	fi
	[ "$m" -ge $((fds0 + conc)) ] || {
		ok=no
		echo "net_soak: phase $ph: at most $m fds open, not $conc connections at once" >&2
	}
	[ $ok = yes ] || fail=1
	rows+=("| $ph | ${complete:-0} | ${failed:-?} | ${non2xx:-0} | ${keep:-0} | $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b - a}') | ${rps:-?} | $m | $f | $r | $(hwm) |")
done
last_rss=$(rss)
fds1=$(nfds)
grow=$((last_rss - first_rss))
[ "$grow" -le "$slack" ] || {
	echo "net_soak: RSS grew $grow KiB from phase 1 to phase $phases (allowed $slack)" >&2
	fail=1
}
[ "$fds1" -eq "$fds0" ] || {
	echo "net_soak: $fds1 fds open after the soak, $fds0 before" >&2
	fail=1
}
kill "$sup"
wait "$sup" 2>/dev/null || true
{
	echo "1,000 concurrent keep-alive connections, $phases phases of $requests requests (ab -k -c $conc, 1 KiB file)."
	echo "Guest process before: RSS $rss0 KiB, $fds0 fds. After each phase:"
	echo
	echo "| phase | complete | failed | non-2xx | kept alive | seconds | requests/s | most fds | fds after | RSS KiB after | peak RSS KiB |"
	echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	printf '%s\n' "${rows[@]}"
	echo
	echo "RSS from phase 1 to phase $phases: $grow KiB ($( [ $fail = 0 ] && echo pass || echo FAIL ))"
} | tee "$root/build/bench/net-soak.md"
exit $fail
