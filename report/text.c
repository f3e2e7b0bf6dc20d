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

/* Byte length of the first maxchars characters of s[0..len) (an invalid
 * byte counts as one character). */
static size_t prefix_chars(const char *s, size_t len, size_t maxchars)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, chars = 0;
    unsigned cp;

    while (i < len && chars < maxchars) {
        size_t n = report_utf8_seq(p + i, len - i, &cp);
        i += n ? n : 1;
        chars++;
    }
    return i;
}

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
    keep = prefix_chars(buf, o, maxchars);
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

/* ---- values --------------------------------------------------------- */

/* v with at most maxdec decimals (trailing zeros dropped) and thousands
 * separators: 6500 -> "6,500", 4.30 -> "4.3". */
static void fmt_number(char *buf, size_t n, double v, int maxdec)
{
    char tmp[64], res[96];
    size_t i = 0, o = 0, ilen, start;
    char *frac;

    if (!isfinite(v) || fabs(v) >= 1e15) {
        snprintf(buf, n, "%.6g", v);
        return;
    }
    snprintf(tmp, sizeof tmp, "%.*f", maxdec, v);
    start = tmp[0] == '-' ? 1 : 0;
    ilen = start;
    while (tmp[ilen] >= '0' && tmp[ilen] <= '9')
        ilen++;
    frac = tmp + ilen;   /* the decimal separator (any locale) or "" */
    if (*frac) {
        size_t fl = strlen(frac);
        while (fl > 1 && frac[fl - 1] == '0')
            fl--;
        frac[fl == 1 ? 0 : fl] = '\0';
    }
    if (start) {
        bool zero = strspn(tmp + 1, "0") == ilen - 1 && !*frac;
        if (!zero)
            res[o++] = '-';
        i = 1;
    }
    for (; i < ilen; i++) {
        size_t left = ilen - i;   /* digits still to copy */
        res[o++] = tmp[i];
        if (left > 1 && (left - 1) % 3 == 0)
            res[o++] = ',';
    }
    if (*frac) {
        res[o++] = '.';
        for (const char *q = frac + 1; *q; q++)
            res[o++] = *q;
    }
    res[o] = '\0';
    snprintf(buf, n, "%s", res);
}

static bool is_currency(const char *unit)
{
    return strlen(unit) == 3 && unit[0] >= 'A' && unit[0] <= 'Z' &&
           unit[1] >= 'A' && unit[1] <= 'Z' && unit[2] >= 'A' &&
           unit[2] <= 'Z';
}

/* "$4.3 billion", "4.3 billion KZT", "6,500", "5.1%". */
static void fmt_value(char *buf, size_t n, double v, const char *unit_field,
                      size_t unit_size)
{
    char unit[16], num[96];
    const char *scale = "";
    double a = fabs(v);
    size_t ul = strnlen(unit_field, unit_size);

    if (ul >= sizeof unit)
        ul = sizeof unit - 1;
    memcpy(unit, unit_field, ul);
    unit[ul] = '\0';
    if (strcmp(unit, "percent") == 0) {
        fmt_number(num, sizeof num, v, 2);
        snprintf(buf, n, "%s%%", num);
        return;
    }
    if (isfinite(v) && a >= 1e12 && a < 1e15) {
        scale = " trillion";
        v /= 1e12;
    } else if (a >= 1e9 && a < 1e12) {
        scale = " billion";
        v /= 1e9;
    } else if (a >= 1e6 && a < 1e9) {
        scale = " million";
        v /= 1e6;
    }
    fmt_number(num, sizeof num, v, *scale ? 3 : 2);
    if (strcmp(unit, "USD") == 0) {
        if (num[0] == '-')
            snprintf(buf, n, "-$%s%s", num + 1, scale);
        else
            snprintf(buf, n, "$%s%s", num, scale);
    } else if (is_currency(unit) || (ul && strcmp(unit, "count") != 0)) {
        snprintf(buf, n, "%s%s %s", num, scale, unit);
    } else {
        snprintf(buf, n, "%s%s", num, scale);
    }
}

/* "$4.3 billion, 2021, by 2030" from what is known; "" when nothing. */
static void fmt_facts(char *buf, size_t n, bool has_value, double v,
                      const char *unit, size_t unit_size, bool approx,
                      struct cc_period p, int deadline)
{
    char val[128] = "", per[96] = "", dl[32] = "";

    if (has_value)
        fmt_value(val, sizeof val, v, unit, unit_size);
    if (cc_period_set(p))
        cc_period_fmt(p, per, sizeof per);
    if (deadline)
        snprintf(dl, sizeof dl, "by %d", deadline);
    snprintf(buf, n, "%s%s%s%s%s%s", approx && has_value ? "~" : "", val,
             *val && *per ? ", " : "", per, (*val || *per) && *dl ? ", " : "",
             dl);
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

/* A label field as a NUL-terminated string. */
static void label_copy(char dst[DOC_MAX_LABEL + 1], const char *src)
{
    size_t n = strnlen(src, DOC_MAX_LABEL);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static bool label_eq(const char *a, const char *b)
{
    return strncmp(a, b, DOC_MAX_LABEL) == 0;
}

static bool all_digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

/* Numeric labels in numeric order first, then the others by bytes. */
static int label_cmp(const char *la, const char *lb)
{
    char a[DOC_MAX_LABEL + 1], b[DOC_MAX_LABEL + 1];
    bool da, db;

    label_copy(a, la);
    label_copy(b, lb);
    da = all_digits(a);
    db = all_digits(b);
    if (da && db) {
        const char *pa = a + strspn(a, "0"), *pb = b + strspn(b, "0");
        size_t na = strlen(pa), nb = strlen(pb);
        if (na != nb)
            return na < nb ? -1 : 1;
        return strcmp(pa, pb);
    }
    if (da != db)
        return da ? -1 : 1;
    return strcmp(a, b);
}

static int ref_cmp(const void *x, const void *y)
{
    const struct doc_ref *a = *(const struct doc_ref *const *)x;
    const struct doc_ref *b = *(const struct doc_ref *const *)y;
    int c = label_cmp(a->label, b->label);

    if (c)
        return c;
    return a < b ? -1 : a > b;   /* keep document order for equal labels */
}

static const struct check_source *source_of(const struct report_doc *rd,
                                            const struct doc_ref *ref)
{
    for (size_t i = 0; i < rd->nsrc; i++)
        if (rd->src[i].ref == ref)
            return &rd->src[i];
    return NULL;
}

static bool label_in_doc(const struct doc *d, const char *label)
{
    for (size_t i = 0; i < d->nrefs; i++)
        if (label_eq(d->refs[i].label, label))
            return true;
    return false;
}

static void text_evidence(FILE *out, const struct evidence *e)
{
    char facts[256];
    char lbl[DOC_MAX_LABEL + 1];

    label_copy(lbl, e->ref);
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
    fmt_facts(facts, sizeof facts, e->has_value, e->value, e->unit,
              sizeof e->unit, false, e->period, e->deadline_year);
    if (*facts) {
        fputs(" (", out);
        report_term_escape(out, facts, strlen(facts));
        fputc(')', out);
    }
    fputc('\n', out);
}

static void text_finding(FILE *out, const struct report_opts *o,
                         const struct finding *f)
{
    char facts[256];

    if (f->line > 0)
        fprintf(out, "  line %d  ", f->line);
    else
        fputs("  line -  ", out);
    fprintf(out, "%s%s%s  %s  ", col(o, sev_color(f)), sev_upper(f->severity),
            col(o, C_RESET), finding_kind_name(f->kind));
    put_untrusted(out, f->message, MESSAGE_CHARS);
    fputc('\n', out);
    if (f->kind == FK_SUPPORTED && !o->verbose)
        return;
    fmt_facts(facts, sizeof facts, f->has_value, f->value, f->unit,
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

    label_copy(lbl, ref->label);
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

static void text_group(FILE *out, const struct report_opts *o,
                       const struct check_report *rep, const char *label)
{
    for (size_t i = 0; rep && i < rep->nf; i++)
        if (label_eq(rep->f[i].ref, label))
            text_finding(out, o, &rep->f[i]);
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
        qsort(order, d->nrefs, sizeof *order, ref_cmp);
    }
    for (size_t i = 0; i < d->nrefs; i++) {
        /* a label printed twice in the list gets its findings once */
        bool dup = i > 0 && label_eq(order[i - 1]->label, order[i]->label);
        fputc('\n', out);
        text_ref_header(out, o, order[i], source_of(rd, order[i]));
        if (!dup)
            text_group(out, o, rep, order[i]->label);
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
            seen = label_eq(rep->f[j].ref, f->ref);
        if (seen)
            continue;
        label_copy(lbl, f->ref);
        fprintf(out, "\n%s[", col(o, C_BOLD));
        report_term_escape(out, lbl, strlen(lbl));
        fprintf(out, "]%s not in the reference list\n", col(o, C_RESET));
        text_group(out, o, rep, f->ref);
    }
    if (nolabel) {
        fprintf(out, "\n%sno footnote%s\n", col(o, C_BOLD), col(o, C_RESET));
        text_group(out, o, rep, "");
    }
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
        fmt_facts(facts, sizeof facts, true, q->value, q->unit,
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
