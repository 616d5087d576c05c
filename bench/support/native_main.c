/*
 * native_main.c - harness for the native build of a benchmark.
 *
 * Compiled together with one bench/NAME.c; BENCH_RESULT is the return
 * type of that program's run() (uint32_t or uint64_t), given with -D.
 * Prints the checksum as a signed decimal, the same form wasixrt
 * --invoke and node print, so the outputs compare as strings.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

BENCH_RESULT run(void);

int main(void)
{
	BENCH_RESULT r = run();
	if (sizeof r == 8)
		printf("%" PRId64 "\n", (int64_t)r);
	else
		printf("%" PRId32 "\n", (int32_t)r);
	return 0;
}
