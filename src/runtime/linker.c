/*
 * linker.c - name bindings used to resolve imports (spec 4.5.4 step
 * "externval", and the spec test harness's `register`).
 *
 * The linker is a flat list of ((module, name) -> external value)
 * bindings searched linearly: it holds a few hundred entries at most
 * (the WASIX import table), and lookups happen once per import at
 * instantiation, never on a hot path.
 *
 * One name may be bound more than once.  WASIX has functions whose
 * signature changed between toolchains, so the host binds every shape
 * and an import picks the one of its own type; and the spec harness may
 * `register` a new module under a name already used, which must shadow
 * the older binding.  Hence the lookup rule: newest first, but a
 * function of exactly the import's type beats one of another type.
 *
 * Ownership: names are copied.  Memories, tables and globals are
 * retained while bound.  Wasm functions belong to their instance (which
 * the caller keeps alive); host function records made by
 * wx_linker_define_host belong to the linker (`owns_func`).
 */
#include "runtime.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void wx_linker_init(struct wx_linker *l)
{
	l->entries = NULL;
	l->n = 0;
	l->cap = 0;
	l->on_alloc = NULL;
	l->on_alloc_ctx = NULL;
	l->limits = NULL;
}

static void wx_extern_retain(const struct wx_extern *ext)
{
	switch (ext->kind) {
	case WX_EXTERN_TABLE:
		wx_table_retain(ext->u.table);
		break;
	case WX_EXTERN_MEMORY:
		wx_memory_retain(ext->u.memory);
		break;
	case WX_EXTERN_GLOBAL:
		wx_global_retain(ext->u.global);
		break;
	default:
		break;
	}
}

static void wx_extern_release(const struct wx_extern *ext)
{
	switch (ext->kind) {
	case WX_EXTERN_TABLE:
		wx_table_release(ext->u.table);
		break;
	case WX_EXTERN_MEMORY:
		wx_memory_release(ext->u.memory);
		break;
	case WX_EXTERN_GLOBAL:
		wx_global_release(ext->u.global);
		break;
	default:
		break;
	}
}

void wx_linker_fini(struct wx_linker *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		struct wx_linker_entry *e = &l->entries[i];

		wx_extern_release(&e->ext);
		if (e->owns_func)
			free(e->ext.u.func); /* host_name is in the block */
		free(e->module_name);
		free(e->name);
	}
	free(l->entries);
	wx_linker_init(l);
}

/* Append a binding; on success the linker holds its own reference. */
static int wx_linker_add(struct wx_linker *l, const char *module_name,
			 const char *name, const struct wx_extern *ext,
			 bool owns_func)
{
	struct wx_linker_entry *e;

	if (l->n == l->cap) {
		size_t cap = l->cap != 0 ? l->cap * 2 : 64;
		struct wx_linker_entry *entries;

		entries = reallocarray(l->entries, cap, sizeof(*entries));
		if (entries == NULL)
			return ENOMEM;
		l->entries = entries;
		l->cap = cap;
	}
	e = &l->entries[l->n];
	e->module_name = strdup(module_name);
	e->name = strdup(name);
	if (e->module_name == NULL || e->name == NULL)
		goto fail;
	e->ext = *ext;
	e->owns_func = owns_func;
	wx_extern_retain(ext);
	l->n++;
	return 0;
fail:
	free(e->module_name);
	free(e->name);
	return ENOMEM;
}

int wx_linker_define(struct wx_linker *l, const char *module_name,
		     const char *name, const struct wx_extern *ext)
{
	return wx_linker_add(l, module_name, name, ext, false);
}

int wx_linker_define_instance(struct wx_linker *l, const char *module_name,
			      struct wx_instance *inst)
{
	const struct wx_module *m = inst->module;
	struct wx_extern ext;
	uint32_t i;
	int ret;

	for (i = 0; i < m->nexports; i++) {
		if (!wx_instance_export(inst, m->exports[i].name, &ext))
			continue; /* cannot happen: the name is an export */
		ret = wx_linker_define(l, module_name, m->exports[i].name,
				       &ext);
		if (ret != 0)
			return ret;
	}
	return 0;
}

/* Map one signature letter to a value type; 0 if it is not one. */
static wx_valtype_t wx_sig_valtype(char c)
{
	switch (c) {
	case 'i':
		return WX_I32;
	case 'I':
		return WX_I64;
	case 'f':
		return WX_F32;
	case 'F':
		return WX_F64;
	case 'r':
		return WX_EXTERNREF;
	case 'R':
		return WX_FUNCREF;
	default:
		return 0;
	}
}

/* Parse "(params)results" into an interned type.  EINVAL if malformed. */
static int wx_sig_parse(const char *sig, const struct wx_functype **typep)
{
	size_t len = strlen(sig), i, n = 0;
	uint32_t nparams = 0;
	wx_valtype_t *types;
	bool in_params = true;
	int ret = EINVAL;

	*typep = NULL;
	if (len < 2 || sig[0] != '(')
		return EINVAL;
	/* At most len - 2 value types: every other character is a paren. */
	types = malloc(len * sizeof(*types));
	if (types == NULL)
		return ENOMEM;
	for (i = 1; i < len; i++) {
		if (sig[i] == ')') {
			if (!in_params)
				goto fail;
			in_params = false;
			nparams = (uint32_t)n;
			continue;
		}
		types[n] = wx_sig_valtype(sig[i]);
		if (types[n] == 0)
			goto fail;
		n++;
	}
	if (in_params)
		goto fail;
	*typep = wx_functype_intern(nparams, (uint32_t)n - nparams, types);
	ret = *typep != NULL ? 0 : ENOMEM;
fail:
	free(types);
	return ret;
}

int wx_linker_define_host(struct wx_linker *l, const char *module_name,
			  const struct wx_hostfunc_def *defs, size_t n,
			  void *ctx)
{
	size_t i, mlen = strlen(module_name), nlen;
	const struct wx_functype *type;
	struct wx_func *f;
	struct wx_extern ext;
	char *name;
	int ret;

	for (i = 0; i < n; i++) {
		ret = wx_sig_parse(defs[i].sig, &type);
		if (ret != 0)
			return ret;
		/* One block: the record, then "module.name" for messages,
		 * so fini frees both at once. */
		nlen = strlen(defs[i].name);
		f = calloc(1, sizeof(*f) + mlen + 1 + nlen + 1);
		if (f == NULL)
			return ENOMEM;
		name = (char *)(f + 1);
		memcpy(name, module_name, mlen);
		name[mlen] = '.';
		memcpy(name + mlen + 1, defs[i].name, nlen + 1);
		f->type = type;
		f->inst = NULL;
		f->host = defs[i].fn;
		f->host_ctx = ctx;
		f->host_name = name;
		ext.kind = WX_EXTERN_FUNC;
		ext.u.func = f;
		ret = wx_linker_add(l, module_name, defs[i].name, &ext, true);
		if (ret != 0) {
			free(f);
			return ret;
		}
	}
	return 0;
}

const struct wx_extern *wx_linker_lookup(const struct wx_linker *l,
					 const char *module_name,
					 const char *name,
					 const struct wx_functype *functype)
{
	const struct wx_extern *found = NULL;
	size_t i;

	for (i = l->n; i-- > 0;) {
		const struct wx_linker_entry *e = &l->entries[i];

		if (strcmp(e->name, name) != 0 ||
		    strcmp(e->module_name, module_name) != 0)
			continue;
		if (functype == NULL)
			return &e->ext;
		if (e->ext.kind == WX_EXTERN_FUNC &&
		    e->ext.u.func->type == functype)
			return &e->ext;
		if (found == NULL)
			found = &e->ext;
	}
	return found;
}
