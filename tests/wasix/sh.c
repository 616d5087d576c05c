/*
 * sh.c - a small shell, a WASIX guest program for the process tests.
 *
 *   sh [-F] -c 'COMMANDS'     run COMMANDS
 *   sh [-F]                   run the lines read from stdin
 *   sh [-F] FILE              run the lines of FILE (as a script)
 *
 * Supports pipelines (a | b | c), redirections (< file, > file, >> file,
 * N> file, N>&M such as 2>&1), && and ||, ';' and newlines, single and
 * double quotes, and the built-ins cd and exit.  Commands run by vfork +
 * execvp through $PATH (default /bin); -F uses fork instead of vfork.  The
 * exit status is that of the last pipeline (the last command of it); 127
 * for a command that cannot be run.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wasix.h"

#define MAXTOK 512
#define MAXARGS 64
#define MAXREDIR 8
#define MAXCMDS 32

enum tok_type { T_WORD, T_PIPE, T_AND, T_OR, T_SEMI, T_REDIR };

/* Redirection kinds */
enum { R_IN, R_OUT, R_APPEND, R_DUP };

struct token {
	enum tok_type type;
	char *word;   /* T_WORD; T_REDIR: the file name (not for R_DUP) */
	int fd;       /* T_REDIR: the fd redirected */
	int kind;     /* T_REDIR */
	int dup_from; /* R_DUP: N>&M copies M */
};

struct redir {
	int fd, kind, dup_from;
	const char *path;
};

struct command {
	char *argv[MAXARGS + 1];
	int argc;
	struct redir redirs[MAXREDIR];
	int nredirs;
};

static int use_fork; /* -F */
static int last_status;

/* ---- tokenizer ------------------------------------------------------------ */

static int is_op_char(char c)
{
	return c == '|' || c == '&' || c == ';' || c == '<' || c == '>' ||
	       c == '\n';
}

/* Read one word (with quotes) starting at *pp into a malloc'd string. */
static char *read_word(const char **pp)
{
	const char *p = *pp;
	size_t cap = strlen(p) + 1, n = 0;
	char *w = malloc(cap);

	if (w == NULL)
		return NULL;
	while (*p && *p != ' ' && *p != '\t' && !is_op_char(*p)) {
		if (*p == '\'') {
			p++;
			while (*p && *p != '\'')
				w[n++] = *p++;
			if (*p)
				p++;
		} else if (*p == '"') {
			p++;
			while (*p && *p != '"') {
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				w[n++] = *p++;
			}
			if (*p)
				p++;
		} else if (*p == '\\' && p[1]) {
			w[n++] = p[1];
			p += 2;
		} else {
			w[n++] = *p++;
		}
	}
	w[n] = '\0';
	*pp = p;
	return w;
}

static void skip_blanks(const char **pp)
{
	while (**pp == ' ' || **pp == '\t')
		(*pp)++;
}

/* Split a line into tokens; returns the count or -1 (message printed). */
static int tokenize(const char *p, struct token *toks, int max)
{
	int n = 0;

	for (;;) {
		struct token *t;
		skip_blanks(&p);
		if (*p == '\0' || *p == '#')
			return n;
		if (n == max) {
			fprintf(stderr, "sh: line too long\n");
			return -1;
		}
		t = &toks[n++];
		memset(t, 0, sizeof(*t));
		if (p[0] == '|' && p[1] == '|') {
			t->type = T_OR;
			p += 2;
		} else if (p[0] == '|') {
			t->type = T_PIPE;
			p++;
		} else if (p[0] == '&' && p[1] == '&') {
			t->type = T_AND;
			p += 2;
		} else if (p[0] == ';' || p[0] == '\n') {
			t->type = T_SEMI;
			p++;
		} else if (p[0] == '&') {
			fprintf(stderr, "sh: background jobs (&) not "
				"supported\n");
			return -1;
		} else {
			/* a redirection, possibly with an fd number */
			const char *q = p;
			int fd = -1;
			while (*q >= '0' && *q <= '9')
				q++;
			if ((*q == '<' || *q == '>') && q > p) {
				fd = atoi(p);
				p = q;
			}
			if (*p == '<' || *p == '>') {
				t->type = T_REDIR;
				if (*p == '<') {
					t->kind = R_IN;
					t->fd = fd < 0 ? 0 : fd;
					p++;
				} else {
					t->fd = fd < 0 ? 1 : fd;
					if (p[1] == '>') {
						t->kind = R_APPEND;
						p += 2;
					} else if (p[1] == '&') {
						t->kind = R_DUP;
						p += 2;
					} else {
						t->kind = R_OUT;
						p++;
					}
				}
				skip_blanks(&p);
				if (*p == '\0' || is_op_char(*p)) {
					fprintf(stderr, "sh: redirection "
						"without a target\n");
					return -1;
				}
				t->word = read_word(&p);
				if (t->word == NULL)
					return -1;
				if (t->kind == R_DUP) {
					char *end;
					t->dup_from = (int)strtol(t->word,
								  &end, 10);
					if (*end != '\0' || end == t->word) {
						fprintf(stderr, "sh: bad fd "
							"'%s'\n", t->word);
						return -1;
					}
				}
			} else {
				t->type = T_WORD;
				t->word = read_word(&p);
				if (t->word == NULL)
					return -1;
			}
		}
	}
}

static void free_tokens(struct token *toks, int n)
{
	for (int i = 0; i < n; i++)
		free(toks[i].word);
}

/* ---- running -------------------------------------------------------------- */

/* Apply a command's redirections to the current fd table.  Returns 0, or
 * -1 with a message. */
static int apply_redirs(const struct command *c)
{
	for (int i = 0; i < c->nredirs; i++) {
		const struct redir *r = &c->redirs[i];
		int fd;
		if (r->kind == R_DUP) {
			if (wx_dup2(r->dup_from, r->fd) < 0) {
				fprintf(stderr, "sh: %d>&%d: %s\n", r->fd,
					r->dup_from, strerror(errno));
				return -1;
			}
			continue;
		}
		if (r->kind == R_IN)
			fd = open(r->path, O_RDONLY);
		else
			fd = open(r->path, O_WRONLY | O_CREAT |
				  (r->kind == R_APPEND ? O_APPEND : O_TRUNC),
				  0644);
		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", r->path,
				strerror(errno));
			return -1;
		}
		if (fd != r->fd) {
			if (wx_dup2(fd, r->fd) < 0) {
				fprintf(stderr, "sh: redirect %d: %s\n", r->fd,
					strerror(errno));
				close(fd);
				return -1;
			}
			close(fd);
		}
	}
	return 0;
}

static int builtin(const struct command *c, int *status)
{
	if (strcmp(c->argv[0], "exit") == 0) {
		fflush(NULL);
		exit(c->argc > 1 ? atoi(c->argv[1]) : last_status);
	}
	if (strcmp(c->argv[0], "cd") == 0) {
		const char *dir = c->argc > 1 ? c->argv[1] : "/";
		if (wx_chdir(dir) < 0) {
			fprintf(stderr, "sh: cd: %s: %s\n", dir,
				strerror(errno));
			*status = 1;
		} else {
			*status = 0;
		}
		return 1;
	}
	return 0;
}

static int status_of(int st)
{
	if (WX_WIFEXITED(st))
		return WX_WEXITSTATUS(st);
	if (WX_WIFSIGNALED(st))
		return 128 + WX_WTERMSIG(st);
	return 255;
}

/* In the child: pipe ends in place, redirections, exec; never returns. */
static _Noreturn void child_run(struct command *c, int in, int out,
				int *pipes, int npipes, int forked)
{
	int status;
	if (in >= 0 && wx_dup2(in, 0) < 0)
		wx__exit(126);
	if (out >= 0 && wx_dup2(out, 1) < 0)
		wx__exit(126);
	for (int i = 0; i < npipes; i++)
		close(pipes[i]);
	if (apply_redirs(c) < 0)
		wx__exit(1);
	if (c->argc == 0)
		wx__exit(0);
	if (forked && builtin(c, &status))
		exit(status);
	wx_execvp(c->argv[0], c->argv);
	fprintf(stderr, "sh: %s: %s\n", c->argv[0],
		(errno == ENOENT || errno == ENOEXEC) ? "command not found"
						      : strerror(errno));
	wx__exit(127);
}

static int run_pipeline(struct command *cmds, int ncmds)
{
	int pipes[2 * MAXCMDS];
	pid_t pids[MAXCMDS];
	int npipes = 0, status = 0;

	if (ncmds == 1 && cmds[0].argc > 0 && cmds[0].nredirs == 0 &&
	    builtin(&cmds[0], &status))
		return status;
	for (int i = 0; i + 1 < ncmds; i++) {
		if (wx_pipe(&pipes[2 * i]) < 0) {
			fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
			for (int j = 0; j < npipes; j++)
				close(pipes[j]);
			return 1;
		}
		npipes += 2;
	}
	fflush(NULL);
	for (int i = 0; i < ncmds; i++) {
		int in = i > 0 ? pipes[2 * (i - 1)] : -1;
		int out = i + 1 < ncmds ? pipes[2 * i + 1] : -1;
		/* A built-in inside a pipeline runs in a real fork. */
		int forking = use_fork ||
			      (cmds[i].argc > 0 &&
			       (strcmp(cmds[i].argv[0], "cd") == 0 ||
				strcmp(cmds[i].argv[0], "exit") == 0));
		pid_t pid = forking ? wx_fork() : wx_vfork();
		if (pid < 0) {
			fprintf(stderr, "sh: %s: %s\n",
				forking ? "fork" : "vfork", strerror(errno));
			pids[i] = -1;
			status = 1;
			continue;
		}
		if (pid == 0)
			child_run(&cmds[i], in, out, pipes, npipes, forking);
		pids[i] = pid;
	}
	for (int i = 0; i < npipes; i++)
		close(pipes[i]);
	for (int i = 0; i < ncmds; i++) {
		int st = 0;
		if (pids[i] < 0)
			continue;
		pid_t r;
		/* Retry EINTR as shells do (a signal such as SIGCHLD may
		 * interrupt the wait). */
		while ((r = wx_waitpid(pids[i], &st, 0)) < 0 && errno == EINTR)
			;
		if (r != pids[i]) {
			fprintf(stderr, "sh: waitpid %d: %s\n", (int)pids[i],
				strerror(errno));
			st = 255 << 8;
		}
		if (i == ncmds - 1)
			status = status_of(st);
	}
	return status;
}

/* Build the commands of tokens [from, to) split at '|'; run them. */
static int parse_and_run_pipeline(struct token *toks, int from, int to)
{
	struct command cmds[MAXCMDS];
	int ncmds = 1;

	memset(cmds, 0, sizeof(cmds));
	for (int i = from; i < to; i++) {
		struct command *c = &cmds[ncmds - 1];
		struct token *t = &toks[i];
		if (t->type == T_PIPE) {
			if (c->argc == 0 && c->nredirs == 0) {
				fprintf(stderr, "sh: syntax error near '|'\n");
				return 2;
			}
			if (ncmds == MAXCMDS) {
				fprintf(stderr, "sh: pipeline too long\n");
				return 2;
			}
			ncmds++;
		} else if (t->type == T_WORD) {
			if (c->argc == MAXARGS) {
				fprintf(stderr, "sh: too many arguments\n");
				return 2;
			}
			c->argv[c->argc++] = t->word;
			c->argv[c->argc] = NULL;
		} else if (t->type == T_REDIR) {
			if (c->nredirs == MAXREDIR) {
				fprintf(stderr, "sh: too many "
					"redirections\n");
				return 2;
			}
			c->redirs[c->nredirs].fd = t->fd;
			c->redirs[c->nredirs].kind = t->kind;
			c->redirs[c->nredirs].dup_from = t->dup_from;
			c->redirs[c->nredirs].path = t->word;
			c->nredirs++;
		}
	}
	if (cmds[ncmds - 1].argc == 0 && cmds[ncmds - 1].nredirs == 0) {
		if (ncmds > 1) {
			fprintf(stderr, "sh: syntax error: '|' at the end\n");
			return 2;
		}
		return last_status;
	}
	return run_pipeline(cmds, ncmds);
}

/* Run one line: pipelines joined by ;, && and ||. */
static void run_line(const char *line)
{
	struct token toks[MAXTOK];
	int n = tokenize(line, toks, MAXTOK);
	int start = 0;
	enum tok_type conn = T_SEMI; /* what joins the next pipeline */

	if (n < 0) {
		last_status = 2;
		return;
	}
	for (int i = 0; i <= n; i++) {
		if (i < n && toks[i].type != T_AND && toks[i].type != T_OR &&
		    toks[i].type != T_SEMI)
			continue;
		if (i > start) {
			int skip = (conn == T_AND && last_status != 0) ||
				   (conn == T_OR && last_status == 0);
			if (!skip)
				last_status =
					parse_and_run_pipeline(toks, start, i);
		} else if (i < n && toks[i].type != T_SEMI) {
			fprintf(stderr, "sh: syntax error near '%s'\n",
				toks[i].type == T_AND ? "&&" : "||");
			last_status = 2;
			break;
		}
		if (i < n)
			conn = toks[i].type;
		start = i + 1;
	}
	free_tokens(toks, n);
}

/* Read one line from fd 0 a byte at a time, so that commands reading
 * stdin get the rest.  Returns NULL at EOF with nothing read. */
static char *read_line(void)
{
	size_t cap = 256, n = 0;
	char *buf = malloc(cap);
	if (buf == NULL)
		return NULL;
	for (;;) {
		char c;
		ssize_t r = read(0, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (n == 0) {
				free(buf);
				return NULL;
			}
			break;
		}
		if (c == '\n')
			break;
		if (n + 2 > cap) {
			char *nb = realloc(buf, cap * 2);
			if (nb == NULL) {
				free(buf);
				return NULL;
			}
			buf = nb;
			cap *= 2;
		}
		buf[n++] = c;
	}
	buf[n] = '\0';
	return buf;
}

int main(int argc, char **argv)
{
	const char *script = NULL;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-F") == 0) {
			use_fork = 1;
		} else if (strcmp(argv[i], "-c") == 0 && i + 1 < argc) {
			script = argv[++i];
		} else if (argv[i][0] != '-' && script == NULL) {
			/* A script file: its lines become our stdin. */
			int fd = open(argv[i], O_RDONLY);
			if (fd < 0 || wx_dup2(fd, 0) != 0) {
				fprintf(stderr, "sh: %s: cannot open\n", argv[i]);
				return 127;
			}
			close(fd);
			break;
		} else {
			fprintf(stderr, "usage: sh [-F] [-c COMMANDS]\n");
			return 2;
		}
	}
	if (getenv("PATH") == NULL)
		setenv("PATH", "/bin", 1);
	if (script != NULL) {
		run_line(script);
	} else {
		char *line;
		while ((line = read_line()) != NULL) {
			run_line(line);
			free(line);
		}
	}
	fflush(NULL);
	return last_status;
}
