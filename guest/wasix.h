/*
 * wasix.h - a small guest-side library for WASIX programs built with plain
 * wasi-libc (clang --target=wasm32-wasi --sysroot=/usr).
 *
 * Two layers:
 *   wx_raw_*   the WASIX imports themselves, declared with their exact wasm
 *              signatures (module "wasix_32v1", wasix-abi.md 2b): every
 *              parameter is i32 or i64 and every errno result an i32 whose
 *              low 16 bits are the WASI errno.  Pointers are passed as i32
 *              so that tests can hand the runtime any address at all.
 *   wx_*       POSIX-style wrappers (fork, vfork, exec*, waitpid, pipe, dup,
 *              dup2, ...) that return -1 and set errno like libc does.
 *              wasi-libc's errno values are the WASI numbers, so a WASI
 *              errno is assigned to errno unchanged.
 *
 * Only what wasi-libc lacks is provided; read/write/close/open stay libc's.
 * posix_shim.h maps the POSIX names onto these wrappers.
 */
#ifndef WASIX_GUEST_H
#define WASIX_GUEST_H

#include <stdint.h>
#include <sys/types.h>

/* ---- raw imports -------------------------------------------------------- */

#define WX_IMPORT(name) \
	__attribute__((import_module("wasix_32v1"), import_name(#name)))

/* A guest pointer as the i32 the ABI passes. */
#define WX_PTR(p) ((int32_t)(uintptr_t)(p))

int32_t wx_raw_proc_fork(int32_t copy_memory, int32_t ret_pid)
	WX_IMPORT(proc_fork);
int32_t wx_raw_proc_fork_env(int32_t ret_child_pid) WX_IMPORT(proc_fork_env);
void wx_raw_proc_exit2(int32_t code) WX_IMPORT(proc_exit2);
int32_t wx_raw_proc_exec3(int32_t name, int32_t name_len, int32_t args,
			  int32_t args_len, int32_t envs, int32_t envs_len,
			  int32_t search_path, int32_t path, int32_t path_len)
	WX_IMPORT(proc_exec3);
int32_t wx_raw_proc_spawn2(int32_t name, int32_t name_len, int32_t args,
			   int32_t args_len, int32_t envs, int32_t envs_len,
			   int32_t fd_ops, int32_t fd_ops_len, int32_t sigdisp,
			   int32_t sigdisp_len, int32_t search_path,
			   int32_t path, int32_t path_len, int32_t ret_pid)
	WX_IMPORT(proc_spawn2);
int32_t wx_raw_proc_id(int32_t ret_pid) WX_IMPORT(proc_id);
int32_t wx_raw_proc_parent(int32_t pid, int32_t ret_ppid)
	WX_IMPORT(proc_parent);
int32_t wx_raw_proc_join(int32_t inout_option_pid, int32_t join_flags,
			 int32_t ret_join_status) WX_IMPORT(proc_join);
int32_t wx_raw_proc_signal(int32_t pid, int32_t sig) WX_IMPORT(proc_signal);
int32_t wx_raw_fd_pipe(int32_t ret_fd1, int32_t ret_fd2) WX_IMPORT(fd_pipe);
int32_t wx_raw_fd_dup(int32_t fd, int32_t ret_fd) WX_IMPORT(fd_dup);
int32_t wx_raw_fd_dup2(int32_t fd, int32_t min_result_fd, int32_t cloexec,
		       int32_t ret_fd) WX_IMPORT(fd_dup2);
int32_t wx_raw_fd_fdflags_get(int32_t fd, int32_t ret_fdflagsext)
	WX_IMPORT(fd_fdflags_get);
int32_t wx_raw_fd_fdflags_set(int32_t fd, int32_t fdflagsext)
	WX_IMPORT(fd_fdflags_set);
int32_t wx_raw_chdir(int32_t path, int32_t path_len) WX_IMPORT(chdir);
int32_t wx_raw_getcwd(int32_t buf, int32_t inout_len) WX_IMPORT(getcwd);
int32_t wx_raw_thread_sleep(int64_t duration_ns) WX_IMPORT(thread_sleep);

/* preview1 fd_renumber, also reachable as wasi-libc's __wasi_fd_renumber;
 * declared here with the raw shape for the bad-pointer style tests. */
int32_t wx_raw_fd_renumber(int32_t from, int32_t to)
	__attribute__((import_module("wasi_snapshot_preview1"),
		       import_name("fd_renumber")));

/* preview1 proc_raise (this wasi-libc no longer declares it). */
int32_t wx_raw_proc_raise(int32_t sig)
	__attribute__((import_module("wasi_snapshot_preview1"),
		       import_name("proc_raise")));

/* ---- ABI layouts (wasix-abi.md 4.3) ------------------------------------- */

#define WX_OPTION_NONE 0
#define WX_OPTION_SOME 1

/* option_pid_t: 8 bytes, align 4 */
struct wx_option_pid {
	uint8_t tag;
	uint8_t pad[3];
	int32_t pid;
};

#define WX_JOIN_NOTHING 0
#define WX_JOIN_EXIT_NORMAL 1
#define WX_JOIN_EXIT_SIGNAL 2
#define WX_JOIN_STOPPED 3

/* join_status_t: 6 bytes, align 2; the union starts at 2 */
struct wx_join_status {
	uint8_t tag;
	uint8_t pad;
	uint16_t code;  /* exit_normal, or exit_signal.exit_code */
	uint8_t sig;    /* exit_signal.signal (stopped: signal is at @2) */
	uint8_t pad2;
};

#define WX_JOIN_NON_BLOCKING 1u
#define WX_JOIN_WAKE_STOPPED 2u

#define WX_FDFLAGSEXT_CLOEXEC 1u

/* proc_spawn_fd_op_t: 56 bytes, align 8 */
#define WX_SPAWN_OP_CLOSE 0
#define WX_SPAWN_OP_DUP2 1
#define WX_SPAWN_OP_OPEN 2
#define WX_SPAWN_OP_CHDIR 3
#define WX_SPAWN_OP_FCHDIR 4

struct wx_spawn_fd_op {
	uint8_t cmd;
	uint8_t pad0[3];
	int32_t fd;        /* the target fd */
	int32_t src_fd;    /* DUP2: the source */
	uint32_t path;     /* OPEN/CHDIR: guest pointer */
	uint32_t path_len;
	uint32_t dirflags;
	uint16_t oflags;
	uint8_t pad1[6];
	uint64_t rights_base;
	uint64_t rights_inheriting;
	uint16_t fdflags;
	uint16_t fdflagsext;
	uint8_t pad2[4];
};

/* WASIX-only errno values (wasi-libc stops at ENOTCAPABLE = 76). */
#define WX_ESHUTDOWN 77
#define WX_EMEMVIOLATION 78
#define WX_EUNKNOWN 79
#define WX_EPENDING 80

/* ---- POSIX-style wait status -------------------------------------------- */

/* The classic encoding: exit code in bits 8-15, terminating signal in bits
 * 0-6, 0x7f in the low byte for "stopped". */
#define WX_WNOHANG 1
#define WX_WUNTRACED 2
#define WX_WEXITSTATUS(s) (((s) & 0xff00) >> 8)
#define WX_WTERMSIG(s) ((s) & 0x7f)
#define WX_WSTOPSIG(s) WX_WEXITSTATUS(s)
#define WX_WIFEXITED(s) (WX_WTERMSIG(s) == 0)
#define WX_WIFSTOPPED(s) (((s) & 0xff) == 0x7f)
#define WX_WIFSIGNALED(s) (WX_WTERMSIG(s) != 0 && WX_WTERMSIG(s) != 0x7f)

/* ---- wrappers ------------------------------------------------------------- */

/* fork: the child gets 0, the parent the child's pid; -1 and errno on
 * failure. */
pid_t wx_fork(void);

/* vfork (proc_fork with copy_memory = 0): the child runs in the parent's
 * memory until it calls an exec function or wx__exit; only then does the
 * parent return, with the child's pid.  The child may return from the
 * function that called wx_vfork only as far as the runtime's snapshot
 * allows; the tests keep to POSIX and do not. */
pid_t wx_vfork(void) __attribute__((returns_twice));

/* exec: argv and envp are joined with '\n' as proc_exec3 wants (so an
 * argument may not contain a newline, and the runtime drops empty ones).
 * wx_execv and wx_execvp pass the current environment.  wx_execvp searches
 * $PATH (default "/bin:/usr/bin") when `file` has no '/'.  They return only
 * on failure: -1 and errno (ENOENT or ENOEXEC for a missing program). */
int wx_execve(const char *path, char *const argv[], char *const envp[]);
int wx_execv(const char *path, char *const argv[]);
int wx_execvp(const char *file, char *const argv[]);

/* waitpid over proc_join: pid > 0 waits for that child, -1 (or 0 / < -1,
 * which have no process groups here) for any child.  options: WX_WNOHANG.
 * Returns the pid reaped, 0 if WNOHANG found nothing ready, -1 and errno
 * (ECHILD for no such child). */
pid_t wx_waitpid(pid_t pid, int *status, int options);
pid_t wx_wait(int *status);

int wx_pipe(int fds[2]);
int wx_dup(int fd);

/* dup2(old, new): fd_renumber, which for a WASIX program (one importing
 * wasix_32v1, as every user of this library does) is dup2 as in Wasmer -
 * `old` stays open, `new` need not be, the copy has no CLOEXEC - and
 * wasix-libc's dup2 is that call too.  (A plain WASI program's
 * fd_renumber moves the descriptor instead.) */
int wx_dup2(int oldfd, int newfd);

pid_t wx_getpid(void);
pid_t wx_getppid(void);
/* The parent of any pid (proc_parent). */
pid_t wx_getppid_of(pid_t pid);

/* Set or clear FD_CLOEXEC (fd_fdflags_set). */
int wx_set_cloexec(int fd, int on);
/* 1 if CLOEXEC is set, 0 if not, -1 and errno. */
int wx_get_cloexec(int fd);

/* posix_spawn over proc_spawn2.  `ops` is applied in order in the child
 * (build entries with wx_spawn_close / wx_spawn_dup2).  Returns 0 and the
 * pid in *pid, or an errno value (like posix_spawn, errno is untouched). */
int wx_spawn(pid_t *pid, const char *path, const struct wx_spawn_fd_op *ops,
	     int nops, char *const argv[], char *const envp[], int search_path);
struct wx_spawn_fd_op wx_spawn_close(int fd);
struct wx_spawn_fd_op wx_spawn_dup2(int src_fd, int fd);

/* proc_exit2: ends the process with `code`.  It returns only inside a
 * proc_fork_env (setjmp-style vfork) context, which this library does not
 * use. */
void wx_exit2(int code);
/* _exit for vfork and fork children: proc_exit2, then proc_exit. */
_Noreturn void wx__exit(int code);

/* chdir in both places: wasi-libc's own cwd (used to resolve relative
 * paths in this process) and the runtime's (inherited by exec/spawn). */
int wx_chdir(const char *path);

/* Sleep (thread_sleep). */
int wx_sleep_ns(int64_t ns);

#endif
