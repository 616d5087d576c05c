/*
 * trace_report.c - `--report` (trace_report.h): the records every process
 * of a run writes, and the tree printed from them at the end.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "trace.h"
#include "trace_report.h"

int wx_report_fd = -1;

int wx_report_open(void)
{
	int fd = memfd_create("wasixrt-report", MFD_CLOEXEC);
	if (fd < 0)
		return errno;
	if (fcntl(fd, F_SETFL, O_APPEND) != 0) {
		int e = errno;
		close(fd);
		return e;
	}
	wx_report_fd = fd;
	return 0;
}

static void record(const char *fmt, ...)
{
	char line[600];
	va_list ap;
	int n;
	ssize_t w;
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	do
		w = write(wx_report_fd, line, (size_t)n);
	while (w < 0 && errno == EINTR);
}

void wx_report_start(uint32_t pid, uint32_t ppid)
{
	if (wx_report_fd >= 0)
		record("S %u %u %d", pid, ppid, (int)getpid());
}

void wx_report_program(uint32_t pid, const char *program,
		       const char *const *argv, size_t argc)
{
	char clean[512];
	size_t i = 0, k;
	const char *s;
	if (wx_report_fd < 0)
		return;
	/* The program and its arguments after argv[0], on one line: no
	 * newline may come from them. */
	for (k = 0; k < (argc > 0 ? argc : 1); k++) {
		s = k == 0 ? program : argv[k];
		if (k > 0 && i < sizeof(clean) - 1)
			clean[i++] = ' ';
		for (; *s != '\0' && i < sizeof(clean) - 1; s++)
			clean[i++] = *s == '\n' ? ' ' : *s;
	}
	clean[i] = '\0';
	record("E %u %d %s", pid, (int)getpid(), clean);
}

void wx_report_end(uint32_t pid, int st, int measured)
{
	struct rusage ru;
	if (wx_report_fd < 0)
		return;
	if (measured && getrusage(RUSAGE_SELF, &ru) == 0)
		record("X %u %d %d %lld %lld %ld", pid, (int)getpid(), st,
		       (long long)ru.ru_utime.tv_sec * 1000000 +
			       ru.ru_utime.tv_usec,
		       (long long)ru.ru_stime.tv_sec * 1000000 +
			       ru.ru_stime.tv_usec,
		       ru.ru_maxrss);
	else
		record("X %u %d %d -1 -1 -1", pid, (int)getpid(), st);
}

void wx_report_reaped(uint32_t pid, pid_t hp, int st)
{
	if (wx_report_fd >= 0)
		record("W %u %d %d", pid, (int)hp, st);
}

/* ---- the tree ---- */

struct rproc {
	uint32_t pid, ppid;
	int hp;
	char *program;
	bool has_status, measured;
	int status;
	long long utime, stime;
	long maxrss;
	int parent; /* index, -1 for a root */
	int depth;
};

struct rtab {
	struct rproc *p;
	size_t n, cap;
};

/* The process of guest pid `pid` in host process `hp` (or any host
 * process when hp is 0), latest first; -1 if none. */
static int find(const struct rtab *t, uint32_t pid, int hp)
{
	size_t i = t->n;
	while (i-- > 0)
		if (t->p[i].pid == pid && (hp == 0 || t->p[i].hp == hp))
			return (int)i;
	return -1;
}

static int add(struct rtab *t, uint32_t pid, uint32_t ppid, int hp)
{
	struct rproc *r;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		struct rproc *n = realloc(t->p, cap * sizeof(*n));
		if (n == NULL)
			return -1;
		t->p = n;
		t->cap = cap;
	}
	r = &t->p[t->n];
	memset(r, 0, sizeof(*r));
	r->pid = pid;
	r->ppid = ppid;
	r->hp = hp;
	r->utime = r->stime = -1;
	r->maxrss = -1;
	r->parent = find(t, ppid, 0);
	r->depth = r->parent >= 0 ? t->p[r->parent].depth + 1 : 0;
	if (r->parent >= 0 && t->p[r->parent].program != NULL)
		r->program = strdup(t->p[r->parent].program);
	return (int)t->n++;
}

static void parse(struct rtab *t, char *line)
{
	unsigned pid, ppid;
	int hp, st, k, off = 0;
	long long ut, stt;
	long rss;
	switch (line[0]) {
	case 'S':
		if (sscanf(line, "S %u %u %d", &pid, &ppid, &hp) == 3)
			add(t, pid, ppid, hp);
		break;
	case 'E':
		if (sscanf(line, "E %u %d %n", &pid, &hp, &off) == 2 &&
		    off > 0) {
			k = find(t, pid, hp);
			if (k < 0)
				k = find(t, pid, 0);
			if (k >= 0) {
				free(t->p[k].program);
				t->p[k].program = strdup(line + off);
			}
		}
		break;
	case 'X':
		if (sscanf(line, "X %u %d %d %lld %lld %ld", &pid, &hp, &st,
			   &ut, &stt, &rss) == 6) {
			k = find(t, pid, hp);
			if (k < 0)
				k = find(t, pid, 0);
			if (k < 0)
				break;
			t->p[k].has_status = true;
			t->p[k].status = st;
			if (ut >= 0) {
				t->p[k].measured = true;
				t->p[k].utime = ut;
				t->p[k].stime = stt;
				t->p[k].maxrss = rss;
			}
		}
		break;
	case 'W':
		if (sscanf(line, "W %u %d %d", &pid, &hp, &st) == 3) {
			k = pid != 0 ? find(t, pid, hp) : -1;
			if (k < 0) /* the supervisor knows host pids only */
				for (k = (int)t->n - 1; k >= 0; k--)
					if (t->p[k].hp == hp)
						break;
			if (k >= 0 && !t->p[k].has_status) {
				t->p[k].has_status = true;
				t->p[k].status = st;
			}
		}
		break;
	}
}

static void put_status(char *s, size_t n, const struct rproc *r)
{
	if (!r->has_status)
		snprintf(s, n, "running");
	else if (WIFSIGNALED(r->status)) {
		const char *name = wx_trace_signal_name(WTERMSIG(r->status));
		if (name != NULL)
			snprintf(s, n, "%s", name);
		else
			snprintf(s, n, "signal %d", WTERMSIG(r->status));
	} else
		snprintf(s, n, "exit %d", WEXITSTATUS(r->status));
}

/* Children after their parent, in start order (depth-first). */
static void print_sub(FILE *out, const struct rtab *t, int parent)
{
	size_t i;
	for (i = 0; i < t->n; i++) {
		const struct rproc *r = &t->p[i];
		char st[32], cpu[32], mem[32];
		if (r->parent != parent)
			continue;
		put_status(st, sizeof(st), r);
		if (r->measured) {
			snprintf(cpu, sizeof(cpu), "%.3f s",
				 (double)(r->utime + r->stime) / 1e6);
			snprintf(mem, sizeof(mem), "%.1f MiB",
				 (double)r->maxrss / 1024);
		} else {
			snprintf(cpu, sizeof(cpu), "-");
			snprintf(mem, sizeof(mem), "-");
		}
		fprintf(out, "  %5u %5u  %-9s %9s %10s  %*s%s\n", r->pid,
			r->ppid, st, cpu, mem, 2 * r->depth, "",
			r->program != NULL ? r->program : "?");
		print_sub(out, t, (int)i);
	}
}

void wx_report_print(FILE *out)
{
	struct rtab t = {NULL, 0, 0};
	char *buf = NULL, *line, *save = NULL;
	size_t len = 0, i;
	off_t size;
	if (wx_report_fd < 0)
		return;
	size = lseek(wx_report_fd, 0, SEEK_END);
	if (size > 0 && (buf = malloc((size_t)size + 1)) != NULL) {
		ssize_t r;
		while (len < (size_t)size &&
		       (r = pread(wx_report_fd, buf + len, (size_t)size - len,
				  (off_t)len)) > 0)
			len += (size_t)r;
		buf[len] = '\0';
		for (line = strtok_r(buf, "\n", &save); line != NULL;
		     line = strtok_r(NULL, "\n", &save))
			parse(&t, line);
	}
	fprintf(out, "wasixrt: report: %zu process%s\n", t.n,
		t.n == 1 ? "" : "es");
	fprintf(out, "  %5s %5s  %-9s %9s %10s  %s\n", "PID", "PPID",
		"STATUS", "CPU", "PEAK RSS", "PROGRAM");
	print_sub(out, &t, -1);
	fflush(out);
	for (i = 0; i < t.n; i++)
		free(t.p[i].program);
	free(t.p);
	free(buf);
}
