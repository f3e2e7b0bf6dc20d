/*
 * db/db_store.c -- storing and reading what a run produces: fetches (the
 * HTTP cache), pages with their facts, documents with their references,
 * sentences and findings.  Each public function is one transaction (or
 * part of the open batch, db_batch_begin).
 */
#include "db/db_int.h"

#include <stdlib.h>
#include <string.h>

#include "crawler/fetch_util.h"

/* ---- fetches --------------------------------------------------------- */

cc_result db_fetch_store(struct db *db, long long run_id,
                         const struct fetch_result *r, long long *fetch_id,
                         char *err, size_t errlen)
{
    return db_fetch_store_at(db, run_id, r, db_now(), fetch_id, err, errlen);
}

cc_result db_fetch_store_at(struct db *db, long long run_id,
                            const struct fetch_result *r, long long fetched_at,
                            long long *fetch_id, char *err, size_t errlen)
{
    const char *what = "storing fetch";
    char hash[17];
    cc_result result;
    long long id = 0;
    struct db_q q;
    char *url;

    result = db_tx_begin(db, what, err, errlen);
    if (result != CC_OK)
        return result;
    /* credentials in the URL never reach the database */
    url = fetch_url_strip_userinfo(r->url);
    db_q_start(&q, db, ST_FETCH_INSERT, what, err, errlen);
    db_q_int_opt(&q, ":run_id", run_id);
    db_q_text(&q, ":url", url);
    db_q_text(&q, ":req_etag", r->etag);
    db_q_text(&q, ":req_last_modified", r->last_modified);
    db_q_int(&q, ":status", r->status);
    db_q_text(&q, ":final_url", r->final_url);
    db_q_text(&q, ":content_type", r->content_type);
    db_q_text(&q, ":etag", r->resp_etag);
    db_q_text(&q, ":last_modified", r->resp_last_modified);
    db_q_int(&q, ":fetched_at", fetched_at);
    db_q_real(&q, ":elapsed", r->elapsed);
    db_q_text(&q, ":error", r->error);
    if (r->body) {
        db_hash_hex(db_hash64(r->body, r->body_len), hash);
        db_q_text(&q, ":body_hash", hash);
        db_q_blob(&q, ":body", r->body, r->body_len);
        db_q_int(&q, ":body_len", (long long)r->body_len);
    } else {
        db_q_null(&q, ":body_hash");
        db_q_null(&q, ":body");
        db_q_int(&q, ":body_len", 0);
    }
    result = db_q_exec(&q);
    if (result == CC_OK)
        id = sqlite3_last_insert_rowid(db->h);
    for (size_t i = 0; result == CC_OK && i < r->nredirects; i++) {
        db_q_start(&q, db, ST_REDIRECT_INSERT, "storing redirect", err,
                   errlen);
        db_q_int(&q, ":fetch_id", id);
        db_q_int(&q, ":idx", (long long)i);
        db_q_text(&q, ":url", r->redirects[i]);
        result = db_q_exec(&q);
    }
    result = db_tx_end(db, result, what, err, errlen);
    free(url);
    if (result == CC_OK && fetch_id)
        *fetch_id = id;
    return result;
}


/* Read the latest good row for url into t's out-fields. */
static cc_result lookup_row(struct db *db, const char *url, long max_age_s,
                            struct fetch_result *t, bool *found,
                            long long *id, char *err, size_t errlen)
{
    /* max-age 0: nothing is fresh, not even a fetch of this second */
    long long min_at = max_age_s > 0 ? db_now() - max_age_s
                       : max_age_s == 0 ? INT64_MAX : INT64_MIN;
    cc_result result;
    size_t cap = 0;
    struct db_q q;

    db_q_start(&q, db, ST_FETCH_LOOKUP, "looking up fetch", err, errlen);
    db_q_text(&q, ":url", url);
    db_q_int(&q, ":min_at", min_at);
    if (db_q_row(&q)) {
        const void *blob = sqlite3_column_blob(q.st, 7);
        size_t n = (size_t)sqlite3_column_bytes(q.st, 7);

        *found = true;
        *id = sqlite3_column_int64(q.st, 0);
        t->status = (long)sqlite3_column_int64(q.st, 1);
        if (t->status == 304)       /* revalidated: the body is the copy */
            t->status = 200;
        t->final_url = db_col_strdup(q.st, 2);
        t->content_type = db_col_strdup(q.st, 3);
        t->resp_etag = db_col_strdup(q.st, 4);
        t->resp_last_modified = db_col_strdup(q.st, 5);
        t->elapsed = sqlite3_column_double(q.st, 6);
        t->body = cc_malloc(n + 1);
        if (n)
            memcpy(t->body, blob, n);
        t->body[n] = '\0';
        t->body_len = n;
    }
    result = db_q_done(&q);
    if (result != CC_OK || !*found)
        return result;
    db_q_start(&q, db, ST_REDIRECT_SELECT, "reading redirects", err, errlen);
    db_q_int(&q, ":fetch_id", *id);
    while (db_q_row(&q)) {
        t->redirects = cc_grow(t->redirects, &cap, t->nredirects + 1,
                               sizeof *t->redirects);
        t->redirects[t->nredirects++] = db_col_strdup(q.st, 0);
    }
    return db_q_done(&q);
}

cc_result db_fetch_lookup(struct db *db, const char *url, long max_age_s,
                          struct fetch_result *r, bool *found,
                          long long *fetch_id, char *err, size_t errlen)
{
    struct fetch_result t = {0};
    cc_result result;
    long long id = 0;
    bool hit = false;
    char *plain = fetch_url_strip_userinfo(url);   /* as stored */

    *found = false;
    /* A read transaction: the row and its redirects from one snapshot. */
    result = db_tx_run(db, ST_BEGIN_READ, "looking up fetch", err, errlen);
    if (result != CC_OK) {
        free(plain);
        return result;
    }
    result = lookup_row(db, plain, max_age_s, &t, &hit, &id, err, errlen);
    free(plain);
    result = db_tx_end(db, result, "looking up fetch", err, errlen);
    if (result != CC_OK || !hit) {
        fetch_result_reset_out(&t);
        return result;
    }
    fetch_result_reset_out(r);
    r->status = t.status;
    r->final_url = t.final_url;
    r->redirects = t.redirects;
    r->nredirects = t.nredirects;
    r->content_type = t.content_type;
    r->resp_etag = t.resp_etag;
    r->resp_last_modified = t.resp_last_modified;
    r->body = t.body;
    r->body_len = t.body_len;
    r->elapsed = t.elapsed;
    *found = true;
    if (fetch_id)
        *fetch_id = id;
    return CC_OK;
}

/* ---- pages and facts ------------------------------------------------- */

static cc_result store_fact(struct db *db, long long page_id, size_t idx,
                            const struct qty *f, char *err, size_t errlen)
{
    struct db_q q;

    db_q_start(&q, db, ST_FACT_INSERT, "storing fact", err, errlen);
    db_q_int(&q, ":page_id", page_id);
    db_q_int(&q, ":idx", (long long)idx);
    db_q_text(&q, ":kind", qty_kind_name(f->kind));
    db_q_real(&q, ":value", f->value);
    db_q_real(&q, ":lo", f->lo);
    db_q_real(&q, ":hi", f->hi);
    db_q_text(&q, ":unit", f->unit);
    db_q_text(&q, ":qual", qty_qual_name(f->qual));
    db_q_int(&q, ":change", f->change);
    db_q_int(&q, ":change_sign", f->change_sign);
    db_q_int(&q, ":target", f->target);
    db_q_int_opt(&q, ":deadline_year", f->deadline_year);
    db_q_text(&q, ":measure", qty_measure_name(f->measure));
    db_q_date(&q, ":period_start", f->period.start);
    db_q_date(&q, ":period_end", f->period.end);
    db_q_date(&q, ":base_start", f->base_period.start);
    db_q_date(&q, ":base_end", f->base_period.end);
    db_q_text(&q, ":text", f->text);
    db_q_text(&q, ":noun", f->noun);
    db_q_int(&q, ":span_start", (long long)f->start);
    db_q_int(&q, ":span_end", (long long)f->end);
    return db_q_exec(&q);
}

static cc_result store_page_date(struct db *db, long long page_id, size_t idx,
                                 const struct date_mention *d, char *err,
                                 size_t errlen)
{
    struct db_q q;

    db_q_start(&q, db, ST_DATE_INSERT, "storing page date", err, errlen);
    db_q_int(&q, ":page_id", page_id);
    db_q_int(&q, ":idx", (long long)idx);
    db_q_text(&q, ":text", d->text);
    db_q_date(&q, ":date", d->date);
    db_q_int(&q, ":span_start", (long long)d->start);
    db_q_int(&q, ":span_end", (long long)d->end);
    return db_q_exec(&q);
}

static cc_result store_page(struct db *db, long long fetch_id,
                            const struct page *p,
                            const struct extract_result *facts, char *err,
                            size_t errlen)
{
    const char *what = "storing page";
    cc_result result;
    long long page_id;
    struct db_q q;

    db_q_start(&q, db, ST_PAGE_DELETE, what, err, errlen);
    db_q_int(&q, ":fetch_id", fetch_id);
    result = db_q_exec(&q);
    if (result != CC_OK)
        return result;
    db_q_start(&q, db, ST_PAGE_INSERT, what, err, errlen);
    db_q_int(&q, ":fetch_id", fetch_id);
    db_q_text(&q, ":url", p->url);
    db_q_text(&q, ":title", p->title);
    db_q_text(&q, ":site", p->site);
    db_q_text(&q, ":author", p->author);
    db_q_text(&q, ":lang", p->lang);
    db_q_text(&q, ":canonical", p->canonical);
    db_q_date(&q, ":published", p->published);
    db_q_date(&q, ":modified", p->modified);
    db_q_text(&q, ":text", p->text);
    db_q_text(&q, ":note", p->note);
    db_q_int(&q, ":parsed_at", db_now());
    result = db_q_exec(&q);
    if (result != CC_OK || !facts)
        return result;
    page_id = sqlite3_last_insert_rowid(db->h);
    for (size_t i = 0; result == CC_OK && i < facts->nq; i++)
        result = store_fact(db, page_id, i, &facts->q[i], err, errlen);
    for (size_t i = 0; result == CC_OK && i < facts->nd; i++)
        result = store_page_date(db, page_id, i, &facts->d[i], err, errlen);
    return result;
}

cc_result db_page_store(struct db *db, long long fetch_id,
                        const struct page *p,
                        const struct extract_result *facts, char *err,
                        size_t errlen)
{
    cc_result result = db_tx_begin(db, "storing page", err, errlen);

    if (result != CC_OK)
        return result;
    result = store_page(db, fetch_id, p, facts, err, errlen);
    return db_tx_end(db, result, "storing page", err, errlen);
}

/* ---- documents and findings ------------------------------------------ */

/* Fingerprint of what the parser read: references and sentences. */
static void doc_hash(const struct doc *doc, char buf[17])
{
    uint64_t h = DB_FNV_OFFSET;

    for (size_t i = 0; i < doc->nrefs; i++) {
        const struct doc_ref *r = &doc->refs[i];

        h = db_fnv1a(h, r->label, strlen(r->label) + 1);
        if (r->text)
            h = db_fnv1a(h, r->text, strlen(r->text));
        h = db_fnv1a(h, "", 1);
    }
    for (size_t i = 0; i < doc->nsentences; i++) {
        const struct doc_sentence *s = &doc->sentences[i];

        if (s->text)
            h = db_fnv1a(h, s->text, s->len);
        h = db_fnv1a(h, "", 1);
    }
    db_hash_hex(h, buf);
}

static cc_result store_ref(struct db *db, long long doc_id, size_t idx,
                           const struct doc_ref *r, char *err, size_t errlen)
{
    struct db_q q;

    db_q_start(&q, db, ST_REF_INSERT, "storing reference", err, errlen);
    db_q_int(&q, ":doc_id", doc_id);
    db_q_int(&q, ":idx", (long long)idx);
    db_q_text(&q, ":label", r->label);
    db_q_int(&q, ":line", r->line);
    db_q_text(&q, ":text", r->text);
    db_q_text(&q, ":url", r->url);
    db_q_int_opt(&q, ":url_line", r->url_line);
    db_q_text(&q, ":url_error", r->url_error);
    db_q_text(&q, ":title", r->title);
    db_q_text(&q, ":publisher", r->publisher);
    db_q_text(&q, ":date_text", r->date_text);
    db_q_date(&q, ":date", r->date);
    return db_q_exec(&q);
}

static cc_result store_sentence(struct db *db, long long doc_id, size_t idx,
                                const struct doc_sentence *s, char *err,
                                size_t errlen)
{
    cc_result result;
    struct db_q q;

    db_q_start(&q, db, ST_SENT_INSERT, "storing sentence", err, errlen);
    db_q_int(&q, ":doc_id", doc_id);
    db_q_int(&q, ":idx", (long long)idx);
    db_q_int(&q, ":line", s->line);
    db_q_text(&q, ":text", s->text);
    result = db_q_exec(&q);
    for (size_t i = 0; result == CC_OK && i < s->nlabels; i++) {
        db_q_start(&q, db, ST_LABEL_INSERT, "storing sentence label", err,
                errlen);
        db_q_int(&q, ":doc_id", doc_id);
        db_q_int(&q, ":sentence_idx", (long long)idx);
        db_q_int(&q, ":pos", (long long)i);
        db_q_text(&q, ":label", s->labels[i]);
        result = db_q_exec(&q);
    }
    return result;
}

static cc_result store_evidence(struct db *db, long long finding_id,
                                size_t idx, const struct evidence *e,
                                char *err, size_t errlen)
{
    struct db_q q;

    db_q_start(&q, db, ST_EVIDENCE_INSERT, "storing evidence", err, errlen);
    db_q_int(&q, ":finding_id", finding_id);
    db_q_int(&q, ":idx", (long long)idx);
    db_q_text_opt(&q, ":ref_label", e->ref);
    db_q_int_opt(&q, ":line", e->line);
    db_q_text(&q, ":snippet", e->snippet);
    if (e->has_value) {
        db_q_real(&q, ":value", e->value);
        db_q_text_opt(&q, ":unit", e->unit);
    } else {
        db_q_null(&q, ":value");
        db_q_null(&q, ":unit");
    }
    db_q_date(&q, ":period_start", e->period.start);
    db_q_date(&q, ":period_end", e->period.end);
    db_q_int_opt(&q, ":deadline_year", e->deadline_year);
    return db_q_exec(&q);
}

static cc_result store_finding(struct db *db, long long run_id,
                               long long doc_id, size_t idx,
                               const struct finding *f, char *err,
                               size_t errlen)
{
    cc_result result;
    long long finding_id;
    struct db_q q;

    db_q_start(&q, db, ST_FINDING_INSERT, "storing finding", err, errlen);
    db_q_int(&q, ":run_id", run_id);
    db_q_int(&q, ":doc_id", doc_id);
    db_q_int(&q, ":idx", (long long)idx);
    db_q_text(&q, ":kind", finding_kind_name(f->kind));
    db_q_text(&q, ":severity", severity_name(f->severity));
    db_q_text_opt(&q, ":ref_label", f->ref);
    db_q_int_opt(&q, ":line", f->line);
    db_q_text(&q, ":claim_text", f->claim_text);
    if (f->has_value) {
        db_q_real(&q, ":value", f->value);
        db_q_text_opt(&q, ":unit", f->unit);
        db_q_int(&q, ":approx", f->approx);
    } else {
        db_q_null(&q, ":value");
        db_q_null(&q, ":unit");
        db_q_null(&q, ":approx");
    }
    db_q_date(&q, ":period_start", f->period.start);
    db_q_date(&q, ":period_end", f->period.end);
    db_q_int_opt(&q, ":deadline_year", f->deadline_year);
    db_q_text(&q, ":message", f->message);
    result = db_q_exec(&q);
    if (result != CC_OK)
        return result;
    finding_id = sqlite3_last_insert_rowid(db->h);
    for (size_t i = 0; result == CC_OK && i < f->nev; i++)
        result = store_evidence(db, finding_id, i, &f->ev[i], err, errlen);
    return result;
}

static cc_result store_document(struct db *db, long long run_id,
                                const struct doc *doc, struct cc_date as_of,
                                const struct check_report *rep,
                                long long *doc_id, char *err, size_t errlen)
{
    char hash[17];
    cc_result result;
    long long id;
    struct db_q q;

    doc_hash(doc, hash);
    db_q_start(&q, db, ST_DOC_INSERT, "storing document", err, errlen);
    db_q_int(&q, ":run_id", run_id);
    db_q_text(&q, ":path", doc->path);
    db_q_text(&q, ":content_hash", hash);
    db_q_date(&q, ":as_of", as_of);
    db_q_int(&q, ":nlines", doc->nlines);
    db_q_int(&q, ":nrefs", (long long)doc->nrefs);
    db_q_int(&q, ":nsentences", (long long)doc->nsentences);
    if (rep)
        db_q_int(&q, ":nclaims", (long long)rep->nclaims);
    else
        db_q_null(&q, ":nclaims");
    db_q_int(&q, ":checked_at", db_now());
    result = db_q_exec(&q);
    if (result != CC_OK)
        return result;
    id = sqlite3_last_insert_rowid(db->h);
    for (size_t i = 0; result == CC_OK && i < doc->nrefs; i++)
        result = store_ref(db, id, i, &doc->refs[i], err, errlen);
    for (size_t i = 0; result == CC_OK && i < doc->nsentences; i++)
        result = store_sentence(db, id, i, &doc->sentences[i], err, errlen);
    for (size_t i = 0; result == CC_OK && rep && i < rep->nf; i++)
        result = store_finding(db, run_id, id, i, &rep->f[i], err, errlen);
    if (result == CC_OK)
        *doc_id = id;
    return result;
}

cc_result db_document_store(struct db *db, long long run_id,
                            const struct doc *doc, struct cc_date as_of,
                            const struct check_report *rep,
                            long long *doc_id, char *err, size_t errlen)
{
    long long id = 0;
    cc_result result = db_tx_begin(db, "storing document", err, errlen);

    if (result != CC_OK)
        return result;
    result = store_document(db, run_id, doc, as_of, rep, &id, err, errlen);
    result = db_tx_end(db, result, "storing document", err, errlen);
    if (result == CC_OK && doc_id)
        *doc_id = id;
    return result;
}
