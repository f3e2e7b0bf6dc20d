/*
 * parser/document.h -- the document model: an article's body text split
 * into sentences with their footnote markers, and its references.
 *
 * doc_load_text() reads plain text as pdftotext-style tools produce it
 * (double-spaced lines, footnote blocks at page bottoms interleaved with
 * the body, URLs broken over lines, footnote markers as bare numbers at
 * sentence end).  Markdown, HTML, PDF and DOCX produce the same model
 * (doc_parse() picks the reader by content).
 *
 * Ownership: a struct doc owns every string it points to; free it with
 * doc_free().  Nothing here prints.
 */
#ifndef CC_PARSER_DOCUMENT_H
#define CC_PARSER_DOCUMENT_H

#include "common/cc.h"

#define DOC_MAX_BYTES (32u << 20)   /* larger articles are refused */
#define DOC_MAX_LABEL 16

/* Input formats, told apart by content (doc_detect). */
enum doc_format {
    DOC_FMT_TEXT = 0,   /* plain (PDF-extracted) text */
    DOC_FMT_MARKDOWN,
    DOC_FMT_HTML,
    DOC_FMT_PDF,
    DOC_FMT_DOCX
};

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
    enum doc_format format;
    /* Lines in the input.  What a "line" is depends on the format: source
     * lines for text, Markdown and HTML; paragraph numbers of
     * word/document.xml for DOCX; for PDF a running number over the
     * extracted lines of all pages (page 1's lines first), which
     * doc_page_line() turns into page:line. */
    int nlines;
    /* PDF only: page_first[k] = first running line of page k + 1;
     * npages entries (0 and NULL for other formats). */
    int *page_first;
    size_t npages;
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

/* The format of data: "%PDF-" -> PDF; a zip ("PK\3\4") that names
 * word/document.xml -> DOCX (other zips read as text: "binary file"); "<!doctype html", "<html", "<head",
 * "<body" at the start, or a .htm(l) name and a leading '<' -> HTML;
 * Markdown footnote/link definitions ("[^1]: ", "[id]: http..."), inline
 * links "[t](http..." or a .md name -> Markdown; else text.  path may be
 * NULL. */
enum doc_format doc_detect(const char *path, const char *data, size_t len);
/* "text", "markdown", "html", "pdf", "docx". */
const char *doc_format_name(enum doc_format f);

/* Parsers of each format; same contract as doc_parse_text().
 *   Markdown: footnotes [^n] with definitions "[^n]: ..." (labels as
 *     written), inline "[t](url)", reference "[t][id]" + "[id]: url",
 *     autolinks and bare URLs (inline links become references "L1", ...);
 *     lines are source lines.
 *   HTML: <sup>/<a href="#..."> footnote markers, reference lists
 *     (<ol class="references">, role="doc-endnotes", <section|div
 *     class="footnotes">), other <a href> as inline links; source lines.
 *   PDF: see doc_page_line(); footnotes told by font size and position.
 *   DOCX: word/document.xml paragraphs (line = paragraph number),
 *     footnotes.xml/endnotes.xml tied to w:footnoteReference markers,
 *     hyperlinks through the .rels parts. */
cc_result doc_parse_markdown(const char *path, const char *data, size_t len,
                             struct doc **out, char *err, size_t errlen);
cc_result doc_parse_html(const char *path, const char *data, size_t len,
                         struct doc **out, char *err, size_t errlen);
cc_result doc_parse_pdf(const char *path, const char *data, size_t len,
                        struct doc **out, char *err, size_t errlen);
cc_result doc_parse_docx(const char *path, const char *data, size_t len,
                         struct doc **out, char *err, size_t errlen);
/* Detect the format and parse with the matching parser. */
cc_result doc_parse(const char *path, const char *data, size_t len,
                    struct doc **out, char *err, size_t errlen);

/* The text of a PDF (a cited source served as application/pdf) for the
 * checker: pages in order, lines joined into paragraphs, hyphenation at
 * line ends undone, pages separated by "\n\n".  *text is NUL-terminated;
 * caller frees with free().  CC_EPARSE with a message when data is not a
 * readable PDF (encrypted, damaged). */
cc_result doc_pdf_to_text(const char *data, size_t len, char **text,
                          size_t *text_len, char *err, size_t errlen);

/* PDF: the page (1-based) holding running line `line`, and in *page_line
 * its line number on that page; for other formats returns 0 and
 * *page_line = line.  page_line may be NULL. */
int doc_page_line(const struct doc *d, int line, int *page_line);

/* Read path ("-" = stdin, at most DOC_MAX_BYTES) and parse it with
 * doc_parse() (format by content).  Errors
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
