/*
 * report/history.c -- what `recheck` and `history` write, and the
 * --baseline file read back: the "changes" of a document since its
 * previous run (json object and text section), past fetches and runs, and
 * accepted findings read from a `check --format json` report.
 *
 * Their JSON, and reading the baseline file, live in report/json.c (the
 * one jansson user).  Text goes through report_term_escape(): URLs,
 * messages and claims come from pages and articles.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/* "2025-11-14T10:00:00Z", "-" when unknown (report_int.h). */
void report_fmt_time(long long t, char *buf, size_t n)
{
    time_t tt = (time_t)t;
    struct tm tm;

    if (t <= 0 || !gmtime_r(&tt, &tm)) {
        snprintf(buf, n, "-");
        return;
    }
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void put(FILE *out, const char *s)
{
    if (s)
        report_term_escape(out, s, strlen(s));
}

/* ---- changes -------------------------------------------------------- */

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
        report_fmt_time(c->prev_checked_at, when, sizeof when);
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

            report_fmt_time(f->fetched_at, when, sizeof when);
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

            report_fmt_time(d->checked_at, when, sizeof when);
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
        return report_json_history(out, subject, fetches, docs, n, err, errlen);
    history_text(out, o, subject, fetches, docs, n);
    return report_finish(out, err, errlen);
}

/* ---- baseline ------------------------------------------------------- */

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
