/*
 * test_reader.c - unit tests of core/reader.c: LEB128 limits and unused
 * bits (spec 5.2.2) for every width the decoder uses, fixed-width floats,
 * raw byte reads, and that a failing read never moves past the input.
 * Inputs are heap copies of exactly their length so that ASan catches a
 * read one byte too far.
 */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "core/reader.h"

struct leb_result {
	int rc;
	uint64_t v;
	size_t consumed;
	const char *err;
};

/* Decode one LEB128 from exactly `n` bytes. */
static struct leb_result leb(const char *bytes, size_t n, unsigned bits,
			     bool is_signed)
{
	struct leb_result res = {0};
	uint8_t *copy = malloc(n ? n : 1);
	struct wx_reader rd;

	memcpy(copy, bytes, n);
	rd.base = rd.pos = copy;
	rd.end = copy + n;
	rd.err = NULL;
	res.rc = wx_read_leb(&rd, bits, is_signed, &res.v);
	res.consumed = (size_t)(rd.pos - copy);
	res.err = rd.err;
	/* Whatever happened, the reader stays inside the input. */
	CHECK(rd.pos >= copy && rd.pos <= copy + n);
	free(copy);
	return res;
}

#define LEB(lit, bits, sgn) leb(lit, sizeof(lit) - 1, bits, sgn)

static bool ok(struct leb_result r, uint64_t v, size_t consumed)
{
	return r.rc == 0 && r.v == v && r.consumed == consumed;
}

static bool bad(struct leb_result r, const char *msg)
{
	return r.rc == WX_EMALFORMED && r.err != NULL &&
	       strcmp(r.err, msg) == 0;
}

WX_TEST(reader_u32)
{
	CHECK(ok(LEB("\x00", 32, false), 0, 1));
	CHECK(ok(LEB("\x7f", 32, false), 127, 1));
	CHECK(ok(LEB("\x80\x01", 32, false), 128, 2));
	CHECK(ok(LEB("\xe5\x8e\x26", 32, false), 624485, 3));
	/* trailing bytes are not consumed */
	CHECK(ok(LEB("\x05\x06", 32, false), 5, 1));
	/* five bytes: the maximum, and a padded zero */
	CHECK(ok(LEB("\xff\xff\xff\xff\x0f", 32, false), UINT32_MAX, 5));
	CHECK(ok(LEB("\x80\x80\x80\x80\x00", 32, false), 0, 5));
	/* a sixth byte is never allowed */
	CHECK(bad(LEB("\x80\x80\x80\x80\x80\x00", 32, false),
		  "integer representation too long"));
	/* unused bits of the fifth byte must be zero */
	CHECK(bad(LEB("\xff\xff\xff\xff\x1f", 32, false),
		  "integer too large"));
	CHECK(bad(LEB("\x80\x80\x80\x80\x70", 32, false),
		  "integer too large"));
	CHECK(bad(LEB("\x82\x80\x80\x80\x40", 32, false),
		  "integer too large"));
}

WX_TEST(reader_u32_truncated)
{
	CHECK(bad(LEB("", 32, false), "unexpected end"));
	CHECK(bad(LEB("\x80", 32, false), "unexpected end"));
	CHECK(bad(LEB("\xff\xff\xff\xff", 32, false), "unexpected end"));
}

WX_TEST(reader_s32)
{
	CHECK(ok(LEB("\x7f", 32, true), (uint64_t)-1, 1));
	CHECK(ok(LEB("\x3f", 32, true), 63, 1));
	CHECK(ok(LEB("\x40", 32, true), (uint64_t)-64, 1));
	CHECK(ok(LEB("\xc0\x00", 32, true), 64, 2));
	CHECK(ok(LEB("\xff\xff\xff\xff\x07", 32, true), INT32_MAX, 5));
	CHECK(ok(LEB("\x80\x80\x80\x80\x78", 32, true),
		 (uint64_t)(int64_t)INT32_MIN, 5));
	CHECK(ok(LEB("\xff\xff\xff\xff\x7f", 32, true), (uint64_t)-1, 5));
	/* sign bit 0 but unused bits set, and the reverse */
	CHECK(bad(LEB("\xff\xff\xff\xff\x0f", 32, true), "integer too large"));
	CHECK(bad(LEB("\x80\x80\x80\x80\x70", 32, true), "integer too large"));
	CHECK(bad(LEB("\xff\xff\xff\xff\x4f", 32, true), "integer too large"));
	CHECK(bad(LEB("\xff\xff\xff\xff\xff\x7f", 32, true),
		  "integer representation too long"));
	CHECK(bad(LEB("\xff\xff", 32, true), "unexpected end"));
}

WX_TEST(reader_s32_typed)
{
	static const uint8_t in[] = {0x80, 0x80, 0x80, 0x80, 0x78, 0x7f};
	struct wx_reader rd = {in, in, in + sizeof(in), NULL};
	int32_t v = 0;

	CHECK(wx_read_s32(&rd, &v) == 0 && v == INT32_MIN);
	CHECK(wx_read_s32(&rd, &v) == 0 && v == -1);
	CHECK(wx_reader_eof(&rd));
	CHECK(wx_read_s32(&rd, &v) == WX_EMALFORMED);
	CHECK(wx_reader_offset(&rd) == sizeof(in));
}

WX_TEST(reader_s33)
{
	/* Block types: 2^32-1 is the largest type index. */
	CHECK(ok(LEB("\xff\xff\xff\xff\x0f", 33, true), 0xffffffffu, 5));
	CHECK(ok(LEB("\x40", 33, true), (uint64_t)-64, 1));
	CHECK(ok(LEB("\x80\x80\x80\x80\x70", 33, true),
		 (uint64_t)-((int64_t)1 << 32), 5));
	/* sign bit (bit 4 of byte 5) clear, bit 5 set */
	CHECK(bad(LEB("\xff\xff\xff\xff\x2f", 33, true), "integer too large"));
	/* sign bit set, bit 6 clear */
	CHECK(bad(LEB("\x80\x80\x80\x80\x30", 33, true), "integer too large"));
	CHECK(bad(LEB("\x80\x80\x80\x80\x80\x00", 33, true),
		  "integer representation too long"));

	{
		static const uint8_t in[] = {0xff, 0xff, 0xff, 0xff, 0x0f};
		struct wx_reader rd = {in, in, in + sizeof(in), NULL};
		int64_t v = 0;

		CHECK(wx_read_s33(&rd, &v) == 0 && v == 0xffffffffll);
	}
}

WX_TEST(reader_64)
{
	CHECK(ok(LEB("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 64, false),
		 UINT64_MAX, 10));
	CHECK(bad(LEB("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x02", 64, false),
		  "integer too large"));
	CHECK(bad(LEB("\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x00", 64,
		      false), "integer representation too long"));
	CHECK(ok(LEB("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x00", 64, true),
		 (uint64_t)INT64_MAX, 10));
	CHECK(ok(LEB("\x80\x80\x80\x80\x80\x80\x80\x80\x80\x7f", 64, true),
		 (uint64_t)INT64_MIN, 10));
	CHECK(ok(LEB("\x7f", 64, true), (uint64_t)-1, 1));
	/* last byte: sign bit 1 needs all unused bits set */
	CHECK(bad(LEB("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 64, true),
		  "integer too large"));
	CHECK(bad(LEB("\x80\x80\x80\x80\x80\x80\x80\x80\x80\x41", 64, true),
		  "integer too large"));
	CHECK(bad(LEB("\xff\xff\xff\xff\xff\xff\xff\xff\xff", 64, true),
		  "unexpected end"));
}

WX_TEST(reader_floats)
{
	static const uint8_t in[] = {0x00, 0x00, 0x80, 0x3f, 0x18, 0x2d,
				     0x44, 0x54, 0xfb, 0x21, 0x09, 0x40,
				     0x01, 0x02};
	struct wx_reader rd = {in, in, in + sizeof(in), NULL};
	uint32_t f;
	uint64_t d;

	CHECK(wx_read_f32(&rd, &f) == 0 && f == 0x3f800000u);
	CHECK(wx_read_f64(&rd, &d) == 0 && d == 0x400921fb54442d18ull);
	/* only two bytes left */
	CHECK(wx_read_f32(&rd, &f) == WX_EMALFORMED);
	CHECK(strcmp(rd.err, "unexpected end") == 0);
	CHECK(wx_reader_offset(&rd) == 12);
}

WX_TEST(reader_bytes)
{
	static const uint8_t in[] = {1, 2, 3};
	struct wx_reader rd = {in, in, in + sizeof(in), NULL};
	const uint8_t *p = NULL;
	uint8_t b;

	CHECK(wx_read_bytes(&rd, 2, &p) == 0 && p == in);
	/* sizes that would wrap a pointer must fail, not overflow */
	CHECK(wx_read_bytes(&rd, SIZE_MAX, &p) == WX_EMALFORMED);
	CHECK(wx_read_bytes(&rd, 2, &p) == WX_EMALFORMED);
	CHECK(wx_read_bytes(&rd, 1, &p) == 0 && *p == 3);
	CHECK(wx_read_bytes(&rd, 0, &p) == 0);
	CHECK(wx_read_u8(&rd, &b) == WX_EMALFORMED);
	CHECK(wx_reader_eof(&rd));
}
