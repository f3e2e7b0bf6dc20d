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
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    extract_global_cleanup();
    return failed ? 1 : 0;
}
