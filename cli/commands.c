/*
 * cli/commands.c -- `citecheck extract`, `page` and `fetch`.
 */
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

/* Responses are stored in batches (db_batch_begin): one commit per
 * FETCH_BATCH_ROWS responses, FETCH_BATCH_BYTES of bodies or, checked as
 * each response finishes, FETCH_BATCH_MS after the oldest waiting one
 * finished; the rest at the end of the run.  One commit per response cost
 * a third of the run's CPU in bench/fetch.sh. */
#define FETCH_BATCH_ROWS 256
#define FETCH_BATCH_BYTES (32u << 20)
#define FETCH_BATCH_MS 200

struct fetch_cli {
    const struct cc_config *c;
    char **cited;
    FILE *out;
    struct report_opts ro;
    struct db *db;
    long long run_id;
    cc_result result;
    char err[CC_ERRLEN];
    bool any_error;
    struct cli_progress *progress;  /* NULL unless stderr is a terminal */
    /* finished responses waiting for the next batch (flush_batch) */
    struct fetch_result *res;
    size_t pending[FETCH_BATCH_ROWS];
    size_t npending, pending_bytes;
    long long first_ms;             /* when pending[0] finished */
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

/* Store the waiting responses in one transaction (db_batch_begin), then
 * print their lines: a printed line is a committed row.  After a failure
 * nothing of the batch is stored (it is rolled back), nothing more is
 * printed, and fc->result holds the error. */
static void flush_batch(struct fetch_cli *fc)
{
    cc_result result;

    if (fc->npending == 0)
        return;
    result = fc->result;
    if (result == CC_OK)
        result = db_batch_begin(fc->db, fc->err, sizeof fc->err);
    if (result == CC_OK) {
        for (size_t k = 0; k < fc->npending && result == CC_OK; k++)
            result = db_fetch_store(fc->db, fc->run_id,
                                    &fc->res[fc->pending[k]], NULL, fc->err,
                                    sizeof fc->err);
        result = db_batch_end(fc->db, result, fc->err, sizeof fc->err);
    }
    for (size_t k = 0; k < fc->npending; k++) {
        size_t index = fc->pending[k];
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
                                       cited, r, fc->err, sizeof fc->err);
            free(cited);
        }
        drop_body(r);
    }
    fc->npending = 0;
    fc->pending_bytes = 0;
    fc->result = result;
}

static void on_fetch_done(struct fetch_result *r, size_t index, void *ud)
{
    struct fetch_cli *fc = ud;

    cli_progress_step(fc->progress, r);
    if (r->error || r->status >= 400)
        fc->any_error = true;
    if (fc->result != CC_OK) {
        drop_body(r);
        return;
    }
    /* r is &fc->res[index] (fetch_run and cli_fetcher_run pass the
     * element): it waits there, body and all, until flush_batch */
    if (fc->npending == 0)
        fc->first_ms = mono_ms();
    fc->pending[fc->npending++] = index;
    fc->pending_bytes += r->body_len;
    if (fc->npending == FETCH_BATCH_ROWS ||
        fc->pending_bytes >= FETCH_BATCH_BYTES ||
        mono_ms() - fc->first_ms >= FETCH_BATCH_MS)
        flush_batch(fc);
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
    cli_robots_cache(fc.db, &rcache);
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
        flush_batch(&fc);        /* what finished, even after an error */
        if (cli_fetcher_close(&fx, e2, sizeof e2) != CC_OK &&
            result == CC_OK) {
            cc_errf(err, errlen, "%s", e2);
            result = CC_EIO;
        }
    }
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
