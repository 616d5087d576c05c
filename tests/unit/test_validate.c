/*
 * test_validate.c - unit tests of load-time body validation
 * (interp/validate*.c): a module large enough to be validated on worker
 * threads must report exactly what a serial walk would, the lowest-index
 * invalid function with the compiler's message and byte offset, whichever
 * thread finds it; bodies the fast check leaves to the compiler must
 * still load.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/runtime.h"

/* Enough code (about 630 KiB; two threads need 512) for more than one
 * thread where the machine has more than one CPU. */
#define NFUNCS 4000
#define REPS 20 /* local.get 0; i32.const 1; i32.add; local.set 0 */

struct big {
	uint8_t *b;
	size_t n, cap;
	uint32_t end_at[NFUNCS]; /* offset of each body's final `end` */
};

static void put(struct big *m, const void *p, size_t n)
{
	if (m->n + n > m->cap) {
		m->cap = (m->n + n) * 2;
		m->b = realloc(m->b, m->cap);
		if (m->b == NULL)
			abort();
	}
	memcpy(m->b + m->n, p, n);
	m->n += n;
}

static void put_u32(struct big *m, uint32_t v)
{
	do {
		uint8_t byte = (uint8_t)((v & 0x7f) | (v >= 0x80 ? 0x80 : 0));
		put(m, &byte, 1);
		v >>= 7;
	} while (v != 0);
}

/* One body of type (i32) -> i32.  A bad one returns an i64 (a type
 * mismatch at its `end`); every seventh uses a typed select, which the
 * fast check leaves to the compiler. */
static size_t body(uint8_t *out, bool bad, bool typed_select)
{
	static const uint8_t step[] = {0x20, 0, 0x41, 1, 0x6a, 0x21, 0};
	static const uint8_t sel[] = {0x20, 0, 0x20, 0, 0x20, 0,
				      0x1c, 1,	  0x7f, 0x21, 0};
	size_t n = 0;
	int i;
	out[n++] = 0; /* no locals */
	if (typed_select) {
		memcpy(out + n, sel, sizeof(sel));
		n += sizeof(sel);
	}
	for (i = 0; i < REPS; i++) {
		memcpy(out + n, step, sizeof(step));
		n += sizeof(step);
	}
	if (bad) {
		out[n++] = 0x42; /* i64.const 0 */
		out[n++] = 0;
	} else {
		out[n++] = 0x20; /* local.get 0 */
		out[n++] = 0;
	}
	out[n++] = 0x0b;
	return n;
}

/* The module with the functions whose indices are in bad[0..nbad) bad. */
static void build(struct big *m, const uint32_t *bad, size_t nbad)
{
	static const uint8_t type[] = {1, 0x60, 1, 0x7f, 1, 0x7f};
	uint8_t bodies_buf[256];
	size_t code_size = 0, k;
	uint32_t i;
	size_t lens[NFUNCS];
	bool isbad[NFUNCS] = {false};

	for (k = 0; k < nbad; k++)
		isbad[bad[k]] = true;
	m->n = 0;
	put(m, "\0asm\1\0\0\0", 8);
	put(m, "\1", 1);
	put_u32(m, sizeof(type));
	put(m, type, sizeof(type));
	/* function section: NFUNCS times type 0 */
	put(m, "\3", 1);
	put_u32(m, 2 + NFUNCS); /* a 2-byte count */
	put_u32(m, NFUNCS);
	for (i = 0; i < NFUNCS; i++)
		put(m, "\0", 1);
	for (i = 0; i < NFUNCS; i++) {
		lens[i] = body(bodies_buf, isbad[i], i % 7 == 3);
		code_size += (lens[i] < 128 ? 1 : 2) + lens[i];
	}
	put(m, "\12", 1);
	put_u32(m, (uint32_t)(code_size + 2));
	put_u32(m, NFUNCS);
	for (i = 0; i < NFUNCS; i++) {
		body(bodies_buf, isbad[i], i % 7 == 3);
		put_u32(m, (uint32_t)lens[i]);
		m->end_at[i] = (uint32_t)(m->n + lens[i] - 1);
		put(m, bodies_buf, lens[i]);
	}
}

/* Load; the status, and the message in msg. */
static int load(const struct big *m, char *msg, size_t len)
{
	struct wx_report r = {0};
	struct wx_module *mod = NULL;
	int rc = wx_module_load(m->b, m->n, &mod, &r);
	snprintf(msg, len, "%s", r.set ? r.msg : "");
	if (mod != NULL)
		wx_module_destroy(mod);
	return rc;
}

/* Loading fails with the message of function `want`, every time. */
static bool reports(const uint32_t *bad, size_t nbad, uint32_t want)
{
	struct big m = {0};
	char msg[480], expect[480];
	int round;
	bool ok = true;

	build(&m, bad, nbad);
	snprintf(expect, sizeof(expect),
		 "type mismatch: expected i32, found i64 (in function %u at "
		 "byte offset 0x%x)",
		 want, m.end_at[want]);
	for (round = 0; round < 10 && ok; round++) {
		int rc = load(&m, msg, sizeof(msg));
		if (rc != WX_EINVALID || strcmp(msg, expect) != 0) {
			printf("  got %d \"%s\"\n  want %d \"%s\"\n", rc, msg,
			       WX_EINVALID, expect);
			ok = false;
		}
	}
	free(m.b);
	return ok;
}

WX_TEST(validate_large_module_loads)
{
	struct big m = {0};
	char msg[480];
	build(&m, NULL, 0);
	CHECK(m.n > 512 * 1024);
	CHECK(load(&m, msg, sizeof(msg)) == 0);
	free(m.b);
}

WX_TEST(validate_reports_lowest_invalid_function)
{
	uint32_t late[] = {NFUNCS - 100};
	uint32_t two[] = {NFUNCS - 5, 10};
	uint32_t first[] = {0};
	uint32_t last[] = {NFUNCS - 1};
	uint32_t many[] = {3999, 2001, 2000, 3000, 3500};
	/* Each thread likely finds one of these first. */
	uint32_t spread[] = {NFUNCS / 2 + 1, NFUNCS / 2 - 1};
	CHECK(reports(late, 1, NFUNCS - 100));
	CHECK(reports(two, 2, 10));
	CHECK(reports(first, 1, 0));
	CHECK(reports(last, 1, NFUNCS - 1));
	CHECK(reports(many, 5, 2000));
	CHECK(reports(spread, 2, NFUNCS / 2 - 1));
}

/* ---- the fast check against the compiler ---- */

#include "interp/compile_int.h"
#include "interp/validate.h"

/* Function 0, type (i32 i32) -> i32 with locals i64 f64 f32 (2, 3, 4):
 * control flow, locals, globals, memory, calls, select, unreachable code,
 * and numeric instructions of every signature class, each consumed by a
 * local.set that pins its result type. */
static const uint8_t rich_body[] = {
	3, 1, 0x7e, 1, 0x7c, 1, 0x7d, /* locals */
	0x02, 0x7f, 0x41, 5, 0x20, 0, 0x0d, 0, 0x0b, 0x21, 0,
	0x03, 0x40, 0x20, 0, 0x41, 1, 0x6b, 0x22, 0, 0x0d, 0, 0x0b,
	0x20, 1, 0x04, 0x40, 0x42, 0xff, 0, 0x21, 2,
	0x05, 0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0x21, 3, 0x0b,
	0x02, 0x40, 0x20, 0, 0x0e, 1, 0, 0, 0x0b,
	0x23, 0, 0x41, 1, 0x6a, 0x24, 0,
	0x41, 0, 0x28, 2, 0, 0x1a,
	0x41, 0, 0x20, 0, 0x36, 2, 4,
	0x20, 0, 0x20, 1, 0x41, 0, 0x11, 0, 0,
	0x20, 1, 0x20, 0, 0x1b,
	0x10, 1,
	0x3f, 0, 0x1a,
	0x02, 0x40, 0x00, 0x0b,
	0x20, 2, 0x20, 2, 0x7c, 0x21, 2,	/* i64.add */
	0x20, 2, 0x20, 2, 0x53, 0x21, 0,	/* i64.lt_s */
	0x20, 3, 0x20, 3, 0xa2, 0x21, 3,	/* f64.mul */
	0x20, 3, 0x20, 3, 0x63, 0x21, 0,	/* f64.lt */
	0x20, 4, 0x20, 4, 0x92, 0x21, 4,	/* f32.add */
	0x20, 4, 0x20, 4, 0x5d, 0x21, 0,	/* f32.lt */
	0x20, 0, 0x67, 0x21, 0,		/* i32.clz */
	0x20, 2, 0x79, 0x21, 2,		/* i64.clz */
	0x20, 2, 0x50, 0x21, 0,		/* i64.eqz */
	0x20, 3, 0x9a, 0x21, 3,		/* f64.neg */
	0x20, 4, 0x8c, 0x21, 4,		/* f32.neg */
	0x20, 0, 0xac, 0x21, 2,		/* i64.extend_i32_s */
	0x20, 2, 0xb9, 0x21, 3,		/* f64.convert_i64_s */
	0x20, 3, 0xaa, 0x21, 0,		/* i32.trunc_f64_s */
	0x20, 4, 0xbb, 0x21, 3,		/* f64.promote_f32 */
	0x0f, 0x0b,
};

/* The module around a function 0 of type (i32 i32) -> i32 whose body
 * (locals vector included) is `body` (function 1: () -> () with body
 * `end`). */
static size_t body_module(uint8_t *out, const uint8_t *bytes,
			  size_t body)
{
	static const uint8_t head[] = {
		0, 'a', 's', 'm', 1, 0, 0, 0,
		1, 10, 2, 0x60, 2, 0x7f, 0x7f, 1, 0x7f, 0x60, 0, 0, /* types */
		3, 3, 2, 0, 1,					/* funcs */
		4, 4, 1, 0x70, 0, 1,				/* table */
		5, 3, 1, 0, 1,					/* memory */
		6, 6, 1, 0x7f, 1, 0x41, 0, 0x0b,		/* global */
	};
	size_t n = 0;
	memcpy(out, head, sizeof(head));
	n += sizeof(head);
	/* Sizes as 2-byte LEB128s (the body is over 127 bytes). */
	out[n++] = 10;
	out[n++] = (uint8_t)(((1 + 2 + body + 3) & 0x7f) | 0x80);
	out[n++] = (uint8_t)((1 + 2 + body + 3) >> 7);
	out[n++] = 2;
	out[n++] = (uint8_t)((body & 0x7f) | 0x80);
	out[n++] = (uint8_t)(body >> 7);
	memcpy(out + n, bytes, body);
	n += body;
	out[n++] = 2;
	out[n++] = 0; /* no locals */
	out[n++] = 0x0b;
	return n;
}

static size_t rich_module(uint8_t *out)
{
	return body_module(out, rich_body, sizeof(rich_body));
}

/* Whether function `idx` of `m` passes the fast check, and the
 * compiler's validation. */
static void both(const struct wx_module *m, uint32_t idx, bool *fast,
		 bool *full)
{
	struct wx_vstate vs = {0};
	struct wx_report r = {0};
	struct compiler c;
	memset(&c, 0, sizeof(c));
	c.m = m;
	c.r = &r;
	*fast = wx_validate_fast(&vs, m, idx);
	*full = wxc_validate_function(&c, idx) == 0;
	wxc_compiler_fini(&c);
	wx_vstate_fini(&vs);
}

/* Every single-byte change of the body: whatever the fast check accepts,
 * the compiler must accept too (it is the authority; the fast check may
 * only be more cautious). */
WX_TEST(validate_fast_never_accepts_more)
{
	uint8_t mod[256];
	size_t n = rich_module(mod), at, start = n - sizeof(rich_body) - 3;
	struct wx_report r = {0};
	struct wx_module *m = NULL;
	bool fast, full;
	unsigned accepted = 0;
	int v;

	CHECK(wx_module_decode(mod, n, &m, &r) == 0);
	if (m == NULL) {
		printf("  %s\n", r.msg);
		return;
	}
	both(m, 0, &fast, &full);
	CHECK(fast && full); /* the fast check covers all of it */
	wx_module_destroy(m);
	for (at = start; at < start + sizeof(rich_body); at++) {
		uint8_t orig = mod[at];
		for (v = 0; v < 256; v++) {
			mod[at] = (uint8_t)v;
			memset(&r, 0, sizeof(r));
			if (wx_module_decode(mod, n, &m, &r) != 0)
				continue;
			both(m, 0, &fast, &full);
			if (fast && !full)
				printf("  byte %zu = 0x%02x: fast check "
				       "accepts an invalid body\n", at, v);
			CHECK(!fast || full);
			accepted += fast;
			wx_module_destroy(m);
		}
		mod[at] = orig;
	}
	CHECK(accepted > 1000);
}

/* As rich_body, with SIMD (the fast check's 0xfd handler): a v128 local
 * (2), v128.const, loads and stores (plain, splat, lane), a shuffle,
 * lane extraction and replacement, arithmetic, relaxed SIMD and a block
 * with a v128 result. */
static const uint8_t simd_body[] = {
	1, 1, 0x7b, /* locals: v128 */
	0xfd, 0x0c, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0x21, 2,
	0x41, 0, 0x20, 2, 0xfd, 0x0b, 4, 0,		/* v128.store */
	0x41, 16, 0xfd, 0x00, 4, 0, 0x20, 2,		/* v128.load */
	0xfd, 0x0d, 0, 17, 2, 19, 4, 21, 6, 23, 8, 25, 10, 27, 12, 29, 14, 31,
	0xfd, 0x1b, 3, 0x21, 0,				/* extract_lane */
	0x41, 0, 0x20, 2, 0xfd, 0x58, 0, 0, 15,		/* store8_lane */
	0x20, 2, 0x20, 2, 0xfd, 0xe6, 1,		/* f32x4.mul */
	0xfd, 0x1d, 1, 0x1a,				/* i64x2 lane */
	0x02, 0x7b, 0x20, 2, 0x0b, 0x21, 2,		/* block v128 */
	0x41, 0, 0xfd, 0x09, 2, 0, 0x20, 2,		/* load32_splat */
	0xfd, 0x80, 2, 0x21, 2,				/* relaxed_swizzle */
	0x20, 2, 0x20, 0, 0xfd, 0x1c, 1, 0x21, 2,	/* replace_lane */
	0x20, 0, 0x0b,
};

WX_TEST(validate_fast_simd_never_accepts_more)
{
	uint8_t mod[256];
	size_t n = body_module(mod, simd_body, sizeof(simd_body)), at;
	size_t start = n - sizeof(simd_body) - 3;
	struct wx_report r = {0};
	struct wx_module *m = NULL;
	bool fast, full;
	unsigned accepted = 0;
	int v;

	CHECK(wx_module_decode(mod, n, &m, &r) == 0);
	if (m == NULL) {
		printf("  %s\n", r.msg);
		return;
	}
	both(m, 0, &fast, &full);
	CHECK(fast && full); /* the fast check covers all of it */
	wx_module_destroy(m);
	for (at = start; at < start + sizeof(simd_body); at++) {
		uint8_t orig = mod[at];
		for (v = 0; v < 256; v++) {
			mod[at] = (uint8_t)v;
			memset(&r, 0, sizeof(r));
			if (wx_module_decode(mod, n, &m, &r) != 0)
				continue;
			both(m, 0, &fast, &full);
			if (fast && !full)
				printf("  byte %zu = 0x%02x: fast check "
				       "accepts an invalid body\n", at, v);
			CHECK(!fast || full);
			accepted += fast;
			wx_module_destroy(m);
		}
		mod[at] = orig;
	}
	CHECK(accepted > 1000);
}
