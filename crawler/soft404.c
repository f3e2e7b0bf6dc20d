/*
 * crawler/soft404.c -- soft-404 detection.  See soft404.h.
 */
#include "crawler/soft404.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define TITLE_MAX 120   /* longer titles are headlines, not error pages */

/* Lowercase "not found" phrases; matched against lowercased text. */
static const char *const phrases[] = {
    "page not found", "not found", "no longer available",
    "page does not exist", "page doesn't exist", "could not be found",
    "cannot be found", "page is missing",
    "страница не найдена", "не найдена", "не найдено",
    "страница не существует", "ошибка 404",
    "sahifa topilmadi", "topilmadi",                      /* uz */
    "саҳифа топилмади", "топилмади", "саҳифа мавжуд эмас",
    "бет табылмады", "табылмады",                        /* kk */
    "seite nicht gefunden", "nicht gefunden",
    "page introuvable", "introuvable", "page non trouvée",
    "página no encontrada", "no encontrada", "no se encontró",
    "pagina non trovata", "non trovata",
    "página não encontrada", "não encontrada",
    "sayfa bulunamadı", "bulunamadı",
    "nie znaleziono", "strona nie istnieje",
};

/* Lowercase copy: ASCII and the Cyrillic block (U+0400..U+042F). */
static char *lower_utf8(const char *s, size_t n)
{
    unsigned char *o = (unsigned char *)cc_strndup(s, n);

    for (size_t i = 0; o[i]; i++) {
        if (o[i] < 0x80) {
            o[i] = (unsigned char)tolower(o[i]);
        } else if ((o[i] == 0xD0) && o[i + 1]) {
            unsigned cp = ((o[i] & 0x1Fu) << 6) | (o[i + 1] & 0x3Fu);

            if (cp >= 0x410 && cp <= 0x42F)
                cp += 0x20;
            else if (cp >= 0x400 && cp <= 0x40F)
                cp += 0x50;
            o[i] = (unsigned char)(0xC0 | (cp >> 6));
            o[i + 1] = (unsigned char)(0x80 | (cp & 0x3F));
            i++;
        }
    }
    return (char *)o;
}

/* "404" as an error code in a title: the title starts with it, or it
 * comes with "error" / "ошибка" / a separator; "$404 million" is news. */
static bool has_404(const char *s)
{
    static const char *const forms[] = {
        "error 404", "404 error", "ошибка 404", "xato 404", "(404)",
        "404 -", "404 |", "404:", "404 –", "404 —",
    };

    while (*s == ' ')
        s++;
    if (strncmp(s, "404", 3) == 0 && !isdigit((unsigned char)s[3]))
        return true;
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
        if (strstr(s, forms[i]))
            return true;
    return false;
}

/* A bare "404" counts only in titles: body text has figures. */
static const char *match_phrase(const char *low, bool allow_404)
{
    for (size_t i = 0; i < sizeof phrases / sizeof *phrases; i++)
        if (strstr(low, phrases[i]))
            return phrases[i];
    return allow_404 && has_404(low) ? "404" : NULL;
}

/* Path of an absolute URL (without query and fragment), and its length. */
static const char *url_path(const char *url, size_t *len)
{
    const char *p = strstr(url, "://");

    p = p ? p + 3 : url;
    p += strcspn(p, "/?#");
    *len = strcspn(p, "?#");
    return p;
}

static bool is_root_path(const char *p, size_t n)
{
    size_t k = 0;

    while (n && p[n - 1] == '/')
        n--;
    if (n == 0)
        return true;
    if (p[0] == '/') {
        p++;
        n--;
    }
    if ((n > 6 && strncmp(p, "index.", 6) == 0 && !memchr(p, '/', n)) ||
        (n == 4 && strncmp(p, "home", 4) == 0))
        return true;
    /* a language root: /en, /ru, /uz-latn ... */
    while (k < n && islower((unsigned char)p[k]))
        k++;
    if (k != 2)
        return false;
    if (k == n)
        return true;
    if (p[k] != '-')
        return false;
    for (k++; k < n; k++)
        if (!isalpha((unsigned char)p[k]))
            return false;
    return true;
}

bool soft404_check(const char *url, const char *final_url, const char *title,
                   const char *text, char *why, size_t whylen)
{
    size_t tlen = text ? strlen(text) : 0;

    if (url && final_url && strcmp(url, final_url) != 0) {
        size_t n1, n2;
        const char *p1 = url_path(url, &n1), *p2 = url_path(final_url, &n2);

        if (!is_root_path(p1, n1) && is_root_path(p2, n2)) {
            cc_errf(why, whylen, "redirected to the site root %s", final_url);
            return true;
        }
    }
    if (title && *title && strlen(title) <= TITLE_MAX) {
        char *low = lower_utf8(title, strlen(title));
        const char *m = match_phrase(low, true);

        free(low);
        if (m) {
            cc_errf(why, whylen, "title says \"%s\"", title);
            return true;
        }
    }
    if (text && tlen < SOFT404_SHORT_TEXT) {
        const char *end = strstr(text, "\n\n");
        size_t n = end ? (size_t)(end - text) : tlen;
        char *low;
        const char *m;

        if (n > 300)
            n = 300;
        low = lower_utf8(text, n);
        m = match_phrase(low, false);
        free(low);
        if (m) {
            cc_errf(why, whylen, "the page says \"%s\"", m);
            return true;
        }
    }
    if ((!title || !*title) && tlen < SOFT404_EMPTY_TEXT) {
        cc_errf(why, whylen, "empty page (%zu bytes of text, no title)", tlen);
        return true;
    }
    return false;
}
