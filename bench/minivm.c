/*
 * minivm.c - indirect calls and switches: a bytecode mini-VM.
 *
 * A small register machine (8 registers, 32-bit instruction words) with
 * a switch-dispatched interpreter loop, which clang lowers to a wasm
 * br_table, and a CALL instruction that goes through a table of function
 * pointers, which becomes call_indirect.  The program it runs counts the
 * Collatz steps of every n in 1..LIMIT and folds each count into an
 * accumulator through one of four mixing functions chosen by n & 3.
 * So this measures branch-table dispatch and indirect-call cost in each
 * runtime: an interpreter inside an interpreter for wasixrt.
 */
#include "bench.h"

enum op { HALT, LI, MOV, ADD, ADDI, ANDI, SHRI, JMP, JZ, JEQ, JLT, CALL };

/* An instruction word: op | a << 8 | b << 16 | c << 24; LI, ADDI, ANDI
 * and the jumps take one extra word (an immediate or a target). */
#define INSN(op, a, b, c) \
	((uint32_t)(op) | (uint32_t)(a) << 8 | (uint32_t)(b) << 16 | \
	 (uint32_t)(c) << 24)

typedef uint32_t (*mixfn)(uint32_t, uint32_t);

static uint32_t mix_mul(uint32_t a, uint32_t b)
{
	return a * 31u + b;
}

static uint32_t mix_rot(uint32_t a, uint32_t b)
{
	a ^= b;
	return (a << 5) | (a >> 27);
}

static uint32_t mix_sq(uint32_t a, uint32_t b)
{
	return a + b * b;
}

static uint32_t mix_xs(uint32_t a, uint32_t b)
{
	return (a - (b << 3)) ^ 0x9e3779b9u;
}

static mixfn const mixers[4] = { mix_mul, mix_rot, mix_sq, mix_xs };
static volatile uint32_t minivm_limit = 100000;
static volatile uint32_t minivm_reps = 1;

static uint32_t code[64];
static uint32_t ncode;

static void emit(uint32_t w)
{
	code[ncode++] = w;
}

/* Runs code[] from 0 until HALT; returns r0. */
__attribute__((noinline)) static uint32_t vm_exec(uint32_t r[8])
{
	uint32_t pc = 0;
	for (;;) {
		uint32_t w = code[pc++];
		uint32_t a = (w >> 8) & 7, b = (w >> 16) & 7, c = w >> 24;
		switch (w & 0xff) {
		case HALT:
			return r[0];
		case LI:
			r[a] = code[pc++];
			break;
		case MOV:
			r[a] = r[b];
			break;
		case ADD:
			r[a] = r[b] + r[c & 7];
			break;
		case ADDI:
			r[a] = r[b] + code[pc++];
			break;
		case ANDI:
			r[a] = r[b] & code[pc++];
			break;
		case SHRI:
			r[a] = r[b] >> (c & 31);
			break;
		case JMP:
			pc = code[pc];
			break;
		case JZ:
			pc = r[a] == 0 ? code[pc] : pc + 1;
			break;
		case JEQ:
			pc = r[a] == r[b] ? code[pc] : pc + 1;
			break;
		case JLT:
			pc = r[a] < r[b] ? code[pc] : pc + 1;
			break;
		case CALL:
			r[a] = mixers[r[c & 7] & 3](r[a], r[b]);
			break;
		default:
			return 0xdeadu;
		}
	}
}

/* Assembles the Collatz program; addresses are word indexes. */
static void assemble(uint32_t limit)
{
	uint32_t ln, lc, fix_done, fix_even, fix_step, leven, lstep, ldone;
	ncode = 0;
	emit(INSN(LI, 0, 0, 0));
	emit(1); /* r0 = n = 1 */
	emit(INSN(LI, 1, 0, 0));
	emit(limit); /* r1 = limit */
	emit(INSN(LI, 5, 0, 0));
	emit(1); /* r5 = 1 */
	ln = ncode;
	emit(INSN(MOV, 2, 0, 0)); /* r2 = x = n */
	emit(INSN(LI, 3, 0, 0));
	emit(0); /* r3 = steps = 0 */
	lc = ncode;
	emit(INSN(JEQ, 2, 5, 0)); /* x == 1: done */
	fix_done = ncode;
	emit(0);
	emit(INSN(ANDI, 4, 2, 0));
	emit(1);
	emit(INSN(JZ, 4, 0, 0)); /* even */
	fix_even = ncode;
	emit(0);
	emit(INSN(ADD, 6, 2, 2)); /* x = 3x + 1 */
	emit(INSN(ADD, 2, 6, 2));
	emit(INSN(ADDI, 2, 2, 0));
	emit(1);
	emit(INSN(JMP, 0, 0, 0));
	fix_step = ncode;
	emit(0);
	leven = ncode;
	emit(INSN(SHRI, 2, 2, 1)); /* x >>= 1 */
	lstep = ncode;
	emit(INSN(ADDI, 3, 3, 0));
	emit(1);
	emit(INSN(JMP, 0, 0, 0));
	emit(lc);
	ldone = ncode;
	emit(INSN(ANDI, 4, 0, 0));
	emit(3); /* r4 = n & 3 */
	emit(INSN(CALL, 7, 3, 4)); /* acc = mixers[r4](acc, steps) */
	emit(INSN(ADDI, 0, 0, 0));
	emit(1);
	emit(INSN(JLT, 0, 1, 0)); /* n < limit: next n */
	emit(ln);
	emit(INSN(MOV, 0, 7, 0));
	emit(INSN(HALT, 0, 0, 0));
	code[fix_done] = ldone;
	code[fix_even] = leven;
	code[fix_step] = lstep;
}

BENCH_EXPORT uint32_t run(void)
{
	uint32_t reps = minivm_reps;
	uint32_t acc = 0x12345678u;
	assemble(minivm_limit);
	for (uint32_t i = 0; i < reps; i++) {
		uint32_t r[8] = { 0 };
		r[7] = acc + i;
		acc = vm_exec(r);
	}
	return acc;
}
