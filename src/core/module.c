/*
 * module.c - lifetime and lookups of a decoded module (the process-wide
 * table of canonical types is types.c).
 *
 * Invariants: a module owns everything it points to except the canonical
 * types; wx_module_destroy() accepts a partly built module (the decoder
 * destroys one on failure), so every count here is "entries filled".
 */
#include "module.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../platform/platform.h"
#include "../util/forklock.h"

void wx_module_destroy(struct wx_module *m)
{
	uint32_t i, ndef;

	if (m == NULL)
		return;
	ndef = m->funcdefs != NULL ? m->nfuncs - m->nfuncs_imported : 0;
	if (m->tier_free != NULL)
		m->tier_free(m->tier_data);
	if (m->codes != NULL) {
		for (i = 0; i < ndef; i++)
			if (m->codes[i] != NULL && m->code_free != NULL)
				m->code_free(m->codes[i]);
		free(m->codes);
	}
	for (i = 0; i < ndef; i++)
		free(m->funcdefs[i].local_types);
	free(m->funcdefs);
	for (i = 0; i < m->nimports; i++) {
		free(m->imports[i].module_name);
		free(m->imports[i].name);
	}
	free(m->imports);
	for (i = 0; i < m->nexports; i++)
		free(m->exports[i].name);
	free(m->exports);
	for (i = 0; i < m->nelems; i++) {
		free(m->elems[i].funcs);
		free(m->elems[i].exprs);
	}
	free(m->elems);
	if (m->func_names != NULL) {
		for (i = 0; i < m->nfuncs; i++)
			free(m->func_names[i]);
		free(m->func_names);
	}
	free(m->types);
	free(m->func_typeidx);
	free(m->tables);
	free(m->table_inits);
	free(m->mems);
	free(m->globals);
	free(m->tag_typeidx);
	free(m->datas);
	free(m->func_declared);
	if (m->bytes_shared)
		wx_os_shared_free((void *)m->bytes, m->size);
	else
		free((void *)m->bytes);
	free(m);
}

const char *wx_module_funcname(const struct wx_module *m, uint32_t funcidx)
{
	uint32_t i;

	if (funcidx >= m->nfuncs)
		return NULL;
	if (m->func_names != NULL && m->func_names[funcidx] != NULL)
		return m->func_names[funcidx];
	for (i = 0; i < m->nexports; i++)
		if (m->exports[i].kind == WX_EXTERN_FUNC &&
		    m->exports[i].index == funcidx)
			return m->exports[i].name;
	return NULL;
}

const struct wx_export *wx_module_export_lookup(const struct wx_module *m,
						const char *name)
{
	uint32_t i;

	for (i = 0; i < m->nexports; i++)
		if (strcmp(m->exports[i].name, name) == 0)
			return &m->exports[i];
	return NULL;
}
