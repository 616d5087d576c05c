/*
 * json.h - a small, strict JSON reader for the spec-suite runner.
 *
 * Enough of RFC 8259 for wast2json output: objects, arrays, strings (all
 * escapes, \uXXXX decoded to UTF-8, surrogate pairs joined), numbers (kept
 * both as their source text and as a double), true, false, null.  Strings
 * may contain NUL bytes, so each carries its length.
 *
 * The parser never crashes on bad input: it returns NULL and describes the
 * first problem (with its byte offset) in the caller's error buffer.
 * Nesting is limited (JSON_MAX_DEPTH) so hostile input cannot exhaust the
 * C stack.  A parsed tree is one heap allocation per node and is released
 * with json_free().
 */
#ifndef SPEC_JSON_H
#define SPEC_JSON_H

#include <stdbool.h>
#include <stddef.h>

#define JSON_MAX_DEPTH 256

enum json_type {
	JSON_NULL,
	JSON_BOOL,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT,
};

struct json {
	enum json_type type;
	bool b;         /* JSON_BOOL */
	double num;     /* JSON_NUMBER */
	char *str;      /* JSON_STRING: decoded, NUL-terminated; NUMBER: text */
	size_t len;     /* JSON_STRING/NUMBER: bytes in str, without the NUL */
	size_t n;       /* JSON_ARRAY/OBJECT: number of items */
	struct json **items; /* JSON_ARRAY/OBJECT: the values */
	char **keys;    /* JSON_OBJECT: decoded keys, NUL-terminated */
	size_t *keylens; /* JSON_OBJECT: key lengths */
};

/* Parse exactly one JSON value (surrounded only by whitespace) from
 * [text, text+len).  Returns the tree, or NULL with a message in err. */
struct json *json_parse(const char *text, size_t len, char *err,
			size_t errlen);
void json_free(struct json *j);

/* Object member by key (the last one if duplicated), or NULL if `j` is not
 * an object or has no such key. */
const struct json *json_get(const struct json *j, const char *key);
/* The string value of member `key`, or NULL if absent or not a string. */
const char *json_get_str(const struct json *j, const char *key);
/* Array element, or NULL if `j` is not an array or i is out of range. */
const struct json *json_at(const struct json *j, size_t i);
/* Number of elements of an array, 0 for anything else. */
size_t json_len(const struct json *j);

#endif
