/*
 * bench/extract_bench.c -- speed of citecheck's extraction against one
 * PCRE2 JIT pass of a single money pattern over the same text, in the same
 * run (issue 5, item 6: the ratio must be at least 0.5).
 *
 * usage: extract_bench FILE [ROUNDS]
 *
 * FILE is page text, pages separated by form feeds (bench/gen-extract-text
 * writes it).  Extraction runs extract_text() page by page, as `citecheck
 * check` does; the baseline runs the money pattern below through the same
 * rx.h wrapper (UTF, invalid-UTF-safe, JIT, match limits) over the whole
 * text, match after match.  Each side runs ROUNDS times (default 3); the
 * best time counts.  Times are the thread's CPU time, so that other load
 * on the machine does not skew the ratio.
 */
#include "common/cc.h"
#include "verify/extract.h"
#include "verify/rx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One money pattern of the kind a plain regex extractor would use: a
 * symbol or code before a number, or a number followed by an optional
 * scale word and a currency word or code. */
#define MONEY_RE                                                             \
    "(?:[$\\x{20ac}\\x{a3}]|\\b(?:USD|EUR|US\\$))\\s?[0-9][0-9,. ]*"          \
    "(?:\\s?(?:thousand|million|billion|trillion|mln|bn|m|k)\\b)?"          \
    "|\\b[0-9][0-9,. ]*\\s?(?:thousand|million|billion|mln|bn|milliard"     \
    "|mlrd|млн|млрд|тыс\\.?)?\\s?(?:dollars?|USD|euros?|EUR|so'm|сум\\w*"    \
    "|тенге|tenge|rubl\\w*|рубл\\w*|доллар\\w*)\\b"

#define MAX_TEXT (2048u * 1024u * 1024u)

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Extract from every page; *nq gets the number of quantities. */
static cc_result run_extract(const char *text, size_t len, size_t *nq,
                             size_t *nd, char *err, size_t errlen)
{
    struct extract_opts xo;
    struct extract_result r;
    size_t s = 0;

    memset(&xo, 0, sizeof xo);
    memset(&r, 0, sizeof r);
    *nq = *nd = 0;
    while (s < len) {
        const char *ff = memchr(text + s, '\f', len - s);
        size_t e = ff ? (size_t)(ff - text) : len;
        cc_result result = extract_text(text + s, e - s, &xo, &r, err,
                                        errlen);

        if (result != CC_OK && result != CC_ELIMIT)
            return result;
        *nq += r.nq;
        *nd += r.nd;
        extract_result_clear(&r);
        s = e + 1;
    }
    return CC_OK;
}

static cc_result run_regex(const struct rx *rx, struct rx_scratch *rs,
                           const char *text, size_t len, size_t *n,
                           char *err, size_t errlen)
{
    size_t from = 0;

    *n = 0;
    for (;;) {
        bool found;
        size_t ms, me;
        cc_result result = rx_find(rx, rs, text, len, from, &found, &ms, &me,
                                   err, errlen);

        if (result != CC_OK)
            return result;
        if (!found)
            return CC_OK;
        (*n)++;
        from = rx_next_from(text, len, ms, me);
    }
}

int main(int argc, char **argv)
{
    char err[256];
    char *text = NULL;
    size_t len = 0, nq = 0, nd = 0, nm = 0;
    int rounds = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 3;
    double tx = 1e30, tr = 1e30, mb;
    struct rx *rx = NULL;
    struct rx_scratch *rs;
    cc_result result;

    if (argc < 2) {
        fprintf(stderr, "usage: extract_bench FILE [ROUNDS]\n");
        return 2;
    }
    if (rounds < 1)
        rounds = 1;
    result = cc_read_file(argv[1], MAX_TEXT, &text, &len, err, sizeof err);
    if (result == CC_OK)
        result = rx_compile(MONEY_RE, RX_CASELESS, &rx, err, sizeof err);
    if (result == CC_OK)
        result = extract_global_init(err, sizeof err);
    if (result != CC_OK) {
        fprintf(stderr, "extract_bench: %s\n", err);
        free(text);
        rx_free(&rx);
        return 1;
    }
    rs = rx_scratch_new();
    for (int i = 0; i < rounds && result == CC_OK; i++) {
        double t0 = now(), t1;

        result = run_extract(text, len, &nq, &nd, err, sizeof err);
        t1 = now();
        if (t1 - t0 < tx)
            tx = t1 - t0;
        t0 = now();
        if (result == CC_OK)
            result = run_regex(rx, rs, text, len, &nm, err, sizeof err);
        t1 = now();
        if (t1 - t0 < tr)
            tr = t1 - t0;
    }
    if (result != CC_OK) {
        fprintf(stderr, "extract_bench: %s\n", err);
    } else {
        mb = (double)len / (1024.0 * 1024.0);
        printf("text: %.1f MB (%s)%s\n", mb, argv[1],
               rx_jit(rx) ? "" : "  [no JIT in this PCRE2]");
        printf("citecheck extract:      %8.1f MB/s  (%.2f s, %zu quantities, "
               "%zu dates)\n", mb / tx, tx, nq, nd);
        printf("PCRE2 JIT money regex:  %8.1f MB/s  (%.2f s, %zu matches)\n",
               mb / tr, tr, nm);
        printf("ratio extract/regex:    %8.2f  (target >= 0.50)\n", tr / tx);
    }
    rx_scratch_free(&rs);
    rx_free(&rx);
    extract_global_cleanup();
    free(text);
    return result == CC_OK ? 0 : 1;
}
