/*
 * int64.c - differential test program: 32- and 64-bit integer arithmetic
 * at the edges.  Division and remainder (signed and unsigned, including
 * the INT_MIN / -1 and divide-by-zero cases, which are defined here as 0
 * or INT_MIN so that C has no UB), shifts by out-of-range counts (masked
 * as wasm does), high multiply from 32-bit halves, modular exponentiation,
 * integer square root, sign extension, comparisons.
 */
#include <stdint.h>

int64_t mul64(int64_t a, int64_t b)
{
	return (int64_t)((uint64_t)a * (uint64_t)b);
}

/* High 64 bits of the unsigned 128-bit product, from 32-bit halves. */
int64_t mulhu64(int64_t a, int64_t b)
{
	uint64_t x = (uint64_t)a, y = (uint64_t)b;
	uint64_t xl = x & 0xffffffffu, xh = x >> 32;
	uint64_t yl = y & 0xffffffffu, yh = y >> 32;
	uint64_t ll = xl * yl, lh = xl * yh, hl = xh * yl, hh = xh * yh;
	uint64_t mid = (ll >> 32) + (lh & 0xffffffffu) + (hl & 0xffffffffu);

	return (int64_t)(hh + (lh >> 32) + (hl >> 32) + (mid >> 32));
}

int64_t divs64(int64_t a, int64_t b)
{
	if (b == 0)
		return 0;
	if (a == INT64_MIN && b == -1)
		return INT64_MIN;
	return a / b;
}

int64_t rems64(int64_t a, int64_t b)
{
	if (b == 0 || b == -1)
		return 0;
	return a % b;
}

int64_t divu64(int64_t a, int64_t b)
{
	return b ? (int64_t)((uint64_t)a / (uint64_t)b) : 0;
}

int64_t remu64(int64_t a, int64_t b)
{
	return b ? (int64_t)((uint64_t)a % (uint64_t)b) : 0;
}

int32_t divs32(int32_t a, int32_t b)
{
	if (b == 0)
		return 0;
	if (a == INT32_MIN && b == -1)
		return INT32_MIN;
	return a / b;
}

int32_t rems32(int32_t a, int32_t b)
{
	if (b == 0 || b == -1)
		return 0;
	return a % b;
}

int32_t divu32(int32_t a, int32_t b)
{
	return b ? (int32_t)((uint32_t)a / (uint32_t)b) : 0;
}

int32_t remu32(int32_t a, int32_t b)
{
	return b ? (int32_t)((uint32_t)a % (uint32_t)b) : 0;
}

/* Division by constants: compilers turn these into multiply-high. */
int64_t divconst(int64_t x)
{
	uint64_t u = (uint64_t)x;
	int64_t r = x / 3 + x / 7 - x / 10 + x % 1000 + x / -5;

	r = (int64_t)((uint64_t)r + u / 3 + u % 7 + u / 1000000007u);
	return r;
}

int32_t divconst32(int32_t x)
{
	uint32_t u = (uint32_t)x;

	return (int32_t)((uint32_t)(x / 3 + x % 7 - x / 10 + x / -9) +
			 u / 5 + u % 641 + u / 16);
}

int64_t shl64(int64_t a, int32_t n)
{
	return (int64_t)((uint64_t)a << (n & 63));
}

int64_t shrs64(int64_t a, int32_t n)
{
	return a >> (n & 63);
}

int64_t shru64(int64_t a, int32_t n)
{
	return (int64_t)((uint64_t)a >> (n & 63));
}

int32_t shl32(int32_t a, int32_t n)
{
	return (int32_t)((uint32_t)a << (n & 31));
}

int32_t shrs32(int32_t a, int32_t n)
{
	return a >> (n & 31);
}

int32_t shru32(int32_t a, int32_t n)
{
	return (int32_t)((uint32_t)a >> (n & 31));
}

int64_t gcd64(int64_t a, int64_t b)
{
	uint64_t x = (uint64_t)a, y = (uint64_t)b, t;

	while (y) {
		t = x % y;
		x = y;
		y = t;
	}
	return (int64_t)x;
}

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m)
{
	uint64_t r = 0;

	a %= m;
	while (b) {
		if (b & 1)
			r = (r >= m - a) ? r - (m - a) : r + a;
		a = (a >= m - a) ? a - (m - a) : a + a;
		b >>= 1;
	}
	return r;
}

int64_t powmod(int64_t base, int64_t exp, int64_t mod)
{
	uint64_t b = (uint64_t)base, e = (uint64_t)exp, m = (uint64_t)mod;
	uint64_t r;

	if (m == 0)
		return 0;
	r = 1 % m;
	b %= m;
	while (e) {
		if (e & 1)
			r = mulmod(r, b, m);
		b = mulmod(b, b, m);
		e >>= 1;
	}
	return (int64_t)r;
}

int64_t isqrt64(int64_t x)
{
	uint64_t v = (uint64_t)x, r = 0, bit = (uint64_t)1 << 62;

	while (bit > v)
		bit >>= 2;
	while (bit) {
		if (v >= r + bit) {
			v -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return (int64_t)r;
}

int64_t sext(int64_t x)
{
	uint64_t u = (uint64_t)x;
	int64_t a = (int8_t)(uint8_t)u;
	int64_t b = (int16_t)(uint16_t)(u >> 8);
	int64_t c = (int32_t)(uint32_t)(u >> 16);
	uint64_t d = (uint8_t)(u >> 3) + (uint64_t)(uint16_t)(u >> 5) +
		     (uint64_t)(uint32_t)(u >> 7);

	return (int64_t)((uint64_t)a * 3 + (uint64_t)b * 5 + (uint64_t)c * 7 +
			 d);
}

/* Every comparison, as a bit mask. */
int32_t cmp64(int64_t a, int64_t b)
{
	uint64_t x = (uint64_t)a, y = (uint64_t)b;

	return (a < b) | (a <= b) << 1 | (a > b) << 2 | (a >= b) << 3 |
	       (x < y) << 4 | (x <= y) << 5 | (x > y) << 6 | (x >= y) << 7 |
	       (a == b) << 8 | (a != b) << 9 | (a == 0) << 10 |
	       ((int32_t)a < (int32_t)b) << 11 |
	       ((uint32_t)x < (uint32_t)y) << 12;
}

int64_t bitrev64(int64_t x)
{
	uint64_t v = (uint64_t)x, r = 0;
	int i;

	for (i = 0; i < 64; i++) {
		r = (r << 1) | (v & 1);
		v >>= 1;
	}
	return (int64_t)r;
}

/* Mixed 32-bit operations, wrapping through unsigned arithmetic. */
int32_t mix32(int32_t a, int32_t b)
{
	uint32_t x = (uint32_t)a, y = (uint32_t)b, r = 0;
	int i;

	for (i = 0; i < 16; i++) {
		r += x * y;
		r ^= (x >> (i & 31)) | (y << ((i * 3) & 31));
		r -= (x & y) | (~x & r);
		x = x * 1103515245u + 12345u;
		y ^= r;
	}
	return (int32_t)r;
}

/* Collatz steps of x, counting in 64 bits. */
int32_t collatz(int64_t x)
{
	uint64_t v = (uint64_t)x;
	int32_t n = 0;

	if (v == 0)
		return -1;
	while (v != 1 && n < 100000) {
		v = (v & 1) ? 3 * v + 1 : v >> 1;
		n++;
	}
	return n;
}
