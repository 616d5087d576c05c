/*
 * t_forkenv.c - the asyncify-free vfork protocol of newer toolchains
 * (wasix-abi.md 3.4): proc_fork_env changes only the process identity
 * (control flow goes on), proc_exit2 in that context ends the child and
 * returns in the parent, and a successful proc_exec3 there also returns 0
 * in the parent while the program runs as the child.  (wasix-libc wraps
 * this in setjmp/longjmp; the runtime side is what is checked here.)
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../../guest/wasix.h"

int main(void)
{
	int32_t child = 0, me = 0, st = 0, r, fail = 0;
	const char *prog = "/bin/false", *args = "/bin/false";
	int32_t parent = wx_getpid();

	/* exit path */
	r = wx_raw_proc_fork_env(WX_PTR(&child));
	wx_raw_proc_id(WX_PTR(&me));
	if (r != 0 || child <= parent || me != child) {
		printf("FAIL: fork_env r=%d child=%d me=%d\n", r, child, me);
		return 1;
	}
	wx_raw_proc_exit2(5); /* returns: we are the parent again */
	wx_raw_proc_id(WX_PTR(&me));
	if (me != parent) {
		printf("FAIL: after proc_exit2 pid %d, want %d\n", me, parent);
		fail = 1;
	}
	while ((r = wx_waitpid(child, &st, 0)) < 0 && errno == EINTR)
		;
	if (r != child || !WX_WIFEXITED(st) || WX_WEXITSTATUS(st) != 5) {
		printf("FAIL: child status %#x (waitpid %d)\n", st, r);
		fail = 1;
	}

	/* exec path: /bin/false exits 1 as the child */
	r = wx_raw_proc_fork_env(WX_PTR(&child));
	if (r != 0) {
		printf("FAIL: second fork_env: %d\n", r);
		return 1;
	}
	r = wx_raw_proc_exec3(WX_PTR(prog), (int32_t)strlen(prog), WX_PTR(args),
			      (int32_t)strlen(args), 0, 0, 0, 0, 0);
	wx_raw_proc_id(WX_PTR(&me));
	if (r != 0 || me != parent) {
		printf("FAIL: exec3 in fork_env: r=%d pid %d\n", r, me);
		fail = 1;
	}
	while ((r = wx_waitpid(child, &st, 0)) < 0 && errno == EINTR)
		;
	if (r != child || !WX_WIFEXITED(st) || WX_WEXITSTATUS(st) != 1) {
		printf("FAIL: exec'd child status %#x\n", st);
		fail = 1;
	}
	return fail;
}
