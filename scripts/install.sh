#!/usr/bin/env bash
# install.sh - `make install`: copy the CLI, the libraries, the header, a
# pkg-config file and the man page below DESTDIR/PREFIX.
#
#   install.sh DESTDIR PREFIX BUILDDIR SOVER
#
# The .pc file names PREFIX (not DESTDIR), as packagers expect: DESTDIR is
# a staging root, PREFIX is where the files will finally live.
set -euo pipefail

destdir=$1 prefix=$2 build=$3 sover=$4
version=$(sed -n 's/^#define WASIXRT_VERSION "\(.*\)"/\1/p' include/wasixrt.h)
root=$destdir$prefix

case $prefix in
/*) ;;
*) echo "install.sh: PREFIX must be an absolute path, not '$prefix'" >&2; exit 2 ;;
esac

install -d "$root/bin" "$root/lib/pkgconfig" "$root/include/wasixrt" \
	"$root/share/man/man1"
install -m 755 "$build/wasixrt" "$root/bin/wasixrt"
install -m 644 "$build/libwasixrt.a" "$root/lib/libwasixrt.a"
install -m 755 "$build/libwasixrt.so.$sover" "$root/lib/libwasixrt.so.$sover"
ln -sf "libwasixrt.so.$sover" "$root/lib/libwasixrt.so"
install -m 644 include/wasixrt.h "$root/include/wasixrt.h"
# The standard C API's header under a directory of its own, so that it
# never replaces another runtime's include/wasm.h (pkg-config adds it).
install -m 644 include/wasm.h "$root/include/wasixrt/wasm.h"
install -m 644 docs/wasixrt.1 "$root/share/man/man1/wasixrt.1"
cat >"$root/lib/pkgconfig/wasixrt.pc" <<PC
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: wasixrt
Description: WebAssembly runtime for WASI and WASIX programs
Version: $version
Libs: -L\${libdir} -lwasixrt
Libs.private: -lpthread
Cflags: -I\${includedir} -I\${includedir}/wasixrt
PC
