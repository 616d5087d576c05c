/*
 * interp_simd.h - the SIMD instructions that are one vector operation
 * (constants, moves, bitwise, integer add/sub/mul/compare, float
 * arithmetic and compares), inlined into the interpreter's simd handler: operands and
 * result stay in registers, no call.  Everything else goes to
 * wx_simd_exec (interp_simd.c, which also tells the v128 layout).
 */
#ifndef WX_INTERP_SIMD_H
#define WX_INTERP_SIMD_H

#include <stdbool.h>
#include <stdint.h>

#include "code.h"

typedef int8_t wx_vi8 __attribute__((vector_size(16)));
typedef uint8_t wx_vu8 __attribute__((vector_size(16)));
typedef int16_t wx_vi16 __attribute__((vector_size(16)));
typedef uint16_t wx_vu16 __attribute__((vector_size(16)));
typedef int32_t wx_vi32 __attribute__((vector_size(16)));
typedef uint32_t wx_vu32 __attribute__((vector_size(16)));
typedef int64_t wx_vi64 __attribute__((vector_size(16)));
typedef uint64_t wx_vu64 __attribute__((vector_size(16)));
typedef float wx_vf32 __attribute__((vector_size(16)));
typedef double wx_vf64 __attribute__((vector_size(16)));

enum {
#define SIMD(sub, ident, name, imm, sig) WX_S_##ident = sub,
#include "simd.def"
};

/* Run the instruction at pc if it is one of these: true, else false. */
static inline __attribute__((always_inline)) bool wx_simd_fast(const uint32_t *pc, uint64_t *fp,
				uint64_t *sh)
{
#define vi8 wx_vi8
#define vu8 wx_vu8
#define vi16 wx_vi16
#define vu16 wx_vu16
#define vi32 wx_vi32
#define vu32 wx_vu32
#define vi64 wx_vi64
#define vu64 wx_vu64
#define vf32 wx_vf32
#define vf64 wx_vf64
	uint32_t s = pc[3], t = pc[4];
	vu64 a = {fp[s], sh[s]}, b = {fp[t], sh[t]}, r;
	switch (pc[1]) {
	case WX_S_v128_const:
		r = (vu64){pc[6] | (uint64_t)pc[7] << 32,
			   pc[8] | (uint64_t)pc[9] << 32};
		break;
	case WX_SIMD_COPY:
		r = a;
		break;
	case WX_S_v128_not:
		r = ~a;
		break;
	case WX_S_v128_and:
		r = a & b;
		break;
	case WX_S_v128_andnot:
		r = a & ~b;
		break;
	case WX_S_v128_or:
		r = a | b;
		break;
	case WX_S_v128_xor:
		r = a ^ b;
		break;
	case WX_S_i8x16_add:
		r = (vu64)((vu8)a + (vu8)b);
		break;
	case WX_S_i8x16_sub:
		r = (vu64)((vu8)a - (vu8)b);
		break;
	case WX_S_i8x16_eq:
		r = (vu64)((vi8)a == (vi8)b);
		break;
	case WX_S_i8x16_ne:
		r = (vu64)((vi8)a != (vi8)b);
		break;
	case WX_S_i8x16_lt_s:
		r = (vu64)((vi8)a < (vi8)b);
		break;
	case WX_S_i8x16_lt_u:
		r = (vu64)((vu8)a < (vu8)b);
		break;
	case WX_S_i8x16_gt_s:
		r = (vu64)((vi8)a > (vi8)b);
		break;
	case WX_S_i8x16_gt_u:
		r = (vu64)((vu8)a > (vu8)b);
		break;
	case WX_S_i8x16_le_s:
		r = (vu64)((vi8)a <= (vi8)b);
		break;
	case WX_S_i8x16_le_u:
		r = (vu64)((vu8)a <= (vu8)b);
		break;
	case WX_S_i8x16_ge_s:
		r = (vu64)((vi8)a >= (vi8)b);
		break;
	case WX_S_i8x16_ge_u:
		r = (vu64)((vu8)a >= (vu8)b);
		break;
	case WX_S_i16x8_add:
		r = (vu64)((vu16)a + (vu16)b);
		break;
	case WX_S_i16x8_sub:
		r = (vu64)((vu16)a - (vu16)b);
		break;
	case WX_S_i16x8_eq:
		r = (vu64)((vi16)a == (vi16)b);
		break;
	case WX_S_i16x8_ne:
		r = (vu64)((vi16)a != (vi16)b);
		break;
	case WX_S_i16x8_lt_s:
		r = (vu64)((vi16)a < (vi16)b);
		break;
	case WX_S_i16x8_lt_u:
		r = (vu64)((vu16)a < (vu16)b);
		break;
	case WX_S_i16x8_gt_s:
		r = (vu64)((vi16)a > (vi16)b);
		break;
	case WX_S_i16x8_gt_u:
		r = (vu64)((vu16)a > (vu16)b);
		break;
	case WX_S_i16x8_le_s:
		r = (vu64)((vi16)a <= (vi16)b);
		break;
	case WX_S_i16x8_le_u:
		r = (vu64)((vu16)a <= (vu16)b);
		break;
	case WX_S_i16x8_ge_s:
		r = (vu64)((vi16)a >= (vi16)b);
		break;
	case WX_S_i16x8_ge_u:
		r = (vu64)((vu16)a >= (vu16)b);
		break;
	case WX_S_i32x4_add:
		r = (vu64)((vu32)a + (vu32)b);
		break;
	case WX_S_i32x4_sub:
		r = (vu64)((vu32)a - (vu32)b);
		break;
	case WX_S_i32x4_eq:
		r = (vu64)((vi32)a == (vi32)b);
		break;
	case WX_S_i32x4_ne:
		r = (vu64)((vi32)a != (vi32)b);
		break;
	case WX_S_i32x4_lt_s:
		r = (vu64)((vi32)a < (vi32)b);
		break;
	case WX_S_i32x4_lt_u:
		r = (vu64)((vu32)a < (vu32)b);
		break;
	case WX_S_i32x4_gt_s:
		r = (vu64)((vi32)a > (vi32)b);
		break;
	case WX_S_i32x4_gt_u:
		r = (vu64)((vu32)a > (vu32)b);
		break;
	case WX_S_i32x4_le_s:
		r = (vu64)((vi32)a <= (vi32)b);
		break;
	case WX_S_i32x4_le_u:
		r = (vu64)((vu32)a <= (vu32)b);
		break;
	case WX_S_i32x4_ge_s:
		r = (vu64)((vi32)a >= (vi32)b);
		break;
	case WX_S_i32x4_ge_u:
		r = (vu64)((vu32)a >= (vu32)b);
		break;
	case WX_S_i64x2_add:
		r = (vu64)((vu64)a + (vu64)b);
		break;
	case WX_S_i64x2_sub:
		r = (vu64)((vu64)a - (vu64)b);
		break;
	case WX_S_i64x2_eq:
		r = (vu64)((vi64)a == (vi64)b);
		break;
	case WX_S_i64x2_ne:
		r = (vu64)((vi64)a != (vi64)b);
		break;
	case WX_S_i64x2_lt_s:
		r = (vu64)((vi64)a < (vi64)b);
		break;
	case WX_S_i64x2_gt_s:
		r = (vu64)((vi64)a > (vi64)b);
		break;
	case WX_S_i64x2_le_s:
		r = (vu64)((vi64)a <= (vi64)b);
		break;
	case WX_S_i64x2_ge_s:
		r = (vu64)((vi64)a >= (vi64)b);
		break;
	case WX_S_i16x8_mul:
		r = (vu64)((vu16)a * (vu16)b);
		break;
	case WX_S_i32x4_mul:
		r = (vu64)((vu32)a * (vu32)b);
		break;
	case WX_S_i64x2_mul:
		r = (vu64)((vu64)a * (vu64)b);
		break;
	case WX_S_f32x4_add:
		r = (vu64)((vf32)a + (vf32)b);
		break;
	case WX_S_f32x4_sub:
		r = (vu64)((vf32)a - (vf32)b);
		break;
	case WX_S_f32x4_mul:
		r = (vu64)((vf32)a * (vf32)b);
		break;
	case WX_S_f32x4_div:
		r = (vu64)((vf32)a / (vf32)b);
		break;
	case WX_S_f32x4_eq:
		r = (vu64)((vf32)a == (vf32)b);
		break;
	case WX_S_f32x4_ne:
		r = (vu64)((vf32)a != (vf32)b);
		break;
	case WX_S_f32x4_lt:
		r = (vu64)((vf32)a < (vf32)b);
		break;
	case WX_S_f32x4_gt:
		r = (vu64)((vf32)a > (vf32)b);
		break;
	case WX_S_f32x4_le:
		r = (vu64)((vf32)a <= (vf32)b);
		break;
	case WX_S_f32x4_ge:
		r = (vu64)((vf32)a >= (vf32)b);
		break;
	case WX_S_f64x2_add:
		r = (vu64)((vf64)a + (vf64)b);
		break;
	case WX_S_f64x2_sub:
		r = (vu64)((vf64)a - (vf64)b);
		break;
	case WX_S_f64x2_mul:
		r = (vu64)((vf64)a * (vf64)b);
		break;
	case WX_S_f64x2_div:
		r = (vu64)((vf64)a / (vf64)b);
		break;
	case WX_S_f64x2_eq:
		r = (vu64)((vf64)a == (vf64)b);
		break;
	case WX_S_f64x2_ne:
		r = (vu64)((vf64)a != (vf64)b);
		break;
	case WX_S_f64x2_lt:
		r = (vu64)((vf64)a < (vf64)b);
		break;
	case WX_S_f64x2_gt:
		r = (vu64)((vf64)a > (vf64)b);
		break;
	case WX_S_f64x2_le:
		r = (vu64)((vf64)a <= (vf64)b);
		break;
	case WX_S_f64x2_ge:
		r = (vu64)((vf64)a >= (vf64)b);
		break;
	default:
		return false;
	}
	fp[pc[2]] = r[0];
	sh[pc[2]] = r[1];
	return true;
#undef vi8
#undef vu8
#undef vi16
#undef vu16
#undef vi32
#undef vu32
#undef vi64
#undef vu64
#undef vf32
#undef vf64
}

#endif
