// eh_uncaught.cpp - an exception nobody catches ends the program with
// SIGABRT's status, after the output written before it (checked by the
// runner against the native build's status).
#include <cstdio>
#include <stdexcept>

static void deeper(int n)
{
    if (n == 0)
        throw std::runtime_error("nobody catches this");
    deeper(n - 1);
}

int main()
{
    std::printf("before the throw\n");
    std::fflush(stdout);
    deeper(3);
    std::printf("not reached\n");
    return 0;
}
