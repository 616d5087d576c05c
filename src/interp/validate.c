/*
 * validate.c - the load-time fast check of function bodies (validate.h).
 *
 * The spec's validation algorithm (appendix "Validation Algorithm") over
 * a stack of bare value types, without the compiler's slot bookkeeping:
 * at load every body of a module is checked, and most will never be
 * translated, so the check should cost little more than reading the
 * bytes.  It gives up ("not shown valid") on every error and on the rarer
 * instructions (tables, references, bulk memory, atomics, typed select,
 * block types given by a type index), and leaves those bodies to the
 * compiler, which is also the one to word the error messages.
 *
 * Invariant: the value stack never holds an unknown type.  The spec's
 * Unknown only arises from popping below a frame's base in unreachable
 * code; every instruction handled here then pushes known types (its
 * result, or a label's types), and the one that would push an unknown
 * (select) gives up instead.  So a type on the stack compares by equality.
 */
#include "validate.h"

#include <stdlib.h>

#include "../core/reader.h"
#include "compile_int.h"

enum { VK_OTHER, VK_NUMERIC, VK_MEMARG, VK_MEMIDX };

/* What the check needs of a one-byte opcode. */
struct vop {
	uint8_t kind;
	uint8_t np, pt[3], rt; /* as struct opinfo */
	uint8_t align;
};

#define VKIND(im, sg)                                                    \
	((im) == IMM_NONE && (sg)[0] != 0 ? VK_NUMERIC :                 \
	 (im) == IMM_MEMARG		 ? VK_MEMARG :                   \
	 (im) == IMM_MEMIDX		 ? VK_MEMIDX : VK_OTHER)

static const struct vop vops[256] = {
#define OP(code, ident, nm, im, sg, al) \
	[code] = {VKIND(IMM_##im, sg), OPINFO_SIG(sg), al},
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
};

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

/* The stacks while checking one body; kept in locals of the inlined
 * helpers below. */
struct vctx {
	struct wx_vstate *v;
	uint8_t *vals;
	uint32_t sp, cap;
	struct wx_vctrl *f; /* the innermost frame */
	uint32_t nctrl;
};

static __attribute__((noinline)) bool grow_vals(struct vctx *x, uint32_t n)
{
	uint32_t cap = x->cap ? x->cap : 64;
	uint8_t *p;
	while (cap < x->sp + (uint64_t)n)
		cap *= 2;
	p = realloc(x->vals, cap);
	if (p == NULL)
		return false;
	x->v->vals = x->vals = p;
	x->v->vals_cap = x->cap = cap;
	return true;
}

static inline bool push(struct vctx *x, uint8_t t)
{
	if (x->sp == x->cap && !grow_vals(x, 1))
		return false;
	x->vals[x->sp++] = t;
	return true;
}

/* Push n types (a call's results, a label's types). */
static inline bool push_n(struct vctx *x, const uint8_t *t, uint32_t n)
{
	uint32_t i;
	if (x->sp + (uint64_t)n > x->cap && !grow_vals(x, n))
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

static inline void set_unreachable(struct vctx *x)
{
	x->sp = x->f->height;
	x->f->unreachable = true;
}

static __attribute__((noinline)) bool push_ctrl(struct vctx *x, uint8_t kind,
					       const uint8_t *results,
					       uint32_t nresults)
{
	struct wx_vctrl *f;
	if (x->nctrl == x->v->ctrls_cap) {
		uint32_t cap = x->v->ctrls_cap ? x->v->ctrls_cap * 2 : 16;
		f = realloc(x->v->ctrls, cap * sizeof(*f));
		if (f == NULL)
			return false;
		x->v->ctrls = f;
		x->v->ctrls_cap = cap;
	}
	f = &x->v->ctrls[x->nctrl++];
	f->results = results;
	f->nresults = nresults;
	f->height = x->sp;
	f->kind = kind;
	f->unreachable = false;
	x->f = f;
	return true;
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
static inline const struct wx_vctrl *read_label(struct vctx *x,
						struct wx_reader *rd)
{
	uint32_t depth;
	if (wx_read_u32(rd, &depth) != 0 || depth >= x->nctrl)
		return NULL;
	return &x->v->ctrls[x->nctrl - 1 - depth];
}

/* A block type without params: none or one value type. */
static inline bool read_blocktype(struct wx_reader *rd, const uint8_t **t,
				  uint32_t *n)
{
	uint8_t b;
	if (wx_read_u8(rd, &b) != 0)
		return false;
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

static bool check_body(struct vctx *x, const struct wx_module *m,
		       const struct wx_funcdef *fd,
		       const struct wx_functype *ft)
{
	struct wx_reader rd;
	uint32_t nparams = ft->nparams, nlocals = nparams + fd->nlocals;
	const uint8_t *fresults = ft->types + nparams;

	rd.base = m->bytes;
	rd.pos = m->bytes + fd->code_offset;
	rd.end = rd.pos + fd->code_len;
	rd.err = NULL;
	if (!push_ctrl(x, VC_FUNC, fresults, ft->nresults))
		return false;
	while (rd.pos < rd.end) {
		uint8_t opc = *rd.pos++;
		const struct vop *o = &vops[opc];
		const struct wx_vctrl *g;
		const uint8_t *t;
		uint32_t a, b, n, i;

		switch (o->kind) {
		case VK_NUMERIC:
			goto numeric;
		case VK_MEMARG:
			if (wx_read_u32(&rd, &a) != 0 ||
			    wx_read_u32(&rd, &b) != 0 || m->nmems == 0 ||
			    a > o->align)
				return false;
			goto numeric;
		case VK_MEMIDX: {
			uint8_t zero;
			if (wx_read_u8(&rd, &zero) != 0 || zero != 0 ||
			    m->nmems == 0)
				return false;
			goto numeric;
		}
		}
		switch (opc) {
		case 0x00: /* unreachable */
			set_unreachable(x);
			break;
		case 0x01: /* nop */
			break;
		case 0x02: /* block */
		case 0x03: /* loop */
			if (!read_blocktype(&rd, &t, &n) ||
			    !push_ctrl(x, opc == 0x02 ? VC_BLOCK : VC_LOOP, t,
				       n))
				return false;
			break;
		case 0x04: /* if */
			if (!read_blocktype(&rd, &t, &n) ||
			    !pop_expect(x, WX_I32) ||
			    !push_ctrl(x, VC_IF, t, n))
				return false;
			break;
		case 0x05: /* else */
			if (x->f->kind != VC_IF || !check_frame_end(x))
				return false;
			x->f->kind = VC_ELSE;
			x->f->unreachable = false;
			break;
		case 0x0b: /* end */
			/* An if without else has an empty else arm: it
			 * must produce nothing (there are no params). */
			if ((x->f->kind == VC_IF && x->f->nresults != 0) ||
			    !check_frame_end(x))
				return false;
			if (x->nctrl == 1) /* the function's end */
				return rd.pos == rd.end;
			t = x->f->results;
			n = x->f->nresults;
			x->f = &x->v->ctrls[--x->nctrl - 1];
			if (!push_n(x, t, n))
				return false;
			break;
		case 0x0c: /* br */
			if ((g = read_label(x, &rd)) == NULL)
				return false;
			label_of(g, &t, &n);
			if (!match_top(x, t, n, false))
				return false;
			set_unreachable(x);
			break;
		case 0x0d: /* br_if */
			if ((g = read_label(x, &rd)) == NULL ||
			    !pop_expect(x, WX_I32))
				return false;
			label_of(g, &t, &n);
			/* pop_vals then push_vals of the label types: the
			 * known ones stay, the missing ones appear. */
			if (!match_top(x, t, n, true) || !push_n(x, t, n))
				return false;
			break;
		case 0x0e: /* br_table */
			if (wx_read_u32(&rd, &n) != 0 ||
			    (uint64_t)n + 1 > (uint64_t)(rd.end - rd.pos) ||
			    !pop_expect(x, WX_I32))
				return false;
			a = 0;
			for (i = 0; i <= n; i++) {
				const uint8_t *lt;
				uint32_t ln;
				if ((g = read_label(x, &rd)) == NULL)
					return false;
				label_of(g, &lt, &ln);
				if (i == 0)
					a = ln;
				if (ln != a || !match_top(x, lt, ln, false))
					return false;
			}
			set_unreachable(x);
			break;
		case 0x0f: /* return */
			if (!match_top(x, fresults, ft->nresults, false))
				return false;
			set_unreachable(x);
			break;
		case 0x10: /* call */
		case 0x11: /* call_indirect */ {
			const struct wx_functype *ct;
			if (wx_read_u32(&rd, &a) != 0)
				return false;
			if (opc == 0x10) {
				if (a >= m->nfuncs)
					return false;
				ct = wx_module_functype(m, a);
			} else {
				if (wx_read_u32(&rd, &b) != 0 ||
				    b >= m->ntables || a >= m->ntypes ||
				    m->tables[b].elemtype != WX_FUNCREF ||
				    !pop_expect(x, WX_I32))
					return false;
				ct = m->types[a];
			}
			if (!match_top(x, ct->types, ct->nparams, true) ||
			    !push_n(x, ct->types + ct->nparams, ct->nresults))
				return false;
			break;
		}
		case 0x1a: /* drop */
			if (x->sp > x->f->height)
				x->sp--;
			else if (!x->f->unreachable)
				return false;
			break;
		case 0x1b: /* select: two known, equal numeric types */
			if (!pop_expect(x, WX_I32) ||
			    x->sp - x->f->height < 2)
				return false;
			t = &x->vals[x->sp - 2];
			if (t[0] != t[1] ||
			    (t[0] != WX_I32 && t[0] != WX_I64 &&
			     t[0] != WX_F32 && t[0] != WX_F64))
				return false;
			x->sp--;
			break;
		case 0x20: /* local.get */
		case 0x21: /* local.set */
		case 0x22: /* local.tee */ {
			uint8_t lt;
			if (wx_read_u32(&rd, &a) != 0 || a >= nlocals)
				return false;
			lt = a < nparams ? ft->types[a]
					 : fd->local_types[a - nparams];
			if (opc != 0x20 && !pop_expect(x, lt))
				return false;
			if (opc != 0x21 && !push(x, lt))
				return false;
			break;
		}
		case 0x23: /* global.get */
		case 0x24: /* global.set */ {
			struct wx_globaltype gt;
			if (wx_read_u32(&rd, &a) != 0 || a >= m->nglobals)
				return false;
			gt = wx_module_globaltype(m, a);
			if (opc == 0x23) {
				if (!push(x, gt.type))
					return false;
			} else if (!gt.mut || !pop_expect(x, gt.type)) {
				return false;
			}
			break;
		}
		case 0x41: { /* i32.const */
			int32_t k;
			if (wx_read_s32(&rd, &k) != 0 || !push(x, WX_I32))
				return false;
			break;
		}
		case 0x42: { /* i64.const */
			int64_t k;
			if (wx_read_s64(&rd, &k) != 0 || !push(x, WX_I64))
				return false;
			break;
		}
		case 0x43: /* f32.const */
		case 0x44: /* f64.const */
			n = opc == 0x43 ? 4 : 8;
			if ((size_t)(rd.end - rd.pos) < n ||
			    !push(x, opc == 0x43 ? WX_F32 : WX_F64))
				return false;
			rd.pos += n;
			break;
		default:
			return false;
		}
		continue;
	numeric:
		/* o->np params of types o->pt, then o->rt (0: none). */
		if (!match_top(x, o->pt, o->np, true) ||
		    (o->rt != 0 && !push(x, o->rt)))
			return false;
	}
	return false; /* no final end */
}

bool wx_validate_fast(struct wx_vstate *v, const struct wx_module *m,
		      uint32_t funcidx)
{
	const struct wx_funcdef *fd = &m->funcdefs[funcidx - m->nfuncs_imported];
	const struct wx_functype *ft = m->types[fd->typeidx];
	struct vctx x;
	/* The compiler's limit (a malformed module). */
	if ((uint64_t)ft->nparams + fd->nlocals > 50000)
		return false;
	x.v = v;
	x.vals = v->vals;
	x.cap = v->vals_cap;
	x.sp = 0;
	x.f = NULL;
	x.nctrl = 0;
	return check_body(&x, m, fd, ft);
}

void wx_vstate_fini(struct wx_vstate *v)
{
	free(v->vals);
	free(v->ctrls);
	v->vals = NULL;
	v->ctrls = NULL;
	v->vals_cap = v->ctrls_cap = 0;
}
