/* compat/busybox-wasix.h - forced into every busybox compile for WASIX
 * (EXTRA_CFLAGS -include): what wasix-libc's headers leave out that
 * busybox's libbb.h names unconditionally. */
#ifndef RW_BUSYBOX_WASIX_H
#define RW_BUSYBOX_WASIX_H
#include <sys/socket.h>
/* __header_sys_socket.h defines SOCK_STREAM first, which skips the
 * block of <sys/socket.h> that defines the others. */
#ifndef SOCK_RAW
#define SOCK_RAW 3
#endif
#ifndef SOCK_RDM
#define SOCK_RDM 4
#endif
#ifndef SOCK_SEQPACKET
#define SOCK_SEQPACKET 5
#endif
/* Not in wasix-libc at all (neither declared nor defined): libbb calls
 * them from functions that applets without them never reach.  ENOSYS,
 * never a pretended success. */
#include <errno.h>
#include <sys/types.h>
#include <sys/time.h>
static inline int rw_enosys(void) { errno = ENOSYS; return -1; }
static inline int chroot(const char *p) { (void)p; return rw_enosys(); }
static inline int fchdir(int fd) { (void)fd; return rw_enosys(); }
static inline int mknod(const char *p, mode_t m, dev_t d)
{ (void)p; (void)m; (void)d; return rw_enosys(); }
static inline int getgroups(int n, gid_t *l) { (void)n; (void)l; return 0; }
static inline int settimeofday(const struct timeval *tv, const void *tz)
{ (void)tv; (void)tz; return rw_enosys(); }
#endif
