/*
 * db/db.h -- citecheck's SQLite store (db/ is the only folder that includes
 * sqlite3.h).
 *
 * Schema changes are an array of migrations, each committed with its
 * PRAGMA user_version bump; a database newer than this program is refused.
 * At open: journal_mode=WAL, busy_timeout, foreign_keys=ON.  Every write
 * is one transaction (BEGIN IMMEDIATE ... COMMIT, rolled back on error),
 * or part of one batch (db_batch_begin), with prepared statements only, so
 * a failure leaves nothing half-written.
 *
 * Tables: runs, documents, refs, sentences (claims' text and lines),
 * fetches (one row per HTTP exchange: url, status, final_url, redirects,
 * content_type, etag, last_modified, fetched_at, elapsed, error,
 * body_hash, body; redirects in fetch_redirects), pages (one per
 * successful fetch parsed), facts (figures found on a page) and page_dates,
 * findings (per run and document) and their evidence.  The schema itself
 * is the migration array in db/db.c.
 */
#ifndef CC_DB_H
#define CC_DB_H

#include "common/cc.h"
#include "crawler/fetch.h"
#include "parser/document.h"
#include "parser/page.h"
#include "verify/check.h"
#include "verify/extract.h"

struct db;

/* Open (creating and migrating as needed) the database at path; missing
 * parent directories are created (mode 0700).  ":memory:" opens a private
 * in-memory database (journal_mode "memory" instead of WAL).  Every
 * statement is prepared here, once, and finalized by db_close().
 * Returns CC_OK and *out (caller closes with db_close()), else *out = NULL
 * and CC_EDB (CC_EIO for a directory that cannot be made, CC_EUSAGE for an
 * empty path) with a message naming the path; a database written by a
 * newer citecheck is refused: "DB: schema version N is newer than this
 * citecheck (M): PATH".  A struct db is one connection: use it from one
 * thread at a time.  Other processes may share the file (WAL, 5 s busy
 * timeout). */
cc_result db_open(const char *path, struct db **out, char *err, size_t errlen);
void db_close(struct db **db);

/* Batches: several writes in one transaction (one commit instead of one
 * per row; `citecheck fetch` stores up to 256 responses per batch).
 * db_batch_begin opens a write transaction (BEGIN IMMEDIATE: the write
 * lock is held until db_batch_end, so keep batches short).  Until
 * db_batch_end every function of this header joins it instead of opening
 * its own transaction; each still returns its own result.  The batch is
 * atomic: when any write in it fails, everything written since
 * db_batch_begin is rolled back at once, that write returns its error,
 * later writes in the batch return CC_EDB without writing, and
 * db_batch_end reports the failure (CC_EDB when result is CC_OK).
 * db_batch_end(db, CC_OK, ...) commits (rolling back if the commit fails);
 * with any other result it rolls back and returns result.  Nesting is
 * CC_EDB; db_close() with a batch open rolls it back. */
cc_result db_batch_begin(struct db *db, char *err, size_t errlen);
cc_result db_batch_end(struct db *db, cc_result result, char *err,
                       size_t errlen);
/* Schema version this program writes (the highest migration). */
int db_schema_version(void);

/* Default path: $XDG_DATA_HOME/citecheck/citecheck.db (when that is set to
 * an absolute path, as the XDG spec requires), else
 * $HOME/.local/share/citecheck/citecheck.db.  Caller frees.  NULL when
 * neither variable is usable. */
char *db_default_path(void);

/* A run groups everything one invocation wrote.  command is e.g.
 * "check seed.txt".  db_run_begin stores status "running", started_at
 * and CC_VERSION.  db_run_end records finished_at and status ("ok",
 * "failed"); an unknown run_id is CC_EDB. */
cc_result db_run_begin(struct db *db, const char *command, long long *run_id,
                       char *err, size_t errlen);
cc_result db_run_end(struct db *db, long long run_id, const char *status,
                     char *err, size_t errlen);

/* One row of runs; strings owned, free with db_run_clear(). */
struct db_run {
    long long id;
    long long started_at;    /* unix seconds */
    long long finished_at;   /* 0 while running */
    char *command;
    char *status;            /* "running" until db_run_end */
    char *version;           /* citecheck version that wrote the run */
};

/* Read run run_id into *out (*found = false, out zeroed, when there is no
 * such run).  Caller clears out with db_run_clear(). */
cc_result db_run_get(struct db *db, long long run_id, struct db_run *out,
                     bool *found, char *err, size_t errlen);
void db_run_clear(struct db_run *r);

/* The connection's settings and row counts (diagnostics, tests,
 * a future "citecheck db" command). */
struct db_info {
    int user_version;          /* PRAGMA user_version of the file */
    char journal_mode[16];     /* "wal" ("memory" for :memory:) */
    bool foreign_keys;
    int busy_timeout_ms;
    long long runs, documents, refs, sentences, sentence_labels, fetches,
        redirects, pages, facts, page_dates, findings, evidence;
};
cc_result db_info(struct db *db, struct db_info *out, char *err,
                  size_t errlen);

/* Latest stored fetch of url (the URL actually requested, after --map)
 * that completed (error IS NULL and status > 0).  When max_age_s >= 0 only
 * a fetch younger than that counts (fetched_at >= now - max_age_s; with
 * max_age_s == 0 none does, even one stored this second).  On a
 * hit, frees r's previous out-fields, fills them (final_url, status,
 * content_type, resp_etag, resp_last_modified, body -- NUL-terminated,
 * never NULL -- body_len, redirects, elapsed; error = NULL), sets
 * *found = true and *fetch_id (fetch_id may be NULL).  On a miss r is
 * untouched and *found = false.  In-fields are never touched.  Caller
 * clears r with fetch_result_clear(). */
cc_result db_fetch_lookup(struct db *db, const char *url, long max_age_s,
                          struct fetch_result *r, bool *found,
                          long long *fetch_id, char *err, size_t errlen);

/* Store one finished transfer (success or failure; errors are stored but
 * never returned by db_fetch_lookup).  *fetch_id receives the row id.
 * run_id <= 0 stores the fetch outside any run.  The row also holds the
 * request's etag/last_modified, the redirects (child table, in order) and
 * body_hash: XXH64 (seed 0) of the body as 16 lowercase hex digits (a
 * stable 64-bit hash, db_hash64 in db.c; it tells identical bodies apart,
 * it is not a security hash).  Rows stored by earlier builds of 0.1.0
 * hold FNV-1a 64 in the same format; db_fetch_changed compares bodies when hashes differ,
 * so old and new rows still compare correctly. */
cc_result db_fetch_store(struct db *db, long long run_id,
                         const struct fetch_result *r, long long *fetch_id,
                         char *err, size_t errlen);

/* db_fetch_store with an explicit fetched_at (unix seconds) instead of
 * now: for imports and for tests of max_age. */
cc_result db_fetch_store_at(struct db *db, long long run_id,
                            const struct fetch_result *r, long long fetched_at,
                            long long *fetch_id, char *err, size_t errlen);

/* robots.txt cache (db/db_robots.c).  db_robots_get: the answer stored for
 * robots_url (scheme://host:port/robots.txt) if it is at most max_age_s
 * old: *found, *status and *body (caller frees; NUL-terminated, "" when
 * empty) with *len.  db_robots_put replaces the entry (one transaction);
 * body may be NULL. */
cc_result db_robots_get(struct db *db, const char *robots_url, long max_age_s,
                        bool *found, long *status, char **body, size_t *len,
                        char *err, size_t errlen);
cc_result db_robots_put(struct db *db, const char *robots_url, long status,
                        const char *body, size_t len, char *err,
                        size_t errlen);

/* Whether the body of fetch fetch_id differs from the latest earlier
 * stored response of the same URL that had a body: *changed = 1 (differs),
 * 0 (same), -1 (no earlier response, or fetch_id has no body).  Equal
 * body_hash values mean the same body; different ones are confirmed by
 * comparing the bodies (rows hashed with FNV-1a by older versions). */
cc_result db_fetch_changed(struct db *db, long long fetch_id, int *changed,
                           char *err, size_t errlen);

/* Store the page read from a fetch and the facts found on it, in one
 * transaction (replacing an earlier page row of the same fetch, and its
 * facts).  facts may be NULL.  Quantities go to facts, date mentions to
 * page_dates; enum fields are stored by name (qty_kind_name, ...). */
cc_result db_page_store(struct db *db, long long fetch_id, const struct page *p,
                        const struct extract_result *facts, char *err,
                        size_t errlen);

/* Store a checked document: document row, its references, its sentences
 * (with their footnote labels), and the findings of this run with their
 * evidence, in one transaction: on any failure nothing is written.  rep
 * may be NULL (no findings).  The document row holds content_hash, an
 * FNV-1a 64 over the references' and sentences' text, so later runs can
 * tell whether the article changed.  *doc_id receives the row id. */
cc_result db_document_store(struct db *db, long long run_id,
                            const struct doc *doc, struct cc_date as_of,
                            const struct check_report *rep,
                            long long *doc_id, char *err, size_t errlen);

/* ---- history and recheck (db/db_history.c) --------------------------
 * Read-only queries; each runs in one read transaction.  Documents are
 * matched by the path they were checked under (as given on the command
 * line).  Rows come newest first; strings are owned by the rows. */

/* One stored check of a document. */
struct db_doc_run {
    long long doc_id, run_id;
    long long checked_at;        /* unix seconds */
    char *content_hash;          /* FNV-1a of references and sentences */
    char *as_of;                 /* "YYYY-MM-DD" or NULL */
    long long nclaims;           /* -1 when not recorded */
    long long count[3];          /* findings per severity (SEV_INFO..) */
    int nlines;
};

/* The checks of path with doc_id < before (before <= 0: all), newest
 * first, at most max.  Caller frees with db_doc_runs_free(&v, n). */
cc_result db_doc_runs(struct db *db, const char *path, long long before,
                      size_t max, struct db_doc_run **out, size_t *n,
                      char *err, size_t errlen);
void db_doc_runs_free(struct db_doc_run **v, size_t n);

/* Every distinct document path stored, the least recently checked first.
 * Caller frees each string and the array. */
cc_result db_doc_paths(struct db *db, char ***out, size_t *n, char *err,
                       size_t errlen);

/* Rebuild the document stored as doc_id from its references, sentences
 * and footnote labels (for a recheck whose file is gone).  What is not
 * stored is approximated: every character of a sentence maps to the
 * sentence's first line, markers to that line, no headings.  *out is
 * new (doc_free()); path is stored in it. */
cc_result db_doc_rebuild(struct db *db, long long doc_id, const char *path,
                         int nlines, struct doc **out, char *err,
                         size_t errlen);

/* One stored finding (for comparing runs). */
struct db_finding_row {
    char *kind, *severity;
    char *ref;                   /* footnote label or NULL */
    int line;                    /* 0 when none */
    char *claim_text;            /* NULL when none */
    bool has_value;
    double value;
    char *unit;                  /* NULL when none */
    char *message;
};

/* The findings stored with document doc_id, in stored order.  Caller
 * frees with db_finding_rows_free(&v, n). */
cc_result db_doc_findings(struct db *db, long long doc_id,
                          struct db_finding_row **out, size_t *n, char *err,
                          size_t errlen);
void db_finding_rows_free(struct db_finding_row **v, size_t n);

/* One stored fetch of a URL. */
struct db_fetch_row {
    long long id, run_id;        /* run_id 0 when outside a run */
    long long fetched_at;
    long status;                 /* 0 when no response */
    char *error;                 /* NULL on a completed transfer */
    char *body_hash;             /* NULL without a body */
    char *final_url;
};

/* The stored fetches of url (as requested, after --map), newest first,
 * at most max.  Caller frees with db_fetch_rows_free(&v, n). */
cc_result db_url_fetches(struct db *db, const char *url, size_t max,
                         struct db_fetch_row **out, size_t *n, char *err,
                         size_t errlen);
void db_fetch_rows_free(struct db_fetch_row **v, size_t n);

#endif
