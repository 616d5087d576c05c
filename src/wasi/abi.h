/*
 * abi.h - the guest side of WASI preview1: constants, struct layouts,
 * errno numbers, and the checked copy-in/copy-out helpers every syscall
 * uses to touch guest memory.
 *
 * Reference: wasix-abi.md sections 1, 2a and 4 (errno numbering 4.1), and
 * the witx definitions of wasi_snapshot_preview1 / wasi_unstable (snapshot
 * 0) that wasi-libc's <wasi/api.h> mirrors with _Static_assert offsets.
 *
 * Invariants:
 *  - Guest memory is reached only through wx_wasi_mem(), which checks
 *    [addr, addr+len) in 64 bits against the *current* memory size via
 *    wx_memory_ptr (memories never move but may grow, so a pointer is
 *    fetched again for every access and never cached across a host call
 *    that could run guest code).
 *  - A bad guest pointer or length yields WX_WASI_EFAULT, never a host
 *    fault.
 *  - All guest integers are little-endian; the helpers below assemble them
 *    byte-wise so the code is also correct on a big-endian host.
 */
#ifndef WX_WASI_ABI_H
#define WX_WASI_ABI_H

#include <string.h>

#include "../runtime/runtime.h"

/* ---- errno (wasix-abi.md 4.1; identical in preview1 and snapshot0) ---- */
enum {
	WX_WASI_ESUCCESS = 0,
	WX_WASI_E2BIG = 1,
	WX_WASI_EACCES = 2,
	WX_WASI_EADDRINUSE = 3,
	WX_WASI_EADDRNOTAVAIL = 4,
	WX_WASI_EAFNOSUPPORT = 5,
	WX_WASI_EAGAIN = 6,
	WX_WASI_EALREADY = 7,
	WX_WASI_EBADF = 8,
	WX_WASI_EBADMSG = 9,
	WX_WASI_EBUSY = 10,
	WX_WASI_ECANCELED = 11,
	WX_WASI_ECHILD = 12,
	WX_WASI_ECONNABORTED = 13,
	WX_WASI_ECONNREFUSED = 14,
	WX_WASI_ECONNRESET = 15,
	WX_WASI_EDEADLK = 16,
	WX_WASI_EDESTADDRREQ = 17,
	WX_WASI_EDOM = 18,
	WX_WASI_EDQUOT = 19,
	WX_WASI_EEXIST = 20,
	WX_WASI_EFAULT = 21,
	WX_WASI_EFBIG = 22,
	WX_WASI_EHOSTUNREACH = 23,
	WX_WASI_EIDRM = 24,
	WX_WASI_EILSEQ = 25,
	WX_WASI_EINPROGRESS = 26,
	WX_WASI_EINTR = 27,
	WX_WASI_EINVAL = 28,
	WX_WASI_EIO = 29,
	WX_WASI_EISCONN = 30,
	WX_WASI_EISDIR = 31,
	WX_WASI_ELOOP = 32,
	WX_WASI_EMFILE = 33,
	WX_WASI_EMLINK = 34,
	WX_WASI_EMSGSIZE = 35,
	WX_WASI_EMULTIHOP = 36,
	WX_WASI_ENAMETOOLONG = 37,
	WX_WASI_ENETDOWN = 38,
	WX_WASI_ENETRESET = 39,
	WX_WASI_ENETUNREACH = 40,
	WX_WASI_ENFILE = 41,
	WX_WASI_ENOBUFS = 42,
	WX_WASI_ENODEV = 43,
	WX_WASI_ENOENT = 44,
	WX_WASI_ENOEXEC = 45,
	WX_WASI_ENOLCK = 46,
	WX_WASI_ENOLINK = 47,
	WX_WASI_ENOMEM = 48,
	WX_WASI_ENOMSG = 49,
	WX_WASI_ENOPROTOOPT = 50,
	WX_WASI_ENOSPC = 51,
	WX_WASI_ENOSYS = 52,
	WX_WASI_ENOTCONN = 53,
	WX_WASI_ENOTDIR = 54,
	WX_WASI_ENOTEMPTY = 55,
	WX_WASI_ENOTRECOVERABLE = 56,
	WX_WASI_ENOTSOCK = 57,
	WX_WASI_ENOTSUP = 58,
	WX_WASI_ENOTTY = 59,
	WX_WASI_ENXIO = 60,
	WX_WASI_EOVERFLOW = 61,
	WX_WASI_EOWNERDEAD = 62,
	WX_WASI_EPERM = 63,
	WX_WASI_EPIPE = 64,
	WX_WASI_EPROTO = 65,
	WX_WASI_EPROTONOSUPPORT = 66,
	WX_WASI_EPROTOTYPE = 67,
	WX_WASI_ERANGE = 68,
	WX_WASI_EROFS = 69,
	WX_WASI_ESPIPE = 70,
	WX_WASI_ESRCH = 71,
	WX_WASI_ESTALE = 72,
	WX_WASI_ETIMEDOUT = 73,
	WX_WASI_ETXTBSY = 74,
	WX_WASI_EXDEV = 75,
	WX_WASI_ENOTCAPABLE = 76,
};

/* Map a host errno to the guest's numbering (unknown ones become EIO). */
int wx_wasi_errno(int host_errno);

/* ---- rights (bit numbers are the same in preview1 and snapshot0) ---- */
#define WX_R(bit) ((uint64_t)1 << (bit))
#define WX_RIGHT_FD_DATASYNC WX_R(0)
#define WX_RIGHT_FD_READ WX_R(1)
#define WX_RIGHT_FD_SEEK WX_R(2)
#define WX_RIGHT_FD_FDSTAT_SET_FLAGS WX_R(3)
#define WX_RIGHT_FD_SYNC WX_R(4)
#define WX_RIGHT_FD_TELL WX_R(5)
#define WX_RIGHT_FD_WRITE WX_R(6)
#define WX_RIGHT_FD_ADVISE WX_R(7)
#define WX_RIGHT_FD_ALLOCATE WX_R(8)
#define WX_RIGHT_PATH_CREATE_DIRECTORY WX_R(9)
#define WX_RIGHT_PATH_CREATE_FILE WX_R(10)
#define WX_RIGHT_PATH_LINK_SOURCE WX_R(11)
#define WX_RIGHT_PATH_LINK_TARGET WX_R(12)
#define WX_RIGHT_PATH_OPEN WX_R(13)
#define WX_RIGHT_FD_READDIR WX_R(14)
#define WX_RIGHT_PATH_READLINK WX_R(15)
#define WX_RIGHT_PATH_RENAME_SOURCE WX_R(16)
#define WX_RIGHT_PATH_RENAME_TARGET WX_R(17)
#define WX_RIGHT_PATH_FILESTAT_GET WX_R(18)
#define WX_RIGHT_PATH_FILESTAT_SET_SIZE WX_R(19)
#define WX_RIGHT_PATH_FILESTAT_SET_TIMES WX_R(20)
#define WX_RIGHT_FD_FILESTAT_GET WX_R(21)
#define WX_RIGHT_FD_FILESTAT_SET_SIZE WX_R(22)
#define WX_RIGHT_FD_FILESTAT_SET_TIMES WX_R(23)
#define WX_RIGHT_PATH_SYMLINK WX_R(24)
#define WX_RIGHT_PATH_REMOVE_DIRECTORY WX_R(25)
#define WX_RIGHT_PATH_UNLINK_FILE WX_R(26)
#define WX_RIGHT_POLL_FD_READWRITE WX_R(27)
#define WX_RIGHT_SOCK_SHUTDOWN WX_R(28)
#define WX_RIGHT_SOCK_ACCEPT WX_R(29)
#define WX_RIGHTS_ALL (WX_R(30) - 1)

/* What an open regular file may do (wasmtime's and Wasmer's split). */
#define WX_RIGHTS_FILE                                                      \
	(WX_RIGHT_FD_DATASYNC | WX_RIGHT_FD_READ | WX_RIGHT_FD_SEEK |       \
	 WX_RIGHT_FD_FDSTAT_SET_FLAGS | WX_RIGHT_FD_SYNC | WX_RIGHT_FD_TELL | \
	 WX_RIGHT_FD_WRITE | WX_RIGHT_FD_ADVISE | WX_RIGHT_FD_ALLOCATE |    \
	 WX_RIGHT_FD_FILESTAT_GET | WX_RIGHT_FD_FILESTAT_SET_SIZE |         \
	 WX_RIGHT_FD_FILESTAT_SET_TIMES | WX_RIGHT_POLL_FD_READWRITE)
/* What an open directory may do. */
#define WX_RIGHTS_DIR                                                       \
	(WX_RIGHT_FD_FDSTAT_SET_FLAGS | WX_RIGHT_FD_SYNC |                  \
	 WX_RIGHT_FD_ADVISE | WX_RIGHT_PATH_CREATE_DIRECTORY |              \
	 WX_RIGHT_PATH_CREATE_FILE | WX_RIGHT_PATH_LINK_SOURCE |            \
	 WX_RIGHT_PATH_LINK_TARGET | WX_RIGHT_PATH_OPEN |                   \
	 WX_RIGHT_FD_READDIR | WX_RIGHT_PATH_READLINK |                     \
	 WX_RIGHT_PATH_RENAME_SOURCE | WX_RIGHT_PATH_RENAME_TARGET |        \
	 WX_RIGHT_PATH_FILESTAT_GET | WX_RIGHT_PATH_FILESTAT_SET_SIZE |     \
	 WX_RIGHT_PATH_FILESTAT_SET_TIMES | WX_RIGHT_FD_FILESTAT_GET |      \
	 WX_RIGHT_FD_FILESTAT_SET_TIMES | WX_RIGHT_PATH_SYMLINK |           \
	 WX_RIGHT_PATH_REMOVE_DIRECTORY | WX_RIGHT_PATH_UNLINK_FILE)
/* Rights that need the host fd open for reading / writing. */
#define WX_RIGHTS_NEED_READ (WX_RIGHT_FD_READ | WX_RIGHT_FD_READDIR)
#define WX_RIGHTS_NEED_WRITE                                                \
	(WX_RIGHT_FD_DATASYNC | WX_RIGHT_FD_WRITE | WX_RIGHT_FD_ALLOCATE |  \
	 WX_RIGHT_FD_FILESTAT_SET_SIZE)
/* Sockets and character devices (ttys, pipes) */
#define WX_RIGHTS_STREAM                                                    \
	(WX_RIGHT_FD_READ | WX_RIGHT_FD_WRITE | WX_RIGHT_FD_FDSTAT_SET_FLAGS | \
	 WX_RIGHT_FD_FILESTAT_GET | WX_RIGHT_POLL_FD_READWRITE |            \
	 WX_RIGHT_SOCK_SHUTDOWN | WX_RIGHT_SOCK_ACCEPT |                    \
	 WX_RIGHT_FD_DATASYNC | WX_RIGHT_FD_SYNC | WX_RIGHT_FD_ADVISE |     \
	 WX_RIGHT_FD_FILESTAT_SET_TIMES)

/* ---- enums ---- */
enum {
	WX_FILETYPE_UNKNOWN = 0,
	WX_FILETYPE_BLOCK_DEVICE = 1,
	WX_FILETYPE_CHARACTER_DEVICE = 2,
	WX_FILETYPE_DIRECTORY = 3,
	WX_FILETYPE_REGULAR_FILE = 4,
	WX_FILETYPE_SOCKET_DGRAM = 5,
	WX_FILETYPE_SOCKET_STREAM = 6,
	WX_FILETYPE_SYMBOLIC_LINK = 7,
	/* WASIX's additions (wasix-abi.md 4.4) */
	WX_FILETYPE_SOCKET_RAW = 8,
	WX_FILETYPE_SOCKET_SEQPACKET = 9,
};

#define WX_FDFLAG_APPEND 0x1
#define WX_FDFLAG_DSYNC 0x2
#define WX_FDFLAG_NONBLOCK 0x4
#define WX_FDFLAG_RSYNC 0x8
#define WX_FDFLAG_SYNC 0x10
#define WX_FDFLAGS_ALL 0x1f

#define WX_OFLAG_CREAT 0x1
#define WX_OFLAG_DIRECTORY 0x2
#define WX_OFLAG_EXCL 0x4
#define WX_OFLAG_TRUNC 0x8

#define WX_LOOKUP_SYMLINK_FOLLOW 0x1

#define WX_FSTFLAG_ATIM 0x1
#define WX_FSTFLAG_ATIM_NOW 0x2
#define WX_FSTFLAG_MTIM 0x4
#define WX_FSTFLAG_MTIM_NOW 0x8

enum {
	WX_CLOCK_REALTIME = 0,
	WX_CLOCK_MONOTONIC = 1,
	WX_CLOCK_PROCESS_CPUTIME = 2,
	WX_CLOCK_THREAD_CPUTIME = 3,
};

/* whence: preview1 numbering; wasi_unstable's differs (CUR, END, SET). */
enum { WX_WHENCE_SET = 0, WX_WHENCE_CUR = 1, WX_WHENCE_END = 2 };
enum { WX_WHENCE0_CUR = 0, WX_WHENCE0_END = 1, WX_WHENCE0_SET = 2 };

enum { WX_EVENTTYPE_CLOCK = 0, WX_EVENTTYPE_FD_READ = 1,
       WX_EVENTTYPE_FD_WRITE = 2 };
#define WX_EVENTRW_HANGUP 0x1
#define WX_SUBCLOCK_ABSTIME 0x1

#define WX_RIFLAG_PEEK 0x1
#define WX_RIFLAG_WAITALL 0x2
#define WX_ROFLAG_DATA_TRUNCATED 0x1
/* WASIX's additions to riflags and siflags (wasix-abi.md 4.4) */
#define WX_RIFLAG_DATA_TRUNCATED 0x4
#define WX_RIFLAG_DONT_WAIT 0x8
#define WX_SIFLAG_DONT_WAIT 0x1
#define WX_SDFLAG_RD 0x1
#define WX_SDFLAG_WR 0x2

enum { WX_PREOPENTYPE_DIR = 0 };

/* ---- struct sizes and field offsets (wasm32) ---- */
#define WX_IOVEC_SIZE 8 /* buf u32 @0, len u32 @4 */
#define WX_FDSTAT_SIZE 24 /* filetype u8 @0, flags u16 @2, base @8, inh @16 */
#define WX_PRESTAT_SIZE 8 /* tag u8 @0, name_len u32 @4 */
/* filestat, preview1: dev @0 ino @8 filetype u8 @16 nlink u64 @24
 * size @32 atim @40 mtim @48 ctim @56. */
#define WX_FILESTAT_SIZE 64
/* filestat, snapshot0: dev @0 ino @8 filetype u8 @16 nlink u32 @20
 * size @24 atim @32 mtim @40 ctim @48. */
#define WX_FILESTAT0_SIZE 56
/* dirent (both snapshots): d_next u64 @0, d_ino u64 @8, d_namlen u32 @16,
 * d_type u8 @20, then the name (not NUL-terminated). */
#define WX_DIRENT_SIZE 24
/* subscription, preview1: userdata @0, tag u8 @8, union @16:
 * clock {id u32 @16, timeout u64 @24, precision u64 @32, flags u16 @40};
 * fd_readwrite {fd u32 @16}. */
#define WX_SUBSCRIPTION_SIZE 48
/* subscription, snapshot0: the clock arm has an extra u64 "identifier"
 * first: {identifier @16, id u32 @24, timeout @32, precision @40,
 * flags u16 @48}. */
#define WX_SUBSCRIPTION0_SIZE 56
/* event (both): userdata @0, error u16 @8, type u8 @10,
 * fd_readwrite {nbytes u64 @16, flags u16 @24}. */
#define WX_EVENT_SIZE 32

/* ---- little-endian access to host buffers that mirror guest memory ---- */
static inline void wx_put8(uint8_t *p, uint8_t v) { p[0] = v; }
static inline void wx_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}
static inline void wx_put32(uint8_t *p, uint32_t v)
{
	wx_put16(p, (uint16_t)v);
	wx_put16(p + 2, (uint16_t)(v >> 16));
}
static inline void wx_put64(uint8_t *p, uint64_t v)
{
	wx_put32(p, (uint32_t)v);
	wx_put32(p + 4, (uint32_t)(v >> 32));
}
static inline uint16_t wx_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}
static inline uint32_t wx_get32(const uint8_t *p)
{
	return (uint32_t)wx_get16(p) | ((uint32_t)wx_get16(p + 2) << 16);
}
static inline uint64_t wx_get64(const uint8_t *p)
{
	return (uint64_t)wx_get32(p) | ((uint64_t)wx_get32(p + 4) << 32);
}

/* ---- guest memory ---- */
struct wx_wasi;

/* The guest bytes [addr, addr+len), or NULL if any is out of range (or the
 * instance has no memory yet).  len 0 at addr == size is valid. */
void *wx_wasi_mem(struct wx_wasi *w, uint64_t addr, uint64_t len);

/* Copy out/in; WX_WASI_EFAULT if the range is bad, else 0. */
static inline int wx_wasi_copyout(struct wx_wasi *w, uint64_t addr,
				  const void *src, uint64_t len)
{
	void *p = wx_wasi_mem(w, addr, len);
	if (p == NULL)
		return WX_WASI_EFAULT;
	if (len != 0)
		memcpy(p, src, (size_t)len);
	return 0;
}
static inline int wx_wasi_copyin(struct wx_wasi *w, void *dst, uint64_t addr,
				 uint64_t len)
{
	const void *p = wx_wasi_mem(w, addr, len);
	if (p == NULL)
		return WX_WASI_EFAULT;
	if (len != 0)
		memcpy(dst, p, (size_t)len);
	return 0;
}
static inline int wx_wasi_put32(struct wx_wasi *w, uint64_t addr, uint32_t v)
{
	uint8_t b[4];
	wx_put32(b, v);
	return wx_wasi_copyout(w, addr, b, 4);
}
static inline int wx_wasi_put64(struct wx_wasi *w, uint64_t addr, uint64_t v)
{
	uint8_t b[8];
	wx_put64(b, v);
	return wx_wasi_copyout(w, addr, b, 8);
}

/* ---- host-function argument slots and the two-level result ---- */
static inline uint32_t wx_arg32(const uint64_t *args, int i)
{
	return (uint32_t)args[i];
}
static inline uint64_t wx_arg64(const uint64_t *args, int i)
{
	return args[i];
}
/* Store the guest errno as the i32 result; the VM status is 0. */
static inline int wx_wasi_result(uint64_t *args, int guest_errno)
{
	args[0] = (uint32_t)guest_errno;
	return 0;
}

#endif
