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
#include "../platform/platform.h"

int (*wx_module_tier_hook)(struct wx_module *m, struct wx_report *r);
bool (*wx_module_host_replaces)(const struct wx_module *m, uint32_t funcidx);

static int compile_all(struct wx_module *m, struct wx_module **mp,
		       struct wx_report *r)
{
	int ret;
	ret = wx_compile_module(m, r);
	if (ret != 0)
		goto fail;
	if (wx_module_tier_hook != NULL &&
	    (ret = wx_module_tier_hook(m, r)) != 0)
		goto fail;
	*mp = m;
	return 0;
fail:
	wx_module_destroy(m);
	return ret;
}

int wx_module_load(const uint8_t *data, size_t size, struct wx_module **mp,
		   struct wx_report *r)
{
	struct wx_module *m;
	int ret;

	*mp = NULL;
	ret = wx_module_decode(data, size, &m, r);
	return ret != 0 ? ret : compile_all(m, mp, r);
}

int wx_module_load_file(struct wx_os_file *f, struct wx_module **mp,
			struct wx_report *r)
{
	struct wx_module *m;
	size_t size = f->size;
	const uint8_t *bytes = wx_os_file_adopt(f);
	int ret;

	*mp = NULL;
	/* A large file read into a shared mapping becomes the module's
	 * bytes as it is: no second copy of a 12 MB module. */
	if (bytes != NULL)
		ret = wx_module_decode_shared(bytes, size, &m, r);
	else
		ret = wx_module_decode(f->data, f->size, &m, r);
	wx_os_file_release(f);
	return ret != 0 ? ret : compile_all(m, mp, r);
}
