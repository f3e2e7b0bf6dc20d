/*
 * parser/html_doc.c -- HTML articles (the document to check, not a cited
 * page) into the document model, with Gumbo.
 *
 * Second Gumbo user besides parser/html.c, kept apart while html.c has
 * another owner; to be merged into html.c (STYLE.md: one Gumbo file).
 *
 * Read as:
 *   reference lists   elements with role doc-endnotes / doc-footnotes /
 *                     doc-bibliography, or class or id "references",
 *                     "footnotes", "endnotes", "notes": each <li> is a
 *                     reference, labelled by its number in the list
 *                     (<ol start=...>) unless a marker pointing at it says
 *                     otherwise; <aside role=doc-footnote> is one reference;
 *                     back-links ("#fnref1", role doc-backlink) are dropped,
 *                     and a link's target is added to the text when its
 *                     text differs;
 *   markers           <a href="#id"> inside <sup>, with role doc-noteref or
 *                     a footnote-ref class, or pointing at a reference;
 *                     <sup>14</sup> when 14 is a reference label;
 *   links             other <a href="http(s)://..."> in the body become
 *                     references "L1", "L2", ...;
 *   skipped           head, script, style, noscript, template, nav, form,
 *                     button, svg, iframe; <footer> in the body (a
 *                     reference list inside one is still read).
 * Lines are source lines of the HTML.  The input is decoded like a
 * fetched page (charset_decode(): BOM, <meta charset>, else UTF-8 with
 * invalid bytes as U+FFFD).  Deeply nested or tag-bloated input is
 * first cut by html_prescan_flatten() (lines may then drift); the tree
 * is walked iteratively.
 */
#include "parser/charset.h"
#include "parser/document_fmt.h"
#include "parser/html_prescan.h"

#include <gumbo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HD_MAX_DEPTH 2048

struct href {
    char label[DOC_MAX_LABEL];
    char *id;                   /* element id, or NULL */
    struct doc_tb t;
    int line;
    bool relabelled;
};

struct hd {
    struct docb b;
    struct href *refs;
    size_t nrefs, crefs;
    int ordinal;                /* list counter while reading a list */
    /* open body links: offset of their text in the paragraph */
    struct hlink {
        const char *url;
        size_t start;
        int line;
    } links[16];
    int nlinks;
};

/* ---- tree helpers ------------------------------------------------------- */

static const GumboVector *kids(const GumboNode *n)
{
    if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE)
        return &n->v.element.children;
    if (n->type == GUMBO_NODE_DOCUMENT)
        return &n->v.document.children;
    return NULL;
}

static bool is_el(const GumboNode *n)
{
    return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE;
}

static const char *attr(const GumboNode *n, const char *name)
{
    const GumboAttribute *a;

    if (!is_el(n))
        return NULL;
    a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : NULL;
}

/* attribute `name` holds the word w (space-separated, case-insensitive) */
static bool has_word(const GumboNode *n, const char *name, const char *w)
{
    const char *v = attr(n, name);
    size_t k = strlen(w);

    while (v && *v) {
        size_t e = strcspn(v, " \t\n");

        if (e == k && strncasecmp(v, w, k) == 0)
            return true;
        v += e;
        v += strspn(v, " \t\n");
    }
    return false;
}

static int line_of(const GumboNode *n)
{
    if (is_el(n))
        return (int)n->v.element.start_pos.line;
    if (n->type == GUMBO_NODE_DOCUMENT)
        return 1;
    return (int)n->v.text.start_pos.line;
}

typedef bool (*enter_fn)(struct hd *h, const GumboNode *n);
typedef void (*leave_fn)(struct hd *h, const GumboNode *n);

/* Pre-order walk of root's subtree without recursion: enter() returns
 * false to skip a node's children (leave() is then not called). */
static void walk(struct hd *h, const GumboNode *root, enter_fn enter,
                 leave_fn leave)
{
    struct frame {
        const GumboNode *n;
        unsigned i;
    } *st = NULL;
    size_t cap = 0, top = 0;

    if (!enter(h, root))
        return;
    st = cc_grow(st, &cap, 1, sizeof *st);
    st[top++] = (struct frame){root, 0};
    while (top > 0) {
        struct frame *f = &st[top - 1];
        const GumboVector *v = kids(f->n);

        if (!v || f->i >= v->length || top >= HD_MAX_DEPTH) {
            if (leave)
                leave(h, f->n);
            top--;
            continue;
        }
        {
            const GumboNode *c = v->data[f->i++];

            if (enter(h, c)) {
                st = cc_grow(st, &cap, top + 1, sizeof *st);
                st[top++] = (struct frame){c, 0};
            }
        }
    }
    free(st);
}

static bool skipped(const GumboNode *n)
{
    switch (n->v.element.tag) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_NAV:
    case GUMBO_TAG_FORM: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SVG:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
        return true;
    default:
        return false;
    }
}

static bool ref_container(const GumboNode *n)
{
    static const char *const names[] = {"references", "footnotes",
                                        "endnotes", "notes", "reflist",
                                        "bibliography"};

    if (!is_el(n))
        return false;
    if (has_word(n, "role", "doc-endnotes") ||
        has_word(n, "role", "doc-footnotes") ||
        has_word(n, "role", "doc-bibliography"))
        return true;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (has_word(n, "class", names[i]) || has_word(n, "id", names[i]))
            return true;
    return false;
}

static bool single_note(const GumboNode *n)
{
    return is_el(n) && (has_word(n, "role", "doc-footnote") ||
                        has_word(n, "role", "doc-endnote"));
}

static bool backlink(const GumboNode *n)
{
    const char *href = attr(n, "href");

    return has_word(n, "role", "doc-backlink") ||
           has_word(n, "class", "footnote-back") ||
           has_word(n, "class", "footnote-backref") ||
           (href && strncmp(href, "#fnref", 6) == 0);
}

static bool web_url(const char *u)
{
    return u && (strncasecmp(u, "http://", 7) == 0 ||
                 strncasecmp(u, "https://", 8) == 0);
}

/* ---- pass 1: references ------------------------------------------------- */

static struct href *cur_ref(struct hd *h)
{
    return &h->refs[h->nrefs - 1];
}

static bool ref_text_enter(struct hd *h, const GumboNode *n)
{
    struct href *r = cur_ref(h);
    bool sp;

    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
        n->type == GUMBO_NODE_CDATA) {
        sp = r->t.len > 0 && r->t.s[r->t.len - 1] == ' ';
        docb_tb_text(&r->t, &sp, n->v.text.text, strlen(n->v.text.text),
                     line_of(n));
        if (sp)
            doc_tb_addc(&r->t, ' ', line_of(n));
        return false;
    }
    if (!is_el(n) || skipped(n))
        return false;
    if (n->v.element.tag == GUMBO_TAG_A && backlink(n))
        return false;
    if (n->v.element.tag == GUMBO_TAG_A &&
        h->nlinks < (int)(sizeof h->links / sizeof *h->links))
        h->links[h->nlinks++] = (struct hlink){attr(n, "href"), r->t.len,
                                               line_of(n)};
    if (n->v.element.tag == GUMBO_TAG_BR)
        doc_tb_addc(&r->t, ' ', line_of(n));
    return true;
}

static void ref_text_leave(struct hd *h, const GumboNode *n)
{
    struct href *r = cur_ref(h);
    const char *href;

    if (!is_el(n) || n->v.element.tag != GUMBO_TAG_A)
        return;
    href = attr(n, "href");
    if (h->nlinks > 0 && h->links[h->nlinks - 1].url == href) {
        size_t s = h->links[--h->nlinks].start;

        while (s < r->t.len && r->t.s[s] == ' ')
            s++;
        /* a one-word link text ("link", "here", "PDF") says nothing: the
         * target stands in its place */
        if (web_url(href) && s < r->t.len &&
            !memchr(r->t.s + s, ' ', r->t.len - s) &&
            !strstr(r->t.s + s, "://")) {
            r->t.len = s;
            r->t.s[s] = '\0';
        }
    }
    if (web_url(href) && !(r->t.s && strstr(r->t.s, href))) {
        bool sp = true;

        docb_tb_text(&r->t, &sp, href, strlen(href),
                     r->t.len ? r->t.ln[r->t.len - 1] : line_of(n));
    }
}

static void add_ref(struct hd *h, const GumboNode *n, int ordinal)
{
    struct href *r;

    h->nlinks = 0;
    h->refs = cc_grow(h->refs, &h->crefs, h->nrefs + 1, sizeof *h->refs);
    r = &h->refs[h->nrefs++];
    memset(r, 0, sizeof *r);
    snprintf(r->label, sizeof r->label, "%d", ordinal);
    r->id = cc_strdup(attr(n, "id"));
    r->line = line_of(n);
    walk(h, n, ref_text_enter, ref_text_leave);
    /* trim the trailing space left by whitespace nodes */
    while (r->t.len > 0 && r->t.s[r->t.len - 1] == ' ')
        r->t.s[--r->t.len] = '\0';
}

static bool list_enter(struct hd *h, const GumboNode *n)
{
    if (!is_el(n) || skipped(n))
        return false;
    if (n->v.element.tag == GUMBO_TAG_OL) {
        const char *s = attr(n, "start");
        long v = s ? strtol(s, NULL, 10) : 1;

        h->ordinal = (v >= 0 && v < 100000 ? (int)v : 1) - 1;
    }
    if (n->v.element.tag == GUMBO_TAG_LI) {
        add_ref(h, n, ++h->ordinal);
        return false;
    }
    return true;
}

static bool refs_enter(struct hd *h, const GumboNode *n)
{
    if (!is_el(n) && n->type != GUMBO_NODE_DOCUMENT)
        return false;
    if (ref_container(n)) {
        h->ordinal = 0;
        walk(h, n, list_enter, NULL);
        return false;
    }
    if (single_note(n)) {
        add_ref(h, n, (int)h->nrefs + 1);
        return false;
    }
    return !(is_el(n) && skipped(n));
}

/* ---- pass 2: the body --------------------------------------------------- */

static struct href *ref_by_id(struct hd *h, const char *id)
{
    for (size_t i = 0; id && i < h->nrefs; i++)
        if (h->refs[i].id && strcmp(h->refs[i].id, id) == 0)
            return &h->refs[i];
    return NULL;
}

static struct href *ref_by_label(struct hd *h, const char *label)
{
    for (size_t i = 0; i < h->nrefs; i++)
        if (strcmp(h->refs[i].label, label) == 0)
            return &h->refs[i];
    return NULL;
}

/* Text of n's subtree, trimmed of spaces and brackets, into buf. */
static void short_text(const GumboNode *n, char *buf, size_t cap)
{
    const GumboNode *st[32];
    size_t top = 0, o = 0;

    st[top++] = n;
    while (top > 0) {
        const GumboNode *c = st[--top];
        const GumboVector *v = kids(c);

        if (c->type == GUMBO_NODE_TEXT) {
            for (const char *p = c->v.text.text; *p && o + 1 < cap; p++)
                if (!strchr(" \t\n[]()", *p))
                    buf[o++] = *p;
        }
        for (unsigned i = v ? v->length : 0; i > 0 && top < 32; i--)
            st[top++] = v->data[i - 1];
    }
    buf[o] = '\0';
}

static bool is_block(const GumboNode *n)
{
    switch (n->v.element.tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_LI:
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_TR:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
    case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_BODY: case GUMBO_TAG_HR:
        return true;
    default:
        return false;
    }
}

static bool is_heading(const GumboNode *n)
{
    GumboTag t = n->v.element.tag;

    return t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 ||
           t == GUMBO_TAG_H4 || t == GUMBO_TAG_H5 || t == GUMBO_TAG_H6;
}

/* n is a footnote marker: emit it and return true. */
static bool marker(struct hd *h, const GumboNode *n)
{
    const char *href = attr(n, "href");
    const GumboNode *p = n->parent;
    char text[DOC_MAX_LABEL * 2];
    struct href *r = NULL;

    if (n->v.element.tag == GUMBO_TAG_A) {
        bool note = has_word(n, "role", "doc-noteref") ||
                    has_word(n, "class", "footnote-ref") ||
                    has_word(n, "class", "noteref") ||
                    (p && is_el(p) && p->v.element.tag == GUMBO_TAG_SUP);

        if (!href || href[0] != '#')
            return false;
        r = ref_by_id(h, href + 1);
        if (!r && !note)
            return false;
    } else if (n->v.element.tag != GUMBO_TAG_SUP) {
        return false;
    }
    short_text(n, text, sizeof text);
    if (!r) {
        if (text[0] == '\0')
            return false;
        r = ref_by_label(h, text);
        if (!r && n->v.element.tag == GUMBO_TAG_SUP)
            return false;       /* a plain superscript: "m<sup>2</sup>" */
    } else if (text[0] && strlen(text) < DOC_MAX_LABEL &&
               strcmp(text, r->label) != 0 && !r->relabelled &&
               !ref_by_label(h, text)) {
        docb_label(r->label, text, strlen(text));   /* marker says 14 */
    }
    if (r)
        r->relabelled = true;
    docb_marker(&h->b, r ? r->label : text, line_of(n));
    return true;
}

/* A <sup> holding only a marker link: handled by the link. */
static bool sup_with_link(const GumboNode *n)
{
    const GumboVector *v = kids(n);

    for (unsigned i = 0; v && i < v->length; i++) {
        const GumboNode *c = v->data[i];

        if (is_el(c) && c->v.element.tag == GUMBO_TAG_A)
            return true;
    }
    return false;
}

static bool body_enter(struct hd *h, const GumboNode *n)
{
    if (n->type == GUMBO_NODE_DOCUMENT)
        return true;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
        n->type == GUMBO_NODE_CDATA) {
        docb_text(&h->b, n->v.text.text, strlen(n->v.text.text), line_of(n));
        return false;
    }
    if (!is_el(n) || skipped(n) || ref_container(n) || single_note(n) ||
        n->v.element.tag == GUMBO_TAG_FOOTER)
        return false;
    if (is_block(n)) {
        docb_break(&h->b, false);
        return true;
    }
    switch (n->v.element.tag) {
    case GUMBO_TAG_BR:
        docb_text(&h->b, " ", 1, line_of(n));
        return false;
    case GUMBO_TAG_SUP:
        return sup_with_link(n) || !marker(h, n);
    case GUMBO_TAG_A:
        if (marker(h, n))
            return false;
        if (web_url(attr(n, "href")) &&
            h->nlinks < (int)(sizeof h->links / sizeof *h->links)) {
            h->links[h->nlinks++] = (struct hlink){attr(n, "href"),
                                                   h->b.seg.len, line_of(n)};
        }
        return true;
    default:
        return true;
    }
}

static void body_leave(struct hd *h, const GumboNode *n)
{
    if (!is_el(n))
        return;
    if (is_block(n)) {
        docb_break(&h->b, is_heading(n));
        h->nlinks = 0;
        return;
    }
    if (n->v.element.tag == GUMBO_TAG_A && h->nlinks > 0 &&
        h->links[h->nlinks - 1].url == attr(n, "href")) {
        struct hlink *l = &h->links[--h->nlinks];
        size_t s = l->start <= h->b.seg.len ? l->start : h->b.seg.len;

        docb_link(&h->b, h->b.seg.s ? h->b.seg.s + s : "", h->b.seg.len - s,
                  l->url, strlen(l->url), l->line);
    }
}

cc_result doc_parse_html(const char *path, const char *data, size_t len,
                         struct doc **out, char *err, size_t errlen)
{
    struct hd h = {0};
    size_t n;
    char *text = NULL;
    GumboOptions opt = kGumboDefaultOptions;
    GumboOutput *g;
    int nlines = 1;
    cc_result result;

    *out = NULL;
    /* the page reader's decoding: BOM, <meta charset>, else UTF-8 */
    if (charset_decode(data, len, NULL, 2 * (size_t)DOC_MAX_BYTES, &text, &n,
                       NULL, 0, NULL) != CC_OK) {
        cc_errf(err, errlen, "%s: too large once decoded to UTF-8",
                docb_shown(path));
        return CC_EUSAGE;
    }
    opt.max_errors = 0;
    {
        /* Gumbo is quadratic in nesting depth: the page reader's prescan
         * bounds it.  It also drops comments, which would shift source
         * lines, so its output is used only when it had to cut. */
        struct html_prescan_stats st = {0, 0, 0};
        char *flat = cc_strndup(text, n);
        size_t fn = html_prescan_flatten(flat, n, HTML_PRESCAN_DEPTH, &st);

        if (st.deep > 0 || st.over_cap > 0) {
            free(text);
            text = flat;
            n = fn;
        } else {
            free(flat);
        }
    }
    g = gumbo_parse_with_options(&opt, text, n);
    if (!g) {
        free(text);
        cc_errf(err, errlen, "%s: HTML could not be parsed", docb_shown(path));
        return CC_EPARSE;
    }
    for (size_t i = 0; i < n; i++)
        nlines += text[i] == '\n';
    docb_init(&h.b, path, DOC_FMT_HTML);
    walk(&h, g->document, refs_enter, NULL);
    walk(&h, g->document, body_enter, body_leave);
    for (size_t i = 0; i < h.nrefs; i++) {
        docb_ref(&h.b, h.refs[i].label, h.refs[i].line, &h.refs[i].t, NULL);
        doc_tb_free(&h.refs[i].t);
        free(h.refs[i].id);
    }
    free(h.refs);
    gumbo_destroy_output(&opt, g);
    free(text);
    result = docb_finish(&h.b, nlines, out, err, errlen);
    return result;
}
