/*
 * tests/unit/test_html_title.c -- page titles: the rules that read the
 * visible headline the way a reader sees it (ruby readings, soft hyphens,
 * kicker elements, symbols drawn in text) and those that take a site name
 * off a metadata title.  The older title rules are in test_html.c.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/cc.h"
#include "parser/page.h"
#include "tests/unit/page_fixture.h"

/* ---- ruby annotations ------------------------------------------------- */

/* Furigana in <rt> (and the <rp> parentheses) are readings printed above
 * the text, not part of it: the headline reads as the <title> does. */
START_TEST(test_title_ruby)
{
    struct page *p;

    p = pf_page_of("<title>NEWS WEB EASY|子どもへの体罰を禁止する法律ができる"
                   "</title><meta property=\"og:site_name\" "
                   "content=\"NEWS WEB EASY\">",
                   "<h1>Menu</h1><article><h1><ruby>子<rt>こ</rt></ruby>"
                   "どもへの<ruby>体罰<rp>(</rp><rt>たいばつ</rt><rp>)</rp>"
                   "</ruby>を禁止する法律ができる</h1><p>"
                   "子どもへの体罰を禁止する法律ができました。親も体罰をしては"
                   "いけません。</p></article><aside><h1>新しいニュース</h1>"
                   "</aside>", NULL);
    ck_assert_str_eq(p->title, "子どもへの体罰を禁止する法律ができる");
    ck_text_lacks(p, "たいばつ");
    page_free(&p);
}
END_TEST

/* ---- a site name glued to the title ------------------------------------ */

START_TEST(test_title_glued_site)
{
    /* "Site|Title" and "Title_Site" when the site's name is known */
    ck_title(
        pf_page_of("<title>Daily Ledger|Budget approved by parliament</title>"
                   "<meta property=\"og:site_name\" content=\"Daily Ledger\">",
                   pf_filler, NULL),
        "Budget approved by parliament");
    ck_title(
        pf_page_of("<title>预算获得批准_新闻网</title>"
                   "<meta property=\"og:site_name\" content=\"新闻网\">",
                   pf_filler, NULL),
        "预算获得批准");
    /* a hyphen joins words: "BMW-Chef" is not "BMW" glued to a title */
    ck_title(
        pf_page_of("<title>BMW-Chef tritt zurück</title>"
                   "<meta property=\"og:site_name\" content=\"BMW\">",
                   pf_filler, NULL),
        "BMW-Chef tritt zurück");
    /* an unknown name stays */
    ck_title(
        pf_page_of("<title>Ledger|Budget approved</title>", pf_filler, NULL),
        "Ledger|Budget approved");
}
END_TEST

/* ---- soft hyphens ------------------------------------------------------ */

START_TEST(test_title_soft_hyphens)
{
    /* the metadata spells the title without them: they go */
    ck_title(
        pf_page_of("<meta name=\"twitter:title\" content=\"Messengerdienste "
                   "sind kein rechtsfreier Raum\"><title>Amt - Presse - "
                   "Messengerdienste sind kein rechtsfreier Raum</title>",
                   "<h1 class=\"aural\">Amt</h1><article><h1>Mes&shy;sen&shy;"
                   "ger&shy;diens&shy;te sind kein rechts&shy;frei&shy;er "
                   "Raum</h1><p>Die Polizei ermittelt auch in verschlüsselten "
                   "Messengerdiensten, wenn dort Straftaten verabredet "
                   "werden, sagte der Präsident des Amtes.</p></article>",
                   NULL),
        "Messengerdienste sind kein rechtsfreier Raum");
    /* the metadata writes them too: the title keeps them */
    ck_title(
        pf_page_of("<meta property=\"og:title\" content=\"Deutsch&shy;land "
                   "hilft\"><title>Deutsch&shy;land hilft | Amt</title>",
                   "<h1>Deutsch&shy;land hilft</h1><p>Die Regierung stellt "
                   "weitere Mittel für das Welternährungsprogramm bereit, "
                   "teilte das Ministerium am Montag mit.</p>", NULL),
        "Deutsch\xc2\xad" "land hilft");
    /* soft hyphens do not hide that the <h1> is the title: the kicker
     * run into it goes */
    ck_title(
        pf_page_of("<meta property=\"og:title\" content=\"Erinnerung an die "
                   "Opfer\"><title>Rat - Archiv - Erinnerung an die Opfer"
                   "</title>",
                   "<h1 class=\"logo\"></h1><h1>Navigation</h1>"
                   "<article><h1><em>Gedenktag </em>Er&shy;in&shy;ne&shy;rung "
                   "an die Op&shy;fer</h1><p>Der Präsident des Rates erinnerte "
                   "am Gedenktag an die Opfer und mahnte, ihr Andenken zu "
                   "bewahren.</p></article><h1>Kontakt</h1>", NULL),
        "Erinnerung an die Opfer");
}
END_TEST

/* ---- a kicker element of any length ------------------------------------ */

START_TEST(test_title_kicker_element)
{
    /* the kicker is an element of its own and <title> is the rest, even
     * with more than four words and no space between them */
    ck_title(
        pf_page_of("<title>Impfen ist bis Ende Februar noch überall möglich"
                   "</title>",
                   "<h1><span class=\"a1\">Medienmitteilung der Gesundheits-, "
                   "Sozial- und Integrationsdirektion <span class=\"b2\">:"
                   "</span></span>Impfen ist bis Ende Februar noch überall "
                   "möglich</h1><p>Wer sich impfen lassen will, kann dies "
                   "bis Ende Februar an allen Standorten tun, teilt die "
                   "Direktion mit.</p>", NULL),
        "Impfen ist bis Ende Februar noch überall möglich");
    /* without a metadata title that is the rest or that sets the
     * element apart, the heading stays whole */
    ck_title(
        pf_page_of("<title>Ein Stromcheck für alle | Bauen</title>",
                   "<h1><span class=\"h1small\">Initiative Energie</span> "
                   "Kostenloser Stromcheck für Haushalte</h1><p>Die Initiative "
                   "bietet Haushalten einen kostenlosen Stromcheck an, der "
                   "hilft, Geld zu sparen.</p>", NULL),
        "Initiative Energie Kostenloser Stromcheck für Haushalte");
    /* a quotation ending in ':' is the title's own */
    ck_title(
        pf_page_of("<title>Budget goes through parliament</title>",
                   "<h1><q>\"Pure void\":</q> Budget goes through parliament"
                   "</h1><p>The parliament approved the budget on Tuesday "
                   "after a long debate about spending on roads.</p>", NULL),
        "\"Pure void\": Budget goes through parliament");
}
END_TEST

/* ---- an <h1> confirmed by a title without its site part ----------------- */

START_TEST(test_title_confirmed_without_site)
{
    /* "Mandarinen-Schmand-Kuchen" is one word and less than half of the
     * metadata title, but the whole of it once " | Chefkoch" is gone */
    ck_title(
        pf_page_of("<meta property=\"og:title\" content=\"Mandarinen-Schmand-"
                   "Kuchen von jesusfreak | Chefkoch\"><meta property="
                   "\"og:site_name\" content=\"Chefkoch.de\">",
                   "<h1>Mandarinen-Schmand-Kuchen</h1><p>Den Mürbeteig "
                   "kneten, in die Form drücken und mit der Füllung aus "
                   "Schmand und Mandarinen backen.</p>", NULL),
        "Mandarinen-Schmand-Kuchen");
}
END_TEST

/* ---- symbols drawn in front of a title -------------------------------- */

START_TEST(test_title_leading_symbols)
{
    ck_title(
        pf_page_of("<title>Studio // Jens Weber</title>",
                   "<h2>[&gt; Jens Weber</h2><p>Jens Weber arbeitet als "
                   "Gestalter und Architekt an Fassaden, die Licht und Bilder "
                   "zeigen.</p>", NULL),
        "Jens Weber");
    ck_title(
        pf_page_of("<title>&gt;&gt; Budget approved</title>", pf_filler, NULL),
        "Budget approved");
    /* symbols with letters or digits are part of the title */
    ck_title(
        pf_page_of("<title>#MeToo five years on</title>", pf_filler, NULL),
        "#MeToo five years on");
    ck_title(
        pf_page_of("<title>(2021) Budget approved</title>", pf_filler, NULL),
        "(2021) Budget approved");
}
END_TEST

/* ---- second <h1>s that are labels or teasers --------------------------- */

/* A one-word label <h1> or one in a box the extractor drops does not make
 * the headline one of several: the headline beats a share-text og:title. */
START_TEST(test_title_minor_h1)
{
    ck_title(
        pf_page_of("<meta property=\"og:title\" content=\"Would you like "
                   "to join us?\">",
                   "<article><h1>Budget approved after a long night in "
                   "parliament</h1><p>The parliament approved the budget "
                   "for the coming year after a debate that lasted the "
                   "whole night, with votes from three parties.</p>"
                   "<h1>Usage</h1><p>Members read the text in committee "
                   "first, then in the plenary, as the rules say.</p>"
                   "</article>", NULL),
        "Budget approved after a long night in parliament");
    /* an icon's letter and a label are no headline */
    ck_title(
        pf_page_of("<meta property=\"og:title\" content=\"Pensions are "
                   "not a relic\">",
                   "<header><h1><i>O</i> Opinion</h1></header><article>"
                   "<h2>Pensions are not a relic</h2><p>The parliament "
                   "approved the budget for the coming year after a debate "
                   "that lasted the whole night.</p></article>", NULL),
        "Pensions are not a relic");
}
END_TEST

/* ---- a headline continued by the heading below it ---------------------- */

START_TEST(test_title_continued_h1)
{
    /* the <h2> right below repeats the <h1> and goes on */
    ck_title(
        pf_page_of("<title>Fire engines of the post-war years - Part 49 - "
                   "Vehicle Archive</title>",
                   "<h1>Fire engines of the post-war years - Part 49</h1>"
                   "<div><em>2 November 2021</em><h2>Fire engines of the "
                   "post-war years - Part 49 – Büssing (1931 – 1945)</h2>"
                   "</div>", NULL),
        "Fire engines of the post-war years - "
        "Part 49 – Büssing (1931 – 1945)");
    /* an SEO <h1> above the visible headline and its kicker element */
    ck_title(
        pf_page_of("<meta property=\"og:title\" content=\"Vanlife in "
                   "Sweden: Scandinavia by camper van\">"
                   "<title>Vanlife in Sweden - Scandinavia by camper | "
                   "Outdoor</title>",
                   "<h1>Vanlife in Sweden - Scandinavia by camper</h1>"
                   "<h2><span class=\"subline\">Vanlife in Sweden</span> "
                   "<span class=\"headline\">Scandinavia by camper van"
                   "</span></h2>", NULL),
        "Scandinavia by camper van");
    /* a heading that only holds the <h1>'s words inside it stays apart */
    ck_title(
        pf_page_of("<title>Enterprise 2.0 | HR Blog</title>",
                   "<h1>Enterprise 2.0</h1><h2>HR innovation in an "
                   "Enterprise 2.0 - challenges</h2>", NULL),
        "Enterprise 2.0");
}
END_TEST

/* ---- kicker element named by a metadata title --------------------------- */

START_TEST(test_title_meta_kicker)
{
    ck_title(
        pf_page_of("<title>Energy Initiative - free power check | Green "
                   "Building</title>",
                   "<article><h1><span class=\"h1small\">Energy Initiative"
                   "</span> Free power check for private homes</h1><p>"
                   "The parliament approved the budget for the coming year "
                   "after a debate that lasted the whole night.</p>"
                   "</article>", NULL),
        "Free power check for private homes");
}
END_TEST

/* ---- metadata titles that agree after ": " ------------------------------ */

START_TEST(test_title_common_tail)
{
    ck_title(
        pf_page_of("<meta property=\"og:title\" content=\"Revolution at "
                   "last?: City Builder Beta\"><title>gamesite | Previews: "
                   "City Builder Beta</title>", pf_filler, NULL),
        "City Builder Beta");
    /* the same kicker everywhere stays */
    ck_title(
        pf_page_of("<meta property=\"og:title\" content=\"Covid-19: Can "
                   "the spread be controlled?\"><title>Covid-19: Can the "
                   "spread be controlled?</title>", pf_filler, NULL),
        "Covid-19: Can the spread be controlled?");
}
END_TEST

/* ---- CJK site names; titles in Unicode NFC ------------------------------ */

START_TEST(test_title_cjk_tail_and_nfc)
{
    /* "-Site" after a CJK title, the site's name unknown */
    ck_title(
        pf_page_of("<title>预算获得批准！-新闻网</title>", pf_filler, NULL),
        "预算获得批准！");
    /* Latin words joined by a hyphen stay */
    ck_title(
        pf_page_of("<title>BMW-Chef tritt zurück</title>", pf_filler, NULL),
        "BMW-Chef tritt zurück");
    /* U+09DC is written as U+09A1 U+09BC, as normalised text writes it */
    ck_title(
        pf_page_of("<title>\xe0\xa6\xac\xe0\xa6\xbe\xe0\xa7\x9c\xe0\xa6\xbf"
                   "</title>", pf_filler, NULL),
        "\xe0\xa6\xac\xe0\xa6\xbe\xe0\xa6\xa1"
        "\xe0\xa6\xbc\xe0\xa6\xbf");
    /* a decomposed letter is composed: "Mu" U+0308 "nchen" -> "München" */
    ck_title(
        pf_page_of("<title>Mu\xcc\x88nchen feiert</title>", pf_filler, NULL),
        "M\xc3\xbcnchen feiert");
}
END_TEST

/* ---- the part of <title> the description repeats ------------------------ */

/* No headline on the page: "Site - Headline - Section" with the
 * description "Headline" gives the headline; a description that repeats
 * no part, or a one-word part, leaves <title> to the other rules. */
START_TEST(test_title_described_part)
{
    struct page *p;

    ck_title(
        pf_page_of("<title>Fan Club Regensburg - Club wins the cup final - "
                   "Club news - News</title><meta name=\"description\" "
                   "content=\"Club wins the cup final\">", pf_filler, NULL),
        "Club wins the cup final");
    ck_title(
        pf_page_of("<title>Fan Club - Club wins the cup final</title>"
                   "<meta name=\"description\" content=\"A report on the "
                   "final.\">", pf_filler, NULL),
        "Fan Club - Club wins the cup final");
    p = pf_page_of("<title>Cup final - Club - News</title>"
                   "<meta property=\"og:description\" content=\"Club\">",
                   pf_filler, NULL);
    ck_assert_str_eq(p->title, "Cup final - Club");   /* not "Club" */
    page_free(&p);
}
END_TEST

/* ---- one-word <h1> labels ------------------------------------------------ */

/* Two or more <h1>, each one word ("Page", "User": a wiki's side menus)
 * and none a metadata title: none is the headline; the first <h2> is.  A
 * single one-word <h1> is still a headline. */
START_TEST(test_title_h1_labels)
{
    ck_title(
        pf_page_of("<title>Guide/Download - Project Wiki</title>",
                   "<div class=\"menu\"><h1>Page</h1><ul><li>Edit</li></ul>"
                   "<h1>User</h1><ul><li>Login</li></ul></div>"
                   "<div id=\"content\"><h2>Downloading the tools</h2>"
                   "<p>The committee met on Tuesday to review the budget "
                   "proposals for the coming year and agreed on most of the "
                   "items discussed.</p></div>", NULL),
        "Downloading the tools");
    ck_title(
        pf_page_of("<title>Budget - Daily Ledger</title>",
                   "<h1>Budget</h1><h2>Related</h2>", NULL),
        "Budget");
}
END_TEST

static Suite *html_title_suite(void)
{
    Suite *s = suite_create("html_title");
    TCase *tc = tcase_create("titles");

    tcase_add_test(tc, test_title_ruby);
    tcase_add_test(tc, test_title_glued_site);
    tcase_add_test(tc, test_title_soft_hyphens);
    tcase_add_test(tc, test_title_kicker_element);
    tcase_add_test(tc, test_title_confirmed_without_site);
    tcase_add_test(tc, test_title_leading_symbols);
    tcase_add_test(tc, test_title_minor_h1);
    tcase_add_test(tc, test_title_continued_h1);
    tcase_add_test(tc, test_title_meta_kicker);
    tcase_add_test(tc, test_title_common_tail);
    tcase_add_test(tc, test_title_cjk_tail_and_nfc);
    tcase_add_test(tc, test_title_described_part);
    tcase_add_test(tc, test_title_h1_labels);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(html_title_suite());
    int failed;

    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
