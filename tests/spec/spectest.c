/*
 * spectest.c - the `spectest` host module that the spec tests import
 * (as defined by the reference interpreter's spectest.ml):
 *
 *   func print, print_i32, print_i64, print_f32, print_f64,
 *        print_i32_f32, print_f64_f64    (quiet: they print nothing)
 *   global global_i32 = 666, global_i64 = 666,
 *          global_f32 = 666.6, global_f64 = 666.6   (all immutable)
 *   table  funcref, min 10 max 20; table64 the same with i64 indices
 *   memory min 1 max 2; shared_memory shared, min 1 max 2
 *
 * The runner makes one of these per .wast file, so state changes a test
 * makes (table writes, memory growth) do not leak into the next file.
 */
#include "spec.h"

#include <stdio.h>
#include <string.h>

static int spectest_print(struct wx_thread *t, void *ctx, uint64_t *args)
{
	/* Deliberately quiet: the suite's output is the pass/fail lines. */
	return 0;
}

static const struct wx_hostfunc_def spectest_funcs[] = {
	{ "print", "()", spectest_print },
	{ "print_i32", "(i)", spectest_print },
	{ "print_i64", "(I)", spectest_print },
	{ "print_f32", "(f)", spectest_print },
	{ "print_f64", "(F)", spectest_print },
	{ "print_i32_f32", "(if)", spectest_print },
	{ "print_f64_f64", "(FF)", spectest_print },
};

static int define(struct wx_linker *l, const char *name, uint8_t kind,
		  void *obj)
{
	struct wx_extern ext;

	memset(&ext, 0, sizeof(ext));
	ext.kind = kind;
	switch (kind) {
	case WX_EXTERN_TABLE:
		ext.u.table = obj;
		break;
	case WX_EXTERN_MEMORY:
		ext.u.memory = obj;
		break;
	case WX_EXTERN_GLOBAL:
		ext.u.global = obj;
		break;
	default:
		ext.u.func = obj;
		break;
	}
	return wx_linker_define(l, "spectest", name, &ext);
}

static int make_global(uint8_t type, uint64_t bits,
		       struct wx_globalinst **gp)
{
	struct wx_globaltype gt;
	uint64_t val[2] = { bits, 0 };

	memset(&gt, 0, sizeof(gt));
	gt.type = type;
	gt.mut = false;
	return wx_global_create(gt, val, gp);
}

int spectest_init(struct spectest *st, struct wx_linker *l, char *err,
		  size_t errlen)
{
	struct wx_tabletype tt;
	struct wx_memtype mt;
	float f32 = 666.6f;
	double f64 = 666.6;
	uint32_t f32bits;
	uint64_t f64bits;
	int rc;

	memset(st, 0, sizeof(*st));
	memcpy(&f32bits, &f32, sizeof(f32bits));
	memcpy(&f64bits, &f64, sizeof(f64bits));

	rc = wx_linker_define_host(l, "spectest", spectest_funcs,
				   WX_ARRAY_LEN(spectest_funcs), NULL);
	if (rc != 0) {
		snprintf(err, errlen, "spectest: defining functions: %d", rc);
		return rc;
	}

	memset(&tt, 0, sizeof(tt));
	tt.elemtype = WX_FUNCREF;
	tt.limits.min = 10;
	tt.limits.max = 20;
	tt.limits.has_max = true;
	rc = wx_table_create(&tt, 0, &st->table);
	if (rc != 0) {
		snprintf(err, errlen, "spectest: creating the table: %d", rc);
		goto fail;
	}
	tt.limits.is64 = true;
	rc = wx_table_create(&tt, 0, &st->table64);
	if (rc != 0) {
		snprintf(err, errlen, "spectest: creating table64: %d", rc);
		goto fail;
	}

	memset(&mt, 0, sizeof(mt));
	mt.limits.min = 1;
	mt.limits.max = 2;
	mt.limits.has_max = true;
	rc = wx_memory_create(&mt, &st->memory);
	if (rc != 0) {
		snprintf(err, errlen, "spectest: creating the memory: %d", rc);
		goto fail;
	}
	mt.limits.shared = true;
	rc = wx_memory_create(&mt, &st->shared_memory);
	if (rc != 0) {
		snprintf(err, errlen, "spectest: creating shared_memory: %d",
			 rc);
		goto fail;
	}

	rc = make_global(WX_I32, 666, &st->g_i32);
	if (rc == 0)
		rc = make_global(WX_I64, 666, &st->g_i64);
	if (rc == 0)
		rc = make_global(WX_F32, f32bits, &st->g_f32);
	if (rc == 0)
		rc = make_global(WX_F64, f64bits, &st->g_f64);
	if (rc != 0) {
		snprintf(err, errlen, "spectest: creating globals: %d", rc);
		goto fail;
	}

	rc = define(l, "table", WX_EXTERN_TABLE, st->table);
	if (rc == 0)
		rc = define(l, "table64", WX_EXTERN_TABLE, st->table64);
	if (rc == 0)
		rc = define(l, "memory", WX_EXTERN_MEMORY, st->memory);
	if (rc == 0)
		rc = define(l, "shared_memory", WX_EXTERN_MEMORY,
			    st->shared_memory);
	if (rc == 0)
		rc = define(l, "global_i32", WX_EXTERN_GLOBAL, st->g_i32);
	if (rc == 0)
		rc = define(l, "global_i64", WX_EXTERN_GLOBAL, st->g_i64);
	if (rc == 0)
		rc = define(l, "global_f32", WX_EXTERN_GLOBAL, st->g_f32);
	if (rc == 0)
		rc = define(l, "global_f64", WX_EXTERN_GLOBAL, st->g_f64);
	if (rc != 0) {
		snprintf(err, errlen, "spectest: binding exports: %d", rc);
		goto fail;
	}
	return 0;
fail:
	spectest_fini(st);
	return rc;
}

void spectest_fini(struct spectest *st)
{
	if (st->table != NULL)
		wx_table_release(st->table);
	if (st->table64 != NULL)
		wx_table_release(st->table64);
	if (st->memory != NULL)
		wx_memory_release(st->memory);
	if (st->shared_memory != NULL)
		wx_memory_release(st->shared_memory);
	if (st->g_i32 != NULL)
		wx_global_release(st->g_i32);
	if (st->g_i64 != NULL)
		wx_global_release(st->g_i64);
	if (st->g_f32 != NULL)
		wx_global_release(st->g_f32);
	if (st->g_f64 != NULL)
		wx_global_release(st->g_f64);
	memset(st, 0, sizeof(*st));
}
