/*
 * parser/document.h -- the document model: an article's body text split
 * into sentences with their footnote markers, and its references.
 *
 * doc_load_text() reads plain text as pdftotext-style tools produce it
 * (double-spaced lines, footnote blocks at page bottoms interleaved with
 * the body, URLs broken over lines, footnote markers as bare numbers at
 * sentence end).  Later formats (Markdown, HTML, PDF, DOCX) produce the
 * same model.
 *
 * Ownership: a struct doc owns every string it points to; free it with
 * doc_free().  Nothing here prints.
 */
#ifndef CC_PARSER_DOCUMENT_H
#define CC_PARSER_DOCUMENT_H

#include "common/cc.h"

#define DOC_MAX_BYTES (32u << 20)   /* larger articles are refused */
#define DOC_MAX_LABEL 16

/* One entry of the reference list (a footnote or endnote). */
struct doc_ref {
    char label[DOC_MAX_LABEL]; /* as printed: "15" */
    int line;                  /* 1-based line where the reference starts */
    char *text;                /* whole reference, lines joined, URL included */
    char *url;                 /* joined, trailing '?'/'.' artefacts dropped;
                                  NULL when the reference has none */
    int url_line;              /* line where the URL starts, 0 if none */
    char *url_error;           /* non-NULL when something URL-like was found
                                  but is malformed or not http(s): the reason */
    char *title;               /* NULL when not recognised */
    char *publisher;           /* NULL when not recognised */
    char *date_text;           /* as printed: "7 Apr 2024", "2024"; or NULL */
    struct cc_date date;       /* parsed; m/d are 0 when only a year is given */
};

/* A sentence of the body.  text is the sentence as one line: the source
 * lines joined with single spaces, stray intra-word spaces repaired where
 * the repair is certain, footnote markers removed.  Offsets into text map
 * back to source lines with doc_sentence_line(). */
struct doc_sentence {
    char *text;
    size_t len;
    int line;                  /* line of the first character */
    /* line_at[i] = source line of text[i]; len entries. */
    int *line_at;
    /* footnote labels whose markers belong to this sentence, in order */
    char (*labels)[DOC_MAX_LABEL];
    int *label_lines;          /* source line of each marker; nlabels entries */
    size_t nlabels;
    bool heading;              /* a heading line ("KIRISH"), not a sentence */
};

struct doc {
    char *path;                /* as given ("-" for stdin) */
    int nlines;                /* lines in the input */
    struct doc_sentence *sentences;
    size_t nsentences;
    struct doc_ref *refs;
    size_t nrefs;
};

/* Parse a plain-text article held in memory (need not be NUL-terminated).
 * path is only used for messages and stored in the result.
 * Returns CC_OK and a new doc in *out (caller frees with doc_free()), or
 * CC_EUSAGE with a message naming the path/line and reason for input that
 * is not a readable article (empty, binary/NUL bytes, invalid UTF-8 that
 * cannot be repaired, no body text).  A document without references is
 * valid (nrefs == 0); callers decide whether that is an error. */
cc_result doc_parse_text(const char *path, const char *data, size_t len,
                         struct doc **out, char *err, size_t errlen);

/* Read path ("-" = stdin, at most DOC_MAX_BYTES) and parse it.  Errors
 * name the path: "article.txt: no such file", "x.bin: binary file (NUL
 * byte at offset 12)". */
cc_result doc_load(const char *path, struct doc **out, char *err,
                   size_t errlen);

/* Source line of byte offset off of sentence s (clamped). */
int doc_sentence_line(const struct doc_sentence *s, size_t off);

/* Reference by label, or NULL. Borrowed from d. */
const struct doc_ref *doc_find_ref(const struct doc *d, const char *label);

void doc_free(struct doc **d);

#endif
