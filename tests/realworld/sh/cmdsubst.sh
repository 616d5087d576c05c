# Command substitution: builtins, externals, nesting, trailing newlines.
a=$(echo hello)
b=`echo world`
echo "$a $b"
n=$(seq 1 100 | wc -l | tr -d ' '); echo "n=$n"
c=$(echo "$(echo "$(echo nested)")"); echo "$c"
d=$(printf 'x\n\n\n'); echo "[$d]"
e=$(exit 4); echo "status $?"
big=$(seq 1 20000 | tr -d '\n' | wc -c | tr -d ' '); echo "big=$big"
for w in $(echo one two three); do echo "w=$w"; done
echo "sum $(($(echo 20) + $(echo 22)))"
