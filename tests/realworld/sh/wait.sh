# Background jobs and wait: statuses, order, $!, many children.
(sleep 1; exit 3) &
p1=$!
(exit 5) &
p2=$!
wait $p2; echo "p2 $?"
wait $p1; echo "p1 $?"
for i in 1 2 3 4 5 6 7 8; do (echo "job $i" >"$TMP/job.$i") & done
wait
cat "$TMP"/job.* | sort | tr '\n' ' '; echo
sleep 1 & sleep 1 & wait; echo "all waited $?"
{ echo bg-group; } >"$TMP/bg.out" & wait $!; cat "$TMP/bg.out"
true & wait $!; echo "true $?"
false & wait $!; echo "false $?"
