/*
 * call.c - wx_call: a call into a module goes to the tier that runs it.
 *
 * The interpreter is the default; a module that another tier attached
 * itself to (the native tier, through wx_module_tier_hook) carries that
 * tier's entry in tier_call.  A module runs wholly in one tier, so the
 * choice is made per call into it, never inside it.
 */
#include "runtime.h"

#include "../interp/compile.h"

int wx_call(struct wx_thread *t, struct wx_func *f, uint64_t *args)
{
	if (f->host == NULL && f->inst->module->tier_call != NULL)
		return f->inst->module->tier_call(t, f, args);
	return wx_interp_call(t, f, args);
}
