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
		if (callee->type != inst->module->types[pc[2]])            \
			TRAP(WX_TRAP_INDIRECT_TYPE);                       \
		nfp = fp + pc[4];                                          \
	} while (0)
L_call_ind:
	INDIRECT_CALLEE();
	ret_pc = pc + 5;
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

	/* ---- memory ---- */
#define EA(addr_word, off_word, size)                                    \
	uint64_t ea = (uint64_t)(uint32_t)R(addr_word) + pc[off_word];   \
	if (WX_UNLIKELY(ea + (size) > msize))                            \
		goto oob
#define LOAD1(name, T, conv)                                             \
	L_##name: {                                                      \
		T v;                                                     \
		EA(2, 3, sizeof(T));                                     \
		memcpy(&v, mem + ea, sizeof(T));                         \
		R(1) = (conv);                                           \
		pc += 4;                                                 \
		NEXT();                                                  \
	}
#define STOREX(name, T, bval, suffix)                                    \
	L_##name##suffix: {                                              \
		T v = (T)R(3);                                           \
		uint64_t ea = (uint64_t)(uint32_t)((uint32_t)R(1) +      \
						   (uint32_t)(bval)) +   \
			      pc[4];                                     \
		if (WX_UNLIKELY(ea + sizeof(T) > msize))                 \
			goto oob;                                        \
		memcpy(mem + ea, &v, sizeof(T));                         \
		pc += 5;                                                 \
		NEXT();                                                  \
	}
#define STOREA(name, T)                                                  \
	L_##name##_a: {                                                  \
		T v = (T)R(2);                                           \
		uint64_t ea = pc[1];                                     \
		if (WX_UNLIKELY(ea + sizeof(T) > msize))                 \
			goto oob;                                        \
		memcpy(mem + ea, &v, sizeof(T));                         \
		pc += 3;                                                 \
		NEXT();                                                  \
	}
#define STORE(name, T)                                                   \
	STORE1(name, T)                                                  \
	STOREX(name, T, R(2), _rr)                                       \
	STOREX(name, T, pc[2], _ri)                                      \
	STOREA(name, T)
#define STORE1(name, T)                                                  \
	L_##name: {                                                      \
		T v = (T)R(2);                                           \
		EA(1, 3, sizeof(T));                                     \
		memcpy(mem + ea, &v, sizeof(T));                         \
		pc += 4;                                                 \
		NEXT();                                                  \
	}
	/* A load fused with the i32.add that computed its address: the
	 * add wraps at 32 bits as in wasm, then the offset is added. */
/* A load at (u32)(aval + bval) + off, off in word len - 1. */
#define LOADX(name, T, conv, aval, bval, len, suffix)                    \
	L_##name##suffix: {                                              \
		T v;                                                     \
		uint64_t ea = (uint64_t)(uint32_t)((uint32_t)(aval) +    \
						   (uint32_t)(bval)) +   \
			      pc[(len) - 1];                             \
		if (WX_UNLIKELY(ea + sizeof(T) > msize))                 \
			goto oob;                                        \
		memcpy(&v, mem + ea, sizeof(T));                         \
		R(1) = (conv);                                           \
		pc += (len);                                             \
		NEXT();                                                  \
	}
#define LOADA(name, T, conv)                                             \
	L_##name##_a: {                                                  \
		T v;                                                     \
		uint64_t ea = pc[2];                                     \
		if (WX_UNLIKELY(ea + sizeof(T) > msize))                 \
			goto oob;                                        \
		memcpy(&v, mem + ea, sizeof(T));                         \
		R(1) = (conv);                                           \
		pc += 3;                                                 \
		NEXT();                                                  \
	}
#define LOAD(name, T, conv)                                              \
	LOAD1(name, T, conv)                                             \
	LOADA(name, T, conv)                                             \
	LOADX(name, T, conv, R(2), R(3), 5, _rr)                         \
	LOADX(name, T, conv, R(2), pc[3], 5, _ri)                        \
	LOADX(name, T, conv, R(2), (uint32_t)R(3) << pc[4], 6, _sx)      \
	LOADX(name, T, conv, (uint32_t)R(2) << pc[3], pc[4], 6, _si)
	LOAD(i32_load, uint32_t, v)
	LOAD(i64_load, uint64_t, v)
	LOAD(f32_load, uint32_t, v)
	LOAD(f64_load, uint64_t, v)
	LOAD(i32_load8_s, int8_t, (uint32_t)(int32_t)v)
	LOAD(i32_load8_u, uint8_t, v)
	LOAD(i32_load16_s, int16_t, (uint32_t)(int32_t)v)
	LOAD(i32_load16_u, uint16_t, v)
	LOAD(i64_load8_s, int8_t, (uint64_t)(int64_t)v)
	LOAD(i64_load8_u, uint8_t, v)
	LOAD(i64_load16_s, int16_t, (uint64_t)(int64_t)v)
	LOAD(i64_load16_u, uint16_t, v)
	LOAD(i64_load32_s, int32_t, (uint64_t)(int64_t)v)
	LOAD(i64_load32_u, uint32_t, v)
	STORE(i32_store, uint32_t)
	STORE(i64_store, uint64_t)
	STORE(f32_store, uint32_t)
	STORE(f64_store, uint64_t)
	STORE(i32_store8, uint8_t)
	STORE(i32_store16, uint16_t)
	STORE(i64_store8, uint8_t)
	STORE(i64_store16, uint16_t)
	STORE(i64_store32, uint32_t)
oob:
	/* Another thread may have grown a shared memory: re-check against
	 * the current size before trapping, and retry if it fits now. */
	if (m0 != NULL && __atomic_load_n(&m0->size, __ATOMIC_ACQUIRE) > msize) {
		msize = __atomic_load_n(&m0->size, __ATOMIC_ACQUIRE);
		NEXT();
	}
	TRAP(WX_TRAP_OOB_MEMORY);

L_memory_size:
	msize = __atomic_load_n(&m0->size, __ATOMIC_ACQUIRE);
	R(1) = msize / WX_PAGE_SIZE;
	pc += 2;
	NEXT();
L_memory_grow: {
	int64_t old = wx_memory_grow(m0, (uint32_t)R(2));
	R(1) = (uint32_t)old;
	msize = __atomic_load_n(&m0->size, __ATOMIC_ACQUIRE);
	pc += 3;
	NEXT();
}
L_memory_init: { /* d s n seg */
	const struct wx_data *seg = &inst->module->datas[pc[4]];
	uint64_t d = (uint32_t)R(1), s = (uint32_t)R(2), n = (uint32_t)R(3);
	uint64_t len = inst->data_dropped[pc[4]] ? 0 : seg->data_len;
	if (s + n > len || d + n > msize)
		TRAP(WX_TRAP_OOB_MEMORY);
	memcpy(mem + d, inst->module->bytes + seg->data_offset + s, n);
	pc += 5;
	NEXT();
}
L_data_drop:
	inst->data_dropped[pc[1]] = true;
	pc += 2;
	NEXT();
L_memory_copy: { /* d s n */
	uint64_t d = (uint32_t)R(1), s = (uint32_t)R(2), n = (uint32_t)R(3);
	if (s + n > msize || d + n > msize)
		TRAP(WX_TRAP_OOB_MEMORY);
	memmove(mem + d, mem + s, n);
	pc += 4;
	NEXT();
}
L_memory_fill: { /* d v n */
	uint64_t d = (uint32_t)R(1), n = (uint32_t)R(3);
	if (d + n > msize)
		TRAP(WX_TRAP_OOB_MEMORY);
	memset(mem + d, (int)(uint8_t)R(2), n);
	pc += 4;
	NEXT();
}

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

	/* ---- numeric ---- */
#define UN(name, expr)                                                   \
	L_##name: {                                                      \
		uint64_t a = R(2);                                       \
		R(1) = (expr);                                           \
		pc += 3;                                                 \
		NEXT();                                                  \
	}
#define BIN(name, expr)                                                  \
	L_##name: {                                                      \
		uint64_t a = R(2), b = R(3);                             \
		R(1) = (expr);                                           \
		pc += 4;                                                 \
		NEXT();                                                  \
	}
#define A32 ((uint32_t)a)
#define B32 ((uint32_t)b)
#define S32(x) ((int32_t)(uint32_t)(x))
#define S64(x) ((int64_t)(x))
#define FA wx_f32(a)
#define FB wx_f32(b)
#define DA wx_f64(a)
#define DB wx_f64(b)
	UN(i32_eqz, A32 == 0)
	BIN(i32_eq, A32 == B32)
	BIN(i32_ne, A32 != B32)
	BIN(i32_lt_s, S32(a) < S32(b))
	BIN(i32_lt_u, A32 < B32)
	BIN(i32_gt_s, S32(a) > S32(b))
	BIN(i32_gt_u, A32 > B32)
	BIN(i32_le_s, S32(a) <= S32(b))
	BIN(i32_le_u, A32 <= B32)
	BIN(i32_ge_s, S32(a) >= S32(b))
	BIN(i32_ge_u, A32 >= B32)
	UN(i64_eqz, a == 0)
	BIN(i64_eq, a == b)
	BIN(i64_ne, a != b)
	BIN(i64_lt_s, S64(a) < S64(b))
	BIN(i64_lt_u, a < b)
	BIN(i64_gt_s, S64(a) > S64(b))
	BIN(i64_gt_u, a > b)
	BIN(i64_le_s, S64(a) <= S64(b))
	BIN(i64_le_u, a <= b)
	BIN(i64_ge_s, S64(a) >= S64(b))
	BIN(i64_ge_u, a >= b)
	BIN(f32_eq, FA == FB)
	BIN(f32_ne, FA != FB)
	BIN(f32_lt, FA < FB)
	BIN(f32_gt, FA > FB)
	BIN(f32_le, FA <= FB)
	BIN(f32_ge, FA >= FB)
	BIN(f64_eq, DA == DB)
	BIN(f64_ne, DA != DB)
	BIN(f64_lt, DA < DB)
	BIN(f64_gt, DA > DB)
	BIN(f64_le, DA <= DB)
	BIN(f64_ge, DA >= DB)

	UN(i32_clz, wx_clz32(A32))
	UN(i32_ctz, wx_ctz32(A32))
	UN(i32_popcnt, (uint32_t)__builtin_popcount(A32))
	BIN(i32_add, (uint32_t)(A32 + B32))
	BIN(i32_sub, (uint32_t)(A32 - B32))
	BIN(i32_mul, (uint32_t)(A32 * B32))
	BIN(i32_and, A32 & B32)
	BIN(i32_or, A32 | B32)
	BIN(i32_xor, A32 ^ B32)
	BIN(i32_shl, (uint32_t)(A32 << (B32 & 31)))
	BIN(i32_shr_s, (uint32_t)(S32(a) >> (B32 & 31)))
	BIN(i32_shr_u, A32 >> (B32 & 31))
	BIN(i32_rotl, wx_rotl32(A32, B32))
	BIN(i32_rotr, wx_rotr32(A32, B32))
	UN(i64_clz, wx_clz64(a))
	UN(i64_ctz, wx_ctz64(a))
	UN(i64_popcnt, (uint64_t)__builtin_popcountll(a))
	BIN(i64_add, a + b)
	BIN(i64_sub, a - b)
	BIN(i64_mul, a * b)
	BIN(i64_and, a & b)
	BIN(i64_or, a | b)
	BIN(i64_xor, a ^ b)
	BIN(i64_shl, a << (b & 63))
	BIN(i64_shr_s, (uint64_t)(S64(a) >> (b & 63)))
	BIN(i64_shr_u, a >> (b & 63))
	BIN(i64_rotl, wx_rotl64(a, b))
	BIN(i64_rotr, wx_rotr64(a, b))

L_i32_div_s: {
	int32_t a = S32(R(2)), b = S32(R(3));
	if (b == 0)
		TRAP(WX_TRAP_DIV_ZERO);
	if (a == INT32_MIN && b == -1)
		TRAP(WX_TRAP_INT_OVERFLOW);
	R(1) = (uint32_t)(a / b);
	pc += 4;
	NEXT();
}
L_i32_div_u: {
	uint32_t a = (uint32_t)R(2), b = (uint32_t)R(3);
	if (b == 0)
		TRAP(WX_TRAP_DIV_ZERO);
	R(1) = a / b;
	pc += 4;
	NEXT();
}
L_i32_rem_s: {
	int32_t a = S32(R(2)), b = S32(R(3));
	if (b == 0)
		TRAP(WX_TRAP_DIV_ZERO);
	R(1) = b == -1 ? 0 : (uint32_t)(a % b);
	pc += 4;
	NEXT();
}
L_i32_rem_u: {
	uint32_t a = (uint32_t)R(2), b = (uint32_t)R(3);
	if (b == 0)
		TRAP(WX_TRAP_DIV_ZERO);
	R(1) = a % b;
	pc += 4;
	NEXT();
}
L_i64_div_s: {
	int64_t a = S64(R(2)), b = S64(R(3));
	if (b == 0)
		TRAP(WX_TRAP_DIV_ZERO);
	if (a == INT64_MIN && b == -1)
		TRAP(WX_TRAP_INT_OVERFLOW);
	R(1) = (uint64_t)(a / b);
	pc += 4;
	NEXT();
}
L_i64_div_u: {
	uint64_t a = R(2), b = R(3);
	if (b == 0)
		TRAP(WX_TRAP_DIV_ZERO);
	R(1) = a / b;
	pc += 4;
	NEXT();
}
L_i64_rem_s: {
	int64_t a = S64(R(2)), b = S64(R(3));
	if (b == 0)
		TRAP(WX_TRAP_DIV_ZERO);
	R(1) = b == -1 ? 0 : (uint64_t)(a % b);
	pc += 4;
	NEXT();
}
L_i64_rem_u: {
	uint64_t a = R(2), b = R(3);
	if (b == 0)
		TRAP(WX_TRAP_DIV_ZERO);
	R(1) = a % b;
	pc += 4;
	NEXT();
}

	UN(f32_abs, A32 & 0x7fffffffu)
	UN(f32_neg, A32 ^ 0x80000000u)
	UN(f32_ceil, wx_bits32(ceilf(wx_quiet32(FA))))
	UN(f32_floor, wx_bits32(floorf(wx_quiet32(FA))))
	UN(f32_trunc, wx_bits32(truncf(wx_quiet32(FA))))
	UN(f32_nearest, wx_bits32(wx_nearest32(FA)))
	UN(f32_sqrt, wx_bits32(sqrtf(FA)))
	BIN(f32_add, wx_bits32(FA + FB))
	BIN(f32_sub, wx_bits32(FA - FB))
	BIN(f32_mul, wx_bits32(FA * FB))
	BIN(f32_div, wx_bits32(FA / FB))
	BIN(f32_min, wx_bits32(wx_fminf(FA, FB)))
	BIN(f32_max, wx_bits32(wx_fmaxf(FA, FB)))
	BIN(f32_copysign, (A32 & 0x7fffffffu) | (B32 & 0x80000000u))
	UN(f64_abs, a & 0x7fffffffffffffffull)
	UN(f64_neg, a ^ 0x8000000000000000ull)
	UN(f64_ceil, wx_bits64(ceil(wx_quiet64(DA))))
	UN(f64_floor, wx_bits64(floor(wx_quiet64(DA))))
	UN(f64_trunc, wx_bits64(trunc(wx_quiet64(DA))))
	UN(f64_nearest, wx_bits64(wx_nearest64(DA)))
	UN(f64_sqrt, wx_bits64(sqrt(DA)))
	BIN(f64_add, wx_bits64(DA + DB))
	BIN(f64_sub, wx_bits64(DA - DB))
	BIN(f64_mul, wx_bits64(DA * DB))
	BIN(f64_div, wx_bits64(DA / DB))
#define BINK(name, expr)                                                 \
	L_##name: {                                                      \
		uint64_t a = R(2), b = pc[3] | (uint64_t)pc[4] << 32;    \
		R(1) = (expr);                                           \
		pc += 5;                                                 \
		NEXT();                                                  \
	}
	BINK(f64_add_k, wx_bits64(DA + DB))
	BINK(f64_sub_k, wx_bits64(DA - DB))
	BINK(f64_mul_k, wx_bits64(DA * DB))
	BINK(f64_div_k, wx_bits64(DA / DB))
	BIN(f64_min, wx_bits64(wx_fmin(DA, DB)))
	BIN(f64_max, wx_bits64(wx_fmax(DA, DB)))
	BIN(f64_copysign, (a & 0x7fffffffffffffffull) |
				  (b & 0x8000000000000000ull))

	/* Immediate second operands and fused compare-and-branch (ops.def).
	 * A fused branch may go backward (to a loop): check interrupts then. */
#define C32_eq (A32 == B32)
#define C32_ne (A32 != B32)
#define C32_lt_s (S32(a) < S32(b))
#define C32_lt_u (A32 < B32)
#define C32_gt_s (S32(a) > S32(b))
#define C32_gt_u (A32 > B32)
#define C32_le_s (S32(a) <= S32(b))
#define C32_le_u (A32 <= B32)
#define C32_ge_s (S32(a) >= S32(b))
#define C32_ge_u (A32 >= B32)
#define C64_eq (a == b)
#define C64_ne (a != b)
#define C64_lt_s (S64(a) < S64(b))
#define C64_lt_u (a < b)
#define C64_gt_s (S64(a) > S64(b))
#define C64_gt_u (a > b)
#define C64_le_s (S64(a) <= S64(b))
#define C64_le_u (a <= b)
#define C64_ge_s (S64(a) >= S64(b))
#define C64_ge_u (a >= b)
#define C32_add ((uint32_t)(A32 + B32))
#define C32_mul ((uint32_t)(A32 * B32))
#define C32_and (A32 & B32)
#define C32_or (A32 | B32)
#define C32_xor (A32 ^ B32)
#define C32_shl ((uint32_t)(A32 << (B32 & 31)))
#define C32_shr_s ((uint32_t)(S32(a) >> (B32 & 31)))
#define C32_shr_u (A32 >> (B32 & 31))
#define C32_rotl wx_rotl32(A32, B32)
#define C32_rotr wx_rotr32(A32, B32)
#define C64_add (a + b)
#define C64_mul (a * b)
#define C64_and (a & b)
#define C64_or (a | b)
#define C64_xor (a ^ b)
#define C64_shl (a << (b & 63))
#define C64_shr_s ((uint64_t)(S64(a) >> (b & 63)))
#define C64_shr_u (a >> (b & 63))
#define C64_rotl wx_rotl64(a, b)
#define C64_rotr wx_rotr64(a, b)
#define IMM32 ((uint64_t)pc[3])
#define IMM64 ((uint64_t)(int64_t)(int32_t)pc[3])
#define RI(k)                                                            \
	L_i32_##k##_ri: {                                                \
		uint64_t a = R(2), b = IMM32;                            \
		R(1) = C32_##k;                                          \
		pc += 4;                                                 \
		NEXT();                                                  \
	}                                                                \
	L_i64_##k##_ri: {                                                \
		uint64_t a = R(2), b = IMM64;                            \
		R(1) = C64_##k;                                          \
		pc += 4;                                                 \
		NEXT();                                                  \
	}
#define BR_TAKEN()                                                       \
	do {                                                             \
		int32_t rel = (int32_t)pc[3];                            \
		if (WX_UNLIKELY(rel <= 0) && WX_UNLIKELY(t->interrupt))  \
			goto do_interrupt;                               \
		pc += rel;                                               \
		NEXT();                                                  \
	} while (0)
#define BRC(name, cond, bval)                                            \
	L_##name: {                                                      \
		uint64_t a = R(1), b = (bval);                           \
		if (cond)                                                \
			BR_TAKEN();                                      \
		pc += 4;                                                 \
		NEXT();                                                  \
	}
#define BR(k)                                                            \
	BRC(br_i32_##k, C32_##k, R(2))                                   \
	BRC(br_i32_##k##_ri, C32_##k, (uint64_t)pc[2])                   \
	BRC(br_i64_##k, C64_##k, R(2))                                   \
	BRC(br_i64_##k##_ri, C64_##k, (uint64_t)(int64_t)(int32_t)pc[2])
	WX_CMP_LIST(RI)
	WX_ARITH_RI_LIST(RI)
	WX_CMP_LIST(BR)

#define BINM(name, expr)                                                 \
	L_##name: {                                                      \
		uint64_t a = R(2), b;                                    \
		uint64_t ea = (uint64_t)(uint32_t)((uint32_t)R(3) +      \
						   pc[4]) +              \
			      pc[5];                                     \
		if (WX_UNLIKELY(ea + 8 > msize))                         \
			goto oob;                                        \
		memcpy(&b, mem + ea, 8);                                 \
		R(1) = (expr);                                           \
		pc += 6;                                                 \
		NEXT();                                                  \
	}
	BINM(f64_add_m, wx_bits64(DA + DB))
	BINM(f64_sub_m, wx_bits64(DA - DB))
	BINM(f64_mul_m, wx_bits64(DA * DB))
L_f64_add_to: {
	uint64_t a = R(3), b;
	uint64_t ea = (uint64_t)(uint32_t)R(1) + pc[2];
	if (WX_UNLIKELY(ea + 8 > msize))
		goto oob;
	memcpy(&b, mem + ea, 8);
	b = wx_bits64(DA + DB);
	memcpy(mem + ea, &b, 8);
	pc += 4;
	NEXT();
}

#define INC_BR(name, cond)                                               \
	L_##name: {                                                      \
		uint32_t v = (uint32_t)R(1) + pc[2];                     \
		if (cond) {                                              \
			int32_t rel = (int32_t)pc[4];                    \
			/* Before the write: the op runs again after    \
			 * the interrupt. */                             \
			if (WX_UNLIKELY(rel <= 0) &&                     \
			    WX_UNLIKELY(t->interrupt))                   \
				goto do_interrupt;                       \
			R(1) = v;                                        \
			pc += rel;                                       \
			NEXT();                                          \
		}                                                        \
		R(1) = v;                                                \
		pc += 5;                                                 \
		NEXT();                                                  \
	}
	INC_BR(inc_br_ne, v != pc[3])
	INC_BR(inc_br_lt_u, v < pc[3])
	INC_BR(inc_br_lt_s, (int32_t)v < (int32_t)pc[3])
#define FMA_TO(p, len)                                                   \
	do {                                                             \
		uint64_t a = (p)[3], b, s;                               \
		uint64_t eb = (uint64_t)(uint32_t)((uint32_t)fp[(p)[4]] + \
						   (p)[5]) +             \
			      (p)[6];                                    \
		uint64_t ea = (uint64_t)(uint32_t)fp[(p)[1]] + (p)[2];   \
		a = fp[a];                                               \
		if (WX_UNLIKELY(eb + 8 > msize) ||                       \
		    WX_UNLIKELY(ea + 8 > msize))                         \
			goto oob;                                        \
		memcpy(&b, mem + eb, 8);                                 \
		memcpy(&s, mem + ea, 8);                                 \
		/* Two roundings, as wasm's f64.mul then f64.add: no     \
		 * FMA (x86-64 without -mfma has none to contract to). */ \
		b = wx_bits64(DA * DB);                                  \
		s = wx_bits64(wx_f64(b) + wx_f64(s));                    \
		memcpy(mem + ea, &s, 8);                                 \
		pc += (len);                                             \
		NEXT();                                                  \
	} while (0)
L_f64_fma_to:
	FMA_TO(pc, 7);
L_f64_fma_to_a:
	R(1) = (uint32_t)((uint32_t)R(2) + (uint32_t)R(3));
	FMA_TO(pc + 3, 10);
L_f64_fma_to_ai:
	R(1) = (uint32_t)((uint32_t)R(2) + pc[3]);
	FMA_TO(pc + 3, 10);

L_i32_add3:
	R(1) = (uint32_t)((uint32_t)R(2) + (uint32_t)R(3) + (uint32_t)R(4));
	pc += 5;
	NEXT();
L_i32_muladd:
	R(1) = (uint32_t)((uint32_t)R(2) * (uint32_t)R(3) + (uint32_t)R(4));
	pc += 5;
	NEXT();
L_i32_xor_rotl:
	R(1) = wx_rotl32((uint32_t)R(2), pc[3]) ^ (uint32_t)R(4);
	pc += 5;
	NEXT();
L_i32_and_shr:
	R(1) = ((uint32_t)R(2) >> (pc[3] & 31)) & pc[4];
	pc += 5;
	NEXT();
#define MULADD_LOAD(name, T)                                             \
	L_##name: {                                                      \
		T v;                                                     \
		uint64_t ea = (uint64_t)(uint32_t)((uint32_t)R(2) +      \
						   pc[3]) +              \
			      pc[4];                                     \
		if (WX_UNLIKELY(ea + sizeof(T) > msize))                 \
			goto oob;                                        \
		memcpy(&v, mem + ea, sizeof(T));                         \
		R(1) = (uint32_t)((uint32_t)(int32_t)v *                 \
				      (uint32_t)R(5) +                   \
				  (uint32_t)R(6));                       \
		pc += 7;                                                 \
		NEXT();                                                  \
	}
	MULADD_LOAD(i32_muladd_l32, int32_t)
	MULADD_LOAD(i32_muladd_l16s, int16_t)
L_i32_rotl2_xor: {
	uint32_t x = (uint32_t)R(2);
	R(1) = wx_rotl32(x, pc[3]) ^ wx_rotl32(x, pc[4]);
	pc += 5;
	NEXT();
}
L_i32_xor_shr:
	R(1) = ((uint32_t)R(2) >> (pc[3] & 31)) ^ (uint32_t)R(4);
	pc += 5;
	NEXT();
L_i32_rotl2_xor_shr: {
	uint32_t x = (uint32_t)R(2);
	R(1) = wx_rotl32(x, pc[3]) ^ wx_rotl32(x, pc[4]) ^ (x >> (pc[5] & 31));
	pc += 6;
	NEXT();
}
L_i32_rotl3_xor: {
	uint32_t x = (uint32_t)R(2);
	R(1) = wx_rotl32(x, pc[3]) ^ wx_rotl32(x, pc[4]) ^
	       wx_rotl32(x, pc[5]);
	pc += 6;
	NEXT();
}

	UN(i32_wrap_i64, A32)
	UN(i64_extend_i32_s, (uint64_t)(int64_t)S32(a))
	UN(i64_extend_i32_u, (uint64_t)A32)
#define TRUNC(name, check, FT, getter, IT, store)                        \
	L_##name: {                                                      \
		IT v;                                                    \
		int rc = check(getter(R(2)), &v);                        \
		if (rc == WX_CONV_NAN)                                   \
			TRAP(WX_TRAP_INVALID_CONVERSION);                \
		if (rc == WX_CONV_RANGE)                                 \
			TRAP(WX_TRAP_INT_OVERFLOW);                      \
		R(1) = (store);                                          \
		pc += 3;                                                 \
		NEXT();                                                  \
	}
	TRUNC(i32_trunc_f32_s, wx_trunc_f32_i32, float, wx_f32, int32_t, (uint32_t)v)
	TRUNC(i32_trunc_f32_u, wx_trunc_f32_u32, float, wx_f32, uint32_t, v)
	TRUNC(i32_trunc_f64_s, wx_trunc_f64_i32, double, wx_f64, int32_t, (uint32_t)v)
	TRUNC(i32_trunc_f64_u, wx_trunc_f64_u32, double, wx_f64, uint32_t, v)
	TRUNC(i64_trunc_f32_s, wx_trunc_f32_i64, float, wx_f32, int64_t, (uint64_t)v)
	TRUNC(i64_trunc_f32_u, wx_trunc_f32_u64, float, wx_f32, uint64_t, v)
	TRUNC(i64_trunc_f64_s, wx_trunc_f64_i64, double, wx_f64, int64_t, (uint64_t)v)
	TRUNC(i64_trunc_f64_u, wx_trunc_f64_u64, double, wx_f64, uint64_t, v)
	UN(i32_trunc_sat_f32_s, (uint32_t)wx_sat_f32_i32(FA))
	UN(i32_trunc_sat_f32_u, wx_sat_f32_u32(FA))
	UN(i32_trunc_sat_f64_s, (uint32_t)wx_sat_f64_i32(DA))
	UN(i32_trunc_sat_f64_u, wx_sat_f64_u32(DA))
	UN(i64_trunc_sat_f32_s, (uint64_t)wx_sat_f32_i64(FA))
	UN(i64_trunc_sat_f32_u, wx_sat_f32_u64(FA))
	UN(i64_trunc_sat_f64_s, (uint64_t)wx_sat_f64_i64(DA))
	UN(i64_trunc_sat_f64_u, wx_sat_f64_u64(DA))
	UN(f32_convert_i32_s, wx_bits32((float)S32(a)))
	UN(f32_convert_i32_u, wx_bits32((float)A32))
	UN(f32_convert_i64_s, wx_bits32((float)S64(a)))
	UN(f32_convert_i64_u, wx_bits32((float)a))
	UN(f32_demote_f64, wx_bits32((float)DA))
	UN(f64_convert_i32_s, wx_bits64((double)S32(a)))
	UN(f64_convert_i32_u, wx_bits64((double)A32))
	UN(f64_convert_i64_s, wx_bits64((double)S64(a)))
	UN(f64_convert_i64_u, wx_bits64((double)a))
	UN(f64_promote_f32, wx_bits64((double)FA))
	UN(i32_reinterpret_f32, A32)
	UN(i64_reinterpret_f64, a)
	UN(f32_reinterpret_i32, A32)
	UN(f64_reinterpret_i64, a)
	UN(i32_extend8_s, (uint32_t)(int32_t)(int8_t)a)
	UN(i32_extend16_s, (uint32_t)(int32_t)(int16_t)a)
	UN(i64_extend8_s, (uint64_t)(int64_t)(int8_t)a)
	UN(i64_extend16_s, (uint64_t)(int64_t)(int16_t)a)
	UN(i64_extend32_s, (uint64_t)(int64_t)(int32_t)a)

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
	ALOAD(i32_atomic_load, uint32_t)
	ALOAD(i64_atomic_load, uint64_t)
	ALOAD(i32_atomic_load8_u, uint8_t)
	ALOAD(i32_atomic_load16_u, uint16_t)
	ALOAD(i64_atomic_load8_u, uint8_t)
	ALOAD(i64_atomic_load16_u, uint16_t)
	ALOAD(i64_atomic_load32_u, uint32_t)
	ASTORE(i32_atomic_store, uint32_t)
	ASTORE(i64_atomic_store, uint64_t)
	ASTORE(i32_atomic_store8, uint8_t)
	ASTORE(i32_atomic_store16, uint16_t)
	ASTORE(i64_atomic_store8, uint8_t)
	ASTORE(i64_atomic_store16, uint16_t)
	ASTORE(i64_atomic_store32, uint32_t)
	/* rmw: dst addr val off */
#define ARMW(name, T, fn)                                                \
	L_##name: {                                                      \
		ATOMIC_EA(2, 4, sizeof(T));                              \
		R(1) = fn((T *)(mem + ea), (T)R(3), __ATOMIC_SEQ_CST);   \
		pc += 5;                                                 \
		NEXT();                                                  \
	}
#define ARMW_ALL(op, fn)                                                 \
	ARMW(i32_atomic_rmw_##op, uint32_t, fn)                          \
	ARMW(i64_atomic_rmw_##op, uint64_t, fn)                          \
	ARMW(i32_atomic_rmw8_##op, uint8_t, fn)                          \
	ARMW(i32_atomic_rmw16_##op, uint16_t, fn)                        \
	ARMW(i64_atomic_rmw8_##op, uint8_t, fn)                          \
	ARMW(i64_atomic_rmw16_##op, uint16_t, fn)                        \
	ARMW(i64_atomic_rmw32_##op, uint32_t, fn)
	ARMW_ALL(add, __atomic_fetch_add)
	ARMW_ALL(sub, __atomic_fetch_sub)
	ARMW_ALL(and, __atomic_fetch_and)
	ARMW_ALL(or, __atomic_fetch_or)
	ARMW_ALL(xor, __atomic_fetch_xor)
	ARMW_ALL(xchg, __atomic_exchange_n)
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
	ACMPXCHG(i32_atomic_rmw_cmpxchg, uint32_t)
	ACMPXCHG(i64_atomic_rmw_cmpxchg, uint64_t)
	ACMPXCHG(i32_atomic_rmw8_cmpxchg, uint8_t)
	ACMPXCHG(i32_atomic_rmw16_cmpxchg, uint16_t)
	ACMPXCHG(i64_atomic_rmw8_cmpxchg, uint8_t)
	ACMPXCHG(i64_atomic_rmw16_cmpxchg, uint16_t)
	ACMPXCHG(i64_atomic_rmw32_cmpxchg, uint32_t)
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
