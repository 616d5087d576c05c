/*
 * machine.c - differential test program: switch-heavy code.
 * A small stack-machine interpreter (a dense switch: br_table), a
 * tokenizer state machine over generated text, a sparse switch (compare
 * chains), and a run-length encoder/decoder.
 */
#include <stdint.h>

enum op {
	OP_PUSH, OP_POP, OP_DUP, OP_SWAP, OP_ADD, OP_SUB, OP_MUL, OP_DIVU,
	OP_AND, OP_OR, OP_XOR, OP_SHL, OP_SHR, OP_JMP, OP_JNZ, OP_LOAD,
	OP_STORE, OP_INC, OP_DEC, OP_OVER, OP_HALT,
};

/* Sum of i*i mod 7 + fib-like mixing for i in [0, n), as bytecode.
 * Registers r0 = i, r1 = acc, r2 = n, r3 = f. */
static const int32_t program[] = {
	OP_PUSH, 0, OP_STORE, 0,     /* 0: i = 0 */
	OP_PUSH, 1, OP_STORE, 3,     /* 4: f = 1 */
	/* loop (8): if i == n halt */
	OP_LOAD, 2, OP_LOAD, 0, OP_SUB, OP_JNZ, 17, OP_HALT,
	0,                           /* 16: padding */
	/* body (17): acc = acc + (i * i) % 7 ^ f */
	OP_LOAD, 0, OP_DUP, OP_MUL, OP_PUSH, 7, OP_DIVU, /* q = i*i/7 */
	OP_PUSH, 7, OP_MUL, OP_LOAD, 0, OP_DUP, OP_MUL, OP_SWAP, OP_SUB,
	OP_LOAD, 3, OP_XOR, OP_LOAD, 1, OP_ADD, OP_STORE, 1,
	/* f = (f << 1 | f >> 31) + i */
	OP_LOAD, 3, OP_PUSH, 1, OP_SHL, OP_LOAD, 3, OP_PUSH, 31, OP_SHR,
	OP_OR, OP_LOAD, 0, OP_ADD, OP_STORE, 3,
	OP_LOAD, 0, OP_INC, OP_STORE, 0, OP_JMP, 8,
};

/* Runs `program`; returns acc, or a negative error code. */
int32_t vm(int32_t n)
{
	uint32_t stack[64], reg[4] = { 0, 0, (uint32_t)n, 0 }, a, b;
	int32_t pc = 0, sp = 0, steps = 0;
	const int32_t len = (int32_t)(sizeof(program) / sizeof(program[0]));

	for (;;) {
		if (pc < 0 || pc >= len || ++steps > 10000000)
			return -1;
		if (sp < 0 || sp > 60)
			return -2;
		switch ((enum op)program[pc++]) {
		case OP_PUSH:
			stack[sp++] = (uint32_t)program[pc++];
			break;
		case OP_POP:
			sp--;
			break;
		case OP_DUP:
			stack[sp] = stack[sp - 1];
			sp++;
			break;
		case OP_SWAP:
			a = stack[sp - 1];
			stack[sp - 1] = stack[sp - 2];
			stack[sp - 2] = a;
			break;
		case OP_OVER:
			stack[sp] = stack[sp - 2];
			sp++;
			break;
		case OP_ADD:
		case OP_SUB:
		case OP_MUL:
		case OP_DIVU:
		case OP_AND:
		case OP_OR:
		case OP_XOR:
		case OP_SHL:
		case OP_SHR:
			b = stack[--sp];
			a = stack[--sp];
			switch ((enum op)program[pc - 1]) {
			case OP_ADD: a += b; break;
			case OP_SUB: a -= b; break;
			case OP_MUL: a *= b; break;
			case OP_DIVU: a = b ? a / b : 0; break;
			case OP_AND: a &= b; break;
			case OP_OR: a |= b; break;
			case OP_XOR: a ^= b; break;
			case OP_SHL: a <<= b & 31; break;
			default: a >>= b & 31; break;
			}
			stack[sp++] = a;
			break;
		case OP_JMP:
			pc = program[pc];
			break;
		case OP_JNZ:
			pc = stack[--sp] ? program[pc] : pc + 1;
			break;
		case OP_LOAD:
			stack[sp++] = reg[program[pc++] & 3];
			break;
		case OP_STORE:
			reg[program[pc++] & 3] = stack[--sp];
			break;
		case OP_INC:
			stack[sp - 1]++;
			break;
		case OP_DEC:
			stack[sp - 1]--;
			break;
		case OP_HALT:
			return (int32_t)reg[1];
		default:
			return -3;
		}
	}
}

static char text[8192];

/* Generate pseudo-C text: words, numbers, operators, strings, comments. */
static uint32_t gentext(uint32_t seed, uint32_t len)
{
	static const char alphabet[] =
		"abcxyz_ABZ0123456789 \t\n+-*/=<>!&|(){};,\"\\.e";
	uint32_t s = seed | 1u, i;

	for (i = 0; i < len; i++) {
		s ^= s << 13;
		s ^= s >> 17;
		s ^= s << 5;
		text[i] = alphabet[s % (sizeof(alphabet) - 1)];
	}
	return len;
}

enum tstate { S_START, S_IDENT, S_NUM, S_FRAC, S_STR, S_ESC, S_SLASH,
	      S_LINECOMMENT, S_BLOCKCOMMENT, S_BLOCKSTAR, S_OP };

/* Tokenize; returns a hash of (token kind, length) pairs. */
int32_t lexer(int32_t seed, int32_t n)
{
	uint32_t len = gentext((uint32_t)seed,
			       n < 0 ? 0 : n > 8192 ? 8192 : (uint32_t)n);
	uint32_t i, h = 0, toklen = 0, ntok = 0;
	enum tstate st = S_START;
	char c;

	for (i = 0; i <= len; i++) {
		c = i < len ? text[i] : '\0';
	again:
		switch (st) {
		case S_START:
			toklen = 0;
			if (c == '\0')
				break;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    c == '_')
				st = S_IDENT;
			else if (c >= '0' && c <= '9')
				st = S_NUM;
			else if (c == '"')
				st = S_STR;
			else if (c == '/')
				st = S_SLASH;
			else if (c == ' ' || c == '\t' || c == '\n')
				break;
			else
				st = S_OP;
			toklen = 1;
			break;
		case S_IDENT:
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    c == '_' || (c >= '0' && c <= '9')) {
				toklen++;
				break;
			}
			goto emit;
		case S_NUM:
		case S_FRAC:
			if (c >= '0' && c <= '9') {
				toklen++;
				break;
			}
			if (c == '.' && st == S_NUM) {
				st = S_FRAC;
				toklen++;
				break;
			}
			goto emit;
		case S_STR:
			toklen++;
			if (c == '\\')
				st = S_ESC;
			else if (c == '"' || c == '\n' || c == '\0')
				goto emit_after;
			break;
		case S_ESC:
			toklen++;
			st = S_STR;
			break;
		case S_SLASH:
			if (c == '/') {
				st = S_LINECOMMENT;
				break;
			}
			if (c == '*') {
				st = S_BLOCKCOMMENT;
				break;
			}
			st = S_OP;
			goto emit;
		case S_LINECOMMENT:
			if (c == '\n' || c == '\0')
				st = S_START;
			break;
		case S_BLOCKCOMMENT:
			if (c == '*')
				st = S_BLOCKSTAR;
			else if (c == '\0')
				st = S_START;
			break;
		case S_BLOCKSTAR:
			st = c == '/' ? S_START
			     : c == '*' ? S_BLOCKSTAR
			     : c == '\0' ? S_START : S_BLOCKCOMMENT;
			break;
		case S_OP:
			if ((c == '=' || c == '&' || c == '|') && toklen == 1) {
				toklen++;
				break;
			}
			goto emit;
		}
		continue;
	emit:
		h = (h ^ ((uint32_t)st * 64 + toklen)) * 16777619u;
		ntok++;
		st = S_START;
		goto again;
	emit_after:
		h = (h ^ ((uint32_t)st * 64 + toklen)) * 16777619u;
		ntok++;
		st = S_START;
	}
	return (int32_t)(h ^ ntok << 20);
}

/* A sparse switch: compiled to compare trees, not a jump table. */
static uint32_t sparse(uint32_t x)
{
	switch (x) {
	case 1: return 7;
	case 10: return 3;
	case 100: return 11;
	case 1000: return 13;
	case 4096: return 17;
	case 65535: return 19;
	case 100000: return 23;
	case 0x7fffffff: return 29;
	case 0x80000000u: return 31;
	case 0xfffffffeu: return 37;
	default: return x % 5;
	}
}

/* A dense switch on a small range. */
static uint32_t dense(uint32_t x)
{
	switch (x & 15) {
	case 0: return x + 1;
	case 1: return x * 3;
	case 2: return x ^ 0x5a5a;
	case 3: return x >> 3;
	case 4: return ~x;
	case 5: return x << 2;
	case 6: return x - 77;
	case 7: return x * x;
	case 8: return x | 0x100;
	case 9: return x & 0xff00ff;
	case 10: return x + 0x12345;
	case 11: return x / 3;
	case 12: return x % 1000;
	case 13: return 13;
	default: return x;
	}
}

int32_t switches(int32_t seed, int32_t n)
{
	static const uint32_t specials[] = { 1, 10, 100, 1000, 4096, 65535,
					     100000, 0x7fffffff, 0x80000000u,
					     0xfffffffeu, 5, 0 };
	uint32_t s = (uint32_t)seed | 1u, acc = 0;
	int32_t i;

	for (i = 0; i < n; i++) {
		s = s * 1664525u + 1013904223u;
		acc += sparse(s >> (s & 7)) + dense(s);
		acc ^= sparse(specials[(uint32_t)i % 12]);
	}
	return (int32_t)acc;
}

static uint8_t rle_in[4096], rle_enc[8192], rle_out[4096];

/* Run-length encode then decode runs of random lengths; returns the
 * encoded size, or -1 if the round trip differs. */
int32_t rle(int32_t seed, int32_t n)
{
	uint32_t s = (uint32_t)seed | 1u, len, i = 0, e = 0, o = 0, run, k;
	uint8_t v;

	len = n < 0 ? 0 : n > 4096 ? 4096 : (uint32_t)n;
	while (i < len) {
		s = s * 1103515245u + 12345u;
		run = 1 + (s >> 16) % 300;
		v = (uint8_t)(s >> 8);
		for (k = 0; k < run && i < len; k++)
			rle_in[i++] = v;
	}
	for (i = 0; i < len; i += run) {
		for (run = 1; i + run < len && run < 255 &&
			      rle_in[i + run] == rle_in[i];
		     run++)
			;
		rle_enc[e++] = (uint8_t)run;
		rle_enc[e++] = rle_in[i];
	}
	for (i = 0; i < e; i += 2)
		for (k = 0; k < rle_enc[i]; k++)
			rle_out[o++] = rle_enc[i + 1];
	if (o != len)
		return -1;
	for (i = 0; i < len; i++)
		if (rle_out[i] != rle_in[i])
			return -1;
	return (int32_t)e;
}
