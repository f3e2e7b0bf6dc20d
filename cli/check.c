/*
 * cli/check.c -- `citecheck check`: the whole pipeline.
 *
 *   documents -> claims                       (parser/document, verify)
 *   references -> responses -> pages -> facts (crawler, db cache, parser/html,
 *                                              verify/extract)
 *   claims x facts -> findings -> report      (verify/check, db, report)
 *
 * Every input is read and parsed before the database is opened, so bad
 * input leaves nothing behind.  Responses are stored as they arrive; a
 * document and its findings are stored in one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "cli/fetcher.h"
#include "crawler/archive.h"
#include "crawler/fetch.h"
#include "crawler/soft404.h"
#include "db/db.h"
#include "parser/document.h"
#include "parser/page.h"
#include "report/report.h"
#include "verify/check.h"
#include "verify/extract.h"

/* One distinct URL to read (after --map), shared by every reference that
 * cites it. */
struct job {
    char *url;                  /* mapped */
    char *shown_final;          /* final URL with --map undone, for reports */
    struct fetch_result r;
    long long fetch_id;
    bool cached;
    char *error;                /* set when the response cannot be used */
    struct page *page;
    struct extract_result facts;
    char *fact_text;
    struct cc_date ref_date;    /* of the first reference citing it */
    /* --archive: the archived copy read instead of a dead page */
    char *archived_url, *archived_ts;
    char *live_error;           /* why the live page was not used */
    /* incremental re-checks: the stored response past --max-age, whose
     * ETag/Last-Modified make the request conditional and whose body a
     * 304 reuses; changed: this run's body differs from the last one */
    struct fetch_result stale;
    bool changed;
};

struct pipeline {
    const struct cc_config *c;
    struct doc **docs;
    size_t ndocs;
    struct job *jobs;
    size_t njobs;
    struct db *db;
    long long run_id;
    size_t *todo_job;           /* fetch_run index -> job index */
    cc_result store_result;     /* first failure inside the fetch callback */
    char store_err[CC_ERRLEN];
    struct cli_progress *progress;          /* NULL unless a terminal */
    const struct cli_check_hooks *hooks;   /* recheck; NULL for check */
    struct report_baseline *baseline;      /* --baseline, or NULL */
    struct cli_fetcher fetcher; /* network or --replay, and --warc */
};

static struct job *find_job(struct pipeline *p, const char *url)
{
    for (size_t i = 0; i < p->njobs; i++)
        if (strcmp(p->jobs[i].url, url) == 0)
            return &p->jobs[i];
    return NULL;
}

static cc_result load_documents(struct pipeline *p, char *err, size_t errlen)
{
    const struct cc_config *c = p->c;

    if (p->hooks && p->hooks->docs) {
        /* recheck: documents already loaded or rebuilt; the pipeline
         * owns them from here */
        p->docs = p->hooks->docs;
        p->ndocs = p->hooks->ndocs;
        return CC_OK;
    }
    if (c->ninputs == 0) {
        cc_errf(err, errlen, "check: no article given (see citecheck check "
                             "--help)");
        return CC_EUSAGE;
    }
    p->docs = cc_calloc(c->ninputs, sizeof *p->docs);
    for (size_t i = 0; i < c->ninputs; i++) {
        cc_result result = doc_load(c->inputs[i], &p->docs[i], err, errlen);

        if (result != CC_OK)
            return result == CC_ENOMEM ? result : CC_EUSAGE;
        p->ndocs++;
        if (p->docs[i]->nrefs == 0) {
            cc_errf(err, errlen, "%s: no references found (nothing to check "
                                 "the article against)", c->inputs[i]);
            return CC_EUSAGE;
        }
        for (size_t r = 0; r < p->docs[i]->nrefs; r++) {
            const struct doc_ref *ref = &p->docs[i]->refs[r];

            if (ref->url_error && !c->quiet)
                fprintf(stderr, "citecheck: %s:%d: reference %s: %s\n",
                        c->inputs[i], ref->url_line ? ref->url_line : ref->line,
                        ref->label, ref->url_error);
        }
    }
    return CC_OK;
}

static void plan_jobs(struct pipeline *p)
{
    size_t cap = 0;

    for (size_t d = 0; d < p->ndocs; d++) {
        for (size_t r = 0; r < p->docs[d]->nrefs; r++) {
            const struct doc_ref *ref = &p->docs[d]->refs[r];
            char *url;

            if (!ref->url)
                continue;
            url = cfg_map_url(p->c, ref->url);
            if (find_job(p, url)) {
                free(url);
                continue;
            }
            p->jobs = cc_grow(p->jobs, &cap, p->njobs + 1, sizeof *p->jobs);
            memset(&p->jobs[p->njobs], 0, sizeof *p->jobs);
            p->jobs[p->njobs].url = url;
            p->jobs[p->njobs].ref_date = ref->date;
            p->njobs++;
        }
    }
}

static void on_fetched(struct fetch_result *r, size_t index, void *ud)
{
    struct pipeline *p = ud;
    struct job *j = &p->jobs[p->todo_job[index]];
    int changed = -1;

    cli_progress_step(p->progress, r);
    if (p->store_result != CC_OK)
        return;
    if (r->status == 304 && !r->error && j->stale.body) {
        /* not modified: the stored body is this response's body, and the
         * 304 row stores it, so a later lookup never gets a bare 304 */
        free(r->body);
        r->body = cc_malloc(j->stale.body_len + 1);
        memcpy(r->body, j->stale.body, j->stale.body_len + 1);
        r->body_len = j->stale.body_len;
        if (!r->content_type)
            r->content_type = cc_strdup(j->stale.content_type);
        if (!r->resp_etag)
            r->resp_etag = cc_strdup(j->stale.resp_etag);
        if (!r->resp_last_modified)
            r->resp_last_modified = cc_strdup(j->stale.resp_last_modified);
    }
    p->store_result = db_fetch_store(p->db, p->run_id, r, &j->fetch_id,
                                     p->store_err, sizeof p->store_err);
    if (p->store_result == CC_OK && !r->error && r->body)
        p->store_result = db_fetch_changed(p->db, j->fetch_id, &changed,
                                           p->store_err,
                                           sizeof p->store_err);
    j->changed = changed == 1;
}

/* Responses: from the database when fresh enough (always with --offline),
 * else fetched concurrently; each fetched response is stored as it
 * arrives. */
static cc_result get_responses(struct pipeline *p, char *err, size_t errlen)
{
    const struct cc_config *c = p->c;
    struct fetch_result *todo;
    size_t ntodo = 0;
    struct fetch_opts fo;
    struct fetch_robots_cache rcache;
    cc_result result = CC_OK;

    p->todo_job = cc_calloc(p->njobs ? p->njobs : 1, sizeof *p->todo_job);
    for (size_t i = 0; i < p->njobs; i++) {
        struct job *j = &p->jobs[i];
        bool found = false;

        /* --replay: every response comes from the WARC file; --max-age 0
         * trusts no stored response (each is revalidated) */
        if (!c->replay && (c->offline || c->max_age > 0))
            result = db_fetch_lookup(p->db, j->url,
                                     c->offline ? -1 : c->max_age, &j->r,
                                     &found, &j->fetch_id, err, errlen);
        if (result != CC_OK)
            return result;
        if (found) {
            j->cached = true;
            free(j->r.url);
            j->r.url = cc_strdup(j->url);
            /* --warc: the file must replay the whole run */
            result = cli_fetcher_record(&p->fetcher, &j->r, err, errlen);
            if (result != CC_OK)
                return result;
        } else if (c->offline && !c->replay) {
            j->error = cc_strdup("offline: no stored response for this URL");
        } else {
            bool old = false;

            /* an older stored response makes the request conditional;
             * not with --warc, whose file must hold whole responses (a
             * 304 there would replay without its body) */
            if (!c->replay && !c->warc)
                result = db_fetch_lookup(p->db, j->url, -1, &j->stale, &old,
                                         NULL, err, errlen);
            if (result != CC_OK)
                return result;
            if (old && (j->stale.status < 200 || j->stale.status >= 300))
                fetch_result_clear(&j->stale);
            p->todo_job[ntodo++] = i;
        }
    }
    if (ntodo == 0)
        return CC_OK;
    todo = cc_calloc(ntodo, sizeof *todo);
    for (size_t k = 0; k < ntodo; k++) {
        const struct job *j = &p->jobs[p->todo_job[k]];

        todo[k].url = cc_strdup(j->url);
        if (j->stale.body) {
            todo[k].etag = cc_strdup(j->stale.resp_etag);
            todo[k].last_modified = cc_strdup(j->stale.resp_last_modified);
        }
    }
    cli_fetch_opts(c, &fo);
    cli_robots_cache(p->db, &rcache);
    fo.robots_cache = &rcache;
    p->progress = cli_progress_new(c, ntodo);
    result = cli_fetcher_run(&p->fetcher, &fo, todo, ntodo, on_fetched, p,
                             err, errlen);
    cli_progress_free(&p->progress);
    for (size_t k = 0; k < ntodo; k++) {
        struct job *j = &p->jobs[p->todo_job[k]];

        fetch_result_clear(&j->r);
        j->r = todo[k];
        if (j->r.status == 304 && !j->r.error && j->stale.body)
            j->r.status = j->stale.status;  /* the reused response's */
    }
    free(todo);
    if (result == CC_OK && p->store_result != CC_OK) {
        cc_errf(err, errlen, "%s", p->store_err);
        result = p->store_result;
    }
    return result;
}

static bool is_pdf(const char *ct, const char *body, size_t len)
{
    return (ct && strncasecmp(ct, "application/pdf", 15) == 0) ||
           (len >= 5 && memcmp(body, "%PDF-", 5) == 0);
}

static bool readable_type(const char *ct)
{
    static const char *const ok[] = {"text/html", "application/xhtml+xml",
                                     "text/plain"};

    if (!ct || !*ct)
        return true;
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        if (strncasecmp(ct, ok[i], strlen(ok[i])) == 0)
            return true;
    return false;
}

/* Page and facts of one usable response (j->r); a response that cannot
 * be used gets j->error.  A 200 page that is really "not found" (a soft
 * 404, crawler/soft404.c) is treated as a dead link. */
static cc_result read_job(struct pipeline *p, struct job *j, char *err,
                          size_t errlen)
{
    struct extract_opts xo;
    char why[CC_ERRLEN];
    cc_result result;

    if (j->error || j->r.error || j->r.status < 200 || j->r.status >= 300 ||
        !j->r.body)
        return CC_OK;
    if (is_pdf(j->r.content_type, j->r.body, j->r.body_len)) {
        /* a PDF source: its text (poppler, parser/document_pdf.c) is read
         * like a plain-text page */
        char *text = NULL;
        size_t tlen = 0;

        if (doc_pdf_to_text(j->r.body, j->r.body_len, &text, &tlen, why,
                            sizeof why) != CC_OK) {
            j->error = cc_asprintf("pdf: %s", why);
            return CC_OK;
        }
        result = page_parse(text, tlen, "text/plain; charset=utf-8",
                            j->r.final_url ? j->r.final_url : j->url,
                            &j->page, why, sizeof why);
        free(text);
    } else if (!readable_type(j->r.content_type)) {
        j->error = cc_asprintf("type: unsupported content type %s",
                               j->r.content_type);
        return CC_OK;
    } else {
        result = page_parse(j->r.body, j->r.body_len, j->r.content_type,
                            j->r.final_url ? j->r.final_url : j->url,
                            &j->page, why, sizeof why);
    }
    if (result != CC_OK) {
        j->error = cc_asprintf("page: %s", why);
        return CC_OK;
    }
    if (soft404_check(j->url, j->r.final_url, j->page->title, j->page->text,
                      why, sizeof why)) {
        j->error = cc_asprintf("soft 404: %s", why);
        page_free(&j->page);
        return CC_OK;
    }
    j->fact_text = cc_asprintf("%s\n\n%s", j->page->title
                                               ? j->page->title : "",
                               j->page->text);
    memset(&xo, 0, sizeof xo);
    xo.ref_date = j->page->published;
    result = extract_text(j->fact_text, strlen(j->fact_text), &xo,
                          &j->facts, why, sizeof why);
    if (result != CC_OK && !p->c->quiet)
        fprintf(stderr, "citecheck: %s: %s (figures found before it are "
                        "kept)\n", j->url, why);
    if (j->fetch_id)
        return db_page_store(p->db, j->fetch_id, j->page, &j->facts, err,
                             errlen);
    return CC_OK;
}

/* Pages and facts for every usable response. */
static cc_result read_pages(struct pipeline *p, char *err, size_t errlen)
{
    for (size_t i = 0; i < p->njobs; i++) {
        cc_result result = read_job(p, &p->jobs[i], err, errlen);

        if (result != CC_OK)
            return result;
    }
    return CC_OK;
}

/* Why job j's live page is unusable (dead: HTTP error, network error,
 * soft 404), or NULL when it was read or only its type is unsupported. */
static char *dead_reason(const struct job *j)
{
    if (j->page || !j->url)
        return NULL;
    if (j->error)
        return strncmp(j->error, "type:", 5) == 0 ||
               strncmp(j->error, "offline:", 8) == 0
                   ? NULL : cc_strdup(j->error);
    if (j->r.error)
        return cc_strdup(j->r.error);
    if (j->r.status >= 400)
        return cc_asprintf("HTTP %ld", j->r.status);
    return NULL;
}

struct archive_pass {
    struct pipeline *p;
    size_t *job_of;             /* fetch index -> job index */
    long long *fetch_id;        /* fetch index -> stored fetch */
};

static void on_archive_fetched(struct fetch_result *r, size_t index, void *ud)
{
    struct archive_pass *a = ud;
    struct pipeline *p = a->p;

    if (p->store_result != CC_OK || r->error)
        return;
    p->store_result = db_fetch_store(p->db, p->run_id, r, &a->fetch_id[index],
                                     p->store_err, sizeof p->store_err);
}

/* Fetch res[0..n) through the fetcher (so --warc records and --replay
 * serves archive traffic too), storing each response. */
static cc_result archive_fetch(struct archive_pass *a, struct fetch_result *res,
                               size_t n, char *err, size_t errlen)
{
    struct fetch_opts fo;
    struct fetch_robots_cache rcache;
    cc_result result;

    cli_fetch_opts(a->p->c, &fo);
    cli_robots_cache(a->p->db, &rcache);
    fo.robots_cache = &rcache;
    memset(a->fetch_id, 0, n * sizeof *a->fetch_id);
    result = cli_fetcher_run(&a->p->fetcher, &fo, res, n, on_archive_fetched,
                             a, err, errlen);
    if (result == CC_OK && a->p->store_result != CC_OK) {
        cc_errf(err, errlen, "%s", a->p->store_err);
        result = a->p->store_result;
    }
    return result;
}

/* --archive: for every dead source, ask the availability endpoint for the
 * copy closest to the reference's date, fetch it and read it instead. */
static cc_result use_archives(struct pipeline *p, char *err, size_t errlen)
{
    struct archive_pass a;
    struct fetch_result *q;
    size_t n = 0;
    cc_result result = CC_OK;

    if (!p->c->archive || p->njobs == 0)
        return CC_OK;
    a.p = p;
    a.job_of = cc_calloc(p->njobs, sizeof *a.job_of);
    a.fetch_id = cc_calloc(p->njobs, sizeof *a.fetch_id);
    q = cc_calloc(p->njobs, sizeof *q);
    for (size_t i = 0; i < p->njobs; i++) {
        char *why = dead_reason(&p->jobs[i]), *cited;

        if (!why)
            continue;
        free(why);
        cited = cfg_unmap_url(p->c, p->jobs[i].url);
        q[n].url = archive_query_url(p->c->archive, cited,
                                     p->jobs[i].ref_date);
        free(cited);
        a.job_of[n++] = i;
    }
    if (n)
        result = archive_fetch(&a, q, n, err, errlen);
    /* the answers name the snapshots: q[0..m) become the snapshot fetches */
    {
        size_t m = 0;

        for (size_t k = 0; k < n && result == CC_OK; k++) {
            struct job *j = &p->jobs[a.job_of[k]];
            char *snap = NULL, *ts = NULL, why[CC_ERRLEN];
            bool ok = !q[k].error && q[k].status == 200 && q[k].body &&
                      archive_parse_answer(q[k].body, q[k].body_len, &snap,
                                           &ts, why, sizeof why);

            fetch_result_clear(&q[k]);
            if (ok) {
                q[m].url = snap;
                j->archived_ts = ts;
                a.job_of[m++] = a.job_of[k];
            }
        }
        n = result == CC_OK ? m : n;
    }
    if (n && result == CC_OK)
        result = archive_fetch(&a, q, n, err, errlen);
    for (size_t k = 0; k < n && result == CC_OK; k++) {
        struct job *j = &p->jobs[a.job_of[k]];
        struct job saved = *j;

        /* read the snapshot in place of the live response */
        j->r = q[k];
        memset(&q[k], 0, sizeof q[k]);
        j->error = NULL;
        j->fetch_id = a.fetch_id[k];
        result = read_job(p, j, err, errlen);
        if (result == CC_OK && j->page) {
            j->live_error = dead_reason(&saved);
            j->archived_url = cc_strdup(j->r.final_url ? j->r.final_url
                                                       : j->r.url);
            fetch_result_clear(&saved.r);
            free(saved.error);
        } else {
            /* the copy is no better: keep the live outcome */
            fetch_result_clear(&j->r);
            free(j->error);
            page_free(&j->page);
            j->r = saved.r;
            j->error = saved.error;
            j->fetch_id = saved.fetch_id;
            free(j->archived_ts);
            j->archived_ts = NULL;
        }
    }
    for (size_t k = 0; k < n; k++)
        fetch_result_clear(&q[k]);
    free(q);
    free(a.job_of);
    free(a.fetch_id);
    return result;
}

/* "20240115093000" -> "2024-01-15"; other text is kept. buf >= 16. */
static void archive_day(const char *ts, char *buf, size_t n)
{
    if (ts && strlen(ts) >= 8 && strspn(ts, "0123456789") >= 8)
        cc_errf(buf, n, "%.4s-%.2s-%.2s", ts, ts + 4, ts + 6);
    else
        cc_errf(buf, n, "%s", ts ? ts : "");
}

/* Findings on a source read from an archived copy say so. */
static void note_archived(struct check_report *rep, const struct doc_ref *ref,
                          const struct job *j)
{
    char day[32];

    archive_day(j->archived_ts, day, sizeof day);
    for (size_t i = 0; i < rep->nf; i++) {
        struct finding *f = &rep->f[i];
        char *m;

        if (strcmp(f->ref, ref->label) != 0)
            continue;
        m = cc_asprintf("%s (checked against an archived copy of %s, %s; "
                        "the live page: %s)", f->message ? f->message : "",
                        day, j->archived_url, j->live_error ? j->live_error
                                                            : "unusable");
        free(f->message);
        f->message = m;
    }
}

/* --baseline: which findings of rep are accepted (NULL when none are);
 * caller frees. */
static bool *baselined(const struct report_baseline *b,
                       const struct check_report *rep)
{
    bool *v = NULL;

    for (size_t i = 0; b && i < rep->nf; i++) {
        if (!report_baseline_has(b, &rep->f[i]))
            continue;
        if (!v)
            v = cc_calloc(rep->nf, sizeof *v);
        v[i] = true;
    }
    return v;
}

/* Check every document, store it with its findings, write the report. */
static cc_result check_and_report(struct pipeline *p, bool *failing,
                                  char *err, size_t errlen)
{
    const struct cc_config *c = p->c;
    struct report_doc *rd = cc_calloc(p->ndocs, sizeof *rd);
    struct check_report *reps = cc_calloc(p->ndocs, sizeof *reps);
    struct check_source **srcs = cc_calloc(p->ndocs, sizeof *srcs);
    bool **bl = cc_calloc(p->ndocs, sizeof *bl);
    struct report_opts ro;
    FILE *out = NULL;
    bool opened = false;
    cc_result result = CC_OK;
    size_t done = 0;

    for (size_t d = 0; d < p->ndocs && result == CC_OK; d++) {
        const struct doc *doc = p->docs[d];
        struct check_source *src = cc_calloc(doc->nrefs ? doc->nrefs : 1,
                                             sizeof *src);
        struct cc_date as_of = cc_date_set(c->as_of) ? c->as_of
                                                     : check_default_as_of(doc);
        size_t n = 0;
        long long doc_id;

        srcs[d] = src;
        for (size_t r = 0; r < doc->nrefs; r++) {
            const struct doc_ref *ref = &doc->refs[r];
            char *url;
            struct job *j;

            if (!ref->url)
                continue;
            url = cfg_map_url(c, ref->url);
            j = find_job(p, url);
            free(url);
            src[n].ref = ref;
            src[n].error = j->error ? j->error : j->r.error;
            src[n].status = j->r.status;
            if (!j->shown_final && j->r.final_url)
                j->shown_final = j->archived_url
                                     ? cc_strdup(j->archived_url)
                                     : cfg_unmap_url(c, j->r.final_url);
            src[n].archived_url = j->archived_url;
            src[n].archived_ts = j->archived_url ? j->archived_ts : NULL;
            src[n].final_url = j->shown_final;
            src[n].page = j->page;
            src[n].facts = j->page ? &j->facts : NULL;
            src[n].fact_text = j->fact_text;
            src[n].from_cache = j->cached;
            src[n].changed = j->changed;
            n++;
        }
        result = check_document(doc, src, n, as_of, &reps[d], err, errlen);
        if (result != CC_OK)
            break;
        for (size_t k = 0; k < n; k++) {
            char *url = cfg_map_url(c, src[k].ref->url);
            const struct job *j = find_job(p, url);

            free(url);
            if (j && j->archived_url)
                note_archived(&reps[d], src[k].ref, j);
        }
        done = d + 1;
        result = db_document_store(p->db, p->run_id, doc, as_of, &reps[d],
                                   &doc_id, err, errlen);
        rd[d].doc = doc;
        rd[d].as_of = as_of;
        rd[d].src = src;
        rd[d].nsrc = n;
        rd[d].rep = &reps[d];
        bl[d] = baselined(p->baseline, &reps[d]);
        rd[d].baselined = bl[d];
        if (result == CC_OK && p->hooks && p->hooks->checked)
            result = p->hooks->checked(p->hooks->ud, p->db, p->run_id, doc_id,
                                       &rd[d], err, errlen);
        for (size_t i = 0; i < reps[d].nf; i++)
            if ((int)reps[d].f[i].severity >= c->fail_on &&
                !(bl[d] && bl[d][i]))
                *failing = true;
    }
    if (result == CC_OK)
        result = cli_open_output(c, &out, &opened, err, errlen);
    if (result == CC_OK) {
        memset(&ro, 0, sizeof ro);
        ro.color = c->format == RF_TEXT && cli_use_color(c, out);
        ro.verbose = c->verbose > 0;
        result = report_check(out, c->format, &ro, rd, p->ndocs, err, errlen);
        if (result == CC_OK)
            result = cli_close_output(c, out, opened, err, errlen);
        else if (opened)
            fclose(out);
    }
    for (size_t d = 0; d < done; d++)
        check_report_clear(&reps[d]);
    for (size_t d = 0; d < p->ndocs; d++)
        free(srcs[d]);
    for (size_t d = 0; d < p->ndocs; d++)
        free(bl[d]);
    free(bl);
    free(srcs);
    free(reps);
    free(rd);
    return result;
}

static void pipeline_free(struct pipeline *p)
{
    for (size_t d = 0; d < p->ndocs; d++)
        doc_free(&p->docs[d]);
    free(p->docs);
    for (size_t i = 0; i < p->njobs; i++) {
        struct job *j = &p->jobs[i];

        free(j->url);
        free(j->shown_final);
        free(j->error);
        fetch_result_clear(&j->r);
        fetch_result_clear(&j->stale);
        page_free(&j->page);
        extract_result_clear(&j->facts);
        free(j->fact_text);
        free(j->archived_url);
        free(j->archived_ts);
        free(j->live_error);
    }
    free(p->jobs);
    free(p->todo_job);
    report_baseline_free(&p->baseline);
    db_close(&p->db);
}

cc_result cli_check(const struct cc_config *c, bool *failing, char *err,
                    size_t errlen)
{
    return cli_check_run(c, NULL, failing, err, errlen);
}

cc_result cli_check_run(const struct cc_config *c,
                        const struct cli_check_hooks *hooks, bool *failing,
                        char *err, size_t errlen)
{
    struct pipeline p;
    cc_result result;
    char *path = NULL;
    char *command;

    memset(&p, 0, sizeof p);
    p.c = c;
    p.hooks = hooks;
    *failing = false;
    result = load_documents(&p, err, errlen);
    if (result == CC_OK && c->baseline)
        result = report_baseline_load(c->baseline, &p.baseline, err, errlen);
    if (result != CC_OK)
        goto out;
    plan_jobs(&p);
    path = c->db_path ? cc_strdup(c->db_path) : db_default_path();
    result = db_open(path, &p.db, err, errlen);
    if (result == CC_OK)
        result = cli_fetcher_open(c, &p.fetcher, err, errlen);
    if (result != CC_OK)
        goto out;
    if (hooks && hooks->command)
        command = cc_strdup(hooks->command);
    else
        command = cc_asprintf("check %s%s", c->inputs[0],
                              c->ninputs > 1 ? " ..." : "");
    result = db_run_begin(p.db, command, &p.run_id, err, errlen);
    free(command);
    if (result != CC_OK)
        goto out;
    result = get_responses(&p, err, errlen);
    if (result == CC_OK)
        result = read_pages(&p, err, errlen);
    if (result == CC_OK)
        result = use_archives(&p, err, errlen);
    if (result == CC_OK)
        result = check_and_report(&p, failing, err, errlen);
    {
        char e2[CC_ERRLEN];

        if (db_run_end(p.db, p.run_id, result == CC_OK ? "ok" : "failed", e2,
                       sizeof e2) != CC_OK && result == CC_OK) {
            cc_errf(err, errlen, "%s", e2);
            result = CC_EDB;
        }
    }
out:
    {
        char e2[CC_ERRLEN];

        if (cli_fetcher_close(&p.fetcher, e2, sizeof e2) != CC_OK &&
            result == CC_OK) {
            cc_errf(err, errlen, "%s", e2);
            result = CC_EIO;
        }
    }
    free(path);
    pipeline_free(&p);
    return result;
}
