/*
 * native.h - the native side of the differential tests.
 *
 * run.sh generates, per program P, build/diff/P_calls.c: it #includes
 * P.c, redeclares each exported function with the C types matching its
 * wasm signature (so a signature that breaks the export conventions is a
 * compile error), and defines diff_call(), which native_main.c uses to
 * call a function by name.  Arguments are parsed and results printed
 * exactly as `wasixrt run --invoke` does.
 */
#ifndef DIFF_NATIVE_H
#define DIFF_NATIVE_H

#include <stdint.h>

int32_t diff_arg_i32(const char *s);
int64_t diff_arg_i64(const char *s);
float diff_arg_f32(const char *s);
double diff_arg_f64(const char *s);

void diff_put_i32(int32_t v);
void diff_put_i64(int64_t v);
void diff_put_f32(float v);
void diff_put_f64(double v);

int diff_streq(const char *a, const char *b);

/* Call export `name` with `nargs` textual arguments and print its result.
 * 0 on success, 1 if there is no such function, 2 on an argument count
 * mismatch. */
int diff_call(const char *name, char **args, int nargs);

#endif
