/*
 * db/db_int.h -- private to db/ (never included outside it): the
 * statement cache, the statement wrapper and the transaction helpers
 * shared by db.c (open, migrations, runs) and db_store.c (fetches, pages,
 * documents).  The schema and every SQL statement are in db_schema.c.
 */
#ifndef CC_DB_INT_H
#define CC_DB_INT_H

#include <stdint.h>

#include <sqlite3.h>

#include "db/db.h"

/* Migration i (0-based) brings user_version from i to i + 1. */
extern const char *const db_migrations[];
extern const int db_nmigrations;

/* Every statement citecheck runs; the SQL of each is db_stmt_sql[id]. */
enum stmt_id {
    ST_BEGIN_READ,
    ST_BEGIN,
    ST_COMMIT,
    ST_ROLLBACK,
    ST_USER_VERSION,
    ST_PAGE_SIZE,
    ST_JOURNAL_WAL,
    ST_JOURNAL_MODE,
    ST_FK_ON,
    ST_SYNC_NORMAL,
    ST_CACHE_SIZE,
    ST_FK,
    ST_BUSY,
    ST_COUNTS,
    ST_RUN_INSERT,
    ST_RUN_END,
    ST_RUN_GET,
    ST_FETCH_INSERT,
    ST_REDIRECT_INSERT,
    ST_FETCH_LOOKUP,
    ST_REDIRECT_SELECT,
    ST_PAGE_DELETE,
    ST_PAGE_INSERT,
    ST_FACT_INSERT,
    ST_DATE_INSERT,
    ST_DOC_INSERT,
    ST_REF_INSERT,
    ST_SENT_INSERT,
    ST_LABEL_INSERT,
    ST_FINDING_INSERT,
    ST_EVIDENCE_INSERT,
    /* history and recheck (db_history.c) */
    ST_H_DOC_PATHS,
    ST_H_DOC_RUNS,
    ST_H_REFS,
    ST_H_SENTENCES,
    ST_H_LABELS,
    ST_H_FINDINGS,
    ST_H_FETCHES,
    /* robots.txt cache and page-change detection (db_robots.c) */
    ST_ROBOTS_GET,
    ST_ROBOTS_PUT,
    ST_FETCH_PREV_HASH,
    ST_COUNT_
};

/* Statements up to ST_BUSY do not touch the schema and may run before the
 * migrations; the rest are prepared after them. */
#define ST_FIRST_SCHEMA ST_COUNTS

extern const char *const db_stmt_sql[ST_COUNT_];

struct db {
    sqlite3 *h;
    char *path;
    sqlite3_stmt *st[ST_COUNT_];
    bool batch;                /* inside db_batch_begin ... db_batch_end */
    bool batch_failed;         /* a write in it failed: rolled back */
};

/* ---- the statement wrapper -------------------------------------------
 *
 * struct db_q is one use of a cached statement.  Errors are sticky: after
 * the first failure (prepare, unknown bind name, bind, step) every further
 * call is a no-op, and db_q_done() reports CC_EDB with the first message.
 * Text and blob values are bound SQLITE_STATIC: they must stay valid until
 * db_q_done() (callers bind struct fields or locals of the same scope).
 */
struct db_q {
    struct db *db;
    sqlite3_stmt *st;
    const char *what;          /* "storing fetch", for messages */
    char *err;
    size_t errlen;
    bool failed;
};

void db_q_start(struct db_q *q, struct db *db, enum stmt_id id,
                const char *what, char *err, size_t errlen);
/* Bind by name (":name"); an unknown name fails the query.  NULL binds
 * NULL; db_q_text_opt also binds NULL for "", db_q_int_opt for v <= 0,
 * db_q_date for an unset date (the date text is copied). */
void db_q_text(struct db_q *q, const char *name, const char *v);
void db_q_text_opt(struct db_q *q, const char *name, const char *v);
void db_q_blob(struct db_q *q, const char *name, const void *v, size_t n);
void db_q_int(struct db_q *q, const char *name, long long v);
void db_q_int_opt(struct db_q *q, const char *name, long long v);
void db_q_real(struct db_q *q, const char *name, double v);
void db_q_null(struct db_q *q, const char *name);
void db_q_date(struct db_q *q, const char *name, struct cc_date d);
/* Step: true while a row is available (false at the end or on failure). */
bool db_q_row(struct db_q *q);
/* Reset + clear bindings; CC_OK, or CC_EDB after any failure. */
cc_result db_q_done(struct db_q *q);
/* Step once and finish: for statements whose rows are not needed. */
cc_result db_q_exec(struct db_q *q);
/* Copy of a text column of the current row, NULL for NULL. */
char *db_col_strdup(sqlite3_stmt *st, int col);

/* Run one of the transaction statements (ST_BEGIN_READ, ST_BEGIN, ...).
 * Inside a batch (db_batch_begin) a BEGIN joins the batch's transaction
 * instead (CC_EDB once a write of the batch failed). */
cc_result db_tx_run(struct db *db, enum stmt_id id, const char *what,
                    char *err, size_t errlen);
/* BEGIN IMMEDIATE: every write function is one of these. */
cc_result db_tx_begin(struct db *db, const char *what, char *err,
                      size_t errlen);
/* Finish a transaction: commit when result is CC_OK (rolling back if the
 * commit fails), else roll back and return result unchanged.  Inside a
 * batch: nothing on success (db_batch_end commits); on failure the whole
 * batch is rolled back and marked failed. */
cc_result db_tx_end(struct db *db, cc_result result, const char *what,
                    char *err, size_t errlen);

/* FNV-1a 64 (content fingerprint, not a cryptographic hash). */
#define DB_FNV_OFFSET 0xcbf29ce484222325ULL
uint64_t db_fnv1a(uint64_t h, const void *p, size_t n);
/* XXH64 with seed 0 (fetches.body_hash; stable across platforms). */
uint64_t db_hash64(const void *p, size_t n);
void db_hash_hex(uint64_t h, char buf[17]);   /* 16 hex digits */
long long db_now(void);                       /* unix seconds */

#endif
