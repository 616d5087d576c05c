/*
 * options.h - the command line of wasixrt, parsed into a config.
 *
 * One option table (options.c) drives both the parser and the --help text,
 * so the two cannot drift apart.  Parsing never prints: it fills a config
 * or an error message, and main.c decides what to print and how to exit.
 *
 * Strings in the config either point into argv (which lives until exit)
 * or are owned by the config (the split --dir/--mapdir halves) and freed
 * by wx_cli_config_fini.
 */
#ifndef WX_CLI_OPTIONS_H
#define WX_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "runtime/limits.h"

#define WX_CLI_VERSION "0.1.0"

/* What the command line asks for. */
enum wx_cli_command {
	WX_CLI_NONE = 0,
	WX_CLI_RUN,
	WX_CLI_HELP,
	WX_CLI_VERSION_CMD,
	WX_CLI_VALIDATE, /* wasixrt validate FILE */
	WX_CLI_INSPECT,  /* wasixrt inspect FILE */
	WX_CLI_COMPILE,  /* wasixrt compile FILE [-o OUT] */
	WX_CLI_CACHE,    /* wasixrt cache clear|dir */
};

/* A directory made visible to the guest: `host` on the host, seen by the
 * guest under `guest`.  Both strings are owned by the config. */
struct wx_cli_preopen {
	char *host;
	char *guest;
};

struct wx_cli_config {
	enum wx_cli_command command;

	struct wx_cli_preopen *dirs; /* --dir and --mapdir, in order given */
	size_t ndirs;

	const char **env; /* --env "K=V" strings (argv's or environ's) */
	size_t nenv;

	const char *invoke; /* --invoke NAME, or NULL for _start */
	/* --max-memory, --max-table, --max-fds, --max-procs,
	 * --max-threads; 0 fields: the defaults (runtime/limits.h) */
	struct wx_guest_limits limits;
	const char *cwd;      /* --cwd DIR (guest path), or NULL for "/" */

	/* network (netpolicy.c): --net, --net-dns, --net-unix, and the
	 * --net-listen / --net-connect rules (argv strings) */
	bool net_all, net_dns, net_unix;
	const char **net_listen;
	size_t nnet_listen;
	const char **net_connect;
	size_t nnet_connect;
	const char **tcplisten; /* --tcplisten ADDR:PORT, in order given */
	size_t ntcplisten;
	uint64_t timeout_ms;  /* --timeout SECONDS, or 0 for none */
	int grace_ms;       /* --grace, in ms; -1: the default */
	bool keep_daemons;  /* --keep-daemons */
	bool trace;             /* --trace, --trace-file, WASIXRT_TRACE */
	const char *trace_file; /* --trace-file PATH, or NULL: stderr */
	bool report;            /* --report */
	const char *tier;   /* --tier interp|native|auto, NULL: auto */
	bool no_cache;      /* --no-cache */
	const char *out;    /* compile -o OUT */
	const char *opt;    /* compile -O0..-O3 (default -O2) */
	bool verbose;       /* compile -v */
	const char *cache_cmd; /* cache clear|dir */

	const char *file;  /* the module */
	int implicit_run;  /* FILE came first, without `run` */
	char **args;       /* what follows FILE: guest argv[1..] or the
			    * parameters of the --invoke function */
	int nargs;
};

/* Parse argv (argv[0] is the program name).  Returns 0 and fills `cfg`,
 * or -1 with a one-line reason in `err` (a usage error: exit 2).  `cfg`
 * must be released with wx_cli_config_fini in both cases. */
int wx_cli_parse(int argc, char **argv, struct wx_cli_config *cfg,
		 char *err, size_t errlen);
void wx_cli_config_fini(struct wx_cli_config *cfg);

/* The usage text, generated from the option table. */
void wx_cli_print_help(FILE *out);

#endif
