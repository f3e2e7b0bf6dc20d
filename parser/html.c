/*
 * parser/html.c -- page_parse(): a web page's metadata and main text.
 * The only file of citecheck that includes gumbo.h.
 *
 * Steps: cap the input at PAGE_MAX_BYTES; decode it to UTF-8
 * (parser/charset.c); bound its nesting (parser/html_prescan.c); parse it
 * with Gumbo; walk the tree iteratively, collecting metadata (<meta>,
 * <link rel=canonical>, <title>, <html lang>, JSON-LD, <time>) and copying
 * the body into a plain tree (parser/html_tree.h); destroy the Gumbo
 * output; extract the main text (parser/html_text.c); choose title, site,
 * author and dates by the orders documented in page.h and below.
 */
#include "parser/page.h"

#include <gumbo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parser/charset.h"
#include "parser/html_date.h"
#include "parser/html_jsonld.h"
#include "parser/html_prescan.h"
#include "parser/html_tree.h"
#include "parser/html_url.h"

#define META_VALUE_MAX 4096    /* longer meta values are cut */
#define TITLE_MAX 1024         /* bytes of a title kept */
#define MAX_DATECANDS 4096     /* <time>/date-class elements remembered */
#define MAX_H1 16              /* <h1> elements considered as headline */
#define H1_WINDOW_NODES 200    /* "near the headline": nodes after <h1> */
#define H1_WINDOW_BEFORE 30    /* ... and nodes before it */
#define DATELINE_BYTES 600     /* text after <h1> searched for a dateline */
#define LABELED_BYTES (256u << 10)  /* text searched for "Published: ..." */

#define STR(x) #x
#define XSTR(x) STR(x)

/* ---- metadata keys -------------------------------------------------- */

enum meta_slot {
    M_OG_TITLE, M_TW_TITLE, M_OG_SITE, M_APPNAME, M_AUTHOR, M_ART_AUTHOR,
    M_OG_URL, M_CONTENT_LANG, M_NSLOTS
};

static const struct {
    const char *key;
    enum meta_slot slot;
} meta_keys[] = {
    {"og:title", M_OG_TITLE}, {"twitter:title", M_TW_TITLE},
    {"og:site_name", M_OG_SITE}, {"application-name", M_APPNAME},
    {"author", M_AUTHOR}, {"article:author", M_ART_AUTHOR},
    {"og:url", M_OG_URL}, {"http-equiv:content-language", M_CONTENT_LANG},
};

/* Publication date keys, most trusted first.  "itemprop:" marks
 * microdata, "http-equiv:" http-equiv. */
static const char *const pub_keys[] = {
    "article:published_time", "og:published_time",
    "og:article:published_time", "itemprop:datepublished",
    "article.published", "dc.date.issued", "dcterms.issued", "dc.date",
    "dcterms.date", "dc.date.created", "dcterms.created",
    "citation_publication_date", "citation_date", "citation_online_date",
    "parsely-pub-date", "sailthru.date", "pubdate", "publishdate",
    "publish-date", "publish_date", "publication_date", "datepublished",
    "date", "og:pubdate", "article_date_original", "original-publish-date",
    "itemprop:datecreated", "schema:datepublished", "schema:datecreated",
    "dc:date", "dcterms:issued", "dcterms:created",
};
#define NPUB (sizeof pub_keys / sizeof *pub_keys)

static const char *const mod_keys[] = {
    "article:modified_time", "og:updated_time", "og:modified_time",
    "itemprop:datemodified", "dcterms.modified", "dc.date.modified",
    "last-modified", "http-equiv:last-modified", "datemodified",
    "schema:datemodified", "dcterms:modified",
};
#define NMOD (sizeof mod_keys / sizeof *mod_keys)

/* Everything collected during the walk. */
struct harvest {
    char *meta[M_NSLOTS];
    char *pub[NPUB];
    char *mod[NMOD];
    char *title_el;        /* <title> text */
    char *lang;            /* <html lang> */
    char *base;            /* <base href> */
    char *canonical;       /* <link rel=canonical href>, raw */
    struct html_jsonld jld;
    struct ht_tree tree;
    int32_t h1[MAX_H1];    /* copied <h1> elements in document order */
    size_t nh1;
    bool depth_cut;
};

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

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Length of the UTF-8 sequence starting with byte c (1 for junk). */
static size_t seq_len(unsigned char c)
{
    return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* Copy s with whitespace collapsed and trimmed, at most max bytes (whole
 * UTF-8 sequences only); NULL when s is NULL or blank. */
static char *clean_dup(const char *s, size_t max)
{
    struct cc_buf b;
    bool space = false;

    if (!s)
        return NULL;
    cc_buf_init(&b, max + 1);
    while (*s) {
        size_t k = seq_len((unsigned char)*s);

        if (is_ws(*s)) {
            space = b.len > 0;
            s++;
            continue;
        }
        if (strnlen(s, k) < k || b.len + (space ? 1 : 0) + k > max)
            break;
        if (space)
            cc_buf_addc(&b, ' ');
        space = false;
        cc_buf_add(&b, s, k);
        s += k;
    }
    if (b.len == 0) {
        cc_buf_free(&b);
        return NULL;
    }
    return cc_buf_take(&b);
}

static void read_attrs(const GumboElement *e, struct attrs *a)
{
    memset(a, 0, sizeof *a);
    for (unsigned i = 0; i < e->attributes.length; i++) {
        const GumboAttribute *at = e->attributes.data[i];
        const char *n = at->name, *v = at->value;

        if (!strcmp(n, "id"))
            a->id = v;
        else if (!strcmp(n, "class"))
            a->cls = v;
        else if (!strcmp(n, "role"))
            a->role = v;
        else if (!strcmp(n, "style"))
            a->style = v;
        else if (!strcmp(n, "itemprop"))
            a->itemprop = v;
        else if (!strcmp(n, "content"))
            a->content = v;
        else if (!strcmp(n, "datetime"))
            a->datetime = v;
        else if (!strcmp(n, "name"))
            a->name = v;
        else if (!strcmp(n, "property"))
            a->property = v;
        else if (!strcmp(n, "http-equiv"))
            a->http_equiv = v;
        else if (!strcmp(n, "rel"))
            a->rel = v;
        else if (!strcmp(n, "href"))
            a->href = v;
        else if (!strcmp(n, "lang"))
            a->lang = v;
        else if (!strcmp(n, "type"))
            a->type = v;
        else if (!strcmp(n, "title"))
            a->title = v;
        else if (!strcmp(n, "hidden"))
            a->hidden = true;
        else if (!strcmp(n, "aria-hidden"))
            a->aria_hidden = !strcasecmp(v, "true");
        else if (!strcmp(n, "pubdate"))
            a->pubdate = true;
    }
}

/* Does a space-separated attribute value hold word (case-insensitive)? */
static bool has_token(const char *list, const char *word)
{
    size_t n = strlen(word);

    while (list && *list) {
        size_t k;

        while (is_ws(*list))
            list++;
        k = 0;
        while (list[k] && !is_ws(list[k]))
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
            while (is_ws(*q))
                q++;
            if (*q != ':')
                continue;
            q++;
            while (is_ws(*q))
                q++;
            if (strncasecmp(q, props[k][1], vl) == 0)
                return true;
        }
    }
    return false;
}

static void set_once(char **slot, const char *v)
{
    if (!*slot && v)
        *slot = clean_dup(v, META_VALUE_MAX);
}

static void meta_key(struct harvest *h, const char *key, const char *value)
{
    for (size_t i = 0; i < sizeof meta_keys / sizeof *meta_keys; i++)
        if (!strcasecmp(key, meta_keys[i].key))
            set_once(&h->meta[meta_keys[i].slot], value);
    for (size_t i = 0; i < NPUB; i++)
        if (!strcasecmp(key, pub_keys[i]))
            set_once(&h->pub[i], value);
    for (size_t i = 0; i < NMOD; i++)
        if (!strcasecmp(key, mod_keys[i]))
            set_once(&h->mod[i], value);
}

static void prefixed_key(struct harvest *h, const char *prefix,
                         const char *key, const char *value)
{
    char buf[128];

    if (snprintf(buf, sizeof buf, "%s%s", prefix, key) < (int)sizeof buf)
        meta_key(h, buf, value);
}

static void handle_meta(struct harvest *h, const struct attrs *a)
{
    if (!a->content)
        return;
    if (a->name)
        meta_key(h, a->name, a->content);
    if (a->property && (!a->name || strcasecmp(a->name, a->property)))
        meta_key(h, a->property, a->content);
    if (a->itemprop)
        prefixed_key(h, "itemprop:", a->itemprop, a->content);
    if (a->http_equiv)
        prefixed_key(h, "http-equiv:", a->http_equiv, a->content);
}

/* Concatenated text children of an element (title, script). */
static void child_text(const GumboNode *node, struct cc_buf *b)
{
    const GumboVector *c = &node->v.element.children;

    for (unsigned i = 0; i < c->length; i++) {
        const GumboNode *k = c->data[i];

        if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_WHITESPACE ||
            k->type == GUMBO_NODE_CDATA)
            cc_buf_addstr(b, k->v.text.text);
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
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
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

static void add_text(struct harvest *h, int32_t parent, int32_t blk,
                     bool in_link, const GumboNode *g)
{
    struct ht_tree *t = &h->tree;
    const char *s = g->type == GUMBO_NODE_WHITESPACE ? " " : g->v.text.text;
    size_t len = strlen(s), off = t->pool.len;
    uint32_t chars = 0, commas = 0;
    int32_t i;

    if (len == 0 || cc_buf_add(&t->pool, s, len) != CC_OK)
        return;
    if ((i = add_node(h, parent, HT_TEXT)) < 0) {
        t->pool.len = off;
        return;
    }
    for (size_t k = 0; k < len; k++) {
        unsigned char c = (unsigned char)s[k];

        if (!is_ws((char)c) && (c & 0xC0) != 0x80)
            chars++;
        if (c == ',')
            commas++;
    }
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
    c->value = value ? clean_dup(value, 256) : NULL;
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
                            const struct attrs *a)
{
    GumboTag tag = g->v.element.tag;
    struct cc_buf b;

    switch (tag) {
    case GUMBO_TAG_HTML:
        set_once(&h->lang, a->lang);
        break;
    case GUMBO_TAG_BASE:
        set_once(&h->base, a->href);
        break;
    case GUMBO_TAG_META:
        handle_meta(h, a);
        break;
    case GUMBO_TAG_LINK:
        if (has_token(a->rel, "canonical"))
            set_once(&h->canonical, a->href);
        break;
    case GUMBO_TAG_TITLE:
        if (!h->title_el) {
            cc_buf_init(&b, TITLE_MAX * 4);
            child_text(g, &b);
            h->title_el = clean_dup(b.data, TITLE_MAX);
            cc_buf_free(&b);
        }
        return false;
    case GUMBO_TAG_SCRIPT:
        if (a->type && strcasestr(a->type, "ld+json")) {
            cc_buf_init(&b, HTML_JSONLD_MAX_BYTES);
            child_text(g, &b);
            if (b.len)
                html_jsonld_feed(&h->jld, b.data, b.len);
            cc_buf_free(&b);
        }
        return false;
    default:
        break;
    }
    if (tag != GUMBO_TAG_META) {
        const char *v = a->content ? a->content : a->datetime;

        if (v && a->itemprop && has_token(a->itemprop, "dateModified"))
            meta_key(h, "itemprop:datemodified", v);
        /* RDFa on any element: <span property="schema:dateCreated"
         * content="..."> */
        if (a->property && a->content)
            meta_key(h, a->property, a->content);
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
    if (!harvest_element(h, g, &a))
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
    if (a.itemprop && has_token(a.itemprop, "articleBody"))
        flags |= HTF_ARTICLEBODY;
    if (has_token(a.role, "main"))
        flags |= HTF_MAINROLE;
    if (f->copy && e->tag != GUMBO_TAG_HEAD)
        me = add_node(h, f->me, tag);
    if (me >= 0) {
        struct ht_node *n = &h->tree.n[me];

        n->flags |= flags;
        n->weight = weight;
        n->blk = f->blk;
        if (tag == HT_H1 && h->nh1 < MAX_H1)
            h->h1[h->nh1++] = me;
    }
    if (e->tag == GUMBO_TAG_TIME) {
        bool pub = a.pubdate || has_token(a.itemprop, "datePublished");

        if (pub && me >= 0)
            h->tree.n[me].flags |= HTF_PUBDATE;
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

/* ---- metadata decisions --------------------------------------------- */

static int word_count(const char *s, size_t len)
{
    int words = 0;
    bool in = false;

    for (size_t i = 0; i < len; i++) {
        if (is_ws(s[i])) {
            in = false;
        } else if (!in) {
            in = true;
            words++;
        }
    }
    return words;
}

/* Does every word of s[0..len) start with a capital letter (Latin,
 * Latin-1 or Cyrillic) or contain a dot ("Gazeta.uz")? */
static bool capitalized(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        size_t j = i;
        bool ok;

        while (i < len && is_ws(s[i]))
            i++;
        if (i >= len)
            break;
        ok = (p[i] >= 'A' && p[i] <= 'Z') ||
             (i + 1 < len && p[i] == 0xD0 && p[i + 1] >= 0x80 &&
              p[i + 1] <= 0xAF) ||
             (i + 1 < len && p[i] == 0xC3 && p[i + 1] >= 0x80 &&
              p[i + 1] <= 0x9E);
        for (j = i; j < len && !is_ws(s[j]); j++)
            if (s[j] == '.' && j > i && j + 1 < len && !is_ws(s[j + 1]))
                ok = true;
        if (!ok)
            return false;
        i = j;
    }
    return true;
}

/* Does tail name the site (its name or its host's first label)? */
static bool names_site(const char *tail, size_t len, const char *site,
                       const char *host)
{
    if (site && strlen(site) == len && strncasecmp(tail, site, len) == 0)
        return true;
    if (host) {
        size_t hl = strcspn(host, ".");

        if (hl >= 3 && len >= hl) {
            for (size_t i = 0; i + hl <= len; i++)
                if (strncasecmp(tail + i, host, hl) == 0)
                    return true;
        }
    }
    return false;
}

/* Remove " | Site", " - Site", " — Site" from the end of title (and
 * "Site | " from its start): always when the part names the site; else
 * after " | " a tail of at most 6 words, and after other separators a
 * capitalised tail ("Reuters", "BBC News", "Gazeta.uz") of at most 4
 * words that is shorter than the rest; at least 2 words remain. */
static void strip_site(char *title, const char *site, const char *host)
{
    static const char *const seps[] = {" | ", " - ", " — ", " – ", " :: ",
                                       " « ", " » ", " › ", " · ", " / ",
                                       " // ", " ~ "};
    bool again = true;

    /* a separator left dangling at either end: "Title |" */
    for (size_t n = strlen(title); n > 0;) {
        char c = title[n - 1];

        if (c == '|' || c == '-' || c == ' ' || c == ':' || c == '/')
            title[--n] = '\0';
        else
            break;
    }
    for (int round = 0; again && round < 3; round++) {
        size_t len = strlen(title), best = 0, bl = 0;
        int bk = -1;

        again = false;
        for (int k = 0; k < (int)(sizeof seps / sizeof *seps); k++) {
            const char *p = title, *q;
            size_t sl = strlen(seps[k]);

            while ((q = strstr(p, seps[k])) != NULL) {
                if ((size_t)(q - title) > best || bk < 0) {
                    best = (size_t)(q - title);
                    bl = sl;
                    bk = k;
                }
                p = q + 1;
            }
        }
        if (bk < 0)
            return;
        {
            const char *tail = title + best + bl;
            size_t tl = len - best - bl;
            int tw = word_count(tail, tl);
            int maxw = bk == 0 ? 6 : 4;

            if (names_site(tail, tl, site, host) ||
                (tw <= maxw && word_count(title, best) >= 2 &&
                 (bk == 0 || (word_count(title, best) > tw &&
                              capitalized(tail, tl))))) {
                title[best] = '\0';
                again = bk == 0;
                continue;
            }
        }
        /* "Site | Title" */
        for (int k = 0; k < (int)(sizeof seps / sizeof *seps); k++) {
            const char *q = strstr(title, seps[k]);

            if (q && names_site(title, (size_t)(q - title), site, NULL)) {
                size_t sl = strlen(seps[k]);

                memmove(title, q + sl, strlen(q + sl) + 1);
                break;
            }
        }
    }
}

static char *node_text(const struct ht_tree *t, int32_t i, size_t max)
{
    struct cc_buf b;
    char *s;

    cc_buf_init(&b, max + 8);
    ht_text_of(t, i, &b, max);
    s = clean_dup(b.data, max);
    cc_buf_free(&b);
    return s;
}

static void choose_title(struct page *p, struct harvest *h, const char *host)
{
    const char *order[] = {h->meta[M_OG_TITLE], h->meta[M_TW_TITLE],
                           h->jld.value[JLD_HEADLINE], NULL, h->title_el};
    char *h1 = h->tree.headline >= 0
                   ? node_text(&h->tree, h->tree.headline, TITLE_MAX)
                   : NULL;

    order[3] = h1;
    for (size_t k = 0; k < sizeof order / sizeof *order; k++) {
        char *t = clean_dup(order[k], TITLE_MAX);

        if (!t)
            continue;
        if (k != 3)
            strip_site(t, p->site, host);
        /* a title that only names the site is not the article's */
        if (*t && !names_site(t, strlen(t), p->site, NULL)) {
            p->title = clean_dup(t, TITLE_MAX);
            free(t);
            break;
        }
        free(t);
    }
    free(h1);
}

static bool is_url(const char *s)
{
    return s && (strncasecmp(s, "http://", 7) == 0 ||
                 strncasecmp(s, "https://", 8) == 0);
}

static void choose_meta(struct page *p, struct harvest *h, const char *url)
{
    char *base = h->base ? html_url_resolve(url, h->base) : NULL;
    const char *b = base ? base : url;
    char *host;

    p->site = clean_dup(h->meta[M_OG_SITE], TITLE_MAX);
    if (!p->site)
        p->site = clean_dup(h->jld.value[JLD_PUBLISHER], TITLE_MAX);
    if (!p->site)
        p->site = clean_dup(h->jld.value[JLD_SITE_NAME], TITLE_MAX);
    if (!p->site)
        p->site = clean_dup(h->meta[M_APPNAME], TITLE_MAX);
    if (h->canonical)
        p->canonical = html_url_resolve(b, h->canonical);
    host = html_url_host(url);
    if (!host)
        host = html_url_host(p->canonical);
    if (!host)
        host = html_url_host(h->meta[M_OG_URL]);
    if (!p->site && host)
        p->site = cc_strdup(host);
    choose_title(p, h, host);
    if (h->meta[M_AUTHOR] && !is_url(h->meta[M_AUTHOR]))
        p->author = clean_dup(h->meta[M_AUTHOR], TITLE_MAX);
    if (!p->author)
        p->author = clean_dup(h->jld.value[JLD_AUTHOR], TITLE_MAX);
    if (!p->author && !is_url(h->meta[M_ART_AUTHOR]))
        p->author = clean_dup(h->meta[M_ART_AUTHOR], TITLE_MAX);
    p->lang = clean_dup(h->lang, 64);
    if (!p->lang)
        p->lang = clean_dup(h->meta[M_CONTENT_LANG], 64);
    free(host);
    free(base);
}

/* ---- dates ------------------------------------------------------------ */

struct datectx {
    struct cc_date today;
    bool mdy;
};

static bool try_value(const struct datectx *c, const char *v,
                      struct cc_date *out)
{
    struct cc_date d;

    if (v && html_date_value(v, &d) && html_date_plausible(d, c->today)) {
        *out = d;
        return true;
    }
    return false;
}

static bool try_text(const struct datectx *c, const char *s,
                     struct cc_date *out)
{
    size_t len = s ? strlen(s) : 0, off = 0;

    while (off < len) {
        struct cc_date d;
        size_t end;

        if (!html_date_scan(s + off, len - off, c->mdy, &d, NULL, &end))
            return false;
        if (html_date_plausible(d, c->today)) {
            *out = d;
            return true;
        }
        off += end;
    }
    return false;
}

static bool try_cand(const struct datectx *c, const struct ht_tree *t,
                     const struct ht_datecand *k, struct cc_date *out)
{
    char *s;
    bool ok;

    if (k->value && try_value(c, k->value, out))
        return true;
    if (k->node < 0)
        return false;
    s = node_text(t, k->node, 256);
    ok = try_text(c, s, out);
    free(s);
    return ok;
}

/* Is node just before or among the H1_WINDOW_NODES nodes after the first
 * <h1>? */
static bool near_h1(const struct ht_tree *t, int32_t node)
{
    int32_t h1 = t->headline;

    return h1 >= 0 && node >= 0 && node > h1 - H1_WINDOW_BEFORE &&
           node <= h1 + H1_WINDOW_NODES && !ht_within(t, h1, node);
}

/* A date after a label ("Datum:", "Published") in the text of the page
 * that was kept, or that is near the headline. */
static bool labeled_date(const struct datectx *c, const struct ht_tree *t,
                         struct cc_date *out)
{
    struct cc_buf b;
    size_t off = 0, end;
    bool ok = false;

    cc_buf_init(&b, LABELED_BYTES + 8);
    for (size_t i = 0; i < t->count && b.len < LABELED_BYTES; i++) {
        const struct ht_node *n = &t->n[i];

        if (n->tag != HT_TEXT ||
            ((n->flags & HTF_DEAD) && !near_h1(t, (int32_t)i)))
            continue;
        if (b.len)
            cc_buf_addc(&b, ' ');
        if (cc_buf_add(&b, t->pool.data + n->off, n->len) != CC_OK)
            break;
    }
    while (b.data && off < b.len &&
           html_date_labeled(b.data + off, b.len - off, c->mdy, out, &end)) {
        if (html_date_plausible(*out, c->today)) {
            ok = true;
            break;
        }
        off += end;
    }
    cc_buf_free(&b);
    return ok;
}

#ifdef HT_DEBUG
#define DSRC(x) fprintf(stderr, "DATESRC %s\n", x)
#else
#define DSRC(x) ((void)0)
#endif

static bool page_date(const struct datectx *c, struct harvest *h,
                      int32_t root, const char *url, const char *canonical,
                      struct cc_date *out)
{
    const struct ht_tree *t = &h->tree;

    if (try_value(c, h->jld.value[JLD_PUBLISHED], out))
        { DSRC("step1"); return true; }
    for (size_t i = 0; i < NPUB; i++)
        if (try_value(c, h->pub[i], out))
            { DSRC("step2"); return true; }
    /* <time pubdate>, itemprop=datePublished on an element */
    for (size_t i = 0; i < t->ndates; i++)
        if (t->dates[i].pub && try_cand(c, t, &t->dates[i], out))
            { DSRC("step3"); return true; }
    /* <time> in the article, then near the headline */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < t->ndates; i++) {
            const struct ht_datecand *k = &t->dates[i];
            bool in = pass == 0 ? ht_within(t, root, k->node)
                                : near_h1(t, k->node);

            if (k->is_time && k->node >= 0 && in &&
                try_cand(c, t, k, out))
                { DSRC("step4"); return true; }
        }
    /* date/byline classes near the headline, then in the article */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < t->ndates; i++) {
            const struct ht_datecand *k = &t->dates[i];
            bool in = pass == 0 ? near_h1(t, k->node)
                                : ht_within(t, root, k->node);

            if (!k->is_time && k->node >= 0 && in &&
                try_cand(c, t, k, out))
                { DSRC("step5"); return true; }
        }
    /* a dateline: text just after the headline */
    if (t->headline >= 0 && t->n[t->headline].end < (int32_t)t->count) {
        struct cc_buf b;
        bool ok;
        int32_t start = t->n[t->headline].end;

        cc_buf_init(&b, DATELINE_BYTES + 8);
        for (int32_t i = start;
             i < (int32_t)t->count && b.len < DATELINE_BYTES;
             i = t->n[i].end) {
            if (b.len)
                cc_buf_addc(&b, ' ');
            ht_text_of(t, i, &b, DATELINE_BYTES - b.len);
        }
        ok = b.data && try_text(c, b.data, out);
        cc_buf_free(&b);
        if (ok)
            { DSRC("step6"); return true; }
    }
    if (labeled_date(c, t, out))
        { DSRC("labeled"); return true; }
    /* the first dated element of the page that was not dropped */
    for (size_t i = 0; i < t->ndates; i++) {
        const struct ht_datecand *k = &t->dates[i];

        if (k->node >= 0 && !(t->n[k->node].flags & HTF_DEAD) &&
            try_cand(c, t, k, out))
            { DSRC("anydated"); return true; }
    }
    if (html_date_from_url(url, out) && html_date_plausible(*out, c->today))
        { DSRC("step7"); return true; }
    if (html_date_from_url(canonical, out) &&
        html_date_plausible(*out, c->today))
        { DSRC("step8"); return true; }
    if (html_date_from_url(h->meta[M_OG_URL], out) &&
        html_date_plausible(*out, c->today))
        { DSRC("step9"); return true; }
    memset(out, 0, sizeof *out);
    return false;
}

static void choose_dates(struct page *p, struct harvest *h, int32_t root)
{
    struct datectx c;

    c.today = cc_date_today();
    c.mdy = p->lang && strncasecmp(p->lang, "en", 2) == 0 &&
            !strcasestr(p->lang, "gb") && !strcasestr(p->lang, "au") &&
            !strcasestr(p->lang, "in") && !strcasestr(p->lang, "nz") &&
            !strcasestr(p->lang, "ie") && !strcasestr(p->lang, "za");
    page_date(&c, h, root, p->url, p->canonical, &p->published);
    if (!try_value(&c, h->jld.value[JLD_MODIFIED], &p->modified))
        for (size_t i = 0; i < NMOD; i++)
            if (try_value(&c, h->mod[i], &p->modified))
                break;
}

/* Lowercased (ASCII) copy with whitespace collapsed, for comparisons. */
static char *fold(const char *s)
{
    char *t = clean_dup(s, TITLE_MAX);

    for (char *p = t; p && *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return t;
}

/* Does an <h1> text match a title (one holds the other, and the shorter
 * is at least half the longer)? */
static bool title_match(const char *h1, const char *title)
{
    size_t a = strlen(h1), b = strlen(title);

    if (a == 0 || b == 0)
        return false;
    if (a <= b)
        return a * 2 >= b && strstr(title, h1);
    return b * 2 >= a && strstr(h1, title);
}

/* The headline is the <h1> that matches the page's title metadata (a
 * site logo is often an earlier <h1>), else the first <h1>. */
static void choose_headline(struct harvest *h)
{
    const char *titles[] = {h->meta[M_OG_TITLE], h->meta[M_TW_TITLE],
                            h->jld.value[JLD_HEADLINE], h->title_el};
    int32_t pick = h->nh1 ? h->h1[0] : -1;
    bool found = false;

    for (size_t k = 0; k < sizeof titles / sizeof *titles && !found; k++) {
        char *t = fold(titles[k]);

        for (size_t i = 0; t && i < h->nh1 && !found; i++) {
            char *x = node_text(&h->tree, h->h1[i], TITLE_MAX);
            char *fx = fold(x);

            if (fx && title_match(fx, t)) {
                pick = h->h1[i];
                found = true;
            }
            free(fx);
            free(x);
        }
        free(t);
    }
    h->tree.headline = pick;
    if (pick >= 0)
        h->tree.n[pick].flags |= HTF_HEADLINE;
}

static void harvest_free(struct harvest *h)
{
    for (int i = 0; i < M_NSLOTS; i++)
        free(h->meta[i]);
    for (size_t i = 0; i < NPUB; i++)
        free(h->pub[i]);
    for (size_t i = 0; i < NMOD; i++)
        free(h->mod[i]);
    free(h->title_el);
    free(h->lang);
    free(h->base);
    free(h->canonical);
    html_jsonld_clear(&h->jld);
    ht_free(&h->tree);
}

/* ---- entry points ----------------------------------------------------- */

static void add_note(struct cc_buf *notes, const char *s)
{
    if (notes->len)
        cc_buf_addstr(notes, "; ");
    cc_buf_addstr(notes, s);
}

static cc_result parse_html(struct page *p, char *buf, size_t len,
                            struct cc_buf *notes, char *err, size_t errlen)
{
    GumboOptions opt = kGumboDefaultOptions;
    GumboOutput *g;
    struct harvest h;
    struct cc_buf text;
    struct html_prescan_stats pre;
    int32_t root = -1;
    cc_result result;

    len = html_prescan_flatten(buf, len, HTML_PRESCAN_DEPTH, &pre);
    opt.allocator = gumbo_alloc;
    opt.deallocator = gumbo_dealloc;
    opt.max_errors = 0;
    g = gumbo_parse_with_options(&opt, buf, len);
    if (!g) {
        cc_errf(err, errlen, "HTML parser failed");
        return CC_EPARSE;
    }
    memset(&h, 0, sizeof h);
    ht_init(&h.tree, len + 16);
    walk(&h, g->document);
    gumbo_destroy_output(&opt, g);
    choose_headline(&h);

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
    choose_meta(p, &h, p->url);
    choose_dates(p, &h, root);
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
    bool space = false, para = false;
    struct cc_date today = cc_date_today();

    cc_buf_init(&out, len + 16);
    while (i < len) {
        size_t eol = i;
        bool blank = true;

        while (eol < len && buf[eol] != '\n')
            if (!is_ws(buf[eol++]))
                blank = false;
        if (blank) {
            para = out.len > 0;
            space = false;
        } else {
            if (para)
                cc_buf_addstr(&out, "\n\n");
            para = false;
            for (size_t k = i; k < eol; k++) {
                if (is_ws(buf[k])) {
                    space = true;
                    continue;
                }
                if (space && out.len > 0 &&
                    out.data[out.len - 1] != '\n')
                    cc_buf_addc(&out, ' ');
                space = false;
                cc_buf_addc(&out, buf[k]);
            }
            space = true;
        }
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
    while (is_ws(*content_type))
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
    } else if ((result = parse_html(p, buf, blen, &notes, err, errlen)) !=
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
