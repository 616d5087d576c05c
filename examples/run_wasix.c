/*
 * run_wasix.c - run a WASIX program from an embedding application: the
 * program's _start runs as pid 1 of its own process tree in a child
 * process, so its fork()s never duplicate this one.
 *
 *   cc run_wasix.c $(pkg-config --cflags --libs wasixrt) -o run_wasix
 *   ./run_wasix PROGRAM.wasm [ARGS...]
 *
 * The program gets the arguments, this process's environment and the
 * current directory as "/work"; its exit status becomes ours.
 */
#include <stdio.h>

#include <wasixrt.h>

int main(int argc, char **argv)
{
	wasixrt_module_t *module;
	wasixrt_config_t *config;
	wasixrt_error_t *e;
	int i, status = 1;

	if (argc < 2) {
		fprintf(stderr, "usage: run_wasix PROGRAM.wasm [ARGS...]\n");
		return 2;
	}
	e = wasixrt_module_load(argv[1], &module);
	if (e != NULL) {
		fprintf(stderr, "run_wasix: %s\n", wasixrt_error_message(e));
		wasixrt_error_delete(e);
		return 1;
	}
	config = wasixrt_config_new();
	e = NULL;
	for (i = 1; i < argc && e == NULL; i++)
		e = wasixrt_config_arg(config, argv[i]);
	if (e == NULL)
		e = wasixrt_config_inherit_env(config);
	if (e == NULL)
		e = wasixrt_config_preopen(config, ".", "/work");
	if (e == NULL)
		e = wasixrt_run(module, config, WASIXRT_RUN_IN_CHILD, &status);
	if (e != NULL) {
		fprintf(stderr, "run_wasix: %s\n", wasixrt_error_message(e));
		wasixrt_error_delete(e);
		status = 1;
	} else {
		printf("run_wasix: exit status %d\n", status);
	}
	wasixrt_config_delete(config);
	wasixrt_module_delete(module);
	return status;
}
