/*
 * sort.c - differential test program: sorting static arrays.
 * Insertion sort, recursive quicksort, heapsort, bottom-up merge sort and
 * Shell sort over pseudo-random int32/int64/double data; each returns a
 * position-weighted checksum of the result, or -1 if it is not sorted.
 */
#include <stdint.h>

#define N 4096

static int32_t a32[N], tmp32[N];
static int64_t a64[N];
static double af[N];

static uint32_t rng(uint32_t *s)
{
	uint32_t x = *s;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *s = x;
}

static uint32_t clampn(int32_t n)
{
	return n < 0 ? 0 : n > N ? N : (uint32_t)n;
}

/* Values in [-range, range) when range > 0, else the full 32 bits. */
static void gen32(uint32_t n, int32_t seed, int32_t range)
{
	uint32_t s = (uint32_t)seed | 1u, i;

	for (i = 0; i < n; i++) {
		uint32_t r = rng(&s);
		/* In unsigned arithmetic: the wrap gives the right bits. */
		a32[i] = range > 0 ? (int32_t)(r % (2u * (uint32_t)range) -
					       (uint32_t)range)
				   : (int32_t)r;
	}
}

static int64_t check32(uint32_t n)
{
	uint64_t sum = 0;
	uint32_t i;

	for (i = 0; i < n; i++) {
		if (i > 0 && a32[i - 1] > a32[i])
			return -1;
		sum = sum * 1000003u + (uint32_t)a32[i] * (uint64_t)(i + 1);
	}
	return (int64_t)(sum >> 1);
}

int64_t insertion(int32_t n, int32_t seed, int32_t range)
{
	uint32_t len = clampn(n), i, j;
	int32_t v;

	gen32(len, seed, range);
	for (i = 1; i < len; i++) {
		v = a32[i];
		for (j = i; j > 0 && a32[j - 1] > v; j--)
			a32[j] = a32[j - 1];
		a32[j] = v;
	}
	return check32(len);
}

static void quick(int32_t *a, int32_t lo, int32_t hi)
{
	int32_t i, j, p, t;

	while (lo < hi) {
		p = a[lo + (hi - lo) / 2];
		i = lo;
		j = hi;
		while (i <= j) {
			while (a[i] < p)
				i++;
			while (a[j] > p)
				j--;
			if (i <= j) {
				t = a[i];
				a[i] = a[j];
				a[j] = t;
				i++;
				j--;
			}
		}
		/* Recurse into the smaller half, loop on the larger. */
		if (j - lo < hi - i) {
			quick(a, lo, j);
			lo = i;
		} else {
			quick(a, i, hi);
			hi = j;
		}
	}
}

int64_t quicksort(int32_t n, int32_t seed, int32_t range)
{
	uint32_t len = clampn(n);

	gen32(len, seed, range);
	quick(a32, 0, (int32_t)len - 1);
	return check32(len);
}

static void sift(int32_t *a, uint32_t root, uint32_t n)
{
	uint32_t child;
	int32_t t;

	while ((child = 2 * root + 1) < n) {
		if (child + 1 < n && a[child] < a[child + 1])
			child++;
		if (a[root] >= a[child])
			return;
		t = a[root];
		a[root] = a[child];
		a[child] = t;
		root = child;
	}
}

int64_t heapsort(int32_t n, int32_t seed, int32_t range)
{
	uint32_t len = clampn(n), i;
	int32_t t;

	gen32(len, seed, range);
	for (i = len / 2; i-- > 0;)
		sift(a32, i, len);
	for (i = len; i-- > 1;) {
		t = a32[0];
		a32[0] = a32[i];
		a32[i] = t;
		sift(a32, 0, i);
	}
	return check32(len);
}

int64_t mergesort(int32_t n, int32_t seed, int32_t range)
{
	uint32_t len = clampn(n), w, lo, mid, hi, i, j, k;

	gen32(len, seed, range);
	for (w = 1; w < len; w *= 2) {
		for (lo = 0; lo < len; lo += 2 * w) {
			mid = lo + w < len ? lo + w : len;
			hi = lo + 2 * w < len ? lo + 2 * w : len;
			i = lo;
			j = mid;
			k = lo;
			while (i < mid && j < hi)
				tmp32[k++] = a32[j] < a32[i] ? a32[j++]
							     : a32[i++];
			while (i < mid)
				tmp32[k++] = a32[i++];
			while (j < hi)
				tmp32[k++] = a32[j++];
		}
		for (i = 0; i < len; i++)
			a32[i] = tmp32[i];
	}
	return check32(len);
}

int64_t shellsort64(int32_t n, int32_t seed)
{
	static const uint32_t gaps[] = { 701, 301, 132, 57, 23, 10, 4, 1 };
	uint32_t len = clampn(n), s = (uint32_t)seed | 1u, g, i, j, gap;
	uint64_t sum = 0;
	int64_t v;

	for (i = 0; i < len; i++) {
		uint64_t hi = rng(&s);
		a64[i] = (int64_t)(hi << 32 | rng(&s));
	}
	for (g = 0; g < sizeof(gaps) / sizeof(gaps[0]); g++) {
		gap = gaps[g];
		for (i = gap; i < len; i++) {
			v = a64[i];
			for (j = i; j >= gap && a64[j - gap] > v; j -= gap)
				a64[j] = a64[j - gap];
			a64[j] = v;
		}
	}
	for (i = 0; i < len; i++) {
		if (i > 0 && a64[i - 1] > a64[i])
			return -1;
		sum = sum * 31 + (uint64_t)a64[i];
	}
	return (int64_t)sum;
}

/* Insertion sort of doubles; returns a weighted sum of the result. */
double sortf(int32_t n, int32_t seed)
{
	uint32_t len = clampn(n) > 1000 ? 1000 : clampn(n), s, i, j;
	double v, sum = 0;

	s = (uint32_t)seed | 1u;
	for (i = 0; i < len; i++) {
		double hi = (double)(int32_t)rng(&s) / 3.0;
		af[i] = hi + (double)rng(&s) * 1e-9;
	}
	for (i = 1; i < len; i++) {
		v = af[i];
		for (j = i; j > 0 && af[j - 1] > v; j--)
			af[j] = af[j - 1];
		af[j] = v;
	}
	for (i = 0; i < len; i++) {
		if (i > 0 && af[i - 1] > af[i])
			return -1;
		sum += af[i] * (double)(i % 7 + 1);
	}
	return sum;
}
