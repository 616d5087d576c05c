/*
 * platform.h - the only contract with the operating system.
 *
 * Nothing above src/platform/ calls mmap, fork, clock_gettime and friends
 * directly; it calls these.  The POSIX implementation is in posix_*.c.
 */
#ifndef WX_PLATFORM_H
#define WX_PLATFORM_H

#include "../util/common.h"

/* Reserve `size` bytes of address space, inaccessible.  NULL on failure. */
void *wx_os_mem_reserve(uint64_t size);
/* Make [addr, addr+size) readable and writable (zero-filled on first use).
 * 0 or ENOMEM. */
int wx_os_mem_commit(void *addr, uint64_t size);
/* Return a reservation to the system. */
void wx_os_mem_release(void *addr, uint64_t size);

/* A read-only copy of `size` (> 0) bytes at `src` in memory that forked
 * children share with their parent instead of inheriting copy-on-write:
 * fork copies no page-table entries for it, and a child maps the pages it
 * reads on demand.  NULL on failure. */
void *wx_os_shared_copy(const void *src, size_t size);
void wx_os_shared_free(void *p, size_t size);

#endif
