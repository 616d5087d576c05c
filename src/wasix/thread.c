/*
 * thread.c - WASIX threads (wasix-abi.md 3.10): thread_spawn_v2 and the
 * wasi-threads `wasi.thread-spawn`, thread_join, thread_exit, thread_id,
 * futex_wait / futex_wake / futex_wake_all.
 *
 * A WASIX thread is a host thread running its own instance of the same
 * module: the imported shared memory is the process's (so every thread
 * sees the same linear memory), while globals - the guest's stack pointer
 * and TLS base among them - are fresh per instance, as the wasi-threads
 * convention expects.  The new thread calls the module's export
 * `wasi_thread_start(tid, start_arg)`.  Data segments of shared-memory
 * modules are passive and initialised once behind an atomic flag by the
 * toolchain, so a second instantiation does not overwrite memory.
 *
 * Exits: thread_exit or returning from wasi_thread_start ends only the
 * thread; proc_exit or a trap in any thread ends the whole process
 * (POSIX exit semantics), as does the main thread's return.
 *
 * This file holds the mechanism; the syscalls are in sys/ (thread_*.c,
 * futex_*.c).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "trace.h"

void wx_threads_init(struct wx_proc *p, uint32_t max_threads)
{
	pthread_mutex_init(&p->threads_lock, NULL);
	pthread_cond_init(&p->threads_cond, NULL);
	p->next_tid = 2; /* the main thread is 1 */
	p->max_threads = max_threads ? max_threads : 1024;
}

/* Lists of thread records a fork left behind (below), kept reachable so
 * that a forked child that ends by returning from main is not reported
 * as leaking them.  Each generation of forks adds one list. */
static struct wx_tinfo *wx_threads_forked_away[32];
static unsigned wx_threads_nforked_away;

void wx_threads_after_fork(struct wx_proc *p)
{
	/* POSIX: only the forking thread exists in the child.  The other
	 * threads' records stay allocated (their memory is not ours to
	 * touch safely: a thread may have been changing its record at the
	 * fork) and are kept aside; the locks are re-created since another
	 * thread may have held them at the fork. */
	pthread_mutex_init(&p->threads_lock, NULL);
	pthread_cond_init(&p->threads_cond, NULL);
	if (p->threads != NULL &&
	    wx_threads_nforked_away < WX_ARRAY_LEN(wx_threads_forked_away))
		wx_threads_forked_away[wx_threads_nforked_away++] = p->threads;
	p->threads = NULL;
	p->nthreads = 0;
	if (wx_current_thread != NULL)
		__atomic_store_n(&p->thread, wx_current_thread,
				 __ATOMIC_RELEASE);
}

void wx_threads_rekick(struct wx_proc *p)
{
	struct wx_thread *main_t = __atomic_load_n(&p->thread, __ATOMIC_ACQUIRE);
	struct wx_tinfo *ti;
	if (main_t != NULL && __atomic_load_n(&p->pending, __ATOMIC_SEQ_CST))
		wx_thread_kick(main_t, WX_INTR_SIGNAL);
	pthread_mutex_lock(&p->threads_lock);
	for (ti = p->threads; ti != NULL; ti = ti->next)
		if (!ti->done && __atomic_load_n(&ti->pending, __ATOMIC_SEQ_CST))
			wx_thread_kick(&ti->t, WX_INTR_SIGNAL);
	pthread_mutex_unlock(&p->threads_lock);
}

bool wx_threads_running(struct wx_proc *p)
{
	bool running;
	pthread_mutex_lock(&p->threads_lock);
	running = p->nthreads > 0;
	pthread_mutex_unlock(&p->threads_lock);
	return running;
}

void wx_threads_fini(struct wx_proc *p)
{
	/* Called when the process ends with no thread running: release the
	 * records of threads nobody joined.  Taking the lock orders this
	 * after each thread's last touch of its record. */
	struct wx_tinfo *ti, *next;
	pthread_mutex_lock(&p->threads_lock);
	ti = p->threads;
	p->threads = NULL;
	pthread_mutex_unlock(&p->threads_lock);
	for (; ti != NULL; ti = next) {
		next = ti->next;
		wx_tinfo_free(ti);
	}
}

void wx_tinfo_free(struct wx_tinfo *ti)
{
	wx_instance_destroy(ti->inst);
	wx_linker_fini(&ti->linker);
	wx_thread_fini(&ti->t);
	wx_cptab_free(&ti->cps);
	free(ti->entry);
	free(ti);
}

/* The export's function if its type is n values passed as i64 each
 * (*split false) or as i32 pairs (*split true), with no result. */
static struct wx_func *legacy_export(struct wx_instance *inst,
				     const char *name, size_t n, bool *split)
{
	struct wx_extern ext;
	const struct wx_functype *ft;
	uint32_t i;
	bool all64 = true, all32 = true;
	/* no instance: a process record without a running module (an
	 * embedder's, the fuzz harness's) has no callbacks to call */
	if (inst == NULL || !wx_instance_export(inst, name, &ext) ||
	    ext.kind != WX_EXTERN_FUNC)
		return NULL;
	ft = ext.u.func->type;
	if (ft->nresults != 0)
		return NULL;
	for (i = 0; i < ft->nparams; i++) {
		all64 &= ft->types[i] == WX_I64;
		all32 &= ft->types[i] == WX_I32;
	}
	if (ft->nparams == n && all64)
		*split = false;
	else if (ft->nparams == 2 * n && all32)
		*split = true;
	else
		return NULL;
	return ext.u.func;
}

bool wx_legacy_export_ok(struct wx_instance *inst, const char *name,
			 size_t n)
{
	bool split;
	return legacy_export(inst, name, n, &split) != NULL;
}

int wx_call_legacy_export(struct wx_thread *t, struct wx_instance *inst,
			  const char *name, const uint64_t *v, size_t n)
{
	uint64_t args[8];
	bool split;
	struct wx_func *f;
	size_t i;
	if (n > 4 || (f = legacy_export(inst, name, n, &split)) == NULL)
		return WX_ENOEXPORT;
	for (i = 0; i < n; i++) {
		if (split) {
			/* Browsers of the time could not pass i64: the
			 * callbacks took each value as two i32 halves. */
			args[2 * i] = (uint32_t)v[i];
			args[2 * i + 1] = (uint32_t)(v[i] >> 32);
		} else {
			args[i] = v[i];
		}
	}
	return wx_call(t, f, args);
}

/* The legacy entry: the guest switches to its new stack itself, but the
 * fresh instance's __stack_pointer still points into the main thread's
 * stack until then, so it is set to the new stack first. */
static int call_legacy_entry(struct wx_tinfo *ti)
{
	struct wx_extern ext;
	if (ti->stack_base != 0 &&
	    wx_instance_export(ti->inst, "__stack_pointer", &ext) &&
	    ext.kind == WX_EXTERN_GLOBAL && ext.u.global->type.mut &&
	    ext.u.global->type.type == WX_I32 && ti->stack_base <= UINT32_MAX)
		ext.u.global->val[0] = (uint32_t)ti->stack_base;
	return wx_call_legacy_export(&ti->t, ti->inst, ti->entry,
				     &ti->user_data, 1);
}

/* Ends the process from a thread other than the one running the image. */
static void process_exit_from_thread(int status)
{
	wx_trace_exit((status & 255) << 8);
	fflush(NULL);
	_exit(status);
}

static int thread_interrupt(struct wx_thread *t, void *ctx)
{
	struct wx_proc *p = ctx;
	if (__atomic_load_n(&t->interrupt, __ATOMIC_ACQUIRE) & WX_INTR_EXIT) {
		t->exit_code = p->exit_code;
		return WX_EEXIT;
	}
	/* A handler cannot run before the new thread's entry has set up
	 * its stack and TLS (pthread_self() would be garbage).  The entries
	 * do that in their first two levels of calls (libc's
	 * wasi_thread_start: __wasm_init_tls, then __wasi_thread_start_C
	 * stores the thread pointer before calling the thread's function),
	 * so a signal met at a shallower safe point waits for the thread's
	 * first host call (runtime.h), which raises the interrupt again.
	 * (Leaving the interrupt raised instead would re-run this hook for
	 * ever: the interrupted call polls again when it is retried.)  A
	 * thread met deeper is past its setup. */
	if (t->signals_deferred) {
		if (wx_thread_guest_depth(t) < 2) {
			__atomic_and_fetch(&t->interrupt,
					   ~(WX_INTR_SIGNAL | WX_INTR_EINTR),
					   __ATOMIC_SEQ_CST);
			return 0;
		}
		t->signals_deferred = false;
	}
	/* Process signals go to the main thread; this one runs only those
	 * sent to it with thread_signal. */
	return wx_signal_deliver_set(t, p, ((struct wx_tinfo *)t->owner)->inst,
				     &((struct wx_tinfo *)t->owner)->pending);
}

static void *thread_main(void *arg)
{
	struct wx_tinfo *ti = arg;
	struct wx_proc *p = wx_proc_self;
	struct wx_extern ext;
	uint64_t args[2];
	int r;

	ti->t.host_thread = pthread_self();
	__atomic_store_n(&ti->t.has_host_thread, true, __ATOMIC_RELEASE);
	if (ti->entry != NULL) {
		r = call_legacy_entry(ti);
		if (r == WX_ENOEXPORT)
			r = WX_ETHREAD_EXIT; /* checked at spawn: cannot happen */
	} else if (!wx_instance_export(ti->inst, "wasi_thread_start", &ext) ||
		   ext.kind != WX_EXTERN_FUNC) {
		r = WX_ETHREAD_EXIT;
	} else {
		args[0] = ti->tid;
		args[1] = ti->start_arg;
		r = wx_exn_uncaught(&ti->t, wx_call(&ti->t, ext.u.func, args));
	}
	if (r == WX_ETRAP) {
		char buf[512], bt[2048];
		wx_thread_describe_trap(&ti->t, buf, sizeof(buf));
		wx_thread_format_backtrace(&ti->t, bt, sizeof(bt));
		fprintf(stderr, "wasixrt: trap: %s in pid %u, thread %u\n%s",
			buf, p != NULL ? (unsigned)p->pid : 0, ti->tid, bt);
		process_exit_from_thread(134);
	}
	if (r == WX_EEXIT)
		process_exit_from_thread(ti->t.exit_code & 255);
	if (r == WX_EEXEC && p->thread == &ti->t) {
		/* The only thread of a forked child (the one that forked,
		 * as POSIX has it): the new program runs here, as the
		 * process's main thread. */
		process_exit_from_thread(wx_proc_exec_in_thread(p));
	}
	if (r == WX_EEXEC) {
		/* DEVIATION: exec from one of several running threads is
		 * not supported (every other thread would have to be
		 * stopped first); the process ends with status 126. */
		fprintf(stderr, "wasixrt: exec from a thread other than the "
				"main thread is not supported\n");
		process_exit_from_thread(126);
	}
	/* The thread ended normally: its legacy thread-local values go to
	 * the guest's destructor, on this thread (Wasmer's cleanup). */
	if (r == 0 || r == WX_ETHREAD_EXIT) {
		int r2 = wx_thread_local_exit(&ti->t, ti->inst);
		if (r2 == WX_ETRAP) {
			char buf[512];
			wx_thread_describe_trap(&ti->t, buf, sizeof(buf));
			fprintf(stderr, "wasixrt: trap: %s in pid %u, thread "
					"%u, in its thread-local destructor\n",
				buf, p != NULL ? (unsigned)p->pid : 0, ti->tid);
			process_exit_from_thread(134);
		}
		if (r2 == WX_EEXIT)
			process_exit_from_thread(ti->t.exit_code & 255);
	}
	/* A forked child whose only thread is this one ends with it. */
	if (p->thread == &ti->t)
		process_exit_from_thread(r == WX_ETHREAD_EXIT ? ti->exit_code
							      : 0);
	wx_cptab_free(&ti->cps);
	pthread_mutex_lock(&p->threads_lock);
	ti->done = true;
	if (r == 0)
		ti->exit_code = 0;
	p->nthreads--;
	pthread_cond_broadcast(&p->threads_cond);
	pthread_mutex_unlock(&p->threads_lock);
	return NULL;
}

static int spawn(struct wx_proc *p, uint32_t start_arg, const char *entry,
		 uint64_t user_data, uint64_t stack_base, uint32_t *tidp);

int wx_thread_spawn(struct wx_proc *p, uint32_t start_arg, uint32_t *tidp)
{
	return spawn(p, start_arg, NULL, 0, 0, tidp);
}

int wx_thread_spawn_entry(struct wx_proc *p, const char *entry,
			  uint64_t user_data, uint64_t stack_base,
			  uint32_t *tidp)
{
	/* Wasmer refused with ENOTCAPABLE when the program did not export
	 * the entry; checked here, before any thread exists. */
	if (!wx_legacy_export_ok(p->inst, entry, 1))
		return WX_WASI_ENOTCAPABLE;
	return spawn(p, 0, entry, user_data, stack_base, tidp);
}

static int spawn(struct wx_proc *p, uint32_t start_arg, const char *entry,
		 uint64_t user_data, uint64_t stack_base, uint32_t *tidp)
{
	const struct wx_module *m = p->inst->module;
	struct wx_memory *mem = m->nmems ? p->inst->mems[0] : NULL, *created;
	struct wx_report rep = {0};
	struct wx_tinfo *ti;
	pthread_attr_t attr;
	int ret;

	/* Threads share the process's memory: it must be shared (and so
	 * imported by WASIX binaries). */
	if (mem == NULL || !mem->shared || m->nmems_imported == 0)
		return WX_WASI_ENOTSUP;
	pthread_mutex_lock(&p->threads_lock);
	if (p->nthreads + 1 >= p->max_threads) {
		pthread_mutex_unlock(&p->threads_lock);
		return WX_WASI_EAGAIN;
	}
	p->nthreads++;
	pthread_mutex_unlock(&p->threads_lock);

	ti = calloc(1, sizeof(*ti));
	/* A smaller value stack than the main thread's default: threads
	 * are many, and deep recursion belongs on the main thread. */
	if (ti == NULL || wx_thread_init(&ti->t, 1u << 18, 1u << 14) != 0) {
		free(ti);
		ret = WX_WASI_ENOMEM;
		goto undo;
	}
	wx_linker_init(&ti->linker);
	ret = wx_proc_link(p, &ti->linker, m, mem, &created, &rep);
	if (ret == 0)
		ret = wx_instance_create(m, &ti->linker, &ti->t, &ti->inst,
					 &rep);
	if (ret == 0)
		wx_libc_sigmask_install(p, ti->inst);
	if (ret != 0) {
		if (ti->inst != NULL)
			wx_instance_destroy(ti->inst);
		wx_linker_fini(&ti->linker);
		wx_thread_fini(&ti->t);
		free(ti);
		ret = ret == ENOMEM ? WX_WASI_ENOMEM : WX_WASI_ENOEXEC;
		goto undo;
	}
	ti->start_arg = start_arg;
	ti->user_data = user_data;
	ti->stack_base = stack_base;
	if (entry != NULL && (ti->entry = strdup(entry)) == NULL) {
		wx_instance_destroy(ti->inst);
		wx_linker_fini(&ti->linker);
		wx_thread_fini(&ti->t);
		free(ti);
		ret = WX_WASI_ENOMEM;
		goto undo;
	}
	ti->t.on_interrupt = thread_interrupt;
	ti->t.on_interrupt_ctx = p;
	ti->t.owner = ti;
	ti->t.signals_deferred = true;
	pthread_mutex_lock(&p->threads_lock);
	ti->tid = p->next_tid++;
	ti->t.id = ti->tid;
	ti->next = p->threads;
	p->threads = ti;
	pthread_mutex_unlock(&p->threads_lock);

	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	{
		/* The new thread starts with the guest signals blocked, so
		 * the kernel hands them to the main thread. */
		sigset_t old;
		pthread_sigmask(SIG_SETMASK, NULL, &old);
		wx_signal_block_in_thread();
		ret = pthread_create(&ti->pt, &attr, thread_main, ti);
		pthread_sigmask(SIG_SETMASK, &old, NULL);
	}
	pthread_attr_destroy(&attr);
	if (ret != 0) {
		pthread_mutex_lock(&p->threads_lock);
		ti->done = true;
		p->nthreads--;
		pthread_mutex_unlock(&p->threads_lock);
		return WX_WASI_EAGAIN;
	}
	*tidp = ti->tid;
	return 0;
undo:
	pthread_mutex_lock(&p->threads_lock);
	p->nthreads--;
	pthread_mutex_unlock(&p->threads_lock);
	return ret;
}

struct wx_memory *wx_futex_mem(struct wx_proc *p, uint32_t addr)
{
	struct wx_memory *mem = p->wasi->mem;
	if (mem == NULL || (addr & 3) != 0 || wx_memory_ptr(mem, addr, 4) ==
							   NULL)
		return NULL;
	return mem;
}

int wx_futex_wake_n(struct wx_proc *p, uint64_t *args, uint32_t count)
{
	uint32_t addr = wx_arg32(args, 0);
	struct wx_memory *mem = wx_futex_mem(p, addr);
	uint8_t *woken = wx_wasi_mem(p->wasi, wx_arg32(args, 1), 1);
	if (mem == NULL || woken == NULL) {
		args[0] = WX_WASI_EMEMVIOLATION;
		return 0;
	}
	*woken = wx_atomic_notify(mem, addr, count) > 0;
	args[0] = 0;
	return 0;
}

