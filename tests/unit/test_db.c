/*
 * tests/unit/test_db.c -- db/ against real SQLite files in a temporary
 * directory: schema and migrations, connection settings, the fetch cache,
 * pages and facts, documents and findings, runs, and that a failed write
 * leaves nothing behind.
 */
#include <check.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"

static char tmpdir[256];

static int rm_entry(const char *path, const struct stat *st, int flag,
                    struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void setup(void)
{
    const char *base = getenv("TMPDIR");

    snprintf(tmpdir, sizeof tmpdir, "%s/test_db.XXXXXX",
             base && *base ? base : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
    nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* tmpdir/name; caller frees. */
static char *tpath(const char *name)
{
    return cc_asprintf("%s/%s", tmpdir, name);
}

static struct db *open_ok(const char *name)
{
    char err[CC_ERRLEN] = "";
    char *path = tpath(name);
    struct db *db = NULL;
    cc_result result = db_open(path, &db, err, sizeof err);

    ck_assert_msg(result == CC_OK, "db_open: %s", err);
    ck_assert_ptr_nonnull(db);
    free(path);
    return db;
}

static struct db_info info_of(struct db *db)
{
    char err[CC_ERRLEN] = "";
    struct db_info in;

    ck_assert_msg(db_info(db, &in, err, sizeof err) == CC_OK, "%s", err);
    return in;
}

static long long new_run(struct db *db)
{
    char err[CC_ERRLEN] = "";
    long long id = 0;

    ck_assert_msg(db_run_begin(db, "check test.txt", &id, err, sizeof err) ==
                  CC_OK, "%s", err);
    ck_assert_int_gt(id, 0);
    return id;
}

/* A successful transfer with a body holding NUL bytes and 2 redirects. */
static void fill_fetch(struct fetch_result *r, const char *url, long status)
{
    static const char body[] = "<p>a\0b\0\0c</p>";

    memset(r, 0, sizeof *r);
    r->url = cc_strdup(url);
    r->etag = cc_strdup("\"req-etag\"");
    r->status = status;
    r->final_url = cc_strdup("https://example.org/final");
    r->nredirects = 2;
    r->redirects = cc_calloc(2, sizeof *r->redirects);
    r->redirects[0] = cc_strdup("https://example.org/r1");
    r->redirects[1] = cc_strdup("https://example.org/final");
    r->content_type = cc_strdup("text/html; charset=utf-8");
    r->resp_etag = cc_strdup("\"abc\"");
    r->resp_last_modified = cc_strdup("Mon, 07 Apr 2024 10:00:00 GMT");
    r->body_len = sizeof body - 1;
    r->body = cc_malloc(r->body_len + 1);
    memcpy(r->body, body, r->body_len + 1);
    r->elapsed = 0.25;
}

static void fill_failed(struct fetch_result *r, const char *url)
{
    memset(r, 0, sizeof *r);
    r->url = cc_strdup(url);
    r->error = cc_strdup("timeout");
    r->elapsed = 30.0;
}

static long long store(struct db *db, long long run, struct fetch_result *r,
                       long long at)
{
    char err[CC_ERRLEN] = "";
    long long id = 0;

    ck_assert_msg(db_fetch_store_at(db, run, r, at, &id, err, sizeof err) ==
                  CC_OK, "%s", err);
    ck_assert_int_gt(id, 0);
    return id;
}

static bool lookup(struct db *db, const char *url, long max_age,
                   struct fetch_result *out, long long *id)
{
    char err[CC_ERRLEN] = "";
    bool found = true;

    memset(out, 0, sizeof *out);
    ck_assert_msg(db_fetch_lookup(db, url, max_age, out, &found, id, err,
                                  sizeof err) == CC_OK, "%s", err);
    return found;
}

/* ---- schema, settings ------------------------------------------------ */

START_TEST(open_creates_schema)
{
    char *path = tpath("a/b/c/x.db");
    char err[CC_ERRLEN] = "";
    struct db *db = NULL;
    struct db_info in;
    struct stat st;

    ck_assert_int_ge(db_schema_version(), 1);
    ck_assert_msg(db_open(path, &db, err, sizeof err) == CC_OK, "%s", err);
    ck_assert_int_eq(stat(path, &st), 0);
    in = info_of(db);
    ck_assert_int_eq(in.user_version, db_schema_version());
    ck_assert_str_eq(in.journal_mode, "wal");
    ck_assert(in.foreign_keys);
    ck_assert_int_eq(in.busy_timeout_ms, 5000);
    ck_assert_int_eq(in.runs + in.documents + in.fetches + in.pages +
                     in.findings, 0);
    db_close(&db);
    ck_assert_ptr_null(db);
    db_close(&db);   /* closing NULL is fine */
    free(path);

    ck_assert_msg(db_open(":memory:", &db, err, sizeof err) == CC_OK, "%s",
                  err);
    in = info_of(db);
    ck_assert_int_eq(in.user_version, db_schema_version());
    ck_assert_str_eq(in.journal_mode, "memory");
    ck_assert(in.foreign_keys);
    db_close(&db);
}
END_TEST

START_TEST(reopen_is_idempotent)
{
    struct db *db = open_ok("x.db");
    struct db_info in;

    new_run(db);
    db_close(&db);
    db = open_ok("x.db");
    in = info_of(db);
    ck_assert_int_eq(in.user_version, db_schema_version());
    ck_assert_int_eq(in.runs, 1);
    ck_assert_str_eq(in.journal_mode, "wal");
    db_close(&db);
    db = open_ok("x.db");
    ck_assert_int_eq(info_of(db).runs, 1);
    db_close(&db);
}
END_TEST

/* user_version is the big-endian 32-bit integer at offset 60 of the file
 * header; write 999 there as a newer citecheck would have. */
START_TEST(newer_schema_refused)
{
    char *path = tpath("new.db");
    unsigned char v[4] = {0, 0, 0x03, 0xE7};
    char err[CC_ERRLEN] = "";
    char want[128];
    struct db *db = open_ok("new.db");
    FILE *f;

    db_close(&db);
    f = fopen(path, "r+b");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fseek(f, 60, SEEK_SET), 0);
    ck_assert_uint_eq(fwrite(v, 1, 4, f), 4);
    ck_assert_int_eq(fclose(f), 0);

    db = (struct db *)&err;   /* must be reset to NULL */
    ck_assert_int_eq(db_open(path, &db, err, sizeof err), CC_EDB);
    ck_assert_ptr_null(db);
    snprintf(want, sizeof want,
             "DB: schema version 999 is newer than this citecheck (%d)",
             db_schema_version());
    ck_assert_msg(strstr(err, want) != NULL, "message: %s", err);
    ck_assert_msg(strstr(err, path) != NULL, "no path in: %s", err);
    free(path);
}
END_TEST

START_TEST(open_errors_name_the_path)
{
    char *file = tpath("plain");
    char *under = tpath("plain/sub/x.db");
    char *dir = tpath("adir");
    char err[CC_ERRLEN] = "";
    struct db *db = NULL;
    FILE *f = fopen(file, "w");

    ck_assert_ptr_nonnull(f);
    fclose(f);
    ck_assert_int_eq(db_open(under, &db, err, sizeof err), CC_EIO);
    ck_assert_ptr_null(db);
    ck_assert_msg(strstr(err, under) != NULL, "%s", err);

    ck_assert_int_eq(mkdir(dir, 0700), 0);
    err[0] = '\0';
    ck_assert_int_ne(db_open(dir, &db, err, sizeof err), CC_OK);
    ck_assert_ptr_null(db);
    ck_assert_msg(strstr(err, dir) != NULL, "%s", err);

    ck_assert_int_eq(db_open("", &db, err, sizeof err), CC_EUSAGE);
    free(file);
    free(under);
    free(dir);
}
END_TEST

START_TEST(default_path)
{
    char *home = cc_strdup(getenv("HOME"));
    char *xdg = cc_strdup(getenv("XDG_DATA_HOME"));
    char *p;

    setenv("XDG_DATA_HOME", "/x/data", 1);
    setenv("HOME", "/home/u", 1);
    p = db_default_path();
    ck_assert_str_eq(p, "/x/data/citecheck/citecheck.db");
    free(p);
    setenv("XDG_DATA_HOME", "relative/ignored", 1);
    p = db_default_path();
    ck_assert_str_eq(p, "/home/u/.local/share/citecheck/citecheck.db");
    free(p);
    unsetenv("XDG_DATA_HOME");
    p = db_default_path();
    ck_assert_str_eq(p, "/home/u/.local/share/citecheck/citecheck.db");
    free(p);
    unsetenv("HOME");
    ck_assert_ptr_null(db_default_path());
    /* leave the environment as found (CK_FORK=no runs in one process) */
    if (home)
        setenv("HOME", home, 1);
    if (xdg)
        setenv("XDG_DATA_HOME", xdg, 1);
    free(home);
    free(xdg);
}
END_TEST

/* ---- runs ------------------------------------------------------------ */

START_TEST(run_begin_end)
{
    char err[CC_ERRLEN] = "";
    struct db *db = open_ok("x.db");
    long long id = new_run(db);
    struct db_run run;
    bool found = false;

    ck_assert_int_eq(db_run_get(db, id, &run, &found, err, sizeof err), CC_OK);
    ck_assert(found);
    ck_assert_str_eq(run.command, "check test.txt");
    ck_assert_str_eq(run.status, "running");
    ck_assert_str_eq(run.version, CC_VERSION);
    ck_assert_int_eq(run.finished_at, 0);
    ck_assert_int_ge(run.started_at, (long long)time(NULL) - 60);
    db_run_clear(&run);

    ck_assert_msg(db_run_end(db, id, "ok", err, sizeof err) == CC_OK, "%s",
                  err);
    ck_assert_int_eq(db_run_get(db, id, &run, &found, err, sizeof err), CC_OK);
    ck_assert(found);
    ck_assert_str_eq(run.status, "ok");
    ck_assert_int_ge(run.finished_at, run.started_at);
    db_run_clear(&run);

    ck_assert_int_eq(db_run_end(db, id + 100, "ok", err, sizeof err), CC_EDB);
    ck_assert_msg(strstr(err, "no run") != NULL, "%s", err);
    ck_assert_int_eq(db_run_end(db, id, NULL, err, sizeof err), CC_EDB);
    ck_assert_int_eq(db_run_get(db, id + 100, &run, &found, err, sizeof err),
                     CC_OK);
    ck_assert(!found);
    ck_assert_ptr_null(run.command);
    ck_assert_int_eq(info_of(db).runs, 1);
    db_close(&db);
}
END_TEST

/* ---- fetches --------------------------------------------------------- */

START_TEST(fetch_round_trip)
{
    const char *url = "https://example.org/a";
    struct db *db = open_ok("x.db");
    long long run = new_run(db);
    struct fetch_result in, out;
    long long id, got = 0;

    fill_fetch(&in, url, 200);
    id = store(db, run, &in, (long long)time(NULL));
    ck_assert(lookup(db, url, -1, &out, &got));
    ck_assert_int_eq(got, id);
    ck_assert_ptr_null(out.url);          /* in-fields untouched */
    ck_assert_int_eq(out.status, 200);
    ck_assert_str_eq(out.final_url, in.final_url);
    ck_assert_str_eq(out.content_type, in.content_type);
    ck_assert_str_eq(out.resp_etag, in.resp_etag);
    ck_assert_str_eq(out.resp_last_modified, in.resp_last_modified);
    ck_assert_uint_eq(out.body_len, in.body_len);
    ck_assert_int_eq(memcmp(out.body, in.body, in.body_len), 0);
    ck_assert_int_eq(out.body[out.body_len], '\0');
    ck_assert_uint_eq(out.nredirects, 2);
    ck_assert_str_eq(out.redirects[0], "https://example.org/r1");
    ck_assert_str_eq(out.redirects[1], "https://example.org/final");
    ck_assert(out.elapsed > 0.24 && out.elapsed < 0.26);
    ck_assert_ptr_null(out.error);
    fetch_result_clear(&out);

    /* A hit replaces earlier out-fields (no leak under ASan) and keeps
     * the in-fields. */
    memset(&out, 0, sizeof out);
    out.url = cc_strdup(url);
    out.body = cc_strdup("old");
    out.error = cc_strdup("old error");
    {
        char err[CC_ERRLEN] = "";
        bool found = false;

        ck_assert_int_eq(db_fetch_lookup(db, url, -1, &out, &found, NULL, err,
                                         sizeof err), CC_OK);
        ck_assert(found);
    }
    ck_assert_str_eq(out.url, url);
    ck_assert_ptr_null(out.error);
    ck_assert_uint_eq(out.body_len, in.body_len);
    fetch_result_clear(&out);

    /* An empty body comes back as "" with length 0, not NULL. */
    free(in.body);
    in.body = cc_strdup("");
    in.body_len = 0;
    free(in.url);
    in.url = cc_strdup("https://example.org/empty");
    store(db, 0, &in, (long long)time(NULL));
    ck_assert(lookup(db, "https://example.org/empty", -1, &out, NULL));
    ck_assert_ptr_nonnull(out.body);
    ck_assert_uint_eq(out.body_len, 0);
    fetch_result_clear(&out);

    ck_assert(!lookup(db, "https://example.org/other", -1, &out, NULL));
    ck_assert_int_eq(info_of(db).redirects, 4);
    fetch_result_clear(&in);
    db_close(&db);
}
END_TEST

START_TEST(errors_never_returned)
{
    const char *url = "https://example.org/a";
    long long now = (long long)time(NULL);
    struct db *db = open_ok("x.db");
    struct fetch_result ok, bad, out;
    long long ok_id, got = 0;

    fill_fetch(&ok, url, 200);
    ok_id = store(db, 0, &ok, now - 100);
    fill_failed(&bad, url);
    store(db, 0, &bad, now);               /* newer, but failed */
    ck_assert(lookup(db, url, -1, &out, &got));
    ck_assert_int_eq(got, ok_id);
    fetch_result_clear(&out);
    fetch_result_clear(&bad);

    /* failed after the status line arrived: status 200 and an error */
    fill_fetch(&bad, url, 200);
    bad.error = cc_strdup("size: body over 10485760 bytes");
    store(db, 0, &bad, now + 1);
    ck_assert(lookup(db, url, -1, &out, &got));
    ck_assert_int_eq(got, ok_id);
    ck_assert_ptr_null(out.error);
    fetch_result_clear(&out);

    /* only failures, or no status at all: a miss */
    fetch_result_clear(&bad);
    fill_failed(&bad, "https://example.org/down");
    store(db, 0, &bad, now);
    ck_assert(!lookup(db, "https://example.org/down", -1, &out, NULL));
    fetch_result_clear(&bad);
    memset(&bad, 0, sizeof bad);
    bad.url = cc_strdup("https://example.org/nostatus");
    store(db, 0, &bad, now);
    ck_assert(!lookup(db, "https://example.org/nostatus", -1, &out, NULL));

    ck_assert_int_eq(info_of(db).fetches, 5);   /* failures are stored */
    fetch_result_clear(&bad);
    fetch_result_clear(&ok);
    db_close(&db);
}
END_TEST

START_TEST(max_age_respected)
{
    const char *url = "https://example.org/a";
    long long now = (long long)time(NULL);
    struct db *db = open_ok("x.db");
    struct fetch_result r, out;
    long long old_id, new_id, got = 0;

    fill_fetch(&r, url, 200);
    old_id = store(db, 0, &r, now - 3600);
    ck_assert(!lookup(db, url, 60, &out, NULL));
    ck_assert(lookup(db, url, 7200, &out, &got));
    ck_assert_int_eq(got, old_id);
    fetch_result_clear(&out);
    ck_assert(lookup(db, url, -1, &out, &got));
    ck_assert_int_eq(got, old_id);
    fetch_result_clear(&out);

    r.status = 404;                       /* a completed fetch counts */
    new_id = store(db, 0, &r, now);
    ck_assert(lookup(db, url, 60, &out, &got));
    ck_assert_int_eq(got, new_id);
    ck_assert_int_eq(out.status, 404);
    fetch_result_clear(&out);
    ck_assert(lookup(db, url, -1, &out, &got));   /* the latest wins */
    ck_assert_int_eq(got, new_id);
    fetch_result_clear(&out);
    fetch_result_clear(&r);
    db_close(&db);
}
END_TEST

START_TEST(second_connection_sees_writes)
{
    struct db *a = open_ok("x.db");
    struct db *b = open_ok("x.db");
    struct fetch_result r, out;
    long long id, got = 0;

    fill_fetch(&r, "https://example.org/a", 200);
    id = store(a, new_run(a), &r, (long long)time(NULL));
    ck_assert(lookup(b, "https://example.org/a", -1, &out, &got));
    ck_assert_int_eq(got, id);
    fetch_result_clear(&out);
    fetch_result_clear(&r);
    db_close(&a);
    db_close(&b);
}
END_TEST

/* ---- pages ----------------------------------------------------------- */

START_TEST(page_and_facts_stored)
{
    char err[CC_ERRLEN] = "";
    struct db *db = open_ok("x.db");
    struct fetch_result r;
    struct qty q[2];
    struct date_mention d[1];
    struct extract_result facts = {q, 2, d, 1};
    struct page p = {0};
    struct db_info in;
    long long fid;

    fill_fetch(&r, "https://example.org/a", 200);
    fid = store(db, 0, &r, (long long)time(NULL));
    memset(q, 0, sizeof q);
    memset(d, 0, sizeof d);
    q[0].kind = QTY_MONEY;
    q[0].value = 4.3e9;
    q[0].lo = 4.25e9;
    q[0].hi = 4.35e9;
    snprintf(q[0].unit, sizeof q[0].unit, "USD");
    q[0].measure = QM_TRADE;
    q[0].period = cc_period_year(2021);
    q[0].text = "4,3 milliard dollar";
    q[0].start = 10;
    q[0].end = 29;
    q[1].kind = QTY_PERCENT;
    q[1].value = q[1].lo = q[1].hi = 5.1;
    snprintf(q[1].unit, sizeof q[1].unit, "percent");
    q[1].change = true;
    q[1].change_sign = 1;
    q[1].qual = QQ_APPROX;
    q[1].approx = true;
    q[1].text = "5.1%";
    d[0].text = "7 Apr 2024";
    d[0].date = (struct cc_date){2024, 4, 7};
    p.url = "https://example.org/a";
    p.title = "Trade grows";
    p.site = "Example";
    p.lang = "en";
    p.published = (struct cc_date){2024, 4, 7};
    p.text = "Trade reached 4,3 milliard dollar, up 5.1%.";
    p.text_len = strlen(p.text);

    ck_assert_msg(db_page_store(db, fid, &p, &facts, err, sizeof err) ==
                  CC_OK, "%s", err);
    in = info_of(db);
    ck_assert_int_eq(in.pages, 1);
    ck_assert_int_eq(in.facts, 2);
    ck_assert_int_eq(in.page_dates, 1);

    /* Storing the page of the same fetch again replaces it and its facts. */
    facts.nq = 1;
    facts.nd = 0;
    ck_assert_msg(db_page_store(db, fid, &p, &facts, err, sizeof err) ==
                  CC_OK, "%s", err);
    in = info_of(db);
    ck_assert_int_eq(in.pages, 1);
    ck_assert_int_eq(in.facts, 1);
    ck_assert_int_eq(in.page_dates, 0);

    /* Without facts. */
    ck_assert_msg(db_page_store(db, fid, &p, NULL, err, sizeof err) == CC_OK,
                  "%s", err);
    ck_assert_int_eq(info_of(db).facts, 0);

    /* A page of no stored fetch violates the foreign key: nothing stays. */
    ck_assert_int_eq(db_page_store(db, fid + 100, &p, &facts, err, sizeof err),
                     CC_EDB);
    ck_assert_msg(strstr(err, "FOREIGN KEY") != NULL, "%s", err);
    in = info_of(db);
    ck_assert_int_eq(in.pages, 1);
    ck_assert_int_eq(in.facts, 0);

    /* NOT NULL text: the page row of a failed store is rolled back and the
     * earlier page survives. */
    facts.nq = 2;
    ck_assert_msg(db_page_store(db, fid, &p, &facts, err, sizeof err) ==
                  CC_OK, "%s", err);
    p.text = NULL;
    ck_assert_int_eq(db_page_store(db, fid, &p, &facts, err, sizeof err),
                     CC_EDB);
    in = info_of(db);
    ck_assert_int_eq(in.pages, 1);
    ck_assert_int_eq(in.facts, 2);
    fetch_result_clear(&r);
    db_close(&db);
}
END_TEST

/* ---- documents ------------------------------------------------------- */

static char labels0[2][DOC_MAX_LABEL] = {"1", "2"};
static char labels1[1][DOC_MAX_LABEL] = {"2"};

static void fill_doc(struct doc *doc, struct doc_ref refs[2],
                     struct doc_sentence s[2])
{
    memset(doc, 0, sizeof *doc);
    memset(refs, 0, 2 * sizeof *refs);
    memset(s, 0, 2 * sizeof *s);
    snprintf(refs[0].label, DOC_MAX_LABEL, "1");
    refs[0].line = 40;
    refs[0].text = "Trade report. https://example.org/a";
    refs[0].url = "https://example.org/a";
    refs[0].url_line = 40;
    refs[0].date_text = "2024";
    refs[0].date = (struct cc_date){2024, 0, 0};
    snprintf(refs[1].label, DOC_MAX_LABEL, "2");
    refs[1].line = 41;
    refs[1].text = "A book without a link.";
    s[0].text = "Trade reached $4.3 billion in 2021.";
    s[0].len = strlen(s[0].text);
    s[0].line = 3;
    s[0].labels = labels0;
    s[0].nlabels = 2;
    s[1].text = "It grew 5.1%.";
    s[1].len = strlen(s[1].text);
    s[1].line = 5;
    s[1].labels = labels1;
    s[1].nlabels = 1;
    doc->path = "article.txt";
    doc->nlines = 41;
    doc->refs = refs;
    doc->nrefs = 2;
    doc->sentences = s;
    doc->nsentences = 2;
}

static void fill_report(struct check_report *rep, struct finding f[2],
                        struct evidence ev[2])
{
    memset(rep, 0, sizeof *rep);
    memset(f, 0, 2 * sizeof *f);
    memset(ev, 0, 2 * sizeof *ev);
    snprintf(ev[0].ref, DOC_MAX_LABEL, "1");
    ev[0].snippet = "Trade reached $4.1 billion in 2021.";
    ev[0].has_value = true;
    ev[0].value = 4.1e9;
    snprintf(ev[0].unit, sizeof ev[0].unit, "USD");
    ev[0].period = cc_period_year(2021);
    ev[1].line = 5;
    ev[1].snippet = "It grew 5.1%.";
    f[0].kind = FK_VALUE_MISMATCH;
    f[0].severity = SEV_ERROR;
    snprintf(f[0].ref, DOC_MAX_LABEL, "1");
    f[0].line = 3;
    f[0].claim_text = "Trade reached $4.3 billion in 2021.";
    f[0].has_value = true;
    f[0].value = 4.3e9;
    snprintf(f[0].unit, sizeof f[0].unit, "USD");
    f[0].period = cc_period_year(2021);
    f[0].ev = ev;
    f[0].nev = 2;
    f[0].message = "The source gives $4.1 billion for 2021.";
    f[1].kind = FK_NOT_FOUND;
    f[1].severity = SEV_WARNING;
    f[1].message = "Reference 2 holds no matching figure.";
    rep->f = f;
    rep->nf = 2;
    rep->nclaims = 2;
}

START_TEST(document_and_findings_stored)
{
    char err[CC_ERRLEN] = "";
    struct db *db = open_ok("x.db");
    long long run = new_run(db);
    struct doc doc;
    struct doc_ref refs[2];
    struct doc_sentence s[2];
    struct check_report rep;
    struct finding f[2];
    struct evidence ev[2];
    struct db_info in;
    long long id = 0, id2 = 0;

    fill_doc(&doc, refs, s);
    fill_report(&rep, f, ev);
    ck_assert_msg(db_document_store(db, run, &doc,
                                    (struct cc_date){2025, 11, 14}, &rep, &id,
                                    err, sizeof err) == CC_OK, "%s", err);
    ck_assert_int_gt(id, 0);
    in = info_of(db);
    ck_assert_int_eq(in.documents, 1);
    ck_assert_int_eq(in.refs, 2);
    ck_assert_int_eq(in.sentences, 2);
    ck_assert_int_eq(in.sentence_labels, 3);
    ck_assert_int_eq(in.findings, 2);
    ck_assert_int_eq(in.evidence, 2);

    /* Without a report, and with an unset as_of. */
    ck_assert_msg(db_document_store(db, run, &doc, (struct cc_date){0, 0, 0},
                                    NULL, &id2, err, sizeof err) == CC_OK,
                  "%s", err);
    ck_assert_int_gt(id2, id);
    in = info_of(db);
    ck_assert_int_eq(in.documents, 2);
    ck_assert_int_eq(in.findings, 2);

    /* A run that does not exist: refused by the foreign key. */
    ck_assert_int_eq(db_document_store(db, run + 100, &doc,
                                       (struct cc_date){2025, 11, 14}, &rep,
                                       &id, err, sizeof err), CC_EDB);
    ck_assert_int_eq(info_of(db).documents, 2);
    db_close(&db);
}
END_TEST

/* The second finding has no message (NOT NULL): the document, references,
 * sentences, labels, first finding and its evidence already inserted in
 * the same transaction must all be rolled back. */
START_TEST(document_failure_leaves_nothing)
{
    char err[CC_ERRLEN] = "";
    struct db *db = open_ok("x.db");
    long long run = new_run(db);
    struct doc doc;
    struct doc_ref refs[2];
    struct doc_sentence s[2];
    struct check_report rep;
    struct finding f[2];
    struct evidence ev[2];
    struct db_info in;
    long long id = -7;

    fill_doc(&doc, refs, s);
    fill_report(&rep, f, ev);
    f[1].message = NULL;
    ck_assert_int_eq(db_document_store(db, run, &doc,
                                       (struct cc_date){2025, 11, 14}, &rep,
                                       &id, err, sizeof err), CC_EDB);
    ck_assert_int_eq(id, -7);
    ck_assert_msg(strstr(err, "findings.message") != NULL, "%s", err);
    ck_assert_msg(strstr(err, "storing finding") != NULL, "%s", err);
    in = info_of(db);
    ck_assert_int_eq(in.documents, 0);
    ck_assert_int_eq(in.refs, 0);
    ck_assert_int_eq(in.sentences, 0);
    ck_assert_int_eq(in.sentence_labels, 0);
    ck_assert_int_eq(in.findings, 0);
    ck_assert_int_eq(in.evidence, 0);
    ck_assert_int_eq(in.runs, 1);

    /* The connection is usable afterwards (no transaction left open). */
    f[1].message = "Reference 2 holds no matching figure.";
    ck_assert_msg(db_document_store(db, run, &doc,
                                    (struct cc_date){2025, 11, 14}, &rep, &id,
                                    err, sizeof err) == CC_OK, "%s", err);
    in = info_of(db);
    ck_assert_int_eq(in.documents, 1);
    ck_assert_int_eq(in.findings, 2);
    db_close(&db);

    /* ... and what was committed is on disk. */
    db = open_ok("x.db");
    ck_assert_int_eq(info_of(db).evidence, 2);
    db_close(&db);
}
END_TEST

/* db_batch_begin/end: one transaction for many writes, atomic. */
START_TEST(batch_commits_and_rolls_back)
{
    char err[CC_ERRLEN] = "";
    struct db *db = open_ok("x.db");
    struct db *other = open_ok("x.db");
    long long run = new_run(db);
    struct fetch_result a, b, out;
    struct doc doc;
    struct doc_ref refs[2];
    struct doc_sentence s[2];
    struct check_report rep;
    struct finding f[2];
    struct evidence ev[2];
    long long id;

    fill_fetch(&a, "https://example.org/a", 200);
    fill_fetch(&b, "https://example.org/b", 200);
    ck_assert_int_eq(db_batch_end(db, CC_OK, err, sizeof err), CC_EDB);
    ck_assert_msg(db_batch_begin(db, err, sizeof err) == CC_OK, "%s", err);
    ck_assert_int_eq(db_batch_begin(db, err, sizeof err), CC_EDB);
    store(db, run, &a, (long long)time(NULL));
    store(db, run, &b, (long long)time(NULL));
    /* reads join the batch and see its writes; others do not yet */
    ck_assert(lookup(db, "https://example.org/b", -1, &out, NULL));
    fetch_result_clear(&out);
    ck_assert(!lookup(other, "https://example.org/a", -1, &out, NULL));
    ck_assert_msg(db_batch_end(db, CC_OK, err, sizeof err) == CC_OK, "%s",
                  err);
    ck_assert(lookup(other, "https://example.org/a", -1, &out, NULL));
    fetch_result_clear(&out);
    ck_assert_int_eq(info_of(db).fetches, 2);

    /* a failing write rolls back the whole batch; later writes refuse */
    fill_doc(&doc, refs, s);
    fill_report(&rep, f, ev);
    f[1].message = NULL;
    ck_assert_msg(db_batch_begin(db, err, sizeof err) == CC_OK, "%s", err);
    store(db, run, &a, (long long)time(NULL));
    ck_assert_int_eq(db_document_store(db, run, &doc,
                                       (struct cc_date){2025, 11, 14}, &rep,
                                       &id, err, sizeof err), CC_EDB);
    ck_assert_int_eq(db_fetch_store(db, run, &b, &id, err, sizeof err),
                     CC_EDB);
    ck_assert_msg(strstr(err, "batch") != NULL, "%s", err);
    ck_assert_int_eq(db_batch_end(db, CC_OK, err, sizeof err), CC_EDB);
    ck_assert_int_eq(info_of(db).fetches, 2);
    ck_assert_int_eq(info_of(db).documents, 0);

    /* db_batch_end with an error rolls back and returns it */
    ck_assert_msg(db_batch_begin(db, err, sizeof err) == CC_OK, "%s", err);
    store(db, run, &a, (long long)time(NULL));
    ck_assert_int_eq(db_batch_end(db, CC_EIO, err, sizeof err), CC_EIO);
    ck_assert_int_eq(info_of(db).fetches, 2);

    /* the connection is usable; closing with a batch open rolls back */
    store(db, run, &a, (long long)time(NULL));
    ck_assert_msg(db_batch_begin(db, err, sizeof err) == CC_OK, "%s", err);
    store(db, run, &b, (long long)time(NULL));
    db_close(&db);
    ck_assert_int_eq(info_of(other).fetches, 3);
    fetch_result_clear(&a);
    fetch_result_clear(&b);
    db_close(&other);
}
END_TEST

static Suite *db_suite(void)
{
    Suite *s = suite_create("db");
    TCase *t = tcase_create("db");

    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 30);
    tcase_add_test(t, open_creates_schema);
    tcase_add_test(t, reopen_is_idempotent);
    tcase_add_test(t, newer_schema_refused);
    tcase_add_test(t, open_errors_name_the_path);
    tcase_add_test(t, default_path);
    tcase_add_test(t, run_begin_end);
    tcase_add_test(t, fetch_round_trip);
    tcase_add_test(t, errors_never_returned);
    tcase_add_test(t, max_age_respected);
    tcase_add_test(t, second_connection_sees_writes);
    tcase_add_test(t, page_and_facts_stored);
    tcase_add_test(t, document_and_findings_stored);
    tcase_add_test(t, document_failure_leaves_nothing);
    tcase_add_test(t, batch_commits_and_rolls_back);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(db_suite());
    int failed;

    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
