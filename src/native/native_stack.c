/*
 * native_stack.c - the stack native guest code runs on: one per host
 * thread, mapped by the runtime with a guard page below it, entered with
 * ucontext (libc only, every architecture glibc supports).
 *
 * Why a stack of its own rather than the host thread's: its size is the
 * runtime's choice, the same on every thread (the main thread's stack is
 * whatever `ulimit -s` says, other threads' whatever created them), so
 * the call-depth bound of native code does not depend on how the
 * embedder made its threads; and a guest that runs past the bound's
 * margin meets a guard page of its own.  Snapshots (native_rt.c) do not
 * need it: they copy the part of whichever stack the entry runs on.
 *
 * Size: the interpreter's frame bound (WX_DEFAULT_MAX_FRAMES) times a
 * generous native frame, plus the margin that host functions and signal
 * handlers use on top of guest frames.  The mapping is MAP_NORESERVE:
 * only the pages guest code touches cost memory.  A host fork copies it
 * with the rest of the process, so a fork child goes on running on its
 * copy; exec keeps the thread and its stack.
 *
 * The sanitizers are told about every switch: ASan
 * (__sanitizer_start/finish_switch_fiber, so that its view of "the
 * stack" - which longjmp's unpoisoning and its reports use - follows the
 * switch) and TSan (a fiber per stack: setjmp/longjmp records and the
 * shadow call stack are per fiber).
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <ucontext.h>
#endif

#include "../runtime/runtime.h"
#include "native_stack.h"

#if !defined(__GLIBC__)
/* A libc without ucontext (musl): guest code stays on the host thread's
 * stack, which snapshots handle all the same (native_rt.c). */
size_t wx_nstack_size(void)
{
	return 0;
}

int wx_nstack_run(void (*fn)(void *), void *arg)
{
	(void)fn;
	(void)arg;
	return ENOSYS;
}

bool wx_nstack_on(void)
{
	return false;
}

char *wx_nstack_lo(void)
{
	return NULL;
}
#else

#if defined(__SANITIZE_ADDRESS__)
#define NS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NS_ASAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define NS_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define NS_TSAN 1
#endif
#endif

#ifdef NS_ASAN
void __asan_unpoison_memory_region(void const volatile *addr, size_t size);
void __sanitizer_start_switch_fiber(void **fake_stack_save,
				    const void *bottom, size_t size);
void __sanitizer_finish_switch_fiber(void *fake_stack_save,
				     const void **bottom_old,
				     size_t *size_old);
#endif
#ifdef NS_TSAN
void *__tsan_get_current_fiber(void);
void *__tsan_create_fiber(unsigned flags);
void __tsan_destroy_fiber(void *fiber);
void __tsan_switch_to_fiber(void *fiber, unsigned flags);
#endif

/* A native frame of generated code is rarely above this many bytes. */
#define NS_FRAME_BYTES 128u

struct nstack {
	char *map; /* guard page first */
	size_t map_size;
	char *lo, *hi; /* usable [lo, hi) */
	ucontext_t host, guest;
	void (*fn)(void *);
	void *arg;
	bool running; /* fn is on this stack now */
#ifdef NS_ASAN
	void *fake_host;
	const void *host_bottom;
	size_t host_size;
#endif
#ifdef NS_TSAN
	void *fiber_host, *fiber_guest;
#endif
};

static __thread struct nstack *tl_ns;
static pthread_key_t ns_key;
static pthread_once_t ns_once = PTHREAD_ONCE_INIT;

static void ns_free(void *v)
{
	struct nstack *ns = v;
	if (ns == NULL)
		return;
#ifdef NS_TSAN
	if (ns->fiber_guest != NULL)
		__tsan_destroy_fiber(ns->fiber_guest);
#endif
	munmap(ns->map, ns->map_size);
	free(ns);
}

static void ns_key_init(void)
{
	(void)pthread_key_create(&ns_key, ns_free);
}

size_t wx_nstack_size(void)
{
	return (size_t)WX_DEFAULT_MAX_FRAMES * NS_FRAME_BYTES +
	       WX_NSTACK_MARGIN;
}

static struct nstack *ns_get(void)
{
	struct nstack *ns = tl_ns;
	size_t page = (size_t)sysconf(_SC_PAGESIZE), size;
	if (ns != NULL)
		return ns;
	if (pthread_once(&ns_once, ns_key_init) != 0)
		return NULL;
	ns = calloc(1, sizeof(*ns));
	if (ns == NULL)
		return NULL;
	size = (wx_nstack_size() + page - 1) / page * page;
	ns->map_size = size + page;
	ns->map = mmap(NULL, ns->map_size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK,
		       -1, 0);
	if (ns->map == MAP_FAILED ||
	    mprotect(ns->map, page, PROT_NONE) != 0) {
		if (ns->map != MAP_FAILED)
			munmap(ns->map, ns->map_size);
		free(ns);
		return NULL;
	}
	ns->lo = ns->map + page;
	ns->hi = ns->map + ns->map_size;
#ifdef NS_TSAN
	ns->fiber_guest = __tsan_create_fiber(0);
#endif
	(void)pthread_setspecific(ns_key, ns);
	tl_ns = ns;
	return ns;
}

/* The guest side: runs fn, then returns to the host through uc_link. */
static void trampoline(void)
{
	struct nstack *ns = tl_ns;
#ifdef NS_ASAN
	__sanitizer_finish_switch_fiber(NULL, &ns->host_bottom,
					&ns->host_size);
#endif
	ns->fn(ns->arg);
	/* A fork child comes back here on its copy: tl_ns is its own. */
	ns = tl_ns;
	ns->running = false;
#ifdef NS_ASAN
	/* NULL: nothing of this run of the stack lives on. */
	__sanitizer_start_switch_fiber(NULL, ns->host_bottom, ns->host_size);
#endif
#ifdef NS_TSAN
	__tsan_switch_to_fiber(ns->fiber_host, 0);
#endif
}

bool wx_nstack_on(void)
{
	return tl_ns != NULL && tl_ns->running;
}

char *wx_nstack_lo(void)
{
	return wx_nstack_on() ? tl_ns->lo : NULL;
}

/* The guest context, fresh (its signal mask is the current one).  Its
 * own function: getcontext "returns twice" for the compiler. */
static __attribute__((noinline)) int prepare(struct nstack *ns)
{
	if (getcontext(&ns->guest) != 0)
		return errno;
	ns->guest.uc_stack.ss_sp = ns->lo;
	ns->guest.uc_stack.ss_size = (size_t)(ns->hi - ns->lo);
	ns->guest.uc_link = &ns->host;
	makecontext(&ns->guest, trampoline, 0);
	return 0;
}

/* Save the host's context and continue on the guest's; the guest comes
 * back (uc_link) as a second return from getcontext.  getcontext and
 * setcontext rather than swapcontext: ASan's swapcontext interceptor
 * prints a warning into every program's stderr, and the clearing of the
 * new stack's shadow that it does is done here. */
static __attribute__((noinline)) int switch_in(struct nstack *ns)
{
	volatile int entered = 0;
	if (getcontext(&ns->host) != 0)
		return errno;
	if (!entered) {
		entered = 1;
#ifdef NS_TSAN
		ns->fiber_host = __tsan_get_current_fiber();
		__tsan_switch_to_fiber(ns->fiber_guest, 0);
#endif
#ifdef NS_ASAN
		/* Frames of an earlier run may have left poison. */
		__asan_unpoison_memory_region(ns->lo,
					      (size_t)(ns->hi - ns->lo));
		__sanitizer_start_switch_fiber(&ns->fake_host, ns->lo,
					       (size_t)(ns->hi - ns->lo));
#endif
		setcontext(&ns->guest);
		abort(); /* setcontext does not fail with a made context */
	}
	return 0;
}

int wx_nstack_run(void (*fn)(void *), void *arg)
{
	struct nstack *ns = ns_get();
	int r;
	if (ns == NULL)
		return ENOMEM;
	if ((r = prepare(ns)) != 0)
		return r;
	ns->fn = fn;
	ns->arg = arg;
	ns->running = true;
	if ((r = switch_in(ns)) != 0) {
		ns->running = false;
		return r;
	}
	/* Back on the host stack (in a fork child: its copy of it). */
	ns = tl_ns;
#ifdef NS_ASAN
	__sanitizer_finish_switch_fiber(ns->fake_host, NULL, NULL);
#endif
	return 0;
}
#endif
