/*
 * getcwd.c - getcwd(buf, inout_len) -> errno: the process's working
 * directory (a guest path; WASIX keeps it per process), NUL-terminated;
 * its length (without the NUL) is written back.
 *
 * A buffer too small is ERANGE, as current Wasmer answers and as
 * wasix-libc's getcwd expects: getcwd(NULL, 0) retries with a buffer of
 * the size written back (older Wasmer said EOVERFLOW, which made that
 * fail, and POSIX callers look for ERANGE).  That size counts the NUL,
 * so the retry has room for it.
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
