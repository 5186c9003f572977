/* tests/posix/hello.c - the hello-world of doc/toolchain.md */
#include <stdio.h>

int main(int argc, char **argv)
{
	printf("hello, world from %s (%d args)\n", argv[0], argc);
	return 0;
}
