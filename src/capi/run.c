/*
 * run.c - wasixrt_run: a module's _start as pid 1 of a WASIX process tree
 * (src/wasix), in a child process of the embedder or in the embedder's
 * own process.
 *
 * WASIX's fork is the host's fork, so a run inside the embedding process
 * would let the guest duplicate it and would install process-wide signal
 * dispositions: the child mode, the default, confines all of that to a
 * process made for the run.  Errors the embedder can act on (no _start,
 * a preopen that does not open) are found in the calling process first,
 * so they come back as values rather than as text on the guest's stderr.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "capi.h"
#include "../wasix/wasix.h"

/* Exit status of a waited-for child as a shell reports it. */
static int host_status(int ws)
{
	if (WIFEXITED(ws))
		return WEXITSTATUS(ws);
	if (WIFSIGNALED(ws))
		return 128 + WTERMSIG(ws);
	return 1;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Wait for `pid`; with a timeout, kill its process group when it passes.
 * 0 with *ws, ETIMEDOUT after the kill (and reap), or an errno. */
static int wait_child(pid_t pid, uint64_t timeout_ms, int *ws)
{
	uint64_t deadline = now_ms() + timeout_ms;
	long nap_us = 1000;
	pid_t r;

	for (;;) {
		r = waitpid(pid, ws, timeout_ms != 0 ? WNOHANG : 0);
		if (r == pid)
			return 0;
		if (r < 0 && errno != EINTR)
			return errno;
		if (r == 0) {
			struct timespec nap = { 0, nap_us * 1000 };
			if (now_ms() >= deadline) {
				/* The guest's own children share the group
				 * made for the run. */
				kill(-pid, SIGKILL);
				kill(pid, SIGKILL);
				while (waitpid(pid, ws, 0) < 0 &&
				       errno == EINTR)
					;
				return ETIMEDOUT;
			}
			nanosleep(&nap, NULL);
			if (nap_us < 10000)
				nap_us *= 2;
		}
	}
}

wasixrt_error_t *wasixrt_run(const wasixrt_module_t *m,
			     const wasixrt_config_t *c, int flags,
			     int *exit_status)
{
	struct wx_process_config pc;
	struct wx_report r = { 0 };
	const struct wx_export *ex;
	const char *argv0[1] = { "main.wasm" };
	struct wx_wasi *probe;
	struct wx_module *copy;
	uint64_t timeout = c != NULL ? c->timeout_ms : 0;
	pid_t pid;
	int rc, ws;

	*exit_status = 1;
	if (flags != WASIXRT_RUN_IN_CHILD && flags != WASIXRT_RUN_IN_PROCESS)
		return wx_capi_error("wasixrt_run: unknown flags %d", flags);
	ex = wx_module_export_lookup(m->m, "_start");
	if (ex == NULL || ex->kind != WX_EXTERN_FUNC)
		return wx_capi_error("the module has no _start function");
	if (wx_module_functype(m->m, ex->index)->nparams != 0)
		return wx_capi_error("_start takes parameters");
	if (timeout != 0 && flags == WASIXRT_RUN_IN_PROCESS)
		return wx_capi_error("a timeout needs WASIXRT_RUN_IN_CHILD");

	memset(&pc, 0, sizeof(pc));
	wx_capi_wasi_config(c, argv0, &pc.wasi);
	pc.path = pc.wasi.argv[0];
	if (c != NULL)
		pc.limits = c->limits;
	/* Opens (and closes) the preopens: their errors are the caller's. */
	rc = wx_wasi_create(&pc.wasi, &probe, &r);
	if (rc != 0)
		return wx_capi_error("%s", r.set ? r.msg : strerror(rc));
	wx_wasi_destroy(probe);

	if (flags == WASIXRT_RUN_IN_PROCESS) {
		/* The run takes over (and may replace, on exec) its module. */
		rc = wx_module_load(m->m->bytes, m->m->size, &copy, &r);
		if (rc != 0)
			return wx_capi_error("%s", r.set ? r.msg
							 : "cannot load module");
		pc.module = copy;
		*exit_status = wx_process_main(&pc);
		return NULL;
	}

	/* Buffered output of the embedder must not be written twice. */
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return wx_capi_error("cannot fork: %s", strerror(errno));
	if (pid == 0) {
		if (timeout != 0)
			setpgid(0, 0);
		/* The child's copy of the module is its own to take over. */
		pc.module = m->m;
		_exit(wx_process_main(&pc) & 255);
	}
	if (timeout != 0)
		setpgid(pid, pid); /* either side may win the race */
	rc = wait_child(pid, timeout, &ws);
	if (rc == ETIMEDOUT)
		return wx_capi_error_kind(WASIXRT_ERR_TIMEOUT,
					  "timed out after %llu ms",
				     (unsigned long long)timeout);
	if (rc != 0)
		return wx_capi_error("cannot wait for the run: %s",
				     strerror(rc));
	*exit_status = host_status(ws);
	return NULL;
}
