/*
 * limits.h - the bounds on everything a guest controls, in one place.
 *
 * A guest chooses how much memory it grows, how large its tables are,
 * how many fds it opens, how much argument and environment text it
 * passes to exec and spawn, how many processes and threads it starts.
 * Each of those is bounded here, by a default an operator can change
 * (CLI options, wasixrt_config_set_limit), and each bound fails the way
 * a POSIX program expects of the matching kernel limit: memory.grow and
 * table.grow return -1 (malloc returns NULL), open EMFILE, exec E2BIG, fork
 * and pthread_create EAGAIN.  Bounds that need no setting are structural
 * and documented where they live: paths (WX_PATH_MAX, WX_NAME_MAX in
 * wasi/internal.h), pending signals (one bit per signal, coalesced as
 * POSIX says for standard signals: wasix/signal.c), pipe buffers (host
 * socketpairs: the kernel's socket buffer, wasix/sys/fd_pipe.c).
 *
 * The record travels by value: a forked child and an exec'd program keep
 * their process's (the same host process, the same record), a spawned
 * one is a fork first.
 */
#ifndef WX_LIMITS_H
#define WX_LIMITS_H

#include <stdint.h>

/* Defaults.  Memory: no bound beyond the 4 GiB of a 32-bit memory. */
#define WX_LIMIT_TABLE_DEFAULT 10000000u /* elements: 80 MB of slots */
#define WX_LIMIT_FDS_DEFAULT 1024u       /* RLIMIT_NOFILE's usual soft */
#define WX_LIMIT_FDS_MAX 65536u
#define WX_LIMIT_ARG_DEFAULT (2u << 20)  /* Linux's ARG_MAX, 8 MiB stack */
#define WX_LIMIT_PROCS_DEFAULT 1024u
#define WX_LIMIT_PROCS_MAX 4096u
#define WX_LIMIT_THREADS_DEFAULT 1024u
#define WX_LIMIT_THREADS_MAX 65536u

struct wx_guest_limits {
	/* Pages (64 KiB) each linear memory may have: an initial size
	 * above it is refused at instantiation, memory.grow past it
	 * returns -1.  WX_MAX_PAGES (65536): no bound of ours. */
	uint64_t memory_pages;
	/* Elements each table may have (initial size and table.grow). */
	uint32_t table_elems;
	/* Guest fd numbers per process: fds are 0 .. fds-1, as with
	 * RLIMIT_NOFILE (open EMFILE, dup2 EBADF, F_DUPFD EINVAL). */
	uint32_t fds;
	/* Bytes of argument and environment strings (NULs included) an
	 * exec or spawn passes, and the first program gets: E2BIG. */
	uint32_t arg_bytes;
	uint32_t procs;   /* live processes of the run: fork EAGAIN */
	uint32_t threads; /* threads per process: thread spawn EAGAIN */
};

static inline void wx_guest_limits_init(struct wx_guest_limits *l)
{
	l->memory_pages = 65536u;
	l->table_elems = WX_LIMIT_TABLE_DEFAULT;
	l->fds = WX_LIMIT_FDS_DEFAULT;
	l->arg_bytes = WX_LIMIT_ARG_DEFAULT;
	l->procs = WX_LIMIT_PROCS_DEFAULT;
	l->threads = WX_LIMIT_THREADS_DEFAULT;
}

/* Replace every 0 field with its default (callers that zero a config
 * and set what they were given). */
static inline void wx_guest_limits_fill(struct wx_guest_limits *l)
{
	struct wx_guest_limits d;

	wx_guest_limits_init(&d);
	if (l->memory_pages == 0)
		l->memory_pages = d.memory_pages;
	if (l->table_elems == 0)
		l->table_elems = d.table_elems;
	if (l->fds == 0)
		l->fds = d.fds;
	if (l->arg_bytes == 0)
		l->arg_bytes = d.arg_bytes;
	if (l->procs == 0)
		l->procs = d.procs;
	if (l->threads == 0)
		l->threads = d.threads;
}

/* Parse a size "N", "NK", "NM" or "NG" (binary units, case-insensitive)
 * into bytes; -1 if malformed or above `max`. */
static inline int wx_parse_size(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t n = 0, mul = 1;

	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (n > (UINT64_MAX - 9) / 10)
			return -1;
		n = n * 10 + (uint64_t)(*s - '0');
	}
	switch (*s) {
	case 'k': case 'K': mul = 1ull << 10; s++; break;
	case 'm': case 'M': mul = 1ull << 20; s++; break;
	case 'g': case 'G': mul = 1ull << 30; s++; break;
	default: break;
	}
	if (mul != 1 && *s == 'i') /* "16MiB", "16MB", "16M" */
		s++;
	if (*s == 'B' || *s == 'b')
		s++;
	if (*s != '\0' || n > max / mul)
		return -1;
	*out = n * mul;
	return 0;
}

#endif
