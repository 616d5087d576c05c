/* t_tsig.c - thread_signal: a signal sent to one thread runs the handler
 * on that thread (its thread_id is the target's) and breaks its loop. */
#include <string.h>

#include "../../guest/threads.h"
#include "t.h"

#define IMP(name) __attribute__((import_module("wasix_32v1"), import_name(#name)))
void raw_callback_signal(int32_t name, int32_t len) IMP(callback_signal);
int32_t raw_thread_signal(int32_t tid, int32_t sig) IMP(thread_signal);

static volatile int32_t handled_on, ready, got_sig;

__attribute__((export_name("tsig_handler"))) void tsig_handler(int sig)
{
	int32_t me = 0;
	wx_raw_thread_id((int32_t)(uintptr_t)&me);
	__atomic_store_n(&handled_on, me, __ATOMIC_SEQ_CST);
	__atomic_store_n(&got_sig, sig, __ATOMIC_SEQ_CST);
}

static void spin(void *arg)
{
	(void)arg;
	__atomic_store_n(&ready, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&got_sig, __ATOMIC_SEQ_CST) == 0)
		; /* a busy loop: the signal must reach it anyway */
}

int main(void)
{
	const char *h = "tsig_handler";
	wx_thr_t *t;
	int err;
	raw_callback_signal((int32_t)(uintptr_t)h, (int32_t)strlen(h));
	t = wx_thr_create(spin, 0, 1, &err);
	CHECK(t != NULL, "spawn failed: %d", err);
	if (t == NULL)
		return 1;
	while (!__atomic_load_n(&ready, __ATOMIC_SEQ_CST))
		;
	CHECK(raw_thread_signal(wx_thr_tid(t), 10) == 0, "thread_signal failed");
	wx_thr_wait(t);
	CHECK(got_sig == 10, "handler got signal %d", got_sig);
	CHECK(handled_on == wx_thr_tid(t), "handler ran on thread %d, not %d",
	      handled_on, wx_thr_tid(t));
	CHECK(raw_thread_signal(99999, 10) == 71, "unknown tid: not ESRCH");
	return t_failures != 0;
}
