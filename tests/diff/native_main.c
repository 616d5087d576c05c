/*
 * native_main.c - the native harness of the differential tests:
 *   P.native FUNC ARGS...
 * calls FUNC of program P (through the generated diff_call) and prints
 * its result the way `wasixrt run --invoke FUNC P.wasm ARGS...` does:
 * i32/i64 as signed decimal, f32 "%.9g", f64 "%.17g".  Integer arguments
 * accept decimal or 0x hex, signed or unsigned range; floats go through
 * strtof/strtod.  Exit 0, or 2 on a bad argument, 3 on an unknown
 * function.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "native.h"

static void bad_arg(const char *s, const char *type)
{
	fprintf(stderr, "native: '%s' is not a valid %s\n", s, type);
	exit(2);
}

/* The two's complement bits of an integer argument of `bits` width. */
static uint64_t parse_int(const char *s, unsigned bits, const char *type)
{
	int neg = 0;
	unsigned base = 10, d;
	uint64_t mag = 0, umax, nmax;
	const char *p = s;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (*p == '\0')
		bad_arg(s, type);
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			d = (unsigned)(*p - '0');
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = (unsigned)(*p - 'a' + 10);
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			d = (unsigned)(*p - 'A' + 10);
		else
			bad_arg(s, type);
		if (mag > (UINT64_MAX - d) / base)
			bad_arg(s, type);
		mag = mag * base + d;
	}
	umax = bits == 64 ? UINT64_MAX : UINT32_MAX;
	nmax = (uint64_t)1 << (bits - 1);
	if (neg ? mag > nmax : mag > umax)
		bad_arg(s, type);
	return neg ? 0 - mag : mag;
}

int32_t diff_arg_i32(const char *s)
{
	return (int32_t)(uint32_t)parse_int(s, 32, "i32");
}

int64_t diff_arg_i64(const char *s)
{
	return (int64_t)parse_int(s, 64, "i64");
}

float diff_arg_f32(const char *s)
{
	char *end;
	float f = strtof(s, &end);

	if (*s == '\0' || *s == ' ' || *end != '\0')
		bad_arg(s, "f32");
	return f;
}

double diff_arg_f64(const char *s)
{
	char *end;
	double d = strtod(s, &end);

	if (*s == '\0' || *s == ' ' || *end != '\0')
		bad_arg(s, "f64");
	return d;
}

void diff_put_i32(int32_t v)
{
	printf("%" PRId32 "\n", v);
}

void diff_put_i64(int64_t v)
{
	printf("%" PRId64 "\n", v);
}

void diff_put_f32(float v)
{
	printf("%.9g\n", (double)v);
}

void diff_put_f64(double v)
{
	printf("%.17g\n", v);
}

int diff_streq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

int main(int argc, char **argv)
{
	int rc;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FUNC ARGS...\n", argv[0]);
		return 2;
	}
	rc = diff_call(argv[1], argv + 2, argc - 2);
	if (rc == 1) {
		fprintf(stderr, "native: no function %s\n", argv[1]);
		return 3;
	}
	if (rc == 2) {
		fprintf(stderr, "native: wrong argument count for %s\n",
			argv[1]);
		return 2;
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
