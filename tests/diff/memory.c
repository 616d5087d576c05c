/*
 * memory.c - differential test program: linear-memory access patterns.
 * memset/memcpy/memmove-style loops at byte and word width, unaligned
 * loads and stores (through __builtin_memcpy of a constant size, which
 * becomes a plain load/store), sign- and zero-extending narrow loads,
 * constant tables from the data segment, a bump allocator over a static
 * arena holding a linked list and a binary search tree, and a matrix
 * multiply.  Pointers never leave the program: results are offsets or
 * checksums, so the 32/64-bit pointer size does not show.
 */
#include <stdint.h>

#define ARENA_SIZE (1024 * 1024)

static uint8_t mem[65536];
static _Alignas(16) uint8_t arena[ARENA_SIZE];
static uint32_t arena_top;

static void *bump(uint32_t size, uint32_t align)
{
	uint32_t at = (arena_top + align - 1) & ~(align - 1);

	if (at > ARENA_SIZE || size > ARENA_SIZE - at)
		return 0;
	arena_top = at + size;
	return arena + at;
}

static uint32_t sum_bytes(const uint8_t *p, uint32_t n)
{
	uint32_t h = 0, i;

	for (i = 0; i < n; i++)
		h = h * 31 + p[i];
	return h;
}

/* Byte- and word-wise fills and copies, forward and overlapping. */
int32_t copies(int32_t seed, int32_t n)
{
	uint32_t len = n < 0 ? 0 : n > 16384 ? 16384 : (uint32_t)n;
	uint32_t s = (uint32_t)seed | 1u, i, w;
	uint8_t *a = mem, *b = mem + 20000, *c = mem + 40000;

	for (i = 0; i < len; i++) {
		s = s * 1103515245u + 12345u;
		a[i] = (uint8_t)(s >> 16);
	}
	/* memset by bytes then by 32-bit words */
	for (i = 0; i < len; i++)
		b[i] = 0xab;
	for (i = 0; i + 4 <= len; i += 4) {
		w = 0x01020304u * (i & 0xff);
		__builtin_memcpy(b + i, &w, 4);
	}
	/* copy by 64-bit words at an odd offset, then the tail */
	for (i = 0; i + 8 <= len - (len ? 1 : 0); i += 8) {
		uint64_t q;
		__builtin_memcpy(&q, a + i + 1, 8);
		__builtin_memcpy(c + i, &q, 8);
	}
	for (; i + 1 < len; i++)
		c[i] = a[i + 1];
	/* overlapping moves: forward and backward */
	for (i = len; i-- > 3;)
		a[i] = a[i - 3];
	for (i = 0; i + 5 < len; i++)
		a[i] = a[i + 5];
	return (int32_t)(sum_bytes(a, len) ^ sum_bytes(b, len) * 3 ^
			 sum_bytes(c, len ? len - 1 : 0) * 7);
}

/* Narrow loads: every width and signedness at every alignment. */
int64_t narrow(int32_t seed)
{
	uint32_t s = (uint32_t)seed | 1u, i;
	uint64_t acc = 0;

	for (i = 0; i < 256; i++) {
		s ^= s << 13;
		s ^= s >> 17;
		s ^= s << 5;
		mem[i] = (uint8_t)s;
	}
	for (i = 0; i < 240; i++) {
		int8_t s8;
		uint8_t u8;
		int16_t s16;
		uint16_t u16;
		int32_t s32;
		uint32_t u32;
		int64_t s64;

		__builtin_memcpy(&s8, mem + i, 1);
		__builtin_memcpy(&u8, mem + i, 1);
		__builtin_memcpy(&s16, mem + i, 2);
		__builtin_memcpy(&u16, mem + i, 2);
		__builtin_memcpy(&s32, mem + i, 4);
		__builtin_memcpy(&u32, mem + i, 4);
		__builtin_memcpy(&s64, mem + i, 8);
		acc = acc * 3 + (uint64_t)(int64_t)s8 + u8 +
		      (uint64_t)(int64_t)s16 + u16 + (uint64_t)(int64_t)s32 +
		      u32 + (uint64_t)s64;
	}
	/* narrow stores over a word */
	for (i = 0; i < 64; i++) {
		uint16_t h = (uint16_t)(acc >> (i & 15));
		uint8_t b = (uint8_t)(acc >> (i & 7));
		__builtin_memcpy(mem + 512 + i * 3, &h, 2);
		__builtin_memcpy(mem + 512 + i * 3 + 2, &b, 1);
	}
	return (int64_t)(acc ^ sum_bytes(mem + 512, 192));
}

static const uint16_t primes[] = {
	2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61,
	67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137,
	139, 149, 151, 157, 163, 167, 173, 179, 181, 191, 193, 197, 199,
};
static const char words[] = "the quick brown fox jumps over the lazy dog";
static const int64_t big[] = { INT64_MIN, -1, 0, 1, INT64_MAX,
			       0x123456789abcdef0 };

/* Reads of the data segment. */
int64_t tables(int32_t k)
{
	uint32_t i, len = 0, idx = (uint32_t)k;
	uint64_t h = 0;

	while (words[len])
		len++;
	for (i = 0; i < len; i++)
		h = h * 131 + (uint8_t)words[(i + idx) % len];
	h += primes[idx % (sizeof(primes) / sizeof(primes[0]))];
	h ^= (uint64_t)big[idx % 6];
	return (int64_t)h;
}

struct node {
	struct node *next;
	struct node *left, *right;
	int32_t key;
	uint32_t count;
};

/* Bump-allocate n nodes: a linked list of all, plus a BST by key.
 * Returns depth * 2^40 + nodes allocated * 2^20 + hash of the in-order
 * keys (mod 2^20).  (Not the arena bytes used: node size depends on the
 * pointer size.) */
int64_t allocator(int32_t seed, int32_t n)
{
	struct node *head = 0, *root = 0, *p, **link, *stack[64];
	uint32_t s = (uint32_t)seed | 1u, count, i, depth = 0, d, sp = 0;
	uint32_t h = 0, nodes = 0;

	arena_top = 0;
	count = n < 0 ? 0 : n > 8000 ? 8000 : (uint32_t)n;
	for (i = 0; i < count; i++) {
		s ^= s << 13;
		s ^= s >> 17;
		s ^= s << 5;
		/* odd sizes between nodes, to exercise alignment */
		if (bump(s % 13, 1) == 0)
			break;
		p = bump(sizeof(*p), _Alignof(struct node));
		if (p == 0)
			break;
		nodes++;
		p->key = (int32_t)(s % 5000);
		p->count = 1;
		p->left = p->right = 0;
		p->next = head;
		head = p;
		link = &root;
		d = 1;
		while (*link && (*link)->key != p->key) {
			link = p->key < (*link)->key ? &(*link)->left
						     : &(*link)->right;
			d++;
		}
		if (*link)
			(*link)->count++;
		else
			*link = p;
		if (d > depth)
			depth = d;
	}
	/* in-order walk with an explicit stack (depth may exceed 64: then
	 * fall back to hashing the list) */
	p = root;
	while ((p || sp) && depth < 64) {
		while (p) {
			stack[sp++] = p;
			p = p->left;
		}
		p = stack[--sp];
		h = h * 31 + (uint32_t)p->key * p->count;
		p = p->right;
	}
	if (depth >= 64)
		for (p = head; p; p = p->next)
			h = h * 17 + (uint32_t)p->key;
	return (int64_t)depth << 40 | (int64_t)nodes << 20 |
	       (h & 0xfffff);
}

static int32_t ma[32][32], mb[32][32], mc[32][32];
static double fa[24][24], fb[24][24], fc[24][24];

int64_t matmul(int32_t seed, int32_t n)
{
	uint32_t dim = n < 1 ? 1 : n > 32 ? 32 : (uint32_t)n;
	uint32_t s = (uint32_t)seed | 1u, i, j, k;
	uint64_t h = 0;

	for (i = 0; i < dim; i++)
		for (j = 0; j < dim; j++) {
			s = s * 1664525u + 1013904223u;
			ma[i][j] = (int32_t)(s >> 20) - 2048;
			mb[j][i] = (int32_t)(s & 0xfff) - 2048;
		}
	for (i = 0; i < dim; i++)
		for (j = 0; j < dim; j++) {
			int32_t sum = 0;
			for (k = 0; k < dim; k++)
				sum += ma[i][k] * mb[k][j];
			mc[i][j] = sum;
		}
	for (i = 0; i < dim; i++)
		for (j = 0; j < dim; j++)
			h = h * 1000003u + (uint32_t)mc[i][j];
	return (int64_t)h;
}

double matmulf(int32_t seed, int32_t n)
{
	uint32_t dim = n < 1 ? 1 : n > 24 ? 24 : (uint32_t)n;
	uint32_t s = (uint32_t)seed | 1u, i, j, k;
	double tr = 0;

	for (i = 0; i < dim; i++)
		for (j = 0; j < dim; j++) {
			s = s * 1664525u + 1013904223u;
			fa[i][j] = (double)(int32_t)s / 65536.0;
			fb[i][j] = (double)(s >> 8) / 1048576.0 - 8.0;
		}
	for (i = 0; i < dim; i++)
		for (j = 0; j < dim; j++) {
			double sum = 0;
			for (k = 0; k < dim; k++)
				sum += fa[i][k] * fb[k][j];
			fc[i][j] = sum;
		}
	for (i = 0; i < dim; i++)
		tr += fc[i][i] + fc[i][dim - 1 - i] * 0.5;
	return tr;
}

/* String ops over memory: reverse words in place, count vowels. */
int32_t strings(int32_t rot)
{
	char *buf = (char *)mem + 1000;
	uint32_t len = 0, i, j, start, r = (uint32_t)rot;
	uint32_t h = 0;
	char t;

	while (words[len]) {
		buf[len] = words[(len + r) % (sizeof(words) - 1)];
		len++;
	}
	for (start = 0; start < len; start = j + 1) {
		for (j = start; j < len && buf[j] != ' '; j++)
			;
		for (i = start; i + 1 < j - (i - start); i++) {
			t = buf[i];
			buf[i] = buf[j - 1 - (i - start)];
			buf[j - 1 - (i - start)] = t;
		}
	}
	for (i = 0; i < len; i++) {
		switch (buf[i]) {
		case 'a': case 'e': case 'i': case 'o': case 'u':
			h += 1000;
			break;
		default:
			break;
		}
		h = h * 7 + (uint8_t)buf[i];
	}
	return (int32_t)h;
}
