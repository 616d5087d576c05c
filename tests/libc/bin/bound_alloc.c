/* bound_alloc: mallocs 256 KiB blocks until malloc fails and prints
 * whether that happened below 64 MiB (with the errno), so that a test can
 * see that an exec'd program inherits --max-memory.  Exit 0 if malloc
 * failed below 64 MiB, 1 otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Kept, so that the compiler cannot drop the allocations. */
static void *blocks[256];

int main(void)
{
	size_t total = 0;
	int n = 0;

	while (n < 256 && (blocks[n] = malloc(256u << 10)) != NULL) {
		memset(blocks[n++], 1, 256u << 10);
		total += 256u << 10;
	}
	printf("exec'd: malloc %s below 64 MiB\n",
	       total < (64u << 20) ? "failed" : "did not fail");
	fflush(stdout);
	return total < (64u << 20) ? 0 : 1;
}
