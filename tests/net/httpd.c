/*
 * httpd ROOT [PORT] - a small static-file HTTP/1.1 server: one process,
 * an epoll loop over non-blocking sockets, files sent with sendfile.
 * Built with the real WASIX libc (run under wasixrt) and natively, for
 * tests/net and bench/net.  Listens on 127.0.0.1:PORT (0: any free port)
 * and prints "port N" once it listens; ends on SIGTERM or SIGINT.
 *
 * GET and HEAD of regular files under ROOT ("/" is /index.html); 404 for
 * what is not there, 403 for a path with "..", 405 for other methods,
 * 400 for what does not parse; keep-alive for HTTP/1.1 unless
 * "Connection: close", and for HTTP/1.0 with "Connection: keep-alive".
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

/* Connections and the files they are sending each take an fd: 1,000
 * clients at once (bench/net/net_soak.sh) need about 2,000. */
#define MAXCONN 4096
#define INBUF 8192

struct conn {
	int fd;
	size_t inlen;
	char in[INBUF];
	char out[512]; /* the response header */
	size_t outlen, outoff;
	int file;      /* -1: none */
	off_t left;    /* file bytes still to send */
	int keep;
};

static struct conn *conns[MAXCONN];
static const char *root;
static int ep;
static volatile sig_atomic_t stop;
static unsigned long served;

static void on_stop(int sig)
{
	(void)sig;
	stop = 1;
}

static void nonblock(int fd)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

static void watch(int fd, uint32_t events, int op)
{
	struct epoll_event ev = { .events = events, .data.fd = fd };
	if (epoll_ctl(ep, op, fd, &ev) != 0)
		fprintf(stderr, "httpd: epoll_ctl %d failed\n", fd);
}

static void drop(struct conn *c)
{
	epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
	close(c->fd);
	if (c->file >= 0)
		close(c->file);
	conns[c->fd] = NULL;
	free(c);
}

static const char *mime(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (dot == NULL)
		return "application/octet-stream";
	if (strcmp(dot, ".html") == 0)
		return "text/html";
	if (strcmp(dot, ".txt") == 0)
		return "text/plain";
	if (strcmp(dot, ".css") == 0)
		return "text/css";
	if (strcmp(dot, ".js") == 0)
		return "application/javascript";
	return "application/octet-stream";
}

static void respond_error(struct conn *c, int code, const char *what)
{
	char body[128];
	int n = snprintf(body, sizeof(body), "%d %s\n", code, what);
	c->outlen = (size_t)snprintf(c->out, sizeof(c->out),
				     "HTTP/1.1 %d %s\r\nContent-Type: text/plain\r\n"
				     "Content-Length: %d\r\nConnection: %s\r\n\r\n%s",
				     code, what, n, c->keep ? "keep-alive" : "close",
				     body);
}

/* Parse the request in c->in (complete up to `end`) and prepare the
 * response. */
static void handle(struct conn *c, size_t end)
{
	char method[8], target[1024], version[16], path[2048];
	const char *hdrs;
	struct stat st;
	int head;

	c->outoff = 0;
	c->file = -1;
	c->left = 0;
	c->keep = 0;
	c->in[end - 1] = '\0';
	if (sscanf(c->in, "%7s %1023s %15s", method, target, version) != 3 ||
	    strncmp(version, "HTTP/1.", 7) != 0) {
		respond_error(c, 400, "Bad Request");
		return;
	}
	hdrs = strstr(c->in, "\r\n");
	c->keep = strcmp(version, "HTTP/1.1") == 0;
	for (const char *h = hdrs; h != NULL && *h; h = strstr(h + 2, "\r\n")) {
		if (strncasecmp(h + 2, "connection:", 11) == 0) {
			const char *v = h + 13;
			while (*v == ' ')
				v++;
			if (strncasecmp(v, "close", 5) == 0)
				c->keep = 0;
			else if (strncasecmp(v, "keep-alive", 10) == 0)
				c->keep = 1;
		}
	}
	head = strcmp(method, "HEAD") == 0;
	if (!head && strcmp(method, "GET") != 0) {
		respond_error(c, 405, "Method Not Allowed");
		return;
	}
	char *q = strchr(target, '?');
	if (q != NULL)
		*q = '\0';
	if (target[0] != '/' || strstr(target, "..") != NULL) {
		respond_error(c, 403, "Forbidden");
		return;
	}
	snprintf(path, sizeof(path), "%s%s%s", root, target,
		 strcmp(target, "/") == 0 ? "index.html" : "");
	c->file = open(path, O_RDONLY);
	if (c->file < 0 || fstat(c->file, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (c->file >= 0)
			close(c->file);
		c->file = -1;
		respond_error(c, 404, "Not Found");
		return;
	}
	c->outlen = (size_t)snprintf(c->out, sizeof(c->out),
				     "HTTP/1.1 200 OK\r\nContent-Type: %s\r\n"
				     "Content-Length: %lld\r\nConnection: %s\r\n\r\n",
				     mime(path), (long long)st.st_size,
				     c->keep ? "keep-alive" : "close");
	c->left = head ? 0 : st.st_size;
	if (c->left == 0) {
		close(c->file);
		c->file = -1;
	}
}

/* Look for a whole request; if there is one, start answering it. */
static void try_request(struct conn *c)
{
	char *end = NULL;
	for (size_t i = 3; i < c->inlen; i++)
		if (memcmp(c->in + i - 3, "\r\n\r\n", 4) == 0) {
			end = c->in + i + 1;
			break;
		}
	if (end == NULL) {
		if (c->inlen == INBUF) {
			c->keep = 0;
			respond_error(c, 400, "Bad Request");
			c->inlen = 0;
			watch(c->fd, EPOLLOUT, EPOLL_CTL_MOD);
		}
		return;
	}
	size_t used = (size_t)(end - c->in);
	handle(c, used);
	/* Pipelined bytes after this request stay for the next one. */
	memmove(c->in, c->in + used, c->inlen - used);
	c->inlen -= used;
	served++;
	watch(c->fd, EPOLLOUT, EPOLL_CTL_MOD);
}

static void on_readable(struct conn *c)
{
	for (;;) {
		ssize_t n = read(c->fd, c->in + c->inlen, INBUF - c->inlen);
		if (n > 0) {
			c->inlen += (size_t)n;
			if (c->inlen == INBUF)
				break;
			continue;
		}
		if (n == 0) {
			drop(c);
			return;
		}
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			break;
		drop(c);
		return;
	}
	try_request(c);
}

static void on_writable(struct conn *c)
{
	while (c->outoff < c->outlen) {
		ssize_t n = write(c->fd, c->out + c->outoff, c->outlen - c->outoff);
		if (n < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				drop(c);
			return;
		}
		c->outoff += (size_t)n;
	}
	while (c->left > 0) {
		size_t chunk = c->left > (1 << 20) ? (1 << 20) : (size_t)c->left;
		ssize_t n = sendfile(c->fd, c->file, NULL, chunk);
		if (n <= 0) {
			if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
				return;
			drop(c);
			return;
		}
		c->left -= n;
	}
	if (c->file >= 0) {
		close(c->file);
		c->file = -1;
	}
	if (!c->keep) {
		drop(c);
		return;
	}
	watch(c->fd, EPOLLIN, EPOLL_CTL_MOD);
	if (c->inlen > 0)
		try_request(c);
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	struct epoll_event evs[64];
	struct sigaction sa;
	int ls, one = 1;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: httpd ROOT [PORT]\n");
		return 2;
	}
	root = argv[1];
	a.sin_port = htons((uint16_t)(argc == 3 ? atoi(argv[2]) : 0));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (getenv("LISTEN_FDS") != NULL) {
		const char *start = getenv("LISTEN_FDS_START");
		ls = start != NULL ? atoi(start) : 3;
		if (getsockname(ls, (struct sockaddr *)&a, &len) != 0) {
			perror("httpd: LISTEN_FDS");
			return 1;
		}
	} else if ((ls = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(ls, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(ls, 1024) != 0 ||
	    getsockname(ls, (struct sockaddr *)&a, &len) != 0) {
		perror("httpd: listen");
		return 1;
	}
	nonblock(ls);
	ep = epoll_create1(0);
	watch(ls, EPOLLIN, EPOLL_CTL_ADD);
	printf("port %d\n", ntohs(a.sin_port));
	fflush(stdout);
	while (!stop) {
		int n = epoll_wait(ep, evs, 64, -1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			perror("httpd: epoll_wait");
			return 1;
		}
		for (int i = 0; i < n; i++) {
			int fd = evs[i].data.fd;
			if (fd == ls) {
				int c;
				while ((c = accept(ls, NULL, NULL)) >= 0) {
					if (c >= MAXCONN) {
						close(c);
						continue;
					}
					struct conn *cn = calloc(1, sizeof(*cn));
					if (cn == NULL) {
						close(c);
						continue;
					}
					cn->fd = c;
					cn->file = -1;
					nonblock(c);
					setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one,
						   sizeof(one));
					conns[c] = cn;
					watch(c, EPOLLIN, EPOLL_CTL_ADD);
				}
				continue;
			}
			struct conn *c = fd < MAXCONN ? conns[fd] : NULL;
			if (c == NULL)
				continue;
			if (evs[i].events & (EPOLLERR | EPOLLHUP) &&
			    !(evs[i].events & (EPOLLIN | EPOLLOUT))) {
				drop(c);
			} else if (evs[i].events & EPOLLOUT) {
				on_writable(c);
			} else if (evs[i].events & EPOLLIN) {
				on_readable(c);
			}
		}
	}
	fprintf(stderr, "httpd: %lu requests\n", served);
	return 0;
}
