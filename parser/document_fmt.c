/*
 * parser/document_fmt.c -- format detection, the dispatcher, and the
 * builder the structured formats (Markdown, HTML, PDF, DOCX) feed.  See
 * document_fmt.h.
 */
#include "parser/document_fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *docb_shown(const char *path)
{
    return !path || strcmp(path, "-") == 0 ? "<stdin>" : path;
}

void docb_label(char *dst, const char *s, size_t n)
{
    if (n > DOC_MAX_LABEL - 1)
        n = DOC_MAX_LABEL - 1;
    memcpy(dst, s, n);
    dst[n] = '\0';
}

void docb_init(struct docb *b, const char *path, enum doc_format fmt)
{
    memset(b, 0, sizeof *b);
    b->d = cc_calloc(1, sizeof *b->d);
    b->d->path = cc_strdup(path ? path : "-");
    b->d->format = fmt;
}

static bool ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
           c == '\v';
}

int docb_tb_text(struct doc_tb *t, bool *space, const char *s, size_t n,
                 int line)
{
    for (size_t i = 0; i < n;) {
        size_t k;

        if (ws(s[i])) {
            if (s[i] == '\n')
                line++;
            if (t->len > 0)
                *space = true;
            i++;
            continue;
        }
        k = i;
        while (k < n && !ws(s[k]))
            k++;
        if (*space && t->len > 0 && t->s[t->len - 1] != ' ')
            doc_tb_addc(t, ' ', line);
        *space = false;
        doc_tb_add(t, s + i, k - i, line);
        i = k;
    }
    return line;
}

int docb_text(struct docb *b, const char *s, size_t n, int line)
{
    size_t from = b->seg.len;
    int after = docb_tb_text(&b->seg, &b->space, s, n, line);

    if (!b->flat)
        return after;
    for (size_t i = from; i < b->seg.len; i++)
        b->seg.ln[i] = line;
    return line;
}

void docb_marker(struct docb *b, const char *label, int line)
{
    struct doc_marker *m;
    size_t cap = b->mk.cap;

    b->mk.m = cc_grow(b->mk.m, &cap, b->mk.n + 1, sizeof *b->mk.m);
    b->mk.cap = cap;
    m = &b->mk.m[b->mk.n++];
    memset(m, 0, sizeof *m);
    m->pos = b->seg.len;
    m->line = line;
    docb_label(m->label, label, strlen(label));
}

void docb_break(struct docb *b, bool heading)
{
    if (b->seg.len > 0 || b->mk.n > 0) {
        if (b->seg.len == 0)
            doc_tb_addc(&b->seg, ' ', b->mk.m[0].line);
        doc_split(b->d, &b->scap, &b->seg, &b->mk, heading);
    }
    doc_tb_free(&b->seg);
    b->mk.n = 0;
    b->space = false;
}

struct doc_ref *docb_ref(struct docb *b, const char *label, int line,
                         const struct doc_tb *t, const char *url)
{
    struct doc *d = b->d;
    struct doc_ref *r;
    struct doc_tb tmp = {0};
    const struct doc_tb *use = t;

    d->refs = cc_grow(d->refs, &b->rcap, d->nrefs + 1, sizeof *d->refs);
    r = &d->refs[d->nrefs++];
    memset(r, 0, sizeof *r);
    docb_label(r->label, label, strlen(label));
    r->line = line;
    if (url && *url && !(t->s && strstr(t->s, url))) {
        /* the hyperlink's target is not in its text: read it as if it
         * followed the text */
        bool sp = true;

        if (t->len)
            doc_tb_add(&tmp, t->s, t->len, t->ln[0]);
        docb_tb_text(&tmp, &sp, url, strlen(url), t->len ? t->ln[t->len - 1]
                                                         : line);
        use = &tmp;
    }
    if (use->len == 0) {
        doc_tb_addc(&tmp, ' ', line);
        use = &tmp;
    }
    r->text = cc_strndup(use->s, use->len);
    doc_ref_analyse(r, use);
    doc_tb_free(&tmp);
    return r;
}

void docb_link(struct docb *b, const char *text, size_t tn, const char *url,
               size_t un, int line)
{
    struct doc *d = b->d;
    struct doc_tb t = {0};
    bool sp = false;
    char label[DOC_MAX_LABEL];
    char *u;

    if (b->nlinks >= DOCB_MAX_LINKS)
        return;                 /* the text stays; no more references */
    u = cc_strndup(url, un);
    while (tn > 0 && *text == ' ') {
        text++;
        tn--;
    }
    while (tn > 0 && text[tn - 1] == ' ')
        tn--;
    for (size_t i = 0; i < d->nrefs; i++) {
        if (d->refs[i].label[0] == 'L' && d->refs[i].url &&
            strcmp(d->refs[i].url, u) == 0) {
            docb_marker(b, d->refs[i].label, line);
            free(u);
            return;
        }
    }
    snprintf(label, sizeof label, "L%d", ++b->nlinks);
    /* only the URL is read as the reference: link text ("the figures",
     * "here") is not a title to compare with the page */
    docb_tb_text(&t, &sp, u, un, line);
    docb_marker(b, label, line);
    {
        struct doc_ref *r = docb_ref(b, label, line, &t, NULL);

        if (tn > 0 && !(tn == un && memcmp(text, u, un) == 0)) {
            free(r->text);
            r->text = cc_asprintf("%.*s <%s>", (int)tn, text, u);
        }
    }
    doc_tb_free(&t);
    free(u);
}

void docb_abort(struct docb *b)
{
    doc_tb_free(&b->seg);
    free(b->mk.m);
    b->mk.m = NULL;
    doc_free(&b->d);
}

cc_result docb_finish(struct docb *b, int nlines, struct doc **out,
                      char *err, size_t errlen)
{
    docb_break(b, false);
    free(b->mk.m);
    b->mk.m = NULL;
    b->d->nlines = nlines;
    if (b->d->nsentences == 0) {
        cc_errf(err, errlen, "%s: no body text", docb_shown(b->d->path));
        doc_free(&b->d);
        return CC_EUSAGE;
    }
    *out = b->d;
    b->d = NULL;
    return CC_OK;
}

char *docb_clean_utf8(const char *data, size_t len, size_t *outlen)
{
    char *o = cc_malloc(len * 3 + 1);
    size_t n = 0, i = 0;

    if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    while (i < len) {
        unsigned cp;
        size_t k = doc_u8_next(data, len, i, &cp);

        if (cp == 0xFFFD && k == 1) {
            memcpy(o + n, "\xef\xbf\xbd", 3);
            n += 3;
        } else if (data[i] == '\r') {
            if (!(i + 1 < len && data[i + 1] == '\n'))
                o[n++] = '\n';
        } else if (data[i] == '\0') {
            o[n++] = ' ';
        } else {
            memcpy(o + n, data + i, k);
            n += k;
        }
        i += k;
    }
    o[n] = '\0';
    *outlen = n;
    return o;
}

/* ---- detection and dispatch ------------------------------------------ */

static bool ends_with(const char *path, const char *ext)
{
    size_t n = path ? strlen(path) : 0, k = strlen(ext);

    return n > k && strcasecmp(path + n - k, ext) == 0;
}

static bool starts_ci(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);

    return n >= k && strncasecmp(s, w, k) == 0;
}

/* A Markdown definition or link starts at line[0..n). */
static bool md_signal(const char *s, size_t n)
{
    const char *e;

    if (n >= 4 && s[0] == '[') {
        e = memchr(s, ']', n);
        if (e && e > s + 1 && (size_t)(e - s) + 2 < n && e[1] == ':' &&
            (s[1] == '^' || starts_ci(e + 2, n - (size_t)(e + 2 - s),
                                      " http") ||
             starts_ci(e + 2, n - (size_t)(e + 2 - s), " <http")))
            return true;
    }
    for (const char *p = s; (p = memmem(p, n - (size_t)(p - s), "](", 2));
         p += 2) {
        size_t rest = n - (size_t)(p + 2 - s);

        if (starts_ci(p + 2, rest, "http://") ||
            starts_ci(p + 2, rest, "https://"))
            return true;
    }
    return false;
}

enum doc_format doc_detect(const char *path, const char *data, size_t len)
{
    size_t i = 0, head = len < 1024 ? len : 1024;

    if (len >= 5 && memmem(data, head, "%PDF-", 5))
        return DOC_FMT_PDF;
    /* a zip naming word/document.xml (entry names are stored plainly) */
    if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0 &&
        memmem(data, len, "word/document.xml", 17))
        return DOC_FMT_DOCX;
    if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    while (i < len && ws(data[i]))
        i++;
    if (starts_ci(data + i, len - i, "<!doctype html") ||
        starts_ci(data + i, len - i, "<html") ||
        starts_ci(data + i, len - i, "<head") ||
        starts_ci(data + i, len - i, "<body") ||
        ((ends_with(path, ".html") || ends_with(path, ".htm") ||
          ends_with(path, ".xhtml")) && i < len && data[i] == '<'))
        return DOC_FMT_HTML;
    if (starts_ci(data + i, len - i, "<?xml") &&
        memmem(data, head, "<html", 5))
        return DOC_FMT_HTML;
    if (ends_with(path, ".md") || ends_with(path, ".markdown") ||
        ends_with(path, ".mdown"))
        return DOC_FMT_MARKDOWN;
    for (size_t a = 0; a < len;) {
        const char *nl = memchr(data + a, '\n', len - a);
        size_t b = nl ? (size_t)(nl - data) : len;

        if (md_signal(data + a, b - a))
            return DOC_FMT_MARKDOWN;
        a = b + 1;
    }
    return DOC_FMT_TEXT;
}

const char *doc_format_name(enum doc_format f)
{
    switch (f) {
    case DOC_FMT_MARKDOWN: return "markdown";
    case DOC_FMT_HTML: return "html";
    case DOC_FMT_PDF: return "pdf";
    case DOC_FMT_DOCX: return "docx";
    case DOC_FMT_TEXT: break;
    }
    return "text";
}

cc_result doc_parse(const char *path, const char *data, size_t len,
                    struct doc **out, char *err, size_t errlen)
{
    *out = NULL;
    if (len > DOC_MAX_BYTES) {
        cc_errf(err, errlen, "%s: file too large (%zu bytes; limit %u)",
                docb_shown(path), len, DOC_MAX_BYTES);
        return CC_EUSAGE;
    }
    switch (doc_detect(path, data, len)) {
    case DOC_FMT_PDF:
        return doc_parse_pdf(path, data, len, out, err, errlen);
    case DOC_FMT_DOCX:
        return doc_parse_docx(path, data, len, out, err, errlen);
    case DOC_FMT_HTML:
        return doc_parse_html(path, data, len, out, err, errlen);
    case DOC_FMT_MARKDOWN:
        return doc_parse_markdown(path, data, len, out, err, errlen);
    case DOC_FMT_TEXT:
        break;
    }
    return doc_parse_text(path, data, len, out, err, errlen);
}

int doc_page_line(const struct doc *d, int line, int *page_line)
{
    size_t k = 0;

    if (!d || d->npages == 0 || line < 1) {
        if (page_line)
            *page_line = line;
        return 0;
    }
    while (k + 1 < d->npages && d->page_first[k + 1] <= line)
        k++;
    if (page_line)
        *page_line = line - d->page_first[k] + 1;
    return (int)k + 1;
}
