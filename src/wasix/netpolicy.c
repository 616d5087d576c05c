/*
 * netpolicy.c - which network a run may use.
 *
 * Like wasmtime (no network unless `-S inherit-network`) and Wasmer (no
 * network unless `--net`), a guest gets none by default: sockets can be
 * created, and socket pairs used, but binding, listening, connecting,
 * sending to an address and looking up names fail with EACCES unless
 * the command line allowed them.  --net allows everything; --net-listen
 * and --net-connect allow given addresses and ports; --net-dns allows
 * name lookups; --net-unix allows AF_UNIX addresses (whose paths are
 * resolved beneath the preopens in any case).  The policy is set once
 * before the first process starts and is inherited by every process of
 * the run (fork copies it; exec and spawn keep the host process).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>

#include "net.h"

struct wx_net_rule {
	int family; /* AF_INET, AF_INET6, or AF_UNSPEC for `*` */
	uint8_t addr[16];
	uint16_t port_lo, port_hi;
};

static struct {
	bool all, dns, unix_sockets;
	struct wx_net_rule *rules[2];
	size_t nrules[2];
} wx_policy;

/* Parse "ADDR:PORT" into r.  0 or -1 with a reason. */
static int wx_rule_parse(const char *spec, struct wx_net_rule *r, char *err,
			 size_t errlen)
{
	char host[64];
	const char *colon, *ps;
	size_t hl;
	char *end;
	unsigned long lo, hi;

	memset(r, 0, sizeof(*r));
	if (spec[0] == '[') {
		colon = strstr(spec, "]:");
		if (colon == NULL)
			goto bad;
		hl = (size_t)(colon - spec - 1);
		ps = colon + 2;
		if (hl >= sizeof(host))
			goto bad;
		memcpy(host, spec + 1, hl);
		host[hl] = '\0';
		if (inet_pton(AF_INET6, host, r->addr) != 1)
			goto bad;
		r->family = AF_INET6;
	} else {
		colon = strrchr(spec, ':');
		if (colon == NULL)
			goto bad;
		hl = (size_t)(colon - spec);
		ps = colon + 1;
		if (hl >= sizeof(host))
			goto bad;
		memcpy(host, spec, hl);
		host[hl] = '\0';
		if (strcmp(host, "*") == 0)
			r->family = AF_UNSPEC;
		else if (inet_pton(AF_INET, host, r->addr) == 1)
			r->family = AF_INET;
		else
			goto bad;
	}
	if (strcmp(ps, "*") == 0) {
		r->port_lo = 0;
		r->port_hi = 65535;
		return 0;
	}
	if (*ps < '0' || *ps > '9')
		goto bad;
	lo = strtoul(ps, &end, 10);
	hi = lo;
	if (*end == '-') {
		if (end[1] < '0' || end[1] > '9')
			goto bad;
		hi = strtoul(end + 1, &end, 10);
	}
	if (*end != '\0' || lo > 65535 || hi > 65535 || lo > hi)
		goto bad;
	r->port_lo = (uint16_t)lo;
	r->port_hi = (uint16_t)hi;
	return 0;
bad:
	snprintf(err, errlen,
		 "bad network rule '%s' (want ADDR:PORT: ADDR an IPv4 "
		 "address, [IPv6] or *, PORT a number, LO-HI or *)",
		 spec);
	return -1;
}

int wx_net_rule_check(const char *spec, char *err, size_t errlen)
{
	struct wx_net_rule r;

	return wx_rule_parse(spec, &r, err, errlen);
}

/* Install the policy for this run; called by wx_process_main before the
 * first process.  0 or ENOMEM/EINVAL. */
int wx_netpolicy_set(const struct wx_net_config *c)
{
	const char *const *specs[2] = { c->listen, c->connect };
	size_t n[2] = { c->nlisten, c->nconnect }, i, k;
	char err[160];

	wx_policy.all = c->all;
	wx_policy.dns = c->dns;
	wx_policy.unix_sockets = c->unix_sockets;
	for (k = 0; k < 2; k++) {
		free(wx_policy.rules[k]);
		wx_policy.rules[k] = NULL;
		wx_policy.nrules[k] = 0;
		if (n[k] == 0)
			continue;
		wx_policy.rules[k] = calloc(n[k], sizeof(struct wx_net_rule));
		if (wx_policy.rules[k] == NULL)
			return ENOMEM;
		for (i = 0; i < n[k]; i++)
			if (wx_rule_parse(specs[k][i], &wx_policy.rules[k][i],
					  err, sizeof(err)) != 0)
				return EINVAL;
		wx_policy.nrules[k] = n[k];
	}
	return 0;
}

static bool wx_rule_match(const struct wx_net_rule *r, int family,
			  const uint8_t *addr, uint16_t port)
{
	if (port < r->port_lo || port > r->port_hi)
		return false;
	if (r->family == AF_UNSPEC)
		return true;
	if (r->family == AF_INET && family == AF_INET6) {
		/* An IPv4 rule also covers the v4-mapped IPv6 address. */
		static const uint8_t mapped[12] = { 0, 0, 0, 0, 0, 0,
						    0, 0, 0, 0, 0xff, 0xff };
		return memcmp(addr, mapped, 12) == 0 &&
		       memcmp(addr + 12, r->addr, 4) == 0;
	}
	return r->family == family &&
	       memcmp(addr, r->addr, family == AF_INET ? 4 : 16) == 0;
}

int wx_netpolicy_check(enum wx_net_op op, const struct sockaddr *sa)
{
	const uint8_t *addr;
	uint16_t port;
	size_t i;

	if (wx_policy.all)
		return 0;
	switch (sa->sa_family) {
	case AF_UNIX:
		return wx_policy.unix_sockets ? 0 : WX_WASI_EACCES;
	case AF_INET: {
		const struct sockaddr_in *in = (const void *)sa;
		addr = (const uint8_t *)&in->sin_addr;
		port = ntohs(in->sin_port);
		break;
	}
	case AF_INET6: {
		const struct sockaddr_in6 *in6 = (const void *)sa;
		addr = (const uint8_t *)&in6->sin6_addr;
		port = ntohs(in6->sin6_port);
		break;
	}
	default:
		return WX_WASI_EACCES;
	}
	for (i = 0; i < wx_policy.nrules[op]; i++)
		if (wx_rule_match(&wx_policy.rules[op][i], sa->sa_family, addr,
				  port))
			return 0;
	return WX_WASI_EACCES;
}

int wx_netpolicy_dns(void)
{
	return wx_policy.all || wx_policy.dns ? 0 : WX_WASI_EACCES;
}
