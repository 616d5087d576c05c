/*
 * report.h - human-readable error detail, owned by the caller.
 *
 * Control flow never depends on the text: functions return status codes and
 * record the "why" here.  The first error recorded wins, because the first
 * failure is the cause and later ones are usually its consequences.
 */
#ifndef WX_REPORT_H
#define WX_REPORT_H

#include <stdarg.h>
#include <stdbool.h>

struct wx_report {
	bool set;
	char msg[480];
};

/* Record a formatted message unless one is already there. */
void wx_report(struct wx_report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void wx_vreport(struct wx_report *r, const char *fmt, va_list ap);
/* Forget any recorded message. */
void wx_report_clear(struct wx_report *r);

#endif
