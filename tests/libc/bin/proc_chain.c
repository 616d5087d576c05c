/* proc_chain N STATUS: execs itself N more times (argv[0] by PATH), then
 * exits with STATUS: an exit status must survive a chain of execs, and
 * the pid must stay the same all along (printed at each step). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static char pidbuf[32];
	int n;
	if (argc < 3)
		return 100;
	n = atoi(argv[1]);
	if (argc > 3 && atoi(argv[3]) != (int)getpid()) {
		printf("pid changed across exec\n");
		return 101;
	}
	if (n == 0)
		return atoi(argv[2]);
	char num[16];
	snprintf(num, sizeof(num), "%d", n - 1);
	snprintf(pidbuf, sizeof(pidbuf), "%d", (int)getpid());
	execlp("proc_chain", "proc_chain", num, argv[2], pidbuf, (char *)0);
	perror("execlp");
	return 102;
}
