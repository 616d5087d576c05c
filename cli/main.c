/*
 * main.c - the wasixrt command: load a module, link it, instantiate it and
 * run its _start export (or the export named by --invoke), then map the
 * outcome to an exit status.
 *
 * Exit status:
 *   0          normal return
 *   N & 255    the guest exited with N (WX_EEXIT: WASI proc_exit)
 *   134        a trap, in the start function or in the called export
 *              (like an abort(): 128 + SIGABRT)
 *   124        --timeout ended the run (as timeout(1) does)
 *   1          the module could not be read, loaded, linked or called
 *   2          a bad command line (including --invoke arguments that do
 *              not parse as the parameter types)
 * Every failure prints exactly one "wasixrt: ..." line to stderr, and
 * everything allocated is released before returning, so that LeakSanitizer
 * never changes the status.
 *
 * --invoke output: one line per result; i32/i64 as signed decimal, f32 as
 * "%.9g", f64 as "%.17g" (both round-trip), references as "null" / "ref".
 * tests/diff relies on this exact format.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "inspect.h"
#include "listen.h"
#include "native/native.h"
#include "options.h"
#include "platform/platform.h"
#include "runtime/runtime.h"
#include "wasi/wasi.h"
#include "wasix/run_lifetime.h"
#include "wasix/trace.h"
#include "wasix/trace_report.h"
#include "wasix/wasix.h"

#define EXIT_TRAP 134
#define EXIT_FAIL 1
#define EXIT_USAGE 2
#define EXIT_TIMEOUT 124

/* Largest module we accept: offsets in a module are 32-bit. */
#define MAX_MODULE_SIZE ((size_t)UINT32_MAX)

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "wasixrt: <message>" to stderr. */
static void fail(const char *fmt, ...)
{
	va_list ap;

	fputs("wasixrt: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Read all of `path` ("-" is stdin) into *in.  0 or an errno. */
static int read_file(const char *path, struct wx_os_file *in)
{
	int fd, err;
	if (strcmp(path, "-") == 0) {
		fd = STDIN_FILENO;
	} else {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return errno;
	}
	err = wx_os_read_all(fd, MAX_MODULE_SIZE, in);
	if (fd != STDIN_FILENO)
		close(fd);
	return err;
}

/* Parse an integer argument: optional sign, then decimal digits or 0x and
 * hex digits.  Accepts the signed and the unsigned range of the type
 * (bits = 32 or 64); the result is the two's complement bit pattern. */
static bool parse_int(const char *s, unsigned bits, uint64_t *out)
{
	bool neg = false;
	unsigned base = 10, d;
	uint64_t mag = 0, umax, nmax;
	const char *p = s;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (*p == '\0')
		return false;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			d = (unsigned)(*p - '0');
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = (unsigned)(*p - 'a' + 10);
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			d = (unsigned)(*p - 'A' + 10);
		else
			return false;
		if (mag > (UINT64_MAX - d) / base)
			return false;
		mag = mag * base + d;
	}
	umax = bits == 64 ? UINT64_MAX : UINT32_MAX;
	nmax = (uint64_t)1 << (bits - 1);
	if (neg ? mag > nmax : mag > umax)
		return false;
	if (neg)
		mag = 0 - mag;
	if (bits == 32)
		mag &= UINT32_MAX;
	*out = mag;
	return true;
}

/* Parse a float argument with strtod/strtof: decimal, hex float, nan,
 * inf.  Out-of-range values round to infinity or zero. */
static bool parse_float(const char *s, bool is64, uint64_t *out)
{
	char *end;

	if (*s == '\0' || *s == ' ' || *s == '\t' || *s == '\n')
		return false;
	if (is64) {
		double d = strtod(s, &end);
		if (*end != '\0')
			return false;
		memcpy(out, &d, sizeof(d));
	} else {
		float f = strtof(s, &end);
		uint32_t bits;
		if (*end != '\0')
			return false;
		memcpy(&bits, &f, sizeof(bits));
		*out = bits;
	}
	return true;
}

/* Convert one command-line argument to a slot of type `type`. */
static bool parse_arg(const char *s, wx_valtype_t type, uint64_t *slot)
{
	switch (type) {
	case WX_I32:
		return parse_int(s, 32, slot);
	case WX_I64:
		return parse_int(s, 64, slot);
	case WX_F32:
		return parse_float(s, false, slot);
	case WX_F64:
		return parse_float(s, true, slot);
	case WX_FUNCREF:
	case WX_EXTERNREF:
		*slot = 0;
		return strcmp(s, "null") == 0;
	default:
		return false;
	}
}

/* Print one result slot of type `type` on its own line. */
static void print_result(wx_valtype_t type, uint64_t slot)
{
	switch (type) {
	case WX_I32:
		printf("%" PRId32 "\n", (int32_t)(uint32_t)slot);
		break;
	case WX_I64:
		printf("%" PRId64 "\n", (int64_t)slot);
		break;
	case WX_F32: {
		uint32_t bits = (uint32_t)slot;
		float f;
		memcpy(&f, &bits, sizeof(f));
		printf("%.9g\n", (double)f);
		break;
	}
	case WX_F64: {
		double d;
		memcpy(&d, &slot, sizeof(d));
		printf("%.17g\n", d);
		break;
	}
	case WX_FUNCREF:
	case WX_EXTERNREF:
		puts(slot == 0 ? "null" : "ref");
		break;
	default:
		puts("?");
		break;
	}
}

/* Exit status for a failed wx_call / instantiation with status `rc`. */
static int status_of(const char *file, struct wx_thread *t, int rc,
		     const struct wx_report *r)
{
	char buf[512];

	switch (rc) {
	case WX_ETRAP:
		/* The --timeout watchdog's interrupt: run() reports it. */
		if (t->trap == WX_TRAP_INTERRUPTED &&
		    (t->interrupt & WX_INTR_TIMEOUT))
			return EXIT_TIMEOUT;
		if (t->trap != WX_TRAP_NONE) {
			char bt[2048];
			wx_thread_describe_trap(t, buf, sizeof(buf));
			wx_thread_format_backtrace(t, bt, sizeof(bt));
			fail("trap: %s", buf);
			fputs(bt, stderr);
		} else {
			fail("trap: %s",
			     r != NULL && r->set ? r->msg : "unknown");
		}
		return EXIT_TRAP;
	case WX_EEXIT:
		return t->exit_code & 255;
	case WX_EINTERRUPT:
		fail("%s: interrupted", file);
		return EXIT_FAIL;
	default:
		if (r != NULL && r->set)
			fail("%s: %s", file, r->msg);
		else if (rc > 0)
			fail("%s: %s", file, strerror(rc));
		else
			fail("%s: failed (status %d)", file, rc);
		return EXIT_FAIL;
	}
}

/* Whether `type` can be passed in or printed by --invoke. */
static bool invokable_type(wx_valtype_t type)
{
	return type == WX_I32 || type == WX_I64 || type == WX_F32 ||
	       type == WX_F64 || wx_is_reftype(type);
}

/* Look up the function to run, check the arguments against its type and
 * call it.  Returns the exit status. */
static int call_entry(const struct wx_cli_config *cfg,
		      struct wx_instance *inst, struct wx_thread *t)
{
	const char *name = cfg->invoke ? cfg->invoke : "_start";
	const struct wx_functype *ft;
	struct wx_extern ext;
	uint64_t *slots;
	uint32_t i, nslots;
	int rc, status;

	if (!wx_instance_export(inst, name, &ext)) {
		fail("%s: no export named \"%s\"", cfg->file, name);
		return EXIT_FAIL;
	}
	if (ext.kind != WX_EXTERN_FUNC) {
		fail("%s: export \"%s\" is not a function", cfg->file, name);
		return EXIT_FAIL;
	}
	ft = ext.u.func->type;
	for (i = 0; i < ft->nparams + ft->nresults; i++) {
		if (!invokable_type(ft->types[i])) {
			fail("%s: \"%s\" has a %s %s, which cannot be %s",
			     cfg->file, name, wx_valtype_name(ft->types[i]),
			     i < ft->nparams ? "parameter" : "result",
			     i < ft->nparams ? "given" : "printed");
			return EXIT_FAIL;
		}
	}
	if (cfg->invoke == NULL && ft->nparams != 0) {
		fail("%s: _start takes %" PRIu32 " parameters; use --invoke",
		     cfg->file, ft->nparams);
		return EXIT_FAIL;
	}
	if (cfg->invoke != NULL && (uint32_t)cfg->nargs != ft->nparams) {
		fail("\"%s\" takes %" PRIu32 " argument%s, %d given", name,
		     ft->nparams, ft->nparams == 1 ? "" : "s", cfg->nargs);
		return EXIT_USAGE;
	}

	nslots = ft->nparams > ft->nresults ? ft->nparams : ft->nresults;
	slots = calloc(nslots ? nslots : 1, sizeof(*slots));
	if (slots == NULL) {
		fail("%s: out of memory", cfg->file);
		return EXIT_FAIL;
	}
	for (i = 0; i < ft->nparams; i++) {
		if (!parse_arg(cfg->args[i], ft->types[i], &slots[i])) {
			fail("argument %" PRIu32 " of \"%s\": '%s' is not "
			     "a valid %s", i + 1, name, cfg->args[i],
			     wx_valtype_name(ft->types[i]));
			free(slots);
			return EXIT_USAGE;
		}
	}

	rc = wx_exn_uncaught(t, wx_call(t, ext.u.func, slots));
	if (rc != 0) {
		status = status_of(cfg->file, t, rc, NULL);
	} else {
		status = 0;
		if (cfg->invoke != NULL) {
			for (i = 0; i < ft->nresults; i++)
				print_result(ft->types[ft->nparams + i],
					     slots[i]);
		}
	}
	free(slots);
	if (fflush(stdout) != 0 && status == 0) {
		fail("cannot write results: %s", strerror(errno));
		status = EXIT_FAIL;
	}
	return status;
}

/* The WASI context for `cfg`: guest argv = [FILE as given, args...],
 * the --env strings, the --dir/--mapdir preopens.  0 or an errno. */
static int make_wasi(const struct wx_cli_config *cfg, struct wx_wasi **wp,
		     struct wx_report *r)
{
	struct wx_wasi_config wc;
	struct wx_wasi_preopen *pre;
	const char **argv;
	size_t i;
	int rc;

	argv = calloc((size_t)cfg->nargs + 1, sizeof(*argv));
	pre = calloc(cfg->ndirs ? cfg->ndirs : 1, sizeof(*pre));
	if (argv == NULL || pre == NULL) {
		free(argv);
		free(pre);
		return ENOMEM;
	}
	argv[0] = cfg->file;
	/* With --invoke the arguments are the function's, not argv. */
	for (i = 0; cfg->invoke == NULL && i < (size_t)cfg->nargs; i++)
		argv[i + 1] = cfg->args[i];
	for (i = 0; i < cfg->ndirs; i++) {
		pre[i].host_path = cfg->dirs[i].host;
		pre[i].guest_path = cfg->dirs[i].guest;
	}
	wx_wasi_config_init(&wc);
	wc.argv = argv;
	wc.argc = cfg->invoke == NULL ? (size_t)cfg->nargs + 1 : 1;
	wc.envp = cfg->env;
	wc.envc = cfg->nenv;
	wc.preopens = pre;
	wc.npreopens = cfg->ndirs;
	wc.limits = &cfg->limits;
	rc = wx_wasi_create(&wc, wp, r);
	free(argv);
	free(pre);
	return rc;
}

/* Whether `file` looks like WebAssembly text (not "\0asm"; starts with
 * '(' or a ";;" comment), for a hint instead of "bad magic". */
static bool is_wat(const char *file)
{
	char head[64];
	ssize_t n, i = 0;
	int fd;

	if (strcmp(file, "-") == 0)
		return false;
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, head, sizeof(head));
	close(fd);
	while (i < n && (head[i] == ' ' || head[i] == '\t' ||
			 head[i] == '\n' || head[i] == '\r'))
		i++;
	return i < n && (head[i] == '(' ||
			 (head[i] == ';' && i + 1 < n && head[i + 1] == ';'));
}

/* `wasixrt run FILE` with _start: the program becomes pid 1 of a WASIX
 * process tree (src/wasix).  Returns the exit status. */
/* A compiled module (wasixrt compile -o): the module its header names,
 * with that code attached; NULL after a message. */
static struct wx_module *load_image(const char *path)
{
	struct wx_report r = {0};
	struct wx_module *m = NULL;
	uint8_t *bytes;
	size_t size;
	int (*hook)(struct wx_module *, struct wx_report *);
	int rc = wx_native_image_module(path, &bytes, &size, &r);
	if (rc != 0) {
		fail("%s", r.msg);
		return NULL;
	}
	hook = wx_module_tier_hook;
	wx_module_tier_hook = NULL; /* this image, not the cache's */
	rc = wx_module_load(bytes, size, &m, &r);
	wx_module_tier_hook = hook;
	free(bytes);
	if (rc == 0)
		rc = wx_native_attach_file(m, path, &r);
	if (rc != 0) {
		fail("%s: %s", path, r.set ? r.msg : "cannot load");
		wx_module_destroy(m);
		return NULL;
	}
	return m;
}

/* `wasixrt compile FILE [-o OUT]`. */
static int compile_cmd(const struct wx_cli_config *cfg)
{
	struct wx_report r = {0};
	struct wx_module *m = NULL;
	struct wx_os_file in;
	char *path = NULL;
	int rc = read_file(cfg->file, &in);
	if (rc != 0) {
		fail("cannot read %s: %s", cfg->file, strerror(rc));
		return EXIT_FAIL;
	}
	wx_module_tier_hook = NULL;
	rc = wx_module_load_file(&in, &m, &r);
	if (rc != 0) {
		fail("%s: %s", cfg->file, r.set ? r.msg : "cannot load");
		return EXIT_FAIL;
	}
	rc = wx_native_compile(m, cfg->out, &path, &r);
	if (rc != 0) {
		fail("%s: %s", cfg->file, r.set ? r.msg : strerror(rc));
		wx_module_destroy(m);
		return EXIT_FAIL;
	}
	if (cfg->out == NULL && path != NULL && cfg->verbose)
		printf("%s\n", path);
	free(path);
	wx_module_destroy(m);
	return 0;
}

static int cache_cmd(const struct wx_cli_config *cfg)
{
	struct wx_report r = {0};
	if (strcmp(cfg->cache_cmd, "dir") == 0) {
		char *d = wx_native_cache_dir();
		if (d == NULL) {
			fail("no cache directory (XDG_CACHE_HOME and HOME "
			     "unset)");
			return EXIT_FAIL;
		}
		printf("%s\n", d);
		free(d);
		return 0;
	}
	long n = wx_native_cache_clear(&r);
	if (n < 0) {
		fail("cache clear: %s", r.set ? r.msg : strerror(errno));
		return EXIT_FAIL;
	}
	printf("removed %ld compiled module%s\n", n, n == 1 ? "" : "s");
	return 0;
}

static int run_process(const struct wx_cli_config *cfg)
{
	struct wx_process_config pc;
	struct wx_run_lifetime lt;
	struct wx_wasi_preopen *pre;
	struct wx_cli_listeners ls;
	const char **argv, **env;
	char err[256];
	size_t i;
	int status, lerr;
	bool image;

	if (wx_cli_listeners(cfg, &ls, err, sizeof(err)) != 0) {
		fail("%s", err);
		return EXIT_FAIL;
	}
	argv = calloc((size_t)cfg->nargs + 1, sizeof(*argv));
	pre = calloc(cfg->ndirs ? cfg->ndirs : 1, sizeof(*pre));
	env = calloc(cfg->nenv + ls.nenv + 1, sizeof(*env));
	if (argv == NULL || pre == NULL || env == NULL) {
		free(argv);
		free(pre);
		free(env);
		wx_cli_listeners_fini(&ls);
		fail("out of memory");
		return EXIT_FAIL;
	}
	argv[0] = cfg->file;
	for (i = 0; i < (size_t)cfg->nargs; i++)
		argv[i + 1] = cfg->args[i];
	for (i = 0; i < cfg->ndirs; i++) {
		pre[i].host_path = cfg->dirs[i].host;
		pre[i].guest_path = cfg->dirs[i].guest;
	}
	for (i = 0; i < cfg->nenv; i++)
		env[i] = cfg->env[i];
	for (i = 0; i < ls.nenv; i++)
		env[cfg->nenv + i] = ls.env[i];
	/* The run is a container of processes (wasix/run_lifetime.h):
	 * this host process stays behind as its supervisor and the first
	 * WASIX process is its child.  Where that cannot be set up the
	 * program still runs, without the guarantee. */
	lt.keep_daemons = cfg->keep_daemons;
	lt.grace_ms = cfg->grace_ms >= 0 ? (unsigned)cfg->grace_ms
					 : WX_RUN_GRACE_MS;
	lt.timeout_ms = cfg->timeout_ms;
	lt.name = cfg->file;
	if (cfg->report && (lerr = wx_report_open()) != 0) {
		fail("--report: %s", strerror(lerr));
		free(argv);
		free(pre);
		free(env);
		wx_cli_listeners_fini(&ls);
		return EXIT_FAIL;
	}
	memset(&pc, 0, sizeof(pc));
	pc.path = cfg->file;
	image = wx_native_is_image(cfg->file);
	if (image)
		pc.module = load_image(cfg->file);
	else if (!cfg->report && wx_process_load(cfg->file, &pc.module) != 0)
		pc.module = NULL; /* the reason is printed */
	if (pc.module == NULL && (image || !cfg->report)) {
		free(argv);
		free(pre);
		free(env);
		wx_cli_listeners_fini(&ls);
		return EXIT_FAIL;
	}
	/* A program that cannot make processes is a run of one: the
	 * supervisor (a fork, 0.6 ms of a hello world's 2.6) would guard
	 * nothing but --timeout.  --report wants a load failure reported
	 * with the status the supervisor sees: it loads in the run. */
	if ((pc.module == NULL || cfg->timeout_ms != 0 ||
	     wx_module_makes_processes(pc.module)) &&
	    (lerr = wx_run_lifetime_start(&lt)) != 0) {
		if (cfg->timeout_ms != 0) {
			/* The supervisor is what enforces the timeout. */
			fail("--timeout: cannot supervise the run: %s",
			     strerror(lerr));
			free(argv);
			free(pre);
			free(env);
			wx_cli_listeners_fini(&ls);
			return EXIT_FAIL;
		}
		fail("warning: processes may outlive the run: %s",
		     strerror(lerr));
	}
	wx_wasi_config_init(&pc.wasi);
	pc.wasi.argv = argv;
	pc.wasi.argc = (size_t)cfg->nargs + 1;
	pc.wasi.envp = env;
	pc.wasi.envc = cfg->nenv + ls.nenv;
	pc.wasi.preopens = pre;
	pc.wasi.npreopens = cfg->ndirs;
	pc.wasi.sockets = ls.fds;
	pc.wasi.nsockets = ls.n;
	if (ls.nactivated > 0)
		pc.wasi.listen_first = ls.n - ls.nactivated;
	pc.limits = cfg->limits;
	pc.net.all = cfg->net_all;
	pc.net.dns = cfg->net_dns;
	pc.net.unix_sockets = cfg->net_unix;
	pc.net.listen = cfg->net_listen;
	pc.net.nlisten = cfg->nnet_listen;
	pc.net.connect = cfg->net_connect;
	pc.net.nconnect = cfg->nnet_connect;
	pc.cwd = cfg->cwd;
	status = wx_process_main(&pc);
	/* Without a supervisor (it prints the report otherwise) the first
	 * process prints it; processes left running show as such. */
	if (lerr != 0 && cfg->report)
		wx_report_print(stderr);
	free(argv);
	free(pre);
	free(env);
	wx_cli_listeners_fini(&ls);
	return status;
}

/* --timeout of a run in this process (--invoke, stdin): a timer thread
 * interrupts the guest thread, which then stops with a trap. */
struct watchdog {
	pthread_t th;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct wx_thread *t;
	uint64_t ms;
	bool done, fired;
};

static void *watchdog_main(void *arg)
{
	struct watchdog *w = arg;
	struct timespec ts;
	int rc = 0;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_sec += (time_t)(w->ms / 1000);
	ts.tv_nsec += (long)(w->ms % 1000) * 1000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&w->lock);
	while (!w->done && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&w->cond, &w->lock, &ts);
	if (!w->done) {
		w->fired = true;
		wx_thread_kick(w->t, WX_INTR_TIMEOUT | WX_INTR_EINTR);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

static int watchdog_start(struct watchdog *w, struct wx_thread *t,
			  uint64_t ms)
{
	pthread_condattr_t ca;

	memset(w, 0, sizeof(*w));
	w->t = t;
	w->ms = ms;
	pthread_mutex_init(&w->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&w->cond, &ca);
	pthread_condattr_destroy(&ca);
	/* The kick signal wakes a guest blocked in a host call. */
	wx_kick_init();
	t->host_thread = pthread_self();
	__atomic_store_n(&t->has_host_thread, true, __ATOMIC_RELEASE);
	return pthread_create(&w->th, NULL, watchdog_main, w);
}

/* Stop the watchdog; true if it fired. */
static bool watchdog_stop(struct watchdog *w)
{
	pthread_mutex_lock(&w->lock);
	w->done = true;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->th, NULL);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->cond);
	return w->fired;
}

static struct wx_module *load_image(const char *path);

/* `wasixrt run`: returns the exit status. */
static int run(const struct wx_cli_config *cfg)
{
	struct wx_report r = { 0 };
	struct wx_module *m = NULL;
	struct wx_instance *inst = NULL;
	struct wx_linker linker;
	struct wx_guest_limits limits;
	struct wx_wasi *wasi = NULL;
	struct wx_thread t;
	struct wx_os_file in;
	struct watchdog wd;
	bool watching = false;
	int rc, status;

	if (strcmp(cfg->file, "-") != 0 && wx_native_is_image(cfg->file)) {
		m = load_image(cfg->file);
		if (m == NULL)
			return EXIT_FAIL;
		goto loaded;
	}
	rc = read_file(cfg->file, &in);
	if (rc != 0) {
		fail("cannot read %s: %s", cfg->file, strerror(rc));
		return EXIT_FAIL;
	}
	rc = wx_module_load_file(&in, &m, &r);
	if (rc != 0) {
		if (r.set)
			fail("%s: %s", cfg->file, r.msg);
		else if (rc == WX_EMALFORMED)
			fail("%s: malformed module", cfg->file);
		else if (rc == WX_EINVALID)
			fail("%s: invalid module", cfg->file);
		else if (rc > 0)
			fail("%s: %s", cfg->file, strerror(rc));
		else
			fail("%s: cannot load (status %d)", cfg->file, rc);
		return EXIT_FAIL;
	}
loaded:
	rc = wx_thread_init(&t, WX_DEFAULT_STACK_SLOTS,
			    WX_DEFAULT_MAX_FRAMES);
	if (rc != 0) {
		fail("cannot create a thread: %s", strerror(rc));
		wx_module_destroy(m);
		return EXIT_FAIL;
	}

	/* WASI preview1 is the only host module: any other import fails to
	 * link and the runtime's report names it. */
	wx_linker_init(&linker);
	limits = cfg->limits;
	wx_guest_limits_fill(&limits);
	linker.limits = &limits;
	rc = make_wasi(cfg, &wasi, &r);
	if (rc == 0)
		rc = wx_wasi_define(&linker, wasi);
	if (rc == 0 && wx_trace_fd >= 0)
		rc = wx_trace_wrap(&linker);
	if (rc != 0) {
		status = status_of(cfg->file, &t, rc, &r);
		goto out;
	}
	if (cfg->timeout_ms != 0) {
		if (watchdog_start(&wd, &t, cfg->timeout_ms) != 0) {
			fail("cannot start the --timeout timer");
			status = EXIT_FAIL;
			goto out;
		}
		watching = true;
	}
	rc = wx_instance_create(m, &linker, &t, &inst, &r);
	if (rc != 0) {
		status = status_of(cfg->file, &t, rc, &r);
	} else {
		/* WASI bound itself to the guest memory (wx_wasi_define). */
		status = call_entry(cfg, inst, &t);
	}
	if (watching && watchdog_stop(&wd)) {
		fail("%s: timed out after %.3g s", cfg->file,
		     (double)cfg->timeout_ms / 1000);
		status = EXIT_TIMEOUT;
	}

out:
	if (inst != NULL)
		wx_instance_destroy(inst);
	wx_linker_fini(&linker);
	wx_wasi_destroy(wasi);
	wx_thread_fini(&t);
	wx_module_destroy(m);
	return status;
}

/* --trace, --trace-file, or WASIXRT_TRACE set to anything but "" or
 * "0": open the trace before the run splits into processes, so that
 * every process of it writes to the same descriptor. */
static int start_trace(struct wx_cli_config *cfg)
{
	const char *env = getenv("WASIXRT_TRACE");
	int rc;
	if (env != NULL && env[0] != '\0' && strcmp(env, "0") != 0)
		cfg->trace = true;
	if (!cfg->trace)
		return 0;
	rc = wx_trace_open(cfg->trace_file);
	if (rc != 0) {
		fail("--trace-file %s: %s", cfg->trace_file, strerror(rc));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct wx_cli_config cfg;
	char err[256];
	int status;

	/* A closed pipe on stdout is a write error, not a silent death. */
	signal(SIGPIPE, SIG_IGN);

	if (wx_cli_parse(argc, argv, &cfg, err, sizeof(err)) < 0) {
		fail("%s", err);
		fputs("try wasixrt --help\n", stderr);
		wx_cli_config_fini(&cfg);
		return EXIT_USAGE;
	}
	{
		struct wx_native_opts no = {0};
		const char *env_tier = getenv("WASIXRT_TIER");
		const char *tier = cfg.tier != NULL ? cfg.tier : env_tier;
		if (tier == NULL || !wx_native_parse_tier(tier, &no.tier))
			no.tier = WX_TIER_AUTO;
		no.no_cache = cfg.no_cache;
		no.opt = cfg.opt != NULL ? cfg.opt : getenv("WASIXRT_NATIVE_OPT");
		no.verbose = cfg.verbose;
		wx_native_setup(&no);
	}
	switch (cfg.command) {
	case WX_CLI_COMPILE:
		status = compile_cmd(&cfg);
		break;
	case WX_CLI_CACHE:
		status = cache_cmd(&cfg);
		break;
	case WX_CLI_HELP:
		wx_cli_print_help(stdout);
		status = fflush(stdout) == 0 ? 0 : EXIT_FAIL;
		break;
	case WX_CLI_VERSION_CMD:
		printf("wasixrt %s\n", WX_CLI_VERSION);
		status = fflush(stdout) == 0 ? 0 : EXIT_FAIL;
		break;
	default:
		/* `wasixrt frobnicate`: a mistyped command more likely than
		 * a module file without a dot. */
		if (cfg.implicit_run && strpbrk(cfg.file, "./") == NULL &&
		    access(cfg.file, F_OK) != 0) {
			fail("unknown command or file '%s'", cfg.file);
			fputs("try wasixrt --help\n", stderr);
			status = EXIT_USAGE;
		} else if (is_wat(cfg.file)) {
			fail("%s: this is WebAssembly text, not a binary module;"
			     " convert it first: wat2wasm %s -o NAME.wasm",
			     cfg.file, cfg.file);
			status = EXIT_FAIL;
		} else if (cfg.command == WX_CLI_RUN && start_trace(&cfg) != 0) {
			status = EXIT_FAIL;
		} else if (cfg.command == WX_CLI_VALIDATE) {
			status = wx_cli_validate(cfg.file);
		} else if (cfg.command == WX_CLI_INSPECT) {
			status = wx_cli_inspect(cfg.file);
		/* --invoke (a function call, no process) and a module read
		 * from stdin run directly; programs run as WASIX processes. */
		} else if (cfg.invoke == NULL && strcmp(cfg.file, "-") != 0)
			status = run_process(&cfg);
		else
			status = run(&cfg);
		break;
	}
	wx_cli_config_fini(&cfg);
	return status;
}
