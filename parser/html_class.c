/*
 * parser/html_class.c -- what class and id attributes say about an
 * element: boilerplate, date/byline, or content.  See ht_classify() in
 * html_tree.h.
 */
#include "parser/html_tree.h"

#include <string.h>

#define TOKEN_MAX 64
#define TOKENS_MAX 64   /* tokens of one attribute looked at */

/* A part of a token (split on '-', '_', ':') equal to one of these. */
static const char *const boiler_words[] = {
    "ad", "ads", "adv", "advert", "advertisement", "affiliate",
    "breadcrumb", "breadcrumbs", "comment", "comments", "consent", "cookie",
    "cookies", "disclaimer", "disclosure", "footer", "gdpr", "login",
    "menu", "menus", "modal", "nav", "newsletter", "pager", "pagination",
    "placeholder", "popular", "popup", "promo", "related", "share",
    "sharing", "signup", "social", "sponsor", "sponsored", "subscribe",
    "tag", "tags", "ticker", "trending",
};

/* Parts naming an author box or byline (a biography, "more by",
 * follow links): not the article's text, as in trafilatura's author
 * exclusions. */
static const char *const author_words[] = {
    "author", "authors", "autor", "autoren", "authorbox", "authorinfo",
};

/* Layout words that name page furniture unless the same class or id also
 * names the article ("l-sidebar-fixed l-article-body-segment",
 * "entry-header"): readability's "maybe it's a candidate" rule. */
static const char *const weak_boiler_words[] = {
    "header", "sidebar", "banner", "masthead", "rail", "search",
};

/* Parts that name the article and override weak_boiler_words. */
static const char *const article_parts[] = {
    "article", "body", "content", "entry", "post", "text", "story",
    "column", "hentry",
};

/* A whole token starting with one of these (camelCase and run-together
 * names: "relatedPosts", "sharedaddy", "navbar"). */
static const char *const boiler_prefixes[] = {
    "advert", "affiliate", "breadcrumb", "comment", "consent", "cookie",
    "disclaimer", "disclosure", "footer", "gdpr", "menu", "nav",
    "newsletter", "outbrain", "pagination",
    "popular", "popup", "promo", "recommend", "related", "share",
    "skiplink", "social", "sponsor", "subscri", "taboola", "ticker",
    "toolbar", "trending",
};

/* A whole token ending with one of these ("mainnav", "sitefooter"). */
static const char *const boiler_suffixes[] = {
    "nav", "navigation", "menu", "footer", "breadcrumb", "breadcrumbs",
    "comments", "related", "popup",
};

static const char *const weak_boiler_prefixes[] = {
    "header", "sidebar", "banner", "masthead",
};

static const char *const weak_boiler_suffixes[] = {
    "header", "sidebar", "banner",
};

/* Whole tokens. */
static const char *const boiler_phrases[] = {
    "author-bio", "author_bio", "authorbio", "about-author", "author-box",
    "more-news", "more_news", "morenews", "read-also", "also-read",
    "see-also", "readalso", "sr-only", "visually-hidden", "visuallyhidden",
    "screen-reader-text", "hidden", "invisible",
};

/* Parts that make a token a modifier ("o-section--has-ads",
 * "with-sidebar"): such a token describes a neighbour, not the element. */
static const char *const modifier_parts[] = {
    "has", "with", "no", "without", "hide", "show",
};

/* Tokens that look like boilerplate but are not. */
static const char *const boiler_exceptions[] = {
    "commentary", "comment-body-article", "navigable", "menu-article",
};

static const char *const content_words[] = {
    "article", "body", "content", "entry", "hentry", "main", "page", "post",
    "text", "blog", "story",
};

static const char *const weak_negative_words[] = {
    "meta", "media", "tool", "tools", "contact", "foot", "skyscraper",
    "shoutbox", "combx", "shopping",
};

static const char *const date_substrings[] = {
    "date", "publish", "posted", "byline", "datum", "fecha", "timestamp",
};

static const char *const date_words[] = {"time", "meta", "info"};

/* Parts naming the line above (or below) a headline, not the headline. */
static const char *const kicker_words[] = {
    "kicker", "dachzeile", "overline", "topline", "roofline", "eyebrow",
    "supertitle", "pretitle", "spitzmarke", "overhead", "strapline",
};

static const char *const title_words[] = {"headline", "title"};

/* Parts naming a picture's caption or credit: laid out like <figcaption>,
 * i.e. left out of the text. */
static const char *const caption_words[] = {
    "caption", "captions", "figcaption", "bildunterschrift", "bildtext",
    "bilduntertitel", "legend", "legende", "credit", "credits",
};

#define N(a) (sizeof a / sizeof *a)

static bool in_list(const char *const *list, size_t n, const char *s,
                    size_t len)
{
    /* the first byte rules out most words without a strlen() */
    for (size_t i = 0; i < n; i++)
        if (len && list[i][0] == s[0] && strlen(list[i]) == len &&
            memcmp(list[i], s, len) == 0)
            return true;
    return false;
}

static bool any_prefix(const char *const *list, size_t n, const char *s,
                       size_t len)
{
    for (size_t i = 0; i < n; i++) {
        size_t k;

        if (!len || list[i][0] != s[0])
            continue;
        k = strlen(list[i]);
        if (k <= len && memcmp(list[i], s, k) == 0)
            return true;
    }
    return false;
}

static bool any_suffix(const char *const *list, size_t n, const char *s,
                       size_t len)
{
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(list[i]);

        if (k < len && memcmp(list[i], s + len - k, k) == 0)
            return true;
    }
    return false;
}

static bool any_substring(const char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(s, list[i]))
            return true;
    return false;
}

/* Does some -/_/: part of tok equal a word of list? */
static bool any_part(const char *const *list, size_t n, const char *tok,
                     size_t len)
{
    size_t i = 0;

    while (i < len) {
        size_t j = i;

        while (j < len && tok[j] != '-' && tok[j] != '_' && tok[j] != ':')
            j++;
        if (j > i && in_list(list, n, tok + i, j - i))
            return true;
        i = j + 1;
    }
    return false;
}

struct verdict {
    bool boiler, weak, comment, article, date, positive, negative;
    bool kicker, title, caption;
    bool entry;    /* microformats "hentry"/"h-entry": a post itself */
};

static void token(const char *tok, size_t len, struct verdict *v)
{
    if ((len == 6 && memcmp(tok, "hentry", 6) == 0) ||
        (len == 7 && memcmp(tok, "h-entry", 7) == 0))
        v->entry = true;
    if (in_list(boiler_exceptions, N(boiler_exceptions), tok, len) ||
        any_part(modifier_parts, N(modifier_parts), tok, len)) {
        v->positive = v->positive ||
                      any_substring(content_words, N(content_words), tok);
        return;
    }
    /* a one-word BEM modifier ("TestReport__Section--Ads") names a
     * variant of the block before it, or what sits beside it: only the
     * block and element parts name the element.  Drupal's key-value
     * modifiers ("paragraph--type--related-articles") still count. */
    const char *bem = strstr(tok, "--");
    size_t base = len;

    if (bem && bem > tok && !strpbrk(bem + 2, "-_:"))
        base = (size_t)(bem - tok);

    if (in_list(boiler_phrases, N(boiler_phrases), tok, len) ||
        any_prefix(boiler_prefixes, N(boiler_prefixes), tok, base) ||
        any_suffix(boiler_suffixes, N(boiler_suffixes), tok, base) ||
        any_part(boiler_words, N(boiler_words), tok, base) ||
        any_part(author_words, N(author_words), tok, base)) {
        v->boiler = true;
        if (strstr(tok, "comment") || strstr(tok, "disqus"))
            v->comment = true;
    }
    if (any_prefix(weak_boiler_prefixes, N(weak_boiler_prefixes), tok, len) ||
        any_suffix(weak_boiler_suffixes, N(weak_boiler_suffixes), tok, len) ||
        any_part(weak_boiler_words, N(weak_boiler_words), tok, len))
        v->weak = true;
    if (any_part(article_parts, N(article_parts), tok, len))
        v->article = true;
    if (any_substring(date_substrings, N(date_substrings), tok) ||
        any_part(date_words, N(date_words), tok, len))
        v->date = true;
    if (any_substring(content_words, N(content_words), tok))
        v->positive = true;
    if (any_part(weak_negative_words, N(weak_negative_words), tok, len))
        v->negative = true;
    if (any_part(caption_words, N(caption_words), tok, len))
        v->caption = true;
    if (any_part(kicker_words, N(kicker_words), tok, len))
        v->kicker = true;
    else if (any_part(title_words, N(title_words), tok, len))
        v->title = true;
}

static void attribute(const char *s, struct verdict *v)
{
    for (int count = 0; s && *s && count < TOKENS_MAX; count++) {
        char tok[TOKEN_MAX];
        size_t n = 0;

        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
               *s == '\f')
            s++;
        while (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r' &&
               *s != '\f') {
            char c = *s++;

            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (n + 1 < sizeof tok)
                tok[n++] = c;
        }
        tok[n] = '\0';
        if (n)
            token(tok, n, v);
    }
}

uint16_t ht_classify(const char *cls, const char *id, int16_t *weight)
{
    struct verdict vc = {0}, vi = {0};
    uint16_t flags = 0;

    attribute(cls, &vc);
    attribute(id, &vi);
    if (!vc.article && !vi.article) {
        vc.boiler = vc.boiler || vc.weak;
        vi.boiler = vi.boiler || vi.weak;
    }
    /* a microformats entry is the post whatever else its class list
     * says: blog engines add "tag-<name>", "category-<name>" and the
     * like to the post's own element */
    if (vc.entry)
        vc.boiler = vc.comment = false;
    *weight = (int16_t)((vc.positive ? 25 : 0) - (vc.boiler || vc.negative
                                                      ? 25 : 0) +
                        (vi.positive ? 25 : 0) -
                        (vi.boiler || vi.negative ? 25 : 0));
    if (vc.boiler || vi.boiler)
        flags |= HTF_BOILER;
    if (vc.comment || vi.comment)
        flags |= HTF_BOILER_COMMENT;
    if (vc.date || vi.date)
        flags |= HTF_DATECLASS;
    if (vc.caption || vi.caption)
        flags |= HTF_CAPTION;
    if (vc.kicker || vi.kicker)
        flags |= HTF_KICKER;
    else if (vc.title || vi.title)
        flags |= HTF_TITLEPART;
    return flags;
}
