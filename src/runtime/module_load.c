/*
 * module_load.c - what "load a module" means to the rest of the program:
 * decode and check the binary (core, spec 5 and 3.4), then validate and
 * translate every function body (interp, spec 3.3).
 *
 * Kept apart from both layers so that core never depends on the
 * interpreter: runtime is the layer that knows both.  On failure nothing
 * is returned; the report names the cause.
 */
#include "runtime.h"

#include "../interp/compile.h"

int wx_module_load(const uint8_t *data, size_t size, struct wx_module **mp,
		   struct wx_report *r)
{
	struct wx_module *m;
	int ret;

	*mp = NULL;
	ret = wx_module_decode(data, size, &m, r);
	if (ret != 0)
		return ret;
	ret = wx_compile_module(m, r);
	if (ret != 0)
		goto fail;
	*mp = m;
	return 0;
fail:
	wx_module_destroy(m);
	return ret;
}
