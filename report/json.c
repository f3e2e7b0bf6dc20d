/*
 * report/json.c -- JSON output with jansson (the only file of ours that
 * includes jansson.h).  Shapes are those of CONTRACT.md; extra keys are
 * added after the contract's own.
 *
 * Every string goes through jstrn(), which makes it well-formed UTF-8
 * (invalid bytes become U+FFFD) before jansson sees it, so untrusted text
 * never makes a key disappear or the output invalid.  jansson returning
 * NULL while building means it ran out of memory: cc_oom().
 */
#include <math.h>
#include <string.h>

#include <jansson.h>

#include "report/report_int.h"

/* Reals print with 15 significant digits: enough for any figure an
 * article states, and 4.3 prints as 4.3, not 4.2999999999999998. */
#define DUMP_FLAGS (JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

static json_t *jnew(json_t *j)
{
    if (!j)
        cc_oom();
    return j;
}

static void jset(json_t *obj, const char *key, json_t *v)
{
    if (!v || json_object_set_new(obj, key, v) != 0)
        cc_oom();
}

static void jpush(json_t *arr, json_t *v)
{
    if (!v || json_array_append_new(arr, v) != 0)
        cc_oom();
}

/* A JSON string of s[0..len), made well-formed first; null for NULL. */
static json_t *jstrn(const char *s, size_t len)
{
    json_t *j;
    size_t n;
    char *clean;

    if (!s)
        return json_null();
    if (report_utf8_valid(s, len))
        return jnew(json_stringn_nocheck(s, len));
    clean = report_utf8_clean(s, len, &n);
    j = jnew(json_stringn_nocheck(clean, n));
    free(clean);
    return j;
}

static json_t *jstr(const char *s)
{
    return s ? jstrn(s, strlen(s)) : json_null();
}

/* A fixed-size char field (label, unit): null when empty. */
static json_t *jfield(const char *f, size_t size)
{
    size_t n = strnlen(f, size);
    return n ? jstrn(f, n) : json_null();
}

static json_t *jreal(double v)
{
    return isfinite(v) ? jnew(json_real(v)) : json_null();
}

static json_t *jint(long long v)
{
    return jnew(json_integer(v));
}

/* "YYYY-MM-DD", "YYYY-MM" or "YYYY" as far as the date is known; null
 * when unset. */
static json_t *jdate(struct cc_date d)
{
    char buf[32];

    if (!cc_date_set(d))
        return json_null();
    cc_date_fmt(d, buf, sizeof buf);
    return jstr(buf);
}

static json_t *jperiod(struct cc_period p)
{
    json_t *o;

    if (!cc_period_set(p))
        return json_null();
    o = jnew(json_object());
    jset(o, "start", jdate(p.start));
    jset(o, "end", jdate(p.end));
    return o;
}

/* Write root (consumed) and a newline, then flush. */
static cc_result dump(FILE *out, json_t *root, size_t flags, char *err,
                      size_t errlen)
{
    int rc = json_dumpf(root, out, flags);

    json_decref(root);
    if (rc != 0 || fputc('\n', out) == EOF) {
        cc_result result = report_finish(out, err, errlen);
        if (result == CC_OK) {
            cc_errf(err, errlen, "cannot write report: JSON output failed");
            result = CC_EIO;
        }
        return result;
    }
    return report_finish(out, err, errlen);
}

/* ---- check ---------------------------------------------------------- */

static const struct check_source *source_of(const struct report_doc *rd,
                                            const struct doc_ref *ref)
{
    for (size_t i = 0; i < rd->nsrc; i++)
        if (rd->src[i].ref == ref)
            return &rd->src[i];
    return NULL;
}

static json_t *reference_json(const struct doc_ref *ref,
                              const struct check_source *s)
{
    json_t *o = jnew(json_object());

    jset(o, "label", jfield(ref->label, sizeof ref->label));
    jset(o, "line", jint(ref->line));
    jset(o, "text", jstr(ref->text));
    jset(o, "url", jstr(ref->url));
    jset(o, "title", jstr(ref->title));
    jset(o, "publisher", jstr(ref->publisher));
    jset(o, "date", jdate(ref->date));
    if (s && (s->status != 0 || s->error)) {
        json_t *f = jnew(json_object());
        jset(f, "status", s->status ? jint(s->status) : json_null());
        jset(f, "final_url", jstr(s->final_url));
        jset(f, "error", jstr(s->error));
        jset(o, "fetch", f);
    } else {
        jset(o, "fetch", json_null());
    }
    if (s && s->page) {
        json_t *p = jnew(json_object());
        jset(p, "title", jstr(s->page->title));
        jset(p, "published", jdate(s->page->published));
        jset(p, "site", jstr(s->page->site));
        jset(o, "page", p);
    } else {
        jset(o, "page", json_null());
    }
    if (ref->url_error)
        jset(o, "url_error", jstr(ref->url_error));
    return o;
}

static json_t *claim_json(const struct finding *f)
{
    json_t *c;

    if (f->line <= 0)
        return json_null();
    c = jnew(json_object());
    jset(c, "line", jint(f->line));
    jset(c, "text", jstr(f->claim_text));
    jset(c, "value", f->has_value ? jreal(f->value) : json_null());
    jset(c, "unit", f->has_value ? jfield(f->unit, sizeof f->unit)
                                 : json_null());
    jset(c, "approx", json_boolean(f->has_value && f->approx));
    jset(c, "period", jperiod(f->period));
    if (f->deadline_year)
        jset(c, "deadline", jint(f->deadline_year));
    return c;
}

static json_t *evidence_json(const struct evidence *e)
{
    json_t *o = jnew(json_object());
    bool internal = strnlen(e->ref, sizeof e->ref) == 0;

    jset(o, "reference", jfield(e->ref, sizeof e->ref));
    jset(o, "snippet", jstr(e->snippet));
    jset(o, "value", e->has_value ? jreal(e->value) : json_null());
    jset(o, "unit", e->has_value ? jfield(e->unit, sizeof e->unit)
                                 : json_null());
    jset(o, "period", jperiod(e->period));
    if (internal && e->line > 0)
        jset(o, "line", jint(e->line));
    if (e->deadline_year)
        jset(o, "deadline", jint(e->deadline_year));
    return o;
}

static json_t *finding_json(const struct finding *f)
{
    json_t *o = jnew(json_object());
    json_t *ev = jnew(json_array());

    jset(o, "kind", jstr(finding_kind_name(f->kind)));
    jset(o, "severity", jstr(severity_name(f->severity)));
    jset(o, "reference", jfield(f->ref, sizeof f->ref));
    jset(o, "claim", claim_json(f));
    for (size_t i = 0; i < f->nev; i++)
        jpush(ev, evidence_json(&f->ev[i]));
    jset(o, "evidence", ev);
    jset(o, "message", jstr(f->message ? f->message : ""));
    return o;
}

/* Adds rd's findings to counts[SEV_INFO..SEV_ERROR]. */
static json_t *document_json(const struct report_doc *rd, size_t counts[3])
{
    const struct doc *d = rd->doc;
    json_t *o = jnew(json_object());
    json_t *refs = jnew(json_array());
    json_t *fs = jnew(json_array());
    char buf[32];

    jset(o, "path", jstr(d->path));
    if (cc_date_set(rd->as_of)) {
        cc_date_fmt(rd->as_of, buf, sizeof buf);
        jset(o, "as_of", jstr(buf));
    } else {
        jset(o, "as_of", json_null());
    }
    for (size_t i = 0; i < d->nrefs; i++)
        jpush(refs, reference_json(&d->refs[i], source_of(rd, &d->refs[i])));
    jset(o, "references", refs);
    for (size_t i = 0; rd->rep && i < rd->rep->nf; i++) {
        const struct finding *f = &rd->rep->f[i];
        jpush(fs, finding_json(f));
        if ((unsigned)f->severity <= SEV_ERROR)
            counts[f->severity]++;
    }
    jset(o, "findings", fs);
    return o;
}

cc_result report_json_check(FILE *out, const struct report_doc *docs,
                            size_t ndocs, char *err, size_t errlen)
{
    json_t *root = jnew(json_object());
    json_t *tool = jnew(json_object());
    json_t *arr = jnew(json_array());
    json_t *sum = jnew(json_object());
    json_t *cnt = jnew(json_object());
    size_t counts[3] = {0, 0, 0}, claims = 0;

    jset(tool, "name", jstr("citecheck"));
    jset(tool, "version", jstr(CC_VERSION));
    jset(root, "tool", tool);
    for (size_t i = 0; i < ndocs; i++) {
        jpush(arr, document_json(&docs[i], counts));
        if (docs[i].rep)
            claims += docs[i].rep->nclaims;
    }
    jset(root, "documents", arr);
    jset(sum, "claims", jint((long long)claims));
    jset(cnt, "error", jint((long long)counts[SEV_ERROR]));
    jset(cnt, "warning", jint((long long)counts[SEV_WARNING]));
    jset(cnt, "info", jint((long long)counts[SEV_INFO]));
    jset(sum, "findings", cnt);
    jset(root, "summary", sum);
    return dump(out, root, JSON_INDENT(2) | DUMP_FLAGS, err, errlen);
}

/* ---- extract -------------------------------------------------------- */

static json_t *qty_json(const struct qty *q, int line)
{
    json_t *o = jnew(json_object());

    jset(o, "line", jint(line));
    jset(o, "text", jstr(q->text));
    jset(o, "value", jreal(q->value));
    jset(o, "unit", jfield(q->unit, sizeof q->unit));
    jset(o, "approx", json_boolean(q->approx));
    jset(o, "period", jperiod(q->period));
    jset(o, "kind", jstr(qty_kind_name(q->kind)));
    jset(o, "qualifier", jstr(qty_qual_name(q->qual)));
    jset(o, "lo", jreal(q->lo));
    jset(o, "hi", jreal(q->hi));
    jset(o, "change", json_boolean(q->change));
    jset(o, "direction", !q->change || q->change_sign == 0
                             ? json_null()
                             : jstr(q->change_sign > 0 ? "up" : "down"));
    jset(o, "base_period", jperiod(q->base_period));
    jset(o, "target", json_boolean(q->target));
    jset(o, "deadline", q->deadline_year ? jint(q->deadline_year)
                                         : json_null());
    jset(o, "measure", jstr(qty_measure_name(q->measure)));
    jset(o, "noun", jstr(q->noun));
    return o;
}

cc_result report_json_extract(FILE *out, const char *text, size_t len,
                              const struct extract_result *r, char *err,
                              size_t errlen)
{
    json_t *root = jnew(json_object());
    json_t *qs = jnew(json_array());
    json_t *ds = jnew(json_array());
    size_t *nl;
    size_t nnl = report_newlines(text, len, &nl);

    for (size_t i = 0; i < r->nq; i++)
        jpush(qs, qty_json(&r->q[i], report_line_of(nl, nnl, r->q[i].start)));
    for (size_t i = 0; i < r->nd; i++) {
        const struct date_mention *m = &r->d[i];
        json_t *o = jnew(json_object());
        jset(o, "line", jint(report_line_of(nl, nnl, m->start)));
        jset(o, "text", jstr(m->text));
        jset(o, "date", jdate(m->date));
        jpush(ds, o);
    }
    free(nl);
    jset(root, "quantities", qs);
    jset(root, "dates", ds);
    return dump(out, root, JSON_INDENT(2) | DUMP_FLAGS, err, errlen);
}

/* ---- page ----------------------------------------------------------- */

cc_result report_json_page(FILE *out, const struct page *p, char *err,
                           size_t errlen)
{
    json_t *o = jnew(json_object());

    jset(o, "url", jstr(p->url));
    jset(o, "title", jstr(p->title));
    jset(o, "published", jdate(p->published));
    jset(o, "modified", jdate(p->modified));
    jset(o, "author", jstr(p->author));
    jset(o, "site", jstr(p->site));
    jset(o, "lang", jstr(p->lang));
    jset(o, "canonical", jstr(p->canonical));
    jset(o, "text", p->text ? jstrn(p->text, p->text_len) : jstr(""));
    if (p->note)
        jset(o, "note", jstr(p->note));
    return dump(out, o, JSON_INDENT(2) | DUMP_FLAGS, err, errlen);
}

/* ---- fetch ---------------------------------------------------------- */

cc_result report_json_fetch_line(FILE *out, const char *cited_url,
                                 const struct fetch_result *r, char *err,
                                 size_t errlen)
{
    json_t *o = jnew(json_object());
    json_t *redir = jnew(json_array());

    jset(o, "url", jstr(cited_url ? cited_url : r->url));
    jset(o, "status", r->status ? jint(r->status) : json_null());
    jset(o, "final_url", jstr(r->final_url));
    jset(o, "bytes", r->body ? jint((long long)r->body_len) : json_null());
    jset(o, "error", jstr(r->error));
    if (cited_url && r->url && strcmp(cited_url, r->url) != 0)
        jset(o, "fetched_url", jstr(r->url));
    jset(o, "content_type", jstr(r->content_type));
    for (size_t i = 0; i < r->nredirects; i++)
        jpush(redir, jstr(r->redirects[i]));
    jset(o, "redirects", redir);
    return dump(out, o, JSON_COMPACT | DUMP_FLAGS, err, errlen);
}
