/*
 * net_fileserver.c - the server example of `make demo`: a static file
 * server written against the real WASIX C library (wasix-libc), as any
 * POSIX program is: socket, bind, listen, accept, read, open, sendfile.
 *
 *   net_fileserver ROOT [COUNT]
 *
 * Listens on 127.0.0.1, a free port of the kernel's choosing, and prints
 * "listening on http://127.0.0.1:PORT/" once it does.  Answers GET
 * requests for the files under ROOT ("/" is /index.html) with 200 and the
 * file, 404 when there is none, 403 for a path with "..", 405 for other
 * methods; one request per connection.  Ends after COUNT connections
 * (default: never).
 *
 * Built and run by examples/run_demo.sh:
 *   wasix-cc -O2 -o net_fileserver.wasm examples/net_fileserver.c
 *   wasixrt run --net-listen '127.0.0.1:*' --mapdir /www::DIR \
 *       net_fileserver.wasm /www
 * where --net-listen allows it to listen there and nowhere else, and
 * --mapdir shows it DIR as /www and nothing else of the host.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

static void reply(int c, int code, const char *what, long long len)
{
	char head[256];
	int n = snprintf(head, sizeof(head),
			 "HTTP/1.1 %d %s\r\nContent-Length: %lld\r\n"
			 "Connection: close\r\n\r\n",
			 code, what, len);
	if (write(c, head, (size_t)n) != n)
		perror("net_fileserver: write");
}

static void error_page(int c, int code, const char *what)
{
	char body[64];
	int n = snprintf(body, sizeof(body), "%d %s\n", code, what);
	reply(c, code, what, n);
	if (write(c, body, (size_t)n) != n)
		perror("net_fileserver: write");
}

static void serve(int c, const char *root)
{
	char req[2048], method[8], target[1024], path[1200];
	size_t got = 0;
	struct stat st;
	int f;

	/* The request line and headers, up to the blank line. */
	while (got < sizeof(req) - 1) {
		ssize_t n = read(c, req + got, sizeof(req) - 1 - got);
		if (n <= 0)
			return;
		got += (size_t)n;
		req[got] = '\0';
		if (strstr(req, "\r\n\r\n") != NULL)
			break;
	}
	if (sscanf(req, "%7s %1023s", method, target) != 2) {
		error_page(c, 400, "Bad Request");
		return;
	}
	if (strcmp(method, "GET") != 0) {
		error_page(c, 405, "Method Not Allowed");
		return;
	}
	if (target[0] != '/' || strstr(target, "..") != NULL) {
		error_page(c, 403, "Forbidden");
		return;
	}
	snprintf(path, sizeof(path), "%s%s%s", root, target,
		 strcmp(target, "/") == 0 ? "index.html" : "");
	f = open(path, O_RDONLY);
	if (f < 0 || fstat(f, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (f >= 0)
			close(f);
		error_page(c, 404, "Not Found");
		return;
	}
	reply(c, 200, "OK", (long long)st.st_size);
	for (off_t left = st.st_size; left > 0;) {
		ssize_t n = sendfile(c, f, NULL, (size_t)left);
		if (n <= 0)
			break;
		left -= n;
	}
	close(f);
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	long count, served = 0;
	int ls, one = 1;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: net_fileserver ROOT [COUNT]\n");
		return 2;
	}
	count = argc == 3 ? atol(argv[2]) : -1;
	signal(SIGPIPE, SIG_IGN);
	if ((ls = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(ls, (struct sockaddr *)&a, sizeof(a)) != 0 ||
	    listen(ls, 64) != 0 ||
	    getsockname(ls, (struct sockaddr *)&a, &len) != 0) {
		perror("net_fileserver: listen");
		return 1;
	}
	printf("listening on http://127.0.0.1:%d/\n", ntohs(a.sin_port));
	fflush(stdout);
	while (count < 0 || served < count) {
		struct sockaddr_in peer;
		socklen_t plen = sizeof(peer);
		int c = accept(ls, (struct sockaddr *)&peer, &plen);
		if (c < 0) {
			if (errno == EINTR)
				continue;
			perror("net_fileserver: accept");
			return 1;
		}
		serve(c, argv[1]);
		close(c);
		served++;
	}
	close(ls);
	return 0;
}
