/*
 * crawler/robots.h -- robots.txt (RFC 9309): parsing and matching.  No
 * network here: crawler/fetch.c fetches /robots.txt through its own
 * machinery and hands the body to robots_parse().
 *
 * Parsing: the first ROBOTS_MAX_BYTES bytes are read (a UTF-8 BOM is
 * skipped); lines end at CR, LF or CRLF; '#' starts a comment; keys are
 * case-insensitive ("User-Agent", "DISALLOW"); unknown keys (sitemap,
 * crawl-delay) are ignored.  Consecutive user-agent lines open one group;
 * the rules after them belong to every agent named.  A group applies when
 * the product token of one of its user-agent lines (the leading letters,
 * '-' and '_') equals our token, case-insensitively; all such groups are
 * merged.  When none applies, the "*" groups (merged) apply; when there
 * are none, everything is allowed.
 *
 * Matching: the path (with query) and each rule are normalised (percent-
 * escapes of unreserved characters decoded, other escapes upper-cased,
 * bytes outside printable ASCII percent-encoded); '*' matches any run of
 * octets, a final '$' anchors the end, otherwise a rule matches a prefix.
 * The longest matching rule wins; on a tie allow wins.  "/robots.txt"
 * itself is always allowed.
 */
#ifndef CC_CRAWLER_ROBOTS_H
#define CC_CRAWLER_ROBOTS_H

#include <stdbool.h>
#include <stddef.h>

#define ROBOTS_MAX_BYTES (500 * 1024)   /* RFC 9309 2.5: at least 500 KiB */
#define ROBOTS_AGENT_DEFAULT "citecheck"

struct robots;

/* Parse body[0..len) (need not be NUL-terminated; bytes past
 * ROBOTS_MAX_BYTES are ignored) for the product token agent (NULL or ""
 * means ROBOTS_AGENT_DEFAULT).  Never fails: malformed lines are skipped.
 * Caller frees with robots_free(). */
struct robots *robots_parse(const char *body, size_t len, const char *agent);

/* True when the rules allow path, the URL's path plus "?query" ("" is
 * "/").  r == NULL allows everything. */
bool robots_allowed(const struct robots *r, const char *path);

/* Number of rules that apply to our agent (for tests and diagnostics). */
size_t robots_nrules(const struct robots *r);

void robots_free(struct robots **r);

#endif
