/* Unit tests: verify/qindex.c -- the value and period index must find
 * every fact a scan of all facts would (a superset for values, exactly
 * for periods), in ascending order without repeats. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verify/qindex.h"

static unsigned long long state = 0x9E3779B97F4A7C15ULL;

static unsigned rnd(unsigned n)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (unsigned)(state % n);
}

static const char *const units[] = {"USD", "KZT", "count", "percent"};

/* A random figure: value with a range of random width (exact, approx,
 * over, under, zero, negative), kind/unit/change/measure/period random. */
static void random_qty(struct qty *q)
{
    static const double widths[] = {0, 0.005, 0.05, 0.1, 0.5, 1.0, 2.0};
    double w = widths[rnd(7)];
    int u = (int)rnd(4);

    memset(q, 0, sizeof *q);
    q->kind = u < 2 ? QTY_MONEY : u == 2 ? QTY_COUNT : QTY_PERCENT;
    snprintf(q->unit, sizeof q->unit, "%s", units[u]);
    q->change = q->kind == QTY_PERCENT && rnd(2);
    q->measure = (enum qty_measure)rnd(3);
    q->value = rnd(20) == 0 ? -(double)rnd(100) : (double)(1 + rnd(1000)) * 1e6;
    if (rnd(30) == 0)
        q->value = 0;
    switch (rnd(3)) {
    case 0: q->lo = q->value - w * q->value; q->hi = q->value + w * q->value; break;
    case 1: q->lo = q->value; q->hi = q->value * (1 + w); break;
    default: q->lo = q->value * (1 - w); q->hi = q->value; break;
    }
    if (q->lo > q->hi) {
        double t = q->lo;

        q->lo = q->hi;
        q->hi = t;
    }
    if (rnd(4)) {
        int y = 2019 + (int)rnd(4);

        q->period = rnd(2) ? cc_period_year(y) : cc_period_months(y, 1, 6);
    }
}

static bool value_hit(const struct qty *c, const struct qty *f)
{
    return (f->value >= c->lo && f->value <= c->hi) ||
           (c->value >= f->lo && c->value <= f->hi);
}

static bool same_group(const struct qty *a, const struct qty *b)
{
    return a->kind == b->kind && strcmp(a->unit, b->unit) == 0 &&
           a->change == b->change;
}

static bool in(const size_t *v, size_t n, size_t x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == x)
            return true;
    return false;
}

START_TEST(test_superset_and_order)
{
    enum { NF = 3000, NC = 400 };
    struct qty *facts = calloc(NF, sizeof *facts), claim;
    const struct qty **ptrs = calloc(NF, sizeof *ptrs);
    struct qindex *x;

    for (size_t i = 0; i < NF; i++) {
        random_qty(&facts[i]);
        ptrs[i] = &facts[i];
    }
    x = qindex_new(ptrs, NF);
    for (int c = 0; c < NC; c++) {
        const size_t *out;
        size_t n;

        random_qty(&claim);
        n = qindex_lookup(x, &claim, QINDEX_VALUE | QINDEX_PERIOD, &out);
        for (size_t i = 1; i < n; i++)
            ck_assert_uint_lt(out[i - 1], out[i]);
        for (size_t i = 0; i < NF; i++) {
            const struct qty *f = &facts[i];
            bool want = same_group(&claim, f) &&
                        (value_hit(&claim, f) ||
                         (cc_period_set(claim.period) &&
                          cc_period_set(f->period) &&
                          cc_period_equal(claim.period, f->period) &&
                          f->measure == claim.measure));

            if (want)
                ck_assert_msg(in(out, n, i), "claim %d misses fact %zu", c, i);
        }
        /* the period lookup alone is exact */
        n = qindex_lookup(x, &claim, QINDEX_PERIOD, &out);
        for (size_t i = 0; i < NF; i++) {
            const struct qty *f = &facts[i];
            bool want = same_group(&claim, f) && cc_period_set(claim.period) &&
                        cc_period_set(f->period) &&
                        cc_period_equal(claim.period, f->period) &&
                        f->measure == claim.measure;

            ck_assert_int_eq(want, in(out, n, i));
        }
    }
    qindex_free(&x);
    ck_assert_ptr_null(x);
    free(ptrs);
    free(facts);
}
END_TEST

START_TEST(test_empty)
{
    struct qindex *x = qindex_new(NULL, 0);
    struct qty c;
    const size_t *out;

    memset(&c, 0, sizeof c);
    c.value = c.lo = c.hi = 5;
    snprintf(c.unit, sizeof c.unit, "USD");
    ck_assert_uint_eq(qindex_lookup(x, &c, QINDEX_VALUE | QINDEX_PERIOD, &out),
                      0);
    qindex_free(&x);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("qindex");
    TCase *tc = tcase_create("lookup");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, test_superset_and_order);
    tcase_add_test(tc, test_empty);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
