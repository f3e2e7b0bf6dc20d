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
#include "crawler/fetch.h"
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
            p->njobs++;
        }
    }
}

static void on_fetched(struct fetch_result *r, size_t index, void *ud)
{
    struct pipeline *p = ud;
    struct job *j = &p->jobs[p->todo_job[index]];

    if (p->store_result != CC_OK)
        return;
    p->store_result = db_fetch_store(p->db, p->run_id, r, &j->fetch_id,
                                     p->store_err, sizeof p->store_err);
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
    cc_result result = CC_OK;

    p->todo_job = cc_calloc(p->njobs ? p->njobs : 1, sizeof *p->todo_job);
    for (size_t i = 0; i < p->njobs; i++) {
        struct job *j = &p->jobs[i];
        bool found = false;

        result = db_fetch_lookup(p->db, j->url, c->offline ? -1 : c->max_age,
                                 &j->r, &found, &j->fetch_id, err, errlen);
        if (result != CC_OK)
            return result;
        if (found) {
            j->cached = true;
            free(j->r.url);
            j->r.url = cc_strdup(j->url);
        } else if (c->offline) {
            j->error = cc_strdup("offline: no stored response for this URL");
        } else {
            p->todo_job[ntodo++] = i;
        }
    }
    if (ntodo == 0)
        return CC_OK;
    todo = cc_calloc(ntodo, sizeof *todo);
    for (size_t k = 0; k < ntodo; k++)
        todo[k].url = cc_strdup(p->jobs[p->todo_job[k]].url);
    cli_fetch_opts(c, &fo);
    result = fetch_run(&fo, todo, ntodo, on_fetched, p, err, errlen);
    for (size_t k = 0; k < ntodo; k++) {
        struct job *j = &p->jobs[p->todo_job[k]];

        fetch_result_clear(&j->r);
        j->r = todo[k];
    }
    free(todo);
    if (result == CC_OK && p->store_result != CC_OK) {
        cc_errf(err, errlen, "%s", p->store_err);
        result = p->store_result;
    }
    return result;
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

/* Pages and facts for every usable response. */
static cc_result read_pages(struct pipeline *p, char *err, size_t errlen)
{
    for (size_t i = 0; i < p->njobs; i++) {
        struct job *j = &p->jobs[i];
        struct extract_opts xo;
        char why[CC_ERRLEN];
        cc_result result;

        if (j->error || j->r.error || j->r.status < 200 || j->r.status >= 300 ||
            !j->r.body)
            continue;
        if (!readable_type(j->r.content_type)) {
            j->error = cc_asprintf("type: unsupported content type %s",
                                   j->r.content_type);
            continue;
        }
        result = page_parse(j->r.body, j->r.body_len, j->r.content_type,
                            j->r.final_url ? j->r.final_url : j->url, &j->page,
                            why, sizeof why);
        if (result != CC_OK) {
            j->error = cc_asprintf("page: %s", why);
            continue;
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
        if (j->fetch_id) {
            result = db_page_store(p->db, j->fetch_id, j->page, &j->facts, err,
                                   errlen);
            if (result != CC_OK)
                return result;
        }
    }
    return CC_OK;
}

/* Check every document, store it with its findings, write the report. */
static cc_result check_and_report(struct pipeline *p, bool *failing,
                                  char *err, size_t errlen)
{
    const struct cc_config *c = p->c;
    struct report_doc *rd = cc_calloc(p->ndocs, sizeof *rd);
    struct check_report *reps = cc_calloc(p->ndocs, sizeof *reps);
    struct check_source **srcs = cc_calloc(p->ndocs, sizeof *srcs);
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
                j->shown_final = cfg_unmap_url(c, j->r.final_url);
            src[n].final_url = j->shown_final;
            src[n].page = j->page;
            src[n].facts = j->page ? &j->facts : NULL;
            src[n].fact_text = j->fact_text;
            n++;
        }
        result = check_document(doc, src, n, as_of, &reps[d], err, errlen);
        if (result != CC_OK)
            break;
        done = d + 1;
        result = db_document_store(p->db, p->run_id, doc, as_of, &reps[d],
                                   &doc_id, err, errlen);
        rd[d].doc = doc;
        rd[d].as_of = as_of;
        rd[d].src = src;
        rd[d].nsrc = n;
        rd[d].rep = &reps[d];
        for (size_t i = 0; i < reps[d].nf; i++)
            if ((int)reps[d].f[i].severity >= c->fail_on)
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
        page_free(&j->page);
        extract_result_clear(&j->facts);
        free(j->fact_text);
    }
    free(p->jobs);
    free(p->todo_job);
    db_close(&p->db);
}

cc_result cli_check(const struct cc_config *c, bool *failing, char *err,
                    size_t errlen)
{
    struct pipeline p;
    cc_result result;
    char *path = NULL;
    char *command;

    memset(&p, 0, sizeof p);
    p.c = c;
    *failing = false;
    result = load_documents(&p, err, errlen);
    if (result != CC_OK)
        goto out;
    plan_jobs(&p);
    path = c->db_path ? cc_strdup(c->db_path) : db_default_path();
    result = db_open(path, &p.db, err, errlen);
    if (result != CC_OK)
        goto out;
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
    free(path);
    pipeline_free(&p);
    return result;
}
