/* Prints the dispositions of SIGUSR1 and SIGUSR2 it started with, then
 * raises SIGUSR1 (it survives only if that one is ignored). */
#include <signal.h>
#include <stdio.h>

static const char *disp(int sig)
{
	struct sigaction o;
	if (sigaction(sig, NULL, &o) != 0)
		return "error";
	if (o.sa_handler == SIG_IGN)
		return "ignored";
	return o.sa_handler == SIG_DFL ? "default" : "caught";
}

int main(void)
{
	printf("USR1 %s, USR2 %s\n", disp(SIGUSR1), disp(SIGUSR2));
	fflush(stdout);
	raise(SIGUSR1);
	printf("survived SIGUSR1\n");
	return 0;
}
