/*
 * proc_spawn.c - the legacy proc_spawn(name, name_len, chroot, args,
 * args_len, preopen, preopen_len, stdin_mode, stdout_mode, stderr_mode,
 * working_dir, working_dir_len, ret_handles) -> errno (wasix-abi.md 3.7).
 *
 * Starts `name` (searched through /bin:/usr/bin:/usr/local/bin when it
 * has no '/') with newline-separated args, in a new host process, and
 * writes a 28-byte process_handles_t: pid @0, then option_fd for stdin
 * @4, stdout @12, stderr @20.  Each stdio mode: 0 PIPED (a duplex pipe,
 * the parent's end returned in the handles), 1 INHERIT, 2 NULL
 * (/dev/null), 3 LOG (inherited, like Wasmer's log sink).
 * The child keeps the parent's preopens: `preopen` and `chroot` cannot
 * widen or move the sandbox, so chroot=1 is refused with ENOTSUP.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "exec_args.h"

enum { MODE_PIPED = 0, MODE_INHERIT = 1, MODE_NULL = 2, MODE_LOG = 3 };

/* Put host fd `hfd` into `tab` at exactly `fd` (or the lowest free fd
 * when fd is UINT32_MAX).  Guest errno; hfd is consumed. */
static int put_fd(struct wx_fdtable *tab, int hfd, uint32_t fd,
		  uint32_t *got)
{
	struct wx_fdobj *o = wx_fdobj_create(hfd, WX_FILETYPE_UNKNOWN, false);
	if (o == NULL) {
		close(hfd);
		return WX_WASI_ENOMEM;
	}
	if (fd != UINT32_MAX)
		wx_fdtable_close(tab, fd);
	return wx_fdtable_insert(tab, o, WX_RIGHTS_STREAM, 0,
				 fd == UINT32_MAX ? 0 : fd, fd != UINT32_MAX,
				 got);
}

int wx_wasix_proc_spawn(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t mode[3] = {wx_arg32(args, 7), wx_arg32(args, 8),
			    wx_arg32(args, 9)};
	uint8_t *h = wx_wasi_mem(p->wasi, wx_arg32(args, 12), 28);
	struct wx_exec_req req;
	char *name = NULL, **argv = NULL, *wd = NULL;
	int pairs[3][2] = {{-1, -1}, {-1, -1}, {-1, -1}};
	uint32_t pid, parent_fd[3] = {0, 0, 0}, i;
	pid_t hp;
	int ret;

	memset(&req, 0, sizeof(req));
	if (h == NULL) {
		args[0] = WX_WASI_EMEMVIOLATION;
		return 0;
	}
	if (wx_arg32(args, 2) != 0) {
		args[0] = WX_WASI_ENOTSUP;
		return 0;
	}
	for (i = 0; i < 3; i++)
		if (mode[i] > MODE_LOG) {
			args[0] = WX_WASI_EINVAL;
			return 0;
		}
	ret = wx_guest_path(p, wx_arg32(args, 0), wx_arg32(args, 1), &name);
	if (ret == 0)
		ret = wx_exec_lines(p, wx_arg32(args, 3), wx_arg32(args, 4),
				    &argv);
	if (ret == 0 && wx_arg32(args, 10) != 0)
		ret = wx_guest_path(p, wx_arg32(args, 10),
				      wx_arg32(args, 11), &wd);
	if (ret == 0 && (argv == NULL || argv[0] == NULL)) {
		wx_wasix_strv_free(argv);
		argv = calloc(2, sizeof(*argv));
		if (argv == NULL || (argv[0] = strdup(name)) == NULL)
			ret = WX_WASI_ENOMEM;
	}
	if (ret == 0)
		ret = wx_exec_args_fit(p, argv, NULL);
	if (ret == 0)
		ret = wx_exec_load(p, name, true, "/bin:/usr/bin:/usr/local/bin",
				   &req);
	if (ret != 0)
		goto out;
	req.argv = argv;
	argv = NULL;
	req.envp = wx_wasix_strv_copy(p->wasi->envp);
	if (req.envp == NULL) {
		ret = WX_WASI_ENOMEM;
		goto out;
	}
	for (i = 0; i < 3 && ret == 0; i++)
		if (mode[i] == MODE_PIPED &&
		    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0,
			       pairs[i]) != 0)
			ret = wx_wasi_errno(errno);
	if (ret == 0 && wx_pidtab_alloc(p->pid, &pid) != 0)
		ret = WX_WASI_EAGAIN;
	if (ret != 0)
		goto out;
	hp = wx_proc_fork_host(p, pid);
	if (hp < 0) {
		wx_pidtab_free(pid);
		ret = WX_WASI_EAGAIN;
		goto out;
	}
	if (hp == 0) {
		/* The child: its ends of the pipes become its stdio. */
		for (i = 0; i < 3 && ret == 0; i++) {
			uint32_t got;
			if (mode[i] == MODE_PIPED) {
				close(pairs[i][0]);
				ret = put_fd(&p->wasi->fds, pairs[i][1], i, &got);
				pairs[i][0] = pairs[i][1] = -1;
			} else if (mode[i] == MODE_NULL) {
				int nfd = open("/dev/null", O_RDWR | O_CLOEXEC);
				ret = nfd < 0 ? wx_wasi_errno(errno)
					      : put_fd(&p->wasi->fds, nfd, i,
						       &got);
			}
		}
		if (ret == 0 && wd != NULL) {
			char *abs = wx_proc_abspath(p, wd);
			if (abs != NULL) {
				free(p->cwd);
				p->cwd = abs;
			}
		}
		if (ret != 0) {
			wx_exec_req_fini(&req);
			t->exit_code = 127;
			ret = WX_EEXIT;
			goto out;
		}
		p->exec = req;
		memset(&req, 0, sizeof(req));
		ret = WX_EEXEC;
		goto out;
	}
	/* The parent keeps the other ends. */
	for (i = 0; i < 3; i++)
		if (mode[i] == MODE_PIPED) {
			close(pairs[i][1]);
			pairs[i][1] = -1;
			if (put_fd(&p->wasi->fds, pairs[i][0], UINT32_MAX,
				   &parent_fd[i]) != 0)
				mode[i] = MODE_INHERIT; /* report no handle */
			pairs[i][0] = -1;
		}
	if (wx_proc_add_child(p, pid, hp) == NULL) {
		ret = WX_WASI_ENOMEM;
		goto out;
	}
	memset(h, 0, 28);
	wx_put32(h, pid);
	for (i = 0; i < 3; i++)
		if (mode[i] == MODE_PIPED) {
			h[4 + 8 * i] = 1;
			wx_put32(h + 8 + 8 * i, parent_fd[i]);
		}
	ret = 0;
out:
	for (i = 0; i < 3; i++) {
		if (pairs[i][0] >= 0)
			close(pairs[i][0]);
		if (pairs[i][1] >= 0)
			close(pairs[i][1]);
	}
	wx_exec_req_fini(&req);
	free(name);
	free(wd);
	wx_wasix_strv_free(argv);
	if (ret >= 0)
		args[0] = (uint32_t)ret;
	return ret > 0 ? 0 : ret;
}
