/*
 * program.c - finding and loading the program an exec or a spawn runs
 * (wasix-abi.md 3.5): the guest path or the PATH search (execvp), the
 * module, "#!" scripts run by their interpreter, and POSIX execvp's
 * /bin/sh for a found file that is no program.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../platform/platform.h"
#include "internal.h"

int wx_program_read(int fd, struct wx_os_file *f)
{
	struct stat st;
	int err;
	if (fstat(fd, &st) != 0)
		return wx_wasi_errno(errno);
	if (S_ISDIR(st.st_mode))
		return WX_WASI_EACCES;
	if (!S_ISREG(st.st_mode))
		return WX_WASI_ENOEXEC;
	err = wx_os_read_all(fd, (size_t)1 << 31, f);
	return err == EFBIG ? WX_WASI_ENOEXEC : err != 0 ? wx_wasi_errno(err) : 0;
}

/* A vector of the n strings given (NULL-terminated); NULL on ENOMEM. */
static char **strv_of(size_t n, char **items)
{
	char **v = calloc(n + 1, sizeof(*v));
	size_t i;
	if (v == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if ((v[i] = strdup(items[i])) == NULL) {
			wx_wasix_strv_free(v);
			return NULL;
		}
	return v;
}

/* Linux runs an interpreter named by a script, which may be a script in
 * turn, this many levels deep; past it exec fails with ELOOP. */
#define SCRIPT_DEPTH 4

static int load_program(struct wx_proc *p, const char *abspath,
			const char *name, int depth, struct wx_module **mp,
			char ***prefix);

/* A "#!" script's first line names its interpreter (a program of the
 * guest's file system, absolute or relative to the cwd) and at most one
 * argument (the rest of the line, as Linux has it).  The new program's
 * argv starts with the interpreter's own (its name, or what a script
 * interpreter becomes), the argument, then the script's name. */
static int load_script(struct wx_proc *p, const struct wx_os_file *f,
		       const char *name, int depth, struct wx_module **mp,
		       char ***prefix)
{
	char line[256], *s, *interp, *arg = NULL, *abs, **inner = NULL;
	size_t n = f->size - 2, k = 0, i;
	int ret;
	if (n > sizeof(line) - 1)
		n = sizeof(line) - 1;
	memcpy(line, f->data + 2, n);
	line[n] = '\0';
	if ((s = strchr(line, '\n')) != NULL)
		*s = '\0';
	for (s = line; *s == ' ' || *s == '\t'; s++)
		;
	interp = s;
	while (*s != '\0' && *s != ' ' && *s != '\t')
		s++;
	if (*s != '\0') {
		*s++ = '\0';
		while (*s == ' ' || *s == '\t')
			s++;
		arg = s;
		s += strlen(s);
		while (s > arg && (s[-1] == ' ' || s[-1] == '\t' ||
				   s[-1] == '\r'))
			*--s = '\0';
		if (*arg == '\0')
			arg = NULL;
	}
	if (*interp == '\0')
		return WX_WASI_ENOEXEC;
	if (depth >= SCRIPT_DEPTH)
		return WX_WASI_ELOOP;
	if ((abs = wx_proc_abspath(p, interp)) == NULL)
		return WX_WASI_ENOMEM;
	ret = load_program(p, abs, interp, depth + 1, mp, &inner);
	free(abs);
	if (ret != 0)
		return ret;
	{
		size_t ninner = 0;
		char *items[SCRIPT_DEPTH * 3 + 4];
		while (inner != NULL && inner[ninner] != NULL)
			ninner++;
		if (inner == NULL)
			items[k++] = interp;
		for (i = 0; i < ninner && k < WX_ARRAY_LEN(items) - 2; i++)
			items[k++] = inner[i];
		if (arg != NULL)
			items[k++] = arg;
		items[k++] = (char *)name;
		*prefix = strv_of(k, items);
	}
	wx_wasix_strv_free(inner);
	if (*prefix == NULL) {
		wx_module_destroy(*mp);
		*mp = NULL;
		return WX_WASI_ENOMEM;
	}
	return 0;
}

/* Load the program at guest path `abspath` (named `name` by the caller):
 * a module, or a "#!" script, whose interpreter's module comes back with
 * the argv prefix that runs the script in *prefix (NULL for a module). */
static int load_program(struct wx_proc *p, const char *abspath,
			const char *name, int depth, struct wx_module **mp,
			char ***prefix)
{
	struct wx_report rep = {0};
	struct wx_os_file f;
	int fd = wx_proc_open_guest(p, abspath, O_RDONLY), ret;
	*prefix = NULL;
	if (fd < 0)
		return -fd;
	/* DEVIATION: no execute bit is required (Linux wants one): a WASIX
	 * guest has no way to set file modes, so a script it writes could
	 * never run; Wasmer does not check either. */
	ret = wx_program_read(fd, &f);
	close(fd);
	if (ret != 0)
		return ret;
	if (f.size >= 2 && f.data[0] == '#' && f.data[1] == '!') {
		ret = load_script(p, &f, name, depth, mp, prefix);
		wx_os_file_release(&f);
		return ret;
	}
	ret = wx_module_load_file(&f, mp, &rep);
	if (ret == ENOMEM)
		return WX_WASI_ENOMEM;
	/* Not a module, or an invalid one: the kernel's answer for a file
	 * it cannot execute. */
	return ret != 0 ? WX_WASI_ENOEXEC : 0;
}

static int load_guest_program(struct wx_proc *p, const char *abspath,
			      const char *name, struct wx_exec_req *req)
{
	return load_program(p, abspath, name, 0, &req->module, &req->script);
}

/* POSIX execvp/execlp/posix_spawnp: a file found by the PATH search that
 * is no program (not wasm, no "#!") is a shell script, run as
 * "/bin/sh FILE ARGS..." when the guest has a /bin/sh (ENOEXEC
 * otherwise).  A file that starts as wasm but does not load stays
 * ENOEXEC: a broken module is no script. */
static int shell_fallback(struct wx_proc *p, const char *abspath,
			  const char *name, struct wx_exec_req *req)
{
	static const char wasm_magic[4] = {0, 'a', 's', 'm'};
	char head[4], **inner = NULL, *items[SCRIPT_DEPTH * 3 + 4];
	size_t k = 0, i;
	int fd = wx_proc_open_guest(p, abspath, O_RDONLY), ret;
	ssize_t n;
	if (fd < 0)
		return WX_WASI_ENOEXEC;
	n = read(fd, head, sizeof(head));
	close(fd);
	if (n == (ssize_t)sizeof(head) && memcmp(head, wasm_magic, 4) == 0)
		return WX_WASI_ENOEXEC;
	ret = load_program(p, "/bin/sh", "/bin/sh", 1, &req->module, &inner);
	if (ret != 0)
		return WX_WASI_ENOEXEC;
	if (inner == NULL)
		items[k++] = "/bin/sh";
	for (i = 0; inner != NULL && inner[i] != NULL &&
		    k < WX_ARRAY_LEN(items) - 1; i++)
		items[k++] = inner[i];
	items[k++] = (char *)name;
	req->script = strv_of(k, items);
	wx_wasix_strv_free(inner);
	if (req->script == NULL) {
		wx_module_destroy(req->module);
		req->module = NULL;
		return WX_WASI_ENOMEM;
	}
	return 0;
}

int wx_exec_load(struct wx_proc *p, const char *name, bool search,
		 const char *path, struct wx_exec_req *req)
{
	int ret = WX_WASI_ENOENT;
	memset(req, 0, sizeof(*req));
	if (name[0] == '\0')
		return WX_WASI_ENOENT;
	if (search && strchr(name, '/') == NULL) {
		/* execvp: each PATH entry in turn; remember a permission
		 * problem but keep looking, as POSIX shells do. */
		const char *s = path && *path ? path
					      : "/usr/local/bin:/bin:/usr/bin";
		bool denied = false;
		while (*s != '\0') {
			const char *e = strchr(s, ':');
			size_t len = e ? (size_t)(e - s) : strlen(s);
			char *cand = malloc(len + strlen(name) + 2);
			char *abs;
			if (cand == NULL)
				return WX_WASI_ENOMEM;
			memcpy(cand, s, len);
			cand[len] = '/';
			strcpy(cand + len + 1, name);
			abs = wx_proc_abspath(p, len ? cand : name);
			if (abs == NULL) {
				free(cand);
				return WX_WASI_ENOMEM;
			}
			ret = load_guest_program(p, abs, len ? cand : name,
						 req);
			if (ret == WX_WASI_ENOEXEC)
				ret = shell_fallback(p, abs, len ? cand : name,
						     req);
			free(cand);
			free(abs);
			if (ret == 0 || (ret != WX_WASI_ENOENT &&
					 ret != WX_WASI_EACCES &&
					 ret != WX_WASI_ENOTDIR))
				break;
			if (ret == WX_WASI_EACCES)
				denied = true;
			s += len;
			if (*s == ':')
				s++;
		}
		if (ret != 0 && denied)
			ret = WX_WASI_EACCES;
	} else {
		char *abs = wx_proc_abspath(p, name);
		if (abs == NULL)
			return WX_WASI_ENOMEM;
		ret = load_guest_program(p, abs, name, req);
		free(abs);
	}
	if (ret == 0 && (req->name = strdup(name)) == NULL) {
		wx_module_destroy(req->module);
		req->module = NULL;
		ret = WX_WASI_ENOMEM;
	}
	return ret;
}

void wx_exec_req_fini(struct wx_exec_req *req)
{
	if (req->module != NULL)
		wx_module_destroy(req->module);
	free(req->name);
	wx_wasix_strv_free(req->script);
	wx_wasix_strv_free(req->argv);
	wx_wasix_strv_free(req->envp);
	memset(req, 0, sizeof(*req));
}

