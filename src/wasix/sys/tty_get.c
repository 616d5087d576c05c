/* tty_get.c - tty_get(ret_tty) -> errno: the 24-byte tty_t (wasix-abi.md
 * 4.3) from the host's terminal state of stdin/stdout/stderr.
 *
 * DEVIATION: ENOTTY when stdin is not a terminal (Wasmer always answers).
 * wasix-libc's tcgetattr(fd, ...) ignores fd and is tty_get alone, so
 * this is the only way its tcgetattr(0) can fail with ENOTTY as it does
 * natively for a pipe or /dev/null; programs use that failure to decide
 * they are not interactive. */
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "../internal.h"

int wx_wasix_tty_get(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint8_t *out = wx_wasi_mem(p->wasi, wx_arg32(args, 0), 24);
	struct winsize ws;
	struct termios tio;
	if (out == NULL) {
		args[0] = WX_WASI_EMEMVIOLATION;
		return 0;
	}
	if (!isatty(0)) {
		args[0] = WX_WASI_ENOTTY;
		return 0;
	}
	memset(out, 0, 24);
	memset(&ws, 0, sizeof(ws));
	if (ioctl(1, TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0) {
		ws.ws_col = 80;
		ws.ws_row = 25;
	}
	wx_put32(out + 0, ws.ws_col);
	wx_put32(out + 4, ws.ws_row);
	wx_put32(out + 8, ws.ws_xpixel);
	wx_put32(out + 12, ws.ws_ypixel);
	out[16] = (uint8_t)isatty(0);
	out[17] = (uint8_t)isatty(1);
	out[18] = (uint8_t)isatty(2);
	if (tcgetattr(0, &tio) == 0) {
		out[19] = (tio.c_lflag & ECHO) != 0;
		out[20] = (tio.c_lflag & ICANON) != 0;
	} else {
		out[19] = 1;
		out[20] = 1;
	}
	out[21] = 1;
	args[0] = 0;
	return 0;
}
