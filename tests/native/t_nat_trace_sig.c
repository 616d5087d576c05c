/* A trap in a signal handler (tests/native/feat.sh): the handler runs in
 * a nested entry of the guest (a host call calls back into wasm), whose
 * backtrace ends at the handler in both tiers. */
#include <signal.h>
#include <stdio.h>

__attribute__((noinline)) static int deep2(volatile int *p)
{
	return *p;
}

__attribute__((noinline)) static int deep1(int x)
{
	/* Far past the end of memory: out of bounds. */
	return deep2((volatile int *)(unsigned long)(0x7ffffff0u + x)) + 1;
}

static void handler(int sig)
{
	printf("handler %d\n", deep1(sig));
}

int main(void)
{
	signal(SIGUSR1, handler);
	printf("raising\n");
	fflush(stdout);
	raise(SIGUSR1);
	printf("not reached\n");
	return 0;
}
