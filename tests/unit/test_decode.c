/* Unit tests: crawler/decode.c (content codings).  Bodies are encoded
 * here with zlib and decoded both ways (whole, streaming), in one piece
 * and byte by byte; the two ways must give the same bytes and the same
 * verdicts. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "crawler/decode.h"

enum { GZIP = 15 + 16, ZLIB = 15, RAW = -15 };

/* in compressed with zlib in the given wrapper; *n is its length. */
static unsigned char *encode(const void *in, size_t len, int bits, size_t *n)
{
    z_stream z;
    size_t cap = deflateBound(NULL, (uLong)len) + 64;
    unsigned char *out = malloc(cap);

    memset(&z, 0, sizeof z);
    ck_assert_int_eq(deflateInit2(&z, 6, Z_DEFLATED, bits, 8,
                                  Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)len;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    ck_assert_int_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
    *n = cap - z.avail_out;
    deflateEnd(&z);
    return out;
}

/* Text that compresses like a page: words from a small set. */
static char *page_text(size_t len, unsigned seed)
{
    static const char *const words[] = { "citation ", "source ", "dollar ",
                                         "2024 ", "<p>", "</p>\n",
                                         "billion ", "yanvar " };
    char *s = malloc(len + 1);
    size_t i = 0;

    while (i < len) {
        const char *w;

        seed = seed * 1103515245u + 12345u;
        w = words[(seed >> 16) % 8];
        for (; *w && i < len; w++)
            s[i++] = *w;
    }
    s[len] = '\0';
    return s;
}

/* Bytes that do not compress (so the encoded body is large). */
static unsigned char *noise(size_t len, unsigned seed)
{
    unsigned char *s = malloc(len);

    for (size_t i = 0; i < len; i++) {
        seed = seed * 1103515245u + 12345u;
        s[i] = (unsigned char)(seed >> 16);
    }
    return s;
}

struct run {
    enum decode_status add, end;   /* the first non-OK add, and the end */
    struct cc_buf out;
    bool streamed;
    char why[128];
};

/* Decodes enc[0..n) labelled with header `ce`, fed `step` bytes at a time
 * (0: in one piece), streaming from the start when stream is set; the
 * decoded body is capped at max. */
static void run_decode(struct run *r, const char *ce, const void *enc,
                       size_t n, size_t step, bool stream, size_t max)
{
    struct decode d;
    const unsigned char *p = enc;

    memset(r, 0, sizeof *r);
    cc_buf_init(&r->out, max);
    decode_init(&d);
    decode_header(&d, ce, strlen(ce));
    ck_assert(decode_active(&d));
    r->add = DECODE_OK;
    for (size_t i = 0; i < n && r->add == DECODE_OK;) {
        size_t k = step && step < n - i ? step : n - i;

        r->add = decode_add(&d, p + i, k, stream, &r->out, r->why,
                            sizeof r->why);
        i += k;
    }
    r->end = r->add == DECODE_OK ? decode_end(&d, &r->out, r->why,
                                              sizeof r->why)
                                 : r->add;
    r->streamed = d.stream;
    decode_free(&d);
}

/* Every way of feeding gives want (NUL-terminated) back. */
static void decodes_to(const char *ce, const void *enc, size_t n,
                       const void *want, size_t wlen)
{
    static const size_t steps[] = { 0, 1, 7, 4096 };

    for (int stream = 0; stream < 2; stream++) {
        for (size_t s = 0; s < sizeof steps / sizeof *steps; s++) {
            struct run r;

            if (steps[s] == 1 && n > 20000)
                continue;           /* byte by byte: small bodies only */
            run_decode(&r, ce, enc, n, steps[s], stream, 64u << 20);
            ck_assert_msg(r.end == DECODE_OK, "%s stream=%d step=%zu: %s",
                          ce, stream, steps[s], r.why);
            ck_assert_uint_eq(r.out.len, wlen);
            ck_assert_msg(memcmp(r.out.data, want, wlen) == 0,
                          "%s stream=%d step=%zu: bytes differ", ce, stream,
                          steps[s]);
            ck_assert_int_eq(r.out.data[wlen], '\0');
            cc_buf_free(&r.out);
        }
    }
}

START_TEST(test_gzip_page)
{
    char *page = page_text(60000, 1);
    size_t n;
    unsigned char *gz = encode(page, 60000, GZIP, &n);
    struct run r;

    ck_assert_uint_lt(n, 30000);
    decodes_to("gzip", gz, n, page, 60000);
    decodes_to("x-gzip", gz, n, page, 60000);
    decodes_to(" GZip ", gz, n, page, 60000);
    decodes_to("identity, gzip", gz, n, page, 60000);
    /* small bodies wait for the end; asked to, they stream */
    run_decode(&r, "gzip", gz, n, 1000, false, 1u << 20);
    ck_assert(!r.streamed);
    cc_buf_free(&r.out);
    run_decode(&r, "gzip", gz, n, 1000, true, 1u << 20);
    ck_assert(r.streamed);
    cc_buf_free(&r.out);
    free(gz);
    free(page);
}
END_TEST

START_TEST(test_deflate_zlib_and_raw)
{
    char *page = page_text(20000, 2);
    size_t nz, nr;
    unsigned char *z = encode(page, 20000, ZLIB, &nz);
    unsigned char *raw = encode(page, 20000, RAW, &nr);

    /* RFC 9110 says zlib; some servers send raw deflate */
    decodes_to("deflate", z, nz, page, 20000);
    decodes_to("deflate", raw, nr, page, 20000);
    free(z);
    free(raw);
    free(page);
}
END_TEST

START_TEST(test_members_and_trailing_bytes)
{
    const char *a = "first member; ", *b = "second member";
    size_t na, nb;
    unsigned char *ga = encode(a, strlen(a), GZIP, &na);
    unsigned char *gb = encode(b, strlen(b), GZIP, &nb);
    unsigned char *both = malloc(na + nb + 3);

    memcpy(both, ga, na);
    memcpy(both + na, gb, nb);
    decodes_to("gzip", both, na + nb, "first member; second member", 27);
    /* bytes after the last member that start no other are ignored */
    memcpy(both + na + nb, "\0\0\n", 3);
    decodes_to("gzip", both, na + nb + 3, "first member; second member",
               27);
    free(both);
    free(ga);
    free(gb);
}
END_TEST

START_TEST(test_stacked_codings)
{
    char *page = page_text(30000, 3);
    size_t n1, n2;
    unsigned char *g = encode(page, 30000, GZIP, &n1);
    unsigned char *dg = encode(g, n1, ZLIB, &n2);  /* gzip, then deflate */
    unsigned char *gg;
    size_t n3;

    decodes_to("gzip, deflate", dg, n2, page, 30000);
    decodes_to("gzip,deflate", dg, n2, page, 30000);
    gg = encode(g, n1, GZIP, &n3);
    decodes_to("gzip, gzip", gg, n3, page, 30000);
    free(gg);
    free(dg);
    free(g);
    free(page);
}
END_TEST

START_TEST(test_large_body_switches_to_streaming)
{
    size_t len = DECODE_WHOLE_MAX + 150000, n;
    unsigned char *data = noise(len, 4);
    unsigned char *gz = encode(data, len, GZIP, &n);
    struct run r;

    ck_assert_uint_gt(n, DECODE_WHOLE_MAX);
    decodes_to("gzip", gz, n, data, len);
    run_decode(&r, "gzip", gz, n, 16384, false, 64u << 20);
    ck_assert(r.streamed);          /* past DECODE_WHOLE_MAX encoded */
    ck_assert_int_eq(r.end, DECODE_OK);
    cc_buf_free(&r.out);
    /* over the cap once streaming: stopped while the bytes come */
    run_decode(&r, "gzip", gz, n, 16384, false, 100000);
    ck_assert_int_eq(r.add, DECODE_OVER);
    ck_assert_uint_eq(r.out.len, 100000);
    ck_assert(memcmp(r.out.data, data, 100000) == 0);
    cc_buf_free(&r.out);
    free(gz);
    free(data);
}
END_TEST

START_TEST(test_cap_and_bomb)
{
    size_t len = 10u << 20, n;
    unsigned char *zeros = calloc(1, len);
    unsigned char *gz = encode(zeros, len, GZIP, &n);
    struct run r;

    ck_assert_uint_lt(n, 20000);    /* 10 MiB of zeros in ~10 KB */
    /* whole: the decoder's output buffer is the cap */
    run_decode(&r, "gzip", gz, n, 4096, false, 65536);
    ck_assert_int_eq(r.add, DECODE_OK);
    ck_assert_int_eq(r.end, DECODE_OVER);
    cc_buf_free(&r.out);
    /* streaming: stops at the cap, keeping the first bytes (robots.txt) */
    run_decode(&r, "gzip", gz, n, 4096, true, 65536);
    ck_assert_int_eq(r.add, DECODE_OVER);
    ck_assert_uint_eq(r.out.len, 65536);
    cc_buf_free(&r.out);
    /* exactly at the cap is not over */
    run_decode(&r, "gzip", gz, n, 0, false, len);
    ck_assert_int_eq(r.end, DECODE_OK);
    ck_assert_uint_eq(r.out.len, len);
    cc_buf_free(&r.out);
    run_decode(&r, "gzip", gz, n, 0, true, len);
    ck_assert_int_eq(r.end, DECODE_OK);
    ck_assert_uint_eq(r.out.len, len);
    cc_buf_free(&r.out);
    free(gz);
    free(zeros);
}
END_TEST

START_TEST(test_bad_bodies)
{
    const char *plain = "<html><body><p>plain, not gzip</p></body></html>";
    char *page = page_text(20000, 5);
    size_t n;
    unsigned char *gz = encode(page, 20000, GZIP, &n);
    struct run r;

    for (int stream = 0; stream < 2; stream++) {
        /* a gzip label on a plain body */
        run_decode(&r, "gzip", plain, strlen(plain), 0, stream, 1u << 20);
        ck_assert_int_eq(r.end, DECODE_BAD);
        ck_assert_msg(strncmp(r.why, "gzip: ", 6) == 0, "%s", r.why);
        cc_buf_free(&r.out);
        /* cut short: never passed on as the page */
        run_decode(&r, "gzip", gz, n / 2, 0, stream, 1u << 20);
        ck_assert_int_eq(r.end, DECODE_BAD);
        ck_assert_msg(strstr(r.why, "truncated") != NULL, "%s", r.why);
        cc_buf_free(&r.out);
        /* a damaged byte in the middle */
        gz[n / 2] ^= 0x55;
        run_decode(&r, "gzip", gz, n, 0, stream, 1u << 20);
        ck_assert_int_eq(r.end, DECODE_BAD);
        cc_buf_free(&r.out);
        gz[n / 2] ^= 0x55;
    }
    free(gz);
    free(page);
}
END_TEST

START_TEST(test_header_values)
{
    struct decode d;
    struct cc_buf out;
    char why[128];

    decode_init(&d);
    cc_buf_init(&out, 1024);
    decode_header(&d, "identity", 8);
    ck_assert(!decode_active(&d));
    decode_header(&d, " , ", 3);
    ck_assert(!decode_active(&d));
    /* unknown codings are refused with their name, kept to token
     * characters */
    decode_header(&d, "br\x1b[31m", 7);
    ck_assert(decode_active(&d));
    ck_assert_int_eq(decode_add(&d, "x", 1, false, &out, why, sizeof why),
                     DECODE_BAD);
    ck_assert_str_eq(why, "unsupported content coding 'br31m'");
    /* a new response starts clean */
    decode_reset(&d);
    ck_assert(!decode_active(&d));
    decode_header(&d, "gzip, gzip, gzip", 16);
    decode_header(&d, "gzip, gzip", 10);          /* a second line adds */
    ck_assert_int_eq(d.ncodings, 5);
    decode_header(&d, "gzip", 4);
    ck_assert_int_eq(decode_end(&d, &out, why, sizeof why), DECODE_OK);
    ck_assert_int_eq(decode_add(&d, "x", 1, false, &out, why, sizeof why),
                     DECODE_BAD);
    ck_assert_str_eq(why, "more than 5 content codings");
    /* no body at all (HEAD, 304): nothing to decode */
    decode_reset(&d);
    decode_header(&d, "gzip", 4);
    ck_assert_int_eq(decode_end(&d, &out, why, sizeof why), DECODE_OK);
    ck_assert_uint_eq(out.len, 0);
    cc_buf_free(&out);
    decode_free(&d);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("decode");
    TCase *tc = tcase_create("core");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_gzip_page);
    tcase_add_test(tc, test_deflate_zlib_and_raw);
    tcase_add_test(tc, test_members_and_trailing_bytes);
    tcase_add_test(tc, test_stacked_codings);
    tcase_add_test(tc, test_large_body_switches_to_streaming);
    tcase_add_test(tc, test_cap_and_bomb);
    tcase_add_test(tc, test_bad_bodies);
    tcase_add_test(tc, test_header_values);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
