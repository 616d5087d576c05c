/*
 * wc - guest utility for /bin: count lines (-l), words (-w) and bytes (-c)
 * of stdin or of each file.  With one flag only the number is printed
 * ("wc -c" prints "6"); with none, lines, words and bytes.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct counts {
	unsigned long long lines, words, bytes;
};

static int count(int fd, struct counts *c)
{
	char buf[65536];
	int inword = 0;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n == 0)
			return 0;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c->bytes += (unsigned long long)n;
		for (ssize_t i = 0; i < n; i++) {
			unsigned char ch = (unsigned char)buf[i];
			if (ch == '\n')
				c->lines++;
			if (isspace(ch)) {
				inword = 0;
			} else if (!inword) {
				inword = 1;
				c->words++;
			}
		}
	}
}

static void print(const struct counts *c, int fl, int fw, int fc,
		  const char *name)
{
	int first = 1;
	if (fl) {
		printf("%llu", c->lines);
		first = 0;
	}
	if (fw) {
		printf(first ? "%llu" : " %llu", c->words);
		first = 0;
	}
	if (fc)
		printf(first ? "%llu" : " %llu", c->bytes);
	if (name != NULL)
		printf(" %s", name);
	putchar('\n');
}

int main(int argc, char **argv)
{
	int fl = 0, fw = 0, fc = 0, i, rc = 0, nfiles = 0;
	struct counts total = { 0, 0, 0 };

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		for (const char *p = argv[i] + 1; *p; p++) {
			if (*p == 'l')
				fl = 1;
			else if (*p == 'w')
				fw = 1;
			else if (*p == 'c')
				fc = 1;
			else {
				fprintf(stderr, "wc: unknown option -%c\n", *p);
				return 2;
			}
		}
	}
	if (!fl && !fw && !fc)
		fl = fw = fc = 1;
	if (i == argc) {
		struct counts c = { 0, 0, 0 };
		if (count(0, &c) < 0) {
			fprintf(stderr, "wc: stdin: %s\n", strerror(errno));
			return 1;
		}
		print(&c, fl, fw, fc, NULL);
		return 0;
	}
	for (; i < argc; i++) {
		struct counts c = { 0, 0, 0 };
		int fd = open(argv[i], O_RDONLY);
		if (fd < 0 || count(fd, &c) < 0) {
			fprintf(stderr, "wc: %s: %s\n", argv[i],
				strerror(errno));
			rc = 1;
			if (fd >= 0)
				close(fd);
			continue;
		}
		close(fd);
		print(&c, fl, fw, fc, argv[i]);
		total.lines += c.lines;
		total.words += c.words;
		total.bytes += c.bytes;
		nfiles++;
	}
	if (nfiles > 1)
		print(&total, fl, fw, fc, "total");
	return rc;
}
