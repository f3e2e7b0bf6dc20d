/*
 * parser/html_url.h -- the little URL handling a page needs: resolving a
 * relative link (canonical, <base>) against the page URL and taking the
 * host name for a fallback site name.  Not a general URL parser: no
 * percent-decoding, no IDNA, no normalisation beyond dot segments.
 */
#ifndef CC_PARSER_HTML_URL_H
#define CC_PARSER_HTML_URL_H

#include "common/cc.h"

/* Resolve ref against base (RFC 3986 section 5, simplified).  Leading and
 * trailing whitespace of ref is ignored.  When ref is absolute, or base
 * is NULL or not absolute, returns a copy of ref.  Returns NULL only when
 * ref is NULL or blank.  Caller frees with free(). */
char *html_url_resolve(const char *base, const char *ref);

/* Host of an absolute http(s) URL, lowercased, without "www." and port;
 * NULL when url has no host.  Caller frees with free(). */
char *html_url_host(const char *url);

#endif
