// native tier: refused (SIMD is not translated yet)
/*
 * t_simd_vec.c - SIMD in a real program: generic vector code compiled
 * for wasm with simd128 enabled on these functions (the target
 * attribute; the suite's flags do not enable it), so clang emits v128
 * loads and stores, lane arithmetic, compares, shuffles, conversions and
 * v128 locals, arguments and results.  Each result is checked against
 * the same computation done one element at a time, and printed so that
 * the native build's output must be the same.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "libc_test.h"

#ifdef __wasm__
#define VEC __attribute__((target("simd128"), noinline))
#else
#define VEC __attribute__((noinline))
#endif

typedef int32_t v4i __attribute__((vector_size(16)));
typedef uint8_t v16u __attribute__((vector_size(16)));
typedef int16_t v8s __attribute__((vector_size(16)));
typedef float v4f __attribute__((vector_size(16)));
typedef double v2d __attribute__((vector_size(16)));
typedef int64_t v2l __attribute__((vector_size(16)));

/* A v128 argument and result through a call that cannot be inlined. */
VEC static v4i mix(v4i a, v4i b, int k)
{
	v4i m = a * b + (v4i){k, k, k, k};
	return __builtin_shufflevector(m, a, 3, 2, 5, 0) ^ (a > b);
}

/* memchr-style counting: 16 bytes at a time, compare, mask, add. */
VEC static size_t count_byte(const uint8_t *p, size_t n, uint8_t c)
{
	v16u acc = {0}, want;
	size_t i = 0, total = 0, k;
	memset(&want, c, sizeof(want));
	for (; i + 16 <= n; i += 16) {
		v16u x;
		memcpy(&x, p + i, 16);
		acc -= (v16u)(x == want); /* a lane of all ones is -1 */
		if ((i / 16) % 200 == 199) { /* before a lane can wrap */
			for (k = 0; k < 16; k++)
				total += acc[k];
			acc = (v16u){0};
		}
	}
	for (k = 0; k < 16; k++)
		total += acc[k];
	for (; i < n; i++)
		total += p[i] == c;
	return total;
}

/* Saxpy over floats, and a dot product in doubles. */
VEC static void saxpy(float *y, const float *x, float a, size_t n)
{
	size_t i;
	for (i = 0; i + 4 <= n; i += 4) {
		v4f vx, vy;
		memcpy(&vx, x + i, 16);
		memcpy(&vy, y + i, 16);
		vy += vx * (v4f){a, a, a, a};
		memcpy(y + i, &vy, 16);
	}
	for (; i < n; i++)
		y[i] += a * x[i];
}

VEC static v2d dot2(const double *x, const double *y, size_t n)
{
	v2d s = {0, 0};
	size_t i;
	for (i = 0; i + 2 <= n; i += 2) {
		v2d a, b;
		memcpy(&a, x + i, 16);
		memcpy(&b, y + i, 16);
		s += a * b;
	}
	return s;
}

/* Conversions and narrow lanes. */
VEC static v4i to_int(v4f f)
{
	return __builtin_convertvector(f, v4i);
}

VEC static v8s widen_mul(v16u a)
{
	v8s lo = __builtin_convertvector(
		__builtin_shufflevector(a, a, 0, 1, 2, 3, 4, 5, 6, 7), v8s);
	return lo * lo - (v8s){1, 2, 3, 4, 5, 6, 7, 8};
}

VEC static v2l shifts(v2l a, int s)
{
	int64_t t = (int64_t)((uint64_t)a[1] >> 3);
	return (a << s) + (a >> (s + 1)) + (v2l){t, t};
}

/* Inputs the compiler cannot see through (no constant folding). */
static volatile int32_t in_i[8] = {1, -2, 3, 40000, 5, 6, -7, 8};
static volatile float in_f[4] = {1.5f, -2.75f, 100000.25f, -0.5f};
static volatile uint8_t in_b[8] = {200, 255, 3, 0, 16, 17, 18, 19};
static volatile int64_t in_l[2] = {-1000, INT64_C(0x123456789)};
static volatile int in_k = 9, in_s = 4;

int main(void)
{
	static uint8_t buf[10007];
	static float x[103], y[103], y2[103];
	static double dx[64], dy[64];
	size_t i, want = 0;
	v4i r;
	v4f f = {in_f[0], in_f[1], in_f[2], in_f[3]};
	v8s w;
	v2l l;
	v2d d;
	double dref = 0, dvec;

	r = mix((v4i){in_i[0], in_i[1], in_i[2], in_i[3]},
		(v4i){in_i[4], in_i[5], in_i[6], in_i[7]}, in_k);
	printf("mix: %d %d %d %d\n", r[0], r[1], r[2], r[3]);
	/* m = a * b + 9 = {14, -3, -12, 320009}; lanes 3, 2 of m, a[1],
	 * m[0]; xor with a > b = {0, 0, -1, -1} */
	CHECK_EQ(r[0], 40000 * 8 + 9);
	CHECK_EQ(r[1], 3 * -7 + 9);
	CHECK_EQ(r[2], -2 ^ -1);
	CHECK_EQ(r[3], (1 * 5 + 9) ^ -1);

	for (i = 0; i < sizeof(buf); i++) {
		buf[i] = (uint8_t)((i * 7919u) >> 3);
		want += buf[i] == 0x2a;
	}
	printf("count: %zu\n", count_byte(buf, sizeof(buf), 0x2a));
	CHECK_EQ(count_byte(buf, sizeof(buf), 0x2a), want);

	for (i = 0; i < 103; i++) {
		x[i] = (float)i * 0.5f;
		y[i] = y2[i] = (float)(103 - i);
	}
	saxpy(y, x, 3.0f, 103);
	for (i = 0; i < 103; i++) {
		y2[i] += 3.0f * x[i];
		if (y[i] != y2[i])
			break;
	}
	CHECK_EQ(i, (size_t)103);
	printf("saxpy: %g %g %g\n", (double)y[0], (double)y[50],
	       (double)y[102]);

	for (i = 0; i < 64; i++) {
		dx[i] = (double)i / 4;
		dy[i] = 64.0 - (double)i;
	}
	d = dot2(dx, dy, 64);
	for (i = 0; i < 64; i += 2)
		dref += dx[i] * dy[i];
	dvec = d[0];
	CHECK(dvec == dref);
	printf("dot: %g %g\n", d[0], d[1]);

	r = to_int(f);
	printf("to_int: %d %d %d %d\n", r[0], r[1], r[2], r[3]);
	CHECK(r[0] == 1 && r[1] == -2 && r[2] == 100000 && r[3] == 0);

	w = widen_mul((v16u){in_b[0], in_b[1], in_b[2], in_b[3], in_b[4],
			     in_b[5], in_b[6], in_b[7]});
	printf("widen: %d %d %d %d %d\n", w[0], w[1], w[2], w[3], w[7]);
	CHECK(w[0] == (int16_t)(40000 - 1) && w[1] == (int16_t)(65025 - 2) &&
	      w[2] == 9 - 3 && w[3] == -4 && w[7] == 361 - 8);

	l = shifts((v2l){in_l[0], in_l[1]}, in_s);
	printf("shifts: %lld %lld\n", (long long)l[0], (long long)l[1]);
	CHECK(l[0] == -16000 + (-1000 >> 5) + (0x123456789 >> 3));
	return libc_done();
}
