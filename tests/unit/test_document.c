/* Unit tests: parser/document.c (+ document_text.c, document_ref.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parser/document.h"

/* ---- helpers ---------------------------------------------------------- */

static struct doc *seed;        /* the seed article, loaded once */

static const char *seed_path(void)
{
    static char buf[4096];
    const char *root = getenv("CITECHECK_ROOT");
    const char *fixed[] = {"examples/uz-kz-partnership.txt",
                           "../examples/uz-kz-partnership.txt",
                           "../shared/seed/uz-kz-partnership.txt",
                           "/work/shared/seed/uz-kz-partnership.txt"};

    if (root) {
        snprintf(buf, sizeof buf, "%s/examples/uz-kz-partnership.txt", root);
        if (access(buf, R_OK) == 0)
            return buf;
    }
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        if (access(fixed[i], R_OK) == 0)
            return fixed[i];
    return fixed[0];
}

static void seed_setup(void)
{
    char err[CC_ERRLEN] = "";
    cc_result result = doc_load(seed_path(), &seed, err, sizeof err);

    ck_assert_msg(result == CC_OK, "loading the seed: %s", err);
}

static void seed_teardown(void)
{
    doc_free(&seed);
}

static struct doc *parse(const char *text)
{
    struct doc *d = NULL;
    char err[CC_ERRLEN] = "";
    cc_result result = doc_parse_text("t.txt", text, strlen(text), &d, err,
                                      sizeof err);

    ck_assert_msg(result == CC_OK, "parse failed: %s", err);
    return d;
}

/* Parse must fail with CC_EUSAGE and a message containing want. */
static void parse_fails(const char *text, size_t len, const char *want)
{
    struct doc *d = NULL;
    char err[CC_ERRLEN] = "";
    cc_result result = doc_parse_text("bad.txt", text, len, &d, err,
                                      sizeof err);

    ck_assert_int_eq(result, CC_EUSAGE);
    ck_assert_ptr_null(d);
    ck_assert_msg(strstr(err, "bad.txt") != NULL, "no path in \"%s\"", err);
    ck_assert_msg(strstr(err, want) != NULL, "\"%s\" lacks \"%s\"", err, want);
}

/* The sentence containing needle, or NULL. */
static const struct doc_sentence *sentence_with(const struct doc *d,
                                                const char *needle)
{
    for (size_t i = 0; i < d->nsentences; i++)
        if (strstr(d->sentences[i].text, needle))
            return &d->sentences[i];
    return NULL;
}

/* The sentence that carries marker label, and the marker's index. */
static const struct doc_sentence *sentence_of(const struct doc *d,
                                              const char *label, size_t *k)
{
    for (size_t i = 0; i < d->nsentences; i++)
        for (size_t j = 0; j < d->sentences[i].nlabels; j++)
            if (strcmp(d->sentences[i].labels[j], label) == 0) {
                *k = j;
                return &d->sentences[i];
            }
    return NULL;
}

static void date_is(struct cc_date d, const char *want)
{
    char buf[16];

    cc_date_fmt(d, buf, sizeof buf);
    ck_assert_str_eq(buf, want);
}

/* ---- the seed article ------------------------------------------------- */

START_TEST(test_seed_references)
{
    static const struct {
        const char *label;
        int line;
        const char *url, *title, *publisher, *date_text;
        int y, m, d;
    } want[] = {
        {"14", 105, NULL,
         "The Impact of Uzbekistan-Kazakhstan Relations on the Central Asian "
         "Region", "International Journal of History and Political Sciences",
         "2025", 2025, 0, 0},
        {"15", 107, "https://www.trend.az/casia/uzbekistan/3882828.html",
         "Uzbekistan\xe2\x80\x99s trade turnover with Kazakhstan over past 4 "
         "years revealed", "Trend.Az", "7 Apr 2024", 2024, 4, 7},
        {"16", 110,
         "https://caspianpost.com/economics/kazakhstan-becomes-uzbekistan-s-"
         "third-largest-trade-partner-with-3-8-billion-in-trade",
         "Kazakhstan becomes Uzbekistan\xe2\x80\x99s third largest trade "
         "partner with $3.8 billion in trade", "Caspian Post", "2024", 2024,
         0, 0},
        {"17", 114,
         "https://primeminister.kz/en/news/kazakhstan-uzbekistan-trade-and-"
         "economic-cooperation-olzhas-bektenov-pays-working-visit-to-"
         "tashkent-27547",
         "Official visit of the Prime Minister of Kazakhstan to Uzbekistan, "
         "discussions on trade, investment and transport cooperation",
         "Embassy of Kazakhstan in Tashkent", "2024", 2024, 0, 0},
        {"18", 181,
         "https://caspianpost.com/economics/uzbekistan-kazakhstan-trade-"
         "turnover-tops-3-8-billion-in-2024",
         "Kazakhstan\xe2\x80\x93Uzbekistan trade turnover tops $3.8 billion "
         "in 2024", "Caspian Post", "26 Dec 2024", 2024, 12, 26},
        {"19", 184,
         "https://uza.uz/en/posts/trade-turnover-between-uzbekistan-and-"
         "kazakhstan-approaches-14-billion_723452",
         "Trade turnover between Uzbekistan and Kazakhstan approaches $1.4 "
         "billion", "UzA / Kazinform", "24 May 2025", 2025, 5, 24},
        {"20", 187,
         "https://qazinform.com/news/kazakhstan-and-uzbekistan-develop-78-"
         "joint-projects-worth-usd-17-bln-2c296b",
         "Kazakhstan and Uzbekistan develop 78 joint projects worth USD 1.7 "
         "bln", "Kazinform", "14 Nov 2025", 2025, 11, 14},
        {"21", 190,
         "https://uz.kursiv.media/en/2025-03-16/uzbekistan-and-kazakhstan-"
         "set-10-bn-trade-turnover-target/",
         "Uzbekistan and Kazakhstan set $10 bn trade turnover target",
         "Kursiv Media Uzbekistan", "16 Mar 2025", 2025, 3, 16},
    };

    ck_assert_uint_eq(seed->nrefs, 8);
    ck_assert_int_eq(seed->nlines, 273);   /* the file ends "\n " */
    for (size_t i = 0; i < 8; i++) {
        const struct doc_ref *r = &seed->refs[i];

        ck_assert_str_eq(r->label, want[i].label);
        ck_assert_ptr_eq(doc_find_ref(seed, want[i].label), r);
        ck_assert_int_eq(r->line, want[i].line);
        if (want[i].url) {
            ck_assert_ptr_nonnull(r->url);
            ck_assert_str_eq(r->url, want[i].url);
            ck_assert_int_gt(r->url_line, r->line);
        } else {
            ck_assert_ptr_null(r->url);
            ck_assert_int_eq(r->url_line, 0);
        }
        ck_assert_ptr_null(r->url_error);
        ck_assert_ptr_nonnull(r->title);
        ck_assert_str_eq(r->title, want[i].title);
        ck_assert_ptr_nonnull(r->publisher);
        ck_assert_str_eq(r->publisher, want[i].publisher);
        ck_assert_ptr_nonnull(r->date_text);
        ck_assert_str_eq(r->date_text, want[i].date_text);
        ck_assert_int_eq(r->date.y, want[i].y);
        ck_assert_int_eq(r->date.m, want[i].m);
        ck_assert_int_eq(r->date.d, want[i].d);
    }
    ck_assert_ptr_null(doc_find_ref(seed, "13"));
    ck_assert_ptr_null(doc_find_ref(seed, "22"));
    /* URL lines: 16's URL starts on line 112, 17's on 117 (ends on 119) */
    ck_assert_int_eq(doc_find_ref(seed, "16")->url_line, 112);
    ck_assert_int_eq(doc_find_ref(seed, "17")->url_line, 117);
    date_is(doc_find_ref(seed, "15")->date, "2024-04-07");
    /* the reference text is joined and keeps its URL */
    ck_assert_ptr_nonnull(strstr(doc_find_ref(seed, "14")->text,
                                 "Abdurazakova, K.Y. (2025). The Impact"));
    ck_assert_ptr_nonnull(strstr(doc_find_ref(seed, "17")->text,
                                 "olzhas-bektenov-pays"));
    ck_assert_ptr_nonnull(strstr(doc_find_ref(seed, "19")->text,
                                 "$1.4 billion, UzA"));
}
END_TEST

START_TEST(test_seed_markers)
{
    static const struct {
        const char *label;
        int line;
        const char *in;     /* text of the sentence carrying the marker */
    } want[] = {
        {"14", 54, "yanada chuqurlashgan."},
        {"15", 70, "mustahkamligini tasdiqlaydi."},
        {"16", 76, "maqsad qilganlar."},
        {"17", 90, "Smaiylovning"},
        {"18", 136, "esa import edi."},
        {"19", 144, "qayd etildi."},
        {"20", 154, "faoliyat yuritmoqda."},
        {"21", 170, "maqsadlar belgilandi."},
    };
    size_t total = 0;

    for (size_t i = 0; i < seed->nsentences; i++)
        total += seed->sentences[i].nlabels;
    ck_assert_uint_eq(total, 8);
    for (size_t i = 0; i < 8; i++) {
        size_t k = 0;
        const struct doc_sentence *s = sentence_of(seed, want[i].label, &k);

        ck_assert_msg(s != NULL, "no sentence has marker %s", want[i].label);
        ck_assert_uint_eq(s->nlabels, 1);
        ck_assert_int_eq(s->label_lines[k], want[i].line);
        ck_assert_msg(strstr(s->text, want[i].in) != NULL,
                      "marker %s in \"%s\"", want[i].label, s->text);
        /* the marker number is gone from the text */
        {
            char num[8];

            snprintf(num, sizeof num, " %s.", want[i].label);
            ck_assert_ptr_null(strstr(s->text, num));
        }
        ck_assert_int_eq(doc_sentence_line(s, s->len - 1), want[i].line);
    }
    /* the sentence with marker 17 starts at "Masalan," on line 84 */
    {
        size_t k;
        const struct doc_sentence *s = sentence_of(seed, "17", &k);

        ck_assert_int_eq(s->line, 84);
        ck_assert(strncmp(s->text, "Masalan, 2024 yilda", 19) == 0);
    }
}
END_TEST

START_TEST(test_seed_no_footnote_text_in_body)
{
    for (size_t i = 0; i < seed->nsentences; i++) {
        const char *t = seed->sentences[i].text;

        ck_assert_msg(!strstr(t, "Abdurazakova") && !strstr(t, "https://") &&
                      !strstr(t, "Caspian Post") && !strstr(t, "bektenov") &&
                      !strstr(t, "Kazinform"),
                      "footnote text in sentence: %s", t);
    }
    /* the body around the first footnote block is one sentence */
    ck_assert_ptr_nonnull(sentence_with(seed, "ikki tomonlama siyosiy "
                                              "strategiyalarning uzoq"));
    ck_assert_ptr_nonnull(sentence_with(seed, "rivojlandi."));
    ck_assert_ptr_nonnull(sentence_with(seed, "Bu gumanitar aloqalar ikki"));
}
END_TEST

START_TEST(test_seed_line_map)
{
    const struct doc_sentence *s = sentence_with(seed, "deyarli  5 milliard");
    const char *p;

    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(s->line, 70);
    p = strstr(s->text, "5 milliard");
    ck_assert_int_eq(doc_sentence_line(s, (size_t)(p - s->text)), 74);
    p = strstr(s->text, "4,3 milliard");
    ck_assert_int_eq(doc_sentence_line(s, (size_t)(p - s->text)), 72);
    /* clamped past the end */
    ck_assert_int_eq(doc_sentence_line(s, s->len + 100), 76);
    for (size_t i = 0; i < seed->nsentences; i++) {
        const struct doc_sentence *x = &seed->sentences[i];

        ck_assert_uint_eq(strlen(x->text), x->len);
        ck_assert_int_eq(x->line, x->line_at[0]);
        for (size_t j = 1; j < x->len; j++)
            ck_assert_int_ge(x->line_at[j], x->line_at[j - 1]);
    }
}
END_TEST

START_TEST(test_seed_splitting)
{
    const struct doc_sentence *s = sentence_with(seed, "4.9 milliard");

    ck_assert_ptr_nonnull(s);
    ck_assert_ptr_nonnull(strstr(s->text, "2.9 milliard"));
    ck_assert_ptr_nonnull(strstr(s->text, "4.4 milliard"));
    s = sentence_with(seed, "1,3 milliard");
    ck_assert_ptr_nonnull(strstr(s->text, "3,8 milliard"));
    ck_assert_ptr_nonnull(strstr(s->text, "2,5 milliard"));
    /* the year 2016 and figures are not markers */
    s = sentence_with(seed, "2016 yil Markaziy Osiyo");
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(s->nlabels, 0);
    /* hyphen at a line end joins without a space */
    ck_assert_ptr_nonnull(sentence_with(seed, "Shu sababli, 2016-yildan"));
    ck_assert_ptr_nonnull(sentence_with(seed, "yo\xe2\x80\x98nalishlar "
                                              "bir-birini mustahkamlaydi."));
}
END_TEST

START_TEST(test_seed_headings)
{
    const char *heads[] = {"KIRISH", "MUHOKAMA VA NATIJALAR", "XULOSA"};
    int lines[] = {39, 128, 211};

    for (size_t i = 0; i < 3; i++) {
        const struct doc_sentence *s = sentence_with(seed, heads[i]);

        ck_assert_ptr_nonnull(s);
        ck_assert_str_eq(s->text, heads[i]);
        ck_assert(s->heading);
        ck_assert_int_eq(s->line, lines[i]);
    }
    ck_assert(!sentence_with(seed, "XXI asrning")->heading);
    ck_assert(strncmp(sentence_with(seed, "XXI asrning")->text, "XXI", 3) == 0);
}
END_TEST

START_TEST(test_seed_word_repair)
{
    const char *fixed[] = {"barqaror strategik sheriklikni",
                           "strategik sheriklikni ijtimoiy",
                           "iqtisodiy integratsiya, siyosiy",
                           "tahlil qilish bugungi",
                           "qopqog\xe2\x80\x98i hisoblanadi.",
                           "nuqta sifatida e"};
    const char *broken[] = {"s trategik", "sheriklikn i", "integrat siya",
                            "qi lish", "hisobla nadi", "sifa tida"};

    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        ck_assert_msg(sentence_with(seed, fixed[i]) != NULL, "no \"%s\"",
                      fixed[i]);
    for (size_t i = 0; i < sizeof broken / sizeof *broken; i++)
        ck_assert_msg(sentence_with(seed, broken[i]) == NULL, "still \"%s\"",
                      broken[i]);
    /* real short words are left alone */
    ck_assert_ptr_nonnull(sentence_with(seed, "O\xe2\x80\x98zbekiston va "
                                              "Qozog"));
    ck_assert_ptr_nonnull(strstr(doc_find_ref(seed, "19")->title,
                                 "$1.4 billion"));
}
END_TEST

/* ---- synthetic documents ---------------------------------------------- */

START_TEST(test_initials_and_abbreviations)
{
    struct doc *d = parse(
        "Abdurazakova, K.Y. wrote that the U.S. economy grew, e.g. in 2016. "
        "Dr. Smith agreed with Prof. Jones on p. 4 of the report. The rate "
        "was 4.9 percent and 1,3 million people moved. Is that all? Yes!\n");

    ck_assert_uint_eq(d->nsentences, 5);
    ck_assert_str_eq(d->sentences[0].text,
                     "Abdurazakova, K.Y. wrote that the U.S. economy grew, "
                     "e.g. in 2016.");
    ck_assert_str_eq(d->sentences[1].text,
                     "Dr. Smith agreed with Prof. Jones on p. 4 of the "
                     "report.");
    ck_assert_str_eq(d->sentences[2].text,
                     "The rate was 4.9 percent and 1,3 million people moved.");
    ck_assert_str_eq(d->sentences[3].text, "Is that all?");
    ck_assert_str_eq(d->sentences[4].text, "Yes!");
    doc_free(&d);
    ck_assert_ptr_null(d);
}
END_TEST

START_TEST(test_reference_section_numbered)
{
    struct doc *d = parse(
        "Introduction\n"
        "\n"
        "Trade grew by 5 percent in 2024 [1]. Exports doubled [2, 3].\n"
        "Imports fell^3. Prices rose\xc2\xb9.\n"
        "\n"
        "References\n"
        "\n"
        "1. Smith, J. (2020). Growth in Asia. Journal of Trade, 3(2), 1-10.\n"
        "   https://example.com/growth\n"
        "2. Report on trade, World Bank, April 7, 2024.\n"
        "[3] Notes on Asia, Some Publisher, 2024-04-07. "
        "https://example.org/notes\n");
    const struct doc_ref *r;

    ck_assert_uint_eq(d->nrefs, 3);
    r = doc_find_ref(d, "1");
    ck_assert_str_eq(r->title, "Growth in Asia");
    ck_assert_str_eq(r->publisher, "Journal of Trade");
    ck_assert_str_eq(r->url, "https://example.com/growth");
    ck_assert_int_eq(r->url_line, 9);
    ck_assert_int_eq(r->date.y, 2020);
    r = doc_find_ref(d, "2");
    ck_assert_ptr_null(r->url);
    ck_assert_ptr_null(r->url_error);
    ck_assert_str_eq(r->title, "Report on trade");
    ck_assert_str_eq(r->publisher, "World Bank");
    ck_assert_str_eq(r->date_text, "April 7, 2024");
    date_is(r->date, "2024-04-07");
    r = doc_find_ref(d, "3");
    ck_assert_int_eq(r->line, 11);
    date_is(r->date, "2024-04-07");

    ck_assert_uint_eq(d->nsentences, 5);
    ck_assert(d->sentences[0].heading);
    ck_assert_str_eq(d->sentences[1].text,
                     "Trade grew by 5 percent in 2024.");
    ck_assert_uint_eq(d->sentences[1].nlabels, 1);
    ck_assert_str_eq(d->sentences[1].labels[0], "1");
    ck_assert_str_eq(d->sentences[2].text, "Exports doubled.");
    ck_assert_uint_eq(d->sentences[2].nlabels, 2);
    ck_assert_str_eq(d->sentences[2].labels[1], "3");
    ck_assert_str_eq(d->sentences[3].text, "Imports fell.");
    ck_assert_str_eq(d->sentences[3].labels[0], "3");
    ck_assert_int_eq(d->sentences[3].label_lines[0], 4);
    ck_assert_str_eq(d->sentences[4].text, "Prices rose.");
    ck_assert_str_eq(d->sentences[4].labels[0], "1");
    ck_assert_ptr_null(sentence_with(d, "References"));
    ck_assert_ptr_null(sentence_with(d, "Journal"));
    doc_free(&d);
}
END_TEST

START_TEST(test_uzbek_reference_heading)
{
    struct doc *d = parse(
        "Savdo hajmi oshdi 1. Eksport ham oshdi 2.\n"
        "\n"
        "Foydalanilgan adabiyotlar:\n"
        "1) Savdo hisoboti, Kun.uz, 07.04.2024. https://kun.uz/a\n"
        "2) Eksport, Gazeta.uz, 2025. https://gazeta.uz/b\n");

    ck_assert_uint_eq(d->nrefs, 2);
    date_is(doc_find_ref(d, "1")->date, "2024-04-07");
    ck_assert_str_eq(doc_find_ref(d, "1")->publisher, "Kun.uz");
    ck_assert_str_eq(doc_find_ref(d, "2")->url, "https://gazeta.uz/b");
    ck_assert_uint_eq(d->nsentences, 2);
    ck_assert_str_eq(d->sentences[0].text, "Savdo hajmi oshdi.");
    ck_assert_str_eq(d->sentences[1].labels[0], "2");
    doc_free(&d);
}
END_TEST

/* Credentials in a cited URL never reach the stored reference text; a
 * short user part is masked in place (the text never grows). */
START_TEST(test_reference_credentials_redacted)
{
    struct doc *d = parse(
        "Exports reached 3 billion dollars 1. Imports fell 2.\n"
        "\n"
        "References\n"
        "1. Trade data, Stat Agency, 5 Jan 2024. "
        "https://alice:s3cret@stat.example/t\n"
        "2. Notes, 2024. ftp://p@x.example/z\n");

    ck_assert_uint_eq(d->nrefs, 2);
    ck_assert_ptr_null(strstr(d->refs[0].text, "s3cret"));
    ck_assert_ptr_nonnull(strstr(d->refs[0].text,
                                 "https://***@stat.example/t"));
    ck_assert_ptr_nonnull(strstr(d->refs[1].text, "ftp://*@x.example/z"));
    doc_free(&d);
}
END_TEST

START_TEST(test_single_spaced_footnotes)
{
    /* footnotes at a page bottom, single spacing; the body resumes
     * mid-sentence without indentation after a complete URL */
    struct doc *d = parse(
        "Exports reached 3 billion dollars last year 1. The partners agreed\n"
        "to widen the corridor, and\n"
        "1 Trade data, Stat Agency, 5 Jan 2024. https://stat.example/\n"
        "trade-2023\n"
        "2 Corridor deal, Daily News, 12 Feb 2024.\n"
        "http://news.example/corridor\n"
        "the works began in spring 2.\n"
        "\n"
        "A new paragraph without a full stop\n"
        "\n"
        "Another paragraph.\n");

    ck_assert_uint_eq(d->nrefs, 2);
    ck_assert_str_eq(d->refs[0].url, "https://stat.example/trade-2023");
    ck_assert_str_eq(d->refs[1].url, "http://news.example/corridor");
    ck_assert_str_eq(d->refs[1].publisher, "Daily News");
    ck_assert_ptr_nonnull(sentence_with(d, "and the works began in spring."));
    ck_assert_str_eq(sentence_with(d, "works began")->labels[0], "2");
    ck_assert_int_eq(sentence_with(d, "works began")->label_lines[0], 7);
    /* a blank line ends a paragraph when lines are single-spaced */
    ck_assert_str_eq(sentence_with(d, "A new paragraph")->text,
                     "A new paragraph without a full stop");
    ck_assert_str_eq(sentence_with(d, "Another")->text, "Another paragraph.");
    doc_free(&d);
}
END_TEST

START_TEST(test_numbers_are_not_markers)
{
    /* 2 is a label, but not after "page", "4.9", a year or mid-sentence */
    struct doc *d = parse(
        "See page 2. Growth was 4.9. Trade rose in 2016. It had 2 parts and "
        "ended 2.\n"
        "\n"
        "2 Report, Agency, 2024. https://agency.example/report\n");

    ck_assert_uint_eq(d->nrefs, 1);
    ck_assert_str_eq(d->sentences[0].text, "See page 2.");
    ck_assert_uint_eq(d->sentences[0].nlabels, 0);
    ck_assert_str_eq(d->sentences[1].text, "Growth was 4.9.");
    ck_assert_uint_eq(d->sentences[1].nlabels, 0);
    ck_assert_str_eq(d->sentences[2].text, "Trade rose in 2016.");
    ck_assert_str_eq(d->sentences[3].text, "It had 2 parts and ended.");
    ck_assert_uint_eq(d->sentences[3].nlabels, 1);
    doc_free(&d);
}
END_TEST

START_TEST(test_markers_after_years_percent_and_lists)
{
    /* after a year or a percentage a sentence-ending known label is a
     * marker; "1, 2" gives both labels */
    struct doc *d = parse(
        "Trade reached $3.8 billion in 2024 1. Exports grew by 5% 2. "
        "Imports reached $2.5 billion, it said 1, 2. The plan runs to "
        "2030.\n"
        "\n"
        "1 Trade report, Example News, 5 Jan 2025. https://example.org/a\n"
        "2 Export report, Example News, 6 Jan 2025. https://example.org/b\n");

    ck_assert_uint_eq(d->nrefs, 2);
    ck_assert_str_eq(d->sentences[0].text,
                     "Trade reached $3.8 billion in 2024.");
    ck_assert_uint_eq(d->sentences[0].nlabels, 1);
    ck_assert_str_eq(d->sentences[0].labels[0], "1");
    ck_assert_str_eq(d->sentences[1].text, "Exports grew by 5%.");
    ck_assert_str_eq(d->sentences[1].labels[0], "2");
    ck_assert_uint_eq(d->sentences[2].nlabels, 2);
    ck_assert_str_eq(d->sentences[2].labels[1], "2");
    ck_assert_str_eq(d->sentences[3].text, "The plan runs to 2030.");
    ck_assert_uint_eq(d->sentences[3].nlabels, 0);
    doc_free(&d);
}
END_TEST

START_TEST(test_url_errors)
{
    struct doc *d = parse(
        "One 1. Two 2. Three 3. Four 4. Five 5.\n"
        "\n"
        "Notes\n"
        "1. A, B, 2024. ftp://files.example.com/a\n"
        "2. C, D, 2024. htp://broken.example.com\n"
        "3. E, F, 2024. www.example.com/a?\n"
        "4. G, H, 2024. https://no_dots/x\n"
        "5. I, J, 2024. doi:10.1000/xyz123.\n");

    ck_assert_uint_eq(d->nrefs, 5);
    ck_assert_ptr_null(d->refs[0].url);
    ck_assert_ptr_nonnull(strstr(d->refs[0].url_error, "not an http(s) URL"));
    ck_assert_ptr_nonnull(strstr(d->refs[0].url_error, "ftp://files"));
    ck_assert_ptr_null(d->refs[1].url);
    ck_assert_ptr_nonnull(strstr(d->refs[1].url_error, "unknown scheme"));
    ck_assert_str_eq(d->refs[2].url, "https://www.example.com/a");
    ck_assert_ptr_null(d->refs[2].url_error);
    ck_assert_ptr_null(d->refs[3].url);
    ck_assert_ptr_nonnull(strstr(d->refs[3].url_error, "malformed URL"));
    ck_assert_str_eq(d->refs[4].url, "https://doi.org/10.1000/xyz123");
    ck_assert_str_eq(d->refs[0].title, "A");
    ck_assert_str_eq(d->refs[0].publisher, "B");
    doc_free(&d);
}
END_TEST

START_TEST(test_dates)
{
    struct doc *d = parse(
        "a 1. b 2. c 3. d 4. e 5. f 6.\n\nReferences\n"
        "1. T one, P one, 7 April 2024.\n"
        "2. T two, P two, Sept 2023.\n"
        "3. Author, A. (2024, March 5). T three. P three.\n"
        "4. T four, P four, 31.02.2024.\n"
        "5. P five. A title of a few more words.2021.\n"
        "6. T six, P six, (2025).\n");

    date_is(d->refs[0].date, "2024-04-07");
    ck_assert_str_eq(d->refs[0].date_text, "7 April 2024");
    ck_assert_int_eq(d->refs[1].date.y, 2023);
    ck_assert_int_eq(d->refs[1].date.m, 9);
    ck_assert_int_eq(d->refs[1].date.d, 0);
    date_is(d->refs[2].date, "2024-03-05");
    ck_assert_str_eq(d->refs[2].title, "T three");
    ck_assert_str_eq(d->refs[2].publisher, "P three");
    ck_assert_int_eq(d->refs[3].date.y, 0);         /* no 31 February */
    ck_assert_str_eq(d->refs[4].publisher, "P five");
    ck_assert_str_eq(d->refs[4].title, "A title of a few more words");
    ck_assert_int_eq(d->refs[4].date.y, 2021);
    ck_assert_str_eq(d->refs[5].date_text, "2025");
    ck_assert_int_eq(d->refs[5].date.y, 2025);
    ck_assert_str_eq(d->refs[5].title, "T six");
    ck_assert_str_eq(d->refs[5].publisher, "P six");
    doc_free(&d);
}
END_TEST

START_TEST(test_bom_crlf_and_repair)
{
    /* BOM, CRLF, one invalid byte among many good ones, tabs */
    struct cc_buf b;
    struct doc *d = NULL;
    char err[CC_ERRLEN];

    cc_buf_init(&b, 1 << 16);
    ck_assert_int_eq(cc_buf_addstr(&b, "\xef\xbb\xbfThe\tfirst line goes on\r\n"
                                       "and ends here. Caf\xe9 opens.\r\n"),
                     CC_OK);
    for (int i = 0; i < 20; i++)
        cc_buf_addstr(&b, "Another plain sentence follows here.\r\n");
    ck_assert_int_eq(doc_parse_text("x.txt", b.data, b.len, &d, err,
                                    sizeof err), CC_OK);
    ck_assert_int_eq(d->nlines, 22);
    ck_assert_str_eq(d->sentences[0].text,
                     "The first line goes on and ends here.");
    ck_assert_int_eq(doc_sentence_line(&d->sentences[0],
                                       d->sentences[0].len - 1), 2);
    ck_assert_str_eq(d->sentences[1].text, "Caf\xef\xbf\xbd opens.");
    ck_assert_ptr_null(memchr(d->sentences[1].text, '\r',
                              d->sentences[1].len));
    doc_free(&d);
    cc_buf_free(&b);
}
END_TEST

START_TEST(test_bad_input)
{
    char *big;

    parse_fails("", 0, "empty file");
    parse_fails("\xef\xbb\xbf", 3, "empty file");
    parse_fails(" \n\t\r\n  \n", 8, "only whitespace");
    parse_fails("abc\0def", 7, "binary file (NUL byte at offset 3)");
    parse_fails("ok line\n\xff\xfe\xfa bad\n", 16, "not UTF-8 text");
    parse_fails("ok line\n\xff\xfe\xfa bad\n", 16, "line 2");
    parse_fails("12\n\n34\n", 7, "no body text");
    big = malloc((size_t)DOC_MAX_BYTES + 1);
    ck_assert_ptr_nonnull(big);
    memset(big, 'a', (size_t)DOC_MAX_BYTES + 1);
    parse_fails(big, (size_t)DOC_MAX_BYTES + 1, "too large");
    free(big);
}
END_TEST

START_TEST(test_load_errors)
{
    char dir[4096], file[4200], err[CC_ERRLEN];
    const char *tmp = getenv("CITECHECK_TEST_TMP");
    struct doc *d = NULL;
    FILE *f;

    snprintf(dir, sizeof dir, "%s/docXXXXXX", tmp ? tmp : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(file, sizeof file, "%s/missing.txt", dir);
    ck_assert_int_eq(doc_load(file, &d, err, sizeof err), CC_EUSAGE);
    ck_assert_ptr_nonnull(strstr(err, "missing.txt: no such file"));
    ck_assert_int_eq(doc_load(dir, &d, err, sizeof err), CC_EUSAGE);
    ck_assert_ptr_nonnull(strstr(err, "is a directory"));
    ck_assert_ptr_null(d);

    snprintf(file, sizeof file, "%s/bin.dat", dir);
    f = fopen(file, "wb");
    ck_assert_ptr_nonnull(f);
    fwrite("PK\x03\x04\0\0", 1, 6, f);
    fclose(f);
    ck_assert_int_eq(doc_load(file, &d, err, sizeof err), CC_EUSAGE);
    ck_assert_ptr_nonnull(strstr(err, "bin.dat: binary file (NUL byte at "
                                      "offset 4)"));
    remove(file);

    snprintf(file, sizeof file, "%s/ok.txt", dir);
    f = fopen(file, "wb");
    fputs("Just one sentence here.\n", f);
    fclose(f);
    ck_assert_int_eq(doc_load(file, &d, err, sizeof err), CC_OK);
    ck_assert_str_eq(d->path, file);
    ck_assert_uint_eq(d->nsentences, 1);
    ck_assert_uint_eq(d->nrefs, 0);
    doc_free(&d);
    remove(file);
    rmdir(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("document");
    TCase *tseed = tcase_create("seed");
    TCase *tsyn = tcase_create("synthetic");
    SRunner *sr;
    int failed;

    tcase_add_checked_fixture(tseed, seed_setup, seed_teardown);
    tcase_add_test(tseed, test_seed_references);
    tcase_add_test(tseed, test_seed_markers);
    tcase_add_test(tseed, test_seed_no_footnote_text_in_body);
    tcase_add_test(tseed, test_seed_line_map);
    tcase_add_test(tseed, test_seed_splitting);
    tcase_add_test(tseed, test_seed_headings);
    tcase_add_test(tseed, test_seed_word_repair);
    suite_add_tcase(s, tseed);

    tcase_set_timeout(tsyn, 30);
    tcase_add_test(tsyn, test_initials_and_abbreviations);
    tcase_add_test(tsyn, test_reference_section_numbered);
    tcase_add_test(tsyn, test_uzbek_reference_heading);
    tcase_add_test(tsyn, test_single_spaced_footnotes);
    tcase_add_test(tsyn, test_reference_credentials_redacted);
    tcase_add_test(tsyn, test_numbers_are_not_markers);
    tcase_add_test(tsyn, test_markers_after_years_percent_and_lists);
    tcase_add_test(tsyn, test_url_errors);
    tcase_add_test(tsyn, test_dates);
    tcase_add_test(tsyn, test_bom_crlf_and_repair);
    tcase_add_test(tsyn, test_bad_input);
    tcase_add_test(tsyn, test_load_errors);
    suite_add_tcase(s, tsyn);

    sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
