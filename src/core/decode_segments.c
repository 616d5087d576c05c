/*
 * decode_segments.c - constant expressions (spec 3.3.10, 5.4.9) and the
 * element, code and data sections (spec 5.5.12, 5.5.13, 5.5.14).
 *
 * Constant expressions are decoded in full even when they contain
 * instructions that are not constant, because only then are the malformed
 * ones among them (bad opcodes, truncated immediates) found and the
 * expression's end located; a non-constant instruction is a validation
 * failure ("constant expression required"), recorded and reported only if
 * the rest of the module decodes.  Immediates of arbitrary instructions
 * are skipped with a table built from opcodes.def.
 *
 * Wasm 2.0 rules for global.get in a constant expression (as the 2022
 * spec testsuite checks them in global.wast, data.wast, elem.wast): the
 * global must be imported ("unknown global" otherwise, even if the module
 * defines it) and immutable ("constant expression required").
 *
 * Function bodies are only delimited here (locals expanded, code range
 * recorded); interp/compile.c validates and translates the instructions.
 */
#include "decode_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- immediates ---- */

/* The immediate kinds named in opcodes.def. */
enum wx_imm {
	IMM_NONE, IMM_BLOCKTYPE, IMM_LABEL, IMM_BRTABLE, IMM_FUNC,
	IMM_CALLIND, IMM_SELECT_T, IMM_LOCAL, IMM_GLOBAL, IMM_TABLE,
	IMM_MEMARG, IMM_MEMIDX, IMM_I32, IMM_I64, IMM_F32, IMM_F64,
	IMM_REFTYPE, IMM_DATA_MEM, IMM_DATA, IMM_MEM_MEM, IMM_ELEM_TABLE,
	IMM_ELEM, IMM_TABLE_TABLE, IMM_FENCE,
};

/* Immediate kind + 1 per opcode; 0 marks an opcode we do not know. */
#define OP(code, ident, name, imm, sig, align) [code] = IMM_##imm + 1,
#define OPFC(...)
#define OPFE(...)
static const uint8_t wx_imm_plain[256] = {
#include "opcodes.def"
};
#define OP(...)
#define OPFC(code, ident, name, imm, sig, align) [code] = IMM_##imm + 1,
#define OPFE(...)
static const uint8_t wx_imm_fc[256] = {
#include "opcodes.def"
};
#define OP(...)
#define OPFC(...)
#define OPFE(code, ident, name, imm, sig, align) [code] = IMM_##imm + 1,
static const uint8_t wx_imm_fe[256] = {
#include "opcodes.def"
};

/* Read `n` u32 LEB128s and drop them. */
static int wx_skip_u32s(struct wx_reader *rd, uint64_t n)
{
	uint32_t v;

	while (n-- > 0)
		if (wx_read_u32(rd, &v) != 0)
			return WX_EMALFORMED;
	return 0;
}

/* Skip the immediates of one instruction of kind `k`. */
static int wx_skip_imm(struct wx_reader *rd, enum wx_imm k)
{
	const uint8_t *p;
	uint64_t u;
	uint32_t n;
	int64_t s;
	uint8_t b;

	switch (k) {
	case IMM_NONE:
		return 0;
	case IMM_BLOCKTYPE:
		return wx_read_s33(rd, &s);
	case IMM_I32:
		return wx_read_leb(rd, 32, true, &u);
	case IMM_I64:
		return wx_read_s64(rd, &s);
	case IMM_F32:
		return wx_read_bytes(rd, 4, &p);
	case IMM_F64:
		return wx_read_bytes(rd, 8, &p);
	case IMM_BRTABLE:
		if (wx_read_u32(rd, &n) != 0)
			return WX_EMALFORMED;
		return wx_skip_u32s(rd, (uint64_t)n + 1);
	case IMM_SELECT_T:
		if (wx_read_u32(rd, &n) != 0)
			return WX_EMALFORMED;
		while (n-- > 0) {
			if (wx_read_u8(rd, &b) != 0)
				return WX_EMALFORMED;
			if ((b == 0x63 || b == 0x64) && wx_read_s33(rd, &s) != 0)
				return WX_EMALFORMED;
		}
		return 0;
	case IMM_REFTYPE: /* a heap type */
		return wx_read_s33(rd, &s);
	case IMM_MEMIDX: case IMM_FENCE:
		return wx_read_u8(rd, &b);
	case IMM_MEM_MEM:
		return wx_read_bytes(rd, 2, &p);
	case IMM_DATA_MEM:
		if (wx_read_u32(rd, &n) != 0)
			return WX_EMALFORMED;
		return wx_read_u8(rd, &b);
	case IMM_CALLIND: case IMM_MEMARG: case IMM_ELEM_TABLE:
	case IMM_TABLE_TABLE:
		return wx_skip_u32s(rd, 2);
	default: /* one index */
		return wx_skip_u32s(rd, 1);
	}
}

/* Skip one instruction whose opcode byte `op` was just read.  Adjusts
 * *depth for block structure. */
static int wx_skip_instr(struct wx_decoder *d, uint8_t op, uint32_t *depth)
{
	const uint8_t *at = d->rd.pos - 1;
	uint32_t sub;
	uint8_t k;

	if (op == 0xfb) {
		d->rd.pos = at;
		return wx_dec_unsupported(d, "GC instruction 0xfb (garbage "
					     "collection)");
	}
	if (op == 0xfc || op == 0xfe) {
		if (wx_read_u32(&d->rd, &sub) != 0)
			return wx_dec_rdfail(d);
		k = sub > 0xff ? 0 : op == 0xfc ? wx_imm_fc[sub]
						: wx_imm_fe[sub];
	} else {
		k = wx_imm_plain[op];
	}
	if (k == 0) {
		d->rd.pos = at;
		return wx_dec_malformed(d, "illegal opcode 0x%02x", op);
	}
	if (wx_skip_imm(&d->rd, (enum wx_imm)(k - 1)) != 0)
		return wx_dec_rdfail(d);
	if (op == 0x02 || op == 0x03 || op == 0x04)
		(*depth)++;
	return 0;
}

/* ---- constant expressions ---- */

/* The operand types of an expression being checked.  The types of the
 * values deeper than WX_CSTACK are not kept: an extended-const operation
 * reaching one of them is checked as untyped (no real module nests that
 * deep; evaluation does not depend on it). */
#define WX_CSTACK 64

struct wx_cstate {
	uint32_t height;   /* values on the operand stack */
	wx_valtype_t top;  /* type of the last one pushed */
	bool nonconst;     /* a non-constant instruction was seen */
	bool untyped;      /* a global of unknown type was read */
	wx_valtype_t types[WX_CSTACK];
};

static void wx_cpush(struct wx_cstate *cs, wx_valtype_t t)
{
	if (cs->height < WX_CSTACK)
		cs->types[cs->height] = t;
	cs->height++;
	cs->top = t;
}

/* An extended-const binary op (i32/i64 add, sub, mul) of type t. */
static int wx_const_binop(struct wx_decoder *d, struct wx_cstate *cs,
			  wx_valtype_t t)
{
	uint32_t i;

	if (cs->height < 2) {
		wx_dec_invalid(d, wx_reader_offset(&d->rd) - 1,
			       "type mismatch: operand stack underflow in "
			       "constant expression");
		cs->nonconst = true;
		return 0;
	}
	for (i = cs->height - 2; i < cs->height; i++) {
		wx_valtype_t have = i < WX_CSTACK ? cs->types[i] : 0;

		if (have != 0 && have != t) {
			wx_dec_invalid(d, wx_reader_offset(&d->rd) - 1,
				       "type mismatch: expected %s, found %s",
				       wx_valtype_name(t),
				       wx_valtype_name(have));
			cs->nonconst = true;
			return 0;
		}
	}
	cs->height -= 2;
	wx_cpush(cs, t);
	return 0;
}

/* global.get x in a constant expression. */
static int wx_const_global(struct wx_decoder *d, struct wx_cstate *cs)
{
	const struct wx_module *m = d->m;
	size_t at = wx_reader_offset(&d->rd);
	uint32_t x;

	if (wx_read_u32(&d->rd, &x) != 0)
		return wx_dec_rdfail(d);
	/* Since WebAssembly 3.0 an initialiser may read any immutable
	 * global before it, not only imported ones: m->nglobals counts the
	 * globals decoded so far (all of them for segments). */
	if (x >= m->nglobals) {
		cs->untyped = true;
		wx_cpush(cs, 0);
		return wx_dec_invalid(d, at, "unknown global %u", x);
	}
	if (m->globals[x].type.mut) {
		cs->nonconst = true;
		wx_dec_invalid(d, at, "constant expression required: global "
			       "%u is mutable", x);
	}
	wx_cpush(cs, m->globals[x].type.type);
	return 0;
}

/* ref.func x: also puts x in C.refs (spec 3.4.10).  Its type is (ref
 * $t), $t the function's type (function references). */
static int wx_const_ref_func(struct wx_decoder *d, struct wx_cstate *cs)
{
	const struct wx_module *m = d->m;
	size_t at = wx_reader_offset(&d->rd);
	uint32_t x;

	if (wx_read_u32(&d->rd, &x) != 0)
		return wx_dec_rdfail(d);
	if (x >= m->nfuncs) {
		wx_dec_invalid(d, at, "unknown function %u", x);
		wx_cpush(cs, WX_FUNCREF | WX_VT_NONNULL);
		return 0;
	}
	m->func_declared[x] = 1;
	wx_cpush(cs, m->func_typeidx[x] < m->ntypes
			     ? wx_vt_of_id(wx_module_functype(m, x)->id, false)
			     : WX_FUNCREF | WX_VT_NONNULL);
	return 0;
}

/* 0xfb: array.new_default $t (GC: 0xfb 7), of an i32 length, gives
 * (ref $t); $t an array type whose field has a default.  The other GC
 * instructions are not implemented. */
static int wx_const_gc(struct wx_decoder *d, struct wx_cstate *cs)
{
	struct wx_module *m = d->m;
	const uint8_t *op_at = d->rd.pos - 1;
	size_t at;
	uint32_t sub, x;
	wx_valtype_t have;

	if (wx_read_u32(&d->rd, &sub) != 0)
		return wx_dec_rdfail(d);
	if (sub != 7) {
		d->rd.pos = op_at;
		return wx_dec_unsupported(d, "GC instruction 0xfb %u (garbage "
					     "collection)", sub);
	}
	at = wx_reader_offset(&d->rd);
	if (wx_read_u32(&d->rd, &x) != 0)
		return wx_dec_rdfail(d);
	if (x >= m->ntypes || m->types[x]->kind != WX_DEF_ARRAY) {
		cs->nonconst = true;
		return wx_dec_invalid(d, at, x >= m->ntypes
					     ? "unknown type %u"
					     : "type mismatch: type %u is not "
					       "an array type", x);
	}
	if (!wx_vt_defaultable(m->types[x]->types[0])) {
		cs->nonconst = true;
		return wx_dec_invalid(d, at, "type mismatch: array type %u "
				      "has no default value", x);
	}
	have = cs->height == 0 ? 0
	       : cs->height - 1 < WX_CSTACK ? cs->types[cs->height - 1] : WX_I32;
	if (cs->height == 0 || (have != 0 && have != WX_I32)) {
		cs->nonconst = true;
		return wx_dec_invalid(d, at, "type mismatch: array.new_default "
				      "needs an i32 length");
	}
	cs->height--;
	m->gc_consts = true;
	m->typed_refs = true;
	wx_cpush(cs, wx_vt_of_id(m->types[x]->id, false));
	return 0;
}

/* One instruction of a constant expression, opcode already read.  Sets
 * *done at the final end. */
static int wx_const_instr(struct wx_decoder *d, struct wx_cstate *cs,
			  uint8_t op, uint32_t *depth, bool *done)
{
	const uint8_t *p;
	uint64_t v;
	uint32_t sub;
	wx_valtype_t t;
	int ret;

	if (cs->nonconst || *depth > 0) {
		/* Just find the end. */
		if (op == 0x0b) {
			if (*depth == 0)
				*done = true;
			else
				(*depth)--;
			return 0;
		}
		return wx_skip_instr(d, op, depth);
	}
	switch (op) {
	case 0x0b:
		*done = true;
		return 0;
	case 0x41:
		ret = wx_read_leb(&d->rd, 32, true, &v);
		t = WX_I32;
		break;
	case 0x42:
		ret = wx_read_leb(&d->rd, 64, true, &v);
		t = WX_I64;
		break;
	case 0x43:
		ret = wx_read_bytes(&d->rd, 4, &p);
		t = WX_F32;
		break;
	case 0x44:
		ret = wx_read_bytes(&d->rd, 8, &p);
		t = WX_F64;
		break;
	case 0xd0: /* ref.null ht: (ref null ht) */
		if ((ret = wx_dec_heaptype(d, &t)) != 0)
			return ret;
		wx_cpush(cs, t);
		return 0;
	case 0xd2:
		return wx_const_ref_func(d, cs);
	case 0x23:
		return wx_const_global(d, cs);
	case 0x6a: case 0x6b: case 0x6c: /* extended-const: i32 add sub mul */
		return wx_const_binop(d, cs, WX_I32);
	case 0x7c: case 0x7d: case 0x7e: /* i64 add sub mul */
		return wx_const_binop(d, cs, WX_I64);
	case 0xfb: /* GC: array.new_default alone is implemented */
		return wx_const_gc(d, cs);
	case 0xfd:
		/* v128.const (SIMD 0xfd 12) is constant; other SIMD
		 * instructions are not decoded at all. */
		if (wx_read_u32(&d->rd, &sub) != 0)
			return wx_dec_rdfail(d);
		if (sub != 12)
			return wx_dec_malformed(d, "illegal opcode 0xfd %u",
						sub);
		ret = wx_read_bytes(&d->rd, 16, &p);
		t = WX_V128;
		break;
	default:
		cs->nonconst = true;
		wx_dec_invalid(d, wx_reader_offset(&d->rd) - 1,
			       "constant expression required");
		return wx_skip_instr(d, op, depth);
	}
	if (ret != 0)
		return wx_dec_rdfail(d);
	wx_cpush(cs, t);
	return 0;
}

int wx_dec_constexpr(struct wx_decoder *d, wx_valtype_t type,
		     struct wx_constexpr *out)
{
	const uint8_t *start = d->rd.pos;
	struct wx_cstate cs = {0};
	uint32_t depth = 0;
	bool done = false;
	uint8_t op;
	int ret;

	while (!done) {
		if (wx_read_u8(&d->rd, &op) != 0)
			return wx_dec_rdfail(d);
		if ((ret = wx_const_instr(d, &cs, op, &depth, &done)) != 0)
			return ret;
	}
	out->offset = (uint32_t)(start - d->rd.base);
	out->len = (uint32_t)(d->rd.pos - start);
	/* The expression must leave exactly one value of the expected
	 * type (spec 3.3.10: expr is valid with [t]). */
	if (!cs.nonconst && !cs.untyped &&
	    (cs.height != 1 || !wx_valtype_sub(cs.top, type)))
		wx_dec_invalid(d, out->offset, "type mismatch: constant "
			       "expression of type [%s] expected",
			       wx_valtype_name(type));
	return 0;
}

/* ---- element section ---- */

/* Active segment: table index (explicit in forms 2 and 6) and offset. */
static int wx_dec_elem_active(struct wx_decoder *d, struct wx_elem *e,
			      uint32_t flags)
{
	size_t at = wx_reader_offset(&d->rd);

	e->mode = WX_SEG_ACTIVE;
	e->table = 0;
	if ((flags & 2) && wx_read_u32(&d->rd, &e->table) != 0)
		return wx_dec_rdfail(d);
	if (e->table >= d->m->ntables) {
		wx_dec_invalid(d, at, "unknown table %u", e->table);
		e->table = 0;
	}
	/* A 64-bit table (memory64) takes an i64 offset. */
	return wx_dec_constexpr(d,
				d->m->ntables
					? wx_addrtype(&d->m->tables[e->table].limits)
					: WX_I32,
				&e->offset);
}

/* The element type: elemkind 0x00 (forms 1-3), a reftype (forms 5-7),
 * or implicitly funcref (forms 0 and 4).  Function indices are never
 * null: since wasm 3.0 (function references) the forms of indices have
 * type (ref func), so they may fill a table of that type. */
static int wx_dec_elem_type(struct wx_decoder *d, struct wx_elem *e,
			    uint32_t flags)
{
	uint8_t kind;

	e->elemtype = (flags & 4) ? WX_FUNCREF : WX_FUNCREF | WX_VT_NONNULL;
	if ((flags & 3) == 0)
		return 0;
	if (flags & 4)
		return wx_dec_reftype(d, &e->elemtype);
	if (wx_read_u8(&d->rd, &kind) != 0)
		return wx_dec_rdfail(d);
	if (kind != 0x00) {
		d->rd.pos--;
		return wx_dec_malformed(d, "malformed element kind 0x%02x",
					kind);
	}
	return 0;
}

static int wx_dec_elem_items(struct wx_decoder *d, struct wx_elem *e,
			     bool exprs)
{
	struct wx_module *m = d->m;
	uint32_t n, i;
	size_t at;
	int ret;

	if ((ret = wx_dec_count(d, 1, &n)) != 0)
		return ret;
	if (exprs)
		e->exprs = calloc(n ? n : 1, sizeof(*e->exprs));
	else
		e->funcs = calloc(n ? n : 1, sizeof(*e->funcs));
	if (e->exprs == NULL && e->funcs == NULL)
		return ENOMEM;
	e->count = n;
	for (i = 0; i < n; i++) {
		if (exprs) {
			ret = wx_dec_constexpr(d, e->elemtype, &e->exprs[i]);
			if (ret != 0)
				return ret;
			continue;
		}
		at = wx_reader_offset(&d->rd);
		if (wx_read_u32(&d->rd, &e->funcs[i]) != 0)
			return wx_dec_rdfail(d);
		if (e->funcs[i] >= m->nfuncs) {
			wx_dec_invalid(d, at, "unknown function %u",
				       e->funcs[i]);
			e->funcs[i] = 0;
		} else {
			m->func_declared[e->funcs[i]] = 1;
		}
	}
	return 0;
}

/* One segment; flags as in the bulk-memory proposal: bit 0 passive or
 * declarative, bit 1 explicit table (active) or declarative, bit 2
 * expressions instead of function indices. */
static int wx_dec_elem(struct wx_decoder *d, struct wx_elem *e)
{
	const struct wx_module *m = d->m;
	size_t at = wx_reader_offset(&d->rd);
	uint32_t flags;
	int ret;

	if (wx_read_u32(&d->rd, &flags) != 0)
		return wx_dec_rdfail(d);
	if (flags > 7) {
		d->rd.pos = d->rd.base + at;
		return wx_dec_malformed(d, "malformed elements segment kind "
					   "%u", flags);
	}
	if (!(flags & 1)) {
		if ((ret = wx_dec_elem_active(d, e, flags)) != 0)
			return ret;
	} else {
		e->mode = (flags & 2) ? WX_SEG_DECLARATIVE : WX_SEG_PASSIVE;
	}
	if ((ret = wx_dec_elem_type(d, e, flags)) != 0)
		return ret;
	if (e->mode == WX_SEG_ACTIVE && e->table < m->ntables &&
	    !wx_valtype_sub(e->elemtype, m->tables[e->table].elemtype))
		wx_dec_invalid(d, at, "type mismatch: element segment of "
			       "type %s for a table of %s",
			       wx_valtype_name(e->elemtype),
			       wx_valtype_name(m->tables[e->table].elemtype));
	return wx_dec_elem_items(d, e, flags & 4);
}

int wx_dec_elem_section(struct wx_decoder *d)
{
	struct wx_module *m = d->m;
	uint32_t n, i;
	int ret;

	if ((ret = wx_dec_count(d, 2, &n)) != 0)
		return ret;
	m->elems = calloc(n ? n : 1, sizeof(*m->elems));
	if (m->elems == NULL)
		return ENOMEM;
	for (i = 0; i < n; i++) {
		m->nelems = i + 1;
		if ((ret = wx_dec_elem(d, &m->elems[i])) != 0)
			return ret;
	}
	return 0;
}

/* ---- code section ---- */

/* The local declarations of one body: vec((count, valtype)).  The total
 * is bounded before anything is allocated from it. */
static int wx_dec_locals(struct wx_decoder *d, struct wx_funcdef *fd)
{
	const uint8_t *groups;
	uint64_t total = 0;
	uint32_t ngroups, i, n, k, j = 0;
	wx_valtype_t t;
	int ret;

	if ((ret = wx_dec_count(d, 2, &ngroups)) != 0)
		return ret;
	groups = d->rd.pos;
	for (i = 0; i < ngroups; i++) {
		if (wx_read_u32(&d->rd, &n) != 0)
			return wx_dec_rdfail(d);
		total += n;
		if (total > WX_MAX_LOCALS)
			return wx_dec_malformed(d, "too many locals");
		if ((ret = wx_dec_valtype(d, &t)) != 0)
			return ret;
	}
	fd->nlocals = (uint32_t)total;
	fd->local_types = malloc((total ? total : 1) * sizeof(wx_valtype_t));
	if (fd->local_types == NULL)
		return ENOMEM;
	/* Second pass over bytes already checked: cannot fail (an unknown
	 * type index is recorded again, harmlessly). */
	d->rd.pos = groups;
	for (i = 0; i < ngroups; i++) {
		wx_read_u32(&d->rd, &n);
		wx_dec_valtype(d, &t);
		for (k = 0; k < n; k++)
			fd->local_types[j++] = t;
	}
	return 0;
}

static int wx_dec_body(struct wx_decoder *d, struct wx_funcdef *fd)
{
	const uint8_t *sec_end = d->rd.end;
	uint32_t size;
	int ret;

	fd->body_offset = (uint32_t)wx_reader_offset(&d->rd);
	if (wx_read_u32(&d->rd, &size) != 0)
		return wx_dec_rdfail(d);
	if (size > (size_t)(sec_end - d->rd.pos))
		return wx_dec_malformed(d, "unexpected end of section or "
					   "function: body size %u", size);
	d->rd.end = d->rd.pos + size;
	if ((ret = wx_dec_locals(d, fd)) != 0)
		return ret;
	fd->code_offset = (uint32_t)wx_reader_offset(&d->rd);
	fd->code_len = (uint32_t)(d->rd.end - d->rd.pos);
	d->rd.pos = d->rd.end;
	d->rd.end = sec_end;
	return 0;
}

/* How far ahead of the body walk lines are prefetched (bytes). */
#define PREFETCH_AHEAD 8192

int wx_dec_code_section(struct wx_decoder *d)
{
	struct wx_module *m = d->m;
	const uint8_t *base;
	size_t pf = 0, len;
	uint32_t n, i;
	int ret;

	if (wx_read_u32(&d->rd, &n) != 0)
		return wx_dec_rdfail(d);
	d->have_code = true;
	if (n != d->nfuncs_defined)
		return wx_dec_malformed(d, "function and code section have "
					   "inconsistent lengths (%u bodies "
					   "for %u functions)", n,
					d->nfuncs_defined);
	base = d->rd.pos;
	len = (size_t)(d->rd.end - base);
	for (i = 0; i < n; i++) {
		/* Each body's size is where the next begins, a chain of
		 * loads that wait for memory one by one; keep the lines
		 * ahead of the walk on their way. */
		size_t ahead = (size_t)(d->rd.pos - base) + PREFETCH_AHEAD;
		for (; pf < ahead && pf < len; pf += 64)
			__builtin_prefetch(base + pf);
		if ((ret = wx_dec_body(d, &m->funcdefs[i])) != 0)
			return ret;
	}
	return 0;
}

/* ---- data section ---- */

static int wx_dec_data(struct wx_decoder *d, struct wx_data *s)
{
	const struct wx_module *m = d->m;
	const uint8_t *bytes;
	uint32_t flags, len;
	size_t at = wx_reader_offset(&d->rd);
	int ret;

	if (wx_read_u32(&d->rd, &flags) != 0)
		return wx_dec_rdfail(d);
	if (flags > 2) {
		d->rd.pos = d->rd.base + at;
		return wx_dec_malformed(d, "malformed data segment kind %u",
					flags);
	}
	s->mode = flags == 1 ? WX_SEG_PASSIVE : WX_SEG_ACTIVE;
	if (flags == 2 && wx_read_u32(&d->rd, &s->memory) != 0)
		return wx_dec_rdfail(d);
	if (s->mode == WX_SEG_ACTIVE) {
		if (s->memory >= m->nmems) {
			wx_dec_invalid(d, at, "unknown memory %u", s->memory);
			s->memory = 0;
		}
		/* A 64-bit memory (memory64) takes an i64 offset. */
		if ((ret = wx_dec_constexpr(
			     d,
			     m->nmems ? wx_addrtype(&m->mems[s->memory].limits)
				      : WX_I32,
			     &s->offset)) != 0)
			return ret;
	}
	if (wx_read_u32(&d->rd, &len) != 0 ||
	    wx_read_bytes(&d->rd, len, &bytes) != 0)
		return wx_dec_rdfail(d);
	s->data_offset = (uint32_t)(bytes - d->rd.base);
	s->data_len = len;
	return 0;
}

int wx_dec_data_section(struct wx_decoder *d)
{
	struct wx_module *m = d->m;
	const uint8_t *at = d->rd.pos;
	uint32_t n, i;
	int ret;

	if (wx_read_u32(&d->rd, &n) != 0)
		return wx_dec_rdfail(d);
	d->have_data = true;
	if (m->has_datacount && n != m->datacount) {
		d->rd.pos = at;
		return wx_dec_malformed(d, "data count and data section have "
					   "inconsistent lengths");
	}
	/* Each segment takes at least a flags byte and a length byte. */
	d->rd.pos = at;
	if ((ret = wx_dec_count(d, 2, &n)) != 0)
		return ret;
	m->datas = calloc(n ? n : 1, sizeof(*m->datas));
	if (m->datas == NULL)
		return ENOMEM;
	for (i = 0; i < n; i++) {
		m->ndatas = i + 1;
		if ((ret = wx_dec_data(d, &m->datas[i])) != 0)
			return ret;
	}
	return 0;
}
