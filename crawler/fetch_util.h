/*
 * crawler/fetch_util.h -- helpers of crawler/fetch.c that need no libcurl:
 * classifying the address a socket is about to connect to, and removing
 * credentials from URLs before they are stored.  Internal to the crawler;
 * exported so the unit tests can check them directly.
 */
#ifndef CC_CRAWLER_FETCH_UTIL_H
#define CC_CRAWLER_FETCH_UTIL_H

#include <stdbool.h>
#include <stddef.h>

struct sockaddr;

/* True when the socket address is one citecheck refuses to connect to
 * unless --allow-private is given: loopback (127/8, ::1), private
 * (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, which
 * holds cloud metadata services, fe80::/10), "this network" 0/8 and ::,
 * CGNAT 100.64/10, 192.0.0/24, benchmarking 198.18/15, multicast and
 * reserved (224/3, ff00::/8), site-local fec0::/10.  IPv6 forms that embed
 * an IPv4 address (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::/96, 2002::/16) are
 * judged by the embedded address.  Unknown address families count as
 * private (refused).  When text is non-NULL it receives the address in
 * numeric form (always NUL-terminated; n >= 46 holds any address). */
bool fetch_addr_private(const struct sockaddr *sa, char *text, size_t n);

/* True for link-local addresses (169.254/16, where cloud metadata
 * services such as 169.254.169.254 live, and fe80::/10, also as
 * ::ffff:169.254.x.y) and AWS's fd00:ec2::254: refused even with
 * --allow-private, which exists for local test servers, not for these. */
bool fetch_addr_metadata(const struct sockaddr *sa);

/* The same test on a numeric address string ("10.0.0.1", "::1").  False
 * when the string is not a numeric IPv4/IPv6 address. */
bool fetch_ip_private(const char *ip);

/* A copy of url without the userinfo ("user:pass@") of its authority;
 * everything else is kept byte for byte.  Caller frees with free().
 * NULL in -> NULL out. */
char *fetch_url_strip_userinfo(const char *url);

/* ref (absolute, or relative as in a Location or Link header) resolved
 * against the absolute URL base with libcurl's URL parser (RFC 3986);
 * NULL when either cannot be parsed.  Caller frees with free(). */
char *fetch_url_resolve(const char *base, const char *ref);

#endif
