/*
 * path_symlink.c - path_symlink(old_path, old_len, dirfd, new_path,
 * new_len) -> errno (wasix-abi.md 2a): symlinkat beneath dirfd.  Needs
 * PATH_SYMLINK.  A relative link text is stored as given: it is only
 * data until someone resolves it, and our resolution refuses escaping
 * targets (ENOTCAPABLE) whoever created them.  An absolute target is
 * refused (ENOTCAPABLE) for plain WASI, as the wasi-testsuite wants
 * (wasmtime refuses it too); a WASIX program, which has a root (the
 * virtual one or a --dir at /), may create one: it is followed from the
 * guest's root, never the host's (path.c, WX_PATH_RESTART), as Wasmer
 * follows it in its root file system.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "../internal.h"

int wx_wasi_path_symlink(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_path p = { .dirfd = -1 };
	struct wx_fdref ref = { 0 };
	char *target = NULL;
	struct stat st;
	int ret;

	ret = wx_path_copyin(ctx, wx_arg32(args, 0), wx_arg32(args, 1),
			     &target);
	if (ret != 0)
		goto fail;
	if (target[0] == '/' && !((struct wx_wasi *)ctx)->abs_links) {
		ret = WX_WASI_ENOTCAPABLE;
		goto fail;
	}
	ret = wx_path_begin(ctx, wx_arg32(args, 2), WX_RIGHT_PATH_SYMLINK,
			    wx_arg32(args, 3), wx_arg32(args, 4), false, &ref,
			    &p);
	if (ret != 0)
		goto fail;
	if (p.trailing_slash) {
		/* "new/" can only name an existing directory. */
		ret = fstatat(p.dirfd, p.name, &st, AT_SYMLINK_NOFOLLOW) == 0
			      ? WX_WASI_EEXIST
			      : WX_WASI_ENOENT;
		goto fail;
	}
	if (symlinkat(target, p.dirfd, p.name) != 0)
		ret = wx_wasi_errno(errno);
fail:
	free(target);
	wx_path_fini(&p);
	wx_fdref_release(&ref);
	return wx_wasi_result(args, ret);
}
