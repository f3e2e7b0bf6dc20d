/*
 * tests/unit/test_soft404.c -- crawler/soft404.c and the availability
 * answers of crawler/archive.c (both network-free).
 */
#include "crawler/archive.h"
#include "crawler/soft404.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static const char *LONG_TEXT =
    "In 2023, trade turnover amounted to $4.4 billion, a decrease of about "
    "10% compared with the previous year.\n\nKazakhstan remains among the "
    "top three partners.";

START_TEST(test_titles_in_languages)
{
    char why[256];
    static const char *const titles[] = {
        "Page Not Found | Example News", "404", "Error 404 - Site",
        "Страница не найдена", "СТРАНИЦА НЕ НАЙДЕНА — Сайт",
        "Sahifa topilmadi", "Саҳифа топилмади", "Бет табылмады",
        "Seite nicht gefunden", "Page introuvable", "Página no encontrada",
        "Pagina non trovata", "Sayfa bulunamadı",
    };

    for (size_t i = 0; i < sizeof titles / sizeof *titles; i++)
        ck_assert_msg(soft404_check("https://a.example/news/1",
                                    "https://a.example/news/1", titles[i],
                                    LONG_TEXT, why, sizeof why),
                      "title %s", titles[i]);
    ck_assert_ptr_nonnull(strstr(why, "title"));
}
END_TEST

START_TEST(test_real_pages_pass)
{
    char why[256];

    ck_assert(!soft404_check("https://a.example/news/1",
                             "https://a.example/news/1",
                             "Trade reached $404 million in 2024", LONG_TEXT,
                             why, sizeof why));
    ck_assert(!soft404_check("https://a.example/news/1",
                             "https://a.example/news/1/", "Trade news",
                             "Exports reached $404 million in 2024.", why,
                             sizeof why));
    /* a long headline mentioning "not found" is news, not an error page */
    ck_assert(!soft404_check("https://a.example/n", "https://a.example/n",
                             "Missing billions not found after audit of the "
                             "state budget, officials said on Tuesday in a "
                             "long statement to the press in the capital",
                             LONG_TEXT, why, sizeof why));
}
END_TEST

START_TEST(test_text_and_empty)
{
    char why[256];

    ck_assert(soft404_check("https://a.example/x", NULL, "Example News",
                            "Sorry, the page you requested was not found.",
                            why, sizeof why));
    ck_assert(soft404_check("https://a.example/x", NULL, NULL, "  ", why,
                            sizeof why));
    ck_assert_ptr_nonnull(strstr(why, "empty"));
}
END_TEST

START_TEST(test_root_redirect)
{
    char why[256];

    ck_assert(soft404_check("https://a.example/news/2024/story-1",
                            "https://a.example/", "Example News", LONG_TEXT,
                            why, sizeof why));
    ck_assert_ptr_nonnull(strstr(why, "root"));
    ck_assert(soft404_check("https://a.example/news/story",
                            "https://www.a.example/en/", "Example", LONG_TEXT,
                            why, sizeof why));
    ck_assert(soft404_check("https://a.example/news/story",
                            "https://a.example/index.php", "Example",
                            LONG_TEXT, why, sizeof why));
    /* the home page cited as such, and a move to another deep page */
    ck_assert(!soft404_check("https://a.example/", "https://a.example/en/",
                             "Example", LONG_TEXT, why, sizeof why));
    ck_assert(!soft404_check("https://a.example/news/1",
                             "https://a.example/news/1/", "Example",
                             LONG_TEXT, why, sizeof why));
}
END_TEST

START_TEST(test_archive_query_and_answer)
{
    struct cc_date d = {2024, 12, 20}, y = {2024, 0, 0}, none = {0, 0, 0};
    char *q, *snap, *ts, why[256];
    const char *ok = "{\"url\":\"x\",\"archived_snapshots\":{\"closest\":{"
                     "\"available\":true,\"url\":\"http://web.example/web/"
                     "20241220103000/https://a.example/x\",\"timestamp\":"
                     "\"20241220103000\",\"status\":\"200\"}}}";

    q = archive_query_url("https://archive.example/wayback/available",
                          "https://a.example/x?a=1&b=2", d);
    ck_assert_str_eq(q, "https://archive.example/wayback/available?url="
                        "https%3A%2F%2Fa.example%2Fx%3Fa%3D1%26b%3D2"
                        "&timestamp=20241220");
    free(q);
    q = archive_query_url("https://archive.example/a?k=v", "u", y);
    ck_assert_str_eq(q, "https://archive.example/a?k=v&url=u&timestamp="
                        "20240701");
    free(q);
    q = archive_query_url("https://archive.example/a", "u", none);
    ck_assert_str_eq(q, "https://archive.example/a?url=u");
    free(q);

    ck_assert(archive_parse_answer(ok, strlen(ok), &snap, &ts, why,
                                   sizeof why));
    ck_assert_str_eq(ts, "20241220103000");
    ck_assert_ptr_nonnull(strstr(snap, "/web/20241220103000/"));
    free(snap);
    free(ts);
    {
        const char *empty = "{\"archived_snapshots\":{}}";
        const char *gone = "{\"archived_snapshots\":{\"closest\":{"
                           "\"available\":false,\"url\":\"u\"}}}";

        ck_assert(!archive_parse_answer(empty, strlen(empty), &snap, &ts, why,
                                        sizeof why));
        ck_assert(!archive_parse_answer(gone, strlen(gone), &snap, &ts, why,
                                        sizeof why));
    }
    ck_assert_ptr_null(snap);
    ck_assert(!archive_parse_answer("not json", 8, &snap, &ts, why,
                                    sizeof why));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("soft404");
    TCase *tc = tcase_create("core");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, test_titles_in_languages);
    tcase_add_test(tc, test_real_pages_pass);
    tcase_add_test(tc, test_text_and_empty);
    tcase_add_test(tc, test_root_redirect);
    tcase_add_test(tc, test_archive_query_and_answer);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
