/* posix_mem.c - address-space reservation for linear memories (mmap). */
#include "platform.h"

#include <errno.h>
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
