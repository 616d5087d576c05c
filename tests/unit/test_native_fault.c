/*
 * test_native_fault.c - the guard-page fault handler (native_fault.c)
 * claims a fault only inside a native entry, at an address of that
 * entry's memory reservation, by an instruction of its compiled code;
 * every other fault still ends the process (a runtime bug must crash, not
 * turn into a guest trap).
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "native/native_fault.h"
#include "unit.h"

#define REGION (4u << 12)

static uint8_t *region(void)
{
	void *p = mmap(NULL, REGION, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

static int touch(const uint8_t *p)
{
	return *(const volatile int *)p;
}

/* Touches p under guard g in a child: true when the child ended without
 * getting past the access (the fault was not claimed). */
static bool dies(struct wx_native_guard *g, const uint8_t *p)
{
	int st = 0;
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);
		if (fd >= 0)
			dup2(fd, 2); /* a sanitizer's report of the fault */
		wx_native_guard_push(g);
		if (setjmp(*g->jb) != 0)
			_exit(3); /* claimed: wrong */
		touch(p);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return false;
	return !(WIFEXITED(st) &&
		 (WEXITSTATUS(st) == 0 || WEXITSTATUS(st) == 3));
}

WX_TEST(native_fault_claims_only_guest_faults)
{
	static jmp_buf jb;
	static struct wx_native_guard g;
	uint8_t *r = region(), *other = region();
	CHECK(r != NULL && other != NULL);
	if (r == NULL || other == NULL)
		return;
	CHECK(wx_native_fault_init() == 0);

	/* In the reservation, by code in range: a trap, with the pc. */
	g.lo = (uintptr_t)r;
	g.hi = (uintptr_t)r + REGION;
	g.code_lo = 0;
	g.code_hi = UINTPTR_MAX;
	g.jb = &jb;
	g.pc = 0;
	wx_native_guard_push(&g);
	if (setjmp(jb) == 0) {
		touch(r + 100);
		CHECK(!"the access did not fault");
	} else {
		CHECK(g.pc != 0);
	}
	/* Twice: the signal is not left blocked by the first longjmp. */
	g.pc = 0;
	if (setjmp(jb) == 0) {
		touch(r + REGION - 4);
		CHECK(!"the access did not fault");
	} else {
		CHECK(g.pc != 0);
	}
	wx_native_guard_pop(&g);

	/* Outside the reservation, outside the code, outside an entry. */
	CHECK(dies(&g, other));
	g.code_lo = 0;
	g.code_hi = 1;
	CHECK(dies(&g, r));
	{
		int st = 0;
		pid_t pid = fork();
		if (pid == 0) {
			int fd = open("/dev/null", O_WRONLY);
			if (fd >= 0)
				dup2(fd, 2);
			touch(r);
			_exit(0);
		}
		CHECK(pid > 0 && waitpid(pid, &st, 0) == pid &&
		      !(WIFEXITED(st) && WEXITSTATUS(st) == 0));
	}
	munmap(r, REGION);
	munmap(other, REGION);
}
