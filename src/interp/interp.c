/*
 * interp.c - the interpreter loop: runs the slot code of code.h.
 *
 * Threaded dispatch with computed goto: each instruction's first word is
 * the distance of its handler from the `base` label, so dispatch is one
 * load and one indirect jump.  The hot state lives in C locals: pc, fp
 * (current frame's slot 0), the instance and the base/size of memory 0.
 *
 * Wasm-to-wasm calls never recurse on the C stack: the caller's state is
 * pushed on the thread's frame stack and the loop continues in the
 * callee.  The C stack only grows through host functions that call back
 * into wasm (wx_call is re-entrant).  A frame whose ret_pc is NULL is the
 * sentinel of one wx_call: returning to it leaves the loop.
 *
 * Traps leave the loop with WX_ETRAP after recording kind, function and
 * byte offset in the thread; the frame stack is reset to this entry.
 * Wasm exceptions unwind the frame stack (do_throw; the design is in
 * compile_eh.c) and leave the loop with WX_EEXCEPTION when no frame of
 * this entry catches them.  A tail call enters the callee in the
 * caller's frame.
 *
 * The interrupt word is checked on every call and backward branch.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../runtime/runtime.h"
#include "code.h"
#include "compile.h"
#include "interp_simd.h"
#include "numeric.h"

int32_t wx_interp_handler[WX_NUM_OPS];

/* Where a host function reached by a tail call returns to: one ret0, so
 * the tail-calling frame ends as soon as the host function does (its
 * results are already in the frame's first slots). */
static uint32_t tail_stub[1];

/* Cache-line aligned: the handlers' placement relative to cache lines
 * then depends on this file alone.  Unaligned, a change anywhere else in
 * the binary shifted it and moved matmul by 10% (1.50 vs 1.68 s). */
__attribute__((aligned(64))) static int run(struct wx_thread *t,
					    struct wx_func *entry,
					    uint64_t *efp, bool init);

#ifdef WX_OPSTATS
/* A profiling build (make CFLAGS=-DWX_OPSTATS REL=build/ops): counts every dispatched op and
 * every pair of consecutive ops, printed to stderr at exit, to find the
 * sequences worth fusing.  Single-threaded use only. */
static const char *const opstat_names[WX_NUM_OPS] = {
#define OP(code, ident, name, imm, sig, align) [WX_OP_##ident] = #ident,
#include "../core/opcodes.def"
#define XOP(ident) [WX_OP_##ident] = #ident,
#include "ops.def"
};
static int32_t opstat_min;
static uint16_t *opstat_of;      /* handler distance - opstat_min -> op */
static uint64_t opstat_n[WX_NUM_OPS];
static uint64_t (*opstat_pair)[WX_NUM_OPS];
static unsigned opstat_prev;

static void opstats_dump(void)
{
	uint64_t total = 0, best;
	unsigned i, j, k, bi = 0, bj = 0;
	for (i = 0; i < WX_NUM_OPS; i++)
		total += opstat_n[i];
	fprintf(stderr, "opstats: %llu ops\n", (unsigned long long)total);
	for (k = 0; k < 40; k++) {
		best = 0;
		for (i = 0; i < WX_NUM_OPS; i++)
			if (opstat_n[i] > best)
				best = opstat_n[i], bi = i;
		if (best == 0)
			break;
		fprintf(stderr, "  %5.2f%% %s\n", 100.0 * best / total,
			opstat_names[bi]);
		opstat_n[bi] = 0;
	}
	for (k = 0; k < 40; k++) {
		best = 0;
		for (i = 0; i < WX_NUM_OPS; i++)
			for (j = 0; j < WX_NUM_OPS; j++)
				if (opstat_pair[i][j] > best)
					best = opstat_pair[i][j], bi = i, bj = j;
		if (best == 0)
			break;
		fprintf(stderr, "  %5.2f%% %s -> %s\n", 100.0 * best / total,
			opstat_names[bi], opstat_names[bj]);
		opstat_pair[bi][bj] = 0;
	}
}

static void opstats_init(void)
{
	int32_t lo = INT32_MAX, hi = INT32_MIN;
	unsigned i;
	for (i = 0; i < WX_NUM_OPS; i++) {
		lo = wx_interp_handler[i] < lo ? wx_interp_handler[i] : lo;
		hi = wx_interp_handler[i] > hi ? wx_interp_handler[i] : hi;
	}
	opstat_min = lo;
	opstat_of = calloc((size_t)(hi - lo + 1), sizeof(*opstat_of));
	opstat_pair = calloc(WX_NUM_OPS, sizeof(*opstat_pair));
	if (opstat_of == NULL || opstat_pair == NULL)
		abort();
	/* Ops sharing a handler count as the last one listed. */
	for (i = 0; i < WX_NUM_OPS; i++)
		opstat_of[wx_interp_handler[i] - lo] = (uint16_t)i;
	atexit(opstats_dump);
}

/* With WX_DUMP=funcidx (or "all"), print each translated function: one
 * line per recorded instruction position, its op and operand words. */
void wx_opstats_dump_code(const struct wx_code *code, uint32_t funcidx)
{
	const char *want = getenv("WX_DUMP");
	uint32_t i, w, end;
	if (want == NULL ||
	    (strcmp(want, "all") != 0 && strtoul(want, NULL, 0) != funcidx))
		return;
	fprintf(stderr, "func %u: %u words, %u locals, frame %u\n", funcidx,
		code->nwords, code->nlocals, code->frame_size);
	for (i = 0; i < code->npos; i++) {
		w = code->pos[i].word;
		end = i + 1 < code->npos ? code->pos[i + 1].word : code->nwords;
		fprintf(stderr, "  %5u @%-6u %s", w, code->pos[i].offset,
			opstat_names[opstat_of[(int32_t)code->words[w] -
					       opstat_min]]);
		for (w++; w < end; w++)
			fprintf(stderr, " %d", (int32_t)code->words[w]);
		fputc('\n', stderr);
	}
}

static inline void wx_opstats_count(uint32_t h)
{
	unsigned op = opstat_of[(int32_t)h - opstat_min];
	opstat_n[op]++;
	opstat_pair[opstat_prev][op]++;
	opstat_prev = op;
}
#endif

static void interp_init_once(void)
{
	run(NULL, NULL, NULL, true);
	wx_interp_register(); /* engine.c */
}

void wx_interp_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, interp_init_once);
}

/* Reference to element i of segment `seg`, evaluated in `inst`. */
static uint64_t elem_value(struct wx_instance *inst, const struct wx_elem *e,
			   uint32_t i)
{
	uint64_t v[2];
	if (e->funcs != NULL)
		return (uint64_t)(uintptr_t)inst->funcs[e->funcs[i]];
	if (inst->elem_vals != NULL) /* evaluated at instantiation */
		return inst->elem_vals[e - inst->module->elems][i];
	wx_constexpr_eval(inst, &e->exprs[i], v);
	return v[0];
}

__thread struct wx_thread *wx_current_thread;

/* Record the guest call stack of a trap (t->trap_trace): the trapping
 * function, then each caller at the call it made, down to entry_frame.
 * Each frame above entry_frame holds its caller and return position. */
static void trace_trap(struct wx_thread *t, const struct wx_frame *entry_frame)
{
	const struct wx_frame *f;
	uint32_t n = 0;

	if (t->trap_func != NULL) {
		t->trap_trace[n].func = t->trap_func;
		t->trap_trace[n++].offset = t->trap_offset;
	}
	for (f = t->frame_top; f > entry_frame && n < WX_TRAP_TRACE_MAX;) {
		const struct wx_func *fn = (--f)->func;
		if (fn == NULL)
			continue;
		t->trap_trace[n].func = fn;
		t->trap_trace[n++].offset =
			fn->code != NULL && f->ret_pc != NULL
				? wx_code_offset(fn->code,
						 (uint32_t)(f->ret_pc -
							    fn->code->words) -
							 1)
				: 0;
	}
	t->trap_depth = n;
	t->trap_trace_cut = false;
	for (; f > entry_frame; f--)
		if (f[-1].func != NULL)
			t->trap_trace_cut = true;
}

int wx_interp_call(struct wx_thread *t, struct wx_func *f, uint64_t *args)
{
	struct wx_thread *outer = wx_current_thread;
	struct wx_callsite site;
	uint64_t *base;
	uint32_t n, i;
	int ret;
	if (f->host != NULL)
		return f->host(t, f->host_ctx, args);
	wx_current_thread = t;
	base = t->frame_top == t->frames ? t->stack : t->host_sp;
	if (base == NULL)
		base = t->stack;
	n = f->type->nparams > f->type->nresults ? f->type->nparams
						 : f->type->nresults;
	if (base + n + 1 > t->stack_end)
		return wx_thread_trap(t, WX_TRAP_STACK_EXHAUSTED);
	if (wx_v128_args(t, f->type, args, base)) { /* interp_simd.c */
		ret = run(t, f, base, false);
		wx_current_thread = outer;
		if (ret == 0)
			wx_v128_results(t, f->type, args, base);
		return ret;
	}
	for (i = 0; i < f->type->nparams; i++)
		base[i] = args[i];
	/* A nested call (a signal handler, a start function) leaves the
	 * host call that made it as it found it: the site describes that
	 * host call's caller again afterwards. */
	site = t->site;
	ret = run(t, f, base, false);
	t->site = site;
	wx_current_thread = outer;
	if (ret == 0)
		for (i = 0; i < f->type->nresults; i++)
			args[i] = base[i];
	return ret;
}

#define WX_DISPATCH_OPS /* the op list below mirrors code.h */

/* Guest memory is shared between threads and the threads proposal allows
 * racy plain accesses to it, so ThreadSanitizer is told to leave the
 * interpreter loop alone: it still checks the runtime around it. */
__attribute__((no_sanitize("thread")))
static int run(struct wx_thread *t, struct wx_func *entry, uint64_t *efp,
	       bool init)
{
	static const void *const labels[WX_NUM_OPS] = {
#define OP(code, ident, name, imm, sig, align) [WX_OP_##ident] = &&L_##ident,
#include "../core/opcodes.def"
#define XOP(ident) [WX_OP_##ident] = &&L_##ident,
#include "ops.def"
	};
	const uint32_t *pc;
	uint64_t *fp;
	struct wx_func *cur;
	struct wx_instance *inst;
	struct wx_memory *m0;
	uint8_t *mem;
	uint64_t msize;
	struct wx_frame *entry_frame;
	struct wx_func *callee;
	uint64_t *nfp;
	const uint32_t *ret_pc;
	enum wx_trap trap;
	uint32_t throw_pos; /* do_throw: word of cur's code; UINT32_MAX none */

	if (init) {
		size_t i;
		for (i = 0; i < WX_NUM_OPS; i++)
			wx_interp_handler[i] =
				(int32_t)((const char *)labels[i] -
					  (const char *)&&L_base);
		tail_stub[0] = (uint32_t)wx_interp_handler[WX_OP_ret0];
#ifdef WX_OPSTATS
		opstats_init();
#endif
		return 0;
	}

#define R(i) fp[pc[i]]
#ifdef WX_OPSTATS
#define NEXT()                                                           \
	do {                                                             \
		wx_opstats_count(*pc);                                   \
		goto *(const void *)((const char *)&&L_base +            \
				     (int32_t)*pc);                      \
	} while (0)
#else
#define NEXT() goto *(const void *)((const char *)&&L_base + (int32_t)*pc)
#endif
#define LOAD_MEM()                                                       \
	do {                                                             \
		m0 = inst->module->nmems ? inst->mems[0] : NULL;         \
		mem = m0 ? m0->base : NULL;                              \
		msize = m0 ? m0->size : 0;                               \
	} while (0)
#define TRAP(k)                                                          \
	do {                                                             \
		trap = (k);                                              \
		goto do_trap;                                            \
	} while (0)

	if (t->frame_top >= t->frames_end)
		return wx_thread_trap(t, WX_TRAP_STACK_EXHAUSTED);
	entry_frame = t->frame_top;
	t->frame_top->func = NULL;
	t->frame_top->ret_pc = NULL;
	/* The sentinel of a loop nested in a host call (a signal handler
	 * at a safe point) keeps the frame of the function that made the
	 * call or was interrupted there: a longjmp out of the handler
	 * checks that the function that called setjmp is still live. */
	t->frame_top->fp = entry_frame > t->frames ? t->site.fp : NULL;
	t->frame_top++;
	cur = NULL;
	pc = NULL;
	fp = efp;
	inst = NULL;
	m0 = NULL;
	mem = NULL;
	msize = 0;
	callee = entry;
	nfp = efp;
	goto enter;

L_base:
	/* Never executed: the anchor for handler distances. */
	TRAP(WX_TRAP_UNREACHABLE);

	/* ---- calls and returns ---- */
L_call_:
	callee = inst->funcs[pc[1]];
	nfp = fp + pc[2];
	ret_pc = pc + 3;
	goto do_call;
/* call_indirect and return_call_indirect: the callee from table pc[1] at
 * the index in slot pc[3], checked against type pc[2]; args at pc[4]. */
#define INDIRECT_CALLEE()                                                  \
	do {                                                               \
		struct wx_table *tab_ = inst->tables[pc[1]];               \
		uint32_t i_ = (uint32_t)R(3);                              \
		if (i_ >= tab_->size)                                      \
			TRAP(WX_TRAP_UNDEFINED_ELEMENT);                   \
		callee = (struct wx_func *)(uintptr_t)tab_->elems[i_];     \
		if (callee == NULL)                                        \
			TRAP(WX_TRAP_INDIRECT_NULL);                       \
		if (callee->type != inst->module->types[pc[2]] &&          \
		    !wx_deftype_sub(callee->type,                          \
				    inst->module->types[pc[2]]))           \
			TRAP(WX_TRAP_INDIRECT_TYPE);                       \
		nfp = fp + pc[4];                                          \
	} while (0)
L_call_ind:
	INDIRECT_CALLEE();
	ret_pc = pc + 5;
	goto do_call;
/* call_ref and return_call_ref: the callee in slot pc[1] (its type was
 * checked statically), args at pc[2]. */
L_call_ref:
	callee = (struct wx_func *)(uintptr_t)R(1);
	if (WX_UNLIKELY(callee == NULL))
		TRAP(WX_TRAP_NULL_FUNCREF);
	nfp = fp + pc[2];
	ret_pc = pc + 3;
	goto do_call;
do_call:
	if (WX_UNLIKELY(t->interrupt))
		goto do_interrupt;
	if (callee->host != NULL)
		goto do_host_call;
	if (WX_UNLIKELY(t->frame_top >= t->frames_end))
		TRAP(WX_TRAP_STACK_EXHAUSTED);
	t->frame_top->func = cur;
	t->frame_top->ret_pc = ret_pc;
	t->frame_top->fp = fp;
	t->frame_top++;
enter: {
	const struct wx_code *code = callee->code;
	if (WX_UNLIKELY(code == NULL)) {
		/* First call through this function record: translate the
		 * body now (compile.c), or fetch what another instance or
		 * thread of the module already translated. */
		code = wx_compile_lazy(callee->inst->module, callee->index);
		if (code == NULL) {
			snprintf(t->trap_detail, sizeof(t->trap_detail),
				 "out of memory translating a function");
			if (cur == NULL) {
				t->frame_top = entry_frame;
				return wx_thread_trap(t, WX_TRAP_HOST);
			}
			t->frame_top--;
			TRAP(WX_TRAP_HOST);
		}
		__atomic_store_n(&callee->code, (struct wx_code *)code,
				 __ATOMIC_RELEASE);
	}
	if (WX_UNLIKELY(nfp + code->frame_size > t->stack_end)) {
		if (cur == NULL) { /* the entry itself: no caller to blame */
			t->frame_top = entry_frame;
			return wx_thread_trap(t, WX_TRAP_STACK_EXHAUSTED);
		}
		t->frame_top--;
		TRAP(WX_TRAP_STACK_EXHAUSTED);
	}
	/* Declared locals start at zero.  Usually there are a few, so an
	 * inline loop beats a memset call and the spills around it; the
	 * empty asm keeps the compiler from turning it back into one. */
	{
		uint64_t *p = nfp + code->nparams, *e = nfp + code->nlocals;
		for (; p < e; p++) {
			__asm__("" : "+r"(p));
			*p = 0;
		}
	}
	fp = nfp;
	pc = code->words;
	cur = callee;
	if (callee->inst != inst) {
		inst = callee->inst;
		LOAD_MEM();
	}
	NEXT();
}

do_host_call: {
	int r;
	uint32_t n = callee->type->nparams > callee->type->nresults
			     ? callee->type->nparams
			     : callee->type->nresults;
	t->host_sp = nfp + n;
	t->site.ret_pc = ret_pc;
	t->site.fp = fp;
	t->site.func = cur;
	t->site.args = nfp;
	t->site.entry_frame = entry_frame;
	r = callee->host(t, callee->host_ctx, nfp);
	if (WX_UNLIKELY(r != 0)) {
		/* Interrupted, to be made again after the handler
		 * (SA_RESTART): pc is still the call. */
		if (r == WX_ERESTART)
			goto do_interrupt;
		if (r == WX_ERESUME &&
		    t->resume->site.entry_frame == entry_frame)
			goto do_resume;
		if (r == WX_ETRAP && t->trap_func == NULL) {
			/* The host function's own trap: blame the call
			 * instruction. */
			t->trap_func = cur;
			t->trap_offset = wx_code_offset(
				cur->code,
				(uint32_t)(ret_pc - cur->code->words) - 1);
			trace_trap(t, entry_frame);
		}
		if (r == WX_EEXCEPTION) {
			/* A host function let an exception through (it
			 * called wasm that threw): unwind from the call. */
			throw_pos = ret_pc == tail_stub
					    ? UINT32_MAX
					    : (uint32_t)(ret_pc - 1 -
							 cur->code->words);
			goto do_throw;
		}
		t->frame_top = entry_frame;
		return r;
	}
	LOAD_MEM(); /* the host may have grown memory */
	pc = ret_pc;
	if (WX_UNLIKELY(t->signals_deferred)) {
		t->signals_deferred = false;
		__atomic_or_fetch(&t->interrupt, WX_INTR_SIGNAL,
				  __ATOMIC_SEQ_CST);
	}
	/* A signal that interrupted the host call is handled before
	 * the guest sees the call's result (POSIX: the handler runs
	 * before EINTR is returned). */
	if (WX_UNLIKELY(t->interrupt))
		goto do_interrupt;
	NEXT();
}

	/* ---- tail calls (compile_eh.c) ---- */
L_return_call_:
	callee = inst->funcs[pc[1]];
	nfp = fp + pc[2];
	goto do_tail_call;
L_return_call_ind:
	INDIRECT_CALLEE();
	goto do_tail_call;
L_return_call_ref:
	callee = (struct wx_func *)(uintptr_t)R(1);
	if (WX_UNLIKELY(callee == NULL))
		TRAP(WX_TRAP_NULL_FUNCREF);
	nfp = fp + pc[2];
	goto do_tail_call;
do_tail_call:
	/* The callee takes over this frame: the arguments move to its
	 * first slots and no frame is pushed, so the frame stack stays as
	 * it is however long the chain of tail calls. */
	if (WX_UNLIKELY(t->interrupt))
		goto do_interrupt;
	memmove(fp, nfp, (size_t)callee->type->nparams * sizeof(uint64_t));
	nfp = fp;
	if (callee->host != NULL) {
		ret_pc = tail_stub;
		goto do_host_call;
	}
	goto enter;

	/* ---- memories other than memory 0 (compile_mm.c) ---- */
L_mm_load: {
	uint64_t v;
	if (wx_mm_load(inst->mems[pc[4]], pc[5],
		    (uint64_t)(uint32_t)R(2) + pc[3], &v) != 0)
		TRAP(WX_TRAP_OOB_MEMORY);
	R(1) = v;
	pc += 6;
	NEXT();
}
L_mm_store:
	if (wx_mm_store(inst->mems[pc[4]], pc[5],
		     (uint64_t)(uint32_t)R(1) + pc[3], R(2)) != 0)
		TRAP(WX_TRAP_OOB_MEMORY);
	pc += 6;
	NEXT();
L_mm_size:
	R(1) = __atomic_load_n(&inst->mems[pc[2]]->size, __ATOMIC_ACQUIRE) /
	       WX_PAGE_SIZE;
	pc += 3;
	NEXT();
L_mm_grow: {
	int64_t old = wx_memory_grow(inst->mems[pc[3]], (uint32_t)R(2));
	R(1) = (uint32_t)old;
	LOAD_MEM(); /* the same memory may also be imported as memory 0 */
	pc += 4;
	NEXT();
}
L_mm_init: { /* d s n seg memidx */
	struct wx_memory *mk = inst->mems[pc[5]];
	const struct wx_data *seg = &inst->module->datas[pc[4]];
	uint64_t d = (uint32_t)R(1), s = (uint32_t)R(2), n = (uint32_t)R(3);
	uint64_t len = inst->data_dropped[pc[4]] ? 0 : seg->data_len;
	if (s + n > len ||
	    d + n > __atomic_load_n(&mk->size, __ATOMIC_ACQUIRE))
		TRAP(WX_TRAP_OOB_MEMORY);
	memcpy(mk->base + d, inst->module->bytes + seg->data_offset + s, n);
	pc += 6;
	NEXT();
}
L_mm_copy: { /* d s n dstmem srcmem */
	struct wx_memory *md = inst->mems[pc[4]], *ms = inst->mems[pc[5]];
	uint64_t d = (uint32_t)R(1), s = (uint32_t)R(2), n = (uint32_t)R(3);
	if (s + n > __atomic_load_n(&ms->size, __ATOMIC_ACQUIRE) ||
	    d + n > __atomic_load_n(&md->size, __ATOMIC_ACQUIRE))
		TRAP(WX_TRAP_OOB_MEMORY);
	memmove(md->base + d, ms->base + s, n);
	pc += 6;
	NEXT();
}
L_mm_fill: { /* d v n memidx */
	struct wx_memory *mk = inst->mems[pc[4]];
	uint64_t d = (uint32_t)R(1), n = (uint32_t)R(3);
	if (d + n > __atomic_load_n(&mk->size, __ATOMIC_ACQUIRE))
		TRAP(WX_TRAP_OOB_MEMORY);
	memset(mk->base + d, (int)(uint8_t)R(2), n);
	pc += 5;
	NEXT();
}

	/* ---- wide arithmetic ---- */
L_i64_add128: {
	uint64_t lo = R(2) + R(4);
	uint64_t hi = R(3) + R(5) + (lo < R(2));
	R(1) = lo;
	fp[pc[1] + 1] = hi;
	pc += 6;
	NEXT();
}
L_i64_sub128: {
	uint64_t lo = R(2) - R(4);
	uint64_t hi = R(3) - R(5) - (R(2) < R(4));
	R(1) = lo;
	fp[pc[1] + 1] = hi;
	pc += 6;
	NEXT();
}
L_i64_mul_wide_s: {
	__int128 p = (__int128)(int64_t)R(2) * (int64_t)R(3);
	R(1) = (uint64_t)p;
	fp[pc[1] + 1] = (uint64_t)((unsigned __int128)p >> 64);
	pc += 4;
	NEXT();
}
L_i64_mul_wide_u: {
	unsigned __int128 p = (unsigned __int128)R(2) * R(3);
	R(1) = (uint64_t)p;
	fp[pc[1] + 1] = (uint64_t)(p >> 64);
	pc += 4;
	NEXT();
}
L_simd: /* high halves of v128s: the shadow stack (interp_simd.c) */
	if (!wx_simd_fast(pc, fp, fp + wx_v128_hi(t)) &&
	    wx_simd_exec(pc, fp, fp + wx_v128_hi(t), inst, mem, msize) != 0)
		TRAP(WX_TRAP_OOB_MEMORY);
	pc += WX_SIMD_WORDS;
	NEXT();
#include "interp_simd_hot.h"

	/* ---- exception handling (compile_eh.c) ---- */
L_throw_: {
	struct wx_exn *e = wx_exn_new(t, inst->tags[pc[1]], fp + pc[2],
				      fp + cur->code->frame_size);
	if (e == NULL) {
		snprintf(t->trap_detail, sizeof(t->trap_detail),
			 "out of memory allocating an exception");
		TRAP(WX_TRAP_HOST);
	}
	t->exn = e;
	throw_pos = (uint32_t)(pc - cur->code->words);
	goto do_throw;
}
L_throw_ref_:
	if (R(1) == 0)
		TRAP(WX_TRAP_NULL_EXNREF);
	t->exn = (struct wx_exn *)(uintptr_t)R(1);
	throw_pos = (uint32_t)(pc - cur->code->words);
	goto do_throw;
L_exn_pin:
	if (R(1) != 0)
		((struct wx_exn *)(uintptr_t)R(1))->pinned = true;
	pc += 2;
	NEXT();
do_throw:
	/* Search this frame's regions, then each caller's at its call. */
	for (;;) {
		const struct wx_code *code = cur->code;
		struct wx_frame *fr;
		if (code->neh != 0 && throw_pos != UINT32_MAX) {
			const struct wx_eh_clause *k =
				wx_eh_find(code, inst, throw_pos, t->exn);
			if (k != NULL) {
				struct wx_exn *e = t->exn;
				uint32_t i;
				if (k->tag != WX_EH_ALL)
					for (i = 0; i < e->n; i++) {
						fp[k->dst + i] = e->vals[i];
						fp[k->dst + i + wx_v128_hi(t)] =
							e->vals[e->n + i];
					}
				if (k->exn_slot != WX_EH_NONE)
					fp[k->exn_slot] = (uint64_t)(uintptr_t)e;
				t->exn = NULL;
				pc = code->words + k->target;
				NEXT();
			}
		}
		fr = --t->frame_top;
		if (fr->ret_pc == NULL) /* the entry: t->exn goes up */
			return WX_EEXCEPTION;
		cur = fr->func;
		fp = fr->fp;
		throw_pos = (uint32_t)(fr->ret_pc - 1 - cur->code->words);
		if (cur->inst != inst) {
			inst = cur->inst;
			LOAD_MEM();
		}
	}

do_resume: {
	/* Continue after the snapshot's host call, as if it had returned
	 * resume_result (vfork parent, longjmp).  The snapshot belongs to
	 * this loop: its entry frame is ours. */
	const struct wx_snapshot *snap = t->resume;
	t->resume = NULL;
	if (snap->nframes > 0)
		memcpy(snap->frames_from, snap->frame_copy,
		       snap->nframes * sizeof(*snap->frame_copy));
	if (snap->nslots > 0) {
		memcpy(snap->slots_from, snap->slot_copy,
		       snap->nslots * sizeof(uint64_t));
		memcpy(snap->slots_from + wx_v128_hi(t),
		       snap->slot_copy + snap->nslots,
		       snap->nslots * sizeof(uint64_t));
	}
	t->frame_top = snap->frame_top;
	snap->site.args[0] = t->resume_result;
	pc = snap->site.ret_pc;
	fp = snap->site.fp;
	cur = snap->site.func;
	inst = cur->inst;
	LOAD_MEM();
	NEXT();
}

do_interrupt: {
	/* A safe point: the instruction at pc has not run yet and runs again
	 * after the hook (signal handlers run here, never inside a host
	 * signal handler: design.md). */
	int r;
	if (t->on_interrupt == NULL)
		TRAP(WX_TRAP_INTERRUPTED);
	t->host_sp = fp + cur->code->frame_size;
	t->site.ret_pc = pc;
	t->site.fp = fp;
	t->site.func = cur;
	t->site.args = t->host_sp;
	t->site.entry_frame = entry_frame;
	r = t->on_interrupt(t, t->on_interrupt_ctx);
	if (WX_UNLIKELY(r != 0)) {
		if (r == WX_ERESUME && t->resume->site.entry_frame == entry_frame)
			goto do_resume;
		if (r == WX_EEXCEPTION) { /* a signal handler threw */
			throw_pos = pc == tail_stub
					    ? UINT32_MAX
					    : (uint32_t)(pc - cur->code->words);
			goto do_throw;
		}
		t->frame_top = entry_frame;
		return r;
	}
	LOAD_MEM();
	NEXT();
}

L_retn:
	memmove(fp, fp + pc[1], (size_t)pc[2] * sizeof(uint64_t));
	goto do_return;
L_ret1:
	fp[0] = R(1);
	goto do_return;
L_ret0:
do_return: {
	struct wx_frame *fr = --t->frame_top;
	if (fr->ret_pc == NULL)
		return 0;
	cur = fr->func;
	pc = fr->ret_pc;
	fp = fr->fp;
	if (cur->inst != inst) {
		inst = cur->inst;
		LOAD_MEM();
	}
	NEXT();
}

	/* ---- control ---- */
L_jump:
	pc += (int32_t)pc[1];
	NEXT();
L_jump_loop:
	if (WX_UNLIKELY(t->interrupt))
		goto do_interrupt;
	pc += (int32_t)pc[1];
	NEXT();
L_br_nz:
	if ((uint32_t)R(1) != 0)
		pc += (int32_t)pc[2];
	else
		pc += 3;
	NEXT();
L_br_nz_loop:
	if ((uint32_t)R(1) != 0) {
		if (WX_UNLIKELY(t->interrupt))
			goto do_interrupt;
		pc += (int32_t)pc[2];
	} else {
		pc += 3;
	}
	NEXT();
L_br_z:
	if ((uint32_t)R(1) == 0)
		pc += (int32_t)pc[2];
	else
		pc += 3;
	NEXT();
L_br_z_loop:
	if ((uint32_t)R(1) == 0) {
		if (WX_UNLIKELY(t->interrupt))
			goto do_interrupt;
		pc += (int32_t)pc[2];
	} else {
		pc += 3;
	}
	NEXT();
L_br_table_: {
	uint32_t i = (uint32_t)R(1), n = pc[2];
	pc += (int32_t)pc[3 + (i < n ? i : n)];
	NEXT();
}
L_trap_:
	TRAP(WX_TRAP_UNREACHABLE);

	/* ---- moves, constants, variables ---- */
L_copy:
	R(1) = R(2);
	pc += 3;
	NEXT();
L_copy2:
	R(1) = R(2);
	R(3) = R(4);
	pc += 5;
	NEXT();
L_const32:
	R(1) = pc[2];
	pc += 3;
	NEXT();
L_const64:
	R(1) = (uint64_t)pc[2] | ((uint64_t)pc[3] << 32);
	pc += 4;
	NEXT();
L_select_:
	R(1) = (uint32_t)R(4) ? R(2) : R(3);
	pc += 5;
	NEXT();
L_global_get:
	R(1) = inst->globals[pc[2]]->val[0];
	pc += 3;
	NEXT();
L_global_set:
	inst->globals[pc[1]]->val[0] = R(2);
	pc += 3;
	NEXT();

#include "interp_memory.inc"

	/* ---- tables and references ---- */
L_table_get: { /* x dst i */
	struct wx_table *tab = inst->tables[pc[1]];
	uint32_t i = (uint32_t)R(3);
	if (i >= tab->size)
		TRAP(WX_TRAP_OOB_TABLE);
	R(2) = tab->elems[i];
	pc += 4;
	NEXT();
}
L_table_set: { /* x i v */
	struct wx_table *tab = inst->tables[pc[1]];
	uint32_t i = (uint32_t)R(2);
	if (i >= tab->size)
		TRAP(WX_TRAP_OOB_TABLE);
	tab->elems[i] = R(3);
	pc += 4;
	NEXT();
}
L_table_size:
	R(2) = inst->tables[pc[1]]->size;
	pc += 3;
	NEXT();
L_table_grow: { /* x dst v n */
	int64_t old = wx_table_grow(inst->tables[pc[1]], (uint32_t)R(4), R(3));
	R(2) = (uint32_t)old;
	pc += 5;
	NEXT();
}
L_table_fill: { /* x i v n */
	struct wx_table *tab = inst->tables[pc[1]];
	uint64_t i = (uint32_t)R(2), n = (uint32_t)R(4), k;
	if (i + n > tab->size)
		TRAP(WX_TRAP_OOB_TABLE);
	for (k = 0; k < n; k++)
		tab->elems[i + k] = R(3);
	pc += 5;
	NEXT();
}
L_table_init: { /* elem table d s n */
	const struct wx_elem *e = &inst->module->elems[pc[1]];
	struct wx_table *tab = inst->tables[pc[2]];
	uint64_t d = (uint32_t)R(3), s = (uint32_t)R(4), n = (uint32_t)R(5);
	uint64_t len = inst->elem_dropped[pc[1]] ? 0 : e->count, k;
	if (s + n > len || d + n > tab->size)
		TRAP(WX_TRAP_OOB_TABLE);
	for (k = 0; k < n; k++)
		tab->elems[d + k] = elem_value(inst, e, (uint32_t)(s + k));
	pc += 6;
	NEXT();
}
L_table_copy: { /* dst-table src-table d s n */
	struct wx_table *td = inst->tables[pc[1]], *ts = inst->tables[pc[2]];
	uint64_t d = (uint32_t)R(3), s = (uint32_t)R(4), n = (uint32_t)R(5);
	if (s + n > ts->size || d + n > td->size)
		TRAP(WX_TRAP_OOB_TABLE);
	memmove(td->elems + d, ts->elems + s, n * sizeof(uint64_t));
	pc += 6;
	NEXT();
}
L_elem_drop:
	inst->elem_dropped[pc[1]] = true;
	pc += 2;
	NEXT();
L_ref_is_null:
	R(1) = R(2) == 0;
	pc += 3;
	NEXT();
L_ref_func:
	R(1) = (uint64_t)(uintptr_t)inst->funcs[pc[2]];
	pc += 3;
	NEXT();
L_ref_as_non_null:
	if (WX_UNLIKELY(R(1) == 0))
		TRAP(WX_TRAP_NULL_REFERENCE);
	pc += 2;
	NEXT();

#include "interp_numeric.inc"

	/* ---- atomics (threads proposal) ---- */
#define ATOMIC_EA(addr_word, off_word, size)                             \
	EA(addr_word, off_word, size);                                   \
	if (WX_UNLIKELY(ea & ((size)-1)))                                \
		TRAP(WX_TRAP_UNALIGNED_ATOMIC)
#define ALOAD(name, T)                                                   \
	L_##name: {                                                      \
		ATOMIC_EA(2, 3, sizeof(T));                              \
		R(1) = __atomic_load_n((T *)(mem + ea), __ATOMIC_SEQ_CST); \
		pc += 4;                                                 \
		NEXT();                                                  \
	}
#define ASTORE(name, T)                                                  \
	L_##name: {                                                      \
		ATOMIC_EA(1, 3, sizeof(T));                              \
		__atomic_store_n((T *)(mem + ea), (T)R(2), __ATOMIC_SEQ_CST); \
		pc += 4;                                                 \
		NEXT();                                                  \
	}
	/* rmw: dst addr val off */
#define ARMW(name, T, fn)                                                \
	L_##name: {                                                      \
		ATOMIC_EA(2, 4, sizeof(T));                              \
		R(1) = fn((T *)(mem + ea), (T)R(3), __ATOMIC_SEQ_CST);   \
		pc += 5;                                                 \
		NEXT();                                                  \
	}
	/* cmpxchg: dst addr expected replacement off */
#define ACMPXCHG(name, T)                                                \
	L_##name: {                                                      \
		T expected = (T)R(3);                                    \
		ATOMIC_EA(2, 5, sizeof(T));                              \
		__atomic_compare_exchange_n((T *)(mem + ea), &expected,  \
					    (T)R(4), false,              \
					    __ATOMIC_SEQ_CST,            \
					    __ATOMIC_SEQ_CST);           \
		R(1) = expected;                                         \
		pc += 6;                                                 \
		NEXT();                                                  \
	}
#include "atomics.def"
L_memory_atomic_notify: { /* dst addr count off */
	ATOMIC_EA(2, 4, 4);
	R(1) = m0->shared ? wx_atomic_notify(m0, ea, (uint32_t)R(3)) : 0;
	pc += 5;
	NEXT();
}
L_memory_atomic_wait32: { /* dst addr expected timeout off */
	int r;
	ATOMIC_EA(2, 5, 4);
	if (!m0->shared)
		TRAP(WX_TRAP_EXPECTED_SHARED);
	r = wx_atomic_wait(t, m0, ea, (uint32_t)R(3), false, S64(R(4)));
	if (r < 0)
		goto do_interrupt; /* restarts the wait afterwards */
	R(1) = (uint32_t)r;
	pc += 6;
	NEXT();
}
L_memory_atomic_wait64: {
	int r;
	ATOMIC_EA(2, 5, 8);
	if (!m0->shared)
		TRAP(WX_TRAP_EXPECTED_SHARED);
	r = wx_atomic_wait(t, m0, ea, R(3), true, S64(R(4)));
	if (r < 0)
		goto do_interrupt;
	R(1) = (uint32_t)r;
	pc += 6;
	NEXT();
}
L_atomic_fence:
#if defined(__SANITIZE_THREAD__)
	/* ThreadSanitizer does not model fences, and guest libcs (musl)
	 * synchronise with a fence around plain loads and stores: a
	 * read-modify-write of one location orders every fence with every
	 * other, which TSan does see (stronger than a fence; this build
	 * only). */
	{
		static uint32_t fence_word;
		__atomic_fetch_add(&fence_word, 1, __ATOMIC_SEQ_CST);
	}
#else
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
	pc += 1;
	NEXT();

	/* ---- 64-bit memories (memory64, compile_mm.c) ----
	 * Any memory index, memory 0 included: looked up on each access,
	 * the address an i64 and the offset 64 bits, so that address +
	 * offset may overflow (out of bounds) and no check adds to an
	 * address.  Placed last: the handlers above keep their layout. */
#define OFF64(i) ((uint64_t)pc[i] | (uint64_t)pc[(i) + 1] << 32)
#define MSIZE(k) __atomic_load_n(&inst->mems[k]->size, __ATOMIC_ACQUIRE)
L_m64_load: {
	uint64_t v, ea;
	if (__builtin_add_overflow(R(2), OFF64(3), &ea) ||
	    wx_mm_load(inst->mems[pc[5]], pc[6], ea, &v) != 0)
		TRAP(WX_TRAP_OOB_MEMORY);
	R(1) = v;
	pc += 7;
	NEXT();
}
L_m64_store: {
	uint64_t ea;
	if (__builtin_add_overflow(R(1), OFF64(3), &ea) ||
	    wx_mm_store(inst->mems[pc[5]], pc[6], ea, R(2)) != 0)
		TRAP(WX_TRAP_OOB_MEMORY);
	pc += 7;
	NEXT();
}
L_m64_grow:
	R(1) = (uint64_t)wx_memory_grow(inst->mems[pc[3]], R(2));
	LOAD_MEM(); /* it may be memory 0 */
	pc += 4;
	NEXT();
L_m64_init: { /* d s n seg memidx */
	struct wx_memory *mk = inst->mems[pc[5]];
	const struct wx_data *seg = &inst->module->datas[pc[4]];
	uint64_t d = R(1), s = (uint32_t)R(2), n = (uint32_t)R(3);
	uint64_t len = inst->data_dropped[pc[4]] ? 0 : seg->data_len;
	uint64_t size = MSIZE(pc[5]);
	if (s + n > len || d > size || n > size - d)
		TRAP(WX_TRAP_OOB_MEMORY);
	memcpy(mk->base + d, inst->module->bytes + seg->data_offset + s, n);
	pc += 6;
	NEXT();
}
L_m64_copy: { /* d s n dstmem srcmem wide */
#define WIDE(i) (pc[6] & (1u << ((i) - 1)) ? R(i) : (uint32_t)R(i))
	uint64_t d = WIDE(1), s = WIDE(2), n = WIDE(3);
	uint64_t dsize = MSIZE(pc[4]), ssize = MSIZE(pc[5]);
#undef WIDE
	if (s > ssize || n > ssize - s || d > dsize || n > dsize - d)
		TRAP(WX_TRAP_OOB_MEMORY);
	memmove(inst->mems[pc[4]]->base + d, inst->mems[pc[5]]->base + s, n);
	pc += 7;
	NEXT();
}
L_m64_fill: { /* d v n memidx */
	uint64_t d = R(1), n = R(3), size = MSIZE(pc[4]);
	if (d > size || n > size - d)
		TRAP(WX_TRAP_OOB_MEMORY);
	memset(inst->mems[pc[4]]->base + d, (int)(uint8_t)R(2), n);
	pc += 5;
	NEXT();
}
L_mm_atomic: { /* dst addr b c offlo offhi memidx op */
	struct wx_memory *mk = inst->mems[pc[7]];
	uint64_t ea, v = 0;
	int r;
	if (__builtin_add_overflow(mk->is64 ? R(2) : (uint32_t)R(2), OFF64(5),
				   &ea))
		TRAP(WX_TRAP_OOB_MEMORY);
	r = wx_mm_atomic(t, mk, pc[8], ea, R(3), R(4), &v);
	if (WX_UNLIKELY(r != 0)) {
		if (r < 0)
			goto do_interrupt; /* restarts the wait afterwards */
		TRAP((enum wx_trap)r);
	}
	if (pc[1] != UINT32_MAX)
		R(1) = v;
	pc += 9;
	NEXT();
}
#undef MSIZE
#undef OFF64
L_clamp32:
	R(1) = R(2) > UINT32_MAX ? UINT32_MAX : R(2);
	pc += 3;
	NEXT();

	/* Wasm opcodes that never appear in translated code. */
L_unreachable:
L_nop:
L_block:
L_loop:
L_if_:
L_else_:
L_end:
L_br:
L_br_if:
L_br_table:
L_return_:
L_call:
L_call_indirect:
L_drop:
L_select:
L_select_t:
L_local_get:
L_local_set:
L_local_tee:
L_i32_const:
L_i64_const:
L_f32_const:
L_f64_const:
L_ref_null:
L_br_on_null: /* compiled to ref.is_null and a branch */
L_ref_eq: /* compiled to i64.eq */
L_br_on_non_null:
	TRAP(WX_TRAP_UNREACHABLE);

do_trap:
	t->trap = trap;
	t->trap_func = cur;
	t->trap_offset = cur != NULL && cur->code != NULL && pc != tail_stub
				 ? wx_code_offset(cur->code,
						  (uint32_t)(pc - cur->code->words))
				 : 0;
	trace_trap(t, entry_frame);
	t->frame_top = entry_frame;
	return WX_ETRAP;
}
