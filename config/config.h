/*
 * config/config.h -- one config struct for a run, filled from built-in
 * defaults, then a config file (INI, read with inih), then the command
 * line.  Options live in one sorted table (config/options.c) that also
 * produces --help.
 */
#ifndef CC_CONFIG_H
#define CC_CONFIG_H

#include <stdio.h>

#include "common/cc.h"

enum cfg_command {
    CMD_NONE = 0, CMD_CHECK, CMD_EXTRACT, CMD_PAGE, CMD_FETCH, CMD_RECHECK,
    CMD_HISTORY
};

struct cfg_map {
    char *from;
    char *to;
};

struct cc_config {
    enum cfg_command command;
    char **inputs;           /* articles, files or URLs ("-" = stdin) */
    size_t ninputs;
    int format;              /* enum report_format */
    char *output;            /* NULL = stdout */
    struct cfg_map *maps;
    size_t nmaps;
    char *db_path;           /* NULL = db_default_path() */
    bool offline;
    struct cc_date as_of;    /* unset = default from the references */
    char *config_file;
    char *config_used;       /* the config file that was read, or NULL */
    char *baseline;          /* --baseline FILE: accepted findings (JSON) */
    int fail_on;             /* enum severity, or SEV_ERROR + 1 = never */
    int jobs;
    int per_host;
    bool allow_private;
    long max_age;            /* seconds a stored response is trusted */
    long timeout;            /* seconds, whole transfer */
    long connect_timeout;    /* seconds */
    long max_bytes;          /* decoded body cap */
    int max_redirects;
    char *user_agent;
    char *cacert;
    /* politeness (crawler/fetch.h) */
    long host_delay;         /* ms between requests to one origin */
    int retries;             /* on 5xx, 408, 429, timeouts */
    long max_retry_after;    /* seconds: cap on Retry-After and backoff */
    char *robots_agent;      /* robots.txt product token; NULL = citecheck */
    char *warc;              /* --warc FILE: write fetches as WARC records */
    char *replay;            /* --replay FILE: responses from a WARC only */
    char *archive;           /* --archive URL: Wayback availability API */
    int verbose;             /* -v count */
    bool quiet;
    int color;               /* -1 auto, 0 never, 1 always */
    bool help;
    bool version;
};

/* Built-in defaults. */
void cfg_defaults(struct cc_config *c);

/* Fill c from argv (argv[0] is the program).  Precedence: flags > env >
 * file > defaults.  The file is the first that exists of --config FILE,
 * $CITECHECK_CONFIG, ./citecheck.conf, $XDG_CONFIG_HOME/citecheck/config
 * ($HOME/.config/citecheck/config when XDG_CONFIG_HOME is unset); only the
 * first two are errors when missing.  Environment: CITECHECK_DB,
 * CITECHECK_FORMAT, CITECHECK_FAIL_ON (same values as the flags).
 * CC_EUSAGE with a message naming the option, variable or file:line on
 * bad input. */
cc_result cfg_load(struct cc_config *c, int argc, char **argv, char *err,
                   size_t errlen);

/* Free everything c owns and reset it to defaults. */
void cfg_free(struct cc_config *c);

/* --help text for a command (CMD_NONE = general). */
void cfg_usage(FILE *out, enum cfg_command cmd);

/* Apply --map rules: a new string with the first matching prefix
 * replaced, or a copy of url.  Caller frees. */
char *cfg_map_url(const struct cc_config *c, const char *url);

/* The reverse of cfg_map_url, for reporting where a mapped URL led: the
 * first rule whose TO is a prefix of url is undone.  Caller frees. */
char *cfg_unmap_url(const struct cc_config *c, const char *url);

/* Self-test: the option table is sorted by long name (for tests). */
bool cfg_table_sorted(void);

#endif
