/*
 * validate_module.c - load-time validation of every function body, on
 * several threads when the module is large.
 *
 * Each body gets the fast check (validate.c) and, when that does not
 * accept it, the compiler's validation (compile.c), which decides and
 * words the error.  Bodies are independent (spec 3.4: a function is
 * validated in the module's context alone), so worker threads take
 * chunks of them from a shared counter.
 *
 * Errors stay deterministic: the report names the lowest-index invalid
 * function, exactly as a serial walk would.  Workers only record the
 * lowest failing index (an atomic minimum) and stop taking chunks that
 * start after it; every body below that index has been checked by then.
 * The message is produced afterwards on the calling thread by the same
 * serial code, resuming at that index.
 *
 * Every worker is joined before wx_validate_bodies returns, so a load
 * never leaves threads behind for a later fork to lose, and the workers
 * run with all signals blocked, so that asynchronous signals keep going
 * to the runtime's own threads.  Workers only read the module.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "compile_int.h"
#include "validate.h"

/* Below this much code per thread, starting a thread costs more than it
 * saves (about 50 us each against ~1 ms of checking). */
#define BYTES_PER_THREAD (256u * 1024)
#define MAX_THREADS 8

struct vjob {
	const struct wx_module *m;
	uint32_t end;   /* one past the last function index */
	uint32_t chunk; /* functions taken at a time */
	uint64_t next;  /* atomic: the next function index to take */
	uint32_t bad;   /* atomic: lowest failing index, or UINT32_MAX */
};

static void note_bad(struct vjob *j, uint32_t idx)
{
	uint32_t cur = __atomic_load_n(&j->bad, __ATOMIC_RELAXED);
	while (idx < cur &&
	       !__atomic_compare_exchange_n(&j->bad, &cur, idx, true,
					    __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
}

/* Check chunks until none is left that could hold a lower failure. */
static void *work(void *arg)
{
	struct vjob *j = arg;
	struct wx_vstate vs = {0};
	struct wx_report scratch = {0};
	struct compiler c;

	memset(&c, 0, sizeof(c));
	c.m = j->m;
	c.r = &scratch;
	for (;;) {
		uint64_t i = __atomic_fetch_add(&j->next, j->chunk,
						__ATOMIC_RELAXED);
		uint64_t e = i + j->chunk;
		if (i >= j->end ||
		    i > __atomic_load_n(&j->bad, __ATOMIC_RELAXED))
			break;
		if (e > j->end)
			e = j->end;
		for (; i < e; i++) {
			if (wx_validate_fast(&vs, j->m, (uint32_t)i) ||
			    wxc_validate_function(&c, (uint32_t)i) == 0)
				continue;
			note_bad(j, (uint32_t)i);
			break;
		}
	}
	wxc_compiler_fini(&c);
	wx_vstate_fini(&vs);
	return NULL;
}

/* How many threads (the caller included) to use for `bytes` of code. */
static unsigned thread_count(size_t bytes)
{
	size_t n = bytes / BYTES_PER_THREAD;
	long ncpu;
	if (n < 2)
		return 1; /* most modules: not even the sysconf (a file read) */
	ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	if (ncpu < 1)
		ncpu = 1;
	if (n > (size_t)ncpu)
		n = (size_t)ncpu;
	if (n > MAX_THREADS)
		n = MAX_THREADS;
	return n < 1 ? 1 : (unsigned)n;
}

/* Check functions [from, end) on worker threads; returns the lowest index
 * that failed (or that a worker could not check), or `end`. */
static uint32_t check_parallel(const struct wx_module *m, uint32_t from,
			       uint32_t end, unsigned nthreads)
{
	struct vjob j;
	pthread_t tids[MAX_THREADS];
	unsigned i, started = 0;
	sigset_t all, old;

	j.m = m;
	j.end = end;
	/* About 64 chunks per thread: small enough to balance bodies of
	 * very different sizes, large enough that the counter is cold. */
	j.chunk = (end - from) / (nthreads * 64u);
	if (j.chunk == 0)
		j.chunk = 1;
	j.next = from;
	j.bad = UINT32_MAX;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	for (i = 1; i < nthreads; i++)
		if (pthread_create(&tids[started], NULL, work, &j) == 0)
			started++;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	work(&j); /* fewer threads than asked for only make it slower */
	for (i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	return j.bad < end ? j.bad : end;
}

int wx_validate_bodies(const struct wx_module *m, struct wx_report *r)
{
	struct wx_vstate vs = {0};
	struct compiler c;
	uint32_t ndef = m->nfuncs - m->nfuncs_imported, i;
	uint32_t first = m->nfuncs_imported, end = m->nfuncs;
	unsigned nthreads = 1;
	int ret = 0;

	if (ndef > 1) {
		const struct wx_funcdef *lo = &m->funcdefs[0];
		const struct wx_funcdef *hi = &m->funcdefs[ndef - 1];
		nthreads = thread_count(hi->code_offset + (size_t)hi->code_len -
					lo->code_offset);
	}
	if (nthreads > 1)
		first = check_parallel(m, first, end, nthreads);
	/* Serially from the first failure (everything below it is valid),
	 * or everything for a small module: the error, with its message,
	 * is the one this walk finds first. */
	memset(&c, 0, sizeof(c));
	c.m = m;
	c.r = r;
	for (i = first; i < end; i++) {
		if (wx_validate_fast(&vs, m, i))
			continue;
		ret = wxc_validate_function(&c, i);
		if (ret != 0) {
			if (ret == ENOMEM)
				wx_report(r, "out of memory compiling "
					     "function %u", i);
			break;
		}
	}
	wxc_compiler_fini(&c);
	wx_vstate_fini(&vs);
	return ret;
}
