/*
 * report/report.h -- findings and command results written for people
 * (text) and machines (json).  Untrusted text (page titles, footnotes,
 * snippets) is always escaped for the target: JSON via jansson (invalid
 * UTF-8 bytes escaped, never passed through), terminal text with control
 * and bidi characters shown as escapes.
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

/* One checked document, borrowed for the duration of the call. */
struct report_doc {
    const struct doc *doc;
    struct cc_date as_of;
    const struct check_source *src;   /* one per reference that has one */
    size_t nsrc;
    const struct check_report *rep;
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

#endif
