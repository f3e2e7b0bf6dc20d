/*
 * parser/html_dom.h -- an HTML document as a plain tree of elements and
 * text with their source lines, for readers that need the whole tree
 * (parser/html_doc.c: HTML articles) rather than the page reader's
 * harvest.  Built by html_dom_parse() in parser/html.c, the one file that
 * includes gumbo.h; the Gumbo output is destroyed before it returns.
 *
 * Node 0 is the document; comments are dropped; text, whitespace and
 * CDATA are text nodes; <template> is an element.  Element names are
 * lowercase ("" for tags Gumbo does not know).  Elements nested deeper
 * than HTML_DOM_MAX_DEPTH lose their children (*cut is set).
 */
#ifndef CC_PARSER_HTML_DOM_H
#define CC_PARSER_HTML_DOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/cc.h"

#define HTML_DOM_MAX_DEPTH 2048
#define HTML_DOM_NONE (-1)

enum html_dom_kind { HTML_DOM_DOCUMENT, HTML_DOM_ELEMENT, HTML_DOM_TEXT };

struct html_dom_node {
    enum html_dom_kind kind;
    int32_t parent, first, next;   /* HTML_DOM_NONE when absent */
    int line;                      /* source line, 1-based */
    size_t str;                    /* element name or text, in strings */
    uint32_t attr, nattr;          /* element: attrs[2*attr ..] pairs */
};

struct html_dom {
    struct html_dom_node *n;
    size_t nn;
    size_t *attrs;                 /* name, value offsets into strings */
    char *strings;                 /* NUL-terminated strings, one block */
};

/* Parse utf8[0..len) (valid UTF-8, as charset_decode() leaves it) into
 * out (zeroed first).  CC_EPARSE when Gumbo fails.  *cut (may be NULL)
 * tells that children past HTML_DOM_MAX_DEPTH were dropped.  Free with
 * html_dom_free(). */
cc_result html_dom_parse(const char *utf8, size_t len, struct html_dom *out,
                         bool *cut);

void html_dom_free(struct html_dom *d);

/* Element name of node i ("" for text and the document). */
const char *html_dom_name(const struct html_dom *d, int32_t i);

/* Text of text node i ("" for others). */
const char *html_dom_text(const struct html_dom *d, int32_t i);

/* Value of attribute name (lowercase) of element i, or NULL.  The
 * pointer is stable for the life of d. */
const char *html_dom_attr(const struct html_dom *d, int32_t i,
                          const char *name);

/* Is node i an element named name? */
bool html_dom_is(const struct html_dom *d, int32_t i, const char *name);

#endif
