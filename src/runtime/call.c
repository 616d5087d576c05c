/*
 * call.c - wx_call: a call into a module goes to the tier that runs it.
 *
 * The interpreter is the default engine, registered by itself when it
 * initialises (before any module can be instantiated: loading one
 * initialises it); a module that another tier attached itself to (the
 * native tier, through wx_module_tier_hook) carries that tier's entry in
 * tier_call.  A module runs wholly in one tier, so the choice is made per
 * call into it, never inside it.
 */
#include "runtime.h"

#include <stdio.h>

static const struct wx_engine *engine;

void wx_engine_register(const struct wx_engine *e)
{
	__atomic_store_n(&engine, e, __ATOMIC_RELEASE);
}

int wx_call(struct wx_thread *t, struct wx_func *f, uint64_t *args)
{
	const struct wx_engine *e;
	if (f->host != NULL)
		return f->host(t, f->host_ctx, args);
	if (f->inst->module->tier_call != NULL)
		return f->inst->module->tier_call(t, f, args);
	e = __atomic_load_n(&engine, __ATOMIC_ACQUIRE);
	if (e == NULL) {
		snprintf(t->trap_detail, sizeof(t->trap_detail),
			 "no engine to run wasm code");
		return wx_thread_trap(t, WX_TRAP_HOST);
	}
	return e->call(t, f, args);
}

const struct wx_engine *wx_engine_get(void)
{
	return __atomic_load_n(&engine, __ATOMIC_ACQUIRE);
}
