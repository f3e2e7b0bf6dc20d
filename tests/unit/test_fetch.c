/*
 * tests/unit/test_fetch.c -- crawler/fetch.c against the fixture server
 * (tests/fixtures/server.py, port in env CITECHECK_TEST_PORT) plus the
 * network-free helpers of crawler/fetch_util.c.
 */
#include "crawler/fetch.h"
#include "crawler/fetch_util.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* ---- helpers ---------------------------------------------------------- */

static const char *port(void)
{
    const char *p = getenv("CITECHECK_TEST_PORT");

    ck_assert_msg(p && *p, "CITECHECK_TEST_PORT is not set: run the tests "
                  "through the Makefile, which starts the fixture server");
    return p;
}

/* Fixture URL for path (starting with '/'); caller frees. */
static char *furl(const char *path)
{
    return cc_asprintf("http://127.0.0.1:%s%s", port(), path);
}

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a, b;

    if (!s)
        return false;
    a = strlen(s);
    b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static bool starts_with(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Options for tests: local server allowed, short timeouts. */
static struct fetch_opts test_opts(void)
{
    struct fetch_opts o;

    fetch_opts_default(&o);
    o.allow_private = true;
    o.connect_timeout_ms = 2000;
    o.total_timeout_ms = 10000;
    o.low_speed_bytes = 1;
    o.low_speed_secs = 5;
    o.user_agent = "citecheck-test/1";
    return o;
}

struct done_log {
    size_t calls;
    size_t seen[64];
};

static void on_done(struct fetch_result *r, size_t index, void *ud)
{
    struct done_log *log = ud;

    ck_assert_ptr_nonnull(r);
    if (log->calls < 64)
        log->seen[log->calls] = index;
    log->calls++;
}

/* Fetches one URL (owned copy) with o; done must be called exactly once. */
static void fetch1(const struct fetch_opts *o, const char *url,
                   struct fetch_result *r)
{
    struct done_log log = {0};
    char err[CC_ERRLEN] = "";
    cc_result result;

    r->url = cc_strdup(url);
    result = fetch_run(o, r, 1, on_done, &log, err, sizeof err);
    ck_assert_msg(result == CC_OK, "fetch_run: %s", err);
    ck_assert_uint_eq(log.calls, 1);
    ck_assert_uint_eq(log.seen[0], 0);
}

/* Fetches fixture path with the test options; returns the result. */
static struct fetch_result fetch_path(const struct fetch_opts *o,
                                      const char *path)
{
    struct fetch_result r = {0};
    char *url = furl(path);

    fetch1(o, url, &r);
    free(url);
    return r;
}

static void setup(void)
{
    ck_assert(fetch_global_init() == CC_OK);
}

static void teardown(void)
{
    fetch_global_cleanup();
}

/* ---- no network ------------------------------------------------------- */

START_TEST(test_opts_default)
{
    struct fetch_opts o;

    fetch_opts_default(&o);
    ck_assert_int_eq(o.parallel, 8);
    ck_assert_int_eq(o.per_host, 2);
    ck_assert_int_eq(o.connect_timeout_ms, 10000);
    ck_assert_int_eq(o.total_timeout_ms, 30000);
    ck_assert_int_eq(o.low_speed_bytes, 100);
    ck_assert_int_eq(o.low_speed_secs, 15);
    ck_assert_uint_eq(o.max_body, 10u * 1024 * 1024);
    ck_assert_int_eq(o.max_redirects, 10);
    ck_assert(!o.allow_private);
    ck_assert_ptr_null(o.cacert);
    ck_assert_str_eq(o.user_agent, "citecheck/" CC_VERSION
                     " (+https://github.com/citecheck/citecheck)");
}
END_TEST

START_TEST(test_url_ok)
{
    char why[128];

    ck_assert(fetch_url_ok("http://example.com/", why, sizeof why));
    ck_assert(fetch_url_ok("HTTPS://Example.COM/a?b#c", why, sizeof why));
    ck_assert(fetch_url_ok("https://[::1]:8443/x", why, sizeof why));

    ck_assert(!fetch_url_ok("ftp://example.com/f", why, sizeof why));
    ck_assert_str_eq(why, "protocol: ftp not allowed");
    ck_assert(!fetch_url_ok("FILE:///etc/passwd", why, sizeof why));
    ck_assert_str_eq(why, "protocol: file not allowed");
    ck_assert(!fetch_url_ok("javascript:alert(1)", why, sizeof why));
    ck_assert_str_eq(why, "protocol: javascript not allowed");
    ck_assert(!fetch_url_ok("gopher://example.com/", why, sizeof why));
    ck_assert_str_eq(why, "protocol: gopher not allowed");

    ck_assert(!fetch_url_ok("example.com/page", why, sizeof why));
    ck_assert(starts_with(why, "url: "));
    ck_assert(!fetch_url_ok("/relative", why, sizeof why));
    ck_assert(starts_with(why, "url: "));
    ck_assert(!fetch_url_ok("", why, sizeof why));
    ck_assert(starts_with(why, "url: "));
    ck_assert(!fetch_url_ok(NULL, why, sizeof why));
    ck_assert(!fetch_url_ok("http://", why, sizeof why));
    ck_assert(starts_with(why, "url: "));
    ck_assert(!fetch_url_ok("http://exa mple.com/", why, sizeof why));
    ck_assert(starts_with(why, "url: "));
}
END_TEST

START_TEST(test_ip_private)
{
    static const char *priv[] = {
        "127.0.0.1", "127.255.0.9", "10.0.0.1", "10.255.255.255",
        "172.16.0.1", "172.31.255.254", "192.168.1.1", "169.254.169.254",
        "0.0.0.0", "0.1.2.3", "100.64.0.1", "100.127.255.255", "224.0.0.1",
        "255.255.255.255", "198.18.0.1", "::1", "::", "fc00::1", "fd12::9",
        "fe80::1", "febf::1", "ff02::1", "::ffff:127.0.0.1",
        "::ffff:10.1.2.3", "::127.0.0.1", "64:ff9b::a00:1",
        "2002:c0a8:0101::1", "64:ff9b:1::1",
    };
    static const char *pub[] = {
        "8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.0",
        "100.63.255.255", "100.128.0.0", "169.253.0.1", "11.0.0.1",
        "192.167.1.1", "223.255.255.255", "2001:4860:4860::8888",
        "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:0808:0808::1",
        "2606:4700::1111",
    };
    size_t i;

    for (i = 0; i < sizeof priv / sizeof priv[0]; i++)
        ck_assert_msg(fetch_ip_private(priv[i]), "%s should be private",
                      priv[i]);
    for (i = 0; i < sizeof pub / sizeof pub[0]; i++)
        ck_assert_msg(!fetch_ip_private(pub[i]), "%s should be public",
                      pub[i]);
    ck_assert(!fetch_ip_private("not an ip"));
    ck_assert(!fetch_ip_private(NULL));
}
END_TEST

START_TEST(test_strip_userinfo)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"http://user:pass@host/p", "http://host/p"},
        {"https://u@h.example:8080/a@b?c@d#e@f", "https://h.example:8080/a@b?c@d#e@f"},
        {"http://a@b@host/", "http://host/"},
        {"http://host/path?x=1", "http://host/path?x=1"},
        {"http://host", "http://host"},
        {"not a url", "not a url"},
        {"http://:secret@host?q", "http://host?q"},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = fetch_url_strip_userinfo(cases[i].in);

        ck_assert_str_eq(s, cases[i].out);
        free(s);
    }
    ck_assert_ptr_null(fetch_url_strip_userinfo(NULL));
}
END_TEST

/* Non-http(s) URLs end at once with an error and no network use; the
 * others in the same run are still fetched. */
START_TEST(test_bad_scheme_no_network)
{
    struct fetch_opts o = test_opts();
    struct fetch_result r[3];
    struct done_log log = {0};
    char err[CC_ERRLEN] = "";
    double t0 = now_s();

    memset(r, 0, sizeof r);
    r[0].url = cc_strdup("ftp://127.0.0.1:1/file");
    r[1].url = cc_strdup("file:///etc/passwd");
    r[2].url = cc_strdup("not-a-url");
    ck_assert(fetch_run(&o, r, 3, on_done, &log, err, sizeof err) == CC_OK);
    ck_assert_uint_eq(log.calls, 3);
    ck_assert_str_eq(r[0].error, "protocol: ftp not allowed");
    ck_assert_str_eq(r[1].error, "protocol: file not allowed");
    ck_assert(starts_with(r[2].error, "url: "));
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(r[i].status, 0);
        ck_assert_ptr_null(r[i].body);
        fetch_result_clear(&r[i]);
        ck_assert_ptr_null(r[i].url);
    }
    ck_assert(now_s() - t0 < 0.5);
}
END_TEST

/* ---- against the fixture server --------------------------------------- */

START_TEST(test_ok_200)
{
    struct fetch_opts o = test_opts();
    struct fetch_result r = fetch_path(&o, "/_t/status/200");
    char *want = furl("/_t/status/200");

    ck_assert_msg(r.error == NULL, "error: %s", r.error);
    ck_assert_int_eq(r.status, 200);
    ck_assert_str_eq(r.body, "status 200\n");
    ck_assert_uint_eq(r.body_len, 11);
    ck_assert_str_eq(r.content_type, "text/plain; charset=utf-8");
    ck_assert_str_eq(r.final_url, want);
    ck_assert_uint_eq(r.nredirects, 0);
    ck_assert(r.elapsed > 0 && r.elapsed < 5);
    free(want);
    fetch_result_clear(&r);
}
END_TEST

START_TEST(test_404_is_success)
{
    struct fetch_opts o = test_opts();
    struct fetch_result r = fetch_path(&o, "/_t/status/404");

    ck_assert_msg(r.error == NULL, "error: %s", r.error);
    ck_assert_int_eq(r.status, 404);
    ck_assert_str_eq(r.body, "status 404\n");
    fetch_result_clear(&r);

    r = fetch_path(&o, "/_t/status/503");
    ck_assert_ptr_null(r.error);
    ck_assert_int_eq(r.status, 503);
    fetch_result_clear(&r);

    r = fetch_path(&o, "/_t/retry-after?s=7");
    ck_assert_ptr_null(r.error);
    ck_assert_int_eq(r.status, 429);
    fetch_result_clear(&r);
}
END_TEST

START_TEST(test_redirect_chain)
{
    struct fetch_opts o = test_opts();
    struct fetch_result r = fetch_path(&o, "/_t/redirect/3");
    char *want = furl("/_t/status/200");

    ck_assert_msg(r.error == NULL, "error: %s", r.error);
    ck_assert_int_eq(r.status, 200);
    ck_assert_uint_eq(r.nredirects, 3);
    ck_assert(ends_with(r.redirects[0], "/_t/redirect/2"));
    ck_assert(ends_with(r.redirects[1], "/_t/redirect/1"));
    ck_assert_str_eq(r.redirects[2], want);
    ck_assert_str_eq(r.final_url, want);
    ck_assert_str_eq(r.body, "status 200\n");   /* not the 302 bodies */
    free(want);
    fetch_result_clear(&r);

    /* relative Location resolved against the current URL */
    r = fetch_path(&o, "/_t/redirect-to?url=../_t/status/201&code=307");
    ck_assert_msg(r.error == NULL, "error: %s", r.error);
    ck_assert_int_eq(r.status, 201);
    ck_assert_uint_eq(r.nredirects, 1);
    ck_assert(ends_with(r.final_url, "/_t/status/201"));
    fetch_result_clear(&r);
}
END_TEST

START_TEST(test_redirect_loop)
{
    struct fetch_opts o = test_opts();
    struct fetch_result r;

    o.max_redirects = 5;
    r = fetch_path(&o, "/_t/loop");
    ck_assert_str_eq(r.error, "http: too many redirects (max 5)");
    ck_assert_uint_eq(r.nredirects, 5);
    ck_assert_ptr_null(r.body);
    fetch_result_clear(&r);

    o.max_redirects = 0;
    r = fetch_path(&o, "/_t/redirect/1");
    ck_assert(starts_with(r.error, "http: too many redirects"));
    ck_assert_uint_eq(r.nredirects, 0);
    fetch_result_clear(&r);
}
END_TEST

START_TEST(test_redirect_bad_scheme)
{
    struct fetch_opts o = test_opts();
    struct fetch_result r;
    char *path;

    r = fetch_path(&o, "/_t/redirect-to?url=file%3A%2F%2F%2Fetc%2Fpasswd");
    ck_assert_msg(starts_with(r.error, "protocol: file not allowed"),
                  "error: %s", r.error);
    ck_assert_uint_eq(r.nredirects, 0);
    ck_assert_ptr_null(r.body);
    fetch_result_clear(&r);

    path = cc_asprintf("/_t/redirect-to?url=ftp%%3A%%2F%%2F127.0.0.1%%3A%s"
                       "%%2Fx", port());
    r = fetch_path(&o, path);
    ck_assert_msg(starts_with(r.error, "protocol: ftp not allowed"),
                  "error: %s", r.error);
    ck_assert_ptr_null(r.body);
    free(path);
    fetch_result_clear(&r);

    /* scheme refused on a later hop too */
    r = fetch_path(&o, "/_t/redirect-to?url=%2F_t%2Fredirect-to%3Furl%3D"
                       "gopher%253A%252F%252Fexample.com%252F");
    ck_assert_msg(starts_with(r.error, "protocol: gopher not allowed"),
                  "error: %s", r.error);
    ck_assert_uint_eq(r.nredirects, 1);
    fetch_result_clear(&r);
}
END_TEST

/* Without --allow-private, loopback is refused before any byte is sent. */
START_TEST(test_private_refused)
{
    struct fetch_opts o = test_opts();
    struct fetch_result r, s;

    o.allow_private = false;
    r = fetch_path(&o, "/_t/status/299");
    ck_assert_str_eq(r.error,
                     "refused: private address 127.0.0.1 (use "
                     "--allow-private)");
    ck_assert_int_eq(r.status, 0);
    ck_assert_ptr_null(r.body);
    fetch_result_clear(&r);

    fetch1(&o, "http://localhost:1/", &r);
    ck_assert_msg(starts_with(r.error, "refused: private address "),
                  "error: %s", r.error);
    fetch_result_clear(&r);

    /* the server never saw the refused request */
    o.allow_private = true;
    s = fetch_path(&o, "/_t/stats");
    ck_assert_ptr_null(s.error);
    ck_assert_ptr_null(strstr(s.body, "/_t/status/299"));
    fetch_result_clear(&s);

    /* allowed with allow_private */
    r = fetch_path(&o, "/_t/status/200");
    ck_assert_ptr_null(r.error);
    ck_assert_int_eq(r.status, 200);
    fetch_result_clear(&r);
}
END_TEST

START_TEST(test_body_cap)
{
    struct fetch_opts o = test_opts();
    struct fetch_result r;

    o.max_body = 1024 * 1024;
    r = fetch_path(&o, "/_t/big?kb=2048");
    ck_assert_str_eq(r.error, "size: body over 1048576 bytes");
    ck_assert_ptr_null(r.body);
    fetch_result_clear(&r);

    /* exactly at the cap is fine */
    r = fetch_path(&o, "/_t/big?kb=1024");
    ck_assert_msg(r.error == NULL, "error: %s", r.error);
    ck_assert_uint_eq(r.body_len, 1024 * 1024);
    ck_assert_uint_eq(strlen(r.body), 1024 * 1024);
    fetch_result_clear(&r);
}
END_TEST

static long maxrss_kb(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

START_TEST(test_gzip_bomb)
{
    struct fetch_opts o = test_opts();
    struct fetch_result r;
    long rss0 = maxrss_kb();
    double t0 = now_s();

    o.max_body = 1024 * 1024;
    r = fetch_path(&o, "/_t/gzip-bomb?mb=1024");   /* 1 GiB decoded */
    ck_assert_str_eq(r.error, "size: body over 1048576 bytes");
    ck_assert_ptr_null(r.body);
    ck_assert_msg(now_s() - t0 < 5.0, "took %.2f s", now_s() - t0);
    ck_assert_msg(maxrss_kb() - rss0 < 64 * 1024, "rss grew %ld KiB",
                  maxrss_kb() - rss0);
    fetch_result_clear(&r);
}
END_TEST

START_TEST(test_gzip_decoded)
{
    struct fetch_opts o = test_opts();
    struct fetch_result r;
    size_t i;

    r = fetch_path(&o, "/_t/gzip-bomb?mb=1");
    ck_assert_msg(r.error == NULL, "error: %s", r.error);
    ck_assert_uint_eq(r.body_len, 1024 * 1024);
    for (i = 0; i < r.body_len && r.body[i] == 0; i++)
        ;
    ck_assert_uint_eq(i, r.body_len);
    fetch_result_clear(&r);

    /* a stand-in site served gzip-encoded whatever was asked */
    r = fetch_path(&o, "/uza.uz/no-such-page");
    ck_assert_msg(r.error == NULL, "error: %s", r.error);
    ck_assert_int_eq(r.status, 404);
    ck_assert_ptr_nonnull(strstr(r.body, "<h1>Not Found</h1>"));
    fetch_result_clear(&r);
}
END_TEST

START_TEST(test_total_timeout)
{
    struct fetch_opts o = test_opts();
    struct fetch_result r;
    double t0 = now_s(), dt;

    o.total_timeout_ms = 1000;
    r = fetch_path(&o, "/_t/silent?s=5");
    dt = now_s() - t0;
    ck_assert_msg(starts_with(r.error, "timeout: "), "error: %s", r.error);
    ck_assert_msg(dt > 0.8 && dt < 2.5, "took %.2f s", dt);
    ck_assert_ptr_null(r.body);
    fetch_result_clear(&r);
}
END_TEST

START_TEST(test_low_speed)
{
    struct fetch_opts o = test_opts();
    struct fetch_result r;
    double t0 = now_s(), dt;

    o.low_speed_bytes = 100;
    o.low_speed_secs = 1;
    r = fetch_path(&o, "/_t/slow?bytes=50&delay=0.3");
    dt = now_s() - t0;
    ck_assert_str_eq(r.error, "timeout: slower than 100 bytes/s for 1 s");
    ck_assert_msg(dt < 4.0, "took %.2f s", dt);
    fetch_result_clear(&r);
}
END_TEST

START_TEST(test_request_headers)
{
    struct fetch_opts o = test_opts();
    struct fetch_result r = {0};
    char *url = furl("/_t/headers");

    r.etag = cc_strdup("\"abc123\"");
    r.last_modified = cc_strdup("Tue, 01 Apr 2025 10:00:00 GMT");
    fetch1(&o, url, &r);
    ck_assert_msg(r.error == NULL, "error: %s", r.error);
    ck_assert_str_eq(r.content_type, "application/json");
    ck_assert_ptr_nonnull(strstr(r.body, "\"User-Agent\": \"citecheck-test/1\""));
    ck_assert_ptr_nonnull(strstr(r.body, "\"If-None-Match\": \"\\\"abc123\\\"\""));
    ck_assert_ptr_nonnull(strstr(r.body, "\"If-Modified-Since\": \"Tue, 01 "
                                         "Apr 2025 10:00:00 GMT\""));
    ck_assert_ptr_nonnull(strstr(r.body, "gzip"));      /* Accept-Encoding */
    fetch_result_clear(&r);

    /* a value with a line break is not sent (header injection) */
    r.etag = cc_strdup("x\r\nX-Evil: 1");
    fetch1(&o, url, &r);
    ck_assert_ptr_null(r.error);
    ck_assert_ptr_null(strstr(r.body, "X-Evil"));
    ck_assert_ptr_null(strstr(r.body, "If-None-Match"));
    fetch_result_clear(&r);
    free(url);
}
END_TEST

/* ETag/Last-Modified captured, then a conditional request gets 304. */
START_TEST(test_conditional_304)
{
    struct fetch_opts o = test_opts();
    const char *path = "/uza.uz/en/posts/trade-turnover-between-uzbekistan-"
                       "and-kazakhstan-approaches-14-billion_723452";
    struct fetch_result r = fetch_path(&o, path), r2 = {0};
    char *url = furl(path);

    ck_assert_msg(r.error == NULL, "error: %s", r.error);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(r.resp_etag);
    ck_assert_ptr_nonnull(r.resp_last_modified);
    ck_assert(starts_with(r.content_type, "text/html"));
    ck_assert_ptr_nonnull(strstr(r.body, "<"));         /* decoded HTML */

    r2.etag = cc_strdup(r.resp_etag);
    fetch1(&o, url, &r2);
    ck_assert_ptr_null(r2.error);
    ck_assert_int_eq(r2.status, 304);
    ck_assert_ptr_nonnull(r2.body);
    ck_assert_uint_eq(r2.body_len, 0);
    fetch_result_clear(&r2);

    r2.last_modified = cc_strdup(r.resp_last_modified);
    fetch1(&o, url, &r2);
    ck_assert_int_eq(r2.status, 304);
    fetch_result_clear(&r2);
    fetch_result_clear(&r);
    free(url);
}
END_TEST

/* 20 URLs, 4 at a time: all complete, and no more than 4 ran at once
 * (each takes ~0.3 s, so 5 rounds take >= 1.5 s). */
START_TEST(test_parallel)
{
    struct fetch_opts o = test_opts();
    struct fetch_result r[20];
    struct done_log log = {0};
    bool seen[20] = {false};
    char err[CC_ERRLEN] = "";
    double t0, dt;
    size_t i;

    o.parallel = 4;
    o.per_host = 4;
    memset(r, 0, sizeof r);
    for (i = 0; i < 20; i++)
        r[i].url = furl(i % 2 ? "/_t/slow?bytes=1&delay=0.3"
                              : "/_t/slow?bytes=2&delay=0.15");
    t0 = now_s();
    ck_assert(fetch_run(&o, r, 20, on_done, &log, err, sizeof err) == CC_OK);
    dt = now_s() - t0;
    ck_assert_uint_eq(log.calls, 20);
    for (i = 0; i < 20; i++) {
        ck_assert_msg(r[i].error == NULL, "%zu: %s", i, r[i].error);
        ck_assert_int_eq(r[i].status, 200);
        ck_assert_uint_eq(r[i].body_len, i % 2 ? 1 : 2);
        ck_assert(!seen[log.seen[i]]);
        seen[log.seen[i]] = true;
        fetch_result_clear(&r[i]);
    }
    ck_assert_msg(dt >= 1.35 && dt < 4.0, "took %.2f s", dt);
}
END_TEST

/* per_host caps one host even when more slots are free. */
START_TEST(test_per_host)
{
    struct fetch_opts o = test_opts();
    struct fetch_result r[8];
    char err[CC_ERRLEN] = "";
    double t0, dt;
    size_t i;

    o.parallel = 6;
    o.per_host = 2;
    memset(r, 0, sizeof r);
    for (i = 0; i < 6; i++)
        r[i].url = furl("/_t/slow?bytes=1&delay=0.3");
    t0 = now_s();
    ck_assert(fetch_run(&o, r, 6, NULL, NULL, err, sizeof err) == CC_OK);
    dt = now_s() - t0;
    for (i = 0; i < 6; i++) {
        ck_assert_msg(r[i].error == NULL, "%zu: %s", i, r[i].error);
        fetch_result_clear(&r[i]);
    }
    ck_assert_msg(dt >= 0.85 && dt < 3.0, "took %.2f s", dt);

    /* a saturated host does not hold back another one later in the list:
     * 4 x host A then 4 x host B with 4 slots, 2 per host, run as 2 rounds
     * of A+A+B+B (~0.6 s), not 3 (A,A | A,A,B,B | B,B) with two slots
     * waiting inside libcurl for a connection to A. */
    o.parallel = 4;
    for (i = 0; i < 8; i++)
        r[i].url = i < 4 ? furl("/_t/slow?bytes=1&delay=0.3")
                         : cc_asprintf("http://localhost:%s/_t/slow?bytes=1"
                                       "&delay=0.3", port());
    t0 = now_s();
    ck_assert(fetch_run(&o, r, 8, NULL, NULL, err, sizeof err) == CC_OK);
    dt = now_s() - t0;
    for (i = 0; i < 8; i++) {
        ck_assert_msg(r[i].error == NULL, "%zu: %s", i, r[i].error);
        fetch_result_clear(&r[i]);
    }
    ck_assert_msg(dt >= 0.55 && dt < 0.85, "took %.2f s", dt);
}
END_TEST

START_TEST(test_short_body)
{
    struct fetch_opts o = test_opts();
    struct fetch_result r = fetch_path(&o, "/_t/short");

    ck_assert_msg(starts_with(r.error, "http: body cut short"), "error: %s",
                  r.error);
    ck_assert_ptr_null(r.body);
    fetch_result_clear(&r);
}
END_TEST

START_TEST(test_connect_and_tls_errors)
{
    struct fetch_opts o = test_opts();
    struct fetch_result r = {0};
    char *url;

    fetch1(&o, "http://127.0.0.1:1/", &r);
    ck_assert_msg(starts_with(r.error, "connect: "), "error: %s", r.error);
    ck_assert_int_eq(r.status, 0);
    fetch_result_clear(&r);

    /* https to a plain-http server fails in the TLS handshake */
    url = cc_asprintf("https://127.0.0.1:%s/_t/status/200", port());
    fetch1(&o, url, &r);
    ck_assert_msg(starts_with(r.error, "tls: "), "error: %s", r.error);
    fetch_result_clear(&r);
    free(url);
}
END_TEST

START_TEST(test_credentials_stripped)
{
    struct fetch_opts o = test_opts();
    struct fetch_result r = {0};
    char *url = cc_asprintf("http://user:s3cret@127.0.0.1:%s/_t/redirect/1",
                            port());
    size_t i;

    fetch1(&o, url, &r);
    ck_assert_msg(r.error == NULL, "error: %s", r.error);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_null(strstr(r.final_url, "s3cret"));
    for (i = 0; i < r.nredirects; i++)
        ck_assert_ptr_null(strstr(r.redirects[i], "s3cret"));
    ck_assert_str_eq(r.url, url);          /* the input is left alone */
    fetch_result_clear(&r);
    free(url);
}
END_TEST

/* Running again on the same results replaces the outputs (no leaks). */
START_TEST(test_rerun)
{
    struct fetch_opts o = test_opts();
    struct fetch_result r = fetch_path(&o, "/_t/redirect/2");
    char err[CC_ERRLEN] = "";

    ck_assert_uint_eq(r.nredirects, 2);
    ck_assert(fetch_run(&o, &r, 1, NULL, NULL, err, sizeof err) == CC_OK);
    ck_assert_uint_eq(r.nredirects, 2);
    ck_assert_int_eq(r.status, 200);
    fetch_result_clear(&r);
    ck_assert(fetch_run(&o, NULL, 0, NULL, NULL, err, sizeof err) == CC_OK);
}
END_TEST

/* ---- politeness: robots.txt, retries, host delay -------------------- */

struct fake_cache {
    const char *text;          /* robots.txt body served from the cache */
    long status;
    int gets, puts;
};

static bool cache_get(void *ud, const char *robots_url, long *status,
                      char **body, size_t *len)
{
    struct fake_cache *c = ud;

    (void)robots_url;
    c->gets++;
    if (!c->text)
        return false;
    *status = c->status;
    *body = cc_strdup(c->text);
    *len = strlen(c->text);
    return true;
}

static void cache_put(void *ud, const char *robots_url, long status,
                      const char *body, size_t len)
{
    struct fake_cache *c = ud;

    (void)robots_url;
    (void)status;
    (void)body;
    (void)len;
    c->puts++;
}

/* Rules from the cache decide without a robots.txt request; a cache miss
 * fetches /robots.txt (404 on the fixture server: allow all) and stores
 * the answer. */
START_TEST(test_robots_cache_and_disallow)
{
    struct fetch_opts o = test_opts();
    struct fake_cache c = {"User-agent: citecheck\nDisallow: /_t/status/\n",
                           200, 0, 0};
    struct fetch_robots_cache rc = {cache_get, cache_put, &c};
    struct fetch_result r = {0};
    char *want;

    o.robots = true;
    o.robots_cache = &rc;
    r = fetch_path(&o, "/_t/status/200");
    want = furl("/robots.txt");
    ck_assert_ptr_nonnull(r.error);
    ck_assert(starts_with(r.error, "robots: disallowed by "));
    ck_assert(ends_with(r.error, want));
    ck_assert_int_eq(r.status, 0);
    ck_assert_int_eq(c.gets, 1);
    ck_assert_int_eq(c.puts, 0);
    fetch_result_clear(&r);
    free(want);

    c.text = NULL;                      /* miss: fetched, 404, allowed */
    r = fetch_path(&o, "/_t/status/200");
    ck_assert_ptr_null(r.error);
    ck_assert_int_eq(r.status, 200);
    ck_assert_int_eq(c.puts, 1);
    fetch_result_clear(&r);
}
END_TEST

/* 503 then 200: one retry after the backoff; 404 is never retried. */
START_TEST(test_retry_backoff)
{
    struct fetch_opts o = test_opts();
    struct fetch_result r = {0};
    char path[128];
    double t0;

    o.retries = 2;
    o.backoff_ms = 50;
    cc_errf(path, sizeof path, "/_t/flaky?key=unit-%ld&fail=1&code=503",
            (long)(now_s() * 1000));
    t0 = now_s();
    r = fetch_path(&o, path);
    ck_assert_ptr_null(r.error);
    ck_assert_int_eq(r.status, 200);
    ck_assert_int_eq(r.retries, 1);
    ck_assert(now_s() - t0 >= 0.05);
    fetch_result_clear(&r);

    cc_errf(path, sizeof path, "/_t/flaky?key=unit4-%ld&fail=1&code=404",
            (long)(now_s() * 1000));
    r = fetch_path(&o, path);
    ck_assert_int_eq(r.status, 404);
    ck_assert_int_eq(r.retries, 0);
    fetch_result_clear(&r);
}
END_TEST

/* host_delay spaces the starts of requests to one origin. */
START_TEST(test_host_delay)
{
    struct fetch_opts o = test_opts();
    struct fetch_result r[3];
    char err[CC_ERRLEN] = "";
    double t0;

    memset(r, 0, sizeof r);
    o.host_delay_ms = 200;
    for (size_t i = 0; i < 3; i++)
        r[i].url = furl("/_t/status/200");
    t0 = now_s();
    ck_assert(fetch_run(&o, r, 3, NULL, NULL, err, sizeof err) == CC_OK);
    ck_assert_msg(now_s() - t0 >= 0.39, "took %.3f s", now_s() - t0);
    for (size_t i = 0; i < 3; i++) {
        ck_assert_int_eq(r[i].status, 200);
        fetch_result_clear(&r[i]);
    }
}
END_TEST

static Suite *fetch_suite(void)
{
    Suite *s = suite_create("fetch");
    TCase *pure = tcase_create("offline");
    TCase *net = tcase_create("fixture");

    tcase_add_checked_fixture(pure, setup, teardown);
    tcase_add_test(pure, test_opts_default);
    tcase_add_test(pure, test_url_ok);
    tcase_add_test(pure, test_ip_private);
    tcase_add_test(pure, test_strip_userinfo);
    tcase_add_test(pure, test_bad_scheme_no_network);
    suite_add_tcase(s, pure);

    tcase_add_checked_fixture(net, setup, teardown);
    tcase_set_timeout(net, 30);
    tcase_add_test(net, test_ok_200);
    tcase_add_test(net, test_404_is_success);
    tcase_add_test(net, test_redirect_chain);
    tcase_add_test(net, test_redirect_loop);
    tcase_add_test(net, test_redirect_bad_scheme);
    tcase_add_test(net, test_private_refused);
    tcase_add_test(net, test_body_cap);
    tcase_add_test(net, test_gzip_bomb);
    tcase_add_test(net, test_gzip_decoded);
    tcase_add_test(net, test_total_timeout);
    tcase_add_test(net, test_low_speed);
    tcase_add_test(net, test_request_headers);
    tcase_add_test(net, test_conditional_304);
    tcase_add_test(net, test_parallel);
    tcase_add_test(net, test_per_host);
    tcase_add_test(net, test_short_body);
    tcase_add_test(net, test_connect_and_tls_errors);
    tcase_add_test(net, test_credentials_stripped);
    tcase_add_test(net, test_rerun);
    tcase_add_test(net, test_robots_cache_and_disallow);
    tcase_add_test(net, test_retry_backoff);
    tcase_add_test(net, test_host_delay);
    suite_add_tcase(s, net);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(fetch_suite());
    int failed;

    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
