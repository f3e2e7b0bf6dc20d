/*
 * parser/document_md.c -- Markdown articles into the document model.
 *
 * Our own reader of the few constructs that carry citations, not a full
 * CommonMark parser (README says why: exact source line of every
 * character, footnote labels as the author wrote them, no dependency):
 *   blocks:  paragraphs (blank-line separated), ATX and setext headings,
 *            list items and block quotes (markers dropped), fenced code
 *            (skipped), thematic breaks, footnote definitions "[^n]: ..."
 *            with lazy or indented continuation lines, link reference
 *            definitions "[id]: url".
 *   inlines: footnote references "[^n]" (markers, when defined), links
 *            "[t](url)", "[t][id]", "[t][]", "[t]" (when id is defined),
 *            images (alt text kept), autolinks "<http://...>", bare URLs,
 *            code spans (kept literally), backslash escapes, emphasis
 *            delimiters and inline HTML tags (dropped).
 * Links in the body become references "L1", "L2", ... (one per URL); in a
 * footnote a link adds its URL to the footnote's text.
 */
#include "parser/document_fmt.h"

#include <stdlib.h>
#include <string.h>

/* How far an opening '[', '<' or '`' looks for its closer: keeps a
 * paragraph of unmatched openers linear. */
#define MD_SCAN_MAX 1024

enum mkind {
    ML_BLANK, ML_TEXT, ML_HEADING, ML_ITEM, ML_SETEXT, ML_SKIP, ML_FNDEF,
    ML_FNCONT
};

struct mline {
    const char *s;      /* content (block markers removed) */
    size_t n;
    int indent;
    enum mkind kind;
    int fn;             /* footnote index for ML_FNDEF / ML_FNCONT */
};

struct mdef {
    char *id;           /* lower-cased */
    char *url;
};

struct md {
    struct mline *lines;
    int nlines;
    struct mdef *defs;
    size_t ndefs, cdefs;
    char (*fns)[DOC_MAX_LABEL];
    char (*sorted)[DOC_MAX_LABEL];      /* fns, sorted */
    int *fn_line;
    size_t nfns, cfns, cfl;
    struct docb b;
};

/* Where inline output goes: the body (b) or a footnote's text (t). */
struct sink {
    struct md *m;
    struct docb *b;
    struct doc_tb *t;
    bool space;
};

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alnum(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (unsigned char)c >= 0x80;
}

static bool is_punct(char c)
{
    return c > 0x20 && c < 0x7F && !is_alnum(c);
}

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

/* ---- definitions -------------------------------------------------------- */

static char *fold_id(const char *s, size_t n)
{
    char *o = cc_malloc(n + 1);
    size_t k = 0;
    bool sp = false;

    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
            sp = k > 0;
            continue;
        }
        if (sp)
            o[k++] = ' ';
        sp = false;
        o[k++] = lower(s[i]);
    }
    o[k] = '\0';
    return o;
}

static int cmp_def(const void *a, const void *b)
{
    return strcmp(((const struct mdef *)a)->id, ((const struct mdef *)b)->id);
}

static int cmp_label(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* URL of link definition id (defs sorted by sort_defs()), or NULL. */
static const char *find_def(const struct md *m, const char *id, size_t n)
{
    struct mdef key = {fold_id(id, n), NULL};
    const struct mdef *d = m->ndefs ? bsearch(&key, m->defs, m->ndefs,
                                              sizeof *m->defs, cmp_def)
                                    : NULL;

    free(key.id);
    return d ? d->url : NULL;
}

static bool fn_defined(const struct md *m, const char *s, size_t n)
{
    char lab[DOC_MAX_LABEL];

    docb_label(lab, s, n);
    return m->nfns && bsearch(lab, m->sorted, m->nfns, sizeof *m->sorted,
                              cmp_label) != NULL;
}

/* After classify(): sorted tables for the lookups above (the first of
 * two definitions with one id wins, as in CommonMark: a stable order is
 * kept by sorting only a copy for footnotes and by insertion for defs). */
static void sort_tables(struct md *m)
{
    if (m->ndefs > 1)
        qsort(m->defs, m->ndefs, sizeof *m->defs, cmp_def);
    m->sorted = cc_malloc((m->nfns + 1) * sizeof *m->sorted);
    if (m->nfns)
        memcpy(m->sorted, m->fns, m->nfns * sizeof *m->sorted);
    if (m->nfns > 1)
        qsort(m->sorted, m->nfns, sizeof *m->sorted, cmp_label);
}

/* "[id]: url" (with an optional title): stores it and returns true. */
static bool link_def(struct md *m, const char *s, size_t n)
{
    const char *e = n > 3 && s[0] == '[' && s[1] != '^' ? memchr(s, ']', n)
                                                       : NULL;
    size_t i, u;

    if (!e || e == s + 1 || (size_t)(e - s) + 1 >= n || e[1] != ':')
        return false;
    i = (size_t)(e - s) + 2;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i < n && s[i] == '<')
        i++;
    u = i;
    while (u < n && s[u] != ' ' && s[u] != '>')
        u++;
    if (u == i)
        return false;
    m->defs = cc_grow(m->defs, &m->cdefs, m->ndefs + 1, sizeof *m->defs);
    m->defs[m->ndefs].id = fold_id(s + 1, (size_t)(e - s) - 1);
    m->defs[m->ndefs++].url = cc_strndup(s + i, u - i);
    return true;
}

/* "[^label]: text": the offset of text, or 0. */
static size_t fn_def(const char *s, size_t n, size_t *ln)
{
    const char *e;
    size_t i;

    if (n < 5 || s[0] != '[' || s[1] != '^')
        return 0;
    e = memchr(s, ']', n);
    if (!e || e == s + 2 || (size_t)(e - s) + 1 >= n || e[1] != ':')
        return 0;
    for (const char *p = s + 2; p < e; p++)
        if (*p == ' ' || *p == '[')
            return 0;
    *ln = (size_t)(e - s) - 2;
    i = (size_t)(e - s) + 2;
    while (i < n && s[i] == ' ')
        i++;
    return i;
}

/* ---- blocks ------------------------------------------------------------- */

/* A run of at least 3 of c (spaces allowed) and nothing else. */
static bool rule_of(const char *s, size_t n, char c)
{
    size_t k = 0;

    for (size_t i = 0; i < n; i++) {
        if (s[i] == c)
            k++;
        else if (s[i] != ' ' && s[i] != '\t')
            return false;
    }
    return k >= 3;
}

/* List item marker length ("- ", "12. "), or 0. */
static size_t item_marker(const char *s, size_t n)
{
    size_t i = 0;

    if (n >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ')
        return 2;
    while (i < n && i < 9 && is_digit(s[i]))
        i++;
    if (i > 0 && i + 1 < n && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ')
        return i + 2;
    return 0;
}

static void classify(struct md *m)
{
    bool fence = false, prev_blank = true;
    char fc = 0;
    int cur = -1;

    for (int i = 0; i < m->nlines; i++) {
        struct mline *l = &m->lines[i];
        const char *s = l->s;
        size_t n = l->n, off, k, ln;

        while (n > 0 && (*s == ' ' || *s == '\t')) {
            l->indent += *s == '\t' ? 4 : 1;
            s++;
            n--;
        }
        while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
        l->s = s;
        l->n = n;
        l->fn = -1;
        if (fence) {
            l->kind = ML_SKIP;
            if (n >= 3 && s[0] == fc && s[1] == fc && s[2] == fc)
                fence = false;
            continue;
        }
        if (n >= 3 && (s[0] == '`' || s[0] == '~') && s[1] == s[0] &&
            s[2] == s[0]) {
            fence = true;
            fc = s[0];
            l->kind = ML_SKIP;
            cur = -1;
            continue;
        }
        if (n == 0) {
            l->kind = ML_BLANK;
            prev_blank = true;
            continue;
        }
        off = fn_def(s, n, &ln);
        if (cur >= 0 && off == 0 && (l->indent >= 2 || !prev_blank) &&
            !(s[0] == '[' && link_def(m, s, n))) {
            l->kind = ML_FNCONT;
            l->fn = cur;
            prev_blank = false;
            continue;
        }
        cur = -1;
        prev_blank = false;
        if (off > 0) {
            m->fns = cc_grow(m->fns, &m->cfns, m->nfns + 1, sizeof *m->fns);
            m->fn_line = cc_grow(m->fn_line, &m->cfl, m->nfns + 1,
                                 sizeof *m->fn_line);
            docb_label(m->fns[m->nfns], s + 2, ln);
            m->fn_line[m->nfns] = i + 1;
            cur = (int)m->nfns++;
            l->kind = ML_FNDEF;
            l->fn = cur;
            l->s += off;
            l->n -= off;
        } else if (s[0] == '[' && link_def(m, s, n)) {
            l->kind = ML_SKIP;
        } else if (s[0] == '#') {
            k = 0;
            while (k < n && s[k] == '#')
                k++;
            if (k <= 6 && (k == n || s[k] == ' ')) {
                l->kind = ML_HEADING;
                l->s += k;
                l->n -= k;
                while (l->n > 0 && (l->s[l->n - 1] == '#' ||
                                    l->s[l->n - 1] == ' '))
                    l->n--;
            } else {
                l->kind = ML_TEXT;
            }
        } else if (rule_of(s, n, '=') || rule_of(s, n, '-')) {
            l->kind = (i > 0 && m->lines[i - 1].kind == ML_TEXT &&
                       !memchr(s, ' ', n))
                          ? ML_SETEXT : ML_SKIP;
        } else if (rule_of(s, n, '*') || rule_of(s, n, '_')) {
            l->kind = ML_SKIP;
        } else {
            while (l->n > 0 && l->s[0] == '>') {
                l->s++;
                l->n--;
                while (l->n > 0 && l->s[0] == ' ') {
                    l->s++;
                    l->n--;
                }
            }
            k = item_marker(l->s, l->n);
            l->kind = k ? ML_ITEM : ML_TEXT;
            l->s += k;
            l->n -= k;
            if (l->n == 0)
                l->kind = ML_BLANK;
        }
    }
}

/* ---- inlines ------------------------------------------------------------ */

static void out(struct sink *k, const char *s, size_t n, int line)
{
    if (n == 0)
        return;
    if (k->b)
        docb_text(k->b, s, n, line);
    else
        docb_tb_text(k->t, &k->space, s, n, line);
}

static void inline_run(struct sink *k, const struct doc_tb *r, size_t a,
                       size_t b, bool nested);

static bool url_char(char c)
{
    return (unsigned char)c > 0x20 && (unsigned char)c < 0x7F &&
           !strchr("<>\"{}|\\^`", c);
}

/* A bare URL at s[i]: its length, trailing punctuation left out. */
static size_t bare_url(const char *s, size_t b, size_t i)
{
    size_t e = i;
    int open = 0;

    if (!(b - i > 8 && (strncmp(s + i, "http://", 7) == 0 ||
                        strncmp(s + i, "https://", 8) == 0)))
        return 0;
    while (e < b && url_char(s[e])) {
        open += s[e] == '(';
        open -= s[e] == ')';
        if (open < 0)
            break;
        e++;
    }
    while (e > i && strchr(".,;:!?'*_", s[e - 1]))
        e--;
    return e - i;
}

/* The ']' closing the '[' at s[i], or 0. */
static size_t close_bracket(const char *s, size_t b, size_t i)
{
    int depth = 0;

    if (b - i > MD_SCAN_MAX)
        b = i + MD_SCAN_MAX;
    for (size_t k = i; k < b; k++) {
        if (s[k] == '\\' && k + 1 < b) {
            k++;
        } else if (s[k] == '[') {
            depth++;
        } else if (s[k] == ']' && --depth == 0) {
            return k;
        } else if (s[k] == '`') {
            return 0;
        }
    }
    return 0;
}

/* "(url "title")" at s[i]: url and its length and the offset after ')', or 0. */
static size_t inline_dest(const char *s, size_t b, size_t i, size_t *u,
                          size_t *un)
{
    size_t k = i + 1, e;
    int open = 0;

    while (k < b && (s[k] == ' ' || s[k] == '\n'))
        k++;
    if (k < b && s[k] == '<') {
        e = ++k;
        while (e < b && s[e] != '>' && s[e] != '\n')
            e++;
        if (e >= b || s[e] != '>')
            return 0;
        *u = k;
        *un = e - k;
        k = e + 1;
    } else {
        e = k;
        while (e < b && s[e] != ' ' && s[e] != '\n') {
            if (s[e] == '(')
                open++;
            else if (s[e] == ')' && open-- == 0)
                break;
            e++;
        }
        *u = k;
        *un = e - k;
        k = e;
    }
    while (k < b && (s[k] == ' ' || s[k] == '\n'))
        k++;
    if (k < b && (s[k] == '"' || s[k] == '\'' || s[k] == '(')) {
        char q = s[k] == '(' ? ')' : s[k];

        k++;
        while (k < b && s[k] != q)
            k++;
        k++;
        while (k < b && (s[k] == ' ' || s[k] == '\n'))
            k++;
    }
    if (k >= b || s[k] != ')')
        return 0;
    return k + 1;
}

/* Remove the last word written to t if it is n bytes long (the link
 * text just rendered). */
static void drop_word(struct doc_tb *t, size_t n)
{
    size_t i = t->len;

    while (i > 0 && t->s[i - 1] != ' ')
        i--;
    if (t->len - i > n + 2)     /* emphasis marks may have been dropped */
        return;
    t->len = i;
    t->s[i] = '\0';
}

/* A link or footnote reference at r->s[i] ('[' or "!["): handled, returns
 * the offset after it; else 0. */
static size_t bracket(struct sink *k, const struct doc_tb *r, size_t i,
                      size_t b, bool nested)
{
    const char *s = r->s;
    bool img = s[i] == '!';
    size_t o = img ? i + 1 : i, c, e = 0, u = 0, un = 0;
    const char *url = NULL;

    if (!img && o + 2 < b && s[o + 1] == '^') {
        c = o + 2;
        while (c < b && s[c] != ']' && s[c] != ' ' && s[c] != '\n')
            c++;
        if (c >= b || s[c] != ']' || !fn_defined(k->m, s + o + 2, c - o - 2))
            return 0;
        if (k->b) {
            char lab[DOC_MAX_LABEL];

            docb_label(lab, s + o + 2, c - o - 2);
            docb_marker(k->b, lab, r->ln[o]);
        }
        return c + 1;
    }
    c = close_bracket(s, b, o);
    if (c == 0)
        return 0;
    if (c + 1 < b && s[c + 1] == '(') {
        e = inline_dest(s, b, c + 1, &u, &un);
        if (e == 0)
            return 0;
        url = s + u;
    } else if (c + 1 < b && s[c + 1] == '[') {
        size_t d = c + 2;

        while (d < b && s[d] != ']')
            d++;
        if (d >= b)
            return 0;
        url = d == c + 2 ? find_def(k->m, s + o + 1, c - o - 1)
                         : find_def(k->m, s + c + 2, d - c - 2);
        e = d + 1;
    } else {
        url = find_def(k->m, s + o + 1, c - o - 1);
        e = c + 1;
    }
    if (!url)
        return 0;
    if (u == 0)
        un = strlen(url);
    inline_run(k, r, o + 1, c, true);
    if (img || nested)
        return e;
    if (k->b) {
        docb_link(k->b, s + o + 1, c - o - 1, url, un, r->ln[o]);
    } else if (!(un == c - o - 1 && memcmp(url, s + o + 1, un) == 0)) {
        /* in a footnote a one-word link text ("link", "PDF") says
         * nothing: the target stands in its place */
        if (!memchr(s + o + 1, ' ', c - o - 1) &&
            !memchr(s + o + 1, '\n', c - o - 1) && k->t->len >= c - o - 1)
            drop_word(k->t, c - o - 1);
        out(k, " ", 1, r->ln[c]);
        out(k, url, un, r->ln[c]);
    }
    return e;
}

/* Emphasis delimiters ('*', '_', '~') that open or close: dropped. */
static bool delimiter(const char *s, size_t a, size_t b, size_t i, size_t *e)
{
    char c = s[i], prev = i > a ? s[i - 1] : ' ', next;
    size_t k = i;

    while (k < b && s[k] == c)
        k++;
    next = k < b ? s[k] : ' ';
    *e = k;
    if (c == '~' && k - i < 2)
        return false;
    if (c == '_' && is_alnum(prev) && is_alnum(next))
        return false;
    return !((prev == ' ' || prev == '\n') && (next == ' ' || next == '\n'));
}

/* Offset of the first ']' in s[i..b), or b. */
static size_t next_rb(const char *s, size_t i, size_t b)
{
    const char *p = i < b ? memchr(s + i, ']', b - i) : NULL;

    return p ? (size_t)(p - s) : b;
}

/* A ']' comes at or after i; *rb caches where the next one is. */
static bool close_ahead(size_t *rb, const char *s, size_t i, size_t b)
{
    if (*rb < i)
        *rb = next_rb(s, i, b);
    return *rb < b;
}

static void inline_run(struct sink *k, const struct doc_tb *r, size_t a,
                       size_t b, bool nested)
{
    const char *s = r->s;
    size_t run = a, i = a, e;
    size_t rb = next_rb(s, a, b);       /* the next ']' at or after i */

#define FLUSH(to) out(k, s + run, (to) - run, r->ln[run < b ? run : b - 1])
    while (i < b) {
        char c = s[i];

        if (c == '\\' && i + 1 < b && is_punct(s[i + 1])) {
            FLUSH(i);
            run = i + 1;
            i += 2;
        } else if (c == '`') {
            size_t n = 0, q;

            size_t lim = b - i > MD_SCAN_MAX ? i + MD_SCAN_MAX : b;

            while (i + n < b && s[i + n] == '`')
                n++;
            for (q = i + n; q + n <= lim; q++)
                if (memcmp(s + q, s + i, n) == 0 &&
                    (q + n == b || s[q + n] != '`'))
                    break;
            if (q + n > lim) {
                i += n;
                continue;
            }
            FLUSH(i);
            out(k, s + i + n, q - i - n, r->ln[i]);
            run = i = q + n;
        } else if ((c == '[' || (c == '!' && i + 1 < b && s[i + 1] == '[')) &&
                   close_ahead(&rb, s, i, b)) {
            FLUSH(i);           /* bracket() writes the link text itself */
            run = i;
            e = bracket(k, r, i, b, nested);
            i = e > 0 ? e : i + 1;
            if (e > 0)
                run = e;
        } else if (c == '<' && i + 1 < b) {
            const char *gt = memchr(s + i, '>', b - i > MD_SCAN_MAX
                                                    ? MD_SCAN_MAX : b - i);
            size_t g = gt ? (size_t)(gt - s) : 0;
            char n1 = s[i + 1];

            if (!gt || !((n1 >= 'a' && n1 <= 'z') || (n1 >= 'A' && n1 <= 'Z') ||
                         n1 == '/' || n1 == '!')) {
                i++;
                continue;
            }
            FLUSH(i);
            if (bare_url(s, g, i + 1) == g - i - 1) {
                out(k, s + i + 1, g - i - 1, r->ln[i]);
                if (k->b && !nested)
                    docb_link(k->b, s + i + 1, g - i - 1, s + i + 1,
                              g - i - 1, r->ln[i]);
            }
            run = i = g + 1;
        } else if (c == 'h' && (i == a || !is_alnum(s[i - 1])) &&
                   (e = bare_url(s, b, i)) > 0) {
            FLUSH(i);
            out(k, s + i, e, r->ln[i]);
            if (k->b && !nested)
                docb_link(k->b, s + i, e, s + i, e, r->ln[i]);
            run = i = i + e;
        } else if ((c == '*' || c == '_' || c == '~') &&
                   delimiter(s, a, b, i, &e)) {
            FLUSH(i);
            run = i = e;
        } else {
            i++;
        }
    }
    FLUSH(b);
#undef FLUSH
}

/* ---- assembling --------------------------------------------------------- */

static void add_line(struct doc_tb *raw, const struct mline *l, int line)
{
    if (raw->len > 0)
        doc_tb_addc(raw, '\n', raw->ln[raw->len - 1]);
    doc_tb_add(raw, l->s, l->n, line);
}

static void body_block(struct md *m, struct doc_tb *raw, bool heading)
{
    struct sink k = {.m = m, .b = &m->b};

    if (raw->len > 0)
        inline_run(&k, raw, 0, raw->len, false);
    docb_break(&m->b, heading);
    doc_tb_free(raw);
}

static void build(struct md *m)
{
    struct doc_tb raw = {0};

    for (int i = 0; i < m->nlines; i++) {
        struct mline *l = &m->lines[i];

        switch (l->kind) {
        case ML_TEXT:
            add_line(&raw, l, i + 1);
            break;
        case ML_ITEM:
            body_block(m, &raw, false);
            add_line(&raw, l, i + 1);
            break;
        case ML_HEADING:
            body_block(m, &raw, false);
            add_line(&raw, l, i + 1);
            body_block(m, &raw, true);
            break;
        case ML_SETEXT:
            body_block(m, &raw, true);
            break;
        default:
            body_block(m, &raw, false);
            break;
        }
    }
    body_block(m, &raw, false);
    for (size_t f = 0; f < m->nfns; f++) {
        struct doc_tb t = {0};
        struct sink k = {.m = m, .t = &t};

        /* a footnote's lines follow its definition, blank lines between */
        for (int i = m->fn_line[f] - 1; i < m->nlines; i++) {
            if (m->lines[i].kind == ML_BLANK)
                continue;
            if (m->lines[i].fn != (int)f)
                break;
            add_line(&raw, &m->lines[i], i + 1);
        }
        if (raw.len > 0)
            inline_run(&k, &raw, 0, raw.len, false);
        docb_ref(&m->b, m->fns[f], m->fn_line[f], &t, NULL);
        doc_tb_free(&t);
        doc_tb_free(&raw);
    }
}

cc_result doc_parse_markdown(const char *path, const char *data, size_t len,
                             struct doc **out, char *err, size_t errlen)
{
    struct md m = {0};
    size_t n, cap = 0;
    char *text;
    cc_result result;

    *out = NULL;
    if (memchr(data, '\0', len)) {
        cc_errf(err, errlen, "%s: binary file (NUL byte in Markdown)",
                docb_shown(path));
        return CC_EUSAGE;
    }
    text = docb_clean_utf8(data, len, &n);
    for (size_t a = 0; a <= n;) {
        const char *nl = memchr(text + a, '\n', n - a);
        size_t b = nl ? (size_t)(nl - text) : n;

        if (!nl && a == n)
            break;
        m.lines = cc_grow(m.lines, &cap, (size_t)m.nlines + 1,
                          sizeof *m.lines);
        memset(&m.lines[m.nlines], 0, sizeof *m.lines);
        m.lines[m.nlines].s = text + a;
        m.lines[m.nlines++].n = b - a;
        a = b + 1;
    }
    classify(&m);
    sort_tables(&m);
    docb_init(&m.b, path, DOC_FMT_MARKDOWN);
    build(&m);
    result = docb_finish(&m.b, m.nlines, out, err, errlen);
    for (size_t i = 0; i < m.ndefs; i++) {
        free(m.defs[i].id);
        free(m.defs[i].url);
    }
    free(m.defs);
    free(m.fns);
    free(m.sorted);
    free(m.fn_line);
    free(m.lines);
    free(text);
    return result;
}
