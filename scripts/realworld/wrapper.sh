#!/bin/bash
# wrapper.sh (installed by busybox_testsuite.sh as bindir/busybox, with
# @WASIXRT@ and @RW@ filled in): run the busybox applet named by $0 under
# wasixrt, with the caller's environment, stdin/stdout/stderr and working
# directory (--cwd; build/realworld, /tmp and /dev are mapped at their
# host paths).
W=@WASIXRT@
RW=@RW@
app=${0##*/}
args=(run --dir "$RW::$RW" --dir /dev::/dev --dir /tmp::/tmp
	--dir "$RW/wasm/bin::/bin" --cwd "$PWD")
# Builtins and absolute paths only: PATH holds links to this very
# wrapper (env, cat, timeout, ...).
for k in $(compgen -e); do
	case $k in
	PATH | _ | BASH_FUNC_* | SHLVL | OLDPWD) ;;
	*) args+=(--env "$k=${!k}") ;;
	esac
done
args+=(--env "PATH=$RW/wasm/bin")
# The guest's argv[0] ends in the applet name: busybox picks it from there.
# A bound per applet run (the testsuite as a whole has one too): a few
# cases compute for seconds natively, which the interpreter takes minutes
# for (bc parsing of numbers); they fail on time, the rest goes on.
# argv[0] is the module path: for a name that is no applet link
# (busybox.tests runs busybox as busybox-suffix), make one.
prog=$RW/wasm/bin/$app
if [ ! -e "$prog" ]; then
	mkdir -p "$RW/wasm/names"
	ln -sf "$RW/wasm/bin/busybox" "$RW/wasm/names/$app"
	prog=$RW/wasm/names/$app
fi
exec /usr/bin/timeout "${RW_APPLET_TIMEOUT:-120}" "$W" "${args[@]}" "$prog" "$@"
