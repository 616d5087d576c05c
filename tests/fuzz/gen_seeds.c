/*
 * gen_seeds.c - writes the regression modules of
 * tests/unit/regress_modules.h into directory argv[1], one file each, so
 * that every fuzzing run replays them first under clang's sanitizers.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../unit/regress_modules.h"

static void save(const char *dir, const char *name, const uint8_t *b,
		 size_t n)
{
	char path[512];
	FILE *f;
	snprintf(path, sizeof(path), "%s/%s.wasm", dir, name);
	f = fopen(path, "wb");
	if (f == NULL || fwrite(b, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	static const uint32_t heights[] = {0, 15, 16, 17, 31, 32, 33};
	uint8_t mod[WX_REGRESS_MAX];
	char name[64];
	size_t i;
	if (argc != 2) {
		fprintf(stderr, "usage: gen_seeds DIR\n");
		return 2;
	}
	for (i = 0; i < sizeof(heights) / sizeof(heights[0]); i++) {
		snprintf(name, sizeof(name), "regress-callind-%u", heights[i]);
		save(argv[1], name, mod,
		     wx_regress_callind_unreachable(mod, heights[i]));
	}
	save(argv[1], "regress-memsize", mod, wx_regress_memsize_only(mod));
	return 0;
}
