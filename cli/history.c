/*
 * cli/history.c -- `citecheck history URL|DOC`: the stored fetches of a
 * URL (time, status, body hash, whether the body changed) or the stored
 * checks of a document (time, findings per severity), newest first.
 *
 * A URL is looked up as cited and, when --map rewrites it, as fetched;
 * a DOC by the path it was checked under.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "db/db.h"
#include "report/report.h"

#define HISTORY_MAX 1000

static bool is_url(const char *s)
{
    return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

static cc_result url_history(const struct cc_config *c, struct db *db,
                             FILE *out, const struct report_opts *ro,
                             char *err, size_t errlen)
{
    const char *url = c->inputs[0];
    char *mapped = cfg_map_url(c, url);
    struct db_fetch_row *rows = NULL;
    struct report_fetch_hist *h;
    size_t n = 0;
    cc_result result;

    result = db_url_fetches(db, mapped, HISTORY_MAX, &rows, &n, err, errlen);
    if (result == CC_OK && n == 0 && strcmp(mapped, url) != 0)
        result = db_url_fetches(db, url, HISTORY_MAX, &rows, &n, err,
                                errlen);
    free(mapped);
    if (result != CC_OK)
        return result;
    h = cc_calloc(n ? n : 1, sizeof *h);
    for (size_t i = 0; i < n; i++) {
        h[i].fetched_at = rows[i].fetched_at;
        h[i].run_id = rows[i].run_id;
        h[i].status = rows[i].status;
        h[i].error = rows[i].error;
        h[i].body_hash = rows[i].body_hash;
        h[i].final_url = rows[i].final_url;
    }
    /* changed: the body differs from the next older fetch with a body */
    for (size_t i = 0; i < n; i++) {
        if (!rows[i].body_hash || rows[i].error)
            continue;
        for (size_t k = i + 1; k < n; k++) {
            if (!rows[k].body_hash || rows[k].error)
                continue;
            h[i].changed = strcmp(rows[i].body_hash, rows[k].body_hash) != 0;
            break;
        }
    }
    result = report_history(out, c->format, ro, url, h, NULL, n, err, errlen);
    free(h);
    db_fetch_rows_free(&rows, n);
    return result;
}

static cc_result doc_history(const struct cc_config *c, struct db *db,
                             FILE *out, const struct report_opts *ro,
                             char *err, size_t errlen)
{
    struct db_doc_run *runs = NULL;
    struct report_doc_hist *h;
    size_t n = 0;
    cc_result result;

    result = db_doc_runs(db, c->inputs[0], 0, HISTORY_MAX, &runs, &n, err,
                         errlen);
    if (result != CC_OK)
        return result;
    h = cc_calloc(n ? n : 1, sizeof *h);
    for (size_t i = 0; i < n; i++) {
        h[i].checked_at = runs[i].checked_at;
        h[i].run_id = runs[i].run_id;
        h[i].content_hash = runs[i].content_hash;
        h[i].as_of = runs[i].as_of;
        h[i].nclaims = runs[i].nclaims;
        memcpy(h[i].count, runs[i].count, sizeof h[i].count);
        h[i].doc_changed = i + 1 < n && runs[i].content_hash &&
                           runs[i + 1].content_hash &&
                           strcmp(runs[i].content_hash,
                                  runs[i + 1].content_hash) != 0;
    }
    result = report_history(out, c->format, ro, c->inputs[0], NULL, h, n, err,
                            errlen);
    free(h);
    db_doc_runs_free(&runs, n);
    return result;
}

cc_result cli_history(const struct cc_config *c, char *err, size_t errlen)
{
    char *path;
    struct db *db = NULL;
    struct report_opts ro;
    FILE *out = NULL;
    bool opened = false;
    cc_result result;

    if (c->ninputs != 1) {
        cc_errf(err, errlen, "history: expected one URL or document path "
                             "(see citecheck history --help)");
        return CC_EUSAGE;
    }
    path = c->db_path ? cc_strdup(c->db_path) : db_default_path();
    result = db_open(path, &db, err, errlen);
    free(path);
    if (result == CC_OK)
        result = cli_open_output(c, &out, &opened, err, errlen);
    if (result == CC_OK) {
        memset(&ro, 0, sizeof ro);
        ro.color = c->format == RF_TEXT && cli_use_color(c, out);
        ro.verbose = c->verbose > 0;
        if (is_url(c->inputs[0]))
            result = url_history(c, db, out, &ro, err, errlen);
        else
            result = doc_history(c, db, out, &ro, err, errlen);
        if (result == CC_OK)
            result = cli_close_output(c, out, opened, err, errlen);
        else if (opened)
            fclose(out);
    }
    db_close(&db);
    return result;
}
