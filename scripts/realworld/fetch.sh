#!/usr/bin/env bash
# fetch.sh OUTDIR PKG... - Debian source packages of PKG into OUTDIR/PKG/,
# through a private apt configuration (OUTDIR/apt/) whose deb-src lines
# name the same suites and mirrors as the system's deb lines; the system's
# apt state is never touched.  A package already unpacked is kept.
# Needs dpkg-dev (dpkg-source); installs it when missing and run as root.
set -euo pipefail
OUT=$1
shift
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

if ! command -v dpkg-source >/dev/null 2>&1; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "realworld: dpkg-source missing: sudo apt-get install -y dpkg-dev" >&2
		exit 1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends dpkg-dev
fi

APT=$OUT/apt
mkdir -p "$APT/lists/partial" "$APT/sources.list.d" "$APT/archives/partial"
# deb-src twins of the system's deb822 "Types: deb" stanzas (bookworm,
# bookworm-updates, bookworm-security on this machine).
src=$APT/sources.list.d/realworld.sources
: >"$src.new"
for f in /etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] || continue
	case $f in *disabled*) continue ;; esac
	awk 'BEGIN { RS=""; ORS="\n\n" }
	     /(^|\n)URIs:[^\n]*debian/ && /(^|\n)Types:[^\n]*deb/ {
		sub(/Types:[^\n]*/, "Types: deb-src"); print }' "$f" >>"$src.new"
done
if [ -f /etc/apt/sources.list ]; then
	grep -E '^deb[[:space:]]+[^[]*debian' /etc/apt/sources.list |
		sed 's/^deb /deb-src /' >"$APT/sources.list" || true
fi
touch "$APT/sources.list"
mv "$src.new" "$src"

aptopt=(-o "Dir::Etc::SourceList=$APT/sources.list"
	-o "Dir::Etc::SourceParts=$APT/sources.list.d"
	-o "Dir::State::Lists=$APT/lists"
	-o "Dir::Cache::Archives=$APT/archives"
	-o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache="
	-o "APT::Sandbox::User=root")

need=()
for p in "$@"; do
	[ -f "$OUT/$p/.unpacked" ] || need+=("$p")
done
[ ${#need[@]} -eq 0 ] && exit 0

# One update a day is plenty.
if [ -z "$(find "$APT/lists" -maxdepth 1 -name '*Sources*' -mmin -1440 2>/dev/null)" ]; then
	apt-get "${aptopt[@]}" -q update
fi
for p in "${need[@]}"; do
	rm -rf "${OUT:?}/$p"
	mkdir -p "$OUT/$p"
	(cd "$OUT/$p" && apt-get "${aptopt[@]}" -q source --download-only "$p" &&
		dpkg-source --no-check -x ./*.dsc src)
	touch "$OUT/$p/.unpacked"
done
