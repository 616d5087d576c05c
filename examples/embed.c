/*
 * embed.c - the smallest useful embedder of libwasixrt: load a module,
 * give it WASI and one host function, call an export with arguments from
 * the command line, print its results.
 *
 *   cc embed.c $(pkg-config --cflags --libs wasixrt) -o embed
 *   ./embed MODULE.wasm EXPORT [ARGS...]
 *
 * The host function the module may import: env.host_log(i32) prints
 * "host_log: N".  Exit status: 0, 1 on an error, 134 on a trap (the trap
 * and its backtrace are printed), or the guest's exit code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wasixrt.h>

static wasixrt_trap_t *host_log(void *env, wasixrt_caller_t *caller,
				const wasixrt_val_t *args,
				wasixrt_val_t *results)
{
	(void)env;
	(void)caller;
	(void)results;
	printf("host_log: %d\n", args[0].of.i32);
	return NULL;
}

/* Parse `s` as a value of kind `k`. */
static int parse(const char *s, wasixrt_valkind_t k, wasixrt_val_t *v)
{
	char *end;

	v->kind = k;
	switch (k) {
	case WASIXRT_I32: v->of.i32 = (int32_t)strtol(s, &end, 0); break;
	case WASIXRT_I64: v->of.i64 = strtoll(s, &end, 0); break;
	case WASIXRT_F32: v->of.f32 = strtof(s, &end); break;
	case WASIXRT_F64: v->of.f64 = strtod(s, &end); break;
	default: return -1;
	}
	return *s != '\0' && *end == '\0' ? 0 : -1;
}

static void print(const wasixrt_val_t *v)
{
	switch (v->kind) {
	case WASIXRT_I32: printf("%d\n", v->of.i32); break;
	case WASIXRT_I64: printf("%lld\n", (long long)v->of.i64); break;
	case WASIXRT_F32: printf("%.9g\n", (double)v->of.f32); break;
	case WASIXRT_F64: printf("%.17g\n", v->of.f64); break;
	default: printf("%s\n", v->of.ref ? "ref" : "null"); break;
	}
}

static int fail(wasixrt_error_t *e)
{
	fprintf(stderr, "embed: %s\n", wasixrt_error_message(e));
	wasixrt_error_delete(e);
	return 1;
}

int main(int argc, char **argv)
{
	wasixrt_module_t *module;
	wasixrt_linker_t *linker;
	wasixrt_instance_t *inst;
	wasixrt_trap_t *trap = NULL;
	wasixrt_error_t *e;
	wasixrt_valkind_t log_params[] = { WASIXRT_I32 };
	wasixrt_valkind_t pk[64], rk[64];
	wasixrt_val_t args[64], results[64];
	size_t np, nr, i;
	int status = 0, code;

	if (argc < 3) {
		fprintf(stderr, "usage: embed MODULE.wasm EXPORT [ARGS...]\n");
		return 2;
	}
	if ((e = wasixrt_module_load(argv[1], &module)) != NULL)
		return fail(e);

	linker = wasixrt_linker_new();
	e = wasixrt_linker_define_wasi(linker, NULL);
	if (e == NULL)
		e = wasixrt_linker_define_func(linker, "env", "host_log",
					       log_params, 1, NULL, 0,
					       host_log, NULL, NULL);
	if (e == NULL)
		e = wasixrt_instance_new(linker, module, &inst, &trap);
	/* The instance holds its own references to both. */
	wasixrt_linker_delete(linker);
	wasixrt_module_delete(module);
	if (e != NULL)
		return fail(e);
	if (trap != NULL) {
		fprintf(stderr, "embed: start function: %s\n",
			wasixrt_trap_message(trap));
		wasixrt_trap_delete(trap);
		return 134;
	}

	if (!wasixrt_instance_func_type(inst, argv[2], &np, NULL, &nr, NULL) ||
	    np > 64 || nr > 64) {
		fprintf(stderr, "embed: no usable function export \"%s\"\n",
			argv[2]);
		wasixrt_instance_delete(inst);
		return 1;
	}
	wasixrt_instance_func_type(inst, argv[2], &np, pk, &nr, rk);
	for (i = 0; i < np && (int)i + 3 < argc; i++) {
		if (parse(argv[i + 3], pk[i], &args[i]) != 0) {
			fprintf(stderr, "embed: bad argument '%s'\n",
				argv[i + 3]);
			wasixrt_instance_delete(inst);
			return 2;
		}
	}
	/* A wrong argument count is the library's error to report. */
	e = wasixrt_instance_call(inst, argv[2], args, (size_t)argc - 3,
				  results, nr, &trap);
	if (e != NULL) {
		status = fail(e);
	} else if (trap != NULL) {
		if (wasixrt_trap_exit_code(trap, &code)) {
			status = code;
		} else {
			uint32_t idx, off;
			const char *name;
			fprintf(stderr, "embed: trap: %s\n",
				wasixrt_trap_message(trap));
			for (i = 0; wasixrt_trap_frame(trap, i, &idx, &name,
						       &off); i++)
				fprintf(stderr, "  #%zu %s (function %u) at "
					"0x%x\n", i, name ? name : "?", idx,
					off);
			status = 134;
		}
		wasixrt_trap_delete(trap);
	} else {
		for (i = 0; i < nr; i++)
			print(&results[i]);
	}
	wasixrt_instance_delete(inst);
	return status;
}
