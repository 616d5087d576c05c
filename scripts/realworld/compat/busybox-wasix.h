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
#include "wasix-enosys.h"
#endif
