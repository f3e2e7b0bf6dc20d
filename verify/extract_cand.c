/*
 * verify/extract_cand.c -- where a token of the combined pattern (see
 * extract_pat.c) may start.
 *
 * The pattern is compiled anchored and tried only at the positions found
 * here: PCRE2 has a high fixed cost at every position it tries, and most
 * word starts of a sentence start no token.  A position is tried when the
 * character before it is no word character and it holds a digit, a
 * character that may begin a figure ("$", "~", "+", ...), or the first
 * character of a word alternative (either case) followed by what that
 * alternative's literal prefix requires (up to PRE_MAX characters: plain
 * letters, required white space, an Uzbek apostrophe).  The test may let
 * through positions where nothing matches (PCRE2 then says no), never the
 * other way round.
 */
#include "verify/extract_int.h"

#include <stdlib.h>
#include <string.h>

#define PRE_MAX 6
#define PRE_SPACE 1u
#define PRE_APO 2u

/* A literal prefix: the first character as written (the pattern tests it
 * case-sensitively, in both cases), the others in lower case. */
struct pre {
    unsigned c[PRE_MAX];
    size_t n;
};

static struct pre *pres;
static size_t npre, pcap;
static bool any_word;                /* an alternative with no literal start */
/* ASCII: 1 always a candidate (figure start), 2 see pres from ascii_lo */
static unsigned char ascii_first[128];
static size_t ascii_lo[128];

/* characters other than ASCII that may begin a figure */
static const unsigned fig_first_cp[] = {
    0x2248, 0x2264, 0x2265, 0x2212, 0x20ac, 0xa3,   0x20b8, 0x20bd,
    0xa5,   0x20b9, 0x20a9, 0x20ba, 0x20b4, 0x20a1, 0x20be, 0x20ad,
    0x20a6, 0x20b1, 0x0e3f, 0x20aa, 0x20ab, 0x20bc};

void xcand_begin(void)
{
    static const char fig_ascii[] = "0123456789~<>+-$";

    npre = 0;
    any_word = false;
    memset(ascii_first, 0, sizeof ascii_first);
    for (const char *f = fig_ascii; *f; f++)
        ascii_first[(unsigned char)*f] = 1;
}

void xcand_add_any(void)
{
    any_word = true;
}

void xcand_add(unsigned first, const char *rest, size_t n, const char *apo)
{
    size_t apo_len = strlen(apo);
    struct pre p;

    memset(&p, 0, sizeof p);
    p.c[p.n++] = first;
    while (p.n < PRE_MAX && n > 0) {
        size_t k;
        unsigned cp, code;

        if (n >= 2 && rest[0] == '\\' && rest[1] == 's') {
            k = 2;
            code = PRE_SPACE;
            if (k < n && rest[k] == '+')
                k++;
        } else if (n >= apo_len && !strncmp(rest, apo, apo_len)) {
            k = apo_len;
            code = PRE_APO;
        } else if (strchr("([\\.^$|?*+{)", rest[0])) {
            break;
        } else {
            k = xlex_decode(rest, n, &cp);
            if (!xlex_is_letter(cp))
                break;
            code = xlex_lower_cp(cp);
        }
        if (k < n && strchr("?*+{", rest[k]))
            break;          /* optional: the prefix ends before it */
        p.c[p.n++] = code;
        rest += k;
        n -= k;
    }
    pres = cc_grow(pres, &pcap, npre + 1, sizeof *pres);
    pres[npre++] = p;
}

static int cmp_pre(const void *a, const void *b)
{
    const struct pre *x = a, *y = b;

    for (size_t i = 0; i < PRE_MAX; i++)
        if (x->c[i] != y->c[i])
            return x->c[i] < y->c[i] ? -1 : 1;
    return 0;
}

void xcand_end(void)
{
    if (npre)
        qsort(pres, npre, sizeof *pres, cmp_pre);
    for (size_t i = npre; i-- > 0;) {
        unsigned f = pres[i].c[0];

        if (f < 128) {
            if (!ascii_first[f])
                ascii_first[f] = 2;
            ascii_lo[f] = i;
        }
    }
}

void xcand_free(void)
{
    free(pres);
    pres = NULL;
    npre = pcap = 0;
}

/* The word characters of the pattern's start test (WORDCH in
 * extract_pat.c), without the few more that caseless matching adds: a
 * subset, so that a position this calls a word start may still be refused
 * by the pattern, never the reverse. */
static bool word_cp(unsigned cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') ||
               ((cp | 32) >= 'a' && (cp | 32) <= 'z') || cp == '_';
    return cp == 0xaa || cp == 0xb5 || cp == 0xba ||
           (cp >= 0xc0 && cp <= 0x24f && cp != 0xd7 && cp != 0xf7) ||
           (cp >= 0x2b0 && cp <= 0x2ff) || (cp >= 0x370 && cp <= 0x52f);
}

/* The lower case of a character after the first as the caseless pattern
 * sees it; 0 when unsure (outside the ranges xlex_lower_cp knows, where
 * caseless matching might fold it onto a letter). */
static unsigned later_lower(unsigned cp)
{
    unsigned lc = xlex_lower_cp(cp);

    if (cp < 0x80 || (cp >= 0xc0 && cp <= 0xff) ||
        (cp >= 0x400 && cp <= 0x45f) || lc != cp)
        return lc;
    return 0;
}

/* White space as \s under UCP sees it. */
static bool space_cp(unsigned cp)
{
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0d) || cp == 0x85 ||
           cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f ||
           cp == 0x3000;
}

static bool apo_cp(unsigned cp)
{
    return cp == 0x2019 || cp == 0x2018 || cp == 0x2bb || cp == 0x2bc ||
           cp == '\'' || cp == '`' || cp == 0xb4;
}

static size_t decode(const char *t, size_t i, size_t e, unsigned *cp)
{
    if ((unsigned char)t[i] < 0x80) {
        *cp = (unsigned char)t[i];
        return 1;
    }
    return xlex_decode(t + i, e - i, cp);
}

/* The next character of the text from t[*q] as the prefixes write it
 * (see struct pre), *q moved past it (past a whole run of white space);
 * 0 when unsure what the caseless pattern makes of it. */
static unsigned next_code(const char *t, size_t *q, size_t e)
{
    unsigned x;
    unsigned char ch = (unsigned char)t[*q];

    if (ch < 0x80 && ch != ' ' && ch != '\'' && ch != '`' &&
        (ch < 0x09 || ch > 0x0d)) {
        (*q)++;
        return ch >= 'A' && ch <= 'Z' ? ch + 32u : ch;
    }
    *q += decode(t, *q, e, &x);
    if (space_cp(x)) {
        while (*q < e) {
            size_t k = decode(t, *q, e, &x);

            if (!space_cp(x))
                break;
            *q += k;
        }
        return PRE_SPACE;
    }
    if (apo_cp(x))
        return PRE_APO;
    return later_lower(x);
}

/* Does one of the prefixes starting at pres[lo] (first character cp)
 * match the text from t[q] on?  The text is read only as far as a
 * prefix needs. */
static bool prefix_at(const char *t, size_t q, size_t e, unsigned cp,
                      size_t lo)
{
    unsigned c[PRE_MAX];
    size_t nc = 1;
    bool ended = false;      /* text ended, or a character we are unsure of */

    for (size_t i = lo; i < npre && pres[i].c[0] == cp; i++) {
        const struct pre *p = &pres[i];
        size_t k = 1;

        for (;;) {
            if (k == p->n)
                return true;
            if (k == nc) {
                if (ended)
                    break;
                if (q >= e) {
                    ended = true;
                    break;
                }
                c[nc] = next_code(t, &q, e);
                if (c[nc] == 0)
                    return true;    /* unsure: let PCRE2 decide */
                nc++;
            }
            if (p->c[k] != c[k])
                break;
            k++;
        }
    }
    return false;
}

/* May a token start at t[p] (cp, n bytes), the character before being no
 * word character? */
static bool cand_at(const char *t, size_t p, size_t e, unsigned cp,
                    size_t n)
{
    size_t lo = 0, hi = npre;

    if (cp < 128) {
        if (ascii_first[cp] == 1)
            return true;
        if (!ascii_first[cp])
            return any_word && word_cp(cp);
        return prefix_at(t, p + n, e, cp, ascii_lo[cp]);
    }
    for (size_t i = 0; i < sizeof fig_first_cp / sizeof *fig_first_cp; i++)
        if (fig_first_cp[i] == cp)
            return true;
    if (any_word && word_cp(cp))
        return true;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (pres[mid].c[0] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < npre && pres[lo].c[0] == cp &&
           prefix_at(t, p + n, e, cp, lo);
}

/* Is the character ending just before t[p] a word character (false at
 * the start of the text or after an invalid sequence)? */
static bool word_before(const char *t, size_t p)
{
    size_t b = p;
    unsigned cp;

    if (p == 0)
        return false;
    while (b > 0 && p - b < 4 && ((unsigned char)t[b - 1] & 0xC0) == 0x80)
        b--;
    if (b == 0)
        return false;
    b--;
    if (xlex_decode(t + b, p - b, &cp) != p - b)
        return false;
    return word_cp(cp);
}

size_t xcand_next(const char *t, size_t from, size_t e)
{
    bool prev_word = word_before(t, from);

    for (size_t p = from; p < e;) {
        unsigned cp;
        size_t n = decode(t, p, e, &cp);
        bool w = word_cp(cp);

        if (!prev_word && cand_at(t, p, e, cp, n))
            return p;
        p += n;
        if (w) {            /* the rest of the word */
            while (p < e) {
                unsigned char ch = (unsigned char)t[p];

                if (ch < 0x80) {
                    if (!word_cp(ch))
                        break;
                    p++;
                    continue;
                }
                n = xlex_decode(t + p, e - p, &cp);
                if (!word_cp(cp))
                    break;
                p += n;
            }
        }
        prev_word = w;
    }
    return e;
}
