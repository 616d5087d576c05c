/*
 * main.c - the unit test runner: runs the tests registered through
 * WX_TEST (all of them, or only those named as arguments) and prints one
 * line per failed check, then "unit: N passed, F failed".  Exits 1 if a
 * test failed or a named test does not exist.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct wx_unit_test {
	const char *name;
	wx_unit_fn fn;
};

static struct wx_unit_test *wx_unit_tests;
static size_t wx_unit_ntests, wx_unit_cap;
static const char *wx_unit_current;
static unsigned wx_unit_failed_checks;

void wx_unit_register(const char *name, wx_unit_fn fn)
{
	if (wx_unit_ntests == wx_unit_cap) {
		size_t cap = wx_unit_cap ? wx_unit_cap * 2 : 64;
		struct wx_unit_test *t = realloc(wx_unit_tests,
						 cap * sizeof(*t));

		if (t == NULL) {
			fprintf(stderr, "unit: out of memory\n");
			exit(2);
		}
		wx_unit_tests = t;
		wx_unit_cap = cap;
	}
	wx_unit_tests[wx_unit_ntests].name = name;
	wx_unit_tests[wx_unit_ntests++].fn = fn;
}

void wx_unit_fail(const char *file, int line, const char *what)
{
	wx_unit_failed_checks++;
	printf("FAIL %s: %s:%d: CHECK(%s)\n", wx_unit_current, file, line,
	       what);
}

/* Registration order depends on the linker; run in name order so output
 * is stable. */
static int wx_unit_cmp(const void *a, const void *b)
{
	return strcmp(((const struct wx_unit_test *)a)->name,
		      ((const struct wx_unit_test *)b)->name);
}

static bool wx_unit_selected(const char *name, int argc, char **argv)
{
	int i;

	if (argc < 2)
		return true;
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return true;
	return false;
}

int main(int argc, char **argv)
{
	unsigned passed = 0, failed = 0, ran = 0;
	size_t i;

	qsort(wx_unit_tests, wx_unit_ntests, sizeof(*wx_unit_tests),
	      wx_unit_cmp);
	for (i = 0; i < wx_unit_ntests; i++) {
		unsigned before = wx_unit_failed_checks;

		if (!wx_unit_selected(wx_unit_tests[i].name, argc, argv))
			continue;
		ran++;
		wx_unit_current = wx_unit_tests[i].name;
		wx_unit_tests[i].fn();
		if (wx_unit_failed_checks != before)
			failed++;
		else
			passed++;
	}
	if (argc >= 2 && ran != (unsigned)(argc - 1)) {
		printf("unit: some named tests do not exist\n");
		failed++;
	}
	free(wx_unit_tests);
	printf("unit: %u passed, %u failed\n", passed, failed);
	return failed != 0;
}
