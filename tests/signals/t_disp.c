/*
 * t_disp.c - inherited signal dispositions: proc_spawn2's sigdisp makes
 * SIGTERM ignored in the child, which reads it back with
 * proc_signals_sizes_get/proc_signals_get and survives a SIGTERM it sends
 * itself with no handler registered; without the disposition the same
 * child dies of SIGTERM.  The program is its own child ("child" argument),
 * found at /t/t_disp.wasm.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../../guest/wasix.h"

#define IMP(name) __attribute__((import_module("wasix_32v1"), import_name(#name)))
int32_t raw_signals_sizes_get(int32_t ret) IMP(proc_signals_sizes_get);
int32_t raw_signals_get(int32_t buf) IMP(proc_signals_get);
int32_t raw_raise(int32_t sig) IMP(proc_raise);

#define SIGTERM 15

static int child(int expect_ignored)
{
	int32_t n = -1, i;
	uint8_t buf[128];
	int disp = -1;
	if (raw_signals_sizes_get((int32_t)(uintptr_t)&n) != 0)
		return 10;
	/* The list may name signals at their default too: SIGTERM's entry
	 * is the one that matters. */
	if (n < 0 || n > 64 || raw_signals_get((int32_t)(uintptr_t)buf) != 0)
		return 11;
	for (i = 0; i < n; i++)
		if (buf[2 * i] == SIGTERM)
			disp = buf[2 * i + 1];
	if (expect_ignored ? disp != 1 : disp == 1)
		return 12;
	raw_raise(SIGTERM);
	return 0; /* reached only if SIGTERM was ignored */
}

static int spawn_and_wait(int ignore, int *st)
{
	const char *prog = "/t/t_disp.wasm";
	char args[64];
	uint8_t disp[2] = {SIGTERM, 1};
	int32_t pid = 0;
	int r;
	snprintf(args, sizeof(args), "%s\nchild\n%d", prog, ignore);
	r = wx_raw_proc_spawn2(WX_PTR(prog), (int32_t)strlen(prog),
			       WX_PTR(args), (int32_t)strlen(args), 0, 0, 0, 0,
			       ignore ? WX_PTR(disp) : 0, ignore ? 1 : 0, 0, 0,
			       0, WX_PTR(&pid));
	if (r != 0) {
		printf("FAIL: spawn errno %d\n", r);
		return -1;
	}
	while ((r = wx_waitpid(pid, st, 0)) < 0 && errno == EINTR)
		;
	return r == pid ? 0 : -1;
}

int main(int argc, char **argv)
{
	int st = 0, fail = 0;
	if (argc == 3 && strcmp(argv[1], "child") == 0)
		return child(argv[2][0] == '1');
	if (spawn_and_wait(1, &st) != 0 || !WX_WIFEXITED(st) ||
	    WX_WEXITSTATUS(st) != 0) {
		printf("FAIL: child with SIGTERM ignored: status %#x\n", st);
		fail = 1;
	}
	if (spawn_and_wait(0, &st) != 0 || !WX_WIFSIGNALED(st) ||
	    WX_WTERMSIG(st) != SIGTERM) {
		printf("FAIL: child with default SIGTERM: status %#x\n", st);
		fail = 1;
	}
	return fail;
}
