/*
 * unit.h - a tiny in-house unit test harness.
 *
 * A test is a function defined with WX_TEST(name) { ... }; it registers
 * itself at start-up (a constructor), so adding a test means writing it
 * and nothing else.  CHECK(cond) records file:line and the condition text
 * on failure and lets the test go on, so one run shows every broken check.
 * main.c runs every registered test (or those named on the command line)
 * and ends with exactly "unit: N passed, F failed" (N, F counting tests);
 * the exit status is non-zero if any test failed.
 */
#ifndef WX_UNIT_H
#define WX_UNIT_H

#include <stdbool.h>
#include <stddef.h>

typedef void (*wx_unit_fn)(void);

/* Add a test to the registry (called by WX_TEST's constructor). */
void wx_unit_register(const char *name, wx_unit_fn fn);
/* Record a failed check in the running test. */
void wx_unit_fail(const char *file, int line, const char *what);

#define CHECK(cond)                                                     \
	do {                                                            \
		if (!(cond))                                            \
			wx_unit_fail(__FILE__, __LINE__, #cond);        \
	} while (0)

#define WX_TEST(name)                                                   \
	static void name(void);                                         \
	__attribute__((constructor)) static void name##_register(void)  \
	{                                                               \
		wx_unit_register(#name, name);                          \
	}                                                               \
	static void name(void)

#endif
