/*
 * parser/html_date.c -- dates in metadata, visible datelines and URLs.
 * See html_date.h.
 */
#include "parser/html_date.h"

#include <string.h>

#define WORD_MAX 64   /* bytes of a lowercased word kept for matching */

/* Month names (lowercase UTF-8).  A word matches a name when it equals it
 * or is a prefix of it of at least three letters ("sept", "janv", "мар").
 * Inflected forms that are not prefixes are listed themselves. */
static const struct {
    const char *name;
    int month;
} months[] = {
    /* English */
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4},
    {"may", 5}, {"june", 6}, {"july", 7}, {"august", 8},
    {"september", 9}, {"october", 10}, {"november", 11}, {"december", 12},
    /* German */
    {"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3},
    {"maerz", 3}, {"mai", 5}, {"juni", 6}, {"juli", 7}, {"oktober", 10},
    {"dezember", 12},
    /* French */
    {"janvier", 1}, {"février", 2}, {"fevrier", 2}, {"mars", 3},
    {"avril", 4}, {"juin", 6}, {"juillet", 7}, {"août", 8}, {"aout", 8},
    {"septembre", 9}, {"octobre", 10}, {"novembre", 11}, {"décembre", 12},
    {"decembre", 12},
    /* Spanish, Italian, Portuguese */
    {"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5},
    {"junio", 6}, {"julio", 7}, {"agosto", 8}, {"septiembre", 9},
    {"setiembre", 9}, {"octubre", 10}, {"noviembre", 11},
    {"diciembre", 12},
    {"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5},
    {"giugno", 6}, {"luglio", 7}, {"settembre", 9}, {"ottobre", 10},
    {"dicembre", 12},
    {"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"maio", 5},
    {"junho", 6}, {"julho", 7}, {"setembro", 9}, {"outubro", 10},
    {"novembro", 11}, {"dezembro", 12},
    /* Dutch */
    {"januari", 1}, {"februari", 2}, {"maart", 3}, {"mei", 5},
    {"augustus", 8},
    /* Turkish */
    {"ocak", 1}, {"şubat", 2}, {"mart", 3}, {"nisan", 4}, {"mayıs", 5},
    {"haziran", 6}, {"temmuz", 7}, {"ağustos", 8}, {"eylül", 9},
    {"ekim", 10}, {"kasım", 11}, {"aralık", 12},
    /* Uzbek (Latin); the Cyrillic forms are prefixes of the Russian ones */
    {"yanvar", 1}, {"fevral", 2}, {"aprel", 4}, {"iyun", 6}, {"iyul", 7},
    {"avgust", 8}, {"sentabr", 9}, {"sentyabr", 9}, {"oktabr", 10},
    {"oktyabr", 10}, {"noyabr", 11}, {"dekabr", 12},
    /* Russian, nominative and genitive */
    {"январь", 1}, {"января", 1}, {"февраль", 2}, {"февраля", 2},
    {"март", 3}, {"марта", 3}, {"апрель", 4}, {"апреля", 4}, {"май", 5},
    {"мая", 5}, {"июнь", 6}, {"июня", 6}, {"июль", 7}, {"июля", 7},
    {"август", 8}, {"августа", 8}, {"сентябрь", 9}, {"сентября", 9},
    {"октябрь", 10}, {"октября", 10}, {"ноябрь", 11}, {"ноября", 11},
    {"декабрь", 12}, {"декабря", 12},
    {"сентабр", 9}, {"октабр", 10},
    /* Ukrainian, nominative and genitive */
    {"січень", 1}, {"січня", 1}, {"лютий", 2}, {"лютого", 2},
    {"березень", 3}, {"березня", 3}, {"квітень", 4}, {"квітня", 4},
    {"травень", 5}, {"травня", 5}, {"червень", 6}, {"червня", 6},
    {"липень", 7}, {"липня", 7}, {"серпень", 8}, {"серпня", 8},
    {"вересень", 9}, {"вересня", 9}, {"жовтень", 10}, {"жовтня", 10},
    {"листопад", 11}, {"листопада", 11}, {"грудень", 12}, {"грудня", 12},
    /* Kazakh */
    {"қаңтар", 1}, {"ақпан", 2}, {"наурыз", 3}, {"сәуір", 4},
    {"мамыр", 5}, {"маусым", 6}, {"шілде", 7}, {"тамыз", 8},
    {"қыркүйек", 9}, {"қазан", 10}, {"қараша", 11}, {"желтоқсан", 12},
};

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Lowercase one code point of Latin-1, Latin Extended-A or Cyrillic. */
static unsigned lower_cp(unsigned cp)
{
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return cp + 0x20;
    if (cp == 0x130)
        return 'i';
    if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177))
        return cp | 1;
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
        return (cp & 1) ? cp + 1 : cp;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 0x50;
    if (cp >= 0x410 && cp <= 0x42F)
        return cp + 0x20;
    if ((cp >= 0x460 && cp <= 0x4BF) || (cp >= 0x4D0 && cp <= 0x4FF))
        return cp | 1;
    if (cp >= 0x4C1 && cp <= 0x4CE)
        return (cp & 1) ? cp + 1 : cp;
    return cp;
}

/* Read a word of letters at s[i..len) (ASCII letters and two-byte Latin /
 * Cyrillic letters), lowercased into low.  Returns the end offset (== i
 * when there is no letter at i); *chars = letters read. */
static size_t read_word(const char *s, size_t len, size_t i, char *low,
                        size_t *lowlen, size_t *chars)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;

    *chars = 0;
    while (i < len) {
        if (is_alpha(p[i])) {
            if (n + 1 < WORD_MAX)
                low[n++] = (char)(p[i] | 0x20);
            i++;
        } else if (p[i] >= 0xC3 && p[i] <= 0xD3 && i + 1 < len &&
                   (p[i + 1] & 0xC0) == 0x80 &&
                   !(p[i] == 0xC3 && (p[i + 1] == 0x97 || p[i + 1] == 0xB7))) {
            unsigned cp = lower_cp(((p[i] & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu));

            if (cp < 0x80) {
                if (n + 1 < WORD_MAX)
                    low[n++] = (char)cp;
            } else if (n + 2 < WORD_MAX) {
                low[n++] = (char)(0xC0 | (cp >> 6));
                low[n++] = (char)(0x80 | (cp & 0x3F));
            }
            i += 2;
        } else {
            break;
        }
        (*chars)++;
    }
    low[n] = '\0';
    *lowlen = n;
    return i;
}

static int month_lookup(const char *low, size_t n, size_t chars)
{
    if (n == 0)
        return 0;
    for (size_t k = 0; k < sizeof months / sizeof *months; k++) {
        size_t ml = strlen(months[k].name);

        if (n == ml && memcmp(low, months[k].name, n) == 0)
            return months[k].month;
        if (chars >= 3 && n < ml && memcmp(low, months[k].name, n) == 0)
            return months[k].month;
    }
    return 0;
}

int html_date_month(const char *word, size_t len)
{
    char low[WORD_MAX];
    size_t n, chars;
    size_t e = read_word(word, len, 0, low, &n, &chars);

    if (e != len)
        return 0;
    return month_lookup(low, n, chars);
}

/* Skip spaces (ASCII, NBSP, the U+2000 block, narrow NBSP, ideographic). */
static size_t skip_space(const char *s, size_t len, size_t i)
{
    const unsigned char *p = (const unsigned char *)s;

    while (i < len) {
        if (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r')
            i++;
        else if (p[i] == 0xC2 && i + 1 < len && p[i + 1] == 0xA0)
            i += 2;
        else if (p[i] == 0xE2 && i + 2 < len && p[i + 1] == 0x80 &&
                 (p[i + 2] <= 0x8A || p[i + 2] == 0xAF))
            i += 3;
        else if (p[i] == 0xE3 && i + 2 < len && p[i + 1] == 0x80 &&
                 p[i + 2] == 0x80)
            i += 3;
        else
            break;
    }
    return i;
}

/* Read 1..maxd digits at i (and no more digits after).  Returns the end
 * or i when there are none / too many. */
static size_t read_num(const char *s, size_t len, size_t i, int maxd, int *v)
{
    size_t j = i;

    *v = 0;
    while (j < len && is_digit((unsigned char)s[j]) && (int)(j - i) < maxd)
        *v = *v * 10 + (s[j++] - '0');
    if (j == i || (j < len && is_digit((unsigned char)s[j])))
        return i;
    return j;
}

static size_t read_year(const char *s, size_t len, size_t i, int *y)
{
    size_t e = read_num(s, len, i, 4, y);

    if (e - i != 4 || *y < 1900 || *y > 2100)
        return i;
    return e;
}

/* Match a literal (ASCII, case-insensitive, or UTF-8 exact) at i. */
static size_t lit(const char *s, size_t len, size_t i, const char *w)
{
    size_t n = strlen(w);

    if (i + n > len)
        return i;
    for (size_t k = 0; k < n; k++) {
        unsigned char a = (unsigned char)s[i + k];
        unsigned char b = (unsigned char)w[k];

        if (a != b && !(is_alpha(a) && (a | 0x20) == b))
            return i;
    }
    /* a word literal must end at a word boundary */
    if (is_alpha((unsigned char)w[n - 1]) && i + n < len &&
        is_alpha((unsigned char)s[i + n]))
        return i;
    return i + n;
}

static bool make(int y, int m, int d, struct cc_date *out)
{
    struct cc_date t = {y, m, d};

    if (!cc_date_valid(t))
        return false;
    *out = t;
    return true;
}

/* Month word at i; returns end (after an optional '.') and *m. */
static size_t month_word(const char *s, size_t len, size_t i, int *m)
{
    char low[WORD_MAX];
    size_t n, chars;
    size_t e = read_word(s, len, i, low, &n, &chars);

    *m = month_lookup(low, n, chars);
    if (!*m)
        return i;
    if (e < len && s[e] == '.')
        e++;
    return e;
}

/* "de"/"del" (Spanish, Portuguese) between parts; "of" only before the
 * month ("7th of April"). */
static size_t filler(const char *s, size_t len, size_t i, bool of)
{
    size_t j;

    if ((j = lit(s, len, i, "del")) != i || (j = lit(s, len, i, "de")) != i ||
        (of && (j = lit(s, len, i, "of")) != i))
        return skip_space(s, len, j);
    return i;
}

/* 2024-04-07, 2024/4/7, 2024.04.07, 2024年4月7日, 2024년 4월 7일 */
static bool p_ymd(const char *s, size_t len, size_t i, struct cc_date *o,
                  size_t *end)
{
    int y, m, d;
    size_t j = read_year(s, len, i, &y), k;
    char sep;

    if (j == i || j >= len)
        return false;
    if ((k = lit(s, len, j, "年")) != j || (k = lit(s, len, j, "년")) != j) {
        size_t a = read_num(s, len, skip_space(s, len, k), 2, &m), b;

        if (a == skip_space(s, len, k))
            return false;
        if ((b = lit(s, len, a, "月")) == a && (b = lit(s, len, a, "월")) == a)
            return false;
        a = skip_space(s, len, b);
        b = read_num(s, len, a, 2, &d);
        if (b == a)
            return false;
        *end = b;
        return make(y, m, d, o);
    }
    sep = s[j];
    if (sep != '-' && sep != '/' && sep != '.')
        return false;
    k = read_num(s, len, j + 1, 2, &m);
    if (k == j + 1 || k >= len || s[k] != sep)
        return false;
    j = read_num(s, len, k + 1, 2, &d);
    if (j == k + 1)
        return false;
    *end = j;
    return make(y, m, d, o);
}

/* 2024 жылғы 7 сәуір, 2024-yil 7-aprel (a year word is required before
 * the day); 2024. április 7. (punctuation after the year is required) */
static bool p_y_dm(const char *s, size_t len, size_t i, struct cc_date *o,
                   size_t *end)
{
    static const char *const yearwords[] = {
        "yil", "yılı", "y.", "жылғы", "жыл", "ж.", "йил", "года", "г.",
    };
    int y, m, d;
    size_t j = read_year(s, len, i, &y), k;
    bool punct = false, word = false;

    if (j == i)
        return false;
    if (j < len && (s[j] == '-' || s[j] == '.' || s[j] == ',')) {
        j++;
        punct = true;
    }
    j = skip_space(s, len, j);
    for (size_t w = 0; w < sizeof yearwords / sizeof *yearwords; w++) {
        if ((k = lit(s, len, j, yearwords[w])) != j) {
            j = k;
            if (j < len && s[j] == ',')
                j++;
            j = skip_space(s, len, j);
            word = true;
            break;
        }
    }
    /* year day month */
    k = read_num(s, len, j, 2, &d);
    if (k != j) {
        if (!word)
            return false;
        if (k < len && (s[k] == '-' || s[k] == '.'))
            k++;
        k = skip_space(s, len, k);
        j = month_word(s, len, k, &m);
        if (j == k)
            return false;
        *end = j;
        return make(y, m, d, o);
    }
    /* year month day */
    if (!punct && !word)
        return false;
    k = month_word(s, len, j, &m);
    if (k == j)
        return false;
    j = skip_space(s, len, k);
    if (j == k)
        return false;
    k = read_num(s, len, j, 2, &d);
    if (k == j)
        return false;
    *end = k;
    return make(y, m, d, o);
}

/* 24.05.2025, 7/4/2024, 07-04-2024 */
static bool p_dmy_num(const char *s, size_t len, size_t i, bool mdy,
                      struct cc_date *o, size_t *end)
{
    int a, b, y;
    size_t j = read_num(s, len, i, 2, &a), k;
    char sep;

    if (j == i || j >= len)
        return false;
    sep = s[j];
    if (sep != '.' && sep != '/' && sep != '-')
        return false;
    k = read_num(s, len, j + 1, 2, &b);
    if (k == j + 1 || k >= len || s[k] != sep)
        return false;
    j = read_year(s, len, k + 1, &y);
    if (j == k + 1)
        return false;
    *end = j;
    if (sep == '/' && (b > 12 || (mdy && a <= 12)))
        return make(y, a, b, o);
    return make(y, b, a, o);
}

/* 7 April 2024, 7. April 2024, 1er avril 2024, 7 de abril de 2024,
 * 16 марта 2025, 7-aprel, 2024 */
static bool p_d_month_y(const char *s, size_t len, size_t i,
                        struct cc_date *o, size_t *end)
{
    static const char *const suffixes[] = {"st", "nd", "rd", "th", "er",
                                           "-го", "."};
    int d, m, y;
    size_t j = read_num(s, len, i, 2, &d), k;
    bool sep = false;

    if (j == i)
        return false;
    for (size_t w = 0; w < sizeof suffixes / sizeof *suffixes; w++) {
        if ((k = lit(s, len, j, suffixes[w])) != j) {
            j = k;
            sep = true;
            break;
        }
    }
    if (j < len && s[j] == '-') {
        j++;
        sep = true;
    }
    k = skip_space(s, len, j);
    if (k == j && !sep)
        return false;
    j = filler(s, len, k, true);
    k = month_word(s, len, j, &m);
    if (k == j)
        return false;
    if (k < len && s[k] == ',')
        k++;
    j = skip_space(s, len, k);
    if (j == k && (k == 0 || s[k - 1] != ','))
        return false;
    j = filler(s, len, j, false);
    k = read_year(s, len, j, &y);
    if (k == j)
        return false;
    *end = k;
    return make(y, m, d, o);
}

/* April 7, 2024; Apr. 7th 2024 */
static bool p_month_d_y(const char *s, size_t len, size_t i,
                        struct cc_date *o, size_t *end)
{
    static const char *const suffixes[] = {"st", "nd", "rd", "th"};
    int d, m, y;
    size_t j = month_word(s, len, i, &m), k;

    if (j == i)
        return false;
    k = skip_space(s, len, j);
    if (k == j)
        return false;
    j = read_num(s, len, k, 2, &d);
    if (j == k)
        return false;
    for (size_t w = 0; w < sizeof suffixes / sizeof *suffixes; w++) {
        if ((k = lit(s, len, j, suffixes[w])) != j) {
            j = k;
            break;
        }
    }
    if (j < len && s[j] == ',')
        j++;
    k = skip_space(s, len, j);
    if (k == j && s[j - 1] != ',')
        return false;
    j = read_year(s, len, k, &y);
    if (j == k)
        return false;
    *end = j;
    return make(y, m, d, o);
}

/* Is the character before offset i a letter (ASCII or two-byte)? */
static bool prev_is_letter(const unsigned char *p, size_t i)
{
    if (i == 0)
        return false;
    if (is_alpha(p[i - 1]))
        return true;
    return i >= 2 && (p[i - 1] & 0xC0) == 0x80 && p[i - 2] >= 0xC3 &&
           p[i - 2] <= 0xD3;
}

bool html_date_scan(const char *s, size_t len, bool mdy, struct cc_date *out,
                    size_t *at, size_t *end)
{
    const unsigned char *p = (const unsigned char *)s;

    for (size_t i = 0; i < len; i++) {
        struct cc_date d;
        size_t e = i;
        bool ok = false;

        if (is_digit(p[i])) {
            if (i > 0 && is_digit(p[i - 1]))
                continue;
            ok = p_ymd(s, len, i, &d, &e) || p_y_dm(s, len, i, &d, &e) ||
                 p_dmy_num(s, len, i, mdy, &d, &e) ||
                 p_d_month_y(s, len, i, &d, &e);
        } else if (is_alpha(p[i]) || (p[i] >= 0xC3 && p[i] <= 0xD3)) {
            if (prev_is_letter(p, i))
                continue;
            ok = p_month_d_y(s, len, i, &d, &e);
        }
        if (ok) {
            *out = d;
            if (at)
                *at = i;
            if (end)
                *end = e;
            return true;
        }
    }
    return false;
}

/* Words that introduce a publication date (lowercase). */
static const char *const date_labels[] = {
    "published", "posted", "date", "released", "issued",
    "veröffentlicht", "datum", "erstellt", "erschienen", "publiziert",
    "publié", "publicado", "fecha", "pubblicato", "data",
    "опубликовано", "дата", "sana", "yayınlanma", "tarih",
};

#define LABEL_GAP 24   /* bytes allowed between a label and its date */

bool html_date_labeled(const char *s, size_t len, bool mdy,
                       struct cc_date *out, size_t *endp)
{
    const unsigned char *p = (const unsigned char *)s;

    for (size_t i = 0; i < len; i++) {
        char low[WORD_MAX];
        size_t n, chars, e, at, end, lim;
        struct cc_date d;
        bool hit = false;

        if (!(is_alpha(p[i]) || (p[i] >= 0xC3 && p[i] <= 0xD3)) ||
            prev_is_letter(p, i))
            continue;
        e = read_word(s, len, i, low, &n, &chars);
        if (e == i)
            continue;
        for (size_t k = 0; k < sizeof date_labels / sizeof *date_labels; k++)
            if (strcmp(low, date_labels[k]) == 0)
                hit = true;
        i = e - 1;
        if (!hit)
            continue;
        lim = len - e < LABEL_GAP + 40 ? len - e : LABEL_GAP + 40;
        if (html_date_scan(s + e, lim, mdy, &d, &at, &end) &&
            at <= LABEL_GAP) {
            *out = d;
            if (endp)
                *endp = e + end;
            return true;
        }
    }
    return false;
}

bool html_date_value(const char *s, struct cc_date *out)
{
    size_t n, i = 0;
    int y, m, d;

    if (!s)
        return false;
    n = strlen(s);
    i = skip_space(s, n, 0);
    /* YYYYMMDD, alone or followed by a time */
    if (n - i >= 8 && read_num(s, n, i, 8, &y) == i + 8) {
        d = y % 100;
        m = (y / 100) % 100;
        y /= 10000;
        return y >= 1900 && make(y, m, d, out);
    }
    {
        struct cc_date t;
        size_t e;

        if (p_ymd(s, n, i, &t, &e)) {
            *out = t;
            return true;
        }
    }
    return html_date_scan(s + i, n - i, true, out, NULL, NULL);
}

bool html_date_from_url(const char *url, struct cc_date *out)
{
    const char *p, *q;
    size_t len;

    if (!url)
        return false;
    p = strstr(url, "://");
    p = p ? strchr(p + 3, '/') : url;
    if (!p)
        return false;
    q = p + strcspn(p, "?#");
    len = (size_t)(q - p);
    for (size_t i = 1; i + 8 <= len; i++) {
        int y, m, d;
        size_t j, k;
        char c = p[i - 1];

        if (c != '/' && c != '-' && c != '_')
            continue;
        /* /20250316/ : eight digits between separators */
        if (read_num(p, len, i, 8, &y) == i + 8 &&
            (i + 8 == len || strchr("/-_.", p[i + 8]))) {
            d = y % 100;
            m = (y / 100) % 100;
            y /= 10000;
            if (y >= HTML_DATE_MIN_YEAR && make(y, m, d, out))
                return true;
            continue;
        }
        j = read_year(p, len, i, &y);
        if (j == i || j >= len || (p[j] != '/' && p[j] != '-' && p[j] != '_'))
            continue;
        k = read_num(p, len, j + 1, 2, &m);
        if (k == j + 1 || k >= len || p[k] != p[j])
            continue;
        j = read_num(p, len, k + 1, 2, &d);
        if (j != k + 1 && make(y, m, d, out))
            return true;
    }
    return false;
}

bool html_date_plausible(struct cc_date d, struct cc_date today)
{
    if (!cc_date_valid(d) || d.y < HTML_DATE_MIN_YEAR)
        return false;
    return !cc_date_set(today) || cc_date_cmp(d, today) <= 0;
}

/* Digits s[i..i+n) as a number, or -1 (s[0..len) bounds checked). */
static int num_at(const char *s, size_t len, size_t i, size_t n)
{
    int v = 0;

    if (i + n > len)
        return -1;
    for (size_t k = 0; k < n; k++) {
        if (!is_digit((unsigned char)s[i + k]))
            return -1;
        v = v * 10 + (s[i + k] - '0');
    }
    return v;
}

/* "YYYY-MM-DD[T ]HH:MM" starting at i. */
static bool raw_stamp_at(const char *s, size_t len, size_t i,
                         struct cc_date *out)
{
    int y = num_at(s, len, i, 4), m = num_at(s, len, i + 5, 2);
    int d = num_at(s, len, i + 8, 2);

    if (y < 0 || m < 0 || d < 0 || i + 16 > len || s[i + 7] != '-' ||
        (s[i + 10] != 'T' && s[i + 10] != ' ') ||
        num_at(s, len, i + 11, 2) < 0 || s[i + 13] != ':' ||
        num_at(s, len, i + 14, 2) < 0 || (i > 0 && is_digit(s[i - 1])))
        return false;
    return make(y, m, d, out);
}

/* "/YYYY/MM/DD/" or "/YYYYMMDD/" starting at the slash i. */
static bool raw_path_at(const char *s, size_t len, size_t i,
                        struct cc_date *out)
{
    int y = num_at(s, len, i + 1, 4), m, d;

    if (y < 0)
        return false;
    if (i + 12 <= len && s[i + 5] == '/' && s[i + 8] == '/' &&
        s[i + 11] == '/') {
        m = num_at(s, len, i + 6, 2);
        d = num_at(s, len, i + 9, 2);
        return m >= 0 && d >= 0 && make(y, m, d, out);
    }
    m = num_at(s, len, i + 5, 2);
    d = num_at(s, len, i + 7, 2);
    return i + 10 <= len && s[i + 9] == '/' && m >= 0 && d >= 0 &&
           make(y, m, d, out);
}

void html_date_raw(const char *s, size_t len, struct cc_date today,
                   struct cc_date *stamp, struct cc_date *path)
{
    const char *p;
    struct cc_date d;

    memset(stamp, 0, sizeof *stamp);
    memset(path, 0, sizeof *path);
    for (size_t i = 0; i < len && (p = memchr(s + i, '-', len - i));) {
        size_t at = (size_t)(p - s);

        if (at >= 4 && raw_stamp_at(s, len, at - 4, &d) &&
            html_date_plausible(d, today)) {
            *stamp = d;
            break;
        }
        i = at + 1;
    }
    for (size_t i = 0; i < len && (p = memchr(s + i, '/', len - i));) {
        size_t at = (size_t)(p - s);

        if (raw_path_at(s, len, at, &d) && html_date_plausible(d, today)) {
            *path = d;
            break;
        }
        i = at + 1;
    }
}

bool html_date_scan_short(const char *s, size_t len, struct cc_date today,
                          struct cc_date *out)
{
    const char *p;

    for (size_t i = 0; i < len && (p = memchr(s + i, '.', len - i));) {
        size_t at = (size_t)(p - s);
        int d, m, y;

        i = at + 1;
        /* "dd.mm.yy" with no digit or dot before it, no digit after */
        if (at < 2 || at + 6 > len || s[at + 3] != '.' ||
            (at > 2 && (is_digit((unsigned char)s[at - 3]) ||
                        s[at - 3] == '.')) ||
            (at + 6 < len && is_digit((unsigned char)s[at + 6])) ||
            (at + 7 < len && s[at + 6] == '.' &&
             is_digit((unsigned char)s[at + 7])))
            continue;
        d = num_at(s, len, at - 2, 2);
        m = num_at(s, len, at + 1, 2);
        y = num_at(s, len, at + 4, 2);
        if (d < 0 || m < 0 || y < 0)
            continue;
        y += y <= today.y % 100 ? 2000 : 1900;
        if (make(y, m, d, out) && html_date_plausible(*out, today))
            return true;
    }
    return false;
}
