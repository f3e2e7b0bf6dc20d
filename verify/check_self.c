/*
 * verify/check_self.c -- the article against itself: one figure given for
 * two periods or two figures for one period (internal_conflict), and
 * stated parts that do not add up to the stated total (sum_mismatch).
 * Both look only at the claims they can concern, so a long article costs
 * n log n, not n squared.
 */
#include "verify/check_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static bool level_claim(const struct qty *q)
{
    return !q->target && !q->deadline_year && !q->change &&
           cc_period_set(q->period);
}

static bool same_figure(const struct qty *a, const struct qty *b)
{
    return a->qual == b->qual &&
           fabs(a->value - b->value) <= 1e-9 * fabs(a->value);
}

static void internal_finding(struct checker *ck, const struct claim *a,
                             const struct claim *b, bool match)
{
    struct finding *f;
    char av[64], bv[64], aw[96], bw[96];

    f = check_claim_finding(ck, FK_INTERNAL_CONFLICT,
                      b->s->nlabels ? b->s->labels[0] : "", b);
    check_add_evidence(f, "", a->line, a->s->text, a->q);
    check_format_value(a->q->kind, a->q->unit, a->q->value, av, sizeof av);
    check_format_value(b->q->kind, b->q->unit, b->q->value, bv, sizeof bv);
    check_fmt_when(a->q, aw, sizeof aw);
    check_fmt_when(b->q, bw, sizeof bw);
    if (match)
        check_set_message(f, "The article gives %s for %s here, but the same figure "
                       "for %s on line %d; one of the two periods must be "
                       "wrong.", bv, bw, aw, a->line);
    else
        check_set_message(f, "The article gives %s for %s here, but %s for the same "
                       "period on line %d; one of the two figures must be "
                       "wrong.", bv, bw, av, a->line);
}

/* Orders by what is measured: kind, unit, measure. */
static int quantity_cmp(const struct qty *a, const struct qty *b)
{
    int c;

    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if ((c = strcmp(a->unit, b->unit)) != 0)
        return c;
    if (a->measure != b->measure)
        return a->measure < b->measure ? -1 : 1;
    return 0;
}

/* Same quantity (kind, unit, known measure) first, then by period, by
 * figure, by position. */
static int internal_cmp(const void *pa, const void *pb, void *arg)
{
    const struct claim *claims = arg;
    size_t ia = *(const size_t *)pa, ib = *(const size_t *)pb;
    const struct qty *a = claims[ia].q, *b = claims[ib].q;
    int c;

    if ((c = quantity_cmp(a, b)) != 0)
        return c;
    if ((c = cc_date_cmp(a->period.start, b->period.start)) != 0)
        return c;
    if ((c = cc_date_cmp(a->period.end, b->period.end)) != 0)
        return c;
    if (a->value != b->value)
        return a->value < b->value ? -1 : 1;
    if (a->qual != b->qual)
        return a->qual < b->qual ? -1 : 1;
    return ia < ib ? -1 : ia > ib;
}

static int figure_cmp(const void *pa, const void *pb, void *arg)
{
    const struct claim *claims = arg;
    size_t ia = *(const size_t *)pa, ib = *(const size_t *)pb;
    const struct qty *a = claims[ia].q, *b = claims[ib].q;
    int c;

    if ((c = quantity_cmp(a, b)) != 0)
        return c;
    if (a->qual != b->qual)
        return a->qual < b->qual ? -1 : 1;
    if (a->value != b->value)
        return a->value < b->value ? -1 : 1;
    if ((c = cc_date_cmp(a->period.start, b->period.start)) != 0)
        return c;
    if ((c = cc_date_cmp(a->period.end, b->period.end)) != 0)
        return c;
    return ia < ib ? -1 : ia > ib;
}

static bool same_group(const struct qty *a, const struct qty *b)
{
    return a->kind == b->kind && strcmp(a->unit, b->unit) == 0 &&
           a->measure == b->measure;
}

struct member {
    size_t idx;                  /* claim index */
    size_t run;                  /* run within the group */
};

static int member_cmp(const void *pa, const void *pb)
{
    const struct member *a = pa, *b = pb;

    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Report each claim of a group (m[0..n), any order) against the earliest
 * claim of another run before it (in another sentence when !match). */
static void conflicts_in_group(struct checker *ck, struct member *m, size_t n,
                               bool match)
{
    qsort(m, n, sizeof *m, member_cmp);
    for (size_t bi = 0; bi < n; bi++) {
        const struct claim *b = &ck->claims[m[bi].idx];
        size_t skipped = 0;

        /* the same figure repeated many times in one run would make this
         * quadratic: give up after a few */
        for (size_t ai = 0; ai < bi && skipped < 64; ai++) {
            const struct claim *a = &ck->claims[m[ai].idx];

            if (m[ai].run == m[bi].run || (!match && a->s == b->s)) {
                skipped++;
                continue;
            }
            internal_finding(ck, a, b, match);
            break;
        }
    }
}

/*
 * One figure for two periods, or two figures for one period.  Level claims
 * of one quantity are sorted by period, then figure (pass 0), and by
 * figure, then period (pass 1).  In pass 0 a group is one period and its
 * runs are figures: claims of two runs give two figures for one period
 * (unless they stand side by side in one sentence).  In pass 1 a group is
 * one figure and its runs periods.  Each claim is reported once per pass,
 * against the earliest claim it conflicts with.
 */
void check_self_internal(struct checker *ck)
{
    size_t cap = ck->nclaims ? ck->nclaims : 1;
    size_t *ix = cc_calloc(cap, sizeof *ix);
    struct member *m = cc_calloc(cap, sizeof *m);
    size_t n = 0;

    for (size_t i = 0; i < ck->nclaims; i++) {
        const struct qty *q = ck->claims[i].q;

        if (level_claim(q) && (q->measure != QM_OTHER || q->kind == QTY_PERCENT))
            ix[n++] = i;
    }
    for (int pass = 0; pass < 2; pass++) {
        qsort_r(ix, n, sizeof *ix, pass == 0 ? internal_cmp : figure_cmp,
                ck->claims);
        for (size_t g = 0; g < n;) {
            size_t ge = g + 1, nruns = 1;
            const struct qty *gq = ck->claims[ix[g]].q;

            while (ge < n) {
                const struct qty *q = ck->claims[ix[ge]].q;

                if (!same_group(gq, q) ||
                    (pass == 0 ? !cc_period_equal(gq->period, q->period)
                               : !same_figure(gq, q)))
                    break;
                ge++;
            }
            m[0].idx = ix[g];
            m[0].run = 0;
            for (size_t k = g + 1; k < ge; k++) {
                const struct qty *p = ck->claims[ix[k - 1]].q;
                const struct qty *q = ck->claims[ix[k]].q;

                if (pass == 0 ? !same_figure(p, q)
                              : !cc_period_equal(p->period, q->period))
                    nruns++;
                m[k - g].idx = ix[k];
                m[k - g].run = nruns - 1;
            }
            if (nruns > 1)
                conflicts_in_group(ck, m, ge - g, pass == 1);
            g = ge;
        }
    }
    free(ix);
    free(m);
}

/* Parts (exports, imports) against the total (trade) in one sentence. */
void check_self_sums(struct checker *ck)
{
    for (size_t t = 0; t < ck->nclaims; t++) {
        const struct claim *tot = &ck->claims[t];
        const struct claim *ex = NULL, *im = NULL;
        size_t k = t;

        if (tot->q->kind != QTY_MONEY || tot->q->measure != QM_TRADE ||
            tot->q->change)
            continue;
        /* a sentence's claims are contiguous: look only at its own */
        while (k > 0 && ck->claims[k - 1].s == tot->s)
            k--;
        for (; k < ck->nclaims && ck->claims[k].s == tot->s; k++) {
            const struct claim *p = &ck->claims[k];

            if (strcmp(p->q->unit, tot->q->unit) != 0 ||
                !cc_period_equal(p->q->period, tot->q->period) || p->q->change)
                continue;
            if (p->q->measure == QM_EXPORT && !ex)
                ex = p;
            if (p->q->measure == QM_IMPORT && !im)
                im = p;
        }
        if (ex && im) {
            double lo = ex->q->lo + im->q->lo, hi = ex->q->hi + im->q->hi;

            if (hi < tot->q->lo || lo > tot->q->hi) {
                struct finding *f = check_claim_finding(
                    ck, FK_SUM_MISMATCH,
                    tot->s->nlabels ? tot->s->labels[0] : "", tot);
                char tv[64], sv[64];

                check_add_evidence(f, "", ex->line, ex->s->text, ex->q);
                check_add_evidence(f, "", im->line, im->s->text, im->q);
                check_format_value(QTY_MONEY, tot->q->unit, tot->q->value, tv,
                                   sizeof tv);
                char xv[64], iv[64];

                check_format_value(QTY_MONEY, tot->q->unit,
                                   ex->q->value + im->q->value, sv, sizeof sv);
                check_format_value(QTY_MONEY, ex->q->unit, ex->q->value, xv,
                                   sizeof xv);
                check_format_value(QTY_MONEY, im->q->unit, im->q->value, iv,
                                   sizeof iv);
                check_set_message(f, "Exports (%s) and imports (%s) add up to %s, "
                               "not the stated total of %s.", xv, iv, sv, tv);
            }
        }
    }
}
