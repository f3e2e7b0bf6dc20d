/*
 * db/db.c -- citecheck's SQLite store: the statement wrapper, transactions,
 * open/migrate/close, runs.  db/ is the only folder that includes
 * sqlite3.h (through db_int.h); stores of fetches, pages and documents are
 * in db_store.c, the SQL in db_schema.c.
 *
 * Habits (fossil's db.c): the schema is an array of migrations, each run
 * in its own BEGIN IMMEDIATE transaction together with its user_version
 * bump; every statement is an entry of enum stmt_id, prepared once at open
 * and finalized at close; values are bound by name and an unknown name is
 * an error; every write function is one transaction.  No SQL is ever
 * built at run time.
 */
#include "db/db_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <xxhash.h>

#define DB_BUSY_TIMEOUT_MS 5000
#define DB_WAL_CHECKPOINT_PAGES 256   /* see configure() */

/* ---- the statement wrapper (contract in db_int.h) -------------------- */

static void q_fail(struct db_q *q)
{
    if (q->failed)
        return;
    q->failed = true;
    cc_errf(q->err, q->errlen, "DB: %s: %s", q->what,
            sqlite3_errmsg(q->db->h));
}

static cc_result prepare_stmt(struct db *db, enum stmt_id id, char *err,
                              size_t errlen)
{
    int rc;

    if (db->st[id])
        return CC_OK;
    rc = sqlite3_prepare_v3(db->h, db_stmt_sql[id], -1,
                            SQLITE_PREPARE_PERSISTENT, &db->st[id], NULL);
    if (rc != SQLITE_OK) {
        cc_errf(err, errlen, "DB: preparing \"%.60s\": %s", db_stmt_sql[id],
                sqlite3_errmsg(db->h));
        sqlite3_finalize(db->st[id]);
        db->st[id] = NULL;
        return CC_EDB;
    }
    return CC_OK;
}

void db_q_start(struct db_q *q, struct db *db, enum stmt_id id,
                const char *what, char *err, size_t errlen)
{
    q->db = db;
    q->what = what;
    q->err = err;
    q->errlen = errlen;
    q->failed = prepare_stmt(db, id, err, errlen) != CC_OK;
    q->st = db->st[id];
}

/* Index of :name, or 0 (and the query failed) when the statement has no
 * such parameter: a misspelt name is a bug, never silently ignored. */
static int q_param(struct db_q *q, const char *name)
{
    int i;

    if (q->failed)
        return 0;
    i = sqlite3_bind_parameter_index(q->st, name);
    if (i == 0) {
        q->failed = true;
        cc_errf(q->err, q->errlen, "DB: %s: unknown bind name %s in \"%.60s\"",
                q->what, name, sqlite3_sql(q->st));
    }
    return i;
}

static void q_bound(struct db_q *q, int rc, const char *name)
{
    if (rc != SQLITE_OK && !q->failed) {
        q->failed = true;
        cc_errf(q->err, q->errlen, "DB: %s: binding %s: %s", q->what, name,
                sqlite3_errstr(rc));
    }
}

/* NULL binds SQL NULL. */
void db_q_text(struct db_q *q, const char *name, const char *v)
{
    int i = q_param(q, name);

    if (i)
        q_bound(q, v ? sqlite3_bind_text(q->st, i, v, -1, SQLITE_STATIC)
                     : sqlite3_bind_null(q->st, i), name);
}

/* "" binds NULL too: struct fields use "" for "none" (labels, units). */
void db_q_text_opt(struct db_q *q, const char *name, const char *v)
{
    db_q_text(q, name, v && *v ? v : NULL);
}

void db_q_blob(struct db_q *q, const char *name, const void *v, size_t n)
{
    int i = q_param(q, name);

    if (!i)
        return;
    if (!v)
        q_bound(q, sqlite3_bind_null(q->st, i), name);
    else
        q_bound(q, sqlite3_bind_blob64(q->st, i, v, n, SQLITE_STATIC), name);
}

void db_q_int(struct db_q *q, const char *name, long long v)
{
    int i = q_param(q, name);

    if (i)
        q_bound(q, sqlite3_bind_int64(q->st, i, v), name);
}

/* 0 binds NULL (line 0, deadline_year 0 and ids <= 0 mean "none"). */
void db_q_int_opt(struct db_q *q, const char *name, long long v)
{
    int i = q_param(q, name);

    if (i)
        q_bound(q, v > 0 ? sqlite3_bind_int64(q->st, i, v)
                         : sqlite3_bind_null(q->st, i), name);
}

void db_q_real(struct db_q *q, const char *name, double v)
{
    int i = q_param(q, name);

    if (i)
        q_bound(q, sqlite3_bind_double(q->st, i, v), name);
}

void db_q_null(struct db_q *q, const char *name)
{
    int i = q_param(q, name);

    if (i)
        q_bound(q, sqlite3_bind_null(q->st, i), name);
}

/* An unset date binds NULL; the text is copied (SQLITE_TRANSIENT). */
void db_q_date(struct db_q *q, const char *name, struct cc_date d)
{
    char buf[16];
    int i = q_param(q, name);

    if (!i)
        return;
    if (!cc_date_set(d)) {
        q_bound(q, sqlite3_bind_null(q->st, i), name);
        return;
    }
    cc_date_fmt(d, buf, sizeof buf);
    q_bound(q, sqlite3_bind_text(q->st, i, buf, -1, SQLITE_TRANSIENT), name);
}

/* Step once: true when a row is available; false at the end or on
 * failure (then q->failed is set). */
bool db_q_row(struct db_q *q)
{
    int rc;

    if (q->failed)
        return false;
    rc = sqlite3_step(q->st);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        q_fail(q);
    return false;
}

/* Reset the statement and clear its bindings (sqlite3_reset keeps them);
 * the statement stays cached.  Returns CC_OK or CC_EDB. */
cc_result db_q_done(struct db_q *q)
{
    if (q->st) {
        sqlite3_reset(q->st);
        sqlite3_clear_bindings(q->st);
    }
    return q->failed ? CC_EDB : CC_OK;
}

/* Run a statement that returns no rows we need. */
cc_result db_q_exec(struct db_q *q)
{
    (void)db_q_row(q);
    return db_q_done(q);
}

/* Column helpers (valid while the row is current). */
char *db_col_strdup(sqlite3_stmt *st, int col)
{
    const unsigned char *s = sqlite3_column_text(st, col);

    return s ? cc_strndup((const char *)s,
                          (size_t)sqlite3_column_bytes(st, col))
             : NULL;
}

/* ---- transactions ---------------------------------------------------- */

cc_result db_tx_run(struct db *db, enum stmt_id id, const char *what,
                    char *err, size_t errlen)
{
    struct db_q q;

    if (db->batch && (id == ST_BEGIN || id == ST_BEGIN_READ)) {
        /* join the batch's transaction (see db_batch_begin) */
        if (!db->batch_failed)
            return CC_OK;
        cc_errf(err, errlen, "DB: %s: an earlier write of this batch failed "
                             "(batch rolled back)", what);
        return CC_EDB;
    }
    db_q_start(&q, db, id, what, err, errlen);
    return db_q_exec(&q);
}

cc_result db_tx_begin(struct db *db, const char *what, char *err,
                      size_t errlen)
{
    return db_tx_run(db, ST_BEGIN, what, err, errlen);
}

/* Roll back if a transaction is open (some errors already ended it).
 * The caller's message is kept; a failing rollback is not reported over
 * the error that caused it. */
static void tx_rollback(struct db *db)
{
    if (!sqlite3_get_autocommit(db->h))
        (void)db_tx_run(db, ST_ROLLBACK, "rolling back", NULL, 0);
}

static cc_result tx_commit(struct db *db, const char *what, char *err,
                           size_t errlen)
{
    cc_result result = db_tx_run(db, ST_COMMIT, what, err, errlen);

    if (result != CC_OK)
        tx_rollback(db);
    return result;
}

/* Finish a write: commit on success, else roll back keeping result. */
cc_result db_tx_end(struct db *db, cc_result result, const char *what,
                    char *err, size_t errlen)
{
    if (db->batch) {
        if (result != CC_OK && !db->batch_failed) {
            tx_rollback(db);
            db->batch_failed = true;
        }
        return result;
    }
    if (result == CC_OK)
        return tx_commit(db, what, err, errlen);
    tx_rollback(db);
    return result;
}

cc_result db_batch_begin(struct db *db, char *err, size_t errlen)
{
    cc_result result;

    if (db->batch) {
        cc_errf(err, errlen, "DB: a batch is already open");
        return CC_EDB;
    }
    result = db_tx_run(db, ST_BEGIN, "starting a batch", err, errlen);
    if (result == CC_OK) {
        db->batch = true;
        db->batch_failed = false;
    }
    return result;
}

cc_result db_batch_end(struct db *db, cc_result result, char *err,
                       size_t errlen)
{
    bool failed = db->batch_failed;

    if (!db->batch) {
        cc_errf(err, errlen, "DB: no batch is open");
        return CC_EDB;
    }
    db->batch = false;
    db->batch_failed = false;
    if (failed) {               /* already rolled back by db_tx_end */
        if (result == CC_OK) {
            cc_errf(err, errlen, "DB: a write of the batch failed; the "
                                 "batch was rolled back");
            result = CC_EDB;
        }
        return result;
    }
    if (result == CC_OK)
        return tx_commit(db, "committing a batch", err, errlen);
    tx_rollback(db);
    return result;
}

/* ---- small helpers --------------------------------------------------- */

#define FNV_PRIME 0x100000001b3ULL

/* FNV-1a 64: a content fingerprint, not a cryptographic hash. */
uint64_t db_fnv1a(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;

    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= FNV_PRIME;
    }
    return h;
}

/* XXH64 with seed 0 from libxxhash: the values stored since the first
 * schema (a hand-written XXH64 before) stay the same. */
uint64_t db_hash64(const void *p, size_t n)
{
    return (uint64_t)XXH64(p, n, 0);
}

void db_hash_hex(uint64_t h, char buf[17])
{
    snprintf(buf, 17, "%016llx", (unsigned long long)h);
}

long long db_now(void)
{
    return (long long)time(NULL);
}

/* mkdir -p of the directories above path (not path itself). */
static cc_result make_parents(const char *path, char *err, size_t errlen)
{
    char *dir = cc_strdup(path);
    char *slash = strrchr(dir, '/');
    cc_result result = CC_OK;

    if (!slash || slash == dir) {
        free(dir);
        return CC_OK;
    }
    *slash = '\0';
    for (char *p = dir + 1;; p++) {
        bool last = *p == '\0';

        if (*p != '/' && !last)
            continue;
        *p = '\0';
        if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
            cc_errf(err, errlen, "DB: cannot create directory %s for %s: %s",
                    dir, path, strerror(errno));
            result = CC_EIO;
            break;
        }
        if (last)
            break;
        *p = '/';
    }
    free(dir);
    return result;
}

/* ---- open, migrate, close ------------------------------------------- */

int db_schema_version(void)
{
    return db_nmigrations;
}

char *db_default_path(void)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");

    if (xdg && xdg[0] == '/')
        return cc_asprintf("%s/citecheck/citecheck.db", xdg);
    if (home && home[0])
        return cc_asprintf("%s/.local/share/citecheck/citecheck.db", home);
    return NULL;
}

/* Read an integer PRAGMA. */
static cc_result pragma_int(struct db *db, enum stmt_id id, const char *what,
                            int *out, char *err, size_t errlen)
{
    struct db_q q;

    db_q_start(&q, db, id, what, err, errlen);
    if (db_q_row(&q))
        *out = sqlite3_column_int(q.st, 0);
    else if (!q.failed) {
        q.failed = true;
        cc_errf(err, errlen, "DB: %s: no result", what);
    }
    return db_q_done(&q);
}

/* Read (or set, for ST_JOURNAL_WAL) the journal mode into buf. */
static cc_result journal_mode(struct db *db, enum stmt_id id, char *buf,
                              size_t n, char *err, size_t errlen)
{
    struct db_q q;

    db_q_start(&q, db, id, "journal_mode", err, errlen);
    buf[0] = '\0';
    if (db_q_row(&q)) {
        const unsigned char *m = sqlite3_column_text(q.st, 0);

        snprintf(buf, n, "%s", m ? (const char *)m : "");
    }
    return db_q_done(&q);
}

static cc_result newer(int have, char *err, size_t errlen)
{
    cc_errf(err, errlen,
            "DB: schema version %d is newer than this citecheck (%d)", have,
            db_nmigrations);
    return CC_EDB;
}

/* Apply the migrations above user_version, each in its own transaction
 * with its version bump.  The version is read again inside the write
 * transaction, so two processes opening an old file at once do not both
 * migrate. */
static cc_result migrate(struct db *db, char *err, size_t errlen)
{
    cc_result result;
    int have;

    result = pragma_int(db, ST_USER_VERSION, "reading user_version", &have,
                        err, errlen);
    if (result != CC_OK)
        return result;
    if (have > db_nmigrations)
        return newer(have, err, errlen);
    while (have < db_nmigrations) {
        char *msg = NULL;
        int now;

        result = db_tx_begin(db, "starting migration", err, errlen);
        if (result != CC_OK)
            return result;
        result = pragma_int(db, ST_USER_VERSION, "reading user_version",
                            &have, err, errlen);
        if (result == CC_OK && have > db_nmigrations)
            result = newer(have, err, errlen);
        if (result != CC_OK || have == db_nmigrations)
            return db_tx_end(db, result, "migration", err, errlen);
        if (sqlite3_exec(db->h, db_migrations[have], NULL, NULL, &msg) !=
            SQLITE_OK) {
            cc_errf(err, errlen, "DB: migration %d: %s", have + 1,
                    msg ? msg : sqlite3_errmsg(db->h));
            result = CC_EDB;
        }
        sqlite3_free(msg);
        if (result == CC_OK)
            result = pragma_int(db, ST_USER_VERSION, "reading user_version",
                                &now, err, errlen);
        if (result == CC_OK && now != have + 1) {
            cc_errf(err, errlen, "DB: migration %d left user_version %d",
                    have + 1, now);
            result = CC_EDB;
        }
        result = db_tx_end(db, result, "committing migration", err, errlen);
        if (result != CC_OK)
            return result;
        have++;
    }
    return CC_OK;
}

/* Connection settings; each is checked, not assumed. */
static cc_result configure(struct db *db, bool memory, char *err,
                           size_t errlen)
{
    cc_result result;
    char mode[16];
    int on = 0;
    int rc;

    rc = sqlite3_busy_timeout(db->h, DB_BUSY_TIMEOUT_MS);
    if (rc == SQLITE_OK)
        rc = sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_db_config(db->h, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_db_config(db->h, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
    if (rc != SQLITE_OK) {
        cc_errf(err, errlen, "DB: configuring connection: %s",
                sqlite3_errstr(rc));
        return CC_EDB;
    }
    /* Refuse a newer file before changing anything in it. */
    {
        int have;

        result = pragma_int(db, ST_USER_VERSION, "reading user_version",
                            &have, err, errlen);
        if (result != CC_OK)
            return result;
        if (have > db_nmigrations)
            return newer(have, err, errlen);
    }
    result = db_tx_run(db, ST_PAGE_SIZE, "setting page_size", err, errlen);
    if (result == CC_OK)
        result = journal_mode(db, ST_JOURNAL_WAL, mode, sizeof mode, err,
                              errlen);
    if (result != CC_OK)
        return result;
    if (strcmp(mode, memory ? "memory" : "wal") != 0) {
        cc_errf(err, errlen, "DB: journal_mode=WAL not applied (mode is %s)",
                mode);
        return CC_EDB;
    }
    result = db_tx_run(db, ST_SYNC_NORMAL, "setting synchronous=NORMAL", err,
                       errlen);
    if (result == CC_OK)
        result = db_tx_run(db, ST_CACHE_SIZE, "setting cache_size", err,
                           errlen);
    /* Checkpoint once the WAL holds DB_WAL_CHECKPOINT_PAGES pages (16 MiB
     * of 64 KiB pages) instead of SQLite's 1,000 (62.5 MiB): the copy
     * left for sqlite3_close, which nothing overlaps, shrinks from up to
     * 62.5 MiB plus its fsync to at most 16 MiB (bench/fetch: 90 ms at
     * the end of a 1.6 s run, now 10-20 ms; smaller checkpoints also held
     * up the writer less). */
    if (result == CC_OK &&
        sqlite3_wal_autocheckpoint(db->h, DB_WAL_CHECKPOINT_PAGES) !=
            SQLITE_OK) {
        cc_errf(err, errlen, "DB: setting wal_autocheckpoint: %s",
                sqlite3_errmsg(db->h));
        result = CC_EDB;
    }
    if (result == CC_OK)
        result = db_tx_run(db, ST_FK_ON, "enabling foreign keys", err, errlen);
    if (result == CC_OK)
        result = pragma_int(db, ST_FK, "reading foreign_keys", &on, err,
                            errlen);
    if (result == CC_OK && on != 1) {
        cc_errf(err, errlen, "DB: foreign_keys=ON not applied");
        result = CC_EDB;
    }
    return result;
}

cc_result db_open(const char *path, struct db **out, char *err, size_t errlen)
{
    char msg[CC_ERRLEN];
    struct db *db;
    cc_result result;
    bool memory;
    int rc;

    *out = NULL;
    if (!path || !*path) {
        cc_errf(err, errlen, "DB: empty database path");
        return CC_EUSAGE;
    }
    memory = strcmp(path, ":memory:") == 0;
    if (!memory) {
        result = make_parents(path, err, errlen);
        if (result != CC_OK)
            return result;
    }
    db = cc_calloc(1, sizeof *db);
    db->path = cc_strdup(path);
    rc = sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READWRITE |
                         SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        cc_errf(err, errlen, "DB: cannot open %s: %s", path,
                db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
        db_close(&db);
        return CC_EDB;
    }
    msg[0] = '\0';
    result = configure(db, memory, msg, sizeof msg);
    if (result == CC_OK)
        result = migrate(db, msg, sizeof msg);
    /* Prepare everything now: a bad statement shows at open, not later. */
    for (int i = ST_FIRST_SCHEMA; result == CC_OK && i < ST_COUNT_; i++)
        result = prepare_stmt(db, (enum stmt_id)i, msg, sizeof msg);
    if (result != CC_OK) {
        cc_errf(err, errlen, "%s: %s", msg, path);
        db_close(&db);
        return result;
    }
    *out = db;
    return CC_OK;
}

void db_close(struct db **pdb)
{
    struct db *db = pdb ? *pdb : NULL;

    if (!db)
        return;
    for (int i = 0; i < ST_COUNT_; i++)
        sqlite3_finalize(db->st[i]);
    /* Every statement is finalized, so close cannot be busy; the last
     * connection checkpoints and removes the WAL. */
    sqlite3_close(db->h);
    free(db->path);
    free(db);
    *pdb = NULL;
}

cc_result db_info(struct db *db, struct db_info *out, char *err,
                  size_t errlen)
{
    long long *counts[] = {
        &out->runs, &out->documents, &out->refs, &out->sentences,
        &out->sentence_labels, &out->fetches, &out->redirects, &out->pages,
        &out->facts, &out->page_dates, &out->findings, &out->evidence,
    };
    cc_result result;
    struct db_q q;

    memset(out, 0, sizeof *out);
    result = pragma_int(db, ST_USER_VERSION, "reading user_version",
                        &out->user_version, err, errlen);
    if (result == CC_OK)
        result = journal_mode(db, ST_JOURNAL_MODE, out->journal_mode,
                              sizeof out->journal_mode, err, errlen);
    if (result == CC_OK) {
        int on = 0;

        result = pragma_int(db, ST_FK, "reading foreign_keys", &on, err,
                            errlen);
        out->foreign_keys = on == 1;
    }
    if (result == CC_OK)
        result = pragma_int(db, ST_BUSY, "reading busy_timeout",
                            &out->busy_timeout_ms, err, errlen);
    if (result != CC_OK)
        return result;
    db_q_start(&q, db, ST_COUNTS, "counting rows", err, errlen);
    if (db_q_row(&q)) {
        for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
            *counts[i] = sqlite3_column_int64(q.st, (int)i);
    }
    return db_q_done(&q);
}

/* ---- runs ------------------------------------------------------------ */

cc_result db_run_begin(struct db *db, const char *command, long long *run_id,
                       char *err, size_t errlen)
{
    const char *what = "starting run";
    cc_result result;
    struct db_q q;

    result = db_tx_begin(db, what, err, errlen);
    if (result != CC_OK)
        return result;
    db_q_start(&q, db, ST_RUN_INSERT, what, err, errlen);
    db_q_int(&q, ":started_at", db_now());
    db_q_text(&q, ":command", command);
    db_q_text(&q, ":version", CC_VERSION);
    result = db_q_exec(&q);
    if (result == CC_OK)
        *run_id = sqlite3_last_insert_rowid(db->h);
    return db_tx_end(db, result, what, err, errlen);
}

cc_result db_run_end(struct db *db, long long run_id, const char *status,
                     char *err, size_t errlen)
{
    const char *what = "ending run";
    cc_result result;
    struct db_q q;

    result = db_tx_begin(db, what, err, errlen);
    if (result != CC_OK)
        return result;
    db_q_start(&q, db, ST_RUN_END, what, err, errlen);
    db_q_int(&q, ":finished_at", db_now());
    db_q_text(&q, ":status", status);
    db_q_int(&q, ":id", run_id);
    result = db_q_exec(&q);
    if (result == CC_OK && sqlite3_changes(db->h) != 1) {
        cc_errf(err, errlen, "DB: %s: no run %lld", what, run_id);
        result = CC_EDB;
    }
    return db_tx_end(db, result, what, err, errlen);
}

cc_result db_run_get(struct db *db, long long run_id, struct db_run *out,
                     bool *found, char *err, size_t errlen)
{
    struct db_q q;

    memset(out, 0, sizeof *out);
    *found = false;
    db_q_start(&q, db, ST_RUN_GET, "reading run", err, errlen);
    db_q_int(&q, ":id", run_id);
    if (db_q_row(&q)) {
        out->id = run_id;
        out->started_at = sqlite3_column_int64(q.st, 0);
        out->finished_at = sqlite3_column_int64(q.st, 1);
        out->command = db_col_strdup(q.st, 2);
        out->status = db_col_strdup(q.st, 3);
        out->version = db_col_strdup(q.st, 4);
        *found = true;
    }
    return db_q_done(&q);
}

void db_run_clear(struct db_run *r)
{
    if (!r)
        return;
    free(r->command);
    free(r->status);
    free(r->version);
    memset(r, 0, sizeof *r);
}

