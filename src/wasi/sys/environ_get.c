/*
 * environ_get.c - environ_get(environ, environ_buf) -> errno
 * (wasix-abi.md 2a).  Like args_get, with "KEY=VALUE" strings.
 */
#include "../internal.h"

int wx_wasi_environ_get(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_wasi *w = ctx;

	return wx_wasi_result(args, wx_wasi_strv_copyout(w, w->envp, w->envc,
							 w->env_bytes,
							 wx_arg32(args, 0),
							 wx_arg32(args, 1)));
}
