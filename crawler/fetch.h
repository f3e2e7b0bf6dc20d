/*
 * crawler/fetch.h -- fetching many URLs concurrently with the libcurl multi
 * interface (crawler/fetch.c is the only file that drives curl_multi).
 *
 * Only http and https are fetched, also on redirects; redirects are
 * followed (at most max_redirects) and recorded; connect, total and
 * low-speed timeouts apply; the body is capped after content decoding
 * (gzip and deflate, decode.c), counted as it is decoded.  Connections
 * to loopback/private addresses are refused unless allow_private is set.
 * TLS is always verified.
 */
#ifndef CC_CRAWLER_FETCH_H
#define CC_CRAWLER_FETCH_H

#include "common/cc.h"

/* The Accept-Encoding of every request: the content codings decode.c
 * reads (WARC request records repeat it). */
#define FETCH_ACCEPT_ENCODING "gzip, deflate"

struct fetch_opts {
    int parallel;            /* concurrent transfers (-j), >= 1 */
    int per_host;            /* max concurrent connections per host */
    long connect_timeout_ms;
    long total_timeout_ms;
    long low_speed_bytes;    /* abort when slower than this ... */
    long low_speed_secs;     /* ... for this many seconds */
    size_t max_body;         /* decoded bytes; past it: error "size" */
    int max_redirects;
    bool allow_private;
    const char *user_agent;  /* borrowed */
    const char *cacert;      /* extra CA bundle file, or NULL */
    /* Politeness; all off in fetch_opts_default (the CLI turns it on). */
    bool robots;             /* obey robots.txt (RFC 9309, crawler/robots.h) */
    const char *robots_agent;   /* product token matched in robots.txt;
                                 * NULL = "citecheck" (borrowed) */
    const struct fetch_robots_cache *robots_cache;   /* or NULL (borrowed) */
    long host_delay_ms;      /* minimum interval between the starts of two
                              * requests to one origin (scheme, host, port) */
    int retries;             /* retries on 5xx, 408, 429 and timeouts */
    long max_retry_after_ms; /* cap on a Retry-After wait (and on backoff) */
    long backoff_ms;         /* first backoff step; doubles per retry, plus
                              * up to 50 % jitter */
};

/* Where fetch_run keeps robots.txt answers between runs (the CLI uses the
 * database).  get: true and *status, *body (malloc'd, caller of get --
 * the fetcher -- frees), *len when a fresh answer is stored for
 * robots_url.  put: store an answer (only 2xx bodies, cut at 500 KiB, and
 * 4xx are stored; server and network errors are not).  Both are called
 * from the thread running fetch_run. */
struct fetch_robots_cache {
    bool (*get)(void *ud, const char *robots_url, long *status, char **body,
                size_t *len);
    void (*put)(void *ud, const char *robots_url, long status,
                const char *body, size_t len);
    void *ud;
};

/* Defaults: parallel 8, per_host 2, connect 10 s, total 30 s, low speed
 * 100 B/s for 15 s, max_body 10 MiB, 10 redirects, UA "citecheck/VERSION
 * (+https://github.com/citecheck/citecheck)"; no robots.txt, no host
 * delay, no retries (max_retry_after 60 s, backoff 500 ms once enabled).
 *
 * Politeness when enabled: before the first request to an origin its
 * /robots.txt is fetched (through the same scheduler, at most 5
 * redirects, first 500 KiB, never retried) or taken from robots_cache; 2xx
 * = its rules, 4xx (and too many redirects) = allow all, 5xx or a network
 * error = disallow all.  A disallowed URL (also a redirect target) ends
 * with error "robots: disallowed by <robots url>".  A request that ends in
 * 5xx, 408, 429 or a timeout is queued again (at most `retries` times):
 * after Retry-After (429/503; seconds or HTTP date; a past date = now;
 * capped at max_retry_after_ms) or else backoff_ms * 2^k plus jitter.
 * Waiting never sleeps: the multi loop's poll timeout is the time to the
 * next job that may start. */
void fetch_opts_default(struct fetch_opts *o);

/* One transfer.  The caller fills url (what to fetch, after --map) and may
 * fill etag/last_modified for a conditional request; fetch_run fills the
 * rest.  All strings are owned by the struct; free with fetch_result_clear. */
struct fetch_result {
    /* in */
    char *url;
    char *etag;               /* If-None-Match, or NULL */
    char *last_modified;      /* If-Modified-Since, or NULL */
    char *req_header;         /* one more request header, "Name: value"
                               * (e.g. Accept-Datetime for a Memento
                               * TimeGate), sent on every hop; not sent
                               * when it holds CR or LF; or NULL */
    /* out */
    long status;              /* final HTTP status, 0 when none */
    char *final_url;          /* after redirects */
    char **redirects;         /* each Location followed, in order */
    size_t nredirects;
    char *content_type;       /* header value or NULL */
    char *resp_etag;          /* ETag of the response or NULL */
    char *resp_last_modified; /* Last-Modified of the response or NULL */
    char *body;               /* decoded, NUL-terminated; NULL on error */
    size_t body_len;
    double elapsed;           /* seconds */
    /* NULL on success (any HTTP status counts as success at this level),
     * else a short reason: "timeout", "dns: ...", "tls: ...",
     * "size: body over 10485760 bytes", "protocol: ftp not allowed",
     * "refused: private address 10.0.0.1", ... */
    char *error;
    int retries;              /* retries made (see fetch_opts.retries) */
    /* Status line and header block of the last hop exactly as received
     * (CRLFs kept, ends with the empty line), for WARC evidence
     * (crawler/warc.c); NULL on error.  At most 64 KiB. */
    char *raw_headers;
    /* The same of the first hop when it redirected (a Memento TimeGate's
     * 302 names its mementos in Link), NULL when nothing redirected. */
    char *redirect_headers;
};

void fetch_result_clear(struct fetch_result *r);

/* Free only the out-fields (what fetch_run or a cache lookup fills) and
 * zero them; url, etag, last_modified and req_header stay. */
void fetch_result_reset_out(struct fetch_result *r);

/* Called once per finished transfer (from the calling thread), in
 * completion order.  Returning non-zero stops further callbacks' effects
 * only for reporting; transfers still finish. */
typedef void (*fetch_done_fn)(struct fetch_result *r, size_t index,
                              void *ud);

/* Fetch res[0..n) concurrently; each res[i].url must be set.  Returns
 * CC_OK when every transfer was attempted (per-URL failures are in
 * res[i].error), or an error when the transfer machinery itself failed. */
cc_result fetch_run(const struct fetch_opts *o, struct fetch_result *res,
                    size_t n, fetch_done_fn done, void *ud, char *err,
                    size_t errlen);

/* Global init/cleanup of libcurl; call once from main. */
cc_result fetch_global_init(void);
void fetch_global_cleanup(void);

/* True when url is an absolute http:// or https:// URL with a host. */
bool fetch_url_ok(const char *url, char *why, size_t whylen);

#endif
