/* exec in the test's own process (not a child): the new image keeps the
 * descriptors without FD_CLOEXEC (an open(O_CLOEXEC) one closes), then
 * execs a chain of three more that checks the pid stays this one; the
 * last one's exit status (0) is the process's, which the runner reads as
 * this test's. */
#include <fcntl.h>
#include <unistd.h>
#include "libc_test.h"

int main(void)
{
	char path[512], a[32], b[32], pid[32];
	int keep, gone;
	snprintf(path, sizeof(path), "%s/execself", libc_tmp());
	keep = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	gone = open(path, O_RDONLY | O_CLOEXEC);
	CHECK(keep >= 0 && gone >= 0);
	snprintf(a, sizeof(a), "plain-open:%d", keep);
	snprintf(b, sizeof(b), "open-cloexec:%d", gone);
	printf("before exec\n");
	fflush(stdout);
	if (libc_failures != 0)
		return 1;
	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	execlp("proc_fds", "proc_fds", a, b, "--then", "proc_chain", "3", "0",
	       pid, (char *)0);
	perror("execlp");
	return 1;
}
