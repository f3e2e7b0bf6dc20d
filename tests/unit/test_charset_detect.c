/*
 * tests/unit/test_charset_detect.c -- parser/charset_detect.c and its use
 * by charset_decode: a windows-1251 page labelled UTF-8, a UTF-8 page
 * labelled windows-1251, an undeclared windows-1251 page, and labels that
 * must stay (BOM, plain ASCII, a correct declaration); and
 * charset_utf8_clean/charset_utf8_tally, which skip ASCII eight bytes at a
 * time, against a byte-by-byte reading of the same rules.
 */
#include "parser/charset.h"
#include "parser/charset_detect.h"

#include <check.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

static const char *RU_UTF8 =
    "<html><head><title>Товарооборот</title></head><body><p>В январе–ноябре "
    "2024 года товарооборот между Узбекистаном и Казахстаном составил 3,8 "
    "миллиарда долларов, сообщило статистическое агентство. Стороны "
    "договорились расширять сотрудничество в области транспорта, энергетики "
    "и сельского хозяйства.</p></body></html>";

/* RU_UTF8 in windows-1251; caller frees. */
static char *to_cp1251(size_t *len)
{
    iconv_t cd = iconv_open("WINDOWS-1251", "UTF-8");
    size_t inleft = strlen(RU_UTF8), outleft = inleft;
    char *in = (char *)RU_UTF8, *out = cc_malloc(outleft + 1), *o = out;

    ck_assert(cd != (iconv_t)-1);
    ck_assert(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
    iconv_close(cd);
    *len = (size_t)(o - out);
    return out;
}

static char *decode(const char *data, size_t len, const char *ctype,
                    char *label, enum charset_source *src)
{
    char *out = NULL;
    size_t outlen = 0;

    ck_assert_int_eq(charset_decode(data, len, ctype, 1 << 20, &out, &outlen,
                                    label, CHARSET_LABEL_MAX, src), CC_OK);
    return out;
}

START_TEST(test_cp1251_labelled_utf8)
{
    size_t len;
    char *cp = to_cp1251(&len), label[CHARSET_LABEL_MAX];
    enum charset_source src;
    char *out = decode(cp, len, "text/html; charset=utf-8", label, &src);

    ck_assert_str_eq(label, "WINDOWS-1251");
    ck_assert_int_eq(src, CHARSET_GUESS);
    ck_assert_ptr_nonnull(strstr(out, "Узбекистаном и Казахстаном"));
    free(out);
    out = decode(cp, len, NULL, label, &src);        /* undeclared */
    ck_assert_str_eq(label, "WINDOWS-1251");
    ck_assert_ptr_nonnull(strstr(out, "миллиарда долларов"));
    free(out);
    free(cp);
}
END_TEST

START_TEST(test_utf8_labelled_cp1251)
{
    char label[CHARSET_LABEL_MAX];
    enum charset_source src;
    char *out = decode(RU_UTF8, strlen(RU_UTF8),
                       "text/html; charset=windows-1251", label, &src);

    ck_assert_str_eq(label, "UTF-8");
    ck_assert_int_eq(src, CHARSET_GUESS);
    ck_assert_str_eq(out, RU_UTF8);
    free(out);
}
END_TEST

START_TEST(test_labels_kept)
{
    size_t len;
    char *cp = to_cp1251(&len), label[CHARSET_LABEL_MAX];
    enum charset_source src;
    char *out;

    out = decode(cp, len, "text/html; charset=windows-1251", label, &src);
    ck_assert_str_eq(label, "WINDOWS-1251");
    ck_assert_int_eq(src, CHARSET_HEADER);
    free(out);
    out = decode(RU_UTF8, strlen(RU_UTF8), "text/html; charset=utf-8", label,
                 &src);
    ck_assert_str_eq(label, "UTF-8");
    ck_assert_int_eq(src, CHARSET_HEADER);
    free(out);
    out = decode("plain ascii text", 16, "text/html; charset=iso-8859-1",
                 label, &src);
    ck_assert_str_eq(label, "WINDOWS-1252");
    ck_assert_int_eq(src, CHARSET_HEADER);
    free(out);
    ck_assert(!charset_detect("only ascii here", 15, label, sizeof label));
    free(cp);
}
END_TEST

/* ---- UTF-8 cleaning: the word-at-a-time scan against byte by byte ---- */

/* The rules of charset.h, one byte at a time. */
static size_t ref_seq(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    size_t k = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2
             : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF5 ? 4 : 0;

    if (k == 0 || k > n)
        return 0;
    for (size_t j = 1; j < k; j++)
        if ((p[j] & 0xC0) != 0x80)
            return 0;
    if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0) ||
        (c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90))
        return 0;
    return k;
}

static void ref_clean(const unsigned char *p, size_t n, struct cc_buf *b,
                      size_t *multi, size_t *invalid)
{
    *multi = *invalid = 0;
    for (size_t i = 0; i < n;) {
        size_t k = ref_seq(p + i, n - i);

        if (k > 1)
            (*multi)++;
        else if (k == 0)
            (*invalid)++;
        if (k && p[i]) {
            cc_buf_add(b, p + i, k);
            i += k;
        } else {
            if (p[i])
                cc_buf_add(b, "\xEF\xBF\xBD", 3);
            i++;
        }
    }
    cc_buf_add(b, "", 0);
}

START_TEST(test_utf8_clean_matches_bytewise)
{
    /* every byte kind at every offset of a word and across word ends:
     * NUL, ASCII, lead and continuation bytes, bad leads, cut sequences */
    static const unsigned char kinds[] = { 0x00, 'a', 0x7F, 0x80, 0xBF,
                                           0xC2, 0xD0, 0xE0, 0xED, 0xEF,
                                           0xF0, 0xF4, 0xF5, 0xFF };
    unsigned seed = 7;

    for (int round = 0; round < 20000; round++) {
        unsigned char text[40];
        size_t n = (size_t)(round % 40), multi, invalid, m2, i2;
        struct cc_buf want, got;

        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            /* mostly ASCII, as pages are, so long runs happen */
            text[i] = (seed >> 16) % 4 ? 'x'
                                       : kinds[(seed >> 20) % sizeof kinds];
        }
        cc_buf_init(&want, 1024);
        cc_buf_init(&got, 1024);
        ref_clean(text, n, &want, &multi, &invalid);
        ck_assert_int_eq(charset_utf8_clean((const char *)text, n, &got),
                         CC_OK);
        ck_assert_uint_eq(got.len, want.len);
        ck_assert(memcmp(got.data, want.data, want.len) == 0);
        charset_utf8_tally((const char *)text, n, &m2, &i2);
        ck_assert_uint_eq(m2, multi);
        ck_assert_uint_eq(i2, invalid);
        cc_buf_free(&want);
        cc_buf_free(&got);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("charset_detect");
    TCase *tc = tcase_create("core");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, test_cp1251_labelled_utf8);
    tcase_add_test(tc, test_utf8_labelled_cp1251);
    tcase_add_test(tc, test_labels_kept);
    tcase_add_test(tc, test_utf8_clean_matches_bytewise);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
