/*
 * parser/html_meta.h -- a page's metadata, from what the walk over the
 * Gumbo tree collected (parser/html.c) and the plain page tree
 * (parser/html_tree.h).  Internal to the parser.
 *
 * Orders of trust:
 *   title      the visible heading (<h1>-<h3>) that carries a metadata
 *              title (og:title, twitter:title, JSON-LD headline, <title>;
 *              compared on letters and digits only, so quotes, dashes and
 *              case do not count): one that is the title with or without
 *              its site part, else one that is a part of it between
 *              separators ("Blog » Post"); by that rank, then <h1>
 *              before <h2> before <h3>, then the longest.  When the
 *              headline <h1> (not a logo, not hidden) holds a metadata
 *              title or is held by one, only an <h1> that is a whole
 *              title is taken so.  Else the headline <h1> when a metadata
 *              title confirms it, or the page's only <h1> that is not a
 *              logo (2+ words), or with no <h1> but logos the first <h2>
 *              of 2+ words outside boilerplate; else og:title >
 *              twitter:title > JSON-LD headline > that heading > <title>.
 *              Headings that are links to the home page (logos) or
 *              classed hidden are passed over; kicker/overline, <small>
 *              and aria-hidden elements inside the heading go, and so does a
 *              kicker run into it that a metadata title sets apart
 *              ("Kicker - Title"; a quotation with ':' stays); a
 *              " | Site" / " - Site" / " — Site" part (and "Site | " in
 *              front) is removed from metadata titles, and from a heading
 *              when a metadata title is that heading without it; a title
 *              that is only the site's name is passed over; a separator
 *              left in front of the title ("- Title") goes, and so does a
 *              leading token of ASCII symbols ("[> Title"); the site's
 *              name glued on by "|", "_" or "｜" ("Site|Title") goes; a
 *              kicker element opening the headline goes, whatever its
 *              length, when a metadata title is the rest; an <h1> is
 *              confirmed by a metadata title with or without its site
 *              part; soft hyphens do not count in comparisons and leave
 *              the title unless a metadata title writes them too;
 *              ruby readings (<rt>, <rp>) are not text; a second <h1>
 *              of one word, or one the extractor dropped, does not stop
 *              an <h1> being the page's only one (nor does an icon's
 *              letter make a label a headline: "O Opinion"); a headline
 *              <h1> continued by the next <h1>/<h2> (within 200
 *              characters) that starts with its text gives way to it;
 *              a kicker element that a metadata title sets apart in
 *              front ("Kicker - ...") goes; with no headline, the text
 *              after ": " that two metadata titles share while differing
 *              before it; "-Site" after a CJK title goes; the title is
 *              put in Unicode NFC (utf8proc);
 *   site       og:site_name > JSON-LD publisher.name > JSON-LD WebSite
 *              name > application-name > host of the URL (or canonical,
 *              og:url) without "www.";
 *   author     meta author > JSON-LD author names > article:author (URLs
 *              are not names);
 *   lang       <html lang> > http-equiv content-language;
 *   canonical  <link rel=canonical>, resolved against <base href> and the
 *              page URL;
 *   published  JSON-LD datePublished/dateCreated (Article over WebPage
 *              over other objects; when the meta tags below name a later
 *              day, that day) > meta tags (article:published_time,
 *              og:published_time, itemprop=datePublished, DC.date.issued,
 *              dc.date, citation_publication_date, parsely-pub-date,
 *              sailthru.date, pubdate, publish-date, date, ... in that
 *              order) > the URL path (page URL, canonical, og:url) >
 *              <time pubdate> / itemprop=datePublished elements >
 *              <time> inside the main content, then near the headline >
 *              date/byline-classed elements near the headline, then in
 *              the main content > a dateline in the text after the
 *              headline > a labelled date ("Datum: ...") anywhere in the
 *              kept text > the first dated element that was not dropped
 *              > any
 *              <time> or date-classed element > the modified date > the
 *              first date in the main text, then in the page's text >
 *              the first timestamp in the raw markup (script data) > the
 *              first dated URL path in the markup > the first "dd.mm.yy"
 *              in the page's text.  When only a generic
 *              meta key (dc.date, dcterms.date, itemprop=dateCreated)
 *              decided, the first dated element the extractor kept wins
 *              over it.  When JSON-LD, a meta tag or a <time> decided,
 *              the date shown in the article
 *              head wins over it: the first <time> or date/byline-
 *              classed element below the headline (else above it) that
 *              the extractor kept or that sits just below the headline
 *              outside nav/aside/footer/hidden markup, unless 3+
 *              different dates there make a teaser list or it is the
 *              decided day with day and month swapped.
 *              A UTC stamp ("Z", "+00:00") takes the day of a local stamp
 *              of the same instant on the page; else the day in the zone
 *              of the page's language when it has one (de, fr, it, pl,
 *              ..., en-GB; not en, es, pt; European summer time April to
 *              October); else UTC 22:00/23:00 sharp is the next day (a
 *              Central European midnight); a <time> whose text shows the
 *              UTC day as written keeps it;
 *   modified   JSON-LD dateModified > article:modified_time and similar.
 * Every date must lie between HTML_DATE_MIN_YEAR and today; the calendar
 * date is taken as written (no time-zone conversion but the UTC rules
 * above).
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
    HM_ART_AUTHOR, HM_OG_URL, HM_CONTENT_LANG, HM_DESC, HM_OG_DESC,
    HM_NSLOTS
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
    struct cc_date raw_stamp;   /* html_date_raw() over the source, for */
    struct cc_date raw_path;    /* pages dated nowhere else */
};

/* Record a <meta> value (or RDFa property, microdata as "itemprop:NAME",
 * http-equiv as "http-equiv:NAME") under its key, case-insensitively;
 * the first value of each key is kept.  Unknown keys are ignored. */
void html_meta_key(struct html_meta *m, const char *key, const char *value);

/* Keep the first value for *slot (whitespace collapsed). */
void html_meta_set_once(char **slot, const char *value);

/* html_title.c: the title of page p from h and tree (host: the page's
 * host, for site-name rules), in the order of trust above. */
void html_title_choose(struct page *p, const struct html_meta *h,
                       const struct ht_tree *tree, const char *host);

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

/* Does href lead to a site's home page ("/", "https://host/", an
 * archive's copy of one)?  Headings that are such a link are logos. */
bool html_meta_home_link(const char *href);

/* Text of node i (whitespace collapsed, at most max bytes); NULL when
 * blank.  Caller frees. */
char *html_meta_node_text(const struct ht_tree *t, int32_t i, size_t max);

/* Copy s with whitespace (ASCII, U+00A0) collapsed and trimmed, at most
 * max bytes of whole UTF-8 sequences; NULL when s is NULL or blank.
 * Caller frees. */
char *html_meta_clean(const char *s, size_t max);

void html_meta_free(struct html_meta *m);

#endif
