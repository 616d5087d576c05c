/* getcwd(NULL, 0) allocates (bash calls it at start-up; a 2022 WASIX
 * bash printed "getcwd: ...: Value too large for data type"), and a
 * buffer too small for the path is ERANGE.  wasix-libc retries with a
 * buffer of the length the runtime reports only on ERANGE. */
#include <unistd.h>
#include "libc_test.h"

int main(void)
{
	char buf[4096], tiny[1];
	char *p = getcwd(NULL, 0);
	CHECK(p != NULL);
	CHECK(getcwd(buf, sizeof(buf)) == buf);
	CHECK(p != NULL && strcmp(p, buf) == 0);
	free(p);
	errno = 0;
	CHECK(getcwd(tiny, sizeof(tiny)) == NULL);
	CHECK_EQ(errno, ERANGE);
	CHECK(chdir(libc_tmp()) == 0);
	p = getcwd(NULL, 0);
	CHECK(p != NULL && getcwd(buf, sizeof(buf)) == buf && strcmp(p, buf) == 0);
	free(p);
	printf("getcwd ok\n");
	return libc_done();
}
