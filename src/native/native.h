/*
 * native.h - the native tier: wasm translated to C (native_emit.c),
 * compiled by the system C compiler into a cached shared object
 * (native_cc.c), loaded and run (native_load.c, native_rt.c).
 *
 * A module runs wholly in one tier.  The runtime reaches the tier through
 * the module's tier_call (set when a compiled image is attached to it) and
 * through the load hook (wx_module_tier_hook, runtime.h), which the
 * program that wants native code registers with wx_native_setup.
 */
#ifndef WX_NATIVE_H
#define WX_NATIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "native_sbuf.h"

struct wx_module;
struct wx_report;

/* One generated C file. */
struct wx_native_src {
	struct wx_sbuf text;
	uint32_t nfuncs;
	bool has_image; /* holds the tables and the image header */
};

/* Whether the native tier can run m: 0, or WX_EUNSUPPORTED with why. */
int wx_native_check(const struct wx_module *m, char *why, size_t len);
/* Translate m into nchunks C files (srcs[nchunks], freed by the caller
 * with wx_sbuf_free).  wasm_path is the module's bytes as a file, which
 * the image embeds.  0, WX_EUNSUPPORTED or ENOMEM with why. */
int wx_native_translate(const struct wx_module *m, unsigned nchunks,
			const char *wasm_path, struct wx_native_src *srcs,
			char *why, size_t len);

enum wx_tier {
	WX_TIER_AUTO = 0,   /* cached native code if present, else interp */
	WX_TIER_INTERP = 1,
	WX_TIER_NATIVE = 2, /* compile when the cache lacks it */
};

struct wx_native_opts {
	enum wx_tier tier;
	bool no_cache;   /* never read or write the cache */
	const char *opt; /* optimisation flag, default "-O2" */
	bool verbose;    /* say on stderr what is compiled and how long */
};

/* Register the tier policy for every module loaded from now on in this
 * process (and the processes it forks and execs). */
void wx_native_setup(const struct wx_native_opts *o);
/* Parse "interp", "native", "auto"; false if none. */
bool wx_native_parse_tier(const char *s, enum wx_tier *out);

/* Compile m (bytes in m->bytes) into a shared object at out_path, or into
 * the cache when out_path is NULL (*cached_path gets the entry's path,
 * malloc'd, if non-NULL).  0 or a status with r set. */
int wx_native_compile(const struct wx_module *m, const char *out_path,
		      char **cached_path, struct wx_report *r);
/* Attach the compiled image at path to m (checked against m's hash).
 * 0 or a status with r set. */
int wx_native_attach_file(struct wx_module *m, const char *path,
			  struct wx_report *r);
/* The cache directory (malloc'd), NULL without HOME/XDG_CACHE_HOME. */
char *wx_native_cache_dir(void);
/* Remove every entry of the cache; returns the number removed or -1. */
long wx_native_cache_clear(struct wx_report *r);
/* Whether path starts like a compiled image (an ELF object). */
bool wx_native_is_image(const char *path);
/* Open a compiled image: its embedded module bytes (malloc'd copy) after
 * the checks of header, ABI and machine.  0 or a status with r set. */
int wx_native_image_module(const char *path, uint8_t **bytes, size_t *size,
			   struct wx_report *r);
extern const char wx_native_translator_id[];
extern const char wx_native_simd_id[]; /* the same of native_emit_simd.c */
/* The 128-bit content hash of a module's bytes. */
void wx_native_hash(const uint8_t *p, size_t n, uint64_t out[2]);

#endif
