/*
 * interp_simd.c - the SIMD instructions (fixed-width and relaxed SIMD,
 * prefix 0xFD) of the slot interpreter.
 *
 * Where a v128 lives: every slot s of a frame keeps its 64-bit value at
 * fp[s] as always; a v128 in slot s keeps its low half there and its
 * high half at fp[s + hi], where hi is the size of the thread's slot
 * stack (wx_thread_init allocates the stack twice over: the upper half
 * is a shadow that mirrors the slot stack word for word).  So a v128
 * takes one slot number like any other value: frames, operand heights,
 * calls (the caller's argument slots are the callee's first slots in
 * both halves) and the compiler's slot bookkeeping need nothing new, and
 * code without SIMD is not touched at all.  What does change is every
 * move of a v128 (copies, select, results, globals): the compiler emits
 * the SIMD variants for v128 operands (compile_simd.c).
 *
 * Instruction format: every SIMD instruction is WX_SIMD_WORDS words,
 *   simd sub dst a b c i0 i1 i2 i3
 * sub the sub-opcode (simd.def, or an internal WX_SIMD_* below), dst the
 * result slot, a b c the operand slots, i0..i3 the immediates: a 16-byte
 * constant or shuffle pattern, or i0 = memarg offset and i1 = lane (the
 * memory index then in c; for a 64-bit memory i2 is the offset's high
 * half and i3 is 1), or i0 = lane.  One handler in the interpreter loop
 * calls wx_simd_exec.
 *
 * This file implements every instruction; the commonest single vector
 * operations also have a copy in interp_simd.h, inlined into the
 * interpreter's handler, which calls here for the rest.
 *
 * Arithmetic uses GCC/Clang vector extensions (the host's SSE); the
 * float operations whose NaN, signed-zero or saturation rules differ from
 * the host instruction's go lane by lane with numeric.h's helpers.
 * Relaxed SIMD takes the deterministic choice everywhere: the result of
 * the corresponding non-relaxed instruction (madd unfused).
 */
#include <math.h>
#include <string.h>

#include "../runtime/runtime.h"
#include "code.h"
#include "numeric.h"

typedef int8_t vi8 __attribute__((vector_size(16)));
typedef uint8_t vu8 __attribute__((vector_size(16)));
typedef int16_t vi16 __attribute__((vector_size(16)));
typedef uint16_t vu16 __attribute__((vector_size(16)));
typedef int32_t vi32 __attribute__((vector_size(16)));
typedef uint32_t vu32 __attribute__((vector_size(16)));
typedef int64_t vi64 __attribute__((vector_size(16)));
typedef uint64_t vu64 __attribute__((vector_size(16)));
typedef float vf32 __attribute__((vector_size(16)));
typedef double vf64 __attribute__((vector_size(16)));

typedef union {
	uint8_t u8[16];
	int8_t i8[16];
	uint16_t u16[8];
	int16_t i16[8];
	uint32_t u32[4];
	int32_t i32[4];
	uint64_t u64[2];
	int64_t i64[2];
	float f32[4];
	double f64[2];
	vi8 vi8;
	vu8 vu8;
	vi16 vi16;
	vu16 vu16;
	vi32 vi32;
	vu32 vu32;
	vi64 vi64;
	vu64 vu64;
	vf32 vf32;
	vf64 vf64;
} v128;

enum {
#define SIMD(sub, ident, name, imm, sig) S_##ident = sub,
#include "simd.def"
};

static inline v128 get(const uint64_t *fp, const uint64_t *sh, uint32_t s)
{
	v128 v;
	v.u64[0] = fp[s];
	v.u64[1] = sh[s];
	return v;
}

static inline int8_t sat8(int32_t x)
{
	return (int8_t)(x < -128 ? -128 : x > 127 ? 127 : x);
}
static inline uint8_t satu8(int32_t x)
{
	return (uint8_t)(x < 0 ? 0 : x > 255 ? 255 : x);
}
static inline int16_t sat16(int32_t x)
{
	return (int16_t)(x < -32768 ? -32768 : x > 32767 ? 32767 : x);
}
static inline uint16_t satu16(int32_t x)
{
	return (uint16_t)(x < 0 ? 0 : x > 65535 ? 65535 : x);
}

/* Saturating float -> int32 (trunc_sat): NaN is 0. */
static inline int32_t tsat_s(double x)
{
	if (isnan(x))
		return 0;
	if (x <= -2147483649.0)
		return INT32_MIN;
	if (x >= 2147483648.0)
		return INT32_MAX;
	return (int32_t)x;
}
static inline uint32_t tsat_u(double x)
{
	if (isnan(x) || x <= -1.0)
		return 0;
	if (x >= 4294967296.0)
		return UINT32_MAX;
	return (uint32_t)x;
}

static inline int16_t q15mulr(int16_t a, int16_t b)
{
	return sat16(((int32_t)a * b + 0x4000) >> 15);
}

#define LANES(n, expr)                                                   \
	do {                                                             \
		for (i = 0; i < (n); i++)                                \
			expr;                                            \
	} while (0)

/* Memory access of `size` bytes at (u32)addr + off, or for a 64-bit
 * memory (memory64: pc[9] set, the offset's high half in pc[8]) at addr
 * + off, the sum checked for overflow: a pointer, or NULL out of bounds. */
static inline uint8_t *at(const uint32_t *pc, uint8_t *mem,
			  uint64_t msize, uint64_t addr, uint32_t size)
{
	uint64_t ea;
	if (WX_UNLIKELY(pc[9] != 0)) {
		if (__builtin_add_overflow(addr,
					   pc[6] | (uint64_t)pc[8] << 32, &ea) ||
		    ea > msize || msize - ea < size)
			return NULL;
		return mem + ea;
	}
	ea = (uint64_t)(uint32_t)addr + pc[6];
	if (ea + size > msize)
		return NULL;
	return mem + ea;
}

/* Guest memory accesses may race as the threads proposal allows: left
 * alone by ThreadSanitizer like the interpreter loop. */
__attribute__((no_sanitize("thread")))
int wx_simd_exec(const uint32_t *pc, uint64_t *fp, uint64_t *sh,
		 struct wx_instance *inst, uint8_t *mem, uint64_t msize)
{
	uint32_t sub = pc[1], d = pc[2];
	v128 a, b, c, r;
	uint8_t *p;
	unsigned i;

	if ((sub <= S_v128_store ||
	     (sub >= S_v128_load8_lane && sub <= S_v128_load64_zero)) &&
	    pc[5] != 0) { /* a memarg naming another memory (multi-memory) */
		struct wx_memory *m = inst->mems[pc[5]];
		mem = m->base;
		msize = m->size;
	}
	/* Operand reads are cheap; read what the instruction may use. */
	a = get(fp, sh, pc[3]);
	b = get(fp, sh, pc[4]);

	switch (sub) {
	/* ---- internal moves (compile_simd.c) ---- */
	case WX_SIMD_COPY:
		r = a;
		break;
	case WX_SIMD_SELECT:
		r = (uint32_t)fp[pc[5]] ? a : b;
		break;
	case WX_SIMD_GLOBAL_GET:
		r.u64[0] = inst->globals[pc[6]]->val[0];
		r.u64[1] = inst->globals[pc[6]]->val[1];
		break;
	case WX_SIMD_GLOBAL_SET:
		inst->globals[pc[6]]->val[0] = a.u64[0];
		inst->globals[pc[6]]->val[1] = a.u64[1];
		return 0;
	case WX_SIMD_MOVEN: /* n slots from pc[3] down to dst (d <= src) */
		memmove(fp + d, fp + pc[3], (size_t)pc[6] * sizeof(*fp));
		memmove(sh + d, sh + pc[3], (size_t)pc[6] * sizeof(*sh));
		return 0;
	case WX_SIMD_MOVEHI: /* before a tail call, which moves the lows */
		memmove(sh + d, sh + pc[3], (size_t)pc[6] * sizeof(*sh));
		return 0;

	/* ---- memory ---- */
	case S_v128_load:
		if ((p = at(pc, mem, msize, fp[pc[3]], 16)) == NULL)
			return -1;
		memcpy(&r, p, 16);
		break;
#define LOADX(name, n, ST, field)                                        \
	case S_##name: {                                                 \
		ST tmp[n];                                               \
		if ((p = at(pc, mem, msize, fp[pc[3]], 8)) == NULL)   \
			return -1;                                       \
		memcpy(tmp, p, 8);                                       \
		LANES(n, r.field[i] = tmp[i]);                           \
		break;                                                   \
	}
	LOADX(v128_load8x8_s, 8, int8_t, i16)
	LOADX(v128_load8x8_u, 8, uint8_t, u16)
	LOADX(v128_load16x4_s, 4, int16_t, i32)
	LOADX(v128_load16x4_u, 4, uint16_t, u32)
	LOADX(v128_load32x2_s, 2, int32_t, i64)
	LOADX(v128_load32x2_u, 2, uint32_t, u64)
#define LOADSPLAT(name, n, T, field)                                     \
	case S_##name: {                                                 \
		T x;                                                     \
		if ((p = at(pc, mem, msize, fp[pc[3]], sizeof(T))) == \
		    NULL)                                                \
			return -1;                                       \
		memcpy(&x, p, sizeof(T));                                \
		LANES(n, r.field[i] = x);                                \
		break;                                                   \
	}
	LOADSPLAT(v128_load8_splat, 16, uint8_t, u8)
	LOADSPLAT(v128_load16_splat, 8, uint16_t, u16)
	LOADSPLAT(v128_load32_splat, 4, uint32_t, u32)
	LOADSPLAT(v128_load64_splat, 2, uint64_t, u64)
	case S_v128_load32_zero:
		if ((p = at(pc, mem, msize, fp[pc[3]], 4)) == NULL)
			return -1;
		r.u64[0] = r.u64[1] = 0;
		memcpy(&r.u32[0], p, 4);
		break;
	case S_v128_load64_zero:
		if ((p = at(pc, mem, msize, fp[pc[3]], 8)) == NULL)
			return -1;
		r.u64[1] = 0;
		memcpy(&r.u64[0], p, 8);
		break;
	case S_v128_store:
		if ((p = at(pc, mem, msize, fp[pc[3]], 16)) == NULL)
			return -1;
		memcpy(p, &b, 16);
		return 0;
	case S_v128_load8_lane:
	case S_v128_load16_lane:
	case S_v128_load32_lane:
	case S_v128_load64_lane: {
		uint32_t size = 1u << (sub - S_v128_load8_lane);
		if ((p = at(pc, mem, msize, fp[pc[3]], size)) == NULL)
			return -1;
		r = b;
		memcpy(&r.u8[pc[7] * size], p, size);
		break;
	}
	case S_v128_store8_lane:
	case S_v128_store16_lane:
	case S_v128_store32_lane:
	case S_v128_store64_lane: {
		uint32_t size = 1u << (sub - S_v128_store8_lane);
		if ((p = at(pc, mem, msize, fp[pc[3]], size)) == NULL)
			return -1;
		memcpy(p, &b.u8[pc[7] * size], size);
		return 0;
	}

	/* ---- constants, shuffles, lanes ---- */
	case S_v128_const:
		memcpy(&r, &pc[6], 16);
		break;
	case S_i8x16_shuffle: {
		uint8_t idx[16];
		memcpy(idx, &pc[6], 16);
		LANES(16, r.u8[i] = idx[i] < 16 ? a.u8[idx[i]]
						: b.u8[idx[i] - 16]);
		break;
	}
	case S_i8x16_swizzle:
	case S_i8x16_relaxed_swizzle:
		LANES(16, r.u8[i] = b.u8[i] < 16 ? a.u8[b.u8[i]] : 0);
		break;
	case S_i8x16_splat:
		LANES(16, r.u8[i] = (uint8_t)a.u64[0]);
		break;
	case S_i16x8_splat:
		LANES(8, r.u16[i] = (uint16_t)a.u64[0]);
		break;
	case S_i32x4_splat:
	case S_f32x4_splat:
		LANES(4, r.u32[i] = (uint32_t)a.u64[0]);
		break;
	case S_i64x2_splat:
	case S_f64x2_splat:
		LANES(2, r.u64[i] = a.u64[0]);
		break;
	case S_i8x16_extract_lane_s:
		fp[d] = (uint32_t)(int32_t)a.i8[pc[6]];
		return 0;
	case S_i8x16_extract_lane_u:
		fp[d] = a.u8[pc[6]];
		return 0;
	case S_i16x8_extract_lane_s:
		fp[d] = (uint32_t)(int32_t)a.i16[pc[6]];
		return 0;
	case S_i16x8_extract_lane_u:
		fp[d] = a.u16[pc[6]];
		return 0;
	case S_i32x4_extract_lane:
	case S_f32x4_extract_lane:
		fp[d] = a.u32[pc[6]];
		return 0;
	case S_i64x2_extract_lane:
	case S_f64x2_extract_lane:
		fp[d] = a.u64[pc[6]];
		return 0;
	case S_i8x16_replace_lane:
		r = a;
		r.u8[pc[6]] = (uint8_t)fp[pc[4]];
		break;
	case S_i16x8_replace_lane:
		r = a;
		r.u16[pc[6]] = (uint16_t)fp[pc[4]];
		break;
	case S_i32x4_replace_lane:
	case S_f32x4_replace_lane:
		r = a;
		r.u32[pc[6]] = (uint32_t)fp[pc[4]];
		break;
	case S_i64x2_replace_lane:
	case S_f64x2_replace_lane:
		r = a;
		r.u64[pc[6]] = fp[pc[4]];
		break;

	/* ---- compares: vector compares give all-ones lanes ---- */
#define VCMP(name, V, T, op)                                             \
	case S_##name:                                                   \
		r.T = (typeof(r.T))(a.V op b.V);                         \
		break;
#define VCMPS(p, vs, vu, T)                                              \
	VCMP(p##_eq, vs, T, ==) VCMP(p##_ne, vs, T, !=)                  \
	VCMP(p##_lt_s, vs, T, <) VCMP(p##_lt_u, vu, T, <)                \
	VCMP(p##_gt_s, vs, T, >) VCMP(p##_gt_u, vu, T, >)                \
	VCMP(p##_le_s, vs, T, <=) VCMP(p##_le_u, vu, T, <=)              \
	VCMP(p##_ge_s, vs, T, >=) VCMP(p##_ge_u, vu, T, >=)
	VCMPS(i8x16, vi8, vu8, vi8)
	VCMPS(i16x8, vi16, vu16, vi16)
	VCMPS(i32x4, vi32, vu32, vi32)
	VCMP(i64x2_eq, vi64, vi64, ==)
	VCMP(i64x2_ne, vi64, vi64, !=)
	VCMP(i64x2_lt_s, vi64, vi64, <)
	VCMP(i64x2_gt_s, vi64, vi64, >)
	VCMP(i64x2_le_s, vi64, vi64, <=)
	VCMP(i64x2_ge_s, vi64, vi64, >=)
#define FCMPS(p, V, T)                                                   \
	VCMP(p##_eq, V, T, ==) VCMP(p##_ne, V, T, !=)                    \
	VCMP(p##_lt, V, T, <) VCMP(p##_gt, V, T, >)                      \
	VCMP(p##_le, V, T, <=) VCMP(p##_ge, V, T, >=)
	FCMPS(f32x4, vf32, vi32)
	FCMPS(f64x2, vf64, vi64)

	/* ---- bitwise ---- */
	case S_v128_not:
		r.vu64 = ~a.vu64;
		break;
	case S_v128_and:
		r.vu64 = a.vu64 & b.vu64;
		break;
	case S_v128_andnot:
		r.vu64 = a.vu64 & ~b.vu64;
		break;
	case S_v128_or:
		r.vu64 = a.vu64 | b.vu64;
		break;
	case S_v128_xor:
		r.vu64 = a.vu64 ^ b.vu64;
		break;
	case S_v128_bitselect:
	case S_i8x16_relaxed_laneselect:
	case S_i16x8_relaxed_laneselect:
	case S_i32x4_relaxed_laneselect:
	case S_i64x2_relaxed_laneselect:
		c = get(fp, sh, pc[5]);
		r.vu64 = (a.vu64 & c.vu64) | (b.vu64 & ~c.vu64);
		break;
	case S_v128_any_true:
		fp[d] = (a.u64[0] | a.u64[1]) != 0;
		return 0;
#define ALLTRUE(name, n, f)                                              \
	case S_##name: {                                                 \
		uint32_t ok = 1;                                         \
		LANES(n, ok &= a.f[i] != 0);                             \
		fp[d] = ok;                                              \
		return 0;                                                \
	}
	ALLTRUE(i8x16_all_true, 16, u8)
	ALLTRUE(i16x8_all_true, 8, u16)
	ALLTRUE(i32x4_all_true, 4, u32)
	ALLTRUE(i64x2_all_true, 2, u64)
#define BITMASK(name, n, f)                                              \
	case S_##name: {                                                 \
		uint32_t m = 0;                                          \
		LANES(n, m |= (uint32_t)(a.f[i] < 0) << i);              \
		fp[d] = m;                                               \
		return 0;                                                \
	}
	BITMASK(i8x16_bitmask, 16, i8)
	BITMASK(i16x8_bitmask, 8, i16)
	BITMASK(i32x4_bitmask, 4, i32)
	BITMASK(i64x2_bitmask, 2, i64)

	/* ---- integer arithmetic (wrapping: done unsigned) ---- */
#define VBIN(name, V, op)                                                \
	case S_##name:                                                   \
		r.V = a.V op b.V;                                        \
		break;
	VBIN(i8x16_add, vu8, +) VBIN(i8x16_sub, vu8, -)
	VBIN(i16x8_add, vu16, +) VBIN(i16x8_sub, vu16, -)
	VBIN(i16x8_mul, vu16, *)
	VBIN(i32x4_add, vu32, +) VBIN(i32x4_sub, vu32, -)
	VBIN(i32x4_mul, vu32, *)
	VBIN(i64x2_add, vu64, +) VBIN(i64x2_sub, vu64, -)
	VBIN(i64x2_mul, vu64, *)
	VBIN(f32x4_add, vf32, +) VBIN(f32x4_sub, vf32, -)
	VBIN(f32x4_mul, vf32, *) VBIN(f32x4_div, vf32, /)
	VBIN(f64x2_add, vf64, +) VBIN(f64x2_sub, vf64, -)
	VBIN(f64x2_mul, vf64, *) VBIN(f64x2_div, vf64, /)
#define VNEG(name, V)                                                    \
	case S_##name:                                                   \
		r.V = -a.V;                                              \
		break;
	VNEG(i8x16_neg, vu8) VNEG(i16x8_neg, vu16) VNEG(i32x4_neg, vu32)
	VNEG(i64x2_neg, vu64)
#define LANEOP(name, n, f, expr)                                         \
	case S_##name:                                                   \
		LANES(n, r.f[i] = (expr));                               \
		break;
	LANEOP(i8x16_abs, 16, u8, a.i8[i] < 0 ? -a.u8[i] : a.u8[i])
	LANEOP(i16x8_abs, 8, u16, a.i16[i] < 0 ? -a.u16[i] : a.u16[i])
	LANEOP(i32x4_abs, 4, u32, a.i32[i] < 0 ? -a.u32[i] : a.u32[i])
	LANEOP(i64x2_abs, 2, u64, a.i64[i] < 0 ? -a.u64[i] : a.u64[i])
	LANEOP(i8x16_popcnt, 16, u8, (uint8_t)__builtin_popcount(a.u8[i]))
	LANEOP(i8x16_add_sat_s, 16, i8, sat8(a.i8[i] + b.i8[i]))
	LANEOP(i8x16_add_sat_u, 16, u8, satu8(a.u8[i] + b.u8[i]))
	LANEOP(i8x16_sub_sat_s, 16, i8, sat8(a.i8[i] - b.i8[i]))
	LANEOP(i8x16_sub_sat_u, 16, u8, satu8(a.u8[i] - b.u8[i]))
	LANEOP(i16x8_add_sat_s, 8, i16, sat16(a.i16[i] + b.i16[i]))
	LANEOP(i16x8_add_sat_u, 8, u16, satu16(a.u16[i] + b.u16[i]))
	LANEOP(i16x8_sub_sat_s, 8, i16, sat16(a.i16[i] - b.i16[i]))
	LANEOP(i16x8_sub_sat_u, 8, u16, satu16(a.u16[i] - b.u16[i]))
#define MINMAX(p, n, s, u)                                               \
	LANEOP(p##_min_s, n, s, a.s[i] < b.s[i] ? a.s[i] : b.s[i])       \
	LANEOP(p##_min_u, n, u, a.u[i] < b.u[i] ? a.u[i] : b.u[i])       \
	LANEOP(p##_max_s, n, s, a.s[i] > b.s[i] ? a.s[i] : b.s[i])       \
	LANEOP(p##_max_u, n, u, a.u[i] > b.u[i] ? a.u[i] : b.u[i])
	MINMAX(i8x16, 16, i8, u8)
	MINMAX(i16x8, 8, i16, u16)
	MINMAX(i32x4, 4, i32, u32)
	LANEOP(i8x16_avgr_u, 16, u8, (uint8_t)((a.u8[i] + b.u8[i] + 1) >> 1))
	LANEOP(i16x8_avgr_u, 8, u16,
	       (uint16_t)((a.u16[i] + b.u16[i] + 1) >> 1))
	LANEOP(i16x8_q15mulr_sat_s, 8, i16, q15mulr(a.i16[i], b.i16[i]))
	LANEOP(i16x8_relaxed_q15mulr_s, 8, i16, q15mulr(a.i16[i], b.i16[i]))
	case S_i32x4_dot_i16x8_s:
		LANES(4, r.u32[i] = (uint32_t)(a.i16[2 * i] * b.i16[2 * i]) +
				    (uint32_t)(a.i16[2 * i + 1] *
					       b.i16[2 * i + 1]));
		break;
	case S_i16x8_relaxed_dot_i8x16_i7x16_s:
		LANES(8, r.u16[i] = (uint16_t)(a.i8[2 * i] * b.i8[2 * i] +
					       a.i8[2 * i + 1] *
						       b.i8[2 * i + 1]));
		break;
	case S_i32x4_relaxed_dot_i8x16_i7x16_add_s:
		c = get(fp, sh, pc[5]);
		LANES(4, r.u32[i] = (uint32_t)(a.i8[4 * i] * b.i8[4 * i] +
					       a.i8[4 * i + 1] * b.i8[4 * i + 1] +
					       a.i8[4 * i + 2] * b.i8[4 * i + 2] +
					       a.i8[4 * i + 3] *
						       b.i8[4 * i + 3]) +
				    c.u32[i]);
		break;

	/* ---- shifts: the count modulo the lane width ---- */
#define SHIFT(name, n, f, op, bits)                                      \
	case S_##name: {                                                 \
		uint32_t k = (uint32_t)fp[pc[4]] & ((bits) - 1);         \
		LANES(n, r.f[i] = a.f[i] op k);                          \
		break;                                                   \
	}
	SHIFT(i8x16_shl, 16, u8, <<, 8)
	SHIFT(i8x16_shr_s, 16, i8, >>, 8)
	SHIFT(i8x16_shr_u, 16, u8, >>, 8)
	SHIFT(i16x8_shl, 8, u16, <<, 16)
	SHIFT(i16x8_shr_s, 8, i16, >>, 16)
	SHIFT(i16x8_shr_u, 8, u16, >>, 16)
	SHIFT(i32x4_shl, 4, u32, <<, 32)
	SHIFT(i32x4_shr_s, 4, i32, >>, 32)
	SHIFT(i32x4_shr_u, 4, u32, >>, 32)
	SHIFT(i64x2_shl, 2, u64, <<, 64)
	SHIFT(i64x2_shr_s, 2, i64, >>, 64)
	SHIFT(i64x2_shr_u, 2, u64, >>, 64)

	/* ---- narrowing, widening ---- */
	case S_i8x16_narrow_i16x8_s:
		LANES(8, (r.i8[i] = sat8(a.i16[i]), r.i8[i + 8] = sat8(b.i16[i])));
		break;
	case S_i8x16_narrow_i16x8_u:
		LANES(8, (r.u8[i] = satu8(a.i16[i]),
			  r.u8[i + 8] = satu8(b.i16[i])));
		break;
	case S_i16x8_narrow_i32x4_s:
		LANES(4, (r.i16[i] = sat16(a.i32[i]),
			  r.i16[i + 4] = sat16(b.i32[i])));
		break;
	case S_i16x8_narrow_i32x4_u:
		LANES(4, (r.u16[i] = satu16(a.i32[i]),
			  r.u16[i + 4] = satu16(b.i32[i])));
		break;
#define EXTEND(p, n, dst, s, u, h)                                       \
	LANEOP(p##_extend_low_##h##_s, n, dst, a.s[i])                   \
	LANEOP(p##_extend_high_##h##_s, n, dst, a.s[i + n])              \
	LANEOP(p##_extend_low_##h##_u, n, dst, a.u[i])                   \
	LANEOP(p##_extend_high_##h##_u, n, dst, a.u[i + n])
	EXTEND(i16x8, 8, i16, i8, u8, i8x16)
	EXTEND(i32x4, 4, i32, i16, u16, i16x8)
	EXTEND(i64x2, 2, i64, i32, u32, i32x4)
#define EXTMUL(p, n, dst, s, u, h, WT)                                   \
	LANEOP(p##_extmul_low_##h##_s, n, dst, (WT)a.s[i] * b.s[i])      \
	LANEOP(p##_extmul_high_##h##_s, n, dst,                          \
	       (WT)a.s[i + n] * b.s[i + n])                              \
	LANEOP(p##_extmul_low_##h##_u, n, dst, (WT)a.u[i] * b.u[i])      \
	LANEOP(p##_extmul_high_##h##_u, n, dst,                          \
	       (WT)a.u[i + n] * b.u[i + n])
	EXTMUL(i16x8, 8, u16, i8, u8, i8x16, uint32_t)
	EXTMUL(i32x4, 4, u32, i16, u16, i16x8, uint32_t)
	EXTMUL(i64x2, 2, u64, i32, u32, i32x4, uint64_t)
	LANEOP(i16x8_extadd_pairwise_i8x16_s, 8, i16,
	       a.i8[2 * i] + a.i8[2 * i + 1])
	LANEOP(i16x8_extadd_pairwise_i8x16_u, 8, u16,
	       a.u8[2 * i] + a.u8[2 * i + 1])
	LANEOP(i32x4_extadd_pairwise_i16x8_s, 4, i32,
	       a.i16[2 * i] + a.i16[2 * i + 1])
	LANEOP(i32x4_extadd_pairwise_i16x8_u, 4, u32,
	       (uint32_t)a.u16[2 * i] + a.u16[2 * i + 1])

	/* ---- floating point ---- */
	case S_f32x4_abs:
		r.vu32 = a.vu32 & 0x7fffffffu;
		break;
	case S_f32x4_neg:
		r.vu32 = a.vu32 ^ 0x80000000u;
		break;
	case S_f64x2_abs:
		r.vu64 = a.vu64 & 0x7fffffffffffffffull;
		break;
	case S_f64x2_neg:
		r.vu64 = a.vu64 ^ 0x8000000000000000ull;
		break;
	LANEOP(f32x4_sqrt, 4, f32, __builtin_sqrtf(a.f32[i]))
	LANEOP(f64x2_sqrt, 2, f64, __builtin_sqrt(a.f64[i]))
	LANEOP(f32x4_ceil, 4, f32, wx_quiet32(__builtin_ceilf(a.f32[i])))
	LANEOP(f32x4_floor, 4, f32, wx_quiet32(__builtin_floorf(a.f32[i])))
	LANEOP(f32x4_trunc, 4, f32, wx_quiet32(__builtin_truncf(a.f32[i])))
	LANEOP(f32x4_nearest, 4, f32, wx_nearest32(a.f32[i]))
	LANEOP(f64x2_ceil, 2, f64, wx_quiet64(__builtin_ceil(a.f64[i])))
	LANEOP(f64x2_floor, 2, f64, wx_quiet64(__builtin_floor(a.f64[i])))
	LANEOP(f64x2_trunc, 2, f64, wx_quiet64(__builtin_trunc(a.f64[i])))
	LANEOP(f64x2_nearest, 2, f64, wx_nearest64(a.f64[i]))
	LANEOP(f32x4_min, 4, f32, wx_fminf(a.f32[i], b.f32[i]))
	LANEOP(f32x4_max, 4, f32, wx_fmaxf(a.f32[i], b.f32[i]))
	LANEOP(f64x2_min, 2, f64, wx_fmin(a.f64[i], b.f64[i]))
	LANEOP(f64x2_max, 2, f64, wx_fmax(a.f64[i], b.f64[i]))
	LANEOP(f32x4_relaxed_min, 4, f32, wx_fminf(a.f32[i], b.f32[i]))
	LANEOP(f32x4_relaxed_max, 4, f32, wx_fmaxf(a.f32[i], b.f32[i]))
	LANEOP(f64x2_relaxed_min, 2, f64, wx_fmin(a.f64[i], b.f64[i]))
	LANEOP(f64x2_relaxed_max, 2, f64, wx_fmax(a.f64[i], b.f64[i]))
	/* pmin/pmax: b < a ? b : a, bit patterns untouched */
	LANEOP(f32x4_pmin, 4, u32, b.f32[i] < a.f32[i] ? b.u32[i] : a.u32[i])
	LANEOP(f32x4_pmax, 4, u32, a.f32[i] < b.f32[i] ? b.u32[i] : a.u32[i])
	LANEOP(f64x2_pmin, 2, u64, b.f64[i] < a.f64[i] ? b.u64[i] : a.u64[i])
	LANEOP(f64x2_pmax, 2, u64, a.f64[i] < b.f64[i] ? b.u64[i] : a.u64[i])
	case S_f32x4_relaxed_madd:
	case S_f32x4_relaxed_nmadd: {
		volatile vf32 m; /* unfused: the product rounds first */
		c = get(fp, sh, pc[5]);
		m = a.vf32 * b.vf32;
		r.vf32 = sub == S_f32x4_relaxed_madd ? m + c.vf32
						     : c.vf32 - m;
		break;
	}
	case S_f64x2_relaxed_madd:
	case S_f64x2_relaxed_nmadd: {
		volatile vf64 m;
		c = get(fp, sh, pc[5]);
		m = a.vf64 * b.vf64;
		r.vf64 = sub == S_f64x2_relaxed_madd ? m + c.vf64
						     : c.vf64 - m;
		break;
	}
	/* the _zero forms: two lanes, the upper half zero */
#define LANEOPZ(name, n, f, expr)                                        \
	case S_##name:                                                   \
		r.u64[1] = 0;                                            \
		LANES(n, r.f[i] = (expr));                               \
		break;
	LANEOPZ(f32x4_demote_f64x2_zero, 2, f32, (float)a.f64[i])
	LANEOP(f64x2_promote_low_f32x4, 2, f64, (double)a.f32[i])
	LANEOP(i32x4_trunc_sat_f32x4_s, 4, i32, tsat_s(a.f32[i]))
	LANEOP(i32x4_trunc_sat_f32x4_u, 4, u32, tsat_u(a.f32[i]))
	LANEOP(i32x4_relaxed_trunc_f32x4_s, 4, i32, tsat_s(a.f32[i]))
	LANEOP(i32x4_relaxed_trunc_f32x4_u, 4, u32, tsat_u(a.f32[i]))
	LANEOPZ(i32x4_trunc_sat_f64x2_s_zero, 2, i32, tsat_s(a.f64[i]))
	LANEOPZ(i32x4_trunc_sat_f64x2_u_zero, 2, u32, tsat_u(a.f64[i]))
	LANEOPZ(i32x4_relaxed_trunc_f64x2_s_zero, 2, i32, tsat_s(a.f64[i]))
	LANEOPZ(i32x4_relaxed_trunc_f64x2_u_zero, 2, u32, tsat_u(a.f64[i]))
	LANEOP(f32x4_convert_i32x4_s, 4, f32, (float)a.i32[i])
	LANEOP(f32x4_convert_i32x4_u, 4, f32, (float)a.u32[i])
	LANEOP(f64x2_convert_low_i32x4_s, 2, f64, (double)a.i32[i])
	LANEOP(f64x2_convert_low_i32x4_u, 2, f64, (double)a.u32[i])
	default:
		return -1; /* the compiler emits no other */
	}
	fp[d] = r.u64[0];
	sh[d] = r.u64[1];
	return 0;
}

bool wx_v128_args(struct wx_thread *t, const struct wx_functype *ft,
		  const uint64_t *args, uint64_t *base)
{
	uint64_t *sh = base + wx_v128_hi(t);
	uint32_t i, j;
	for (i = 0; i < ft->nparams + ft->nresults; i++)
		if (ft->types[i] == WX_V128)
			break;
	if (i == ft->nparams + ft->nresults)
		return false;
	for (i = j = 0; i < ft->nparams; i++) {
		base[i] = args[j++];
		if (ft->types[i] == WX_V128)
			sh[i] = args[j++];
	}
	return true;
}

void wx_v128_results(struct wx_thread *t, const struct wx_functype *ft,
		     uint64_t *args, const uint64_t *base)
{
	const uint64_t *sh = base + wx_v128_hi(t);
	uint32_t i, j;
	for (i = j = 0; i < ft->nresults; i++) {
		args[j++] = base[i];
		if (ft->types[ft->nparams + i] == WX_V128)
			args[j++] = sh[i];
	}
}
