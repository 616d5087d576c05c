/*
 * native_prelude_simd.h - the SIMD half of the generated code's prelude:
 * the C type of a v128 (wxn_v, a 16-byte GCC/Clang vector) and one
 * static inline function per fixed-width or relaxed SIMD instruction,
 * wxn_<ident> with the identifiers of the shared instruction list
 * (src/interp/simd.def).  The translator (native_emit_simd.c) writes a
 * call of it for each instruction; the C compiler inlines it and keeps
 * the operands in vector registers.
 *
 * Kept as C tokens like native_prelude.h (stringified by
 * WXN_PRELUDE_TEXT): the family macros below (WXN_S_*) expand before
 * the text is made, so the generated file holds plain functions.
 *
 * Semantics are the interpreter's (interp_simd.c), instruction for
 * instruction: integer lanes wrap (done unsigned), saturating forms
 * clamp, shift counts are taken modulo the lane width, float min/max
 * propagate NaN and order -0 below +0 (native_prelude.h's scalar
 * helpers, lane by lane), pmin/pmax and abs/neg are bit selections that
 * never touch a NaN's payload, rounding quiets a signalling NaN, and
 * float-to-int conversions saturate with NaN as 0.  Relaxed SIMD takes
 * the interpreter's deterministic choice: the result of the
 * corresponding non-relaxed instruction, madd unfused (the tier compiles
 * with -ffp-contract=off, so a * b + c is rounded twice).
 *
 * Memory forms take the host address of the access (bounds checked by
 * the caller); lane forms take the lane as a constant the compiler folds.
 */
#ifndef WX_NATIVE_PRELUDE_SIMD_H
#define WX_NATIVE_PRELUDE_SIMD_H

/* Every instruction form by its shape: a, b, c the v128 operands. */
#define WXN_S_V2(name, T, expr)                                              \
	static inline wxn_v wxn_##name(wxn_v a_, wxn_v b_)                   \
	{                                                                    \
		T a = (T)a_, b = (T)b_;                                      \
		return (wxn_v)(expr);                                        \
	}
#define WXN_S_V1(name, T, expr)                                              \
	static inline wxn_v wxn_##name(wxn_v a_)                             \
	{                                                                    \
		T a = (T)a_;                                                 \
		return (wxn_v)(expr);                                        \
	}
/* Lane by lane: n lanes of result type RT from operands viewed as AT. */
#define WXN_S_L1(name, RT, AT, n, expr)                                      \
	static inline wxn_v wxn_##name(wxn_v a_)                             \
	{                                                                    \
		AT a = (AT)a_;                                               \
		RT r = {0};                                                  \
		int i;                                                       \
		for (i = 0; i < (n); i++)                                    \
			r[i] = (expr);                                       \
		return (wxn_v)r;                                             \
	}
#define WXN_S_L2(name, RT, AT, n, expr)                                      \
	static inline wxn_v wxn_##name(wxn_v a_, wxn_v b_)                   \
	{                                                                    \
		AT a = (AT)a_, b = (AT)b_;                                   \
		RT r = {0};                                                  \
		int i;                                                       \
		for (i = 0; i < (n); i++)                                    \
			r[i] = (expr);                                       \
		return (wxn_v)r;                                             \
	}
/* Comparisons: all-ones lanes where true (C's vector compares). */
#define WXN_S_CMP(name, T, op) WXN_S_V2(name, T, a op b)
#define WXN_S_CMPS(p, S, U)                                                  \
	WXN_S_CMP(p##_eq, S, ==) WXN_S_CMP(p##_ne, S, !=)                    \
	WXN_S_CMP(p##_lt_s, S, <) WXN_S_CMP(p##_lt_u, U, <)                  \
	WXN_S_CMP(p##_gt_s, S, >) WXN_S_CMP(p##_gt_u, U, >)                  \
	WXN_S_CMP(p##_le_s, S, <=) WXN_S_CMP(p##_le_u, U, <=)                \
	WXN_S_CMP(p##_ge_s, S, >=) WXN_S_CMP(p##_ge_u, U, >=)
#define WXN_S_FCMPS(p, T)                                                    \
	WXN_S_CMP(p##_eq, T, ==) WXN_S_CMP(p##_ne, T, !=)                    \
	WXN_S_CMP(p##_lt, T, <) WXN_S_CMP(p##_gt, T, >)                      \
	WXN_S_CMP(p##_le, T, <=) WXN_S_CMP(p##_ge, T, >=)
/* min/max of integers as a mask select (C has no vector ?: in C). */
#define WXN_S_SEL(name, T, cmp)                                              \
	static inline wxn_v wxn_##name(wxn_v a_, wxn_v b_)                   \
	{                                                                    \
		T a = (T)a_, b = (T)b_;                                      \
		wxn_v m = (wxn_v)(cmp);                                      \
		return (a_ & m) | (b_ & ~m);                                 \
	}
#define WXN_S_MINMAX(p, S, U)                                                \
	WXN_S_SEL(p##_min_s, S, a < b) WXN_S_SEL(p##_min_u, U, a < b)        \
	WXN_S_SEL(p##_max_s, S, a > b) WXN_S_SEL(p##_max_u, U, a > b)
/* Shifts by a scalar count modulo the lane width. */
#define WXN_S_SHIFT(name, T, op, bits)                                       \
	static inline wxn_v wxn_##name(wxn_v a_, uint32_t k)                 \
	{                                                                    \
		return (wxn_v)((T)a_ op (int)(k & ((bits) - 1)));            \
	}
#define WXN_S_SHIFTS(p, S, U, bits)                                          \
	WXN_S_SHIFT(p##_shl, U, <<, bits) WXN_S_SHIFT(p##_shr_s, S, >>, bits) \
	WXN_S_SHIFT(p##_shr_u, U, >>, bits)
/* all_true: no lane is zero. */
#define WXN_S_ALLTRUE(name, T)                                               \
	static inline uint32_t wxn_##name(wxn_v a_)                          \
	{                                                                    \
		wxn_v z = (wxn_v)((T)a_ == 0);                               \
		return (z[0] | z[1]) == 0;                                   \
	}
#define WXN_S_BITMASK(name, T, n)                                            \
	static inline uint32_t wxn_##name(wxn_v a_)                          \
	{                                                                    \
		T a = (T)a_;                                                 \
		uint32_t m = 0;                                              \
		int i;                                                       \
		for (i = 0; i < (n); i++)                                    \
			m |= (uint32_t)(a[i] < 0) << i;                      \
		return m;                                                    \
	}
/* extend_low/high: n lanes of the half, widened. */
#define WXN_S_EXTEND(p, RT, S, U, n, h)                                      \
	WXN_S_L1(p##_extend_low_##h##_s, RT, S, n, a[i])                     \
	WXN_S_L1(p##_extend_high_##h##_s, RT, S, n, a[i + (n)])              \
	WXN_S_L1(p##_extend_low_##h##_u, RT, U, n, a[i])                     \
	WXN_S_L1(p##_extend_high_##h##_u, RT, U, n, a[i + (n)])
#define WXN_S_EXTMUL(p, RT, S, U, n, h, WT)                                  \
	WXN_S_L2(p##_extmul_low_##h##_s, RT, S, n, (WT)a[i] * b[i])          \
	WXN_S_L2(p##_extmul_high_##h##_s, RT, S, n,                          \
		 (WT)a[i + (n)] * b[i + (n)])                                \
	WXN_S_L2(p##_extmul_low_##h##_u, RT, U, n, (WT)a[i] * b[i])          \
	WXN_S_L2(p##_extmul_high_##h##_u, RT, U, n,                          \
		 (WT)a[i + (n)] * b[i + (n)])
#define WXN_S_EXTRACT(name, T, RT, conv)                                     \
	static inline RT wxn_##name(wxn_v a, unsigned lane)                  \
	{                                                                    \
		return conv(((T)a)[lane]);                                   \
	}
#define WXN_S_REPLACE(name, T, XT, conv)                                     \
	static inline wxn_v wxn_##name(wxn_v a, XT x, unsigned lane)         \
	{                                                                    \
		T r = (T)a;                                                  \
		r[lane] = conv(x);                                           \
		return (wxn_v)r;                                             \
	}
/* Loads of 8 bytes widened to 16 (load8x8_s ...). */
#define WXN_S_LOADX(name, RT, ST, n)                                         \
	static inline wxn_v wxn_##name(const uint8_t *p)                     \
	{                                                                    \
		ST t[n];                                                     \
		RT r;                                                        \
		int i;                                                       \
		__builtin_memcpy(t, p, 8);                                   \
		for (i = 0; i < (n); i++)                                    \
			r[i] = t[i];                                         \
		return (wxn_v)r;                                             \
	}
#define WXN_S_LOADSPLAT(name, T, ST)                                         \
	static inline wxn_v wxn_##name(const uint8_t *p)                     \
	{                                                                    \
		ST x;                                                        \
		__builtin_memcpy(&x, p, sizeof(x));                          \
		return (wxn_v)((T){0} + x);                                  \
	}
#define WXN_S_LOADLANE(name, T, ST)                                          \
	static inline wxn_v wxn_##name(const uint8_t *p, wxn_v a,            \
				       unsigned lane)                        \
	{                                                                    \
		T r = (T)a;                                                  \
		ST x;                                                        \
		__builtin_memcpy(&x, p, sizeof(x));                          \
		r[lane] = x;                                                 \
		return (wxn_v)r;                                             \
	}
#define WXN_S_STORELANE(name, T, ST)                                         \
	static inline void wxn_##name(uint8_t *p, wxn_v a, unsigned lane)    \
	{                                                                    \
		ST x = ((T)a)[lane];                                         \
		__builtin_memcpy(p, &x, sizeof(x));                          \
	}
#define WXN_S_MADD(name, T, expr)                                            \
	static inline wxn_v wxn_##name(wxn_v a_, wxn_v b_, wxn_v c_)         \
	{                                                                    \
		T m = (T)a_ * (T)b_, c = (T)c_;                              \
		return (wxn_v)(expr);                                        \
	}
/* Saturating add/sub as mask selections (no lane loop): unsigned
 * overflow shows in the wrapped result's order, signed overflow in the
 * signs; a saturated signed lane is MAX or MIN by the sign of a. */
#define WXN_S_SATU(p, U)                                                     \
	static inline wxn_v wxn_##p##_add_sat_u(wxn_v a_, wxn_v b_)          \
	{                                                                    \
		U a = (U)a_, r = a + (U)b_;                                  \
		return (wxn_v)(r | (U)(r < a));                              \
	}                                                                    \
	static inline wxn_v wxn_##p##_sub_sat_u(wxn_v a_, wxn_v b_)          \
	{                                                                    \
		U a = (U)a_, b = (U)b_;                                      \
		return (wxn_v)((a - b) & (U)(a >= b));                       \
	}
#define WXN_S_SATS(p, S, U, bits)                                            \
	static inline wxn_v wxn_##p##_add_sat_s(wxn_v a_, wxn_v b_)          \
	{                                                                    \
		S a = (S)a_, b = (S)b_, r = (S)((U)a_ + (U)b_);              \
		wxn_v ov = (wxn_v)(((a ^ r) & (b ^ r)) < 0);                 \
		wxn_v sat = (wxn_v)((a >> ((bits) - 1)) ^ (S)(((U){0} - 1) >> 1)); \
		return ((wxn_v)r & ~ov) | (sat & ov);                        \
	}                                                                    \
	static inline wxn_v wxn_##p##_sub_sat_s(wxn_v a_, wxn_v b_)          \
	{                                                                    \
		S a = (S)a_, b = (S)b_, r = (S)((U)a_ - (U)b_);              \
		wxn_v ov = (wxn_v)(((a ^ b) & (a ^ r)) < 0);                 \
		wxn_v sat = (wxn_v)((a >> ((bits) - 1)) ^ (S)(((U){0} - 1) >> 1)); \
		return ((wxn_v)r & ~ov) | (sat & ov);                        \
	}
/* Float min/max as mask selections, lane for lane native_prelude.h's
 * wxn_fmin32/wxn_fmax32: a NaN operand gives a + b (the host's quiet
 * NaN), equal operands the OR (min) or AND (max) of their bits, so that
 * -0 < +0; else the smaller (larger). */
#define WXN_S_FMINMAX(p, F, I)                                               \
	static inline wxn_v wxn_##p##_min(wxn_v a_, wxn_v b_)                \
	{                                                                    \
		F a = (F)a_, b = (F)b_;                                      \
		wxn_v lt = (wxn_v)(a < b), eq = (wxn_v)(a == b);             \
		wxn_v nan = (wxn_v)((a != a) | (b != b));                    \
		wxn_v r = (a_ & lt) | (b_ & ~lt);                            \
		r = (r & ~eq) | ((a_ | b_) & eq);                            \
		return (r & ~nan) | ((wxn_v)(a + b) & nan);                  \
	}                                                                    \
	static inline wxn_v wxn_##p##_max(wxn_v a_, wxn_v b_)                \
	{                                                                    \
		F a = (F)a_, b = (F)b_;                                      \
		wxn_v gt = (wxn_v)(a > b), eq = (wxn_v)(a == b);             \
		wxn_v nan = (wxn_v)((a != a) | (b != b));                    \
		wxn_v r = (a_ & gt) | (b_ & ~gt);                            \
		r = (r & ~eq) | ((a_ & b_) & eq);                            \
		return (r & ~nan) | ((wxn_v)(a + b) & nan);                  \
	}                                                                    \
	static inline wxn_v wxn_##p##_relaxed_min(wxn_v a, wxn_v b)          \
	{                                                                    \
		return wxn_##p##_min(a, b);                                  \
	}                                                                    \
	static inline wxn_v wxn_##p##_relaxed_max(wxn_v a, wxn_v b)          \
	{                                                                    \
		return wxn_##p##_max(a, b);                                  \
	}
/* Narrowing: clamp the lanes, then keep the low half of each (a shuffle
 * of the even bytes or words of a and b). */
#define WXN_S_NARROWV(name, S, lo, hi, NT, ...)                              \
	static inline wxn_v wxn_##name(wxn_v a_, wxn_v b_)                   \
	{                                                                    \
		S a = (S)a_, b = (S)b_;                                      \
		S ml = (S){0} + (lo), mh = (S){0} + (hi);                    \
		a = (S)(((wxn_v)a & (wxn_v)(a >= ml)) | ((wxn_v)ml & (wxn_v)(a < ml))); \
		a = (S)(((wxn_v)a & (wxn_v)(a <= mh)) | ((wxn_v)mh & (wxn_v)(a > mh))); \
		b = (S)(((wxn_v)b & (wxn_v)(b >= ml)) | ((wxn_v)ml & (wxn_v)(b < ml))); \
		b = (S)(((wxn_v)b & (wxn_v)(b <= mh)) | ((wxn_v)mh & (wxn_v)(b > mh))); \
		return (wxn_v)WXN_SHUFFLE((NT)a, (NT)b, __VA_ARGS__);        \
	}
#define WXN_S_BITSEL(name)                                                   \
	static inline wxn_v wxn_##name(wxn_v a, wxn_v b, wxn_v c)            \
	{                                                                    \
		return (a & c) | (b & ~c);                                   \
	}

#define WXN_SIMD_PRELUDE                                                     \
	typedef uint64_t wxn_v __attribute__((vector_size(16)));             \
	typedef int8_t wxn_i8x __attribute__((vector_size(16)));             \
	typedef uint8_t wxn_u8x __attribute__((vector_size(16)));            \
	typedef int16_t wxn_i16x __attribute__((vector_size(16)));           \
	typedef uint16_t wxn_u16x __attribute__((vector_size(16)));          \
	typedef int32_t wxn_i32x __attribute__((vector_size(16)));           \
	typedef uint32_t wxn_u32x __attribute__((vector_size(16)));          \
	typedef int64_t wxn_i64x __attribute__((vector_size(16)));           \
	typedef float wxn_f32x __attribute__((vector_size(16)));             \
	typedef double wxn_f64x __attribute__((vector_size(16)));            \
	/* The host ABI keeps a v128 in two slots, low half first. */        \
	static inline wxn_v wxn_vget(const uint64_t *p)                      \
	{                                                                    \
		wxn_v v = {p[0], p[1]};                                      \
		return v;                                                    \
	}                                                                    \
	static inline void wxn_vput(uint64_t *p, wxn_v v)                    \
	{                                                                    \
		p[0] = v[0];                                                 \
		p[1] = v[1];                                                 \
	}                                                                    \
	static inline int32_t wxn_sat16(int32_t x)                           \
	{                                                                    \
		return x < -32768 ? -32768 : x > 32767 ? 32767 : x;          \
	}                                                                    \
	static inline int32_t wxn_q15mulr(int32_t a, int32_t b)              \
	{                                                                    \
		return wxn_sat16((a * b + 0x4000) >> 15);                    \
	}                                                                    \
	/* Byte lanes through their 16-bit word: SSE2 moves words between */ \
	/* vector and general registers (pextrw, pinsrw) but not bytes, */   \
	/* which GCC would then put through the stack. */                   \
	static inline uint32_t wxn_get8(wxn_v a, unsigned lane)              \
	{                                                                    \
		uint32_t w = ((wxn_u16x)a)[lane / 2];                        \
		return (uint8_t)(lane & 1 ? w >> 8 : w);                     \
	}                                                                    \
	static inline wxn_v wxn_set8(wxn_v a, uint32_t x, unsigned lane)     \
	{                                                                    \
		wxn_u16x r = (wxn_u16x)a;                                    \
		uint32_t w = r[lane / 2];                                    \
		x &= 0xff;                                                   \
		r[lane / 2] = (uint16_t)(lane & 1 ? (w & 0xff) | x << 8      \
						  : (w & 0xff00) | x);       \
		return (wxn_v)r;                                             \
	}                                                                    \
	/* ---- memory ---- */                                               \
	static inline wxn_v wxn_v128_load(const uint8_t *p)                  \
	{                                                                    \
		wxn_v r;                                                     \
		__builtin_memcpy(&r, p, 16);                                 \
		return r;                                                    \
	}                                                                    \
	static inline void wxn_v128_store(uint8_t *p, wxn_v v)               \
	{                                                                    \
		__builtin_memcpy(p, &v, 16);                                 \
	}                                                                    \
	WXN_S_LOADX(v128_load8x8_s, wxn_i16x, int8_t, 8)                     \
	WXN_S_LOADX(v128_load8x8_u, wxn_u16x, uint8_t, 8)                    \
	WXN_S_LOADX(v128_load16x4_s, wxn_i32x, int16_t, 4)                   \
	WXN_S_LOADX(v128_load16x4_u, wxn_u32x, uint16_t, 4)                  \
	WXN_S_LOADX(v128_load32x2_s, wxn_i64x, int32_t, 2)                   \
	WXN_S_LOADX(v128_load32x2_u, wxn_v, uint32_t, 2)                     \
	WXN_S_LOADSPLAT(v128_load8_splat, wxn_u8x, uint8_t)                  \
	WXN_S_LOADSPLAT(v128_load16_splat, wxn_u16x, uint16_t)               \
	WXN_S_LOADSPLAT(v128_load32_splat, wxn_u32x, uint32_t)               \
	WXN_S_LOADSPLAT(v128_load64_splat, wxn_v, uint64_t)                  \
	static inline wxn_v wxn_v128_load32_zero(const uint8_t *p)           \
	{                                                                    \
		wxn_u32x r = {0};                                            \
		uint32_t x;                                                  \
		__builtin_memcpy(&x, p, 4);                                  \
		r[0] = x;                                                    \
		return (wxn_v)r;                                             \
	}                                                                    \
	static inline wxn_v wxn_v128_load64_zero(const uint8_t *p)           \
	{                                                                    \
		wxn_v r = {0};                                               \
		uint64_t x;                                                  \
		__builtin_memcpy(&x, p, 8);                                  \
		r[0] = x;                                                    \
		return r;                                                    \
	}                                                                    \
	static inline wxn_v wxn_v128_load8_lane(const uint8_t *p, wxn_v a,   \
						unsigned lane)               \
	{                                                                    \
		return wxn_set8(a, *p, lane);                                \
	}                                                                    \
	WXN_S_LOADLANE(v128_load16_lane, wxn_u16x, uint16_t)                 \
	WXN_S_LOADLANE(v128_load32_lane, wxn_u32x, uint32_t)                 \
	WXN_S_LOADLANE(v128_load64_lane, wxn_v, uint64_t)                    \
	static inline void wxn_v128_store8_lane(uint8_t *p, wxn_v a,         \
						unsigned lane)               \
	{                                                                    \
		*p = (uint8_t)wxn_get8(a, lane);                             \
	}                                                                    \
	WXN_S_STORELANE(v128_store16_lane, wxn_u16x, uint16_t)               \
	WXN_S_STORELANE(v128_store32_lane, wxn_u32x, uint32_t)               \
	WXN_S_STORELANE(v128_store64_lane, wxn_v, uint64_t)                  \
	/* ---- splats, lanes, swizzle ---- */                               \
	static inline wxn_v wxn_i8x16_splat(uint32_t x)                      \
	{                                                                    \
		return (wxn_v)((wxn_u8x){0} + (uint8_t)x);                   \
	}                                                                    \
	static inline wxn_v wxn_i16x8_splat(uint32_t x)                      \
	{                                                                    \
		return (wxn_v)((wxn_u16x){0} + (uint16_t)x);                 \
	}                                                                    \
	static inline wxn_v wxn_i32x4_splat(uint32_t x)                      \
	{                                                                    \
		return (wxn_v)((wxn_u32x){0} + x);                           \
	}                                                                    \
	static inline wxn_v wxn_i64x2_splat(uint64_t x)                      \
	{                                                                    \
		return (wxn_v){x, x};                                        \
	}                                                                    \
	/* float splats go through the bits: 0 + x would turn -0 into +0 */ \
	static inline wxn_v wxn_f32x4_splat(float x)                         \
	{                                                                    \
		return wxn_i32x4_splat(wxn_fb(x));                           \
	}                                                                    \
	static inline wxn_v wxn_f64x2_splat(double x)                        \
	{                                                                    \
		return wxn_i64x2_splat(wxn_db(x));                           \
	}                                                                    \
	static inline uint32_t wxn_i8x16_extract_lane_s(wxn_v a, unsigned lane) \
	{                                                                    \
		return (uint32_t)(int32_t)(int8_t)wxn_get8(a, lane);         \
	}                                                                    \
	static inline uint32_t wxn_i8x16_extract_lane_u(wxn_v a, unsigned lane) \
	{                                                                    \
		return wxn_get8(a, lane);                                    \
	}                                                                    \
	WXN_S_EXTRACT(i16x8_extract_lane_s, wxn_i16x, uint32_t, (uint32_t)(int32_t)) \
	WXN_S_EXTRACT(i16x8_extract_lane_u, wxn_u16x, uint32_t, (uint32_t))  \
	WXN_S_EXTRACT(i32x4_extract_lane, wxn_u32x, uint32_t, (uint32_t))    \
	WXN_S_EXTRACT(i64x2_extract_lane, wxn_v, uint64_t, (uint64_t))       \
	WXN_S_EXTRACT(f32x4_extract_lane, wxn_u32x, float, wxn_bf)           \
	WXN_S_EXTRACT(f64x2_extract_lane, wxn_v, double, wxn_bd)             \
	static inline wxn_v wxn_i8x16_replace_lane(wxn_v a, uint32_t x,      \
						   unsigned lane)            \
	{                                                                    \
		return wxn_set8(a, x, lane);                                 \
	}                                                                    \
	WXN_S_REPLACE(i16x8_replace_lane, wxn_u16x, uint32_t, (uint16_t))    \
	WXN_S_REPLACE(i32x4_replace_lane, wxn_u32x, uint32_t, (uint32_t))    \
	WXN_S_REPLACE(i64x2_replace_lane, wxn_v, uint64_t, (uint64_t))       \
	WXN_S_REPLACE(f32x4_replace_lane, wxn_u32x, float, wxn_fb)           \
	WXN_S_REPLACE(f64x2_replace_lane, wxn_v, double, wxn_db)             \
	WXN_S_L2(i8x16_swizzle, wxn_u8x, wxn_u8x, 16,                        \
		 b[i] < 16 ? a[b[i] & 15] : 0)                               \
	WXN_S_L2(i8x16_relaxed_swizzle, wxn_u8x, wxn_u8x, 16,                \
		 b[i] < 16 ? a[b[i] & 15] : 0)                               \
	/* ---- compares ---- */                                             \
	WXN_S_CMPS(i8x16, wxn_i8x, wxn_u8x)                                  \
	WXN_S_CMPS(i16x8, wxn_i16x, wxn_u16x)                                \
	WXN_S_CMPS(i32x4, wxn_i32x, wxn_u32x)                                \
	WXN_S_CMP(i64x2_eq, wxn_i64x, ==) WXN_S_CMP(i64x2_ne, wxn_i64x, !=)  \
	WXN_S_CMP(i64x2_lt_s, wxn_i64x, <) WXN_S_CMP(i64x2_gt_s, wxn_i64x, >) \
	WXN_S_CMP(i64x2_le_s, wxn_i64x, <=)                                  \
	WXN_S_CMP(i64x2_ge_s, wxn_i64x, >=)                                  \
	WXN_S_FCMPS(f32x4, wxn_f32x)                                         \
	WXN_S_FCMPS(f64x2, wxn_f64x)                                         \
	/* ---- bitwise ---- */                                              \
	WXN_S_V1(v128_not, wxn_v, ~a)                                        \
	WXN_S_V2(v128_and, wxn_v, a & b)                                     \
	WXN_S_V2(v128_andnot, wxn_v, a & ~b)                                 \
	WXN_S_V2(v128_or, wxn_v, a | b)                                      \
	WXN_S_V2(v128_xor, wxn_v, a ^ b)                                     \
	WXN_S_BITSEL(v128_bitselect)                                         \
	WXN_S_BITSEL(i8x16_relaxed_laneselect)                               \
	WXN_S_BITSEL(i16x8_relaxed_laneselect)                               \
	WXN_S_BITSEL(i32x4_relaxed_laneselect)                               \
	WXN_S_BITSEL(i64x2_relaxed_laneselect)                               \
	static inline uint32_t wxn_v128_any_true(wxn_v a)                    \
	{                                                                    \
		return (a[0] | a[1]) != 0;                                   \
	}                                                                    \
	WXN_S_ALLTRUE(i8x16_all_true, wxn_u8x)                               \
	WXN_S_ALLTRUE(i16x8_all_true, wxn_u16x)                              \
	WXN_S_ALLTRUE(i32x4_all_true, wxn_u32x)                              \
	WXN_S_ALLTRUE(i64x2_all_true, wxn_v)                                 \
	WXN_S_BITMASK(i8x16_bitmask, wxn_i8x, 16)                            \
	WXN_S_BITMASK(i16x8_bitmask, wxn_i16x, 8)                            \
	WXN_S_BITMASK(i32x4_bitmask, wxn_i32x, 4)                            \
	WXN_S_BITMASK(i64x2_bitmask, wxn_i64x, 2)                            \
	/* ---- integer arithmetic ---- */                                   \
	WXN_S_V2(i8x16_add, wxn_u8x, a + b) WXN_S_V2(i8x16_sub, wxn_u8x, a - b) \
	WXN_S_V2(i16x8_add, wxn_u16x, a + b)                                 \
	WXN_S_V2(i16x8_sub, wxn_u16x, a - b)                                 \
	WXN_S_V2(i16x8_mul, wxn_u16x, a * b)                                 \
	WXN_S_V2(i32x4_add, wxn_u32x, a + b)                                 \
	WXN_S_V2(i32x4_sub, wxn_u32x, a - b)                                 \
	WXN_S_V2(i32x4_mul, wxn_u32x, a * b)                                 \
	WXN_S_V2(i64x2_add, wxn_v, a + b) WXN_S_V2(i64x2_sub, wxn_v, a - b)  \
	WXN_S_V2(i64x2_mul, wxn_v, a * b)                                    \
	WXN_S_V1(i8x16_neg, wxn_u8x, -a) WXN_S_V1(i16x8_neg, wxn_u16x, -a)   \
	WXN_S_V1(i32x4_neg, wxn_u32x, -a) WXN_S_V1(i64x2_neg, wxn_v, -a)     \
	/* abs: (a ^ s) - s with s the sign spread over the lane */          \
	WXN_S_V1(i8x16_abs, wxn_i8x,                                         \
		 ((wxn_u8x)(a ^ (a >> 7))) - (wxn_u8x)(a >> 7))              \
	WXN_S_V1(i16x8_abs, wxn_i16x,                                        \
		 ((wxn_u16x)(a ^ (a >> 15))) - (wxn_u16x)(a >> 15))          \
	WXN_S_V1(i32x4_abs, wxn_i32x,                                        \
		 ((wxn_u32x)(a ^ (a >> 31))) - (wxn_u32x)(a >> 31))          \
	WXN_S_V1(i64x2_abs, wxn_i64x,                                        \
		 ((wxn_v)(a ^ (a >> 63))) - (wxn_v)(a >> 63))                \
	static inline wxn_v wxn_i8x16_popcnt(wxn_v a_)                       \
	{                                                                    \
		wxn_u8x a = (wxn_u8x)a_;                                     \
		a = a - ((a >> 1) & 0x55);                                   \
		a = (a & 0x33) + ((a >> 2) & 0x33);                          \
		return (wxn_v)((a + (a >> 4)) & 0x0f);                       \
	}                                                                    \
	WXN_S_SATU(i8x16, wxn_u8x) WXN_S_SATU(i16x8, wxn_u16x)               \
	WXN_S_SATS(i8x16, wxn_i8x, wxn_u8x, 8)                               \
	WXN_S_SATS(i16x8, wxn_i16x, wxn_u16x, 16)                            \
	WXN_S_MINMAX(i8x16, wxn_i8x, wxn_u8x)                                \
	WXN_S_MINMAX(i16x8, wxn_i16x, wxn_u16x)                              \
	WXN_S_MINMAX(i32x4, wxn_i32x, wxn_u32x)                              \
	/* rounding average: (a | b) - ((a ^ b) >> 1), no wider lanes */     \
	WXN_S_V2(i8x16_avgr_u, wxn_u8x, (a | b) - ((a ^ b) >> 1))            \
	WXN_S_V2(i16x8_avgr_u, wxn_u16x, (a | b) - ((a ^ b) >> 1))           \
	WXN_S_L2(i16x8_q15mulr_sat_s, wxn_i16x, wxn_i16x, 8,                 \
		 wxn_q15mulr(a[i], b[i]))                                    \
	WXN_S_L2(i16x8_relaxed_q15mulr_s, wxn_i16x, wxn_i16x, 8,             \
		 wxn_q15mulr(a[i], b[i]))                                    \
	static inline wxn_v wxn_i32x4_dot_i16x8_s(wxn_v a_, wxn_v b_)        \
	{                                                                    \
		wxn_i16x a = (wxn_i16x)a_, b = (wxn_i16x)b_;                 \
		wxn_u32x r;                                                  \
		int i;                                                       \
		for (i = 0; i < 4; i++)                                      \
			r[i] = (uint32_t)(a[2 * i] * b[2 * i]) +             \
			       (uint32_t)(a[2 * i + 1] * b[2 * i + 1]);      \
		return (wxn_v)r;                                             \
	}                                                                    \
	WXN_S_L2(i16x8_relaxed_dot_i8x16_i7x16_s, wxn_u16x, wxn_i8x, 8,      \
		 (uint16_t)(a[2 * i] * b[2 * i] + a[2 * i + 1] * b[2 * i + 1])) \
	static inline wxn_v wxn_i32x4_relaxed_dot_i8x16_i7x16_add_s(         \
		wxn_v a_, wxn_v b_, wxn_v c_)                                \
	{                                                                    \
		wxn_i8x a = (wxn_i8x)a_, b = (wxn_i8x)b_;                    \
		wxn_u32x c = (wxn_u32x)c_, r;                                \
		int i;                                                       \
		for (i = 0; i < 4; i++)                                      \
			r[i] = (uint32_t)(a[4 * i] * b[4 * i] +              \
					  a[4 * i + 1] * b[4 * i + 1] +      \
					  a[4 * i + 2] * b[4 * i + 2] +      \
					  a[4 * i + 3] * b[4 * i + 3]) +     \
			       c[i];                                         \
		return (wxn_v)r;                                             \
	}                                                                    \
	/* ---- shifts ---- */                                               \
	WXN_S_SHIFTS(i8x16, wxn_i8x, wxn_u8x, 8)                             \
	WXN_S_SHIFTS(i16x8, wxn_i16x, wxn_u16x, 16)                          \
	WXN_S_SHIFTS(i32x4, wxn_i32x, wxn_u32x, 32)                          \
	WXN_S_SHIFTS(i64x2, wxn_i64x, wxn_v, 64)                             \
	/* ---- narrowing, widening ---- */                                  \
	WXN_S_NARROWV(i8x16_narrow_i16x8_s, wxn_i16x, -128, 127, wxn_u8x,    \
		      0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30) \
	WXN_S_NARROWV(i8x16_narrow_i16x8_u, wxn_i16x, 0, 255, wxn_u8x,       \
		      0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30) \
	WXN_S_NARROWV(i16x8_narrow_i32x4_s, wxn_i32x, -32768, 32767,         \
		      wxn_u16x, 0, 2, 4, 6, 8, 10, 12, 14)                   \
	WXN_S_NARROWV(i16x8_narrow_i32x4_u, wxn_i32x, 0, 65535, wxn_u16x,    \
		      0, 2, 4, 6, 8, 10, 12, 14)                             \
	WXN_S_EXTEND(i16x8, wxn_i16x, wxn_i8x, wxn_u8x, 8, i8x16)            \
	WXN_S_EXTEND(i32x4, wxn_i32x, wxn_i16x, wxn_u16x, 4, i16x8)          \
	WXN_S_EXTEND(i64x2, wxn_i64x, wxn_i32x, wxn_u32x, 2, i32x4)          \
	WXN_S_EXTMUL(i16x8, wxn_u16x, wxn_i8x, wxn_u8x, 8, i8x16, uint32_t)  \
	WXN_S_EXTMUL(i32x4, wxn_u32x, wxn_i16x, wxn_u16x, 4, i16x8, uint32_t) \
	WXN_S_EXTMUL(i64x2, wxn_v, wxn_i32x, wxn_u32x, 2, i32x4, uint64_t)   \
	WXN_S_L1(i16x8_extadd_pairwise_i8x16_s, wxn_i16x, wxn_i8x, 8,        \
		 a[2 * i] + a[2 * i + 1])                                    \
	WXN_S_L1(i16x8_extadd_pairwise_i8x16_u, wxn_u16x, wxn_u8x, 8,        \
		 a[2 * i] + a[2 * i + 1])                                    \
	WXN_S_L1(i32x4_extadd_pairwise_i16x8_s, wxn_i32x, wxn_i16x, 4,       \
		 a[2 * i] + a[2 * i + 1])                                    \
	WXN_S_L1(i32x4_extadd_pairwise_i16x8_u, wxn_u32x, wxn_u16x, 4,       \
		 (uint32_t)a[2 * i] + a[2 * i + 1])                          \
	/* ---- floating point ---- */                                       \
	WXN_S_V1(f32x4_abs, wxn_u32x, a & 0x7fffffffu)                       \
	WXN_S_V1(f32x4_neg, wxn_u32x, a ^ 0x80000000u)                       \
	WXN_S_V1(f64x2_abs, wxn_v, a & 0x7fffffffffffffffull)                \
	WXN_S_V1(f64x2_neg, wxn_v, a ^ 0x8000000000000000ull)                \
	WXN_S_L1(f32x4_sqrt, wxn_f32x, wxn_f32x, 4, __builtin_sqrtf(a[i]))   \
	WXN_S_L1(f64x2_sqrt, wxn_f64x, wxn_f64x, 2, __builtin_sqrt(a[i]))    \
	WXN_S_L1(f32x4_ceil, wxn_f32x, wxn_f32x, 4, wxn_ceil32(a[i]))        \
	WXN_S_L1(f32x4_floor, wxn_f32x, wxn_f32x, 4, wxn_floor32(a[i]))      \
	WXN_S_L1(f32x4_trunc, wxn_f32x, wxn_f32x, 4, wxn_trunc32(a[i]))      \
	WXN_S_L1(f32x4_nearest, wxn_f32x, wxn_f32x, 4, wxn_nearest32(a[i]))  \
	WXN_S_L1(f64x2_ceil, wxn_f64x, wxn_f64x, 2, wxn_ceil64(a[i]))        \
	WXN_S_L1(f64x2_floor, wxn_f64x, wxn_f64x, 2, wxn_floor64(a[i]))      \
	WXN_S_L1(f64x2_trunc, wxn_f64x, wxn_f64x, 2, wxn_trunc64(a[i]))      \
	WXN_S_L1(f64x2_nearest, wxn_f64x, wxn_f64x, 2, wxn_nearest64(a[i]))  \
	WXN_S_V2(f32x4_add, wxn_f32x, a + b) WXN_S_V2(f32x4_sub, wxn_f32x, a - b) \
	WXN_S_V2(f32x4_mul, wxn_f32x, a * b) WXN_S_V2(f32x4_div, wxn_f32x, a / b) \
	WXN_S_V2(f64x2_add, wxn_f64x, a + b) WXN_S_V2(f64x2_sub, wxn_f64x, a - b) \
	WXN_S_V2(f64x2_mul, wxn_f64x, a * b) WXN_S_V2(f64x2_div, wxn_f64x, a / b) \
	WXN_S_FMINMAX(f32x4, wxn_f32x, wxn_i32x)                             \
	WXN_S_FMINMAX(f64x2, wxn_f64x, wxn_i64x)                             \
	/* pmin: b < a ? b : a; pmax: a < b ? b : a (bits untouched) */      \
	static inline wxn_v wxn_f32x4_pmin(wxn_v a, wxn_v b)                 \
	{                                                                    \
		wxn_v m = (wxn_v)((wxn_f32x)b < (wxn_f32x)a);                \
		return (b & m) | (a & ~m);                                   \
	}                                                                    \
	static inline wxn_v wxn_f32x4_pmax(wxn_v a, wxn_v b)                 \
	{                                                                    \
		wxn_v m = (wxn_v)((wxn_f32x)a < (wxn_f32x)b);                \
		return (b & m) | (a & ~m);                                   \
	}                                                                    \
	static inline wxn_v wxn_f64x2_pmin(wxn_v a, wxn_v b)                 \
	{                                                                    \
		wxn_v m = (wxn_v)((wxn_f64x)b < (wxn_f64x)a);                \
		return (b & m) | (a & ~m);                                   \
	}                                                                    \
	static inline wxn_v wxn_f64x2_pmax(wxn_v a, wxn_v b)                 \
	{                                                                    \
		wxn_v m = (wxn_v)((wxn_f64x)a < (wxn_f64x)b);                \
		return (b & m) | (a & ~m);                                   \
	}                                                                    \
	WXN_S_MADD(f32x4_relaxed_madd, wxn_f32x, m + c)                          \
	WXN_S_MADD(f32x4_relaxed_nmadd, wxn_f32x, c - m)                        \
	WXN_S_MADD(f64x2_relaxed_madd, wxn_f64x, m + c)                          \
	WXN_S_MADD(f64x2_relaxed_nmadd, wxn_f64x, c - m)                        \
	WXN_S_L1(f32x4_demote_f64x2_zero, wxn_f32x, wxn_f64x, 2, (float)a[i]) \
	WXN_S_L1(f64x2_promote_low_f32x4, wxn_f64x, wxn_f32x, 2, (double)a[i]) \
	WXN_S_L1(i32x4_trunc_sat_f32x4_s, wxn_u32x, wxn_f32x, 4,             \
		 wxn_sat_s32(a[i]))                                          \
	WXN_S_L1(i32x4_trunc_sat_f32x4_u, wxn_u32x, wxn_f32x, 4,             \
		 wxn_sat_u32(a[i]))                                          \
	WXN_S_L1(i32x4_relaxed_trunc_f32x4_s, wxn_u32x, wxn_f32x, 4,         \
		 wxn_sat_s32(a[i]))                                          \
	WXN_S_L1(i32x4_relaxed_trunc_f32x4_u, wxn_u32x, wxn_f32x, 4,         \
		 wxn_sat_u32(a[i]))                                          \
	WXN_S_L1(i32x4_trunc_sat_f64x2_s_zero, wxn_u32x, wxn_f64x, 2,        \
		 wxn_sat_s32(a[i]))                                          \
	WXN_S_L1(i32x4_trunc_sat_f64x2_u_zero, wxn_u32x, wxn_f64x, 2,        \
		 wxn_sat_u32(a[i]))                                          \
	WXN_S_L1(i32x4_relaxed_trunc_f64x2_s_zero, wxn_u32x, wxn_f64x, 2,    \
		 wxn_sat_s32(a[i]))                                          \
	WXN_S_L1(i32x4_relaxed_trunc_f64x2_u_zero, wxn_u32x, wxn_f64x, 2,    \
		 wxn_sat_u32(a[i]))                                          \
	WXN_S_L1(f32x4_convert_i32x4_s, wxn_f32x, wxn_i32x, 4, (float)a[i])  \
	WXN_S_L1(f32x4_convert_i32x4_u, wxn_f32x, wxn_u32x, 4, (float)a[i])  \
	WXN_S_L1(f64x2_convert_low_i32x4_s, wxn_f64x, wxn_i32x, 2,           \
		 (double)a[i])                                               \
	WXN_S_L1(f64x2_convert_low_i32x4_u, wxn_f64x, wxn_u32x, 2,           \
		 (double)a[i])

#endif
