/*
 * run_lifetime.c - the run's supervisor: the host process that the user,
 * `timeout` or a service manager knows as wasixrt, which outlives no
 * process of the run and lets none outlive the run (run_lifetime.h).
 *
 * Why a separate supervisor and not the first process itself: the first
 * process runs the guest, which may exit at any moment, and after its
 * exit somebody must still be there to end the others; a process group
 * is not enough either, as the guest may setsid.  The supervisor is a
 * child subreaper, so orphans of the run are re-parented to it instead
 * of to init: every process of the run is its descendant until the end,
 * and it reaps them (no zombies pile up under a long run).
 *
 * The supervisor allocates nothing and writes nothing to stdout: it waits
 * on a signalfd for SIGCHLD and the signals it forwards, and ends with
 * _exit (or by raising the first process's death signal on itself).
 */
#include "run_lifetime.h"
#include "trace_report.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* How often the SIGKILL sweep runs again while processes remain (each
 * sweep catches those forked after the previous one's scan). */
#define KILL_SWEEP_MS 20

static const int sv_signals[] = {SIGCHLD, SIGTERM, SIGINT,  SIGHUP,
				 SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM,
				 SIGWINCH};

struct sv {
	pid_t self, first;
	bool first_done;
	int first_status; /* waitpid status */
	bool no_children;
	bool ending;      /* SIGTERM (or the signal received) sent */
	int64_t deadline; /* then SIGKILL, from this time on (ms) */
	unsigned grace_ms;
	int64_t start, run_deadline; /* the --timeout, or 0 */
	bool timed_out;
	const char *name;
};

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The parent of `pid` from /proc/PID/stat, or -1.  The command name in
 * parentheses may contain anything, so parse after its last ')'. */
static pid_t parent_of(const char *pid)
{
	char path[64], buf[512], *p;
	FILE *f;
	size_t n;
	int ppid;
	snprintf(path, sizeof(path), "/proc/%s/stat", pid);
	f = fopen(path, "re");
	if (f == NULL)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')');
	if (p == NULL || sscanf(p + 1, " %*c %d", &ppid) != 1)
		return -1;
	return ppid;
}

/* Send `sig` to every descendant of the supervisor (the process table
 * read from /proc, parents resolved transitively).  Returns how many
 * were signalled. */
static unsigned signal_run(struct sv *s, int sig)
{
	pid_t *pid = NULL, *ppid = NULL;
	bool *mine = NULL;
	size_t n = 0, cap = 0, i;
	unsigned sent = 0;
	bool grew;
	DIR *d = opendir("/proc");
	struct dirent *e;
	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		pid_t pp;
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		if ((pp = parent_of(e->d_name)) <= 0)
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 256;
			pid_t *a = realloc(pid, nc * sizeof(*a));
			pid_t *b = a ? realloc(ppid, nc * sizeof(*b)) : NULL;
			if (a != NULL)
				pid = a;
			if (b == NULL)
				break;
			ppid = b;
			cap = nc;
		}
		pid[n] = (pid_t)atoi(e->d_name);
		ppid[n++] = pp;
	}
	closedir(d);
	mine = calloc(n ? n : 1, sizeof(*mine));
	if (mine != NULL) {
		/* Mark children of the supervisor, then their children,
		 * until no more are found. */
		do {
			grew = false;
			for (i = 0; i < n; i++) {
				size_t k;
				if (mine[i])
					continue;
				if (ppid[i] == s->self) {
					mine[i] = grew = true;
					continue;
				}
				for (k = 0; k < n; k++)
					if (mine[k] && pid[k] == ppid[i]) {
						mine[i] = grew = true;
						break;
					}
			}
		} while (grew);
		for (i = 0; i < n; i++)
			if (mine[i] && kill(pid[i], sig) == 0)
				sent++;
	}
	free(mine);
	free(pid);
	free(ppid);
	return sent;
}

static void reap(struct sv *s)
{
	int st;
	pid_t p;
	while ((p = waitpid(-1, &st, WNOHANG)) > 0) {
		wx_report_reaped(0, p, st);
		if (p == s->first) {
			s->first_done = true;
			s->first_status = st;
		}
	}
	s->no_children = p < 0 && errno == ECHILD;
}

/* End the run: `sig` to every process, SIGKILL after the grace period. */
static void end_run(struct sv *s, int sig)
{
	if (s->ending)
		return;
	s->ending = true;
	s->deadline = now_ms() + s->grace_ms;
	signal_run(s, sig);
}

static void on_signal(struct sv *s, const struct signalfd_siginfo *si)
{
	int sig = (int)si->ssi_signo;
	bool from_tty = si->ssi_code == SI_KERNEL;
	switch (sig) {
	case SIGCHLD:
		return;
	case SIGTERM:
	case SIGHUP:
		end_run(s, sig);
		return;
	case SIGINT:
		/* ^C: the terminal signals the foreground process group,
		 * the guest's processes included; a guest shell may catch
		 * it and go on.  Sent by a process, it ends the run. */
		if (!from_tty)
			end_run(s, sig);
		return;
	case SIGQUIT:
	case SIGWINCH:
		if (from_tty)
			return;
		break;
	}
	if (!s->first_done)
		kill(s->first, sig);
}

/* Leave with the first process's status: its exit code, or its death
 * by the same signal (without a core dump of the supervisor). */
static void __attribute__((noreturn)) leave(const struct sv *s)
{
	int st = s->first_status;
	if (wx_report_fd >= 0)
		wx_report_print(stderr);
	if (s->timed_out) {
		fprintf(stderr, "wasixrt: %s: timed out after %.3g s\n",
			s->name ? s->name : "run",
			(double)(s->run_deadline - s->start) / 1000);
		_exit(124);
	}
	if (WIFSIGNALED(st)) {
		int sig = WTERMSIG(st);
		struct rlimit nocore = {0, 0};
		sigset_t one;
		setrlimit(RLIMIT_CORE, &nocore);
		signal(sig, SIG_DFL);
		sigemptyset(&one);
		sigaddset(&one, sig);
		sigprocmask(SIG_UNBLOCK, &one, NULL);
		raise(sig);
		_exit(128 + sig);
	}
	_exit(WIFEXITED(st) ? WEXITSTATUS(st) : 1);
}

static void __attribute__((noreturn)) supervise(struct sv *s, int sfd,
						bool keep_daemons)
{
	for (;;) {
		struct signalfd_siginfo si;
		struct pollfd pfd = {sfd, POLLIN, 0};
		int timeout = -1;
		reap(s);
		/* No child left means no process of the run left (every
		 * orphan is reparented to this subreaper): leave without the
		 * /proc scan that ending the run takes. */
		if (s->no_children)
			leave(s);
		if (s->first_done && !s->ending) {
			if (keep_daemons)
				leave(s);
			end_run(s, SIGTERM);
		}
		if (s->run_deadline != 0 && !s->ending) {
			int64_t left = s->run_deadline - now_ms();
			if (left <= 0) {
				s->timed_out = true;
				end_run(s, SIGTERM);
			} else {
				timeout = left > INT32_MAX ? INT32_MAX
							   : (int)left;
			}
		}
		if (s->ending) {
			int64_t left = s->deadline - now_ms();
			if (left <= 0) {
				signal_run(s, SIGKILL);
				timeout = KILL_SWEEP_MS;
			} else {
				timeout = left > KILL_SWEEP_MS * 10
						  ? KILL_SWEEP_MS * 10
						  : (int)left;
			}
		}
		if (poll(&pfd, 1, timeout) > 0 &&
		    read(sfd, &si, sizeof(si)) == (ssize_t)sizeof(si))
			on_signal(s, &si);
	}
}

int wx_run_lifetime_start(const struct wx_run_lifetime *cfg)
{
	static struct sv s;
	sigset_t set, old;
	size_t i;
	pid_t parent = getpid(), child;
	int sfd;

	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0)
		return errno;
	sigemptyset(&set);
	for (i = 0; i < sizeof(sv_signals) / sizeof(sv_signals[0]); i++)
		sigaddset(&set, sv_signals[i]);
	/* Blocked before the fork: a signal arriving in between waits in
	 * the supervisor's queue for the signalfd. */
	sigprocmask(SIG_BLOCK, &set, &old);
	sfd = signalfd(-1, &set, SFD_CLOEXEC);
	if (sfd < 0) {
		int err = errno;
		sigprocmask(SIG_SETMASK, &old, NULL);
		prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0);
		return err;
	}
	fflush(NULL);
	child = fork();
	if (child < 0) {
		int err = errno;
		close(sfd);
		sigprocmask(SIG_SETMASK, &old, NULL);
		prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0);
		return err;
	}
	if (child == 0) {
		/* The first process: dies with the supervisor, even of a
		 * SIGKILL (checked after the prctl: the supervisor may be
		 * gone already). */
		close(sfd);
		prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
		if (getppid() != parent)
			_exit(137);
		sigprocmask(SIG_SETMASK, &old, NULL);
		return 0;
	}
	s.self = parent;
	s.first = child;
	s.grace_ms = cfg->grace_ms;
	s.name = cfg->name;
	s.start = now_ms();
	if (cfg->timeout_ms != 0)
		s.run_deadline = s.start + (int64_t)cfg->timeout_ms;
	supervise(&s, sfd, cfg->keep_daemons);
}
