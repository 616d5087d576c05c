/* compat/wasix-enosys.h - functions wasix-libc neither declares nor
 * defines, which ported programs reference from paths our runs never
 * take (mknod for mkfifo, chroot, ...): ENOSYS, never a pretended
 * success.  Forced into those compiles with -include. */
#ifndef RW_WASIX_ENOSYS_H
#define RW_WASIX_ENOSYS_H
#include <errno.h>
#include <sys/types.h>
#include <sys/time.h>
#include <unistd.h> /* bash's bundled termcap calls write() without it */
static inline int rw_enosys(void) { errno = ENOSYS; return -1; }
static inline int chroot(const char *p) { (void)p; return rw_enosys(); }
static inline int fchdir(int fd) { (void)fd; return rw_enosys(); }
static inline int mknod(const char *p, mode_t m, dev_t d)
{ (void)p; (void)m; (void)d; return rw_enosys(); }
static inline int getgroups(int n, gid_t *l) { (void)n; (void)l; return 0; }
static inline int settimeofday(const struct timeval *tv, const void *tz)
{ (void)tv; (void)tz; return rw_enosys(); }
#endif
