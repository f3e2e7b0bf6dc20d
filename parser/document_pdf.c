/*
 * parser/document_pdf.c -- PDF articles into the document model, and PDF
 * source pages into text for the checker, with poppler-glib.
 *
 * Each page's text comes from poppler with one rectangle and one font
 * size per character.  From them:
 *   - lines: poppler's reading-order lines; a line's size is the size
 *     most of its characters have;
 *   - superscript markers: digits in a font under 0.8 of their line's
 *     size become Unicode superscript digits ("chuqurlashgan¹⁴."), which
 *     the plain-text reader takes for markers when they are a footnote's
 *     label (and leaves as text otherwise: "m²"); at the start of a line
 *     they stay digits (a footnote's own label);
 *   - footnotes: at the bottom of a page, the run of lines set smaller
 *     than the body (the size most characters of the document have),
 *     from its first line that starts with a number; a run with no number
 *     continues the previous page's last footnote.  Page numbers (a line
 *     of 1-4 digits) are left out of it;
 *   - link annotations (URI actions): a footnote's link replaces the URL
 *     read from its text (the target is authoritative when a URL was cut
 *     at an odd place); a link over body text becomes a reference "L1",
 *     ... attached to the sentence with most characters on that line.
 * The lines are then read by the plain-text reader with the footnote
 * lines given (doc_parse_text_notes): word joins at line ends, URLs cut
 * after '-' or '/', sentences and references are read the same way.
 *
 * Positions: a running line number over all pages (page 1's lines first,
 * every extracted line counted, footnotes and page numbers included);
 * doc->page_first[] lets doc_page_line() turn it into page:line.
 * Poppler's log messages are silenced (library code does not print).
 */
#include "parser/document_fmt.h"

#include <math.h>
#include <poppler.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PDF_MAX_PAGES 5000

struct pline {
    int page;           /* 0-based */
    char *text;         /* UTF-8, markers spaced */
    size_t len;
    double y1, y2;      /* top and bottom, y from the top of the page */
    double size;        /* dominant font size */
    bool note;
};

struct plinks {
    struct plink {
        int page;
        double y1, y2;  /* from the top */
        char *uri;
    } *l;
    size_t n, cap;
};

struct pdoc {
    struct pline *lines;
    size_t n, cap;
    size_t *page_first;     /* index of each page's first line */
    int npages;
    struct plinks links;
};

static void silent(const gchar *domain, GLogLevelFlags level,
                   const gchar *msg, gpointer data)
{
    (void)domain;
    (void)level;
    (void)msg;
    (void)data;
}

static cc_result open_pdf(const char *data, size_t len, PopplerDocument **out,
                          GBytes **bytes, char *err, size_t errlen)
{
    GError *ge = NULL;

    g_log_set_handler("Poppler", G_LOG_LEVEL_MASK, silent, NULL);
    *bytes = g_bytes_new_static(data, len);
    *out = poppler_document_new_from_bytes(*bytes, NULL, &ge);
    if (!*out) {
        bool enc = ge && ge->domain == POPPLER_ERROR &&
                   ge->code == POPPLER_ERROR_ENCRYPTED;

        cc_errf(err, errlen, "%s", enc ? "encrypted PDF (password needed)"
                : ge && ge->message ? ge->message : "not a readable PDF");
        if (ge)
            g_error_free(ge);
        g_bytes_unref(*bytes);
        *bytes = NULL;
        return CC_EPARSE;
    }
    return CC_OK;
}

/* Most common value of sizes[0..n) (rounded to 0.5 pt), each counted
 * weight[i] times (once when weight is NULL); at most 16 distinct sizes
 * are told apart. */
static double dominant(const double *sizes, const size_t *weight, size_t n)
{
    double val[16];
    size_t cnt[16], k = 0, best = 0;

    for (size_t i = 0; i < n; i++) {
        double s = floor(sizes[i] * 2 + 0.5) / 2;
        size_t j = 0;

        while (j < k && val[j] != s)
            j++;
        if (j == k) {
            if (k == 16)
                continue;
            val[k] = s;
            cnt[k++] = 0;
        }
        cnt[j] += weight ? weight[i] : 1;
    }
    for (size_t j = 1; j < k; j++)
        if (cnt[j] > cnt[best])
            best = j;
    return k ? val[best] : 0;
}

static bool is_digit(gunichar c)
{
    return c >= '0' && c <= '9';
}

static bool blank_so_far(const struct cc_buf *b)
{
    for (size_t i = 0; i < b->len; i++)
        if (b->data[i] != ' ')
            return false;
    return true;
}

/* Append one line (chars [ca, cb) of the page, bytes from s) to pd. */
static void add_line(struct pdoc *pd, int page, const char *s, size_t ca,
                     size_t cb, const PopplerRectangle *r, const double *csz)
{
    struct pline *l;
    struct cc_buf out;
    double sizes[512] = {0};
    size_t ns = 0;
    bool sup = false;

    pd->lines = cc_grow(pd->lines, &pd->cap, pd->n + 1, sizeof *pd->lines);
    l = &pd->lines[pd->n++];
    memset(l, 0, sizeof *l);
    l->page = page;
    l->y1 = 1e9;
    l->y2 = -1e9;
    for (size_t i = ca; i < cb; i++) {
        if (r[i].y1 < l->y1)
            l->y1 = r[i].y1;
        if (r[i].y2 > l->y2)
            l->y2 = r[i].y2;
        if (ns < sizeof sizes / sizeof *sizes)
            sizes[ns++] = csz[i];
    }
    l->size = dominant(sizes, NULL, ns);
    cc_buf_init(&out, 1u << 20);
    for (size_t i = ca; i < cb; i++) {
        gunichar c = g_utf8_get_char(s);
        const char *next = g_utf8_next_char(s);
        bool small = is_digit(c) && csz[i] > 0 && csz[i] < 0.8 * l->size;

        if (!small && sup && g_unichar_isalpha(c))
            cc_buf_addc(&out, ' ');
        sup = small;
        if (small && !blank_so_far(&out)) {
            /* a raised marker: as a superscript digit, which the text
             * reader takes for a marker when it is a footnote's label */
            static const char *const sups[10] = {
                "\xe2\x81\xb0", "\xc2\xb9", "\xc2\xb2", "\xc2\xb3",
                "\xe2\x81\xb4", "\xe2\x81\xb5", "\xe2\x81\xb6",
                "\xe2\x81\xb7", "\xe2\x81\xb8", "\xe2\x81\xb9"};

            cc_buf_addstr(&out, sups[c - '0']);
        } else {
            cc_buf_add(&out, s, (size_t)(next - s));
        }
        s = next;
    }
    l->len = out.len;
    l->text = cc_buf_take(&out);
    cc_buf_free(&out);
}

static void page_links(struct pdoc *pd, PopplerPage *pg, int page, double h)
{
    GList *lm = poppler_page_get_link_mapping(pg);

    for (GList *it = lm; it; it = it->next) {
        PopplerLinkMapping *m = it->data;
        struct plink *k;

        if (!m->action || m->action->type != POPPLER_ACTION_URI ||
            !m->action->uri.uri)
            continue;
        pd->links.l = cc_grow(pd->links.l, &pd->links.cap, pd->links.n + 1,
                              sizeof *pd->links.l);
        k = &pd->links.l[pd->links.n++];
        k->page = page;
        k->y1 = h - m->area.y2;
        k->y2 = h - m->area.y1;
        k->uri = cc_strdup(m->action->uri.uri);
    }
    poppler_page_free_link_mapping(lm);
}

/* The lines of one page. */
static void read_page(struct pdoc *pd, PopplerPage *pg, int page)
{
    char *text = poppler_page_get_text(pg);
    PopplerRectangle *r = NULL;
    guint nr = 0;
    glong nc = text ? g_utf8_strlen(text, -1) : 0;
    double *csz, w, h;
    GList *attrs;
    const char *s = text, *line = text;
    size_t ca = 0;

    poppler_page_get_size(pg, &w, &h);
    page_links(pd, pg, page, h);
    if (!text || nc <= 0 || !poppler_page_get_text_layout(pg, &r, &nr) ||
        (glong)nr != nc) {
        /* no geometry: lines without sizes */
        r = g_realloc(r, (size_t)(nc > 0 ? nc : 1) * sizeof *r);
        memset(r, 0, (size_t)(nc > 0 ? nc : 1) * sizeof *r);
    }
    csz = cc_calloc((size_t)(nc > 0 ? nc : 1), sizeof *csz);
    attrs = poppler_page_get_text_attributes(pg);
    for (GList *it = attrs; it; it = it->next) {
        PopplerTextAttributes *a = it->data;

        for (int i = a->start_index; i <= a->end_index && i < nc; i++)
            if (i >= 0)
                csz[i] = a->font_size;
    }
    poppler_page_free_text_attributes(attrs);
    for (size_t i = 0; s && i < (size_t)nc; i++) {
        gunichar c = g_utf8_get_char(s);

        if (c == '\n') {
            add_line(pd, page, line, ca, i, r, csz);
            line = g_utf8_next_char(s);
            ca = i + 1;
        }
        s = g_utf8_next_char(s);
    }
    if (ca < (size_t)nc)
        add_line(pd, page, line, ca, (size_t)nc, r, csz);
    free(csz);
    g_free(r);
    g_free(text);
}

static cc_result read_pdf(struct pdoc *pd, const char *data, size_t len,
                          char *err, size_t errlen)
{
    PopplerDocument *doc;
    GBytes *bytes;
    cc_result result = open_pdf(data, len, &doc, &bytes, err, errlen);
    int np;

    if (result != CC_OK)
        return result;
    np = poppler_document_get_n_pages(doc);
    if (np > PDF_MAX_PAGES) {
        cc_errf(err, errlen, "%d pages (limit %d)", np, PDF_MAX_PAGES);
        g_object_unref(doc);
        g_bytes_unref(bytes);
        return CC_ELIMIT;
    }
    pd->npages = np;
    pd->page_first = cc_calloc((size_t)np + 1, sizeof *pd->page_first);
    for (int p = 0; p < np; p++) {
        PopplerPage *pg = poppler_document_get_page(doc, p);

        pd->page_first[p] = pd->n;
        if (pg) {
            read_page(pd, pg, p);
            g_object_unref(pg);
        }
    }
    pd->page_first[np] = pd->n;
    g_object_unref(doc);
    g_bytes_unref(bytes);
    return CC_OK;
}

static void free_pdoc(struct pdoc *pd)
{
    for (size_t i = 0; i < pd->n; i++)
        free(pd->lines[i].text);
    free(pd->lines);
    free(pd->page_first);
    for (size_t i = 0; i < pd->links.n; i++)
        free(pd->links.l[i].uri);
    free(pd->links.l);
}

/* ---- footnotes ------------------------------------------------------------ */

static bool page_number(const struct pline *l)
{
    size_t d = 0;

    for (size_t i = 0; i < l->len; i++) {
        if (l->text[i] >= '0' && l->text[i] <= '9')
            d++;
        else if (l->text[i] != ' ')
            return false;
    }
    return d >= 1 && d <= 4;
}

static bool starts_number(const struct pline *l)
{
    size_t i = 0;

    while (i < l->len && l->text[i] == ' ')
        i++;
    return i < l->len && l->text[i] >= '0' && l->text[i] <= '9';
}

static double body_size(const struct pdoc *pd)
{
    double *s = cc_malloc((pd->n + 1) * sizeof *s), v;
    size_t *w = cc_malloc((pd->n + 1) * sizeof *w);

    /* a line counts as many times as it has bytes */
    for (size_t i = 0; i < pd->n; i++) {
        s[i] = pd->lines[i].size;
        w[i] = pd->lines[i].len;
    }
    v = dominant(s, w, pd->n);
    free(s);
    free(w);
    return v;
}

static void mark_notes(struct pdoc *pd)
{
    double body = body_size(pd);
    bool prev_notes = false;

    if (body <= 0)
        return;
    for (int p = 0; p < pd->npages; p++) {
        size_t a = pd->page_first[p], b = pd->page_first[p + 1], i = b, top;
        bool found = false;

        while (i > a && page_number(&pd->lines[i - 1]))
            i--;
        while (i > a && (pd->lines[i - 1].size < 0.92 * body ||
                         page_number(&pd->lines[i - 1])))
            i--;
        top = i;
        for (i = top; i < b && !found; i++)
            found = starts_number(&pd->lines[i]) &&
                    !page_number(&pd->lines[i]);
        if (found)
            top = i - 1;
        else if (!prev_notes)
            top = b;
        for (i = top; i < b; i++)
            if (!page_number(&pd->lines[i]))
                pd->lines[i].note = true;
        prev_notes = top < b;
    }
}

/* ---- hyphenation ---------------------------------------------------------- */

/* Length of the run of letters ending at s[n) (backwards) or starting at
 * s (forwards). */
static size_t letters_back(const char *s, size_t n)
{
    size_t i = n;

    while (i > 0) {
        const char *p = g_utf8_find_prev_char(s, s + i);

        if (!p || !g_unichar_isalpha(g_utf8_get_char(p)))
            break;
        i = (size_t)(p - s);
    }
    return n - i;
}

static size_t letters_fwd(const char *s, size_t n)
{
    size_t i = 0;

    while (i < n && g_unichar_isalpha(g_utf8_get_char(s + i)))
        i = (size_t)(g_utf8_next_char(s + i) - s);
    return i < n ? i : n;
}

/* Line i ends in "word-" and line k starts with a lower-case word: a
 * typesetter's hyphen unless the document spells "word-next" elsewhere
 * (a compound: "savdo-iqtisodiy"). */
static bool soft_hyphen(const struct pline *l, const struct pline *k,
                        const char *all, size_t alen)
{
    size_t left, right;
    char *w;
    bool found;

    if (l->len < 3 || l->text[l->len - 1] != '-' || k->len == 0 ||
        !g_unichar_islower(g_utf8_get_char(k->text)))
        return false;
    for (size_t i = l->len; i > 0 && l->text[i - 1] != ' '; i--)
        if (l->text[i - 1] == '/' || l->text[i - 1] == '.' ||
            l->text[i - 1] == ':')
            return false;           /* a URL or path cut at '-' */
    left = letters_back(l->text, l->len - 1);
    right = letters_fwd(k->text, k->len);
    if (left < 2 || right == 0)
        return false;
    w = cc_asprintf("%.*s-%.*s", (int)left, l->text + l->len - 1 - left,
                    (int)right, k->text);
    found = memmem(all, alen, w, strlen(w)) != NULL;
    free(w);
    return !found;
}

/* Turn typesetters' hyphens at line ends into soft hyphens (U+00AD),
 * which the text reader drops when it joins the lines; compounds keep
 * their hyphen. */
static void mark_soft_hyphens(struct pdoc *pd)
{
    struct cc_buf all;

    cc_buf_init(&all, SIZE_MAX / 2);
    for (size_t i = 0; i < pd->n; i++) {
        cc_buf_add(&all, pd->lines[i].text, pd->lines[i].len);
        cc_buf_addc(&all, ' ');
    }
    for (size_t i = 0; i < pd->n; i++) {
        struct pline *l = &pd->lines[i];
        size_t k = i + 1;

        while (k < pd->n && (pd->lines[k].note != l->note ||
                             page_number(&pd->lines[k])))
            k++;
        if (k >= pd->n || !soft_hyphen(l, &pd->lines[k], all.data, all.len))
            continue;
        l->text = cc_realloc(l->text, l->len + 2);
        memcpy(l->text + l->len - 1, "\xc2\xad", 3);
        l->len++;
    }
    cc_buf_free(&all);
}

/* ---- links ------------------------------------------------------------ */

static bool overlaps(const struct plink *k, const struct pline *l)
{
    double mid = (l->y1 + l->y2) / 2;

    return k->page == l->page && mid >= k->y1 && mid <= k->y2;
}

static void set_ref_url(struct doc_ref *r, const char *uri)
{
    if (r->url && strcmp(r->url, uri) == 0)
        return;
    free(r->url);
    free(r->url_error);
    r->url = cc_strdup(uri);
    r->url_error = NULL;
}

/* The sentence with most characters on running line ln, or NULL. */
static struct doc_sentence *sentence_on(struct doc *d, int ln)
{
    struct doc_sentence *best = NULL;
    size_t most = 0;

    for (size_t i = 0; i < d->nsentences; i++) {
        struct doc_sentence *s = &d->sentences[i];
        size_t n = 0;

        for (size_t k = 0; k < s->len; k++)
            n += s->line_at[k] == ln;
        if (n > most) {
            most = n;
            best = s;
        }
    }
    return best;
}

static void body_link(struct doc *d, const struct plink *k, int ln,
                      int *nlinks)
{
    struct doc_sentence *s = sentence_on(d, ln);
    struct doc_tb t = {0};
    struct doc_ref *r = NULL;

    if (!s || s->heading)
        return;
    for (size_t i = 0; i < d->nrefs && !r; i++)
        if (d->refs[i].label[0] == 'L' && d->refs[i].url &&
            strcmp(d->refs[i].url, k->uri) == 0)
            r = &d->refs[i];
    if (!r && *nlinks >= DOCB_MAX_LINKS)
        return;
    if (!r) {
        d->refs = cc_realloc(d->refs, (d->nrefs + 1) * sizeof *d->refs);
        r = &d->refs[d->nrefs++];
        memset(r, 0, sizeof *r);
        snprintf(r->label, sizeof r->label, "L%d", ++*nlinks);
        r->line = ln;
        doc_tb_add(&t, k->uri, strlen(k->uri), ln);
        r->text = cc_strdup(k->uri);
        doc_ref_analyse(r, &t);
        doc_tb_free(&t);
        set_ref_url(r, k->uri);
    }
    for (size_t i = 0; i < s->nlabels; i++)
        if (strcmp(s->labels[i], r->label) == 0)
            return;
    s->labels = cc_realloc(s->labels, (s->nlabels + 1) * sizeof *s->labels);
    s->label_lines = cc_realloc(s->label_lines,
                                (s->nlabels + 1) * sizeof *s->label_lines);
    memcpy(s->labels[s->nlabels], r->label, DOC_MAX_LABEL);
    s->label_lines[s->nlabels++] = ln;
}

static void apply_links(struct doc *d, const struct pdoc *pd)
{
    int nlinks = 0;
    size_t nrefs = d->nrefs;

    for (size_t j = 0; j < pd->links.n && j < 4 * DOCB_MAX_LINKS; j++) {
        const struct plink *k = &pd->links.l[j];
        bool used = false;

        /* a footnote's own lines: [r->line, next reference's line) */
        for (size_t i = 0; i < nrefs && !used; i++) {
            int end = i + 1 < nrefs ? d->refs[i + 1].line : (int)pd->n + 1;

            for (int ln = d->refs[i].line; ln < end && !used; ln++) {
                const struct pline *l = &pd->lines[ln - 1];

                if (!l->note)
                    continue;
                if (overlaps(k, l)) {
                    set_ref_url(&d->refs[i], k->uri);
                    used = true;
                }
            }
        }
        for (size_t ln = 1; ln <= pd->n && !used; ln++) {
            if (!pd->lines[ln - 1].note && overlaps(k, &pd->lines[ln - 1])) {
                body_link(d, k, (int)ln, &nlinks);
                used = true;
            }
        }
    }
}

/* ---- the public functions ------------------------------------------------ */

cc_result doc_parse_pdf(const char *path, const char *data, size_t len,
                        struct doc **out, char *err, size_t errlen)
{
    struct pdoc pd = {0};
    struct cc_buf text;
    unsigned char *note;
    char msg[CC_ERRLEN] = "";
    cc_result result;

    *out = NULL;
    result = read_pdf(&pd, data, len, msg, sizeof msg);
    if (result != CC_OK) {
        cc_errf(err, errlen, "%s: %s", docb_shown(path), msg);
        free_pdoc(&pd);
        return CC_EUSAGE;
    }
    mark_notes(&pd);
    mark_soft_hyphens(&pd);
    cc_buf_init(&text, DOC_MAX_BYTES);
    note = cc_calloc(pd.n + 1, 1);
    for (size_t i = 0; i < pd.n && result == CC_OK; i++) {
        note[i] = pd.lines[i].note;
        result = cc_buf_add(&text, pd.lines[i].text, pd.lines[i].len);
        if (result == CC_OK)
            result = cc_buf_addc(&text, '\n');
    }
    if (result != CC_OK || text.len == 0) {
        cc_errf(err, errlen, "%s: %s", docb_shown(path),
                result != CC_OK ? "extracted text too large"
                                : "no text in the PDF (scanned images?)");
        result = CC_EUSAGE;
    } else {
        result = doc_parse_text_notes(path, text.data, text.len, note, pd.n,
                                      out, err, errlen);
    }
    if (result == CC_OK) {
        struct doc *d = *out;

        d->format = DOC_FMT_PDF;
        d->npages = (size_t)pd.npages;
        d->page_first = cc_calloc(d->npages + 1, sizeof *d->page_first);
        for (int p = 0; p < pd.npages; p++)
            d->page_first[p] = (int)pd.page_first[p] + 1;
        apply_links(d, &pd);
    }
    free(note);
    cc_buf_free(&text);
    free_pdoc(&pd);
    return result;
}

cc_result doc_pdf_to_text(const char *data, size_t len, char **text,
                          size_t *text_len, char *err, size_t errlen)
{
    struct pdoc pd = {0};
    const struct pline *prev = NULL;
    struct cc_buf b;
    cc_result result;

    *text = NULL;
    *text_len = 0;
    result = read_pdf(&pd, data, len, err, errlen);
    if (result != CC_OK) {
        free_pdoc(&pd);
        return result;
    }
    mark_soft_hyphens(&pd);
    cc_buf_init(&b, DOC_MAX_BYTES);
    for (size_t i = 0; i < pd.n && result == CC_OK; i++) {
        const struct pline *l = &pd.lines[i];
        size_t n = l->len;

        if (page_number(l))
            continue;
        if (prev) {
            double lead = prev->size > 0 ? prev->size : 10;
            bool soft = prev->len >= 2 &&
                        memcmp(prev->text + prev->len - 2, "\xc2\xad", 2) == 0;
            /* a new paragraph: a gap of most of a line, or another size;
             * a page break alone does not end one */
            bool para = prev->page == l->page &&
                        (l->y1 - prev->y2 > 0.9 * lead ||
                         fabs(l->size - prev->size) > 1.5);

            if (soft) {
                b.len -= 2;                 /* a typesetter's hyphen */
                b.data[b.len] = '\0';
            } else {
                result = cc_buf_addstr(&b, para ? "\n\n" : " ");
            }
        }
        if (result == CC_OK && n > 0)
            result = cc_buf_add(&b, l->text, n);
        prev = l;
    }
    free_pdoc(&pd);
    if (result != CC_OK) {
        cc_buf_free(&b);
        cc_errf(err, errlen, "PDF text larger than %u bytes", DOC_MAX_BYTES);
        return CC_ELIMIT;
    }
    *text_len = b.len;
    *text = cc_buf_take(&b);
    cc_buf_free(&b);
    return CC_OK;
}
