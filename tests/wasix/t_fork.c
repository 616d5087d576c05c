/*
 * t_fork.c - fork semantics: return values, memory independence (a global,
 * the heap and the stack), exit codes through waitpid, pids and parent
 * pids, WNOHANG, reaping exactly once, and proc_join on a non-child.
 */
#include "t.h"

static int global_counter = 1000;
static char global_buf[64] = "parent";

static void test_memory(void)
{
	char *heap = malloc(1 << 20);
	int local = 7;
	pid_t pid, me = wx_getpid();

	CHECK(heap != NULL, "malloc");
	memset(heap, 'P', 1 << 20);
	pid = t_fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		/* The child starts with the parent's memory ... */
		CCHECK(global_counter == 1000, "global %d", global_counter);
		CCHECK(strcmp(global_buf, "parent") == 0, "buf");
		CCHECK(heap[0] == 'P' && heap[(1 << 20) - 1] == 'P', "heap");
		CCHECK(local == 7, "local");
		CCHECK(wx_getpid() != me, "child pid %d == parent's",
		       (int)wx_getpid());
		CCHECK(wx_getppid() == me, "getppid %d, want %d",
		       (int)wx_getppid(), (int)me);
		/* ... and changes its own copy only. */
		global_counter = 2000;
		strcpy(global_buf, "child");
		memset(heap, 'C', 1 << 20);
		local = 8;
		char *more = malloc(4 << 20);
		CCHECK(more != NULL, "child malloc");
		memset(more, 1, 4 << 20);
		exit(42);
	}
	CHECK(wx_getpid() == me, "parent's pid changed to %d",
	      (int)wx_getpid());
	CHECK_EXIT(pid, 42);
	CHECK(global_counter == 1000, "parent global became %d",
	      global_counter);
	CHECK(strcmp(global_buf, "parent") == 0, "parent buf became '%s'",
	      global_buf);
	for (int i = 0; i < (1 << 20); i += 4096)
		CHECK(heap[i] == 'P', "parent heap[%d] = %c", i, heap[i]);
	CHECK(local == 7, "parent local became %d", local);
	free(heap);
	PASS("memory independence");
}

static void test_exit_codes(void)
{
	static const int codes[] = { 0, 1, 2, 77, 127, 128, 200, 255 };
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		pid_t pid = t_fork();
		CHECK(pid >= 0, "fork");
		if (pid == 0) {
			if (i % 2)
				exit(codes[i]);       /* libc exit */
			wx__exit(codes[i]);           /* proc_exit2 */
		}
		CHECK_EXIT(pid, codes[i]);
	}
	/* Returning from main in a child is an exit too: see main(). */
	PASS("exit codes");
}

static void test_reap_once(void)
{
	pid_t pids[6];
	int seen[6] = { 0 };
	int st;

	for (int i = 0; i < 6; i++) {
		pids[i] = t_fork();
		CHECK(pids[i] >= 0, "fork %d", i);
		if (pids[i] == 0)
			exit(10 + i);
		for (int j = 0; j < i; j++)
			CHECK(pids[j] != pids[i], "pid %d reused",
			      (int)pids[i]);
	}
	/* The third one by pid, the rest by "any child". */
	CHECK_EXIT(pids[2], 12);
	seen[2] = 1;
	errno = 0;
	CHECK(wx_waitpid(pids[2], &st, 0) == -1 && errno == ECHILD,
	      "second waitpid(%d) did not fail with ECHILD", (int)pids[2]);
	for (int n = 0; n < 5; n++) {
		pid_t r = wx_waitpid(-1, &st, 0);
		int k = -1;
		CHECK(r > 0, "wait(-1) #%d returned %d", n, (int)r);
		for (int i = 0; i < 6; i++)
			if (pids[i] == r)
				k = i;
		CHECK(k >= 0, "wait returned unknown pid %d", (int)r);
		CHECK(!seen[k], "pid %d reaped twice", (int)r);
		seen[k] = 1;
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 10 + k,
		      "pid %d status 0x%x want exit %d", (int)r, st, 10 + k);
	}
	errno = 0;
	CHECK(wx_waitpid(-1, &st, 0) == -1 && errno == ECHILD,
	      "wait with no children left");
	errno = 0;
	CHECK(wx_waitpid(-1, &st, WNOHANG) == -1 && errno == ECHILD,
	      "WNOHANG wait with no children left");
	for (int i = 0; i < 6; i++) {
		errno = 0;
		CHECK(wx_waitpid(pids[i], &st, WNOHANG) == -1 &&
		      errno == ECHILD, "pid %d waitable again", (int)pids[i]);
	}
	PASS("reaped exactly once");
}

static void test_non_child(void)
{
	int st;
	pid_t me = wx_getpid(), parent = wx_getppid();
	pid_t pid;

	errno = 0;
	CHECK(wx_waitpid(me, &st, 0) == -1 && errno == ECHILD,
	      "waitpid(self)");
	errno = 0;
	CHECK(wx_waitpid(12345, &st, 0) == -1 && errno == ECHILD,
	      "waitpid(12345)");
	if (parent > 0) {
		errno = 0;
		CHECK(wx_waitpid(parent, &st, WNOHANG) == -1 &&
		      errno == ECHILD, "waitpid(parent %d)", (int)parent);
	}
	/* A grandchild is not a child. */
	int p[2];
	CHECK(wx_pipe(p) == 0, "pipe");
	pid = t_fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		pid_t g = t_fork();
		CCHECK(g >= 0, "fork grandchild");
		if (g == 0)
			exit(5);
		close(p[0]);
		CCHECK(write(p[1], &g, sizeof(g)) == sizeof(g), "write");
		CHECK_EXIT(g, 5);
		exit(0);
	}
	close(p[1]);
	pid_t g = 0;
	CHECK(read(p[0], &g, sizeof(g)) == sizeof(g), "read grandchild pid");
	close(p[0]);
	errno = 0;
	CHECK(wx_waitpid(g, &st, 0) == -1 && errno == ECHILD,
	      "waitpid(grandchild %d) did not fail with ECHILD", (int)g);
	CHECK_EXIT(pid, 0);
	/* Raw proc_join on a pid that is not ours: ECHILD, no status. */
	struct wx_option_pid opt = { WX_OPTION_SOME, { 0 }, 9999 };
	struct wx_join_status js;
	memset(&js, 0xAA, sizeof(js));
	int32_t e = wx_raw_proc_join(WX_PTR(&opt), 0, WX_PTR(&js));
	CHECK(e == ECHILD, "proc_join(9999) returned %d", (int)e);
	PASS("non-child joins fail with ECHILD");
}

static void test_wnohang(void)
{
	int p[2], st = -1;
	char c = 'x';
	pid_t pid, r;

	CHECK(wx_pipe(p) == 0, "pipe");
	pid = t_fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		close(p[1]);
		CCHECK(read(p[0], &c, 1) == 1, "child read");
		exit(3);
	}
	close(p[0]);
	r = wx_waitpid(pid, &st, WNOHANG);
	CHECK(r == 0, "WNOHANG on a running child returned %d", (int)r);
	r = wx_waitpid(-1, &st, WNOHANG);
	CHECK(r == 0, "WNOHANG any-child on a running child returned %d",
	      (int)r);
	CHECK(write(p[1], &c, 1) == 1, "write");
	close(p[1]);
	/* Poll until it has exited; then it is reaped once. */
	for (int i = 0; i < 5000; i++) {
		r = wx_waitpid(pid, &st, WNOHANG);
		if (r != 0)
			break;
		wx_sleep_ns(1000000);
	}
	CHECK(r == pid, "WNOHANG never saw the exit (last %d)", (int)r);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3, "status 0x%x", st);
	errno = 0;
	CHECK(wx_waitpid(pid, &st, WNOHANG) == -1 && errno == ECHILD,
	      "reaped twice");
	PASS("WNOHANG");
}

static void test_return_from_main(void)
{
	/* Checked by main's caller: a forked child that returns from main
	 * exits with that value.  Here only fork's two return values. */
	pid_t before = wx_getpid();
	pid_t pid = t_fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		CCHECK(wx_getpid() != before, "child has the parent's pid");
		exit(0);
	}
	CHECK(pid != before && pid > 0, "fork returned %d", (int)pid);
	CHECK_EXIT(pid, 0);
	PASS("fork return values");
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "child-returns") == 0)
		return 0;
	CHECK(wx_getpid() > 0, "getpid %d", (int)wx_getpid());
	test_return_from_main();
	test_memory();
	test_exit_codes();
	test_reap_once();
	test_wnohang();
	test_non_child();

	/* A child that returns 9 from a nested main-like function. */
	pid_t pid = t_fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0)
		return 9;
	CHECK_EXIT(pid, 9);
	PASS("return from main in a child");
	return 0;
}
