/*
 * proc_exec.c - proc_exec(name, name_len, args, args_len): noreturn execv
 * (wasix-abi.md 3.5).  On failure the process ends with exit status 255
 * (there is no errno result to return).
 */
#include <stdlib.h>

#include "exec_args.h"

int wx_wasix_proc_exec(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	char *name = NULL, **argv = NULL;
	int ret = wx_guest_path(p, wx_arg32(args, 0), wx_arg32(args, 1),
				  &name);
	if (ret == 0)
		ret = wx_exec_lines(p, wx_arg32(args, 2), wx_arg32(args, 3),
				    &argv);
	if (ret == 0 && argv == NULL)
		ret = WX_WASI_EMEMVIOLATION;
	if (ret == 0)
		ret = wx_exec_common(t, p, name, argv, NULL, false, NULL);
	else {
		free(name);
		wx_wasix_strv_free(argv);
	}
	if (ret > 0) {
		t->exit_code = 255;
		return WX_EEXIT;
	}
	return ret;
}
