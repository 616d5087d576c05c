/*
 * simd_intrinsics.c - wasm_simd128.h as programs use it (clang-22,
 * -msimd128), against the same computations written one lane at a time
 * (what the native build runs).  Each kernel's result is printed, so the
 * two builds must agree lane for lane: float arithmetic, saturating and
 * rounding integer ops, shuffles and swizzles, compares and masks,
 * conversions, and relaxed-free min/max with wasm's NaN rules.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

#define N 1024

static float fa[N], fb[N];
static int16_t sa[N], sb[N];
static uint8_t ua[N], ub[N];
static uint32_t seed = 12345;

static uint32_t rnd(void)
{
    seed = seed * 1103515245u + 12345u;
    return seed >> 8;
}

static float dot(const float *a, const float *b)
{
#ifdef __wasm_simd128__
    v128_t acc = wasm_f32x4_splat(0);
    for (int i = 0; i < N; i += 4)
        acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_v128_load(a + i),
                                                 wasm_v128_load(b + i)));
    float l[4];
    wasm_v128_store(l, acc);
    return (l[0] + l[1]) + (l[2] + l[3]);
#else
    float l[4] = {0, 0, 0, 0};
    for (int i = 0; i < N; i += 4)
        for (int k = 0; k < 4; k++)
            l[k] = l[k] + a[i + k] * b[i + k];
    return (l[0] + l[1]) + (l[2] + l[3]);
#endif
}

/* saturating adds, rounding average, q15 multiply, summed as 64-bit */
static int64_t ints(void)
{
    int64_t sum = 0;
#ifdef __wasm_simd128__
    for (int i = 0; i < N; i += 8) {
        v128_t a = wasm_v128_load(sa + i), b = wasm_v128_load(sb + i);
        int16_t o[8], q[8];
        wasm_v128_store(o, wasm_i16x8_add_sat(a, b));
        wasm_v128_store(q, wasm_i16x8_q15mulr_sat(a, b));
        for (int k = 0; k < 8; k++)
            sum += o[k] * 3 + q[k];
    }
    for (int i = 0; i < N; i += 16) {
        uint8_t o[16], s[16];
        v128_t a = wasm_v128_load(ua + i), b = wasm_v128_load(ub + i);
        wasm_v128_store(o, wasm_u8x16_avgr(a, b));
        wasm_v128_store(s, wasm_u8x16_sub_sat(a, b));
        for (int k = 0; k < 16; k++)
            sum += o[k] * 5 + s[k];
    }
#else
    for (int i = 0; i < N; i++) {
        int v = sa[i] + sb[i];
        v = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
        int q = (sa[i] * sb[i] + 0x4000) >> 15;
        q = q > 32767 ? 32767 : q;
        sum += v * 3 + q;
    }
    for (int i = 0; i < N; i++) {
        int o = (ua[i] + ub[i] + 1) >> 1;
        int s = ua[i] > ub[i] ? ua[i] - ub[i] : 0;
        sum += o * 5 + s;
    }
#endif
    return sum;
}

/* reverse each 16-byte block with a shuffle, then map nibbles through a
 * 16-entry table with swizzle */
static uint32_t bytes(void)
{
    static const uint8_t table[16] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3};
    uint32_t h = 2166136261u;
    for (int i = 0; i < N; i += 16) {
        uint8_t o[16];
#ifdef __wasm_simd128__
        v128_t v = wasm_v128_load(ua + i);
        v = wasm_i8x16_shuffle(v, v, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
        v = wasm_i8x16_swizzle(wasm_v128_load(table), wasm_v128_and(v, wasm_i8x16_splat(15)));
        wasm_v128_store(o, v);
#else
        for (int k = 0; k < 16; k++)
            o[k] = table[ua[i + 15 - k] & 15];
#endif
        for (int k = 0; k < 16; k++)
            h = (h ^ o[k]) * 16777619u;
    }
    return h;
}

/* count lanes above a threshold with compares and bitmask */
static int compares(void)
{
    int count = 0;
    for (int i = 0; i < N; i += 4) {
#ifdef __wasm_simd128__
        v128_t m = wasm_f32x4_gt(wasm_v128_load(fa + i), wasm_f32x4_splat(0.25f));
        count += __builtin_popcount(wasm_i32x4_bitmask(m));
#else
        for (int k = 0; k < 4; k++)
            count += fa[i + k] > 0.25f;
#endif
    }
    return count;
}

/* float <-> int conversions with saturation, and wasm's min/max: NaN in,
 * NaN out; -0 below +0 */
static void conversions(void)
{
    float in[8] = {1.5f, -2.5f, 3e9f, -3e9f, NAN, 0.0f, -0.0f, 7.99f};
    float other[8] = {0.0f, 1.0f, 2.0f, -1.0f, 1.0f, -0.0f, 0.0f, 8.0f};
    int32_t ci[8];
    float mn[8], mx[8];
#ifdef __wasm_simd128__
    for (int i = 0; i < 8; i += 4) {
        v128_t a = wasm_v128_load(in + i), b = wasm_v128_load(other + i);
        wasm_v128_store(ci + i, wasm_i32x4_trunc_sat_f32x4(a));
        wasm_v128_store(mn + i, wasm_f32x4_min(a, b));
        wasm_v128_store(mx + i, wasm_f32x4_max(a, b));
    }
#else
    for (int i = 0; i < 8; i++) {
        float a = in[i], b = other[i];
        ci[i] = isnan(a) ? 0 : a >= 2147483648.0f ? INT32_MAX
              : a < -2147483648.0f ? INT32_MIN : (int32_t)a;
        if (isnan(a) || isnan(b)) {
            mn[i] = mx[i] = NAN;
        } else if (a == 0 && b == 0) {
            mn[i] = signbit(a) ? a : b;
            mx[i] = signbit(a) ? b : a;
        } else {
            mn[i] = a < b ? a : b;
            mx[i] = a > b ? a : b;
        }
    }
#endif
    for (int i = 0; i < 8; i++)
        printf("conv %d: %d min %g max %g\n", i, ci[i], mn[i], mx[i]);
}

int main(void)
{
    for (int i = 0; i < N; i++) {
        fa[i] = (float)(rnd() % 1000) / 1000.0f;
        fb[i] = (float)(rnd() % 2000) / 1000.0f - 1.0f;
        sa[i] = (int16_t)rnd();
        sb[i] = (int16_t)rnd();
        ua[i] = (uint8_t)rnd();
        ub[i] = (uint8_t)rnd();
    }
    printf("dot %.6f\n", dot(fa, fb));
    printf("ints %lld\n", (long long)ints());
    printf("bytes %08x\n", bytes());
    printf("compares %d\n", compares());
    conversions();
    return 0;
}
