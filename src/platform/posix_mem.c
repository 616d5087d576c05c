/* posix_mem.c - address-space reservation for linear memories (mmap), and
 * the buffers of large module copies. */
#include "platform.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

void *wx_os_mem_reserve(uint64_t size)
{
	void *p;
	if (size == 0)
		size = 1;
	/* MAP_NORESERVE: a 4 GiB reservation must not count against the
	 * commit limit; only pages that are made accessible and touched do. */
	p = mmap(NULL, (size_t)size, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

int wx_os_mem_commit(void *addr, uint64_t size)
{
	if (size == 0)
		return 0;
	return mprotect(addr, (size_t)size, PROT_READ | PROT_WRITE) == 0
		       ? 0
		       : ENOMEM;
}

void wx_os_mem_release(void *addr, uint64_t size)
{
	if (addr != NULL)
		munmap(addr, (size_t)(size == 0 ? 1 : size));
}

/* Module bytes: malloc for small modules; from 2 MiB on, a mapping in
 * 2 MiB pages where the kernel has transparent huge pages (at least
 * "madvise" mode), so that copying a 12 MB module in takes six page
 * faults instead of three thousand (decode 13-15 -> 4-10 ms).  Without
 * huge pages it is an ordinary mapping, no worse than malloc's. */
#define HUGE_PAGE ((size_t)2 << 20)

static size_t buf_len(size_t size)
{
	return (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
}

void *wx_os_buf_alloc(size_t size)
{
	size_t len = buf_len(size);
	uint8_t *q, *a;
	if (size < HUGE_PAGE)
		return malloc(size ? size : 1);
	/* Over-allocate by one huge page to align, then trim the rest. */
	if (len < size || len + HUGE_PAGE < len)
		return NULL;
	q = mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (q == MAP_FAILED)
		return NULL;
	a = (uint8_t *)(((uintptr_t)q + HUGE_PAGE - 1) &
			~(uintptr_t)(HUGE_PAGE - 1));
	if (a > q)
		munmap(q, (size_t)(a - q));
	if (a + len < q + len + HUGE_PAGE)
		munmap(a + len, (size_t)(q + len + HUGE_PAGE - (a + len)));
#ifdef MADV_HUGEPAGE
	madvise(a, len, MADV_HUGEPAGE); /* only a hint */
#endif
	return a;
}

void wx_os_buf_free(void *p, size_t size)
{
	if (size < HUGE_PAGE)
		free(p);
	else if (p != NULL)
		munmap(p, buf_len(size));
}
