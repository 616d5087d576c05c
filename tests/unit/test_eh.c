/*
 * test_eh.c - exception handling across host frames and the reclamation
 * of exception objects (runtime/exn.c), which the spec suite cannot show:
 * its host functions never call back into wasm, and it never looks at
 * how many exceptions a thread still holds.
 */
#include <stdint.h>
#include <string.h>

#include "../../src/runtime/runtime.h"
#include "unit.h"

/*
 * (type 0 (func))  (type 1 (func (param i32)))  (type 2 (func (result i32)))
 * (type 3 (func (param i32) (result i32)))
 * (import "host" "cb" (func 0 (type 0)))
 * (tag 0 (type 1))
 * (func "thrower" (type 0) (throw 0 (i32.const 5)))
 * (func "outer" (type 2)
 *   (block (result i32) (try_table (catch 0 0) (call 0)) (i32.const -1)))
 * (func "bare" (type 0) (call 0))
 * (func "churn" (type 3)   ;; throw and catch n times
 *   (loop (block (result i32) (try_table (catch 0 0) (throw 0 (local.get 0)))
 *          (unreachable)) (drop)
 *         (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
 *   (i32.const 7))
 */
static const uint8_t eh_module[] = {
	0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
	/* types */
	0x01, 0x11, 0x04, 0x60, 0x00, 0x00, 0x60, 0x01, 0x7f, 0x00, 0x60,
	0x00, 0x01, 0x7f, 0x60, 0x01, 0x7f, 0x01, 0x7f,
	/* import host.cb */
	0x02, 0x0b, 0x01, 0x04, 'h', 'o', 's', 't', 0x02, 'c', 'b', 0x00, 0x00,
	/* functions */
	0x03, 0x05, 0x04, 0x00, 0x02, 0x00, 0x03,
	/* tags */
	0x0d, 0x03, 0x01, 0x00, 0x01,
	/* exports */
	0x07, 0x22, 0x04,
	0x07, 't', 'h', 'r', 'o', 'w', 'e', 'r', 0x00, 0x01,
	0x05, 'o', 'u', 't', 'e', 'r', 0x00, 0x02,
	0x04, 'b', 'a', 'r', 'e', 0x00, 0x03,
	0x05, 'c', 'h', 'u', 'r', 'n', 0x00, 0x04,
	/* code */
	0x0a, 0x3f, 0x04,
	0x06, 0x00, 0x41, 0x05, 0x08, 0x00, 0x0b,
	0x10, 0x00, 0x02, 0x7f, 0x1f, 0x40, 0x01, 0x00, 0x00, 0x00, 0x10, 0x00,
	0x0b, 0x41, 0x7f, 0x0b, 0x0b,
	0x04, 0x00, 0x10, 0x00, 0x0b,
	0x20, 0x00, 0x03, 0x40, 0x02, 0x7f, 0x1f, 0x40, 0x01, 0x00, 0x00, 0x00,
	0x20, 0x00, 0x08, 0x00, 0x0b, 0x00, 0x0b, 0x1a, 0x20, 0x00, 0x41, 0x01,
	0x6b, 0x22, 0x00, 0x0d, 0x00, 0x0b, 0x41, 0x07, 0x0b,
};

struct eh_ctx {
	struct wx_func *thrower;
	int inner_status; /* what the callback's wx_call returned */
	bool swallow;     /* the callback returns 0 whatever happened */
};

/* A host function that calls back into wasm and passes on (or not) the
 * exception that call ends with. */
static int host_cb(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct eh_ctx *c = ctx;
	uint64_t slots[1] = {0};
	(void)args;
	c->inner_status = wx_call(t, c->thrower, slots);
	return c->swallow ? 0 : c->inner_status;
}

struct eh_fixture {
	struct wx_module *m;
	struct wx_linker l;
	struct wx_thread t;
	struct wx_instance *inst;
	struct eh_ctx ctx;
};

static bool eh_setup(struct eh_fixture *f)
{
	static const struct wx_hostfunc_def defs[] = {{"cb", "()", host_cb}};
	struct wx_report r = {0};
	struct wx_extern ext;
	memset(f, 0, sizeof(*f));
	if (wx_module_load(eh_module, sizeof(eh_module), &f->m, &r) != 0)
		return false;
	wx_linker_init(&f->l);
	if (wx_thread_init(&f->t, 0, 0) != 0 ||
	    wx_linker_define_host(&f->l, "host", defs, 1, &f->ctx) != 0 ||
	    wx_instance_create(f->m, &f->l, &f->t, &f->inst, &r) != 0)
		return false;
	if (!wx_instance_export(f->inst, "thrower", &ext))
		return false;
	f->ctx.thrower = ext.u.func;
	return true;
}

static void eh_teardown(struct eh_fixture *f)
{
	wx_instance_destroy(f->inst);
	wx_linker_fini(&f->l);
	wx_thread_fini(&f->t);
	wx_module_destroy(f->m);
}

static int eh_call(struct eh_fixture *f, const char *name, uint64_t *slots)
{
	struct wx_extern ext;
	if (!wx_instance_export(f->inst, name, &ext))
		return -100;
	return wx_call(&f->t, ext.u.func, slots);
}

/* wasm -> host -> wasm throws: the exception goes through the host frame
 * and the outer wasm's try_table catches it, payload intact. */
WX_TEST(eh_crosses_host_frame)
{
	struct eh_fixture f;
	uint64_t slots[1] = {0};
	CHECK(eh_setup(&f));
	if (f.inst == NULL)
		return;
	CHECK(eh_call(&f, "outer", slots) == 0);
	CHECK(f.ctx.inner_status == WX_EEXCEPTION);
	CHECK((uint32_t)slots[0] == 5);
	/* A host function may also swallow it: the wasm caller goes on. */
	f.ctx.swallow = true;
	slots[0] = 0;
	CHECK(eh_call(&f, "outer", slots) == 0);
	CHECK((uint32_t)slots[0] == UINT32_MAX);
	eh_teardown(&f);
}

/* With no handler on the way, the exception leaves the outermost call as
 * WX_EEXCEPTION with the exception in t->exn; the frame stack is back to
 * where it was, so the thread can run again. */
WX_TEST(eh_uncaught_leaves_call)
{
	struct eh_fixture f;
	uint64_t slots[1] = {0};
	CHECK(eh_setup(&f));
	if (f.inst == NULL)
		return;
	CHECK(eh_call(&f, "bare", slots) == WX_EEXCEPTION);
	CHECK(f.t.exn != NULL && f.t.exn->n == 1 && f.t.exn->vals[0] == 5);
	CHECK(f.t.frame_top == f.t.frames);
	CHECK(wx_exn_uncaught(&f.t, WX_EEXCEPTION) == WX_ETRAP);
	CHECK(f.t.trap == WX_TRAP_UNCAUGHT_EXCEPTION);
	slots[0] = 0;
	CHECK(eh_call(&f, "outer", slots) == 0 && (uint32_t)slots[0] == 5);
	eh_teardown(&f);
}

/* Thrown and caught 100,000 times: the thread does not keep them all. */
WX_TEST(eh_exceptions_reclaimed)
{
	struct eh_fixture f;
	uint64_t slots[1] = {100000};
	CHECK(eh_setup(&f));
	if (f.inst == NULL)
		return;
	CHECK(eh_call(&f, "churn", slots) == 0);
	CHECK((uint32_t)slots[0] == 7);
	CHECK(f.t.nexns > 0 && f.t.nexns <= 2048);
	eh_teardown(&f);
}
