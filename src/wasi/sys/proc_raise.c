/*
 * proc_raise.c - proc_raise(signal) -> errno (wasix-abi.md 2a, 3.8).
 *
 * Until guest signal handlers exist (a later WASIX issue), a raised
 * signal takes its POSIX default action: ignored for CHLD, CONT, URG and
 * WINCH (and, without job control, for the stop signals), otherwise the
 * process terminates.
 *
 * Numbering: preview1 and wasi_unstable use the witx enum (no STKFLT, so
 * CHLD is 16); wasix_32v1 uses Linux numbers (STKFLT 16, CHLD 17).
 *
 * DEVIATION: termination is reported as exit status 128 + the host signal
 * number through WX_EEXIT instead of a real signal death, so embedders are
 * never killed from inside the library.  (Wasmer exits with 27 or 64.)
 */
#include <signal.h>

#include "../internal.h"

/* witx signal 1..30 -> host signal. */
static const int wx_witx_signals[] = {
	0, SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE,
	SIGKILL, SIGUSR1, SIGSEGV, SIGUSR2, SIGPIPE, SIGALRM, SIGTERM, SIGCHLD,
	SIGCONT, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU, SIGURG, SIGXCPU, SIGXFSZ,
	SIGVTALRM, SIGPROF, SIGWINCH, SIGPOLL, SIGPWR, SIGSYS,
};

/* Default action for host signal `sig`. */
static int wx_raise_default(struct wx_thread *t, uint64_t *args, int sig)
{
	switch (sig) {
	case SIGCHLD: case SIGCONT: case SIGURG: case SIGWINCH:
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return wx_wasi_result(args, 0);
	default:
		t->exit_code = 128 + sig;
		return WX_EEXIT;
	}
}

int wx_wasi_proc_raise(struct wx_thread *t, void *ctx, uint64_t *args)
{
	uint32_t sig = wx_arg32(args, 0);

	if (sig == 0 || sig >= WX_ARRAY_LEN(wx_witx_signals))
		return wx_wasi_result(args, WX_WASI_EINVAL);
	return wx_raise_default(t, args, wx_witx_signals[sig]);
}

int wx_wasix_proc_raise(struct wx_thread *t, void *ctx, uint64_t *args)
{
	uint32_t sig = wx_arg32(args, 0);

	/* WASIX numbers are Linux's, 1..31. */
	if (sig == 0 || sig > 31)
		return wx_wasi_result(args, WX_WASI_EINVAL);
	return wx_raise_default(t, args, (int)sig);
}
