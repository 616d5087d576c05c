/*
 * pidtab.c - the run-wide table of virtual pids (design.md: "pids are
 * virtual ... a small table in a shared mapping created before the first
 * fork").
 *
 * Every host process of one run maps the same anonymous shared memory, so
 * pids are unique and consistent across the whole process tree and the
 * --max-procs limit counts live processes everywhere.  A slot is live from
 * wx_pidtab_alloc until its process has been reaped (like a zombie, an
 * exited but unreaped child still counts).  The lock is a process-shared
 * mutex; it is never held across anything that can block or fork.
 *
 * A live pid always sits in its home slot, pid mod the table size, so a
 * lookup is one probe: allocation skips the pids whose home slot is taken
 * (and with it every pid still in use after a wrap-around).  Scanning the
 * table (48 KiB) for every allocation, lookup and release cost each fork
 * microseconds and much of the cache.
 *
 * pid and host_pid are accessed atomically, so that wx_pidtab_set_host can
 * do without the lock: a forked child records its host pid before it runs
 * any guest code, and after the fork the lock's page (like the whole
 * shared table) is not even mapped in the child - taking the lock there
 * would be one more page fault per fork.
 */
#include <errno.h>
#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

#define WX_PIDTAB_SLOTS 4096u /* hard ceiling for --max-procs; 2^n */

struct wx_pidslot {
	uint32_t pid; /* 0: free */
	uint32_t ppid;
	pid_t host_pid;
};

struct wx_pidtab {
	pthread_mutex_t lock;
	uint32_t next_pid;
	uint32_t live;
	uint32_t max;
	struct wx_pidslot slot[WX_PIDTAB_SLOTS];
};

static struct wx_pidtab *tab;

static struct wx_pidslot *home(uint32_t pid)
{
	return &tab->slot[pid & (WX_PIDTAB_SLOTS - 1)];
}

static uint32_t slot_pid(const struct wx_pidslot *s)
{
	return __atomic_load_n(&s->pid, __ATOMIC_ACQUIRE);
}

static void set_slot_pid(struct wx_pidslot *s, uint32_t pid)
{
	__atomic_store_n(&s->pid, pid, __ATOMIC_RELEASE);
}

/* The slot of live pid `pid`, or NULL. */
static struct wx_pidslot *find(uint32_t pid)
{
	struct wx_pidslot *s = home(pid);
	return pid != 0 && slot_pid(s) == pid ? s : NULL;
}

int wx_pidtab_init(uint32_t max_procs)
{
	pthread_mutexattr_t a;
	void *p = mmap(NULL, sizeof(*tab), PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return ENOMEM;
	tab = p;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	pthread_mutex_init(&tab->lock, &a);
	pthread_mutexattr_destroy(&a);
	tab->max = max_procs == 0 ? 1024 : max_procs;
	if (tab->max > WX_PIDTAB_SLOTS)
		tab->max = WX_PIDTAB_SLOTS;
	/* pid 1 is the first process. */
	tab->next_pid = 1; /* the next one handed out is 2 */
	tab->live = 1;
	tab->slot[1].ppid = 0;
	tab->slot[1].host_pid = getpid();
	set_slot_pid(&tab->slot[1], 1);
	return 0;
}

int wx_pidtab_alloc(uint32_t ppid, uint32_t *pidp)
{
	struct wx_pidslot *s;
	int ret = EAGAIN;
	pthread_mutex_lock(&tab->lock);
	/* live < max <= WX_PIDTAB_SLOTS: some home slot is free. */
	if (tab->live < tab->max) {
		do {
			if (++tab->next_pid > 0x3fffffff)
				tab->next_pid = 2;
			s = home(tab->next_pid);
		} while (slot_pid(s) != 0);
		s->ppid = ppid;
		__atomic_store_n(&s->host_pid, 0, __ATOMIC_RELAXED);
		set_slot_pid(s, tab->next_pid);
		tab->live++;
		*pidp = tab->next_pid;
		ret = 0;
	}
	pthread_mutex_unlock(&tab->lock);
	return ret;
}

/* Called for a pid that stays live meanwhile (the caller's own, or its
 * unreaped child's), and only to store its one host pid: no lock. */
void wx_pidtab_set_host(uint32_t pid, pid_t host_pid)
{
	struct wx_pidslot *s = find(pid);
	if (s != NULL)
		__atomic_store_n(&s->host_pid, host_pid, __ATOMIC_RELEASE);
}

void wx_pidtab_free(uint32_t pid)
{
	struct wx_pidslot *s;
	pthread_mutex_lock(&tab->lock);
	if ((s = find(pid)) != NULL) {
		set_slot_pid(s, 0);
		tab->live--;
	}
	pthread_mutex_unlock(&tab->lock);
}

bool wx_pidtab_parent(uint32_t pid, uint32_t *ppidp)
{
	struct wx_pidslot *s;
	bool found = false;
	pthread_mutex_lock(&tab->lock);
	if ((s = find(pid)) != NULL) {
		*ppidp = s->ppid;
		found = true;
	}
	pthread_mutex_unlock(&tab->lock);
	return found;
}

bool wx_pidtab_host(uint32_t pid, pid_t *hostp)
{
	struct wx_pidslot *s;
	bool found = false;
	pthread_mutex_lock(&tab->lock);
	if ((s = find(pid)) != NULL) {
		*hostp = __atomic_load_n(&s->host_pid, __ATOMIC_ACQUIRE);
		found = *hostp > 0;
	}
	pthread_mutex_unlock(&tab->lock);
	return found;
}
