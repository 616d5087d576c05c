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
 */
#include <errno.h>
#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

#define WX_PIDTAB_SLOTS 4096u /* hard ceiling for --max-procs */

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
	tab->slot[0].pid = 1;
	tab->slot[0].ppid = 0;
	tab->slot[0].host_pid = getpid();
	return 0;
}

static struct wx_pidslot *find(uint32_t pid)
{
	uint32_t i;
	for (i = 0; i < WX_PIDTAB_SLOTS; i++)
		if (tab->slot[i].pid == pid)
			return &tab->slot[i];
	return NULL;
}

int wx_pidtab_alloc(uint32_t ppid, uint32_t *pidp)
{
	struct wx_pidslot *s;
	int ret = EAGAIN;
	pthread_mutex_lock(&tab->lock);
	if (tab->live < tab->max && (s = find(0)) != NULL) {
		/* Skip pids still in use after wrap-around. */
		do {
			if (++tab->next_pid > 0x3fffffff)
				tab->next_pid = 1; /* the next one handed out is 2 */
		} while (find(tab->next_pid) != NULL);
		s->pid = tab->next_pid;
		s->ppid = ppid;
		s->host_pid = 0;
		tab->live++;
		*pidp = s->pid;
		ret = 0;
	}
	pthread_mutex_unlock(&tab->lock);
	return ret;
}

void wx_pidtab_set_host(uint32_t pid, pid_t host_pid)
{
	struct wx_pidslot *s;
	pthread_mutex_lock(&tab->lock);
	if ((s = find(pid)) != NULL)
		s->host_pid = host_pid;
	pthread_mutex_unlock(&tab->lock);
}

void wx_pidtab_free(uint32_t pid)
{
	struct wx_pidslot *s;
	pthread_mutex_lock(&tab->lock);
	if (pid != 0 && (s = find(pid)) != NULL) {
		s->pid = 0;
		tab->live--;
	}
	pthread_mutex_unlock(&tab->lock);
}

bool wx_pidtab_parent(uint32_t pid, uint32_t *ppidp)
{
	struct wx_pidslot *s;
	bool found = false;
	pthread_mutex_lock(&tab->lock);
	if (pid != 0 && (s = find(pid)) != NULL) {
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
	if (pid != 0 && (s = find(pid)) != NULL && s->host_pid > 0) {
		*hostp = s->host_pid;
		found = true;
	}
	pthread_mutex_unlock(&tab->lock);
	return found;
}
