# trace_run.sh - the --trace and --report tests of the command line,
# sourced by run.sh (uses its check, RT, OUT, pass and fail).  The guest
# programs (trace/*.c) are built with the real WASIX libc.

SYSROOT=${WASIX_SYSROOT:-$ROOT/../shared/wasix-sysroot}
TR=$OUT/trace-root
mkdir -p "$TR"

# inorder NAME FILE PID REGEX...: the lines of pid PID in FILE match the
# regexes in this order (other lines may come between).
inorder() {
	local name=$1 file=$2 pid=$3
	shift 3
	if grep "^\[pid $pid\.[0-9]*\] " "$file" | awk -v n=$# '
		BEGIN { for (i = 1; i < ARGC; i++) re[i] = ARGV[i]; ARGC = 1; k = 1 }
		k <= n && $0 ~ re[k] { k++ }
		END { if (k <= n) { print "missing: " re[k]; exit 1 } }' "$@"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name (pid $pid):"
		sed 's/^/    /' "$file" | head -n 80
	fi
}

built=1
for prog in pipeline forkwrite; do
	if ! "$SYSROOT/wasix-cc" -O1 -o "$TR/$prog.wasm" \
		"$HERE/trace/t_emb_$prog.c" 2>"$OUT/trace-cc.log"; then
		echo "FAIL build trace/t_emb_$prog.c (wasix-cc at $SYSROOT):"
		sed 's/^/    /' "$OUT/trace-cc.log"
		fail=$((fail + 1))
		built=0
	fi
done

if [ $built = 1 ]; then
	cd "$TR" || exit 1
	T=$OUT/trace.log
	# the same program with vfork, in the exceptions flavour (vfork by
	# proc_fork_env): the child execs in a new host process
	if "$SYSROOT/wasix-cc" --flavour=eh -Dfork=vfork -O1 -o "$TR/pipeline_eh.wasm" \
		"$HERE/trace/t_emb_pipeline.c" 2>"$OUT/trace-cc.log"; then
		check trace-vfork 0 '^wasixrt: report: 2 processes$' 'read 17 bytes, child status 7' -- \
			--trace-file "$T" --report --dir .::/ pipeline_eh.wasm
		grep -Eq '^ +2 +1 +exit 7 .*pipeline_eh\.wasm child$' "$OUT/stderr" &&
			pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL trace-vfork-report"; sed 's/^/    /' "$OUT/stderr"; }
		inorder trace-vfork-child "$T" 2 \
			'\+\+\+ vforked from pid 1$' \
			'proc_fork_env\(\) = 0 \(pid=2\)$' \
			'fd_renumber\(6, 1\) = 0$' \
			'proc_exec3\("pipeline_eh.wasm", \["pipeline_eh.wasm", "child"\], .*= <exec: image replaced>$' \
			'\+\+\+ exec pipeline_eh.wasm \["pipeline_eh.wasm", "child"\]$' \
			'fd_write\(1, "hello from child\\n"\) = 0 \(n=17\)$' \
			'\+\+\+ exited with 7$'
		inorder trace-vfork-parent "$T" 1 \
			'fd_pipe\(\) = 0 \(fd=5, fd=6\)$' \
			'proc_exec3\(.*\) = 0 \(made by vfork child 2; its parent resumes\)$' \
			'proc_join\(2, 0\) = 0 \(pid=2, status=exit 7\)$' \
			'\+\+\+ exited with 0$'
	else
		fail=$((fail + 1)); echo "FAIL build pipeline_eh:"; sed 's/^/    /' "$OUT/trace-cc.log"
	fi
	check trace-pipeline 0 '' 'read 17 bytes, child status 7' -- \
		--trace-file "$T" --dir .::/ pipeline.wasm
	# every line whole: "[pid P.T] " then a call or an event
	if [ -s "$T" ] && ! grep -Evq '^\[pid [0-9]+\.[0-9]+\] ([a-z_0-9]+\(.*\)( = .*)?|\+\+\+ .*|--- .*)$' "$T"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL trace-lines-wellformed"; head -n 40 "$T" | sed 's/^/    /'
	fi
	q='\('; Q='\)'
	inorder trace-parent "$T" 1 \
		'args_get\(0x[0-9a-f]+, 0x[0-9a-f]+\) = 0$' \
		'fd_pipe\(\) = 0 \(fd=5, fd=6\)$' \
		'proc_fork\(true\) = 0 \(pid=2\)$' \
		'fd_close\(6\) = 0$' \
		'fd_read\(5, \[1 iov, 64 B\]\) = 0 \(n=17\)$' \
		'fd_close\(5\) = 0$' \
		'proc_join\(2, 0\) = 0 \(pid=2, status=exit 7\)$' \
		'path_open2?\(3, SYMLINK_FOLLOW, "/no/such/file", 0, .*\) = ENOENT$' \
		'fd_write\(1, "read 17 bytes, child status 7\\n".*\) = 0 \(n=30\)$' \
		'\+\+\+ exited with 0$'
	inorder trace-child "$T" 2 \
		'\+\+\+ forked from pid 1$' \
		'proc_fork\(true\) = 0 \(pid=0\)$' \
		'fd_renumber\(6, 1\) = 0$' \
		'fd_close\(5\) = 0$' \
		'fd_close\(6\) = 0$' \
		'proc_exec[34]\("pipeline.wasm", \["pipeline.wasm", "child"\], .*= <exec: image replaced>$' \
		'\+\+\+ exec pipeline.wasm \["pipeline.wasm", "child"\]$' \
		'args_sizes_get\(\) = 0 \(n=2, n=20\)$' \
		'fd_write\(1, "hello from child\\n"\) = 0 \(n=17\)$' \
		'proc_exit2?\(7\)$' \
		'\+\+\+ exited with 7$'
	# WASIXRT_TRACE=1: the same lines on stderr; stdout untouched
	WASIXRT_TRACE=1 timeout 20 "$RT" --dir .::/ pipeline.wasm >"$OUT/stdout" 2>"$OUT/stderr"
	if [ "$(cat "$OUT/stdout")" = 'read 17 bytes, child status 7' ] &&
		grep -q '^\[pid 1\.1\] proc_join(2, 0) = 0 (pid=2, status=exit 7)$' "$OUT/stderr" &&
		grep -q '^\[pid 2\.1\] +++ exited with 7$' "$OUT/stderr"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL trace-env"; head -n 20 "$OUT/stderr" | sed 's/^/    /'
	fi
	# WASIXRT_TRACE=0 and no option: nothing is traced
	check trace-off 0 '' 'read 17 bytes, child status 7' -- --dir .::/ pipeline.wasm
	WASIXRT_TRACE=0 timeout 20 "$RT" --dir .::/ pipeline.wasm >/dev/null 2>"$OUT/stderr"
	[ ! -s "$OUT/stderr" ] && pass=$((pass + 1)) ||
		{ fail=$((fail + 1)); echo "FAIL trace-env-0: stderr not empty"; }
	check trace-file-bad 1 '^wasixrt: --trace-file /nonexistent/dir/t: No such file' '' -- \
		--trace-file /nonexistent/dir/t --dir .::/ pipeline.wasm

	# four processes writing at once: every line whole, none lost; a
	# signal's delivery and the death it causes
	check trace-concurrent 0 '' 'ok' -- --trace-file "$T" --dir .::/ forkwrite.wasm
	n=$(grep -Ec '^\[pid [0-9]+\.1\] fd_write\([0-9]+, "x"\) = 0 \(n=1\)$' "$T")
	bad=$(grep -Evc '^\[pid [0-9]+\.[0-9]+\] ([a-z_0-9]+\(.*\)( = .*)?|\+\+\+ .*|--- .*)$' "$T")
	if [ "$n" = 1200 ] && [ "$bad" = 0 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL trace-concurrent-lines: $n writes traced (want 1200), $bad bad lines"
	fi
	inorder trace-signal-sender "$T" 1 \
		'proc_signal\(5, SIGTERM\) = 0$' \
		'proc_join\(5, 0\) = 0 \(pid=5, status=SIGTERM\)$'
	inorder trace-signal-victim "$T" 5 \
		'\+\+\+ forked from pid 1$' \
		'--- SIGTERM delivered \(default action\)$' \
		'\+\+\+ killed by SIGTERM$'

	# --report: the process tree when the run ends
	check report-pipeline 0 '^wasixrt: report: 2 processes$' 'read 17 bytes, child status 7' -- \
		--report --dir .::/ pipeline.wasm x
	if grep -Eq '^ +1 +0 +exit 0 +[0-9]+\.[0-9]{3} s +[0-9]+\.[0-9] MiB  pipeline\.wasm x$' "$OUT/stderr" &&
		grep -Eq '^ +2 +1 +exit 7 +[0-9]+\.[0-9]{3} s +[0-9]+\.[0-9] MiB    pipeline\.wasm child$' "$OUT/stderr"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL report-pipeline-tree"; sed 's/^/    /' "$OUT/stderr"
	fi
	check report-signal 0 '^wasixrt: report: 5 processes$' 'ok' -- --report --dir .::/ forkwrite.wasm
	if grep -Eq '^ +5 +1 +SIGTERM +[0-9.]+ s' "$OUT/stderr" &&
		grep -Eq '^ +4 +1 +exit 2 ' "$OUT/stderr" &&
		[ "$(grep -Ec '^ +[2-5] +1 ' "$OUT/stderr")" = 4 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL report-signal-tree"; sed 's/^/    /' "$OUT/stderr"
	fi
	check report-off 0 '' 'ok' -- --dir .::/ forkwrite.wasm
	cd "$ROOT" || exit 1
fi

# A trap in a module without a name section: indices, and the hint.
if wat2wasm "$HERE/deep_trap.wat" -o "$OUT/deep_trap_nonames.wasm"; then
	check trap-nonames 134 '^wasixrt: trap: integer divide by zero \(in function #0 at byte offset 0x[0-9a-f]+\) in pid 1, main thread$' '' -- "$OUT/deep_trap_nonames.wasm"
	if grep -q '^    #0 (function 0) at byte offset 0x' "$OUT/stderr" &&
		grep -q '^    #3 _start (function 3) at byte offset 0x' "$OUT/stderr" &&
		grep -q '^    hint: the module has no function names' "$OUT/stderr"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL trap-nonames-hint"; sed 's/^/    /' "$OUT/stderr"
	fi
	# with names, no hint
	"$RT" "$OUT/deep_trap.wasm" 2>"$OUT/stderr"
	! grep -q 'hint:' "$OUT/stderr" && pass=$((pass + 1)) ||
		{ fail=$((fail + 1)); echo "FAIL trap-names-nohint"; }
else
	fail=$((fail + 1)); echo "FAIL assemble deep_trap_nonames"
fi
