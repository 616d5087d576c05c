/*
 * spec_runner.c - runs WebAssembly spec tests converted by wabt's
 * wast2json:  spec_runner FILE.json [FILE.json ...]
 *
 * Each JSON file is a script of commands (module, register, action and the
 * assert_* forms); module files are named relative to the JSON file's
 * directory.  Every command is executed in order against one wx_thread.
 *
 * Counting: each assert_* and each action command counts once as passed,
 * failed or skipped; module and register commands count only when they
 * fail (as a failure).  Failures print one line
 *   FAIL file.wast:LINE: what (expected X, got Y)
 * skips print "SKIP file.wast:LINE: reason", and the last line of output is
 * exactly "spec: P passed, F failed, S skipped".  Exit status is 1 if
 * anything failed, 2 on a usage or setup error.
 *
 * Linking: every file gets a fresh `spectest` (spectest.c) bound in a base
 * linker that lives as long as the file's instances (it owns the host
 * function records).  Each module is instantiated with a fresh linker made
 * of the base bindings plus every registered instance, so a later
 * `register` under the same name replaces the earlier one, as in the
 * reference interpreter.  Instances (including those whose start function
 * or segment initialisation trapped, whose effects stay visible) live until
 * the end of their file.
 *
 * `--skiplist FILE` names assertions that are known not to apply
 * ("PATH:LINE reason" lines, see tests/spec/skiplist.txt); they count as
 * skipped with that reason.
 *
 * With SPEC_VERBOSE=1 each success also prints "PASS file.wast:LINE", so
 * a driver can account for every command even if the runner crashes.
 *
 * A command that runs too long (SPEC_TIMEOUT seconds, default 120) is
 * stopped through the thread's interrupt word and counted as failed.
 */
#include "spec.h"
#include "native/native.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_MODULE_SIZE (256u << 20)

struct binding {
	char *name;
	struct wx_instance *inst; /* NULL: the module failed */
};

struct bindings {
	struct binding *v;
	size_t n, cap;
};

/* State for one .json script. */
struct script {
	const char *wast;   /* source file name, for messages */
	const char *source; /* source path as wast2json recorded it */
	char *dir;          /* directory of the .json, for module files */
	struct wx_linker base;
	struct spectest st;
	bool have_spectest;
	struct wx_instance *current;
	bool have_current;
	/* The current module uses a proposal not implemented (GC, typed
	 * function references): what runs on it is skipped, not failed. */
	bool current_unsupported;
	struct bindings named;      /* "$name" -> instance */
	struct bindings registered; /* "as" name -> instance */
	struct wx_instance **insts;
	size_t ninsts, capinsts;
	struct wx_module **mods;
	size_t nmods, capmods;
	unsigned long passed, failed, skipped;
};

static struct wx_thread thread;
static unsigned timeout_secs = 120;
static bool verbose; /* SPEC_VERBOSE: also print a PASS line per success */
static volatile sig_atomic_t timed_out;

static void on_alarm(int sig)
{
	timed_out = 1;
	thread.interrupt = 1;
}

/* Before every entry into the engine: a clean thread (runtime.h: after a
 * trap, the frame stack must be reset) and an armed watchdog. */
static void thread_begin(void)
{
	thread.frame_top = thread.frames;
	thread.trap = WX_TRAP_NONE;
	thread.trap_func = NULL;
	thread.trap_offset = 0;
	thread.trap_detail[0] = '\0';
	thread.interrupt = 0;
	timed_out = 0;
	if (timeout_secs > 0)
		alarm(timeout_secs);
}

static void thread_end(void)
{
	alarm(0);
	thread.frame_top = thread.frames;
	thread.interrupt = 0;
}

static const char *trap_text(enum wx_trap kind)
{
	const char *s = wx_trap_message(kind);

	return s != NULL ? s : "(no message)";
}

/* ---- bookkeeping ---- */

static void *grow(void *p, size_t *cap, size_t n, size_t elem)
{
	size_t ncap;
	void *q;

	if (n < *cap)
		return p;
	ncap = *cap ? *cap * 2 : 16;
	q = realloc(p, ncap * elem);
	if (q == NULL) {
		fprintf(stderr, "spec_runner: out of memory\n");
		exit(2);
	}
	*cap = ncap;
	return q;
}

static void track_instance(struct script *s, struct wx_instance *inst)
{
	s->insts = grow(s->insts, &s->capinsts, s->ninsts, sizeof(*s->insts));
	s->insts[s->ninsts++] = inst;
}

static void track_module(struct script *s, struct wx_module *m)
{
	s->mods = grow(s->mods, &s->capmods, s->nmods, sizeof(*s->mods));
	s->mods[s->nmods++] = m;
}

static void bind(struct bindings *b, const char *name,
		 struct wx_instance *inst)
{
	size_t i;
	char *copy;

	for (i = 0; i < b->n; i++) {
		if (strcmp(b->v[i].name, name) == 0) {
			b->v[i].inst = inst;
			return;
		}
	}
	copy = strdup(name);
	if (copy == NULL) {
		fprintf(stderr, "spec_runner: out of memory\n");
		exit(2);
	}
	b->v = grow(b->v, &b->cap, b->n, sizeof(*b->v));
	b->v[b->n].name = copy;
	b->v[b->n].inst = inst;
	b->n++;
}

static struct binding *lookup(struct bindings *b, const char *name)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (strcmp(b->v[i].name, name) == 0)
			return &b->v[i];
	return NULL;
}

static void bindings_free(struct bindings *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		free(b->v[i].name);
	free(b->v);
	memset(b, 0, sizeof(*b));
}

/* ---- the skip list ---- */

/* Assertions that are known not to apply (e.g. a proposal's test that
 * predates a later core feature), from --skiplist FILE.  Each line is
 * "PATH:LINE reason", where PATH matches the end of the script's source
 * path at a '/' boundary; '#' starts a comment line. */
struct skip_entry {
	char *path;
	long line;
	char *reason;
};

static struct skip_entry *skips;
static size_t nskips, capskips;

static int load_skiplist(const char *path)
{
	FILE *f = fopen(path, "r");
	char buf[1024];
	unsigned lineno = 0;

	if (f == NULL) {
		fprintf(stderr, "spec_runner: cannot open skip list %s: %s\n",
			path, strerror(errno));
		return -1;
	}
	while (fgets(buf, sizeof(buf), f) != NULL) {
		char *p = buf, *colon, *end, *reason;
		long line;

		lineno++;
		buf[strcspn(buf, "\r\n")] = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || *p == '#')
			continue;
		reason = p + strcspn(p, " \t");
		if (*reason != '\0')
			*reason++ = '\0';
		while (*reason == ' ' || *reason == '\t')
			reason++;
		colon = strrchr(p, ':');
		if (colon == NULL || colon == p)
			goto bad;
		*colon = '\0';
		errno = 0;
		line = strtol(colon + 1, &end, 10);
		if (errno != 0 || end == colon + 1 || *end != '\0' || line <= 0)
			goto bad;
		skips = grow(skips, &capskips, nskips, sizeof(*skips));
		skips[nskips].path = strdup(p);
		skips[nskips].line = line;
		skips[nskips].reason = strdup(*reason ? reason
						       : "in skip list");
		if (skips[nskips].path == NULL ||
		    skips[nskips].reason == NULL) {
			fprintf(stderr, "spec_runner: out of memory\n");
			exit(2);
		}
		nskips++;
		continue;
bad:
		fprintf(stderr, "spec_runner: %s:%u: expected \"PATH:LINE "
			"reason\"\n", path, lineno);
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

static void free_skiplist(void)
{
	size_t i;

	for (i = 0; i < nskips; i++) {
		free(skips[i].path);
		free(skips[i].reason);
	}
	free(skips);
	skips = NULL;
	nskips = capskips = 0;
}

static const char *skip_reason(const char *source, long line)
{
	size_t i, sl;

	if (source == NULL)
		return NULL;
	sl = strlen(source);
	for (i = 0; i < nskips; i++) {
		size_t pl = strlen(skips[i].path);

		if (skips[i].line != line || pl > sl ||
		    strcmp(source + sl - pl, skips[i].path) != 0)
			continue;
		if (pl == sl || source[sl - pl - 1] == '/')
			return skips[i].reason;
	}
	return NULL;
}

/* ---- reporting ---- */

static void result_fail(struct script *s, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void result_skip(struct script *s, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void result_fail(struct script *s, long line, const char *fmt, ...)
{
	va_list ap;

	s->failed++;
	printf("FAIL %s:%ld: ", s->wast, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void result_skip(struct script *s, long line, const char *fmt, ...)
{
	va_list ap;

	s->skipped++;
	printf("SKIP %s:%ld: ", s->wast, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static void result_pass(struct script *s, long line)
{
	s->passed++;
	if (verbose)
		printf("PASS %s:%ld\n", s->wast, line);
}

/* Quote a name for messages: printable ASCII as is, the rest escaped. */
static const char *quote(const char *name, size_t len, char *buf,
			 size_t buflen)
{
	size_t i, o = 0;

	if (buflen < 8) {
		if (buflen > 0)
			buf[0] = '\0';
		return buf;
	}
	buf[o++] = '"';
	for (i = 0; i < len && o + 6 < buflen; i++) {
		unsigned char c = (unsigned char)name[i];

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			buf[o++] = (char)c;
		} else {
			snprintf(buf + o, buflen - o, "\\x%02x", c);
			o += 4;
		}
	}
	if (i < len && o + 4 < buflen) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return buf;
}

/* ---- modules ---- */

static char *path_join(const char *dir, const char *file)
{
	size_t dl = strlen(dir), fl = strlen(file);
	char *p = malloc(dl + fl + 2);

	if (p == NULL) {
		fprintf(stderr, "spec_runner: out of memory\n");
		exit(2);
	}
	memcpy(p, dir, dl);
	p[dl] = '/';
	memcpy(p + dl + 1, file, fl + 1);
	return p;
}

/* Read a whole file; NULL with a message on failure. */
static uint8_t *read_file(const char *path, size_t *sizep, char *err,
			  size_t errlen)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t size = 0, cap = 0;

	if (f == NULL) {
		snprintf(err, errlen, "cannot open %s: %s", path,
			 strerror(errno));
		return NULL;
	}
	for (;;) {
		size_t got;

		if (cap - size < 65536) {
			uint8_t *d;

			cap = cap ? cap * 2 : 65536;
			if (cap > MAX_MODULE_SIZE + 65536) {
				snprintf(err, errlen, "%s is too large", path);
				goto fail;
			}
			d = realloc(data, cap);
			if (d == NULL) {
				snprintf(err, errlen,
					 "out of memory reading %s", path);
				goto fail;
			}
			data = d;
		}
		got = fread(data + size, 1, cap - size, f);
		size += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		snprintf(err, errlen, "error reading %s", path);
		goto fail;
	}
	fclose(f);
	*sizep = size;
	return data;
fail:
	free(data);
	fclose(f);
	return NULL;
}

/* Load (decode + validate) the module file named by cmd's "filename".
 * Returns the wx status (0, WX_EMALFORMED, WX_EINVALID, ...) or, for a
 * file problem, a positive errno-like value; message in err. */
static int load_module(struct script *s, const struct json *cmd,
		       struct wx_module **mp, char *err, size_t errlen)
{
	const char *file = json_get_str(cmd, "filename");
	struct wx_report r;
	uint8_t *data;
	size_t size;
	char *path;
	int rc;

	*mp = NULL;
	if (file == NULL) {
		snprintf(err, errlen, "command has no \"filename\"");
		return EINVAL;
	}
	path = path_join(s->dir, file);
	data = read_file(path, &size, err, errlen);
	free(path);
	if (data == NULL)
		return EIO;
	wx_report_clear(&r);
	rc = wx_module_load(data, size, mp, &r);
	free(data);
	if (rc != 0) {
		snprintf(err, errlen, "%s", r.set ? r.msg : "(no message)");
		if (*mp != NULL) {
			wx_module_destroy(*mp);
			*mp = NULL;
		}
	} else if (*mp == NULL) {
		snprintf(err, errlen, "load returned no module");
		return EINVAL;
	}
	return rc;
}

/* Instantiate `m` with spectest plus every registered instance.  Any
 * instance returned (even with an error) is kept until the file ends.
 * Returns the wx status; *trapp gets the trap kind for WX_ETRAP. */
static int instantiate(struct script *s, struct wx_module *m,
		       struct wx_instance **ip, enum wx_trap *trapp,
		       char *err, size_t errlen)
{
	struct wx_linker l;
	struct wx_instance *inst = NULL;
	struct wx_report r;
	size_t i;
	int rc = 0;

	*ip = NULL;
	*trapp = WX_TRAP_NONE;
	err[0] = '\0';
	wx_linker_init(&l);
	for (i = 0; i < s->base.n && rc == 0; i++) {
		const struct wx_linker_entry *e = &s->base.entries[i];

		rc = wx_linker_define(&l, e->module_name, e->name, &e->ext);
	}
	for (i = 0; i < s->registered.n && rc == 0; i++)
		if (s->registered.v[i].inst != NULL)
			rc = wx_linker_define_instance(
				&l, s->registered.v[i].name,
				s->registered.v[i].inst);
	if (rc != 0) {
		snprintf(err, errlen, "building the linker: %s",
			 strerror(rc > 0 ? rc : EINVAL));
		wx_linker_fini(&l);
		return rc;
	}
	wx_report_clear(&r);
	thread_begin();
	rc = wx_instance_create(m, &l, &thread, &inst, &r);
	if (rc == WX_ETRAP)
		*trapp = thread.trap;
	thread_end();
	wx_linker_fini(&l);
	if (inst != NULL)
		track_instance(s, inst);
	if (rc != 0) {
		if (timed_out)
			snprintf(err, errlen, "timed out after %us",
				 timeout_secs);
		else if (rc == WX_ETRAP)
			snprintf(err, errlen, "trap \"%s\"", trap_text(*trapp));
		else
			snprintf(err, errlen, "status %d: %s", rc,
				 r.set ? r.msg : "(no message)");
	}
	*ip = inst;
	return rc;
}

static const char *status_name(int rc)
{
	switch (rc) {
	case 0: return "success";
	case WX_ETRAP: return "trap";
	case WX_EEXIT: return "exit";
	case WX_EINVALID: return "invalid";
	case WX_EMALFORMED: return "malformed";
	case WX_ELINK: return "link error";
	case WX_ERESTART: return "restart";
	case WX_EINTERRUPT: return "interrupted";
	case WX_EEXCEPTION: return "uncaught exception";
	case WX_EUNSUPPORTED: return "unsupported";
	default: return rc > 0 ? strerror(rc) : "unknown status";
	}
}

/* ---- actions ---- */

enum { ACT_RAN, ACT_SKIP, ACT_ERROR };

struct outcome {
	int status;          /* from wx_call; 0 for a global get */
	enum wx_trap trap;   /* status == WX_ETRAP */
	uint32_t nresults;
	const wx_valtype_t *types; /* result types */
	wx_valtype_t gtype;   /* storage for a global's type */
	uint64_t *vals;       /* nresults values (malloc'd) */
};

static void outcome_free(struct outcome *o)
{
	free(o->vals);
	o->vals = NULL;
}

/* Resolve an action's module: its "module" name, else the current one. */
static struct wx_instance *action_instance(struct script *s,
					   const struct json *action,
					   char *why, size_t len)
{
	const char *name = json_get_str(action, "module");

	if (name != NULL) {
		struct binding *b = lookup(&s->named, name);

		if (b == NULL) {
			snprintf(why, len, "unknown module %s", name);
			return NULL;
		}
		if (b->inst == NULL)
			snprintf(why, len, "module %s failed to instantiate",
				 name);
		return b->inst;
	}
	if (!s->have_current)
		snprintf(why, len, "no module defined yet");
	else if (s->current == NULL && s->current_unsupported)
		snprintf(why, len, "the module uses a proposal not "
			 "implemented (GC, typed function references)");
	else if (s->current == NULL)
		snprintf(why, len, "the current module failed to instantiate");
	return s->current;
}

/* Run an invoke or get.  ACT_RAN: see *o; otherwise `why` says why not. */
static int run_action(struct script *s, const struct json *action,
		      struct outcome *o, char *why, size_t len)
{
	const char *type = json_get_str(action, "type");
	const struct json *field = json_get(action, "field");
	const struct json *args;
	struct wx_instance *inst;
	struct wx_extern ext;
	const struct wx_functype *ft;
	char qbuf[128];
	size_t nargs, nslots, i, j;

	memset(o, 0, sizeof(*o));
	if (type == NULL || field == NULL || field->type != JSON_STRING) {
		snprintf(why, len, "malformed action");
		return ACT_ERROR;
	}
	if (strlen(field->str) != field->len) {
		snprintf(why, len, "export name %s contains NUL, which the "
			 "C API cannot express",
			 quote(field->str, field->len, qbuf, sizeof(qbuf)));
		return ACT_SKIP;
	}
	inst = action_instance(s, action, why, len);
	if (inst == NULL)
		return json_get_str(action, "module") == NULL &&
				       s->current_unsupported
			       ? ACT_SKIP
			       : ACT_ERROR;
	if (!wx_instance_export(inst, field->str, &ext)) {
		snprintf(why, len, "no export %s",
			 quote(field->str, field->len, qbuf, sizeof(qbuf)));
		return ACT_ERROR;
	}

	if (strcmp(type, "get") == 0) {
		if (ext.kind != WX_EXTERN_GLOBAL || ext.u.global == NULL) {
			snprintf(why, len, "export %s is not a global",
				 quote(field->str, field->len, qbuf,
				       sizeof(qbuf)));
			return ACT_ERROR;
		}
		o->vals = calloc(2, sizeof(uint64_t));
		if (o->vals == NULL) {
			snprintf(why, len, "out of memory");
			return ACT_ERROR;
		}
		o->gtype = ext.u.global->type.type;
		o->types = &o->gtype;
		o->nresults = 1;
		o->vals[0] = ext.u.global->val[0];
		o->vals[1] = ext.u.global->val[1]; /* a v128's high half */
		return ACT_RAN;
	}
	if (strcmp(type, "invoke") != 0) {
		snprintf(why, len, "unknown action type %s", type);
		return ACT_SKIP;
	}
	if (ext.kind != WX_EXTERN_FUNC || ext.u.func == NULL ||
	    ext.u.func->type == NULL) {
		snprintf(why, len, "export %s is not a function",
			 quote(field->str, field->len, qbuf, sizeof(qbuf)));
		return ACT_ERROR;
	}
	ft = ext.u.func->type;
	args = json_get(action, "args");
	nargs = json_len(args);
	if (args != NULL && args->type != JSON_ARRAY) {
		snprintf(why, len, "malformed args");
		return ACT_ERROR;
	}
	if (nargs != ft->nparams) {
		snprintf(why, len, "%zu arguments given, function takes %u",
			 nargs, ft->nparams);
		return ACT_ERROR;
	}
	/* wx_call's convention: a v128 takes two words (low, high) */
	nslots = 2 * (ft->nparams > ft->nresults ? ft->nparams : ft->nresults);
	o->vals = calloc(nslots ? nslots : 1, sizeof(uint64_t));
	if (o->vals == NULL) {
		snprintf(why, len, "out of memory");
		return ACT_ERROR;
	}
	for (i = 0, j = 0; i < nargs; i++) {
		struct spec_value v;
		char err[160];
		int rc = spec_value_parse(json_at(args, i), true, &v, err,
					  sizeof(err));

		if (rc == SPEC_VAL_UNSUPPORTED) {
			snprintf(why, len, "argument %zu: %s", i, err);
			outcome_free(o);
			return ACT_SKIP;
		}
		if (rc != SPEC_VAL_OK) {
			snprintf(why, len, "argument %zu: %s", i, err);
			outcome_free(o);
			return ACT_ERROR;
		}
		if (v.type != spec_type_norm(ft->types[i])) {
			snprintf(why, len,
				 "argument %zu is %s, parameter is %s", i,
				 spec_valtype_name(v.type),
				 spec_valtype_name(ft->types[i]));
			outcome_free(o);
			return ACT_ERROR;
		}
		o->vals[j++] = v.bits;
		if (v.type == WX_V128)
			o->vals[j++] = v.hi;
	}
	thread_begin();
	o->status = wx_call(&thread, ext.u.func, o->vals);
	if (o->status == WX_ETRAP)
		o->trap = thread.trap;
	thread_end();
	o->nresults = ft->nresults;
	o->types = ft->types + ft->nparams;
	return ACT_RAN;
}

/* Describe a non-success outcome for "got ..." text. */
static void describe_outcome(const struct outcome *o, char *buf, size_t len)
{
	if (timed_out)
		snprintf(buf, len, "timeout after %us (status %d)",
			 timeout_secs, o->status);
	else if (o->status == WX_ETRAP)
		snprintf(buf, len, "trap \"%s\"", trap_text(o->trap));
	else
		snprintf(buf, len, "status %d (%s)", o->status,
			 status_name(o->status));
}

/* The reference interpreter checks that the expected text prefixes the
 * trap message.  A few tests expect more detail than our fixed messages
 * carry ("uninitialized element 2"), so a message that is the expected
 * text cut at a word boundary matches too. */
static bool trap_matches(const char *expected, const char *got)
{
	size_t el = strlen(expected), gl = strlen(got);

	if (el <= gl)
		return strncmp(expected, got, el) == 0;
	return gl > 0 && strncmp(expected, got, gl) == 0 &&
	       expected[gl] == ' ';
}

static const char *field_of(const struct json *cmd, char *buf, size_t len)
{
	const struct json *action = json_get(cmd, "action");
	const struct json *field = json_get(action, "field");

	if (field == NULL || field->type != JSON_STRING)
		return "(action)";
	return quote(field->str, field->len, buf, len);
}

/* ---- commands ---- */

static void cmd_module(struct script *s, const struct json *cmd, long line)
{
	const char *name = json_get_str(cmd, "name");
	struct wx_module *m;
	struct wx_instance *inst = NULL;
	enum wx_trap trap;
	char err[600];
	int rc;

	s->have_current = true;
	s->current = NULL;
	s->current_unsupported = false;
	rc = load_module(s, cmd, &m, err, sizeof(err));
	if (rc == WX_EUNSUPPORTED) {
		s->current_unsupported = true;
		result_skip(s, line, "module: %s", err);
	} else if (rc != 0) {
		result_fail(s, line, "module failed to load (expected success, "
			    "got %s: %s)", status_name(rc), err);
	} else {
		track_module(s, m);
		rc = instantiate(s, m, &inst, &trap, err, sizeof(err));
		if (rc != 0) {
			result_fail(s, line, "module failed to instantiate "
				    "(expected success, got %s: %s)",
				    status_name(rc), err);
			inst = NULL;
		}
	}
	s->current = inst;
	if (name != NULL)
		bind(&s->named, name, inst);
}

static void cmd_register(struct script *s, const struct json *cmd,
			 long line)
{
	const char *as = json_get_str(cmd, "as");
	const char *name = json_get_str(cmd, "name");
	struct wx_instance *inst = s->current;

	if (as == NULL) {
		result_fail(s, line, "register without \"as\"");
		return;
	}
	if (name != NULL) {
		struct binding *b = lookup(&s->named, name);

		inst = b != NULL ? b->inst : NULL;
	}
	if (inst == NULL && name == NULL && s->current_unsupported) {
		result_skip(s, line, "register %s: the module uses a proposal "
			    "not implemented", as);
		return;
	}
	if (inst == NULL) {
		result_fail(s, line, "register %s: no instantiated module %s",
			    as, name != NULL ? name : "(current)");
		return;
	}
	bind(&s->registered, as, inst);
}

static void cmd_action(struct script *s, const struct json *cmd, long line)
{
	struct outcome o;
	char why[300], got[200], fb[128];
	int rc = run_action(s, json_get(cmd, "action"), &o, why, sizeof(why));

	if (rc == ACT_SKIP)
		result_skip(s, line, "%s", why);
	else if (rc == ACT_ERROR)
		result_fail(s, line, "action %s: %s",
			    field_of(cmd, fb, sizeof(fb)), why);
	else if (o.status != 0) {
		describe_outcome(&o, got, sizeof(got));
		result_fail(s, line, "action %s (expected success, got %s)",
			    field_of(cmd, fb, sizeof(fb)), got);
	} else
		result_pass(s, line);
	outcome_free(&o);
}

static void cmd_assert_return(struct script *s, const struct json *cmd,
			      long line)
{
	const struct json *expected = json_get(cmd, "expected");
	struct outcome o;
	char why[300], got[200], want[200], fb[128];
	size_t i, n = json_len(expected);
	int rc;

	const struct json *either = json_get(cmd, "either");
	size_t j, alt = 0, nalt = 1;

	/* "either" (relaxed SIMD): one result, any of the alternatives */
	if (expected == NULL && either != NULL) {
		nalt = json_len(either);
		n = 1;
	}
	rc = run_action(s, json_get(cmd, "action"), &o, why, sizeof(why));
	if (rc == ACT_SKIP) {
		result_skip(s, line, "%s", why);
		goto out;
	}
	if (rc == ACT_ERROR) {
		result_fail(s, line, "assert_return %s: %s",
			    field_of(cmd, fb, sizeof(fb)), why);
		goto out;
	}
	if (o.status != 0) {
		describe_outcome(&o, got, sizeof(got));
		result_fail(s, line,
			    "assert_return %s (expected return, got %s)",
			    field_of(cmd, fb, sizeof(fb)), got);
		goto out;
	}
	if (n != o.nresults) {
		result_fail(s, line, "assert_return %s (expected %zu results, "
			    "got %u)", field_of(cmd, fb, sizeof(fb)), n,
			    o.nresults);
		goto out;
	}
next_alt:
	for (i = 0, j = 0; i < n; i++) {
		struct spec_value v;
		char err[160];
		bool ok;

		rc = spec_value_parse(either != NULL && expected == NULL
					      ? json_at(either, alt)
					      : json_at(expected, i),
				      false, &v, err, sizeof(err));
		if (rc == SPEC_VAL_UNSUPPORTED) {
			result_skip(s, line, "result %zu: %s", i, err);
			goto out;
		}
		if (rc != SPEC_VAL_OK) {
			result_fail(s, line, "assert_return %s: result %zu: %s",
				    field_of(cmd, fb, sizeof(fb)), i, err);
			goto out;
		}
		if (o.types[i] == WX_V128) {
			ok = spec_v128_match(&v, o.vals[j], o.vals[j + 1]);
			spec_v128_format(o.vals[j], o.vals[j + 1], got,
					 sizeof(got));
			j += 2;
		} else {
			ok = spec_value_match(&v, o.types[i], o.vals[j]);
			spec_value_format(o.types[i], o.vals[j], got,
					  sizeof(got));
			j++;
		}
		if (!ok && alt + 1 < nalt) {
			alt++;
			goto next_alt;
		}
		if (!ok) {
			spec_expected_format(&v, want, sizeof(want));
			result_fail(s, line, "assert_return %s result %zu "
				    "(expected %s, got %s)",
				    field_of(cmd, fb, sizeof(fb)), i, want,
				    got);
			goto out;
		}
	}
	result_pass(s, line);
out:
	outcome_free(&o);
}

/* assert_trap / assert_exhaustion on an action. */
static void cmd_assert_trap_action(struct script *s, const struct json *cmd,
				   long line, const char *what)
{
	const char *text = json_get_str(cmd, "text");
	struct outcome o;
	char why[300], got[200], fb[128];
	int rc = run_action(s, json_get(cmd, "action"), &o, why, sizeof(why));

	if (text == NULL)
		text = "";
	if (rc == ACT_SKIP) {
		result_skip(s, line, "%s", why);
	} else if (rc == ACT_ERROR) {
		result_fail(s, line, "%s %s: %s", what,
			    field_of(cmd, fb, sizeof(fb)), why);
	} else if (o.status == 0) {
		result_fail(s, line, "%s %s (expected trap \"%s\", got a "
			    "return)", what, field_of(cmd, fb, sizeof(fb)),
			    text);
	} else if (o.status != WX_ETRAP ||
		   !trap_matches(text, trap_text(o.trap))) {
		describe_outcome(&o, got, sizeof(got));
		result_fail(s, line, "%s %s (expected trap \"%s\", got %s)",
			    what, field_of(cmd, fb, sizeof(fb)), text, got);
	} else {
		result_pass(s, line);
	}
	outcome_free(&o);
}

/* assert_exception (exception handling): the action ends with an
 * uncaught wasm exception. */
static void cmd_assert_exception(struct script *s, const struct json *cmd,
				 long line)
{
	struct outcome o;
	char why[300], got[200], fb[128];
	int rc = run_action(s, json_get(cmd, "action"), &o, why, sizeof(why));

	if (rc == ACT_SKIP) {
		result_skip(s, line, "%s", why);
	} else if (rc == ACT_ERROR) {
		result_fail(s, line, "assert_exception %s: %s",
			    field_of(cmd, fb, sizeof(fb)), why);
	} else if (o.status == 0) {
		result_fail(s, line, "assert_exception %s (expected an "
			    "exception, got a return)",
			    field_of(cmd, fb, sizeof(fb)));
	} else if (o.status != WX_EEXCEPTION) {
		describe_outcome(&o, got, sizeof(got));
		result_fail(s, line, "assert_exception %s (expected an "
			    "exception, got %s)",
			    field_of(cmd, fb, sizeof(fb)), got);
	} else {
		result_pass(s, line);
	}
	outcome_free(&o);
}

/* assert_uninstantiable, or assert_trap on a module: loading succeeds and
 * instantiation traps with the expected message. */
static void cmd_assert_trap_module(struct script *s, const struct json *cmd,
				   long line, const char *what)
{
	const char *text = json_get_str(cmd, "text");
	struct wx_module *m;
	struct wx_instance *inst;
	enum wx_trap trap;
	char err[600];
	int rc;

	if (text == NULL)
		text = "";
	rc = load_module(s, cmd, &m, err, sizeof(err));
	if (rc == WX_EUNSUPPORTED) {
		result_skip(s, line, "%s: %s", what, err);
		return;
	}
	if (rc != 0) {
		result_fail(s, line, "%s (expected trap \"%s\", got load "
			    "failure %s: %s)", what, text, status_name(rc),
			    err);
		return;
	}
	track_module(s, m);
	rc = instantiate(s, m, &inst, &trap, err, sizeof(err));
	if (rc == 0)
		result_fail(s, line, "%s (expected trap \"%s\", got a "
			    "successful instantiation)", what, text);
	else if (rc != WX_ETRAP || !trap_matches(text, trap_text(trap)))
		result_fail(s, line, "%s (expected trap \"%s\", got %s: %s)",
			    what, text, status_name(rc), err);
	else
		result_pass(s, line);
}

static void cmd_assert_bad_module(struct script *s, const struct json *cmd,
				  long line, const char *what)
{
	const char *mtype = json_get_str(cmd, "module_type");
	const char *text = json_get_str(cmd, "text");
	struct wx_module *m;
	char err[600];
	int rc;

	if (mtype != NULL && strcmp(mtype, "binary") != 0) {
		result_skip(s, line, "%s of a %s module (no text-format "
			    "parser)", what, mtype);
		return;
	}
	rc = load_module(s, cmd, &m, err, sizeof(err));
	if (rc == WX_EUNSUPPORTED) {
		result_skip(s, line, "%s: %s", what, err);
	} else if (rc == 0) {
		wx_module_destroy(m);
		result_fail(s, line, "%s (expected load failure \"%s\", got a "
			    "valid module)", what, text ? text : "");
	} else if (rc > 0) {
		/* the module file itself could not be read */
		result_fail(s, line, "%s: %s", what, err);
	} else {
		result_pass(s, line);
	}
}

static void cmd_assert_unlinkable(struct script *s, const struct json *cmd,
				  long line)
{
	const char *text = json_get_str(cmd, "text");
	struct wx_module *m;
	struct wx_instance *inst;
	enum wx_trap trap;
	char err[600];
	int rc;

	if (text == NULL)
		text = "";
	rc = load_module(s, cmd, &m, err, sizeof(err));
	if (rc == WX_EUNSUPPORTED) {
		result_skip(s, line, "assert_unlinkable: %s", err);
		return;
	}
	if (rc != 0) {
		result_fail(s, line, "assert_unlinkable (expected link error "
			    "\"%s\", got load failure %s: %s)", text,
			    status_name(rc), err);
		return;
	}
	track_module(s, m);
	rc = instantiate(s, m, &inst, &trap, err, sizeof(err));
	if (rc == WX_ELINK)
		result_pass(s, line);
	else if (rc == 0)
		result_fail(s, line, "assert_unlinkable (expected link error "
			    "\"%s\", got a successful instantiation)", text);
	else
		result_fail(s, line, "assert_unlinkable (expected link error "
			    "\"%s\", got %s: %s)", text, status_name(rc), err);
}

static void run_command(struct script *s, const struct json *cmd)
{
	const char *type = json_get_str(cmd, "type");
	const struct json *jl = json_get(cmd, "line");
	long line = jl != NULL && jl->type == JSON_NUMBER ? (long)jl->num : 0;

	const char *skip;

	if (type == NULL) {
		result_fail(s, line, "command without a type");
	} else if ((strncmp(type, "assert_", 7) == 0 ||
		    strcmp(type, "action") == 0) &&
		   (skip = skip_reason(s->source, line)) != NULL) {
		result_skip(s, line, "%s", skip);
	} else if (strcmp(type, "module") == 0) {
		cmd_module(s, cmd, line);
	} else if (strcmp(type, "register") == 0) {
		cmd_register(s, cmd, line);
	} else if (strcmp(type, "action") == 0) {
		cmd_action(s, cmd, line);
	} else if (strcmp(type, "assert_return") == 0) {
		cmd_assert_return(s, cmd, line);
	} else if (strcmp(type, "assert_trap") == 0) {
		if (json_get(cmd, "action") == NULL)
			cmd_assert_trap_module(s, cmd, line, "assert_trap");
		else
			cmd_assert_trap_action(s, cmd, line, "assert_trap");
	} else if (strcmp(type, "assert_exhaustion") == 0) {
		cmd_assert_trap_action(s, cmd, line, "assert_exhaustion");
	} else if (strcmp(type, "assert_exception") == 0) {
		cmd_assert_exception(s, cmd, line);
	} else if (strcmp(type, "assert_invalid") == 0 ||
		   strcmp(type, "assert_malformed") == 0) {
		cmd_assert_bad_module(s, cmd, line, type);
	} else if (strcmp(type, "assert_unlinkable") == 0) {
		cmd_assert_unlinkable(s, cmd, line);
	} else if (strcmp(type, "assert_uninstantiable") == 0) {
		cmd_assert_trap_module(s, cmd, line, "assert_uninstantiable");
	} else {
		result_skip(s, line, "unknown command type %s", type);
	}
}

/* ---- files ---- */

static void script_fini(struct script *s)
{
	size_t i;

	/* instances first (newest first), then modules, then what the
	 * instances imported from spectest */
	for (i = s->ninsts; i-- > 0;)
		wx_instance_destroy(s->insts[i]);
	for (i = s->nmods; i-- > 0;)
		wx_module_destroy(s->mods[i]);
	free(s->insts);
	free(s->mods);
	bindings_free(&s->named);
	bindings_free(&s->registered);
	wx_linker_fini(&s->base);
	if (s->have_spectest)
		spectest_fini(&s->st);
	free(s->dir);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

/* Run one .json script; adds to the totals. */
static void run_file(const char *path, unsigned long *passed,
		     unsigned long *failed, unsigned long *skipped)
{
	struct script s;
	struct json *root = NULL;
	const struct json *cmds;
	const char *src, *slash;
	char err[600];
	char *text, *wast = NULL;
	size_t size, i;

	memset(&s, 0, sizeof(s));
	wx_linker_init(&s.base);
	slash = strrchr(path, '/');
	s.dir = slash != NULL ? strndup(path, (size_t)(slash - path))
			      : strdup(".");
	if (s.dir == NULL) {
		fprintf(stderr, "spec_runner: out of memory\n");
		exit(2);
	}
	s.wast = base_name(path);

	text = (char *)read_file(path, &size, err, sizeof(err));
	if (text == NULL) {
		result_fail(&s, 0, "%s", err);
		goto out;
	}
	root = json_parse(text, size, err, sizeof(err));
	free(text);
	if (root == NULL) {
		result_fail(&s, 0, "bad JSON in %s: %s", path, err);
		goto out;
	}
	src = json_get_str(root, "source_filename");
	s.source = src != NULL ? src : path;
	if (src != NULL) {
		wast = strdup(base_name(src));
		if (wast != NULL)
			s.wast = wast;
	}
	cmds = json_get(root, "commands");
	if (cmds == NULL || cmds->type != JSON_ARRAY) {
		result_fail(&s, 0, "%s has no \"commands\" array", path);
		goto out;
	}
	if (spectest_init(&s.st, &s.base, err, sizeof(err)) != 0) {
		result_fail(&s, 0, "%s", err);
		goto out;
	}
	s.have_spectest = true;
	for (i = 0; i < cmds->n; i++)
		run_command(&s, cmds->items[i]);
out:
	printf("file %s: %lu passed, %lu failed, %lu skipped\n", s.wast,
	       s.passed, s.failed, s.skipped);
	fflush(stdout);
	*passed += s.passed;
	*failed += s.failed;
	*skipped += s.skipped;
	script_fini(&s);
	json_free(root);
	free(wast);
}

int main(int argc, char **argv)
{
	unsigned long passed = 0, failed = 0, skipped = 0;
	const char *env = getenv("SPEC_TIMEOUT");
	struct sigaction sa;
	int i, rc, first = 1;

	if (argc >= 3 && strcmp(argv[1], "--skiplist") == 0) {
		if (load_skiplist(argv[2]) != 0)
			return 2;
		first = 3;
	}
	if (argc <= first || strcmp(argv[first], "-h") == 0 ||
	    strcmp(argv[first], "--help") == 0) {
		fprintf(stderr,
			"usage: %s [--skiplist FILE] FILE.json "
			"[FILE.json ...]\n"
			"  runs wast2json-converted spec tests; the skip list "
			"holds\n  \"PATH:LINE reason\" lines of assertions "
			"to skip.\n"
			"  SPEC_TIMEOUT=secs per command "
			"(default 120, 0: none)\n"
			"  SPEC_VERBOSE=1 prints a PASS line per success\n",
			argv[0]);
		return 2;
	}
	/* line buffered: a crash must not swallow the lines before it */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (env != NULL && *env != '\0')
		timeout_secs = (unsigned)strtoul(env, NULL, 10);
	env = getenv("SPEC_VERBOSE");
	verbose = env != NULL && *env != '\0' && strcmp(env, "0") != 0;

	/* SPEC_TIER=native: every module runs as native code (compiled
	 * at WASIXRT_NATIVE_OPT, default -O0 here: compile time is the
	 * cost of this run, not the speed of its code). */
	env = getenv("SPEC_TIER");
	if (env != NULL && *env != '\0') {
		struct wx_native_opts no = {0};
		if (!wx_native_parse_tier(env, &no.tier)) {
			fprintf(stderr, "spec_runner: SPEC_TIER '%s': expected "
				"interp, native or auto\n", env);
			return 2;
		}
		no.opt = getenv("WASIXRT_NATIVE_OPT");
		if (no.opt == NULL)
			no.opt = "-O0";
		wx_native_setup(&no);
	}
	rc = wx_thread_init(&thread, WX_DEFAULT_STACK_SLOTS,
			    WX_DEFAULT_MAX_FRAMES);
	if (rc != 0) {
		fprintf(stderr, "spec_runner: wx_thread_init failed (%d)\n",
			rc);
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);

	for (i = first; i < argc; i++)
		run_file(argv[i], &passed, &failed, &skipped);

	wx_thread_fini(&thread);
	free_skiplist();
	printf("spec: %lu passed, %lu failed, %lu skipped\n", passed, failed,
	       skipped);
	return failed > 0 ? 1 : 0;
}
