/*
 * config/options.c -- the option table, argv parsing, the INI config file
 * and --help.  The table is sorted by long name (a unit test checks it);
 * each entry names the field it sets and the parser that converts text.
 */
#include "config/config.h"

#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/report.h"
#include "verify/check.h"

typedef cc_result (*opt_parser)(struct cc_config *c, size_t off,
                                const char *val, char *err, size_t errlen);

struct option_def {
    const char *name;   /* long name without "--" */
    char shortopt;      /* 0 when none */
    const char *arg;    /* argument name for help, NULL for a flag */
    opt_parser parse;
    size_t off;         /* field in struct cc_config */
    const char *help;
};

#define FIELD(f) offsetof(struct cc_config, f)
#define AT(c, off, T) ((T *)(void *)((char *)(c) + (off)))

static cc_result p_flag(struct cc_config *c, size_t off, const char *v,
                        char *err, size_t errlen)
{
    if (v && strcmp(v, "true") != 0 && strcmp(v, "1") != 0 &&
        strcmp(v, "yes") != 0) {
        if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0 ||
            strcmp(v, "no") == 0) {
            *AT(c, off, bool) = false;
            return CC_OK;
        }
        cc_errf(err, errlen, "expected true or false, got '%s'", v);
        return CC_EUSAGE;
    }
    *AT(c, off, bool) = true;
    return CC_OK;
}

static cc_result p_string(struct cc_config *c, size_t off, const char *v,
                          char *err, size_t errlen)
{
    char **p = AT(c, off, char *);

    if (!*v) {
        cc_errf(err, errlen, "expected a value");
        return CC_EUSAGE;
    }
    free(*p);
    *p = cc_strdup(v);
    return CC_OK;
}

static cc_result parse_long(const char *v, long lo, long hi, long *out,
                            char *err, size_t errlen)
{
    char *end;
    long x;

    errno = 0;
    x = strtol(v, &end, 10);
    if (errno || end == v || *end || x < lo || x > hi) {
        cc_errf(err, errlen, "expected a whole number from %ld to %ld, got "
                             "'%s'", lo, hi, v);
        return CC_EUSAGE;
    }
    *out = x;
    return CC_OK;
}

static cc_result p_jobs(struct cc_config *c, size_t off, const char *v,
                        char *err, size_t errlen)
{
    long x;
    cc_result result = parse_long(v, 1, 1024, &x, err, errlen);

    if (result == CC_OK)
        *AT(c, off, int) = (int)x;
    return result;
}

static cc_result p_redirects(struct cc_config *c, size_t off, const char *v,
                             char *err, size_t errlen)
{
    long x;
    cc_result result = parse_long(v, 0, 50, &x, err, errlen);

    if (result == CC_OK)
        *AT(c, off, int) = (int)x;
    return result;
}

static cc_result p_seconds(struct cc_config *c, size_t off, const char *v,
                           char *err, size_t errlen)
{
    return parse_long(v, 1, 86400, AT(c, off, long), err, errlen);
}

static cc_result p_max_age(struct cc_config *c, size_t off, const char *v,
                           char *err, size_t errlen)
{
    return parse_long(v, 0, LONG_MAX / 2, AT(c, off, long), err, errlen);
}

static cc_result p_bytes(struct cc_config *c, size_t off, const char *v,
                         char *err, size_t errlen)
{
    return parse_long(v, 1024, 1L << 30, AT(c, off, long), err, errlen);
}

static cc_result p_format(struct cc_config *c, size_t off, const char *v,
                          char *err, size_t errlen)
{
    int f = report_format_parse(v);

    if (f < 0) {
        cc_errf(err, errlen, "unknown format '%s' (text, json, sarif, junit, "
                             "html, md)", v);
        return CC_EUSAGE;
    }
    *AT(c, off, int) = f;
    return CC_OK;
}

static cc_result p_fail_on(struct cc_config *c, size_t off, const char *v,
                           char *err, size_t errlen)
{
    int s = severity_parse(v);

    if (s < 0) {
        cc_errf(err, errlen, "expected error, warning, info or never, got "
                             "'%s'", v);
        return CC_EUSAGE;
    }
    *AT(c, off, int) = s;
    return CC_OK;
}

static cc_result p_date(struct cc_config *c, size_t off, const char *v,
                        char *err, size_t errlen)
{
    struct cc_date d;

    if (strlen(v) != 10 || !cc_date_parse_iso(v, &d)) {
        cc_errf(err, errlen, "expected a date YYYY-MM-DD, got '%s'", v);
        return CC_EUSAGE;
    }
    *AT(c, off, struct cc_date) = d;
    return CC_OK;
}

static cc_result p_map(struct cc_config *c, size_t off, const char *v,
                       char *err, size_t errlen)
{
    const char *eq = strchr(v, '=');

    (void)off;
    if (!eq || eq == v || !eq[1]) {
        cc_errf(err, errlen, "expected FROM=TO, got '%s'", v);
        return CC_EUSAGE;
    }
    c->maps = cc_realloc(c->maps, (c->nmaps + 1) * sizeof *c->maps);
    c->maps[c->nmaps].from = cc_strndup(v, (size_t)(eq - v));
    c->maps[c->nmaps].to = cc_strdup(eq + 1);
    c->nmaps++;
    return CC_OK;
}

static cc_result p_count(struct cc_config *c, size_t off, const char *v,
                         char *err, size_t errlen)
{
    (void)v;
    (void)err;
    (void)errlen;
    (*AT(c, off, int))++;
    return CC_OK;
}

static cc_result p_color(struct cc_config *c, size_t off, const char *v,
                         char *err, size_t errlen)
{
    int *p = AT(c, off, int);

    if (strcmp(v, "auto") == 0)
        *p = -1;
    else if (strcmp(v, "never") == 0)
        *p = 0;
    else if (strcmp(v, "always") == 0)
        *p = 1;
    else {
        cc_errf(err, errlen, "expected auto, always or never, got '%s'", v);
        return CC_EUSAGE;
    }
    return CC_OK;
}

static cc_result p_host_delay(struct cc_config *c, size_t off, const char *v,
                              char *err, size_t errlen)
{
    return parse_long(v, 0, 600000, AT(c, off, long), err, errlen);
}

static cc_result p_retries(struct cc_config *c, size_t off, const char *v,
                           char *err, size_t errlen)
{
    long x;
    cc_result result = parse_long(v, 0, 10, &x, err, errlen);

    if (result == CC_OK)
        *AT(c, off, int) = (int)x;
    return result;
}

static cc_result p_retry_after(struct cc_config *c, size_t off,
                               const char *v, char *err, size_t errlen)
{
    return parse_long(v, 0, 86400, AT(c, off, long), err, errlen);
}

/* A robots.txt product token: letters, '-' and '_' (RFC 9309 2.2.1). */
static cc_result p_agent_token(struct cc_config *c, size_t off,
                               const char *v, char *err, size_t errlen)
{
    for (const char *p = v; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              *p == '-' || *p == '_')) {
            cc_errf(err, errlen, "expected a product token (letters, '-', "
                                 "'_'), got '%s'", v);
            return CC_EUSAGE;
        }
    return p_string(c, off, v, err, errlen);
}

/* Sorted by name. */
static const struct option_def options[] = {
    {"allow-private", 0, NULL, p_flag, FIELD(allow_private),
     "allow fetching from loopback and private addresses"},
    {"archive", 0, "URL", p_string, FIELD(archive),
     "for dead sources, check against the archived copy closest to the "
     "reference's date: URL or wayback:URL is a Wayback-style availability "
     "endpoint, memento:URL a Memento TimeGate (RFC 7089)"},
    {"as-of", 0, "YYYY-MM-DD", p_date, FIELD(as_of),
     "the article's date (default: latest date among its references)"},
    {"baseline", 0, "FILE", p_string, FIELD(baseline),
     "accepted findings (a check --format json report): ignored for the "
     "exit code"},
    {"cacert", 0, "FILE", p_string, FIELD(cacert),
     "extra CA certificates (PEM) to trust"},
    {"color", 0, "WHEN", p_color, FIELD(color),
     "colour in text output: auto, always, never (NO_COLOR is honoured)"},
    {"config", 0, "FILE", p_string, FIELD(config_file),
     "INI config file (also $CITECHECK_CONFIG)"},
    {"connect-timeout", 0, "SECONDS", p_seconds, FIELD(connect_timeout),
     "connect timeout per transfer (default 10)"},
    {"db", 0, "FILE", p_string, FIELD(db_path),
     "SQLite database (default $XDG_DATA_HOME/citecheck/citecheck.db)"},
    {"fail-on", 0, "LEVEL", p_fail_on, FIELD(fail_on),
     "lowest severity that makes check exit 1: error, warning, info, never"},
    {"format", 0, "FMT", p_format, FIELD(format),
     "report format: text, json, sarif, junit, html, md (check; the other "
     "commands: text, json)"},
    {"help", 'h', NULL, p_flag, FIELD(help), "show help"},
    {"host-delay", 0, "MS", p_host_delay, FIELD(host_delay),
     "least time between two requests to one host (default 250)"},
    {"jobs", 'j', "N", p_jobs, FIELD(jobs), "concurrent fetches (default 8)"},
    {"map", 0, "FROM=TO", p_map, 0,
     "rewrite URLs starting with FROM to start with TO (repeatable)"},
    {"max-age", 0, "SECONDS", p_max_age, FIELD(max_age),
     "reuse stored responses younger than this (default 86400)"},
    {"max-bytes", 0, "N", p_bytes, FIELD(max_bytes),
     "largest decoded response body (default 10485760)"},
    {"max-redirects", 0, "N", p_redirects, FIELD(max_redirects),
     "redirects followed per URL (default 10)"},
    {"max-retry-after", 0, "SECONDS", p_retry_after, FIELD(max_retry_after),
     "longest Retry-After (or backoff) waited before a retry (default 60)"},
    {"offline", 0, NULL, p_flag, FIELD(offline),
     "use only stored responses; never touch the network"},
    {"output", 'o', "FILE", p_string, FIELD(output),
     "write the report to FILE instead of stdout"},
    {"per-host", 0, "N", p_jobs, FIELD(per_host),
     "concurrent connections per host (default 2)"},
    {"quiet", 'q', NULL, p_flag, FIELD(quiet), "no progress or notes on stderr"},
    {"replay", 0, "FILE", p_string, FIELD(replay),
     "take every response from this WARC file (see --warc); no network"},
    {"retries", 0, "N", p_retries, FIELD(retries),
     "retries after 5xx, 408, 429 or a timeout, never other 4xx (default 3)"},
    {"robots-agent", 0, "TOKEN", p_agent_token, FIELD(robots_agent),
     "product token looked up in robots.txt (default citecheck)"},
    {"timeout", 0, "SECONDS", p_seconds, FIELD(timeout),
     "whole-transfer timeout (default 30)"},
    {"user-agent", 0, "STRING", p_string, FIELD(user_agent),
     "User-Agent header (default citecheck/VERSION)"},
    {"verbose", 'v', NULL, p_count, FIELD(verbose),
     "more detail (text report lists supported claims' evidence)"},
    {"version", 0, NULL, p_flag, FIELD(version), "print the version"},
    {"warc", 0, "FILE", p_string, FIELD(warc),
     "write every request and response as WARC/1.1 records to FILE"},
};

#define NOPTIONS (sizeof options / sizeof *options)

bool cfg_table_sorted(void)
{
    for (size_t i = 1; i < NOPTIONS; i++)
        if (strcmp(options[i - 1].name, options[i].name) >= 0)
            return false;
    return true;
}

static const struct option_def *find_long(const char *name, size_t len)
{
    size_t lo = 0, hi = NOPTIONS;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int cmp = strncmp(options[mid].name, name, len);

        if (cmp == 0 && options[mid].name[len] != '\0')
            cmp = 1;
        if (cmp == 0)
            return &options[mid];
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static const struct option_def *find_short(char c)
{
    for (size_t i = 0; i < NOPTIONS; i++)
        if (options[i].shortopt == c)
            return &options[i];
    return NULL;
}

void cfg_defaults(struct cc_config *c)
{
    memset(c, 0, sizeof *c);
    c->format = RF_TEXT;
    c->fail_on = SEV_ERROR;
    c->jobs = 8;
    c->per_host = 2;
    c->max_age = 86400;
    c->timeout = 30;
    c->connect_timeout = 10;
    c->max_bytes = 10L << 20;
    c->max_redirects = 10;
    c->host_delay = 250;
    c->retries = 3;
    c->max_retry_after = 60;
    c->color = -1;
}

void cfg_free(struct cc_config *c)
{
    for (size_t i = 0; i < c->ninputs; i++)
        free(c->inputs[i]);
    free(c->inputs);
    for (size_t i = 0; i < c->nmaps; i++) {
        free(c->maps[i].from);
        free(c->maps[i].to);
    }
    free(c->maps);
    free(c->output);
    free(c->db_path);
    free(c->config_file);
    free(c->config_used);
    free(c->baseline);
    free(c->user_agent);
    free(c->cacert);
    free(c->robots_agent);
    free(c->warc);
    free(c->replay);
    free(c->archive);
    cfg_defaults(c);
}

/* ---- config file --------------------------------------------------------- */

struct ini_state {
    struct cc_config *c;
    const char *path;
    char *err;
    size_t errlen;
    bool failed;
};

/* inih (Debian's build) passes no line number: the handler keeps its
 * message and ini_parse_file() returns the line of the first error. */
static int on_ini_entry(void *user, const char *section, const char *name,
                        const char *value)
{
    struct ini_state *st = user;
    const struct option_def *o;
    char why[CC_ERRLEN];

    if (st->failed)
        return 0;
    if (*section && strcmp(section, "citecheck") != 0) {
        cc_errf(st->err, st->errlen, "unknown section [%s] (use [citecheck])",
                section);
        st->failed = true;
        return 0;
    }
    o = find_long(name, strlen(name));
    if (!o || o->parse == p_count || strcmp(name, "help") == 0 ||
        strcmp(name, "version") == 0 || strcmp(name, "config") == 0) {
        cc_errf(st->err, st->errlen, "unknown key '%s'", name);
        st->failed = true;
        return 0;
    }
    if (o->parse(st->c, o->off, value, why, sizeof why) != CC_OK) {
        cc_errf(st->err, st->errlen, "%s: %s", name, why);
        st->failed = true;
        return 0;
    }
    return 1;
}

static cc_result load_file(struct cc_config *c, const char *path, char *err,
                           size_t errlen)
{
    struct ini_state st = {c, path, err, errlen, false};
    FILE *f = fopen(path, "r");
    int rc;

    if (!f) {
        cc_errf(err, errlen, "%s: %s", path, strerror(errno));
        return CC_EUSAGE;
    }
    rc = ini_parse_file(f, on_ini_entry, &st);
    fclose(f);
    if (st.failed) {
        char msg[CC_ERRLEN];

        snprintf(msg, sizeof msg, "%s", err);
        cc_errf(err, errlen, "%s:%d: %s", path, rc, msg);
        return CC_EUSAGE;
    }
    if (rc != 0) {
        cc_errf(err, errlen, "%s:%d: not a valid INI line", path, rc);
        return CC_EUSAGE;
    }
    return CC_OK;
}

/* ---- command line -------------------------------------------------------- */

static enum cfg_command parse_command(const char *s)
{
    if (strcmp(s, "check") == 0)
        return CMD_CHECK;
    if (strcmp(s, "extract") == 0)
        return CMD_EXTRACT;
    if (strcmp(s, "page") == 0)
        return CMD_PAGE;
    if (strcmp(s, "fetch") == 0)
        return CMD_FETCH;
    if (strcmp(s, "recheck") == 0)
        return CMD_RECHECK;
    if (strcmp(s, "history") == 0)
        return CMD_HISTORY;
    return CMD_NONE;
}

static void add_input(struct cc_config *c, const char *s)
{
    c->inputs = cc_realloc(c->inputs, (c->ninputs + 1) * sizeof *c->inputs);
    c->inputs[c->ninputs++] = cc_strdup(s);
}

/* One pass over argv.  When only_config, just find --config. */
static cc_result parse_argv(struct cc_config *c, int argc, char **argv,
                            bool only_config, char *err, size_t errlen)
{
    bool no_more_options = false;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const struct option_def *o = NULL;
        const char *val = NULL;
        char why[CC_ERRLEN];
        char shown[64];

        if (no_more_options || a[0] != '-' || strcmp(a, "-") == 0) {
            if (only_config)
                continue;
            if (c->command == CMD_NONE) {
                c->command = parse_command(a);
                if (c->command == CMD_NONE) {
                    cc_errf(err, errlen, "unknown command '%s' (check, "
                                         "recheck, history, extract, page, "
                                         "fetch; see citecheck --help)", a);
                    return CC_EUSAGE;
                }
            } else {
                add_input(c, a);
            }
            continue;
        }
        if (strcmp(a, "--") == 0) {
            no_more_options = true;
            continue;
        }
        if (a[1] == '-') {
            const char *eq = strchr(a + 2, '=');
            size_t n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);

            o = find_long(a + 2, n);
            if (eq)
                val = eq + 1;
            snprintf(shown, sizeof shown, "--%.*s", (int)n, a + 2);
        } else {
            o = find_short(a[1]);
            if (a[2])
                val = a + 2;
            snprintf(shown, sizeof shown, "-%c", a[1]);
        }
        if (!o) {
            cc_errf(err, errlen, "unknown option '%s' (see --help)", shown);
            return CC_EUSAGE;
        }
        if (o->arg && !val) {
            if (i + 1 >= argc) {
                cc_errf(err, errlen, "%s needs a value (%s)", shown, o->arg);
                return CC_EUSAGE;
            }
            val = argv[++i];
        } else if (!o->arg && val && a[1] != '-') {
            cc_errf(err, errlen, "%s takes no value", shown);
            return CC_EUSAGE;
        }
        if (only_config != (o->off == FIELD(config_file) &&
                            o->parse == p_string))
            continue;
        if (o->parse(c, o->off, val, why, sizeof why) != CC_OK) {
            cc_errf(err, errlen, "%s: %s", shown, why);
            return CC_EUSAGE;
        }
    }
    return CC_OK;
}

/* The config file to read: --config, $CITECHECK_CONFIG (both must exist),
 * else the first of ./citecheck.conf and the per-user file that exists.
 * NULL when none; caller frees. */
static char *find_config(const struct cc_config *c)
{
    const char *env = getenv("CITECHECK_CONFIG");
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    char *user = NULL;

    if (c->config_file)
        return cc_strdup(c->config_file);
    if (env && *env)
        return cc_strdup(env);
    if (access("citecheck.conf", F_OK) == 0)
        return cc_strdup("citecheck.conf");
    if (xdg && xdg[0] == '/')
        user = cc_asprintf("%s/citecheck/config", xdg);
    else if (home && *home)
        user = cc_asprintf("%s/.config/citecheck/config", home);
    if (user && access(user, F_OK) != 0) {
        free(user);
        user = NULL;
    }
    return user;
}

/* The environment variables that set options (flags > env > file). */
static const struct {
    const char *var;
    const char *option;
} env_options[] = {
    {"CITECHECK_DB", "db"},
    {"CITECHECK_FAIL_ON", "fail-on"},
    {"CITECHECK_FORMAT", "format"},
};

static cc_result load_env(struct cc_config *c, char *err, size_t errlen)
{
    for (size_t i = 0; i < sizeof env_options / sizeof *env_options; i++) {
        const char *v = getenv(env_options[i].var);
        const struct option_def *o;
        char why[CC_ERRLEN];

        if (!v || !*v)
            continue;
        o = find_long(env_options[i].option, strlen(env_options[i].option));
        if (o && o->parse(c, o->off, v, why, sizeof why) != CC_OK) {
            cc_errf(err, errlen, "$%s: %s (fix or unset the variable)",
                    env_options[i].var, why);
            return CC_EUSAGE;
        }
    }
    return CC_OK;
}

cc_result cfg_load(struct cc_config *c, int argc, char **argv, char *err,
                   size_t errlen)
{
    cc_result result;
    char *file;

    result = parse_argv(c, argc, argv, true, err, errlen);
    if (result != CC_OK)
        return result;
    file = find_config(c);
    if (file) {
        result = load_file(c, file, err, errlen);
        if (result != CC_OK) {
            free(file);
            return result;
        }
        free(c->config_used);
        c->config_used = file;
    }
    result = load_env(c, err, errlen);
    if (result != CC_OK)
        return result;
    return parse_argv(c, argc, argv, false, err, errlen);
}

char *cfg_map_url(const struct cc_config *c, const char *url)
{
    for (size_t i = 0; i < c->nmaps; i++) {
        size_t n = strlen(c->maps[i].from);

        if (strncmp(url, c->maps[i].from, n) == 0)
            return cc_asprintf("%s%s", c->maps[i].to, url + n);
    }
    return cc_strdup(url);
}

char *cfg_unmap_url(const struct cc_config *c, const char *url)
{
    for (size_t i = 0; i < c->nmaps; i++) {
        size_t n = strlen(c->maps[i].to);

        if (strncmp(url, c->maps[i].to, n) == 0)
            return cc_asprintf("%s%s", c->maps[i].from, url + n);
    }
    return cc_strdup(url);
}

void cfg_usage(FILE *out, enum cfg_command cmd)
{
    static const char *const what[] = {
        [CMD_NONE] = "usage: citecheck COMMAND [options] ARGS\n\n"
                     "commands:\n"
                     "  check ARTICLE...   ingest, fetch, extract, verify, "
                     "report\n"
                     "  extract FILE       figures and dates found in a text "
                     "('-' = stdin)\n"
                     "  page FILE|URL      what citecheck reads from one web "
                     "page\n"
                     "  fetch URL...       fetch and store only ('-' = URLs "
                     "from stdin)\n"
                     "  recheck [DOC...]   check stored documents again and "
                     "report what changed\n"
                     "  history URL|DOC    past fetches of a URL, past runs "
                     "of a document\n\n"
                     "'citecheck COMMAND --help' shows examples; 'man -l "
                     "citecheck.1' the manual.\n",
        [CMD_CHECK] = "usage: citecheck check ARTICLE... [options]\n\n"
                      "examples:\n  citecheck check paper.txt --format json "
                      "-o report.json\n"
                      "  citecheck check docs/*.md --fail-on warning\n"
                      "  citecheck check paper.txt --baseline accepted.json"
                      "   # CI: only new findings fail\n",
        [CMD_EXTRACT] = "usage: citecheck extract [--format json] FILE\n\n"
                        "example:\n  echo '$3.8 billion in 2024' | citecheck "
                        "extract -\n",
        [CMD_PAGE] = "usage: citecheck page [--format json] FILE|URL\n\n"
                     "example:\n  citecheck page https://example.org/news/1\n",
        [CMD_FETCH] = "usage: citecheck fetch [--format json] URL...\n\n"
                      "example:\n  citecheck fetch - -j 16 < urls.txt\n",
        [CMD_RECHECK] = "usage: citecheck recheck [DOC...] [options]\n\n"
                        "Checks again every document stored in the database "
                        "(or the DOCs given,\nas they were named to check), "
                        "fetching every source anew, and reports\nwhat "
                        "changed since the document's previous run: new and "
                        "resolved\nfindings, newly unreachable sources, "
                        "changed pages.  A document whose\nfile is gone is "
                        "rebuilt from the stored sentences and references.\n"
                        "\nexamples:\n  citecheck recheck\n"
                        "  citecheck recheck paper.txt --format json\n",
        [CMD_HISTORY] = "usage: citecheck history URL|DOC [options]\n\n"
                        "A URL lists its stored fetches (time, status, body "
                        "hash, changed);\na DOC (as named to check) its runs "
                        "(time, findings per severity).\n\nexamples:\n"
                        "  citecheck history https://example.org/news/1\n"
                        "  citecheck history paper.txt --format json\n",
    };

    fputs(what[cmd], out);
    fputs("\noptions:\n", out);
    for (size_t i = 0; i < NOPTIONS; i++) {
        char left[48];

        if (options[i].shortopt)
            snprintf(left, sizeof left, "-%c, --%s%s%s", options[i].shortopt,
                     options[i].name, options[i].arg ? " " : "",
                     options[i].arg ? options[i].arg : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", options[i].name,
                     options[i].arg ? " " : "",
                     options[i].arg ? options[i].arg : "");
        fprintf(out, "  %-30s %s\n", left, options[i].help);
    }
    fputs("\nconfiguration: flags > environment (CITECHECK_DB, CITECHECK_FORMAT,"
          "\nCITECHECK_FAIL_ON) > the first config file found of --config, "
          "$CITECHECK_CONFIG,\n./citecheck.conf, $XDG_CONFIG_HOME/citecheck/"
          "config > defaults\n", out);
    fputs("\nexit codes: 0 nothing at or above --fail-on, 1 findings at or "
          "above it,\n2 bad usage or unreadable input, 3 internal or storage "
          "failure\n", out);
}
