/*
 * verify/check_int.h -- what the checker's files (check.c: references and
 * claims against sources; check_self.c: the article against itself)
 * share.  Not for use outside verify/check*.c.
 */
#ifndef CC_VERIFY_CHECK_INT_H
#define CC_VERIFY_CHECK_INT_H

#include "verify/check.h"

struct qindex;

/* One figure of one reachable source (both borrowed). */
struct fact_ref {
    const struct check_source *src;
    const struct qty *q;
};

/* One figure of the article, in its sentence (borrowed). */
struct claim {
    const struct doc_sentence *s;
    const struct qty *q;
    int line;
};

/* The state of one check_document() run. */
struct checker {
    const struct doc *doc;
    const struct check_source *src;
    size_t nsrc;
    struct cc_date as_of;
    struct check_report *rep;
    size_t cap;                  /* of rep->f */
    struct extract_result *sx;   /* per sentence */
    struct claim *claims;        /* a sentence's claims are contiguous */
    size_t nclaims;
    struct fact_ref *facts;      /* every fact of every reachable source */
    size_t nfacts;
    const struct qty **fq;       /* facts[i].q, for the index */
    struct qindex *qx;           /* facts by value and by period */
    const struct check_source **by_label;  /* sources sorted by label */
    size_t nby_label;
};

/* Append a finding of kind k about claim c, cited as ref ("" for none);
 * the pointer is valid until the next finding is added. */
struct finding *check_claim_finding(struct checker *ck, enum finding_kind k,
                                    const char *ref, const struct claim *c);

/* Append evidence to f: from footnote ref ("" for the article itself,
 * then line is the article's line), with a copy of snippet and q's value
 * and period when q is not NULL. */
struct evidence *check_add_evidence(struct finding *f, const char *ref,
                                    int line, const char *snippet,
                                    const struct qty *q);

/* Set f's message (one sentence, at most 1 KiB), replacing any. */
void check_set_message(struct finding *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* When a figure applies, for messages: "January–November 2024", "by
 * 2030", "no stated period". */
void check_fmt_when(const struct qty *q, char *buf, size_t n);

/* check_self.c: one figure for two periods or two figures for one
 * (internal_conflict); parts against totals (sum_mismatch). */
void check_self_internal(struct checker *ck);
void check_self_sums(struct checker *ck);

#endif
