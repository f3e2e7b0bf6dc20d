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
    for (size_t i = 0; i < html_meta_npub; i++)
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

void html_pubdate_choose(const struct html_meta *h, const struct ht_tree *t,
                         int32_t root, struct page *p)
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
        for (size_t i = 0; i < html_meta_nmod; i++)
            if (try_value(&c, h->mod[i], &p->modified))
                break;
}
