/*
 * mem64_test.c - memory64 cases the spec suite does not reach and wabt's
 * text format cannot write: memarg offsets past 2^32 and effective
 * addresses past 2^64 on a 64-bit memory, and i64 table indices past
 * 2^32 on a 64-bit table (which the compiler clamps to u32: a truncation
 * anywhere would turn each trap below into an access).  The modules are
 * built by hand; their text form is given above each.
 */
#include <stdint.h>
#include <string.h>

#include "../../src/runtime/runtime.h"
#include "unit.h"

/*
 * (memory i64 1)
 * (data (i64.const 0xfff0) "0123456789abcdef")
 * (func "ld_max" (param i64) (result i32)
 *   (i32.load8_u offset=0xffff_ffff_ffff_fff0 (local.get 0)))
 * (func "ld_4g" (param i64) (result i32)
 *   (i32.load8_u offset=0x1_0000_0000 (local.get 0)))
 * (func "st_4g" (param i64)
 *   (i64.store offset=0x1_0000_0000 (local.get 0) (i64.const -1)))
 * (func "v_max" (param i64) (result i64)
 *   (i64x2.extract_lane 0 (v128.load offset=0xffff_ffff_ffff_fff8
 *                                    (local.get 0))))
 * (func "ld" (param i64) (result i32) (i32.load8_u (local.get 0)))
 * (func "v_at" (param i64) (result i64)
 *   (i64x2.extract_lane 1 (v128.load (local.get 0))))
 */
static const uint8_t mem_module[] = {
	0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0f, 0x03, 0x60,
	0x01, 0x7e, 0x01, 0x7f, 0x60, 0x01, 0x7e, 0x00, 0x60, 0x01, 0x7e, 0x01,
	0x7e, 0x03, 0x07, 0x06, 0x00, 0x00, 0x01, 0x02, 0x00, 0x02, 0x05, 0x03,
	0x01, 0x04, 0x01, 0x07, 0x2e, 0x06, 0x06, 0x6c, 0x64, 0x5f, 0x6d, 0x61,
	0x78, 0x00, 0x00, 0x05, 0x6c, 0x64, 0x5f, 0x34, 0x67, 0x00, 0x01, 0x05,
	0x73, 0x74, 0x5f, 0x34, 0x67, 0x00, 0x02, 0x05, 0x76, 0x5f, 0x6d, 0x61,
	0x78, 0x00, 0x03, 0x02, 0x6c, 0x64, 0x00, 0x04, 0x04, 0x76, 0x5f, 0x61,
	0x74, 0x00, 0x05, 0x0a, 0x55, 0x06, 0x10, 0x00, 0x20, 0x00, 0x2d, 0x00,
	0xf0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x0b, 0x0b,
	0x00, 0x20, 0x00, 0x2d, 0x00, 0x80, 0x80, 0x80, 0x80, 0x10, 0x0b, 0x0d,
	0x00, 0x20, 0x00, 0x42, 0x7f, 0x37, 0x03, 0x80, 0x80, 0x80, 0x80, 0x10,
	0x0b, 0x14, 0x00, 0x20, 0x00, 0xfd, 0x00, 0x04, 0xf8, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0xfd, 0x1d, 0x00, 0x0b, 0x07, 0x00,
	0x20, 0x00, 0x2d, 0x00, 0x00, 0x0b, 0x0b, 0x00, 0x20, 0x00, 0xfd, 0x00,
	0x04, 0x00, 0xfd, 0x1d, 0x01, 0x0b, 0x0b, 0x18, 0x01, 0x00, 0x42, 0xf0,
	0xff, 0x03, 0x0b, 0x10, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37,
	0x38, 0x39, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66,
};

/*
 * (type $v_i (func (result i32)))
 * (table $t i64 2 funcref)
 * (func $seven (result i32) (i32.const 7))
 * (elem (table $t) (i64.const 1) func $seven)
 * (func "ci" (param i64) (result i32)
 *   (call_indirect $t (type $v_i) (local.get 0)))
 * (func "isnull" (param i64) (result i32)
 *   (ref.is_null (table.get $t (local.get 0))))
 * (func "grow" (param i64) (result i64)
 *   (table.grow $t (ref.null func) (local.get 0)))
 * (func "size" (result i64) (table.size $t))
 * (func "fill" (param i64 i64)
 *   (table.fill $t (local.get 0) (ref.null func) (local.get 1)))
 * (func "rci" (param i64) (result i32)
 *   (return_call_indirect $t (type $v_i) (local.get 0)))
 */
static const uint8_t table_module[] = {
	0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x18, 0x05, 0x60,
	0x00, 0x01, 0x7f, 0x60, 0x01, 0x7e, 0x01, 0x7f, 0x60, 0x00, 0x01, 0x7e,
	0x60, 0x01, 0x7e, 0x01, 0x7e, 0x60, 0x02, 0x7e, 0x7e, 0x00, 0x03, 0x08,
	0x07, 0x00, 0x01, 0x01, 0x03, 0x02, 0x04, 0x01, 0x04, 0x04, 0x01, 0x70,
	0x04, 0x02, 0x07, 0x2a, 0x06, 0x02, 0x63, 0x69, 0x00, 0x01, 0x06, 0x69,
	0x73, 0x6e, 0x75, 0x6c, 0x6c, 0x00, 0x02, 0x04, 0x67, 0x72, 0x6f, 0x77,
	0x00, 0x03, 0x04, 0x73, 0x69, 0x7a, 0x65, 0x00, 0x04, 0x04, 0x66, 0x69,
	0x6c, 0x6c, 0x00, 0x05, 0x03, 0x72, 0x63, 0x69, 0x00, 0x06, 0x09, 0x07,
	0x01, 0x00, 0x42, 0x01, 0x0b, 0x01, 0x00, 0x0a, 0x3a, 0x07, 0x04, 0x00,
	0x41, 0x07, 0x0b, 0x07, 0x00, 0x20, 0x00, 0x11, 0x00, 0x00, 0x0b, 0x07,
	0x00, 0x20, 0x00, 0x25, 0x00, 0xd1, 0x0b, 0x09, 0x00, 0xd0, 0x70, 0x20,
	0x00, 0xfc, 0x0f, 0x00, 0x0b, 0x05, 0x00, 0xfc, 0x10, 0x00, 0x0b, 0x0b,
	0x00, 0x20, 0x00, 0xd0, 0x70, 0x20, 0x01, 0xfc, 0x11, 0x00, 0x0b, 0x07,
	0x00, 0x20, 0x00, 0x13, 0x00, 0x00, 0x0b,
};

struct m64_fixture {
	struct wx_module *m;
	struct wx_linker l;
	struct wx_thread t;
	struct wx_instance *inst;
};

static bool m64_setup(struct m64_fixture *f, const uint8_t *mod, size_t n)
{
	struct wx_report r = {0};
	memset(f, 0, sizeof(*f));
	wx_linker_init(&f->l);
	if (wx_thread_init(&f->t, 0, 0) != 0)
		return false;
	if (wx_module_load(mod, n, &f->m, &r) != 0)
		return false;
	return wx_instance_create(f->m, &f->l, &f->t, &f->inst, &r) == 0;
}

static void m64_teardown(struct m64_fixture *f)
{
	if (f->inst != NULL)
		wx_instance_destroy(f->inst);
	wx_linker_fini(&f->l);
	wx_thread_fini(&f->t);
	if (f->m != NULL)
		wx_module_destroy(f->m);
}

/* Call export `name` with up to two i64 arguments: its result, or ~0 -
 * kind for a trap of that kind (-1000 for any other failure). */
static uint64_t m64_call(struct m64_fixture *f, const char *name, uint64_t a,
			 uint64_t b)
{
	struct wx_extern ext;
	uint64_t slots[2] = {a, b};
	int rc;
	if (!wx_instance_export(f->inst, name, &ext))
		return (uint64_t)-1000;
	rc = wx_call(&f->t, ext.u.func, slots);
	if (rc == WX_ETRAP)
		return ~(uint64_t)f->t.trap;
	if (rc != 0)
		return (uint64_t)-1000;
	return ext.u.func->type->nresults != 0 ? slots[0] : 0;
}

#define TRAPPED(kind) (~(uint64_t)(kind))

WX_TEST(mem64_offsets_past_4gib)
{
	struct m64_fixture f;
	CHECK(m64_setup(&f, mem_module, sizeof(mem_module)));
	if (f.inst == NULL) {
		m64_teardown(&f);
		return;
	}
	CHECK(m64_call(&f, "ld", 0xfff0, 0) == '0');
	/* address + offset wraps past 2^64 to 0x0, 0x10, 0xfff0: all in
	 * range if the sum were taken modulo 2^64 */
	CHECK(m64_call(&f, "ld_max", 0x10, 0) == TRAPPED(WX_TRAP_OOB_MEMORY));
	CHECK(m64_call(&f, "ld_max", 0x20, 0) == TRAPPED(WX_TRAP_OOB_MEMORY));
	CHECK(m64_call(&f, "ld_max", 0x10000, 0) ==
	      TRAPPED(WX_TRAP_OOB_MEMORY));
	/* an offset of 2^32: address 0 if it were truncated to 32 bits */
	CHECK(m64_call(&f, "ld_4g", 0, 0) == TRAPPED(WX_TRAP_OOB_MEMORY));
	CHECK(m64_call(&f, "ld_4g", 0xffffffff0000fff0ull, 0) ==
	      TRAPPED(WX_TRAP_OOB_MEMORY));
	CHECK(m64_call(&f, "st_4g", 0, 0) == TRAPPED(WX_TRAP_OOB_MEMORY));
	CHECK(m64_call(&f, "ld", 0, 0) == 0);
	/* SIMD accesses take the same checks (interp_simd.c) */
	CHECK(m64_call(&f, "v_max", 8, 0) == TRAPPED(WX_TRAP_OOB_MEMORY));
	CHECK(m64_call(&f, "v_max", 0x18, 0) == TRAPPED(WX_TRAP_OOB_MEMORY));
	CHECK(m64_call(&f, "v_at", 0xfff0, 0) == 0x6665646362613938ull);
	CHECK(m64_call(&f, "v_at", 0xfff1, 0) == TRAPPED(WX_TRAP_OOB_MEMORY));
	m64_teardown(&f);
}

WX_TEST(mem64_table64_indices_past_4g)
{
	struct m64_fixture f;
	CHECK(m64_setup(&f, table_module, sizeof(table_module)));
	if (f.inst == NULL) {
		m64_teardown(&f);
		return;
	}
	CHECK(m64_call(&f, "ci", 1, 0) == 7);
	CHECK(m64_call(&f, "ci", 0, 0) == TRAPPED(WX_TRAP_INDIRECT_NULL));
	CHECK(m64_call(&f, "ci", 2, 0) == TRAPPED(WX_TRAP_UNDEFINED_ELEMENT));
	/* 2^32 + 1 truncated to u32 is 1, the valid entry */
	CHECK(m64_call(&f, "ci", 0x100000001ull, 0) ==
	      TRAPPED(WX_TRAP_UNDEFINED_ELEMENT));
	CHECK(m64_call(&f, "ci", UINT64_MAX, 0) ==
	      TRAPPED(WX_TRAP_UNDEFINED_ELEMENT));
	CHECK(m64_call(&f, "rci", 0x100000001ull, 0) ==
	      TRAPPED(WX_TRAP_UNDEFINED_ELEMENT));
	CHECK(m64_call(&f, "rci", 1, 0) == 7);
	CHECK(m64_call(&f, "isnull", 1, 0) == 0);
	CHECK(m64_call(&f, "isnull", 0x100000001ull, 0) ==
	      TRAPPED(WX_TRAP_OOB_TABLE));
	/* a length or start of 2^32 would be 0 truncated: a no-op */
	CHECK(m64_call(&f, "fill", 0, 0x100000000ull) ==
	      TRAPPED(WX_TRAP_OOB_TABLE));
	CHECK(m64_call(&f, "fill", 0x100000000ull, 0) ==
	      TRAPPED(WX_TRAP_OOB_TABLE));
	CHECK(m64_call(&f, "isnull", 1, 0) == 0);
	/* a grow by 2^32 would be a grow by 0 (returning 2); -1 is an i64 */
	CHECK(m64_call(&f, "grow", 0x100000000ull, 0) == UINT64_MAX);
	CHECK(m64_call(&f, "grow", UINT64_MAX, 0) == UINT64_MAX);
	CHECK(m64_call(&f, "size", 0, 0) == 2);
	CHECK(m64_call(&f, "grow", 1, 0) == 2);
	CHECK(m64_call(&f, "size", 0, 0) == 3);
	CHECK(m64_call(&f, "fill", 1, 2) == 0);
	CHECK(m64_call(&f, "isnull", 1, 0) == 1);
	m64_teardown(&f);
}
