/*
 * tail_musttail.c - a threaded-code interpreter whose handlers end in
 * [[clang::musttail]] calls: built for wasm with -mtail-call these are
 * return_call / return_call_indirect (the runner checks), and 10 million
 * dispatches must run in constant stack.  Without tail calls in the
 * runtime the stack would overflow long before the end.
 */
#include <stdint.h>
#include <stdio.h>

typedef struct vm {
    int64_t acc;
    uint32_t steps;
} vm;

typedef int64_t (*op_fn)(vm *, uint32_t pc);

static int64_t op_add(vm *m, uint32_t pc);
static int64_t op_mul(vm *m, uint32_t pc);
static int64_t op_xor(vm *m, uint32_t pc);
static int64_t op_halt(vm *m, uint32_t pc);

static const op_fn program[4] = {op_add, op_mul, op_xor, op_add};

static int64_t dispatch(vm *m, uint32_t pc)
{
    if (++m->steps >= 10000000u)
        __attribute__((musttail)) return op_halt(m, pc);
    __attribute__((musttail)) return program[pc & 3](m, pc + 1);
}

static int64_t op_add(vm *m, uint32_t pc)
{
    m->acc += pc;
    __attribute__((musttail)) return dispatch(m, pc);
}

static int64_t op_mul(vm *m, uint32_t pc)
{
    m->acc = m->acc * 3 % 1000000007;
    __attribute__((musttail)) return dispatch(m, pc);
}

static int64_t op_xor(vm *m, uint32_t pc)
{
    m->acc ^= (int64_t)pc << 3;
    __attribute__((musttail)) return dispatch(m, pc);
}

static int64_t op_halt(vm *m, uint32_t pc)
{
    (void)pc;
    return m->acc;
}

/* mutual recursion through direct tail calls */
static int is_odd(uint32_t n);
static int is_even(uint32_t n)
{
    if (n == 0)
        return 1;
    __attribute__((musttail)) return is_odd(n - 1);
}
static int is_odd(uint32_t n)
{
    if (n == 0)
        return 0;
    __attribute__((musttail)) return is_even(n - 1);
}

int main(void)
{
    vm m = {1, 0};
    printf("vm %lld after %u steps\n", (long long)dispatch(&m, 0), m.steps);
    printf("even(10000001) %d even(20000000) %d\n", is_even(10000001u), is_even(20000000u));
    return 0;
}
