/*
 * proc_raise.c - proc_raise(sig) -> errno: the handler runs before the
 * call returns (wasix-abi.md 3.8).  Two numberings: WASIX's (Linux) and
 * preview1's, which differs from 16 (CHLD) up.
 */
#include <signal.h>

#include "../internal.h"

static int raise_now(struct wx_thread *t, struct wx_proc *p, int sig,
		     uint64_t *args)
{
	int r;
	if (sig <= 0 || sig > 31) {
		args[0] = WX_WASI_EINVAL;
		return 0;
	}
	wx_signal_raise_self(p, sig);
	/* Deliver here and now: we are at a host call, a safe point.  On
	 * another thread than the main one the main thread delivers it
	 * (process signals run there, with its instance and stack). */
	if (t != __atomic_load_n(&p->thread, __ATOMIC_ACQUIRE)) {
		args[0] = 0;
		return 0;
	}
	r = wx_signal_deliver(t, p);
	args[0] = 0;
	return r;
}

int wx_wasix_proc_raise_linux(struct wx_thread *t, void *ctx, uint64_t *args)
{
	return raise_now(t, ctx, (int)wx_arg32(args, 0), args);
}

int wx_wasix_proc_raise_preview1(struct wx_thread *t, void *ctx,
				 uint64_t *args)
{
	/* preview1: ..., 15 TERM, 16 CHLD, 17 CONT, 18 STOP, 19 TSTP,
	 * 20 TTIN, 21 TTOU, 22 URG, 23 XCPU, 24 XFSZ, 25 VTALRM, 26 PROF,
	 * 27 WINCH, 28 POLL, 29 PWR, 30 SYS. */
	static const int to_linux[31] = {
		0,	 SIGHUP,  SIGINT,    SIGQUIT, SIGILL,  SIGTRAP,
		SIGABRT, SIGBUS,  SIGFPE,    SIGKILL, SIGUSR1, SIGSEGV,
		SIGUSR2, SIGPIPE, SIGALRM,   SIGTERM, SIGCHLD, SIGCONT,
		SIGSTOP, SIGTSTP, SIGTTIN,   SIGTTOU, SIGURG,  SIGXCPU,
		SIGXFSZ, SIGVTALRM, SIGPROF, SIGWINCH, SIGPOLL, SIGPWR,
		SIGSYS,
	};
	uint32_t s = wx_arg32(args, 0);
	return raise_now(t, ctx, s < 31 ? to_linux[s] : -1, args);
}
