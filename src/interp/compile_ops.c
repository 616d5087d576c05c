/*
 * compile_ops.c - translation of the instructions whose operands and
 * result follow their signature (numeric, memory, atomics), the constant
 * operands, and the bulk-memory, table and reference instructions.
 * See compile.c for the slot model.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../core/reader.h"
#include "code.h"
#include "compile_int.h"

static const struct opinfo op_fc[32] = {
#define OP(...)
#define OPFC(code, ident, nm, im, sg, al) \
	[code] = {nm, sg, IMM_##im, al, WX_OP_##ident, OPINFO_SIG(sg)},
#define OPFE(...)
#include "../core/opcodes.def"
};

static const struct opinfo op_fe[0x50] = {
#define OP(...)
#define OPFC(...)
#define OPFE(code, ident, nm, im, sg, al) \
	[code] = {nm, sg, IMM_##im, al, WX_OP_##ident, OPINFO_SIG(sg)},
#include "../core/opcodes.def"
};

/* Memory argument (spec 5.4.6): alignment exponent, then offset: a u32,
 * or for a 64-bit memory (memory64) a u64, whose high half goes to
 * c->offset_hi. */
int wxc_read_memarg(struct compiler *c, const struct opinfo *oi,
		       uint32_t *offset, bool atomic)
{
	uint32_t align;
	int ret;
	c->memidx = 0;
	c->offset_hi = 0;
	if ((ret = wxc_rd_u32(c, &align)) != 0)
		return ret;
	/* Multi-memory: bit 6 of the alignment field announces a memory
	 * index before the offset. */
	if (align & 0x40) {
		align &= ~0x40u;
		if ((ret = wxc_rd_u32(c, &c->memidx)) != 0)
			return ret;
	}
	c->mem64 = c->memidx >= c->m->nmems || wxc_mem64(c, c->memidx);
	if (c->mem64) {
		uint64_t off;
		if (wx_read_u64(&c->rd, &off) != 0)
			return MALFORMED("%s", c->rd.err ? c->rd.err
							 : "unexpected end");
		*offset = (uint32_t)off;
		c->offset_hi = (uint32_t)(off >> 32);
	} else if ((ret = wxc_rd_u32(c, offset)) != 0) {
		return ret;
	}
	if (c->memidx >= c->m->nmems)
		return INVALID("unknown memory %u", c->memidx);
	if (atomic ? align != oi->align : align > oi->align)
		return INVALID(atomic ? "alignment must be exactly natural"
				      : "alignment must not be larger than "
					"natural");
	return 0;
}

int wxc_pop_table_index(struct compiler *c, uint32_t tab, struct operand *o)
{
	bool is64 = tab < c->m->ntables && c->m->tables[tab].limits.is64;
	int ret = wxc_pop_expect(c, is64 ? WX_I64 : WX_I32, o);
	/* The pop put the operand in its home slot, which it owns. */
	if (ret == 0 && is64)
		wxc_emit_n(c, WX_OP_clamp32, 2, (uint32_t[]){o->slot, o->slot});
	return ret;
}

/* ---- immediate operands ---- */

/* The _ri variant of an integer binary op, or WX_NUM_OPS. */
static enum wx_op ri_variant(enum wx_op op)
{
	switch (op) {
#define X(k)                                                             \
	case WX_OP_i32_##k:                                              \
		return WX_OP_i32_##k##_ri;                               \
	case WX_OP_i64_##k:                                              \
		return WX_OP_i64_##k##_ri;
		WX_CMP_LIST(X)
		WX_ARITH_RI_LIST(X)
#undef X
	default:
		return WX_NUM_OPS;
	}
}

/* The op with its operands swapped (a op b == b op' a), or WX_NUM_OPS. */
static enum wx_op swapped(enum wx_op op)
{
	switch (op) {
#define S(x, y)                                                          \
	case WX_OP_i32_##x:                                              \
		return WX_OP_i32_##y;                                    \
	case WX_OP_i64_##x:                                              \
		return WX_OP_i64_##y;
		S(add, add) S(mul, mul) S(and, and) S(or, or) S(xor, xor)
		S(eq, eq) S(ne, ne) S(lt_s, gt_s) S(lt_u, gt_u) S(gt_s, lt_s)
		S(gt_u, lt_u) S(le_s, ge_s) S(le_u, ge_u) S(ge_s, le_s)
		S(ge_u, le_u)
#undef S
	default:
		return WX_NUM_OPS;
	}
}

/* Whether `o` can be an immediate of an op of type `type`: any i32, an
 * i64 only if it sign-extends from 32 bits. */
static bool fits_imm(const struct operand *o, wx_valtype_t type)
{
	if (!o->is_const)
		return false;
	if (type == WX_I32)
		return true;
	return type == WX_I64 &&
	       (uint64_t)(int64_t)(int32_t)(uint32_t)o->imm == o->imm;
}

/* A binary integer op with one constant operand: dst a imm.  Returns
 * false if neither operand fits. */
static bool emit_ri(struct compiler *c, enum wx_op op, wx_valtype_t type,
		    struct operand *a, struct operand *b, uint32_t dst)
{
	uint64_t imm;
	if (ri_variant(op) == WX_NUM_OPS && op != WX_OP_i32_sub &&
	    op != WX_OP_i64_sub)
		return false;
	if (!fits_imm(b, type)) {
		struct operand *t;
		if (!fits_imm(a, type) || b->is_const ||
		    swapped(op) == WX_NUM_OPS)
			return false;
		op = swapped(op);
		t = a;
		a = b;
		b = t;
	}
	if (a->is_const)
		return false; /* both constant: rare, take the plain path */
	imm = b->imm;
	if (op == WX_OP_i32_sub || op == WX_OP_i64_sub) {
		/* x - k == x + (-k); for i64, -k still fits unless k is
		 * INT32_MIN. */
		if (type == WX_I64 && (int64_t)imm == INT32_MIN)
			return false;
		imm = 0 - imm;
		op = op == WX_OP_i32_sub ? WX_OP_i32_add : WX_OP_i64_add;
	}
	wxc_emit_op(c, ri_variant(op));
	wxc_emit_word(c, dst);
	wxc_emit_word(c, a->slot);
	wxc_emit_word(c, (uint32_t)imm);
	c->last_dst = (int32_t)c->ncode - 3;
	return true;
}

static enum wx_op br_variant(enum wx_op op);
static enum wx_op negated(enum wx_op op);

/* i32.eqz of the integer compare just emitted (clang's `!(a < b)`):
 * negate the compare instead. */
static bool negate_last_cmp(struct compiler *c, const struct operand *o)
{
	uint32_t at = c->last_at;
	if (o->is_const || br_variant(c->last_op) == WX_NUM_OPS ||
	    o->slot != home(c, c->sp) || at + 4 != c->ncode ||
	    c->code[at + 1] != o->slot)
		return false;
	c->last_op = negated(c->last_op);
	c->code[at] = (uint32_t)wx_interp_handler[c->last_op];
	c->last_dst = (int32_t)at + 1;
	return true;
}

/* The load `op` (an _rr or _ri fusion of the i32.add just emitted) when
 * that add's operand is a temporary made by an i32.shl by a constant just
 * before it: all three become one _sx or _si op.  Neither the shift nor
 * the add can trap, so the fused op keeps only the load's position. */
static bool fuse_load_scaled(struct compiler *c, enum wx_op op, bool ri,
			     uint32_t dst, uint32_t off)
{
	uint32_t at = c->last_at, p = c->prev_at, s, base, idx, sh;
	bool sx;
	if (c->prev_op != WX_OP_i32_shl_ri || p + 4 != at || c->npos < 2 ||
	    c->pos[c->npos - 2].word != p)
		return false;
	s = c->code[p + 1];
	if (s < c->nlocals) /* a local.tee kept the shifted value */
		return false;
	idx = c->code[p + 2];
	sh = c->code[p + 3] & 31;
	if (c->code[at + 2] == s) {
		base = c->code[at + 3]; /* the immediate, for _ri */
		sx = !ri;
	} else if (!ri && c->code[at + 3] == s) {
		base = c->code[at + 2];
		sx = true;
	} else {
		return false;
	}
	switch (op) {
#define X(k)                                                             \
	case WX_OP_##k##_rr:                                             \
	case WX_OP_##k##_ri:                                             \
		op = sx ? WX_OP_##k##_sx : WX_OP_##k##_si;               \
		break;
		WX_LOAD_LIST(X)
#undef X
	default:
		return false;
	}
	c->ncode = p;
	c->npos -= 2;
	wxc_emit_op(c, op);
	wxc_emit_word(c, dst);
	if (sx) {
		wxc_emit_word(c, base);
		wxc_emit_word(c, idx);
		wxc_emit_word(c, sh);
	} else {
		wxc_emit_word(c, idx);
		wxc_emit_word(c, sh);
		wxc_emit_word(c, base);
	}
	wxc_emit_word(c, off);
	c->last_dst = (int32_t)p + 1;
	return true;
}

/* A load whose address is the i32.add just emitted (a[i] and p->f
 * idioms): one op does both. */
static bool fuse_load(struct compiler *c, const struct opinfo *oi,
		      const struct operand *addr, uint32_t dst, uint32_t off)
{
	uint32_t at = c->last_at;
	enum wx_op op = WX_NUM_OPS;
	bool ri = c->last_op == WX_OP_i32_add_ri;
	if ((c->last_op != WX_OP_i32_add && !ri) || addr->is_const ||
	    addr->slot != home(c, c->sp) || at + 4 != c->ncode ||
	    c->code[at + 1] != addr->slot || c->npos == 0 ||
	    c->pos[c->npos - 1].word != at)
		return false;
	switch (oi->op) {
#define X(k)                                                             \
	case WX_OP_##k:                                                  \
		op = ri ? WX_OP_##k##_ri : WX_OP_##k##_rr;               \
		break;
		WX_LOAD_LIST(X)
#undef X
	default:
		return false;
	}
	if (fuse_load_scaled(c, op, ri, dst, off))
		return true;
	{
		uint32_t a = c->code[at + 2], b = c->code[at + 3];
		/* The add cannot trap: the fused op's position is the
		 * load's (emit_op records the current instruction). */
		c->ncode = at;
		c->npos--;
		wxc_emit_op(c, op);
		wxc_emit_word(c, dst);
		wxc_emit_word(c, a);
		wxc_emit_word(c, b);
		wxc_emit_word(c, off);
		c->last_dst = (int32_t)at + 1;
	}
	return true;
}

/* A store whose address is the i32.add just emitted.  The value must be
 * a local or a constant-free slot that needed no code after the add; a
 * value computed by an instruction would itself be the last one. */
static bool fuse_store(struct compiler *c, const struct opinfo *oi,
		       const struct operand *addr, const struct operand *val,
		       uint32_t off)
{
	uint32_t at = c->last_at;
	enum wx_op op = WX_NUM_OPS;
	bool ri = c->last_op == WX_OP_i32_add_ri;
	/* p[i] += x: the f64_add_m just emitted loaded from this very
	 * address (same slot, no immediate, same offset), so add in place.
	 * The slot still holds the same address: a write to the local in
	 * between would have moved the deferred read home. */
	if (oi->op == WX_OP_f64_store && c->last_op == WX_OP_f64_add_m &&
	    !addr->is_const && !val->is_const &&
	    val->slot == home(c, c->sp + 1) && at + 6 == c->ncode &&
	    c->code[at + 1] == val->slot && c->code[at + 3] == addr->slot &&
	    c->code[at + 4] == 0 && c->code[at + 5] == off &&
	    c->npos > 0 && c->pos[c->npos - 1].word == at) {
		uint32_t a = c->code[at + 2], p = c->prev_at;
		/* ... and when the addend is the product f64_mul_m computed
		 * just before (read by nothing else: it is the temporary
		 * the add consumed), do both in one op.  Both loads happen
		 * before the store, so a trap leaves memory as the three
		 * ops would; it reports the mul's (the first load's)
		 * position. */
		if (c->prev_op == WX_OP_f64_mul_m && p + 6 == at &&
		    c->code[p + 1] == a && a == val->slot && c->npos > 1 &&
		    c->pos[c->npos - 2].word == p) {
			uint32_t w[4] = {c->code[p + 2], c->code[p + 3],
					 c->code[p + 4], c->code[p + 5]};
			uint32_t q = c->prev2_at, x[3], mul_off, k;
			enum wx_op pre = c->prev2_op;
			/* An i32 add just before (a pointer stepped or
			 * formed, kept in a local): it runs first, in the
			 * same op, as a superinstruction. */
			if ((pre == WX_OP_i32_add || pre == WX_OP_i32_add_ri) &&
			    q + 4 == p && c->npos > 2 &&
			    c->pos[c->npos - 3].word == q) {
				for (k = 0; k < 3; k++)
					x[k] = c->code[q + 1 + k];
				mul_off = c->pos[c->npos - 2].offset;
				c->npos -= 3;
				c->ncode = q;
				wxc_emit_op(c, pre == WX_OP_i32_add
						       ? WX_OP_f64_fma_to_a
						       : WX_OP_f64_fma_to_ai);
				/* A trap is the mul's (its load's). */
				c->pos[c->npos - 1].offset = mul_off;
				for (k = 0; k < 3; k++)
					wxc_emit_word(c, x[k]);
			} else {
				c->npos--; /* the add's position */
				c->ncode = p;
				wxc_emit_op(c, WX_OP_f64_fma_to);
				c->npos--; /* the mul's stays */
			}
			wxc_emit_word(c, addr->slot);
			wxc_emit_word(c, off);
			for (p = 0; p < 4; p++)
				wxc_emit_word(c, w[p]);
			return true;
		}
		c->ncode = at; /* keeps the f64_add_m's (the load's) position */
		wxc_emit_op(c, WX_OP_f64_add_to);
		c->npos--;
		wxc_emit_word(c, addr->slot);
		wxc_emit_word(c, off);
		wxc_emit_word(c, a);
		return true;
	}
	if ((c->last_op != WX_OP_i32_add && !ri) || addr->is_const ||
	    val->is_const || addr->slot != home(c, c->sp) ||
	    at + 4 != c->ncode || c->code[at + 1] != addr->slot ||
	    c->npos == 0 || c->pos[c->npos - 1].word != at)
		return false;
	switch (oi->op) {
#define X(k)                                                             \
	case WX_OP_##k:                                                  \
		op = ri ? WX_OP_##k##_ri : WX_OP_##k##_rr;               \
		break;
		WX_STORE_LIST(X)
#undef X
	default:
		return false;
	}
	{
		uint32_t a = c->code[at + 2], b = c->code[at + 3];
		c->ncode = at;
		c->npos--;
		wxc_emit_op(c, op);
		wxc_emit_word(c, a);
		wxc_emit_word(c, b);
		wxc_emit_word(c, val->slot);
		wxc_emit_word(c, off);
	}
	return true;
}

/* An xor_rotl about to be emitted (dst = rotl(src, n) ^ x) when x is the
 * temporary that a rotl_ri or rotl2_xor of the same src made just before
 * the rotl_ri being folded: one rotl2_xor or rotl3_xor.  Likewise an
 * xor_shr (shr: dst = (src >> n) ^ x) after a rotl2_xor: SHA-2's small
 * sigma, one rotl2_xor_shr.  None of these can trap, so their positions
 * go. */
static bool fuse_rotl_chain(struct compiler *c, const struct operand *x,
			    uint32_t src, uint32_t n, uint32_t dst, bool shr)
{
	uint32_t at = c->last_at, p = c->prev_at, len, k[2];
	enum wx_op op;
	if (c->prev_op == WX_OP_i32_rotl_ri && !shr) {
		len = 4;
		op = WX_OP_i32_rotl2_xor;
	} else if (c->prev_op == WX_OP_i32_rotl2_xor) {
		len = 5;
		op = shr ? WX_OP_i32_rotl2_xor_shr : WX_OP_i32_rotl3_xor;
	} else {
		return false;
	}
	if (p + len != at || x->slot < c->nlocals ||
	    c->code[p + 1] != x->slot || c->code[p + 2] != src ||
	    src == x->slot || c->npos < 2 || c->pos[c->npos - 2].word != p)
		return false;
	k[0] = c->code[p + 3];
	k[1] = c->code[p + 4];
	c->ncode = p;
	c->npos -= 2;
	wxc_emit_op(c, op);
	wxc_emit_word(c, dst);
	wxc_emit_word(c, src);
	wxc_emit_word(c, k[0]);
	if (len == 5)
		wxc_emit_word(c, k[1]);
	wxc_emit_word(c, n);
	c->last_dst = (int32_t)p + 1;
	return true;
}

/* A muladd about to be emitted (dst = w1 * w2 + x) when one factor is
 * the temporary an i32.load or i32.load16_s (_ri form) just before the
 * mul made: one op, the dot product of int16 or int32 arrays (filters,
 * CoreMark's matrix code).  The fused op keeps the load's position. */
static bool fuse_muladd_load(struct compiler *c, const struct operand *x,
			     uint32_t w1, uint32_t w2, uint32_t dst)
{
	uint32_t at = c->last_at, q = c->prev_at, t, m, w[3], off;
	enum wx_op op;
	if (c->prev_op == WX_OP_i32_load_ri)
		op = WX_OP_i32_muladd_l32;
	else if (c->prev_op == WX_OP_i32_load16_s_ri)
		op = WX_OP_i32_muladd_l16s;
	else
		return false;
	t = c->code[q + 1];
	if (q + 5 != at || t < c->nlocals || x->slot == t || c->npos < 2 ||
	    c->pos[c->npos - 2].word != q)
		return false;
	if (w1 == t && w2 != t)
		m = w2;
	else if (w2 == t && w1 != t)
		m = w1;
	else
		return false;
	w[0] = c->code[q + 2];
	w[1] = c->code[q + 3];
	w[2] = c->code[q + 4];
	off = c->pos[c->npos - 2].offset;
	c->ncode = q;
	c->npos -= 2;
	wxc_emit_op(c, op);
	c->pos[c->npos - 1].offset = off;
	wxc_emit_word(c, dst);
	wxc_emit_word(c, w[0]);
	wxc_emit_word(c, w[1]);
	wxc_emit_word(c, w[2]);
	wxc_emit_word(c, m);
	wxc_emit_word(c, x->slot);
	c->last_dst = (int32_t)q + 1;
	return true;
}

/* Fold the instruction just emitted into this i32 binary op when its
 * result is one of the operands (and nothing else reads it): the pairs
 * of ops.def, i32_add3 and friends. */
static bool fuse_pair(struct compiler *c, const struct opinfo *oi,
		      const struct operand *ops, uint32_t dst)
{
	uint32_t at = c->last_at, p, w1, w2;
	const struct operand *x;
	enum wx_op op;
	if (c->ncode != at + 4 || c->npos == 0 ||
	    c->pos[c->npos - 1].word != at)
		return false;
	for (p = 0; p < 2; p++)
		if (!ops[p].is_const && ops[p].slot == home(c, c->sp + p) &&
		    c->code[at + 1] == ops[p].slot)
			break;
	if (p == 2)
		return false;
	x = &ops[1 - p]; /* the other operand */
	if (oi->op == WX_OP_i32_add && c->last_op == WX_OP_i32_add)
		op = WX_OP_i32_add3;
	else if (oi->op == WX_OP_i32_add && c->last_op == WX_OP_i32_mul)
		op = WX_OP_i32_muladd;
	else if (oi->op == WX_OP_i32_xor && c->last_op == WX_OP_i32_rotl_ri)
		op = WX_OP_i32_xor_rotl;
	else if (oi->op == WX_OP_i32_xor && c->last_op == WX_OP_i32_shr_u_ri)
		op = WX_OP_i32_xor_shr;
	else if (oi->op == WX_OP_i32_and &&
		 c->last_op == WX_OP_i32_shr_u_ri && p == 0 && x->is_const)
		op = WX_OP_i32_and_shr;
	else
		return false;
	if (x->is_const != (op == WX_OP_i32_and_shr))
		return false;
	w1 = c->code[at + 2];
	w2 = c->code[at + 3];
	if ((op == WX_OP_i32_xor_rotl || op == WX_OP_i32_xor_shr) &&
	    fuse_rotl_chain(c, x, w1, w2, dst, op == WX_OP_i32_xor_shr))
		return true;
	if (op == WX_OP_i32_muladd && fuse_muladd_load(c, x, w1, w2, dst))
		return true;
	c->ncode = at;
	c->npos--;
	wxc_emit_op(c, op);
	wxc_emit_word(c, dst);
	wxc_emit_word(c, w1);
	wxc_emit_word(c, w2);
	wxc_emit_word(c, x->is_const ? (uint32_t)x->imm : x->slot);
	c->last_dst = (int32_t)at + 1;
	return true;
}

/* (x << k) >> k, signed, with the shl just emitted: the MVP's sign
 * extension (compilers targeting wasm without the sign-extension
 * feature write it so).  One extend op instead; neither can trap. */
static bool fuse_sext(struct compiler *c, const struct opinfo *oi,
		      const struct operand *ops, uint32_t dst)
{
	uint32_t at = c->last_at, k, src;
	enum wx_op op, shl;
	if (!ops[1].is_const || ops[0].is_const)
		return false;
	if (oi->op == WX_OP_i32_shr_s) {
		k = (uint32_t)ops[1].imm & 31;
		op = k == 24   ? WX_OP_i32_extend8_s
		     : k == 16 ? WX_OP_i32_extend16_s
			       : WX_NUM_OPS;
		shl = WX_OP_i32_shl_ri;
	} else if (oi->op == WX_OP_i64_shr_s) {
		k = (uint32_t)ops[1].imm & 63;
		op = k == 56   ? WX_OP_i64_extend8_s
		     : k == 48 ? WX_OP_i64_extend16_s
		     : k == 32 ? WX_OP_i64_extend32_s
			       : WX_NUM_OPS;
		shl = WX_OP_i64_shl_ri;
	} else {
		return false;
	}
	if (op == WX_NUM_OPS || c->last_op != shl || at + 4 != c->ncode ||
	    ops[0].slot != home(c, c->sp) || c->code[at + 1] != ops[0].slot ||
	    (c->code[at + 3] & (shl == WX_OP_i32_shl_ri ? 31 : 63)) != k ||
	    c->npos == 0 || c->pos[c->npos - 1].word != at)
		return false;
	src = c->code[at + 2];
	c->ncode = at;
	c->npos--;
	wxc_emit_op(c, op);
	wxc_emit_word(c, dst);
	wxc_emit_word(c, src);
	c->last_dst = (int32_t)at + 1;
	return true;
}

/* An f64 add/sub/mul whose second operand is the f64.load just emitted
 * takes the load's address instead.  The fused op keeps the load's code
 * position, since only the load can trap. */
static bool fuse_load_operand(struct compiler *c, const struct opinfo *oi,
			      const struct operand *a,
			      const struct operand *b, uint32_t dst)
{
	uint32_t at = c->last_at, len, addr, imm, off;
	enum wx_op op;
	switch (oi->op) {
	case WX_OP_f64_add: op = WX_OP_f64_add_m; break;
	case WX_OP_f64_sub: op = WX_OP_f64_sub_m; break;
	case WX_OP_f64_mul: op = WX_OP_f64_mul_m; break;
	default: return false;
	}
	if (c->last_op == WX_OP_f64_load)
		len = 4;
	else if (c->last_op == WX_OP_f64_load_ri)
		len = 5;
	else
		return false;
	if (a->is_const || b->is_const || b->slot != home(c, c->sp + 1) ||
	    at + len != c->ncode || c->code[at + 1] != b->slot ||
	    c->npos == 0 || c->pos[c->npos - 1].word != at)
		return false;
	addr = c->code[at + 2];
	imm = len == 5 ? c->code[at + 3] : 0;
	off = c->code[at + len - 1];
	c->ncode = at;
	wxc_emit_op(c, op);
	c->npos--; /* the load's position entry stays */
	wxc_emit_word(c, dst);
	wxc_emit_word(c, a->slot);
	wxc_emit_word(c, addr);
	wxc_emit_word(c, imm);
	wxc_emit_word(c, off);
	c->last_dst = (int32_t)at + 1;
	return true;
}

/* A load or store at a constant address (C globals live at constant
 * addresses) and an f64 add/sub/mul/div with a constant second operand:
 * the constant goes into the instruction instead of into a slot by an op
 * of its own, executed each time. */
static bool emit_const_operand(struct compiler *c, const struct opinfo *oi,
			       uint32_t nimm, struct operand *ops,
			       const uint32_t *imm, uint32_t dst)
{
	enum wx_op op = WX_NUM_OPS;
	if (nimm == 1 && oi->np >= 1 && ops[0].is_const) {
		uint64_t ea = (uint64_t)(uint32_t)ops[0].imm + imm[0];
		if (ea > UINT32_MAX)
			return false; /* always out of bounds: plain op */
		switch (oi->op) {
#define X(k)                                                             \
	case WX_OP_##k:                                                  \
		op = WX_OP_##k##_a;                                      \
		break;
			WX_LOAD_LIST(X)
			WX_STORE_LIST(X)
#undef X
		default:
			return false;
		}
		if (oi->np == 1) {
			wxc_emit_op(c, op);
			wxc_emit_word(c, dst);
			wxc_emit_word(c, (uint32_t)ea);
			c->last_dst = (int32_t)c->ncode - 2;
			return true;
		}
		if (ops[1].is_const) { /* the value was at height sp + 1 */
			ops[1].slot = home(c, c->sp + 1);
			wxc_emit_const_to(c, ops[1].slot, ops[1].type,
					  ops[1].imm);
		}
		wxc_emit_op(c, op);
		wxc_emit_word(c, (uint32_t)ea);
		wxc_emit_word(c, ops[1].slot);
		return true;
	}
	if (nimm != 0 || oi->np != 2 || ops[0].is_const == ops[1].is_const)
		return false;
	switch (oi->op) {
	case WX_OP_f64_add: op = WX_OP_f64_add_k; break;
	case WX_OP_f64_sub: op = WX_OP_f64_sub_k; break;
	case WX_OP_f64_mul: op = WX_OP_f64_mul_k; break;
	case WX_OP_f64_div: op = WX_OP_f64_div_k; break;
	default: return false;
	}
	if (ops[0].is_const) {
		struct operand t;
		/* k + a is a + k and k * a is a * k, NaN payloads aside,
		 * which wasm leaves open. */
		if (op != WX_OP_f64_add_k && op != WX_OP_f64_mul_k)
			return false;
		t = ops[0];
		ops[0] = ops[1];
		ops[1] = t;
	}
	wxc_emit_op(c, op);
	wxc_emit_word(c, dst);
	wxc_emit_word(c, ops[0].slot);
	wxc_emit_word(c, (uint32_t)ops[1].imm);
	wxc_emit_word(c, (uint32_t)(ops[1].imm >> 32));
	c->last_dst = (int32_t)c->ncode - 4;
	return true;
}

/* Instructions whose operands and result follow their "sig" and whose
 * code layout is: op, [dst], param slots..., immediates...  A constant
 * operand becomes an immediate where an _ri variant exists, else it is
 * written to its home slot here. */
int wxc_compile_generic(struct compiler *c, const struct opinfo *oi,
			uint32_t nimm, const uint32_t *imm)
{
	struct operand ops[3];
	const uint8_t *pt = oi->pt, rt = oi->rt;
	uint32_t i, np = oi->np, dst = 0;
	int ret;
	/* Validation only (load time, every body): a type check of the
	 * top np operands does it; the general path below reports
	 * errors and handles unreachable code. */
	if (!c->emit && c->sp - top_ctrl(c)->height >= np) {
		/* np == 0 (memory.size, ...) may come first in a body,
		 * before the operand array exists: no pointer into it. */
		const struct operand *top = np ? &c->stack[c->sp - np] : NULL;
		for (i = 0; i < np; i++)
			if (top[i].type != pt[i] && top[i].type != 0)
				break;
		if (i == np) {
			c->sp -= np;
			if (rt != 0)
				wxc_push(c, rt, home(c, c->sp));
			return 0;
		}
	}
	for (i = np; i-- > 0;)
		if ((ret = wxc_pop_expect_k(c, pt[i], &ops[i])) != 0)
			return ret;
	if (rt != 0)
		dst = home(c, c->sp);
	if (live(c)) {
		if (oi->op == WX_OP_i32_eqz && negate_last_cmp(c, &ops[0])) {
			wxc_push(c, rt, dst);
			return 0;
		}
		if (np == 2 && nimm == 1 && rt == 0 &&
		    fuse_store(c, oi, &ops[0], &ops[1], imm[0]))
			return 0;
		if (np == 1 && nimm == 1 && fuse_load(c, oi, &ops[0], dst,
						      imm[0])) {
			wxc_push(c, rt, dst);
			return 0;
		}
		if (np == 2 && nimm == 0 && fuse_pair(c, oi, ops, dst)) {
			wxc_push(c, rt, dst);
			return 0;
		}
		if (np == 2 && nimm == 0 &&
		    fuse_load_operand(c, oi, &ops[0], &ops[1], dst)) {
			wxc_push(c, rt, dst);
			return 0;
		}
		if (np == 2 && nimm == 0 && fuse_sext(c, oi, ops, dst)) {
			wxc_push(c, rt, dst);
			return 0;
		}
		if (np == 2 && nimm == 0 &&
		    emit_ri(c, (enum wx_op)oi->op, pt[0],
			    &ops[0], &ops[1], dst)) {
			wxc_push(c, rt, dst);
			return 0;
		}
		if (emit_const_operand(c, oi, nimm, ops, imm, dst)) {
			if (rt != 0)
				wxc_push(c, rt, dst);
			return 0;
		}
		for (i = 0; i < np; i++) {
			if (!ops[i].is_const)
				continue;
			/* Operand i was at height sp + i. */
			ops[i].slot = home(c, c->sp + i);
			wxc_emit_const_to(c, ops[i].slot, ops[i].type,
					  ops[i].imm);
		}
		wxc_emit_op(c, (enum wx_op)oi->op);
		if (rt != 0)
			wxc_emit_word(c, dst);
		for (i = 0; i < np; i++)
			wxc_emit_word(c, ops[i].slot);
		for (i = 0; i < nimm; i++)
			wxc_emit_word(c, imm[i]);
		if (rt != 0)
			c->last_dst = (int32_t)(c->ncode - 1 - np - nimm);
	}
	if (rt != 0)
		wxc_push(c, rt, dst);
	return 0;
}

/* Write a constant to slot dst. */
void wxc_emit_const_to(struct compiler *c, uint32_t dst, wx_valtype_t type,
		       uint64_t bits)
{
	if (type == WX_I64 || type == WX_F64 || bits > UINT32_MAX) {
		wxc_emit_op(c, WX_OP_const64);
		wxc_emit_word(c, dst);
		wxc_emit_word(c, (uint32_t)bits);
		wxc_emit_word(c, (uint32_t)(bits >> 32));
		c->last_dst = (int32_t)c->ncode - 3;
	} else {
		wxc_emit_op(c, WX_OP_const32);
		wxc_emit_word(c, dst);
		wxc_emit_word(c, (uint32_t)bits);
		c->last_dst = (int32_t)c->ncode - 2;
	}
}

/* A constant emits nothing yet: its consumer decides (code.h). */
void wxc_emit_const(struct compiler *c, wx_valtype_t type, uint64_t bits)
{
	struct operand *o;
	wxc_push(c, type, NO_SLOT);
	if (c->err != 0)
		return;
	o = &c->stack[c->sp - 1];
	o->is_const = true;
	o->imm = bits;
}

/* ---- fused compare and branch ---- */

/* The branch op for a compare (or its _ri variant), or WX_NUM_OPS. */
static enum wx_op br_variant(enum wx_op op)
{
	switch (op) {
#define X(k)                                                             \
	case WX_OP_i32_##k:                                              \
		return WX_OP_br_i32_##k;                                 \
	case WX_OP_i32_##k##_ri:                                         \
		return WX_OP_br_i32_##k##_ri;                            \
	case WX_OP_i64_##k:                                              \
		return WX_OP_br_i64_##k;                                 \
	case WX_OP_i64_##k##_ri:                                         \
		return WX_OP_br_i64_##k##_ri;
		WX_CMP_LIST(X)
#undef X
	default:
		return WX_NUM_OPS;
	}
}

/* The integer compare that holds exactly when `op` does not. */
static enum wx_op negated(enum wx_op op)
{
	switch (op) {
#define N2(x, y)                                                         \
	case WX_OP_i32_##x:                                              \
		return WX_OP_i32_##y;                                    \
	case WX_OP_i32_##x##_ri:                                         \
		return WX_OP_i32_##y##_ri;                               \
	case WX_OP_i64_##x:                                              \
		return WX_OP_i64_##y;                                    \
	case WX_OP_i64_##x##_ri:                                         \
		return WX_OP_i64_##y##_ri;
#define N(x, y) N2(x, y) N2(y, x)
		N(eq, ne) N(lt_s, ge_s) N(lt_u, ge_u) N(gt_s, le_s)
		N(gt_u, le_u)
#undef N
#undef N2
	default:
		return op;
	}
}

/* If the instruction just emitted computes `cond` (popped from height
 * c->sp) by an integer compare or i32.eqz, remove it and describe it in
 * *k so that the branch can do the compare itself.  Otherwise *k tests
 * cond's slot.  No label may lie between the compare and the branch
 * (last_op is reset where labels are bound). */
bool wxc_take_cmp(struct compiler *c, const struct operand *cond,
		  struct cmp *k)
{
	uint32_t at = c->last_at, len;
	k->op = WX_NUM_OPS;
	k->a = cond->slot;
	k->b = 0;
	if (c->last_op == WX_OP_i32_eqz)
		len = 3;
	else if (br_variant(c->last_op) != WX_NUM_OPS)
		len = 4;
	else
		return false;
	if (cond->slot != home(c, c->sp) || at + len != c->ncode ||
	    c->code[at + 1] != cond->slot || c->npos == 0 ||
	    c->pos[c->npos - 1].word != at)
		return false;
	k->op = c->last_op;
	k->a = c->code[at + 2];
	k->b = len == 4 ? c->code[at + 3] : 0;
	c->ncode = at;
	c->npos--;
	c->last_op = WX_NUM_OPS;
	c->last_dst = -1;
	return true;
}

/* Emit the conditional branch for *k (taken when the compare holds, or
 * when it does not if `negate`) up to its target word, which the caller
 * emits.  Returns the instruction's first word. */
uint32_t wxc_emit_cmp_branch(struct compiler *c, const struct cmp *k,
			     bool negate, bool loop)
{
	uint32_t at;
	if (k->op == WX_NUM_OPS || k->op == WX_OP_i32_eqz) {
		/* Plain: branch on cond != 0; eqz: on a == 0. */
		bool nz = (k->op == WX_NUM_OPS) != negate;
		at = wxc_emit_op(c, nz ? (loop ? WX_OP_br_nz_loop : WX_OP_br_nz)
				       : (loop ? WX_OP_br_z_loop : WX_OP_br_z));
		wxc_emit_word(c, k->a);
		return at;
	}
	/* A loop counter stepped by the instruction just before the
	 * compare (which take_cmp removed): one op for both. */
	{
		enum wx_op op = negate ? negated(k->op) : k->op, inc;
		uint32_t p = c->prev_at;
		inc = op == WX_OP_i32_ne_ri     ? WX_OP_inc_br_ne
		      : op == WX_OP_i32_lt_u_ri ? WX_OP_inc_br_lt_u
		      : op == WX_OP_i32_lt_s_ri ? WX_OP_inc_br_lt_s
						: WX_NUM_OPS;
		if (inc != WX_NUM_OPS && c->prev_op == WX_OP_i32_add_ri &&
		    p + 4 == c->ncode && c->code[p + 1] == k->a &&
		    c->code[p + 2] == k->a && c->npos > 0 &&
		    c->pos[c->npos - 1].word == p) {
			uint32_t step = c->code[p + 3];
			c->npos--;
			c->ncode = p;
			at = wxc_emit_op(c, inc);
			wxc_emit_word(c, k->a);
			wxc_emit_word(c, step);
			wxc_emit_word(c, k->b);
			return at;
		}
	}
	/* Fused branches check the interrupt word on any backward jump. */
	at = wxc_emit_op(c, br_variant(negate ? negated(k->op) : k->op));
	wxc_emit_word(c, k->a);
	wxc_emit_word(c, k->b);
	return at;
}

static int check_table(struct compiler *c, uint32_t idx)
{
	if (idx >= c->m->ntables)
		return INVALID("unknown table %u", idx);
	return 0;
}

static int check_elem(struct compiler *c, uint32_t idx)
{
	if (idx >= c->m->nelems)
		return INVALID("unknown elem segment %u", idx);
	return 0;
}

static int check_data(struct compiler *c, uint32_t idx)
{
	if (!c->m->has_datacount)
		return MALFORMED("data count section required");
	if (idx >= c->m->datacount)
		return INVALID("unknown data segment %u", idx);
	return 0;
}

/* Emit op with the given slot operands and immediates (no result). */
void wxc_emit_n(struct compiler *c, enum wx_op op, uint32_t n,
		   const uint32_t *w)
{
	uint32_t i;
	if (!live(c))
		return;
	wxc_emit_op(c, op);
	for (i = 0; i < n; i++)
		wxc_emit_word(c, w[i]);
}

/* Table and reference instructions (spec 3.3.2, 3.3.5). */
int wxc_compile_table_op(struct compiler *c, enum wx_op op)
{
	uint32_t x, y = 0;
	struct operand a, b, v;
	wx_valtype_t et;
	int ret;
	if ((ret = wxc_rd_u32(c, &x)) != 0)
		return ret;
	if (op == WX_OP_table_init || op == WX_OP_table_copy)
		if ((ret = wxc_rd_u32(c, &y)) != 0)
			return ret;
	switch (op) {
	case WX_OP_table_get:
	case WX_OP_table_set:
	case WX_OP_table_size:
	case WX_OP_table_grow:
	case WX_OP_table_fill:
		if ((ret = check_table(c, x)) != 0)
			return ret;
		et = c->m->tables[x].elemtype;
		/* A stored exnref is pinned (runtime/exn.c). */
		if (wx_vt_heap(et) == WX_EXNREF && op != WX_OP_table_get &&
		    op != WX_OP_table_size) {
			uint32_t k = op == WX_OP_table_set ? 0 : 1;
			if (c->sp > top_ctrl(c)->height + k) {
				wxc_materialize(c, c->sp - 1 - k);
				wxc_emit_n(c, WX_OP_exn_pin, 1,
					   &c->stack[c->sp - 1 - k].slot);
			}
		}
		if (op == WX_OP_table_get) {
			uint32_t dst;
			if ((ret = wxc_pop_table_index(c, x, &a)) != 0)
				return ret;
			dst = home(c, c->sp);
			wxc_emit_n(c, op, 3, (uint32_t[]){x, dst, a.slot});
			wxc_push(c, et, dst);
		} else if (op == WX_OP_table_set) {
			if ((ret = wxc_pop_expect(c, et, &v)) != 0 ||
			    (ret = wxc_pop_table_index(c, x, &a)) != 0)
				return ret;
			wxc_emit_n(c, op, 3, (uint32_t[]){x, a.slot, v.slot});
		} else if (op == WX_OP_table_size) {
			uint32_t dst = home(c, c->sp);
			wxc_emit_n(c, op, 2, (uint32_t[]){x, dst});
			wxc_push(c, wx_addrtype(&c->m->tables[x].limits), dst);
		} else if (op == WX_OP_table_grow) {
			uint32_t dst;
			if ((ret = wxc_pop_table_index(c, x, &a)) != 0 ||
			    (ret = wxc_pop_expect(c, et, &v)) != 0)
				return ret;
			dst = home(c, c->sp);
			wxc_emit_n(c, op, 4,
				   (uint32_t[]){x, dst, v.slot, a.slot});
			/* A 64-bit table's result is an i64: the old size
			 * (< 2^31) or -1, from the u32 the op leaves. */
			if (c->m->tables[x].limits.is64)
				wxc_emit_n(c, WX_OP_i64_extend_i32_s, 2,
					   (uint32_t[]){dst, dst});
			wxc_push(c, wx_addrtype(&c->m->tables[x].limits), dst);
		} else {
			if ((ret = wxc_pop_table_index(c, x, &b)) != 0 ||
			    (ret = wxc_pop_expect(c, et, &v)) != 0 ||
			    (ret = wxc_pop_table_index(c, x, &a)) != 0)
				return ret;
			wxc_emit_n(c, op, 4, (uint32_t[]){x, a.slot, v.slot,
						      b.slot});
		}
		return 0;
	case WX_OP_table_init: /* elemidx x, tableidx y */
		if ((ret = check_elem(c, x)) != 0 ||
		    (ret = check_table(c, y)) != 0)
			return ret;
		if (!wx_valtype_sub(c->m->elems[x].elemtype,
				    c->m->tables[y].elemtype))
			return INVALID("type mismatch: element segment type");
		break;
	case WX_OP_table_copy: /* dst table x, src table y */
		if ((ret = check_table(c, x)) != 0 ||
		    (ret = check_table(c, y)) != 0)
			return ret;
		if (!wx_valtype_sub(c->m->tables[y].elemtype,
				    c->m->tables[x].elemtype))
			return INVALID("type mismatch: table element types");
		break;
	case WX_OP_elem_drop:
		if ((ret = check_elem(c, x)) != 0)
			return ret;
		wxc_emit_n(c, op, 1, &x);
		return 0;
	default:
		return INVALID("internal: bad table op");
	}
	/* table.init / table.copy: d s n.  memory64: table.init's d has
	 * the table's index type, s and n are i32; table.copy's d and s
	 * have their tables' and n is i64 only if both are 64-bit. */
	if (op == WX_OP_table_init) {
		if ((ret = wxc_pop_expect(c, WX_I32, &v)) != 0 ||
		    (ret = wxc_pop_expect(c, WX_I32, &b)) != 0 ||
		    (ret = wxc_pop_table_index(c, y, &a)) != 0)
			return ret;
	} else {
		bool n64 = c->m->tables[x].limits.is64 &&
			   c->m->tables[y].limits.is64;
		if ((ret = n64 ? wxc_pop_table_index(c, x, &v)
			       : wxc_pop_expect(c, WX_I32, &v)) != 0 ||
		    (ret = wxc_pop_table_index(c, y, &b)) != 0 ||
		    (ret = wxc_pop_table_index(c, x, &a)) != 0)
			return ret;
	}
	wxc_emit_n(c, op, 5, (uint32_t[]){x, y, a.slot, b.slot, v.slot});
	return 0;
}

/* Wide arithmetic (0xfc 19-22): i64.add128 and i64.sub128 take two
 * 128-bit values as (low, high) i64 pairs, i64.mul_wide_s/u two i64s;
 * each leaves a (low, high) pair. */
static int compile_wide(struct compiler *c, uint32_t sub)
{
	static const enum wx_op ops[4] = {WX_OP_i64_add128, WX_OP_i64_sub128,
					  WX_OP_i64_mul_wide_s,
					  WX_OP_i64_mul_wide_u};
	uint32_t n = sub <= 20 ? 4 : 2, i, w[5];
	struct operand o[4];
	int ret;
	for (i = n; i-- > 0;)
		if ((ret = wxc_pop_expect(c, WX_I64, &o[i])) != 0)
			return ret;
	w[0] = home(c, c->sp);
	for (i = 0; i < n; i++)
		w[i + 1] = o[i].slot;
	wxc_emit_n(c, ops[sub - 19], n + 1, w);
	wxc_push(c, WX_I64, home(c, c->sp));
	wxc_push(c, WX_I64, home(c, c->sp));
	return c->err;
}

int wxc_compile_fc(struct compiler *c)
{
	uint32_t sub, x, zero;
	const struct opinfo *oi;
	int ret;
	if ((ret = wxc_rd_u32(c, &sub)) != 0)
		return ret;
	if (sub >= 19 && sub <= 22)
		return compile_wide(c, sub);
	if (sub >= WX_ARRAY_LEN(op_fc) || op_fc[sub].name == NULL)
		return MALFORMED("illegal opcode 0xfc 0x%x", sub);
	oi = &op_fc[sub];
	switch (oi->imm) {
	case IMM_NONE:
		return wxc_compile_generic(c, oi, 0, NULL);
	case IMM_DATA_MEM: /* memory.init: dataidx, 0x00 */
		if ((ret = wxc_rd_u32(c, &x)) != 0 ||
		    (ret = wxc_rd_u32(c, &zero)) != 0)
			return ret;
		if (zero >= c->m->nmems)
			return INVALID("unknown memory %u", zero);
		if ((ret = check_data(c, x)) != 0)
			return ret;
		if (zero != 0 || wxc_mem64(c, zero))
			return wxc_compile_bulk_mm(c, WX_OP_memory_init, x,
						   zero);
		return wxc_compile_generic(c, oi, 1, &x);
	case IMM_DATA:
		if ((ret = wxc_rd_u32(c, &x)) != 0 ||
		    (ret = check_data(c, x)) != 0)
			return ret;
		wxc_emit_n(c, WX_OP_data_drop, 1, &x);
		return 0;
	case IMM_MEM_MEM:
		if ((ret = wxc_rd_u32(c, &x)) != 0 ||
		    (ret = wxc_rd_u32(c, &zero)) != 0)
			return ret;
		if (x >= c->m->nmems || zero >= c->m->nmems)
			return INVALID("unknown memory %u",
				       x >= c->m->nmems ? x : zero);
		if (x != 0 || zero != 0 || wxc_mem64(c, x) ||
		    wxc_mem64(c, zero))
			return wxc_compile_bulk_mm(c, WX_OP_memory_copy, x,
						   zero);
		return wxc_compile_generic(c, oi, 0, NULL);
	case IMM_MEMIDX:
		if ((ret = wxc_rd_u32(c, &x)) != 0)
			return ret;
		if (x >= c->m->nmems)
			return INVALID("unknown memory %u", x);
		if (x != 0 || wxc_mem64(c, x))
			return wxc_compile_bulk_mm(c, WX_OP_memory_fill, x, 0);
		return wxc_compile_generic(c, oi, 0, NULL);
	default:
		return wxc_compile_table_op(c, (enum wx_op)oi->op);
	}
}

int wxc_compile_fe(struct compiler *c)
{
	uint32_t sub, offset;
	const struct opinfo *oi;
	uint8_t zero;
	int ret;
	if ((ret = wxc_rd_u32(c, &sub)) != 0)
		return ret;
	if (sub >= WX_ARRAY_LEN(op_fe) || op_fe[sub].name == NULL)
		return MALFORMED("illegal opcode 0xfe 0x%x", sub);
	oi = &op_fe[sub];
	if (oi->imm == IMM_FENCE) {
		if ((ret = wxc_rd_u8(c, &zero)) != 0)
			return ret;
		if (zero != 0)
			return MALFORMED("zero byte expected");
		wxc_emit_n(c, WX_OP_atomic_fence, 0, NULL);
		return 0;
	}
	if ((ret = wxc_read_memarg(c, oi, &offset, true)) != 0)
		return ret;
	if (c->memidx != 0 || c->mem64)
		return wxc_compile_atomic_mm(c, oi, offset);
	return wxc_compile_generic(c, oi, 1, &offset);
}

int wxc_compile_select(struct compiler *c, bool typed)
{
	struct operand a, b, cond;
	wx_valtype_t t = 0;
	uint32_t dst;
	int ret;
	if (typed) {
		uint32_t n;
		if ((ret = wxc_rd_u32(c, &n)) != 0)
			return ret;
		if (n != 1)
			return INVALID("invalid result arity");
		if ((ret = wxc_read_valtype(c, &t)) != 0)
			return ret;
	}
	/* Locals are read in place; constants are written to their homes
	 * below (operand i was at height sp + i), which are above the
	 * stack and distinct, so no write clobbers another operand. */
	if ((ret = wxc_pop_expect_k(c, WX_I32, &cond)) != 0 ||
	    (ret = wxc_pop_expect_k(c, t, &b)) != 0 ||
	    (ret = wxc_pop_expect_k(c, t, &a)) != 0)
		return ret;
	if (!typed) {
		if (wx_is_reftype(a.type) || wx_is_reftype(b.type))
			return INVALID("type mismatch: select needs a type "
				       "for references");
		if (a.type != 0 && b.type != 0 && a.type != b.type)
			return INVALID("type mismatch: select operands");
		t = a.type ? a.type : b.type;
	}
	dst = home(c, c->sp);
	if (live(c)) {
		struct operand *o[3] = {&a, &b, &cond};
		uint32_t i;
		for (i = 0; i < 3; i++) {
			if (!o[i]->is_const)
				continue;
			o[i]->slot = home(c, c->sp + i);
			wxc_emit_const_to(c, o[i]->slot,
					  i == 2 ? WX_I32 : t, o[i]->imm);
		}
		if (t == WX_V128) {
			wxc_emit_v128_select(c, dst, a.slot, b.slot,
					     cond.slot);
			c->last_dst = (int32_t)c->ncode - 8;
		} else {
			wxc_emit_n(c, WX_OP_select_, 4,
				   (uint32_t[]){dst, a.slot, b.slot,
						cond.slot});
			c->last_dst = (int32_t)c->ncode - 4;
		}
	}
	wxc_push(c, t, dst);
	return 0;
}

