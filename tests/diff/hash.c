/*
 * hash.c - differential test program: integer hashing and bit mixing.
 * FNV-1a, CRC-32 (table and bitwise), Adler-32, MurmurHash3-style mixing,
 * xorshift and splitmix generators, rotates and bit counts.  All
 * arithmetic is unsigned (no overflow UB); results are returned as signed
 * fixed-width integers (see run.sh for the export conventions).
 */
#include <stdint.h>

#define BUF_SIZE 4096

static uint8_t buf[BUF_SIZE];
static uint32_t crc_table[256];
static int crc_ready;

static uint32_t xs32(uint32_t *s)
{
	uint32_t x = *s;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *s = x;
}

/* Fill buf[0..n) from a xorshift stream; returns the clamped n. */
static uint32_t fill(int32_t n, int32_t seed)
{
	uint32_t s = (uint32_t)seed | 1u, i, len;

	len = n < 0 ? 0 : n > BUF_SIZE ? BUF_SIZE : (uint32_t)n;
	for (i = 0; i < len; i++)
		buf[i] = (uint8_t)(xs32(&s) >> 11);
	return len;
}

static uint32_t rotl32(uint32_t x, unsigned r)
{
	r &= 31;
	return r ? (x << r) | (x >> (32 - r)) : x;
}

static uint64_t rotl64(uint64_t x, unsigned r)
{
	r &= 63;
	return r ? (x << r) | (x >> (64 - r)) : x;
}

int32_t fnv1a32(int32_t n, int32_t seed)
{
	uint32_t len = fill(n, seed), h = 2166136261u, i;

	for (i = 0; i < len; i++) {
		h ^= buf[i];
		h *= 16777619u;
	}
	return (int32_t)h;
}

int64_t fnv1a64(int32_t n, int32_t seed)
{
	uint32_t len = fill(n, seed), i;
	uint64_t h = 14695981039346656037ull;

	for (i = 0; i < len; i++) {
		h ^= buf[i];
		h *= 1099511628211ull;
	}
	return (int64_t)h;
}

static void crc_init(void)
{
	uint32_t i, c;
	int k;

	for (i = 0; i < 256; i++) {
		c = i;
		for (k = 0; k < 8; k++)
			c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
	crc_ready = 1;
}

int32_t crc32_table(int32_t n, int32_t seed)
{
	uint32_t len = fill(n, seed), c = 0xffffffffu, i;

	if (!crc_ready)
		crc_init();
	for (i = 0; i < len; i++)
		c = crc_table[(c ^ buf[i]) & 0xff] ^ (c >> 8);
	return (int32_t)(c ^ 0xffffffffu);
}

int32_t crc32_bitwise(int32_t n, int32_t seed)
{
	uint32_t len = fill(n, seed), c = 0xffffffffu, i;
	int k;

	for (i = 0; i < len; i++) {
		c ^= buf[i];
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
	}
	return (int32_t)~c;
}

int32_t adler32(int32_t n, int32_t seed)
{
	uint32_t len = fill(n, seed), a = 1, b = 0, i;

	for (i = 0; i < len; i++) {
		a = (a + buf[i]) % 65521u;
		b = (b + a) % 65521u;
	}
	return (int32_t)((b << 16) | a);
}

int32_t murmur3(int32_t n, int32_t seed)
{
	uint32_t len = fill(n, seed), h = (uint32_t)seed, k, i;

	for (i = 0; i + 4 <= len; i += 4) {
		k = (uint32_t)buf[i] | (uint32_t)buf[i + 1] << 8 |
		    (uint32_t)buf[i + 2] << 16 | (uint32_t)buf[i + 3] << 24;
		k *= 0xcc9e2d51u;
		k = rotl32(k, 15);
		k *= 0x1b873593u;
		h ^= k;
		h = rotl32(h, 13);
		h = h * 5 + 0xe6546b64u;
	}
	k = 0;
	switch (len & 3) {
	case 3:
		k ^= (uint32_t)buf[i + 2] << 16;
		/* fall through */
	case 2:
		k ^= (uint32_t)buf[i + 1] << 8;
		/* fall through */
	case 1:
		k ^= buf[i];
		k *= 0xcc9e2d51u;
		k = rotl32(k, 15);
		k *= 0x1b873593u;
		h ^= k;
	}
	h ^= len;
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return (int32_t)h;
}

int32_t xorshift32(int32_t seed, int32_t rounds)
{
	uint32_t s = (uint32_t)seed | 1u, acc = 0;
	int32_t i;

	for (i = 0; i < rounds; i++)
		acc += xs32(&s) ^ (uint32_t)i;
	return (int32_t)(acc ^ s);
}

int64_t xorshift64(int64_t seed, int32_t rounds)
{
	uint64_t x = (uint64_t)seed | 1u, acc = 0;
	int32_t i;

	for (i = 0; i < rounds; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		acc = acc * 31 + x;
	}
	return (int64_t)(acc ^ x);
}

int64_t splitmix64(int64_t seed)
{
	uint64_t z = (uint64_t)seed + 0x9e3779b97f4a7c15ull;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return (int64_t)(z ^ (z >> 31));
}

int64_t rotmix(int64_t x, int32_t r)
{
	uint64_t v = (uint64_t)x;
	uint32_t lo = (uint32_t)v;

	v = rotl64(v, (unsigned)r) ^ rotl64(v, 64u - ((unsigned)r & 63));
	lo = rotl32(lo, (unsigned)r) + rotl32(lo, 32u - ((unsigned)r & 31));
	return (int64_t)(v + lo);
}

int32_t bitcount(int64_t x)
{
	uint64_t v = (uint64_t)x;
	uint32_t lo = (uint32_t)v, hi = (uint32_t)(v >> 32);
	int32_t r;

	r = __builtin_popcountll(v);
	r = r * 100 + (v ? __builtin_clzll(v) : 64);
	r = r * 100 + (v ? __builtin_ctzll(v) : 64);
	r = r * 100 + __builtin_popcount(lo) + (hi ? __builtin_clz(hi) : 32);
	r = r * 10 + (lo ? __builtin_ctz(lo) : 32) % 10;
	return r;
}
