/*
 * hello_start.c - the tiny module of the start-up benchmark.
 *
 * Built freestanding for wasm32 (no libc, no imports): a _start that does
 * a little work (a short hash loop into a global) and returns.  It has no
 * WASI imports on purpose, so that it measures only the runtime's own
 * process start, module load and instantiation, whatever state the WASI
 * layer is in; there is nothing to print without imports.
 */
#include <stdint.h>

static volatile uint32_t sink;

__attribute__((export_name("_start"))) void _start(void)
{
	uint32_t h = 2166136261u;
	for (uint32_t i = 0; i < 1000; i++)
		h = (h ^ i) * 16777619u;
	sink = h;
}
