/*
 * cli/fetcher.h -- where the commands' responses come from: the network
 * (crawler/fetch.c), with every finished fetch also written to a WARC file
 * when --warc is given, or a WARC file alone when --replay is given (no
 * network at all).  cli/check.c and the fetch command go through here.
 */
#ifndef CC_CLI_FETCHER_H
#define CC_CLI_FETCHER_H

#include "common/cc.h"
#include "config/config.h"
#include "crawler/fetch.h"

struct warc_writer;
struct warc_archive;

struct cli_fetcher {
    struct warc_writer *warc;      /* owned; NULL without --warc */
    struct warc_archive *replay;   /* owned; NULL without --replay */
    /* private: the caller's callback while cli_fetcher_run runs */
    fetch_done_fn done;
    void *ud;
    cc_result warc_result;
    char warc_err[CC_ERRLEN];
};

/* Open the --warc file (truncated, warcinfo written) and/or index the
 * --replay file.  f is zeroed first.  CC_EUSAGE/CC_EIO naming the file.
 * Close with cli_fetcher_close even on failure. */
cc_result cli_fetcher_open(const struct cc_config *c, struct cli_fetcher *f,
                           char *err, size_t errlen);

/* fetch_run's contract (see crawler/fetch.h), served from the replay
 * file when there is one; each finished fetch is written to the WARC
 * file before done sees it.  A WARC write failure is returned after the
 * run (the transfers still finish). */
cc_result cli_fetcher_run(struct cli_fetcher *f, const struct fetch_opts *o,
                          struct fetch_result *res, size_t n,
                          fetch_done_fn done, void *ud, char *err,
                          size_t errlen);

/* Write a response that did not come through cli_fetcher_run (one reused
 * from the database) to the WARC file, so the file alone can replay the
 * run.  No-op without --warc. */
cc_result cli_fetcher_record(struct cli_fetcher *f,
                             const struct fetch_result *r, char *err,
                             size_t errlen);

/* Close both files; CC_EIO when the WARC file could not be completed. */
cc_result cli_fetcher_close(struct cli_fetcher *f, char *err, size_t errlen);

#endif
