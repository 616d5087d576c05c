#!/usr/bin/env bash
# setup.sh [test|demo] - install the Debian packages the tests (or only the
# demo) need, if any is missing.
#
#   clang, lld, wasi-libc, libclang-rt-V-dev-wasm32    build the wasm32-wasi
#                                                      test and demo guests
#   libclang-rt-V-dev                                  libFuzzer for make fuzz
#   wabt (wat2wasm, wast2json, wasm-objdump)           test modules, spec suite
#   binaryen (wasm-opt)                                test-module tooling
#   clang-W, lld-W, libclang-rt-W-dev-wasm32           the real WASIX libc's
#                                                      wasix-cc (tests/libc)
#   libc++-W-dev-wasm32, libc++abi-W-dev-wasm32        C++ guests (tests/cxx)
#   curl, apache2-utils (ab), python3                  drive the servers of
#                                                      tests/net, bench/net
#   pkg-config                                         tests/capi builds the
#                                                      examples through it
#   bsdutils (script)                                  the tty tests of
#                                                      tests/libc
#   dpkg-dev, autoconf, automake, patch, tcl, llvm-W   unpack and build the
#                                                      Debian sources of
#                                                      scripts/realworld
#                                                      (make test's subset)
# V is the major version of the installed `clang` (its runtimes must match
# it), W the one wasix-cc runs ($WASIX_CLANG, else the default written in
# wasix-cc, clang-22).  Only when clang is not installed yet is V the one
# the distribution's `clang` package would install (apt-cache).
#
# Each package is probed by what the tests use (a command or a file) and,
# failing that, by dpkg.  When everything is there this prints nothing.
# Otherwise it says what is missing and why before anything is installed;
# as root it then runs `apt-get update` once and `apt-get install -y` for
# the missing ones; as another user it prints the command and exits 1.
set -euo pipefail

what=${1:-test}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SYSROOT=${WASIX_SYSROOT:-$ROOT/../shared/wasix-sysroot}

# The major version of a clang command, or of the clang package apt has.
clang_major() {
	local v
	if command -v "$1" >/dev/null 2>&1; then
		v=$("$1" --version | sed -n 's/.*clang version \([0-9][0-9]*\)\..*/\1/p' | head -n 1)
	elif command -v apt-cache >/dev/null 2>&1; then
		v=$(apt-cache depends clang 2>/dev/null |
			sed -n 's/.*Depends: clang-\([0-9][0-9]*\)$/\1/p' | head -n 1)
	fi
	echo "${v:-}"
}

V=$(clang_major clang)
W=${WASIX_CLANG:-}
if [ -z "$W" ] && [ -f "$SYSROOT/wasix-cc" ]; then
	W=$(sed -n 's/.*\${WASIX_CLANG:-\(clang-[0-9][0-9]*\)}.*/\1/p' "$SYSROOT/wasix-cc" | head -n 1)
fi
W=${W:-clang-22}
WV=${W#clang-}

# Is the thing package $1 provides for us present?
have() {
	case $1 in
	clang) command -v clang >/dev/null 2>&1 ;;
	lld) command -v wasm-ld >/dev/null 2>&1 ;;
	wasi-libc)
		[ -f /usr/include/wasm32-wasi/stdio.h ] ||
			[ -f /usr/share/wasi-sysroot/include/stdio.h ]
		;;
	libclang-rt-"$V"-dev-wasm32)
		compgen -G "/usr/lib/llvm-$V/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a" >/dev/null ||
			compgen -G "/usr/lib/llvm-$V/lib/clang/*/lib/wasm32-unknown-wasi*/libclang_rt.builtins.a" >/dev/null
		;;
	libclang-rt-"$V"-dev)
		compgen -G "/usr/lib/llvm-$V/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a" >/dev/null ||
			compgen -G "/usr/lib/llvm-$V/lib/clang/*/lib/*-linux-gnu/libclang_rt.fuzzer.a" >/dev/null
		;;
	wabt) command -v wat2wasm >/dev/null 2>&1 && command -v wast2json >/dev/null 2>&1 ;;
	binaryen) command -v wasm-opt >/dev/null 2>&1 ;;
	"$W") command -v "$W" >/dev/null 2>&1 ;;
	lld-"$WV") command -v "wasm-ld-$WV" >/dev/null 2>&1 ;;
	libclang-rt-"$WV"-dev-wasm32)
		compgen -G "/usr/lib/llvm-$WV/lib/clang/*/lib/wasm32-unknown-wasi*/libclang_rt.builtins.a" >/dev/null ||
			compgen -G "/usr/lib/llvm-$WV/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a" >/dev/null
		;;
	libc++-"$WV"-dev-wasm32) [ -f "/usr/lib/llvm-$WV/lib/wasm32-wasi/libc++.a" ] ;;
	libc++abi-"$WV"-dev-wasm32) [ -f "/usr/lib/llvm-$WV/lib/wasm32-wasi/libc++abi.a" ] ;;
	curl) command -v curl >/dev/null 2>&1 ;;
	apache2-utils) command -v ab >/dev/null 2>&1 ;;
	python3) command -v python3 >/dev/null 2>&1 ;;
	pkg-config) command -v pkg-config >/dev/null 2>&1 ;;
	bsdutils) command -v script >/dev/null 2>&1 ;;
	dpkg-dev) command -v dpkg-source >/dev/null 2>&1 ;;
	autoconf) command -v autoreconf >/dev/null 2>&1 ;;
	automake) command -v aclocal >/dev/null 2>&1 ;;
	patch) command -v patch >/dev/null 2>&1 ;;
	tcl) command -v tclsh >/dev/null 2>&1 ;;
	llvm-"$WV") command -v "llvm-ar-$WV" >/dev/null 2>&1 ;;
	*) return 1 ;;
	esac
}

installed() {
	dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed'
}

pkgs=(clang lld wasi-libc)
[ -n "$V" ] && pkgs+=("libclang-rt-$V-dev-wasm32")
if [ "$what" != demo ]; then
	[ -n "$V" ] && pkgs+=("libclang-rt-$V-dev")
	pkgs+=(wabt binaryen "$W" "lld-$WV" "libclang-rt-$WV-dev-wasm32"
		"libc++-$WV-dev-wasm32" "libc++abi-$WV-dev-wasm32"
		curl apache2-utils python3 pkg-config bsdutils
		dpkg-dev autoconf automake patch tcl "llvm-$WV")
fi

missing=()
for pkg in "${pkgs[@]}"; do
	if ! have "$pkg" && ! installed "$pkg"; then
		missing+=("$pkg")
	fi
done

if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi

if [ "$what" = demo ]; then
	why="make demo builds its guest programs with clang for wasm32-wasi and needs"
else
	why="the tests need"
fi
echo "setup: $why these Debian packages, not installed: ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then
	echo "setup: install them with:" >&2
	echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
	exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
	echo "setup: no apt-get here: install them by other means" >&2
	exit 1
fi

echo "setup: installing them now with apt-get (running as root)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
if [ -z "$V" ]; then
	# clang came with this run: its runtimes' version is known now.
	exec "$0" "$what"
fi
