/*
 * dotf32.c - single-precision kernels that vectorise into f32x4 (no float
 * reduction: without -ffast-math clang keeps those scalar): element-wise
 * products, saxpy and a 3-tap filter over arrays that fit in L2, repeated.
 * (bench/simd/run.sh builds it with and without -msimd128.)  The checksum
 * is the bit pattern of the results, taken in a fixed order.
 */
#include "../bench.h"

#define N 16384

static float x[N], y[N], z[N], w[N];
static volatile uint32_t dot_reps = 400;

BENCH_EXPORT uint64_t run(void)
{
	uint32_t reps = dot_reps;
	for (int i = 0; i < N; i++) {
		x[i] = (float)(i % 97) * 0.03125f - 1.0f;
		y[i] = (float)(i % 89) * 0.0625f + 0.5f;
	}
	uint64_t check = 0;
	for (uint32_t r = 0; r < reps; r++) {
		for (int i = 0; i < N; i++)
			w[i] = x[i] * y[i];
		float d = w[r % N];
		float a = 0.5f + (float)(r & 7) * 0.125f;
		for (int i = 0; i < N; i++)
			y[i] = a * x[i] + y[i] * 0.5f;
		for (int i = 1; i < N - 1; i++)
			z[i] = 0.25f * x[i - 1] + 0.5f * x[i] + 0.25f * x[i + 1];
		union { float f; uint32_t u; } b = {d};
		check = check * 31 + b.u + (uint32_t)(z[r % N] * 1024.0f);
	}
	return check;
}
