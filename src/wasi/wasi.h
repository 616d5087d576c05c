/*
 * wasi.h - WASI preview1 for the runtime and the CLI: create a WASI context
 * from arguments, environment, preopened directories and stdio, bind its 46
 * functions into a linker, attach the instance's memory, destroy it.
 *
 * The functions are bound under three module names (wasix-abi.md 1):
 * wasi_snapshot_preview1, wasix_32v1 (which re-exports every preview1
 * function) and wasi_unstable (snapshot 0, whose filestat, whence and
 * subscription layouts differ; those four functions get their own
 * implementations).
 *
 * Lifetime: the context owns copies of everything in the config and the
 * host fds of its preopens; stdio fds are borrowed (never closed by us
 * unless the guest closes them, and then only the guest's view of them).
 * It must outlive every instance that links against it.
 */
#ifndef WX_WASI_H
#define WX_WASI_H

#include "../runtime/runtime.h"
#include "../util/report.h"

struct wx_wasi;

/* A directory given to the guest. */
struct wx_wasi_preopen {
	const char *host_path;  /* opened at create time */
	const char *guest_path; /* what fd_prestat_dir_name reports */
};

struct wx_wasi_config {
	const char *const *argv; /* argc strings; argv[0] is the program name */
	size_t argc;
	const char *const *envp; /* "KEY=VALUE" strings */
	size_t envc;
	const struct wx_wasi_preopen *preopens; /* become guest fds 3, 4, ... */
	size_t npreopens;
	int stdio[3]; /* host fds for guest 0, 1, 2; -1 = not open */
	/* Host sockets (--tcplisten, socket activation) given to the guest
	 * as the fds after the preopens; each is duplicated, the embedder
	 * keeps its own. */
	const int *sockets;
	size_t nsockets;
	/* Socket activation: sockets[listen_first..] are the activated
	 * ones, whose first guest fd wx_wasi_create announces as
	 * LISTEN_FDS_START (and LISTEN_PID=1 when it is fd 3, as
	 * sd_listen_fds wants) - only it knows which preopens come first.
	 * SIZE_MAX (wx_wasi_config_init): none. */
	size_t listen_first;
	/* The guest's bounds (runtime/limits.h); NULL: the defaults.  Here
	 * `fds` bounds the fd table and `arg_bytes` the arguments and
	 * environment (E2BIG). */
	const struct wx_guest_limits *limits;
	/* Give "/" as a virtual root holding the preopens' mount points
	 * when no preopen maps it (vroot.c): WASIX programs' view, as
	 * Wasmer's.  Off, absolute paths outside every preopen stay
	 * ENOTCAPABLE (preview1's sandbox as wasmtime has it). */
	bool virtual_root;
};

/* Fill `c` with no args/env/preopens and the host's own stdio. */
void wx_wasi_config_init(struct wx_wasi_config *c);

/* Create a context.  0, or an errno with the reason in r (a preopen that
 * cannot be opened or is not a directory: ENOENT/ENOTDIR/...; E2BIG for
 * arguments and environment above the bound, EMFILE for more preopens
 * and sockets than the fd bound leaves room for). */
/* Whether a preopen's guest path is /dev: then it replaces the virtual
 * /dev, which otherwise follows the configured preopens as one more. */
bool wx_wasi_guest_is_dev(const char *guest_path);
int wx_wasi_create(const struct wx_wasi_config *c, struct wx_wasi **out,
		   struct wx_report *r);
/* Attach the memory the guest's pointers refer to (its export "memory" or
 * the imported env.memory).  Until then pointer arguments fail EFAULT. */
void wx_wasi_set_memory(struct wx_wasi *w, struct wx_memory *mem);
/* Bind every function under all three module names.  0 or ENOMEM. */
int wx_wasi_define(struct wx_linker *l, struct wx_wasi *w);
/* Have `fn(ctx)` called whenever a guest write fails with EPIPE (the
 * runtime ignores the host's SIGPIPE; WASIX raises the guest's). */
void wx_wasi_set_epipe_hook(struct wx_wasi *w, void (*fn)(void *ctx),
			    void *ctx);
/* Close every guest fd except borrowed stdio, free the context. */
void wx_wasi_destroy(struct wx_wasi *w);

#endif
