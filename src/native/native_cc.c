/*
 * native_cc.c - compile a module's generated C with the system compiler
 * into a shared object, and the cache of those objects.
 *
 * $CC (default "cc", run through /bin/sh so "ccache gcc" works) compiles
 * the chunks of native_emit.c in parallel, as many at a time as there are
 * online CPUs, then links them with -shared.  The object carries a header
 * (struct wxn_image): magic, ABI version, module hash, runtime version,
 * machine, compiler identity and flags; and the module's own bytes, so
 * that `wasixrt run OUT.so` needs nothing else.
 *
 * Cache: $XDG_CACHE_HOME/wasixrt, else ~/.cache/wasixrt; an entry's name
 * is the module hash and a hash of (runtime version, ABI, compiler
 * identity, flags).  The compiler's identity is its $CC string and the
 * size and mtime of the program it names, so that looking an entry up
 * costs a stat, not a run of the compiler.  Entries are written to a
 * temporary name in the same directory and renamed: a concurrent run
 * sees the whole object or none.
 */
#include "native.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <setjmp.h>
#include <fcntl.h>
#include <inttypes.h>
#include <link.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../runtime/runtime.h"
#include "native_abi.h"
#include "native_fault.h"
#include "native_rt.h"
#include "wasixrt.h"

WXN_ABI_DECLS(WXN_ABI_BODY)

extern char **environ;

#define WX_NATIVE_CFLAGS                                                     \
	"-fPIC -ffp-contract=off -fno-math-errno -fno-strict-aliasing "      \
	"-fno-optimize-sibling-calls "      \
	"-fvisibility=hidden -w"

static struct wx_native_opts opts = {.tier = WX_TIER_INTERP};

static int refuses(const struct wx_module *m, char *why, size_t len);

/* ---- hashing ---- */

static uint64_t mix(uint64_t h)
{
	h ^= h >> 31;
	h *= 0x7fb5d329728ea185ull;
	h ^= h >> 27;
	h *= 0x81dadef4bc2dd44dull;
	h ^= h >> 33;
	return h;
}

void wx_native_hash(const uint8_t *p, size_t n, uint64_t out[2])
{
	uint64_t a = 0x243f6a8885a308d3ull ^ n, b = 0x13198a2e03707344ull;
	size_t i;
	for (i = 0; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		a = (a ^ w) * 0x9e3779b97f4a7c15ull;
		a ^= a >> 29;
		b = (b + w) * 0xc2b2ae3d27d4eb4full;
		b ^= b >> 31;
	}
	for (; i < n; i++) {
		a = (a ^ p[i]) * 0x9e3779b97f4a7c15ull;
		b = (b + p[i]) * 0xc2b2ae3d27d4eb4full;
	}
	out[0] = mix(a ^ mix(b));
	out[1] = mix(b + mix(a));
}

static const char *cc_cmd(void)
{
	const char *cc = getenv("CC");
	return cc != NULL && cc[0] != '\0' ? cc : "cc";
}

static const char *opt_flag(void)
{
	return opts.opt != NULL ? opts.opt : "-O2";
}

/* "$CC:size:mtime" of the program $CC names (its first word on PATH). */
static void cc_identity(char *buf, size_t len)
{
	const char *cc = cc_cmd();
	char prog[256], path[512];
	struct stat st;
	size_t k = 0;
	const char *p = cc;
	while (*p == ' ')
		p++;
	while (*p && *p != ' ' && k + 1 < sizeof(prog))
		prog[k++] = *p++;
	prog[k] = '\0';
	memset(&st, 0, sizeof(st));
	if (strchr(prog, '/') != NULL) {
		if (stat(prog, &st) != 0)
			memset(&st, 0, sizeof(st));
	} else {
		const char *pathenv = getenv("PATH");
		const char *s = pathenv != NULL ? pathenv : "/usr/bin:/bin";
		while (*s) {
			const char *e = strchr(s, ':');
			size_t l = e != NULL ? (size_t)(e - s) : strlen(s);
			snprintf(path, sizeof(path), "%.*s/%s", (int)l, s, prog);
			if (stat(path, &st) == 0)
				break;
			memset(&st, 0, sizeof(st));
			s += l;
			if (*s == ':')
				s++;
		}
	}
	snprintf(buf, len, "%s:%lld:%lld", cc, (long long)st.st_size,
		 (long long)st.st_mtime);
}

char *wx_native_cache_dir(void)
{
	const char *x = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	char *d;
	if (x != NULL && x[0] == '/') {
		if (asprintf(&d, "%s/wasixrt", x) < 0)
			return NULL;
	} else if (home != NULL && home[0] != '\0') {
		if (asprintf(&d, "%s/.cache/wasixrt", home) < 0)
			return NULL;
	} else {
		return NULL;
	}
	return d;
}

static int mkdirs(const char *dir)
{
	char buf[1024];
	size_t i, n = strlen(dir);
	if (n >= sizeof(buf))
		return ENAMETOOLONG;
	memcpy(buf, dir, n + 1);
	for (i = 1; i <= n; i++)
		if (buf[i] == '/' || buf[i] == '\0') {
			char c = buf[i];
			buf[i] = '\0';
			if (mkdir(buf, 0755) != 0 && errno != EEXIST)
				return errno;
			buf[i] = c;
		}
	return 0;
}

/* The cache entry's path for m (malloc'd), NULL without a cache dir. */
static char *cache_path(const struct wx_module *m)
{
	char id[512], cfg[1024];
	uint64_t mh[2], ch[2];
	char *dir = wx_native_cache_dir(), *p;
	if (dir == NULL)
		return NULL;
	cc_identity(id, sizeof(id));
	snprintf(cfg, sizeof(cfg), "%s|%d|%s|%s|%s|%s %s", WASIXRT_VERSION,
		 WXN_ABI_VERSION, wx_native_translator_id, wx_native_simd_id,
		 id, opt_flag(), WX_NATIVE_CFLAGS);
	wx_native_hash(m->bytes, m->size, mh);
	wx_native_hash((const uint8_t *)cfg, strlen(cfg), ch);
	if (asprintf(&p, "%s/%016" PRIx64 "%016" PRIx64 "-%016" PRIx64 ".so",
		     dir, mh[0], mh[1], ch[0]) < 0)
		p = NULL;
	free(dir);
	return p;
}

/* ---- running the compiler ---- */

static pid_t spawn_sh(const char *cmd)
{
	pid_t pid;
	char *argv[] = {"sh", "-c", (char *)cmd, NULL};
	if (posix_spawn(&pid, "/bin/sh", NULL, NULL, argv, environ) != 0)
		return -1;
	return pid;
}

static int wait_pid(pid_t pid)
{
	int st;
	while (waitpid(pid, &st, 0) < 0) {
		/* SIGCHLD ignored (a guest's disposition, inherited across
		 * exec): the child was reaped for us, its status is lost;
		 * what it should have written is checked next. */
		if (errno == ECHILD)
			return 0;
		if (errno != EINTR)
			return -1;
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Waits until one of the n children in pids (0: reaped) ends, reaps it
 * and records a failure; false when none is left.  Never waitpid(-1): in
 * a guest process the other children are the guest's, so it polls its
 * own (a compile takes a tenth of a second or more). */
static bool wait_any(pid_t *pids, unsigned n, int *failed)
{
	const struct timespec nap = {0, 2000000};
	unsigned i;
	for (;;) {
		bool any = false;
		for (i = 0; i < n; i++) {
			int st;
			pid_t p;
			if (pids[i] <= 0)
				continue;
			any = true;
			p = waitpid(pids[i], &st, WNOHANG);
			if (p == 0)
				continue;
			if (p < 0 && errno == EINTR)
				continue;
			/* ECHILD: reaped for us (SIGCHLD ignored): what it
			 * should have written is checked afterwards. */
			if (p > 0 && !(WIFEXITED(st) && WEXITSTATUS(st) == 0))
				*failed = 1;
			else if (p < 0 && errno != ECHILD)
				*failed = 1;
			pids[i] = 0;
			return true;
		}
		if (!any)
			return false;
		nanosleep(&nap, NULL);
	}
}

struct chunk_size {
	unsigned index;
	size_t size;
};

static int larger_first(const void *a, const void *b)
{
	const struct chunk_size *x = a, *y = b;
	return x->size < y->size ? 1 : x->size > y->size ? -1 : 0;
}

static unsigned online_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

static int write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (f == NULL)
		return errno;
	if (n > 0 && fwrite(p, 1, n, f) != n) {
		fclose(f);
		return EIO;
	}
	return fclose(f) == 0 ? 0 : errno;
}

/* First line of `$CC --version`. */
static void cc_version(const char *dir, char *buf, size_t len)
{
	char cmd[2400], path[1200];
	FILE *f;
	snprintf(path, sizeof(path), "%.1100s/ccversion", dir);
	snprintf(cmd, sizeof(cmd), "%.1000s --version >'%s' 2>/dev/null", cc_cmd(),
		 path);
	buf[0] = '\0';
	pid_t pid = spawn_sh(cmd);
	if (pid < 0 || wait_pid(pid) != 0)
		goto fallback;
	f = fopen(path, "r");
	if (f == NULL)
		goto fallback;
	if (fgets(buf, (int)len, f) == NULL)
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
fallback:
	if (buf[0] == '\0')
		snprintf(buf, len, "%s", cc_cmd());
}

static void rm_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[1400];
	if (d != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
			unlink(p);
		}
		closedir(d);
	}
	rmdir(dir);
}

static void c_string(struct wx_sbuf *b, const char *s)
{
	wx_sbuf_printf(b, "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			wx_sbuf_printf(b, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			wx_sbuf_printf(b, " ");
		else
			wx_sbuf_printf(b, "%c", *s);
	}
	wx_sbuf_printf(b, "\"");
}

static double now_s(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + tv.tv_usec / 1e6;
}

int wx_native_compile(const struct wx_module *m, const char *out_path,
		      char **cached_path, struct wx_report *r)
{
	char tmpl[1100], why[256], path[1200], ver[160], cmd[4096];
	const char *tmpbase = getenv("TMPDIR");
	struct wx_native_src *srcs = NULL;
	unsigned ncpu = online_cpus(), nchunks, i, running = 0, next = 0;
	uint64_t total = 0, h[2];
	pid_t *pids = NULL;
	struct chunk_size *order = NULL;
	char *dest = NULL;
	struct utsname un;
	double t0 = now_s();
	int ret = 0, failed = 0;

	for (i = 0; i < m->nfuncs - m->nfuncs_imported; i++)
		total += m->funcdefs[i].code_len;
	/* Chunks of about 256 KiB of wasm: enough to keep every CPU busy
	 * on large modules and each compiler process's memory bounded. */
	nchunks = (unsigned)(total / (256u << 10)) + 1;
	if (nchunks < ncpu && total > (64u << 10))
		nchunks = ncpu;
	if (nchunks > 512)
		nchunks = 512;

	if (out_path == NULL) {
		char *dir = wx_native_cache_dir();
		dest = cache_path(m);
		if (dir == NULL || dest == NULL || mkdirs(dir) != 0) {
			wx_report(r, "native: no cache directory (set "
				     "XDG_CACHE_HOME or HOME, or give -o)");
			free(dir);
			free(dest);
			return EINVAL;
		}
		free(dir);
	} else {
		dest = strdup(out_path);
		if (dest == NULL)
			return ENOMEM;
	}
	snprintf(tmpl, sizeof(tmpl), "%s/wasixrt-native.XXXXXX",
		 tmpbase != NULL && tmpbase[0] ? tmpbase : "/tmp");
	if (mkdtemp(tmpl) == NULL) {
		wx_report(r, "native: cannot create a build directory in %s: %s",
			  tmpbase ? tmpbase : "/tmp", strerror(errno));
		free(dest);
		return errno ? errno : EIO;
	}
	snprintf(path, sizeof(path), "%s/module.wasm", tmpl);
	if ((ret = write_file(path, m->bytes, m->size)) != 0) {
		wx_report(r, "native: cannot write %s: %s", path, strerror(ret));
		goto out;
	}
	srcs = calloc(nchunks, sizeof(*srcs));
	pids = calloc(nchunks, sizeof(*pids));
	if (srcs == NULL || pids == NULL) {
		ret = ENOMEM;
		wx_report(r, "native: out of memory");
		goto out;
	}
	ret = refuses(m, why, sizeof(why));
	if (ret == 0)
		ret = wx_native_translate(m, nchunks, path, srcs, why,
					  sizeof(why));
	if (ret != 0) {
		wx_report(r, "native tier cannot run this module: %s", why);
		goto out;
	}
	/* The header, in chunk 0 beside the tables. */
	cc_version(tmpl, ver, sizeof(ver));
	if (uname(&un) != 0)
		snprintf(un.machine, sizeof(un.machine), "unknown");
	wx_native_hash(m->bytes, m->size, h);
	{
		struct wx_sbuf *o = &srcs[0].text;
		char flags[256];
		snprintf(flags, sizeof(flags), "%s %s", opt_flag(),
			 WX_NATIVE_CFLAGS);
		wx_sbuf_printf(o, "__attribute__((visibility(\"default\"))) "
				  "const struct wxn_image wxn_image = {\n"
				  "\"" WXN_MAGIC "\", %d, %" PRIu32
				  ", {0x%016" PRIx64 "ull, 0x%016" PRIx64 "ull},\n",
			       WXN_ABI_VERSION, m->nfuncs, h[0], h[1]);
		c_string(o, WASIXRT_VERSION);
		wx_sbuf_printf(o, ", ");
		c_string(o, un.machine);
		wx_sbuf_printf(o, ", ");
		c_string(o, ver);
		wx_sbuf_printf(o, ", ");
		c_string(o, flags);
		wx_sbuf_printf(o, ",\nwxn_entries, wxn_wasm, %zuu, "
				  "__start_wxn_traps, __stop_wxn_traps,\n"
				  "__start_wxn_calls, __stop_wxn_calls };\n",
			       m->size);
		if (o->oom) {
			ret = ENOMEM;
			wx_report(r, "native: out of memory");
			goto out;
		}
	}
	order = malloc(nchunks * sizeof(*order));
	if (order == NULL) {
		ret = ENOMEM;
		wx_report(r, "native: out of memory");
		goto out;
	}
	for (i = 0; i < nchunks; i++) {
		snprintf(path, sizeof(path), "%s/c%u.c", tmpl, i);
		if ((ret = write_file(path, srcs[i].text.p, srcs[i].text.n)) !=
		    0) {
			wx_report(r, "native: cannot write %s: %s", path,
				  strerror(ret));
			goto out;
		}
		order[i] = (struct chunk_size){i, srcs[i].text.n};
		wx_sbuf_free(&srcs[i].text);
	}
	/* Compile ncpu at a time, the largest first (chunk 0, with the
	 * module's tables, is often the longest), starting the next as
	 * soon as any one ends: waiting for them in order left a CPU idle
	 * behind a long one. */
	qsort(order, nchunks, sizeof(*order), larger_first);
	while (next < nchunks || running > 0) {
		while (next < nchunks && running < ncpu && !failed) {
			unsigned c = order[next].index;
			snprintf(cmd, sizeof(cmd),
				 "cd '%s' && %s %s %s -c c%u.c -o c%u.o", tmpl,
				 cc_cmd(), opt_flag(), WX_NATIVE_CFLAGS, c, c);
			pids[next] = spawn_sh(cmd);
			if (pids[next] < 0) {
				failed = 1;
				break;
			}
			next++;
			running++;
		}
		if (running == 0)
			break;
		if (wait_any(pids, next, &failed))
			running--;
	}
	for (i = 0; i < next; i++)
		if (pids[i] > 0)
			wait_pid(pids[i]);
	if (failed || next < nchunks) {
		wx_report(r, "native: the C compiler (%s) failed on the "
			     "generated code (in %s)",
			  cc_cmd(), tmpl);
		ret = EIO;
		goto keep;
	}
	{
		struct wx_sbuf lc = {0};
		wx_sbuf_printf(&lc, "cd '%s' && %s -shared -o out.so", tmpl,
			       cc_cmd());
		for (i = 0; i < nchunks; i++)
			wx_sbuf_printf(&lc, " c%u.o", i);
		wx_sbuf_printf(&lc, " -lm");
		pid_t p = lc.oom ? -1 : spawn_sh(lc.p);
		wx_sbuf_free(&lc);
		if (p < 0 || wait_pid(p) != 0) {
			wx_report(r, "native: linking the shared object failed "
				     "(in %s)",
				  tmpl);
			ret = EIO;
			goto keep;
		}
	}
	/* Into place atomically: a temporary name beside the destination,
	 * then rename. */
	snprintf(path, sizeof(path), "%s/out.so", tmpl);
	if (access(path, R_OK) != 0) {
		wx_report(r, "native: the compiler wrote no shared object (in %s)",
			  tmpl);
		ret = EIO;
		goto keep;
	}
	{
		char tmpdest[1300], src[1200];
		snprintf(src, sizeof(src), "%s/out.so", tmpl);
		snprintf(tmpdest, sizeof(tmpdest), "%s.tmp.%ld", dest,
			 (long)getpid());
		if (rename(src, dest) != 0) {
			/* Another file system: copy, then rename. */
			FILE *in = fopen(src, "rb"), *out = fopen(tmpdest, "wb");
			char buf[65536];
			size_t n;
			int ok = in != NULL && out != NULL;
			while (ok && (n = fread(buf, 1, sizeof(buf), in)) > 0)
				ok = fwrite(buf, 1, n, out) == n;
			if (in != NULL)
				fclose(in);
			if (out != NULL && fclose(out) != 0)
				ok = 0;
			if (!ok || rename(tmpdest, dest) != 0) {
				unlink(tmpdest);
				wx_report(r, "native: cannot write %s: %s", dest,
					  strerror(errno));
				ret = EIO;
				goto out;
			}
		}
	}
	if (opts.verbose)
		fprintf(stderr,
			"wasixrt: compiled %u functions in %u chunks on %u CPUs "
			"in %.2f s -> %s\n",
			m->nfuncs - m->nfuncs_imported, nchunks, ncpu,
			now_s() - t0, dest);
	if (cached_path != NULL) {
		*cached_path = dest;
		dest = NULL;
	}
out:
	rm_tree(tmpl);
keep:
	if (srcs != NULL)
		for (i = 0; i < nchunks; i++)
			wx_sbuf_free(&srcs[i].text);
	free(srcs);
	free(pids);
	free(order);
	free(dest);
	return ret;
}

/* ---- loading ---- */

static void loaded_free(void *p)
{
	struct wx_native_loaded *ld = p;
	if (ld == NULL)
		return;
	dlclose(ld->dl);
	free(ld);
}

static int open_image(const char *path, void **dlp,
		      const struct wxn_image **imgp, struct wx_report *r)
{
	struct utsname un;
	const struct wxn_image *img;
	void *dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (dl == NULL) {
		wx_report(r, "%s: not a loadable compiled module: %s", path,
			  dlerror());
		return EINVAL;
	}
	img = dlsym(dl, "wxn_image");
	if (img == NULL || memcmp(img->magic, WXN_MAGIC, sizeof(WXN_MAGIC)) != 0) {
		wx_report(r, "%s: not a module compiled by wasixrt", path);
		dlclose(dl);
		return EINVAL;
	}
	if (img->abi != WXN_ABI_VERSION) {
		wx_report(r, "%s: compiled for native ABI %u, this runtime has %d "
			     "(recompile with wasixrt compile)",
			  path, img->abi, WXN_ABI_VERSION);
		dlclose(dl);
		return EINVAL;
	}
	if (uname(&un) == 0 && strcmp(un.machine, img->machine) != 0) {
		wx_report(r, "%s: compiled for %s, this machine is %s", path,
			  img->machine, un.machine);
		dlclose(dl);
		return EINVAL;
	}
	*dlp = dl;
	*imgp = img;
	return 0;
}

int wx_native_attach_file(struct wx_module *m, const char *path,
			  struct wx_report *r)
{
	const struct wxn_image *img;
	struct wx_native_loaded *ld;
	struct link_map *lm;
	uint64_t h[2];
	void *dl;
	int ret;
	if ((ret = open_image(path, &dl, &img, r)) != 0)
		return ret;
	wx_native_hash(m->bytes, m->size, h);
	if (img->hash[0] != h[0] || img->hash[1] != h[1] ||
	    img->nfuncs != m->nfuncs) {
		wx_report(r, "%s: compiled from another module (hash mismatch)",
			  path);
		dlclose(dl);
		return EINVAL;
	}
	ld = calloc(1, sizeof(*ld));
	if (ld == NULL) {
		dlclose(dl);
		return ENOMEM;
	}
	ld->dl = dl;
	ld->image = img;
	if (dlinfo(dl, RTLD_DI_LINKMAP, &lm) != 0 ||
	    wx_native_code_range((uintptr_t)lm->l_addr, &ld->code_lo,
				 &ld->code_hi) != 0 ||
	    wx_native_fault_init() != 0) {
		wx_report(r, "%s: cannot find its code, or cannot install the "
			     "fault handler",
			  path);
		loaded_free(ld);
		return EINVAL;
	}
	if (m->tier_free != NULL)
		m->tier_free(m->tier_data);
	m->tier_data = ld;
	m->tier_free = loaded_free;
	m->tier_call = wx_native_call;
	return 0;
}

bool wx_native_is_image(const char *path)
{
	unsigned char b[4];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	if (fd < 0)
		return false;
	n = read(fd, b, 4);
	close(fd);
	return n == 4 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' &&
	       b[3] == 'F';
}

int wx_native_image_module(const char *path, uint8_t **bytes, size_t *size,
			   struct wx_report *r)
{
	const struct wxn_image *img;
	uint64_t h[2];
	void *dl;
	int ret;
	if ((ret = open_image(path, &dl, &img, r)) != 0)
		return ret;
	wx_native_hash(img->wasm, img->wasm_size, h);
	if (h[0] != img->hash[0] || h[1] != img->hash[1]) {
		wx_report(r, "%s: its embedded module does not match its header",
			  path);
		dlclose(dl);
		return EINVAL;
	}
	*bytes = malloc(img->wasm_size ? img->wasm_size : 1);
	if (*bytes == NULL) {
		dlclose(dl);
		return ENOMEM;
	}
	memcpy(*bytes, img->wasm, img->wasm_size);
	*size = img->wasm_size;
	dlclose(dl);
	return 0;
}

long wx_native_cache_clear(struct wx_report *r)
{
	char *dir = wx_native_cache_dir();
	DIR *d;
	struct dirent *e;
	long n = 0;
	if (dir == NULL) {
		wx_report(r, "no cache directory (XDG_CACHE_HOME and HOME unset)");
		return -1;
	}
	d = opendir(dir);
	if (d == NULL) {
		free(dir);
		return errno == ENOENT ? 0 : -1;
	}
	while ((e = readdir(d)) != NULL) {
		char p[1400];
		size_t l = strlen(e->d_name);
		if (l < 4 || (strcmp(e->d_name + l - 3, ".so") != 0 &&
			      strstr(e->d_name, ".so.tmp.") == NULL))
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		if (unlink(p) == 0)
			n++;
	}
	closedir(d);
	free(dir);
	return n;
}

/* ---- the policy: which tier a loaded module runs in ---- */

/* What the native tier refuses: what it cannot translate
 * (wx_native_check).  vfork and setjmp/longjmp run natively (snapshots
 * of the native stack, native_rt.c). */
static int refuses(const struct wx_module *m, char *why, size_t len)
{
	return wx_native_check(m, why, len);
}

static int tier_hook(struct wx_module *m, struct wx_report *r)
{
	char why[256], *path = NULL;
	int ret;
	if (opts.tier == WX_TIER_INTERP)
		return 0;
	if (refuses(m, why, sizeof(why)) != 0) {
		if (opts.tier == WX_TIER_AUTO)
			return 0;
		wx_report(r, "native tier cannot run this module: %s "
			     "(--tier=auto runs it in the interpreter)",
			  why);
		return WX_EUNSUPPORTED;
	}
	if (!opts.no_cache && (path = cache_path(m)) != NULL &&
	    access(path, R_OK) == 0) {
		struct wx_report ignore = {0};
		if (wx_native_attach_file(m, path, &ignore) == 0) {
			free(path);
			return 0;
		}
	}
	free(path);
	path = NULL;
	if (opts.tier == WX_TIER_AUTO)
		return 0;
	if (opts.no_cache) {
		char tmp[1100];
		const char *tb = getenv("TMPDIR");
		int fd;
		snprintf(tmp, sizeof(tmp), "%s/wasixrt-nc.XXXXXX.so",
			 tb != NULL && tb[0] ? tb : "/tmp");
		fd = mkstemps(tmp, 3);
		if (fd < 0) {
			wx_report(r, "native: cannot create a temporary file");
			return EIO;
		}
		close(fd);
		ret = wx_native_compile(m, tmp, NULL, r);
		if (ret == 0)
			ret = wx_native_attach_file(m, tmp, r);
		unlink(tmp); /* dlopen keeps the mapping */
		return ret;
	}
	ret = wx_native_compile(m, NULL, &path, r);
	if (ret == 0)
		ret = wx_native_attach_file(m, path, r);
	free(path);
	return ret;
}

void wx_native_setup(const struct wx_native_opts *o)
{
	opts = *o;
	wx_module_tier_hook = opts.tier == WX_TIER_INTERP ? NULL : tier_hook;
}

bool wx_native_parse_tier(const char *s, enum wx_tier *out)
{
	if (strcmp(s, "auto") == 0)
		*out = WX_TIER_AUTO;
	else if (strcmp(s, "interp") == 0)
		*out = WX_TIER_INTERP;
	else if (strcmp(s, "native") == 0)
		*out = WX_TIER_NATIVE;
	else
		return false;
	return true;
}
