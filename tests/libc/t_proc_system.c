// native: skip
/* system() and popen() of the real libc spawn /bin/sh -c CMD.  The test's
 * /bin (the helpers) has no shell, so both must fail cleanly: system()
 * returns -1 with errno ENOENT, popen() NULL with ENOENT, and the process
 * carries on (with a shell at /bin/sh they run the command: checked by
 * hand with tests/wasix's sh).  POSIX leaves a missing shell's outcome to
 * the implementation (glibc reports status 127), hence wasixrt-only. */
#include <stdlib.h>
#include <unistd.h>
#include "libc_test.h"

int main(void)
{
	FILE *f;
	errno = 0;
	CHECK_EQ(system("proc_echo hi"), -1);
	CHECK_EQ(errno, ENOENT);
	errno = 0;
	f = popen("proc_echo hi", "r");
	CHECK(f == NULL);
	CHECK_EQ(errno, ENOENT);
	if (f != NULL)
		pclose(f);
	printf("still here\n");
	return libc_done();
}
