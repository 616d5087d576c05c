/*
 * common.h - project-wide basics: fixed-width ints, branch hints, status codes.
 *
 * Status convention (style.md section 5): internal functions return int:
 *   0             success
 *   > 0           a POSIX errno for resource errors (ENOMEM, EINVAL, ...)
 *   < 0           a VM event (WX_ETRAP, WX_EEXIT, ...), never an errno
 * Human-readable detail travels separately in a struct wx_report.
 */
#ifndef WX_COMMON_H
#define WX_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WX_LIKELY(x) __builtin_expect(!!(x), 1)
#define WX_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define WX_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define WX_UNUSED(x) ((void)(x))

enum {
	WX_ETRAP = -1,      /* guest trapped; the trap kind is in the thread */
	WX_EEXIT = -2,      /* guest asked to exit; the code is in the thread */
	WX_EINVALID = -3,   /* module failed validation */
	WX_EMALFORMED = -4, /* module failed decoding */
	WX_ELINK = -5,      /* an import could not be resolved */
	WX_ERESTART = -6,   /* a blocking host call must be restarted */
	WX_EINTERRUPT = -7, /* the interrupt word was raised */
	WX_ERESUME = -8,    /* continue at a saved call site (vfork, longjmp) */
	WX_EEXCEPTION = -9, /* a wasm exception left the call (in t->exn) */
	WX_EUNSUPPORTED = -10, /* module uses a proposal not implemented (GC) */
};

#define WX_IS_RESTARTABLE(e) ((e) == WX_ERESTART)

#endif
