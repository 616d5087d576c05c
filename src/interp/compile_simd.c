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

static void emit_simd(struct compiler *c, uint32_t sub, uint32_t dst,
		      uint32_t a, uint32_t b, uint32_t cc, const uint32_t *imm)
{
	uint32_t i;
	wxc_emit_op(c, WX_OP_simd);
	wxc_emit_word(c, sub);
	wxc_emit_word(c, dst);
	wxc_emit_word(c, a);
	wxc_emit_word(c, b);
	wxc_emit_word(c, cc);
	for (i = 0; i < 4; i++)
		wxc_emit_word(c, imm != NULL ? imm[i] : 0);
}

void wxc_emit_move(struct compiler *c, uint8_t type, uint32_t dst,
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
	for (i = s->np; i-- > 0;) {
		/* The address (operand 0) of an access to a 64-bit memory
		 * (memory64) is an i64. */
		uint8_t t = i == 0 && (s->imm == SI_M || s->imm == SI_ML) &&
					    c->mem64
				    ? WX_I64
				    : s->pt[i];
		if ((ret = wxc_pop_expect(c, t, &o[i])) != 0)
			return ret;
	}
	for (i = 0; i < s->np; i++)
		w[i] = o[i].slot;
	if (s->imm == SI_M || s->imm == SI_ML) {
		w[2] = c->memidx; /* (at most two operands) */
		/* i2, i3: the offset's high half and a 64-bit memory. */
		imm[2] = c->offset_hi;
		imm[3] = c->mem64;
	}
	dst = home(c, c->sp);
	if (live(c) && (sub == 0x00 || sub == 0x0b) && c->memidx == 0 &&
	    !c->mem64) {
		/* v128.load / v128.store of memory 0: ops of their own */
		if (sub == 0x00) {
			wxc_emit_n(c, WX_OP_v128_load_, 3,
				   (uint32_t[]){dst, w[0], imm[0]});
			c->last_dst = (int32_t)c->ncode - 3;
		} else {
			wxc_emit_n(c, WX_OP_v128_store_, 3,
				   (uint32_t[]){w[0], w[1], imm[0]});
		}
	} else if (live(c)) {
		emit_simd(c, sub, dst, w[0], w[1], w[2], imm);
		if (s->rt != 0)
			c->last_dst = (int32_t)c->ncode - 8;
	}
	if (s->rt != 0)
		wxc_push(c, s->rt, dst);
	return c->err;
}
