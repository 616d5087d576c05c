/*
 * bench.h - shared definitions for the freestanding benchmark programs.
 *
 * Every benchmark program builds two ways from the same source:
 *   - natively with gcc (a generated harness calls run() and prints the
 *     checksum), and
 *   - to wasm32 with clang --target=wasm32 -nostdlib (no libc at all).
 * So the programs use only <stdint.h> types and the compiler builtins, and
 * BENCH_EXPORT marks the entry point "run" as a wasm export.  Without libc
 * there is no memset/memcpy, yet clang may emit calls to them for plain
 * loops; the wasm build gets its own definitions below (compiled with
 * no_builtin so they do not turn into calls to themselves).
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>
#include <stddef.h>

#if defined(__wasm__)
#define BENCH_EXPORT __attribute__((export_name("run"), visibility("default")))
#else
#define BENCH_EXPORT
#endif

#if defined(__wasm__)
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);

/* Byte loops, enough for the few places the compiler needs them. */
__attribute__((no_builtin, used)) void *memset(void *d, int c, size_t n)
{
	volatile unsigned char *p = d;
	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

__attribute__((no_builtin, used)) void *memcpy(void *d, const void *s, size_t n)
{
	volatile unsigned char *p = d;
	const unsigned char *q = s;
	while (n--)
		*p++ = *q++;
	return d;
}

__attribute__((no_builtin, used)) void *memmove(void *d, const void *s, size_t n)
{
	volatile unsigned char *p = d;
	const unsigned char *q = s;
	if (p < q) {
		while (n--)
			*p++ = *q++;
	} else {
		while (n--)
			p[n] = q[n];
	}
	return d;
}
#endif

/* The bit pattern of a double, as a checksum word. */
static inline uint64_t bench_f64_bits(double x)
{
	union {
		double d;
		uint64_t u;
	} v;
	v.d = x;
	return v.u;
}

#endif /* BENCH_H */
