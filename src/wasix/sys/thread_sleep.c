/* thread_sleep.c - thread_sleep(duration_ns) -> errno. */
#include <errno.h>
#include <time.h>

#include "../internal.h"

int wx_wasix_thread_sleep(struct wx_thread *t, void *ctx, uint64_t *args)
{
	uint64_t ns = args[0];
	struct timespec ts;
	ts.tv_sec = (time_t)(ns / 1000000000u);
	ts.tv_nsec = (long)(ns % 1000000000u);
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
		if (wx_interrupt_pending()) {
			args[0] = WX_WASI_EINTR;
			return 0;
		}
	}
	args[0] = 0;
	return 0;
}
