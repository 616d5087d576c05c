/*
 * compile.h - the function compiler: validates a function body (spec 3.3,
 * "Instructions") and translates it into internal slot code in the same
 * pass (see interp.h for the code format).
 *
 * Validation and translation share one walk over the body: the validator's
 * operand-type stack is also the translator's map of where each operand
 * lives, so a second walk would only repeat the decoding.
 */
#ifndef WX_COMPILE_H
#define WX_COMPILE_H

#include "../core/module.h"

/* Validate and translate every defined function of `m`, filling m->codes.
 * Returns 0, WX_EINVALID / WX_EMALFORMED with a message naming the
 * function and byte offset in `r`, or ENOMEM. */
int wx_compile_module(struct wx_module *m, struct wx_report *r);

/* The translated body of defined function `funcidx` of a module that
 * wx_compile_module validated: translated on first use, then shared by
 * every instance and thread.  NULL only when out of memory. */
struct wx_code *wx_compile_lazy(const struct wx_module *m, uint32_t funcidx);
/* wx_call (runtime.h) of a module the interpreter runs (interp.c). */
struct wx_thread;
struct wx_func;
int wx_interp_call(struct wx_thread *t, struct wx_func *f, uint64_t *args);
/* Give the runtime the interpreter's entries (engine.c). */
void wx_interp_register(void);

#endif
