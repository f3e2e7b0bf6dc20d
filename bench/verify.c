/*
 * bench/verify.c -- speed of the checker (issue 5, item 6): 10,000 claims
 * against the facts of 1,000 sources must be judged in under a second.
 *
 * usage: verify [CLAIMS [SOURCES [FACTS_PER_SOURCE]]]   (10000 1000 20)
 *
 * Generates an article of CLAIMS sentences, each a figure with a period
 * and a measure and one footnote marker (footnotes cycle over SOURCES
 * references), and SOURCES pages of FACTS_PER_SOURCE figures each, some
 * equal to claims, some near, some for other periods.  The article is
 * parsed and the pages' facts are extracted before the clock starts;
 * check_document() is then timed whole, in CPU time so that a loaded
 * machine does not fail it (it also extracts the figures of
 * the article's sentences, timed separately below for reference).
 * Deterministic: a fixed-seed generator.
 */
#include "common/cc.h"
#include "parser/document.h"
#include "parser/page.h"
#include "verify/check.h"
#include "verify/extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double clock_s(clockid_t id)
{
    struct timespec ts;

    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now(void)
{
    return clock_s(CLOCK_MONOTONIC);
}

/* CPU time of this process: what counts on a loaded machine. */
static double cpu(void)
{
    return clock_s(CLOCK_PROCESS_CPUTIME_ID);
}

static unsigned long long rng_state = 88172645463325252ULL;

static unsigned rnd(unsigned n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned)(rng_state % n);
}

static const char *const measures[] = {
    "trade turnover", "exports", "imports", "investment",
};

static const char *const units[] = {"million", "billion"};

static const char *const months[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
};

static const char *const quarters[] = {"first", "second", "third", "fourth"};

/* One figure sentence over a year, a quarter or a run of months, as
 * statistics are published: "In 2019 exports reached $4.37 billion", "In
 * the third quarter of 2019 ...", "In January–May 2019 ...".  p < 16
 * picks the period: 0 the year, 1-4 a quarter, 5-15 January to February
 * ... December. */
static void figure(struct cc_buf *b, int year, unsigned p, unsigned m,
                   unsigned v, unsigned scale)
{
    if (p == 0)
        cc_buf_printf(b, "In %d", year);
    else if (p <= 4)
        cc_buf_printf(b, "In the %s quarter of %d", quarters[p - 1], year);
    else
        cc_buf_printf(b, "In January\u2013%s %d", months[p - 4], year);
    cc_buf_printf(b, " %s reached $%u.%02u %s", measures[m], v / 100, v % 100,
                  units[scale]);
}

/* A random period: the year half the time, else a quarter or months. */
static unsigned rnd_period(void)
{
    return rnd(2) ? 0 : 1 + rnd(15);
}

static int bench_args(int argc, char **argv, long *claims, long *sources,
                      long *facts)
{
    long *out[3] = {claims, sources, facts};

    for (int i = 1; i < argc && i <= 3; i++) {
        char *end;
        long v = strtol(argv[i], &end, 10);

        if (*end || v <= 0 || v > 1000000) {
            fprintf(stderr, "verify: bad number '%s'\n", argv[i]);
            return -1;
        }
        *out[i - 1] = v;
    }
    return 0;
}

int main(int argc, char **argv)
{
    long nclaims = 10000, nsrc = 1000, nfacts = 20;
    struct cc_buf art, page;
    struct doc *doc = NULL;
    struct page *pages;
    struct extract_result *facts;
    char **fact_text;
    struct check_source *src;
    struct check_report rep;
    struct extract_opts xo;
    struct cc_date as_of = {2025, 6, 1};
    char err[CC_ERRLEN];
    double t0, c0, t_check, c_check, t_claims = 0;
    size_t total_facts = 0;
    int rc = 0;

    if (bench_args(argc, argv, &nclaims, &nsrc, &nfacts) != 0)
        return 2;
    memset(&xo, 0, sizeof xo);
    xo.ref_date = as_of;

    /* the article */
    cc_buf_init(&art, (size_t)1 << 30);
    for (long i = 0; i < nclaims; i++) {
        figure(&art, 2010 + (int)rnd(15), rnd_period(), rnd(4),
               100 + rnd(900), rnd(2));
        cc_buf_printf(&art, ", the report said %ld.\n\n", 1 + i % nsrc);
    }
    for (long r = 1; r <= nsrc; r++)
        cc_buf_printf(&art, "%ld Trade report %ld, Example News, 5 Jan 2025. "
                            "https://example.org/report/%ld\n", r, r, r);
    if (doc_parse_text("bench.txt", art.data, art.len, &doc, err,
                       sizeof err) != CC_OK) {
        fprintf(stderr, "verify: %s\n", err);
        return 3;
    }

    /* the sources and their facts */
    pages = cc_calloc((size_t)nsrc, sizeof *pages);
    facts = cc_calloc((size_t)nsrc, sizeof *facts);
    fact_text = cc_calloc((size_t)nsrc, sizeof *fact_text);
    src = cc_calloc((size_t)nsrc, sizeof *src);
    cc_buf_init(&page, (size_t)1 << 24);
    for (long s = 0; s < nsrc && s < (long)doc->nrefs; s++) {
        cc_buf_reset(&page);
        cc_buf_printf(&page, "Trade report %ld\n\n", s + 1);
        for (long k = 0; k < nfacts; k++) {
            figure(&page, 2010 + (int)rnd(15), rnd_period(), rnd(4),
                   100 + rnd(900), rnd(2));
            cc_buf_printf(&page, ". ");
        }
        fact_text[s] = cc_strndup(page.data, page.len);
        pages[s].title = cc_asprintf("Trade report %ld", s + 1);
        pages[s].site = cc_strdup("Example News");
        pages[s].text = fact_text[s];
        pages[s].text_len = page.len;
        pages[s].published = (struct cc_date){2025, 1, 5};
        if (extract_text(fact_text[s], page.len, &xo, &facts[s], err,
                         sizeof err) != CC_OK) {
            fprintf(stderr, "verify: %s\n", err);
            return 3;
        }
        total_facts += facts[s].nq;
        src[s].ref = &doc->refs[s];
        src[s].status = 200;
        src[s].page = &pages[s];
        src[s].facts = &facts[s];
        src[s].fact_text = fact_text[s];
    }

    /* for reference: the share of check_document spent reading claims */
    t0 = now();
    for (size_t i = 0; i < doc->nsentences; i++) {
        struct extract_result x;

        memset(&x, 0, sizeof x);
        extract_text(doc->sentences[i].text, doc->sentences[i].len, &xo, &x,
                     err, sizeof err);
        extract_result_clear(&x);
    }
    t_claims = now() - t0;

    t0 = now();
    c0 = cpu();
    if (check_document(doc, src, (size_t)nsrc, as_of, &rep, err,
                       sizeof err) != CC_OK) {
        fprintf(stderr, "verify: %s\n", err);
        return 3;
    }
    t_check = now() - t0;
    c_check = cpu() - c0;
    printf("verify: %zu claims x %zu facts of %ld sources: %.3f s CPU "
           "(%.3f s wall; reading the claims' sentences alone takes %.3f s "
           "wall); %zu findings (%zu error, %zu warning, %zu info)\n",
           rep.nclaims, total_facts, nsrc, c_check, t_check, t_claims, rep.nf,
           rep.count[SEV_ERROR], rep.count[SEV_WARNING], rep.count[SEV_INFO]);
    if (c_check >= 1.0) {
        printf("verify: FAIL: over one second\n");
        rc = 1;
    }
    check_report_clear(&rep);
    for (long s = 0; s < nsrc; s++) {
        extract_result_clear(&facts[s]);
        free(pages[s].title);
        free(pages[s].site);
        free(fact_text[s]);
    }
    free(pages);
    free(facts);
    free(fact_text);
    free(src);
    cc_buf_free(&page);
    cc_buf_free(&art);
    doc_free(&doc);
    extract_global_cleanup();
    return rc;
}
