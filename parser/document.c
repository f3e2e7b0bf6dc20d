/*
 * parser/document.c -- reading an article: input checks, lines, what is
 * body and what is a footnote, headings; the public doc_* API.
 *
 * The text passes (word repair, markers, sentences) live in
 * document_text.c, the reading of one reference in document_ref.c.
 *
 * How a footnote block is told from body text (PDF-extracted text puts
 * page-bottom footnotes between two body lines):
 *   - a reference starts on a line that begins with a label number (1-3
 *     digits; "14 Text", "15Text", "[3] Text", "3. Text");
 *   - the first label of a block must be the next expected label (any
 *     label for the first reference), the reference must look like one
 *     (a URL or a year within its first lines), and either a marker with
 *     that number ("... chuqurlashgan 14.") occurs earlier in the text or
 *     the following label line comes within a few lines;
 *   - inside a block the next label continues it;
 *   - other lines continue the current reference unless the body resumes:
 *     the line is indented more than the label line, or the reference
 *     already has a complete URL (only a URL continuation or an
 *     "Accessed ..." line may follow), or it has 6 lines already, or it
 *     ends with '.' and a year and the line starts in lower case;
 *   - a line continues a URL cut after '-', '/', '_', ... even across a
 *     blank line ("...-olzhas-" / "" / "bektenov-pays-...").
 * A "References" / "Notes" / "Adabiyotlar" heading with numbered entries
 * after it ("1. ...", "[1] ...") makes everything after it the reference
 * list instead; then footnote blocks are not searched.
 */
#include "parser/document_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

enum line_kind { LK_BLANK, LK_BODY, LK_HEADING, LK_REF, LK_SKIP };

struct line {
    const char *s;      /* content without surrounding whitespace */
    size_t n;
    int indent;         /* leading spaces */
    enum line_kind kind;
    int ref;            /* reference index for LK_REF */
};

/* A reference being collected. */
struct racc {
    int label;
    int first, last;    /* line indices */
    int nlines;
    int indent;
    bool url, year;
};

struct parse {
    const char *path;
    char *text;                         /* normalised input */
    size_t len;
    struct line *lines;
    int nlines;
    int mfirst[DOC_LABEL_MAX + 1];      /* first line of a marker-like number */
    struct racc *refs;
    size_t nrefs, crefs;
};

/* ---- input checks and normalisation --------------------------------- */

static const char *shown(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

/* Length of an invalid or valid sequence at data[i] and whether valid. */
static bool valid_at(const char *data, size_t len, size_t i, size_t *n,
                     unsigned *cp)
{
    *n = doc_u8_next(data, len, i, cp);
    return !(*cp == 0xFFFD && *n == 1);
}

/* Replacement for one code point in normalised text: "" to drop it, " "
 * for spacing, or NULL to keep it. */
static const char *replacement(unsigned cp)
{
    if (cp == '\t' || cp == '\v' || cp == '\f' || (cp < 0x20 && cp != '\n') ||
        cp == 0x7F || cp == 0x85 || cp == 0xA0 ||
        (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
        cp == 0x202F || cp == 0x205F || cp == 0x3000)
        return " ";
    if ((cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF)
        return "";
    return NULL;
}

static cc_result normalise(struct parse *p, const char *data, size_t len,
                           char *err, size_t errlen)
{
    const char *nul = memchr(data, '\0', len);
    size_t start = 0, bad = 0, o = 0, n;
    int line = 1, bad_line = 0;
    unsigned cp;
    bool text = false;

    if (nul) {
        cc_errf(err, errlen, "%s: binary file (NUL byte at offset %zu)",
                shown(p->path), (size_t)(nul - data));
        return CC_EUSAGE;
    }
    if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
        start = 3;
    if (len == start) {
        cc_errf(err, errlen, "%s: empty file", shown(p->path));
        return CC_EUSAGE;
    }
    for (size_t i = start; i < len; i += n) {
        if (!valid_at(data, len, i, &n, &cp)) {
            if (bad++ == 0)
                bad_line = line;
        } else if (cp == '\n') {
            line++;
        }
    }
    if (bad * 100 > len - start) {
        cc_errf(err, errlen,
                "%s: not UTF-8 text (%zu invalid bytes of %zu, first on "
                "line %d)", shown(p->path), bad, len - start, bad_line);
        return CC_EUSAGE;
    }
    p->text = cc_malloc(len - start + 2 * bad + 1);
    for (size_t i = start; i < len; i += n) {
        const char *r;

        if (!valid_at(data, len, i, &n, &cp)) {
            memcpy(p->text + o, "\xef\xbf\xbd", 3);
            o += 3;
            text = true;
            continue;
        }
        if (cp == '\r') {
            if (i + 1 < len && data[i + 1] == '\n')
                continue;       /* CRLF: the LF follows */
            p->text[o++] = ' ';
            continue;
        }
        if (cp == 0xAD && !(i + n < len &&
                            (data[i + n] == '\n' || data[i + n] == '\r')))
            continue;           /* soft hyphen inside a line */
        r = replacement(cp);
        if (r) {
            memcpy(p->text + o, r, strlen(r));
            o += strlen(r);
            continue;
        }
        if (cp != ' ' && cp != '\n')
            text = true;
        memcpy(p->text + o, data + i, n);
        o += n;
    }
    p->text[o] = '\0';
    p->len = o;
    if (!text) {
        cc_errf(err, errlen, "%s: no text (only whitespace)", shown(p->path));
        return CC_EUSAGE;
    }
    return CC_OK;
}

static void split_lines(struct parse *p)
{
    size_t cap = 0, i = 0;

    while (i < p->len) {
        const char *e = memchr(p->text + i, '\n', p->len - i);
        size_t end = e ? (size_t)(e - p->text) : p->len;
        struct line *l;
        size_t a = i, b = end;

        p->lines = cc_grow(p->lines, &cap, (size_t)p->nlines + 1,
                           sizeof *p->lines);
        l = &p->lines[p->nlines++];
        while (a < b && p->text[a] == ' ')
            a++;
        while (b > a && p->text[b - 1] == ' ')
            b--;
        l->s = p->text + a;
        l->n = b - a;
        l->indent = (int)(a - i);
        l->kind = l->n ? LK_BODY : LK_BLANK;
        l->ref = -1;
        i = end + 1;
    }
}

/* ---- small line predicates -------------------------------------------- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The line starts with a reference label; returns it (1..DOC_LABEL_MAX)
 * and the offset of the text after it in *text, or 0. */
static int line_label(const struct line *l, size_t *text)
{
    const char *s = l->s;
    size_t n = l->n, i = 0, d, e;
    int v = 0;
    bool br = n > 0 && s[0] == '[';
    unsigned cp;

    i = d = br ? 1 : 0;
    while (i < n && is_digit(s[i]) && i - d < 4)
        v = v * 10 + (s[i++] - '0');
    if (i == d || i - d > 3 || s[d] == '0' || (i < n && is_digit(s[i])))
        return 0;
    if (br) {
        if (i >= n || s[i] != ']')
            return 0;
        i++;
    } else if (i < n && (s[i] == '.' || s[i] == ')')) {
        if (++i >= n || s[i] != ' ')
            return 0;
    }
    e = i;
    while (e < n && s[e] == ' ')
        e++;
    if (e >= n)
        return 0;
    doc_u8_next(s, n, e, &cp);
    if (e == i && !br) {
        /* glued: "15Uzbekistan's ..." */
        if (doc_cp_case(cp) != 1 && doc_cp_case(cp) != 2 && cp != 0x201C &&
            cp != '"' && cp != 0xAB)
            return 0;
    } else if (!doc_cp_letter(cp) && !doc_cp_opener(cp)) {
        return 0;
    }
    *text = e;
    return v;
}

static bool has_year(const char *s, size_t n)
{
    for (size_t i = 0; i + 4 <= n; i++) {
        int y;

        if ((i > 0 && is_digit(s[i - 1])) || (i + 4 < n && is_digit(s[i + 4])))
            continue;
        if (!is_digit(s[i]) || !is_digit(s[i + 1]) || !is_digit(s[i + 2]) ||
            !is_digit(s[i + 3]))
            continue;
        y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 +
            (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
        if (y >= 1800 && y <= 2099)
            return true;
    }
    return memmem(s, n, "n.d.", 4) != NULL;
}

static bool starts_lower(const struct line *l)
{
    unsigned cp;

    if (l->n == 0)
        return false;
    doc_u8_next(l->s, l->n, 0, &cp);
    return doc_cp_case(cp) == -1;
}

static bool starts_upper_or_digit(const struct line *l)
{
    unsigned cp;

    if (l->n == 0)
        return false;
    doc_u8_next(l->s, l->n, 0, &cp);
    return doc_cp_case(cp) == 1 || doc_cp_case(cp) == 2 || is_digit(l->s[0]);
}

/* "Accessed 5 May 2024", "[Retrieved ...]" after a URL. */
static bool accessed_line(const struct line *l)
{
    static const char *const w[] = {"accessed", "retrieved", "viewed",
                                    "available", "archived", "last accessed"};
    const char *s = l->s;
    size_t n = l->n;

    while (n > 0 && (*s == '[' || *s == '(')) {
        s++;
        n--;
    }
    for (size_t i = 0; i < sizeof w / sizeof *w; i++) {
        size_t k = strlen(w[i]);

        if (n >= k && strncasecmp(s, w[i], k) == 0)
            return true;
    }
    return false;
}

/* ---- footnote blocks -------------------------------------------------- */

/* Within line i and the next few lines of the would-be reference there is
 * a URL or a year. */
static bool ref_like(const struct parse *p, int i)
{
    int seen = 0;

    for (int k = i; k < p->nlines && seen < 4; k++) {
        const struct line *l = &p->lines[k];
        size_t off;

        if (l->kind == LK_BLANK)
            continue;
        if (k > i && line_label(l, &off))
            break;
        if (doc_has_url(l->s, l->n) || has_year(l->s, l->n))
            return true;
        seen++;
    }
    return false;
}

static bool label_follows(const struct parse *p, int i, int want)
{
    for (int k = i + 1; k < p->nlines && k <= i + 12; k++) {
        size_t off;

        if (line_label(&p->lines[k], &off) == want)
            return true;
    }
    return false;
}

static bool accept_label(const struct parse *p, int i, int lab, int expected,
                         bool in_block)
{
    bool marker = p->mfirst[lab] != 0 && p->mfirst[lab] <= i;

    if (expected && lab != expected)
        return false;
    if (in_block)
        return marker || ref_like(p, i);
    if (!ref_like(p, i))
        return false;
    return marker || label_follows(p, i, lab + 1);
}

static bool continues(const struct parse *p, const struct racc *r, int i)
{
    const struct line *l = &p->lines[i], *prev = &p->lines[r->last];

    if (doc_url_open(prev->s, prev->n) && doc_url_cont(l->s, l->n))
        return true;
    if (l->indent > r->indent)
        return false;
    if (r->url)
        return accessed_line(l);
    if (doc_has_url(l->s, l->n))
        return true;
    if (r->nlines >= 6)
        return false;
    if (prev->n > 0 && prev->s[prev->n - 1] == '.' && r->year &&
        starts_lower(l))
        return false;
    return true;
}

static void ref_add_line(struct parse *p, size_t k, int i)
{
    struct racc *r = &p->refs[k];
    struct line *l = &p->lines[i];

    l->kind = LK_REF;
    l->ref = (int)k;
    r->last = i;
    r->nlines++;
    r->url = r->url || doc_has_url(l->s, l->n);
    r->year = r->year || has_year(l->s, l->n);
}

static void ref_start(struct parse *p, int i, int lab)
{
    struct racc *r;

    p->refs = cc_grow(p->refs, &p->crefs, p->nrefs + 1, sizeof *p->refs);
    r = &p->refs[p->nrefs++];
    memset(r, 0, sizeof *r);
    r->label = lab;
    r->first = r->last = i;
    r->indent = p->lines[i].indent;
    ref_add_line(p, p->nrefs - 1, i);
}

static void find_footnotes(struct parse *p, int end)
{
    int expected = 0;
    bool in_block = false;

    for (int i = 0; i < end; i++) {
        struct line *l = &p->lines[i];
        size_t off;
        int lab;

        if (l->kind != LK_BODY)
            continue;
        lab = line_label(l, &off);
        if (lab > 0 &&
            (in_block ? l->indent == p->refs[p->nrefs - 1].indent
                      : l->indent <= 3) &&
            accept_label(p, i, lab, expected, in_block)) {
            ref_start(p, i, lab);
            expected = lab + 1;
            in_block = true;
            continue;
        }
        if (in_block && continues(p, &p->refs[p->nrefs - 1], i)) {
            ref_add_line(p, p->nrefs - 1, i);
            continue;
        }
        in_block = false;
    }
}

/* ---- a reference list at the end -------------------------------------- */

static const char *const section_names[] = {
    "references", "reference list", "notes", "endnotes", "footnotes",
    "bibliography", "sources", "works cited", "literature",
    "literature cited", "adabiyotlar", "foydalanilgan adabiyotlar",
    "adabiyotlar ro'yxati", "foydalanilgan adabiyotlar ro'yxati", "izohlar",
    "manbalar", "foydalanilgan manbalar",
    "\xd0\xbb\xd0\xb8\xd1\x82\xd0\xb5\xd1\x80\xd0\xb0\xd1\x82\xd1\x83\xd1\x80\xd0\xb0", /* литература */
    "\xd1\x81\xd0\xbf\xd0\xb8\xd1\x81\xd0\xbe\xd0\xba \xd0\xbb\xd0\xb8\xd1\x82\xd0\xb5\xd1\x80\xd0\xb0\xd1\x82\xd1\x83\xd1\x80\xd1\x8b", /* список литературы */
    "\xd0\xb8\xd1\x81\xd1\x82\xd0\xbe\xd1\x87\xd0\xbd\xd0\xb8\xd0\xba\xd0\xb8", /* источники */
    "\xd0\xbf\xd1\x80\xd0\xb8\xd0\xbc\xd0\xb5\xd1\x87\xd0\xb0\xd0\xbd\xd0\xb8\xd1\x8f", /* примечания */
};

/* Lower-case ASCII and the Cyrillic capitals of s into buf; apostrophe
 * look-alikes become '\''. */
static size_t fold(const char *s, size_t n, char *buf, size_t cap)
{
    size_t o = 0;

    for (size_t i = 0; i < n;) {
        unsigned cp;
        size_t k = doc_u8_next(s, n, i, &cp);

        if (o + 4 >= cap)
            return 0;
        if (doc_cp_apostrophe(cp)) {
            buf[o++] = '\'';
        } else if (cp >= 'A' && cp <= 'Z') {
            buf[o++] = (char)(cp + 32);
        } else if (cp >= 0x410 && cp <= 0x42F) {
            cp += 0x20;
            buf[o++] = (char)(0xC0 | (cp >> 6));
            buf[o++] = (char)(0x80 | (cp & 0x3F));
        } else {
            memcpy(buf + o, s + i, k);
            o += k;
        }
        i += k;
    }
    buf[o] = '\0';
    return o;
}

static bool section_heading(const struct line *l)
{
    char buf[96];
    const char *s = l->s;
    size_t n = l->n;

    size_t k = 0;

    /* "7. References", "VII. References" */
    while (k < n && k < 6 && (is_digit(s[k]) || s[k] == 'I' || s[k] == 'V' ||
                              s[k] == 'X'))
        k++;
    if (k > 0 && k < n && s[k] == '.') {
        s += k + 1;
        n -= k + 1;
    }
    while (n > 0 && *s == ' ')
        s++, n--;
    while (n > 0 && (s[n - 1] == ':' || s[n - 1] == ' '))
        n--;
    if (n == 0 || fold(s, n, buf, sizeof buf) == 0)
        return false;
    for (size_t i = 0; i < sizeof section_names / sizeof *section_names; i++)
        if (strcmp(buf, section_names[i]) == 0)
            return true;
    return false;
}

/* Returns the index of the reference-list heading, or -1.  Lines after it
 * become references (numbered entries) or are skipped. */
static int find_section(struct parse *p)
{
    int h = -1, expected = 0;

    for (int i = p->nlines - 1; i >= 0 && h < 0; i--)
        if (p->lines[i].kind == LK_BODY && section_heading(&p->lines[i]))
            h = i;
    if (h < 0)
        return -1;
    if (h < p->nlines / 2) {
        /* early in the text: only a list heading when entries follow */
        int k = h + 1;
        size_t off;

        while (k < p->nlines && p->lines[k].kind == LK_BLANK)
            k++;
        if (k >= p->nlines || line_label(&p->lines[k], &off) == 0)
            return -1;
    }
    p->lines[h].kind = LK_SKIP;
    for (int i = h + 1; i < p->nlines; i++) {
        struct line *l = &p->lines[i];
        size_t off;
        int lab;

        if (l->kind == LK_BLANK)
            continue;
        lab = line_label(l, &off);
        if (lab > 0 && (expected == 0 || lab == expected)) {
            ref_start(p, i, lab);
            expected = lab + 1;
        } else if (p->nrefs > 0) {
            ref_add_line(p, p->nrefs - 1, i);
        } else {
            l->kind = LK_SKIP;
        }
    }
    return h;
}

/* ---- headings, page numbers, spacing ---------------------------------- */

static bool all_caps(const struct line *l)
{
    size_t upper = 0, w = 1;

    if (l->n > 120)
        return false;
    for (size_t i = 0; i < l->n;) {
        unsigned cp;
        size_t k = doc_u8_next(l->s, l->n, i, &cp);
        int c = doc_cp_case(cp);

        if (c == -1)
            return false;
        upper += c == 1;
        w += cp == ' ';
        i += k;
    }
    return upper >= 3 && w <= 12;
}

static bool ends_sentence(const struct line *l)
{
    char c;

    if (l->n == 0)
        return true;
    c = l->s[l->n - 1];
    return c == '.' || c == '!' || c == '?' || c == ':' ||
           (l->n >= 3 && memcmp(l->s + l->n - 3, "\xe2\x80\x9d", 3) == 0);
}

static bool title_heading(const struct line *l, size_t median)
{
    size_t w = 1;
    unsigned last;

    if (l->n == 0 || l->n > 80 || l->n * 2 >= median ||
        !starts_upper_or_digit(l))
        return false;
    doc_u8_prev(l->s, l->n, &last);
    if (!doc_cp_letter(last) && !is_digit(l->s[l->n - 1]))
        return false;
    for (size_t i = 0; i < l->n; i++)
        w += l->s[i] == ' ';
    return w <= 8;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;

    return (x > y) - (x < y);
}

static void mark_headings(struct parse *p)
{
    int prev = -1;
    size_t nb = 0, median = 0, *lens = cc_malloc(((size_t)p->nlines + 1) *
                                                 sizeof *lens);

    for (int i = 0; i < p->nlines; i++)
        if (p->lines[i].kind == LK_BODY)
            lens[nb++] = p->lines[i].n;
    if (nb) {
        qsort(lens, nb, sizeof *lens, cmp_size);
        median = lens[nb / 2];
    }
    free(lens);
    for (int i = 0; i < p->nlines; i++) {
        struct line *l = &p->lines[i];
        bool after_end = prev < 0 || p->lines[prev].kind == LK_HEADING ||
                         ends_sentence(&p->lines[prev]);
        int next = i + 1;

        if (l->kind != LK_BODY)
            continue;
        while (next < p->nlines && p->lines[next].kind != LK_BODY)
            next++;
        if (l->n <= 4 && strspn(l->s, "0123456789") == l->n) {
            l->kind = LK_SKIP;          /* a page number */
            continue;
        }
        if (after_end && (all_caps(l) ||
                          (next < p->nlines &&
                           starts_upper_or_digit(&p->lines[next]) &&
                           title_heading(l, median))))
            l->kind = LK_HEADING;
        prev = i;
    }
}

/* Blank lines separate (nearly) every line -- double spacing -- rather
 * than paragraphs. */
static bool double_spaced(const struct parse *p)
{
    int gap = 0, tight = 0;

    for (int i = 0; i + 1 < p->nlines; i++) {
        if (p->lines[i].kind != LK_BODY)
            continue;
        if (p->lines[i + 1].kind == LK_BODY)
            tight++;
        else if (p->lines[i + 1].kind == LK_BLANK && i + 2 < p->nlines &&
                 p->lines[i + 2].kind == LK_BODY)
            gap++;
    }
    return gap > 3 * tight;
}

/* ---- assembling the model --------------------------------------------- */

/* Append line l (number ln) to t: a single space at the join, none after
 * a hyphen ending a word ("2016-" + "yildan"), a soft hyphen, or inside a
 * URL cut at '-' or '/'. */
static void join_line(struct doc_tb *t, const char *s, size_t n, int ln)
{
    if (t->len > 0 && n > 0) {
        unsigned first;
        size_t tl = t->len;

        doc_u8_next(s, n, 0, &first);
        if (tl >= 2 && memcmp(t->s + tl - 2, "\xc2\xad", 2) == 0) {
            t->len -= 2;
        } else if (doc_url_open(t->s, tl) && doc_url_cont(s, n)) {
            /* URL goes on */
        } else if (!(tl >= 2 && t->s[tl - 1] == '-' && t->s[tl - 2] != ' ' &&
                     t->s[tl - 2] != '-' &&
                     (doc_cp_letter(first) || is_digit(s[0])))) {
            doc_tb_addc(t, ' ', t->ln[tl - 1]);
        }
    }
    doc_tb_add(t, s, n, ln);
}

struct builder {
    struct doc *d;
    size_t scap;
    const struct doc_vocab *vocab;
    bool known[DOC_LABEL_MAX + 1];
};

static void flush(struct builder *b, struct doc_tb *seg, bool heading)
{
    struct doc_markers mk = {0};

    if (seg->len == 0)
        return;
    doc_repair_words(seg, b->vocab);
    doc_tidy_punct(seg);
    doc_strip_markers(seg, b->known, &mk);
    doc_split(b->d, &b->scap, seg, &mk, heading);
    free(mk.m);
    doc_tb_free(seg);
}

static void build_body(struct parse *p, struct builder *b)
{
    struct doc_tb seg = {0};
    bool dbl = double_spaced(p), gap_blank = false, gap_ref = false;

    for (int i = 0; i < p->nlines; i++) {
        const struct line *l = &p->lines[i];

        switch (l->kind) {
        case LK_BLANK:
            gap_blank = true;
            break;
        case LK_REF:
            gap_ref = true;
            break;
        case LK_SKIP:
            break;
        case LK_HEADING:
            flush(b, &seg, false);
            join_line(&seg, l->s, l->n, i + 1);
            flush(b, &seg, true);
            break;
        case LK_BODY:
            if (!dbl && gap_blank && !gap_ref)
                flush(b, &seg, false);      /* a paragraph ends */
            join_line(&seg, l->s, l->n, i + 1);
            gap_blank = gap_ref = false;
            break;
        }
    }
    flush(b, &seg, false);
}

static void build_refs(struct parse *p, struct builder *b)
{
    struct doc *d = b->d;

    d->refs = cc_calloc(p->nrefs, sizeof *d->refs);
    for (size_t k = 0; k < p->nrefs; k++) {
        const struct racc *r = &p->refs[k];
        struct doc_ref *out = &d->refs[d->nrefs++];
        struct doc_tb t = {0};

        snprintf(out->label, sizeof out->label, "%d", r->label);
        out->line = r->first + 1;
        for (int i = r->first; i <= r->last; i++) {
            const struct line *l = &p->lines[i];
            size_t off = 0;

            if (l->kind != LK_REF || l->ref != (int)k)
                continue;
            if (i == r->first)
                line_label(l, &off);
            join_line(&t, l->s + off, l->n - off, i + 1);
        }
        doc_repair_words(&t, b->vocab);
        doc_tidy_punct(&t);
        out->text = cc_strndup(t.s ? t.s : "", t.len);
        doc_ref_analyse(out, &t);
        doc_tb_free(&t);
        if (r->label <= DOC_LABEL_MAX)
            b->known[r->label] = true;
    }
}

static void parse_free(struct parse *p)
{
    free(p->text);
    free(p->lines);
    free(p->refs);
}

/* Lines flagged in note[] (PDF: told by font size and position) are the
 * footnotes: a flagged line starting with a label greater than the last
 * one starts a reference, other flagged lines continue it. */
static void hinted_notes(struct parse *p, const unsigned char *note,
                         size_t nnote)
{
    for (int i = 0; i < p->nlines && (size_t)i < nnote; i++) {
        struct line *l = &p->lines[i];
        size_t off;
        int lab;

        if (!note[i] || l->kind == LK_BLANK)
            continue;
        lab = line_label(l, &off);
        if (lab > 0 && (p->nrefs == 0 || lab > p->refs[p->nrefs - 1].label))
            ref_start(p, i, lab);
        else if (p->nrefs > 0)
            ref_add_line(p, p->nrefs - 1, i);
        else
            l->kind = LK_SKIP;
    }
}

cc_result doc_parse_text(const char *path, const char *data, size_t len,
                         struct doc **out, char *err, size_t errlen)
{
    return doc_parse_text_notes(path, data, len, NULL, 0, out, err, errlen);
}

cc_result doc_parse_text_notes(const char *path, const char *data, size_t len,
                               const unsigned char *note, size_t nnote,
                               struct doc **out, char *err, size_t errlen)
{
    struct parse p = {0};
    struct builder b = {0};
    struct doc_vocab *vocab;
    cc_result result;
    int end;

    *out = NULL;
    p.path = path ? path : "-";
    if (len > DOC_MAX_BYTES) {
        cc_errf(err, errlen, "%s: file too large (%zu bytes; limit %u)",
                shown(p.path), len, DOC_MAX_BYTES);
        return CC_EUSAGE;
    }
    if (len == 0) {
        cc_errf(err, errlen, "%s: empty file", shown(p.path));
        return CC_EUSAGE;
    }
    result = normalise(&p, data, len, err, errlen);
    if (result != CC_OK) {
        parse_free(&p);
        return result;
    }
    split_lines(&p);
    vocab = doc_vocab_new();
    for (int i = 0; i < p.nlines; i++) {
        doc_vocab_add(vocab, p.lines[i].s, p.lines[i].n);
        doc_scan_markers(p.lines[i].s, p.lines[i].n, i + 1, p.mfirst);
    }
    if (note) {
        hinted_notes(&p, note, nnote);
    } else {
        end = find_section(&p);
        if (p.nrefs == 0)
            find_footnotes(&p, end < 0 ? p.nlines : end);
    }
    mark_headings(&p);

    b.d = cc_calloc(1, sizeof *b.d);
    b.d->path = cc_strdup(p.path);
    b.d->nlines = p.nlines;
    b.vocab = vocab;
    build_refs(&p, &b);
    build_body(&p, &b);
    doc_vocab_free(&vocab);
    parse_free(&p);
    if (b.d->nsentences == 0) {
        cc_errf(err, errlen, "%s: no body text (only references)",
                shown(path ? path : "-"));
        doc_free(&b.d);
        return CC_EUSAGE;
    }
    *out = b.d;
    return CC_OK;
}

cc_result doc_load(const char *path, struct doc **out, char *err,
                   size_t errlen)
{
    FILE *f = stdin;
    struct stat st;
    char *buf;
    size_t cap = 1 << 16, len = 0, n;
    cc_result result;
    int e;

    *out = NULL;
    if (strcmp(path, "-") != 0) {
        if (stat(path, &st) != 0) {
            e = errno;
            cc_errf(err, errlen, "%s: %s", path,
                    e == ENOENT ? "no such file" : strerror(e));
            return CC_EUSAGE;
        }
        if (S_ISDIR(st.st_mode)) {
            cc_errf(err, errlen, "%s: is a directory", path);
            return CC_EUSAGE;
        }
        if (S_ISREG(st.st_mode) && st.st_size > (off_t)DOC_MAX_BYTES) {
            cc_errf(err, errlen, "%s: file too large (%lld bytes; limit %u)",
                    path, (long long)st.st_size, DOC_MAX_BYTES);
            return CC_EUSAGE;
        }
        f = fopen(path, "rb");
        if (!f) {
            cc_errf(err, errlen, "%s: %s", path, strerror(errno));
            return CC_EUSAGE;
        }
    }
    buf = cc_malloc(cap);
    while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len > DOC_MAX_BYTES)
            break;
        if (len == cap)
            buf = cc_realloc(buf, cap *= 2);
    }
    e = ferror(f) ? errno : 0;
    if (f != stdin)
        fclose(f);
    if (e) {
        cc_errf(err, errlen, "%s: read error: %s", shown(path), strerror(e));
        free(buf);
        return CC_EUSAGE;
    }
    if (len > DOC_MAX_BYTES) {
        cc_errf(err, errlen, "%s: file too large (more than %u bytes)",
                shown(path), DOC_MAX_BYTES);
        free(buf);
        return CC_EUSAGE;
    }
    result = doc_parse(path, buf, len, out, err, errlen);
    free(buf);
    return result;
}

int doc_sentence_line(const struct doc_sentence *s, size_t off)
{
    if (!s->line_at || s->len == 0)
        return s->line;
    return s->line_at[off < s->len ? off : s->len - 1];
}

const struct doc_ref *doc_find_ref(const struct doc *d, const char *label)
{
    for (size_t i = 0; d && label && i < d->nrefs; i++)
        if (strcmp(d->refs[i].label, label) == 0)
            return &d->refs[i];
    return NULL;
}

void doc_free(struct doc **dp)
{
    struct doc *d;

    if (!dp || !*dp)
        return;
    d = *dp;
    for (size_t i = 0; i < d->nsentences; i++) {
        free(d->sentences[i].text);
        free(d->sentences[i].line_at);
        free(d->sentences[i].labels);
        free(d->sentences[i].label_lines);
    }
    free(d->sentences);
    for (size_t i = 0; i < d->nrefs; i++) {
        struct doc_ref *r = &d->refs[i];

        free(r->text);
        free(r->url);
        free(r->url_error);
        free(r->title);
        free(r->publisher);
        free(r->date_text);
    }
    free(d->refs);
    free(d->page_first);
    free(d->path);
    free(d);
    *dp = NULL;
}
