/*
 * capi.h - what the files of the embedding API (include/wasixrt.h) share:
 * the records behind its opaque handles.
 */
#ifndef WX_CAPI_H
#define WX_CAPI_H

#include "wasixrt.h"

#include "../runtime/runtime.h"
#include "../wasi/wasi.h"

struct wasixrt_error {
	wasixrt_errkind_t kind;
	char msg[512];
};

/* Modules are shared by the instances made from them: refcounted. */
struct wasixrt_module {
	struct wx_module *m;
	int refs;
};

struct wasixrt_config {
	char **argv;
	size_t argc;
	char **env; /* "NAME=VALUE" */
	size_t envc;
	struct wx_wasi_preopen *dirs; /* both strings owned */
	size_t ndirs;
	int stdio[3];
	struct wx_guest_limits limits; /* 0 fields: the defaults */
	uint64_t timeout_ms;
};

/* One host function: the trampoline's context. */
struct wx_capi_hostfn {
	wasixrt_func_callback_t cb;
	void *env;
	void (*finalizer)(void *env);
	size_t nparams, nresults;
	wasixrt_valkind_t kinds[]; /* params, then results */
};

/* Instances point at the linker's function records and WASI context, so
 * the linker is refcounted too. */
struct wasixrt_linker {
	struct wx_linker l;
	struct wx_guest_limits limits; /* its WASI config's (l.limits) */
	struct wx_wasi *wasi;
	struct wx_capi_hostfn **fns;
	size_t nfns;
	int refs;
};

struct wasixrt_trap_frame {
	uint32_t func_index;
	char *name; /* owned, or NULL */
	uint32_t offset;
};

struct wasixrt_trap {
	char *msg;
	bool exited;
	int exit_code;
	struct wasixrt_trap_frame *frames;
	size_t nframes;
};

/* A new error with a formatted message; NULL-safe to return (on ENOMEM a
 * static error is returned, which wasixrt_error_delete knows). */
wasixrt_error_t *wx_capi_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
/* The same with a kind other than WASIXRT_ERR_OTHER. */
wasixrt_error_t *wx_capi_error_kind(wasixrt_errkind_t kind, const char *fmt,
				    ...) __attribute__((format(printf, 2, 3)));
void wx_capi_module_retain(wasixrt_module_t *m);
/* The trap object for a failed call on `t` with status `rc`. */
wasixrt_trap_t *wx_capi_trap_from(struct wx_thread *t, int rc);
/* The WASI config of `c` (NULL: defaults), pointing into it; argv0 is a
 * one-element argv, used when the config has no arguments. */
void wx_capi_wasi_config(const wasixrt_config_t *c, const char **argv0,
			 struct wx_wasi_config *wc);

#endif
