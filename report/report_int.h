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

#endif
