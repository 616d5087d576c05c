/* t.h - tiny check helpers for the thread tests (main thread only). */
#include <stdio.h>
#include <stdlib.h>

static int t_failures;
#define CHECK(c, ...)                                                   \
	do {                                                            \
		if (!(c)) {                                             \
			printf("FAIL %s:%d: ", __FILE__, __LINE__);     \
			printf(__VA_ARGS__);                            \
			printf("\n");                                   \
			t_failures++;                                   \
		}                                                       \
	} while (0)
