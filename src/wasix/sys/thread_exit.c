/* thread_exit.c - thread_exit(code): noreturn.  With one thread per
 * process (threads come with the threads work) the calling thread is the
 * process, so its exit is the process's exit. */
#include "../internal.h"

int wx_wasix_thread_exit(struct wx_thread *t, void *ctx, uint64_t *args)
{
	t->exit_code = (int)wx_arg32(args, 0);
	return WX_EEXIT;
}
