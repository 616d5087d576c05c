/*
 * compile_mm.c - instructions on memories other than memory 0
 * (multi-memory, wasm 3.0).
 *
 * Memory 0 keeps every fast path: the interpreter holds its base and
 * size in registers and the compiler fuses address arithmetic into its
 * loads and stores.  The other memories are rare (a second memory for
 * data kept apart, tools' scratch memories), so their accesses go
 * through a few generic ops (ops.def mm_*) that look the memory up in
 * the instance on each access and name the access kind as an operand.
 *
 * A 64-bit memory (memory64), memory 0 included, takes the same road with
 * the m64_* ops: i64 addresses, 64-bit offsets (two words), and bounds
 * checks that allow for address + offset overflowing 2^64.  So the fast
 * paths of memory 0 stay what they are for the 32-bit memories that
 * nearly every program has.
 */
#include "compile_int.h"

int wxc_compile_access_mm(struct compiler *c, const struct opinfo *oi,
			  uint32_t offset, uint32_t memidx)
{
	struct operand addr, val;
	bool m64 = c->mem64;
	uint8_t at = m64 ? WX_I64 : WX_I32;
	int ret;
	if (oi->np == 1) { /* a load: address -> rt */
		uint32_t dst;
		if ((ret = wxc_pop_expect(c, at, &addr)) != 0)
			return ret;
		dst = home(c, c->sp);
		if (m64)
			wxc_emit_n(c, WX_OP_m64_load, 6,
				   (uint32_t[]){dst, addr.slot, offset,
						c->offset_hi, memidx,
						(uint32_t)oi->op});
		else
			wxc_emit_n(c, WX_OP_mm_load, 5,
				   (uint32_t[]){dst, addr.slot, offset, memidx,
						(uint32_t)oi->op});
		wxc_push(c, oi->rt, dst);
		return c->err;
	}
	if ((ret = wxc_pop_expect(c, oi->pt[1], &val)) != 0 ||
	    (ret = wxc_pop_expect(c, at, &addr)) != 0)
		return ret;
	if (m64)
		wxc_emit_n(c, WX_OP_m64_store, 6,
			   (uint32_t[]){addr.slot, val.slot, offset,
					c->offset_hi, memidx,
					(uint32_t)oi->op});
	else
		wxc_emit_n(c, WX_OP_mm_store, 5,
			   (uint32_t[]){addr.slot, val.slot, offset, memidx,
					(uint32_t)oi->op});
	return c->err;
}

int wxc_compile_size_grow(struct compiler *c, const struct opinfo *oi,
			  uint32_t memidx)
{
	struct operand delta;
	uint32_t dst;
	uint8_t at;
	int ret;
	if ((ret = wxc_rd_u32(c, &memidx)) != 0)
		return ret;
	if (memidx >= c->m->nmems)
		return INVALID("unknown memory %u", memidx);
	at = wx_addrtype(&c->m->mems[memidx].limits);
	if (memidx == 0 && at == WX_I32)
		return wxc_compile_generic(c, oi, 0, NULL);
	/* mm_size's page count is right for both address types. */
	if (oi->op == WX_OP_memory_size) {
		dst = home(c, c->sp);
		wxc_emit_n(c, WX_OP_mm_size, 2, (uint32_t[]){dst, memidx});
	} else {
		if ((ret = wxc_pop_expect(c, at, &delta)) != 0)
			return ret;
		dst = home(c, c->sp);
		wxc_emit_n(c, at == WX_I64 ? WX_OP_m64_grow : WX_OP_mm_grow, 3,
			   (uint32_t[]){dst, delta.slot, memidx});
	}
	wxc_push(c, at, dst);
	return c->err;
}

/* The operand types of memory.init/copy/fill (memory64): a destination
 * or source address has its memory's address type, and memory.copy's
 * length is i64 only when both memories are 64-bit; memory.init's source
 * offset and length, and memory.fill's value, are i32.  Bit k of the
 * result is set when operand k is an i64. */
static uint32_t bulk_wide(const struct compiler *c, enum wx_op op,
			  uint32_t a, uint32_t b)
{
	switch (op) {
	case WX_OP_memory_init: /* d s n */
		return wxc_mem64(c, b) ? 1u : 0u;
	case WX_OP_memory_copy:
		return (wxc_mem64(c, a) ? 1u : 0u) | (wxc_mem64(c, b) ? 2u : 0u) |
		       (wxc_mem64(c, a) && wxc_mem64(c, b) ? 4u : 0u);
	default: /* memory.fill: d v n */
		return wxc_mem64(c, a) ? 5u : 0u;
	}
}

int wxc_compile_bulk_mm(struct compiler *c, enum wx_op op, uint32_t a,
			uint32_t b)
{
	struct operand o[3];
	uint32_t i, wide = bulk_wide(c, op, a, b);
	int ret;
	for (i = 3; i-- > 0;)
		if ((ret = wxc_pop_expect(c, wide & (1u << i) ? WX_I64 : WX_I32,
					  &o[i])) != 0)
			return ret;
	switch (op) {
	case WX_OP_memory_init: /* a: data segment, b: memory */
		wxc_emit_n(c, wide ? WX_OP_m64_init : WX_OP_mm_init, 5,
			   (uint32_t[]){o[0].slot, o[1].slot, o[2].slot, a, b});
		break;
	case WX_OP_memory_copy: /* a: destination, b: source memory */
		if (wide)
			wxc_emit_n(c, WX_OP_m64_copy, 6,
				   (uint32_t[]){o[0].slot, o[1].slot,
						o[2].slot, a, b, wide});
		else
			wxc_emit_n(c, WX_OP_mm_copy, 5,
				   (uint32_t[]){o[0].slot, o[1].slot,
						o[2].slot, a, b});
		break;
	default: /* memory.fill; a: the memory */
		wxc_emit_n(c, wide ? WX_OP_m64_fill : WX_OP_mm_fill, 4,
			   (uint32_t[]){o[0].slot, o[1].slot, o[2].slot, a});
		break;
	}
	return c->err;
}

/* Atomic accesses (threads proposal) to memories other than memory 0 or
 * to 64-bit ones: one generic op, the access named by its op. */
int wxc_compile_atomic_mm(struct compiler *c, const struct opinfo *oi,
			  uint32_t offset)
{
	struct operand o[3];
	uint32_t i, w[3], dst = UINT32_MAX;
	int ret;
	for (i = oi->np; i-- > 0;) {
		uint8_t t = i == 0 && c->mem64 ? WX_I64 : oi->pt[i];
		if ((ret = wxc_pop_expect(c, t, &o[i])) != 0)
			return ret;
	}
	/* Operands the access does not have name the address's slot. */
	for (i = 0; i < 3; i++)
		w[i] = i < oi->np ? o[i].slot : o[0].slot;
	if (oi->rt != 0)
		dst = home(c, c->sp);
	wxc_emit_n(c, WX_OP_mm_atomic, 8,
		   (uint32_t[]){dst, w[0], w[1], w[2], offset, c->offset_hi,
				c->memidx, (uint32_t)oi->op});
	if (oi->rt != 0)
		wxc_push(c, oi->rt, dst);
	return c->err;
}
