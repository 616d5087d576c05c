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
 * The guest's C stack is the host thread's: its depth is bounded by the
 * frame-address check each generated function makes against
 * stack_limit, computed once per host thread with a margin for the host
 * functions and signal handlers that run on top of guest frames.
 */
#include <errno.h>
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
#include "native_rt.h"

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
	jmp_buf jb;
	int status;
};

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

static __attribute__((noreturn)) void trap_at(struct nframe *nf, int kind,
					      uint32_t func, uint32_t off)
{
	struct wx_thread *t = nf->t;
	wx_thread_trap(t, (enum wx_trap)kind);
	t->trap_func = nf->inst->funcs[func];
	t->trap_offset = off;
	t->trap_trace[0].func = t->trap_func;
	t->trap_trace[0].offset = off;
	t->trap_depth = 1;
	leave(nf, WX_ETRAP);
}

static void rt_trap(wxn_ctx *c, int kind, uint32_t func, uint32_t off)
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
		/* Only the interpreter's stacks can be snapshotted yet
		 * (modules that import stack_checkpoint are refused). */
		snprintf(t->trap_detail, sizeof(t->trap_detail),
			 "a snapshot resume in the native tier");
		trap_at(nf, WX_TRAP_HOST, func, off);
	}
	if (r == WX_ETRAP && t->trap_func == NULL) {
		t->trap_func = nf->inst->funcs[func];
		t->trap_offset = off;
		t->trap_trace[0].func = t->trap_func;
		t->trap_trace[0].offset = off;
		t->trap_depth = 1;
	}
	leave(nf, r);
}

static void set_site(struct nframe *nf, uint32_t func, uint64_t *args)
{
	struct wx_thread *t = nf->t;
	t->site.func = nf->inst->funcs[func];
	t->site.ret_pc = NULL;
	t->site.fp = NULL;
	t->site.args = args;
	t->site.entry_frame = NULL;
}

static void run_interrupt(struct nframe *nf, uint32_t func, uint32_t off)
{
	struct wx_thread *t = nf->t;
	int r;
	if (t->on_interrupt == NULL)
		trap_at(nf, WX_TRAP_INTERRUPTED, func, off);
	set_site(nf, func, NULL);
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
		set_site(nf, func, args);
		r = f->host != NULL ? f->host(t, f->host_ctx, args)
				    : wx_call(t, f, args);
		if (r != WX_ERESTART)
			break;
		/* SA_RESTART: the handler runs, then the call again. */
		run_interrupt(nf, func, off);
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
	if (t->interrupt)
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
	if (nf->t->interrupt)
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
};

/* Room left below the guest's deepest frame for host functions (and the
 * sanitizers' larger frames) and signal handlers. */
#define WX_NATIVE_STACK_MARGIN (256u << 10)

static __thread char *tl_stack_limit;

static char *stack_limit(void)
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
	if (lo == NULL || size < 2 * WX_NATIVE_STACK_MARGIN ||
	    here < (char *)lo || here > (char *)lo + size)
		tl_stack_limit = here - (1u << 20); /* a guess: 1 MiB */
	else
		tl_stack_limit = (char *)lo + WX_NATIVE_STACK_MARGIN;
	return tl_stack_limit;
}

int wx_native_call(void *thread, void *func, uint64_t *args)
{
	struct wx_thread *t = thread;
	struct wx_func *f = func;
	const struct wx_native_loaded *ld = f->inst->module->tier_data;
	struct wx_thread *outer = wx_current_thread;
	struct wx_callsite site = t->site;
	struct nframe nf;
	int r;

	if (f->host != NULL)
		return f->host(t, f->host_ctx, args);
	memset(&nf.c, 0, sizeof(nf.c));
	nf.t = t;
	nf.inst = f->inst;
	nf.status = 0;
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
	/* The outermost entry's depth is what counts for a thread's
	 * setup (wasix/thread.c); a nested one (a handler) adds nothing. */
	if (t->native_depth == NULL)
		t->native_depth = &nf.c.depth;
	if (setjmp(nf.jb) == 0)
		r = ((const struct wxn_image *)ld->image)
			    ->entries[f->index](&nf.c, args);
	else
		r = nf.status;
	if (t->native_depth == &nf.c.depth)
		t->native_depth = NULL;
	t->site = site;
	wx_current_thread = outer;
	return r;
}
