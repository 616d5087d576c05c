# Traps: EXIT, signals sent to self and to children, ignored signals.
trap 'echo got USR1' USR1
kill -USR1 $$
echo after usr1
trap 'echo got TERM' TERM
kill -TERM $$
echo after term
trap '' INT
kill -INT $$
echo int ignored
trap - INT
(trap 'echo sub exit' EXIT; echo in sub)
sh_pid=$$
( kill -USR1 $sh_pid )
echo after child signal
trap - TERM
sleep 5 &
p=$!
kill $p
wait $p; st=$?
echo "killed child status $st"
# Set only now: a shell forked for `sleep 5 &` that the kill reaches
# before it execs sleep runs an EXIT trap it inherited (natively too,
# about one run in five), so an earlier trap made the output a race.
trap 'echo exit trap' EXIT
f() { trap 'echo ret in f' USR2; kill -USR2 $$; }
f
