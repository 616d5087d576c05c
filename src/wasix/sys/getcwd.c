/*
 * getcwd.c - getcwd(buf, inout_len) -> errno: the process's working
 * directory (a guest path; WASIX keeps it per process).  When the buffer
 * is too small the error is ERANGE, as in Wasmer: wasix-libc's
 * getcwd(NULL, 0) retries with a buffer of the length written back only
 * on ERANGE.
 * DEVIATION: that length counts the terminating NUL (Wasmer writes the
 * string length, so libc's retry buffer has no room for the NUL).
 */
#include <string.h>

#include "../internal.h"

int wx_wasix_getcwd(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint8_t *lenp = wx_wasi_mem(p->wasi, wx_arg32(args, 1), 4);
	uint32_t need = (uint32_t)strlen(p->cwd), cap;
	uint8_t *buf;
	if (lenp == NULL) {
		args[0] = WX_WASI_EMEMVIOLATION;
		return 0;
	}
	cap = wx_get32(lenp);
	if (cap < need + 1) {
		wx_put32(lenp, need + 1);
		args[0] = WX_WASI_ERANGE;
		return 0;
	}
	wx_put32(lenp, need);
	buf = wx_wasi_mem(p->wasi, wx_arg32(args, 0), need + 1);
	if (buf == NULL) {
		args[0] = WX_WASI_EMEMVIOLATION;
		return 0;
	}
	memcpy(buf, p->cwd, need + 1);
	args[0] = 0;
	return 0;
}
