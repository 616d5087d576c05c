# Redirections: files, append, fd duplication, closing, stderr, /dev/null.
echo first >"$TMP/r.txt"
echo second >>"$TMP/r.txt"
cat "$TMP/r.txt"
echo to-null >/dev/null
echo "null ok"
echo err >&2 2>/dev/null
{ echo out; echo err >&2; } 2>"$TMP/e.txt" >"$TMP/o.txt"
echo "o=$(cat "$TMP/o.txt") e=$(cat "$TMP/e.txt")"
exec 3>"$TMP/fd3.txt"
echo via3 >&3
exec 3>&-
cat "$TMP/fd3.txt"
exec 4<"$TMP/r.txt"
read l1 <&4; read l2 <&4
exec 4<&-
echo "$l1 $l2"
ls /nonexistent-dir 2>/dev/null || echo "ls failed quietly"
echo both 2>&1 | cat
x=$( { echo e1 >&2; } 2>&1 ); echo "captured $x"
wc -c <"$TMP/r.txt" | tr -d ' '
cat <"$TMP/r.txt" >"$TMP/copy.txt"; cmp "$TMP/r.txt" "$TMP/copy.txt" && echo same
echo x >"$TMP/ro"; : <>"$TMP/rw"; echo "rw ok"
