/* Signals in one process with the real libc: signal(), sigaction with
 * SA_SIGINFO (si_signo) and SA_RESETHAND, raise, kill(getpid()), setitimer,
 * a handler that runs before raise returns, longjmp out of a handler
 * (twice: the signal is not left blocked), siglongjmp. */
#include <setjmp.h>
#include <signal.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "libc_test.h"

#ifdef __wasi__
/* The plain flavour's <setjmp.h> declares no sigsetjmp; libc has it. */
int sigsetjmp(sigjmp_buf, int);
_Noreturn void siglongjmp(sigjmp_buf, int);
#endif

static volatile sig_atomic_t got, got_signo, hits;

static void on_sig(int sig)
{
	got = sig;
	hits++;
}

static void on_info(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got = sig;
	got_signo = si != NULL ? si->si_signo : -1;
}

static jmp_buf jb;
static sigjmp_buf sjb;

static void jump_out(int sig)
{
	longjmp(jb, sig);
}

static void sigjump_out(int sig)
{
	siglongjmp(sjb, sig + 100);
}

static sigjmp_buf ajb;
static volatile sig_atomic_t spins;

static void alarm_jump(int sig)
{
	siglongjmp(ajb, sig);
}

int main(void)
{
	struct sigaction sa;
	int i, r;

	CHECK(signal(SIGUSR1, on_sig) != SIG_ERR);
	CHECK_EQ(raise(SIGUSR1), 0);
	printf("signal+raise: got=%d\n", got);
	CHECK_EQ(got, SIGUSR1);

	got = 0;
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	printf("kill(getpid()): got=%d\n", got);
	CHECK_EQ(got, SIGUSR1);

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGUSR2, &sa, NULL), 0);
	got = 0;
	CHECK_EQ(raise(SIGUSR2), 0);
	printf("SA_SIGINFO: got=%d si_signo=%d\n", got, got_signo);
	CHECK_EQ(got_signo, SIGUSR2);

	/* sigaction reports what is installed. */
	{
		struct sigaction old;
		memset(&old, 0, sizeof(old));
		CHECK_EQ(sigaction(SIGUSR2, NULL, &old), 0);
		CHECK(old.sa_flags & SA_SIGINFO);
		CHECK(old.sa_sigaction == on_info);
	}

	/* SA_RESETHAND: the first one is caught, the second one (now at
	 * SIG_DFL) ends the process - in a child. */
#ifndef LIBC_EH
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		struct sigaction rs;
		memset(&rs, 0, sizeof(rs));
		rs.sa_handler = on_sig;
		rs.sa_flags = SA_RESETHAND;
		sigaction(SIGHUP, &rs, NULL);
		hits = 0;
		raise(SIGHUP);
		if (hits != 1)
			_exit(3);
		raise(SIGHUP);
		_exit(4); /* not reached */
	}
	{
		int st = 0;
		CHECK_EQ(waitpid(pid, &st, 0), pid);
		printf("SA_RESETHAND child: signaled=%d sig=%d\n",
		       WIFSIGNALED(st), WIFSIGNALED(st) ? WTERMSIG(st) : -1);
		CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGHUP);
	}
#endif

	/* longjmp out of a handler (once: whether setjmp saves the signal
	 * mask is left open by POSIX, glibc's does not). */
	CHECK(signal(SIGUSR1, jump_out) != SIG_ERR);
	r = setjmp(jb);
	if (r == 0) {
		raise(SIGUSR1);
		printf("not reached\n");
	}
	printf("longjmp out of handler: r=%d\n", r);
	CHECK_EQ(r, SIGUSR1);

	/* siglongjmp with a saved mask, twice: the second raise must reach
	 * the handler again. */
	CHECK(signal(SIGUSR2, sigjump_out) != SIG_ERR);
	for (i = 0; i < 2; i++) {
		r = sigsetjmp(sjb, 1);
		if (r == 0)
			raise(SIGUSR2);
		printf("siglongjmp out of handler %d: r=%d\n", i, r);
		CHECK_EQ(r, SIGUSR2 + 100);
	}

	/* An interval timer: the handler runs during a busy loop.  (Not
	 * alarm(): wasix-libc's setitimer passes it_interval where it means
	 * it_value, so alarm(n) disarms; with both equal it works.) */
	got = 0;
	CHECK(signal(SIGALRM, on_sig) != SIG_ERR);
	{
		time_t start = time(NULL);
		struct itimerval it, off;
		memset(&it, 0, sizeof(it));
		memset(&off, 0, sizeof(off));
		it.it_value.tv_usec = 200000;
		it.it_interval.tv_usec = 200000;
		CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
		while (got == 0 && time(NULL) < start + 10)
			__asm__ volatile("" ::: "memory");
		CHECK_EQ(setitimer(ITIMER_REAL, &off, NULL), 0);
	}
	printf("interval timer: got=%d\n", got);
	CHECK_EQ(got, SIGALRM);

	/* siglongjmp out of a handler that interrupted a busy loop (no
	 * system call in it), three times over from a periodic timer. */
	CHECK(signal(SIGALRM, alarm_jump) != SIG_ERR);
	{
		time_t start = time(NULL);
		struct itimerval it, off;
		int escaped = 0;
		memset(&it, 0, sizeof(it));
		memset(&off, 0, sizeof(off));
		it.it_value.tv_usec = 50000;
		it.it_interval.tv_usec = 50000;
		CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
		for (i = 0; i < 3; i++) {
			r = sigsetjmp(ajb, 1);
			if (r == 0) {
				while (time(NULL) < start + 10)
					spins++;
				break;
			}
			CHECK_EQ(r, SIGALRM);
			escaped++;
		}
		CHECK_EQ(setitimer(ITIMER_REAL, &off, NULL), 0);
		printf("escaped busy loops: %d\n", escaped);
		CHECK_EQ(escaped, 3);
	}

	/* SIG_IGN: nothing happens. */
	CHECK(signal(SIGUSR1, SIG_IGN) != SIG_ERR);
	CHECK_EQ(raise(SIGUSR1), 0);
	printf("ignored: still here\n");
	return libc_done();
}
