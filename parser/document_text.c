/*
 * parser/document_text.c -- text passes of the document parser: character
 * classes, the document's vocabulary, stray-space repair, footnote
 * markers and sentence splitting.  See document_int.h.
 */
#include "parser/document_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- text buffer ------------------------------------------------------ */

static void tb_reserve(struct doc_tb *t, size_t need)
{
    size_t cap = t->cap ? t->cap : 256;

    if (need + 1 <= t->cap)
        return;
    while (cap < need + 1)
        cap *= 2;
    t->s = cc_realloc(t->s, cap);
    t->ln = cc_realloc(t->ln, cap * sizeof *t->ln);
    t->cap = cap;
}

void doc_tb_add(struct doc_tb *t, const char *p, size_t n, int line)
{
    tb_reserve(t, t->len + n);
    memcpy(t->s + t->len, p, n);
    for (size_t i = 0; i < n; i++)
        t->ln[t->len + i] = line;
    t->len += n;
    t->s[t->len] = '\0';
}

void doc_tb_addc(struct doc_tb *t, char c, int line)
{
    doc_tb_add(t, &c, 1, line);
}

void doc_tb_free(struct doc_tb *t)
{
    free(t->s);
    free(t->ln);
    t->s = NULL;
    t->ln = NULL;
    t->len = t->cap = 0;
}

/* ---- characters ------------------------------------------------------- */

size_t doc_u8_next(const char *s, size_t len, size_t i, unsigned *cp)
{
    const unsigned char *u = (const unsigned char *)s + i;
    size_t left = len - i, n;
    unsigned c, min;

    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    if ((u[0] & 0xE0) == 0xC0) {
        n = 2, c = u[0] & 0x1F, min = 0x80;
    } else if ((u[0] & 0xF0) == 0xE0) {
        n = 3, c = u[0] & 0x0F, min = 0x800;
    } else if ((u[0] & 0xF8) == 0xF0) {
        n = 4, c = u[0] & 0x07, min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (left < n) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t k = 1; k < n; k++) {
        if ((u[k] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        c = (c << 6) | (u[k] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = c;
    return n;
}

size_t doc_u8_prev(const char *s, size_t i, unsigned *cp)
{
    size_t j = i - 1;

    while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    if (doc_u8_next(s, i, j, cp) == i - j)
        return j;
    *cp = (unsigned char)s[i - 1] < 0x80 ? (unsigned char)s[i - 1] : 0xFFFD;
    return i - 1;
}

/* Case of a letter in a block where upper and lower alternate. */
static int parity(unsigned c, bool even_upper)
{
    return ((c & 1) == 0) == even_upper ? 1 : -1;
}

int doc_cp_case(unsigned c)
{
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? 1 : (c >= 'a' && c <= 'z') ? -1 : 0;
    if (c < 0xC0)
        return (c == 0xAA || c == 0xB5 || c == 0xBA) ? -1 : 0;
    if (c == 0xD7 || c == 0xF7)
        return 0;
    if (c <= 0xDE)
        return 1;
    if (c <= 0xFF)
        return -1;
    if (c <= 0x17F) {
        if (c == 0x138 || c == 0x149 || c == 0x17F)
            return -1;
        if (c == 0x178)
            return 1;
        if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
            return parity(c, false);
        return parity(c, true);
    }
    if (c <= 0x24F)
        return 2;
    if (c <= 0x2AF)
        return -1;
    if (c <= 0x2FF)                     /* modifier letters: ʻ ʼ apostrophes */
        return 0;
    if (c <= 0x36F)                     /* combining marks */
        return 2;
    if (c <= 0x3FF) {
        if (c == 0x37E || c == 0x387)
            return 0;
        if (c >= 0x391 && c <= 0x3A9)
            return 1;
        if (c >= 0x3AC && c <= 0x3CE)
            return -1;
        return 2;
    }
    if (c <= 0x42F)
        return 1;
    if (c <= 0x45F)
        return -1;
    if (c <= 0x52F) {
        if (c >= 0x482 && c <= 0x489)
            return 0;
        if (c == 0x4C0)
            return 1;
        if (c == 0x4CF)
            return -1;
        if (c >= 0x4C1 && c <= 0x4CE)
            return parity(c, false);
        return parity(c, true);
    }
    if (c >= 0x1E00 && c <= 0x1EFF)
        return parity(c, true);
    if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
        (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF20) ||
        (c >= 0xE000 && c <= 0xF8FF) || c == 0xFFFD || c == 0xFEFF)
        return 0;
    return 2;
}

bool doc_cp_letter(unsigned cp)
{
    return doc_cp_case(cp) != 0;
}

bool doc_cp_apostrophe(unsigned cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x2BB ||
           cp == 0x2BC || cp == '`';
}

bool doc_cp_closer(unsigned cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
           cp == 0x201D || cp == 0x2019 || cp == 0xBB;
}

bool doc_cp_opener(unsigned cp)
{
    return cp == '"' || cp == '\'' || cp == '(' || cp == '[' ||
           cp == 0x201C || cp == 0x2018 || cp == 0xAB || cp == 0x201E;
}

/* Lower-case mapping good enough for comparing words with each other. */
static unsigned cp_lower(unsigned c)
{
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 0x20;
    if (c >= 0x391 && c <= 0x3A9)
        return c + 0x20;
    if (c >= 0x410 && c <= 0x42F)
        return c + 0x20;
    if (c >= 0x400 && c <= 0x40F)
        return c + 0x50;
    if (((c >= 0x100 && c <= 0x17E) || (c >= 0x460 && c <= 0x52F) ||
         (c >= 0x1E00 && c <= 0x1EFF)) && doc_cp_case(c) == 1)
        return c + 1;
    return c;
}

static size_t u8_put(unsigned c, char *out)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* Lower-cased copy of s[0..n) into buf (cap bytes); returns its length or
 * 0 when it does not fit. */
static size_t lower_copy(const char *s, size_t n, char *buf, size_t cap)
{
    size_t o = 0;
    unsigned cp;
    char tmp[4];

    for (size_t i = 0; i < n;) {
        size_t k = doc_u8_next(s, n, i, &cp);
        size_t m = u8_put(cp_lower(cp), tmp);

        if (o + m >= cap)
            return 0;
        memcpy(buf + o, tmp, m);
        o += m;
        i += k;
    }
    buf[o] = '\0';
    return o;
}

/* End of the word (letters, apostrophes between letters) starting at i. */
static size_t word_end(const char *s, size_t len, size_t i)
{
    unsigned cp;

    while (i < len) {
        size_t k = doc_u8_next(s, len, i, &cp);

        if (doc_cp_letter(cp)) {
            i += k;
            continue;
        }
        if (doc_cp_apostrophe(cp) && i + k < len) {
            unsigned nx;

            doc_u8_next(s, len, i + k, &nx);
            if (doc_cp_letter(nx)) {
                i += k;
                continue;
            }
        }
        break;
    }
    return i;
}

/* Start of the word that ends at e (e > 0, s[e-1] ends a letter). */
static size_t word_start(const char *s, size_t e)
{
    size_t i = e;
    unsigned cp;

    while (i > 0) {
        size_t p = doc_u8_prev(s, i, &cp);

        if (doc_cp_letter(cp)) {
            i = p;
            continue;
        }
        if (doc_cp_apostrophe(cp) && p > 0 && i < e) {
            unsigned pv;

            doc_u8_prev(s, p, &pv);
            if (doc_cp_letter(pv)) {
                i = p;
                continue;
            }
        }
        break;
    }
    return i;
}

/* ---- sentence ends ---------------------------------------------------- */

/* Words after which a '.' is an abbreviation, not a sentence end. */
static const char *const abbrevs[] = {
    "al", "approx", "bln", "ca", "cf", "dept", "dr", "ed", "eds", "eg",
    "esp", "fig", "figs", "ibid", "ie", "jr", "lt", "mlrd", "mln", "mr",
    "mrs", "ms", "no", "nos", "nr", "pp", "prof", "resp", "rev", "sr", "st",
    "trln", "univ", "viz", "vol", "vols", "vs",
};

static bool is_abbrev(const char *s, size_t n)
{
    char buf[16];

    if (n == 0 || n >= sizeof buf || lower_copy(s, n, buf, sizeof buf) != n)
        return false;
    for (size_t i = 0; i < sizeof abbrevs / sizeof *abbrevs; i++)
        if (strcmp(buf, abbrevs[i]) == 0)
            return true;
    return false;
}

/* A '.' at s[i] closes an initial or an abbreviation. */
static bool dot_is_abbrev(const char *s, size_t i)
{
    size_t ws;
    unsigned cp;

    if (i == 0)
        return false;
    doc_u8_prev(s, i, &cp);
    if (!doc_cp_letter(cp))
        return false;
    ws = word_start(s, i);
    if (ws > 0) {
        unsigned pv;

        doc_u8_prev(s, ws, &pv);
        /* inside a token like "trend.az" or "U.S": an initial chain */
        if (pv != ' ' && pv != '.' && pv != '(' && pv != '-' &&
            !doc_cp_opener(pv))
            return false;
    }
    {
        size_t nch = 0;

        for (size_t k = ws; k < i; k += doc_u8_next(s, i, k, &cp))
            nch++;
        if (nch == 1)
            return true;       /* "K.", "e.", "U." */
    }
    return is_abbrev(s + ws, i - ws);
}

bool doc_sentence_end(const char *s, size_t len, size_t i, size_t *end)
{
    size_t j = i, k;
    unsigned cp;

    while (j < len) {
        size_t n = doc_u8_next(s, len, j, &cp);

        if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 ||
            doc_cp_closer(cp))
            j += n;
        else
            break;
    }
    *end = j;
    if (s[i] == '.' && dot_is_abbrev(s, i))
        return false;
    if (j >= len)
        return true;
    if (s[j] != ' ')
        return false;
    k = j;
    while (k < len && s[k] == ' ')
        k++;
    if (k >= len)
        return true;
    doc_u8_next(s, len, k, &cp);
    return doc_cp_case(cp) == 1 || doc_cp_case(cp) == 2 ||
           (cp >= '0' && cp <= '9') || doc_cp_opener(cp);
}

/* ---- vocabulary ------------------------------------------------------- */

struct vent {
    char *w;
    unsigned count;
};

struct doc_vocab {
    struct vent *t;
    size_t cap, used;
};

static unsigned long fnv(const char *s, size_t n)
{
    unsigned long h = 2166136261ul;

    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619ul;
    return h;
}

struct doc_vocab *doc_vocab_new(void)
{
    struct doc_vocab *v = cc_calloc(1, sizeof *v);

    v->cap = 1024;
    v->t = cc_calloc(v->cap, sizeof *v->t);
    return v;
}

static struct vent *vocab_slot(const struct doc_vocab *v, const char *w,
                               size_t n)
{
    size_t i = fnv(w, n) & (v->cap - 1);

    while (v->t[i].w &&
           !(strlen(v->t[i].w) == n && memcmp(v->t[i].w, w, n) == 0))
        i = (i + 1) & (v->cap - 1);
    return &v->t[i];
}

static void vocab_grow(struct doc_vocab *v)
{
    struct vent *old = v->t;
    size_t ocap = v->cap;

    v->cap *= 2;
    v->t = cc_calloc(v->cap, sizeof *v->t);
    for (size_t i = 0; i < ocap; i++)
        if (old[i].w)
            *vocab_slot(v, old[i].w, strlen(old[i].w)) = old[i];
    free(old);
}

static void vocab_put(struct doc_vocab *v, const char *w, size_t n)
{
    char buf[128];
    size_t m = lower_copy(w, n, buf, sizeof buf);
    struct vent *e;

    if (m == 0)
        return;
    if ((v->used + 1) * 2 > v->cap)
        vocab_grow(v);
    e = vocab_slot(v, buf, m);
    if (!e->w) {
        e->w = cc_strndup(buf, m);
        v->used++;
    }
    e->count++;
}

static unsigned vocab_count(const struct doc_vocab *v, const char *w,
                            size_t n)
{
    char buf[128];
    size_t m = lower_copy(w, n, buf, sizeof buf);

    if (m == 0)
        return 0;
    return vocab_slot(v, buf, m)->count;
}

void doc_vocab_add(struct doc_vocab *v, const char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        size_t te;
        bool urlish = false;

        while (i < n && s[i] == ' ')
            i++;
        te = i;
        while (te < n && s[te] != ' ')
            te++;
        for (size_t k = i; k < te; k++)
            if (s[k] == '/' || s[k] == '@' || s[k] == '\\' ||
                (k + 4 <= te && memcmp(s + k, "www.", 4) == 0))
                urlish = true;
        while (!urlish && i < te) {
            unsigned cp;
            size_t k = doc_u8_next(s, te, i, &cp);

            if (doc_cp_letter(cp)) {
                size_t e = word_end(s, te, i);

                vocab_put(v, s + i, e - i);
                i = e;
            } else {
                i += k;
            }
        }
        i = te;
    }
}

void doc_vocab_free(struct doc_vocab **v)
{
    if (!v || !*v)
        return;
    for (size_t i = 0; i < (*v)->cap; i++)
        free((*v)->t[i].w);
    free((*v)->t);
    free(*v);
    *v = NULL;
}

/* ---- stray-space repair ----------------------------------------------- */

/* Scale words that PDF extraction splits ("b illion", "mil liard"). */
static const char *const scale_words[] = {
    "billion", "million", "trillion", "milliard", "thousand",
    "\xd0\xbc\xd0\xb8\xd0\xbb\xd0\xbb\xd0\xb8\xd0\xb0\xd1\x80\xd0\xb4", /* миллиард */
    "\xd0\xbc\xd0\xb8\xd0\xbb\xd0\xbb\xd0\xb8\xd0\xbe\xd0\xbd",         /* миллион */
    "\xd1\x82\xd1\x80\xd0\xb8\xd0\xbb\xd0\xbb\xd0\xb8\xd0\xbe\xd0\xbd", /* триллион */
};

/* Short words that are real words in the languages we meet; never glued
 * to a neighbour by the vocabulary rule. */
static const char *const stop_words[] = {
    "a", "o", "u", "e", "y", "an", "as", "at", "be", "by", "do", "go", "he",
    "if", "in", "is", "it", "me", "my", "no", "of", "on", "or", "so", "to",
    "up", "us", "we", "va", "bu", "da", "de", "la", "le", "el", "en", "et",
    "un", "the", "and", "for", "but", "not", "ham", "bir", "har", "hech",
    "\xd0\xb8", "\xd0\xb2", "\xd1\x81", "\xd0\xba", "\xd0\xbe", "\xd1\x83",
    "\xd0\xb0",
};

static bool in_list(const char *w, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(w, list[i]) == 0)
            return true;
    return false;
}

/* Should the word a (len na) and the word b (len nb), separated by one
 * space, be one word? */
static bool should_join(const char *a, size_t na, const char *b, size_t nb,
                        const struct doc_vocab *v)
{
    char la[128], lb[128], cat[256];
    size_t ma = lower_copy(a, na, la, sizeof la);
    size_t mb = lower_copy(b, nb, lb, sizeof lb);

    if (ma == 0 || mb == 0)
        return false;
    memcpy(cat, la, ma);
    memcpy(cat + ma, lb, mb + 1);
    /* 1. a scale word cut inside ("b illion", "mil liard") */
    for (size_t i = 0; i < sizeof scale_words / sizeof *scale_words; i++) {
        size_t w = strlen(scale_words[i]);

        if (ma < w && ma + mb >= w && ma + mb <= w + 6 &&
            memcmp(cat, scale_words[i], w) == 0 &&
            !in_list(la, stop_words, sizeof stop_words / sizeof *stop_words))
            return true;
    }
    /* 2. the joined word occurs elsewhere in the document while neither
     * piece does, and neither piece is a common short word */
    if (!v || ma + mb < 5)
        return false;
    if (in_list(la, stop_words, sizeof stop_words / sizeof *stop_words) ||
        in_list(lb, stop_words, sizeof stop_words / sizeof *stop_words))
        return false;
    if (vocab_count(v, la, ma) > 1 || vocab_count(v, lb, mb) > 1)
        return false;
    if (vocab_count(v, cat, ma + mb) >= 1)
        return true;
    /* 3. the joined word is a known word cut inside plus a short ending
     * ("integra tsiyani" = "integratsiya" + "ni") */
    for (size_t k = ma + mb - 1; k > ma + 1; k--) {
        if (((unsigned char)cat[k] & 0xC0) == 0x80)
            continue;               /* not at a character boundary */
        if (ma + mb - k > 4 || k < 6)
            break;
        if (vocab_count(v, cat, k) >= 2)
            return true;
    }
    return false;
}

/* Characters allowed right before the first piece / after the second. */
static bool join_left_ok(unsigned cp)
{
    return cp == ' ' || cp == '-' || cp == 0x2013 || cp == '$' ||
           doc_cp_opener(cp);
}

static bool join_right_ok(unsigned cp)
{
    return cp == ' ' || cp == '-' || cp == 0x2013 || cp == '.' ||
           cp == ',' || cp == ';' || cp == ':' || cp == '!' || cp == '?' ||
           doc_cp_closer(cp);
}

void doc_repair_words(struct doc_tb *t, const struct doc_vocab *v)
{
    struct doc_tb out = {0};
    size_t i = 0;

    while (i < t->len) {
        if (t->s[i] == ' ' && i > 0 && i + 1 < t->len && t->s[i + 1] != ' ' &&
            t->s[i - 1] != ' ') {
            unsigned pc, nc;
            size_t as, be;

            doc_u8_prev(t->s, i, &pc);
            doc_u8_next(t->s, t->len, i + 1, &nc);
            if (doc_cp_letter(pc) && doc_cp_case(nc) == -1) {
                as = word_start(t->s, i);
                be = word_end(t->s, t->len, i + 1);
                if (as > 0)
                    doc_u8_prev(t->s, as, &pc);
                if (be < t->len)
                    doc_u8_next(t->s, t->len, be, &nc);
                if ((as == 0 || join_left_ok(pc)) &&
                    (be == t->len || join_right_ok(nc)) &&
                    should_join(t->s + as, i - as, t->s + i + 1, be - i - 1,
                                v)) {
                    i++;                /* drop the space */
                    continue;
                }
            }
        }
        doc_tb_add(&out, t->s + i, 1, t->ln[i]);
        i++;
    }
    doc_tb_free(t);
    *t = out;
}

void doc_tidy_punct(struct doc_tb *t)
{
    struct doc_tb out = {0};

    for (size_t i = 0; i < t->len; i++) {
        if (t->s[i] == ' ' && out.len > 0 && out.s[out.len - 1] != ' ') {
            size_t j = i;

            while (j < t->len && t->s[j] == ' ')
                j++;
            if (j < t->len && (t->s[j] == '.' || t->s[j] == ',') &&
                (j + 1 == t->len || t->s[j + 1] == ' ')) {
                unsigned pc;

                doc_u8_prev(out.s, out.len, &pc);
                if (doc_cp_letter(pc) || (pc >= '0' && pc <= '9')) {
                    i = j - 1;          /* skip the spaces */
                    continue;
                }
            }
        }
        doc_tb_add(&out, t->s + i, 1, t->ln[i]);
    }
    doc_tb_free(t);
    *t = out;
}

/* ---- footnote markers ------------------------------------------------- */

/* Words after which a number is a figure, not a marker ("page 14."). */
static const char *const number_nouns[] = {
    "page", "pages", "p", "pp", "chapter", "section", "article", "table",
    "figure", "fig", "vol", "volume", "no", "number", "part", "item", "step",
    "modda", "bet", "bob", "band", "jadval", "rasm", "ilova", "grade",
    "level", "phase", "stage", "round", "version", "appendix",
};

static bool after_number_noun(const char *s, size_t e)
{
    size_t ws = word_start(s, e);
    char buf[32];

    if (e - ws >= sizeof buf || lower_copy(s + ws, e - ws, buf, sizeof buf) == 0)
        return false;
    return in_list(buf, number_nouns,
                   sizeof number_nouns / sizeof *number_nouns);
}

static int parse_num(const char *s, size_t len, size_t i, size_t *end)
{
    int v = 0;
    size_t j = i;

    while (j < len && s[j] >= '0' && s[j] <= '9' && j - i < 4) {
        v = v * 10 + (s[j] - '0');
        j++;
    }
    if (j == i || j - i > 3 || (j < len && s[j] >= '0' && s[j] <= '9') ||
        s[i] == '0')
        return -1;
    *end = j;
    return v;
}

static void add_marker(struct doc_markers *out, size_t pos, int line, int lab)
{
    struct doc_marker *m;

    out->m = cc_grow(out->m, &out->cap, out->n + 1, sizeof *out->m);
    m = &out->m[out->n++];
    m->pos = pos;
    m->line = line;
    snprintf(m->label, sizeof m->label, "%d", lab);
}

static bool known_label(const bool *known, int v)
{
    return v >= 1 && v <= DOC_LABEL_MAX && known[v];
}

/* "[14]", "[14, 15]", "[14-16]" at s[i] == '['.  Labels into labs. */
static size_t bracket_marker(const char *s, size_t len, size_t i,
                             const bool *known, int *labs, size_t *nlabs)
{
    size_t j = i + 1, e;
    int prev = 0;
    bool range = false;

    *nlabs = 0;
    for (;;) {
        int v;

        while (j < len && s[j] == ' ')
            j++;
        v = parse_num(s, len, j, &e);
        if (!known_label(known, v))
            return 0;
        if (range) {
            if (v <= prev || v - prev > 50)
                return 0;
            for (int k = prev + 1; k <= v && *nlabs < 64; k++)
                if (known_label(known, k))
                    labs[(*nlabs)++] = k;
            range = false;
        } else if (*nlabs < 64) {
            labs[(*nlabs)++] = v;
        }
        prev = v;
        j = e;
        while (j < len && s[j] == ' ')
            j++;
        if (j < len && s[j] == ']')
            return j + 1;
        if (j < len && s[j] == ',') {
            j++;
        } else if (j < len && s[j] == '-') {
            range = true;
            j++;
        } else if (j + 3 <= len && memcmp(s + j, "\xe2\x80\x93", 3) == 0) {
            range = true;
            j += 3;
        } else {
            return 0;
        }
    }
}

static int superscript_digit(unsigned cp)
{
    if (cp == 0xB9)
        return 1;
    if (cp == 0xB2 || cp == 0xB3)
        return (int)cp - 0xB0;
    if (cp == 0x2070 || (cp >= 0x2074 && cp <= 0x2079))
        return (int)cp - 0x2070;
    return -1;
}

/* Whether the token ending at k is a year (1900-2099) or a percentage:
 * after "in 2023" or "5%" a further bare number ending the sentence can
 * only be a footnote marker ("...in 2023 1."). */
static bool after_year_or_percent(const char *s, size_t k)
{
    size_t a = k;

    if (k > 0 && s[k - 1] == '%')
        return true;
    while (a > 0 && s[a - 1] >= '0' && s[a - 1] <= '9')
        a--;
    if (k - a != 4 || (a > 0 && (s[a - 1] == '.' || s[a - 1] == ',')))
        return false;
    return (s[a] == '1' && s[a + 1] == '9') || (s[a] == '2' && s[a + 1] == '0');
}

/* A bare number at i (preceded by spaces after a word, a year or a
 * percentage) that is a known label and ends its sentence: "chuqurlashgan
 * 14.", "belgilandi  21.", "in 2023 1."; a list of them ("1, 2.") gives
 * every label.  Returns the end of the marker (before the terminator) or
 * 0. */
static size_t bare_marker(const char *s, size_t len, size_t i,
                          const bool *known, int *labs, size_t *nlabs)
{
    size_t k = i, e, j;
    unsigned pc;

    *nlabs = 0;
    while (k > 0 && s[k - 1] == ' ')
        k--;
    if (k == i || k == 0)
        return 0;
    doc_u8_prev(s, k, &pc);
    if (!doc_cp_letter(pc) && !(doc_cp_closer(pc) && pc != ']') &&
        !after_year_or_percent(s, k))
        return 0;
    if (doc_cp_letter(pc) && after_number_noun(s, k))
        return 0;
    labs[0] = parse_num(s, len, i, &e);
    if (!known_label(known, labs[0]))
        return 0;
    *nlabs = 1;
    /* further labels: "1, 2", "1,2" */
    for (;;) {
        size_t c = e, f;
        int v;

        while (c < len && s[c] == ' ')
            c++;
        if (c >= len || s[c] != ',' || *nlabs >= 16)
            break;
        c++;
        while (c < len && s[c] == ' ')
            c++;
        v = parse_num(s, len, c, &f);
        if (!known_label(known, v))
            break;
        labs[(*nlabs)++] = v;
        e = f;
    }
    j = e;
    while (j < len && s[j] == ' ')
        j++;
    if (j == len)
        return e;
    if ((s[j] == '.' || s[j] == '!' || s[j] == '?') &&
        (j + 1 == len || s[j + 1] == ' ' || s[j + 1] == '"' ||
         (unsigned char)s[j + 1] == 0xE2))
        return e;
    return 0;
}

/* "word.14 Next": a label glued after sentence punctuation. */
static size_t glued_marker(const char *s, size_t len, size_t i,
                           const bool *known, int *lab)
{
    size_t e, k;
    unsigned pc, nc;

    if (i < 2 || (s[i - 1] != '.' && s[i - 1] != '!' && s[i - 1] != '?'))
        return 0;
    doc_u8_prev(s, i - 1, &pc);
    if (!doc_cp_letter(pc) && !(doc_cp_closer(pc) && pc != ']'))
        return 0;
    if (s[i - 1] == '.' && doc_cp_letter(pc) &&
        (dot_is_abbrev(s, i - 1) || after_number_noun(s, i - 1)))
        return 0;
    *lab = parse_num(s, len, i, &e);
    if (!known_label(known, *lab))
        return 0;
    if (e == len)
        return e;
    if (s[e] != ' ')
        return 0;
    k = e;
    while (k < len && s[k] == ' ')
        k++;
    if (k == len)
        return e;
    doc_u8_next(s, len, k, &nc);
    return (doc_cp_case(nc) == 1 || doc_cp_case(nc) == 2 ||
            doc_cp_opener(nc)) ? e : 0;
}

/* Drop trailing spaces already copied to out (they preceded a marker). */
static void pop_spaces(struct doc_tb *out)
{
    while (out->len > 0 && out->s[out->len - 1] == ' ')
        out->len--;
    if (out->s)
        out->s[out->len] = '\0';
}

void doc_strip_markers(struct doc_tb *t, const bool *known,
                       struct doc_markers *mk)
{
    struct doc_tb out = {0};
    const char *s = t->s;
    size_t len = t->len, i = 0;

    while (i < len) {
        int labs[64], lab;
        size_t nl = 0, e = 0;
        unsigned cp;
        size_t cl = doc_u8_next(s, len, i, &cp);

        if (s[i] == '[') {
            e = bracket_marker(s, len, i, known, labs, &nl);
        } else if (s[i] == '^' && i + 1 < len) {
            lab = parse_num(s, len, i + 1, &e);
            if (known_label(known, lab))
                labs[nl++] = lab;
        } else if (superscript_digit(cp) >= 0) {
            lab = 0;
            e = i;
            while (e < len) {
                unsigned c2;
                size_t n2 = doc_u8_next(s, len, e, &c2);

                if (superscript_digit(c2) < 0 || lab > DOC_LABEL_MAX)
                    break;
                lab = lab * 10 + superscript_digit(c2);
                e += n2;
            }
            if (known_label(known, lab))
                labs[nl++] = lab;
        } else if (s[i] >= '1' && s[i] <= '9' && i > 0 &&
                   (s[i - 1] == ' ' || s[i - 1] == '.' || s[i - 1] == '!' ||
                    s[i - 1] == '?')) {
            if (s[i - 1] == ' ') {
                e = bare_marker(s, len, i, known, labs, &nl);
                if (!e)
                    nl = 0;
            } else {
                e = glued_marker(s, len, i, known, &lab);
                if (e)
                    labs[nl++] = lab;
            }
        }
        if (nl > 0 && e > i) {
            size_t j = e, k = e;

            if (!(s[i] >= '0' && s[i] <= '9' && s[i - 1] != ' '))
                pop_spaces(&out);       /* "word 14." -> "word." */
            for (size_t m = 0; m < nl; m++)
                add_marker(mk, out.len, t->ln[i], labs[m]);
            while (k < len && s[k] == ' ')
                k++;                    /* "14 ." -> "." */
            if (k < len && k > j && (s[k] == '.' || s[k] == '!' || s[k] == '?'))
                j = k;
            i = j;
            continue;
        }
        doc_tb_add(&out, s + i, cl, t->ln[i]);
        i += cl;
    }
    doc_tb_free(t);
    *t = out;
}

void doc_scan_markers(const char *s, size_t n, int line, int *first_line)
{
    bool all[DOC_LABEL_MAX + 1];
    struct doc_tb t = {0};
    struct doc_markers mk = {0};

    memset(all, 1, sizeof all);
    doc_tb_add(&t, s, n, line);
    doc_strip_markers(&t, all, &mk);
    for (size_t i = 0; i < mk.n; i++) {
        size_t e;
        int v = parse_num(mk.m[i].label, strlen(mk.m[i].label), 0, &e);

        if (v >= 1 && v <= DOC_LABEL_MAX && first_line[v] == 0)
            first_line[v] = line;
    }
    free(mk.m);
    doc_tb_free(&t);
}

/* ---- sentences -------------------------------------------------------- */

static bool has_alnum(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b;) {
        unsigned cp;
        size_t k = doc_u8_next(s, b, i, &cp);

        if (doc_cp_letter(cp) || (cp >= '0' && cp <= '9'))
            return true;
        i += k;
    }
    return false;
}

static void emit(struct doc *d, size_t *cap, const struct doc_tb *t,
                 size_t a, size_t b, const struct doc_markers *mk,
                 size_t ma, size_t mb, bool heading)
{
    struct doc_sentence *s;

    while (a < b && t->s[a] == ' ')
        a++;
    while (b > a && t->s[b - 1] == ' ')
        b--;
    if (!has_alnum(t->s, a, b)) {
        /* nothing to say: markers go to the previous sentence */
        if (d->nsentences > 0 && mb > ma) {
            s = &d->sentences[d->nsentences - 1];
            s->labels = cc_realloc(s->labels,
                                   (s->nlabels + mb - ma) * sizeof *s->labels);
            s->label_lines = cc_realloc(s->label_lines, (s->nlabels + mb - ma) *
                                        sizeof *s->label_lines);
            for (size_t k = ma; k < mb; k++) {
                memcpy(s->labels[s->nlabels], mk->m[k].label, DOC_MAX_LABEL);
                s->label_lines[s->nlabels++] = mk->m[k].line;
            }
        }
        return;
    }
    d->sentences = cc_grow(d->sentences, cap, d->nsentences + 1,
                           sizeof *d->sentences);
    s = &d->sentences[d->nsentences++];
    memset(s, 0, sizeof *s);
    s->text = cc_strndup(t->s + a, b - a);
    s->len = b - a;
    s->line = t->ln[a];
    s->line_at = cc_malloc(s->len * sizeof *s->line_at);
    memcpy(s->line_at, t->ln + a, s->len * sizeof *s->line_at);
    s->heading = heading;
    if (mb > ma) {
        s->labels = cc_malloc((mb - ma) * sizeof *s->labels);
        s->label_lines = cc_malloc((mb - ma) * sizeof *s->label_lines);
        for (size_t k = ma; k < mb; k++) {
            memcpy(s->labels[s->nlabels], mk->m[k].label, DOC_MAX_LABEL);
            s->label_lines[s->nlabels++] = mk->m[k].line;
        }
    }
}

void doc_split(struct doc *d, size_t *cap, const struct doc_tb *t,
               const struct doc_markers *mk, bool heading)
{
    size_t start = 0, mi = 0, i = 0;

    if (heading || t->len == 0) {
        emit(d, cap, t, 0, t->len, mk, 0, mk->n, heading);
        return;
    }
    while (i < t->len) {
        size_t end;
        unsigned char c = (unsigned char)t->s[i];
        bool term = c == '.' || c == '!' || c == '?' ||
                    (c == 0xE2 && i + 2 < t->len &&
                     (unsigned char)t->s[i + 1] == 0x80 &&
                     (unsigned char)t->s[i + 2] == 0xA6);

        if (term && doc_sentence_end(t->s, t->len, i, &end)) {
            size_t next = end, mj = mi;

            while (next < t->len && t->s[next] == ' ')
                next++;
            while (mj < mk->n && mk->m[mj].pos < next)
                mj++;
            emit(d, cap, t, start, end, mk, mi, mj, false);
            mi = mj;
            start = next;
            i = next;
            continue;
        }
        i++;
    }
    if (start < t->len || mi < mk->n)
        emit(d, cap, t, start, t->len, mk, mi, mk->n, false);
}
