/*
 * simd_autovec.c - plain loops that clang-22 vectorises at -O3 -msimd128
 * (the runner checks that the wasm has v128 instructions), against the
 * native build: integer and float reductions, saxpy, a byte transform,
 * widening sums and a strided gather the vectoriser handles with
 * shuffles.
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
    return 0;
}
