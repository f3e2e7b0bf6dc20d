/* Unit tests: verify/names.c and verify/textsim.c. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "verify/names.h"
#include "verify/textsim.h"

static void key_is(const char *word, const char *want)
{
    char *k = names_key(word, strlen(word));

    ck_assert_str_eq(k, want);
    free(k);
}

START_TEST(test_keys_across_scripts)
{
    key_is("Smaiylov", "smailov");
    key_is("Smailov", "smailov");
    key_is("Смаилов", "smailov");
    key_is("Smaiylovning", "smailov");
    key_is("Смаилова", "smailov");
    key_is("Aliyev", "aliev");
    key_is("Алиев", "aliev");
}
END_TEST

START_TEST(test_find_names)
{
    const char *s = "Masalan, 2024 yilda Qozog‘iston bosh vaziri Alihan "
                    "Smaiylovning   Tashkentga  rasmiy tashrif chog‘ida "
                    "savdo muhokama qilingan.";
    struct person_name n[NAMES_MAX];
    size_t k = names_find(s, strlen(s), n);

    ck_assert_uint_eq(k, 1);
    ck_assert_str_eq(n[0].text, "Alihan Smaiylovning");
    ck_assert_str_eq(n[0].surname, "smailov");
    names_clear(n, k);
}
END_TEST

START_TEST(test_no_names_in_places)
{
    const char *s = "O‘zbekiston va Qozog‘iston Markaziy Osiyo mintaqasida.";
    struct person_name n[NAMES_MAX];

    ck_assert_uint_eq(names_find(s, strlen(s), n), 0);
}
END_TEST

START_TEST(test_names_in_text)
{
    const char *page = "Prime Minister Olzhas Bektenov met Abdulla Aripov.";
    const char *ru = "Премьер-министр Алихан Смаилов провёл встречу.";

    ck_assert(!names_in_text(page, strlen(page), "smailov"));
    ck_assert(names_in_text(page, strlen(page), "bektenov"));
    ck_assert(names_in_text(ru, strlen(ru), "smailov"));
}
END_TEST

START_TEST(test_title_similarity)
{
    double same = textsim_words(
        "Kazakhstan–Uzbekistan trade turnover tops $3.8 billion in 2024",
        "Uzbekistan-Kazakhstan trade turnover tops $3.8 billion in 2024");
    double other = textsim_words(
        "Official visit of the Prime Minister of Kazakhstan to Uzbekistan, "
        "discussions on trade, investment and transport cooperation",
        "Kazakhstan–Uzbekistan trade and economic cooperation: Olzhas "
        "Bektenov pays working visit to Tashkent");

    ck_assert(same > 0.99);
    ck_assert(other < 0.6);
}
END_TEST

START_TEST(test_publisher)
{
    ck_assert(textsim_publisher_match("Trend.Az", "Trend", "https://www.trend.az/x"));
    ck_assert(textsim_publisher_match("UzA / Kazinform", "UzA", "https://uza.uz/en/x"));
    ck_assert(textsim_publisher_match("Kursiv Media Uzbekistan", NULL,
                                      "https://uz.kursiv.media/en/x"));
    ck_assert(!textsim_publisher_match(
        "Embassy of Kazakhstan in Tashkent",
        "Prime Minister of the Republic of Kazakhstan",
        "https://primeminister.kz/en/news/x"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("names");
    TCase *tc = tcase_create("core");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, test_keys_across_scripts);
    tcase_add_test(tc, test_find_names);
    tcase_add_test(tc, test_no_names_in_places);
    tcase_add_test(tc, test_names_in_text);
    tcase_add_test(tc, test_title_similarity);
    tcase_add_test(tc, test_publisher);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
