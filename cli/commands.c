/*
 * cli/commands.c -- `citecheck extract`, `page` and `fetch`.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/fetcher.h"
#include "crawler/fetch.h"
#include "crawler/fetch_util.h"
#include "db/db.h"
#include "parser/page.h"
#include "report/report.h"
#include "verify/extract.h"

#define CLI_MAX_TEXT (64u << 20)
#define CLI_MAX_URLS 1000000

static cc_result one_input(const struct cc_config *c, const char *cmd,
                           char *err, size_t errlen)
{
    if (c->ninputs != 1) {
        cc_errf(err, errlen, "%s: expected exactly one %s (see citecheck %s "
                             "--help)", cmd,
                strcmp(cmd, "page") == 0 ? "FILE or URL" : "FILE", cmd);
        return CC_EUSAGE;
    }
    return CC_OK;
}

cc_result cli_extract(const struct cc_config *c, char *err, size_t errlen)
{
    char *text = NULL;
    size_t len = 0;
    struct extract_result r;
    struct extract_opts xo;
    struct report_opts ro;
    FILE *out;
    bool opened;
    cc_result result = one_input(c, "extract", err, errlen);

    if (result != CC_OK)
        return result;
    result = cc_read_file(c->inputs[0], CLI_MAX_TEXT, &text, &len, err,
                          errlen);
    if (result != CC_OK)
        return result == CC_ENOMEM ? result : CC_EUSAGE;
    memset(&r, 0, sizeof r);
    memset(&xo, 0, sizeof xo);
    xo.ref_date = c->as_of;
    result = extract_text(text, len, &xo, &r, err, errlen);
    if (result == CC_ELIMIT && !c->quiet) {
        fprintf(stderr, "citecheck: %s: %s\n", c->inputs[0], err);
        result = CC_OK;
    }
    if (result == CC_OK)
        result = cli_open_output(c, &out, &opened, err, errlen);
    if (result == CC_OK) {
        memset(&ro, 0, sizeof ro);
        ro.color = cli_use_color(c, out);
        result = report_extract(out, c->format, &ro, text, len, &r, err,
                                errlen);
        if (result == CC_OK)
            result = cli_close_output(c, out, opened, err, errlen);
        else if (opened)
            fclose(out);
    }
    extract_result_clear(&r);
    free(text);
    return result;
}

cc_result cli_page(const struct cc_config *c, char *err, size_t errlen)
{
    struct fetch_result fr;
    struct page *pg = NULL;
    struct report_opts ro;
    const char *in;
    char *data = NULL;
    size_t len = 0;
    const char *ctype = NULL, *url = NULL;
    FILE *out;
    bool opened;
    cc_result result = one_input(c, "page", err, errlen);

    if (result != CC_OK)
        return result;
    in = c->inputs[0];
    memset(&fr, 0, sizeof fr);
    if (strncmp(in, "http://", 7) == 0 || strncmp(in, "https://", 8) == 0) {
        struct fetch_opts fo;
        char why[CC_ERRLEN];

        if (!fetch_url_ok(in, why, sizeof why)) {
            cc_errf(err, errlen, "%s: %s", in, why);
            return CC_EUSAGE;
        }
        cli_fetch_opts(c, &fo);
        fr.url = cfg_map_url(c, in);
        result = fetch_run(&fo, &fr, 1, NULL, NULL, err, errlen);
        if (result == CC_OK && fr.error) {
            cc_errf(err, errlen, "%s: %s", in, fr.error);
            result = CC_ENET;
        } else if (result == CC_OK && (fr.status < 200 || fr.status >= 300)) {
            cc_errf(err, errlen, "%s: HTTP %ld", in, fr.status);
            result = CC_EHTTP;
        }
        data = fr.body;
        len = fr.body_len;
        ctype = fr.content_type;
        url = in;
    } else {
        result = cc_read_file(in, PAGE_MAX_BYTES, &data, &len, err, errlen);
        if (result != CC_OK && result != CC_ENOMEM)
            result = CC_EUSAGE;
    }
    if (result == CC_OK)
        result = page_parse(data, len, ctype, url, &pg, err, errlen);
    if (result == CC_OK)
        result = cli_open_output(c, &out, &opened, err, errlen);
    if (result == CC_OK) {
        memset(&ro, 0, sizeof ro);
        ro.color = cli_use_color(c, out);
        result = report_page(out, c->format, &ro, pg, err, errlen);
        if (result == CC_OK)
            result = cli_close_output(c, out, opened, err, errlen);
        else if (opened)
            fclose(out);
    }
    page_free(&pg);
    if (data != fr.body)
        free(data);
    fetch_result_clear(&fr);
    return result;
}

/* ---- fetch ------------------------------------------------------------- */

/* The network loop (fetch_run, main thread) hands each finished response
 * to a writer thread, which stores them in batches (db_batch_begin): one
 * commit per FETCH_BATCH_ROWS responses, FETCH_BATCH_BYTES of bodies or
 * FETCH_BATCH_MS after the oldest waiting one finished; the rest at the
 * end of the run.  One commit per response cost a third of the run's CPU
 * in bench/fetch.sh; storing on the network thread stopped the transfers
 * for every commit and WAL checkpoint (0.6 s of a 2.1 s run).  At most
 * FETCH_QUEUE_BYTES of bodies wait for the writer; past that the network
 * loop waits, so memory stays bounded when the disk is slower than the
 * network. */
#define FETCH_BATCH_ROWS 256
#define FETCH_BATCH_BYTES (16u << 20)
#define FETCH_BATCH_MS 200
#define FETCH_QUEUE_BYTES (24u << 20)

struct fetch_cli {
    const struct cc_config *c;
    char **cited;
    FILE *out;
    struct report_opts ro;
    struct db *db;
    long long run_id;
    bool any_error;                 /* network thread only */
    struct cli_progress *progress;  /* NULL unless stderr is a terminal */
    struct fetch_result *res;
    /* Shared with the writer thread, under lock: the finished responses
     * (indexes into res, each queued once, so n slots never wrap). */
    pthread_mutex_t lock;
    pthread_cond_t work;            /* queued, or closing */
    pthread_cond_t room;            /* the writer took a batch */
    size_t *queue, qhead, qtail, qbytes;
    long long first_ms;             /* when queue[qhead] was queued */
    bool closing;
    cc_result result;               /* the first store/print failure */
    char err[CC_ERRLEN];
    /* the connection: the writer's batches and the robots.txt cache
     * (network thread) take turns */
    pthread_mutex_t db_lock;
};

static long long mono_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void drop_body(struct fetch_result *r)
{
    /* Stored and reported: drop the body now, or a run over N URLs holds
     * all N bodies until the end (300 MB for bench/fetch's 5,000 pages).
     * body_len stays for anything that reports sizes later. */
    free(r->body);
    r->body = NULL;
    free(r->raw_headers);
    r->raw_headers = NULL;
}

/* Writer thread: store batch[0..n) in one transaction (db_batch_begin),
 * then print their lines: a printed line is a committed row.  After a
 * failure nothing of the batch is stored (it is rolled back), nothing
 * more is printed; the error is returned into err. */
static cc_result flush_batch(struct fetch_cli *fc, const size_t *batch,
                             size_t n, cc_result result, char *err,
                             size_t errlen)
{
    if (result == CC_OK) {
        pthread_mutex_lock(&fc->db_lock);
        result = db_batch_begin(fc->db, err, errlen);
        if (result == CC_OK) {
            for (size_t k = 0; k < n && result == CC_OK; k++)
                result = db_fetch_store(fc->db, fc->run_id,
                                        &fc->res[batch[k]], NULL, err,
                                        errlen);
            result = db_batch_end(fc->db, result, err, errlen);
        }
        pthread_mutex_unlock(&fc->db_lock);
    }
    for (size_t k = 0; k < n; k++) {
        size_t index = batch[k];
        struct fetch_result *r = &fc->res[index];

        if (result == CC_OK && r->final_url && fc->c->nmaps) {
            /* reports keep the cited URL space: undo --map on the final
             * URL */
            char *shown = cfg_unmap_url(fc->c, r->final_url);

            free(r->final_url);
            r->final_url = shown;
        }
        if (result == CC_OK) {
            /* credentials in the cited URL are never printed */
            char *cited = fetch_url_strip_userinfo(fc->cited[index]);

            result = report_fetch_line(fc->out, fc->c->format, &fc->ro,
                                       cited, r, err, errlen);
            free(cited);
        }
        drop_body(r);
    }
    return result;
}

/* Is the head of the queue due for a batch?  Under fc->lock. */
static bool batch_due(const struct fetch_cli *fc)
{
    size_t n = fc->qtail - fc->qhead;

    return n > 0 && (fc->closing || fc->result != CC_OK ||
                     n >= FETCH_BATCH_ROWS ||
                     fc->qbytes >= FETCH_BATCH_BYTES ||
                     mono_ms() - fc->first_ms >= FETCH_BATCH_MS);
}

static void wait_until_ms(pthread_cond_t *cv, pthread_mutex_t *m,
                          long long at_ms)
{
    struct timespec ts = { (time_t)(at_ms / 1000),
                           (long)(at_ms % 1000) * 1000000L };

    (void)pthread_cond_timedwait(cv, m, &ts);   /* CLOCK_MONOTONIC */
}

static void *writer_main(void *ud)
{
    struct fetch_cli *fc = ud;
    size_t batch[FETCH_BATCH_ROWS];

    pthread_mutex_lock(&fc->lock);
    for (;;) {
        size_t n, bytes = 0;
        cc_result result;
        char err[CC_ERRLEN];

        while (!batch_due(fc) && !(fc->closing && fc->qtail == fc->qhead)) {
            if (fc->qtail == fc->qhead)
                pthread_cond_wait(&fc->work, &fc->lock);
            else
                wait_until_ms(&fc->work, &fc->lock,
                              fc->first_ms + FETCH_BATCH_MS);
        }
        n = fc->qtail - fc->qhead;
        if (n == 0)
            break;                  /* closing, all stored */
        if (n > FETCH_BATCH_ROWS)
            n = FETCH_BATCH_ROWS;
        memcpy(batch, fc->queue + fc->qhead, n * sizeof *batch);
        fc->qhead += n;
        result = fc->result;
        pthread_mutex_unlock(&fc->lock);

        err[0] = '\0';
        for (size_t k = 0; k < n; k++)
            bytes += fc->res[batch[k]].body_len;
        result = flush_batch(fc, batch, n, result, err, sizeof err);

        pthread_mutex_lock(&fc->lock);
        if (result != CC_OK && fc->result == CC_OK) {
            fc->result = result;
            memcpy(fc->err, err, sizeof err);
        }
        fc->qbytes -= bytes;
        fc->first_ms = mono_ms();   /* the rest waited at least this long */
        pthread_cond_broadcast(&fc->room);
    }
    pthread_mutex_unlock(&fc->lock);
    return NULL;
}

/* Network thread: a response finished; queue it for the writer. */
static void on_fetch_done(struct fetch_result *r, size_t index, void *ud)
{
    struct fetch_cli *fc = ud;
    bool failed;

    cli_progress_step(fc->progress, r);
    if (r->error || r->status >= 400)
        fc->any_error = true;
    pthread_mutex_lock(&fc->lock);
    while (fc->qbytes >= FETCH_QUEUE_BYTES && fc->result == CC_OK)
        pthread_cond_wait(&fc->room, &fc->lock);
    failed = fc->result != CC_OK;
    if (!failed) {
        if (fc->qtail == fc->qhead)
            fc->first_ms = mono_ms();
        fc->queue[fc->qtail++] = index;
        fc->qbytes += r->body_len;
        pthread_cond_signal(&fc->work);
    }
    pthread_mutex_unlock(&fc->lock);
    if (failed)
        drop_body(r);               /* nothing more is stored */
}

static bool writer_start(struct fetch_cli *fc, pthread_t *th, size_t n)
{
    pthread_condattr_t ca;

    fc->queue = cc_calloc(n ? n : 1, sizeof *fc->queue);
    pthread_mutex_init(&fc->lock, NULL);
    pthread_mutex_init(&fc->db_lock, NULL);
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&fc->work, &ca);
    pthread_condattr_destroy(&ca);
    pthread_cond_init(&fc->room, NULL);
    return pthread_create(th, NULL, writer_main, fc) == 0;
}

/* Store what is queued, then stop the writer. */
static void writer_stop(struct fetch_cli *fc, pthread_t th)
{
    pthread_mutex_lock(&fc->lock);
    fc->closing = true;
    pthread_cond_signal(&fc->work);
    pthread_mutex_unlock(&fc->lock);
    pthread_join(th, NULL);
}

static void writer_free(struct fetch_cli *fc)
{
    pthread_cond_destroy(&fc->room);
    pthread_cond_destroy(&fc->work);
    pthread_mutex_destroy(&fc->db_lock);
    pthread_mutex_destroy(&fc->lock);
    free(fc->queue);
    fc->queue = NULL;
}

static void add_url(char ***v, size_t *n, size_t *cap, const char *s,
                    size_t len)
{
    *v = cc_grow(*v, cap, *n + 1, sizeof **v);
    (*v)[(*n)++] = cc_strndup(s, len);
}

/* URLs from the arguments, "-" meaning one a line from stdin. */
static cc_result collect_urls(const struct cc_config *c, char ***urls,
                              size_t *n, char *err, size_t errlen)
{
    size_t cap = 0;

    for (size_t i = 0; i < c->ninputs; i++) {
        if (strcmp(c->inputs[i], "-") != 0) {
            add_url(urls, n, &cap, c->inputs[i], strlen(c->inputs[i]));
            continue;
        }
        {
            char *text;
            size_t len, a = 0;
            cc_result result = cc_read_file("-", CLI_MAX_TEXT, &text, &len,
                                            err, errlen);

            if (result != CC_OK)
                return CC_EUSAGE;
            while (a < len) {
                size_t b = a;

                while (b < len && text[b] != '\n')
                    b++;
                {
                    size_t s = a, e = b;

                    while (s < e && (text[s] == ' ' || text[s] == '\t'))
                        s++;
                    while (e > s && (text[e - 1] == '\r' ||
                                     text[e - 1] == ' ' || text[e - 1] == '\t'))
                        e--;
                    if (e > s && text[s] != '#')
                        add_url(urls, n, &cap, text + s, e - s);
                }
                a = b + 1;
                if (*n > CLI_MAX_URLS) {
                    free(text);
                    cc_errf(err, errlen, "stdin: more than %d URLs",
                            CLI_MAX_URLS);
                    return CC_EUSAGE;
                }
            }
            free(text);
        }
    }
    if (*n == 0) {
        cc_errf(err, errlen, "fetch: no URL given (see citecheck fetch "
                             "--help)");
        return CC_EUSAGE;
    }
    return CC_OK;
}

cc_result cli_fetch(const struct cc_config *c, bool *failing, char *err,
                    size_t errlen)
{
    struct fetch_cli fc;
    struct fetch_result *res = NULL;
    struct fetch_opts fo;
    struct fetch_robots_cache rcache;
    struct cli_robots rdb;
    pthread_t writer;
    char **urls = NULL;
    size_t n = 0;
    char *path = NULL;
    bool opened = false;
    cc_result result;

    memset(&fc, 0, sizeof fc);
    fc.c = c;
    *failing = false;
    result = collect_urls(c, &urls, &n, err, errlen);
    if (result != CC_OK)
        goto out;
    res = cc_calloc(n, sizeof *res);
    fc.res = res;
    for (size_t i = 0; i < n; i++)
        res[i].url = cfg_map_url(c, urls[i]);
    path = c->db_path ? cc_strdup(c->db_path) : db_default_path();
    result = db_open(path, &fc.db, err, errlen);
    if (result == CC_OK)
        result = db_run_begin(fc.db, "fetch", &fc.run_id, err, errlen);
    if (result == CC_OK)
        result = cli_open_output(c, &fc.out, &opened, err, errlen);
    if (result != CC_OK)
        goto out;
    fc.cited = urls;
    fc.ro.color = cli_use_color(c, fc.out);
    cli_fetch_opts(c, &fo);
    if (!writer_start(&fc, &writer, n)) {
        writer_free(&fc);
        if (opened)
            fclose(fc.out);
        cc_errf(err, errlen, "fetch: cannot start the writer thread");
        result = CC_EIO;
        goto out;
    }
    cli_robots_cache(&rdb, fc.db, &fc.db_lock, &rcache);
    fo.robots_cache = &rcache;
    /* results go to stdout line by line: no bar when it shares the tty */
    fc.progress = isatty(fileno(fc.out)) ? NULL : cli_progress_new(c, n);
    {   /* --warc / --replay (cli/fetcher.c) */
        struct cli_fetcher fx;
        char e2[CC_ERRLEN];

        result = cli_fetcher_open(c, &fx, err, errlen);
        if (result == CC_OK)
            result = cli_fetcher_run(&fx, &fo, res, n, on_fetch_done, &fc,
                                     err, errlen);
        writer_stop(&fc, writer);   /* what finished, even after an error */
        if (cli_fetcher_close(&fx, e2, sizeof e2) != CC_OK &&
            result == CC_OK) {
            cc_errf(err, errlen, "%s", e2);
            result = CC_EIO;
        }
    }
    writer_free(&fc);
    cli_progress_free(&fc.progress);
    if (result == CC_OK && fc.result != CC_OK) {
        cc_errf(err, errlen, "%s", fc.err);
        result = fc.result;
    }
    {
        cc_result r2 = cli_close_output(c, fc.out, opened, fc.err,
                                        sizeof fc.err);

        if (result == CC_OK && r2 != CC_OK) {
            cc_errf(err, errlen, "%s", fc.err);
            result = r2;
        }
    }
    if (fc.db) {
        char e2[CC_ERRLEN];

        (void)db_run_end(fc.db, fc.run_id, result == CC_OK ? "ok" : "failed",
                         e2, sizeof e2);
    }
    *failing = fc.any_error;
out:
    for (size_t i = 0; i < n; i++) {
        free(urls[i]);
        if (res)
            fetch_result_clear(&res[i]);
    }
    free(urls);
    free(res);
    free(path);
    db_close(&fc.db);
    return result;
}
