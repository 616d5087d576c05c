/*
 * recursion.c - differential test program: calls and recursion.
 * Naive Fibonacci, Ackermann (small arguments), Takeuchi, mutual
 * recursion, Towers of Hanoi, a recursive flood fill over a static grid,
 * and recursion with locals whose address is taken (so they live on the
 * C shadow stack in linear memory, not in wasm locals).  Depths stay in
 * the low thousands: the shadow stack is 1 MiB (run.sh) and has no guard.
 */
#include <stdint.h>

int32_t fib(int32_t n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int64_t fib64(int32_t n)
{
	return n < 2 ? n : fib64(n - 1) + fib64(n - 2);
}

int32_t ack(int32_t m, int32_t n)
{
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ack(m - 1, 1);
	return ack(m - 1, ack(m, n - 1));
}

int32_t tak(int32_t x, int32_t y, int32_t z)
{
	if (y < x)
		return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
	return z;
}

static int32_t is_odd(uint32_t n);

static int32_t is_even(uint32_t n)
{
	return n == 0 ? 1 : is_odd(n - 1);
}

static int32_t is_odd(uint32_t n)
{
	return n == 0 ? 0 : is_even(n - 1);
}

int32_t parity(int32_t n)
{
	uint32_t v = (uint32_t)n % 5000;

	return is_even(v) * 10 + is_odd(v);
}

static uint32_t hanoi_rec(int32_t n, int32_t from, int32_t to, int32_t via,
			  uint32_t *h)
{
	uint32_t moves;

	if (n == 0)
		return 0;
	moves = hanoi_rec(n - 1, from, via, to, h);
	*h = *h * 31 + (uint32_t)(from * 3 + to);
	moves += 1 + hanoi_rec(n - 1, via, to, from, h);
	return moves;
}

/* Number of moves, mixed with a hash of the move sequence. */
int64_t hanoi(int32_t n)
{
	uint32_t h = 0, moves = hanoi_rec(n, 0, 2, 1, &h);

	return (int64_t)moves << 32 | h;
}

#define GW 64
#define GH 48
static uint8_t grid[GH][GW];

static int32_t flood(int32_t x, int32_t y)
{
	if (x < 0 || y < 0 || x >= GW || y >= GH || grid[y][x])
		return 0;
	grid[y][x] = 2;
	return 1 + flood(x + 1, y) + flood(x - 1, y) + flood(x, y + 1) +
	       flood(x, y - 1);
}

/* Random walls (density pct %), then the size of the region at (x, y). */
int32_t floodfill(int32_t seed, int32_t pct, int32_t x, int32_t y)
{
	uint32_t s = (uint32_t)seed | 1u;
	int i, j;

	for (j = 0; j < GH; j++) {
		for (i = 0; i < GW; i++) {
			s ^= s << 13;
			s ^= s >> 17;
			s ^= s << 5;
			grid[j][i] = (int32_t)(s % 100) < pct;
		}
	}
	return flood(x, y);
}

/* Each level keeps an array on the shadow stack and passes it down. */
static uint32_t deep(int32_t n, const uint32_t *up)
{
	uint32_t local[8], r = 0;
	int i;

	for (i = 0; i < 8; i++)
		local[i] = (up ? up[7 - i] : (uint32_t)i) * 2654435761u +
			   (uint32_t)n;
	if (n > 0)
		r = deep(n - 1, local);
	for (i = 0; i < 8; i++)
		r = r * 17 + local[i];
	return r;
}

int32_t deeprec(int32_t n)
{
	return (int32_t)deep(n < 0 ? 0 : n > 3000 ? 3000 : n, 0);
}

/* Binomial coefficients by recursion over Pascal's rule, memoised. */
static int64_t memo[64][64];

static int64_t binom_rec(int32_t n, int32_t k)
{
	if (k == 0 || k == n)
		return 1;
	if (memo[n][k])
		return memo[n][k];
	return memo[n][k] = binom_rec(n - 1, k - 1) + binom_rec(n - 1, k);
}

int64_t binom(int32_t n, int32_t k)
{
	if (n < 0 || n > 62 || k < 0 || k > n)
		return 0;
	return binom_rec(n, k);
}
