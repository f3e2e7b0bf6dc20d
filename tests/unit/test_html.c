/*
 * tests/unit/test_html.c -- page_parse() on small realistic pages, and the
 * helpers behind it (charset, URLs, class names, prescan); dates are in
 * test_html_dates.c.
 *
 * The pages are written here, in the shape real news and government pages
 * have: navigation, cookie banners, "related news" boxes with figures,
 * footers, scripts with numbers, JSON-LD in @graph, meta tag variants,
 * legacy encodings, broken bytes and hostile nesting.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/cc.h"
#include "parser/charset.h"
#include "parser/html_prescan.h"
#include "parser/html_tree.h"
#include "parser/html_url.h"
#include "parser/page.h"
#include "tests/unit/page_fixture.h"

/* ---- a news page with everything around the article ------------------- */

static const char news_page[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"en\">\n<head>\n"
    "<meta charset=\"utf-8\">\n"
    "<title>Trade between the two countries hits record | Daily Ledger</title>\n"
    "<meta property=\"og:title\" content=\"Trade between Uzbekistan and "
    "Kazakhstan hits record - Daily Ledger\">\n"
    "<meta property=\"og:site_name\" content=\"Daily Ledger\">\n"
    "<meta name=\"author\" content=\"Aziz Karimov\">\n"
    "<link rel=\"canonical\" href=\"/economy/2024/04/07/trade-record\">\n"
    "<script>var stats = {visits: 98765, revenue: 4.7e9}; "
    "window.dataLayer = [{\"pageValue\": 31337}];</script>\n"
    "<style>.x{width:777px}</style>\n"
    "<script type=\"application/ld+json\">\n"
    "{\"@context\": \"https://schema.org\", \"@graph\": [\n"
    "  {\"@type\": \"Organization\", \"@id\": \"#org\", \"name\": "
    "\"Daily Ledger Media\"},\n"
    "  {\"@type\": \"WebPage\", \"@id\": \"#page\", \"datePublished\": "
    "\"2024-04-06T08:00:00+05:00\"},\n"
    "  {\"@type\": \"NewsArticle\", \"headline\": \"Trade hits record\",\n"
    "   \"datePublished\": \"2024-04-07T10:42:00+05:00\",\n"
    "   \"dateModified\": \"2024-04-08T09:00:00+05:00\",\n"
    "   \"author\": {\"@type\": \"Person\", \"name\": \"Aziz Karimov\"},\n"
    "   \"publisher\": {\"@id\": \"#org\"}}\n"
    "]}\n"
    "</script>\n"
    "</head>\n<body>\n"
    "<div class=\"cookie-banner\" id=\"gdpr\">We use cookies. 3 partners "
    "process your data. <a href=\"/privacy\">Privacy</a> <button>Accept"
    "</button></div>\n"
    "<header class=\"site-header\"><a href=\"/\" class=\"logo\">Daily "
    "Ledger</a>\n"
    "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/economy\">"
    "Economy</a></li><li><a href=\"/world\">World</a></li></ul></nav>\n"
    "</header>\n"
    "<div class=\"breadcrumb\"><a href=\"/\">Home</a> &gt; <a href=\"/economy\">"
    "Economy</a></div>\n"
    "<main>\n"
    "<article class=\"article\">\n"
    "<h1>Trade between Uzbekistan and Kazakhstan hits record</h1>\n"
    "<div class=\"byline\">By Aziz Karimov, <time datetime=\"2024-04-07\">7 "
    "April 2024</time></div>\n"
    "<div class=\"share-buttons\"><a href=\"#\">Share on X</a> <a href=\"#\">"
    "Share on Facebook</a></div>\n"
    "<div class=\"article-body\">\n"
    "<p>Bilateral trade between Uzbekistan and Kazakhstan reached $4.3 "
    "billion in 2023, up 12% from the year before, the statistics agency "
    "said on Sunday.</p>\n"
    "<p>Exports of fruit and vegetables grew fastest, while imports of "
    "grain and metals accounted for most of the rest, according to the "
    "agency's quarterly bulletin.</p>\n"
    "<aside class=\"related-news\"><h3>Related news</h3><ul>\n"
    "<li><a href=\"/a\">Trade with China reached $9.9 billion in 2022</a>"
    "</li>\n"
    "<li><a href=\"/b\">Inflation slowed to 8.8 percent</a></li></ul>"
    "</aside>\n"
    "<table><tr><th>Year</th><th>Trade, $ bn</th></tr>\n"
    "<tr><td>2022</td><td>3.8</td></tr>\n"
    "<tr><td>2023</td><td>4.3</td></tr></table>\n"
    "<p>The two governments aim to lift the figure to $10 billion by "
    "2030, officials told reporters in Tashkent.</p>\n"
    "</div>\n"
    "<div class=\"newsletter-signup\"><p>Subscribe to our newsletter for "
    "1,000 stories a week and more delivered to you.</p></div>\n"
    "</article>\n"
    "<div class=\"more-news\"><h2>Most read</h2><p>Oil output fell by 5.5% "
    "in March, the ministry reported in a long statement today.</p>"
    "</div>\n"
    "</main>\n"
    "<footer><p>&copy; 2024 Daily Ledger. All rights reserved. Tel. "
    "+998 71 555 12 34</p></footer>\n"
    "<script>console.log(424242);</script>\n"
    "</body></html>\n";

START_TEST(test_news_page_metadata)
{
    struct page *p = pf_parse(news_page, "https://ledger.example.uz/economy/"
                                      "2024/04/07/trade-record?utm=x");

    ck_assert_str_eq(p->title,
                     "Trade between Uzbekistan and Kazakhstan hits record");
    ck_assert_str_eq(p->site, "Daily Ledger");
    ck_assert_str_eq(p->author, "Aziz Karimov");
    ck_assert_str_eq(p->lang, "en");
    ck_assert_str_eq(p->canonical, "https://ledger.example.uz/economy/"
                                   "2024/04/07/trade-record");
    /* the NewsArticle is trusted over the WebPage; the date as written */
    ck_assert_str_eq(pf_date_str(p->published), "2024-04-07");
    ck_assert_str_eq(pf_date_str(p->modified), "2024-04-08");
    ck_assert_str_eq(p->url, "https://ledger.example.uz/economy/2024/04/07/"
                             "trade-record?utm=x");
    ck_assert_ptr_null(p->note);
    page_free(&p);
    ck_assert_ptr_null(p);
}
END_TEST

START_TEST(test_news_page_text)
{
    struct page *p = pf_parse(news_page, NULL);

    ck_text_has(p, "reached $4.3 billion in 2023, up 12%");
    ck_text_has(p, "grain and metals accounted");
    ck_text_has(p, "$10 billion by 2030");
    /* table rows one per line, cells joined */
    ck_text_has(p, "2022 | 3.8\n2023 | 4.3");
    /* paragraphs separated by blank lines, whitespace collapsed */
    ck_text_has(p, "the year before, the statistics agency said on Sunday."
                   "\n\nExports");
    /* distractors: related news, cookie banner, navigation, newsletter,
     * most-read box, footer, scripts, styles */
    ck_text_lacks(p, "9.9 billion");
    ck_text_lacks(p, "8.8 percent");
    ck_text_lacks(p, "cookies");
    ck_text_lacks(p, "Economy");
    ck_text_lacks(p, "Share on");
    ck_text_lacks(p, "1,000 stories");
    ck_text_lacks(p, "5.5%");
    ck_text_lacks(p, "All rights reserved");
    ck_text_lacks(p, "98765");
    ck_text_lacks(p, "31337");
    ck_text_lacks(p, "424242");
    ck_text_lacks(p, "777px");
    /* the headline is reported as the title, not repeated in the text */
    ck_text_lacks(p, "hits record");
    ck_assert(pf_valid_utf8(p->text));
    page_free(&p);
}
END_TEST

/* ---- a page without <article>: text density decides ------------------- */

static const char gov_page[] =
    "<html lang=\"ru\"><head><title>Министерство экономики — Новости"
    "</title>\n"
    "<meta name=\"DC.date.issued\" content=\"2025-03-16\">\n"
    "<meta name=\"application-name\" content=\"Минэкономики\">\n"
    "</head><body>\n"
    "<div id=\"top-menu\" class=\"menu\"><a href=\"/\">Главная</a> "
    "<a href=\"/news\">Новости</a> <a href=\"/docs\">Документы</a></div>\n"
    "<div class=\"wrap\">\n"
    " <div class=\"left-col\" id=\"sidebar\">\n"
    "  <div class=\"block\"><a href=\"/n1\">Экспорт вырос на 7,7 %</a></div>\n"
    "  <div class=\"block\"><a href=\"/n2\">Импорт снизился на 2,2 %</a>"
    "</div>\n"
    " </div>\n"
    " <div class=\"content-col\">\n"
    "  <h1>Внешнеторговый оборот за 2024 год</h1>\n"
    "  <div class=\"date\">16 марта 2025</div>\n"
    "  <p>Внешнеторговый оборот республики за 2024 год составил 65,9 млрд "
    "долларов, что на 3,1 % больше, чем годом ранее.</p>\n"
    "  <p>Основными торговыми партнёрами остаются Китай, Россия и "
    "Казахстан, на долю которых приходится более половины оборота.</p>\n"
    "  <p>Подробные данные опубликованы на сайте статистического "
    "ведомства <a href=\"/stat\">здесь</a>, включая разбивку по месяцам.</p>\n"
    " </div>\n"
    "</div>\n"
    "<div class=\"footer\">Адрес: ул. Мустакиллик, 5. Телефон 123-45-67"
    "</div>\n"
    "</body></html>";

START_TEST(test_density_page)
{
    struct page *p = pf_parse(gov_page, "https://mineconomy.example/ru/news/55");

    /* the <h1> comes before <title> in the order of trust */
    ck_assert_str_eq(p->title, "Внешнеторговый оборот за 2024 год");
    ck_assert_str_eq(p->site, "Минэкономики");
    ck_assert_str_eq(p->lang, "ru");
    ck_assert_str_eq(pf_date_str(p->published), "2025-03-16");
    ck_text_has(p, "составил 65,9 млрд долларов");
    ck_text_has(p, "Китай, Россия и Казахстан");
    ck_text_has(p, "ведомства здесь, включая");
    ck_text_lacks(p, "7,7 %");
    ck_text_lacks(p, "2,2 %");
    ck_text_lacks(p, "Главная");
    ck_text_lacks(p, "Телефон");
    ck_assert_ptr_null(p->canonical);
    page_free(&p);
}
END_TEST

/* ---- titles, site, canonical -------------------------------------------- */

START_TEST(test_titles)
{
    struct page *p;

    ck_title(
        pf_page_of("<title>Budget approved | Gazette</title>", pf_filler, NULL),
        "Budget approved");
    ck_title(
        pf_page_of("<title>Parliament approves the 2025 budget — Reuters"
                "</title>", pf_filler, NULL),
        "Parliament approves the 2025 budget");
    /* a dash inside a title is kept when what follows is not a site */
    ck_title(
        pf_page_of("<title>GDP grows 5% - report</title>", pf_filler, NULL),
        "GDP grows 5% - report");
    /* the site suffix is known from og:site_name */
    p = pf_page_of("<title>Budget approved - Kun.uz</title><meta "
                "property=\"og:site_name\" content=\"Kun.uz\">", pf_filler,
                NULL);
    ck_assert_str_eq(p->title, "Budget approved");
    ck_assert_str_eq(p->site, "Kun.uz");
    page_free(&p);
    /* the host names the site, as a whole word only */
    ck_title(
        pf_page_of("<title>Trend.Az - Uzbekistan's trade with Kazakhstan"
                "</title>", pf_filler, "https://www.trend.az/casia/1.html"),
        "Uzbekistan's trade with Kazakhstan");
    ck_title(
        pf_page_of("<title>Kunduz province - floods hit farms</title>",
                   pf_filler,
                "https://kun.uz/x"),
        "Kunduz province - floods hit farms");
    ck_title(
        pf_page_of("<meta name=\"twitter:title\" content=\"From Twitter card\">"
                "<title>Other</title>", pf_filler, NULL),
        "From Twitter card");
    ck_title(
        pf_page_of("<script type=\"application/ld+json\">{\"@type\":"
                "\"NewsArticle\",\"headline\":\"From JSON &amp; LD\"}"
                "</script><title>Other</title>", pf_filler, NULL),
        "From JSON & LD");
    ck_title(
        pf_page_of("<title>Gazette</title>", "<h1>  From the\n headline </h1>",
                NULL),
        "From the headline");
    /* a logo <h1> comes first; the headline is the <h1> matching <title>,
     * and its dateline is the one read */
    p = pf_page_of("<title>Water talks resume in Tashkent - Gazette</title>",
                "<header><h1>Gazette</h1><p>25 November 2025</p></header>"
                "<article><h1>Water talks resume in Tashkent</h1><p>3 March "
                "2025</p><p>Delegations of the two countries met again to "
                "discuss the sharing of river water.</p></article>", NULL);
    ck_assert_str_eq(p->title, "Water talks resume in Tashkent");
    ck_assert_str_eq(pf_date_str(p->published), "2025-03-03");
    ck_text_lacks(p, "Water talks resume");
    page_free(&p);
    /* site falls back to the host of the URL */
    p = pf_page_of("", pf_filler, "https://www.stat.example.uz:8443/en/x");
    ck_assert_str_eq(p->site, "stat.example.uz");
    ck_assert_ptr_null(p->title);
    page_free(&p);
    /* JSON-LD publisher name */
    p = pf_page_of("<script type=\"application/ld+json\">{\"@type\":"
                "\"Article\",\"publisher\":{\"@type\":\"Organization\","
                "\"name\":\"Statistics Agency\"},\"author\":[{\"name\":"
                "\"A. One\"},{\"name\":\"B. Two\"}]}</script>", pf_filler,
                NULL);
    ck_assert_str_eq(p->site, "Statistics Agency");
    ck_assert_str_eq(p->author, "A. One, B. Two");
    page_free(&p);
}
END_TEST

START_TEST(test_canonical)
{
    struct page *p;

    p = pf_page_of("<link rel=\"canonical\" href=\"https://a.example/x\">",
                pf_filler, "https://b.example/y");
    ck_assert_str_eq(p->canonical, "https://a.example/x");
    page_free(&p);
    p = pf_page_of("<link rel=\"Canonical\" href=\"../news/1?a=b\">", pf_filler,
                "https://b.example/en/docs/page.html");
    ck_assert_str_eq(p->canonical, "https://b.example/en/news/1?a=b");
    page_free(&p);
    p = pf_page_of("<base href=\"https://c.example/base/\"><link "
                "rel=\"canonical\" href=\"item\">", pf_filler,
                "https://b.example/y");
    ck_assert_str_eq(p->canonical, "https://c.example/base/item");
    page_free(&p);
    p = pf_page_of("<link rel=\"canonical\" href=\"//d.example/z\">", pf_filler,
                "http://b.example/y");
    ck_assert_str_eq(p->canonical, "http://d.example/z");
    page_free(&p);
}
END_TEST

/* ---- encodings -------------------------------------------------------- */

START_TEST(test_windows_1251_meta)
{
    /* "Оборот вырос" and "16 марта 2025" in windows-1251 */
    const char html[] =
        "<html><head><meta http-equiv=\"Content-Type\" "
        "content=\"text/html; charset=windows-1251\"></head><body>"
        "<h1>\xce\xe1\xee\xf0\xee\xf2</h1><p>16 \xec\xe0\xf0\xf2\xe0 2025</p>"
        "<p>\xce\xe1\xee\xf0\xee\xf2 \xe2\xfb\xf0\xee\xf1 \xed\xe0 3,1 %, "
        "\xe4\xee 65,9 \xec\xeb\xf0\xe4 \xe4\xee\xeb\xeb\xe0\xf0\xee\xe2 "
        "\xe7\xe0 \xe3\xee\xe4.</p></body></html>";
    struct page *p = pf_parse(html, NULL);

    ck_assert_str_eq(p->title, "Оборот");
    ck_text_has(p, "Оборот вырос на 3,1 %, до 65,9 млрд долларов за год.");
    ck_assert_str_eq(pf_date_str(p->published), "2025-03-16");
    ck_assert(pf_valid_utf8(p->text));
    page_free(&p);
}
END_TEST

START_TEST(test_charset_header_wins)
{
    /* the header says windows-1251; the stale meta says UTF-8 */
    const char html[] = "<meta charset=\"utf-8\"><p>\xcf\xf0\xe8\xe2\xe5"
                        "\xf2 \xec\xe8\xf0, this paragraph is long enough."
                        "</p>";
    struct page *p = pf_parse_ct(html, sizeof html - 1,
                              "text/html; charset=\"Windows-1251\"", NULL);

    ck_text_has(p, "Привет мир");
    page_free(&p);
}
END_TEST

START_TEST(test_invalid_utf8)
{
    const char html[] = "<html lang=uz><body><h1>Sarlavha</h1><p>Eksport "
                        "o\xe2\x80\x98sdi \xff\xfe bad \xc3\x28 bytes and a "
                        "cut \xe2\x82 sequence, caf\xc3\xa9 stays.</p>"
                        "<p>NUL\x01 here</p></body></html>";
    struct page *p = pf_parse_ct(html, sizeof html - 1, NULL, NULL);

    ck_assert(pf_valid_utf8(p->text));
    ck_text_has(p, "o\xe2\x80\x98sdi");
    ck_text_has(p, "\xef\xbf\xbd\xef\xbf\xbd bad \xef\xbf\xbd(");
    ck_text_has(p, "café stays.");
    ck_assert_str_eq(p->lang, "uz");
    page_free(&p);
}
END_TEST

START_TEST(test_nul_bytes_and_latin1_guess)
{
    /* undeclared Latin-1 (no valid UTF-8 multibyte at all): windows-1252 */
    const char html[] = "<p>M\xfcnchen und K\xf6ln: Gr\xfc\xdf" "e, 5\x80, "
                        "and a NUL \0byte inside the paragraph.</p>";
    struct page *p = pf_parse_ct(html, sizeof html - 1, NULL, NULL);

    ck_text_has(p, "München und Köln: Grüße, 5€");
    ck_text_has(p, "NUL byte");
    ck_assert(pf_valid_utf8(p->text));
    page_free(&p);
}
END_TEST

START_TEST(test_bom_utf16)
{
    const char src[] = "<p>Hello, UTF-16 paragraph with enough text.</p>";
    size_t n = sizeof src - 1;
    char *buf = cc_malloc(2 * n + 2);
    struct page *p;

    buf[0] = '\xff';
    buf[1] = '\xfe';
    for (size_t i = 0; i < n; i++) {
        buf[2 + 2 * i] = src[i];
        buf[3 + 2 * i] = 0;
    }
    p = pf_parse_ct(buf, 2 * n + 2, NULL, NULL);
    ck_text_has(p, "Hello, UTF-16 paragraph");
    page_free(&p);
    free(buf);
}
END_TEST

static enum charset_source sniff(const char *s, const char *ct, char *label)
{
    return charset_sniff(s, strlen(s), ct, label, CHARSET_LABEL_MAX);
}

START_TEST(test_charset_sniff)
{
    char label[CHARSET_LABEL_MAX];

    ck_assert_int_eq(sniff("\xef\xbb\xbf<p>", "text/html; charset=koi8-r",
                           label),
                     CHARSET_BOM);
    ck_assert_str_eq(label, "UTF-8");
    ck_assert_int_eq(sniff("<p>", "text/html;charset=KOI8-R", label),
                     CHARSET_HEADER);
    ck_assert_str_eq(label, "KOI8-R");
    ck_assert_int_eq(sniff("<!-- <meta charset=big5> --><meta "
                           "charset='ISO-8859-1'>", NULL, label),
                     CHARSET_META);
    ck_assert_str_eq(label, "WINDOWS-1252");
    ck_assert_int_eq(sniff("<?xml version=\"1.0\" encoding=\"windows-1251\""
                           "?><html>", NULL, label),
                     CHARSET_META);
    ck_assert_str_eq(label, "WINDOWS-1251");
    ck_assert_int_eq(sniff("<meta charset=\"utf-16\">", NULL, label),
                     CHARSET_META);
    ck_assert_str_eq(label, "UTF-8");
    ck_assert_int_eq(sniff("<META HTTP-EQUIV=Content-Type CONTENT=\"text/html;"
                           " charset=gb2312\">", NULL, label),
                     CHARSET_META);
    ck_assert_str_eq(label, "GB18030");
    ck_assert_int_eq(sniff("<p>plain", "text/html", label), CHARSET_DEFAULT);
    ck_assert_str_eq(label, "UTF-8");
    /* junk labels are ignored */
    ck_assert_int_eq(sniff("<meta charset=\"x;rm -rf\">", NULL, label),
                     CHARSET_DEFAULT);
    /* only the first CHARSET_SNIFF_BYTES are looked at */
    {
        static const char meta[] = "<meta charset=koi8-r>";
        char *late = cc_malloc(CHARSET_SNIFF_BYTES + sizeof meta);

        memset(late, ' ', CHARSET_SNIFF_BYTES);
        memcpy(late + CHARSET_SNIFF_BYTES, meta, sizeof meta);
        ck_assert_int_eq(sniff(late, NULL, label), CHARSET_DEFAULT);
        free(late);
    }
}
END_TEST

START_TEST(test_unknown_charset)
{
    struct page *p = pf_parse_ct("<p>still readable text in the paragraph</p>",
                              43, "text/html; charset=x-no-such-thing", NULL);

    ck_text_has(p, "still readable text");
    page_free(&p);
}
END_TEST

/* ---- hostile and odd inputs ------------------------------------------- */

START_TEST(test_deep_nesting)
{
    const size_t depth = 100000;
    struct cc_buf b;
    struct page *p;
    time_t t0 = time(NULL);

    cc_buf_init(&b, 16u << 20);
    cc_buf_addstr(&b, "<html><body><p>Top paragraph of the deeply nested "
                      "page.</p>");
    for (size_t i = 0; i < depth; i++)
        cc_buf_addstr(&b, i % 2 ? "<span>" : "<div>");
    cc_buf_addstr(&b, "deep text at the bottom");
    for (size_t i = 0; i < depth; i++)
        cc_buf_addstr(&b, i % 2 ? "</div>" : "</span>");
    cc_buf_addstr(&b, "</body></html>");
    p = pf_parse_ct(b.data, b.len, NULL, NULL);
    ck_assert_msg(time(NULL) - t0 < 60, "deep nesting took too long");
    ck_text_has(p, "deep text at the bottom");
    ck_assert_ptr_nonnull(p->note);
    ck_assert_ptr_nonnull(strstr(p->note, "nested"));
    page_free(&p);
    cc_buf_free(&b);
}
END_TEST

START_TEST(test_unclosed_formatting)
{
    /* unclosed formatting elements re-opened for every paragraph */
    struct cc_buf b;
    struct page *p;

    cc_buf_init(&b, 8u << 20);
    for (int i = 0; i < 5000; i++)
        cc_buf_printf(&b, "<p><b class=c%d><i id=i%d>word %d", i, i, i);
    p = pf_parse_ct(b.data, b.len, NULL, NULL);
    ck_text_has(p, "word 0");
    ck_text_has(p, "word 4999");
    page_free(&p);
    cc_buf_free(&b);
}
END_TEST

START_TEST(test_many_attributes)
{
    struct cc_buf b;
    struct page *p;

    cc_buf_init(&b, 1u << 20);
    cc_buf_addstr(&b, "<html><body><div ");
    for (int i = 0; i < 10000; i++)
        cc_buf_printf(&b, "data-a%d=\"%d\" ", i, i);
    cc_buf_addstr(&b, "class=\"content\"><p>Paragraph after ten thousand "
                      "attributes on its parent.</p></div></body></html>");
    p = pf_parse_ct(b.data, b.len, NULL, NULL);
    ck_text_has(p, "Paragraph after ten thousand attributes");
    page_free(&p);
    cc_buf_free(&b);
}
END_TEST

START_TEST(test_no_body_and_fragments)
{
    struct page *p;

    p = pf_parse("<title>Only a title</title><p>Only paragraph text here, "
              "long enough to count as content.</p>", NULL);
    ck_assert_str_eq(p->title, "Only a title");
    ck_text_has(p, "Only paragraph text here");
    ck_assert_ptr_null(p->note);
    page_free(&p);

    p = pf_parse("just some bare text without any markup at all", NULL);
    ck_assert_str_eq(p->text, "just some bare text without any markup at all");
    page_free(&p);

    p = pf_parse("<html><head><title>Frames</title></head><frameset cols=\"*,*\">"
              "<frame src=\"a.html\"><frame src=\"b.html\"></frameset>"
              "</html>", NULL);
    ck_assert_str_eq(p->text, "");
    ck_assert_str_eq(p->note, "no readable article text");
    ck_assert_str_eq(p->title, "Frames");
    page_free(&p);

    p = pf_parse_ct("", 0, NULL, NULL);
    ck_assert_str_eq(p->text, "");
    ck_assert_str_eq(p->note, "no readable article text");
    ck_assert_uint_eq(p->published.y, 0);
    page_free(&p);

    p = pf_parse_ct(NULL, 0, "text/html", NULL);
    ck_assert_str_eq(p->text, "");
    page_free(&p);
}
END_TEST

START_TEST(test_hidden_and_boilerplate_markup)
{
    struct page *p = pf_parse(
        "<body><div class=\"l-sidebar-fixed l-article-body-segment\">"
        "<p>The layout class names a sidebar but holds the article text "
        "about 4,200 new jobs.</p></div>"
        "<div hidden><p>Hidden paragraph with 111 hidden figures in it.</p>"
        "</div>"
        "<div aria-hidden=\"true\"><p>Aria hidden paragraph, 222 figures in "
        "total.</p></div>"
        "<div style=\"color: red; DISPLAY : none\"><p>Invisible paragraph "
        "with 333 figures in it.</p></div>"
        "<form><input value=\"444\"><select><option>555</option></select>"
        "<textarea>666</textarea></form>"
        "<div id=\"comments\"><p>Great article! I think it is 777 not 4,200 "
        "jobs.</p></div>"
        "<noscript><p>Enable JavaScript to see 888 more.</p></noscript>"
        "<template><p>Template text 999.</p></template>"
        "<svg><text>SVG label 1010</text></svg>"
        "<iframe>Frame fallback 1111</iframe>"
        "<div role=\"navigation\"><p>Section list 1212 long enough.</p></div>"
        "<section class=\"o-section--has-ads\"><p>A section whose modifier "
        "mentions ads still holds 1313 words of content.</p></section>"
        "</body>", NULL);

    ck_text_has(p, "4,200 new jobs");
    ck_text_has(p, "1313 words");
    for (int n = 111; n <= 1212; n += 111) {
        char s[16];

        if (n == 1110)
            n = 1111;
        snprintf(s, sizeof s, "%d", n);
        ck_text_lacks(p, s);
    }
    ck_text_lacks(p, "1010");
    page_free(&p);
}
END_TEST

START_TEST(test_link_dense_and_wrappers)
{
    /* the whole page sits in a <form> (ASP.NET) and a wrapper whose id
     * looks like a social-media hook; the link list is dropped */
    struct page *p = pf_parse(
        "<body><form id=\"aspnetForm\"><div id=\"social-scroll-past\">"
        "<h1>Statistical release</h1>"
        "<p>Industrial output rose by 6.1 percent in the first quarter, "
        "the statistics committee reported on Monday morning.</p>"
        "<p>Construction grew by 9.4 percent over the same period, "
        "driven by housing and roads in the regions.</p>"
        "<h2>Section heading kept</h2><p>Services grew by 3.3 percent in "
        "the quarter as well, led by retail trade.</p>"
        "<h3>More releases</h3>"
        "<ul><li><a href=\"/1\">Release one with 12.5 figure</a></li>"
        "<li><a href=\"/2\">Release two with 13.5 figure</a></li>"
        "<li><a href=\"/3\">Release three with 14.5 figure</a></li></ul>"
        "<p>Read more: <a href=\"/archive/long/link/text/here\">the full "
        "archive of statistical releases 15.5</a></p>"
        "</div></form></body>", NULL);

    ck_text_has(p, "rose by 6.1 percent");
    ck_text_has(p, "grew by 9.4 percent");
    ck_text_lacks(p, "12.5");
    ck_text_lacks(p, "15.5");
    /* a heading is kept with its text, dropped with its dropped list */
    ck_text_has(p, "Section heading kept\n\nServices grew by 3.3 percent");
    ck_text_lacks(p, "More releases");
    ck_assert_str_eq(p->title, "Statistical release");
    ck_text_lacks(p, "Statistical release\n");
    page_free(&p);
}
END_TEST

START_TEST(test_br_paragraphs_and_cells)
{
    struct page *p = pf_parse(
        "<body><div class=\"text\">First line of the statement with "
        "enough words in it.<br><br>Second part of the statement, also "
        "long enough to count.<br>same paragraph continues here.</div>"
        "<table><tr><td><p>Layout cell paragraph one has text.</p>"
        "<p>Layout cell paragraph two has text.</p></td></tr></table>"
        "</body>", NULL);

    ck_text_has(p, "in it.\n\nSecond part");
    ck_text_has(p, "count. same paragraph");
    ck_text_has(p, "one has text.\n\nLayout cell paragraph two");
    page_free(&p);

    /* no-break spaces are spaces; a block of them is empty */
    p = pf_parse("<body><p>Output reached 4&nbsp;300&nbsp;&nbsp; tonnes in the "
              "first quarter of the year.</p><p>&nbsp;</p><p>Second "
              "paragraph of the statement follows here.</p></body>", NULL);
    ck_assert_str_eq(p->text, "Output reached 4 300 tonnes in the first "
                              "quarter of the year.\n\nSecond paragraph of "
                              "the statement follows here.");
    page_free(&p);
}
END_TEST

START_TEST(test_plain_text)
{
    const char txt[] = "Title line\r\nsecond   line\n\n \xc2\xa0\n  Next "
                       "paragraph \t here.\n";
    struct page *p = pf_parse_ct(txt, sizeof txt - 1, "text/plain; "
                              "charset=utf-8",
                              "https://x.example/2024/04/07/report.txt");

    ck_assert_str_eq(p->text, "Title line second line\n\nNext paragraph here.");
    ck_assert_str_eq(pf_date_str(p->published), "2024-04-07");
    ck_assert_str_eq(p->site, "x.example");
    ck_assert_ptr_null(p->title);
    page_free(&p);
}
END_TEST

START_TEST(test_input_cap)
{
    /* a page past PAGE_MAX_BYTES is cut and says so */
    size_t n = PAGE_MAX_BYTES + 4096;
    char *big = cc_malloc(n);
    struct page *p;
    const char head[] = "<html><body><p>";

    memcpy(big, head, sizeof head - 1);
    for (size_t i = sizeof head - 1; i < n; i++)
        big[i] = (i % 64 == 0) ? ' ' : 'a';
    p = pf_parse_ct(big, n, NULL, NULL);
    ck_assert_ptr_nonnull(p->note);
    ck_assert_ptr_nonnull(strstr(p->note, "cut"));
    ck_assert_uint_gt(p->text_len, PAGE_MAX_BYTES / 2);
    ck_assert_uint_le(p->text_len, PAGE_MAX_BYTES);
    page_free(&p);
    free(big);
}
END_TEST

START_TEST(test_page_free_null)
{
    struct page *p = NULL;

    page_free(&p);
    page_free(NULL);
    ck_assert_ptr_null(p);
}
END_TEST

/* ---- helpers ------------------------------------------------------------ */

static void check_resolve(const char *base, const char *ref, const char *want)
{
    char *r = html_url_resolve(base, ref);

    ck_assert_msg(r && strcmp(r, want) == 0, "resolve(%s, %s) = %s, want %s",
                  base, ref, r ? r : "(null)", want);
    free(r);
}

START_TEST(test_url_helpers)
{
    char *h;

    check_resolve("https://a.example/b/c/d.html", "e.html",
                  "https://a.example/b/c/e.html");
    check_resolve("https://a.example/b/c/d.html", "../e", "https://a.example/"
                                                          "b/e");
    check_resolve("https://a.example/b/c/d.html", "./../../../e",
                  "https://a.example/e");
    check_resolve("https://a.example/b/c/d.html?q=1#f", "?x=2",
                  "https://a.example/b/c/d.html?x=2");
    check_resolve("https://a.example/b", "#top", "https://a.example/b#top");
    check_resolve("https://a.example", "x", "https://a.example/x");
    check_resolve("https://a.example/b/", "/c/./d/../e?f=../g",
                  "https://a.example/c/e?f=../g");
    check_resolve("https://a.example/b/", "  HTTPS://z.example/ ",
                  "HTTPS://z.example/");
    check_resolve(NULL, "/rel", "/rel");
    check_resolve("not a url", "rel", "rel");
    ck_assert_ptr_null(html_url_resolve("https://a.example/", "   "));
    ck_assert_ptr_null(html_url_resolve("https://a.example/", NULL));
    h = html_url_host("https://user:pw@WWW.Gov.Example:443/path");
    ck_assert_str_eq(h, "gov.example");
    free(h);
    h = html_url_host("http://[::1]:8080/x");
    ck_assert_str_eq(h, "[::1]");
    free(h);
    ck_assert_ptr_null(html_url_host("/relative/path"));
    ck_assert_ptr_null(html_url_host(NULL));
}
END_TEST

START_TEST(test_classify)
{
    int16_t w;

    ck_assert(ht_classify("related-posts", NULL, &w) & HTF_BOILER);
    ck_assert(ht_classify("relatedPosts", NULL, &w) & HTF_BOILER);
    ck_assert(ht_classify(NULL, "mainNav", &w) & HTF_BOILER);
    ck_assert(ht_classify("cookie-consent banner", NULL, &w) & HTF_BOILER);
    ck_assert(ht_classify("ad-slot", NULL, &w) & HTF_BOILER);
    ck_assert(ht_classify("site-header", NULL, &w) & HTF_BOILER);
    ck_assert(ht_classify("more-news", NULL, &w) & HTF_BOILER);
    ck_assert(ht_classify("comments", NULL, &w) & HTF_BOILER_COMMENT);
    ck_assert_int_lt(w, 0);
    ck_assert(!(ht_classify("headline", NULL, &w) & HTF_BOILER));
    ck_assert(!(ht_classify("commentary", NULL, &w) & HTF_BOILER));
    ck_assert(!(ht_classify("address loading", NULL, &w) & HTF_BOILER));
    ck_assert(!(ht_classify("o-section--has-ads", NULL, &w) & HTF_BOILER));
    ck_assert(!(ht_classify("l-sidebar-fixed l-article-body", NULL, &w) &
                HTF_BOILER));
    ck_assert(!(ht_classify("entry-header", NULL, &w) & HTF_BOILER));
    ck_assert(!(ht_classify(NULL, NULL, &w) & HTF_BOILER));
    ck_assert_int_eq(w, 0);
    ck_assert(ht_classify("article-content", NULL, &w) == 0);
    ck_assert_int_gt(w, 0);
    ck_assert(ht_classify("post-date", NULL, &w) & HTF_DATECLASS);
    ck_assert(ht_classify("byline", NULL, &w) & HTF_DATECLASS);
}
END_TEST

START_TEST(test_prescan)
{
    char buf[256];
    struct html_prescan_stats st;
    size_t n;

    snprintf(buf, sizeof buf, "<div><div><div><p>x</div></div></div>");
    n = html_prescan_flatten(buf, strlen(buf), 2, &st);
    buf[n] = '\0';
    ck_assert_str_eq(buf, "<div><div><p>x</div></div>");
    ck_assert_uint_eq(st.deep, 2);
    /* void and optional-end elements, comments and raw text are not
     * counted */
    snprintf(buf, sizeof buf, "<div><br><img src=x><p>a<p>b<!-- <div> -->"
                              "<script>if (a<b) {}</script></div><div>c");
    n = html_prescan_flatten(buf, strlen(buf), 1, &st);
    buf[n] = '\0';
    ck_assert_uint_eq(st.deep, 0);
    /* quoted '>' inside attributes */
    snprintf(buf, sizeof buf, "<div title=\"a>b\"><div>x");
    n = html_prescan_flatten(buf, strlen(buf), 1, &st);
    buf[n] = '\0';
    ck_assert_str_eq(buf, "<div title=\"a>b\">x");
    /* script and style bodies go, JSON-LD stays */
    snprintf(buf, sizeof buf, "<style>p{}</style><script>var a=1;</script>"
                              "<script type=\"application/ld+json\">{}"
                              "</script>x");
    n = html_prescan_flatten(buf, strlen(buf), 8, &st);
    buf[n] = '\0';
    ck_assert_str_eq(buf, "<style></style><script></script><script type="
                          "\"application/ld+json\">{}</script>x");
}
END_TEST

/* Long text runs leave the markup Gumbo parses and come back whole. */
#define PROSE "Trade turnover between Uzbekistan and Kazakhstan reached " \
              "$4.4 billion in 2023, officials said."

static size_t stash_of(const char *html, char *out, size_t outlen,
                       struct html_stash *st, struct html_prescan_stats *ps)
{
    size_t n;

    snprintf(out, outlen, "%s", html);
    n = html_prescan_stash(out, strlen(out), 64, ps, st);
    out[n] = '\0';
    return n;
}

START_TEST(test_prescan_stash)
{
    char buf[2048], flat[2048];
    struct html_stash st;
    struct html_prescan_stats ps, pf;
    struct cc_buf back;
    const char *doc = "<p>  " PROSE " </p><p>short</p>";

    stash_of(doc, buf, sizeof buf, &st, &ps);
    ck_assert_str_eq(buf, "<p>  " HTML_STASH_OPEN "0" HTML_STASH_CLOSE
                          " </p><p>short</p>");
    ck_assert_uint_eq(st.n, 1);
    /* the length had nothing been stashed: what flatten returns */
    snprintf(flat, sizeof flat, "%s", doc);
    ck_assert_uint_eq(ps.unstashed,
                      html_prescan_flatten(flat, strlen(flat), 64, &pf));
    cc_buf_init(&back, 4096);
    ck_assert_int_eq(html_stash_expand(&st, buf, strlen(buf), &back), CC_OK);
    ck_assert_str_eq(back.data, doc);
    cc_buf_free(&back);
    html_stash_free(&st);

    /* a character reference and its name stay, the prose either side goes */
    stash_of("<p>" PROSE "&amp;" PROSE "&copy2024 " PROSE "</p>", buf,
             sizeof buf, &st, &ps);
    ck_assert_str_eq(buf, "<p>" HTML_STASH_OPEN "0" HTML_STASH_CLOSE "&amp;"
                          HTML_STASH_OPEN "1" HTML_STASH_CLOSE "&copy2024 "
                          HTML_STASH_OPEN "2" HTML_STASH_CLOSE "</p>");
    html_stash_free(&st);

    /* left in place: after a lone '<' (the tokenizer may read a tag or a
     * comment there) and after a removed comment (text either side is
     * glued); CR and control characters stay where they are, the prose
     * around them goes */
    stash_of("<p>a < " PROSE "</p><p>x<!-- c -->" PROSE "</p>", buf,
             sizeof buf, &st, &ps);
    ck_assert_uint_eq(st.n, 0);
    html_stash_free(&st);
    stash_of("<p>" PROSE "\r\n" PROSE "</p><p>ab\x01" PROSE "</p>", buf,
             sizeof buf, &st, &ps);
    ck_assert_str_eq(buf, "<p>" HTML_STASH_OPEN "0" HTML_STASH_CLOSE "\r\n"
                          HTML_STASH_OPEN "1" HTML_STASH_CLOSE "</p><p>ab\x01"
                          HTML_STASH_OPEN "2" HTML_STASH_CLOSE "</p>");
    html_stash_free(&st);

    /* pages that keep all their text */
    stash_of("<frameset>" PROSE "</frameset>", buf, sizeof buf, &st, &ps);
    ck_assert_uint_eq(st.n, 0);
    html_stash_free(&st);
    stash_of("<svg><![CDATA[x]]></svg><p>" PROSE "</p>", buf, sizeof buf, &st,
             &ps);
    ck_assert_uint_eq(st.n, 0);
    html_stash_free(&st);
    stash_of("<p>" PROSE HTML_STASH_OPEN "</p>", buf, sizeof buf, &st, &ps);
    ck_assert_uint_eq(st.n, 0);
    html_stash_free(&st);

    /* expansion copies what is not a known marker as it is */
    stash_of("<p>" PROSE "</p>", buf, sizeof buf, &st, &ps);
    cc_buf_init(&back, 4096);
    ck_assert_int_eq(html_stash_expand(&st, HTML_STASH_OPEN "7"
                                       HTML_STASH_CLOSE "|" HTML_STASH_OPEN
                                       "x", 12, &back), CC_OK);
    ck_assert_str_eq(back.data, HTML_STASH_OPEN "7" HTML_STASH_CLOSE "|"
                                HTML_STASH_OPEN "x");
    cc_buf_free(&back);
    html_stash_free(&st);
}
END_TEST

/* Pages read with and without the stash are the same page, also where
 * the tree builder moves text (tables, head, frames, foreign content). */
START_TEST(test_stash_same_page)
{
    static const char *const docs[] = {
        "<html><head><title>T</title></head><body><article><h1>Head</h1>"
        "<p>" PROSE "</p><p> " PROSE " &amp; " PROSE "&nbsp;" PROSE
        "</p></article></body></html>",
        "<table>" PROSE "<tr><td>" PROSE "</td></tr><colgroup>" PROSE
        "</colgroup></table><select>" PROSE "</select><p>" PROSE "</p>",
        PROSE "<html><head>" PROSE "<noscript>" PROSE "</noscript></head>"
        PROSE "</html>" PROSE,
        "<pre>\n" PROSE "</pre><textarea>" PROSE "</textarea><svg><title>"
        PROSE "</title><desc>" PROSE "</desc></svg><p>" PROSE "</p>",
        "<script>var a = 1;</scriptx> " PROSE " </script><script type=\""
        "application/ld+json\">{\"headline\": \"" PROSE "\"}</script><p>"
        PROSE "</p>",
        "<p>a < " PROSE "</p><p></ " PROSE "></p><p>&am<!-- x -->p;" PROSE
        "</p><b><i>" PROSE "</b>" PROSE "</i>",
    };

    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        struct page *p = NULL, *q = NULL;
        char err[CC_ERRLEN];

        ck_assert_int_eq(page_parse(docs[i], strlen(docs[i]), "text/html",
                                    NULL, &p, err, sizeof err), CC_OK);
        page_text_stash(false);
        ck_assert_int_eq(page_parse(docs[i], strlen(docs[i]), "text/html",
                                    NULL, &q, err, sizeof err), CC_OK);
        page_text_stash(true);
        ck_assert_msg(strcmp(p->text, q->text) == 0, "doc %zu: [%s] vs [%s]",
                      i, p->text, q->text);
        ck_assert(strstr(p->text, "Uzbekistan") != NULL);
        ck_assert_msg((!p->title && !q->title) ||
                      (p->title && q->title && !strcmp(p->title, q->title)),
                      "doc %zu: titles differ", i);
        page_free(&p);
        page_free(&q);
    }
}
END_TEST

/* The visible headline is the title when metadata confirms it or it is
 * the page's only <h1>; a kicker inside it is not part of the title. */
START_TEST(test_headline_title)
{
    /* og:title carries a site suffix and a kicker; the <h1> does not */
    ck_title(
        pf_parse("<html><head><meta property=\"og:title\" content=\"Corona: "
              "Shops reopen slowly | Daily Example\"></head><body>"
              "<h1><span class=\"dachzeile\">Corona</span> <span "
              "class=\"headline\">Shops reopen slowly</span></h1>"
              "<p>Shops in the city reopened on Monday, slowly and with "
              "masks, after six weeks of closure.</p></body></html>",
              "https://daily.example/a"),
        "Shops reopen slowly");
    /* an overline span without a headline class is dropped too */
    ck_title(
        pf_parse("<html><head><title>Page</title></head><body><h1><span "
              "class=\"ts-overline\">Distance rules</span> How firms "
              "protect their staff</h1><p>Firms measure temperatures at "
              "the gate and keep desks two metres apart.</p></body></html>",
              NULL),
        "How firms protect their staff");
    /* the only <h1> wins over an unrelated og:title */
    ck_title(
        pf_parse("<html><head><meta property=\"og:title\" content=\"Cheap "
              "loans compared >> offers\"></head><body><h1>Find a cheap "
              "car loan now</h1><p>Compare the rates of forty banks in "
              "one place before you sign.</p></body></html>", NULL),
        "Find a cheap car loan now");
}
END_TEST

/* ---- titles: the visible heading that carries a metadata title -------- */

/* A heading (<h1>-<h3>) that is a metadata title, told apart only by
 * typographic quotes, dashes or case, or one part of <title> beside the
 * site's name, is the title as the page shows it; logos (links to the
 * home page), hidden headings and a site part of the heading's own are
 * passed over. */
START_TEST(test_title_heading_match)
{
    /* typographic apostrophe in the <h1>, a plain one in og:title; the
     * first <h1> is the site's */
    ck_title(
        pf_parse("<html><head><meta property=\"og:title\" content=\"Editor's "
              "letter: bye old baby\"></head><body><h1>Journal</h1><h1>"
              "Editor\xe2\x80\x99s letter: bye old baby</h1><p>After ten "
              "years the magazine changes its name and its printer.</p>"
              "</body></html>", NULL),
        "Editor\xe2\x80\x99s letter: bye old baby");
    /* the blog's name in an <h1> linking home; the post is an <h2> that
     * is one part of <title> */
    ck_title(
        pf_parse("<html><head><title>Four Years Remaining \xc2\xbb Interning "
              "of Small Integers</title></head><body><h1><a href=\""
              "https://web.archive.org/web/2014/http://fouryears.eu/\">"
              "Four Years Remaining</a></h1><h2>Interning of Small "
              "Integers</h2><p>Python keeps one object for each small "
              "integer, so the identity test holds.</p></body></html>",
              NULL),
        "Interning of Small Integers");
    /* the heading's own site part goes when og:title is the bare title */
    ck_title(
        pf_parse("<html><head><meta property=\"og:title\" content=\"Was wir "
              "nicht h\xc3\xb6ren wollen\"></head><body><h1>Was wir nicht "
              "h\xc3\xb6ren wollen | FASSETTE.NET</h1><p>Eine Runde "
              "diskutiert, was wir \xc3\xbc" "ber uns nicht wissen wollen."
              "</p></body></html>", NULL),
        "Was wir nicht h\xc3\xb6ren wollen");
    /* a screen-reader copy of <title> does not beat the visible <h1> */
    ck_title(
        pf_parse("<html><head><title>Dead bumblebees under the lime trees of "
              "the town: the reason | Bees</title></head><body><h2 class=\""
              "screen-reader-text\">Dead bumblebees under the lime trees of "
              "the town: the reason | Bees</h2><h1>Dead bumblebees in July"
              "</h1><p>Up to a thousand bumblebees die under each tree in "
              "July.</p></body></html>", NULL),
        "Dead bumblebees in July");
}
END_TEST

/* Kickers and subtitles in the heading: a kicker run into the <h1> that
 * the metadata title sets apart with a separator goes (a quotation with
 * ':' stays); a title-classed element that opens the <h1> keeps the
 * subtitle after it; a separator left in front goes; <small> text goes. */
START_TEST(test_title_kickers)
{
    ck_title(
        pf_parse("<html><head><title>Olympische Spiele in Paris - Getr\xc3\xa4"
              "nke per Schiff ins Stadtzentrum - Example.de</title></head>"
              "<body><h1><span>Olympische Spiele in Paris</span> Getr\xc3"
              "\xa4nke per Schiff ins Stadtzentrum</h1><p>Die Getr\xc3\xa4"
              "nke kommen auf der Seine in die Stadt.</p></body></html>",
              "https://example.de/a"),
        "Getr\xc3\xa4nke per Schiff ins Stadtzentrum");
    ck_title(
        pf_parse("<html><head><meta property=\"og:title\" content=\"Climate "
              "leader Oberland? - Lake Voice\"></head><body><h1>Energy "
              "Oberland: Climate leader Oberland?</h1><p>The valley wants "
              "to heat with the sun by the year 2035.</p></body></html>",
              NULL),
        "Climate leader Oberland?");
    ck_title(
        pf_parse("<html><head><meta property=\"og:title\" content=\"Kramer "
              "misses the games in Beijing\"></head><body><h1>\"Pure "
              "void\": Kramer misses the games in Beijing</h1><p>A positive "
              "test ends the hopes of the jumper days before the start.</p>"
              "</body></html>", NULL),
        "\"Pure void\": Kramer misses the games in Beijing");
    ck_title(
        pf_parse("<html><head><title>Row before the works meeting</title>"
              "</head><body><h1><span class=\"pf-title\">Row before the "
              "works meeting:</span><br>Chief and board fall out</h1><p>"
              "The relation between the chief and the board is said to be "
              "broken.</p></body></html>", NULL),
        "Row before the works meeting: Chief and board fall out");
    ck_title(
        pf_parse("<html><head><meta property=\"og:title\" content=\"Corona - "
              "It also matters how people die\"></head><body><h1><span "
              "class=\"dachzeile\">Corona</span> - It also matters how "
              "people die</h1><p>A doctor on dying alone in the wards of "
              "the pandemic.</p></body></html>", NULL),
        "It also matters how people die");
    /* <small> in the heading is side text: a subtitle, a date */
    ck_title(
        pf_parse("<html><head><title>Fish cakes</title></head><body><h1>"
              "Deep-fried fish cakes, hot and fresh <small>Welcome to the "
              "flavour capital of the north</small></h1><p>The shop fries "
              "its fish cakes in front of the guests.</p></body></html>",
              NULL),
        "Deep-fried fish cakes, hot and fresh");
}
END_TEST

/* Logos are links to the home page: such an <h1> neither confirms itself
 * as the headline nor stands in for a missing one; the page's only other
 * <h1> is the headline (over an <h2>/<h3> that is only a part of the
 * title), and with no <h1> (or only logos) the first <h2> of two or more
 * words outside boilerplate is.  Text hidden from readers
 * (aria-hidden) inside a heading is not part of the title. */
START_TEST(test_title_logos_and_h2)
{
    /* the logo <h1> is also the site part of <title> */
    ck_title(
        pf_parse("<html><head><title>Small sheep lore | Mascot the Sheep - "
              "Webcomic</title></head><body><h1 id=\"site-title\"><a href="
              "\"http://www.mascot.example/\">Mascot the Sheep - Webcomic"
              "</a></h1><h1 class=\"entry-title\">Small sheep lore</h1>"
              "<p>Sheep sleep standing up only when they feel safe in the "
              "herd.</p></body></html>", NULL),
        "Small sheep lore");
    /* the only <h1> besides the logo, though og:title differs */
    ck_title(
        pf_parse("<html><head><meta property=\"og:title\" content=\"Paint "
              "minions with stencils - roller & colour\"></head><body><h1>"
              "<a href=\"/\" rel=\"home\">Papaganda</a></h1><h1>Paint "
              "minions with stencils \xe2\x80\x93 with roller and colours"
              "</h1><p>Cut the stencils first, then roll the yellow paint "
              "on.</p></body></html>", NULL),
        "Paint minions with stencils \xe2\x80\x93 with roller "
        "and colours");
    /* no <h1>: the first <h2> of 2+ words outside navigation */
    ck_title(
        pf_parse("<html><head><title>Weekly report 14 - 20 January - SLF"
              "</title></head><body><nav><h2>Main navigation</h2></nav><h2>"
              "Content</h2><h2>Weak layers, a calm avalanche situation</h2>"
              "<p>The snow cover settled during the week in all regions.</p>"
              "</body></html>", NULL),
        "Weak layers, a calm avalanche situation");
    /* only a logo <h1>: the same */
    ck_title(
        pf_parse("<html><head><title>Time for talks</title></head><body><h1>"
              "<a href=\"https://talks.example/\">Time for talks</a></h1>"
              "<h2>More digital cinemas in Switzerland</h2><p>Half of the "
              "cinemas now show films from hard disks.</p></body></html>",
              NULL),
        "More digital cinemas in Switzerland");
    /* a dash hidden from screen readers between kicker and headline */
    ck_title(
        pf_parse("<html><head><meta property=\"og:title\" content=\"Zoonoses "
              "\xe2\x80\x93 How habitat loss breeds epidemics\"></head><body>"
              "<h1><span>Zoonoses</span><span aria-hidden=\"true\"> \xe2\x80"
              "\x93 </span><span>How habitat loss breeds epidemics</span>"
              "</h1><p>Bats carry more than three thousand coronaviruses."
              "</p></body></html>", NULL),
        "How habitat loss breeds epidemics");
    /* the only <h1> (twice, for phone and desktop) beats an <h3> that is
     * one part of <title> */
    ck_title(
        pf_parse("<html><head><title>Run Windows on Mac - Desktop 15 Virtual "
              "Machine for Mac</title></head><body><h1>Desktop 15 for Mac"
              "</h1><h3>Run Windows on Mac</h3><h1>Desktop 15 for Mac</h1>"
              "<p>Run the programs of both systems side by side without a "
              "restart.</p></body></html>", NULL),
        "Desktop 15 for Mac");
}
END_TEST

/* Short lines of page furniture inside the article block (share and
 * newsletter prompts, "related" labels, datelines, captions with a
 * credit) are not article text; a headline with a kicker run into it
 * gives way to the metadata title that is the headline proper. */
START_TEST(test_furniture_lines_and_kicker)
{
    struct page *p;

    p = pf_parse("<html><head><meta property=\"og:title\" content=\"Gro"
              "\xc3\x9f" "e Aufgaben f\xc3\xbcr die neue Regierung\">"
              "</head><body><article><h1><span>Tunesien</span> Gro"
              "\xc3\x9f" "e Aufgaben f\xc3\xbcr die neue Regierung</h1>"
              "<p>23.10.2018</p><p>The new government of the country faces "
              "a long list of tasks, from the budget to the reform of the "
              "courts.</p><p>The harbour at dawn, seen from the old fort. "
              "\xc2\xa9 AFP / Jane Roe</p><p>Mehr zum Thema</p><p>Jetzt "
              "teilen!</p><p>Subscribe to email updates</p><p>Parliament "
              "meets again on Monday to vote on the first laws of the new "
              "cabinet.</p><p>Kontakt: press@example.org</p></article>"
              "</body></html>", NULL);
    ck_assert_str_eq(p->title,
                     "Gro\xc3\x9f" "e Aufgaben f\xc3\xbcr die neue Regierung");
    ck_text_has(p, "a long list of tasks");
    ck_text_has(p, "vote on the first laws");
    ck_text_lacks(p, "23.10.2018");
    ck_text_lacks(p, "AFP");
    ck_text_lacks(p, "Mehr zum Thema");
    ck_text_lacks(p, "teilen");
    ck_text_lacks(p, "Subscribe");
    ck_text_lacks(p, "Kontakt");
    page_free(&p);
}
END_TEST

/* The lead paragraph between the headline and the article body (a "hero"
 * block beside the share buttons) is part of the main text, first. */
START_TEST(test_lead_before_body)
{
    struct page *p;
    const char *lead, *body;

    p = pf_parse("<html><body><h1>Heat pumps in old houses</h1><div class="
              "\"hero\"><ul class=\"share\"><li><a href=\"/s\">Share"
              "</a></li></ul><div><p>Heat pumps use "
              "free energy from the air, the ground or the water, and they "
              "work in many old houses too.</p></div></div><div class=\"x\">"
              "<div class=\"y\"><p>The flow temperature matters most: below "
              "55 degrees a heat pump runs efficiently, and most radiators "
              "reach that after new windows.</p><p>Ground water pumps are "
              "the most efficient kind, but they need a well and a permit "
              "from the water authority.</p><p>Air pumps cost least to "
              "install and need no digging, which is why most owners choose "
              "them in the end.</p><p>A survey of 56 houses, built between "
              "1850 and 1970, found that, with small changes, all of them "
              "could be heated by a pump, and that bills fell by a third."
              "</p><p>Subsidies cover up to 40 percent of the cost, paid by "
              "the federal office after the pump is installed, checked and "
              "registered.</p></div></div></body></html>", NULL);
    lead = strstr(p->text, "free energy from the air");
    body = strstr(p->text, "flow temperature matters");
    ck_assert_msg(lead && body && lead < body, "text: %s", p->text);
    ck_text_lacks(p, "Share");
    page_free(&p);
}
END_TEST

/* ---- main text: boilerplate classes and recoveries (issue 4) ---------- */

/* An author box (class or id naming the author) and an affiliate
 * disclaimer are not article text; a microformats "hentry" post stays
 * whatever "tag-..." classes it has, even beside a longer comment
 * section. */
START_TEST(test_main_author_box_and_hentry)
{
    struct page *p;

    p = pf_parse("<body><div class=\"post hentry tag-nav category-news\">"
              "<p>The council passed the budget of "
              "12.4 million on Tuesday after a long debate about the "
              "schools.</p><p>Spending on roads rises by 8 percent, the "
              "treasurer said, and the library gets a new roof.</p>"
              "<div class=\"m-author\"><p>Jane Roe writes about local "
              "politics and has covered the council since 2009, 777 "
              "stories.</p></div><p class=\"aawp-disclaimer\">Links to "
              "shops earn us a commission of 555 cents.</p></div>"
              "<div id=\"comments\"><ol><li class=\"comment\"><p>I was "
              "there and the debate was much longer than it says here, "
              "with many speakers.</p></li><li class=\"comment\"><p>The "
              "roof of the library has been leaking for years, good that "
              "it is fixed at last.</p></li><li class=\"comment\"><p>Roads "
              "first, then schools, that is how it always goes in this "
              "town, sadly enough.</p></li><li class=\"comment\"><p>Who will "
              "pay for all this in the end? The taxpayers of course, as "
              "every single year.</p></li></ol></div></body>", NULL);
    ck_text_has(p, "12.4 million");
    ck_text_has(p, "rises by 8 percent");
    ck_text_lacks(p, "777");
    ck_text_lacks(p, "555");
    ck_text_lacks(p, "leaking");
    page_free(&p);
}
END_TEST

/* A one-word BEM modifier ("--Ads": a section with an ad slot) does not
 * make its block boilerplate; a Drupal key-value modifier still counts. */
START_TEST(test_main_bem_modifier)
{
    struct page *p;

    p = pf_parse("<body><article>"
              "<section class=\"Report__Section Report__Section--Ads\"><p>"
              "The grill reached 55 degrees in eleven minutes, faster than "
              "any other model in the test.</p></section>"
              "<section class=\"Report__Section Report__Section--Ads\"><p>"
              "The steak was evenly cooked and the grease tray was easy to "
              "clean after the test.</p></section>"
              "<section class=\"Report__Section\"><p>Our verdict: a good "
              "grill for its price, with a thermometer that works well."
              "</p></section>"
              "<div class=\"paragraph paragraph--type--related-articles\">"
              "<p>Another grill test from last year, 888 readers liked "
              "it very much indeed.</p></div></article></body>", NULL);
    ck_text_has(p, "55 degrees");
    ck_text_has(p, "evenly cooked");
    ck_text_lacks(p, "888");
    page_free(&p);
}
END_TEST

/* An article inside <noscript> (drawn by a script otherwise) is read; a
 * page made only of links (a link roll) gives its text rather than
 * nothing. */
START_TEST(test_main_noscript_and_link_roll)
{
    struct page *p;

    p = pf_parse("<body><div class=\"post\"><div itemprop=\"articleBody\">"
              "<noscript><p>Over the past years threats on the web have "
              "become more sophisticated, and 4,200 sites were "
              "blocked.</p><p>The new mode checks addresses in real time "
              "against a list kept on the server.</p></noscript>"
              "<noscript><p>Please turn on JavaScript 999.</p></noscript>"
              "</div></div></body>", NULL);
    ck_text_has(p, "4,200 sites were blocked");
    ck_text_has(p, "in real time");
    ck_text_lacks(p, "999");
    page_free(&p);

    p = pf_parse("<body><article><h1>Links of the day</h1><ul>"
              "<li><p><a href=\"/a\">Press subsidies: study doubts state "
              "support</a></p><p>via Horizont</p></li>"
              "<li><p><a href=\"/b\">New rules for cookie banners in "
              "force</a></p><p>via t3n</p></li>"
              "<li><p><a href=\"/c\">Court ruling on upload filters "
              "published</a></p><p>via netzpolitik</p></li>"
              "</ul></article></body>", NULL);
    ck_text_has(p, "study doubts state support");
    ck_text_has(p, "via t3n");
    page_free(&p);
}
END_TEST

/* A class naming a caption or credit is left out like <figcaption>,
 * unless it holds a real paragraph (a video page's description). */
START_TEST(test_main_caption_class)
{
    struct page *p;

    p = pf_parse("<body><article><p>The minister opened the new harbour "
              "terminal on Monday, built for 230 million over four years."
              "</p><div class=\"wp-caption\"><img src=\"a.jpg\"><p class="
              "\"wp-caption-text\">The minister at the terminal, 777."
              "</p></div><p>The terminal can handle ships of up to 400 "
              "metres and will employ 1,100 people.</p>"
              "<span class=\"photo-credit\">Jane Roe for the Harbour Office "
              "888</span>"
              "</article></body>", NULL);
    ck_text_has(p, "230 million");
    ck_text_has(p, "1,100 people");
    ck_text_lacks(p, "777");
    ck_text_lacks(p, "888");
    page_free(&p);

    p = pf_parse("<body><main><div class=\"player\"></div><div class="
              "\"item-caption\"><p class=\"item-description\">New York is "
              "the centre of the pandemic in the United States, and sport "
              "has stopped too; how the season goes on is open, and the "
              "clubs wait for word from the league.</p></div>"
              "</main></body>", NULL);
    ck_text_has(p, "centre of the pandemic");
    page_free(&p);
}
END_TEST

/* A <main> split into several <article> chapters is read whole; a news
 * record's teaser above its body (no headline found) and a sentence-long
 * <h2> subheadline are the lead. */
START_TEST(test_main_chapters_and_leads)
{
    struct page *p;

    p = pf_parse("<body><nav><a href=\"/\">Home</a></nav><main>"
              "<article><div><div><p>The French hurdler won the European "
              "title in 2019 and again in 2021, both times in 7.49 "
              "seconds.</p><p>He trains in Paris with his father, who was "
              "a hurdler too, and races indoors every winter.</p></div>"
              "</div></article><article><div><div><p>The Swedish pole "
              "vaulter set a world lead of 6.02 metres this winter and "
              "says he feels strong.</p></div></div></article><article>"
              "<div><div><p>The Norwegian runner has not lost a race over "
              "400 metres hurdles since the Olympics last summer.</p></div>"
              "</div></article><article><div><div><p>The Dutch sprinter "
              "comes back after an injury and hopes to reach the final "
              "in Munich.</p></div></div></article></main></body>", NULL);
    ck_text_has(p, "7.49 seconds");
    ck_text_has(p, "6.02 metres");
    ck_text_has(p, "400 metres hurdles");
    page_free(&p);

    p = pf_parse("<body><div class=\"news\"><div class=\"row\">"
              "<div class=\"col-12\"><div class=\"teaser-text\"><p>The "
              "repair cafe opens again on Saturday, and 14 volunteers "
              "will fix what visitors bring along.</p></div></div>"
              "<div class=\"col-6\"><div itemprop=\"articleBody\"><p>"
              "Toasters, bicycles and radios are the most common things "
              "brought in, the organisers say.</p><p>Coffee and cake are "
              "served while people wait for their repairs to be "
              "done.</p></div></div></div></div></body>", NULL);
    ck_text_has(p, "14 volunteers");
    ck_assert_msg(strstr(p->text, "14 volunteers") <
                  strstr(p->text, "Toasters"), "text: %s", p->text);
    page_free(&p);

    p = pf_parse("<body><h1>Truck drivers threaten a strike</h1>"
              "<h2>The union will ask its 9,000 members on Thursday "
              "whether to stop work next week</h2><div class=\"x\">"
              "<div class=\"body\"><p>The drivers demand more protection "
              "on the roads after a series of attacks on trucks in the "
              "south.</p><p>The government said it would meet the union "
              "leaders before the vote, and offered more police on the "
              "main roads.</p></div></div></body>", NULL);
    ck_text_has(p, "9,000 members");
    page_free(&p);
}
END_TEST

static Suite *html_suite(void)
{
    Suite *s = suite_create("html");
    TCase *pages = tcase_create("pages");
    TCase *enc = tcase_create("encodings");
    TCase *hostile = tcase_create("hostile");
    TCase *helpers = tcase_create("helpers");

    tcase_add_test(pages, test_news_page_metadata);
    tcase_add_test(pages, test_news_page_text);
    tcase_add_test(pages, test_density_page);
    tcase_add_test(pages, test_titles);
    tcase_add_test(pages, test_headline_title);
    tcase_add_test(pages, test_title_heading_match);
    tcase_add_test(pages, test_title_kickers);
    tcase_add_test(pages, test_title_logos_and_h2);
    tcase_add_test(pages, test_furniture_lines_and_kicker);
    tcase_add_test(pages, test_lead_before_body);
    tcase_add_test(pages, test_main_author_box_and_hentry);
    tcase_add_test(pages, test_main_bem_modifier);
    tcase_add_test(pages, test_main_noscript_and_link_roll);
    tcase_add_test(pages, test_main_caption_class);
    tcase_add_test(pages, test_main_chapters_and_leads);
    tcase_add_test(pages, test_canonical);
    tcase_add_test(pages, test_hidden_and_boilerplate_markup);
    tcase_add_test(pages, test_link_dense_and_wrappers);
    tcase_add_test(pages, test_br_paragraphs_and_cells);
    tcase_add_test(pages, test_plain_text);
    tcase_add_test(pages, test_page_free_null);
    tcase_add_test(enc, test_windows_1251_meta);
    tcase_add_test(enc, test_charset_header_wins);
    tcase_add_test(enc, test_invalid_utf8);
    tcase_add_test(enc, test_nul_bytes_and_latin1_guess);
    tcase_add_test(enc, test_bom_utf16);
    tcase_add_test(enc, test_charset_sniff);
    tcase_add_test(enc, test_unknown_charset);
    tcase_add_test(hostile, test_deep_nesting);
    tcase_add_test(hostile, test_unclosed_formatting);
    tcase_add_test(hostile, test_many_attributes);
    tcase_add_test(hostile, test_no_body_and_fragments);
    tcase_add_test(hostile, test_input_cap);
    tcase_set_timeout(hostile, 120);
    tcase_add_test(helpers, test_url_helpers);
    tcase_add_test(helpers, test_classify);
    tcase_add_test(helpers, test_prescan);
    tcase_add_test(helpers, test_prescan_stash);
    tcase_add_test(helpers, test_stash_same_page);
    suite_add_tcase(s, pages);
    suite_add_tcase(s, enc);
    suite_add_tcase(s, hostile);
    suite_add_tcase(s, helpers);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(html_suite());
    int failed;

    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
