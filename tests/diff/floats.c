/*
 * floats.c - differential test program: IEEE-754 arithmetic.
 * Sums (naive and Kahan), products, division chains, square roots
 * (__builtin_sqrt: one correctly rounded instruction on both sides), a
 * polynomial, float <-> int conversions within range (out-of-range inputs
 * are clamped first: the C conversion would be UB), int64 -> float
 * conversions that need correct rounding, an n-body step, Mandelbrot.
 * Native must be built without FMA contraction (-ffp-contract=off).
 * No NaN is ever returned (its sign is not portable).
 */
#include <stdint.h>

double fsum(int32_t n)
{
	double s = 0;
	int32_t i;

	for (i = 1; i <= n; i++)
		s += 1.0 / i;
	return s;
}

double kahan(int32_t n)
{
	double s = 0, c = 0, y, t;
	int32_t i;

	for (i = 1; i <= n; i++) {
		y = 1.0 / ((double)i * i) - c;
		t = s + y;
		c = (t - s) - y;
		s = t;
	}
	return s;
}

float fsum32(int32_t n)
{
	float s = 0;
	int32_t i;

	for (i = 1; i <= n; i++)
		s += 1.0f / (float)i;
	return s;
}

double fprod(int32_t n, double x)
{
	double p = 1;
	int32_t i;

	for (i = 0; i < n; i++)
		p *= x + i * 0.125;
	return p;
}

double fdivchain(double a, double b, int32_t n)
{
	int32_t i;

	if (b == 0)
		return 0;
	for (i = 0; i < n; i++) {
		a = a / b + 1.0 / (i + 1);
		b = b * 1.0009765625;
	}
	return a;
}

double sqrt64(double x)
{
	return x < 0 ? -__builtin_sqrt(-x) : __builtin_sqrt(x);
}

float sqrt32(float x)
{
	return x < 0 ? -__builtin_sqrtf(-x) : __builtin_sqrtf(x);
}

double newton(double x)
{
	double r = x > 1 ? x : 1;
	int i;

	if (x <= 0)
		return 0;
	for (i = 0; i < 60; i++)
		r = 0.5 * (r + x / r);
	return r;
}

double poly(double x)
{
	static const double c[] = { 1.0, -0.5, 0.041666666666666664,
				    -0.001388888888888889, 2.48015873015873e-05,
				    -2.755731922398589e-07 };
	double y = x * x, r = 0;
	int i;

	for (i = 5; i >= 0; i--)
		r = r * y + c[i];
	return r;
}

double rounding(double x)
{
	return __builtin_floor(x) * 1000 + __builtin_ceil(x) * 100 +
	       __builtin_trunc(x) * 10 + __builtin_rint(x) +
	       __builtin_fabs(x) * 0.5 + __builtin_copysign(3.0, x);
}

float rounding32(float x)
{
	return __builtin_floorf(x) * 1000 + __builtin_ceilf(x) * 100 +
	       __builtin_truncf(x) * 10 + __builtin_rintf(x) +
	       __builtin_fabsf(x) * 0.5f + __builtin_copysignf(3.0f, x);
}

static double clamp(double x, double lo, double hi)
{
	if (!(x == x))
		return 0;
	return x < lo ? lo : x > hi ? hi : x;
}

int32_t f2i(double x)
{
	return (int32_t)clamp(x, -2147483648.0, 2147483647.0);
}

int32_t f2u(double x)
{
	return (int32_t)(uint32_t)clamp(x, 0, 4294967295.0);
}

int64_t f2l(double x)
{
	return (int64_t)clamp(x, -9223372036854775808.0,
			      9223372036854774784.0);
}

int64_t f2ul(double x)
{
	return (int64_t)(uint64_t)clamp(x, 0, 18446744073709549568.0);
}

int32_t f32toi(float x)
{
	if (!(x == x))
		return 0;
	if (x < -2147483648.0f)
		return INT32_MIN;
	if (x >= 2147483648.0f)
		return INT32_MAX;
	return (int32_t)x;
}

double i2f(int32_t x)
{
	return (double)x + (double)(uint32_t)x * 0.5;
}

double l2f(int64_t x)
{
	return (double)x;
}

double ul2f(int64_t x)
{
	return (double)(uint64_t)x;
}

float l2f32(int64_t x)
{
	return (float)x;
}

float ul2f32(int64_t x)
{
	return (float)(uint64_t)x;
}

float i2f32(int32_t x)
{
	return (float)x + (float)(uint32_t)x;
}

double promote(float x)
{
	return (double)x * 3;
}

float demote(double x)
{
	return (float)x;
}

float fmix32(float a, float b)
{
	float r = a;
	int i;

	for (i = 0; i < 20; i++)
		r = r * b + a / (b + (float)i + 1.0f) - r * 0.25f;
	return r;
}

/* Five bodies, advanced `steps` times with dt; returns the energy. */
double nbody(int32_t steps)
{
	static const double init[5][7] = {
		{ 0, 0, 0, 0, 0, 0, 39.47841760435743 },
		{ 4.84143144246472090, -1.16032004402742839,
		  -0.103622044471123109, 0.606326392995832, 2.81198684491626,
		  -0.02521836165988763, 0.03769367487038949 },
		{ 8.34336671824457987, 4.12479856412430479,
		  -0.403523417114321381, -1.010774346178792, 1.82566237123041,
		  0.008415761376584154, 0.011286326131968767 },
		{ 12.8943695621391310, -15.1111514016986312,
		  -0.223307578892655734, 1.082791006441535, 0.868713018169608,
		  -0.01010622202048288, 0.0017237240570597112 },
		{ 15.3796971148509165, -25.9193146099879641,
		  0.179258772950371181, 0.979090732243898, 0.594698998647676,
		  -0.034755955504078104, 0.0020336868699246304 },
	};
	double b[5][7], dx, dy, dz, d2, mag, e = 0;
	int32_t s;
	int i, j, k;

	for (i = 0; i < 5; i++)
		for (k = 0; k < 7; k++)
			b[i][k] = init[i][k];
	for (s = 0; s < steps; s++) {
		for (i = 0; i < 5; i++) {
			for (j = i + 1; j < 5; j++) {
				dx = b[i][0] - b[j][0];
				dy = b[i][1] - b[j][1];
				dz = b[i][2] - b[j][2];
				d2 = dx * dx + dy * dy + dz * dz;
				mag = 0.01 / (d2 * __builtin_sqrt(d2));
				b[i][3] -= dx * b[j][6] * mag;
				b[i][4] -= dy * b[j][6] * mag;
				b[i][5] -= dz * b[j][6] * mag;
				b[j][3] += dx * b[i][6] * mag;
				b[j][4] += dy * b[i][6] * mag;
				b[j][5] += dz * b[i][6] * mag;
			}
		}
		for (i = 0; i < 5; i++)
			for (k = 0; k < 3; k++)
				b[i][k] += 0.01 * b[i][k + 3];
	}
	for (i = 0; i < 5; i++) {
		e += 0.5 * b[i][6] *
		     (b[i][3] * b[i][3] + b[i][4] * b[i][4] +
		      b[i][5] * b[i][5]);
		for (j = i + 1; j < 5; j++) {
			dx = b[i][0] - b[j][0];
			dy = b[i][1] - b[j][1];
			dz = b[i][2] - b[j][2];
			e -= b[i][6] * b[j][6] /
			     __builtin_sqrt(dx * dx + dy * dy + dz * dz);
		}
	}
	return e;
}

int32_t mandel(double cx, double cy, int32_t maxit)
{
	double x = 0, y = 0, t;
	int32_t i;

	for (i = 0; i < maxit; i++) {
		if (x * x + y * y > 4)
			break;
		t = x * x - y * y + cx;
		y = 2 * x * y + cy;
		x = t;
	}
	return i;
}

/* Sum of Mandelbrot iteration counts over a w x h grid. */
int32_t mandelgrid(int32_t w, int32_t h)
{
	int32_t i, j;
	uint32_t sum = 0;

	for (j = 0; j < h; j++)
		for (i = 0; i < w; i++)
			sum += (uint32_t)mandel(-2.0 + 2.5 * i / w, -1.25 + 2.5 * j / h,
				      50);
	return (int32_t)sum;
}

double minmax(double a, double b)
{
	double lo = a < b ? a : b, hi = a < b ? b : a;

	return hi * 2 - lo + (a == b) * 0.5 + (a != b) * 0.25 +
	       (a >= b) * 0.125;
}

/* Denormals and extremes stay IEEE on both sides (no flush to zero). */
double denorm(double x, int32_t n)
{
	int32_t i;

	for (i = 0; i < n; i++)
		x *= 0.5;
	return x * 1e300;
}
