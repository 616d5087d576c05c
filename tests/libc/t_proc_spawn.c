/* posix_spawn and posix_spawnp through the real libc: the program's exit
 * status, PATH search, errors returned (not a child that fails), file
 * actions (open, close, dup2, chdir) applied in order in the child only,
 * O_CLOEXEC descriptors closed in the child, ignored signals inherited
 * and POSIX_SPAWN_SETSIGDEF resetting them, the environment given. */
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

extern char **environ;

static char pbuf[512];

static const char *bin(const char *name)
{
	snprintf(pbuf, sizeof(pbuf), "%s/%s", libc_bin(), name);
	return pbuf;
}

static int reap(const char *what, pid_t p)
{
	int st = 0;
	CHECK_EQ(waitpid(p, &st, 0), p);
	printf("%s: %s %d\n", what, WIFEXITED(st) ? "exit" : "status",
	       WIFEXITED(st) ? WEXITSTATUS(st) : st);
	fflush(stdout);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int main(void)
{
	pid_t p;
	int r, fds[2];
	char path[512];

	/* Plain spawn: the status comes back. */
	{
		char *av[] = {"proc_echo", "-s", "9", "spawned", NULL};
		fflush(stdout);
		r = posix_spawn(&p, bin("proc_echo"), NULL, NULL, av, environ);
		CHECK_EQ(r, 0);
		CHECK_EQ(reap("posix_spawn", p), 9);
	}
	{
		char *av[] = {"proc_echo", "-s", "255", "by PATH", NULL};
		fflush(stdout);
		r = posix_spawnp(&p, "proc_echo", NULL, NULL, av, environ);
		CHECK_EQ(r, 0);
		CHECK_EQ(reap("posix_spawnp", p), 255);
	}
	/* Errors come back from the call. */
	{
		char *av[] = {"x", NULL};
		r = posix_spawn(&p, bin("proc_no_such_program"), NULL, NULL, av,
				environ);
		if (r == 0) /* glibc reports it as an exit of 127 */
			r = reap("missing", p) == 127 ? ENOENT : -1;
		CHECK_EQ(r, ENOENT);
		r = posix_spawnp(&p, "proc_no_such_program", NULL, NULL, av,
				 environ);
		if (r == 0)
			r = reap("missing by PATH", p) == 127 ? ENOENT : -1;
		CHECK_EQ(r, ENOENT);
	}
	/* A file that is no program: ENOEXEC from the call (glibc: the
	 * child's exec fails, status 127). */
	{
		char plain[512];
		char *av[] = {"plain", NULL};
		int fd;
		snprintf(plain, sizeof(plain), "%s/plain_file", libc_tmp());
		fd = open(plain, O_WRONLY | O_CREAT | O_TRUNC, 0755);
		CHECK(fd >= 0);
		CHECK_EQ(write(fd, "\x01\x02 not a program\n", 17), 17);
		close(fd);
		r = posix_spawn(&p, plain, NULL, NULL, av, environ);
		if (r == 0)
			r = reap("not a program", p) == 127 ? ENOEXEC : -1;
		CHECK_EQ(r, ENOEXEC);
	}
	/* A "#!" script spawns its interpreter. */
	{
		char script[512], text[600];
		char *av[] = {"script", "arg", NULL};
		int fd;
		snprintf(script, sizeof(script), "%s/spawn_script", libc_tmp());
		snprintf(text, sizeof(text), "#!%s/proc_interp\n", libc_bin());
		fd = open(script, O_WRONLY | O_CREAT | O_TRUNC, 0755);
		CHECK(fd >= 0);
		CHECK_EQ(write(fd, text, strlen(text)), (long long)strlen(text));
		close(fd);
		fflush(stdout);
		CHECK_EQ(posix_spawn(&p, script, NULL, NULL, av, environ), 0);
		CHECK_EQ(reap("spawned script", p), 3);
	}
	/* A file action that fails: the spawn fails (glibc: reported by the
	 * call too). */
	{
		posix_spawn_file_actions_t fa;
		char *av[] = {"proc_echo", "never", NULL};
		CHECK_EQ(posix_spawn_file_actions_init(&fa), 0);
		CHECK_EQ(posix_spawn_file_actions_addopen(
				 &fa, 7, "/proc_no_such_dir/file", O_RDONLY, 0),
			 0);
		r = posix_spawn(&p, bin("proc_echo"), &fa, NULL, av, environ);
		if (r == 0)
			r = reap("failing action", p) == 127 ? ENOENT : -1;
		CHECK_EQ(r, ENOENT);
		posix_spawn_file_actions_destroy(&fa);
	}

	/* The environment given, and none. */
	{
		char *av[] = {"proc_env", "SPAWNED", "PATH", NULL};
		char *ev[] = {"SPAWNED=yes", NULL};
		fflush(stdout);
		CHECK_EQ(posix_spawn(&p, bin("proc_env"), NULL, NULL, av, ev), 0);
		CHECK_EQ(reap("spawn env", p), 0);
	}

	/* File actions: stdout to a file opened in the child, a pipe's read
	 * end dup2'd to fd 5, the write end closed, a chdir. */
	snprintf(path, sizeof(path), "%s/spawn_out.txt", libc_tmp());
	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(write(fds[1], "through the pipe", 16), 16);
	{
		posix_spawn_file_actions_t fa;
		char r0[24], w1[24];
		char *av[] = {"proc_fds", "stdin:0", r0, w1, "-r", "dup2:20", NULL};
		snprintf(r0, sizeof(r0), "pipe-read:%d", fds[0]);
		snprintf(w1, sizeof(w1), "pipe-write:%d", fds[1]);
		CHECK_EQ(posix_spawn_file_actions_init(&fa), 0);
		CHECK_EQ(posix_spawn_file_actions_addopen(
				 &fa, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0644),
			 0);
		CHECK_EQ(posix_spawn_file_actions_adddup2(&fa, fds[0], 20), 0);
		CHECK_EQ(posix_spawn_file_actions_addclose(&fa, fds[0]), 0);
		CHECK_EQ(posix_spawn_file_actions_addclose(&fa, fds[1]), 0);
		/* The pipe's write end must close in the child, or fd 5 never
		 * sees EOF: it is closed here before the child reads. */
		fflush(stdout);
		CHECK_EQ(posix_spawn(&p, bin("proc_fds"), &fa, NULL, av, environ),
			 0);
		close(fds[1]);
		CHECK_EQ(reap("file actions", p), 0);
		CHECK_EQ(posix_spawn_file_actions_destroy(&fa), 0);
		close(fds[0]);
	}
	{
		char buf[256];
		int fd = open(path, O_RDONLY);
		ssize_t n;
		CHECK(fd >= 0);
		n = read(fd, buf, sizeof(buf) - 1);
		CHECK(n > 0);
		buf[n > 0 ? n : 0] = '\0';
		close(fd);
		printf("the child wrote:\n%s", buf);
		/* Our stdout is still ours. */
		printf("parent stdout intact\n");
		fflush(stdout);
	}
	{
		posix_spawn_file_actions_t fa;
		char *av[] = {"proc_pwd", NULL};
		char dir[512];
		snprintf(dir, sizeof(dir), "%s/spawn_dir", libc_tmp());
		CHECK_EQ(mkdir(dir, 0755), 0);
		CHECK_EQ(posix_spawn_file_actions_init(&fa), 0);
		CHECK_EQ(posix_spawn_file_actions_addchdir_np(&fa, dir), 0);
		fflush(stdout);
		CHECK_EQ(posix_spawn(&p, bin("proc_pwd"), &fa, NULL, av, environ),
			 0);
		CHECK_EQ(reap("chdir action", p), 0);
		posix_spawn_file_actions_destroy(&fa);
		/* Ours did not move. */
		char cwd[512];
		CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
		CHECK(strstr(cwd, "spawn_dir") == NULL);
	}

	/* O_CLOEXEC descriptors do not reach the spawned program; others do. */
	{
		int keep = open(path, O_RDONLY);
		int gone = open(path, O_RDONLY | O_CLOEXEC);
		char k[24], g[24];
		char *av[] = {"proc_fds", k, g, NULL};
		CHECK(keep >= 0 && gone >= 0);
		snprintf(k, sizeof(k), "plain:%d", keep);
		snprintf(g, sizeof(g), "cloexec:%d", gone);
		fflush(stdout);
		CHECK_EQ(posix_spawn(&p, bin("proc_fds"), NULL, NULL, av, environ),
			 0);
		reap("cloexec", p);
		close(keep);
		close(gone);
	}

	/* "Close every descriptor from 3 up" as a file action: the program
	 * still reaches the file system (WASIX preopens stay). */
	{
		posix_spawn_file_actions_t fa;
		/* proc_chain execs itself by PATH once: it needs /bin. */
		char *av[] = {"proc_chain", "1", "0", NULL};
		int fd;
		CHECK_EQ(posix_spawn_file_actions_init(&fa), 0);
		for (fd = 3; fd < 64; fd++)
			CHECK_EQ(posix_spawn_file_actions_addclose(&fa, fd), 0);
		fflush(stdout);
		CHECK_EQ(posix_spawn(&p, bin("proc_chain"), &fa, NULL, av,
				     environ),
			 0);
		CHECK_EQ(reap("closed 3..63", p), 0);
		posix_spawn_file_actions_destroy(&fa);
	}

	/* Signals: SIG_IGN is inherited; SETSIGDEF puts one back to default. */
	{
		posix_spawnattr_t at;
		sigset_t def;
		char *av[] = {"proc_sig", "10", "12", NULL};
		signal(SIGUSR1, SIG_IGN);
		signal(SIGUSR2, SIG_IGN);
		fflush(stdout);
		CHECK_EQ(posix_spawn(&p, bin("proc_sig"), NULL, NULL, av, environ),
			 0);
		reap("ignored inherited", p);
		CHECK_EQ(posix_spawnattr_init(&at), 0);
		sigemptyset(&def);
		sigaddset(&def, SIGUSR2);
		CHECK_EQ(posix_spawnattr_setsigdefault(&at, &def), 0);
		CHECK_EQ(posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGDEF), 0);
		fflush(stdout);
		CHECK_EQ(posix_spawn(&p, bin("proc_sig"), NULL, &at, av, environ),
			 0);
		reap("SETSIGDEF", p);
		posix_spawnattr_destroy(&at);
		signal(SIGUSR1, SIG_DFL);
		signal(SIGUSR2, SIG_DFL);
	}

	/* Many spawns, reaped in any order. */
	{
		pid_t kids[8];
		int i, sum = 0, st;
		for (i = 0; i < 8; i++) {
			char code[8];
			char *av[] = {"proc_echo", "-s", code, NULL};
			snprintf(code, sizeof(code), "%d", i);
			CHECK_EQ(posix_spawnp(&kids[i], "proc_echo", NULL, NULL, av,
					      environ),
				 0);
		}
		for (i = 0; i < 8; i++) {
			CHECK(wait(&st) > 0);
			sum += WEXITSTATUS(st);
		}
		printf("eight spawns: statuses sum to %d\n", sum);
	}
	return libc_done();
}
