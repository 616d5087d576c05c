/*
 * posix_shim.h - POSIX process names for guests built with wasi-libc.
 *
 * wasi-libc has no fork, exec, wait, pipe, dup or getppid, and its getpid
 * is a placeholder; this header maps those names onto the WASIX wrappers of
 * wasix.h so test programs read like ordinary POSIX C.  Include it after
 * the system headers.  Names wasi-libc really provides (read, write, close,
 * open, _exit, ...) are left alone.
 */
#ifndef WASIX_POSIX_SHIM_H
#define WASIX_POSIX_SHIM_H

#include <unistd.h>

#include "wasix.h"

#define fork wx_fork
#define vfork wx_vfork
#define execv wx_execv
#define execve wx_execve
#define execvp wx_execvp
#define waitpid wx_waitpid
#define wait wx_wait
#define pipe wx_pipe
#define dup wx_dup
#define dup2 wx_dup2
#define getpid wx_getpid
#define getppid wx_getppid

#ifndef WNOHANG
#define WNOHANG WX_WNOHANG
#define WUNTRACED WX_WUNTRACED
#define WEXITSTATUS WX_WEXITSTATUS
#define WTERMSIG WX_WTERMSIG
#define WSTOPSIG WX_WSTOPSIG
#define WIFEXITED WX_WIFEXITED
#define WIFSTOPPED WX_WIFSTOPPED
#define WIFSIGNALED WX_WIFSIGNALED
#endif

#endif
