/*
 * parser/document_int.h -- internals shared by parser/document*.c only;
 * no other module includes this header.
 *
 *   document.c       loading, validation, line classification (body,
 *                    headings, footnote blocks, reference section), the
 *                    public API
 *   document_text.c  UTF-8 character classes, the document vocabulary,
 *                    stray-space repair, footnote markers, sentence split
 *   document_ref.c   one reference: URL, title, publisher, date
 *   document_fmt.c   format detection, doc_parse(), and the builder the
 *                    structured formats feed (document_fmt.h)
 *   document_md.c, html_doc.c, document_docx.c, document_pdf.c
 *                    Markdown, HTML, DOCX and PDF articles
 */
#ifndef CC_PARSER_DOCUMENT_INT_H
#define CC_PARSER_DOCUMENT_INT_H

#include "parser/document.h"

#include <stdbool.h>
#include <stddef.h>

/* Footnote labels are numbers 1..DOC_LABEL_MAX. */
#define DOC_LABEL_MAX 999

/* Text with the source line of every byte (ln has len entries).  s is
 * NUL-terminated once anything was added.  Free with doc_tb_free(). */
struct doc_tb {
    char *s;
    int *ln;
    size_t len, cap;
};
void doc_tb_add(struct doc_tb *t, const char *p, size_t n, int line);
void doc_tb_addc(struct doc_tb *t, char c, int line);
void doc_tb_free(struct doc_tb *t);

/* doc_parse_text() with the footnote lines given: note[i] != 0 marks line
 * i + 1 (nnote entries) as footnote text instead of searching for
 * footnote blocks and reference sections (document_pdf.c knows them from
 * font sizes).  note may be NULL (= doc_parse_text()). */
cc_result doc_parse_text_notes(const char *path, const char *data, size_t len,
                               const unsigned char *note, size_t nnote,
                               struct doc **out, char *err, size_t errlen);

/* ---- characters (document_text.c) ------------------------------------ */

/* Decode the UTF-8 sequence at s[i] (i < len); returns its length (>= 1).
 * Invalid bytes decode as U+FFFD with length 1. */
size_t doc_u8_next(const char *s, size_t len, size_t i, unsigned *cp);
/* Start of the character that ends just before s[i] (i > 0); *cp gets it. */
size_t doc_u8_prev(const char *s, size_t i, unsigned *cp);
/* 1 upper-case letter, -1 lower-case letter, 2 letter without known
 * case, 0 not a letter. */
int doc_cp_case(unsigned cp);
bool doc_cp_letter(unsigned cp);
bool doc_cp_apostrophe(unsigned cp);   /* ' ’ ‘ ʻ ʼ ` */
bool doc_cp_closer(unsigned cp);       /* ” " ’ ' ) ] » */
bool doc_cp_opener(unsigned cp);       /* “ " ‘ ' ( [ « „ */

/* s[i] is '.', '!', '?' or the start of '…'.  True when a sentence ends
 * there: closing quotes/brackets may follow, then end of text or
 * whitespace and a capital, digit or opening quote; a '.' after an
 * initial ("K.", "e.g.") or a known abbreviation ("Dr.", "No.") never
 * ends one.  *end gets the offset just past the closers. */
bool doc_sentence_end(const char *s, size_t len, size_t i, size_t *end);

/* ---- vocabulary: words of the document with their counts ------------- */

struct doc_vocab;
struct doc_vocab *doc_vocab_new(void);
/* Count the words of s (letter runs, apostrophes inside words kept;
 * tokens that look like URLs or paths are skipped). */
void doc_vocab_add(struct doc_vocab *v, const char *s, size_t n);
void doc_vocab_free(struct doc_vocab **v);

/* ---- passes over joined text (document_text.c) ----------------------- */

/* Join words split by one stray space where the repair is certain (see
 * document_text.c: scale words, single letters, document vocabulary). */
void doc_repair_words(struct doc_tb *t, const struct doc_vocab *v);
/* Drop spaces before '.' and ',' that follow a word ("rivojlandi ."). */
void doc_tidy_punct(struct doc_tb *t);

struct doc_marker {
    size_t pos;                 /* offset in the text after removal */
    int line;                   /* source line of the marker */
    char label[DOC_MAX_LABEL];
};
struct doc_markers {
    struct doc_marker *m;
    size_t n, cap;
};
/* Remove footnote markers whose label is known (known[1..DOC_LABEL_MAX])
 * from t and append them to out. */
void doc_strip_markers(struct doc_tb *t, const bool *known,
                       struct doc_markers *out);
/* Marker-like numbers in one raw line: first_line[label] gets line when
 * still 0.  Used as evidence when deciding what is a footnote. */
void doc_scan_markers(const char *s, size_t n, int line, int *first_line);

/* Split t into sentences appended to d (cap is d->sentences' capacity);
 * markers with pos in a sentence's span are attached to it.  A heading
 * becomes one segment flagged heading. */
void doc_split(struct doc *d, size_t *cap, const struct doc_tb *t,
               const struct doc_markers *mk, bool heading);

/* ---- references (document_ref.c) ------------------------------------- */

/* Fill r->url/url_line/url_error/title/publisher/date_text/date from the
 * joined reference text t (r->text is set by the caller). */
void doc_ref_analyse(struct doc_ref *r, const struct doc_tb *t);
/* The last token of s[0..n) is a URL (or a piece of one) cut at a place
 * where it must go on: after '-', '/', '_', '=', '&', '.', '%', '~', '+'. */
bool doc_url_open(const char *s, size_t n);
/* s[0..n) starts with a token made only of URL characters. */
bool doc_url_cont(const char *s, size_t n);
/* s[0..n) holds something URL-like ("://", "www.", "doi:"). */
bool doc_has_url(const char *s, size_t n);
/* Parse a date that ends s[0..n) ("7 Apr 2024", "April 7, 2024",
 * "2024-04-07", "07.04.2024", "May 2025", "2024").  Returns true and the
 * offset where it starts. */
bool doc_date_at_end(const char *s, size_t n, struct cc_date *d,
                     size_t *start);

#endif
