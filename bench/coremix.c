/*
 * coremix.c - a mixed workload in the spirit of CoreMark (written anew).
 *
 * Each iteration does four kinds of work on small data and folds the
 * results into a running CRC-16:
 *   - list:   a singly linked list of 64 nodes in a static pool; find by
 *             key, reverse, and an insertion sort by value (pointer
 *             chasing, unpredictable branches);
 *   - state:  a finite-state machine that scans a string of numbers
 *             ("123", "-4.5e6", "0x1f", junk) and counts what it saw
 *             (byte loads, a switch per character);
 *   - matrix: 16x16 int16 matrix times matrix and times vector, with
 *             shifts and masks on the int32 results;
 *   - crc:    CRC-16/CCITT bit by bit over the intermediate values.
 * The seeds change every iteration so nothing is loop-invariant.
 */
#include "bench.h"

#define LIST_NODES 64
#define MAT 16
#define TEXT_LEN 256

static volatile uint32_t coremix_iters = 40000;

/* ---- CRC-16/CCITT ---- */

static uint16_t crc16_byte(uint8_t b, uint16_t crc)
{
	crc ^= (uint16_t)b << 8;
	for (int i = 0; i < 8; i++)
		crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021)
				     : (uint16_t)(crc << 1);
	return crc;
}

static uint16_t crc16_u32(uint32_t v, uint16_t crc)
{
	crc = crc16_byte((uint8_t)v, crc);
	crc = crc16_byte((uint8_t)(v >> 8), crc);
	crc = crc16_byte((uint8_t)(v >> 16), crc);
	return crc16_byte((uint8_t)(v >> 24), crc);
}

/* ---- linked list ---- */

struct node {
	struct node *next;
	int16_t key;
	int16_t value;
};

static struct node pool[LIST_NODES];

static struct node *list_build(uint32_t seed)
{
	struct node *head = 0;
	for (int i = 0; i < LIST_NODES; i++) {
		seed = seed * 1103515245u + 12345u;
		pool[i].key = (int16_t)i;
		pool[i].value = (int16_t)((seed >> 16) & 0x7fff);
		pool[i].next = head;
		head = &pool[i];
	}
	return head;
}

static struct node *list_find(struct node *l, int16_t key)
{
	while (l && l->key != key)
		l = l->next;
	return l;
}

static struct node *list_reverse(struct node *l)
{
	struct node *r = 0;
	while (l) {
		struct node *n = l->next;
		l->next = r;
		r = l;
		l = n;
	}
	return r;
}

static struct node *list_sort(struct node *l)
{
	struct node *sorted = 0;
	while (l) {
		struct node *n = l->next;
		struct node **pp = &sorted;
		while (*pp && (*pp)->value < l->value)
			pp = &(*pp)->next;
		l->next = *pp;
		*pp = l;
		l = n;
	}
	return sorted;
}

static uint16_t bench_list(uint32_t seed, uint16_t crc)
{
	struct node *l = list_build(seed);
	for (int16_t k = 0; k < LIST_NODES; k += 5) {
		struct node *f = list_find(l, (int16_t)((k + seed) % LIST_NODES));
		if (f)
			crc = crc16_u32((uint16_t)f->value, crc);
	}
	l = list_reverse(l);
	l = list_sort(l);
	uint32_t acc = 0;
	for (int i = 0; l; l = l->next, i++)
		acc += (uint32_t)(uint16_t)l->value * (uint32_t)(i + 1);
	return crc16_u32(acc, crc);
}

/* ---- state machine ---- */

enum state { S_START, S_INT, S_SIGN, S_HEX0, S_HEX, S_FRAC, S_EXP, S_EXPSIGN,
	     S_EXPDIG, S_BAD };

static char text[TEXT_LEN];

static void text_build(uint32_t seed)
{
	static const char *const words[] = { "123", "-4.5e6", "0x1f", "7.25",
					     "+88", "1e-3", "x9!", "0x",
					     "3.", "42", "-", "0xbeef" };
	uint32_t p = 0;
	while (p < TEXT_LEN - 10) {
		seed = seed * 1664525u + 1013904223u;
		const char *w = words[(seed >> 24) % 12];
		while (*w)
			text[p++] = *w++;
		text[p++] = ',';
	}
	text[p] = 0;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static uint16_t bench_state(uint32_t seed, uint16_t crc)
{
	uint32_t counts[S_BAD + 1] = { 0 };
	text_build(seed);
	enum state s = S_START;
	for (const char *p = text; *p; p++) {
		char c = *p;
		if (c == ',') {
			counts[s]++;
			s = S_START;
			continue;
		}
		switch (s) {
		case S_START:
			if (c == '0' && p[1] == 'x') {
				s = S_HEX0;
				p++;
			} else if (is_digit(c))
				s = S_INT;
			else if (c == '+' || c == '-')
				s = S_SIGN;
			else
				s = S_BAD;
			break;
		case S_SIGN:
			s = is_digit(c) ? S_INT : S_BAD;
			break;
		case S_INT:
			if (c == '.')
				s = S_FRAC;
			else if (c == 'e' || c == 'E')
				s = S_EXP;
			else if (!is_digit(c))
				s = S_BAD;
			break;
		case S_HEX0:
		case S_HEX:
			s = (is_digit(c) || (c >= 'a' && c <= 'f')) ? S_HEX
								   : S_BAD;
			break;
		case S_FRAC:
			if (c == 'e' || c == 'E')
				s = S_EXP;
			else if (!is_digit(c))
				s = S_BAD;
			break;
		case S_EXP:
			s = (c == '+' || c == '-') ? S_EXPSIGN
			    : is_digit(c)	    ? S_EXPDIG
						    : S_BAD;
			break;
		case S_EXPSIGN:
		case S_EXPDIG:
			s = is_digit(c) ? S_EXPDIG : S_BAD;
			break;
		case S_BAD:
			break;
		}
	}
	for (int i = 0; i <= S_BAD; i++)
		crc = crc16_u32(counts[i], crc);
	return crc;
}

/* ---- matrix ---- */

static int16_t ma[MAT][MAT], mb[MAT][MAT];
static int32_t mc[MAT][MAT];
static int16_t vec[MAT];

static uint16_t bench_matrix(uint32_t seed, uint16_t crc)
{
	for (int i = 0; i < MAT; i++) {
		for (int j = 0; j < MAT; j++) {
			seed = seed * 1103515245u + 12345u;
			ma[i][j] = (int16_t)((seed >> 16) & 0xff) - 128;
			mb[i][j] = (int16_t)((seed >> 8) & 0xff) - 128;
		}
		vec[i] = (int16_t)(i * 3 - 20);
	}
	for (int i = 0; i < MAT; i++)
		for (int j = 0; j < MAT; j++) {
			int32_t s = 0;
			for (int k = 0; k < MAT; k++)
				s += (int32_t)ma[i][k] * mb[k][j];
			mc[i][j] = s;
		}
	uint32_t acc = 0;
	for (int i = 0; i < MAT; i++) {
		int32_t s = 0;
		for (int j = 0; j < MAT; j++)
			s += (int32_t)ma[i][j] * vec[j];
		acc += (uint32_t)s;
	}
	for (int i = 0; i < MAT; i++)
		for (int j = 0; j < MAT; j++) {
			uint32_t v = (uint32_t)mc[i][j];
			acc += ((v >> 2) & 0xfff) ^ (v << 3);
		}
	return crc16_u32(acc, crc);
}

BENCH_EXPORT uint32_t run(void)
{
	uint32_t iters = coremix_iters;
	uint16_t crc = 0xffff;
	for (uint32_t i = 0; i < iters; i++) {
		uint32_t seed = i * 2654435761u + crc;
		crc = bench_list(seed, crc);
		crc = bench_state(seed ^ 0x5bd1e995u, crc);
		crc = bench_matrix(seed + 0x9e3779b9u, crc);
	}
	return ((uint32_t)crc << 16) | (iters & 0xffff);
}
