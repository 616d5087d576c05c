/*
 * libc_sigmask.c - the signal mask that wasix-libc does not keep.
 *
 * wasix-libc's pthread_sigmask() is `return 0` (it does not even write
 * the old set), sigsuspend() and sigpending() return EINVAL's number
 * without doing anything.  Real programs depend on the mask: bash and
 * busybox's shells block SIGCHLD between fork() and recording the child
 * in their job table, so that its handler cannot reap a child they do not
 * know yet; without the mask the handler reaps it unseen and the exit
 * status is lost (`true | false` gave 0, a missing command 0 instead of
 * 127, about one run in ten on a loaded machine).  dash waits for
 * children with sigsuspend(), which returned at once: a busy loop.
 *
 * DEVIATION (Wasmer runs these no-ops as they are): where the guest's
 * name section names one of these functions and its body is exactly the
 * known stub, the runtime makes that function a host function that keeps
 * the mask in the runtime's per-thread signal state - the same word that
 * holds signals back while their handlers run (signal.c), so delivery
 * honours it everywhere.  A program built with a libc that implements
 * these, or a stripped binary, is left alone.
 *
 * Guest sigset_t: wasix-libc's own, 8 bytes (not musl's 128: a larger
 * write would clobber the caller's stack), signal s is bit s-1; the
 * runtime's words have bit s.
 */
#include <signal.h>
#include <string.h>

#include "internal.h"

#define GUEST_SIGSET_SIZE 8
#define WASI_SIG_BLOCK 0
#define WASI_SIG_UNBLOCK 1
#define WASI_SIG_SETMASK 2

/* Signals a mask can hold: 1..63 but KILL and STOP (POSIX: silently
 * not blockable). */
#define MASKABLE (~1ull & ~(1ull << SIGKILL) & ~(1ull << SIGSTOP))

static int read_set(struct wx_proc *p, uint32_t addr, uint64_t *bits)
{
	const uint8_t *b = wx_wasi_mem(p->wasi, addr, GUEST_SIGSET_SIZE);
	if (b == NULL)
		return WX_WASI_EFAULT;
	*bits = (wx_get64(b) << 1) & MASKABLE;
	return 0;
}

static int write_set(struct wx_proc *p, uint32_t addr, uint64_t bits)
{
	uint8_t *b = wx_wasi_mem(p->wasi, addr, GUEST_SIGSET_SIZE);
	if (b == NULL)
		return WX_WASI_EFAULT;
	memset(b, 0, GUEST_SIGSET_SIZE);
	wx_put64(b, bits >> 1);
	return 0;
}

static uint64_t *pending_of(struct wx_thread *t, struct wx_proc *p)
{
	return t->owner != NULL ? &((struct wx_tinfo *)t->owner)->pending
				: &p->pending;
}

/* pthread_sigmask(how, set, oldset) -> error number */
static int shim_pthread_sigmask(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t how = wx_arg32(args, 0), set = wx_arg32(args, 1);
	uint32_t old = wx_arg32(args, 2);
	uint64_t *blocked = wx_signal_blocked_of(t, p), was = *blocked, bits = 0;
	int r = 0;
	if (set != 0) {
		if (how > WASI_SIG_SETMASK)
			r = WX_WASI_EINVAL;
		else
			r = read_set(p, set, &bits);
	}
	if (r == 0 && old != 0)
		r = write_set(p, old, was);
	if (r != 0) {
		args[0] = (uint32_t)r;
		return 0;
	}
	if (set != 0) {
		uint64_t now = how == WASI_SIG_BLOCK	  ? was | bits
			       : how == WASI_SIG_UNBLOCK ? was & ~bits
							 : bits;
		__atomic_store_n(blocked, now, __ATOMIC_SEQ_CST);
		/* What was held back and is deliverable now runs at the
		 * next safe point, right after this call. */
		wx_signal_unblocked(t, p);
	}
	args[0] = 0;
	return 0;
}

/* sigpending(set) -> 0 or -1 (errno is not touched: see set_errno) */
static int shim_sigpending(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint64_t pend = __atomic_load_n(pending_of(t, p), __ATOMIC_SEQ_CST);
	if (t->owner != NULL)
		pend |= __atomic_load_n(&p->pending, __ATOMIC_SEQ_CST);
	pend &= *wx_signal_blocked_of(t, p);
	args[0] = write_set(p, wx_arg32(args, 0), pend) == 0 ? 0 : (uint32_t)-1;
	return 0;
}

/* errno = e.  wasix-libc's errno is a thread-local at __tls_base + N,
 * and no function returns its address unless the program happens to
 * link __errno_location; libc's own sigprocmask (linked wherever these
 * stubs are) stores it as `global.get TLS; i32.const N; i32.add; ...`,
 * so TLS and N are read from that body.  Not found: errno is left. */
static void set_errno(struct wx_proc *p, struct wx_instance *inst,
		      uint32_t e)
{
	const struct wx_module *m = inst->module;
	const struct wx_funcdef *fd;
	const uint8_t *b, *end;
	uint32_t i, g, off;
	uint8_t *w;
	for (i = m->nfuncs_imported; i < m->nfuncs; i++)
		if (m->func_names[i] != NULL &&
		    strcmp(m->func_names[i], "sigprocmask") == 0)
			break;
	if (i == m->nfuncs)
		return;
	fd = &m->funcdefs[i - m->nfuncs_imported];
	b = m->bytes + fd->code_offset;
	end = b + fd->code_len;
	for (; b < end; b++) {
		const uint8_t *q;
		if (*b != 0x23 ||
		    (q = wx_code_leb_u32(b + 1, end, &g)) == NULL ||
		    q >= end || *q != 0x41 ||
		    (q = wx_code_leb_u32(q + 1, end, &off)) == NULL ||
		    q >= end || *q != 0x6a)
			continue;
		if (g >= m->nglobals ||
		    inst->globals[g]->type.type != WX_I32)
			return;
		w = wx_wasi_mem(p->wasi,
				(uint64_t)(uint32_t)inst->globals[g]->val[0] + off,
				4);
		if (w != NULL)
			wx_put32(w, e);
		return;
	}
}

/* sigsuspend(mask) -> -1, errno EINTR: the mask is `mask` until a signal
 * it lets through has been handled (its handler runs here, under that
 * mask, as POSIX says), then the old one again. */
static int shim_sigsuspend(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	struct wx_instance *inst = t->owner != NULL
					   ? ((struct wx_tinfo *)t->owner)->inst
					   : p->inst;
	uint64_t *blocked = wx_signal_blocked_of(t, p), was = *blocked, mask;
	uint64_t *pw = pending_of(t, p);
	sigset_t all, old;
	int r;
	if (read_set(p, wx_arg32(args, 0), &mask) != 0) {
		args[0] = (uint32_t)-1;
		set_errno(p, inst, WX_WASI_EFAULT);
		return 0;
	}
	__atomic_store_n(blocked, mask, __ATOMIC_SEQ_CST);
	/* Check-then-sleep without a lost wake-up: the host signals are
	 * held while we look, and sigsuspend lets them in atomically. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	for (;;) {
		uint32_t intr = __atomic_load_n(&t->interrupt, __ATOMIC_SEQ_CST);
		if ((__atomic_load_n(pw, __ATOMIC_SEQ_CST) & ~mask) != 0 ||
		    (intr & ~(WX_INTR_SIGNAL | WX_INTR_EINTR |
			      WX_INTR_RESTART)) != 0)
			break;
		sigsuspend(&old);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	r = wx_signal_deliver_set(t, p, inst, pw);
	__atomic_store_n(blocked, was, __ATOMIC_SEQ_CST);
	wx_signal_unblocked(t, p);
	if (r != 0)
		return r;
	args[0] = (uint32_t)-1;
	set_errno(p, inst, WX_WASI_EINTR);
	return 0;
}

struct shim {
	const char *name;
	uint8_t nparams;
	uint8_t stub[3]; /* the stub's body: i32.const N; end */
	wx_host_fn fn;
};

static const struct shim shims[] = {
	{"pthread_sigmask", 3, {0x41, 0x00, 0x0b}, shim_pthread_sigmask},
	{"sigpending", 1, {0x41, 0x1c, 0x0b}, shim_sigpending},
	{"sigsuspend", 1, {0x41, 0x1c, 0x0b}, shim_sigsuspend},
};

static const struct shim *shim_of(const struct wx_module *m, uint32_t i)
{
	const struct wx_funcdef *fd;
	const struct wx_functype *ft;
	size_t k;
	uint32_t j;
	if (m->func_names == NULL || m->func_names[i] == NULL ||
	    i < m->nfuncs_imported)
		return NULL;
	for (k = 0; k < sizeof(shims) / sizeof(shims[0]); k++)
		if (strcmp(m->func_names[i], shims[k].name) == 0)
			break;
	if (k == sizeof(shims) / sizeof(shims[0]))
		return NULL;
	fd = &m->funcdefs[i - m->nfuncs_imported];
	ft = wx_module_functype(m, i);
	if (fd->code_len != 3 ||
	    memcmp(m->bytes + fd->code_offset, shims[k].stub, 3) != 0 ||
	    ft->nparams != shims[k].nparams || ft->nresults != 1 ||
	    ft->types[ft->nparams] != WX_I32)
		return NULL;
	for (j = 0; j < ft->nparams; j++)
		if (ft->types[j] != WX_I32)
			return NULL;
	return &shims[k];
}

bool wx_libc_sigmask_is_stub(const struct wx_module *m, uint32_t funcidx)
{
	return shim_of(m, funcidx) != NULL;
}

/* Tell the tiers (native code calls defined functions directly) before
 * any module loads: whatever links WASIX's process model links this. */
__attribute__((constructor)) static void register_replaces(void)
{
	wx_module_host_replaces = wx_libc_sigmask_is_stub;
}

void wx_libc_sigmask_install(struct wx_proc *p, struct wx_instance *inst)
{
	const struct wx_module *m = inst->module;
	uint32_t i;
	if (m->func_names == NULL)
		return;
	for (i = m->nfuncs_imported; i < m->nfuncs; i++) {
		const struct shim *s = shim_of(m, i);
		if (s == NULL)
			continue;
		inst->funcs[i]->host = s->fn;
		inst->funcs[i]->host_ctx = p;
		inst->funcs[i]->host_name = s->name;
	}
}
