/*
 * report.c - the second program of the wasixrt demo, run by demo.c through
 * vfork + exec as /bin/report.  Each argument is one worker's result,
 * "index:pid:ppid:lo:hi:count:ns"; it prints them as a table with totals,
 * and its own pid and parent (the pid vfork gave the demo).
 */
#include <stdio.h>
#include <stdlib.h>

#include "wasix.h"

int main(int argc, char **argv)
{
	unsigned long long total = 0;
	double busy_ms = 0;

	printf("report (pid %d, parent %d): %d workers\n", (int)wx_getpid(),
	       (int)wx_getppid(), argc - 1);
	printf("  %-6s %-5s %-5s %-22s %9s %10s\n", "worker", "pid", "ppid",
	       "range", "primes", "ms");
	for (int i = 1; i < argc; i++) {
		int index, pid, ppid;
		unsigned lo, hi, count;
		long long ns;
		char range[32];
		if (sscanf(argv[i], "%d:%d:%d:%u:%u:%u:%lld", &index, &pid,
			   &ppid, &lo, &hi, &count, &ns) != 7) {
			fprintf(stderr, "report: bad argument '%s'\n",
				argv[i]);
			return 1;
		}
		snprintf(range, sizeof(range), "[%u, %u)", lo, hi);
		printf("  %-6d %-5d %-5d %-22s %9u %10.1f\n", index, pid, ppid,
		       range, count, (double)ns / 1e6);
		total += count;
		busy_ms += (double)ns / 1e6;
	}
	printf("  %-6s %-5s %-5s %-22s %9llu %10.1f\n", "total", "", "", "",
	       total, busy_ms);
	return 0;
}
