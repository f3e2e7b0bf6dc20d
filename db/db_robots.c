/*
 * db/db_robots.c -- the robots.txt cache and page-change detection.  See
 * db.h for the contracts.
 */
#include "db/db_int.h"

#include <stdlib.h>
#include <string.h>

cc_result db_robots_get(struct db *db, const char *robots_url, long max_age_s,
                        bool *found, long *status, char **body, size_t *len,
                        char *err, size_t errlen)
{
    struct db_q q;

    *found = false;
    *status = 0;
    *body = NULL;
    *len = 0;
    db_q_start(&q, db, ST_ROBOTS_GET, "reading robots.txt cache", err,
               errlen);
    db_q_text(&q, ":url", robots_url);
    db_q_int(&q, ":min_at", db_now() - (max_age_s > 0 ? max_age_s : 0));
    if (db_q_row(&q)) {
        const void *blob = sqlite3_column_blob(q.st, 1);
        size_t n = (size_t)sqlite3_column_bytes(q.st, 1);

        *found = true;
        *status = (long)sqlite3_column_int64(q.st, 0);
        *body = cc_malloc(n + 1);
        if (n)
            memcpy(*body, blob, n);
        (*body)[n] = '\0';
        *len = n;
    }
    return db_q_done(&q);
}

cc_result db_robots_put(struct db *db, const char *robots_url, long status,
                        const char *body, size_t len, char *err,
                        size_t errlen)
{
    const char *what = "storing robots.txt";
    cc_result result;
    struct db_q q;

    result = db_tx_begin(db, what, err, errlen);
    if (result != CC_OK)
        return result;
    db_q_start(&q, db, ST_ROBOTS_PUT, what, err, errlen);
    db_q_text(&q, ":url", robots_url);
    db_q_int(&q, ":status", status);
    if (body)
        db_q_blob(&q, ":body", body, len);
    else
        db_q_null(&q, ":body");
    db_q_int(&q, ":fetched_at", db_now());
    result = db_q_exec(&q);
    return db_tx_end(db, result, what, err, errlen);
}

cc_result db_fetch_changed(struct db *db, long long fetch_id, int *changed,
                           char *err, size_t errlen)
{
    struct db_q q;

    *changed = -1;
    db_q_start(&q, db, ST_FETCH_PREV_HASH, "comparing fetches", err, errlen);
    db_q_int(&q, ":id", fetch_id);
    if (db_q_row(&q)) {
        const unsigned char *now = sqlite3_column_text(q.st, 0);
        const unsigned char *prev = sqlite3_column_text(q.st, 1);

        /* column 2: hashes and bodies differ (see db_fetch_changed) */
        if (now && prev)
            *changed = sqlite3_column_int(q.st, 2) != 0;
    }
    return db_q_done(&q);
}
