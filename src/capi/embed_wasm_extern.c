/*
 * embed_wasm_extern.c - include/wasm.h: modules, functions (calls and
 * host functions), globals, tables, memories, externs and instances, on
 * the engine's run-time objects (src/runtime).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/report.h"
#include "embed_wasm.h"

/* ---- modules ---- */

static wasm_module_t *module_handle(wasm_store_t *s, struct wx_wmodule *m)
{
	return (wasm_module_t *)wx_wasm_ref_new(s, WX_REF_MODULE, m);
}

wasm_module_t *wasm_module_new(wasm_store_t *s, const wasm_byte_vec_t *bin)
{
	struct wx_report rep = {0};
	struct wx_wmodule *wm = calloc(1, sizeof(*wm));
	wasm_module_t *h;
	if (wm == NULL)
		return NULL;
	if (wx_module_load((const uint8_t *)bin->data, bin->size, &wm->m,
			   &rep) != 0) {
		free(wm);
		return NULL;
	}
	wm->refs = 1;
	h = module_handle(s, wm);
	if (h == NULL) {
		wx_module_destroy(wm->m);
		free(wm);
	}
	return h;
}

bool wasm_module_validate(wasm_store_t *s, const wasm_byte_vec_t *bin)
{
	struct wx_report rep = {0};
	struct wx_module *m;
	(void)s;
	if (wx_module_load((const uint8_t *)bin->data, bin->size, &m, &rep) != 0)
		return false;
	wx_module_destroy(m);
	return true;
}

static const struct wx_module *mod_of(const wasm_module_t *m)
{
	return ((const struct wx_wmodule *)m->r.obj)->m;
}

/* The API's type of an engine extern (tags have none: NULL). */
static wasm_externtype_t *externtype_of(const struct wx_module *m,
					uint8_t kind, const void *u)
{
	wasm_limits_t l;
	switch (kind) {
	case WX_EXTERN_FUNC: {
		const struct wx_functype *ft = u;
		wasm_functype_t *t = wx_wasm_functype_from(ft);
		return t != NULL ? &t->ext : NULL;
	}
	case WX_EXTERN_GLOBAL: {
		const struct wx_globaltype *g = u;
		wasm_globaltype_t *t = wasm_globaltype_new(
			wasm_valtype_new(wx_wasm_kind_of(g->type)),
			g->mut ? WASM_VAR : WASM_CONST);
		return t != NULL ? &t->ext : NULL;
	}
	case WX_EXTERN_TABLE: {
		const struct wx_tabletype *tt = u;
		wasm_tabletype_t *t;
		wx_wasm_limits_from(&tt->limits, &l);
		t = wasm_tabletype_new(
			wasm_valtype_new(wx_wasm_kind_of(tt->elemtype)), &l);
		return t != NULL ? &t->ext : NULL;
	}
	case WX_EXTERN_MEMORY: {
		const struct wx_memtype *mt = u;
		wasm_memorytype_t *t;
		wx_wasm_limits_from(&mt->limits, &l);
		t = wasm_memorytype_new(&l);
		return t != NULL ? &t->ext : NULL;
	}
	}
	(void)m;
	return NULL;
}

void wasm_module_imports(const wasm_module_t *mh, wasm_importtype_vec_t *out)
{
	const struct wx_module *m = mod_of(mh);
	uint32_t i, n = 0;
	wasm_importtype_vec_new_uninitialized(out, m->nimports);
	for (i = 0; i < m->nimports && out->size; i++) {
		const struct wx_import *im = &m->imports[i];
		const void *u = &im->u;
		wasm_externtype_t *t;
		wasm_name_t mn, nn;
		if (im->kind == WX_EXTERN_FUNC)
			u = m->types[im->u.typeidx];
		t = externtype_of(m, im->kind, u);
		if (t == NULL)
			continue; /* a tag: no such import type in this API */
		wasm_name_new_from_string(&mn, im->module_name);
		wasm_name_new_from_string(&nn, im->name);
		out->data[n++] = wasm_importtype_new(&mn, &nn, t);
	}
	out->size = n;
}

void wasm_module_exports(const wasm_module_t *mh, wasm_exporttype_vec_t *out)
{
	const struct wx_module *m = mod_of(mh);
	uint32_t i, n = 0;
	wasm_exporttype_vec_new_uninitialized(out, m->nexports);
	for (i = 0; i < m->nexports && out->size; i++) {
		const struct wx_export *ex = &m->exports[i];
		const void *u = NULL;
		struct wx_globaltype g;
		wasm_externtype_t *t;
		wasm_name_t nn;
		switch (ex->kind) {
		case WX_EXTERN_FUNC:
			u = m->types[m->func_typeidx[ex->index]];
			break;
		case WX_EXTERN_TABLE:
			u = &m->tables[ex->index];
			break;
		case WX_EXTERN_MEMORY:
			u = &m->mems[ex->index];
			break;
		case WX_EXTERN_GLOBAL:
			g = wx_module_globaltype(m, ex->index);
			u = &g;
			break;
		}
		t = u != NULL ? externtype_of(m, ex->kind, u) : NULL;
		if (t == NULL)
			continue;
		wasm_name_new_from_string(&nn, ex->name);
		out->data[n++] = wasm_exporttype_new(&nn, t);
	}
	out->size = n;
}

/* The serialized form is the binary itself: loading it again is as fast
 * as anything this engine could cache (bodies are translated lazily). */
void wasm_module_serialize(const wasm_module_t *mh, wasm_byte_vec_t *out)
{
	const struct wx_module *m = mod_of(mh);
	wasm_byte_vec_new(out, m->size, (const byte_t *)m->bytes);
}

wasm_module_t *wasm_module_deserialize(wasm_store_t *s,
				       const wasm_byte_vec_t *bin)
{
	return wasm_module_new(s, bin);
}

wasm_shared_module_t *wasm_module_share(const wasm_module_t *mh)
{
	wasm_shared_module_t *sm = malloc(sizeof(*sm));
	if (sm == NULL)
		return NULL;
	sm->mod = mh->r.obj;
	__atomic_add_fetch(&sm->mod->refs, 1, __ATOMIC_ACQ_REL);
	return sm;
}

wasm_module_t *wasm_module_obtain(wasm_store_t *s,
				  const wasm_shared_module_t *sm)
{
	wasm_module_t *h;
	__atomic_add_fetch(&sm->mod->refs, 1, __ATOMIC_ACQ_REL);
	h = module_handle(s, sm->mod);
	if (h == NULL)
		__atomic_sub_fetch(&sm->mod->refs, 1, __ATOMIC_ACQ_REL);
	return h;
}

static void wmodule_release(void *p)
{
	struct wx_wmodule *m = p;
	if (__atomic_sub_fetch(&m->refs, 1, __ATOMIC_ACQ_REL) == 0) {
		wx_module_destroy(m->m);
		free(m);
	}
}

void wasm_shared_module_delete(wasm_shared_module_t *sm)
{
	if (sm == NULL)
		return;
	wmodule_release(sm->mod);
	free(sm);
}

/* ---- functions ---- */

/* A host function: the engine's record first, then what the trampoline
 * needs. */
struct wx_whost {
	struct wx_func f;
	wasm_store_t *store;
	wasm_func_callback_t cb;
	wasm_func_callback_with_env_t cb_env;
	void *env;
	void (*finalizer)(void *);
};

static void whost_free(void *p)
{
	struct wx_whost *h = p;
	if (h->finalizer != NULL)
		h->finalizer(h->env);
	free(h);
}

static int host_trampoline(struct wx_thread *t, void *ctx, uint64_t *slots)
{
	struct wx_whost *h = ctx;
	const struct wx_functype *ft = h->f.type;
	wasm_val_vec_t args, results;
	wasm_trap_t *trap;
	uint32_t i;
	bool ok = true;

	wasm_val_vec_new_uninitialized(&args, ft->nparams);
	wasm_val_vec_new_uninitialized(&results, ft->nresults);
	if (args.size != ft->nparams || results.size != ft->nresults) {
		wasm_val_vec_delete(&args);
		wasm_val_vec_delete(&results);
		snprintf(t->trap_detail, sizeof(t->trap_detail),
			 "out of memory calling a host function");
		return wx_thread_trap(t, WX_TRAP_HOST);
	}
	for (i = 0; i < ft->nparams; i++)
		wx_wasm_val_from_slot(h->store, ft->types[i], slots[i],
				      &args.data[i]);
	for (i = 0; i < ft->nresults; i++)
		results.data[i].kind =
			wx_wasm_kind_of(ft->types[ft->nparams + i]);
	trap = h->cb_env != NULL ? h->cb_env(h->env, &args, &results)
				 : h->cb(&args, &results);
	for (i = 0; trap == NULL && i < ft->nresults; i++)
		if (results.data[i].kind !=
			    wx_wasm_kind_of(ft->types[ft->nparams + i]) ||
		    !wx_wasm_val_to_slot(h->store, &results.data[i], &slots[i]))
			ok = false;
	wasm_val_vec_delete(&args);
	wasm_val_vec_delete(&results);
	if (trap != NULL) {
		const struct wx_wtrap *w = trap->r.obj;
		snprintf(t->trap_detail, sizeof(t->trap_detail), "%s", w->msg);
		wx_wasm_set_host_trap(trap);
		return wx_thread_trap(t, WX_TRAP_HOST);
	}
	if (!ok) {
		snprintf(t->trap_detail, sizeof(t->trap_detail),
			 "a host function returned results of the wrong type");
		return wx_thread_trap(t, WX_TRAP_HOST);
	}
	return 0;
}

static wasm_func_t *host_new(wasm_store_t *s, const wasm_functype_t *type,
			     wasm_func_callback_t cb,
			     wasm_func_callback_with_env_t cb_env, void *env,
			     void (*fin)(void *))
{
	struct wx_whost *h = calloc(1, sizeof(*h));
	if (h == NULL)
		return NULL;
	h->f.type = wx_wasm_functype_to(type);
	if (h->f.type == NULL) {
		free(h);
		return NULL;
	}
	h->f.host = host_trampoline;
	h->f.host_ctx = h;
	h->f.host_name = "host function";
	h->store = s;
	h->cb = cb;
	h->cb_env = cb_env;
	h->env = env;
	h->finalizer = fin;
	if (!wx_wasm_own(s, whost_free, h))
		return NULL;
	return (wasm_func_t *)wx_wasm_ref_new(s, WX_REF_FUNC, &h->f);
}

wasm_func_t *wasm_func_new(wasm_store_t *s, const wasm_functype_t *type,
			   wasm_func_callback_t cb)
{
	return host_new(s, type, cb, NULL, NULL, NULL);
}

wasm_func_t *wasm_func_new_with_env(wasm_store_t *s,
				    const wasm_functype_t *type,
				    wasm_func_callback_with_env_t cb, void *env,
				    void (*fin)(void *))
{
	return host_new(s, type, NULL, cb, env, fin);
}

static struct wx_func *func_of(const wasm_func_t *f)
{
	return f->r.obj;
}

wasm_functype_t *wasm_func_type(const wasm_func_t *f)
{
	return wx_wasm_functype_from(func_of(f)->type);
}

size_t wasm_func_param_arity(const wasm_func_t *f)
{
	return func_of(f)->type->nparams;
}

size_t wasm_func_result_arity(const wasm_func_t *f)
{
	return func_of(f)->type->nresults;
}

static wasm_trap_t *trap_msg(wasm_store_t *s, const char *msg)
{
	wasm_message_t m;
	wasm_trap_t *t;
	wasm_name_new_from_string_nt(&m, msg);
	t = wasm_trap_new(s, &m);
	wasm_name_delete(&m);
	return t;
}

wasm_trap_t *wasm_func_call(const wasm_func_t *fh, const wasm_val_vec_t *args,
			    wasm_val_vec_t *results)
{
	struct wx_func *f = func_of(fh);
	const struct wx_functype *ft = f->type;
	wasm_store_t *s = fh->r.store;
	uint64_t small[16], *slots = small;
	size_t n = ft->nparams > ft->nresults ? ft->nparams : ft->nresults, i;
	int rc;

	if (args->size != ft->nparams || results->size < ft->nresults)
		return trap_msg(s, "wrong number of arguments or results");
	for (i = 0; i < ft->nparams; i++)
		if (wx_wasm_type_of(args->data[i].kind) != ft->types[i] &&
		    !(wasm_valkind_is_ref(args->data[i].kind) &&
		      ft->types[i] == WX_EXTERNREF))
			return trap_msg(s, "argument of the wrong type");
	if (n > 16 && (slots = calloc(n, sizeof(*slots))) == NULL)
		return trap_msg(s, "out of memory");
	for (i = 0; i < ft->nparams; i++)
		if (!wx_wasm_val_to_slot(s, &args->data[i], &slots[i])) {
			if (slots != small)
				free(slots);
			return trap_msg(s, "argument of the wrong type");
		}
	if (s->depth++ == 0)
		s->t.frame_top = s->t.frames;
	rc = wx_call(&s->t, f, slots);
	s->depth--;
	if (rc != 0) {
		if (slots != small)
			free(slots);
		return wx_wasm_trap_from(s, rc);
	}
	for (i = 0; i < ft->nresults; i++)
		wx_wasm_val_from_slot(s, ft->types[ft->nparams + i], slots[i],
				      &results->data[i]);
	if (slots != small)
		free(slots);
	return NULL;
}

/* ---- globals ---- */

static void global_release(void *p)
{
	wx_global_release(p);
}

wasm_global_t *wasm_global_new(wasm_store_t *s, const wasm_globaltype_t *t,
			       const wasm_val_t *v)
{
	struct wx_globaltype gt;
	struct wx_globalinst *g;
	uint64_t val[2] = {0, 0};
	gt.type = wx_wasm_type_of(t->content->kind);
	gt.mut = t->mut == WASM_VAR;
	if (v->kind != t->content->kind || !wx_wasm_val_to_slot(s, v, &val[0]))
		return NULL;
	if (wx_global_create(gt, val, &g) != 0)
		return NULL;
	if (!wx_wasm_own(s, global_release, g))
		return NULL;
	return (wasm_global_t *)wx_wasm_ref_new(s, WX_REF_GLOBAL, g);
}

wasm_globaltype_t *wasm_global_type(const wasm_global_t *gh)
{
	const struct wx_globalinst *g = gh->r.obj;
	return wasm_globaltype_new(wasm_valtype_new(wx_wasm_kind_of(g->type.type)),
				   g->type.mut ? WASM_VAR : WASM_CONST);
}

void wasm_global_get(const wasm_global_t *gh, wasm_val_t *out)
{
	const struct wx_globalinst *g = gh->r.obj;
	wx_wasm_val_from_slot(gh->r.store, g->type.type,
			      __atomic_load_n(&g->val[0], __ATOMIC_RELAXED),
			      out);
}

void wasm_global_set(wasm_global_t *gh, const wasm_val_t *v)
{
	struct wx_globalinst *g = gh->r.obj;
	uint64_t slot;
	/* A constant global or a value of another type is left as it is
	 * (the API has no way to report the error). */
	if (!g->type.mut || wx_wasm_type_of(v->kind) != g->type.type ||
	    !wx_wasm_val_to_slot(gh->r.store, v, &slot))
		return;
	__atomic_store_n(&g->val[0], slot, __ATOMIC_RELAXED);
}

/* ---- tables ---- */

static void table_release(void *p)
{
	wx_table_release(p);
}

static bool ref_slot(wasm_store_t *s, wx_valtype_t elemtype, wasm_ref_t *r,
		     uint64_t *slot)
{
	wasm_val_t v;
	v.kind = wx_wasm_kind_of(elemtype);
	v.of.ref = r;
	if (elemtype == WX_FUNCREF && r != NULL && r->kind != WX_REF_FUNC)
		return false;
	return wx_wasm_val_to_slot(s, &v, slot);
}

wasm_table_t *wasm_table_new(wasm_store_t *s, const wasm_tabletype_t *t,
			     wasm_ref_t *init)
{
	struct wx_tabletype tt;
	struct wx_table *tab;
	uint64_t slot;
	tt.elemtype = wx_wasm_type_of(t->element->kind);
	wx_wasm_limits_to(&t->limits, &tt.limits);
	if (!ref_slot(s, tt.elemtype, init, &slot) ||
	    wx_table_create(&tt, slot, &tab) != 0)
		return NULL;
	if (!wx_wasm_own(s, table_release, tab))
		return NULL;
	return (wasm_table_t *)wx_wasm_ref_new(s, WX_REF_TABLE, tab);
}

wasm_tabletype_t *wasm_table_type(const wasm_table_t *th)
{
	const struct wx_table *tab = th->r.obj;
	wasm_limits_t l;
	l.min = tab->size;
	l.max = tab->max == UINT32_MAX ? wasm_limits_max_default : tab->max;
	return wasm_tabletype_new(
		wasm_valtype_new(wx_wasm_kind_of(tab->type.elemtype)), &l);
}

wasm_ref_t *wasm_table_get(const wasm_table_t *th, wasm_table_size_t i)
{
	const struct wx_table *tab = th->r.obj;
	wasm_val_t v;
	if (i >= tab->size)
		return NULL;
	wx_wasm_val_from_slot(th->r.store, tab->type.elemtype, tab->elems[i], &v);
	return v.of.ref;
}

bool wasm_table_set(wasm_table_t *th, wasm_table_size_t i, wasm_ref_t *r)
{
	struct wx_table *tab = th->r.obj;
	uint64_t slot;
	if (i >= tab->size || !ref_slot(th->r.store, tab->type.elemtype, r, &slot))
		return false;
	tab->elems[i] = slot;
	return true;
}

wasm_table_size_t wasm_table_size(const wasm_table_t *th)
{
	return ((const struct wx_table *)th->r.obj)->size;
}

bool wasm_table_grow(wasm_table_t *th, wasm_table_size_t delta,
		     wasm_ref_t *init)
{
	struct wx_table *tab = th->r.obj;
	uint64_t slot;
	if (!ref_slot(th->r.store, tab->type.elemtype, init, &slot))
		return false;
	return wx_table_grow(tab, delta, slot) >= 0;
}

/* ---- memories ---- */

static void memory_release(void *p)
{
	wx_memory_release(p);
}

wasm_memory_t *wasm_memory_new(wasm_store_t *s, const wasm_memorytype_t *t)
{
	struct wx_memtype mt;
	struct wx_memory *mem;
	wx_wasm_limits_to(&t->limits, &mt.limits);
	if (mt.limits.min > WX_MAX_PAGES ||
	    (mt.limits.has_max &&
	     (mt.limits.max > WX_MAX_PAGES || mt.limits.max < mt.limits.min)) ||
	    wx_memory_create(&mt, &mem) != 0)
		return NULL;
	if (!wx_wasm_own(s, memory_release, mem))
		return NULL;
	return (wasm_memory_t *)wx_wasm_ref_new(s, WX_REF_MEMORY, mem);
}

wasm_memorytype_t *wasm_memory_type(const wasm_memory_t *mh)
{
	const struct wx_memory *mem = mh->r.obj;
	struct wx_limits l = mem->type.limits;
	wasm_limits_t wl;
	l.min = mem->size / WX_PAGE_SIZE;
	wx_wasm_limits_from(&l, &wl);
	return wasm_memorytype_new(&wl);
}

byte_t *wasm_memory_data(wasm_memory_t *mh)
{
	return (byte_t *)((struct wx_memory *)mh->r.obj)->base;
}

size_t wasm_memory_data_size(const wasm_memory_t *mh)
{
	return (size_t)__atomic_load_n(&((struct wx_memory *)mh->r.obj)->size,
				       __ATOMIC_ACQUIRE);
}

wasm_memory_pages_t wasm_memory_size(const wasm_memory_t *mh)
{
	return (wasm_memory_pages_t)(wasm_memory_data_size(mh) / WX_PAGE_SIZE);
}

bool wasm_memory_grow(wasm_memory_t *mh, wasm_memory_pages_t delta)
{
	return wx_memory_grow(mh->r.obj, delta) >= 0;
}

/* ---- externs ---- */

wasm_externkind_t wasm_extern_kind(const wasm_extern_t *e)
{
	return e->r.kind;
}

wasm_externtype_t *wasm_extern_type(const wasm_extern_t *e)
{
	switch (e->r.kind) {
	case WX_REF_FUNC:
		return &wasm_func_type((const wasm_func_t *)e)->ext;
	case WX_REF_GLOBAL:
		return &wasm_global_type((const wasm_global_t *)e)->ext;
	case WX_REF_TABLE:
		return &wasm_table_type((const wasm_table_t *)e)->ext;
	default:
		return &wasm_memory_type((const wasm_memory_t *)e)->ext;
	}
}

#define WX_EXTERN_CASTS(name, KIND)                                          \
	wasm_extern_t *wasm_##name##_as_extern(wasm_##name##_t *x)           \
	{                                                                    \
		return (wasm_extern_t *)x;                                   \
	}                                                                    \
	const wasm_extern_t *wasm_##name##_as_extern_const(                  \
		const wasm_##name##_t *x)                                    \
	{                                                                    \
		return (const wasm_extern_t *)x;                             \
	}                                                                    \
	wasm_##name##_t *wasm_extern_as_##name(wasm_extern_t *e)             \
	{                                                                    \
		return e != NULL && e->r.kind == KIND ? (wasm_##name##_t *)e \
						      : NULL;                \
	}                                                                    \
	const wasm_##name##_t *wasm_extern_as_##name##_const(                \
		const wasm_extern_t *e)                                      \
	{                                                                    \
		return e != NULL && e->r.kind == KIND                        \
			       ? (const wasm_##name##_t *)e                  \
			       : NULL;                                       \
	}
WX_EXTERN_CASTS(func, WX_REF_FUNC)
WX_EXTERN_CASTS(global, WX_REF_GLOBAL)
WX_EXTERN_CASTS(table, WX_REF_TABLE)
WX_EXTERN_CASTS(memory, WX_REF_MEMORY)

/* ---- instances ---- */

static void linker_free(void *p)
{
	wx_linker_fini(p);
	free(p);
}

static void instance_free(void *p)
{
	wx_instance_destroy(p);
}

static bool remember_instance(wasm_store_t *s, struct wx_instance *inst)
{
	wasm_instance_t *h;
	if (s->ninsts == s->capinsts) {
		size_t cap = s->capinsts ? s->capinsts * 2 : 8;
		void *n = realloc(s->insts, cap * sizeof(*s->insts));
		if (n == NULL)
			return false;
		s->insts = n;
		s->capinsts = cap;
	}
	h = (wasm_instance_t *)wx_wasm_ref_new(s, WX_REF_INSTANCE, inst);
	if (h == NULL)
		return false;
	s->insts[s->ninsts].inst = inst;
	s->insts[s->ninsts++].h = h;
	return true;
}

static bool to_extern(const wasm_extern_t *e, struct wx_extern *out)
{
	switch (e->r.kind) {
	case WX_REF_FUNC:
		out->kind = WX_EXTERN_FUNC;
		out->u.func = e->r.obj;
		return true;
	case WX_REF_GLOBAL:
		out->kind = WX_EXTERN_GLOBAL;
		out->u.global = e->r.obj;
		return true;
	case WX_REF_TABLE:
		out->kind = WX_EXTERN_TABLE;
		out->u.table = e->r.obj;
		return true;
	case WX_REF_MEMORY:
		out->kind = WX_EXTERN_MEMORY;
		out->u.memory = e->r.obj;
		return true;
	}
	return false;
}

wasm_instance_t *wasm_instance_new(wasm_store_t *s, const wasm_module_t *mh,
				   const wasm_extern_vec_t *imports,
				   wasm_trap_t **trap)
{
	const struct wx_module *m = mod_of(mh);
	struct wx_wmodule *wm = mh->r.obj;
	struct wx_report rep = {0};
	struct wx_linker *l = malloc(sizeof(*l));
	struct wx_instance *inst = NULL;
	uint32_t i, k = 0;
	int rc = 0;

	if (trap != NULL)
		*trap = NULL;
	if (l == NULL)
		return NULL;
	wx_linker_init(l);
	if (!wx_wasm_own(s, linker_free, l))
		return NULL;
	/* The module lives as long as the store's instances of it. */
	__atomic_add_fetch(&wm->refs, 1, __ATOMIC_ACQ_REL);
	if (!wx_wasm_own(s, wmodule_release, wm))
		return NULL;
	/* Imports are given in the module's order (tags excepted). */
	for (i = 0; i < m->nimports && rc == 0; i++) {
		struct wx_extern ext;
		if (m->imports[i].kind == WX_EXTERN_TAG)
			continue;
		if (imports == NULL || k >= imports->size ||
		    imports->data[k] == NULL ||
		    !to_extern(imports->data[k], &ext)) {
			wx_report(&rep, "import %u (%s.%s) is missing", i,
				  m->imports[i].module_name,
				  m->imports[i].name);
			rc = WX_ELINK;
			break;
		}
		k++;
		rc = wx_linker_define(l, m->imports[i].module_name,
				      m->imports[i].name, &ext);
	}
	if (rc == 0) {
		if (s->depth++ == 0)
			s->t.frame_top = s->t.frames;
		rc = wx_instance_create(m, l, &s->t, &inst, &rep);
		s->depth--;
	}
	if (inst != NULL && (!wx_wasm_own(s, instance_free, inst) ||
			     !remember_instance(s, inst)))
		return NULL;
	if (rc == WX_ETRAP) {
		if (trap != NULL)
			*trap = wx_wasm_trap_from(s, rc);
		return NULL;
	}
	if (rc != 0) {
		if (trap != NULL)
			*trap = trap_msg(s, rep.set ? rep.msg
						    : "cannot instantiate");
		return NULL;
	}
	return (wasm_instance_t *)wx_wasm_ref_new(s, WX_REF_INSTANCE, inst);
}

void wasm_instance_exports(const wasm_instance_t *ih, wasm_extern_vec_t *out)
{
	struct wx_instance *inst = ih->r.obj;
	const struct wx_module *m = inst->module;
	uint32_t i, n = 0;
	wasm_extern_vec_new_uninitialized(out, m->nexports);
	for (i = 0; i < m->nexports && out->size; i++) {
		struct wx_extern ext;
		uint8_t kind;
		void *obj;
		if (!wx_instance_export(inst, m->exports[i].name, &ext))
			continue;
		switch (ext.kind) {
		case WX_EXTERN_FUNC:
			kind = WX_REF_FUNC;
			obj = ext.u.func;
			break;
		case WX_EXTERN_GLOBAL:
			kind = WX_REF_GLOBAL;
			obj = ext.u.global;
			break;
		case WX_EXTERN_TABLE:
			kind = WX_REF_TABLE;
			obj = ext.u.table;
			break;
		case WX_EXTERN_MEMORY:
			kind = WX_REF_MEMORY;
			obj = ext.u.memory;
			break;
		default:
			continue; /* tags: not in this API */
		}
		out->data[n] = (wasm_extern_t *)wx_wasm_ref_new(ih->r.store,
								kind, obj);
		if (out->data[n] != NULL)
			n++;
	}
	out->size = n;
}
