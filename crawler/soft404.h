/*
 * crawler/soft404.h -- "soft 404" detection: a 200 response that is really
 * a "not found" page, or a deep URL redirected to the site's home page.
 *
 * The rules (any one suffices):
 *   - the title, or the first paragraph of the text when the text is short
 *     (under SOFT404_SHORT_TEXT bytes), says "not found" in one of the
 *     languages listed in soft404.c (English, Russian, Uzbek Latin and
 *     Cyrillic, Kazakh, German, French, Spanish, Italian, Portuguese,
 *     Turkish, Polish), or the title shows "404" as an error code;
 *   - the page has no title and almost no text (under SOFT404_EMPTY_TEXT
 *     bytes): an empty shell;
 *   - the cited URL has a path (not "/") and the response came, after
 *     redirects, from the root of a site ("/", "/index.html", ...).
 * Pure string work; no network, no libraries.
 */
#ifndef CC_CRAWLER_SOFT404_H
#define CC_CRAWLER_SOFT404_H

#include "common/cc.h"

#define SOFT404_SHORT_TEXT 1500
#define SOFT404_EMPTY_TEXT 24

/* True when the page looks like a soft 404; why (may be NULL) gets a short
 * reason ("title says 'Page not found'", "redirected to the site root").
 * url is the URL asked for, final_url where it ended (may be NULL),
 * title and text the page's (may be NULL). */
bool soft404_check(const char *url, const char *final_url, const char *title,
                   const char *text, char *why, size_t whylen);

#endif
