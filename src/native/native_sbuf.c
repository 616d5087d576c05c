/*
 * native_sbuf.c - the translator's text buffer (native_sbuf.h).
 */
#include "native_sbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool grow(struct wx_sbuf *b, size_t need)
{
	size_t cap;
	char *np;
	if (b->oom)
		return false;
	if (b->n + need + 1 <= b->cap)
		return true;
	cap = b->cap ? b->cap : 4096;
	while (cap < b->n + need + 1)
		cap *= 2;
	np = realloc(b->p, cap);
	if (np == NULL) {
		b->oom = true;
		return false;
	}
	b->p = np;
	b->cap = cap;
	return true;
}

void wx_sbuf_put(struct wx_sbuf *b, const char *s, size_t n)
{
	if (!grow(b, n))
		return;
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void wx_sbuf_printf(struct wx_sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;
	char small[256];
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = true;
		return;
	}
	if ((size_t)n < sizeof(small)) {
		wx_sbuf_put(b, small, (size_t)n);
		return;
	}
	if (!grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)n;
}

void wx_sbuf_free(struct wx_sbuf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
	b->oom = false;
}
