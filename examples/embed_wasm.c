/*
 * embed_wasm.c - an embedder written only against the standard
 * WebAssembly C API (wasm.h), built against libwasixrt:
 *
 *     cc embed_wasm.c $(pkg-config --cflags --libs wasixrt)
 *     ./a.out MODULE.wasm FUNCTION [ARGS...]
 *
 * Imports of the module named env.host_log (one i32) are bound to a host
 * function printing "host_log: N"; the export FUNCTION is called with
 * ARGS (as its parameter types say) and its results printed one a line.
 * A trap prints its message and frames and exits 134.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasm.h>

static wasm_trap_t *host_log(const wasm_val_vec_t *args, wasm_val_vec_t *res)
{
	(void)res;
	printf("host_log: %d\n", args->data[0].of.i32);
	return NULL;
}

static int fail(const char *msg)
{
	fprintf(stderr, "embed_wasm: %s\n", msg);
	return 1;
}

int main(int argc, char **argv)
{
	wasm_engine_t *engine;
	wasm_store_t *store;
	wasm_byte_vec_t bin;
	wasm_module_t *mod;
	wasm_importtype_vec_t itypes;
	wasm_exporttype_vec_t etypes;
	wasm_extern_vec_t imports, exports;
	wasm_instance_t *inst;
	wasm_func_t *log_fn, *fn = NULL;
	wasm_functype_t *log_type;
	wasm_trap_t *trap = NULL;
	FILE *f;
	long n;
	size_t i;
	int status = 0;

	if (argc < 3)
		return fail("usage: embed_wasm MODULE.wasm FUNCTION [ARGS...]");
	f = fopen(argv[1], "rb");
	if (f == NULL)
		return fail("cannot open the module");
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	wasm_byte_vec_new_uninitialized(&bin, (size_t)n);
	if (fread(bin.data, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		return fail("cannot read the module");
	}
	fclose(f);

	engine = wasm_engine_new();
	store = wasm_store_new(engine);
	mod = wasm_module_new(store, &bin);
	wasm_byte_vec_delete(&bin);
	if (mod == NULL)
		return fail("not a valid module");

	log_type = wasm_functype_new_1_0(wasm_valtype_new_i32());
	log_fn = wasm_func_new(store, log_type, host_log);
	wasm_functype_delete(log_type);
	wasm_module_imports(mod, &itypes);
	wasm_extern_vec_new_uninitialized(&imports, itypes.size);
	for (i = 0; i < itypes.size; i++) {
		const wasm_name_t *name = wasm_importtype_name(itypes.data[i]);
		if (name->size != 8 || memcmp(name->data, "host_log", 8) != 0)
			return fail("the module imports something other "
				    "than env.host_log");
		imports.data[i] = wasm_extern_copy(wasm_func_as_extern(log_fn));
	}
	wasm_importtype_vec_delete(&itypes);
	inst = wasm_instance_new(store, mod, &imports, &trap);
	wasm_extern_vec_delete(&imports);
	if (inst == NULL)
		return fail("cannot instantiate");

	wasm_instance_exports(inst, &exports);
	wasm_module_exports(mod, &etypes);
	for (i = 0; i < etypes.size; i++) {
		const wasm_name_t *name = wasm_exporttype_name(etypes.data[i]);
		if (name->size == strlen(argv[2]) &&
		    memcmp(name->data, argv[2], name->size) == 0)
			fn = wasm_extern_as_func(exports.data[i]);
	}
	wasm_exporttype_vec_delete(&etypes);
	if (fn == NULL) {
		fprintf(stderr, "embed_wasm: no exported function %s\n", argv[2]);
		status = 1;
	} else {
		wasm_functype_t *ft = wasm_func_type(fn);
		const wasm_valtype_vec_t *ps = wasm_functype_params(ft);
		wasm_val_vec_t args, results;
		wasm_val_vec_new_uninitialized(&args, ps->size);
		wasm_val_vec_new_uninitialized(&results,
					       wasm_functype_results(ft)->size);
		for (i = 0; i < ps->size; i++) {
			const char *s = (int)i + 3 < argc ? argv[i + 3] : "0";
			args.data[i].kind = wasm_valtype_kind(ps->data[i]);
			switch (args.data[i].kind) {
			case WASM_I32: args.data[i].of.i32 = atoi(s); break;
			case WASM_I64: args.data[i].of.i64 = atoll(s); break;
			case WASM_F32: args.data[i].of.f32 = strtof(s, NULL); break;
			default: args.data[i].of.f64 = strtod(s, NULL); break;
			}
		}
		trap = wasm_func_call(fn, &args, &results);
		if (trap != NULL) {
			wasm_message_t msg;
			wasm_frame_vec_t frames;
			wasm_trap_message(trap, &msg);
			fprintf(stderr, "embed_wasm: trap: %s\n", msg.data);
			wasm_trap_trace(trap, &frames);
			for (i = 0; i < frames.size; i++)
				fprintf(stderr, "    #%zu function %u at 0x%zx\n", i,
					wasm_frame_func_index(frames.data[i]),
					wasm_frame_module_offset(frames.data[i]));
			wasm_frame_vec_delete(&frames);
			wasm_name_delete(&msg);
			wasm_trap_delete(trap);
			status = 134;
		} else {
			for (i = 0; i < results.size; i++)
				switch (results.data[i].kind) {
				case WASM_I32: printf("%d\n", results.data[i].of.i32); break;
				case WASM_I64: printf("%lld\n", (long long)results.data[i].of.i64); break;
				case WASM_F32: printf("%g\n", results.data[i].of.f32); break;
				case WASM_F64: printf("%g\n", results.data[i].of.f64); break;
				default: printf("ref\n");
				}
		}
		wasm_val_vec_delete(&args);
		wasm_val_vec_delete(&results);
		wasm_functype_delete(ft);
	}
	wasm_extern_vec_delete(&exports);
	wasm_instance_delete(inst);
	wasm_func_delete(log_fn);
	wasm_module_delete(mod);
	wasm_store_delete(store);
	wasm_engine_delete(engine);
	return status;
}
