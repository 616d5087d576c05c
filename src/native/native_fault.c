/*
 * native_fault.c - memory 0's bounds in native code are guard pages: this
 * turns their faults into traps.
 *
 * A 32-bit memory reserves every address a wasm access can form (u32
 * address + u32 offset + 16 bytes, runtime/memory.c); only [base, base +
 * size) is accessible, so an out-of-bounds access of generated code
 * faults instead of reaching other memory, and the generated code checks
 * nothing.  The handler claims a fault only when all of these hold, so a
 * fault of the runtime itself (a bug) still crashes as it would without
 * it:
 *  - the thread is inside a native entry (a guard pushed by native_rt.c's
 *    enter, innermost first);
 *  - the faulting address is in that entry's memory-0 reservation;
 *  - the faulting instruction is in the compiled object's code.
 * It then longjmps to the entry's setjmp with the instruction's address;
 * the entry finds the access's record (every guarded access records its
 * instruction's address, function and offset: native_emit_mem.inc) and
 * reports the trap as the interpreter would (the return addresses,
 * taken here by backtrace(), give the callers: native_trace.c).  Both
 * are safe in this handler because of what it interrupted: generated
 * code, which makes no libc call of its own and runs under no lock of
 * this thread (nothing deeper is in progress when the faulting
 * instruction is the object's), so what backtrace() does on its first
 * call - load the unwinder, libgcc_s, with malloc and the loader's lock
 * - is what it would do at any other point of the guest; loading it at
 * start-up instead cost every native run 0.4 ms.  SA_NODEFER leaves the
 * signal unblocked after the longjmp.
 *
 * Any other fault goes to the handler that was installed before (the
 * sanitizers', an embedder's), or to the default action.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "native_fault.h"

#include <errno.h>
#include <link.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <ucontext.h>

static __thread struct wx_native_guard *tl_guard
	__attribute__((tls_model("initial-exec")));

static struct sigaction old_segv, old_bus;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int init_err;

static uintptr_t fault_pc(void *ctx)
{
	const ucontext_t *uc = ctx;
#if defined(__x86_64__)
	return (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
	return (uintptr_t)uc->uc_mcontext.pc;
#else
	(void)uc;
	return 0;
#endif
}

static void pass_on(int sig, siginfo_t *si, void *ctx)
{
	const struct sigaction *o = sig == SIGBUS ? &old_bus : &old_segv;
	if (o->sa_flags & SA_SIGINFO) {
		o->sa_sigaction(sig, si, ctx);
		return;
	}
	if (o->sa_handler != SIG_DFL && o->sa_handler != SIG_IGN) {
		o->sa_handler(sig);
		return;
	}
	/* The default action: returning re-runs the instruction, which
	 * faults again and ends the process as it would have. */
	signal(sig, SIG_DFL);
}

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	struct wx_native_guard *g = tl_guard;
	uintptr_t a = (uintptr_t)si->si_addr, pc = fault_pc(ctx);
	if (g != NULL && a >= g->lo && a < g->hi && pc >= g->code_lo &&
	    pc < g->code_hi) {
		g->pc = pc;
		g->nbt = wx_native_backtrace(g->bt, WX_NATIVE_BT);
		longjmp(*g->jb, 2);
	}
	pass_on(sig, si, ctx);
}

static void install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSEGV, &sa, &old_segv) != 0 ||
	    sigaction(SIGBUS, &sa, &old_bus) != 0)
		init_err = errno;
}

int wx_native_fault_init(void)
{
	pthread_once(&once, install);
	return init_err;
}

void wx_native_guard_push(struct wx_native_guard *g)
{
	g->outer = tl_guard;
	tl_guard = g;
}

void wx_native_guard_pop(struct wx_native_guard *g)
{
	tl_guard = g->outer;
}

struct range_q {
	uintptr_t bias, lo, hi;
};

static int find_range(struct dl_phdr_info *info, size_t size, void *p)
{
	struct range_q *q = p;
	int i;
	(void)size;
	if ((uintptr_t)info->dlpi_addr != q->bias)
		return 0;
	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t lo = q->bias + ph->p_vaddr;
		if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
			continue;
		if (q->lo == 0 || lo < q->lo)
			q->lo = lo;
		if (lo + ph->p_memsz > q->hi)
			q->hi = lo + ph->p_memsz;
	}
	return 1;
}

int wx_native_code_range(uintptr_t bias, uintptr_t *lo, uintptr_t *hi)
{
	struct range_q q = {bias, 0, 0};
	dl_iterate_phdr(find_range, &q);
	if (q.hi == 0)
		return ENOENT;
	*lo = q.lo;
	*hi = q.hi;
	return 0;
}
