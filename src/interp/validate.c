/*
 * validate.c - the load-time fast check of function bodies (validate.h).
 *
 * The spec's validation algorithm (appendix "Validation Algorithm") over
 * a stack of bare value types, without the compiler's slot bookkeeping:
 * at load every body of a module is checked, and most will never be
 * translated, so the check should cost little more than reading the
 * bytes.  It gives up ("not shown valid") on every error and on the rarer
 * instructions (tables, references, bulk memory, atomics, typed select,
 * block types given by a type index, 64-bit memories and tables), and
 * leaves those bodies to the compiler, which is also the one to word the
 * error messages.
 *
 * Types are bytes here: the value types of wasm 2.0 and exnref, among
 * which subtyping is equality (wx_vt_simple).  A body whose function,
 * locals, callees or globals have any other type (typed references) is
 * left to the compiler.
 *
 * Invariant: the value stack never holds an unknown type.  The spec's
 * Unknown only arises from popping below a frame's base in unreachable
 * code; every instruction handled here then pushes known types (its
 * result, or a label's types), and the one that would push an unknown
 * (select) gives up instead.  So a type on the stack compares by equality.
 */
#include "validate.h"

#include <stdlib.h>
#include <string.h>

#include "../core/reader.h"
#include "compile_int.h"

/* What the check needs of a one-byte opcode with a signature. */
struct vop {
	uint8_t np, pt[3], rt; /* as struct opinfo */
	uint8_t align;
};

static const struct vop vops[256] = {
#define OP(code, ident, nm, im, sg, al) [code] = {OPINFO_SIG(sg), al},
#define OPFC(...)
#define OPFE(...)
#include "../core/opcodes.def"
};

/* Each block result type as a one-element array that never moves (the
 * frame array may be reallocated). */
static const uint8_t type_self[256] = {
	[WX_I32] = WX_I32,	   [WX_I64] = WX_I64,
	[WX_F32] = WX_F32,	   [WX_F64] = WX_F64,
	[WX_FUNCREF] = WX_FUNCREF, [WX_EXTERNREF] = WX_EXTERNREF,
	[WX_V128] = WX_V128,
};

/* The SIMD instructions (prefix 0xfd, simd.def): signature, immediate
 * kind (VS_NONE: no such instruction) and name.  Checked here like the
 * others, so that a body with SIMD is not validated twice at load. */
enum { VS_NONE, VS_N, VS_M, VS_ML, VS_L, VS_C, VS_SH };
struct vsop {
	struct vop sig;
	uint8_t imm;
	const char *name;
};
#define SIG_TV(ch) ((ch) == 'v' ? WX_V128 : SIG_T(ch))
#define SIG_PTV(s, k) (SIG_NP(s) > (k) ? SIG_TV((s)[k]) : 0)
static const struct vsop vsops[] = {
#define SIMD(sub, ident, nm, im, sg)                                     \
	[sub] = {{SIG_NP(sg), {SIG_PTV(sg, 0), SIG_PTV(sg, 1), SIG_PTV(sg, 2)}, \
		  (sg)[SIG_NP(sg) + 1] == 0 ? 0 : SIG_TV((sg)[SIG_NP(sg) + 1]), \
		  0},                                                    \
		 VS_##im, nm},
#include "simd.def"
};
#undef SIG_PTV
#undef SIG_TV

enum { VC_FUNC, VC_BLOCK, VC_LOOP, VC_IF, VC_ELSE };

/* A control frame.  Block types with params give up, so only the function
 * has label types other than its results, and a loop's label has none. */
struct wx_vctrl {
	const uint8_t *results;
	uint32_t nresults;
	uint32_t height;
	uint8_t kind;
	bool unreachable;
};

/* The state while checking one body.  Its address never escapes the
 * inlined helpers below, so that it lives in registers: the slow paths
 * take the heap-side wx_vstate instead.
 *
 * Invariant at every instruction boundary: sp + (end - p) <= vals_cap.
 * An instruction takes at least one byte and, apart from push_n, pushes
 * at most one value more than it pops, so plain pushes need no check. */
struct vctx {
	const uint8_t *p, *end;
	uint8_t *vals;
	uint32_t sp;
	struct wx_vctrl *f; /* the innermost frame */
	uint32_t nctrl;
};

/* Make room for `need` values; the (moved) stack, or NULL. */
static __attribute__((noinline)) uint8_t *grow_vals(struct wx_vstate *v,
						    uint64_t need)
{
	uint64_t cap = v->vals_cap ? v->vals_cap : 64;
	uint8_t *p;
	while (cap < need)
		cap *= 2;
	if (cap > UINT32_MAX)
		return NULL;
	p = realloc(v->vals, cap);
	if (p == NULL)
		return NULL;
	v->vals = p;
	v->vals_cap = (uint32_t)cap;
	return p;
}

static __attribute__((noinline)) bool grow_locals(struct wx_vstate *v,
						  uint32_t n)
{
	uint8_t *p = realloc(v->locals, n);
	if (p == NULL)
		return false;
	v->locals = p;
	v->locals_cap = n;
	return true;
}

/* A frame for a block at the current height; the new frame or NULL. */
static __attribute__((noinline)) struct wx_vctrl *
grow_ctrls(struct wx_vstate *v, uint32_t nctrl)
{
	uint32_t cap = v->ctrls_cap ? v->ctrls_cap * 2 : 16;
	struct wx_vctrl *f = realloc(v->ctrls, cap * sizeof(*f));
	if (f == NULL)
		return NULL;
	v->ctrls = f;
	v->ctrls_cap = cap;
	return &f[nctrl];
}

static inline bool push_ctrl(struct wx_vstate *v, struct vctx *x,
			     uint8_t kind, const uint8_t *results,
			     uint32_t nresults)
{
	struct wx_vctrl *f;
	if (WX_LIKELY(x->nctrl < v->ctrls_cap))
		f = &v->ctrls[x->nctrl];
	else if ((f = grow_ctrls(v, x->nctrl)) == NULL)
		return false;
	x->nctrl++;
	f->results = results;
	f->nresults = nresults;
	f->height = x->sp;
	f->kind = kind;
	f->unreachable = false;
	x->f = f;
	return true;
}

/* ---- reading: the reader's accept sets, without its messages ---- */

/* An unsigned LEB128 of 32 bits (spec 5.2.2). */
static inline bool rd_u32(struct vctx *x, uint32_t *v)
{
	const uint8_t *p = x->p;
	uint32_t r = 0;
	unsigned i;
	if (WX_LIKELY(p < x->end && *p < 0x80)) {
		*v = *p;
		x->p = p + 1;
		return true;
	}
	for (i = 0; i < 5 && p + i < x->end; i++) {
		r |= (uint32_t)(p[i] & 0x7f) << (7 * i);
		if (!(p[i] & 0x80)) {
			if (i == 4 && p[i] > 0x0f) /* bits past 32 */
				return false;
			*v = r;
			x->p = p + i + 1;
			return true;
		}
	}
	return false;
}

/* Skip a signed LEB128 of at most `maxbytes` bytes whose last byte's
 * payload bits in `mask` (the sign bit and the unused bits above it) must
 * all be equal: a constant, whose value validation does not need. */
static inline bool skip_sleb(struct vctx *x, unsigned maxbytes, uint8_t mask)
{
	const uint8_t *p = x->p;
	size_t left = (size_t)(x->end - p);
	unsigned i, n = left < maxbytes ? (unsigned)left : maxbytes;
	for (i = 0; i < n; i++) {
		if (!(p[i] & 0x80)) {
			if (i == maxbytes - 1 && (p[i] & mask) != 0 &&
			    (p[i] & mask) != mask)
				return false;
			x->p = p + i + 1;
			return true;
		}
	}
	return false;
}

/* ---- the value stack ---- */

static inline void push(struct vctx *x, uint8_t t)
{
	x->vals[x->sp++] = t;
}

/* Push n types (a call's results, a label's types): the one push that
 * may outgrow the invariant's bound. */
static inline bool push_n(struct wx_vstate *v, struct vctx *x,
			  const uint8_t *t, uint32_t n)
{
	uint32_t i;
	uint64_t need = (uint64_t)x->sp + n + (uint64_t)(x->end - x->p);
	if (need > v->vals_cap && (x->vals = grow_vals(v, need)) == NULL)
		return false;
	for (i = 0; i < n; i++)
		x->vals[x->sp++] = t[i];
	return true;
}

static inline bool pop_expect(struct vctx *x, uint8_t t)
{
	if (x->sp > x->f->height) {
		if (x->vals[x->sp - 1] != t)
			return false;
		x->sp--;
		return true;
	}
	return x->f->unreachable; /* an Unknown: matches anything */
}

/* Whether the top of the stack matches types[0..n) as pop_vals would see
 * it (below the frame's base, unreachable code matches anything); pops
 * them if `pop`. */
static inline bool match_top(struct vctx *x, const uint8_t *types, uint32_t n,
			     bool pop)
{
	uint32_t avail = x->sp - x->f->height, k = n, i;
	if (avail < n) {
		if (!x->f->unreachable)
			return false;
		k = avail;
	}
	for (i = 0; i < k; i++)
		if (x->vals[x->sp - k + i] != types[n - k + i])
			return false;
	if (pop)
		x->sp -= k;
	return true;
}

/* An instruction with a signature: the common one- and two-operand cases
 * with one compare each, the rest (few operands left in unreachable
 * code) the general way. */
static inline bool apply_sig(struct vctx *x, const struct vop *o)
{
	uint32_t avail = x->sp - x->f->height;
	const uint8_t *top = x->vals + x->sp;
	if (o->np == 2 && avail >= 2) {
		if ((top[-2] != o->pt[0]) | (top[-1] != o->pt[1]))
			return false;
		x->sp -= 2;
	} else if (o->np == 1 && avail >= 1) {
		if (top[-1] != o->pt[0])
			return false;
		x->sp--;
	} else if (!match_top(x, o->pt, o->np, true)) {
		return false;
	}
	if (o->rt != 0)
		push(x, o->rt);
	return true;
}

/* The most common signatures without the table: T T -> R and T -> R.
 * Too few operands (unreachable code) take apply_sig's general way. */
static inline __attribute__((always_inline)) bool
binop(struct vctx *x, uint8_t t, uint8_t r, uint8_t opc)
{
	uint8_t *top = x->vals + x->sp;
	if (WX_LIKELY(x->sp - x->f->height >= 2)) {
		if ((top[-2] != t) | (top[-1] != t))
			return false;
		top[-2] = r;
		x->sp--;
		return true;
	}
	return apply_sig(x, &vops[opc]);
}

static inline __attribute__((always_inline)) bool
unop(struct vctx *x, uint8_t t, uint8_t r, uint8_t opc)
{
	uint8_t *top = x->vals + x->sp;
	if (WX_LIKELY(x->sp > x->f->height)) {
		if (top[-1] != t)
			return false;
		top[-1] = r;
		return true;
	}
	return apply_sig(x, &vops[opc]);
}

static inline void set_unreachable(struct vctx *x)
{
	x->sp = x->f->height;
	x->f->unreachable = true;
}

/* The types a branch to frame `g` carries. */
static inline void label_of(const struct wx_vctrl *g, const uint8_t **t,
			    uint32_t *n)
{
	if (g->kind == VC_LOOP) {
		*t = NULL;
		*n = 0;
	} else {
		*t = g->results;
		*n = g->nresults;
	}
}

/* Read a label index; the frame it names, or NULL. */
static inline const struct wx_vctrl *read_label(struct wx_vstate *v,
						struct vctx *x)
{
	uint32_t depth;
	if (!rd_u32(x, &depth) || depth >= x->nctrl)
		return NULL;
	return &v->ctrls[x->nctrl - 1 - depth];
}

/* A block type without params: none or one value type. */
static inline bool read_blocktype(struct vctx *x, const uint8_t **t,
				  uint32_t *n)
{
	uint8_t b;
	if (x->p >= x->end)
		return false;
	b = *x->p++;
	if (b == 0x40) {
		*t = NULL;
		*n = 0;
		return true;
	}
	if (type_self[b] == 0)
		return false; /* v128 or a type index: the compiler's */
	*t = &type_self[b];
	*n = 1;
	return true;
}

/* The end of frame f's instructions (else or end): exactly its results
 * remain. */
static inline bool check_frame_end(struct vctx *x)
{
	const struct wx_vctrl *f = x->f;
	if (x->sp - f->height > f->nresults)
		return false;
	return match_top(x, f->results, f->nresults, true) &&
	       x->sp == f->height;
}

/* Whether memory 0 exists and has 32-bit addresses: the accesses this
 * check knows (a 64-bit memory's are left to the compiler). */
static inline bool mem0_32(const struct wx_module *m)
{
	return m->nmems != 0 && !m->mems[0].limits.is64;
}

/* A memory argument (spec 5.4.6) of an access of natural alignment
 * 2^align; the offset needs no check here. */
static inline bool read_memarg(struct vctx *x, const struct wx_module *m,
			       uint8_t align)
{
	uint32_t a, off;
	return rd_u32(x, &a) && rd_u32(x, &off) && mem0_32(m) && a <= align;
}

/* Whether sig is "pp:r" (BIN) or "p:r" (UN); short-circuits before
 * reading past a shorter string. */
#define SIG_BIN(s, p, r)                                                 \
	((s)[0] == (p) && (s)[1] == (p) && (s)[2] == ':' &&              \
	 (s)[3] == (r) && (s)[4] == 0)
#define SIG_UN(s, p, r)                                                  \
	((s)[0] == (p) && (s)[1] == ':' && (s)[2] == (r) && (s)[3] == 0)
/* The handler of a numeric instruction, chosen from its signature in
 * opcodes.def (so it cannot disagree with the compiler's). */
#define NUM_LABEL(im, s)                                                 \
	((im) != IMM_NONE || (s)[0] == 0 ? &&op_other                    \
	 : SIG_BIN(s, 'i', 'i') ? &&op_ii_i : SIG_BIN(s, 'l', 'l') ? &&op_ll_l \
	 : SIG_BIN(s, 'l', 'i') ? &&op_ll_i : SIG_BIN(s, 'f', 'f') ? &&op_ff_f \
	 : SIG_BIN(s, 'f', 'i') ? &&op_ff_i : SIG_BIN(s, 'd', 'd') ? &&op_dd_d \
	 : SIG_BIN(s, 'd', 'i') ? &&op_dd_i : SIG_UN(s, 'i', 'i') ? &&op_i_i  \
	 : SIG_UN(s, 'l', 'l') ? &&op_l_l : &&op_numeric)

/* The next instruction, or the end of a body that lacks its final `end`
 * (malformed). */
#define NEXT()                                                           \
	do {                                                             \
		if (WX_UNLIKELY(x.p >= x.end))                           \
			return false;                                    \
		opc = *x.p++;                                            \
		goto *dispatch[opc];                                     \
	} while (0)

static bool check_body(struct wx_vstate *v, const struct wx_module *m,
		       const struct wx_funcdef *fd,
		       const struct wx_functype *ft)
{
	/* Threaded dispatch (NEXT): one indirect jump per handler, which the
	 * branch predictor tells apart far better than a switch's one.  The
	 * numeric instructions get their handlers from opcodes.def, the
	 * others are listed by hand below them (overriding). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
	static const void *const dispatch[256] = {
		[0 ... 255] = &&op_other,
#define OP(code, ident, nm, im, sg, al) [code] = NUM_LABEL(IMM_##im, sg),
#define OPFC(...)
#define OPFE(...)
#include "../core/opcodes.def"
		[0x00] = &&op_unreachable,
		[0x01] = &&op_nop,
		[0x02] = &&op_block,
		[0x03] = &&op_loop,
		[0x04] = &&op_if,
		[0x05] = &&op_else,
		[0x0b] = &&op_end,
		[0x0c] = &&op_br,
		[0x0d] = &&op_br_if,
		[0x0e] = &&op_br_table,
		[0x0f] = &&op_return,
		[0x10] = &&op_call,
		[0x11] = &&op_call_indirect,
		[0x1a] = &&op_drop,
		[0x1b] = &&op_select,
		[0x20] = &&op_local_get,
		[0x21] = &&op_local_set,
		[0x22] = &&op_local_tee,
		[0x23] = &&op_global_get,
		[0x24] = &&op_global_set,
		[0x28 ... 0x3e] = &&op_mem,
		[0x3f] = &&op_memory_size,
		[0x40] = &&op_memory_grow,
		[0x41] = &&op_i32_const,
		[0x42] = &&op_i64_const,
		[0x43] = &&op_f32_const,
		[0x44] = &&op_f64_const,
		[0xfd] = &&op_simd,
	};
#pragma GCC diagnostic pop
	struct vctx x;
	uint32_t nparams = ft->nparams, nlocals = nparams + fd->nlocals;
	const uint8_t *fresults = ft->types8 + nparams;
	const uint8_t *locals;
	const struct wx_vctrl *g;
	const uint8_t *t;
	uint32_t a, b, n, i;
	uint8_t opc;

	x.p = m->bytes + fd->code_offset;
	x.end = x.p + fd->code_len;
	x.sp = 0;
	x.nctrl = 0;
	x.vals = v->vals;
	if ((uint64_t)fd->code_len + 1 > v->vals_cap &&
	    (x.vals = grow_vals(v, (uint64_t)fd->code_len + 1)) == NULL)
		return false;
	if (!push_ctrl(v, &x, VC_FUNC, fresults, ft->nresults))
		return false;
	/* Params and locals in one array: a local's type is one load. */
	if (nlocals > v->locals_cap && !grow_locals(v, nlocals))
		return false;
	if (nparams != 0) /* (no NULL to memcpy, even for 0 bytes) */
		memcpy(v->locals, ft->types8, nparams);
	for (i = 0; i < fd->nlocals; i++) {
		if (!wx_vt_simple(fd->local_types[i]))
			return false;
		v->locals[nparams + i] = (uint8_t)fd->local_types[i];
	}
	locals = v->locals;
	NEXT();
	op_unreachable: /* unreachable */
		set_unreachable(&x);
		NEXT();
	op_nop: /* nop */
		NEXT();
	op_block: /* block */
	op_loop: /* loop */
		if (!read_blocktype(&x, &t, &n) ||
		    !push_ctrl(v, &x, opc == 0x02 ? VC_BLOCK : VC_LOOP,
			       t, n))
			return false;
		NEXT();
	op_if: /* if */
		if (!read_blocktype(&x, &t, &n) ||
		    !pop_expect(&x, WX_I32) ||
		    !push_ctrl(v, &x, VC_IF, t, n))
			return false;
		NEXT();
	op_else: /* else */
		if (x.f->kind != VC_IF || !check_frame_end(&x))
			return false;
		x.f->kind = VC_ELSE;
		x.f->unreachable = false;
		NEXT();
	op_end: /* end */
		/* An if without else has an empty else arm: it
		 * must produce nothing (there are no params). */
		if ((x.f->kind == VC_IF && x.f->nresults != 0) ||
		    !check_frame_end(&x))
			return false;
		if (x.nctrl == 1) /* the function's end */
			return x.p == x.end;
		t = x.f->results;
		n = x.f->nresults; /* 0 or 1: a plain push */
		x.f = &v->ctrls[--x.nctrl - 1];
		if (n != 0)
			push(&x, t[0]);
		NEXT();
	op_br: /* br */
		if ((g = read_label(v, &x)) == NULL)
			return false;
		label_of(g, &t, &n);
		if (!match_top(&x, t, n, false))
			return false;
		set_unreachable(&x);
		NEXT();
	op_br_if: /* br_if */
		if ((g = read_label(v, &x)) == NULL ||
		    !pop_expect(&x, WX_I32))
			return false;
		label_of(g, &t, &n);
		/* pop_vals then push_vals of the label types: the
		 * known ones stay, the missing ones appear. */
		if (!match_top(&x, t, n, true) ||
		    !push_n(v, &x, t, n))
			return false;
		NEXT();
	op_br_table: /* br_table */
		if (!rd_u32(&x, &n) ||
		    (uint64_t)n + 1 > (uint64_t)(x.end - x.p) ||
		    !pop_expect(&x, WX_I32))
			return false;
		a = 0;
		for (i = 0; i <= n; i++) {
			const uint8_t *lt;
			uint32_t ln;
			if ((g = read_label(v, &x)) == NULL)
				return false;
			label_of(g, &lt, &ln);
			if (i == 0)
				a = ln;
			if (ln != a || !match_top(&x, lt, ln, false))
				return false;
		}
		set_unreachable(&x);
		NEXT();
	op_return: /* return */
		if (!match_top(&x, fresults, ft->nresults, false))
			return false;
		set_unreachable(&x);
		NEXT();
	op_call: /* call */
	op_call_indirect: /* call_indirect */ {
		const struct wx_functype *ct;
		if (!rd_u32(&x, &a))
			return false;
		if (opc == 0x10) {
			if (a >= m->nfuncs)
				return false;
			ct = wx_module_functype(m, a);
		} else {
			if (!rd_u32(&x, &b) || b >= m->ntables ||
			    a >= m->ntypes ||
			    m->types[a]->kind != WX_DEF_FUNC ||
			    m->tables[b].elemtype != WX_FUNCREF ||
			    m->tables[b].limits.is64 ||
			    !pop_expect(&x, WX_I32))
				return false;
			ct = m->types[a];
		}
		if (ct->types8 == NULL ||
		    !match_top(&x, ct->types8, ct->nparams, true) ||
		    !push_n(v, &x, ct->types8 + ct->nparams,
			    ct->nresults))
			return false;
		NEXT();
	}
	op_drop: /* drop */
		if (x.sp > x.f->height)
			x.sp--;
		else if (!x.f->unreachable)
			return false;
		NEXT();
	op_select: /* select: two known, equal numeric types */
		if (!pop_expect(&x, WX_I32) || x.sp - x.f->height < 2)
			return false;
		t = &x.vals[x.sp - 2];
		if (t[0] != t[1] ||
		    (t[0] != WX_I32 && t[0] != WX_I64 &&
		     t[0] != WX_F32 && t[0] != WX_F64))
			return false;
		x.sp--;
		NEXT();
	/* Each its own handler: a shared one would branch on the opcode,
	 * which the dispatch has just told apart. */
	op_local_get:
		if (!rd_u32(&x, &a) || a >= nlocals)
			return false;
		push(&x, locals[a]);
		NEXT();
	op_local_set:
		if (!rd_u32(&x, &a) || a >= nlocals || !pop_expect(&x, locals[a]))
			return false;
		NEXT();
	op_local_tee:
		if (!rd_u32(&x, &a) || a >= nlocals || !pop_expect(&x, locals[a]))
			return false;
		push(&x, locals[a]);
		NEXT();
	op_global_get:
		if (!rd_u32(&x, &a) || a >= m->nglobals ||
		    !wx_vt_simple(m->globals[a].type.type))
			return false;
		push(&x, (uint8_t)m->globals[a].type.type);
		NEXT();
	op_global_set:
		if (!rd_u32(&x, &a) || a >= m->nglobals ||
		    !m->globals[a].type.mut ||
		    !wx_vt_simple(m->globals[a].type.type) ||
		    !pop_expect(&x, (uint8_t)m->globals[a].type.type))
			return false;
		NEXT();
	op_mem: /* loads and stores */
		if (!read_memarg(&x, m, vops[opc].align) ||
		    !apply_sig(&x, &vops[opc]))
			return false;
		NEXT();
	op_memory_size: /* memory.size */
	op_memory_grow: /* memory.grow */
		if (x.p >= x.end || *x.p++ != 0 || !mem0_32(m) ||
		    !apply_sig(&x, &vops[opc]))
			return false;
		NEXT();
	op_i32_const: /* i32.const: 5 bytes at most, 4 bits in the last */
		if (!skip_sleb(&x, 5, 0x78))
			return false;
		push(&x, WX_I32);
		NEXT();
	op_i64_const: /* i64.const: 10 bytes, 1 bit in the last */
		if (!skip_sleb(&x, 10, 0x7f))
			return false;
		push(&x, WX_I64);
		NEXT();
	op_f32_const: /* f32.const */
	op_f64_const: /* f64.const */
		n = opc == 0x43 ? 4 : 8;
		if ((size_t)(x.end - x.p) < n)
			return false;
		x.p += n;
		push(&x, opc == 0x43 ? WX_F32 : WX_F64);
		NEXT();
	op_ii_i:
		if (!binop(&x, WX_I32, WX_I32, opc))
			return false;
		NEXT();
	op_ll_l:
		if (!binop(&x, WX_I64, WX_I64, opc))
			return false;
		NEXT();
	op_ll_i:
		if (!binop(&x, WX_I64, WX_I32, opc))
			return false;
		NEXT();
	op_ff_f:
		if (!binop(&x, WX_F32, WX_F32, opc))
			return false;
		NEXT();
	op_ff_i:
		if (!binop(&x, WX_F32, WX_I32, opc))
			return false;
		NEXT();
	op_dd_d:
		if (!binop(&x, WX_F64, WX_F64, opc))
			return false;
		NEXT();
	op_dd_i:
		if (!binop(&x, WX_F64, WX_I32, opc))
			return false;
		NEXT();
	op_i_i:
		if (!unop(&x, WX_I32, WX_I32, opc))
			return false;
		NEXT();
	op_l_l:
		if (!unop(&x, WX_I64, WX_I64, opc))
			return false;
		NEXT();
	op_numeric: /* the other signatures: conversions, f32/f64 unary */
		if (!apply_sig(&x, &vops[opc]))
			return false;
		NEXT();
	op_simd: { /* 0xfd: fixed-width and relaxed SIMD (compile_simd.c) */
		const struct vsop *so;
		if (!rd_u32(&x, &a) || a >= WX_ARRAY_LEN(vsops) ||
		    vsops[a].imm == VS_NONE)
			return false;
		so = &vsops[a];
		switch (so->imm) {
		case VS_M: /* memarg */
		case VS_ML: /* memarg, lane */
			if (!read_memarg(&x, m, wxc_simd_align(a)))
				return false;
			if (so->imm == VS_M)
				break;
			/* fall through */
		case VS_L: /* lane */
			if (x.p >= x.end || *x.p++ >= wxc_simd_lanes(so->name))
				return false;
			break;
		case VS_C: /* 16 bytes */
		case VS_SH: /* 16 lanes of two vectors */
			if (x.end - x.p < 16)
				return false;
			for (i = 0; so->imm == VS_SH && i < 16; i++)
				if (x.p[i] >= 32)
					return false;
			x.p += 16;
			break;
		default:
			break;
		}
		if (!apply_sig(&x, &so->sig))
			return false;
		NEXT();
	}
	op_other:
		return false;
}

#undef NEXT
#undef NUM_LABEL
#undef SIG_UN
#undef SIG_BIN

bool wx_validate_fast(struct wx_vstate *v, const struct wx_module *m,
		      uint32_t funcidx)
{
	const struct wx_funcdef *fd = &m->funcdefs[funcidx - m->nfuncs_imported];
	const struct wx_functype *ft = m->types[fd->typeidx];
	/* The compiler's limit (a malformed module); typed references. */
	if ((uint64_t)ft->nparams + fd->nlocals > 50000 || ft->types8 == NULL)
		return false;
	return check_body(v, m, fd, ft);
}

void wx_vstate_fini(struct wx_vstate *v)
{
	free(v->vals);
	free(v->ctrls);
	free(v->locals);
	v->vals = NULL;
	v->ctrls = NULL;
	v->locals = NULL;
	v->vals_cap = v->ctrls_cap = v->locals_cap = 0;
}
