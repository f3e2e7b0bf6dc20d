/*
 * parser/html_pubdate.c -- the page's publication and modification dates
 * from what the walk collected (metadata, JSON-LD, dated elements, the
 * text after the headline, the URL).  The order of trust is in
 * html_meta.h.
 */
#include "parser/html_meta.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parser/html_date.h"
#include "parser/html_url.h"

#define H1_WINDOW_NODES 200    /* "near the headline": nodes after <h1> */
#define H1_WINDOW_BEFORE 30    /* ... and nodes before it */
#define DATELINE_BYTES 600     /* text after <h1> searched for a dateline */
#define LAST_RESORT_BYTES (64u << 10)  /* text searched for any date */
#define LABELED_BYTES (256u << 10)  /* text searched for "Published: ..." */
#define HEADLINE_LIST_DATES 3  /* different dates near <h1>: a teaser list */
#define HEADLINE_BYLINE_NODES 30  /* nodes after <h1> where a dropped
                                     dated element still is the byline */

#define ZONE_UNKNOWN 99

/* Standard UTC offset of the readers of a language (primary subtag; a
 * region subtag decides for English and Portuguese) and whether they
 * keep European summer time.  Languages spoken across many zones
 * (English in America, Spanish, Arabic) are left out. */
static const struct {
    const char *lang;
    int zone;
    bool dst;
} zones[] = {
    {"bg", 2, true}, {"bs", 1, true}, {"cs", 1, true}, {"da", 1, true},
    {"de", 1, true}, {"el", 2, true}, {"en-gb", 0, true},
    {"en-ie", 0, true}, {"et", 2, true}, {"fi", 2, true}, {"fr", 1, true},
    {"hr", 1, true}, {"hu", 1, true}, {"it", 1, true}, {"ja", 9, false},
    {"ko", 9, false}, {"lt", 2, true}, {"lv", 2, true}, {"nb", 1, true},
    {"nl", 1, true}, {"nn", 1, true}, {"no", 1, true}, {"pl", 1, true},
    {"pt-pt", 0, true}, {"ro", 2, true}, {"ru", 3, false},
    {"sk", 1, true}, {"sl", 1, true}, {"sr", 1, true}, {"sv", 1, true},
    {"tr", 3, false}, {"uk", 2, true}, {"vi", 7, false}, {"zh", 8, false},
};

/* Does a language subtag end at c? */
static bool subtag_end(char c)
{
    return c == '\0' || c == '-' || c == '_';
}

/* The zone of lang (a language tag, may be NULL) from zones[]. */
static void guess_zone(const char *lang, int *zone, bool *dst)
{
    *zone = ZONE_UNKNOWN;
    *dst = false;
    if (!lang || strnlen(lang, 3) < 2 || !subtag_end(lang[2]))
        return;
    for (size_t i = 0; i < sizeof zones / sizeof *zones; i++) {
        const char *z = zones[i].lang;

        /* "de" matches "de", "de-AT", "de_CH"; "en-gb" only "en-GB..." */
        if (strncasecmp(lang, z, 2) != 0)
            continue;
        if (z[2] && (lang[2] == '\0' || strnlen(lang + 3, 2) < 2 ||
                     strncasecmp(lang + 3, z + 3, 2) != 0 ||
                     !subtag_end(lang[5])))
            continue;
        *zone = zones[i].zone;
        *dst = zones[i].dst;
        return;
    }
}

struct datectx {
    struct cc_date today;
    bool mdy;
    int zone;      /* readers' UTC offset in hours guessed from the page's
                      language, or ZONE_UNKNOWN */
    bool dst;      /* ... plus one hour from April to October */
    const struct html_meta *h;   /* every stamp of the page, for UTC ones */
    const struct ht_tree *t;
};

/* A timestamp "YYYY-MM-DD[T ]HH:MM[:SS][.fff][Z|+HH:MM|+HHMM]". */
struct stamp {
    struct cc_date day;
    int hh, mm, ss;
    bool utc;     /* Z, +00:00, +0000, " UTC", " GMT" */
};

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
    o->day.y = cc_digits(s, 4);
    o->day.m = cc_digits(s + 5, 2);
    o->day.d = cc_digits(s + 8, 2);
    o->hh = cc_digits(s + 11, 2);
    o->mm = cc_digits(s + 14, 2);
    o->ss = 0;
    if (o->day.y < 0 || o->day.m < 0 || o->day.d < 0 || o->hh < 0 ||
        o->mm < 0 || !cc_date_valid(o->day))
        return false;
    s += 16;
    if (s[0] == ':' && cc_digits(s + 1, 2) >= 0) {
        o->ss = cc_digits(s + 1, 2);
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
 * of a local stamp of the same instant elsewhere on the page; else the
 * day in the zone of the page's language (guess_zone()); else a UTC time
 * of exactly 22:00 or 23:00 is a Central European midnight (the next
 * day). */
static struct cc_date local_day(const struct datectx *c,
                                const struct stamp *u)
{
    struct cc_date d;

    if (c->h) {
        for (size_t i = 0; i < html_meta_npub; i++)
            if (same_instant(u, c->h->pub[i], &d))
                return d;
        for (size_t i = 0; i < html_meta_nmod; i++)
            if (same_instant(u, c->h->mod[i], &d))
                return d;
        for (int i = 0; i < JLD_NFIELDS; i++)
            if (same_instant(u, c->h->jld.value[i], &d))
                return d;
    }
    for (size_t i = 0; c->t && i < c->t->ndates; i++)
        if (same_instant(u, c->t->dates[i].value, &d))
            return d;
    if (c->zone != ZONE_UNKNOWN) {
        int h = u->hh + c->zone +
                (c->dst && u->day.m >= 4 && u->day.m <= 10 ? 1 : 0);

        return h >= 24 ? cc_date_from_days(cc_date_days(u->day) + 1)
                       : u->day;
    }
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
    struct cc_date asis, shown;

    if (k->value && try_value(c, k->value, out)) {
        /* a UTC stamp moved to the readers' day, on an element that shows
         * the day as written: what the page shows wins */
        if (k->node >= 0 && html_date_value(k->value, &asis) &&
            cc_date_cmp(asis, *out) != 0) {
            s = html_meta_node_text(t, k->node, 256);
            if (try_text(c, s, &shown) && cc_date_cmp(shown, asis) == 0)
                *out = asis;
            free(s);
        }
        return true;
    }
    if (k->node < 0)
        return false;
    s = html_meta_node_text(t, k->node, 256);
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
    for (size_t i = 0; i < html_meta_nmod; i++)
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
    /* a timestamp in script data or a dated URL in the markup */
    if (!ok && cc_date_set(h->raw_stamp)) {
        *out = h->raw_stamp;
        ok = true;
    }
    if (!ok && cc_date_set(h->raw_path)) {
        *out = h->raw_path;
        ok = true;
    }
    /* a short date ("02.12.19") in the page's text, still in b */
    if (!ok && t->count > 0)
        ok = b.data && html_date_scan_short(b.data, b.len, c->today, out);
    cc_buf_free(&b);
    if (!ok)
        memset(out, 0, sizeof *out);
    return ok;
}

/* The stages of page_date(), most trusted first. */
enum stage {
    ST_JLD, ST_META, ST_URL, ST_PUBEL, ST_TIME, ST_CLASS, ST_DATELINE,
    ST_LABEL, ST_FIRST, ST_LAST, ST_N
};

struct pagectx {
    const struct datectx *c;
    const struct html_meta *h;
    const struct ht_tree *t;
    int32_t root;
    const char *url, *canonical;
};

/* The first date in the text just after the headline. */
static bool dateline(const struct datectx *c, const struct ht_tree *t,
                     struct cc_date *out)
{
    struct cc_buf b;
    bool ok;
    int32_t start;

    if (t->headline < 0 || t->n[t->headline].end >= (int32_t)t->count)
        return false;
    start = t->n[t->headline].end;
    cc_buf_init(&b, DATELINE_BYTES + 8);
    for (int32_t i = start; i < (int32_t)t->count && b.len < DATELINE_BYTES;
         i = t->n[i].end) {
        if (b.len)
            cc_buf_addc(&b, ' ');
        ht_text_of(t, i, &b, DATELINE_BYTES - b.len);
    }
    ok = b.data && try_text(c, b.data, out);
    cc_buf_free(&b);
    return ok;
}

static bool url_date(const struct datectx *c, const char *url,
                     struct cc_date *out)
{
    return html_date_from_url(url, out) &&
           html_date_plausible(*out, c->today);
}

/* Date the page by stage s alone. */
static bool stage(const struct pagectx *x, enum stage s, struct cc_date *out)
{
    const struct datectx *c = x->c;
    const struct html_meta *h = x->h;
    const struct ht_tree *t = x->t;
    int32_t root = x->root;

    switch (s) {
    case ST_JLD:
        return try_value(c, h->jld.value[JLD_PUBLISHED], out);
    case ST_META:
        for (size_t i = 0; i < html_meta_npub; i++)
            if (try_value(c, h->pub[i], out))
                return true;
        return false;
    case ST_PUBEL:
        /* <time pubdate>, itemprop=datePublished on an element: in the
         * main content, near the headline, anywhere */
        for (int pass = 0; pass < 3; pass++)
            for (size_t i = 0; i < t->ndates; i++) {
                const struct ht_datecand *k = &t->dates[i];
                bool in = pass == 0   ? ht_within(t, root, k->node)
                          : pass == 1 ? near_h1(t, k->node)
                                      : true;

                if (k->pub && in && try_cand(c, t, k, out))
                    return true;
            }
        return false;
    case ST_TIME:
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
        return false;
    case ST_CLASS:
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
        return false;
    case ST_DATELINE:
        return dateline(c, t, out);
    case ST_URL:
        return url_date(c, x->url, out) || url_date(c, x->canonical, out) ||
               url_date(c, h->slot[HM_OG_URL], out);
    case ST_LABEL:
        return labeled_date(c, t, out);
    case ST_FIRST:
        /* the first dated element of the page that was not dropped */
        for (size_t i = 0; i < t->ndates; i++) {
            const struct ht_datecand *k = &t->dates[i];

            if (k->node >= 0 && !(t->n[k->node].flags & HTF_DEAD) &&
                try_cand(c, t, k, out))
                return true;
        }
        return false;
    case ST_LAST:
        return last_resort(c, h, t, root, out);
    case ST_N:
        break;
    }
    return false;
}

/* Is node i inside nav, footer, aside or a hidden element? */
static bool in_furniture(const struct ht_tree *t, int32_t i)
{
    for (; i >= 0; i = t->n[i].parent)
        if (t->n[i].flags & HTF_BOILER_TAG)
            return true;
    return false;
}

/* Is date candidate k (a <time>, a date/byline-classed element) shown
 * in the article head?  Near the headline and kept by the extractor, or
 * just below the headline outside furniture (a byline the extractor
 * drops with its author box). */
static bool in_head(const struct ht_tree *t, const struct ht_datecand *k)
{
    int32_t after = k->node - t->headline;

    if (k->pub || k->node < 0 || !near_h1(t, k->node))
        return false;
    return !(t->n[k->node].flags & HTF_DEAD) ||
           (after > 0 && after < HEADLINE_BYLINE_NODES &&
            !in_furniture(t, k->node));
}

/* The date a reader sees in the article head (in_head()): the first one
 * below the headline, else the first above it (a masthead may show
 * today's date).  HEADLINE_LIST_DATES or more different dates there are
 * a list of teasers ("most read"), not the article's date: none then. */
static bool headline_date(const struct pagectx *x, struct cc_date *out)
{
    const struct ht_tree *t = x->t;
    struct cc_date seen[HEADLINE_LIST_DATES];
    size_t nseen = 0;
    bool below = false;

    for (size_t i = 0; i < t->ndates; i++) {
        const struct ht_datecand *k = &t->dates[i];
        struct cc_date d;
        size_t j;

        if (!in_head(t, k) || !try_cand(x->c, t, k, &d))
            continue;
        if (!below && k->node > t->headline) {
            *out = d;
            below = true;
        }
        for (j = 0; j < nseen && cc_date_cmp(seen[j], d) != 0; j++)
            ;
        if (j < nseen)
            continue;
        if (nseen + 1 == HEADLINE_LIST_DATES)
            return false;
        seen[nseen++] = d;
    }
    if (nseen > 0 && !below)
        *out = seen[0];
    return nseen > 0;
}

/* Generic date keys: Dublin Core's date of the resource (often its last
 * change) and schema.org dateCreated, not a publication date. */
static const char *const generic_keys[] = {
    "dc.date", "dcterms.date", "itemprop:datecreated",
};

/* Does m->pub[i] hold one of generic_keys?  Asked of html_meta_key(),
 * which alone knows where each key goes. */
static bool generic_key(size_t i)
{
    bool hit = false;

    for (size_t k = 0; k < sizeof generic_keys / sizeof *generic_keys && !hit;
         k++) {
        struct html_meta probe;

        memset(&probe, 0, sizeof probe);
        html_meta_key(&probe, generic_keys[k], "x");
        hit = i < html_meta_npub && probe.pub[i] != NULL;
        html_meta_free(&probe);
    }
    return hit;
}

/* The page was dated by a generic meta key only (no JSON-LD, no
 * publication key): the first dated element the extractor kept wins
 * over it. */
static bool generic_meta_loses(const struct pagectx *x, struct cc_date *out)
{
    const struct ht_tree *t = x->t;
    struct cc_date d;
    size_t i;

    for (i = 0; i < html_meta_npub; i++)
        if (try_value(x->c, x->h->pub[i], &d))
            break;
    if (i == html_meta_npub || !generic_key(i))
        return false;
    for (size_t j = 0; j < t->ndates; j++) {
        const struct ht_datecand *k = &t->dates[j];

        if (k->pub || k->node < 0 || (t->n[k->node].flags & HTF_DEAD) ||
            !try_cand(x->c, t, k, &d))
            continue;
        *out = d;
        return true;
    }
    return false;
}

/* Are a and b the same day with day and month read the other way round
 * ("02/11/2023")? */
static bool swapped(struct cc_date a, struct cc_date b)
{
    return a.y == b.y && a.m == b.d && a.d == b.m && a.m != a.d;
}

/* The first stage that dates the page decides, but for the corrections
 * between stages documented in html_meta.h. */
static bool page_date(const struct pagectx *x, struct cc_date *out)
{
    struct cc_date v;

    for (int s = 0; s < ST_N; s++) {
        if (!stage(x, (enum stage)s, out))
            continue;
        /* JSON-LD and meta tags disagreeing: the later one (JSON-LD often
         * keeps the day the CMS object was created) */
        if (s == ST_JLD && stage(x, ST_META, &v) && cc_date_cmp(v, *out) > 0)
            *out = v;
        if (s == ST_META && generic_meta_loses(x, out))
            return true;
        /* metadata and <time> elements lose to the date shown in the
         * article head */
        if ((s == ST_JLD || s == ST_META || s == ST_TIME) &&
            headline_date(x, &v) && !swapped(v, *out))
            *out = v;
        return true;
    }
    return false;
}

void html_pubdate_choose(const struct html_meta *h, const struct ht_tree *t,
                         int32_t root, struct page *p)
{
    struct datectx c;
    struct pagectx x;

    c.today = cc_date_today();
    c.h = h;
    c.t = t;
    guess_zone(p->lang, &c.zone, &c.dst);
    c.mdy = p->lang && strncasecmp(p->lang, "en", 2) == 0 &&
            !strcasestr(p->lang, "gb") && !strcasestr(p->lang, "au") &&
            !strcasestr(p->lang, "in") && !strcasestr(p->lang, "nz") &&
            !strcasestr(p->lang, "ie") && !strcasestr(p->lang, "za");
    x.c = &c;
    x.h = h;
    x.t = t;
    x.root = root;
    x.url = p->url;
    x.canonical = p->canonical;
    page_date(&x, &p->published);
    if (!try_value(&c, h->jld.value[JLD_MODIFIED], &p->modified))
        for (size_t i = 0; i < html_meta_nmod; i++)
            if (try_value(&c, h->mod[i], &p->modified))
                break;
}
