/* proc_pwd: prints the working directory's last component (the full path
 * differs between the sides) and exits. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	char buf[4096];
	const char *s;
	if (getcwd(buf, sizeof(buf)) == NULL) {
		perror("getcwd");
		return 1;
	}
	s = strrchr(buf, '/');
	printf("cwd ends in %s\n", s != NULL && s[1] ? s + 1 : buf);
	return 0;
}
