/*
 * process.c - the WASIX process: running a program image, exec requests,
 * host forks, vfork bookkeeping, children.
 *
 * The runner (wx_process_main / run_images) instantiates the current
 * program and calls _start.  Everything that replaces the image in this
 * host process - exec, the child side of a vfork+exec or of a spawn -
 * travels back to it as the status WX_EEXEC with the new program already
 * loaded in proc->exec (program.c finds and loads it), so no host function
 * ever longjmps across the engine (design.md: traps and exits travel as
 * return codes).
 *
 * Fork is the host's fork (design.md "The process model"): linear memory,
 * the interpreter's stacks and the fd table are duplicated copy-on-write by
 * the kernel, and the child simply returns from the same host call.
 */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../platform/platform.h"
#include "internal.h"
#include "trace.h"
#include "trace_report.h"
#include "net.h"

struct wx_proc *wx_proc_self;

/* ---- small helpers ---- */

void wx_wasix_strv_free(char **v)
{
	size_t i;
	if (v == NULL)
		return;
	for (i = 0; v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

char **wx_wasix_strv_copy(char *const *v)
{
	size_t n = 0, i;
	char **out;
	while (v[n] != NULL)
		n++;
	out = calloc(n + 1, sizeof(*out));
	if (out == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if ((out[i] = strdup(v[i])) == NULL) {
			wx_wasix_strv_free(out);
			return NULL;
		}
	return out;
}

char **wx_split_lines(const char *s, size_t len)
{
	size_t n = 0, i, start, k = 0;
	char **out;
	for (i = 0; i < len; i++)
		if (s[i] == '\n')
			n++;
	out = calloc(n + 2, sizeof(*out));
	if (out == NULL)
		return NULL;
	/* wasix-libc ends every entry with '\n', so an empty entry between
	 * two newlines is an empty argument and only the empty remainder
	 * after the last newline is not an entry.
	 * DEVIATION: Wasmer drops every empty entry (and splits at '\r'
	 * too), so execv(p, {"p", "", "x"}) loses its empty argument and an
	 * argument holding '\r' is cut; POSIX exec keeps both. */
	for (start = 0, i = 0; i <= len; i++) {
		if (i < len && s[i] != '\n')
			continue;
		if (i == len && i == start)
			break;
		out[k] = strndup(s + start, i - start);
		if (out[k++] == NULL) {
			wx_wasix_strv_free(out);
			return NULL;
		}
		start = i + 1;
	}
	return out;
}

int wx_guest_string_max(struct wx_proc *p, uint32_t ptr, uint32_t len,
			size_t max, char **out)
{
	const char *src = wx_wasi_mem(p->wasi, ptr, len);
	*out = NULL;
	if (src == NULL)
		return WX_WASI_EMEMVIOLATION;
	len = (uint32_t)strnlen(src, len);
	if (len > max)
		return WX_WASI_ENAMETOOLONG;
	*out = strndup(src, len);
	return *out == NULL ? WX_WASI_ENOMEM : 0;
}

int wx_guest_string(struct wx_proc *p, uint32_t ptr, uint32_t len,
		    char **out)
{
	return wx_guest_string_max(p, ptr, len, WX_PATH_MAX - 1, out);
}

int wx_guest_path(struct wx_proc *p, uint32_t ptr, uint32_t len, char **out)
{
	int ret = wx_guest_string(p, ptr, len, out);
	if (ret == 0 && !wx_path_names_fit(*out)) {
		free(*out);
		*out = NULL;
		ret = WX_WASI_ENAMETOOLONG;
	}
	return ret;
}

int wx_proc_put32(struct wx_proc *p, uint32_t addr, uint32_t v)
{
	uint8_t *dst = wx_wasi_mem(p->wasi, addr, 4);
	if (dst == NULL)
		return WX_WASI_EMEMVIOLATION;
	wx_put32(dst, v);
	return 0;
}

char *wx_proc_abspath(struct wx_proc *p, const char *path)
{
	size_t cap = strlen(p->cwd) + strlen(path) + 3, n = 0;
	char *out = malloc(cap);
	const char *s;
	if (out == NULL)
		return NULL;
	/* Start from "/" or the cwd, then apply each component lexically. */
	if (path[0] != '/') {
		strcpy(out, p->cwd);
		n = strlen(out);
		while (n > 0 && out[n - 1] == '/')
			n--;
	}
	out[n] = '\0';
	for (s = path; *s != '\0';) {
		const char *e = strchr(s, '/');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		if (len == 0 || (len == 1 && s[0] == '.')) {
			/* nothing */
		} else if (len == 2 && s[0] == '.' && s[1] == '.') {
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
		} else {
			out[n++] = '/';
			memcpy(out + n, s, len);
			n += len;
		}
		out[n] = '\0';
		s += len;
		if (*s == '/')
			s++;
	}
	if (n == 0) {
		out[0] = '/';
		out[1] = '\0';
	}
	return out;
}

/* The preopen holding guest path `abspath` (retained), and in *rest the
 * path beneath it; NULL if none does. */
static struct wx_fdobj *guest_preopen(struct wx_proc *p, const char *abspath,
				      const char **rest)
{
	struct wx_fdref ref;
	size_t len;

	if (!wx_fdtable_preopen_for(&p->wasi->fds, abspath, &ref, &len))
		return NULL;
	*rest = abspath + len;
	while (**rest == '/')
		(*rest)++;
	return ref.obj;
}

/* `best` is the virtual root (vroot.c): 0 with *virtual for one of its
 * directories, or 0 with *below, the guest path beneath a mount point to
 * look up again; else a guest errno.  Releases `best`. */
static int through_vroot(struct wx_proc *p, struct wx_fdobj *best,
			 const char *rest, char **below, bool *virtual)
{
	int ret = wx_vroot_walk(p->wasi, best->vdir, rest, below, virtual,
				NULL);
	wx_fdobj_release(best);
	if (ret == 0 && *virtual) {
		free(*below);
		*below = NULL;
	}
	return ret;
}

int wx_proc_check_dir(struct wx_proc *p, const char *abspath)
{
	int fd;
	if (wx_vroot_is_dir(p->wasi, abspath))
		return 0;
	fd = wx_proc_open_guest(p, abspath, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return -fd;
	close(fd);
	return 0;
}

static int resolve_guest(struct wx_proc *p, const char *abspath, bool follow,
			 struct wx_path *out, int depth)
{
	const char *rest;
	struct wx_fdobj *best = guest_preopen(p, abspath, &rest);
	int ret;

	if (best == NULL)
		return WX_WASI_ENOENT;
	if (best->vdir != NULL) {
		char *below;
		bool virtual;
		ret = through_vroot(p, best, rest, &below, &virtual);
		if (ret != 0 || virtual)
			return ret != 0 ? ret : WX_WASI_EACCES;
		ret = resolve_guest(p, below, follow, out, depth);
		free(below);
		return ret;
	}
	if (best->devfs) { /* no host directory to resolve in */
		wx_fdobj_release(best);
		return WX_WASI_EACCES;
	}
	ret = p->wasi->abs_links
		      ? wx_path_resolve_abs(best->host_fd, *rest ? rest : ".",
					    follow, out)
		      : wx_path_resolve(best->host_fd, *rest ? rest : ".",
					follow, out);
	wx_fdobj_release(best);
	if (ret == WX_PATH_RESTART) { /* an absolute symlink on the way */
		char *again = out->name;
		out->name = NULL;
		ret = depth < WX_SYMLOOP_MAX
			      ? resolve_guest(p, again, follow, out, depth + 1)
			      : WX_WASI_ELOOP;
		free(again);
	}
	return ret;
}

int wx_proc_resolve_guest(struct wx_proc *p, const char *abspath,
			  bool follow, struct wx_path *out)
{
	return resolve_guest(p, abspath, follow, out, 0);
}

static int open_guest(struct wx_proc *p, const char *abspath, int flags,
		      int depth)
{
	const char *rest;
	struct wx_fdobj *best = guest_preopen(p, abspath, &rest);
	struct wx_path rp;
	int ret, fd;

	if (best == NULL)
		return -WX_WASI_ENOENT;
	if (best->vdir != NULL) {
		char *below;
		bool virtual;
		ret = through_vroot(p, best, rest, &below, &virtual);
		if (ret != 0 || virtual)
			return ret != 0 ? -ret : -WX_WASI_EACCES;
		fd = open_guest(p, below, flags, depth);
		free(below);
		return fd;
	}
	if (best->devfs) {
		/* The virtual /dev has no host directory to resolve in:
		 * itself (chdir) and its device files (a spawn's stdio from
		 * /dev/null) can be opened here. */
		wx_fdobj_release(best);
		if (*rest != '\0' && strcmp(rest, ".") != 0)
			return wx_devfs_host_open(rest, flags);
		if (!(flags & O_DIRECTORY))
			return -WX_WASI_EISDIR;
		fd = open("/dev", O_PATH | O_DIRECTORY | O_CLOEXEC);
		return fd < 0 ? -wx_wasi_errno(errno) : fd;
	}
	ret = p->wasi->abs_links
		      ? wx_path_resolve_abs(best->host_fd, *rest ? rest : ".",
					    true, &rp)
		      : wx_path_resolve(best->host_fd, *rest ? rest : ".", true,
					&rp);
	wx_fdobj_release(best);
	if (ret == WX_PATH_RESTART) { /* an absolute symlink on the way */
		char *again = rp.name;
		fd = depth < WX_SYMLOOP_MAX
			     ? open_guest(p, again, flags, depth + 1)
			     : -WX_WASI_ELOOP;
		free(again);
		return fd;
	}
	if (ret != 0)
		return -ret;
	fd = openat(rp.dirfd, rp.name, flags | O_NOFOLLOW | O_CLOEXEC);
	ret = fd < 0 ? wx_wasi_errno(errno) : 0;
	wx_path_fini(&rp);
	return fd < 0 ? -ret : fd;
}

int wx_proc_open_guest(struct wx_proc *p, const char *abspath, int flags)
{
	return open_guest(p, abspath, flags, 0);
}

/* The host streams the runtime writes to (stdout: --invoke results and
 * the embedder's; stderr: diagnostics) are flushed before a host fork,
 * lest the child write their contents a second time, and when a forked
 * child exits.  Only a stream with something pending is touched: even on
 * empty streams fflush(NULL) takes every stream's lock and the list lock
 * (and the thread's cleanup record), and around a fork those are writes
 * to pages the fork has just made copy-on-write - two page faults in the
 * parent and two in the child, per fork.  Other streams an embedder opens
 * are its own to flush before it runs a guest that forks, as before any
 * fork(2). */
static void flush_host_stdio(void)
{
	if (__fpending(stdout) != 0)
		fflush(stdout);
	if (__fpending(stderr) != 0)
		fflush(stderr);
}

void wx_proc_fast_exit(struct wx_proc *p, int code)
{
	if (p->host_pid_at_start == getpid())
		return;
	flush_host_stdio();
	wx_trace_exit((code & 255) << 8);
	_exit(code & 255);
}

/* ---- children ---- */

struct wx_child *wx_proc_add_child(struct wx_proc *p, uint32_t pid,
				   pid_t host_pid)
{
	struct wx_child *c;
	if (p->children_cap == 0) {
		p->children = p->children_few;
		p->children_cap = WX_ARRAY_LEN(p->children_few);
	}
	if (p->nchildren == p->children_cap) {
		size_t cap = p->children_cap * 2;
		struct wx_child *n;
		if (p->children == p->children_few) {
			n = malloc(cap * sizeof(*n));
			if (n != NULL)
				memcpy(n, p->children_few,
				       sizeof(p->children_few));
		} else {
			n = realloc(p->children, cap * sizeof(*n));
		}
		if (n == NULL)
			return NULL;
		p->children = n;
		p->children_cap = cap;
	}
	c = &p->children[p->nchildren++];
	memset(c, 0, sizeof(*c));
	c->pid = pid;
	c->host_pid = host_pid;
	return c;
}

void wx_proc_remove_child(struct wx_proc *p, size_t idx)
{
	p->children[idx] = p->children[--p->nchildren];
}

static void drop_vforks(struct wx_proc *p);

/* The host fork, with the signals the parent had posted but not yet
 * delivered left behind (POSIX: pending signals are not inherited).  The
 * host's signals are blocked across it: a signal sent to the new child
 * before it has cleared its copy of the parent's pending set - the
 * parent's kill() right after fork() - stays pending in the kernel until
 * the child unblocks, instead of being posted and then wiped. */
static pid_t host_fork(struct wx_proc *p)
{
	sigset_t all, old;
	pid_t hp;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	hp = fork();
	if (hp == 0) {
		p->pending = 0;
		wx_threads_after_fork(p);
		wx_signal_after_fork();
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return hp;
}

pid_t wx_proc_fork_host(struct wx_proc *p, uint32_t pid)
{
	pid_t hp;
	flush_host_stdio();
	hp = host_fork(p);
	if (hp == 0) {
		p->ppid = p->pid;
		p->pid = pid;
		/* The child has no children of its own yet, and is no longer
		 * inside its parent's vforks. */
		p->nchildren = 0;
		drop_vforks(p);
		wx_pidtab_set_host(pid, getpid());
		if (wx_trace_fd >= 0)
			wx_trace_event("+++ forked from pid %u", p->ppid);
		wx_report_start(pid, p->ppid);
	} else if (hp > 0) {
		wx_pidtab_set_host(pid, hp);
	}
	return hp;
}

/* ---- vfork ---- */

static void vfork_free(struct wx_vfork *v)
{
	if (v == NULL)
		return;
	wx_snapshot_free(&v->snap);
	free(v->globals);
	free(v->parent_cwd);
	free(v);
}

void wx_vfork_finish(struct wx_proc *p, pid_t child_host, int status)
{
	struct wx_vfork *v = p->vfork;
	struct wx_child *c;
	if (child_host == 0)
		wx_trace_exit_vfork(status);
	/* The child's fds go away with its identity; the parent's table
	 * comes back exactly as it was at vfork time. */
	wx_fdtable_fini(&p->wasi->fds);
	p->wasi->fds = v->parent_fds;
	pthread_mutex_init(&p->wasi->fds.lock, NULL);
	free(p->cwd);
	p->cwd = v->parent_cwd;
	v->parent_cwd = NULL;
	p->pid = v->parent_pid;
	p->ppid = v->parent_ppid;
	__atomic_store_n(&p->sigblocked, v->parent_sigblocked, __ATOMIC_SEQ_CST);
	p->vfork = v->outer;
	c = wx_proc_add_child(p, v->child_pid, child_host);
	if (c != NULL && child_host == 0) {
		c->exited = true;
		c->status = status;
	}
	vfork_free(p->vfork_done);
	p->vfork_done = v;
}

int wx_vfork_resume(struct wx_thread *t, struct wx_proc *p,
		    struct wx_vfork *v)
{
	const struct wx_module *m = p->inst->module;
	uint32_t i, k = 0;
	if (v->env_protocol)
		return 0;
	/* Globals are the guest's registers (its stack pointer above all):
	 * they come back with the parent's stacks. */
	for (i = 0; i < m->nglobals; i++)
		if (p->inst->globals[i]->type.mut)
			p->inst->globals[i]->val[0] = v->globals[k++];
	wx_proc_put32(p, v->ret_pid_ptr, v->child_pid);
	return wx_thread_resume(t, &v->snap, WX_WASI_ESUCCESS);
}

/* In the host process that a vfork child's exec creates, only the host
 * fds that the child's guest table refers to may stay open: the parent's
 * table (saved at vfork) shares the host process's fds, and an fd the
 * child closed in its table but the parent still holds - the write end
 * of a pipe, typically - must not live on in the new program, or the
 * reader at the other end would never see EOF. */
void wx_proc_close_unreferenced(struct wx_fdtable *tab)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	int *fds = NULL, dfd;
	size_t n = 0, cap = 0, i;
	uint32_t k;
	if (d == NULL)
		return;
	dfd = dirfd(d);
	while ((de = readdir(d)) != NULL) {
		int fd = atoi(de->d_name);
		if (de->d_name[0] < '0' || de->d_name[0] > '9' || fd == dfd)
			continue;
		if (n == cap) {
			int *nf = realloc(fds, (cap = cap ? cap * 2 : 64) *
						       sizeof(*fds));
			if (nf == NULL)
				break;
			fds = nf;
		}
		fds[n++] = fd;
	}
	closedir(d);
	for (i = 0; i < n; i++) {
		/* The run's own descriptors (--trace, --report) stay. */
		bool used = fds[i] == wx_trace_fd || fds[i] == wx_report_fd;
		for (k = 0; k < tab->n && !used; k++)
			used = tab->e[k].obj != NULL &&
			       tab->e[k].obj->host_fd == fds[i];
		for (k = 0; k < tab->npre && !used; k++)
			used = tab->pre[k].obj != NULL &&
			       tab->pre[k].obj->host_fd == fds[i];
		if (!used)
			close(fds[i]);
	}
	free(fds);
}

/* Drop a saved table without closing host fds: in a freshly forked host
 * process the numbers are ours to decide about (wx_proc_close_unreferenced),
 * and an object only this table held must not close a number that the
 * kernel may since have reused. */
static void forget_obj(struct wx_fdobj *o)
{
	if (o != NULL &&
	    __atomic_sub_fetch(&o->refcount, 1, __ATOMIC_ACQ_REL) == 0) {
		o->host_fd = -1;
		o->refcount = 1;
		wx_fdobj_release(o);
	}
}

static void forget_table(struct wx_fdtable *tab)
{
	uint32_t i;
	for (i = 0; i < tab->n; i++)
		forget_obj(tab->e[i].obj);
	for (i = 0; i < tab->npre; i++)
		forget_obj(tab->pre[i].obj);
	free(tab->e);
	free(tab->pre);
	tab->e = NULL;
	tab->n = 0;
	tab->pre = NULL;
	tab->npre = 0;
}

/* In the host process of a vfork child's exec, or a host fork's child:
 * the parents' saved states (and the last finished vfork's record)
 * belong to the host process that keeps running them. */
static void drop_vforks(struct wx_proc *p)
{
	while (p->vfork != NULL) {
		struct wx_vfork *v = p->vfork;
		p->vfork = v->outer;
		forget_table(&v->parent_fds);
		vfork_free(v);
	}
	vfork_free(p->vfork_done);
	p->vfork_done = NULL;
}

/* ---- exec ---- */

/* fds marked CLOEXEC close on a successful exec; preopens and stdio
 * stay, as in Wasmer (WasiFs::close_cloexec_fds). */
static void close_cloexec(struct wx_fdtable *tab)
{
	uint32_t i;
	for (i = 3; i < tab->n; i++) {
		struct wx_fdentry *e = &tab->e[i];
		if (e->obj != NULL && (e->flagsext & 1) &&
		    e->obj->preopen == NULL)
			wx_fdtable_close(tab, i);
	}
}

int wx_exec_args_fit(struct wx_proc *p, char *const *argv,
		     char *const *envp)
{
	uint64_t bytes = 0;
	size_t i;
	for (i = 0; argv != NULL && argv[i] != NULL; i++)
		bytes += strlen(argv[i]) + 1;
	if (envp == NULL)
		bytes += p->wasi->env_bytes;
	for (i = 0; envp != NULL && envp[i] != NULL; i++)
		bytes += strlen(envp[i]) + 1;
	return bytes > p->limits.arg_bytes ? WX_WASI_E2BIG : 0;
}

int wx_exec_common(struct wx_thread *t, struct wx_proc *p, char *name,
		   char **argv, char **envp, bool search, const char *path)
{
	struct wx_exec_req req;
	/* ARG_MAX (limits.h) before the program is looked for: no work
	 * for an exec that cannot be made. */
	int ret = wx_exec_args_fit(p, argv, envp);
	if (ret == 0)
		ret = wx_exec_load(p, name, search, path, &req);
	free(name);
	if (ret != 0) {
		wx_wasix_strv_free(argv);
		wx_wasix_strv_free(envp);
		return ret;
	}
	req.argv = argv;
	/* DEVIATION: a given environment replaces the old one (POSIX
	 * execve); Wasmer merges it into the existing environment. */
	req.envp = envp != NULL ? envp : wx_wasix_strv_copy(p->wasi->envp);
	if (req.envp == NULL || req.argv == NULL) {
		wx_exec_req_fini(&req);
		return WX_WASI_ENOMEM;
	}
	if (p->vfork != NULL) {
		/* vfork child: the new program runs in a new host process
		 * with the child's identity and fds; the parent resumes. */
		struct wx_vfork *v = p->vfork;
		pid_t hp;
		fflush(NULL);
		hp = host_fork(p);
		if (hp < 0) {
			wx_exec_req_fini(&req);
			return WX_WASI_EAGAIN;
		}
		if (hp == 0) {
			drop_vforks(p);
			wx_proc_close_unreferenced(&p->wasi->fds);
			wx_pidtab_set_host(p->pid, getpid());
			wx_report_start(p->pid, p->ppid);
			p->nchildren = 0;
			p->ignored = wx_sigtab_ignored(p, p->inst);
			p->exec = req;
			return WX_EEXEC;
		}
		wx_pidtab_set_host(v->child_pid, hp);
		wx_exec_req_fini(&req);
		wx_vfork_finish(p, hp, 0);
		return wx_vfork_resume(t, p, v);
	}
	/* POSIX exec keeps what the program ignores ignored. */
	p->ignored = wx_sigtab_ignored(p, p->inst);
	p->exec = req;
	return WX_EEXEC;
}

/* ---- the runner ---- */

int wx_proc_link(struct wx_proc *p, struct wx_linker *l,
		 const struct wx_module *m, struct wx_memory *shared,
		 struct wx_memory **created, struct wx_report *r)
{
	uint32_t i;
	int ret;
	*created = NULL;
	/* Tables and memories of the instance obey the run's bounds. */
	l->limits = &p->limits;
	ret = wx_wasi_define(l, p->wasi);
	if (ret == 0)
		ret = wx_wasix_define(l, p, m);
	for (i = 0; ret == 0 && i < m->nimports; i++) {
		const struct wx_import *im = &m->imports[i];
		struct wx_extern ext;
		if (im->kind != WX_EXTERN_MEMORY ||
		    strcmp(im->module_name, "env") != 0)
			continue;
		/* WASIX binaries import their memory: the host creates it
		 * with the import's own limits (wasix-abi.md 1); threads
		 * share the process's. */
		if (shared == NULL) {
			ret = wx_memory_create_capped(&im->u.mem,
						      p->limits.memory_pages,
						      created);
			if (ret != 0) {
				char what[300];
				snprintf(what, sizeof(what),
					 "memory \"env\" \"%s\"", im->name);
				wx_report_memory_error(r, ret, what,
						       &im->u.mem,
						       &p->limits);
				return ret;
			}
		}
		ext.kind = WX_EXTERN_MEMORY;
		ext.u.memory = shared != NULL ? shared : *created;
		ret = wx_linker_define(l, "env", im->name, &ext);
		break;
	}
	/* Tracing binds the system calls to its trampolines here, at
	 * link time: off, no call pays anything for it. */
	if (ret == 0 && wx_trace_fd >= 0)
		ret = wx_trace_wrap(l);
	return ret;
}

/* prefix + argv[1..]; NULL on ENOMEM. */
static char **script_argv(char **prefix, char **argv)
{
	size_t np = 0, na = 0, i, k = 0;
	char **v;
	while (prefix[np] != NULL)
		np++;
	while (argv[na] != NULL)
		na++;
	v = calloc(np + na + 1, sizeof(*v));
	if (v == NULL)
		return NULL;
	for (i = 0; i < np; i++)
		if ((v[k++] = strdup(prefix[i])) == NULL)
			goto fail;
	for (i = 1; i < na; i++)
		if ((v[k++] = strdup(argv[i])) == NULL)
			goto fail;
	return v;
fail:
	wx_wasix_strv_free(v);
	return NULL;
}

static void trace_exec(const char *name, char **argv)
{
	struct wx_trace_buf b = {.n = 0};
	size_t i;
	wx_trace_putf(&b, "[");
	for (i = 0; argv[i] != NULL && i < 16; i++) {
		wx_trace_putf(&b, i ? ", " : "");
		wx_trace_putstr(&b, (const uint8_t *)argv[i],
				strlen(argv[i]), 64);
	}
	wx_trace_putf(&b, argv[i] != NULL ? ", ...]" : "]");
	wx_trace_event("+++ exec %s %s", name, b.s);
}

/* Make the loaded exec request the process's image: same pid, same fds
 * less the CLOEXEC ones, new args and environment.  The old image's
 * instance is gone already. */
static void take_exec(struct wx_proc *p, struct wx_module **m,
		      char **cur_name)
{
	struct wx_wasi *w = p->wasi;
	size_t k, bytes;
	*m = p->exec.module;
	p->exec.module = NULL;
	*cur_name = p->exec.name;
	p->exec.name = NULL;
	wx_wasix_strv_free(w->argv);
	wx_wasix_strv_free(w->envp);
	w->argv = p->exec.argv;
	w->envp = p->exec.envp;
	p->exec.argv = p->exec.envp = NULL;
	if (p->exec.script != NULL) {
		/* A script runs as its interpreter with the script's name
		 * in place of argv[0] (which is lost, as on Linux). */
		char **v = script_argv(p->exec.script, w->argv);
		if (v != NULL) {
			wx_wasix_strv_free(w->argv);
			w->argv = v;
		}
		wx_wasix_strv_free(p->exec.script);
		p->exec.script = NULL;
	}
	for (k = bytes = 0; w->argv[k] != NULL; k++)
		bytes += strlen(w->argv[k]) + 1;
	w->argc = k;
	w->argv_bytes = bytes;
	for (k = bytes = 0; w->envp[k] != NULL; k++)
		bytes += strlen(w->envp[k]) + 1;
	w->envc = k;
	w->env_bytes = bytes;
	close_cloexec(&w->fds);
	if (wx_trace_fd >= 0)
		trace_exec(*cur_name, w->argv);
	wx_report_program(p->pid, *cur_name, (const char *const *)w->argv,
			  w->argc);
	/* POSIX exec: caught signals go back to their default
	 * action (the new image has other exports); ignored
	 * ones stay ignored. */
	__atomic_store_n(&p->signal_handler, NULL, __ATOMIC_RELEASE);
	wx_legacy_cb_reset(p);
	p->libc_dfl_done = false;
	__atomic_store_n(&p->sigtab_base, 0, __ATOMIC_RELEASE);
}

/* Run images in this host process until one ends; returns the host
 * exit status. */
static int run_images(struct wx_proc *p, struct wx_module *m,
		      const char *name)
{
	struct wx_thread t;
	char *cur_name = strdup(name);
	int status = 1;

	if (cur_name == NULL || wx_thread_init(&t, 0, 0) != 0) {
		fprintf(stderr, "wasixrt: out of memory\n");
		free(cur_name);
		wx_module_destroy(m);
		return 1;
	}
	t.on_interrupt = wx_signal_deliver;
	t.on_interrupt_ctx = p;
	t.id = 1;
	t.host_thread = pthread_self();
	t.has_host_thread = true;
	__atomic_store_n(&p->thread, &t, __ATOMIC_RELEASE);
	for (;;) {
		struct wx_linker l;
		struct wx_report rep = {0};
		struct wx_memory *envmem = NULL;
		struct wx_extern ext;
		uint64_t args[1];
		bool in_start = false;
		int r;

		wx_linker_init(&l);
		r = wx_proc_link(p, &l, m, NULL, &envmem, &rep);
		p->inst = NULL;
		if (r == 0)
			r = wx_instance_create(m, &l, &t, &p->inst, &rep);
		if (r == 0)
			wx_libc_sigmask_install(p, p->inst);
		in_start = r == WX_ETRAP;
		if (envmem != NULL)
			wx_memory_release(envmem);
		/* WASI bound itself to the new instance's memory before
		 * its start function ran (wx_wasi_define). */
		if (r == 0) {
			if (!wx_instance_export(p->inst, "_start", &ext)) {
				wx_report(&rep, "no export named \"_start\"");
				r = WX_ELINK;
			} else if (ext.kind != WX_EXTERN_FUNC) {
				wx_report(&rep, "export \"_start\" is not a "
						"function");
				r = WX_ELINK;
			} else if (ext.u.func->type->nparams != 0) {
				wx_report(&rep, "_start takes %u parameters; "
						"use --invoke",
					  ext.u.func->type->nparams);
				r = WX_ELINK;
			} else {
				t.frame_top = t.frames;
				r = wx_exn_uncaught(
					&t, wx_call(&t, ext.u.func, args));
			}
		}
		if (r == WX_EEXEC) {
			/* The old image's setjmp points die with it. */
			wx_cptab_free(&p->cps);
			if (p->inst != NULL)
				wx_instance_destroy(p->inst);
			p->inst = NULL;
			wx_wasi_set_memory(p->wasi, NULL);
			wx_linker_fini(&l);
			wx_module_destroy(m);
			free(cur_name);
			take_exec(p, &m, &cur_name);
			continue;
		}
		if (r == 0) {
			status = 0;
		} else if (r == WX_EEXIT) {
			status = t.exit_code & 255;
		} else if (r == WX_ETRAP) {
			char buf[512], bt[2048];
			wx_thread_describe_trap(&t, buf, sizeof(buf));
			wx_thread_format_backtrace(&t, bt, sizeof(bt));
			fprintf(stderr, "wasixrt: trap: %s in pid %u, main "
					"thread%s\n%s",
				buf, (unsigned)p->pid,
				in_start ? ", in the module's start function"
					 : "",
				bt);
			if (wx_trace_fd >= 0)
				wx_trace_event("+++ trap: %s", buf);
			status = 134;
		} else {
			fprintf(stderr, "wasixrt: %s: %s\n", cur_name,
				rep.set ? rep.msg : strerror(r > 0 ? r : EINVAL));
			status = 1;
		}
		wx_trace_exit(status << 8);
		if (wx_threads_running(p)) {
			/* Other threads still run in this instance: the
			 * process ends with them, as POSIX exit does. */
			fflush(NULL);
			_exit(status);
		}
		if (p->inst != NULL)
			wx_instance_destroy(p->inst);
		p->inst = NULL;
		wx_wasi_set_memory(p->wasi, NULL);
		wx_linker_fini(&l);
		break;
	}
	wx_threads_fini(p); /* their instances use the module */
	wx_module_destroy(m);
	free(cur_name);
	__atomic_store_n(&p->thread, NULL, __ATOMIC_RELEASE);
	wx_thread_fini(&t);
	return status;
}

int wx_proc_exec_in_thread(struct wx_proc *p)
{
	struct wx_module *m;
	char *name;
	int status;
	/* The old image's instances (the process's and this thread's) and
	 * its module stay allocated: this thread's frames still point into
	 * them.  Only a forked child gets here, and its pages of them are
	 * shared copy-on-write with the parent until written. */
	p->inst = NULL;
	wx_wasi_set_memory(p->wasi, NULL);
	take_exec(p, &m, &name);
	status = run_images(p, m, name != NULL ? name : "");
	free(name);
	return status;
}

int wx_process_load(const char *path, struct wx_module **mp)
{
	struct wx_report rep = {0};
	struct wx_os_file f;
	int fd = open(path, O_RDONLY | O_CLOEXEC), ret;
	if (fd < 0) {
		fprintf(stderr, "wasixrt: cannot read %s: %s\n", path,
			strerror(errno));
		return 1;
	}
	ret = wx_program_read(fd, &f);
	close(fd);
	if (ret != 0) {
		fprintf(stderr, "wasixrt: cannot read %s: %s\n", path,
			strerror(ret == WX_WASI_EACCES ? EISDIR : EINVAL));
		return 1;
	}
	ret = wx_module_load_file(&f, mp, &rep);
	if (ret != 0) {
		fprintf(stderr, "wasixrt: %s: %s\n", path,
			rep.set ? rep.msg : "cannot load module");
		return 1;
	}
	return 0;
}

/* Every open guest fd holds a host fd (dups share one): let this host
 * process hold as many as the guest may have, and the runtime's own
 * beside them, within the hard limit.  Children inherit it. */
static void fit_host_nofile(uint32_t fds)
{
	struct rlimit rl;
	rlim_t want = (rlim_t)fds + 64;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= want)
		return;
	rl.rlim_cur = rl.rlim_max != RLIM_INFINITY && rl.rlim_max < want
			      ? rl.rlim_max
			      : want;
	setrlimit(RLIMIT_NOFILE, &rl);
}

int wx_process_main(const struct wx_process_config *c)
{
	struct wx_wasi_config wc;
	struct wx_proc proc;
	struct wx_report rep = {0};
	struct wx_module *m;
	int status;

	memset(&proc, 0, sizeof(proc));
	/* First, so that a program that cannot even be loaded is in the
	 * report (with the status the supervisor sees). */
	wx_report_start(1, 0);
	wx_report_program(1, c->path, c->wasi.argv, c->wasi.argc);
	m = c->module;
	if (m == NULL && wx_process_load(c->path, &m) != 0)
		return 1;
	if (wx_netpolicy_set(&c->net) != 0) {
		fprintf(stderr, "wasixrt: bad network policy\n");
		wx_module_destroy(m);
		return 1;
	}
	proc.limits = c->limits;
	wx_guest_limits_fill(&proc.limits);
	wc = c->wasi;
	wc.limits = &proc.limits;
	wc.virtual_root = wx_is_wasix_module(m);
	fit_host_nofile(proc.limits.fds);
	if (wx_pidtab_init(proc.limits.procs) != 0 ||
	    wx_wasi_create(&wc, &proc.wasi, &rep) != 0) {
		fprintf(stderr, "wasixrt: %s: %s\n", c->path,
			rep.set ? rep.msg : "cannot create the process");
		wx_module_destroy(m);
		return 1;
	}
	/* A write to a pipe whose reader is gone must fail with EPIPE for
	 * the guest, not kill the runtime. */
	signal(SIGPIPE, SIG_IGN);
	wx_wasi_set_epipe_hook(proc.wasi, wx_signal_epipe, &proc);
	proc.pid = 1;
	proc.host_pid_at_start = getpid();
	proc.cwd = strdup(c->cwd != NULL ? c->cwd : "/");
	wx_threads_init(&proc, proc.limits.threads);
	__atomic_store_n(&wx_proc_self, &proc, __ATOMIC_RELEASE);
	wx_signal_start();
	status = run_images(&proc, m, c->path);
	__atomic_store_n(&wx_proc_self, NULL, __ATOMIC_RELEASE);
	wx_exec_req_fini(&proc.exec);
	while (proc.vfork != NULL) {
		struct wx_vfork *v = proc.vfork;
		proc.vfork = v->outer;
		wx_fdtable_fini(&v->parent_fds);
		vfork_free(v);
	}
	vfork_free(proc.vfork_done);
	/* Children left unreaped are the kernel's to reap. */
	wx_cptab_free(&proc.cps);
	if (proc.children != proc.children_few)
		free(proc.children);
	free(proc.cwd);
	wx_wasi_destroy(proc.wasi);
	return status;
}
