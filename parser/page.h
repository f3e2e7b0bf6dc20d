/*
 * parser/page.h -- what citecheck reads from one web page: metadata and the
 * article's main text, without navigation, header, footer, sidebars,
 * related links, cookie banners, forms and scripts.
 *
 * Implemented with Gumbo in parser/html.c (the only file that includes
 * gumbo.h).  The input is decoded to UTF-8 first (HTTP charset, BOM,
 * <meta charset>, else UTF-8 with invalid bytes replaced by U+FFFD); the
 * tree is walked iteratively with a depth cap, and everything needed is
 * copied out before the Gumbo output is destroyed.
 */
#ifndef CC_PARSER_PAGE_H
#define CC_PARSER_PAGE_H

#include "common/cc.h"

#define PAGE_MAX_BYTES (20u << 20)   /* bigger inputs are cut (noted) */
#define PAGE_MAX_DEPTH 2048          /* deeper elements are skipped */

struct page {
    char *url;         /* as given, may be NULL */
    char *title;       /* the visible headline <h1> when metadata confirms
                          it or it is the only one, else og:title >
                          twitter:title > JSON-LD headline > <h1> >
                          <title> minus " | Site" suffix; or NULL */
    char *site;        /* og:site_name / JSON-LD publisher.name /
                          application-name; or NULL */
    char *author;      /* or NULL */
    char *lang;        /* <html lang>, e.g. "en"; or NULL */
    char *canonical;   /* <link rel=canonical> resolved; or NULL */
    struct cc_date published;  /* unset (y == 0) when unknown */
    struct cc_date modified;
    /* Main text: UTF-8, paragraphs separated by "\n\n", whitespace inside a
     * paragraph collapsed to single spaces.  Never NULL (may be ""). */
    char *text;
    size_t text_len;
    /* Non-NULL when the page had no readable article, or was cut:
     * a short reason for the report. */
    char *note;
};

/* Parse an HTML (or plain-text, when content_type says text/plain) page.
 * content_type may be NULL (the Content-Type header, used for charset).
 * url may be NULL; it is used to resolve the canonical link and as a
 * fallback site name (its host).  Returns CC_OK and *out (caller frees
 * with page_free()), or an error with a message. */
cc_result page_parse(const char *data, size_t len, const char *content_type,
                     const char *url, struct page **out, char *err,
                     size_t errlen);

void page_free(struct page **p);

/* Tests only: off, page_parse hands Gumbo every text run instead of
 * moving long ones out of its way (html_prescan.h); results must not
 * differ.  Not thread-safe: set before parsing. */
void page_text_stash(bool on);

#endif
