/*
 * test_native_simd.c - the native tier's SIMD prelude
 * (src/native/native_prelude_simd.h) against the interpreter
 * (wx_simd_exec): every SIMD instruction with a prelude function, on
 * operands rich in edge cases (NaNs quiet and signalling with payloads,
 * signed zeros, infinities, lane minima and maxima, conversion bounds),
 * must give the same bits.  The spec tests check results up to NaN
 * classes; here the two tiers must agree exactly, as issue 15 asks.
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "interp/code.h"
#include "native/native_abi.h"
#include "native/native_prelude.h"
#include "native/native_prelude_simd.h"
#include "unit.h"

/* The generated code's own definitions, as the translator pastes them. */
WXN_ABI_DECLS(WXN_ABI_BODY)
WXN_ABI_DECLS(WXN_PRELUDE)
#define WXN_SHUFFLE(a, b, ...) __builtin_shufflevector(a, b, __VA_ARGS__)
WXN_ABI_DECLS(WXN_SIMD_PRELUDE)

typedef void (*anyfn)(void);

struct op {
	uint32_t sub;
	const char *name, *sig;
	char imm; /* 'N', 'L', 'M' (memory, with or without a lane) */
	anyfn fn;
};

#define E_N(sub, ident, sig) {sub, #ident, sig, 'N', (anyfn)wxn_##ident},
#define E_L(sub, ident, sig) {sub, #ident, sig, 'L', (anyfn)wxn_##ident},
#define E_M(sub, ident, sig) {sub, #ident, sig, 'M', (anyfn)wxn_##ident},
#define E_ML(sub, ident, sig) {sub, #ident, sig, 'M', (anyfn)wxn_##ident},
#define E_C(sub, ident, sig)
#define E_SH(sub, ident, sig)

static const struct op ops[] = {
#define SIMD(sub, ident, name, imm, sig) E_##imm(sub, ident, sig)
#include "interp/simd.def"
};

/* xorshift: the same operands on every run */
static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static const uint32_t special32[] = {
	0, 1, 0xffffffffu, 0x7fffffffu, 0x80000000u, 0x7f, 0x80, 0xff,
	0x7fff, 0x8000, 0xffff, 0x00ff00ffu, 0xff00ff80u,
	0x80000000u /* -0.0f */, 0x3f800000u /* 1 */, 0xbfc00000u /* -1.5 */,
	0x7f800000u, 0xff800000u, 0x7fc00000u, 0xffc00000u,
	0x7fa00001u /* signalling */, 0xffc12345u, 0x7f800001u,
	0x4f000000u /* 2^31 */, 0xcf000000u, 0x4f800000u /* 2^32 */,
	0x4effffffu, 0x3f000000u /* 0.5 */, 0xbf000000u, 0x40200000u /* 2.5 */,
	0x00000001u /* denormal */, 0x4b000001u, 0x7f7fffffu,
};
static const uint64_t special64[] = {
	0, 0x8000000000000000ull, 0x3ff0000000000000ull,
	0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
	0xfff8000000000001ull, 0x7ff4000000000001ull /* signalling */,
	0x41e0000000000000ull /* 2^31 */, 0xc1e0000000200000ull,
	0x41efffffffe00000ull, 0x41f0000000000000ull /* 2^32 */,
	0x3fe0000000000000ull /* 0.5 */, 0xbff8000000000000ull /* -1.5 */,
	0x4330000000000001ull, 0x7fefffffffffffffull, 0xffffffffffffffffull,
	0x7fffffffffffffffull, 1,
};

/* A v128 operand: random bytes, or lanes of edge cases. */
static void operand(uint64_t v[2])
{
	unsigned k, mode = (unsigned)(next() % 4);
	v[0] = next();
	v[1] = next();
	if (mode == 1) {
		uint32_t w[4];
		for (k = 0; k < 4; k++)
			w[k] = next() % 3 ? special32[next() % (sizeof(special32) /
							       sizeof(special32[0]))]
					  : (uint32_t)next();
		memcpy(v, w, 16);
	} else if (mode == 2) {
		for (k = 0; k < 2; k++)
			v[k] = special64[next() % (sizeof(special64) /
						   sizeof(special64[0]))];
	} else if (mode == 3) { /* narrow lanes near their bounds */
		uint8_t b[16];
		static const uint8_t edge[] = {0, 1, 0x7f, 0x80, 0x81, 0xff, 0xfe};
		for (k = 0; k < 16; k++)
			b[k] = edge[next() % sizeof(edge)];
		memcpy(v, b, 16);
	}
}

static uint64_t scalar_operand(char t)
{
	uint64_t x = next();
	switch (next() % 3) {
	case 0:
		x = t == 'l' || t == 'd'
			    ? special64[next() % (sizeof(special64) /
						  sizeof(special64[0]))]
			    : special32[next() % (sizeof(special32) /
						  sizeof(special32[0]))];
		break;
	case 1:
		x %= 200; /* shift counts around the lane widths */
		break;
	}
	return t == 'l' || t == 'd' ? x : (uint32_t)x;
}

static float f32of(uint64_t x)
{
	uint32_t u = (uint32_t)x;
	float f;
	memcpy(&f, &u, 4);
	return f;
}

static double f64of(uint64_t x)
{
	double d;
	memcpy(&d, &x, 8);
	return d;
}

/* Number of lanes of the shape an L or ML instruction names. */
static unsigned lanes_of(const char *name)
{
	if (strstr(name, "8x16") || strstr(name, "8_lane"))
		return 16;
	if (strstr(name, "16x8") || strstr(name, "16_lane"))
		return 8;
	if (strstr(name, "32x4") || strstr(name, "32_lane"))
		return 4;
	return 2;
}

/* Lane width in bits of the float results of o that may be NaN, or 0:
 * where a NaN comes out, the spec lets its payload and sign vary (the
 * host's choice of which NaN operand an instruction returns, and the C
 * compilers' operand order, decide them, in either tier), so two quiet
 * NaNs are the same result. */
static unsigned nan_lanes(const struct op *o)
{
	static const char *const exact[] = {"_eq", "_ne", "_lt", "_gt", "_le",
					    "_ge", "pmin", "pmax", "_abs",
					    "_neg", "lane", "splat"};
	size_t k;
	if (strncmp(o->name, "f32x4", 5) != 0 &&
	    strncmp(o->name, "f64x2", 5) != 0)
		return 0;
	for (k = 0; k < sizeof(exact) / sizeof(exact[0]); k++)
		if (strstr(o->name, exact[k]) != NULL)
			return 0;
	return o->name[1] == '3' ? 32 : 64;
}

static bool quiet_nan(uint64_t x, unsigned bits)
{
	if (bits == 32)
		return ((uint32_t)x & 0x7fc00000u) == 0x7fc00000u;
	return (x & 0x7ff8000000000000ull) == 0x7ff8000000000000ull;
}

/* want and got the same, up to the payloads of quiet NaN lanes. */
static bool same(const struct op *o, const uint64_t *want,
		 const uint64_t *got)
{
	unsigned bits = nan_lanes(o), k;
	if (want[0] == got[0] && want[1] == got[1])
		return true;
	if (bits == 0)
		return false;
	for (k = 0; k < 128 / bits; k++) {
		unsigned sh = bits == 32 ? (k % 2) * 32 : 0;
		uint64_t m = bits == 32 ? 0xffffffffull : ~0ull;
		uint64_t w = (want[k * bits / 64] >> sh) & m;
		uint64_t g = (got[k * bits / 64] >> sh) & m;
		if (w != g && !(quiet_nan(w, bits) && quiet_nan(g, bits)))
			return false;
	}
	return true;
}

static unsigned failures;

static void report(const struct op *o, const uint64_t *a, const uint64_t *b,
		   const uint64_t *c, unsigned lane, const uint64_t *want,
		   const uint64_t *got)
{
	if (++failures > 20)
		return;
	fprintf(stderr,
		"  %s lane %u: a %016llx%016llx b %016llx%016llx c "
		"%016llx%016llx: interp %016llx%016llx native %016llx%016llx\n",
		o->name, lane, (unsigned long long)a[1],
		(unsigned long long)a[0], (unsigned long long)b[1],
		(unsigned long long)b[0], (unsigned long long)c[1],
		(unsigned long long)c[0], (unsigned long long)want[1],
		(unsigned long long)want[0], (unsigned long long)got[1],
		(unsigned long long)got[0]);
}

static void vput(uint64_t *d, wxn_v v)
{
	d[0] = v[0];
	d[1] = v[1];
}

/* One instruction on one set of operands: true if both tiers agree. */
static bool one(const struct op *o)
{
	/* slots: 0 result, 1..3 operands; sh the high halves */
	uint64_t fp[4] = {0}, sh[4] = {0}, a[2], b[2], c[2];
	uint64_t want[2] = {0}, got[2] = {0};
	uint8_t mem_i[64], mem_n[64];
	uint32_t pc[WX_SIMD_WORDS] = {0};
	wxn_v va, vb, vc;
	const char *sig = o->sig;
	unsigned lane = 0, k;
	operand(a);
	operand(b);
	operand(c);
	va = (wxn_v){a[0], a[1]};
	vb = (wxn_v){b[0], b[1]};
	vc = (wxn_v){c[0], c[1]};
	pc[1] = o->sub;
	pc[2] = 0;
	pc[3] = 1;
	pc[4] = 2;
	pc[5] = o->imm == 'M' ? 0 : 3; /* memory forms: the memory index */
	if (o->imm == 'L') {
		lane = (unsigned)(next() % lanes_of(o->name));
		pc[6] = lane;
	} else if (o->imm == 'M' && strstr(o->name, "_lane")) {
		lane = (unsigned)(next() % lanes_of(o->name));
		pc[7] = lane; /* i0 is the offset, 0 */
	}
	for (k = 0; k < sizeof(mem_i); k++)
		mem_i[k] = mem_n[k] = (uint8_t)next();
	/* operands in slots: a v128 in both halves, a scalar low */
	for (k = 0; sig[k] != ':'; k++) {
		const uint64_t *v = k == 0 ? a : k == 1 ? b : c;
		if (sig[k] == 'v') {
			fp[1 + k] = v[0];
			sh[1 + k] = v[1];
		} else {
			fp[1 + k] = scalar_operand(sig[k]);
		}
	}
	if (o->imm == 'M')
		fp[1] = next() % 40; /* the address, in bounds */
	if (wx_simd_exec(pc, fp, sh, NULL, mem_i, sizeof(mem_i)) != 0) {
		fprintf(stderr, "  %s: the interpreter refused\n", o->name);
		return false;
	}
	want[0] = fp[0];
	want[1] = sh[0];
	if (o->imm == 'M') {
		uint8_t *p = mem_n + fp[1];
		if (strcmp(sig, "i:v") == 0)
			vput(got, ((wxn_v(*)(const uint8_t *))o->fn)(p));
		else if (strcmp(sig, "iv:v") == 0)
			vput(got, ((wxn_v(*)(const uint8_t *, wxn_v, unsigned))
					   o->fn)(p, vb, lane));
		else if (strstr(o->name, "_lane"))
			((void (*)(uint8_t *, wxn_v, unsigned))o->fn)(p, vb,
								      lane);
		else
			((void (*)(uint8_t *, wxn_v))o->fn)(p, vb);
		if (sig[3] == '\0') { /* a store: compare memory */
			if (memcmp(mem_i, mem_n, sizeof(mem_i)) != 0) {
				report(o, a, b, c, lane, want, got);
				return false;
			}
			return true;
		}
	} else if (strcmp(sig, "v:v") == 0) {
		vput(got, ((wxn_v(*)(wxn_v))o->fn)(va));
	} else if (strcmp(sig, "vv:v") == 0) {
		vput(got, ((wxn_v(*)(wxn_v, wxn_v))o->fn)(va, vb));
	} else if (strcmp(sig, "vvv:v") == 0) {
		vput(got, ((wxn_v(*)(wxn_v, wxn_v, wxn_v))o->fn)(va, vb, vc));
	} else if (strcmp(sig, "vi:v") == 0 && o->imm == 'N') {
		vput(got, ((wxn_v(*)(wxn_v, uint32_t))o->fn)(va,
							     (uint32_t)fp[2]));
	} else if (strcmp(sig, "v:i") == 0 && o->imm == 'N') {
		got[0] = ((uint32_t(*)(wxn_v))o->fn)(va);
		want[1] = 0;
	} else if (strcmp(sig, "i:v") == 0) {
		vput(got, ((wxn_v(*)(uint32_t))o->fn)((uint32_t)fp[1]));
	} else if (strcmp(sig, "l:v") == 0) {
		vput(got, ((wxn_v(*)(uint64_t))o->fn)(fp[1]));
	} else if (strcmp(sig, "f:v") == 0) {
		vput(got, ((wxn_v(*)(float))o->fn)(f32of(fp[1])));
	} else if (strcmp(sig, "d:v") == 0) {
		vput(got, ((wxn_v(*)(double))o->fn)(f64of(fp[1])));
	} else if (sig[0] == 'v' && sig[1] == ':') { /* extract_lane */
		want[1] = 0;
		switch (sig[2]) {
		case 'i':
			got[0] = ((uint32_t(*)(wxn_v, unsigned))o->fn)(va, lane);
			break;
		case 'l':
			got[0] = ((uint64_t(*)(wxn_v, unsigned))o->fn)(va, lane);
			break;
		case 'f':
			got[0] = wxn_fb(
				((float (*)(wxn_v, unsigned))o->fn)(va, lane));
			break;
		case 'd':
			got[0] = wxn_db(
				((double (*)(wxn_v, unsigned))o->fn)(va, lane));
			break;
		}
	} else { /* replace_lane: v, scalar, lane */
		switch (sig[1]) {
		case 'i':
			vput(got, ((wxn_v(*)(wxn_v, uint32_t, unsigned))o->fn)(
					  va, (uint32_t)fp[2], lane));
			break;
		case 'l':
			vput(got, ((wxn_v(*)(wxn_v, uint64_t, unsigned))o->fn)(
					  va, fp[2], lane));
			break;
		case 'f':
			vput(got, ((wxn_v(*)(wxn_v, float, unsigned))o->fn)(
					  va, f32of(fp[2]), lane));
			break;
		case 'd':
			vput(got, ((wxn_v(*)(wxn_v, double, unsigned))o->fn)(
					  va, f64of(fp[2]), lane));
			break;
		}
	}
	if (!same(o, want, got)) {
		report(o, a, b, c, lane, want, got);
		return false;
	}
	return true;
}

WX_TEST(native_simd_prelude_matches_interpreter)
{
	size_t i;
	unsigned n, bad_ops = 0;
	CHECK(sizeof(ops) / sizeof(ops[0]) > 200); /* the list was read */
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		bool ok = true;
		for (n = 0; n < 3000; n++)
			ok &= one(&ops[i]);
		if (!ok)
			bad_ops++;
	}
	CHECK(bad_ops == 0);
}
