/*
 * t_emb_wasm_api.c - every function of include/wasm.h, against libwasixrt
 * (built with ASan by tests/capi/run.sh).  Usage: t_emb_wasm_api DIR,
 * where DIR holds t_emb_wasm.wasm and start_trap.wasm.  Prints one line
 * per failed check and "wasm.h: N checks, F failed".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasm.h>

static int checks, failed;
#define CHECK(c)                                                             \
	do {                                                                 \
		checks++;                                                    \
		if (!(c)) {                                                  \
			failed++;                                            \
			printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #c);  \
		}                                                            \
	} while (0)

static void read_file(const char *dir, const char *name, wasm_byte_vec_t *out)
{
	char path[512];
	FILE *f;
	long n;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (f == NULL) {
		perror(path);
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	wasm_byte_vec_new_uninitialized(out, (size_t)n);
	if (fread(out->data, 1, (size_t)n, f) != (size_t)n)
		exit(2);
	fclose(f);
}

static int env_finalized, info_finalized;

static wasm_trap_t *add3(void *env, const wasm_val_vec_t *args,
			 wasm_val_vec_t *results)
{
	int *calls = env;
	(*calls)++;
	results->data[0].kind = WASM_F64;
	results->data[0].of.f64 = args->data[0].of.i32 +
				  (double)args->data[1].of.i64 +
				  args->data[2].of.f64;
	return NULL;
}

static void env_fin(void *env)
{
	(void)env;
	env_finalized++;
}

static void info_fin(void *p)
{
	(void)p;
	info_finalized++;
}

static wasm_store_t *fail_store;

static wasm_trap_t *fail_cb(const wasm_val_vec_t *args,
			    wasm_val_vec_t *results)
{
	wasm_message_t m;
	wasm_trap_t *t;
	(void)args;
	(void)results;
	wasm_name_new_from_string_nt(&m, "host says no");
	t = wasm_trap_new(fail_store, &m);
	wasm_name_delete(&m);
	return t;
}

static bool name_is(const wasm_name_t *n, const char *s)
{
	return n->size == strlen(s) && memcmp(n->data, s, n->size) == 0;
}

/* The export called `name` of an instance of `mod` (its exports in
 * `ex`, in the module's order). */
static wasm_extern_t *export_named(const wasm_module_t *mod,
				   const wasm_extern_vec_t *ex, const char *name)
{
	wasm_exporttype_vec_t types;
	wasm_extern_t *found = NULL;
	size_t i;
	wasm_module_exports(mod, &types);
	for (i = 0; i < types.size && i < ex->size; i++)
		if (name_is(wasm_exporttype_name(types.data[i]), name))
			found = ex->data[i];
	wasm_exporttype_vec_delete(&types);
	return found;
}
#define EXP(name) export_named(mod, &exports, name)

/* Each vector type: empty, uninitialized (zeroed), copied, deleted. */
#define VEC_BASICS(name)                                                     \
	do {                                                                 \
		wasm_##name##_vec_t a, b;                                    \
		wasm_##name##_vec_new_empty(&a);                             \
		CHECK(a.size == 0 && a.data == NULL);                        \
		wasm_##name##_vec_delete(&a);                                \
		wasm_##name##_vec_new_uninitialized(&a, 2);                  \
		CHECK(a.size == 2 && a.data != NULL);                        \
		wasm_##name##_vec_copy(&b, &a);                              \
		CHECK(b.size == 2 && b.data != a.data);                      \
		wasm_##name##_vec_delete(&a);                                \
		wasm_##name##_vec_delete(&b);                                \
		CHECK(b.size == 0 && b.data == NULL);                        \
	} while (0)

static void test_vectors(void)
{
	VEC_BASICS(byte);
	VEC_BASICS(val);
	VEC_BASICS(valtype);
	VEC_BASICS(functype);
	VEC_BASICS(globaltype);
	VEC_BASICS(tabletype);
	VEC_BASICS(memorytype);
	VEC_BASICS(externtype);
	VEC_BASICS(importtype);
	VEC_BASICS(exporttype);
	VEC_BASICS(frame);
	VEC_BASICS(extern);
	{
		wasm_valtype_vec_t p, r;
		wasm_valtype_t *one = wasm_valtype_new_i32();
		wasm_functype_t *ft;
		wasm_globaltype_t *gts[2];
		wasm_globaltype_vec_t gv, gc;
		wasm_externtype_vec_t ev, ec;
		wasm_externtype_t *e;
		wasm_frame_vec_t fv;
		wasm_valtype_vec_new(&p, 1, &one);
		wasm_valtype_vec_new_empty(&r);
		ft = wasm_functype_new(&p, &r);
		CHECK(p.size == 0 && wasm_functype_params(ft)->size == 1 &&
		      wasm_functype_results(ft)->size == 0);
		e = wasm_functype_as_externtype(ft);
		wasm_externtype_vec_new(&ev, 1, &e);
		wasm_externtype_vec_copy(&ec, &ev);
		CHECK(ec.size == 1 &&
		      wasm_externtype_kind(ec.data[0]) == WASM_EXTERN_FUNC);
		wasm_externtype_vec_delete(&ec);
		wasm_externtype_vec_delete(&ev);
		gts[0] = wasm_globaltype_new(wasm_valtype_new_i32(), WASM_CONST);
		gts[1] = wasm_globaltype_new(wasm_valtype_new_i64(), WASM_VAR);
		wasm_globaltype_vec_new(&gv, 2, gts);
		wasm_globaltype_vec_copy(&gc, &gv);
		CHECK(gc.size == 2 && wasm_globaltype_mutability(gc.data[1]) == WASM_VAR);
		wasm_globaltype_vec_delete(&gc);
		wasm_globaltype_vec_delete(&gv);
		wasm_frame_vec_new(&fv, 0, NULL);
		CHECK(fv.size == 0);
		wasm_frame_vec_delete(&fv);
	}
}

static void test_types(void)
{
	wasm_valtype_t *vt = wasm_valtype_new(WASM_I64), *vc;
	wasm_valtype_vec_t vv, vv2;
	wasm_functype_t *ft, *fc;
	wasm_globaltype_t *gt, *gc;
	wasm_tabletype_t *tt, *tc;
	wasm_memorytype_t *mt, *mc;
	wasm_limits_t lim = {1, 5}, nomax = {2, wasm_limits_max_default};
	wasm_externtype_t *et;
	wasm_importtype_t *it, *ic;
	wasm_exporttype_t *xt, *xc;
	wasm_name_t mn, nn;
	wasm_functype_vec_t fv;
	wasm_globaltype_vec_t gv;
	wasm_tabletype_vec_t tv;
	wasm_memorytype_vec_t mv;
	wasm_externtype_vec_t ev;
	wasm_importtype_vec_t iv;
	wasm_exporttype_vec_t xv;
	wasm_byte_vec_t bv, bc;

	CHECK(wasm_valtype_kind(vt) == WASM_I64);
	CHECK(wasm_valtype_is_num(vt) && !wasm_valtype_is_ref(vt));
	vc = wasm_valtype_copy(vt);
	CHECK(wasm_valtype_kind(vc) == WASM_I64);
	wasm_valtype_delete(vc);
	CHECK(wasm_valkind_is_ref(WASM_FUNCREF) && wasm_valkind_is_ref(WASM_ANYREF));
	{
		wasm_valtype_t *k[6] = {wasm_valtype_new_i32(), wasm_valtype_new_i64(),
					wasm_valtype_new_f32(), wasm_valtype_new_f64(),
					wasm_valtype_new_anyref(), wasm_valtype_new_funcref()};
		wasm_valtype_vec_new(&vv, 6, k);
	}
	CHECK(vv.size == 6 && wasm_valtype_kind(vv.data[5]) == WASM_FUNCREF &&
	      wasm_valtype_kind(vv.data[2]) == WASM_F32);
	wasm_valtype_vec_copy(&vv2, &vv);
	CHECK(vv2.size == 6 && vv2.data[0] != vv.data[0] &&
	      wasm_valtype_kind(vv2.data[4]) == WASM_ANYREF);
	wasm_valtype_vec_delete(&vv2);
	wasm_valtype_vec_new_empty(&vv2);
	CHECK(vv2.size == 0 && vv2.data == NULL);
	wasm_valtype_vec_delete(&vv);

	ft = wasm_functype_new_2_1(wasm_valtype_new_i32(), vt,
				   wasm_valtype_new_f32());
	CHECK(wasm_functype_params(ft)->size == 2 &&
	      wasm_functype_results(ft)->size == 1 &&
	      wasm_valtype_kind(wasm_functype_params(ft)->data[1]) == WASM_I64);
	fc = wasm_functype_copy(ft);
	CHECK(wasm_valtype_kind(wasm_functype_results(fc)->data[0]) == WASM_F32);
	et = wasm_functype_as_externtype(fc);
	CHECK(wasm_externtype_kind(et) == WASM_EXTERN_FUNC);
	CHECK(wasm_externtype_as_functype(et) == fc &&
	      wasm_externtype_as_globaltype(et) == NULL &&
	      wasm_externtype_as_functype_const(et) == fc &&
	      wasm_functype_as_externtype_const(fc) == et);
	{
		wasm_functype_t *a = wasm_functype_new_0_0(),
				*b = wasm_functype_new_1_0(wasm_valtype_new_i32()),
				*c = wasm_functype_new_3_0(wasm_valtype_new_i32(), wasm_valtype_new_i32(), wasm_valtype_new_i32()),
				*d = wasm_functype_new_0_1(wasm_valtype_new_i32()),
				*e = wasm_functype_new_1_1(wasm_valtype_new_i32(), wasm_valtype_new_i32()),
				*f = wasm_functype_new_3_1(wasm_valtype_new_i32(), wasm_valtype_new_i32(), wasm_valtype_new_i32(), wasm_valtype_new_i64()),
				*g = wasm_functype_new_0_2(wasm_valtype_new_i32(), wasm_valtype_new_i32()),
				*h = wasm_functype_new_1_2(wasm_valtype_new_i32(), wasm_valtype_new_i32(), wasm_valtype_new_i32()),
				*i = wasm_functype_new_2_2(wasm_valtype_new_i32(), wasm_valtype_new_i32(), wasm_valtype_new_i32(), wasm_valtype_new_i32()),
				*j = wasm_functype_new_3_2(wasm_valtype_new_i32(), wasm_valtype_new_i32(), wasm_valtype_new_i32(), wasm_valtype_new_i32(), wasm_valtype_new_f64()),
				*k = wasm_functype_new_2_0(wasm_valtype_new_i32(), wasm_valtype_new_i32());
		wasm_functype_t *all[11] = {a, b, c, d, e, f, g, h, i, j, k};
		CHECK(wasm_functype_params(c)->size == 3 && wasm_functype_results(j)->size == 2 &&
		      wasm_valtype_kind(wasm_functype_results(j)->data[1]) == WASM_F64 &&
		      wasm_functype_results(g)->size == 2 && wasm_functype_params(a)->size == 0);
		wasm_functype_vec_new(&fv, 11, all);
		CHECK(fv.size == 11);
		{
			wasm_functype_vec_t fv2;
			wasm_functype_vec_copy(&fv2, &fv);
			CHECK(fv2.size == 11 && wasm_functype_params(fv2.data[2])->size == 3);
			wasm_functype_vec_delete(&fv2);
		}
		wasm_functype_vec_delete(&fv);
		CHECK(fv.size == 0 && fv.data == NULL);
	}
	wasm_functype_delete(ft);

	gt = wasm_globaltype_new(wasm_valtype_new_f64(), WASM_VAR);
	CHECK(wasm_valtype_kind(wasm_globaltype_content(gt)) == WASM_F64 &&
	      wasm_globaltype_mutability(gt) == WASM_VAR);
	gc = wasm_globaltype_copy(gt);
	CHECK(wasm_globaltype_mutability(gc) == WASM_VAR);
	CHECK(wasm_externtype_kind(wasm_globaltype_as_externtype(gc)) == WASM_EXTERN_GLOBAL &&
	      wasm_externtype_as_globaltype_const(wasm_globaltype_as_externtype_const(gc)) == gc);
	wasm_globaltype_vec_new_uninitialized(&gv, 2);
	CHECK(gv.size == 2 && gv.data[0] == NULL);
	gv.data[0] = gc;
	gv.data[1] = wasm_globaltype_copy(gt);
	wasm_globaltype_vec_delete(&gv);
	wasm_globaltype_delete(gt);

	tt = wasm_tabletype_new(wasm_valtype_new_funcref(), &lim);
	CHECK(wasm_valtype_kind(wasm_tabletype_element(tt)) == WASM_FUNCREF &&
	      wasm_tabletype_limits(tt)->min == 1 && wasm_tabletype_limits(tt)->max == 5);
	tc = wasm_tabletype_copy(tt);
	CHECK(wasm_tabletype_limits(tc)->max == 5);
	CHECK(wasm_externtype_as_tabletype(wasm_tabletype_as_externtype(tc)) == tc &&
	      wasm_externtype_as_tabletype_const(wasm_tabletype_as_externtype_const(tc)) == tc);
	wasm_tabletype_vec_new(&tv, 1, &tc);
	{
		wasm_tabletype_vec_t tv2;
		wasm_tabletype_vec_copy(&tv2, &tv);
		CHECK(tv2.size == 1 && wasm_tabletype_limits(tv2.data[0])->min == 1);
		wasm_tabletype_vec_delete(&tv2);
	}
	wasm_tabletype_vec_delete(&tv);
	wasm_tabletype_delete(tt);

	mt = wasm_memorytype_new(&nomax);
	CHECK(wasm_memorytype_limits(mt)->min == 2 &&
	      wasm_memorytype_limits(mt)->max == wasm_limits_max_default);
	mc = wasm_memorytype_copy(mt);
	CHECK(wasm_externtype_as_memorytype(wasm_memorytype_as_externtype(mc)) == mc &&
	      wasm_externtype_as_memorytype_const(wasm_memorytype_as_externtype_const(mc)) == mc &&
	      wasm_externtype_as_memorytype(wasm_functype_as_externtype(fc)) == NULL);
	wasm_memorytype_vec_new(&mv, 1, &mc);
	{
		wasm_memorytype_vec_t mv2;
		wasm_memorytype_vec_copy(&mv2, &mv);
		CHECK(mv2.size == 1);
		wasm_memorytype_vec_delete(&mv2);
	}
	wasm_memorytype_vec_delete(&mv);

	et = wasm_memorytype_as_externtype(mt);
	{
		wasm_externtype_t *ec = wasm_externtype_copy(et);
		CHECK(wasm_externtype_kind(ec) == WASM_EXTERN_MEMORY);
		wasm_externtype_vec_new(&ev, 1, &ec);
		wasm_externtype_vec_delete(&ev);
	}

	wasm_name_new_from_string(&mn, "env");
	wasm_name_new_from_string(&nn, "f");
	CHECK(mn.size == 3);
	it = wasm_importtype_new(&mn, &nn, wasm_functype_as_externtype(fc));
	CHECK(name_is(wasm_importtype_module(it), "env") &&
	      name_is(wasm_importtype_name(it), "f") &&
	      wasm_externtype_kind(wasm_importtype_type(it)) == WASM_EXTERN_FUNC);
	ic = wasm_importtype_copy(it);
	CHECK(name_is(wasm_importtype_name(ic), "f"));
	wasm_importtype_vec_new(&iv, 1, &ic);
	{
		wasm_importtype_vec_t iv2;
		wasm_importtype_vec_copy(&iv2, &iv);
		CHECK(iv2.size == 1 && name_is(wasm_importtype_module(iv2.data[0]), "env"));
		wasm_importtype_vec_delete(&iv2);
	}
	wasm_importtype_vec_delete(&iv);
	wasm_importtype_delete(it);

	wasm_name_new_from_string(&nn, "mem");
	xt = wasm_exporttype_new(&nn, et);
	CHECK(name_is(wasm_exporttype_name(xt), "mem") &&
	      wasm_externtype_kind(wasm_exporttype_type(xt)) == WASM_EXTERN_MEMORY);
	xc = wasm_exporttype_copy(xt);
	wasm_exporttype_vec_new(&xv, 1, &xc);
	{
		wasm_exporttype_vec_t xv2;
		wasm_exporttype_vec_copy(&xv2, &xv);
		CHECK(xv2.size == 1 && name_is(wasm_exporttype_name(xv2.data[0]), "mem"));
		wasm_exporttype_vec_delete(&xv2);
	}
	wasm_exporttype_vec_delete(&xv);
	wasm_exporttype_delete(xt);

	wasm_byte_vec_new(&bv, 3, "abc");
	wasm_byte_vec_copy(&bc, &bv);
	CHECK(bc.size == 3 && memcmp(bc.data, "abc", 3) == 0 && bc.data != bv.data);
	wasm_byte_vec_delete(&bv);
	wasm_byte_vec_delete(&bc);
	wasm_name_new_empty(&bv);
	CHECK(bv.size == 0);
	wasm_name_new_from_string_nt(&bv, "x");
	CHECK(bv.size == 2 && bv.data[1] == '\0');
	wasm_name_delete(&bv);
	{
		wasm_val_vec_t v1, v2;
		wasm_val_t vals[2] = {WASM_I32_VAL(5), WASM_F64_VAL(2.5)};
		wasm_val_vec_new(&v1, 2, vals);
		wasm_val_vec_copy(&v2, &v1);
		CHECK(v2.size == 2 && v2.data[0].of.i32 == 5 && v2.data[1].of.f64 == 2.5);
		wasm_val_vec_delete(&v1);
		wasm_val_vec_delete(&v2);
		wasm_val_vec_new_empty(&v1);
		CHECK(v1.size == 0);
		{
			wasm_val_t p;
			int x;
			wasm_val_init_ptr(&p, &x);
			CHECK(wasm_val_ptr(&p) == &x);
		}
	}
}

int main(int argc, char **argv)
{
	wasm_engine_t *engine;
	wasm_store_t *store;
	wasm_byte_vec_t bin, bad, ser, strap;
	wasm_module_t *mod, *mod2, *mod3;
	wasm_shared_module_t *shared;
	wasm_importtype_vec_t imps;
	wasm_exporttype_vec_t exps;
	wasm_extern_vec_t imports, exports;
	wasm_instance_t *inst;
	wasm_trap_t *trap = NULL;
	wasm_func_t *f_add3, *f_fail;
	wasm_global_t *g;
	wasm_memory_t *mem;
	wasm_table_t *tab;
	wasm_functype_t *ft;
	wasm_globaltype_t *gt;
	wasm_tabletype_t *tt;
	wasm_memorytype_t *mt;
	wasm_limits_t mlim = {1, 4}, tlim = {2, 10};
	wasm_val_t gv = WASM_I32_VAL(41);
	int calls = 0;
	size_t i;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	test_vectors();
	test_types();

	engine = wasm_engine_new_with_config(wasm_config_new());
	wasm_engine_delete(engine);
	{
		wasm_config_t *c = wasm_config_new();
		CHECK(c != NULL);
		wasm_config_delete(c);
	}
	engine = wasm_engine_new();
	store = wasm_store_new(engine);
	fail_store = store;
	CHECK(engine != NULL && store != NULL);

	read_file(argv[1], "t_emb_wasm.wasm", &bin);
	CHECK(wasm_module_validate(store, &bin));
	wasm_byte_vec_new(&bad, 8, "\0asm\2\0\0\0");
	CHECK(!wasm_module_validate(store, &bad));
	CHECK(wasm_module_new(store, &bad) == NULL);
	wasm_byte_vec_delete(&bad);
	mod = wasm_module_new(store, &bin);
	CHECK(mod != NULL);

	wasm_module_imports(mod, &imps);
	CHECK(imps.size == 5);
	CHECK(name_is(wasm_importtype_module(imps.data[0]), "host") &&
	      name_is(wasm_importtype_name(imps.data[0]), "add3"));
	CHECK(wasm_externtype_kind(wasm_importtype_type(imps.data[2])) == WASM_EXTERN_GLOBAL &&
	      wasm_externtype_kind(wasm_importtype_type(imps.data[3])) == WASM_EXTERN_MEMORY &&
	      wasm_externtype_kind(wasm_importtype_type(imps.data[4])) == WASM_EXTERN_TABLE);
	{
		const wasm_functype_t *t = wasm_externtype_as_functype_const(
			wasm_importtype_type(imps.data[0]));
		CHECK(t != NULL && wasm_functype_params(t)->size == 3 &&
		      wasm_valtype_kind(wasm_functype_params(t)->data[2]) == WASM_F64);
		CHECK(wasm_memorytype_limits(wasm_externtype_as_memorytype_const(
			      wasm_importtype_type(imps.data[3])))->max == 4);
	}
	wasm_importtype_vec_delete(&imps);
	wasm_module_exports(mod, &exps);
	CHECK(exps.size == 14);
	CHECK(name_is(wasm_exporttype_name(exps.data[0]), "inner"));
	wasm_exporttype_vec_delete(&exps);

	wasm_module_serialize(mod, &ser);
	CHECK(ser.size == bin.size && memcmp(ser.data, bin.data, bin.size) == 0);
	mod2 = wasm_module_deserialize(store, &ser);
	CHECK(mod2 != NULL);
	wasm_byte_vec_delete(&ser);
	shared = wasm_module_share(mod2);
	wasm_module_delete(mod2);
	mod3 = wasm_module_obtain(store, shared);
	wasm_shared_module_delete(shared);
	CHECK(mod3 != NULL);
	{
		wasm_exporttype_vec_t e3;
		wasm_module_exports(mod3, &e3);
		CHECK(e3.size == 14);
		wasm_exporttype_vec_delete(&e3);
	}
	CHECK(wasm_module_same(mod, mod) && !wasm_module_same(mod, mod3));
	{
		wasm_module_t *mc = wasm_module_copy(mod);
		CHECK(wasm_module_same(mod, mc));
		CHECK(wasm_ref_as_module(wasm_module_as_ref(mc)) == mc &&
		      wasm_ref_as_module_const(wasm_module_as_ref_const(mc)) == mc);
		wasm_module_set_host_info(mc, &calls);
		CHECK(wasm_module_get_host_info(mc) == &calls);
		wasm_module_set_host_info_with_finalizer(mc, &calls, info_fin);
		wasm_module_delete(mc);
		CHECK(info_finalized == 1);
	}

	/* the imports */
	ft = wasm_functype_new_3_1(wasm_valtype_new_i32(), wasm_valtype_new_i64(),
				   wasm_valtype_new_f64(), wasm_valtype_new_f64());
	f_add3 = wasm_func_new_with_env(store, ft, add3, &calls, env_fin);
	wasm_functype_delete(ft);
	ft = wasm_functype_new_0_0();
	f_fail = wasm_func_new(store, ft, fail_cb);
	wasm_functype_delete(ft);
	CHECK(wasm_func_param_arity(f_add3) == 3 && wasm_func_result_arity(f_add3) == 1);
	ft = wasm_func_type(f_add3);
	CHECK(wasm_valtype_kind(wasm_functype_params(ft)->data[1]) == WASM_I64);
	wasm_functype_delete(ft);
	gt = wasm_globaltype_new(wasm_valtype_new_i32(), WASM_VAR);
	g = wasm_global_new(store, gt, &gv);
	wasm_globaltype_delete(gt);
	mt = wasm_memorytype_new(&mlim);
	mem = wasm_memory_new(store, mt);
	wasm_memorytype_delete(mt);
	tt = wasm_tabletype_new(wasm_valtype_new_funcref(), &tlim);
	tab = wasm_table_new(store, tt, NULL);
	wasm_tabletype_delete(tt);
	CHECK(g != NULL && mem != NULL && tab != NULL);
	{
		wasm_extern_t *ims[5] = {wasm_func_as_extern(f_add3),
					 wasm_func_as_extern(f_fail),
					 wasm_global_as_extern(g),
					 wasm_memory_as_extern(mem),
					 wasm_table_as_extern(tab)};
		/* too few imports: no instance, a trap that says why */
		wasm_extern_vec_t few = {2, ims};
		inst = wasm_instance_new(store, mod, &few, &trap);
		CHECK(inst == NULL && trap != NULL);
		if (trap != NULL) {
			wasm_message_t m;
			wasm_trap_message(trap, &m);
			CHECK(strstr(m.data, "host.g") != NULL);
			wasm_name_delete(&m);
			wasm_trap_delete(trap);
		}
		wasm_extern_vec_t iv = WASM_ARRAY_VEC(ims);
		inst = wasm_instance_new(store, mod, &iv, &trap);
		CHECK(inst != NULL && trap == NULL);
		(void)imports;
	}
	wasm_instance_exports(inst, &exports);
	CHECK(exports.size == 14);

	/* a call through a host function with an environment */
	{
		wasm_func_t *f = wasm_extern_as_func(EXP("call_add3"));
		wasm_val_t a[3] = {WASM_I32_VAL(1), WASM_I64_VAL(2), WASM_F64_VAL(0.5)};
		wasm_val_t r[1] = {WASM_INIT_VAL};
		wasm_val_vec_t av = WASM_ARRAY_VEC(a), rv = WASM_ARRAY_VEC(r);
		CHECK(f != NULL && wasm_extern_as_global(EXP("call_add3")) == NULL);
		trap = wasm_func_call(f, &av, &rv);
		CHECK(trap == NULL && r[0].kind == WASM_F64 && r[0].of.f64 == 3.5 &&
		      calls == 1);
		/* wrong arity: a trap, not a crash */
		av.size = 2;
		trap = wasm_func_call(f, &av, &rv);
		CHECK(trap != NULL);
		wasm_trap_delete(trap);
	}
	/* a trap three calls deep: every frame, with offsets */
	{
		wasm_func_t *f = wasm_extern_as_func(EXP("outer"));
		wasm_val_t a[1] = {WASM_I32_VAL(0)}, r[1];
		wasm_val_vec_t av = WASM_ARRAY_VEC(a), rv = WASM_ARRAY_VEC(r);
		wasm_frame_vec_t frames;
		wasm_frame_t *o, *oc;
		wasm_message_t m;
		trap = wasm_func_call(f, &av, &rv);
		CHECK(trap != NULL);
		wasm_trap_message(trap, &m);
		CHECK(m.size > 0 && m.data[m.size - 1] == '\0' &&
		      strstr(m.data, "integer divide by zero") != NULL);
		wasm_name_delete(&m);
		o = wasm_trap_origin(trap);
		CHECK(o != NULL && wasm_frame_func_index(o) == 2 &&
		      wasm_frame_instance(o) != NULL &&
		      wasm_frame_module_offset(o) > wasm_frame_func_offset(o) &&
		      wasm_frame_func_offset(o) > 0);
		oc = wasm_frame_copy(o);
		CHECK(wasm_frame_func_index(oc) == 2 &&
		      wasm_frame_module_offset(oc) == wasm_frame_module_offset(o));
		wasm_frame_delete(oc);
		wasm_frame_delete(o);
		wasm_trap_trace(trap, &frames);
		CHECK(frames.size == 3 && wasm_frame_func_index(frames.data[0]) == 2 &&
		      wasm_frame_func_index(frames.data[1]) == 3 &&
		      wasm_frame_func_index(frames.data[2]) == 4);
		{
			wasm_frame_vec_t fc;
			wasm_frame_vec_copy(&fc, &frames);
			CHECK(fc.size == 3 && wasm_frame_func_index(fc.data[2]) == 4);
			wasm_frame_vec_delete(&fc);
		}
		wasm_frame_vec_delete(&frames);
		{
			wasm_trap_t *tc = wasm_trap_copy(trap);
			CHECK(tc != NULL && wasm_trap_same(tc, trap));
			wasm_trap_delete(tc);
		}
		wasm_trap_delete(trap);
	}
	/* a host function's trap comes back as made */
	{
		wasm_val_vec_t none = WASM_EMPTY_VEC;
		wasm_message_t m;
		trap = wasm_func_call(wasm_extern_as_func(EXP("call_fail")), &none, &none);
		CHECK(trap != NULL);
		wasm_trap_message(trap, &m);
		CHECK(strcmp(m.data, "host says no") == 0);
		wasm_name_delete(&m);
		wasm_trap_delete(trap);
	}
	/* globals, imported and exported */
	{
		wasm_val_vec_t none = WASM_EMPTY_VEC;
		wasm_val_t r[1], v;
		wasm_val_vec_t rv = WASM_ARRAY_VEC(r);
		wasm_globaltype_t *t;
		trap = wasm_func_call(wasm_extern_as_func(EXP("bump")), &none, &rv);
		CHECK(trap == NULL && r[0].of.i32 == 42);
		wasm_global_get(g, &v);
		CHECK(v.kind == WASM_I32 && v.of.i32 == 42);
		v.of.i32 = 100;
		wasm_global_set(g, &v);
		trap = wasm_func_call(wasm_extern_as_func(EXP("bump")), &none, &rv);
		CHECK(trap == NULL && r[0].of.i32 == 101);
		t = wasm_global_type(g);
		CHECK(wasm_globaltype_mutability(t) == WASM_VAR);
		wasm_globaltype_delete(t);
		for (i = 0; i < exports.size; i++)
			if (wasm_extern_kind(exports.data[i]) == WASM_EXTERN_GLOBAL) {
				wasm_global_t *k = wasm_extern_as_global(exports.data[i]);
				wasm_val_t kv;
				wasm_global_get(k, &kv);
				CHECK(kv.kind == WASM_F32 && kv.of.f32 == 1.5f);
				kv.of.f32 = 9;
				wasm_global_set(k, &kv); /* constant: unchanged */
				wasm_global_get(k, &kv);
				CHECK(kv.of.f32 == 1.5f);
			}
	}
	/* memory */
	{
		wasm_val_t a[1] = {WASM_I32_VAL(70000)}, r[1];
		wasm_val_vec_t av = WASM_ARRAY_VEC(a), rv = WASM_ARRAY_VEC(r);
		wasm_memorytype_t *t;
		CHECK(wasm_memory_size(mem) == 1 && wasm_memory_data_size(mem) == 65536);
		trap = wasm_func_call(wasm_extern_as_func(EXP("load")), &av, &rv);
		CHECK(trap != NULL); /* out of bounds */
		wasm_trap_delete(trap);
		CHECK(wasm_memory_grow(mem, 1) && wasm_memory_size(mem) == 2);
		CHECK(!wasm_memory_grow(mem, 3)); /* past the maximum of 4 */
		wasm_memory_data(mem)[70000] = 99;
		trap = wasm_func_call(wasm_extern_as_func(EXP("load")), &av, &rv);
		CHECK(trap == NULL && r[0].of.i32 == 99);
		t = wasm_memory_type(mem);
		CHECK(wasm_memorytype_limits(t)->min == 2 && wasm_memorytype_limits(t)->max == 4);
		wasm_memorytype_delete(t);
	}
	/* tables: the element segment put $seven at 0 of the imported one */
	{
		wasm_ref_t *r0 = wasm_table_get(tab, 0), *r1 = wasm_table_get(tab, 1);
		wasm_val_t a[1] = {WASM_I32_VAL(1)}, r[1];
		wasm_val_vec_t av = WASM_ARRAY_VEC(a), rv = WASM_ARRAY_VEC(r);
		wasm_tabletype_t *t;
		CHECK(r0 != NULL && r1 == NULL && wasm_table_size(tab) == 2);
		CHECK(wasm_ref_as_func(r0) != NULL && wasm_func_result_arity(wasm_ref_as_func(r0)) == 1);
		trap = wasm_func_call(wasm_extern_as_func(EXP("call_tab")), &av, &rv);
		CHECK(trap != NULL); /* null entry */
		wasm_trap_delete(trap);
		CHECK(wasm_table_set(tab, 1, r0));
		trap = wasm_func_call(wasm_extern_as_func(EXP("call_tab")), &av, &rv);
		CHECK(trap == NULL && r[0].of.i32 == 7);
		CHECK(!wasm_table_set(tab, 5, r0));
		CHECK(wasm_table_grow(tab, 3, r0) && wasm_table_size(tab) == 5);
		CHECK(!wasm_table_grow(tab, 6, NULL));
		t = wasm_table_type(tab);
		CHECK(wasm_tabletype_limits(t)->min == 5 && wasm_tabletype_limits(t)->max == 10);
		wasm_tabletype_delete(t);
		/* a host function in a table, called from wasm */
		CHECK(wasm_table_set(tab, 2, wasm_func_as_ref(f_add3)));
		wasm_ref_delete(r0);
	}
	/* references through wasm: externref and funcref round trips */
	{
		wasm_foreign_t *fo = wasm_foreign_new(store), *fc;
		wasm_val_t a[1], r[1];
		wasm_val_vec_t av = WASM_ARRAY_VEC(a), rv = WASM_ARRAY_VEC(r);
		a[0].kind = WASM_ANYREF;
		a[0].of.ref = wasm_foreign_as_ref(fo);
		trap = wasm_func_call(wasm_extern_as_func(EXP("id_ref")), &av, &rv);
		CHECK(trap == NULL && r[0].of.ref != NULL &&
		      wasm_ref_same(r[0].of.ref, wasm_foreign_as_ref(fo)) &&
		      wasm_ref_as_foreign(r[0].of.ref) != NULL);
		wasm_val_delete(&r[0]);
		fc = wasm_foreign_copy(fo);
		CHECK(wasm_foreign_same(fc, fo));
		wasm_foreign_set_host_info(fc, &calls);
		CHECK(wasm_foreign_get_host_info(fc) == &calls);
		wasm_foreign_set_host_info_with_finalizer(fc, &calls, info_fin);
		CHECK(wasm_ref_as_foreign_const(wasm_foreign_as_ref_const(fc)) == fc);
		wasm_foreign_delete(fc);
		CHECK(info_finalized == 2);
		a[0].kind = WASM_FUNCREF;
		a[0].of.ref = wasm_func_as_ref(f_add3);
		trap = wasm_func_call(wasm_extern_as_func(EXP("id_func")), &av, &rv);
		CHECK(trap == NULL && r[0].of.ref != NULL &&
		      wasm_func_same(wasm_ref_as_func(r[0].of.ref), f_add3));
		{
			wasm_val_t vc;
			wasm_val_copy(&vc, &r[0]);
			CHECK(vc.of.ref != r[0].of.ref && wasm_ref_same(vc.of.ref, r[0].of.ref));
			wasm_val_delete(&vc);
		}
		wasm_val_delete(&r[0]);
		CHECK(r[0].of.ref == NULL);
		wasm_foreign_delete(fo);
	}
	/* multiple results */
	{
		wasm_val_vec_t none = WASM_EMPTY_VEC;
		wasm_val_t r[2];
		wasm_val_vec_t rv = WASM_ARRAY_VEC(r);
		trap = wasm_func_call(wasm_extern_as_func(EXP("two")), &none, &rv);
		CHECK(trap == NULL && r[0].of.i32 == 7 && r[1].kind == WASM_I64 &&
		      r[1].of.i64 == -8);
	}
	/* externs: kinds, types, casts */
	{
		int kinds[4] = {0, 0, 0, 0};
		for (i = 0; i < exports.size; i++) {
			wasm_externtype_t *t = wasm_extern_type(exports.data[i]);
			CHECK(wasm_externtype_kind(t) == wasm_extern_kind(exports.data[i]));
			kinds[wasm_extern_kind(exports.data[i])]++;
			wasm_externtype_delete(t);
		}
		CHECK(kinds[WASM_EXTERN_FUNC] == 10 && kinds[WASM_EXTERN_GLOBAL] == 1 &&
		      kinds[WASM_EXTERN_TABLE] == 2 && kinds[WASM_EXTERN_MEMORY] == 1);
		wasm_extern_t *e = EXP("memory"); /* "memory" */
		CHECK(wasm_extern_as_memory(e) != NULL &&
		      wasm_memory_same(wasm_extern_as_memory(e), mem) &&
		      wasm_extern_as_memory_const(e) == wasm_extern_as_memory(e) &&
		      wasm_memory_as_extern_const(wasm_extern_as_memory_const(e)) == e);
		CHECK(wasm_table_as_extern_const(tab) == wasm_table_as_extern(tab) &&
		      wasm_extern_as_table_const(wasm_table_as_extern(tab)) == tab &&
		      wasm_extern_as_table(wasm_table_as_extern(tab)) == tab &&
		      wasm_func_as_extern_const(f_add3) == wasm_func_as_extern(f_add3) &&
		      wasm_extern_as_func_const(wasm_func_as_extern(f_add3)) == f_add3 &&
		      wasm_global_as_extern_const(g) == wasm_global_as_extern(g) &&
		      wasm_extern_as_global_const(wasm_global_as_extern(g)) == g);
		{
			wasm_extern_t *ec = wasm_extern_copy(e);
			CHECK(wasm_extern_same(ec, e));
			wasm_extern_set_host_info(ec, &calls);
			CHECK(wasm_extern_get_host_info(ec) == &calls);
			wasm_extern_set_host_info_with_finalizer(ec, NULL, NULL);
			CHECK(wasm_ref_as_extern(wasm_extern_as_ref(ec)) == ec &&
			      wasm_ref_as_extern_const(wasm_extern_as_ref_const(ec)) == ec);
			wasm_extern_vec_t ev, ev2;
			wasm_extern_vec_new(&ev, 1, &ec);
			wasm_extern_vec_copy(&ev2, &ev);
			CHECK(ev2.size == 1 && wasm_extern_same(ev2.data[0], e));
			wasm_extern_vec_delete(&ev2);
			wasm_extern_vec_delete(&ev);
		}
	}
	/* the ref functions of each kind */
	{
		wasm_func_t *fc = wasm_func_copy(f_add3);
		wasm_global_t *gc = wasm_global_copy(g);
		wasm_table_t *tc = wasm_table_copy(tab);
		wasm_memory_t *mc = wasm_memory_copy(mem);
		wasm_instance_t *ic = wasm_instance_copy(inst);
		CHECK(wasm_func_same(fc, f_add3) && !wasm_func_same(fc, f_fail) &&
		      wasm_global_same(gc, g) && wasm_table_same(tc, tab) &&
		      wasm_memory_same(mc, mem) && wasm_instance_same(ic, inst));
		wasm_func_set_host_info(fc, &calls);
		wasm_global_set_host_info(gc, &calls);
		wasm_table_set_host_info(tc, &calls);
		wasm_memory_set_host_info(mc, &calls);
		wasm_instance_set_host_info(ic, &calls);
		CHECK(wasm_func_get_host_info(fc) == &calls &&
		      wasm_global_get_host_info(gc) == &calls &&
		      wasm_table_get_host_info(tc) == &calls &&
		      wasm_memory_get_host_info(mc) == &calls &&
		      wasm_instance_get_host_info(ic) == &calls);
		wasm_func_set_host_info_with_finalizer(fc, NULL, info_fin);
		wasm_global_set_host_info_with_finalizer(gc, NULL, info_fin);
		wasm_table_set_host_info_with_finalizer(tc, NULL, info_fin);
		wasm_memory_set_host_info_with_finalizer(mc, NULL, info_fin);
		wasm_instance_set_host_info_with_finalizer(ic, NULL, info_fin);
		CHECK(wasm_ref_as_func(wasm_func_as_ref(fc)) == fc &&
		      wasm_ref_as_func_const(wasm_func_as_ref_const(fc)) == fc &&
		      wasm_ref_as_global(wasm_global_as_ref(gc)) == gc &&
		      wasm_ref_as_global_const(wasm_global_as_ref_const(gc)) == gc &&
		      wasm_ref_as_table(wasm_table_as_ref(tc)) == tc &&
		      wasm_ref_as_table_const(wasm_table_as_ref_const(tc)) == tc &&
		      wasm_ref_as_memory(wasm_memory_as_ref(mc)) == mc &&
		      wasm_ref_as_memory_const(wasm_memory_as_ref_const(mc)) == mc &&
		      wasm_ref_as_instance(wasm_instance_as_ref(ic)) == ic &&
		      wasm_ref_as_instance_const(wasm_instance_as_ref_const(ic)) == ic &&
		      wasm_ref_as_trap(wasm_func_as_ref(fc)) == NULL);
		{
			wasm_ref_t *rc = wasm_ref_copy(wasm_func_as_ref(fc));
			CHECK(wasm_ref_same(rc, wasm_func_as_ref(f_add3)));
			wasm_ref_set_host_info(rc, &calls);
			CHECK(wasm_ref_get_host_info(rc) == &calls);
			wasm_ref_set_host_info_with_finalizer(rc, NULL, info_fin);
			wasm_ref_delete(rc);
		}
		wasm_func_delete(fc);
		wasm_global_delete(gc);
		wasm_table_delete(tc);
		wasm_memory_delete(mc);
		wasm_instance_delete(ic);
		CHECK(info_finalized == 8);
		{
			wasm_trap_t *t;
			wasm_message_t m;
			wasm_name_new_from_string(&m, "made by hand");
			t = wasm_trap_new(store, &m);
			wasm_name_delete(&m);
			CHECK(wasm_trap_origin(t) == NULL);
			wasm_trap_message(t, &m);
			CHECK(strcmp(m.data, "made by hand") == 0);
			wasm_name_delete(&m);
			wasm_trap_set_host_info(t, &calls);
			CHECK(wasm_trap_get_host_info(t) == &calls &&
			      wasm_ref_as_trap(wasm_trap_as_ref(t)) == t &&
			      wasm_ref_as_trap_const(wasm_trap_as_ref_const(t)) == t);
			wasm_trap_set_host_info_with_finalizer(t, NULL, info_fin);
			wasm_trap_delete(t);
			CHECK(info_finalized == 9);
		}
	}
	/* a start function that traps: no instance, the trap */
	read_file(argv[1], "start_trap.wasm", &strap);
	{
		wasm_module_t *sm = wasm_module_new(store, &strap);
		wasm_extern_vec_t none = WASM_EMPTY_VEC;
		wasm_instance_t *si;
		wasm_message_t m;
		CHECK(sm != NULL);
		si = wasm_instance_new(store, sm, &none, &trap);
		CHECK(si == NULL && trap != NULL);
		wasm_trap_message(trap, &m);
		CHECK(strstr(m.data, "unreachable") != NULL);
		wasm_name_delete(&m);
		wasm_trap_delete(trap);
		wasm_module_delete(sm);
	}
	wasm_byte_vec_delete(&strap);

	{
		wasm_extern_t *ec = wasm_extern_copy(exports.data[0]);
		wasm_extern_delete(ec);
	}
	wasm_extern_vec_delete(&exports);
	wasm_instance_delete(inst);
	wasm_func_delete(f_add3);
	wasm_func_delete(f_fail);
	wasm_global_delete(g);
	wasm_memory_delete(mem);
	wasm_table_delete(tab);
	wasm_module_delete(mod);
	wasm_module_delete(mod3);
	wasm_byte_vec_delete(&bin);
	CHECK(env_finalized == 0);
	wasm_store_delete(store);
	CHECK(env_finalized == 1); /* the host function went with its store */
	wasm_engine_delete(engine);
	printf("wasm.h: %d checks, %d failed\n", checks, failed);
	return failed != 0;
}
