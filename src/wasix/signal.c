/*
 * signal.c - WASIX signals (wasix-abi.md 3.8), delivered at safe points.
 *
 * Sources: proc_raise (this process, synchronously), proc_signal and
 * thread_signal (any process of the run, by virtual pid: the host's kill()
 * on the host pid, since WASIX numbers signals as Linux does), timers of
 * proc_raise_interval (POSIX timers), and signals sent to the runtime by
 * the host (SIGINT from a terminal, SIGTERM from a supervisor).
 *
 * The host signal handler only sets bits, with lock-free atomics
 * (async-signal-safe): the signal pending for the process, and the
 * interrupt word of the process's main thread.  No guest work ever runs
 * inside a host signal handler (design.md).  Secondary threads block the
 * guest-visible signals, so the kernel delivers them to the main thread,
 * and because the handlers are installed without SA_RESTART a blocking
 * host call there returns EINTR.  Signals that are ignored by default
 * (SIGCHLD, ...) are installed with SA_RESTART instead, and only once the
 * guest registers a handler (until then they would be dropped anyway):
 * their handlers still run, at the next safe point, but a waitpid goes
 * on, which is what programs catching SIGCHLD expect.  The interpreter
 * polls the interrupt word at calls and loop back-edges - a busy loop is
 * interrupted too - and calls wx_signal_deliver there.
 *
 * DEVIATION from an earlier design: no signal thread.  A process with a
 * second host thread pays for TLB shootdowns on every fork (measured:
 * native fork of a 1 MiB process 110 us alone, 290 us with one idle
 * thread), and fork latency is the point of the process model.
 *
 * Delivery: the guest's handler is the export named by callback_signal,
 * of type (i32) -> ().  A registered name that does not resolve keeps
 * signals pending (wasix-libc blocks signals that way).  With no handler
 * registered at all, the POSIX default action applies: ignore for CHLD,
 * CONT, URG, WINCH; otherwise the host process dies of that same signal,
 * so the parent's proc_join sees EXIT_SIGNAL with the signal number.
 * Where the export is wasix-libc's __wasm_signal, the runtime reads the
 * libc's own table of dispositions (sigtab.c) and dispatches itself: a
 * signal at SIG_DFL gets the default action above and never enters the
 * guest; a handler is called with SA_SIGINFO's arguments when it asks
 * for them, SA_RESETHAND resets it, and the signal (unless SA_NODEFER)
 * and sa_mask are held back while it runs.  A blocked host call
 * interrupted for a handler with SA_RESTART is made again after it
 * (WX_INTR_RESTART); otherwise it fails with EINTR.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "trace.h"

static timer_t wx_interval_timer;
static bool wx_interval_armed;

/* The signals a guest can see and handle: 1..31 except those the host
 * cannot catch (KILL, STOP), the synchronous faults (the interpreter
 * never faults on guest behalf), and SIGPIPE (the runtime keeps it
 * ignored so that a write to a closed pipe fails with EPIPE). */
static void guest_sigset(sigset_t *set)
{
	int s;
	sigemptyset(set);
	for (s = 1; s < 32; s++)
		sigaddset(set, s);
	sigdelset(set, SIGKILL);
	sigdelset(set, SIGSTOP);
	sigdelset(set, SIGSEGV);
	sigdelset(set, SIGBUS);
	sigdelset(set, SIGFPE);
	sigdelset(set, SIGILL);
	sigdelset(set, SIGPIPE);
}

/* Signals whose default action is to be ignored. */
static bool ignored_by_default(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH ||
	       sig == SIGCONT;
}

/* Mark `sig` pending for process `p` and raise its main thread's
 * interrupt word.  Async-signal-safe: lock-free atomics only. */
static void post_signal(struct wx_proc *p, int sig)
{
	struct wx_thread *t = __atomic_load_n(&p->thread, __ATOMIC_ACQUIRE);
	bool handled = __atomic_load_n(&p->signal_handler, __ATOMIC_ACQUIRE) !=
		       NULL;
	uint32_t bits = WX_INTR_SIGNAL;
	uint32_t base = __atomic_load_n(&p->sigtab_base, __ATOMIC_ACQUIRE);
	/* Nothing to do for a signal that is ignored anyway. */
	if (!handled && (ignored_by_default(sig) || (p->ignored >> sig) & 1))
		return;
	if (!ignored_by_default(sig)) {
		/* A blocked call fails with EINTR, or with a handler
		 * installed with SA_RESTART (as signal() does) is made
		 * again after it.  Plain loads from guest memory: safe in
		 * a signal handler. */
		const uint8_t *e = base != 0 && handled
					   ? wx_wasi_mem(p->wasi,
							 (uint64_t)base + 20u * (uint32_t)sig,
							 20)
					   : NULL;
		bits |= e != NULL && wx_get32(e) != 0 &&
				(wx_get32(e + 4) & WX_SA_RESTART)
			? WX_INTR_RESTART
			: WX_INTR_EINTR;
	}
	__atomic_or_fetch(&p->pending, 1ull << sig, __ATOMIC_SEQ_CST);
	/* A signal the main thread blocks (its sigprocmask, or a handler
	 * running) stays pending and interrupts nothing: a blocked call
	 * goes on, as POSIX has it; unblocking it raises the interrupt
	 * word (wx_signal_unblocked). */
	if ((__atomic_load_n(&p->sigblocked, __ATOMIC_SEQ_CST) >> sig) & 1)
		return;
	if (t != NULL)
		__atomic_or_fetch(&t->interrupt, bits, __ATOMIC_SEQ_CST);
}

static void host_handler(int sig)
{
	int saved = errno;
	struct wx_proc *p = __atomic_load_n(&wx_proc_self, __ATOMIC_ACQUIRE);
	if (p != NULL)
		post_signal(p, sig);
	errno = saved;
}

static void install_host_handler(int sig)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = host_handler;
	sa.sa_flags = ignored_by_default(sig) ? SA_RESTART : 0;
	sigfillset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

/* The signals ignored by default stay at the host's SIG_DFL (discarded by
 * the kernel) until the guest registers a handler
 * (wx_signal_handler_registered): before that post_signal would drop
 * them anyway, and a forking parent took a SIGCHLD - a signal frame, its
 * page fault, a sigreturn - for every child it reaped. */
int wx_signal_start(void)
{
	sigset_t set;
	int s;
	wx_kick_init();
	guest_sigset(&set);
	for (s = 1; s < 32; s++)
		if (sigismember(&set, s) && !ignored_by_default(s))
			install_host_handler(s);
	return 0;
}

void wx_signal_handler_registered(void)
{
	static bool done;
	int s;
	if (__atomic_load_n(&done, __ATOMIC_ACQUIRE) ||
	    __atomic_exchange_n(&done, true, __ATOMIC_ACQ_REL))
		return;
	for (s = 1; s < 32; s++)
		if (ignored_by_default(s))
			install_host_handler(s);
}

void wx_signal_block_in_thread(void)
{
	sigset_t set;
	guest_sigset(&set);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
}

void wx_signal_after_fork(void)
{
	/* POSIX: a child inherits handlers and mask but not interval
	 * timers.  Stored only if set: an unconditional store is a page
	 * fault of its own in a child, whose pages are all copy-on-write. */
	if (wx_interval_armed)
		wx_interval_armed = false;
}

/* The POSIX default action: ignore, or end the host process by the
 * same signal so that its parent sees how it died. */
static int default_action(int sig)
{
	struct rlimit nocore = {0, 0};
	sigset_t set;
	switch (sig) {
	case SIGCHLD:
	case SIGCONT:
	case SIGURG:
	case SIGWINCH:
		return 0;
	case SIGTSTP:
	case SIGTTIN:
	case SIGTTOU:
		/* DEVIATION: no job control; stop signals are ignored. */
		return 0;
	}
	fflush(NULL);
	wx_trace_exit(sig & 0x7f);
	setrlimit(RLIMIT_CORE, &nocore);
	signal(sig, SIG_DFL);
	/* The calling thread may block it (a secondary thread). */
	sigemptyset(&set);
	sigaddset(&set, sig);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	_exit(128 + sig); /* not reached for a terminating signal */
}

/* The guest's handler in instance `inst`, or NULL: *blocked tells a
 * registered name that does not resolve. */
static struct wx_func *handler_of(struct wx_proc *p, struct wx_instance *inst,
				  bool *blocked)
{
	struct wx_extern ext;
	const char *name = __atomic_load_n(&p->signal_handler, __ATOMIC_ACQUIRE);
	*blocked = false;
	if (name == NULL || inst == NULL)
		return NULL;
	if (!wx_instance_export(inst, name, &ext) ||
	    ext.kind != WX_EXTERN_FUNC || ext.u.func->type->nparams != 1 ||
	    ext.u.func->type->nresults != 0 ||
	    ext.u.func->type->types[0] != WX_I32) {
		*blocked = true;
		return NULL;
	}
	return ext.u.func;
}

uint64_t *wx_signal_blocked_of(struct wx_thread *t, struct wx_proc *p)
{
	return t->owner != NULL ? &((struct wx_tinfo *)t->owner)->sigblocked
				: &p->sigblocked;
}

void wx_signal_unblocked(struct wx_thread *t, struct wx_proc *p)
{
	uint64_t *pw = t->owner != NULL ? &((struct wx_tinfo *)t->owner)->pending
					: &p->pending;
	struct wx_thread *main_t = __atomic_load_n(&p->thread, __ATOMIC_ACQUIRE);
	if (__atomic_load_n(pw, __ATOMIC_SEQ_CST) & ~*wx_signal_blocked_of(t, p))
		__atomic_or_fetch(&t->interrupt, WX_INTR_SIGNAL,
				  __ATOMIC_SEQ_CST);
	/* The process's signals go to its main thread. */
	if (main_t != NULL && main_t != t &&
	    __atomic_load_n(&p->pending, __ATOMIC_SEQ_CST) != 0)
		wx_thread_kick(main_t, WX_INTR_SIGNAL);
}

/* The function the guest's table names as handler of a signal, if it
 * has a type we can call: (i32) -> (), or (i32, i32, i32) -> () for
 * SA_SIGINFO. */
static struct wx_func *table_handler(struct wx_instance *inst,
				     const struct wx_sigdisp *d)
{
	struct wx_table *tab;
	struct wx_func *f;
	uint32_t want = (d->flags & WX_SA_SIGINFO) ? 3 : 1, i;
	if (inst->module->ntables == 0)
		return NULL;
	tab = inst->tables[0];
	if (d->handler >= tab->size)
		return NULL;
	f = (struct wx_func *)(uintptr_t)tab->elems[d->handler];
	if (f == NULL || f->type->nparams != want || f->type->nresults != 0)
		return NULL;
	for (i = 0; i < want; i++)
		if (f->type->types[i] != WX_I32)
			return NULL;
	return f;
}

/* Run an SA_SIGINFO handler with a siginfo_t on the guest's stack (musl
 * wasm32: si_signo @0, si_errno @4, si_code @8, 128 bytes; SI_USER).
 * DEVIATION: wasix-libc's own __wasm_signal calls every handler with one
 * argument (a type-mismatch trap for these) until its PR #128. */
static int call_siginfo(struct wx_thread *t, struct wx_proc *p,
			struct wx_instance *inst, struct wx_func *f, int sig,
			bool *done)
{
	struct wx_extern sp;
	uint32_t old, at;
	uint8_t *si;
	uint64_t args[3];
	int r;
	*done = false;
	if (!wx_instance_export(inst, "__stack_pointer", &sp) ||
	    sp.kind != WX_EXTERN_GLOBAL)
		return 0;
	old = (uint32_t)sp.u.global->val[0];
	at = (old - 128) & ~15u;
	if (old < 256 || (si = wx_wasi_mem(p->wasi, at, 128)) == NULL)
		return 0;
	memset(si, 0, 128);
	wx_put32(si, (uint32_t)sig);
	sp.u.global->val[0] = at;
	args[0] = (uint32_t)sig;
	args[1] = at;
	args[2] = 0;
	*done = true;
	r = wx_call(t, f, args);
	if (r == 0)
		sp.u.global->val[0] = old;
	return r;
}

static void trace_delivery(int sig, const char *how)
{
	const char *n = wx_trace_signal_name(sig);
	if (n != NULL)
		wx_trace_event("--- %s delivered (%s)", n, how);
	else
		wx_trace_event("--- signal %d delivered (%s)", sig, how);
}

/* Run the guest's handler of `sig` (export `h`): through libc's table
 * when it is known (sigtab.c), else through the export. */
static int run_handler(struct wx_thread *t, struct wx_proc *p,
		       struct wx_instance *inst, struct wx_func *h, int sig)
{
	uint64_t *blocked = wx_signal_blocked_of(t, p), saved = *blocked;
	uint64_t bit = 1ull << sig, args[1];
	struct wx_sigdisp d;
	struct wx_func *f;
	bool done = false;
	int r = 0;
	if (!wx_sigtab_read(p, h, sig, &d)) {
		if (wx_trace_fd >= 0)
			trace_delivery(sig, "handler");
		args[0] = (uint32_t)sig;
		return wx_call(t, h, args);
	}
	if (wx_trace_fd >= 0)
		trace_delivery(sig, d.handler == 0   ? "default action"
				    : d.handler == 1 ? "ignored"
						     : "handler");
	if (d.handler == 0) {
		/* SIG_DFL: the runtime's default action, never the guest. */
		default_action(sig);
		return 0;
	}
	if (sig == SIGCHLD && wx_sigtab_ignores(p, inst, SIGCHLD))
		wx_proc_reap_exited(p); /* no zombies while ignored */
	f = table_handler(inst, &d);
	/* POSIX: the signal (unless SA_NODEFER) and sa_mask are blocked
	 * while the handler runs; a longjmp out restores the set of its
	 * setjmp (stack_checkpoint.c), as siglongjmp does. */
	*blocked |= d.mask | ((d.flags & WX_SA_NODEFER) ? 0 : bit);
	if (f != NULL && (d.flags & WX_SA_RESETHAND))
		wx_sigtab_reset(&d);
	if (f != NULL && (d.flags & WX_SA_SIGINFO))
		r = call_siginfo(t, p, inst, f, sig, &done);
	if (!done) {
		args[0] = (uint32_t)sig;
		r = wx_call(t, f != NULL ? f : h, args);
	}
	/* A handler left by a wasm exception (longjmp in the eh and exnref
	 * flavours of wasix-libc) has ended as surely as one that returned:
	 * its signal must not stay held back, as after a longjmp of the
	 * plain flavour (stack_restore restores the set of its setjmp). */
	if (r != 0 && r != WX_EEXCEPTION)
		return r;
	*blocked = saved;
	wx_signal_unblocked(t, p);
	return r;
}

int wx_signal_deliver_set(struct wx_thread *t, struct wx_proc *p,
			  struct wx_instance *inst, uint64_t *pending_word)
{
	uint64_t pending, blocked;
	int sig;

	__atomic_and_fetch(&t->interrupt,
			   ~(WX_INTR_SIGNAL | WX_INTR_EINTR | WX_INTR_RESTART),
			   __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&t->interrupt, __ATOMIC_ACQUIRE) & WX_INTR_EXIT) {
		t->exit_code = p->exit_code;
		return WX_EEXIT;
	}
	blocked = *wx_signal_blocked_of(t, p);
	pending = __atomic_load_n(pending_word, __ATOMIC_SEQ_CST) & ~blocked;
	for (sig = 1; sig < 64 && pending != 0; sig++) {
		uint64_t bit = 1ull << sig;
		struct wx_func *h;
		bool hblocked;
		int r;
		if (!(pending & bit))
			continue;
		pending &= ~bit;
		h = handler_of(p, inst, &hblocked);
		if (hblocked)
			continue; /* stays pending until unblocked */
		__atomic_and_fetch(pending_word, ~bit, __ATOMIC_SEQ_CST);
		if (h == NULL) {
			if (wx_trace_fd >= 0)
				trace_delivery(sig, p->ignored & bit
							    ? "ignored"
							    : "default action");
			if (!(p->ignored & bit))
				default_action(sig);
			continue;
		}
		r = run_handler(t, p, inst, h, sig);
		if (r != 0)
			return r;
		/* A handler may have blocked or unblocked others, and what
		 * was raised while it ran and is deliverable now runs before
		 * this call returns, as on return from a host handler (a
		 * raise() of its own signal inside the handler is pending
		 * once, and runs right after it): scan again from 1. */
		pending = __atomic_load_n(pending_word, __ATOMIC_SEQ_CST) &
			  ~*wx_signal_blocked_of(t, p);
		sig = 0;
	}
	return 0;
}

int wx_signal_deliver(struct wx_thread *t, void *ctx)
{
	struct wx_proc *p = ctx;
	return wx_signal_deliver_set(t, p, p->inst, &p->pending);
}

void wx_signal_epipe(void *ctx)
{
	/* POSIX: a write to a pipe with no reader raises SIGPIPE in the
	 * writer (whose default action ends it) as well as failing with
	 * EPIPE.  The runtime keeps the host's SIGPIPE ignored, so the
	 * guest's is raised here. */
	post_signal(ctx, SIGPIPE);
}

void wx_signal_raise_self(struct wx_proc *p, int sig)
{
	post_signal(p, sig);
}

int wx_signal_send(struct wx_proc *p, uint32_t pid, int sig)
{
	pid_t hp;
	if (sig < 0 || sig > 31)
		return WX_WASI_EINVAL;
	if (pid == p->pid) {
		if (sig != 0)
			post_signal(p, sig);
		return 0;
	}
	/* DEVIATION: an unknown pid is ESRCH (POSIX kill); Wasmer reports
	 * success. */
	if (!wx_pidtab_host(pid, &hp))
		return WX_WASI_ESRCH;
	if (kill(hp, sig) != 0)
		return wx_wasi_errno(errno);
	return 0;
}

int wx_signal_interval(int sig, uint64_t interval_ns, bool repeat)
{
	struct itimerspec its;
	memset(&its, 0, sizeof(its));
	if (sig <= 0 || sig > 31)
		return WX_WASI_EINVAL;
	if (!wx_interval_armed) {
		struct sigevent sev;
		memset(&sev, 0, sizeof(sev));
		sev.sigev_notify = SIGEV_SIGNAL;
		sev.sigev_signo = sig;
		if (timer_create(CLOCK_MONOTONIC, &sev, &wx_interval_timer) != 0)
			return wx_wasi_errno(errno);
		wx_interval_armed = true;
	} else {
		/* Re-create when the signal changes: a timer's signal is fixed
		 * at creation. */
		struct sigevent sev;
		timer_delete(wx_interval_timer);
		memset(&sev, 0, sizeof(sev));
		sev.sigev_notify = SIGEV_SIGNAL;
		sev.sigev_signo = sig;
		if (timer_create(CLOCK_MONOTONIC, &sev, &wx_interval_timer) != 0) {
			wx_interval_armed = false;
			return wx_wasi_errno(errno);
		}
	}
	its.it_value.tv_sec = (time_t)(interval_ns / 1000000000u);
	its.it_value.tv_nsec = (long)(interval_ns % 1000000000u);
	if (repeat)
		its.it_interval = its.it_value;
	/* An interval of 0 disarms (alarm(0)). */
	if (timer_settime(wx_interval_timer, 0, &its, NULL) != 0)
		return wx_wasi_errno(errno);
	return 0;
}
