#!/usr/bin/env bash
# all.sh [--ci] WASIXRT - everything `make realworld` does: install the
# tools the builds need, fetch the Debian sources, build each package
# both ways (again only when its build recipe, patches or source changed),
# and run the suites (run.sh).  --ci: the bounded subset (dash and lua
# scripts; busybox is built as their coreutils).
set -euo pipefail
ci=0
if [ "${1:-}" = --ci ]; then
	ci=1
	shift
fi
if [ $# -ne 1 ]; then
	echo "usage: $0 [--ci] WASIXRT" >&2
	exit 2
fi
WASIXRT=$1
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RW=$ROOT/build/realworld
start=$(date +%s)

if [ $ci = 1 ]; then
	pkgs=(dash lua5.4 busybox)
	suites=(dash lua)
else
	pkgs=(dash bash lua5.4 sqlite3 busybox)
	suites=(dash bash lua sqlite3 pipe16m busybox)
fi

# The tools the builds need (dpkg-dev, autoconf, automake, tcl, patch,
# llvm-22, binaryen) come with the test tools.
bash "$ROOT/scripts/setup.sh"

bash "$HERE/fetch.sh" "$RW/src" "${pkgs[@]}"

# What a package's build depends on besides its source: the recipe, the
# forced headers, its patches (and busybox's applet list), and for the
# wasm side the WASIX toolchain.  A build is redone when this changes
# (by content: a fresh checkout's file times say nothing).
recipe() { # PKG SIDE
	local f dirs=("$HERE/compat")
	[ -d "$HERE/patches/$1" ] && dirs+=("$HERE/patches/$1")
	{
		cat "$HERE/build.sh"
		find "${dirs[@]}" -type f |
			LC_ALL=C sort | while read -r f; do
				echo "${f#"$HERE"/}"
				cat "$f"
			done
		if [ "$1" = busybox ]; then cat "$HERE/busybox.applets"; fi
		ls "$RW/src/$1" | grep '\.dsc$'
		if [ "$2" = wasm ]; then
			cat "${WASIX_SYSROOT:-$ROOT/../shared/wasix-sysroot}/wasix-cc"
		fi
	} | sha256sum | cut -d' ' -f1
}
for p in "${pkgs[@]}"; do
	for side in native wasm; do
		stamp=$RW/$side/stamp/$p
		sum=$(recipe "$p" "$side")
		if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
			continue
		fi
		bash "$HERE/build.sh" "$side" "$p"
		mkdir -p "$(dirname "$stamp")"
		echo "$sum" >"$stamp"
	done
done
echo "realworld: fetch and builds: $(($(date +%s) - start)) s"

rc=0
bash "$HERE/run.sh" "$WASIXRT" "${suites[@]}" || rc=$?
echo "realworld: total $(($(date +%s) - start)) s"
exit $rc
