/*
 * fuzz_decode.c - libFuzzer harness: any bytes as a module.  Decoding and
 * load-time validation (fast check, then the compiler's validation, on
 * worker threads for large modules) must accept or reject with a report,
 * never crash; every function of an accepted module must then translate
 * (the compiler with emission on, which load-time validation skips).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "interp/compile.h"
#include "runtime/runtime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wx_report r;
	struct wx_module *m = NULL;
	uint32_t f;
	memset(&r, 0, sizeof(r));
	int rc = wx_module_load(data, size, &m, &r);
	if (rc != 0) {
		/* A rejected module always says why. */
		if ((rc == WX_EINVALID || rc == WX_EMALFORMED) && !r.set)
			__builtin_trap();
		return 0;
	}
	for (f = m->nfuncs_imported; f < m->nfuncs; f++)
		if (wx_compile_lazy(m, f) == NULL)
			__builtin_trap(); /* validated: must translate */
	wx_module_destroy(m);
	return 0;
}
