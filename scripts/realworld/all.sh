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

# Tools: dpkg-source unpacks, autoreconf regenerates what Debian's
# patches touch, tclsh makes sqlite3's amalgamation.
missing=()
command -v dpkg-source >/dev/null || missing+=(dpkg-dev)
command -v autoreconf >/dev/null || missing+=(autoconf)
command -v aclocal >/dev/null || missing+=(automake)
command -v tclsh >/dev/null || missing+=(tcl)
command -v patch >/dev/null || missing+=(patch)
command -v llvm-ar-22 >/dev/null || missing+=(llvm-22)
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "realworld: missing tools: sudo apt-get install -y ${missing[*]}" >&2
		exit 1
	fi
	echo "realworld: installing ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
		"${missing[@]}" >/dev/null
fi
bash "$ROOT/scripts/setup.sh"

bash "$HERE/fetch.sh" "$RW/src" "${pkgs[@]}"

for p in "${pkgs[@]}"; do
	for side in native wasm; do
		stamp=$RW/$side/stamp/$p
		if [ -f "$stamp" ] &&
			[ -z "$(find "$HERE/build.sh" "$HERE/busybox.applets" \
				"$HERE/compat" "$HERE/patches" "$RW/src/$p/.unpacked" \
				-newer "$stamp" 2>/dev/null | head -1)" ]; then
			continue
		fi
		bash "$HERE/build.sh" "$side" "$p"
		mkdir -p "$(dirname "$stamp")"
		touch "$stamp"
	done
done
echo "realworld: fetch and builds: $(($(date +%s) - start)) s"

rc=0
bash "$HERE/run.sh" "$WASIXRT" "${suites[@]}" || rc=$?
echo "realworld: total $(($(date +%s) - start)) s"
exit $rc
