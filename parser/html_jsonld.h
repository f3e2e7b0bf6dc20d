/*
 * parser/html_jsonld.h -- what a page's JSON-LD (schema.org) blocks say
 * about the article: headline, dates, author, publisher, site name.
 *
 * Feed each <script type="application/ld+json"> text in document order.
 * Objects are found at the top level, in arrays, in "@graph" and nested
 * inside other objects (mainEntity, ...), to a bounded depth.  "@id"
 * references (publisher, author) are resolved within the same block.
 * An Article-like object (Article, NewsArticle, BlogPosting, Report, ...)
 * is trusted over a WebPage-like one, which is trusted over any other
 * object; within one rank the first value seen wins.
 */
#ifndef CC_PARSER_HTML_JSONLD_H
#define CC_PARSER_HTML_JSONLD_H

#include "common/cc.h"

#define HTML_JSONLD_MAX_BYTES (1u << 20)   /* bigger blocks are ignored */

enum html_jsonld_field {
    JLD_HEADLINE,
    JLD_PUBLISHED,    /* datePublished, else dateCreated: raw string */
    JLD_MODIFIED,     /* dateModified: raw string */
    JLD_AUTHOR,       /* names joined with ", " */
    JLD_PUBLISHER,    /* publisher.name */
    JLD_SITE_NAME,    /* name of a WebSite object */
    JLD_NFIELDS
};

struct html_jsonld {
    char *value[JLD_NFIELDS];   /* owned; NULL when absent */
    int rank[JLD_NFIELDS];
};

/* Parse one block and merge what it says into j (zero it before the
 * first call).  Invalid JSON is ignored. */
void html_jsonld_feed(struct html_jsonld *j, const char *text, size_t len);

/* Free the values; j can be fed again afterwards. */
void html_jsonld_clear(struct html_jsonld *j);

#endif
