/*
 * engine.c - what the interpreter gives the runtime (struct wx_engine):
 * its call entry, and the translation ahead of a host fork of what a
 * function on the guest stack calls.
 *
 * Registered once, when the interpreter initialises (interp.c), so that
 * the runtime reaches the interpreter only through this table.
 */
#include "../runtime/runtime.h"
#include "code.h"
#include "compile.h"

/* Translate the direct callees of f that are not translated yet.  For a
 * host fork: what a child translates is lost when it exits, so every
 * child would translate its own path again, at the price of the page
 * faults its allocations take in copy-on-write memory. */
static void translate_callees_of(const struct wx_func *f)
{
	const struct wx_code *code;
	uint32_t i;
	if (f == NULL || f->host != NULL ||
	    f->inst->module->tier_call != NULL ||
	    (code = __atomic_load_n(&f->code, __ATOMIC_ACQUIRE)) == NULL)
		return;
	for (i = 0; i < code->ncallees; i++) {
		struct wx_func *g = f->inst->funcs[code->callees[i]];
		struct wx_code *gc;
		if (g->host != NULL ||
		    __atomic_load_n(&g->code, __ATOMIC_ACQUIRE) != NULL)
			continue;
		/* Out of memory: the callee is translated when called. */
		if ((gc = wx_compile_lazy(g->inst->module, g->index)) == NULL)
			return;
		__atomic_store_n(&g->code, gc, __ATOMIC_RELEASE);
	}
}

static const struct wx_engine interp_engine = {
	.call = wx_interp_call,
	.translate_callees = translate_callees_of,
};

void wx_interp_register(void)
{
	wx_engine_register(&interp_engine);
}
