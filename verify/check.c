/*
 * verify/check.c -- claims x facts -> findings.
 *
 * Order of work for one document:
 *   1. reference-level findings: no_url, unreachable, metadata_mismatch;
 *   2. every figure of every sentence is a claim: judged against each cited
 *      source (supported / period_* / value_mismatch / not_found, and the
 *      time checks source_predates / period_incomplete), then against the
 *      article's other sources (contradicted_by_other_source,
 *      sources_disagree); figures without a footnote are uncited_claim;
 *   3. sentences that name a person: name_not_in_source;
 *   4. the article against itself: internal_conflict, sum_mismatch
 *      (check_self.c).
 *
 * A claim meets only the facts that can match it: the facts of its own
 * footnotes' pages, and from the other sources those an index by value and
 * by period (qindex.c) returns, so 10,000 claims against 1,000 sources'
 * facts take well under a second (bench/verify.c).  A growth rate ("up
 * 5%") the cited page does not state is worked out from the two levels it
 * gives, when it gives both.
 */
#include "verify/check.h"
#include "verify/check_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verify/names.h"
#include "verify/qindex.h"
#include "verify/textsim.h"

static const struct {
    const char *name;
    enum severity sev;
} kinds[FK_COUNT_] = {
    [FK_SUPPORTED] = {"supported", SEV_INFO},
    [FK_VALUE_MISMATCH] = {"value_mismatch", SEV_ERROR},
    [FK_PERIOD_MISMATCH] = {"period_mismatch", SEV_ERROR},
    [FK_CONTRADICTED] = {"contradicted_by_other_source", SEV_ERROR},
    [FK_SOURCE_PREDATES] = {"source_predates", SEV_ERROR},
    [FK_INTERNAL_CONFLICT] = {"internal_conflict", SEV_ERROR},
    [FK_SUM_MISMATCH] = {"sum_mismatch", SEV_ERROR},
    [FK_NOT_FOUND] = {"not_found", SEV_WARNING},
    [FK_PERIOD_UNCONFIRMED] = {"period_unconfirmed", SEV_WARNING},
    [FK_PERIOD_INCOMPLETE] = {"period_incomplete", SEV_WARNING},
    [FK_NAME_NOT_IN_SOURCE] = {"name_not_in_source", SEV_WARNING},
    [FK_METADATA_MISMATCH] = {"metadata_mismatch", SEV_WARNING},
    [FK_UNREACHABLE] = {"unreachable", SEV_WARNING},
    [FK_NO_URL] = {"no_url", SEV_INFO},
    [FK_UNCITED_CLAIM] = {"uncited_claim", SEV_INFO},
    [FK_SOURCES_DISAGREE] = {"sources_disagree", SEV_INFO},
};

const char *finding_kind_name(enum finding_kind k)
{
    return k < FK_COUNT_ ? kinds[k].name : "unknown";
}

enum severity finding_kind_severity(enum finding_kind k)
{
    return k < FK_COUNT_ ? kinds[k].sev : SEV_INFO;
}

const char *severity_name(enum severity s)
{
    switch (s) {
    case SEV_INFO: return "info";
    case SEV_WARNING: return "warning";
    case SEV_ERROR: return "error";
    }
    return "unknown";
}

int severity_parse(const char *s)
{
    if (strcmp(s, "info") == 0)
        return SEV_INFO;
    if (strcmp(s, "warning") == 0)
        return SEV_WARNING;
    if (strcmp(s, "error") == 0)
        return SEV_ERROR;
    if (strcmp(s, "never") == 0)
        return SEV_ERROR + 1;
    return -1;
}

/* ---- value and period text for messages ------------------------------ */

/* "$4.3 billion", "4.3 billion KZT", "6,500", "5.1%". */
void check_format_value(enum qty_kind kind, const char *unit, double v,
                        char *buf, size_t n)
{
    if (kind == QTY_PERCENT) {
        snprintf(buf, n, "%g%%", v);
        return;
    }
    if (kind == QTY_COUNT) {
        long long x = llround(v);
        char digits[32], out[48];
        int nd = snprintf(digits, sizeof digits, "%lld", x < 0 ? -x : x);
        size_t o = 0;

        if (x < 0)
            out[o++] = '-';
        for (int i = 0; i < nd; i++) {
            if (i > 0 && (nd - i) % 3 == 0)
                out[o++] = ',';
            out[o++] = digits[i];
        }
        out[o] = '\0';
        if (fabs(v - (double)x) > 1e-9)
            snprintf(buf, n, "%g", v);
        else
            snprintf(buf, n, "%s", out);
        return;
    }
    {
        const char *scale = "";
        double m = v;

        if (fabs(v) >= 1e12) {
            m = v / 1e12;
            scale = " trillion";
        } else if (fabs(v) >= 1e9) {
            m = v / 1e9;
            scale = " billion";
        } else if (fabs(v) >= 1e6) {
            m = v / 1e6;
            scale = " million";
        }
        if (strcmp(unit, "USD") == 0)
            snprintf(buf, n, "$%.4g%s", m, scale);
        else
            snprintf(buf, n, "%.4g%s %s", m, scale, unit);
    }
}

void check_fmt_when(const struct qty *q, char *buf, size_t n)
{
    if (cc_period_set(q->period)) {
        char p[64];

        cc_period_fmt(q->period, p, sizeof p);
        if (q->deadline_year)
            snprintf(buf, n, "%s, target for %d", p, q->deadline_year);
        else
            snprintf(buf, n, "%s", p);
    } else if (q->deadline_year) {
        snprintf(buf, n, "by %d", q->deadline_year);
    } else {
        snprintf(buf, n, "no stated period");
    }
}

/* ---- findings -------------------------------------------------------- */

static struct finding *add_finding(struct check_report *r, size_t *cap,
                                   enum finding_kind kind, const char *ref,
                                   int line, const char *claim_text)
{
    struct finding *f;

    r->f = cc_grow(r->f, cap, r->nf + 1, sizeof *r->f);
    f = &r->f[r->nf++];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->severity = finding_kind_severity(kind);
    snprintf(f->ref, sizeof f->ref, "%s", ref ? ref : "");
    f->line = line;
    f->claim_text = cc_strdup(claim_text);
    r->count[f->severity]++;
    return f;
}

static void finding_set_claim(struct finding *f, const struct qty *q)
{
    f->has_value = true;
    f->value = q->value;
    snprintf(f->unit, sizeof f->unit, "%s", q->unit);
    f->approx = q->approx;
    f->period = q->period;
    f->deadline_year = q->deadline_year;
    if (q->end > q->start && f->claim_text &&
        q->end <= strlen(f->claim_text)) {
        f->fig_start = q->start;
        f->fig_end = q->end;
    }
}

struct evidence *check_add_evidence(struct finding *f, const char *ref,
                                     int line, const char *snippet,
                                     const struct qty *q)
{
    struct evidence *e;

    f->ev = cc_realloc(f->ev, (f->nev + 1) * sizeof *f->ev);
    e = &f->ev[f->nev++];
    memset(e, 0, sizeof *e);
    snprintf(e->ref, sizeof e->ref, "%s", ref ? ref : "");
    e->line = line;
    e->snippet = cc_strdup(snippet ? snippet : "");
    if (q) {
        e->has_value = true;
        e->value = q->value;
        snprintf(e->unit, sizeof e->unit, "%s", q->unit);
        e->period = q->period;
        e->deadline_year = q->deadline_year;
    }
    return e;
}

void check_set_message(struct finding *f, const char *fmt, ...)
{
    va_list ap;
    char buf[1024];

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    free(f->message);
    f->message = cc_strdup(buf);
}

/* ---- sources and facts ----------------------------------------------- */


static bool reachable(const struct check_source *s)
{
    return s && !s->error && s->status >= 200 && s->status < 400 && s->page &&
           s->facts;
}


/* The sentence of text around [start, end): at most ~200 bytes each side,
 * cut at sentence or paragraph ends, on UTF-8 boundaries.  Caller frees. */
static char *snippet_around(const char *text, size_t start, size_t end)
{
    /* spans come from extraction over text, so end is within it; look no
     * further than the snippet can reach (pages can be megabytes) */
    size_t len = end + strnlen(text + end, 256), a = start, b = end;

    if (start > len)
        return cc_strdup("");
    while (a > 0 && start - a < 200) {
        if (text[a - 1] == '\n')
            break;
        if (a >= 2 && text[a - 1] == ' ' && (text[a - 2] == '.' ||
                                             text[a - 2] == '!' ||
                                             text[a - 2] == '?'))
            break;
        a--;
    }
    while (b < len && b - end < 200) {
        if (text[b] == '\n')
            break;
        if ((text[b] == '.' || text[b] == '!' || text[b] == '?') &&
            (b + 1 == len || text[b + 1] == ' ' || text[b + 1] == '\n')) {
            b++;
            break;
        }
        b++;
    }
    while (a > 0 && ((unsigned char)text[a] & 0xC0) == 0x80)
        a--;
    while (b < len && ((unsigned char)text[b] & 0xC0) == 0x80)
        b++;
    while (a < b && text[a] == ' ')
        a++;
    return cc_strndup(text + a, b - a);
}

static char *fact_snippet(const struct fact_ref *f)
{
    return snippet_around(f->src->fact_text, f->q->start, f->q->end);
}

/* ---- comparing quantities -------------------------------------------- */

/* Same kind of number: unit, level vs rate of change. */
static bool same_kind(const struct qty *a, const struct qty *b)
{
    return a->kind == b->kind && strcmp(a->unit, b->unit) == 0 &&
           a->change == b->change;
}

/* Could the two figures measure the same thing?  Unknown measures are
 * compatible with anything, except for counts, whose noun matters. */
static bool measure_compatible(const struct qty *a, const struct qty *b)
{
    if (a->measure == b->measure)
        return true;
    if (a->kind == QTY_COUNT)
        return false;
    return a->measure == QM_OTHER || b->measure == QM_OTHER;
}

/* Strictly the same quantity: kind, unit and a known, equal measure. */
static bool same_quantity(const struct qty *a, const struct qty *b)
{
    return same_kind(a, b) && a->measure == b->measure &&
           (a->measure != QM_OTHER || a->kind == QTY_PERCENT);
}

/* The claim's wording covers the fact's value, or the fact's wording
 * covers the claim's. */
static bool value_match(const struct qty *claim, const struct qty *fact)
{
    if (claim->change && fact->change && claim->change_sign &&
        fact->change_sign && claim->change_sign != fact->change_sign)
        return false;
    return (fact->value >= claim->lo && fact->value <= claim->hi) ||
           (claim->value >= fact->lo && claim->value <= fact->hi);
}

enum when_rel { WHEN_EQUAL, WHEN_DIFFERENT, WHEN_CLAIM_ONLY, WHEN_UNKNOWN };

/* How the fact's time relates to the claim's: periods for levels and
 * events, deadlines for targets. */
static enum when_rel when_relation(const struct qty *c, const struct qty *f)
{
    if (c->deadline_year) {
        if (f->deadline_year == c->deadline_year)
            return WHEN_EQUAL;
        return f->deadline_year ? WHEN_DIFFERENT : WHEN_CLAIM_ONLY;
    }
    if (!cc_period_set(c->period))
        return WHEN_UNKNOWN;
    if (!cc_period_set(f->period))
        return WHEN_CLAIM_ONLY;
    return cc_period_equal(c->period, f->period) ? WHEN_EQUAL : WHEN_DIFFERENT;
}

/* A claim about an event or a stock (a target set at a meeting, a number
 * of ventures) can be reported during its period; a figure over a period
 * (trade in 2025) only once the period is over. */
static bool event_like(const struct qty *q)
{
    return q->target || q->kind == QTY_COUNT;
}

static struct cc_date source_date(const struct check_source *s)
{
    struct cc_date none = {0, 0, 0};

    if (s->page && cc_date_set(s->page->published))
        return s->page->published;
    if (s->ref && cc_date_valid(s->ref->date))
        return s->ref->date;
    return none;
}

/* ---- sources by label -------------------------------------------------- */

static int src_label_cmp(const void *pa, const void *pb)
{
    const struct check_source *a = *(const struct check_source *const *)pa;
    const struct check_source *b = *(const struct check_source *const *)pb;
    int c = strcmp(a->ref->label, b->ref->label);

    if (c)
        return c;
    return a < b ? -1 : a > b;
}

static void sources_index(struct checker *ck)
{
    ck->by_label = cc_calloc(ck->nsrc ? ck->nsrc : 1, sizeof *ck->by_label);
    for (size_t i = 0; i < ck->nsrc; i++)
        if (ck->src[i].ref)
            ck->by_label[ck->nby_label++] = &ck->src[i];
    qsort(ck->by_label, ck->nby_label, sizeof *ck->by_label, src_label_cmp);
}

/* The first source (in src order) of the reference labelled label. */
static const struct check_source *find_source(const struct checker *ck,
                                              const char *label)
{
    size_t lo = 0, hi = ck->nby_label;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (strcmp(ck->by_label[mid]->ref->label, label) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < ck->nby_label && strcmp(ck->by_label[lo]->ref->label, label) == 0)
        return ck->by_label[lo];
    return NULL;
}

struct finding *check_claim_finding(struct checker *ck, enum finding_kind k,
                                     const char *ref, const struct claim *c)
{
    struct finding *f = add_finding(ck->rep, &ck->cap, k, ref, c->line,
                                    c->s->text);

    finding_set_claim(f, c->q);
    return f;
}

static void evidence_fact(struct finding *f, const struct fact_ref *fr)
{
    char *snip;

    if (f->nev >= CHECK_MAX_EVIDENCE)
        return;
    snip = fact_snippet(fr);

    check_add_evidence(f, fr->src->ref->label, 0, snip, fr->q);
    free(snip);
}

static bool cites(const struct claim *c, const char *label)
{
    for (size_t i = 0; i < c->s->nlabels; i++)
        if (strcmp(c->s->labels[i], label) == 0)
            return true;
    return false;
}

/* Line of the marker of label in the body (end of its sentence), or the
 * reference's own line. */
static int marker_line(const struct doc *d, const struct doc_ref *r,
                       const char **sentence)
{
    for (size_t i = 0; i < d->nsentences; i++) {
        const struct doc_sentence *s = &d->sentences[i];

        for (size_t j = 0; j < s->nlabels; j++) {
            if (strcmp(s->labels[j], r->label) == 0) {
                *sentence = s->text;
                return s->label_lines ? s->label_lines[j]
                                      : doc_sentence_line(s, s->len ? s->len - 1
                                                                    : 0);
            }
        }
    }
    *sentence = NULL;
    return r->line;
}

/* ---- 1. references ----------------------------------------------------- */

static void check_metadata(struct checker *ck, const struct check_source *s,
                           int line, const char *sentence)
{
    const struct doc_ref *r = s->ref;
    const struct page *p = s->page;
    char why[768] = "";
    size_t w = 0;

    if (r->title && p->title) {
        double sim = textsim_words(r->title, p->title);

        if (sim < 0.6 && sim < 0.005)
            w += (size_t)snprintf(why + w, sizeof why - w,
                                  "%sthe footnote's title shares none of its "
                                  "words with the page's title \"%s\"",
                                  w ? "; " : "", p->title);
        else if (sim < 0.6)
            w += (size_t)snprintf(why + w, sizeof why - w,
                                  "%sthe footnote's title shares only %.0f%% "
                                  "of its words with the page's title \"%s\"",
                                  w ? "; " : "", sim * 100, p->title);
    }
    if (r->publisher && w < sizeof why &&
        !textsim_publisher_match(r->publisher, p->site, s->final_url
                                                            ? s->final_url
                                                            : r->url))
        w += (size_t)snprintf(why + w, sizeof why - w,
                              "%sthe footnote names \"%s\" as publisher, but "
                              "the page is published by %s",
                              w ? "; " : "", r->publisher,
                              p->site ? p->site : "another site");
    if (cc_date_set(r->date) && cc_date_set(p->published) && w < sizeof why) {
        bool differ;

        if (r->date.m == 0)
            differ = r->date.y != p->published.y;
        else if (r->date.d == 0)
            differ = r->date.y != p->published.y ||
                     r->date.m != p->published.m;
        else
            differ = labs(cc_date_days(r->date) -
                          cc_date_days(p->published)) > 1;
        if (differ) {
            char a[16], b[16];

            cc_date_fmt(r->date, a, sizeof a);
            cc_date_fmt(p->published, b, sizeof b);
            w += (size_t)snprintf(why + w, sizeof why - w,
                                  "%sthe footnote dates it %s, the page says "
                                  "%s",
                                  w ? "; " : "", a, b);
        }
    }
    if (w) {
        struct finding *f = add_finding(ck->rep, &ck->cap,
                                        FK_METADATA_MISMATCH, r->label, line,
                                        sentence);

        check_set_message(f, "Footnote %s does not match the page it links to: %s.",
                    r->label, why);
    }
}

static void check_references(struct checker *ck)
{
    const struct doc *d = ck->doc;

    for (size_t i = 0; i < d->nrefs; i++) {
        const struct doc_ref *r = &d->refs[i];
        const struct check_source *s = find_source(ck, r->label);
        const char *sentence;
        int line = marker_line(d, r, &sentence);
        struct finding *f;

        if (!r->url && !r->url_error) {
            f = add_finding(ck->rep, &ck->cap, FK_NO_URL, r->label, line,
                            sentence);
            check_set_message(f, "Footnote %s has no URL, so it cannot be checked "
                           "automatically.", r->label);
            continue;
        }
        if (r->url_error) {
            f = add_finding(ck->rep, &ck->cap, FK_UNREACHABLE, r->label, line,
                            sentence);
            check_set_message(f, "Footnote %s (line %d) was not fetched: %s.",
                        r->label, r->url_line ? r->url_line : r->line,
                        r->url_error);
            continue;
        }
        if (!s || s->error || s->status < 200 || s->status >= 400 ||
            !s->page) {
            f = add_finding(ck->rep, &ck->cap, FK_UNREACHABLE, r->label, line,
                            sentence);
            if (!s)
                check_set_message(f, "The source of footnote %s was not fetched.",
                            r->label);
            else if (s->error)
                check_set_message(f, "The source of footnote %s could not be "
                               "fetched: %s.", r->label, s->error);
            else if (s->status < 200 || s->status >= 400)
                check_set_message(f, "The source of footnote %s answered HTTP %ld%s.",
                            r->label, s->status,
                            s->status == 404 || s->status == 410
                                ? " (the page is gone)"
                            : s->status >= 500 ? " (an error on the site's "
                                                 "server)"
                                               : "");
            else
                check_set_message(f, "The source of footnote %s could not be read "
                               "as a page.", r->label);
            continue;
        }
        check_metadata(ck, s, line, sentence);
    }
}

/* ---- 2. claims against sources --------------------------------------- */

struct verdict {
    enum finding_kind kind;
    const struct check_source *src;
    struct fact_ref *ev;         /* evidence facts */
    size_t nev, cap;
    /* A growth rate worked out from two levels of the source (ev[0] for
     * the claimed period, ev[1] for the one before); in percent. */
    bool computed;
    double growth;
    /* not_found: the source's figure for the same quantity over a period
     * that overlaps the claimed one, to say why it does not count. */
    const struct qty *near;
};

static void verdict_add(struct verdict *v, const struct check_source *s,
                        const struct qty *q)
{
    v->ev = cc_grow(v->ev, &v->cap, v->nev + 1, sizeof *v->ev);
    v->ev[v->nev].src = s;
    v->ev[v->nev].q = q;
    v->nev++;
}

/* The period a growth rate is measured against: the one stated, else the
 * same months a year earlier. */
static struct cc_period base_period(const struct qty *c)
{
    struct cc_period b = c->base_period;

    if (cc_period_set(b))
        return b;
    b = c->period;
    b.start.y--;
    b.end.y--;
    if (b.end.m == 2 && b.end.d == 29)
        b.end.d = 28;
    else if (b.end.m == 2 && b.end.d == 28 && c->period.end.d == 28 &&
             cc_date_valid((struct cc_date){b.end.y, 2, 29}))
        b.end.d = 29;
    return b;
}

/* A level (not a rate) of the claim's measure for exactly period p; a
 * level of unknown measure ("it was $1.32 billion") when none names it. */
static const struct qty *level_for(const struct check_source *s,
                                   const struct qty *c, struct cc_period p,
                                   const char *unit)
{
    const enum qty_measure want[2] = {c->measure, QM_OTHER};

    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < s->facts->nq; i++) {
            const struct qty *f = &s->facts->q[i];

            if (f->change || f->target || f->kind == QTY_PERCENT ||
                f->measure != want[pass] || !cc_period_set(f->period) ||
                !cc_period_equal(f->period, p) || !(f->value > 0) ||
                (unit && strcmp(unit, f->unit) != 0))
                continue;
            return f;
        }
    }
    return NULL;
}

/* The claim is a rate of change ("up 5%") and the source gives the level
 * for the claimed period and for the one before: work the rate out.
 * Returns false when the source does not give both. */
static bool judge_growth(const struct claim *c, const struct check_source *s,
                         struct verdict *v)
{
    const struct qty *cq = c->q, *now, *before;
    double lo, hi, clo, chi;

    if (!cq->change || cq->kind != QTY_PERCENT || !cc_period_set(cq->period))
        return false;
    now = level_for(s, cq, cq->period, NULL);
    if (!now)
        return false;
    before = level_for(s, cq, base_period(cq), now->unit);
    if (!before)
        return false;
    v->computed = true;
    v->growth = (now->value / before->value - 1) * 100;
    /* the rates the two figures' rounding allows */
    lo = (now->lo / before->hi - 1) * 100;
    hi = (now->hi / before->lo - 1) * 100;
    clo = cq->change_sign < 0 ? -cq->hi : cq->lo;
    chi = cq->change_sign < 0 ? -cq->lo : cq->hi;
    v->kind = (hi >= clo && lo <= chi) ? FK_SUPPORTED : FK_VALUE_MISMATCH;
    v->nev = 0;
    verdict_add(v, s, now);
    verdict_add(v, s, before);
    return true;
}

/* Judge claim c against one reachable source s. */
static void judge(const struct claim *c, const struct check_source *s,
                  struct verdict *v)
{
    const struct qty *cq = c->q;
    enum finding_kind best = FK_NOT_FOUND;
    static const int rank[FK_COUNT_] = {
        [FK_SUPPORTED] = 5, [FK_PERIOD_UNCONFIRMED] = 4,
        [FK_PERIOD_MISMATCH] = 3, [FK_VALUE_MISMATCH] = 2, [FK_NOT_FOUND] = 1};

    memset(v, 0, sizeof *v);
    v->src = s;
    for (size_t i = 0; i < s->facts->nq; i++) {
        const struct qty *f = &s->facts->q[i];
        enum finding_kind k;

        if (!same_kind(cq, f) || !measure_compatible(cq, f))
            continue;
        if (value_match(cq, f)) {
            switch (when_relation(cq, f)) {
            case WHEN_EQUAL:
            case WHEN_UNKNOWN: k = FK_SUPPORTED; break;
            case WHEN_CLAIM_ONLY: k = FK_PERIOD_UNCONFIRMED; break;
            default: k = FK_PERIOD_MISMATCH; break;
            }
        } else if (same_quantity(cq, f) && !cq->deadline_year &&
                   when_relation(cq, f) == WHEN_EQUAL) {
            k = FK_VALUE_MISMATCH;
        } else {
            if (!v->near && same_quantity(cq, f) && !cq->deadline_year &&
                cc_period_set(cq->period) && cc_period_set(f->period) &&
                cc_period_overlaps(cq->period, f->period))
                v->near = f;
            continue;
        }
        if (rank[k] > rank[best]) {
            best = k;
            v->nev = 0;
        }
        if (k == best)
            verdict_add(v, s, f);
    }
    v->kind = best;
    /* a stated rate of the source outranks one worked out from levels */
    if (best != FK_SUPPORTED && best != FK_VALUE_MISMATCH)
        judge_growth(c, s, v);
}

/* Why fact period fp is not the claimed cp, as a clause: "the source's
 * figure covers January–November 2024 only, not the whole of 2024". */
static void period_why(struct cc_period cp, struct cc_period fp, char *buf,
                       size_t n)
{
    char c[64], f[64];

    cc_period_fmt(cp, c, sizeof c);
    cc_period_fmt(fp, f, sizeof f);
    if (cc_period_contains(cp, fp))
        snprintf(buf, n, "the source's figure covers %s only, not the whole "
                         "of %s", f, c);
    else if (cc_period_contains(fp, cp))
        snprintf(buf, n, "the source's figure covers all of %s, not just %s",
                 f, c);
    else if (cc_period_overlaps(cp, fp))
        snprintf(buf, n, "the source's figure covers %s, which only partly "
                         "overlaps %s", f, c);
    else
        snprintf(buf, n, "the source's figure is for %s, not for %s", f, c);
}

static void message_for_verdict(struct finding *f, const struct claim *c,
                                const struct verdict *v)
{
    char cv[64], cw[96], fv[64], fw[96], why[256];
    const char *label = v->src->ref->label;

    check_format_value(c->q->kind, c->q->unit, c->q->value, cv, sizeof cv);
    check_fmt_when(c->q, cw, sizeof cw);
    if (v->nev) {
        check_format_value(v->ev[0].q->kind, v->ev[0].q->unit,
                           v->ev[0].q->value, fv, sizeof fv);
        check_fmt_when(v->ev[0].q, fw, sizeof fw);
    }
    if (v->computed) {
        char bv[64], bw[96];

        check_format_value(v->ev[1].q->kind, v->ev[1].q->unit,
                           v->ev[1].q->value, bv, sizeof bv);
        check_fmt_when(v->ev[1].q, bw, sizeof bw);
        check_set_message(f, "Source %s gives %s for %s and %s for %s, a change of "
                       "%+.1f%%, which %s the claimed %s%s.",
                    label, fv, fw, bv, bw, v->growth,
                    v->kind == FK_SUPPORTED ? "matches" : "does not match",
                    c->q->change_sign < 0   ? "fall of "
                    : c->q->change_sign > 0 ? "rise of "
                                            : "",
                    cv);
        return;
    }
    switch (v->kind) {
    case FK_SUPPORTED:
        check_set_message(f, "Source %s gives %s (%s), which matches the claim of "
                       "%s (%s).", label, fv, fw, cv, cw);
        break;
    case FK_PERIOD_UNCONFIRMED:
        if (!cc_period_set(v->ev[0].q->period) && !v->ev[0].q->deadline_year)
            check_set_message(f, "Source %s gives %s but does not say for which "
                           "period or by when; the claim says %s.", label, fv,
                        cw);
        else
            check_set_message(f, "Source %s gives %s for %s; the claim says %s.",
                        label, fv, fw, cw);
        break;
    case FK_PERIOD_MISMATCH:
        if (cc_period_set(c->q->period) && cc_period_set(v->ev[0].q->period) &&
            !c->q->deadline_year) {
            period_why(c->q->period, v->ev[0].q->period, why, sizeof why);
            check_set_message(f, "Source %s gives %s, but %s.", label, fv, why);
        } else {
            check_set_message(f, "Source %s gives %s for %s, not for the claimed "
                           "%s.", label, fv, fw, cw);
        }
        break;
    case FK_VALUE_MISMATCH:
        check_set_message(f, "Source %s gives %s for %s, not the claimed %s.", label,
                    fv, fw, cv);
        break;
    default:
        if (v->near) {
            char nv[64];

            check_format_value(v->near->kind, v->near->unit, v->near->value,
                               nv, sizeof nv);
            period_why(c->q->period, v->near->period, why, sizeof why);
            check_set_message(f, "Source %s holds no figure matching %s (%s); its "
                           "figure is %s, and %s.", label, cv, cw, nv, why);
        } else {
            check_set_message(f, "Source %s holds no figure matching %s (%s).",
                        label, cv, cw);
        }
        break;
    }
}

/* End f's message with a pointer to a better reference: "...; footnote 15
 * gives $3.9 billion for 2021 — cite it instead." */
static void suggest_source(struct finding *f, const struct fact_ref *fr)
{
    char v[64], w[96];
    size_t n = f->message ? strlen(f->message) : 0;

    if (n && f->message[n - 1] == '.')
        n--;
    check_format_value(fr->q->kind, fr->q->unit, fr->q->value, v, sizeof v);
    check_fmt_when(fr->q, w, sizeof w);
    {
        char *m = cc_asprintf("%.*s; footnote %s gives %s for %s \u2014 cite "
                              "it instead.", (int)n,
                              f->message ? f->message : "",
                              fr->src->ref->label, v, w);

        free(f->message);
        f->message = m;
    }
}

/* Facts of sources other than the claim's own with the same quantity and
 * period; split by whether their value matches. */
static void other_sources(struct checker *ck, const struct claim *c,
                          struct verdict *agree, struct verdict *differ,
                          struct verdict *same_value_elsewhere)
{
    const struct qty *cq = c->q;
    const struct check_source *cited[8];
    const size_t *cand;
    size_t ncand, ncited = 0;

    memset(agree, 0, sizeof *agree);
    memset(differ, 0, sizeof *differ);
    memset(same_value_elsewhere, 0, sizeof *same_value_elsewhere);
    for (size_t l = 0; l < c->s->nlabels && ncited < 8; l++)
        cited[ncited++] = find_source(ck, c->s->labels[l]);
    /* the facts that can pass either test below, in their original order,
     * all of the claim's kind, unit and change flag */
    ncand = qindex_lookup(ck->qx, cq, QINDEX_VALUE | QINDEX_PERIOD, &cand);
    for (size_t k = 0; k < ncand; k++) {
        const struct fact_ref *fr = &ck->facts[cand[k]];
        const struct qty *f = fr->q;
        bool own = false;

        for (size_t l = 0; l < ncited && !own; l++)
            own = cited[l] == fr->src;
        if (own || (c->s->nlabels > 8 && cites(c, fr->src->ref->label)))
            continue;
        if (!cq->deadline_year && cc_period_set(cq->period) &&
            cc_period_set(f->period) && cc_period_equal(cq->period, f->period) &&
            same_quantity(cq, f)) {
            verdict_add(value_match(cq, f) ? agree : differ, fr->src, f);
        } else if (measure_compatible(cq, f) && value_match(cq, f)) {
            verdict_add(same_value_elsewhere, fr->src, f);
        }
    }
}

static void check_claim(struct checker *ck, const struct claim *c)
{
    const struct qty *cq = c->q;
    struct verdict best = {.kind = FK_NOT_FOUND};
    bool any_judged = false, predates_only = true;
    struct verdict agree, differ, elsewhere;
    struct verdict *judged = NULL;
    size_t njudged = 0;

    /* period_incomplete: a flow over a period that had not ended */
    if (!event_like(cq) && cc_period_set(cq->period) &&
        cc_date_cmp(cq->period.end, ck->as_of) > 0) {
        char cw[96], asof[16];
        struct finding *f = check_claim_finding(ck, FK_PERIOD_INCOMPLETE,
                                          c->s->nlabels ? c->s->labels[0] : "",
                                          c);

        check_fmt_when(cq, cw, sizeof cw);
        cc_date_fmt(ck->as_of, asof, sizeof asof);
        check_set_message(f, "The claim is about %s, which had not ended by the "
                       "article's date (%s), so the figure cannot be final.",
                    cw, asof);
    }
    other_sources(ck, c, &agree, &differ, &elsewhere);
    if (c->s->nlabels == 0) {
        struct finding *f = check_claim_finding(ck, FK_UNCITED_CLAIM, "", c);
        char cv[64];

        check_format_value(cq->kind, cq->unit, cq->value, cv, sizeof cv);
        for (size_t i = 0; i < agree.nev; i++)
            evidence_fact(f, &agree.ev[i]);
        for (size_t i = 0; i < elsewhere.nev; i++)
            evidence_fact(f, &elsewhere.ev[i]);
        if (f->nev)
            check_set_message(f, "The figure %s has no footnote; the article's "
                           "sources hold it in footnote %s.", cv, f->ev[0].ref);
        else
            check_set_message(f, "The figure %s has no footnote and is found in none "
                           "of the article's sources.", cv);
        goto done;
    }
    judged = cc_calloc(c->s->nlabels, sizeof *judged);
    for (size_t l = 0; l < c->s->nlabels; l++) {
        const struct check_source *s = find_source(ck, c->s->labels[l]);
        struct cc_date pub;
        struct verdict v;

        if (!reachable(s))
            continue;
        judge(c, s, &v);
        any_judged = true;
        pub = cc_date_set(cq->period.start) ? source_date(s)
                                            : (struct cc_date){0, 0, 0};
        if (cc_date_set(pub) && !cq->deadline_year &&
            cc_date_cmp(pub, event_like(cq) ? cq->period.start
                                            : cq->period.end) < 0) {
            struct finding *f = check_claim_finding(ck, FK_SOURCE_PREDATES,
                                              s->ref->label, c);
            char cw[96], pd[16];

            check_fmt_when(cq, cw, sizeof cw);
            cc_date_fmt(pub, pd, sizeof pd);
            for (size_t i = 0; i < v.nev; i++)
                evidence_fact(f, &v.ev[i]);
            if (event_like(cq))
                check_set_message(f, "Source %s was published on %s, before %s "
                               "began, so it cannot report what happened "
                               "then.", s->ref->label, pd, cw);
            else
                check_set_message(f, "Source %s was published on %s, before %s was "
                               "over, so it cannot give the figure for it.",
                            s->ref->label, pd, cw);
            free(v.ev);
            continue;
        }
        predates_only = false;
        if (best.src == NULL || (v.kind == FK_SUPPORTED &&
                                 best.kind != FK_SUPPORTED)) {
            free(best.ev);
            best = v;
        } else {
            judged[njudged++] = v;
        }
    }
    if (!any_judged || predates_only)
        goto done;
    if (best.kind == FK_SUPPORTED) {
        struct finding *f = check_claim_finding(ck, FK_SUPPORTED,
                                          best.src->ref->label, c);

        for (size_t i = 0; i < best.nev; i++)
            evidence_fact(f, &best.ev[i]);
        message_for_verdict(f, c, &best);
        if (differ.nev) {
            struct finding *g = check_claim_finding(ck, FK_SOURCES_DISAGREE,
                                              best.src->ref->label, c);
            char fv[64], ov[64], cw[96];

            evidence_fact(g, &best.ev[0]);
            for (size_t i = 0; i < differ.nev; i++)
                evidence_fact(g, &differ.ev[i]);
            check_format_value(best.ev[0].q->kind, best.ev[0].q->unit,
                               best.ev[0].q->value, fv, sizeof fv);
            check_format_value(differ.ev[0].q->kind, differ.ev[0].q->unit,
                               differ.ev[0].q->value, ov, sizeof ov);
            check_fmt_when(cq, cw, sizeof cw);
            check_set_message(g, "The article's sources disagree on %s: footnote "
                           "%s gives %s, footnote %s gives %s \u2014 check "
                           "which one is right.", cw, best.src->ref->label,
                        fv, differ.ev[0].src->ref->label, ov);
        }
    } else {
        /* every judged source failed: report each, then what others say */
        judged[njudged++] = best;
        best.ev = NULL;
        for (size_t j = 0; j < njudged; j++) {
            struct verdict *v = &judged[j];
            struct finding *f = check_claim_finding(ck, v->kind, v->src->ref->label,
                                              c);

            for (size_t i = 0; i < v->nev; i++)
                evidence_fact(f, &v->ev[i]);
            message_for_verdict(f, c, v);
            if (v->kind == FK_PERIOD_UNCONFIRMED) {
                /* point to a source that states the claimed period */
                for (size_t i = 0; i < elsewhere.nev; i++)
                    if (when_relation(cq, elsewhere.ev[i].q) == WHEN_EQUAL)
                        evidence_fact(f, &elsewhere.ev[i]);
            }
            if (v->kind == FK_NOT_FOUND) {
                for (size_t i = 0; i < agree.nev; i++)
                    evidence_fact(f, &agree.ev[i]);
                for (size_t i = 0; i < elsewhere.nev; i++)
                    evidence_fact(f, &elsewhere.ev[i]);
            } else if (agree.nev) {
                evidence_fact(f, &agree.ev[0]);
            }
            if (agree.nev)
                suggest_source(f, &agree.ev[0]);
        }
        if (differ.nev && !agree.nev) {
            struct finding *f = check_claim_finding(ck, FK_CONTRADICTED,
                                              c->s->labels[0], c);
            char cv[64], ov[64], cw[96];

            for (size_t i = 0; i < differ.nev; i++)
                evidence_fact(f, &differ.ev[i]);
            for (size_t i = 0; i < elsewhere.nev; i++)
                evidence_fact(f, &elsewhere.ev[i]);
            check_format_value(cq->kind, cq->unit, cq->value, cv, sizeof cv);
            check_format_value(differ.ev[0].q->kind, differ.ev[0].q->unit,
                               differ.ev[0].q->value, ov, sizeof ov);
            check_fmt_when(cq, cw, sizeof cw);
            if (elsewhere.nev) {
                char ew[96];

                check_fmt_when(elsewhere.ev[0].q, ew, sizeof ew);
                check_set_message(f, "Footnote %s, also cited in this article, gives "
                               "%s for %s, not %s \u2014 cite it instead and "
                               "correct the figure; %s appears in footnote %s "
                               "for %s.",
                            differ.ev[0].src->ref->label, ov, cw, cv, cv,
                            elsewhere.ev[0].src->ref->label, ew);
            } else {
                check_set_message(f, "Footnote %s, also cited in this article, gives "
                               "%s for %s, not %s \u2014 cite it instead and "
                               "correct the figure.",
                            differ.ev[0].src->ref->label, ov, cw, cv);
            }
        }
    }
done:
    free(best.ev);
    for (size_t j = 0; j < njudged; j++)
        free(judged[j].ev);
    free(judged);
    free(agree.ev);
    free(differ.ev);
    free(elsewhere.ev);
}

/* ---- 3. names ---------------------------------------------------------- */

/* A name as a reader knows it: an Uzbek case ending after a surname
 * ending dropped ("Smaiylovning" -> "Smaiylov").  buf >= 1 byte. */
static void name_display(const char *name, char *buf, size_t n)
{
    static const char *const stems[] = {"ov", "ev", "ova", "eva", "in",
                                        "ina", "yev", "yeva"};
    static const char *const ends[] = {"ning", "dan", "ni", "ga", "da"};
    size_t len = strlen(name);

    snprintf(buf, n, "%s", name);
    for (size_t e = 0; e < sizeof ends / sizeof *ends; e++) {
        size_t el = strlen(ends[e]);

        if (len <= el || strcmp(name + len - el, ends[e]) != 0)
            continue;
        for (size_t k = 0; k < sizeof stems / sizeof *stems; k++) {
            size_t sl = strlen(stems[k]);

            if (len - el > sl &&
                strncmp(name + len - el - sl, stems[k], sl) == 0 &&
                len - el < n) {
                buf[len - el] = '\0';
                return;
            }
        }
    }
}

static void check_names(struct checker *ck, const struct doc_sentence *s)
{
    struct person_name names[NAMES_MAX];
    size_t n;

    if (s->nlabels == 0)
        return;
    n = names_find(s->text, s->len, names);
    for (size_t i = 0; i < n; i++) {
        ck->rep->nclaims++;
        for (size_t l = 0; l < s->nlabels; l++) {
            const struct check_source *src = find_source(ck, s->labels[l]);
            const struct page *p;
            struct finding *f;
            size_t at;
            int line;

            if (!reachable(src))
                continue;
            p = src->page;
            if (names_in_text(p->text, p->text_len, names[i].surname) ||
                (p->title && names_in_text(p->title, strlen(p->title),
                                           names[i].surname)))
                continue;
            at = (size_t)(strstr(s->text, names[i].text) - s->text);
            line = doc_sentence_line(s, at);
            f = add_finding(ck->rep, &ck->cap, FK_NAME_NOT_IN_SOURCE,
                            s->labels[l], line, s->text);
            {
                char shown[128];

                name_display(names[i].text, shown, sizeof shown);
                check_set_message(f, "The claim names %s, but source %s never "
                               "mentions this person (in any spelling).",
                            shown, s->labels[l]);
            }
        }
    }
    names_clear(names, n);
}

/* ---- driver ------------------------------------------------------------ */

static int finding_cmp(const void *pa, const void *pb)
{
    const struct finding *a = pa, *b = pb;

    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    return strcmp(a->ref, b->ref);
}

struct cc_date check_default_as_of(const struct doc *doc)
{
    struct cc_date best = {0, 0, 0};

    for (size_t i = 0; i < doc->nrefs; i++) {
        struct cc_date d = doc->refs[i].date;

        if (cc_date_valid(d) && cc_date_cmp(d, best) > 0)
            best = d;
    }
    return cc_date_set(best) ? best : cc_date_today();
}

cc_result check_document(const struct doc *doc, const struct check_source *src,
                         size_t nsrc, struct cc_date as_of,
                         struct check_report *out, char *err, size_t errlen)
{
    struct checker ck;
    struct extract_opts xo;
    size_t ccap = 0, fcap = 0;
    cc_result result = CC_OK;

    memset(out, 0, sizeof *out);
    if (!cc_date_valid(as_of)) {
        cc_errf(err, errlen, "check: the article's date (as_of) is not set");
        return CC_EUSAGE;
    }
    memset(&ck, 0, sizeof ck);
    ck.doc = doc;
    ck.src = src;
    ck.nsrc = nsrc;
    ck.as_of = as_of;
    ck.rep = out;
    sources_index(&ck);
    memset(&xo, 0, sizeof xo);
    xo.ref_date = as_of;

    /* the article's claims */
    ck.sx = cc_calloc(doc->nsentences ? doc->nsentences : 1, sizeof *ck.sx);
    for (size_t i = 0; i < doc->nsentences && result == CC_OK; i++) {
        const struct doc_sentence *s = &doc->sentences[i];

        result = extract_text(s->text, s->len, &xo, &ck.sx[i], err, errlen);
        for (size_t k = 0; result == CC_OK && k < ck.sx[i].nq; k++) {
            ck.claims = cc_grow(ck.claims, &ccap, ck.nclaims + 1,
                                sizeof *ck.claims);
            ck.claims[ck.nclaims].s = s;
            ck.claims[ck.nclaims].q = &ck.sx[i].q[k];
            ck.claims[ck.nclaims].line = doc_sentence_line(s,
                                                           ck.sx[i].q[k].start);
            ck.nclaims++;
        }
    }
    /* every fact of every reachable source */
    for (size_t i = 0; i < nsrc; i++) {
        if (!reachable(&src[i]))
            continue;
        for (size_t k = 0; k < src[i].facts->nq; k++) {
            ck.facts = cc_grow(ck.facts, &fcap, ck.nfacts + 1, sizeof *ck.facts);
            ck.facts[ck.nfacts].src = &src[i];
            ck.facts[ck.nfacts].q = &src[i].facts->q[k];
            ck.nfacts++;
        }
    }
    if (result == CC_OK) {
        ck.fq = cc_calloc(ck.nfacts ? ck.nfacts : 1, sizeof *ck.fq);
        for (size_t i = 0; i < ck.nfacts; i++)
            ck.fq[i] = ck.facts[i].q;
        ck.qx = qindex_new(ck.fq, ck.nfacts);
        check_references(&ck);
        out->nclaims = ck.nclaims;
        for (size_t i = 0; i < ck.nclaims; i++)
            check_claim(&ck, &ck.claims[i]);
        for (size_t i = 0; i < doc->nsentences; i++)
            check_names(&ck, &doc->sentences[i]);
        check_self_internal(&ck);
        check_self_sums(&ck);
        if (out->nf > 1)
            qsort(out->f, out->nf, sizeof *out->f, finding_cmp);
    }
    for (size_t i = 0; i < doc->nsentences; i++)
        extract_result_clear(&ck.sx[i]);
    free(ck.sx);
    free(ck.claims);
    free(ck.facts);
    qindex_free(&ck.qx);
    free(ck.fq);
    free(ck.by_label);
    if (result != CC_OK)
        check_report_clear(out);
    return result;
}

void check_report_clear(struct check_report *r)
{
    for (size_t i = 0; i < r->nf; i++) {
        struct finding *f = &r->f[i];

        free(f->claim_text);
        free(f->message);
        for (size_t e = 0; e < f->nev; e++)
            free(f->ev[e].snippet);
        free(f->ev);
    }
    free(r->f);
    memset(r, 0, sizeof *r);
}
