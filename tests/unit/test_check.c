/* Unit tests: verify/check.c -- each finding rule on small articles and
 * stand-in pages, with the real document parser and extractor. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "parser/document.h"
#include "parser/page.h"
#include "verify/check.h"
#include "verify/extract.h"

/* One fake source: a page with text, its facts, and fetch status. */
struct fake {
    struct page page;
    struct extract_result facts;
    char *fact_text;
};

static void fake_init(struct fake *f, const char *title, const char *text,
                      const char *published)
{
    struct extract_opts xo;
    char err[CC_ERRLEN];

    memset(f, 0, sizeof *f);
    f->page.title = cc_strdup(title);
    f->page.site = cc_strdup("Example News");
    f->page.text = cc_strdup(text);
    f->page.text_len = strlen(text);
    if (published)
        ck_assert(cc_date_parse_iso(published, &f->page.published));
    f->fact_text = cc_asprintf("%s\n\n%s", title, text);
    memset(&xo, 0, sizeof xo);
    xo.ref_date = f->page.published;
    ck_assert_int_eq(extract_text(f->fact_text, strlen(f->fact_text), &xo,
                                  &f->facts, err, sizeof err),
                     CC_OK);
}

static void fake_clear(struct fake *f)
{
    free(f->page.title);
    free(f->page.site);
    free(f->page.text);
    extract_result_clear(&f->facts);
    free(f->fact_text);
}

/* Run the checker on an article citing one source (label "1"). */
static void run1(const char *article, struct fake *f, long status,
                 const char *as_of, struct check_report *rep,
                 struct doc **docp)
{
    char err[CC_ERRLEN];
    struct check_source src;
    struct cc_date d;

    ck_assert_msg(doc_parse_text("t.txt", article, strlen(article), docp, err,
                                 sizeof err) == CC_OK, "%s", err);
    ck_assert_uint_ge((*docp)->nrefs, 1);
    memset(&src, 0, sizeof src);
    src.ref = &(*docp)->refs[0];
    src.status = status;
    src.page = f ? &f->page : NULL;
    src.facts = f ? &f->facts : NULL;
    src.fact_text = f ? f->fact_text : NULL;
    ck_assert(cc_date_parse_iso(as_of, &d));
    ck_assert_int_eq(check_document(*docp, &src, 1, d, rep, err, sizeof err),
                     CC_OK);
}

static const struct finding *has(const struct check_report *r,
                                 enum finding_kind k, double value)
{
    for (size_t i = 0; i < r->nf; i++)
        if (r->f[i].kind == k &&
            (value == 0 || (r->f[i].has_value &&
                            r->f[i].value > value * 0.999999 &&
                            r->f[i].value < value * 1.000001)))
            return &r->f[i];
    return NULL;
}

/* Run the checker on an article citing n sources, labelled by the order of
 * the article's references; finals[i] (may be NULL) is the final URL. */
static void runn(const char *article, struct fake **f, size_t n,
                 const char *const *finals, const char *as_of,
                 struct check_report *rep, struct doc **docp)
{
    char err[CC_ERRLEN];
    struct check_source src[8];
    struct cc_date d;

    ck_assert_uint_le(n, 8);
    ck_assert_msg(doc_parse_text("t.txt", article, strlen(article), docp, err,
                                 sizeof err) == CC_OK, "%s", err);
    ck_assert_uint_ge((*docp)->nrefs, n);
    memset(src, 0, sizeof src);
    for (size_t i = 0; i < n; i++) {
        src[i].ref = &(*docp)->refs[i];
        src[i].status = 200;
        src[i].page = &f[i]->page;
        src[i].facts = &f[i]->facts;
        src[i].fact_text = f[i]->fact_text;
        src[i].final_url = finals ? finals[i] : NULL;
    }
    ck_assert(cc_date_parse_iso(as_of, &d));
    ck_assert_int_eq(check_document(*docp, src, n, d, rep, err, sizeof err),
                     CC_OK);
}

static bool says(const struct finding *f, const char *words)
{
    return f && f->message && strstr(f->message, words) != NULL;
}

static size_t count_kind(const struct check_report *r, enum finding_kind k)
{
    size_t n = 0;

    for (size_t i = 0; i < r->nf; i++)
        n += r->f[i].kind == k;
    return n;
}

static const char *ARTICLE =
    "Trade between the two countries reached $3.8 billion in 2024, the "
    "agency said 1.\n\n"
    "1 Trade report, Example News, 5 Jan 2025. "
    "https://example.org/news/trade-2024\n";

START_TEST(test_supported)
{
    struct fake f;
    struct check_report r;
    struct doc *d;

    fake_init(&f, "Trade report",
              "In 2024, trade turnover between the countries reached $3.8 "
              "billion.", "2025-01-05");
    run1(ARTICLE, &f, 200, "2025-02-01", &r, &d);
    ck_assert_ptr_nonnull(has(&r, FK_SUPPORTED, 3.8e9));
    ck_assert_uint_eq(r.count[SEV_ERROR], 0);
    ck_assert_uint_eq(r.count[SEV_WARNING], 0);
    ck_assert_uint_eq(r.nclaims, 1);
    check_report_clear(&r);
    doc_free(&d);
    fake_clear(&f);
}
END_TEST

START_TEST(test_value_mismatch)
{
    struct fake f;
    struct check_report r;
    struct doc *d;
    const struct finding *x;

    fake_init(&f, "Trade report",
              "In 2024, trade turnover between the countries reached $4.6 "
              "billion.", "2025-01-05");
    run1(ARTICLE, &f, 200, "2025-02-01", &r, &d);
    x = has(&r, FK_VALUE_MISMATCH, 3.8e9);
    ck_assert_ptr_nonnull(x);
    ck_assert_uint_eq(x->nev, 1);
    ck_assert(x->ev[0].value > 4.59e9 && x->ev[0].value < 4.61e9);
    ck_assert_str_eq(x->ref, "1");
    ck_assert_ptr_null(has(&r, FK_SUPPORTED, 0));
    check_report_clear(&r);
    doc_free(&d);
    fake_clear(&f);
}
END_TEST

START_TEST(test_period_mismatch)
{
    struct fake f;
    struct check_report r;
    struct doc *d;

    fake_init(&f, "Trade report",
              "In 2023, trade turnover between the countries reached $3.8 "
              "billion.", "2025-01-05");
    run1(ARTICLE, &f, 200, "2025-02-01", &r, &d);
    ck_assert_ptr_nonnull(has(&r, FK_PERIOD_MISMATCH, 3.8e9));
    check_report_clear(&r);
    doc_free(&d);
    fake_clear(&f);
}
END_TEST

START_TEST(test_precision_tolerance)
{
    static const char *art =
        "In January–April 2025 trade reached $1.4 billion, officials said 1.\n\n"
        "1 Trade report, Example News, 24 May 2025. "
        "https://example.org/news/trade-q1\n";
    struct fake ok, off;
    struct check_report r;
    struct doc *d;

    fake_init(&ok, "Trade", "In January–April 2025 trade turnover reached "
                            "$1.39 billion.", "2025-05-24");
    run1(art, &ok, 200, "2025-06-01", &r, &d);
    ck_assert_ptr_nonnull(has(&r, FK_SUPPORTED, 1.4e9));
    check_report_clear(&r);
    doc_free(&d);
    fake_init(&off, "Trade", "In January–April 2025 trade turnover reached "
                             "$1.47 billion.", "2025-05-24");
    run1(art, &off, 200, "2025-06-01", &r, &d);
    ck_assert_ptr_null(has(&r, FK_SUPPORTED, 0));
    ck_assert_ptr_nonnull(has(&r, FK_VALUE_MISMATCH, 1.4e9));
    check_report_clear(&r);
    doc_free(&d);
    fake_clear(&ok);
    fake_clear(&off);
}
END_TEST

START_TEST(test_not_found_and_unreachable)
{
    struct fake f;
    struct check_report r;
    struct doc *d;

    fake_init(&f, "Weather", "It rained for three days in the capital.",
              "2025-01-05");
    run1(ARTICLE, &f, 200, "2025-02-01", &r, &d);
    ck_assert_ptr_nonnull(has(&r, FK_NOT_FOUND, 3.8e9));
    check_report_clear(&r);
    doc_free(&d);
    run1(ARTICLE, NULL, 404, "2025-02-01", &r, &d);
    ck_assert_ptr_nonnull(has(&r, FK_UNREACHABLE, 0));
    ck_assert_ptr_nonnull(strstr(has(&r, FK_UNREACHABLE, 0)->message, "404"));
    ck_assert_ptr_null(has(&r, FK_NOT_FOUND, 0));
    check_report_clear(&r);
    doc_free(&d);
    fake_clear(&f);
}
END_TEST

START_TEST(test_time_checks)
{
    static const char *art =
        "In 2025 trade between the countries reached $5.2 billion, it said 1.\n\n"
        "1 Trade outlook, Example News, 18 Dec 2024. "
        "https://example.org/news/outlook\n";
    struct fake f;
    struct check_report r;
    struct doc *d;

    fake_init(&f, "Outlook", "Trade is growing quickly.", "2024-12-18");
    run1(art, &f, 200, "2025-11-14", &r, &d);
    ck_assert_ptr_nonnull(has(&r, FK_SOURCE_PREDATES, 5.2e9));
    ck_assert_ptr_nonnull(has(&r, FK_PERIOD_INCOMPLETE, 5.2e9));
    check_report_clear(&r);
    doc_free(&d);
    fake_clear(&f);
}
END_TEST

START_TEST(test_sum_mismatch)
{
    static const char *art =
        "In 2024 trade turnover reached $3.8 billion, of which exports were "
        "$1.3 billion and imports $2.9 billion, it said 1.\n\n"
        "1 Trade report, Example News, 5 Jan 2025. "
        "https://example.org/news/trade-2024\n";
    struct check_report r;
    struct doc *d;

    run1(art, NULL, 404, "2025-02-01", &r, &d);
    ck_assert_ptr_nonnull(has(&r, FK_SUM_MISMATCH, 3.8e9));
    check_report_clear(&r);
    doc_free(&d);
}
END_TEST

START_TEST(test_no_url_and_uncited)
{
    static const char *art =
        "The treaty was signed in 1998 by both sides 1. The joint portfolio is worth $8 "
        "billion.\n\n"
        "1 Author, A. (2020). A history of the treaty. Journal of History, "
        "3(2), 1–10.\n";
    struct check_report r;
    struct doc *d;
    char err[CC_ERRLEN];
    struct cc_date asof = {2025, 1, 1};

    ck_assert_msg(doc_parse_text("t.txt", art, strlen(art), &d, err,
                                 sizeof err) == CC_OK, "%s", err);
    ck_assert_int_eq(check_document(d, NULL, 0, asof, &r, err, sizeof err),
                     CC_OK);
    ck_assert_ptr_nonnull(has(&r, FK_NO_URL, 0));
    ck_assert_ptr_nonnull(has(&r, FK_UNCITED_CLAIM, 8e9));
    check_report_clear(&r);
    doc_free(&d);
}
END_TEST

START_TEST(test_format_value)
{
    char b[64];

    check_format_value(QTY_MONEY, "USD", 4.3e9, b, sizeof b);
    ck_assert_str_eq(b, "$4.3 billion");
    check_format_value(QTY_MONEY, "KZT", 1.2e12, b, sizeof b);
    ck_assert_str_eq(b, "1.2 trillion KZT");
    check_format_value(QTY_COUNT, "count", 6500, b, sizeof b);
    ck_assert_str_eq(b, "6,500");
    check_format_value(QTY_PERCENT, "percent", 5.1, b, sizeof b);
    ck_assert_str_eq(b, "5.1%");
    ck_assert_int_eq(severity_parse("never"), SEV_ERROR + 1);
    ck_assert_int_eq(severity_parse("bogus"), -1);
    ck_assert_str_eq(finding_kind_name(FK_CONTRADICTED),
                     "contradicted_by_other_source");
}
END_TEST

START_TEST(test_precision_approx)
{
    static const char *art =
        "In 2020 trade turnover amounted to about $2.9 billion, it said 1.\n\n"
        "1 Trade report, Example News, 5 Jan 2021. "
        "https://example.org/news/trade-2020\n";
    struct fake f;
    struct check_report r;
    struct doc *d;

    /* "about 2.9" covers 2.87; an exact "3.1" is outside it */
    fake_init(&f, "Trade report", "In 2020 trade turnover totalled $2.87 "
                                  "billion.", "2021-01-05");
    run1(art, &f, 200, "2021-02-01", &r, &d);
    ck_assert_ptr_nonnull(has(&r, FK_SUPPORTED, 2.9e9));
    check_report_clear(&r);
    doc_free(&d);
    fake_clear(&f);
    fake_init(&f, "Trade report", "In 2020 trade turnover totalled $3.1 "
                                  "billion.", "2021-01-05");
    run1(art, &f, 200, "2021-02-01", &r, &d);
    ck_assert_ptr_nonnull(has(&r, FK_VALUE_MISMATCH, 2.9e9));
    check_report_clear(&r);
    doc_free(&d);
    fake_clear(&f);
}
END_TEST

START_TEST(test_period_containment)
{
    struct fake f;
    struct check_report r;
    struct doc *d;
    const struct finding *x;

    /* a January–November figure does not support a full-year claim */
    fake_init(&f, "Trade report",
              "In January–November 2024 trade turnover reached $3.8 billion.",
              "2025-01-05");
    run1(ARTICLE, &f, 200, "2025-02-01", &r, &d);
    x = has(&r, FK_PERIOD_MISMATCH, 3.8e9);
    ck_assert_ptr_nonnull(x);
    ck_assert_msg(says(x, "covers January\u2013November 2024 only"), "%s",
                  x->message);
    ck_assert_ptr_null(has(&r, FK_SUPPORTED, 0));
    check_report_clear(&r);
    doc_free(&d);
    fake_clear(&f);
}
END_TEST

START_TEST(test_period_partial_explained)
{
    static const char *art =
        "Trade reached $4.1 billion in 2024, the agency said 1.\n\n"
        "1 Trade report, Example News, 20 Dec 2024. "
        "https://example.org/news/trade-2024\n";
    struct fake f;
    struct check_report r;
    struct doc *d;
    const struct finding *x;

    /* the source's only figure is for a part of the year: not_found, and
     * the message says why that figure does not count */
    fake_init(&f, "Trade report",
              "In January–November 2024 trade turnover reached $3.8 billion.",
              "2025-01-05");
    run1(art, &f, 200, "2025-02-01", &r, &d);
    x = has(&r, FK_NOT_FOUND, 4.1e9);
    ck_assert_ptr_nonnull(x);
    ck_assert_msg(says(x, "covers January\u2013November 2024 only"), "%s",
                  x->message);
    check_report_clear(&r);
    doc_free(&d);
    fake_clear(&f);
}
END_TEST

START_TEST(test_period_wider_source)
{
    static const char *art =
        "In January–November 2024 trade turnover reached $3.8 billion, it "
        "said 1.\n\n"
        "1 Trade report, Example News, 20 Jan 2025. "
        "https://example.org/news/trade-2024\n";
    struct fake f;
    struct check_report r;
    struct doc *d;
    const struct finding *x;

    fake_init(&f, "Trade report", "In 2024 trade turnover reached $3.8 "
                                  "billion.", "2025-01-20");
    run1(art, &f, 200, "2025-02-01", &r, &d);
    x = has(&r, FK_PERIOD_MISMATCH, 3.8e9);
    ck_assert_ptr_nonnull(x);
    ck_assert_msg(says(x, "covers all of 2024"), "%s", x->message);
    check_report_clear(&r);
    doc_free(&d);
    fake_clear(&f);
}
END_TEST

static const char *GROWTH =
    "Trade between the countries grew by %s in January–April 2025, officials "
    "said 1.\n\n"
    "1 Trade report, Example News, 24 May 2025. "
    "https://example.org/news/trade-q1\n";

static const char *LEVELS =
    "In January–April 2025, trade turnover reached $1.39 billion. In "
    "January–April 2024 it was $1.32 billion.";

START_TEST(test_growth_computed)
{
    char *art = cc_asprintf(GROWTH, "5%");
    struct fake f;
    struct check_report r;
    struct doc *d;
    const struct finding *x;

    fake_init(&f, "Trade report", LEVELS, "2025-05-24");
    run1(art, &f, 200, "2025-06-01", &r, &d);
    x = has(&r, FK_SUPPORTED, 5);
    ck_assert_ptr_nonnull(x);
    ck_assert_msg(says(x, "+5.3%"), "%s", x->message);
    ck_assert_uint_eq(x->nev, 2);
    ck_assert_uint_eq(r.count[SEV_ERROR], 0);
    check_report_clear(&r);
    doc_free(&d);
    fake_clear(&f);
    free(art);
}
END_TEST

START_TEST(test_growth_mismatch)
{
    char *art = cc_asprintf(GROWTH, "12%");
    struct fake f;
    struct check_report r;
    struct doc *d;
    const struct finding *x;

    fake_init(&f, "Trade report", LEVELS, "2025-05-24");
    run1(art, &f, 200, "2025-06-01", &r, &d);
    x = has(&r, FK_VALUE_MISMATCH, 12);
    ck_assert_ptr_nonnull(x);
    ck_assert_msg(says(x, "$1.39 billion") && says(x, "$1.32 billion") &&
                  says(x, "+5.3%") && says(x, "does not match"),
                  "%s", x->message);
    check_report_clear(&r);
    doc_free(&d);
    fake_clear(&f);
    free(art);
}
END_TEST

START_TEST(test_growth_stated_wins)
{
    char *art = cc_asprintf(GROWTH, "5%");
    struct fake f;
    struct check_report r;
    struct doc *d;

    /* the source states the rate itself: no computation needed */
    fake_init(&f, "Trade report", "In January–April 2025, trade turnover grew "
                                  "by 5.1%.", "2025-05-24");
    run1(art, &f, 200, "2025-06-01", &r, &d);
    ck_assert_ptr_nonnull(has(&r, FK_SUPPORTED, 5));
    check_report_clear(&r);
    doc_free(&d);
    fake_clear(&f);
    free(art);
}
END_TEST

static const char *TWO_SOURCES =
    "Trade reached $4.3 billion in 2021, the agency said 1. In 2022 exports "
    "grew, the ministry said 2.\n\n"
    "1 Trade news, Example News, 10 Feb 2022. https://example.org/a\n"
    "2 Annual review, Example News, 12 Mar 2022. https://example.org/b\n";

START_TEST(test_contradicted_suggests)
{
    struct fake a, b;
    struct fake *fs[2] = {&a, &b};
    struct check_report r;
    struct doc *d;
    const struct finding *x;

    fake_init(&a, "Trade news", "Officials met in the capital.", "2022-02-10");
    fake_init(&b, "Annual review", "In 2021 trade turnover amounted to $3.9 "
                                   "billion.", "2022-03-12");
    runn(TWO_SOURCES, fs, 2, NULL, "2022-06-01", &r, &d);
    ck_assert_ptr_nonnull(has(&r, FK_NOT_FOUND, 4.3e9));
    x = has(&r, FK_CONTRADICTED, 4.3e9);
    ck_assert_ptr_nonnull(x);
    ck_assert_msg(says(x, "Footnote 2") && says(x, "$3.9 billion for 2021") &&
                  says(x, "cite it instead"), "%s", x->message);
    check_report_clear(&r);
    doc_free(&d);
    fake_clear(&a);
    fake_clear(&b);
}
END_TEST

START_TEST(test_better_source_suggested)
{
    struct fake a, b;
    struct fake *fs[2] = {&a, &b};
    struct check_report r;
    struct doc *d;
    const struct finding *x;

    /* the cited source lacks the figure, another of the article's has it */
    fake_init(&a, "Trade news", "Officials met in the capital.", "2022-02-10");
    fake_init(&b, "Annual review", "In 2021 trade turnover amounted to $4.3 "
                                   "billion.", "2022-03-12");
    runn(TWO_SOURCES, fs, 2, NULL, "2022-06-01", &r, &d);
    x = has(&r, FK_NOT_FOUND, 4.3e9);
    ck_assert_ptr_nonnull(x);
    ck_assert_msg(says(x, "footnote 2 gives $4.3 billion for 2021") &&
                  says(x, "cite it instead"), "%s", x->message);
    ck_assert_ptr_null(has(&r, FK_CONTRADICTED, 0));
    check_report_clear(&r);
    doc_free(&d);
    fake_clear(&a);
    fake_clear(&b);
}
END_TEST

START_TEST(test_sources_disagree)
{
    struct fake a, b;
    struct fake *fs[2] = {&a, &b};
    struct check_report r;
    struct doc *d;
    const struct finding *x;

    fake_init(&a, "Trade news", "In 2021 trade turnover reached $4.3 billion.",
              "2022-02-10");
    fake_init(&b, "Annual review", "In 2021 trade turnover amounted to $4.6 "
                                   "billion.", "2022-03-12");
    runn(TWO_SOURCES, fs, 2, NULL, "2022-06-01", &r, &d);
    ck_assert_ptr_nonnull(has(&r, FK_SUPPORTED, 4.3e9));
    x = has(&r, FK_SOURCES_DISAGREE, 4.3e9);
    ck_assert_ptr_nonnull(x);
    ck_assert_msg(says(x, "$4.6 billion"), "%s", x->message);
    ck_assert_ptr_null(has(&r, FK_CONTRADICTED, 0));
    check_report_clear(&r);
    doc_free(&d);
    fake_clear(&a);
    fake_clear(&b);
}
END_TEST

START_TEST(test_internal_conflict)
{
    static const char *art =
        "In January–November 2024 trade turnover reached $3.8 billion 1.\n\n"
        "Later the paper says trade turnover in 2024 was $3.8 billion.\n\n"
        "In 2023 trade turnover was $4.4 billion 1. Elsewhere, trade turnover "
        "in 2023 is put at $4.6 billion.\n\n"
        "1 Trade report, Example News, 5 Jan 2025. "
        "https://example.org/news/trade-2024\n";
    struct check_report r;
    struct doc *d;
    const struct finding *x;
    char err[CC_ERRLEN];
    struct cc_date asof = {2025, 2, 1};

    ck_assert_msg(doc_parse_text("t.txt", art, strlen(art), &d, err,
                                 sizeof err) == CC_OK, "%s", err);
    ck_assert_int_eq(check_document(d, NULL, 0, asof, &r, err, sizeof err),
                     CC_OK);
    /* one figure for two periods */
    x = has(&r, FK_INTERNAL_CONFLICT, 3.8e9);
    ck_assert_ptr_nonnull(x);
    ck_assert_int_eq(x->line, 3);
    ck_assert_int_eq(x->ev[0].line, 1);
    ck_assert_msg(says(x, "same figure"), "%s", x->message);
    /* two figures for one period */
    x = has(&r, FK_INTERNAL_CONFLICT, 4.6e9);
    ck_assert_ptr_nonnull(x);
    ck_assert_msg(says(x, "$4.4 billion"), "%s", x->message);
    ck_assert_uint_eq(count_kind(&r, FK_INTERNAL_CONFLICT), 2);
    check_report_clear(&r);
    doc_free(&d);
}
END_TEST

START_TEST(test_internal_no_conflict)
{
    static const char *art =
        "In 2023 trade turnover was $4.4 billion 1. As noted, trade turnover "
        "in 2023 was $4.4 billion. In 2022 it was $4.9 billion and in 2023 "
        "$4.4 billion.\n\n"
        "1 Trade report, Example News, 5 Jan 2025. "
        "https://example.org/news/trade-2024\n";
    struct check_report r;
    struct doc *d;
    char err[CC_ERRLEN];
    struct cc_date asof = {2025, 2, 1};

    ck_assert_msg(doc_parse_text("t.txt", art, strlen(art), &d, err,
                                 sizeof err) == CC_OK, "%s", err);
    ck_assert_int_eq(check_document(d, NULL, 0, asof, &r, err, sizeof err),
                     CC_OK);
    ck_assert_uint_eq(count_kind(&r, FK_INTERNAL_CONFLICT), 0);
    check_report_clear(&r);
    doc_free(&d);
}
END_TEST

START_TEST(test_sum_ok)
{
    static const char *art =
        "In 2024 trade turnover reached $3.8 billion, of which exports were "
        "$1.3 billion and imports $2.5 billion, it said 1.\n\n"
        "1 Trade report, Example News, 5 Jan 2025. "
        "https://example.org/news/trade-2024\n";
    struct check_report r;
    struct doc *d;

    run1(art, NULL, 404, "2025-02-01", &r, &d);
    ck_assert_ptr_null(has(&r, FK_SUM_MISMATCH, 0));
    check_report_clear(&r);
    doc_free(&d);
}
END_TEST

START_TEST(test_sum_message)
{
    static const char *art =
        "In 2024 trade turnover reached $3.8 billion, of which exports were "
        "$1.3 billion and imports $2.9 billion, it said 1.\n\n"
        "1 Trade report, Example News, 5 Jan 2025. "
        "https://example.org/news/trade-2024\n";
    struct check_report r;
    struct doc *d;
    const struct finding *x;

    run1(art, NULL, 404, "2025-02-01", &r, &d);
    x = has(&r, FK_SUM_MISMATCH, 3.8e9);
    ck_assert_ptr_nonnull(x);
    ck_assert_msg(says(x, "$4.2 billion") && says(x, "$3.8 billion"), "%s",
                  x->message);
    check_report_clear(&r);
    doc_free(&d);
}
END_TEST

START_TEST(test_time_ok)
{
    struct fake f;
    struct check_report r;
    struct doc *d;

    /* a finished year, reported after it ended: no time findings */
    fake_init(&f, "Trade report", "In 2024 trade turnover reached $3.8 "
                                  "billion.", "2025-01-05");
    run1(ARTICLE, &f, 200, "2025-02-01", &r, &d);
    ck_assert_ptr_null(has(&r, FK_SOURCE_PREDATES, 0));
    ck_assert_ptr_null(has(&r, FK_PERIOD_INCOMPLETE, 0));
    check_report_clear(&r);
    doc_free(&d);
    fake_clear(&f);
}
END_TEST

static const char *NAMED =
    "In 2023 Prime Minister Alihan Smaiylov visited Tashkent, the ministry "
    "said 1.\n\n"
    "1 Visit, Example News, 5 Jun 2023. https://example.org/news/visit\n";

START_TEST(test_names_transliterated)
{
    static const char *pages[] = {
        "Prime Minister Alikhan Smailov arrived in Tashkent.",
        "Премьер-министр Алихан Смаилов прибыл в Ташкент.",
        "Бош вазир Алихан Смаиловни кутиб олди.",
    };

    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        struct fake f;
        struct check_report r;
        struct doc *d;

        fake_init(&f, "Visit", pages[i], "2023-06-05");
        run1(NAMED, &f, 200, "2023-07-01", &r, &d);
        ck_assert_msg(has(&r, FK_NAME_NOT_IN_SOURCE, 0) == NULL, "page %zu",
                      i);
        check_report_clear(&r);
        doc_free(&d);
        fake_clear(&f);
    }
}
END_TEST

START_TEST(test_names_missing)
{
    struct fake f;
    struct check_report r;
    struct doc *d;
    const struct finding *x;

    fake_init(&f, "Visit", "Prime Minister Olzhas Bektenov arrived in "
                           "Tashkent.", "2023-06-05");
    run1(NAMED, &f, 200, "2023-07-01", &r, &d);
    x = has(&r, FK_NAME_NOT_IN_SOURCE, 0);
    ck_assert_ptr_nonnull(x);
    ck_assert_msg(says(x, "Smaiylov"), "%s", x->message);
    check_report_clear(&r);
    doc_free(&d);
    fake_clear(&f);
}
END_TEST

START_TEST(test_names_case_ending)
{
    static const char *art =
        "2024-yilda Bosh vazir Alihan Smaiylovning Toshkentga tashrifi "
        "bo'lib o'tdi 1.\n\n"
        "1 Visit, Example News, 5 Jun 2024. https://example.org/news/visit\n";
    struct fake f;
    struct check_report r;
    struct doc *d;
    const struct finding *x;

    /* the message names the person without the Uzbek case ending */
    fake_init(&f, "Visit", "Prime Minister Olzhas Bektenov arrived in "
                           "Tashkent.", "2024-06-05");
    run1(art, &f, 200, "2024-07-01", &r, &d);
    x = has(&r, FK_NAME_NOT_IN_SOURCE, 0);
    ck_assert_ptr_nonnull(x);
    ck_assert_msg(says(x, "names Alihan Smaiylov,"), "%s", x->message);
    check_report_clear(&r);
    doc_free(&d);
    fake_clear(&f);
}
END_TEST

START_TEST(test_metadata)
{
    static const char *art =
        "Trade grew in 2024, the agency said 1.\n\n"
        "1 Official visit of the delegation to Astana, Embassy News, "
        "5 Jan 2025. https://example.org/news/visit\n";
    static const char *finals[] = {"https://example.org/news/visit"};
    static const char *hosts[] = {"https://www.embassynews.org/news/visit"};
    struct fake f;
    struct fake *fs[1] = {&f};
    struct check_report r;
    struct doc *d;
    const struct finding *x;

    /* all three disagree */
    fake_init(&f, "Working meeting on railway tariffs", "Text.", "2025-03-09");
    runn(art, fs, 1, finals, "2025-04-01", &r, &d);
    x = has(&r, FK_METADATA_MISMATCH, 0);
    ck_assert_ptr_nonnull(x);
    ck_assert_msg(says(x, "title") && says(x, "publisher") &&
                  says(x, "2025-01-05") && says(x, "2025-03-09"), "%s",
                  x->message);
    check_report_clear(&r);
    doc_free(&d);
    fake_clear(&f);
    /* all three agree: the site calls itself otherwise, but the host
     * spells the footnote's publisher */
    fake_init(&f, "Official visit of the delegation to Astana", "Text.",
              "2025-01-05");
    free(f.page.site);
    f.page.site = cc_strdup("EN Online");
    runn(art, fs, 1, hosts, "2025-04-01", &r, &d);
    ck_assert_ptr_null(has(&r, FK_METADATA_MISMATCH, 0));
    check_report_clear(&r);
    doc_free(&d);
    fake_clear(&f);
}
END_TEST

START_TEST(test_messages_plain)
{
    struct fake f;
    struct check_report r;
    struct doc *d;

    /* every message is one sentence, without code words */
    fake_init(&f, "Trade report",
              "In January–November 2024 trade turnover reached $3.8 billion.",
              "2025-01-05");
    run1(ARTICLE, &f, 200, "2025-02-01", &r, &d);
    for (size_t i = 0; i < r.nf; i++) {
        const char *m = r.f[i].message;
        size_t n = strlen(m);

        ck_assert_msg(n > 10 && m[n - 1] == '.', "%s", m);
        ck_assert_msg(!strstr(m, "_") && !strstr(m, "QTY") &&
                      !strstr(m, "(null)"), "%s", m);
        ck_assert_msg(!strstr(m, ". "), "two sentences: %s", m);
    }
    check_report_clear(&r);
    doc_free(&d);
    fake_clear(&f);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("check");
    TCase *tc = tcase_create("rules");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, test_supported);
    tcase_add_test(tc, test_value_mismatch);
    tcase_add_test(tc, test_period_mismatch);
    tcase_add_test(tc, test_precision_tolerance);
    tcase_add_test(tc, test_not_found_and_unreachable);
    tcase_add_test(tc, test_time_checks);
    tcase_add_test(tc, test_sum_mismatch);
    tcase_add_test(tc, test_no_url_and_uncited);
    tcase_add_test(tc, test_format_value);
    tcase_add_test(tc, test_precision_approx);
    tcase_add_test(tc, test_period_containment);
    tcase_add_test(tc, test_period_partial_explained);
    tcase_add_test(tc, test_period_wider_source);
    tcase_add_test(tc, test_growth_computed);
    tcase_add_test(tc, test_growth_mismatch);
    tcase_add_test(tc, test_growth_stated_wins);
    tcase_add_test(tc, test_contradicted_suggests);
    tcase_add_test(tc, test_better_source_suggested);
    tcase_add_test(tc, test_sources_disagree);
    tcase_add_test(tc, test_internal_conflict);
    tcase_add_test(tc, test_internal_no_conflict);
    tcase_add_test(tc, test_sum_ok);
    tcase_add_test(tc, test_sum_message);
    tcase_add_test(tc, test_time_ok);
    tcase_add_test(tc, test_names_transliterated);
    tcase_add_test(tc, test_names_missing);
    tcase_add_test(tc, test_names_case_ending);
    tcase_add_test(tc, test_metadata);
    tcase_add_test(tc, test_messages_plain);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    extract_global_cleanup();
    return failed ? 1 : 0;
}
