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
	len = (uint32_t)strnlen(s, len);
	/* ARG_MAX before any copy: the list's strings take about its
	 * length (each '\n' becomes a NUL). */
	if (len > p->limits.arg_bytes)
		return WX_WASI_E2BIG;
	*out = wx_split_lines(s, len);
	return *out == NULL ? WX_WASI_ENOMEM : 0;
}

int wx_exec_ptrs(struct wx_proc *p, uint32_t ptr, uint32_t n, char ***out)
{
	const uint8_t *v;
	char **res;
	uint32_t i;
	uint64_t total = 0;
	*out = NULL;
	if (ptr == 0)
		return 0;
	/* Each string takes a byte at least: ARG_MAX bounds the count. */
	if (n > p->limits.arg_bytes)
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
		size_t max, lim;
		if (m == NULL || sp >= m->size)
			goto fault;
		s = (const char *)m->base + sp;
		max = (size_t)(m->size - sp);
		/* ARG_MAX before the copy, and no scan far beyond it. */
		lim = p->limits.arg_bytes - total; /* room for the NUL too */
		if (memchr(s, '\0', lim < max ? lim : max) == NULL) {
			wx_wasix_strv_free(res);
			return lim < max ? WX_WASI_E2BIG : WX_WASI_EMEMVIOLATION;
		}
		total += strlen(s) + 1;
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

int wx_exec_args_decode(struct wx_proc *p, const uint64_t *args,
			bool ptr_form, int search_idx,
			struct wx_exec_args *out)
{
	int (*list)(struct wx_proc *, uint32_t, uint32_t, char ***) =
		ptr_form ? wx_exec_ptrs : wx_exec_lines;
	int ret;
	memset(out, 0, sizeof(*out));
	out->search = wx_arg32(args, search_idx) != 0;
	ret = wx_guest_path(p, wx_arg32(args, 0), wx_arg32(args, 1),
			    &out->name);
	if (ret == 0)
		ret = list(p, wx_arg32(args, 2), wx_arg32(args, 3), &out->argv);
	if (ret == 0)
		ret = list(p, wx_arg32(args, 4), wx_arg32(args, 5), &out->envp);
	if (ret == 0 && out->search && wx_arg32(args, search_idx + 1) != 0)
		ret = wx_guest_string_max(p, wx_arg32(args, search_idx + 1),
					  wx_arg32(args, search_idx + 2),
					  p->limits.arg_bytes, &out->path);
	if (ret == 0 && (out->argv == NULL || out->argv[0] == NULL)) {
		/* An empty argv gets the program name as argv[0]. */
		wx_wasix_strv_free(out->argv);
		out->argv = calloc(2, sizeof(*out->argv));
		if (out->argv == NULL ||
		    (out->argv[0] = strdup(out->name)) == NULL)
			ret = WX_WASI_ENOMEM;
	}
	if (ret != 0)
		wx_exec_args_fini(out);
	return ret;
}

void wx_exec_args_fini(struct wx_exec_args *a)
{
	free(a->name);
	free(a->path);
	wx_wasix_strv_free(a->argv);
	wx_wasix_strv_free(a->envp);
	memset(a, 0, sizeof(*a));
}

int wx_exec_call(struct wx_thread *t, struct wx_proc *p, uint64_t *args,
		 bool ptr_form)
{
	struct wx_exec_args a;
	int ret = wx_exec_args_decode(p, args, ptr_form, 6, &a);
	if (ret == 0) {
		/* exec_common takes name, argv and envp. */
		ret = wx_exec_common(t, p, a.name, a.argv, a.envp, a.search,
				     a.path);
		free(a.path);
	}
	if (ret >= 0)
		args[0] = (uint32_t)ret;
	return ret > 0 ? 0 : ret;
}
