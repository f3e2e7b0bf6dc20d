/*
 * verify/qindex.h -- an index of extracted figures by value and by period,
 * so that the checker compares a claim with the few facts that can match
 * it instead of with every fact of every source.
 */
#ifndef CC_VERIFY_QINDEX_H
#define CC_VERIFY_QINDEX_H

#include "common/cc.h"
#include "verify/extract.h"

struct qindex;

/* Lookups (flags of qindex_lookup). */
#define QINDEX_VALUE  1u  /* facts whose value range may meet the claim's */
#define QINDEX_PERIOD 2u  /* facts of the claim's measure and period */

/* Index q[0..n) (borrowed: the array and the figures must outlive the
 * index).  Caller frees with qindex_free(). */
struct qindex *qindex_new(const struct qty *const *q, size_t n);

void qindex_free(struct qindex **x);

/* Positions in q of the facts of the same kind, unit and change flag as
 * claim c that the asked lookups find: QINDEX_VALUE returns a superset of
 * the facts f for which f->value is in [c->lo, c->hi] or c->value is in
 * [f->lo, f->hi]; QINDEX_PERIOD the facts with c's measure and exactly
 * c's period (none when c has no period).  The result is ascending and
 * free of repeats; *out is borrowed until the next lookup or qindex_free.
 * Returns the count. */
size_t qindex_lookup(struct qindex *x, const struct qty *c, unsigned what,
                     const size_t **out);

#endif
