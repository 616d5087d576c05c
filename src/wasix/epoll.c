/*
 * epoll.c - the state of WASIX epoll fds (see epoll.h).
 */
#include <stdlib.h>
#include <sys/epoll.h>

#include "epoll.h"

static void wx_epoll_free(void *ext)
{
	struct wx_epoll *e = ext;

	if (e != NULL)
		free(e->regs);
	free(e);
}

struct wx_epoll *wx_epoll_of(struct wx_fdobj *o)
{
	return o->ext_free == wx_epoll_free ? o->ext : NULL;
}

struct wx_fdobj *wx_epoll_create_obj(int hfd)
{
	struct wx_epoll *e = calloc(1, sizeof(*e));
	struct wx_fdobj *o;

	if (e == NULL)
		return NULL;
	o = wx_fdobj_create(hfd, WX_FILETYPE_UNKNOWN, false);
	if (o == NULL) {
		free(e);
		return NULL;
	}
	o->ext = e;
	o->ext_free = wx_epoll_free;
	return o;
}

static const uint32_t wx_epoll_bits[][2] = {
	{ WX_EPOLLIN, EPOLLIN },       { WX_EPOLLOUT, EPOLLOUT },
	{ WX_EPOLLRDHUP, EPOLLRDHUP }, { WX_EPOLLPRI, EPOLLPRI },
	{ WX_EPOLLERR, EPOLLERR },     { WX_EPOLLHUP, EPOLLHUP },
	{ WX_EPOLLET, EPOLLET },       { WX_EPOLLONESHOT, EPOLLONESHOT },
};

uint32_t wx_epoll_to_host(uint32_t ev)
{
	uint32_t h = 0;
	size_t i;

	for (i = 0; i < sizeof(wx_epoll_bits) / sizeof(wx_epoll_bits[0]); i++)
		if (ev & wx_epoll_bits[i][0])
			h |= wx_epoll_bits[i][1];
	return h;
}

uint32_t wx_epoll_from_host(uint32_t ev)
{
	uint32_t g = 0;
	size_t i;

	for (i = 0; i < sizeof(wx_epoll_bits) / sizeof(wx_epoll_bits[0]); i++)
		if (ev & wx_epoll_bits[i][1])
			g |= wx_epoll_bits[i][0];
	return g;
}
