/*
 * json.c - strict recursive-descent JSON parser; see json.h.
 *
 * Grammar per RFC 8259: no comments, no trailing commas, no leading zeros,
 * no raw control characters in strings, no lone surrogates.  Every read is
 * bounds checked against the end of the input, so truncated or binary
 * input just yields an error.
 */
#include "json.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parser {
	const char *p;
	const char *start;
	const char *end;
	char *err;
	size_t errlen;
	bool failed;
};

static void fail(struct parser *ps, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void fail(struct parser *ps, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (ps->failed)
		return;
	ps->failed = true;
	if (ps->err == NULL || ps->errlen == 0)
		return;
	n = snprintf(ps->err, ps->errlen, "offset %zu: ",
		     (size_t)(ps->p - ps->start));
	if (n < 0 || (size_t)n >= ps->errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(ps->err + n, ps->errlen - (size_t)n, fmt, ap);
	va_end(ap);
}

static void skip_ws(struct parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' ||
				   *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static struct json *new_node(struct parser *ps, enum json_type type)
{
	struct json *j = calloc(1, sizeof(*j));

	if (j == NULL)
		fail(ps, "out of memory");
	else
		j->type = type;
	return j;
}

/* A growable byte buffer for decoded strings. */
struct buf {
	char *data;
	size_t len, cap;
};

static bool buf_put(struct buf *b, const char *s, size_t n)
{
	if (b->cap - b->len < n + 1) {
		size_t cap = b->cap ? b->cap : 32;
		char *d;

		while (cap - b->len < n + 1)
			cap *= 2;
		d = realloc(b->data, cap);
		if (d == NULL)
			return false;
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return true;
}

/* Encode code point `cp` (<= 0x10ffff, not a surrogate) as UTF-8. */
static size_t utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Read the four hex digits after "\u"; ps->p points at the first. */
static bool read_hex4(struct parser *ps, uint32_t *out)
{
	uint32_t v = 0;
	int i;

	if (ps->end - ps->p < 4) {
		fail(ps, "truncated \\u escape");
		return false;
	}
	for (i = 0; i < 4; i++) {
		char c = ps->p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (uint32_t)(c - 'A' + 10);
		else {
			fail(ps, "bad hex digit in \\u escape");
			return false;
		}
	}
	ps->p += 4;
	*out = v;
	return true;
}

/* Decode the escape after a backslash (ps->p is past the backslash) into
 * out as UTF-8; returns the byte count, 0 on error. */
static size_t parse_escape(struct parser *ps, char out[4])
{
	unsigned char c = (unsigned char)*ps->p++;
	uint32_t cp, lo;

	switch (c) {
	case '"': out[0] = '"'; return 1;
	case '\\': out[0] = '\\'; return 1;
	case '/': out[0] = '/'; return 1;
	case 'b': out[0] = '\b'; return 1;
	case 'f': out[0] = '\f'; return 1;
	case 'n': out[0] = '\n'; return 1;
	case 'r': out[0] = '\r'; return 1;
	case 't': out[0] = '\t'; return 1;
	case 'u':
		break;
	default:
		ps->p--;
		fail(ps, "bad escape \\%c", c >= 0x20 && c < 0x7f ? c : '?');
		return 0;
	}
	if (!read_hex4(ps, &cp))
		return 0;
	if (cp >= 0xdc00 && cp <= 0xdfff) {
		fail(ps, "lone low surrogate");
		return 0;
	}
	if (cp >= 0xd800 && cp <= 0xdbff) {
		/* a high surrogate must be followed by an escaped low one */
		if (ps->end - ps->p < 2 || ps->p[0] != '\\' ||
		    ps->p[1] != 'u') {
			fail(ps, "lone high surrogate");
			return 0;
		}
		ps->p += 2;
		if (!read_hex4(ps, &lo))
			return 0;
		if (lo < 0xdc00 || lo > 0xdfff) {
			fail(ps, "bad low surrogate");
			return 0;
		}
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	return utf8_encode(cp, out);
}

/* Parse a string starting at the opening quote.  On success *out is a
 * malloc'd NUL-terminated buffer of *lenp bytes. */
static bool parse_string_raw(struct parser *ps, char **out, size_t *lenp)
{
	struct buf b = { NULL, 0, 0 };

	ps->p++; /* opening quote */
	if (!buf_put(&b, "", 0))
		goto nomem;
	for (;;) {
		const char *run = ps->p;
		unsigned char c;
		char u8[4];
		size_t n;

		while (ps->p < ps->end && *ps->p != '"' && *ps->p != '\\' &&
		       (unsigned char)*ps->p >= 0x20)
			ps->p++;
		if (ps->p > run && !buf_put(&b, run, (size_t)(ps->p - run)))
			goto nomem;
		if (ps->p >= ps->end) {
			fail(ps, "unterminated string");
			goto bad;
		}
		c = (unsigned char)*ps->p;
		if (c == '"') {
			ps->p++;
			break;
		}
		if (c < 0x20) {
			fail(ps, "control character in string");
			goto bad;
		}
		/* backslash */
		ps->p++;
		if (ps->p >= ps->end) {
			fail(ps, "unterminated escape");
			goto bad;
		}
		n = parse_escape(ps, u8);
		if (n == 0)
			goto bad;
		if (!buf_put(&b, u8, n))
			goto nomem;
	}
	*out = b.data;
	*lenp = b.len;
	return true;
nomem:
	fail(ps, "out of memory");
bad:
	free(b.data);
	return false;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static struct json *parse_number(struct parser *ps)
{
	const char *s = ps->p;
	struct json *j;
	size_t n;

	if (ps->p < ps->end && *ps->p == '-')
		ps->p++;
	if (ps->p >= ps->end || !is_digit(*ps->p)) {
		fail(ps, "bad number");
		return NULL;
	}
	if (*ps->p == '0') {
		ps->p++;
		if (ps->p < ps->end && is_digit(*ps->p)) {
			fail(ps, "leading zero in number");
			return NULL;
		}
	} else {
		while (ps->p < ps->end && is_digit(*ps->p))
			ps->p++;
	}
	if (ps->p < ps->end && *ps->p == '.') {
		ps->p++;
		if (ps->p >= ps->end || !is_digit(*ps->p)) {
			fail(ps, "digit expected after '.'");
			return NULL;
		}
		while (ps->p < ps->end && is_digit(*ps->p))
			ps->p++;
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (ps->p >= ps->end || !is_digit(*ps->p)) {
			fail(ps, "digit expected in exponent");
			return NULL;
		}
		while (ps->p < ps->end && is_digit(*ps->p))
			ps->p++;
	}
	j = new_node(ps, JSON_NUMBER);
	if (j == NULL)
		return NULL;
	n = (size_t)(ps->p - s);
	j->str = malloc(n + 1);
	if (j->str == NULL) {
		free(j);
		fail(ps, "out of memory");
		return NULL;
	}
	memcpy(j->str, s, n);
	j->str[n] = '\0';
	j->len = n;
	j->num = strtod(j->str, NULL);
	return j;
}

static bool match_word(struct parser *ps, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, w, n) != 0)
		return false;
	ps->p += n;
	return true;
}

static struct json *parse_value(struct parser *ps, int depth);

/* Append to an array/object being built; keys may be NULL for arrays. */
static bool push_item(struct parser *ps, struct json *j, size_t *cap,
		      struct json *item, char *key, size_t keylen)
{
	if (j->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		struct json **items = realloc(j->items, ncap * sizeof(*items));

		if (items == NULL)
			goto nomem;
		j->items = items;
		if (j->type == JSON_OBJECT) {
			char **keys = realloc(j->keys, ncap * sizeof(*keys));
			size_t *kl;

			if (keys == NULL)
				goto nomem;
			j->keys = keys;
			kl = realloc(j->keylens, ncap * sizeof(*kl));
			if (kl == NULL)
				goto nomem;
			j->keylens = kl;
		}
		*cap = ncap;
	}
	j->items[j->n] = item;
	if (j->type == JSON_OBJECT) {
		j->keys[j->n] = key;
		j->keylens[j->n] = keylen;
	}
	j->n++;
	return true;
nomem:
	fail(ps, "out of memory");
	return false;
}

static struct json *parse_array(struct parser *ps, int depth)
{
	struct json *j = new_node(ps, JSON_ARRAY);
	size_t cap = 0;

	if (j == NULL)
		return NULL;
	ps->p++; /* '[' */
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == ']') {
		ps->p++;
		return j;
	}
	for (;;) {
		struct json *item = parse_value(ps, depth + 1);

		if (item == NULL)
			goto bad;
		if (!push_item(ps, j, &cap, item, NULL, 0)) {
			json_free(item);
			goto bad;
		}
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == ']') {
			ps->p++;
			return j;
		}
		fail(ps, "',' or ']' expected");
		goto bad;
	}
bad:
	json_free(j);
	return NULL;
}

static struct json *parse_object(struct parser *ps, int depth)
{
	struct json *j = new_node(ps, JSON_OBJECT);
	size_t cap = 0;

	if (j == NULL)
		return NULL;
	ps->p++; /* '{' */
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == '}') {
		ps->p++;
		return j;
	}
	for (;;) {
		char *key;
		size_t keylen;
		struct json *item;

		skip_ws(ps);
		if (ps->p >= ps->end || *ps->p != '"') {
			fail(ps, "string key expected");
			goto bad;
		}
		if (!parse_string_raw(ps, &key, &keylen))
			goto bad;
		skip_ws(ps);
		if (ps->p >= ps->end || *ps->p != ':') {
			free(key);
			fail(ps, "':' expected");
			goto bad;
		}
		ps->p++;
		item = parse_value(ps, depth + 1);
		if (item == NULL) {
			free(key);
			goto bad;
		}
		if (!push_item(ps, j, &cap, item, key, keylen)) {
			free(key);
			json_free(item);
			goto bad;
		}
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == '}') {
			ps->p++;
			return j;
		}
		fail(ps, "',' or '}' expected");
		goto bad;
	}
bad:
	json_free(j);
	return NULL;
}

static struct json *parse_value(struct parser *ps, int depth)
{
	struct json *j;

	if (depth > JSON_MAX_DEPTH) {
		fail(ps, "nesting too deep");
		return NULL;
	}
	skip_ws(ps);
	if (ps->p >= ps->end) {
		fail(ps, "value expected");
		return NULL;
	}
	switch (*ps->p) {
	case '{':
		return parse_object(ps, depth);
	case '[':
		return parse_array(ps, depth);
	case '"':
		j = new_node(ps, JSON_STRING);
		if (j == NULL)
			return NULL;
		if (!parse_string_raw(ps, &j->str, &j->len)) {
			free(j);
			return NULL;
		}
		return j;
	case 't':
	case 'f':
	case 'n':
		if (match_word(ps, "true") || match_word(ps, "false")) {
			j = new_node(ps, JSON_BOOL);
			if (j != NULL)
				j->b = ps->p[-1] == 'e' && ps->p[-2] == 'u';
			return j;
		}
		if (match_word(ps, "null"))
			return new_node(ps, JSON_NULL);
		fail(ps, "unknown literal");
		return NULL;
	default:
		if (*ps->p == '-' || is_digit(*ps->p))
			return parse_number(ps);
		fail(ps, "unexpected character 0x%02x",
		     (unsigned)(unsigned char)*ps->p);
		return NULL;
	}
}

struct json *json_parse(const char *text, size_t len, char *err,
			size_t errlen)
{
	struct parser ps = { text, text, text + len, err, errlen, false };
	struct json *j;

	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (text == NULL) {
		ps.end = ps.p = ps.start = "";
		fail(&ps, "no input");
		return NULL;
	}
	j = parse_value(&ps, 0);
	if (j == NULL)
		return NULL;
	skip_ws(&ps);
	if (ps.p != ps.end) {
		fail(&ps, "trailing data after the value");
		json_free(j);
		return NULL;
	}
	return j;
}

void json_free(struct json *j)
{
	size_t i;

	if (j == NULL)
		return;
	for (i = 0; i < j->n; i++) {
		json_free(j->items[i]);
		if (j->keys != NULL)
			free(j->keys[i]);
	}
	free(j->items);
	free(j->keys);
	free(j->keylens);
	free(j->str);
	free(j);
}

const struct json *json_get(const struct json *j, const char *key)
{
	size_t i, kl;

	if (j == NULL || j->type != JSON_OBJECT || key == NULL)
		return NULL;
	kl = strlen(key);
	for (i = j->n; i-- > 0;)
		if (j->keylens[i] == kl && memcmp(j->keys[i], key, kl) == 0)
			return j->items[i];
	return NULL;
}

const char *json_get_str(const struct json *j, const char *key)
{
	const struct json *v = json_get(j, key);

	return v != NULL && v->type == JSON_STRING ? v->str : NULL;
}

const struct json *json_at(const struct json *j, size_t i)
{
	if (j == NULL || j->type != JSON_ARRAY || i >= j->n)
		return NULL;
	return j->items[i];
}

size_t json_len(const struct json *j)
{
	return j != NULL && j->type == JSON_ARRAY ? j->n : 0;
}
