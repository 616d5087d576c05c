/*
 * fd_renumber.c - fd_renumber(from, to) -> errno as a WASIX binary sees
 * it (bound for modules that import wasix_32v1, under every module name):
 * POSIX dup2, which is what Wasmer does and what wasix-libc's dup2()
 * relies on (it is fd_renumber alone).  `from` stays open; `to` need not
 * be open and loses CLOEXEC.  A plain WASI binary keeps preview1's move
 * (src/wasi/sys/fd_renumber.c, wasmtime and the wasi-testsuite).
 *
 * DEVIATION: Wasmer refuses (ENOTSUP) to replace a preopen; we do what
 * POSIX says for the fd the program asked for.
 */
#include "../internal.h"

int wx_wasix_fd_renumber(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;

	args[0] = (uint32_t)wx_fdtable_dup2(&p->wasi->fds, wx_arg32(args, 0),
					    wx_arg32(args, 1));
	return 0;
}
