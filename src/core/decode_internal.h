/*
 * decode_internal.h - state and helpers shared by the decoder's files
 * (decode.c: driver and the declaration sections; decode_segments.c:
 * constant expressions, element, code and data sections).  Not part of the
 * core's contract: only src/core/decode*.c include it.
 *
 * Error policy, following the reference interpreter (which decodes the
 * whole module before validating it): a malformed input (spec 5) stops
 * decoding at once with WX_EMALFORMED, while the first validation failure
 * (spec 3) is only recorded and decoding goes on, so a later malformation
 * still wins.  Code after a recorded validation failure must therefore
 * never trust the index that failed (it is replaced by a safe value or
 * its dependent checks are skipped).
 *
 * Message format, everywhere: "<spec wording>[ detail] (at byte offset
 * 0x<hex>)", the offset being from the start of the module.
 */
#ifndef WX_DECODE_INTERNAL_H
#define WX_DECODE_INTERNAL_H

#include <errno.h>

#include "module.h"
#include "reader.h"

/* Implementation limit on declared locals of one function (the spec's
 * binary format allows up to 2^32-1; interp/compile.c applies the same
 * bound to params + locals). */
#define WX_MAX_LOCALS 50000

struct wx_decoder {
	struct wx_module *m;
	struct wx_report *r;
	struct wx_reader rd; /* the current section, or the whole module */
	size_t module_size;

	/* First validation failure, reported when decoding ends cleanly. */
	bool invalid;
	char inv_msg[400];

	uint32_t nfuncs_defined; /* function section's count */
	/* While a rec group is decoded: the end of its type indices (the
	 * group starts at m->ntypes); else 0. */
	uint32_t rec_end;
	bool have_code;          /* a code section was seen */
	bool have_data;          /* a data section was seen */

	/* The "name" custom section, parsed last (it needs nfuncs). */
	const uint8_t *name_sec;
	size_t name_len;
};

/* Malformed input at the reader's position: report and return
 * WX_EMALFORMED. */
int wx_dec_malformed(struct wx_decoder *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The reader just failed: report its message. */
int wx_dec_rdfail(struct wx_decoder *d);
/* The input uses something this decoder does not implement (GC
 * instructions other than array.new_default): report and return
 * WX_EUNSUPPORTED. */
int wx_dec_unsupported(struct wx_decoder *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Record a validation failure at byte `off` (first one wins); returns 0
 * so that callers go on decoding. */
int wx_dec_invalid(struct wx_decoder *d, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Read a vector count that is followed by at least `min_item` bytes per
 * item; a count the remaining bytes cannot hold is malformed. */
int wx_dec_count(struct wx_decoder *d, size_t min_item, uint32_t *out);
/* A value type, reference type, heap type (module.h's encoding); a type
 * index out of range is recorded as invalid (funcref stands in). */
int wx_dec_valtype(struct wx_decoder *d, wx_valtype_t *out);
int wx_dec_reftype(struct wx_decoder *d, wx_valtype_t *out);
int wx_dec_heaptype(struct wx_decoder *d, wx_valtype_t *out);

/* Parse a constant expression whose value must have type `type`
 * (spec 3.3.10); on success *out covers it including the final end. */
int wx_dec_constexpr(struct wx_decoder *d, wx_valtype_t type,
		     struct wx_constexpr *out);

int wx_dec_elem_section(struct wx_decoder *d);
int wx_dec_code_section(struct wx_decoder *d);
int wx_dec_data_section(struct wx_decoder *d);

#endif
