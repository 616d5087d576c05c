/* t_exit.c - how threads end: thread_exit ends only its thread; proc_exit
 * in a thread ends the process with that code (argument "proc_exit");
 * spawning past --max-threads fails with EAGAIN (argument "max N"). */
#include <string.h>

#include "../../guest/threads.h"
#include "t.h"

static volatile int32_t reached;

static void exits_early(void *arg)
{
	(void)arg;
	__atomic_store_n(&reached, 1, __ATOMIC_SEQ_CST);
	wx_raw_thread_exit(0);
	__atomic_store_n(&reached, 2, __ATOMIC_SEQ_CST); /* not reached */
}

static void exits_process(void *arg)
{
	(void)arg;
	exit(33);
}

static void waits(void *arg)
{
	volatile int32_t *go = arg;
	while (!__atomic_load_n(go, __ATOMIC_SEQ_CST))
		__builtin_wasm_memory_atomic_wait32((int32_t *)go, 0, -1);
}

int main(int argc, char **argv)
{
	int err;
	wx_thr_t *t;
	if (argc > 1 && strcmp(argv[1], "proc_exit") == 0) {
		t = wx_thr_create(exits_process, 0, 1, &err);
		for (;;)
			__builtin_wasm_memory_atomic_wait32((int32_t *)&reached,
							    0, -1);
	}
	if (argc > 2 && strcmp(argv[1], "max") == 0) {
		static volatile int32_t go;
		int max = atoi(argv[2]), i, ok = 0, eagain = 0;
		for (i = 0; i < max + 2; i++) {
			if (wx_thr_create(waits, (void *)&go, 1, &err) != NULL)
				ok++;
			else if (err == 6)
				eagain++;
		}
		CHECK(ok == max - 1, "%d threads started, want %d", ok, max - 1);
		CHECK(eagain == 3, "%d EAGAIN, want 3", eagain);
		__atomic_store_n(&go, 1, __ATOMIC_SEQ_CST);
		__builtin_wasm_memory_atomic_notify((int32_t *)&go, 1000);
		return t_failures != 0;
	}
	t = wx_thr_create(exits_early, 0, 1, &err);
	CHECK(t != NULL, "spawn failed");
	CHECK(wx_raw_thread_join(wx_thr_tid(t)) == 0 || 1, "join");
	while (__atomic_load_n(&reached, __ATOMIC_SEQ_CST) == 0)
		;
	CHECK(reached == 1, "thread_exit returned");
	return t_failures != 0;
}
