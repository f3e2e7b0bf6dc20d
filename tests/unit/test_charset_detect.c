/*
 * tests/unit/test_charset_detect.c -- parser/charset_detect.c and its use
 * by charset_decode: a windows-1251 page labelled UTF-8, a UTF-8 page
 * labelled windows-1251, an undeclared windows-1251 page, and labels that
 * must stay (BOM, plain ASCII, a correct declaration).
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

int main(void)
{
    Suite *s = suite_create("charset_detect");
    TCase *tc = tcase_create("core");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, test_cp1251_labelled_utf8);
    tcase_add_test(tc, test_utf8_labelled_cp1251);
    tcase_add_test(tc, test_labels_kept);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
