/*
 * wasix.c - POSIX-style wrappers over the raw WASIX imports (see wasix.h).
 *
 * Each wrapper calls one import (dup2 and execvp may call two), converts
 * the errno result and lays out the ABI structs exactly as wasix-abi.md 4.3
 * gives them; the _Static_asserts below pin those layouts.
 */
#include "wasix.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>

extern char **environ;

_Static_assert(sizeof(struct wx_option_pid) == 8, "option_pid size");
_Static_assert(offsetof(struct wx_option_pid, pid) == 4, "option_pid.pid");
_Static_assert(sizeof(struct wx_join_status) == 6, "join_status size");
_Static_assert(offsetof(struct wx_join_status, code) == 2, "join_status@2");
_Static_assert(offsetof(struct wx_join_status, sig) == 4, "join_status@4");
_Static_assert(sizeof(struct wx_spawn_fd_op) == 56, "fd_op size");
_Static_assert(_Alignof(struct wx_spawn_fd_op) == 8, "fd_op align");
_Static_assert(offsetof(struct wx_spawn_fd_op, fd) == 4, "fd_op.fd");
_Static_assert(offsetof(struct wx_spawn_fd_op, src_fd) == 8, "fd_op.src");
_Static_assert(offsetof(struct wx_spawn_fd_op, path) == 12, "fd_op.path");
_Static_assert(offsetof(struct wx_spawn_fd_op, path_len) == 16, "fd_op.len");
_Static_assert(offsetof(struct wx_spawn_fd_op, dirflags) == 20, "dirflags");
_Static_assert(offsetof(struct wx_spawn_fd_op, oflags) == 24, "oflags");
_Static_assert(offsetof(struct wx_spawn_fd_op, rights_base) == 32, "rights");
_Static_assert(offsetof(struct wx_spawn_fd_op, rights_inheriting) == 40,
	       "rights_inheriting");
_Static_assert(offsetof(struct wx_spawn_fd_op, fdflags) == 48, "fdflags");
_Static_assert(offsetof(struct wx_spawn_fd_op, fdflagsext) == 50, "fdext");

/* A raw errno result: 0, or errno set and -1. */
static int fail_if(int32_t e)
{
	e &= 0xffff;
	if (e == 0)
		return 0;
	errno = e;
	return -1;
}

pid_t wx_fork(void)
{
	int32_t pid = -1;
	if (fail_if(wx_raw_proc_fork(1, WX_PTR(&pid))) < 0)
		return -1;
	return pid;
}

/* The pid slot lives in static memory rather than in this function's frame
 * on the shadow stack: the vfork child returns from here and reuses that
 * stack, while the runtime writes the child's pid to the slot when it
 * resumes the parent. */
static volatile int32_t vfork_pid_slot;

pid_t wx_vfork(void)
{
	int32_t e;
	vfork_pid_slot = -1;
	e = wx_raw_proc_fork(0, WX_PTR(&vfork_pid_slot));
	if (fail_if(e) < 0)
		return -1;
	return vfork_pid_slot;
}

/* Join a NULL-terminated string vector with '\n' into a malloc'd buffer;
 * *len gets the length without a terminator.  NULL on ENOMEM. */
static char *join_lines(char *const v[], size_t *len)
{
	size_t n = 0, i, off = 0;
	char *buf;
	for (i = 0; v != NULL && v[i] != NULL; i++)
		n += strlen(v[i]) + 1;
	buf = malloc(n + 1);
	if (buf == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	for (i = 0; v != NULL && v[i] != NULL; i++) {
		size_t l = strlen(v[i]);
		if (i > 0)
			buf[off++] = '\n';
		memcpy(buf + off, v[i], l);
		off += l;
	}
	buf[off] = '\0';
	*len = off;
	return buf;
}

static int exec_common(const char *name, char *const argv[],
		       char *const envp[], int search, const char *path)
{
	size_t alen = 0, elen = 0;
	char *args, *envs;
	int32_t e;

	args = join_lines(argv, &alen);
	if (args == NULL)
		return -1;
	envs = join_lines(envp, &elen);
	if (envs == NULL) {
		free(args);
		return -1;
	}
	e = wx_raw_proc_exec3(WX_PTR(name), (int32_t)strlen(name),
			      WX_PTR(args), (int32_t)alen,
			      WX_PTR(envs), (int32_t)elen, search ? 1 : 0,
			      WX_PTR(path), path ? (int32_t)strlen(path) : 0);
	free(args);
	free(envs);
	if (fail_if(e) < 0)
		return -1;
	/* Success that returns happens only in a proc_fork_env vfork. */
	return 0;
}

int wx_execve(const char *path, char *const argv[], char *const envp[])
{
	return exec_common(path, argv, envp, 0, NULL);
}

int wx_execv(const char *path, char *const argv[])
{
	return exec_common(path, argv, environ, 0, NULL);
}

int wx_execvp(const char *file, char *const argv[])
{
	const char *path = getenv("PATH");
	if (path == NULL || *path == '\0')
		path = "/bin:/usr/bin";
	return exec_common(file, argv, environ, strchr(file, '/') == NULL,
			   path);
}

pid_t wx_waitpid(pid_t pid, int *status, int options)
{
	struct wx_option_pid opt;
	struct wx_join_status js;
	uint32_t flags = 0;
	int st = 0;

	memset(&opt, 0, sizeof(opt));
	memset(&js, 0, sizeof(js));
	if (pid > 0) {
		opt.tag = WX_OPTION_SOME;
		opt.pid = pid;
	}
	if (options & WX_WNOHANG)
		flags |= WX_JOIN_NON_BLOCKING;
	if (options & WX_WUNTRACED)
		flags |= WX_JOIN_WAKE_STOPPED;
	if (fail_if(wx_raw_proc_join(WX_PTR(&opt), (int32_t)flags,
				     WX_PTR(&js))) < 0)
		return -1;
	switch (js.tag) {
	case WX_JOIN_NOTHING:
		/* WNOHANG and nothing has changed state yet. */
		if (status != NULL)
			*status = 0;
		return 0;
	case WX_JOIN_EXIT_NORMAL:
		st = (js.code & 0xff) << 8;
		break;
	case WX_JOIN_EXIT_SIGNAL:
		st = ((js.code & 0xff) << 8) | (js.sig & 0x7f);
		break;
	case WX_JOIN_STOPPED:
		st = ((js.code & 0xff) << 8) | 0x7f;
		break;
	default:
		errno = EPROTO;
		return -1;
	}
	if (status != NULL)
		*status = st;
	if (opt.tag == WX_OPTION_SOME && opt.pid > 0)
		return opt.pid;
	return pid > 0 ? pid : 0;
}

pid_t wx_wait(int *status)
{
	return wx_waitpid(-1, status, 0);
}

int wx_pipe(int fds[2])
{
	int32_t a = -1, b = -1;
	if (fail_if(wx_raw_fd_pipe(WX_PTR(&a), WX_PTR(&b))) < 0)
		return -1;
	fds[0] = a;
	fds[1] = b;
	return 0;
}

int wx_dup(int fd)
{
	int32_t r = -1;
	if (fail_if(wx_raw_fd_dup(fd, WX_PTR(&r))) < 0)
		return -1;
	return r;
}

/* Is fd open in this process? */
static int fd_is_open(int fd)
{
	__wasi_fdstat_t st;
	return __wasi_fd_fdstat_get(fd, &st) != __WASI_ERRNO_BADF;
}

int wx_dup2(int oldfd, int newfd)
{
	if (newfd < 0) {
		errno = EBADF;
		return -1;
	}
	if (!fd_is_open(oldfd)) {
		errno = EBADF;
		return -1;
	}
	if (oldfd == newfd)
		return newfd;
	/* A WASIX program's fd_renumber is dup2 (wasix-libc's own dup2). */
	if (fail_if(wx_raw_fd_renumber(oldfd, newfd)) < 0)
		return -1;
	return newfd;
}

pid_t wx_getpid(void)
{
	int32_t pid = -1;
	if (fail_if(wx_raw_proc_id(WX_PTR(&pid))) < 0)
		return -1;
	return pid;
}

pid_t wx_getppid_of(pid_t pid)
{
	int32_t ppid = -1;
	if (fail_if(wx_raw_proc_parent(pid, WX_PTR(&ppid))) < 0)
		return -1;
	return ppid;
}

pid_t wx_getppid(void)
{
	pid_t me = wx_getpid();
	if (me < 0)
		return -1;
	return wx_getppid_of(me);
}

int wx_get_cloexec(int fd)
{
	/* fdflagsext_t is u16; give it a whole aligned word. */
	uint32_t fl = 0;
	if (fail_if(wx_raw_fd_fdflags_get(fd, WX_PTR(&fl))) < 0)
		return -1;
	return (fl & WX_FDFLAGSEXT_CLOEXEC) ? 1 : 0;
}

int wx_set_cloexec(int fd, int on)
{
	uint32_t fl = 0;
	if (fail_if(wx_raw_fd_fdflags_get(fd, WX_PTR(&fl))) < 0)
		return -1;
	fl &= 0xffff;
	if (on)
		fl |= WX_FDFLAGSEXT_CLOEXEC;
	else
		fl &= ~WX_FDFLAGSEXT_CLOEXEC;
	return fail_if(wx_raw_fd_fdflags_set(fd, (int32_t)fl));
}

struct wx_spawn_fd_op wx_spawn_close(int fd)
{
	struct wx_spawn_fd_op op;
	memset(&op, 0, sizeof(op));
	op.cmd = WX_SPAWN_OP_CLOSE;
	op.fd = fd;
	return op;
}

struct wx_spawn_fd_op wx_spawn_dup2(int src_fd, int fd)
{
	struct wx_spawn_fd_op op;
	memset(&op, 0, sizeof(op));
	op.cmd = WX_SPAWN_OP_DUP2;
	op.fd = fd;
	op.src_fd = src_fd;
	return op;
}

int wx_spawn(pid_t *pid, const char *path, const struct wx_spawn_fd_op *ops,
	     int nops, char *const argv[], char *const envp[], int search_path)
{
	size_t alen = 0, elen = 0;
	char *args, *envs;
	const char *sp = NULL;
	int32_t e, r = -1;
	int saved = errno;

	args = join_lines(argv, &alen);
	if (args == NULL)
		return ENOMEM;
	envs = join_lines(envp != NULL ? envp : environ, &elen);
	if (envs == NULL) {
		free(args);
		errno = saved;
		return ENOMEM;
	}
	if (search_path) {
		sp = getenv("PATH");
		if (sp == NULL || *sp == '\0')
			sp = "/bin:/usr/bin";
	}
	e = wx_raw_proc_spawn2(WX_PTR(path), (int32_t)strlen(path),
			       WX_PTR(args), (int32_t)alen, WX_PTR(envs),
			       (int32_t)elen, WX_PTR(ops), nops, 0, 0,
			       search_path ? 1 : 0, WX_PTR(sp),
			       sp ? (int32_t)strlen(sp) : 0, WX_PTR(&r));
	free(args);
	free(envs);
	errno = saved;
	e &= 0xffff;
	if (e == 0 && pid != NULL)
		*pid = r;
	return e;
}

void wx_exit2(int code)
{
	wx_raw_proc_exit2(code);
}

_Noreturn void wx__exit(int code)
{
	wx_raw_proc_exit2(code);
	__wasi_proc_exit((__wasi_exitcode_t)code);
	__builtin_unreachable();
}

int wx_chdir(const char *path)
{
	if (fail_if(wx_raw_chdir(WX_PTR(path), (int32_t)strlen(path))) < 0)
		return -1;
	/* libc's view: resolves relative opens in this process. */
	if (chdir(path) < 0)
		return -1;
	return 0;
}

int wx_sleep_ns(int64_t ns)
{
	return fail_if(wx_raw_thread_sleep(ns));
}
