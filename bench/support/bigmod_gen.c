/*
 * bigmod_gen.c - writes a large, valid WebAssembly module for timing the
 * decoder and validator (a host program, built with the system compiler).
 *
 *   bigmod_gen OUT.wasm [NFUNCS]
 *
 * The module has one memory page, four mutable globals, NFUNCS functions
 * (default 20000) of type (i32, i32) -> i32 with varied bodies, and an
 * export "nop" of type () -> i32 that returns 0 at once.  Invoking "nop"
 * therefore costs decoding and validating (and any compiling a runtime
 * does ahead of time) of everything else, and almost no execution.
 *
 * Bodies are random but deterministic (xorshift seed): statements set
 * i32/i64/f64 locals and globals, store to memory, nest if/else, block
 * and loop with br_if, and call earlier functions; expressions mix
 * integer and float arithmetic, conversions, loads, select and calls.
 * Nothing is ever run, but every body is well typed, so a validator must
 * accept the whole module.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buf {
	uint8_t *p;
	size_t len, cap;
};

static void put(struct buf *b, uint8_t byte)
{
	if (b->len == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 4096;
		b->p = realloc(b->p, b->cap);
		if (!b->p) {
			perror("realloc");
			exit(1);
		}
	}
	b->p[b->len++] = byte;
}

static void put_bytes(struct buf *b, const void *src, size_t n)
{
	const uint8_t *s = src;
	for (size_t i = 0; i < n; i++)
		put(b, s[i]);
}

static void put_u32(struct buf *b, uint32_t v)
{
	do {
		uint8_t byte = v & 0x7f;
		v >>= 7;
		put(b, v ? byte | 0x80 : byte);
	} while (v);
}

static void put_s64(struct buf *b, int64_t v)
{
	for (;;) {
		uint8_t byte = (uint8_t)(v & 0x7f);
		v >>= 7; /* arithmetic shift on every compiler we use */
		if ((v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40))) {
			put(b, byte);
			return;
		}
		put(b, byte | 0x80);
	}
}

static void put_section(struct buf *out, uint8_t id, const struct buf *body)
{
	put(out, id);
	put_u32(out, (uint32_t)body->len);
	put_bytes(out, body->p, body->len);
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)((rng >> 16) % n);
}

/* Locals of every generated function: params 0-1 i32, then 2-5 i32,
 * 6-7 i64, 8-9 f64. */
#define I32_LOCALS 6
#define I64_FIRST 6
#define F64_FIRST 8
#define NGLOBALS 4 /* 0-1 i32, 2 i64, 3 f64 */

enum { T_I32 = 0x7f, T_I64 = 0x7e, T_F64 = 0x7c };

static uint32_t cur_func; /* index of the function being generated */

static void expr(struct buf *b, int type, int depth);

static void expr_i32(struct buf *b, int depth)
{
	static const uint8_t binops[] = { 0x6a, 0x6b, 0x6c, 0x71, 0x72, 0x73,
					  0x74, 0x76, 0x77, 0x46, 0x48, 0x4b };
	uint32_t k = depth <= 0 ? rnd(3) : rnd(11);
	switch (k) {
	case 0:
		put(b, 0x41);
		put_s64(b, (int32_t)(rnd(1u << 20) - (1u << 19)));
		break;
	case 1:
		put(b, 0x20);
		put_u32(b, rnd(I32_LOCALS));
		break;
	case 2:
		put(b, 0x23);
		put_u32(b, rnd(2));
		break;
	case 3:
	case 4:
	case 5:
		expr_i32(b, depth - 1);
		expr_i32(b, depth - 1);
		put(b, binops[rnd(sizeof binops)]);
		break;
	case 6:
		expr(b, T_I64, depth - 1);
		put(b, 0xa7); /* i32.wrap_i64 */
		break;
	case 7:
		expr_i32(b, depth - 1);
		put(b, rnd(2) ? 0x28 : 0x2d); /* i32.load / i32.load8_u */
		put_u32(b, 0);
		put_u32(b, rnd(256));
		break;
	case 8:
		if (cur_func > 1) {
			expr_i32(b, depth - 1);
			expr_i32(b, depth - 1);
			put(b, 0x10);
			put_u32(b, 1 + rnd(cur_func - 1)); /* an earlier body */
		} else {
			put(b, 0x41);
			put_s64(b, 7);
		}
		break;
	case 9:
		expr(b, T_F64, depth - 1);
		expr(b, T_F64, depth - 1);
		put(b, 0x63 + rnd(4)); /* f64.lt/gt/le/ge */
		break;
	default:
		expr_i32(b, depth - 1);
		expr_i32(b, depth - 1);
		expr_i32(b, depth - 1);
		put(b, 0x1b); /* select */
		break;
	}
}

static void expr_i64(struct buf *b, int depth)
{
	static const uint8_t binops[] = { 0x7c, 0x7d, 0x7e, 0x83, 0x84, 0x85,
					  0x86, 0x88, 0x89 };
	uint32_t k = depth <= 0 ? rnd(2) : rnd(6);
	switch (k) {
	case 0:
		put(b, 0x42);
		put_s64(b, (int64_t)(rng >> 3) - (int64_t)(rng >> 4));
		rnd(2);
		break;
	case 1:
		put(b, 0x20);
		put_u32(b, I64_FIRST + rnd(2));
		break;
	case 2:
	case 3:
		expr_i64(b, depth - 1);
		expr_i64(b, depth - 1);
		put(b, binops[rnd(sizeof binops)]);
		break;
	case 4:
		expr_i32(b, depth - 1);
		put(b, rnd(2) ? 0xac : 0xad); /* i64.extend_i32_s/u */
		break;
	default:
		put(b, 0x23);
		put_u32(b, 2);
		break;
	}
}

static void expr_f64(struct buf *b, int depth)
{
	uint32_t k = depth <= 0 ? rnd(2) : rnd(6);
	switch (k) {
	case 0: {
		double d = (double)rnd(100000) / 64.0;
		put(b, 0x44);
		put_bytes(b, &d, 8); /* little-endian hosts only */
		break;
	}
	case 1:
		put(b, 0x20);
		put_u32(b, F64_FIRST + rnd(2));
		break;
	case 2:
	case 3:
		expr_f64(b, depth - 1);
		expr_f64(b, depth - 1);
		put(b, 0xa0 + rnd(4)); /* f64.add/sub/mul/div */
		break;
	case 4:
		expr_i32(b, depth - 1);
		put(b, 0xb7); /* f64.convert_i32_s */
		break;
	default:
		expr_f64(b, depth - 1);
		put(b, 0x9f); /* f64.sqrt */
		break;
	}
}

static void expr(struct buf *b, int type, int depth)
{
	if (type == T_I32)
		expr_i32(b, depth);
	else if (type == T_I64)
		expr_i64(b, depth);
	else
		expr_f64(b, depth);
}

/* One statement: leaves the operand stack as it found it. */
static void stmt(struct buf *b, int nest)
{
	uint32_t k = nest <= 0 ? rnd(6) : rnd(9);
	switch (k) {
	case 0:
	case 1:
		expr_i32(b, 3);
		put(b, 0x21);
		put_u32(b, 2 + rnd(4));
		break;
	case 2:
		expr_i64(b, 3);
		put(b, 0x21);
		put_u32(b, I64_FIRST + rnd(2));
		break;
	case 3:
		expr_f64(b, 3);
		put(b, 0x21);
		put_u32(b, F64_FIRST + rnd(2));
		break;
	case 4:
		expr_i32(b, 2);
		expr_i32(b, 2);
		put(b, 0x36); /* i32.store */
		put_u32(b, 2);
		put_u32(b, rnd(1024));
		break;
	case 5:
		expr_i32(b, 2);
		put(b, 0x24);
		put_u32(b, rnd(2));
		break;
	case 6: {
		int n = 1 + (int)rnd(3);
		expr_i32(b, 2);
		put(b, 0x04); /* if */
		put(b, 0x40);
		for (int i = 0; i < n; i++)
			stmt(b, nest - 1);
		put(b, 0x05); /* else */
		for (int i = 0; i < n; i++)
			stmt(b, nest - 1);
		put(b, 0x0b);
		break;
	}
	case 7: {
		int n = 1 + (int)rnd(3);
		put(b, 0x02); /* block */
		put(b, 0x40);
		put(b, 0x03); /* loop */
		put(b, 0x40);
		for (int i = 0; i < n; i++)
			stmt(b, nest - 1);
		expr_i32(b, 1);
		put(b, 0x0d); /* br_if 1: leave the block */
		put_u32(b, 1);
		expr_i32(b, 1);
		put(b, 0x0d); /* br_if 0: loop again */
		put_u32(b, 0);
		put(b, 0x0b);
		put(b, 0x0b);
		break;
	}
	default:
		expr_i32(b, 2);
		put(b, 0x1a); /* drop */
		break;
	}
}

static void function_body(struct buf *code)
{
	struct buf f = { 0 };
	put_u32(&f, 3); /* local groups */
	put_u32(&f, 4);
	put(&f, T_I32);
	put_u32(&f, 2);
	put(&f, T_I64);
	put_u32(&f, 2);
	put(&f, T_F64);
	int n = 4 + (int)rnd(28);
	for (int i = 0; i < n; i++)
		stmt(&f, 2);
	expr_i32(&f, 3);
	put(&f, 0x0b);
	put_u32(code, (uint32_t)f.len);
	put_bytes(code, f.p, f.len);
	free(f.p);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s OUT.wasm [NFUNCS]\n", argv[0]);
		return 2;
	}
	uint32_t nfuncs = argc > 2 ? (uint32_t)strtoul(argv[2], 0, 10) : 20000;
	struct buf out = { 0 }, s = { 0 };

	put_bytes(&out, "\0asm\1\0\0\0", 8);

	/* types: 0 = () -> i32, 1 = (i32 i32) -> i32 */
	put_u32(&s, 2);
	put_bytes(&s, "\x60\x00\x01\x7f", 4);
	put_bytes(&s, "\x60\x02\x7f\x7f\x01\x7f", 6);
	put_section(&out, 1, &s);
	s.len = 0;

	/* functions: 0 = nop, then the generated ones */
	put_u32(&s, nfuncs + 1);
	put_u32(&s, 0);
	for (uint32_t i = 0; i < nfuncs; i++)
		put_u32(&s, 1);
	put_section(&out, 3, &s);
	s.len = 0;

	put_bytes(&s, "\x01\x00\x01", 3); /* one memory, min 1 page */
	put_section(&out, 5, &s);
	s.len = 0;

	put_u32(&s, NGLOBALS);
	put_bytes(&s, "\x7f\x01\x41\x00\x0b", 5);
	put_bytes(&s, "\x7f\x01\x41\x01\x0b", 5);
	put_bytes(&s, "\x7e\x01\x42\x02\x0b", 5);
	put_bytes(&s, "\x7c\x01\x44\0\0\0\0\0\0\0\0\x0b", 12);
	put_section(&out, 6, &s);
	s.len = 0;

	put_u32(&s, 1);
	put_u32(&s, 3);
	put_bytes(&s, "nop", 3);
	put(&s, 0x00);
	put_u32(&s, 0);
	put_section(&out, 7, &s);
	s.len = 0;

	put_u32(&s, nfuncs + 1);
	put_bytes(&s, "\x04\x00\x41\x00\x0b", 5); /* nop: i32.const 0 */
	for (uint32_t i = 0; i < nfuncs; i++) {
		cur_func = i + 1;
		function_body(&s);
	}
	put_section(&out, 10, &s);

	FILE *fp = fopen(argv[1], "wb");
	if (!fp || fwrite(out.p, 1, out.len, fp) != out.len || fclose(fp)) {
		perror(argv[1]);
		return 1;
	}
	free(s.p);
	free(out.p);
	return 0;
}
