/*
 * wasixrt.h - the embedding API of wasixrt, a WebAssembly runtime for
 * WASI and WASIX programs.  Link with `pkg-config --cflags --libs wasixrt`.
 * Only the symbols declared here are exported by libwasixrt.so.
 *
 * Conventions (in the spirit of wasm-c-api):
 *  - Every object is an opaque handle: wasixrt_<noun>_t.
 *  - Ownership shows in the names: a function named *_new or *_load returns
 *    an object the caller owns and must release with the matching
 *    *_delete; a parameter or result marked WASIXRT_OWN transfers
 *    ownership; everything else is borrowed (valid while its owner lives).
 *  - Errors are values: a function that can fail returns an owned
 *    wasixrt_error_t* (NULL on success) whose message is one line of text,
 *    and never prints.  A trap of the guest is not an error of the call:
 *    it comes back as an owned wasixrt_trap_t* in an out-parameter.
 *  - Objects keep what they need alive: an instance holds references to
 *    its module and its linker, so those may be deleted first.
 *  - Objects are not internally locked: use one from one thread at a time.
 *
 * Two ways to run wasm:
 *  1. As a library of functions: wasixrt_linker_t (with WASI preview1 and
 *     host functions) + wasixrt_instance_new + wasixrt_instance_call.
 *     Everything happens in the calling thread; no process is created.
 *     Only WASI preview1 and your host functions are linked: a module
 *     importing WASIX process functions (proc_fork...) fails to link,
 *     with an error naming the import, unless you define them yourself.
 *  2. As a WASIX program: wasixrt_run runs the module's _start as pid 1 of
 *     a WASIX process tree.  One WASIX process is one host process, and
 *     the guest's fork() is the host's fork(): with WASIXRT_RUN_IN_PROCESS
 *     the guest's forks duplicate *the embedding process* (its threads
 *     other than the caller are not duplicated, as with any fork), the run
 *     installs signal handlers and ignores SIGPIPE for the process, and
 *     must not overlap another run in the same process.  The default,
 *     WASIXRT_RUN_IN_CHILD, runs the program in a forked child process and
 *     waits for it: the embedder's state is never touched by the guest.
 */
#ifndef WASIXRT_H
#define WASIXRT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define WASIXRT_API __attribute__((visibility("default")))
#else
#define WASIXRT_API
#endif
/* Marks a pointer whose ownership passes to the receiver. */
#define WASIXRT_OWN

#define WASIXRT_VERSION "0.1.0"
WASIXRT_API const char *wasixrt_version(void);

/* ---- errors ---- */

typedef struct wasixrt_error wasixrt_error_t;

typedef enum wasixrt_errkind {
	WASIXRT_ERR_OTHER = 0,   /* bad arguments, I/O, resources */
	WASIXRT_ERR_MODULE = 1,  /* malformed or invalid module */
	WASIXRT_ERR_LINK = 2,    /* an import could not be resolved */
	WASIXRT_ERR_TIMEOUT = 3, /* the run's timeout passed */
} wasixrt_errkind_t;

WASIXRT_API wasixrt_errkind_t wasixrt_error_kind(const wasixrt_error_t *e);
/* One line, without a trailing newline; valid until the error is deleted. */
WASIXRT_API const char *wasixrt_error_message(const wasixrt_error_t *e);
WASIXRT_API void wasixrt_error_delete(WASIXRT_OWN wasixrt_error_t *e);

/* ---- values ---- */

typedef enum wasixrt_valkind {
	WASIXRT_I32 = 0,
	WASIXRT_I64 = 1,
	WASIXRT_F32 = 2,
	WASIXRT_F64 = 3,
	WASIXRT_EXTERNREF = 128, /* opaque non-zero host value, 0 = null */
	WASIXRT_FUNCREF = 129,   /* only null can be passed in */
} wasixrt_valkind_t;

typedef struct wasixrt_val {
	wasixrt_valkind_t kind;
	union {
		int32_t i32;
		int64_t i64;
		float f32;
		double f64;
		uintptr_t ref; /* EXTERNREF/FUNCREF; 0 is null */
	} of;
} wasixrt_val_t;

/* ---- modules ---- */

typedef struct wasixrt_module wasixrt_module_t;

typedef enum wasixrt_externkind {
	WASIXRT_EXTERN_FUNC = 0,
	WASIXRT_EXTERN_TABLE = 1,
	WASIXRT_EXTERN_MEMORY = 2,
	WASIXRT_EXTERN_GLOBAL = 3,
} wasixrt_externkind_t;

/* Decode and validate a binary module (the bytes are copied). */
WASIXRT_API wasixrt_error_t *wasixrt_module_new(
	const uint8_t *bytes, size_t len, WASIXRT_OWN wasixrt_module_t **out);
/* The same from a file. */
WASIXRT_API wasixrt_error_t *wasixrt_module_load(
	const char *path, WASIXRT_OWN wasixrt_module_t **out);
/* Only check: NULL if `bytes` is a valid module. */
WASIXRT_API wasixrt_error_t *wasixrt_module_validate(const uint8_t *bytes,
						     size_t len);
WASIXRT_API void wasixrt_module_delete(WASIXRT_OWN wasixrt_module_t *m);

WASIXRT_API size_t wasixrt_module_import_count(const wasixrt_module_t *m);
/* Import i: its module and field names (borrowed) and kind.  false if i is
 * out of range. */
WASIXRT_API bool wasixrt_module_import(const wasixrt_module_t *m, size_t i,
				       const char **module_name,
				       const char **name,
				       wasixrt_externkind_t *kind);
WASIXRT_API size_t wasixrt_module_export_count(const wasixrt_module_t *m);
WASIXRT_API bool wasixrt_module_export(const wasixrt_module_t *m, size_t i,
				       const char **name,
				       wasixrt_externkind_t *kind);

/* ---- configuration of WASI / WASIX ---- */

typedef struct wasixrt_config wasixrt_config_t;

/* A configuration with no arguments, no environment, no directories, the
 * host's fds 0, 1 and 2 as stdio and default limits.  The config copies
 * every string given to it. */
WASIXRT_API WASIXRT_OWN wasixrt_config_t *wasixrt_config_new(void);
WASIXRT_API void wasixrt_config_delete(WASIXRT_OWN wasixrt_config_t *c);
/* Append one argument; the first one is the program's argv[0] (when none
 * is given, the module's path, or "main.wasm"). */
WASIXRT_API wasixrt_error_t *wasixrt_config_arg(wasixrt_config_t *c,
						const char *arg);
/* Set NAME=VALUE; value NULL takes the host's value of NAME (if it has
 * none, nothing is set). */
WASIXRT_API wasixrt_error_t *wasixrt_config_env(wasixrt_config_t *c,
						const char *name,
						const char *value);
/* Give the guest every variable of the host environment. */
WASIXRT_API wasixrt_error_t *wasixrt_config_inherit_env(wasixrt_config_t *c);
/* Give the guest the host directory `host_path`, seen as `guest_path`.
 * It is opened when the config is used (an error then if it cannot be). */
WASIXRT_API wasixrt_error_t *wasixrt_config_preopen(wasixrt_config_t *c,
						    const char *host_path,
						    const char *guest_path);
/* Host fds that become the guest's 0, 1, 2 (-1: closed).  They are
 * borrowed: never closed by the runtime. */
WASIXRT_API void wasixrt_config_stdio(wasixrt_config_t *c, int in, int out,
				      int err);
/* Limits of a WASIX run: live processes (1..4096) and threads per process
 * (1..65536); 0 keeps the default (1024 each).  The same as
 * wasixrt_config_set_limit with WASIXRT_LIMIT_PROCS and _THREADS. */
WASIXRT_API wasixrt_error_t *wasixrt_config_limits(wasixrt_config_t *c,
						   uint32_t max_procs,
						   uint32_t max_threads);
/* Bounds on what the guest controls.  0 restores the default.  A run
 * (and every process it forks, spawns or execs) and the instances of a
 * linker given this config with wasixrt_linker_define_wasi obey them. */
typedef enum wasixrt_limit {
	/* Bytes per linear memory, 64 KiB to 4 GiB (default 4 GiB, the
	 * 32-bit maximum), counted in whole 64 KiB pages: a larger
	 * initial memory fails instantiation, memory.grow past it returns
	 * -1 (malloc returns NULL). */
	WASIXRT_LIMIT_MEMORY = 0,
	/* Elements per table (default 10,000,000): a larger initial table
	 * fails instantiation, table.grow past it returns -1. */
	WASIXRT_LIMIT_TABLE = 1,
	/* Guest fds per process, 4 to 65536 (default 1024): fds are
	 * numbered below it, opening more fails with EMFILE. */
	WASIXRT_LIMIT_FDS = 2,
	/* Bytes of argument and environment strings, NULs included
	 * (default 2 MiB, Linux's ARG_MAX): exec and spawn fail with E2BIG
	 * beyond it, and so does starting a run. */
	WASIXRT_LIMIT_ARG_BYTES = 3,
	/* Live processes of a run (1..4096, default 1024): fork EAGAIN. */
	WASIXRT_LIMIT_PROCS = 4,
	/* Threads per process (1..65536, default 1024): EAGAIN. */
	WASIXRT_LIMIT_THREADS = 5,
} wasixrt_limit_t;
WASIXRT_API wasixrt_error_t *wasixrt_config_set_limit(wasixrt_config_t *c,
						      wasixrt_limit_t which,
						      uint64_t value);
/* Wall-clock limit of a wasixrt_run in WASIXRT_RUN_IN_CHILD mode, in
 * milliseconds (0: none).  When it passes, the run's process is killed
 * and wasixrt_run returns an error saying so. */
WASIXRT_API void wasixrt_config_timeout(wasixrt_config_t *c,
					uint64_t timeout_ms);

/* ---- running a WASIX program ---- */

enum {
	WASIXRT_RUN_IN_CHILD = 0,   /* fork a child to run it (default) */
	WASIXRT_RUN_IN_PROCESS = 1, /* run it in the calling process */
};

/* Run `m`'s _start as a WASIX process with `c` (NULL: defaults).  On
 * success *exit_status is the program's exit status: its exit code
 * (0-255), 134 after a trap, 128+N when the process was killed by signal
 * N.  An error is returned when the run could not start (bad config, a
 * missing _start, fork failed) or the timeout passed.  Messages of the
 * guest's own traps go to its stderr (fd 2 of the config). */
WASIXRT_API wasixrt_error_t *wasixrt_run(const wasixrt_module_t *m,
					 const wasixrt_config_t *c,
					 int flags, int *exit_status);

/* ---- traps ---- */

typedef struct wasixrt_trap wasixrt_trap_t;

/* A trap raised by a host function, with a message (copied). */
WASIXRT_API WASIXRT_OWN wasixrt_trap_t *wasixrt_trap_new(const char *msg);
WASIXRT_API void wasixrt_trap_delete(WASIXRT_OWN wasixrt_trap_t *t);
/* e.g. "integer divide by zero (in function f at byte offset 0x2f)". */
WASIXRT_API const char *wasixrt_trap_message(const wasixrt_trap_t *t);
/* The guest ended by exiting (WASI proc_exit) rather than trapping: true
 * with its exit code in *code. */
WASIXRT_API bool wasixrt_trap_exit_code(const wasixrt_trap_t *t, int *code);
/* Backtrace, innermost frame first. */
WASIXRT_API size_t wasixrt_trap_frame_count(const wasixrt_trap_t *t);
/* Frame i: function index in its module, its name (name section or
 * export; NULL if it has none) and the byte offset in the module of the
 * instruction (0 if unknown).  false if i is out of range. */
WASIXRT_API bool wasixrt_trap_frame(const wasixrt_trap_t *t, size_t i,
				    uint32_t *func_index,
				    const char **func_name,
				    uint32_t *module_offset);

/* ---- linking: WASI and host functions ---- */

typedef struct wasixrt_linker wasixrt_linker_t;
typedef struct wasixrt_caller wasixrt_caller_t;

/* A host function.  `args` holds the parameters, `results` is where the
 * results go (kinds already set).  Return NULL, or an owned trap to stop
 * the guest (its message becomes the trap's message). */
typedef WASIXRT_OWN wasixrt_trap_t *(*wasixrt_func_callback_t)(
	void *env, wasixrt_caller_t *caller, const wasixrt_val_t *args,
	wasixrt_val_t *results);

WASIXRT_API WASIXRT_OWN wasixrt_linker_t *wasixrt_linker_new(void);
/* Drops the caller's reference; instances keep their own. */
WASIXRT_API void wasixrt_linker_delete(WASIXRT_OWN wasixrt_linker_t *l);
/* Bind WASI preview1 (under wasi_snapshot_preview1, wasi_unstable and
 * wasix_32v1) with the arguments, environment, directories and stdio of
 * `c`.  Only one WASI per linker; its state is shared by the instances
 * created from this linker. */
WASIXRT_API wasixrt_error_t *wasixrt_linker_define_wasi(
	wasixrt_linker_t *l, const wasixrt_config_t *c);
/* Bind module_name.name to a host function of the given type.
 * `finalizer(env)` (may be NULL) runs when the linker and every instance
 * using it are gone. */
WASIXRT_API wasixrt_error_t *wasixrt_linker_define_func(
	wasixrt_linker_t *l, const char *module_name, const char *name,
	const wasixrt_valkind_t *params, size_t nparams,
	const wasixrt_valkind_t *results, size_t nresults,
	wasixrt_func_callback_t cb, void *env, void (*finalizer)(void *env));

/* In a host function: the calling instance's memory 0 (NULL if it has
 * none) and its size in bytes.  Valid until the guest runs again (a
 * memory.grow may change the size, never the base). */
WASIXRT_API uint8_t *wasixrt_caller_memory(wasixrt_caller_t *caller,
					   size_t *size);

/* ---- instances ---- */

typedef struct wasixrt_instance wasixrt_instance_t;

/* Instantiate `m` against `l` and run its start function.  Link errors
 * are errors; a trap in the start function is returned in *trap (owned,
 * may be NULL if the caller does not want it) with no instance. */
WASIXRT_API wasixrt_error_t *wasixrt_instance_new(
	wasixrt_linker_t *l, const wasixrt_module_t *m,
	WASIXRT_OWN wasixrt_instance_t **out, WASIXRT_OWN wasixrt_trap_t **trap);
WASIXRT_API void wasixrt_instance_delete(WASIXRT_OWN wasixrt_instance_t *i);
/* Call the exported function `name`.  A missing export, a non-function,
 * or a wrong number or kind of arguments/results is an error; a trap
 * (including a WASI exit) is stored in *trap and the call returns NULL. */
WASIXRT_API wasixrt_error_t *wasixrt_instance_call(
	wasixrt_instance_t *i, const char *name, const wasixrt_val_t *args,
	size_t nargs, wasixrt_val_t *results, size_t nresults,
	WASIXRT_OWN wasixrt_trap_t **trap);
/* The parameter and result counts of an exported function, false if there
 * is no function export of that name.  Kinds of each in params/results
 * when those are non-NULL (arrays of at least the counts). */
WASIXRT_API bool wasixrt_instance_func_type(wasixrt_instance_t *i,
					    const char *name, size_t *nparams,
					    wasixrt_valkind_t *params,
					    size_t *nresults,
					    wasixrt_valkind_t *results);
/* The instance's exported memory `name` (NULL if none) and its size. */
WASIXRT_API uint8_t *wasixrt_instance_memory(wasixrt_instance_t *i,
					     const char *name, size_t *size);
/* Ask a call running on another thread to stop: it returns a trap
 * "interrupted" at the next safe point of the guest code (a WASI call
 * blocked in the host finishes first).  Safe from any thread; a request
 * made while no call runs is forgotten when the next call starts. */
WASIXRT_API void wasixrt_instance_interrupt(wasixrt_instance_t *i);

#ifdef __cplusplus
}
#endif

#endif
