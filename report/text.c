/*
 * report/text.c -- reports for people reading a terminal or a log.
 *
 * Every string that comes from the article, a page or a message quoting
 * them is written through put_untrusted() / report_term_escape(), so no
 * control sequence, bidi control or invalid byte reaches the terminal.
 * ANSI colour only when opts->color.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"

#define CLAIM_CHARS 160     /* claim text and snippets are cut here */
#define MESSAGE_CHARS 400
#define TITLE_CHARS 120

#define C_RED "\033[31m"
#define C_YELLOW "\033[33m"
#define C_CYAN "\033[36m"
#define C_GREEN "\033[32m"
#define C_BOLD "\033[1m"
#define C_DIM "\033[2m"
#define C_RESET "\033[0m"

static const char *col(const struct report_opts *o, const char *code)
{
    return o->color ? code : "";
}

/* ---- untrusted text ------------------------------------------------- */

/* Write s on one line: runs of whitespace (newlines and tabs included)
 * become one space, at most maxchars characters ("…" marks a cut), and
 * everything escaped.  NULL writes nothing. */
static void put_untrusted(FILE *out, const char *s, size_t maxchars)
{
    size_t len, o = 0, keep;
    char *buf;
    bool space = false;

    if (!s)
        return;
    len = strlen(s);
    buf = cc_malloc(len + 1);
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' ||
            c == '\v') {
            space = o > 0;
            continue;
        }
        if (space)
            buf[o++] = ' ';
        space = false;
        buf[o++] = c;
    }
    keep = report_prefix_chars(buf, o, maxchars);
    report_term_escape(out, buf, keep);
    if (keep < o)
        fputs("\u2026", out);
    free(buf);
}

/* Write s[0..len) keeping its line breaks: each line escaped on its own. */
static void put_lines(FILE *out, const char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - s) : len;
        report_term_escape(out, s + i, end - i);
        fputc('\n', out);
        i = end + 1;
    }
}

/* ---- check ---------------------------------------------------------- */

static const char *sev_upper(enum severity s)
{
    switch (s) {
    case SEV_ERROR:
        return "ERROR";
    case SEV_WARNING:
        return "WARNING";
    case SEV_INFO:
        return "INFO";
    }
    return "?";
}

static const char *sev_color(const struct finding *f)
{
    if (f->kind == FK_SUPPORTED)
        return C_GREEN;
    switch (f->severity) {
    case SEV_ERROR:
        return C_RED;
    case SEV_WARNING:
        return C_YELLOW;
    case SEV_INFO:
        break;
    }
    return C_CYAN;
}

static bool label_in_doc(const struct doc *d, const char *label)
{
    for (size_t i = 0; i < d->nrefs; i++)
        if (report_label_eq(d->refs[i].label, label))
            return true;
    return false;
}

static void text_evidence(FILE *out, const struct evidence *e)
{
    char facts[256];
    char lbl[DOC_MAX_LABEL + 1];

    report_label_copy(lbl, e->ref);
    fputs("    evidence", out);
    if (*lbl) {
        fputs(" [", out);
        report_term_escape(out, lbl, strlen(lbl));
        fputc(']', out);
    } else if (e->line > 0) {
        fprintf(out, " line %d", e->line);
    }
    fputs(": ", out);
    if (e->snippet)
        put_untrusted(out, e->snippet, CLAIM_CHARS);
    else
        fputs("(no snippet)", out);
    report_fmt_facts(facts, sizeof facts, e->has_value, e->value, e->unit,
              sizeof e->unit, false, e->period, e->deadline_year);
    if (*facts) {
        fputs(" (", out);
        report_term_escape(out, facts, strlen(facts));
        fputc(')', out);
    }
    fputc('\n', out);
}

static void text_finding(FILE *out, const struct report_opts *o,
                         const struct doc *d, const struct finding *f)
{
    char facts[256], where[64];

    report_where(d, f->line, where, sizeof where);
    fprintf(out, "  %s%s  ", f->line > 0 ? "" : "line ", where);
    fprintf(out, "%s%s%s  %s  ", col(o, sev_color(f)), sev_upper(f->severity),
            col(o, C_RESET), finding_kind_name(f->kind));
    put_untrusted(out, f->message, MESSAGE_CHARS);
    fputc('\n', out);
    if (f->kind == FK_SUPPORTED && !o->verbose)
        return;
    report_fmt_facts(facts, sizeof facts, f->has_value, f->value, f->unit,
              sizeof f->unit, f->approx, f->period, f->deadline_year);
    if (f->claim_text || *facts) {
        fputs("    claim: ", out);
        put_untrusted(out, f->claim_text, CLAIM_CHARS);
        if (*facts) {
            fputs(f->claim_text ? " (" : "(", out);
            report_term_escape(out, facts, strlen(facts));
            fputc(')', out);
        }
        fputc('\n', out);
    }
    for (size_t i = 0; i < f->nev; i++)
        text_evidence(out, &f->ev[i]);
}

/* "[15] https://…  200 -> https://final  "Page title"" */
static void text_ref_header(FILE *out, const struct report_opts *o,
                            const struct doc_ref *ref,
                            const struct check_source *s)
{
    char lbl[DOC_MAX_LABEL + 1];

    report_label_copy(lbl, ref->label);
    fprintf(out, "%s[", col(o, C_BOLD));
    report_term_escape(out, lbl, strlen(lbl));
    fprintf(out, "]%s ", col(o, C_RESET));
    if (!ref->url) {
        fputs("no URL", out);
        if (ref->url_error) {
            fputs(" (", out);
            put_untrusted(out, ref->url_error, TITLE_CHARS);
            fputc(')', out);
        }
        fputs(": ", out);
        put_untrusted(out, ref->title ? ref->title : ref->text, TITLE_CHARS);
        fputc('\n', out);
        return;
    }
    put_untrusted(out, ref->url, 400);
    if (!s || (s->status == 0 && !s->error)) {
        fprintf(out, "  %snot fetched%s", col(o, C_DIM), col(o, C_RESET));
    } else if (s->error) {
        fprintf(out, "  %sERR%s ", col(o, C_RED), col(o, C_RESET));
        if (s->status)
            fprintf(out, "%ld ", s->status);
        put_untrusted(out, s->error, TITLE_CHARS);
    } else {
        fprintf(out, "  %s%ld%s", col(o, s->status >= 400 ? C_YELLOW : ""),
                s->status, col(o, s->status >= 400 ? C_RESET : ""));
        if (s->final_url && strcmp(s->final_url, ref->url) != 0) {
            fputs(" -> ", out);
            put_untrusted(out, s->final_url, 400);
        }
    }
    if (s && s->page && s->page->title) {
        fputs("  \"", out);
        put_untrusted(out, s->page->title, TITLE_CHARS);
        fputc('"', out);
    }
    fputc('\n', out);
}

/* bl (may be NULL): findings accepted in --baseline, shown dimmed. */
static void text_group(FILE *out, const struct report_opts *o,
                       const struct doc *d, const struct check_report *rep,
                       const char *label, const bool *bl)
{
    for (size_t i = 0; rep && i < rep->nf; i++) {
        struct report_opts plain = *o;

        if (!report_label_eq(rep->f[i].ref, label))
            continue;
        if (!bl || !bl[i]) {
            text_finding(out, o, d, &rep->f[i]);
            continue;
        }
        plain.color = false;
        fprintf(out, "%s  (baselined)\n", col(o, C_DIM));
        text_finding(out, &plain, d, &rep->f[i]);
        fputs(col(o, C_RESET), out);
    }
}

/* One document; adds its findings to counts[SEV_*]. */
static void text_document(FILE *out, const struct report_opts *o,
                          const struct report_doc *rd, size_t counts[3])
{
    const struct doc *d = rd->doc;
    const struct check_report *rep = rd->rep;
    const struct doc_ref **order = NULL;
    char date[32];
    bool nolabel = false;
    size_t nf = rep ? rep->nf : 0;

    fputs(col(o, C_BOLD), out);
    put_untrusted(out, d->path ? d->path : "-", 400);
    fputs(col(o, C_RESET), out);
    if (cc_date_set(rd->as_of)) {
        cc_date_fmt(rd->as_of, date, sizeof date);
        fprintf(out, "  as of %s", date);
    }
    fprintf(out, ", %zu reference%s, %zu claim%s checked\n", d->nrefs,
            d->nrefs == 1 ? "" : "s", rep ? rep->nclaims : 0,
            rep && rep->nclaims == 1 ? "" : "s");

    if (d->nrefs) {
        order = cc_calloc(d->nrefs, sizeof *order);
        for (size_t i = 0; i < d->nrefs; i++)
            order[i] = &d->refs[i];
        qsort(order, d->nrefs, sizeof *order, report_ref_cmp);
    }
    for (size_t i = 0; i < d->nrefs; i++) {
        /* a label printed twice in the list gets its findings once */
        bool dup = i > 0 && report_label_eq(order[i - 1]->label, order[i]->label);
        fputc('\n', out);
        text_ref_header(out, o, order[i], report_source_of(rd, order[i]));
        if (!dup)
            text_group(out, o, d, rep, order[i]->label, rd->baselined);
    }
    free(order);

    /* labels the findings use that the reference list lacks */
    for (size_t i = 0; i < nf; i++) {
        const struct finding *f = &rep->f[i];
        bool seen = false;
        char lbl[DOC_MAX_LABEL + 1];

        if (!f->ref[0]) {
            nolabel = true;
            continue;
        }
        if (label_in_doc(d, f->ref))
            continue;
        for (size_t j = 0; j < i && !seen; j++)
            seen = report_label_eq(rep->f[j].ref, f->ref);
        if (seen)
            continue;
        report_label_copy(lbl, f->ref);
        fprintf(out, "\n%s[", col(o, C_BOLD));
        report_term_escape(out, lbl, strlen(lbl));
        fprintf(out, "]%s not in the reference list\n", col(o, C_RESET));
        text_group(out, o, d, rep, f->ref, rd->baselined);
    }
    if (nolabel) {
        fprintf(out, "\n%sno footnote%s\n", col(o, C_BOLD), col(o, C_RESET));
        text_group(out, o, d, rep, "", rd->baselined);
    }
    if (rd->changes)
        report_text_changes(out, o, rd->changes);
    for (size_t i = 0; i < nf; i++)
        if ((unsigned)rep->f[i].severity <= SEV_ERROR)
            counts[rep->f[i].severity]++;
}

cc_result report_text_check(FILE *out, const struct report_opts *o,
                            const struct report_doc *docs, size_t ndocs,
                            char *err, size_t errlen)
{
    size_t counts[3] = {0, 0, 0}, claims = 0;
    size_t e, w;

    for (size_t i = 0; i < ndocs; i++) {
        if (i)
            fputc('\n', out);
        text_document(out, o, &docs[i], counts);
        if (docs[i].rep)
            claims += docs[i].rep->nclaims;
    }
    e = counts[SEV_ERROR];
    w = counts[SEV_WARNING];
    fprintf(out, "\n%zu claim%s checked: %s%zu error%s%s, %s%zu warning%s%s, "
                 "%zu info\n",
            claims, claims == 1 ? "" : "s", col(o, e ? C_RED : ""), e,
            e == 1 ? "" : "s", col(o, e ? C_RESET : ""),
            col(o, w ? C_YELLOW : ""), w, w == 1 ? "" : "s",
            col(o, w ? C_RESET : ""), counts[SEV_INFO]);
    return report_finish(out, err, errlen);
}

/* ---- extract -------------------------------------------------------- */

cc_result report_text_extract(FILE *out, const struct report_opts *o,
                              const char *text, size_t len,
                              const struct extract_result *r, char *err,
                              size_t errlen)
{
    size_t *nl;
    size_t nnl = report_newlines(text, len, &nl);
    char facts[256], date[32];

    fprintf(out, "%squantities: %zu%s\n", col(o, C_BOLD), r->nq,
            col(o, C_RESET));
    for (size_t i = 0; i < r->nq; i++) {
        const struct qty *q = &r->q[i];
        fprintf(out, "  line %d  %s  \"", report_line_of(nl, nnl, q->start),
                qty_kind_name(q->kind));
        put_untrusted(out, q->text, CLAIM_CHARS);
        report_fmt_facts(facts, sizeof facts, true, q->value, q->unit,
                  sizeof q->unit, false, q->period, q->deadline_year);
        fputs("\"  = ", out);
        report_term_escape(out, facts, strlen(facts));
        if (q->approx)
            fprintf(out, "  [%s]", qty_qual_name(q->qual));
        if (q->change)
            fprintf(out, "  [change%s]",
                    q->change_sign > 0 ? " up" : q->change_sign < 0 ? " down"
                                                                   : "");
        if (q->target)
            fputs("  [target]", out);
        if (q->measure != QM_OTHER)
            fprintf(out, "  [%s]", qty_measure_name(q->measure));
        if (q->noun) {
            fputs("  [", out);
            put_untrusted(out, q->noun, TITLE_CHARS);
            fputc(']', out);
        }
        fputc('\n', out);
    }
    fprintf(out, "%sdates: %zu%s\n", col(o, C_BOLD), r->nd, col(o, C_RESET));
    for (size_t i = 0; i < r->nd; i++) {
        const struct date_mention *m = &r->d[i];
        fprintf(out, "  line %d  \"", report_line_of(nl, nnl, m->start));
        put_untrusted(out, m->text, CLAIM_CHARS);
        cc_date_fmt(m->date, date, sizeof date);
        fprintf(out, "\"  = %s\n", *date ? date : "?");
    }
    free(nl);
    return report_finish(out, err, errlen);
}

/* ---- page ----------------------------------------------------------- */

static void page_field(FILE *out, const char *name, const char *v)
{
    fprintf(out, "%-11s", name);
    if (v)
        put_untrusted(out, v, 1000);
    else
        fputc('-', out);
    fputc('\n', out);
}

cc_result report_text_page(FILE *out, const struct report_opts *o,
                           const struct page *p, char *err, size_t errlen)
{
    char pub[32], mod[32];

    cc_date_fmt(p->published, pub, sizeof pub);
    cc_date_fmt(p->modified, mod, sizeof mod);
    fputs(col(o, C_BOLD), out);
    page_field(out, "url:", p->url);
    fputs(col(o, C_RESET), out);
    page_field(out, "title:", p->title);
    page_field(out, "published:", *pub ? pub : NULL);
    page_field(out, "modified:", *mod ? mod : NULL);
    page_field(out, "author:", p->author);
    page_field(out, "site:", p->site);
    page_field(out, "lang:", p->lang);
    page_field(out, "canonical:", p->canonical);
    if (p->note)
        page_field(out, "note:", p->note);
    fputc('\n', out);
    if (p->text)
        put_lines(out, p->text, p->text_len);
    return report_finish(out, err, errlen);
}

/* ---- fetch ---------------------------------------------------------- */

cc_result report_text_fetch_line(FILE *out, const struct report_opts *o,
                                 const char *cited_url,
                                 const struct fetch_result *r, char *err,
                                 size_t errlen)
{
    const char *url = cited_url ? cited_url : r->url;

    if (r->error) {
        fprintf(out, "%sERR%s  ", col(o, C_RED), col(o, C_RESET));
        put_untrusted(out, url ? url : "-", 2000);
        fputs("  ", out);
        put_untrusted(out, r->error, MESSAGE_CHARS);
        fputc('\n', out);
        return report_finish(out, err, errlen);
    }
    if (r->status)
        fprintf(out, "%s%ld%s  ", col(o, r->status >= 400 ? C_YELLOW : ""),
                r->status, col(o, r->status >= 400 ? C_RESET : ""));
    else
        fputs("---  ", out);
    put_untrusted(out, url ? url : "-", 2000);
    if (r->final_url && (!url || strcmp(r->final_url, url) != 0)) {
        fputs("  -> ", out);
        put_untrusted(out, r->final_url, 2000);
    }
    if (r->body)
        fprintf(out, " (%zu byte%s)", r->body_len, r->body_len == 1 ? "" : "s");
    fputc('\n', out);
    return report_finish(out, err, errlen);
}
