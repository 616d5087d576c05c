/*
 * test_wasix_regress.c - WASIX host calls that fuzz_hostcall found broken,
 * called directly on a process record as the harness makes one (no
 * running WASIX process: wx_proc_self is NULL, as for an embedder's
 * instance).
 */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "runtime/runtime.h"
#include "wasi/wasi.h"
#include "wasix/internal.h"

struct env {
	struct wx_thread thread;
	struct wx_proc proc;
	struct wx_memory *mem;
	struct wx_wasi *wasi;
	struct wx_linker l;
	struct wx_module dummy;
};

static int env_init(struct env *e)
{
	struct wx_wasi_config wc;
	struct wx_report r = {0};
	struct wx_memtype mt;
	memset(e, 0, sizeof(*e));
	memset(&mt, 0, sizeof(mt));
	mt.limits.min = mt.limits.max = 1;
	mt.limits.has_max = true;
	if (wx_thread_init(&e->thread, 1u << 12, 1u << 8) != 0 ||
	    wx_memory_create(&mt, &e->mem) != 0)
		return -1;
	wx_wasi_config_init(&wc);
	if (wx_wasi_create(&wc, &e->wasi, &r) != 0)
		return -1;
	wx_wasi_set_memory(e->wasi, e->mem);
	e->proc.pid = 1;
	e->proc.wasi = e->wasi;
	e->proc.thread = &e->thread;
	wx_threads_init(&e->proc, 4);
	wx_linker_init(&e->l);
	return wx_wasix_define(&e->l, &e->proc, &e->dummy);
}

/* Call wasix_32v1's `name`; its errno, or UINT32_MAX if it cannot be. */
static uint32_t call(struct env *e, const char *name, uint64_t *args)
{
	const struct wx_extern *x =
		wx_linker_lookup(&e->l, "wasix_32v1", name, NULL);
	if (x == NULL || x->u.func->host(&e->thread, x->u.func->host_ctx,
					 args) != 0)
		return UINT32_MAX;
	return (uint32_t)args[0];
}

/* thread_local_destroy of a key holding a value looked up the destructor's
 * name in wx_proc_self, NULL outside a running process: a NULL
 * dereference (UBSan "member access within null pointer"). */
WX_TEST(regress_thread_local_destroy_outside_a_process)
{
	struct env e;
	uint64_t create[2] = {5, 64}, set[2], destroy[1];
	uint32_t key;
	CHECK(env_init(&e) == 0);
	CHECK(call(&e, "thread_local_create", create) == 0);
	memcpy(&key, e.mem->base + 64, 4);
	CHECK(key != 0);
	set[0] = key;
	set[1] = 7;
	CHECK(call(&e, "thread_local_set", set) == 0);
	destroy[0] = key;
	CHECK(call(&e, "thread_local_destroy", destroy) == 0);
	wx_linker_fini(&e.l);
	wx_threads_fini(&e.proc);
	wx_wasi_destroy(e.wasi);
	wx_memory_release(e.mem);
	wx_thread_fini(&e.thread);
}
