/*
 * listen.c - the listening sockets the runtime hands to the guest:
 * --tcplisten ADDR:PORT (the runtime binds and listens, as wasmtime's
 * option does) and systemd-style socket activation (LISTEN_FDS and
 * LISTEN_PID naming this process: the inherited fds 3, 4, ...).
 *
 * Both become guest fds after the preopened directories (wasi-libc stops
 * looking for preopens at the first fd that is not one, so they cannot
 * come first).  For activation the guest's environment gets LISTEN_FDS=N
 * here, and LISTEN_FDS_START=K (the first of them; LISTEN_PID=1, the
 * guest's own pid, too when K is 3, where sd_listen_fds() looks for them)
 * from wx_wasi_create, which alone knows how many preopens come first
 * (the virtual /dev and, for a WASIX program, the virtual root).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "listen.h"
#include "wasi/wasi.h"

/* Open one --tcplisten socket (the spec was checked by the parser). */
static int open_tcplisten(const char *spec, char *err, size_t errlen)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *in4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
	const char *colon = strrchr(spec, ':');
	char host[64];
	size_t hl = (size_t)(colon - spec);
	socklen_t len;
	int fd, one = 1;

	memset(&ss, 0, sizeof(ss));
	if (spec[0] == '[') {
		snprintf(host, sizeof(host), "%.*s", (int)hl - 2, spec + 1);
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)atoi(colon + 1));
		inet_pton(AF_INET6, host, &in6->sin6_addr);
		len = sizeof(*in6);
	} else {
		snprintf(host, sizeof(host), "%.*s", (int)hl, spec);
		in4->sin_family = AF_INET;
		in4->sin_port = htons((uint16_t)atoi(colon + 1));
		inet_pton(AF_INET, host, &in4->sin_addr);
		len = sizeof(*in4);
	}
	fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(fd, (struct sockaddr *)&ss, len) != 0 || listen(fd, 511) != 0) {
		snprintf(err, errlen, "--tcplisten %s: %s", spec,
			 strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

int wx_cli_listeners(const struct wx_cli_config *cfg, struct wx_cli_listeners *l,
		     char *err, size_t errlen)
{
	const char *lfds = getenv("LISTEN_FDS"), *lpid = getenv("LISTEN_PID");
	size_t i, nact = 0;
	char *end;
	struct stat st;

	memset(l, 0, sizeof(*l));
	if (lfds != NULL && lpid != NULL &&
	    strtol(lpid, &end, 10) == (long)getpid() && *end == '\0') {
		long n = strtol(lfds, &end, 10);
		if (*end != '\0' || n < 0 || n > 1024) {
			snprintf(err, errlen, "bad LISTEN_FDS '%s'", lfds);
			return -1;
		}
		nact = (size_t)n;
	}
	l->fds = calloc(cfg->ntcplisten + nact + 1, sizeof(int));
	if (l->fds == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (i = 0; i < cfg->ntcplisten; i++) {
		int fd = open_tcplisten(cfg->tcplisten[i], err, errlen);
		if (fd < 0) {
			wx_cli_listeners_fini(l);
			return -1;
		}
		l->fds[l->n++] = fd;
	}
	for (i = 0; i < nact; i++) {
		int fd = 3 + (int)i;
		if (fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode)) {
			snprintf(err, errlen,
				 "LISTEN_FDS: fd %d is not a socket", fd);
			wx_cli_listeners_fini(l);
			return -1;
		}
		/* The runtime's own execs must not pass it on. */
		fcntl(fd, F_SETFD, FD_CLOEXEC);
		l->fds[l->n++] = fd;
		l->nactivated++;
	}
	if (nact > 0) {
		unsetenv("LISTEN_FDS");
		unsetenv("LISTEN_PID");
		unsetenv("LISTEN_FDNAMES");
		snprintf(l->env[0], sizeof(l->env[0]), "LISTEN_FDS=%zu", nact);
		l->nenv = 1;
	}
	return 0;
}

void wx_cli_listeners_fini(struct wx_cli_listeners *l)
{
	size_t i;

	/* Only the sockets this process opened; inherited ones stay. */
	for (i = 0; i < l->n - l->nactivated; i++)
		close(l->fds[i]);
	free(l->fds);
	memset(l, 0, sizeof(*l));
}
