/* proc_interp ARGS...: an interpreter for the #! tests: prints what the
 * kernel (or the runtime) handed it, and the script's first line after
 * the #! line. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	int i;
	printf("interp argc %d\n", argc);
	for (i = 1; i < argc; i++) {
		const char *s = argv[i];
		const char *slash = strrchr(s, '/');
		/* Paths differ between the sides: print the last component. */
		printf("  argv[%d] %s\n", i, slash != NULL ? slash + 1 : s);
	}
	return 3;
}
