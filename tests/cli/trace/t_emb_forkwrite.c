/* t_emb_forkwrite.c - four processes writing 300 times each at once,
 * then a child killed by SIGTERM: the trace must keep every line whole
 * and show the signal's delivery and the death. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int i, k, st, fd = open("/dev/null", O_WRONLY);
	pid_t pids[3], victim;

	if (fd < 0)
		return 1;
	for (k = 0; k < 3; k++) {
		pids[k] = fork();
		if (pids[k] == 0) {
			for (i = 0; i < 300; i++)
				write(fd, "x", 1);
			_exit(k);
		}
	}
	for (i = 0; i < 300; i++)
		write(fd, "x", 1);
	for (k = 0; k < 3; k++)
		waitpid(pids[k], &st, 0);
	victim = fork();
	if (victim == 0) {
		for (;;)
			sleep(1);
	}
	kill(victim, SIGTERM);
	waitpid(victim, &st, 0);
	printf("%s\n", WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM ? "ok" : "bad");
	return 0;
}
