# tests/fuzz/fuzz.mk - libFuzzer harnesses (included by the Makefile).
#
#   make fuzz         each harness for FUZZ_SECONDS (default 300), one after
#                     the other, on the growing corpora in build/fuzz/corpus
#   make fuzz-smoke   the clang-sanitizer unit tests, then each harness for
#                     FUZZ_SMOKE_SECONDS (default 20) from the seeds
#
# Built with clang: -fsanitize=fuzzer,address,undefined (clang's UBSan
# sees things gcc's does not: the unit tests run here again).  Crashes are
# written to build/fuzz/artifacts/.  Seeds: tests/fuzz/seeds.sh.

FUZZ_CC ?= clang
FUZZ := build/fuzz
FUZZ_SECONDS ?= 300
FUZZ_SMOKE_SECONDS ?= 20
FUZZ_SAN := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -Wno-array-bounds \
            -fno-omit-frame-pointer
FUZZ_HARNESSES := fuzz_decode fuzz_run fuzz_hostcall
LIB_FUZZ := $(call obj,$(FUZZ),$(LIB_SRC))
# Options for every harness run: a hung input (no progress for 30 s) and
# memory past 2.5 GiB are findings, not waits.
FUZZ_OPTS := -timeout=30 -rss_limit_mb=2560 -max_len=65536 -print_final_stats=1

FUZZ_COV := -fsanitize=fuzzer-no-link
# The interpreter's dispatch function is one huge computed-goto body:
# with coverage and UBSan instrumentation, clang takes tens of minutes on
# it.  Here it has ASan only and no coverage feedback (the compiler,
# which decides what code it runs, has both; the gcc sanitizer build of
# make test runs it under UBSan).
$(FUZZ)/obj/src/interp/interp.o: FUZZ_COV := -fno-sanitize=undefined

$(FUZZ)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CSTD) $(WARN) $(FUZZ_SAN) $(FUZZ_COV) \
		$(CPPFLAGS_ALL) -c $< -o $@

$(FUZZ)/libwasixrt.a: $(LIB_FUZZ)
	rm -f $@ && ar rcs $@ $^

$(FUZZ)/fuzz_%: $(FUZZ)/obj/tests/fuzz/fuzz_%.o $(FUZZ)/libwasixrt.a
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer $^ $(LDLIBS) -o $@

$(FUZZ)/unit_tests: $(call obj,$(FUZZ),$(UNIT_SRC)) $(FUZZ)/libwasixrt.a
	$(FUZZ_CC) $(FUZZ_SAN) $^ $(LDLIBS) -o $@

$(FUZZ)/gen_seeds: tests/fuzz/gen_seeds.c tests/unit/regress_modules.h
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O1 $< -o $@

$(FUZZ)/seeds/.done: tests/fuzz/seeds.sh $(FUZZ)/gen_seeds
	bash tests/fuzz/seeds.sh $(FUZZ)/seeds $(FUZZ)/gen_seeds
	touch $@

# The corpus of a harness: module inputs for decode and run, host-call
# inputs for hostcall.
fuzz_seed_dir = $(FUZZ)/seeds/$(if $(filter fuzz_hostcall,$(1)),hostcall,module)

.PHONY: fuzz fuzz-smoke fuzz-build
fuzz-build: setup $(addprefix $(FUZZ)/,$(FUZZ_HARNESSES)) $(FUZZ)/unit_tests \
	$(FUZZ)/seeds/.done

fuzz: fuzz-build
	@mkdir -p $(FUZZ)/artifacts
	@set -e; for h in $(FUZZ_HARNESSES); do \
		seeds=$(FUZZ)/seeds/module; \
		[ $$h = fuzz_hostcall ] && seeds=$(FUZZ)/seeds/hostcall; \
		mkdir -p $(FUZZ)/corpus/$$h; \
		echo "== $$h: $(FUZZ_SECONDS) s"; \
		st=0; $(FUZZ)/$$h $(FUZZ_OPTS) -max_total_time=$(FUZZ_SECONDS) \
			-artifact_prefix=$(FUZZ)/artifacts/$$h- \
			$(FUZZ)/corpus/$$h $$seeds >$(FUZZ)/$$h.log 2>&1 || st=$$?; \
		grep -E '^(stat::|==|SUMMARY|Done)|ERROR|runtime error' \
			$(FUZZ)/$$h.log || true; \
		test $$st -eq 0; \
	done

fuzz-smoke: fuzz-build
	$(FUZZ)/unit_tests
	@mkdir -p $(FUZZ)/artifacts
	@set -e; for h in $(FUZZ_HARNESSES); do \
		seeds=$(FUZZ)/seeds/module; \
		[ $$h = fuzz_hostcall ] && seeds=$(FUZZ)/seeds/hostcall; \
		rm -rf $(FUZZ)/smoke/$$h; mkdir -p $(FUZZ)/smoke/$$h; \
		$(FUZZ)/$$h $(FUZZ_OPTS) -max_total_time=$(FUZZ_SMOKE_SECONDS) \
			-artifact_prefix=$(FUZZ)/artifacts/$$h- \
			$(FUZZ)/smoke/$$h $$seeds >$(FUZZ)/smoke/$$h.log 2>&1 || \
			{ tail -40 $(FUZZ)/smoke/$$h.log; \
			  echo "fuzz-smoke: $$h FAILED"; exit 1; }; \
		echo "fuzz-smoke: $$h $$(grep -o 'stat::number_of_executed_units: [0-9]*' \
			$(FUZZ)/smoke/$$h.log | grep -o '[0-9]*$$') runs, no finding"; \
	done
