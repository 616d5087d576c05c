# Subshells: variables do not leak, exit statuses, nesting, cd.
x=outer
(x=inner; echo "in $x")
echo "out $x"
(exit 7); echo "status $?"
( (exit 3) ); echo "nested $?"
(cd "$TMP"; pwd | sed "s|^$TMP|TMP|")
( echo a; ( echo b; ( echo c ) ) ) | tr '\n' ' '; echo
v=$( (echo deep) ); echo "$v"
{ echo grouped; echo twice; } | wc -l | tr -d ' '
f() { (return 5); echo "f $?"; }; f
