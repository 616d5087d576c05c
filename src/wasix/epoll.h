/*
 * epoll.h - WASIX epoll instances (epoll.c, sys/epoll_*.c).
 *
 * An epoll fd is an fd object over a host epoll instance.  Each guest fd
 * is registered through its host fd, with the guest fd number as the
 * host event's data; the guest's own 24 bytes of epoll_data_t (wasix-abi
 * 4.5) are kept in the object's `ext`, by guest fd.  So every kind of fd
 * the guest has (files, pipes, sockets, eventfds, stdio, another epoll)
 * is watched by the kernel itself, level- or edge-triggered or
 * one-shot, and a registration ends as Linux's does: with EPOLL_CTL_DEL,
 * or when the last fd of its open file description is closed.  A fork
 * shares the host instance, as on Linux.
 */
#ifndef WX_WASIX_EPOLL_H
#define WX_WASIX_EPOLL_H

#include "internal.h"

#define WX_EPOLL_EVENT_SIZE 32 /* events u32 @0, data @8 (24 bytes) */
#define WX_EPOLL_DATA_SIZE 24

/* epoll_type bits of WASIX (not Linux's values) */
#define WX_EPOLLIN 0x1u
#define WX_EPOLLOUT 0x2u
#define WX_EPOLLRDHUP 0x4u
#define WX_EPOLLPRI 0x8u
#define WX_EPOLLERR 0x10u
#define WX_EPOLLHUP 0x20u
#define WX_EPOLLET 0x40u
#define WX_EPOLLONESHOT 0x80u

struct wx_epoll_reg {
	uint32_t fd;
	uint8_t data[WX_EPOLL_DATA_SIZE];
};

struct wx_epoll {
	struct wx_epoll_reg *regs; /* under the object's lock */
	size_t n, cap;
};

/* The epoll state of an fd object, or NULL if it is not an epoll fd. */
struct wx_epoll *wx_epoll_of(struct wx_fdobj *o);
/* A new epoll fd object over host epoll fd `hfd` (NULL: ENOMEM). */
struct wx_fdobj *wx_epoll_create_obj(int hfd);
/* WASIX events <-> host events */
uint32_t wx_epoll_to_host(uint32_t ev);
uint32_t wx_epoll_from_host(uint32_t ev);

#endif
