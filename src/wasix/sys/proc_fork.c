/*
 * proc_fork.c - proc_fork(copy_memory, ret_pid) -> errno (wasix-abi.md
 * 3.2, 3.3).
 *
 * copy_memory=1 is the host's fork: the kernel duplicates linear memory,
 * the interpreter's stacks and the fd table copy-on-write, and both
 * processes return from this very call - so any binary forks, with or
 * without asyncify, at a cost that does not grow with memory size.
 *
 * copy_memory=0 is a faithful vfork without any copy of memory: the child
 * takes over this host process's identity and continues on the same
 * stacks; the parent's state - the interpreter's stacks, or in the native
 * tier the used part of the host stack and the registers (an O(stack)
 * snapshot either way, native_rt.c) - its mutable globals and a copy of
 * its fd table wait in a struct wx_vfork until the child execs or exits
 * (process.c), when this call returns a second time, in the parent, with
 * the child's pid.
 */
#include <stdlib.h>
#include <string.h>

#include "../internal.h"
#include "../trace.h"

static int vfork_begin(struct wx_thread *t, struct wx_proc *p,
		       uint32_t ret_pid, bool env_protocol, uint32_t *childp)
{
	struct wx_vfork *v = calloc(1, sizeof(*v));
	const struct wx_module *m = p->inst->module;
	uint32_t pid, i, k = 0;
	int ret;

	if (v == NULL)
		return WX_WASI_ENOMEM;
	if ((ret = wx_pidtab_alloc(p->pid, &pid)) != 0) {
		free(v);
		return WX_WASI_EAGAIN;
	}
	v->env_protocol = env_protocol;
	v->globals = calloc(m->nglobals + 1, sizeof(uint64_t));
	v->parent_cwd = strdup(p->cwd);
	if (v->globals == NULL || v->parent_cwd == NULL ||
	    (!env_protocol && wx_snapshot_take(t, &v->snap, NULL) != 0) ||
	    wx_fdtable_clone(&v->parent_fds, &p->wasi->fds) != 0) {
		wx_pidtab_free(pid);
		wx_snapshot_free(&v->snap);
		free(v->globals);
		free(v->parent_cwd);
		free(v);
		return WX_WASI_ENOMEM;
	}
	for (i = 0; i < m->nglobals; i++)
		if (p->inst->globals[i]->type.mut)
			v->globals[k++] = p->inst->globals[i]->val[0];
	v->ret_pid_ptr = ret_pid;
	v->parent_pid = p->pid;
	v->parent_ppid = p->ppid;
	v->parent_sigblocked = p->sigblocked;
	v->child_pid = pid;
	v->outer = p->vfork;
	p->vfork = v;
	p->ppid = p->pid;
	p->pid = pid;
	if (wx_trace_fd >= 0)
		wx_trace_event("+++ vforked from pid %u", p->ppid);
	*childp = pid;
	return 0;
}

int wx_wasix_proc_fork(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	bool copy = wx_arg32(args, 0) != 0;
	uint32_t ret_pid = wx_arg32(args, 1), pid;
	pid_t hp;
	int ret;

	if (wx_wasi_mem(p->wasi, ret_pid, 4) == NULL) {
		args[0] = WX_WASI_EMEMVIOLATION;
		return 0;
	}
	if (!copy) {
		ret = vfork_begin(t, p, ret_pid, false, &pid);
		if (ret == 0)
			wx_proc_put32(p, ret_pid, 0);
		args[0] = (uint32_t)ret;
		return 0;
	}
	if (wx_pidtab_alloc(p->pid, &pid) != 0) {
		args[0] = WX_WASI_EAGAIN;
		return 0;
	}
	/* Once in this process rather than once in every child. */
	wx_thread_translate_callees(t);
	hp = wx_proc_fork_host(p, pid);
	if (hp < 0) {
		wx_pidtab_free(pid);
		args[0] = WX_WASI_EAGAIN;
		return 0;
	}
	if (hp == 0) {
		wx_proc_put32(p, ret_pid, 0);
	} else {
		if (wx_proc_add_child(p, pid, hp) == NULL) {
			args[0] = WX_WASI_ENOMEM; /* the child runs on */
			return 0;
		}
		wx_proc_put32(p, ret_pid, pid);
	}
	args[0] = WX_WASI_ESUCCESS;
	return 0;
}

int wx_wasix_proc_fork_env(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t ret_pid = wx_arg32(args, 0), pid;
	int ret;
	if (wx_wasi_mem(p->wasi, ret_pid, 4) == NULL) {
		args[0] = WX_WASI_EMEMVIOLATION;
		return 0;
	}
	/* wasix-abi.md 3.4: nested vforks of this protocol are refused. */
	if (p->vfork != NULL && p->vfork->env_protocol) {
		args[0] = WX_WASI_ENOTSUP;
		return 0;
	}
	ret = vfork_begin(t, p, ret_pid, true, &pid);
	if (ret == 0)
		wx_proc_put32(p, ret_pid, pid);
	args[0] = (uint32_t)ret;
	return 0;
}
