/*
 * test_regress.c - modules that once made the validator or the compiler
 * read out of bounds or compute undefined pointers (regress_modules.h):
 * each must load (all are valid), pass the compiler's own validation and
 * compile with emission on, under the unit build's sanitizers.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/compile.h"
#include "interp/compile_int.h"
#include "regress_modules.h"
#include "runtime/runtime.h"

/* Loading (the load-time validation, fast check then compiler) accepts
 * the module; the compiler alone accepts function 0, validating and
 * then emitting. */
static bool loads_and_compiles(const uint8_t *mod, size_t n)
{
	struct wx_report r = {0};
	struct wx_module *m = NULL;
	struct compiler c;
	bool ok = true;

	if (wx_module_load(mod, n, &m, &r) != 0) {
		printf("  load: %s\n", r.set ? r.msg : "?");
		return false;
	}
	memset(&c, 0, sizeof(c));
	memset(&r, 0, sizeof(r));
	c.m = m;
	c.r = &r;
	if (wxc_validate_function(&c, 0) != 0) {
		printf("  validate: %s\n", r.set ? r.msg : "?");
		ok = false;
	}
	wxc_compiler_fini(&c);
	if (wx_compile_lazy(m, 0) == NULL) {
		printf("  translation failed\n");
		ok = false;
	}
	wx_module_destroy(m);
	return ok;
}

/* Issue #12.1: heights around each capacity the operand stack grows to,
 * so that the re-pushed arguments of call_indirect start at, just below
 * and just past the array's end. */
WX_TEST(regress_call_indirect_8_params_in_unreachable_code)
{
	static const uint32_t heights[] = {0, 1, 7, 8, 9, 15, 16, 17,
					   24, 31, 32, 33, 63, 64, 65};
	uint8_t mod[WX_REGRESS_MAX];
	size_t i;
	for (i = 0; i < sizeof(heights) / sizeof(heights[0]); i++) {
		size_t n = wx_regress_callind_unreachable(mod, heights[i]);
		bool ok = loads_and_compiles(mod, n);
		if (!ok)
			printf("  at height %u\n", heights[i]);
		CHECK(ok);
	}
}

/* Issue #12.2. */
WX_TEST(regress_body_of_memory_size_only)
{
	uint8_t mod[WX_REGRESS_MAX];
	size_t n = wx_regress_memsize_only(mod);
	CHECK(loads_and_compiles(mod, n));
}
