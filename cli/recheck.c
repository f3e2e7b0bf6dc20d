/*
 * cli/recheck.c -- `citecheck recheck [DOC...]`: check documents again
 * and report what changed since each one's previous run.
 *
 * Documents: the DOCs given, else every path stored in the database (as it
 * was named to `check`).  Each is read again from its file when the file
 * exists -- the article as the editor has it now -- else rebuilt from the
 * sentences and references stored with its latest run.  Why not always
 * rebuild: the stored model lacks per-character line maps, marker lines
 * and headings, so lines would drift; why not store the file: binary
 * formats (PDF, DOCX) would bloat the database for little gain.
 *
 * Every source is fetched again (max-age 0; the fetcher sends the stored
 * ETag/Last-Modified, so unchanged pages cost a 304), then the normal
 * check pipeline runs.  After each document is stored, its findings are
 * compared with those of its previous run by (kind, footnote, claim
 * sentence, value) -- not the line, so edits elsewhere in the article do
 * not make every finding "new" -- and each cited URL's latest fetch with
 * the one before it: newly unreachable, or a different body_hash.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "db/db.h"
#include "parser/document.h"
#include "report/report.h"

/* What one document's comparison produced; the strings are owned here
 * (db rows) or borrowed from the run's findings. */
struct doc_changes {
    struct report_changes ch;
    struct report_change_finding *added, *resolved;
    struct report_change_url *unreachable, *changed;
    struct db_finding_row *prev;       /* previous run's findings */
    size_t nprev;
    struct db_fetch_row **rows;        /* per changed/unreachable URL */
    size_t *nrows;
    size_t nrowsets;
    char **urls;                       /* cited URLs listed, owned */
    size_t nurls;
};

struct recheck {
    const struct cc_config *c;
    bool *rebuilt;                     /* per document */
    size_t ndocs;
    struct doc_changes *dc;            /* per document, in check order */
    size_t next;
};

static bool same_text(const char *a, const char *b)
{
    if (!a || !*a || !b || !*b)
        return (!a || !*a) && (!b || !*b);
    return strcmp(a, b) == 0;
}

static bool same_finding(const struct db_finding_row *p,
                         const struct finding *f)
{
    double m = fabs(p->value);

    if (strcmp(p->kind, finding_kind_name(f->kind)) != 0 ||
        !same_text(p->ref, f->ref) || !same_text(p->claim_text, f->claim_text)
        || p->has_value != f->has_value)
        return false;
    return !p->has_value ||
           fabs(p->value - f->value) <= 1e-9 * (m > 1 ? m : 1);
}

static void from_current(struct report_change_finding *o,
                         const struct finding *f)
{
    memset(o, 0, sizeof *o);
    o->kind = finding_kind_name(f->kind);
    o->severity = severity_name(f->severity);
    o->ref = f->ref[0] ? f->ref : NULL;
    o->line = f->line;
    o->claim_text = f->claim_text;
    o->has_value = f->has_value;
    o->value = f->value;
    o->unit = f->unit[0] ? f->unit : NULL;
    o->message = f->message;
}

static void from_stored(struct report_change_finding *o,
                        const struct db_finding_row *p)
{
    memset(o, 0, sizeof *o);
    o->kind = p->kind;
    o->severity = p->severity;
    o->ref = p->ref;
    o->line = p->line;
    o->claim_text = p->claim_text;
    o->has_value = p->has_value;
    o->value = p->value;
    o->unit = p->unit;
    o->message = p->message;
}

/* New and resolved findings: a multiset difference. */
static void diff_findings(struct doc_changes *dc, const struct check_report *rep)
{
    bool *used = cc_calloc(dc->nprev ? dc->nprev : 1, sizeof *used);

    dc->added = cc_calloc(rep->nf ? rep->nf : 1, sizeof *dc->added);
    dc->resolved = cc_calloc(dc->nprev ? dc->nprev : 1, sizeof *dc->resolved);
    for (size_t i = 0; i < rep->nf; i++) {
        size_t k;

        for (k = 0; k < dc->nprev; k++)
            if (!used[k] && same_finding(&dc->prev[k], &rep->f[i]))
                break;
        if (k < dc->nprev)
            used[k] = true;
        else
            from_current(&dc->added[dc->ch.nadded++], &rep->f[i]);
    }
    for (size_t k = 0; k < dc->nprev; k++)
        if (!used[k])
            from_stored(&dc->resolved[dc->ch.nresolved++], &dc->prev[k]);
    free(used);
    dc->ch.added = dc->added;
    dc->ch.resolved = dc->resolved;
}

static bool good_status(long s)
{
    return s >= 200 && s < 400;
}

/* The URL's fetch in this run and the one before (any earlier run);
 * newly unreachable when it was good before and is not now; changed when
 * both have bodies and their hashes differ (a 304 without a body is
 * "unchanged"). */
static cc_result diff_url(struct recheck *rc, struct doc_changes *dc,
                          struct db *db, long long run_id,
                          const struct check_source *s, char *err,
                          size_t errlen)
{
    struct db_fetch_row *rows = NULL, *cur = NULL, *prev = NULL,
                        *prev_body = NULL;
    size_t n = 0;
    char *mapped = cfg_map_url(rc->c, s->ref->url);
    bool now_bad = s->error || s->status == 0 || s->status >= 400;
    cc_result result;

    for (size_t i = 0; i < dc->nurls; i++)
        if (strcmp(dc->urls[i], s->ref->url) == 0) {
            free(mapped);
            return CC_OK;       /* cited twice: listed once */
        }
    result = db_url_fetches(db, mapped, 50, &rows, &n, err, errlen);
    free(mapped);
    if (result != CC_OK)
        return result;
    for (size_t i = 0; i < n; i++) {
        if (rows[i].run_id == run_id) {
            if (!cur)
                cur = &rows[i];
            continue;
        }
        if (!prev)
            prev = &rows[i];
        if (!prev_body && !rows[i].error && good_status(rows[i].status) &&
            rows[i].body_hash)
            prev_body = &rows[i];
    }
    if (!cur) {                 /* not fetched in this run (offline) */
        db_fetch_rows_free(&rows, n);
        return CC_OK;
    }
    if (prev && now_bad && !prev->error && good_status(prev->status)) {
        struct report_change_url *u;

        dc->unreachable = cc_realloc(dc->unreachable, (dc->ch.nunreachable +
                                     1) * sizeof *dc->unreachable);
        u = &dc->unreachable[dc->ch.nunreachable++];
        memset(u, 0, sizeof *u);
        u->ref = s->ref->label;
        u->url = s->ref->url;
        u->status = s->status;
        u->error = s->error;
    } else if (!now_bad && prev_body && cur->body_hash && !cur->error &&
               good_status(cur->status) &&
               strcmp(cur->body_hash, prev_body->body_hash) != 0) {
        struct report_change_url *u;

        dc->changed = cc_realloc(dc->changed, (dc->ch.nchanged + 1) *
                                                  sizeof *dc->changed);
        u = &dc->changed[dc->ch.nchanged++];
        memset(u, 0, sizeof *u);
        u->ref = s->ref->label;
        u->url = s->ref->url;
        u->status = s->status;
        u->old_hash = prev_body->body_hash;
        u->new_hash = cur->body_hash;
    }
    /* keep the rows: the change entries borrow their hashes */
    dc->rows = cc_realloc(dc->rows, (dc->nrowsets + 1) * sizeof *dc->rows);
    dc->nrows = cc_realloc(dc->nrows, (dc->nrowsets + 1) * sizeof *dc->nrows);
    dc->rows[dc->nrowsets] = rows;
    dc->nrows[dc->nrowsets++] = n;
    dc->urls = cc_realloc(dc->urls, (dc->nurls + 1) * sizeof *dc->urls);
    dc->urls[dc->nurls++] = cc_strdup(s->ref->url);
    return CC_OK;
}

/* The cli_check_hooks callback: compare document rd (stored as doc_id)
 * with its previous run. */
static cc_result on_checked(void *ud, struct db *db, long long run_id,
                            long long doc_id, struct report_doc *rd,
                            char *err, size_t errlen)
{
    struct recheck *rc = ud;
    struct doc_changes *dc;
    struct db_doc_run *runs = NULL;
    size_t nruns = 0;
    cc_result result;

    if (rc->next >= rc->ndocs)
        return CC_OK;
    dc = &rc->dc[rc->next];
    dc->ch.rebuilt = rc->rebuilt[rc->next];
    rc->next++;
    /* this run's row and the previous one */
    result = db_doc_runs(db, rd->doc->path, doc_id + 1, 2, &runs, &nruns, err,
                         errlen);
    if (result != CC_OK)
        return result;
    if (nruns == 2) {
        dc->ch.prev_run_id = runs[1].run_id;
        dc->ch.prev_checked_at = runs[1].checked_at;
        dc->ch.doc_changed = runs[0].content_hash && runs[1].content_hash &&
                             strcmp(runs[0].content_hash,
                                    runs[1].content_hash) != 0;
        result = db_doc_findings(db, runs[1].doc_id, &dc->prev, &dc->nprev,
                                 err, errlen);
    }
    db_doc_runs_free(&runs, nruns);
    if (result != CC_OK)
        return result;
    if (rd->rep)
        diff_findings(dc, rd->rep);
    for (size_t i = 0; result == CC_OK && i < rd->nsrc; i++)
        if (rd->src[i].ref && rd->src[i].ref->url)
            result = diff_url(rc, dc, db, run_id, &rd->src[i], err, errlen);
    dc->ch.unreachable = dc->unreachable;
    dc->ch.changed = dc->changed;
    rd->changes = &dc->ch;
    return result;
}

static void doc_changes_clear(struct doc_changes *dc)
{
    free(dc->added);
    free(dc->resolved);
    free(dc->unreachable);
    free(dc->changed);
    db_finding_rows_free(&dc->prev, dc->nprev);
    for (size_t i = 0; i < dc->nrowsets; i++)
        db_fetch_rows_free(&dc->rows[i], dc->nrows[i]);
    free(dc->rows);
    free(dc->nrows);
    for (size_t i = 0; i < dc->nurls; i++)
        free(dc->urls[i]);
    free(dc->urls);
}

/* Read path again, or rebuild it from its latest stored run. */
static cc_result load_one(struct db *db, const char *path, struct doc **out,
                          bool *rebuilt, char *err, size_t errlen)
{
    struct db_doc_run *runs = NULL;
    size_t n = 0;
    cc_result result;

    *rebuilt = false;
    if (strcmp(path, "-") != 0 && access(path, F_OK) == 0) {
        result = doc_load(path, out, err, errlen);
        return result == CC_OK || result == CC_ENOMEM ? result : CC_EUSAGE;
    }
    result = db_doc_runs(db, path, 0, 1, &runs, &n, err, errlen);
    if (result != CC_OK)
        return result;
    if (n == 0) {
        cc_errf(err, errlen, "%s: no such file, and never checked with this "
                             "database (run citecheck check %s first, or "
                             "pass the --db it used)", path, path);
        return CC_EUSAGE;
    }
    result = db_doc_rebuild(db, runs[0].doc_id, path, runs[0].nlines, out,
                            err, errlen);
    db_doc_runs_free(&runs, n);
    *rebuilt = result == CC_OK;
    return result;
}

/* The documents to check: the DOCs given, else every stored path. */
static cc_result load_docs(const struct cc_config *c, struct recheck *rc,
                           struct doc ***docs, char *err, size_t errlen)
{
    char *path = c->db_path ? cc_strdup(c->db_path) : db_default_path();
    struct db *db = NULL;
    char **paths = NULL;
    size_t n = 0;
    bool own_paths = false;
    cc_result result;

    result = db_open(path, &db, err, errlen);
    if (result == CC_OK && c->ninputs == 0) {
        result = db_doc_paths(db, &paths, &n, err, errlen);
        own_paths = true;
        if (result == CC_OK && n == 0) {
            cc_errf(err, errlen, "recheck: the database %s holds no "
                                 "documents yet (run citecheck check FILE "
                                 "first)", path ? path : "");
            result = CC_EUSAGE;
        }
    } else if (result == CC_OK) {
        paths = c->inputs;
        n = c->ninputs;
    }
    if (result == CC_OK) {
        *docs = cc_calloc(n, sizeof **docs);
        rc->rebuilt = cc_calloc(n, sizeof *rc->rebuilt);
        rc->dc = cc_calloc(n, sizeof *rc->dc);
    }
    for (size_t i = 0; result == CC_OK && i < n; i++) {
        result = load_one(db, paths[i], &(*docs)[i], &rc->rebuilt[i], err,
                          errlen);
        if (result == CC_OK) {
            rc->ndocs++;
            if (rc->rebuilt[i] && !c->quiet)
                fprintf(stderr, "citecheck: %s: file gone; checking the "
                                "copy stored in the database\n", paths[i]);
        }
    }
    if (own_paths) {
        for (size_t i = 0; i < n; i++)
            free(paths[i]);
        free(paths);
    }
    db_close(&db);
    free(path);
    return result;
}

cc_result cli_recheck(const struct cc_config *c, bool *failing, char *err,
                      size_t errlen)
{
    struct recheck rc;
    struct cli_check_hooks h;
    struct cc_config fresh = *c;   /* shallow: only max_age differs */
    struct doc **docs = NULL;
    cc_result result;

    memset(&rc, 0, sizeof rc);
    memset(&h, 0, sizeof h);
    *failing = false;
    rc.c = c;
    if (!c->offline)
        fresh.max_age = 0;
    result = load_docs(c, &rc, &docs, err, errlen);
    if (result != CC_OK) {
        for (size_t i = 0; i < rc.ndocs; i++)
            doc_free(&docs[i]);
        free(docs);
    } else {
        h.docs = docs;
        h.ndocs = rc.ndocs;
        h.command = c->ninputs ? "recheck ..." : "recheck";
        h.checked = on_checked;
        h.ud = &rc;
        result = cli_check_run(&fresh, &h, failing, err, errlen);
    }
    for (size_t i = 0; rc.dc && i < rc.ndocs; i++)
        doc_changes_clear(&rc.dc[i]);
    free(rc.dc);
    free(rc.rebuilt);
    return result;
}
