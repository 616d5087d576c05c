/*
 * matmul.c - naive double-precision matrix multiply.
 *
 * C = A * B for N x N matrices in the i-k-j loop order (a row of B is
 * streamed against one element of A), repeated REPS times with A nudged
 * each time.  Measures f64 multiply-add throughput and sequential loads
 * and stores over a working set (3 * 8 * N * N bytes) larger than L2.
 * The checksum is the bit pattern of a sum over C, taken in a fixed
 * order, so it is exact and identical on every runtime.
 */
#include "bench.h"

#define N 500

static double A[N][N], B[N][N], C[N][N];
static volatile uint32_t matmul_reps = 3;

BENCH_EXPORT uint64_t run(void)
{
	uint32_t reps = matmul_reps;
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			A[i][j] = (double)((i * 7 + j * 3) % 17) * 0.125 - 1.0;
			B[i][j] = (double)((i * 5 + j * 11) % 13) * 0.25 - 1.5;
		}
	double total = 0;
	for (uint32_t r = 0; r < reps; r++) {
		for (int i = 0; i < N; i++)
			for (int j = 0; j < N; j++)
				C[i][j] = 0;
		for (int i = 0; i < N; i++)
			for (int k = 0; k < N; k++) {
				double a = A[i][k];
				for (int j = 0; j < N; j++)
					C[i][j] += a * B[k][j];
			}
		for (int i = 0; i < N; i++)
			for (int j = 0; j < N; j++)
				total += C[i][j] * (double)(1 + ((i ^ j) & 3));
		A[r % N][(r * 3) % N] += 0.5;
	}
	return bench_f64_bits(total);
}
