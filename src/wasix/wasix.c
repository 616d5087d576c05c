/*
 * wasix.c - binds the wasix_32v1 namespace (wasix-abi.md 2b, 2c) into a
 * linker, from the rows of wasix.def.  Rows not implemented yet bind to
 * wx_wasix_enosys, so every WASIX binary links and a call to such a
 * function fails honestly with ENOSYS.
 */
#include <string.h>

#include "internal.h"

static const struct wx_hostfunc_def wx_wasix_defs[] = {
#define WASIX_FUNC(name, sig) {#name, sig, wx_wasix_##name},
#define WASIX_ENOSYS(name, sig) {#name, sig, wx_wasix_enosys},
#define WASIX_ALIAS(name, impl, sig) {#name, sig, wx_wasix_##impl},
#include "wasix.def"
#undef WASIX_FUNC
#undef WASIX_ENOSYS
};

static const struct wx_hostfunc_def wx_wasi_threads_defs[] = {
	{"thread-spawn", "(i)i", wx_wasix_wasi_thread_spawn},
};

/* preview1 functions that must know about the process: proc_exit (vfork)
 * and proc_raise (signal handlers), under every module name. */
static const struct wx_hostfunc_def wx_proc_defs_linux[] = {
	{"proc_exit", "(i)", wx_wasix_proc_exit},
	{"proc_raise", "(i)i", wx_wasix_proc_raise_linux},
	{"fd_renumber", "(ii)i", wx_wasix_fd_renumber},
};
static const struct wx_hostfunc_def wx_proc_defs_preview1[] = {
	{"proc_exit", "(i)", wx_wasix_proc_exit},
	{"proc_raise", "(i)i", wx_wasix_proc_raise_preview1},
};

/* A WASIX binary (one importing wasix_32v1) numbers signals as Linux does
 * everywhere, preview1's proc_raise included; a plain WASI binary uses
 * preview1's own numbering there (wasix-abi.md 3.8).  Likewise its
 * fd_renumber is dup2 (sys/fd_renumber.c), a plain WASI binary's a move. */
bool wx_is_wasix_module(const struct wx_module *m)
{
	uint32_t i;
	for (i = 0; i < m->nimports; i++)
		if (strcmp(m->imports[i].module_name, "wasix_32v1") == 0)
			return true;
	return false;
}

bool wx_module_makes_processes(const struct wx_module *m)
{
	static const char *const makers[] = {"proc_fork", "proc_exec",
					     "proc_spawn"};
	uint32_t i;
	size_t k;
	for (i = 0; i < m->nimports; i++) {
		if (strcmp(m->imports[i].module_name, "wasix_32v1") != 0)
			continue;
		for (k = 0; k < WX_ARRAY_LEN(makers); k++)
			if (strncmp(m->imports[i].name, makers[k],
				    strlen(makers[k])) == 0)
				return true;
	}
	return false;
}

int wx_wasix_enosys(struct wx_thread *t, void *ctx, uint64_t *args)
{
	args[0] = WX_WASI_ENOSYS;
	return 0;
}

int wx_wasix_define(struct wx_linker *l, struct wx_proc *p,
		    const struct wx_module *m)
{
	const struct wx_hostfunc_def *pd = wx_is_wasix_module(m)
						   ? wx_proc_defs_linux
						   : wx_proc_defs_preview1;
	static const char *const p1[] = {"wasi_snapshot_preview1",
					 "wasix_32v1", "wasi_unstable"};
	size_t i;
	int ret;
	ret = wx_linker_define_host(l, "wasix_32v1", wx_wasix_defs,
				    WX_ARRAY_LEN(wx_wasix_defs), p);
	if (ret == 0)
		ret = wx_linker_define_host(l, "wasi", wx_wasi_threads_defs,
					    1, p);
	for (i = 0; ret == 0 && i < WX_ARRAY_LEN(p1); i++)
		ret = wx_linker_define_host(l, p1[i], pd,
					    pd == wx_proc_defs_linux ? 3 : 2, p);
	/* wasix_32v1.proc_raise is always the Linux numbering. */
	if (ret == 0)
		ret = wx_linker_define_host(l, "wasix_32v1", wx_proc_defs_linux,
					    2, p);
	return ret;
}
