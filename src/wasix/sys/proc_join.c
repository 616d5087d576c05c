/*
 * proc_join.c - proc_join(inout option_pid, join_flags, ret join_status)
 * -> errno (wasix-abi.md 3.6), and the 2-argument legacy shape.
 *
 * Only the caller's own children are joinable, each exactly once; ECHILD
 * otherwise.  A child that died of a signal is reported as EXIT_SIGNAL
 * with its signal number.
 * DEVIATION: Wasmer reports every death as EXIT_NORMAL (its issue #6441);
 * we follow the ABI's own join_status type, as POSIX programs expect.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "../internal.h"
#include "../trace_report.h"

enum { JOIN_NOTHING = 0, JOIN_EXIT_NORMAL = 1, JOIN_EXIT_SIGNAL = 2 };
#define JOIN_NON_BLOCKING 1u

static void encode_status(uint8_t st[6], int status)
{
	memset(st, 0, 6);
	if (WIFSIGNALED(status)) {
		st[0] = JOIN_EXIT_SIGNAL;
		wx_put16(st + 2, 0);
		st[4] = (uint8_t)WTERMSIG(status);
	} else {
		st[0] = JOIN_EXIT_NORMAL;
		wx_put16(st + 2, (uint16_t)WEXITSTATUS(status));
	}
}

/* Find the child to report: *idx of a finished one, or -1 when (with
 * NON_BLOCKING) none has finished yet.  Guest errno. */
static int wait_child(struct wx_proc *p, bool any, uint32_t pid,
		      bool nonblock, long *idx)
{
	size_t i;
	for (;;) {
		pid_t hp, want = -1;
		int status;
		bool found = false;
		for (i = 0; i < p->nchildren; i++) {
			struct wx_child *c = &p->children[i];
			if (!any && c->pid != pid)
				continue;
			found = true;
			if (c->exited) {
				*idx = (long)i;
				return 0;
			}
			if (!any)
				want = c->host_pid;
		}
		if (!found)
			return WX_WASI_ECHILD;
		hp = waitpid(want, &status, nonblock ? WNOHANG : 0);
		if (hp < 0 && errno == EINTR) {
			if (wx_interrupt_pending())
				return WX_WASI_EINTR;
			continue;
		}
		if (hp < 0)
			return errno == ECHILD ? WX_WASI_ECHILD
					       : wx_wasi_errno(errno);
		if (hp == 0) {
			*idx = -1;
			return 0;
		}
		for (i = 0; i < p->nchildren; i++)
			if (p->children[i].host_pid == hp) {
				p->children[i].exited = true;
				p->children[i].status = status;
				wx_report_reaped(p->children[i].pid, hp, status);
			}
	}
}

void wx_proc_reap_exited(struct wx_proc *p)
{
	long idx;
	while (p->nchildren > 0 && wait_child(p, true, 0, true, &idx) == 0 &&
	       idx >= 0) {
		wx_pidtab_free(p->children[idx].pid);
		wx_proc_remove_child(p, (size_t)idx);
	}
}

static int join(struct wx_proc *p, struct wx_instance *inst, uint32_t pid_ptr,
		uint32_t flags, uint32_t status_ptr)
{
	uint8_t *opt = wx_wasi_mem(p->wasi, pid_ptr, 8);
	uint8_t *stp = wx_wasi_mem(p->wasi, status_ptr, 6);
	bool any;
	uint32_t pid;
	long idx;
	int ret;

	if (opt == NULL || stp == NULL)
		return WX_WASI_EMEMVIOLATION;
	pid = wx_get32(opt + 4);
	/* wasix-libc's waitpid(0, ...) - any child of the caller's process
	 * group - arrives as Some(0): with no process groups here (every
	 * process of a run is in one), any child. */
	any = opt[0] == 0 || pid == 0;
	ret = wait_child(p, any, pid, (flags & JOIN_NON_BLOCKING) != 0, &idx);
	/* POSIX (XSI), as Linux does it: with SIGCHLD ignored, children are
	 * not kept for wait, which waits until they have all ended and then
	 * fails with ECHILD. */
	while (ret == 0 && idx >= 0 && wx_sigtab_ignores(p, inst, SIGCHLD)) {
		wx_pidtab_free(p->children[idx].pid);
		wx_proc_remove_child(p, (size_t)idx);
		ret = wait_child(p, any, pid, (flags & JOIN_NON_BLOCKING) != 0,
				 &idx);
	}
	if (ret == WX_WASI_EINTR && wx_restart_pending())
		return WX_ERESTART; /* the guest's arguments are untouched */
	/* Until a child is reported: pid None, status Nothing. */
	memset(opt, 0, 8);
	memset(stp, 0, 6);
	if (ret != 0)
		return ret;
	if (idx < 0) {
		/* Still running: Some(0), as newer Wasmer writes for libc's
		 * WNOHANG path. */
		opt[0] = 1;
		return 0;
	}
	opt[0] = 1;
	wx_put32(opt + 4, p->children[idx].pid);
	encode_status(stp, p->children[idx].status);
	wx_pidtab_free(p->children[idx].pid);
	wx_proc_remove_child(p, (size_t)idx);
	return 0;
}

int wx_wasix_proc_join(struct wx_thread *t, void *ctx, uint64_t *args)
{
	int ret = join(ctx, t->site.func->inst, wx_arg32(args, 0),
		       wx_arg32(args, 1), wx_arg32(args, 2));
	if (ret == WX_ERESTART)
		return ret;
	args[0] = (uint32_t)ret;
	return 0;
}

/* proc_join(pid_ptr, exit_code_ptr) of 2022-2023 toolchains: *pid_ptr is
 * a plain pid (u32 max: any child), always blocking; the exit code is a
 * u32 and the pid of the reaped child is written back for "any". */
int wx_wasix_proc_join_legacy(struct wx_thread *t, void *ctx,
			      uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint8_t *pp = wx_wasi_mem(p->wasi, wx_arg32(args, 0), 4);
	uint8_t *cp = wx_wasi_mem(p->wasi, wx_arg32(args, 1), 4);
	uint32_t pid;
	long idx;
	int ret, st;
	if (pp == NULL || cp == NULL) {
		args[0] = WX_WASI_EMEMVIOLATION;
		return 0;
	}
	pid = wx_get32(pp);
	ret = wait_child(p, pid == UINT32_MAX, pid, false, &idx);
	if (ret != 0) {
		wx_put32(cp, WX_WASI_ECHILD);
		args[0] = (uint32_t)ret;
		return 0;
	}
	st = p->children[idx].status;
	wx_put32(pp, p->children[idx].pid);
	wx_put32(cp, WIFSIGNALED(st) ? 128u + (uint32_t)WTERMSIG(st)
				     : (uint32_t)WEXITSTATUS(st));
	wx_pidtab_free(p->children[idx].pid);
	wx_proc_remove_child(p, (size_t)idx);
	args[0] = 0;
	return 0;
}
