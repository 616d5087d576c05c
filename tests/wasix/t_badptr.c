/*
 * t_badptr.c - raw WASIX imports handed pointers outside linear memory (or
 * straddling its end) return MEMVIOLATION (78) or FAULT (21) and nothing
 * else happens: no crash, no half-done fork/join/pipe.
 */
#include "t.h"

static int32_t end_of_memory(void)
{
	return (int32_t)(__builtin_wasm_memory_size(0) * 65536u);
}

static int is_fault(int32_t e)
{
	e &= 0xffff;
	return e == WX_EMEMVIOLATION || e == EFAULT;
}

#define CHECK_FAULT(call)                                                  \
	do {                                                               \
		int32_t e_ = (call);                                       \
		CHECK(is_fault(e_), "%s returned %d, want 78 or 21",       \
		      #call, (int)e_);                                     \
	} while (0)

int main(void)
{
	const int32_t far = (int32_t)0xFFFFFFF0u;
	const int32_t edge = end_of_memory() - 2; /* a 4-byte write straddles */
	int32_t ok4 = 0, ok4b = 0;
	struct wx_option_pid opt;
	struct wx_join_status js;
	int st;

	CHECK_FAULT(wx_raw_proc_id(far));
	CHECK_FAULT(wx_raw_proc_id(edge));
	CHECK_FAULT(wx_raw_proc_parent(wx_getpid(), far));
	CHECK_FAULT(wx_raw_fd_dup(1, far));
	CHECK_FAULT(wx_raw_fd_dup2(1, 10, 0, edge));
	CHECK_FAULT(wx_raw_fd_fdflags_get(1, far));
	ok4 = 64;
	CHECK_FAULT(wx_raw_getcwd(far, WX_PTR(&ok4)));
	CHECK_FAULT(wx_raw_chdir(far, 4));
	CHECK_FAULT(wx_raw_chdir(edge, 16));
	PASS("bad pointers: simple calls");

	/* No fd may leak from a pipe whose result cannot be stored. */
	CHECK_FAULT(wx_raw_fd_pipe(far, WX_PTR(&ok4b)));
	CHECK_FAULT(wx_raw_fd_pipe(WX_PTR(&ok4), edge));
	int fd = wx_dup(1);
	CHECK(fd >= 0, "dup");
	close(fd);
	PASS("bad pointers: fd_pipe");

	/* fork whose pid cannot be written must not create a process. */
	CHECK_FAULT(wx_raw_proc_fork(1, far));
	CHECK_FAULT(wx_raw_proc_fork(0, edge));
	errno = 0;
	CHECK(wx_waitpid(-1, &st, WNOHANG) == -1 && errno == ECHILD,
	      "a faulting proc_fork left a child");
	PASS("bad pointers: proc_fork");

	/* exec / spawn with bad strings: an error, and we go on. */
	CHECK_FAULT(wx_raw_proc_exec3(far, 8, 0, 0, 0, 0, 0, 0, 0));
	CHECK_FAULT(wx_raw_proc_exec3(WX_PTR("/bin/true"), 9, far, 4, 0, 0,
				      0, 0, 0));
	CHECK_FAULT(wx_raw_proc_exec3(WX_PTR("/bin/true"), 9,
				      WX_PTR("true"), 4, edge, 100, 0, 0, 0));
	CHECK_FAULT(wx_raw_proc_exec3(WX_PTR("true"), 4, WX_PTR("true"), 4,
				      0, 0, 1, far, 5));
	CHECK_FAULT(wx_raw_proc_spawn2(WX_PTR("/bin/true"), 9,
				       WX_PTR("true"), 4, 0, 0, far, 1, 0, 0,
				       0, 0, 0, WX_PTR(&ok4)));
	CHECK_FAULT(wx_raw_proc_spawn2(WX_PTR("/bin/true"), 9,
				       WX_PTR("true"), 4, 0, 0, 0, 0, 0, 0,
				       0, 0, 0, far));
	CHECK_FAULT(wx_raw_proc_spawn2(far, 9, WX_PTR("true"), 4, 0, 0, 0, 0,
				       0, 0, 0, 0, 0, WX_PTR(&ok4)));
	/* A spawn whose pid cannot be stored should not leave an unknown
	 * child either; report it if it does. */
	pid_t stray = wx_waitpid(-1, &st, 0);
	CHECK(stray == -1 && errno == ECHILD,
	      "a faulting exec/spawn left child %d", (int)stray);
	PASS("bad pointers: exec and spawn");

	/* proc_join with bad pointers while a child exists: the child must
	 * not be reaped by the failed call. */
	int p[2];
	CHECK(wx_pipe(p) == 0, "pipe");
	pid_t pid = t_fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		char c;
		close(p[1]);
		(void)read(p[0], &c, 1);
		exit(6);
	}
	close(p[0]);
	memset(&opt, 0, sizeof(opt));
	CHECK_FAULT(wx_raw_proc_join(far, 0, WX_PTR(&js)));
	CHECK_FAULT(wx_raw_proc_join(WX_PTR(&opt), WX_JOIN_NON_BLOCKING,
				     far));
	close(p[1]); /* let the child exit */
	/* Now the child is exiting or gone: a join that cannot store the
	 * status must keep it for a later wait. */
	opt.tag = WX_OPTION_SOME;
	opt.pid = pid;
	CHECK_FAULT(wx_raw_proc_join(WX_PTR(&opt), 0, edge));
	CHECK_EXIT(pid, 6);
	PASS("bad pointers: proc_join keeps the child");
	return 0;
}
