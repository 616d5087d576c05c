/* report.c - see report.h. */
#include "report.h"

#include <stdio.h>

void wx_vreport(struct wx_report *r, const char *fmt, va_list ap)
{
	if (r == NULL || r->set)
		return;
	vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
	r->set = true;
}

void wx_report(struct wx_report *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	wx_vreport(r, fmt, ap);
	va_end(ap);
}

void wx_report_clear(struct wx_report *r)
{
	r->set = false;
	r->msg[0] = '\0';
}
