/*
 * parser/document_fmt.h -- internals shared by the structured input
 * formats (document_md.c, document_html.c, document_docx.c,
 * document_pdf.c) only; no other module includes this header.
 *
 * A structured format knows exactly where its footnote markers and links
 * are, so it does not guess like the plain-text reader: it feeds text,
 * markers and references into a builder, which splits paragraphs into
 * sentences (doc_split) and reads each reference (doc_ref_analyse) the
 * same way the plain-text reader does.  The model is identical.
 */
#ifndef CC_PARSER_DOCUMENT_FMT_H
#define CC_PARSER_DOCUMENT_FMT_H

#include "parser/document_int.h"

struct docb {
    struct doc *d;
    size_t scap, rcap;
    struct doc_tb seg;          /* the paragraph being collected */
    struct doc_markers mk;      /* its markers (pos = offset in seg) */
    int nlinks;                 /* inline links so far ("L1", "L2", ...) */
    bool space;                 /* a space is pending before the next text */
    bool flat;                  /* LF does not advance the line (DOCX:
                                   lines are paragraph numbers) */
};

/* Start a document: path is copied ("-" when NULL). */
void docb_init(struct docb *b, const char *path, enum doc_format fmt);

/* Append n bytes of inline text starting on source line `line`;
 * whitespace runs (space, tab, CR, LF) collapse to one space, and each LF
 * advances the line.  Returns the line after the text. */
int docb_text(struct docb *b, const char *s, size_t n, int line);
/* The same for any doc_tb (reference text under construction). */
int docb_tb_text(struct doc_tb *t, bool *space, const char *s, size_t n,
                 int line);

/* A footnote marker with this label at the current position. */
void docb_marker(struct docb *b, const char *label, int line);

/* End the current paragraph (heading: it is a heading). */
void docb_break(struct docb *b, bool heading);

/* Add a reference whose text is t (NUL-terminated or empty); url, when not
 * NULL, is used when the text itself has no URL (a hyperlink whose display
 * text differs from its target).  Returns the new reference, owned by the
 * document. */
struct doc_ref *docb_ref(struct docb *b, const char *label, int line,
                         const struct doc_tb *t, const char *url);

/* An inline link in the body: a reference labelled "L<n>" (one per
 * distinct URL) holding the link text and URL, and a marker for it at the
 * current position.  After DOCB_MAX_LINKS distinct links the rest are
 * left as text (a link dump is not an article to check). */
#define DOCB_MAX_LINKS 2000
void docb_link(struct docb *b, const char *text, size_t tn, const char *url,
               size_t un, int line);

/* Finish: the document in *out (caller frees with doc_free()), or
 * CC_EUSAGE when it has no body text. */
cc_result docb_finish(struct docb *b, int nlines, struct doc **out,
                      char *err, size_t errlen);
/* Free a builder that will not be finished. */
void docb_abort(struct docb *b);

/* The name shown in messages: "<stdin>" for "-". */
const char *docb_shown(const char *path);

/* A copy of data as UTF-8 (caller frees): BOM dropped, invalid bytes as
 * U+FFFD, CRLF and lone CR as LF (so lines stay countable), NUL as
 * space. */
char *docb_clean_utf8(const char *data, size_t len, size_t *outlen);

/* Labels of footnotes: "14", "fn-3" (at most DOC_MAX_LABEL - 1 bytes;
 * longer ones are cut). */
void docb_label(char *dst, const char *s, size_t n);

#endif
