/*
 * validate.h - a fast, validation-only check of function bodies (spec 3.3)
 * for load time, in front of the compiler's own validation.
 *
 * The check only ever answers "valid" or "not shown valid".  It covers the
 * instructions that make up nearly all real code (control flow, locals,
 * globals, calls, constants, numeric and memory instructions) and gives up
 * on anything else, and on every error.  The compiler (compile.c) stays
 * the authority: a body the check does not accept is validated again by
 * it, which either accepts it or reports the error with its usual message.
 * So this checker must never accept an invalid body, but may reject a
 * valid one at the cost of time only.
 */
#ifndef WX_VALIDATE_H
#define WX_VALIDATE_H

#include "../core/module.h"

struct wx_vctrl;

/* Scratch stacks, reused from body to body (one per thread). */
struct wx_vstate {
	uint8_t *vals;
	uint32_t vals_cap;
	struct wx_vctrl *ctrls;
	uint32_t ctrls_cap;
	uint8_t *locals; /* the body's params and locals, in one array */
	uint32_t locals_cap;
};

/* Whether defined function `funcidx` of `m` is valid; false also when
 * this checker cannot tell (see above) or runs out of memory. */
bool wx_validate_fast(struct wx_vstate *v, const struct wx_module *m,
		      uint32_t funcidx);
void wx_vstate_fini(struct wx_vstate *v);

#endif
