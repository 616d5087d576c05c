/* posix_spawn with file actions that open device files: stdin from
 * /dev/null (what most spawners do), stdout to /dev/null. */
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

extern char **environ;

static int run(const char *in, const char *out)
{
	posix_spawn_file_actions_t fa;
	char prog[256];
	char *argv[] = { "fs_count", NULL };
	pid_t pid;
	int st = -1, r;

	snprintf(prog, sizeof(prog), "%s/fs_count", libc_bin());
	CHECK(posix_spawn_file_actions_init(&fa) == 0);
	if (in)
		CHECK(posix_spawn_file_actions_addopen(&fa, 0, in, O_RDONLY,
						       0) == 0);
	if (out)
		CHECK(posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY,
						       0) == 0);
	fflush(stdout);
	r = posix_spawn(&pid, prog, &fa, NULL, argv, environ);
	CHECK_EQ(r, 0);
	posix_spawn_file_actions_destroy(&fa);
	if (r != 0)
		return -1;
	CHECK(waitpid(pid, &st, 0) == pid);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

int main(void)
{
	printf("stdin /dev/null: ");
	CHECK_EQ(run("/dev/null", NULL), 0);
	printf("stdin and stdout /dev/null: ");
	fflush(stdout);
	CHECK_EQ(run("/dev/null", "/dev/null"), 0);
	printf("(nothing)\n");
	return libc_done();
}
