/* Run with `wasixrt run --mapdir /::SOMEDIR rootpreopen.wasm /x` where
 * SOMEDIR/x exists (or --dir /::/ and any path): with the guest's "/"
 * a preopen, wasix-libc passes absolute paths ("/x") relative to that
 * preopen's fd, as Wasmer resolves them from its root.  wasixrt refuses
 * every absolute path with ENOTCAPABLE (wx_path_resolve), so nothing
 * under a "/" mapping can be opened or stat'ed. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>

int main(int argc, char **argv)
{
	struct stat st;
	int i, bad = 0;
	for (i = 1; i < argc; i++) {
		int r = lstat(argv[i], &st);
		printf("lstat %s: %s\n", argv[i], r == 0 ? "ok" : strerror(errno));
		bad |= r != 0;
	}
	return bad;
}
