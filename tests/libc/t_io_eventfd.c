/* eventfd: counter, EFD_NONBLOCK (EAGAIN), EFD_SEMAPHORE, poll
 * readiness, EFD_CLOEXEC accepted. */
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include "libc_test.h"

static int efd;

static void *writer(void *arg)
{
	uint64_t v = 9;

	usleep(20000);
	CHECK(write(efd, &v, 8) == 8);
	return arg;
}

int main(void)
{
	pthread_t th;
	uint64_t v;
	struct pollfd pfd;
	int fd, i;

	fd = eventfd(0, EFD_NONBLOCK);
	CHECK(fd >= 0);
	errno = 0;
	CHECK(read(fd, &v, 8) == -1 && errno == EAGAIN);
	printf("empty nonblocking read: %s\n", errno == EAGAIN ? "EAGAIN" : "?");
	pfd.fd = fd;
	pfd.events = POLLIN | POLLOUT;
	CHECK(poll(&pfd, 1, 0) == 1);
	printf("poll empty: in %d out %d\n", !!(pfd.revents & POLLIN),
	       !!(pfd.revents & POLLOUT));
	v = 3;
	CHECK(write(fd, &v, 8) == 8);
	v = 4;
	CHECK(write(fd, &v, 8) == 8);
	pfd.revents = 0;
	CHECK(poll(&pfd, 1, 0) == 1);
	printf("poll after write: in %d\n", !!(pfd.revents & POLLIN));
	CHECK(read(fd, &v, 8) == 8);
	printf("counter read: %llu\n", (unsigned long long)v);
	CHECK_EQ(v, 7);
	errno = 0;
	CHECK(read(fd, &v, 4) == -1 && errno == EINVAL);
	printf("short read: %s\n", errno == EINVAL ? "EINVAL" : "?");
	CHECK(eventfd_write(fd, 5) == 0);
	CHECK(eventfd_read(fd, &v) == 0 && v == 5);
	/* Writes: 8 bytes, never UINT64_MAX; one that would overflow the
	 * counter blocks, here EAGAIN. */
	v = 1;
	errno = 0;
	CHECK(write(fd, &v, 4) == -1 && errno == EINVAL);
	v = UINT64_MAX;
	CHECK(write(fd, &v, 8) == -1 && errno == EINVAL);
	printf("short write, UINT64_MAX: EINVAL\n");
	v = UINT64_MAX - 1;
	CHECK(write(fd, &v, 8) == 8);
	v = 1;
	errno = 0;
	CHECK(write(fd, &v, 8) == -1 && errno == EAGAIN);
	pfd.revents = 0;
	CHECK(poll(&pfd, 1, 0) == 1);
	printf("full counter: write EAGAIN %d, poll in %d out %d\n",
	       errno == EAGAIN, !!(pfd.revents & POLLIN),
	       !!(pfd.revents & POLLOUT));
	close(fd);

	fd = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
	CHECK(fd >= 0);
	for (i = 0; i < 2; i++) {
		CHECK(read(fd, &v, 8) == 8);
		printf("semaphore read %d: %llu\n", i, (unsigned long long)v);
	}
	errno = 0;
	CHECK(read(fd, &v, 8) == -1 && errno == EAGAIN);
	printf("semaphore drained: %s\n", errno == EAGAIN ? "EAGAIN" : "?");
	close(fd);

	fd = eventfd(1, EFD_CLOEXEC);
	CHECK(fd >= 0);
	CHECK(read(fd, &v, 8) == 8 && v == 1);
	printf("cloexec eventfd: %llu\n", (unsigned long long)v);
	close(fd);

	/* A blocking eventfd: a read waits for another thread's write. */
	fd = eventfd(0, 0);
	CHECK(fd >= 0);
	efd = fd;
	CHECK(pthread_create(&th, NULL, writer, NULL) == 0);
	CHECK(read(fd, &v, 8) == 8 && v == 9);
	printf("blocking read: %llu\n", (unsigned long long)v);
	CHECK(pthread_join(th, NULL) == 0);
	close(fd);
	return libc_done();
}
