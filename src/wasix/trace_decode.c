/*
 * trace_decode.c - the arguments of a WASI/WASIX call as `--trace` shows
 * them: each import's row of trace_args.def says what each parameter is,
 * and this file turns that into text (paths read from guest memory, flags
 * as names, fds, out-parameters after the call).  Guest memory is only
 * read, always bounds-checked against the memory's current size: a bad
 * pointer shows as "<bad ptr>", it never faults here.
 */
#include <stdio.h>
#include <string.h>

#include "../wasi/abi.h"
#include "trace.h"

struct trace_row {
	const char *name;
	const char *kinds;
};

static const struct trace_row trace_rows[] = {
#define TRACE_ARGS(name, kinds) {#name, kinds},
#include "trace_args.def"
#undef TRACE_ARGS
};

/* Wasm parameters each kind consumes. */
static uint32_t kind_width(char k)
{
	return strchr("szvwrB", k) != NULL ? 2 : 1;
}

uint32_t wx_trace_kinds_params(const char *kinds)
{
	uint32_t n = 0;
	if (*kinds == '!' || *kinds == '#')
		kinds++;
	for (; *kinds; kinds++)
		n += kind_width(*kinds);
	return n;
}

const char *wx_trace_kinds(const char *name, uint32_t nparams)
{
	size_t i;
	for (i = 0; i < sizeof(trace_rows) / sizeof(trace_rows[0]); i++)
		if (strcmp(trace_rows[i].name, name) == 0 &&
		    wx_trace_kinds_params(trace_rows[i].kinds) == nparams)
			return trace_rows[i].kinds;
	return NULL;
}

static const char *const errno_names[] = {
	"SUCCESS", "E2BIG", "EACCES", "EADDRINUSE", "EADDRNOTAVAIL",
	"EAFNOSUPPORT", "EAGAIN", "EALREADY", "EBADF", "EBADMSG", "EBUSY",
	"ECANCELED", "ECHILD", "ECONNABORTED", "ECONNREFUSED", "ECONNRESET",
	"EDEADLK", "EDESTADDRREQ", "EDOM", "EDQUOT", "EEXIST", "EFAULT",
	"EFBIG", "EHOSTUNREACH", "EIDRM", "EILSEQ", "EINPROGRESS", "EINTR",
	"EINVAL", "EIO", "EISCONN", "EISDIR", "ELOOP", "EMFILE", "EMLINK",
	"EMSGSIZE", "EMULTIHOP", "ENAMETOOLONG", "ENETDOWN", "ENETRESET",
	"ENETUNREACH", "ENFILE", "ENOBUFS", "ENODEV", "ENOENT", "ENOEXEC",
	"ENOLCK", "ENOLINK", "ENOMEM", "ENOMSG", "ENOPROTOOPT", "ENOSPC",
	"ENOSYS", "ENOTCONN", "ENOTDIR", "ENOTEMPTY", "ENOTRECOVERABLE",
	"ENOTSOCK", "ENOTSUP", "ENOTTY", "ENXIO", "EOVERFLOW", "EOWNERDEAD",
	"EPERM", "EPIPE", "EPROTO", "EPROTONOSUPPORT", "EPROTOTYPE",
	"ERANGE", "EROFS", "ESPIPE", "ESRCH", "ESTALE", "ETIMEDOUT",
	"ETXTBSY", "EXDEV", "ENOTCAPABLE",
};

const char *wx_trace_errno_name(uint32_t e)
{
	return e < sizeof(errno_names) / sizeof(errno_names[0])
		       ? errno_names[e]
		       : NULL;
}

static const char *const signal_names[] = {
	NULL, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
	"SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2",
	"SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",
	"SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
	"SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGPOLL", "SIGPWR",
	"SIGSYS",
};

const char *wx_trace_signal_name(int sig)
{
	return sig > 0 && sig < (int)(sizeof(signal_names) /
				      sizeof(signal_names[0]))
		       ? signal_names[sig]
		       : NULL;
}

void wx_trace_putf(struct wx_trace_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;
	if (b->n >= sizeof(b->s) - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->s + b->n, sizeof(b->s) - b->n, fmt, ap);
	va_end(ap);
	if (n > 0)
		b->n += (size_t)n < sizeof(b->s) - b->n ? (size_t)n
							 : sizeof(b->s) - 1 - b->n;
}

void wx_trace_putstr(struct wx_trace_buf *b, const uint8_t *s, size_t len,
		     size_t max)
{
	size_t i;
	wx_trace_putf(b, "\"");
	for (i = 0; i < len && i < max; i++) {
		uint8_t c = s[i];
		switch (c) {
		case '\n': wx_trace_putf(b, "\\n"); break;
		case '\t': wx_trace_putf(b, "\\t"); break;
		case '\r': wx_trace_putf(b, "\\r"); break;
		case '"': wx_trace_putf(b, "\\\""); break;
		case '\\': wx_trace_putf(b, "\\\\"); break;
		default:
			if (c < 0x20 || c >= 0x7f)
				wx_trace_putf(b, "\\x%02x", c);
			else
				wx_trace_putf(b, "%c", c);
		}
	}
	wx_trace_putf(b, len > max ? "\"..." : "\"");
}

/* The guest range [ptr, ptr+len) of `mem`, or NULL. */
static const uint8_t *guest(struct wx_memory *mem, uint64_t ptr, uint64_t len)
{
	uint64_t size;
	if (mem == NULL)
		return NULL;
	size = __atomic_load_n(&mem->size, __ATOMIC_ACQUIRE);
	if (ptr > size || len > size - ptr)
		return NULL;
	return mem->base + ptr;
}

static void put_flags(struct wx_trace_buf *b, uint32_t v,
		      const char *const *names, unsigned nnames)
{
	unsigned i;
	bool any = false;
	if (v == 0) {
		wx_trace_putf(b, "0");
		return;
	}
	for (i = 0; i < nnames; i++)
		if (v & (1u << i)) {
			wx_trace_putf(b, "%s%s", any ? "|" : "", names[i]);
			any = true;
			v &= ~(1u << i);
		}
	if (v != 0)
		wx_trace_putf(b, "%s0x%x", any ? "|" : "", v);
}

static const char *const oflag_names[] = {"CREAT", "DIRECTORY", "EXCL",
					  "TRUNC"};
static const char *const fdflag_names[] = {"APPEND", "DSYNC", "NONBLOCK",
					   "RSYNC", "SYNC"};
static const char *const lookup_names[] = {"SYMLINK_FOLLOW"};
static const char *const fdext_names[] = {"CLOEXEC"};
static const char *const join_names[] = {"NON_BLOCKING", "WAKE_STOPPED"};
static const char *const whence_names[] = {"SET", "CUR", "END"};
static const char *const clock_names[] = {"REALTIME", "MONOTONIC",
					  "PROCESS_CPUTIME", "THREAD_CPUTIME"};

/* '\n'-separated list or pointer array as ["a", "b"], at most 16 shown. */
static void put_list(struct wx_trace_buf *b, struct wx_memory *mem,
		     uint32_t ptr, uint32_t n, bool array)
{
	uint32_t i, shown = 0;
	wx_trace_putf(b, "[");
	if (!array) {
		const uint8_t *s = guest(mem, ptr, n);
		uint32_t start = 0;
		if (s == NULL) {
			wx_trace_putf(b, "<bad ptr>]");
			return;
		}
		/* A trailing separator (or NUL) ends the list, as libc
		 * writes it. */
		while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == 0))
			n--;
		for (i = 0; n > 0 && i <= n && shown < 16; i++)
			if (i == n || s[i] == '\n') {
				wx_trace_putf(b, shown ? ", " : "");
				wx_trace_putstr(b, s + start, i - start, 64);
				shown++;
				start = i + 1;
			}
	} else {
		for (i = 0; i < n && shown < 16; i++) {
			const uint8_t *pp = guest(mem, ptr + 4ull * i, 4);
			const uint8_t *s;
			uint64_t sp, len = 0, size;
			if (pp == NULL)
				break;
			sp = wx_get32(pp);
			s = guest(mem, sp, 0);
			size = mem->size;
			if (s == NULL)
				break;
			while (sp + len < size && s[len] != 0 && len < 4096)
				len++;
			wx_trace_putf(b, shown ? ", " : "");
			wx_trace_putstr(b, s, len, 64);
			shown++;
		}
	}
	wx_trace_putf(b, shown < n && array ? ", ...]" : "]");
}

/* Written data: the first bytes of the iovecs' data, and their count. */
static void put_ciovs(struct wx_trace_buf *b, struct wx_memory *mem,
		      uint32_t ptr, uint32_t n)
{
	uint8_t show[48];
	size_t nshow = 0;
	uint64_t total = 0;
	uint32_t i;
	for (i = 0; i < n && i < 1024; i++) {
		const uint8_t *v = guest(mem, ptr + 8ull * i, 8);
		const uint8_t *d;
		uint32_t len;
		if (v == NULL) {
			wx_trace_putf(b, "<bad ptr>");
			return;
		}
		len = wx_get32(v + 4);
		total += len;
		d = guest(mem, wx_get32(v), len);
		if (d != NULL && nshow < sizeof(show)) {
			size_t k = len < sizeof(show) - nshow
					   ? len
					   : sizeof(show) - nshow;
			memcpy(show + nshow, d, k);
			nshow += k;
		}
	}
	wx_trace_putstr(b, show, total < nshow ? (size_t)total : nshow, 40);
	if (total > 40)
		wx_trace_putf(b, " (%llu B)", (unsigned long long)total);
	if (n != 1)
		wx_trace_putf(b, ", %u iov", n);
}

static void put_iovs(struct wx_trace_buf *b, struct wx_memory *mem,
		     uint32_t ptr, uint32_t n)
{
	uint64_t total = 0;
	uint32_t i;
	for (i = 0; i < n && i < 1024; i++) {
		const uint8_t *v = guest(mem, ptr + 8ull * i, 8);
		if (v == NULL) {
			wx_trace_putf(b, "<bad ptr>");
			return;
		}
		total += wx_get32(v + 4);
	}
	wx_trace_putf(b, "[%u iov, %llu B]", n, (unsigned long long)total);
}

void wx_trace_args(struct wx_trace_buf *b, const char *kinds,
		   const uint64_t *args, struct wx_memory *mem)
{
	bool first = true;
	if (*kinds == '!' || *kinds == '#')
		kinds++;
	for (; *kinds; args += kind_width(*kinds), kinds++) {
		uint32_t a = (uint32_t)args[0];
		char k = *kinds;
		if (strchr("DPTNQK_", k) != NULL)
			continue; /* out: shown after the call */
		wx_trace_putf(b, first ? "" : ", ");
		first = false;
		switch (k) {
		case 'F': case 'i':
			wx_trace_putf(b, "%d", (int32_t)a);
			break;
		case 'u':
			wx_trace_putf(b, "%u", a);
			break;
		case 'x': case 'p':
			wx_trace_putf(b, "0x%x", a);
			break;
		case 'I':
			wx_trace_putf(b, "%lld", (long long)args[0]);
			break;
		case 'U':
			wx_trace_putf(b, "%llu", (unsigned long long)args[0]);
			break;
		case 'X':
			wx_trace_putf(b, "0x%llx", (unsigned long long)args[0]);
			break;
		case 'b':
			wx_trace_putf(b, "%s", a ? "true" : "false");
			break;
		case 's': {
			const uint8_t *s = guest(mem, a, (uint32_t)args[1]);
			if (s == NULL)
				wx_trace_putf(b, "<bad ptr>");
			else
				wx_trace_putstr(b, s, (uint32_t)args[1], 200);
			break;
		}
		case 'z':
		case 'v':
			put_list(b, mem, a, (uint32_t)args[1], k == 'v');
			break;
		case 'w':
			put_ciovs(b, mem, a, (uint32_t)args[1]);
			break;
		case 'r':
			put_iovs(b, mem, a, (uint32_t)args[1]);
			break;
		case 'B':
			wx_trace_putf(b, "0x%x, %u", a, (uint32_t)args[1]);
			break;
		case 'o':
			put_flags(b, a, oflag_names, 4);
			break;
		case 'f':
			put_flags(b, a, fdflag_names, 5);
			break;
		case 'l':
			put_flags(b, a, lookup_names, 1);
			break;
		case 'e':
			put_flags(b, a, fdext_names, 1);
			break;
		case 'j':
			put_flags(b, a, join_names, 2);
			break;
		case 'W':
			if (a < 3)
				wx_trace_putf(b, "%s", whence_names[a]);
			else
				wx_trace_putf(b, "%u", a);
			break;
		case 'c':
			if (a < 4)
				wx_trace_putf(b, "%s", clock_names[a]);
			else
				wx_trace_putf(b, "%u", a);
			break;
		case 'S':
			if (wx_trace_signal_name((int)a) != NULL)
				wx_trace_putf(b, "%s",
					      wx_trace_signal_name((int)a));
			else
				wx_trace_putf(b, "%u", a);
			break;
		case 'J': {
			const uint8_t *o = guest(mem, a, 8);
			if (o == NULL)
				wx_trace_putf(b, "<bad ptr>");
			else if (o[0] == 0 || wx_get32(o + 4) == 0)
				wx_trace_putf(b, "any");
			else
				wx_trace_putf(b, "%u", wx_get32(o + 4));
			break;
		}
		default:
			wx_trace_putf(b, "0x%llx", (unsigned long long)args[0]);
		}
	}
}

void wx_trace_outs(struct wx_trace_buf *b, const char *kinds,
		   const uint64_t *args, struct wx_memory *mem)
{
	bool first = true;
	if (*kinds == '!' || *kinds == '#')
		kinds++;
	for (; *kinds; args += kind_width(*kinds), kinds++) {
		uint32_t a = (uint32_t)args[0];
		const char *label;
		const uint8_t *o;
		switch (*kinds) {
		case 'D': label = "fd"; break;
		case 'P': label = "pid"; break;
		case 'T': label = "tid"; break;
		case 'N': case 'Q': label = "n"; break;
		case 'J': label = "pid"; break;
		case 'K': label = "status"; break;
		default: continue;
		}
		o = guest(mem, a, *kinds == 'Q' || *kinds == 'J' ? 8
				  : *kinds == 'K'		   ? 6
								   : 4);
		if (o == NULL)
			continue;
		wx_trace_putf(b, "%s%s=", first ? " (" : ", ", label);
		first = false;
		if (*kinds == 'Q') {
			wx_trace_putf(b, "%llu",
				      (unsigned long long)wx_get64(o));
		} else if (*kinds == 'J') {
			if (o[0] == 0)
				wx_trace_putf(b, "none");
			else
				wx_trace_putf(b, "%u", wx_get32(o + 4));
		} else if (*kinds == 'K') {
			/* join_status: tag, then exit code (u16 at 2) or
			 * signal (u8 at 4). */
			if (o[0] == 1)
				wx_trace_putf(b, "exit %u", o[2] | o[3] << 8);
			else if (o[0] == 2)
				wx_trace_putf(b, "%s",
					      wx_trace_signal_name(o[4])
						      ? wx_trace_signal_name(o[4])
						      : "signal");
			else
				wx_trace_putf(b, "none");
		} else {
			wx_trace_putf(b, "%u", wx_get32(o));
		}
	}
	if (!first)
		wx_trace_putf(b, ")");
}
