/*
 * report/json.c -- JSON and SARIF output with jansson (the only file of ours that
 * includes jansson.h).  Shapes are those of CONTRACT.md; extra keys are
 * added after the contract's own.
 *
 * Every string goes through jstrn(), which makes it well-formed UTF-8
 * (invalid bytes become U+FFFD) before jansson sees it, so untrusted text
 * never makes a key disappear or the output invalid.  jansson returning
 * NULL while building means it ran out of memory: cc_oom().
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "crawler/fetch_util.h"
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
        /* page changed since the previous stored response (check.h) */
        jset(f, "changed", s->from_cache || s->error ? json_null()
                           : json_boolean(s->changed));
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
    if (s && s->archived_url) {      /* --archive: read from this copy */
        json_t *a = jnew(json_object());
        jset(a, "url", jstr(s->archived_url));
        jset(a, "timestamp", jstr(s->archived_ts));
        jset(o, "archived", a);
    }
    return o;
}

static json_t *claim_json(const struct doc *d, const struct finding *f)
{
    json_t *c;
    int pl, page;

    if (f->line <= 0)
        return json_null();
    c = jnew(json_object());
    jset(c, "line", jint(f->line));
    page = doc_page_line(d, f->line, &pl);
    if (page > 0) {     /* PDF: the running line's page and line on it */
        jset(c, "page", jint(page));
        jset(c, "page_line", jint(pl));
    }
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

static json_t *finding_json(const struct doc *d, const struct finding *f)
{
    json_t *o = jnew(json_object());
    json_t *ev = jnew(json_array());

    jset(o, "kind", jstr(finding_kind_name(f->kind)));
    jset(o, "severity", jstr(severity_name(f->severity)));
    jset(o, "reference", jfield(f->ref, sizeof f->ref));
    jset(o, "claim", claim_json(d, f));
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
        json_t *fj = finding_json(d, f);

        if (rd->baselined && rd->baselined[i])
            jset(fj, "baselined", json_true());
        jpush(fs, fj);
        if ((unsigned)f->severity <= SEV_ERROR)
            counts[f->severity]++;
    }
    jset(o, "findings", fs);
    if (rd->changes)
        jset(o, "changes", report_json_changes(rd->changes));
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

/* A URL for a report: credentials ("user:pass@") are never written. */
static json_t *jurl(const char *url)
{
    char *plain = fetch_url_strip_userinfo(url);
    json_t *v = jstr(plain);

    free(plain);
    return v;
}

cc_result report_json_fetch_line(FILE *out, const char *cited_url,
                                 const struct fetch_result *r, char *err,
                                 size_t errlen)
{
    json_t *o = jnew(json_object());
    json_t *redir = jnew(json_array());

    jset(o, "url", jurl(cited_url ? cited_url : r->url));
    jset(o, "status", r->status ? jint(r->status) : json_null());
    jset(o, "final_url", jstr(r->final_url));
    jset(o, "bytes", r->body ? jint((long long)r->body_len) : json_null());
    jset(o, "error", jstr(r->error));
    if (cited_url && r->url) {
        char *fetched = fetch_url_strip_userinfo(r->url);
        char *cited = fetch_url_strip_userinfo(cited_url);

        if (strcmp(cited, fetched) != 0)
            jset(o, "fetched_url", jstr(fetched));
        free(fetched);
        free(cited);
    }
    jset(o, "content_type", jstr(r->content_type));
    for (size_t i = 0; i < r->nredirects; i++)
        jpush(redir, jstr(r->redirects[i]));
    jset(o, "redirects", redir);
    return dump(out, o, JSON_COMPACT | DUMP_FLAGS, err, errlen);
}

/* ---- SARIF 2.1.0 ---------------------------------------------------- */

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define TOOL_URI "https://github.com/citecheck/citecheck"

/* SARIF's levels: error, warning, note. */
static const char *sarif_level(enum severity s)
{
    return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

static json_t *sarif_text(const char *s)
{
    json_t *o = jnew(json_object());
    jset(o, "text", jstr(s ? s : ""));
    return o;
}

/* One rule per finding kind, in enum order (ruleIndex = kind). */
static json_t *sarif_rules(void)
{
    json_t *rules = jnew(json_array());

    for (int k = 0; k < FK_COUNT_; k++) {
        json_t *r = jnew(json_object());
        json_t *cfg = jnew(json_object());
        json_t *props = jnew(json_object());
        char help[512];

        snprintf(help, sizeof help, "%s %s", report_kind_meaning(k),
                 report_kind_help(k));
        jset(r, "id", jstr(finding_kind_name(k)));
        jset(r, "name", jstr(finding_kind_name(k)));
        jset(r, "shortDescription", sarif_text(report_kind_meaning(k)));
        jset(r, "fullDescription", sarif_text(report_kind_meaning(k)));
        jset(r, "help", sarif_text(help));
        jset(cfg, "level", jstr(sarif_level(finding_kind_severity(k))));
        jset(r, "defaultConfiguration", cfg);
        jset(props, "severity", jstr(severity_name(finding_kind_severity(k))));
        jset(r, "properties", props);
        jpush(rules, r);
    }
    return rules;
}

/* FNV-1a over a field, with a separator so fields cannot run together. */
static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;

    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001b3ULL;
    }
    h ^= 0xFF;
    return h * 0x100000001b3ULL;
}

/* A fingerprint that survives edits elsewhere in the article: the kind,
 * the footnote, the claimed value and period, and the sentence with its
 * whitespace squeezed; not the line number nor the path (SARIF
 * consumers pair fingerprints with the artifact themselves).  occurrence tells apart
 * findings that agree on all of these. */
static void sarif_fingerprint(const struct finding *f, unsigned occurrence,
                              char *buf, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    char tmp[128];
    const char *kind = finding_kind_name(f->kind);

    h = fnv(h, kind, strlen(kind));
    h = fnv(h, f->ref, strnlen(f->ref, sizeof f->ref));
    report_fmt_facts(tmp, sizeof tmp, f->has_value, f->value, f->unit,
                     sizeof f->unit, f->approx, f->period, f->deadline_year);
    h = fnv(h, tmp, strlen(tmp));
    for (const char *s = f->claim_text; s && *s; s++)
        if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\r')
            h = fnv(h, s, 1);
    snprintf(buf, n, "%016llx:%u", (unsigned long long)h, occurrence);
}

static json_t *sarif_result(const struct doc *d, const struct finding *f,
                            const char *uri, bool srcroot,
                            unsigned occurrence)
{
    json_t *o = jnew(json_object());
    json_t *locs = jnew(json_array());
    json_t *loc = jnew(json_object());
    json_t *phys = jnew(json_object());
    json_t *art = jnew(json_object());
    json_t *fp = jnew(json_object());
    json_t *props = jnew(json_object());
    char buf[64];

    jset(o, "ruleId", jstr(finding_kind_name(f->kind)));
    jset(o, "ruleIndex", jint((long long)f->kind));
    jset(o, "level", jstr(sarif_level(f->severity)));
    jset(o, "message", sarif_text(f->message));
    jset(art, "uri", jstr(uri));
    if (srcroot)
        jset(art, "uriBaseId", jstr("%SRCROOT%"));
    jset(phys, "artifactLocation", art);
    if (f->line > 0) {
        json_t *region = jnew(json_object());
        jset(region, "startLine", jint(f->line));
        if (f->claim_text)
            jset(region, "snippet", sarif_text(f->claim_text));
        jset(phys, "region", region);
    }
    jset(loc, "physicalLocation", phys);
    jpush(locs, loc);
    jset(o, "locations", locs);
    sarif_fingerprint(f, occurrence, buf, sizeof buf);
    jset(fp, "citecheckFinding/v1", jstr(buf));
    jset(o, "partialFingerprints", fp);
    jset(props, "severity", jstr(severity_name(f->severity)));
    jset(props, "reference", jfield(f->ref, sizeof f->ref));
    jset(props, "claim", claim_json(d, f));
    jset(props, "evidence", jnew(json_array()));
    for (size_t i = 0; i < f->nev; i++)
        jpush(json_object_get(props, "evidence"), evidence_json(&f->ev[i]));
    jset(o, "properties", props);
    return o;
}

/* How many earlier findings of rep have the same fingerprint basis. */
static unsigned sarif_occurrence(const struct check_report *rep, size_t i)
{
    const struct finding *f = &rep->f[i];
    unsigned n = 0;

    for (size_t j = 0; j < i; j++) {
        const struct finding *g = &rep->f[j];
        if (g->kind == f->kind && report_label_eq(g->ref, f->ref) &&
            g->has_value == f->has_value &&
            (!f->has_value || g->value == f->value) &&
            cc_period_equal(g->period, f->period) &&
            ((!g->claim_text && !f->claim_text) ||
             (g->claim_text && f->claim_text &&
              strcmp(g->claim_text, f->claim_text) == 0)))
            n++;
    }
    return n;
}

/*
 * The `check` report as a SARIF 2.1.0 log: one run, one rule per finding
 * kind, one result per finding located at the document's path and the
 * claim's line.  Documents are artifacts of the run; a path under the
 * working directory is written relative to it (uriBaseId %SRCROOT%, as
 * code-scanning services expect), others as file:// URIs.  Errors as
 * report_check().
 */
cc_result report_sarif_check(FILE *out, const struct report_doc *docs,
                             size_t ndocs, char *err, size_t errlen)
{
    json_t *root = jnew(json_object());
    json_t *runs = jnew(json_array());
    json_t *run = jnew(json_object());
    json_t *tool = jnew(json_object());
    json_t *driver = jnew(json_object());
    json_t *arts = jnew(json_array());
    json_t *results = jnew(json_array());
    char *cwd;
    bool any_rel = false;

    jset(root, "$schema", jstr(SARIF_SCHEMA));
    jset(root, "version", jstr("2.1.0"));
    jset(driver, "name", jstr("citecheck"));
    jset(driver, "version", jstr(CC_VERSION));
    jset(driver, "semanticVersion", jstr(CC_VERSION));
    jset(driver, "informationUri", jstr(TOOL_URI));
    jset(driver, "rules", sarif_rules());
    jset(tool, "driver", driver);
    jset(run, "tool", tool);
    cwd = getcwd(NULL, 0);   /* NULL (unknown) keeps absolute URIs */
    for (size_t d = 0; d < ndocs; d++) {
        const char *path = docs[d].doc->path ? docs[d].doc->path : "-";
        size_t cl = cwd ? strlen(cwd) : 0;
        /* under the working directory: relative to %SRCROOT% */
        bool rel = path[0] != '/' || (cl > 1 && strncmp(path, cwd, cl) == 0 &&
                                      path[cl] == '/');
        char *uri = report_path_uri(path[0] == '/' && rel ? path + cl + 1
                                                          : path);
        json_t *art = jnew(json_object());
        json_t *loc = jnew(json_object());

        any_rel = any_rel || (rel && cwd);
        jset(loc, "uri", jstr(uri));
        if (rel && cwd)
            jset(loc, "uriBaseId", jstr("%SRCROOT%"));
        jset(art, "location", loc);
        jpush(arts, art);
        for (size_t i = 0; docs[d].rep && i < docs[d].rep->nf; i++)
            jpush(results,
                  sarif_result(docs[d].doc, &docs[d].rep->f[i], uri,
                               rel && cwd,
                               sarif_occurrence(docs[d].rep, i)));
        free(uri);
    }
    if (any_rel) {
        json_t *bases = jnew(json_object());
        json_t *root_loc = jnew(json_object());
        char *dir = cc_asprintf("%s/", cwd);
        char *u = report_path_uri(dir);

        jset(root_loc, "uri", jstr(u));
        jset(bases, "%SRCROOT%", root_loc);
        jset(run, "originalUriBaseIds", bases);
        free(u);
        free(dir);
    }
    free(cwd);
    jset(run, "artifacts", arts);
    jset(run, "results", results);
    jset(run, "columnKind", jstr("unicodeCodePoints"));
    jpush(runs, run);
    jset(root, "runs", runs);
    return dump(out, root, JSON_INDENT(2) | DUMP_FLAGS, err, errlen);
}

/* ---- recheck changes, history, baseline (see report/history.c) ---- */

static json_t *jtime(long long t)
{
    char buf[32];

    if (t <= 0)
        return json_null();
    report_fmt_time(t, buf, sizeof buf);
    return jstr(buf);
}

static json_t *change_finding_json(const struct report_change_finding *f)
{
    json_t *o = jnew(json_object());
    json_t *claim = jnew(json_object());

    jset(o, "kind", jstr(f->kind));
    jset(o, "severity", jstr(f->severity));
    jset(o, "reference", jstr(f->ref));
    jset(claim, "line", f->line > 0 ? jint(f->line) : json_null());
    jset(claim, "text", jstr(f->claim_text));
    jset(claim, "value", f->has_value && isfinite(f->value)
                             ? jnew(json_real(f->value)) : json_null());
    jset(claim, "unit", jstr(f->has_value ? f->unit : NULL));
    jset(o, "claim", claim);
    jset(o, "message", jstr(f->message ? f->message : ""));
    return o;
}

static json_t *change_url_json(const struct report_change_url *u)
{
    json_t *o = jnew(json_object());

    jset(o, "reference", jstr(u->ref));
    jset(o, "url", jstr(u->url));
    jset(o, "status", u->status ? jint(u->status) : json_null());
    jset(o, "error", jstr(u->error));
    if (u->old_hash || u->new_hash) {
        jset(o, "previous_hash", jstr(u->old_hash));
        jset(o, "hash", jstr(u->new_hash));
    }
    return o;
}

struct json_t *report_json_changes(const struct report_changes *c)
{
    json_t *o = jnew(json_object());
    json_t *a;

    jset(o, "previous_run", c->prev_run_id ? jint(c->prev_run_id)
                                           : json_null());
    jset(o, "previous_checked_at", jtime(c->prev_checked_at));
    jset(o, "document_changed", jnew(json_boolean(c->doc_changed)));
    jset(o, "rebuilt_from_database", jnew(json_boolean(c->rebuilt)));
    a = jnew(json_array());
    for (size_t i = 0; i < c->nadded; i++)
        jpush(a, change_finding_json(&c->added[i]));
    jset(o, "new", a);
    a = jnew(json_array());
    for (size_t i = 0; i < c->nresolved; i++)
        jpush(a, change_finding_json(&c->resolved[i]));
    jset(o, "resolved", a);
    a = jnew(json_array());
    for (size_t i = 0; i < c->nunreachable; i++)
        jpush(a, change_url_json(&c->unreachable[i]));
    jset(o, "newly_unreachable", a);
    a = jnew(json_array());
    for (size_t i = 0; i < c->nchanged; i++)
        jpush(a, change_url_json(&c->changed[i]));
    jset(o, "changed_pages", a);
    return o;
}

cc_result report_json_history(FILE *out, const char *subject,
                              const struct report_fetch_hist *fetches,
                              const struct report_doc_hist *docs, size_t n,
                              char *err, size_t errlen)
{
    json_t *root = jnew(json_object());
    json_t *arr = jnew(json_array());
    int rc;

    for (size_t i = 0; i < n; i++) {
        json_t *o = jnew(json_object());

        if (fetches) {
            const struct report_fetch_hist *f = &fetches[i];

            jset(o, "fetched_at", jtime(f->fetched_at));
            jset(o, "run", f->run_id ? jint(f->run_id) : json_null());
            jset(o, "status", f->status ? jint(f->status) : json_null());
            jset(o, "final_url", jstr(f->final_url));
            jset(o, "error", jstr(f->error));
            jset(o, "hash", jstr(f->body_hash));
            jset(o, "changed", jnew(json_boolean(f->changed)));
        } else {
            const struct report_doc_hist *d = &docs[i];
            json_t *cnt = jnew(json_object());

            jset(o, "checked_at", jtime(d->checked_at));
            jset(o, "run", jint(d->run_id));
            jset(o, "as_of", jstr(d->as_of));
            jset(o, "content_hash", jstr(d->content_hash));
            jset(o, "document_changed", jnew(json_boolean(d->doc_changed)));
            jset(o, "claims", d->nclaims >= 0 ? jint(d->nclaims)
                                              : json_null());
            jset(cnt, "error", jint(d->count[SEV_ERROR]));
            jset(cnt, "warning", jint(d->count[SEV_WARNING]));
            jset(cnt, "info", jint(d->count[SEV_INFO]));
            jset(o, "findings", cnt);
        }
        jpush(arr, o);
    }
    jset(root, fetches ? "url" : "document", jstr(subject));
    jset(root, fetches ? "fetches" : "runs", arr);
    rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (rc != 0 || fputc('\n', out) == EOF) {
        cc_result result = report_finish(out, err, errlen);

        if (result == CC_OK) {
            cc_errf(err, errlen, "cannot write history: JSON output failed");
            result = CC_EIO;
        }
        return result;
    }
    return report_finish(out, err, errlen);
}

static char *jdup(json_t *j)
{
    return json_is_string(j) ? cc_strndup(json_string_value(j),
                                          json_string_length(j))
                             : NULL;
}

static cc_result baseline_read(json_t *root, struct report_baseline *b,
                               const char *path, char *err, size_t errlen)
{
    json_t *docs = json_object_get(root, "documents");
    size_t cap = 0, i, k;
    json_t *d, *f;

    if (!json_is_array(docs)) {
        cc_errf(err, errlen, "%s: not a citecheck JSON report (no "
                             "\"documents\"; write one with check --format "
                             "json -o %s)", path, path);
        return CC_EUSAGE;
    }
    json_array_foreach(docs, i, d) {
        json_array_foreach(json_object_get(d, "findings"), k, f) {
            json_t *claim = json_object_get(f, "claim");
            json_t *v = json_object_get(claim, "value");
            struct baseline_entry *e;

            if (!json_is_string(json_object_get(f, "kind")))
                continue;
            b->e = cc_grow(b->e, &cap, b->n + 1, sizeof *b->e);
            e = &b->e[b->n++];
            memset(e, 0, sizeof *e);
            e->kind = jdup(json_object_get(f, "kind"));
            e->ref = jdup(json_object_get(f, "reference"));
            e->claim = jdup(json_object_get(claim, "text"));
            e->has_value = json_is_number(v);
            e->value = e->has_value ? json_number_value(v) : 0;
        }
    }
    return CC_OK;
}

cc_result report_baseline_load(const char *path, struct report_baseline **out,
                               char *err, size_t errlen)
{
    struct report_baseline *b;
    json_error_t je;
    json_t *root;
    cc_result result;

    *out = NULL;
    root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        cc_errf(err, errlen, "--baseline %s:%d: %s", path, je.line, je.text);
        return CC_EUSAGE;
    }
    b = cc_calloc(1, sizeof *b);
    result = baseline_read(root, b, path, err, errlen);
    json_decref(root);
    if (result != CC_OK) {
        report_baseline_free(&b);
        return result;
    }
    *out = b;
    return CC_OK;
}

