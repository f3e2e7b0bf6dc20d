/*
 * report/history.c -- what `recheck` and `history` write, and the
 * --baseline file read back: the "changes" of a document since its
 * previous run (json object and text section), past fetches and runs, and
 * accepted findings read from a `check --format json` report.
 *
 * JSON goes through jansson like report/json.c (strings made well-formed
 * first; jansson returning NULL while building is cc_oom()).  Text goes
 * through report_term_escape(): URLs, messages and claims come from pages
 * and articles.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "report/report_int.h"

#define C_RED "\033[31m"
#define C_GREEN "\033[32m"
#define C_YELLOW "\033[33m"
#define C_BOLD "\033[1m"
#define C_RESET "\033[0m"

static const char *col(const struct report_opts *o, const char *code)
{
    return o && o->color ? code : "";
}

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

/* A JSON string made well-formed first; null for NULL. */
static json_t *jstr(const char *s)
{
    size_t n;
    char *clean;
    json_t *j;

    if (!s)
        return json_null();
    if (report_utf8_valid(s, strlen(s)))
        return jnew(json_stringn_nocheck(s, strlen(s)));
    clean = report_utf8_clean(s, strlen(s), &n);
    j = jnew(json_stringn_nocheck(clean, n));
    free(clean);
    return j;
}

static json_t *jint(long long v)
{
    return jnew(json_integer(v));
}

/* "2025-11-14T10:00:00Z" */
static void fmt_time(long long t, char *buf, size_t n)
{
    time_t tt = (time_t)t;
    struct tm tm;

    if (t <= 0 || !gmtime_r(&tt, &tm)) {
        snprintf(buf, n, "-");
        return;
    }
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static json_t *jtime(long long t)
{
    char buf[32];

    if (t <= 0)
        return json_null();
    fmt_time(t, buf, sizeof buf);
    return jstr(buf);
}

static void put(FILE *out, const char *s)
{
    if (s)
        report_term_escape(out, s, strlen(s));
}

/* ---- changes -------------------------------------------------------- */

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

static void text_change_finding(FILE *out, const char *mark,
                                const struct report_change_finding *f)
{
    fprintf(out, "  %s ", mark);
    if (f->line > 0)
        fprintf(out, "line %d  ", f->line);
    put(out, f->severity);
    fputs("  ", out);
    put(out, f->kind);
    if (f->ref) {
        fputs(" [", out);
        put(out, f->ref);
        fputc(']', out);
    }
    fputs("  ", out);
    put(out, f->message);
    fputc('\n', out);
}

static void text_change_url(FILE *out, const struct report_change_url *u)
{
    fputs("    [", out);
    put(out, u->ref);
    fputs("] ", out);
    put(out, u->url);
    if (u->error) {
        fputs("  ", out);
        put(out, u->error);
    } else if (u->status) {
        fprintf(out, "  HTTP %ld", u->status);
    }
    if (u->old_hash || u->new_hash) {
        fputs("  ", out);
        put(out, u->old_hash ? u->old_hash : "-");
        fputs(" -> ", out);
        put(out, u->new_hash ? u->new_hash : "-");
    }
    fputc('\n', out);
}

void report_text_changes(FILE *out, const struct report_opts *o,
                         const struct report_changes *c)
{
    char when[32];

    fprintf(out, "\n%schanges%s", col(o, C_BOLD), col(o, C_RESET));
    if (!c->prev_run_id) {
        fputs(": first run of this document (every finding is new)\n", out);
    } else {
        fmt_time(c->prev_checked_at, when, sizeof when);
        fprintf(out, " since run %lld (%s)%s%s: %zu new, %zu resolved, "
                     "%zu newly unreachable, %zu changed page%s\n",
                c->prev_run_id, when,
                c->doc_changed ? ", article edited" : "",
                c->rebuilt ? ", file gone: rebuilt from the database" : "",
                c->nadded, c->nresolved, c->nunreachable, c->nchanged,
                c->nchanged == 1 ? "" : "s");
    }
    if (!c->prev_run_id)
        return;
    for (size_t i = 0; i < c->nadded; i++)
        text_change_finding(out, "+", &c->added[i]);
    for (size_t i = 0; i < c->nresolved; i++)
        text_change_finding(out, "-", &c->resolved[i]);
    if (c->nunreachable) {
        fprintf(out, "  %snewly unreachable%s\n", col(o, C_RED),
                col(o, C_RESET));
        for (size_t i = 0; i < c->nunreachable; i++)
            text_change_url(out, &c->unreachable[i]);
    }
    if (c->nchanged) {
        fprintf(out, "  %schanged pages%s\n", col(o, C_YELLOW),
                col(o, C_RESET));
        for (size_t i = 0; i < c->nchanged; i++)
            text_change_url(out, &c->changed[i]);
    }
}

/* ---- history -------------------------------------------------------- */

static cc_result history_json(FILE *out, const char *subject,
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

static void history_text(FILE *out, const struct report_opts *o,
                         const char *subject,
                         const struct report_fetch_hist *fetches,
                         const struct report_doc_hist *docs, size_t n)
{
    char when[32];

    fputs(col(o, C_BOLD), out);
    put(out, subject);
    fprintf(out, "%s  %zu %s\n", col(o, C_RESET), n,
            fetches ? (n == 1 ? "fetch" : "fetches")
                    : (n == 1 ? "run" : "runs"));
    for (size_t i = 0; i < n; i++) {
        if (fetches) {
            const struct report_fetch_hist *f = &fetches[i];

            fmt_time(f->fetched_at, when, sizeof when);
            fprintf(out, "  %s  ", when);
            if (f->status)
                fprintf(out, "%ld", f->status);
            else
                fputs("---", out);
            fprintf(out, "  %-16s", f->body_hash ? f->body_hash : "-");
            if (f->changed)
                fprintf(out, "  %schanged%s", col(o, C_YELLOW),
                        col(o, C_RESET));
            if (f->error) {
                fputs("  ", out);
                put(out, f->error);
            }
            if (f->run_id)
                fprintf(out, "  (run %lld)", f->run_id);
            fputc('\n', out);
        } else {
            const struct report_doc_hist *d = &docs[i];

            fmt_time(d->checked_at, when, sizeof when);
            fprintf(out, "  %s  run %lld  %s%lld error%s%s, %lld warning%s, "
                         "%lld info",
                    when, d->run_id, col(o, d->count[SEV_ERROR] ? C_RED : ""),
                    d->count[SEV_ERROR], d->count[SEV_ERROR] == 1 ? "" : "s",
                    col(o, d->count[SEV_ERROR] ? C_RESET : ""),
                    d->count[SEV_WARNING],
                    d->count[SEV_WARNING] == 1 ? "" : "s",
                    d->count[SEV_INFO]);
            if (d->nclaims >= 0)
                fprintf(out, ", %lld claim%s", d->nclaims,
                        d->nclaims == 1 ? "" : "s");
            if (d->doc_changed)
                fprintf(out, "  %sarticle edited%s", col(o, C_GREEN),
                        col(o, C_RESET));
            fputc('\n', out);
        }
    }
    if (n == 0)
        fputs("  nothing stored (check the spelling, or the --db used)\n",
              out);
}

cc_result report_history(FILE *out, enum report_format f,
                         const struct report_opts *o, const char *subject,
                         const struct report_fetch_hist *fetches,
                         const struct report_doc_hist *docs, size_t n,
                         char *err, size_t errlen)
{
    if (f != RF_TEXT)
        return history_json(out, subject, fetches, docs, n, err, errlen);
    history_text(out, o, subject, fetches, docs, n);
    return report_finish(out, err, errlen);
}

/* ---- baseline ------------------------------------------------------- */

struct baseline_entry {
    char *kind, *ref, *claim;    /* ref/claim NULL = null */
    bool has_value;
    double value;
};

struct report_baseline {
    struct baseline_entry *e;
    size_t n;
};

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

void report_baseline_free(struct report_baseline **pb)
{
    struct report_baseline *b = pb ? *pb : NULL;

    if (!b)
        return;
    for (size_t i = 0; i < b->n; i++) {
        free(b->e[i].kind);
        free(b->e[i].ref);
        free(b->e[i].claim);
    }
    free(b->e);
    free(b);
    *pb = NULL;
}

static bool same_value(double a, double b)
{
    double m = fabs(a) > fabs(b) ? fabs(a) : fabs(b);

    return fabs(a - b) <= 1e-9 * (m > 1 ? m : 1);
}

/* a (from the report, well-formed) equals b (from memory, maybe not). */
static bool same_text(const char *a, const char *b)
{
    bool eq;
    size_t n;
    char *clean;

    if (!a || !b)
        return !a && !b;
    if (report_utf8_valid(b, strlen(b)))
        return strcmp(a, b) == 0;
    clean = report_utf8_clean(b, strlen(b), &n);
    eq = strcmp(a, clean) == 0;
    free(clean);
    return eq;
}

bool report_baseline_has(const struct report_baseline *b,
                         const struct finding *f)
{
    const char *kind = finding_kind_name(f->kind);
    const char *ref = f->ref[0] ? f->ref : NULL;

    for (size_t i = 0; b && i < b->n; i++) {
        const struct baseline_entry *e = &b->e[i];

        if (strcmp(e->kind, kind) != 0 || !same_text(e->ref, ref) ||
            !same_text(e->claim, f->claim_text) ||
            e->has_value != f->has_value)
            continue;
        if (e->has_value && !same_value(e->value, f->value))
            continue;
        return true;
    }
    return false;
}
