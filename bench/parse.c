/*
 * bench/parse.c -- speed and memory of citecheck's page reader against a
 * bare Gumbo parse of the same bytes, in the same run (issue 4, item 4:
 * the reader must reach at least 0.6x the bare parse's MB/s and use at
 * most 8x the page size in memory).
 *
 * usage: parse [-r ROUNDS] DIR|FILE...
 *        parse --bare --threads N DIR|FILE...
 *
 * Every regular file of each DIR (not recursive) is read into memory
 * first.  The reader side runs, per page, what `citecheck check` does with
 * a fetched page: page_parse() (decoding, Gumbo, the walk, main text,
 * metadata and dates) and extract_text() over the main text (figures and
 * dates).  The baseline runs gumbo_parse_with_options() and
 * gumbo_destroy_output() on the same bytes.  Each side runs ROUNDS times
 * (default 1); the best time counts.  Times are the thread's CPU time.
 *
 * Memory: this program is linked with -Wl,--wrap=malloc,... so that every
 * allocation made by citecheck's objects (including Gumbo's, which
 * parser/html.c routes through its own allocator functions) is counted;
 * the peak of live bytes during one page, over the page's size, is the
 * page's memory factor.  Allocations inside shared libraries called
 * directly (jansson for JSON-LD, PCRE2's match data) are not counted.
 *
 * --bare --threads N: only the bare Gumbo parse, on N threads at once
 * (each takes the next page), timed by the wall clock: the ceiling for
 * `citecheck check` reading the same pages on N cores (bench/fetch.sh
 * compares the two).  Prints "bare-gumbo threads N pages P pages/s R".
 *
 * This is the one place outside parser/html.c that includes gumbo.h: it
 * is the baseline, not part of citecheck.
 */
#include "common/cc.h"
#include "parser/page.h"
#include "verify/extract.h"

#include <dirent.h>
#include <gumbo.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#define MAX_PAGE (20u << 20)
#define MAX_PAGES 100000

/* ---- allocation counting (linker --wrap) ------------------------------ */

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);

static size_t live, peak;

static void count_add(void *p)
{
    if (p) {
        live += malloc_usable_size(p);
        if (live > peak)
            peak = live;
    }
}

static void count_sub(void *p)
{
    if (p) {
        size_t n = malloc_usable_size(p);

        live = live >= n ? live - n : 0;
    }
}

void *__wrap_malloc(size_t n)
{
    void *p = __real_malloc(n);

    count_add(p);
    return p;
}

void *__wrap_calloc(size_t n, size_t m)
{
    void *p = __real_calloc(n, m);

    count_add(p);
    return p;
}

void *__wrap_realloc(void *p, size_t n)
{
    void *q;

    count_sub(p);
    q = __real_realloc(p, n);
    count_add(q ? q : p);
    return q;
}

void __wrap_free(void *p)
{
    count_sub(p);
    __real_free(p);
}

/* ---- corpus ----------------------------------------------------------- */

struct corpus {
    char **data;
    size_t *len;
    char **name;
    size_t n;
    size_t bytes;
};

static void corpus_free(struct corpus *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->data[i]);
        free(c->name[i]);
    }
    free(c->data);
    free(c->len);
    free(c->name);
}

static void add_file(struct corpus *c, const char *path)
{
    char err[256];
    char *data;
    size_t len;

    if (c->n >= MAX_PAGES)
        return;
    if (cc_read_file(path, MAX_PAGE, &data, &len, err, sizeof err) != CC_OK) {
        fprintf(stderr, "parse: %s\n", err);
        return;
    }
    c->data[c->n] = data;
    c->len[c->n] = len;
    c->name[c->n] = cc_strdup(path);
    c->n++;
    c->bytes += len;
}

static void add_path(struct corpus *c, const char *path)
{
    struct stat st;
    DIR *d;
    struct dirent *e;

    if (stat(path, &st) != 0) {
        fprintf(stderr, "parse: %s: not found\n", path);
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        add_file(c, path);
        return;
    }
    d = opendir(path);
    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        char full[4096];
        struct stat fs;

        if (e->d_name[0] == '.')
            continue;
        if ((size_t)snprintf(full, sizeof full, "%s/%s", path, e->d_name) >=
            sizeof full)
            continue;
        if (stat(full, &fs) == 0 && S_ISREG(fs.st_mode))
            add_file(c, full);
    }
    closedir(d);
}

/* ---- the two sides ---------------------------------------------------- */

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *count_alloc(void *userdata, size_t size)
{
    (void)userdata;
    return malloc(size);
}

static void count_free(void *userdata, void *p)
{
    (void)userdata;
    free(p);
}

/* Parse and free every page; with counted, Gumbo allocates through this
 * file's (counted) malloc and *factor gets the mean peak over page size. */
static void bare_parse(const struct corpus *c, bool counted, double *factor)
{
    GumboOptions opt = kGumboDefaultOptions;
    double sum = 0;

    if (counted) {
        opt.allocator = count_alloc;
        opt.deallocator = count_free;
    }
    for (size_t i = 0; i < c->n; i++) {
        size_t base = live;
        GumboOutput *g;

        peak = live;
        g = gumbo_parse_with_options(&opt, c->data[i], c->len[i]);
        gumbo_destroy_output(&opt, g);
        if (c->len[i])
            sum += (double)(peak - base) / (double)c->len[i];
    }
    if (factor)
        *factor = sum / (double)c->n;
}

/* ---- --bare --threads N ------------------------------------------------ */

struct bare_pool {
    const struct corpus *c;
    pthread_mutex_t lock;
    size_t next;            /* the next page to parse */
};

static void *bare_thread(void *arg)
{
    struct bare_pool *bp = arg;

    for (;;) {
        size_t i;
        GumboOutput *g;

        pthread_mutex_lock(&bp->lock);
        i = bp->next++;
        pthread_mutex_unlock(&bp->lock);
        if (i >= bp->c->n)
            break;
        g = gumbo_parse_with_options(&kGumboDefaultOptions, bp->c->data[i],
                                     bp->c->len[i]);
        gumbo_destroy_output(&kGumboDefaultOptions, g);
    }
    return NULL;
}

static double wall(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Parse every page once on nthreads threads; wall-clock seconds, or -1
 * when no thread could be started. */
static double bare_threads(const struct corpus *c, int nthreads)
{
    struct bare_pool bp = {c, PTHREAD_MUTEX_INITIALIZER, 0};
    pthread_t *t = cc_calloc((size_t)nthreads, sizeof *t);
    int started = 0;
    double t0 = wall(), t1;

    while (started < nthreads &&
           pthread_create(&t[started], NULL, bare_thread, &bp) == 0)
        started++;
    for (int k = 0; k < started; k++)
        pthread_join(t[k], NULL);
    t1 = wall();
    free(t);
    return started ? t1 - t0 : -1;
}

struct reader_stats {
    size_t text_bytes, figures, dates, dated;
    double worst_factor, sum_factor;
    size_t worst;
    size_t over;    /* pages over 8x */
};

static cc_result reader(const struct corpus *c, struct reader_stats *st,
                        char *err, size_t errlen)
{
    struct extract_opts xo;

    memset(st, 0, sizeof *st);
    memset(&xo, 0, sizeof xo);
    for (size_t i = 0; i < c->n; i++) {
        struct page *p = NULL;
        struct extract_result r;
        size_t base = live;
        double factor;
        cc_result result;

        peak = live;
        result = page_parse(c->data[i], c->len[i], NULL, NULL, &p, err,
                            errlen);
        if (result != CC_OK)
            return result;
        memset(&r, 0, sizeof r);
        result = extract_text(p->text, p->text_len, &xo, &r, err, errlen);
        if (result != CC_OK && result != CC_ELIMIT) {
            page_free(&p);
            return result;
        }
        st->text_bytes += p->text_len;
        st->figures += r.nq;
        st->dates += r.nd;
        st->dated += p->published.y != 0;
        extract_result_clear(&r);
        page_free(&p);
        factor = c->len[i] ? (double)(peak - base) / (double)c->len[i] : 0;
        st->sum_factor += factor;
        if (factor > st->worst_factor) {
            st->worst_factor = factor;
            st->worst = i;
        }
        st->over += factor > 8.0;
    }
    return CC_OK;
}

int main(int argc, char **argv)
{
    struct corpus c;
    struct reader_stats st;
    int rounds = 1, first = 1, threads = 0;
    double tb = 1e30, tr = 1e30, mb, gumbo_factor = 0;
    char err[256];
    cc_result result = CC_OK;
    struct rusage ru;

    if (argc > 2 && strcmp(argv[1], "-r") == 0) {
        rounds = (int)strtol(argv[2], NULL, 10);
        first = 3;
    } else if (argc > 3 && strcmp(argv[1], "--bare") == 0 &&
               strcmp(argv[2], "--threads") == 0) {
        threads = (int)strtol(argv[3], NULL, 10);
        first = threads >= 1 && threads <= 1024 ? 4 : argc;
    }
    if (rounds < 1)
        rounds = 1;
    if (first >= argc) {
        fprintf(stderr, "usage: parse [-r ROUNDS] DIR|FILE...\n"
                        "       parse --bare --threads N DIR|FILE...\n");
        return 2;
    }
    memset(&c, 0, sizeof c);
    c.data = cc_calloc(MAX_PAGES, sizeof *c.data);
    c.len = cc_calloc(MAX_PAGES, sizeof *c.len);
    c.name = cc_calloc(MAX_PAGES, sizeof *c.name);
    for (int i = first; i < argc; i++)
        add_path(&c, argv[i]);
    if (c.n == 0) {
        fprintf(stderr, "parse: no pages\n");
        return 1;
    }
    if (threads) {
        double t = bare_threads(&c, threads);

        if (t <= 0) {
            fprintf(stderr, "parse: no thread could be started\n");
            return 1;
        }
        printf("bare-gumbo threads %d pages %zu pages/s %.1f MB/s %.1f "
               "seconds %.2f\n", threads, c.n, (double)c.n / t,
               (double)c.bytes / (1024.0 * 1024.0) / t, t);
        corpus_free(&c);
        return 0;
    }
    if (extract_global_init(err, sizeof err) != CC_OK) {
        fprintf(stderr, "parse: %s\n", err);
        return 1;
    }
    for (int k = 0; k < rounds && result == CC_OK; k++) {
        double t0 = now(), t1;

        bare_parse(&c, false, NULL);
        t1 = now();
        if (t1 - t0 < tb)
            tb = t1 - t0;
        t0 = now();
        result = reader(&c, &st, err, sizeof err);
        t1 = now();
        if (t1 - t0 < tr)
            tr = t1 - t0;
    }
    if (result != CC_OK) {
        fprintf(stderr, "parse: %s\n", err);
        return 1;
    }
    bare_parse(&c, true, &gumbo_factor);
    mb = (double)c.bytes / (1024.0 * 1024.0);
    getrusage(RUSAGE_SELF, &ru);
    printf("pages %zu, %.1f MB (best of %d round%s, thread CPU time)\n",
           c.n, mb, rounds, rounds == 1 ? "" : "s");
    printf("bare gumbo parse+free  %8.1f MB/s  (%.2f s)\n", mb / tb, tb);
    printf("citecheck page reader  %8.1f MB/s  (%.2f s)  "
           "text %.1f MB, %zu figures, %zu date mentions, %zu pages dated\n",
           mb / tr, tr, (double)st.text_bytes / (1024.0 * 1024.0),
           st.figures, st.dates, st.dated);
    printf("ratio reader/bare      %8.2f  (target >= 0.60)\n", tb / tr);
    printf("memory per page: mean %.1fx, worst %.1fx (%s), %zu pages over "
           "8x (target <= 8x; counted allocations)\n"
           "memory per page of the bare gumbo parse alone: mean %.1fx; "
           "max RSS %ld MB (corpus held in memory)\n",
           st.sum_factor / (double)c.n, st.worst_factor, c.name[st.worst],
           st.over, gumbo_factor, ru.ru_maxrss / 1024);
    extract_global_cleanup();
    corpus_free(&c);
    return 0;
}
