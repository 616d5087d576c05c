/* The smallest real-libc program: arguments, environment, stdio. */
#include <unistd.h>
#include "libc_test.h"

int main(int argc, char **argv)
{
	CHECK(argc >= 1);
	CHECK(getenv("LIBC_BIN") != NULL);
	printf("hello from %s\n", argc > 0 ? "a program" : "nowhere");
	fflush(stdout); /* musl and glibc pick stdout's buffering differently */
	CHECK(write(1, "written\n", 8) == 8);
	return libc_done();
}
