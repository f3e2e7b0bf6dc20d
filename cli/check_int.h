/*
 * cli/check_int.h -- what the files of `citecheck check` share (check.c:
 * the pipeline and page reading; check_archive.c: --archive).  Not for
 * other modules.
 */
#ifndef CC_CLI_CHECK_INT_H
#define CC_CLI_CHECK_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/cli.h"
#include "cli/fetcher.h"
#include "crawler/fetch.h"
#include "parser/document.h"
#include "parser/page.h"
#include "report/report.h"
#include "verify/check.h"
#include "verify/extract.h"

/* One distinct URL to read (after --map), shared by every reference that
 * cites it. */
struct job {
    char *url;                  /* mapped */
    char *shown_final;          /* final URL with --map undone, for reports */
    struct fetch_result r;
    long long fetch_id;
    bool cached;
    char *error;                /* set when the response cannot be used */
    struct page *page;
    struct extract_result facts;
    char *fact_text;
    struct cc_date ref_date;    /* of the first reference citing it */
    /* --archive: the archived copy read instead of a dead page */
    char *archived_url, *archived_ts;
    char *live_error;           /* why the live page was not used */
    char *archive_error;        /* --archive: why no copy was used */
    /* incremental re-checks: the stored response past --max-age, whose
     * ETag/Last-Modified make the request conditional and whose body a
     * 304 reuses; changed: this run's body differs from the last one */
    struct fetch_result stale;
    bool changed;
    /* page reading (see struct readers): queued is set when a reader
     * thread got the job; read (by the reader) once it is read and stored
     * (by the main thread) once its response is in the database, both
     * under the pool's lock: the second of them frees the raw body;
     * not_modified: a 304 reusing the stale body (stored as a 304);
     * warning is extract_text's complaint, printed by the main thread in
     * job order */
    bool queued, read, stored, not_modified;
    char *warning;
    /* page->text points into fact_text (parse_job) and is not page's own */
    bool text_shared;
};

struct readers;
struct pipeline;

/* Fetched responses are stored in batches (db_batch_begin), as the fetch
 * command does: one commit per CHECK_BATCH_ROWS responses,
 * CHECK_BATCH_BYTES of bodies or, checked as each response finishes,
 * CHECK_BATCH_MS after the oldest waiting one finished; the pages read
 * by then are stored in the same transaction. */
#define CHECK_BATCH_ROWS 256
#define CHECK_BATCH_BYTES (32u << 20)
#define CHECK_BATCH_MS 200

struct pipeline {
    const struct cc_config *c;
    struct doc **docs;
    size_t ndocs;
    struct job *jobs;
    size_t njobs;
    size_t *cells;              /* find_job's index */
    size_t ncells;
    struct db *db;
    long long run_id;
    size_t *todo_job;           /* fetch_run index -> job index */
    cc_result store_result;     /* first failure inside the fetch callback */
    char store_err[CC_ERRLEN];
    struct cli_progress *progress;          /* NULL unless a terminal */
    const struct cli_check_hooks *hooks;   /* recheck; NULL for check */
    struct report_baseline *baseline;      /* --baseline, or NULL */
    struct cli_fetcher fetcher; /* network or --replay, and --warc */
    struct readers *readers;    /* page reader threads, or NULL */
    size_t nstored;             /* jobs [0, nstored) are read and stored */
    /* while fetching: the jobs whose responses wait for flush_fetched */
    size_t pending[CHECK_BATCH_ROWS];
    size_t npending, pending_bytes;
    long long first_ms;
};

/* check.c: read job j on this thread (parse_job) and store its page. */
cc_result cli_check_read_job(struct pipeline *p, struct job *j, char *err,
                             size_t errlen);

/* check_archive.c: --archive: for each job whose live page is dead (or
 * changed), look up an archived copy near its reference's date, fetch,
 * store and read it instead.  No-op without --archive. */
cc_result cli_check_archives(struct pipeline *p, char *err, size_t errlen);
/* Findings of rep on reference ref say how job j's archive pass went:
 * checked against an archived copy, or why none was used. */
void cli_check_note_archive(struct check_report *rep,
                            const struct doc_ref *ref, const struct job *j);

#endif
