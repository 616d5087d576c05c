/*
 * options.c - the option table, the parser it drives, and the help text
 * generated from it.
 *
 * Grammar:
 *   wasixrt --help | -h
 *   wasixrt --version | -V
 *   wasixrt [run] [OPTIONS] FILE [ARGS...]
 *   wasixrt validate FILE | wasixrt inspect FILE
 * `run` may be left out: a first word that is no command is FILE (a file
 * named like a command is ./run).  Options end at the first argument that
 * is not an option (FILE)
 * or at `--`; everything after FILE belongs to the guest (or is the
 * parameter list of the --invoke function), so `wasixrt run m.wasm -x`
 * passes "-x" to the guest.  An option value may be given as the next
 * argument or after `=` (`--env=K=V`).
 */
#include "options.h"

#include "runtime/runtime.h"
#include "util/common.h"
#include "wasix/wasix.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

/* Where an option may appear. */
enum {
	SCOPE_TOP = 1, /* before the command: wasixrt --help */
	SCOPE_RUN = 2, /* after `run` */
};

struct cli_option {
	const char *name;    /* long name, without the leading "--" */
	char short_name;     /* single-letter alias, or 0 */
	const char *metavar; /* NULL if the option takes no value */
	const char *help;
	unsigned scope;
	/* Apply the option; `val` is NULL for flags.  0, or -1 with `err`. */
	int (*apply)(struct wx_cli_config *cfg, const char *val, char *err,
		     size_t errlen);
};

static int errf(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Format a usage error into err; returns -1 for `return errf(...)`. */
static int errf(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* Append a preopen, taking ownership of both strings (freed on failure). */
static int add_preopen(struct wx_cli_config *cfg, char *host, char *guest,
		       char *err, size_t errlen)
{
	struct wx_cli_preopen *d;

	if (host == NULL || guest == NULL)
		goto nomem;
	d = realloc(cfg->dirs, (cfg->ndirs + 1) * sizeof(*d));
	if (d == NULL)
		goto nomem;
	cfg->dirs = d;
	d[cfg->ndirs].host = host;
	d[cfg->ndirs].guest = guest;
	cfg->ndirs++;
	return 0;
nomem:
	free(host);
	free(guest);
	return errf(err, errlen, "out of memory");
}

/* Split "A::B" at the first "::" (or, with `colon`, "A:B" at the first
 * ':' when there is no "::") into two new strings.  -1 if there is no
 * separator; the caller reports it. */
static int split_pair(const char *val, char **a, char **b, bool colon)
{
	const char *sep = strstr(val, "::");
	size_t seplen = 2;

	*a = *b = NULL;
	if (sep == NULL && colon && (sep = strchr(val, ':')) != NULL)
		seplen = 1;
	if (sep == NULL)
		return -1;
	*a = strndup(val, (size_t)(sep - val));
	*b = strdup(sep + seplen);
	return 0;
}

static int opt_dir(struct wx_cli_config *cfg, const char *val, char *err,
		   size_t errlen)
{
	char *host, *guest;

	if (split_pair(val, &host, &guest, false) < 0) {
		host = strdup(val);
		guest = strdup(val);
	}
	if (host != NULL && guest != NULL && (!*host || !*guest)) {
		free(host);
		free(guest);
		return errf(err, errlen,
			    "--dir '%s': empty directory name", val);
	}
	return add_preopen(cfg, host, guest, err, errlen);
}

static int opt_mapdir(struct wx_cli_config *cfg, const char *val, char *err,
		      size_t errlen)
{
	char *host, *guest;

	if (split_pair(val, &guest, &host, true) < 0)
		return errf(err, errlen,
			    "--mapdir '%s': expected GUEST::HOST or GUEST:HOST",
			    val);
	if (host != NULL && guest != NULL && (!*host || !*guest)) {
		free(host);
		free(guest);
		return errf(err, errlen,
			    "--mapdir '%s': empty directory name", val);
	}
	return add_preopen(cfg, host, guest, err, errlen);
}

static int opt_env(struct wx_cli_config *cfg, const char *val, char *err,
		   size_t errlen)
{
	const char **e;
	const char *eq = strchr(val, '=');
	size_t n = strlen(val);
	char **h;

	if (eq == val || n == 0)
		return errf(err, errlen, "--env '%s': expected NAME=VALUE "
			    "or NAME", val);
	if (eq == NULL) { /* NAME alone: the host's "NAME=value", if set */
		for (h = environ; *h != NULL; h++)
			if (strncmp(*h, val, n) == 0 && (*h)[n] == '=')
				break;
		if (*h == NULL)
			return 0;
		val = *h;
	}
	e = realloc(cfg->env, (cfg->nenv + 1) * sizeof(*e));
	if (e == NULL)
		return errf(err, errlen, "out of memory");
	cfg->env = e;
	e[cfg->nenv++] = val;
	return 0;
}

static int opt_invoke(struct wx_cli_config *cfg, const char *val, char *err,
		      size_t errlen)
{
	if (cfg->invoke != NULL)
		return errf(err, errlen, "--invoke given more than once");
	cfg->invoke = val;
	return 0;
}

/* A whole number from lo to hi; -1 otherwise. */
static int parse_count(const char *val, unsigned long lo, unsigned long hi,
		       uint32_t *out)
{
	char *end;
	unsigned long n;

	if (*val < '0' || *val > '9')
		return -1;
	errno = 0;
	n = strtoul(val, &end, 10);
	if (errno != 0 || *end != '\0' || n < lo || n > hi)
		return -1;
	*out = (uint32_t)n;
	return 0;
}

static int opt_max_procs(struct wx_cli_config *cfg, const char *val,
			 char *err, size_t errlen)
{
	if (parse_count(val, 1, WX_LIMIT_PROCS_MAX, &cfg->limits.procs) != 0)
		return errf(err, errlen,
			    "--max-procs '%s': expected a number from 1 to "
			    "%u", val, WX_LIMIT_PROCS_MAX);
	return 0;
}

static int opt_max_threads(struct wx_cli_config *cfg, const char *val,
			   char *err, size_t errlen)
{
	if (parse_count(val, 1, WX_LIMIT_THREADS_MAX,
			&cfg->limits.threads) != 0)
		return errf(err, errlen,
			    "--max-threads '%s': expected a number from 1 to "
			    "%u", val, WX_LIMIT_THREADS_MAX);
	return 0;
}

static int opt_max_fds(struct wx_cli_config *cfg, const char *val,
		       char *err, size_t errlen)
{
	/* stdio and /dev need 4 fds; preopens are checked at start. */
	if (parse_count(val, 4, WX_LIMIT_FDS_MAX, &cfg->limits.fds) != 0)
		return errf(err, errlen,
			    "--max-fds '%s': expected a number from 4 to %u",
			    val, WX_LIMIT_FDS_MAX);
	return 0;
}

static int opt_max_table(struct wx_cli_config *cfg, const char *val,
			 char *err, size_t errlen)
{
	if (parse_count(val, 1, UINT32_MAX, &cfg->limits.table_elems) != 0)
		return errf(err, errlen,
			    "--max-table '%s': expected a number of elements "
			    "from 1 to %u", val, UINT32_MAX);
	return 0;
}

static int opt_max_memory(struct wx_cli_config *cfg, const char *val,
			  char *err, size_t errlen)
{
	uint64_t bytes;

	if (wx_parse_size(val, 4ull << 30, &bytes) != 0 ||
	    bytes < WX_PAGE_SIZE)
		return errf(err, errlen,
			    "--max-memory '%s': expected a size from 64K to "
			    "4G (a number of bytes, or with K, M or G)",
			    val);
	/* Whole pages: a memory grows by 64 KiB pages. */
	cfg->limits.memory_pages = bytes / WX_PAGE_SIZE;
	return 0;
}

static int opt_net(struct wx_cli_config *cfg, const char *val, char *err,
		   size_t errlen)
{
	cfg->net_all = true;
	return 0;
}

static int opt_net_dns(struct wx_cli_config *cfg, const char *val, char *err,
		       size_t errlen)
{
	cfg->net_dns = true;
	return 0;
}

static int opt_net_unix(struct wx_cli_config *cfg, const char *val,
			char *err, size_t errlen)
{
	cfg->net_unix = true;
	return 0;
}

/* Append a checked network rule to *list. */
static int add_rule(const char ***list, size_t *n, const char *opt,
		    const char *val, char *err, size_t errlen)
{
	const char **l;
	char why[200];

	if (wx_net_rule_check(val, why, sizeof(why)) != 0)
		return errf(err, errlen, "--%s: %s", opt, why);
	l = realloc(*list, (*n + 1) * sizeof(*l));
	if (l == NULL)
		return errf(err, errlen, "out of memory");
	*list = l;
	l[(*n)++] = val;
	return 0;
}

static int opt_net_listen(struct wx_cli_config *cfg, const char *val,
			  char *err, size_t errlen)
{
	return add_rule(&cfg->net_listen, &cfg->nnet_listen, "net-listen",
			val, err, errlen);
}

static int opt_net_connect(struct wx_cli_config *cfg, const char *val,
			   char *err, size_t errlen)
{
	return add_rule(&cfg->net_connect, &cfg->nnet_connect, "net-connect",
			val, err, errlen);
}

static int opt_tcplisten(struct wx_cli_config *cfg, const char *val,
			 char *err, size_t errlen)
{
	char why[200];

	/* An exact address and port: the runtime opens this socket. */
	if (wx_net_rule_check(val, why, sizeof(why)) != 0 || val[0] == '*' ||
	    strchr(val, '-') != NULL || val[strlen(val) - 1] == '*')
		return errf(err, errlen,
			    "--tcplisten '%s': expected ADDR:PORT (an IPv4 "
			    "address or [IPv6], and a port number)",
			    val);
	return add_rule(&cfg->tcplisten, &cfg->ntcplisten, "tcplisten", val,
			err, errlen);
}

static int opt_cwd(struct wx_cli_config *cfg, const char *val, char *err,
		   size_t errlen)
{
	if (val[0] != '/')
		return errf(err, errlen,
			    "--cwd '%s': expected an absolute guest path", val);
	cfg->cwd = val;
	return 0;
}

static int opt_timeout(struct wx_cli_config *cfg, const char *val, char *err,
		       size_t errlen)
{
	char *end;
	double sec = strtod(val, &end);
	if (*val < '0' || *val > '9' || *end != '\0' || !(sec > 0) ||
	    sec > 1e9)
		return errf(err, errlen, "--timeout '%s': expected a number of "
			    "seconds greater than 0", val);
	cfg->timeout_ms = (uint64_t)(sec * 1000 + 0.5);
	if (cfg->timeout_ms == 0)
		cfg->timeout_ms = 1;
	return 0;
}

/* --grace SECONDS: up to three decimals, at most an hour. */
static int opt_grace(struct wx_cli_config *cfg, const char *val, char *err,
		     size_t errlen)
{
	char *end;
	double sec = strtod(val, &end);
	if (*val < '0' || *val > '9' || *end != '\0' || !(sec <= 3600))
		return errf(err, errlen,
			    "--grace '%s': expected seconds from 0 to 3600",
			    val);
	cfg->grace_ms = (int)(sec * 1000 + 0.5);
	return 0;
}

static int opt_keep_daemons(struct wx_cli_config *cfg, const char *val,
			    char *err, size_t errlen)
{
	cfg->keep_daemons = true;
	return 0;
}

static int opt_trace(struct wx_cli_config *cfg, const char *val, char *err,
		     size_t errlen)
{
	cfg->trace = true;
	return 0;
}

static int opt_trace_file(struct wx_cli_config *cfg, const char *val,
			  char *err, size_t errlen)
{
	if (val[0] == '\0')
		return errf(err, errlen, "--trace-file: expected a path");
	cfg->trace = true;
	cfg->trace_file = val;
	return 0;
}

static int opt_report(struct wx_cli_config *cfg, const char *val, char *err,
		      size_t errlen)
{
	cfg->report = true;
	return 0;
}

static int opt_tier(struct wx_cli_config *cfg, const char *val, char *err,
		    size_t errlen)
{
	if (strcmp(val, "interp") != 0 && strcmp(val, "native") != 0 &&
	    strcmp(val, "auto") != 0)
		return errf(err, errlen, "--tier '%s': expected interp, native "
			    "or auto", val);
	cfg->tier = val;
	return 0;
}

static int opt_no_cache(struct wx_cli_config *cfg, const char *val,
			char *err, size_t errlen)
{
	cfg->no_cache = true;
	return 0;
}

static int opt_help(struct wx_cli_config *cfg, const char *val, char *err,
		    size_t errlen)
{
	cfg->command = WX_CLI_HELP;
	return 0;
}

static int opt_version(struct wx_cli_config *cfg, const char *val, char *err,
		       size_t errlen)
{
	cfg->command = WX_CLI_VERSION_CMD;
	return 0;
}

static const struct cli_option options[] = {
	{ "dir", 0, "HOST[::GUEST]",
	  "give the guest directory HOST, seen as GUEST (default HOST)",
	  SCOPE_RUN, opt_dir },
	{ "mapdir", 0, "GUEST::HOST",
	  "give the guest directory HOST, seen as GUEST (GUEST:HOST too)",
	  SCOPE_RUN, opt_mapdir },
	{ "env", 0, "NAME[=VALUE]",
	  "set an environment variable of the guest; NAME alone passes "
	  "the host's value",
	  SCOPE_RUN, opt_env },
	{ "invoke", 0, "NAME",
	  "call export NAME instead of _start; ARGS are its parameters "
	  "and its results are printed one per line",
	  SCOPE_RUN, opt_invoke },
	{ "max-procs", 0, "N",
	  "at most N live processes in the run (default 1024); past it "
	  "fork and spawn fail with EAGAIN",
	  SCOPE_RUN, opt_max_procs },
	{ "max-threads", 0, "N",
	  "at most N threads per process (default 1024); past it thread "
	  "spawn fails with EAGAIN",
	  SCOPE_RUN, opt_max_threads },
	{ "max-memory", 0, "SIZE",
	  "at most SIZE (bytes, or with K, M or G) for each linear memory "
	  "(default 4G, the 32-bit maximum): a larger initial memory is "
	  "refused, memory.grow past it returns -1 (malloc fails with "
	  "ENOMEM)",
	  SCOPE_RUN, opt_max_memory },
	{ "max-table", 0, "N",
	  "at most N elements in each table (default 10000000): a larger "
	  "initial table is refused, table.grow past it returns -1",
	  SCOPE_RUN, opt_max_table },
	{ "max-fds", 0, "N",
	  "fds 0 to N-1 in each process (default 1024, as RLIMIT_NOFILE): "
	  "past it open, pipe, socket and dup fail with EMFILE",
	  SCOPE_RUN, opt_max_fds },
	{ "net", 0, NULL,
	  "let the guest use the network: listen, connect, look up names, "
	  "AF_UNIX addresses (without it and the --net-* options, it has "
	  "none: such calls fail with EACCES)",
	  SCOPE_RUN, opt_net },
	{ "net-listen", 0, "ADDR:PORT",
	  "let the guest bind and listen on ADDR:PORT (ADDR an IPv4 "
	  "address, [IPv6] or *; PORT a number, LO-HI or *; repeatable)",
	  SCOPE_RUN, opt_net_listen },
	{ "net-connect", 0, "ADDR:PORT",
	  "let the guest connect and send to ADDR:PORT (as --net-listen)",
	  SCOPE_RUN, opt_net_connect },
	{ "net-dns", 0, NULL, "let the guest look up host names",
	  SCOPE_RUN, opt_net_dns },
	{ "net-unix", 0, NULL,
	  "let the guest bind and connect AF_UNIX sockets (paths beneath "
	  "its directories)",
	  SCOPE_RUN, opt_net_unix },
	{ "tcplisten", 0, "ADDR:PORT",
	  "open a TCP socket listening on ADDR:PORT and give it to the "
	  "guest as the next fd after its directories (repeatable)",
	  SCOPE_RUN, opt_tcplisten },
	{ "cwd", 0, "DIR",
	  "start the guest in working directory DIR, a guest path "
	  "(default /)",
	  SCOPE_RUN, opt_cwd },
	{ "timeout", 0, "SECONDS",
	  "end the run (and every process it started) after SECONDS; "
	  "exit status 124",
	  SCOPE_RUN, opt_timeout },
	{ "grace", 0, "SECONDS",
	  "when the run ends (its first process exits, or wasixrt gets "
	  "SIGTERM, SIGHUP or a sent SIGINT), the processes left get "
	  "SIGTERM, then SIGKILL after SECONDS (default 2)",
	  SCOPE_RUN, opt_grace },
	{ "keep-daemons", 0, NULL,
	  "when the first process exits, leave the processes it left "
	  "running (daemons) instead of ending them",
	  SCOPE_RUN, opt_keep_daemons },
	{ "trace", 0, NULL,
	  "print one line per WASI/WASIX call (pid.tid, arguments, result, "
	  "errno) and per process event (fork, exec, exit, signal) to "
	  "stderr; also WASIXRT_TRACE=1",
	  SCOPE_RUN, opt_trace },
	{ "trace-file", 0, "PATH",
	  "write the --trace lines to PATH instead of stderr",
	  SCOPE_RUN, opt_trace_file },
	{ "report", 0, NULL,
	  "when the run ends, print its process tree to stderr: pids, "
	  "programs, exit statuses or signals, CPU time, peak memory",
	  SCOPE_RUN, opt_report },
	{ "tier", 0, "TIER",
	  "run modules in the interpreter (interp), as native code compiled "
	  "by $CC and cached (native: compile first when not cached), or "
	  "native code when cached and the interpreter otherwise (auto, the "
	  "default); exec'd programs choose the same way",
	  SCOPE_RUN, opt_tier },
	{ "no-cache", 0, NULL,
	  "neither read nor write the native code cache ($XDG_CACHE_HOME/"
	  "wasixrt or ~/.cache/wasixrt)",
	  SCOPE_RUN, opt_no_cache },
	{ "help", 'h', NULL, "print this help and exit",
	  SCOPE_TOP | SCOPE_RUN, opt_help },
	{ "version", 'V', NULL, "print the version and exit",
	  SCOPE_TOP | SCOPE_RUN, opt_version },
};

/* Find the option `arg` ("--name", "--name=value" or "-x") names; sets
 * *inline_val to the text after '=' if any. */
static const struct cli_option *lookup(const char *arg,
				       const char **inline_val)
{
	size_t i, len;
	const char *eq;

	*inline_val = NULL;
	if (arg[0] == '-' && arg[1] != '-' && arg[1] != '\0' &&
	    arg[2] == '\0') {
		for (i = 0; i < WX_ARRAY_LEN(options); i++)
			if (options[i].short_name == arg[1])
				return &options[i];
		return NULL;
	}
	if (arg[0] != '-' || arg[1] != '-')
		return NULL;
	arg += 2;
	eq = strchr(arg, '=');
	len = eq != NULL ? (size_t)(eq - arg) : strlen(arg);
	for (i = 0; i < WX_ARRAY_LEN(options); i++) {
		if (strlen(options[i].name) == len &&
		    memcmp(options[i].name, arg, len) == 0) {
			if (eq != NULL)
				*inline_val = eq + 1;
			return &options[i];
		}
	}
	return NULL;
}

/* Parse one option at argv[*ip] (known to start with '-'), consuming its
 * value too.  0, or -1 with `err`. */
static int parse_option(int argc, char **argv, int *ip, unsigned scope,
			struct wx_cli_config *cfg, char *err, size_t errlen)
{
	const char *arg = argv[*ip];
	const char *val;
	const struct cli_option *o = lookup(arg, &val);

	if (o == NULL || !(o->scope & scope)) {
		if (o != NULL && scope == SCOPE_TOP)
			return errf(err, errlen,
				    "option '%s' belongs after 'run'", arg);
		return errf(err, errlen, "unknown option '%s'", arg);
	}
	if (o->metavar == NULL) {
		if (val != NULL)
			return errf(err, errlen,
				    "option --%s takes no value", o->name);
	} else if (val == NULL) {
		if (*ip + 1 >= argc)
			return errf(err, errlen, "option --%s needs %s",
				    o->name, o->metavar);
		val = argv[++*ip];
	}
	return o->apply(cfg, val, err, errlen);
}

int wx_cli_parse(int argc, char **argv, struct wx_cli_config *cfg,
		 char *err, size_t errlen)
{
	int i = 1;

	memset(cfg, 0, sizeof(*cfg));
	cfg->grace_ms = -1;
	if (errlen > 0)
		err[0] = '\0';

	/* Top level: --help / --version, then the command. */
	for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		if (strcmp(argv[i], "--") == 0)
			break; /* FILE follows */
		if (parse_option(argc, argv, &i, SCOPE_TOP | SCOPE_RUN, cfg,
				 err, errlen) < 0)
			return -1;
		if (cfg->command != WX_CLI_NONE)
			return 0;
	}
	if (i >= argc)
		return errf(err, errlen, "no command or module given");
	if (i == 1 && (strcmp(argv[i], "validate") == 0 ||
		       strcmp(argv[i], "inspect") == 0)) {
		if (argc != 3)
			return errf(err, errlen, "usage: wasixrt %s FILE",
				    argv[1]);
		cfg->command = argv[1][0] == 'v' ? WX_CLI_VALIDATE
						 : WX_CLI_INSPECT;
		cfg->file = argv[2];
		return 0;
	}
	if (i == 1 && strcmp(argv[i], "compile") == 0) {
		for (i = 2; i < argc; i++) {
			const char *a = argv[i];
			if (strcmp(a, "-o") == 0 && i + 1 < argc)
				cfg->out = argv[++i];
			else if (strncmp(a, "-O", 2) == 0 && a[2] >= '0' &&
				 a[2] <= '3' && a[3] == '\0')
				cfg->opt = a;
			else if (strcmp(a, "--no-cache") == 0)
				cfg->no_cache = true;
			else if (strcmp(a, "-v") == 0)
				cfg->verbose = true;
			else if (a[0] == '-' && a[1] != '\0')
				return errf(err, errlen, "compile: unknown "
					    "option '%s'", a);
			else if (cfg->file != NULL)
				return errf(err, errlen, "usage: wasixrt "
					    "compile FILE.wasm [-o OUT] "
					    "[-O0..-O3] [-v]");
			else
				cfg->file = a;
		}
		if (cfg->file == NULL)
			return errf(err, errlen, "usage: wasixrt compile "
				    "FILE.wasm [-o OUT] [-O0..-O3] [-v]");
		cfg->command = WX_CLI_COMPILE;
		return 0;
	}
	if (i == 1 && strcmp(argv[i], "cache") == 0) {
		if (argc != 3 || (strcmp(argv[2], "clear") != 0 &&
				  strcmp(argv[2], "dir") != 0))
			return errf(err, errlen,
				    "usage: wasixrt cache clear|dir");
		cfg->command = WX_CLI_CACHE;
		cfg->cache_cmd = argv[2];
		return 0;
	}
	if (strcmp(argv[i], "run") == 0)
		i++;
	else
		cfg->implicit_run = 1;

	/* run [OPTIONS] FILE [ARGS...] */
	for (; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (a[0] != '-' || a[1] == '\0')
			break; /* FILE ("-" alone is a file name) */
		if (parse_option(argc, argv, &i, SCOPE_RUN, cfg, err,
				 errlen) < 0)
			return -1;
		if (cfg->command != WX_CLI_NONE)
			return 0; /* run --help, run --version */
	}
	if (i >= argc)
		return errf(err, errlen, "run: no module file given");
	cfg->command = WX_CLI_RUN;
	cfg->file = argv[i];
	cfg->args = argv + i + 1;
	cfg->nargs = argc - i - 1;
	return 0;
}

void wx_cli_config_fini(struct wx_cli_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->ndirs; i++) {
		free(cfg->dirs[i].host);
		free(cfg->dirs[i].guest);
	}
	free(cfg->dirs);
	free(cfg->env);
	free(cfg->net_listen);
	free(cfg->net_connect);
	free(cfg->tcplisten);
	memset(cfg, 0, sizeof(*cfg));
}

/* Print `text` wrapped to `width` columns, continuation lines indented
 * by `indent`; the first line starts at column `col`. */
static void print_wrapped(FILE *out, const char *text, int col, int indent,
			  int width)
{
	while (*text) {
		int len = 0, brk = 0;

		/* Longest run of words that fits; always at least one. */
		while (text[len] && (col + len < width || brk == 0)) {
			if (text[len] == ' ')
				brk = len;
			len++;
		}
		if (text[len] == '\0' || brk == 0)
			brk = len;
		fprintf(out, "%.*s\n", brk, text);
		text += brk;
		while (*text == ' ')
			text++;
		if (*text)
			fprintf(out, "%*s", indent, "");
		col = indent;
	}
}

/* Write the option's left column ("-h, --help" / "--dir HOST") into buf. */
static int option_label(const struct cli_option *o, char *buf, size_t len)
{
	char shortpart[8] = "";

	if (o->short_name)
		snprintf(shortpart, sizeof(shortpart), "-%c, ",
			 o->short_name);
	return snprintf(buf, len, "%s--%s%s%s", shortpart, o->name,
			o->metavar ? " " : "", o->metavar ? o->metavar : "");
}

void wx_cli_print_help(FILE *out)
{
	char label[80];
	int w = 0, n;
	size_t i;

	fprintf(out,
		"wasixrt " WX_CLI_VERSION " - a WebAssembly (WASI/WASIX) "
		"runtime\n"
		"\n"
		"Usage:\n"
		"  wasixrt [run] [OPTIONS] FILE.wasm [ARGS...]\n"
		"  wasixrt validate FILE.wasm   (exit 0, or one line saying "
		"why not)\n"
		"  wasixrt inspect FILE.wasm    (imports, exports, sections, "
		"features, ABI)\n"
		"  wasixrt compile FILE.wasm [-o OUT.so] [-O0..-O3] [-v]\n"
		"                               (native code: into the cache, or "
		"OUT.so)\n"
		"  wasixrt run [OPTIONS] OUT.so (a compiled module)\n"
		"  wasixrt cache clear|dir      (the native code cache)\n"
		"  wasixrt --help | --version\n"
		"\n"
		"Runs the module's _start export (or --invoke NAME).  ARGS go "
		"to the guest\n"
		"verbatim; '--' ends the options.  Exit status: the guest's "
		"exit code, 134 on\n"
		"a trap, 124 after --timeout, 1 if the module cannot be loaded "
		"or run, 2 on a\n"
		"bad command line.\n"
		"\n"
		"Options:\n");
	for (i = 0; i < WX_ARRAY_LEN(options); i++) {
		n = option_label(&options[i], label, sizeof(label));
		if (n > w)
			w = n;
	}
	for (i = 0; i < WX_ARRAY_LEN(options); i++) {
		option_label(&options[i], label, sizeof(label));
		fprintf(out, "  %-*s  ", w, label);
		print_wrapped(out, options[i].help, w + 4, w + 4, 79);
	}
}
