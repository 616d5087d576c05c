/*
 * module.c - lifetime and lookups of a decoded module, and the process-wide
 * function type table.
 *
 * Function types are interned (spec 4.4.8 compares types structurally at
 * call_indirect; interning turns that into a pointer compare): one table
 * for the whole process, guarded by a mutex, never shrunk, its entries
 * never freed.  The mutex is held across fork() by pthread_atfork
 * handlers when other threads exist (util/forklock.h), so a child forked
 * while another thread interns (WASIX proc_fork) never inherits it
 * locked.
 *
 * Invariants: a module owns everything it points to except the interned
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

/* ---- interned function types ---- */

struct wx_type_node {
	struct wx_type_node *next;
	uint64_t hash;
	struct wx_functype ft;
	uint8_t types[]; /* ft.types points here */
};

static struct wx_forklock wx_types_lock = WX_FORKLOCK_INIT;
static pthread_once_t wx_types_once = PTHREAD_ONCE_INIT;
static struct wx_type_node **wx_types_buckets;
static size_t wx_types_nbuckets, wx_types_count;

static void wx_types_prefork(void)
{
	wx_forklock_prepare(&wx_types_lock);
}

static void wx_types_postfork(void)
{
	wx_forklock_release(&wx_types_lock);
}

static void wx_types_init(void)
{
	pthread_atfork(wx_types_prefork, wx_types_postfork,
		       wx_types_postfork);
}

/* FNV-1a over the shape and the type bytes. */
static uint64_t wx_type_hash(uint32_t np, uint32_t nr, const uint8_t *t)
{
	uint64_t h = 0xcbf29ce484222325ull;
	uint64_t n = (uint64_t)np + nr, i;

	h = (h ^ np) * 0x100000001b3ull;
	h = (h ^ nr) * 0x100000001b3ull;
	for (i = 0; i < n; i++)
		h = (h ^ t[i]) * 0x100000001b3ull;
	return h;
}

/* Double the bucket array when the load passes 1; on allocation failure
 * keep the old one (longer chains, still correct).  Lock held. */
static void wx_types_grow(void)
{
	size_t n = wx_types_nbuckets ? wx_types_nbuckets * 2 : 64, i;
	struct wx_type_node **b, *node, *next;

	if (wx_types_count < wx_types_nbuckets)
		return;
	b = calloc(n, sizeof(*b));
	if (b == NULL)
		return;
	for (i = 0; i < wx_types_nbuckets; i++) {
		for (node = wx_types_buckets[i]; node != NULL; node = next) {
			next = node->next;
			node->next = b[node->hash & (n - 1)];
			b[node->hash & (n - 1)] = node;
		}
	}
	free(wx_types_buckets);
	wx_types_buckets = b;
	wx_types_nbuckets = n;
}

const struct wx_functype *wx_functype_intern(uint32_t nparams,
					     uint32_t nresults,
					     const uint8_t *types)
{
	size_t n = (size_t)nparams + nresults;
	uint64_t h = wx_type_hash(nparams, nresults, types);
	struct wx_type_node *node = NULL;

	pthread_once(&wx_types_once, wx_types_init);
	pthread_mutex_lock(&wx_types_lock.mu);
	wx_types_grow();
	if (wx_types_buckets == NULL)
		goto out;
	for (node = wx_types_buckets[h & (wx_types_nbuckets - 1)];
	     node != NULL; node = node->next)
		if (node->hash == h && node->ft.nparams == nparams &&
		    node->ft.nresults == nresults &&
		    (n == 0 || memcmp(node->types, types, n) == 0))
			goto out;
	node = malloc(sizeof(*node) + n);
	if (node == NULL)
		goto out;
	node->hash = h;
	node->ft.nparams = nparams;
	node->ft.nresults = nresults;
	node->ft.types = node->types;
	if (n != 0)
		memcpy(node->types, types, n);
	node->next = wx_types_buckets[h & (wx_types_nbuckets - 1)];
	wx_types_buckets[h & (wx_types_nbuckets - 1)] = node;
	wx_types_count++;
out:
	pthread_mutex_unlock(&wx_types_lock.mu);
	return node != NULL ? &node->ft : NULL;
}

const char *wx_valtype_name(uint8_t t)
{
	switch (t) {
	case WX_I32: return "i32";
	case WX_I64: return "i64";
	case WX_F32: return "f32";
	case WX_F64: return "f64";
	case WX_V128: return "v128";
	case WX_FUNCREF: return "funcref";
	case WX_EXTERNREF: return "externref";
	case WX_EXNREF: return "exnref";
	}
	return "<unknown type>";
}
