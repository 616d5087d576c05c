/*
 * native_rt.c - what compiled modules call in the runtime (struct wxn_rt)
 * and the entry into compiled code (native_call, the module's tier_call).
 *
 * Leaving guest code: a trap, or a host function that ends the call (exit,
 * a trap of its own, an interrupt hook that ends the thread), longjmps to
 * the setjmp of the innermost native_call.  Only generated code lies
 * between the two (host functions have returned by then), so nothing of
 * the runtime is skipped.  A host function that calls back into wasm (a
 * signal handler, a start function) enters through native_call again,
 * with its own jump buffer.
 *
 * Guest code runs on the thread's native stack (native_stack.c; the
 * host thread's own when it cannot be mapped): its depth is bounded by
 * the frame-address check each generated function makes against
 * stack_limit, a margin above the stack's bottom for the host functions
 * and signal handlers that run on top of guest frames.
 *
 * A trap's guest call stack (t->trap_trace) is recovered from the
 * machine stack by unwinding it, as far as this entry goes
 * (native_trace.c has the design): trap_at for the runtime's traps,
 * fault_trap with the return addresses the fault handler took.
 *
 * Snapshots of native stacks (vfork, setjmp/longjmp: wx_snapshot_take)
 * without asyncify.  Design:
 *  - what a snapshot holds: the registers, saved by a host setjmp in
 *    the frame of the host call that asked for it (call_func, after the
 *    host function has returned, so that resuming is that call
 *    returning again: snap_take), and the used part of the native stack
 *    from below that frame up to the outermost entry's top (an anchor
 *    in run_entry's frame): every guest frame, every runtime frame
 *    between them, the entries' contexts.  O(stack in use), never
 *    O(memory); linear memory is not restored, as in the interpreter.
 *  - resuming (a host function returned WX_ERESUME): the entry the
 *    snapshot was taken in does it; a nested entry (a signal handler's)
 *    first returns WX_ERESUME through the host code that called it, as
 *    the interpreter's nested loops do.  The saved part is then copied
 *    back from below it: snap_restore makes sure it runs deeper than
 *    the saved part (alloca grows its frame past the part when the
 *    current call is shallower) and snap_jump copies and longjmps - so
 *    the frames copied over are never ones still in use, and no second
 *    stack and no per-arch code are needed.
 *  - the sanitizers: the copies are made by code that ASan does not
 *    check (the stack holds poisoned redzones), and the intercepted
 *    longjmp unpoisons the stack above its target; TSan's longjmp
 *    finds the setjmp it saw on the same fiber (the target is
 *    shallower than the jump).
 *  - a host fork copies the stack: a child's snapshots are valid in it;
 *    the records stay per thread (each host thread has its own stack).
 */
#include <alloca.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../runtime/runtime.h"
#include "native_abi.h"
#include "native_prelude.h"
#include "native_prelude_x.h"
#include "native_fault.h"
#include "native_rt.h"
#include "native_stack.h"
#include "native_trace.h"

WXN_ABI_DECLS(WXN_ABI_BODY)

/* The generated code's view of runtime objects must match them. */
_Static_assert(offsetof(struct wx_func, type) ==
		       offsetof(struct wxn_func, type) &&
	       offsetof(struct wx_func, inst) == offsetof(struct wxn_func, inst) &&
	       offsetof(struct wx_func, index) ==
		       offsetof(struct wxn_func, index),
	       "wxn_func mirrors wx_func");
_Static_assert(offsetof(struct wx_table, elems) ==
			       offsetof(struct wxn_table, elems) &&
		       offsetof(struct wx_table, size) ==
			       offsetof(struct wxn_table, size),
	       "wxn_table mirrors wx_table");
_Static_assert(offsetof(struct wx_globalinst, val) == 0,
	       "a global's value is its first word");
_Static_assert(WXN_TRAP_UNREACHABLE == WX_TRAP_UNREACHABLE &&
		       WXN_TRAP_OOB_MEMORY == WX_TRAP_OOB_MEMORY &&
		       WXN_TRAP_OOB_TABLE == WX_TRAP_OOB_TABLE &&
		       WXN_TRAP_DIV_ZERO == WX_TRAP_DIV_ZERO &&
		       WXN_TRAP_INT_OVERFLOW == WX_TRAP_INT_OVERFLOW &&
		       WXN_TRAP_INVALID_CONVERSION ==
			       WX_TRAP_INVALID_CONVERSION &&
		       WXN_TRAP_INDIRECT_NULL == WX_TRAP_INDIRECT_NULL &&
		       WXN_TRAP_INDIRECT_TYPE == WX_TRAP_INDIRECT_TYPE &&
		       WXN_TRAP_UNDEFINED_ELEMENT ==
			       WX_TRAP_UNDEFINED_ELEMENT &&
		       WXN_TRAP_STACK_EXHAUSTED == WX_TRAP_STACK_EXHAUSTED &&
		       WXN_TRAP_UNALIGNED_ATOMIC == WX_TRAP_UNALIGNED_ATOMIC,
	       "trap numbers");
_Static_assert(WXN_TRAP_NULL_EXNREF == WX_TRAP_NULL_EXNREF &&
		       offsetof(struct wx_exn, tag) ==
			       offsetof(struct wxn_exn, tag) &&
		       offsetof(struct wx_exn, pinned) ==
			       offsetof(struct wxn_exn, pinned) &&
		       offsetof(struct wx_exn, n) == offsetof(struct wxn_exn, n) &&
		       offsetof(struct wx_exn, vals) ==
			       offsetof(struct wxn_exn, vals),
	       "wxn_exn mirrors wx_exn");
_Static_assert(offsetof(struct wx_memory, base) ==
			       offsetof(struct wxn_mem, base) &&
		       offsetof(struct wx_memory, size) ==
			       offsetof(struct wxn_mem, size),
	       "wxn_mem mirrors wx_memory");

/* One entry into native code. */
struct nframe {
	wxn_ctx c; /* first: generated code's context is the frame */
	struct wx_thread *t;
	struct wx_instance *inst;
	struct wx_func *fn; /* the function entered */
	const struct wx_native_loaded *ld; /* its module's object */
	struct wx_native_entry ent;
	struct wx_native_guard guard;
	jmp_buf jb;
	int status;
};

static __thread uint64_t tl_serial;

static struct nframe *frame_of(wxn_ctx *c)
{
	return (struct nframe *)(void *)c;
}

static void refresh(struct nframe *nf)
{
	struct wx_memory *m0 =
		nf->inst->module->nmems > 0 ? nf->inst->mems[0] : NULL;
	nf->c.mem = m0 != NULL ? m0->base : NULL;
	nf->c.msize = m0 != NULL ? __atomic_load_n(&m0->size, __ATOMIC_ACQUIRE)
				 : 0;
}

static __attribute__((noreturn)) void leave(struct nframe *nf, int status)
{
	nf->status = status;
	longjmp(nf->jb, 1);
}

/* The trace of a trap at (func, off): that frame, then its callers in
 * this entry (native_trace.c), from the npcs return addresses pcs
 * (innermost first) that were taken where it happened.  `via_stub`: its
 * code called the runtime through the object's wxn_trap. */
static void trace_with(struct nframe *nf, uint32_t func, uint32_t off,
		       bool via_stub, void *const *pcs, int npcs)
{
	struct wx_thread *t = nf->t;
	t->trap_func = nf->inst->funcs[func];
	t->trap_offset = off;
	t->trap_trace[0].func = t->trap_func;
	t->trap_trace[0].offset = off;
	t->trap_depth = 1;
	t->trap_trace_cut = false;
	/* A function's entry check found the stack exhausted: the
	 * interpreter blames the call (the caller, at the call), and no
	 * function when the entered one has no caller. */
	if (t->trap == WX_TRAP_STACK_EXHAUSTED && via_stub && off == 0)
		t->trap_depth = 0;
	wx_native_trace(t, nf->inst, nf->ld, pcs, npcs, npcs == WX_NATIVE_BT,
			via_stub);
	if (t->trap_depth > 0) {
		t->trap_func = t->trap_trace[0].func;
		t->trap_offset = t->trap_trace[0].offset;
	} else {
		t->trap_func = NULL;
		t->trap_offset = 0;
	}
}

/* The same, with this thread's stack as it is now. */
static __attribute__((noinline)) void trace_at(struct nframe *nf,
					       uint32_t func, uint32_t off,
					       bool via_stub)
{
	void *pcs[WX_NATIVE_BT];
	int n = wx_native_backtrace(pcs, WX_NATIVE_BT);
	trace_with(nf, func, off, via_stub, pcs, n);
}

static __attribute__((noreturn)) void trap_from(struct nframe *nf, int kind,
						uint32_t func, uint32_t off,
						bool via_stub)
{
	wx_thread_trap(nf->t, (enum wx_trap)kind);
	trace_at(nf, func, off, via_stub);
	leave(nf, WX_ETRAP);
}

static __attribute__((noreturn)) void trap_at(struct nframe *nf, int kind,
					      uint32_t func, uint32_t off)
{
	trap_from(nf, kind, func, off, false);
}

/* A guard-page fault of this entry's code (native_fault.c): the access
 * is the one whose record names the faulting instruction, and its
 * callers are in the backtrace the fault handler took. */
static int fault_trap(struct nframe *nf, const struct wx_native_loaded *ld)
{
	const struct wxn_trap *e = wx_native_access_at(ld->image, nf->guard.pc);
	wx_thread_trap(nf->t, WX_TRAP_OOB_MEMORY);
	if (e != NULL && e->func < nf->inst->module->nfuncs)
		trace_with(nf, e->func, e->off, false, nf->guard.bt,
			   nf->guard.nbt);
	return WX_ETRAP;
}

/* Called only by the object's wxn_trap (native_prelude.h). */
static void rt_trap(wxn_ctx *c, int kind, uint32_t func, uint32_t off)
{
	trap_from(frame_of(c), kind, func, off, true);
}

void wx_native_trap(void *c, int kind, uint32_t func, uint32_t off)
{
	trap_at(frame_of(c), kind, func, off);
}

void wx_native_leave(void *c, int status)
{
	leave(frame_of(c), status);
}

void *wx_native_thread(void *c)
{
	return frame_of(c)->t;
}

/* ---- snapshots of the native stack (the design is above) ---- */

#if defined(__SANITIZE_ADDRESS__)
#define WX_NATIVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WX_NATIVE_ASAN 1
#endif
#endif

/* Stack bytes, redzones and all.  Under ASan a loop the compiler cannot
 * turn into a (checked) memcpy call. */
#ifdef WX_NATIVE_ASAN
__attribute__((no_sanitize_address)) static void
stack_copy(void *dst, const void *src, size_t n)
{
	volatile uint8_t *d = dst;
	const volatile uint8_t *p = src;
	size_t i;
	for (i = 0; i < n; i++)
		d[i] = p[i];
}
#else
static void stack_copy(void *dst, const void *src, size_t n)
{
	memcpy(dst, src, n);
}
#endif

/* An address below the caller's whole frame (its stack pointer at the
 * call is above this function's frame address). */
static __attribute__((noinline)) char *below_caller(void)
{
	char *fa = __builtin_frame_address(0);
	__asm__ volatile("" : : "r"(fa) : "memory");
	return (char *)(((uintptr_t)fa - 64) & ~(uintptr_t)63);
}

/* Take the pending snapshot s of the call nf is making: 0 taken, 1 when
 * it is resumed (the call returns again), -1 out of memory. */
static __attribute__((noinline)) int snap_take(struct nframe *nf,
					       struct wx_snapshot *s)
{
	char *lo;
	size_t n;
	if (setjmp(s->njb) != 0)
		return 1;
	lo = below_caller();
	n = (size_t)(nf->ent.top - lo);
	if (n > s->ncap) {
		uint8_t *b = malloc(n + n / 2);
		if (b == NULL) {
			s->nsp = NULL;
			return -1;
		}
		free(s->ncopy);
		s->ncopy = b;
		s->ncap = n + n / 2;
	}
	s->nsp = lo;
	s->nlen = n;
	stack_copy(s->ncopy, lo, n);
	return 0;
}

/* Copy the saved part back (this frame is below it) and continue in
 * snap_take. */
static __attribute__((noinline, noreturn)) void
snap_jump(const struct wx_snapshot *s)
{
	char *here = __builtin_frame_address(0);
	if (here >= s->nsp)
		abort(); /* restore() failed to get below: never */
	stack_copy(s->nsp, s->ncopy, s->nlen);
	longjmp(*(jmp_buf *)(void *)&s->njb, 1);
}

static __attribute__((noinline, noreturn)) void
snap_restore(const struct wx_snapshot *s)
{
	char *here = __builtin_frame_address(0);
	if ((uintptr_t)here + 4096 > (uintptr_t)s->nsp) {
		/* Shallower than the snapshot's call: grow this frame
		 * past the part to copy (the part was in use, so the room
		 * is there and below the stack limit's margin). */
		size_t grow = (size_t)((uintptr_t)here + 4096 -
				       (uintptr_t)s->nsp);
		volatile char *pad = alloca(grow);
		pad[0] = 0;
		__asm__ volatile("" : : "r"(pad) : "memory");
		snap_jump(s);
	}
	snap_jump(s);
}

/* Whether entry e is live on t (this one or one it is nested in). */
static bool entry_live(const struct wx_thread *t,
		       const struct wx_native_entry *e, uint64_t serial)
{
	const struct wx_native_entry *x;
	for (x = t->native_entry; x != NULL; x = x->outer)
		if (x == e && x->serial == serial)
			return true;
	return false;
}

/* A status other than 0 from a host function or hook ends the call; an
 * exception it let through is thrown on from here (native_rt_eh.c). */
static __attribute__((noreturn)) void fail(struct nframe *nf, int r,
					   uint32_t func, uint32_t off)
{
	struct wx_thread *t = nf->t;
	if (r == WX_EEXCEPTION && t->exn != NULL) {
		void *e = t->exn;
		t->exn = NULL;
		wx_native_throw_to(&nf->c, e, nf->c.eh);
	}
	if (r == WX_ERESUME) {
		const struct wx_snapshot *s = t->resume;
		if (s != NULL && s->site.native == &nf->ent &&
		    s->native_serial == nf->ent.serial && s->nsp != NULL) {
			t->resume = NULL;
			snap_restore(s);
		}
		/* An outer entry's: leave this one (a signal handler's)
		 * through the host code that entered it. */
		if (s != NULL && s->site.native != NULL && s->nsp != NULL &&
		    entry_live(t, s->site.native, s->native_serial))
			leave(nf, WX_ERESUME);
		snprintf(t->trap_detail, sizeof(t->trap_detail),
			 "a snapshot resume that is not of this native "
			 "stack");
		trap_at(nf, WX_TRAP_HOST, func, off);
	}
	if (r == WX_ETRAP && t->trap_func == NULL)
		trace_at(nf, func, off, false);
	leave(nf, r);
}

/* Another instance's wasm function, called at (func, off), trapped:
 * the interpreter runs it in the caller's loop and shows the caller's
 * frames after its own, so this entry's frames follow the callee's. */
static __attribute__((noinline)) void trace_on(struct nframe *nf,
					       uint32_t func, uint32_t off)
{
	struct wx_thread *t = nf->t;
	void *pcs[WX_NATIVE_BT];
	int n;
	if (t->trap_trace_cut)
		return;
	if (t->trap_depth >= WX_TRAP_TRACE_MAX) {
		t->trap_trace_cut = true;
		return;
	}
	n = wx_native_backtrace(pcs, WX_NATIVE_BT);
	t->trap_trace[t->trap_depth].func = nf->inst->funcs[func];
	t->trap_trace[t->trap_depth++].offset = off;
	wx_native_trace(t, nf->inst, nf->ld, pcs, n, n == WX_NATIVE_BT,
			false);
}

static void set_site(struct nframe *nf, uint32_t func, uint32_t off,
		     uint64_t *args, char *sp)
{
	struct wx_thread *t = nf->t;
	t->site.func = nf->inst->funcs[func];
	t->site.ret_pc = NULL;
	t->site.fp = NULL;
	t->site.args = args;
	t->site.entry_frame = NULL;
	t->site.native = &nf->ent;
	t->site.native_sp = sp;
	t->site.native_off = off;
	t->native_depth =
		nf->ent.outer == NULL && nf->inst->funcs[func] == nf->fn ? 1
									 : 2;
}

static void run_interrupt(struct nframe *nf, uint32_t func, uint32_t off)
{
	struct wx_thread *t = nf->t;
	int r;
	if (t->on_interrupt == NULL)
		trap_at(nf, WX_TRAP_INTERRUPTED, func, off);
	set_site(nf, func, off, NULL, __builtin_frame_address(0));
	r = t->on_interrupt(t, t->on_interrupt_ctx);
	if (r != 0)
		fail(nf, r, func, off);
	refresh(nf);
}

static void call_func(struct nframe *nf, struct wx_func *f, uint64_t *args,
		      uint32_t func, uint32_t off)
{
	struct wx_thread *t = nf->t;
	int r;
	for (;;) {
		set_site(nf, func, off, args, __builtin_frame_address(0));
		r = f->host != NULL ? f->host(t, f->host_ctx, args)
				    : wx_call(t, f, args);
		if (r == WX_ETRAP && f->host == NULL && t->trap_depth > 0)
			trace_on(nf, func, off);
		if (r != WX_ERESTART)
			break;
		/* SA_RESTART: the handler runs, then the call again. */
		run_interrupt(nf, func, off);
	}
	if (t->snap_pending != NULL) {
		/* The host function asked for a snapshot (vfork, setjmp):
		 * taken here, where resuming it makes this call return
		 * again, with the result the resume gives. */
		struct wx_snapshot *s = t->snap_pending;
		t->snap_pending = NULL;
		s->pending_on = NULL;
		if (r == 0 && s->site.native == &nf->ent) {
			int k = snap_take(nf, s);
			if (k < 0) {
				snprintf(t->trap_detail,
					 sizeof(t->trap_detail),
					 "out of memory saving the stack");
				trap_at(nf, WX_TRAP_HOST, func, off);
			}
			if (k > 0)
				args[0] = t->resume_result;
		}
	}
	if (r != 0)
		fail(nf, r, func, off);
	refresh(nf);
	if (t->signals_deferred) {
		t->signals_deferred = false;
		__atomic_or_fetch(&t->interrupt, WX_INTR_SIGNAL,
				  __ATOMIC_SEQ_CST);
	}
	/* A signal that came during the call is handled before the guest
	 * sees the result (as in the interpreter). */
	if (__atomic_load_n(&t->interrupt, __ATOMIC_RELAXED))
		run_interrupt(nf, func, off);
}

static void rt_call(wxn_ctx *c, uint32_t callee, uint64_t *args,
		    uint32_t func, uint32_t off)
{
	struct nframe *nf = frame_of(c);
	call_func(nf, nf->inst->funcs[callee], args, func, off);
}

static void rt_call_ref(wxn_ctx *c, struct wxn_func *callee, uint64_t *args,
			uint32_t func, uint32_t off)
{
	call_func(frame_of(c), (struct wx_func *)(void *)callee, args, func,
		  off);
}

static void rt_interrupt(wxn_ctx *c, uint32_t func, uint32_t off)
{
	struct nframe *nf = frame_of(c);
	if (__atomic_load_n(&nf->t->interrupt, __ATOMIC_RELAXED))
		run_interrupt(nf, func, off);
}

static uint32_t rt_mem_grow(wxn_ctx *c, uint32_t delta)
{
	struct nframe *nf = frame_of(c);
	int64_t old = wx_memory_grow(nf->inst->mems[0], delta);
	refresh(nf);
	return (uint32_t)old;
}

static void rt_mem_init(wxn_ctx *c, uint32_t seg, uint32_t d, uint32_t s,
			uint32_t n, uint32_t func, uint32_t off)
{
	struct nframe *nf = frame_of(c);
	struct wx_instance *inst = nf->inst;
	const struct wx_data *sg = &inst->module->datas[seg];
	uint64_t len = inst->data_dropped[seg] ? 0 : sg->data_len;
	refresh(nf);
	if ((uint64_t)s + n > len || (uint64_t)d + n > c->msize)
		trap_at(nf, WX_TRAP_OOB_MEMORY, func, off);
	memcpy(c->mem + d, inst->module->bytes + sg->data_offset + s, n);
}

static void rt_data_drop(wxn_ctx *c, uint32_t seg)
{
	frame_of(c)->inst->data_dropped[seg] = true;
}

static uint32_t rt_table_grow(wxn_ctx *c, uint32_t tab, uint64_t init,
			      uint32_t delta)
{
	return (uint32_t)wx_table_grow(frame_of(c)->inst->tables[tab], delta,
				       init);
}

static void rt_table_fill(wxn_ctx *c, uint32_t tab, uint32_t d, uint64_t val,
			  uint32_t n, uint32_t func, uint32_t off)
{
	struct nframe *nf = frame_of(c);
	struct wx_table *tb = nf->inst->tables[tab];
	uint64_t k;
	if ((uint64_t)d + n > tb->size)
		trap_at(nf, WX_TRAP_OOB_TABLE, func, off);
	for (k = 0; k < n; k++)
		tb->elems[d + k] = val;
}

static void rt_table_copy(wxn_ctx *c, uint32_t dt, uint32_t st, uint32_t d,
			  uint32_t s, uint32_t n, uint32_t func, uint32_t off)
{
	struct nframe *nf = frame_of(c);
	struct wx_table *td = nf->inst->tables[dt], *ts = nf->inst->tables[st];
	if ((uint64_t)s + n > ts->size || (uint64_t)d + n > td->size)
		trap_at(nf, WX_TRAP_OOB_TABLE, func, off);
	memmove(td->elems + d, ts->elems + s, (size_t)n * sizeof(uint64_t));
}

static void rt_table_init(wxn_ctx *c, uint32_t tab, uint32_t seg, uint32_t d,
			  uint32_t s, uint32_t n, uint32_t func, uint32_t off)
{
	struct nframe *nf = frame_of(c);
	struct wx_instance *inst = nf->inst;
	const struct wx_elem *e = &inst->module->elems[seg];
	struct wx_table *tb = inst->tables[tab];
	uint64_t len = inst->elem_dropped[seg] ? 0 : e->count, k;
	if ((uint64_t)s + n > len || (uint64_t)d + n > tb->size)
		trap_at(nf, WX_TRAP_OOB_TABLE, func, off);
	for (k = 0; k < n; k++) {
		uint64_t v[2];
		if (e->funcs != NULL) {
			v[0] = (uint64_t)(uintptr_t)inst->funcs[e->funcs[s + k]];
		} else {
			wx_constexpr_eval(inst, &e->exprs[s + k], v);
		}
		tb->elems[d + k] = v[0];
	}
}

static void rt_elem_drop(wxn_ctx *c, uint32_t seg)
{
	frame_of(c)->inst->elem_dropped[seg] = true;
}

/* The slow path of a bounds check: another thread may have grown a
 * shared memory since this code last looked at its size. */
static uint64_t rt_mem_check(wxn_ctx *c, uint64_t end, uint32_t func,
			     uint32_t off)
{
	struct nframe *nf = frame_of(c);
	refresh(nf);
	if (end > c->msize)
		trap_at(nf, WX_TRAP_OOB_MEMORY, func, off);
	return c->msize;
}

static uint64_t rt_mem_size(wxn_ctx *c)
{
	refresh(frame_of(c));
	return c->msize;
}

static uint32_t rt_atomic_wait(wxn_ctx *c, uint64_t ea, uint64_t expected,
			       uint64_t timeout, int is64, uint32_t func,
			       uint32_t off)
{
	struct nframe *nf = frame_of(c);
	struct wx_memory *m0 = nf->inst->mems[0];
	int r;
	if (!m0->shared)
		trap_at(nf, WX_TRAP_EXPECTED_SHARED, func, off);
	for (;;) {
		r = wx_atomic_wait(nf->t, m0, ea, expected, is64 != 0,
				   (int64_t)timeout);
		if (r >= 0)
			return (uint32_t)r;
		/* Kicked: deliver the interrupt, then wait again. */
		run_interrupt(nf, func, off);
	}
}

static uint32_t rt_atomic_notify(wxn_ctx *c, uint64_t ea, uint32_t count)
{
	struct wx_memory *m0 = frame_of(c)->inst->mems[0];
	return m0->shared ? wx_atomic_notify(m0, ea, count) : 0;
}

static int rt_host_fn(wxn_ctx *c, uint32_t idx, uint64_t *args)
{
	struct nframe *nf = frame_of(c);
	struct wx_func *f = nf->inst->funcs[idx];
	if (f->host == NULL)
		return 0;
	call_func(nf, f, args, idx, 0);
	return 1;
}

static const struct wxn_rt rt = {
	.mem_check = rt_mem_check,
	.mem_size = rt_mem_size,
	.atomic_wait = rt_atomic_wait,
	.atomic_notify = rt_atomic_notify,
	.trap = rt_trap,
	.call = rt_call,
	.call_ref = rt_call_ref,
	.interrupt = rt_interrupt,
	.mem_grow = rt_mem_grow,
	.mem_init = rt_mem_init,
	.data_drop = rt_data_drop,
	.table_grow = rt_table_grow,
	.table_fill = rt_table_fill,
	.table_copy = rt_table_copy,
	.table_init = rt_table_init,
	.elem_drop = rt_elem_drop,
	.exn_new = wx_native_exn_new,
	.throw_to = wx_native_throw_to,
	.mem_check_x = wx_native_mem_check_x,
	.mem_size_x = wx_native_mem_size_x,
	.mem_grow_x = wx_native_mem_grow_x,
	.mem_copy_x = wx_native_mem_copy_x,
	.mem_fill_x = wx_native_mem_fill_x,
	.mem_init_x = wx_native_mem_init_x,
	.host_fn = rt_host_fn,
};

static __thread char *tl_stack_limit;

/* The bound on the host thread's own stack, where guest code runs when
 * its native stack could not be mapped. */
static char *host_stack_limit(void)
{
	pthread_attr_t a;
	void *lo = NULL;
	size_t size = 0;
	char *here = (char *)__builtin_frame_address(0);
	if (tl_stack_limit != NULL)
		return tl_stack_limit;
	if (pthread_getattr_np(pthread_self(), &a) == 0) {
		if (pthread_attr_getstack(&a, &lo, &size) != 0)
			lo = NULL;
		pthread_attr_destroy(&a);
	}
	if (lo == NULL || size < 2 * WX_NSTACK_MARGIN ||
	    here < (char *)lo || here > (char *)lo + size)
		tl_stack_limit = here - (1u << 20); /* a guess: 1 MiB */
	else
		tl_stack_limit = (char *)lo + WX_NSTACK_MARGIN;
	return tl_stack_limit;
}

/* What the fault handler needs of this entry; false when memory 0 is a
 * 32-bit memory without its guard region (the address space was
 * limited: runtime/memory.c), which generated code, checking nothing,
 * cannot run on. */
static bool guard_setup(struct nframe *nf, const struct wx_native_loaded *ld)
{
	struct wx_memory *m0 =
		nf->inst->module->nmems > 0 ? nf->inst->mems[0] : NULL;
	memset(&nf->guard, 0, offsetof(struct wx_native_guard, bt));
	nf->guard.jb = &nf->jb;
	nf->guard.code_lo = ld->code_lo;
	nf->guard.code_hi = ld->code_hi;
	if (m0 == NULL || m0->is64)
		return true;
	nf->guard.lo = (uintptr_t)m0->base;
	nf->guard.hi = (uintptr_t)m0->base + m0->reserved;
	return m0->guarded || !WX_NATIVE_GUARD_PAGES;
}

static char *stack_limit(void)
{
	char *lo = wx_nstack_lo();
	return lo != NULL ? lo + WX_NSTACK_MARGIN : host_stack_limit();
}

/* One entry; `top` is in the caller's frame, above all of this one. */
static __attribute__((noinline)) int enter(struct wx_thread *t,
					   struct wx_func *f, uint64_t *args,
					   char *top)
{
	const struct wx_native_loaded *ld = f->inst->module->tier_data;
	struct wx_thread *outer = wx_current_thread;
	struct wx_callsite site = t->site;
	struct nframe nf;
	uint32_t depth;
	int r, j;

	memset(&nf.c, 0, sizeof(nf.c));
	nf.t = t;
	nf.inst = f->inst;
	nf.fn = f;
	nf.ld = ld;
	nf.status = 0;
	nf.ent.outer = t->native_entry;
	nf.ent.serial = ++tl_serial;
	nf.ent.top = t->native_entry != NULL ? t->native_entry->top : top;
	t->native_entry = &nf.ent;
	nf.c.intr = &t->interrupt;
	nf.c.stack_limit = stack_limit();
	nf.c.inst = f->inst;
	nf.c.funcs = (struct wxn_func **)(void *)f->inst->funcs;
	nf.c.globals = (uint64_t **)(void *)f->inst->globals;
	nf.c.tables = (struct wxn_table **)(void *)f->inst->tables;
	nf.c.types = (const void *const *)(const void *)f->inst->module->types;
	nf.c.rt = &rt;
	nf.c.tags = (void *const *)(void *)f->inst->tags;
	nf.c.mems = (struct wxn_mem *const *)(void *)f->inst->mems;
	refresh(&nf);
	wx_current_thread = t;
	/* What thread setup asks (runtime.h): set_site refines it at
	 * each safe point; a nested entry (a handler) is deeper. */
	depth = t->native_depth;
	t->native_depth = depth == 0 ? 1 : 2;
	if (!guard_setup(&nf, ld)) {
		wx_thread_trap(t, WX_TRAP_HOST);
		snprintf(t->trap_detail, sizeof(t->trap_detail),
			 "native code needs memory 0's guard region (8 GiB of "
			 "address space), which could not be reserved: run it "
			 "with --tier=interp");
		r = WX_ETRAP;
		goto out;
	}
	wx_native_guard_push(&nf.guard);
	j = setjmp(nf.jb);
	if (j == 0)
		r = ((const struct wxn_image *)ld->image)
			    ->entries[f->index](&nf.c, args);
	else if (j == 2)
		r = fault_trap(&nf, ld);
	else
		r = nf.status;
	wx_native_guard_pop(&nf.guard);
out:
	t->native_depth = depth;
	t->native_entry = nf.ent.outer;
	t->site = site;
	wx_current_thread = outer;
	return r;
}

struct entry_args {
	struct wx_thread *t;
	struct wx_func *f;
	uint64_t *args;
	int r;
};

static void run_entry(void *p)
{
	struct entry_args *a = p;
	/* The top of what a snapshot of this entry copies (enter()'s
	 * frame is below it); only the outermost entry's counts. */
	volatile char anchor = 0;
	a->r = enter(a->t, a->f, a->args, (char *)&anchor);
	__asm__ volatile("" : : "r"(&anchor) : "memory");
}

int wx_native_call(void *thread, void *func, uint64_t *args)
{
	struct entry_args a = {thread, func, args, 0};
	if (a.f->host != NULL)
		return a.f->host(a.t, a.f->host_ctx, args);
	/* The outermost entry switches to the thread's native stack; a
	 * nested one (a signal handler, a start function) stays where it
	 * is, as does everything when the stack cannot be mapped. */
	if (a.t->native_entry == NULL && !wx_nstack_on() &&
	    wx_nstack_run(run_entry, &a) == 0)
		return a.r;
	run_entry(&a);
	return a.r;
}
