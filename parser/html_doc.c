/*
 * parser/html_doc.c -- HTML articles (the document to check, not a cited
 * page) into the document model, read from the plain tree that
 * html_dom_parse() (parser/html.c, the one Gumbo user) builds.
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
#include "parser/html_dom.h"
#include "parser/html_prescan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HD_MAX_DEPTH HTML_DOM_MAX_DEPTH
#define NONE HTML_DOM_NONE

struct href {
    char label[DOC_MAX_LABEL];
    char *id;                   /* element id, or NULL */
    struct doc_tb t;
    int line;
    bool relabelled;
};

struct hd {
    const struct html_dom *d;
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

static bool is_el(const struct hd *h, int32_t n)
{
    return h->d->n[n].kind == HTML_DOM_ELEMENT;
}

static bool is_text(const struct hd *h, int32_t n)
{
    return h->d->n[n].kind == HTML_DOM_TEXT;
}

static bool is(const struct hd *h, int32_t n, const char *name)
{
    return html_dom_is(h->d, n, name);
}

static const char *attr(const struct hd *h, int32_t n, const char *name)
{
    return html_dom_attr(h->d, n, name);
}

/* attribute `name` holds the word w (space-separated, case-insensitive) */
static bool has_word(const struct hd *h, int32_t n, const char *name,
                     const char *w)
{
    const char *v = attr(h, n, name);
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

static int line_of(const struct hd *h, int32_t n)
{
    return h->d->n[n].line;
}

typedef bool (*enter_fn)(struct hd *h, int32_t n);
typedef void (*leave_fn)(struct hd *h, int32_t n);

/* Pre-order walk of root's subtree without recursion: enter() returns
 * false to skip a node's children (leave() is then not called). */
static void walk(struct hd *h, int32_t root, enter_fn enter, leave_fn leave)
{
    struct frame {
        int32_t n, next;        /* node, its next child to visit */
    } *st = NULL;
    size_t cap = 0, top = 0;

    if (!enter(h, root))
        return;
    st = cc_grow(st, &cap, 1, sizeof *st);
    st[top++] = (struct frame){root, h->d->n[root].first};
    while (top > 0) {
        struct frame *f = &st[top - 1];
        int32_t c = f->next;

        if (c == NONE || top >= HD_MAX_DEPTH) {
            if (leave)
                leave(h, f->n);
            top--;
            continue;
        }
        f->next = h->d->n[c].next;
        if (enter(h, c)) {
            st = cc_grow(st, &cap, top + 1, sizeof *st);
            st[top++] = (struct frame){c, h->d->n[c].first};
        }
    }
    free(st);
}

static bool name_in(const struct hd *h, int32_t n, const char *const *names,
                    size_t k)
{
    const char *x = html_dom_name(h->d, n);

    for (size_t i = 0; i < k; i++)
        if (strcmp(x, names[i]) == 0)
            return true;
    return false;
}

static bool skipped(const struct hd *h, int32_t n)
{
    static const char *const names[] = {
        "head", "script", "style", "noscript", "template", "nav", "form",
        "button", "svg", "iframe", "object"};

    return name_in(h, n, names, sizeof names / sizeof *names);
}

static bool ref_container(const struct hd *h, int32_t n)
{
    static const char *const names[] = {"references", "footnotes",
                                        "endnotes", "notes", "reflist",
                                        "bibliography"};

    if (!is_el(h, n))
        return false;
    if (has_word(h, n, "role", "doc-endnotes") ||
        has_word(h, n, "role", "doc-footnotes") ||
        has_word(h, n, "role", "doc-bibliography"))
        return true;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (has_word(h, n, "class", names[i]) ||
            has_word(h, n, "id", names[i]))
            return true;
    return false;
}

static bool single_note(const struct hd *h, int32_t n)
{
    return is_el(h, n) && (has_word(h, n, "role", "doc-footnote") ||
                           has_word(h, n, "role", "doc-endnote"));
}

static bool backlink(const struct hd *h, int32_t n)
{
    const char *href = attr(h, n, "href");

    return has_word(h, n, "role", "doc-backlink") ||
           has_word(h, n, "class", "footnote-back") ||
           has_word(h, n, "class", "footnote-backref") ||
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

static bool ref_text_enter(struct hd *h, int32_t n)
{
    struct href *r = cur_ref(h);
    bool sp;

    if (is_text(h, n)) {
        const char *t = html_dom_text(h->d, n);

        sp = r->t.len > 0 && r->t.s[r->t.len - 1] == ' ';
        docb_tb_text(&r->t, &sp, t, strlen(t), line_of(h, n));
        if (sp)
            doc_tb_addc(&r->t, ' ', line_of(h, n));
        return false;
    }
    if (!is_el(h, n) || skipped(h, n))
        return false;
    if (is(h, n, "a") && backlink(h, n))
        return false;
    if (is(h, n, "a") &&
        h->nlinks < (int)(sizeof h->links / sizeof *h->links))
        h->links[h->nlinks++] = (struct hlink){attr(h, n, "href"), r->t.len,
                                               line_of(h, n)};
    if (is(h, n, "br"))
        doc_tb_addc(&r->t, ' ', line_of(h, n));
    return true;
}

static void ref_text_leave(struct hd *h, int32_t n)
{
    struct href *r = cur_ref(h);
    const char *href;

    if (!is(h, n, "a"))
        return;
    href = attr(h, n, "href");
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
                     r->t.len ? r->t.ln[r->t.len - 1] : line_of(h, n));
    }
}

static void add_ref(struct hd *h, int32_t n, int ordinal)
{
    struct href *r;

    h->nlinks = 0;
    h->refs = cc_grow(h->refs, &h->crefs, h->nrefs + 1, sizeof *h->refs);
    r = &h->refs[h->nrefs++];
    memset(r, 0, sizeof *r);
    snprintf(r->label, sizeof r->label, "%d", ordinal);
    r->id = cc_strdup(attr(h, n, "id"));
    r->line = line_of(h, n);
    walk(h, n, ref_text_enter, ref_text_leave);
    /* trim the trailing space left by whitespace nodes */
    while (r->t.len > 0 && r->t.s[r->t.len - 1] == ' ')
        r->t.s[--r->t.len] = '\0';
}

static bool list_enter(struct hd *h, int32_t n)
{
    if (!is_el(h, n) || skipped(h, n))
        return false;
    if (is(h, n, "ol")) {
        const char *s = attr(h, n, "start");
        long v = s ? strtol(s, NULL, 10) : 1;

        h->ordinal = (v >= 0 && v < 100000 ? (int)v : 1) - 1;
    }
    if (is(h, n, "li")) {
        add_ref(h, n, ++h->ordinal);
        return false;
    }
    return true;
}

static bool refs_enter(struct hd *h, int32_t n)
{
    if (h->d->n[n].kind == HTML_DOM_DOCUMENT)
        return true;
    if (!is_el(h, n))
        return false;
    if (ref_container(h, n)) {
        h->ordinal = 0;
        walk(h, n, list_enter, NULL);
        return false;
    }
    if (single_note(h, n)) {
        add_ref(h, n, (int)h->nrefs + 1);
        return false;
    }
    return !skipped(h, n);
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

/* Text of n's subtree (at most 32 levels), trimmed of spaces and
 * brackets, into buf. */
static void short_text(const struct hd *h, int32_t n, char *buf, size_t cap)
{
    int32_t st[32];
    size_t top = 0, o = 0;

    st[top++] = n;
    while (top > 0) {
        int32_t c = st[--top];
        int32_t kids[32];
        size_t nk = 0;

        if (is_text(h, c)) {
            for (const char *p = html_dom_text(h->d, c); *p && o + 1 < cap;
                 p++)
                if (!strchr(" \t\n[]()", *p))
                    buf[o++] = *p;
        }
        /* children pushed last-first, so the first is read first */
        for (int32_t k = h->d->n[c].first; k != NONE && nk < 32;
             k = h->d->n[k].next)
            kids[nk++] = k;
        while (nk > 0 && top < 32)
            st[top++] = kids[--nk];
    }
    buf[o] = '\0';
}

static bool is_block(const struct hd *h, int32_t n)
{
    static const char *const names[] = {
        "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "td", "th", "tr", "table", "dt", "dd", "pre",
        "section", "article", "header", "footer", "aside", "figure",
        "figcaption", "caption", "main", "body", "hr"};

    return name_in(h, n, names, sizeof names / sizeof *names);
}

static bool is_heading(const struct hd *h, int32_t n)
{
    const char *x = html_dom_name(h->d, n);

    return x[0] == 'h' && x[1] >= '1' && x[1] <= '6' && x[2] == '\0';
}

/* n is a footnote marker: emit it and return true. */
static bool marker(struct hd *h, int32_t n)
{
    const char *href = attr(h, n, "href");
    int32_t p = h->d->n[n].parent;
    char text[DOC_MAX_LABEL * 2];
    struct href *r = NULL;

    if (is(h, n, "a")) {
        bool note = has_word(h, n, "role", "doc-noteref") ||
                    has_word(h, n, "class", "footnote-ref") ||
                    has_word(h, n, "class", "noteref") ||
                    (p != NONE && is(h, p, "sup"));

        if (!href || href[0] != '#')
            return false;
        r = ref_by_id(h, href + 1);
        if (!r && !note)
            return false;
    } else if (!is(h, n, "sup")) {
        return false;
    }
    short_text(h, n, text, sizeof text);
    if (!r) {
        if (text[0] == '\0')
            return false;
        r = ref_by_label(h, text);
        if (!r && is(h, n, "sup"))
            return false;       /* a plain superscript: "m<sup>2</sup>" */
    } else if (text[0] && strlen(text) < DOC_MAX_LABEL &&
               strcmp(text, r->label) != 0 && !r->relabelled &&
               !ref_by_label(h, text)) {
        docb_label(r->label, text, strlen(text));   /* marker says 14 */
    }
    if (r)
        r->relabelled = true;
    docb_marker(&h->b, r ? r->label : text, line_of(h, n));
    return true;
}

/* A <sup> holding only a marker link: handled by the link. */
static bool sup_with_link(const struct hd *h, int32_t n)
{
    for (int32_t c = h->d->n[n].first; c != NONE; c = h->d->n[c].next)
        if (is(h, c, "a"))
            return true;
    return false;
}

static bool body_enter(struct hd *h, int32_t n)
{
    if (h->d->n[n].kind == HTML_DOM_DOCUMENT)
        return true;
    if (is_text(h, n)) {
        const char *t = html_dom_text(h->d, n);

        docb_text(&h->b, t, strlen(t), line_of(h, n));
        return false;
    }
    if (!is_el(h, n) || skipped(h, n) || ref_container(h, n) ||
        single_note(h, n) || is(h, n, "footer"))
        return false;
    if (is_block(h, n)) {
        docb_break(&h->b, false);
        return true;
    }
    if (is(h, n, "br")) {
        docb_text(&h->b, " ", 1, line_of(h, n));
        return false;
    }
    if (is(h, n, "sup"))
        return sup_with_link(h, n) || !marker(h, n);
    if (is(h, n, "a")) {
        if (marker(h, n))
            return false;
        if (web_url(attr(h, n, "href")) &&
            h->nlinks < (int)(sizeof h->links / sizeof *h->links)) {
            h->links[h->nlinks++] = (struct hlink){attr(h, n, "href"),
                                                   h->b.seg.len,
                                                   line_of(h, n)};
        }
    }
    return true;
}

static void body_leave(struct hd *h, int32_t n)
{
    if (!is_el(h, n))
        return;
    if (is_block(h, n)) {
        docb_break(&h->b, is_heading(h, n));
        h->nlinks = 0;
        return;
    }
    if (is(h, n, "a") && h->nlinks > 0 &&
        h->links[h->nlinks - 1].url == attr(h, n, "href")) {
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
    struct html_dom dom;
    size_t n;
    char *text = NULL;
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
    {
        /* Gumbo is quadratic in nesting depth: the page reader's prescan
         * bounds it.  It also drops comments, which would shift source
         * lines, so its output is used only when it had to cut. */
        struct html_prescan_stats st = {0, 0, 0, 0};
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
    if (html_dom_parse(text, n, &dom, NULL) != CC_OK) {
        free(text);
        cc_errf(err, errlen, "%s: HTML could not be parsed", docb_shown(path));
        return CC_EPARSE;
    }
    for (size_t i = 0; i < n; i++)
        nlines += text[i] == '\n';
    free(text);
    h.d = &dom;
    docb_init(&h.b, path, DOC_FMT_HTML);
    walk(&h, 0, refs_enter, NULL);
    walk(&h, 0, body_enter, body_leave);
    for (size_t i = 0; i < h.nrefs; i++) {
        docb_ref(&h.b, h.refs[i].label, h.refs[i].line, &h.refs[i].t, NULL);
        doc_tb_free(&h.refs[i].t);
        free(h.refs[i].id);
    }
    free(h.refs);
    html_dom_free(&dom);
    result = docb_finish(&h.b, nlines, out, err, errlen);
    return result;
}
