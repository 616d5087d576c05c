/*
 * listen.h - listening sockets for the guest (--tcplisten, LISTEN_FDS);
 * see listen.c.
 */
#ifndef WX_CLI_LISTEN_H
#define WX_CLI_LISTEN_H

#include "options.h"

struct wx_cli_listeners {
	int *fds; /* host fds, in guest fd order */
	size_t n, nactivated;
	char env[3][40]; /* guest environment additions */
	size_t nenv;
};

/* Open the --tcplisten sockets and take the activated ones.  0, or -1
 * with a one-line reason in err. */
int wx_cli_listeners(const struct wx_cli_config *cfg,
		     struct wx_cli_listeners *l, char *err, size_t errlen);
void wx_cli_listeners_fini(struct wx_cli_listeners *l);

#endif
