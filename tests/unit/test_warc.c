/*
 * tests/unit/test_warc.c -- crawler/warc.c: digests, a write/replay round
 * trip through a temporary file, failures and redirects in the metadata
 * record, and refusal of files that are not WARC.
 */
#include "crawler/warc.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *tmp_path(void)
{
    char tmpl[] = "/tmp/test_warc_XXXXXX";
    int fd = mkstemp(tmpl);

    ck_assert_int_ge(fd, 0);
    close(fd);
    return cc_strdup(tmpl);
}

START_TEST(test_sha1_b32)
{
    char out[48];

    /* SHA-1("abc") = a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d */
    warc_sha1_b32("abc", 3, out, sizeof out);
    ck_assert_str_eq(out, "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5");
    /* SHA-1("") = da39a3ee 5e6b4b0d 3255bfef 95601890 afd80709 */
    warc_sha1_b32("", 0, out, sizeof out);
    ck_assert_str_eq(out, "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
}
END_TEST

static void fill(struct fetch_result *r, const char *url, const char *final,
                 const char *hdrs, const char *body)
{
    memset(r, 0, sizeof *r);
    r->url = cc_strdup(url);
    r->final_url = cc_strdup(final);
    r->status = 200;
    r->raw_headers = cc_strdup(hdrs);
    r->body = cc_strdup(body);
    r->body_len = strlen(body);
    r->content_type = cc_strdup("text/html; charset=utf-8");
}

START_TEST(test_round_trip)
{
    char *path = tmp_path(), err[CC_ERRLEN];
    struct warc_writer *w = NULL;
    struct warc_archive *a = NULL;
    struct fetch_result r, back;
    char *text;
    size_t len;

    ck_assert_int_eq(warc_writer_open(path, "citecheck/test", "ua/1", &w, err,
                                      sizeof err), CC_OK);
    fill(&r, "http://a.example/x", "http://a.example/x",
         "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
         "Content-Encoding: gzip\r\nContent-Length: 12\r\nETag: \"e1\"\r\n\r\n",
         "<p>caf\xc3\xa9 \x01 body</p>");
    ck_assert_int_eq(warc_write_fetch(w, &r, err, sizeof err), CC_OK);
    fetch_result_clear(&r);
    /* a redirect: the response is under the final URL */
    fill(&r, "http://a.example/old", "http://a.example/new",
         "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n", "moved here");
    r.redirects = cc_calloc(1, sizeof *r.redirects);
    r.redirects[0] = cc_strdup("http://a.example/new");
    r.nredirects = 1;
    ck_assert_int_eq(warc_write_fetch(w, &r, err, sizeof err), CC_OK);
    fetch_result_clear(&r);
    /* a failure */
    memset(&r, 0, sizeof r);
    r.url = cc_strdup("http://dead.example/");
    r.error = cc_strdup("dns: could not resolve host dead.example");
    ck_assert_int_eq(warc_write_fetch(w, &r, err, sizeof err), CC_OK);
    fetch_result_clear(&r);
    ck_assert_int_eq(warc_writer_close(&w, err, sizeof err), CC_OK);
    ck_assert_ptr_null(w);

    ck_assert_int_eq(cc_read_file(path, 1 << 20, &text, &len, err,
                                  sizeof err), CC_OK);
    ck_assert_ptr_nonnull(strstr(text, "WARC-Type: warcinfo\r\n"));
    ck_assert_ptr_nonnull(strstr(text, "Content-Type: application/http;"
                                       "msgtype=response\r\n"));
    ck_assert_ptr_nonnull(strstr(text, "X-Citecheck-Orig-Content-Encoding: "
                                       "gzip\r\n"));
    ck_assert_ptr_nonnull(strstr(text, "WARC-Payload-Digest: sha1:"));
    ck_assert_ptr_nonnull(strstr(text, "User-Agent: ua/1\r\n"));
    free(text);

    ck_assert_int_eq(warc_archive_open(path, &a, err, sizeof err), CC_OK);
    memset(&back, 0, sizeof back);
    back.url = cc_strdup("http://a.example/x");
    ck_assert_int_eq(warc_replay(a, &back, err, sizeof err), CC_OK);
    ck_assert_ptr_null(back.error);
    ck_assert_int_eq(back.status, 200);
    ck_assert_str_eq(back.body, "<p>caf\xc3\xa9 \x01 body</p>");
    ck_assert_str_eq(back.content_type, "text/html; charset=utf-8");
    ck_assert_str_eq(back.resp_etag, "\"e1\"");
    fetch_result_clear(&back);

    back.url = cc_strdup("http://a.example/old");
    ck_assert_int_eq(warc_replay(a, &back, err, sizeof err), CC_OK);
    ck_assert_str_eq(back.final_url, "http://a.example/new");
    ck_assert_uint_eq(back.nredirects, 1);
    ck_assert_str_eq(back.body, "moved here");
    fetch_result_clear(&back);

    back.url = cc_strdup("http://dead.example/");
    ck_assert_int_eq(warc_replay(a, &back, err, sizeof err), CC_OK);
    ck_assert_str_eq(back.error, "dns: could not resolve host dead.example");
    fetch_result_clear(&back);

    back.url = cc_strdup("http://unknown.example/");
    ck_assert_int_eq(warc_replay(a, &back, err, sizeof err), CC_OK);
    ck_assert_str_eq(back.error, "replay: not in WARC");
    fetch_result_clear(&back);

    warc_archive_free(&a);
    ck_assert_ptr_null(a);
    unlink(path);
    free(path);
}
END_TEST

START_TEST(test_not_warc)
{
    char *path = tmp_path(), err[CC_ERRLEN];
    struct warc_archive *a = NULL;
    FILE *f = fopen(path, "wb");

    ck_assert_ptr_nonnull(f);
    fputs("GET / HTTP/1.1\r\n\r\n", f);
    fclose(f);
    ck_assert_int_eq(warc_archive_open(path, &a, err, sizeof err), CC_EUSAGE);
    ck_assert_ptr_nonnull(strstr(err, path));
    f = fopen(path, "wb");
    fputs("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nx",
          f);
    fclose(f);
    /* a block past the end is found when read, not at open */
    if (warc_archive_open(path, &a, err, sizeof err) == CC_OK)
        warc_archive_free(&a);
    f = fopen(path, "wb");
    fputs("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: x\r\n\r\n", f);
    fclose(f);
    ck_assert_int_eq(warc_archive_open(path, &a, err, sizeof err), CC_EUSAGE);
    ck_assert_int_eq(warc_archive_open("/nonexistent/x.warc", &a, err,
                                       sizeof err), CC_EUSAGE);
    unlink(path);
    free(path);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("warc");
    TCase *tc = tcase_create("core");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, test_sha1_b32);
    tcase_add_test(tc, test_round_trip);
    tcase_add_test(tc, test_not_warc);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
