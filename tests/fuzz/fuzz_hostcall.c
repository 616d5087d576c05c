/*
 * fuzz_hostcall.c - libFuzzer harness for the WASI and WASIX host calls:
 * random calls with random arguments against random guest memory, in a
 * sandbox directory of their own.
 *
 * Input: copied to guest memory at 0 (a one-page memory, so pointers past
 * 64 KiB fault), then read as calls: one byte choosing the function, then
 * 8 bytes (little endian) per parameter, i32s taking the low half.
 * Pointers in the arguments can thus point at strings the input itself
 * holds.
 *
 * The sandbox: a fresh directory per input, preopened as "/" (fd 3)
 * holding a file, a directory and a symlink; its parent directory holds a
 * file with a secret.  After every input the parent must hold exactly
 * what it held (nothing created, removed or renamed outside the sandbox)
 * and guest memory must not hold the secret (nothing read from outside):
 * either is a sandbox escape and aborts.
 *
 * Calls that would fork, exec, exit, block without a bound, sleep, deliver
 * signals or rewind the interpreter are left out; fd_allocate's length is
 * capped (it would really reserve disk space).
 */
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/runtime.h"
#include "wasi/wasi.h"
#include "wasix/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define SECRET "wxfuzz-secret-outside-the-sandbox"

static const char *const denied[] = {
	"proc_fork",	    "proc_fork_env",  "proc_exit",
	"proc_exit2",	    "proc_exec",      "proc_exec2",
	"proc_exec3",	    "proc_exec4",     "proc_spawn",
	"proc_spawn2",	    "proc_spawn3",    "proc_join",
	"proc_raise",	    "proc_raise_interval", "proc_signal",
	"thread_exit",	    "thread_sleep",   "thread_spawn",
	"thread_spawn_v2",  "thread_join",    "thread_signal",
	"thread-spawn",	    "futex_wait",     "stack_checkpoint",
	"stack_restore",    "callback_signal", "poll_oneoff",
	"fd_pipe",	    "fd_event",       "sched_yield",
};

static struct wx_func **calls;
static bool *wants_proc; /* a WASIX call: its context is the process */
static size_t ncalls;
static char top[64], root[80];
static struct wx_thread thread;

/* Whether the n bytes at p hold the secret.  Neither instrumented for
 * coverage nor through memcmp/memmem (which libFuzzer hooks): the fuzzer
 * would learn the secret from the comparison itself and "escape" with
 * it. */
__attribute__((no_sanitize("coverage"))) static bool
holds_secret(const uint8_t *p, size_t n)
{
	static const char secret[] = SECRET;
	size_t i, k, len = sizeof(secret) - 1;
	for (i = 0; i + len <= n; i++) {
		for (k = 0; k < len && p[i + k] == (uint8_t)secret[k]; k++)
			;
		if (k == len)
			return true;
	}
	return false;
}

static bool is_denied(const char *name)
{
	size_t i;
	for (i = 0; i < sizeof(denied) / sizeof(denied[0]); i++)
		if (strcmp(name, denied[i]) == 0)
			return true;
	return false;
}

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void put_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, text, strlen(text)) < 0)
		abort();
	close(fd);
}

/* A fresh sandbox with a file, a directory and a symlink in it. */
static void make_root(void)
{
	char p[160];
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	if (mkdir(root, 0755) != 0)
		abort();
	snprintf(p, sizeof(p), "%s/a", root);
	put_file(p, "hello\n");
	snprintf(p, sizeof(p), "%s/d", root);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/d/b", root);
	put_file(p, "world\n");
	snprintf(p, sizeof(p), "%s/l", root);
	symlink("a", p);
	snprintf(p, sizeof(p), "%s/up", root);
	symlink("../outside", p);
}

/* The parent holds exactly "root" and "outside", unchanged. */
static void check_outside(void)
{
	char p[160], buf[128];
	int fd, n, entries = 0;
	DIR *d;
	struct dirent *e;
	snprintf(p, sizeof(p), "%s/outside", top);
	fd = open(p, O_RDONLY);
	if (fd < 0)
		__builtin_trap();
	n = (int)read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n != (int)strlen(SECRET) || !holds_secret((uint8_t *)buf, (size_t)n))
		__builtin_trap();
	if ((d = opendir(top)) == NULL)
		__builtin_trap();
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (strcmp(e->d_name, "root") != 0 &&
		    strcmp(e->d_name, "outside") != 0)
			__builtin_trap();
		entries++;
	}
	closedir(d);
	if (entries != 2)
		__builtin_trap();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static struct wx_linker l;
	static struct wx_module dummy;
	size_t i;
	(void)argc;
	(void)argv;
	snprintf(top, sizeof(top), "/tmp/wxfuzz-hostcall.XXXXXX");
	if (mkdtemp(top) == NULL)
		abort();
	snprintf(root, sizeof(root), "%s/root", top);
	{
		char p[160];
		snprintf(p, sizeof(p), "%s/outside", top);
		put_file(p, SECRET);
	}
	make_root();
	if (wx_thread_init(&thread, 1u << 12, 1u << 8) != 0)
		abort();
	/* Bind everything once, to read back the function records: WASI
	 * preview1's take the WASI context, WASIX's the process. */
	if (wx_pidtab_init(16) != 0)
		abort();
	wx_linker_init(&l);
	{
		static struct wx_wasi_config wc;
		static struct wx_report r;
		static struct wx_proc proc;
		struct wx_wasi *w;
		size_t nwasi;
		wx_wasi_config_init(&wc);
		if (wx_wasi_create(&wc, &w, &r) != 0)
			abort();
		proc.wasi = w;
		if (wx_wasi_define(&l, w) != 0)
			abort();
		nwasi = l.n;
		if (wx_wasix_define(&l, &proc, &dummy) != 0)
			abort();
		calls = calloc(l.n, sizeof(*calls));
		wants_proc = calloc(l.n, sizeof(*wants_proc));
		if (calls == NULL || wants_proc == NULL)
			abort();
		for (i = 0; i < l.n; i++) {
			if (l.entries[i].ext.kind != WX_EXTERN_FUNC ||
			    is_denied(l.entries[i].name))
				continue;
			wants_proc[ncalls] = i >= nwasi;
			calls[ncalls++] = l.entries[i].ext.u.func;
		}
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wx_wasi_config wc;
	struct wx_wasi_preopen pre = {root, "/"};
	struct wx_report r;
	struct wx_proc proc;
	struct wx_memtype mt;
	struct wx_memory *mem;
	struct wx_wasi *w;
	size_t at = 0;
	int devnull;
	unsigned n = 0;

	make_root();
	memset(&r, 0, sizeof(r));
	memset(&mt, 0, sizeof(mt));
	mt.limits.min = 1;
	mt.limits.max = 1;
	mt.limits.has_max = true;
	if (wx_memory_create(&mt, &mem) != 0)
		abort();
	memcpy(mem->base, data, size < WX_PAGE_SIZE ? size : WX_PAGE_SIZE);
	devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	wx_wasi_config_init(&wc);
	wc.stdio[0] = wc.stdio[1] = wc.stdio[2] = devnull;
	wc.preopens = &pre;
	wc.npreopens = 1;
	{
		static const char *argv[] = {"fuzz", "arg"};
		static const char *envp[] = {"A=1", "PATH=/bin"};
		wc.argv = argv;
		wc.argc = 2;
		wc.envp = envp;
		wc.envc = 2;
	}
	if (wx_wasi_create(&wc, &w, &r) != 0)
		abort();
	wx_wasi_set_memory(w, mem);
	memset(&proc, 0, sizeof(proc));
	proc.pid = 1;
	proc.wasi = w;
	proc.cwd = strdup("/");
	proc.thread = &thread;
	wx_threads_init(&proc, 4);

	while (at < size && n++ < 64) {
		size_t which = data[at++] % ncalls;
		struct wx_func *f = calls[which];
		uint64_t args[16] = {0};
		uint32_t k;
		for (k = 0; k < f->type->nparams && k < 16; k++) {
			uint64_t v = 0;
			size_t b;
			for (b = 0; b < 8 && at < size; b++)
				v |= (uint64_t)data[at++] << (8 * b);
			args[k] = f->type->types[k] == WX_I32 ? (uint32_t)v : v;
		}
		if (strstr(f->host_name, ".fd_allocate") != NULL)
			args[2] &= 0xfffff;
		f->host(&thread, wants_proc[which] ? (void *)&proc : (void *)w,
			args);
	}
	if (holds_secret(mem->base, WX_PAGE_SIZE))
		__builtin_trap();
	free(proc.cwd);
	wx_wasi_destroy(w);
	wx_memory_release(mem);
	close(devnull);
	check_outside();
	return 0;
}
