/*
 * internal.h - what the files of src/wasix share: the process record, the
 * run-wide pid table, exec requests, and the syscall declarations.
 *
 * Per host process there is exactly one running WASIX identity
 * (`wx_proc_self`).  A vfork child temporarily takes over the identity of
 * the host process (its pid, its fd table) while the parent's state waits
 * in a struct wx_vfork; design.md "The process model".
 */
#ifndef WX_WASIX_INTERNAL_H
#define WX_WASIX_INTERNAL_H

#include <signal.h>
#include <sys/types.h>

#include "../wasi/internal.h"
#include "wasix.h"

#define WX_WASI_EMEMVIOLATION 78 /* WASIX: bad guest pointer */

/* A child as its parent sees it. */
struct wx_child {
	uint32_t pid;
	pid_t host_pid;  /* 0: no host process (vfork child that exited) */
	bool exited;     /* status below is valid (vfork exit) */
	int status;      /* host wait status */
};

/* A vfork in progress: the parent's state, to be resumed when the child
 * execs or exits. */
struct wx_vfork {
	struct wx_vfork *outer;
	bool env_protocol;        /* proc_fork_env: no snapshot, no resume */
	struct wx_snapshot snap;  /* proc_fork(0): the parent's stacks */
	uint64_t *globals;        /* the instance's mutable globals */
	uint32_t ret_pid_ptr;     /* where the parent receives the pid */
	struct wx_fdtable parent_fds;
	uint32_t parent_pid, parent_ppid;
	uint64_t parent_sigblocked; /* a vfork child's mask is its own */
	char *parent_cwd;
	uint32_t child_pid;
};

/* An exec or spawn that has loaded its program and waits to start it in
 * this host process (the runner picks it up after WX_EEXEC). */
struct wx_exec_req {
	struct wx_module *module;
	char *name;  /* program path as the guest named it */
	char **argv; /* NULL-terminated */
	char **envp; /* NULL-terminated */
	char **script; /* a "#!" script: the argv before argv[1], or NULL */
};

/* Where a setjmp was called: the jmp_buf, and the calling frame (its
 * depth, function, slots) and call.  The same setjmp again at the same
 * place reuses its record (interpreters set one on every protected
 * call); any other place gets its own record, as a copy of the buffer
 * taken before may still be jumped to. */
struct wx_cpkey {
	const struct wx_frame *from;
	const struct wx_func *func;
	const uint64_t *fp;
	const uint32_t *pc;
	uint32_t buf_ptr;
};

/* A setjmp point (stack_checkpoint), one per setjmp place (wx_cpkey)
 * and thread; the record and its buffers are reused when that place
 * sets the same jmp_buf again. */
struct wx_checkpoint {
	struct wx_cpkey key;
	uint32_t buf_ptr;     /* the guest's stack_snapshot_t; 0: free */
	uint32_t ret_val_ptr; /* where the longjmp value goes */
	uint64_t tag;         /* guards against stale or forged buffers */
	struct wx_instance *inst; /* whose globals were saved */
	struct wx_snapshot snap;
	uint64_t *globals; /* mutable globals at the checkpoint */
	uint32_t globals_cap;
	uint64_t sigblocked; /* restored by longjmp, as siglongjmp does */
};

/* A thread's checkpoints: only that thread resumes them, so no lock. */
struct wx_cptab {
	struct wx_checkpoint **v;
	uint32_t n, cap;
	uint32_t cursor; /* the next to reuse once the table is at its ceiling */
	uint32_t *freev, nfree; /* dead records found by the last sweep */
	/* Recent records by a hash of their key, index + 1 (0: none): a
	 * cache, checked against the record's key; a miss costs a record. */
	uint32_t bykey[64];
};
void wx_cptab_free(struct wx_cptab *tab);

/* A thread of the process other than its first (thread.c). */
struct wx_tinfo {
	struct wx_tinfo *next;
	uint32_t tid;
	uint32_t start_arg;
	bool v2; /* thread_spawn_v2: the start struct, not a bare arg */
	/* Legacy entry (2022-23 thread_spawn): the export to call with
	 * user_data, and the new thread's stack top; NULL: the current
	 * convention, wasi_thread_start(tid, start_arg). */
	char *entry;
	uint64_t user_data, stack_base;
	pthread_t pt;
	struct wx_thread t;
	struct wx_linker linker;
	struct wx_instance *inst;
	bool done;
	int exit_code;
	uint64_t pending; /* thread_signal: signals for this thread */
	struct wx_cptab cps; /* its setjmp points */
	uint64_t sigblocked; /* signals held back while handlers run */
};

struct wx_proc {
	uint32_t pid, ppid;
	struct wx_wasi *wasi;
	char *cwd; /* absolute guest path */
	struct wx_instance *inst;
	struct wx_child *children; /* children_few, or malloc'd */
	size_t nchildren, children_cap;
	/* The first children live in the process record itself: the fork
	 * path then writes one page fewer, which after a fork is one page
	 * fault fewer in the parent. */
	struct wx_child children_few[4];
	struct wx_vfork *vfork;      /* innermost active vfork */
	struct wx_vfork *vfork_done; /* freed once the resume has happened */
	struct wx_exec_req exec;     /* pending after WX_EEXEC */
	const char *signal_handler;  /* callback_signal name (interned) */
	struct wx_cptab cps;  /* the main thread's setjmp points */
	uint64_t next_tag;    /* checkpoint tags, atomic: all threads */
	uint64_t pending;          /* signals waiting for delivery (bits) */
	struct wx_thread *thread;  /* the thread running the image */
	int exit_code;             /* for WX_INTR_EXIT */
	/* threads (thread.c), under threads_lock */
	pthread_mutex_t threads_lock;
	pthread_cond_t threads_cond;
	struct wx_tinfo *threads;
	uint32_t next_tid, nthreads, max_threads;
	pid_t host_pid_at_start; /* the embedder's own process */
	/* callback_thread / callback_reactor / callback_thread_local_destroy
	 * of 2022-23: the exports the legacy calls enter through, "" for the
	 * defaults (under threads_lock; sys/callback_legacy.c). */
	char legacy_cb[3][128];
	/* The image's libc default actions were set up (callback_signal). */
	bool libc_dfl_done;
	uint64_t ignored; /* signals whose disposition is IGNORE (bits) */
	uint64_t sigblocked; /* the main thread's: held back in handlers */
	uint32_t sigtab_base; /* libc's disposition table, 0 unknown (atomic) */
	/* The run's bounds (runtime/limits.h): kept by fork and exec (the
	 * same host process), given to a spawn's child by its fork. */
	struct wx_guest_limits limits;
};

extern struct wx_proc *wx_proc_self;

enum { WX_EEXEC = -20 }; /* status: start proc->exec in this process */

/* ---- run-wide pid table (pidtab.c) ---- */
int wx_pidtab_init(uint32_t max_procs);
/* Reserve a pid for a new process of parent `ppid`: 0 or EAGAIN. */
int wx_pidtab_alloc(uint32_t ppid, uint32_t *pidp);
void wx_pidtab_set_host(uint32_t pid, pid_t host_pid);
/* The process ended and was reaped: its slot is free again. */
void wx_pidtab_free(uint32_t pid);
/* Parent of `pid`, or false if no such process is alive. */
bool wx_pidtab_parent(uint32_t pid, uint32_t *ppidp);
bool wx_pidtab_host(uint32_t pid, pid_t *hostp);

/* ---- programs (program.c) ---- */
/* Load the program named by guest path `name` (relative to cwd; with
 * `search` and no '/', through the ':'-separated `path`): a module, or a
 * "#!" script (req->script: the argv before argv[1]).  Guest errno:
 * ENOENT, ENOEXEC (no program), EACCES, ELOOP, ENOMEM. */
int wx_exec_load(struct wx_proc *p, const char *name, bool search,
		 const char *path, struct wx_exec_req *req);
void wx_exec_req_fini(struct wx_exec_req *req);
/* A program file's bytes (a regular file; a directory is EACCES);
 * a WASI errno on failure. */
int wx_program_read(int fd, struct wx_os_file *f);

/* ---- processes (process.c) ---- */
struct wx_child *wx_proc_add_child(struct wx_proc *p, uint32_t pid,
				   pid_t host_pid);
void wx_proc_remove_child(struct wx_proc *p, size_t idx);
/* Forget the children that have ended (SIGCHLD ignored: POSIX keeps no
 * zombies then; proc_join.c). */
void wx_proc_reap_exited(struct wx_proc *p);
/* End the vfork child identity now running and restore the parent's;
 * `child_host` is the host process now running the child's program
 * (exec), or 0 with `status` when the child exited. */
void wx_vfork_finish(struct wx_proc *p, pid_t child_host, int status);
/* Make the vfork parent continue: WX_ERESUME for proc_fork(0), or 0 (the
 * call returns normally) for the proc_fork_env protocol. */
int wx_vfork_resume(struct wx_thread *t, struct wx_proc *p,
		    struct wx_vfork *v);
/* Host fork for a new WASIX process: returns 0 in the child (which has
 * become process `pid`), the host pid in the parent, -1 on failure. */
pid_t wx_proc_fork_host(struct wx_proc *p, uint32_t pid);
/* In a new host process about to run a program: close every host fd the
 * guest table does not refer to (the runtime's and other processes'). */
void wx_proc_close_unreferenced(struct wx_fdtable *tab);
/* Split a list of '\n'-terminated entries (exec/exec2/exec3 and spawn2
 * encoding; the last entry's '\n' may be missing) into a NULL-terminated
 * vector; empty entries are kept. */
char **wx_split_lines(const char *s, size_t len);
char **wx_wasix_strv_copy(char *const *v);
void wx_wasix_strv_free(char **v);
/* Copy a guest string (ptr, len; it ends at a NUL before len) into a
 * NUL-terminated heap string.  Guest errno: EMEMVIOLATION, ENOMEM,
 * ENAMETOOLONG when it is longer than `max` (no copy is made), which is
 * WX_PATH_MAX - 1 for wx_guest_string. */
int wx_guest_string_max(struct wx_proc *p, uint32_t ptr, uint32_t len,
			size_t max, char **out);
int wx_guest_string(struct wx_proc *p, uint32_t ptr, uint32_t len,
		    char **out);
/* A guest path: as wx_guest_string, and ENAMETOOLONG for a component
 * longer than WX_NAME_MAX (PATH_MAX and NAME_MAX of POSIX). */
int wx_guest_path(struct wx_proc *p, uint32_t ptr, uint32_t len, char **out);
/* Make `path` absolute against the process's cwd, normalising "." and
 * ".." lexically.  NULL on ENOMEM. */
char *wx_proc_abspath(struct wx_proc *p, const char *path);
/* Open a guest absolute path read-only through the preopens (sandboxed).
 * Returns a host fd or -(guest errno). */
int wx_proc_open_guest(struct wx_proc *p, const char *abspath, int flags);
/* Is guest path `abspath` a directory one can chdir into (guest errno)? */
int wx_proc_check_dir(struct wx_proc *p, const char *abspath);
/* Resolve a guest absolute path beneath the preopen that holds it (the
 * longest matching guest prefix).  Guest errno (ENOENT outside every
 * preopen); on success the caller owns `out`. */
int wx_proc_resolve_guest(struct wx_proc *p, const char *abspath,
			  bool follow, struct wx_path *out);
/* Whether argv and envp (NULL: the process's own environment) fit the
 * run's ARG_MAX (limits.h): 0 or E2BIG, the total of the strings with
 * their NULs counted. */
int wx_exec_args_fit(struct wx_proc *p, char *const *argv,
		     char *const *envp);
/* Common exec path (exec/exec2/exec3/exec4). */
int wx_exec_common(struct wx_thread *t, struct wx_proc *p, char *name,
		   char **argv, char **envp, bool search, const char *path);
/* A process other than the run's first ends at once with _exit: its
 * memory goes back to the kernel wholesale, so tearing down instances
 * one object at a time would only add to every fork+exit.  (The first
 * process unwinds normally, so its embedder regains control.)  Returns
 * only for the first process. */
void wx_proc_fast_exit(struct wx_proc *p, int code);
/* Write a 32-bit value to guest memory: 0 or WX_WASI_EMEMVIOLATION. */
int wx_proc_put32(struct wx_proc *p, uint32_t addr, uint32_t v);

/* ---- threads (thread.c) ---- */
enum { WX_ETHREAD_EXIT = -21 }; /* status: this thread ends (thread_exit) */
void wx_threads_init(struct wx_proc *p, uint32_t max_threads);
/* Create a thread running wasi_thread_start(tid, start_arg).  Guest
 * errno; the tid in *tidp. */
int wx_thread_spawn(struct wx_proc *p, uint32_t start_arg, uint32_t *tidp);
/* The 2022-23 convention: a thread entering through export `entry` with
 * the 64-bit user_data (as one i64, or as two i32 halves, low first, as
 * the export's type says), its __stack_pointer set to `stack_base` first
 * (when nonzero and the module exports that global).  Guest errno:
 * ENOTCAPABLE if the module has no such export of a usable type. */
int wx_thread_spawn_entry(struct wx_proc *p, const char *entry,
			  uint64_t user_data, uint64_t stack_base,
			  uint32_t *tidp);
/* Call export `name` of `inst` with a 64-bit value per element of `v`
 * (`n` of them), each passed as one i64 or as two i32 halves (low
 * first), as the export's type says: the legacy callbacks' convention.
 * The wx_call status, or WX_ENOEXPORT when there is no such export of a
 * usable type. */
enum { WX_ENOEXPORT = -22 };
int wx_call_legacy_export(struct wx_thread *t, struct wx_instance *inst,
			  const char *name, const uint64_t *v, size_t n);
/* Whether `inst` exports `name` as a function that
 * wx_call_legacy_export can call with `n` values. */
bool wx_legacy_export_ok(struct wx_instance *inst, const char *name,
			 size_t n);
/* The legacy thread_local_* values of the exiting thread `t`: each is
 * passed to the guest's _thread_local_destroy export, on `inst`
 * (sys/thread_local.c). */
int wx_thread_local_exit(struct wx_thread *t, struct wx_instance *inst);
/* The futex word at `addr` of the process memory, checked (aligned, in
 * bounds), or NULL. */
struct wx_memory *wx_futex_mem(struct wx_proc *p, uint32_t addr);
/* futex_wake/futex_wake_all: wake up to `count` waiters on args[0]. */
int wx_futex_wake_n(struct wx_proc *p, uint64_t *args, uint32_t count);
/* Make every thread with signals pending look at them again (their
 * handler became resolvable: callback_signal). */
void wx_threads_rekick(struct wx_proc *p);
/* Whether threads other than the main one are still running. */
bool wx_threads_running(struct wx_proc *p);
/* Release a finished thread's record: instance, linker, stacks. */
void wx_tinfo_free(struct wx_tinfo *ti);
/* Release the records of finished threads (process end). */
void wx_threads_fini(struct wx_proc *p);
/* In a forked child: only the calling thread exists now. */
void wx_threads_after_fork(struct wx_proc *p);
/* Run the loaded exec request (p->exec) in the calling thread, the only
 * thread of a forked child that was not its process's main thread;
 * returns the host exit status (process.c). */
int wx_proc_exec_in_thread(struct wx_proc *p);
/* Link `m` for process `p`: WASI, WASIX and env.memory (`shared`, if
 * given, else a new memory created from the import).  *created gets a
 * memory this call created (the caller releases its reference). */
int wx_proc_link(struct wx_proc *p, struct wx_linker *l,
		 const struct wx_module *m, struct wx_memory *shared,
		 struct wx_memory **created, struct wx_report *r);

/* The legacy callbacks' export names (sys/callback_legacy.c). */
enum { WX_CB_THREAD, WX_CB_REACTOR, WX_CB_TL_DESTROY };
/* Copy the export name for callback `which` (its default if the guest
 * named none) into out. */
void wx_legacy_cb_name(struct wx_proc *p, int which, char out[128]);
/* An exec'd image starts with the defaults. */
void wx_legacy_cb_reset(struct wx_proc *p);

/* ---- signals (signal.c) ---- */
/* Install the host handlers of the guest-visible signals. */
int wx_signal_start(void);
/* The guest registered a signal handler: from now on the signals ignored
 * by default reach post_signal too. */
void wx_signal_handler_registered(void);
/* In a freshly forked child: no interval timer. */
void wx_signal_after_fork(void);
/* Block the guest-visible signals in the calling host thread (secondary
 * threads: signals go to the process's main thread). */
void wx_signal_block_in_thread(void);
/* The interrupt hook: run pending signals' handlers or defaults. */
int wx_signal_deliver(struct wx_thread *t, void *ctx);
/* The same for the signals in *pending_word, with the handler of `inst`
 * (a secondary thread's own instance for thread_signal). */
int wx_signal_deliver_set(struct wx_thread *t, struct wx_proc *p,
			  struct wx_instance *inst, uint64_t *pending_word);
/* The WASI EPIPE hook: raise the guest's SIGPIPE. */
void wx_signal_epipe(void *ctx);
/* Mark `sig` pending for this process (delivered at the next safe
 * point). */
void wx_signal_raise_self(struct wx_proc *p, int sig);
/* The signals thread `t` holds back now (those whose handlers run and
 * the sa_mask of those handlers). */
uint64_t *wx_signal_blocked_of(struct wx_thread *t, struct wx_proc *p);
/* The blocked set changed to *blocked: raise t's interrupt word if a
 * signal pending for it can now be delivered. */
void wx_signal_unblocked(struct wx_thread *t, struct wx_proc *p);

/* ---- the guest libc's signal mask (libc_sigmask.c) ---- */
/* Unsigned LEB128 at b (< end) in a function body: the byte after it and
 * *v, or NULL (sigtab.c). */
const uint8_t *wx_code_leb_u32(const uint8_t *b, const uint8_t *end,
			       uint32_t *v);
/* Make wasix-libc's no-op pthread_sigmask, sigpending and sigsuspend of
 * `inst` host functions that keep the mask (found by name and body). */
void wx_libc_sigmask_install(struct wx_proc *p, struct wx_instance *inst);
/* Whether function `funcidx` of `m` is one of those stubs. */
bool wx_libc_sigmask_is_stub(const struct wx_module *m, uint32_t funcidx);

/* ---- the guest libc's signal dispositions (sigtab.c) ---- */
#define WX_SA_SIGINFO 4u
#define WX_SA_RESTART 0x10000000u
#define WX_SA_NODEFER 0x40000000u
#define WX_SA_RESETHAND 0x80000000u
struct wx_sigdisp {
	uint32_t handler; /* function table index; 0: SIG_DFL */
	uint32_t flags;   /* WX_SA_* */
	uint64_t mask;    /* sa_mask, bit `sig` for signal sig */
	uint8_t *entry;   /* in guest memory */
};
/* Read the disposition of `sig` from the table of the libc whose handler
 * export is `h`; false if that table is not known. */
bool wx_sigtab_read(struct wx_proc *p, const struct wx_func *h, int sig,
		    struct wx_sigdisp *d);
/* SA_RESETHAND: back to SIG_DFL (and no SA_SIGINFO) as the handler
 * starts. */
void wx_sigtab_reset(struct wx_sigdisp *d);
/* Where the table of the libc whose handler export is `h` lies in guest
 * memory (entries of 20 bytes, by signal number), or 0. */
uint32_t wx_sigtab_base(const struct wx_func *h);
/* The signals `inst`'s libc has at SIG_IGN (what exec keeps ignored);
 * p->ignored where the table is not known. */
uint64_t wx_sigtab_ignored(struct wx_proc *p, struct wx_instance *inst);
/* Whether `inst`'s libc has `sig` at SIG_IGN (p->ignored if unknown). */
bool wx_sigtab_ignores(struct wx_proc *p, struct wx_instance *inst, int sig);

/* kill(pid, sig) within the run.  Guest errno. */
int wx_signal_send(struct wx_proc *p, uint32_t pid, int sig);
/* proc_raise_interval: 0 interval disarms.  Guest errno. */
int wx_signal_interval(int sig, uint64_t interval_ns, bool repeat);

/* ---- syscalls (sys/<name>.c) ---- */
#define WASIX_FUNC(name, sig) \
	int wx_wasix_##name(struct wx_thread *t, void *ctx, uint64_t *args);
#define WASIX_ENOSYS(name, sig)
#include "wasix.def"
#undef WASIX_FUNC
#undef WASIX_ENOSYS
int wx_wasix_enosys(struct wx_thread *t, void *ctx, uint64_t *args);
/* port_*: ENOTSUP (sys/port_enotsup.c). */
int wx_wasix_port_enotsup(struct wx_thread *t, void *ctx, uint64_t *args);
/* proc_join(pid_ptr, status_ptr) of 2022-2023 binaries. */
int wx_wasix_proc_join_legacy(struct wx_thread *t, void *ctx, uint64_t *args);
/* thread_spawn(user_data, stack_base, stack_start, reactor, ret_tid) of
 * 2022-2023 binaries, and the 2022 (name, name_len, user_data, reactor,
 * ret_tid) shape (sys/thread_spawn_legacy.c). */
int wx_wasix_thread_spawn_legacy(struct wx_thread *t, void *ctx,
				 uint64_t *args);
int wx_wasix_thread_spawn_named(struct wx_thread *t, void *ctx,
				uint64_t *args);
/* wasi.thread-spawn (wasi-threads): tid or a negative errno. */
int wx_wasix_wasi_thread_spawn(struct wx_thread *t, void *ctx,
			       uint64_t *args);
/* Replaces preview1 proc_exit: a vfork child's exit resumes its parent. */
int wx_wasix_proc_exit(struct wx_thread *t, void *ctx, uint64_t *args);
/* proc_raise with WASIX (Linux) signal numbers, and with preview1's. */
int wx_wasix_proc_raise_linux(struct wx_thread *t, void *ctx, uint64_t *args);
/* fd_renumber as dup2, for WASIX binaries (sys/fd_renumber.c). */
int wx_wasix_fd_renumber(struct wx_thread *t, void *ctx, uint64_t *args);
int wx_wasix_proc_raise_preview1(struct wx_thread *t, void *ctx,
				 uint64_t *args);
/* Define every wasix_32v1 function (and the wasi module) in `l`; `m` is
 * the module to be linked (its imports decide the signal numbering of
 * preview1's proc_raise). */
/* fd_renumber for WASIX binaries: dup2 (sys/fd_renumber.c). */
int wx_wasix_fd_renumber(struct wx_thread *t, void *ctx, uint64_t *args);
/* Whether `m` imports wasix_32v1 (a WASIX program, not plain WASI). */
bool wx_is_wasix_module(const struct wx_module *m);
int wx_wasix_define(struct wx_linker *l, struct wx_proc *p,
		    const struct wx_module *m);

#endif
