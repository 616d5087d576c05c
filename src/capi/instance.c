/*
 * instance.c - linkers (WASI and host functions), instances, calls of
 * exports and trap objects: the embedding API's library-style use, where
 * everything runs on the calling thread and no process is created.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capi.h"

struct wasixrt_caller {
	struct wx_thread *t;
};

struct wasixrt_instance {
	struct wx_instance *inst;
	struct wx_thread t;
	wasixrt_module_t *module; /* one reference */
	wasixrt_linker_t *linker; /* one reference */
};

/* ---- values ---- */

static uint8_t valtype_of(wasixrt_valkind_t k)
{
	switch (k) {
	case WASIXRT_I32: return WX_I32;
	case WASIXRT_I64: return WX_I64;
	case WASIXRT_F32: return WX_F32;
	case WASIXRT_F64: return WX_F64;
	case WASIXRT_EXTERNREF: return WX_EXTERNREF;
	case WASIXRT_FUNCREF: return WX_FUNCREF;
	}
	return 0;
}

/* The API kind of a wasm value type; false for v128. */
static bool kind_of(wx_valtype_t type, wasixrt_valkind_t *k)
{
	switch (type) {
	case WX_I32: *k = WASIXRT_I32; return true;
	case WX_I64: *k = WASIXRT_I64; return true;
	case WX_F32: *k = WASIXRT_F32; return true;
	case WX_F64: *k = WASIXRT_F64; return true;
	case WX_EXTERNREF: *k = WASIXRT_EXTERNREF; return true;
	case WX_FUNCREF: *k = WASIXRT_FUNCREF; return true;
	}
	return false;
}

static const char *kind_name(wasixrt_valkind_t k)
{
	return wx_valtype_name(valtype_of(k));
}

static uint64_t to_slot(const wasixrt_val_t *v)
{
	uint32_t b32;

	switch (v->kind) {
	case WASIXRT_I32: return (uint32_t)v->of.i32;
	case WASIXRT_I64: return (uint64_t)v->of.i64;
	case WASIXRT_F32: memcpy(&b32, &v->of.f32, 4); return b32;
	case WASIXRT_F64: { uint64_t b; memcpy(&b, &v->of.f64, 8); return b; }
	default: return (uint64_t)v->of.ref;
	}
}

static void from_slot(wasixrt_valkind_t k, uint64_t s, wasixrt_val_t *v)
{
	uint32_t b32 = (uint32_t)s;

	memset(v, 0, sizeof(*v));
	v->kind = k;
	switch (k) {
	case WASIXRT_I32: v->of.i32 = (int32_t)b32; break;
	case WASIXRT_I64: v->of.i64 = (int64_t)s; break;
	case WASIXRT_F32: memcpy(&v->of.f32, &b32, 4); break;
	case WASIXRT_F64: memcpy(&v->of.f64, &s, 8); break;
	default: v->of.ref = (uintptr_t)s; break;
	}
}

/* ---- traps ---- */

wasixrt_trap_t *wasixrt_trap_new(const char *msg)
{
	wasixrt_trap_t *t = calloc(1, sizeof(*t));

	if (t == NULL)
		return NULL;
	t->msg = strdup(msg != NULL ? msg : "");
	if (t->msg == NULL) {
		free(t);
		return NULL;
	}
	return t;
}

void wasixrt_trap_delete(wasixrt_trap_t *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nframes; i++)
		free(t->frames[i].name);
	free(t->frames);
	free(t->msg);
	free(t);
}

const char *wasixrt_trap_message(const wasixrt_trap_t *t)
{
	return t->msg;
}

bool wasixrt_trap_exit_code(const wasixrt_trap_t *t, int *code)
{
	if (t->exited && code != NULL)
		*code = t->exit_code;
	return t->exited;
}

size_t wasixrt_trap_frame_count(const wasixrt_trap_t *t)
{
	return t->nframes;
}

bool wasixrt_trap_frame(const wasixrt_trap_t *t, size_t i,
			uint32_t *func_index, const char **func_name,
			uint32_t *module_offset)
{
	if (i >= t->nframes)
		return false;
	if (func_index != NULL)
		*func_index = t->frames[i].func_index;
	if (func_name != NULL)
		*func_name = t->frames[i].name;
	if (module_offset != NULL)
		*module_offset = t->frames[i].offset;
	return true;
}

/* Append a frame for wasm function `f` at byte offset `off`. */
static void add_frame(wasixrt_trap_t *tr, const struct wx_func *f,
		      uint32_t off)
{
	struct wasixrt_trap_frame *fr;
	const char *name = NULL;

	if (f == NULL)
		return;
	fr = realloc(tr->frames, (tr->nframes + 1) * sizeof(*fr));
	if (fr == NULL)
		return; /* a shorter backtrace, not a failure */
	tr->frames = fr;
	fr += tr->nframes++;
	if (f->host != NULL)
		name = f->host_name;
	else if (f->inst != NULL)
		name = wx_module_funcname(f->inst->module, f->index);
	fr->func_index = f->host != NULL ? UINT32_MAX : f->index;
	fr->name = name != NULL ? strdup(name) : NULL;
	fr->offset = off;
}

wasixrt_trap_t *wx_capi_trap_from(struct wx_thread *t, int rc)
{
	char buf[512];
	wasixrt_trap_t *tr;
	uint32_t i;

	switch (rc) {
	case WX_EEXIT:
		snprintf(buf, sizeof(buf), "exited with status %d",
			 t->exit_code);
		break;
	case WX_ETRAP:
		wx_thread_describe_trap(t, buf, sizeof(buf));
		break;
	case WX_EINTERRUPT:
		snprintf(buf, sizeof(buf), "interrupted");
		break;
	default:
		snprintf(buf, sizeof(buf), "call failed: %s",
			 rc > 0 ? strerror(rc) : "internal error");
		break;
	}
	tr = wasixrt_trap_new(buf);
	if (tr == NULL)
		return NULL;
	if (rc == WX_EEXIT) {
		tr->exited = true;
		tr->exit_code = t->exit_code;
	}
	if (rc == WX_ETRAP) {
		if (t->trap_depth == 0)
			add_frame(tr, t->trap_func, t->trap_offset);
		for (i = 0; i < t->trap_depth; i++)
			add_frame(tr, t->trap_trace[i].func,
				  t->trap_trace[i].offset);
	}
	return tr;
}

/* ---- linkers and host functions ---- */

wasixrt_linker_t *wasixrt_linker_new(void)
{
	wasixrt_linker_t *l = calloc(1, sizeof(*l));

	if (l == NULL)
		return NULL;
	wx_linker_init(&l->l);
	l->refs = 1;
	return l;
}

static void linker_release(wasixrt_linker_t *l)
{
	size_t i;

	if (__atomic_sub_fetch(&l->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	wx_linker_fini(&l->l);
	wx_wasi_destroy(l->wasi);
	for (i = 0; i < l->nfns; i++) {
		if (l->fns[i]->finalizer != NULL)
			l->fns[i]->finalizer(l->fns[i]->env);
		free(l->fns[i]);
	}
	free(l->fns);
	free(l);
}

void wasixrt_linker_delete(wasixrt_linker_t *l)
{
	if (l != NULL)
		linker_release(l);
}

wasixrt_error_t *wasixrt_linker_define_wasi(wasixrt_linker_t *l,
					    const wasixrt_config_t *c)
{
	struct wx_report r = { 0 };
	struct wx_wasi_config wc;
	const char *argv0[1] = { "main.wasm" };
	int rc;

	if (l->wasi != NULL)
		return wx_capi_error("the linker already has WASI");
	wx_capi_wasi_config(c, argv0, &wc);
	/* The instances of this linker obey the config's bounds too. */
	if (c != NULL)
		l->limits = c->limits;
	wx_guest_limits_fill(&l->limits);
	l->l.limits = &l->limits;
	rc = wx_wasi_create(&wc, &l->wasi, &r);
	if (rc != 0)
		return wx_capi_error("%s", r.set ? r.msg : strerror(rc));
	rc = wx_wasi_define(&l->l, l->wasi);
	if (rc != 0)
		return wx_capi_error("cannot define WASI: %s", strerror(rc));
	return NULL;
}

/* The wx_host_fn of every API host function. */
static int trampoline(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_capi_hostfn *h = ctx;
	wasixrt_val_t small[16], *vals = small;
	struct wasixrt_caller caller = { t };
	wasixrt_trap_t *tr;
	size_t i, n = h->nparams + h->nresults;

	if (n > 16) {
		vals = calloc(n, sizeof(*vals));
		if (vals == NULL) {
			snprintf(t->trap_detail, sizeof(t->trap_detail),
				 "out of memory");
			return wx_thread_trap(t, WX_TRAP_HOST);
		}
	}
	for (i = 0; i < h->nparams; i++)
		from_slot(h->kinds[i], args[i], &vals[i]);
	for (i = 0; i < h->nresults; i++)
		from_slot(h->kinds[h->nparams + i], 0, &vals[h->nparams + i]);
	tr = h->cb(h->env, &caller, vals, vals + h->nparams);
	if (tr == NULL)
		for (i = 0; i < h->nresults; i++)
			args[i] = to_slot(&vals[h->nparams + i]);
	if (vals != small)
		free(vals);
	if (tr != NULL) {
		snprintf(t->trap_detail, sizeof(t->trap_detail), "%s",
			 tr->msg);
		wasixrt_trap_delete(tr);
		return wx_thread_trap(t, WX_TRAP_HOST);
	}
	return 0;
}

static char sig_char(wasixrt_valkind_t k)
{
	switch (k) {
	case WASIXRT_I32: return 'i';
	case WASIXRT_I64: return 'I';
	case WASIXRT_F32: return 'f';
	case WASIXRT_F64: return 'F';
	case WASIXRT_EXTERNREF: return 'r';
	case WASIXRT_FUNCREF: return 'R';
	}
	return 0;
}

wasixrt_error_t *wasixrt_linker_define_func(
	wasixrt_linker_t *l, const char *module_name, const char *name,
	const wasixrt_valkind_t *params, size_t nparams,
	const wasixrt_valkind_t *results, size_t nresults,
	wasixrt_func_callback_t cb, void *env, void (*finalizer)(void *env))
{
	struct wx_hostfunc_def def;
	struct wx_capi_hostfn *h, **fns;
	char *sig;
	size_t i, n = nparams + nresults, k = 0;
	int rc;

	if (cb == NULL || module_name == NULL || name == NULL)
		return wx_capi_error("define_func: missing name or callback");
	if (nparams > 1000 || nresults > 1000)
		return wx_capi_error("define_func %s.%s: too many parameters "
				     "or results", module_name, name);
	sig = malloc(n + 3);
	h = malloc(sizeof(*h) + n * sizeof(h->kinds[0]));
	fns = realloc(l->fns, (l->nfns + 1) * sizeof(*fns));
	if (fns != NULL)
		l->fns = fns;
	if (sig == NULL || h == NULL || fns == NULL) {
		free(sig);
		free(h);
		return wx_capi_error("out of memory");
	}
	sig[k++] = '(';
	for (i = 0; i < n; i++) {
		wasixrt_valkind_t kind =
			i < nparams ? params[i] : results[i - nparams];
		char c = sig_char(kind);
		if (c == 0) {
			free(sig);
			free(h);
			return wx_capi_error("define_func %s.%s: unknown value "
					     "kind %d", module_name, name,
					     (int)kind);
		}
		if (i == nparams)
			sig[k++] = ')';
		sig[k++] = c;
		h->kinds[i] = kind;
	}
	if (nresults == 0)
		sig[k++] = ')';
	sig[k] = '\0';
	h->cb = cb;
	h->env = env;
	h->finalizer = NULL;
	h->nparams = nparams;
	h->nresults = nresults;
	def.name = name;
	def.sig = sig;
	def.fn = trampoline;
	rc = wx_linker_define_host(&l->l, module_name, &def, 1, h);
	free(sig);
	if (rc != 0) {
		free(h);
		return wx_capi_error("define_func %s.%s: %s", module_name,
				     name, strerror(rc));
	}
	h->finalizer = finalizer;
	l->fns[l->nfns++] = h;
	return NULL;
}

uint8_t *wasixrt_caller_memory(wasixrt_caller_t *caller, size_t *size)
{
	const struct wx_func *f = caller->t->site.func;
	struct wx_memory *mem;

	if (size != NULL)
		*size = 0;
	if (f == NULL || f->inst == NULL || f->inst->module->nmems == 0)
		return NULL;
	mem = f->inst->mems[0];
	if (size != NULL)
		*size = (size_t)__atomic_load_n(&mem->size, __ATOMIC_ACQUIRE);
	return mem->base;
}

/* ---- instances ---- */

wasixrt_error_t *wasixrt_instance_new(wasixrt_linker_t *l,
				      const wasixrt_module_t *m,
				      wasixrt_instance_t **out,
				      wasixrt_trap_t **trap)
{
	struct wx_report r = { 0 };
	wasixrt_instance_t *in;
	int rc;

	*out = NULL;
	if (trap != NULL)
		*trap = NULL;
	in = calloc(1, sizeof(*in));
	if (in == NULL)
		return wx_capi_error("out of memory");
	rc = wx_thread_init(&in->t, 0, 0);
	if (rc != 0) {
		free(in);
		return wx_capi_error("cannot create a thread: %s",
				     strerror(rc));
	}
	rc = wx_instance_create(m->m, &l->l, &in->t, &in->inst, &r);
	if (rc == WX_ETRAP || rc == WX_EEXIT) {
		if (trap != NULL) {
			*trap = wx_capi_trap_from(&in->t, rc);
			if (*trap == NULL)
				*trap = wasixrt_trap_new(r.set ? r.msg
							       : "trap");
		}
		if (in->inst != NULL)
			wx_instance_destroy(in->inst);
		wx_thread_fini(&in->t);
		free(in);
		return NULL;
	}
	if (rc != 0) {
		wx_thread_fini(&in->t);
		free(in);
		if (rc == WX_ELINK)
			return wx_capi_error_kind(WASIXRT_ERR_LINK, "%s",
						  r.set ? r.msg : "link error");
		if (r.set)
			return wx_capi_error("%s", r.msg);
		return wx_capi_error("cannot instantiate: %s",
				     rc > 0 ? strerror(rc) : "internal error");
	}
	in->module = (wasixrt_module_t *)m;
	wx_capi_module_retain(in->module);
	in->linker = l;
	__atomic_add_fetch(&l->refs, 1, __ATOMIC_RELAXED);
	*out = in;
	return NULL;
}

void wasixrt_instance_delete(wasixrt_instance_t *in)
{
	if (in == NULL)
		return;
	/* WASI must not keep pointing at this instance's memory. */
	if (in->linker->wasi != NULL && in->inst->module->nmems > 0)
		wx_wasi_set_memory(in->linker->wasi, NULL);
	wx_instance_destroy(in->inst);
	wx_thread_fini(&in->t);
	linker_release(in->linker);
	wasixrt_module_delete(in->module);
	free(in);
}

/* The exported function `name`, or NULL. */
static struct wx_func *export_func(wasixrt_instance_t *in, const char *name)
{
	struct wx_extern ext;

	if (!wx_instance_export(in->inst, name, &ext) ||
	    ext.kind != WX_EXTERN_FUNC)
		return NULL;
	return ext.u.func;
}

bool wasixrt_instance_func_type(wasixrt_instance_t *in, const char *name,
				size_t *nparams, wasixrt_valkind_t *params,
				size_t *nresults, wasixrt_valkind_t *results)
{
	struct wx_func *f = export_func(in, name);
	const struct wx_functype *ft;
	wasixrt_valkind_t k;
	uint32_t i;

	if (f == NULL)
		return false;
	ft = f->type;
	if (nparams != NULL)
		*nparams = ft->nparams;
	if (nresults != NULL)
		*nresults = ft->nresults;
	for (i = 0; i < ft->nparams + ft->nresults; i++) {
		if (!kind_of(ft->types[i], &k))
			k = (wasixrt_valkind_t)-1;
		if (i < ft->nparams && params != NULL)
			params[i] = k;
		else if (i >= ft->nparams && results != NULL)
			results[i - ft->nparams] = k;
	}
	return true;
}

wasixrt_error_t *wasixrt_instance_call(wasixrt_instance_t *in,
				       const char *name,
				       const wasixrt_val_t *args,
				       size_t nargs, wasixrt_val_t *results,
				       size_t nresults, wasixrt_trap_t **trap)
{
	struct wx_extern ext;
	const struct wx_functype *ft;
	wasixrt_valkind_t k = WASIXRT_I32;
	uint64_t small[16], *slots = small;
	size_t i, nslots;
	int rc;

	if (trap != NULL)
		*trap = NULL;
	if (!wx_instance_export(in->inst, name, &ext))
		return wx_capi_error("no export named \"%s\"", name);
	if (ext.kind != WX_EXTERN_FUNC)
		return wx_capi_error("export \"%s\" is not a function", name);
	ft = ext.u.func->type;
	if (nargs != ft->nparams || nresults != ft->nresults)
		return wx_capi_error("\"%s\" takes %" PRIu32 " argument%s and "
				     "returns %" PRIu32 " result%s; called "
				     "with %zu and %zu", name, ft->nparams,
				     ft->nparams == 1 ? "" : "s",
				     ft->nresults,
				     ft->nresults == 1 ? "" : "s", nargs,
				     nresults);
	for (i = 0; i < (size_t)ft->nparams + ft->nresults; i++) {
		if (!kind_of(ft->types[i], &k))
			return wx_capi_error("\"%s\" has a %s %s, which the API "
					     "cannot pass", name,
					     wx_valtype_name(ft->types[i]),
					     i < ft->nparams ? "parameter"
							     : "result");
		if (i < nargs && args[i].kind != k)
			return wx_capi_error("argument %zu of \"%s\" is a %s, "
					     "expected %s", i + 1, name,
					     kind_name(args[i].kind),
					     kind_name(k));
		if (i < nargs && k == WASIXRT_FUNCREF && args[i].of.ref != 0)
			return wx_capi_error("argument %zu of \"%s\": only a "
					     "null funcref can be passed",
					     i + 1, name);
	}
	nslots = nargs > nresults ? nargs : nresults;
	if (nslots > 16) {
		slots = calloc(nslots, sizeof(*slots));
		if (slots == NULL)
			return wx_capi_error("out of memory");
	}
	for (i = 0; i < nargs; i++)
		slots[i] = to_slot(&args[i]);
	__atomic_and_fetch(&in->t.interrupt, 0, __ATOMIC_SEQ_CST);
	in->t.frame_top = in->t.frames;
	rc = wx_call(&in->t, ext.u.func, slots);
	if (rc == 0) {
		for (i = 0; i < nresults; i++) {
			kind_of(ft->types[ft->nparams + i], &k);
			from_slot(k, slots[i], &results[i]);
		}
	} else if (trap != NULL) {
		*trap = wx_capi_trap_from(&in->t, rc);
	}
	if (slots != small)
		free(slots);
	return NULL;
}

uint8_t *wasixrt_instance_memory(wasixrt_instance_t *in, const char *name,
				 size_t *size)
{
	struct wx_extern ext;

	if (size != NULL)
		*size = 0;
	if (!wx_instance_export(in->inst, name, &ext) ||
	    ext.kind != WX_EXTERN_MEMORY)
		return NULL;
	if (size != NULL)
		*size = (size_t)__atomic_load_n(&ext.u.memory->size,
						__ATOMIC_ACQUIRE);
	return ext.u.memory->base;
}

void wasixrt_instance_interrupt(wasixrt_instance_t *in)
{
	wx_thread_kick(&in->t, WX_INTR_TIMEOUT);
}
