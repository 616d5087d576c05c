/*
 * config.c - the WASI/WASIX configuration of the embedding API (args,
 * environment, preopens, stdio, limits, timeout) and its translation into
 * the runtime's struct wx_wasi_config.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "capi.h"

extern char **environ;

wasixrt_config_t *wasixrt_config_new(void)
{
	wasixrt_config_t *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	c->stdio[0] = 0;
	c->stdio[1] = 1;
	c->stdio[2] = 2;
	return c;
}

static void strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void wasixrt_config_delete(wasixrt_config_t *c)
{
	size_t i;

	if (c == NULL)
		return;
	strv_free(c->argv, c->argc);
	strv_free(c->env, c->envc);
	for (i = 0; i < c->ndirs; i++) {
		free((char *)c->dirs[i].host_path);
		free((char *)c->dirs[i].guest_path);
	}
	free(c->dirs);
	free(c);
}

/* Append `s` (taken over) to the vector; NULL s is an allocation failure. */
static wasixrt_error_t *push(char ***v, size_t *n, char *s)
{
	char **nv;

	if (s == NULL)
		return wx_capi_error("out of memory");
	nv = realloc(*v, (*n + 1) * sizeof(*nv));
	if (nv == NULL) {
		free(s);
		return wx_capi_error("out of memory");
	}
	nv[(*n)++] = s;
	*v = nv;
	return NULL;
}

wasixrt_error_t *wasixrt_config_arg(wasixrt_config_t *c, const char *arg)
{
	return push(&c->argv, &c->argc, strdup(arg));
}

wasixrt_error_t *wasixrt_config_env(wasixrt_config_t *c, const char *name,
				    const char *value)
{
	size_t nlen, vlen;
	char *s;

	if (name == NULL || name[0] == '\0' || strchr(name, '=') != NULL)
		return wx_capi_error("environment variable name '%s' is "
				     "empty or contains '='",
				     name != NULL ? name : "");
	if (value == NULL) {
		value = getenv(name);
		if (value == NULL)
			return NULL;
	}
	nlen = strlen(name);
	vlen = strlen(value);
	s = malloc(nlen + vlen + 2);
	if (s != NULL) {
		memcpy(s, name, nlen);
		s[nlen] = '=';
		memcpy(s + nlen + 1, value, vlen + 1);
	}
	return push(&c->env, &c->envc, s);
}

wasixrt_error_t *wasixrt_config_inherit_env(wasixrt_config_t *c)
{
	wasixrt_error_t *e;
	char **p;

	for (p = environ; p != NULL && *p != NULL; p++) {
		if (strchr(*p, '=') == NULL)
			continue;
		e = push(&c->env, &c->envc, strdup(*p));
		if (e != NULL)
			return e;
	}
	return NULL;
}

wasixrt_error_t *wasixrt_config_preopen(wasixrt_config_t *c,
					const char *host_path,
					const char *guest_path)
{
	struct wx_wasi_preopen *d;
	char *h, *g;

	if (host_path == NULL || !*host_path || guest_path == NULL ||
	    !*guest_path)
		return wx_capi_error("preopen: empty directory name");
	d = realloc(c->dirs, (c->ndirs + 1) * sizeof(*d));
	if (d == NULL)
		return wx_capi_error("out of memory");
	c->dirs = d;
	h = strdup(host_path);
	g = strdup(guest_path);
	if (h == NULL || g == NULL) {
		free(h);
		free(g);
		return wx_capi_error("out of memory");
	}
	d[c->ndirs].host_path = h;
	d[c->ndirs].guest_path = g;
	c->ndirs++;
	return NULL;
}

void wasixrt_config_stdio(wasixrt_config_t *c, int in, int out, int err)
{
	c->stdio[0] = in;
	c->stdio[1] = out;
	c->stdio[2] = err;
}

wasixrt_error_t *wasixrt_config_limits(wasixrt_config_t *c,
				       uint32_t max_procs,
				       uint32_t max_threads)
{
	wasixrt_error_t *e = NULL;

	if (max_procs != 0)
		e = wasixrt_config_set_limit(c, WASIXRT_LIMIT_PROCS, max_procs);
	if (e == NULL && max_threads != 0)
		e = wasixrt_config_set_limit(c, WASIXRT_LIMIT_THREADS,
					     max_threads);
	return e;
}

wasixrt_error_t *wasixrt_config_set_limit(wasixrt_config_t *c,
					  wasixrt_limit_t which,
					  uint64_t value)
{
	struct wx_guest_limits *l = &c->limits;

	switch (which) {
	case WASIXRT_LIMIT_MEMORY:
		if (value != 0 && (value < WX_PAGE_SIZE || value > 4ull << 30))
			return wx_capi_error("memory limit %llu: from 64 KiB "
					     "to 4 GiB",
					     (unsigned long long)value);
		l->memory_pages = value / WX_PAGE_SIZE;
		return NULL;
	case WASIXRT_LIMIT_TABLE:
		if (value > UINT32_MAX)
			return wx_capi_error("table limit %llu: at most %u",
					     (unsigned long long)value,
					     UINT32_MAX);
		l->table_elems = (uint32_t)value;
		return NULL;
	case WASIXRT_LIMIT_FDS:
		if (value != 0 && (value < 4 || value > WX_LIMIT_FDS_MAX))
			return wx_capi_error("fd limit %llu: from 4 to %u",
					     (unsigned long long)value,
					     WX_LIMIT_FDS_MAX);
		l->fds = (uint32_t)value;
		return NULL;
	case WASIXRT_LIMIT_ARG_BYTES:
		if (value > UINT32_MAX)
			return wx_capi_error("argument limit %llu: at most %u",
					     (unsigned long long)value,
					     UINT32_MAX);
		l->arg_bytes = (uint32_t)value;
		return NULL;
	case WASIXRT_LIMIT_PROCS:
		if (value > WX_LIMIT_PROCS_MAX)
			return wx_capi_error("max_procs %llu: at most %u",
					     (unsigned long long)value,
					     WX_LIMIT_PROCS_MAX);
		l->procs = (uint32_t)value;
		return NULL;
	case WASIXRT_LIMIT_THREADS:
		if (value > WX_LIMIT_THREADS_MAX)
			return wx_capi_error("max_threads %llu: at most %u",
					     (unsigned long long)value,
					     WX_LIMIT_THREADS_MAX);
		l->threads = (uint32_t)value;
		return NULL;
	}
	return wx_capi_error("unknown limit %d", (int)which);
}

void wasixrt_config_timeout(wasixrt_config_t *c, uint64_t timeout_ms)
{
	c->timeout_ms = timeout_ms;
}

void wx_capi_wasi_config(const wasixrt_config_t *c, const char **argv0,
			 struct wx_wasi_config *wc)
{
	wx_wasi_config_init(wc);
	wc->argv = argv0;
	wc->argc = 1;
	if (c == NULL)
		return;
	if (c->argc != 0) {
		wc->argv = (const char *const *)c->argv;
		wc->argc = c->argc;
	}
	wc->envp = (const char *const *)c->env;
	wc->envc = c->envc;
	wc->preopens = c->dirs;
	wc->npreopens = c->ndirs;
	wc->limits = &c->limits;
	memcpy(wc->stdio, c->stdio, sizeof(wc->stdio));
}
