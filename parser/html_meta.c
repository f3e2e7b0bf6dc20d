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
#define H1_WINDOW_NODES 200    /* "near the headline": nodes after <h1> */
#define H1_WINDOW_BEFORE 30    /* ... and nodes before it */
#define DATELINE_BYTES 600     /* text after <h1> searched for a dateline */
#define LAST_RESORT_BYTES (64u << 10)  /* text searched for any date */
#define LABELED_BYTES (256u << 10)  /* text searched for "Published: ..." */

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

static const char *const mod_keys[] = {
    "article:modified_time", "og:updated_time", "og:modified_time",
    "itemprop:datemodified", "dcterms.modified", "dc.date.modified",
    "last-modified", "http-equiv:last-modified", "datemodified",
    "schema:datemodified", "dcterms:modified",
};
#define NMOD (sizeof mod_keys / sizeof *mod_keys)

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

static char *node_text(const struct ht_tree *t, int32_t i, size_t max)
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
            s = node_text(t, k, TITLE_MAX);
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

/* ---- dates ------------------------------------------------------------ */

struct datectx {
    struct cc_date today;
    bool mdy;
    const struct html_meta *h;   /* every stamp of the page, for UTC ones */
    const struct ht_tree *t;
};

/* A timestamp "YYYY-MM-DD[T ]HH:MM[:SS][.fff][Z|+HH:MM|+HHMM]". */
struct stamp {
    struct cc_date day;
    int hh, mm, ss;
    bool utc;     /* Z, +00:00, +0000, " UTC", " GMT" */
};

static int digits(const char *s, int n)
{
    int v = 0;

    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static bool read_stamp(const char *v, struct stamp *o)
{
    const char *s = v;

    if (!v)
        return false;
    while (*s == ' ')
        s++;
    if (strnlen(s, 16) < 16 || s[4] != '-' || s[7] != '-' ||
        (s[10] != 'T' && s[10] != ' ') || s[13] != ':')
        return false;
    o->day.y = digits(s, 4);
    o->day.m = digits(s + 5, 2);
    o->day.d = digits(s + 8, 2);
    o->hh = digits(s + 11, 2);
    o->mm = digits(s + 14, 2);
    o->ss = 0;
    if (o->day.y < 0 || o->day.m < 0 || o->day.d < 0 || o->hh < 0 ||
        o->mm < 0 || !cc_date_valid(o->day))
        return false;
    s += 16;
    if (s[0] == ':' && digits(s + 1, 2) >= 0) {
        o->ss = digits(s + 1, 2);
        s += 3;
    }
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++)
            ;
    o->utc = *s == 'Z' || strncmp(s, "+00:00", 6) == 0 ||
             strncmp(s, "+0000", 5) == 0 || strncmp(s, " UTC", 4) == 0 ||
             strncmp(s, " GMT", 4) == 0;
    return true;
}

/* Does local (a stamp of the page written in local time) show the same
 * instant as the UTC stamp u (same minutes and seconds, within a day)?
 * Then its day is the one readers saw. */
static bool same_instant(const struct stamp *u, const char *local,
                         struct cc_date *out)
{
    struct stamp l;
    long du, dl;

    if (!read_stamp(local, &l) || l.utc || l.mm != u->mm || l.ss != u->ss)
        return false;
    du = cc_date_days(u->day) * 24 + u->hh;
    dl = cc_date_days(l.day) * 24 + l.hh;
    if (dl - du > 14 || du - dl > 14)
        return false;
    *out = l.day;
    return true;
}

/* The calendar day of a UTC stamp as the page's readers saw it: the day
 * of a local stamp of the same instant elsewhere on the page; else a UTC
 * time of exactly 22:00 or 23:00 is a Central European midnight (the
 * next day). */
static struct cc_date local_day(const struct datectx *c,
                                const struct stamp *u)
{
    struct cc_date d;

    if (c->h) {
        for (size_t i = 0; i < NPUB; i++)
            if (same_instant(u, c->h->pub[i], &d))
                return d;
        for (size_t i = 0; i < NMOD; i++)
            if (same_instant(u, c->h->mod[i], &d))
                return d;
        for (int i = 0; i < JLD_NFIELDS; i++)
            if (same_instant(u, c->h->jld.value[i], &d))
                return d;
    }
    for (size_t i = 0; c->t && i < c->t->ndates; i++)
        if (same_instant(u, c->t->dates[i].value, &d))
            return d;
    if ((u->hh == 22 || u->hh == 23) && u->mm == 0 && u->ss == 0)
        return cc_date_from_days(cc_date_days(u->day) + 1);
    return u->day;
}

static bool try_value(const struct datectx *c, const char *v,
                      struct cc_date *out)
{
    struct cc_date d;
    struct stamp st;

    if (v && html_date_value(v, &d)) {
        if (read_stamp(v, &st) && st.utc &&
            cc_date_cmp(st.day, d) == 0)
            d = local_day(c, &st);
        if (html_date_plausible(d, c->today)) {
            *out = d;
            return true;
        }
    }
    return false;
}

static bool try_text(const struct datectx *c, const char *s,
                     struct cc_date *out)
{
    size_t len = s ? strlen(s) : 0, off = 0;

    while (off < len) {
        struct cc_date d;
        size_t end;

        if (!html_date_scan(s + off, len - off, c->mdy, &d, NULL, &end))
            return false;
        if (html_date_plausible(d, c->today)) {
            *out = d;
            return true;
        }
        off += end;
    }
    return false;
}

static bool try_cand(const struct datectx *c, const struct ht_tree *t,
                     const struct ht_datecand *k, struct cc_date *out)
{
    char *s;
    bool ok;

    if (k->value && try_value(c, k->value, out))
        return true;
    if (k->node < 0)
        return false;
    s = node_text(t, k->node, 256);
    ok = try_text(c, s, out);
    free(s);
    return ok;
}

/* Is node just before or among the H1_WINDOW_NODES nodes after the first
 * <h1>? */
static bool near_h1(const struct ht_tree *t, int32_t node)
{
    int32_t h1 = t->headline;

    return h1 >= 0 && node >= 0 && node > h1 - H1_WINDOW_BEFORE &&
           node <= h1 + H1_WINDOW_NODES && !ht_within(t, h1, node);
}

/* A date after a label ("Datum:", "Published") in the text of the page
 * that was kept, or that is near the headline. */
static bool labeled_date(const struct datectx *c, const struct ht_tree *t,
                         struct cc_date *out)
{
    struct cc_buf b;
    size_t off = 0, end;
    bool ok = false;

    cc_buf_init(&b, LABELED_BYTES + 8);
    for (size_t i = 0; i < t->count && b.len < LABELED_BYTES; i++) {
        const struct ht_node *n = &t->n[i];

        if (n->tag != HT_TEXT ||
            ((n->flags & HTF_DEAD) && !near_h1(t, (int32_t)i)))
            continue;
        if (b.len)
            cc_buf_addc(&b, ' ');
        if (cc_buf_add(&b, t->pool.data + n->off, n->len) != CC_OK)
            break;
    }
    while (b.data && off < b.len &&
           html_date_labeled(b.data + off, b.len - off, c->mdy, out, &end)) {
        if (html_date_plausible(*out, c->today)) {
            ok = true;
            break;
        }
        off += end;
    }
    cc_buf_free(&b);
    return ok;
}

/* When nothing above dated the page: a <time> or date-classed element
 * even in dropped furniture (an "artikelheader" dateline), the modified
 * date, then the first date in the main text, then in the page's text.
 * A page with a date somewhere is better served by it than by none. */
static bool last_resort(const struct datectx *c, const struct html_meta *h,
                        const struct ht_tree *t, int32_t root,
                        struct cc_date *out)
{
    struct cc_buf b;
    bool ok = false;

    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < t->ndates; i++) {
            const struct ht_datecand *k = &t->dates[i];

            if (k->is_time == (pass == 0) && try_cand(c, t, k, out))
                return true;
        }
    if (try_value(c, h->jld.value[JLD_MODIFIED], out))
        return true;
    for (size_t i = 0; i < NMOD; i++)
        if (try_value(c, h->mod[i], out))
            return true;
    cc_buf_init(&b, LAST_RESORT_BYTES + 8);
    if (root >= 0) {
        ht_text_of(t, root, &b, LAST_RESORT_BYTES);
        ok = b.data && try_text(c, b.data, out);
    }
    if (!ok && t->count > 0) {
        cc_buf_reset(&b);
        ht_text_of(t, 0, &b, LAST_RESORT_BYTES);
        ok = b.data && try_text(c, b.data, out);
    }
    cc_buf_free(&b);
    if (!ok)
        memset(out, 0, sizeof *out);
    return ok;
}

static bool page_date(const struct datectx *c, const struct html_meta *h,
                      const struct ht_tree *t, int32_t root, const char *url,
                      const char *canonical, struct cc_date *out)
{
    if (try_value(c, h->jld.value[JLD_PUBLISHED], out))
        return true;
    for (size_t i = 0; i < NPUB; i++)
        if (try_value(c, h->pub[i], out))
            return true;
    /* <time pubdate>, itemprop=datePublished on an element: in the main
     * content, near the headline, anywhere */
    for (int pass = 0; pass < 3; pass++)
        for (size_t i = 0; i < t->ndates; i++) {
            const struct ht_datecand *k = &t->dates[i];
            bool in = pass == 0   ? ht_within(t, root, k->node)
                      : pass == 1 ? near_h1(t, k->node)
                                  : true;

            if (k->pub && in && try_cand(c, t, k, out))
                return true;
        }
    /* <time> in the article, then near the headline */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < t->ndates; i++) {
            const struct ht_datecand *k = &t->dates[i];
            bool in = pass == 0 ? ht_within(t, root, k->node)
                                : near_h1(t, k->node);

            if (k->is_time && k->node >= 0 && in &&
                try_cand(c, t, k, out))
                return true;
        }
    /* date/byline classes near the headline, then in the article */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < t->ndates; i++) {
            const struct ht_datecand *k = &t->dates[i];
            bool in = pass == 0 ? near_h1(t, k->node)
                                : ht_within(t, root, k->node);

            if (!k->is_time && k->node >= 0 && in &&
                try_cand(c, t, k, out))
                return true;
        }
    /* a dateline: text just after the headline */
    if (t->headline >= 0 && t->n[t->headline].end < (int32_t)t->count) {
        struct cc_buf b;
        bool ok;
        int32_t start = t->n[t->headline].end;

        cc_buf_init(&b, DATELINE_BYTES + 8);
        for (int32_t i = start;
             i < (int32_t)t->count && b.len < DATELINE_BYTES;
             i = t->n[i].end) {
            if (b.len)
                cc_buf_addc(&b, ' ');
            ht_text_of(t, i, &b, DATELINE_BYTES - b.len);
        }
        ok = b.data && try_text(c, b.data, out);
        cc_buf_free(&b);
        if (ok)
            return true;
    }
    if (html_date_from_url(url, out) && html_date_plausible(*out, c->today))
        return true;
    if (html_date_from_url(canonical, out) &&
        html_date_plausible(*out, c->today))
        return true;
    if (html_date_from_url(h->slot[HM_OG_URL], out) &&
        html_date_plausible(*out, c->today))
        return true;
    if (labeled_date(c, t, out))
        return true;
    /* the first dated element of the page that was not dropped */
    for (size_t i = 0; i < t->ndates; i++) {
        const struct ht_datecand *k = &t->dates[i];

        if (k->node >= 0 && !(t->n[k->node].flags & HTF_DEAD) &&
            try_cand(c, t, k, out))
            return true;
    }
    return last_resort(c, h, t, root, out);
}

static void choose_dates(struct page *p, const struct html_meta *h,
                         const struct ht_tree *t, int32_t root)
{
    struct datectx c;

    c.today = cc_date_today();
    c.h = h;
    c.t = t;
    c.mdy = p->lang && strncasecmp(p->lang, "en", 2) == 0 &&
            !strcasestr(p->lang, "gb") && !strcasestr(p->lang, "au") &&
            !strcasestr(p->lang, "in") && !strcasestr(p->lang, "nz") &&
            !strcasestr(p->lang, "ie") && !strcasestr(p->lang, "za");
    page_date(&c, h, t, root, p->url, p->canonical, &p->published);
    if (!try_value(&c, h->jld.value[JLD_MODIFIED], &p->modified))
        for (size_t i = 0; i < NMOD; i++)
            if (try_value(&c, h->mod[i], &p->modified))
                break;
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
            char *x = node_text(tree, h->h1[i], TITLE_MAX);
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
    choose_dates(p, m, t, root);
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
