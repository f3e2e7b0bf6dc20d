/*
 * verify/textsim.c -- word overlap and publisher/host matching.
 */
#include "verify/textsim.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "verify/names.h"

#define TS_MAX_WORDS 128

static bool stop_word(const char *w)
{
    static const char *const stop[] = {
        "the", "and", "for", "with", "from", "over", "into", "its", "his",
        "her", "are", "was", "were", "has", "have", "that", "this", "of",
        "in", "on", "at", "to", "by", "an", "a", "as", "is", "be", "or",
        "republic", "official", "site", "news", "media", "agency", "www",
        "com", "org", "net", "uz", "kz", "ru", "az", "en"};

    for (size_t i = 0; i < sizeof stop / sizeof *stop; i++)
        if (strcmp(w, stop[i]) == 0)
            return true;
    return false;
}

/* Content-word keys of s (names_key folds scripts and case). */
static size_t words(const char *s, char **out, size_t max)
{
    size_t n = 0, i = 0, len = strlen(s);

    while (i < len && n < max) {
        size_t a;

        while (i < len && (isspace((unsigned char)s[i]) ||
                           (ispunct((unsigned char)s[i]) && s[i] != '\'')))
            i++;
        a = i;
        /* a word: up to space or ASCII punctuation (apostrophe stays);
         * multi-byte characters such as dashes end it too */
        while (i < len && !isspace((unsigned char)s[i]) &&
               !(ispunct((unsigned char)s[i]) && s[i] != '\'')) {
            if ((unsigned char)s[i] == 0xE2) /* U+2000.. punctuation */
                break;
            i++;
        }
        if (i == a) {
            i++;
            continue;
        }
        {
            char *k = names_key(s + a, i - a);

            /* "uzbekistan's" -> drop a possessive s left after the
             * apostrophe was removed */
            if (strlen(k) >= 3 && !stop_word(k))
                out[n++] = k;
            else
                free(k);
        }
    }
    return n;
}

static void free_words(char **w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(w[i]);
}

static bool same_word(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);

    if (strcmp(a, b) == 0)
        return true;
    /* possessive or plural: "uzbekistans" ~ "uzbekistan" */
    if (la == lb + 1 && a[la - 1] == 's' && strncmp(a, b, lb) == 0)
        return true;
    if (lb == la + 1 && b[lb - 1] == 's' && strncmp(a, b, la) == 0)
        return true;
    return false;
}

double textsim_words(const char *a, const char *b)
{
    char *wa[TS_MAX_WORDS], *wb[TS_MAX_WORDS];
    size_t na = words(a, wa, TS_MAX_WORDS), nb = words(b, wb, TS_MAX_WORDS);
    size_t hit = 0;
    double r;

    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++)
            if (same_word(wa[i], wb[j])) {
                hit++;
                break;
            }
    r = na ? (double)hit / (double)na : 1.0;
    free_words(wa, na);
    free_words(wb, nb);
    return r;
}

/* Host of an http(s) URL, lowercased, without "www.". Caller frees. */
static char *url_host(const char *url)
{
    const char *p = strstr(url, "://"), *e;
    char *h;

    if (!p)
        return NULL;
    p += 3;
    e = p;
    while (*e && *e != '/' && *e != ':' && *e != '?' && *e != '#')
        e++;
    if (e - p > 4 && strncmp(p, "www.", 4) == 0)
        p += 4;
    h = cc_strndup(p, (size_t)(e - p));
    for (char *c = h; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    return h;
}

/* Letters and digits of s, lowercased. Caller frees. */
static char *squash(const char *s)
{
    char *k = names_key(s, strlen(s));

    return k;
}

bool textsim_publisher_match(const char *publisher, const char *site,
                             const char *url)
{
    char *host = url ? url_host(url) : NULL;
    char *label = NULL;
    bool ok = false;
    const char *part = publisher;

    if (host) {
        /* main label: the part before the last dot (trend.az -> trend,
         * uz.kursiv.media -> kursiv) */
        char *dot = strrchr(host, '.');
        char *start;

        if (dot) {
            *dot = '\0';
            start = strrchr(host, '.');
            label = cc_strdup(start ? start + 1 : host);
            *dot = '.';
        } else {
            label = cc_strdup(host);
        }
    }
    while (part && *part && !ok) {
        const char *slash = strchr(part, '/');
        char *one = cc_strndup(part, slash ? (size_t)(slash - part)
                                           : strlen(part));
        char *sq = squash(one);

        if (site && textsim_words(one, site) >= 0.5)
            ok = true;
        if (!ok && label && strlen(label) >= 3 && strlen(sq) >= 3) {
            char *lk = squash(label);

            ok = strstr(sq, lk) != NULL || strstr(lk, sq) != NULL;
            free(lk);
        }
        free(sq);
        free(one);
        part = slash ? slash + 1 : NULL;
    }
    free(host);
    free(label);
    return ok;
}
