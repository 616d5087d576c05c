/*
 * proc_exec2.c - proc_exec2(name, name_len, args, args_len, envs,
 * envs_len): noreturn execve (wasix-abi.md 3.5); failure ends the process
 * with status 255.
 */
#include <stdlib.h>

#include "exec_args.h"

int wx_wasix_proc_exec2(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	char *name = NULL, **argv = NULL, **envp = NULL;
	int ret = wx_guest_path(p, wx_arg32(args, 0), wx_arg32(args, 1),
				  &name);
	if (ret == 0)
		ret = wx_exec_lines(p, wx_arg32(args, 2), wx_arg32(args, 3),
				    &argv);
	if (ret == 0)
		ret = wx_exec_lines(p, wx_arg32(args, 4), wx_arg32(args, 5),
				    &envp);
	if (ret == 0 && argv == NULL)
		ret = WX_WASI_EMEMVIOLATION;
	if (ret == 0)
		ret = wx_exec_common(t, p, name, argv, envp, false, NULL);
	else {
		free(name);
		wx_wasix_strv_free(argv);
		wx_wasix_strv_free(envp);
	}
	if (ret > 0) {
		t->exit_code = 255;
		return WX_EEXIT;
	}
	return ret;
}
