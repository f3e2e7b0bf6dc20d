/*
 * parser/html_tree.h -- the plain copy of a page's body that parser/html.c
 * makes from the Gumbo tree, and the main-text extraction that runs on it
 * (parser/html_text.c).  Internal to the parser: nothing outside parser/
 * includes this.
 *
 * Nodes are stored in document (pre-)order, so a node's subtree is the
 * index range [i, node[i].end) and a parent always precedes its children.
 * Script, style, hidden and similar subtrees are never copied; boilerplate
 * candidates (nav, aside, class="related", ...) are copied and flagged, so
 * the extractor can decide with the whole page in view.
 */
#ifndef CC_PARSER_HTML_TREE_H
#define CC_PARSER_HTML_TREE_H

#include <stdint.h>

#include "common/cc.h"

#define HT_MAX_NODES 1000000   /* nodes copied; the rest of the page is cut */

enum ht_tag {
    HT_INLINE = 0,   /* span, b, unknown elements, ... */
    HT_TEXT,         /* a text node */
    HT_A, HT_BR, HT_IMG, HT_TIME,
    HT_BLOCK,        /* div, section, center, fieldset, details, ... */
    HT_P, HT_PRE, HT_BLOCKQUOTE, HT_ADDRESS,
    HT_H1, HT_H2, HT_H3, HT_H4, HT_H5, HT_H6,
    HT_UL, HT_OL, HT_LI, HT_DL, HT_DT, HT_DD,
    HT_TABLE, HT_TBODY, HT_TR, HT_TD, HT_CAPTION,
    HT_FIGURE, HT_FIGCAPTION,
    HT_ARTICLE, HT_MAIN, HT_BODY, HT_HTML,
    HT_NAV, HT_HEADER, HT_FOOTER, HT_ASIDE, HT_FORM, HT_MENU
};

enum ht_flag {
    HTF_BOILER = 1u << 0,       /* boilerplate candidate (tag/class/role) */
    HTF_BOILER_TAG = 1u << 1,   /* ... because of its tag or role */
    HTF_ARTICLEBODY = 1u << 2,  /* itemprop=articleBody */
    HTF_MAINROLE = 1u << 3,     /* role=main */
    HTF_INLINK = 1u << 4,       /* text node inside <a> */
    HTF_HOMELINK = 1u << 5,     /* <a> to the site's home page */
    HTF_DATECLASS = 1u << 6,    /* class/id says date, byline, meta */
    HTF_HEADLINE = 1u << 7,     /* the <h1> that is the page's headline */
    HTF_DEAD = 1u << 8,         /* dropped (set by the extractor) */
    HTF_HASBLOCK = 1u << 9,     /* a block element below (extractor) */
    HTF_SCORED = 1u << 10,      /* has a readability score (extractor) */
    HTF_BOILER_COMMENT = 1u << 11,  /* class/id names comments */
    HTF_KICKER = 1u << 12,      /* class/id names a kicker or overline;
                                   <small> (side text) */
    HTF_TITLEPART = 1u << 13,   /* class/id names a headline or title */
    HTF_CAPTION = 1u << 14,     /* class/id names a picture caption/credit */
    HTF_CLEAN = 1u << 15,       /* text node: words and single spaces only
                                   (no other whitespace at either end or
                                   between): laid out as it is */
};

struct ht_node {
    int32_t parent, first, last, next;   /* -1 when none */
    int32_t end;       /* one past the last node of the subtree */
    int32_t blk;       /* nearest block-level ancestor element, -1 */
    uint32_t off, len; /* text nodes: bytes in pool */
    uint32_t chars;    /* text nodes: non-space characters */
    uint32_t commas;   /* text nodes: commas */
    uint32_t text;     /* subtree: characters (extractor) */
    uint32_t link;     /* subtree: characters inside links (extractor) */
    uint32_t own;      /* block elements: characters of their own inline
                          text (not inside a nested block) */
    uint32_t own_link;
    uint32_t own_commas;
    uint32_t ptext;    /* subtree: own text of its paragraphs (extractor) */
    float score;
    int16_t weight;    /* class/id weight: +25 content-like, -25 boiler */
    uint16_t flags;
    uint8_t tag;       /* enum ht_tag */
};

/* A date found in an attribute (datetime, content), or only in the text of
 * node (value == NULL). */
struct ht_datecand {
    int32_t node;
    char *value;       /* owned, or NULL */
    bool pub;          /* pubdate / itemprop=datePublished */
    bool is_time;      /* a <time> element */
};

struct ht_tree {
    struct ht_node *n;
    size_t count, cap;
    struct cc_buf pool;          /* text of text nodes */
    struct ht_datecand *dates;
    size_t ndates, datescap;
    int32_t headline;            /* the headline <h1>, -1 when none */
    bool cut;                    /* HT_MAX_NODES reached */
};

/* Is this tag a block-level element for text layout? */
bool ht_is_block(int tag);

void ht_init(struct ht_tree *t, size_t pool_max);
void ht_free(struct ht_tree *t);

/* Length of the whitespace character at s[0..n) (ASCII whitespace or
 * U+00A0), or 0. */
size_t ht_space_len(const char *s, size_t n);

/* ASCII whitespace as HTML defines it (space, tab, LF, CR, FF). */
static inline bool ht_is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Length of the UTF-8 sequence that starts with byte c (1 for a byte no
 * sequence starts with). */
static inline size_t ht_seq_len(unsigned char c)
{
    return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* Text of node i's subtree, whitespace collapsed, into b (at most max
 * bytes appended, from at most the first 20000 nodes).  Includes dead
 * nodes. */
void ht_text_of(const struct ht_tree *t, int32_t i, struct cc_buf *b,
                size_t max);

/* Main-text extraction.  Decides which boilerplate candidates to drop,
 * scores the rest, picks the main content (a readable <article>,
 * itemprop=articleBody or <main>, else the best-scoring block and its
 * good siblings) and writes its text into out: blocks separated by
 * "\n\n", table rows one per line with cells joined by " | ".
 * *root receives the main content node (-1 when none), used to rank dates
 * found inside it.  Returns CC_OK or CC_ELIMIT from out. */
cc_result ht_extract(struct ht_tree *t, struct cc_buf *out, int32_t *root);

/* Classify an element by its class and id attributes (either may be
 * NULL): returns HTF_BOILER when a token names boilerplate ("nav",
 * "related-posts", "cookie-banner", "ad-slot", ...; matched on whole
 * tokens and their -/_ parts, so "article-header" matches "header" but
 * "headline" does not), HTF_DATECLASS when it names a date or byline,
 * HTF_KICKER when it names a kicker or overline ("dachzeile",
 * "ts-overline"), else HTF_TITLEPART when it names a headline or title,
 * HTF_CAPTION when it names a picture caption or credit, and
 * sets *weight to the readability class weight (-50..50). */
uint16_t ht_classify(const char *cls, const char *id, int16_t *weight);

/* Is node i inside the subtree of node a (or a itself)? */
static inline bool ht_within(const struct ht_tree *t, int32_t a, int32_t i)
{
    return a >= 0 && i >= a && i < t->n[a].end;
}

#endif
