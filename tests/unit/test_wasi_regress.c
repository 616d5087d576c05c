/*
 * test_wasi_regress.c - WASI host calls that fuzz_hostcall found broken,
 * called directly on a context whose stdio are a pipe and /dev/null.
 */
#include "unit.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "runtime/runtime.h"
#include "wasi/wasi.h"

/* Call preview1's `name` with `args` on a context whose fds 0 and 1 are
 * /dev/null and a pipe, over a one-page memory `*memp` (returned, with
 * the errno the call returned). */
static uint32_t call(const char *name, uint64_t *args,
		     struct wx_memory **memp)
{
	struct wx_wasi_config wc;
	struct wx_report r = {0};
	struct wx_memtype mt;
	struct wx_linker l;
	struct wx_wasi *w = NULL;
	const struct wx_extern *e;
	uint32_t err = UINT32_MAX;
	int fds[2], null = open("/dev/null", O_RDWR | O_CLOEXEC);

	if (null < 0 || pipe(fds) != 0)
		return err;
	memset(&mt, 0, sizeof(mt));
	mt.limits.min = mt.limits.max = 1;
	mt.limits.has_max = true;
	if (wx_memory_create(&mt, memp) != 0)
		return err;
	wx_wasi_config_init(&wc);
	wc.stdio[0] = null;
	wc.stdio[1] = fds[1];
	wc.stdio[2] = null;
	wx_linker_init(&l);
	if (wx_wasi_create(&wc, &w, &r) == 0 && wx_wasi_define(&l, w) == 0) {
		wx_wasi_set_memory(w, *memp);
		e = wx_linker_lookup(&l, "wasi_snapshot_preview1", name, NULL);
		if (e != NULL && e->u.func->host(NULL, e->u.func->host_ctx,
						 args) == 0)
			err = (uint32_t)args[0];
	}
	wx_linker_fini(&l);
	wx_wasi_destroy(w);
	close(null);
	close(fds[0]);
	close(fds[1]);
	return err;
}

/* fd_filestat_get on a file that is neither regular nor a directory
 * (a character device, a pipe) read the fd's type through a reference
 * it had just released: a NULL dereference that killed the runtime. */
WX_TEST(regress_fd_filestat_get_on_pipe_and_device)
{
	uint32_t fd;
	for (fd = 0; fd < 2; fd++) {
		struct wx_memory *mem = NULL, *mem2 = NULL;
		uint64_t args[2] = {fd, 64}, args2[2] = {fd, 0};
		CHECK(call("fd_filestat_get", args, &mem) == 0);
		CHECK(call("fd_fdstat_get", args2, &mem2) == 0);
		if (mem != NULL && mem2 != NULL) {
			/* filetype (offset 16) as fdstat reports it (its
			 * offset 0): a character device for /dev/null. */
			uint8_t want = mem2->base[0];
			CHECK(mem->base[64 + 16] == want);
			CHECK(fd != 0 || want == 2);
			if (mem->base[64 + 16] != want)
				printf("  fd %u: filetype %u, want %u\n", fd,
				       mem->base[64 + 16], want);
		}
		if (mem != NULL)
			wx_memory_release(mem);
		if (mem2 != NULL)
			wx_memory_release(mem2);
	}
}

/* A path call with an empty path on the virtual /dev (fd 3 here: no
 * other preopen) read the byte before the path's buffer to look for a
 * trailing slash (fuzz_hostcall, UBSan "pointer overflow"; ASan: a heap
 * read out of bounds). */
WX_TEST(regress_empty_path_on_devfs)
{
	struct wx_memory *mem = NULL;
	uint64_t args[5] = {3, 0, 0, 0, 64};
	uint32_t err = call("path_filestat_get", args, &mem);
	CHECK(err != UINT32_MAX);
	if (mem != NULL)
		wx_memory_release(mem);
}
