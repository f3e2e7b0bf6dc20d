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
 * alternative requires next.  Each alternative's regex text is expanded
 * (xcand_add) into the literal sequences it must start with, up to
 * PRE_MAX characters: letters (lower case), white space (a run as one),
 * an Uzbek apostrophe, ASCII punctuation and digits, a word end; optional
 * items, simple groups and small classes are expanded into each of their
 * choices; lookaheads count as what they require.  Anything else ends the
 * sequence there (what follows is left to PCRE2).  The sequences hang in
 * a trie over their first character.  The test may let through positions
 * where nothing matches (PCRE2 then says no), never the other way round.
 */
#include "verify/extract_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PRE_MAX 8           /* codes of one sequence, first character too */
#define PRE_SPACE 1u        /* a run of white space */
#define PRE_APO 2u          /* an Uzbek apostrophe (APO in extract_pat.c) */
#define PRE_BUDGET 512      /* sequences one alternative may expand to */
#define CLASS_MAX 16        /* members of a class worth expanding */

/* A trie node: the code of the character that leads to it (letters
 * lower-cased, digits and ASCII punctuation as they are, else as above;
 * a root holds the first character as written), its children
 * (a sibling list) and whether a sequence ends here. */
struct node {
    unsigned code;
    unsigned child, sibling;     /* node indexes; 0 none */
    bool end;                    /* a sequence ends here: a candidate */
    bool wend;                   /* ... when no word character follows */
};

struct root {
    unsigned cp;                 /* first character, exactly as written */
    unsigned node;
};

static struct node *nodes;       /* nodes[0] unused: 0 means none */
static size_t nnodes, ncap;

/* The trie as xcand_next reads it (built by xcand_end from nodes): one
 * array of records in breadth-first order, each a node and its children
 * side by side, so that a step down costs one cache line, not two:
 *   [0] number of children | TR_END | TR_WEND
 *   [1] a bit per ASCII letter there is a child for (bit c - 'a'), so that
 *       a mismatch (most words) costs one test
 *   [2 + 2i], [3 + 2i] the code of child i and the offset of its record.
 * Offset 0 holds an empty record: 0 means none. */
#define TR_END (1u << 16)
#define TR_WEND (1u << 17)

static uint32_t *trie;
static unsigned ascii_root[128];
/* The second trie, over the same nodes: what may follow a number
 * (xcand_add_follow); its non-ASCII roots are kept in roots[] with
 * FOLLOW_BIT set on their cp, so that cand_at never finds them. */
#define FOLLOW_BIT 0x80000000u
static unsigned follow_root[128];
static bool follow_any;          /* a follower with no literal start */
/* non-ASCII first characters, sorted; node: an index into nodes[], after
 * xcand_end the offset of its record in trie[] (so ascii_root[]) */
static struct root *roots;
static size_t nroots, rcap;
/* the roots of U+0400..U+04FF (basic Cyrillic and more) looked up
 * directly, as ascii_root[] and follow_root[]: the offset of the record,
 * 0 none (filled by xcand_end from roots[]) */
#define CYR_LO 0x400u
#define CYR_N 0x100u
static unsigned cyr_root[CYR_N], cyr_follow[CYR_N];
static bool any_word;            /* an alternative with no literal start */
static unsigned char ascii_fig[128];   /* 1: a figure may start here */
static bool ascii_word[128];     /* word_cp() of the ASCII characters */

/* characters other than ASCII that may begin a figure */
static const unsigned fig_first_cp[] = {
    0x2248, 0x2264, 0x2265, 0x2212, 0x20ac, 0xa3,   0x20b8, 0x20bd,
    0xa5,   0x20b9, 0x20a9, 0x20ba, 0x20b4, 0x20a1, 0x20be, 0x20ad,
    0x20a6, 0x20b1, 0x0e3f, 0x20aa, 0x20ab, 0x20bc};

static unsigned new_node(unsigned code)
{
    nodes = cc_grow(nodes, &ncap, nnodes + 1, sizeof *nodes);
    memset(&nodes[nnodes], 0, sizeof *nodes);
    nodes[nnodes].code = code;
    return (unsigned)nnodes++;
}

void xcand_begin(void)
{
    static const char fig_ascii[] = "0123456789~<>+-$";

    xcand_free();
    any_word = false;
    follow_any = false;
    memset(ascii_fig, 0, sizeof ascii_fig);
    memset(ascii_root, 0, sizeof ascii_root);
    for (const char *f = fig_ascii; *f; f++)
        ascii_fig[(unsigned char)*f] = 1;
    for (unsigned c = 0; c < 128; c++)
        ascii_word[c] = (c >= '0' && c <= '9') ||
                        ((c | 32) >= 'a' && (c | 32) <= 'z') || c == '_';
    new_node(0);                 /* index 0: none */
}

void xcand_add_any(void)
{
    any_word = true;
}

static unsigned root_of(unsigned first, bool follow)
{
    unsigned *ar = follow ? follow_root : ascii_root;

    if (first < 128) {
        if (!ar[first])
            ar[first] = new_node(first);
        return ar[first];
    }
    if (follow)
        first |= FOLLOW_BIT;
    for (size_t i = 0; i < nroots; i++)
        if (roots[i].cp == first)
            return roots[i].node;
    roots = cc_grow(roots, &rcap, nroots + 1, sizeof *roots);
    roots[nroots].cp = first;
    roots[nroots].node = new_node(first);
    return roots[nroots++].node;
}

/* Hang the sequence c[1..n) under root node r; it ends at its last code
 * (wend: when no word character follows). */
static void add_seq(unsigned r, const unsigned *c, size_t n, bool wend)
{
    unsigned at = r;

    for (size_t i = 1; i < n; i++) {
        unsigned ch = nodes[at].child;

        while (ch && nodes[ch].code != c[i])
            ch = nodes[ch].sibling;
        if (!ch) {
            ch = new_node(c[i]);
            nodes[ch].sibling = nodes[at].child;
            nodes[at].child = ch;
        }
        at = ch;
    }
    if (wend)
        nodes[at].wend = true;
    else
        nodes[at].end = true;
}

/* the state of one alternative's expansion */
struct expand {
    unsigned root;
    const char *apo, *dsh;       /* the pattern's apostrophe, dash classes */
    size_t budget;
};

static void finish(struct expand *x, const unsigned *c, size_t n, bool wend)
{
    add_seq(x->root, c, n, wend);
    if (x->budget)
        x->budget--;
}

/* Index of the ')' closing the group that opens at re[0] ('('); 0 when
 * there is none.  Escapes and classes are skipped. */
static size_t group_end(const char *re)
{
    size_t depth = 0;
    bool cls = false;

    for (size_t i = 0; re[i]; i++) {
        if (re[i] == '\\') {
            if (!re[i + 1])
                return 0;
            i++;
        } else if (cls) {
            cls = re[i] != ']';
        } else if (re[i] == '[') {
            cls = true;
        } else if (re[i] == '(') {
            depth++;
        } else if (re[i] == ')' && --depth == 0) {
            return i;
        }
    }
    return 0;
}

/* Index of the ']' closing the class that opens at re[0]; 0 if none. */
static size_t class_end(const char *re)
{
    for (size_t i = 1; re[i]; i++) {
        if (re[i] == '\\') {
            if (!re[i + 1])
                return 0;
            i++;
        } else if (re[i] == ']' && i > 1) {
            return i;
        }
    }
    return 0;
}

static bool ascii_punct(unsigned cp)
{
    return cp > 0x20 && cp < 0x7f && !(cp >= '0' && cp <= '9') &&
           !((cp | 32) >= 'a' && (cp | 32) <= 'z') && cp != '\'' &&
           cp != '`';
}

/* The code of one literal character of the pattern; 0 when it is none we
 * model. */
static unsigned literal_code(unsigned cp)
{
    if (cp == ' ')
        return PRE_SPACE;
    if (xlex_is_letter(cp))
        return xlex_lower_cp(cp);
    if ((cp >= '0' && cp <= '9') || ascii_punct(cp))
        return cp;
    return 0;
}

static bool space_cp(unsigned cp);

/* The members of the class re[0..k] ('[' to ']') as codes; 0 when it is
 * not a small class of letters, digits, \s and '-'. */
static size_t class_codes(const char *re, size_t k, unsigned *set)
{
    size_t n = 0;

    if (re[1] == '^')
        return 0;
    for (size_t i = 1; i < k;) {
        unsigned a, b, code;
        size_t l;

        if (re[i] == '\\') {
            size_t len = 2;

            if (re[i + 1] == 's') {
                code = PRE_SPACE;
            } else if (re[i + 1] == '-') {
                code = '-';
            } else if (re[i + 1] == 'x' && re[i + 2] == '{') {
                /* "\x{a0}": a space as the text reader sees it, or a
                 * character modelled as a literal */
                char *end;
                unsigned long v = strtoul(re + i + 3, &end, 16);

                if (*end != '}' || end == re + i + 3 || v > 0x10ffff ||
                    (end[1] == '-' && end + 2 < re + k))
                    return 0;     /* (a range: not modelled) */
                code = space_cp((unsigned)v) ? PRE_SPACE
                                             : literal_code((unsigned)v);
                if (!code)
                    return 0;
                len = (size_t)(end + 1 - (re + i));
            } else {
                return 0;
            }
            i += len;
            if (n == CLASS_MAX)
                return 0;
            set[n++] = code;
            continue;
        }
        l = xlex_decode(re + i, k - i, &a);
        if (i + l + 1 < k && re[i + l] == '-') {     /* a range */
            size_t l2 = xlex_decode(re + i + l + 1, k - i - l - 1, &b);

            if (a >= 128 || b >= 128 || b < a || b - a >= CLASS_MAX ||
                !literal_code(a) || !literal_code(b))
                return 0;
            for (unsigned ch = a; ch <= b; ch++) {
                if (n == CLASS_MAX || !literal_code(ch))
                    return 0;
                set[n++] = literal_code(ch);
            }
            i += l + 1 + l2;
            continue;
        }
        code = literal_code(a);
        if (!code || n == CLASS_MAX)
            return 0;
        set[n++] = code;
        i += l;
    }
    return n;
}

static void expand(struct expand *x, unsigned *c, size_t n, const char *re);

/* Expand re[0..len) followed by the NUL-terminated after. */
static void expand_cat(struct expand *x, unsigned *c, size_t n,
                       const char *re, size_t len, const char *after)
{
    size_t la = strlen(after);
    char *s = cc_malloc(len + la + 1);

    memcpy(s, re, len);
    memcpy(s + len, after, la + 1);
    expand(x, c, n, s);
    free(s);
}

/* A group "(?:...)" at re[0] closing at re[k]: each of its alternatives,
 * then what follows it. */
static void expand_group(struct expand *x, unsigned *c, size_t n,
                         const char *re, size_t k)
{
    const char *after = re + k + 1;
    size_t depth = 0, from = 3;
    bool cls = false;

    if (*after == '*' || *after == '+' || *after == '{' ||
        (*after == '?' && (after[1] == '?' || after[1] == '+'))) {
        finish(x, c, n, false);
        return;
    }
    if (*after == '?') {
        after++;
        expand(x, c, n, after);
    }
    for (size_t i = 3; i <= k; i++) {
        if (i < k && re[i] == '\\') {
            i++;
        } else if (cls) {
            cls = re[i] != ']';
        } else if (re[i] == '[') {
            cls = true;
        } else if (re[i] == '(') {
            depth++;
        } else if (i < k && re[i] == ')') {
            depth--;
        } else if (i == k || (re[i] == '|' && depth == 0)) {
            expand_cat(x, c, n, re + from, i - from, after);
            from = i + 1;
        }
    }
}

/* Push code onto c[0..n) (a run of white space stays one code). */
static size_t push(unsigned *c, size_t n, unsigned code)
{
    if (code == PRE_SPACE && c[n - 1] == PRE_SPACE)
        return n;
    c[n] = code;
    return n + 1;
}

/* Expand the regex text re after the codes c[0..n) (c has PRE_MAX room;
 * c[0] is the first character). */
static void expand(struct expand *x, unsigned *c, size_t n, const char *re)
{
    unsigned set[CLASS_MAX], sub[PRE_MAX];
    size_t ns = 0, k;
    char q;

    if (!x->budget || n >= PRE_MAX || !*re) {
        finish(x, c, n, false);
        return;
    }
    if (!strncmp(re, "(?!\\w)", 6)) {
        finish(x, c, n, true);
        return;
    }
    if (!strncmp(re, "(?:", 3) || !strncmp(re, "(?=", 3)) {
        k = group_end(re);
        if (!k) {
            finish(x, c, n, false);
        } else if (re[2] == '=') {
            /* a lookahead: what it requires, then nothing more */
            expand_cat(x, c, n, re + 3, k - 3, "");
        } else {
            expand_group(x, c, n, re, k);
        }
        return;
    }
    if (!strncmp(re, x->apo, strlen(x->apo))) {
        set[ns++] = PRE_APO;
        k = strlen(x->apo);
    } else if (!strncmp(re, x->dsh, strlen(x->dsh))) {
        set[ns++] = '-';         /* other dashes are unsure (0) as text */
        k = strlen(x->dsh);
    } else if (re[0] == '[') {
        k = class_end(re);
        ns = k ? class_codes(re, k, set) : 0;
        k++;
    } else if (re[0] == '\\') {
        if (re[1] == 's')
            set[ns++] = PRE_SPACE;
        else if (ascii_punct((unsigned char)re[1]))
            set[ns++] = (unsigned char)re[1];
        k = 2;
    } else if (!strchr("(.^$|)?*+{", re[0])) {
        unsigned cp;

        k = xlex_decode(re, strlen(re), &cp);
        if (literal_code(cp))
            set[ns++] = literal_code(cp);
    }
    if (!ns) {
        finish(x, c, n, false);
        return;
    }
    q = re[k];
    if ((q == '?' || q == '*' || q == '+') &&
        (re[k + 1] == '?' || re[k + 1] == '+')) {
        finish(x, c, n, false);  /* lazy or possessive: not modelled */
        return;
    }
    if (q == '?' || (q == '*' && ns == 1 && set[0] == PRE_SPACE)) {
        expand(x, c, n, re + k + 1);
        q = 0;
        k++;
    } else if (q == '+' && ns == 1 && set[0] == PRE_SPACE) {
        q = 0;
        k++;
    } else if (q == '*' || (q == '{' && re[k + 1] == '0')) {
        finish(x, c, n, false);
        return;
    }
    for (size_t i = 0; i < ns; i++) {
        size_t m;

        memcpy(sub, c, n * sizeof *c);
        m = push(sub, n, set[i]);
        if (q == '+' || q == '{')
            finish(x, sub, m, false);   /* one at least, then unknown */
        else
            expand(x, sub, m, re + k);
    }
}

/* Expand re after its first character into the candidate trie (follow:
 * the trie of words that rule out the plain-number shortcut). */
static void add_words(bool follow, unsigned first, const char *re,
                      const char *apo, const char *dsh)
{
    struct expand x;
    unsigned c[PRE_MAX];

    x.root = root_of(first, follow);
    x.apo = apo;
    x.dsh = dsh;
    x.budget = PRE_BUDGET;
    c[0] = first;
    expand(&x, c, 1, re);
}

void xcand_add(unsigned first, const char *re, const char *apo,
               const char *dsh)
{
    add_words(false, first, re, apo, dsh);
}

void xcand_add_follow(unsigned first, const char *re, const char *apo,
                      const char *dsh)
{
    add_words(true, first, re, apo, dsh);
}

void xcand_add_follow_any(void)
{
    follow_any = true;
}

static int cmp_root(const void *a, const void *b)
{
    const struct root *x = a, *y = b;

    return x->cp < y->cp ? -1 : x->cp > y->cp;
}

void xcand_end(void)
{
    unsigned *order = cc_calloc(nnodes ? nnodes : 1, sizeof *order);
    uint32_t *off = cc_calloc(nnodes ? nnodes : 1, sizeof *off);
    size_t head, tail = 0, size = 2;

    if (nroots > 1)
        qsort(roots, nroots, sizeof *roots, cmp_root);
    /* breadth first from the roots */
    for (unsigned c = 0; c < 128; c++)
        if (ascii_root[c])
            order[tail++] = ascii_root[c];
    for (unsigned c = 0; c < 128; c++)
        if (follow_root[c])
            order[tail++] = follow_root[c];
    for (size_t i = 0; i < nroots; i++)
        order[tail++] = roots[i].node;
    for (head = 0; head < tail; head++) {
        size_t nk = 0;

        for (unsigned ch = nodes[order[head]].child; ch;
             ch = nodes[ch].sibling) {
            order[tail++] = ch;
            nk++;
        }
        off[order[head]] = (uint32_t)size;
        size += 2 + 2 * nk;
    }
    trie = cc_calloc(size, sizeof *trie);
    for (size_t i = 0; i < tail; i++) {
        const struct node *nd = &nodes[order[i]];
        uint32_t *r = trie + off[order[i]];
        uint32_t nk = 0;

        for (unsigned ch = nd->child; ch; ch = nodes[ch].sibling) {
            unsigned code = nodes[ch].code;

            r[2 + 2 * nk] = code;
            r[3 + 2 * nk] = off[ch];
            nk++;
            if (code >= 'a' && code <= 'z')
                r[1] |= (uint32_t)1 << (code - 'a');
        }
        r[0] = nk | (nd->end ? TR_END : 0) | (nd->wend ? TR_WEND : 0);
    }
    for (unsigned c = 0; c < 128; c++) {
        ascii_root[c] = ascii_root[c] ? off[ascii_root[c]] : 0;
        follow_root[c] = follow_root[c] ? off[follow_root[c]] : 0;
    }
    for (size_t i = 0; i < nroots; i++) {
        unsigned cp = roots[i].cp & ~FOLLOW_BIT;

        roots[i].node = off[roots[i].node];
        if (cp >= CYR_LO && cp - CYR_LO < CYR_N) {
            if (roots[i].cp & FOLLOW_BIT)
                cyr_follow[cp - CYR_LO] = roots[i].node;
            else
                cyr_root[cp - CYR_LO] = roots[i].node;
        }
    }
    free(order);
    free(off);
    free(nodes);
    nodes = NULL;
    nnodes = ncap = 0;
}

void xcand_free(void)
{
    free(nodes);
    free(roots);
    free(trie);
    nodes = NULL;
    roots = NULL;
    trie = NULL;
    nnodes = ncap = nroots = rcap = 0;
    memset(ascii_root, 0, sizeof ascii_root);
    memset(follow_root, 0, sizeof follow_root);
    memset(cyr_root, 0, sizeof cyr_root);
    memset(cyr_follow, 0, sizeof cyr_follow);
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

/* The next character of the text from t[*q] as the trie writes it
 * (see struct node), *q moved past it (past a whole run of white space);
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
    if ((ch == 0xD0 || ch == 0xD1) && *q + 1 < e &&
        ((unsigned char)t[*q + 1] & 0xC0) == 0x80) {
        /* U+0400..U+047F: basic Cyrillic, lower-cased as later_lower
         * does (0x460 up: unsure, as there) */
        x = ((ch & 0x1Fu) << 6) | ((unsigned char)t[*q + 1] & 0x3Fu);
        if (x <= 0x45F) {
            *q += 2;
            return x < 0x410 ? x + 0x50 : x < 0x430 ? x + 0x20 : x;
        }
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

/* Is the character at t[q] certainly a word character to (?!\w) under
 * UCP (letters and digits of the ranges we know; false when unsure or at
 * the end)? */
static bool word_follows(const char *t, size_t q, size_t e)
{
    unsigned cp;

    if (q >= e)
        return false;
    decode(t, q, e, &cp);
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') ||
               ((cp | 32) >= 'a' && (cp | 32) <= 'z') || cp == '_';
    return (cp >= 0xc0 && cp <= 0x24f && cp != 0xd7 && cp != 0xf7) ||
           (cp >= 0x400 && cp <= 0x481) || (cp >= 0x48a && cp <= 0x52f);
}

/* Does a sequence of the trie from node r (its first character matched)
 * match the text from t[q] on?  The text is read only as far as the trie
 * needs. */
static bool trie_at(const char *t, size_t q, size_t e, unsigned r)
{
    for (;;) {
        const uint32_t *nd = trie + r, *k, *kend;
        unsigned code;

        if ((nd[0] & TR_END) || ((nd[0] & TR_WEND) && !word_follows(t, q, e)))
            return true;
        if (!(nd[0] & 0xffffu) || q >= e)
            return false;
        code = next_code(t, &q, e);
        if (code == 0)
            return true;            /* unsure: let PCRE2 decide */
        if (code >= 'a' && code <= 'z' && !((nd[1] >> (code - 'a')) & 1))
            return false;
        k = nd + 2;
        kend = k + 2 * (nd[0] & 0xffffu);
        while (k < kend && k[0] != code)
            k += 2;
        if (k == kend)
            return false;
        r = k[1];
    }
}

/* May a token start at t[p] (cp, n bytes), the character before being no
 * word character? */
static bool cand_at(const char *t, size_t p, size_t e, unsigned cp,
                    size_t n)
{
    size_t lo = 0, hi = nroots;

    if (cp < 128) {
        if (ascii_fig[cp])
            return true;
        if (ascii_root[cp] && trie_at(t, p + n, e, ascii_root[cp]))
            return true;
        return any_word && word_cp(cp);
    }
    if (cp >= 0xa3 && (cp <= 0xa5 || cp >= 0xe3f))   /* (letters between) */
        for (size_t i = 0; i < sizeof fig_first_cp / sizeof *fig_first_cp;
             i++)
            if (fig_first_cp[i] == cp)
                return true;
    if (any_word && word_cp(cp))
        return true;
    if (cp >= CYR_LO && cp - CYR_LO < CYR_N)
        return cyr_root[cp - CYR_LO] &&
               trie_at(t, p + n, e, cyr_root[cp - CYR_LO]);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (roots[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < nroots && roots[lo].cp == cp &&
           trie_at(t, p + n, e, roots[lo].node);
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

bool xcand_every;

size_t xcand_next(const char *t, size_t from, size_t e)
{
    const unsigned char *u = (const unsigned char *)t;
    bool prev_word;

    if (xcand_every)
        return from < e ? from : e;
    prev_word = word_before(t, from);

    for (size_t p = from; p < e;) {
        unsigned cp;
        size_t n = 1;
        bool w;

        if (u[p] < 0x80) {
            cp = u[p];
            w = ascii_word[cp];
        } else {
            n = xlex_decode(t + p, e - p, &cp);
            w = word_cp(cp);
        }
        if (!prev_word && cand_at(t, p, e, cp, n))
            return p;
        p += n;
        if (w) {            /* the rest of the word */
            while (p < e) {
                if (u[p] < 0x80) {
                    if (!ascii_word[u[p]])
                        break;
                    p++;
                    continue;
                }
                if (u[p] >= 0xD0 && u[p] <= 0xD3 && p + 1 < e &&
                    (u[p + 1] & 0xC0) == 0x80) {
                    p += 2;     /* U+0400..U+04FF, Cyrillic: a letter */
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

bool xcand_follow(const char *t, size_t q, size_t e)
{
    unsigned cp;
    size_t n;

    if (follow_any)
        return true;
    if (q >= e)
        return false;            /* every follower takes a character */
    n = decode(t, q, e, &cp);
    if (cp < 128)
        return follow_root[cp] && trie_at(t, q + n, e, follow_root[cp]);
    /* caseless matching may fold other characters onto a letter of the
     * followers; basic Cyrillic folds only onto its own other case */
    if (cp < 0x400 || cp > 0x45f)
        return true;
    return cyr_follow[cp - CYR_LO] &&
           trie_at(t, q + n, e, cyr_follow[cp - CYR_LO]);
}
