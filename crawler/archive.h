/*
 * crawler/archive.h -- archived copies of dead sources (--archive SPEC).
 *
 * Two protocols:
 * - a Wayback-style availability endpoint ("wayback:URL" or a bare URL),
 *   e.g. https://archive.org/wayback/available?url=U&timestamp=YYYYMMDD,
 *   which answers {"archived_snapshots":{"closest":{"available":true,
 *   "url":...,"timestamp":"YYYYMMDDhhmmss","status":"200"}}};
 * - a Memento TimeGate (RFC 7089, "memento:URL"), asked with
 *   GET {URL}{cited URL} and Accept-Datetime: <RFC 1123 date>.  It answers
 *   302 to the memento (pattern 2.1) or 200 with the memento itself and
 *   Content-Location (2.2/2.3); Link headers (RFC 8288) name mementos
 *   with their datetimes; 404 means none.
 *
 * Only URL building and answer parsing live here; the caller fetches with
 * crawler/fetch.c (so every safety rule applies to archive requests and
 * to the TimeGate's redirects too).
 */
#ifndef CC_CRAWLER_ARCHIVE_H
#define CC_CRAWLER_ARCHIVE_H

#include "common/cc.h"
#include "crawler/fetch.h"

enum archive_kind { ARCHIVE_WAYBACK, ARCHIVE_MEMENTO };

/* Which protocol an --archive value names: "memento:URL" is a TimeGate,
 * "wayback:URL" or a plain URL an availability endpoint.  *endpoint is set
 * to the URL part (borrowed from spec). */
enum archive_kind archive_spec(const char *spec, const char **endpoint);

/* The availability query for url at date (unset date: no timestamp
 * parameter).  endpoint may already carry a query string.  Caller frees. */
char *archive_query_url(const char *endpoint, const char *url,
                        struct cc_date date);

/* Parse an availability answer.  Returns true with *snapshot (the copy's
 * URL) and *timestamp ("YYYYMMDDhhmmss") set, caller frees both, when
 * an available copy is named; false otherwise (why says what was
 * missing). */
bool archive_parse_answer(const char *json, size_t len, char **snapshot,
                          char **timestamp, char *why, size_t whylen);

/* ---- Memento (RFC 7089) ------------------------------------------------ */

/* The TimeGate request URL: timegate followed by url, unencoded (the
 * convention of Memento aggregators and Wayback).  Caller frees. */
char *archive_timegate_url(const char *timegate, const char *url);

/* The Accept-Datetime request header line for date d ("Accept-Datetime:
 * Fri, 20 Dec 2024 12:00:00 GMT"): noon UTC of the day; a month alone is
 * its 15th, a year alone its 1 July.  NULL for an unset or invalid date.
 * Caller frees. */
char *archive_accept_datetime(struct cc_date d);

/* IMF-fixdate (RFC 7231 7.1.1.1, the RFC 1123 form: "Sun, 06 Nov 1994
 * 08:49:37 GMT") of seconds since 1970 into buf (>= 30 bytes) by
 * archive_http_date_fmt.  archive_http_date_parse reads all three forms
 * a recipient must accept (7.1.1.1): IMF-fixdate (the weekday may be
 * missing), the obsolete RFC 850 form ("Sunday, 06-Nov-94 08:49:37 GMT",
 * a two-digit year more than 50 years ahead meaning the century before)
 * and asctime ("Sun Nov  6 08:49:37 1994"); surrounding blanks allowed,
 * false on any other text. */
void archive_http_date_fmt(long long secs, char *buf, size_t n);
bool archive_http_date_parse(const char *s, long long *secs);

/* "YYYYMMDDhhmmss" (UTC) of seconds since 1970; buf >= 15 bytes. */
void archive_timestamp_fmt(long long secs, char *buf, size_t n);

/* One link-value of a Link header.  rel is lowercased (its first
 * occurrence; later ones are ignored, RFC 8288 3.3); rel, datetime may be
 * NULL. */
struct archive_link {
    char *url;                /* the target as written (maybe relative) */
    char *rel;                /* e.g. "first memento" */
    char *datetime;           /* the datetime parameter, unquoted */
};

struct archive_links {
    struct archive_link *v;
    size_t n;
};

/* Parse a Link field value (RFC 8288 section 3: "<uri>; rel="a b";
 * datetime="...", <uri2>; ..."; commas inside <...> and quoted strings
 * are part of them; quoted-pairs are unescaped).  Appends to *out (at most
 * 1,000 links).  Returns CC_OK, or CC_EPARSE with why filled and *out left
 * as it was when the value is not a Link value.  Free with
 * archive_links_clear (also after an error). */
cc_result archive_links_parse(const char *value, struct archive_links *out,
                              char *why, size_t whylen);
void archive_links_clear(struct archive_links *l);

/* True when rel (a space-separated list, may be NULL) holds token. */
bool archive_rel_has(const char *rel, const char *token);

/* Every value of header name in a raw header block (as kept in
 * fetch_result.raw_headers), joined with ", " in order; NULL when absent.
 * Caller frees. */
char *archive_header(const char *raw, const char *name);

/* The memento a TimeGate's answer leads to. */
struct archive_memento {
    char *url;                /* the memento's URL */
    char *timestamp;          /* its datetime, "YYYYMMDDhhmmss" UTC */
    bool in_hand;             /* the answer's body is that memento */
};

/* Read r, the fetch of a TimeGate URL (redirects followed by fetch.c):
 * the memento it reached (Memento-Datetime; a 200 answer's
 * Content-Location names it) and every rel="memento" link with a datetime
 * in the Link headers of the TimeGate's redirect and of the final
 * response.  Picks the one closest to want (ties: the one in hand; unset
 * want: the one in hand, else the latest).  A Link header that does not
 * parse is ignored.  Returns true with *m filled (free with
 * archive_memento_clear) or false with why: a fetch error (e.g. a
 * redirect to a refused scheme), an HTTP error (404: no memento), or an
 * answer naming no memento. */
bool archive_memento_pick(const struct fetch_result *r, struct cc_date want,
                          struct archive_memento *m, char *why,
                          size_t whylen);
void archive_memento_clear(struct archive_memento *m);

#endif
