/*
 * wasix.h - run a program as a WASIX process tree: the entry point the CLI
 * (and embedders) call to run a module with WASI, the wasix_32v1
 * namespace and the process model of design.md.
 *
 * One WASIX process is one host process.  wx_process_main runs the first
 * program as pid 1 and returns only when that process ends (its exit
 * status); processes it forks live in host children.  It installs a shared
 * pid table for the run, so it must be called once per run, from a process
 * whose forking is acceptable (design.md: an embedder that must not be
 * forked runs this in a child process).
 */
#ifndef WX_WASIX_H
#define WX_WASIX_H

#include "../wasi/wasi.h"

/* The network a run may use (netpolicy.c).  Nothing by default. */
struct wx_net_config {
	bool all;          /* --net: every address, names, AF_UNIX */
	bool dns;          /* --net-dns: resolve */
	bool unix_sockets; /* --net-unix: AF_UNIX bind/connect */
	/* --net-listen / --net-connect rules, "ADDR:PORT" (wx_net_rule_check) */
	const char *const *listen;
	size_t nlisten;
	const char *const *connect;
	size_t nconnect;
};

/* Check a rule: ADDR is an IPv4 literal, a bracketed IPv6 literal or
 * `*`; PORT a number, `LO-HI` or `*`.  0, or -1 with a reason in err. */
int wx_net_rule_check(const char *spec, char *err, size_t errlen);

struct wx_process_config {
	const char *path;             /* host path of the first program */
	/* The first program already loaded (taken over), or NULL to load
	 * `path`; path then only names it. */
	struct wx_module *module;
	struct wx_wasi_config wasi;   /* args (argv[0] included), env, dirs */
	/* Bounds of the guest (runtime/limits.h); 0 fields: defaults.
	 * wasi.max_fds and wasi.max_arg_bytes are taken from here. */
	struct wx_guest_limits limits;
	struct wx_net_config net;
	const char *cwd;              /* working directory (guest path);
				       * NULL: "/" */
};

/* Run the program and its descendants; returns the host exit status of
 * the first process: its exit code (0-255), 134 after a trap, 1 when it
 * cannot be loaded (with the message printed to stderr). */
int wx_process_main(const struct wx_process_config *c);

/* Loads the program at host path `path` as wx_process_main would: 0, or
 * 1 with the message printed to stderr. */
int wx_process_load(const char *path, struct wx_module **mp);

/* Whether module m can make other processes (it imports a proc_fork,
 * proc_exec or proc_spawn): a run of one that cannot needs no supervisor
 * (run_lifetime.h). */
bool wx_module_makes_processes(const struct wx_module *m);

#endif
