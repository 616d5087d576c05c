/*
 * fannkuch.c - integer permutations (fannkuch-redux, n = 10).
 *
 * Walks all 10! permutations in the usual rotation order and, for each,
 * counts the prefix reversals ("pancake flips") until element 0 comes
 * first.  Small arrays of bytes, tight integer loops, data-dependent
 * branches and loads/stores: the interpreter's bread and butter.
 * The checksum packs the alternating-sign checksum and the maximum flip
 * count into one 64-bit word.
 */
#include "bench.h"

#define NMAX 16

static volatile uint32_t fannkuch_n = 10;

BENCH_EXPORT uint64_t run(void)
{
	uint32_t n = fannkuch_n;
	uint8_t perm[NMAX], perm1[NMAX], count[NMAX];
	uint32_t maxflips = 0, permcount = 0;
	int64_t checksum = 0;

	for (uint32_t i = 0; i < n; i++)
		perm1[i] = (uint8_t)i;
	uint32_t r = n;
	for (;;) {
		while (r != 1) {
			count[r - 1] = (uint8_t)r;
			r--;
		}
		/* Count the flips of this permutation. */
		for (uint32_t i = 0; i < n; i++)
			perm[i] = perm1[i];
		uint32_t flips = 0;
		uint32_t k;
		while ((k = perm[0]) != 0) {
			for (uint32_t i = 0, j = k; i < j; i++, j--) {
				uint8_t t = perm[i];
				perm[i] = perm[j];
				perm[j] = t;
			}
			flips++;
		}
		if (flips > maxflips)
			maxflips = flips;
		checksum += (permcount & 1) ? -(int64_t)flips : (int64_t)flips;
		/* Next permutation: rotate the first r+1 elements. */
		for (;;) {
			if (r == n)
				return ((uint64_t)checksum << 16) | maxflips;
			uint8_t p0 = perm1[0];
			for (uint32_t i = 0; i < r; i++)
				perm1[i] = perm1[i + 1];
			perm1[r] = p0;
			if (--count[r] > 0)
				break;
			r++;
		}
		permcount++;
	}
}
