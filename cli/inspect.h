/*
 * inspect.h - the commands that look at a module without running it.
 */
#ifndef WX_CLI_INSPECT_H
#define WX_CLI_INSPECT_H

/* `wasixrt validate FILE`: 0, or 1 after one "wasixrt: ..." line. */
int wx_cli_validate(const char *file);
/* `wasixrt inspect FILE`: the report on stdout; 0, or 1 after an error. */
int wx_cli_inspect(const char *file);

#endif
