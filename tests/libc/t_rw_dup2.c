/* dup2 as shells use it: onto a closed fd (dash's redirections close the
 * target first), and the source stays open (it is closed later).
 * wasix-libc's dup2 is fd_renumber; Wasmer's fd_renumber copies (from
 * stays open, a closed target is fine).  wasixrt: fd_renumber is the
 * WASI preview1 move (from closed) and needs an open target, so dup2
 * onto a closed fd is EBADF and `echo x >/dev/null` breaks dash's
 * stdout ("echo: I/O error"). */
#include <fcntl.h>
#include <unistd.h>
#include "libc_test.h"

int main(void)
{
	char path[256];
	int fd, saved;
	snprintf(path, sizeof(path), "%s/t_rw_dup2.txt", libc_tmp());
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	saved = fcntl(1, F_DUPFD, 10);
	CHECK(saved >= 10);
	CHECK(close(1) == 0);
	CHECK_EQ(dup2(fd, 1), 1);             /* target closed */
	CHECK_EQ(write(1, "to file\n", 8), 8);
	CHECK_EQ(write(fd, "again\n", 6), 6); /* source still open */
	CHECK(close(fd) == 0);
	CHECK_EQ(dup2(saved, 1), 1);
	CHECK(close(saved) == 0);
	printf("stdout restored\n");
	fflush(stdout);
	return libc_done();
}
