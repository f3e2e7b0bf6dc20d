/*
 * cli/common.c -- what the commands share: fetch options from the config,
 * the output stream, colour.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "crawler/fetch.h"
#include "db/db.h"

void cli_fetch_opts(const struct cc_config *c, struct fetch_opts *o)
{
    fetch_opts_default(o);
    o->parallel = c->jobs;
    o->per_host = c->per_host;
    o->connect_timeout_ms = c->connect_timeout * 1000;
    o->total_timeout_ms = c->timeout * 1000;
    o->max_body = (size_t)c->max_bytes;
    o->max_redirects = c->max_redirects;
    o->allow_private = c->allow_private;
    if (c->user_agent)
        o->user_agent = c->user_agent;
    o->cacert = c->cacert;
    o->robots = true;
    o->robots_agent = c->robots_agent;
    o->host_delay_ms = c->host_delay;
    o->retries = c->retries;
    o->max_retry_after_ms = c->max_retry_after * 1000;
}

/* robots.txt answers are trusted for 24 hours (RFC 9309 2.4). */
#define CLI_ROBOTS_MAX_AGE (24 * 60 * 60)

static void rdb_lock(const struct cli_robots *r)
{
    if (r->lock)
        pthread_mutex_lock(r->lock);
}

static void rdb_unlock(const struct cli_robots *r)
{
    if (r->lock)
        pthread_mutex_unlock(r->lock);
}

static bool robots_get(void *ud, const char *robots_url, long *status,
                       char **body, size_t *len)
{
    const struct cli_robots *r = ud;
    char err[CC_ERRLEN];
    bool found = false;
    cc_result result;

    rdb_lock(r);
    result = db_robots_get(r->db, robots_url, CLI_ROBOTS_MAX_AGE, &found,
                           status, body, len, err, sizeof err);
    rdb_unlock(r);
    if (result != CC_OK) {
        free(*body);
        *body = NULL;
        return false;           /* a cache failure only costs a request */
    }
    return found;
}

static void robots_put(void *ud, const char *robots_url, long status,
                       const char *body, size_t len)
{
    const struct cli_robots *r = ud;
    char err[CC_ERRLEN];

    rdb_lock(r);
    (void)db_robots_put(r->db, robots_url, status, body, len, err,
                        sizeof err);
    rdb_unlock(r);
}

void cli_robots_cache(struct cli_robots *r, struct db *db,
                      pthread_mutex_t *lock, struct fetch_robots_cache *rc)
{
    r->db = db;
    r->lock = lock;
    rc->get = robots_get;
    rc->put = robots_put;
    rc->ud = r;
}

cc_result cli_open_output(const struct cc_config *c, FILE **out, bool *opened,
                          char *err, size_t errlen)
{
    *opened = false;
    *out = stdout;
    if (!c->output || strcmp(c->output, "-") == 0)
        return CC_OK;
    *out = fopen(c->output, "w");
    if (!*out) {
        cc_errf(err, errlen, "%s: cannot write: %s", c->output,
                strerror(errno));
        return CC_EIO;
    }
    *opened = true;
    return CC_OK;
}

cc_result cli_close_output(const struct cc_config *c, FILE *out, bool opened,
                           char *err, size_t errlen)
{
    int bad = fflush(out) != 0 || ferror(out);

    if (opened && fclose(out) != 0)
        bad = 1;
    if (bad) {
        cc_errf(err, errlen, "%s: write failed: %s",
                opened ? c->output : "stdout", strerror(errno));
        return CC_EIO;
    }
    return CC_OK;
}

bool cli_use_color(const struct cc_config *c, FILE *out)
{
    const char *nc = getenv("NO_COLOR");

    if (c->color >= 0)
        return c->color == 1;
    if (nc && *nc)
        return false;
    return isatty(fileno(out)) != 0;
}
