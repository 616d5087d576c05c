/*
 * numeric.h - the arithmetic of wasm numeric instructions (spec 4.3.2,
 * 4.3.3) that C does not give directly: NaN-propagating min/max,
 * round-to-nearest-even, bitwise float sign operations, checked and
 * saturating float-to-integer conversion, rotations, zero-safe bit counts.
 *
 * Float values travel as their bit patterns; sign operations (abs, neg,
 * copysign) are pure bit operations so that NaN payloads survive, as the
 * spec requires.
 */
#ifndef WX_NUMERIC_H
#define WX_NUMERIC_H

#include <math.h>
#include <string.h>

#include "../util/common.h"

static inline float wx_f32(uint64_t slot)
{
	uint32_t u = (uint32_t)slot;
	float f;
	memcpy(&f, &u, 4);
	return f;
}

static inline double wx_f64(uint64_t slot)
{
	double d;
	memcpy(&d, &slot, 8);
	return d;
}

static inline uint64_t wx_bits32(float f)
{
	uint32_t u;
	memcpy(&u, &f, 4);
	return u;
}

static inline uint64_t wx_bits64(double d)
{
	uint64_t u;
	memcpy(&u, &d, 8);
	return u;
}

static inline uint32_t wx_rotl32(uint32_t x, uint32_t n)
{
	n &= 31;
	return n ? (x << n) | (x >> (32 - n)) : x;
}

static inline uint32_t wx_rotr32(uint32_t x, uint32_t n)
{
	n &= 31;
	return n ? (x >> n) | (x << (32 - n)) : x;
}

static inline uint64_t wx_rotl64(uint64_t x, uint64_t n)
{
	n &= 63;
	return n ? (x << n) | (x >> (64 - n)) : x;
}

static inline uint64_t wx_rotr64(uint64_t x, uint64_t n)
{
	n &= 63;
	return n ? (x >> n) | (x << (64 - n)) : x;
}

static inline uint32_t wx_clz32(uint32_t x) { return x ? (uint32_t)__builtin_clz(x) : 32; }
static inline uint32_t wx_ctz32(uint32_t x) { return x ? (uint32_t)__builtin_ctz(x) : 32; }
static inline uint64_t wx_clz64(uint64_t x) { return x ? (uint64_t)__builtin_clzll(x) : 64; }
static inline uint64_t wx_ctz64(uint64_t x) { return x ? (uint64_t)__builtin_ctzll(x) : 64; }

/* Rounding functions must return a quiet NaN for a NaN input (spec
 * 4.3.3: the result is an arithmetic NaN); libm may pass a signalling
 * NaN through unchanged. */
static inline float wx_quiet32(float x)
{
	return isnan(x) ? x + x : x;
}

static inline double wx_quiet64(double x)
{
	return isnan(x) ? x + x : x;
}

/* Round to nearest, ties to even (f32/f64.nearest) without libm's
 * nearbyint, so that the runtime does not load libm: five more mappings
 * for every host fork to duplicate.  In the default rounding mode, which
 * the runtime never changes, adding and then subtracting 2^52 (2^23)
 * rounds away the fraction of any smaller magnitude; larger magnitudes
 * and infinities are integral already.  The sign is put back so that
 * -0.4 gives -0, and a NaN is quieted, as nearbyint does. */
static inline double wx_nearest64(double x)
{
	double a = __builtin_fabs(x);
	if (isnan(x))
		return x + x;
	if (a < 0x1p52)
		a = (a + 0x1p52) - 0x1p52;
	return __builtin_copysign(a, x);
}

static inline float wx_nearest32(float x)
{
	float a = __builtin_fabsf(x);
	if (isnan(x))
		return x + x;
	if (a < 0x1p23f)
		a = (a + 0x1p23f) - 0x1p23f;
	return __builtin_copysignf(a, x);
}

/* min/max (spec: fmin/fmax): NaN if either is NaN, and -0 < +0. */
static inline float wx_fminf(float a, float b)
{
	if (isnan(a) || isnan(b))
		return a + b; /* a quiet NaN from the NaN operand(s) */
	if (a == b)
		return signbit(a) ? a : b;
	return a < b ? a : b;
}

static inline float wx_fmaxf(float a, float b)
{
	if (isnan(a) || isnan(b))
		return a + b;
	if (a == b)
		return signbit(a) ? b : a;
	return a > b ? a : b;
}

static inline double wx_fmin(double a, double b)
{
	if (isnan(a) || isnan(b))
		return a + b;
	if (a == b)
		return signbit(a) ? a : b;
	return a < b ? a : b;
}

static inline double wx_fmax(double a, double b)
{
	if (isnan(a) || isnan(b))
		return a + b;
	if (a == b)
		return signbit(a) ? b : a;
	return a > b ? a : b;
}

/* Results of a checked float->int conversion. */
enum { WX_CONV_OK = 0, WX_CONV_NAN = 1, WX_CONV_RANGE = 2 };

/* Bounds are exclusive and exactly representable in the source type, so
 * the comparisons are exact (spec 4.3.3: trunc is undefined outside). */
#define WX_TRUNC(name, FT, IT, lo, hi)                                   \
	static inline int name(FT x, IT *out)                            \
	{                                                                \
		if (isnan(x))                                            \
			return WX_CONV_NAN;                              \
		if (!(x > (FT)(lo) && x < (FT)(hi)))                     \
			return WX_CONV_RANGE;                            \
		*out = (IT)x;                                            \
		return WX_CONV_OK;                                       \
	}
WX_TRUNC(wx_trunc_f32_i32, float, int32_t, -2147483904.0, 2147483648.0)
WX_TRUNC(wx_trunc_f32_u32, float, uint32_t, -1.0, 4294967296.0)
WX_TRUNC(wx_trunc_f64_i32, double, int32_t, -2147483649.0, 2147483648.0)
WX_TRUNC(wx_trunc_f64_u32, double, uint32_t, -1.0, 4294967296.0)
WX_TRUNC(wx_trunc_f32_i64, float, int64_t, -9223373136366403584.0,
	 9223372036854775808.0)
WX_TRUNC(wx_trunc_f32_u64, float, uint64_t, -1.0, 18446744073709551616.0)
WX_TRUNC(wx_trunc_f64_i64, double, int64_t, -9223372036854777856.0,
	 9223372036854775808.0)
WX_TRUNC(wx_trunc_f64_u64, double, uint64_t, -1.0, 18446744073709551616.0)
#undef WX_TRUNC

/* Saturating versions (spec: trunc_sat): NaN -> 0, clamp to the range. */
#define WX_TRUNC_SAT(name, FT, IT, check, minv, maxv)                    \
	static inline IT name(FT x)                                      \
	{                                                                \
		IT v;                                                    \
		if (check(x, &v) == WX_CONV_OK)                          \
			return v;                                        \
		if (isnan(x))                                            \
			return 0;                                        \
		return x < 0 ? (minv) : (maxv);                          \
	}
WX_TRUNC_SAT(wx_sat_f32_i32, float, int32_t, wx_trunc_f32_i32, INT32_MIN, INT32_MAX)
WX_TRUNC_SAT(wx_sat_f32_u32, float, uint32_t, wx_trunc_f32_u32, 0, UINT32_MAX)
WX_TRUNC_SAT(wx_sat_f64_i32, double, int32_t, wx_trunc_f64_i32, INT32_MIN, INT32_MAX)
WX_TRUNC_SAT(wx_sat_f64_u32, double, uint32_t, wx_trunc_f64_u32, 0, UINT32_MAX)
WX_TRUNC_SAT(wx_sat_f32_i64, float, int64_t, wx_trunc_f32_i64, INT64_MIN, INT64_MAX)
WX_TRUNC_SAT(wx_sat_f32_u64, float, uint64_t, wx_trunc_f32_u64, 0, UINT64_MAX)
WX_TRUNC_SAT(wx_sat_f64_i64, double, int64_t, wx_trunc_f64_i64, INT64_MIN, INT64_MAX)
WX_TRUNC_SAT(wx_sat_f64_u64, double, uint64_t, wx_trunc_f64_u64, 0, UINT64_MAX)
#undef WX_TRUNC_SAT

#endif
