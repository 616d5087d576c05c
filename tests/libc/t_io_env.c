/* environ, getenv, setenv, unsetenv, putenv, clearenv-free updates. */
#include <unistd.h>
#include "libc_test.h"

extern char **environ;

static int in_environ(const char *kv)
{
	char **e;
	for (e = environ; *e; e++)
		if (strcmp(*e, kv) == 0)
			return 1;
	return 0;
}

int main(void)
{
	static char put[] = "T_PUT=put";

	CHECK(getenv("LIBC_TMP") != NULL);
	CHECK(getenv("T_NOPE") == NULL);
	CHECK(setenv("T_A", "one", 0) == 0);
	printf("T_A=%s\n", getenv("T_A"));
	CHECK(setenv("T_A", "two", 0) == 0);
	printf("T_A (no overwrite)=%s\n", getenv("T_A"));
	CHECK(setenv("T_A", "three", 1) == 0);
	printf("T_A (overwrite)=%s\n", getenv("T_A"));
	CHECK(in_environ("T_A=three"));
	CHECK(putenv(put) == 0);
	printf("T_PUT=%s in environ %d\n", getenv("T_PUT"), in_environ("T_PUT=put"));
	CHECK(unsetenv("T_A") == 0);
	CHECK(getenv("T_A") == NULL && !in_environ("T_A=three"));
	printf("T_A unset: %d\n", getenv("T_A") == NULL);
	errno = 0;
	CHECK(setenv("BAD=NAME", "x", 1) == -1 && errno == EINVAL);
	CHECK(setenv("", "x", 1) == -1 && errno == EINVAL);
	printf("bad names: EINVAL\n");
	CHECK(setenv("T_EMPTY", "", 1) == 0);
	CHECK(getenv("T_EMPTY") != NULL && getenv("T_EMPTY")[0] == '\0');
	printf("empty value kept\n");
	return libc_done();
}
