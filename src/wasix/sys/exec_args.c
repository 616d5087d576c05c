/* exec_args.c - see exec_args.h. */
#include <stdlib.h>
#include <string.h>

#include "exec_args.h"

int wx_exec_lines(struct wx_proc *p, uint32_t ptr, uint32_t len,
		  char ***out)
{
	const char *s;
	*out = NULL;
	if (ptr == 0)
		return 0;
	s = wx_wasi_mem(p->wasi, ptr, len);
	if (s == NULL)
		return WX_WASI_EMEMVIOLATION;
	*out = wx_split_lines(s, strnlen(s, len));
	return *out == NULL ? WX_WASI_ENOMEM : 0;
}

int wx_exec_ptrs(struct wx_proc *p, uint32_t ptr, uint32_t n, char ***out)
{
	const uint8_t *v;
	char **res;
	uint32_t i;
	*out = NULL;
	if (ptr == 0)
		return 0;
	if (n > 1u << 20)
		return WX_WASI_E2BIG;
	v = wx_wasi_mem(p->wasi, ptr, (uint64_t)n * 4);
	if (v == NULL)
		return WX_WASI_EMEMVIOLATION;
	res = calloc((size_t)n + 1, sizeof(*res));
	if (res == NULL)
		return WX_WASI_ENOMEM;
	for (i = 0; i < n; i++) {
		uint32_t sp = wx_get32(v + 4 * i);
		struct wx_memory *m = p->wasi->mem;
		const char *s;
		size_t max;
		if (m == NULL || sp >= m->size)
			goto fault;
		s = (const char *)m->base + sp;
		max = (size_t)(m->size - sp);
		if (memchr(s, '\0', max) == NULL)
			goto fault;
		if ((res[i] = strdup(s)) == NULL) {
			wx_wasix_strv_free(res);
			return WX_WASI_ENOMEM;
		}
	}
	*out = res;
	return 0;
fault:
	wx_wasix_strv_free(res);
	return WX_WASI_EMEMVIOLATION;
}
