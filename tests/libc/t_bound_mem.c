// native: skip
// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
// wasixrt: --max-memory 16M
/* --max-memory caps the linear memory: memory.grow returns -1 at the
 * cap, malloc returns NULL (well before the 4 GiB a 32-bit memory could
 * have; wasix-libc's malloc does not always set errno then), freed
 * memory can be allocated again, and a forked child, a thread, an
 * exec'd and a spawned program have the same cap. */
#include <pthread.h>
#include <spawn.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

#ifdef __wasm__
extern char **environ;

#define CAP (16u << 20)
#define BLOCK (256u << 10)

static void *blocks[128];

/* malloc BLOCKs until it fails; returns how many (kept in blocks[]). */
static int fill(void)
{
	int n = 0;
	errno = 0;
	while (n < 128 && (blocks[n] = malloc(BLOCK)) != NULL) {
		memset(blocks[n], 0x5a, BLOCK);
		n++;
	}
	return n;
}

static void drain(int n)
{
	while (n > 0)
		free(blocks[--n]);
}

static void *thread_fill(void *arg)
{
	int n = fill();
	int *out = arg;
	*out = n < 128 ? n : -1;
	drain(n);
	return NULL;
}

int main(void)
{
	int n, again, st, tn = 0;
	size_t pages = __builtin_wasm_memory_size(0);
	pthread_t th;
	pid_t pid;

	CHECK(pages * 65536 <= CAP);
	n = fill();
	CHECK(n < 128); /* 128 blocks would be 32 MiB */
	CHECK(n * BLOCK > CAP / 2);
	printf("malloc returned NULL below the cap\n");
	drain(n);
	again = fill();
	CHECK(again >= n - 1); /* the freed memory is there again */
	drain(again);

	/* memory.grow reaches the cap, and one page past it fails. */
	pages = __builtin_wasm_memory_size(0);
	CHECK(pages * 65536 <= CAP);
	if (pages < CAP / 65536)
		CHECK(__builtin_wasm_memory_grow(0, CAP / 65536 - pages) ==
		      pages);
	CHECK_EQ(__builtin_wasm_memory_size(0), CAP / 65536);
	CHECK(__builtin_wasm_memory_grow(0, 1) == (size_t)-1);
	CHECK_EQ(__builtin_wasm_memory_size(0), CAP / 65536);
	printf("memory.grow: -1 at the cap\n");

	/* A forked child has the same cap. */
	fflush(stdout);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		int k = fill();
		_exit(k < 128 && __builtin_wasm_memory_grow(0, 1) == (size_t)-1
			      ? 0 : 1);
	}
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	printf("forked child: capped\n");


	/* An exec'd program too. */
	fflush(stdout);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		char path[256];
		snprintf(path, sizeof(path), "%s/bound_alloc", libc_bin());
		execl(path, "bound_alloc", (char *)NULL);
		_exit(127);
	}
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);

	/* And a spawned one. */
	{
		char path[256];
		char *argv[] = { "bound_alloc", NULL };
		snprintf(path, sizeof(path), "%s/bound_alloc", libc_bin());
		fflush(stdout);
		CHECK_EQ(posix_spawn(&pid, path, NULL, NULL, argv, environ),
			 0);
		CHECK_EQ(waitpid(pid, &st, 0), pid);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}

	/* A thread shares the memory, and its cap.  Last: the forks above
	 * then happen in a single-threaded process (a fork after a thread
	 * hung once in the sanitizer build on a loaded machine: the gcc 12
	 * ASan allocator's fork deadlock the threads suite also avoids). */
	CHECK_EQ(pthread_create(&th, NULL, thread_fill, &tn), 0);
	CHECK_EQ(pthread_join(th, NULL), 0);
	CHECK(tn > 0);
	printf("thread: capped\n");
	return libc_done();
}
#else
int main(void)
{
	return 0; /* wasixrt-only: the cap is an option of the runtime */
}
#endif
