/*
 * test_bound_limits.c - the bounds of runtime/limits.h below the CLI:
 * size parsing and formatting, memories and tables created under a cap
 * (EFBIG, growth stopping there, the address space reserved), the fd
 * table's bound.
 */
#include "unit.h"

#include <errno.h>
#include <string.h>

#include "runtime/runtime.h"
#include "wasi/abi.h"
#include "wasi/fdtable.h"

WX_TEST(bound_parse_size)
{
	uint64_t v = 0;

	CHECK(wx_parse_size("16M", 4ull << 30, &v) == 0 && v == 16u << 20);
	CHECK(wx_parse_size("16MiB", 4ull << 30, &v) == 0 && v == 16u << 20);
	CHECK(wx_parse_size("16mb", 4ull << 30, &v) == 0 && v == 16u << 20);
	CHECK(wx_parse_size("4G", 4ull << 30, &v) == 0 && v == 4ull << 30);
	CHECK(wx_parse_size("640k", 4ull << 30, &v) == 0 && v == 640u << 10);
	CHECK(wx_parse_size("65536", 4ull << 30, &v) == 0 && v == 65536);
	CHECK(wx_parse_size("5G", 4ull << 30, &v) != 0);
	CHECK(wx_parse_size("", 4ull << 30, &v) != 0);
	CHECK(wx_parse_size("M", 4ull << 30, &v) != 0);
	CHECK(wx_parse_size("-1", 4ull << 30, &v) != 0);
	CHECK(wx_parse_size("16T", 4ull << 30, &v) != 0);
	CHECK(wx_parse_size("16Mi", 4ull << 30, &v) == 0);
	CHECK(wx_parse_size("16iB", 4ull << 30, &v) != 0);
	CHECK(wx_parse_size("99999999999999999999999", UINT64_MAX, &v) != 0);
}

WX_TEST(bound_format_size)
{
	char b[32];

	wx_format_size(16u << 20, b, sizeof(b));
	CHECK(strcmp(b, "16 MiB") == 0);
	wx_format_size(300u * 65536, b, sizeof(b));
	CHECK(strcmp(b, "18.8 MiB") == 0);
	wx_format_size(128u << 10, b, sizeof(b));
	CHECK(strcmp(b, "128 KiB") == 0);
	wx_format_size(4ull << 30, b, sizeof(b));
	CHECK(strcmp(b, "4 GiB") == 0);
	wx_format_size(800, b, sizeof(b));
	CHECK(strcmp(b, "800 bytes") == 0);
}

WX_TEST(bound_memory_cap)
{
	struct wx_memtype mt;
	struct wx_memory *m = NULL;

	memset(&mt, 0, sizeof(mt));
	mt.limits.min = 2;
	CHECK(wx_memory_create_capped(&mt, 1, &m) == EFBIG && m == NULL);
	CHECK(wx_memory_create_capped(&mt, 4, &m) == 0 && m != NULL);
	if (m == NULL)
		return;
	/* The cap's pages can be committed, never more; the address space
	 * reserved is the guard span (runtime/memory.c), or the cap's
	 * where that could not be had. */
	CHECK(m->guarded ? m->reserved == WX_MEM32_GUARD_SPAN
			 : m->reserved == 4u * WX_PAGE_SIZE);
	CHECK(wx_memory_grow(m, 3) == -1);
	CHECK(wx_memory_grow(m, 2) == 2);
	CHECK(wx_memory_grow(m, 1) == -1);
	CHECK(wx_memory_grow(m, 0) == 4);
	CHECK(m->size == 4u * WX_PAGE_SIZE);
	wx_memory_release(m);
	/* A declared maximum below the cap stays the limit. */
	mt.limits.has_max = true;
	mt.limits.max = 3;
	CHECK(wx_memory_create_capped(&mt, 100, &m) == 0 && m != NULL);
	if (m != NULL) {
		CHECK(wx_memory_grow(m, 2) == -1 && wx_memory_grow(m, 1) == 2);
		wx_memory_release(m);
	}
}

WX_TEST(bound_table_cap)
{
	struct wx_tabletype tt;
	struct wx_table *t = NULL;

	memset(&tt, 0, sizeof(tt));
	tt.limits.min = 10;
	CHECK(wx_table_create_capped(&tt, 0, 9, &t) == EFBIG && t == NULL);
	CHECK(wx_table_create_capped(&tt, 0, 20, &t) == 0 && t != NULL);
	if (t == NULL)
		return;
	CHECK(wx_table_grow(t, 11, 0) == -1);
	CHECK(wx_table_grow(t, 10, 0) == 10);
	CHECK(wx_table_grow(t, 1, 0) == -1 && t->size == 20);
	wx_table_release(t);
	/* The default cap: 10,000,000 elements. */
	tt.limits.min = WX_LIMIT_TABLE_DEFAULT + 1;
	CHECK(wx_table_create(&tt, 0, &t) == EFBIG);
}

WX_TEST(bound_fdtable_max)
{
	struct wx_fdtable tab, copy;
	uint32_t fd, i;
	int ret = 0;

	wx_fdtable_init(&tab);
	wx_fdtable_set_max(&tab, 8);
	for (i = 0; i < 8 && ret == 0; i++)
		ret = wx_fdtable_insert(&tab, wx_fdobj_create(-1, 0, true), 0,
					0, 0, false, &fd);
	CHECK(ret == 0 && fd == 7);
	CHECK(wx_fdtable_insert(&tab, wx_fdobj_create(-1, 0, true), 0, 0, 0,
				false, &fd) == WX_WASI_EMFILE);
	CHECK(wx_fdtable_insert(&tab, wx_fdobj_create(-1, 0, true), 0, 0, 8,
				true, &fd) == WX_WASI_EBADF);
	CHECK(wx_fdtable_dup2(&tab, 0, 8) == WX_WASI_EBADF);
	CHECK(wx_fdtable_dup2(&tab, 0, 7) == 0);
	/* A fork's copy keeps the bound. */
	wx_fdtable_init(&copy);
	CHECK(wx_fdtable_clone(&copy, &tab) == 0 && copy.max == 8);
	CHECK(wx_fdtable_close(&copy, 3) == 0);
	CHECK(wx_fdtable_insert(&copy, wx_fdobj_create(-1, 0, true), 0, 0, 0,
				false, &fd) == 0 && fd == 3);
	CHECK(wx_fdtable_insert(&copy, wx_fdobj_create(-1, 0, true), 0, 0, 0,
				false, &fd) == WX_WASI_EMFILE);
	wx_fdtable_fini(&copy);
	wx_fdtable_fini(&tab);
	/* 0 and too large mean the largest table. */
	wx_fdtable_init(&tab);
	wx_fdtable_set_max(&tab, 0);
	CHECK(tab.max == WX_FDTABLE_MAX);
	wx_fdtable_fini(&tab);
}
