/*
 * run_lifetime.h - a run is a container of processes.
 *
 * The lifetime of a run is its first process's.  wx_run_lifetime_start
 * splits the calling host process in two: the child becomes the first
 * WASIX process (the call returns there), the caller stays behind as the
 * run's supervisor and never returns.  The supervisor is a child
 * subreaper (PR_SET_CHILD_SUBREAPER), so every process of the run, whatever
 * it does (setsid, ignoring SIGHUP, double fork), stays its descendant.
 *
 *   - The first process exits or dies: every process left is sent
 *     SIGTERM, then SIGKILL after the grace period, and the supervisor
 *     exits with the first process's status (dies of the same signal if
 *     it died of one).  With keep_daemons the others are left running.
 *   - The supervisor gets SIGTERM or SIGHUP, or SIGINT sent by a process
 *     (kill, timeout, a service manager): the signal goes to every process
 *     of the run, then SIGKILL after the grace period.  A SIGINT or SIGQUIT
 *     from the terminal is left to the terminal, which sends it to the
 *     foreground process group (the guest's processes there got it too).
 *   - SIGUSR1, SIGUSR2, SIGALRM, SIGWINCH and a SIGQUIT sent by a process
 *     are passed on to the first process.
 *   - A timeout passes: as SIGTERM to the supervisor, then exit 124.
 *   - The supervisor dies of SIGKILL (nothing can catch it): the first
 *     process is killed with it (PR_SET_PDEATHSIG); its descendants are
 *     not (only a PID namespace would do that).
 */
#ifndef WX_RUN_LIFETIME_H
#define WX_RUN_LIFETIME_H

#include <stdbool.h>
#include <stdint.h>

struct wx_run_lifetime {
	bool keep_daemons;  /* the first process's exit ends nobody else */
	unsigned grace_ms;  /* SIGTERM .. SIGKILL (WX_RUN_GRACE_MS usually) */
	/* Non-zero: the run is ended as by SIGTERM after this long, and the
	 * supervisor then prints "NAME: timed out after S s" and exits
	 * with status 124 (as timeout(1)). */
	uint64_t timeout_ms;
	const char *name;
};

#define WX_RUN_GRACE_MS 2000

/* Returns 0 in the first process; in the caller, supervises the run and
 * exits with its status.  Returns an errno (in the caller, nothing
 * started) if the split cannot be made. */
int wx_run_lifetime_start(const struct wx_run_lifetime *cfg);

#endif
