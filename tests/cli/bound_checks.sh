# bound_checks.sh - sourced by tests/cli/run.sh (uses its check, RT, W,
# pass, fail): the bounds of src/runtime/limits.h as an operator meets
# them, one clear line each.  Modules: bound_*.wat.

# check_guest NAME STATUS ARGS...: the guest's own exit status, nothing
# on stderr (the module reports which step went wrong by its status).
check_guest() {
	local name=$1 want=$2 rc
	shift 2
	timeout 20 "$RT" "$@" >"$OUT/stdout" 2>"$OUT/stderr"
	rc=$?
	if [ "$rc" = "$want" ] && [ ! -s "$OUT/stderr" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name: exit status $rc, want $want"
		sed 's/^/    stderr: /' "$OUT/stderr" | head -5
	fi
}

# --max-memory: growth stops at the cap; an initial memory above it, the
# module's own or the env.memory the host creates, is refused by name.
check bound-grow 0 '' '' -- run --max-memory 1M "$W/bound_grow.wasm"
check_guest bound-grow-default 2 run "$W/bound_grow.wasm"
check bound-bigmem 1 "^wasixrt: $W/bound_bigmem.wasm: memory 0 needs 18.8 MiB at start, above the limit of 16 MiB per memory \(--max-memory\)$" '' -- run --max-memory 16M "$W/bound_bigmem.wasm"
check bound-bigmem-invoke 1 "memory 0 needs 18.8 MiB at start, above the limit of 16 MiB" '' -- run --max-memory 16M --invoke _start "$W/bound_bigmem.wasm"
check bound-bigmem-fits 0 '' '' -- run --max-memory 19M "$W/bound_bigmem.wasm"
check bound-envmem 1 "^wasixrt: $W/bound_envmem.wasm: memory \"env\" \"memory\" needs 18.8 MiB at start, above the limit of 16 MiB per memory \(--max-memory\)$" '' -- run --max-memory 16M "$W/bound_envmem.wasm"
check bound-mem-zero 2 "--max-memory '0': expected a size from 64K to 4G" '' -- run --max-memory 0 "$W/ok.wasm"
check bound-mem-huge 2 "--max-memory '5G'" '' -- run --max-memory 5G "$W/ok.wasm"
check bound-mem-junk 2 "--max-memory '16X'" '' -- run --max-memory 16X "$W/ok.wasm"
check bound-mem-units 0 '' '' -- run --max-memory 64MiB "$W/ok.wasm"

# --max-table: the same for tables.
check bound-table 0 '' '' -- run --max-table 50 "$W/bound_table.wasm"
check_guest bound-table-over 1 run --max-table 49 "$W/bound_table.wasm"
check bound-bigtable 1 "^wasixrt: $W/bound_bigtable.wasm: table 0 needs 100 elements at start, above the limit of 50 per table \(--max-table\)$" '' -- run --max-table 50 "$W/bound_bigtable.wasm"
check bound-table-junk 2 "--max-table 'x'" '' -- run --max-table x "$W/ok.wasm"

# --max-fds: a number from 4; the preopens must fit.
check bound-fds-small 2 "--max-fds '3': expected a number from 4 to 65536" '' -- run --max-fds 3 "$W/ok.wasm"
check bound-fds-preopens 1 "an fd limit of 4 leaves no room for the 1 directories" '' -- run --max-fds 4 --dir /tmp "$W/ok.wasm"
check bound-fds-fit 0 '' '' -- run --max-fds 5 --dir /tmp "$W/ok.wasm"

# ARG_MAX at start: 3 MiB of arguments (the host's own ARG_MAX raised
# with a larger stack limit, where the hard limit allows it).
if (ulimit -s 65536) 2>/dev/null; then
	big=$(head -c 100000 /dev/zero | tr '\0' a)
	set --
	for _ in $(seq 30); do set -- "$@" "$big"; done
	(ulimit -s 65536 &&
		timeout 20 "$RT" run "$W/printargs.wasm" "$@" >"$OUT/stdout" 2>"$OUT/stderr"
		echo $? >"$OUT/status")
	if [ "$(cat "$OUT/status")" = 1 ] && [ ! -s "$OUT/stdout" ] &&
		grep -Eq "^wasixrt: $W/printargs.wasm: the arguments and environment take 2.9 MiB, above the limit of 2 MiB \(ARG_MAX\)$" "$OUT/stderr" &&
		[ "$(wc -l <"$OUT/stderr")" = 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL bound-args-start: status $(cat "$OUT/status")"
		sed 's/^/    stderr: /' "$OUT/stderr" | head -5
	fi
	set --
fi

# The default --max-fds (1024) holds even where the host's soft
# RLIMIT_NOFILE is lower: the runtime raises its own soft limit to fit.
if (ulimit -Sn 256) 2>/dev/null; then
	(ulimit -Sn 256 && check_guest bound-fds-host-soft 0 run "$W/bound_fds.wasm"
	 echo "$pass $fail" >"$OUT/counts")
	read -r pass fail <"$OUT/counts"
fi
check_guest bound-fds-option 2 run --max-fds 100 "$W/bound_fds.wasm"
