# Pipelines of external programs and builtins, exit status of the last.
seq 1 2000 | sort -rn | head -3
printf 'b\na\nc\nb\n' | sort | uniq -c | tr -s ' '
echo one two three | tr ' ' '\n' | wc -l | tr -d ' '
seq 1 100000 | tail -1
false | true; echo "status $?"
true | false; echo "status $?"
seq 1 50 | grep 7 | sed 's/^/n=/' | tr '\n' ' '; echo
yes | head -5 | wc -l | tr -d ' '
echo abc | { read v; echo "read $v"; }
seq 1 10 | while read i; do echo "$((i * i))"; done | tail -2
