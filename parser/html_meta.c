/*
 * parser/html_meta.c -- the page's metadata from what the walk collected:
 * title, site, author, language, canonical link, publication and
 * modification dates.  See html_meta.h for the orders of trust.
 */
#include "parser/html_meta.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parser/html_date.h"
#include "parser/html_url.h"

#define META_VALUE_MAX 4096    /* longer meta values are cut */
#define TITLE_MAX HTML_META_TITLE_MAX

/* ---- metadata keys -------------------------------------------------- */

static const struct {
    const char *key;
    enum html_meta_slot slot;
} meta_keys[] = {
    {"og:title", HM_OG_TITLE}, {"twitter:title", HM_TW_TITLE},
    {"og:site_name", HM_OG_SITE}, {"application-name", HM_APPNAME},
    {"author", HM_AUTHOR}, {"article:author", HM_ART_AUTHOR},
    {"og:url", HM_OG_URL}, {"http-equiv:content-language", HM_CONTENT_LANG},
};

/* Publication date keys, most trusted first.  "itemprop:" marks
 * microdata, "http-equiv:" http-equiv. */
static const char *const pub_keys[] = {
    "article:published_time", "og:published_time",
    "og:article:published_time", "itemprop:datepublished",
    "article.published", "dc.date.issued", "dcterms.issued", "dc.date",
    "dcterms.date", "dc.date.created", "dcterms.created",
    "citation_publication_date", "citation_date", "citation_online_date",
    "parsely-pub-date", "sailthru.date", "pubdate", "publishdate",
    "publish-date", "publish_date", "publication_date", "datepublished",
    "date", "og:pubdate", "article_date_original", "original-publish-date",
    "itemprop:datecreated", "schema:datepublished", "schema:datecreated",
    "dc:date", "dcterms:issued", "dcterms:created",
};
#define NPUB (sizeof pub_keys / sizeof *pub_keys)
const size_t html_meta_npub = NPUB;

static const char *const mod_keys[] = {
    "article:modified_time", "og:updated_time", "og:modified_time",
    "itemprop:datemodified", "dcterms.modified", "dc.date.modified",
    "last-modified", "http-equiv:last-modified", "datemodified",
    "schema:datemodified", "dcterms:modified",
};
#define NMOD (sizeof mod_keys / sizeof *mod_keys)
const size_t html_meta_nmod = NMOD;

_Static_assert(NPUB <= HTML_META_MAX_KEYS && NMOD <= HTML_META_MAX_KEYS,
               "struct html_meta has room for every date key");

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Length of the UTF-8 sequence starting with byte c (1 for junk). */
static size_t seq_len(unsigned char c)
{
    return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

char *html_meta_clean(const char *s, size_t max)
{
    struct cc_buf b;
    bool space = false;

    if (!s)
        return NULL;
    cc_buf_init(&b, max + 1);
    while (*s) {
        size_t k = seq_len((unsigned char)*s);
        size_t w = ht_space_len(s, strnlen(s, 2));

        if (w) {
            space = b.len > 0;
            s += w;
            continue;
        }
        if (strnlen(s, k) < k || b.len + (space ? 1 : 0) + k > max)
            break;
        if (space)
            cc_buf_addc(&b, ' ');
        space = false;
        cc_buf_add(&b, s, k);
        s += k;
    }
    if (b.len == 0) {
        cc_buf_free(&b);
        return NULL;
    }
    return cc_buf_take(&b);
}

void html_meta_set_once(char **slot, const char *v)
{
    if (!*slot && v)
        *slot = html_meta_clean(v, META_VALUE_MAX);
}

void html_meta_key(struct html_meta *h, const char *key, const char *value)
{
    for (size_t i = 0; i < sizeof meta_keys / sizeof *meta_keys; i++)
        if (!strcasecmp(key, meta_keys[i].key))
            html_meta_set_once(&h->slot[meta_keys[i].slot], value);
    for (size_t i = 0; i < NPUB; i++)
        if (!strcasecmp(key, pub_keys[i]))
            html_meta_set_once(&h->pub[i], value);
    for (size_t i = 0; i < NMOD; i++)
        if (!strcasecmp(key, mod_keys[i]))
            html_meta_set_once(&h->mod[i], value);
}

/* ---- metadata decisions --------------------------------------------- */

static int word_count(const char *s, size_t len)
{
    int words = 0;
    bool in = false;

    for (size_t i = 0; i < len; i++) {
        if (is_ws(s[i])) {
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

        while (i < len && is_ws(s[i]))
            i++;
        if (i >= len)
            break;
        ok = (p[i] >= 'A' && p[i] <= 'Z') ||
             (i + 1 < len && p[i] == 0xD0 && p[i + 1] >= 0x80 &&
              p[i + 1] <= 0xAF) ||
             (i + 1 < len && p[i] == 0xC3 && p[i + 1] >= 0x80 &&
              p[i + 1] <= 0x9E);
        for (j = i; j < len && !is_ws(s[j]); j++)
            if (s[j] == '.' && j > i && j + 1 < len && !is_ws(s[j + 1]))
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

char *html_meta_node_text(const struct ht_tree *t, int32_t i, size_t max)
{
    struct cc_buf b;
    char *s;

    cc_buf_init(&b, max + 8);
    ht_text_of(t, i, &b, max);
    s = html_meta_clean(b.data, max);
    cc_buf_free(&b);
    return s;
}

static char *fold(const char *s);
static bool title_match(const char *h1, const char *title);

/* Does the headline text h1 match one of the metadata titles? */
static bool h1_confirmed(const char *h1, const char *const *titles,
                         size_t n)
{
    char *fh = fold(h1);
    bool ok = false;

    for (size_t k = 0; fh && k < n && !ok; k++) {
        char *t = fold(titles[k]);

        ok = t && title_match(fh, t);
        free(t);
    }
    free(fh);
    return ok;
}

/* The visible headline is what readers (and citations) call the page's
 * title: metadata titles often carry a site suffix, a teaser prefix or an
 * SEO variant.  So the headline <h1> comes first when a metadata title
 * confirms it (or there is no metadata title at all); else og:title >
 * twitter:title > JSON-LD headline > the <h1> > <title>. */
/* Text of the headline <h1> i: when an element inside it is classed as
 * the headline proper ("ts-headline" next to "ts-overline"), only that
 * element's text; else the whole text without kicker and subtitle
 * elements. */
static char *headline_text(const struct ht_tree *t, int32_t i)
{
    struct cc_buf b;
    char *s;
    int32_t end = t->n[i].end;

    for (int32_t k = i + 1; k < end && k - i < 200; k++)
        if ((t->n[k].flags & HTF_TITLEPART) && t->n[k].end > k + 1) {
            s = html_meta_node_text(t, k, TITLE_MAX);
            if (s)
                return s;
        }
    cc_buf_init(&b, TITLE_MAX + 8);
    for (int32_t k = i; k < end && b.len < TITLE_MAX;) {
        if (k > i && (t->n[k].flags & HTF_KICKER)) {
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

static void choose_title(struct page *p, const struct html_meta *h,
                         const struct ht_tree *tree, const char *host)
{
    const char *order[] = {NULL, h->slot[HM_OG_TITLE], h->slot[HM_TW_TITLE],
                           h->jld.value[JLD_HEADLINE], NULL, h->title_el};
    char *h1 = tree->headline >= 0 ? headline_text(tree, tree->headline)
                                   : NULL;

    const char *meta[] = {h->slot[HM_OG_TITLE], h->slot[HM_TW_TITLE],
                          h->jld.value[JLD_HEADLINE], h->title_el};

    order[4] = h1;
    /* the page's only <h1> is its headline too (a site logo rarely is
     * the only one, and a one-word logo is passed over) */
    if (h1 && (h1_confirmed(h1, meta, sizeof meta / sizeof *meta) ||
               (h->nh1 == 1 && word_count(h1, strlen(h1)) >= 2)))
        order[0] = h1;
    /* the headline with a kicker of at most 4 words run into it
     * ("Tunesien Große Aufgaben ...") when a metadata title is the
     * headline proper: that one (a kicker ending in ':' stays) */
    if (order[0]) {
        char *hc = html_meta_clean(h1, TITLE_MAX);

        for (size_t k = 0; hc && k < sizeof meta / sizeof *meta; k++) {
            char *t = html_meta_clean(meta[k], TITLE_MAX);
            size_t tl, hl = strlen(hc);

            if (t)
                strip_site(t, p->site, host);
            tl = t ? strlen(t) : 0;
            if (t && tl > 0 && tl < hl && word_count(t, tl) >= 2 &&
                strcmp(hc + hl - tl, t) == 0 && hc[hl - tl - 1] == ' ' &&
                (hl - tl < 2 || hc[hl - tl - 2] != ':') &&
                word_count(hc, hl - tl) <= 4) {
                p->title = t;
                free(hc);
                free(h1);
                return;
            }
            free(t);
        }
        free(hc);
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

static bool is_url(const char *s)
{
    return s && (strncasecmp(s, "http://", 7) == 0 ||
                 strncasecmp(s, "https://", 8) == 0);
}

static void choose_meta(struct page *p, const struct html_meta *h,
                        const struct ht_tree *tree, const char *url)
{
    char *base = h->base ? html_url_resolve(url, h->base) : NULL;
    const char *b = base ? base : url;
    char *host;

    p->site = html_meta_clean(h->slot[HM_OG_SITE], TITLE_MAX);
    if (!p->site)
        p->site = html_meta_clean(h->jld.value[JLD_PUBLISHER], TITLE_MAX);
    if (!p->site)
        p->site = html_meta_clean(h->jld.value[JLD_SITE_NAME], TITLE_MAX);
    if (!p->site)
        p->site = html_meta_clean(h->slot[HM_APPNAME], TITLE_MAX);
    if (h->canonical)
        p->canonical = html_url_resolve(b, h->canonical);
    host = html_url_host(url);
    if (!host)
        host = html_url_host(p->canonical);
    if (!host)
        host = html_url_host(h->slot[HM_OG_URL]);
    if (!p->site && host)
        p->site = cc_strdup(host);
    choose_title(p, h, tree, host);
    if (h->slot[HM_AUTHOR] && !is_url(h->slot[HM_AUTHOR]))
        p->author = html_meta_clean(h->slot[HM_AUTHOR], TITLE_MAX);
    if (!p->author)
        p->author = html_meta_clean(h->jld.value[JLD_AUTHOR], TITLE_MAX);
    if (!p->author && !is_url(h->slot[HM_ART_AUTHOR]))
        p->author = html_meta_clean(h->slot[HM_ART_AUTHOR], TITLE_MAX);
    p->lang = html_meta_clean(h->lang, 64);
    if (!p->lang)
        p->lang = html_meta_clean(h->slot[HM_CONTENT_LANG], 64);
    free(host);
    free(base);
}

/* Lowercased (ASCII) copy with whitespace collapsed, for comparisons. */
static char *fold(const char *s)
{
    char *t = html_meta_clean(s, TITLE_MAX);

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

void html_meta_apply(const struct html_meta *m, const struct ht_tree *t,
                     int32_t root, struct page *p)
{
    choose_meta(p, m, t, p->url);
    html_pubdate_choose(m, t, root, p);
}

void html_meta_free(struct html_meta *m)
{
    for (int i = 0; i < HM_NSLOTS; i++)
        free(m->slot[i]);
    for (size_t i = 0; i < NPUB; i++)
        free(m->pub[i]);
    for (size_t i = 0; i < NMOD; i++)
        free(m->mod[i]);
    free(m->title_el);
    free(m->lang);
    free(m->base);
    free(m->canonical);
    html_jsonld_clear(&m->jld);
    memset(m, 0, sizeof *m);
}
