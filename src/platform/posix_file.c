/*
 * posix_file.c - reading a whole file (a module) into memory.
 *
 * A large buffer is mapped with MAP_POPULATE, so the kernel fills in all
 * its pages in one call instead of one page fault per 4 KiB as read()
 * first touches them: for a 12 MB module that is ~3000 faults, a fifth
 * of its load time on the machines we measure.  Reading (rather than
 * mapping the file itself) keeps the buffer ours: a file truncated or
 * rewritten by someone else meanwhile gives a short or changed module,
 * never a SIGBUS, and pipes and terminals work the same way.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform.h"

/* Below this a plain malloc is cheaper than a mapping.  At and above it
 * the buffer is a shared anonymous mapping: the kind a module keeps its
 * bytes in (wx_os_shared_copy), so the module can take the buffer itself
 * (wx_os_file_adopt) instead of copying it. */
#define WX_FILE_MAP_MIN ((size_t)64 << 10)

static size_t page_round(size_t n)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	return (n + pg - 1) / pg * pg;
}

static int buf_alloc(struct wx_os_file *f, size_t cap)
{
	if (cap >= WX_FILE_MAP_MIN) {
		void *p;
		cap = page_round(cap);
		p = mmap(NULL, cap, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		if (p == MAP_FAILED)
			return ENOMEM;
		f->data = p;
		f->mapped = true;
	} else {
		f->data = malloc(cap);
		if (f->data == NULL)
			return ENOMEM;
		f->mapped = false;
	}
	f->cap = cap;
	return 0;
}

static void buf_free(struct wx_os_file *f)
{
	if (f->data == NULL)
		return;
	if (f->mapped)
		munmap(f->data, f->cap);
	else
		free(f->data);
}

/* A pipe's contents outgrew the buffer.  A mapping is replaced rather
 * than extended by mremap: a shared anonymous mapping's object keeps its
 * first size, and pages past it cannot be written. */
static int buf_grow(struct wx_os_file *f, size_t cap)
{
	struct wx_os_file n = {0};
	int err;
	if (!f->mapped && cap < WX_FILE_MAP_MIN) {
		void *p = realloc(f->data, cap);
		if (p == NULL)
			return ENOMEM;
		f->data = p;
		f->cap = cap;
		return 0;
	}
	err = buf_alloc(&n, cap);
	if (err != 0)
		return err;
	memcpy(n.data, f->data, f->size);
	buf_free(f);
	f->data = n.data;
	f->cap = n.cap;
	f->mapped = n.mapped;
	return 0;
}

int wx_os_read_all(int fd, size_t max, struct wx_os_file *f)
{
	struct stat st;
	int err;
	memset(f, 0, sizeof(*f));
	if (fstat(fd, &st) != 0)
		return errno;
	if (S_ISDIR(st.st_mode))
		return EISDIR;
	if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > max)
		return EFBIG;
	/* One byte more than a regular file's size: reading 0 there is
	 * the end, with no second buffer. */
	err = buf_alloc(f, S_ISREG(st.st_mode) ? (size_t)st.st_size + 1
					       : (size_t)64 << 10);
	while (err == 0) {
		ssize_t n;
		if (f->size == f->cap) {
			if (f->cap > max) {
				err = EFBIG;
				break;
			}
			err = buf_grow(f, f->cap * 2);
			if (err != 0)
				break;
		}
		n = read(fd, f->data + f->size, f->cap - f->size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			err = errno;
		else if (n == 0)
			break;
		else
			f->size += (size_t)n;
	}
	if (err == 0 && f->size > max)
		err = EFBIG;
	if (err != 0)
		wx_os_file_release(f);
	return err;
}

void wx_os_file_release(struct wx_os_file *f)
{
	buf_free(f);
	memset(f, 0, sizeof(*f));
}

const uint8_t *wx_os_file_adopt(struct wx_os_file *f)
{
	size_t keep;
	uint8_t *p;
	if (!f->mapped || f->size == 0)
		return NULL;
	/* Exactly the pages of `size` bytes stay, so that releasing them
	 * with the size alone (wx_os_shared_free) frees them all. */
	keep = page_round(f->size);
	if (keep < f->cap && munmap(f->data + keep, f->cap - keep) != 0)
		return NULL;
	f->cap = keep;
	if (mprotect(f->data, keep, PROT_READ) != 0)
		return NULL;
	p = f->data;
	memset(f, 0, sizeof(*f));
	return p;
}
