#!/usr/bin/env bash
# build.sh SIDE PKG - build one fetched Debian package (build/realworld/src/
# PKG/src, see fetch.sh) for SIDE: "wasm" with wasix-cc (plain flavour,
# cross --host=wasm32-wasi) or "native" with the host's cc, from a copy of
# the same source with the same patches (scripts/realworld/patches/PKG/).
# The programs land in build/realworld/SIDE/bin/ (busybox's applets as
# links to busybox).  Logs: build/realworld/SIDE/log/PKG.log.
set -euo pipefail
SIDE=$1
PKG=$2
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RW=$ROOT/build/realworld
SYSROOT=${WASIX_SYSROOT:-$ROOT/../shared/wasix-sysroot}
SRC=$RW/src/$PKG/src
B=$RW/$SIDE/build/$PKG
BIN=$RW/$SIDE/bin
LOG=$RW/$SIDE/log/$PKG.log
JOBS=${JOBS:-2}
mkdir -p "$BIN" "$(dirname "$LOG")"

case $SIDE in
wasm)
	CC=$SYSROOT/wasix-cc
	HOSTOPT=(--host=wasm32-wasi --build=x86_64-linux-gnu)
	;;
native)
	CC=${NATIVE_CC:-cc}
	HOSTOPT=()
	;;
*)
	echo "build.sh: SIDE is wasm or native" >&2
	exit 2
	;;
esac
export CC

[ -d "$SRC" ] || {
	echo "build.sh: no source $SRC (run fetch.sh)" >&2
	exit 1
}
rm -rf "$B"
mkdir -p "$(dirname "$B")"
cp -a "$SRC" "$B"
cd "$B"
for p in "$HERE"/patches/"$PKG"/*.patch; do
	[ -f "$p" ] || continue
	patch -s -p1 <"$p"
done

# Debian's patches touch configure.ac and Makefile.am: regenerate.
autoregen() {
	autoreconf -fi >>"$LOG" 2>&1
}

build_dash() {
	autoregen
	./configure "${HOSTOPT[@]}" CC_FOR_BUILD=cc >>"$LOG" 2>&1
	make -j"$JOBS" >>"$LOG" 2>&1
	cp src/dash "$BIN/dash"
}

build_lua5.4() {
	# Lua's own makefile with Debian's build-system patch wants libtool;
	# the interpreter is lua.c plus the core and libraries.
	cd src
	# Debian's rules write this header; its one macro names the lib dir.
	if [ "$SIDE" = wasm ]; then
		echo '#define DEB_HOST_MULTIARCH "wasm32-wasi"' >lua5.4-deb-multiarch.h
	else
		echo '#define DEB_HOST_MULTIARCH "x86_64-linux-gnu"' >lua5.4-deb-multiarch.h
	fi
	# WASIX's setjmp.h has no _setjmp/_longjmp (LUA_USE_POSIX's choice):
	# the plain pair is the same thing there (signal masks are not saved).
	local extra=()
	[ "$SIDE" = wasm ] && extra=(-D_setjmp=setjmp -D_longjmp=longjmp)
	local objs=() f
	for f in l*.c; do
		[ "$f" = luac.c ] || [ "$f" = lua.c ] && continue
		objs+=("$f")
	done
	$CC -O2 -std=gnu99 -DLUA_USE_POSIX "${extra[@]}" -o "$BIN/lua" lua.c "${objs[@]}" -lm \
		>>"$LOG" 2>&1
}

build_sqlite3() {
	# The amalgamation (tclsh generates it), then the shell on top of it.
	local cfg=(--disable-tcl --disable-readline --disable-editline
		--disable-load-extension --enable-threadsafe)
	export CFLAGS="-O2 -DSQLITE_MAX_MMAP_SIZE=0 -DSQLITE_DEFAULT_MMAP_SIZE=0"
	if [ "$SIDE" = wasm ]; then
		# WASIX's fcntl.h has struct flock but no record-lock commands
		# (its fcntl has none): give os_unix.c musl's numbers to compile
		# with; the runs use the unix-none VFS (no locks) on both sides.
		CFLAGS="$CFLAGS -DF_GETLK=5 -DF_SETLK=6 -DF_SETLKW=7 -DF_RDLCK=0 -DF_WRLCK=1 -DF_UNLCK=2"
	fi
	./configure "${HOSTOPT[@]}" BUILD_CC=cc "${cfg[@]}" >>"$LOG" 2>&1
	make -j"$JOBS" BCC=cc CROSS_BUILDING=yes sqlite3.c shell.c >>"$LOG" 2>&1
	$CC $CFLAGS -DHAVE_USLEEP=1 -DSQLITE_THREADSAFE=1 -I. -o "$BIN/sqlite3" \
		shell.c sqlite3.c -lm >>"$LOG" 2>&1
}

build_bash() {
	local cache=()
	if [ "$SIDE" = wasm ]; then
		# What configure cannot run a test program to learn when
		# cross-compiling; values of WASIX's libc (musl).  It has no
		# sigsetjmp: bash then uses setjmp/longjmp.
		cache=(bash_cv_func_sigsetjmp=missing
			bash_cv_getcwd_malloc=yes
			bash_cv_job_control_missing=present
			bash_cv_sys_named_pipes=present
			bash_cv_func_strcoll_broken=no
			bash_cv_printf_a_format=yes
			bash_cv_func_ctype_nonascii=no
			bash_cv_dup2_broken=no
			bash_cv_pgrp_pipe=no
			bash_cv_must_reinstall_sighandlers=no
			bash_cv_wcwidth_broken=no
			bash_cv_unusable_rtsigs=no
			bash_cv_opendir_not_robust=no
			bash_cv_ulimit_maxfds=yes
			bash_cv_getenv_redef=no
			bash_cv_sys_siglist=no
			bash_cv_under_sys_siglist=no
			bash_cv_wexitstatus_offset=8
			bash_cv_fnmatch_equiv_fallback=no
			ac_cv_func_mmap_fixed_mapped=no
			ac_cv_rl_version=8.2
			# bash 5.2's test is inverted: "yes" adds its own
			# strtoimax, which clashes with musl's strtol.o.
			bash_cv_func_strtoimax=no)
	fi
	# No readline (the runs are not interactive; for WASIX it would need
	# bash's bundled termcap, whose globals clash with readline's there).
	local cflags="-g -O2"
	[ "$SIDE" = wasm ] && cflags="$cflags -include $HERE/compat/wasix-enosys.h"
	./configure "${HOSTOPT[@]}" CC_FOR_BUILD=cc --without-bash-malloc \
		--disable-nls --enable-job-control --disable-readline \
		--disable-history "${cache[@]}" >>"$LOG" 2>&1
	# The forced header only at make time: in configure's probes its
	# declarations would clash with autoconf's dummy prototypes.
	make -j"$JOBS" CFLAGS="$cflags" bash >>"$LOG" 2>&1
	if [ "$SIDE" = wasm ]; then
		# bash calls cleanup functions of several types through one
		# pointer type (unwind_prot.c: close, xfree, pop_context...),
		# which native ABIs tolerate and wasm's typed call_indirect
		# traps on.  binaryen's function-pointer-cast emulation gives
		# every indirect call one shape (as emscripten does for such
		# code); -g keeps the name section.
		wasm-opt -g --enable-threads --enable-bulk-memory \
			--enable-mutable-globals --enable-sign-ext \
			--enable-nontrapping-float-to-int --fpcast-emu \
			bash -o "$BIN/bash" >>"$LOG" 2>&1
	else
		cp bash "$BIN/bash"
	fi
}

build_busybox() {
	local cross=()
	# WASIX: libbb's missing declarations come from a forced header
	# (compat/busybox-wasix.h); the partial links (ld -r) go through
	# clang without wasix-cc's --shared-memory, which -r refuses.
	[ "$SIDE" = wasm ] && cross=(CC="$CC" HOSTCC=cc AR=llvm-ar-22
		LD="clang-22 --target=wasm32-wasip1"
		EXTRA_CFLAGS="-I$HERE/compat -include $HERE/compat/busybox-wasix.h")
	make "${cross[@]}" allnoconfig >>"$LOG" 2>&1
	local c
	for c in $(grep -v '^#' "$HERE/busybox.applets"); do
		sed -i "/^# ${c%%=*} is not set\$/d" .config
		echo "$c" >>.config
	done
	{ yes '' || :; } | make "${cross[@]}" oldconfig >>"$LOG" 2>&1
	make -j"$JOBS" "${cross[@]}" busybox_unstripped >>"$LOG" 2>&1
	cp busybox_unstripped "$BIN/busybox"
	# One link per applet, as busybox --install -s would make.
	local a
	rm -f "$BIN/["
	for a in $(grep -v '^#' "$HERE/busybox.applets" |
		sed -n 's/^CONFIG_\([A-Z0-9]*\)=y$/\1/p' | tr A-Z a-z); do
		[ -e "$BIN/$a" ] && continue
		grep -q "^CONFIG_${a^^}=y" .config || continue
		case $a in test1 | test2 | lfs | busybox | long_opts) continue ;; esac
		ln -s busybox "$BIN/$a"
	done
	ln -sf busybox "$BIN/["
}

: >"$LOG"
start=$(date +%s)
# set -e does not reach into a function called as a condition: run it
# plainly, and report a failure from the ERR trap.
set -E
trap 'echo "realworld: FAILED to build $PKG ($SIDE); log: $LOG" >&2; tail -20 "$LOG" >&2' ERR
"build_$PKG"
trap - ERR
echo "realworld: built $PKG ($SIDE) in $(($(date +%s) - start)) s"
