/*
 * api_test.c - tests of the embedding API (include/wasixrt.h) against the
 * modules tests/capi/run.sh assembles into DIR:
 *
 *   api_test DIR
 *
 * Errors as values (bad bytes, missing file, missing export, wrong
 * arguments, link errors), traps as objects (message, backtrace, exit
 * codes, start-function traps, interrupts), host functions (results,
 * memory access, traps, finalizers), WASI instances, wasixrt_run in a
 * child (output, exit status, timeout, config errors).
 * Prints "api: N passed, F failed"; exits 1 if anything failed.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wasixrt.h"

static int passed, failed;
static const char *dir;

#define CHECK(cond)                                                         \
	do {                                                                \
		if (cond) {                                                 \
			passed++;                                           \
		} else {                                                    \
			failed++;                                           \
			fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__,       \
				__LINE__, #cond);                           \
		}                                                           \
	} while (0)

/* An error whose message contains `part`: consumed. */
static bool error_says(wasixrt_error_t *e, const char *part)
{
	bool ok = e != NULL && strstr(wasixrt_error_message(e), part) != NULL;

	if (e != NULL && !ok)
		fprintf(stderr, "  error was: %s\n", wasixrt_error_message(e));
	wasixrt_error_delete(e);
	return ok;
}

static wasixrt_module_t *load(const char *name)
{
	char path[512];
	wasixrt_module_t *m = NULL;
	wasixrt_error_t *e;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	e = wasixrt_module_load(path, &m);
	if (e != NULL) {
		fprintf(stderr, "cannot load %s: %s\n", path,
			wasixrt_error_message(e));
		wasixrt_error_delete(e);
		exit(1);
	}
	return m;
}

static wasixrt_val_t i32(int32_t v)
{
	wasixrt_val_t x;
	memset(&x, 0, sizeof(x));
	x.kind = WASIXRT_I32;
	x.of.i32 = v;
	return x;
}

/* ---- host functions ---- */

struct counter {
	int calls;
	int finalized;
};

static wasixrt_trap_t *host_add(void *env, wasixrt_caller_t *caller,
				const wasixrt_val_t *args,
				wasixrt_val_t *results)
{
	struct counter *c = env;
	(void)caller;
	c->calls++;
	results[0].of.i32 = args[0].of.i32 + args[1].of.i32;
	return NULL;
}

static wasixrt_trap_t *host_fail(void *env, wasixrt_caller_t *caller,
				 const wasixrt_val_t *args,
				 wasixrt_val_t *results)
{
	(void)env;
	(void)caller;
	(void)args;
	(void)results;
	return wasixrt_trap_new("the host says no");
}

static wasixrt_trap_t *host_peek(void *env, wasixrt_caller_t *caller,
				 const wasixrt_val_t *args,
				 wasixrt_val_t *results)
{
	size_t size;
	uint8_t *mem = wasixrt_caller_memory(caller, &size);
	uint32_t addr = (uint32_t)args[0].of.i32;
	(void)env;
	if (mem == NULL || addr + 4 > size)
		return wasixrt_trap_new("peek out of range");
	results[0].of.i32 = mem[addr] | mem[addr + 1] << 8 |
			    mem[addr + 2] << 16 | mem[addr + 3] << 24;
	return NULL;
}

static void finalize(void *env)
{
	((struct counter *)env)->finalized++;
}

/* A linker with calc.wasm's three host functions. */
static wasixrt_linker_t *calc_linker(struct counter *c)
{
	wasixrt_valkind_t ii[] = { WASIXRT_I32, WASIXRT_I32 };
	wasixrt_valkind_t i[] = { WASIXRT_I32 };
	wasixrt_linker_t *l = wasixrt_linker_new();

	CHECK(wasixrt_linker_define_func(l, "env", "host_add", ii, 2, i, 1,
					 host_add, c, finalize) == NULL);
	CHECK(wasixrt_linker_define_func(l, "env", "host_fail", NULL, 0, NULL,
					 0, host_fail, NULL, NULL) == NULL);
	CHECK(wasixrt_linker_define_func(l, "env", "host_peek", i, 1, i, 1,
					 host_peek, NULL, NULL) == NULL);
	return l;
}

static void test_errors(void)
{
	static const uint8_t garbage[] = "this is not wasm";
	static const uint8_t truncated[] = { 0, 'a', 's', 'm', 1, 0 };
	static const uint8_t empty_module[] = { 0, 'a', 's', 'm', 1, 0, 0, 0 };
	wasixrt_module_t *m = (wasixrt_module_t *)1;
	wasixrt_error_t *e;

	e = wasixrt_module_new(garbage, sizeof(garbage), &m);
	CHECK(wasixrt_error_kind(e) == WASIXRT_ERR_MODULE);
	CHECK(error_says(e, "magic"));
	CHECK(m == NULL);
	CHECK(error_says(wasixrt_module_validate(truncated, sizeof(truncated)),
			 "offset"));
	CHECK(wasixrt_module_validate(empty_module, sizeof(empty_module)) ==
	      NULL);
	CHECK(error_says(wasixrt_module_load("/nonexistent/x.wasm", &m),
			 "cannot read /nonexistent/x.wasm"));
	CHECK(m == NULL);
}

static void test_calls(void)
{
	struct counter c = { 0, 0 };
	wasixrt_module_t *m = load("calc.wasm");
	wasixrt_linker_t *l = calc_linker(&c);
	wasixrt_instance_t *in = NULL;
	wasixrt_trap_t *trap = NULL;
	wasixrt_val_t args[3], res[2];
	wasixrt_valkind_t pk[3], rk[2];
	size_t np, nr, size;
	uint32_t idx, off;
	const char *name;

	CHECK(wasixrt_instance_new(l, m, &in, &trap) == NULL);
	CHECK(in != NULL && trap == NULL);
	/* The instance keeps both alive. */
	wasixrt_linker_delete(l);
	wasixrt_module_delete(m);
	if (in == NULL)
		return;

	args[0] = i32(2);
	args[1] = i32(40);
	CHECK(wasixrt_instance_call(in, "add", args, 2, res, 1, &trap) ==
	      NULL);
	CHECK(trap == NULL && res[0].kind == WASIXRT_I32 &&
	      res[0].of.i32 == 42);

	CHECK(wasixrt_instance_func_type(in, "mix", &np, pk, &nr, rk));
	CHECK(np == 3 && nr == 2 && pk[0] == WASIXRT_I64 &&
	      pk[1] == WASIXRT_F32 && pk[2] == WASIXRT_F64 &&
	      rk[0] == WASIXRT_F64 && rk[1] == WASIXRT_I64);
	args[0].kind = WASIXRT_I64;
	args[0].of.i64 = 1LL << 40;
	args[1].kind = WASIXRT_F32;
	args[1].of.f32 = 1.5f;
	args[2].kind = WASIXRT_F64;
	args[2].of.f64 = 0.25;
	CHECK(wasixrt_instance_call(in, "mix", args, 3, res, 2, &trap) ==
	      NULL);
	CHECK(trap == NULL && res[0].of.f64 == 1.75 &&
	      res[1].of.i64 == 1LL << 41);

	/* Errors as values. */
	CHECK(error_says(wasixrt_instance_call(in, "nope", NULL, 0, NULL, 0,
					       &trap),
			 "no export named \"nope\""));
	CHECK(error_says(wasixrt_instance_call(in, "g", NULL, 0, NULL, 0,
					       &trap),
			 "not a function"));
	CHECK(error_says(wasixrt_instance_call(in, "add", args, 1, res, 1,
					       &trap),
			 "takes 2 arguments"));
	args[0] = i32(1);
	args[1].kind = WASIXRT_F32;
	CHECK(error_says(wasixrt_instance_call(in, "add", args, 2, res, 1,
					       &trap),
			 "argument 2 of \"add\" is a f32, expected i32"));
	CHECK(!wasixrt_instance_func_type(in, "nope", &np, NULL, &nr, NULL));

	/* A trap three calls deep, with the whole backtrace. */
	args[0] = i32(0);
	CHECK(wasixrt_instance_call(in, "deep", args, 1, res, 1, &trap) ==
	      NULL);
	CHECK(trap != NULL);
	if (trap != NULL) {
		CHECK(strstr(wasixrt_trap_message(trap),
			     "integer divide by zero") != NULL);
		CHECK(strstr(wasixrt_trap_message(trap), "inner") != NULL);
		CHECK(!wasixrt_trap_exit_code(trap, NULL));
		CHECK(wasixrt_trap_frame_count(trap) == 3);
		CHECK(wasixrt_trap_frame(trap, 0, &idx, &name, &off) &&
		      name != NULL && strcmp(name, "inner") == 0 &&
		      idx == 5 && off != 0);
		CHECK(wasixrt_trap_frame(trap, 1, &idx, &name, &off) &&
		      name != NULL && strcmp(name, "middle") == 0 &&
		      idx == 6 && off != 0);
		CHECK(wasixrt_trap_frame(trap, 2, &idx, &name, &off) &&
		      name != NULL && strcmp(name, "outer") == 0 &&
		      idx == 7);
		CHECK(!wasixrt_trap_frame(trap, 3, &idx, &name, &off));
		/* Each caller's offset is its call instruction: inner, middle
		 * and outer lie in that order in the code section. */
		{
			uint32_t o0 = 0, o1 = 0, o2 = 0;
			wasixrt_trap_frame(trap, 0, NULL, NULL, &o0);
			wasixrt_trap_frame(trap, 1, NULL, NULL, &o1);
			wasixrt_trap_frame(trap, 2, NULL, NULL, &o2);
			CHECK(o0 < o1 && o1 < o2 && o2 - o0 < 32);
		}
		wasixrt_trap_delete(trap);
	}
	/* The instance is usable after a trap. */
	args[0] = i32(4);
	CHECK(wasixrt_instance_call(in, "deep", args, 1, res, 1, &trap) ==
	      NULL);
	CHECK(trap == NULL && res[0].of.i32 == 2);

	/* Host functions. */
	args[0] = i32(5);
	CHECK(wasixrt_instance_call(in, "use_host", args, 1, res, 1, &trap) ==
	      NULL);
	CHECK(trap == NULL && res[0].of.i32 == 16 && c.calls == 1);
	CHECK(wasixrt_instance_call(in, "peek", NULL, 0, res, 1, &trap) ==
	      NULL);
	CHECK(trap == NULL && res[0].of.i32 == 42);
	CHECK(wasixrt_instance_call(in, "fail_host", NULL, 0, NULL, 0,
				    &trap) == NULL);
	CHECK(trap != NULL);
	if (trap != NULL) {
		CHECK(strstr(wasixrt_trap_message(trap),
			     "the host says no") != NULL);
		CHECK(wasixrt_trap_frame_count(trap) == 1);
		wasixrt_trap_delete(trap);
	}
	CHECK(wasixrt_instance_memory(in, "memory", &size) != NULL &&
	      size == 65536);
	CHECK(wasixrt_instance_memory(in, "nope", &size) == NULL);

	CHECK(c.finalized == 0);
	wasixrt_instance_delete(in);
	CHECK(c.finalized == 1);
}

static void test_instantiation(void)
{
	wasixrt_module_t *m = load("start_trap.wasm");
	wasixrt_linker_t *l = wasixrt_linker_new();
	wasixrt_instance_t *in = (wasixrt_instance_t *)1;
	wasixrt_trap_t *trap = NULL;
	wasixrt_error_t *e;

	CHECK(wasixrt_instance_new(l, m, &in, &trap) == NULL);
	CHECK(in == NULL && trap != NULL);
	if (trap != NULL) {
		CHECK(strstr(wasixrt_trap_message(trap), "unreachable") !=
		      NULL);
		wasixrt_trap_delete(trap);
	}
	wasixrt_module_delete(m);

	m = load("needs_import.wasm");
	e = wasixrt_instance_new(l, m, &in, &trap);
	CHECK(wasixrt_error_kind(e) == WASIXRT_ERR_LINK);
	CHECK(error_says(e, "nowhere"));
	CHECK(in == NULL);
	wasixrt_module_delete(m);
	wasixrt_linker_delete(l);
}

/* A WASI instance: _start's proc_exit comes back as an exit "trap". */
static void test_wasi_instance(void)
{
	wasixrt_module_t *m = load("hello.wasm");
	wasixrt_config_t *c = wasixrt_config_new();
	wasixrt_linker_t *l = wasixrt_linker_new();
	wasixrt_instance_t *in = NULL;
	wasixrt_trap_t *trap = NULL;
	char buf[64] = "";
	int p[2], code = -1;
	ssize_t n;

	CHECK(pipe(p) == 0);
	wasixrt_config_stdio(c, -1, p[1], 2);
	CHECK(wasixrt_config_arg(c, "hello") == NULL);
	CHECK(wasixrt_config_arg(c, "one") == NULL);
	CHECK(error_says(wasixrt_config_env(c, "A=B", "x"), "contains '='"));
	CHECK(wasixrt_linker_define_wasi(l, c) == NULL);
	CHECK(error_says(wasixrt_linker_define_wasi(l, c), "already"));
	wasixrt_config_delete(c);
	CHECK(wasixrt_instance_new(l, m, &in, &trap) == NULL && in != NULL);
	if (in != NULL) {
		CHECK(wasixrt_instance_call(in, "_start", NULL, 0, NULL, 0,
					    &trap) == NULL);
		CHECK(trap != NULL && wasixrt_trap_exit_code(trap, &code) &&
		      code == 3);
		wasixrt_trap_delete(trap);
		wasixrt_instance_delete(in);
	}
	close(p[1]);
	n = read(p[0], buf, sizeof(buf) - 1);
	close(p[0]);
	CHECK(n == 14 && strcmp(buf, "hello, argc=2\n") == 0);
	wasixrt_linker_delete(l);
	wasixrt_module_delete(m);
}

static void *interrupter(void *arg)
{
	usleep(50000);
	wasixrt_instance_interrupt(arg);
	return NULL;
}

static void test_interrupt(void)
{
	struct counter c = { 0, 0 };
	wasixrt_module_t *m = load("calc.wasm");
	wasixrt_linker_t *l = calc_linker(&c);
	wasixrt_instance_t *in = NULL;
	wasixrt_trap_t *trap = NULL;
	pthread_t th;

	CHECK(wasixrt_instance_new(l, m, &in, &trap) == NULL && in != NULL);
	if (in != NULL) {
		CHECK(pthread_create(&th, NULL, interrupter, in) == 0);
		CHECK(wasixrt_instance_call(in, "spin", NULL, 0, NULL, 0,
					    &trap) == NULL);
		pthread_join(th, NULL);
		CHECK(trap != NULL &&
		      strstr(wasixrt_trap_message(trap), "interrupt") != NULL);
		wasixrt_trap_delete(trap);
		wasixrt_instance_delete(in);
	}
	wasixrt_linker_delete(l);
	wasixrt_module_delete(m);
	CHECK(c.finalized == 1);
}

/* wasixrt_run in a child process. */
static void test_run(void)
{
	wasixrt_module_t *m = load("hello.wasm");
	wasixrt_module_t *spin = load("spin_start.wasm");
	wasixrt_module_t *calc = load("calc.wasm");
	wasixrt_config_t *c = wasixrt_config_new();
	char path[512], buf[64] = "";
	wasixrt_error_t *e;
	int fd, status = -1, ws;
	pid_t pid, self;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/run.out", dir);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	wasixrt_config_stdio(c, -1, fd, 2);
	CHECK(wasixrt_config_arg(c, "hello.wasm") == NULL);
	CHECK(wasixrt_run(m, c, WASIXRT_RUN_IN_CHILD, &status) == NULL);
	CHECK(status == 3);
	n = pread(fd, buf, sizeof(buf) - 1, 0);
	CHECK(n == 14 && strcmp(buf, "hello, argc=1\n") == 0);
	close(fd);

	/* In the calling process: done in a child of the test, since the
	 * run takes over process-wide state (signals, the pid table). */
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	wasixrt_config_stdio(c, -1, fd, 2);
	pid = fork();
	if (pid == 0) {
		self = getpid(); /* the run returns here, not in a fork */
		e = wasixrt_run(m, c, WASIXRT_RUN_IN_PROCESS, &status);
		_exit(e == NULL && status == 3 && getpid() == self ? 0 : 1);
	}
	CHECK(pid > 0 && waitpid(pid, &ws, 0) == pid && WIFEXITED(ws) &&
	      WEXITSTATUS(ws) == 0);
	memset(buf, 0, sizeof(buf));
	n = pread(fd, buf, sizeof(buf) - 1, 0);
	CHECK(n == 14 && strcmp(buf, "hello, argc=1\n") == 0);
	close(fd);

	CHECK(error_says(wasixrt_run(calc, c, WASIXRT_RUN_IN_CHILD, &status),
			 "no _start"));
	CHECK(error_says(wasixrt_run(m, c, 42, &status), "unknown flags"));
	wasixrt_config_timeout(c, 200);
	e = wasixrt_run(spin, c, WASIXRT_RUN_IN_CHILD, &status);
	CHECK(wasixrt_error_kind(e) == WASIXRT_ERR_TIMEOUT);
	CHECK(error_says(e, "timed out after 200 ms"));
	CHECK(error_says(wasixrt_run(spin, c, WASIXRT_RUN_IN_PROCESS,
				     &status),
			 "needs WASIXRT_RUN_IN_CHILD"));
	wasixrt_config_timeout(c, 0);
	CHECK(wasixrt_config_preopen(c, "/nonexistent-dir", "/x") == NULL);
	CHECK(error_says(wasixrt_run(m, c, WASIXRT_RUN_IN_CHILD, &status),
			 "nonexistent-dir"));
	CHECK(error_says(wasixrt_config_limits(c, 5000, 0), "4096"));
	wasixrt_config_delete(c);
	wasixrt_module_delete(m);
	wasixrt_module_delete(spin);
	wasixrt_module_delete(calc);
}

/* wasixrt_config_set_limit: checked values; a linker's instances obey
 * its config's memory bound; a run refuses arguments past ARG_MAX. */
static void test_limits(void)
{
	wasixrt_module_t *m = load("bound_mem.wasm");
	wasixrt_module_t *hello = load("hello.wasm");
	wasixrt_config_t *c = wasixrt_config_new();
	wasixrt_linker_t *l = wasixrt_linker_new();
	wasixrt_instance_t *in = NULL;
	wasixrt_trap_t *trap = NULL;
	wasixrt_val_t r;
	int status = -1;

	CHECK(error_says(wasixrt_config_set_limit(c, WASIXRT_LIMIT_MEMORY,
						  1000),
			 "from 64 KiB to 4 GiB"));
	CHECK(error_says(wasixrt_config_set_limit(c, WASIXRT_LIMIT_FDS, 2),
			 "from 4"));
	CHECK(error_says(wasixrt_config_set_limit(c, (wasixrt_limit_t)99, 1),
			 "unknown limit"));
	CHECK(wasixrt_config_set_limit(c, WASIXRT_LIMIT_MEMORY, 64 << 10) ==
	      NULL);
	CHECK(wasixrt_linker_define_wasi(l, c) == NULL);
	CHECK(error_says(wasixrt_instance_new(l, m, &in, &trap),
			 "memory 0 needs 128 KiB at start, above the limit "
			 "of 64 KiB"));
	CHECK(in == NULL);
	wasixrt_linker_delete(l);

	l = wasixrt_linker_new();
	CHECK(wasixrt_config_set_limit(c, WASIXRT_LIMIT_MEMORY, 3 << 16) ==
	      NULL);
	CHECK(wasixrt_linker_define_wasi(l, c) == NULL);
	CHECK(wasixrt_instance_new(l, m, &in, &trap) == NULL && in != NULL);
	if (in != NULL) {
		CHECK(wasixrt_instance_call(in, "grow", NULL, 0, &r, 1,
					    &trap) == NULL &&
		      trap == NULL && r.of.i32 == 2);
		CHECK(wasixrt_instance_call(in, "grow", NULL, 0, &r, 1,
					    &trap) == NULL &&
		      trap == NULL && r.of.i32 == -1);
		wasixrt_instance_delete(in);
	}
	wasixrt_linker_delete(l);

	CHECK(wasixrt_config_arg(c, "hello.wasm") == NULL);
	CHECK(wasixrt_config_set_limit(c, WASIXRT_LIMIT_ARG_BYTES, 8) == NULL);
	CHECK(error_says(wasixrt_run(hello, c, WASIXRT_RUN_IN_CHILD, &status),
			 "above the limit of 8 bytes (ARG_MAX)"));
	CHECK(wasixrt_config_set_limit(c, WASIXRT_LIMIT_ARG_BYTES, 0) == NULL);
	wasixrt_config_stdio(c, -1, -1, 2);
	CHECK(wasixrt_run(hello, c, WASIXRT_RUN_IN_CHILD, &status) == NULL &&
	      status == 3);
	wasixrt_config_delete(c);
	wasixrt_module_delete(m);
	wasixrt_module_delete(hello);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: api_test DIR\n");
		return 2;
	}
	dir = argv[1];
	CHECK(strcmp(wasixrt_version(), WASIXRT_VERSION) == 0);
	test_errors();
	test_calls();
	test_instantiation();
	test_wasi_instance();
	test_interrupt();
	test_run();
	test_limits();
	printf("api: %d passed, %d failed\n", passed, failed);
	return failed != 0;
}
