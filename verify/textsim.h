/*
 * verify/textsim.h -- rough textual agreement between a footnote and the
 * page it cites: shared title words, publisher vs site name and host.
 */
#ifndef CC_VERIFY_TEXTSIM_H
#define CC_VERIFY_TEXTSIM_H

#include "common/cc.h"

/* Share of a's content words (lowercased, ASCII-folded, stop words and
 * words under 3 letters dropped, split at punctuation and dashes) that
 * also occur in b: 1.0 when a has no content words. */
double textsim_words(const char *a, const char *b);

/* Whether a footnote's publisher ("Trend.Az", "UzA / Kazinform") names
 * the site: any of its '/'-separated parts shares half its content words
 * with site, or its letters run together appear in the URL's host (or the
 * host's main label in them). site and url may be NULL. */
bool textsim_publisher_match(const char *publisher, const char *site,
                             const char *url);

#endif
