/*
 * db/db_history.c -- reading past runs back: the checks of a document,
 * its stored findings, a document rebuilt from its stored sentences, and
 * the fetches of a URL.  Used by `citecheck recheck` and `history`.  Every
 * public function is one read transaction; the SQL is in db_schema.c.
 */
#include "db/db_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bound for a LIMIT parameter: "no limit" is a large number. */
static long long limit_of(size_t max)
{
    return max == 0 || max > (size_t)1 << 40 ? (long long)1 << 40
                                              : (long long)max;
}

/* End a read transaction: COMMIT when result is CC_OK, else roll back. */
static cc_result read_end(struct db *db, cc_result result, char *err,
                          size_t errlen)
{
    return db_tx_end(db, result, "reading history", err, errlen);
}

/* ---- documents -------------------------------------------------------- */

cc_result db_doc_runs(struct db *db, const char *path, long long before,
                      size_t max, struct db_doc_run **out, size_t *n,
                      char *err, size_t errlen)
{
    struct db_doc_run *v = NULL;
    size_t cap = 0, k = 0;
    cc_result result;
    struct db_q q;

    *out = NULL;
    *n = 0;
    result = db_tx_run(db, ST_BEGIN_READ, "reading history", err, errlen);
    if (result != CC_OK)
        return result;
    db_q_start(&q, db, ST_H_DOC_RUNS, "reading document runs", err, errlen);
    db_q_text(&q, ":path", path);
    db_q_int(&q, ":before", before > 0 ? before : (long long)1 << 62);
    db_q_int(&q, ":lim", limit_of(max));
    while (db_q_row(&q)) {
        struct db_doc_run *r;

        v = cc_grow(v, &cap, k + 1, sizeof *v);
        r = &v[k++];
        memset(r, 0, sizeof *r);
        r->doc_id = sqlite3_column_int64(q.st, 0);
        r->run_id = sqlite3_column_int64(q.st, 1);
        r->checked_at = sqlite3_column_int64(q.st, 2);
        r->content_hash = db_col_strdup(q.st, 3);
        r->as_of = db_col_strdup(q.st, 4);
        r->nclaims = sqlite3_column_type(q.st, 5) == SQLITE_NULL
                         ? -1 : sqlite3_column_int64(q.st, 5);
        for (int s = 0; s < 3; s++)
            r->count[s] = sqlite3_column_int64(q.st, 6 + s);
        r->nlines = sqlite3_column_int(q.st, 9);
    }
    result = read_end(db, db_q_done(&q), err, errlen);
    if (result != CC_OK) {
        db_doc_runs_free(&v, k);
        return result;
    }
    *out = v;
    *n = k;
    return CC_OK;
}

void db_doc_runs_free(struct db_doc_run **v, size_t n)
{
    if (!v || !*v)
        return;
    for (size_t i = 0; i < n; i++) {
        free((*v)[i].content_hash);
        free((*v)[i].as_of);
    }
    free(*v);
    *v = NULL;
}

cc_result db_doc_paths(struct db *db, char ***out, size_t *n, char *err,
                       size_t errlen)
{
    char **v = NULL;
    size_t cap = 0, k = 0;
    cc_result result;
    struct db_q q;

    *out = NULL;
    *n = 0;
    result = db_tx_run(db, ST_BEGIN_READ, "reading history", err, errlen);
    if (result != CC_OK)
        return result;
    db_q_start(&q, db, ST_H_DOC_PATHS, "listing documents", err, errlen);
    while (db_q_row(&q)) {
        v = cc_grow(v, &cap, k + 1, sizeof *v);
        v[k++] = db_col_strdup(q.st, 0);
    }
    result = read_end(db, db_q_done(&q), err, errlen);
    if (result != CC_OK) {
        for (size_t i = 0; i < k; i++)
            free(v[i]);
        free(v);
        return result;
    }
    *out = v;
    *n = k;
    return CC_OK;
}

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD" as stored by db_q_date(); unset on
 * anything else. */
static struct cc_date stored_date(const char *s)
{
    struct cc_date d = {0, 0, 0};
    int part[3] = {0, 0, 0};
    size_t np = 0;
    const char *p = s;

    if (!s)
        return d;
    while (np < 3) {
        char *end;
        long x = strtol(p, &end, 10);

        if (end == p || x < 0 || x > 9999)
            return d;
        part[np++] = (int)x;
        if (*end != '-')
            break;
        p = end + 1;
    }
    d.y = part[0];
    d.m = part[1];
    d.d = part[2];
    return d;
}

static cc_result rebuild_refs(struct db *db, long long doc_id, struct doc *d,
                              char *err, size_t errlen)
{
    size_t cap = 0;
    struct db_q q;

    db_q_start(&q, db, ST_H_REFS, "reading references", err, errlen);
    db_q_int(&q, ":doc_id", doc_id);
    while (db_q_row(&q)) {
        struct doc_ref *r;
        const unsigned char *label = sqlite3_column_text(q.st, 0);

        d->refs = cc_grow(d->refs, &cap, d->nrefs + 1, sizeof *d->refs);
        r = &d->refs[d->nrefs++];
        memset(r, 0, sizeof *r);
        snprintf(r->label, sizeof r->label, "%s",
                 label ? (const char *)label : "");
        r->line = sqlite3_column_int(q.st, 1);
        r->text = db_col_strdup(q.st, 2);
        r->url = db_col_strdup(q.st, 3);
        r->url_line = sqlite3_column_int(q.st, 4);
        r->url_error = db_col_strdup(q.st, 5);
        r->title = db_col_strdup(q.st, 6);
        r->publisher = db_col_strdup(q.st, 7);
        r->date_text = db_col_strdup(q.st, 8);
        r->date = stored_date((const char *)sqlite3_column_text(q.st, 9));
    }
    return db_q_done(&q);
}

static cc_result rebuild_sentences(struct db *db, long long doc_id,
                                   struct doc *d, char *err, size_t errlen)
{
    size_t cap = 0;
    cc_result result;
    struct db_q q;

    db_q_start(&q, db, ST_H_SENTENCES, "reading sentences", err, errlen);
    db_q_int(&q, ":doc_id", doc_id);
    while (db_q_row(&q)) {
        struct doc_sentence *s;

        d->sentences = cc_grow(d->sentences, &cap, d->nsentences + 1,
                               sizeof *d->sentences);
        s = &d->sentences[d->nsentences++];
        memset(s, 0, sizeof *s);
        s->line = sqlite3_column_int(q.st, 1);
        s->text = db_col_strdup(q.st, 2);
        if (!s->text)
            s->text = cc_strdup("");
        s->len = strlen(s->text);
        s->line_at = cc_calloc(s->len ? s->len : 1, sizeof *s->line_at);
        for (size_t i = 0; i < s->len; i++)
            s->line_at[i] = s->line;
    }
    result = db_q_done(&q);
    if (result != CC_OK)
        return result;
    db_q_start(&q, db, ST_H_LABELS, "reading footnote markers", err, errlen);
    db_q_int(&q, ":doc_id", doc_id);
    while (db_q_row(&q)) {
        long long idx = sqlite3_column_int64(q.st, 0);
        const unsigned char *label = sqlite3_column_text(q.st, 1);
        struct doc_sentence *s;

        if (idx < 0 || (size_t)idx >= d->nsentences || !label)
            continue;
        s = &d->sentences[idx];
        s->labels = cc_realloc(s->labels, (s->nlabels + 1) *
                                              sizeof *s->labels);
        s->label_lines = cc_realloc(s->label_lines, (s->nlabels + 1) *
                                                        sizeof *s->label_lines);
        snprintf(s->labels[s->nlabels], sizeof s->labels[s->nlabels], "%s",
                 (const char *)label);
        s->label_lines[s->nlabels] = s->line;
        s->nlabels++;
    }
    return db_q_done(&q);
}

cc_result db_doc_rebuild(struct db *db, long long doc_id, const char *path,
                         int nlines, struct doc **out, char *err,
                         size_t errlen)
{
    struct doc *d = cc_calloc(1, sizeof *d);
    cc_result result;

    *out = NULL;
    d->path = cc_strdup(path);
    d->nlines = nlines;
    result = db_tx_run(db, ST_BEGIN_READ, "reading history", err, errlen);
    if (result != CC_OK) {
        doc_free(&d);
        return result;
    }
    result = rebuild_refs(db, doc_id, d, err, errlen);
    if (result == CC_OK)
        result = rebuild_sentences(db, doc_id, d, err, errlen);
    result = read_end(db, result, err, errlen);
    if (result != CC_OK) {
        doc_free(&d);
        return result;
    }
    *out = d;
    return CC_OK;
}

/* ---- findings --------------------------------------------------------- */

cc_result db_doc_findings(struct db *db, long long doc_id,
                          struct db_finding_row **out, size_t *n, char *err,
                          size_t errlen)
{
    struct db_finding_row *v = NULL;
    size_t cap = 0, k = 0;
    cc_result result;
    struct db_q q;

    *out = NULL;
    *n = 0;
    result = db_tx_run(db, ST_BEGIN_READ, "reading history", err, errlen);
    if (result != CC_OK)
        return result;
    db_q_start(&q, db, ST_H_FINDINGS, "reading findings", err, errlen);
    db_q_int(&q, ":doc_id", doc_id);
    while (db_q_row(&q)) {
        struct db_finding_row *r;

        v = cc_grow(v, &cap, k + 1, sizeof *v);
        r = &v[k++];
        memset(r, 0, sizeof *r);
        r->kind = db_col_strdup(q.st, 0);
        r->severity = db_col_strdup(q.st, 1);
        r->ref = db_col_strdup(q.st, 2);
        r->line = sqlite3_column_int(q.st, 3);
        r->claim_text = db_col_strdup(q.st, 4);
        r->has_value = sqlite3_column_type(q.st, 5) != SQLITE_NULL;
        r->value = sqlite3_column_double(q.st, 5);
        r->unit = db_col_strdup(q.st, 6);
        r->message = db_col_strdup(q.st, 7);
    }
    result = read_end(db, db_q_done(&q), err, errlen);
    if (result != CC_OK) {
        db_finding_rows_free(&v, k);
        return result;
    }
    *out = v;
    *n = k;
    return CC_OK;
}

void db_finding_rows_free(struct db_finding_row **v, size_t n)
{
    if (!v || !*v)
        return;
    for (size_t i = 0; i < n; i++) {
        struct db_finding_row *r = &(*v)[i];

        free(r->kind);
        free(r->severity);
        free(r->ref);
        free(r->claim_text);
        free(r->unit);
        free(r->message);
    }
    free(*v);
    *v = NULL;
}

/* ---- fetches ---------------------------------------------------------- */

cc_result db_url_fetches(struct db *db, const char *url, size_t max,
                         struct db_fetch_row **out, size_t *n, char *err,
                         size_t errlen)
{
    struct db_fetch_row *v = NULL;
    size_t cap = 0, k = 0;
    cc_result result;
    struct db_q q;

    *out = NULL;
    *n = 0;
    result = db_tx_run(db, ST_BEGIN_READ, "reading history", err, errlen);
    if (result != CC_OK)
        return result;
    db_q_start(&q, db, ST_H_FETCHES, "reading fetches", err, errlen);
    db_q_text(&q, ":url", url);
    db_q_int(&q, ":lim", limit_of(max));
    while (db_q_row(&q)) {
        struct db_fetch_row *r;

        v = cc_grow(v, &cap, k + 1, sizeof *v);
        r = &v[k++];
        memset(r, 0, sizeof *r);
        r->id = sqlite3_column_int64(q.st, 0);
        r->run_id = sqlite3_column_int64(q.st, 1);
        r->fetched_at = sqlite3_column_int64(q.st, 2);
        r->status = (long)sqlite3_column_int64(q.st, 3);
        r->error = db_col_strdup(q.st, 4);
        r->body_hash = db_col_strdup(q.st, 5);
        r->final_url = db_col_strdup(q.st, 6);
    }
    result = read_end(db, db_q_done(&q), err, errlen);
    if (result != CC_OK) {
        db_fetch_rows_free(&v, k);
        return result;
    }
    *out = v;
    *n = k;
    return CC_OK;
}

void db_fetch_rows_free(struct db_fetch_row **v, size_t n)
{
    if (!v || !*v)
        return;
    for (size_t i = 0; i < n; i++) {
        free((*v)[i].error);
        free((*v)[i].body_hash);
        free((*v)[i].final_url);
    }
    free(*v);
    *v = NULL;
}
