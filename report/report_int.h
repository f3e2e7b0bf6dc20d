/*
 * report/report_int.h -- what the files of report/ share; not for other
 * modules (they use report/report.h).
 */
#ifndef CC_REPORT_INT_H
#define CC_REPORT_INT_H

#include "report/report.h"

/* Length (1..4) of the well-formed UTF-8 sequence at s[0..len), storing
 * its code point in *cp; 0 when s starts with an invalid byte (overlong
 * forms, surrogates, code points past U+10FFFF, truncated sequences). */
size_t report_utf8_seq(const unsigned char *s, size_t len, unsigned *cp);

/* True when s[0..len) is well-formed UTF-8 (NUL bytes count as valid). */
bool report_utf8_valid(const char *s, size_t len);

/* A copy of s[0..len) with every invalid byte replaced by U+FFFD, so the
 * result is well-formed UTF-8.  NUL-terminated; its length goes to
 * *outlen.  Caller frees with free(). */
char *report_utf8_clean(const char *s, size_t len, size_t *outlen);

/* "json", "text", ... for a format value; "?" when out of range. */
const char *report_format_name(enum report_format f);

/* Flush out and turn a write error into CC_EIO with a message. */
cc_result report_finish(FILE *out, char *err, size_t errlen);

/* Number of the line (1-based) that byte offset off of text falls on;
 * nl[0..nnl) are the offsets of text's '\n' bytes, ascending. */
int report_line_of(const size_t *nl, size_t nnl, size_t off);
/* Offsets of the '\n' bytes of text; caller frees *nl. */
size_t report_newlines(const char *text, size_t len, size_t **nl);

/* The writers behind report_check() & co., one per format. */
cc_result report_json_check(FILE *out, const struct report_doc *docs,
                            size_t ndocs, char *err, size_t errlen);
cc_result report_json_extract(FILE *out, const char *text, size_t len,
                              const struct extract_result *r, char *err,
                              size_t errlen);
cc_result report_json_page(FILE *out, const struct page *p, char *err,
                           size_t errlen);
cc_result report_json_fetch_line(FILE *out, const char *cited_url,
                                 const struct fetch_result *r, char *err,
                                 size_t errlen);

cc_result report_text_check(FILE *out, const struct report_opts *o,
                            const struct report_doc *docs, size_t ndocs,
                            char *err, size_t errlen);
cc_result report_text_extract(FILE *out, const struct report_opts *o,
                              const char *text, size_t len,
                              const struct extract_result *r, char *err,
                              size_t errlen);
cc_result report_text_page(FILE *out, const struct report_opts *o,
                           const struct page *p, char *err, size_t errlen);
cc_result report_text_fetch_line(FILE *out, const struct report_opts *o,
                                 const char *cited_url,
                                 const struct fetch_result *r, char *err,
                                 size_t errlen);

/* ---- util.c: shared by the writers ----------------------------------- */

/* Byte length of the first maxchars characters of s[0..len) (an invalid
 * byte counts as one character). */
size_t report_prefix_chars(const char *s, size_t len, size_t maxchars);

/* "$4.3 billion", "4.3 billion KZT", "6,500", "5.1%" into buf. */
void report_fmt_value(char *buf, size_t n, double v, const char *unit_field,
                      size_t unit_size);
/* "~$4.3 billion, 2021, by 2030" from what is known; "" when nothing.
 * buf >= 256 bytes is always enough. */
void report_fmt_facts(char *buf, size_t n, bool has_value, double v,
                      const char *unit, size_t unit_size, bool approx,
                      struct cc_period p, int deadline);

/* Where a claim is in document d, for people: "line 12", for a PDF
 * "page 3, line 12" (line = running line, see doc_page_line()), "-" when
 * line <= 0.  buf >= 48 bytes. */
void report_where(const struct doc *d, int line, char *buf, size_t n);

/* A label field (DOC_MAX_LABEL bytes, maybe unterminated) as a string. */
void report_label_copy(char dst[DOC_MAX_LABEL + 1], const char *src);
bool report_label_eq(const char *a, const char *b);
/* Numeric labels in numeric order first, then the others by bytes. */
int report_label_cmp(const char *la, const char *lb);
/* qsort comparator over const struct doc_ref *: label order, then
 * document order. */
int report_ref_cmp(const void *x, const void *y);
/* The source entry of ref in rd, or NULL; borrowed from rd. */
const struct check_source *report_source_of(const struct report_doc *rd,
                                            const struct doc_ref *ref);

/* ---- markup.c: XML, HTML and Markdown escaping ------------------------ */

enum report_markup { RM_XML, RM_HTML, RM_MD };
#define RM_ONELINE 1u   /* whitespace runs -> one space, trimmed */

/* Write s[0..len) escaped for m: invalid bytes as U+FFFD, controls
 * dropped, bidi controls shown as "\u{XXXX}", markup characters escaped
 * (markup.c's comment has the rules).  maxchars > 0 cuts with "…". */
void report_markup(FILE *out, enum report_markup m, const char *s,
                   size_t len, size_t maxchars, unsigned flags);
void report_markup_str(FILE *out, enum report_markup m, const char *s,
                       size_t maxchars, unsigned flags);
/* True for an absolute http(s) URL without spaces or controls. */
bool report_url_linkable(const char *url);
/* The evidence of f, a line each, escaped for m: OPEN label CLOSE (or
 * LINE_PREFIX and the article line for evidence without a footnote), the
 * snippet cut at snippet_chars, its facts in parentheses. */
void report_evidence_lines(FILE *out, enum report_markup m,
                           const struct finding *f, const char *open,
                           const char *close, const char *line_prefix,
                           size_t snippet_chars);
/* path as a URI reference (percent-encoded; absolute -> file://).
 * Caller frees with free(). */
char *report_path_uri(const char *path);
void report_sha256(const void *s, size_t len, unsigned char out[32]);
/* "sha256-BASE64" of the NUL-terminated s; buf >= 52 bytes. */
void report_csp_hash(const char *s, char *buf, size_t n);

/* What a finding kind means (CONTRACT.md's table), one sentence. */
const char *report_kind_meaning(enum finding_kind k);
/* What an editor should do about a finding of kind k. */
const char *report_kind_help(enum finding_kind k);

/* The remaining writers, one file each. */
cc_result report_sarif_check(FILE *out, const struct report_doc *docs,
                             size_t ndocs, char *err, size_t errlen);
cc_result report_junit_check(FILE *out, const struct report_doc *docs,
                             size_t ndocs, char *err, size_t errlen);
cc_result report_md_check(FILE *out, const struct report_doc *docs,
                          size_t ndocs, char *err, size_t errlen);
cc_result report_html_check(FILE *out, const struct report_doc *docs,
                            size_t ndocs, char *err, size_t errlen);

/* report/history.c: a document's changes since its previous run (recheck)
 * as a new JSON object (the "changes" key), and as a text section. */
struct json_t;
struct json_t *report_json_changes(const struct report_changes *c);

/* `history` as JSON (report/json.c). */
cc_result report_json_history(FILE *out, const char *subject,
                              const struct report_fetch_hist *fetches,
                              const struct report_doc_hist *docs, size_t n,
                              char *err, size_t errlen);

/* "2025-11-14T10:00:00Z" into buf; "-" when t <= 0 (report/history.c). */
void report_fmt_time(long long t, char *buf, size_t n);

/* Accepted findings of a --baseline file (read in report/json.c, matched
 * in report/history.c). */
struct baseline_entry {
    char *kind, *ref, *claim;    /* ref/claim NULL = null */
    bool has_value;
    double value;
};

struct report_baseline {
    struct baseline_entry *e;
    size_t n;
};

void report_text_changes(FILE *out, const struct report_opts *o,
                         const struct report_changes *c);

#endif
