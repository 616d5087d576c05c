# Functions, loops, case, arithmetic, parameter expansion, set -e.
fib() { if [ "$1" -lt 2 ]; then echo "$1"; else a=$(fib $(($1 - 1))); b=$(fib $(($1 - 2))); echo $((a + b)); fi; }
echo "fib $(fib 12)"
s=0; i=0; while [ $i -lt 500 ]; do s=$((s + i)); i=$((i + 1)); done; echo "sum $s"
for f in a.c b.h c.txt; do case $f in *.c) echo "C $f" ;; *.h) echo "H $f" ;; *) echo "? $f" ;; esac; done
v=/usr/local/lib/file.tar.gz
echo "${v##*/} ${v%.*} ${v#/usr} ${#v}"
unset u; echo "${u:-default} ${u-unset}"
set -- a b c; echo "$# $2 $*"
shift; echo "$@"
( set -e; false; echo never ) || echo "set -e stopped"
r=$(( (7 * 6) % 5 << 2 )); echo "arith $r"
count=0; until [ $count -ge 3 ]; do count=$((count + 1)); done; echo "until $count"
