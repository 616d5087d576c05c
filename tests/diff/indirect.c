/*
 * indirect.c - differential test program: indirect calls.
 * Calls through tables of function pointers (call_indirect) of several
 * signatures, a comparator passed to a generic sort, a struct of function
 * pointers used as a vtable, and functions returning function pointers.
 */
#include <stdint.h>

typedef uint32_t (*binop_fn)(uint32_t, uint32_t);
typedef double (*unop_fn)(double);
typedef int64_t (*op64_fn)(int64_t);

static uint32_t op_add(uint32_t a, uint32_t b) { return a + b; }
static uint32_t op_sub(uint32_t a, uint32_t b) { return a - b; }
static uint32_t op_mul(uint32_t a, uint32_t b) { return a * b; }
static uint32_t op_xor(uint32_t a, uint32_t b) { return a ^ b; }
static uint32_t op_rot(uint32_t a, uint32_t b)
{
	b &= 31;
	return b ? a << b | a >> (32 - b) : a;
}
static uint32_t op_div(uint32_t a, uint32_t b) { return b ? a / b : a; }
static uint32_t op_min(uint32_t a, uint32_t b) { return a < b ? a : b; }
static uint32_t op_hash(uint32_t a, uint32_t b)
{
	return (a ^ b) * 0x9e3779b1u;
}

static binop_fn const binops[] = { op_add, op_sub, op_mul, op_xor,
				   op_rot, op_div, op_min, op_hash };

/* Apply n operations chosen by a generator to an accumulator. */
int32_t dispatch(int32_t seed, int32_t n)
{
	uint32_t s = (uint32_t)seed | 1u, acc = 1;
	int32_t i;

	for (i = 0; i < n; i++) {
		s ^= s << 13;
		s ^= s >> 17;
		s ^= s << 5;
		acc = binops[s & 7](acc, s >> 3);
	}
	return (int32_t)acc;
}

static double u_half(double x) { return x * 0.5; }
static double u_sq(double x) { return x * x; }
static double u_inc(double x) { return x + 1.0; }
static double u_sqrt(double x) { return __builtin_sqrt(x < 0 ? -x : x); }
static double u_neg(double x) { return -x; }
static double u_recip(double x) { return x != 0 ? 1.0 / x : 0; }

static unop_fn unops[] = { u_half, u_sq, u_inc, u_sqrt, u_neg, u_recip };

double compose(double x, int32_t code)
{
	uint32_t c = (uint32_t)code;
	int i;

	for (i = 0; i < 10; i++) {
		x = unops[c % 6](x);
		c /= 6;
		if (x > 1e100 || x < -1e100)
			x = 1.0;
	}
	return x;
}

/* A "class" with virtual methods. */
struct shape;
struct shape_ops {
	int64_t (*area)(const struct shape *);
	int64_t (*perimeter)(const struct shape *);
	int32_t (*kind)(void);
};
struct shape {
	const struct shape_ops *ops;
	int32_t a, b;
};

static int64_t rect_area(const struct shape *s)
{
	return (int64_t)s->a * s->b;
}
static int64_t rect_perim(const struct shape *s)
{
	return 2 * ((int64_t)s->a + s->b);
}
static int32_t rect_kind(void) { return 1; }
static int64_t tri_area(const struct shape *s)
{
	return (int64_t)s->a * s->b / 2;
}
static int64_t tri_perim(const struct shape *s)
{
	return 3 * (int64_t)s->a;
}
static int32_t tri_kind(void) { return 2; }
static int64_t sq_area(const struct shape *s)
{
	return (int64_t)s->a * s->a;
}
static int32_t sq_kind(void) { return 3; }

static const struct shape_ops rect_ops = { rect_area, rect_perim, rect_kind };
static const struct shape_ops tri_ops = { tri_area, tri_perim, tri_kind };
static const struct shape_ops sq_ops = { sq_area, rect_perim, sq_kind };

int64_t shapes(int32_t seed, int32_t n)
{
	static struct shape objs[256];
	static const struct shape_ops *const kinds[] = { &rect_ops, &tri_ops,
							 &sq_ops };
	uint32_t s = (uint32_t)seed | 1u, count;
	uint64_t total = 0;
	uint32_t i;

	count = n < 0 ? 0 : n > 256 ? 256 : (uint32_t)n;
	for (i = 0; i < count; i++) {
		s = s * 1664525u + 1013904223u;
		objs[i].ops = kinds[(s >> 24) % 3];
		objs[i].a = (int32_t)(s % 10000);
		objs[i].b = (int32_t)((s >> 8) % 10000);
	}
	for (i = 0; i < count; i++) {
		const struct shape *o = &objs[i];
		total = total * 3 + (uint64_t)o->ops->area(o);
		total += (uint64_t)o->ops->perimeter(o) *
			 (uint64_t)o->ops->kind();
	}
	return (int64_t)total;
}

/* Generic insertion sort with a comparator. */
static void gsort(int32_t *a, uint32_t n,
		  int (*cmp)(int32_t, int32_t))
{
	uint32_t i, j;
	int32_t v;

	for (i = 1; i < n; i++) {
		v = a[i];
		for (j = i; j > 0 && cmp(a[j - 1], v) > 0; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

static int cmp_asc(int32_t x, int32_t y) { return (x > y) - (x < y); }
static int cmp_desc(int32_t x, int32_t y) { return (x < y) - (x > y); }
static int cmp_abs(int32_t x, int32_t y)
{
	uint32_t ax = x < 0 ? 0u - (uint32_t)x : (uint32_t)x;
	uint32_t ay = y < 0 ? 0u - (uint32_t)y : (uint32_t)y;
	return ax != ay ? (ax > ay) - (ax < ay) : cmp_asc(x, y);
}
static int cmp_parity(int32_t x, int32_t y)
{
	int px = x & 1, py = y & 1;
	return px != py ? px - py : cmp_asc(x, y);
}

int64_t sortcmp(int32_t seed, int32_t n, int32_t which)
{
	static int (*const cmps[])(int32_t, int32_t) = { cmp_asc, cmp_desc,
							 cmp_abs, cmp_parity };
	static int32_t arr[1024];
	uint32_t s = (uint32_t)seed | 1u, count, i;
	uint64_t h = 0;

	count = n < 0 ? 0 : n > 1024 ? 1024 : (uint32_t)n;
	for (i = 0; i < count; i++) {
		s ^= s << 13;
		s ^= s >> 17;
		s ^= s << 5;
		arr[i] = (int32_t)(s % 2001u) - 1000;
	}
	gsort(arr, count, cmps[(uint32_t)which % 4]);
	for (i = 0; i < count; i++)
		h = h * 1000003u + (uint32_t)arr[i];
	return (int64_t)h;
}

static int64_t f_a(int64_t x) { return x * 3 + 1; }
static int64_t f_b(int64_t x) { return x / 2; }
static int64_t f_c(int64_t x) { return x ^ (x >> 7); }

/* Returns the next function to apply: a state machine of pointers. */
static op64_fn next_fn(op64_fn cur, int64_t x)
{
	if (cur == f_a)
		return f_b;
	if (cur == f_b)
		return (x & 1) ? f_a : f_c;
	return f_b;
}

int64_t fnchain(int64_t x, int32_t n)
{
	op64_fn f = f_a;
	int32_t i;

	x &= 0xffffff;
	for (i = 0; i < n; i++) {
		x = f(x) & 0xffffffffff;
		f = next_fn(f, x);
	}
	return x + (f == f_a) * 1000000000000 + (f == f_b) * 2000000000000;
}
