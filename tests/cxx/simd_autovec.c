/*
 * simd_autovec.c - plain loops that clang-22 vectorises at -O3 -msimd128
 * (the runner checks that the wasm has v128 instructions), against the
 * native build: integer and float reductions, saxpy, a byte transform,
 * widening sums and a strided gather the vectoriser handles with
 * shuffles, and in-place updates (y[i] += a * x[i], p[i] op= q[i], a small
 * f64 matrix multiply): the loops the interpreter fuses into one
 * instruction each (a load, the operation and the store back).
 */
#include <stdint.h>
#include <stdio.h>

#define N 4096

static int32_t ia[N], ib[N];
static float fa[N], fb[N], fc[N];
static uint8_t bytes[N];
static int16_t shorts[N];

__attribute__((noinline)) static int64_t int_sum(void)
{
    int64_t s = 0;
    for (int i = 0; i < N; i++)
        s += ia[i] * ib[i] + (ia[i] ^ ib[i]);
    return s;
}

__attribute__((noinline)) static void saxpy(float a)
{
    for (int i = 0; i < N; i++)
        fc[i] = a * fa[i] + fb[i];
}

__attribute__((noinline)) static void lowercase(void)
{
    for (int i = 0; i < N; i++)
        bytes[i] = (bytes[i] >= 'A' && bytes[i] <= 'Z') ? bytes[i] + 32 : bytes[i];
}

__attribute__((noinline)) static int32_t widen_sum(void)
{
    int32_t s = 0;
    for (int i = 0; i < N; i++)
        s += shorts[i];
    return s;
}

__attribute__((noinline)) static int32_t max_abs(void)
{
    int32_t m = 0;
    for (int i = 0; i < N; i++) {
        int32_t v = ia[i] < 0 ? -ia[i] : ia[i];
        m = v > m ? v : m;
    }
    return m;
}

__attribute__((noinline)) static int64_t strided(void)
{
    int64_t s = 0;
    for (int i = 0; i < N / 2; i++)
        s += ia[2 * i] - ib[2 * i + 1];
    return s;
}

static double ma[48][48], mb[48][48], mc[48][48];
static float p32[N], q32[N];
static double p64[N], q64[N];
static int32_t pi[N];

__attribute__((noinline)) static void inplace(float a, double b)
{
    for (int i = 0; i < N; i++)
        p32[i] += a * q32[i];
    for (int i = 0; i < N; i++)
        p64[i] += b * q64[i];
    for (int i = 0; i < N; i++)
        p32[i] -= q32[i];
    for (int i = 0; i < N; i++)
        p64[i] *= q64[i];
    for (int i = 0; i < N; i++)
        pi[i] += ia[i];
}

__attribute__((noinline)) static void small_matmul(void)
{
    for (int i = 0; i < 48; i++)
        for (int k = 0; k < 48; k++) {
            double a = ma[i][k];
            for (int j = 0; j < 48; j++)
                mc[i][j] += a * mb[k][j];
        }
}

int main(void)
{
    uint32_t x = 99;
    for (int i = 0; i < N; i++) {
        x = x * 1664525u + 1013904223u;
        ia[i] = (int32_t)(x >> 4) % 100000 - 50000;
        ib[i] = (int32_t)(x >> 9) % 1000;
        fa[i] = (float)(x % 1000) * 0.5f;
        fb[i] = (float)(x % 777) * 0.25f;
        bytes[i] = (uint8_t)(32 + x % 95);
        shorts[i] = (int16_t)(x >> 16);
    }
    printf("int_sum %lld\n", (long long)int_sum());
    saxpy(1.5f);
    double acc = 0;
    for (int i = 0; i < N; i++)
        acc += fc[i];
    printf("saxpy %.2f\n", acc);
    lowercase();
    uint32_t h = 0;
    for (int i = 0; i < N; i++)
        h = h * 31 + bytes[i];
    printf("lowercase %08x\n", h);
    printf("widen_sum %d\n", widen_sum());
    printf("max_abs %d\n", max_abs());
    printf("strided %lld\n", (long long)strided());
    for (int i = 0; i < N; i++) {
        p32[i] = (float)(i % 13) * 0.5f;
        q32[i] = (float)(i % 7) * 0.25f;
        p64[i] = (double)(i % 11) * 0.125;
        q64[i] = (double)(i % 5) + 0.5;
        pi[i] = i;
    }
    for (int r = 0; r < 3; r++)
        inplace(1.5f + (float)r, 0.75 + r);
    double s64 = 0, s32 = 0;
    int64_t si = 0;
    for (int i = 0; i < N; i++) {
        s32 += p32[i];
        s64 += p64[i];
        si += pi[i];
    }
    printf("inplace %.4f %.4f %lld\n", s32, s64, (long long)si);
    for (int i = 0; i < 48; i++)
        for (int j = 0; j < 48; j++) {
            ma[i][j] = (double)((i * 7 + j) % 10) * 0.5 - 2.0;
            mb[i][j] = (double)((i + j * 3) % 9) * 0.25;
        }
    small_matmul();
    double sm = 0;
    for (int i = 0; i < 48; i++)
        for (int j = 0; j < 48; j++)
            sm += mc[i][j] * (double)(1 + ((i ^ j) & 3));
    printf("matmul %.6f\n", sm);
    return 0;
}
