/*
 * verify/qindex.c -- figures by value and by period.
 *
 * Facts are sorted by (kind, unit, change, value); a claim's range,
 * widened by the widest range a fact may cover, bounds a binary search.
 * The facts are split into tiers by the relative width of their own range
 * so that one "over $1 billion" (which covers up to 1.5x) does not widen
 * every search.  Facts whose range cannot bound a search (zero, negative,
 * wider than 90% of their value) are scanned on every lookup; there are
 * few.  A second order, (kind, unit, change, measure, period), finds the
 * facts for a period whatever their value.
 */
#include "verify/qindex.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define QX_TIERS 4

static const double tier_max[QX_TIERS] = {0.02, 0.1, 0.3, 0.9};

struct qx_tier {
    size_t *idx;
    size_t n;
    double r;                    /* widest relative half-range in the tier */
};

/* Integer form of (kind, unit, change, measure, period) for fast
 * comparison; gid numbers the distinct (kind, unit, change). */
struct pkey {
    long gid, measure, start, end;
};

struct qindex {
    const struct qty *const *q;
    size_t n;
    const struct qty **groups;   /* one figure per distinct group, sorted */
    size_t ngroups;
    struct pkey *pk;             /* pk[i] for q[i] */
    struct qx_tier tier[QX_TIERS];
    size_t *wide;                /* facts no value search can bound */
    size_t nwide;
    size_t *by_period;           /* facts with a period */
    size_t nby_period;
    size_t *out;                 /* the last lookup's result */
    size_t nout, outcap;
};

static int group_cmp(const struct qty *a, const struct qty *b)
{
    int c;

    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if ((c = strcmp(a->unit, b->unit)) != 0)
        return c;
    if (a->change != b->change)
        return a->change < b->change ? -1 : 1;
    return 0;
}

static int by_value_cmp(const void *pa, const void *pb, void *arg)
{
    const struct qty *const *q = arg;
    size_t ia = *(const size_t *)pa, ib = *(const size_t *)pb;
    int c = group_cmp(q[ia], q[ib]);

    if (c)
        return c;
    if (q[ia]->value != q[ib]->value)
        return q[ia]->value < q[ib]->value ? -1 : 1;
    return ia < ib ? -1 : ia > ib;
}

static int pkey_cmp(const struct pkey *a, const struct pkey *b)
{
    if (a->gid != b->gid)
        return a->gid < b->gid ? -1 : 1;
    if (a->measure != b->measure)
        return a->measure < b->measure ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    return 0;
}

static int by_period_cmp(const void *pa, const void *pb, void *arg)
{
    const struct pkey *pk = arg;
    size_t ia = *(const size_t *)pa, ib = *(const size_t *)pb;
    int c = pkey_cmp(&pk[ia], &pk[ib]);

    if (c)
        return c;
    return ia < ib ? -1 : ia > ib;
}

static int group_ptr_cmp(const void *pa, const void *pb)
{
    return group_cmp(*(const struct qty *const *)pa,
                     *(const struct qty *const *)pb);
}

/* Number of c's group, or -1 when no fact has it. */
static long group_id(const struct qindex *x, const struct qty *c)
{
    size_t lo = 0, hi = x->ngroups;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int k = group_cmp(x->groups[mid], c);

        if (k == 0)
            return (long)mid;
        if (k < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static void make_key(struct pkey *k, long gid, const struct qty *q)
{
    k->gid = gid;
    k->measure = q->measure;
    k->start = cc_date_days(q->period.start);
    k->end = cc_date_days(q->period.end);
}

/* Relative half-width of the range a figure covers; HUGE_VAL when it
 * cannot bound a search. */
static double rel_width(const struct qty *q)
{
    double w;

    if (!(q->value > 0) || !isfinite(q->value) || !isfinite(q->lo) ||
        !isfinite(q->hi))
        return HUGE_VAL;
    w = fmax(q->value - q->lo, q->hi - q->value) / q->value;
    return w > 0 ? w : 0;
}

struct qindex *qindex_new(const struct qty *const *q, size_t n)
{
    struct qindex *x = cc_calloc(1, sizeof *x);
    size_t cap = n ? n : 1;

    x->q = q;
    x->n = n;
    for (int t = 0; t < QX_TIERS; t++)
        x->tier[t].idx = cc_calloc(cap, sizeof(size_t));
    x->wide = cc_calloc(cap, sizeof(size_t));
    x->by_period = cc_calloc(cap, sizeof(size_t));
    for (size_t i = 0; i < n; i++) {
        double r = rel_width(q[i]);
        int t = 0;

        while (t < QX_TIERS && !(r <= tier_max[t]))
            t++;
        if (t == QX_TIERS) {
            x->wide[x->nwide++] = i;
        } else {
            x->tier[t].idx[x->tier[t].n++] = i;
            x->tier[t].r = fmax(x->tier[t].r, r);
        }
        if (cc_period_set(q[i]->period))
            x->by_period[x->nby_period++] = i;
    }
    for (int t = 0; t < QX_TIERS; t++)
        qsort_r(x->tier[t].idx, x->tier[t].n, sizeof(size_t), by_value_cmp,
                (void *)q);
    /* groups, then the integer period keys */
    x->groups = cc_calloc(cap, sizeof *x->groups);
    for (size_t i = 0; i < n; i++)
        x->groups[i] = q[i];
    qsort(x->groups, n, sizeof *x->groups, group_ptr_cmp);
    for (size_t i = 0; i < n; i++)
        if (x->ngroups == 0 || group_cmp(x->groups[x->ngroups - 1], q[i]) != 0)
            x->groups[x->ngroups++] = x->groups[i];
    x->pk = cc_calloc(cap, sizeof *x->pk);
    for (size_t i = 0; i < n; i++)
        if (cc_period_set(q[i]->period))
            make_key(&x->pk[i], group_id(x, q[i]), q[i]);
    qsort_r(x->by_period, x->nby_period, sizeof(size_t), by_period_cmp,
            x->pk);
    return x;
}

void qindex_free(struct qindex **xp)
{
    struct qindex *x = *xp;

    if (!x)
        return;
    for (int t = 0; t < QX_TIERS; t++)
        free(x->tier[t].idx);
    free(x->wide);
    free(x->by_period);
    free(x->groups);
    free(x->pk);
    free(x->out);
    free(x);
    *xp = NULL;
}

static void push(struct qindex *x, size_t i)
{
    x->out = cc_grow(x->out, &x->outcap, x->nout + 1, sizeof(size_t));
    x->out[x->nout++] = i;
}

/* First position in idx[0..n) not below (group of c, v). */
static size_t lower_bound_value(const struct qty *const *q, const size_t *idx,
                                size_t n, const struct qty *c, double v)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct qty *f = q[idx[mid]];
        int k = group_cmp(f, c);

        if (k < 0 || (k == 0 && f->value < v))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* A fact f matches when f->value is in [c->lo, c->hi], or when c->value is
 * in [f->lo, f->hi] ⊆ [f->value (1 - r), f->value (1 + r)], i.e. f->value
 * is in [c->value / (1 + r), c->value / (1 - r)]. */
static void lookup_value(struct qindex *x, const struct qty *c)
{
    for (int t = 0; t < QX_TIERS; t++) {
        const struct qx_tier *tr = &x->tier[t];
        double lo = -HUGE_VAL, hi = HUGE_VAL;
        size_t p;

        if (tr->n == 0)
            continue;
        if (c->value > 0 && isfinite(c->value) && isfinite(c->lo) &&
            isfinite(c->hi)) {
            lo = fmin(c->lo, c->value / (1 + tr->r));
            hi = fmax(c->hi, c->value / (1 - tr->r));
            lo -= fabs(lo) * 1e-9;
            hi += fabs(hi) * 1e-9;
        }
        p = lower_bound_value(x->q, tr->idx, tr->n, c, lo);
        for (; p < tr->n; p++) {
            const struct qty *f = x->q[tr->idx[p]];

            if (group_cmp(f, c) != 0 || f->value > hi)
                break;
            push(x, tr->idx[p]);
        }
    }
    for (size_t i = 0; i < x->nwide; i++)
        if (group_cmp(x->q[x->wide[i]], c) == 0)
            push(x, x->wide[i]);
}

static void lookup_period(struct qindex *x, const struct qty *c)
{
    size_t lo = 0, hi = x->nby_period;
    struct pkey key;
    long gid;

    if (!cc_period_set(c->period) || (gid = group_id(x, c)) < 0)
        return;
    make_key(&key, gid, c);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (pkey_cmp(&x->pk[x->by_period[mid]], &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < x->nby_period; lo++) {
        if (pkey_cmp(&x->pk[x->by_period[lo]], &key) != 0)
            break;
        push(x, x->by_period[lo]);
    }
}

static int size_cmp(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;

    return a < b ? -1 : a > b;
}

size_t qindex_lookup(struct qindex *x, const struct qty *c, unsigned what,
                     const size_t **out)
{
    size_t nv, np, o = 0, i = 0, j;

    x->nout = 0;
    if (what & QINDEX_VALUE)
        lookup_value(x, c);
    nv = x->nout;
    if (nv > 1)
        qsort(x->out, nv, sizeof(size_t), size_cmp);
    if (what & QINDEX_PERIOD)
        lookup_period(x, c);  /* appended in ascending order */
    np = x->nout - nv;
    /* merge the two ascending parts into a third, without repeats */
    x->out = cc_grow(x->out, &x->outcap, x->nout * 2 + 1, sizeof(size_t));
    j = nv;
    while (i < nv || j < nv + np) {
        size_t v;

        if (j == nv + np || (i < nv && x->out[i] <= x->out[j]))
            v = x->out[i++];
        else
            v = x->out[j++];
        if (o == 0 || x->out[x->nout + o - 1] != v)
            x->out[x->nout + o++] = v;
    }
    *out = x->out + x->nout;
    return o;
}
