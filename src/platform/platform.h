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

/* The whole contents of a file (posix_file.c). */
struct wx_os_file {
	uint8_t *data;
	size_t size;
	size_t cap;
	bool mapped;
};
/* Read everything `fd` (a regular file, pipe or terminal) holds, at most
 * `max` bytes.  0, or an errno: EISDIR, EFBIG past max, ENOMEM, or
 * read's.  Release the contents with wx_os_file_release. */
int wx_os_read_all(int fd, size_t max, struct wx_os_file *f);
void wx_os_file_release(struct wx_os_file *f);
/* Turn the contents into a read-only shared mapping of exactly f->size
 * bytes (what wx_os_shared_copy makes, released with wx_os_shared_free)
 * and hand it over: *f is left empty.  NULL, with *f unchanged and still
 * to release, if the contents are not held in such a mapping. */
const uint8_t *wx_os_file_adopt(struct wx_os_file *f);

#endif
