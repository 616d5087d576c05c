/*
 * inspect.c - `wasixrt validate FILE` and `wasixrt inspect FILE`: what a
 * module is, without running it.
 *
 * inspect prints the imports and exports with their types, the sections
 * with their sizes (read from the raw binary, custom sections by name),
 * the proposals the module's structure shows it uses, and which WASIX ABI
 * generation its imports target: each wasix_32v1 import is matched by
 * name and signature against what this runtime binds (wasix.def), so a
 * binary built for an older shape (the 2-argument proc_join) says so.
 * Features that only instructions reveal (sign extension, saturating
 * conversions...) are not listed: finding them would mean decoding every
 * body for a report.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inspect.h"
#include "platform/platform.h"
#include "runtime/runtime.h"

/* Load FILE ("-" is stdin) completely; prints the one-line error. */
static int load(const char *file, struct wx_module **mp)
{
	struct wx_report r = { 0 };
	struct wx_os_file f;
	int fd = strcmp(file, "-") == 0 ? 0 : open(file, O_RDONLY | O_CLOEXEC);
	int rc;

	if (fd < 0) {
		fprintf(stderr, "wasixrt: cannot read %s: %s\n", file,
			strerror(errno));
		return -1;
	}
	rc = wx_os_read_all(fd, (size_t)UINT32_MAX, &f);
	if (fd != 0)
		close(fd);
	if (rc != 0) {
		fprintf(stderr, "wasixrt: cannot read %s: %s\n", file,
			strerror(rc));
		return -1;
	}
	rc = wx_module_load_file(&f, mp, &r);
	if (rc != 0) {
		fprintf(stderr, "wasixrt: %s: %s\n", file,
			r.set ? r.msg : "cannot load module");
		return -1;
	}
	return 0;
}

int wx_cli_validate(const char *file)
{
	struct wx_module *m;

	if (load(file, &m) != 0)
		return 1;
	wx_module_destroy(m);
	return 0;
}

/* The def files' signature encoding of a function type: "(ii)i". */
static void sig_code(const struct wx_functype *ft, char *buf, size_t len)
{
	size_t k = 0;
	uint32_t i;

	buf[k++] = '(';
	for (i = 0; i < ft->nparams + ft->nresults && k + 3 < len; i++) {
		wx_valtype_t t = ft->types[i];
		if (i == ft->nparams)
			buf[k++] = ')';
		buf[k++] = t == WX_I32 ? 'i' : t == WX_I64 ? 'I' : t == WX_F32
			? 'f' : t == WX_F64 ? 'F' : '?';
	}
	if (ft->nresults == 0)
		buf[k++] = ')';
	buf[k] = '\0';
}

/* "(i32, i32) -> i32" */
static void print_functype(const struct wx_functype *ft)
{
	uint32_t i;

	putchar('(');
	for (i = 0; i < ft->nparams; i++)
		printf("%s%s", i ? ", " : "", wx_valtype_name(ft->types[i]));
	putchar(')');
	if (ft->nresults > 0)
		printf(" ->");
	for (i = 0; i < ft->nresults; i++)
		printf(" %s", wx_valtype_name(ft->types[ft->nparams + i]));
}

static void print_limits(const struct wx_limits *l)
{
	if (l->is64)
		printf("i64 ");
	printf("%" PRIu64, l->min);
	if (l->has_max)
		printf("..%" PRIu64, l->max);
	if (l->shared)
		printf(" shared");
}

/* One import or export: kind and type of entity `idx` of kind `kind`. */
static void print_entity(const struct wx_module *m, uint8_t kind,
			 uint32_t idx)
{
	switch (kind) {
	case WX_EXTERN_FUNC:
		printf("func ");
		print_functype(wx_module_functype(m, idx));
		break;
	case WX_EXTERN_TABLE:
		printf("table %s ", wx_valtype_name(m->tables[idx].elemtype));
		print_limits(&m->tables[idx].limits);
		break;
	case WX_EXTERN_MEMORY:
		printf("memory ");
		print_limits(&m->mems[idx].limits);
		printf(" pages");
		break;
	case WX_EXTERN_GLOBAL:
		printf("global %s%s", m->globals[idx].type.mut ? "mut " : "",
		       wx_valtype_name(m->globals[idx].type.type));
		break;
	}
	putchar('\n');
}

static bool get_leb(const uint8_t **p, const uint8_t *end, uint32_t *v)
{
	unsigned shift = 0;

	*v = 0;
	while (*p < end && shift < 35) {
		uint8_t b = *(*p)++;
		*v |= (uint32_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return true;
		shift += 7;
	}
	return false;
}

static const char *const section_names[] = {
	"custom", "type", "import", "function", "table", "memory", "global",
	"export", "start", "element", "code", "data", "datacount", "tag",
};

/* Sections from the raw bytes (the module was validated: well formed).
 * Sets *has_tag when there is an exception-handling tag section. */
static void print_sections(const struct wx_module *m, bool *has_tag)
{
	const uint8_t *p = m->bytes + 8, *end = m->bytes + m->size;
	uint32_t size, nlen;

	*has_tag = false;
	printf("sections:\n");
	while (p < end) {
		uint8_t id = *p++;
		const uint8_t *body;
		if (!get_leb(&p, end, &size) || size > (size_t)(end - p))
			break;
		body = p;
		if (id == 13)
			*has_tag = true;
		if (id == 0 && get_leb(&body, p + size, &nlen) &&
		    nlen <= (size_t)(p + size - body))
			printf("  custom \"%.*s\"%*s %10" PRIu32 " bytes\n",
			       (int)nlen, (const char *)body,
			       nlen < 16 ? (int)(16 - nlen) : 0, "", size);
		else if (id < sizeof(section_names) / sizeof(*section_names))
			printf("  %-25s %10" PRIu32 " bytes\n",
			       section_names[id], size);
		else
			printf("  unknown id %-14u %10" PRIu32 " bytes\n", id,
			       size);
		p += size;
	}
}

static bool type_used(const struct wx_module *m, wx_valtype_t type)
{
	uint32_t i, j;

	for (i = 0; i < m->ntypes; i++)
		for (j = 0; j < m->types[i]->nparams + m->types[i]->nresults;
		     j++)
			if (m->types[i]->types[j] == type)
				return true;
	for (i = 0; i < m->nglobals; i++)
		if (m->globals[i].type.type == type)
			return true;
	for (i = 0; i < m->nfuncs - m->nfuncs_imported; i++)
		for (j = 0; j < m->funcdefs[i].nlocals; j++)
			if (m->funcdefs[i].local_types[j] == type)
				return true;
	return false;
}

static void print_features(const struct wx_module *m, bool has_tag)
{
	bool shared = false, multi_value = false, bulk = m->has_datacount;
	bool refs = m->ntables > 1, asyncify = false, mut_global = false;
	bool mem64 = false;
	const char *sep = "";
	uint32_t i;

	for (i = 0; i < m->nmems; i++) {
		shared |= m->mems[i].limits.shared;
		mem64 |= m->mems[i].limits.is64;
	}
	for (i = 0; i < m->ntables; i++)
		mem64 |= m->tables[i].limits.is64;
	for (i = 0; i < m->ntypes; i++)
		multi_value |= m->types[i]->nresults > 1;
	for (i = 0; i < m->ndatas; i++)
		bulk |= m->datas[i].mode == WX_SEG_PASSIVE;
	for (i = 0; i < m->nelems; i++) {
		bulk |= m->elems[i].mode == WX_SEG_PASSIVE;
		refs |= m->elems[i].elemtype == WX_EXTERNREF ||
			m->elems[i].exprs != NULL;
	}
	for (i = 0; i < m->ntables; i++)
		refs |= m->tables[i].elemtype == WX_EXTERNREF;
	refs |= type_used(m, WX_EXTERNREF) || type_used(m, WX_FUNCREF);
	for (i = 0; i < m->nexports; i++) {
		asyncify |= strncmp(m->exports[i].name, "asyncify_", 9) == 0;
		mut_global |= m->exports[i].kind == WX_EXTERN_GLOBAL &&
			      m->globals[m->exports[i].index].type.mut;
	}
	for (i = 0; i < m->nimports; i++)
		mut_global |= m->imports[i].kind == WX_EXTERN_GLOBAL &&
			      m->imports[i].u.global.mut;

	printf("features:");
#define FEATURE(cond, text)                                               \
	do {                                                              \
		if (cond) {                                               \
			printf("%s %s", sep, text);                       \
			sep = ",";                                        \
		}                                                         \
	} while (0)
	FEATURE(shared, "threads (shared memory)");
	FEATURE(m->nmems > 1, "multi-memory");
	FEATURE(mem64, "memory64 (64-bit memories or tables)");
	FEATURE(multi_value, "multi-value");
	FEATURE(bulk, "bulk memory");
	FEATURE(refs, "reference types");
	FEATURE(type_used(m, WX_V128), "SIMD");
	FEATURE(has_tag, "exception handling (tags)");
	FEATURE(mut_global, "mutable globals imported/exported");
	FEATURE(asyncify, "asyncify exports (unused by wasixrt)");
	FEATURE(m->func_names != NULL, "name section");
#undef FEATURE
	printf("%s\n", *sep ? "" : " MVP only");
}

/* How this runtime binds wasix_32v1.NAME with signature SIG: 1 current,
 * 2 a legacy shape, 0 unknown. */
static int wasix_shape(const char *name, const char *sig)
{
#define WASI_FUNC(n, s) if (!strcmp(name, #n) && !strcmp(sig, s)) return 1;
#include "wasi/wasi_preview1.def"
#undef WASI_FUNC
#define WASIX_FUNC(n, s) if (!strcmp(name, #n) && !strcmp(sig, s)) return 1;
#define WASIX_ENOSYS(n, s) WASIX_FUNC(n, s)
#define WASIX_ALIAS(n, impl, s) \
	if (!strcmp(name, #n) && !strcmp(sig, s)) return 2;
#include "wasix/wasix.def"
#undef WASIX_FUNC
#undef WASIX_ENOSYS
	return 0;
}

static void print_abi(const struct wx_module *m)
{
	bool wasix = false, wasix64 = false, p1 = false, p0 = false;
	char sig[64], legacy[512] = "", unknown[512] = "";
	size_t ll = 0, ul = 0;
	uint32_t i;

	for (i = 0; i < m->nimports; i++) {
		const struct wx_import *im = &m->imports[i];
		wasix64 |= strcmp(im->module_name, "wasix_64v1") == 0;
		p1 |= strcmp(im->module_name, "wasi_snapshot_preview1") == 0;
		p0 |= strcmp(im->module_name, "wasi_unstable") == 0;
		if (strcmp(im->module_name, "wasix_32v1") != 0 ||
		    im->kind != WX_EXTERN_FUNC)
			continue;
		wasix = true;
		sig_code(m->types[im->u.typeidx], sig, sizeof(sig));
		switch (wasix_shape(im->name, sig)) {
		case 2:
			ll += (size_t)snprintf(legacy + ll, sizeof(legacy) - ll,
					       " %s%s", im->name, sig);
			break;
		case 0:
			ul += (size_t)snprintf(unknown + ul,
					       sizeof(unknown) - ul, " %s%s",
					       im->name, sig);
			break;
		}
		if (ll >= sizeof(legacy))
			ll = sizeof(legacy) - 1;
		if (ul >= sizeof(unknown))
			ul = sizeof(unknown) - 1;
	}
	printf("abi: ");
	if (wasix64)
		printf("wasix_64v1 (64-bit WASIX: not supported)\n");
	else if (wasix)
		printf("wasix_32v1%s\n", *legacy ? " with legacy shapes" : "");
	else if (p1)
		printf("WASI preview1 only\n");
	else if (p0)
		printf("WASI snapshot 0 (wasi_unstable) only\n");
	else
		printf("none (no WASI or WASIX imports)\n");
	if (*legacy)
		printf("  legacy shapes:%s\n", legacy);
	if (*unknown)
		printf("  not provided by this runtime:%s\n", unknown);
}

int wx_cli_inspect(const char *file)
{
	struct wx_module *m;
	uint32_t i, idx[4] = { 0, 0, 0, 0 };
	bool has_tag;

	if (load(file, &m) != 0)
		return 1;
	printf("module: %s (%zu bytes)\n", file, m->size);
	print_abi(m);
	print_sections(m, &has_tag);
	print_features(m, has_tag);
	printf("imports: %" PRIu32 "\n", m->nimports);
	for (i = 0; i < m->nimports; i++) {
		const struct wx_import *im = &m->imports[i];
		printf("  %s.%s: ", im->module_name, im->name);
		/* Imports come first in each index space, in order. */
		print_entity(m, im->kind, idx[im->kind]++);
	}
	printf("exports: %" PRIu32 "\n", m->nexports);
	for (i = 0; i < m->nexports; i++) {
		printf("  %s: ", m->exports[i].name);
		print_entity(m, m->exports[i].kind, m->exports[i].index);
	}
	wx_module_destroy(m);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "wasixrt: cannot write: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
