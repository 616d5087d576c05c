/*
 * native_prelude.h - the helpers every generated C file starts with: the
 * wasm numeric operations whose C spelling is not one operator.
 *
 * Kept as C tokens (stringified by WXN_PRELUDE_TEXT) rather than a string
 * literal: it reads as C, and every compiled module (the native test
 * suites compile hundreds) checks it.
 *
 * Semantics (spec 4.3.2/4.3.3): integer arithmetic is unsigned and wraps;
 * shift counts are taken modulo the width; division traps on zero and on
 * INT_MIN / -1; float min/max propagate NaN and order -0 below +0;
 * abs/neg/copysign are bit operations (they never touch a NaN's payload);
 * trapping conversions trap on NaN ("invalid conversion to integer") and
 * out of range ("integer overflow"), the saturating ones clamp.  The trap
 * kinds are enum wx_trap's values (checked in native_rt.c).
 */
#ifndef WX_NATIVE_PRELUDE_H
#define WX_NATIVE_PRELUDE_H

#define WXN_TRAP_UNREACHABLE 1
#define WXN_TRAP_OOB_MEMORY 2
#define WXN_TRAP_OOB_TABLE 3
#define WXN_TRAP_DIV_ZERO 4
#define WXN_TRAP_INT_OVERFLOW 5
#define WXN_TRAP_INVALID_CONVERSION 6
#define WXN_TRAP_INDIRECT_NULL 7
#define WXN_TRAP_INDIRECT_TYPE 8
#define WXN_TRAP_UNDEFINED_ELEMENT 9
#define WXN_TRAP_STACK_EXHAUSTED 10
#define WXN_TRAP_UNALIGNED_ATOMIC 11

#define WXN_PRELUDE_TEXT_(...) #__VA_ARGS__
#define WXN_PRELUDE_TEXT(...) WXN_PRELUDE_TEXT_(__VA_ARGS__)

#define WXN_PRELUDE                                                          \
	static __attribute__((noreturn, cold, noinline)) void wxn_trap(      \
		wxn_ctx *c, int k, uint32_t f, uint32_t o)                   \
	{                                                                    \
		c->rt->trap(c, k, f, o);                                     \
		__builtin_unreachable();                                     \
	}                                                                    \
	static inline float wxn_bf(uint32_t b)                               \
	{                                                                    \
		float f;                                                     \
		__builtin_memcpy(&f, &b, 4);                                 \
		return f;                                                    \
	}                                                                    \
	static inline double wxn_bd(uint64_t b)                              \
	{                                                                    \
		double f;                                                    \
		__builtin_memcpy(&f, &b, 8);                                 \
		return f;                                                    \
	}                                                                    \
	static inline uint32_t wxn_fb(float f)                               \
	{                                                                    \
		uint32_t b;                                                  \
		__builtin_memcpy(&b, &f, 4);                                 \
		return b;                                                    \
	}                                                                    \
	static inline uint64_t wxn_db(double f)                              \
	{                                                                    \
		uint64_t b;                                                  \
		__builtin_memcpy(&b, &f, 8);                                 \
		return b;                                                    \
	}                                                                    \
	static inline uint32_t wxn_clz32(uint32_t x)                         \
	{                                                                    \
		return x ? (uint32_t)__builtin_clz(x) : 32;                  \
	}                                                                    \
	static inline uint32_t wxn_ctz32(uint32_t x)                         \
	{                                                                    \
		return x ? (uint32_t)__builtin_ctz(x) : 32;                  \
	}                                                                    \
	static inline uint64_t wxn_clz64(uint64_t x)                         \
	{                                                                    \
		return x ? (uint64_t)__builtin_clzll(x) : 64;                \
	}                                                                    \
	static inline uint64_t wxn_ctz64(uint64_t x)                         \
	{                                                                    \
		return x ? (uint64_t)__builtin_ctzll(x) : 64;                \
	}                                                                    \
	static inline uint32_t wxn_rotl32(uint32_t x, uint32_t n)            \
	{                                                                    \
		n &= 31;                                                     \
		return (x << n) | (x >> ((32 - n) & 31));                    \
	}                                                                    \
	static inline uint32_t wxn_rotr32(uint32_t x, uint32_t n)            \
	{                                                                    \
		n &= 31;                                                     \
		return (x >> n) | (x << ((32 - n) & 31));                    \
	}                                                                    \
	static inline uint64_t wxn_rotl64(uint64_t x, uint64_t n)            \
	{                                                                    \
		n &= 63;                                                     \
		return (x << n) | (x >> ((64 - n) & 63));                    \
	}                                                                    \
	static inline uint64_t wxn_rotr64(uint64_t x, uint64_t n)            \
	{                                                                    \
		n &= 63;                                                     \
		return (x >> n) | (x << ((64 - n) & 63));                    \
	}                                                                    \
	static inline __attribute__((always_inline))                         \
	uint32_t wxn_div_s32(wxn_ctx *c, uint32_t a,                         \
					   uint32_t b, uint32_t f,           \
					   uint32_t o)                       \
	{                                                                    \
		if (__builtin_expect(b == 0, 0))                             \
			wxn_trap(c, 4, f, o);                                \
		if (__builtin_expect(a == 0x80000000u && b == 0xffffffffu, 0)) \
			wxn_trap(c, 5, f, o);                                \
		return (uint32_t)((int32_t)a / (int32_t)b);                  \
	}                                                                    \
	static inline __attribute__((always_inline))                         \
	uint32_t wxn_div_u32(wxn_ctx *c, uint32_t a,                         \
					   uint32_t b, uint32_t f,           \
					   uint32_t o)                       \
	{                                                                    \
		if (__builtin_expect(b == 0, 0))                             \
			wxn_trap(c, 4, f, o);                                \
		return a / b;                                                \
	}                                                                    \
	static inline __attribute__((always_inline))                         \
	uint32_t wxn_rem_s32(wxn_ctx *c, uint32_t a,                         \
					   uint32_t b, uint32_t f,           \
					   uint32_t o)                       \
	{                                                                    \
		if (__builtin_expect(b == 0, 0))                             \
			wxn_trap(c, 4, f, o);                                \
		if (b == 0xffffffffu)                                        \
			return 0;                                            \
		return (uint32_t)((int32_t)a % (int32_t)b);                  \
	}                                                                    \
	static inline __attribute__((always_inline))                         \
	uint32_t wxn_rem_u32(wxn_ctx *c, uint32_t a,                         \
					   uint32_t b, uint32_t f,           \
					   uint32_t o)                       \
	{                                                                    \
		if (__builtin_expect(b == 0, 0))                             \
			wxn_trap(c, 4, f, o);                                \
		return a % b;                                                \
	}                                                                    \
	static inline __attribute__((always_inline))                         \
	uint64_t wxn_div_s64(wxn_ctx *c, uint64_t a,                         \
					   uint64_t b, uint32_t f,           \
					   uint32_t o)                       \
	{                                                                    \
		if (__builtin_expect(b == 0, 0))                             \
			wxn_trap(c, 4, f, o);                                \
		if (__builtin_expect(a == 0x8000000000000000ull &&           \
					     b == 0xffffffffffffffffull,     \
				     0))                                     \
			wxn_trap(c, 5, f, o);                                \
		return (uint64_t)((int64_t)a / (int64_t)b);                  \
	}                                                                    \
	static inline __attribute__((always_inline))                         \
	uint64_t wxn_div_u64(wxn_ctx *c, uint64_t a,                         \
					   uint64_t b, uint32_t f,           \
					   uint32_t o)                       \
	{                                                                    \
		if (__builtin_expect(b == 0, 0))                             \
			wxn_trap(c, 4, f, o);                                \
		return a / b;                                                \
	}                                                                    \
	static inline __attribute__((always_inline))                         \
	uint64_t wxn_rem_s64(wxn_ctx *c, uint64_t a,                         \
					   uint64_t b, uint32_t f,           \
					   uint32_t o)                       \
	{                                                                    \
		if (__builtin_expect(b == 0, 0))                             \
			wxn_trap(c, 4, f, o);                                \
		if (b == 0xffffffffffffffffull)                              \
			return 0;                                            \
		return (uint64_t)((int64_t)a % (int64_t)b);                  \
	}                                                                    \
	static inline __attribute__((always_inline))                         \
	uint64_t wxn_rem_u64(wxn_ctx *c, uint64_t a,                         \
					   uint64_t b, uint32_t f,           \
					   uint32_t o)                       \
	{                                                                    \
		if (__builtin_expect(b == 0, 0))                             \
			wxn_trap(c, 4, f, o);                                \
		return a % b;                                                \
	}                                                                    \
	static inline float wxn_fabs32(float a)                              \
	{                                                                    \
		return wxn_bf(wxn_fb(a) & 0x7fffffffu);                      \
	}                                                                    \
	static inline float wxn_fneg32(float a)                              \
	{                                                                    \
		return wxn_bf(wxn_fb(a) ^ 0x80000000u);                      \
	}                                                                    \
	static inline float wxn_fcopysign32(float a, float b)                \
	{                                                                    \
		return wxn_bf((wxn_fb(a) & 0x7fffffffu) |                    \
			      (wxn_fb(b) & 0x80000000u));                    \
	}                                                                    \
	static inline double wxn_fabs64(double a)                            \
	{                                                                    \
		return wxn_bd(wxn_db(a) & 0x7fffffffffffffffull);            \
	}                                                                    \
	static inline double wxn_fneg64(double a)                            \
	{                                                                    \
		return wxn_bd(wxn_db(a) ^ 0x8000000000000000ull);            \
	}                                                                    \
	static inline double wxn_fcopysign64(double a, double b)             \
	{                                                                    \
		return wxn_bd((wxn_db(a) & 0x7fffffffffffffffull) |          \
			      (wxn_db(b) & 0x8000000000000000ull));          \
	}                                                                    \
	static inline float wxn_fmin32(float a, float b)                     \
	{                                                                    \
		if (a != a || b != b)                                        \
			return a + b;                                        \
		if (a == b)                                                  \
			return wxn_bf(wxn_fb(a) | wxn_fb(b));                \
		return a < b ? a : b;                                        \
	}                                                                    \
	static inline float wxn_fmax32(float a, float b)                     \
	{                                                                    \
		if (a != a || b != b)                                        \
			return a + b;                                        \
		if (a == b)                                                  \
			return wxn_bf(wxn_fb(a) & wxn_fb(b));                \
		return a > b ? a : b;                                        \
	}                                                                    \
	static inline double wxn_fmin64(double a, double b)                  \
	{                                                                    \
		if (a != a || b != b)                                        \
			return a + b;                                        \
		if (a == b)                                                  \
			return wxn_bd(wxn_db(a) | wxn_db(b));                \
		return a < b ? a : b;                                        \
	}                                                                    \
	static inline double wxn_fmax64(double a, double b)                  \
	{                                                                    \
		if (a != a || b != b)                                        \
			return a + b;                                        \
		if (a == b)                                                  \
			return wxn_bd(wxn_db(a) & wxn_db(b));                \
		return a > b ? a : b;                                        \
	}                                                                    \
	/* Rounding: a signalling NaN comes out quiet (a + a), as the */     \
	/* spec's arithmetic NaN; libm may return it unchanged. */           \
	static inline float wxn_nearest32(float a)                           \
	{                                                                    \
		return a != a ? a + a : __builtin_rintf(a);                  \
	}                                                                    \
	static inline double wxn_nearest64(double a)                         \
	{                                                                    \
		return a != a ? a + a : __builtin_rint(a);                   \
	}                                                                    \
	static inline float wxn_ceil32(float a)                              \
	{                                                                    \
		return a != a ? a + a : __builtin_ceilf(a);                  \
	}                                                                    \
	static inline double wxn_ceil64(double a)                            \
	{                                                                    \
		return a != a ? a + a : __builtin_ceil(a);                   \
	}                                                                    \
	static inline float wxn_floor32(float a)                             \
	{                                                                    \
		return a != a ? a + a : __builtin_floorf(a);                 \
	}                                                                    \
	static inline double wxn_floor64(double a)                           \
	{                                                                    \
		return a != a ? a + a : __builtin_floor(a);                  \
	}                                                                    \
	static inline float wxn_trunc32(float a)                             \
	{                                                                    \
		return a != a ? a + a : __builtin_truncf(a);                 \
	}                                                                    \
	static inline double wxn_trunc64(double a)                           \
	{                                                                    \
		return a != a ? a + a : __builtin_trunc(a);                  \
	}                                                                    \
	/* Trapping conversions: lo < x < hi is the exact range, */          \
	/* written with bounds that are exact in the source type. */         \
	static inline __attribute__((always_inline))                         \
	uint32_t wxn_trunc_s32_f64(wxn_ctx *c, double x,                     \
						 uint32_t f, uint32_t o)     \
	{                                                                    \
		if (x != x)                                                  \
			wxn_trap(c, 6, f, o);                                \
		if (!(x > -2147483649.0 && x < 2147483648.0))               \
			wxn_trap(c, 5, f, o);                                \
		return (uint32_t)(int32_t)x;                                 \
	}                                                                    \
	static inline __attribute__((always_inline))                         \
	uint32_t wxn_trunc_u32_f64(wxn_ctx *c, double x,                     \
						 uint32_t f, uint32_t o)     \
	{                                                                    \
		if (x != x)                                                  \
			wxn_trap(c, 6, f, o);                                \
		if (!(x > -1.0 && x < 4294967296.0))                         \
			wxn_trap(c, 5, f, o);                                \
		return (uint32_t)x;                                          \
	}                                                                    \
	static inline __attribute__((always_inline))                         \
	uint64_t wxn_trunc_s64_f64(wxn_ctx *c, double x,                     \
						 uint32_t f, uint32_t o)     \
	{                                                                    \
		if (x != x)                                                  \
			wxn_trap(c, 6, f, o);                                \
		if (!(x >= -9223372036854775808.0 &&                         \
		      x < 9223372036854775808.0))                            \
			wxn_trap(c, 5, f, o);                                \
		return (uint64_t)(int64_t)x;                                 \
	}                                                                    \
	static inline __attribute__((always_inline))                         \
	uint64_t wxn_trunc_u64_f64(wxn_ctx *c, double x,                     \
						 uint32_t f, uint32_t o)     \
	{                                                                    \
		if (x != x)                                                  \
			wxn_trap(c, 6, f, o);                                \
		if (!(x > -1.0 && x < 18446744073709551616.0))               \
			wxn_trap(c, 5, f, o);                                \
		return (uint64_t)x;                                          \
	}                                                                    \
	static inline uint32_t wxn_sat_s32(double x)                         \
	{                                                                    \
		if (x != x)                                                  \
			return 0;                                            \
		if (x <= -2147483648.0)                                      \
			return 0x80000000u;                                  \
		if (x >= 2147483647.0)                                       \
			return 0x7fffffffu;                                  \
		return (uint32_t)(int32_t)x;                                 \
	}                                                                    \
	static inline uint32_t wxn_sat_u32(double x)                         \
	{                                                                    \
		if (!(x > 0.0))                                              \
			return 0;                                            \
		if (x >= 4294967295.0)                                       \
			return 0xffffffffu;                                  \
		return (uint32_t)x;                                          \
	}                                                                    \
	static inline uint64_t wxn_sat_s64(double x)                         \
	{                                                                    \
		if (x != x)                                                  \
			return 0;                                            \
		if (x <= -9223372036854775808.0)                             \
			return 0x8000000000000000ull;                        \
		if (x >= 9223372036854775808.0)                              \
			return 0x7fffffffffffffffull;                        \
		return (uint64_t)(int64_t)x;                                 \
	}                                                                    \
	static inline uint64_t wxn_sat_u64(double x)                         \
	{                                                                    \
		if (!(x > 0.0))                                              \
			return 0;                                            \
		if (x >= 18446744073709551616.0)                             \
			return 0xffffffffffffffffull;                        \
		return (uint64_t)x;                                          \
	}

#endif
