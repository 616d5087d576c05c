/*
 * demo.c - the wasixrt demo (`make demo`): a WASIX program that uses real
 * processes.
 *
 *   demo [LIMIT [WORKERS]]      (defaults: 1000000 primes limit, 4 workers)
 *
 * 1. fork()s WORKERS workers; each blocks on its own work pipe until the
 *    parent sends it a range [lo, hi);
 * 2. each worker counts the primes in its range and writes one fixed-size
 *    result record into a result pipe shared by all workers;
 * 3. the parent collects the records (EOF comes when the last worker has
 *    exited), then vfork()s and execs /bin/report with the results as
 *    arguments - the report program prints the table under the pid vfork
 *    returned;
 * 4. the parent joins everyone and prints the process tree with pids, exit
 *    statuses and timings (clock_gettime).
 *
 * Built with plain wasi-libc plus guest/wasix.c (examples/run_demo.sh).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "wasix.h"

#define MAXWORKERS 16

struct range {
	uint32_t lo, hi;
};

/* One result record: small, so a pipe write of it is atomic. */
struct result {
	int32_t index, pid, ppid;
	uint32_t lo, hi, count;
	int64_t ns;
};

struct worker {
	pid_t pid;
	int work_fd;          /* parent's write end of the work pipe */
	struct result res;
	int have_result;
	int status;
};

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int is_prime(uint32_t n)
{
	if (n < 2)
		return 0;
	if (n % 2 == 0)
		return n == 2;
	for (uint32_t d = 3; d <= n / d; d += 2)
		if (n % d == 0)
			return 0;
	return 1;
}

static void die(const char *what)
{
	fprintf(stderr, "demo: %s: %s\n", what, strerror(errno));
	exit(1);
}

static int write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int read_all(int fd, void *buf, size_t n)
{
	char *p = buf;
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, p + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (int)got;
}

/* The worker: wait for a range, count, report, exit. */
static _Noreturn void worker_main(int index, int work_rd, int result_wr)
{
	struct range r;
	struct result res;
	int64_t t0;

	if (read_all(work_rd, &r, sizeof(r)) != (int)sizeof(r))
		_exit(2);
	close(work_rd);
	t0 = now_ns();
	memset(&res, 0, sizeof(res));
	res.index = index;
	res.pid = wx_getpid();
	res.ppid = wx_getppid();
	res.lo = r.lo;
	res.hi = r.hi;
	for (uint32_t n = r.lo; n < r.hi; n++)
		res.count += (uint32_t)is_prime(n);
	res.ns = now_ns() - t0;
	if (write_all(result_wr, &res, sizeof(res)) < 0)
		_exit(3);
	_exit(0);
}

static void describe_status(int st, char *buf, size_t size)
{
	if (WX_WIFEXITED(st))
		snprintf(buf, size, "exit %d", WX_WEXITSTATUS(st));
	else if (WX_WIFSIGNALED(st))
		snprintf(buf, size, "killed by signal %d", WX_WTERMSIG(st));
	else
		snprintf(buf, size, "status 0x%x", st);
}

int main(int argc, char **argv)
{
	uint32_t limit = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 10)
				  : 1000000;
	int nworkers = argc > 2 ? atoi(argv[2]) : 4;
	struct worker w[MAXWORKERS];
	int results[2];
	int64_t t_start = now_ns(), t_forked, t_collected, t_end;
	pid_t me = wx_getpid();

	if (nworkers < 1 || nworkers > MAXWORKERS || limit < 2) {
		fprintf(stderr, "usage: demo [LIMIT [WORKERS<=%d]]\n",
			MAXWORKERS);
		return 2;
	}
	printf("wasixrt demo: pid %d counts the primes below %u with %d "
	       "forked workers\n\n", (int)me, limit, nworkers);
	fflush(stdout);

	if (wx_pipe(results) < 0)
		die("pipe");
	for (int i = 0; i < nworkers; i++) {
		int work[2];
		if (wx_pipe(work) < 0)
			die("pipe");
		fflush(NULL);
		pid_t pid = wx_fork();
		if (pid < 0)
			die("fork");
		if (pid == 0) {
			close(work[1]);
			close(results[0]);
			for (int j = 0; j < i; j++)
				close(w[j].work_fd);
			worker_main(i, work[0], results[1]);
		}
		close(work[0]);
		memset(&w[i], 0, sizeof(w[i]));
		w[i].pid = pid;
		w[i].work_fd = work[1];
	}
	close(results[1]);
	t_forked = now_ns();

	/* Hand out the ranges; the workers have been waiting for them. */
	for (int i = 0; i < nworkers; i++) {
		struct range r;
		r.lo = (uint32_t)((uint64_t)limit * (uint64_t)i /
				  (uint64_t)nworkers);
		r.hi = (uint32_t)((uint64_t)limit * (uint64_t)(i + 1) /
				  (uint64_t)nworkers);
		if (write_all(w[i].work_fd, &r, sizeof(r)) < 0)
			die("write work");
		close(w[i].work_fd);
	}

	/* Collect until EOF: every writer has exited. */
	for (;;) {
		struct result res;
		int n = read_all(results[0], &res, sizeof(res));
		if (n < 0)
			die("read results");
		if (n == 0)
			break;
		if (n != (int)sizeof(res) || res.index < 0 ||
		    res.index >= nworkers) {
			fprintf(stderr, "demo: bad result record\n");
			return 1;
		}
		w[res.index].res = res;
		w[res.index].have_result = 1;
	}
	close(results[0]);
	t_collected = now_ns();
	for (int i = 0; i < nworkers; i++) {
		int st = 0;
		if (wx_waitpid(w[i].pid, &st, 0) != w[i].pid)
			die("waitpid");
		w[i].status = st;
	}

	/* vfork + exec the report with the results as arguments. */
	char *rargv[MAXWORKERS + 3];
	char args[MAXWORKERS][96];
	int na = 0;
	rargv[na++] = "report";
	for (int i = 0; i < nworkers; i++) {
		const struct result *r = &w[i].res;
		snprintf(args[i], sizeof(args[i]), "%d:%d:%d:%u:%u:%u:%lld",
			 (int)r->index, (int)r->pid, (int)r->ppid, r->lo,
			 r->hi, r->count, (long long)r->ns);
		rargv[na++] = args[i];
	}
	rargv[na] = NULL;
	fflush(NULL);
	int64_t t_vfork = now_ns();
	pid_t rpid = wx_vfork();
	if (rpid < 0)
		die("vfork");
	if (rpid == 0) {
		wx_execv("/bin/report", rargv);
		fprintf(stderr, "demo: exec /bin/report: %s\n",
			strerror(errno));
		wx__exit(127);
	}
	int64_t t_resumed = now_ns();
	int rst = 0;
	if (wx_waitpid(rpid, &rst, 0) != rpid)
		die("waitpid report");
	t_end = now_ns();

	/* The process tree. */
	char sbuf[48];
	uint64_t total = 0;
	printf("\nprocess tree\n");
	printf("pid %-4d demo (parent %d)\n", (int)me, (int)wx_getppid());
	for (int i = 0; i < nworkers; i++) {
		const struct result *r = &w[i].res;
		char range[32];
		describe_status(w[i].status, sbuf, sizeof(sbuf));
		snprintf(range, sizeof(range), "[%u, %u)", r->lo, r->hi);
		printf("  |- pid %-4d worker %d  fork  %-20s %7u primes "
		       "%8.1f ms  %s%s\n", (int)w[i].pid, i, range,
		       r->count, (double)r->ns / 1e6, sbuf,
		       w[i].have_result && r->ppid == me ? ""
							 : "  (no result!)");
		total += r->count;
	}
	describe_status(rst, sbuf, sizeof(sbuf));
	printf("  `- pid %-4d report    vfork + exec /bin/report, parent "
	       "resumed after %.2f ms  %s\n", (int)rpid,
	       (double)(t_resumed - t_vfork) / 1e6, sbuf);
	printf("\n%llu primes below %u\n", (unsigned long long)total, limit);
	printf("timings: fork %d workers %.2f ms, work %.1f ms, report "
	       "%.1f ms, total %.1f ms\n", nworkers,
	       (double)(t_forked - t_start) / 1e6,
	       (double)(t_collected - t_forked) / 1e6,
	       (double)(t_end - t_collected) / 1e6,
	       (double)(t_end - t_start) / 1e6);
	for (int i = 0; i < nworkers; i++)
		if (!w[i].have_result || !WX_WIFEXITED(w[i].status) ||
		    WX_WEXITSTATUS(w[i].status) != 0)
			return 1;
	return WX_WIFEXITED(rst) && WX_WEXITSTATUS(rst) == 0 ? 0 : 1;
}
