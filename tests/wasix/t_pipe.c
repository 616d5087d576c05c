/*
 * t_pipe.c - 16 MiB through a pipe from a child to its parent, written in
 * uneven chunks from a deterministic generator and checksummed on both
 * sides; the parent sees EOF once the child (the last writer) has exited.
 * Also a short parent-to-child transfer the other way.
 */
#include "t.h"

#define TOTAL (16u << 20)

static uint32_t gen_state;

static uint8_t gen_byte(void)
{
	gen_state ^= gen_state << 13;
	gen_state ^= gen_state >> 17;
	gen_state ^= gen_state << 5;
	return (uint8_t)(gen_state >> 11);
}

/* FNV-1a over the stream. */
static uint64_t fnv(uint64_t h, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static uint8_t buf[1 << 17];

static void child_writer(int fd)
{
	size_t sent = 0, chunk = 1;
	uint64_t h = 0xcbf29ce484222325ull;

	gen_state = 0x12345678;
	while (sent < TOTAL) {
		size_t n = chunk;
		if (n > TOTAL - sent)
			n = TOTAL - sent;
		for (size_t i = 0; i < n; i++)
			buf[i] = gen_byte();
		h = fnv(h, buf, n);
		for (size_t off = 0; off < n;) {
			ssize_t w = write(fd, buf + off, n - off);
			CCHECK(w > 0, "write at %zu", sent + off);
			off += (size_t)w;
		}
		sent += n;
		chunk = chunk * 3 + 7;
		if (chunk > sizeof(buf))
			chunk = (chunk % sizeof(buf)) + 1;
	}
	/* The checksum goes out on stderr-free channel: the exit code. */
	exit((int)(h & 0x7f));
}

int main(void)
{
	int p[2], st;
	pid_t pid;
	size_t got = 0;
	uint64_t h = 0xcbf29ce484222325ull, want = 0xcbf29ce484222325ull;

	CHECK(wx_pipe(p) == 0, "pipe");
	pid = t_fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		close(p[0]);
		child_writer(p[1]);
	}
	close(p[1]);
	for (;;) {
		ssize_t n = read(p[0], buf, sizeof(buf));
		CHECK(n >= 0, "read after %zu bytes", got);
		if (n == 0)
			break;
		h = fnv(h, buf, (size_t)n);
		got += (size_t)n;
		CHECK(got <= TOTAL, "more than 16 MiB");
	}
	close(p[0]);
	CHECK(got == TOTAL, "EOF after %zu bytes, want %u", got, TOTAL);
	gen_state = 0x12345678;
	for (size_t left = TOTAL; left > 0;) {
		size_t n = left < sizeof(buf) ? left : sizeof(buf);
		for (size_t i = 0; i < n; i++)
			buf[i] = gen_byte();
		want = fnv(want, buf, n);
		left -= n;
	}
	CHECK(h == want, "checksum %016llx, want %016llx",
	      (unsigned long long)h, (unsigned long long)want);
	CHECK(wx_waitpid(pid, &st, 0) == pid, "waitpid");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == (int)(want & 0x7f),
	      "status 0x%x", st);
	PASS("16 MiB child -> parent");

	/* Parent -> child: the child counts until EOF, which comes only when
	 * the parent closes its write end. */
	CHECK(wx_pipe(p) == 0, "pipe 2");
	pid = t_fork();
	CHECK(pid >= 0, "fork 2");
	if (pid == 0) {
		size_t n = 0;
		ssize_t r;
		close(p[1]);
		while ((r = read(p[0], buf, sizeof(buf))) > 0)
			n += (size_t)r;
		CCHECK(r == 0, "child read");
		exit(n == 300000 ? 0 : 1);
	}
	close(p[0]);
	memset(buf, 'z', sizeof(buf));
	for (size_t left = 300000; left > 0;) {
		size_t n = left < 70000 ? left : 70000;
		ssize_t w = write(p[1], buf, n);
		CHECK(w > 0, "write");
		left -= (size_t)w;
	}
	close(p[1]);
	CHECK_EXIT(pid, 0);
	PASS("parent -> child until EOF");
	return 0;
}
