/*
 * constexpr.c - evaluation of constant expressions (spec 3.3.10
 * "Constant Expressions", 4.4.10 "Expressions") for global initialisers
 * and segment offsets and elements.
 *
 * The decoder has already validated the expression, so evaluation trusts
 * its shape: every instruction is one of the constant ones, indices are
 * in range and the operand types fit.  The extended-const proposal's
 * i32/i64 add, sub and mul are accepted as well, which is why this is a
 * small stack machine rather than "read one instruction".
 *
 * Value representation (runtime.h): one 64-bit slot per value, i32 and
 * f32 zero-extended, references as pointers (0 = null), v128 in two
 * words, low half first.
 */
#include "runtime.h"

#include <stdlib.h>
#include <string.h>

#include "../core/reader.h"

/* Enough for every expression that is not deliberately nested: a deeper
 * one uses a heap stack sized from its length. */
#define WX_CONSTEXPR_STACK 16

struct wx_cval {
	uint64_t w[2];
};

/* Run the instructions; returns false if the bytes end unexpectedly or
 * hold something not constant (impossible after validation). */
static bool wx_constexpr_run(const struct wx_instance *inst,
			     struct wx_reader *rd, struct wx_cval *stack,
			     size_t cap, uint64_t out[2])
{
	size_t sp = 0;
	uint8_t op;
	uint32_t idx, u32;
	int32_t s32;
	int64_t s64;
	uint64_t u64;
	const uint8_t *bytes;

	for (;;) {
		if (wx_read_u8(rd, &op) != 0)
			return false;
		if (op == 0x0b) /* end */
			break;
		/* Each instruction pushes at most one value. */
		if (sp == cap)
			return false;
		switch (op) {
		case 0x41: /* i32.const */
			if (wx_read_s32(rd, &s32) != 0)
				return false;
			stack[sp].w[0] = (uint32_t)s32;
			stack[sp++].w[1] = 0;
			break;
		case 0x42: /* i64.const */
			if (wx_read_s64(rd, &s64) != 0)
				return false;
			stack[sp].w[0] = (uint64_t)s64;
			stack[sp++].w[1] = 0;
			break;
		case 0x43: /* f32.const: raw bits, no conversion */
			if (wx_read_f32(rd, &u32) != 0)
				return false;
			stack[sp].w[0] = u32;
			stack[sp++].w[1] = 0;
			break;
		case 0x44: /* f64.const */
			if (wx_read_f64(rd, &u64) != 0)
				return false;
			stack[sp].w[0] = u64;
			stack[sp++].w[1] = 0;
			break;
		case 0xd0: /* ref.null ht: a heap type, an s33 */
			if (wx_read_s33(rd, &s64) != 0)
				return false;
			stack[sp].w[0] = 0;
			stack[sp++].w[1] = 0;
			break;
		case 0xd2: /* ref.func x */
			if (wx_read_u32(rd, &idx) != 0)
				return false;
			stack[sp].w[0] = (uint64_t)(uintptr_t)inst->funcs[idx];
			stack[sp++].w[1] = 0;
			break;
		case 0x23: /* global.get x */
			if (wx_read_u32(rd, &idx) != 0)
				return false;
			stack[sp].w[0] = inst->globals[idx]->val[0];
			stack[sp++].w[1] = inst->globals[idx]->val[1];
			break;
		case 0xfb: { /* GC: array.new_default x (0xfb 7) of an i32 */
			const struct wx_functype *at;
			struct wx_gc_obj *o;
			if (wx_read_u32(rd, &u32) != 0 || u32 != 7 ||
			    wx_read_u32(rd, &idx) != 0 || sp < 1 ||
			    inst->gc == NULL)
				return false;
			at = inst->module->types[idx];
			u32 = (uint32_t)stack[sp - 1].w[0];
			/* 2^28 elements (2 GiB): more is refused as an
			 * allocation failure, like calloc's own. */
			o = u32 <= (1u << 28)
				    ? calloc(1, sizeof(*o) +
						     (size_t)u32 * sizeof(uint64_t))
				    : NULL;
			if (o == NULL) {
				inst->gc->failed = true;
				return false;
			}
			o->type = at;
			o->len = u32;
			o->next = inst->gc->objs;
			inst->gc->objs = o;
			stack[sp - 1].w[0] = (uint64_t)(uintptr_t)o;
			stack[sp - 1].w[1] = 0;
			break;
		}
		case 0xfd: /* SIMD prefix: only v128.const (12) is constant */
			if (wx_read_u32(rd, &u32) != 0 || u32 != 12 ||
			    wx_read_bytes(rd, 16, &bytes) != 0)
				return false;
			/* The slot holds the bytes in memory order, which
			 * on a little-endian host is low word first. */
			memcpy(stack[sp++].w, bytes, 16);
			break;
		case 0x6a: /* i32.add (extended-const) */
		case 0x6b: /* i32.sub */
		case 0x6c: /* i32.mul */
		case 0x7c: /* i64.add */
		case 0x7d: /* i64.sub */
		case 0x7e: /* i64.mul */
			if (sp < 2)
				return false;
			sp--;
			u64 = stack[sp].w[0];
			if (op == 0x6a || op == 0x7c)
				stack[sp - 1].w[0] += u64;
			else if (op == 0x6b || op == 0x7d)
				stack[sp - 1].w[0] -= u64;
			else
				stack[sp - 1].w[0] *= u64;
			/* i32 arithmetic wraps at 32 bits; keep the slot
			 * zero-extended. */
			if (op <= 0x6c)
				stack[sp - 1].w[0] &= UINT32_MAX;
			break;
		default:
			return false;
		}
	}
	if (sp == 0)
		return false;
	out[0] = stack[sp - 1].w[0];
	out[1] = stack[sp - 1].w[1];
	return true;
}

void wx_constexpr_eval(const struct wx_instance *inst,
		       const struct wx_constexpr *ce, uint64_t out[2])
{
	const struct wx_module *m = inst->module;
	struct wx_cval small[WX_CONSTEXPR_STACK];
	struct wx_cval *stack = small;
	size_t cap = WX_CONSTEXPR_STACK;
	struct wx_reader rd = {
		.base = m->bytes,
		.pos = m->bytes + ce->offset,
		.end = m->bytes + ce->offset + ce->len,
		.err = NULL,
	};

	out[0] = 0;
	out[1] = 0;
	/* Every instruction takes at least two bytes, so len/2 + 1 values
	 * bounds the depth. */
	if (ce->len / 2 + 1 > WX_CONSTEXPR_STACK) {
		cap = ce->len / 2 + 1;
		stack = calloc(cap, sizeof(*stack));
		if (stack == NULL)
			return; /* no way to report: leave zero */
	}
	if (!wx_constexpr_run(inst, &rd, stack, cap, out)) {
		out[0] = 0;
		out[1] = 0;
	}
	if (stack != small)
		free(stack);
}
