/*
 * crawler/fetch.c -- the one file that drives the libcurl multi interface.
 * See fetch.h for the contract.
 *
 * Design notes:
 * - Redirects are followed here, not by libcurl (FOLLOWLOCATION off): each
 *   3xx with a Location ends a "hop"; CURLINFO_REDIRECT_URL gives the
 *   absolute target, whose scheme is checked before the same easy handle
 *   is re-added with the new URL.  That records every hop, refuses
 *   file://, ftp:// ... targets without touching them, and lets the total
 *   timeout span all hops (each hop gets what is left of it).
 * - Private addresses are refused in CURLOPT_OPENSOCKETFUNCTION, which sees
 *   the address actually about to be connected to (after DNS, on every hop
 *   and every happy-eyeballs attempt).  Reused connections were checked
 *   when they were opened.
 * - Proxies from the environment are not used (CURLOPT_PROXY ""): with a
 *   proxy the address check would see only the proxy.
 * - At most o->parallel easy handles exist at once; the next URL is taken
 *   from the list when a slot frees, preferring URLs whose host has fewer
 *   than o->per_host transfers running, so no handle waits inside libcurl
 *   for a connection while its timeout runs.
 * - Content codings are decoded here (decode.c), not by libcurl: small
 *   bodies whole by libdeflate at the end, large ones (and robots.txt)
 *   as they arrive.  The decoded body is capped at o->max_body either
 *   way (CURLOPT_MAXFILESIZE_LARGE only checks the advertised length in
 *   libcurl 7.88, so it is just an early refusal).
 * - Scheduling unit is the origin (scheme, host, port): per-host caps,
 *   the host delay and robots.txt apply to it.  A URL is a job; jobs wait
 *   in a queue with a not-before time.  A job whose origin's robots.txt is
 *   unknown makes a robots job (queued ahead of pages, same machinery);
 *   a retry (5xx/408/429/timeout) or a redirect (with politeness on, or to
 *   another origin) puts the job back with its hop URL and a fresh easy
 *   handle, so nothing of one origin's connection state (credentials
 *   included) follows a job to another.  Nothing sleeps: the poll timeout
 *   is the time until the next waiting job may start.
 * - Link-local addresses (169.254/16: cloud metadata) are refused even
 *   with allow_private.
 */
#include "crawler/fetch.h"

#include "crawler/decode.h"
#include "crawler/fetch_util.h"
#include "crawler/robots.h"

#include <arpa/inet.h>
#include <assert.h>
#include <ctype.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define FETCH_HEADERS_MAX (64 * 1024)   /* response header bytes per hop */
#define FETCH_POLL_MS 1000
#define FETCH_LOOKAHEAD 4096            /* waiting URLs scanned per pick */
#define NO_HOST ((size_t)-1)
#define FETCH_ROBOTS_REDIRECTS 5        /* RFC 9309 2.3.1.2 */

/* Where a URL (or a robots.txt request) stands in the scheduler. */
enum job_state { JOB_WAIT, JOB_RUN, JOB_DONE };

/* One URL to fetch, or one robots.txt request of an origin.  Between
 * attempts and hops (retries, redirects to another origin, host delay)
 * the job is back in the queue with its hop URL and a not-before time. */
struct job {
    struct fetch_result *r;   /* res[index], or &own for robots.txt */
    struct fetch_result own;
    size_t index;             /* in res; NO_HOST for robots.txt */
    bool is_robots;
    enum job_state state;
    size_t origin;            /* of cur_url, NO_HOST when unknown */
    char *cur_url;            /* hop URL while waiting (owned), or NULL */
    double elapsed;           /* hop time of this attempt so far */
    double prior;             /* hop time of earlier attempts */
    long long not_before;     /* monotonic ms */
    int tries;                /* retries made */
    bool robots_ok;           /* robots.txt allows cur_url */
};

/* scheme://host:port: the unit of robots.txt, host delay and per-host
 * caps. */
enum robots_state { ROB_UNKNOWN, ROB_PENDING, ROB_READY };
struct origin {
    char *key;                /* "http://host:port" (lowercase) */
    char *robots_url;
    enum robots_state rstate;
    struct robots *rules;     /* NULL: everything allowed */
    char *deny;               /* set: every URL fails with this error */
    size_t active;            /* transfers running */
    long long next_ok;        /* monotonic ms: earliest next start */
};

/* One running transfer (a slot); lives in runner.slots, never moved, so
 * pointers into it (error buffer, callback data) stay valid. */
struct xfer {
    bool busy;
    CURL *easy;
    size_t index;
    struct fetch_result *r;
    const struct fetch_opts *o;
    struct curl_slist *hdrs;
    char *cur_url;            /* URL of the current hop (owned) */
    size_t hostid;            /* origin id (runner.origins), or NO_HOST */
    struct job *job;
    char *retry_after;        /* Retry-After of the current response */
    bool robots_cut;          /* robots.txt past 500 KiB: rest dropped */
    struct cc_buf body;       /* decoded */
    struct decode dec;        /* Content-Encoding of the current response */
    bool dec_bad;             /* the body did not decode: dec_why */
    char dec_why[128];
    size_t header_bytes;      /* of the current hop */
    long hop_status;          /* from the last status line seen */
    bool hop_location;        /* the current response has a Location */
    char *ctype, *etag, *lastmod;   /* of the current response */
    struct cc_buf raw_hdrs;   /* WARC hook: header block of this hop */
    bool body_over, headers_over, refused;
    char refused_addr[INET6_ADDRSTRLEN];
    double elapsed;           /* seconds spent in finished hops */
    char errbuf[CURL_ERROR_SIZE];
};

struct runner {
    const struct fetch_opts *o;
    struct fetch_result *res;
    size_t n;
    CURLM *multi;
    struct xfer *slots;
    size_t nslots;
    size_t nactive;
    struct job *jobs;         /* per index */
    struct job **rjobs;       /* robots.txt requests, in creation order */
    size_t nrjobs, rjobs_cap, rcursor;
    struct origin *origins;
    size_t norigins, origins_cap;
    size_t *otab;             /* hash table of origin ids (+1; 0 = empty) */
    size_t otab_size;         /* power of two */
    size_t nwaiting;          /* jobs in JOB_WAIT */
    size_t cursor;            /* no index below it is still waiting */
    bool may_start;           /* something changed since the last failed
                               * pick (slot freed, robots ready, wake) */
    long long wake;           /* monotonic ms when a waiting job may become
                               * ready, 0 when none is time-bound */
    unsigned long long rng;   /* jitter */
    fetch_done_fn done;
    void *ud;
};

/* ---- options, results, URLs ----------------------------------------- */

void fetch_opts_default(struct fetch_opts *o)
{
    memset(o, 0, sizeof *o);
    o->parallel = 8;
    o->per_host = 2;
    o->connect_timeout_ms = 10000;
    o->total_timeout_ms = 30000;
    o->low_speed_bytes = 100;
    o->low_speed_secs = 15;
    o->max_body = 10 * 1024 * 1024;
    o->max_redirects = 10;
    o->allow_private = false;
    o->user_agent = "citecheck/" CC_VERSION
                    " (+https://github.com/citecheck/citecheck)";
    o->cacert = NULL;
    o->robots = false;
    o->robots_agent = NULL;
    o->robots_cache = NULL;
    o->host_delay_ms = 0;
    o->retries = 0;
    o->max_retry_after_ms = 60000;
    o->backoff_ms = 500;
}

/* Free what fetch_run fills and zero it; the inputs stay (fetch.h). */
void fetch_result_reset_out(struct fetch_result *r)
{
    size_t i;

    free(r->final_url);
    for (i = 0; i < r->nredirects; i++)
        free(r->redirects[i]);
    free(r->redirects);
    free(r->content_type);
    free(r->resp_etag);
    free(r->resp_last_modified);
    free(r->body);
    free(r->error);
    free(r->raw_headers);       /* WARC hook */
    r->raw_headers = NULL;
    free(r->redirect_headers);  /* Memento TimeGates */
    r->redirect_headers = NULL;
    r->status = 0;
    r->final_url = NULL;
    r->redirects = NULL;
    r->nredirects = 0;
    r->content_type = NULL;
    r->resp_etag = NULL;
    r->resp_last_modified = NULL;
    r->body = NULL;
    r->body_len = 0;
    r->elapsed = 0;
    r->error = NULL;
    r->retries = 0;
}

void fetch_result_clear(struct fetch_result *r)
{
    if (!r)
        return;
    fetch_result_reset_out(r);
    free(r->url);
    free(r->etag);
    free(r->last_modified);
    free(r->req_header);
    memset(r, 0, sizeof *r);
}

cc_result fetch_global_init(void)
{
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? CC_OK
                                                             : CC_ENET;
}

void fetch_global_cleanup(void)
{
    curl_global_cleanup();
}

/* Length of the RFC 3986 scheme at the start of url (before ':'), or 0. */
static size_t scheme_len(const char *url)
{
    size_t i;

    if (!isalpha((unsigned char)url[0]))
        return 0;
    for (i = 1; url[i]; i++) {
        unsigned char c = (unsigned char)url[i];

        if (c == ':')
            return i;
        if (!isalnum(c) && c != '+' && c != '-' && c != '.')
            return 0;
    }
    return 0;
}

static bool scheme_allowed(const char *url, size_t len)
{
    return (len == 4 && strncasecmp(url, "http", 4) == 0) ||
           (len == 5 && strncasecmp(url, "https", 5) == 0);
}

/* "protocol: <scheme> not allowed" with the scheme lowercased and cut. */
static void why_scheme(const char *url, size_t len, char *why, size_t whylen)
{
    char s[33];
    size_t i;

    if (len > sizeof s - 1)
        len = sizeof s - 1;
    for (i = 0; i < len; i++)
        s[i] = (char)tolower((unsigned char)url[i]);
    s[len] = '\0';
    cc_errf(why, whylen, "protocol: %s not allowed", s);
}

/* Lowercase host of an absolute URL, or NULL. Caller frees. */
static char *url_host(const char *url)
{
    CURLU *u = curl_url();
    char *host = NULL, *out = NULL;
    size_t i;

    if (!u)
        cc_oom();
    if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && host) {
        out = cc_strdup(host);
        for (i = 0; out[i]; i++)
            out[i] = (char)tolower((unsigned char)out[i]);
    }
    curl_free(host);
    curl_url_cleanup(u);
    return out;
}

bool fetch_url_ok(const char *url, char *why, size_t whylen)
{
    CURLU *u;
    CURLUcode uc;
    char *host = NULL;
    size_t slen;
    bool ok;

    if (!url || !*url) {
        cc_errf(why, whylen, "url: empty");
        return false;
    }
    slen = scheme_len(url);
    if (slen == 0) {
        cc_errf(why, whylen, "url: not absolute (no scheme)");
        return false;
    }
    if (!scheme_allowed(url, slen)) {
        why_scheme(url, slen, why, whylen);
        return false;
    }
    u = curl_url();
    if (!u)
        cc_oom();
    uc = curl_url_set(u, CURLUPART_URL, url, 0);
    if (uc != CURLUE_OK) {
        cc_errf(why, whylen, "url: %s", curl_url_strerror(uc));
        curl_url_cleanup(u);
        return false;
    }
    ok = curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && host &&
         *host;
    if (!ok)
        cc_errf(why, whylen, "url: no host");
    curl_free(host);
    curl_url_cleanup(u);
    return ok;
}

/* ---- libcurl callbacks ----------------------------------------------- */

static bool is_redirect_status(long s)
{
    return s == 301 || s == 302 || s == 303 || s == 307 || s == 308;
}

static size_t write_cb(char *p, size_t size, size_t nmemb, void *ud)
{
    struct xfer *t = ud;
    size_t n = size * nmemb;
    bool robots = t->job && t->job->is_robots, full;

    /* The body of a redirect we are about to follow is not kept. */
    if (is_redirect_status(t->hop_status) && t->hop_location)
        return n;
    if (decode_active(&t->dec)) {
        enum decode_status st = decode_add(&t->dec, p, n, robots, &t->body,
                                           t->dec_why, sizeof t->dec_why);

        if (st == DECODE_BAD) {
            t->dec_bad = true;
            return 0;
        }
        full = st == DECODE_OVER;
    } else {
        full = cc_buf_add_upto(&t->body, p, n) != CC_OK;
    }
    if (!full)
        return n;
    /* robots.txt keeps its first ROBOTS_MAX_BYTES and stops reading; a
     * page over the cap is an error */
    if (robots)
        t->robots_cut = true;
    else
        t->body_over = true;
    return 0;                   /* makes libcurl stop with a write error */
}

static void set_header(char **slot, const char *v, size_t len)
{
    free(*slot);
    *slot = cc_strndup(v, len);
}

/* Called once per header line, status lines included, for every response
 * (also 1xx); a status line starts a new response. */
static size_t header_cb(char *p, size_t size, size_t nitems, void *ud)
{
    struct xfer *t = ud;
    size_t n = size * nitems, i, nlen, vlen;
    const char *colon, *v;

    t->header_bytes += n;
    if (t->header_bytes > FETCH_HEADERS_MAX) {
        t->headers_over = true;
        return 0;
    }
    /* WARC hook: keep the block as received; a status line starts anew
     * (1xx, redirects).  Bounded by FETCH_HEADERS_MAX above. */
    if (n >= 5 && memcmp(p, "HTTP/", 5) == 0)
        cc_buf_reset(&t->raw_hdrs);
    (void)cc_buf_add(&t->raw_hdrs, p, n);
    if (n >= 5 && memcmp(p, "HTTP/", 5) == 0) {
        long st = 0;

        for (i = 5; i < n && p[i] != ' '; i++)
            ;
        for (i++; i < n && isdigit((unsigned char)p[i]) && st < 1000; i++)
            st = st * 10 + (p[i] - '0');
        t->hop_status = st;
        t->hop_location = false;
        decode_reset(&t->dec);
        free(t->ctype);
        free(t->etag);
        free(t->lastmod);
        free(t->retry_after);
        t->ctype = t->etag = t->lastmod = t->retry_after = NULL;
        return n;
    }
    colon = memchr(p, ':', n);
    if (!colon)
        return n;
    nlen = (size_t)(colon - p);
    v = colon + 1;
    vlen = n - nlen - 1;
    while (vlen && (*v == ' ' || *v == '\t')) {
        v++;
        vlen--;
    }
    while (vlen && (v[vlen - 1] == '\r' || v[vlen - 1] == '\n' ||
                    v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
        vlen--;
    if (nlen == 12 && strncasecmp(p, "Content-Type", 12) == 0)
        set_header(&t->ctype, v, vlen);
    else if (nlen == 4 && strncasecmp(p, "ETag", 4) == 0)
        set_header(&t->etag, v, vlen);
    else if (nlen == 13 && strncasecmp(p, "Last-Modified", 13) == 0)
        set_header(&t->lastmod, v, vlen);
    else if (nlen == 11 && strncasecmp(p, "Retry-After", 11) == 0)
        set_header(&t->retry_after, v, vlen);
    else if (nlen == 8 && strncasecmp(p, "Location", 8) == 0 && vlen)
        t->hop_location = true;
    else if (nlen == 16 && strncasecmp(p, "Content-Encoding", 16) == 0)
        decode_header(&t->dec, v, vlen);
    return n;
}

/* Sees every address before libcurl connects to it. */
static curl_socket_t opensocket_cb(void *ud, curlsocktype purpose,
                                   struct curl_sockaddr *a)
{
    struct xfer *t = ud;
    char text[INET6_ADDRSTRLEN];

    (void)purpose;
    /* fills text; metadata addresses are refused even with allow_private */
    if ((fetch_addr_private(&a->addr, text, sizeof text) &&
         !t->o->allow_private) || fetch_addr_metadata(&a->addr)) {
        if (!t->refused) {
            t->refused = true;
            cc_errf(t->refused_addr, sizeof t->refused_addr, "%s", text);
        }
        return CURL_SOCKET_BAD;
    }
    return socket(a->family, a->socktype, a->protocol);
}

/* ---- one transfer ---------------------------------------------------- */

/* Sets the options that stay the same on every hop. */
static bool easy_setup(struct xfer *t)
{
    const struct fetch_opts *o = t->o;
    const struct fetch_result *r = t->r;
    CURL *e = t->easy;
    bool ok = true;

#define SET(opt, val) ok = ok && curl_easy_setopt(e, opt, val) == CURLE_OK
    SET(CURLOPT_PRIVATE, (void *)t);
    SET(CURLOPT_ERRORBUFFER, t->errbuf);
    SET(CURLOPT_NOSIGNAL, 1L);
    SET(CURLOPT_PROTOCOLS_STR, "http,https");
    SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    SET(CURLOPT_FOLLOWLOCATION, 0L);
    SET(CURLOPT_MAXREDIRS, (long)o->max_redirects);
    SET(CURLOPT_UNRESTRICTED_AUTH, 0L);
    SET(CURLOPT_PROXY, "");
    SET(CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
    if (o->low_speed_bytes > 0 && o->low_speed_secs > 0) {
        SET(CURLOPT_LOW_SPEED_LIMIT, o->low_speed_bytes);
        SET(CURLOPT_LOW_SPEED_TIME, o->low_speed_secs);
    }
    if (o->max_body > 0 && o->max_body <= SIZE_MAX / 2)   /* fits off_t */
        SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_body);
    /* the codings decode.c reads; libcurl passes the bytes as they come */
    SET(CURLOPT_ACCEPT_ENCODING, FETCH_ACCEPT_ENCODING);
    SET(CURLOPT_HTTP_CONTENT_DECODING, 0L);
    SET(CURLOPT_USERAGENT, o->user_agent ? o->user_agent : "citecheck/"
        CC_VERSION);
    SET(CURLOPT_SSL_VERIFYPEER, 1L);
    SET(CURLOPT_SSL_VERIFYHOST, 2L);
    if (o->cacert)
        SET(CURLOPT_CAINFO, o->cacert);
    SET(CURLOPT_WRITEFUNCTION, write_cb);
    SET(CURLOPT_WRITEDATA, (void *)t);
    SET(CURLOPT_HEADERFUNCTION, header_cb);
    SET(CURLOPT_HEADERDATA, (void *)t);
    SET(CURLOPT_OPENSOCKETFUNCTION, opensocket_cb);
    SET(CURLOPT_OPENSOCKETDATA, (void *)t);

    /* Conditional request; values with line breaks would inject headers. */
    if (r->etag && *r->etag && !strpbrk(r->etag, "\r\n")) {
        char *h = cc_asprintf("If-None-Match: %s", r->etag);
        struct curl_slist *l = curl_slist_append(t->hdrs, h);

        free(h);
        if (!l)
            cc_oom();
        t->hdrs = l;
    }
    if (r->last_modified && *r->last_modified &&
        !strpbrk(r->last_modified, "\r\n")) {
        char *h = cc_asprintf("If-Modified-Since: %s", r->last_modified);
        struct curl_slist *l = curl_slist_append(t->hdrs, h);

        free(h);
        if (!l)
            cc_oom();
        t->hdrs = l;
    }
    /* One more header (Accept-Datetime for a TimeGate), same rule. */
    if (r->req_header && strchr(r->req_header, ':') &&
        !strpbrk(r->req_header, "\r\n")) {
        struct curl_slist *l = curl_slist_append(t->hdrs, r->req_header);

        if (!l)
            cc_oom();
        t->hdrs = l;
    }
    if (t->hdrs)
        SET(CURLOPT_HTTPHEADER, t->hdrs);
#undef SET
    return ok;
}

/* True when the total timeout has been used up by the finished hops. */
static bool time_up(const struct xfer *t)
{
    return t->o->total_timeout_ms > 0 &&
           t->elapsed * 1000.0 >= (double)t->o->total_timeout_ms - 1.0;
}

/* Resets per-hop state and hands the handle (with t->cur_url) to the
 * multi handle; the hop gets what is left of the total timeout.  False
 * when libcurl refused. */
static bool hop_start(struct runner *run, struct xfer *t)
{
    long left = 0;

    if (t->o->total_timeout_ms > 0) {
        left = t->o->total_timeout_ms - (long)(t->elapsed * 1000.0);
        if (left < 1)
            left = 1;
    }
    cc_buf_reset(&t->body);
    cc_buf_reset(&t->raw_hdrs);   /* WARC hook */
    decode_reset(&t->dec);
    t->dec_bad = false;
    t->dec_why[0] = '\0';
    t->header_bytes = 0;
    t->hop_status = 0;
    t->hop_location = false;
    free(t->ctype);
    free(t->etag);
    free(t->lastmod);
    free(t->retry_after);
    t->ctype = t->etag = t->lastmod = t->retry_after = NULL;
    t->body_over = t->headers_over = t->refused = t->robots_cut = false;
    t->refused_addr[0] = '\0';
    t->errbuf[0] = '\0';
    if (curl_easy_setopt(t->easy, CURLOPT_URL, t->cur_url) != CURLE_OK ||
        curl_easy_setopt(t->easy, CURLOPT_TIMEOUT_MS,
                         left) != CURLE_OK)
        return false;
    return curl_multi_add_handle(run->multi, t->easy) == CURLM_OK;
}

static void xfer_release(struct runner *run, struct xfer *t)
{
    if (t->easy)
        curl_easy_cleanup(t->easy);
    curl_slist_free_all(t->hdrs);
    free(t->cur_url);
    free(t->ctype);
    free(t->etag);
    free(t->lastmod);
    free(t->retry_after);
    cc_buf_free(&t->body);
    cc_buf_free(&t->raw_hdrs);    /* WARC hook */
    decode_free(&t->dec);
    if (t->hostid != NO_HOST)
        run->origins[t->hostid].active--;
    memset(t, 0, sizeof *t);
    run->nactive--;
    run->may_start = true;
}

static bool errbuf_has(const struct xfer *t, const char *s)
{
    return strstr(t->errbuf, s) != NULL;
}

/* Short reason for a failed hop; caller frees. */
static char *error_text(const struct xfer *t, CURLcode rc)
{
    const struct fetch_opts *o = t->o;
    const char *detail = t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc);
    char *host;
    char *msg;

    if (t->body_over || rc == CURLE_FILESIZE_EXCEEDED)
        return cc_asprintf("size: body over %zu bytes", o->max_body);
    if (t->dec_bad)
        return cc_asprintf("http: bad content encoding (%s)", t->dec_why);
    if (t->headers_over)
        return cc_asprintf("size: headers over %d bytes", FETCH_HEADERS_MAX);
    if (t->refused && strncmp(t->refused_addr, "169.254.", 8) != 0 &&
        strncmp(t->refused_addr, "fe80:", 5) != 0 &&
        strncmp(t->refused_addr, "fd00:ec2:", 9) != 0 &&
        strncmp(t->refused_addr, "::ffff:169.254.", 15) != 0)
        return cc_asprintf("refused: private address %s (use "
                           "--allow-private)", t->refused_addr);
    if (t->refused)
        return cc_asprintf("refused: link-local/metadata address %s (never "
                           "fetched)", t->refused_addr);
    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
        host = url_host(t->cur_url);
        msg = cc_asprintf("dns: could not resolve host %s",
                          host ? host : "?");
        free(host);
        return msg;
    case CURLE_COULDNT_RESOLVE_PROXY:
        return cc_asprintf("dns: could not resolve proxy (%s)", detail);
    case CURLE_COULDNT_CONNECT:
        return cc_asprintf("connect: %s", detail);
    case CURLE_OPERATION_TIMEDOUT:
        if (errbuf_has(t, "too slow"))
            return cc_asprintf("timeout: slower than %ld bytes/s for %ld s",
                               o->low_speed_bytes, o->low_speed_secs);
        if (errbuf_has(t, "Resolving timed out"))
            return cc_asprintf("timeout: resolving host took over %ld ms",
                               o->connect_timeout_ms);
        if (errbuf_has(t, "Connection timed out") ||
            errbuf_has(t, "Connection timeout"))
            return cc_asprintf("timeout: connect took over %ld ms",
                               o->connect_timeout_ms);
        return cc_asprintf("timeout: no complete response within %ld ms",
                           o->total_timeout_ms);
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_USE_SSL_FAILED:
        return cc_asprintf("tls: %s", detail);
    case CURLE_UNSUPPORTED_PROTOCOL:
        return cc_asprintf("protocol: %s", detail);
    case CURLE_URL_MALFORMAT:
        return cc_asprintf("url: %s", detail);
    case CURLE_PARTIAL_FILE:
        return cc_asprintf("http: body cut short (%s)", detail);
    case CURLE_GOT_NOTHING:
        return cc_strdup("http: empty reply from server");
    case CURLE_BAD_CONTENT_ENCODING:
        return cc_asprintf("http: bad content encoding (%s)", detail);
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_HTTP3:
    case CURLE_TOO_MANY_REDIRECTS:
        return cc_asprintf("http: %s", detail);
    case CURLE_RECV_ERROR:
        if (errbuf_has(t, "chunked"))
            return cc_asprintf("http: bad chunked encoding (%s)", detail);
        return cc_asprintf("connect: %s", detail);
    case CURLE_SEND_ERROR:
        return cc_asprintf("connect: %s", detail);
    case CURLE_OUT_OF_MEMORY:
        cc_oom();
    default:
        return cc_asprintf("curl: %s", detail);
    }
}

/* Fills t->r from the finished (last) hop; rc is its libcurl result. */
/* The body is complete: decode what waited for the end (decode.c).
 * NULL, or the error text (error_text's, from the flag set here).
 * robots.txt always streams, so it is never over the cap here. */
static char *decode_finish(struct xfer *t)
{
    if (!decode_active(&t->dec))
        return NULL;
    switch (decode_end(&t->dec, &t->body, t->dec_why, sizeof t->dec_why)) {
    case DECODE_OK:
        return NULL;
    case DECODE_OVER:
        t->body_over = true;
        break;
    case DECODE_BAD:
        t->dec_bad = true;
        break;
    }
    return error_text(t, CURLE_OK);
}

static void finish_result(struct xfer *t, CURLcode rc, char *error)
{
    struct fetch_result *r = t->r;
    char *eff = NULL;
    long status = 0;

    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &eff);
    r->status = status;
    r->final_url = fetch_url_strip_userinfo(eff ? eff : t->cur_url);
    r->elapsed = t->elapsed;
    if (!error && rc != CURLE_OK)
        error = error_text(t, rc);
    if (!error)
        error = decode_finish(t);
    r->error = error;
    if (!error) {
        r->body_len = t->body.len;
        r->body = cc_buf_take(&t->body);
        r->content_type = t->ctype;
        r->resp_etag = t->etag;
        r->resp_last_modified = t->lastmod;
        t->ctype = t->etag = t->lastmod = NULL;
        r->raw_headers = cc_buf_take(&t->raw_hdrs);   /* WARC hook */
    }
}

/* After a hop ended with a redirect: decides whether to follow it.
 * Returns NULL and updates t->cur_url to follow, or an error text. */
static char *redirect_next(struct xfer *t, const char *target)
{
    struct fetch_result *r = t->r;
    size_t slen = scheme_len(target);
    char why[128];

    int max = t->job && t->job->is_robots ? FETCH_ROBOTS_REDIRECTS
                                          : t->o->max_redirects;

    if (r->nredirects >= (size_t)(max > 0 ? max : 0))
        return cc_asprintf("http: too many redirects (max %d)", max);
    if (!scheme_allowed(target, slen)) {
        char *shown = fetch_url_strip_userinfo(target);
        char *msg;

        why_scheme(target, slen, why, sizeof why);
        msg = cc_asprintf("%s (redirect to %.200s)", why, shown);
        free(shown);
        return msg;
    }
    r->redirects = cc_realloc(r->redirects,
                              (r->nredirects + 1) * sizeof *r->redirects);
    r->redirects[r->nredirects++] = fetch_url_strip_userinfo(target);
    free(t->cur_url);
    t->cur_url = cc_strdup(target);
    return NULL;
}

/* ---- the runner ------------------------------------------------------ */

static long long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void report_done(struct runner *run, size_t index)
{
    if (run->done)
        run->done(&run->res[index], index, run->ud);
}

static void lower(char *s)
{
    for (; s && *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

/* From an absolute URL: the origin key "scheme://host:port" (lowercase,
 * default port filled in), the robots.txt URL of that origin, the path
 * with its query (for robots matching).  Each out-pointer may be NULL;
 * the caller frees what it asked for.  False when the URL does not
 * parse (nothing is returned then). */
static bool url_origin(const char *url, char **key, char **robots_url,
                       char **path)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL, *port = NULL, *dport = NULL;
    char *p = NULL, *q = NULL;
    bool ok;

    if (!u)
        cc_oom();
    ok = curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
         curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
         curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
         curl_url_get(u, CURLUPART_PORT, &dport, CURLU_DEFAULT_PORT) ==
             CURLUE_OK;
    if (ok) {
        lower(scheme);
        lower(host);
        (void)curl_url_get(u, CURLUPART_PORT, &port, 0);
        if (key)
            *key = cc_asprintf("%s://%s:%s", scheme, host, dport);
        if (robots_url)
            *robots_url = cc_asprintf("%s://%s%s%s/robots.txt", scheme, host,
                                      port ? ":" : "", port ? port : "");
        if (path) {
            (void)curl_url_get(u, CURLUPART_PATH, &p, 0);
            (void)curl_url_get(u, CURLUPART_QUERY, &q, 0);
            *path = q ? cc_asprintf("%s?%s", p ? p : "/", q)
                      : cc_strdup(p ? p : "/");
        }
    }
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_free(dport);
    curl_free(p);
    curl_free(q);
    curl_url_cleanup(u);
    return ok;
}

static size_t key_hash(const char *s)
{
    unsigned long long h = 0xcbf29ce484222325ULL;

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    return (size_t)h;
}

/* Origin id of url (interned on first sight), or NO_HOST. */
static size_t origin_of(struct runner *run, const char *url)
{
    char *key = NULL, *rurl = NULL;
    size_t slot, id;

    if (!url || !url_origin(url, &key, &rurl, NULL))
        return NO_HOST;
    if (run->norigins * 2 >= run->otab_size) {      /* grow and rehash */
        size_t nsize = run->otab_size ? run->otab_size * 2 : 64;

        free(run->otab);
        run->otab = cc_calloc(nsize, sizeof *run->otab);
        run->otab_size = nsize;
        for (id = 0; id < run->norigins; id++) {
            slot = key_hash(run->origins[id].key) & (nsize - 1);
            while (run->otab[slot])
                slot = (slot + 1) & (nsize - 1);
            run->otab[slot] = id + 1;
        }
    }
    slot = key_hash(key) & (run->otab_size - 1);
    while (run->otab[slot]) {
        id = run->otab[slot] - 1;
        if (strcmp(run->origins[id].key, key) == 0) {
            free(key);
            free(rurl);
            return id;
        }
        slot = (slot + 1) & (run->otab_size - 1);
    }
    run->origins = cc_grow(run->origins, &run->origins_cap,
                           run->norigins + 1, sizeof *run->origins);
    id = run->norigins++;
    memset(&run->origins[id], 0, sizeof run->origins[id]);
    run->origins[id].key = key;
    run->origins[id].robots_url = rurl;
    run->otab[slot] = id + 1;
    return id;
}

/* The origin's robots.txt answer is known: decide what it allows.  error
 * is the fetch error (or NULL), status/body the answer otherwise. */
static void robots_decide(struct runner *run, size_t oid, long status,
                          const char *body, size_t len, const char *error)
{
    struct origin *o = &run->origins[oid];

    o->rstate = ROB_READY;
    run->may_start = true;
    if (error) {
        if (strncmp(error, "http: too many redirects", 24) == 0 ||
            strncmp(error, "protocol:", 9) == 0)
            return;                 /* "unavailable" (RFC 9309): allow */
        if (strncmp(error, "refused:", 8) == 0 ||
            strncmp(error, "tls:", 4) == 0 ||
            strncmp(error, "dns:", 4) == 0 ||
            strncmp(error, "connect:", 8) == 0)
            o->deny = cc_strdup(error);     /* the page would fail so too */
        else
            o->deny = cc_asprintf("robots: %s unreachable (%s); host "
                                  "treated as disallowed", o->robots_url,
                                  error);
    } else if (status >= 200 && status < 300) {
        o->rules = robots_parse(body, len, run->o->robots_agent);
    } else if (status >= 500 || status == 429) {
        o->deny = cc_asprintf("robots: %s answered HTTP %ld; host treated "
                              "as disallowed", o->robots_url, status);
    }                               /* 4xx and the rest: allow all */
}

static void job_wait(struct runner *run, struct job *j)
{
    j->state = JOB_WAIT;
    run->nwaiting++;
    run->may_start = true;
    if (!j->is_robots && j->index < run->cursor)
        run->cursor = j->index;
}

/* First sight of an origin: its robots.txt from the cache, or a robots
 * job queued ahead of every page. */
static void robots_begin(struct runner *run, size_t oid)
{
    struct origin *o = &run->origins[oid];
    const struct fetch_robots_cache *c = run->o->robots_cache;
    struct job *j;
    long status = 0;
    char *body = NULL;
    size_t len = 0;

    if (c && c->get && c->get(c->ud, o->robots_url, &status, &body, &len)) {
        robots_decide(run, oid, status, body, len, NULL);
        free(body);
        return;
    }
    j = cc_calloc(1, sizeof *j);
    j->r = &j->own;
    j->own.url = cc_strdup(o->robots_url);
    j->cur_url = cc_strdup(o->robots_url);
    j->index = NO_HOST;
    j->is_robots = true;
    j->origin = oid;
    run->rjobs = cc_grow(run->rjobs, &run->rjobs_cap, run->nrjobs + 1,
                         sizeof *run->rjobs);
    run->rjobs[run->nrjobs++] = j;
    o->rstate = ROB_PENDING;
    job_wait(run, j);
}

/* Error text when robots.txt forbids the job's current URL, else NULL. */
static char *robots_verdict(struct runner *run, const struct job *j)
{
    const struct origin *o = &run->origins[j->origin];
    char *path = NULL;
    bool ok = true;

    if (o->deny)
        return cc_strdup(o->deny);
    if (robots_nrules(o->rules) == 0)
        return NULL;
    if (url_origin(j->cur_url, NULL, NULL, &path))
        ok = robots_allowed(o->rules, path);
    free(path);
    return ok ? NULL : cc_asprintf("robots: disallowed by %s",
                                   o->robots_url);
}

/* A waiting job ends without a transfer (robots.txt said no). */
static void job_fail(struct runner *run, struct job *j, char *error)
{
    struct fetch_result *r = j->r;

    r->error = error;
    r->final_url = fetch_url_strip_userinfo(j->cur_url);
    r->elapsed = j->prior + j->elapsed;
    r->retries = j->tries;
    free(j->cur_url);
    j->cur_url = NULL;
    j->state = JOB_DONE;
    run->nwaiting--;
    report_done(run, j->index);
}

static void note_wake(struct runner *run, long long at)
{
    if (run->wake == 0 || at < run->wake)
        run->wake = at;
}

/* The job's origin has room (per-host cap) and its interval has passed. */
static bool host_ready(struct runner *run, const struct job *j,
                       long long now)
{
    const struct origin *o;

    if (j->not_before > now) {
        note_wake(run, j->not_before);
        return false;
    }
    if (j->origin == NO_HOST)
        return true;
    o = &run->origins[j->origin];
    if (run->o->per_host > 0 && o->active >= (size_t)run->o->per_host)
        return false;                   /* a finishing transfer wakes us */
    if (now < o->next_ok) {
        note_wake(run, o->next_ok);
        return false;
    }
    return true;
}

/* Next job that may start now: robots.txt requests first, then URLs in
 * order (within FETCH_LOOKAHEAD waiting ones); NULL when none, with
 * run->wake set to when one may become ready by time alone. */
static struct job *pick_next(struct runner *run, long long now)
{
    size_t i, scanned = 0, before;

again:
    before = run->nrjobs;
    run->wake = 0;
    while (run->rcursor < run->nrjobs &&
           run->rjobs[run->rcursor]->state == JOB_DONE)
        run->rcursor++;
    for (i = run->rcursor; i < run->nrjobs; i++) {
        struct job *j = run->rjobs[i];

        if (j->state == JOB_WAIT && host_ready(run, j, now))
            return j;
    }
    while (run->cursor < run->n && run->jobs[run->cursor].state != JOB_WAIT)
        run->cursor++;
    for (i = run->cursor; i < run->n && scanned < FETCH_LOOKAHEAD; i++) {
        struct job *j = &run->jobs[i];

        if (j->state != JOB_WAIT)
            continue;
        scanned++;
        if (run->o->robots && j->origin != NO_HOST && !j->robots_ok) {
            struct origin *o = &run->origins[j->origin];
            char *error;

            if (o->rstate == ROB_UNKNOWN)
                robots_begin(run, j->origin);
            if (o->rstate != ROB_READY)
                continue;
            error = robots_verdict(run, j);
            if (error) {
                job_fail(run, j, error);
                continue;
            }
            j->robots_ok = true;
        }
        if (host_ready(run, j, now))
            return j;
    }
    if (run->nrjobs > before) {     /* robots.txt requests just queued */
        scanned = 0;
        goto again;
    }
    return NULL;
}

/* Starts transfers while a slot is free and a job may go. */
static cc_result fill_slots(struct runner *run, char *err, size_t errlen)
{
    long long now = now_ms();

    if (run->wake && now >= run->wake)
        run->may_start = true;
    while (run->may_start && run->nactive < run->nslots) {
        struct job *j = pick_next(run, now);
        struct xfer *t = NULL;
        size_t s;

        if (!j) {
            run->may_start = false;     /* until something changes */
            break;
        }
        for (s = 0; s < run->nslots; s++)
            if (!run->slots[s].busy) {
                t = &run->slots[s];
                break;
            }
        assert(t);
        j->state = JOB_RUN;
        run->nwaiting--;
        memset(t, 0, sizeof *t);
        t->busy = true;
        t->index = j->index;
        t->r = j->r;
        t->o = run->o;
        t->job = j;
        t->hostid = j->origin;
        if (t->hostid != NO_HOST) {
            run->origins[t->hostid].active++;
            run->origins[t->hostid].next_ok = now + run->o->host_delay_ms;
        }
        t->cur_url = j->cur_url;
        j->cur_url = NULL;
        t->elapsed = j->elapsed;
        decode_init(&t->dec);
        cc_buf_init(&t->body, j->is_robots ? ROBOTS_MAX_BYTES
                                           : run->o->max_body);
        cc_buf_init(&t->raw_hdrs, FETCH_HEADERS_MAX + 1);   /* WARC hook */
        run->nactive++;
        t->easy = curl_easy_init();
        if (!t->easy || !easy_setup(t) ||
            (j->is_robots &&        /* read the first 500 KiB of any size */
             curl_easy_setopt(t->easy, CURLOPT_MAXFILESIZE_LARGE,
                              (curl_off_t)0) != CURLE_OK) ||
            !hop_start(run, t)) {
            cc_errf(err, errlen, "fetch: could not start a transfer for %s",
                    t->r->url);
            return CC_ENET;
        }
    }
    return CC_OK;
}

/* Milliseconds to wait for a Retry-After value: delta-seconds or an
 * HTTP date (a past date is 0); -1 when it is neither. */
static long long retry_after_ms(const char *v)
{
    const char *p = v;
    long long secs = 0;
    time_t when;

    while (*p == ' ' || *p == '\t')
        p++;
    if (isdigit((unsigned char)*p)) {
        for (; isdigit((unsigned char)*p); p++)
            if (secs < 100000000LL)
                secs = secs * 10 + (*p - '0');
        while (*p == ' ' || *p == '\t')
            p++;
        return *p ? -1 : secs * 1000;
    }
    when = curl_getdate(p, NULL);
    if (when == (time_t)-1)
        return -1;
    return when <= time(NULL) ? 0 : ((long long)(when - time(NULL))) * 1000;
}

/* How long to wait before retrying the hop that just ended, or -1 for no
 * retry: only 5xx, 408, 429 and timeouts, at most o->retries times. */
static long long retry_delay(struct runner *run, const struct xfer *t,
                             CURLcode rc, long status)
{
    const struct fetch_opts *o = run->o;
    long long cap = o->max_retry_after_ms > 0 ? o->max_retry_after_ms : 0;
    long long d, base;

    if (t->job->is_robots || t->job->tries >= o->retries)
        return -1;
    if (!(rc == CURLE_OPERATION_TIMEDOUT ||
          (rc == CURLE_OK && (status == 408 || status == 429 ||
                              (status >= 500 && status <= 599)))))
        return -1;
    if (rc == CURLE_OK && (status == 429 || status == 503) &&
        t->retry_after && (d = retry_after_ms(t->retry_after)) >= 0)
        return d < cap ? d : cap;
    base = o->backoff_ms > 0 ? o->backoff_ms : 1;
    base <<= t->job->tries < 20 ? t->job->tries : 20;
    run->rng ^= run->rng << 13;     /* xorshift64: jitter, not secrets */
    run->rng ^= run->rng >> 7;
    run->rng ^= run->rng << 17;
    d = base + (long long)(run->rng % (unsigned long long)(base / 2 + 1));
    return d < cap ? d : cap;
}

/* Puts a running job back in the queue: for a retry of its hop after
 * delay_ms, or (retry false) to start its next hop, whose URL is in
 * t->cur_url, once the target's robots.txt and host delay allow. */
static void requeue(struct runner *run, struct xfer *t, long long delay_ms,
                    bool retry)
{
    struct job *j = t->job;

    curl_multi_remove_handle(run->multi, t->easy);
    j->cur_url = t->cur_url;
    t->cur_url = NULL;
    if (retry) {
        j->prior += t->elapsed;     /* each attempt gets the whole budget */
        j->elapsed = 0;
        j->tries++;
    } else {
        j->elapsed = t->elapsed;
        j->origin = origin_of(run, j->cur_url);
        j->robots_ok = false;
    }
    j->not_before = delay_ms > 0 ? now_ms() + delay_ms : 0;
    xfer_release(run, t);
    job_wait(run, j);
}

/* A robots.txt request ended (after its own redirects). */
static cc_result robots_done(struct runner *run, struct xfer *t, CURLcode rc,
                             long status, char *err, size_t errlen)
{
    struct job *j = t->job;
    const struct fetch_robots_cache *c = run->o->robots_cache;
    char *error = NULL, *target = NULL, *loc = NULL;

    if (rc == CURLE_OK && is_redirect_status(status) &&
        curl_easy_getinfo(t->easy, CURLINFO_REDIRECT_URL, &loc) ==
            CURLE_OK && loc && *loc)
        target = cc_strdup(loc);
    if (target) {
        error = redirect_next(t, target);
        free(target);
        if (!error && !time_up(t)) {
            curl_multi_remove_handle(run->multi, t->easy);
            if (hop_start(run, t))
                return CC_OK;
            cc_errf(err, errlen, "fetch: could not restart a transfer for "
                    "%s", t->cur_url);
            return CC_ENET;
        }
        if (!error)
            error = cc_asprintf("timeout: no complete response within %ld "
                                "ms", run->o->total_timeout_ms);
    }
    if (!error && rc != CURLE_OK && !t->robots_cut)
        error = error_text(t, rc);
    if (!error && !t->robots_cut)
        error = decode_finish(t);
    robots_decide(run, j->origin, status, t->body.data, t->body.len, error);
    if (!error && c && c->put && status >= 200 && status < 500 &&
        status != 429 && !is_redirect_status(status))
        c->put(c->ud, run->origins[j->origin].robots_url, status,
               status < 300 ? t->body.data : NULL,
               status < 300 ? t->body.len : 0);
    free(error);
    curl_multi_remove_handle(run->multi, t->easy);
    j->state = JOB_DONE;
    xfer_release(run, t);
    return CC_OK;
}

/* Handles one finished hop. */
static cc_result on_hop_done(struct runner *run, struct xfer *t, CURLcode rc,
                             char *err, size_t errlen)
{
    double hop_time = 0;
    long status = 0;
    char *target = NULL, *error = NULL;
    struct job *j = t->job;
    size_t index = t->index;
    long long delay;

    curl_easy_getinfo(t->easy, CURLINFO_TOTAL_TIME, &hop_time);
    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
    t->elapsed += hop_time;
    if (j->is_robots)
        return robots_done(run, t, rc, status, err, errlen);
    delay = retry_delay(run, t, rc, status);
    if (delay >= 0) {
        requeue(run, t, delay, true);
        return CC_OK;
    }
    if (rc == CURLE_OK && is_redirect_status(status)) {
        char *loc = NULL;

        if (curl_easy_getinfo(t->easy, CURLINFO_REDIRECT_URL, &loc) ==
                CURLE_OK && loc && *loc)
            target = cc_strdup(loc);
    }
    if (target) {
        size_t from = t->hostid;

        /* the first redirecting response's headers (Memento TimeGates) */
        if (!t->r->redirect_headers && t->r->nredirects == 0)
            t->r->redirect_headers = cc_buf_take(&t->raw_hdrs);
        error = redirect_next(t, target);
        free(target);
        if (!error) {
            if (time_up(t)) {
                error = cc_asprintf("timeout: no complete response within "
                                    "%ld ms", t->o->total_timeout_ms);
            } else if (run->o->robots || run->o->host_delay_ms > 0 ||
                       origin_of(run, t->cur_url) != from) {
                /* another request: robots.txt, host delay, a fresh
                 * handle for another origin (no state carried over) */
                requeue(run, t, 0, false);
                return CC_OK;
            } else {
                curl_multi_remove_handle(run->multi, t->easy);
                if (hop_start(run, t))
                    return CC_OK;
                cc_errf(err, errlen, "fetch: could not restart a transfer "
                        "for %s", t->r->url);
                return CC_ENET;
            }
        }
    }
    finish_result(t, rc, error);
    t->r->elapsed += j->prior;
    t->r->retries = j->tries;
    curl_multi_remove_handle(run->multi, t->easy);
    j->state = JOB_DONE;
    xfer_release(run, t);
    report_done(run, index);
    return CC_OK;
}

static cc_result drain(struct runner *run, char *err, size_t errlen)
{
    CURLMsg *m;
    int left;

    while ((m = curl_multi_info_read(run->multi, &left))) {
        CURL *e;
        CURLcode rc;
        char *priv = NULL;
        struct xfer *t;
        cc_result result;

        if (m->msg != CURLMSG_DONE)
            continue;
        e = m->easy_handle;            /* m is invalid after removal */
        rc = m->data.result;
        curl_easy_getinfo(e, CURLINFO_PRIVATE, &priv);
        if (!priv)
            continue;
        t = (struct xfer *)(void *)priv;
        result = on_hop_done(run, t, rc, err, errlen);
        if (result != CC_OK)
            return result;
    }
    return CC_OK;
}

/* After a machinery failure: every unfinished transfer gets an error (no
 * done callback), handles are released. */
static void abort_all(struct runner *run, const char *why)
{
    size_t i;

    for (i = 0; i < run->nslots; i++) {
        struct xfer *t = &run->slots[i];

        if (!t->busy)
            continue;
        if (t->easy)
            curl_multi_remove_handle(run->multi, t->easy);
        if (t->job)
            t->job->state = JOB_DONE;
        if (!t->r->error)
            t->r->error = cc_asprintf("aborted: %s", why);
        xfer_release(run, t);
    }
    for (i = 0; i < run->n; i++)
        if (run->jobs[i].state != JOB_DONE && !run->res[i].error)
            run->res[i].error = cc_asprintf("aborted: %s", why);
}

static cc_result run_loop(struct runner *run, char *err, size_t errlen)
{
    cc_result result;
    CURLMcode mc;
    int running;

    for (;;) {
        long timeout = FETCH_POLL_MS;

        result = fill_slots(run, err, errlen);
        if (result != CC_OK)
            return result;
        if (run->nactive == 0 && run->nwaiting == 0)
            return CC_OK;
        if (run->nactive < run->nslots && run->wake) {
            long long d = run->wake - now_ms();

            timeout = d <= 0 ? 0 : d < timeout ? (long)d : timeout;
        }
        /* with no transfer running this still waits (libcurl >= 7.66) */
        mc = curl_multi_poll(run->multi, NULL, 0, (int)timeout, NULL);
        if (mc == CURLM_OK)
            mc = curl_multi_perform(run->multi, &running);
        if (mc != CURLM_OK) {
            cc_errf(err, errlen, "fetch: %s", curl_multi_strerror(mc));
            return CC_ENET;
        }
        result = drain(run, err, errlen);
        if (result != CC_OK)
            return result;
    }
}

static void runner_free(struct runner *run)
{
    size_t i;

    for (i = 0; run->jobs && i < run->n; i++)
        free(run->jobs[i].cur_url);
    for (i = 0; i < run->nrjobs; i++) {
        fetch_result_clear(&run->rjobs[i]->own);
        free(run->rjobs[i]->cur_url);
        free(run->rjobs[i]);
    }
    for (i = 0; i < run->norigins; i++) {
        free(run->origins[i].key);
        free(run->origins[i].robots_url);
        free(run->origins[i].deny);
        robots_free(&run->origins[i].rules);
    }
    free(run->rjobs);
    free(run->origins);
    free(run->otab);
    free(run->jobs);
    free(run->slots);
}

cc_result fetch_run(const struct fetch_opts *o, struct fetch_result *res,
                    size_t n, fetch_done_fn done, void *ud, char *err,
                    size_t errlen)
{
    struct runner run;
    struct fetch_opts opts = *o;
    cc_result result = CC_OK;
    size_t i;

    if (n == 0)
        return CC_OK;
    if (opts.parallel < 1)
        opts.parallel = 1;
    if (opts.max_redirects < 0)
        opts.max_redirects = 0;
    if (opts.retries < 0)
        opts.retries = 0;
    if (opts.host_delay_ms < 0)
        opts.host_delay_ms = 0;
    memset(&run, 0, sizeof run);
    run.o = &opts;
    run.res = res;
    run.n = n;
    run.done = done;
    run.ud = ud;
    run.nslots = (size_t)opts.parallel < n ? (size_t)opts.parallel : n;
    run.slots = cc_calloc(run.nslots, sizeof *run.slots);
    run.jobs = cc_calloc(n, sizeof *run.jobs);
    run.may_start = true;
    run.rng = ((unsigned long long)now_ms() << 20) ^
              (unsigned long long)getpid() ^ 0x9e3779b97f4a7c15ULL;

    /* URLs that may not be fetched finish at once, without network. */
    for (i = 0; i < n; i++) {
        struct job *j = &run.jobs[i];
        char why[CC_ERRLEN];

        fetch_result_reset_out(&res[i]);
        j->r = &res[i];
        j->index = i;
        j->state = JOB_DONE;
        if (!fetch_url_ok(res[i].url, why, sizeof why)) {
            res[i].error = cc_strdup(why);
            report_done(&run, i);
            continue;
        }
        j->cur_url = cc_strdup(res[i].url);
        j->origin = origin_of(&run, res[i].url);
        job_wait(&run, j);
    }

    run.multi = curl_multi_init();
    if (!run.multi) {
        cc_errf(err, errlen, "fetch: curl_multi_init failed");
        result = CC_ENET;
    } else if (curl_multi_setopt(run.multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
                                 (long)opts.parallel) != CURLM_OK ||
               (opts.per_host > 0 &&
                curl_multi_setopt(run.multi, CURLMOPT_MAX_HOST_CONNECTIONS,
                                  (long)opts.per_host) != CURLM_OK)) {
        cc_errf(err, errlen, "fetch: curl_multi_setopt failed");
        result = CC_ENET;
    } else {
        result = run_loop(&run, err, errlen);
    }
    if (result != CC_OK)
        abort_all(&run, err && *err ? err : "fetch failed");
    if (run.multi)
        curl_multi_cleanup(run.multi);
    runner_free(&run);
    return result;
}
