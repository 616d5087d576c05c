// native: skip
// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
/*
 * A shell's `exec 3>file` and `exec 3>&-` replace and close fd 3, which
 * under a WASIX runtime is a preopen (here /bin; 4 is /tmp): paths keep
 * resolving through the preopens the program started with - in this
 * program, whose libc learnt their fd numbers at start, and in a program
 * it execs, whose libc scans the fds for preopens again; access(), which
 * checks the rights of the preopen it resolves through, too.  (wasixrt-only:
 * natively fd 3 is no directory of anything.)
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libc_test.h"

int main(void)
{
	char path[256], buf[16];
	struct stat st;
	int f, st2 = -1;
	pid_t c;

	snprintf(path, sizeof(path), "%s/fd3.txt", libc_tmp());
	f = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(f > 4);
	CHECK_EQ(dup2(f, 3), 3); /* exec 3>file */
	close(f);
	CHECK_EQ(write(3, "via3\n", 5), 5);
	CHECK(stat("/bin/fs_count", &st) == 0 && S_ISREG(st.st_mode));
	CHECK(stat(path, &st) == 0 && st.st_size == 5);
	CHECK_EQ(close(3), 0); /* exec 3>&- */
	f = open(path, O_RDONLY);
	CHECK(f >= 0);
	CHECK_EQ(read(f, buf, sizeof(buf)), 5);
	close(f);
	CHECK(stat("/bin", &st) == 0 && S_ISDIR(st.st_mode));
	/* A shell's command search: access() checks the preopen's rights. */
	CHECK(access("/bin/fs_count", X_OK) == 0);
	/* An exec'd program finds /bin and /tmp as preopens again: it
	 * opens the file by its path. */
	fflush(stdout);
	c = fork();
	if (c == 0) {
		execl("/bin/fs_count", "fs_count", path, (char *)NULL);
		_exit(126);
	}
	CHECK(c > 0 && waitpid(c, &st2, 0) == c);
	CHECK(WIFEXITED(st2) && WEXITSTATUS(st2) == 0);
	return libc_done();
}
