/* t_emb_pipeline.c - the program `--trace` is tested on: a pipe, a fork
 * whose child puts the pipe on its stdout and execs a program (itself,
 * with "child" as argument), the parent reading what it wrote and
 * waiting for it, then a failing open of a missing file. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int p[2], st = 0;
	char buf[64];
	ssize_t n;
	pid_t pid;

	if (argc > 1 && strcmp(argv[1], "child") == 0) {
		write(1, "hello from child\n", 17);
		return 7;
	}
	if (pipe(p) != 0)
		return 1;
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execl(argv[0], argv[0], "child", (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	n = read(p[0], buf, sizeof(buf));
	close(p[0]);
	waitpid(pid, &st, 0);
	if (open("/no/such/file", O_RDONLY) >= 0)
		return 1;
	printf("read %d bytes, child status %d\n", (int)n, WEXITSTATUS(st));
	return 0;
}
