/*
 * compile_simd.c - validation and translation of the SIMD instructions
 * (prefix 0xFD: fixed-width SIMD and relaxed SIMD, simd.def) and of the
 * moves of v128 values.
 *
 * A v128 takes one slot number; its high half lives in the shadow half of
 * the slot stack (interp_simd.c tells the layout).  So the compiler's
 * slot bookkeeping is the same for every type; what differs is that a
 * plain copy moves only the low half, and every move of a v128 (copies,
 * select, globals, a function's results) is a SIMD instruction instead:
 * wxc_emit_move and the helpers below.  A v128 constant is never
 * deferred: v128.const writes its slot at once.
 */
#include <string.h>

#include "compile_int.h"

enum { SI_N, SI_M, SI_ML, SI_L, SI_C, SI_SH };

enum {
#define SIMD(sub, ident, name, imm, sig) CS_##ident = sub,
#include "simd.def"
};

struct sop {
	const char *name;
	uint8_t imm;
	uint8_t np, pt[3], rt;
};

#define SIG_TV(ch) ((ch) == 'v' ? WX_V128 : SIG_T(ch))
#define SIG_PTV(s, k) (SIG_NP(s) > (k) ? SIG_TV((s)[k]) : 0)
#define SOP_SIG(s)                                                       \
	SIG_NP(s), {SIG_PTV(s, 0), SIG_PTV(s, 1), SIG_PTV(s, 2)},        \
		(s)[SIG_NP(s) + 1] == 0 ? 0 : SIG_TV((s)[SIG_NP(s) + 1])

static const struct sop sops[] = {
#define SIMD(sub, ident, nm, im, sg) [sub] = {nm, SI_##im, SOP_SIG(sg)},
#include "simd.def"
};

/* Lanes of the shape an instruction's name starts with (i8x16 ...), or of
 * the lane loads/stores (v128.load8_lane ...). */
uint32_t wxc_simd_lanes(const char *name)
{
	if (strncmp(name, "v128.", 5) == 0) {
		const char *p = name + 5;
		p += p[0] == 'l' ? 4 : 5; /* "load", "store" */
		return p[0] == '8' ? 16 : p[0] == '1' ? 8 : p[0] == '3' ? 4 : 2;
	}
	return name[1] == '8' ? 16 : name[1] == '1' && name[2] == '6' ? 8
	       : name[2] == '2' ? 4 : 2;
}

/* log2 of the bytes a memory instruction accesses (its natural
 * alignment). */
uint8_t wxc_simd_align(uint32_t sub)
{
	switch (sub) {
	case 0x00: case 0x0b: return 4;
	case 0x01: case 0x02: case 0x03: case 0x04: case 0x05: case 0x06:
	case 0x0a: case 0x5d: return 3;
	case 0x07: return 0;
	case 0x08: return 1;
	case 0x09: case 0x5c: return 2;
	default: /* lane loads and stores: 0x54.. 0x5b */
		return (uint8_t)((sub - 0x54) & 3);
	}
}

/* The op of the instructions that have a handler of their own
 * (interp_simd_hot.h); 0 for the rest, which share WX_OP_simd.  Memory
 * forms only for a 32-bit memory 0 (c names the memory). */
static uint32_t hot_op(uint32_t sub, uint32_t cc, const uint32_t *imm)
{
	/* memory 0 (cc), 32-bit (imm[3] is memory64's flag) */
	bool mem0 = cc == 0 && imm != NULL && imm[3] == 0;
	switch (sub) {
	case CS_v128_load: return mem0 ? WX_OP_v_load : 0;
	case CS_v128_store: return mem0 ? WX_OP_v_store : 0;
	case WX_SIMD_COPY: return WX_OP_v_copy;
	case CS_v128_const: return WX_OP_v_const;
	case CS_i32x4_splat: case CS_f32x4_splat: return WX_OP_v_splat32;
	case CS_i64x2_splat: case CS_f64x2_splat: return WX_OP_v_splat64;
	case CS_i32x4_extract_lane: case CS_f32x4_extract_lane: return WX_OP_v_extract32;
	case CS_i64x2_extract_lane: case CS_f64x2_extract_lane: return WX_OP_v_extract64;
	case CS_v128_and: return WX_OP_v_and;
	case CS_v128_or: return WX_OP_v_or;
	case CS_v128_xor: return WX_OP_v_xor;
	case CS_i8x16_add: return WX_OP_v_i8x16_add;
	case CS_i16x8_add: return WX_OP_v_i16x8_add;
	case CS_i32x4_add: return WX_OP_v_i32x4_add;
	case CS_i32x4_sub: return WX_OP_v_i32x4_sub;
	case CS_i32x4_mul: return WX_OP_v_i32x4_mul;
	case CS_i64x2_add: return WX_OP_v_i64x2_add;
	case CS_f32x4_add: return WX_OP_v_f32x4_add;
	case CS_f32x4_sub: return WX_OP_v_f32x4_sub;
	case CS_f32x4_mul: return WX_OP_v_f32x4_mul;
	case CS_f64x2_add: return WX_OP_v_f64x2_add;
	case CS_f64x2_sub: return WX_OP_v_f64x2_sub;
	case CS_f64x2_mul: return WX_OP_v_f64x2_mul;
	default: return 0;
	}
}

static void emit_simd(struct compiler *c, uint32_t sub, uint32_t dst,
		      uint32_t a, uint32_t b, uint32_t cc, const uint32_t *imm)
{
	uint32_t i, op = hot_op(sub, cc, imm);
	wxc_emit_op(c, op != 0 ? op : WX_OP_simd);
	wxc_emit_word(c, sub);
	wxc_emit_word(c, dst);
	wxc_emit_word(c, a);
	wxc_emit_word(c, b);
	wxc_emit_word(c, cc);
	for (i = 0; i < 4; i++)
		wxc_emit_word(c, imm != NULL ? imm[i] : 0);
}

/* ---- fusions of vectorised loops (interp_simd_hot.h) ----
 *
 * A -msimd128 inner loop is v128.load, a lane-wise op and v128.store; as
 * separate instructions it ran more dispatches than the scalar loop it
 * replaces.  Three fusions, each only between instructions emitted back
 * to back (no label between: last_op/prev_op), with the temporary that
 * links them read by nothing else (it is the operand's home slot):
 *   v128.load + op            -> op_m    (the load's position kept)
 *   op_m + v128.store, same address and offset -> op_to
 *   f??x2/4.mul_m + add_to of its result      -> fma_to
 */

/* The _m op of a binary instruction, 0 if it has none. */
static enum wx_op mem_op(uint32_t sub)
{
	switch (sub) {
	case CS_i32x4_add: return WX_OP_v_i32x4_add_m;
	case CS_f32x4_add: return WX_OP_v_f32x4_add_m;
	case CS_f32x4_sub: return WX_OP_v_f32x4_sub_m;
	case CS_f32x4_mul: return WX_OP_v_f32x4_mul_m;
	case CS_f64x2_add: return WX_OP_v_f64x2_add_m;
	case CS_f64x2_sub: return WX_OP_v_f64x2_sub_m;
	case CS_f64x2_mul: return WX_OP_v_f64x2_mul_m;
	default: return WX_NUM_OPS;
	}
}

static bool commutes(uint32_t sub)
{
	return sub != CS_f32x4_sub && sub != CS_f64x2_sub;
}

/* The _to op of an _m op, WX_NUM_OPS if it is none. */
static enum wx_op to_op(enum wx_op m)
{
	switch (m) {
	case WX_OP_v_i32x4_add_m: return WX_OP_v_i32x4_add_to;
	case WX_OP_v_f32x4_add_m: return WX_OP_v_f32x4_add_to;
	case WX_OP_v_f32x4_sub_m: return WX_OP_v_f32x4_sub_to;
	case WX_OP_v_f32x4_mul_m: return WX_OP_v_f32x4_mul_to;
	case WX_OP_v_f64x2_add_m: return WX_OP_v_f64x2_add_to;
	case WX_OP_v_f64x2_sub_m: return WX_OP_v_f64x2_sub_to;
	case WX_OP_v_f64x2_mul_m: return WX_OP_v_f64x2_mul_to;
	default: return WX_NUM_OPS;
	}
}

/* Is the last instruction one emitted just now at `at`, with its own
 * position the last recorded? */
static bool last_is(struct compiler *c, enum wx_op op)
{
	return c->last_op == op && c->last_at + WX_SIMD_WORDS == c->ncode &&
	       c->npos > 0 && c->pos[c->npos - 1].word == c->last_at;
}

static void emit_words(struct compiler *c, uint32_t sub, uint32_t dst,
		       uint32_t a, uint32_t b, uint32_t i0, uint32_t i1)
{
	uint32_t w[9] = {sub, dst, a, b, 0, i0, i1, 0, 0}, i;
	for (i = 0; i < 9; i++)
		wxc_emit_word(c, w[i]);
}

/* A binary instruction whose operand is the v128.load just emitted. */
static bool fuse_load(struct compiler *c, uint32_t sub, const struct operand *o,
		      uint32_t dst)
{
	enum wx_op m = mem_op(sub);
	uint32_t at = c->last_at, loaded, other, addr, off;
	if (m == WX_NUM_OPS || !last_is(c, WX_OP_v_load))
		return false;
	loaded = c->code[at + 2];
	if (o[1].slot == loaded && loaded == home(c, c->sp + 1))
		other = o[0].slot;
	else if (commutes(sub) && o[0].slot == loaded &&
		 loaded == home(c, c->sp))
		other = o[1].slot;
	else
		return false;
	if (other == loaded)
		return false;
	addr = c->code[at + 3];
	off = c->code[at + 6];
	c->ncode = at;
	wxc_emit_op(c, m);
	c->npos--; /* a trap here is the load's */
	emit_words(c, sub, dst, other, addr, off, 0);
	c->last_dst = (int32_t)c->ncode - 8;
	return true;
}

/* A v128.store of the result of the _m op just emitted, to the address
 * it loaded from. */
static bool fuse_store(struct compiler *c, const struct operand *addr,
		       const struct operand *val, uint32_t off)
{
	uint32_t at = c->last_at, p = c->prev_at;
	enum wx_op to = to_op(c->last_op), mul;
	if (to == WX_NUM_OPS || !last_is(c, c->last_op) || addr->is_const ||
	    val->slot != c->code[at + 2] || val->slot != home(c, c->sp + 1) ||
	    addr->slot != c->code[at + 4] || off != c->code[at + 6])
		return false;
	mul = to == WX_OP_v_f64x2_add_to   ? WX_OP_v_f64x2_mul_m
	      : to == WX_OP_v_f32x4_add_to ? WX_OP_v_f32x4_mul_m
					   : WX_NUM_OPS;
	/* ... and the addend is the product the mul_m just before computed
	 * into this same temporary. */
	if (mul != WX_NUM_OPS && c->prev_op == mul &&
	    p + WX_SIMD_WORDS == at && c->code[p + 2] == c->code[at + 3] &&
	    c->code[at + 3] == val->slot && c->npos > 1 &&
	    c->pos[c->npos - 2].word == p) {
		uint32_t x = c->code[p + 3], b = c->code[p + 4],
			 boff = c->code[p + 6], q = c->prev2_at, w[3] = {0, 0, 0};
		bool f64 = mul == WX_OP_v_f64x2_mul_m;
		enum wx_op pre = c->prev2_op, op = f64 ? WX_OP_v_f64x2_fma_to
						       : WX_OP_v_f32x4_fma_to;
		uint32_t mul_off, k;
		c->npos--; /* the add's position; the mul's stays */
		/* An i32 add just before (a pointer step kept in a local):
		 * done first, in the same op. */
		if ((pre == WX_OP_i32_add || pre == WX_OP_i32_add_ri) &&
		    q + 4 == p && c->npos > 1 && c->pos[c->npos - 2].word == q) {
			for (k = 0; k < 3; k++)
				w[k] = c->code[q + 1 + k];
			mul_off = c->pos[c->npos - 1].offset;
			c->npos -= 2;
			c->ncode = q;
			op = pre == WX_OP_i32_add
				     ? (f64 ? WX_OP_v_f64x2_fma_to_a : WX_OP_v_f32x4_fma_to_a)
				     : (f64 ? WX_OP_v_f64x2_fma_to_ai : WX_OP_v_f32x4_fma_to_ai);
			wxc_emit_op(c, op);
			c->pos[c->npos - 1].offset = mul_off; /* a trap is the load's */
		} else {
			c->ncode = p;
			wxc_emit_op(c, op);
			c->npos--;
		}
		/* op adst A x B _ Aoff Boff a b */
		uint32_t words[9] = {w[0], addr->slot, x, b, 0, off, boff, w[1], w[2]};
		for (k = 0; k < 9; k++)
			wxc_emit_word(c, words[k]);
		return true;
	}
	c->code[at] = (uint32_t)wx_interp_handler[to];
	c->last_op = to;
	c->last_dst = -1;
	return true;
}

void wxc_emit_move(struct compiler *c, wx_valtype_t type, uint32_t dst,
		   uint32_t src)
{
	if (type != WX_V128) {
		wxc_emit_copy(c, dst, src);
		return;
	}
	if (dst != src)
		emit_simd(c, WX_SIMD_COPY, dst, src, src, src, NULL);
}

void wxc_emit_v128_select(struct compiler *c, uint32_t dst, uint32_t a,
			  uint32_t b, uint32_t cond)
{
	emit_simd(c, WX_SIMD_SELECT, dst, a, b, cond, NULL);
}

void wxc_emit_v128_global(struct compiler *c, bool set, uint32_t slot,
			  uint32_t idx)
{
	uint32_t imm[4] = {idx, 0, 0, 0};
	if (set)
		emit_simd(c, WX_SIMD_GLOBAL_SET, slot, slot, slot, slot, imm);
	else
		emit_simd(c, WX_SIMD_GLOBAL_GET, slot, slot, slot, slot, imm);
}

void wxc_emit_v128_moven(struct compiler *c, uint32_t dst, uint32_t src,
			 uint32_t n)
{
	uint32_t imm[4] = {n, 0, 0, 0};
	emit_simd(c, WX_SIMD_MOVEN, dst, src, src, src, imm);
}

void wxc_emit_v128_movehi(struct compiler *c, uint32_t dst, uint32_t src,
			  uint32_t n)
{
	uint32_t imm[4] = {n, 0, 0, 0};
	emit_simd(c, WX_SIMD_MOVEHI, dst, src, src, src, imm);
}

void wxc_emit_v128_zero(struct compiler *c, uint32_t dst)
{
	static const uint32_t zero[4];
	emit_simd(c, 0x0c, dst, dst, dst, dst, zero);
}

int wxc_compile_simd(struct compiler *c)
{
	const struct sop *s;
	struct operand o[3];
	struct opinfo oi;
	uint32_t sub, imm[4] = {0, 0, 0, 0}, w[3] = {0, 0, 0}, dst, i;
	uint8_t lane;
	int ret;

	if ((ret = wxc_rd_u32(c, &sub)) != 0)
		return ret;
	if (sub >= WX_ARRAY_LEN(sops) || sops[sub].name == NULL)
		return MALFORMED("illegal opcode 0xfd 0x%x", sub);
	s = &sops[sub];
	switch (s->imm) {
	case SI_M:
	case SI_ML:
		memset(&oi, 0, sizeof(oi));
		oi.name = s->name;
		oi.align = wxc_simd_align(sub);
		if ((ret = wxc_read_memarg(c, &oi, &imm[0], false)) != 0)
			return ret;
		if (s->imm == SI_ML) {
			if ((ret = wxc_rd_u8(c, &lane)) != 0)
				return ret;
			if (lane >= wxc_simd_lanes(s->name))
				return INVALID("invalid lane index");
			imm[1] = lane;
		}
		break;
	case SI_L:
		if ((ret = wxc_rd_u8(c, &lane)) != 0)
			return ret;
		if (lane >= wxc_simd_lanes(s->name))
			return INVALID("invalid lane index");
		imm[0] = lane;
		break;
	case SI_C:
	case SI_SH: {
		uint8_t bytes[16];
		for (i = 0; i < 16; i++) {
			if ((ret = wxc_rd_u8(c, &bytes[i])) != 0)
				return ret;
			if (s->imm == SI_SH && bytes[i] >= 32)
				return INVALID("invalid lane index");
		}
		memcpy(imm, bytes, 16);
		break;
	}
	default:
		break;
	}
	/* Operands read from locals are read in place, as the scalar
	 * instructions do (a copy into the operand's home slot first made a
	 * vectorised loop run a third more instructions); constants (only
	 * scalar ones: v128.const is never deferred) go to their homes. */
	for (i = s->np; i-- > 0;) {
		/* The address (operand 0) of an access to a 64-bit memory
		 * (memory64) is an i64. */
		uint8_t t = i == 0 && (s->imm == SI_M || s->imm == SI_ML) &&
					    c->mem64
				    ? WX_I64
				    : s->pt[i];
		if ((ret = wxc_pop_expect_k(c, t, &o[i])) != 0)
			return ret;
	}
	for (i = 0; i < s->np; i++) {
		if (o[i].is_const) {
			/* operand i was at height sp + i */
			o[i].slot = home(c, c->sp + i);
			if (live(c))
				wxc_emit_const_to(c, o[i].slot, o[i].type, o[i].imm);
		}
		w[i] = o[i].slot;
	}
	if (s->imm == SI_M || s->imm == SI_ML) {
		w[2] = c->memidx; /* (at most two operands) */
		/* i2, i3: the offset's high half and a 64-bit memory. */
		imm[2] = c->offset_hi;
		imm[3] = c->mem64;
	}
	dst = home(c, c->sp);
	if (live(c) && !c->mem64 && s->np == 2 && s->rt == WX_V128 &&
	    fuse_load(c, sub, o, dst)) {
		wxc_push(c, s->rt, dst);
		return c->err;
	}
	if (live(c) && !c->mem64 && sub == CS_v128_store && w[2] == 0 &&
	    fuse_store(c, &o[0], &o[1], imm[0]))
		return c->err;
	if (live(c)) {
		emit_simd(c, sub, dst, w[0], w[1], w[2], imm);
		if (s->rt != 0)
			c->last_dst = (int32_t)c->ncode - 8;
	}
	if (s->rt != 0)
		wxc_push(c, s->rt, dst);
	return c->err;
}
