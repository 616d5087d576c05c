/*
 * native_sbuf.h - a growable text buffer for the C the translator writes.
 *
 * Out of memory is sticky (oom): the translator writes on and checks once
 * at the end, instead of after each of its hundreds of thousands of
 * appends.
 */
#ifndef WX_NATIVE_SBUF_H
#define WX_NATIVE_SBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct wx_sbuf {
	char *p;
	size_t n, cap;
	bool oom;
};

void wx_sbuf_printf(struct wx_sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void wx_sbuf_put(struct wx_sbuf *b, const char *s, size_t n);
void wx_sbuf_free(struct wx_sbuf *b);

#endif
