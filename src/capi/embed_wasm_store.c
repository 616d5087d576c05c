/*
 * embed_wasm_store.c - include/wasm.h: configuration, engine, store, the
 * reference handles every reference type shares, values to and from the
 * engine's slots, traps, frames and foreign objects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embed_wasm.h"

/* ---- configuration, engine ---- */

wasm_config_t *wasm_config_new(void)
{
	return calloc(1, sizeof(wasm_config_t));
}

void wasm_config_delete(wasm_config_t *c)
{
	free(c);
}

wasm_engine_t *wasm_engine_new(void)
{
	return calloc(1, sizeof(wasm_engine_t));
}

wasm_engine_t *wasm_engine_new_with_config(wasm_config_t *c)
{
	wasm_config_delete(c); /* nothing to configure yet */
	return wasm_engine_new();
}

void wasm_engine_delete(wasm_engine_t *e)
{
	free(e);
}

/* ---- store ---- */

wasm_store_t *wasm_store_new(wasm_engine_t *e)
{
	wasm_store_t *s = calloc(1, sizeof(*s));
	(void)e;
	if (s == NULL)
		return NULL;
	if (wx_thread_init(&s->t, 0, 0) != 0) {
		free(s);
		return NULL;
	}
	return s;
}

bool wx_wasm_own(wasm_store_t *s, void (*fn)(void *), void *p)
{
	if (s->nowned == s->capowned) {
		size_t cap = s->capowned ? s->capowned * 2 : 16;
		struct wx_wowned *n = realloc(s->owned, cap * sizeof(*n));
		if (n == NULL) {
			fn(p);
			return false;
		}
		s->owned = n;
		s->capowned = cap;
	}
	s->owned[s->nowned].free = fn;
	s->owned[s->nowned++].p = p;
	return true;
}

void wasm_store_delete(wasm_store_t *s)
{
	size_t i;
	if (s == NULL)
		return;
	/* Newest first: instances go before the linkers, modules and host
	 * functions they were made from. */
	for (i = s->nowned; i-- > 0;)
		s->owned[i].free(s->owned[i].p);
	for (i = 0; i < s->ninsts; i++)
		free(s->insts[i].h);
	free(s->insts);
	free(s->owned);
	wx_thread_fini(&s->t);
	free(s);
}

/* ---- references ---- */

struct wasm_ref_t *wx_wasm_ref_new(wasm_store_t *s, uint8_t kind, void *obj)
{
	struct wasm_ref_t *r = calloc(1, sizeof(*r));
	if (r == NULL)
		return NULL;
	r->kind = kind;
	r->store = s;
	r->obj = obj;
	return r;
}

/* Trap records are shared by a trap's copies (they are the same trap). */
static void wtrap_free(struct wx_wtrap *w)
{
	if (w == NULL || __atomic_sub_fetch(&w->refs, 1, __ATOMIC_ACQ_REL) > 0)
		return;
	free(w->msg);
	free(w->frames);
	free(w);
}

static void wmodule_unref(struct wx_wmodule *m)
{
	if (__atomic_sub_fetch(&m->refs, 1, __ATOMIC_ACQ_REL) == 0) {
		wx_module_destroy(m->m);
		free(m);
	}
}

void wasm_ref_delete(wasm_ref_t *r)
{
	if (r == NULL)
		return;
	if (r->finalizer != NULL)
		r->finalizer(r->info);
	if (r->kind == WX_REF_TRAP)
		wtrap_free(r->obj);
	else if (r->kind == WX_REF_MODULE)
		wmodule_unref(r->obj);
	free(r);
}

wasm_ref_t *wasm_ref_copy(const wasm_ref_t *r)
{
	void *obj = r->obj;
	struct wasm_ref_t *c;
	if (r->kind == WX_REF_TRAP) {
		__atomic_add_fetch(&((struct wx_wtrap *)obj)->refs, 1,
				   __ATOMIC_ACQ_REL);
	} else if (r->kind == WX_REF_MODULE) {
		__atomic_add_fetch(&((struct wx_wmodule *)obj)->refs, 1,
				   __ATOMIC_ACQ_REL);
	}
	c = wx_wasm_ref_new(r->store, r->kind, obj);
	if (c == NULL) {
		if (r->kind == WX_REF_TRAP)
			wtrap_free(obj);
		else if (r->kind == WX_REF_MODULE)
			wmodule_unref(obj);
	}
	return c;
}

bool wasm_ref_same(const wasm_ref_t *a, const wasm_ref_t *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return a->kind == b->kind && a->obj == b->obj;
}

void *wasm_ref_get_host_info(const wasm_ref_t *r)
{
	return r->info;
}

void wasm_ref_set_host_info(wasm_ref_t *r, void *info)
{
	r->info = info;
	r->finalizer = NULL;
}

void wasm_ref_set_host_info_with_finalizer(wasm_ref_t *r, void *info,
					   void (*fin)(void *))
{
	r->info = info;
	r->finalizer = fin;
}

/* Every reference type is a handle: its functions are the ref ones. */
#define WX_REF_FUNCS(name, KIND)                                             \
	void wasm_##name##_delete(wasm_##name##_t *x)                        \
	{                                                                    \
		wasm_ref_delete(x != NULL ? &x->r : NULL);                   \
	}                                                                    \
	wasm_##name##_t *wasm_##name##_copy(const wasm_##name##_t *x)        \
	{                                                                    \
		return (wasm_##name##_t *)wasm_ref_copy(&x->r);              \
	}                                                                    \
	bool wasm_##name##_same(const wasm_##name##_t *a,                    \
				const wasm_##name##_t *b)                    \
	{                                                                    \
		return wasm_ref_same(a != NULL ? &a->r : NULL,               \
				     b != NULL ? &b->r : NULL);              \
	}                                                                    \
	void *wasm_##name##_get_host_info(const wasm_##name##_t *x)          \
	{                                                                    \
		return x->r.info;                                            \
	}                                                                    \
	void wasm_##name##_set_host_info(wasm_##name##_t *x, void *info)     \
	{                                                                    \
		wasm_ref_set_host_info(&x->r, info);                         \
	}                                                                    \
	void wasm_##name##_set_host_info_with_finalizer(                     \
		wasm_##name##_t *x, void *info, void (*fin)(void *))         \
	{                                                                    \
		wasm_ref_set_host_info_with_finalizer(&x->r, info, fin);     \
	}                                                                    \
	wasm_ref_t *wasm_##name##_as_ref(wasm_##name##_t *x)                 \
	{                                                                    \
		return x != NULL ? &x->r : NULL;                             \
	}                                                                    \
	const wasm_ref_t *wasm_##name##_as_ref_const(const wasm_##name##_t *x)\
	{                                                                    \
		return x != NULL ? &x->r : NULL;                             \
	}                                                                    \
	wasm_##name##_t *wasm_ref_as_##name(wasm_ref_t *r)                   \
	{                                                                    \
		return r != NULL && r->kind == KIND ? (wasm_##name##_t *)r   \
						    : NULL;                  \
	}                                                                    \
	const wasm_##name##_t *wasm_ref_as_##name##_const(const wasm_ref_t *r)\
	{                                                                    \
		return r != NULL && r->kind == KIND                          \
			       ? (const wasm_##name##_t *)r                  \
			       : NULL;                                       \
	}

WX_REF_FUNCS(func, WX_REF_FUNC)
WX_REF_FUNCS(global, WX_REF_GLOBAL)
WX_REF_FUNCS(table, WX_REF_TABLE)
WX_REF_FUNCS(memory, WX_REF_MEMORY)
WX_REF_FUNCS(instance, WX_REF_INSTANCE)
WX_REF_FUNCS(trap, WX_REF_TRAP)
WX_REF_FUNCS(foreign, WX_REF_FOREIGN)
WX_REF_FUNCS(module, WX_REF_MODULE)

/* An extern is any of the four kinds. */
void wasm_extern_delete(wasm_extern_t *x)
{
	wasm_ref_delete(x != NULL ? &x->r : NULL);
}
wasm_extern_t *wasm_extern_copy(const wasm_extern_t *x)
{
	return (wasm_extern_t *)wasm_ref_copy(&x->r);
}
bool wasm_extern_same(const wasm_extern_t *a, const wasm_extern_t *b)
{
	return wasm_ref_same(a != NULL ? &a->r : NULL, b != NULL ? &b->r : NULL);
}
void *wasm_extern_get_host_info(const wasm_extern_t *x)
{
	return x->r.info;
}
void wasm_extern_set_host_info(wasm_extern_t *x, void *info)
{
	wasm_ref_set_host_info(&x->r, info);
}
void wasm_extern_set_host_info_with_finalizer(wasm_extern_t *x, void *info,
					      void (*fin)(void *))
{
	wasm_ref_set_host_info_with_finalizer(&x->r, info, fin);
}
wasm_ref_t *wasm_extern_as_ref(wasm_extern_t *x)
{
	return x != NULL ? &x->r : NULL;
}
const wasm_ref_t *wasm_extern_as_ref_const(const wasm_extern_t *x)
{
	return x != NULL ? &x->r : NULL;
}
wasm_extern_t *wasm_ref_as_extern(wasm_ref_t *r)
{
	return r != NULL && r->kind <= WX_REF_MEMORY ? (wasm_extern_t *)r
						      : NULL;
}
const wasm_extern_t *wasm_ref_as_extern_const(const wasm_ref_t *r)
{
	return r != NULL && r->kind <= WX_REF_MEMORY ? (const wasm_extern_t *)r
						      : NULL;
}

/* ---- foreign objects ---- */

wasm_foreign_t *wasm_foreign_new(wasm_store_t *s)
{
	/* Its identity: a store-owned byte, so copies stay the same. */
	void *id = malloc(1);
	if (id == NULL || !wx_wasm_own(s, free, id))
		return NULL;
	return (wasm_foreign_t *)wx_wasm_ref_new(s, WX_REF_FOREIGN, id);
}

/* ---- values and slots ---- */

/* An externref slot names a store-owned box (kind, object), so that the
 * handle can be made again when the value comes back out of wasm. */
struct wx_wbox {
	uint8_t kind;
	void *obj;
};

bool wx_wasm_val_to_slot(wasm_store_t *s, const wasm_val_t *v, uint64_t *slot)
{
	uint32_t b32;
	switch (v->kind) {
	case WASM_I32:
		*slot = (uint32_t)v->of.i32;
		return true;
	case WASM_I64:
		*slot = (uint64_t)v->of.i64;
		return true;
	case WASM_F32:
		memcpy(&b32, &v->of.f32, 4);
		*slot = b32;
		return true;
	case WASM_F64:
		memcpy(slot, &v->of.f64, 8);
		return true;
	}
	if (v->of.ref == NULL) {
		*slot = 0;
		return true;
	}
	if (v->kind == WASM_FUNCREF || v->of.ref->kind == WX_REF_FUNC) {
		if (v->of.ref->kind != WX_REF_FUNC)
			return false;
		*slot = (uintptr_t)v->of.ref->obj;
		return true;
	}
	{
		struct wx_wbox *b = malloc(sizeof(*b));
		if (b == NULL || !wx_wasm_own(s, free, b))
			return false;
		b->kind = v->of.ref->kind;
		b->obj = v->of.ref->obj;
		*slot = (uintptr_t)b;
	}
	return true;
}

void wx_wasm_val_from_slot(wasm_store_t *s, wx_valtype_t type, uint64_t slot,
			   wasm_val_t *v)
{
	uint32_t b32 = (uint32_t)slot;
	v->kind = wx_wasm_kind_of(type);
	switch (type) {
	case WX_I32:
		v->of.i32 = (int32_t)b32;
		return;
	case WX_I64:
		v->of.i64 = (int64_t)slot;
		return;
	case WX_F32:
		memcpy(&v->of.f32, &b32, 4);
		return;
	case WX_F64:
		memcpy(&v->of.f64, &slot, 8);
		return;
	}
	v->of.ref = NULL;
	if (slot == 0)
		return;
	if (type == WX_FUNCREF) {
		v->of.ref = wx_wasm_ref_new(s, WX_REF_FUNC,
					    (void *)(uintptr_t)slot);
	} else {
		const struct wx_wbox *b = (const void *)(uintptr_t)slot;
		v->of.ref = wx_wasm_ref_new(s, b->kind, b->obj);
	}
}

/* ---- traps and frames ---- */

/* A host function's trap, from its return to the wasm_func_call it ends. */
static __thread wasm_trap_t *pending_host_trap;

void wx_wasm_set_host_trap(wasm_trap_t *t)
{
	wasm_trap_delete(pending_host_trap);
	pending_host_trap = t;
}

wasm_trap_t *wasm_trap_new(wasm_store_t *s, const wasm_message_t *msg)
{
	struct wx_wtrap *w = calloc(1, sizeof(*w));
	struct wasm_ref_t *r;
	size_t n = msg->size;
	if (w == NULL)
		return NULL;
	/* The message is NUL-terminated by convention; accept one without */
	if (n > 0 && msg->data[n - 1] == '\0')
		n--;
	w->refs = 1;
	w->msg = malloc(n + 1);
	if (w->msg == NULL) {
		free(w);
		return NULL;
	}
	memcpy(w->msg, msg->data, n);
	w->msg[n] = '\0';
	r = wx_wasm_ref_new(s, WX_REF_TRAP, w);
	if (r == NULL)
		wtrap_free(w);
	return (wasm_trap_t *)r;
}

void wasm_trap_message(const wasm_trap_t *t, wasm_message_t *out)
{
	const struct wx_wtrap *w = t->r.obj;
	wasm_name_new_from_string_nt(out, w->msg);
}

static wasm_frame_t *frame_new(wasm_store_t *s, const struct wx_wframe_rec *f)
{
	wasm_frame_t *fr = malloc(sizeof(*fr));
	if (fr != NULL) {
		fr->f = *f;
		fr->store = s;
	}
	return fr;
}

wasm_frame_t *wasm_trap_origin(const wasm_trap_t *t)
{
	const struct wx_wtrap *w = t->r.obj;
	return w->nframes ? frame_new(t->r.store, &w->frames[0]) : NULL;
}

void wasm_trap_trace(const wasm_trap_t *t, wasm_frame_vec_t *out)
{
	const struct wx_wtrap *w = t->r.obj;
	size_t i;
	wasm_frame_vec_new_uninitialized(out, w->nframes);
	for (i = 0; i < out->size; i++)
		out->data[i] = frame_new(t->r.store, &w->frames[i]);
}

wasm_frame_t *wasm_frame_copy(const wasm_frame_t *f)
{
	return frame_new(f->store, &f->f);
}

void wasm_frame_delete(wasm_frame_t *f)
{
	free(f);
}

wasm_instance_t *wasm_frame_instance(const wasm_frame_t *f)
{
	return wx_wasm_instance_handle(f->store, f->f.inst);
}

uint32_t wasm_frame_func_index(const wasm_frame_t *f)
{
	return f->f.func_index;
}

size_t wasm_frame_func_offset(const wasm_frame_t *f)
{
	return f->f.func_offset;
}

size_t wasm_frame_module_offset(const wasm_frame_t *f)
{
	return f->f.module_offset;
}

wasm_instance_t *wx_wasm_instance_handle(wasm_store_t *s,
					 const struct wx_instance *inst)
{
	size_t i;
	for (i = 0; s != NULL && i < s->ninsts; i++)
		if (s->insts[i].inst == inst)
			return s->insts[i].h;
	return NULL;
}

wasm_trap_t *wx_wasm_trap_from(wasm_store_t *s, int rc)
{
	struct wx_thread *t = &s->t;
	struct wx_wtrap *w;
	struct wasm_ref_t *r;
	char buf[512];
	uint32_t i;

	rc = wx_exn_uncaught(t, rc);
	if (rc == WX_ETRAP && pending_host_trap != NULL) {
		/* A host function's own trap comes back as it was made. */
		wasm_trap_t *h = pending_host_trap;
		pending_host_trap = NULL;
		return h;
	}
	if (rc == WX_ETRAP)
		wx_thread_describe_trap(t, buf, sizeof(buf));
	else
		snprintf(buf, sizeof(buf), "call failed (status %d)", rc);
	w = calloc(1, sizeof(*w));
	if (w == NULL || (w->msg = strdup(buf)) == NULL) {
		free(w);
		return NULL;
	}
	w->refs = 1;
	if (rc == WX_ETRAP && t->trap_depth > 0) {
		w->frames = calloc(t->trap_depth, sizeof(*w->frames));
		for (i = 0; w->frames != NULL && i < t->trap_depth; i++) {
			const struct wx_func *f = t->trap_trace[i].func;
			struct wx_wframe_rec *fr = &w->frames[w->nframes];
			if (f == NULL || f->inst == NULL)
				continue;
			fr->inst = f->inst;
			fr->func_index = f->index;
			fr->module_offset = t->trap_trace[i].offset;
			if (f->index >= f->inst->module->nfuncs_imported) {
				const struct wx_funcdef *d =
					&f->inst->module->funcdefs
						 [f->index -
						  f->inst->module->nfuncs_imported];
				if (fr->module_offset >= d->body_offset)
					fr->func_offset = fr->module_offset -
							  d->body_offset;
			}
			w->nframes++;
		}
	}
	r = wx_wasm_ref_new(s, WX_REF_TRAP, w);
	if (r == NULL)
		wtrap_free(w);
	return (wasm_trap_t *)r;
}
