#!/usr/bin/env bash
# wrapper.sh (installed by busybox_testsuite.sh as bindir/busybox, with
# @WASIXRT@ and @RW@ filled in): run the busybox applet named by $0 under
# wasixrt, with the caller's environment, stdin/stdout/stderr and working
# directory.  The guest starts in "/", so the wasm dash changes to the
# directory and execs the applet.
W=@WASIXRT@
RW=@RW@
app=${0##*/}
args=(run --dir "$RW::$RW" --dir /dev::/dev --dir /tmp::/tmp --dir "$RW/wasm/bin::/bin")
while IFS= read -r -d '' kv; do
	case $kv in
	PATH=* | _=* | BASH_FUNC_*) ;;
	*) args+=(--env "$kv") ;;
	esac
done < <(env -0)
args+=(--env "PATH=$RW/wasm/bin")
exec "$W" "${args[@]}" "$RW/wasm/bin/dash" -c 'cd "$0" && exec "$@"' \
	"$PWD" "$app" "$@"
