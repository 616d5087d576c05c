/*
 * proc_exec3.c - proc_exec3(name, name_len, args, args_len, envs,
 * envs_len, search_path, path, path_len) -> errno (wasix-abi.md 3.5):
 * execve/execvp with newline-separated args and envs.  A failing exec
 * returns its errno and the caller goes on; success does not return (or,
 * in a proc_fork_env vfork child, returns 0 in the parent, which then
 * longjmps itself).
 */
#include "exec_args.h"

int wx_wasix_proc_exec3(struct wx_thread *t, void *ctx, uint64_t *args)
{
	return wx_exec_call(t, ctx, args, false);
}
