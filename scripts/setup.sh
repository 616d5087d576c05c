#!/usr/bin/env bash
# setup.sh - install the Debian packages the tests need, if any is missing.
#
#   clang, lld, wasi-libc, libclang-rt-14-dev-wasm32   build the wasm32-wasi
#                                                      test guests
#   wabt (wast2json)                                   converts the spec suite
#   binaryen (wasm-opt)                                test-module tooling
#   clang-22, lld-22, libclang-rt-22-dev-wasm32         the real WASIX libc's
#                                                      wasix-cc (tests/libc)
#   curl, apache2-utils (ab)                           drive the servers of
#                                                      tests/net, bench/net
#   dpkg-dev, autoconf, automake, patch, tcl, llvm-22  unpack and build the
#                                                      Debian sources of
#                                                      scripts/realworld
#                                                      (make test's subset)
#
# Each package is probed by what the tests use (a command or a file) and,
# failing that, by dpkg.  When everything is there this prints nothing.
# Otherwise, as root, it runs `apt-get update` once and `apt-get install -y`
# for the missing ones; as another user it prints the command to run and
# exits 1.
set -euo pipefail

# Is the thing package $1 provides for us present?
have() {
	case $1 in
	clang) command -v clang >/dev/null 2>&1 ;;
	lld) command -v wasm-ld >/dev/null 2>&1 ;;
	wasi-libc)
		[ -f /usr/include/wasm32-wasi/stdio.h ] ||
			[ -f /usr/share/wasi-sysroot/include/stdio.h ]
		;;
	libclang-rt-14-dev-wasm32)
		compgen -G '/usr/lib/llvm-14/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a' \
			>/dev/null
		;;
	wabt) command -v wast2json >/dev/null 2>&1 ;;
	binaryen) command -v wasm-opt >/dev/null 2>&1 ;;
	clang-22) command -v clang-22 >/dev/null 2>&1 ;;
	lld-22) command -v wasm-ld-22 >/dev/null 2>&1 ;;
	libclang-rt-22-dev-wasm32)
		compgen -G '/usr/lib/llvm-22/lib/clang/*/lib/wasm32-unknown-wasi*/libclang_rt.builtins.a' \
			>/dev/null ||
			compgen -G '/usr/lib/llvm-22/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a' \
				>/dev/null
		;;
	curl) command -v curl >/dev/null 2>&1 ;;
	apache2-utils) command -v ab >/dev/null 2>&1 ;;
	dpkg-dev) command -v dpkg-source >/dev/null 2>&1 ;;
	autoconf) command -v autoreconf >/dev/null 2>&1 ;;
	automake) command -v aclocal >/dev/null 2>&1 ;;
	patch) command -v patch >/dev/null 2>&1 ;;
	tcl) command -v tclsh >/dev/null 2>&1 ;;
	llvm-22) command -v llvm-ar-22 >/dev/null 2>&1 ;;
	*) return 1 ;;
	esac
}

installed() {
	dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed'
}

missing=()
for pkg in clang lld wasi-libc libclang-rt-14-dev-wasm32 wabt binaryen \
	clang-22 lld-22 libclang-rt-22-dev-wasm32 curl apache2-utils \
	dpkg-dev autoconf automake patch tcl llvm-22; do
	if ! have "$pkg" && ! installed "$pkg"; then
		missing+=("$pkg")
	fi
done

if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "setup: missing test tools: ${missing[*]}" >&2
	echo "setup: install them with:" >&2
	echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
	exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
	echo "setup: missing test tools: ${missing[*]}, and no apt-get here" >&2
	exit 1
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
