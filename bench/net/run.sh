#!/usr/bin/env bash
# bench/net/run.sh - network servers under wasixrt against the same C
# built natively (`make bench` runs it): tests/net/httpd.c under ab
# (requests per second, 8 concurrent clients, with and without
# keep-alive, a 10 KB file; for keep-alive also the 99th percentile
# request time and the server's CPU time per request, user + system from
# /proc: on a 2-core machine ab itself can be what limits the native
# server's rate) and tests/net/echod.c under netclient.c (the median and
# 99th percentile round trip of 64 bytes; MiB/s through the echo).  Loopback only.  NET_ROUNDS rounds (default 3) alternate native
# and wasixrt, and each row shows the medians of its rounds.  Writes
# build/bench/net.md.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../.."
root=$PWD
out=$root/build/bench/net
rt=${WASIXRT:-$root/build/wasixrt}
rounds=${NET_ROUNDS:-3}
sysroot=${WASIX_SYSROOT:-$root/../shared/wasix-sysroot}
mkdir -p "$out/www"
for p in httpd echod; do
	cc -O2 -o "$out/$p" "tests/net/$p.c"
	"$sysroot/wasix-cc" -O2 -o "$out/$p.wasm" "tests/net/$p.c" 2>&1 |
		grep -v deprecated || true
done
cc -O2 -pthread -o "$out/netclient" bench/net/netclient.c
head -c 10240 /dev/urandom >"$out/www/f10k.bin"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

# serve SIDE NAME ARGS: start a server of SIDE (native|wasm); port in $port.
serve() {
	local side=$1 name=$2
	shift 2
	# The server's redirection truncates the file only once its
	# background shell runs: the previous round's port must be gone
	# before we look (a stale port was an intermittent ECONNREFUSED).
	rm -f "$out/$name.port"
	if [ "$side" = native ]; then
		"$out/$name" "$@" >"$out/$name.port" 2>/dev/null &
	else
		"$rt" run --net-listen '127.0.0.1:*' --mapdir "/www::$out/www" \
			"$out/$name.wasm" "$@" >"$out/$name.port" 2>/dev/null &
	fi
	pids+=($!)
	port=
	for _ in $(seq 1 100); do
		port=$(awk '/^port /{print $2; exit}' "$out/$name.port" \
			2>/dev/null || true)
		if [ -n "$port" ]; then
			# The server's process: under wasixrt the guest is the
			# child of the run's supervisor.
			spid=${pids[-1]}
			[ "$side" = native ] || spid=$(pgrep -P "$spid" | head -1)
			return 0
		fi
		sleep 0.05
	done
	echo "bench/net: $name ($side) did not start" >&2
	exit 1
}
stop() {
	kill "${pids[-1]}" 2>/dev/null || true
	wait "${pids[-1]}" 2>/dev/null || true
	unset 'pids[-1]'
}
median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

declare -A res
for r in $(seq 1 "$rounds"); do
	for side in native wasm; do
		root_arg=$out/www
		[ "$side" = wasm ] && root_arg=/www
		serve "$side" httpd "$root_arg"
		for k in close keep; do
			flag=
			n=4000
			[ $k = keep ] && flag=-k && n=20000
			cpu0=$(awk '{print $14 + $15}' "/proc/$spid/stat")
			v=$(ab -q -s 20 $flag -n $n -c 8 -e "$out/ab.csv" \
				"http://127.0.0.1:$port/f10k.bin" 2>/dev/null |
				awk '/^Requests per second/{print $4}')
			cpu1=$(awk '{print $14 + $15}' "/proc/$spid/stat")
			res[$side.http_$k]+="$v "
			[ $k = keep ] || continue
			# ab -e: the time within which each percentage of the
			# requests was served, in ms.
			v=$(awk -F, '$1 == 99 {print $2}' "$out/ab.csv")
			res[$side.http_p99]+="$v "
			v=$(awk -v t="$((cpu1 - cpu0))" -v n=$n \
				-v hz="$(getconf CLK_TCK)" \
				'BEGIN {printf "%.1f", t * 1e6 / hz / n}')
			res[$side.http_cpu]+="$v "
		done
		stop
		serve "$side" echod
		read -r p50 p99 < <("$out/netclient" lat "$port" 5000)
		res[$side.lat50]+="$p50 "
		res[$side.lat99]+="$p99 "
		v=$("$out/netclient" tput "$port" 512)
		res[$side.tput]+="$v "
		stop
	done
done

# The last column is wasixrt's figure over native's: above 1 is better
# for rates, below 1 for times.
row() {
	local key=$1 label=$2 n w
	n=$(echo "${res[native.$key]}" | tr ' ' '\n' | grep . | median)
	w=$(echo "${res[wasm.$key]}" | tr ' ' '\n' | grep . | median)
	printf '| %s | %s | %s | %s |\n' "$label" "$n" "$w" \
		"$(awk -v n="$n" -v w="$w" 'BEGIN { printf "%.2fx", w / n }')"
}
{
	echo "| measure | native | wasixrt | wasixrt / native |"
	echo "|---|---:|---:|---:|"
	row http_close "httpd, requests/s (new connection each)"
	row http_keep "httpd, requests/s (keep-alive)"
	row http_p99 "httpd keep-alive, p99 request ms"
	row http_cpu "httpd keep-alive, server CPU us per request"
	row lat50 "echo round trip, median us"
	row lat99 "echo round trip, p99 us"
	row tput "echo throughput, MiB/s"
} | tee "$root/build/bench/net.md"
