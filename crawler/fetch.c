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
 * - The body is counted after content decoding in the write callback and
 *   capped at o->max_body (CURLOPT_MAXFILESIZE_LARGE only checks the
 *   advertised length in libcurl 7.88, so it is just an early refusal).
 */
#include "crawler/fetch.h"

#include "crawler/fetch_util.h"

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
#include <unistd.h>

#define FETCH_HEADERS_MAX (64 * 1024)   /* response header bytes per hop */
#define FETCH_POLL_MS 1000
#define FETCH_LOOKAHEAD 4096            /* waiting URLs scanned per pick */
#define NO_HOST ((size_t)-1)

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
    size_t hostid;            /* runner.hostid[index] */
    struct cc_buf body;
    size_t header_bytes;      /* of the current hop */
    long hop_status;          /* from the last status line seen */
    bool hop_location;        /* the current response has a Location */
    char *ctype, *etag, *lastmod;   /* of the current response */
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
    size_t *hostid;           /* per index: interned host, or NO_HOST */
    size_t *host_active;      /* per host id: transfers running */
    unsigned char *started;   /* per index: taken from the list */
    size_t cursor;            /* no index below it is still waiting */
    bool may_start;           /* a slot freed since the last failed pick */
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
}

/* Free what fetch_run fills and zero it; the inputs stay. */
static void result_reset_out(struct fetch_result *r)
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
}

void fetch_result_clear(struct fetch_result *r)
{
    if (!r)
        return;
    result_reset_out(r);
    free(r->url);
    free(r->etag);
    free(r->last_modified);
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

    /* The body of a redirect we are about to follow is not kept. */
    if (is_redirect_status(t->hop_status) && t->hop_location)
        return n;
    if (cc_buf_add(&t->body, p, n) != CC_OK) {
        t->body_over = true;
        return 0;               /* makes libcurl stop with a write error */
    }
    return n;
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
    if (n >= 5 && memcmp(p, "HTTP/", 5) == 0) {
        long st = 0;

        for (i = 5; i < n && p[i] != ' '; i++)
            ;
        for (i++; i < n && isdigit((unsigned char)p[i]) && st < 1000; i++)
            st = st * 10 + (p[i] - '0');
        t->hop_status = st;
        t->hop_location = false;
        free(t->ctype);
        free(t->etag);
        free(t->lastmod);
        t->ctype = t->etag = t->lastmod = NULL;
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
    else if (nlen == 8 && strncasecmp(p, "Location", 8) == 0 && vlen)
        t->hop_location = true;
    return n;
}

/* Sees every address before libcurl connects to it. */
static curl_socket_t opensocket_cb(void *ud, curlsocktype purpose,
                                   struct curl_sockaddr *a)
{
    struct xfer *t = ud;
    char text[INET6_ADDRSTRLEN];

    (void)purpose;
    if (!t->o->allow_private &&
        fetch_addr_private(&a->addr, text, sizeof text)) {
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
    SET(CURLOPT_ACCEPT_ENCODING, "");
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
    t->header_bytes = 0;
    t->hop_status = 0;
    t->hop_location = false;
    free(t->ctype);
    free(t->etag);
    free(t->lastmod);
    t->ctype = t->etag = t->lastmod = NULL;
    t->body_over = t->headers_over = t->refused = false;
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
    cc_buf_free(&t->body);
    if (t->hostid != NO_HOST)
        run->host_active[t->hostid]--;
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
    if (t->headers_over)
        return cc_asprintf("size: headers over %d bytes", FETCH_HEADERS_MAX);
    if (t->refused)
        return cc_asprintf("refused: private address %s (use "
                           "--allow-private)", t->refused_addr);
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
    case CURLE_SEND_ERROR:
        return cc_asprintf("connect: %s", detail);
    case CURLE_OUT_OF_MEMORY:
        cc_oom();
    default:
        return cc_asprintf("curl: %s", detail);
    }
}

/* Fills t->r from the finished (last) hop; rc is its libcurl result. */
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
    r->error = error;
    if (!error) {
        r->body_len = t->body.len;
        r->body = cc_buf_take(&t->body);
        r->content_type = t->ctype;
        r->resp_etag = t->etag;
        r->resp_last_modified = t->lastmod;
        t->ctype = t->etag = t->lastmod = NULL;
    }
}

/* After a hop ended with a redirect: decides whether to follow it.
 * Returns NULL and updates t->cur_url to follow, or an error text. */
static char *redirect_next(struct xfer *t, const char *target)
{
    struct fetch_result *r = t->r;
    size_t slen = scheme_len(target);
    char why[128];

    if (r->nredirects >= (size_t)(t->o->max_redirects > 0 ?
                                  t->o->max_redirects : 0))
        return cc_asprintf("http: too many redirects (max %d)",
                           t->o->max_redirects);
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

static void report_done(struct runner *run, size_t index)
{
    if (run->done)
        run->done(&run->res[index], index, run->ud);
}

/* Next waiting index whose host has room, or run->n when none within
 * FETCH_LOOKAHEAD waiting URLs. */
static size_t pick_next(struct runner *run)
{
    size_t i, scanned = 0;

    while (run->cursor < run->n && run->started[run->cursor])
        run->cursor++;
    for (i = run->cursor; i < run->n && scanned < FETCH_LOOKAHEAD; i++) {
        size_t h = run->hostid[i];

        if (run->started[i])
            continue;
        scanned++;
        if (run->o->per_host <= 0 || h == NO_HOST ||
            run->host_active[h] < (size_t)run->o->per_host)
            return i;
    }
    return run->n;
}

/* Starts transfers while a slot is free and a URL can go. */
static cc_result fill_slots(struct runner *run, char *err, size_t errlen)
{
    while (run->may_start && run->nactive < run->nslots) {
        size_t i = pick_next(run), s;
        struct xfer *t = NULL;

        if (i >= run->n) {
            run->may_start = false;     /* until a transfer finishes */
            break;
        }
        for (s = 0; s < run->nslots; s++)
            if (!run->slots[s].busy) {
                t = &run->slots[s];
                break;
            }
        assert(t);
        run->started[i] = 1;
        memset(t, 0, sizeof *t);
        t->busy = true;
        t->index = i;
        t->r = &run->res[i];
        t->o = run->o;
        t->hostid = run->hostid[i];
        if (t->hostid != NO_HOST)
            run->host_active[t->hostid]++;
        t->cur_url = cc_strdup(t->r->url);
        cc_buf_init(&t->body, run->o->max_body);
        run->nactive++;
        t->easy = curl_easy_init();
        if (!t->easy || !easy_setup(t) || !hop_start(run, t)) {
            cc_errf(err, errlen, "fetch: could not start a transfer for %s",
                    t->r->url);
            return CC_ENET;
        }
    }
    return CC_OK;
}

/* Handles one finished hop. */
static cc_result on_hop_done(struct runner *run, struct xfer *t, CURLcode rc,
                             char *err, size_t errlen)
{
    double hop_time = 0;
    long status = 0;
    char *target = NULL, *error = NULL;
    size_t index = t->index;

    curl_easy_getinfo(t->easy, CURLINFO_TOTAL_TIME, &hop_time);
    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
    t->elapsed += hop_time;
    if (rc == CURLE_OK && is_redirect_status(status)) {
        char *loc = NULL;

        if (curl_easy_getinfo(t->easy, CURLINFO_REDIRECT_URL, &loc) ==
                CURLE_OK && loc && *loc)
            target = cc_strdup(loc);
    }
    if (target) {
        error = redirect_next(t, target);
        free(target);
        if (!error) {
            if (time_up(t)) {
                error = cc_asprintf("timeout: no complete response within "
                                    "%ld ms", t->o->total_timeout_ms);
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
    curl_multi_remove_handle(run->multi, t->easy);
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
        if (!t->r->error)
            t->r->error = cc_asprintf("aborted: %s", why);
        xfer_release(run, t);
    }
    for (i = 0; i < run->n; i++)
        if (!run->started[i] && !run->res[i].error)
            run->res[i].error = cc_asprintf("aborted: %s", why);
}

static cc_result run_loop(struct runner *run, char *err, size_t errlen)
{
    cc_result result;
    CURLMcode mc;
    int running;

    for (;;) {
        result = fill_slots(run, err, errlen);
        if (result != CC_OK)
            return result;
        if (run->nactive == 0)
            return CC_OK;
        mc = curl_multi_poll(run->multi, NULL, 0, FETCH_POLL_MS, NULL);
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

struct host_ref {
    char *host;
    size_t index;
};

static int host_ref_cmp(const void *a, const void *b)
{
    const struct host_ref *x = a, *y = b;

    return strcmp(x->host, y->host);
}

/* Gives every fetchable URL a small integer per distinct host, so the
 * scheduler counts running transfers per host without string compares. */
static void intern_hosts(struct runner *run)
{
    struct host_ref *refs = cc_calloc(run->n, sizeof *refs);
    size_t i, nrefs = 0, nhosts = 0;

    for (i = 0; i < run->n; i++) {
        run->hostid[i] = NO_HOST;
        if (!run->started[i]) {
            refs[nrefs].host = url_host(run->res[i].url);
            refs[nrefs].index = i;
            if (refs[nrefs].host)
                nrefs++;
        }
    }
    qsort(refs, nrefs, sizeof *refs, host_ref_cmp);
    for (i = 0; i < nrefs; i++) {
        if (i > 0 && strcmp(refs[i].host, refs[i - 1].host) != 0)
            nhosts++;
        run->hostid[refs[i].index] = nhosts;
    }
    run->host_active = cc_calloc(nrefs ? nhosts + 1 : 1,
                                 sizeof *run->host_active);
    for (i = 0; i < nrefs; i++)
        free(refs[i].host);
    free(refs);
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
    memset(&run, 0, sizeof run);
    run.o = &opts;
    run.res = res;
    run.n = n;
    run.done = done;
    run.ud = ud;
    run.nslots = (size_t)opts.parallel < n ? (size_t)opts.parallel : n;
    run.slots = cc_calloc(run.nslots, sizeof *run.slots);
    run.hostid = cc_calloc(n, sizeof *run.hostid);
    run.started = cc_calloc(n, 1);
    run.may_start = true;

    /* URLs that may not be fetched finish at once, without network. */
    for (i = 0; i < n; i++) {
        char why[CC_ERRLEN];

        result_reset_out(&res[i]);
        if (!fetch_url_ok(res[i].url, why, sizeof why)) {
            res[i].error = cc_strdup(why);
            run.started[i] = 1;
            report_done(&run, i);
        }
    }
    intern_hosts(&run);

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
    free(run.hostid);
    free(run.host_active);
    free(run.started);
    free(run.slots);
    return result;
}
