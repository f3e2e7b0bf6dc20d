/*
 * verify/names.c -- person names and transliteration-tolerant matching.
 *
 * The key of a word is a rough phonetic skeleton shared by its Latin
 * (Uzbek, English) and Cyrillic (Russian, Kazakh) spellings, so that
 * "Smaiylov", "Smailov" and "Смаилов" all key to "smailov".
 */
#include "verify/names.h"

#include <stdlib.h>
#include <string.h>

/* Decode one UTF-8 sequence at s[*i] (bounded by len); invalid bytes
 * decode as U+FFFD and advance by one. */
static unsigned utf8_next(const char *s, size_t len, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s + *i;
    size_t left = len - *i;
    unsigned c;

    if (u[0] < 0x80) {
        (*i)++;
        return u[0];
    }
    if ((u[0] & 0xE0) == 0xC0 && left >= 2 && (u[1] & 0xC0) == 0x80) {
        c = ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
        *i += 2;
        return c >= 0x80 ? c : 0xFFFD;
    }
    if ((u[0] & 0xF0) == 0xE0 && left >= 3 && (u[1] & 0xC0) == 0x80 &&
        (u[2] & 0xC0) == 0x80) {
        c = ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
        *i += 3;
        return c >= 0x800 ? c : 0xFFFD;
    }
    if ((u[0] & 0xF8) == 0xF0 && left >= 4 && (u[1] & 0xC0) == 0x80 &&
        (u[2] & 0xC0) == 0x80 && (u[3] & 0xC0) == 0x80) {
        c = ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) |
            ((u[2] & 0x3Fu) << 6) | (u[3] & 0x3Fu);
        *i += 4;
        return c >= 0x10000 && c <= 0x10FFFF ? c : 0xFFFD;
    }
    (*i)++;
    return 0xFFFD;
}

static bool is_apostrophe(unsigned c)
{
    return c == '\'' || c == '`' || c == 0x2018 || c == 0x2019 ||
           c == 0x02BB || c == 0x02BC;
}

static bool is_letter(unsigned c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
           (c >= 0x400 && c <= 0x4FF);
}

static bool is_upper(unsigned c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
           (c >= 0x400 && c <= 0x42F);
}

/* Latin spelling of one Cyrillic letter (lowercase), or NULL. */
static const char *cyr_latin(unsigned c)
{
    static const char *const basic[32] = {
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k",
        "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh",
        "ts", "ch", "sh", "sch", "", "y", "", "e", "yu", "ya"};

    if (c >= 0x410 && c <= 0x42F)
        c += 0x20;
    if (c >= 0x430 && c <= 0x44F)
        return basic[c - 0x430];
    switch (c) {
    case 0x401: case 0x451: return "yo";
    case 0x4D8: case 0x4D9: return "a";   /* ә */
    case 0x492: case 0x493: return "g";   /* ғ */
    case 0x49A: case 0x49B: return "k";   /* қ */
    case 0x4A2: case 0x4A3: return "n";   /* ң */
    case 0x4E8: case 0x4E9: return "o";   /* ө */
    case 0x4B0: case 0x4B1: return "u";   /* ұ */
    case 0x4AE: case 0x4AF: return "u";   /* ү */
    case 0x4BA: case 0x4BB: return "h";   /* һ */
    case 0x406: case 0x456: return "i";   /* і */
    case 0x40E: case 0x45E: return "u";   /* ў */
    }
    return NULL;
}

static bool vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static bool ends_with(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);

    return n >= k && memcmp(s + n - k, suf, k) == 0;
}

char *names_key(const char *word, size_t len)
{
    struct cc_buf raw;
    size_t i = 0, n, o;
    char *k;
    static const char *const uz_case[] = {"ning", "dan", "lar", "ni", "ga",
                                          "ka", "qa", "da", "ta"};
    static const char *const ru_case[] = {"ovym", "evym", "inym", "ova",
                                          "eva", "ina", "ovu", "evu", "inu",
                                          "ove", "eve", "ine"};

    cc_buf_init(&raw, 4 * len + 16);
    while (i < len) {
        unsigned c = utf8_next(word, len, &i);
        const char *t = cyr_latin(c);

        if (t) {
            (void)cc_buf_addstr(&raw, t);
        } else if (c < 0x80 && ((c >= 'a' && c <= 'z') ||
                                (c >= 'A' && c <= 'Z'))) {
            (void)cc_buf_addc(&raw, (char)(c | 0x20));
        } else if (c >= 0xC0 && c <= 0x17F) {
            /* Latin-1/Extended-A letters: fold the common ones. */
            static const char fold[] = "aaaaaaaceeeeiiiidnooooo ouuuuyts";
            unsigned b = c >= 0xE0 && c <= 0xFF ? c - 0x20 : c;

            if (b >= 0xC0 && b <= 0xDF && fold[b - 0xC0] != ' ')
                (void)cc_buf_addc(&raw, fold[b - 0xC0]);
            else if (c == 0x11F || c == 0x11E)
                (void)cc_buf_addc(&raw, 'g');
            else if (c == 0x15F || c == 0x15E)
                (void)cc_buf_addstr(&raw, "sh");
            else if (c == 0x131)
                (void)cc_buf_addc(&raw, 'i');
        }
        /* apostrophes and everything else are dropped */
    }
    k = cc_buf_take(&raw);
    /* Phonetic folding, in place: kh->h, x->h, q->k, y after a vowel
     * dropped, doubled letters single. */
    n = strlen(k);
    o = 0;
    for (i = 0; i < n; i++) {
        char c = k[i];

        if (c == 'k' && i + 1 < n && k[i + 1] == 'h') {
            c = 'h';
            i++;
        } else if (c == 'x') {
            c = 'h';
        } else if (c == 'q') {
            c = 'k';
        } else if (c == 'y' && o > 0 && vowel(k[o - 1])) {
            continue;
        }
        if (o > 0 && k[o - 1] == c)
            continue;
        k[o++] = c;
    }
    k[o] = '\0';
    /* Case endings: Uzbek suffixes, then Russian surname endings. */
    for (size_t s = 0; s < sizeof uz_case / sizeof *uz_case; s++) {
        if (o > strlen(uz_case[s]) + 4 && ends_with(k, o, uz_case[s])) {
            o -= strlen(uz_case[s]);
            k[o] = '\0';
            break;
        }
    }
    for (size_t s = 0; s < sizeof ru_case / sizeof *ru_case; s++) {
        if (o > strlen(ru_case[s]) + 3 && ends_with(k, o, ru_case[s])) {
            o -= strlen(ru_case[s]) - 2;
            k[o] = '\0';
            break;
        }
    }
    return k;
}

static bool surname_like(const char *key)
{
    static const char *const suf[] = {"ov", "ev", "in", "uly", "uli", "kizi",
                                      "sky", "ski", "enko", "yan", "dze",
                                      "shvili", "ovich", "evich", "bek"};
    size_t n = strlen(key);

    if (n < 4)
        return false;
    for (size_t s = 0; s < sizeof suf / sizeof *suf; s++)
        if (ends_with(key, n, suf[s]))
            return true;
    return false;
}

static bool title_word(const char *key)
{
    static const char *const titles[] = {
        "vazir", "vaziri", "prezident", "prezidenti", "rahbari", "minister",
        "president", "premier", "ambasador", "elchisi", "ministr",
        "chairman", "raisi", "spokesman", "spokesperson", "director"};

    for (size_t s = 0; s < sizeof titles / sizeof *titles; s++)
        if (strcmp(key, titles[s]) == 0)
            return true;
    return false;
}

struct word {
    size_t start, end;
    bool cap;
};

/* Split text into words (letters and inner apostrophes). */
static size_t split_words(const char *text, size_t len, struct word **out)
{
    struct word *w = NULL;
    size_t n = 0, cap = 0, i = 0;

    while (i < len) {
        size_t at = i;
        unsigned c = utf8_next(text, len, &i);

        if (!is_letter(c))
            continue;
        w = cc_grow(w, &cap, n + 1, sizeof *w);
        w[n].start = at;
        w[n].cap = is_upper(c);
        for (;;) {
            size_t save = i;

            if (i >= len)
                break;
            c = utf8_next(text, len, &i);
            if (is_letter(c))
                continue;
            if (is_apostrophe(c) && i < len) {
                size_t j = i;

                if (is_letter(utf8_next(text, len, &j)))
                    continue;
            }
            i = save;
            break;
        }
        w[n].end = i;
        n++;
    }
    *out = w;
    return n;
}

size_t names_find(const char *text, size_t len, struct person_name *out)
{
    struct word *w;
    size_t nw = split_words(text, len, &w), n = 0;

    for (size_t i = 0; i + 1 < nw && n < NAMES_MAX; i++) {
        char *last;
        bool after_title = false;
        size_t j;

        if (!w[i].cap || !w[i + 1].cap)
            continue;
        /* words must be adjacent (only spaces between) */
        for (j = w[i].end; j < w[i + 1].start; j++)
            if (text[j] != ' ')
                break;
        if (j < w[i + 1].start)
            continue;
        if (i > 0) {
            char *prev = names_key(text + w[i - 1].start,
                                   w[i - 1].end - w[i - 1].start);

            after_title = title_word(prev);
            free(prev);
        }
        last = names_key(text + w[i + 1].start, w[i + 1].end - w[i + 1].start);
        if (surname_like(last) || after_title) {
            out[n].text = cc_strndup(text + w[i].start,
                                     w[i + 1].end - w[i].start);
            out[n].surname = last;
            n++;
            i++;
        } else {
            free(last);
        }
    }
    free(w);
    return n;
}

void names_clear(struct person_name *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(names[i].text);
        free(names[i].surname);
        names[i].text = names[i].surname = NULL;
    }
}

bool names_in_text(const char *text, size_t len, const char *surname_key)
{
    struct word *w;
    size_t nw = split_words(text, len, &w);
    size_t klen = strlen(surname_key);
    bool found = false;

    for (size_t i = 0; i < nw && !found; i++) {
        char *k;

        if (!w[i].cap)
            continue;
        k = names_key(text + w[i].start, w[i].end - w[i].start);
        /* the page's word may carry a case ending the key lacks, or the
         * claim's key may keep one letter of an ending the page lacks */
        found = strncmp(k, surname_key, klen) == 0 ||
                (strlen(k) + 1 >= klen && strlen(k) >= 4 &&
                 strncmp(surname_key, k, strlen(k)) == 0);
        free(k);
    }
    free(w);
    return found;
}
