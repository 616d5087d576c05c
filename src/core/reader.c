/*
 * reader.c - bounds-checked primitive reads of the binary format
 * (spec 5.1 "Conventions", 5.2 "Values").
 *
 * Invariants:
 *  - nothing is ever read at or beyond rd->end;
 *  - on failure rd->pos is left at the byte where the problem was found
 *    (the start of a truncated item or the offending LEB128 byte), rd->err
 *    names it with the spec testsuite's wording, and WX_EMALFORMED is
 *    returned; on success rd->pos has moved past the item.
 *
 * LEB128 (spec 5.2.2): an N-bit integer takes at most ceil(N/7) bytes.
 * Reaching that many bytes with the continuation bit still set is "integer
 * representation too long".  In the last permitted byte, the bits beyond
 * N must be zero (unsigned) or copies of the sign bit (signed), otherwise
 * "integer too large".
 */
#include "reader.h"

#include <string.h>

static const char wx_msg_end[] = "unexpected end";
static const char wx_msg_long[] = "integer representation too long";
static const char wx_msg_large[] = "integer too large";

static int wx_read_fail(struct wx_reader *rd, const char *msg)
{
	rd->err = msg;
	return WX_EMALFORMED;
}

int wx_read_u8_slow(struct wx_reader *rd, uint8_t *out)
{
	if (rd->pos >= rd->end)
		return wx_read_fail(rd, wx_msg_end);
	*out = *rd->pos++;
	return 0;
}

/* Check the unused high bits of the last permitted byte.  `used` is how
 * many of its 7 payload bits belong to the value (1..7). */
static bool wx_leb_last_ok(uint8_t byte, unsigned used, bool is_signed)
{
	uint8_t payload = byte & 0x7f;
	uint8_t unused_mask = (uint8_t)(0x7f & ~((1u << used) - 1));

	if (!is_signed)
		return (payload & unused_mask) == 0;
	/* The sign bit is the highest used bit; every unused bit must be a
	 * copy of it. */
	if (payload & (1u << (used - 1)))
		return (payload & unused_mask) == unused_mask;
	return (payload & unused_mask) == 0;
}

int wx_read_leb(struct wx_reader *rd, unsigned bits, bool is_signed,
		uint64_t *out)
{
	const uint8_t *p = rd->pos;
	unsigned maxbytes = (bits + 6) / 7;
	unsigned shift = 0, i;
	uint64_t result = 0;
	uint8_t byte;

	for (i = 0;; i++) {
		if (p >= rd->end) {
			rd->pos = p;
			return wx_read_fail(rd, wx_msg_end);
		}
		byte = *p;
		if (i == maxbytes - 1) {
			if (byte & 0x80) {
				rd->pos = p;
				return wx_read_fail(rd, wx_msg_long);
			}
			if (!wx_leb_last_ok(byte, bits - shift, is_signed)) {
				rd->pos = p;
				return wx_read_fail(rd, wx_msg_large);
			}
		}
		p++;
		result |= (uint64_t)(byte & 0x7f) << shift;
		shift += 7;
		if (!(byte & 0x80))
			break;
	}
	/* Sign-extend from the last payload bit read. */
	if (is_signed && shift < 64 && (byte & 0x40))
		result |= ~(uint64_t)0 << shift;
	/* Keep only the value's own bits so the typed wrappers can cast. */
	if (!is_signed && bits < 64)
		result &= ((uint64_t)1 << bits) - 1;
	rd->pos = p;
	*out = result;
	return 0;
}

/* An LEB128 of at most 4 bytes: 28 bits, below every width's limit,
 * so none of wx_read_leb's checks on the last byte apply.  Returns the
 * length, or 0 when it is longer or runs past the end. */
static unsigned leb_short(const struct wx_reader *rd, uint32_t *v)
{
	const uint8_t *p = rd->pos;
	uint32_t r = 0;
	unsigned i;
	for (i = 0; i < 4 && p + i < rd->end; i++) {
		r |= (uint32_t)(p[i] & 0x7f) << (7 * i);
		if (!(p[i] & 0x80)) {
			*v = r;
			return i + 1;
		}
	}
	return 0;
}

int wx_read_u32_slow(struct wx_reader *rd, uint32_t *out)
{
	uint64_t v;
	uint32_t s;
	unsigned n = leb_short(rd, &s);
	int ret;
	if (n != 0) { /* the common multi-byte indices and offsets */
		rd->pos += n;
		*out = s;
		return 0;
	}
	ret = wx_read_leb(rd, 32, false, &v);

	if (ret == 0)
		*out = (uint32_t)v;
	return ret;
}

int wx_read_s32_slow(struct wx_reader *rd, int32_t *out)
{
	uint64_t v;
	uint32_t s;
	unsigned n = leb_short(rd, &s);
	int ret;
	if (n != 0) { /* i32.const: sign-extend from bit 7n - 1 */
		unsigned sh = 32 - 7 * n;
		rd->pos += n;
		*out = (int32_t)(s << sh) >> sh;
		return 0;
	}
	ret = wx_read_leb(rd, 32, true, &v);

	if (ret == 0)
		*out = (int32_t)(uint32_t)v;
	return ret;
}

int wx_read_s33(struct wx_reader *rd, int64_t *out)
{
	uint64_t v;
	int ret = wx_read_leb(rd, 33, true, &v);

	if (ret == 0)
		*out = (int64_t)v;
	return ret;
}

int wx_read_u64(struct wx_reader *rd, uint64_t *out)
{
	return wx_read_leb(rd, 64, false, out);
}

int wx_read_s64(struct wx_reader *rd, int64_t *out)
{
	uint64_t v;
	uint32_t s;
	unsigned n = leb_short(rd, &s);
	int ret;
	if (n != 0) { /* small i64.const */
		unsigned sh = 32 - 7 * n;
		rd->pos += n;
		*out = (int64_t)((int32_t)(s << sh) >> sh);
		return 0;
	}
	ret = wx_read_leb(rd, 64, true, &v);

	if (ret == 0)
		*out = (int64_t)v;
	return ret;
}

int wx_read_f32(struct wx_reader *rd, uint32_t *bits)
{
	const uint8_t *b;
	int ret = wx_read_bytes(rd, 4, &b);

	if (ret == 0)
		*bits = (uint32_t)b[0] | (uint32_t)b[1] << 8 |
			(uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
	return ret;
}

int wx_read_f64(struct wx_reader *rd, uint64_t *bits)
{
	const uint8_t *b;
	uint64_t v = 0;
	int i, ret = wx_read_bytes(rd, 8, &b);

	if (ret != 0)
		return ret;
	for (i = 7; i >= 0; i--)
		v = v << 8 | b[i];
	*bits = v;
	return 0;
}

int wx_read_bytes(struct wx_reader *rd, size_t n, const uint8_t **out)
{
	/* Compare lengths, not pointers: pos + n could overflow. */
	if (rd->pos > rd->end || n > (size_t)(rd->end - rd->pos))
		return wx_read_fail(rd, wx_msg_end);
	*out = rd->pos;
	rd->pos += n;
	return 0;
}
