/*
 * parser/html_title.c -- the page's title: the visible headline and the
 * metadata titles (og:title, twitter:title, JSON-LD headline, <title>)
 * weighed against each other, site names, kickers and section labels
 * taken off.  See html_meta.h for the order of trust.
 */
#include "parser/html_meta.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "parser/html_url.h"

#define TITLE_MAX HTML_META_TITLE_MAX

#define SHY "\xc2\xad"    /* U+00AD SOFT HYPHEN */

/* Remove soft hyphens from s in place. */
static void drop_shy(char *s)
{
    char *w = s;

    for (const char *r = s; *r;) {
        if (r[0] == SHY[0] && r[1] == SHY[1]) {
            r += 2;
            continue;
        }
        *w++ = *r++;
    }
    *w = '\0';
}

static int word_count(const char *s, size_t len)
{
    int words = 0;
    bool in = false;

    for (size_t i = 0; i < len; i++) {
        if (ht_is_ws(s[i])) {
            in = false;
        } else if (!in) {
            in = true;
            words++;
        }
    }
    return words;
}

/* Does every word of s[0..len) start with a capital letter (Latin,
 * Latin-1 or Cyrillic) or contain a dot ("Gazeta.uz")? */
static bool capitalized(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        size_t j = i;
        bool ok;

        while (i < len && ht_is_ws(s[i]))
            i++;
        if (i >= len)
            break;
        ok = (p[i] >= 'A' && p[i] <= 'Z') ||
             (i + 1 < len && p[i] == 0xD0 && p[i + 1] >= 0x80 &&
              p[i + 1] <= 0xAF) ||
             (i + 1 < len && p[i] == 0xC3 && p[i + 1] >= 0x80 &&
              p[i + 1] <= 0x9E);
        for (j = i; j < len && !ht_is_ws(s[j]); j++)
            if (s[j] == '.' && j > i && j + 1 < len && !ht_is_ws(s[j + 1]))
                ok = true;
        if (!ok)
            return false;
        i = j;
    }
    return true;
}

static bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

/* Does part (a title segment) name the site: its name, or, in at most 4
 * words, the first label of its host as a whole word ("Trend.Az" for
 * trend.az)? */
static bool names_site(const char *part, size_t len, const char *site,
                       const char *host)
{
    size_t hl;

    if (site && strlen(site) == len && strncasecmp(part, site, len) == 0)
        return true;
    if (!host || word_count(part, len) > 4)
        return false;
    hl = strcspn(host, ".");
    if (hl < 3 || len < hl)
        return false;
    for (size_t i = 0; i + hl <= len; i++)
        if (strncasecmp(part + i, host, hl) == 0 &&
            (i == 0 || !is_alnum(part[i - 1])) &&
            (i + hl == len || !is_alnum(part[i + hl])))
            return true;
    return false;
}

/* Length of a separator glued to a site name at s ("|", "_", full-width
 * "｜"; not "-", which joins words: "BMW-Chef"), or 0. */
static size_t glue_len(const char *s)
{
    if (*s == '|' || *s == '_')
        return 1;
    return strncmp(s, "\xef\xbd\x9c", 3) == 0 ? 3 : 0;
}

/* Remove the site's name glued to title by a separator without spaces
 * ("NEWS WEB EASY|Title", "Title_Site"), as CJK titles write it. */
static void strip_glued_site(char *title, const char *site)
{
    size_t sl = site ? strlen(site) : 0, tl = strlen(title), g;

    if (sl < 3 || tl <= sl + 1)
        return;
    if (strncasecmp(title, site, sl) == 0 && (g = glue_len(title + sl)) &&
        title[sl + g] && !ht_is_ws(title[sl + g])) {
        memmove(title, title + sl + g, tl - sl - g + 1);
        return;
    }
    for (size_t k = 3; k >= 1; k--)
        if (tl > sl + k && glue_len(title + tl - sl - k) == k &&
            strcasecmp(title + tl - sl, site) == 0 &&
            !ht_is_ws(title[tl - sl - k - 1])) {
            title[tl - sl - k] = '\0';
            return;
        }
}

static bool is_punct_seq(const unsigned char *p, size_t k);

/* Is the UTF-8 sequence at p a CJK character or CJK/full-width
 * punctuation (U+3000-U+9FFF, U+FF00-U+FFEF)? */
static bool is_cjk(const unsigned char *p)
{
    return (p[0] >= 0xE3 && p[0] <= 0xE9 && p[1] >= 0x80) ||
           (p[0] == 0xEF && p[1] >= 0xBC && p[1] <= 0xBF);
}

/* Remove a site name glued by "-" to the end of a CJK title
 * ("标题！-新华网"): CJK writes no hyphen between words, so a tail of
 * 2 to 8 CJK letters after a "-" that follows a CJK character is the
 * site's name, known or not. */
static void strip_cjk_tail(char *title)
{
    char *dash = strrchr(title, '-');
    const unsigned char *q;
    size_t n = 0;

    if (!dash || dash - title < 3 ||
        !is_cjk((const unsigned char *)dash - 3))
        return;
    for (q = (const unsigned char *)dash + 1; *q; q += 3, n++)
        if (ht_seq_len(*q) != 3 || !is_cjk(q) || is_punct_seq(q, 3))
            return;
    if (n >= 2 && n <= 8)
        *dash = '\0';
}

/* Remove " | Site", " - Site", " — Site" from the end of title (and
 * "Site | " from its start): always when the part names the site; else
 * after " | " a tail of at most 6 words, and after other separators a
 * capitalised tail ("Reuters", "BBC News", "Gazeta.uz") of at most 4
 * words that is shorter than the rest; at least 2 words remain. */
static void strip_site(char *title, const char *site, const char *host)
{
    static const char *const seps[] = {" | ", " - ", " — ", " – ", " :: ",
                                       " « ", " » ", " › ", " · ", " / ",
                                       " // ", " ~ "};
    bool again = true;

    /* a separator left dangling at either end: "Title |" */
    for (size_t n = strlen(title); n > 0;) {
        char c = title[n - 1];

        if (c == '|' || c == '-' || c == ' ' || c == ':' || c == '/')
            title[--n] = '\0';
        else
            break;
    }
    strip_glued_site(title, site);
    strip_cjk_tail(title);
    for (int round = 0; again && round < 3; round++) {
        size_t len = strlen(title), best = 0, bl = 0;
        int bk = -1;

        again = false;
        for (int k = 0; k < (int)(sizeof seps / sizeof *seps); k++) {
            const char *p = title, *q;
            size_t sl = strlen(seps[k]);

            while ((q = strstr(p, seps[k])) != NULL) {
                if ((size_t)(q - title) > best || bk < 0) {
                    best = (size_t)(q - title);
                    bl = sl;
                    bk = k;
                }
                p = q + 1;
            }
        }
        if (bk < 0)
            return;
        {
            const char *tail = title + best + bl;
            size_t tl = len - best - bl;
            int tw = word_count(tail, tl);
            int maxw = bk == 0 ? 6 : 4;

            if (names_site(tail, tl, site, host) ||
                (tw <= maxw && word_count(title, best) >= 2 &&
                 (bk == 0 || (word_count(title, best) > tw &&
                              capitalized(tail, tl))))) {
                title[best] = '\0';
                again = bk == 0;
                continue;
            }
        }
        /* "Site | Title" */
        for (int k = 0; k < (int)(sizeof seps / sizeof *seps); k++) {
            const char *q = strstr(title, seps[k]);

            if (q && names_site(title, (size_t)(q - title), site, host)) {
                size_t sl = strlen(seps[k]);

                memmove(title, q + sl, strlen(q + sl) + 1);
                break;
            }
        }
    }
}

static char *fold(const char *s);
static bool title_match(const char *h1, const char *title);

/* Does the headline text h1 match one of the metadata titles, with or
 * without its site part (site, host as for strip_site())? */
static bool h1_confirmed(const char *h1, const char *const *titles,
                         size_t n, const char *site, const char *host)
{
    char *fh = fold(h1);
    bool ok = false;

    for (size_t k = 0; fh && k < 2 * n && !ok; k++) {
        char *t = fold(titles[k % n]);

        if (t && k >= n)
            strip_site(t, site, host);
        ok = t && title_match(fh, t);
        free(t);
    }
    free(fh);
    return ok;
}

/* Does the <h1> i hold a kicker element? */
static bool has_kicker(const struct ht_tree *t, int32_t i)
{
    for (int32_t k = i + 1; k < t->n[i].end && k - i < 200; k++)
        if (t->n[k].flags & HTF_KICKER)
            return true;
    return false;
}

/* Text of the heading i: when an element inside it is classed as the
 * headline proper ("ts-headline" next to "ts-overline") and a kicker
 * element or other text comes first, only that element's text (one that
 * opens the heading is followed by a subtitle that belongs to it); else
 * the whole text without kicker and hidden (aria-hidden) elements. */
static char *headline_text(const struct ht_tree *t, int32_t i)
{
    struct cc_buf b;
    char *s;
    int32_t end = t->n[i].end;
    bool before = false;   /* text ahead of node k */

    for (int32_t k = i + 1; k < end && k - i < 200; k++) {
        if ((t->n[k].flags & HTF_TITLEPART) && t->n[k].end > k + 1 &&
            (before || has_kicker(t, i))) {
            s = html_meta_node_text(t, k, TITLE_MAX);
            if (s)
                return s;
        }
        if (t->n[k].tag == HT_TEXT && t->n[k].chars > 0)
            before = true;
    }
    cc_buf_init(&b, TITLE_MAX + 8);
    for (int32_t k = i; k < end && b.len < TITLE_MAX;) {
        if (k > i && (t->n[k].flags & (HTF_KICKER | HTF_BOILER_TAG))) {
            cc_buf_addc(&b, ' ');
            k = t->n[k].end;
            continue;
        }
        if (t->n[k].tag == HT_TEXT)
            cc_buf_add(&b, t->pool.data + t->n[k].off,
                       t->n[k].len < TITLE_MAX - b.len
                           ? t->n[k].len : TITLE_MAX - b.len);
        else if (t->n[k].tag == HT_BR || ht_is_block(t->n[k].tag))
            cc_buf_addc(&b, ' ');
        k++;
    }
    s = html_meta_clean(b.data, TITLE_MAX);
    cc_buf_free(&b);
    return s;
}

/* ---- headings that carry a metadata title ----------------------------- */

/* Is all text of heading i inside links to the site's home page (a logo
 * or site name, not a headline)? */
static bool home_heading(const struct ht_tree *t, int32_t i)
{
    bool any = false;

    for (int32_t k = i + 1; k < t->n[i].end && k - i < 200; k++) {
        bool home = false;

        if (t->n[k].tag != HT_TEXT || t->n[k].chars == 0)
            continue;
        for (int32_t a = t->n[k].parent; a > i && !home; a = t->n[a].parent)
            home = (t->n[a].flags & HTF_HOMELINK) != 0;
        if (!home)
            return false;
        any = true;
    }
    return any;
}

#define MAX_HEADINGS 120    /* <h1>-<h3> elements compared with titles */
#define NTITLES 4           /* og, twitter, JSON-LD headline, <title> */
#define MAX_SEPS 12         /* separators of a title split into parts */

/* Is the UTF-8 sequence at p (k bytes) punctuation, a symbol or a space
 * (U+00A0-U+00BF, U+2000-U+206F, arrows, box drawing, shapes, CJK and
 * full-width punctuation)? */
static bool is_punct_seq(const unsigned char *p, size_t k)
{
    if (k == 2)
        return p[0] == 0xC2 && p[1] >= 0xA0 && p[1] <= 0xBF;
    if (k != 3)
        return false;
    if (p[0] == 0xE2)
        return p[1] == 0x80 || p[1] == 0x81 || p[1] == 0x86 ||
               (p[1] >= 0x94 && p[1] <= 0x97);
    if (p[0] == 0xE3)
        return p[1] == 0x80;
    return p[0] == 0xEF && p[1] == 0xBC &&
           (p[2] <= 0x8F || (p[2] >= 0x9A && p[2] <= 0xA0));
}

/* Key for comparing a visible heading with a metadata title: letters and
 * digits only, lowercased (ASCII, Latin-1, Cyrillic), so typographic
 * quotes and dashes, a ':' or '-' between kicker and headline, and case
 * do not count.  Caller frees. */
static char *fuzzy_key(const char *s, size_t len)
{
    char *out = cc_malloc(len + 1);
    size_t n = 0;

    for (size_t i = 0; i < len;) {
        const unsigned char *p = (const unsigned char *)s + i;
        size_t k = ht_seq_len(*p);

        if (k > len - i)
            break;
        if (k == 1) {
            if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
                out[n++] = (char)*p;
            else if (*p >= 'A' && *p <= 'Z')
                out[n++] = (char)(*p - 'A' + 'a');
        } else if (!is_punct_seq(p, k)) {
            memcpy(out + n, p, k);
            if (k == 2 && p[0] == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E &&
                p[1] != 0x97)
                out[n + 1] = (char)(p[1] + 0x20);
            else if (k == 2 && p[0] == 0xD0 && p[1] >= 0x90 && p[1] <= 0x9F)
                out[n + 1] = (char)(p[1] + 0x20);
            else if (k == 2 && p[0] == 0xD0 && p[1] >= 0xA0 &&
                     p[1] <= 0xAF) {
                out[n] = (char)0xD1;
                out[n + 1] = (char)(p[1] - 0x20);
            }
            n += k;
        }
        i += k;
    }
    out[n] = '\0';
    return out;
}

static const char *const title_seps[] = {
    " | ", " - ", " — ", " – ", " :: ", " « ", " » ", " › ", " · ", " / ",
    " // ", " ~ ", " : ", " • ", " │ "};

/* Separator spans of title t, by position: at most MAX_SEPS, *n set. */
static void find_seps(const char *t, size_t *pos, size_t *end, size_t *n)
{
    *n = 0;
    for (size_t i = 0; t[i] && *n < MAX_SEPS; i++)
        for (size_t k = 0; k < sizeof title_seps / sizeof *title_seps; k++) {
            size_t sl = strlen(title_seps[k]);

            if (strncmp(t + i, title_seps[k], sl) == 0) {
                pos[*n] = i;
                end[*n] = i + sl;
                (*n)++;
                i += sl - 2;
                break;
            }
        }
}

/* How well does a heading (fuzzy key fh) carry metadata title t: 2 when
 * it is the title, with or without its site part (site, host as for
 * strip_site()); 1 when it is one part of it or a run of parts between
 * separators ("Post title" of "Blog name » Post title"), of 2+ words and
 * not the site's name; else 0.  A heading cut of its own site part (cut)
 * counts only when it is t as written ("Post" for "Post | Blog"). */
static int heading_rank(const char *fh, bool cut, const char *t,
                        const char *site, const char *host)
{
    size_t pos[MAX_SEPS], end[MAX_SEPS], ns;
    char *k = fuzzy_key(t, strlen(t)), *st;
    int rank = 0;

    if (!*fh || strcmp(fh, k) == 0 || cut) {
        rank = *fh && strcmp(fh, k) == 0 ? 2 : 0;
        goto out;
    }
    st = cc_strdup(t);
    strip_site(st, site, host);
    free(k);
    k = fuzzy_key(st, strlen(st));
    free(st);
    if (strcmp(fh, k) == 0) {
        rank = 2;
        goto out;
    }
    find_seps(t, pos, end, &ns);
    for (size_t i = 0; i <= ns && !rank; i++) {
        size_t from = i == 0 ? 0 : end[i - 1];

        for (size_t j = i; j <= ns && !rank; j++) {
            size_t to = j == ns ? strlen(t) : pos[j];
            char *pk;

            if ((i == 0 && j == ns) || to <= from ||
                word_count(t + from, to - from) < 2 ||
                names_site(t + from, to - from, site, host))
                continue;
            pk = fuzzy_key(t + from, to - from);
            if (strcmp(fh, pk) == 0)
                rank = 1;
            free(pk);
        }
    }
out:
    free(k);
    return rank;
}

/* The visible heading (<h1>, <h2> or <h3>) that carries a metadata title:
 * the best rank of heading_rank(), then the highest level, then the
 * longest, then the first.  A heading with a site part of its own ("Post |
 * Blog") counts at rank 2 when it is the title without it; *strip is then
 * set.  Returns the node or -1; *rank receives the rank. */
static int32_t matched_heading(const struct ht_tree *tree,
                               const char *const *meta, size_t nmeta,
                               const char *site, const char *host,
                               int *rank, bool *strip)
{
    int32_t best = -1;
    size_t best_len = 0, seen = 0;
    int best_lvl = 0;

    *rank = 0;
    *strip = false;
    for (size_t i = 0; i < tree->count && seen < MAX_HEADINGS; i++) {
        int lvl = tree->n[i].tag - HT_H1 + 1;
        char *h, *fh[2];

        /* classed as hidden, screen-reader text or a teaser; a logo */
        if (tree->n[i].tag < HT_H1 || lvl > 3 ||
            (tree->n[i].flags & (HTF_BOILER | HTF_BOILER_TAG)) ==
                HTF_BOILER || home_heading(tree, (int32_t)i))
            continue;
        seen++;
        h = headline_text(tree, (int32_t)i);
        if (!h)
            continue;
        fh[0] = fuzzy_key(h, strlen(h));
        strip_site(h, site, host);
        fh[1] = fuzzy_key(h, strlen(h));
        for (size_t k = 0; k < nmeta * 2; k++) {
            const char *f = fh[k / nmeta];
            int r = meta[k % nmeta] ? heading_rank(f, k >= nmeta,
                                                   meta[k % nmeta], site,
                                                   host) : 0;
            size_t len = strlen(f);
            bool better;

            if (k >= nmeta && (r < 2 || strcmp(fh[0], fh[1]) == 0))
                continue;
            if (r > *rank || !r)
                better = r > 0;
            else if (r < *rank)
                better = false;
            else if (lvl != best_lvl)
                better = lvl < best_lvl;
            else
                better = len > best_len;
            if (better) {
                *rank = r;
                *strip = k >= nmeta;
                best = (int32_t)i;
                best_len = len;
                best_lvl = lvl;
            }
        }
        free(fh[0]);
        free(fh[1]);
        free(h);
    }
    return best;
}

/* A heading h whose first words are a kicker run into it ("Olympia
 * 2024 Drinks by boat") where a metadata title sets them apart ("Olympia
 * 2024 - Drinks by boat", "Olympia 2024: Drinks by boat"): the part after
 * the kicker, else NULL.  Caller frees. */
static char *drop_kicker(const char *h, const char *const *meta,
                         size_t nmeta)
{
    static const char *const ks[] = {": ", " - ", " – ", " — ", " | "};
    size_t hl = strlen(h);

    for (size_t k = 0; k < nmeta; k++) {
        for (size_t s = 0; meta[k] && s < sizeof ks / sizeof *ks; s++) {
            const char *q = strstr(meta[k], ks[s]);
            const char *rest;
            size_t al, rl;
            char *ka, *kb;
            bool ok;

            if (!q || q == meta[k])
                continue;
            al = (size_t)(q - meta[k]);
            rest = q + strlen(ks[s]);
            rl = strlen(rest);
            if (rl == 0 || rl + 2 >= hl ||
                strncmp(h + hl - rl, rest, rl) != 0 || h[hl - rl - 1] != ' ')
                continue;
            /* the heading sets them apart itself: not a kicker */
            if (!is_alnum(h[hl - rl - 2]) ||
                is_punct_seq((const unsigned char *)h + hl - rl - 3, 2) ||
                (hl - rl >= 4 &&
                 is_punct_seq((const unsigned char *)h + hl - rl - 4, 3)))
                continue;
            ka = fuzzy_key(h, hl - rl - 1);
            kb = fuzzy_key(meta[k], al);
            ok = *ka && strcmp(ka, kb) == 0 && word_count(rest, rl) >= 2;
            free(ka);
            free(kb);
            if (ok)
                return cc_strdup(h + hl - rl);
        }
    }
    return NULL;
}

/* Does s[0..n) end in a quotation followed by ':' ("\"Pure void\":")? */
static bool quote_colon(const char *s, size_t n)
{
    static const char *const q[] = {"\"", "'", "\xe2\x80\x9c",
                                    "\xe2\x80\x9d", "\xe2\x80\x99",
                                    "\xc2\xbb", "\xc2\xab"};

    if (n < 2 || s[n - 1] != ':')
        return false;
    for (size_t k = 0; k < sizeof q / sizeof *q; k++) {
        size_t l = strlen(q[k]);

        if (n - 1 >= l && memcmp(s + n - 1 - l, q[k], l) == 0)
            return true;
    }
    return false;
}

/* The first <h2> of 2+ words that is not inside boilerplate (one word is
 * a label: "Content", "Navigation"), or -1. */
static int32_t first_h2(const struct ht_tree *t)
{
    for (size_t i = 0; i < t->count; i++) {
        bool boiler = false;
        char *s;

        if (t->n[i].tag != HT_H2)
            continue;
        for (int32_t a = (int32_t)i; a >= 0 && !boiler; a = t->n[a].parent)
            boiler = (t->n[a].flags & HTF_BOILER) != 0;
        if (boiler || home_heading(t, (int32_t)i))
            continue;
        s = html_meta_node_text(t, (int32_t)i, 64);
        if (s && word_count(s, strlen(s)) >= 2) {
            free(s);
            return (int32_t)i;
        }
        free(s);
    }
    return -1;
}

/* Are all <h1> links to the home page? */
static bool all_home(const struct html_meta *h, const struct ht_tree *t)
{
    for (size_t k = 0; k < h->nh1; k++)
        if (!home_heading(t, h->h1[k]))
            return false;
    return h->nh1 > 0;
}

/* Two or more <h1>, each a one-word label ("Page", "User": the headings
 * of a wiki's side menus), so none is a headline. */
static bool all_labels(const struct html_meta *h, const struct ht_tree *t)
{
    for (size_t k = 0; k < h->nh1; k++) {
        char *s = html_meta_node_text(t, h->h1[k], TITLE_MAX);
        bool one = s && *s && word_count(s, strlen(s)) == 1;

        free(s);
        if (!one)
            return false;
    }
    return h->nh1 >= 2;
}

/* Words of s of two or more characters (a one-letter word in a heading
 * is often an icon font's glyph: "O Opinion"). */
static int long_words(const char *s)
{
    int n = 0;

    for (const char *p = s; *p;) {
        size_t w;

        while (ht_is_ws(*p))
            p++;
        w = strcspn(p, " \t\n\r");
        if (w > 1)
            n++;
        p += w;
    }
    return n;
}

/* Is the <h1> i a label or a teaser rather than a second headline: one
 * word ("Anwendung", "Menu") or dropped from the page's text by the
 * extractor (a newsletter box, a sidebar)? */
static bool minor_h1(const struct ht_tree *t, int32_t i)
{
    char *s;
    bool minor;

    for (int32_t a = i; a >= 0; a = t->n[a].parent)
        if (t->n[a].flags & HTF_DEAD)
            return true;
    s = html_meta_node_text(t, i, TITLE_MAX);
    minor = !s || long_words(s) < 2;
    free(s);
    return minor;
}

/* The page's only <h1> that is not a link to the home page (the same
 * text twice counts once; later labels and teasers, minor_h1(), do not
 * count), or -1. */
static int32_t sole_h1(const struct html_meta *h, const struct ht_tree *t)
{
    int32_t one = -1;

    char *first = NULL;

    for (size_t k = 0; k < h->nh1; k++) {
        char *s;
        bool same;

        if (home_heading(t, h->h1[k]))
            continue;
        if (one >= 0 && minor_h1(t, h->h1[k]))
            continue;
        if (one < 0) {
            one = h->h1[k];
            first = html_meta_node_text(t, one, TITLE_MAX);
            continue;
        }
        /* the same headline twice (a mobile and a desktop copy) */
        s = html_meta_node_text(t, h->h1[k], TITLE_MAX);
        same = s && first && strcmp(s, first) == 0;
        free(s);
        if (!same) {
            free(first);
            return -1;
        }
    }
    /* a label of one word besides an icon's letter is no headline */
    if (first && long_words(first) < 2 &&
        word_count(first, strlen(first)) >= 2)
        one = -1;
    free(first);
    return one;
}

/* The title from heading hd that carries a metadata title (meta: the
 * NTITLES titles, NULL when absent): its text, without its own
 * site part when strip is set, without a kicker that a metadata title
 * (with or without its site part) sets apart.  NULL when blank; caller
 * frees. */
static char *heading_title(const struct ht_tree *tree, int32_t hd,
                           bool strip, const char *const *meta,
                           const char *site, const char *host)
{
    char *st[2 * NTITLES];
    char *t = headline_text(tree, hd), *k;

    if (!t)
        return NULL;
    for (size_t i = 0; i < NTITLES; i++) {
        st[i] = html_meta_clean(meta[i], TITLE_MAX);
        st[NTITLES + i] = html_meta_clean(meta[i], TITLE_MAX);
        if (st[i])
            strip_site(st[i], site, host);
    }
    if (strip)
        strip_site(t, site, host);
    k = drop_kicker(t, (const char *const *)st, 2 * NTITLES);
    for (size_t i = 0; i < 2 * NTITLES; i++)
        free(st[i]);
    if (k) {
        free(t);
        t = k;
    }
    if (!*t) {
        free(t);
        return NULL;
    }
    return t;
}

/* When heading hd opens with an element of its own ("<em>Kicker</em>
 * Title", "<span class=...>Kicker</span>Title") whose text starts hc
 * (hd's text) and text follows it: the length of that text in hc, else 0. */
static size_t lead_element(const struct ht_tree *tree, int32_t hd,
                           const char *hc)
{
    int32_t c = hd >= 0 ? tree->n[hd].first : -1;
    char *s;
    size_t n = 0;

    /* whitespace before the element */
    while (c >= 0 && tree->n[c].tag == HT_TEXT && tree->n[c].chars == 0)
        c = tree->n[c].next;
    if (c < 0 || tree->n[c].tag == HT_TEXT || tree->n[c].next < 0)
        return 0;
    s = html_meta_node_text(tree, c, TITLE_MAX);
    if (s) {
        drop_shy(s);
        n = strlen(s);
        if (strncmp(hc, s, n) != 0 || !hc[n])
            n = 0;
    }
    free(s);
    return n;
}

/* The part of <title> t (split at title_seps, 2+ parts) that a page
 * description repeats word for word, of 2+ words ("Site - Headline -
 * Section" with the description "Headline": CMSs that fill the
 * description with the headline), else NULL.  Caller frees. */
static char *described_part(const char *t, const struct html_meta *h)
{
    size_t pos[MAX_SEPS], end[MAX_SEPS], ns;
    char *out = NULL;

    if (!t)
        return NULL;
    find_seps(t, pos, end, &ns);
    for (int d = HM_DESC; d <= HM_OG_DESC && ns > 0 && !out; d++) {
        char *desc = html_meta_clean(h->slot[d], TITLE_MAX);
        size_t dl = desc ? strlen(desc) : 0;

        for (size_t k = 0; dl && k <= ns && !out; k++) {
            size_t a = k ? end[k - 1] : 0, b = k < ns ? pos[k] : strlen(t);

            if (b - a == dl && strncmp(t + a, desc, dl) == 0 &&
                word_count(desc, dl) >= 2)
                out = cc_strdup(desc);
        }
        free(desc);
    }
    return out;
}

/* The text after the last ": " that two metadata titles share while
 * they differ before it (2+ words), else NULL.  Caller frees. */
static char *common_tail(const char *const *meta, size_t nmeta)
{
    for (size_t a = 0; a < nmeta; a++)
        for (size_t b = a + 1; meta[a] && b < nmeta; b++) {
            const char *qa = meta[a] ? strstr(meta[a], ": ") : NULL;
            const char *qb = meta[b] ? strstr(meta[b], ": ") : NULL;

            for (const char *q; qa && (q = strstr(qa + 2, ": "));)
                qa = q;
            for (const char *q; qb && (q = strstr(qb + 2, ": "));)
                qb = q;
            if (qa && qb && strcmp(qa, qb) == 0 &&
                (qa - meta[a] != qb - meta[b] ||
                 strncmp(meta[a], meta[b], (size_t)(qa - meta[a])) != 0) &&
                word_count(qa + 2, strlen(qa + 2)) >= 2)
                return html_meta_clean(qa + 2, TITLE_MAX);
        }
    return NULL;
}

/* Is hc[0..kick) (a heading's opening element) the first part of a
 * metadata title set apart by a separator ("Kicker - ...", "Kicker: ..."),
 * with 2+ words of heading after it? */
static bool meta_kicker(const char *hc, size_t kick, const char *const *meta,
                        size_t nmeta)
{
    static const char *const ks[] = {": ", " - ", " – ", " — ", " | "};
    char *fk = fuzzy_key(hc, kick);
    bool ok = false;

    if (!*fk || word_count(hc + kick, strlen(hc + kick)) < 2) {
        free(fk);
        return false;
    }
    for (size_t k = 0; k < nmeta && !ok; k++)
        for (size_t s = 0; meta[k] && s < sizeof ks / sizeof *ks && !ok;
             s++) {
            const char *q = strstr(meta[k], ks[s]);
            char *fm;

            if (!q || q == meta[k])
                continue;
            fm = fuzzy_key(meta[k], (size_t)(q - meta[k]));
            ok = strcmp(fm, fk) == 0;
            free(fm);
        }
    free(fk);
    return ok;
}

/* The visible headline is what readers (and citations) call the page's
 * title: metadata titles often carry a site suffix, a teaser prefix or an
 * SEO variant, and a blog's <h1> is often its name.  The order of trust
 * is in html_meta.h. */
static void choose_title(struct page *p, const struct html_meta *h,
                         const struct ht_tree *tree, const char *host)
{
    const char *order[] = {NULL, h->slot[HM_OG_TITLE], h->slot[HM_TW_TITLE],
                           h->jld.value[JLD_HEADLINE], NULL, h->title_el};
    char *h1 = tree->headline >= 0 ? headline_text(tree, tree->headline)
                                   : NULL;
    int32_t h1n = tree->headline;   /* the node h1 is from */

    const char *meta[NTITLES] = {h->slot[HM_OG_TITLE],
                                 h->slot[HM_TW_TITLE],
                                 h->jld.value[JLD_HEADLINE], h->title_el};
    const size_t nmeta = NTITLES;
    bool confirmed = h1 && h1_confirmed(h1, meta, nmeta, p->site, host) &&
                     (tree->n[tree->headline].flags &
                      (HTF_BOILER | HTF_BOILER_TAG)) != HTF_BOILER &&
                     !home_heading(tree, tree->headline),
         strip;
    int rank;
    int32_t solo = sole_h1(h, tree), h2;
    bool labels = !confirmed && all_labels(h, tree);
    int32_t hd = matched_heading(tree, meta, nmeta, p->site, host, &rank,
                                 &strip);

    /* a heading that is a metadata title or one part of it is the
     * headline as the reader sees it; when the headline <h1> holds a
     * metadata title, only an <h1> that is one; a part of a title in an
     * <h2> or <h3> does not beat the page's only <h1> */
    if (hd >= 0 && rank == 1 && tree->n[hd].tag != HT_H1 && solo >= 0) {
        char *s = headline_text(tree, solo);

        if (s && word_count(s, strlen(s)) >= 2)
            hd = -1;
        free(s);
    }
    if (hd >= 0 && (!confirmed ||
                    (rank == 2 && tree->n[hd].tag == HT_H1)) &&
        (p->title = heading_title(tree, hd, strip, meta, p->site, host))) {
        free(h1);
        return;
    }
    /* the page's only <h1> besides links to the home page (site logos)
     * is its headline too (a one-word logo is passed over) */
    if (confirmed || labels)
        solo = -1;
    if (solo >= 0 && solo != tree->headline) {
        free(h1);
        h1 = headline_text(tree, solo);
        h1n = solo;
    }
    /* no <h1> with text, or only logos: the first <h2> outside
     * boilerplate */
    if (h1 && !confirmed && solo < 0 &&
        (all_home(h, tree) || labels)) {
        free(h1);
        h1 = NULL;
    }
    if (!h1 && (h2 = first_h2(tree)) >= 0) {
        h1 = headline_text(tree, h2);
        h1n = solo = h2;
    }
    order[4] = h1;
    if (h1 && (confirmed || (solo >= 0 && word_count(h1, strlen(h1)) >= 2)))
        order[0] = h1;
    /* the headline with a kicker of at most 4 words run into it
     * ("Tunesien Große Aufgaben ...") when a metadata title is the
     * headline proper: that one (a quotation ending in ':' stays) */
    if (order[0]) {
        char *hc = html_meta_clean(h1, TITLE_MAX);
        size_t kick = 0;

        if (hc) {
            drop_shy(hc);
            kick = lead_element(tree, h1n, hc);
        }
        for (size_t k = 0; hc && k < sizeof meta / sizeof *meta; k++) {
            char *t = html_meta_clean(meta[k], TITLE_MAX);
            size_t tl, hl = strlen(hc);

            if (t)
                strip_site(t, p->site, host);
            tl = t ? strlen(t) : 0;
            if (t && tl > 0 && tl < hl && word_count(t, tl) >= 2 &&
                strcmp(hc + hl - tl, t) == 0 &&
                !quote_colon(hc, hl - tl - (hc[hl - tl - 1] == ' ')) &&
                ((hc[hl - tl - 1] == ' ' && word_count(hc, hl - tl) <= 4) ||
                 (kick > 0 && (hl - tl == kick ||
                               (hl - tl == kick + 1 && hc[kick] == ' '))))) {
                p->title = t;
                free(hc);
                free(h1);
                return;
            }
            free(t);
        }
        /* the kicker element is the part a metadata title sets apart
         * in front ("Kicker - rest of the title"): the rest */
        if (hc && kick > 0 && meta_kicker(hc, kick, meta, nmeta)) {
            size_t o = kick + (hc[kick] == ' ');

            p->title = cc_strdup(hc + o);
            free(hc);
            free(h1);
            return;
        }
        free(hc);
    }
    /* no headline: metadata titles that agree on what follows ": " and
     * differ before it set a kicker or section apart ("Teaser: Title",
     * "Site | Section: Title") */
    if (!order[0] && (p->title = common_tail(meta, nmeta)) != NULL) {
        free(h1);
        return;
    }
    /* no headline: the part of <title> the description repeats */
    if (!order[0]) {
        char *t = html_meta_clean(h->title_el, TITLE_MAX);

        p->title = described_part(t, h);
        free(t);
        if (p->title) {
            free(h1);
            return;
        }
    }
    for (size_t k = 0; k < sizeof order / sizeof *order; k++) {
        char *t = html_meta_clean(order[k], TITLE_MAX);

        if (!t)
            continue;
        if (order[k] != h1)
            strip_site(t, p->site, host);
        /* a title that only names the site is not the article's */
        if (*t && !names_site(t, strlen(t), p->site, NULL)) {
            p->title = html_meta_clean(t, TITLE_MAX);
            free(t);
            break;
        }
        free(t);
    }
    free(h1);
}

#define CONT_GAP 200    /* characters of text between <h1> and <h2> */

/* A headline <h1> hd continued by the heading that follows it: the next
 * <h1> or <h2>, with at most CONT_GAP characters of text between, whose
 * text (whole, or without kicker elements) starts with all of hd's and
 * goes on ("Part 49" then "Part 49 - Büssing";
 * an SEO <h1> above the visible headline with its kicker).  Its
 * headline text (without kicker elements), else NULL.  Caller frees. */
static char *continued_h1(const struct ht_tree *t, int32_t hd)
{
    uint32_t gap = 0;
    char *a, *b, *fa, *fb, *s = NULL;
    int32_t k;

    for (k = t->n[hd].end; k < (int32_t)t->count && gap <= CONT_GAP; k++) {
        if (t->n[k].tag == HT_TEXT)
            gap += t->n[k].chars;
        if (t->n[k].tag == HT_H1 || t->n[k].tag == HT_H2)
            break;
    }
    if (k >= (int32_t)t->count || gap > CONT_GAP ||
        (t->n[k].tag != HT_H1 && t->n[k].tag != HT_H2))
        return NULL;
    a = html_meta_node_text(t, hd, TITLE_MAX);
    fa = a ? fuzzy_key(a, strlen(a)) : NULL;
    for (int pass = 0; pass < 2 && fa && *fa && !s; pass++) {
        b = pass ? headline_text(t, k) : html_meta_node_text(t, k, TITLE_MAX);
        fb = b ? fuzzy_key(b, strlen(b)) : NULL;
        if (fb && strlen(fb) > strlen(fa) &&
            strncmp(fb, fa, strlen(fa)) == 0)
            s = headline_text(t, k);
        free(b);
        free(fb);
    }
    free(a);
    free(fa);
    return s;
}

/* When the title chosen is the headline <h1> and continued_h1() finds
 * its fuller form, that form, without a kicker a metadata title sets
 * apart. */
static void continue_title(struct page *p, const struct html_meta *h,
                           const struct ht_tree *tree)
{
    const char *meta[NTITLES] = {h->slot[HM_OG_TITLE], h->slot[HM_TW_TITLE],
                                 h->jld.value[JLD_HEADLINE], h->title_el};
    char *hl, *fh, *ft, *c, *k;
    bool same;

    if (!p->title || tree->headline < 0)
        return;
    hl = headline_text(tree, tree->headline);
    fh = hl ? fuzzy_key(hl, strlen(hl)) : NULL;
    ft = fuzzy_key(p->title, strlen(p->title));
    same = fh && *fh && strcmp(fh, ft) == 0;
    free(hl);
    free(fh);
    free(ft);
    if (!same || !(c = continued_h1(tree, tree->headline)))
        return;
    k = drop_kicker(c, meta, NTITLES);
    free(p->title);
    if (k) {
        free(c);
        c = k;
    }
    p->title = c;
}

/* Tidy a chosen title in place: a separator left dangling in front
 * ("- Title" once a kicker element is gone) goes. */
static void tidy_title(char *t)
{
    static const char *const lead[] = {"- ", "– ", "— ", "| ", ": ",
                                       "• ", "· ", "» ", "/ "};

    size_t n;

    for (size_t k = 0; k < sizeof lead / sizeof *lead; k++) {
        size_t l = strlen(lead[k]);

        if (strncmp(t, lead[k], l) == 0 && t[l]) {
            memmove(t, t + l, strlen(t + l) + 1);
            return;
        }
    }
    /* a leading token of ASCII symbols only: a bullet or an arrow drawn
     * in text ("[> Name", ">> Name", "** Name") */
    n = strspn(t, "[]<>(){}|/\\*~=#+-:.");
    if (n > 0 && t[n] == ' ' && t[n + 1])
        memmove(t, t + n + 1, strlen(t + n + 1) + 1);
}

/* Replace *s by its Unicode NFC form (utf8proc), the form text typed or
 * copied is compared in: a precomposed letter is written composed, and a
 * composition exclusion such as U+09DC decomposed, as normalised text
 * writes it.  *s is kept when it is not valid UTF-8. */
static void title_nfc(char **s)
{
    char *n = (char *)utf8proc_NFC((const utf8proc_uint8_t *)*s);

    if (!n)
        return;
    free(*s);
    *s = n;
}

/* Does a metadata title spell words with soft hyphens?  When none does,
 * a heading's soft hyphens (invisible break points) are dropped: the
 * page spells the title without them. */
static bool meta_has_shy(const struct html_meta *h)
{
    const char *meta[NTITLES] = {h->slot[HM_OG_TITLE], h->slot[HM_TW_TITLE],
                                 h->jld.value[JLD_HEADLINE], h->title_el};

    for (size_t k = 0; k < NTITLES; k++)
        if (meta[k] && strstr(meta[k], SHY))
            return true;
    return false;
}

/* Lowercased (ASCII) copy with whitespace collapsed and soft hyphens
 * (invisible) dropped, for comparisons. */
static char *fold(const char *s)
{
    char *t = html_meta_clean(s, TITLE_MAX);

    if (t)
        drop_shy(t);
    for (char *p = t; p && *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return t;
}

/* Does an <h1> text match a title (one holds the other, and the shorter
 * is at least half the longer)? */
static bool title_match(const char *h1, const char *title)
{
    size_t a = strlen(h1), b = strlen(title);

    if (a == 0 || b == 0)
        return false;
    if (a <= b)
        return a * 2 >= b && strstr(title, h1);
    return b * 2 >= a && strstr(h1, title);
}

void html_meta_headline(const struct html_meta *h, struct ht_tree *tree)
{
    const char *titles[] = {h->slot[HM_OG_TITLE], h->slot[HM_TW_TITLE],
                            h->jld.value[JLD_HEADLINE], h->title_el};
    int32_t pick = h->nh1 ? h->h1[0] : -1;
    bool found = false;

    for (size_t k = 0; k < sizeof titles / sizeof *titles && !found; k++) {
        char *t = fold(titles[k]);

        for (size_t i = 0; t && i < h->nh1 && !found; i++) {
            char *x = html_meta_node_text(tree, h->h1[i], TITLE_MAX);
            char *fx = fold(x);

            if (fx && title_match(fx, t)) {
                pick = h->h1[i];
                found = true;
            }
            free(fx);
            free(x);
        }
        free(t);
    }
    tree->headline = pick;
    if (pick >= 0)
        tree->n[pick].flags |= HTF_HEADLINE;
}

void html_title_choose(struct page *p, const struct html_meta *h,
                       const struct ht_tree *tree, const char *host)
{
    choose_title(p, h, tree, host);
    continue_title(p, h, tree);
    if (p->title) {
        tidy_title(p->title);
        if (strstr(p->title, SHY) && !meta_has_shy(h))
            drop_shy(p->title);
        title_nfc(&p->title);
    }
}
