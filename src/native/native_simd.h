/*
 * native_simd.h - what the native tier's translator knows of each SIMD
 * instruction (native_emit_simd.c): its shape, from the shared list
 * src/interp/simd.def, and the C it becomes (a call of the prelude's
 * wxn_<ident>, native_prelude_simd.h).
 */
#ifndef WX_NATIVE_SIMD_H
#define WX_NATIVE_SIMD_H

#include <stdbool.h>
#include <stdint.h>

#include "native_sbuf.h"

/* Immediates after the sub-opcode (simd.def's imm column). */
enum wx_native_simd_imm {
	WXN_SIMM_N,  /* none */
	WXN_SIMM_M,  /* memarg */
	WXN_SIMM_ML, /* memarg, lane byte */
	WXN_SIMM_L,  /* lane byte */
	WXN_SIMM_C,  /* 16-byte constant */
	WXN_SIMM_SH, /* 16 lane indices */
};

struct wx_native_simd_op {
	const char *ident; /* NULL: no such instruction */
	const char *sig;   /* "vv:v": operand types, ':', the result type */
	uint8_t imm;       /* enum wx_native_simd_imm */
};

/* Instruction 0xFD `sub`, or NULL if there is none. */
const struct wx_native_simd_op *wx_native_simd_op(uint32_t sub);

/* Bytes a memory form (imm M or ML) accesses. */
unsigned wx_native_simd_size(uint32_t sub);

/* The statement computing instruction `sub` into `res` (NULL for a
 * store) from the operands ops[] in stack order, the address operand of
 * a memory form being the host pointer expression; imm16 the constant or
 * shuffle bytes, lane the lane byte. */
void wx_native_simd_emit(struct wx_sbuf *b, uint32_t sub, const char *res,
			 const char *const *ops, const uint8_t *imm16,
			 unsigned lane);

struct wx_module;

/* Whether the C of m may need v128 (then it gets the SIMD prelude, which
 * costs every other module compile time for nothing). */
bool wx_native_simd_used(const struct wx_module *m);

/* The SIMD prelude (after native_prelude.h's). */
void wx_native_simd_prelude(struct wx_sbuf *out);

#endif
