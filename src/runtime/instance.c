/*
 * instance.c - module instantiation (spec 4.5.4 "Instantiation"), export
 * lookup and instance teardown.
 *
 * Order of work, as in the spec:
 *  1. resolve every import, in import order, through the linker and check
 *     it against the import's type (spec 4.5.2 "Import Matching"); any
 *     failure here is a link error and nothing has been observed yet;
 *  2. make function records for the module's own functions, so constant
 *     expressions can name any function with ref.func;
 *  3. allocate tables and memories, then globals in order (an initialiser
 *     may read imported or earlier globals);
 *  4. run the element segments, then the data segments (wasm 2.0: each
 *     active segment is a table.init / memory.init followed by a drop;
 *     declarative element segments are just dropped);
 *  5. call the start function.
 * A trap in 4 or 5 happens after some effects have become visible
 * (writes into imported tables and memories remain), so the instance is
 * returned even then; the caller decides what to do with it.
 *
 * Ownership: the instance holds one reference to every table, memory and
 * global in its index spaces, imported or not, and owns the records of
 * its own functions.  It does not own its module.
 */
#include "runtime.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Spec 4.5.2 "Limits": actual {n1, m1?} matches expected {n2, m2?} iff
 * n1 >= n2 and, when m2 is present, m1 is present and m1 <= m2.  `cur` is
 * the object's current size, which is its type's minimum at run time. */
static bool wx_limits_match(uint64_t cur, const struct wx_limits *actual,
			    const struct wx_limits *expected)
{
	if (cur < expected->min)
		return false;
	if (!expected->has_max)
		return true;
	return actual->has_max && actual->max <= expected->max;
}

/* Check that `ext` fits import `imp` of `m` (spec 4.5.2). */
static bool wx_import_match(const struct wx_module *m,
			    const struct wx_import *imp,
			    const struct wx_extern *ext)
{
	if (ext->kind != imp->kind)
		return false;
	switch (imp->kind) {
	case WX_EXTERN_FUNC:
		/* Types are canonical (core/types.c): equal types are the
		 * same pointer; a subtype matches too (function
		 * references: an import of a non-final type). */
		return wx_deftype_sub(ext->u.func->type,
				      m->types[imp->u.typeidx]);
	case WX_EXTERN_TABLE: {
		const struct wx_table *tab = ext->u.table;

		/* memory64: the address types must be equal. */
		return tab->type.elemtype == imp->u.table.elemtype &&
		       tab->type.limits.is64 == imp->u.table.limits.is64 &&
		       wx_limits_match(tab->size, &tab->type.limits,
				       &imp->u.table.limits);
	}
	case WX_EXTERN_MEMORY: {
		const struct wx_memory *mem = ext->u.memory;
		uint64_t pages = __atomic_load_n(&mem->size, __ATOMIC_ACQUIRE) /
				 WX_PAGE_SIZE;

		/* Threads proposal: shared only matches shared. */
		return mem->shared == imp->u.mem.limits.shared &&
		       mem->is64 == imp->u.mem.limits.is64 &&
		       wx_limits_match(pages, &mem->type.limits,
				       &imp->u.mem.limits);
	}
	case WX_EXTERN_GLOBAL:
		/* An immutable global may be of a subtype; a mutable one
		 * can be written through either side: the same type. */
		return ext->u.global->type.mut == imp->u.global.mut &&
		       (imp->u.global.mut
				? ext->u.global->type.type == imp->u.global.type
				: wx_valtype_sub(ext->u.global->type.type,
						 imp->u.global.type));
	case WX_EXTERN_TAG:
		return ext->u.tag->type == m->types[imp->u.typeidx];
	default:
		return false;
	}
}

/* Step 1: bind imports; WX_ELINK with the import named in `r`. */
static int wx_instance_link(struct wx_instance *inst, struct wx_linker *l,
			    struct wx_report *r)
{
	const struct wx_module *m = inst->module;
	uint32_t i, nf = 0, nt = 0, nm = 0, ng = 0, ntg = 0;

	for (i = 0; i < m->nimports; i++) {
		const struct wx_import *imp = &m->imports[i];
		const struct wx_extern *ext;

		ext = wx_linker_lookup(
			l, imp->module_name, imp->name,
			imp->kind == WX_EXTERN_FUNC ? m->types[imp->u.typeidx]
						    : NULL);
		if (ext == NULL) {
			wx_report(r, "unknown import: \"%s\" \"%s\"",
				  imp->module_name, imp->name);
			return WX_ELINK;
		}
		if (!wx_import_match(m, imp, ext)) {
			wx_report(r, "incompatible import type: \"%s\" \"%s\"",
				  imp->module_name, imp->name);
			return WX_ELINK;
		}
		/* Bound entries go in as they are matched, so that the
		 * caller's cleanup releases exactly what was retained. */
		switch (imp->kind) {
		case WX_EXTERN_FUNC:
			inst->funcs[nf++] = ext->u.func;
			break;
		case WX_EXTERN_TABLE:
			wx_table_retain(ext->u.table);
			inst->tables[nt++] = ext->u.table;
			break;
		case WX_EXTERN_MEMORY:
			wx_memory_retain(ext->u.memory);
			inst->mems[nm++] = ext->u.memory;
			break;
		case WX_EXTERN_GLOBAL:
			wx_global_retain(ext->u.global);
			inst->globals[ng++] = ext->u.global;
			break;
		case WX_EXTERN_TAG:
			inst->tags[ntg++] = ext->u.tag;
			break;
		}
	}
	return 0;
}

void wx_report_memory_error(struct wx_report *r, int err, const char *what,
			    const struct wx_memtype *type,
			    const struct wx_guest_limits *lim)
{
	char need[32], cap[32];

	wx_format_size(type->limits.min * (uint64_t)WX_PAGE_SIZE, need,
		       sizeof(need));
	if (err == EFBIG) {
		wx_format_size(lim->memory_pages * (uint64_t)WX_PAGE_SIZE, cap,
			       sizeof(cap));
		wx_report(r, "%s needs %s at start, above the limit of %s "
			  "per memory (--max-memory)", what, need, cap);
	} else {
		wx_report(r, "cannot allocate %s (%s)", what, need);
	}
}

/* Steps 2 and 3: the module's own functions, tables, memories, globals. */
static int wx_instance_alloc(struct wx_instance *inst,
			     const struct wx_guest_limits *lim,
			     struct wx_report *r)
{
	const struct wx_module *m = inst->module;
	uint32_t i, ndefined = m->nfuncs - m->nfuncs_imported;
	uint64_t val[2];
	int ret;

	for (i = 0; i < ndefined; i++) {
		struct wx_func *f = &inst->defined_funcs[i];

		f->index = m->nfuncs_imported + i;
		f->type = wx_module_functype(m, f->index);
		f->inst = inst;
		/* NULL until first called: translation is lazy. */
		f->code = m->codes != NULL
				  ? __atomic_load_n(&m->codes[i], __ATOMIC_ACQUIRE)
				  : NULL;
		inst->funcs[f->index] = f;
	}
	for (i = m->ntags_imported; i < m->ntags; i++) {
		struct wx_tag *tg = &inst->defined_tags[i - m->ntags_imported];

		tg->type = m->types[m->tag_typeidx[i]];
		inst->tags[i] = tg;
	}
	for (i = m->ntables_imported; i < m->ntables; i++) {
		/* The elements' initial value (function references), after
		 * the functions and the imported globals it may name. */
		val[0] = 0;
		if (m->table_inits != NULL && m->table_inits[i].len != 0)
			wx_constexpr_eval(inst, &m->table_inits[i], val);
		ret = wx_table_create_capped(&m->tables[i], val[0],
					     lim->table_elems,
					     &inst->tables[i]);
		if (ret == EFBIG)
			wx_report(r, "table %u needs %llu elements at start, "
				  "above the limit of %u per table "
				  "(--max-table)",
				  i, (unsigned long long)m->tables[i].limits.min,
				  lim->table_elems);
		else if (ret != 0)
			wx_report(r, "cannot allocate table %u (%llu elements)",
				  i, (unsigned long long)m->tables[i].limits.min);
		if (ret != 0)
			return ret;
	}
	for (i = m->nmems_imported; i < m->nmems; i++) {
		ret = wx_memory_create_capped(&m->mems[i], lim->memory_pages,
					      &inst->mems[i]);
		if (ret != 0) {
			char what[32];
			snprintf(what, sizeof(what), "memory %u", i);
			wx_report_memory_error(r, ret, what, &m->mems[i], lim);
			return ret;
		}
	}
	for (i = m->nglobals_imported; i < m->nglobals; i++) {
		wx_constexpr_eval(inst, &m->globals[i].init, val);
		ret = wx_global_create(m->globals[i].type, val,
				       &inst->globals[i]);
		if (ret != 0) {
			wx_report(r, "out of memory allocating globals");
			return ret;
		}
	}
	return 0;
}

/* Record a segment trap: there is no function to blame. */
static int wx_instance_trap(struct wx_thread *t, enum wx_trap kind,
			    uint32_t offset, struct wx_report *r,
			    const char *what, uint32_t idx)
{
	wx_report(r, "%s (%s segment %u)", wx_trap_message(kind), what, idx);
	if (t == NULL)
		return WX_ETRAP;
	t->trap_func = NULL;
	t->trap_offset = offset;
	return wx_thread_trap(t, kind);
}

static void *wx_calloc_n(size_t n, size_t size)
{
	return calloc(n != 0 ? n : 1, size);
}

/* A module whose constant expressions allocate GC objects: its
 * expression segments evaluated now, once (as spec 4.5.4 does for every
 * segment), so that each table.init of one copies the same objects;
 * other modules evaluate at each table.init, which gives the same
 * references.  Also where an allocation of the globals or tables
 * before failed is noticed. */
static int wx_instance_eval_elems(struct wx_instance *inst,
				  struct wx_report *r)
{
	const struct wx_module *m = inst->module;
	uint64_t val[2];
	uint32_t i, j;

	if (inst->elem_vals == NULL)
		return 0;
	for (i = 0; i < m->nelems && !inst->gc->failed; i++) {
		const struct wx_elem *e = &m->elems[i];
		if (e->exprs == NULL || e->mode == WX_SEG_DECLARATIVE)
			continue;
		inst->elem_vals[i] = wx_calloc_n(e->count, sizeof(uint64_t));
		if (inst->elem_vals[i] == NULL)
			return ENOMEM;
		for (j = 0; j < e->count; j++) {
			wx_constexpr_eval(inst, &e->exprs[j], val);
			inst->elem_vals[i][j] = val[0];
		}
	}
	if (inst->gc->failed) {
		wx_report(r, "cannot allocate a GC array at instantiation "
			  "(array.new_default)");
		return ENOMEM;
	}
	return 0;
}

/* Step 4a: element segments (spec 4.5.4 "elem" steps, table.init 4.4.6). */
static int wx_instance_init_elems(struct wx_instance *inst,
				  struct wx_thread *t, struct wx_report *r)
{
	const struct wx_module *m = inst->module;
	uint64_t val[2], offset;
	uint32_t i, j;

	for (i = 0; i < m->nelems; i++) {
		const struct wx_elem *e = &m->elems[i];
		struct wx_table *tab;

		if (e->mode == WX_SEG_DECLARATIVE) {
			inst->elem_dropped[i] = true;
			continue;
		}
		if (e->mode != WX_SEG_ACTIVE)
			continue;
		tab = inst->tables[e->table];
		wx_constexpr_eval(inst, &e->offset, val);
		/* An i64 offset for a 64-bit table (memory64). */
		offset = tab->type.limits.is64 ? val[0] : (uint32_t)val[0];
		/* table.init checks the whole range before writing. */
		if (offset > tab->size || e->count > tab->size - offset)
			return wx_instance_trap(t, WX_TRAP_OOB_TABLE,
						e->offset.offset, r, "element",
						i);
		for (j = 0; j < e->count; j++) {
			if (e->funcs != NULL) {
				val[0] = (uint64_t)(uintptr_t)
					inst->funcs[e->funcs[j]];
			} else if (inst->elem_vals != NULL) {
				val[0] = inst->elem_vals[i][j];
			} else {
				wx_constexpr_eval(inst, &e->exprs[j], val);
			}
			tab->elems[offset + j] = val[0];
		}
		inst->elem_dropped[i] = true;
	}
	return 0;
}

/* Step 4b: data segments (memory.init 4.4.7, then data.drop). */
static int wx_instance_init_datas(struct wx_instance *inst,
				  struct wx_thread *t, struct wx_report *r)
{
	const struct wx_module *m = inst->module;
	uint64_t val[2], offset, size;
	uint32_t i;

	for (i = 0; i < m->ndatas; i++) {
		const struct wx_data *d = &m->datas[i];
		struct wx_memory *mem;

		if (d->mode != WX_SEG_ACTIVE)
			continue;
		mem = inst->mems[d->memory];
		wx_constexpr_eval(inst, &d->offset, val);
		/* An i64 offset for a 64-bit memory (memory64). */
		offset = mem->is64 ? val[0] : (uint32_t)val[0];
		size = __atomic_load_n(&mem->size, __ATOMIC_ACQUIRE);
		if (offset > size || d->data_len > size - offset)
			return wx_instance_trap(t, WX_TRAP_OOB_MEMORY,
						d->offset.offset, r, "data", i);
		memcpy(mem->base + offset, m->bytes + d->data_offset,
		       d->data_len);
		inst->data_dropped[i] = true;
	}
	return 0;
}

/* Step 5: the start function takes and returns nothing (spec 3.4.9). */
static int wx_instance_start(struct wx_instance *inst, struct wx_thread *t,
			     struct wx_report *r)
{
	const struct wx_module *m = inst->module;
	uint64_t args[1] = {0};
	int ret;

	if (!m->has_start)
		return 0;
	if (t == NULL) {
		wx_report(r, "start function needs a thread");
		return EINVAL;
	}
	ret = wx_call(t, inst->funcs[m->start], args);
	if (ret == WX_EEXCEPTION)
		wx_report(r, "uncaught exception (start function)");
	if (ret == WX_ETRAP)
		wx_report(r, "%s (start function)", wx_trap_message(t->trap));
	return ret;
}

/* calloc that never returns NULL for a zero count. */
int wx_instance_create(const struct wx_module *m, struct wx_linker *l,
		       struct wx_thread *t, struct wx_instance **ip,
		       struct wx_report *r)
{
	struct wx_instance *inst;
	struct wx_guest_limits lim;
	int ret;

	*ip = NULL;
	inst = calloc(1, sizeof(*inst));
	if (inst == NULL)
		return ENOMEM;
	inst->module = m;
	inst->funcs = wx_calloc_n(m->nfuncs, sizeof(*inst->funcs));
	inst->tables = wx_calloc_n(m->ntables, sizeof(*inst->tables));
	inst->mems = wx_calloc_n(m->nmems, sizeof(*inst->mems));
	inst->globals = wx_calloc_n(m->nglobals, sizeof(*inst->globals));
	inst->elem_dropped = wx_calloc_n(m->nelems, sizeof(bool));
	inst->data_dropped = wx_calloc_n(m->ndatas, sizeof(bool));
	inst->defined_funcs = wx_calloc_n(m->nfuncs - m->nfuncs_imported,
					  sizeof(*inst->defined_funcs));
	inst->tags = wx_calloc_n(m->ntags, sizeof(*inst->tags));
	inst->defined_tags = wx_calloc_n(m->ntags - m->ntags_imported,
					 sizeof(*inst->defined_tags));
	if (m->gc_consts) {
		inst->gc = calloc(1, sizeof(*inst->gc));
		inst->elem_vals = wx_calloc_n(m->nelems,
					      sizeof(*inst->elem_vals));
		if (inst->gc == NULL || inst->elem_vals == NULL) {
			ret = ENOMEM;
			goto fail;
		}
	}
	if (inst->tags == NULL || inst->defined_tags == NULL ||
	    inst->funcs == NULL || inst->tables == NULL || inst->mems == NULL ||
	    inst->globals == NULL || inst->elem_dropped == NULL ||
	    inst->data_dropped == NULL || inst->defined_funcs == NULL) {
		ret = ENOMEM;
		goto fail;
	}
	ret = wx_instance_link(inst, l, r);
	if (ret != 0)
		goto fail;
	if (l->limits != NULL) {
		lim = *l->limits;
	} else {
		wx_guest_limits_init(&lim);
	}
	ret = wx_instance_alloc(inst, &lim, r);
	if (ret == 0)
		ret = wx_instance_eval_elems(inst, r);
	if (ret != 0)
		goto fail;

	/* From here on effects may be visible outside the instance (writes
	 * into imported tables and memories, whatever the start function
	 * does), so the instance is handed out whatever happens. */
	*ip = inst;
	if (l->on_alloc != NULL)
		l->on_alloc(inst, l->on_alloc_ctx);
	ret = wx_instance_init_elems(inst, t, r);
	if (ret == 0)
		ret = wx_instance_init_datas(inst, t, r);
	if (ret == 0)
		ret = wx_instance_start(inst, t, r);
	return ret;
fail:
	wx_instance_destroy(inst);
	return ret;
}

void wx_instance_destroy(struct wx_instance *inst)
{
	const struct wx_module *m;
	uint32_t i;

	if (inst == NULL)
		return;
	m = inst->module;
	/* Slots not filled yet (a failed instantiation) are NULL, which
	 * the release functions ignore. */
	for (i = 0; inst->tables != NULL && i < m->ntables; i++)
		wx_table_release(inst->tables[i]);
	for (i = 0; inst->mems != NULL && i < m->nmems; i++)
		wx_memory_release(inst->mems[i]);
	for (i = 0; inst->globals != NULL && i < m->nglobals; i++)
		wx_global_release(inst->globals[i]);
	free(inst->funcs);
	free(inst->tables);
	free(inst->mems);
	free(inst->globals);
	free(inst->elem_dropped);
	free(inst->data_dropped);
	free(inst->defined_funcs);
	free(inst->tags);
	free(inst->defined_tags);
	if (inst->elem_vals != NULL) {
		for (i = 0; i < m->nelems; i++)
			free(inst->elem_vals[i]);
		free(inst->elem_vals);
	}
	if (inst->gc != NULL) {
		struct wx_gc_obj *o, *next;
		for (o = inst->gc->objs; o != NULL; o = next) {
			next = o->next;
			free(o);
		}
		free(inst->gc);
	}
	free(inst);
}

/* The returned extern is borrowed from the instance (no reference). */
bool wx_instance_export(struct wx_instance *inst, const char *name,
			struct wx_extern *out)
{
	const struct wx_module *m = inst->module;
	const struct wx_export *e = NULL;
	uint32_t i;

	for (i = 0; i < m->nexports; i++) {
		if (strcmp(m->exports[i].name, name) == 0) {
			e = &m->exports[i];
			break;
		}
	}
	if (e == NULL)
		return false;
	out->kind = e->kind;
	switch (e->kind) {
	case WX_EXTERN_FUNC:
		out->u.func = inst->funcs[e->index];
		break;
	case WX_EXTERN_TABLE:
		out->u.table = inst->tables[e->index];
		break;
	case WX_EXTERN_MEMORY:
		out->u.memory = inst->mems[e->index];
		break;
	case WX_EXTERN_GLOBAL:
		out->u.global = inst->globals[e->index];
		break;
	case WX_EXTERN_TAG:
		out->u.tag = inst->tags[e->index];
		break;
	default:
		return false;
	}
	return true;
}
