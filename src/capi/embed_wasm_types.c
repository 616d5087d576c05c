/*
 * embed_wasm_types.c - include/wasm.h: vectors, names, value types and
 * the function, global, table, memory, extern, import and export types,
 * and values.  Plain owned data: nothing here touches the engine except
 * the conversions to and from its types at the end.
 */
#include <stdlib.h>
#include <string.h>

#include "embed_wasm.h"

/* ---- vectors ---- */

/* Vectors of plain values (bytes, values). */
#define WX_VEC_PLAIN(name, copy_elem, delete_elem)                           \
	void wasm_##name##_vec_new_empty(wasm_##name##_vec_t *out)           \
	{                                                                    \
		out->size = 0;                                               \
		out->data = NULL;                                            \
	}                                                                    \
	void wasm_##name##_vec_new_uninitialized(wasm_##name##_vec_t *out,   \
						 size_t size)                \
	{                                                                    \
		out->data = size ? calloc(size, sizeof(*out->data)) : NULL;  \
		out->size = out->data != NULL ? size : 0;                    \
	}                                                                    \
	void wasm_##name##_vec_new(wasm_##name##_vec_t *out, size_t size,    \
				   const wasm_##name##_t data[])             \
	{                                                                    \
		wasm_##name##_vec_new_uninitialized(out, size);              \
		if (out->size)                                               \
			memcpy(out->data, data, size * sizeof(*out->data));  \
	}                                                                    \
	void wasm_##name##_vec_copy(wasm_##name##_vec_t *out,                \
				    const wasm_##name##_vec_t *src)          \
	{                                                                    \
		size_t i;                                                    \
		wasm_##name##_vec_new_uninitialized(out, src->size);         \
		for (i = 0; i < out->size; i++)                              \
			copy_elem(&out->data[i], &src->data[i]);             \
	}                                                                    \
	void wasm_##name##_vec_delete(wasm_##name##_vec_t *vec)              \
	{                                                                    \
		size_t i;                                                    \
		for (i = 0; i < vec->size; i++)                              \
			delete_elem(&vec->data[i]);                          \
		free(vec->data);                                             \
		vec->data = NULL;                                            \
		vec->size = 0;                                               \
	}

static void byte_copy(byte_t *d, const byte_t *s) { *d = *s; }
static void byte_delete(byte_t *b) { (void)b; }
WX_VEC_PLAIN(byte, byte_copy, byte_delete)
WX_VEC_PLAIN(val, wasm_val_copy, wasm_val_delete)

/* Vectors of owned objects. */
#define WX_VEC_OWN(name)                                                     \
	void wasm_##name##_vec_new_empty(wasm_##name##_vec_t *out)           \
	{                                                                    \
		out->size = 0;                                               \
		out->data = NULL;                                            \
	}                                                                    \
	void wasm_##name##_vec_new_uninitialized(wasm_##name##_vec_t *out,   \
						 size_t size)                \
	{                                                                    \
		out->data = size ? calloc(size, sizeof(*out->data)) : NULL;  \
		out->size = out->data != NULL ? size : 0;                    \
	}                                                                    \
	void wasm_##name##_vec_new(wasm_##name##_vec_t *out, size_t size,    \
				   wasm_##name##_t *const data[])            \
	{                                                                    \
		wasm_##name##_vec_new_uninitialized(out, size);              \
		if (out->size)                                               \
			memcpy(out->data, data, size * sizeof(*out->data));  \
	}                                                                    \
	void wasm_##name##_vec_copy(wasm_##name##_vec_t *out,                \
				    const wasm_##name##_vec_t *src)          \
	{                                                                    \
		size_t i;                                                    \
		wasm_##name##_vec_new_uninitialized(out, src->size);         \
		for (i = 0; i < out->size; i++)                              \
			out->data[i] = src->data[i] != NULL                  \
					       ? wasm_##name##_copy(         \
							 src->data[i])       \
					       : NULL;                       \
	}                                                                    \
	void wasm_##name##_vec_delete(wasm_##name##_vec_t *vec)              \
	{                                                                    \
		size_t i;                                                    \
		for (i = 0; i < vec->size; i++)                              \
			if (vec->data[i] != NULL)                            \
				wasm_##name##_delete(vec->data[i]);          \
		free(vec->data);                                             \
		vec->data = NULL;                                            \
		vec->size = 0;                                               \
	}

WX_VEC_OWN(valtype)
WX_VEC_OWN(functype)
WX_VEC_OWN(globaltype)
WX_VEC_OWN(tabletype)
WX_VEC_OWN(memorytype)
WX_VEC_OWN(externtype)
WX_VEC_OWN(importtype)
WX_VEC_OWN(exporttype)
WX_VEC_OWN(frame)
WX_VEC_OWN(extern)

/* ---- value types ---- */

wasm_valtype_t *wasm_valtype_new(wasm_valkind_t kind)
{
	wasm_valtype_t *t = malloc(sizeof(*t));
	if (t != NULL)
		t->kind = kind;
	return t;
}

wasm_valkind_t wasm_valtype_kind(const wasm_valtype_t *t)
{
	return t->kind;
}

wasm_valtype_t *wasm_valtype_copy(const wasm_valtype_t *t)
{
	return wasm_valtype_new(t->kind);
}

void wasm_valtype_delete(wasm_valtype_t *t)
{
	free(t);
}

/* ---- function types ---- */

wasm_functype_t *wasm_functype_new(wasm_valtype_vec_t *params,
				   wasm_valtype_vec_t *results)
{
	wasm_functype_t *t = malloc(sizeof(*t));
	if (t == NULL) {
		wasm_valtype_vec_delete(params);
		wasm_valtype_vec_delete(results);
		return NULL;
	}
	t->ext.kind = WASM_EXTERN_FUNC;
	t->params = *params;
	t->results = *results;
	params->size = results->size = 0;
	params->data = results->data = NULL;
	return t;
}

const wasm_valtype_vec_t *wasm_functype_params(const wasm_functype_t *t)
{
	return &t->params;
}

const wasm_valtype_vec_t *wasm_functype_results(const wasm_functype_t *t)
{
	return &t->results;
}

wasm_functype_t *wasm_functype_copy(const wasm_functype_t *t)
{
	wasm_valtype_vec_t p, r;
	wasm_valtype_vec_copy(&p, &t->params);
	wasm_valtype_vec_copy(&r, &t->results);
	return wasm_functype_new(&p, &r);
}

void wasm_functype_delete(wasm_functype_t *t)
{
	if (t == NULL)
		return;
	wasm_valtype_vec_delete(&t->params);
	wasm_valtype_vec_delete(&t->results);
	free(t);
}

/* ---- global, table, memory types ---- */

wasm_globaltype_t *wasm_globaltype_new(wasm_valtype_t *content,
				       wasm_mutability_t mut)
{
	wasm_globaltype_t *t = malloc(sizeof(*t));
	if (t == NULL) {
		wasm_valtype_delete(content);
		return NULL;
	}
	t->ext.kind = WASM_EXTERN_GLOBAL;
	t->content = content;
	t->mut = mut;
	return t;
}

const wasm_valtype_t *wasm_globaltype_content(const wasm_globaltype_t *t)
{
	return t->content;
}

wasm_mutability_t wasm_globaltype_mutability(const wasm_globaltype_t *t)
{
	return t->mut;
}

wasm_globaltype_t *wasm_globaltype_copy(const wasm_globaltype_t *t)
{
	return wasm_globaltype_new(wasm_valtype_copy(t->content), t->mut);
}

void wasm_globaltype_delete(wasm_globaltype_t *t)
{
	if (t == NULL)
		return;
	wasm_valtype_delete(t->content);
	free(t);
}

wasm_tabletype_t *wasm_tabletype_new(wasm_valtype_t *element,
				     const wasm_limits_t *limits)
{
	wasm_tabletype_t *t = malloc(sizeof(*t));
	if (t == NULL) {
		wasm_valtype_delete(element);
		return NULL;
	}
	t->ext.kind = WASM_EXTERN_TABLE;
	t->element = element;
	t->limits = *limits;
	return t;
}

const wasm_valtype_t *wasm_tabletype_element(const wasm_tabletype_t *t)
{
	return t->element;
}

const wasm_limits_t *wasm_tabletype_limits(const wasm_tabletype_t *t)
{
	return &t->limits;
}

wasm_tabletype_t *wasm_tabletype_copy(const wasm_tabletype_t *t)
{
	return wasm_tabletype_new(wasm_valtype_copy(t->element), &t->limits);
}

void wasm_tabletype_delete(wasm_tabletype_t *t)
{
	if (t == NULL)
		return;
	wasm_valtype_delete(t->element);
	free(t);
}

wasm_memorytype_t *wasm_memorytype_new(const wasm_limits_t *limits)
{
	wasm_memorytype_t *t = malloc(sizeof(*t));
	if (t == NULL)
		return NULL;
	t->ext.kind = WASM_EXTERN_MEMORY;
	t->limits = *limits;
	return t;
}

const wasm_limits_t *wasm_memorytype_limits(const wasm_memorytype_t *t)
{
	return &t->limits;
}

wasm_memorytype_t *wasm_memorytype_copy(const wasm_memorytype_t *t)
{
	return wasm_memorytype_new(&t->limits);
}

void wasm_memorytype_delete(wasm_memorytype_t *t)
{
	free(t);
}

/* ---- extern types ---- */

wasm_externkind_t wasm_externtype_kind(const wasm_externtype_t *t)
{
	return t->kind;
}

wasm_externtype_t *wasm_externtype_copy(const wasm_externtype_t *t)
{
	switch (t->kind) {
	case WASM_EXTERN_FUNC:
		return &wasm_functype_copy((const wasm_functype_t *)t)->ext;
	case WASM_EXTERN_GLOBAL:
		return &wasm_globaltype_copy((const wasm_globaltype_t *)t)->ext;
	case WASM_EXTERN_TABLE:
		return &wasm_tabletype_copy((const wasm_tabletype_t *)t)->ext;
	default:
		return &wasm_memorytype_copy((const wasm_memorytype_t *)t)->ext;
	}
}

void wasm_externtype_delete(wasm_externtype_t *t)
{
	if (t == NULL)
		return;
	switch (t->kind) {
	case WASM_EXTERN_FUNC:
		wasm_functype_delete((wasm_functype_t *)t);
		break;
	case WASM_EXTERN_GLOBAL:
		wasm_globaltype_delete((wasm_globaltype_t *)t);
		break;
	case WASM_EXTERN_TABLE:
		wasm_tabletype_delete((wasm_tabletype_t *)t);
		break;
	default:
		wasm_memorytype_delete((wasm_memorytype_t *)t);
	}
}

#define WX_EXTERNTYPE_CASTS(name, KIND)                                      \
	wasm_externtype_t *wasm_##name##_as_externtype(wasm_##name##_t *t)   \
	{                                                                    \
		return t != NULL ? &t->ext : NULL;                           \
	}                                                                    \
	const wasm_externtype_t *wasm_##name##_as_externtype_const(          \
		const wasm_##name##_t *t)                                    \
	{                                                                    \
		return t != NULL ? &t->ext : NULL;                           \
	}                                                                    \
	wasm_##name##_t *wasm_externtype_as_##name(wasm_externtype_t *t)     \
	{                                                                    \
		return t != NULL && t->kind == KIND ? (wasm_##name##_t *)t   \
						    : NULL;                  \
	}                                                                    \
	const wasm_##name##_t *wasm_externtype_as_##name##_const(            \
		const wasm_externtype_t *t)                                  \
	{                                                                    \
		return t != NULL && t->kind == KIND                          \
			       ? (const wasm_##name##_t *)t                  \
			       : NULL;                                       \
	}
WX_EXTERNTYPE_CASTS(functype, WASM_EXTERN_FUNC)
WX_EXTERNTYPE_CASTS(globaltype, WASM_EXTERN_GLOBAL)
WX_EXTERNTYPE_CASTS(tabletype, WASM_EXTERN_TABLE)
WX_EXTERNTYPE_CASTS(memorytype, WASM_EXTERN_MEMORY)

/* ---- import and export types ---- */

wasm_importtype_t *wasm_importtype_new(wasm_name_t *module, wasm_name_t *name,
				       wasm_externtype_t *type)
{
	wasm_importtype_t *t = malloc(sizeof(*t));
	if (t == NULL) {
		wasm_name_delete(module);
		wasm_name_delete(name);
		wasm_externtype_delete(type);
		return NULL;
	}
	t->module = *module;
	t->name = *name;
	t->type = type;
	module->size = name->size = 0;
	module->data = name->data = NULL;
	return t;
}

const wasm_name_t *wasm_importtype_module(const wasm_importtype_t *t)
{
	return &t->module;
}

const wasm_name_t *wasm_importtype_name(const wasm_importtype_t *t)
{
	return &t->name;
}

const wasm_externtype_t *wasm_importtype_type(const wasm_importtype_t *t)
{
	return t->type;
}

wasm_importtype_t *wasm_importtype_copy(const wasm_importtype_t *t)
{
	wasm_name_t m, n;
	wasm_name_copy(&m, &t->module);
	wasm_name_copy(&n, &t->name);
	return wasm_importtype_new(&m, &n, wasm_externtype_copy(t->type));
}

void wasm_importtype_delete(wasm_importtype_t *t)
{
	if (t == NULL)
		return;
	wasm_name_delete(&t->module);
	wasm_name_delete(&t->name);
	wasm_externtype_delete(t->type);
	free(t);
}

wasm_exporttype_t *wasm_exporttype_new(wasm_name_t *name,
				       wasm_externtype_t *type)
{
	wasm_exporttype_t *t = malloc(sizeof(*t));
	if (t == NULL) {
		wasm_name_delete(name);
		wasm_externtype_delete(type);
		return NULL;
	}
	t->name = *name;
	t->type = type;
	name->size = 0;
	name->data = NULL;
	return t;
}

const wasm_name_t *wasm_exporttype_name(const wasm_exporttype_t *t)
{
	return &t->name;
}

const wasm_externtype_t *wasm_exporttype_type(const wasm_exporttype_t *t)
{
	return t->type;
}

wasm_exporttype_t *wasm_exporttype_copy(const wasm_exporttype_t *t)
{
	wasm_name_t n;
	wasm_name_copy(&n, &t->name);
	return wasm_exporttype_new(&n, wasm_externtype_copy(t->type));
}

void wasm_exporttype_delete(wasm_exporttype_t *t)
{
	if (t == NULL)
		return;
	wasm_name_delete(&t->name);
	wasm_externtype_delete(t->type);
	free(t);
}

/* ---- values ---- */

void wasm_val_delete(wasm_val_t *v)
{
	if (wasm_valkind_is_ref(v->kind) && v->of.ref != NULL) {
		wasm_ref_delete(v->of.ref);
		v->of.ref = NULL;
	}
}

void wasm_val_copy(wasm_val_t *out, const wasm_val_t *v)
{
	*out = *v;
	if (wasm_valkind_is_ref(v->kind) && v->of.ref != NULL)
		out->of.ref = wasm_ref_copy(v->of.ref);
}

/* ---- the engine's types ---- */

wasm_valkind_t wx_wasm_kind_of(wx_valtype_t t)
{
	switch (t) {
	case WX_I32: return WASM_I32;
	case WX_I64: return WASM_I64;
	case WX_F32: return WASM_F32;
	case WX_F64: return WASM_F64;
	case WX_FUNCREF: return WASM_FUNCREF;
	default: return WASM_ANYREF; /* externref (v128 has no kind here) */
	}
}

uint8_t wx_wasm_type_of(wasm_valkind_t k)
{
	switch (k) {
	case WASM_I32: return WX_I32;
	case WASM_I64: return WX_I64;
	case WASM_F32: return WX_F32;
	case WASM_F64: return WX_F64;
	case WASM_FUNCREF: return WX_FUNCREF;
	default: return WX_EXTERNREF;
	}
}

wasm_functype_t *wx_wasm_functype_from(const struct wx_functype *ft)
{
	wasm_valtype_vec_t p, r;
	uint32_t i;
	wasm_valtype_vec_new_uninitialized(&p, ft->nparams);
	wasm_valtype_vec_new_uninitialized(&r, ft->nresults);
	for (i = 0; i < p.size; i++)
		p.data[i] = wasm_valtype_new(wx_wasm_kind_of(ft->types[i]));
	for (i = 0; i < r.size; i++)
		r.data[i] = wasm_valtype_new(
			wx_wasm_kind_of(ft->types[ft->nparams + i]));
	return wasm_functype_new(&p, &r);
}

const struct wx_functype *wx_wasm_functype_to(const wasm_functype_t *ft)
{
	wx_valtype_t types[256];
	size_t np = ft->params.size, nr = ft->results.size, i;
	if (np + nr > sizeof(types))
		return NULL;
	for (i = 0; i < np; i++)
		types[i] = wx_wasm_type_of(ft->params.data[i]->kind);
	for (i = 0; i < nr; i++)
		types[np + i] = wx_wasm_type_of(ft->results.data[i]->kind);
	return wx_functype_intern((uint32_t)np, (uint32_t)nr, types);
}

void wx_wasm_limits_from(const struct wx_limits *l, wasm_limits_t *out)
{
	out->min = (uint32_t)l->min;
	out->max = l->has_max ? (uint32_t)l->max : wasm_limits_max_default;
}

void wx_wasm_limits_to(const wasm_limits_t *l, struct wx_limits *out)
{
	memset(out, 0, sizeof(*out));
	out->min = l->min;
	out->has_max = l->max != wasm_limits_max_default;
	out->max = out->has_max ? l->max : 0;
}
