/*
 * proc_exit.c - preview1 proc_exit(code) for WASIX processes, and
 * wasix_32v1 proc_exit2(code) (wasix-abi.md 3.3, 3.4).
 *
 * Outside a vfork both end the process (WX_EEXIT).  In a vfork child the
 * child's life ends here: its exit status is recorded for proc_join and the
 * parent continues - at its proc_fork(0) call for that protocol, or (the
 * proc_fork_env protocol) by proc_exit2 simply returning, after which libc
 * longjmps back to the vfork point itself.
 */
#include <sys/wait.h>

#include "../internal.h"

static int vfork_exit(struct wx_thread *t, struct wx_proc *p, uint32_t code)
{
	struct wx_vfork *v = p->vfork;
	wx_vfork_finish(p, 0, (int)((code & 0xff) << 8)); /* W_EXITCODE */
	return wx_vfork_resume(t, p, v);
}

int wx_wasix_proc_exit(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t code = wx_arg32(args, 0);
	if (p->vfork != NULL && !p->vfork->env_protocol)
		return vfork_exit(t, p, code);
	/* Preview1 proc_exit cannot return, so inside a proc_fork_env vfork
	 * it ends the run with 129, as Wasmer does (wasix-abi.md 3.4). */
	t->exit_code = p->vfork != NULL ? 129 : (int)code;
	wx_proc_fast_exit(p, t->exit_code);
	return WX_EEXIT;
}

int wx_wasix_proc_exit2(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	if (p->vfork != NULL)
		return vfork_exit(t, p, wx_arg32(args, 0));
	t->exit_code = (int)wx_arg32(args, 0);
	wx_proc_fast_exit(p, t->exit_code);
	return WX_EEXIT;
}
