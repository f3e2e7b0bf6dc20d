/*
 * cli/fetcher.c -- network, WARC evidence and replay behind one call.
 * See fetcher.h.
 */
#include "cli/fetcher.h"

#include <stdlib.h>
#include <string.h>

#include "crawler/warc.h"

cc_result cli_fetcher_open(const struct cc_config *c, struct cli_fetcher *f,
                           char *err, size_t errlen)
{
    cc_result result = CC_OK;
    struct fetch_opts fo;

    memset(f, 0, sizeof *f);
    if (c->replay) {
        result = warc_archive_open(c->replay, &f->replay, err, errlen);
        if (result != CC_OK)
            return result;
    }
    if (c->warc) {
        if (c->replay && strcmp(c->warc, c->replay) == 0) {
            cc_errf(err, errlen, "--warc and --replay name the same file %s",
                    c->warc);
            return CC_EUSAGE;
        }
        fetch_opts_default(&fo);
        result = warc_writer_open(c->warc, "citecheck/" CC_VERSION,
                                  c->user_agent ? c->user_agent
                                                : fo.user_agent,
                                  &f->warc, err, errlen);
        if (result == CC_EIO)
            result = CC_EUSAGE;    /* an unwritable path is a usage error */
    }
    return result;
}

static void write_then_done(struct fetch_result *r, size_t index, void *ud)
{
    struct cli_fetcher *f = ud;

    if (f->warc && f->warc_result == CC_OK)
        f->warc_result = warc_write_fetch(f->warc, r, f->warc_err,
                                          sizeof f->warc_err);
    if (f->done)
        f->done(r, index, f->ud);
}

cc_result cli_fetcher_run(struct cli_fetcher *f, const struct fetch_opts *o,
                          struct fetch_result *res, size_t n,
                          fetch_done_fn done, void *ud, char *err,
                          size_t errlen)
{
    cc_result result = CC_OK;

    f->done = done;
    f->ud = ud;
    if (f->replay) {
        for (size_t i = 0; i < n && result == CC_OK; i++) {
            char *url = res[i].url, *etag = res[i].etag;
            char *lm = res[i].last_modified;

            /* keep the inputs, start the outputs empty as fetch_run does */
            res[i].url = res[i].etag = res[i].last_modified = NULL;
            fetch_result_clear(&res[i]);
            res[i].url = url;
            res[i].etag = etag;
            res[i].last_modified = lm;
            result = warc_replay(f->replay, &res[i], err, errlen);
            if (result == CC_OK)
                write_then_done(&res[i], i, f);
        }
    } else {
        result = fetch_run(o, res, n, write_then_done, f, err, errlen);
    }
    f->done = NULL;
    f->ud = NULL;
    if (result == CC_OK && f->warc_result != CC_OK) {
        cc_errf(err, errlen, "%s", f->warc_err);
        result = f->warc_result;
    }
    return result;
}

cc_result cli_fetcher_record(struct cli_fetcher *f,
                             const struct fetch_result *r, char *err,
                             size_t errlen)
{
    return f->warc ? warc_write_fetch(f->warc, r, err, errlen) : CC_OK;
}

cc_result cli_fetcher_close(struct cli_fetcher *f, char *err, size_t errlen)
{
    cc_result result = warc_writer_close(&f->warc, err, errlen);

    warc_archive_free(&f->replay);
    return result;
}
