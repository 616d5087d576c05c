/*
 * wasm2c_main.c - harness for a module translated by wasm2c (wabt 1.0.32).
 *
 * run.sh translates X.wasm with `wasm2c -n bench`, so the generated
 * header (passed with -include) declares Z_bench_instance_t,
 * Z_bench_init_module, Z_bench_instantiate, Z_bench_free and one
 * Z_benchZ_<export> function per export.  This calls the export "run"
 * and prints its result as a signed decimal (like native_main.c), or,
 * with -DW2C_START, calls "_start" and prints nothing.  A trap ends the
 * process through the wasm2c runtime's abort path (non-zero exit).
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

int main(void)
{
	static Z_bench_instance_t inst;

	wasm_rt_init();
	Z_bench_init_module();
	Z_bench_instantiate(&inst);
#ifdef W2C_START
	Z_benchZ__start(&inst);
#else
	__typeof__(Z_benchZ_run(&inst)) r = Z_benchZ_run(&inst);
	if (sizeof r == 8)
		printf("%" PRId64 "\n", (int64_t)r);
	else
		printf("%" PRId32 "\n", (int32_t)r);
#endif
	Z_bench_free(&inst);
	wasm_rt_free();
	return 0;
}
