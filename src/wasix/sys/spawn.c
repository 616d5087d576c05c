/*
 * spawn.c - posix_spawn for WASIX (wasix-abi.md 3.7).
 *
 * The program is loaded in the parent first, so that "not found" and "not
 * executable" are reported to the caller; then the host forks, the child
 * applies the fd operations to its own copy of the fd table and starts the
 * program through the runner (WX_EEXEC).  The signal dispositions (2-byte
 * {signal, disposition} entries; 1 is IGNORE) become the child's initial
 * ones, which its libc reads with proc_signals_get.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "exec_args.h"
#include "spawn.h"

enum { OP_CLOSE = 0, OP_DUP2 = 1, OP_OPEN = 2, OP_CHDIR = 3, OP_FCHDIR = 4 };
#define FD_OP_SIZE 56

static int dup_to(struct wx_fdtable *tab, uint32_t src, uint32_t dst)
{
	struct wx_fdref ref;
	uint32_t got;
	int ret = wx_fdtable_get(tab, src, 0, &ref);
	if (ret != 0)
		return ret;
	if (src == dst) {
		wx_fdref_release(&ref);
		return 0;
	}
	wx_fdtable_close(tab, dst);
	wx_fdobj_retain(ref.obj);
	ret = wx_fdtable_insert(tab, ref.obj, ref.rights_base, ref.rights_inh,
				dst, true, &got);
	wx_fdref_release(&ref);
	return ret;
}

static int open_at(struct wx_proc *p, const uint8_t *op, uint32_t fd)
{
	char *name = NULL, *abs;
	uint16_t of = wx_get16(op + 24);
	uint64_t rights = wx_get64(op + 32);
	int flags, hfd, ret;
	struct wx_fdobj *o;
	uint32_t got;
	ret = wx_guest_path(p, wx_get32(op + 12), wx_get32(op + 16), &name);
	if (ret != 0)
		return ret;
	abs = wx_proc_abspath(p, name);
	free(name);
	if (abs == NULL)
		return WX_WASI_ENOMEM;
	flags = (rights & WX_RIGHT_FD_WRITE)
			? ((rights & WX_RIGHT_FD_READ) ? O_RDWR : O_WRONLY)
			: O_RDONLY;
	if (of & WX_OFLAG_CREAT)
		flags |= O_CREAT;
	if (of & WX_OFLAG_TRUNC)
		flags |= O_TRUNC;
	if (of & WX_OFLAG_EXCL)
		flags |= O_EXCL;
	if (wx_get16(op + 48) & WX_FDFLAG_APPEND)
		flags |= O_APPEND;
	hfd = wx_proc_open_guest(p, abs, flags);
	free(abs);
	if (hfd < 0)
		return -hfd;
	o = wx_fdobj_create(hfd, WX_FILETYPE_REGULAR_FILE, false);
	if (o == NULL)
		return WX_WASI_ENOMEM;
	wx_fdtable_close(&p->wasi->fds, fd);
	return wx_fdtable_insert(&p->wasi->fds, o, WX_RIGHTS_FILE, 0, fd,
				 true, &got);
}

static int fd_host_path(int hfd, char *buf, size_t len)
{
	char link[64];
	ssize_t n;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", hfd);
	n = readlink(link, buf, len - 1);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

/* FCHDIR: the guest path of directory fd `fd`, found by mapping its host
 * path back through the preopen it lies under.  Guest errno. */
static int fchdir_path(struct wx_proc *p, uint32_t fd, char **out)
{
	struct wx_fdtable *tab = &p->wasi->fds;
	struct wx_fdref ref;
	char dir[4096], root[4096];
	size_t best = 0;
	uint32_t i;
	int ret = wx_fdtable_get(tab, fd, 0, &ref);
	if (ret != 0)
		return ret;
	ret = ref.obj->filetype == WX_FILETYPE_DIRECTORY &&
			      fd_host_path(ref.obj->host_fd, dir, sizeof(dir)) == 0
		      ? 0
		      : WX_WASI_ENOTDIR;
	wx_fdref_release(&ref);
	if (ret != 0)
		return ret;
	*out = NULL;
	for (i = 0; i < tab->n; i++) {
		struct wx_fdobj *o = tab->e[i].obj;
		size_t rl;
		if (o == NULL || o->preopen == NULL ||
		    fd_host_path(o->host_fd, root, sizeof(root)) != 0)
			continue;
		rl = strlen(root);
		if (strncmp(dir, root, rl) != 0 ||
		    (dir[rl] != '/' && dir[rl] != '\0') || rl < best)
			continue;
		free(*out);
		*out = malloc(strlen(o->preopen) + strlen(dir + rl) + 2);
		if (*out == NULL)
			return WX_WASI_ENOMEM;
		sprintf(*out, "%s%s", o->preopen, dir + rl);
		best = rl;
	}
	return *out != NULL ? 0 : WX_WASI_ENOENT;
}

static bool is_preopen(struct wx_fdtable *tab, uint32_t fd)
{
	struct wx_fdref ref;
	bool pre;
	if (wx_fdtable_get(tab, fd, 0, &ref) != 0)
		return false;
	pre = ref.obj->preopen != NULL;
	wx_fdref_release(&ref);
	return pre;
}

/* CHDIR's target must be a directory we can enter, as chdir(2) wants.
 * Guest errno. */
static int check_dir(struct wx_proc *p, const char *abs)
{
	return wx_proc_check_dir(p, abs);
}

/* Apply the fd operations in the child. Guest errno. */
static int apply_ops(struct wx_proc *p, const uint8_t *ops, uint32_t n)
{
	uint32_t i;
	int ret = 0;
	for (i = 0; i < n && ret == 0; i++) {
		const uint8_t *op = ops + (size_t)i * FD_OP_SIZE;
		uint32_t fd = wx_get32(op + 4);
		switch (op[0]) {
		case OP_CLOSE:
			/* A preopen stays (as in Wasmer): libc resolves every
			 * path through them, and "close every fd from 3 up"
			 * would leave the program without a file system. */
			if (!is_preopen(&p->wasi->fds, fd))
				wx_fdtable_close(&p->wasi->fds, fd);
			break;
		case OP_DUP2:
			ret = dup_to(&p->wasi->fds, wx_get32(op + 8), fd);
			break;
		case OP_OPEN:
			ret = open_at(p, op, fd);
			break;
		case OP_CHDIR: {
			char *name = NULL, *abs;
			ret = wx_guest_path(p, wx_get32(op + 12),
					      wx_get32(op + 16), &name);
			if (ret != 0)
				break;
			abs = wx_proc_abspath(p, name);
			free(name);
			if (abs == NULL)
				return WX_WASI_ENOMEM;
			ret = check_dir(p, abs);
			if (ret != 0) {
				free(abs);
				break;
			}
			free(p->cwd);
			p->cwd = abs;
			break;
		}
		case OP_FCHDIR: {
			char *path = NULL, *abs;
			ret = fchdir_path(p, fd, &path);
			if (ret != 0)
				break;
			abs = wx_proc_abspath(p, path);
			free(path);
			if (abs == NULL)
				return WX_WASI_ENOMEM;
			free(p->cwd);
			p->cwd = abs;
			break;
		}
		default:
			ret = WX_WASI_ENOTSUP;
		}
	}
	return ret;
}

int wx_spawn_common(struct wx_thread *t, struct wx_proc *p, char *name,
		    char **argv, char **envp, uint32_t fd_ops,
		    uint32_t nops, bool search, char *path, uint32_t ret_pid,
		    uint32_t sigdisp, uint32_t ndisp)
{
	struct wx_exec_req req;
	const uint8_t *ops = NULL, *disp = NULL;
	uint32_t pid, i;
	pid_t hp;
	int ret, report[2];

	memset(&req, 0, sizeof(req));
	if (wx_wasi_mem(p->wasi, ret_pid, 4) == NULL ||
	    (nops > 0 && (ops = wx_wasi_mem(p->wasi, fd_ops,
					    (uint64_t)nops * FD_OP_SIZE)) ==
			     NULL) ||
	    (ndisp > 0 && (disp = wx_wasi_mem(p->wasi, sigdisp,
					      2ull * ndisp)) == NULL)) {
		ret = WX_WASI_EMEMVIOLATION;
		goto out;
	}
	ret = wx_exec_args_fit(p, argv, envp);
	if (ret == 0)
		ret = wx_exec_load(p, name, search, path, &req);
	if (ret != 0)
		goto out;
	req.argv = argv;
	req.envp = envp != NULL ? envp : wx_wasix_strv_copy(p->wasi->envp);
	argv = envp = NULL;
	if (req.envp == NULL) {
		ret = WX_WASI_ENOMEM;
		goto out;
	}
	if (wx_pidtab_alloc(p->pid, &pid) != 0) {
		ret = WX_WASI_EAGAIN;
		goto out;
	}
	/* The child applies the fd operations; one that fails is reported
	 * through this pipe, so that the call fails as glibc's does (the
	 * child then ends with 127, and is reaped here). */
	if (pipe2(report, O_CLOEXEC) != 0) {
		wx_pidtab_free(pid);
		ret = wx_wasi_errno(errno);
		goto out;
	}
	hp = wx_proc_fork_host(p, pid);
	if (hp < 0) {
		close(report[0]);
		close(report[1]);
		wx_pidtab_free(pid);
		ret = WX_WASI_EAGAIN;
		goto out;
	}
	if (hp == 0) {
		close(report[0]);
		if ((ret = apply_ops(p, ops, nops)) != 0) {
			uint32_t e = (uint32_t)ret;
			while (write(report[1], &e, sizeof(e)) < 0 &&
			       errno == EINTR)
				;
			_exit(127);
		}
		close(report[1]);
		/* And any other host fd: a report pipe of a spawn running
		 * in another thread would keep its parent waiting. */
		wx_proc_close_unreferenced(&p->wasi->fds);
		for (i = 0; i < ndisp; i++) {
			uint8_t sig = disp[2 * i];
			if (sig == 0 || sig > 63)
				continue;
			if (disp[2 * i + 1] == 1)
				p->ignored |= 1ull << sig;
			else
				p->ignored &= ~(1ull << sig);
		}
		p->exec = req;
		memset(&req, 0, sizeof(req));
		ret = WX_EEXEC;
		goto out;
	}
	close(report[1]);
	{
		uint32_t e = 0;
		ssize_t n;
		while ((n = read(report[0], &e, sizeof(e))) < 0 && errno == EINTR)
			;
		close(report[0]);
		if (n == (ssize_t)sizeof(e)) {
			int st;
			while (waitpid(hp, &st, 0) < 0 && errno == EINTR)
				;
			wx_pidtab_free(pid);
			ret = (int)e;
			goto out;
		}
	}
	if (wx_proc_add_child(p, pid, hp) == NULL) {
		ret = WX_WASI_ENOMEM;
		goto out;
	}
	wx_proc_put32(p, ret_pid, pid);
	ret = 0;
out:
	wx_exec_req_fini(&req);
	free(name);
	free(path);
	wx_wasix_strv_free(argv);
	wx_wasix_strv_free(envp);
	return ret;
}

int wx_spawn_call(struct wx_thread *t, struct wx_proc *p, uint64_t *args,
		  bool ptr_form)
{
	struct wx_exec_args a;
	int ret = wx_exec_args_decode(p, args, ptr_form, 10, &a);
	if (ret == 0)
		ret = wx_spawn_common(t, p, a.name, a.argv, a.envp,
				      wx_arg32(args, 6), wx_arg32(args, 7),
				      a.search, a.path, wx_arg32(args, 13),
				      wx_arg32(args, 8), wx_arg32(args, 9));
	if (ret >= 0)
		args[0] = (uint32_t)ret;
	return ret > 0 ? 0 : ret;
}
