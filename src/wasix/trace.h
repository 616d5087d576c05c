/*
 * trace.h - `--trace`: one line per WASI/WASIX call and per process event
 * (fork, exec, exit, signal delivered), written to one host fd.
 *
 * Tracing costs nothing when off: it is done by binding each WASI/WASIX
 * import of a process to a tracing trampoline at link time
 * (wx_trace_wrap), so with tracing off the interpreter calls the system
 * functions exactly as before and no code of this module runs on a call.
 * The process events test `wx_trace_fd >= 0` at places that are not hot
 * (fork, exec, exit, a signal's delivery).
 *
 * Each line is formatted into a buffer and written with one write(2) on a
 * descriptor opened O_APPEND, so the lines of the processes of a run that
 * share the file never interleave.  The descriptor is the host's: the
 * guest's fd table cannot name it, close it or write to it.
 *
 * Line format:
 *   [pid 2.1] path_open(3, "tmp/x", SYMLINK_FOLLOW, CREAT|TRUNC, ...) = 0 (fd=4)
 *   [pid 2.1] fd_read(9, [1 iov, 64 B]) = 0 (n=0)
 *   [pid 1.1] proc_join(any, 0) = ECHILD
 *   [pid 2.1] +++ exec /bin/echo ["echo", "hi"]
 *   [pid 1.1] --- SIGCHLD delivered (handler)
 * "2.1" is the WASIX pid and thread id.
 */
#ifndef WX_WASIX_TRACE_H
#define WX_WASIX_TRACE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "../runtime/runtime.h"

/* The trace descriptor, -1 when tracing is off. */
extern int wx_trace_fd;

/* Turn tracing on for this run: to `path` (created or truncated), or to
 * a duplicate of stderr when path is NULL.  0 or an errno. */
int wx_trace_open(const char *path);

/* Bind the WASI/WASIX host functions of `l` to tracing trampolines.
 * Called by the process linker when wx_trace_fd >= 0. */
int wx_trace_wrap(struct wx_linker *l);

/* A process event line: "[pid P.T] " then the formatted text. */
void wx_trace_event(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* How a process ends, for the trace and the report (trace_report.c):
 * a host wait status (exit code or terminating signal). */
void wx_trace_exit(int wait_status);
/* The same for a vfork child that ends without exec (in its parent's
 * host process). */
void wx_trace_exit_vfork(int wait_status);

/* ---- argument decoding (trace_decode.c) ---- */

/* The argument kinds of import `name` with `nparams` wasm parameters
 * (trace_args.def), or NULL when it has no row of that arity. */
const char *wx_trace_kinds(const char *name, uint32_t nparams);
/* Number of wasm parameters a kinds string consumes. */
uint32_t wx_trace_kinds_params(const char *kinds);
/* The WASI errno's name ("ENOENT"), or NULL if out of range. */
const char *wx_trace_errno_name(uint32_t e);
/* The Linux signal's name ("SIGTERM"), or NULL. */
const char *wx_trace_signal_name(int sig);

/* A line being built: text appended, cut (never overrun) at the end. */
struct wx_trace_buf {
	char s[4096];
	size_t n;
};
void wx_trace_putf(struct wx_trace_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A guest byte string, quoted and escaped, at most `max` bytes shown. */
void wx_trace_putstr(struct wx_trace_buf *b, const uint8_t *s, size_t len,
		     size_t max);

/* Append the decoded arguments of a call (before it runs); `mem` is the
 * caller's memory or NULL. */
void wx_trace_args(struct wx_trace_buf *b, const char *kinds,
		   const uint64_t *args, struct wx_memory *mem);
/* Append the out-parameters the call wrote (after it succeeded). */
void wx_trace_outs(struct wx_trace_buf *b, const char *kinds,
		   const uint64_t *args, struct wx_memory *mem);

#endif
