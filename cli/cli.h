/*
 * cli/cli.h -- the commands of the citecheck program, wiring the modules
 * together: check (document -> claims; references -> responses -> pages ->
 * facts; claims x facts -> findings -> report), extract, page and fetch.
 *
 * Each returns a cc_result with details in err; *failing is set when
 * findings at or above --fail-on were reported.  main.c maps the result to
 * the exit code and prints the error.
 */
#ifndef CC_CLI_H
#define CC_CLI_H

#include <pthread.h>

#include "common/cc.h"
#include "config/config.h"

cc_result cli_check(const struct cc_config *c, bool *failing, char *err,
                    size_t errlen);
cc_result cli_extract(const struct cc_config *c, char *err, size_t errlen);
cc_result cli_page(const struct cc_config *c, char *err, size_t errlen);
cc_result cli_fetch(const struct cc_config *c, bool *failing, char *err,
                    size_t errlen);
/* The check pipeline with what recheck adds (cli/check.c).  hooks may
 * be NULL (plain check). */
struct db;
struct doc;
struct report_doc;
struct cli_check_hooks {
    /* Documents to check instead of c->inputs (NULL: load c->inputs).  The
     * pipeline takes the array and the documents and frees them. */
    struct doc **docs;
    size_t ndocs;
    const char *command;        /* the run's command in the database */
    /* Called once each document is checked and stored (as doc_id in run
     * run_id), before the report is written: may set rd->changes, which
     * must stay valid until cli_check_run returns. */
    cc_result (*checked)(void *ud, struct db *db, long long run_id,
                         long long doc_id, struct report_doc *rd, char *err,
                         size_t errlen);
    void *ud;
};
cc_result cli_check_run(const struct cc_config *c,
                        const struct cli_check_hooks *hooks, bool *failing,
                        char *err, size_t errlen);

/* cli/recheck.c: check stored documents again, report what changed. */
cc_result cli_recheck(const struct cc_config *c, bool *failing, char *err,
                      size_t errlen);
/* cli/history.c: past fetches of a URL or past runs of a document. */
cc_result cli_history(const struct cc_config *c, char *err, size_t errlen);

/* Shared by the commands (cli/common.c). */
struct fetch_opts;
void cli_fetch_opts(const struct cc_config *c, struct fetch_opts *o);
/* A robots.txt cache in the database (answers younger than 24 h): rc
 * borrows r, which borrows db and lock.  lock (or NULL) is held around
 * each use of db, for a connection another thread also writes through. */
struct db;
struct fetch_robots_cache;
struct cli_robots {
    struct db *db;
    pthread_mutex_t *lock;
};
void cli_robots_cache(struct cli_robots *r, struct db *db,
                      pthread_mutex_t *lock, struct fetch_robots_cache *rc);
/* Open -o FILE or stdout; *opened tells whether to fclose. */
cc_result cli_open_output(const struct cc_config *c, FILE **out, bool *opened,
                          char *err, size_t errlen);
cc_result cli_close_output(const struct cc_config *c, FILE *out, bool opened,
                           char *err, size_t errlen);
/* Progress on stderr while fetching (cli/progress.c): NULL (and every
 * call a no-op) unless stderr is a terminal and -q is off.  step is called
 * from the fetch done callback; free clears the line. */
struct cli_progress;
struct fetch_result;
struct cli_progress *cli_progress_new(const struct cc_config *c, size_t total);
void cli_progress_step(struct cli_progress *pg, const struct fetch_result *r);
void cli_progress_free(struct cli_progress **pg);
/* Whether text output to out gets ANSI colour. */
bool cli_use_color(const struct cc_config *c, FILE *out);

#endif
