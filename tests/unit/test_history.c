/* Unit tests: db/db_history.c (runs of a document, stored findings, a
 * document rebuilt from the database, fetches of a URL) and the --baseline
 * reader of report/history.c. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "parser/document.h"
#include "report/report.h"
#include "verify/check.h"

static const char article[] =
    "Introduction\n\n"
    "In 2024 trade between the two countries reached $3.8 billion, the "
    "ministry said 1. It is a record for both sides.\n\n"
    "Exports grew to $1.3 billion in 2024, the data show 2.\n\n"
    "References\n\n"
    "1 Trade between the countries, Example News, 1 Feb 2025. "
    "https://example.org/trade\n"
    "2 Export report, Example News, 2025. https://example.org/exports\n";

static struct db *open_mem(void)
{
    struct db *db = NULL;
    char err[CC_ERRLEN];

    ck_assert_msg(db_open(":memory:", &db, err, sizeof err) == CC_OK, "%s",
                  err);
    return db;
}

static struct doc *parse(const char *path)
{
    struct doc *d = NULL;
    char err[CC_ERRLEN];

    ck_assert_msg(doc_parse_text(path, article, strlen(article), &d, err,
                                 sizeof err) == CC_OK, "%s", err);
    ck_assert_uint_eq(d->nrefs, 2);
    return d;
}

static void set_finding(struct finding *f, enum finding_kind k,
                        const char *ref, int line, const char *claim,
                        double value)
{
    memset(f, 0, sizeof *f);
    f->kind = k;
    f->severity = finding_kind_severity(k);
    snprintf(f->ref, sizeof f->ref, "%s", ref);
    f->line = line;
    f->claim_text = (char *)claim;
    f->has_value = value != 0;
    f->value = value;
    if (f->has_value)
        snprintf(f->unit, sizeof f->unit, "USD");
    f->message = (char *)"a message";
}

static long long store_doc(struct db *db, const struct doc *d,
                           struct check_report *rep)
{
    char err[CC_ERRLEN];
    long long run = 0, id = 0;

    ck_assert(db_run_begin(db, "check", &run, err, sizeof err) == CC_OK);
    ck_assert_msg(db_document_store(db, run, d, cc_date_today(), rep, &id,
                                    err, sizeof err) == CC_OK, "%s", err);
    ck_assert(db_run_end(db, run, "ok", err, sizeof err) == CC_OK);
    return id;
}

START_TEST(test_doc_runs_and_findings)
{
    struct db *db = open_mem();
    struct doc *d = parse("a.txt");
    struct finding f[3];
    struct check_report rep;
    struct db_doc_run *runs = NULL;
    struct db_finding_row *rows = NULL;
    char **paths = NULL;
    size_t n = 0;
    char err[CC_ERRLEN];
    long long first, second;

    memset(&rep, 0, sizeof rep);
    set_finding(&f[0], FK_SUPPORTED, "1", 3, "claim one", 3.8e9);
    set_finding(&f[1], FK_METADATA_MISMATCH, "2", 9, NULL, 0);
    set_finding(&f[2], FK_VALUE_MISMATCH, "1", 3, "claim one", 3.8e9);
    rep.f = f;
    rep.nf = 2;
    rep.nclaims = 2;
    first = store_doc(db, d, &rep);
    rep.nf = 3;
    second = store_doc(db, d, &rep);
    ck_assert_int_gt(second, first);

    ck_assert(db_doc_runs(db, "a.txt", 0, 10, &runs, &n, err, sizeof err) ==
              CC_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(runs[0].doc_id, second);          /* newest first */
    ck_assert_int_eq(runs[0].count[SEV_ERROR], 1);
    ck_assert_int_eq(runs[0].count[SEV_WARNING], 1);
    ck_assert_int_eq(runs[0].count[SEV_INFO], 1);
    ck_assert_int_eq(runs[1].count[SEV_ERROR], 0);
    ck_assert_int_eq(runs[0].nclaims, 2);
    ck_assert_str_eq(runs[0].content_hash, runs[1].content_hash);
    db_doc_runs_free(&runs, n);
    ck_assert_ptr_null(runs);

    /* before = second: only the first */
    ck_assert(db_doc_runs(db, "a.txt", second, 10, &runs, &n, err,
                          sizeof err) == CC_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(runs[0].doc_id, first);
    db_doc_runs_free(&runs, n);
    ck_assert(db_doc_runs(db, "b.txt", 0, 10, &runs, &n, err, sizeof err) ==
              CC_OK);
    ck_assert_uint_eq(n, 0);

    ck_assert(db_doc_findings(db, second, &rows, &n, err, sizeof err) ==
              CC_OK);
    ck_assert_uint_eq(n, 3);
    ck_assert_str_eq(rows[0].kind, "supported");
    ck_assert_str_eq(rows[0].ref, "1");
    ck_assert_str_eq(rows[0].claim_text, "claim one");
    ck_assert(rows[0].has_value);
    ck_assert(rows[0].value == 3.8e9);
    ck_assert_str_eq(rows[0].unit, "USD");
    ck_assert(!rows[1].has_value);
    ck_assert_ptr_null(rows[1].claim_text);
    ck_assert_str_eq(rows[2].severity, "error");
    db_finding_rows_free(&rows, n);

    ck_assert(db_doc_paths(db, &paths, &n, err, sizeof err) == CC_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(paths[0], "a.txt");
    free(paths[0]);
    free(paths);
    doc_free(&d);
    db_close(&db);
}
END_TEST

START_TEST(test_rebuild)
{
    struct db *db = open_mem();
    struct doc *d = parse("gone.txt"), *r = NULL;
    char err[CC_ERRLEN];
    long long id = store_doc(db, d, NULL);

    ck_assert_msg(db_doc_rebuild(db, id, "gone.txt", d->nlines, &r, err,
                                 sizeof err) == CC_OK, "%s", err);
    ck_assert_str_eq(r->path, "gone.txt");
    ck_assert_int_eq(r->nlines, d->nlines);
    ck_assert_uint_eq(r->nrefs, d->nrefs);
    ck_assert_uint_eq(r->nsentences, d->nsentences);
    for (size_t i = 0; i < d->nrefs; i++) {
        ck_assert_str_eq(r->refs[i].label, d->refs[i].label);
        ck_assert_str_eq(r->refs[i].url, d->refs[i].url);
        ck_assert_int_eq(r->refs[i].line, d->refs[i].line);
        ck_assert_int_eq(cc_date_cmp(r->refs[i].date, d->refs[i].date), 0);
    }
    ck_assert_int_eq(r->refs[1].date.y, 2025);          /* year only */
    for (size_t i = 0; i < d->nsentences; i++) {
        ck_assert_str_eq(r->sentences[i].text, d->sentences[i].text);
        ck_assert_uint_eq(r->sentences[i].len, d->sentences[i].len);
        ck_assert_int_eq(r->sentences[i].line, d->sentences[i].line);
        ck_assert_uint_eq(r->sentences[i].nlabels, d->sentences[i].nlabels);
        for (size_t k = 0; k < d->sentences[i].nlabels; k++)
            ck_assert_str_eq(r->sentences[i].labels[k],
                             d->sentences[i].labels[k]);
        if (r->sentences[i].len)
            ck_assert_int_eq(doc_sentence_line(&r->sentences[i],
                                               r->sentences[i].len - 1),
                             r->sentences[i].line);
    }
    doc_free(&r);
    doc_free(&d);
    db_close(&db);
}
END_TEST

START_TEST(test_url_fetches)
{
    struct db *db = open_mem();
    struct fetch_result r;
    struct db_fetch_row *rows = NULL;
    size_t n = 0;
    char err[CC_ERRLEN];
    long long id;

    memset(&r, 0, sizeof r);
    r.url = (char *)"https://example.org/p";
    r.status = 200;
    r.body = (char *)"one";
    r.body_len = 3;
    ck_assert(db_fetch_store_at(db, 0, &r, 1000, &id, err, sizeof err) ==
              CC_OK);
    r.body = (char *)"abc";
    ck_assert(db_fetch_store_at(db, 0, &r, 2000, &id, err, sizeof err) ==
              CC_OK);
    r.status = 0;
    r.body = NULL;
    r.body_len = 0;
    r.error = (char *)"timeout";
    ck_assert(db_fetch_store_at(db, 0, &r, 3000, &id, err, sizeof err) ==
              CC_OK);
    ck_assert(db_url_fetches(db, "https://example.org/p", 10, &rows, &n, err,
                             sizeof err) == CC_OK);
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(rows[0].fetched_at, 3000);
    ck_assert_str_eq(rows[0].error, "timeout");
    ck_assert_ptr_null(rows[0].body_hash);
    ck_assert_int_eq(rows[1].status, 200);
    ck_assert_str_ne(rows[1].body_hash, rows[2].body_hash);
    /* XXH64("abc", seed 0), the published value: hashes stored by every
     * version compare equal */
    ck_assert_str_eq(rows[1].body_hash, "44bc2cf5ad770999");
    db_fetch_rows_free(&rows, n);
    ck_assert(db_url_fetches(db, "https://example.org/p", 1, &rows, &n, err,
                             sizeof err) == CC_OK);
    ck_assert_uint_eq(n, 1);
    db_fetch_rows_free(&rows, n);
    db_close(&db);
}
END_TEST

static char *write_tmp(const char *text)
{
    char *path = strdup("/tmp/cc_test_base_XXXXXX");
    int fd = mkstemp(path);

    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

START_TEST(test_baseline)
{
    struct report_baseline *b = NULL;
    struct finding f;
    char err[CC_ERRLEN];
    char *path = write_tmp(
        "{\"documents\": [{\"path\": \"x.txt\", \"findings\": ["
        "{\"kind\": \"value_mismatch\", \"reference\": \"1\", \"claim\": "
        "{\"line\": 3, \"text\": \"claim one\", \"value\": 3800000000.0}},"
        "{\"kind\": \"metadata_mismatch\", \"reference\": \"2\", \"claim\": "
        "{\"line\": 9, \"text\": null, \"value\": null}}]}]}");

    ck_assert_msg(report_baseline_load(path, &b, err, sizeof err) == CC_OK,
                  "%s", err);
    set_finding(&f, FK_VALUE_MISMATCH, "1", 40, "claim one", 3.8e9);
    ck_assert(report_baseline_has(b, &f));       /* the line does not count */
    f.value = 3.9e9;
    ck_assert(!report_baseline_has(b, &f));
    set_finding(&f, FK_VALUE_MISMATCH, "2", 3, "claim one", 3.8e9);
    ck_assert(!report_baseline_has(b, &f));
    set_finding(&f, FK_NOT_FOUND, "1", 3, "claim one", 3.8e9);
    ck_assert(!report_baseline_has(b, &f));
    set_finding(&f, FK_METADATA_MISMATCH, "2", 1, NULL, 0);
    ck_assert(report_baseline_has(b, &f));
    report_baseline_free(&b);
    ck_assert_ptr_null(b);
    unlink(path);
    free(path);

    path = write_tmp("{\"documents\": 3");
    ck_assert_int_eq(report_baseline_load(path, &b, err, sizeof err),
                     CC_EUSAGE);
    ck_assert_ptr_nonnull(strstr(err, path));
    unlink(path);
    free(path);
    path = write_tmp("[1, 2]");
    ck_assert_int_eq(report_baseline_load(path, &b, err, sizeof err),
                     CC_EUSAGE);
    ck_assert_ptr_nonnull(strstr(err, "not a citecheck JSON report"));
    unlink(path);
    free(path);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("history");
    TCase *tc = tcase_create("core");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, test_doc_runs_and_findings);
    tcase_add_test(tc, test_rebuild);
    tcase_add_test(tc, test_url_fetches);
    tcase_add_test(tc, test_baseline);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
