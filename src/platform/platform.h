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

#endif
