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
 */
#include "compile_int.h"

int wxc_compile_access_mm(struct compiler *c, const struct opinfo *oi,
			  uint32_t offset, uint32_t memidx)
{
	struct operand addr, val;
	int ret;
	if (oi->np == 1) { /* a load: i32 -> rt */
		uint32_t dst;
		if ((ret = wxc_pop_expect(c, WX_I32, &addr)) != 0)
			return ret;
		dst = home(c, c->sp);
		wxc_emit_n(c, WX_OP_mm_load, 5,
			   (uint32_t[]){dst, addr.slot, offset, memidx,
					(uint32_t)oi->op});
		wxc_push(c, oi->rt, dst);
		return c->err;
	}
	if ((ret = wxc_pop_expect(c, oi->pt[1], &val)) != 0 ||
	    (ret = wxc_pop_expect(c, WX_I32, &addr)) != 0)
		return ret;
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
	int ret;
	if ((ret = wxc_rd_u32(c, &memidx)) != 0)
		return ret;
	if (memidx >= c->m->nmems)
		return INVALID("unknown memory %u", memidx);
	if (memidx == 0)
		return wxc_compile_generic(c, oi, 0, NULL);
	if (oi->op == WX_OP_memory_size) {
		dst = home(c, c->sp);
		wxc_emit_n(c, WX_OP_mm_size, 2, (uint32_t[]){dst, memidx});
	} else {
		if ((ret = wxc_pop_expect(c, WX_I32, &delta)) != 0)
			return ret;
		dst = home(c, c->sp);
		wxc_emit_n(c, WX_OP_mm_grow, 3,
			   (uint32_t[]){dst, delta.slot, memidx});
	}
	wxc_push(c, WX_I32, dst);
	return c->err;
}

int wxc_compile_bulk_mm(struct compiler *c, enum wx_op op, uint32_t a,
			uint32_t b)
{
	struct operand o[3];
	uint32_t i;
	int ret;
	for (i = 3; i-- > 0;)
		if ((ret = wxc_pop_expect(c, WX_I32, &o[i])) != 0)
			return ret;
	switch (op) {
	case WX_OP_memory_init: /* a: data segment, b: memory */
		wxc_emit_n(c, WX_OP_mm_init, 5,
			   (uint32_t[]){o[0].slot, o[1].slot, o[2].slot, a, b});
		break;
	case WX_OP_memory_copy: /* a: destination, b: source memory */
		wxc_emit_n(c, WX_OP_mm_copy, 5,
			   (uint32_t[]){o[0].slot, o[1].slot, o[2].slot, a, b});
		break;
	default: /* memory.fill; a: the memory */
		wxc_emit_n(c, WX_OP_mm_fill, 4,
			   (uint32_t[]){o[0].slot, o[1].slot, o[2].slot, a});
		break;
	}
	return c->err;
}
