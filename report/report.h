/*
 * report/report.h -- findings and command results written for people
 * (text, md, html) and machines (json, sarif, junit).  Untrusted text
 * (page titles, footnotes, snippets) is always escaped for the target:
 * JSON via jansson (invalid UTF-8 bytes escaped, never passed through),
 * terminal text with control and bidi characters shown as escapes, XML,
 * HTML and Markdown through report/markup.c.  `check` writes all six
 * formats; extract, page and fetch write text and json.
 */
#ifndef CC_REPORT_H
#define CC_REPORT_H

#include <stdio.h>

#include "common/cc.h"
#include "crawler/fetch.h"
#include "parser/document.h"
#include "parser/page.h"
#include "verify/check.h"
#include "verify/extract.h"

enum report_format { RF_TEXT = 0, RF_JSON, RF_SARIF, RF_JUNIT, RF_HTML, RF_MD };

/* Parse a --format name; returns -1 when unknown. */
int report_format_parse(const char *name);
/* True when this build can write the format. */
bool report_format_supported(enum report_format f);

struct report_opts {
    bool color;        /* ANSI colour in text output (caller decides: tty and
                          no NO_COLOR) */
    bool verbose;      /* text: also list supported claims' evidence */
};

struct report_changes;

/* One checked document, borrowed for the duration of the call. */
struct report_doc {
    const struct doc *doc;
    struct cc_date as_of;
    const struct check_source *src;   /* one per reference that has one */
    size_t nsrc;
    const struct check_report *rep;
    /* Optional (NULL = none): baselined[i] marks rep->f[i] as accepted in
     * --baseline (json "baselined": true, text dimmed); changes since the
     * document's previous run (recheck; json "changes"). */
    const bool *baselined;
    const struct report_changes *changes;
};

/* The `check` report over all documents (CONTRACT.md's shape for json).
 * Returns CC_EIO when writing fails. */
cc_result report_check(FILE *out, enum report_format f,
                       const struct report_opts *o,
                       const struct report_doc *docs, size_t ndocs,
                       char *err, size_t errlen);

/* `extract`: quantities and dates found in text (CONTRACT.md's shape).
 * Lines are computed from the spans in text (1-based). */
cc_result report_extract(FILE *out, enum report_format f,
                         const struct report_opts *o, const char *text,
                         size_t len, const struct extract_result *r,
                         char *err, size_t errlen);

/* `page`: what was read from one page (CONTRACT.md's shape). */
cc_result report_page(FILE *out, enum report_format f,
                      const struct report_opts *o, const struct page *p,
                      char *err, size_t errlen);

/* `fetch`: one line per URL (json: url, status, final_url, bytes, error). */
cc_result report_fetch_line(FILE *out, enum report_format f,
                            const struct report_opts *o, const char *cited_url,
                            const struct fetch_result *r, char *err,
                            size_t errlen);

/* Write s to out for a terminal: printable UTF-8 as is; C0/C1 controls,
 * DEL, bidi overrides/isolates and invalid bytes as \xNN or \u{XXXX}. */
void report_term_escape(FILE *out, const char *s, size_t len);

/* ---- recheck, history, baseline (report/history.c) ------------------ */

/* A finding as compared between runs; strings borrowed. */
struct report_change_finding {
    const char *kind, *severity;
    const char *ref;             /* NULL = none */
    int line;                    /* 0 = none */
    const char *claim_text;      /* may be NULL */
    bool has_value;
    double value;
    const char *unit;            /* may be NULL */
    const char *message;
};

/* A cited URL that changed between runs; strings borrowed. */
struct report_change_url {
    const char *ref;             /* footnote label */
    const char *url;             /* as cited */
    long status;                 /* now; 0 = no response */
    const char *error;           /* now; NULL = none */
    const char *old_hash, *new_hash;   /* body_hash before and now */
};

/* What changed in a document since its previous run. */
struct report_changes {
    long long prev_run_id;       /* 0 = no previous run (all findings new) */
    long long prev_checked_at;   /* unix seconds */
    bool doc_changed;            /* the article's text differs */
    bool rebuilt;                /* file gone: rebuilt from the database */
    const struct report_change_finding *added, *resolved;
    size_t nadded, nresolved;
    const struct report_change_url *unreachable, *changed;
    size_t nunreachable, nchanged;
};

/* One stored fetch of a URL, for `history URL`. */
struct report_fetch_hist {
    long long fetched_at, run_id;
    long status;
    const char *error, *body_hash, *final_url;
    bool changed;                /* body differs from the previous good one */
};

/* One stored check of a document, for `history DOC`. */
struct report_doc_hist {
    long long checked_at, run_id;
    const char *content_hash, *as_of;
    long long nclaims;           /* -1 = unknown */
    long long count[3];          /* findings per severity */
    bool doc_changed;            /* text differs from the previous check */
};

/* `history`: exactly one of fetches/docs is non-NULL (n rows, newest
 * first); subject is the URL or path asked for.  text and json only
 * (other formats fall back to json). */
cc_result report_history(FILE *out, enum report_format f,
                         const struct report_opts *o, const char *subject,
                         const struct report_fetch_hist *fetches,
                         const struct report_doc_hist *docs, size_t n,
                         char *err, size_t errlen);

/* Accepted findings read from a `check --format json` report. */
struct report_baseline;

/* Read path.  CC_EUSAGE with a message naming the file when it cannot be
 * read or is not such a report.  Caller frees with report_baseline_free. */
cc_result report_baseline_load(const char *path, struct report_baseline **out,
                               char *err, size_t errlen);
void report_baseline_free(struct report_baseline **b);
/* True when f matches an accepted finding: same kind, footnote, claim
 * sentence and value (the document's path and the line do not count, so
 * moved files and edits elsewhere keep their baseline). */
bool report_baseline_has(const struct report_baseline *b,
                         const struct finding *f);

#endif
