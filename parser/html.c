/*
 * parser/html.c -- page_parse(): a web page's metadata and main text.
 * The only file of citecheck that includes gumbo.h.
 *
 * Steps: cap the input at PAGE_MAX_BYTES; decode it to UTF-8
 * (parser/charset.c); bound nesting and tag count (parser/html_prescan.c);
 * parse with Gumbo; walk the tree iteratively (explicit stack, depth
 * PAGE_MAX_DEPTH), collecting metadata (<meta>, <link rel=canonical>,
 * <title>, <html lang>, JSON-LD, <time>, microdata) and copying the body
 * into a plain tree (parser/html_tree.h); destroy the Gumbo output;
 * extract the main text (parser/html_text.c); choose title, site, author
 * and dates (parser/html_meta.c, which documents the orders of trust).
 *
 * Script, style, template, iframe, object, media, svg, math and form
 * controls are never copied; noscript is copied as a boilerplate
 * candidate (kept when it holds most of the page's text).  nav, footer,
 * aside, form, menu, a <header> outside the article,
 * role=navigation/banner/contentinfo/complementary/search/dialog,
 * hidden / aria-hidden / display:none
 * elements, and class or id names of furniture are copied as boilerplate
 * candidates for the extractor to drop.
 */
#include "parser/page.h"

#include <gumbo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parser/charset.h"
#include "parser/html_date.h"
#include "parser/html_dom.h"
#include "parser/html_jsonld.h"
#include "parser/html_meta.h"
#include "parser/html_prescan.h"
#include "parser/html_tree.h"
#include "parser/html_url.h"

#define TITLE_MAX HTML_META_TITLE_MAX
#define MAX_DATECANDS 4096     /* <time>/date-class elements remembered */

#define STR(x) #x
#define XSTR(x) STR(x)

/* Everything collected during the walk. */
struct harvest {
    struct html_meta m;
    struct ht_tree tree;
    bool depth_cut;        /* PAGE_MAX_DEPTH was reached */
    const struct html_stash *stash;    /* text runs Gumbo did not see */
};

/* Off only for tests comparing the two ways (page_text_stash). */
static bool stash_on = true;

void page_text_stash(bool on)
{
    stash_on = on;
}

/* Append a text node's text to b, stashed runs put back; all or nothing,
 * like cc_buf_add. */
static cc_result add_node_text(const struct harvest *h, struct cc_buf *b,
                               const char *s)
{
    size_t len = strlen(s), off = b->len;
    cc_result result;

    if (!h->stash || h->stash->n == 0 ||
        !memmem(s, len, HTML_STASH_OPEN, 3))
        return cc_buf_add(b, s, len);
    result = html_stash_expand(h->stash, s, len, b);
    if (result != CC_OK) {
        b->len = off;
        if (b->data)
            b->data[off] = '\0';
    }
    return result;
}

/* The attributes of one element that matter here (borrowed from Gumbo). */
struct attrs {
    const char *id, *cls, *role, *style, *itemprop, *content, *datetime;
    const char *name, *property, *http_equiv, *rel, *href, *lang, *type;
    const char *title;
    bool hidden, aria_hidden, pubdate;
};

static void *gumbo_alloc(void *userdata, size_t size)
{
    (void)userdata;
    return cc_malloc(size ? size : 1);
}

static void gumbo_dealloc(void *userdata, void *ptr)
{
    (void)userdata;
    free(ptr);
}

/* The page reader's Gumbo tree lives in an arena: Gumbo's many small
 * allocations are carved from a few chunks and the whole tree goes at
 * once (no gumbo_destroy_output walk, no free per node).  Gumbo frees
 * over half of what it allocates while parsing a real page (grown
 * buffers and vectors, token temporaries), so a freed block goes on a
 * list of its size class and serves the next request of that class;
 * classes are 8 bytes apart up to 1 KiB, then four per power of two.
 * The first chunk is the input's size plus 4 KiB, later ones a quarter
 * of it (or the request), so at most a quarter of the input is left
 * unused.  Blocks are aligned to 8 bytes with an 8-byte header (Gumbo's
 * structures hold pointers and integers, nothing wider): with 16,
 * Gumbo's many small blocks took 15 % more memory, past bench-parse's
 * 8x the page. */
#define ARENA_ALIGN 8
#define ARENA_MIN_CHUNK ((size_t)4 << 10)
#define ARENA_MAX_CHUNK ((size_t)16 << 20)
#define ARENA_SMALL 1024            /* classes of 8 bytes up to here */
#define ARENA_CLASSES 256
#define ARENA_MAX_REQUEST ((size_t)1 << 40)   /* past any page */
_Static_assert(ARENA_SMALL / ARENA_ALIGN + (40 - 10) * 4 <= ARENA_CLASSES,
               "a class for every request up to ARENA_MAX_REQUEST");

struct arena_chunk {
    struct arena_chunk *next;
    size_t size;            /* usable bytes after the header */
    size_t used;
};

/* In front of every block: its class (ARENA_ALIGN bytes, so blocks stay
 * aligned); a free block's first bytes link the list of its class. */
struct arena_block {
    size_t cls;
};

struct arena {
    struct arena_chunk *head;   /* the chunk being carved, then older ones */
    size_t next_size;       /* of the next chunk, unless a request is bigger */
    size_t later_size;      /* of the chunks after the first */
    void *free[ARENA_CLASSES];  /* freed blocks per class */
};

#define CHUNK_HDR ((sizeof(struct arena_chunk) + ARENA_ALIGN - 1) & \
                   ~(size_t)(ARENA_ALIGN - 1))
#define BLOCK_HDR ARENA_ALIGN

static size_t chunk_size(size_t n)
{
    return n < ARENA_MIN_CHUNK   ? ARENA_MIN_CHUNK
           : n > ARENA_MAX_CHUNK ? ARENA_MAX_CHUNK
                                 : n;
}

/* An empty arena for parsing len bytes. */
static void arena_init(struct arena *a, size_t len)
{
    memset(a, 0, sizeof *a);
    a->next_size = chunk_size(len > ARENA_MAX_CHUNK ? ARENA_MAX_CHUNK
                                                    : len + 4096);
    a->later_size = chunk_size(len / 4);
}

/* Size class of a request of size bytes, and the class's block size. */
static size_t arena_class(size_t size, size_t *rounded)
{
    size_t p, step, k;

    if (size <= ARENA_SMALL) {
        k = size ? (size + ARENA_ALIGN - 1) / ARENA_ALIGN : 1;
        *rounded = k * ARENA_ALIGN;
        return k - 1;
    }
    p = 63 - (size_t)__builtin_clzll((unsigned long long)(size - 1));
    step = (size_t)1 << (p - 2);            /* 2^p < size <= 2^(p+1) */
    k = (size - ((size_t)1 << p) + step - 1) / step;   /* 1..4 */
    *rounded = ((size_t)1 << p) + k * step;
    return ARENA_SMALL / ARENA_ALIGN + (p - 10) * 4 + (k - 1);
}

static void *arena_alloc(void *userdata, size_t size)
{
    struct arena *a = userdata;
    struct arena_chunk *c = a->head;
    struct arena_block *b;
    size_t cls, need;

    if (size > ARENA_MAX_REQUEST)
        cc_oom();               /* past any page (PAGE_MAX_BYTES) */
    cls = arena_class(size, &need);
    if (a->free[cls]) {
        void *p = a->free[cls];

        memcpy(&a->free[cls], p, sizeof(void *));
        return p;
    }
    need += BLOCK_HDR;
    if (!c || c->size - c->used < need) {
        size_t n = a->next_size;

        if (n < need)
            n = need;
        c = cc_malloc(CHUNK_HDR + n);
        c->size = n;
        c->used = 0;
        c->next = a->head;
        a->head = c;
        a->next_size = a->later_size;
    }
    b = (struct arena_block *)((char *)c + CHUNK_HDR + c->used);
    c->used += need;
    b->cls = cls;
    return (char *)b + BLOCK_HDR;
}

static void arena_dealloc(void *userdata, void *ptr)
{
    struct arena *a = userdata;
    const struct arena_block *b;

    if (!ptr)
        return;
    b = (const struct arena_block *)((char *)ptr - BLOCK_HDR);
    memcpy(ptr, &a->free[b->cls], sizeof(void *));
    a->free[b->cls] = ptr;
}

static void arena_free(struct arena *a)
{
    while (a->head) {
        struct arena_chunk *next = a->head->next;

        free(a->head);
        a->head = next;
    }
}

/* By the first letter of the name, so each attribute costs one or two
 * comparisons rather than up to eighteen. */
static void read_attrs(const GumboElement *e, struct attrs *a)
{
    memset(a, 0, sizeof *a);
    for (unsigned i = 0; i < e->attributes.length; i++) {
        const GumboAttribute *at = e->attributes.data[i];
        const char *n = at->name, *v = at->value;

        switch (n[0]) {
        case 'a':
            if (!strcmp(n, "aria-hidden"))
                a->aria_hidden = !strcasecmp(v, "true");
            break;
        case 'c':
            if (!strcmp(n, "class"))
                a->cls = v;
            else if (!strcmp(n, "content"))
                a->content = v;
            break;
        case 'd':
            if (!strcmp(n, "datetime"))
                a->datetime = v;
            break;
        case 'h':
            if (!strcmp(n, "href"))
                a->href = v;
            else if (!strcmp(n, "http-equiv"))
                a->http_equiv = v;
            else if (!strcmp(n, "hidden"))
                a->hidden = true;
            break;
        case 'i':
            if (!strcmp(n, "id"))
                a->id = v;
            else if (!strcmp(n, "itemprop"))
                a->itemprop = v;
            break;
        case 'l':
            if (!strcmp(n, "lang"))
                a->lang = v;
            break;
        case 'n':
            if (!strcmp(n, "name"))
                a->name = v;
            break;
        case 'p':
            if (!strcmp(n, "property"))
                a->property = v;
            else if (!strcmp(n, "pubdate"))
                a->pubdate = true;
            break;
        case 'r':
            if (!strcmp(n, "role"))
                a->role = v;
            else if (!strcmp(n, "rel"))
                a->rel = v;
            break;
        case 's':
            if (!strcmp(n, "style"))
                a->style = v;
            break;
        case 't':
            if (!strcmp(n, "type"))
                a->type = v;
            else if (!strcmp(n, "title"))
                a->title = v;
            break;
        default:
            break;
        }
    }
}

/* Does a space-separated attribute value hold word (case-insensitive)? */
static bool has_token(const char *list, const char *word)
{
    size_t n = strlen(word);

    while (list && *list) {
        size_t k;

        while (ht_is_ws(*list))
            list++;
        k = 0;
        while (list[k] && !ht_is_ws(list[k]))
            k++;
        if (k == n && strncasecmp(list, word, n) == 0)
            return true;
        list += k;
    }
    return false;
}

/* style="display: none" or "visibility:hidden" */
static bool style_hidden(const char *s)
{
    static const char *const props[][2] = {{"display", "none"},
                                           {"visibility", "hidden"}};

    for (size_t k = 0; s && k < 2; k++) {
        const char *p = s;
        size_t pl = strlen(props[k][0]), vl = strlen(props[k][1]);

        while ((p = strcasestr(p, props[k][0])) != NULL) {
            const char *q = p + pl;

            p = q;
            while (ht_is_ws(*q))
                q++;
            if (*q != ':')
                continue;
            q++;
            while (ht_is_ws(*q))
                q++;
            if (strncasecmp(q, props[k][1], vl) == 0)
                return true;
        }
    }
    return false;
}

static void prefixed_key(struct harvest *h, const char *prefix,
                         const char *key, const char *value)
{
    char buf[128];

    if (snprintf(buf, sizeof buf, "%s%s", prefix, key) < (int)sizeof buf)
        html_meta_key(&h->m, buf, value);
}

/* A <meta>.  In the body, microdata datePublished is left to the date
 * candidates (enter_element), which know where on the page it sits: a
 * list of teasers carries one per teaser. */
static void handle_meta(struct harvest *h, const struct attrs *a,
                        bool in_body)
{
    if (!a->content)
        return;
    if (a->name)
        html_meta_key(&h->m, a->name, a->content);
    if (a->property && (!a->name || strcasecmp(a->name, a->property)))
        html_meta_key(&h->m, a->property, a->content);
    if (a->itemprop &&
        !(in_body && has_token(a->itemprop, "datePublished")))
        prefixed_key(h, "itemprop:", a->itemprop, a->content);
    if (a->http_equiv)
        prefixed_key(h, "http-equiv:", a->http_equiv, a->content);
}

/* Concatenated text children of an element (title, script). */
static void child_text(const struct harvest *h, const GumboNode *node,
                       struct cc_buf *b)
{
    const GumboVector *c = &node->v.element.children;

    for (unsigned i = 0; i < c->length; i++) {
        const GumboNode *k = c->data[i];

        if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_WHITESPACE ||
            k->type == GUMBO_NODE_CDATA)
            (void)add_node_text(h, b, k->v.text.text);
    }
}

static int map_tag(GumboTag tag)
{
    switch (tag) {
    case GUMBO_TAG_A: return HT_A;
    case GUMBO_TAG_BR: return HT_BR;
    case GUMBO_TAG_IMG: case GUMBO_TAG_IMAGE: return HT_IMG;
    case GUMBO_TAG_TIME: return HT_TIME;
    case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_CENTER:
    case GUMBO_TAG_FIELDSET: case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_DIR: case GUMBO_TAG_MARQUEE: case GUMBO_TAG_MULTICOL:
        return HT_BLOCK;
    case GUMBO_TAG_P: return HT_P;
    case GUMBO_TAG_PRE: case GUMBO_TAG_LISTING: case GUMBO_TAG_XMP:
    case GUMBO_TAG_PLAINTEXT:
        return HT_PRE;
    case GUMBO_TAG_BLOCKQUOTE: return HT_BLOCKQUOTE;
    case GUMBO_TAG_ADDRESS: return HT_ADDRESS;
    case GUMBO_TAG_H1: return HT_H1;
    case GUMBO_TAG_H2: return HT_H2;
    case GUMBO_TAG_H3: return HT_H3;
    case GUMBO_TAG_H4: return HT_H4;
    case GUMBO_TAG_H5: return HT_H5;
    case GUMBO_TAG_H6: return HT_H6;
    case GUMBO_TAG_UL: return HT_UL;
    case GUMBO_TAG_OL: return HT_OL;
    case GUMBO_TAG_LI: return HT_LI;
    case GUMBO_TAG_DL: return HT_DL;
    case GUMBO_TAG_DT: return HT_DT;
    case GUMBO_TAG_DD: return HT_DD;
    case GUMBO_TAG_TABLE: return HT_TABLE;
    case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
        return HT_TBODY;
    case GUMBO_TAG_TR: return HT_TR;
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: return HT_TD;
    case GUMBO_TAG_CAPTION: return HT_CAPTION;
    case GUMBO_TAG_FIGURE: return HT_FIGURE;
    case GUMBO_TAG_FIGCAPTION: return HT_FIGCAPTION;
    case GUMBO_TAG_ARTICLE: return HT_ARTICLE;
    case GUMBO_TAG_MAIN: return HT_MAIN;
    case GUMBO_TAG_BODY: return HT_BODY;
    case GUMBO_TAG_HTML: return HT_HTML;
    case GUMBO_TAG_NAV: return HT_NAV;
    case GUMBO_TAG_HEADER: return HT_HEADER;
    case GUMBO_TAG_FOOTER: return HT_FOOTER;
    case GUMBO_TAG_ASIDE: return HT_ASIDE;
    case GUMBO_TAG_FORM: return HT_FORM;
    case GUMBO_TAG_MENU: return HT_MENU;
    default: return HT_INLINE;
    }
}

/* Elements whose subtree is never text of the page. */
static bool skipped_tag(GumboTag tag)
{
    switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO: case GUMBO_TAG_MAP: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_INPUT: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP: case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_KEYGEN: case GUMBO_TAG_OUTPUT: case GUMBO_TAG_PROGRESS:
    case GUMBO_TAG_METER: case GUMBO_TAG_APPLET: case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_PARAM: case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK:
    case GUMBO_TAG_MENUITEM: case GUMBO_TAG_TITLE: case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH: case GUMBO_TAG_FRAMESET: case GUMBO_TAG_FRAME:
    /* ruby annotations (readings printed above the base text) and the
     * parentheses for browsers without ruby: "子(こ)ども" reads "子ども" */
    case GUMBO_TAG_RT: case GUMBO_TAG_RP: case GUMBO_TAG_RTC:
        return true;
    default:
        return false;
    }
}

/* Roles that mark page furniture. */
static bool boiler_role(const char *role)
{
    static const char *const roles[] = {
        "navigation", "banner", "contentinfo", "complementary", "menu",
        "menubar", "search", "dialog", "alertdialog",
    };

    for (size_t i = 0; role && i < sizeof roles / sizeof *roles; i++)
        if (has_token(role, roles[i]))
            return true;
    return false;
}

/* ---- the copy ----------------------------------------------------------- */

static int32_t add_node(struct harvest *h, int32_t parent, int tag)
{
    struct ht_tree *t = &h->tree;
    struct ht_node *n;
    int32_t i;

    if (t->count >= HT_MAX_NODES) {
        t->cut = true;
        return -1;
    }
    t->n = cc_grow(t->n, &t->cap, t->count + 1, sizeof *t->n);
    i = (int32_t)t->count++;
    n = &t->n[i];
    memset(n, 0, sizeof *n);
    n->parent = parent;
    n->first = n->last = n->next = -1;
    n->blk = -1;
    n->end = i + 1;
    n->tag = (uint8_t)tag;
    if (parent >= 0) {
        struct ht_node *p = &t->n[parent];

        if (p->last >= 0)
            t->n[p->last].next = i;
        else
            p->first = i;
        p->last = i;
    }
    return i;
}

/* ASCII whitespace (ht_space_len's, besides U+00A0). */
static const unsigned char ascii_ws[256] = {
    ['\t'] = 1, ['\n'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
};

#define BYTES8(b) (0x0101010101010101ULL * (b))
#define HIGH8 BYTES8(0x80)

/* High bit of each byte of x that equals b. */
static uint64_t bytes_eq(uint64_t x, unsigned b)
{
    uint64_t y = x ^ BYTES8(b);

    return ~(((y & ~HIGH8) + ~HIGH8) | y) & HIGH8;
}

/* Bytes flagged in a bytes_eq() mask. */
static unsigned bytes_count(uint64_t m)
{
    return (unsigned)(((m >> 7) * BYTES8(1)) >> 56);
}

/* add_text's count over the eight bytes at s when they are all ASCII
 * from 0x20 up (the only whitespace then is ' '): false, counting
 * nothing, otherwise. */
static bool swar_count(const char *s, uint32_t *chars, uint32_t *commas,
                       unsigned *bad, unsigned *prev_ws)
{
    uint64_t x, sp;

    memcpy(&x, s, 8);
    /* a byte with the high bit; a byte below 0x20 (the test for "any
     * byte less than" is exact once no high bit is set) */
    if ((x & HIGH8) || ((x - BYTES8(0x20)) & ~x & HIGH8))
        return false;
    sp = bytes_eq(x, ' ');
    *chars += 8 - bytes_count(sp);
    *commas += bytes_count(bytes_eq(x, ','));
    /* two spaces in a row, also across the previous bytes */
    *bad |= (sp & (sp << 8)) != 0 || (*prev_ws && (sp & 0x80));
    *prev_ws = (unsigned)(sp >> 63);
    return true;
}

static void add_text(struct harvest *h, int32_t parent, int32_t blk,
                     bool in_link, const GumboNode *g)
{
    struct ht_tree *t = &h->tree;
    const char *s = g->type == GUMBO_NODE_WHITESPACE ? " " : g->v.text.text;
    size_t len, off = t->pool.len;
    uint32_t chars = 0, commas = 0;
    unsigned bad = 0, prev_ws = 1;
    int32_t i;

    if (*s == '\0' || add_node_text(h, &t->pool, s) != CC_OK)
        return;
    s = t->pool.data + off;     /* the text as the page has it */
    len = t->pool.len - off;
    if ((i = add_node(h, parent, HT_TEXT)) < 0) {
        t->pool.len = off;
        return;
    }
    /* characters and commas outside whitespace (ht_space_len: ASCII
     * spaces and C2 A0), without a branch per byte; bad tells whether the
     * text is other than words and single spaces (HTF_CLEAN).  Eight
     * bytes of printable ASCII are counted at once (swar_count). */
    for (size_t k = 0; k < len; k++) {
        unsigned c, w;

        if (k + 8 <= len && swar_count(s + k, &chars, &commas, &bad,
                                       &prev_ws)) {
            k += 7;
            continue;
        }
        c = (unsigned char)s[k];
        w = ascii_ws[c];

        chars += !(w | ((c & 0xC0) == 0x80));
        commas += c == ',';
        bad |= w & (prev_ws | (c != ' '));
        prev_ws = w;
        if (c == 0xC2 && k + 1 < len && (unsigned char)s[k + 1] == 0xA0) {
            chars--;            /* U+00A0: a space, no character */
            bad = 1;
        }
    }
    if (!(bad | prev_ws))
        t->n[i].flags |= HTF_CLEAN;
    t->n[i].off = (uint32_t)off;
    t->n[i].len = (uint32_t)len;
    t->n[i].chars = chars;
    t->n[i].commas = commas;
    t->n[i].blk = blk;
    if (in_link)
        t->n[i].flags |= HTF_INLINK;
}

static void add_datecand(struct harvest *h, int32_t node, const char *value,
                         bool pub, bool is_time)
{
    struct ht_tree *t = &h->tree;
    struct ht_datecand *c;

    if (t->ndates >= MAX_DATECANDS || (node < 0 && !value))
        return;
    t->dates = cc_grow(t->dates, &t->datescap, t->ndates + 1, sizeof *c);
    c = &t->dates[t->ndates++];
    c->node = node;
    c->value = value ? html_meta_clean(value, 256) : NULL;
    c->pub = pub;
    c->is_time = is_time;
}

struct frame {
    const GumboNode *g;
    unsigned next;     /* next child to visit */
    int32_t me;        /* copied node, or -1 */
    int32_t blk;       /* nearest block for children, or -1 */
    bool copy;         /* copy the children */
    bool in_link;
    bool in_article;   /* below <article>, <main> or articleBody */
};

/* Harvest metadata from element g; returns false when its subtree is not
 * to be walked. */
static bool harvest_element(struct harvest *h, const GumboNode *g,
                            const struct attrs *a, bool in_body)
{
    GumboTag tag = g->v.element.tag;
    struct cc_buf b;

    switch (tag) {
    case GUMBO_TAG_HTML:
        html_meta_set_once(&h->m.lang, a->lang);
        break;
    case GUMBO_TAG_BASE:
        html_meta_set_once(&h->m.base, a->href);
        break;
    case GUMBO_TAG_META:
        handle_meta(h, a, in_body);
        break;
    case GUMBO_TAG_LINK:
        if (has_token(a->rel, "canonical"))
            html_meta_set_once(&h->m.canonical, a->href);
        break;
    case GUMBO_TAG_TITLE:
        if (!h->m.title_el) {
            cc_buf_init(&b, TITLE_MAX * 4);
            child_text(h, g, &b);
            h->m.title_el = html_meta_clean(b.data, TITLE_MAX);
            cc_buf_free(&b);
        }
        return false;
    case GUMBO_TAG_SCRIPT:
        if (a->type && strcasestr(a->type, "ld+json")) {
            cc_buf_init(&b, HTML_JSONLD_MAX_BYTES);
            child_text(h, g, &b);
            if (b.len)
                html_jsonld_feed(&h->m.jld, b.data, b.len);
            cc_buf_free(&b);
        }
        return false;
    default:
        break;
    }
    if (tag != GUMBO_TAG_META) {
        const char *v = a->content ? a->content : a->datetime;

        if (v && a->itemprop && has_token(a->itemprop, "dateModified"))
            html_meta_key(&h->m, "itemprop:datemodified", v);
        /* RDFa on any element: <span property="schema:dateCreated"
         * content="..."> */
        if (a->property && a->content)
            html_meta_key(&h->m, a->property, a->content);
    }
    return !skipped_tag(tag) && g->v.element.tag_namespace ==
                                    GUMBO_NAMESPACE_HTML;
}

/* Enter element g under frame f: copy it when f copies.  Returns the new
 * frame's fields through nf; false when the subtree is skipped. */
static bool enter_element(struct harvest *h, const struct frame *f,
                          const GumboNode *g, struct frame *nf)
{
    const GumboElement *e = &g->v.element;
    struct attrs a;
    int tag;
    int16_t weight = 0;
    uint16_t flags;
    int32_t me = -1;

    read_attrs(e, &a);
    if (!harvest_element(h, g, &a, f->copy))
        return false;
    tag = map_tag(e->tag);
    flags = ht_classify(a.cls, a.id, &weight);
    /* <header> of an article holds its lead; the site's is furniture */
    if (tag == HT_NAV || (tag == HT_HEADER && !f->in_article) ||
        tag == HT_FOOTER ||
        tag == HT_ASIDE || tag == HT_FORM || tag == HT_MENU ||
        boiler_role(a.role) || a.hidden || a.aria_hidden ||
        style_hidden(a.style))
        flags |= HTF_BOILER | HTF_BOILER_TAG;
    /* <noscript> is copied as a candidate like a furniture class: a
     * "turn on JavaScript" line dies, but the article a script would
     * have drawn (or a page an unclosed <noscript> swallowed) holds most
     * of the page's text and is kept */
    if (e->tag == GUMBO_TAG_NOSCRIPT)
        flags |= HTF_BOILER;
    if (a.itemprop && has_token(a.itemprop, "articleBody"))
        flags |= HTF_ARTICLEBODY;
    if (has_token(a.role, "main"))
        flags |= HTF_MAINROLE;
    if (tag == HT_A && html_meta_home_link(a.href))
        flags |= HTF_HOMELINK;
    /* <small> is side text (in a heading: a subtitle, a date), left
     * out of titles like a kicker */
    if (e->tag == GUMBO_TAG_SMALL)
        flags |= HTF_KICKER;
    if (f->copy && e->tag != GUMBO_TAG_HEAD)
        me = add_node(h, f->me, tag);
    if (me >= 0) {
        struct ht_node *n = &h->tree.n[me];

        n->flags |= flags;
        n->weight = weight;
        n->blk = f->blk;
        if (tag == HT_H1 && h->m.nh1 < HTML_META_MAX_H1)
            h->m.h1[h->m.nh1++] = me;
    }
    if (e->tag == GUMBO_TAG_TIME) {
        bool pub = a.pubdate || has_token(a.itemprop, "datePublished");

        add_datecand(h, me, a.datetime, pub, true);
    } else if (has_token(a.itemprop, "datePublished")) {
        /* microdata: the value is in content/datetime, an <abbr>'s title,
         * or the element's text */
        add_datecand(h, me, a.content     ? a.content
                            : a.datetime  ? a.datetime
                            : e->tag == GUMBO_TAG_ABBR ? a.title : NULL,
                     true, false);
    } else if ((flags & HTF_DATECLASS) && me >= 0) {
        add_datecand(h, me, e->tag == GUMBO_TAG_ABBR ? a.title : NULL,
                     false, false);
    }
    nf->g = g;
    nf->next = 0;
    nf->me = me;
    nf->blk = me >= 0 && ht_is_block(tag) ? me : f->blk;
    nf->copy = me >= 0;
    nf->in_link = f->in_link || tag == HT_A;
    nf->in_article = f->in_article || tag == HT_ARTICLE || tag == HT_MAIN ||
                     (flags & (HTF_ARTICLEBODY | HTF_MAINROLE));
    return true;
}

/* Walk the Gumbo tree iteratively (explicit stack, PAGE_MAX_DEPTH). */
static void walk(struct harvest *h, const GumboNode *doc)
{
    struct frame *stack = cc_malloc((PAGE_MAX_DEPTH + 1) * sizeof *stack);
    size_t sp = 0;
    int32_t root = add_node(h, -1, HT_BLOCK);

    stack[sp++] = (struct frame){doc, 0, root, root, true, false, false};
    while (sp > 0) {
        struct frame *f = &stack[sp - 1];
        const GumboVector *kids = f->g->type == GUMBO_NODE_DOCUMENT
                                      ? &f->g->v.document.children
                                      : &f->g->v.element.children;
        const GumboNode *c;

        if (f->next >= kids->length) {
            if (f->me >= 0)
                h->tree.n[f->me].end = (int32_t)h->tree.count;
            sp--;
            continue;
        }
        c = kids->data[f->next++];
        switch (c->type) {
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_CDATA:
        case GUMBO_NODE_WHITESPACE:
            if (f->copy)
                add_text(h, f->me, f->blk, f->in_link, c);
            break;
        case GUMBO_NODE_ELEMENT:
            if (sp > PAGE_MAX_DEPTH) {
                h->depth_cut = true;
                break;
            }
            if (enter_element(h, f, c, &stack[sp]))
                sp++;
            break;
        default:   /* comments, templates */
            break;
        }
    }
    free(stack);
}

static void harvest_free(struct harvest *h)
{
    html_meta_free(&h->m);
    ht_free(&h->tree);
}

/* ---- entry points ----------------------------------------------------- */

static void add_note(struct cc_buf *notes, const char *s)
{
    if (notes->len)
        cc_buf_addstr(notes, "; ");
    cc_buf_addstr(notes, s);
}

#define NODE_RESERVE(tags) ((tags) + (tags) / 4 + 16)

static cc_result parse_html(struct page *p, char **bufp, size_t len,
                            struct cc_buf *notes, char *err, size_t errlen)
{
    char *buf = *bufp;
    GumboOptions opt = kGumboDefaultOptions;
    GumboOutput *g;
    struct arena arena;
    struct harvest h;
    struct cc_buf text;
    struct html_prescan_stats pre;
    struct html_stash stash = {0};
    int32_t root = -1;
    cc_result result;
    struct cc_date raw_stamp, raw_path;

    /* dates in scripts and attributes, read before the prescan drops
     * script bodies */
    html_date_raw(buf, len, cc_date_today(), &raw_stamp, &raw_path);
    len = html_prescan_stash(buf, len, HTML_PRESCAN_DEPTH, &pre,
                             stash_on ? &stash : NULL);
    arena_init(&arena, len);
    opt.allocator = arena_alloc;
    opt.deallocator = arena_dealloc;
    opt.userdata = &arena;
    opt.max_errors = 0;
    g = gumbo_parse_with_options(&opt, buf, len);
    /* nothing below reads the source (original_text spans are not
     * used): free it while Gumbo's tree is alive, the peak of memory */
    free(buf);
    *bufp = NULL;
    if (!g) {
        arena_free(&arena);
        html_stash_free(&stash);
        cc_errf(err, errlen, "HTML parser failed");
        return CC_EPARSE;
    }
    memset(&h, 0, sizeof h);
    h.m.raw_stamp = raw_stamp;
    h.m.raw_path = raw_path;
    h.stash = &stash;
    /* the text pool's cap as if no text had been stashed */
    ht_init(&h.tree, pre.unstashed + 16);
    /* the node array sized once from the tag count (elements and the text
     * between them), not doubled past it while Gumbo's tree is alive */
    h.tree.cap = NODE_RESERVE(pre.kept);
    if (h.tree.cap > HT_MAX_NODES)
        h.tree.cap = HT_MAX_NODES;
    h.tree.n = cc_malloc(h.tree.cap * sizeof *h.tree.n);
    walk(&h, g->document);
    arena_free(&arena);     /* the whole Gumbo output */
    html_stash_free(&stash);
    h.stash = NULL;
    html_meta_headline(&h.m, &h.tree);

    cc_buf_init(&text, h.tree.pool.len * 2 + 3 * h.tree.count + 64);
    result = ht_extract(&h.tree, &text, &root);
    if (result != CC_OK) {
        cc_buf_free(&text);
        harvest_free(&h);
        cc_errf(err, errlen, "page text too large");
        return result;
    }
    p->text_len = text.len;
    p->text = cc_buf_take(&text);
    html_meta_apply(&h.m, &h.tree, root, p);
    if (h.tree.cut)
        add_note(notes, "page structure cut at " XSTR(HT_MAX_NODES) " nodes");
    if (pre.over_cap > 0)
        add_note(notes, "markup past " XSTR(HTML_PRESCAN_MAX_TAGS)
                        " tags ignored");
    if (h.depth_cut || pre.deep > 0)
        add_note(notes, "markup nested too deeply; deeper elements skipped");
    harvest_free(&h);
    return CC_OK;
}

/* text/plain: paragraphs are separated by blank lines. */
static void parse_plain(struct page *p, const char *buf, size_t len)
{
    struct cc_buf out;
    size_t i = 0;
    bool para = false;
    struct cc_date today = cc_date_today();

    cc_buf_init(&out, len + 16);
    while (i < len) {
        const char *nl = memchr(buf + i, '\n', len - i);
        size_t eol = nl ? (size_t)(nl - buf) : len;
        bool space = false, started = false;

        for (size_t k = i; k < eol;) {
            size_t w = ht_space_len(buf + k, eol - k);

            if (w) {
                space = true;
                k += w;
                continue;
            }
            if (!started) {
                if (para)
                    cc_buf_addstr(&out, "\n\n");
                else if (out.len > 0)
                    cc_buf_addc(&out, ' ');
                started = true;
                para = false;
            } else if (space) {
                cc_buf_addc(&out, ' ');
            }
            space = false;
            cc_buf_addc(&out, buf[k++]);
        }
        if (!started && out.len > 0)
            para = true;    /* a blank line ends the paragraph */
        i = eol + 1;
    }
    p->text_len = out.len;
    p->text = cc_buf_take(&out);
    p->site = html_url_host(p->url);
    if (!html_date_from_url(p->url, &p->published) ||
        !html_date_plausible(p->published, today))
        memset(&p->published, 0, sizeof p->published);
}

static bool is_plain(const char *content_type)
{
    if (!content_type)
        return false;
    while (ht_is_ws(*content_type))
        content_type++;
    return strncasecmp(content_type, "text/plain", 10) == 0;
}

cc_result page_parse(const char *data, size_t len, const char *content_type,
                     const char *url, struct page **out, char *err,
                     size_t errlen)
{
    struct page *p;
    struct cc_buf notes;
    char *buf = NULL;
    size_t blen = 0;
    bool cut = false;
    cc_result result;

    *out = NULL;
    if (!data && len) {
        cc_errf(err, errlen, "no page data");
        return CC_EUSAGE;
    }
    if (len > PAGE_MAX_BYTES) {
        len = PAGE_MAX_BYTES;
        cut = true;
    }
    result = charset_decode(data ? data : "", len, content_type,
                            (size_t)4 * len + 64, &buf, &blen, NULL, 0, NULL);
    if (result != CC_OK) {
        cc_errf(err, errlen, "page could not be decoded to UTF-8");
        return result;
    }
    p = cc_calloc(1, sizeof *p);
    p->url = cc_strdup(url);
    cc_buf_init(&notes, 1024);
    if (cut)
        add_note(&notes, "input cut at 20 MiB");
    if (is_plain(content_type)) {
        parse_plain(p, buf, blen);
    } else if ((result = parse_html(p, &buf, blen, &notes, err, errlen)) !=
               CC_OK) {
        free(buf);
        cc_buf_free(&notes);
        page_free(&p);
        return result;
    }
    free(buf);
    if (p->text_len == 0)
        add_note(&notes, "no readable article text");
    p->note = notes.len ? cc_buf_take(&notes) : NULL;
    cc_buf_free(&notes);
    *out = p;
    return CC_OK;
}

void page_free(struct page **pp)
{
    struct page *p;

    if (!pp || !*pp)
        return;
    p = *pp;
    free(p->url);
    free(p->title);
    free(p->site);
    free(p->author);
    free(p->lang);
    free(p->canonical);
    free(p->text);
    free(p->note);
    free(p);
    *pp = NULL;
}

/* ---- the plain document tree (parser/html_dom.h) --------------------- */

/* Copy s[0..n) and a NUL into the string block; its offset. */
static size_t dom_str(struct cc_buf *b, const char *s, size_t n)
{
    size_t off = b->len;

    if (cc_buf_add(b, s, n) != CC_OK || cc_buf_addc(b, '\0') != CC_OK)
        cc_oom();           /* the block has no cap of its own */
    return off;
}

/* A new node under parent (appended after its last child *last). */
static int32_t dom_add(struct html_dom *d, size_t *cap, int32_t parent,
                       int32_t *last, enum html_dom_kind kind, int line,
                       size_t str)
{
    int32_t i = (int32_t)d->nn;

    d->n = cc_grow(d->n, cap, d->nn + 1, sizeof *d->n);
    d->n[d->nn++] = (struct html_dom_node){kind, parent, HTML_DOM_NONE,
                                           HTML_DOM_NONE, line, str, 0, 0};
    if (parent != HTML_DOM_NONE) {
        if (*last == HTML_DOM_NONE)
            d->n[parent].first = i;
        else
            d->n[*last].next = i;
        *last = i;
    }
    return i;
}

cc_result html_dom_parse(const char *utf8, size_t len, struct html_dom *out,
                         bool *cut)
{
    struct frame {
        const GumboNode *g;
        int32_t node, last;
        unsigned i;
    } *st = NULL;
    size_t scap = 0, top = 0, ncap = 0, acap = 0, na = 0;
    GumboOptions opt = kGumboDefaultOptions;
    GumboOutput *g;
    struct cc_buf s;
    int32_t none = HTML_DOM_NONE;

    memset(out, 0, sizeof *out);
    if (cut)
        *cut = false;
    opt.allocator = gumbo_alloc;
    opt.deallocator = gumbo_dealloc;
    opt.max_errors = 0;
    g = gumbo_parse_with_options(&opt, utf8, len);
    if (!g)
        return CC_EPARSE;
    cc_buf_init(&s, SIZE_MAX / 2);
    (void)dom_add(out, &ncap, HTML_DOM_NONE, &none, HTML_DOM_DOCUMENT, 1,
                  dom_str(&s, "", 0));
    st = cc_grow(st, &scap, 1, sizeof *st);
    st[top++] = (struct frame){g->document, 0, HTML_DOM_NONE, 0};
    while (top > 0) {
        struct frame *f = &st[top - 1];
        const GumboVector *v = f->g->type == GUMBO_NODE_DOCUMENT
                                   ? &f->g->v.document.children
                                   : &f->g->v.element.children;
        const GumboNode *c;
        int32_t i;

        if (f->i >= v->length) {
            top--;
            continue;
        }
        c = v->data[f->i++];
        if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE ||
            c->type == GUMBO_NODE_CDATA) {
            (void)dom_add(out, &ncap, f->node, &f->last, HTML_DOM_TEXT,
                          (int)c->v.text.start_pos.line,
                          dom_str(&s, c->v.text.text,
                                  strlen(c->v.text.text)));
            continue;
        }
        if (c->type != GUMBO_NODE_ELEMENT && c->type != GUMBO_NODE_TEMPLATE)
            continue;                                   /* comments */
        {
            const char *name = c->v.element.tag == GUMBO_TAG_UNKNOWN
                                   ? ""
                                   : gumbo_normalized_tagname(
                                         c->v.element.tag);
            const GumboVector *at = &c->v.element.attributes;

            i = dom_add(out, &ncap, f->node, &f->last, HTML_DOM_ELEMENT,
                        (int)c->v.element.start_pos.line,
                        dom_str(&s, name, strlen(name)));
            out->n[i].attr = (uint32_t)na;
            out->n[i].nattr = at->length;
            out->attrs = cc_grow(out->attrs, &acap, 2 * (na + at->length),
                                 sizeof *out->attrs);
            for (unsigned k = 0; k < at->length; k++, na++) {
                const GumboAttribute *a = at->data[k];

                out->attrs[2 * na] = dom_str(&s, a->name, strlen(a->name));
                out->attrs[2 * na + 1] = dom_str(&s, a->value,
                                                 strlen(a->value));
            }
        }
        if (top >= HTML_DOM_MAX_DEPTH) {
            if (cut && c->v.element.children.length > 0)
                *cut = true;
            continue;
        }
        st = cc_grow(st, &scap, top + 1, sizeof *st);
        st[top++] = (struct frame){c, i, HTML_DOM_NONE, 0};
    }
    free(st);
    gumbo_destroy_output(&opt, g);
    out->strings = cc_buf_take(&s);
    return CC_OK;
}

void html_dom_free(struct html_dom *d)
{
    free(d->n);
    free(d->attrs);
    free(d->strings);
    memset(d, 0, sizeof *d);
}

const char *html_dom_name(const struct html_dom *d, int32_t i)
{
    return d->n[i].kind == HTML_DOM_ELEMENT ? d->strings + d->n[i].str : "";
}

const char *html_dom_text(const struct html_dom *d, int32_t i)
{
    return d->n[i].kind == HTML_DOM_TEXT ? d->strings + d->n[i].str : "";
}

const char *html_dom_attr(const struct html_dom *d, int32_t i,
                          const char *name)
{
    const struct html_dom_node *n = &d->n[i];

    if (n->kind != HTML_DOM_ELEMENT)
        return NULL;
    for (uint32_t k = n->attr; k < n->attr + n->nattr; k++)
        if (strcmp(d->strings + d->attrs[2 * k], name) == 0)
            return d->strings + d->attrs[2 * k + 1];
    return NULL;
}

bool html_dom_is(const struct html_dom *d, int32_t i, const char *name)
{
    return d->n[i].kind == HTML_DOM_ELEMENT &&
           strcmp(d->strings + d->n[i].str, name) == 0;
}
