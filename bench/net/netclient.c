/*
 * netclient lat PORT N | tput PORT MIB - the native client of bench/net,
 * against an echo server on 127.0.0.1:PORT.
 *   lat:  N round trips of a 64-byte message on one connection; prints
 *         the median and the 99th percentile round trip in microseconds.
 *   tput: MIB mebibytes through the echo on one connection (a thread
 *         reads back while the main thread writes); prints MiB/s.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static int fd;
static size_t total;

static void *reader(void *arg)
{
	static char buf[1 << 16];
	size_t got = 0;
	(void)arg;
	while (got < total) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n <= 0) {
			perror("read");
			exit(1);
		}
		got += (size_t)n;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int one = 1;

	if (argc != 4)
		return 2;
	a.sin_port = htons((uint16_t)atoi(argv[2]));
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
		perror("connect");
		return 1;
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (strcmp(argv[1], "lat") == 0) {
		int n = atoi(argv[3]);
		double *t = calloc((size_t)n, sizeof(*t));
		char msg[64] = "ping", back[64];
		for (int i = 0; i < n; i++) {
			double t0 = now_us();
			if (write(fd, msg, 64) != 64)
				return 1;
			for (size_t got = 0; got < 64;) {
				ssize_t r = read(fd, back + got, 64 - got);
				if (r <= 0)
					return 1;
				got += (size_t)r;
			}
			t[i] = now_us() - t0;
		}
		qsort(t, (size_t)n, sizeof(*t), cmp);
		printf("%.1f %.1f\n", t[n / 2], t[n * 99 / 100]);
		return 0;
	}
	static char buf[1 << 16];
	pthread_t th;
	total = (size_t)atoi(argv[3]) << 20;
	pthread_create(&th, NULL, reader, NULL);
	double t0 = now_us();
	for (size_t sent = 0; sent < total;) {
		size_t chunk = total - sent < sizeof(buf) ? total - sent : sizeof(buf);
		ssize_t w = write(fd, buf, chunk);
		if (w <= 0)
			return 1;
		sent += (size_t)w;
	}
	pthread_join(th, NULL);
	printf("%.0f\n", (total / 1048576.0) / ((now_us() - t0) / 1e6));
	return 0;
}
