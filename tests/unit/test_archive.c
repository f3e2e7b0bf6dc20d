/*
 * tests/unit/test_archive.c -- the Memento (RFC 7089) side of
 * crawler/archive.c: --archive values, HTTP dates, Link headers (RFC
 * 8288), choosing a memento from a TimeGate's answer; and, against the
 * fixture server (env CITECHECK_TEST_PORT; skipped without it), that
 * fetch.c sends Accept-Datetime and keeps the TimeGate's redirect headers.
 */
#include "crawler/archive.h"
#include "crawler/fetch.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

START_TEST(test_spec)
{
    const char *e;

    ck_assert_int_eq(archive_spec("memento:https://t.example/tg/", &e),
                     ARCHIVE_MEMENTO);
    ck_assert_str_eq(e, "https://t.example/tg/");
    ck_assert_int_eq(archive_spec("MEMENTO:http://x/", &e), ARCHIVE_MEMENTO);
    ck_assert_str_eq(e, "http://x/");
    ck_assert_int_eq(archive_spec("wayback:https://a.example/available", &e),
                     ARCHIVE_WAYBACK);
    ck_assert_str_eq(e, "https://a.example/available");
    ck_assert_int_eq(archive_spec("https://archive.org/wayback/available",
                                  &e), ARCHIVE_WAYBACK);
    ck_assert_str_eq(e, "https://archive.org/wayback/available");
    {
        char *u = archive_timegate_url("http://tg/timegate/",
                                       "https://a.example/x?y=1");

        ck_assert_str_eq(u, "http://tg/timegate/https://a.example/x?y=1");
        free(u);
    }
}
END_TEST

START_TEST(test_http_dates)
{
    char buf[40];
    long long s = -1;

    archive_http_date_fmt(0, buf, sizeof buf);
    ck_assert_str_eq(buf, "Thu, 01 Jan 1970 00:00:00 GMT");
    archive_http_date_fmt(784111777LL, buf, sizeof buf);
    ck_assert_str_eq(buf, "Sun, 06 Nov 1994 08:49:37 GMT");
    archive_http_date_fmt(-86400LL, buf, sizeof buf);
    ck_assert_str_eq(buf, "Wed, 31 Dec 1969 00:00:00 GMT");
    archive_http_date_fmt(1709208000LL, buf, sizeof buf);   /* leap day */
    ck_assert_str_eq(buf, "Thu, 29 Feb 2024 12:00:00 GMT");

    ck_assert(archive_http_date_parse("Sun, 06 Nov 1994 08:49:37 GMT", &s));
    ck_assert_int_eq(s, 784111777LL);
    ck_assert(archive_http_date_parse("  06 Nov 1994 08:49:37 GMT ", &s));
    ck_assert_int_eq(s, 784111777LL);
    ck_assert(archive_http_date_parse("Fri, 20 dec 2024 10:30:00 GMT", &s));
    archive_timestamp_fmt(s, buf, sizeof buf);
    ck_assert_str_eq(buf, "20241220103000");
    /* round trip over a range of days */
    for (long long t = -2000000000LL; t < 4000000000LL; t += 86399LL * 37) {
        long long back;

        archive_http_date_fmt(t, buf, sizeof buf);
        ck_assert_msg(archive_http_date_parse(buf, &back) && back == t,
                      "%s", buf);
    }
    /* the two obsolete forms a recipient must accept too (RFC 7231
     * 7.1.1.1) */
    s = 0;
    ck_assert(archive_http_date_parse("Sunday, 06-Nov-94 08:49:37 GMT", &s));
    ck_assert_int_eq(s, 784111777LL);
    ck_assert(archive_http_date_parse("Sun Nov  6 08:49:37 1994", &s));
    ck_assert_int_eq(s, 784111777LL);
    ck_assert(archive_http_date_parse("Fri Dec 20 10:30:00 2024", &s));
    archive_timestamp_fmt(s, buf, sizeof buf);
    ck_assert_str_eq(buf, "20241220103000");
    /* a two-digit year is within 50 years ahead of today, else the
     * century before */
    {
        int y = cc_date_today().y;
        char want[16];

        snprintf(buf, sizeof buf, "Friday, 20-Dec-%02d 10:30:00 GMT",
                 (y + 10) % 100);
        ck_assert(archive_http_date_parse(buf, &s));
        archive_timestamp_fmt(s, buf, sizeof buf);
        snprintf(want, sizeof want, "%04d", y + 10);
        ck_assert_msg(strncmp(buf, want, 4) == 0, "%s", buf);
        snprintf(buf, sizeof buf, "Friday, 20-Dec-%02d 10:30:00 GMT",
                 (y + 60) % 100);
        ck_assert(archive_http_date_parse(buf, &s));
        archive_timestamp_fmt(s, buf, sizeof buf);
        snprintf(want, sizeof want, "%04d", y - 40);
        ck_assert_msg(strncmp(buf, want, 4) == 0, "%s", buf);
    }
    s = 42;
    ck_assert(!archive_http_date_parse("", &s));
    ck_assert(!archive_http_date_parse("Sun, 06 Nov 1994 08:49:37 UTC", &s));
    ck_assert(!archive_http_date_parse("Sunday, 06-Nov-94 08:49:37 UTC", &s));
    ck_assert(!archive_http_date_parse("Sunday, 06-Nov-1994 08:49:37 GMT",
                                       &s));
    ck_assert(!archive_http_date_parse("Sun Nov 6 08:49:37 1994", &s));
    ck_assert(!archive_http_date_parse("Sun Nov  6 08:49:37 94", &s));
    ck_assert(!archive_http_date_parse("Sun Nov  6 08:49:37 1994 GMT", &s));
    ck_assert(!archive_http_date_parse("Sun, 31 Feb 1994 08:49:37 GMT", &s));
    ck_assert(!archive_http_date_parse("Sun, 06 Nov 1994 24:49:37 GMT", &s));
    ck_assert(!archive_http_date_parse("Sun, 06 Nov 1994 08:49:37 GMT x",
                                       &s));
    ck_assert(!archive_http_date_parse("Sun, 6 Nov 1994 08:49:37 GMT", &s));
    ck_assert(!archive_http_date_parse("Sun, 06 Foo 1994 08:49:37 GMT", &s));
    ck_assert_int_eq(s, 42);
}
END_TEST

START_TEST(test_accept_datetime)
{
    char *h;

    h = archive_accept_datetime((struct cc_date){2024, 12, 20});
    ck_assert_str_eq(h, "Accept-Datetime: Fri, 20 Dec 2024 12:00:00 GMT");
    free(h);
    h = archive_accept_datetime((struct cc_date){2024, 3, 0});
    ck_assert_str_eq(h, "Accept-Datetime: Fri, 15 Mar 2024 12:00:00 GMT");
    free(h);
    h = archive_accept_datetime((struct cc_date){2019, 0, 0});
    ck_assert_str_eq(h, "Accept-Datetime: Mon, 01 Jul 2019 12:00:00 GMT");
    free(h);
    ck_assert_ptr_null(archive_accept_datetime((struct cc_date){0, 0, 0}));
    ck_assert_ptr_null(archive_accept_datetime((struct cc_date){2023, 2,
                                                                30}));
}
END_TEST

START_TEST(test_links)
{
    struct archive_links l = {NULL, 0};
    char why[256];
    const char *v =
        "<http://a.example/orig,inal>; rel=\"original\", "
        "<http://tm.example/timemap/link/x>; rel=\"timemap\"; "
        "type=\"application/link-format\" , "
        "<http://w.example/web/2019/x>; REL=\"First  Memento\"; "
        "datetime=\"Fri, 01 Mar 2019 00:00:00 GMT\"; rel=\"last\","
        "<http://w.example/web/2024/x>;rel=memento;"
        "datetime=\"Fri, 20 Dec 2024 10:30:00 GMT\";title=\"a \\\"q\\\", b\"";

    ck_assert_int_eq(archive_links_parse(v, &l, why, sizeof why), CC_OK);
    ck_assert_uint_eq(l.n, 4);
    ck_assert_str_eq(l.v[0].url, "http://a.example/orig,inal");
    ck_assert_str_eq(l.v[0].rel, "original");
    ck_assert_ptr_null(l.v[0].datetime);
    ck_assert_str_eq(l.v[1].rel, "timemap");
    ck_assert_str_eq(l.v[2].url, "http://w.example/web/2019/x");
    ck_assert_str_eq(l.v[2].rel, "first  memento");   /* first rel wins */
    ck_assert_str_eq(l.v[2].datetime, "Fri, 01 Mar 2019 00:00:00 GMT");
    ck_assert_str_eq(l.v[3].rel, "memento");
    ck_assert_str_eq(l.v[3].datetime, "Fri, 20 Dec 2024 10:30:00 GMT");
    ck_assert(archive_rel_has(l.v[2].rel, "memento"));
    ck_assert(archive_rel_has(l.v[2].rel, "first"));
    ck_assert(!archive_rel_has(l.v[2].rel, "last"));
    ck_assert(archive_rel_has("prev memento", "MEMENTO"));
    ck_assert(!archive_rel_has("mementos", "memento"));
    ck_assert(!archive_rel_has(NULL, "memento"));
    ck_assert(!archive_rel_has("", "memento"));

    /* appends; an empty value or bare commas add nothing */
    ck_assert_int_eq(archive_links_parse("<x>", &l, why, sizeof why), CC_OK);
    ck_assert_uint_eq(l.n, 5);
    ck_assert_ptr_null(l.v[4].rel);
    ck_assert_int_eq(archive_links_parse("", &l, why, sizeof why), CC_OK);
    ck_assert_int_eq(archive_links_parse(" , ,", &l, why, sizeof why),
                     CC_OK);
    ck_assert_int_eq(archive_links_parse(NULL, &l, why, sizeof why), CC_OK);
    ck_assert_uint_eq(l.n, 5);

    /* garbage: an error, nothing of it kept */
    {
        static const char *const bad[] = {
            "<http://x/>; rel=\"memento\", ;;<<",
            "<http://x/; rel=memento",
            "http://x/; rel=memento",
            "<http://x/>; rel=\"memento",
            "<http://x/>; rel=memento junk",
            "<http://x/> <http://y/>",
            "<http://x/>; =v",
            "<http://x/>; rel=",
            "garbage",
        };

        for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
            why[0] = '\0';
            ck_assert_msg(archive_links_parse(bad[i], &l, why, sizeof why) ==
                              CC_EPARSE, "accepted %s", bad[i]);
            ck_assert_uint_eq(l.n, 5);
            ck_assert_ptr_nonnull(strstr(why, "Link"));
        }
    }
    archive_links_clear(&l);
    ck_assert_uint_eq(l.n, 0);
    ck_assert_ptr_null(l.v);

    /* at most 1,000 links */
    {
        size_t n = 1001;
        char *big = malloc(n * 6 + 1), *p = big;

        for (size_t i = 0; i < n; i++) {
            memcpy(p, "<x>, ", 5);
            p += 5;
        }
        *p = '\0';
        ck_assert_int_eq(archive_links_parse(big, &l, why, sizeof why),
                         CC_EPARSE);
        ck_assert_uint_eq(l.n, 0);
        big[1000 * 5] = '\0';
        ck_assert_int_eq(archive_links_parse(big, &l, why, sizeof why),
                         CC_OK);
        ck_assert_uint_eq(l.n, 1000);
        archive_links_clear(&l);
        free(big);
    }
}
END_TEST

START_TEST(test_header)
{
    const char *raw = "HTTP/1.1 302 Found\r\n"
                      "Link: <a>; rel=\"original\"\r\n"
                      "Memento-Datetime:Fri, 20 Dec 2024 10:30:00 GMT  \r\n"
                      "X-Link: no\r\n"
                      "link:   <b>; rel=\"memento\"\r\n"
                      "\r\n";
    char *v;

    v = archive_header(raw, "Link");
    ck_assert_str_eq(v, "<a>; rel=\"original\", <b>; rel=\"memento\"");
    free(v);
    v = archive_header(raw, "memento-datetime");
    ck_assert_str_eq(v, "Fri, 20 Dec 2024 10:30:00 GMT");
    free(v);
    ck_assert_ptr_null(archive_header(raw, "Location"));
    ck_assert_ptr_null(archive_header(NULL, "Link"));
}
END_TEST

/* A TimeGate fetch result as fetch_run would leave it. */
static void fake(struct fetch_result *r, long status, const char *final,
                 const char *redirect_hdrs, const char *hdrs)
{
    memset(r, 0, sizeof *r);
    r->url = strdup("http://tg.example/timegate/https://a.example/x");
    r->status = status;
    r->final_url = strdup(final ? final : r->url);
    if (redirect_hdrs) {
        r->redirect_headers = strdup(redirect_hdrs);
        r->redirects = malloc(sizeof *r->redirects);
        r->redirects[0] = strdup(final);
        r->nredirects = 1;
    }
    r->raw_headers = strdup(hdrs);
    r->body = strdup("<html></html>");
    r->body_len = strlen(r->body);
}

#define M2019 "http://w.example/web/20190301000000/https://a.example/x"
#define M2024 "http://w.example/web/20241220103000/https://a.example/x"
#define LINKS "Link: <https://a.example/x>; rel=\"original\", <" M2019 \
    ">; rel=\"first memento\"; datetime=\"Fri, 01 Mar 2019 00:00:00 GMT\"," \
    " <" M2024 ">; rel=\"last memento\"; " \
    "datetime=\"Fri, 20 Dec 2024 10:30:00 GMT\"\r\n"

START_TEST(test_pick)
{
    struct fetch_result r;
    struct archive_memento m;
    char why[256];
    struct cc_date want = {2024, 12, 20}, old = {2018, 1, 1};

    /* 302 pattern: the memento reached is the closest */
    fake(&r, 200, M2024, "HTTP/1.1 302 Found\r\nVary: accept-datetime\r\n"
         LINKS "Location: " M2024 "\r\n\r\n",
         "HTTP/1.1 200 OK\r\n"
         "Memento-Datetime: Fri, 20 Dec 2024 10:30:00 GMT\r\n\r\n");
    ck_assert(archive_memento_pick(&r, want, &m, why, sizeof why));
    ck_assert(m.in_hand);
    ck_assert_str_eq(m.url, M2024);
    ck_assert_str_eq(m.timestamp, "20241220103000");
    archive_memento_clear(&m);
    ck_assert_ptr_null(m.url);
    /* ... but the Link names a closer one for an earlier date */
    ck_assert(archive_memento_pick(&r, old, &m, why, sizeof why));
    ck_assert(!m.in_hand);
    ck_assert_str_eq(m.url, M2019);
    ck_assert_str_eq(m.timestamp, "20190301000000");
    archive_memento_clear(&m);
    /* no date: the one in hand */
    ck_assert(archive_memento_pick(&r, (struct cc_date){0, 0, 0}, &m, why,
                                   sizeof why));
    ck_assert(m.in_hand);
    archive_memento_clear(&m);
    fetch_result_clear(&r);

    /* 302 to a copy without Memento-Datetime: dated by its link */
    fake(&r, 200, M2019, "HTTP/1.1 302 Found\r\n" LINKS "\r\n",
         "HTTP/1.1 200 OK\r\n\r\n");
    ck_assert(archive_memento_pick(&r, old, &m, why, sizeof why));
    ck_assert(m.in_hand);
    ck_assert_str_eq(m.timestamp, "20190301000000");
    archive_memento_clear(&m);
    fetch_result_clear(&r);

    /* 200 pattern: relative Content-Location names the memento */
    fake(&r, 200, NULL, NULL,
         "HTTP/1.1 200 OK\r\nVary: accept-datetime\r\n"
         "Content-Location: /web/20241220103000/https://a.example/x\r\n"
         "Memento-Datetime: Fri, 20 Dec 2024 10:30:00 GMT\r\n" LINKS "\r\n");
    ck_assert(archive_memento_pick(&r, want, &m, why, sizeof why));
    ck_assert(m.in_hand);
    ck_assert_str_eq(m.url, "http://tg.example/web/20241220103000/"
                            "https://a.example/x");
    ck_assert_str_eq(m.timestamp, "20241220103000");
    archive_memento_clear(&m);
    fetch_result_clear(&r);

    /* 200 without Memento-Datetime, garbage Link: no memento */
    fake(&r, 200, NULL, NULL,
         "HTTP/1.1 200 OK\r\nLink: <" M2024 ">; rel=\"memento\"; "
         "datetime=\"Fri, 20 Dec 2024 10:30:00 GMT\", ;;<<\r\n\r\n");
    ck_assert(!archive_memento_pick(&r, want, &m, why, sizeof why));
    ck_assert_ptr_null(m.url);
    ck_assert_ptr_nonnull(strstr(why, "names no memento"));
    fetch_result_clear(&r);

    /* 200 without Memento-Datetime, but Link mementos: the closest */
    fake(&r, 200, NULL, NULL, "HTTP/1.1 200 OK\r\n" LINKS "\r\n");
    ck_assert(archive_memento_pick(&r, old, &m, why, sizeof why));
    ck_assert(!m.in_hand);
    ck_assert_str_eq(m.url, M2019);
    archive_memento_clear(&m);
    ck_assert(archive_memento_pick(&r, (struct cc_date){0, 0, 0}, &m, why,
                                   sizeof why));
    ck_assert_str_eq(m.url, M2024);     /* no date: the latest */
    archive_memento_clear(&m);
    fetch_result_clear(&r);

    /* 404: no memento; fetch errors are passed on */
    fake(&r, 404, NULL, NULL, "HTTP/1.1 404 Not Found\r\n\r\n");
    ck_assert(!archive_memento_pick(&r, want, &m, why, sizeof why));
    ck_assert_ptr_nonnull(strstr(why, "no memento"));
    ck_assert_ptr_nonnull(strstr(why, "404"));
    fetch_result_clear(&r);
    memset(&r, 0, sizeof r);
    r.url = strdup("http://tg.example/timegate/https://a.example/x");
    r.error = strdup("protocol: file not allowed (redirect to file:///x)");
    ck_assert(!archive_memento_pick(&r, want, &m, why, sizeof why));
    ck_assert_ptr_nonnull(strstr(why, "TimeGate: protocol: file"));
    fetch_result_clear(&r);
}
END_TEST

/* Against the fixture server: Accept-Datetime goes out (a bad one would
 * get 400) and the TimeGate's 302 headers come back. */
START_TEST(test_fetch_timegate)
{
    const char *port = getenv("CITECHECK_TEST_PORT");
    struct fetch_opts o;
    struct fetch_result r[2];
    char err[CC_ERRLEN], *link;
    struct archive_memento m;

    if (!port || !*port)
        return;                 /* run through make test */
    fetch_opts_default(&o);
    o.allow_private = true;
    memset(r, 0, sizeof r);
    r[0].url = cc_asprintf("http://127.0.0.1:%s/_memento/timegate/"
                           "https://deadnews.example/economy/"
                           "trade-story-123", port);
    r[0].req_header = archive_accept_datetime((struct cc_date){2019, 3, 1});
    r[1].url = cc_asprintf("http://127.0.0.1:%s/_t/headers", port);
    r[1].req_header = cc_strdup("Accept-Datetime: x\r\nX-Injected: 1");
    ck_assert_int_eq(fetch_run(&o, r, 2, NULL, NULL, err, sizeof err), CC_OK);
    ck_assert_ptr_null(r[0].error);
    ck_assert_int_eq(r[0].status, 200);
    ck_assert_uint_eq(r[0].nredirects, 1);
    ck_assert_ptr_nonnull(r[0].redirect_headers);
    ck_assert_ptr_nonnull(strstr(r[0].redirect_headers, " 302 "));
    link = archive_header(r[0].redirect_headers, "Link");
    ck_assert_ptr_nonnull(link);
    ck_assert_ptr_nonnull(strstr(link, "rel=\"original\""));
    free(link);
    ck_assert(archive_memento_pick(&r[0], (struct cc_date){2019, 3, 1}, &m,
                                   err, sizeof err));
    ck_assert(m.in_hand);
    ck_assert_str_eq(m.timestamp, "20190301000000");
    archive_memento_clear(&m);
    /* a header with a line break is not sent */
    ck_assert_int_eq(r[1].status, 200);
    ck_assert_ptr_null(r[1].redirect_headers);
    ck_assert_ptr_null(strstr(r[1].body, "Injected"));
    ck_assert_ptr_null(strstr(r[1].body, "Accept-Datetime"));
    fetch_result_clear(&r[0]);
    fetch_result_clear(&r[1]);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("archive");
    TCase *tc = tcase_create("core");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_spec);
    tcase_add_test(tc, test_http_dates);
    tcase_add_test(tc, test_accept_datetime);
    tcase_add_test(tc, test_links);
    tcase_add_test(tc, test_header);
    tcase_add_test(tc, test_pick);
    tcase_add_test(tc, test_fetch_timegate);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    fetch_global_init();
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    fetch_global_cleanup();
    return failed ? 1 : 0;
}
