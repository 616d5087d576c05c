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
	[code] = {nm, sg, IMM_##im, al, WX_OP_##ident},
#define OPFE(...)
#include "../core/opcodes.def"
};

static const struct opinfo op_fe[0x50] = {
#define OP(...)
#define OPFC(...)
#define OPFE(code, ident, nm, im, sg, al) \
	[code] = {nm, sg, IMM_##im, al, WX_OP_##ident},
#include "../core/opcodes.def"
};

static uint8_t sig_type(char ch)
{
	switch (ch) {
	case 'i': return WX_I32;
	case 'l': return WX_I64;
	case 'f': return WX_F32;
	case 'd': return WX_F64;
	}
	return 0;
}

/* Memory argument (spec 5.4.6): alignment exponent, then offset. */
int wxc_read_memarg(struct compiler *c, const struct opinfo *oi,
		       uint32_t *offset, bool atomic)
{
	uint32_t align;
	int ret;
	if ((ret = wxc_rd_u32(c, &align)) != 0 || (ret = wxc_rd_u32(c, offset)) != 0)
		return ret;
	if (c->m->nmems == 0)
		return INVALID("unknown memory 0");
	if (atomic ? align != oi->align : align > oi->align)
		return INVALID(atomic ? "alignment must be exactly natural"
				      : "alignment must not be larger than "
					"natural");
	return 0;
}

/* Instructions whose operands and result follow their "sig" and whose
 * code layout is: op, [dst], param slots..., immediates...  */
int wxc_compile_generic(struct compiler *c, const struct opinfo *oi,
			   uint32_t nimm, const uint32_t *imm)
{
	const char *colon = strchr(oi->sig, ':');
	uint32_t np = (uint32_t)(colon - oi->sig);
	struct operand ops[4];
	uint8_t rt = sig_type(colon[1]);
	uint32_t i, dst = 0;
	int ret;
	for (i = np; i-- > 0;)
		if ((ret = wxc_pop_expect(c, sig_type(oi->sig[i]), &ops[i])) != 0)
			return ret;
	if (rt != 0)
		dst = home(c, c->sp);
	if (live(c)) {
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

void wxc_emit_const(struct compiler *c, uint8_t type, uint64_t bits)
{
	uint32_t dst = home(c, c->sp);
	if (live(c)) {
		if (type == WX_I64 || type == WX_F64 || bits > UINT32_MAX) {
			wxc_emit_op(c, WX_OP_const64);
			wxc_emit_word(c, dst);
			wxc_emit_word(c, (uint32_t)bits);
			wxc_emit_word(c, (uint32_t)(bits >> 32));
		} else {
			wxc_emit_op(c, WX_OP_const32);
			wxc_emit_word(c, dst);
			wxc_emit_word(c, (uint32_t)bits);
		}
		c->last_dst = (int32_t)(c->ncode - (type == WX_I64 ||
			type == WX_F64 || bits > UINT32_MAX ? 3 : 2));
	}
	wxc_push(c, type, dst);
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
	uint8_t et;
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
		if (op == WX_OP_table_get) {
			uint32_t dst;
			if ((ret = wxc_pop_expect(c, WX_I32, &a)) != 0)
				return ret;
			dst = home(c, c->sp);
			wxc_emit_n(c, op, 3, (uint32_t[]){x, dst, a.slot});
			wxc_push(c, et, dst);
		} else if (op == WX_OP_table_set) {
			if ((ret = wxc_pop_expect(c, et, &v)) != 0 ||
			    (ret = wxc_pop_expect(c, WX_I32, &a)) != 0)
				return ret;
			wxc_emit_n(c, op, 3, (uint32_t[]){x, a.slot, v.slot});
		} else if (op == WX_OP_table_size) {
			uint32_t dst = home(c, c->sp);
			wxc_emit_n(c, op, 2, (uint32_t[]){x, dst});
			wxc_push(c, WX_I32, dst);
		} else if (op == WX_OP_table_grow) {
			uint32_t dst;
			if ((ret = wxc_pop_expect(c, WX_I32, &a)) != 0 ||
			    (ret = wxc_pop_expect(c, et, &v)) != 0)
				return ret;
			dst = home(c, c->sp);
			wxc_emit_n(c, op, 4, (uint32_t[]){x, dst, v.slot, a.slot});
			wxc_push(c, WX_I32, dst);
		} else {
			if ((ret = wxc_pop_expect(c, WX_I32, &b)) != 0 ||
			    (ret = wxc_pop_expect(c, et, &v)) != 0 ||
			    (ret = wxc_pop_expect(c, WX_I32, &a)) != 0)
				return ret;
			wxc_emit_n(c, op, 4, (uint32_t[]){x, a.slot, v.slot,
						      b.slot});
		}
		return 0;
	case WX_OP_table_init: /* elemidx x, tableidx y */
		if ((ret = check_elem(c, x)) != 0 ||
		    (ret = check_table(c, y)) != 0)
			return ret;
		if (c->m->elems[x].elemtype != c->m->tables[y].elemtype)
			return INVALID("type mismatch: element segment type");
		break;
	case WX_OP_table_copy: /* dst table x, src table y */
		if ((ret = check_table(c, x)) != 0 ||
		    (ret = check_table(c, y)) != 0)
			return ret;
		if (c->m->tables[x].elemtype != c->m->tables[y].elemtype)
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
	/* table.init / table.copy: d s n */
	if ((ret = wxc_pop_expect(c, WX_I32, &v)) != 0 ||
	    (ret = wxc_pop_expect(c, WX_I32, &b)) != 0 ||
	    (ret = wxc_pop_expect(c, WX_I32, &a)) != 0)
		return ret;
	wxc_emit_n(c, op, 5, (uint32_t[]){x, y, a.slot, b.slot, v.slot});
	return 0;
}

int wxc_compile_fc(struct compiler *c)
{
	uint32_t sub, x, zero;
	const struct opinfo *oi;
	int ret;
	if ((ret = wxc_rd_u32(c, &sub)) != 0)
		return ret;
	if (sub >= WX_ARRAY_LEN(op_fc) || op_fc[sub].name == NULL)
		return MALFORMED("illegal opcode 0xfc 0x%x", sub);
	oi = &op_fc[sub];
	switch (oi->imm) {
	case IMM_NONE:
		return wxc_compile_generic(c, oi, 0, NULL);
	case IMM_DATA_MEM: /* memory.init: dataidx, 0x00 */
		if ((ret = wxc_rd_u32(c, &x)) != 0 || (ret = wxc_rd_u32(c, &zero)) != 0)
			return ret;
		if (c->m->nmems == 0 || zero != 0)
			return INVALID("unknown memory %u", zero);
		if ((ret = check_data(c, x)) != 0)
			return ret;
		return wxc_compile_generic(c, oi, 1, &x);
	case IMM_DATA:
		if ((ret = wxc_rd_u32(c, &x)) != 0 || (ret = check_data(c, x)) != 0)
			return ret;
		wxc_emit_n(c, WX_OP_data_drop, 1, &x);
		return 0;
	case IMM_MEM_MEM:
		if ((ret = wxc_rd_u32(c, &x)) != 0 || (ret = wxc_rd_u32(c, &zero)) != 0)
			return ret;
		if (c->m->nmems == 0 || x != 0 || zero != 0)
			return INVALID("unknown memory 0");
		return wxc_compile_generic(c, oi, 0, NULL);
	case IMM_MEMIDX:
		if ((ret = wxc_rd_u32(c, &x)) != 0)
			return ret;
		if (c->m->nmems == 0 || x != 0)
			return INVALID("unknown memory %u", x);
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
	return wxc_compile_generic(c, oi, 1, &offset);
}

int wxc_compile_select(struct compiler *c, bool typed)
{
	struct operand a, b, cond;
	uint8_t t = 0;
	uint32_t dst;
	int ret;
	if (typed) {
		uint32_t n;
		if ((ret = wxc_rd_u32(c, &n)) != 0)
			return ret;
		if (n != 1)
			return INVALID("invalid result arity");
		if ((ret = wxc_rd_u8(c, &t)) != 0)
			return ret;
		if (t != WX_I32 && t != WX_I64 && t != WX_F32 && t != WX_F64 &&
		    !wx_is_reftype(t))
			return MALFORMED("malformed value type");
	}
	if ((ret = wxc_pop_expect(c, WX_I32, &cond)) != 0 ||
	    (ret = wxc_pop_expect(c, t, &b)) != 0 ||
	    (ret = wxc_pop_expect(c, t, &a)) != 0)
		return ret;
	if (!typed) {
		if (wx_is_reftype(a.type) || wx_is_reftype(b.type) ||
		    a.type == WX_V128)
			return INVALID("type mismatch: select needs a type "
				       "for references");
		if (a.type != 0 && b.type != 0 && a.type != b.type)
			return INVALID("type mismatch: select operands");
		t = a.type ? a.type : b.type;
	}
	dst = home(c, c->sp);
	if (live(c)) {
		wxc_emit_n(c, WX_OP_select_, 4, (uint32_t[]){dst, a.slot, b.slot,
							 cond.slot});
		c->last_dst = (int32_t)c->ncode - 4;
	}
	wxc_push(c, t, dst);
	return 0;
}

