/*
 * parser/html_meta.h -- a page's metadata, from what the walk over the
 * Gumbo tree collected (parser/html.c) and the plain page tree
 * (parser/html_tree.h).  Internal to the parser.
 *
 * Orders of trust:
 *   title      the headline <h1> when a metadata title confirms it (one
 *              holds the other) or it is the page's only <h1> (2+ words),
 *              without kicker/overline elements inside it; else og:title >
 *              twitter:title > JSON-LD headline > the headline <h1> >
 *              <title>; a " | Site" / " - Site" / " — Site" part
 *              (and "Site | " in front) is removed; a title that is only
 *              the site's name is passed over;
 *   site       og:site_name > JSON-LD publisher.name > JSON-LD WebSite
 *              name > application-name > host of the URL (or canonical,
 *              og:url) without "www.";
 *   author     meta author > JSON-LD author names > article:author (URLs
 *              are not names);
 *   lang       <html lang> > http-equiv content-language;
 *   canonical  <link rel=canonical>, resolved against <base href> and the
 *              page URL;
 *   published  JSON-LD datePublished/dateCreated (Article over WebPage
 *              over other objects) > meta tags (article:published_time,
 *              og:published_time, itemprop=datePublished, DC.date.issued,
 *              dc.date, citation_publication_date, parsely-pub-date,
 *              sailthru.date, pubdate, publish-date, date, ... in that
 *              order) > <time pubdate> / itemprop=datePublished elements >
 *              <time> inside the main content, then near the headline >
 *              date/byline-classed elements near the headline, then in
 *              the main content > a dateline in the text after the
 *              headline > the URL path (page URL, canonical, og:url) > a
 *              labelled date ("Datum: ...") anywhere in the kept text >
 *              the first dated element that was not dropped > any
 *              <time> or date-classed element > the modified date > the
 *              first date in the main text, then in the page's text;
 *              a UTC stamp ("Z") takes the day of a local stamp of the
 *              same instant on the page, and UTC 22:00/23:00 sharp the
 *              next day (a Central European midnight);
 *   modified   JSON-LD dateModified > article:modified_time and similar.
 * Every date must lie between HTML_DATE_MIN_YEAR and today; the calendar
 * date is taken as written (no time-zone conversion but the UTC rule above).
 */
#ifndef CC_PARSER_HTML_META_H
#define CC_PARSER_HTML_META_H

#include "parser/html_jsonld.h"
#include "parser/html_tree.h"
#include "parser/page.h"

#define HTML_META_TITLE_MAX 1024   /* bytes of a title kept */
#define HTML_META_MAX_H1 16        /* <h1> elements considered as headline */
#define HTML_META_MAX_KEYS 48      /* date keys of each kind */

enum html_meta_slot {
    HM_OG_TITLE, HM_TW_TITLE, HM_OG_SITE, HM_APPNAME, HM_AUTHOR,
    HM_ART_AUTHOR, HM_OG_URL, HM_CONTENT_LANG, HM_NSLOTS
};

/* What the walk collected; owns its strings.  Zero it before use. */
struct html_meta {
    char *slot[HM_NSLOTS];
    char *pub[HTML_META_MAX_KEYS];   /* by trust of the key */
    char *mod[HTML_META_MAX_KEYS];
    char *title_el;        /* <title> text */
    char *lang;            /* <html lang> */
    char *base;            /* <base href> */
    char *canonical;       /* <link rel=canonical href>, raw */
    struct html_jsonld jld;
    int32_t h1[HTML_META_MAX_H1];   /* copied <h1> nodes, document order */
    size_t nh1;
};

/* Record a <meta> value (or RDFa property, microdata as "itemprop:NAME",
 * http-equiv as "http-equiv:NAME") under its key, case-insensitively;
 * the first value of each key is kept.  Unknown keys are ignored. */
void html_meta_key(struct html_meta *m, const char *key, const char *value);

/* Keep the first value for *slot (whitespace collapsed). */
void html_meta_set_once(char **slot, const char *value);

/* Pick the headline <h1>: the one whose text matches a title from the
 * metadata (a site logo is often an earlier <h1>), else the first.  Sets
 * t->headline and its HTF_HEADLINE flag.  Call before ht_extract(). */
void html_meta_headline(const struct html_meta *m, struct ht_tree *t);

/* Fill p's title, site, author, lang, canonical, published and modified
 * (p->url must be set; root is the main content node from ht_extract()
 * or -1). */
void html_meta_apply(const struct html_meta *m, const struct ht_tree *t,
                     int32_t root, struct page *p);

/* Fill p's published and modified dates (parser/html_pubdate.c; p->lang,
 * p->url and p->canonical must be set). */
void html_pubdate_choose(const struct html_meta *m, const struct ht_tree *t,
                         int32_t root, struct page *p);

/* The date keys html_meta_key() records into m->pub / m->mod, by trust. */
extern const size_t html_meta_npub, html_meta_nmod;

/* Text of node i (whitespace collapsed, at most max bytes); NULL when
 * blank.  Caller frees. */
char *html_meta_node_text(const struct ht_tree *t, int32_t i, size_t max);

/* Copy s with whitespace (ASCII, U+00A0) collapsed and trimmed, at most
 * max bytes of whole UTF-8 sequences; NULL when s is NULL or blank.
 * Caller frees. */
char *html_meta_clean(const char *s, size_t max);

void html_meta_free(struct html_meta *m);

#endif
