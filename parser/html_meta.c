/*
 * parser/html_meta.c -- the page's metadata from what the walk collected:
 * site, author, language, canonical link (the title is html_title.c's,
 * the dates html_pubdate.c's).  See html_meta.h for the orders of trust.
 */
#include "parser/html_meta.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
    {"description", HM_DESC}, {"og:description", HM_OG_DESC},
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

char *html_meta_clean(const char *s, size_t max)
{
    struct cc_buf b;
    bool space = false;

    if (!s)
        return NULL;
    cc_buf_init(&b, max + 1);
    while (*s) {
        size_t k = ht_seq_len((unsigned char)*s);
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

bool html_meta_home_link(const char *href)
{
    const char *p, *q;

    if (!href)
        return false;
    while (*href == ' ')
        href++;
    if (!strcmp(href, "/") || !strcmp(href, "./"))
        return true;
    /* the last "://" (an archive's copy wraps the original URL) */
    for (p = NULL, q = href; (q = strstr(q, "://")) != NULL; q += 3)
        p = q + 3;
    if (!p || !*p)
        return false;
    p += strcspn(p, "/?#");
    return !*p || !strcmp(p, "/");
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
    html_title_choose(p, h, tree, host);
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
