/*
 * trace_kinds.c - every import of wasi_preview1.def and wasix.def has a
 * row in trace_args.def whose arity matches its signature, so `--trace`
 * decodes every call (a row added to a .def file without one fails here),
 * and the decoder shows paths, flags and out-parameters as documented.
 */
#include <stdio.h>
#include <string.h>

#include "../../src/wasi/abi.h"
#include "../../src/wasix/trace.h"
#include "unit.h"

struct def_row {
	const char *name, *sig;
};

static const struct def_row def_rows[] = {
#define WASI_FUNC(name, sig) {#name, sig},
#include "../../src/wasi/wasi_preview1.def"
#undef WASI_FUNC
#define WASIX_FUNC(name, sig) {#name, sig},
#define WASIX_ENOSYS(name, sig) {#name, sig},
#define WASIX_ALIAS(name, impl, sig) {#name, sig},
#include "../../src/wasix/wasix.def"
#undef WASIX_FUNC
#undef WASIX_ENOSYS
#undef WASIX_ALIAS
};

static uint32_t sig_params(const char *sig)
{
	uint32_t n = 0;
	for (sig++; *sig != ')'; sig++)
		n++;
	return n;
}

WX_TEST(trace_kinds_every_import)
{
	size_t i;
	for (i = 0; i < sizeof(def_rows) / sizeof(def_rows[0]); i++) {
		const char *k = wx_trace_kinds(def_rows[i].name,
					       sig_params(def_rows[i].sig));
		if (k == NULL)
			printf("    no trace row for %s %s\n", def_rows[i].name,
			       def_rows[i].sig);
		CHECK(k != NULL);
	}
	CHECK(wx_trace_kinds("thread-spawn", 1) != NULL);
	CHECK(wx_trace_kinds("no_such_call", 1) == NULL);
	CHECK(strcmp(wx_trace_errno_name(44), "ENOENT") == 0);
	CHECK(wx_trace_errno_name(77) == NULL);
	CHECK(strcmp(wx_trace_signal_name(15), "SIGTERM") == 0);
}

WX_TEST(trace_kinds_decode)
{
	static uint8_t mem_bytes[256];
	struct wx_memory mem;
	struct wx_trace_buf b = {.n = 0};
	uint64_t args[10];
	memset(&mem, 0, sizeof(mem));
	mem.base = mem_bytes;
	mem.size = sizeof(mem_bytes);
	memcpy(mem_bytes + 16, "tmp/x\n", 6);
	wx_put32(mem_bytes + 64, 7); /* the fd path_open wrote */
	/* path_open(3, SYMLINK_FOLLOW, "tmp/x\n", CREAT|TRUNC, ...) */
	args[0] = 3; args[1] = 1; args[2] = 16; args[3] = 6; args[4] = 9;
	args[5] = 0xff; args[6] = 0; args[7] = 0x11; args[8] = 64;
	wx_trace_args(&b, wx_trace_kinds("path_open", 9), args, &mem);
	CHECK(strcmp(b.s, "3, SYMLINK_FOLLOW, \"tmp/x\\n\", CREAT|TRUNC, "
			  "0xff, 0x0, APPEND|SYNC") == 0);
	b.n = 0;
	wx_trace_outs(&b, wx_trace_kinds("path_open", 9), args, &mem);
	CHECK(strcmp(b.s, " (fd=7)") == 0);
	/* a path outside memory is shown as such, not read */
	b.n = 0;
	args[2] = 252;
	wx_trace_args(&b, wx_trace_kinds("path_open", 9), args, &mem);
	CHECK(strstr(b.s, "<bad ptr>") != NULL);
	/* an unknown flag bit stays visible */
	b.n = 0;
	args[0] = 4; args[1] = 0x25;
	wx_trace_args(&b, wx_trace_kinds("fd_fdstat_set_flags", 2), args, &mem);
	CHECK(strcmp(b.s, "4, APPEND|NONBLOCK|0x20") == 0);
}
