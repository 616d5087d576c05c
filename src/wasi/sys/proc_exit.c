/*
 * proc_exit.c - proc_exit(code) -> noreturn (wasix-abi.md 2a).
 * Ends the run with WX_EEXIT; the embedder turns t->exit_code into the
 * host exit status.  There is no result slot to write.
 */
#include "../internal.h"

int wx_wasi_proc_exit(struct wx_thread *t, void *ctx, uint64_t *args)
{
	t->exit_code = (int)wx_arg32(args, 0);
	return WX_EEXIT;
}
