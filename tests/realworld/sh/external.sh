# External programs started from the shell: exec, PATH search, env, status.
env -i FOO=bar env | sort
( exec echo exec-replaced )
sh_status() { "$@"; echo "status $?"; }
sh_status true
sh_status false
sh_status test 3 -gt 2
no-such-program-xyz 2>/dev/null; echo "missing $?"
X=local sh -c 'echo "child sees $X"'
sh -c 'exit 9'; echo "sh exit $?"
printf '%s-%d\n' abc 42
echo "a b c" | awk '{ print $2, NF }'
echo data >"$TMP/f1"; cp "$TMP/f1" "$TMP/f2"; mv "$TMP/f2" "$TMP/f3"; ls "$TMP" | grep '^f' | tr '\n' ' '; echo
rm -f "$TMP/f1" "$TMP/f3"; ls "$TMP" | grep '^f' | wc -l | tr -d ' '
