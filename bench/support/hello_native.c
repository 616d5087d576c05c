/*
 * hello_native.c - the native baseline of the start-up benchmark: the
 * same little hash loop as hello_start.c, then a greeting on stdout,
 * built with the system compiler and libc.
 */
#include <stdint.h>
#include <stdio.h>

static volatile uint32_t sink;

int main(void)
{
	uint32_t h = 2166136261u;
	for (uint32_t i = 0; i < 1000; i++)
		h = (h ^ i) * 16777619u;
	sink = h;
	puts("hello");
	return 0;
}
