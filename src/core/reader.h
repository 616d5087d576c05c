/*
 * reader.h - bounds-checked reading of the binary format (spec 5.1, 5.2).
 *
 * A reader never reads past `end`.  Every read returns 0 or an error code
 * (WX_EMALFORMED) and leaves the failing position in `pos` so messages can
 * give a byte offset.  LEB128 reads enforce the spec's size limits
 * (ceil(N/7) bytes) and that unused bits of the last byte are zero (for
 * signed encodings: a proper sign extension).
 */
#ifndef WX_READER_H
#define WX_READER_H

#include "../util/common.h"

struct wx_reader {
	const uint8_t *base; /* start of the module, for offsets */
	const uint8_t *pos;
	const uint8_t *end;
	const char *err; /* static message of the last failure */
};

static inline size_t wx_reader_offset(const struct wx_reader *rd)
{
	return (size_t)(rd->pos - rd->base);
}

static inline bool wx_reader_eof(const struct wx_reader *rd)
{
	return rd->pos >= rd->end;
}

int wx_read_u8_slow(struct wx_reader *rd, uint8_t *out);
int wx_read_u32_slow(struct wx_reader *rd, uint32_t *out);
int wx_read_s32_slow(struct wx_reader *rd, int32_t *out);

/* The common one-byte cases inline: validating a large module is mostly
 * reading small opcodes and indices. */
static inline int wx_read_u8(struct wx_reader *rd, uint8_t *out)
{
	if (WX_LIKELY(rd->pos < rd->end)) {
		*out = *rd->pos++;
		return 0;
	}
	return wx_read_u8_slow(rd, out);
}

/* unsigned LEB128 */
static inline int wx_read_u32(struct wx_reader *rd, uint32_t *out)
{
	if (WX_LIKELY(rd->pos < rd->end && *rd->pos < 0x80)) {
		*out = *rd->pos++;
		return 0;
	}
	return wx_read_u32_slow(rd, out);
}

/* signed LEB128 */
static inline int wx_read_s32(struct wx_reader *rd, int32_t *out)
{
	if (WX_LIKELY(rd->pos < rd->end && *rd->pos < 0x80)) {
		*out = (int32_t)((uint32_t)*rd->pos++ << 25) >> 25;
		return 0;
	}
	return wx_read_s32_slow(rd, out);
}
int wx_read_s33(struct wx_reader *rd, int64_t *out);   /* block types */
int wx_read_u64(struct wx_reader *rd, uint64_t *out);
int wx_read_s64(struct wx_reader *rd, int64_t *out);
int wx_read_f32(struct wx_reader *rd, uint32_t *bits); /* little-endian */
int wx_read_f64(struct wx_reader *rd, uint64_t *bits);
/* Read `n` raw bytes: *out points into the input. */
int wx_read_bytes(struct wx_reader *rd, size_t n, const uint8_t **out);

/* Decode a LEB128 of at most `bits` bits; `is_signed` selects the signed
 * form.  The general routine behind the typed ones above; exposed for unit
 * tests. */
int wx_read_leb(struct wx_reader *rd, unsigned bits, bool is_signed,
		uint64_t *out);

#endif
