/*
 * module.c - errors as values, and modules: decode + validate from bytes
 * or a file, and what a module imports and exports.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capi.h"
#include "../platform/platform.h"

/* What an allocation failure of an error itself returns: never freed. */
static struct wasixrt_error nomem_error = { WASIXRT_ERR_OTHER,
					    "out of memory" };

const char *wasixrt_version(void)
{
	return WASIXRT_VERSION;
}

static wasixrt_error_t *verror(wasixrt_errkind_t kind, const char *fmt,
				va_list ap)
{
	struct wasixrt_error *e = malloc(sizeof(*e));

	if (e == NULL)
		return &nomem_error;
	e->kind = kind;
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	return e;
}

wasixrt_error_t *wx_capi_error(const char *fmt, ...)
{
	wasixrt_error_t *e;
	va_list ap;

	va_start(ap, fmt);
	e = verror(WASIXRT_ERR_OTHER, fmt, ap);
	va_end(ap);
	return e;
}

wasixrt_error_t *wx_capi_error_kind(wasixrt_errkind_t kind, const char *fmt,
				    ...)
{
	wasixrt_error_t *e;
	va_list ap;

	va_start(ap, fmt);
	e = verror(kind, fmt, ap);
	va_end(ap);
	return e;
}

wasixrt_errkind_t wasixrt_error_kind(const wasixrt_error_t *e)
{
	return e != NULL ? e->kind : WASIXRT_ERR_OTHER;
}

const char *wasixrt_error_message(const wasixrt_error_t *e)
{
	return e != NULL ? e->msg : "";
}

void wasixrt_error_delete(wasixrt_error_t *e)
{
	if (e != &nomem_error)
		free(e);
}

/* The error for a failed wx_module_load. */
static wasixrt_error_t *load_error(int rc, const struct wx_report *r)
{
	wasixrt_errkind_t k = WASIXRT_ERR_MODULE;

	if (rc != WX_EMALFORMED && rc != WX_EINVALID)
		k = WASIXRT_ERR_OTHER;
	if (r->set)
		return wx_capi_error_kind(k, "%s", r->msg);
	if (rc == WX_EMALFORMED)
		return wx_capi_error_kind(k, "malformed module");
	if (rc == WX_EINVALID)
		return wx_capi_error_kind(k, "invalid module");
	return wx_capi_error("cannot load module: %s",
			     rc > 0 ? strerror(rc) : "internal error");
}

static wasixrt_error_t *wrap(struct wx_module *wm, wasixrt_module_t **out)
{
	wasixrt_module_t *m = malloc(sizeof(*m));

	if (m == NULL) {
		wx_module_destroy(wm);
		return wx_capi_error("out of memory");
	}
	m->m = wm;
	m->refs = 1;
	*out = m;
	return NULL;
}

wasixrt_error_t *wasixrt_module_new(const uint8_t *bytes, size_t len,
				    wasixrt_module_t **out)
{
	struct wx_report r = { 0 };
	struct wx_module *wm;
	int rc;

	*out = NULL;
	if (bytes == NULL && len != 0)
		return wx_capi_error("no module bytes given");
	rc = wx_module_load(bytes, len, &wm, &r);
	if (rc != 0)
		return load_error(rc, &r);
	return wrap(wm, out);
}

wasixrt_error_t *wasixrt_module_load(const char *path, wasixrt_module_t **out)
{
	struct wx_report r = { 0 };
	struct wx_module *wm;
	struct wx_os_file f;
	int fd, rc;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return wx_capi_error("cannot read %s: %s", path,
				     strerror(errno));
	rc = wx_os_read_all(fd, (size_t)UINT32_MAX, &f);
	close(fd);
	if (rc != 0)
		return wx_capi_error("cannot read %s: %s", path,
				     strerror(rc));
	rc = wx_module_load_file(&f, &wm, &r);
	if (rc != 0) {
		wasixrt_error_t *e = load_error(rc, &r);
		wasixrt_error_t *e2 = wx_capi_error_kind(e->kind, "%s: %s",
							 path, e->msg);
		wasixrt_error_delete(e);
		return e2;
	}
	return wrap(wm, out);
}

wasixrt_error_t *wasixrt_module_validate(const uint8_t *bytes, size_t len)
{
	wasixrt_module_t *m;
	wasixrt_error_t *e = wasixrt_module_new(bytes, len, &m);

	if (e == NULL)
		wasixrt_module_delete(m);
	return e;
}

void wx_capi_module_retain(wasixrt_module_t *m)
{
	__atomic_add_fetch(&m->refs, 1, __ATOMIC_RELAXED);
}

void wasixrt_module_delete(wasixrt_module_t *m)
{
	if (m == NULL || __atomic_sub_fetch(&m->refs, 1, __ATOMIC_ACQ_REL))
		return;
	wx_module_destroy(m->m);
	free(m);
}

size_t wasixrt_module_import_count(const wasixrt_module_t *m)
{
	return m->m->nimports;
}

bool wasixrt_module_import(const wasixrt_module_t *m, size_t i,
			   const char **module_name, const char **name,
			   wasixrt_externkind_t *kind)
{
	const struct wx_import *im;

	if (i >= m->m->nimports)
		return false;
	im = &m->m->imports[i];
	if (module_name != NULL)
		*module_name = im->module_name;
	if (name != NULL)
		*name = im->name;
	if (kind != NULL)
		*kind = (wasixrt_externkind_t)im->kind;
	return true;
}

size_t wasixrt_module_export_count(const wasixrt_module_t *m)
{
	return m->m->nexports;
}

bool wasixrt_module_export(const wasixrt_module_t *m, size_t i,
			   const char **name, wasixrt_externkind_t *kind)
{
	const struct wx_export *ex;

	if (i >= m->m->nexports)
		return false;
	ex = &m->m->exports[i];
	if (name != NULL)
		*name = ex->name;
	if (kind != NULL)
		*kind = (wasixrt_externkind_t)ex->kind;
	return true;
}
