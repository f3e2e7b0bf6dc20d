/*
 * verify/extract.c -- quantities and dates from text: sentence splitting,
 * figure parsing, period expressions and the rules that bind a period,
 * qualifier, measure, target and deadline to each figure.  The tokens
 * come from the one combined pattern of extract_pat.c.
 *
 * Binding rules (per sentence; nothing crosses a sentence end):
 *  - Clauses are delimited by ", ", ";", ":", ")" and conjunctions (and,
 *    va, и, but, ...).  A decimal comma ("4,3") is no boundary.
 *  - A deadline ("by 2030", "2030-yilga borib", "к 2030 году", "until
 *    2030") anywhere in the figure's clause sets deadline_year and leaves
 *    the period unset.
 *  - Else the figure takes the nearest period expression before it in its
 *    clause; else the first one after it in its clause ("$4.9 billion in
 *    2022") when no other figure lies between; else the nearest period
 *    before it in the sentence (a period stays in force until another
 *    appears; a deadline in force likewise gives deadline_year).  A target
 *    with nothing bound may take a deadline later in the sentence.
 *  - Comparison periods ("on January–April 2024", "than in 2023", "o'tgan
 *    yilga nisbatan", "year-on-year", "по сравнению с аналогичным
 *    периодом прошлого года") never bind as periods; they go to the
 *    base_period of the nearest rate (percent figure) in their clause,
 *    before or after it, or after it across a comma ("up 5.1%, compared
 *    with ...").  A figure right after one ("($1.32 billion)") takes it.
 *  - "since 2016", "2016-yildan", "с 2016 года" are not periods; "since
 *    the beginning of the year", "yil boshidan", "с начала года" run from
 *    1 January to the reference date.
 *  - A period right after a figure ("$910 million in 2019") beats one
 *    before it that sits right after an earlier figure ("fell to $640
 *    million in 2020 from ..."); a rate with no period before it takes the
 *    next one in the sentence.
 *  - "3 млрд 800 млн долларов" is one amount; "between $200 and $250
 *    million", "от 2 до 3 млрд" one range; "from $2 to $3 billion" two
 *    amounts sharing the scale.
 *
 * Speed: sentences are found sixteen bytes at a time (SSE2); only those
 * with a digit that is not a lone year, or with a currency word ("five
 * million yen"), are analysed.
 */
#include "verify/extract_int.h"

#include <pthread.h>
#include <stdint.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_SENTENCE 4000   /* longer runs are analysed in pieces */

/* ---- small text helpers (declared in extract_int.h) --------------------- */

bool xtext_is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* bytes of a space-like character at t[i] (ASCII or NBSP/thin spaces) */
size_t xtext_space_len(const char *t, size_t i, size_t e)
{
    unsigned cp;
    size_t k;

    if (i >= e)
        return 0;
    if (xtext_is_ws((unsigned char)t[i]))
        return 1;
    k = xlex_decode(t + i, e - i, &cp);
    return (cp == 0xA0 || cp == 0x2009 || cp == 0x202F) ? k : 0;
}

size_t xtext_skip_space(const char *t, size_t i, size_t e)
{
    size_t k;

    while ((k = xtext_space_len(t, i, e)) > 0)
        i += k;
    return i;
}

static bool is_apo(unsigned cp)
{
    return cp == 0x2019 || cp == 0x2018 || cp == 0x02BB || cp == 0x02BC ||
           cp == '\'' || cp == '`';
}

/* The word starting at i (after spaces): letters with inner apostrophes
 * and hyphens.  False when the next thing is not a letter. */
bool xtext_next_word(const char *t, size_t i, size_t e, size_t *ws,
                      size_t *we)
{
    unsigned cp;
    size_t k;

    i = xtext_skip_space(t, i, e);
    if (i >= e)
        return false;
    k = xlex_decode(t + i, e - i, &cp);
    if (!xlex_is_letter(cp))
        return false;
    *ws = i;
    while (i < e) {
        k = xlex_decode(t + i, e - i, &cp);
        if (xlex_is_letter(cp)) {
            i += k;
            continue;
        }
        if ((is_apo(cp) || cp == '-') && i + k < e) {
            unsigned nx;

            xlex_decode(t + i + k, e - i - k, &nx);
            if (xlex_is_letter(nx)) {
                i += k;
                continue;
            }
        }
        break;
    }
    *we = i;
    return true;
}

/* The word ending right before i (letters only), lower-cased into w. */
bool xtext_prev_word(const char *t, size_t lo, size_t i, char *w, size_t n)
{
    size_t we, ws;

    while (i > lo && xtext_is_ws((unsigned char)t[i - 1]))
        i--;
    we = i;
    while (i > lo) {
        size_t j = i - 1;
        unsigned cp;

        while (j > lo && ((unsigned char)t[j] & 0xC0) == 0x80)
            j--;
        xlex_decode(t + j, i - j, &cp);
        if (!xlex_is_letter(cp) && cp != 0x2116 && cp != '#')
            break;
        i = j;
    }
    ws = i;
    if (ws == we)
        return false;
    xlex_lower(t + ws, we - ws, w, n);
    return true;
}

/* t[a..b) holds only spaces, characters of punct and words of words. */
bool xtext_gap_ok(const struct ctx *c, size_t a, size_t b,
                   const char *const *words, const char *punct)
{
    size_t i = a;

    if (a > b)
        return false;
    while (i < b) {
        size_t k = xtext_space_len(c->t, i, b), ws, we;
        char w[32];
        bool ok = false;

        if (k) {
            i += k;
            continue;
        }
        if (punct && strchr(punct, c->t[i]) && c->t[i]) {
            i++;
            continue;
        }
        if (!words || !xtext_next_word(c->t, i, b, &ws, &we) || ws != i)
            return false;
        xlex_lower(c->t + ws, we - ws, w, sizeof w);
        for (const char *const *p = words; *p; p++)
            ok = ok || strcmp(w, *p) == 0;
        if (!ok)
            return false;
        i = we;
    }
    return true;
}

bool xtext_is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* ---- sentences -------------------------------------------------------- */

#define A(w) {w, sizeof w - 1}
static const struct {
    const char *w;
    size_t n;
} abbr_list[] = {
    A("долл"), A("руб"), A("тыс"), A("г"), A("гг"), A("т"), A("им"),
    A("ул"), A("mr"), A("mrs"), A("ms"), A("dr"), A("prof"), A("st"),
    A("vs"), A("no"), A("nos"), A("jan"), A("feb"), A("mar"), A("apr"),
    A("jun"), A("jul"), A("aug"), A("sep"), A("sept"), A("oct"),
    A("nov"), A("dec"), A("inc"), A("ltd"), A("co"), A("corp"),
    A("approx"), A("est"), A("p"), A("pp"), A("vol"), A("fig"), A("ca"),
    A("e.g"), A("i.e"), A("var"), A("viz"), A("al")};
#undef A
/* abbr_hint[n] has bit (b & 63) set when an abbreviation of n bytes
 * starts with byte b: most words are ruled out by one test (init_tables) */
static uint64_t abbr_hint[9];

static bool abbreviation_before(const char *t, size_t s, size_t dot)
{
    size_t i = dot, wl;
    char w[16];
    unsigned cp;

    while (i > s) {
        size_t j = i - 1;

        if (dot - i > 8)
            return false;   /* no abbreviation in the list is longer */
        if ((unsigned char)t[j] < 0x80) {
            if (((unsigned char)t[j] | 32) < 'a' ||
                ((unsigned char)t[j] | 32) > 'z')
                break;
            i = j;
            continue;
        }
        while (j > s && ((unsigned char)t[j] & 0xC0) == 0x80)
            j--;
        xlex_decode(t + j, i - j, &cp);
        if (!xlex_is_letter(cp))
            break;
        i = j;
    }
    if (i == dot || dot - i > 8)
        return false;
    /* an initial: "K.Y. (2025)", "U.S. Department" */
    if (xlex_decode(t + i, dot - i, &cp) == dot - i && xlex_is_upper(cp))
        return true;
    /* the lower case of an ASCII letter is one byte, of the other letters
     * read here as long as the letter: dot - i is the length wl will have */
    if ((unsigned char)t[i] < 0x80 &&
        !((abbr_hint[dot - i] >> (((unsigned char)t[i] | 32) & 63)) & 1))
        return false;
    wl = xlex_lower(t + i, dot - i, w, sizeof w);
    if (wl >= sizeof abbr_hint / sizeof abbr_hint[0] ||
        !((abbr_hint[wl] >> ((unsigned char)w[0] & 63)) & 1))
        return false;
    for (size_t k = 0; k < sizeof abbr_list / sizeof abbr_list[0]; k++)
        if (abbr_list[k].n == wl && memcmp(w, abbr_list[k].w, wl) == 0)
            return true;
    return false;
}

/* Blank lines are paragraph ends in page text, but line wraps in text
 * extracted from PDFs (the seed article has one after nearly every line).
 * Treat them as wraps when most blocks do not end in punctuation. */
static bool soft_blank_lines(const char *t, size_t len)
{
    size_t blocks = 0, punct = 0;
    const char *p = t, *end = t + len;

    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        size_t i = (size_t)(p - t), j = i + 1, k;

        p++;
        while (j < len && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r'))
            j++;
        if (j >= len || t[j] != '\n')
            continue;
        k = i;
        while (k > 0 && xtext_is_ws((unsigned char)t[k - 1]))
            k--;
        if (k > 0) {
            blocks++;
            if (strchr(".!?:;\"')", t[k - 1]) ||
                ((unsigned char)t[k - 1] >= 0x80 && k >= 3 &&
                 (unsigned char)t[k - 3] == 0xE2))   /* ” » … */
                punct++;
        }
        p = t + j;
    }
    return blocks >= 4 && punct * 2 < blocks;
}

/* Bytes that can end a sentence or matter to the splitter. */
static unsigned char stop_byte[256];
static unsigned char clause_byte[256];

static void init_tables(void)
{
    if (stop_byte['.'])
        return;
    clause_byte[(unsigned char)';'] = clause_byte[(unsigned char)')'] = 1;
    clause_byte[(unsigned char)'!'] = clause_byte[(unsigned char)'?'] = 1;
    clause_byte[(unsigned char)','] = clause_byte[(unsigned char)':'] = 1;
    for (int ch = '0'; ch <= '9'; ch++)
        stop_byte[ch] = 2;
    stop_byte[(unsigned char)'.'] = stop_byte[(unsigned char)'!'] = 1;
    stop_byte[(unsigned char)'?'] = stop_byte[(unsigned char)'\n'] = 1;
    stop_byte[0xE2] = 1;    /* "…" */
    stop_byte[(unsigned char)' '] = 3;
    stop_byte[(unsigned char)'-'] = 4;
    for (size_t k = 0; k < sizeof abbr_list / sizeof abbr_list[0]; k++)
        if (abbr_list[k].n < sizeof abbr_hint / sizeof abbr_hint[0])
            abbr_hint[abbr_list[k].n] |=
                (uint64_t)1 << ((unsigned char)abbr_list[k].w[0] & 63);
}

/* strchr(set, c) != NULL, NUL included, without the call */
static inline bool byte_in(char c, const char *set)
{
    if (!c)
        return true;
    for (; *set; set++)
        if (*set == c)
            return true;
    return false;
}

/* Does a word that may name a currency in words start at t[i] ("dollar",
 * "yen", "pound", "penny", "pence", "cents", "euro", "USD")?  Four bytes
 * compared at once: this runs at every space of the text. */
static bool money_word_at(const char *t, size_t i, size_t len)
{
    uint32_t w;
    unsigned char c4;

    if (i + 4 > len)
        return false;
    memcpy(&w, t + i, 4);
    w |= 0x20202020u;                  /* ASCII letters to lower case */
    c4 = (unsigned char)(t[i + 3] | 0x20);
#define W4(a, b, c, d)                                                       \
    ((uint32_t)(unsigned char)(a) | (uint32_t)(unsigned char)(b) << 8 |     \
     (uint32_t)(unsigned char)(c) << 16 | (uint32_t)(unsigned char)(d) << 24)
    if (w == W4('d', 'o', 'l', 'l') || w == W4('p', 'o', 'u', 'n') ||
        w == W4('p', 'e', 'n', 'n') || w == W4('p', 'e', 'n', 'c') ||
        w == W4('c', 'e', 'n', 't') || w == W4('e', 'u', 'r', 'o'))
        return true;
    w &= 0x00FFFFFFu;
    return (w == W4('y', 'e', 'n', 0) || w == W4('u', 's', 'd', 0)) &&
           !(c4 >= 'a' && c4 <= 'z');
#undef W4
}

#ifdef __SSE2__
/* First index in [i, lim) (lim <= len) whose byte matters to the
 * splitter: an ASCII digit (unless digits is false: one was seen
 * already), '.', '!', '?', '\n' or 0xE2 (the lead byte of "…"); lim when
 * there is none.  Sixteen bytes a step. */
static size_t skip_plain(const unsigned char *u, size_t i, size_t lim,
                         bool digits)
{
    const __m128i zero = _mm_set1_epi8('0');
    const __m128i ten = _mm_set1_epi8(-128 + 10);
    const __m128i bias = _mm_set1_epi8((char)-128);
    const __m128i dot = _mm_set1_epi8('.'), bang = _mm_set1_epi8('!');
    const __m128i q = _mm_set1_epi8('?'), nl = _mm_set1_epi8('\n');
    const __m128i e2 = _mm_set1_epi8((char)0xE2);

    while (i + 16 <= lim) {
        __m128i x = _mm_loadu_si128((const __m128i *)(u + i));
        /* x - '0' < 10 unsigned: a signed compare after flipping the top
         * bit of both sides */
        __m128i d = digits ? _mm_cmplt_epi8(
            _mm_xor_si128(_mm_sub_epi8(x, zero), bias), ten)
                           : _mm_setzero_si128();
        __m128i m = _mm_or_si128(
            _mm_or_si128(d, _mm_cmpeq_epi8(x, dot)),
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, bang),
                                      _mm_cmpeq_epi8(x, q)),
                         _mm_or_si128(_mm_cmpeq_epi8(x, nl),
                                      _mm_cmpeq_epi8(x, e2))));
        int bits = _mm_movemask_epi8(m);

        if (bits)
            return i + (size_t)__builtin_ctz((unsigned)bits);
        i += 16;
    }
    return i;
}
#endif

/* Does a word of t[s..e) (after a space or hyphen) name a currency?
 * t holds len >= e bytes: the last block may read past e (not past len),
 * so that a sentence's end needs no byte-by-byte loop. */
static bool money_in(const char *t, size_t s, size_t e, size_t len)
{
    size_t i = s;

#ifdef __SSE2__
    const __m128i sp = _mm_set1_epi8(' '), hy = _mm_set1_epi8('-');
    const __m128i b20 = _mm_set1_epi8(0x20);
    const __m128i ld = _mm_set1_epi8('d'), lp = _mm_set1_epi8('p');
    const __m128i lc = _mm_set1_epi8('c'), le = _mm_set1_epi8('e');
    const __m128i ly = _mm_set1_epi8('y'), lu = _mm_set1_epi8('u');
    const __m128i lo = _mm_set1_epi8('o'), ls = _mm_set1_epi8('s');

    /* a space or hyphen (x) followed by the first two letters of one of
     * money_word_at's words (y and z, one and two bytes further on): do,
     * po, pe, ce, eu, ye, us; lower-cased as money_word_at does */
    for (; i < e && i + 18 <= len; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(t + i));
        __m128i y = _mm_or_si128(
            _mm_loadu_si128((const __m128i *)(t + i + 1)), b20);
        __m128i z = _mm_or_si128(
            _mm_loadu_si128((const __m128i *)(t + i + 2)), b20);
        __m128i zo = _mm_cmpeq_epi8(z, lo), ze = _mm_cmpeq_epi8(z, le);
        __m128i two = _mm_or_si128(
            _mm_or_si128(
                _mm_and_si128(_mm_cmpeq_epi8(y, lp), _mm_or_si128(zo, ze)),
                _mm_and_si128(_mm_cmpeq_epi8(y, ld), zo)),
            _mm_or_si128(
                _mm_and_si128(_mm_or_si128(_mm_cmpeq_epi8(y, lc),
                                           _mm_cmpeq_epi8(y, ly)),
                              ze),
                _mm_or_si128(
                    _mm_and_si128(_mm_cmpeq_epi8(y, le),
                                  _mm_cmpeq_epi8(z, lu)),
                    _mm_and_si128(_mm_cmpeq_epi8(y, lu),
                                  _mm_cmpeq_epi8(z, ls)))));
        unsigned bits = (unsigned)_mm_movemask_epi8(_mm_and_si128(
            _mm_or_si128(_mm_cmpeq_epi8(x, sp), _mm_cmpeq_epi8(x, hy)),
            two));

        if (e - i < 16)
            bits &= (1u << (e - i)) - 1;     /* spaces inside [s, e) only */
        while (bits) {
            if (money_word_at(t, i + (size_t)__builtin_ctz(bits) + 1, e))
                return true;
            bits &= bits - 1;
        }
    }
#endif
    for (; i < e; i++)
        if ((t[i] == ' ' || t[i] == '-') && money_word_at(t, i + 1, e))
            return true;
    return false;
}

/* End (exclusive) of the sentence starting at s; *digit tells whether it
 * holds an ASCII digit, *money whether a word of it may name a currency
 * (sentences with neither hold no figure or date). */
static size_t sentence_end(const char *t, size_t len, size_t s, bool soft,
                           bool *digit, bool *money)
{
    const unsigned char *u = (const unsigned char *)t;
    size_t end = len;

    *digit = *money = false;
    for (size_t i = s; i < len; i++) {
        unsigned char c;
        size_t j, k;
        unsigned cp;

#ifdef __SSE2__
        /* plain text is skipped sixteen bytes at a time; the spaces that
         * may cut an over-long sentence are looked at one by one */
        if (i - s <= MAX_SENTENCE) {
            size_t lim = s + MAX_SENTENCE + 1 < len ? s + MAX_SENTENCE + 1
                                                    : len;

            i = skip_plain(u, i, lim, !*digit);
            if (i >= len)
                break;
        }
#endif
        c = u[i];
        if (!stop_byte[c])
            continue;
        if (stop_byte[c] >= 3) {       /* a space or hyphen */
            /* an over-long run is cut at a clause end, or at any space
             * when it runs on much longer */
            if (c == ' ' && i - s > MAX_SENTENCE &&
                (i - s > 2 * MAX_SENTENCE ||
                 byte_in(t[i - 1], ",;"))) {
                end = i + 1;
                break;
            }
            continue;
        }
        if (stop_byte[c] == 2) {
            *digit = true;
            continue;
        }
        if (c == '\n') {
            if (soft)
                continue;
            k = xtext_skip_space(t, i, len);
            if (k >= len)
                break;
            xlex_decode(t + k, len - k, &cp);
            if (xlex_is_lower(cp))
                continue;
            end = k;
            break;
        }
        if (c == '.' || c == '!' || c == '?')
            j = i + 1;
        else if (i + 2 < len && u[i + 1] == 0x80 && u[i + 2] == 0xA6)
            j = i + 3;
        else
            continue;
        while (j < len && (t[j] == '"' || t[j] == '\'' || t[j] == ')' ||
                           t[j] == ']'))
            j++;
        if (j < len && !xtext_is_ws(u[j]))
            continue;
        k = xtext_skip_space(t, j, len);
        if (k >= len)
            break;
        xlex_decode(t + k, len - k, &cp);
        if (!(xlex_is_upper(cp) || xtext_is_digit(t[k]) || cp == '"' ||
              cp == 0x201C || cp == 0xAB || cp == '(' || cp == '['))
            continue;
        if (c == '.' && abbreviation_before(t, s, i))
            continue;
        end = k;
        break;
    }
    if (!*digit)
        *money = money_in(t, s, end, len);
    return end;
}

/* Is the digit run t[a..b) a year standing alone ("In 2019, ...", "2024
 * yilda", "в 2023 году"), which alone yields no figure or date?  Not when
 * a currency sign, '%', a decimal part, a scale or currency word, or a
 * word that may be a counted noun ("2020 companies") is next to it. */
static bool lone_year(const char *t, size_t s, size_t e, size_t a, size_t b)
{
    int y = 0;
    size_t i = b, ws, we;
    char w[96];

    if (b - a != 4)
        return false;
    for (size_t k = a; k < b; k++)
        y = y * 10 + (t[k] - '0');
    if (y < 1900 || y > 2099)
        return false;
    if (a > s && (byte_in(t[a - 1], "$.,+-/#") ||
                  ((unsigned char)t[a - 1] >= 0x80 &&
                   (unsigned char)t[a - 1] != 0xA0 &&
                   (unsigned char)t[a - 1] != 0x93 &&
                   (unsigned char)t[a - 1] != 0x94)))
        return false;          /* a symbol before it ("€2024"), not a dash */
    if (i < e && (t[i] == '%' || t[i] == '.' || t[i] == ',' || !t[i]) &&
        i + 1 < e &&
        (t[i] == '%' || xtext_is_digit(t[i + 1])))
        return false;
    i = xtext_skip_space(t, i, e);
    if (i < e && (t[i] == '%' || t[i] == '$' ||
                  ((unsigned char)t[i] >= 0xC2 && !xtext_next_word(t, i, e,
                                                                  &ws, &we))))
        return false;          /* "2024 %", "2024 €" */
    if (!xtext_next_word(t, i, e, &ws, &we) || ws != i)
        return true;
    {
        bool letter, comma;
        double f;
        unsigned cp;

        /* lower-cased once for all the word tests */
        xlex_lower(t + ws, we - ws, w, sizeof w);
        if (xlex_scale_w(w, &letter, &comma) > 0 ||
            xlex_currency_w(w, &f))
            return false;
        xlex_decode(t + ws, we - ws, &cp);
        if (!xlex_is_lower(cp))
            return true;       /* a name, a sentence going on: "2024 Trade" */
        return xlex_not_noun(w) || xlex_month_w(w) != 0;
    }
}

/* First index in [i, e) holding an ASCII digit, or e. */
static size_t next_digit(const char *t, size_t i, size_t e)
{
#ifdef __SSE2__
    const __m128i zero = _mm_set1_epi8('0');
    const __m128i ten = _mm_set1_epi8(-128 + 10);
    const __m128i bias = _mm_set1_epi8((char)-128);

    for (; i + 16 <= e; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(t + i));
        int bits = _mm_movemask_epi8(_mm_cmplt_epi8(
            _mm_xor_si128(_mm_sub_epi8(x, zero), bias), ten));

        if (bits)
            return i + (size_t)__builtin_ctz((unsigned)bits);
    }
#endif
    while (i < e && !xtext_is_digit(t[i]))
        i++;
    return i;
}

/* Can the sentence t[s..e) yield a figure or a date?  Sentences whose
 * only numbers are lone years are skipped unanalysed. */
static bool worth_analysing(const char *t, size_t s, size_t e)
{
    size_t i = s;

    while (i < e) {
        size_t a;

        i = next_digit(t, i, e);
        if (i >= e)
            break;
        a = i;
        while (i < e && xtext_is_digit(t[i]))
            i++;
        if (!lone_year(t, s, e, a, i))
            return true;
    }
    return false;
}

/* ---- clauses ---------------------------------------------------------- */

static void add_boundary(struct ctx *c, size_t pos)
{
    c->cb = cc_grow(c->cb, &c->cbcap, c->ncb + 1, sizeof *c->cb);
    c->cb[c->ncb++] = pos;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;

    return x < y ? -1 : x > y;
}

/* First index in [i, e) holding a byte of clause_byte, or e. */
static size_t next_clause_byte(const char *t, size_t i, size_t e)
{
#ifdef __SSE2__
    const __m128i semi = _mm_set1_epi8(';'), par = _mm_set1_epi8(')');
    const __m128i bang = _mm_set1_epi8('!'), q = _mm_set1_epi8('?');
    const __m128i comma = _mm_set1_epi8(','), colon = _mm_set1_epi8(':');

    for (; i + 16 <= e; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(t + i));
        int bits = _mm_movemask_epi8(_mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(x, semi), _mm_cmpeq_epi8(x, par)),
            _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(x, bang), _mm_cmpeq_epi8(x, q)),
                _mm_or_si128(_mm_cmpeq_epi8(x, comma),
                             _mm_cmpeq_epi8(x, colon)))));

        if (bits)
            return i + (size_t)__builtin_ctz((unsigned)bits);
    }
#endif
    while (i < e && !clause_byte[(unsigned char)t[i]])
        i++;
    return i;
}

static void find_clauses(struct ctx *c)
{
    size_t ti = 0;

    c->ncb = 0;
    for (size_t i = c->s; i < c->e; i++) {
        char ch;

        i = next_clause_byte(c->t, i, c->e);
        if (i >= c->e)
            break;
        ch = c->t[i];
        while (ti < c->nt && c->tok[ti].end <= i)
            ti++;
        if (ti < c->nt && c->tok[ti].start <= i && i < c->tok[ti].end)
            continue;
        if ((ch == ',' || ch == ':') && i > c->s &&
            xtext_is_digit(c->t[i - 1]) && i + 1 < c->e &&
            xtext_is_digit(c->t[i + 1]))
            continue;
        add_boundary(c, i);
    }
    for (size_t k = 0; k < c->nt; k++)
        if (c->tok[k].kind == TK_CONJ)
            add_boundary(c, c->tok[k].start);
    if (c->ncb > 1)
        qsort(c->cb, c->ncb, sizeof *c->cb, cmp_size);
}

size_t xtext_clause_of(const struct ctx *c, size_t pos)
{
    size_t n = 0;

    while (n < c->ncb && c->cb[n] < pos)
        n++;
    return n;
}

/* ---- periods ---------------------------------------------------------- */

static bool is_atom(const struct tok *k)
{
    return k->kind == TK_YEAR || k->kind == TK_MONTH || k->kind == TK_NMON ||
           k->kind == TK_QH || k->kind == TK_REL;
}

static struct cc_period shift_year(struct cc_period p, int dy)
{
    p.start.y += dy;
    p.end.y += dy;
    if (p.start.d > cc_days_in_month(p.start.y, p.start.m))
        p.start.d = cc_days_in_month(p.start.y, p.start.m);
    if (p.end.d > cc_days_in_month(p.end.y, p.end.m))
        p.end.d = cc_days_in_month(p.end.y, p.end.m);
    return p;
}

/* A bare year ("2022") is a period only in table-like or bracketed use:
 * "2022: $4.9 billion", "2022 – $4.9 billion", "(2022)", "2022's". */
static bool bare_year_ok(const struct ctx *c, const struct tok *k)
{
    size_t a = k->end, b = k->start;

    a = xtext_skip_space(c->t, a, c->e);
    while (b > c->s && xtext_is_ws((unsigned char)c->t[b - 1]))
        b--;
    if (a < c->e && c->t[a] == ':')
        return true;
    if (a < c->e && (c->t[a] == '\'' ||
                     (a + 3 <= c->e &&
                      !memcmp(c->t + a, "\xe2\x80\x99", 3))))
        return true;
    if (a + 3 <= c->e && !strncmp(c->t + a, "\xe2\x80", 2) &&
        ((unsigned char)c->t[a + 2] == 0x93 ||
         (unsigned char)c->t[a + 2] == 0x94))
        return true;
    if (b > c->s && c->t[b - 1] == '(' && a < c->e && c->t[a] == ')')
        return true;
    return false;
}

/* year in force before position pos: the end year of the nearest chain
 * that names one */
static int context_year(const struct ctx *c, size_t pos)
{
    for (size_t i = c->np; i-- > 0;)
        if (c->per[i].end <= pos && c->per[i].kind == PK_ABS &&
            c->per[i].role != R_NONE)
            return c->per[i].p.end.y;
    return 0;
}

static enum role chain_role(const struct ctx *c, size_t t0, size_t t1,
                            bool range_word, bool rel_base)
{
    const struct tok *a = &c->tok[t0], *z = &c->tok[t1];
    enum role pre = a->pre, post = z->post;
    static const char *const gapw[] = {"in", "the", "of", "за", "в", NULL};

    /* a comparison word right before: "than in 2023", "compared with" */
    if (pre == R_NONE || pre == R_PLAIN) {
        if (t0 > 0 &&
            xtext_gap_ok(c, c->tok[t0 - 1].end, a->start, gapw, NULL)) {
            const struct tok *b = &c->tok[t0 - 1];
            char w[8];

            if (b->kind == TK_CMP || (b->kind == TK_QUAL && b->than))
                pre = R_BASE;
            else if (b->kind == TK_QUAL &&
                     (xlex_lower(c->t + b->start, b->end - b->start, w,
                                 sizeof w),
                      !strcmp(w, "до")))
                pre = R_DEADLINE;   /* "до 2030 года" */
            else if (b->kind == TK_QUAL && t0 > 1 &&
                     c->tok[t0 - 2].kind == TK_FIG && c->tok[t0 - 2].pct.on &&
                     xtext_gap_ok(c, c->tok[t0 - 2].end, b->start, NULL, NULL))
                pre = R_BASE;   /* "5% over the previous year" */
        }
    }
    if (t1 + 1 < c->nt && c->tok[t1 + 1].kind == TK_POSTCMP &&
        xtext_gap_ok(c, z->end, c->tok[t1 + 1].start, NULL, NULL))
        return R_BASE;
    if (rel_base || post == R_BASE)
        return R_BASE;
    if (a->post == R_SINCE && post == R_DEADLINE && t0 != t1)
        return R_PLAIN;  /* 2016-yildan 2024-yilgacha */
    if (post == R_DEADLINE || post == R_SINCE)
        return post;
    if (post == R_END || pre == R_END)
        return R_END;
    /* "from January to November 2024", "с 2016 по 2024 год"; but "from
     * January–April 2024" after a rate is what it is compared with */
    if ((pre == R_SINCE || pre == R_FROM) && range_word)
        return R_PLAIN;
    if (pre == R_NONE || pre == R_PLAIN)
        return R_PLAIN;
    return pre;
}

/* Interpret tokens t0..t1 as one period expression.  False drops it. */
static bool build_chain(struct ctx *c, size_t t0, size_t t1, struct per *P)
{
    int y1 = 0, y2 = 0, nyears = 0, m1 = 0, m2 = 0, n = 0;
    bool first = false, half = false, quarter = false, month_ok = false;
    bool rel_last = false, rel_this = false, rel_same = false, yearago = false;
    bool ytd = false;
    bool has_month = false, bare_only = true, range = false;
    bool range_word = false;

    memset(P, 0, sizeof *P);
    P->t0 = t0;
    P->t1 = t1;
    P->start = c->tok[t0].start;
    P->end = c->tok[t1].end;
    for (size_t i = t0; i <= t1; i++) {
        const struct tok *k = &c->tok[i];

        if (k->kind != TK_YEAR || !k->bare)
            bare_only = false;
        switch (k->kind) {
        case TK_YEAR:
            if (!nyears)
                y1 = k->y1;
            y2 = k->y2 ? k->y2 : k->y1;
            range = range || k->y2 || nyears;
            range_word = range_word || k->range_word || nyears;
            nyears++;
            break;
        case TK_MONTH:
            has_month = true;
            m1 = k->m1;
            m2 = k->m2 ? k->m2 : k->m1;
            range = range || k->m2;
            range_word = range_word || k->range_word;
            month_ok = k->m2 || k->mpost ||
                       (k->pre != R_NONE && (k->upper || k->m1 != 5));
            break;
        case TK_NMON:
            n = k->n;
            first = k->first;
            break;
        case TK_QH:
            n = k->n;
            half = k->half;
            quarter = !k->half;
            break;
        case TK_REL:
            rel_last = rel_last || k->sub == REL_LAST;
            rel_this = rel_this || k->sub == REL_THIS;
            rel_same = rel_same || k->sub == REL_SAME;
            yearago = yearago || k->sub == REL_YEARAGO;
            ytd = ytd || k->sub == REL_YTD;
            break;
        default:
            break;
        }
    }
    if (bare_only && t0 == t1 && !bare_year_ok(c, &c->tok[t0]))
        return false;
    if (nyears > 2)
        return false;
    P->range = range;
    P->role = chain_role(c, t0, t1, range_word, rel_same || yearago);
    P->end_form = P->role == R_END;
    if (P->role == R_END)
        P->role = R_PLAIN;
    if (P->role == R_SINCE)
        return false;
    if (rel_same || yearago) {
        P->kind = nyears ? PK_SAME_Y : PK_SHIFT;
        P->y = y1;
        return true;
    }
    if (ytd && !nyears && !has_month && !n) {
        /* since the beginning of the year: to the reference date */
        if (!c->ref.y)
            return false;
        P->kind = PK_ABS;
        P->p.start = (struct cc_date){c->ref.y, 1, 1};
        P->p.end = c->ref;
        P->y = c->ref.y;
        if (P->role == R_SINCE || P->role == R_FROM)
            P->role = R_PLAIN;
        return true;
    }
    if (!nyears) {
        if (rel_last && P->role != R_PLAIN && !has_month && !n) {
            P->kind = PK_SHIFT;
            return true;
        }
        if ((rel_last || rel_this) && c->ref.y)
            y1 = c->ref.y - (rel_last ? 1 : 0);
        else if (rel_last || rel_this)
            return false;
        else if (has_month && !month_ok)
            return false;
        else if (n && !quarter && !half && !first)
            return false;   /* "the past 12 months" */
        else if ((y1 = context_year(c, P->start)) == 0 && c->ref.y) {
            int last = has_month ? m2 : quarter ? 3 * n : half ? 6 * n : n;

            y1 = c->ref.y - (last > c->ref.m ? 1 : 0);
        }
        if (!y1)
            return false;
        y2 = y1;
    }
    P->kind = PK_ABS;
    if (has_month && y1 == y2)
        P->p = cc_period_months(y1, m1, m2);
    else if (n && quarter && y1 == y2)
        P->p = cc_period_months(y1, 3 * n - 2, 3 * n);
    else if (n && half && y1 == y2)
        P->p = cc_period_months(y1, 6 * n - 5, 6 * n);
    else if (n && y1 == y2)
        P->p = cc_period_months(y1, 1, n);
    else {
        P->p = cc_period_year(y1);
        P->p.end.y = y2;
    }
    P->y = P->p.end.y;
    return true;
}

static void find_periods(struct ctx *c)
{
    static const char *const gapw[] = {"of", "the", "in", NULL};

    c->np = 0;
    for (size_t i = 0; i < c->nt; i++) {
        size_t j = i;
        struct per P;

        if (!is_atom(&c->tok[i]))
            continue;
        /* a chain goes on across "of"/"the" ("first four months of
         * 2025"), not across another preposition ("the same period of 2024
         * in January–March 2025" is two expressions) */
        while (j + 1 < c->nt && is_atom(&c->tok[j + 1]) &&
               (c->tok[j + 1].pre == R_NONE || c->tok[j + 1].pre_weak) &&
               xtext_gap_ok(c, c->tok[j].end, c->tok[j + 1].start, gapw, ",-"))
            j++;
        if (build_chain(c, i, j, &P)) {
            c->per = cc_grow(c->per, &c->pcap, c->np + 1, sizeof *c->per);
            c->per[c->np++] = P;
        }
        i = j;
    }
}

/* ---- binding ---------------------------------------------------------- */

/* A figure of the same kind lies in t[a..b).  ("up 5.1% to $1.39 billion
 * in January-April": the rate still reaches the period; "5 projects worth
 * $3 billion in 2024": so does the count.) */
static bool fig_between(const struct ctx *c, const struct fig *f, size_t a,
                        size_t b)
{
    for (size_t i = 0; i < c->nf; i++) {
        const struct fig *o = &c->fig[i];

        if (o->start < a || o->start >= b || o->kind != f->kind)
            continue;
        /* "fell 0.4 points to 5.2% in 2024": the level reached after a
         * rate does not keep the rate from its period */
        if (f->kind == QTY_PERCENT && f->change && !o->change)
            continue;
        return true;
    }
    return false;
}

/* The nearest figure before pos in pos's clause is a percentage. */
static bool rate_before(const struct ctx *c, size_t pos)
{
    size_t cl = xtext_clause_of(c, pos);

    for (size_t i = c->nf; i-- > 0;)
        if (c->fig[i].mend <= pos)
            return xtext_clause_of(c, c->fig[i].start) == cl &&
                   c->fig[i].kind == QTY_PERCENT;
    return false;
}

static void resolve_roles(struct ctx *c)
{
    for (size_t i = 0; i < c->np; i++) {
        struct per *P = &c->per[i];
        bool rate = rate_before(c, P->start);

        switch (P->role) {
        case R_K:
            P->role = rate ? R_BASE : R_DEADLINE;
            break;
        case R_ON:
            P->role = rate ? R_BASE : R_NONE;
            break;
        case R_OVER:
            P->role = rate ? R_BASE : R_PLAIN;
            break;
        case R_FROM:
            P->role = rate ? R_BASE : R_NONE;
            break;
        default:
            break;
        }
        if (P->role == R_DEADLINE && P->kind != PK_ABS)
            P->role = R_NONE;
    }
}

/* The period a comparison expression names for figure f: stated, one year
 * before f's period ("year-on-year", "o'tgan yilga nisbatan"), or f's
 * months in a stated year ("the same period of 2024").  False (and *out
 * untouched) when that needs f's period and f has none. */
static bool resolve_base(const struct per *P, const struct fig *f,
                         struct cc_period *out)
{
    if (P->kind == PK_ABS) {
        *out = P->p;
        return true;
    }
    if (!cc_period_set(f->period))
        return false;
    if (P->kind == PK_SHIFT) {
        *out = shift_year(f->period, -1);
        return true;
    }
    if (f->period.start.y == f->period.end.y)
        *out = shift_year(f->period, P->y - f->period.start.y);
    else
        *out = cc_period_year(P->y);
    return true;
}

/* Period P comes right after another figure of f's kind, before f. */
static bool period_follows_fig(const struct ctx *c, const struct fig *f,
                               const struct per *P)
{
    for (size_t i = 0; i < c->nf; i++) {
        const struct fig *o = &c->fig[i];

        if (o != f && o->kind == f->kind && o->mend <= P->start &&
            o->start < f->start &&
            xtext_gap_ok(c, o->mend, P->start, NULL, NULL))
            return true;
    }
    return false;
}

static void bind(struct ctx *c, struct fig *f)
{
    size_t cl = xtext_clause_of(c, f->start);
    const struct per *pb = NULL, *pa = NULL, *ps = NULL, *dcl = NULL;
    const struct per *badj = NULL, *bb = NULL, *ba = NULL, *chosen = NULL;
    const struct per *pfar = NULL;
    static const char *const adj_w[] = {"of", NULL};

    for (size_t i = 0; i < c->np; i++) {
        const struct per *P = &c->per[i];
        bool same = xtext_clause_of(c, P->start) == cl;

        if (P->role == R_NONE)
            continue;
        if (P->role == R_DEADLINE && same)
            dcl = dcl ? dcl : P;
        if (P->end <= f->start) {
            if (P->role == R_PLAIN || P->role == R_DEADLINE) {
                ps = P;
                pb = same ? P : pb;
            } else if (P->role == R_BASE) {
                bb = same ? P : bb;
                badj = xtext_gap_ok(c, P->end, f->start, adj_w, "(") ? P : NULL;
            }
        } else if (P->start >= f->mend &&
                   !fig_between(c, f, f->mend, P->start)) {
            if (same && !pa && (P->role == R_PLAIN || P->role == R_DEADLINE))
                pa = P;
            if (!pfar && P->role == R_PLAIN)
                pfar = P;
            if (!ba && P->role == R_BASE)
                ba = P;
        }
    }
    if (dcl) {
        f->deadline = dcl->y;
    } else if (badj && badj->kind == PK_ABS && !pb) {
        f->period = badj->p;
    } else {
        /* "fell to $640 million in 2020 from $910 million in 2019": a
         * period right after the figure beats one before it that an
         * earlier figure of the same kind stands closer to */
        if (pb && pa && pa->role == R_PLAIN &&
            xtext_gap_ok(c, f->mend, pa->start, NULL, NULL) &&
            period_follows_fig(c, f, pb))
            pb = NULL;
        /* a rate with no period before it takes the one later in the
         * sentence ("вырос на 30% и достиг 13,7 млрд долларов в 2024
         * году") */
        chosen = pb ? pb : pa ? pa : ps ? ps
                 : (f->kind == QTY_PERCENT && f->change) ? pfar : NULL;
        if (chosen && chosen->role == R_DEADLINE)
            f->deadline = chosen->y;
        else if (chosen && chosen->end_form && f->target)
            f->deadline = chosen->y;      /* "by the end of 2030" as a goal */
        else if (chosen)
            f->period = chosen->p;
        if (!chosen && f->target) {
            for (size_t i = 0; i < c->np; i++) {
                const struct per *P = &c->per[i];

                if (P->start < f->mend)
                    continue;
                if (P->role == R_PLAIN)
                    break;
                if (P->role == R_DEADLINE) {
                    f->deadline = P->y;
                    break;
                }
            }
        }
    }
    /* a rate measured against a stated period is a change ("5.1% on
     * January-April 2024"), even without a verb */
    if (f->kind == QTY_PERCENT && (ba || bb)) {
        f->change = true;
        resolve_base(ba ? ba : bb, f, &f->base);
    }
}

/* Widen [lo, hi] for the qualifier:
 *   approx ("about", "taxminan", "около"): 5% of the value more each side;
 *   nearly ("deyarli", "approaches"):      down to 90% of the value;
 *   over ("more than", "-dan ortiq"):      up to 110% of the value;
 *   under ("less than", "up to"):          down to 90% of the value.
 * "Over" and "under" are read as "just over/under": a wider band lets a
 * source's "tops $3.8 billion" match a claim of $4.3 billion.
 * The stated precision's interval is always kept. */
static void widen(struct fig *f)
{
    switch (f->qual) {
    case QQ_APPROX:
        f->lo -= 0.05 * f->v;
        f->hi += 0.05 * f->v;
        break;
    case QQ_NEARLY:
        if (0.9 * f->v < f->lo)
            f->lo = 0.9 * f->v;
        break;
    case QQ_OVER:
        if (1.1 * f->v > f->hi)
            f->hi = 1.1 * f->v;
        break;
    case QQ_UNDER:
        if (0.9 * f->v < f->lo)
            f->lo = 0.9 * f->v;
        break;
    case QQ_EXACT:
        break;
    }
}

/* ---- output ----------------------------------------------------------- */

static void emit(struct ctx *c, const struct fig *f)
{
    struct extract_result *o = c->out;
    struct qty *q;

    o->q = cc_grow(o->q, &c->qcap, o->nq + 1, sizeof *o->q);
    q = &o->q[o->nq++];
    memset(q, 0, sizeof *q);
    q->kind = f->kind;
    q->value = f->v;
    q->lo = f->lo;
    q->hi = f->hi;
    memcpy(q->unit, f->unit, sizeof q->unit);
    q->qual = f->qual;
    q->approx = f->qual != QQ_EXACT;
    q->change = f->kind == QTY_PERCENT && f->change;
    q->change_sign = q->change ? f->csign : 0;
    q->target = f->target;
    q->deadline_year = f->deadline;
    q->measure = f->measure;
    q->period = f->period;
    q->base_period = q->change ? f->base : (struct cc_period){{0, 0, 0},
                                                             {0, 0, 0}};
    q->start = f->start;
    q->end = f->tend;
    q->text = cc_strndup(c->t + f->start, f->tend - f->start);
    q->noun = f->noun ? cc_strndup(c->t + f->noun_s, f->noun_e - f->noun_s)
                      : NULL;
}

static void emit_date(struct ctx *c, const struct tok *k)
{
    struct extract_result *o = c->out;
    struct date_mention *d;

    o->d = cc_grow(o->d, &c->dcap, o->nd + 1, sizeof *o->d);
    d = &o->d[o->nd++];
    d->start = k->start;
    d->end = k->end;
    d->text = cc_strndup(c->t + k->start, k->end - k->start);
    d->date = k->date;
}

/* A figure that borrows from the next one (token ti's figure f, the next
 * figure token after it):
 *  - "3 млрд 800 млн долларов": parts of one amount, added up;
 *  - "between $200 and $250 million", "от 2 до 3 млрд": one range, whose
 *    value is its middle (as "$2–3 billion");
 *  - "from $2 to $3 billion": two amounts; the first takes the scale and
 *    currency of the second.
 * A joined figure ends where the next one ends, so that one is skipped. */
static void join_next(struct ctx *c, size_t ti, struct fig *f)
{
    static const char *const to_w[] = {"to", "and", "до", "по", NULL};
    size_t j = ti + 1;
    struct fig g;
    char w[32];
    bool range, from;

    while (j < c->nt && c->tok[j].kind != TK_FIG && c->tok[j].end <= f->mend)
        j++;
    while (j < c->nt && c->tok[j].kind != TK_FIG)
        j++;
    if (j >= c->nt || f->kind == QTY_PERCENT || f->scale ||
        c->tok[j].start - f->mend > 24)
        goto compound;
    if (!xtext_gap_ok(c, f->mend, c->tok[j].start, to_w, NULL))
        return;
    if (!xtext_prev_word(c->t, c->s, f->start, w, sizeof w))
        return;
    range = !strcmp(w, "between") || !strcmp(w, "от");
    from = !strcmp(w, "from") || !strcmp(w, "с");
    if ((!range && !from) || !xfig_parse(c, j, &g) || g.kind != QTY_MONEY ||
        !g.scale || (f->cur && strcmp(f->unit, g.unit) != 0))
        return;
    f->lo *= g.mult;
    f->hi *= g.mult;
    f->v *= g.mult;
    f->mult = g.mult;
    f->scale = f->cur = true;
    f->kind = QTY_MONEY;
    memcpy(f->unit, g.unit, sizeof f->unit);
    if (range && g.v > f->v) {
        f->hi = g.hi;
        f->v = (f->v + g.v) / 2;
        f->range = true;
        f->tend = g.tend;
        f->mend = g.mend;
    }
    return;
compound:
    if (j >= c->nt || f->kind != QTY_COUNT || !f->scale || f->cur ||
        !xtext_gap_ok(c, f->mend, c->tok[j].start, NULL, NULL) ||
        !xfig_parse(c, j, &g) || g.kind != QTY_MONEY || !g.scale ||
        g.mult >= f->mult || g.range)
        return;
    f->kind = QTY_MONEY;
    f->cur = true;
    memcpy(f->unit, g.unit, sizeof f->unit);
    f->v += g.v;
    f->lo = f->v - (g.hi - g.lo) / 2;
    f->hi = f->v + (g.hi - g.lo) / 2;
    f->tend = g.tend;
    f->mend = g.mend;
}

static cc_result analyse(struct ctx *c, char *err, size_t errlen)
{
    cc_result result;

    c->nt = c->nf = c->np = 0;
    result = xpat_scan(c->rs, c->t, c->s, c->e, &c->tok, &c->nt, &c->tcap,
                       err, errlen);
    find_clauses(c);
    find_periods(c);
    for (size_t i = 0; i < c->nt; i++) {
        struct fig f;

        if (c->tok[i].kind == TK_DATE)
            emit_date(c, &c->tok[i]);
        if (c->tok[i].kind != TK_FIG ||
            (c->nf > 0 && c->tok[i].start < c->fig[c->nf - 1].mend) ||
            !xfig_parse(c, i, &f))
            continue;   /* (a token inside the last figure: its cents) */
        join_next(c, i, &f);
        xfig_qualify(c, &f);
        if (f.kind == QTY_COUNT) {
            int nn = xfig_noun(c, &f, f.mend);

            if (nn < 0 || (nn == 0 && !f.scale))
                continue;
        }
        c->fig = cc_grow(c->fig, &c->fcap, c->nf + 1, sizeof *c->fig);
        c->fig[c->nf++] = f;
    }
    for (size_t i = 0; i < c->nf; i++)
        xfig_currency(c, &c->fig[i]);
    for (size_t i = 0; i < c->nf; i++)
        xfig_words(c, &c->fig[i]);
    resolve_roles(c);
    for (size_t i = 0; i < c->nf; i++) {
        struct fig *f = &c->fig[i];

        if (f->target && f->qual == QQ_UNDER && f->ti > 0 &&
            c->tok[f->ti - 1].kind == TK_QUAL) {
            char w[16];
            const struct tok *q = &c->tok[f->ti - 1];

            xlex_lower(c->t + q->start, q->end - q->start, w, sizeof w);
            if (!strcmp(w, "до") || !strcmp(w, "up to"))
                f->qual = QQ_EXACT;       /* "довести до 10 млрд" */
        }
        bind(c, f);
        widen(f);
        emit(c, f);
    }
    return result;
}

/* ---- public ------------------------------------------------------------ */

/* Each thread keeps its match scratch (match data, JIT stack) between
 * calls; it is freed when the thread exits, or by extract_global_cleanup
 * for the calling thread. */
static pthread_key_t scratch_key;

static void scratch_destroy(void *p)
{
    struct rx_scratch *rs = p;

    rx_scratch_free(&rs);
}

static void init_once(void)
{
    init_tables();
    if (pthread_key_create(&scratch_key, scratch_destroy) != 0)
        cc_oom();
}

static pthread_once_t once = PTHREAD_ONCE_INIT;

static struct rx_scratch *thread_scratch(void)
{
    struct rx_scratch *rs = pthread_getspecific(scratch_key);

    if (!rs) {
        rs = rx_scratch_new();
        if (pthread_setspecific(scratch_key, rs) != 0)
            cc_oom();
    }
    return rs;
}

cc_result extract_global_init(char *err, size_t errlen)
{
    pthread_once(&once, init_once);
    return xpat_init(err, errlen);
}

void extract_global_cleanup(void)
{
    pthread_once(&once, init_once);
    scratch_destroy(pthread_getspecific(scratch_key));
    pthread_setspecific(scratch_key, NULL);
    xpat_cleanup();
}

/* Whether the words just before a figure refer back to an earlier one:
 * "the figure", "this indicator", "bu ko'rsatkich", "этот показатель". */
static bool anaphoric(const char *t, size_t start)
{
    static const char *const words[] = {"figure", "indicator", "rsatkich",
                                        "показател", "Показател"};
    size_t from = start > 80 ? start - 80 : 0;

    /* only the figure's own sentence counts */
    for (size_t i = start; i > from; i--) {
        if (t[i - 1] == '\n' || (i >= 2 && t[i - 1] == ' ' &&
                                  (t[i - 2] == '.' || t[i - 2] == '!' ||
                                   t[i - 2] == '?'))) {
            from = i;
            break;
        }
    }

    for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
        const char *hit = memmem(t + from, start - from, words[w],
                                 strlen(words[w]));

        if (hit)
            return true;
    }
    return false;
}

/* A money figure whose clause names no measure but refers back ("In 2021,
 * the figure climbed to $3.9 billion") measures what the previous money
 * figure of the same paragraph measured. */
static void inherit_measures(const char *t, struct extract_result *out,
                             size_t first)
{
    const struct qty *prev = NULL;

    for (size_t i = first; i < out->nq; i++) {
        struct qty *q = &out->q[i];

        if (q->kind != QTY_MONEY)
            continue;
        if (q->measure == QM_OTHER && prev && prev->measure != QM_OTHER &&
            strcmp(prev->unit, q->unit) == 0 &&
            !memmem(t + prev->end, q->start - prev->end, "\n\n", 2) &&
            anaphoric(t, q->start))
            q->measure = prev->measure;
        prev = q;
    }
}

cc_result extract_text(const char *text, size_t len,
                       const struct extract_opts *opts,
                       struct extract_result *out, char *err, size_t errlen)
{
    size_t first = out->nq;
    struct ctx c;
    cc_result result = extract_global_init(err, errlen), r;
    bool soft;

    if (result != CC_OK)
        return result;
    memset(&c, 0, sizeof c);
    c.t = text;
    c.len = len;
    c.out = out;
    c.qcap = out->nq;
    c.dcap = out->nd;
    if (opts && cc_date_valid(opts->ref_date))
        c.ref = opts->ref_date;
    c.rs = thread_scratch();
    soft = soft_blank_lines(text, len);
    for (size_t s = 0; s < len;) {
        bool digit, money;
        size_t e = sentence_end(text, len, s, soft, &digit, &money);

        if (e <= s)
            e = s + 1;
        if (money || (digit && worth_analysing(text, s, e))) {
            c.s = s;
            c.e = e;
            r = analyse(&c, err, errlen);
            if (r != CC_OK && result == CC_OK)
                result = r;   /* err names the place; go on */
        }
        s = e;
    }
    inherit_measures(text, out, first);
    free(c.tok);
    free(c.fig);
    free(c.per);
    free(c.cb);
    return result;
}

void extract_result_clear(struct extract_result *out)
{
    if (!out)
        return;
    for (size_t i = 0; i < out->nq; i++) {
        free(out->q[i].text);
        free(out->q[i].noun);
    }
    for (size_t i = 0; i < out->nd; i++)
        free(out->d[i].text);
    free(out->q);
    free(out->d);
    memset(out, 0, sizeof *out);
}

const char *qty_kind_name(enum qty_kind k)
{
    switch (k) {
    case QTY_MONEY: return "money";
    case QTY_COUNT: return "count";
    case QTY_PERCENT: return "percent";
    }
    return "unknown";
}

const char *qty_qual_name(enum qty_qual q)
{
    switch (q) {
    case QQ_EXACT: return "exact";
    case QQ_APPROX: return "approx";
    case QQ_NEARLY: return "nearly";
    case QQ_OVER: return "over";
    case QQ_UNDER: return "under";
    }
    return "unknown";
}

const char *qty_measure_name(enum qty_measure m)
{
    switch (m) {
    case QM_OTHER: return "other";
    case QM_TRADE: return "trade";
    case QM_EXPORT: return "export";
    case QM_IMPORT: return "import";
    case QM_INVEST: return "investment";
    case QM_VENTURE: return "venture";
    case QM_PROJECT: return "project";
    case QM_COMPANY: return "company";
    }
    return "unknown";
}
