/*
 * tests/unit/test_html_dates.c -- a page's publication date: the order of
 * trust (JSON-LD, meta names, <time>, datelines, the URL), formats in
 * several languages, time zones, and the date helpers behind them
 * (html_date_scan, html_date_value, html_date_from_url, html_date_labeled).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/cc.h"
#include "parser/html_date.h"
#include "parser/page.h"
#include "tests/unit/page_fixture.h"

/* ---- publication dates: order of trust and formats -------------------- */

static void check_date(const char *head, const char *body, const char *url,
                       const char *want)
{
    char *html = pf_wrap_page(head, body);
    struct page *p = pf_parse(html, url);

    ck_assert_msg(strcmp(pf_date_str(p->published), want) == 0,
                  "published %s, want %s for head=%s body=%s",
                  pf_date_str(p->published), want, head, body);
    page_free(&p);
    free(html);
}

static const char *scan(const char *s, bool mdy)
{
    struct cc_date d;

    if (!html_date_scan(s, strlen(s), mdy, &d, NULL, NULL))
        return "";
    return pf_date_str(d);
}

START_TEST(test_dates_meta_variants)
{
    check_date("<meta property=\"article:published_time\" "
               "content=\"2024-04-07T23:10:00-05:00\">", pf_filler, NULL,
               "2024-04-07");
    check_date("<meta name=\"DC.date.issued\" content=\"2023-11-02\">",
               pf_filler, NULL, "2023-11-02");
    check_date("<meta name=\"citation_publication_date\" "
               "content=\"2021/06/30\">", pf_filler, NULL, "2021-06-30");
    check_date("<meta name=\"parsely-pub-date\" "
               "content=\"2022-01-05T12:00:00Z\">", pf_filler, NULL,
               "2022-01-05");
    check_date("<meta name=\"sailthru.date\" content=\"2020-02-29 "
               "22:28:35\">", pf_filler, NULL, "2020-02-29");
    check_date("<meta name=\"pubdate\" content=\"20190315\">", pf_filler, NULL,
               "2019-03-15");
    check_date("<meta name=\"date\" content=\"Sun, 07 Apr 2024 10:00:00 "
               "GMT\">", pf_filler, NULL, "2024-04-07");
    /* trust order: article:published_time over a plain "date" */
    check_date("<meta name=\"date\" content=\"2024-05-01\">"
               "<meta property=\"article:published_time\" "
               "content=\"2024-04-30\">", pf_filler, NULL, "2024-04-30");
    /* microdata on an element */
    check_date("", "<span itemprop=\"datePublished\" content=\"2018-08-08\">"
                   "8 Aug</span>", NULL, "2018-08-08");
    /* microdata of teasers before the article does not win */
    check_date("", "<div class=\"most-read\"><div itemscope><meta "
                   "itemprop=\"datePublished\" content=\"2018-01-01\">"
                   "<a href=\"/t\">Teaser</a></div></div><article><h1>Budget "
                   "review</h1><meta itemprop=\"datePublished\" "
                   "content=\"2018-02-02\"><p>The committee met on Tuesday "
                   "to review the budget proposals in detail.</p></article>",
               NULL, "2018-02-02");
}
END_TEST

START_TEST(test_dates_jsonld)
{
    /* @graph, array @type, @id publisher; Article beats WebPage */
    const char *head =
        "<script type=\"application/ld+json\">"
        "{\"@graph\":[{\"@type\":\"WebPage\",\"datePublished\":"
        "\"2020-01-01\"},{\"@type\":[\"Article\",\"NewsArticle\"],"
        "\"datePublished\":\"2020-01-02T01:00:00Z\"}]}</script>";
    char *html = pf_wrap_page(head, pf_filler);
    struct page *p = pf_parse(html, NULL);

    ck_assert_str_eq(pf_date_str(p->published), "2020-01-02");
    page_free(&p);
    free(html);
    /* JSON-LD beats meta; raw newlines inside strings are tolerated */
    check_date("<meta property=\"article:published_time\" content="
               "\"2019-01-01\"><script type=\"application/ld+json\">\n"
               "[{\"@type\":\"BlogPosting\",\"headline\":\"A\nB\","
               "\"datePublished\":\"2019-02-03\"}]</script>",
               pf_filler, NULL, "2019-02-03");
    /* broken JSON-LD is ignored */
    check_date("<script type=\"application/ld+json\">{\"datePublished\": "
               "\"2019-02-03\",,}</script><meta name=\"date\" "
               "content=\"2019-04-05\">", pf_filler, NULL, "2019-04-05");
    /* dateCreated when datePublished is missing */
    check_date("<script type=\"application/ld+json\">{\"@type\":"
               "\"Report\",\"dateCreated\":\"2017-07-17\"}</script>",
               pf_filler, NULL, "2017-07-17");
}
END_TEST

START_TEST(test_dates_time_and_dateline)
{
    /* <time pubdate> wins over an earlier <time> in a teaser box */
    check_date("", "<div class=\"teasers\"><time datetime=\"2024-01-09\">"
                   "</time></div><article><h1>Budget review</h1>"
                   "<time pubdate datetime=\"2024-02-10T10:00\">10 Feb"
                   "</time>", NULL, "2024-02-10");
    /* <time> inside the article beats one in a sidebar before it */
    check_date("", "<aside><time datetime=\"2023-12-24\">x</time></aside>"
                   "<article><h1>Budget review</h1><p>The committee met on "
                   "Tuesday to review the budget and agreed.</p><time "
                   "datetime=\"2023-12-20\">20 Dec</time></article>", NULL,
               "2023-12-20");
    /* visible datelines right after the headline */
    check_date("", "<h1>Budget review</h1><p>7 April 2024</p>", NULL,
               "2024-04-07");
    check_date("", "<h1>Budget review</h1><span>April 7, 2024</span>", NULL,
               "2024-04-07");
    check_date("", "<h1>Budget review</h1><span>24.05.2025 10:12</span>",
               NULL, "2025-05-24");
    check_date("", "<h1>Бюджет</h1><span>16 марта 2025 г.</span>", NULL,
               "2025-03-16");
    check_date("", "<h1>Budjet</h1><span>7-aprel 2024, 12:00</span>", NULL,
               "2024-04-07");
    check_date("", "<h1>Haushalt</h1><p>Veröffentlicht am 7. März 2024</p>",
               NULL, "2024-03-07");
    check_date("", "<h1>Budget</h1><p>Publié le 1er avril 2024</p>", NULL,
               "2024-04-01");
    check_date("", "<h1>Budget review</h1><p>2024-04-07</p>", NULL,
               "2024-04-07");
    /* a labelled date elsewhere on the page */
    check_date("", "<h1>Budget review</h1>" "<p>The committee met on "
                   "Tuesday to review the budget proposals.</p><div>"
                   "<span>Datum:</span> 26. Januar 2022</div>", NULL,
               "2022-01-26");
}
END_TEST

START_TEST(test_dates_url_and_bounds)
{
    check_date("", pf_filler, "https://news.example/2025-03-16/budget",
               "2025-03-16");
    check_date("", pf_filler, "https://news.example/world/2025/03/16/budget",
               "2025-03-16");
    check_date("", pf_filler, "https://news.example/a/20250316/budget.html",
               "2025-03-16");
    /* no date at all */
    check_date("", pf_filler, "https://news.example/budget", "");
    /* a date in the future is rejected, the next source is used */
    check_date("<meta property=\"article:published_time\" "
               "content=\"2099-01-01\">",
               pf_filler, "https://news.example/2021/05/06/x", "2021-05-06");
    /* before 1995 is rejected */
    check_date("<meta name=\"date\" content=\"1970-01-01\">", pf_filler, NULL,
               "");
    /* an impossible day is not a date */
    check_date("<meta name=\"date\" content=\"2023-02-30\">", pf_filler, NULL,
               "");
}
END_TEST

START_TEST(test_date_scan)
{
    ck_assert_str_eq(scan("Posted 7 April 2024, 10:00", false), "2024-04-07");
    ck_assert_str_eq(scan("April 7, 2024", false), "2024-04-07");
    ck_assert_str_eq(scan("Apr. 7th 2024", false), "2024-04-07");
    ck_assert_str_eq(scan("Sept 30, 2023", false), "2023-09-30");
    ck_assert_str_eq(scan("24.05.2025", false), "2025-05-24");
    ck_assert_str_eq(scan("2024-04-07T10:42:00+05:00", false), "2024-04-07");
    ck_assert_str_eq(scan("2024/4/7", false), "2024-04-07");
    ck_assert_str_eq(scan("16 марта 2025 г.", false), "2025-03-16");
    ck_assert_str_eq(scan("16 МАРТА 2025", false), "2025-03-16");
    ck_assert_str_eq(scan("7-aprel 2024", false), "2024-04-07");
    ck_assert_str_eq(scan("7-aprel, 2024-yil", false), "2024-04-07");
    ck_assert_str_eq(scan("2024-yil 7-aprel", false), "2024-04-07");
    ck_assert_str_eq(scan("2024 жылғы 7 сәуір", false), "2024-04-07");
    ck_assert_str_eq(scan("7. März 2024", false), "2024-03-07");
    ck_assert_str_eq(scan("1er avril 2024", false), "2024-04-01");
    ck_assert_str_eq(scan("7 de abril de 2024", false), "2024-04-07");
    ck_assert_str_eq(scan("7\xc2\xa0" "April\xc2\xa0" "2024", false),
                     "2024-04-07");
    ck_assert_str_eq(scan("2024年4月7日", false), "2024-04-07");
    ck_assert_str_eq(scan("12 ekim 2023", false), "2023-10-12");
    ck_assert_str_eq(scan("5 травня 2022", false), "2022-05-05");
    /* slashes: day-first unless US reading, unambiguous either way */
    ck_assert_str_eq(scan("04/07/2024", false), "2024-07-04");
    ck_assert_str_eq(scan("04/07/2024", true), "2024-04-07");
    ck_assert_str_eq(scan("13/07/2024", true), "2024-07-13");
    /* not dates */
    ck_assert_str_eq(scan("April 2024", false), "");
    ck_assert_str_eq(scan("31 February 2024", false), "");
    ck_assert_str_eq(scan("version 1.2.3", false), "");
    ck_assert_str_eq(scan("12345.05.2024", false), "");
    ck_assert_str_eq(scan("3 out of 2024 runs", false), "");
    ck_assert_str_eq(scan("in 2024 May 5 firms", false), "");
    ck_assert_str_eq(scan("Mayor 7, 2024", false), "");
    ck_assert_str_eq(scan("", false), "");
}
END_TEST

START_TEST(test_date_value_and_url)
{
    struct cc_date d;

    ck_assert(html_date_value("  2024-04-07T23:59:59-11:00", &d));
    ck_assert_str_eq(pf_date_str(d), "2024-04-07");
    ck_assert(html_date_value("20240407", &d));
    ck_assert_str_eq(pf_date_str(d), "2024-04-07");
    ck_assert(html_date_value("Sun, 07 Apr 2024 10:00:00 GMT", &d));
    ck_assert_str_eq(pf_date_str(d), "2024-04-07");
    ck_assert(!html_date_value("1712486520", &d));
    ck_assert(!html_date_value("2024-04", &d));
    ck_assert(!html_date_value(NULL, &d));
    ck_assert(html_date_from_url("https://x.example/2025-03-16/a", &d));
    ck_assert_str_eq(pf_date_str(d), "2025-03-16");
    ck_assert(html_date_from_url("https://x.example/n/2025/03/16/a", &d));
    ck_assert_str_eq(pf_date_str(d), "2025-03-16");
    ck_assert(html_date_from_url("https://x.example/n/2025/3/6", &d));
    ck_assert_str_eq(pf_date_str(d), "2025-03-06");
    ck_assert(!html_date_from_url("https://2025-03-16.example/a", &d));
    ck_assert(!html_date_from_url("https://x.example/a?d=2025-03-16", &d));
    ck_assert(!html_date_from_url("https://x.example/id/12345678901", &d));
    ck_assert(!html_date_from_url("https://x.example/2025/13/01/", &d));
    ck_assert(html_date_plausible((struct cc_date){1995, 1, 1},
                                  (struct cc_date){2024, 1, 1}));
    ck_assert(!html_date_plausible((struct cc_date){1994, 12, 31},
                                   (struct cc_date){2024, 1, 1}));
    ck_assert(!html_date_plausible((struct cc_date){2024, 1, 2},
                                   (struct cc_date){2024, 1, 1}));
    ck_assert_int_eq(html_date_month("Sept", 4), 9);
    ck_assert_int_eq(html_date_month("ИЮЛЯ", strlen("ИЮЛЯ")), 7);
    ck_assert_int_eq(html_date_month("ma", 2), 0);
    ck_assert_int_eq(html_date_month("Mayor", 5), 0);
}
END_TEST

START_TEST(test_date_labeled)
{
    struct cc_date d;
    const char s[] = "Autor: X. Datum: 26. Januar 2022 | Seite 3";

    ck_assert(html_date_labeled(s, sizeof s - 1, false, &d, NULL));
    ck_assert_str_eq(pf_date_str(d), "2022-01-26");
    ck_assert(!html_date_labeled("Seit 26. Januar 2022", 20, false, &d,
                                 NULL));
}
END_TEST

/* A UTC stamp is read as the day the page's readers saw: the day of a
 * local stamp of the same instant, or the next day for a UTC 22:00/23:00
 * (a Central European midnight). */
START_TEST(test_dates_utc_local_day)
{
    ck_published(
        pf_parse("<html><head><meta property=\"article:published_time\" "
              "content=\"2023-11-09T01:09:55Z\"></head><body><h1>Late "
              "game ends in a draw</h1><time datetime=\"2023-11-08 "
              "18:09:55\">November 8</time><p>The game ended late in the "
              "evening with a draw after extra time.</p></body></html>",
              NULL),
        "2023-11-08");
    ck_published(
        pf_parse("<html><head><meta property=\"article:published_time\" "
              "content=\"2021-11-04T23:00Z\"></head><body><h1>Country "
              "report</h1><p>The report covers the elections and the "
              "economy of the year.</p></body></html>", NULL),
        "2021-11-05");
    /* other UTC times keep their written day */
    ck_published(
        pf_parse("<html><head><meta property=\"article:published_time\" "
              "content=\"2021-11-04T23:10:00Z\"></head><body><h1>Country "
              "report</h1><p>The report covers the elections and the "
              "economy of the year.</p></body></html>", NULL),
        "2021-11-04");
}
END_TEST

/* A page dated only in furniture (a dropped header) or in its text still
 * gets that date; captions and picture credits are not article text. */
START_TEST(test_dates_last_resort_and_captions)
{
    struct page *p;

    p = pf_parse("<html><body><div class=\"artikelheader\"><time datetime="
              "\"2021-11-25 16:11\">25. November</time></div><h1>The "
              "historic somersault</h1><p>The somersault was first shown in "
              "the old circus of the town, in front of a thousand guests."
              "</p><figure><img src=\"a.jpg\"><figcaption>The circus in "
              "1900</figcaption></figure><p>Foto: Stefan M.</p><p>Today it "
              "is a museum that opens on weekends and holidays.</p></body>"
              "</html>", NULL);
    ck_assert_str_eq(pf_date_str(p->published), "2021-11-25");
    ck_text_has(p, "a thousand guests");
    ck_text_has(p, "opens on weekends");
    ck_text_lacks(p, "The circus in 1900");
    ck_text_lacks(p, "Stefan M.");
    page_free(&p);
    ck_published(
        pf_parse("<html><body><h1>Club news</h1><p>Posted by the board on "
              "29.12.2010 after the yearly meeting of all members.</p>"
              "</body></html>", NULL),
        "2010-12-29");
}
END_TEST

/* The date shown in the article head beats metadata that holds another
 * day (a generic meta name=date, an older JSON-LD datePublished), even
 * when the extractor drops the byline with its share bar; a list of
 * teasers with different dates near the headline is not the article's
 * date, nor is the metadata day with day and month read the other way. */
START_TEST(test_dates_headline_over_meta)
{
    ck_published(
        pf_parse("<html><head><meta name=\"date\" content=\"2021-12-20\">"
              "</head><body><article><h1>Riesling of the year</h1><div "
              "class=\"meta-date\">27.01.2022</div><p>The jury tasted two "
              "hundred wines from all regions and chose a dry Riesling "
              "from the Mosel as the best wine of the year.</p></article>"
              "</body></html>", NULL),
        "2022-01-27");
    ck_published(
        pf_parse("<html><head><script type=\"application/ld+json\">"
              "{\"@type\":\"NewsArticle\",\"datePublished\":\"2019-10-15\"}"
              "</script></head><body><article><h1>Skin care in winter</h1>"
              "<div class=\"social-share\"><span class=\"date\">March 12, "
              "2020</span> <a href=\"/s\">Share</a></div><p>Dry air and "
              "cold wind take their toll on the skin, so the routine has to "
              "change when the heating goes on in autumn.</p></article>"
              "</body></html>", NULL),
        "2020-03-12");
    ck_published(
        pf_parse("<html><head><meta property=\"article:published_time\" "
              "content=\"2022-02-04T10:00:00+01:00\"></head><body><article>"
              "<h1>Seeded players out</h1><ul><li><span class=\"date\">"
              "01.02.2022</span> Upset in the first round</li><li><span "
              "class=\"date\">30.01.2022</span> Final report</li><li><span "
              "class=\"date\">31.01.2022</span> Draw announced</li></ul>"
              "<p>Three seeded players lost on the first day of the "
              "tournament, two of them in straight sets.</p></article>"
              "</body></html>", NULL),
        "2022-02-04");
    ck_published(
        pf_parse("<html lang=\"en\"><head><meta property=\"article:"
              "published_time\" content=\"2023-11-02T14:00:51Z\"></head>"
              "<body><article><h1>Strike on the camp</h1><div class=\""
              "timestamp\">02/11/2023 02:00pm GMT</div><p>The death toll "
              "rose again on the second day, officials said in the "
              "evening.</p></article></body></html>", NULL),
        "2023-11-02");
}
END_TEST

/* JSON-LD and meta tags naming different days: the later one. */
START_TEST(test_dates_jsonld_meta_later)
{
    ck_published(
        pf_parse("<html><head><meta property=\"article:published_time\" "
              "content=\"2023-11-06T08:00:00+01:00\"><script type=\""
              "application/ld+json\">{\"@type\":\"Article\",\""
              "datePublished\":\"2023-11-03T12:00:00+01:00\"}</script>"
              "</head><body><h1>Advertising rules</h1><p>The new rules "
              "for advertising apply from next year on.</p></body></html>",
              NULL),
        "2023-11-06");
}
END_TEST

/* A UTC stamp late in the evening is the next day for readers of a
 * European language (summer time from April to October), not for an
 * English page of unknown region; an element that shows the day as
 * written keeps it. */
START_TEST(test_dates_utc_zone_by_lang)
{
    ck_published(
        pf_parse("<html lang=\"it\"><head><meta property=\"article:"
              "published_time\" content=\"2023-11-01T23:01:00Z\"></head>"
              "<body><h1>Notte di guerra</h1><p>La notte è stata lunga e "
              "difficile per tutti gli abitanti.</p></body></html>", NULL),
        "2023-11-02");
    ck_published(
        pf_parse("<html lang=\"de-DE\"><head><meta property=\"article:"
              "published_time\" content=\"2018-07-31T22:11:59+00:00\">"
              "</head><body><h1>Ein Jahr</h1><p>Das Jahr war lang und "
              "voller Bücher, die gelesen werden wollten.</p></body>"
              "</html>", NULL),
        "2018-08-01");
    ck_published(
        pf_parse("<html lang=\"de-DE\"><head><meta property=\"article:"
              "published_time\" content=\"2018-01-31T22:11:59+00:00\">"
              "</head><body><h1>Ein Jahr</h1><p>Das Jahr war lang und "
              "voller Bücher, die gelesen werden wollten.</p></body>"
              "</html>", NULL),
        "2018-01-31");
    ck_published(
        pf_parse("<html lang=\"en\"><head><meta property=\"article:"
              "published_time\" content=\"2023-11-01T23:01:00Z\"></head>"
              "<body><h1>Night of war</h1><p>The night was long and hard "
              "for everyone in the town.</p></body></html>", NULL),
        "2023-11-01");
    ck_published(
        pf_parse("<html lang=\"de-DE\"><body><article><h1>Neue Stelle</h1>"
              "<time class=\"entry-date\" datetime=\"2019-12-26T23:07:45"
              "+00:00\">26/12/2019</time><p>Die Stelle ist ab sofort zu "
              "besetzen, Bewerbungen bitte per Post.</p></article></body>"
              "</html>", NULL),
        "2019-12-26");
}
END_TEST

/* A page dated nowhere in its elements or text: a timestamp in script
 * data, else a dated URL path in the markup. */
START_TEST(test_dates_raw_markup)
{
    ck_published(
        pf_parse("<html><body><h1>Spring</h1><p>A photo of the hills in "
              "spring.</p><script>var photo = {\"created_at\":\"2013-02-16"
              "T04:36:36-05:00\"};</script></body></html>", NULL),
        "2013-02-16");
    ck_published(
        pf_parse("<html><body><h1>Annual report</h1><img src=\"/files/2016/"
              "05/04/report.png\"><p>The report covers the work of the "
              "year.</p></body></html>", NULL),
        "2016-05-04");
    /* last of all, a date with a two-digit year in the text */
    ck_published(
        pf_parse("<html><body><span>02.12.19</span><h1>Health workers in "
              "the war</h1><p>The podcast talks about the arrest of "
              "doctors and nurses.</p></body></html>", NULL),
        "2019-12-02");
}
END_TEST

/* Two-digit years only as "dd.mm.yy" standing alone. */
START_TEST(test_date_scan_short)
{
    struct cc_date today = {2024, 6, 1}, d;
    const char *s;

    s = "Posted 02.12.19 at noon";
    ck_assert(html_date_scan_short(s, strlen(s), today, &d));
    ck_assert_str_eq(pf_date_str(d), "2019-12-02");
    s = "01.05.24";
    ck_assert(html_date_scan_short(s, strlen(s), today, &d));
    ck_assert_str_eq(pf_date_str(d), "2024-05-01");
    /* version numbers, longer runs, impossible or future days */
    s = "v1.02.19, 3.01.02.19, 01.02.193, 01.02.19.5, 31.02.19, 03.07.24";
    ck_assert(!html_date_scan_short(s, strlen(s), today, &d));
    /* a year after today's two digits is of the last century, too old */
    s = "12.03.87";
    ck_assert(!html_date_scan_short(s, strlen(s), today, &d));
}
END_TEST

/* A dated canonical URL beats dates in the page's elements and text; a
 * <time> below the headline beats a meta tag and a masthead date above
 * the headline. */
START_TEST(test_dates_url_and_head_time)
{
    ck_published(
        pf_parse("<html><head><link rel=\"canonical\" href=\"https://news."
              "example/2021/10/20/opening\"></head><body><h1>Centre opened"
              "</h1><p>Opened on 18.10.2021 by the mayor, the new centre "
              "trains two hundred people a year.</p></body></html>", NULL),
        "2021-10-20");
    ck_published(
        pf_parse("<html><head><meta name=\"date\" content=\"2022-01-15\">"
              "</head><body><article><div class=\"today-date\">14.01.2022"
              "</div><h1>Snow sports and the pandemic</h1><p>By the editors"
              " <time datetime=\"2022-01-25\">25 January</time></p><p>The "
              "season started late, but the slopes are full again and the "
              "huts are open.</p></article></body></html>", NULL),
        "2022-01-25");
}
END_TEST

/* A generic meta date (DC.date, dateCreated) gives way to the first
 * dated element of the page; a publication key does not. */
START_TEST(test_dates_generic_meta)
{
    ck_published(
        pf_parse("<html><head><meta name=\"DC.Date\" content=\"2020-03-03\">"
              "</head><body><div class=\"issue-date\">7 April 2020</div>"
              "<p>The trial followed two thousand patients for five years "
              "and found no difference between the two treatments.</p>"
              "</body></html>", NULL),
        "2020-04-07");
    ck_published(
        pf_parse("<html><head><meta property=\"article:published_time\" "
              "content=\"2020-03-03\"></head><body><div class=\"issue-"
              "date\">7 April 2020</div><p>The trial followed two thousand "
              "patients for five years and found no difference between the "
              "two treatments.</p></body></html>", NULL),
        "2020-03-03");
}
END_TEST

static Suite *html_dates_suite(void)
{
    Suite *s = suite_create("html_dates");
    TCase *pages = tcase_create("pages");
    TCase *helpers = tcase_create("helpers");

    tcase_add_test(pages, test_dates_meta_variants);
    tcase_add_test(pages, test_dates_jsonld);
    tcase_add_test(pages, test_dates_time_and_dateline);
    tcase_add_test(pages, test_dates_url_and_bounds);
    tcase_add_test(helpers, test_date_scan);
    tcase_add_test(helpers, test_date_value_and_url);
    tcase_add_test(helpers, test_date_labeled);
    tcase_add_test(pages, test_dates_utc_local_day);
    tcase_add_test(pages, test_dates_last_resort_and_captions);
    tcase_add_test(pages, test_dates_headline_over_meta);
    tcase_add_test(pages, test_dates_jsonld_meta_later);
    tcase_add_test(pages, test_dates_utc_zone_by_lang);
    tcase_add_test(pages, test_dates_raw_markup);
    tcase_add_test(helpers, test_date_scan_short);
    tcase_add_test(pages, test_dates_url_and_head_time);
    tcase_add_test(pages, test_dates_generic_meta);
    suite_add_tcase(s, pages);
    suite_add_tcase(s, helpers);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(html_dates_suite());
    int failed;

    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
