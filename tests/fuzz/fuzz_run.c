/*
 * fuzz_run.c - libFuzzer harness: any bytes as a module, instantiated and
 * run.  Every import is bound to a stub of its own type (functions return
 * zeros, memories, tables and globals are created as declared), the start
 * function runs, then every exported function is called with zero or
 * input-derived arguments.  Traps are fine; crashes, sanitizer reports and
 * hangs are not.
 *
 * CPU bound: a watchdog thread raises the interrupt word
 * (WX_INTR_TIMEOUT) of the running thread once a call has run for
 * CALL_MS; with no on_interrupt hook the interpreter then stops with the
 * WX_TRAP_INTERRUPTED trap at its next call or loop back-edge.
 * Memory bound: modules whose memories or tables start large are skipped
 * (their growth stays bounded by libFuzzer's -rss_limit_mb).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "runtime/runtime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CALL_MS 50
#define MAX_INIT_PAGES 64
#define MAX_INIT_ELEMS 100000
#define MAX_CALLS 32

static struct wx_thread thread;
static volatile int64_t deadline_ms; /* 0: no call running */

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *watchdog(void *arg)
{
	(void)arg;
	for (;;) {
		int64_t d = __atomic_load_n(&deadline_ms, __ATOMIC_ACQUIRE);
		if (d != 0 && now_ms() > d)
			__atomic_or_fetch(&thread.interrupt, WX_INTR_TIMEOUT,
					  __ATOMIC_SEQ_CST);
		usleep(5000);
	}
	return NULL;
}

static void arm(void)
{
	__atomic_and_fetch(&thread.interrupt, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&deadline_ms, now_ms() + CALL_MS, __ATOMIC_RELEASE);
}

static void disarm(void)
{
	__atomic_store_n(&deadline_ms, 0, __ATOMIC_RELEASE);
	__atomic_and_fetch(&thread.interrupt, 0, __ATOMIC_SEQ_CST);
}

static int stub(struct wx_thread *t, void *ctx, uint64_t *args)
{
	const struct wx_functype *ft = ctx;
	uint32_t n = ft->nparams > ft->nresults ? ft->nparams : ft->nresults;
	(void)t;
	memset(args, 0, n * sizeof(*args));
	return 0;
}

static bool too_big(const struct wx_module *m)
{
	uint32_t i;
	for (i = 0; i < m->nmems; i++)
		if (m->mems[i].limits.min > MAX_INIT_PAGES)
			return true;
	for (i = 0; i < m->ntables; i++)
		if (m->tables[i].limits.min > MAX_INIT_ELEMS)
			return true;
	return false;
}

/* Bind every import of `m` in `l`; the function records go to funcs. */
static int bind_imports(const struct wx_module *m, struct wx_linker *l,
			struct wx_func *funcs)
{
	uint32_t i, nf = 0;
	for (i = 0; i < m->nimports; i++) {
		const struct wx_import *im = &m->imports[i];
		struct wx_extern ext;
		int rc = 0;
		memset(&ext, 0, sizeof(ext));
		ext.kind = im->kind;
		switch (im->kind) {
		case WX_EXTERN_FUNC: {
			struct wx_func *f = &funcs[nf++];
			memset(f, 0, sizeof(*f));
			f->type = m->types[im->u.typeidx];
			f->host = stub;
			f->host_ctx = (void *)f->type;
			f->host_name = "fuzz.stub";
			ext.u.func = f;
			break;
		}
		case WX_EXTERN_MEMORY:
			rc = wx_memory_create(&im->u.mem, &ext.u.memory);
			break;
		case WX_EXTERN_TABLE:
			rc = wx_table_create(&im->u.table, 0, &ext.u.table);
			break;
		case WX_EXTERN_GLOBAL: {
			uint64_t val[2] = {0, 0};
			rc = wx_global_create(im->u.global, val,
					      &ext.u.global);
			break;
		}
		default:
			return -1;
		}
		if (rc != 0)
			return rc;
		rc = wx_linker_define(l, im->module_name, im->name, &ext);
		/* The linker holds its own reference now. */
		if (im->kind == WX_EXTERN_MEMORY)
			wx_memory_release(ext.u.memory);
		else if (im->kind == WX_EXTERN_TABLE)
			wx_table_release(ext.u.table);
		else if (im->kind == WX_EXTERN_GLOBAL)
			wx_global_release(ext.u.global);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static pthread_t wd;
	static bool started;
	struct wx_report r;
	struct wx_module *m = NULL;
	struct wx_instance *inst = NULL;
	struct wx_linker l;
	struct wx_func *funcs;
	uint32_t i, calls = 0;
	int rc;

	if (!started) {
		if (wx_thread_init(&thread, 1u << 16, 1u << 12) != 0 ||
		    pthread_create(&wd, NULL, watchdog, NULL) != 0)
			abort();
		started = true;
	}
	memset(&r, 0, sizeof(r));
	if (wx_module_load(data, size, &m, &r) != 0)
		return 0;
	if (too_big(m)) {
		wx_module_destroy(m);
		return 0;
	}
	funcs = calloc(m->nimports ? m->nimports : 1, sizeof(*funcs));
	if (funcs == NULL)
		abort();
	wx_linker_init(&l);
	rc = bind_imports(m, &l, funcs);
	if (rc == 0) {
		arm();
		rc = wx_instance_create(m, &l, &thread, &inst, &r);
		disarm();
	}
	if (inst != NULL && rc == 0) {
		for (i = 0; i < m->nexports && calls < MAX_CALLS; i++) {
			const struct wx_export *e = &m->exports[i];
			struct wx_extern ext;
			uint64_t args[64];
			uint32_t k, n;
			if (e->kind != WX_EXTERN_FUNC ||
			    !wx_instance_export(inst, e->name, &ext))
				continue;
			n = ext.u.func->type->nparams;
			if (ext.u.func->type->nresults > n)
				n = ext.u.func->type->nresults;
			if (n > 64)
				continue;
			/* Arguments: zeros, or the module's own last bytes
			 * (something the fuzzer steers). */
			for (k = 0; k < n; k++)
				args[k] = size > k ? data[size - 1 - k] : 0;
			calls++;
			arm();
			wx_call(&thread, ext.u.func, args);
			disarm();
		}
	}
	if (inst != NULL)
		wx_instance_destroy(inst);
	wx_linker_fini(&l);
	free(funcs);
	wx_module_destroy(m);
	return 0;
}
