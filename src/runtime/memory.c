/*
 * memory.c - linear memory instances (spec 4.2.8 "Memory Instances",
 * 4.5.3.5 "alloc mem", 4.5.3.9 "grow mem"; threads proposal for shared
 * memories).
 *
 * The whole address range a memory can ever have - its declared maximum,
 * or 4 GiB when there is none - is reserved when the memory is created,
 * and growing only commits more of that range.  A 32-bit memory reserves
 * more when it can: 8 GiB and 64 KiB, every address a wasm access can
 * form, so that an access past the committed size faults (`guarded`: the
 * native tier's bounds checks are these faults, native_fault.c); when the
 * address space is limited (ulimit -v) it reserves its maximum only.  So `base` never moves:
 * the interpreter, host functions and other threads may keep raw
 * pointers, and a grow on one thread cannot invalidate a pointer that
 * another thread is using.  Reserving is address space only (no memory
 * is charged until pages are touched).
 *
 * A 64-bit memory (memory64) may declare a maximum of up to 2^48 pages,
 * 2^64 bytes, which no host can reserve.  Policy: such a memory reserves
 * its maximum, but at most WX_MEM64_RESERVE (16 GiB), or less when even
 * that cannot be had (halving down to its minimum size: address space
 * may be limited by ulimit -v); growing past what was reserved fails
 * (memory.grow returns -1, which the spec allows for any
 * implementation-defined reason).  Every access to a 64-bit memory is
 * bounds-checked explicitly against `size`, overflow included, so the
 * reservation is only a ceiling, never a guard.
 *
 * Invariants:
 *   size == pages * WX_PAGE_SIZE, pages <= max_pages <= WX_MAX_PAGES
 *   (WX_MAX_PAGES64 for a 64-bit memory), max_pages <= the cap the
 *   creator gave (--max-memory), size <= reserved;
 *   [base, base + size) is committed, [base + size, base + reserved) is
 *   reserved but inaccessible;
 *   `size` only ever increases, and is published after the pages behind
 *   it are committed, so a reader that sees the new size can use it.
 */
#include "runtime.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "../platform/platform.h"

int wx_memory_create(const struct wx_memtype *type, struct wx_memory **mp)
{
	return wx_memory_create_capped(
		type, type->limits.is64 ? WX_MAX_PAGES64 : WX_MAX_PAGES, mp);
}

int wx_memory_create_capped(const struct wx_memtype *type, uint64_t cap,
			    struct wx_memory **mp)
{
	const struct wx_limits *lim = &type->limits;
	uint64_t limit = lim->is64 ? WX_MAX_PAGES64 : WX_MAX_PAGES;
	uint64_t min_bytes = lim->min * (uint64_t)WX_PAGE_SIZE;
	struct wx_memory *mem;
	uint64_t max_pages;
	int ret;

	*mp = NULL;
	/* The decoder rejects these already (spec 3.2.4: k = 2^16, or 2^48
	 * for 64 bits), but host code creates memories too. */
	if (lim->min > limit ||
	    (lim->has_max && (lim->max > limit || lim->max < lim->min)))
		return EINVAL;
	max_pages = lim->has_max ? lim->max : limit;
	/* The operator's bound (limits.h): below it the memory behaves as
	 * if its maximum were lower, which the spec allows ("grow may fail
	 * for implementation-defined reasons"), and only that much address
	 * space is reserved. */
	if (lim->min > cap)
		return EFBIG;
	if (max_pages > cap)
		max_pages = cap;

	mem = calloc(1, sizeof(*mem));
	if (mem == NULL)
		return ENOMEM;
	mem->max_pages = max_pages;
	mem->shared = lim->shared;
	mem->is64 = lim->is64;
	mem->type = *type;
	mem->refcount = 1;
	ret = pthread_mutex_init(&mem->grow_lock, NULL);
	if (ret != 0)
		goto fail_free;

	if (!lim->is64) {
		/* Guard pages when the address space allows (the policy
		 * above), else just the maximum. */
		mem->reserved = WX_MEM32_GUARD_SPAN;
		mem->base = wx_os_mem_reserve(mem->reserved);
		mem->guarded = mem->base != NULL;
		if (mem->base == NULL) {
			mem->reserved = max_pages * (uint64_t)WX_PAGE_SIZE;
			mem->base = wx_os_mem_reserve(mem->reserved);
		}
	} else if (lim->min <= WX_MEM64_RESERVE / WX_PAGE_SIZE) {
		/* The policy above: the maximum, capped, halved until the
		 * host grants it, never below the minimum. */
		mem->reserved = max_pages < WX_MEM64_RESERVE / WX_PAGE_SIZE
					? max_pages * (uint64_t)WX_PAGE_SIZE
					: WX_MEM64_RESERVE;
		while ((mem->base = wx_os_mem_reserve(mem->reserved)) == NULL &&
		       mem->reserved / 2 >= min_bytes &&
		       mem->reserved > WX_PAGE_SIZE)
			mem->reserved /= 2;
	}
	if (mem->base == NULL) {
		ret = ENOMEM;
		goto fail_mutex;
	}
	ret = wx_os_mem_commit(mem->base, min_bytes);
	if (ret != 0)
		goto fail_reserve;
	mem->size = min_bytes;
	*mp = mem;
	return 0;

fail_reserve:
	wx_os_mem_release(mem->base, mem->reserved);
fail_mutex:
	pthread_mutex_destroy(&mem->grow_lock);
fail_free:
	free(mem);
	return ret;
}

void wx_memory_retain(struct wx_memory *mem)
{
	__atomic_add_fetch(&mem->refcount, 1, __ATOMIC_RELAXED);
}

void wx_memory_release(struct wx_memory *mem)
{
	if (mem == NULL)
		return;
	if (__atomic_sub_fetch(&mem->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	wx_os_mem_release(mem->base, mem->reserved);
	pthread_mutex_destroy(&mem->grow_lock);
	free(mem);
}

/* memory.grow (spec 4.4.7): the old size in pages, or -1 when the result
 * would pass the maximum or the host cannot supply the pages.  Failure
 * leaves the memory unchanged.  The lock serialises concurrent grows of a
 * shared memory, so two threads cannot both claim the same old size. */
int64_t wx_memory_grow(struct wx_memory *mem, uint64_t delta)
{
	uint64_t old_pages, new_size;
	int64_t ret = -1;

	pthread_mutex_lock(&mem->grow_lock);
	old_pages = mem->size / WX_PAGE_SIZE;
	/* Both sides are at most 2^48, so nothing here overflows; a 64-bit
	 * memory may reserve less than its maximum (see above). */
	if (delta > mem->max_pages - old_pages ||
	    delta > mem->reserved / WX_PAGE_SIZE - old_pages)
		goto out;
	if (delta != 0) {
		new_size = (old_pages + delta) * (uint64_t)WX_PAGE_SIZE;
		if (wx_os_mem_commit(mem->base + mem->size,
				     new_size - mem->size) != 0)
			goto out;
		/* Readers on other threads load `size` without the lock:
		 * the release store orders the commit before the size that
		 * covers it.  (On an unshared memory only this thread reads
		 * it; the atomic store costs the same as a plain one.) */
		__atomic_store_n(&mem->size, new_size, __ATOMIC_RELEASE);
	}
	ret = (int64_t)old_pages;
out:
	pthread_mutex_unlock(&mem->grow_lock);
	return ret;
}

void wx_format_size(uint64_t bytes, char *buf, size_t len)
{
	static const char *const units[] = { "KiB", "MiB", "GiB" };
	uint64_t scale = 1024;
	int u = 0;

	if (bytes < 1024) {
		snprintf(buf, len, "%llu bytes", (unsigned long long)bytes);
		return;
	}
	while (u < 2 && bytes >= scale * 1024) {
		scale *= 1024;
		u++;
	}
	if (bytes % scale == 0)
		snprintf(buf, len, "%llu %s",
			 (unsigned long long)(bytes / scale), units[u]);
	else
		snprintf(buf, len, "%.1f %s", (double)bytes / (double)scale,
			 units[u]);
}
