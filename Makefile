# wasixrt build.  The targets are the interface (README):
#   make          build/wasixrt, build/libwasixrt.a and .so (optimised)
#   make install  PREFIX=/usr/local DESTDIR=: CLI, libraries, wasixrt.h,
#                 wasixrt.pc, wasixrt.1 (scripts/install.sh)
#   make test     install missing test tools, then every test, under ASan+UBSan
#                 (and the thread tests under ThreadSanitizer too)
#   make spec     the WebAssembly spec suite alone (optimised build)
#   make bench    the benchmarks (bench/)
#   make soak     1,000 keep-alive connections to a guest server (bench/net)
# Two build trees: build/ (release) and build/san/ (sanitizers); objects of
# each go below them, mirroring the source tree.

CC      ?= cc
# -ffp-contract=off: wasm rounds every float operation separately, so the C
# compiler must never fuse a mul and an add of the guest into an FMA.
# -fno-math-errno: nothing reads errno after a math function; with it,
# sqrt is the bare instruction instead of a call into libm for negative
# inputs (which only sets errno).
CSTD    := -std=gnu11 -ffp-contract=off -fno-math-errno
WARN    := -Wall -Wextra -Wshadow -Wmissing-prototypes -Wstrict-prototypes \
           -Wno-unused-parameter
CPPFLAGS_ALL := -Iinclude -Isrc -MMD -MP -D_GNU_SOURCE
OPT     := -O2 -g
SANFLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined \
            -fno-omit-frame-pointer
TSANFLAGS := -O1 -g -fsanitize=thread -fno-omit-frame-pointer -Wno-tsan
LDLIBS  := -lpthread -lm
# -z now: resolve every library symbol at startup.  With lazy binding a
# forked child runs the dynamic linker for each function its parent never
# called (_exit above all), and its symbol lookups and GOT writes fault in
# pages that fork left unmapped or read-only: about 9 page faults per fork
# (perf record -e page-faults), 3-4 us each on this machine.
# --as-needed: the runtime itself needs nothing from libm (interp's
# nearest and sqrt are inline), and a library loaded for nothing is five
# more mappings for every fork to duplicate.
LDFLAGS_ALL := -Wl,-z,now -Wl,--as-needed

LIB_SRC := $(sort $(wildcard src/*/*.c src/*/*/*.c))
CLI_SRC := $(wildcard cli/*.c)
UNIT_SRC := $(wildcard tests/unit/*.c)
SPEC_SRC := $(wildcard tests/spec/*.c)

REL := build
SAN := build/san
TSAN := build/tsan

obj = $(patsubst %.c,$(1)/obj/%.o,$(2))

LIB_REL := $(call obj,$(REL),$(LIB_SRC))
LIB_SAN := $(call obj,$(SAN),$(LIB_SRC))
LIB_TSAN := $(call obj,$(TSAN),$(LIB_SRC))

.PHONY: all test spec bench clean setup unit difftest demo libctest cxxtest realworld \
	realworld-ci install soak test-native
all: $(REL)/wasixrt $(REL)/libwasixrt.a $(REL)/libwasixrt.so

# The library exports include/wasixrt.h alone (WASIXRT_API marks it); the
# release objects are PIC so that one set serves the .a and the .so.
LIBFLAGS := -fvisibility=hidden
$(LIB_REL): LIBFLAGS += -fPIC
# Objects built before these flags existed must be rebuilt, not linked.
$(LIB_REL): $(REL)/.libflags
$(REL)/.libflags: FORCE
	@mkdir -p $(@D) && echo '$(LIBFLAGS) -fPIC' | cmp -s - $@ || \
		echo '$(LIBFLAGS) -fPIC' >$@
.PHONY: FORCE
SOVER := 0
PREFIX ?= /usr/local

$(REL)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(OPT) $(LIBFLAGS) $(CPPFLAGS_ALL) $(CFLAGS) -c $< -o $@

$(SAN)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(SANFLAGS) $(LIBFLAGS) $(CPPFLAGS_ALL) $(CFLAGS) -c $< -o $@

$(TSAN)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(TSANFLAGS) $(LIBFLAGS) $(CPPFLAGS_ALL) $(CFLAGS) -c $< -o $@

$(TSAN)/libwasixrt.a: $(LIB_TSAN)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(TSAN)/wasixrt: $(call obj,$(TSAN),$(CLI_SRC)) $(TSAN)/libwasixrt.a
	$(CC) $(TSANFLAGS) $(LDFLAGS_ALL) $^ $(LDLIBS) -o $@

$(REL)/libwasixrt.a: $(LIB_REL)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(REL)/libwasixrt.so: $(LIB_REL)
	$(CC) -shared -Wl,-soname,libwasixrt.so.$(SOVER) $(LDFLAGS_ALL) $^ \
		$(LDLIBS) -o $@.$(SOVER) && ln -sf libwasixrt.so.$(SOVER) $@

install: all
	@bash scripts/install.sh "$(DESTDIR)" "$(PREFIX)" $(REL) $(SOVER)

$(SAN)/libwasixrt.a: $(LIB_SAN)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(REL)/wasixrt: $(call obj,$(REL),$(CLI_SRC)) $(REL)/libwasixrt.a
	$(CC) $(OPT) $(LDFLAGS_ALL) $^ $(LDLIBS) -o $@

$(SAN)/wasixrt: $(call obj,$(SAN),$(CLI_SRC)) $(SAN)/libwasixrt.a
	$(CC) $(SANFLAGS) $(LDFLAGS_ALL) $^ $(LDLIBS) -o $@

$(REL)/spec_runner: $(call obj,$(REL),$(SPEC_SRC)) $(REL)/libwasixrt.a
	$(CC) $(OPT) $(LDFLAGS_ALL) $^ $(LDLIBS) -o $@

$(SAN)/spec_runner: $(call obj,$(SAN),$(SPEC_SRC)) $(SAN)/libwasixrt.a
	$(CC) $(SANFLAGS) $(LDFLAGS_ALL) $^ $(LDLIBS) -o $@

$(SAN)/unit_tests: $(call obj,$(SAN),$(UNIT_SRC)) $(SAN)/libwasixrt.a
	$(CC) $(SANFLAGS) $(LDFLAGS_ALL) $^ $(LDLIBS) -o $@

setup:
	@bash scripts/setup.sh

unit: $(SAN)/unit_tests
	$(SAN)/unit_tests

spec: $(REL)/spec_runner
	@bash tests/spec/run.sh $(REL)/spec_runner

difftest: $(SAN)/wasixrt
	@bash tests/diff/run.sh $(SAN)/wasixrt

# The real-libc suite alone (tests/libc), on the sanitizer build, in the
# three flavours of wasix-libc.
libctest: setup $(SAN)/wasixrt
	@bash tests/libc/run.sh $(SAN)/wasixrt
	@WASIX_FLAVOUR=eh bash tests/libc/run.sh $(SAN)/wasixrt
	@WASIX_FLAVOUR=exnref bash tests/libc/run.sh $(SAN)/wasixrt

# C++ exceptions, SIMD and tail calls as clang-22 builds them (tests/cxx).
cxxtest: setup $(SAN)/wasixrt
	@bash tests/cxx/run.sh $(SAN)/wasixrt

# The three builds go in parallel over the online CPUs (the suites after
# them run one at a time).
NPROC := $(shell nproc 2>/dev/null || echo 2)
test: setup
	$(MAKE) -j$(NPROC) all $(SAN)/wasixrt $(SAN)/spec_runner \
		$(SAN)/unit_tests $(TSAN)/wasixrt
	$(SAN)/unit_tests
	bash tests/spec/run.sh $(SAN)/spec_runner
	bash tests/interp/run.sh $(SAN)/spec_runner
	bash tests/diff/run.sh $(SAN)/wasixrt
	bash tests/wasi/run.sh $(SAN)/wasixrt
	bash tests/cli/run.sh $(SAN)/wasixrt
	bash tests/capi/run.sh $(REL) $(SAN)
	bash tests/wasix/run.sh $(SAN)/wasixrt
	bash tests/libc/run.sh $(SAN)/wasixrt
	WASIX_FLAVOUR=eh bash tests/libc/run.sh $(SAN)/wasixrt
	WASIX_FLAVOUR=exnref bash tests/libc/run.sh $(SAN)/wasixrt
	bash tests/cxx/run.sh $(SAN)/wasixrt
	bash tests/net/run.sh $(SAN)/wasixrt
	bash tests/signals/run.sh $(SAN)/wasixrt
	bash tests/lifetime/run.sh $(SAN)/wasixrt
	WX_ASAN=1 bash tests/threads/run.sh $(SAN)/wasixrt
	bash tests/threads/run.sh $(TSAN)/wasixrt
	bash tests/threads/run.sh $(REL)/wasixrt
	bash tests/abi/run.sh $(SAN)/wasixrt
	bash tests/abi/run.sh $(TSAN)/wasixrt
	bash tests/native/run.sh --ci $(SAN)
	bash scripts/realworld/all.sh --ci $(REL)/wasixrt
	$(MAKE) -j$(NPROC) fuzz-smoke

# The native tier's whole run: the spec files of numbers, memory, control
# and calls, diff and real-libc suites, all compiled by $(CC) (tests/native).
test-native: setup
	$(MAKE) -j$(NPROC) $(REL)/wasixrt $(REL)/spec_runner
	bash tests/native/run.sh $(REL)

# Debian's dash, bash, lua5.4, sqlite3 and busybox, fetched, built with
# wasix-cc and natively, and run under wasixrt against native
# (scripts/realworld); realworld-ci is the bounded subset (dash, lua),
# which make test runs.
realworld: $(REL)/wasixrt
	@bash scripts/realworld/all.sh $(REL)/wasixrt

realworld-ci: $(REL)/wasixrt
	@bash scripts/realworld/all.sh --ci $(REL)/wasixrt

demo: all
	@bash scripts/setup.sh demo
	@bash examples/run_demo.sh

bench: all
	@bash bench/run.sh
	@bash bench/simd/run.sh
	@bash bench/fork/run.sh
	@bash bench/net/run.sh
	@bash bench/net/net_soak.sh

# 1,000 concurrent keep-alive connections to the guest HTTP server: 0
# errors, flat memory (bench/net/net_soak.sh; part of make bench).
soak: $(REL)/wasixrt
	@bash bench/net/net_soak.sh

clean:
	rm -rf build

include tests/fuzz/fuzz.mk

# build/realworld holds fetched Debian sources: their .d files are not ours.
-include $(shell find build -path build/realworld -prune -o -name '*.d' -type f -print 2>/dev/null)
