/*
 * trace.c - `--trace` (trace.h): the line writer, the per-import
 * trampolines bound at link time, and the process events.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "trace.h"
#include "trace_report.h"

int wx_trace_fd = -1;

/* Above the descriptors a program usually has, so that the host fds the
 * guest's fd table uses stay where they would be without tracing. */
#define TRACE_FD_MIN 100

int wx_trace_open(const char *path)
{
	int fd, hi;
	if (path != NULL)
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND |
					O_CLOEXEC,
			  0644);
	else
		fd = fcntl(2, F_DUPFD_CLOEXEC, TRACE_FD_MIN);
	if (fd < 0)
		return errno;
	if (fd < TRACE_FD_MIN) {
		hi = fcntl(fd, F_DUPFD_CLOEXEC, TRACE_FD_MIN);
		if (hi >= 0) {
			close(fd);
			fd = hi;
		}
	}
	wx_trace_fd = fd;
	return 0;
}

/* The line, ended with a newline, in one write: lines of processes
 * sharing the descriptor never interleave (O_APPEND, or a pipe's
 * PIPE_BUF atomicity for lines under 4 KiB). */
static void emit(struct wx_trace_buf *b)
{
	ssize_t w;
	if (b->n >= sizeof(b->s) - 1)
		b->n = sizeof(b->s) - 2;
	b->s[b->n++] = '\n';
	do
		w = write(wx_trace_fd, b->s, b->n);
	while (w < 0 && errno == EINTR);
}

static uint32_t current_pid(void)
{
	struct wx_proc *p = __atomic_load_n(&wx_proc_self, __ATOMIC_ACQUIRE);
	return p != NULL ? p->pid : 0;
}

static void put_who(struct wx_trace_buf *b)
{
	struct wx_proc *p = __atomic_load_n(&wx_proc_self, __ATOMIC_ACQUIRE);
	struct wx_thread *t = wx_current_thread;
	b->n = 0;
	wx_trace_putf(b, "[pid %u.%u] ", p != NULL ? p->pid : 0,
		      t != NULL && t->id != 0 ? t->id : 1);
}

void wx_trace_event(const char *fmt, ...)
{
	struct wx_trace_buf b;
	va_list ap;
	int n;
	if (wx_trace_fd < 0)
		return;
	put_who(&b);
	va_start(ap, fmt);
	n = vsnprintf(b.s + b.n, sizeof(b.s) - b.n, fmt, ap);
	va_end(ap);
	if (n > 0)
		b.n += (size_t)n < sizeof(b.s) - b.n ? (size_t)n
						     : sizeof(b.s) - 1 - b.n;
	emit(&b);
}

static void exit_event(int st)
{
	if (WIFSIGNALED(st)) {
		const char *n = wx_trace_signal_name(WTERMSIG(st));
		if (n != NULL)
			wx_trace_event("+++ killed by %s", n);
		else
			wx_trace_event("+++ killed by signal %d", WTERMSIG(st));
	} else {
		wx_trace_event("+++ exited with %d", WEXITSTATUS(st));
	}
}

void wx_trace_exit(int st)
{
	struct wx_proc *p = __atomic_load_n(&wx_proc_self, __ATOMIC_ACQUIRE);
	if (wx_trace_fd >= 0)
		exit_event(st);
	if (wx_report_fd >= 0 && p != NULL)
		wx_report_end(p->pid, st, 1);
}

void wx_trace_exit_vfork(int st)
{
	struct wx_proc *p = __atomic_load_n(&wx_proc_self, __ATOMIC_ACQUIRE);
	if (wx_trace_fd >= 0)
		exit_event(st);
	if (wx_report_fd >= 0 && p != NULL) {
		wx_report_start(p->pid, p->ppid);
		wx_report_end(p->pid, st, 0);
	}
}

/* ---- the trampolines ---- */

/* What a traced import was bound to, and how to show its arguments. */
struct trace_fn {
	wx_host_fn fn;
	void *ctx;
	const char *name;  /* the import's name (after the module's) */
	const char *kinds; /* trace_args.def, or NULL: by the signature */
	const struct wx_functype *type;
};

/* The records live for the whole process: a global table (so reachable,
 * not leaked), shared by every linker of the process (threads, exec'd
 * images) since a record depends only on the function, its context and
 * its name. */
static struct trace_fn **trace_fns;
static size_t trace_nfns, trace_capfns;
static pthread_mutex_t trace_lock = PTHREAD_MUTEX_INITIALIZER;

static struct wx_memory *caller_memory(struct wx_thread *t)
{
	const struct wx_func *f = t->site.func;
	if (f == NULL || f->inst == NULL || f->inst->module->nmems == 0)
		return NULL;
	return f->inst->mems[0];
}

/* Shown for a host status other than a normal return. */
static const char *status_name(int r)
{
	switch (r) {
	case WX_ETRAP: return "trap";
	case WX_EEXIT: return "exit";
	case WX_EEXEC: return "exec: image replaced";
	case WX_ERESTART: return "restart";
	case WX_ERESUME: return "resume";
	default: return "status";
	}
}


/* "name(args)" of a call, from its arguments before it runs. */
static void put_call(struct wx_trace_buf *b, const struct trace_fn *tf,
		     const uint64_t *in, struct wx_memory *mem)
{
	uint32_t i, np = tf->type->nparams;
	wx_trace_putf(b, "%s(", tf->name);
	if (tf->kinds != NULL) {
		wx_trace_args(b, tf->kinds, in, mem);
	} else {
		for (i = 0; i < np && i < 16; i++)
			wx_trace_putf(b, "%s%lld", i ? ", " : "",
				      tf->type->types[i] == WX_I64
					      ? (long long)in[i]
					      : (long long)(int32_t)in[i]);
	}
	wx_trace_putf(b, ")");
}

static int trace_call(struct wx_thread *t, void *ctx, uint64_t *args)
{
	const struct trace_fn *tf = ctx;
	struct wx_memory *mem = caller_memory(t);
	struct wx_trace_buf call, b;
	uint64_t in[16];
	uint32_t np = tf->type->nparams, i, pid;
	bool before = tf->kinds != NULL && tf->kinds[0] == '!';
	int r;

	for (i = 0; i < np && i < 16; i++)
		in[i] = args[i];
	call.n = 0;
	put_call(&call, tf, in, mem);
	if (before) {
		/* It does not return to the guest: the line goes out now. */
		put_who(&b);
		wx_trace_putf(&b, "%s", call.s);
		emit(&b);
	}
	pid = current_pid();
	r = tf->fn(t, tf->ctx, args);
	if (before && r != 0)
		return r;
	/* The pid after the call: a fork's child says its own. */
	put_who(&b);
	wx_trace_putf(&b, "%s", call.s);

	if (before)
		wx_trace_putf(&b, " (returned)");
	if (r != 0) {
		wx_trace_putf(&b, " = <%s>", status_name(r));
	} else if (tf->type->nresults == 1) {
		uint32_t e = (uint32_t)args[0];
		const char *en = wx_trace_errno_name(e);
		if (tf->kinds != NULL && tf->kinds[0] == '#')
			wx_trace_putf(&b, " = %d", (int32_t)e);
		else if (e == 0)
			wx_trace_putf(&b, " = 0");
		else if (en != NULL)
			wx_trace_putf(&b, " = %s", en);
		else
			wx_trace_putf(&b, " = %u", e);
		if (e == 0 && tf->kinds != NULL && tf->kinds[0] != '#')
			wx_trace_outs(&b, tf->kinds, in, mem);
	}
	if (current_pid() != pid && strncmp(tf->name, "proc_fork", 9) != 0)
		/* A vfork child's exec or exit returned in its parent. */
		wx_trace_putf(&b, " (made by vfork child %u; its parent "
				  "resumes)",
			      pid);
	emit(&b);
	return r;
}

static bool traced_module(const char *m)
{
	return strcmp(m, "wasi_snapshot_preview1") == 0 ||
	       strcmp(m, "wasix_32v1") == 0 ||
	       strcmp(m, "wasi_unstable") == 0 || strcmp(m, "wasi") == 0;
}

static struct trace_fn *record_for(const struct wx_func *f, const char *name)
{
	struct trace_fn *tf;
	size_t i;
	for (i = 0; i < trace_nfns; i++) {
		tf = trace_fns[i];
		if (tf->fn == f->host && tf->ctx == f->host_ctx &&
		    tf->type == f->type && strcmp(tf->name, name) == 0)
			return tf;
	}
	if (trace_nfns == trace_capfns) {
		size_t cap = trace_capfns ? trace_capfns * 2 : 512;
		struct trace_fn **n = realloc(trace_fns, cap * sizeof(*n));
		if (n == NULL)
			return NULL;
		trace_fns = n;
		trace_capfns = cap;
	}
	tf = calloc(1, sizeof(*tf) + strlen(name) + 1);
	if (tf == NULL)
		return NULL;
	tf->fn = f->host;
	tf->ctx = f->host_ctx;
	tf->type = f->type;
	tf->name = strcpy((char *)(tf + 1), name);
	tf->kinds = wx_trace_kinds(name, f->type->nparams);
	trace_fns[trace_nfns++] = tf;
	return tf;
}

int wx_trace_wrap(struct wx_linker *l)
{
	size_t i;
	int ret = 0;
	pthread_mutex_lock(&trace_lock);
	for (i = 0; i < l->n; i++) {
		struct wx_linker_entry *e = &l->entries[i];
		struct wx_func *f;
		struct trace_fn *tf;
		if (!e->owns_func || e->ext.kind != WX_EXTERN_FUNC ||
		    !traced_module(e->module_name))
			continue;
		f = e->ext.u.func;
		if (f->host == NULL || f->host == trace_call)
			continue;
		tf = record_for(f, e->name);
		if (tf == NULL) {
			ret = ENOMEM;
			break;
		}
		f->host = trace_call;
		f->host_ctx = tf;
	}
	pthread_mutex_unlock(&trace_lock);
	return ret;
}
