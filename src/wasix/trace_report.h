/*
 * trace_report.h - `--report`: the process tree of a run, printed when it
 * ends: pids, programs, exit statuses or signals, CPU time, peak memory.
 *
 * Every process of the run appends one-line records to a memfd created
 * before the run splits (so shared by all, O_APPEND, one write each):
 *   S pid ppid hostpid          a process starts (fork, spawn, first)
 *   E pid hostpid program       it runs a program (first image, exec)
 *   X pid hostpid status utime_us stime_us maxrss_kb   it ends, measured
 *                               by itself (getrusage), status a wait status
 *   W pid hostpid status        its parent reaped it (the status of a
 *                               death nothing could record, as SIGKILL)
 * The supervisor (run_lifetime.c) reads them back when the run ends and
 * prints the tree; it also records the processes it reaps itself.
 */
#ifndef WX_WASIX_TRACE_REPORT_H
#define WX_WASIX_TRACE_REPORT_H

#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* The records' descriptor, -1 when --report is off. */
extern int wx_report_fd;

/* Turn the report on for this run.  0 or an errno. */
int wx_report_open(void);
void wx_report_start(uint32_t pid, uint32_t ppid);
/* argv[1..argc-1] are shown after the program. */
void wx_report_program(uint32_t pid, const char *program,
		       const char *const *argv, size_t argc);
/* This host process ends with wait status `st`; `measured`: its own
 * rusage is the process's (false for a vfork child that shares it). */
void wx_report_end(uint32_t pid, int st, int measured);
/* Child `pid` (host `hp`) was reaped with wait status `st`. */
void wx_report_reaped(uint32_t pid, pid_t hp, int st);
/* Print the tree from the records. */
void wx_report_print(FILE *out);

#endif
